// Unit tests of StatsHistory, driven by a fake clock: 1 s rows, their rollup into minutes with the
// right aggregates, bounded incremental pruning, and the resolution a query picks.
#include "node/stats/StatsHistory.h"

#include <QJsonArray>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;

namespace {

// An hour boundary, so minutes and wider points line up with the data and the counts are exact.
constexpr qint64 kStartSec = (1'700'000'000 / 3600) * 3600;
constexpr int kTwoHours = 7200;

// The synthetic load of second i: a sawtooth queue depth and arrival rate that repeat every minute,
// an error every odd second and a dead letter every tenth second.
qint64 depthAt(int i) { return i % 60; }
double arrivalAt(int i) { return (i % 60) / 10.0; }
qint64 errorsTotalAt(int i) { return (i + 1) / 2; }
qint64 deadLettersTotalAt(int i) { return (i + 1) / 10; }

StatsSnapshot snapshotAt(int i)
{
    StatsSnapshot s;
    s.atMs = (kStartSec + i) * 1000;
    ChannelStats c;
    c.name = u"adt-in"_s;
    c.kind = u"mllp"_s;
    c.arrivalRatePerSec = 2.0;
    c.errorsTotal = i / 60; // one error a minute
    s.channels.append(c);
    DestinationStats d;
    d.name = u"lab"_s;
    d.kind = u"mllp"_s;
    d.queueDepth = depthAt(i);
    d.arrivalRatePerSec = arrivalAt(i);
    d.drainRatePerSec = 1.5;
    d.inFlight = i % 2;
    d.failedAttemptsTotal = errorsTotalAt(i);
    d.deadLetteredTotal = deadLettersTotalAt(i);
    s.destinations.append(d);
    return s;
}

} // namespace

class tst_StatsHistory : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void recordsOneRowPerEndpointAndSecond();
    void deltasAreTakenBetweenSamples();
    void twoHoursRollUpIntoMinutes();
    void pruningIsIncrementalAndHonoursRetention();
    void retentionKeepsWhatIsYoungEnough();
    void clockGoingBackMergesMinutes();
    void queryResolution_data();
    void queryResolution();
    void coarsePointsAggregateCorrectly();
    void badQueriesAreRefused();
    void unknownEndpointHasEmptyHistory();

private:
    bool openDb(SqliteDatabase& db, const QString& file);
    qint64 scalar(SqliteDatabase& db, const char* sql);
    void recordTwoHours(StatsHistory& history, qint64& nowMs);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<SqliteDatabase> m_db;
    qint64 m_nowMs = 0;
    std::unique_ptr<StatsHistory> m_history;

    // Two hours recorded once, shared by the query tests.
    QTemporaryDir m_fixtureDir;
    SqliteDatabase m_fixtureDb;
    qint64 m_fixtureNowMs = 0;
    std::unique_ptr<StatsHistory> m_fixture;
};

bool tst_StatsHistory::openDb(SqliteDatabase& db, const QString& file)
{
    QString error;
    if (!db.open(file, false, &error)) {
        qWarning() << error;
        return false;
    }
    // Durability is not under test: without fsyncs 7200 transactions take a moment, not a minute.
    return db.exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=OFF;", &error)
        && StatsHistory::ensureSchema(db, &error);
}

qint64 tst_StatsHistory::scalar(SqliteDatabase& db, const char* sql)
{
    auto stmt = db.prepare(sql);
    return stmt.next() ? stmt.int64(0) : -1;
}

void tst_StatsHistory::recordTwoHours(StatsHistory& history, qint64& nowMs)
{
    for (int i = 0; i < kTwoHours; ++i) {
        nowMs = (kStartSec + i) * 1000;
        QString error;
        QVERIFY2(history.record(snapshotAt(i), &error), qPrintable(error));
    }
}

void tst_StatsHistory::initTestCase()
{
    QVERIFY(openDb(m_fixtureDb, m_fixtureDir.filePath(u"fixture.db"_s)));
    m_fixture = std::make_unique<StatsHistory>(m_fixtureDb, [this] { return m_fixtureNowMs; });
    recordTwoHours(*m_fixture, m_fixtureNowMs);
}

void tst_StatsHistory::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_db = std::make_unique<SqliteDatabase>();
    QVERIFY(openDb(*m_db, m_dir->filePath(u"ops.db"_s)));
    m_nowMs = kStartSec * 1000;
    m_history = std::make_unique<StatsHistory>(*m_db, [this] { return m_nowMs; }, 1);
}

