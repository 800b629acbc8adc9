#include "node/stream/EventHub.h"

#include <QLoggingCategory>
#include <QRandomGenerator>

#include <algorithm>

Q_LOGGING_CATEGORY(lcHub, "vigil.node.stream.hub")

namespace {

QByteArray mintEpoch()
{
    // 128 bits from the OS: two runs of a node (or two nodes) never share an epoch, so an old
    // client position can never be mistaken for one of this run.
    quint32 random[4];
    QRandomGenerator::system()->fillRange(random);
    return QByteArray(reinterpret_cast<const char*>(random), sizeof(random)).toHex();
}

} // namespace

EventHub::EventHub(int bufferEvents, std::function<qint64()> nowMs, QObject* parent)
    : QObject(parent)
    , m_epoch(mintEpoch())
    , m_capacity(std::max(1, bufferEvents))
    , m_nowMs(std::move(nowMs))
{
}

qint64 EventHub::oldestSeq() const
{
    return m_buffer.empty() ? m_latestSeq + 1 : m_buffer.front().seq;
}

qint64 EventHub::publish(const QString& type, const QJsonObject& data, const QString& unit,
                         const QByteArray& correlationId, bool clinical)
{
    StreamEvent event;
    event.type = type;
    event.data = data;
    event.unit = unit;
    event.correlationId = correlationId;
    event.clinical = clinical;
    return append(std::move(event));
}

qint64 EventHub::publishLazy(const QString& type, std::function<QJsonObject()> buildData, const QString& unit,
                         const QByteArray& correlationId, bool clinical)
{
    StreamEvent event;
    event.type = type;
    event.buildData = std::move(buildData);
    event.unit = unit;
    event.correlationId = correlationId;
    event.clinical = clinical;
    return append(std::move(event));
}

qint64 EventHub::append(StreamEvent event)
{
    if (StreamTopic::ofType(event.type).isEmpty())
        qCWarning(lcHub) << "event type" << event.type << "belongs to no topic; no client will receive it";
    event.seq = ++m_latestSeq;
    event.atMs = m_nowMs();
    m_buffer.push_back(std::move(event));
    if (m_buffer.size() > size_t(m_capacity))
        m_buffer.pop_front();
    emit published(m_buffer.back());
    return m_latestSeq;
}

const StreamEvent* EventHub::at(qint64 seq) const
{
    const qint64 oldest = oldestSeq();
    if (seq < oldest || seq > m_latestSeq)
        return nullptr;
    return &m_buffer[size_t(seq - oldest)];
}

std::optional<QString> EventHub::resyncReason(const QByteArray& epoch, qint64 seq) const
{
    if (epoch != m_epoch)
        return QStringLiteral("the node restarted (the epoch has changed)");
    if (seq < 0)
        return QStringLiteral("seq %1 is negative").arg(seq);
    if (seq > m_latestSeq)
        return QStringLiteral("seq %1 is ahead of the node's latest (%2)").arg(seq).arg(m_latestSeq);
    // The client needs seq + 1 onwards; anything older than that may be gone.
    if (seq + 1 < oldestSeq())
        return QStringLiteral("events since %1 are no longer buffered (oldest is %2)").arg(seq).arg(oldestSeq());
    return std::nullopt;
}

EventHub::Replay EventHub::since(const QByteArray& epoch, qint64 seq) const
{
    Replay replay;
    if (auto reason = resyncReason(epoch, seq)) {
        replay.resync = true;
        replay.reason = *reason;
        return replay;
    }
    for (qint64 s = seq + 1; s <= m_latestSeq; ++s)
        replay.events.push_back(*at(s));
    return replay;
}
