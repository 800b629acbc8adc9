#pragma once

#include "node/pipeline/MessageStateChange.h"

#include "node/config/NodeConfig.h"
#include "node/stats/StatsTypes.h"
#include "node/store/StoreTypes.h"

#include <QObject>
#include <QTimer>

#include <deque>
#include <memory>

class Backoff;
class CircuitBreaker;
class DestinationSender;
class MessageStore;
class MetricsRegistry;
struct DeliveryOutcome;

/// The durable FIFO queue of one destination, worked one message at a time so order is kept
/// (DESIGN.md section 2, step 7). The store holds the queue; this keeps a window of it in memory and
/// pages the rest in, so a long outage (store-and-forward) costs disk, not memory. Transient
/// failures retry the head with exponential backoff and full jitter behind a circuit breaker;
/// permanent ones and exhausted retries go to the dead-letter queue.
class DestinationQueue : public QObject
{
    Q_OBJECT
public:
    DestinationQueue(const DestinationConfig& config, MessageStore& store, MetricsRegistry& metrics,
                     QObject* parent = nullptr);
    ~DestinationQueue() override;

    /// Creates the sender and loads what the store still holds for this destination (recovery).
    bool start(QString* errorString);
    /// New entries committed by a channel.
    void enqueue(const QueuedItem& item);
    /// Stop starting new attempts; the one in flight finishes.
    void drain();
    bool isIdle() const { return !m_inFlight; }

    const QString& name() const { return m_config.name; }
    qint64 depth() const { return m_depth; }
    qint64 oldestEnqueuedAtMs() const;

    // For the stats sampler (once a second): plain reads, no store access.
    const DestinationConfig& config() const { return m_config; }
    QString kindName() const;                        ///< "mllp" | "http" | "file"
    const DestinationCounters& counters() const { return m_counters; }
    int inFlightCount() const { return m_inFlight ? 1 : 0; }
    QString breakerStateName() const;                ///< "closed" | "open" | "half-open"

signals:
    void idle();
    /// A message was delivered here or dead-lettered here (for the live stream).
    void stateChanged(const MessageStateChange& change);

private:
    void pump();
    void refill();
    void onFinished(qint64 queueId, const DeliveryOutcome& outcome);
    void removeHead();
    void scheduleAt(qint64 atMs);
    void publishGauges();
    void noteFailure(const DeliveryOutcome& outcome, qint64 atMs);
    void announce(const QueuedItem& item, MessageStateChange::Kind kind, const QString& reason = {},
                  const QString& errorClass = {});

    DestinationConfig m_config;
    MessageStore& m_store;
    MetricsRegistry& m_metrics;
    std::unique_ptr<DestinationSender> m_sender;
    std::unique_ptr<Backoff> m_backoff;
    std::unique_ptr<CircuitBreaker> m_breaker;
    std::deque<QueuedItem> m_window;                 ///< head of the queue, oldest first
    qint64 m_depth = 0;                              ///< entries in the store's queue for this destination
    qint64 m_highestSeen = 0;                        ///< largest queue ID counted in m_depth
    qint64 m_lastInWindow = 0;                       ///< largest queue ID loaded into m_window
    bool m_inFlight = false;
    bool m_draining = false;
    QTimer m_retryTimer;
    DestinationCounters m_counters;

    static constexpr int WindowSize = 1000;
};
