#include "net/mllp/MllpServer.h"

#include "net/mllp/MllpFrameDecoder.h"

#include <QLoggingCategory>
#include <QSslSocket>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>

#include <chrono>
#include <functional>
#include <unordered_map>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcMllpServer, "vigil.net.mllp.server")

namespace {

// Hands accepted descriptors to the server, so that it can refuse over the limit and wrap TLS before
// any byte is read (QTcpServer's pending queue would do neither).
class Listener : public QTcpServer
{
public:
    using QTcpServer::QTcpServer;
    std::function<void(qintptr)> onIncoming;

protected:
    void incomingConnection(qintptr socketDescriptor) override { onIncoming(socketDescriptor); }
};

// A closing socket may still hold a response that the peer is not reading; give up on it after this.
constexpr int CloseLingerMs = 5000;
constexpr qsizetype ReadChunkBytes = 64 * 1024;

bool isTlsError(QAbstractSocket::SocketError error)
{
    return error == QAbstractSocket::SslHandshakeFailedError || error == QAbstractSocket::SslInternalError
        || error == QAbstractSocket::SslInvalidUserDataError;
}

QString peerString(const QTcpSocket* socket)
{
    const QHostAddress address = socket->peerAddress();
    const QString host
        = address.protocol() == QAbstractSocket::IPv6Protocol ? u'[' + address.toString() + u']' : address.toString();
    return host + u':' + QString::number(socket->peerPort());
}

} // namespace

struct MllpServer::Private
{
    struct Connection
    {
        QTcpSocket* socket = nullptr;
        QTimer* idleTimer = nullptr; // child of socket
        MllpFrameDecoder decoder;
        qint64 lastReceiveNs = 0;
        bool tlsEstablished = false;

        explicit Connection(qsizetype maxFrameBytes)
            : decoder(maxFrameBytes)
        {
        }
    };
    enum class CloseCause { Owner, Peer, Idle, Error };

    MllpServer* q;
    MllpServerOptions options;
    Listener* listener;
    std::unordered_map<quint64, std::unique_ptr<Connection>> connections;
    quint64 nextId = 1;
    QByteArray readBuffer;

    Private(MllpServer* server, MllpServerOptions opts)
        : q(server)
        , options(std::move(opts))
        , listener(new Listener(server))
    {
        readBuffer.resize(ReadChunkBytes);
        listener->onIncoming = [this](qintptr fd) { accept(fd); };
    }

    Connection* find(quint64 id) const
    {
        const auto it = connections.find(id);
        return it == connections.end() ? nullptr : it->second.get();
    }

    void accept(qintptr fd);
    void onReadyRead(quint64 id);
    bool deliver(quint64 id, const QList<MllpFrameDecoder::Event>& events, qint64 receivedAtNs);
    void onIdleTimer(quint64 id);
    void onSocketError(quint64 id, QAbstractSocket::SocketError error);
    void closeConnection(quint64 id, CloseCause cause);
};

void MllpServer::Private::accept(qintptr fd)
{
    if (options.maxConnections >= 0 && connections.size() >= static_cast<size_t>(options.maxConnections)) {
        QTcpSocket refused;
        if (refused.setSocketDescriptor(fd))
            refused.abort();
        qCWarning(lcMllpServer) << "connection refused: limit" << options.maxConnections << "reached";
        emit q->frameError(0, u"refused"_s);
        return;
    }

    QSslSocket* sslSocket = nullptr;
    QTcpSocket* socket = nullptr;
    if (options.tls) {
        sslSocket = new QSslSocket(q);
        sslSocket->setSslConfiguration(*options.tls);
        socket = sslSocket;
    } else {
        socket = new QTcpSocket(q);
    }
    if (!socket->setSocketDescriptor(fd)) {
        qCWarning(lcMllpServer) << "cannot adopt accepted socket:" << socket->errorString();
        delete socket;
        return;
    }
    socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);

    const quint64 id = nextId++;
    auto connection = std::make_unique<Connection>(options.maxFrameBytes);
    connection->socket = socket;
    connection->lastReceiveNs = MllpServer::monotonicNowNs();
    connection->idleTimer = new QTimer(socket);
    connection->idleTimer->setSingleShot(true);
    connections.emplace(id, std::move(connection));

    Connection* c = find(id);
    QObject::connect(socket, &QIODevice::readyRead, q, [this, id] { onReadyRead(id); });
    QObject::connect(socket, &QAbstractSocket::disconnected, q, [this, id] { closeConnection(id, CloseCause::Peer); });
    QObject::connect(socket, &QAbstractSocket::errorOccurred, q,
        [this, id](QAbstractSocket::SocketError error) { onSocketError(id, error); });
    QObject::connect(c->idleTimer, &QTimer::timeout, q, [this, id] { onIdleTimer(id); });
    if (options.idleTimeoutMs > 0)
        c->idleTimer->start(options.idleTimeoutMs);

    if (sslSocket) {
        QObject::connect(sslSocket, &QSslSocket::encrypted, q, [this, id] {
            if (Connection* conn = find(id))
                conn->tlsEstablished = true;
        });
    }
    emit q->connectionOpened(id, peerString(socket));
    // Only now: a handshake failing at once must not report the close before the open.
    if (sslSocket && find(id))
        sslSocket->startServerEncryption();
}

