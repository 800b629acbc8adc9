#include "models/hl7/Hl7Message.h"

#include "models/hl7/Hl7Charset.h"
#include "models/hl7/Hl7Escape.h"
#include "models/hl7/Hl7Parser.h"
#include "models/hl7/Hl7Path.h"

#include <algorithm>
#include <cstring>

using namespace Qt::StringLiterals;

namespace {

bool fail(QString* errorString, const QString& why)
{
    if (errorString)
        *errorString = why;
    return false;
}

// Range of the n-th (0-based) part of bytes[begin, end) split at delimiter; appends delimiters at
// `end` when there are fewer parts, so that the part exists (as an empty one).
std::pair<qsizetype, qsizetype> ensurePart(QByteArray& bytes, qsizetype begin, qsizetype end, char delimiter, int n)
{
    qsizetype start = begin;
    for (int i = 0; i < n; ++i) {
        const char* from = bytes.constData() + start;
        const auto* hit = static_cast<const char*>(std::memchr(from, delimiter, size_t(end - start)));
        if (!hit) {
            const int missing = n - i;
            bytes.insert(end, QByteArray(missing, delimiter));
            end += missing;
            return {end, end};
        }
        start = (hit - bytes.constData()) + 1;
    }
    const char* from = bytes.constData() + start;
    const auto* hit = static_cast<const char*>(std::memchr(from, delimiter, size_t(end - start)));
    return {start, hit ? hit - bytes.constData() : end};
}

bool isTrimmedEmptyOrNull(QStringView value)
{
    const QStringView trimmed = value.trimmed();
    return trimmed.isEmpty() || trimmed == u"\"\"";
}

} // namespace

Hl7Message::ParseResult Hl7Message::parse(const QByteArray& raw)
{
    return Hl7Parser::parse(raw);
}

const QByteArray& Hl7Message::raw() const
{
    return m_raw;
}

const Hl7Encoding& Hl7Message::encoding() const
{
    return m_encoding;
}

int Hl7Message::segmentCount() const
{
    return int(m_segments.size());
}

QByteArrayView Hl7Message::segmentView(int index) const
{
    if (index < 0 || index >= m_segments.size())
        return {};
    const Span span = m_segments[index];
    return QByteArrayView(m_raw.constData() + span.begin, span.end - span.begin);
}

QByteArray Hl7Message::segmentName(int index) const
{
    const QByteArrayView segment = segmentView(index);
    return segment.first(std::min<qsizetype>(3, segment.size())).toByteArray();
}

int Hl7Message::findSegment(QByteArrayView name, int occurrence) const
{
    if (occurrence < 1 || name.isEmpty())
        return -1;
    int seen = 0;
    for (int i = 0; i < m_segments.size(); ++i) {
        const QByteArrayView segment = segmentView(i);
        if (segment.first(std::min<qsizetype>(3, segment.size())) == name && ++seen == occurrence)
            return i;
    }
    return -1;
}

int Hl7Message::occurrences(QByteArrayView name) const
{
    int seen = 0;
    for (int i = 0; i < m_segments.size(); ++i) {
        const QByteArrayView segment = segmentView(i);
        if (segment.first(std::min<qsizetype>(3, segment.size())) == name)
            ++seen;
    }
    return seen;
}

std::optional<QByteArrayView> Hl7Message::elementView(const Hl7Path& path) const
{
    const int index = findSegment(path.segment, path.occurrence);
    if (index < 0)
        return std::nullopt;
    return Hl7Parser::element(segmentView(index), m_encoding, path.field, path.repetition, path.component,
                              path.subcomponent);
}

QString Hl7Message::decode(QByteArrayView bytes, bool unescape) const
{
    if (unescape && Hl7Escape::needsUnescape(bytes, m_encoding))
        return Hl7Charset::decode(Hl7Escape::unescape(bytes, m_encoding), m_charsetMib);
    return Hl7Charset::decode(bytes, m_charsetMib);
}

