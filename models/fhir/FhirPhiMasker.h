#pragma once

#include <QJsonObject>
#include <QJsonValue>
#include <QStringView>

/// Masks patient-identifying data in FHIR R4 JSON before it leaves the node in a response: the
/// counterpart of PhiMasker for FHIR ingest. Masked strings, dates included, become "***"; the
/// structure (keys, array lengths, numbers, booleans) stays, so the console can still show what
/// kind of data was there.
///
/// - In person resources (Patient, RelatedPerson, Person, Practitioner): name, address, photo and
///   contact entirely (only structural codes such as "use", "type", "system", "gender" and the
///   relationship stay), telecom values, birthDate, deceasedDateTime, and extension values that can
///   identify (strings, dates, addresses, names, contact points, identifiers, attachments), with the
///   "_birthDate"-style extensions of each masked element.
/// - In every resource: identifier values; the display of a reference to a person resource and of
///   any "subject" or "patient" reference; the query of every conditional reference
///   ("Patient?identifier=...") and of Bundle request/link URLs and ifNoneExist, which embed
///   identifiers; the narrative (text.div), which restates the data in prose; Binary.data, which
///   may be a whole clinical document.
/// - Resources inside Bundle.entry[].resource, contained[] and anywhere else a "resourceType"
///   object appears are masked by the same rules.
class FhirPhiMasker
{
public:
    static constexpr char maskText[] = "***";

    QJsonObject mask(const QJsonObject& resource) const;
    /// As mask(), for a value that may be an array of resources or any JSON fragment.
    QJsonValue maskValue(const QJsonValue& value) const;

    /// Patient, RelatedPerson, Person, Practitioner.
    static bool isPersonResource(QStringView resourceType);
};
