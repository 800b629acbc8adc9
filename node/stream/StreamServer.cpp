#include "node/stream/StreamServer.h"

#include <QWebSocket>

StreamServer::StreamServer(EventHub& hub, TokenValidator validator, const QString& nodeId, QObject* parent)
    : QObject(parent)
    , m_hub(hub)
    , m_validator(std::move(validator))
    , m_nodeId(nodeId)
{
}

StreamServer::~StreamServer()
{
    shutdown();
    // Sessions are our children and go with us; none may report back to a half-destroyed server.
    for (StreamSession* session : std::as_const(m_sessions))
        session->disconnect(this);
}

void StreamServer::accept(QWebSocket* socket)
{
    if (!socket)
        return;
    auto* session = new StreamSession(socket, m_hub, m_validator, m_nodeId, m_options, this);
    m_sessions.insert(session);
    connect(session, &StreamSession::finished, this, [this, session] {
        if (m_sessions.remove(session)) {
            session->deleteLater();
            emit sessionFinished();
        }
    });
    session->start();
}

void StreamServer::shutdown()
{
    // closeWith() may finish a session synchronously, which edits m_sessions.
    const QSet<StreamSession*> sessions = m_sessions;
    for (StreamSession* session : sessions)
        session->closeWith(QWebSocketProtocol::CloseCodeGoingAway, QStringLiteral("node shutting down"));
}
