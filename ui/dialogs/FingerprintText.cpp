#include "ui/dialogs/FingerprintText.h"

#include <QStringList>

namespace FingerprintText {

QString normalized(const QString& text)
{
    QString hex;
    for (const QChar c : text) {
        if (c == u':' || c == u' ' || c == u'-')
            continue;
        if (!c.isDigit() && !(c.toLower() >= u'a' && c.toLower() <= u'f'))
            return QString();
        hex += c.toUpper();
    }
    if (hex.size() != 64)
        return QString();
    QStringList pairs;
    for (int i = 0; i < hex.size(); i += 2)
        pairs << hex.mid(i, 2);
    return pairs.join(u':');
}

QString grouped(const QString& fingerprint)
{
    const QStringList pairs = fingerprint.split(u':', Qt::SkipEmptyParts);
    QStringList lines;
    for (qsizetype i = 0; i < pairs.size(); i += 8) {
        const QString first = pairs.mid(i, 4).join(u':');
        const QString second = pairs.mid(i + 4, 4).join(u':');
        lines << (second.isEmpty() ? first : first + u"  " + second);
    }
    return lines.join(u'\n');
}

} // namespace FingerprintText
