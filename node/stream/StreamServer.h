#pragma once

#include "node/stream/StreamSession.h"

#include <QObject>
#include <QSet>
#include <QWebSocket>

#include <memory>

class EventHub;

/// Owns the open live-stream connections. The ops API's HTTP server hands each upgraded WebSocket
/// over with accept() (STYLE.md section 2.4; in Qt 6.4 `nextPendingWebSocketConnection()` returns a
/// std::unique_ptr, and the Authorization header of the upgrade stays readable through
/// QWebSocket::request()); the protocol is documented in StreamSession.h.
class StreamServer : public QObject
{
    Q_OBJECT
public:
    StreamServer(EventHub& hub, TokenValidator validator, const QString& nodeId, QObject* parent = nullptr);
    /// Closes every connection with 1001.
    ~StreamServer() override;

    /// Applies to connections accepted afterwards.
    void setOptions(const StreamSessionOptions& options) { m_options = options; }
    const StreamSessionOptions& options() const { return m_options; }

    /// Takes ownership of an open WebSocket and starts its session.
    void accept(QWebSocket* socket);
    void accept(std::unique_ptr<QWebSocket> socket) { accept(socket.release()); }
    int sessionCount() const { return int(m_sessions.size()); }
    /// Closes every connection with 1001 "node shutting down"; they leave as their peers answer.
    void shutdown();

signals:
    /// A connection ended; sessionCount() is already updated.
    void sessionFinished();

private:
    EventHub& m_hub;
    TokenValidator m_validator;
    QString m_nodeId;
    StreamSessionOptions m_options;
    QSet<StreamSession*> m_sessions;
};
