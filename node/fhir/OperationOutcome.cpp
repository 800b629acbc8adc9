#include "node/fhir/OperationOutcome.h"

#include <QJsonArray>
#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace OperationOutcome {

QJsonObject build(const FhirIssues& issues)
{
    QJsonArray list;
    for (const FhirIssue& issue : issues) {
        QJsonObject item {
            { u"severity"_s, FhirIssue::severityName(issue.severity) },
            { u"code"_s, issue.code.isEmpty() ? u"processing"_s : issue.code },
        };
        if (!issue.diagnostics.isEmpty())
            item.insert(u"diagnostics"_s, issue.diagnostics);
        if (!issue.expression.isEmpty())
            item.insert(u"expression"_s, QJsonArray { issue.expression });
        list.append(item);
    }
    // issue is 1..*: an outcome without a problem still says so.
    if (list.isEmpty())
        list.append(QJsonObject { { u"severity"_s, u"information"_s }, { u"code"_s, u"informational"_s },
            { u"diagnostics"_s, u"all OK"_s } });
    return QJsonObject { { u"resourceType"_s, u"OperationOutcome"_s }, { u"issue"_s, list } };
}

QByteArray toJson(const FhirIssues& issues)
{
    return QJsonDocument(build(issues)).toJson(QJsonDocument::Compact);
}

int httpStatusFor(const FhirIssues& issues)
{
    // Content that cannot be read or breaks the base specification is a bad request; content that is
    // proper FHIR but breaks a rule of this node (not ingested here, not accepted on this channel, a
    // patient identifier the channel requires) is unprocessable.
    static const QStringList badRequest { u"structure"_s, u"invalid"_s, u"value"_s, u"required"_s, u"too-long"_s,
        u"code-invalid"_s, u"extension"_s, u"too-costly"_s };
    bool anyError = false;
    for (const FhirIssue& issue : issues) {
        if (!issue.isError())
            continue;
        if (badRequest.contains(issue.code))
            return 400;
        anyError = true;
    }
    return anyError ? 422 : 200;
}

FhirIssue forStatus(int status, const QString& diagnostics)
{
    QString code;
    switch (status) {
    case 400:
        code = u"invalid"_s;
        break;
    case 404:
        code = u"not-found"_s;
        break;
    case 405:
    case 415:
        code = u"not-supported"_s;
        break;
    case 413:
        code = u"too-long"_s;
        break;
    case 422:
        code = u"business-rule"_s;
        break;
    case 503:
        code = u"transient"_s;
        break;
    default:
        code = status >= 500 ? u"exception"_s : u"processing"_s;
        break;
    }
    return FhirIssue { FhirIssue::Severity::Error, code, {}, diagnostics };
}

FhirIssue information(const QString& diagnostics, const QString& code)
{
    return FhirIssue { FhirIssue::Severity::Information, code, {}, diagnostics };
}

} // namespace OperationOutcome