void tst_StatsHistory::cleanup()
{
    m_history.reset();
    m_db.reset();
    m_dir.reset();
}

void tst_StatsHistory::recordsOneRowPerEndpointAndSecond()
{
    for (int i = 0; i < 5; ++i) {
        m_nowMs = (kStartSec + i) * 1000;
        QVERIFY(m_history->record(snapshotAt(i)));
    }
    QCOMPARE(scalar(*m_db, "SELECT COUNT(*) FROM stats_endpoints"), qint64(2));
    QCOMPARE(scalar(*m_db, "SELECT COUNT(*) FROM stats_second"), qint64(10));
    QCOMPARE(scalar(*m_db, "SELECT COUNT(*) FROM stats_minute"), qint64(0));

    const auto series = m_history->query(u"destination"_s, u"lab"_s, kStartSec * 1000, m_nowMs, 100);
    QVERIFY(series);
    QCOMPARE(series->resolutionSec, 1);
    QCOMPARE(series->points.size(), 5);
    for (int i = 0; i < 5; ++i) {
        const StatsHistory::Point& p = series->points.at(i);
        QCOMPARE(p.atMs, (kStartSec + i) * 1000);
        QCOMPARE(p.samples, 1);
        QCOMPARE(p.queueDepth, double(depthAt(i)));
        QCOMPARE(p.queueDepthMax, depthAt(i));
        QCOMPARE(p.arrivalRatePerSec, arrivalAt(i));
        QCOMPARE(p.drainRatePerSec, 1.5);
        QCOMPARE(p.inFlight, double(i % 2));
    }

    // A second sample within the same second (timer jitter) keeps one row and both deltas.
    StatsSnapshot again = snapshotAt(4);
    again.atMs += 400;
    again.destinations[0].failedAttemptsTotal += 3;
    QVERIFY(m_history->record(again));
    QCOMPARE(scalar(*m_db, "SELECT COUNT(*) FROM stats_second"), qint64(10));
    const auto after = m_history->query(u"destination"_s, u"lab"_s, m_nowMs, m_nowMs, 10);
    QVERIFY(after);
    QCOMPARE(after->points.size(), 1);
    QCOMPARE(after->points.at(0).errors, qint64(errorsTotalAt(4) - errorsTotalAt(3) + 3));
}

void tst_StatsHistory::deltasAreTakenBetweenSamples()
{
    const qint64 t0 = kStartSec * 1000;
    auto snap = [](qint64 atMs, qint64 failed, qint64 deadLettered) {
        StatsSnapshot s;
        s.atMs = atMs;
        DestinationStats d;
        d.name = u"lab"_s;
        d.failedAttemptsTotal = failed;
        d.deadLetteredTotal = deadLettered;
        s.destinations.append(d);
        return s;
    };
    QVERIFY(m_history->record(snap(t0, 40, 7)));          // first: nothing known before it
    QVERIFY(m_history->record(snap(t0 + 1000, 43, 7)));
    QVERIFY(m_history->record(snap(t0 + 2000, 43, 9)));
    QVERIFY(m_history->record(snap(t0 + 3000, 2, 1)));    // counters started again
    const auto series = m_history->query(u"destination"_s, u"lab"_s, t0, t0 + 3000, 10);
    QVERIFY(series);
    QCOMPARE(series->points.size(), 4);
    const QList<qint64> errors{series->points[0].errors, series->points[1].errors, series->points[2].errors,
                               series->points[3].errors};
    const QList<qint64> deadLetters{series->points[0].deadLetters, series->points[1].deadLetters,
                                    series->points[2].deadLetters, series->points[3].deadLetters};
    QCOMPARE(errors, (QList<qint64>{0, 3, 0, 2}));
    QCOMPARE(deadLetters, (QList<qint64>{0, 0, 2, 1}));
}

