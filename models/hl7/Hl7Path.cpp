#include "models/hl7/Hl7Path.h"

using namespace Qt::StringLiterals;

namespace {

bool isSegmentIdChar(QChar c)
{
    return (c >= u'A' && c <= u'Z') || (c >= u'0' && c <= u'9');
}

// Reads a positive decimal number at pos; fails on no digits, zero or values above maxIndex.
std::optional<int> readNumber(QStringView text, qsizetype& pos)
{
    qint64 value = 0;
    const qsizetype start = pos;
    while (pos < text.size() && text[pos] >= u'0' && text[pos] <= u'9') {
        value = value * 10 + (text[pos].unicode() - u'0');
        if (value > Hl7Path::maxIndex)
            return std::nullopt;
        ++pos;
    }
    if (pos == start || value == 0)
        return std::nullopt;
    return int(value);
}

// "(n)" at pos, if present; fails when the parenthesis is malformed.
bool readOptionalIndex(QStringView text, qsizetype& pos, int& out)
{
    if (pos >= text.size() || text[pos] != u'(')
        return true;
    ++pos;
    const auto n = readNumber(text, pos);
    if (!n || pos >= text.size() || text[pos] != u')')
        return false;
    ++pos;
    out = *n;
    return true;
}

std::optional<Hl7Path> fail(QString* errorString, const QString& why)
{
    if (errorString)
        *errorString = why;
    return std::nullopt;
}

} // namespace

std::optional<Hl7Path> Hl7Path::parse(QStringView text, QString* errorString)
{
    const QString expected = u"expected SEG[(n)]-field[(rep)][.component[.subcomponent]]"_s;
    Hl7Path path;
    if (text.size() < 5)
        return fail(errorString, u"Path too short: "_s + expected);
    for (qsizetype i = 0; i < 3; ++i) {
        if (!isSegmentIdChar(text[i]))
            return fail(errorString, u"Invalid segment name in path: "_s + expected);
    }
    path.segment = text.first(3).toLatin1();
    qsizetype pos = 3;
    if (!readOptionalIndex(text, pos, path.occurrence))
        return fail(errorString, u"Invalid segment occurrence in path: "_s + expected);
    if (pos >= text.size() || text[pos] != u'-')
        return fail(errorString, u"Missing '-' after the segment in path: "_s + expected);
    ++pos;
    const auto field = readNumber(text, pos);
    if (!field)
        return fail(errorString, u"Invalid field number in path: "_s + expected);
    path.field = *field;
    if (!readOptionalIndex(text, pos, path.repetition))
        return fail(errorString, u"Invalid repetition in path: "_s + expected);
    if (pos < text.size() && text[pos] == u'.') {
        ++pos;
        const auto component = readNumber(text, pos);
        if (!component)
            return fail(errorString, u"Invalid component number in path: "_s + expected);
        path.component = *component;
        if (pos < text.size() && text[pos] == u'.') {
            ++pos;
            const auto sub = readNumber(text, pos);
            if (!sub)
                return fail(errorString, u"Invalid subcomponent number in path: "_s + expected);
            path.subcomponent = *sub;
        }
    }
    if (pos != text.size())
        return fail(errorString, u"Unexpected characters at the end of the path: "_s + expected);
    return path;
}

QString Hl7Path::toString() const
{
    QString out = QString::fromLatin1(segment);
    if (occurrence != 1)
        out += u'(' + QString::number(occurrence) + u')';
    out += u'-' + QString::number(field);
    if (repetition != 1)
        out += u'(' + QString::number(repetition) + u')';
    if (component > 0) {
        out += u'.' + QString::number(component);
        if (subcomponent > 0)
            out += u'.' + QString::number(subcomponent);
    }
    return out;
}
