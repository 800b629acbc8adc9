#include "node/pipeline/DestinationQueue.h"

#include "node/delivery/Backoff.h"
#include "node/delivery/CircuitBreaker.h"
#include "node/delivery/DeliveryTypes.h"
#include "node/delivery/DestinationSender.h"
#include "node/delivery/DestinationSenderFactory.h"
#include "node/metrics/NodeMetrics.h"
#include "node/store/MessageStore.h"

#include <QDateTime>
#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcQueue, "vigil.node.queue")

namespace {

qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

// The breaker measures its open period on a clock that wall-clock changes cannot move.
qint64 monotonicMs()
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

TraceEvent traceEvent(const QueuedItem& item, const QString& stage, const QString& outcome, const QString& detail)
{
    TraceEvent e;
    e.correlationId = item.correlationId;
    e.messageId = item.messageId;
    e.atUs = nowMs() * 1000;
    e.stage = stage;
    e.outcome = outcome;
    e.destination = item.destination;
    e.detail = detail;
    return e;
}

} // namespace

DestinationQueue::DestinationQueue(const DestinationConfig& config, MessageStore& store, MetricsRegistry& metrics,
                                   QObject* parent)
    : QObject(parent)
    , m_config(config)
    , m_store(store)
    , m_metrics(metrics)
{
    m_retryTimer.setSingleShot(true);
    connect(&m_retryTimer, &QTimer::timeout, this, &DestinationQueue::pump);
}

DestinationQueue::~DestinationQueue() = default;

bool DestinationQueue::start(QString* errorString)
{
    QString error;
    m_sender = DestinationSenderFactory::createSender(m_config, this, &error);
    if (!m_sender) {
        if (errorString)
            *errorString = QStringLiteral("destination %1: %2").arg(m_config.name, error);
        return false;
    }
    connect(m_sender.get(), &DestinationSender::finished, this, &DestinationQueue::onFinished);
    m_backoff = std::make_unique<Backoff>(m_config.retry.initialDelayMs, m_config.retry.maxDelayMs);
    m_breaker = std::make_unique<CircuitBreaker>(m_config.breaker.failureThreshold,
                                                 qint64(m_config.breaker.openSeconds) * 1000);

    const MetricLabels labels{{"destination", m_config.name}};
    m_metrics.add(NodeMetrics::Delivered, labels, 0);
    m_metrics.add(NodeMetrics::DeliveryAttempts, {{"destination", m_config.name}, {"outcome", QStringLiteral("delivered")}}, 0);

    // Recovery: whatever the store still holds for this destination goes first, in order.
    const auto stats = m_store.queueStats(m_config.name);
    m_depth = stats.count;
    m_highestSeen = stats.maxQueueId;
    refill();
    if (m_depth > 0)
        qCInfo(lcQueue) << "destination" << m_config.name << "resumes with" << m_depth << "queued messages";
    publishGauges();
    QMetaObject::invokeMethod(this, &DestinationQueue::pump, Qt::QueuedConnection);
    return true;
}

void DestinationQueue::enqueue(const QueuedItem& item)
{
    if (item.queueId <= m_highestSeen)
        return; // already counted (loaded from the store before this notice arrived)
    const bool contiguous = m_lastInWindow == m_highestSeen;
    m_highestSeen = item.queueId;
    ++m_depth;
    ++m_counters.enqueued;
    if (contiguous && m_window.size() < std::size_t(WindowSize)) {
        m_window.push_back(item);
        m_lastInWindow = item.queueId;
    }
    publishGauges();
    pump();
}

void DestinationQueue::refill()
{
    const auto items = m_store.loadQueue(m_config.name, m_lastInWindow, WindowSize - int(m_window.size()));
    for (const QueuedItem& item : items) {
        m_window.push_back(item);
        m_lastInWindow = item.queueId;
        if (item.queueId > m_highestSeen) {
            // Committed, but its notice has not arrived yet: count it now and ignore the notice.
            ++m_depth;
            ++m_counters.enqueued;
            m_highestSeen = item.queueId;
        }
    }
}

void DestinationQueue::drain()
{
    m_draining = true;
    m_retryTimer.stop();
    if (!m_inFlight)
        emit idle();
}