void tst_StatsHistory::twoHoursRollUpIntoMinutes()
{
    m_history->setRetentionDays(7);
    recordTwoHours(*m_history, m_nowMs);

    // The last second is kStart + 7199; the fine window keeps whole minutes from kStart + 3540 on.
    const qint64 lastSec = kStartSec + kTwoHours - 1;
    const qint64 fineFrom = kStartSec + 3540;
    QCOMPARE(scalar(*m_db, "SELECT COUNT(*) FROM stats_second WHERE endpoint = "
                           "(SELECT id FROM stats_endpoints WHERE kind = 'destination')"),
             lastSec - fineFrom + 1);
    QCOMPARE(scalar(*m_db, "SELECT MIN(at) FROM stats_second"), fineFrom);
    QCOMPARE(scalar(*m_db, "SELECT COUNT(*) FROM stats_minute WHERE endpoint = "
                           "(SELECT id FROM stats_endpoints WHERE kind = 'destination')"),
             qint64(59));
    QCOMPARE(scalar(*m_db, "SELECT MIN(at) FROM stats_minute"), kStartSec);
    QCOMPARE(scalar(*m_db, "SELECT MAX(at) FROM stats_minute"), fineFrom - 60);
    QCOMPARE(scalar(*m_db, "SELECT COUNT(*) FROM stats_minute WHERE samples <> 60"), qint64(0));

    // Read the minute rows back at 1 min resolution: each one aggregates its 60 seconds.
    const auto series = m_history->query(u"destination"_s, u"lab"_s, kStartSec * 1000, (fineFrom - 1) * 1000, 59);
    QVERIFY(series);
    QCOMPARE(series->resolutionSec, 60);
    QCOMPARE(series->points.size(), 59);
    for (int m = 0; m < 59; ++m) {
        const StatsHistory::Point& p = series->points.at(m);
        QCOMPARE(p.atMs, (kStartSec + 60 * m) * 1000);
        QCOMPARE(p.samples, 60);
        QCOMPARE(p.queueDepth, 29.5);                  // avg of 0..59
        QCOMPARE(p.queueDepthMax, qint64(59));
        QVERIFY(qAbs(p.arrivalRatePerSec - 2.95) < 1e-9);
        QCOMPARE(p.arrivalRateMaxPerSec, 5.9);
        QCOMPARE(p.drainRatePerSec, 1.5);
        QCOMPARE(p.drainRateMaxPerSec, 1.5);
        QCOMPARE(p.inFlight, 0.5);
        QCOMPARE(p.errors, qint64(30));                // summed deltas: every odd second
        QCOMPARE(p.deadLetters, qint64(6));            // every tenth second
    }
    const auto channel = m_history->query(u"channel"_s, u"adt-in"_s, kStartSec * 1000, (fineFrom - 1) * 1000, 59);
    QVERIFY(channel);
    QCOMPARE(channel->points.size(), 59);
    QCOMPARE(channel->points.at(10).errors, qint64(1));
    QCOMPARE(channel->points.at(10).arrivalRatePerSec, 2.0);
}

void tst_StatsHistory::pruningIsIncrementalAndHonoursRetention()
{
    // Retention 1 day. Two hours of history, then the node is down for a day and comes back.
    recordTwoHours(*m_history, m_nowMs);
    const qint64 secondsBefore = scalar(*m_db, "SELECT COUNT(*) FROM stats_second");
    const qint64 minutesBefore = scalar(*m_db, "SELECT COUNT(*) FROM stats_minute");
    QCOMPARE(minutesBefore, qint64(2 * 59));

    const int downSec = 86400 + 3600;
    int i = kTwoHours + downSec;
    m_nowMs = (kStartSec + i) * 1000;
    QVERIFY(m_history->record(snapshotAt(i)));
    // One call does a bounded amount: two minutes rolled up, an hour of minutes pruned at most.
    const qint64 secondsAfterOne = scalar(*m_db, "SELECT COUNT(*) FROM stats_second");
    QCOMPARE(secondsAfterOne, secondsBefore + 2 - 2 * 60 * StatsHistory::RollupMinutesPerCall);
    QVERIFY(scalar(*m_db, "SELECT COUNT(*) FROM stats_minute") > 0);

    // A minute of sampling later everything old is either rolled up and expired or gone.
    for (int k = 1; k <= 60; ++k) {
        ++i;
        m_nowMs = (kStartSec + i) * 1000;
        QVERIFY(m_history->record(snapshotAt(i)));
    }
    const qint64 nowSec = m_nowMs / 1000;
    QVERIFY(scalar(*m_db, "SELECT MIN(at) FROM stats_second") >= nowSec - StatsHistory::FineWindowSec - 60);
    QCOMPARE(scalar(*m_db, "SELECT COUNT(*) FROM stats_minute"), qint64(0));
    QCOMPARE(scalar(*m_db, "SELECT COUNT(*) FROM stats_second"), qint64(2 * 61));

}

