#pragma once

#include <QString>
#include <QUrl>

struct NodeConfig;

/// Checks and path rules shared by the config loader and the command-line overrides, so that a value is
/// judged the same wherever it comes from.
namespace ConfigChecks {

/// Names of channels, destinations, routes and the node id: they appear on command lines and in metrics.
bool isValidName(const QString& name);
QString nameRule();

/// A listener address: an IP literal (no name lookups at start-up).
bool isValidListenHost(const QString& host, QString* errorString = nullptr);
/// An outbound host: a DNS name or an IP literal, not a URL.
bool isValidTargetHost(const QString& host, QString* errorString = nullptr);
/// An http:// or https:// URL with a host.
bool isValidHttpUrl(const QUrl& url, QString* errorString = nullptr);

/// A FHIR R4 resource type ("Patient"), with a "did you mean" for near misses.
bool isValidFhirResourceType(const QString& type, QString* errorString = nullptr);
/// A FHIR message-type pattern for routes: "ResourceType" or "ResourceType^EVENT", where EVENT is "*" or
/// a code or URI (letters, digits, '.', '_', '-', ':', '/', with '*' globs), e.g. "Observation",
/// "Bundle^transaction", "Bundle^patient-link".
bool isValidFhirMessageTypePattern(const QString& pattern, QString* errorString = nullptr);
/// A FHIR event (trigger) pattern: the EVENT part above.
bool isValidFhirEventPattern(const QString& pattern, QString* errorString = nullptr);
/// A route's messageType: an HL7 message-type pattern (RoutePatterns) or a FHIR one.
bool isValidRouteMessageType(const QString& pattern, QString* errorString = nullptr);
/// A PHI field path for api.phiFields: "SEG-n" or "SEG-n.c" (e.g. "PID-5", "PID-11.1").
bool isValidPhiField(const QString& path, QString* errorString = nullptr);

/// `path` made absolute against `base`, cleaned.
QString resolvePath(const QString& base, const QString& path);
/// Where a file destination's directory setting points: relative settings follow dataDir when it is set,
/// else the config file's folder.
QString resolveFileDirectory(const NodeConfig& config, const QString& setting);

} // namespace ConfigChecks
