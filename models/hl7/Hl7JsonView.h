#pragma once

#include <QJsonObject>

class Hl7Message;

/// A parsed HL7 v2 message as JSON, for the console's segment/field tree. The view shows whatever
/// bytes it is given: callers mask PHI first (PhiMasker) and view the masked message.
///
/// Shape (empty fields are left out; positions keep the numbering):
/// {
///   "version": "2.5.1", "messageType": "ORU", "triggerEvent": "R01", "messageStructure": "ORU_R01",
///   "controlId": "MSG00001", "delimiters": "|^~\\&",
///   "segments": [
///     {"id": "PID", "index": 1, "fields": [
///       {"position": 3, "value": "123^^^HOSP&1.2&ISO^MR~456",
///        "repetitions": [["123", "", "", ["HOSP", "1.2", "ISO"], "MR"], ["456"]]},
///       {"position": 8, "value": "M"},
///       {"position": 11, "value": "1 A\\S\\B St", "decoded": "1 A^B St"}
///     ]}
///   ]
/// }
/// - "index" is the segment's occurrence (1 for the first PID, 2 for the second), as in "OBX(2)-5".
/// - "value" is the field as sent: delimiters and escape sequences kept, charset-decoded.
/// - "repetitions" is present only when the field has a repetition, component or subcomponent
///   delimiter: repetitions[r][c] is component c+1 of repetition r+1, either a string or, when it
///   has subcomponents, an array of strings. Every string in it is escape-decoded.
/// - "decoded" is present only for a field without inner structure whose escape-decoded text
///   differs from "value".
/// - "messageStructure" is left out when MSH-9.3 is empty. MSH-1 and MSH-2 are the delimiters and
///   are shown as they are.
class Hl7JsonView
{
public:
    static QJsonObject toJson(const Hl7Message& message);
};