qint64 DestinationQueue::oldestEnqueuedAtMs() const
{
    return m_window.empty() ? 0 : m_window.front().enqueuedAtMs;
}

QString DestinationQueue::kindName() const
{
    switch (m_config.kind) {
    case DestinationConfig::Kind::Mllp:
        return QStringLiteral("mllp");
    case DestinationConfig::Kind::Http:
        return QStringLiteral("http");
    case DestinationConfig::Kind::File:
        return QStringLiteral("file");
    }
    return {};
}

QString DestinationQueue::breakerStateName() const
{
    return m_breaker ? m_breaker->stateName() : QStringLiteral("closed");
}

void DestinationQueue::noteFailure(const DeliveryOutcome& outcome, qint64 atMs)
{
    ++m_counters.failedAttempts;
    m_counters.lastErrorAtMs = atMs;
    // Senders keep errorClass and detail free of payload and field values (DeliveryTypes.h); the cap
    // keeps a long transport message from bloating every stats tick.
    QString text = outcome.errorClass;
    if (!outcome.detail.isEmpty())
        text += QStringLiteral(": ") + outcome.detail;
    if (text.size() > 200)
        text = text.left(199) + QChar(0x2026);
    m_counters.lastError = text;
}

void DestinationQueue::scheduleAt(qint64 atMs)
{
    const qint64 delay = qMax<qint64>(0, atMs - nowMs());
    if (!m_retryTimer.isActive() || m_retryTimer.remainingTime() > delay)
        m_retryTimer.start(int(qMin<qint64>(delay, INT_MAX)));
}

void DestinationQueue::pump()
{
    if (m_inFlight || m_draining)
        return;
    if (m_window.empty() && m_lastInWindow < m_highestSeen) {
        refill();
        // Committed to the journal but not applied to the tables yet (a few ms): look again soon.
        if (m_window.empty()) {
            scheduleAt(nowMs() + 50);
            return;
        }
    }
    if (m_window.empty())
        return;
    const qint64 now = nowMs();
    QueuedItem& head = m_window.front();
    if (head.nextAttemptAtMs > now) {
        scheduleAt(head.nextAttemptAtMs);
        return;
    }
    if (!m_breaker->allowRequest(monotonicMs())) {
        // While a half-open trial is out (-1) its result calls pump(); otherwise wait out the open period.
        const qint64 wait = m_breaker->msUntilRetry(monotonicMs());
        if (wait >= 0)
            scheduleAt(now + qMax<qint64>(1, wait));
        publishGauges();
        return;
    }
    m_retryTimer.stop();
    m_inFlight = true;
    OutboundMessage message;
    message.queueId = head.queueId;
    message.messageId = head.messageId;
    message.payload = head.payload;
    message.correlationId = head.correlationId;
    message.controlId = head.controlId;
    message.receivedAtMs = head.receivedAtMs;
    message.attempt = head.attempts + 1;
    m_sender->send(message);
}

