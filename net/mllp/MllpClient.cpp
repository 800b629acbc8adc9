#include "net/mllp/MllpClient.h"

#include "net/mllp/MllpFrameDecoder.h"

#include <QLoggingCategory>
#include <QPointer>
#include <QSslSocket>
#include <QStringList>
#include <QTcpSocket>
#include <QTimer>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcMllpClient, "vigil.net.mllp.client")

namespace {

constexpr qsizetype ReadChunkBytes = 64 * 1024;
constexpr int CloseLingerMs = 5000;

bool isTlsError(QAbstractSocket::SocketError error)
{
    return error == QAbstractSocket::SslHandshakeFailedError || error == QAbstractSocket::SslInternalError
        || error == QAbstractSocket::SslInvalidUserDataError;
}

} // namespace

struct MllpClient::Private
{
    enum class Phase { Idle, Connecting, Awaiting };

    MllpClient* q;
    MllpClientOptions options;
    QTcpSocket* socket = nullptr;
    MllpFrameDecoder decoder;
    QTimer connectTimer;
    QTimer responseTimer;
    Phase phase = Phase::Idle;
    bool busy = false;
    bool connected = false;
    QByteArray pendingFrame;
    QString tlsErrors;
    QByteArray readBuffer;

    Private(MllpClient* client, MllpClientOptions opts)
        : q(client)
        , options(std::move(opts))
        , decoder(options.maxFrameBytes)
    {
        connectTimer.setSingleShot(true);
        responseTimer.setSingleShot(true);
        readBuffer.resize(ReadChunkBytes);
    }

    void startConnect();
    void onConnected();
    void writePending();
    void onReadyRead();
    void onSocketError(QAbstractSocket::SocketError error);
    void onDisconnected();
    /// Detaches the socket, fails the outstanding send (if any) and reports the disconnect.
    void abortWith(const QString& reason, const QString& detail, bool graceful = false);
    /// Detaches the socket without emitting; returns whether it was connected.
    bool dropSocket(bool graceful);
    void succeed(const QByteArray& payload);
    void fail(const QString& reason, const QString& detail);
};

void MllpClient::Private::startConnect()
{
    phase = Phase::Connecting;
    tlsErrors.clear();
    QSslSocket* sslSocket = nullptr;
    if (options.tls) {
        sslSocket = new QSslSocket(q);
        sslSocket->setSslConfiguration(*options.tls);
        socket = sslSocket;
        QObject::connect(sslSocket, &QSslSocket::encrypted, q, [this] { onConnected(); });
        // Verification follows the configuration: errors are recorded for the report, never ignored.
        QObject::connect(sslSocket, &QSslSocket::sslErrors, q, [this](const QList<QSslError>& errors) {
            QStringList texts;
            for (const QSslError& error : errors)
                texts.append(error.errorString());
            tlsErrors = texts.join(u"; "_s);
        });
    } else {
        socket = new QTcpSocket(q);
        QObject::connect(socket, &QAbstractSocket::connected, q, [this] { onConnected(); });
    }
    QObject::connect(socket, &QIODevice::readyRead, q, [this] { onReadyRead(); });
    QObject::connect(socket, &QAbstractSocket::disconnected, q, [this] { onDisconnected(); });
    QObject::connect(socket, &QAbstractSocket::errorOccurred, q,
        [this](QAbstractSocket::SocketError error) { onSocketError(error); });

    connectTimer.start(options.connectTimeoutMs);
    if (sslSocket)
        sslSocket->connectToHostEncrypted(options.host, options.port);
    else
        socket->connectToHost(options.host, options.port);
}

void MllpClient::Private::onConnected()
{
    connectTimer.stop();
    connected = true;
    socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    if (phase == Phase::Connecting)
        writePending();
    emit q->connectedChanged(true);
}

void MllpClient::Private::writePending()
{
    // Whatever arrived since the last response (a late duplicate, junk) must not answer this request.
    decoder.reset();
    while (socket->bytesAvailable() > 0 && socket->read(readBuffer.data(), readBuffer.size()) > 0) { }
    phase = Phase::Awaiting;
    socket->write(std::exchange(pendingFrame, {}));
    responseTimer.start(options.responseTimeoutMs);
}

void MllpClient::Private::onReadyRead()
{
    if (!socket)
        return;
    for (;;) {
        const qint64 n = socket->read(readBuffer.data(), readBuffer.size());
        if (n <= 0)
            return;
        if (phase != Phase::Awaiting)
            continue; // not asked for: junk
        const QList<MllpFrameDecoder::Event> events = decoder.feed(QByteArrayView(readBuffer.constData(), n));
        for (const MllpFrameDecoder::Event& event : events) {
            if (event.isFrame) {
                // The rest of this read is after the expected response: ignored, and dropped at the next send.
                succeed(event.payload);
                return;
            }
            if (event.error == MllpFrameDecoder::Error::Oversize) {
                abortWith(u"oversize"_s, u"response over %1 bytes"_s.arg(options.maxFrameBytes));
                return;
            }
            // Junk and corrupt frames: keep waiting; the response timeout bounds it.
        }
    }
}

