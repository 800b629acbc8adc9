#include "node/config/ConfigChecks.h"

#include "node/config/NodeConfig.h"

#include <QDir>
#include <QHostAddress>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace {

void setError(QString* errorString, const QString& text)
{
    if (errorString)
        *errorString = text;
}

} // namespace

namespace ConfigChecks {

bool isValidName(const QString& name)
{
    static const QRegularExpression pattern(u"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$"_s);
    return pattern.match(name).hasMatch();
}

QString nameRule()
{
    return u"must be 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit"_s;
}

bool isValidListenHost(const QString& host, QString* errorString)
{
    if (!QHostAddress(host).isNull())
        return true;
    setError(errorString, u"must be an IP address such as 127.0.0.1, 0.0.0.0 or ::1 (got \"%1\")"_s.arg(host));
    return false;
}

bool isValidTargetHost(const QString& host, QString* errorString)
{
    if (host.contains(u"://"_s)) {
        setError(errorString, u"must be a host name or IP address, not a URL (got \"%1\")"_s.arg(host));
        return false;
    }
    if (!QHostAddress(host).isNull())
        return true;
    // RFC 1123 host names; the port has its own key.
    static const QRegularExpression hostName(
        u"^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\\.?$"_s);
    if (hostName.match(host).hasMatch())
        return true;
    setError(errorString, host.contains(u':')
                              ? u"must be a host name or IP address without a port (got \"%1\")"_s.arg(host)
                              : u"is not a valid host name or IP address (got \"%1\")"_s.arg(host));
    return false;
}

bool isValidHttpUrl(const QUrl& url, QString* errorString)
{
    if (!url.isValid()) {
        setError(errorString, u"is not a valid URL: "_s + url.errorString());
        return false;
    }
    if (url.scheme() != u"http"_s && url.scheme() != u"https"_s) {
        setError(errorString, u"must be an http:// or https:// URL"_s);
        return false;
    }
    if (url.host().isEmpty()) {
        setError(errorString, u"must name a host"_s);
        return false;
    }
    return true;
}

QString resolvePath(const QString& base, const QString& path)
{
    return QDir::cleanPath(QDir(base).absoluteFilePath(path));
}

QString resolveFileDirectory(const NodeConfig& config, const QString& setting)
{
    return resolvePath(config.dataDir.isEmpty() ? config.configDir : config.dataDir, setting);
}

} // namespace ConfigChecks
