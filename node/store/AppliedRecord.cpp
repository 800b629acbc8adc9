#include "node/store/AppliedRecord.h"

#include <QDataStream>
#include <QIODevice>

namespace {

// Strings travel as UTF-8: QDataStream's own QString form is UTF-16, twice the bytes to fsync for
// the mostly-ASCII text of HL7 headers and trace events.
void put(QDataStream& s, const QString& text)
{
    s << text.toUtf8();
}

QString takeString(QDataStream& s)
{
    QByteArray utf8;
    s >> utf8;
    return QString::fromUtf8(utf8);
}

void putEvent(QDataStream& s, const TraceEvent& e)
{
    s << e.atUs;
    put(s, e.stage);
    put(s, e.outcome);
    put(s, e.destination);
    put(s, e.detail);
}

TraceEvent takeEvent(QDataStream& s, const QByteArray& correlationId, qint64 messageId)
{
    TraceEvent e;
    e.correlationId = correlationId;
    e.messageId = messageId;
    s >> e.atUs;
    e.stage = takeString(s);
    e.outcome = takeString(s);
    e.destination = takeString(s);
    e.detail = takeString(s);
    return e;
}

// Format 3 added unit, format, replayOf and resubmitsDeadLetter at the end; format 2 records (written before) still
// replay after an upgrade.
constexpr quint8 RecordFormat = 3;
constexpr quint8 RecordFormatV2 = 2;
constexpr quint8 EventsFormat = 2;

} // namespace

QByteArray AppliedRecord::serialize() const
{
    QByteArray out;
    out.reserve(raw.size() + 512);
    QDataStream s(&out, QIODevice::WriteOnly);
    s.setVersion(QDataStream::Qt_6_4);
    s << RecordFormat << messageId << correlationId;
    for (const QString* text : {&channel, &messageType, &triggerEvent, &controlId, &sendingApplication, &sendingFacility,
                                &version, &patientId, &state, &ackCode, &deadLetterStage, &deadLetterReason,
                                &errorClass, &errorLocation})
        put(s, *text);
    s << receivedAtMs << contentHash << duplicateOf << raw << deadLetter << qint32(queue.size());
    for (const auto& q : queue) {
        s << q.first;
        put(s, q.second);
    }
    s << qint32(events.size());
    for (const TraceEvent& e : events)
        putEvent(s, e);
    put(s, unit);
    put(s, format);
    s << replayOf << resubmitsDeadLetter;
    return out;
}

std::optional<AppliedRecord> AppliedRecord::deserialize(const QByteArray& bytes)
{
    AppliedRecord r;
    QDataStream s(bytes);
    s.setVersion(QDataStream::Qt_6_4);
    quint8 format = 0;
    s >> format;
    if (format != RecordFormat && format != RecordFormatV2)
        return std::nullopt;
    s >> r.messageId >> r.correlationId;
    for (QString* text : {&r.channel, &r.messageType, &r.triggerEvent, &r.controlId, &r.sendingApplication,
                          &r.sendingFacility, &r.version, &r.patientId, &r.state, &r.ackCode, &r.deadLetterStage,
                          &r.deadLetterReason, &r.errorClass, &r.errorLocation})
        *text = takeString(s);
    qint32 queueCount = 0;
    s >> r.receivedAtMs >> r.contentHash >> r.duplicateOf >> r.raw >> r.deadLetter >> queueCount;
    for (qint32 i = 0; i < queueCount && s.status() == QDataStream::Ok; ++i) {
        qint64 queueId = 0;
        s >> queueId;
        r.queue.append({queueId, takeString(s)});
    }
    qint32 eventCount = 0;
    s >> eventCount;
    for (qint32 i = 0; i < eventCount && s.status() == QDataStream::Ok; ++i)
        r.events.append(takeEvent(s, r.correlationId, r.messageId));
    if (format >= RecordFormat) {
        r.unit = takeString(s);
        r.format = takeString(s);
        s >> r.replayOf >> r.resubmitsDeadLetter;
    }
    if (s.status() != QDataStream::Ok)
        return std::nullopt;
    return r;
}

namespace {
constexpr QChar RoutedToSeparator(0x1f);
}

QStringList AppliedRecord::destinationsOf(const QList<TraceEvent>& events)
{
    QStringList destinations;
    for (const TraceEvent& e : events) {
        if (e.stage == u"enqueue" && e.outcome == u"ok" && !e.destination.isEmpty() && !destinations.contains(e.destination))
            destinations.append(e.destination);
    }
    return destinations;
}

QString AppliedRecord::routedTo(const QList<TraceEvent>& events)
{
    const QString joined = destinationsOf(events).join(RoutedToSeparator);
    return joined.isNull() ? QStringLiteral("") : joined;   // bound as '' rather than NULL
}

QStringList AppliedRecord::splitRoutedTo(const QString& stored)
{
    return stored.isEmpty() ? QStringList{} : stored.split(RoutedToSeparator);
}

QByteArray AppliedRecord::packEvents(const QList<TraceEvent>& events)
{
    QByteArray out;
    QDataStream s(&out, QIODevice::WriteOnly);
    s.setVersion(QDataStream::Qt_6_4);
    s << EventsFormat << qint32(events.size());
    for (const TraceEvent& e : events)
        putEvent(s, e);
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
    if (format != EventsFormat)
        return events;
    for (qint32 i = 0; i < count && s.status() == QDataStream::Ok; ++i) {
        TraceEvent e = takeEvent(s, correlationId, messageId);
        if (s.status() == QDataStream::Ok)
            events.append(e);
    }
    return events;
}
