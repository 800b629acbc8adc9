#include "node/store/AppliedRecord.h"

#include <QDataStream>
#include <QIODevice>

namespace {

// Writes what QDataStream (Qt_6_4, big-endian) would, without its QBuffer and one UTF-8 copy per
// string: serializing a record runs on the ingest thread for every message, so the journal's format
// stays readable by deserialize() while writing it costs a fraction.
class RecordWriter
{
public:
    explicit RecordWriter(QByteArray& out)
        : m_out(out)
    {
    }

    RecordWriter& operator<<(quint8 v)
    {
        m_out.append(char(v));
        return *this;
    }
    RecordWriter& operator<<(bool v) { return *this << quint8(v ? 1 : 0); }
    RecordWriter& operator<<(qint32 v) { return putBigEndian(quint32(v), 4); }
    RecordWriter& operator<<(qint64 v) { return putBigEndian(quint64(v), 8); }
    RecordWriter& operator<<(const QByteArray& bytes)
    {
        if (bytes.isNull())
            return putBigEndian(0xffffffffU, 4);
        putBigEndian(quint32(bytes.size()), 4);
        m_out.append(bytes);
        return *this;
    }
    /// As `stream << text.toUtf8()`: null stays null, ASCII is copied without a conversion buffer.
    RecordWriter& operator<<(const QString& text)
    {
        if (text.isNull())
            return putBigEndian(0xffffffffU, 4);
        const QChar* chars = text.constData();
        const qsizetype n = text.size();
        for (qsizetype i = 0; i < n; ++i) {
            if (chars[i].unicode() >= 0x80)
                return *this << text.toUtf8();
        }
        putBigEndian(quint32(n), 4);
        const qsizetype at = m_out.size();
        m_out.resize(at + n);
        char* out = m_out.data() + at;
        for (qsizetype i = 0; i < n; ++i)
            out[i] = char(chars[i].unicode());
        return *this;
    }

private:
    RecordWriter& putBigEndian(quint64 v, int bytes)
    {
        char buffer[8];
        for (int i = 0; i < bytes; ++i)
            buffer[i] = char(v >> (8 * (bytes - 1 - i)));
        m_out.append(buffer, bytes);
        return *this;
    }

    QByteArray& m_out;
};

QString takeString(QDataStream& s)
{
    QByteArray utf8;
    s >> utf8;
    return QString::fromUtf8(utf8);
}

void putEvent(RecordWriter& w, const TraceEvent& e)
{
    w << e.atUs << e.stage << e.outcome << e.destination << e.detail;
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
    serializeInto(out);
    return out;
}

void AppliedRecord::serializeInto(QByteArray& out) const
{
    out.reserve(out.size() + raw.size() + 1024);
    RecordWriter w(out);
    w << RecordFormat << messageId << correlationId;
    for (const QString* text : {&channel, &messageType, &triggerEvent, &controlId, &sendingApplication, &sendingFacility,
                                &version, &patientId, &state, &ackCode, &deadLetterStage, &deadLetterReason,
                                &errorClass, &errorLocation})
        w << *text;
    w << receivedAtMs << contentHash << duplicateOf << raw << deadLetter << qint32(queue.size());
    for (const auto& q : queue)
        w << q.first << q.second;
    w << qint32(events.size());
    for (const TraceEvent& e : events)
        putEvent(w, e);
    w << unit << format << replayOf << resubmitsDeadLetter;
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
    out.reserve(64 * (events.size() + 1));
    RecordWriter w(out);
    w << EventsFormat << qint32(events.size());
    for (const TraceEvent& e : events)
        putEvent(w, e);
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
