#include "node/fhir/FhirElements.h"

using namespace Qt::StringLiterals;

namespace FhirElements {

namespace {

// Terse builders, so that each table reads like the element list of the R4 resource page.
struct Builder
{
    Table table;

    Builder& one(const QString& name, Type type = Type::Complex)
    {
        table.insert(name, Element { type, false, false, {}, {} });
        return *this;
    }
    Builder& many(const QString& name, Type type = Type::Complex)
    {
        table.insert(name, Element { type, true, false, {}, {} });
        return *this;
    }
    Builder& required(const QString& name, Type type = Type::Complex)
    {
        table.insert(name, Element { type, false, true, {}, {} });
        return *this;
    }
    Builder& code(const QString& name, QStringList codes, bool isRequired = false)
    {
        table.insert(name, Element { Type::Code, false, isRequired, std::move(codes), {} });
        return *this;
    }
    /// A choice element: `group` is "value[x]", each (suffix, type) one of its forms.
    Builder& choice(
        const QString& group, std::initializer_list<std::pair<const char*, Type>> forms, bool isRequired = false)
    {
        const QString stem = group.left(group.size() - 3);
        for (const auto& [suffix, type] : forms)
            table.insert(stem + QString::fromLatin1(suffix), Element { type, false, isRequired, {}, group });
        return *this;
    }
    Table build(QStringView resourceType)
    {
        Table all = baseElements(resourceType);
        all.insert(table);
        return all;
    }
};

const QStringList kGender { u"male"_s, u"female"_s, u"other"_s, u"unknown"_s };

Table patient()
{
    return Builder()
        .many(u"identifier"_s)
        .one(u"active"_s, Type::Boolean)
        .many(u"name"_s)
        .many(u"telecom"_s)
        .code(u"gender"_s, kGender)
        .one(u"birthDate"_s, Type::Date)
        .choice(u"deceased[x]"_s, { { "Boolean", Type::Boolean }, { "DateTime", Type::DateTime } })
        .many(u"address"_s)
        .one(u"maritalStatus"_s)
        .choice(u"multipleBirth[x]"_s, { { "Boolean", Type::Boolean }, { "Integer", Type::Integer } })
        .many(u"photo"_s)
        .many(u"contact"_s)
        .many(u"communication"_s)
        .many(u"generalPractitioner"_s)
        .one(u"managingOrganization"_s)
        .many(u"link"_s)
        .build(u"Patient");
}

Table observation()
{
    return Builder()
        .many(u"identifier"_s)
        .many(u"basedOn"_s)
        .many(u"partOf"_s)
        .code(u"status"_s,
            { u"registered"_s, u"preliminary"_s, u"final"_s, u"amended"_s, u"corrected"_s, u"cancelled"_s,
                u"entered-in-error"_s, u"unknown"_s },
            true)
        .many(u"category"_s)
        .required(u"code"_s)
        .one(u"subject"_s)
        .many(u"focus"_s)
        .one(u"encounter"_s)
        .choice(u"effective[x]"_s,
            { { "DateTime", Type::DateTime }, { "Period", Type::Complex }, { "Timing", Type::Complex },
                { "Instant", Type::Instant } })
        .one(u"issued"_s, Type::Instant)
        .many(u"performer"_s)
        .choice(u"value[x]"_s,
            { { "Quantity", Type::Complex }, { "CodeableConcept", Type::Complex }, { "String", Type::String },
                { "Boolean", Type::Boolean }, { "Integer", Type::Integer }, { "Range", Type::Complex },
                { "Ratio", Type::Complex }, { "SampledData", Type::Complex }, { "Time", Type::Time },
                { "DateTime", Type::DateTime }, { "Period", Type::Complex } })
        .one(u"dataAbsentReason"_s)
        .many(u"interpretation"_s)
        .many(u"note"_s)
        .one(u"bodySite"_s)
        .one(u"method"_s)
        .one(u"specimen"_s)
        .one(u"device"_s)
        .many(u"referenceRange"_s)
        .many(u"hasMember"_s)
        .many(u"derivedFrom"_s)
        .many(u"component"_s)
        .build(u"Observation");
}

Table encounter()
{
    return Builder()
        .many(u"identifier"_s)
        .code(u"status"_s,
            { u"planned"_s, u"arrived"_s, u"triaged"_s, u"in-progress"_s, u"onleave"_s, u"finished"_s, u"cancelled"_s,
                u"entered-in-error"_s, u"unknown"_s },
            true)
        .many(u"statusHistory"_s)
        .required(u"class"_s)
        .many(u"classHistory"_s)
        .many(u"type"_s)
        .one(u"serviceType"_s)
        .one(u"priority"_s)
        .one(u"subject"_s)
        .many(u"episodeOfCare"_s)
        .many(u"basedOn"_s)
        .many(u"participant"_s)
        .many(u"appointment"_s)
        .one(u"period"_s)
        .one(u"length"_s)
        .many(u"reasonCode"_s)
        .many(u"reasonReference"_s)
        .many(u"diagnosis"_s)
        .many(u"account"_s)
        .one(u"hospitalization"_s)
        .many(u"location"_s)
        .one(u"serviceProvider"_s)
        .one(u"partOf"_s)
        .build(u"Encounter");
}

Table messageHeader()
{
    return Builder()
        .choice(u"event[x]"_s, { { "Coding", Type::Complex }, { "Uri", Type::Uri } }, true)
        .many(u"destination"_s)
        .one(u"sender"_s)
        .one(u"enterer"_s)
        .one(u"author"_s)
        .required(u"source"_s)
        .one(u"responsible"_s)
        .one(u"reason"_s)
        .one(u"response"_s)
        .many(u"focus"_s)
        .one(u"definition"_s, Type::Uri)
        .build(u"MessageHeader");
}

Table diagnosticReport()
{
    return Builder()
        .many(u"identifier"_s)
        .many(u"basedOn"_s)
        .code(u"status"_s,
            { u"registered"_s, u"partial"_s, u"preliminary"_s, u"final"_s, u"amended"_s, u"corrected"_s, u"appended"_s,
                u"cancelled"_s, u"entered-in-error"_s, u"unknown"_s },
            true)
        .many(u"category"_s)
        .required(u"code"_s)
        .one(u"subject"_s)
        .one(u"encounter"_s)
        .choice(u"effective[x]"_s, { { "DateTime", Type::DateTime }, { "Period", Type::Complex } })
        .one(u"issued"_s, Type::Instant)
        .many(u"performer"_s)
        .many(u"resultsInterpreter"_s)
        .many(u"specimen"_s)
        .many(u"result"_s)
        .many(u"imagingStudy"_s)
        .many(u"media"_s)
        .one(u"conclusion"_s, Type::String)
        .many(u"conclusionCode"_s)
        .many(u"presentedForm"_s)
        .build(u"DiagnosticReport");
}

Table bundle()
{
    return Builder()
        .one(u"identifier"_s)
        .code(u"type"_s,
            { u"document"_s, u"message"_s, u"transaction"_s, u"transaction-response"_s, u"batch"_s, u"batch-response"_s,
                u"history"_s, u"searchset"_s, u"collection"_s },
            true)
        .one(u"timestamp"_s, Type::Instant)
        .one(u"total"_s, Type::UnsignedInt)
        .many(u"link"_s)
        .many(u"entry"_s)
        .one(u"signature"_s)
        .build(u"Bundle");
}

Table practitioner()
{
    return Builder()
        .many(u"identifier"_s)
        .one(u"active"_s, Type::Boolean)
        .many(u"name"_s)
        .many(u"telecom"_s)
        .many(u"address"_s)
        .code(u"gender"_s, kGender)
        .one(u"birthDate"_s, Type::Date)
        .many(u"photo"_s)
        .many(u"qualification"_s)
        .many(u"communication"_s)
        .build(u"Practitioner");
}

Table organization()
{
    return Builder()
        .many(u"identifier"_s)
        .one(u"active"_s, Type::Boolean)
        .many(u"type"_s)
        .one(u"name"_s, Type::String)
        .many(u"alias"_s, Type::String)
        .many(u"telecom"_s)
        .many(u"address"_s)
        .one(u"partOf"_s)
        .many(u"contact"_s)
        .many(u"endpoint"_s)
        .build(u"Organization");
}

} // namespace

Table baseElements(QStringView resourceType)
{
    Table base {
        { u"id"_s, Element { Type::Id, false, false, {}, {} } },
        { u"meta"_s, Element { Type::Complex, false, false, {}, {} } },
        { u"implicitRules"_s, Element { Type::Uri, false, false, {}, {} } },
        { u"language"_s, Element { Type::Code, false, false, {}, {} } },
    };
    // Bundle, Binary and Parameters derive from Resource, every other type from DomainResource.
    if (resourceType != u"Bundle" && resourceType != u"Binary" && resourceType != u"Parameters") {
        base.insert(u"text"_s, Element { Type::Complex, false, false, {}, {} });
        base.insert(u"contained"_s, Element { Type::Complex, true, false, {}, {} });
        base.insert(u"extension"_s, Element { Type::Complex, true, false, {}, {} });
        base.insert(u"modifierExtension"_s, Element { Type::Complex, true, false, {}, {} });
    }
    return base;
}

const Table* elementsOf(QStringView resourceType)
{
    static const QHash<QString, Table> tables {
        { u"Patient"_s, patient() },
        { u"Observation"_s, observation() },
        { u"Encounter"_s, encounter() },
        { u"MessageHeader"_s, messageHeader() },
        { u"DiagnosticReport"_s, diagnosticReport() },
        { u"Bundle"_s, bundle() },
        { u"Practitioner"_s, practitioner() },
        { u"Organization"_s, organization() },
    };
    const auto it = tables.constFind(resourceType.toString());
    return it == tables.cend() ? nullptr : &it.value();
}

bool isPrimitive(Type type)
{
    return type != Type::Complex;
}

} // namespace FhirElements
