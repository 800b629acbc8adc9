// Unit tests of StatsSampler: rates from counter deltas over the sliding window (fake clock), the
// timer-driven sampled() signal, latest(), and recording into the history.
#include "node/stats/StatsHistory.h"
#include "node/stats/StatsSampler.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

class tst_StatsSampler : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void ratesFromDeltas();
    void rateFallsAsTrafficStops();
    void endpointThatLeavesStartsAgain();
    void fillsTimeFromClock();
    void emitsOnTimer();
    void recordsIntoHistory();

private:
    StatsSnapshot provide() const;
    void tick(int seconds = 1);

    qint64 m_nowMs = 0;
    qint64 m_received = 0;
    qint64 m_enqueued = 0;
    qint64 m_delivered = 0;
    bool m_withDestination = true;
    bool m_setTime = true;
};

void tst_StatsSampler::init()
{
    m_nowMs = 1'700'000'000'000;
    m_received = m_enqueued = m_delivered = 0;
    m_withDestination = true;
    m_setTime = true;
}

StatsSnapshot tst_StatsSampler::provide() const
{
    StatsSnapshot s;
    if (m_setTime)
        s.atMs = m_nowMs;
    ChannelStats c;
    c.name = u"adt-in"_s;
    c.kind = u"mllp"_s;
    c.receivedTotal = m_received;
    s.channels.append(c);
    if (m_withDestination) {
        DestinationStats d;
        d.name = u"lab"_s;
        d.kind = u"mllp"_s;
        d.enqueuedTotal = m_enqueued;
        d.deliveredTotal = m_delivered;
        d.queueDepth = m_enqueued - m_delivered;
        s.destinations.append(d);
    }
    return s;
}

void tst_StatsSampler::tick(int seconds)
{
    m_nowMs += 1000LL * seconds;
}

void tst_StatsSampler::ratesFromDeltas()
{
    StatsSampler sampler([this] { return provide(); }, nullptr, [this] { return m_nowMs; });
    StatsSnapshot s = sampler.sampleNow();
    QCOMPARE(s.channels.at(0).arrivalRatePerSec, 0.0); // one reading: no rate yet
    for (int i = 0; i < 20; ++i) {
        tick();
        m_received += 5;
        m_enqueued += 3;
        m_delivered += 2;
        s = sampler.sampleNow();
    }
    QCOMPARE(s.channels.at(0).arrivalRatePerSec, 5.0);
    QCOMPARE(s.destinations.at(0).arrivalRatePerSec, 3.0);
    QCOMPARE(s.destinations.at(0).drainRatePerSec, 2.0);
    // Totals pass through untouched.
    QCOMPARE(s.channels.at(0).receivedTotal, qint64(100));
    QCOMPARE(s.destinations.at(0).queueDepth, qint64(20));

    // A burst is averaged over the window, not reported as the last second's spike.
    tick();
    m_received += 55;
    s = sampler.sampleNow();
    QCOMPARE(s.channels.at(0).arrivalRatePerSec, (9 * 5 + 55) / 10.0);
}

void tst_StatsSampler::rateFallsAsTrafficStops()
{
    StatsSampler sampler([this] { return provide(); }, nullptr, [this] { return m_nowMs; });
    for (int i = 0; i <= 10; ++i) {
        sampler.sampleNow();
        tick();
        m_delivered += 4;
    }
    m_delivered -= 4; // the last increment was not sampled
    QCOMPARE(sampler.latest().destinations.at(0).drainRatePerSec, 4.0);
    tick(-1);
    for (int quiet = 1; quiet <= 5; ++quiet) {
        tick();
        sampler.sampleNow();
    }
    QCOMPARE(sampler.latest().destinations.at(0).drainRatePerSec, 2.0);
    for (int quiet = 6; quiet <= 10; ++quiet) {
        tick();
        sampler.sampleNow();
    }
    QCOMPARE(sampler.latest().destinations.at(0).drainRatePerSec, 0.0);
}

