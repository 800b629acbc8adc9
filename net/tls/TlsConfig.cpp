#include "net/tls/TlsConfig.h"

#include <QDateTime>
#include <QFile>
#include <QSslCertificate>
#include <QSslKey>
#include <QSslSocket>

using namespace Qt::StringLiterals;

namespace {

std::optional<QByteArray> readFile(const QString& path, QString* error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        if (error)
            *error = u"cannot read %1: %2"_s.arg(path, file.errorString());
        return std::nullopt;
    }
    return file.readAll();
}

std::optional<QList<QSslCertificate>> readCertificates(const QString& path, QString* error)
{
    const std::optional<QByteArray> pem = readFile(path, error);
    if (!pem)
        return std::nullopt;
    QList<QSslCertificate> certificates = QSslCertificate::fromData(*pem, QSsl::Pem);
    if (certificates.isEmpty() || certificates.constFirst().isNull()) {
        if (error)
            *error = u"%1 holds no PEM certificate"_s.arg(path);
        return std::nullopt;
    }
    return certificates;
}

void setError(QString* error, const QString& text)
{
    if (error)
        *error = text;
}

} // namespace

namespace TlsConfig {

std::optional<QSslConfiguration> serverFromPem(const QString& certFile, const QString& keyFile, QString* error)
{
    const std::optional<QList<QSslCertificate>> chain = readCertificates(certFile, error);
    if (!chain)
        return std::nullopt;
    const std::optional<QByteArray> keyPem = readFile(keyFile, error);
    if (!keyPem)
        return std::nullopt;

    // QSslKey needs the algorithm up front; the certificate's public key says which one it is.
    const QSsl::KeyAlgorithm algorithm = chain->constFirst().publicKey().algorithm();
    const QSslKey key(*keyPem, algorithm, QSsl::Pem, QSsl::PrivateKey);
    if (key.isNull()) {
        setError(error, u"%1 holds no unencrypted PEM private key matching the certificate's algorithm"_s.arg(keyFile));
        return std::nullopt;
    }
    if (chain->constFirst().expiryDate() < QDateTime::currentDateTimeUtc()) {
        setError(error,
            u"certificate in %1 expired on %2"_s.arg(certFile, chain->constFirst().expiryDate().toString(Qt::ISODate)));
        return std::nullopt;
    }

    QSslConfiguration config = QSslConfiguration::defaultConfiguration();
    config.setLocalCertificateChain(*chain);
    config.setPrivateKey(key);
    config.setProtocol(QSsl::TlsV1_2OrLater);
    config.setPeerVerifyMode(QSslSocket::VerifyNone);
    return config;
}

std::optional<QSslConfiguration> clientWithCa(const QString& caFile, bool verifyPeer, QString* error)
{
    QSslConfiguration config = QSslConfiguration::defaultConfiguration();
    if (!caFile.isEmpty()) {
        const std::optional<QList<QSslCertificate>> cas = readCertificates(caFile, error);
        if (!cas)
            return std::nullopt;
        // Replace, not add: a private CA file means "trust exactly these".
        config.setCaCertificates(*cas);
    }
    config.setProtocol(QSsl::TlsV1_2OrLater);
    config.setPeerVerifyMode(verifyPeer ? QSslSocket::VerifyPeer : QSslSocket::VerifyNone);
    return config;
}

} // namespace TlsConfig
