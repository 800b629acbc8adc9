#include "node/service/NodeService.h"

#include "node/metrics/NodeMetrics.h"
#include "node/pipeline/DestinationQueue.h"
#include "node/pipeline/MllpChannel.h"

#include <QDir>
#include <QHttpServer>
#include <QHttpServerResponse>
#include <QLoggingCategory>
#include <QTcpServer>
#include <QTimer>

Q_LOGGING_CATEGORY(lcService, "vigil.node.service")

NodeService::NodeService(NodeConfig config, QObject* parent)
    : QObject(parent)
    , m_config(std::move(config))
    , m_routes(m_config.routes)
{
    NodeMetrics::declare(m_metrics);
}

NodeService::~NodeService()
{
    m_channels.clear();
    m_destinations.clear();
    m_store.close();
}

bool NodeService::start(QString* errorString, FILE* announce)
{
    m_uptime.start();
    const QString dataDir = m_config.dataDir.isEmpty() ? QDir::currentPath() : m_config.dataDir;
    MessageStore::Options storeOptions;
    storeOptions.path = QDir(dataDir).filePath(QStringLiteral("vigil-node.db"));
    storeOptions.maxBatch = m_config.groupCommitMaxBatch;
    if (!m_store.open(storeOptions, errorString))
        return false;

    m_metrics.addCollector([this](MetricsRegistry& r) {
        r.set(NodeMetrics::StoreCommits, {}, double(m_store.batchesCommitted()));
        r.set(NodeMetrics::StoreOperations, {}, double(m_store.operationsCommitted()));
        r.set(NodeMetrics::DeadLetterDepth, {}, double(m_store.deadLetterCount()));
    });

    for (const DestinationConfig& d : std::as_const(m_config.destinations)) {
        auto queue = std::make_unique<DestinationQueue>(d, m_store, m_metrics, this);
        if (!queue->start(errorString))
            return false;
        m_destinations.push_back(std::move(queue));
    }

    for (const ChannelConfig& c : std::as_const(m_config.channels)) {
        auto channel = std::make_unique<MllpChannel>(c, m_routes, qint64(m_config.dedupWindowHours) * 3600 * 1000,
                                                     m_store, m_metrics, this);
        connect(channel.get(), &MllpChannel::enqueued, this, [this](const QList<QueuedItem>& items) {
            for (const QueuedItem& item : items) {
                for (auto& d : m_destinations) {
                    if (d->name() == item.destination) {
                        d->enqueue(item);
                        break;
                    }
                }
            }
        });
        if (!channel->start(errorString))
            return false;
        m_channels.push_back(std::move(channel));
    }

    m_http = std::make_unique<QHttpServer>();
    m_http->route(QStringLiteral("/metrics"), [this] {
        return QHttpServerResponse(MetricsRegistry::contentType(), m_metrics.render());
    });
    m_http->route(QStringLiteral("/healthz"), [] { return QHttpServerResponse(QByteArrayLiteral("text/plain"), "ok\n"); });
    const QHostAddress httpAddress(m_config.httpHost == u"localhost" ? QStringLiteral("127.0.0.1") : m_config.httpHost);
    const quint16 httpPort = m_http->listen(httpAddress, quint16(m_config.httpPort));
    if (httpPort == 0) {
        if (errorString)
            *errorString = QStringLiteral("http: cannot listen on %1:%2").arg(m_config.httpHost).arg(m_config.httpPort);
        return false;
    }
    const auto servers = m_http->servers();
    m_httpListener = servers.isEmpty() ? nullptr : servers.first();

    if (announce) {
        for (const auto& c : m_channels) {
            std::fprintf(announce, "listening mllp %s %s:%u\n", qUtf8Printable(c->name()), qUtf8Printable(c->host()),
                         unsigned(c->port()));
        }
        std::fprintf(announce, "listening http http %s:%u\n", qUtf8Printable(httpAddress.toString()),
                     unsigned(httpPort));
        std::fflush(announce);
    }
    qCInfo(lcService) << "node" << m_config.nodeId << "started with" << m_channels.size() << "channels and"
                      << m_destinations.size() << "destinations";
    return true;
}

quint16 NodeService::channelPort(const QString& name) const
{
    for (const auto& c : m_channels) {
        if (c->name() == name)
            return c->port();
    }
    return 0;
}

quint16 NodeService::httpPort() const
{
    return m_httpListener ? m_httpListener->serverPort() : 0;
}

void NodeService::shutdown(int timeoutMs)
{
    if (m_shuttingDown)
        return;
    m_shuttingDown = true;
    m_shutdownTimeoutMs = timeoutMs;
    m_shutdownClock.start();
    qCInfo(lcService) << "draining: no new connections; finishing acknowledgements and deliveries in flight";
    for (auto& c : m_channels)
        c->stopListening();
    if (m_httpListener)
        m_httpListener->close();
    checkDrained();
}

void NodeService::checkDrained()
{
    int pending = 0;
    for (const auto& c : m_channels)
        pending += c->pendingCommits();
    if (pending > 0 && m_shutdownClock.elapsed() < m_shutdownTimeoutMs) {
        QTimer::singleShot(10, this, &NodeService::checkDrained);
        return;
    }
    for (auto& d : m_destinations)
        d->drain();
    bool busy = false;
    for (const auto& d : m_destinations)
        busy |= !d->isIdle();
    if (busy && m_shutdownClock.elapsed() < m_shutdownTimeoutMs) {
        QTimer::singleShot(10, this, &NodeService::checkDrained);
        return;
    }
    m_store.flush(this, [this] { finishShutdown(); });
}

void NodeService::finishShutdown()
{
    if (m_stopped)
        return;
    m_stopped = true;
    m_channels.clear();
    m_destinations.clear();
    m_store.close();
    qCInfo(lcService) << "stopped cleanly";
    emit stopped();
}
