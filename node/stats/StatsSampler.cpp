#include "node/stats/StatsSampler.h"

#include "node/stats/StatsHistory.h"

#include <QDateTime>

using namespace Qt::StringLiterals;

StatsSampler::StatsSampler(Provider provider, StatsHistory* history, std::function<qint64()> nowMs, QObject* parent)
    : QObject(parent)
    , m_provider(std::move(provider))
    , m_history(history)
    , m_nowMs(nowMs ? std::move(nowMs) : [] { return QDateTime::currentMSecsSinceEpoch(); })
{
    // One history row per second: a coarse timer may fire 5% early or late and skip or double a second.
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, [this] { sampleNow(); });
}

void StatsSampler::start(int intervalMs)
{
    m_timer.start(qMax(1, intervalMs));
}

void StatsSampler::stop()
{
    m_timer.stop();
}

double StatsSampler::rate(const QString& key, qint64 atMs, qint64 total)
{
    auto it = m_rates.find(key);
    if (it == m_rates.end())
        it = m_rates.insert(key, RateWindow(RateWindowMs));
    const double r = it->add(atMs, total);
    m_seen.insert(key);
    return r;
}

StatsSnapshot StatsSampler::sampleNow()
{
    StatsSnapshot snapshot = m_provider ? m_provider() : StatsSnapshot();
    if (snapshot.atMs <= 0)
        snapshot.atMs = m_nowMs();
    const qint64 at = snapshot.atMs;

    m_seen.clear();
    for (ChannelStats& c : snapshot.channels)
        c.arrivalRatePerSec = rate(u"c\n"_s + c.name + u"\nreceived"_s, at, c.receivedTotal);
    for (DestinationStats& d : snapshot.destinations) {
        d.arrivalRatePerSec = rate(u"d\n"_s + d.name + u"\nenqueued"_s, at, d.enqueuedTotal);
        d.drainRatePerSec = rate(u"d\n"_s + d.name + u"\ndelivered"_s, at, d.deliveredTotal);
    }
    // Windows of endpoints that left the configuration go with them.
    for (auto it = m_rates.begin(); it != m_rates.end();) {
        if (m_seen.contains(it.key()))
            ++it;
        else
            it = m_rates.erase(it);
    }

    if (m_history)
        m_history->record(snapshot); // logs its own failures; the live figures go out regardless
    m_latest = snapshot;
    emit sampled(m_latest);
    return m_latest;
}