void DestinationQueue::onFinished(qint64 queueId, const DeliveryOutcome& outcome)
{
    m_inFlight = false;
    if (m_window.empty() || m_window.front().queueId != queueId) {
        qCWarning(lcQueue) << "destination" << m_config.name << "finished an unknown queue entry" << queueId;
        pump();
        return;
    }
    QueuedItem& head = m_window.front();
    const qint64 now = nowMs();
    head.attempts += 1;
    const QString durationText = QStringLiteral("%1 ms").arg(outcome.durationMs);
    m_metrics.observe(NodeMetrics::DeliveryDuration, {{"destination", m_config.name}}, outcome.durationMs / 1000.0);

    switch (outcome.kind) {
    case DeliveryOutcome::Kind::Delivered: {
        m_breaker->record(outcome.kind, monotonicMs());
        m_metrics.add(NodeMetrics::DeliveryAttempts, {{"destination", m_config.name}, {"outcome", QStringLiteral("delivered")}});
        m_metrics.add(NodeMetrics::Delivered, {{"destination", m_config.name}});
        ++m_counters.delivered;
        m_counters.lastSentAtMs = now;
        m_store.markDelivered(head.queueId,
                              traceEvent(head, QStringLiteral("deliver"), QStringLiteral("ok"),
                                         QStringLiteral("attempt %1, %2%3")
                                             .arg(head.attempts)
                                             .arg(durationText,
                                                  outcome.ackCode.isEmpty() ? QString()
                                                                            : QStringLiteral(", ack ") + outcome.ackCode)));
        announce(head, MessageStateChange::Kind::Delivered);
        removeHead();
        break;
    }
    case DeliveryOutcome::Kind::Permanent: {
        m_breaker->record(outcome.kind, monotonicMs());
        m_metrics.add(NodeMetrics::DeliveryAttempts, {{"destination", m_config.name}, {"outcome", QStringLiteral("rejected")}});
        m_metrics.add(NodeMetrics::DeadLettered, {{"stage", QStringLiteral("deliver")}});
        noteFailure(outcome, now);
        ++m_counters.deadLettered;
        const QString reason = QStringLiteral("%1 rejected the message: %2").arg(m_config.name, outcome.detail);
        m_store.deadLetterQueued(head, reason, outcome.errorClass, head.attempts,
                                 traceEvent(head, QStringLiteral("dead-letter"), outcome.errorClass, reason));
        announce(head, MessageStateChange::Kind::DeadLettered, reason, outcome.errorClass);
        removeHead();
        break;
    }
    case DeliveryOutcome::Kind::Transient: {
        m_breaker->record(outcome.kind, monotonicMs());
        m_metrics.add(NodeMetrics::DeliveryAttempts, {{"destination", m_config.name}, {"outcome", QStringLiteral("failed")}});
        noteFailure(outcome, now);
        if (m_config.retry.maxAttempts > 0 && head.attempts >= m_config.retry.maxAttempts) {
            m_metrics.add(NodeMetrics::DeadLettered, {{"stage", QStringLiteral("deliver")}});
            ++m_counters.deadLettered;
            const QString reason = QStringLiteral("gave up after %1 attempts: %2").arg(head.attempts).arg(outcome.detail);
            m_store.deadLetterQueued(head, reason, outcome.errorClass, head.attempts,
                                     traceEvent(head, QStringLiteral("dead-letter"), outcome.errorClass, reason));
            announce(head, MessageStateChange::Kind::DeadLettered, reason, outcome.errorClass);
            removeHead();
            break;
        }
        const int delay = m_backoff->delayMs(head.attempts, outcome.retryAfterMs);
        head.nextAttemptAtMs = now + delay;
        m_store.recordAttemptFailure(
            head.queueId, head.attempts, head.nextAttemptAtMs, outcome.errorClass,
            traceEvent(head, QStringLiteral("attempt"), QStringLiteral("retry"),
                       QStringLiteral("attempt %1 failed (%2: %3); next in %4 ms")
                           .arg(head.attempts)
                           .arg(outcome.errorClass, outcome.detail)
                           .arg(delay)));
        break;
    }
    }
    publishGauges();
    if (m_draining) {
        emit idle();
        return;
    }
    pump();
}

void DestinationQueue::removeHead()
{
    m_window.pop_front();
    m_depth = qMax<qint64>(0, m_depth - 1);
}

void DestinationQueue::publishGauges()
{
    const MetricLabels labels{{"destination", m_config.name}};
    m_metrics.set(NodeMetrics::QueueDepth, labels, double(m_depth));
    const qint64 oldest = oldestEnqueuedAtMs();
    m_metrics.set(NodeMetrics::QueueOldest, labels, oldest / 1000.0);
    m_metrics.set(NodeMetrics::CircuitState, labels, m_breaker ? m_breaker->stateValue() : 0);
}

void DestinationQueue::announce(const QueuedItem& item, MessageStateChange::Kind kind, const QString& reason,
                                const QString& errorClass)
{
    MessageStateChange change;
    change.kind = kind;
    change.messageId = item.messageId;
    change.correlationId = item.correlationId;
    change.destination = m_config.name;
    change.unit = item.unit;
    change.state = kind == MessageStateChange::Kind::Delivered ? QStringLiteral("delivered")
                                                              : QStringLiteral("dead-lettered");
    if (kind == MessageStateChange::Kind::DeadLettered) {
        change.stage = QStringLiteral("deliver");
        change.reason = reason;
        change.errorClass = errorClass;
    }
    emit stateChanged(change);
}
