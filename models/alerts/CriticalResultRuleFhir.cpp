// CriticalResultRule for FHIR R4 Observations: what an Observation says, read into the rule's
// format-neutral Observed; the decisions are CriticalResultRule's own (CriticalResultRule.cpp).
#include "models/alerts/CriticalResultRule.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace {

QString text(const QJsonObject& object, QStringView key)
{
    return object.value(key).toString().trimmed();
}

QJsonObject child(const QJsonObject& object, QStringView key)
{
    return object.value(key).toObject();
}

QJsonObject first(const QJsonObject& object, QStringView key)
{
    return object.value(key).toArray().at(0).toObject();
}

/// A FHIR number as written ("6.30" keeps its digits where the JSON kept them as a string; a double
/// prints without trailing noise).
QString number(const QJsonValue& value)
{
    if (value.isString())
        return value.toString();
    if (!value.isDouble())
        return {};
    return QString::number(value.toDouble(), 'g', 12);
}

/// Observation.status as the OBX-11 code the rule (and every alert) speaks; empty for a status that
/// carries nothing an alert can act on (registered, unknown).
QString statusCode(const QString& status)
{
    if (status == u"final")
        return u"F"_s;
    if (status == u"preliminary")
        return u"P"_s;
    if (status == u"corrected")
        return u"C"_s;
    if (status == u"amended")
        return u"A"_s;
    if (status == u"entered-in-error")
        return u"W"_s;
    if (status == u"cancelled")
        return u"X"_s;
    return {};
}

QStringList interpretationCodes(const QJsonObject& observation)
{
    QStringList codes;
    for (const QJsonValue& interpretation : observation.value(u"interpretation").toArray()) {
        for (const QJsonValue& coding : interpretation.toObject().value(u"coding").toArray()) {
            const QString code = text(coding.toObject(), u"code");
            if (!code.isEmpty() && !codes.contains(code))
                codes.append(code);
        }
    }
    return codes;
}

/// The patient identifier of a resource's subject (value and system); a literal reference
/// ("Patient/123") is a server's id, not an identifier, and is not used.
std::pair<QString, QString> subjectIdentifier(const QJsonObject& resource)
{
    const QJsonObject identifier = child(child(resource, u"subject"), u"identifier");
    return {text(identifier, u"value"), text(identifier, u"system")};
}

/// The first Patient of a Bundle with an identifier: whose results the Bundle carries, when its
/// Observations name their subject by reference only.
std::pair<QString, QString> bundlePatient(const QList<QJsonObject>& resources)
{
    for (const QJsonObject& r : resources) {
        if (text(r, u"resourceType") != u"Patient")
            continue;
        for (const QJsonValue& identifier : r.value(u"identifier").toArray()) {
            const QString value = text(identifier.toObject(), u"value");
            if (!value.isEmpty())
                return {value, text(identifier.toObject(), u"system")};
        }
    }
    return {};
}

void readValue(const QJsonObject& o, QString& value, QString& units, QString& valueType)
{
    if (o.contains(u"valueQuantity")) {
        const QJsonObject quantity = child(o, u"valueQuantity");
        valueType = u"Quantity"_s;
        value = text(quantity, u"comparator") + number(quantity.value(u"value"));
        units = text(quantity, u"unit");
        if (units.isEmpty())
            units = text(quantity, u"code");
    } else if (o.contains(u"valueCodeableConcept")) {
        const QJsonObject coded = child(o, u"valueCodeableConcept");
        valueType = u"CodeableConcept"_s;
        value = text(coded, u"text");
        if (value.isEmpty())
            value = text(first(coded, u"coding"), u"display");
        if (value.isEmpty())
            value = text(first(coded, u"coding"), u"code");
    } else if (o.contains(u"valueString")) {
        valueType = u"string"_s;
        value = text(o, u"valueString");
    } else if (o.contains(u"valueInteger")) {
        valueType = u"integer"_s;
        value = number(o.value(u"valueInteger"));
    }
}

