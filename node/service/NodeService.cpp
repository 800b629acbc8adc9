#include "node/service/NodeService.h"

#include "node/api/ApiServer.h"
#include "node/api/OpsApi.h"
#include "node/metrics/NodeMetrics.h"
#include "node/pipeline/DestinationQueue.h"
#include "node/pipeline/MllpChannel.h"
#include "node/stats/StatsCollect.h"

#include <QDateTime>
#include <QDir>
#include <QLoggingCategory>
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
    m_ops.reset();
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
        if (c.kind != u"mllp")
            continue;                                // FHIR channels are served by the ops API's server
        auto channel = std::make_unique<MllpChannel>(c, m_routes, qint64(m_config.dedupWindowHours) * 3600 * 1000,
                                                     m_store, m_metrics, this);
        connect(channel.get(), &MllpChannel::enqueued, this, &NodeService::distribute);
        if (!channel->start(errorString))
            return false;
        m_channels.push_back(std::move(channel));
    }

    m_ops = std::make_unique<OpsApi>(m_config, m_routes, m_store, m_metrics);
    connect(m_ops.get(), &OpsApi::enqueued, this, &NodeService::distribute);
    if (!m_ops->start([this] { return statsSnapshot(); }, errorString))
        return false;
    for (const auto& c : m_channels) {
        connect(c.get(), &MllpChannel::stateChanged, m_ops.get(), &OpsApi::publish);
        connect(c.get(), &MllpChannel::accepted, m_ops.get(), &OpsApi::onMessageAccepted);
    }
    for (const auto& d : m_destinations)
        connect(d.get(), &DestinationQueue::stateChanged, m_ops.get(), &OpsApi::publish);

    if (announce) {
        for (const auto& c : m_channels) {
            std::fprintf(announce, "listening mllp %s %s:%u\n", qUtf8Printable(c->name()), qUtf8Printable(c->host()),
                         unsigned(c->port()));
        }
        m_ops->announce(announce);
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
    return m_ops ? m_ops->server().port() : 0;
}

OpsApi* NodeService::opsApi() const
{
    return m_ops.get();
}

void NodeService::distribute(const QList<QueuedItem>& items)
{
    for (const QueuedItem& item : items) {
        for (auto& d : m_destinations) {
            if (d->name() == item.destination) {
                d->enqueue(item);
                break;
            }
        }
    }
}

StatsSnapshot NodeService::statsSnapshot()
{
    StatsSnapshot snapshot;
    snapshot.atMs = QDateTime::currentMSecsSinceEpoch();
    for (const auto& c : m_channels)
        snapshot.channels.append(StatsCollect::channel(*c));
    if (m_ops)
        snapshot.channels.append(m_ops->fhirChannelStats());
    for (const auto& d : m_destinations)
        snapshot.destinations.append(StatsCollect::destination(*d, snapshot.atMs));
    snapshot.node.deadLetterDepth = m_store.deadLetterCount();
    snapshot.node.messagesStored = m_store.lastMessageId();
    snapshot.node.uptimeSec = m_uptime.elapsed() / 1000;
    return snapshot;
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
    if (m_ops)
        m_ops->stopListening();
    checkDrained();
}

void NodeService::checkDrained()
{
    int pending = 0;
    for (const auto& c : m_channels)
        pending += c->pendingCommits();
    if (m_ops)
        pending += m_ops->pendingCommits();
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
    m_ops.reset();
    m_channels.clear();
    m_destinations.clear();
    m_store.close();
    qCInfo(lcService) << "stopped cleanly";
    emit stopped();
}