void MllpServer::Private::onReadyRead(quint64 id)
{
    Connection* c = find(id);
    if (!c)
        return;
    for (;;) {
        const qint64 n = c->socket->read(readBuffer.data(), readBuffer.size());
        if (n <= 0)
            return;
        const qint64 now = MllpServer::monotonicNowNs();
        c->lastReceiveNs = now;
        const QList<MllpFrameDecoder::Event> events = c->decoder.feed(QByteArrayView(readBuffer.constData(), n));
        // A slot may close the connection (or more): look it up again after every emission.
        if (!deliver(id, events, now))
            return;
        c = find(id);
        if (!c)
            return;
    }
}

bool MllpServer::Private::deliver(quint64 id, const QList<MllpFrameDecoder::Event>& events, qint64 receivedAtNs)
{
    for (const MllpFrameDecoder::Event& event : events) {
        if (event.isFrame) {
            emit q->frameReceived(id, event.payload, receivedAtNs);
        } else {
            switch (event.error) {
            case MllpFrameDecoder::Error::Junk:
                qCDebug(lcMllpServer) << "connection" << id << "discarded" << event.byteCount << "junk bytes";
                emit q->frameError(id, u"junk"_s);
                break;
            case MllpFrameDecoder::Error::Corrupt:
                qCWarning(lcMllpServer) << "connection" << id << "dropped a corrupt frame of" << event.byteCount
                                        << "bytes";
                emit q->frameError(id, u"corrupt"_s);
                break;
            case MllpFrameDecoder::Error::Oversize:
                // The stream cannot be trusted to resynchronise cheaply; MLLP senders retry on a new connection.
                qCWarning(lcMllpServer) << "connection" << id << "sent a frame over" << options.maxFrameBytes
                                        << "bytes; closing";
                emit q->frameError(id, u"oversize"_s);
                closeConnection(id, CloseCause::Error);
                return false;
            }
        }
        if (!find(id))
            return false;
    }
    return true;
}

void MllpServer::Private::onIdleTimer(quint64 id)
{
    Connection* c = find(id);
    if (!c)
        return;
    // Re-armed lazily from the last receive instead of restarting the timer on every read (hot path).
    const qint64 idleMs = (MllpServer::monotonicNowNs() - c->lastReceiveNs) / 1'000'000;
    if (idleMs < options.idleTimeoutMs) {
        c->idleTimer->start(static_cast<int>(options.idleTimeoutMs - idleMs));
        return;
    }
    qCInfo(lcMllpServer) << "connection" << id << "idle for" << idleMs << "ms; closing";
    closeConnection(id, CloseCause::Idle);
}

void MllpServer::Private::onSocketError(quint64 id, QAbstractSocket::SocketError error)
{
    Connection* c = find(id);
    if (!c)
        return;
    if (isTlsError(error)) {
        qCWarning(lcMllpServer) << "connection" << id << "TLS failure:" << c->socket->errorString();
        emit q->frameError(id, u"tls"_s);
        closeConnection(id, CloseCause::Error);
        return;
    }
    if (error != QAbstractSocket::RemoteHostClosedError)
        qCInfo(lcMllpServer) << "connection" << id << "socket error:" << c->socket->errorString();
    closeConnection(id, CloseCause::Peer);
}

