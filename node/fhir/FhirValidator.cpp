#include "node/fhir/FhirValidator.h"

#include "node/config/ConfigReader.h"

#include "models/routing/RoutePatterns.h"
#include "node/fhir/FhirResourceTypes.h"

#include <QDate>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QRegularExpression>

#include <QSet>

#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;
using FhirElements::Element;
using FhirElements::Type;

namespace {

// The lexical forms of the R4 datatypes page (http://hl7.org/fhir/R4/datatypes.html), with the
// calendar checked separately: the regular expressions accept 2023-02-30.
const QRegularExpression& dateRe()
{
    static const QRegularExpression re(u"^([0-9]{4})(?:-(0[1-9]|1[0-2])(?:-(0[1-9]|[12][0-9]|3[01]))?)?$"_s);
    return re;
}

const QRegularExpression& dateTimeRe()
{
    static const QRegularExpression re(
        u"^([0-9]{4})(?:-(0[1-9]|1[0-2])(?:-(0[1-9]|[12][0-9]|3[01])"
        "(?:T([01][0-9]|2[0-3]):[0-5][0-9]:([0-5][0-9]|60)(?:\\.[0-9]+)?(?:Z|[+-](?:(?:0[0-9]|1[0-3]):[0-5][0-9]|14:00)))?)?)?$"_s);
    return re;
}

const QRegularExpression& instantRe()
{
    static const QRegularExpression re(
        u"^([0-9]{4})-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])"
        "T([01][0-9]|2[0-3]):[0-5][0-9]:([0-5][0-9]|60)(?:\\.[0-9]+)?(?:Z|[+-](?:(?:0[0-9]|1[0-3]):[0-5][0-9]|14:00))$"_s);
    return re;
}

const QRegularExpression& timeRe()
{
    static const QRegularExpression re(u"^([01][0-9]|2[0-3]):[0-5][0-9]:([0-5][0-9]|60)(?:\\.[0-9]+)?$"_s);
    return re;
}

// Year, month and day, when the text names a whole day: it must exist in the calendar.
bool calendarOk(const QRegularExpressionMatch& match)
{
    if (match.captured(3).isEmpty())
        return true;
    return QDate(match.captured(1).toInt(), match.captured(2).toInt(), match.captured(3).toInt()).isValid();
}

bool matchesDate(const QRegularExpression& re, const QString& text)
{
    const QRegularExpressionMatch match = re.match(text);
    return match.hasMatch() && calendarOk(match);
}

// Collects issues up to FhirValidator::MaxIssues, then one note that more were left out.
class Collector
{
public:
    explicit Collector(FhirIssues& issues)
        : m_issues(issues)
    {
    }

    void add(FhirIssue::Severity severity, const QString& code, const QString& expression, const QString& text)
    {
        if (m_issues.size() < FhirValidator::MaxIssues) {
            m_issues.append(FhirIssue { severity, code, expression, text });
        } else if (!m_truncated) {
            m_truncated = true;
            m_issues.append(FhirIssue { FhirIssue::Severity::Information, u"informational"_s, {},
                u"further issues were found and left out (at most %1 are reported)"_s.arg(FhirValidator::MaxIssues) });
        }
    }
    void error(const QString& code, const QString& expression, const QString& text)
    {
        add(FhirIssue::Severity::Error, code, expression, text);
    }

private:
    FhirIssues& m_issues;
    bool m_truncated = false;
};


QString indexed(const QString& path, qsizetype index)
{
    return path + u'[' + QString::number(index) + u']';
}

QString child(const QString& path, const QString& name)
{
    return path + u'.' + name;
}

class Walker
{
public:
    Walker(Collector& out, const FhirValidator::Options& options)
        : m_out(out)
        , m_options(options)
    {
    }

    void topLevel(const QJsonObject& resource)
    {
        const QString type = resource.value(u"resourceType"_s).toString();
        const QString path = FhirResourceTypes::isKnown(type) ? type : u"Resource"_s;
        if (!checkResourceType(resource, path, true))
            return;
        if (!acceptedByChannel(type)) {
            m_out.error(u"not-supported"_s, path,
                u"this channel does not accept %1 resources (it accepts %2)"_s.arg(
                    type, m_options.acceptResourceTypes.join(u", "_s)));
        }
        resourceBody(resource, type, path, true);
    }

private:
    bool acceptedByChannel(const QString& type) const
    {
        for (const QString& pattern : m_options.acceptResourceTypes) {
            if (RoutePatterns::globMatch(pattern, type))
                return true;
        }
        return false;
    }

