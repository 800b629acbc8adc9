#pragma once

#include <QStringList>
#include <QStringView>

/// The resource types of FHIR R4 (4.0.1, http://hl7.org/fhir/R4/resourcelist.html): what a
/// "resourceType" may say, what a channel's acceptResourceTypes and a route's messageType may name.
namespace FhirResourceTypes {

bool isKnown(QStringView type);
/// All of them, sorted.
const QStringList& all();
/// The closest known type when `type` looks like a typo of one ("Patinet"), else empty.
QString suggestion(QStringView type);

} // namespace FhirResourceTypes
