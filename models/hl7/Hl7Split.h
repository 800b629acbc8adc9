#pragma once

#include "models/hl7/Hl7Types.h"

#include <QByteArrayView>
#include <QList>

class Hl7Message;

/// Splitting of segments into fields and of fields into their parts, for code that walks a whole
/// segment (masking, JSON view, diff) instead of reading one path at a time. Views point into the
/// segment's bytes.
namespace Hl7Split {

/// The fields of one segment indexed by field number: [0] is the segment ID. In MSH, BHS and FHS
/// [1] is the field separator itself (MSH-1) and [2] the encoding characters, as Hl7Path counts.
QList<QByteArrayView> fields(QByteArrayView segment, const Hl7Encoding& encoding);

/// `view` split at `delimiter`; one part (the view) when the delimiter is 0 or absent.
QList<QByteArrayView> parts(QByteArrayView view, char delimiter);

/// True when field `field` of this segment is MSH-1 or MSH-2 (or BHS/FHS), which hold the
/// delimiters and so have no inner structure and no escapes.
bool isDelimiterField(QByteArrayView segment, const Hl7Encoding& encoding, int field);

/// A segment ID (an uppercase letter, then two uppercase letters or digits) followed by the field
/// separator or nothing. Anything else on a line of a parsed message is free text or the rest of a
/// segment broken by a line end inside a field, and belongs to no known field.
bool isWellFormedSegment(QByteArrayView segment, const Hl7Encoding& encoding);

/// The QStringConverter MIB that Hl7Message uses for this message's values (Hl7Charset::chooseMib).
int charsetMib(const Hl7Message& message);

} // namespace Hl7Split
