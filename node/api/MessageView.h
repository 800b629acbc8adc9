#pragma once

#include "node/query/QueryTypes.h"

#include <QJsonObject>

class FhirPhiMasker;
class PhiMasker;

/// One message as the API shows it: header fields, raw bytes, parsed segments (HL7) or the
/// resource (FHIR), trace, dead letters and lineage — patient fields masked unless `unmasked`.
namespace MessageView {

QJsonObject detail(const MessageDetail& detail, bool unmasked, const PhiMasker& hl7Masker,
                   const FhirPhiMasker& fhirMasker);
/// The payload only (raw, segments or resource), masked or not; `maskedPaths` lists what was hidden.
QJsonObject content(const StoredMessage& message, bool unmasked, const PhiMasker& hl7Masker,
                    const FhirPhiMasker& fhirMasker);

} // namespace MessageView
