#include "models/console/ConsoleJson.h"

#include <QDateTime>
#include <QJsonArray>

namespace ConsoleJson {

qint64 msOfIso(const QJsonValue& isoTime)
{
    const QString text = isoTime.toString();
    if (text.isEmpty())
        return 0;
    const QDateTime at = QDateTime::fromString(text, Qt::ISODateWithMs);
    return at.isValid() ? at.toMSecsSinceEpoch() : 0;
}

qint64 msOf(const QJsonObject& object, QStringView key)
{
    return msOfIso(object.value(key));
}

QStringList stringsOf(const QJsonValue& value)
{
    QStringList out;
    const QJsonArray array = value.toArray();
    for (const QJsonValue& v : array)
        out.append(v.toString());
    return out;
}

} // namespace ConsoleJson