void MllpServer::Private::closeConnection(quint64 id, CloseCause cause)
{
    const auto it = connections.find(id);
    if (it == connections.end())
        return;

    if (cause == CloseCause::Peer) {
        // Bytes that arrived together with the FIN are still ours to decode.
        Connection* c = it->second.get();
        if (c->socket->bytesAvailable() > 0) {
            onReadyRead(id);
            if (!find(id))
                return;
        }
    }

    std::unique_ptr<Connection> c = std::move(it->second);
    connections.erase(it);
    QTcpSocket* socket = c->socket;
    QObject::disconnect(socket, nullptr, q, nullptr);
    QObject::disconnect(c->idleTimer, nullptr, q, nullptr);
    c->idleTimer->stop();

    if (cause != CloseCause::Owner) {
        for (const MllpFrameDecoder::Event& event : c->decoder.finish()) {
            if (!event.isFrame)
                emit q->frameError(id, u"junk"_s);
        }
    }
    if (options.tls && !c->tlsEstablished && cause != CloseCause::Error)
        qCInfo(lcMllpServer) << "connection" << id << "closed before its TLS handshake completed";
    if ((cause == CloseCause::Peer || cause == CloseCause::Idle) && c->decoder.inFrame()) {
        // SEMANTICS 1.1 (e): the partial frame is dropped and never acknowledged.
        qCInfo(lcMllpServer) << "connection" << id << "closed mid-frame;" << c->decoder.bufferedBytes()
                             << "bytes dropped";
        emit q->frameError(id, u"truncated"_s);
    }

    if (socket->state() == QAbstractSocket::UnconnectedState) {
        socket->deleteLater();
    } else {
        // Graceful: responses already written still reach the peer, unless it stops reading.
        QObject::connect(socket, &QAbstractSocket::disconnected, socket, &QObject::deleteLater);
        QTimer::singleShot(CloseLingerMs, socket, [socket] {
            socket->abort();
            socket->deleteLater();
        });
        socket->disconnectFromHost();
    }
    emit q->connectionClosed(id);
}

MllpServer::MllpServer(MllpServerOptions options, QObject* parent)
    : QObject(parent)
    , d(std::make_unique<Private>(this, std::move(options)))
{
}

MllpServer::~MllpServer()
{
    d->listener->close();
    for (auto& [id, c] : d->connections) {
        QObject::disconnect(c->socket, nullptr, this, nullptr);
        QObject::disconnect(c->idleTimer, nullptr, this, nullptr);
        c->socket->abort();
        delete c->socket;
    }
    d->connections.clear();
}

bool MllpServer::listen(const QHostAddress& address, quint16 port, QString* errorString)
{
    // Qt's default backlog (50) drops SYNs when many senders reconnect at once, e.g. after a node restart.
    d->listener->setListenBacklogSize(qBound(50, d->options.maxConnections, 1024));
    if (d->listener->listen(address, port))
        return true;
    if (errorString)
        *errorString = d->listener->errorString();
    return false;
}

quint16 MllpServer::serverPort() const
{
    return d->listener->serverPort();
}

QHostAddress MllpServer::serverAddress() const
{
    return d->listener->serverAddress();
}

void MllpServer::close()
{
    d->listener->close();
}

void MllpServer::sendResponse(quint64 connectionId, const QByteArray& payload)
{
    Private::Connection* c = d->find(connectionId);
    if (!c || c->socket->state() != QAbstractSocket::ConnectedState)
        return;
    c->socket->write(MllpFrameDecoder::wrap(payload));
    // Out now rather than on the next pass of the event loop: the sender is waiting for exactly this,
    // and whatever the node does next for the batch (rules, events) need not delay it.
    c->socket->flush();
}

void MllpServer::closeConnection(quint64 connectionId)
{
    d->closeConnection(connectionId, Private::CloseCause::Owner);
}

int MllpServer::connectionCount() const
{
    return static_cast<int>(d->connections.size());
}

qint64 MllpServer::monotonicNowNs()
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch())
        .count();
}
