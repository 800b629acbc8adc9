#include "node/config/ConfigChecks.h"

#include "models/routing/RoutePatterns.h"
#include "node/config/NodeConfig.h"
#include "node/fhir/FhirResourceTypes.h"

#include <QDir>
#include <QHostAddress>
#include <QRegularExpression>

#include <algorithm>

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

bool isValidFhirResourceType(const QString& type, QString* errorString)
{
    if (FhirResourceTypes::isKnown(type))
        return true;
    const QString suggestion = FhirResourceTypes::suggestion(type);
    setError(errorString, u"\"%1\" is not a FHIR R4 resource type%2"_s.arg(
                              type, suggestion.isEmpty() ? QString() : u" (did you mean \"%1\"?)"_s.arg(suggestion)));
    return false;
}

bool isValidFhirEventPattern(const QString& pattern, QString* errorString)
{
    static const QRegularExpression event(u"^[A-Za-z0-9._:/*-]{1,256}$"_s);
    if (event.match(pattern).hasMatch())
        return true;
    setError(errorString, u"\"%1\" is not a FHIR event pattern (a code or URI such as \"transaction\" or "
                          "\"patient-link\", or \"*\")"_s.arg(pattern));
    return false;
}

bool isValidFhirMessageTypePattern(const QString& pattern, QString* errorString)
{
    const qsizetype caret = pattern.indexOf(u'^');
    const QString type = caret < 0 ? pattern : pattern.left(caret);
    const QString syntax = u"\"%1\" is not a FHIR message-type pattern (ResourceType or ResourceType^EVENT, e.g. "
                           "\"Observation\", \"Bundle^transaction\")"_s.arg(pattern);
    QString why;
    if (!isValidFhirResourceType(type, &why)) {
        setError(errorString, syntax + u": "_s + why);
        return false;
    }
    if (caret >= 0 && !isValidFhirEventPattern(pattern.mid(caret + 1), &why)) {
        setError(errorString, syntax + u": "_s + why);
        return false;
    }
    return true;
}

bool isValidRouteMessageType(const QString& pattern, QString* errorString)
{
    QString hl7Why;
    if (RoutePatterns::isValidMessageTypePattern(pattern, &hl7Why) || isValidFhirMessageTypePattern(pattern))
        return true;
    // Report in the language the author was writing: a type with lower-case letters ("Patinet") was
    // meant as a FHIR resource type, anything else as an HL7 type.
    const QString type = pattern.section(u'^', 0, 0);
    const bool fhirLike = type.size() > 3 && std::any_of(type.cbegin(), type.cend(), [](QChar c) { return c.isLower(); });
    if (fhirLike)
        return isValidFhirMessageTypePattern(pattern, errorString);
    setError(errorString, hl7Why);
    return false;
}

bool isValidPhiField(const QString& path, QString* errorString)
{
    static const QRegularExpression field(u"^[A-Z][A-Z0-9]{2}-[1-9][0-9]{0,2}(\\.[1-9][0-9]{0,2})?$"_s);
    if (field.match(path).hasMatch())
        return true;
    setError(errorString, u"\"%1\" is not a PHI field path (SEG-n or SEG-n.c: a segment of three upper-case "
                          "letters or digits, then field and component numbers from 1, e.g. \"PID-5\", "
                          "\"PID-11.1\")"_s.arg(path));
    return false;
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
