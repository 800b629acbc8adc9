#include "net/ops/OpsEndpoint.h"

#include <QUrl>

namespace {

QString urlOf(const OpsEndpoint& endpoint, const QString& scheme, const QString& path)
{
    QUrl url;
    url.setScheme(scheme);
    url.setHost(endpoint.host);
    url.setPort(endpoint.port);
    url.setPath(path);
    return url.toString(QUrl::FullyEncoded);
}

} // namespace

QString OpsEndpoint::baseUrl() const
{
    return urlOf(*this, tls ? QStringLiteral("https") : QStringLiteral("http"), {});
}

QString OpsEndpoint::streamUrl() const
{
    return urlOf(*this, tls ? QStringLiteral("wss") : QStringLiteral("ws"), QStringLiteral("/api/v1/stream"));
}

QString OpsEndpoint::displayAddress() const
{
    if (host.contains(u':'))
        return u'[' + host + u"]:" + QString::number(port);
    return host + u':' + QString::number(port);
}
