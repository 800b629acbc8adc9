#pragma once

#include "node/stats/RateWindow.h"
#include "node/stats/StatsTypes.h"

#include <QHash>
#include <QObject>
#include <QSet>
#include <QTimer>

#include <functional>

class StatsHistory;

/// Samples the node's stats once a second: the provider reads the raw counters (from the channels,
/// queues and store), the sampler adds the rates (counter deltas over the last RateWindowMs), writes
/// the sample to the history and emits it for the live stream. Main thread only.
class StatsSampler : public QObject
{
    Q_OBJECT
public:
    using Provider = std::function<StatsSnapshot()>;

    /// `history` may be null (no history kept); `nowMs` defaults to the wall clock.
    StatsSampler(Provider provider, StatsHistory* history = nullptr, std::function<qint64()> nowMs = {},
                 QObject* parent = nullptr);

    void start(int intervalMs = 1000);
    void stop();
    bool isActive() const { return m_timer.isActive(); }

    /// Takes one sample now (the timer calls this): fills in atMs when the provider left it 0, the
    /// rates, records, emits sampled() and returns the snapshot.
    StatsSnapshot sampleNow();
    /// The last sample; an empty snapshot (atMs 0) before the first.
    const StatsSnapshot& latest() const { return m_latest; }

    static constexpr qint64 RateWindowMs = 10000;

signals:
    /// A new sample, rates included (the live stream's "stats" event).
    void sampled(const StatsSnapshot& snapshot);

private:
    double rate(const QString& key, qint64 atMs, qint64 total);

    Provider m_provider;
    StatsHistory* m_history;
    std::function<qint64()> m_nowMs;
    QTimer m_timer;
    StatsSnapshot m_latest;
    QHash<QString, RateWindow> m_rates;              ///< per counter ("kind\nname\ncounter")
    QSet<QString> m_seen;                            ///< windows used by the current sample
};
