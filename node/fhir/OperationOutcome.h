#pragma once

#include "node/fhir/FhirTypes.h"

#include <QByteArray>
#include <QJsonObject>

/// FHIR R4 OperationOutcome bodies and the HTTP status that goes with a list of issues
/// (http://hl7.org/fhir/R4/http.html: 400 when the content cannot be parsed or fails basic FHIR
/// rules, 422 when it breaks a rule of this server; 404, 405, 413, 415, 5xx for the request itself).
namespace OperationOutcome {

QJsonObject build(const FhirIssues& issues);
/// Compact JSON of build().
QByteArray toJson(const FhirIssues& issues);
/// The status for a request whose content had these issues: 400, 422, or 200 when none is an error.
int httpStatusFor(const FhirIssues& issues);
/// One issue describing a failure of the request itself (404, 405, 413, 415, 500, 503, ...).
FhirIssue forStatus(int status, const QString& diagnostics);
FhirIssue information(const QString& diagnostics, const QString& code = QStringLiteral("informational"));

} // namespace OperationOutcome
