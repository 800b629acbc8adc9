#include "node/fhir/TraceParent.h"

#include "node/pipeline/CorrelationId.h"

#include <QRandomGenerator>

namespace {

bool isLowerHex(QByteArrayView text)
{
    for (char c : text) {
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')))
            return false;
    }
    return true;
}

bool isAllZero(QByteArrayView text)
{
    for (char c : text) {
        if (c != '0')
            return false;
    }
    return true;
}

} // namespace

namespace TraceParent {

std::optional<Parsed> parse(QByteArrayView header)
{
    // Header values may carry optional whitespace around them (RFC 9110 5.5).
    const QByteArrayView value = header.trimmed();
    constexpr qsizetype length = 55; // 2 + 1 + 32 + 1 + 16 + 1 + 2
    if (value.size() < length)
        return std::nullopt;
    const QByteArrayView version = value.first(2);
    if (!isLowerHex(version) || version == "ff")
        return std::nullopt;
    if (version == "00" && value.size() != length)
        return std::nullopt;
    // A future version may append fields, always after another '-'.
    if (value.size() > length && value.at(length) != '-')
        return std::nullopt;
    if (value.at(2) != '-' || value.at(35) != '-' || value.at(52) != '-')
        return std::nullopt;
    const QByteArrayView traceId = value.sliced(3, 32);
    const QByteArrayView parentId = value.sliced(36, 16);
    const QByteArrayView flags = value.sliced(53, 2);
    if (!isLowerHex(traceId) || !isLowerHex(parentId) || !isLowerHex(flags))
        return std::nullopt;
    if (isAllZero(traceId) || isAllZero(parentId))
        return std::nullopt;
    Parsed parsed;
    parsed.traceId = traceId.toByteArray();
    parsed.parentId = parentId.toByteArray();
    parsed.flags = quint8(flags.toByteArray().toUInt(nullptr, 16));
    return parsed;
}

QByteArray format(const QByteArray& correlationId, const QByteArray& spanId)
{
    if (!CorrelationId::isValid(correlationId))
        return {};
    const QByteArray span = spanId.size() == 16 && isLowerHex(spanId) && !isAllZero(spanId) ? spanId : mintSpanId();
    QByteArray header;
    header.reserve(55);
    header.append("00-").append(correlationId).append('-').append(span).append("-01");
    return header;
}

QByteArray mintSpanId()
{
    quint64 id = 0;
    while (id == 0)
        id = QRandomGenerator::global()->generate64();
    return QByteArray::number(id, 16).rightJustified(16, '0');
}

} // namespace TraceParent
