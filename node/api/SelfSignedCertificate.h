#pragma once

#include <QByteArray>
#include <QString>

/// The node's HTTPS identity when no certificate is configured (DESIGN.md section 4): an EC P-256
/// key and a self-signed certificate created with OpenSSL on first start, kept in the data directory
/// (the key readable by the owner only), and reused on every later start so the fingerprint a
/// console pinned stays valid.
namespace SelfSignedCertificate {

struct Files
{
    QString certificateFile;
    QString privateKeyFile;
    bool created = false;                            ///< true when this start generated them
};

/// Loads `<dir>/api-certificate.pem` and `<dir>/api-private-key.pem`, creating both when neither
/// exists. `commonName` names the node in the certificate (its subjectAltName also lists localhost,
/// 127.0.0.1, ::1 and the host name, so local consoles connect without a name mismatch).
bool ensure(const QString& dir, const QString& commonName, Files* files, QString* errorString);

/// "AB:CD:..." SHA-256 over the DER certificate, the form a console shows and pins.
QString fingerprint(const QByteArray& pemOrDer);

} // namespace SelfSignedCertificate
