#include "node/store/AppliedRecord.h"

#include <QDataStream>
#include <QIODevice>

QByteArray AppliedRecord::serialize() const
{
    QByteArray out;
    QDataStream s(&out, QIODevice::WriteOnly);
    s.setVersion(QDataStream::Qt_6_4);
    s << quint8(1) << messageId << correlationId << channel << receivedAtMs << messageType << triggerEvent
      << controlId << sendingApplication << sendingFacility << version << patientId << contentHash << state
      << ackCode << duplicateOf << raw << deadLetter << deadLetterStage << deadLetterReason << errorClass
      << errorLocation << qint32(queue.size());
    for (const auto& q : queue)
        s << q.first << q.second;
    s << qint32(events.size());
    for (const TraceEvent& e : events)
        s << e.correlationId << e.messageId << e.atUs << e.stage << e.outcome << e.destination << e.detail;
    return out;
}


std::optional<AppliedRecord> AppliedRecord::deserialize(const QByteArray& bytes)
{
    AppliedRecord r;
    QDataStream s(bytes);
    s.setVersion(QDataStream::Qt_6_4);
    quint8 format = 0;
    qint32 queueCount = 0;
    s >> format;
    if (format != 1)
        return std::nullopt;
    s >> r.messageId >> r.correlationId >> r.channel >> r.receivedAtMs >> r.messageType >> r.triggerEvent
        >> r.controlId >> r.sendingApplication >> r.sendingFacility >> r.version >> r.patientId >> r.contentHash
        >> r.state >> r.ackCode >> r.duplicateOf >> r.raw >> r.deadLetter >> r.deadLetterStage
        >> r.deadLetterReason >> r.errorClass >> r.errorLocation >> queueCount;
    for (qint32 i = 0; i < queueCount && s.status() == QDataStream::Ok; ++i) {
        QPair<qint64, QString> q;
        s >> q.first >> q.second;
        r.queue.append(q);
    }
    qint32 eventCount = 0;
    s >> eventCount;
    for (qint32 i = 0; i < eventCount && s.status() == QDataStream::Ok; ++i) {
        TraceEvent e;
        s >> e.correlationId >> e.messageId >> e.atUs >> e.stage >> e.outcome >> e.destination >> e.detail;
        r.events.append(e);
    }
    if (s.status() != QDataStream::Ok)
        return std::nullopt;
    return r;
}

QByteArray AppliedRecord::packEvents(const QList<TraceEvent>& events)
{
    QByteArray out;
    QDataStream s(&out, QIODevice::WriteOnly);
    s.setVersion(QDataStream::Qt_6_4);
    s << quint8(1) << qint32(events.size());
    for (const TraceEvent& e : events)
        s << e.atUs << e.stage << e.outcome << e.destination << e.detail;
    return out;
}

QList<TraceEvent> AppliedRecord::unpackEvents(const QByteArray& packed, const QByteArray& correlationId,
                                              qint64 messageId)
{
    QList<TraceEvent> events;
    QDataStream s(packed);
    s.setVersion(QDataStream::Qt_6_4);
    quint8 format = 0;
    qint32 count = 0;
    s >> format >> count;
    if (format != 1)
        return events;
    for (qint32 i = 0; i < count && s.status() == QDataStream::Ok; ++i) {
        TraceEvent e;
        e.correlationId = correlationId;
        e.messageId = messageId;
        s >> e.atUs >> e.stage >> e.outcome >> e.destination >> e.detail;
        if (s.status() == QDataStream::Ok)
            events.append(e);
    }
    return events;
}