void tst_StatsHistory::retentionKeepsWhatIsYoungEnough()
{
    // Retention 1 day; two hours recorded, then the clock moves so that the retention boundary falls
    // half an hour into the recorded minutes.
    recordTwoHours(*m_history, m_nowMs);
    const qint64 resumeSec = kStartSec + 86400 + 1800;
    const int calls = 40;
    for (int k = 0; k < calls; ++k) {
        m_nowMs = (resumeSec + k) * 1000;
        QVERIFY(m_history->record(snapshotAt(int(resumeSec - kStartSec) + k)));
    }
    // The last call's boundary is kStart + 1800 + 39: minutes starting before it are gone, the rest
    // (28 old minutes and all 61 of the fine hour, rolled up meanwhile) are kept.
    const qint64 boundary = resumeSec + calls - 1 - 86400;
    QCOMPARE(scalar(*m_db, "SELECT MIN(at) FROM stats_minute"), (boundary / 60 + 1) * 60);
    QCOMPARE(scalar(*m_db, "SELECT COUNT(*) FROM stats_minute"), qint64(2 * (28 + 61)));
    QCOMPARE(scalar(*m_db, "SELECT COUNT(*) FROM stats_second"), qint64(2 * calls));
}

void tst_StatsHistory::clockGoingBackMergesMinutes()
{
    auto snap = [](qint64 atSec, qint64 depth) {
        StatsSnapshot s;
        s.atMs = atSec * 1000;
        DestinationStats d;
        d.name = u"lab"_s;
        d.queueDepth = depth;
        s.destinations.append(d);
        return s;
    };
    const qint64 minute = kStartSec;
    for (int k = 0; k < 60; ++k) {
        m_nowMs = (minute + k) * 1000;
        QVERIFY(m_history->record(snap(minute + k, 10)));
    }
    m_nowMs = (minute + 3700) * 1000;
    QVERIFY(m_history->record(snap(minute + 3700, 0)));
    QCOMPARE(scalar(*m_db, "SELECT samples FROM stats_minute"), qint64(60));

    // The wall clock is set back more than an hour and the same minute fills again: merged, not replaced.
    for (int k = 0; k < 30; ++k) {
        m_nowMs = (minute + k) * 1000;
        QVERIFY(m_history->record(snap(minute + k, 40)));
    }
    m_nowMs = (minute + 3701) * 1000;
    QVERIFY(m_history->record(snap(minute + 3701, 0)));
    QCOMPARE(scalar(*m_db, "SELECT COUNT(*) FROM stats_minute"), qint64(1));
    const auto series = m_history->query(u"destination"_s, u"lab"_s, minute * 1000, (minute + 59) * 1000, 1);
    QVERIFY(series);
    QCOMPARE(series->points.size(), 1);
    QCOMPARE(series->points.at(0).samples, 90);
    QCOMPARE(series->points.at(0).queueDepth, 20.0); // (60 * 10 + 30 * 40) / 90
    QCOMPARE(series->points.at(0).queueDepthMax, qint64(40));
}

void tst_StatsHistory::queryResolution_data()
{
    QTest::addColumn<qint64>("fromAgoSec");
    QTest::addColumn<qint64>("toAgoSec");
    QTest::addColumn<int>("maxPoints");
    QTest::addColumn<int>("resolutionSec");
    QTest::addColumn<int>("points");

    // Ages are relative to the fixture's last second. The first hour of the fixture is in minutes.
    QTest::addRow("last 10 min fit: seconds") << qint64(599) << qint64(0) << 1000 << 1 << 600;
    QTest::addRow("last hour fits: seconds") << qint64(3599) << qint64(0) << 3600 << 1 << 3600;
    QTest::addRow("last 10 min too many: minutes") << qint64(599) << qint64(0) << 100 << 60 << 10;
    QTest::addRow("last 10 min, 3 points: 4 min") << qint64(599) << qint64(0) << 3 << 240 << 3;
    QTest::addRow("older than an hour: minutes") << qint64(5399) << qint64(4800) << 1000 << 60 << 10;
    QTest::addRow("two hours: minutes") << qint64(7199) << qint64(0) << 1000 << 60 << 120;
    QTest::addRow("two hours, 30 points: 4 min") << qint64(7199) << qint64(0) << 30 << 240 << 30;
    QTest::addRow("two hours, 29 points: 5 min") << qint64(7199) << qint64(0) << 29 << 300 << 24;
    QTest::addRow("mid-minute start, recent") << qint64(629) << qint64(0) << 100 << 60 << 11;
    QTest::addRow("two hours, two points") << qint64(7199) << qint64(0) << 2 << 3600 << 2;
    QTest::addRow("two hours, one point") << qint64(7199) << qint64(0) << 1 << 7200 << 1;
}

