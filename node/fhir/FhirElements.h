#pragma once

#include <QHash>
#include <QString>
#include <QStringList>
#include <QStringView>

/// The top-level elements of a handful of core R4 resources (Patient, Observation, Encounter,
/// MessageHeader, DiagnosticReport, Bundle, Practitioner, Organization), with the JSON shape and
/// primitive type of each, so that a misspelt or invented element is refused instead of being carried
/// along silently. Other resource types are checked only for what every resource has.
namespace FhirElements {

enum class Type {
    Boolean,
    Integer,
    UnsignedInt,
    Decimal,
    String,
    Code,
    Id,
    Uri,
    Date,
    DateTime,
    Instant,
    Time,
    Complex, ///< a JSON object (a datatype or backbone element)
};

struct Element
{
    Type type = Type::Complex;
    bool array = false; ///< cardinality 0..* or 1..*: always a JSON array
    bool required = false; ///< minimum cardinality 1 (or one of the choice group)
    QStringList codes; ///< a required binding's codes (Code only); empty = any code
    QString choiceGroup; ///< "value[x]" for valueQuantity, valueString, ...
};

using Table = QHash<QString, Element>;

/// The elements of `resourceType` including those of Resource and DomainResource; nullptr when no
/// table is kept for that type.
const Table* elementsOf(QStringView resourceType);
/// The elements every resource has: id, meta, implicitRules, language (+ text, contained, extension,
/// modifierExtension for domain resources, i.e. all but Bundle, Binary and Parameters).
Table baseElements(QStringView resourceType);
bool isPrimitive(Type type);

} // namespace FhirElements
