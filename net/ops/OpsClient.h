#pragma once

#include "net/ops/OpsEndpoint.h"
#include "net/ops/OpsReply.h"

#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>
#include <QObject>
#include <QString>

#include <functional>

class QNetworkAccessManager;
class QNetworkReply;
class QSslCertificate;

/// One node's ops API over HTTPS (docs/ops-api.md), asynchronous, on the thread it lives in
/// (QNetworkAccessManager does the I/O off the UI thread).
///
/// Pinning (docs/ops-api.md 1.2): a request goes out only after the TLS handshake presented the
/// certificate whose SHA-256 equals endpoint().pinnedFingerprint. For exactly that certificate the
/// errors pinning replaces (self-signed, unknown issuer, host-name mismatch, expired) are ignored,
/// one by one; any other certificate fails the request with OpsReply::certificateMismatch and the
/// presented fingerprint, before a password or token is sent.
class OpsClient : public QObject
{
    Q_OBJECT

public:
    using Callback = std::function<void(const OpsReply&)>;
    using FingerprintCallback = std::function<void(const QString& fingerprint, const QString& error)>;

    explicit OpsClient(const OpsEndpoint& endpoint, QObject* parent = nullptr);
    ~OpsClient() override;

    const OpsEndpoint& endpoint() const { return m_endpoint; }
    /// Changes address or pin (e.g. after the user deliberately accepted a new certificate). Drops
    /// pooled connections so nothing verified under the old pin is reused; requests in flight are
    /// cancelled (their callbacks get an error).
    void setEndpoint(const OpsEndpoint& endpoint);

    /// The bearer token sent with every request except sign-in. Empty: not signed in.
    void setToken(const QString& token);
    const QString& token() const { return m_token; }
    /// expiresAt of the last successful signIn() (invalid after setToken()).
    QDateTime tokenExpiresAt() const { return m_tokenExpiresAt; }

    /// Per-request timeout without progress, in ms (default 15000).
    void setTransferTimeout(int ms) { m_transferTimeoutMs = ms; }
    int transferTimeout() const { return m_transferTimeoutMs; }

    /// GET pathAndQuery ("/api/v1/messages?limit=50"; values already URL-encoded). The callback runs
    /// once, on this object's thread, and only if `context` still exists (nullptr: this client).
    void get(const QString& pathAndQuery, QObject* context, Callback callback);
    /// POST, PATCH or DELETE with a JSON body. POST and PATCH always send the object (the node wants
    /// a JSON object even when every field is optional); DELETE sends it only when non-empty.
    /// A non-empty idempotencyKey goes in the Idempotency-Key header: create it once when the user
    /// acts (newIdempotencyKey()) and resend the same key on every retry of that action.
    void send(const QByteArray& method, const QString& path, const QJsonObject& body, const QString& idempotencyKey,
              QObject* context, Callback callback);
    /// POST /api/v1/session {"user","password"}; on 200 keeps json["token"] and its expiresAt
    /// (json["user"] holds name, role, units). 401 sign-in-failed does not emit unauthorized().
    void signIn(const QString& user, const QString& password, QObject* context, Callback callback);

    /// SHA-256 of the certificate's DER as the node prints it: "AB:CD:..." upper-case hex pairs.
    static QString fingerprintOf(const QSslCertificate& certificate);
    /// A fresh Idempotency-Key (a UUID without braces).
    static QString newIdempotencyKey();
    /// First contact: completes a TLS handshake with host:port without trusting the certificate,
    /// sends nothing, and returns the presented certificate's fingerprint for the user to compare
    /// with the node's "api-certificate sha256" line. error is set (fingerprint empty) on failure.
    /// The callback runs once, only while `context` lives.
    static void probeFingerprint(const QString& host, quint16 port, QObject* context, FingerprintCallback callback,
                                 int timeoutMs = 10000);

signals:
    /// A request carrying a token got 401: the session expired or was revoked. The token has been
    /// cleared (if it was still the current one); sign in again.
    void unauthorized();
    /// A request was refused because the node presented another certificate than the pinned one.
    void certificateMismatch(const QString& pinnedFingerprint, const QString& presentedFingerprint);

private:
    void start(const QByteArray& method, const QString& pathAndQuery, const QByteArray& body, bool jsonBody,
               const QString& idempotencyKey, bool withToken, QObject* context, Callback callback);
    void finish(QNetworkReply* reply, const QString& sentToken, QObject* context, const Callback& callback);
    void resetManager();

    OpsEndpoint m_endpoint;
    QString m_token;
    QDateTime m_tokenExpiresAt;
    int m_transferTimeoutMs = 15000;
    QNetworkAccessManager* m_manager = nullptr;
};
