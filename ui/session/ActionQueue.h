#pragma once

#include "models/console/ConsoleAction.h"

#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QString>

#include <optional>

class OpsClient;

/// One node's state-changing requests from this console, in the order the user made them.
///
/// submit() records an action (durably, once a store is open: a console restart keeps what is
/// pending) and sends it at once while the node is live; otherwise it stays *pending* until
/// setLive(true), when the pending ones are sent oldest first, one at a time, each with its own
/// Idempotency-Key. A 2xx answer makes it Applied; a final refusal (400, 403, 404, 409, 422) makes it
/// Refused with the node's words; no answer, 5xx, 503 or 401 leaves it pending for the next try —
/// never resent under a new key, so the node acts at most once.
class ActionQueue : public QObject
{
    Q_OBJECT

public:
    ActionQueue(const QString& nodeId, OpsClient* client, QObject* parent = nullptr);
    ~ActionQueue() override;

    /// Keeps actions in this SQLite file (created when missing) and loads those still pending.
    /// Without a store the queue works in memory only.
    bool openStore(const QString& path, QString* errorString = nullptr);

    /// Records the action (fills key, nodeId, createdAtMs and state when unset) and sends it now if
    /// live. Returns its key; follow it with actionChanged().
    QString submit(ConsoleAction action);
    /// Live: signed in and the stream is up. Going live sends what is pending.
    void setLive(bool live);
    bool isLive() const { return m_live; }
    /// Sends what is pending again now (the user pressed "retry"), if live.
    void flush();

    /// Pending actions first (oldest first), then the most recent finished ones (newest first).
    QList<ConsoleAction> actions() const;
    QList<ConsoleAction> pending() const;
    std::optional<ConsoleAction> action(const QString& key) const;
    /// The newest pending action on this target ("alert:3"), if any.
    std::optional<ConsoleAction> pendingFor(const QString& target) const;

signals:
    /// An action was recorded or its state changed (pending → applied / refused), or it was sent
    /// again (attempts changed).
    void actionChanged(const ConsoleAction& action);

private:
    void sendNext();
    void loadPending(const QJsonObject& stored);
    void finish(const QString& key, int status, const QJsonObject& json, const QString& error);
    int indexOf(const QString& key) const;
    void save(const ConsoleAction& action);

    QString m_nodeId;
    OpsClient* m_client = nullptr;
    QList<ConsoleAction> m_actions;  ///< in submission order
    QString m_inFlight;              ///< key of the action being sent; one at a time keeps the order
    bool m_live = false;
    QString m_storeConnection;       ///< QSqlDatabase connection name; empty without a store
};
