#pragma once

#include "models/hl7/Hl7Message.h"

#include <QStringList>

/// Structural and identity validation of a parsed message (DESIGN.md section 2, step 4).
/// Reports every problem it finds, each with an HL7 table 0357 code and a location; an empty list
/// means valid. Never puts field values (PHI) in messages.
namespace Hl7Validator {

struct Options
{
    /// Message types the channel declares, as "TYPE^TRIGGER" with "*" wildcards ("ADT^*", "*").
    /// Empty or "*" accepts every type.
    QStringList acceptedMessageTypes{QStringLiteral("*")};
    /// Require PID-3 on messages that carry a PID segment (ADT, ORU, ORM, ...).
    bool requirePatientIdentifier = true;
    /// Check segment order for the structures we know (ADT A01/A03/A04/A08, ORU R01, ORM O01).
    bool checkSegmentGrammar = true;
};

QList<Hl7Error> validate(const Hl7Message& message, const Options& options = {});

} // namespace Hl7Validator
