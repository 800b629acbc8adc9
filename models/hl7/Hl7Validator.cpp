#include "models/hl7/Hl7Validator.h"

#include "models/hl7/Hl7Charset.h"
#include "models/hl7/Hl7Parser.h"

#include <QVarLengthArray>

#include <algorithm>
#include <cstring>

using namespace Qt::StringLiterals;

namespace Hl7Validator {

namespace {

// Beyond this many invalid segments one summary error is reported: a garbage frame must not turn
// into an ACK with thousands of ERR segments.
constexpr int maxSegmentErrors = 10;

Hl7Error makeError(Hl7ErrorCode code, QByteArray segment, int sequence, int field, const QString& message,
                   int repetition = 0, int component = 0)
{
    Hl7Error error;
    error.code = code;
    error.location.segment = std::move(segment);
    error.location.segmentSequence = sequence;
    error.location.field = field;
    error.location.repetition = repetition;
    error.location.component = component;
    error.message = message;
    return error;
}

// Offset of the first byte that breaks MLLP framing or C-string consumers downstream (C0 controls
// and DEL), or -1. Tab is harmless and ESC belongs to ISO 2022 character sets, so both pass.
qsizetype firstControlByte(QByteArrayView bytes)
{
    constexpr quint64 ones = 0x0101010101010101ULL;
    constexpr quint64 highs = 0x8080808080808080ULL;
    const char* const begin = bytes.data();
    const char* const end = begin + bytes.size();
    const char* p = begin;
    while (p < end) {
        // Skip words with no byte below 0x20 and no DEL (bytes >= 0x80 are never flagged).
        while (end - p >= 8) {
            quint64 w;
            std::memcpy(&w, p, 8);
            const quint64 del = w ^ (ones * 0x7F);
            if (((w - ones * 0x20) & ~w & highs) | ((del - ones) & ~del & highs))
                break;
            p += 8;
        }
        const char* stop = std::min(end, p + 8);
        for (; p < stop; ++p) {
            const auto u = static_cast<unsigned char>(*p);
            if ((u < 0x20 && u != '\t' && u != 0x1B) || u == 0x7F)
                return p - begin;
        }
    }
    return -1;
}

// Counts segment occurrences while walking a message (ERR-2 wants "the n-th PID"). Messages hold a
// handful of distinct segment names, so a linear scan beats hashing.
class OccurrenceCounter
{
public:
    int next(QByteArrayView name)
    {
        quint32 key = 0;
        for (const char c : name.first(std::min<qsizetype>(3, name.size())))
            key = (key << 8) | static_cast<unsigned char>(c);
        key |= quint32(name.size() < 3 ? name.size() : 3) << 24;
        for (auto& [k, count] : m_counts) {
            if (k == key)
                return ++count;
        }
        m_counts.append({key, 1});
        return 1;
    }

private:
    QVarLengthArray<std::pair<quint32, int>, 32> m_counts;
};

bool isSegmentIdChar(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

bool hasData(const QString& value)
{
    const QString trimmed = value.trimmed();
    return !trimmed.isEmpty() && trimmed != u"\"\"";
}

// True when a field holds something besides delimiters, whitespace and the null marker "".
bool fieldHasData(QByteArrayView raw, const Hl7Encoding& encoding)
{
    QByteArray content;
    for (const char c : raw) {
        if (c == encoding.repetition || c == encoding.component || (encoding.subcomponent && c == encoding.subcomponent)
            || c == ' ' || c == '\t')
            continue;
        content.append(c);
    }
    return !content.isEmpty() && content.replace("\"\"", "").size() > 0;
}

// 2.1 to 2.8, with an optional sub-release ("2.5.1", "2.8.2").
bool isKnownVersion(const QString& version)
{
    const QString v = version.trimmed();
    if (v.size() < 3 || !v.startsWith(u"2.") || v[2] < u'1' || v[2] > u'8')
        return false;
    if (v.size() == 3)
        return true;
    if (v[3] != u'.' || v.size() == 4)
        return false;
    for (qsizetype i = 4; i < v.size(); ++i) {
        if (v[i] < u'0' || v[i] > u'9')
            return false;
    }
    return true;
}

bool matchesPattern(const QString& pattern, const QString& value)
{
    return pattern.isEmpty() || pattern == u"*" || pattern == value;
}

void checkHeader(const Hl7Message& message, const Options& options, QList<Hl7Error>& errors)
{
    const QString type = message.messageType();
    const QString trigger = message.triggerEvent();
    if (!hasData(type))
        errors.append(makeError(Hl7ErrorCode::RequiredFieldMissing, "MSH", 1, 9,
                                u"MSH-9 (message type) is missing"_s, 1, 1));
    else if (!hasData(trigger) && type != u"ACK")
        errors.append(makeError(Hl7ErrorCode::RequiredFieldMissing, "MSH", 1, 9,
                                u"MSH-9.2 (trigger event) is missing"_s, 1, 2));
    if (!hasData(message.controlId()))
        errors.append(makeError(Hl7ErrorCode::RequiredFieldMissing, "MSH", 1, 10,
                                u"MSH-10 (message control ID) is missing"_s));
    if (!hasData(message.processingId()))
        errors.append(makeError(Hl7ErrorCode::RequiredFieldMissing, "MSH", 1, 11,
                                u"MSH-11 (processing ID) is missing"_s));
    const QString version = message.version();
    if (!hasData(version))
        errors.append(makeError(Hl7ErrorCode::RequiredFieldMissing, "MSH", 1, 12,
                                u"MSH-12 (version ID) is missing"_s));
    else if (!isKnownVersion(version))
        errors.append(makeError(Hl7ErrorCode::UnsupportedVersionId, "MSH", 1, 12,
                                u"MSH-12 (version ID) is not an HL7 v2 version between 2.1 and 2.8"_s));

    if (!hasData(type))
        return;
    const QStringList& accepted = options.acceptedMessageTypes;
    if (accepted.isEmpty() || accepted.contains(u"*"_s))
        return;
    bool typeMatched = false;
    for (const QString& pattern : accepted) {
        const qsizetype caret = pattern.indexOf(u'^');
        const QString patternType = caret < 0 ? pattern : pattern.left(caret);
        const QString patternTrigger = caret < 0 ? QString() : pattern.mid(caret + 1);
        if (!matchesPattern(patternType, type))
            continue;
        typeMatched = true;
        if (matchesPattern(patternTrigger, trigger))
            return;
    }
    if (typeMatched)
        errors.append(makeError(Hl7ErrorCode::UnsupportedEventCode, "MSH", 1, 9,
                                u"The trigger event in MSH-9.2 is not accepted on this channel"_s, 1, 2));
    else
        errors.append(makeError(Hl7ErrorCode::UnsupportedMessageType, "MSH", 1, 9,
                                u"The message type in MSH-9.1 is not accepted on this channel"_s, 1, 1));
}

// Per-segment checks: valid segment IDs, the message's field separator, one MSH, and no control
// bytes that would break MLLP framing or C-string consumers downstream.
void checkSegments(const Hl7Message& message, QList<Hl7Error>& errors)
{
    const char separator = message.encoding().field;
    int invalidSegments = 0;
    bool controlReported = false;
    OccurrenceCounter seen;
    for (int i = 0; i < message.segmentCount(); ++i) {
        const QByteArrayView segment = message.segmentView(i);
        const QByteArrayView id = segment.first(std::min<qsizetype>(3, segment.size()));
        const int sequence = seen.next(id);
        const bool validId = id.size() == 3 && isSegmentIdChar(id[0]) && isSegmentIdChar(id[1])
            && isSegmentIdChar(id[2]);
        // A corpus sample (orm_o01_v2.3_catalyze-orm) has a line wrapped inside a phone number,
        // "8866|||...": it starts with three valid ID characters and uses the field separator, so
        // it is tolerated. A line with content but no field separator at all is free text or a
        // different delimiter set, and is not.
        const bool usesSeparator = segment.size() <= 3 || segment.contains(separator);
        if (!validId || !usesSeparator) {
            if (++invalidSegments <= maxSegmentErrors)
                errors.append(makeError(Hl7ErrorCode::SegmentSequenceError, validId ? id.toByteArray() : QByteArray(),
                                        validId ? sequence : 0, 0,
                                        validId ? u"Segment %1 does not use the message's field separator"_s.arg(i + 1)
                                                : u"Segment %1 has no valid segment ID"_s.arg(i + 1)));
            continue;
        }
        if (i > 0 && id == "MSH")
            errors.append(makeError(Hl7ErrorCode::SegmentSequenceError, id.toByteArray(), sequence, 0,
                                    u"A second MSH segment: one frame must hold one message"_s));
        if (controlReported)
            continue;
        const qsizetype control = firstControlByte(segment);
        if (control >= 0) {
            const int field = Hl7Parser::fieldCount(segment.first(control), message.encoding());
            errors.append(makeError(Hl7ErrorCode::DataTypeError, id.toByteArray(), sequence, field,
                                    u"The segment contains a control character"_s));
            controlReported = true;
        }
    }
    if (invalidSegments > maxSegmentErrors)
        errors.append(makeError(Hl7ErrorCode::SegmentSequenceError, {}, 0, 0,
                                u"%1 more segments are invalid"_s.arg(invalidSegments - maxSegmentErrors)));
}

void checkCharset(const Hl7Message& message, QList<Hl7Error>& errors)
{
    const QByteArray msh18 = message.rawField(0, 18);
    const auto charset = Hl7Parser::part(msh18, message.encoding().repetition, 0);
    if (!charset || !Hl7Charset::declaresUtf8(*charset) || Hl7Charset::isValidUtf8(message.raw()))
        return;
    OccurrenceCounter seen;
    for (int i = 0; i < message.segmentCount(); ++i) {
        const QByteArrayView segment = message.segmentView(i);
        const QByteArrayView id = segment.first(std::min<qsizetype>(3, segment.size()));
        const int sequence = seen.next(id);
        const qsizetype bad = Hl7Charset::firstInvalidUtf8(segment);
        if (bad < 0)
            continue;
        errors.append(makeError(Hl7ErrorCode::DataTypeError, id.toByteArray(), sequence,
                                Hl7Parser::fieldCount(segment.first(bad), message.encoding()),
                                u"MSH-18 declares UTF-8 but the field holds bytes that are not valid UTF-8"_s));
        return;
    }
}

// PID-3 is the patient identifier list. Senders still on v2.1-2.3 habits carry the identifier in
// PID-2 (external ID, withdrawn in later versions) or PID-4 (alternate ID) only; three valid corpus
// samples do (Epic ORM v2.3, HAPI example 10, an SIU v2.3.1), so either counts as an identifier.
void checkPatientIdentifier(const Hl7Message& message, QList<Hl7Error>& errors)
{
    const int pids = message.occurrences("PID");
    for (int n = 1; n <= pids; ++n) {
        const int index = message.findSegment("PID", n);
        bool identified = false;
        for (const int field : {3, 2, 4})
            identified = identified || fieldHasData(message.rawField(index, field), message.encoding());
        if (!identified)
            errors.append(makeError(Hl7ErrorCode::RequiredFieldMissing, "PID", n, 3,
                                    u"PID-3 (patient identifier list) is missing"_s));
    }
}

void requireSegment(const Hl7Message& message, QByteArrayView name, QList<Hl7Error>& errors)
{
    if (message.findSegment(name) < 0)
        errors.append(makeError(Hl7ErrorCode::SegmentSequenceError, name.toByteArray(), 0, 0,
                                u"Required segment %1 is missing"_s.arg(QString::fromLatin1(name))));
}

// `later` must not come before `earlier` (first occurrences, both present).
void requireOrder(const Hl7Message& message, QByteArrayView earlier, QByteArrayView later, QList<Hl7Error>& errors)
{
    const int first = message.findSegment(earlier);
    const int second = message.findSegment(later);
    if (first >= 0 && second >= 0 && second < first)
        errors.append(makeError(Hl7ErrorCode::SegmentSequenceError, later.toByteArray(), 1, 0,
                                u"Segment %1 appears before %2"_s.arg(QString::fromLatin1(later),
                                                                     QString::fromLatin1(earlier))));
}

// Segment grammar, deliberately more lenient than the abstract message definitions so that the
// real-world corpus (tests/data/hl7/valid) passes; Z-segments and unknown segments are ignored
// wherever they appear (SEMANTICS.md 1.2, recipient rules).
void checkGrammar(const Hl7Message& message, QList<Hl7Error>& errors)
{
    // A header-only message has no body to check (the corpus holds an MSH-only ORM^O01 and a
    // one-line ADT whose segments are glued into MSH); the header checks still apply.
    if (message.segmentCount() <= 1)
        return;
    const QString type = message.messageType();
    const QString trigger = message.triggerEvent();
    if (type == u"ADT"
        && (trigger == u"A01" || trigger == u"A03" || trigger == u"A04" || trigger == u"A08")) {
        // EVN is required by the standard but omitted by several senders in the corpus
        // (Cerner HNAM v2.3, Redox A04): when present it must precede PID.
        requireSegment(message, "PID", errors);
        requireSegment(message, "PV1", errors);
        requireOrder(message, "EVN", "PID", errors);
        requireOrder(message, "PID", "PV1", errors);
    } else if (type == u"ORU" && trigger == u"R01") {
        // v2.7+ allows patient-level OBX right after PID, and one corpus sample has an ORU
        // without any OBR or OBX: so an OBR is required only once there are observations, and an
        // observation must follow a PID or an OBR.
        const int firstObx = message.findSegment("OBX");
        if (firstObx >= 0) {
            requireSegment(message, "OBR", errors);
            const int firstObr = message.findSegment("OBR");
            const int firstPid = message.findSegment("PID");
            const bool anchored = (firstObr >= 0 && firstObr < firstObx) || (firstPid >= 0 && firstPid < firstObx);
            if (!anchored)
                errors.append(makeError(Hl7ErrorCode::SegmentSequenceError, "OBX", 1, 0,
                                        u"OBX appears before any OBR or PID"_s));
        }
    } else if (type == u"ORM" && trigger == u"O01") {
        requireSegment(message, "ORC", errors);
        requireOrder(message, "ORC", "OBR", errors);
    }
}

} // namespace

QList<Hl7Error> validate(const Hl7Message& message, const Options& options)
{
    QList<Hl7Error> errors;
    if (message.segmentCount() == 0 || message.segmentName(0) != "MSH") {
        errors.append(makeError(Hl7ErrorCode::SegmentSequenceError, "MSH", 0, 0,
                                u"The message does not start with an MSH segment"_s));
        return errors;
    }
    checkHeader(message, options, errors);
    checkSegments(message, errors);
    checkCharset(message, errors);
    if (options.requirePatientIdentifier)
        checkPatientIdentifier(message, errors);
    if (options.checkSegmentGrammar)
        checkGrammar(message, errors);
    return errors;
}

} // namespace Hl7Validator
