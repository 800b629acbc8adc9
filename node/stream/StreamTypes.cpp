#include "node/stream/StreamTypes.h"

QStringList StreamTopic::all()
{
    return {Stats, Messages, DeadLetters, Alerts, Audit};
}

bool StreamTopic::isKnown(const QString& topic)
{
    return topic == Stats || topic == Messages || topic == DeadLetters || topic == Alerts || topic == Audit;
}

QString StreamTopic::ofType(const QString& type)
{
    const qsizetype dot = type.indexOf(u'.');
    const QStringView prefix = dot < 0 ? QStringView(type) : QStringView(type).first(dot);
    if (prefix == u"stats")
        return Stats;
    if (prefix == u"message")
        return Messages;
    if (prefix == u"deadLetter")
        return DeadLetters;
    if (prefix == u"alert")
        return Alerts;
    if (prefix == u"audit")
        return Audit;
    return {};
}
