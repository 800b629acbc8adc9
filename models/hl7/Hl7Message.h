#pragma once

#include "models/hl7/Hl7Types.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringView>

#include <optional>

struct Hl7Path;

/// A parsed HL7 v2 message (any version 2.1-2.8). Keeps the original bytes; segments and fields are
/// located by offsets into them, and values are unescaped and decoded (MSH-18 charset) only when read,
/// so parsing is one pass over the bytes. Serialization reproduces canonical input byte for byte.
/// Lenient on transport artefacts: a UTF-8 BOM and line breaks before MSH are skipped, blank lines
/// are dropped. The charset rule (MSH-18, else UTF-8 when valid, else ISO 8859-1) is in Hl7Charset.h.
class Hl7Message
{
public:
    struct ParseResult;
    /// Parses raw bytes (one message; CR, LF or CRLF segment terminators). A message whose MSH is
    /// unusable (no MSH, bad MSH-1/MSH-2) fails with an error that says what and where.
    static ParseResult parse(const QByteArray& raw);

    const QByteArray& raw() const;
    const Hl7Encoding& encoding() const;
    int segmentCount() const;
    QByteArray segmentName(int index) const;         ///< 0-based segment index
    /// The bytes of one segment, terminator excluded: a view into raw(), valid while this message is.
    QByteArrayView segmentView(int index) const;
    /// 0-based index of the n-th (1-based) segment named name, or -1.
    int findSegment(QByteArrayView name, int occurrence = 1) const;
    int occurrences(QByteArrayView name) const;

    /// Field access by path: "PID-3", "PID-3.1", "PID-3(2).4", "OBX(2)-5", "PID-5.1.2" (subcomponent),
    /// "MSH-9.2". Repetition and segment occurrence default to 1. Returns the unescaped, charset-decoded
    /// value; an absent element is an empty string; `""` (explicit null) is returned as `""`.
    /// A path that stops above the leaf ("PID-3") returns that element's text with its inner
    /// delimiters; use a component path for composite types. An invalid path (Hl7Path) reads as empty.
    QString value(QStringView path) const;
    /// As value(), but the bytes as they are on the wire (no unescape, no charset decoding).
    QByteArray rawValue(QStringView path) const;
    /// Number of repetitions of a field (0 when absent).
    int repetitionCount(QStringView fieldPath) const;
    /// value() and repetitionCount() for a segment found already (0-based index): no path to parse and
    /// no search, for loops over many segments. field, repetition and component/subcomponent (0 =
    /// the whole element) are 1-based as in a path.
    QString valueAt(int segmentIndex, int field, int repetition = 1, int component = 0, int subcomponent = 0) const;
    int repetitionCountAt(int segmentIndex, int field) const;
    /// Field count of a segment (MSH counts MSH-1 as field 1).
    int fieldCount(int segmentIndex) const;
    /// Raw bytes of field `field` (1-based) of segment `segmentIndex`, whole (all repetitions).
    QByteArray rawField(int segmentIndex, int field) const;

    // Header shortcuts (unescaped, decoded).
    QString messageType() const;                     ///< MSH-9.1, e.g. "ORU"
    QString triggerEvent() const;                    ///< MSH-9.2, e.g. "R01"
    QString messageStructure() const;                ///< MSH-9.3
    QString controlId() const;                       ///< MSH-10
    QString processingId() const;                    ///< MSH-11.1
    QString version() const;                         ///< MSH-12.1
    QString sendingApplication() const;              ///< MSH-3.1
    QString sendingFacility() const;                 ///< MSH-4.1
    QString receivingApplication() const;            ///< MSH-5.1
    QString receivingFacility() const;               ///< MSH-6.1
    QString acceptAckType() const;                   ///< MSH-15 (AL/NE/ER/SU or empty)
    QString applicationAckType() const;              ///< MSH-16
    QString characterSet() const;                    ///< MSH-18 as sent, first repetition
    bool enhancedAckMode() const;                    ///< MSH-15 or MSH-16 present (SEMANTICS 1.3)

    /// Segments joined with CR, followed by as many CRs as the input had line ends after its last
    /// segment. Equal to raw() when the input used CR terminators and was canonical (no BOM, no
    /// LF, no blank lines between segments).
    QByteArray serialize() const;
    /// Sets one element (escaping delimiters in `text`) and re-serializes; used by edit-and-resubmit.
    /// Missing fields, repetitions and components are padded; a path to the next, not yet existing
    /// occurrence of a segment appends that segment. Afterwards raw() is the re-serialized message.
    /// MSH-1 and MSH-2 cannot be set (they would change the meaning of every other byte).
    bool setValue(QStringView path, const QString& text, QString* errorString = nullptr);

private:
    struct Span { qint32 begin; qint32 end; };
    std::optional<QByteArrayView> elementView(const Hl7Path& path) const;
    QString decode(QByteArrayView bytes, bool unescape) const;
    QString headerValue(int field, int component) const;

    QByteArray m_raw;
    Hl7Encoding m_encoding;
    QList<Span> m_segments;                          ///< each segment's bytes, terminator excluded
    int m_charsetMib = 106;                          ///< QStringConverter encoding chosen from MSH-18
    int m_trailingTerminators = 0;                   ///< line ends after the last segment (CRLF = 1)
    bool m_canonical = false;                        ///< serialize() == m_raw

    friend class Hl7Parser;
};

struct Hl7Message::ParseResult
{
    std::optional<Hl7Message> message;
    Hl7Error error;                                  ///< set when !message
    bool ok() const { return message.has_value(); }
};
