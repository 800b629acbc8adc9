#include "node/fhir/FhirIngest.h"

#include "models/routing/RoutePatterns.h"
#include "node/fhir/FhirValidator.h"
#include "node/fhir/OperationOutcome.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace {

TraceEvent event(qint64 atMs, const QString& stage, const QString& outcome, const QString& detail = {})
{
    TraceEvent e;
    e.atUs = atMs * 1000;
    e.stage = stage;
    e.outcome = outcome;
    e.detail = detail;
    return e;
}

QString text(const QJsonObject& object, const QString& key)
{
    return object.value(key).toString();
}

QJsonObject object(const QJsonObject& parent, const QString& key)
{
    return parent.value(key).toObject();
}

// The resources a body carries, in order: itself, or the resources of its entries.
QList<QJsonObject> resourcesOf(const QJsonObject& body)
{
    if (text(body, u"resourceType"_s) != u"Bundle")
        return { body };
    QList<QJsonObject> resources;
    const QJsonArray entries = body.value(u"entry"_s).toArray();
    for (const QJsonValue& entry : entries) {
        const QJsonObject resource = entry.toObject().value(u"resource"_s).toObject();
        if (!resource.isEmpty())
            resources.append(resource);
    }
    return resources;
}

QString firstIdentifierValue(const QJsonArray& identifiers)
{
    for (const QJsonValue& identifier : identifiers) {
        const QString value = identifier.toObject().value(u"value"_s).toString();
        if (!value.isEmpty())
            return value;
    }
    return {};
}

// The patient of a resource: a Patient's own identifier, else the identifier inside the reference of
// its subject (Observation, Encounter, DiagnosticReport, ...) or patient (AllergyIntolerance,
// Immunization, ...). A literal reference such as "Patient/123" is a server's resource id, not a
// patient identifier, and is not used.
std::pair<QString, QString> patientOf(const QJsonObject& resource, const QString& prefix)
{
    const QString type = text(resource, u"resourceType"_s);
    if (type == u"Patient")
        return { firstIdentifierValue(resource.value(u"identifier"_s).toArray()), prefix + u".identifier"_s };
    for (const QString& key : { u"subject"_s, u"patient"_s }) {
        const QString value = text(object(object(resource, key), u"identifier"_s), u"value"_s);
        if (!value.isEmpty())
            return { value, prefix + u'.' + key + u".identifier"_s };
    }
    return {};
}

// A nurse sees the messages of their units, as PV1-3.1 gives them for HL7. The FHIR equivalent is
// where the Encounter takes place: its current (active) location, else its first, by identifier value
// else display. serviceProvider is an organization (a hospital or department), not a care unit, so it
// is not used: matched against unit lists it would show messages to the wrong people.
QString unitOf(const QJsonObject& encounter)
{
    const QJsonArray locations = encounter.value(u"location"_s).toArray();
    QJsonObject chosen;
    for (const QJsonValue& value : locations) {
        const QJsonObject location = value.toObject();
        if (chosen.isEmpty())
            chosen = location;
        if (text(location, u"status"_s) == u"active") {
            chosen = location;
            break;
        }
    }
    const QJsonObject reference = object(chosen, u"location"_s);
    const QString identifier = text(object(reference, u"identifier"_s), u"value"_s);
    return identifier.isEmpty() ? text(reference, u"display"_s) : identifier;
}

bool anyGlob(const QStringList& patterns, const QString& value)
{
    for (const QString& pattern : patterns) {
        if (RoutePatterns::globMatch(pattern, value))
            return true;
    }
    return patterns.isEmpty();
}

} // namespace

FhirIngest::FhirIngest(
    const ChannelConfig& channel, const RouteTable& routes, qint64 dedupWindowMs, std::function<qint64()> nowMs)
    : m_channel(channel)
    , m_routes(routes)
    , m_dedupWindowMs(dedupWindowMs)
    , m_nowMs(nowMs ? std::move(nowMs) : [] { return QDateTime::currentMSecsSinceEpoch(); })
{
}

