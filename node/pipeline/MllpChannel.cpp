#include "node/pipeline/MllpChannel.h"

#include "net/mllp/MllpServer.h"
#include "net/tls/TlsConfig.h"
#include "node/metrics/NodeMetrics.h"
#include "node/pipeline/CorrelationId.h"
#include "node/store/MessageStore.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QLoggingCategory>
#include <QRandomGenerator>

Q_LOGGING_CATEGORY(lcChannel, "vigil.node.channel")

namespace {

qint64 monotonicNs()
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

// MSA-1 of an ACK we built ourselves (MSH first, one MSA): cheaper than parsing it again.
QString ackCodeOf(const QByteArray& ack)
{
    if (ack.size() < 4)
        return {};
    const char separator = ack.at(3);
    const qsizetype msa = ack.indexOf("\rMSA");
    if (msa < 0 || msa + 5 >= ack.size() || ack.at(msa + 4) != separator)
        return {};
    const qsizetype start = msa + 5;
    qsizetype end = start;
    while (end < ack.size() && ack.at(end) != separator && ack.at(end) != '\r')
        ++end;
    return QString::fromLatin1(ack.mid(start, end - start));
}

} // namespace

MllpChannel::MllpChannel(const ChannelConfig& config, const RouteTable& routes, qint64 dedupWindowMs,
                         MessageStore& store, MetricsRegistry& metrics, QObject* parent)
    : QObject(parent)
    , m_config(config)
    , m_processor(m_config, routes, dedupWindowMs)
    , m_store(store)
    , m_metrics(metrics)
{
    // ACK control IDs must be unique across restarts too: a random prefix per process run.
    m_ackPrefix = QStringLiteral("VGL%1").arg(QRandomGenerator::global()->generate() % 0xFFFFFF, 6, 16, QLatin1Char('0'))
                      .toUpper();
    const MetricLabels labels{{"channel", m_config.name}};
    m_receivedSeries = MetricsRegistry::series(NodeMetrics::MessagesReceived, labels);
    m_rejectedSeries = MetricsRegistry::series(NodeMetrics::MessagesRejected, labels);
    m_duplicatesSeries = MetricsRegistry::series(NodeMetrics::Duplicates, labels);
    m_ackLatencySeries = MetricsRegistry::series(NodeMetrics::AckLatency, labels);
    // Declared at 0, so a rate is defined before the first message.
    for (const MetricSeries* s : {&m_receivedSeries, &m_rejectedSeries, &m_duplicatesSeries})
        m_metrics.add(*s, 0);
    m_metrics.add(acksSentSeries(QStringLiteral("AA")), 0);
}

MllpChannel::~MllpChannel() = default;

bool MllpChannel::start(QString* errorString)
{
    MllpServerOptions options;
    options.maxFrameBytes = m_config.maxFrameBytes;
    options.idleTimeoutMs = m_config.idleTimeoutSeconds * 1000;
    options.maxConnections = m_config.maxConnections;
    if (m_config.tls.enabled) {
        QString error;
        options.tls = TlsConfig::serverFromPem(m_config.tls.certificateFile, m_config.tls.privateKeyFile, &error);
        if (!options.tls) {
            if (errorString)
                *errorString = QStringLiteral("channel %1: %2").arg(m_config.name, error);
            return false;
        }
    }
    m_server = std::make_unique<MllpServer>(options);
    connect(m_server.get(), &MllpServer::frameReceived, this, &MllpChannel::onFrame);
    connect(m_server.get(), &MllpServer::frameError, this, [this](quint64, const QString& reason) {
        m_metrics.add(NodeMetrics::FrameErrors, {{"channel", m_config.name}, {"reason", reason}});
        ++m_counters.errors;
    });
    connect(m_server.get(), &MllpServer::connectionOpened, this, [this](quint64 id, const QString&) {
        m_connections.insert(id, Connection());
        m_metrics.set(NodeMetrics::Connections, {{"channel", m_config.name}}, m_connections.size());
    });
    connect(m_server.get(), &MllpServer::connectionClosed, this, [this](quint64 id) {
        m_connections.remove(id);
        m_metrics.set(NodeMetrics::Connections, {{"channel", m_config.name}}, m_connections.size());
    });
    QString error;
    const QHostAddress address(m_config.host == u"localhost" ? QStringLiteral("127.0.0.1") : m_config.host);
    if (!m_server->listen(address, quint16(m_config.port), &error)) {
        if (errorString)
            *errorString = QStringLiteral("channel %1: cannot listen on %2:%3: %4")
                               .arg(m_config.name, m_config.host)
                               .arg(m_config.port)
                               .arg(error);
        return false;
    }
    return true;
}

void MllpChannel::stopListening()
{
    if (m_server)
        m_server->close();
}

quint16 MllpChannel::port() const
{
    return m_server ? m_server->serverPort() : 0;
}

