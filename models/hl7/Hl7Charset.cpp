#include "models/hl7/Hl7Charset.h"

#include <cstring>

namespace Hl7Charset {

namespace {

QByteArray normalizedName(QByteArrayView name)
{
    return name.trimmed().toByteArray().toUpper();
}

// Length of the valid UTF-8 sequence starting at p (RFC 3629: no overlongs, no surrogates,
// nothing above U+10FFFF), or 0 when invalid.
int utf8SequenceLength(const unsigned char* p, const unsigned char* end)
{
    const unsigned char c = p[0];
    if (c < 0x80)
        return 1;
    auto cont = [&](int i) { return p + i < end && (p[i] & 0xC0) == 0x80; };
    if (c >= 0xC2 && c <= 0xDF)
        return cont(1) ? 2 : 0;
    if (c >= 0xE0 && c <= 0xEF) {
        if (!cont(1) || !cont(2))
            return 0;
        if (c == 0xE0 && p[1] < 0xA0)
            return 0;
        if (c == 0xED && p[1] > 0x9F)
            return 0;
        return 3;
    }
    if (c >= 0xF0 && c <= 0xF4) {
        if (!cont(1) || !cont(2) || !cont(3))
            return 0;
        if (c == 0xF0 && p[1] < 0x90)
            return 0;
        if (c == 0xF4 && p[1] > 0x8F)
            return 0;
        return 4;
    }
    return 0;
}

} // namespace

bool declaresUtf8(QByteArrayView msh18FirstRepetition)
{
    const QByteArray name = normalizedName(msh18FirstRepetition);
    return name == "UNICODE UTF-8" || name == "UTF-8" || name == "UTF8";
}

int chooseMib(QByteArrayView msh18FirstRepetition, QByteArrayView messageBytes)
{
    if (declaresUtf8(msh18FirstRepetition))
        return utf8Mib;
    const QByteArray name = normalizedName(msh18FirstRepetition);
    if (name == "8859/1" || name == "ISO-8859-1" || name == "ISO IR100")
        return latin1Mib;
    return isValidUtf8(messageBytes) ? utf8Mib : latin1Mib;
}

qsizetype firstInvalidUtf8(QByteArrayView bytes)
{
    const auto* begin = reinterpret_cast<const unsigned char*>(bytes.data());
    const auto* end = begin + bytes.size();
    const auto* p = begin;
    while (p < end) {
        // ASCII fast path, eight bytes at a time: most messages are all ASCII.
        while (end - p >= 8) {
            quint64 word;
            std::memcpy(&word, p, 8);
            if (word & 0x8080808080808080ULL)
                break;
            p += 8;
        }
        if (p >= end)
            break;
        const int n = utf8SequenceLength(p, end);
        if (n == 0)
            return p - begin;
        p += n;
    }
    return -1;
}

bool isValidUtf8(QByteArrayView bytes)
{
    return firstInvalidUtf8(bytes) < 0;
}

QString decode(QByteArrayView bytes, int mib)
{
    if (mib == latin1Mib)
        return QString::fromLatin1(bytes);
    return QString::fromUtf8(bytes);
}

std::optional<QByteArray> encode(QStringView text, int mib)
{
    if (mib == latin1Mib) {
        for (const QChar c : text) {
            if (c.unicode() > 0xFF)
                return std::nullopt;
        }
        return text.toLatin1();
    }
    // Lone surrogates cannot be written as UTF-8.
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text[i];
        if (c.isHighSurrogate()) {
            if (i + 1 >= text.size() || !text[i + 1].isLowSurrogate())
                return std::nullopt;
            ++i;
        } else if (c.isLowSurrogate()) {
            return std::nullopt;
        }
    }
    return text.toUtf8();
}

QByteArray encodeLossy(QStringView text, int mib)
{
    if (auto exact = encode(text, mib))
        return *exact;
    QString cleaned;
    cleaned.reserve(text.size());
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text[i];
        if (mib == latin1Mib) {
            cleaned += c.unicode() > 0xFF ? QChar(u'?') : c;
            if (c.isHighSurrogate() && i + 1 < text.size() && text[i + 1].isLowSurrogate())
                ++i;
        } else if (c.isHighSurrogate() && i + 1 < text.size() && text[i + 1].isLowSurrogate()) {
            cleaned += c;
            cleaned += text[++i];
        } else {
            cleaned += c.isSurrogate() ? QChar(u'?') : c;
        }
    }
    return mib == latin1Mib ? cleaned.toLatin1() : cleaned.toUtf8();
}

} // namespace Hl7Charset
