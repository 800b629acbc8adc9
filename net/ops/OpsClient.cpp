#include "net/ops/OpsClient.h"

#include "net/ops/CertificatePin.h"

#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QPointer>
#include <QSslCertificate>
#include <QSslSocket>
#include <QTimer>
#include <QUrl>
#include <QUuid>

#include <memory>

using namespace Qt::StringLiterals;

namespace {

// What one request learned during its handshake (the reply's sslErrors/encrypted handlers run
// before its finished()).
struct PinState
{
    QString presented;
    bool mismatch = false;
};

QString networkProblem(QNetworkReply::NetworkError error, const QString& address, int timeoutMs,
                       const QString& qtText)
{
    switch (error) {
    case QNetworkReply::ConnectionRefusedError:
        return OpsClient::tr("Node %1 refused the connection (is it running?).").arg(address);
    case QNetworkReply::HostNotFoundError:
        return OpsClient::tr("The host name of node %1 was not found.").arg(address);
    case QNetworkReply::TimeoutError:
    case QNetworkReply::OperationCanceledError:
        return OpsClient::tr("Node %1 did not answer within %2 s.").arg(address).arg(timeoutMs / 1000.0);
    case QNetworkReply::RemoteHostClosedError:
        return OpsClient::tr("Node %1 closed the connection.").arg(address);
    case QNetworkReply::SslHandshakeFailedError:
        return OpsClient::tr("The secure connection to node %1 failed: %2").arg(address, qtText);
    case QNetworkReply::NetworkSessionFailedError:
    case QNetworkReply::TemporaryNetworkFailureError:
    case QNetworkReply::UnknownNetworkError:
        return OpsClient::tr("The network is not available: %1").arg(qtText);
    default:
        return OpsClient::tr("Request to node %1 failed: %2").arg(address, qtText);
    }
}

} // namespace

OpsClient::OpsClient(const OpsEndpoint& endpoint, QObject* parent)
    : QObject(parent)
    , m_endpoint(endpoint)
{
    resetManager();
}

OpsClient::~OpsClient() = default;

void OpsClient::resetManager()
{
    if (m_manager) {
        // Replies are the manager's children: end them now, with an answer, rather than silently.
        const auto replies = m_manager->findChildren<QNetworkReply*>();
        for (QNetworkReply* reply : replies) {
            reply->setProperty("vigilCancelled", true);
            reply->abort();
        }
        m_manager->deleteLater();
    }
    m_manager = new QNetworkAccessManager(this);
    // Each OpsClient has its own manager, so its pooled connections were all verified under this pin.
    m_manager->setAutoDeleteReplies(false);
}

void OpsClient::setEndpoint(const OpsEndpoint& endpoint)
{
    if (endpoint == m_endpoint)
        return;
    m_endpoint = endpoint;
    resetManager();
}

void OpsClient::setToken(const QString& token)
{
    m_token = token;
    m_tokenExpiresAt = {};
}

void OpsClient::get(const QString& pathAndQuery, QObject* context, Callback callback)
{
    start("GET"_ba, pathAndQuery, {}, false, {}, true, context, std::move(callback));
}

void OpsClient::send(const QByteArray& method, const QString& path, const QJsonObject& body,
                     const QString& idempotencyKey, QObject* context, Callback callback)
{
    const QByteArray verb = method.toUpper();
    const bool withBody = verb != "DELETE" || !body.isEmpty();
    start(verb, path, withBody ? QJsonDocument(body).toJson(QJsonDocument::Compact) : QByteArray(), withBody,
          idempotencyKey, true, context, std::move(callback));
}

void OpsClient::signIn(const QString& user, const QString& password, QObject* context, Callback callback)
{
    const QJsonObject body{{u"user"_s, user}, {u"password"_s, password}};
    QPointer<OpsClient> self(this);
    start("POST"_ba, u"/api/v1/session"_s, QJsonDocument(body).toJson(QJsonDocument::Compact), true, {}, false,
          context, [self, callback = std::move(callback)](const OpsReply& reply) {
              if (self && reply.status == 200) {
                  self->m_token = reply.json.value(u"token"_s).toString();
                  self->m_tokenExpiresAt = QDateTime::fromString(reply.json.value(u"expiresAt"_s).toString(), Qt::ISODateWithMs);
              }
              if (callback)
                  callback(reply);
          });
}