    // resourceType present, a string, and an R4 type. False when the rest cannot be judged.
    bool checkResourceType(const QJsonObject& resource, const QString& path, bool topLevel)
    {
        const QJsonValue value = resource.value(u"resourceType"_s);
        if (value.isUndefined()) {
            m_out.error(u"required"_s, path,
                topLevel ? u"the body is a JSON object without \"resourceType\": not a FHIR resource"_s
                         : u"the resource has no \"resourceType\""_s);
            return false;
        }
        if (!value.isString()) {
            m_out.error(u"structure"_s, child(path, u"resourceType"_s),
                u"resourceType must be a string (got %1)"_s.arg(ConfigReader::typeName(value)));
            return false;
        }
        const QString type = value.toString();
        if (!FhirResourceTypes::isKnown(type)) {
            // Only echoed when it looks like a type name: the text may be anything.
            const bool nameLike = type.size() <= 64 && FhirValidator::isValidElementName(type);
            const QString suggestion = nameLike ? FhirResourceTypes::suggestion(type) : QString();
            m_out.error(u"invalid"_s, child(path, u"resourceType"_s),
                (nameLike ? u"\"%1\" is not a FHIR R4 resource type"_s.arg(type)
                          : u"resourceType is not a FHIR R4 resource type"_s)
                    + (suggestion.isEmpty() ? QString() : u" (did you mean \"%1\"?)"_s.arg(suggestion)));
            return false;
        }
        return true;
    }

    void resourceBody(const QJsonObject& resource, const QString& type, const QString& path, bool topLevel)
    {
        const FhirElements::Table* table = FhirElements::elementsOf(type);
        const FhirElements::Table base = table ? FhirElements::Table() : FhirElements::baseElements(type);
        const FhirElements::Table& known = table ? *table : base;

        for (auto it = resource.begin(); it != resource.end(); ++it) {
            const QString& name = it.key();
            if (name == u"resourceType")
                continue;
            if (!FhirValidator::isValidElementName(name)) {
                badName(path);
                continue;
            }
            const QString where = child(path, name);
            const QJsonValue value = it.value();
            if (name.startsWith(u'_')) {
                primitiveExtension(known, name.mid(1), value, where, table != nullptr);
                continue;
            }
            const auto element = known.constFind(name);
            if (element == known.cend()) {
                if (table) {
                    m_out.error(u"structure"_s, where,
                        u"unknown element \"%1\" in %2%3"_s.arg(name, type, didYouMean(name, known)));
                    continue;
                }
                generalElement(name, value, where);
                continue;
            }
            checkElement(*element, value, where);
        }
        if (table)
            cardinality(resource, *table, path);
        if (resource.value(u"meta"_s).isObject())
            meta(resource.value(u"meta"_s).toObject(), child(path, u"meta"_s));

        if (type == u"Bundle")
            bundle(resource, path, topLevel);
        else if (type == u"MessageHeader")
            messageHeader(resource, path);
    }

    // Resources without a table: a few well-known primitives wherever they appear at the top, and the
    // structure of everything below.
    void generalElement(const QString& name, const QJsonValue& value, const QString& where)
    {
        static const QHash<QString, Type> common {
            { u"birthDate"_s, Type::Date },
            { u"effectiveDateTime"_s, Type::DateTime },
            { u"issued"_s, Type::Instant },
        };
        const auto it = common.constFind(name);
        if (it != common.cend()) {
            checkElement(Element { *it, false, false, {}, {} }, value, where);
            return;
        }
        walk(value, where);
    }

    void primitiveExtension(const FhirElements::Table& known, const QString& baseName, const QJsonValue& value,
        const QString& where, bool strict)
    {
        const auto element = known.constFind(baseName);
        if (element == known.cend()) {
            if (strict)
                m_out.error(
                    u"structure"_s, where, u"\"_%1\" extends \"%1\", which is not an element here"_s.arg(baseName));
            walk(value, where);
            return;
        }
        if (!FhirElements::isPrimitive(element->type)) {
            m_out.error(u"structure"_s, where,
                u"\"_%1\" is only allowed for primitive elements; \"%1\" is not one"_s.arg(baseName));
            return;
        }
        const bool shapeOk = element->array ? value.isArray() : value.isObject();
        if (!shapeOk) {
            m_out.error(u"structure"_s, where,
                u"must be %1 (got %2)"_s.arg(element->array ? u"an array"_s : u"an object"_s, ConfigReader::typeName(value)));
            return;
        }
        walk(value, where);
    }

