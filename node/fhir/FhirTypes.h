#pragma once

#include <QList>
#include <QString>

/// One problem (or note) about a FHIR request, as an OperationOutcome.issue says it (R4): a severity,
/// an IssueType code, where (a FHIRPath-like expression such as "Bundle.entry[2].resource.status") and
/// what, in words. Diagnostics name elements and rules, never the values the sender wrote: they end up
/// in traces and dead letters, which carry no PHI.
struct FhirIssue
{
    enum class Severity { Fatal, Error, Warning, Information };

    Severity severity = Severity::Error;
    QString code; ///< IssueType: structure, required, value, invalid, not-supported, ...
    QString expression; ///< empty when the issue is about the whole request
    QString diagnostics;

    bool isError() const { return severity == Severity::Fatal || severity == Severity::Error; }
    static QString severityName(Severity severity)
    {
        switch (severity) {
        case Severity::Fatal:
            return QStringLiteral("fatal");
        case Severity::Error:
            return QStringLiteral("error");
        case Severity::Warning:
            return QStringLiteral("warning");
        case Severity::Information:
            break;
        }
        return QStringLiteral("information");
    }
};

using FhirIssues = QList<FhirIssue>;
