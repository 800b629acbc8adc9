#pragma once

#include "node/config/NodeConfig.h"
#include "node/metrics/MetricsRegistry.h"
#include "node/store/MessageStore.h"

#include <QElapsedTimer>
#include <QObject>

#include <memory>
#include <vector>

class DestinationQueue;
class MllpChannel;
class QHttpServer;
class QTcpServer;

/// The composition root of a running node: store, channels, destination queues and the HTTP
/// endpoint (/metrics), started in that order and drained in reverse on shutdown.
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

signals:
    void stopped();

private:
    void checkDrained();
    void finishShutdown();

    NodeConfig m_config;
    RouteTable m_routes;
    MessageStore m_store;
    MetricsRegistry m_metrics;
    std::vector<std::unique_ptr<MllpChannel>> m_channels;
    std::vector<std::unique_ptr<DestinationQueue>> m_destinations;
    std::unique_ptr<QHttpServer> m_http;
    QTcpServer* m_httpListener = nullptr;
    QElapsedTimer m_uptime;
    bool m_shuttingDown = false;
    bool m_stopped = false;
    QElapsedTimer m_shutdownClock;
    int m_shutdownTimeoutMs = 10000;
};