    void checkElement(const Element& element, const QJsonValue& value, const QString& where)
    {
        if (element.array) {
            if (!value.isArray()) {
                m_out.error(u"structure"_s, where,
                    u"must be an array, because the element repeats (got %1)"_s.arg(ConfigReader::typeName(value)));
                return;
            }
            const QJsonArray items = value.toArray();
            if (items.isEmpty()) {
                m_out.error(u"structure"_s, where, u"must not be an empty array (leave the element out)"_s);
                return;
            }
            for (qsizetype i = 0; i < items.size(); ++i)
                checkValue(element, items.at(i), indexed(where, i));
            return;
        }
        if (value.isArray()) {
            m_out.error(u"structure"_s, where, u"must be a single value, not an array"_s);
            return;
        }
        checkValue(element, value, where);
    }

    void checkValue(const Element& element, const QJsonValue& value, const QString& where)
    {
        if (element.type == Type::Complex) {
            if (!value.isObject()) {
                m_out.error(u"structure"_s, where, u"must be an object (got %1)"_s.arg(ConfigReader::typeName(value)));
                return;
            }
            walk(value, where);
            return;
        }
        if (!FhirValidator::isValidPrimitive(element.type, value)) {
            const bool wrongJsonType = (element.type == Type::Boolean && !value.isBool())
                || ((element.type == Type::Integer || element.type == Type::UnsignedInt
                        || element.type == Type::Decimal)
                    && !value.isDouble())
                || (element.type != Type::Boolean && element.type != Type::Integer && element.type != Type::UnsignedInt
                    && element.type != Type::Decimal && !value.isString());
            if (wrongJsonType) {
                m_out.error(u"structure"_s, where,
                    u"must be %1 (got %2)"_s.arg(FhirValidator::typeName(element.type), ConfigReader::typeName(value)));
            } else {
                m_out.error(u"value"_s, where, u"is not a valid %1"_s.arg(FhirValidator::typeName(element.type)));
            }
            return;
        }
        if (element.type == Type::Code && !element.codes.isEmpty() && !element.codes.contains(value.toString())) {
            m_out.error(u"code-invalid"_s, where, u"must be one of %1"_s.arg(element.codes.join(u", "_s)));
        }
    }

    void cardinality(const QJsonObject& resource, const FhirElements::Table& table, const QString& path)
    {
        QHash<QString, QStringList> groups;
        QSet<QString> requiredGroups;
        for (auto it = table.cbegin(); it != table.cend(); ++it) {
            if (!it->choiceGroup.isEmpty()) {
                if (resource.contains(it.key()))
                    groups[it->choiceGroup].append(it.key());
                else
                    groups[it->choiceGroup];
                if (it->required)
                    requiredGroups.insert(it->choiceGroup);
            } else if (it->required && !resource.contains(it.key())) {
                m_out.error(
                    u"required"_s, child(path, it.key()), u"the required element \"%1\" is missing"_s.arg(it.key()));
            }
        }
        for (auto it = groups.cbegin(); it != groups.cend(); ++it) {
            if (it->size() > 1) {
                QStringList present = *it;
                present.sort();
                m_out.error(u"structure"_s, child(path, it.key()),
                    u"only one form of %1 is allowed (found %2)"_s.arg(it.key(), present.join(u", "_s)));
            } else if (it->isEmpty() && requiredGroups.contains(it.key())) {
                m_out.error(
                    u"required"_s, child(path, it.key()), u"the required element %1 is missing"_s.arg(it.key()));
            }
        }
    }

