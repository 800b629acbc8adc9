#include "models/hl7/Hl7Escape.h"

#include <algorithm>

namespace Hl7Escape {

namespace {

// Bounds the output of \.sp n\ and \.sk n\ so that a small message cannot expand without limit.
constexpr int maxFormattingRepeat = 100;

int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    return -1;
}

bool appendHex(QByteArrayView digits, QByteArray& out)
{
    if (digits.isEmpty() || digits.size() % 2 != 0)
        return false;
    for (qsizetype i = 0; i < digits.size(); i += 2) {
        if (hexValue(digits[i]) < 0 || hexValue(digits[i + 1]) < 0)
            return false;
    }
    for (qsizetype i = 0; i < digits.size(); i += 2)
        out.append(char(hexValue(digits[i]) * 16 + hexValue(digits[i + 1])));
    return true;
}

// Optional spaces, optional sign, optional digits; the whole argument must be consumed.
bool readFormattingArgument(QByteArrayView arg, int& value, bool& hasValue)
{
    qsizetype i = 0;
    while (i < arg.size() && arg[i] == ' ')
        ++i;
    if (i < arg.size() && (arg[i] == '+' || arg[i] == '-'))
        ++i;
    hasValue = false;
    value = 0;
    while (i < arg.size() && arg[i] >= '0' && arg[i] <= '9') {
        hasValue = true;
        value = std::min(value * 10 + (arg[i] - '0'), maxFormattingRepeat);
        ++i;
    }
    return i == arg.size();
}

// Formatting commands of FT (v2.5.1 2.7.6). Returns false for an unknown command.
bool appendFormatting(QByteArrayView command, QByteArray& out)
{
    if (command.size() < 2)
        return false;
    const QByteArrayView name = command.first(2);
    const QByteArrayView arg = command.sliced(2);
    int n = 0;
    bool hasValue = false;
    if (!readFormattingArgument(arg, n, hasValue))
        return false;
    if (name == "br" || name == "ce") {
        if (!arg.isEmpty())
            return false;
        out.append('\n');
        return true;
    }
    if (name == "sp") {
        out.append(QByteArray(hasValue ? std::max(n, 1) : 1, '\n'));
        return true;
    }
    if (name == "sk") {
        out.append(QByteArray(hasValue ? n : 1, ' '));
        return true;
    }
    if (name == "in" || name == "ti")
        return true;
    if ((name == "fi" || name == "nf") && arg.isEmpty())
        return true;
    return false;
}

} // namespace

bool needsUnescape(QByteArrayView raw, const Hl7Encoding& encoding)
{
    return encoding.escape != 0 && raw.contains(encoding.escape);
}

QByteArray unescape(QByteArrayView raw, const Hl7Encoding& encoding)
{
    if (!needsUnescape(raw, encoding))
        return raw.toByteArray();
    const char esc = encoding.escape;
    QByteArray out;
    out.reserve(raw.size());
    qsizetype i = 0;
    const qsizetype n = raw.size();
    while (i < n) {
        const char c = raw[i];
        if (c != esc) {
            out.append(c);
            ++i;
            continue;
        }
        const qsizetype close = raw.indexOf(esc, i + 1);
        if (close < 0) {
            out.append(raw.sliced(i));
            break;
        }
        const QByteArrayView seq = raw.sliced(i + 1, close - i - 1);
        char delimiter = 0;
        if (seq.size() == 1) {
            switch (seq[0]) {
            case 'F': delimiter = encoding.field; break;
            case 'S': delimiter = encoding.component; break;
            case 'T': delimiter = encoding.subcomponent; break;
            case 'R': delimiter = encoding.repetition; break;
            case 'E': delimiter = esc; break;
            case 'P': delimiter = encoding.truncation; break;
            default: break;
            }
        }
        if (delimiter != 0) {
            out.append(delimiter);
            i = close + 1;
            continue;
        }
        bool handled = false;
        if (!seq.isEmpty()) {
            switch (seq[0]) {
            case 'X':
                handled = appendHex(seq.sliced(1), out);
                break;
            case '.':
                handled = appendFormatting(seq.sliced(1), out);
                break;
            case 'H':
            case 'N':
                handled = seq.size() == 1;
                if (handled)
                    out.append(raw.sliced(i, close - i + 1));
                break;
            case 'Z':
            case 'C':
            case 'M':
                handled = true;
                out.append(raw.sliced(i, close - i + 1));
                break;
            default:
                break;
            }
        }
        if (handled) {
            i = close + 1;
        } else {
            // Not an escape sequence: keep the opener literally and let the closing escape
            // character start the next attempt, so "a\b\F\c" still resolves \F\.
            out.append(raw.sliced(i, close - i));
            i = close;
        }
    }
    return out;
}

std::optional<QByteArray> escape(QByteArrayView bytes, const Hl7Encoding& encoding)
{
    auto special = [&](char c) {
        const auto u = static_cast<unsigned char>(c);
        return c == encoding.field || c == encoding.component || c == encoding.repetition
            || (encoding.escape != 0 && c == encoding.escape)
            || (encoding.subcomponent != 0 && c == encoding.subcomponent)
            || (encoding.truncation != 0 && c == encoding.truncation) || (u < 0x20 && c != '\t') || u == 0x7F;
    };
    qsizetype firstSpecial = -1;
    for (qsizetype i = 0; i < bytes.size(); ++i) {
        if (special(bytes[i])) {
            firstSpecial = i;
            break;
        }
    }
    if (firstSpecial < 0)
        return bytes.toByteArray();
    const char esc = encoding.escape;
    if (esc == 0)
        return std::nullopt;
    static constexpr char hexDigits[] = "0123456789ABCDEF";
    QByteArray out;
    out.reserve(bytes.size() + 16);
    out.append(bytes.first(firstSpecial));
    for (qsizetype i = firstSpecial; i < bytes.size(); ++i) {
        const char c = bytes[i];
        if (!special(c)) {
            out.append(c);
            continue;
        }
        out.append(esc);
        if (c == encoding.field) {
            out.append('F');
        } else if (c == encoding.component) {
            out.append('S');
        } else if (c == encoding.repetition) {
            out.append('R');
        } else if (c == esc) {
            out.append('E');
        } else if (encoding.subcomponent != 0 && c == encoding.subcomponent) {
            out.append('T');
        } else if (encoding.truncation != 0 && c == encoding.truncation) {
            out.append('P');
        } else {
            const auto u = static_cast<unsigned char>(c);
            out.append('X');
            out.append(hexDigits[u >> 4]);
            out.append(hexDigits[u & 0x0F]);
        }
        out.append(esc);
    }
    return out;
}

} // namespace Hl7Escape
