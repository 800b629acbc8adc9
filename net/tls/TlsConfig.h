#pragma once

#include <QSslConfiguration>
#include <QString>

#include <optional>

/// Builds the QSslConfiguration of an MLLP listener or client from PEM files, with a readable error
/// instead of a handshake that fails later for a reason nobody sees.
namespace TlsConfig {

/// Server side: certFile holds the certificate (optionally followed by its chain), keyFile the unencrypted
/// private key (RSA or EC, PKCS#1/SEC1 or PKCS#8). Client certificates are not requested.
std::optional<QSslConfiguration> serverFromPem(
    const QString& certFile, const QString& keyFile, QString* error = nullptr);

/// Client side: trust only the CA certificates in caFile (a private CA or a pinned self-signed
/// certificate), or the system CAs when caFile is empty. verifyPeer = false disables verification
/// entirely and exists for demos against throwaway certificates only.
std::optional<QSslConfiguration> clientWithCa(const QString& caFile, bool verifyPeer, QString* error = nullptr);

} // namespace TlsConfig