    // Everything below a resource's own elements: element names, and resources nested anywhere
    // (contained, Bundle.entry.resource, Parameters.parameter.resource, response outcomes).
    void walk(const QJsonValue& value, const QString& where)
    {
        if (value.isArray()) {
            const QJsonArray items = value.toArray();
            for (qsizetype i = 0; i < items.size(); ++i)
                walk(items.at(i), indexed(where, i));
            return;
        }
        if (!value.isObject())
            return;
        const QJsonObject object = value.toObject();
        if (object.contains(u"resourceType"_s)) {
            nestedResource(object, where);
            return;
        }
        for (auto it = object.begin(); it != object.end(); ++it) {
            if (!FhirValidator::isValidElementName(it.key())) {
                badName(where);
                continue;
            }
            walk(it.value(), child(where, it.key()));
        }
    }

    void nestedResource(const QJsonObject& resource, const QString& where)
    {
        if (!checkResourceType(resource, where, false))
            return;
        resourceBody(resource, resource.value(u"resourceType"_s).toString(), where, false);
    }

    void badName(const QString& where)
    {
        // The name itself is not repeated: a malformed key may hold anything, including patient data.
        m_out.error(u"structure"_s, where,
            u"contains a property whose name is not a FHIR element name (letters and digits, starting "
            "with a letter, optionally after one '_')"_s);
    }

    void bundle(const QJsonObject& bundle, const QString& path, bool topLevel)
    {
        static const QStringList r4Types = FhirElements::elementsOf(u"Bundle")->value(u"type"_s).codes;
        const QString type = bundle.value(u"type"_s).toString();
        if (topLevel && r4Types.contains(type) && !FhirValidator::isIngestableBundleType(type)) {
            m_out.error(u"not-supported"_s, child(path, u"type"_s),
                u"a Bundle of type \"%1\" is not ingested here: send a message, transaction or batch "
                "Bundle (or a single resource)"_s.arg(type));
        }
        const QJsonArray entries = bundle.value(u"entry"_s).toArray();
        const bool isMessage = type == u"message";
        const bool isRequest = type == u"transaction" || type == u"batch";
        const bool isResponse = type == u"transaction-response" || type == u"batch-response";
        if (topLevel && isMessage && entries.isEmpty()) {
            m_out.error(
                u"required"_s, child(path, u"entry"_s), u"a message Bundle needs at least its MessageHeader entry"_s);
        }
        for (qsizetype i = 0; i < entries.size(); ++i) {
            if (!entries.at(i).isObject())
                continue; // reported by the element check
            const QString where = indexed(child(path, u"entry"_s), i);
            entry(entries.at(i).toObject(), where, isMessage, isRequest, isResponse, i == 0);
        }
    }

    void entry(
        const QJsonObject& entry, const QString& where, bool isMessage, bool isRequest, bool isResponse, bool first)
    {
        static const FhirElements::Table entryElements {
            { u"id"_s, Element { Type::String, false, false, {}, {} } },
            { u"extension"_s, Element { Type::Complex, true, false, {}, {} } },
            { u"modifierExtension"_s, Element { Type::Complex, true, false, {}, {} } },
            { u"link"_s, Element { Type::Complex, true, false, {}, {} } },
            { u"fullUrl"_s, Element { Type::Uri, false, false, {}, {} } },
            { u"resource"_s, Element { Type::Complex, false, false, {}, {} } },
            { u"search"_s, Element { Type::Complex, false, false, {}, {} } },
            { u"request"_s, Element { Type::Complex, false, false, {}, {} } },
            { u"response"_s, Element { Type::Complex, false, false, {}, {} } },
        };
        for (auto it = entry.begin(); it != entry.end(); ++it) {
            // The element walk has already judged names and shapes below entry; only unknown ones here.
            if (FhirValidator::isValidElementName(it.key()) && !it.key().startsWith(u'_')
                && !entryElements.contains(it.key())) {
                m_out.error(u"structure"_s, child(where, it.key()),
                    u"unknown element \"%1\" in Bundle.entry%2"_s.arg(it.key(), didYouMean(it.key(), entryElements)));
            }
        }
        const QJsonValue resource = entry.value(u"resource"_s);
        const QJsonValue request = entry.value(u"request"_s);
        const QJsonValue response = entry.value(u"response"_s);
        for (const auto& [name, value] : { std::pair { u"resource"_s, resource }, std::pair { u"request"_s, request },
                 std::pair { u"response"_s, response } }) {
            if (!value.isUndefined() && !value.isObject()) {
                m_out.error(
                    u"structure"_s, child(where, name), u"must be an object (got %1)"_s.arg(ConfigReader::typeName(value)));
                return;
            }
        }
        if (resource.isObject() && !resource.toObject().contains(u"resourceType"_s)) {
            m_out.error(u"required"_s, child(where, u"resource"_s), u"the resource has no \"resourceType\""_s);
        }
        // bdl-5: an entry carries a resource unless it is a bare request or response.
        if (resource.isUndefined() && request.isUndefined() && response.isUndefined()) {
            m_out.error(u"required"_s, where, u"the entry has no resource (nor request or response)"_s);
            return;
        }
        if (isMessage) {
            if (resource.isUndefined()) {
                m_out.error(
                    u"required"_s, child(where, u"resource"_s), u"every entry of a message carries a resource"_s);
            } else if (first && resource.toObject().value(u"resourceType"_s).toString() != u"MessageHeader") {
                m_out.error(u"invalid"_s, child(where, u"resource"_s),
                    u"the first entry of a message Bundle must be its MessageHeader"_s);
            } else if (first && !resource.toObject().contains(u"id"_s)) {
                m_out.error(u"required"_s, child(child(where, u"resource"_s), u"id"_s),
                    u"the MessageHeader of a message needs an id (the response refers to it)"_s);
            }
        }
        if (isRequest)
            entryRequest(request, resource, where);
        if (isResponse && response.isUndefined())
            m_out.error(
                u"required"_s, child(where, u"response"_s), u"every entry of a response Bundle has a response"_s);
        if (response.isObject()) {
            const QJsonValue status = response.toObject().value(u"status"_s);
            if (!status.isString() || status.toString().trimmed().isEmpty())
                m_out.error(u"required"_s, child(child(where, u"response"_s), u"status"_s),
                    u"a response needs its status (a string such as \"201 Created\")"_s);
        }
    }

