#include "node/config/NodeConfig.h"

#include "node/config/ConfigChecks.h"
#include "node/config/ConfigReader.h"

#include <QDir>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace {

struct Endpoint
{
    QString host;                                    ///< empty when the spec gave only a port
    int port = 0;
};

void setError(QString* errorString, const QString& text)
{
    if (errorString)
        *errorString = text;
}

// "[HOST:]PORT", with IPv6 literals in brackets ("[::1]:2575") so the last colon is unambiguous.
std::optional<Endpoint> parseEndpoint(QStringView text, bool hostRequired, int minPort, QString* why)
{
    Endpoint endpoint;
    QStringView portText = text;
    if (text.startsWith(u'[')) {
        const qsizetype close = text.indexOf(u']');
        if (close < 0 || close + 1 >= text.size() || text[close + 1] != u':') {
            *why = u"expected [IPV6]:PORT"_s;
            return std::nullopt;
        }
        endpoint.host = text.mid(1, close - 1).toString();
        portText = text.mid(close + 2);
    } else if (const qsizetype colons = text.count(u':'); colons > 1) {
        *why = u"write an IPv6 address in brackets, e.g. [::1]:2575"_s;
        return std::nullopt;
    } else if (colons == 1) {
        const qsizetype colon = text.indexOf(u':');
        endpoint.host = text.left(colon).toString();
        portText = text.mid(colon + 1);
    }
    if ((hostRequired || text.contains(u':')) && endpoint.host.isEmpty()) {
        *why = hostRequired ? u"expected HOST:PORT"_s : u"the host before ':' is empty"_s;
        return std::nullopt;
    }
    bool ok = false;
    const int port = portText.toInt(&ok);
    const bool digitsOnly = !portText.isEmpty() && std::all_of(portText.begin(), portText.end(), [](QChar c) {
        return c >= u'0' && c <= u'9';
    });
    if (!digitsOnly) {
        *why = u"the port must be a number (got \"%1\")"_s.arg(portText);
        return std::nullopt;
    }
    if (!ok || port < minPort || port > 65535) {
        *why = u"the port must be between %1 and 65535 (got %2)"_s.arg(minPort).arg(portText);
        return std::nullopt;
    }
    endpoint.port = port;
    return endpoint;
}

// Splits "NAME=VALUE"; on failure explains the expected form.
bool splitSpec(const QString& spec, const QString& option, const QString& form, QString& name, QString& value,
               QString* errorString)
{
    const qsizetype equals = spec.indexOf(u'=');
    if (equals <= 0 || equals + 1 >= spec.size()) {
        setError(errorString, u"%1 %2: expected %3"_s.arg(option, spec, form));
        return false;
    }
    name = spec.left(equals);
    value = spec.mid(equals + 1);
    return true;
}

} // namespace

const ChannelConfig* NodeConfig::channel(const QString& name) const
{
    for (const ChannelConfig& candidate : channels) {
        if (candidate.name == name)
            return &candidate;
    }
    return nullptr;
}

const DestinationConfig* NodeConfig::destination(const QString& name) const
{
    for (const DestinationConfig& candidate : destinations) {
        if (candidate.name == name)
            return &candidate;
    }
    return nullptr;
}

