#pragma once

#include <QSslServer>
#include <QTcpServer>

/// The API server's listeners: every accepted connection gets a RequestSizeGuard before
/// QHttpServer sees it (QAbstractHttpServer takes sockets through the virtual
/// nextPendingConnection(), so the guard's readyRead slot is connected first).
class GuardedSslServer : public QSslServer
{
public:
    explicit GuardedSslServer(qint64 maxBodyBytes, QObject* parent = nullptr);
    QTcpSocket* nextPendingConnection() override;

private:
    qint64 m_maxBodyBytes;
};

/// Plain HTTP, for --insecure-dev only.
class GuardedTcpServer : public QTcpServer
{
public:
    explicit GuardedTcpServer(qint64 maxBodyBytes, QObject* parent = nullptr);
    QTcpSocket* nextPendingConnection() override;

private:
    qint64 m_maxBodyBytes;
};
