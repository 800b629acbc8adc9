#include "node/delivery/DestinationSenderFactory.h"

#include "net/tls/TlsConfig.h"
#include "node/delivery/FileDestinationSender.h"
#include "node/delivery/HttpDestinationSender.h"
#include "node/delivery/MllpDestinationSender.h"

#include <QSslKey>

using namespace Qt::StringLiterals;

namespace {

void setError(QString* error, const DestinationConfig& config, const QString& text)
{
    if (error)
        *error = u"destination '%1': %2"_s.arg(config.name, text);
}

std::optional<QSslConfiguration> clientTls(const DestinationConfig& config, QString* error)
{
    QString reason;
    std::optional<QSslConfiguration> tls = TlsConfig::clientWithCa(config.tls.caFile, config.tls.verifyPeer, &reason);
    if (!tls) {
        setError(error, config, reason);
        return std::nullopt;
    }
    if (!config.tls.certificateFile.isEmpty() || !config.tls.privateKeyFile.isEmpty()) {
        // Mutual TLS: the loader for a listener's certificate reads and checks the pair just the same.
        const std::optional<QSslConfiguration> identity
            = TlsConfig::serverFromPem(config.tls.certificateFile, config.tls.privateKeyFile, &reason);
        if (!identity) {
            setError(error, config, u"client certificate: "_s + reason);
            return std::nullopt;
        }
        tls->setLocalCertificateChain(identity->localCertificateChain());
        tls->setPrivateKey(identity->privateKey());
    }
    return tls;
}

std::unique_ptr<DestinationSender> createMllp(const DestinationConfig& config, QObject* parent, QString* error)
{
    if (config.host.isEmpty()) {
        setError(error, config, u"no host"_s);
        return nullptr;
    }
    if (config.port < 1 || config.port > 65535) {
        setError(error, config, u"port %1 is not a port"_s.arg(config.port));
        return nullptr;
    }
    if (config.ackTimeoutMs <= 0 || config.connectTimeoutMs <= 0) {
        setError(error, config, u"timeouts must be positive"_s);
        return nullptr;
    }
    MllpClientOptions options;
    options.host = config.host;
    options.port = quint16(config.port);
    options.connectTimeoutMs = config.connectTimeoutMs;
    options.responseTimeoutMs = config.ackTimeoutMs;
    if (config.tls.enabled) {
        options.tls = clientTls(config, error);
        if (!options.tls)
            return nullptr;
    }
    return std::make_unique<MllpDestinationSender>(std::move(options), parent);
}

std::unique_ptr<DestinationSender> createHttp(const DestinationConfig& config, QObject* parent, QString* error)
{
    const QString scheme = config.url.scheme().toLower();
    if (!config.url.isValid() || config.url.host().isEmpty() || (scheme != u"http"_s && scheme != u"https"_s)) {
        setError(error, config, u"url must be an absolute http or https URL"_s);
        return nullptr;
    }
    if (config.contentType.trimmed().isEmpty()) {
        setError(error, config, u"no content type"_s);
        return nullptr;
    }
    if (config.requestTimeoutMs <= 0) {
        setError(error, config, u"timeouts must be positive"_s);
        return nullptr;
    }
    HttpDestinationOptions options;
    options.url = config.url;
    options.contentType = config.contentType;
    options.requestTimeoutMs = config.requestTimeoutMs;
    if (scheme == u"https"_s && config.tls.enabled) {
        options.tls = clientTls(config, error);
        if (!options.tls)
            return nullptr;
    } else if (scheme == u"http"_s && config.tls.enabled) {
        setError(error, config, u"tls is enabled but the url is plain http"_s);
        return nullptr;
    }
    return std::make_unique<HttpDestinationSender>(std::move(options), parent);
}

std::unique_ptr<DestinationSender> createFile(const DestinationConfig& config, QObject* parent, QString* error)
{
    if (config.directory.isEmpty()) {
        setError(error, config, u"no directory"_s);
        return nullptr;
    }
    if (config.fileNamePattern.isEmpty() || config.fileNamePattern.contains(u'/')
        || config.fileNamePattern.contains(u'\\')) {
        setError(error, config, u"fileNamePattern must be a plain file name (no '/')"_s);
        return nullptr;
    }
    return std::make_unique<FileDestinationSender>(config.directory, config.fileNamePattern, parent);
}

} // namespace

namespace DestinationSenderFactory {

std::unique_ptr<DestinationSender> createSender(const DestinationConfig& config, QObject* parent, QString* error)
{
    switch (config.kind) {
    case DestinationConfig::Kind::Mllp:
        return createMllp(config, parent, error);
    case DestinationConfig::Kind::Http:
        return createHttp(config, parent, error);
    case DestinationConfig::Kind::File:
        return createFile(config, parent, error);
    }
    setError(error, config, u"unknown kind"_s);
    return nullptr;
}

} // namespace DestinationSenderFactory
