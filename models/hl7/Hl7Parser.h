#pragma once

#include "models/hl7/Hl7Message.h"

#include <QByteArrayView>

#include <optional>

/// The one-pass HL7 v2 reader behind Hl7Message: finds the delimiters in MSH-1/MSH-2 and the
/// segment boundaries, and locates elements inside a segment on demand. Everything works on byte
/// views into the message; nothing is copied or allocated per field.
class Hl7Parser
{
public:
    static Hl7Message::ParseResult parse(const QByteArray& raw);
    /// Reads only the MSH line, substituting the standard encoding characters when MSH-2 is
    /// unusable; for NAKs to messages that did not parse. nullopt when there is no MSH line at all.
    static std::optional<Hl7Message> parseHeaderLeniently(const QByteArray& raw);

    /// Reads MSH-1 and MSH-2 at the start of a segment. On failure, says why in `error`.
    static std::optional<Hl7Encoding> readEncoding(QByteArrayView mshSegment, Hl7Error* error = nullptr);

    /// MSH, BHS and FHS count their field separator as field 1.
    static bool isHeaderSegment(QByteArrayView segment, const Hl7Encoding& encoding);
    /// Field `field` (1-based, whole, all repetitions); nullopt when the segment has fewer fields.
    static std::optional<QByteArrayView> field(QByteArrayView segment, const Hl7Encoding& encoding, int field);
    /// One element: repetition is 1-based; component/subcomponent 0 means "the whole level above".
    static std::optional<QByteArrayView> element(QByteArrayView segment, const Hl7Encoding& encoding, int field,
                                                 int repetition, int component, int subcomponent);
    static int fieldCount(QByteArrayView segment, const Hl7Encoding& encoding);
    /// The n-th (0-based) part of `view` split at `delimiter` (no delimiter: the view is part 0).
    static std::optional<QByteArrayView> part(QByteArrayView view, char delimiter, int n);
};