QString Hl7Message::value(QStringView path) const
{
    const auto parsed = Hl7Path::parse(path);
    if (!parsed)
        return {};
    return valueAt(findSegment(parsed->segment, parsed->occurrence), parsed->field, parsed->repetition,
                   parsed->component, parsed->subcomponent);
}

QString Hl7Message::valueAt(int segmentIndex, int field, int repetition, int component, int subcomponent) const
{
    if (segmentIndex < 0 || segmentIndex >= m_segments.size())
        return {};
    const QByteArrayView segment = segmentView(segmentIndex);
    const auto view = Hl7Parser::element(segment, m_encoding, field, repetition, component, subcomponent);
    if (!view)
        return {};
    // MSH-1 and MSH-2 are the delimiters themselves; MSH-2 holds the escape character.
    const bool delimiterField = field <= 2 && Hl7Parser::isHeaderSegment(segment, m_encoding);
    return decode(*view, !delimiterField);
}

QByteArray Hl7Message::rawValue(QStringView path) const
{
    const auto parsed = Hl7Path::parse(path);
    if (!parsed)
        return {};
    const auto view = elementView(*parsed);
    return view ? view->toByteArray() : QByteArray();
}

int Hl7Message::repetitionCount(QStringView fieldPath) const
{
    const auto parsed = Hl7Path::parse(fieldPath);
    if (!parsed)
        return 0;
    return repetitionCountAt(findSegment(parsed->segment, parsed->occurrence), parsed->field);
}

int Hl7Message::repetitionCountAt(int segmentIndex, int field) const
{
    const QByteArrayView segment = segmentView(segmentIndex);
    const auto whole = Hl7Parser::field(segment, m_encoding, field);
    if (!whole || whole->isEmpty())
        return 0;
    if (field <= 2 && Hl7Parser::isHeaderSegment(segment, m_encoding))
        return 1;
    return int(std::count(whole->begin(), whole->end(), m_encoding.repetition)) + 1;
}

int Hl7Message::fieldCount(int segmentIndex) const
{
    if (segmentIndex < 0 || segmentIndex >= m_segments.size())
        return 0;
    return Hl7Parser::fieldCount(segmentView(segmentIndex), m_encoding);
}

QByteArray Hl7Message::rawField(int segmentIndex, int field) const
{
    if (segmentIndex < 0 || segmentIndex >= m_segments.size())
        return {};
    const auto view = Hl7Parser::field(segmentView(segmentIndex), m_encoding, field);
    return view ? view->toByteArray() : QByteArray();
}

QString Hl7Message::headerValue(int field, int component) const
{
    if (m_segments.isEmpty())
        return {};
    const auto view = Hl7Parser::element(segmentView(0), m_encoding, field, 1, component, 0);
    return view ? decode(*view, true) : QString();
}

QString Hl7Message::messageType() const { return headerValue(9, 1); }
QString Hl7Message::triggerEvent() const { return headerValue(9, 2); }
QString Hl7Message::messageStructure() const { return headerValue(9, 3); }
QString Hl7Message::controlId() const { return headerValue(10, 0); }
QString Hl7Message::processingId() const { return headerValue(11, 1); }
QString Hl7Message::version() const { return headerValue(12, 1); }
QString Hl7Message::sendingApplication() const { return headerValue(3, 1); }
QString Hl7Message::sendingFacility() const { return headerValue(4, 1); }
QString Hl7Message::receivingApplication() const { return headerValue(5, 1); }
QString Hl7Message::receivingFacility() const { return headerValue(6, 1); }
QString Hl7Message::characterSet() const { return headerValue(18, 0); }

QString Hl7Message::acceptAckType() const
{
    const QString value = headerValue(15, 0);
    return isTrimmedEmptyOrNull(value) ? QString() : value.trimmed();
}

QString Hl7Message::applicationAckType() const
{
    const QString value = headerValue(16, 0);
    return isTrimmedEmptyOrNull(value) ? QString() : value.trimmed();
}

