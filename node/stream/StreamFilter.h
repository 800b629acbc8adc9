#pragma once

#include "node/auth/Principal.h"
#include "node/stream/StreamTypes.h"

#include <QSet>

/// Which events one stream client receives: the topics it subscribed to, narrowed by what its role
/// may see. The rules (also in the protocol comment of StreamSession.h):
/// - stats: every role;
/// - messages: every role; nurses only events of their units (never one without a unit); when the
///   client named correlation IDs, only events of those messages;
/// - deadLetters: support and admin;
/// - alerts: support and admin all; nurses only clinical alerts of their units;
/// - audit: support and admin;
/// - any event with a unit, whatever its topic, only if Principal::maySee(unit).
class StreamFilter
{
public:
    StreamFilter() = default;
    StreamFilter(const Principal& principal, const QSet<QString>& topics, const QSet<QByteArray>& correlationIds);

    /// Whether `role` may subscribe to `topic` at all.
    static bool topicAllowed(Role role, const QString& topic);

    /// Tokens are re-checked while a session runs; the role or units may have changed meanwhile.
    void setPrincipal(const Principal& principal) { m_principal = principal; }
    const Principal& principal() const { return m_principal; }
    const QSet<QString>& topics() const { return m_topics; }

    bool accepts(const StreamEvent& event) const;

private:
    Principal m_principal;
    QSet<QString> m_topics;                          ///< as subscribed; the role is checked per event
    QSet<QByteArray> m_correlationIds;               ///< empty = all message events
};