    void entryRequest(const QJsonValue& request, const QJsonValue& resource, const QString& where)
    {
        static const QStringList methods { u"GET"_s, u"HEAD"_s, u"POST"_s, u"PUT"_s, u"DELETE"_s, u"PATCH"_s };
        const QString requestPath = child(where, u"request"_s);
        if (request.isUndefined()) {
            m_out.error(u"required"_s, requestPath,
                u"every entry of a transaction or batch needs a request (method and url)"_s);
            return;
        }
        if (!request.isObject())
            return; // reported as a shape error
        const QJsonObject object = request.toObject();
        const QJsonValue method = object.value(u"method"_s);
        if (method.isUndefined()) {
            m_out.error(u"required"_s, child(requestPath, u"method"_s), u"the request has no method"_s);
        } else if (!method.isString() || !methods.contains(method.toString())) {
            m_out.error(
                u"code-invalid"_s, child(requestPath, u"method"_s), u"must be one of %1"_s.arg(methods.join(u", "_s)));
        }
        const QJsonValue url = object.value(u"url"_s);
        if (url.isUndefined())
            m_out.error(u"required"_s, child(requestPath, u"url"_s), u"the request has no url"_s);
        else if (!url.isString() || url.toString().trimmed().isEmpty())
            m_out.error(u"structure"_s, child(requestPath, u"url"_s), u"must be a non-empty string"_s);
        const QString verb = method.toString();
        if ((verb == u"POST" || verb == u"PUT" || verb == u"PATCH") && resource.isUndefined()) {
            m_out.error(
                u"required"_s, child(where, u"resource"_s), u"a %1 entry carries the resource it sends"_s.arg(verb));
        }
    }

    void meta(const QJsonObject& meta, const QString& path)
    {
        static const Element versionId { Type::Id, false, false, {}, {} };
        static const Element lastUpdated { Type::Instant, false, false, {}, {} };
        if (meta.contains(u"versionId"_s))
            checkValue(versionId, meta.value(u"versionId"_s), child(path, u"versionId"_s));
        if (meta.contains(u"lastUpdated"_s))
            checkValue(lastUpdated, meta.value(u"lastUpdated"_s), child(path, u"lastUpdated"_s));
    }

    void messageHeader(const QJsonObject& header, const QString& path)
    {
        const QJsonValue source = header.value(u"source"_s);
        if (source.isObject() && !source.toObject().contains(u"endpoint"_s)) {
            m_out.error(u"required"_s, child(child(path, u"source"_s), u"endpoint"_s),
                u"MessageHeader.source needs its endpoint"_s);
        }
    }

