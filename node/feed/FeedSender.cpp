#include "node/feed/FeedSender.h"

#include "models/hl7/Hl7Ack.h"
#include "net/mllp/MllpClient.h"

#include <algorithm>
#include <cmath>
#include <limits>

using namespace Qt::StringLiterals;

namespace {

// Nearest-rank percentile of an unsorted sample; reorders `values`.
double percentileMs(std::vector<qint64>& values, double p)
{
    if (values.empty())
        return 0.0;
    const auto rank
        = std::clamp<qsizetype>(qsizetype(std::ceil(p * double(values.size()))) - 1, 0, qsizetype(values.size()) - 1);
    std::nth_element(values.begin(), values.begin() + rank, values.end());
    return double(values[size_t(rank)]) / 1e6;
}

} // namespace

FeedSender::FeedSender(FeedSenderOptions options, Source source, QObject* parent)
    : QObject(parent)
    , m_options(std::move(options))
    , m_source(std::move(source))
{
    m_options.connections = std::max(1, m_options.connections);
    m_rateTimer.setSingleShot(true);
    m_rateTimer.setTimerType(Qt::PreciseTimer);
    connect(&m_rateTimer, &QTimer::timeout, this, &FeedSender::pump);
    m_progressTimer.setInterval(std::max(10, m_options.progressIntervalMs));
    connect(&m_progressTimer, &QTimer::timeout, this, [this] { emit progress(report()); });
    m_durationTimer.setSingleShot(true);
    m_durationTimer.setTimerType(Qt::PreciseTimer); // a coarse timer may fire 5 % early
    connect(&m_durationTimer, &QTimer::timeout, this, [this] {
        m_sendingClosed = true;
        checkFinished();
    });
}

FeedSender::~FeedSender() = default;

void FeedSender::start()
{
    if (m_started)
        return;
    m_started = true;
    m_running = true;
    m_clock.start();
    m_finishedElapsedMs = -1;
    m_connections.resize(size_t(m_options.connections));
    for (int i = 0; i < m_options.connections; ++i) {
        MllpClientOptions clientOptions;
        clientOptions.host = m_options.host;
        clientOptions.port = m_options.port;
        clientOptions.connectTimeoutMs = m_options.connectTimeoutMs;
        clientOptions.responseTimeoutMs = m_options.responseTimeoutMs;
        auto* client = new MllpClient(clientOptions, this);
        m_connections[size_t(i)].client = client;
        connect(client, &MllpClient::responseReceived, this,
            [this, i](const QByteArray& payload) { onResponse(i, payload); });
        connect(client, &MllpClient::failed, this,
            [this, i](const QString& reason, const QString&) { onFailed(i, reason); });
    }
    m_progressTimer.start();
    if (m_options.durationMs >= 0)
        m_durationTimer.start(int(std::min<qint64>(m_options.durationMs, std::numeric_limits<int>::max())));
    pump();
}

void FeedSender::stop()
{
    m_stopping = true;
    checkFinished();
}

void FeedSender::abort()
{
    if (!m_running)
        return;
    for (Connection& c : m_connections) {
        if (c.busy)
            ++m_counts.abandoned;
        c.busy = false;
    }
    finish();
}

bool FeedSender::sendingAllowed() const
{
    return m_running && !m_stopping && !m_sendingClosed && !m_sourceExhausted
        && (m_options.count < 0 || m_counts.sent < m_options.count);
}

void FeedSender::schedulePump()
{
    // Responses and failures may arrive from inside MllpClient::send(); sending from a fresh event
    // loop turn keeps the call depth bounded.
    if (m_pumpScheduled)
        return;
    m_pumpScheduled = true;
    QTimer::singleShot(0, this, [this] {
        m_pumpScheduled = false;
        pump();
    });
}

void FeedSender::pump()
{
    if (!m_running)
        return;
    const int n = int(m_connections.size());
    const int first = m_nextConnection;
    for (int k = 0; k < n && sendingAllowed(); ++k) {
        const int i = (first + k) % n;
        Connection& c = m_connections[size_t(i)];
        if (c.busy || c.waitingToReconnect)
            continue;
        if (m_options.rate > 0.0) {
            const double elapsedSeconds = double(m_clock.nsecsElapsed()) / 1e9;
            const auto allowed = qint64(std::floor(elapsedSeconds * m_options.rate)) + 1;
            if (m_counts.sent >= allowed) {
                const auto dueMs = qint64(std::ceil(double(m_counts.sent) * 1000.0 / m_options.rate));
                m_rateTimer.start(int(std::max<qint64>(0, dueMs - m_clock.elapsed())));
                break;
            }
        }
        const std::optional<SyntheticMessageFactory::Generated> message = m_source();
        if (!message) {
            m_sourceExhausted = true;
            break;
        }
        sendOn(i, *message);
        m_nextConnection = (i + 1) % n;
    }
    checkFinished();
}

