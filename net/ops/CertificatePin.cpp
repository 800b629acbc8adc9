#include "net/ops/CertificatePin.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QSslCertificate>
#include <QStringList>

namespace CertificatePin {

QString fingerprintOf(const QSslCertificate& certificate)
{
    if (certificate.isNull())
        return {};
    const QByteArray hex = certificate.digest(QCryptographicHash::Sha256).toHex().toUpper();
    QString out;
    out.reserve(hex.size() * 3 / 2);
    for (qsizetype i = 0; i < hex.size(); i += 2) {
        if (i > 0)
            out += u':';
        out += QLatin1StringView(hex.constData() + i, 2);
    }
    return out;
}

QSslConfiguration pinningConfiguration()
{
    QSslConfiguration config = QSslConfiguration::defaultConfiguration();
    // setCaCertificates also turns off on-demand loading of the system roots.
    config.setCaCertificates({});
    config.setPeerVerifyMode(QSslSocket::VerifyPeer);
    config.setProtocol(QSsl::TlsV1_2OrLater);
    return config;
}

QString presentedFingerprint(const QList<QSslError>& errors)
{
    for (const QSslError& error : errors) {
        if (!error.certificate().isNull())
            return fingerprintOf(error.certificate());
    }
    return {};
}

bool acceptable(const QList<QSslError>& errors, const QString& pinnedFingerprint)
{
    if (pinnedFingerprint.isEmpty() || errors.isEmpty())
        return false;
    bool aboutPinned = false;
    for (const QSslError& error : errors) {
        switch (error.error()) {
        case QSslError::SelfSignedCertificate:
        case QSslError::SelfSignedCertificateInChain:
        case QSslError::UnableToGetLocalIssuerCertificate:
        case QSslError::UnableToGetIssuerCertificate:
        case QSslError::UnableToVerifyFirstCertificate:
        case QSslError::CertificateUntrusted:
        case QSslError::HostNameMismatch:
        // The node keeps serving its self-signed certificate after 825 days; the console warns
        // rather than locking everyone out (docs/ops-api.md 1.2).
        case QSslError::CertificateExpired:
            break;
        default:
            return false;
        }
        if (error.certificate().isNull())
            continue;
        // Errors about an issuer in the chain are fine; the leaf (reported first) must be the pinned one.
        if (fingerprintOf(error.certificate()) == pinnedFingerprint)
            aboutPinned = true;
    }
    return aboutPinned && presentedFingerprint(errors) == pinnedFingerprint;
}

QString mismatchMessage(const QString& address, const QString& pinned, const QString& presented)
{
    return QCoreApplication::translate("CertificatePin",
                                       "The certificate of node %1 has changed: pinned %2, presented %3. This is "
                                       "expected only if the node's certificate was replaced; nothing was sent.")
        .arg(address, pinned, presented.isEmpty() ? QCoreApplication::translate("CertificatePin", "(none)") : presented);
}

} // namespace CertificatePin