void tst_StatsHistory::queryResolution()
{
    QFETCH(qint64, fromAgoSec);
    QFETCH(qint64, toAgoSec);
    QFETCH(int, maxPoints);
    QFETCH(int, resolutionSec);
    QFETCH(int, points);

    const qint64 lastMs = m_fixtureNowMs;
    QString error;
    const auto series = m_fixture->query(u"destination"_s, u"lab"_s, lastMs - fromAgoSec * 1000,
                                         lastMs - toAgoSec * 1000, maxPoints, &error);
    QVERIFY2(series, qPrintable(error));
    QCOMPARE(series->resolutionSec, resolutionSec);
    QCOMPARE(series->points.size(), points);
    QVERIFY(series->points.size() <= maxPoints);
    qint64 samples = 0;
    for (int k = 0; k < series->points.size(); ++k) {
        samples += series->points.at(k).samples;
        if (k > 0)
            QCOMPARE(series->points.at(k).atMs - series->points.at(k - 1).atMs, qint64(resolutionSec) * 1000);
    }
    // Nothing is lost or counted twice on the way: every second of the range is in some point.
    QCOMPARE(samples, fromAgoSec - toAgoSec + 1);
}

void tst_StatsHistory::coarsePointsAggregateCorrectly()
{
    // Two hours in 5 min points: the old half comes from minute rows, the recent half from seconds,
    // and both give the same aggregates for the same repeating load.
    const auto series = m_fixture->query(u"destination"_s, u"lab"_s, kStartSec * 1000, m_fixtureNowMs, 24);
    QVERIFY(series);
    QCOMPARE(series->resolutionSec, 300);
    QCOMPARE(series->points.size(), 24);
    for (const StatsHistory::Point& p : series->points) {
        QCOMPARE(p.samples, 300);
        QCOMPARE(p.queueDepth, 29.5);
        QCOMPARE(p.queueDepthMax, qint64(59));
        QVERIFY(qAbs(p.arrivalRatePerSec - 2.95) < 1e-9);
        QCOMPARE(p.arrivalRateMaxPerSec, 5.9);
        QCOMPARE(p.errors, qint64(150));
        QCOMPARE(p.deadLetters, qint64(30));
    }
    // The JSON form carries the documented names.
    const QJsonObject json = series->toJson();
    QCOMPARE(json.value(u"resolutionSec"_s).toInt(), 300);
    QCOMPARE(json.value(u"endpointKind"_s).toString(), u"destination"_s);
    const QJsonObject point = json.value(u"points"_s).toArray().at(0).toObject();
    const QStringList keys{u"arrivalRateMaxPerSec"_s, u"arrivalRatePerSec"_s, u"atMs"_s,        u"deadLetters"_s,
                           u"drainRateMaxPerSec"_s,   u"drainRatePerSec"_s,   u"errors"_s,      u"inFlight"_s,
                           u"queueDepth"_s,           u"queueDepthMax"_s,     u"samples"_s};
    QCOMPARE(point.keys(), keys);
    QCOMPARE(point.value(u"errors"_s).toInteger(), qint64(150));
}

void tst_StatsHistory::badQueriesAreRefused()
{
    QString error;
    QVERIFY(!m_fixture->query(u"queue"_s, u"lab"_s, 0, 1000, 10, &error));
    QVERIFY(error.contains(u"kind"_s));
    error.clear();
    QVERIFY(!m_fixture->query(u"destination"_s, u"lab"_s, 2000, 1000, 10, &error));
    QVERIFY(!error.isEmpty());
    error.clear();
    QVERIFY(!m_fixture->query(u"destination"_s, u"lab"_s, 0, 1000, 0, &error));
    QVERIFY(error.contains(u"maxPoints"_s));
}

void tst_StatsHistory::unknownEndpointHasEmptyHistory()
{
    const auto series = m_fixture->query(u"destination"_s, u"nowhere"_s, kStartSec * 1000, m_fixtureNowMs, 100);
    QVERIFY(series);
    QVERIFY(series->points.isEmpty());
    // Asking does not create it.
    QCOMPARE(scalar(m_fixtureDb, "SELECT COUNT(*) FROM stats_endpoints"), qint64(2));
}

QTEST_GUILESS_MAIN(tst_StatsHistory)
#include "tst_statshistory.moc"