void tst_StatsSampler::endpointThatLeavesStartsAgain()
{
    StatsSampler sampler([this] { return provide(); }, nullptr, [this] { return m_nowMs; });
    for (int i = 0; i < 5; ++i) {
        m_enqueued += 10;
        sampler.sampleNow();
        tick();
    }
    QVERIFY(sampler.latest().destinations.at(0).arrivalRatePerSec > 0);
    m_withDestination = false;
    sampler.sampleNow();
    QVERIFY(sampler.latest().destinations.isEmpty());
    tick();
    // Back (e.g. after a config reload) with a much larger total: a stale window would report a
    // huge rate; a fresh one reports none until it has two readings.
    m_withDestination = true;
    m_enqueued = 100000;
    sampler.sampleNow();
    QCOMPARE(sampler.latest().destinations.at(0).arrivalRatePerSec, 0.0);
}

void tst_StatsSampler::fillsTimeFromClock()
{
    m_setTime = false;
    StatsSampler sampler([this] { return provide(); }, nullptr, [this] { return m_nowMs; });
    QCOMPARE(sampler.latest().atMs, qint64(0));
    QCOMPARE(sampler.sampleNow().atMs, m_nowMs);
    tick();
    m_received = 7;
    const StatsSnapshot s = sampler.sampleNow();
    QCOMPARE(s.atMs, m_nowMs);
    QCOMPARE(s.channels.at(0).arrivalRatePerSec, 7.0);
}

void tst_StatsSampler::emitsOnTimer()
{
    int calls = 0;
    StatsSampler sampler([this, &calls] {
        ++calls;
        StatsSnapshot s = provide();
        s.atMs = 0; // the sampler's own (wall) clock
        return s;
    });
    QSignalSpy spy(&sampler, &StatsSampler::sampled);
    sampler.start(20);
    QVERIFY(sampler.isActive());
    QTRY_VERIFY(spy.count() >= 3);
    sampler.stop();
    QVERIFY(!sampler.isActive());
    const int emitted = spy.count();
    QCOMPARE(calls, emitted);
    const auto last = spy.last().at(0).value<StatsSnapshot>();
    QCOMPARE(last.atMs, sampler.latest().atMs);
    QVERIFY(last.atMs > 0);
    QCOMPARE(last.channels.size(), 1);
    QCOMPARE(last.channels.at(0).name, u"adt-in"_s);
    QTest::qWait(60);
    QCOMPARE(spy.count(), emitted); // stopped means stopped
}

void tst_StatsSampler::recordsIntoHistory()
{
    QTemporaryDir dir;
    SqliteDatabase db;
    QString error;
    QVERIFY2(db.open(dir.filePath(u"ops.db"_s), false, &error), qPrintable(error));
    QVERIFY2(StatsHistory::ensureSchema(db, &error), qPrintable(error));
    StatsHistory history(db, [this] { return m_nowMs; });
    StatsSampler sampler([this] { return provide(); }, &history, [this] { return m_nowMs; });

    const qint64 startMs = m_nowMs;
    for (int i = 0; i < 12; ++i) {
        sampler.sampleNow();
        tick();
        m_enqueued += 2;
        m_delivered += 1;
    }
    const auto series = history.query(u"destination"_s, u"lab"_s, startMs, m_nowMs, 100, &error);
    QVERIFY2(series, qPrintable(error));
    QCOMPARE(series->resolutionSec, 1);
    QCOMPARE(series->points.size(), 12);
    QCOMPARE(series->points.first().atMs, startMs);
    QCOMPARE(series->points.last().queueDepth, 11.0);
    QCOMPARE(series->points.last().arrivalRatePerSec, 2.0);
    QCOMPARE(series->points.last().drainRatePerSec, 1.0);
    const auto channel = history.query(u"channel"_s, u"adt-in"_s, startMs, m_nowMs, 100, &error);
    QVERIFY2(channel, qPrintable(error));
    QCOMPARE(channel->points.size(), 12);
}

QTEST_GUILESS_MAIN(tst_StatsSampler)
#include "tst_statssampler.moc"
