#include "models/hl7/Hl7Parser.h"

#include "models/hl7/Hl7Charset.h"

#include <cstring>
#include <limits>

using namespace Qt::StringLiterals;

namespace {

const char* findByte(const char* begin, const char* end, char c)
{
    return static_cast<const char*>(std::memchr(begin, c, size_t(end - begin)));
}

bool isDelimiterCandidate(char c)
{
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x21 || u > 0x7E)
        return false;
    return !((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'));
}

Hl7Error headerError(Hl7ErrorCode code, int field, const QString& message)
{
    Hl7Error error;
    error.code = code;
    error.location.segment = "MSH"_ba;
    error.location.segmentSequence = field > 0 ? 1 : 0;
    error.location.field = field;
    error.message = message;
    return error;
}

// Where the payload starts: after a UTF-8 byte-order mark and blank lines. Both are transport
// artefacts (Windows editors, MLLP senders that prepend a line break), not message content, so we
// accept them rather than NAK a message that is otherwise fine (corpus: *-with-BOM.hl7).
qsizetype payloadStart(const QByteArray& raw)
{
    qsizetype pos = 0;
    if (raw.startsWith("\xEF\xBB\xBF"))
        pos = 3;
    while (pos < raw.size() && (raw[pos] == '\r' || raw[pos] == '\n'))
        ++pos;
    return pos;
}

constexpr quint64 byteOnes = 0x0101010101010101ULL;
constexpr quint64 byteHighs = 0x8080808080808080ULL;

// True when one of the eight bytes of w is CR or LF (the "has zero byte" trick on w ^ CR and w ^ LF).
bool wordHasLineEnd(quint64 w)
{
    const quint64 cr = w ^ (byteOnes * '\r');
    const quint64 lf = w ^ (byteOnes * '\n');
    return (((cr - byteOnes) & ~cr) | ((lf - byteOnes) & ~lf)) & byteHighs;
}

// The next CR or LF at or after p, or end. Eight bytes per step: segments are ~100 bytes, so this
// loop is most of what parsing costs.
const char* findLineEnd(const char* p, const char* end)
{
    while (end - p >= 8) {
        quint64 w;
        std::memcpy(&w, p, 8);
        if (wordHasLineEnd(w))
            break;
        p += 8;
    }
    while (p < end && *p != '\r' && *p != '\n')
        ++p;
    return p;
}

qsizetype lineEnd(const QByteArray& raw, qsizetype from)
{
    return findLineEnd(raw.constData() + from, raw.constData() + raw.size()) - raw.constData();
}

} // namespace

std::optional<Hl7Encoding> Hl7Parser::readEncoding(QByteArrayView segment, Hl7Error* error)
{
    auto fail = [&](Hl7Error e) -> std::optional<Hl7Encoding> {
        if (error)
            *error = std::move(e);
        return std::nullopt;
    };
    if (!segment.startsWith("MSH")) {
        QString why = u"The message does not start with an MSH segment"_s;
        if (segment.startsWith("BHS") || segment.startsWith("FHS"))
            why = u"The message starts with a batch header (BHS/FHS): batches must be split into messages first"_s;
        return fail(headerError(Hl7ErrorCode::SegmentSequenceError, 0, why));
    }
    if (segment.size() < 4)
        return fail(headerError(Hl7ErrorCode::RequiredFieldMissing, 1, u"MSH-1 (field separator) is missing"_s));
    Hl7Encoding encoding;
    encoding.field = segment[3];
    if (!isDelimiterCandidate(encoding.field))
        return fail(headerError(Hl7ErrorCode::DataTypeError, 1,
                                u"MSH-1 (field separator) is not a printable non-alphanumeric character"_s));
    const char* begin = segment.data() + 4;
    const char* end = segment.data() + segment.size();
    const char* sep = findByte(begin, end, encoding.field);
    const QByteArrayView msh2(begin, (sep ? sep : end) - begin);
    if (msh2.isEmpty())
        return fail(headerError(Hl7ErrorCode::RequiredFieldMissing, 2, u"MSH-2 (encoding characters) is missing"_s));
    if (msh2.size() < 2 || msh2.size() > 5)
        return fail(headerError(Hl7ErrorCode::DataTypeError, 2,
                                u"MSH-2 (encoding characters) must hold 2 to 5 characters, or MSH-1 does not match "
                                "the field separator used in MSH"_s));
    for (qsizetype i = 0; i < msh2.size(); ++i) {
        if (!isDelimiterCandidate(msh2[i]) || msh2[i] == encoding.field)
            return fail(headerError(Hl7ErrorCode::DataTypeError, 2,
                                    u"MSH-2 (encoding characters) holds an invalid character"_s));
        for (qsizetype j = 0; j < i; ++j) {
            if (msh2[j] == msh2[i])
                return fail(headerError(Hl7ErrorCode::DataTypeError, 2,
                                        u"MSH-2 (encoding characters) repeats a delimiter"_s));
        }
    }
    // Position defines meaning (v2.5.1 2.5.4); characters left out are simply not used.
    encoding.component = msh2[0];
    encoding.repetition = msh2[1];
    encoding.escape = msh2.size() > 2 ? msh2[2] : 0;
    encoding.subcomponent = msh2.size() > 3 ? msh2[3] : 0;
    encoding.truncation = msh2.size() > 4 ? msh2[4] : 0;
    return encoding;
}

Hl7Message::ParseResult Hl7Parser::parse(const QByteArray& raw)
{
    Hl7Message::ParseResult result;
    if (raw.isEmpty()) {
        result.error = headerError(Hl7ErrorCode::SegmentSequenceError, 0, u"The message is empty"_s);
        return result;
    }
    if (raw.size() > std::numeric_limits<qint32>::max()) {
        result.error = headerError(Hl7ErrorCode::ApplicationInternalError, 0, u"The message is larger than 2 GiB"_s);
        return result;
    }
    const qsizetype start = payloadStart(raw);
    const qsizetype firstEnd = lineEnd(raw, start);
    const auto encoding = readEncoding(QByteArrayView(raw.constData() + start, firstEnd - start), &result.error);
    if (!encoding)
        return result;

    Hl7Message message;
    message.m_raw = raw;
    message.m_encoding = *encoding;
    message.m_segments.reserve(16);
    // Canonical = what serialize() writes: CR after every segment but possibly the last, no blank
    // lines, nothing before MSH. Then serialize() can hand back the raw bytes untouched.
    bool canonical = start == 0;
    bool pendingBlank = false;
    const char* data = raw.constData();
    const qsizetype size = raw.size();
    qsizetype segmentStart = start;
    const char* const end = data + size;
    for (const char* p = findLineEnd(data + start, end); p < end; p = findLineEnd(p + 1, end)) {
        const qsizetype i = p - data;
        if (*p == '\n')
            canonical = false;
        if (i > segmentStart) {
            canonical = canonical && !pendingBlank;
            message.m_segments.append({qint32(segmentStart), qint32(i)});
        } else {
            pendingBlank = true;                     // blank line, or the LF of a CRLF
        }
        segmentStart = i + 1;
    }
    if (segmentStart < size) {
        canonical = canonical && !pendingBlank;
        message.m_segments.append({qint32(segmentStart), qint32(size)});
    }
    // Terminators after the last segment are kept (CRLF counting as one), so that a canonical
    // message padded with empty lines still round-trips byte for byte.
    int trailing = 0;
    for (qsizetype i = message.m_segments.constLast().end; i < size; ++i) {
        if (data[i] == '\r' || !(i > 0 && data[i - 1] == '\r'))
            ++trailing;
    }
    message.m_trailingTerminators = trailing;
    message.m_canonical = canonical;

    const QByteArrayView msh(data + message.m_segments[0].begin,
                             message.m_segments[0].end - message.m_segments[0].begin);
    const auto msh18 = element(msh, *encoding, 18, 1, 0, 0);
    message.m_charsetMib = Hl7Charset::chooseMib(msh18.value_or(QByteArrayView()), raw);
    result.message = std::move(message);
    return result;
}

std::optional<Hl7Message> Hl7Parser::parseHeaderLeniently(const QByteArray& raw)
{
    const qsizetype start = payloadStart(raw);
    const qsizetype end = lineEnd(raw, start);
    QByteArray line = raw.mid(start, end - start);
    if (!line.startsWith("MSH") || line.size() < 4 || !isDelimiterCandidate(line[3]))
        return std::nullopt;
    if (!readEncoding(line)) {
        // MSH-2 unusable: keep the fields (split by MSH-1) and assume the standard characters,
        // which is the best guess for reading MSH-3..MSH-12 of a message we are about to NAK.
        const qsizetype sep = line.indexOf(line[3], 4);
        const QByteArray rest = sep < 0 ? QByteArray() : line.mid(sep);
        const char separator = line[3];
        QByteArray characters = Hl7Encoding{}.msh2();
        for (char& c : characters) {
            if (c != separator)
                continue;
            for (const char spare : {'*', '!', '$', '%'}) {
                if (spare != separator && !characters.contains(spare)) {
                    c = spare;
                    break;
                }
            }
        }
        line = "MSH" + QByteArray(1, separator) + characters + rest;
    }
    auto parsed = parse(line);
    if (!parsed.message)
        return std::nullopt;
    return std::move(*parsed.message);
}

bool Hl7Parser::isHeaderSegment(QByteArrayView segment, const Hl7Encoding& encoding)
{
    return segment.size() >= 4 && segment[3] == encoding.field
        && (segment.startsWith("MSH") || segment.startsWith("BHS") || segment.startsWith("FHS"));
}

std::optional<QByteArrayView> Hl7Parser::part(QByteArrayView view, char delimiter, int n)
{
    if (n < 0)
        return std::nullopt;
    if (delimiter == 0)
        return n == 0 ? std::optional<QByteArrayView>(view) : std::nullopt;
    const char* p = view.data();
    const char* end = p + view.size();
    for (int i = 0; i < n; ++i) {
        const char* next = p < end ? findByte(p, end, delimiter) : nullptr;
        if (!next)
            return std::nullopt;
        p = next + 1;
    }
    const char* next = p < end ? findByte(p, end, delimiter) : nullptr;
    return QByteArrayView(p, (next ? next : end) - p);
}

std::optional<QByteArrayView> Hl7Parser::field(QByteArrayView segment, const Hl7Encoding& encoding, int field)
{
    if (field < 1)
        return std::nullopt;
    if (isHeaderSegment(segment, encoding)) {
        if (field == 1)
            return segment.sliced(3, 1);
        return part(segment, encoding.field, field - 1);
    }
    return part(segment, encoding.field, field);
}

std::optional<QByteArrayView> Hl7Parser::element(QByteArrayView segment, const Hl7Encoding& encoding, int fieldNumber,
                                                 int repetition, int component, int subcomponent)
{
    const auto whole = field(segment, encoding, fieldNumber);
    if (!whole)
        return std::nullopt;
    if (fieldNumber <= 2 && isHeaderSegment(segment, encoding)) {
        // MSH-1 and MSH-2 hold the delimiters themselves: they have no inner structure.
        if (repetition > 1 || component > 1 || subcomponent > 1)
            return std::nullopt;
        return whole;
    }
    auto rep = part(*whole, encoding.repetition, repetition - 1);
    if (!rep || component == 0)
        return rep;
    auto comp = part(*rep, encoding.component, component - 1);
    if (!comp || subcomponent == 0)
        return comp;
    return part(*comp, encoding.subcomponent, subcomponent - 1);
}

int Hl7Parser::fieldCount(QByteArrayView segment, const Hl7Encoding& encoding)
{
    int separators = 0;
    const char* p = segment.data();
    const char* end = p + segment.size();
    while (p < end) {
        const char* next = findByte(p, end, encoding.field);
        if (!next)
            break;
        ++separators;
        p = next + 1;
    }
    // MSH: "MSH|^~\&|A" has two separators and three fields, MSH-1 being the first separator.
    return isHeaderSegment(segment, encoding) ? separators + 1 : separators;
}
