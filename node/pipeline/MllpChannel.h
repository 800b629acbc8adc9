#pragma once

#include "node/config/NodeConfig.h"
#include "node/metrics/MetricsRegistry.h"
#include "node/pipeline/AcceptedMessage.h"
#include "node/pipeline/IngestProcessor.h"
#include "node/pipeline/MessageStateChange.h"
#include "node/stats/StatsTypes.h"

#include <QHash>
#include <QMap>
#include <QObject>

#include <memory>

class MessageStore;
class MetricsRegistry;
class MllpServer;
struct QueuedItem;

/// One inbound MLLP channel: frames in, decisions made, records committed to the store, then the
/// acknowledgement written — never before the commit (commit-then-acknowledge, DESIGN.md section 2).
/// Acknowledgements leave each connection in the order its frames arrived.
class MllpChannel : public QObject
{
    Q_OBJECT
public:
    MllpChannel(const ChannelConfig& config, const RouteTable& routes, qint64 dedupWindowMs, MessageStore& store,
                MetricsRegistry& metrics, QObject* parent = nullptr);
    ~MllpChannel() override;

    bool start(QString* errorString);
    /// Stops accepting connections; frames already received are still committed and answered.
    void stopListening();
    quint16 port() const;
    QString host() const;
    const QString& name() const { return m_config.name; }
    int pendingCommits() const { return m_pendingCommits; }
    int connectionCount() const;
    const ChannelConfig& config() const { return m_config; }
    /// Running totals for the stats sampler (see ChannelCounters for what each one counts).
    const ChannelCounters& counters() const { return m_counters; }

signals:
    /// A committed message's queue entries, for the destination queues.
    void enqueued(const QList<QueuedItem>& items);
    /// A message was committed (for the live stream).
    void stateChanged(const MessageStateChange& change);
    /// A message was committed as accepted (for the alert rules).
    void accepted(const AcceptedMessage& message);

private:
    struct Answer
    {
        QList<QByteArray> frames;
        qint64 receivedAtNs = 0;
        QByteArray correlationId;
        qint64 messageId = 0;
    };
    struct Connection
    {
        qint64 nextSequence = 0;                     ///< sequence given to the next frame
        qint64 nextToSend = 0;                       ///< sequence whose answer goes out next
        QMap<qint64, Answer> ready;                  ///< answers waiting for earlier ones
    };
    void onFrame(quint64 connectionId, const QByteArray& payload, qint64 receivedAtNs);
    void complete(quint64 connectionId, qint64 sequence, Answer answer);
    QString nextAckControlId();
    const MetricSeries& acksSentSeries(const QString& code);

    ChannelConfig m_config;
    IngestProcessor m_processor;
    MessageStore& m_store;
    MetricsRegistry& m_metrics;
    std::unique_ptr<MllpServer> m_server;
    QHash<quint64, Connection> m_connections;
    int m_pendingCommits = 0;
    quint64 m_ackCounter = 0;
    QString m_ackPrefix;
    ChannelCounters m_counters;
    // Series counted for every message, their labels rendered once.
    MetricSeries m_receivedSeries;
    MetricSeries m_rejectedSeries;
    MetricSeries m_duplicatesSeries;
    MetricSeries m_ackLatencySeries;
    QHash<QString, MetricSeries> m_acksSentSeries;   ///< by ACK code
};
