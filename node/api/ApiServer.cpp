#include "node/api/ApiServer.h"

#include "net/tls/TlsConfig.h"
#include "node/api/ApiReply.h"
#include "node/api/ApiRouter.h"
#include "node/api/GuardedServers.h"
#include "node/api/SelfSignedCertificate.h"

#include <QDir>
#include <QFile>
#include <QHttpServer>
#include <QHttpServerResponder>
#include <QWebSocket>

namespace {

constexpr auto StreamPath = "/api/v1/stream";

QByteArray readFile(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace

ApiServer::ApiServer(const NodeConfig& config, ApiRouter& router, QObject* parent)
    : QObject(parent)
    , m_config(config)
    , m_router(router)
    , m_http(std::make_unique<QHttpServer>())
{
    // The WebSocket route must stay silent for an upgrade request (STYLE.md 2.4): Qt 6.4 hands the
    // connection to newWebSocketConnection only when the handler wrote nothing.
    m_http->route(QString::fromLatin1(StreamPath), [](const QHttpServerRequest& request, QHttpServerResponder&& responder) {
        if (request.value("upgrade").toLower() == "websocket")
            return;
        ApiReply::error(426, QStringLiteral("upgrade-required"),
                        QStringLiteral("the stream is a WebSocket: connect with wss:// (see docs/ops-api.md)"))
            .write(std::move(responder));
    });
    connect(m_http.get(), &QHttpServer::newWebSocketConnection, this, &ApiServer::onWebSocket);
    m_http->setMissingHandler([this](const QHttpServerRequest& request, QHttpServerResponder&& responder) {
        const QString path = request.url().path();
        if (path.startsWith(u"/fhir/") && m_fhirHandler) {
            m_fhirHandler(request, std::move(responder));
            return;
        }
        if (m_router.dispatch(request, std::move(responder)))
            return;
        ApiReply::error(404, QStringLiteral("not-found"),
                        QStringLiteral("no such path: %1 (the ops API is under /api/v1, FHIR under /fhir/<channel>)")
                            .arg(path))
            .write(std::move(responder));
    });
}

ApiServer::~ApiServer() = default;

void ApiServer::addMonitoringRoute(const QString& path, std::function<QHttpServerResponse()> handler)
{
    m_http->route(path, QHttpServerRequest::Method::Get, [handler = std::move(handler)] { return handler(); });
}

bool ApiServer::listen(QString* errorString)
{
    const qint64 maxBody = m_config.api.maxBodyBytes;
    if (m_config.api.insecureDev) {
        m_listener = new GuardedTcpServer(maxBody, this);
    } else {
        QString certFile = m_config.api.tls.certificateFile;
        QString keyFile = m_config.api.tls.privateKeyFile;
        if (certFile.isEmpty()) {
            SelfSignedCertificate::Files files;
            const QString dir = m_config.dataDir.isEmpty() ? QDir::currentPath() : m_config.dataDir;
            if (!SelfSignedCertificate::ensure(dir, m_config.nodeId, &files, errorString))
                return false;
            certFile = files.certificateFile;
            keyFile = files.privateKeyFile;
            m_createdCertificate = files.created;
        }
        QString tlsError;
        const auto tls = TlsConfig::serverFromPem(certFile, keyFile, &tlsError);
        if (!tls) {
            if (errorString)
                *errorString = QStringLiteral("node.http.tls: %1").arg(tlsError);
            return false;
        }
        m_fingerprint = SelfSignedCertificate::fingerprint(readFile(certFile));
        auto* server = new GuardedSslServer(maxBody, this);
        server->setSslConfiguration(*tls);
        // A client that connects and never finishes the handshake must not hold a socket forever.
        server->setHandshakeTimeout(10000);
        m_listener = server;
    }
    const QHostAddress address(m_config.httpHost == u"localhost" ? QStringLiteral("127.0.0.1") : m_config.httpHost);
    if (!m_listener->listen(address, quint16(m_config.httpPort))) {
        if (errorString)
            *errorString = QStringLiteral("node.http: cannot listen on %1:%2: %3")
                               .arg(m_config.httpHost)
                               .arg(m_config.httpPort)
                               .arg(m_listener->errorString());
        return false;
    }
    m_http->bind(m_listener);
    return true;
}

void ApiServer::close()
{
    if (m_listener)
        m_listener->close();
}

quint16 ApiServer::port() const
{
    return m_listener ? m_listener->serverPort() : 0;
}

QString ApiServer::host() const
{
    return m_listener ? m_listener->serverAddress().toString() : QString();
}

void ApiServer::onWebSocket()
{
    while (m_http->hasPendingWebSocketConnections()) {
        std::unique_ptr<QWebSocket> socket = m_http->nextPendingWebSocketConnection();
        if (!socket)
            break;
        if (m_streamHandler)
            m_streamHandler(socket.release());
        else
            socket->close(QWebSocketProtocol::CloseCodeGoingAway, QStringLiteral("the stream is not available"));
    }
}