void MllpClient::Private::onSocketError(QAbstractSocket::SocketError error)
{
    const QString detail = tlsErrors.isEmpty() ? socket->errorString() : tlsErrors;
    if (isTlsError(error))
        abortWith(u"tls"_s, detail);
    else
        abortWith(phase == Phase::Connecting ? u"connect"_s : u"closed"_s, detail);
}

void MllpClient::Private::onDisconnected()
{
    // Normally errorOccurred(RemoteHostClosedError) arrives first and has detached the socket already.
    if (socket)
        abortWith(phase == Phase::Connecting ? u"connect"_s : u"closed"_s, u"connection closed by peer"_s);
}

void MllpClient::Private::abortWith(const QString& reason, const QString& detail, bool graceful)
{
    const bool wasConnected = dropSocket(graceful);
    QPointer<MllpClient> self(q);
    if (busy)
        fail(reason, detail);
    // Between requests a drop is not a failure (e.g. the peer's idle timeout): the next send reconnects.
    if (self && wasConnected && !connected)
        emit q->connectedChanged(false);
}

bool MllpClient::Private::dropSocket(bool graceful)
{
    connectTimer.stop();
    responseTimer.stop();
    decoder.reset();
    const bool wasConnected = connected;
    connected = false;
    if (!socket)
        return wasConnected;
    QTcpSocket* s = std::exchange(socket, nullptr);
    QObject::disconnect(s, nullptr, q, nullptr);
    if (graceful && s->state() != QAbstractSocket::UnconnectedState) {
        QObject::connect(s, &QAbstractSocket::disconnected, s, &QObject::deleteLater);
        QTimer::singleShot(CloseLingerMs, s, [s] {
            s->abort();
            s->deleteLater();
        });
        s->disconnectFromHost();
    } else {
        s->abort();
        s->deleteLater(); // may be inside one of its own signals
    }
    return wasConnected;
}

void MllpClient::Private::succeed(const QByteArray& payload)
{
    responseTimer.stop();
    decoder.reset();
    phase = Phase::Idle;
    busy = false;
    emit q->responseReceived(payload);
}

void MllpClient::Private::fail(const QString& reason, const QString& detail)
{
    phase = Phase::Idle;
    busy = false;
    pendingFrame.clear();
    qCInfo(lcMllpClient) << "send to" << options.host << options.port << "failed:" << reason << detail;
    emit q->failed(reason, detail);
}

MllpClient::MllpClient(MllpClientOptions options, QObject* parent)
    : QObject(parent)
    , d(std::make_unique<Private>(this, std::move(options)))
{
    connect(&d->connectTimer, &QTimer::timeout, this,
        [this] { d->abortWith(u"connect"_s, u"connect timeout after %1 ms"_s.arg(d->options.connectTimeoutMs)); });
    connect(&d->responseTimer, &QTimer::timeout, this, [this] {
        // A late response would otherwise answer the next request: start that one on a fresh connection.
        d->abortWith(u"timeout"_s, u"no response within %1 ms"_s.arg(d->options.responseTimeoutMs));
    });
}

MllpClient::~MllpClient()
{
    d->connectTimer.stop();
    d->responseTimer.stop();
    if (d->socket) {
        QObject::disconnect(d->socket, nullptr, this, nullptr);
        d->socket->abort();
        delete d->socket;
        d->socket = nullptr;
    }
}

void MllpClient::send(const QByteArray& payload)
{
    if (d->busy) {
        emit failed(u"busy"_s, u"a request is already outstanding"_s);
        return;
    }
    if (d->socket && d->socket->state() != QAbstractSocket::ConnectedState) {
        // The peer is leaving (its FIN not processed yet): start over rather than write into a closing socket.
        QPointer<MllpClient> self(this);
        if (d->dropSocket(false))
            emit connectedChanged(false);
        if (!self || d->busy)
            return;
    }
    d->busy = true;
    d->pendingFrame = MllpFrameDecoder::wrap(payload);
    if (d->socket)
        d->writePending();
    else
        d->startConnect();
}

bool MllpClient::isBusy() const
{
    return d->busy;
}

void MllpClient::disconnectFromHost()
{
    d->abortWith(u"closed"_s, u"disconnected by the caller"_s, true);
}

const MllpClientOptions& MllpClient::options() const
{
    return d->options;
}