    static QString didYouMean(const QString& name, const FhirElements::Table& known)
    {
        // Case slips ("birthdate") and one-letter typos are the usual mistakes.
        QString best;
        int bestScore = 3;
        for (auto it = known.cbegin(); it != known.cend(); ++it) {
            const QString& candidate = it.key();
            int score = 3;
            if (candidate.compare(name, Qt::CaseInsensitive) == 0)
                score = 0;
            else if (std::abs(candidate.size() - name.size()) <= 1) {
                int diff = 0;
                const qsizetype n = std::min(candidate.size(), name.size());
                for (qsizetype i = 0; i < n; ++i)
                    diff += candidate.at(i).toLower() != name.at(i).toLower();
                diff += int(std::abs(candidate.size() - name.size()));
                score = diff <= 1 ? 1 : (diff == 2 && candidate.size() > 5 ? 2 : 3);
            }
            if (score < bestScore || (score == bestScore && score < 3 && candidate < best)) {
                best = candidate;
                bestScore = score;
            }
        }
        return best.isEmpty() ? QString() : u" (did you mean \"%1\"?)"_s.arg(best);
    }

    Collector& m_out;
    const FhirValidator::Options& m_options;
};

QString syntaxReason(QJsonParseError::ParseError error)
{
    switch (error) {
    case QJsonParseError::UnterminatedObject:
        return u"expected ',' or '}' in an object"_s;
    case QJsonParseError::MissingNameSeparator:
        return u"expected ':' after a property name"_s;
    case QJsonParseError::UnterminatedArray:
        return u"expected ',' or ']' in an array"_s;
    case QJsonParseError::MissingValueSeparator:
        return u"expected ',' between array elements"_s;
    case QJsonParseError::IllegalValue:
        return u"invalid value"_s;
    case QJsonParseError::TerminationByNumber:
        return u"the body ends inside a number"_s;
    case QJsonParseError::IllegalNumber:
        return u"invalid number"_s;
    case QJsonParseError::IllegalEscapeSequence:
        return u"invalid escape sequence in a string"_s;
    case QJsonParseError::IllegalUTF8String:
        return u"invalid UTF-8 in a string"_s;
    case QJsonParseError::UnterminatedString:
        return u"unterminated string"_s;
    case QJsonParseError::MissingObject:
        return u"expected an object"_s;
    case QJsonParseError::DeepNesting:
        return u"nested too deeply"_s;
    case QJsonParseError::DocumentTooLarge:
        return u"document too large"_s;
    case QJsonParseError::GarbageAtEnd:
        return u"unexpected text after the end of the resource"_s;
    case QJsonParseError::NoError:
        break;
    }
    return u"syntax error"_s;
}

} // namespace

bool FhirValidator::Result::ok() const
{
    return parsed() && std::none_of(issues.cbegin(), issues.cend(), [](const FhirIssue& i) { return i.isError(); });
}

FhirValidator::Result FhirValidator::validate(const QByteArray& body, const Options& options)
{
    Result result;
    // A UTF-8 byte order mark is not JSON, but some senders write one; offsets still count it.
    const qsizetype skipped = body.startsWith("\xEF\xBB\xBF") ? 3 : 0;
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(body.mid(skipped), &error);
    if (error.error != QJsonParseError::NoError) {
        // QJsonParseError::offset is just past the offending character, except for IllegalNumber, where
        // it is at it; a sender wants the character itself (or the end, when the body stops short).
        const qsizetype at
            = skipped + (error.error == QJsonParseError::IllegalNumber ? error.offset : error.offset - 1);
        result.syntaxErrorOffset = std::clamp<qsizetype>(at, skipped, body.size());
        const QByteArray before = body.left(result.syntaxErrorOffset);
        const qsizetype line = before.count('\n') + 1;
        qsizetype column = 1;
        for (qsizetype i = std::max(before.lastIndexOf('\n') + 1, skipped); i < before.size(); ++i) {
            if ((uchar(before.at(i)) & 0xC0) != 0x80) // count characters, not UTF-8 continuation bytes
                ++column;
        }
        result.issues.append(FhirIssue { FhirIssue::Severity::Fatal, u"structure"_s, {},
            u"the body is not valid JSON: %1 at byte offset %2 (line %3, column %4)"_s.arg(syntaxReason(error.error))
                .arg(result.syntaxErrorOffset)
                .arg(line)
                .arg(column) });
        return result;
    }
    if (!document.isObject()) {
        result.issues.append(FhirIssue { FhirIssue::Severity::Fatal, u"structure"_s, {},
            u"the body must be a JSON object (a FHIR resource), not %1"_s.arg(
                document.isArray() ? u"an array"_s : u"a bare value"_s) });
        return result;
    }
    result.resource = document.object();
    result.issues = validateResource(*result.resource, options);
    return result;
}