QString MllpChannel::host() const
{
    return m_server ? m_server->serverAddress().toString() : m_config.host;
}

int MllpChannel::connectionCount() const
{
    return m_server ? m_server->connectionCount() : 0;
}

const MetricSeries& MllpChannel::acksSentSeries(const QString& code)
{
    auto it = m_acksSentSeries.find(code);
    if (it == m_acksSentSeries.end())
        it = m_acksSentSeries.insert(
            code, MetricsRegistry::series(NodeMetrics::AcksSent, {{"channel", m_config.name}, {"code", code}}));
    return *it;
}

QString MllpChannel::nextAckControlId()
{
    return m_ackPrefix + QString::number(++m_ackCounter);
}

void MllpChannel::onFrame(quint64 connectionId, const QByteArray& payload, qint64 receivedAtNs)
{
    auto connIt = m_connections.find(connectionId);
    if (connIt == m_connections.end())
        connIt = m_connections.insert(connectionId, Connection());
    const qint64 sequence = connIt->nextSequence++;
    m_metrics.add(m_receivedSeries);
    const qint64 receivedAtMs = QDateTime::currentMSecsSinceEpoch();
    ++m_counters.received;
    m_counters.lastReceivedAtMs = receivedAtMs;

    const QByteArray correlationId = CorrelationId::mint();
    auto decision = std::make_shared<IngestProcessor::Decision>(
        m_processor.process(payload, correlationId, receivedAtMs));

    if (!decision->store) {
        ++m_counters.errors;
        IngestOutcome none;
        complete(connectionId, sequence,
                 Answer{m_processor.acknowledgements(*decision, none, nextAckControlId()), receivedAtNs, {}, 0});
        return;
    }
    ++m_pendingCommits;
    m_store.ingestInLoop(decision->record,
                   [this, decision, connectionId, sequence, receivedAtNs](const IngestOutcome& outcome) {
                       --m_pendingCommits;
                       if (!outcome.committed) {
                           qCWarning(lcChannel) << "channel" << m_config.name << "could not store a message:"
                                                << outcome.error;
                           ++m_counters.errors;
                       }
                       if (outcome.duplicate) {
                           m_metrics.add(m_duplicatesSeries);
                           ++m_counters.duplicates;
                       } else if (outcome.committed && decision->record.deadLetter) {
                           m_metrics.add(NodeMetrics::DeadLettered, {{"stage", decision->record.deadLetterStage}});
                           ++m_counters.deadLettered;
                       } else if (outcome.committed) {
                           ++m_counters.accepted;
                       }
                       complete(connectionId, sequence,
                                Answer{m_processor.acknowledgements(*decision, outcome, nextAckControlId()),
                                       receivedAtNs, outcome.correlationId, outcome.messageId});
                       if (!outcome.enqueued.isEmpty())
                           emit enqueued(outcome.enqueued);
                       if (outcome.committed)
                           emit stateChanged(MessageStateChange::fromIngest(decision->record, outcome));
                       if (outcome.committed && !outcome.duplicate && !decision->record.deadLetter) {
                           AcceptedMessage message = AcceptedMessage::fromIngest(decision->record, outcome);
                           if (decision->message) // shares the decision's parse, kept alive with it
                               message.parsed = std::shared_ptr<const Hl7Message>(decision, &*decision->message);
                           emit accepted(message);
                       }
                   });
}

void MllpChannel::complete(quint64 connectionId, qint64 sequence, Answer answer)
{
    auto it = m_connections.find(connectionId);
    if (it == m_connections.end())
        return; // the peer left; the message is stored and goes on without its ACK
    it->ready.insert(sequence, std::move(answer));
    QList<TraceEvent> events;
    while (!it->ready.isEmpty() && it->ready.firstKey() == it->nextToSend) {
        const Answer next = it->ready.take(it->nextToSend);
        ++it->nextToSend;
        bool negative = false;
        for (const QByteArray& ack : next.frames) {
            m_server->sendResponse(connectionId, ack);
            const QString code = ackCodeOf(ack);
            m_metrics.add(acksSentSeries(code));
            if (code != u"AA" && code != u"CA") {
                m_metrics.add(m_rejectedSeries);
                negative = true;
            }
            if (next.messageId != 0) {
                TraceEvent e;
                e.correlationId = next.correlationId;
                e.messageId = next.messageId;
                e.atUs = QDateTime::currentMSecsSinceEpoch() * 1000;
                e.stage = QStringLiteral("ack");
                e.outcome = code;
                events.append(e);
            }
        }
        if (negative)
            ++m_counters.rejected; // once per message, though enhanced mode may send two frames
        const qint64 latencyNs = monotonicNs() - next.receivedAtNs;
        m_metrics.observe(m_ackLatencySeries, double(latencyNs) / 1e9);
        ++m_counters.acksSent;
        m_counters.ackLatencySumUs += latencyNs / 1000;
    }
    if (!events.isEmpty())
        m_store.appendTrace(events);
}
