#pragma once

#include <QList>
#include <QSslConfiguration>
#include <QSslError>
#include <QString>

class QSslCertificate;

/// The pinning rules shared by OpsClient and StreamClient (docs/ops-api.md 1.2).
namespace CertificatePin {

/// SHA-256 over the certificate's DER, "AB:CD:..." upper-case hex pairs (the node's format).
QString fingerprintOf(const QSslCertificate& certificate);

/// A client TLS configuration that trusts no CA at all, so every handshake reports its certificate
/// through sslErrors and only the pin can make it acceptable (a certificate some public CA signed
/// for the same name is refused like any other).
QSslConfiguration pinningConfiguration();

/// The fingerprint of the certificate the errors are about (the leaf comes first); empty if none.
QString presentedFingerprint(const QList<QSslError>& errors);

/// Whether this handshake's errors are only those pinning replaces (self-signed, unknown issuer,
/// untrusted, host-name mismatch, expired) and are about the pinned certificate. Anything else
/// (another certificate, a revoked or malformed one, a bad signature) is not acceptable.
bool acceptable(const QList<QSslError>& errors, const QString& pinnedFingerprint);

/// Plain words for a changed certificate, naming both fingerprints.
QString mismatchMessage(const QString& address, const QString& pinned, const QString& presented);

} // namespace CertificatePin
