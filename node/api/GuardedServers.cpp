#include "node/api/GuardedServers.h"

#include "node/api/RequestSizeGuard.h"

#include <QTcpSocket>

GuardedSslServer::GuardedSslServer(qint64 maxBodyBytes, QObject* parent)
    : QSslServer(parent)
    , m_maxBodyBytes(maxBodyBytes)
{
}

QTcpSocket* GuardedSslServer::nextPendingConnection()
{
    QTcpSocket* socket = QSslServer::nextPendingConnection();
    if (socket)
        RequestSizeGuard::attach(socket, m_maxBodyBytes);
    return socket;
}

GuardedTcpServer::GuardedTcpServer(qint64 maxBodyBytes, QObject* parent)
    : QTcpServer(parent)
    , m_maxBodyBytes(maxBodyBytes)
{
}

QTcpSocket* GuardedTcpServer::nextPendingConnection()
{
    QTcpSocket* socket = QTcpServer::nextPendingConnection();
    if (socket)
        RequestSizeGuard::attach(socket, m_maxBodyBytes);
    return socket;
}