FhirIngest::Fields FhirIngest::extract(const QJsonObject& resource)
{
    Fields f;
    f.messageType = text(resource, u"resourceType"_s);
    QJsonObject header;
    if (f.messageType == u"Bundle") {
        const QString type = text(resource, u"type"_s);
        if (type == u"message") {
            f.kind = Kind::Message;
            const QJsonArray entries = resource.value(u"entry"_s).toArray();
            if (!entries.isEmpty())
                header = entries.at(0).toObject().value(u"resource"_s).toObject();
            if (text(header, u"resourceType"_s) != u"MessageHeader")
                header = {};
        } else if (type == u"transaction") {
            f.kind = Kind::Transaction;
        } else if (type == u"batch") {
            f.kind = Kind::Batch;
        }
        f.triggerEvent = type;
        f.controlId = text(object(resource, u"identifier"_s), u"value"_s);
    } else if (f.messageType == u"MessageHeader") {
        header = resource;
    }
    if (!header.isEmpty()) {
        const QString event = text(object(header, u"eventCoding"_s), u"code"_s);
        if (!event.isEmpty() || header.contains(u"eventUri"_s))
            f.triggerEvent = event.isEmpty() ? text(header, u"eventUri"_s) : event;
        if (f.controlId.isEmpty())
            f.controlId = text(header, u"id"_s);
        const QJsonObject source = object(header, u"source"_s);
        f.sendingApplication = text(source, u"name"_s);
        if (f.sendingApplication.isEmpty())
            f.sendingApplication = text(source, u"endpoint"_s);
        const QJsonObject sender = object(header, u"sender"_s);
        f.sendingFacility = text(sender, u"display"_s);
        if (f.sendingFacility.isEmpty())
            f.sendingFacility = text(sender, u"reference"_s);
    }
    if (f.controlId.isEmpty())
        f.controlId = text(resource, u"id"_s);

    const bool isBundle = f.messageType == u"Bundle";
    const QList<QJsonObject> resources = resourcesOf(resource);
    for (qsizetype i = 0; i < resources.size(); ++i) {
        const QJsonObject& r = resources.at(i);
        const QString prefix = isBundle ? u"Bundle.entry.resource"_s : f.messageType;
        if (f.patientId.isEmpty()) {
            const auto [value, path] = patientOf(r, prefix);
            f.patientId = value;
            if (!value.isEmpty())
                f.patientIdPath = path;
        }
        if (f.unit.isEmpty() && text(r, u"resourceType"_s) == u"Encounter")
            f.unit = unitOf(r);
    }
    if (f.patientIdPath.isEmpty()) {
        f.patientIdPath = f.messageType == u"Patient" ? u"Patient.identifier"_s
            : isBundle                                ? u"Bundle.entry.resource"_s
                                                      : f.messageType + u".subject.identifier"_s;
    }
    return f;
}

QByteArray FhirIngest::contentHash(const QByteArray& body, const std::optional<QJsonObject>& parsed)
{
    if (!parsed)
        return QCryptographicHash::hash(body, QCryptographicHash::Sha256);
    return QCryptographicHash::hash(QJsonDocument(*parsed).toJson(QJsonDocument::Compact), QCryptographicHash::Sha256);
}

RouteTable::Match FhirIngest::route(const RouteTable& routes, const Fields& fields)
{
    // RouteTable::route() reads an Hl7Message; these are its rules over the FHIR fields, kept in step
    // with RouteTable::matches().
    RouteTable::Match result;
    for (const RouteRule& rule : routes.rules()) {
        if (!rule.messageTypes.isEmpty()
            && std::none_of(rule.messageTypes.cbegin(), rule.messageTypes.cend(), [&](const QString& pattern) {
                   return RoutePatterns::matchesMessageType(pattern, fields.messageType, fields.triggerEvent);
               })) {
            continue;
        }
        if (!anyGlob(rule.triggerEvents, fields.triggerEvent)
            || !anyGlob(rule.sendingFacilities, fields.sendingFacility)
            || !anyGlob(rule.sendingApplications, fields.sendingApplication)) {
            continue;
        }
        bool fieldsMatch = true;
        for (auto it = rule.fieldEquals.cbegin(); it != rule.fieldEquals.cend() && fieldsMatch; ++it)
            fieldsMatch = anyGlob(it.value(), QString()); // an HL7 field path reads "" in FHIR content
        if (!fieldsMatch)
            continue;
        result.ruleNames.append(rule.name);
        for (const QString& destination : rule.destinations) {
            if (!result.destinations.contains(destination))
                result.destinations.append(destination);
        }
        if (rule.stop)
            break;
    }
    return result;
}

QString FhirIngest::summarize(const FhirIssues& issues)
{
    QStringList parts;
    for (const FhirIssue& issue : issues) {
        if (!issue.isError())
            continue;
        parts << (issue.expression.isEmpty() ? QString() : issue.expression + u": "_s) + issue.diagnostics + u" ("_s
                + issue.code + u')';
    }
    return parts.join(u"; "_s);
}