bool Hl7Message::enhancedAckMode() const
{
    return !acceptAckType().isEmpty() || !applicationAckType().isEmpty();
}

QByteArray Hl7Message::serialize() const
{
    if (m_canonical)
        return m_raw;
    qsizetype size = 0;
    for (const Span& span : m_segments)
        size += span.end - span.begin + 1;
    size += m_trailingTerminators;
    QByteArray out;
    out.reserve(size);
    for (int i = 0; i < m_segments.size(); ++i) {
        if (i > 0)
            out.append('\r');
        out.append(segmentView(i));
    }
    if (!m_segments.isEmpty())
        out.append(QByteArray(m_trailingTerminators, '\r'));
    return out;
}

bool Hl7Message::setValue(QStringView path, const QString& text, QString* errorString)
{
    QString why;
    const auto parsed = Hl7Path::parse(path, &why);
    if (!parsed)
        return fail(errorString, why);
    if (m_segments.isEmpty())
        return fail(errorString, u"The message has no segments"_s);
    const bool headerName = parsed->segment == "MSH" || parsed->segment == "BHS" || parsed->segment == "FHS";
    if (headerName && parsed->field <= 2)
        return fail(errorString, u"MSH-1 and MSH-2 define the delimiters and cannot be set"_s);
    if (parsed->subcomponent > 1 && m_encoding.subcomponent == 0)
        return fail(errorString, u"The message declares no subcomponent separator"_s);
    const auto encoded = Hl7Charset::encode(text, m_charsetMib);
    if (!encoded)
        return fail(errorString, u"The text cannot be represented in the message's character set"_s);
    const auto escaped = Hl7Escape::escape(*encoded, m_encoding);
    if (!escaped)
        return fail(errorString, u"The text holds delimiters but the message declares no escape character"_s);

    int index = findSegment(parsed->segment, parsed->occurrence);
    QByteArray segment;
    if (index >= 0) {
        segment = segmentView(index).toByteArray();
    } else if (parsed->occurrence == occurrences(parsed->segment) + 1 && parsed->segment != "MSH") {
        segment = parsed->segment;
    } else {
        return fail(errorString, u"The segment does not exist: "_s + parsed->toString());
    }

    // A bare "FHS" (or a BHS/FHS being appended) turns into a header segment as soon as padding
    // writes a field separator right after its name, and from then on MSH-1 style counting applies:
    // pad for what the segment will be, or the value lands one field off from where it reads back.
    const bool header = Hl7Parser::isHeaderSegment(segment, m_encoding) || (headerName && segment.size() == 3);
    auto range = ensurePart(segment, 0, segment.size(), m_encoding.field, header ? parsed->field - 1 : parsed->field);
    range = ensurePart(segment, range.first, range.second, m_encoding.repetition, parsed->repetition - 1);
    if (parsed->component > 0) {
        range = ensurePart(segment, range.first, range.second, m_encoding.component, parsed->component - 1);
        if (parsed->subcomponent > 0 && m_encoding.subcomponent != 0)
            range = ensurePart(segment, range.first, range.second, m_encoding.subcomponent, parsed->subcomponent - 1);
    }
    segment.replace(range.first, range.second - range.first, *escaped);

    QByteArray rebuilt;
    rebuilt.reserve(m_raw.size() + segment.size() + 1);
    for (int i = 0; i < m_segments.size(); ++i) {
        if (i > 0)
            rebuilt.append('\r');
        rebuilt.append(i == index ? QByteArrayView(segment) : segmentView(i));
    }
    if (index < 0) {
        rebuilt.append('\r');
        rebuilt.append(segment);
    }
    rebuilt.append(QByteArray(m_trailingTerminators, '\r'));
    auto reparsed = Hl7Parser::parse(rebuilt);
    if (!reparsed.message)
        return fail(errorString, reparsed.error.message);
    *this = std::move(*reparsed.message);
    return true;
}