FhirIssues FhirValidator::validateResource(const QJsonObject& resource, const Options& options)
{
    FhirIssues issues;
    Collector collector(issues);
    Walker(collector, options).topLevel(resource);
    return issues;
}

bool FhirValidator::isIngestableBundleType(const QString& type)
{
    // transaction-response and batch-response are another server's answer: stored and routed as they
    // are (a relay), like any single resource. A document, collection, searchset or history is no unit
    // of work for an integration channel.
    return type == u"message" || type == u"transaction" || type == u"batch" || type == u"transaction-response"
        || type == u"batch-response";
}

bool FhirValidator::isValidId(const QString& text)
{
    static const QRegularExpression re(u"^[A-Za-z0-9\\-.]{1,64}$"_s);
    return re.match(text).hasMatch();
}

bool FhirValidator::isValidElementName(const QString& name)
{
    static const QRegularExpression re(u"^_?[A-Za-z][A-Za-z0-9]*$"_s);
    return name.size() <= 128 && re.match(name).hasMatch();
}

bool FhirValidator::isValidPrimitive(FhirElements::Type type, const QJsonValue& value)
{
    switch (type) {
    case Type::Boolean:
        return value.isBool();
    case Type::Integer:
    case Type::UnsignedInt: {
        if (!value.isDouble())
            return false;
        const double number = value.toDouble();
        const double min = type == Type::Integer ? -2147483648.0 : 0.0;
        return std::trunc(number) == number && number >= min && number <= 2147483647.0;
    }
    case Type::Decimal:
        return value.isDouble();
    case Type::Complex:
        return value.isObject();
    default:
        break;
    }
    if (!value.isString())
        return false;
    const QString text = value.toString();
    // FHIR strings carry content: "" is not a value (leave the element out instead).
    if (text.trimmed().isEmpty())
        return false;
    switch (type) {
    case Type::String:
        return true;
    case Type::Code: {
        static const QRegularExpression re(u"^[^\\s]+( [^\\s]+)*$"_s);
        return re.match(text).hasMatch();
    }
    case Type::Id:
        return isValidId(text);
    case Type::Uri:
        return !text.contains(u' ');
    case Type::Date:
        return matchesDate(dateRe(), text);
    case Type::DateTime:
        return matchesDate(dateTimeRe(), text);
    case Type::Instant:
        return matchesDate(instantRe(), text);
    case Type::Time:
        return timeRe().match(text).hasMatch();
    default:
        break;
    }
    return false;
}

QString FhirValidator::typeName(FhirElements::Type type)
{
    switch (type) {
    case Type::Boolean:
        return u"boolean (true or false)"_s;
    case Type::Integer:
        return u"integer"_s;
    case Type::UnsignedInt:
        return u"unsignedInt (a whole number >= 0)"_s;
    case Type::Decimal:
        return u"decimal (a JSON number)"_s;
    case Type::String:
        return u"string"_s;
    case Type::Code:
        return u"code"_s;
    case Type::Id:
        return u"id (1 to 64 letters, digits, '-' or '.')"_s;
    case Type::Uri:
        return u"uri"_s;
    case Type::Date:
        return u"date (YYYY, YYYY-MM or YYYY-MM-DD)"_s;
    case Type::DateTime:
        return u"dateTime (YYYY[-MM[-DD[Thh:mm:ss[.fff](Z|+hh:mm)]]])"_s;
    case Type::Instant:
        return u"instant (YYYY-MM-DDThh:mm:ss[.fff](Z|+hh:mm))"_s;
    case Type::Time:
        return u"time (hh:mm:ss)"_s;
    case Type::Complex:
        break;
    }
    return u"object"_s;
}