FhirIngest::Decision FhirIngest::process(
    const QByteArray& body, const QByteArray& correlationId, qint64 receivedAtMs) const
{
    Decision d;
    IngestRecord& r = d.record;
    r.channel = m_channel.name;
    r.raw = body;
    r.correlationId = correlationId;
    r.receivedAtMs = receivedAtMs;
    r.dedupWindowMs = m_dedupWindowMs;
    r.format = u"fhir+json"_s;
    r.events.append(
        event(receivedAtMs, u"receive"_s, u"ok"_s, u"channel %1, %2 bytes"_s.arg(m_channel.name).arg(body.size())));

    FhirValidator::Options options;
    options.acceptResourceTypes = m_channel.acceptResourceTypes;
    FhirValidator::Result validated = FhirValidator::validate(body, options);
    d.resource = validated.resource;
    d.issues = validated.issues;
    r.contentHash = contentHash(body, d.resource);

    const auto deadLetter = [&](const QString& stage) {
        const auto first
            = std::find_if(d.issues.cbegin(), d.issues.cend(), [](const FhirIssue& i) { return i.isError(); });
        r.deadLetter = true;
        r.deadLetterStage = stage;
        r.deadLetterReason = summarize(d.issues);
        if (first != d.issues.cend()) {
            r.errorClass = u"fhir-"_s + first->code;
            r.errorLocation = first->expression;
        }
    };

    if (!validated.parsed()) {
        // Unreadable content is refused whatever onInvalid says (like an HL7 message without a usable
        // MSH), and kept, dead-lettered at the parse stage.
        r.disposition = IngestRecord::Disposition::Unparseable;
        deadLetter(u"parse"_s);
        d.httpStatus = 400;
        r.ackCode = QString::number(d.httpStatus);
        r.events.append(event(m_nowMs(), u"parse"_s, u"failed"_s, r.deadLetterReason));
        return d;
    }

    const QJsonObject& resource = *d.resource;
    d.fields = extract(resource);
    const Fields& f = d.fields;
    r.messageType = f.messageType;
    r.triggerEvent = f.triggerEvent;
    r.controlId = f.controlId;
    r.sendingApplication = f.sendingApplication;
    r.sendingFacility = f.sendingFacility;
    r.version = u"R4"_s;
    r.patientId = f.patientId;
    r.unit = f.unit;
    const QString shape = f.messageType == u"Bundle"
        ? u"Bundle %1, %2 entries"_s.arg(text(resource, u"type"_s)).arg(resource.value(u"entry"_s).toArray().size())
        : f.messageType;
    r.events.append(event(m_nowMs(), u"parse"_s, u"ok"_s, u"FHIR R4 JSON: %1"_s.arg(shape)));

    if (m_channel.requirePatientIdentifier && f.patientId.isEmpty()
        && std::none_of(d.issues.cbegin(), d.issues.cend(), [](const FhirIssue& i) { return i.isError(); })) {
        d.issues.append(FhirIssue { FhirIssue::Severity::Error, u"business-rule"_s, f.patientIdPath,
            u"this channel requires a patient identifier (Patient.identifier, or the "
            "identifier of the subject's reference) and none was found"_s });
    }

    const bool invalid
        = std::any_of(d.issues.cbegin(), d.issues.cend(), [](const FhirIssue& i) { return i.isError(); });
    if (invalid) {
        r.disposition = IngestRecord::Disposition::Invalid;
        deadLetter(u"validate"_s);
        d.httpStatus = m_channel.onInvalid == InvalidMessagePolicy::AckAndDeadLetter
            ? 202
            : OperationOutcome::httpStatusFor(d.issues);
        r.ackCode = QString::number(d.httpStatus);
        r.events.append(event(m_nowMs(), u"validate"_s, u"failed"_s, r.deadLetterReason));
        return d;
    }
    r.events.append(event(m_nowMs(), u"validate"_s, u"ok"_s));

    const RouteTable::Match match = route(m_routes, f);
    r.destinations = match.destinations;
    r.events.append(event(m_nowMs(), u"route"_s, match.destinations.isEmpty() ? u"unrouted"_s : u"ok"_s,
        match.destinations.isEmpty()
            ? u"no routing rule matched"_s
            : u"rules %1 -> %2"_s.arg(match.ruleNames.join(u", "_s), match.destinations.join(u", "_s))));
    r.disposition = IngestRecord::Disposition::Accepted;
    d.httpStatus = f.kind == Kind::Resource ? 201 : 200;
    r.ackCode = QString::number(d.httpStatus);
    return d;
}
