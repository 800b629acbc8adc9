#pragma once

#include "node/fhir/FhirElements.h"
#include "node/fhir/FhirTypes.h"

#include <QByteArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QStringList>

#include <optional>

/// Checks a FHIR R4 JSON request body before it is ingested (DESIGN.md section 2, step 4): JSON syntax,
/// a known resourceType, the Bundle rules that make a bundle processable (type message, transaction or
/// batch; entries with resources and requests; a message starting with its MessageHeader), element
/// names, the elements of the core resources (FhirElements) and the common primitive formats (id,
/// date, dateTime, instant, ...). Not a full profile validator: no terminology, no invariants beyond
/// those, no datatype internals. Pure and stateless.
class FhirValidator
{
public:
    struct Options
    {
        QStringList acceptResourceTypes { QStringLiteral(
            "*") }; ///< the top-level resourceType must match one ('*' globs)
    };

    struct Result
    {
        std::optional<QJsonObject> resource; ///< the body, when it is a JSON object
        FhirIssues issues;
        qint64 syntaxErrorOffset = -1; ///< byte offset of a JSON syntax error in the body

        bool parsed() const { return resource.has_value(); }
        bool ok() const;
    };

    static Result validate(const QByteArray& body, const Options& options);
    static Result validate(const QByteArray& body) { return validate(body, Options()); }
    /// The checks after parsing, for a resource already read.
    static FhirIssues validateResource(const QJsonObject& resource, const Options& options);

    /// Bundle types this node ingests; the others get 422 (not-supported).
    static bool isIngestableBundleType(const QString& type);

    static bool isValidId(const QString& text);
    static bool isValidElementName(const QString& name);
    /// Whether `value` has the JSON type and the lexical form of the primitive `type` (R4 datatypes page).
    static bool isValidPrimitive(FhirElements::Type type, const QJsonValue& value);
    static QString typeName(FhirElements::Type type);

    /// Issues beyond this many are summarized in one last issue, to bound the size of the answer.
    static constexpr int MaxIssues = 100;
};
