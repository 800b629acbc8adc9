#pragma once

#include <QByteArray>
#include <QJsonArray>
#include <QList>
#include <QString>

class Hl7Message;

/// What an edit changed in an HL7 v2 message, field by field: shown to an admin who edited a dead
/// letter before resubmitting it, so they see exactly what they are about to send.
///
/// Segments are aligned by content first (a longest common subsequence of identical segments), so
/// inserting or deleting one OBX reports that one segment, not every OBX after it. Segments left
/// between two aligned ones are paired, in order, with a segment of the same ID that shares the
/// most fields, and compared field by field; what stays unpaired is reported as a whole segment
/// added or removed. A line that is no well-formed segment (Hl7Split::isWellFormedSegment) has no
/// fields, so a change to it is always a whole-segment removal plus addition.
///
/// Values are the wire text (delimiters and escape sequences as sent), decoded with the message's
/// character set: that is what the admin edited and what will be sent. A field that repeats on
/// either side is compared repetition by repetition ("PID-3(2)").
class Hl7Diff
{
public:
    enum class Kind { Changed, Added, Removed };

    struct FieldChange
    {
        /// "PID-5", "OBX(2)-5", "PID-3(2)" (one repetition), or a segment ID with its occurrence
        /// for a whole segment: "ZPI", "OBX(3)". Occurrences count in the edited message, except for
        /// removed segments, which count in the original.
        QString path;
        QString before;                              ///< empty when Added
        QString after;                               ///< empty when Removed
        Kind kind = Kind::Changed;
        QByteArray segment;                          ///< segment ID, e.g. "PID"
        int occurrence = 1;                          ///< as in path
        int field = 0;                               ///< 0: the whole segment changed
        int repetition = 0;                          ///< 0: the whole field; else that repetition

        bool operator==(const FieldChange&) const = default;
    };

    /// Changes from `before` to `after`, in segment order; empty when they are the same.
    static QList<FieldChange> diff(const Hl7Message& before, const Hl7Message& after);

    /// [{"path": "PID-5", "kind": "changed", "before": "DOE^JOHN", "after": "DOE^JANE"}, ...]:
    /// "kind" is "changed", "added" or "removed"; "before" is left out for added elements and
    /// "after" for removed ones.
    static QJsonArray toJson(const QList<FieldChange>& changes);
    static QString kindName(Kind kind);
};