void FeedSender::sendOn(int index, const SyntheticMessageFactory::Generated& message)
{
    Connection& c = m_connections[size_t(index)];
    c.busy = true;
    c.controlId = message.controlId;
    c.ackExpected = message.ackExpected;
    c.sentAtNs = m_clock.nsecsElapsed();
    ++m_counts.sent;
    m_counts.malformedSent += message.malformed ? 1 : 0;
    m_counts.duplicateSent += message.duplicate ? 1 : 0;
    m_counts.criticalSent += message.critical ? 1 : 0;
    c.client->send(message.payload);
}

void FeedSender::onResponse(int index, const QByteArray& payload)
{
    Connection& c = m_connections[size_t(index)];
    if (!m_running || !c.busy)
        return;
    c.busy = false;
    m_latenciesNs.push_back(m_clock.nsecsElapsed() - c.sentAtNs);

    const Hl7Ack::Parsed ack = Hl7Ack::parse(payload);
    // A message without MSH-10 cannot be echoed, so there is nothing to compare.
    if (!ack.valid)
        ++m_counts.invalidAck;
    else if (!c.controlId.isEmpty() && ack.controlId != c.controlId)
        ++m_counts.msa2Mismatch;
    else if (ack.code == u"AA"_s)
        ++m_counts.aa;
    else if (ack.code == u"AE"_s)
        ++m_counts.ae;
    else if (ack.code == u"AR"_s)
        ++m_counts.ar;
    else if (ack.code == u"CA"_s)
        ++m_counts.ca;
    else if (ack.code == u"CE"_s)
        ++m_counts.ce;
    else if (ack.code == u"CR"_s)
        ++m_counts.cr;
    else
        ++m_counts.invalidAck;
    schedulePump();
}

void FeedSender::onFailed(int index, const QString& reason)
{
    Connection& c = m_connections[size_t(index)];
    if (!m_running || !c.busy)
        return;
    c.busy = false;
    if (reason == u"timeout"_s) {
        ++m_counts.timeout;
    } else if (reason == u"closed"_s) {
        ++m_counts.closed;
    } else if (reason == u"connect"_s) {
        ++m_counts.connectFailed;
        if (m_options.reconnectDelayMs > 0) {
            c.waitingToReconnect = true;
            QTimer::singleShot(m_options.reconnectDelayMs, this, [this, index] {
                m_connections[size_t(index)].waitingToReconnect = false;
                pump();
            });
        }
    } else {
        ++m_counts.otherFailure;
    }
    if (!c.ackExpected)
        ++m_counts.noAckWhereNoneExpected;
    schedulePump();
}

qint64 FeedSender::inFlight() const
{
    return std::count_if(m_connections.begin(), m_connections.end(), [](const Connection& c) { return c.busy; });
}

void FeedSender::checkFinished()
{
    if (m_running && !sendingAllowed() && inFlight() == 0)
        finish();
}

void FeedSender::finish()
{
    if (!m_running)
        return;
    m_finishedElapsedMs = m_clock.elapsed();
    m_running = false;
    m_rateTimer.stop();
    m_progressTimer.stop();
    m_durationTimer.stop();
    for (Connection& c : m_connections)
        c.client->disconnectFromHost();
    emit finished(report());
}

FeedReport FeedSender::report() const
{
    FeedReport r = m_counts;
    r.inFlight = inFlight();
    r.elapsedMs = m_finishedElapsedMs >= 0 ? m_finishedElapsedMs : (m_clock.isValid() ? m_clock.elapsed() : 0);
    std::vector<qint64> samples = m_latenciesNs;
    r.latencySamples = qint64(samples.size());
    r.p50Ms = percentileMs(samples, 0.50);
    r.p90Ms = percentileMs(samples, 0.90);
    r.p99Ms = percentileMs(samples, 0.99);
    r.maxMs = samples.empty() ? 0.0 : double(*std::max_element(samples.begin(), samples.end())) / 1e6;
    return r;
}
