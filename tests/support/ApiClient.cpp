#include "tests/support/ApiClient.h"

#include <QCryptographicHash>
#include <QEventLoop>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSslCertificate>

QString ApiClient::fingerprintOf(const QSslCertificate& certificate)
{
    const QByteArray hex = certificate.digest(QCryptographicHash::Sha256).toHex().toUpper();
    QStringList pairs;
    for (qsizetype i = 0; i < hex.size(); i += 2)
        pairs << QString::fromLatin1(hex.mid(i, 2));
    return pairs.join(u':');
}

QJsonObject ApiClient::Reply::json() const
{
    return QJsonDocument::fromJson(body).object();
}

ApiClient::ApiClient(quint16 port, bool tls, const QString& pinnedFingerprint)
    : m_port(port)
    , m_tls(tls)
    , m_fingerprint(pinnedFingerprint)
{
}

QString ApiClient::baseUrl() const
{
    return QStringLiteral("%1://127.0.0.1:%2").arg(m_tls ? QStringLiteral("https") : QStringLiteral("http")).arg(m_port);
}

ApiClient::Reply ApiClient::send(const QByteArray& method, const QString& pathAndQuery, const QByteArray& body,
                                 const QList<QPair<QByteArray, QByteArray>>& headers) const
{
    QNetworkAccessManager manager;
    QNetworkRequest request(QUrl(baseUrl() + pathAndQuery));
    request.setTransferTimeout(30000);
    if (!m_token.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + m_token.toLatin1());
    for (const auto& [name, value] : headers)
        request.setRawHeader(name, value);
    QNetworkReply* reply = manager.sendCustomRequest(request, method, body);
    QObject::connect(reply, &QNetworkReply::sslErrors, reply, [reply, this](const QList<QSslError>&) {
        if (!m_fingerprint.isEmpty() && fingerprintOf(reply->sslConfiguration().peerCertificate()) == m_fingerprint)
            reply->ignoreSslErrors();
    });
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    loop.exec();
    Reply result;
    result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    result.body = reply->readAll();
    for (const auto& [name, value] : reply->rawHeaderPairs())
        result.headers.insert(name.toLower(), value);
    if (reply->error() != QNetworkReply::NoError && result.status == 0)
        result.networkError = reply->errorString();
    reply->deleteLater();
    return result;
}

ApiClient::Reply ApiClient::post(const QString& path, const QJsonObject& body, const QString& idempotencyKey) const
{
    QList<QPair<QByteArray, QByteArray>> headers{{"Content-Type", "application/json"}};
    if (!idempotencyKey.isEmpty())
        headers.append({"Idempotency-Key", idempotencyKey.toLatin1()});
    return send("POST", path, QJsonDocument(body).toJson(QJsonDocument::Compact), headers);
}

ApiClient::Reply ApiClient::signIn(const QString& user, const QString& password)
{
    m_token.clear();
    Reply reply = post(QStringLiteral("/api/v1/session"),
                       QJsonObject{{QStringLiteral("user"), user}, {QStringLiteral("password"), password}});
    if (reply.status == 200)
        m_token = reply.json().value(QStringLiteral("token")).toString();
    return reply;
}
