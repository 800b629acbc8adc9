#include "ui/views/TraceQuery.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QStringList>

#include <algorithm>

using namespace Qt::StringLiterals;

TraceQuery::Kind TraceQuery::kindOf(const QString& text)
{
    if (text.isEmpty())
        return Kind::Empty;
    if (text.size() == 32) {
        bool allHex = true;
        for (const QChar c : text) {
            if (!((c >= u'0' && c <= u'9') || (c >= u'a' && c <= u'f') || (c >= u'A' && c <= u'F'))) {
                allHex = false;
                break;
            }
        }
        if (allHex)
            return Kind::CorrelationId;
    }
    return Kind::Identifier;
}

TraceQuery TraceQuery::normalized() const
{
    TraceQuery q = *this;
    q.text = q.text.trimmed();
    if (q.lastMs > 0) {
        q.fromMs = 0;
        q.toMs = 0;
    }
    return q;
}

QString TraceQuery::label() const
{
    QStringList parts;
    if (!text.isEmpty())
        parts << text;
    if (!type.isEmpty())
        parts << type;
    if (!state.isEmpty())
        parts << state;
    if (lastMs > 0) {
        // Counts go in as plain variables: Qt 6.4's lupdate hangs on a cast of a call as the count.
        const qint64 hours = lastMs / (3600 * 1000);
        const int days = int(hours / 24);
        const int hourCount = int(std::max<qint64>(1, hours));
        parts << (hours >= 24 && hours % 24 == 0
                      ? QCoreApplication::translate("TraceQuery", "last %n day(s)", nullptr, days)
                      : QCoreApplication::translate("TraceQuery", "last %n hour(s)", nullptr, hourCount));
    } else if (fromMs > 0 || toMs > 0) {
        const auto fmt = [](qint64 ms) {
            return ms > 0 ? QDateTime::fromMSecsSinceEpoch(ms).toString(u"yyyy-MM-dd HH:mm"_s) : QString();
        };
        parts << fmt(fromMs) + u" – "_s + fmt(toMs);
    }
    if (parts.isEmpty())
        return QCoreApplication::translate("TraceQuery", "All messages");
    return parts.join(u" · "_s);
}

QVariantMap TraceQuery::toVariantMap() const
{
    return {{u"text"_s, text}, {u"type"_s, type}, {u"state"_s, state}, {u"fromMs"_s, fromMs}, {u"toMs"_s, toMs}, {u"lastMs"_s, lastMs}};
}

TraceQuery TraceQuery::fromVariantMap(const QVariantMap& map)
{
    TraceQuery q;
    q.text = map.value(u"text"_s).toString().trimmed();
    q.type = map.value(u"type"_s).toString();
    q.state = map.value(u"state"_s).toString();
    q.fromMs = map.value(u"fromMs"_s).toLongLong();
    q.toMs = map.value(u"toMs"_s).toLongLong();
    q.lastMs = map.value(u"lastMs"_s).toLongLong();
    return q;
}

QVariantList TraceQuery::toVariantList(const QList<TraceQuery>& queries)
{
    QVariantList list;
    list.reserve(queries.size());
    for (const TraceQuery& q : queries)
        list << q.toVariantMap();
    return list;
}

QList<TraceQuery> TraceQuery::fromVariantList(const QVariantList& list)
{
    QList<TraceQuery> queries;
    queries.reserve(list.size());
    for (const QVariant& v : list)
        queries << fromVariantMap(v.toMap());
    return queries;
}