namespace NodeConfigLoader {

bool applyListenOverride(NodeConfig& config, const QString& spec, QString* errorString)
{
    const QString option = u"--listen"_s;
    QString name, value;
    if (!splitSpec(spec, option, u"NAME=[HOST:]PORT"_s, name, value, errorString))
        return false;
    const auto fail = [&](const QString& why) {
        setError(errorString, u"%1 %2: %3"_s.arg(option, spec, why));
        return false;
    };

    ChannelConfig* channel = nullptr;
    QStringList listeners{u"http"_s};
    for (ChannelConfig& candidate : config.channels) {
        if (candidate.kind == u"fhir"_s) {
            if (candidate.name == name)
                return fail(u"\"%1\" is a FHIR channel, served on the node's HTTP listener: move that one with "
                            "--listen http=[HOST:]PORT"_s.arg(name));
            continue;
        }
        listeners.append(candidate.name);
        if (candidate.name == name)
            channel = &candidate;
    }
    if (!channel && name != u"http"_s) {
        return fail(u"no listener named \"%1\"%2; listeners: %3"_s.arg(
            name, ConfigReader::didYouMean(name, listeners), listeners.join(u", "_s)));
    }
    QString why;
    const std::optional<Endpoint> endpoint = parseEndpoint(value, false, 0, &why);
    if (!endpoint)
        return fail(why);
    if (!endpoint->host.isEmpty() && !ConfigChecks::isValidListenHost(endpoint->host, &why))
        return fail(u"the host "_s + why);

    QString& host = channel ? channel->host : config.httpHost;
    int& port = channel ? channel->port : config.httpPort;
    if (!endpoint->host.isEmpty())
        host = endpoint->host;
    port = endpoint->port;
    return true;
}

bool applyTargetOverride(NodeConfig& config, const QString& spec, QString* errorString)
{
    const QString option = u"--target"_s;
    QString name, value;
    if (!splitSpec(spec, option, u"NAME=HOST:PORT or NAME=URL"_s, name, value, errorString))
        return false;
    const auto fail = [&](const QString& why) {
        setError(errorString, u"%1 %2: %3"_s.arg(option, spec, why));
        return false;
    };

    DestinationConfig* destination = nullptr;
    QStringList names;
    for (DestinationConfig& candidate : config.destinations) {
        names.append(candidate.name);
        if (candidate.name == name)
            destination = &candidate;
    }
    if (!destination) {
        return fail(u"no destination named \"%1\"%2; destinations: %3"_s.arg(
            name, ConfigReader::didYouMean(name, names), names.isEmpty() ? u"none"_s : names.join(u", "_s)));
    }
    if (destination->kind == DestinationConfig::Kind::File)
        return fail(u"\"%1\" is a file destination; it has no network target"_s.arg(name));

    QString why;
    if (value.contains(u"://"_s)) {
        if (destination->kind != DestinationConfig::Kind::Http)
            return fail(u"\"%1\" is an mllp destination: expected HOST:PORT, not a URL"_s.arg(name));
        const QUrl url(value, QUrl::StrictMode);
        if (!ConfigChecks::isValidHttpUrl(url, &why))
            return fail(u"the URL "_s + why);
        destination->url = url;
        destination->tls.enabled = url.scheme() == u"https"_s;
        return true;
    }

    const std::optional<Endpoint> endpoint = parseEndpoint(value, true, 1, &why);
    if (!endpoint)
        return fail(why);
    if (!ConfigChecks::isValidTargetHost(endpoint->host, &why))
        return fail(u"the host "_s + why);
    if (destination->kind == DestinationConfig::Kind::Mllp) {
        destination->host = endpoint->host;
        destination->port = endpoint->port;
    } else {
        // Keep the scheme and path: the override moves the endpoint, it does not redesign it.
        destination->url.setHost(endpoint->host);
        destination->url.setPort(endpoint->port);
    }
    return true;
}

bool applyDataDirOverride(NodeConfig& config, const QString& dir, QString* errorString)
{
    if (dir.trimmed().isEmpty()) {
        setError(errorString, u"--data-dir: the directory is empty"_s);
        return false;
    }
    config.dataDir = ConfigChecks::resolvePath(QDir::currentPath(), dir);
    for (DestinationConfig& destination : config.destinations) {
        if (destination.kind == DestinationConfig::Kind::File && !destination.directorySetting.isEmpty())
            destination.directory = ConfigChecks::resolveFileDirectory(config, destination.directorySetting);
    }
    return true;
}

} // namespace NodeConfigLoader
