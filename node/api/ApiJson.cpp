#include "node/api/ApiJson.h"

#include <QDateTime>

namespace {

constexpr auto Masked = "***";

void putText(QJsonObject& object, const char* key, const QString& value)
{
    if (!value.isEmpty())
        object.insert(QLatin1StringView(key), value);
}

void putId(QJsonObject& object, const char* key, qint64 value)
{
    if (value != 0)
        object.insert(QLatin1StringView(key), value);
}

QJsonArray strings(const QStringList& list)
{
    return QJsonArray::fromStringList(list);
}

} // namespace

namespace ApiJson {

QString time(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs);
}

QString timeUs(qint64 us)
{
    return time(us / 1000);
}

std::optional<qint64> parseTime(const QString& text)
{
    bool isNumber = false;
    const qint64 ms = text.toLongLong(&isNumber);
    if (isNumber)
        return ms;
    const QDateTime parsed = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!parsed.isValid())
        return std::nullopt;
    return parsed.toMSecsSinceEpoch();
}

QJsonObject principal(const Principal& p)
{
    return QJsonObject{{QStringLiteral("name"), p.userName},
                       {QStringLiteral("role"), roleName(p.role)},
                       {QStringLiteral("units"), strings(p.units)}};
}

QJsonObject messageSummary(const MessageSummary& m, bool maskPhi)
{
    QJsonObject o{{QStringLiteral("id"), m.id},
                  {QStringLiteral("correlationId"), QString::fromLatin1(m.correlationId)},
                  {QStringLiteral("channel"), m.channel},
                  {QStringLiteral("receivedAt"), time(m.receivedAtMs)},
                  {QStringLiteral("state"), m.state},
                  {QStringLiteral("format"), m.format}};
    putText(o, "messageType", m.messageType);
    putText(o, "triggerEvent", m.triggerEvent);
    putText(o, "controlId", m.controlId);
    putText(o, "sendingApplication", m.sendingApplication);
    putText(o, "sendingFacility", m.sendingFacility);
    if (!m.patientId.isEmpty())
        o.insert(QStringLiteral("patientId"), maskPhi ? QString::fromLatin1(Masked) : m.patientId);
    putText(o, "unit", m.unit);
    putText(o, "ackCode", m.ackCode);
    putId(o, "replayOf", m.replayOf);
    putId(o, "duplicateOf", m.duplicateOf);
    o.insert(QStringLiteral("routedTo"), strings(m.routedTo));
    o.insert(QStringLiteral("deliveredTo"), strings(m.deliveredTo));
    o.insert(QStringLiteral("deadLetteredAt"), strings(m.deadLetteredAt));
    return o;
}

QJsonObject traceEvent(const TraceEvent& e)
{
    QJsonObject o{{QStringLiteral("at"), timeUs(e.atUs)},
                  {QStringLiteral("atUs"), e.atUs},
                  {QStringLiteral("stage"), e.stage},
                  {QStringLiteral("outcome"), e.outcome}};
    putId(o, "messageId", e.messageId);
    putText(o, "destination", e.destination);
    putText(o, "detail", e.detail);
    return o;
}

QJsonArray trace(const QList<TraceEvent>& events)
{
    QJsonArray array;
    for (const TraceEvent& e : events)
        array.append(traceEvent(e));
    return array;
}

QJsonObject deadLetterSummary(const DeadLetterSummary& d)
{
    QJsonObject o{{QStringLiteral("id"), d.id},
                  {QStringLiteral("messageId"), d.messageId},
                  {QStringLiteral("correlationId"), QString::fromLatin1(d.correlationId)},
                  {QStringLiteral("stage"), d.stage},
                  {QStringLiteral("reason"), d.reason},
                  {QStringLiteral("attempts"), d.attempts},
                  {QStringLiteral("createdAt"), time(d.createdAtMs)},
                  {QStringLiteral("state"), d.state},
                  {QStringLiteral("signature"), d.signature}};
    putText(o, "channel", d.channel);
    putText(o, "destination", d.destination);
    putText(o, "errorClass", d.errorClass);
    putText(o, "errorLocation", d.errorLocation);
    putId(o, "resubmittedAs", d.resubmittedAs);
    if (d.resubmittedAtMs != 0)
        o.insert(QStringLiteral("resubmittedAt"), time(d.resubmittedAtMs));
    if (d.parkedAtMs != 0)
        o.insert(QStringLiteral("parkedAt"), time(d.parkedAtMs));
    putText(o, "parkedBy", d.parkedBy);
    putText(o, "parkReason", d.parkReason);
    putText(o, "unit", d.unit);
    putText(o, "messageType", d.messageType);
    putText(o, "triggerEvent", d.triggerEvent);
    putText(o, "controlId", d.controlId);
    return o;
}

QJsonObject deadLetterGroup(const DeadLetterGroup& g)
{
    QJsonObject o{{QStringLiteral("signature"), g.signature},
                  {QStringLiteral("stage"), g.stage},
                  {QStringLiteral("count"), g.count},
                  {QStringLiteral("firstAt"), time(g.firstAtMs)},
                  {QStringLiteral("lastAt"), time(g.lastAtMs)},
                  {QStringLiteral("destinations"), strings(g.destinations)},
                  {QStringLiteral("channels"), strings(g.channels)}};
    putText(o, "errorClass", g.errorClass);
    putText(o, "errorLocation", g.errorLocation);
    putText(o, "latestReason", g.latestReason);
    return o;
}

QJsonObject auditEntry(const AuditEntry& e)
{
    QJsonObject o{{QStringLiteral("seq"), e.seq},
                  {QStringLiteral("at"), time(e.atMs)},
                  {QStringLiteral("actor"), e.actor},
                  {QStringLiteral("action"), e.action},
                  {QStringLiteral("outcome"), e.outcome},
                  {QStringLiteral("hash"), QString::fromLatin1(e.hash)}};
    putText(o, "role", e.role);
    putText(o, "remote", e.remote);
    putText(o, "target", e.target);
    putText(o, "reason", e.reason);
    if (!e.detail.isEmpty())
        o.insert(QStringLiteral("detail"), e.detail);
    return o;
}

} // namespace ApiJson
