#pragma once

#include "node/config/NodeConfig.h"
#include "node/metrics/MetricsRegistry.h"
#include "node/stats/StatsTypes.h"
#include "node/store/MessageStore.h"

#include <QElapsedTimer>
#include <QObject>

#include <memory>
#include <vector>

class DestinationQueue;
class MllpChannel;
class OpsApi;

/// The composition root of a running node: store, channels, destination queues and the ops API
/// (HTTPS: ops API, stream, FHIR channels, /metrics), started in that order and drained in reverse.
class NodeService : public QObject
{
    Q_OBJECT
public:
    explicit NodeService(NodeConfig config, QObject* parent = nullptr);
    ~NodeService() override;

    /// Opens the store, recovers queued work and starts every listener. Prints one
    /// "listening <kind> <name> <host>:<port>" line per listener to `announce` (stdout in the daemon).
    bool start(QString* errorString, FILE* announce = nullptr);
    /// Stops accepting, lets committed work reach its ACK, finishes deliveries in flight, closes the
    /// store; emits stopped() when done (or after timeoutMs, whatever is left stays queued durably).
    void shutdown(int timeoutMs = 10000);

    const NodeConfig& config() const { return m_config; }
    MessageStore& store() { return m_store; }
    MetricsRegistry& metrics() { return m_metrics; }
    quint16 channelPort(const QString& name) const;
    quint16 httpPort() const;
    OpsApi* opsApi() const;

signals:
    void stopped();

private:
    void checkDrained();
    /// Hands committed queue entries (from channels, FHIR endpoints, resubmissions) to their queues.
    void distribute(const QList<QueuedItem>& items);
    StatsSnapshot statsSnapshot();
    void finishShutdown();

    NodeConfig m_config;
    RouteTable m_routes;
    MessageStore m_store;
    MetricsRegistry m_metrics;
    std::vector<std::unique_ptr<MllpChannel>> m_channels;
    std::vector<std::unique_ptr<DestinationQueue>> m_destinations;
    std::unique_ptr<OpsApi> m_ops;
    QElapsedTimer m_uptime;
    bool m_shuttingDown = false;
    bool m_stopped = false;
    QElapsedTimer m_shutdownClock;
    int m_shutdownTimeoutMs = 10000;
};
