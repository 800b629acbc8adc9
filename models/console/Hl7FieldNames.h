#pragma once

#include <QString>
#include <QStringView>

/// Names of HL7 v2 segments and their fields, from the v2.5.1 standard, for the common segments
/// (MSH EVN PID PD1 NK1 PV1 PV2 ORC OBR OBX NTE MSA ERR AL1 DG1 IN1 SPM). Unknown segments and
/// positions have no name (empty string), never a guess.
class Hl7FieldNames
{
public:
    /// "Patient Identifier List" for ("PID", 3); empty when unknown.
    static QString fieldName(QStringView segment, int field);
    /// "Patient Identification" for "PID"; empty when unknown.
    static QString segmentName(QStringView segment);
    /// "PID-5 Patient Name", or "PID-5" when the name is unknown.
    static QString label(QStringView segment, int field);
    /// How many fields the table names for a segment (0 when unknown).
    static int knownFieldCount(QStringView segment);
};