QString referenceRange(const QJsonObject& o)
{
    const QJsonObject range = first(o, u"referenceRange");
    const QString low = number(child(range, u"low").value(u"value"));
    const QString high = number(child(range, u"high").value(u"value"));
    if (!low.isEmpty() || !high.isEmpty())
        return low + u'-' + high;
    return text(range, u"text");
}

QString observedAt(const QJsonObject& o)
{
    QString at = text(o, u"effectiveDateTime");
    if (at.isEmpty())
        at = text(child(o, u"effectivePeriod"), u"start");
    if (at.isEmpty())
        at = text(o, u"issued");
    return at;
}

} // namespace

bool CriticalResultRule::appliesToFhir(const QString& resourceType) const
{
    return m_config.fhirObservations && (resourceType == u"Observation" || resourceType == u"Bundle");
}

QList<AlertSignal> CriticalResultRule::evaluate(const QJsonObject& resource, const Source& source,
                                                const OpenAlertIndex* openAlerts) const
{
    QList<AlertSignal> signalList;
    if (!m_config.fhirObservations)
        return signalList;
    QList<QJsonObject> resources;
    if (text(resource, u"resourceType") == u"Bundle") {
        for (const QJsonValue& entry : resource.value(u"entry").toArray()) {
            const QJsonObject r = entry.toObject().value(u"resource").toObject();
            if (!r.isEmpty())
                resources.append(r);
        }
    } else {
        resources.append(resource);
    }
    const bool clearsMatter = !openAlerts || openAlerts->anyOpen(m_config.common.id);
    std::optional<std::pair<QString, QString>> bundleSubject; // read once, when a signal needs it

    for (const QJsonObject& o : std::as_const(resources)) {
        if (text(o, u"resourceType") != u"Observation")
            continue;
        const QString status = statusCode(text(o, u"status"));
        if (status.isEmpty())
            continue;
        const StatusClass statusClass = classify(status);
        const QStringList flags = interpretationCodes(o);
        const QStringList critical = criticalOf(flags);
        std::optional<AlertSignal> signal = signalKind(statusClass, status, !critical.isEmpty(), clearsMatter);
        if (!signal)
            continue;

        Observed observed;
        observed.status = status;
        observed.flags = flags;
        observed.criticalFlags = critical;
        const QJsonObject coding = first(child(o, u"code"), u"coding");
        observed.code = text(coding, u"code");
        observed.codeSystem = text(coding, u"system");
        observed.text = text(child(o, u"code"), u"text");
        if (observed.text.isEmpty())
            observed.text = text(coding, u"display");
        readValue(o, observed.value, observed.units, observed.valueType);
        observed.referenceRange = referenceRange(o);
        observed.observedAt = observedAt(o);
        observed.controlId = text(o, u"id");
        std::tie(observed.patientId, observed.assigningAuthority) = subjectIdentifier(o);
        if (observed.patientId.isEmpty()) {
            if (!bundleSubject)
                bundleSubject = bundlePatient(resources);
            std::tie(observed.patientId, observed.assigningAuthority) = *bundleSubject;
        }
        // The tags keep an Observation's identifier, its id and its code from ever giving one key.
        const QJsonObject identifier = first(o, u"identifier");
        if (!text(identifier, u"value").isEmpty())
            observed.instanceKey = QStringList{u"fhir-identifier"_s, text(identifier, u"system"), text(identifier, u"value")};
        else if (!observed.controlId.isEmpty())
            observed.instanceKey = QStringList{u"fhir-id"_s, observed.controlId};
        else
            observed.instanceKey = QStringList{u"fhir-code"_s, observed.codeSystem, observed.code, observed.observedAt};
        observed.groupId = text(first(o, u"basedOn"), u"reference");
        observed.unit = source.unit;
        if (finishSignal(*signal, observed, source, openAlerts))
            signalList.append(*signal);
    }
    return signalList;
}
