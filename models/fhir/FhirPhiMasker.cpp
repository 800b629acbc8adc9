#include "models/fhir/FhirPhiMasker.h"

#include <QJsonArray>
#include <QRegularExpression>
#include <QSet>

using namespace Qt::StringLiterals;

namespace {

QJsonValue maskString()
{
    return QJsonValue(QString::fromLatin1(FhirPhiMasker::maskText));
}

// Every string below `value` masked, except under the keys in `keep` (codes that say what a value
// is, not whose it is).
QJsonValue maskStrings(const QJsonValue& value, const QSet<QString>& keep)
{
    if (value.isString())
        return maskString();
    if (value.isArray()) {
        QJsonArray out;
        for (const QJsonValue& item : value.toArray())
            out.append(maskStrings(item, keep));
        return out;
    }
    if (value.isObject()) {
        QJsonObject out = value.toObject();
        for (auto it = out.begin(); it != out.end(); ++it) {
            if (!keep.contains(it.key()))
                it.value() = maskStrings(it.value(), keep);
        }
        return out;
    }
    return value;
}

const QSet<QString>& structuralKeys()
{
    static const QSet<QString> keys { u"use"_s, u"type"_s, u"system"_s, u"rank"_s, u"gender"_s, u"url"_s,
        u"relationship"_s, u"contentType"_s, u"language"_s };
    return keys;
}

const QSet<QString>& extensionUrlOnly()
{
    static const QSet<QString> keys { u"url"_s };
    return keys;
}

// Masks `key` and its primitive-extension sibling "_key" (e.g. "_birthDate" carrying the birth time).
void maskMember(QJsonObject& object, const QString& key, const QSet<QString>& keep)
{
    if (object.contains(key))
        object[key] = maskStrings(object[key], keep);
    const QString sibling = u'_' + key;
    if (object.contains(sibling))
        object[sibling] = maskStrings(object[sibling], extensionUrlOnly());
}

bool identifyingValueKey(const QString& key)
{
    static const QSet<QString> keys { u"valueString"_s, u"valueAddress"_s, u"valueHumanName"_s, u"valueContactPoint"_s,
        u"valueIdentifier"_s, u"valueDate"_s, u"valueDateTime"_s, u"valueInstant"_s, u"valueAttachment"_s };
    return keys.contains(key);
}

QJsonValue maskExtensions(const QJsonValue& extensions)
{
    if (!extensions.isArray())
        return extensions;
    QJsonArray out;
    for (const QJsonValue& item : extensions.toArray()) {
        QJsonObject extension = item.toObject();
        for (auto it = extension.begin(); it != extension.end(); ++it) {
            if (identifyingValueKey(it.key()) || it.key().startsWith(u"_value"))
                it.value() = maskStrings(it.value(), extensionUrlOnly());
        }
        if (extension.contains(u"extension"_s))
            extension[u"extension"_s] = maskExtensions(extension[u"extension"_s]);
        out.append(item.isObject() ? QJsonValue(extension) : item);
    }
    return out;
}

// "Patient/123", "http://x/fhir/Patient/123", "Patient?identifier=..." and the like.
bool referencesPerson(const QString& reference)
{
    static const QRegularExpression pattern(u"(^|/)(Patient|RelatedPerson|Person)([/?]|$)"_s);
    return pattern.match(reference).hasMatch();
}

// Search parameters in a URL can hold any identifier or name ("Patient?name=peter").
QString maskQuery(const QString& url)
{
    const qsizetype query = url.indexOf(u'?');
    if (query < 0 || query + 1 == url.size())
        return url;
    return url.first(query + 1) + QLatin1StringView(FhirPhiMasker::maskText);
}

class Walker
{
public:
    QJsonValue walk(const QJsonValue& value, const QString& key) const
    {
        if (value.isArray()) {
            QJsonArray out;
            for (const QJsonValue& item : value.toArray())
                out.append(walk(item, key));
            return out;
        }
        if (!value.isObject())
            return value;
        QJsonObject object = value.toObject();
        if (object.value(u"resourceType"_s).isString())
            maskResource(object);
        else
            maskElement(object, key);
        for (auto it = object.begin(); it != object.end(); ++it) {
            if (it.value().isObject() || it.value().isArray())
                it.value() = walk(it.value(), it.key());
        }
        return object;
    }

private:
    static void maskResource(QJsonObject& resource)
    {
        const QString type = resource.value(u"resourceType"_s).toString();
        if (resource.value(u"text"_s).isObject()) {
            QJsonObject narrative = resource.value(u"text"_s).toObject();
            if (narrative.contains(u"div"_s))
                narrative[u"div"_s] = maskString();
            resource[u"text"_s] = narrative;
        }
        if (type == u"Binary" && resource.contains(u"data"_s))
            resource[u"data"_s] = maskString();
        if (!FhirPhiMasker::isPersonResource(type))
            return;
        for (const QString& key :
            { u"name"_s, u"address"_s, u"photo"_s, u"contact"_s, u"birthDate"_s, u"deceasedDateTime"_s })
            maskMember(resource, key, structuralKeys());
        if (resource.value(u"telecom"_s).isArray()) {
            QJsonArray telecoms;
            for (const QJsonValue& item : resource.value(u"telecom"_s).toArray()) {
                QJsonObject telecom = item.toObject();
                maskMember(telecom, u"value"_s, structuralKeys());
                telecoms.append(item.isObject() ? QJsonValue(telecom) : item);
            }
            resource[u"telecom"_s] = telecoms;
        }
        for (const QString& key : { u"extension"_s, u"modifierExtension"_s }) {
            if (resource.contains(key))
                resource[key] = maskExtensions(resource[key]);
        }
    }

    // Rules for data types that hold identity wherever they appear.
    static void maskElement(QJsonObject& element, const QString& key)
    {
        if (key == u"identifier")
            maskMember(element, u"value"_s, structuralKeys());
        const bool personKey = key == u"subject" || key == u"patient";
        const QJsonValue reference = element.value(u"reference"_s);
        const bool toPerson = (reference.isString() && referencesPerson(reference.toString()))
            || FhirPhiMasker::isPersonResource(element.value(u"type"_s).toString());
        if ((personKey || toPerson) && element.contains(u"display"_s))
            maskMember(element, u"display"_s, structuralKeys());
        // A conditional reference is a search, and its parameters can name anyone.
        if (reference.isString())
            element[u"reference"_s] = maskQuery(reference.toString());
        // Bundle.entry.request (conditional create/update/delete, searches) and Bundle.link.
        if (key == u"request" || (key == u"link" && element.contains(u"relation"_s))) {
            if (element.value(u"url"_s).isString())
                element[u"url"_s] = maskQuery(element.value(u"url"_s).toString());
            if (element.contains(u"ifNoneExist"_s))
                element[u"ifNoneExist"_s] = maskString();
        }
    }
};

} // namespace

QJsonObject FhirPhiMasker::mask(const QJsonObject& resource) const
{
    return Walker().walk(resource, QString()).toObject();
}

QJsonValue FhirPhiMasker::maskValue(const QJsonValue& value) const
{
    return Walker().walk(value, QString());
}

bool FhirPhiMasker::isPersonResource(QStringView resourceType)
{
    return resourceType == u"Patient" || resourceType == u"RelatedPerson" || resourceType == u"Person"
        || resourceType == u"Practitioner";
}