void OpsClient::start(const QByteArray& method, const QString& pathAndQuery, const QByteArray& body, bool jsonBody,
                      const QString& idempotencyKey, bool withToken, QObject* context, Callback callback)
{
    QPointer<QObject> guard(context ? context : this);
    const QString address = m_endpoint.displayAddress();

    if (m_endpoint.tls && m_endpoint.pinnedFingerprint.isEmpty()) {
        // Never talk to a node whose certificate nobody has confirmed yet.
        OpsReply reply;
        reply.error = tr("Node %1 has no pinned certificate yet; confirm its fingerprint first.").arg(address);
        QTimer::singleShot(0, this, [guard, reply, callback = std::move(callback)] {
            if (guard && callback)
                callback(reply);
        });
        return;
    }

    QNetworkRequest request(QUrl(m_endpoint.baseUrl() + pathAndQuery));
    request.setTransferTimeout(m_transferTimeoutMs);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    request.setRawHeader("Accept", "application/json");
    if (m_endpoint.tls)
        request.setSslConfiguration(CertificatePin::pinningConfiguration());
    const QString sentToken = withToken ? m_token : QString();
    if (!sentToken.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + sentToken.toLatin1());
    if (jsonBody)
        request.setHeader(QNetworkRequest::ContentTypeHeader, "application/json"_ba);
    if (!idempotencyKey.isEmpty())
        request.setRawHeader("Idempotency-Key", idempotencyKey.toLatin1());

    QNetworkReply* reply = method == "GET"
        ? m_manager->get(request)
        : m_manager->sendCustomRequest(request, method, body);

    auto pin = std::make_shared<PinState>();
    const QString pinned = m_endpoint.pinnedFingerprint;
    connect(reply, &QNetworkReply::sslErrors, reply, [reply, pin, pinned](const QList<QSslError>& errors) {
        pin->presented = CertificatePin::fingerprintOf(reply->sslConfiguration().peerCertificate());
        if (pin->presented.isEmpty())
            pin->presented = CertificatePin::presentedFingerprint(errors);
        if (pin->presented != pinned) {
            pin->mismatch = true;
            return;
        }
        if (CertificatePin::acceptable(errors, pinned))
            reply->ignoreSslErrors(errors);  // exactly these errors, for exactly the pinned certificate
    });
    // The check that does not depend on errors: before any request byte goes out, the presented
    // certificate must be the pinned one.
    connect(reply, &QNetworkReply::encrypted, reply, [reply, pin, pinned] {
        pin->presented = CertificatePin::fingerprintOf(reply->sslConfiguration().peerCertificate());
        if (pin->presented != pinned) {
            pin->mismatch = true;
            reply->abort();
        }
    });
    connect(reply, &QNetworkReply::finished, this,
            [this, reply, pin, sentToken, guard, address, callback = std::move(callback)] {
                reply->deleteLater();
                OpsReply result;
                result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
                result.body = reply->readAll();
                result.presentedFingerprint = pin->presented;
                result.replayed = reply->rawHeader("Idempotent-Replayed").trimmed().toLower() == "true";
                result.retryAfterSeconds = reply->rawHeader("Retry-After").trimmed().toInt();
                if (!result.body.isEmpty())
                    result.json = QJsonDocument::fromJson(result.body).object();

                if (pin->mismatch) {
                    result.status = 0;
                    result.body.clear();
                    result.json = {};
                    result.certificateMismatch = true;
                    result.error = CertificatePin::mismatchMessage(address, m_endpoint.pinnedFingerprint, pin->presented);
                    emit certificateMismatch(m_endpoint.pinnedFingerprint, pin->presented);
                } else if (result.status == 0 && reply->property("vigilCancelled").toBool()) {
                    result.error = tr("The request to node %1 was cancelled because its address or certificate changed.").arg(address);
                } else if (result.status == 0) {
                    result.error = networkProblem(reply->error(), address, m_transferTimeoutMs, reply->errorString());
                } else if (result.status >= 400) {
                    const QJsonObject error = result.json.value(u"error"_s).toObject();
                    result.errorCode = error.value(u"code"_s).toString();
                    result.error = error.value(u"message"_s).toString();
                    if (result.error.isEmpty())
                        result.error = tr("Node %1 answered HTTP %2.").arg(address).arg(result.status);
                } else if (result.status >= 300) {
                    result.error = tr("Node %1 answered an unexpected redirect (HTTP %2).").arg(address).arg(result.status);
                }

                if (result.status == 401 && !sentToken.isEmpty()) {
                    if (m_token == sentToken) {
                        m_token.clear();
                        m_tokenExpiresAt = {};
                    }
                    emit unauthorized();
                }
                if (guard && callback)
                    callback(result);
            });
}

QString OpsClient::fingerprintOf(const QSslCertificate& certificate)
{
    return CertificatePin::fingerprintOf(certificate);
}

QString OpsClient::newIdempotencyKey()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

void OpsClient::probeFingerprint(const QString& host, quint16 port, QObject* context, FingerprintCallback callback,
                                 int timeoutMs)
{
    const bool hasContext = context != nullptr;
    QPointer<QObject> guard(context);
    auto* socket = new QSslSocket;
    auto* timer = new QTimer(socket);
    auto done = std::make_shared<bool>(false);
    auto finish = [=](const QString& fingerprint, const QString& error) {
        if (*done)
            return;
        *done = true;
        timer->stop();
        socket->abort();
        socket->deleteLater();
        if ((!hasContext || guard) && callback)
            callback(fingerprint, error);
    };
    // QueryPeer: complete the handshake and read the certificate without trusting it; nothing is
    // ever written on this socket.
    socket->setPeerVerifyMode(QSslSocket::QueryPeer);
    socket->setProtocol(QSsl::TlsV1_2OrLater);
    QObject::connect(socket, &QSslSocket::encrypted, socket, [=] {
        const QString fingerprint = CertificatePin::fingerprintOf(socket->peerCertificate());
        if (fingerprint.isEmpty())
            finish({}, tr("Node %1:%2 presented no certificate.").arg(host).arg(port));
        else
            finish(fingerprint, {});
    });
    QObject::connect(socket, &QAbstractSocket::errorOccurred, socket, [=](QAbstractSocket::SocketError) {
        finish({}, tr("Could not read the certificate of %1:%2: %3").arg(host).arg(port).arg(socket->errorString()));
    });
    timer->setSingleShot(true);
    QObject::connect(timer, &QTimer::timeout, socket, [=] {
        finish({}, tr("Could not read the certificate of %1:%2: no answer within %3 s.")
                       .arg(host).arg(port).arg(timeoutMs / 1000.0));
    });
    timer->start(timeoutMs);
    socket->connectToHostEncrypted(host, port);
}
