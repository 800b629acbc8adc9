#include "models/hl7/Hl7Split.h"

#include "models/hl7/Hl7Charset.h"
#include "models/hl7/Hl7Message.h"
#include "models/hl7/Hl7Parser.h"

using namespace Qt::StringLiterals;

namespace Hl7Split {

QList<QByteArrayView> parts(QByteArrayView view, char delimiter)
{
    QList<QByteArrayView> out;
    if (delimiter == 0) {
        out.append(view);
        return out;
    }
    qsizetype start = 0;
    for (qsizetype i = 0; i < view.size(); ++i) {
        if (view[i] == delimiter) {
            out.append(view.sliced(start, i - start));
            start = i + 1;
        }
    }
    out.append(view.sliced(start));
    return out;
}

QList<QByteArrayView> fields(QByteArrayView segment, const Hl7Encoding& encoding)
{
    QList<QByteArrayView> out = parts(segment, encoding.field);
    if (Hl7Parser::isHeaderSegment(segment, encoding))
        out.insert(1, segment.sliced(3, 1));
    return out;
}

bool isDelimiterField(QByteArrayView segment, const Hl7Encoding& encoding, int field)
{
    return field >= 1 && field <= 2 && Hl7Parser::isHeaderSegment(segment, encoding);
}

bool isWellFormedSegment(QByteArrayView segment, const Hl7Encoding& encoding)
{
    auto upper = [](char c) { return c >= 'A' && c <= 'Z'; };
    auto digit = [](char c) { return c >= '0' && c <= '9'; };
    return segment.size() >= 3 && upper(segment[0]) && (upper(segment[1]) || digit(segment[1]))
        && (upper(segment[2]) || digit(segment[2])) && (segment.size() == 3 || segment[3] == encoding.field);
}

int charsetMib(const Hl7Message& message)
{
    return Hl7Charset::chooseMib(message.rawValue(u"MSH-18"), message.raw());
}

} // namespace Hl7Split
