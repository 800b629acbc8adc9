#pragma once

#include <QByteArray>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QString>

class QSslCertificate;

/// A blocking HTTPS client of a real node's ops API for tests, pinning the node's self-signed
/// certificate by its SHA-256 fingerprint the way the console does (any other certificate fails
/// the request with a TLS error).
class ApiClient
{
public:
    struct Reply
    {
        int status = 0;                              ///< 0: no HTTP answer (networkError says why)
        QByteArray body;
        QHash<QByteArray, QByteArray> headers;       ///< lower-case names
        QString networkError;
        QJsonObject json() const;
        QString errorCode() const { return json().value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toString(); }
    };

    /// tls false: plain HTTP (a node started with --insecure-dev).
    ApiClient(quint16 port, bool tls, const QString& pinnedFingerprint);

    void setToken(const QString& token) { m_token = token; }
    const QString& token() const { return m_token; }

    Reply send(const QByteArray& method, const QString& pathAndQuery, const QByteArray& body = {},
               const QList<QPair<QByteArray, QByteArray>>& headers = {}) const;
    Reply get(const QString& pathAndQuery) const { return send("GET", pathAndQuery); }
    /// POST a JSON body; a non-empty idempotencyKey is sent as Idempotency-Key.
    Reply post(const QString& path, const QJsonObject& body, const QString& idempotencyKey = {}) const;
    /// Signs in and keeps the token; returns the reply.
    Reply signIn(const QString& user, const QString& password);

    QString baseUrl() const;

    /// SHA-256 of a certificate as the node prints it: upper-case hex pairs joined by ':'.
    static QString fingerprintOf(const QSslCertificate& certificate);

private:
    quint16 m_port;
    bool m_tls;
    QString m_fingerprint;
    QString m_token;
};
