#include "models/hl7/Hl7Types.h"

using namespace Qt::StringLiterals;

QByteArray Hl7Encoding::msh2() const
{
    // Position defines meaning, so the characters are written in order up to the first absent one.
    QByteArray out;
    for (const char c : {component, repetition, escape, subcomponent, truncation}) {
        if (c == 0)
            break;
        out.append(c);
    }
    return out;
}

QString Hl7Location::toString() const
{
    if (segment.isEmpty())
        return {};
    QString out = QString::fromLatin1(segment);
    if (segmentSequence > 0)
        out += u'(' + QString::number(segmentSequence) + u')';
    if (field <= 0)
        return out;
    out += u'-' + QString::number(field);
    if (repetition > 0)
        out += u'(' + QString::number(repetition) + u')';
    if (component > 0) {
        out += u'.' + QString::number(component);
        if (subcomponent > 0)
            out += u'.' + QString::number(subcomponent);
    }
    return out;
}

QByteArray toByteArray(Hl7AckCode code)
{
    switch (code) {
    case Hl7AckCode::AA: return "AA"_ba;
    case Hl7AckCode::AE: return "AE"_ba;
    case Hl7AckCode::AR: return "AR"_ba;
    case Hl7AckCode::CA: return "CA"_ba;
    case Hl7AckCode::CE: return "CE"_ba;
    case Hl7AckCode::CR: return "CR"_ba;
    }
    return "AR"_ba;
}
