#pragma once

#include "node/stream/StreamTypes.h"

#include <QObject>

#include <deque>
#include <functional>
#include <optional>
#include <vector>

/// The node's live events: numbers them, keeps the last N for clients that reconnect, and announces
/// each one to the open stream sessions (DESIGN.md section 4, "Live").
///
/// Sequence numbers start at 1 in every epoch and have no gaps. The epoch is a random ID minted when
/// the hub is created, i.e. at node start: the buffer lives in memory only, so a client that still
/// holds the epoch of an earlier run cannot be replayed to and must resynchronise.
class EventHub : public QObject
{
    Q_OBJECT
public:
    /// What a reconnecting client gets: the events after its seq (possibly none), or a resync.
    struct Replay
    {
        bool resync = false;
        QString reason;                              ///< for a resync: why, in plain words
        std::vector<StreamEvent> events;             ///< oldest first
    };

    /// `bufferEvents` (at least 1) events stay replayable; `nowMs` stamps them (injectable for tests).
    EventHub(int bufferEvents, std::function<qint64()> nowMs, QObject* parent = nullptr);

    const QByteArray& epoch() const { return m_epoch; }
    /// The seq of the newest event; 0 before the first one.
    qint64 latestSeq() const { return m_latestSeq; }
    /// The seq of the oldest buffered event; latestSeq() + 1 while the buffer is empty.
    qint64 oldestSeq() const;
    int capacity() const { return m_capacity; }

    /// Numbers, stamps, buffers and announces an event; returns its seq.
    qint64 publish(const QString& type, const QJsonObject& data, const QString& unit = {},
                   const QByteArray& correlationId = {}, bool clinical = false);
    /// The same, with a payload built on first use (StreamEvent::buildData); `buildData` must only
    /// capture values, since it may run long after this call.
    qint64 publishLazy(const QString& type, std::function<QJsonObject()> buildData, const QString& unit = {},
                   const QByteArray& correlationId = {}, bool clinical = false);

    /// The buffered event `seq`, or nullptr when it is not (or no longer) buffered. The pointer is
    /// valid until the next publish().
    const StreamEvent* at(qint64 seq) const;

    /// Whether a client that last saw `seq` of `epoch` can be replayed to; nullopt if it can,
    /// otherwise the reason it must resynchronise.
    std::optional<QString> resyncReason(const QByteArray& epoch, qint64 seq) const;
    /// The events after `seq` of `epoch`, or a resync.
    Replay since(const QByteArray& epoch, qint64 seq) const;

signals:
    /// A new event; its seq is latestSeq().
    void published(const StreamEvent& event);

private:
    qint64 append(StreamEvent event);

    QByteArray m_epoch;
    int m_capacity;
    std::function<qint64()> m_nowMs;
    std::deque<StreamEvent> m_buffer;                ///< consecutive seqs, oldest first
    qint64 m_latestSeq = 0;
};
