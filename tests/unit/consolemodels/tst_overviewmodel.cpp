#include "models/console/OverviewModel.h"

#include <QAbstractItemModelTester>
#include <QJsonArray>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>

#include <cmath>

using namespace Qt::StringLiterals;

namespace {

QJsonObject channel(const QString& name, int errors = 0, double arrival = 1.5)
{
    return QJsonObject{{u"name"_s, name}, {u"kind"_s, u"mllp"_s}, {u"receivedTotal"_s, 10},
                       {u"acceptedTotal"_s, 10}, {u"rejectedTotal"_s, 0}, {u"duplicatesTotal"_s, 0},
                       {u"deadLetteredTotal"_s, 0}, {u"errorsTotal"_s, errors}, {u"connections"_s, 1},
                       {u"lastReceivedAtMs"_s, 1795730431461.0}, {u"arrivalRatePerSec"_s, arrival}};
}

QJsonObject destination(const QString& name, int depth = 0, qint64 oldestMs = 0, const QString& breaker = u"closed"_s,
                        double arrival = 0, double drain = 0)
{
    return QJsonObject{{u"name"_s, name}, {u"kind"_s, u"mllp"_s}, {u"queueDepth"_s, depth},
                       {u"oldestQueuedAgeMs"_s, double(oldestMs)}, {u"inFlight"_s, 0}, {u"enqueuedTotal"_s, 66},
                       {u"deliveredTotal"_s, 66}, {u"failedAttemptsTotal"_s, 11}, {u"deadLetteredTotal"_s, 2},
                       {u"breakerState"_s, breaker}, {u"lastSentAtMs"_s, QJsonValue::Null},
                       {u"lastError"_s, u"connect: Connection refused"_s}, {u"lastErrorAtMs"_s, 1795730433826.0},
                       {u"arrivalRatePerSec"_s, arrival}, {u"drainRatePerSec"_s, drain}};
}

QJsonObject stats(qint64 atMs, const QJsonArray& channels, const QJsonArray& destinations, int deadLetters = 8)
{
    return QJsonObject{{u"atMs"_s, double(atMs)},
                       {u"node"_s, QJsonObject{{u"deadLetterDepth"_s, deadLetters}, {u"messagesStored"_s, 80},
                                               {u"uptimeSec"_s, 68}}},
                       {u"channels"_s, channels},
                       {u"destinations"_s, destinations}};
}

QJsonObject demoStats(qint64 atMs, int ehrDepth = 0)
{
    return stats(atMs, {channel(u"hl7-in"_s), channel(u"lab-in"_s)},
                 {destination(u"ehr"_s, ehrDepth), destination(u"archive"_s)});
}

} // namespace

class tst_OverviewModel : public QObject
{
    Q_OBJECT

private slots:
    void firstStatsBuildsTree();
    void secondStatsUpdatesInPlace();
    void oneSignalPerChangedRow();
    void drainSeconds_data();
    void drainSeconds();
    void drainColumn();
    void attentionReasons();
    void errorsRisingExpires();
    void cachedRows();
    void configurationChange();
    void fleetUpdate();
};

void tst_OverviewModel::firstStatsBuildsTree()
{
    OverviewModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.applyStats(u"n1"_s, u"Lab node"_s, demoStats(1000), false);

    QCOMPARE(model.rowCount(), 1);
    const QModelIndex node = model.index(0, 0);
    QCOMPARE(node.data().toString(), u"Lab node"_s);
    QCOMPARE(node.data(OverviewModel::RowKindRole).toString(), u"node"_s);
    QCOMPARE(model.rowCount(node), 4);
    QCOMPARE(model.index(0, 0, node).data().toString(), u"hl7-in"_s);
    QCOMPARE(model.index(1, 0, node).data().toString(), u"lab-in"_s);
    QCOMPARE(model.index(2, 0, node).data().toString(), u"ehr"_s);
    QCOMPARE(model.index(2, 0, node).data(OverviewModel::RowKindRole).toString(), u"destination"_s);
    QCOMPARE(model.index(0, 0, node).data(OverviewModel::RowKindRole).toString(), u"channel"_s);
    QCOMPARE(model.index(2, OverviewModel::StateColumn, node).data().toString(), u"up"_s);
    QCOMPARE(model.index(2, OverviewModel::ErrorsColumn, node).data(OverviewModel::SortRole).toLongLong(), 11);
    QCOMPARE(model.index(2, OverviewModel::LastSentColumn, node).data().toString(), u"never"_s);
    QCOMPARE(model.index(2, OverviewModel::LastSentColumn, node).data(OverviewModel::SortRole).toLongLong(), -1);
    QCOMPARE(model.index(2, 0, node).data(OverviewModel::LastErrorRole).toString(), u"connect: Connection refused"_s);
    QCOMPARE(node.data(OverviewModel::AsOfRole).toLongLong(), 1000);
    QCOMPARE(model.index(0, OverviewModel::DeadLettersColumn).data(OverviewModel::SortRole).toLongLong(), 8);
    QCOMPARE(model.index(0, OverviewModel::InRateColumn).data(OverviewModel::SortRole).toDouble(), 3.0);
    QCOMPARE(model.endpointIndex(u"n1"_s, u"destination"_s, u"archive"_s).row(), 3);
    QCOMPARE(model.endpointIndex(u"n1"_s, u"channel"_s, u"ehr"_s), QModelIndex());
}

void tst_OverviewModel::secondStatsUpdatesInPlace()
{
    OverviewModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.applyStats(u"n1"_s, u"Lab node"_s, demoStats(1000), false);

    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    QSignalSpy layout(&model, &QAbstractItemModel::layoutChanged);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    model.applyStats(u"n1"_s, u"Lab node"_s, demoStats(2000), false);

    QCOMPARE(reset.size(), 0);
    QCOMPARE(inserted.size(), 0);
    QCOMPARE(removed.size(), 0);
    QCOMPARE(layout.size(), 0);
    // Same figures: only the node row (its sample time moved) is announced.
    QCOMPARE(changed.size(), 1);
    const auto top = changed.at(0).at(0).value<QModelIndex>();
    QVERIFY(!top.parent().isValid());
    QCOMPARE(top.row(), 0);
}

void tst_OverviewModel::oneSignalPerChangedRow()
{
    OverviewModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.applyStats(u"n1"_s, u"Lab node"_s, demoStats(1000), false);

    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    model.applyStats(u"n1"_s, u"Lab node"_s, demoStats(2000, 7), false);
    QCOMPARE(changed.size(), 2);
    int endpointSignals = 0;
    for (const QList<QVariant>& args : changed) {
        const auto topLeft = args.at(0).value<QModelIndex>();
        const auto bottomRight = args.at(1).value<QModelIndex>();
        QCOMPARE(topLeft.row(), bottomRight.row());          // one row each, never a range
        QCOMPARE(topLeft.column(), 0);
        QCOMPARE(bottomRight.column(), OverviewModel::ColumnCount - 1);
        if (topLeft.parent().isValid()) {
            ++endpointSignals;
            QCOMPARE(topLeft.data().toString(), u"ehr"_s);
        }
    }
    QCOMPARE(endpointSignals, 1);
    const QModelIndex ehr = model.endpointIndex(u"n1"_s, u"destination"_s, u"ehr"_s);
    QCOMPARE(ehr.siblingAtColumn(OverviewModel::QueueDepthColumn).data().toLongLong(), 7);
    QCOMPARE(model.index(0, OverviewModel::QueueDepthColumn).data().toLongLong(), 7);
}

void tst_OverviewModel::drainSeconds_data()
{
    QTest::addColumn<qint64>("depth");
    QTest::addColumn<double>("arrival");
    QTest::addColumn<double>("drain");
    QTest::addColumn<double>("expected");

    const double inf = std::numeric_limits<double>::infinity();
    QTest::addRow("draining") << qint64(100) << 1.0 << 3.0 << 50.0;
    QTest::addRow("no arrivals") << qint64(30) << 0.0 << 0.5 << 60.0;
    QTest::addRow("growing") << qint64(100) << 3.0 << 1.0 << inf;
    QTest::addRow("balanced") << qint64(10) << 2.0 << 2.0 << inf;
    QTest::addRow("stalled") << qint64(31) << 0.0 << 0.0 << inf;
    QTest::addRow("empty") << qint64(0) << 0.0 << 5.0 << -1.0;
}

void tst_OverviewModel::drainSeconds()
{
    QFETCH(qint64, depth);
    QFETCH(double, arrival);
    QFETCH(double, drain);
    QFETCH(double, expected);
    QCOMPARE(OverviewModel::drainSeconds(depth, arrival, drain), expected);
}

void tst_OverviewModel::drainColumn()
{
    OverviewModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.applyStats(u"n1"_s, u"N"_s,
                     stats(1000, {}, {destination(u"fast"_s, 100, 1000, u"closed"_s, 1, 3),
                                      destination(u"slow"_s, 600, 1000, u"closed"_s, 1, 2),
                                      destination(u"stuck"_s, 5, 1000, u"closed"_s, 1, 1),
                                      destination(u"empty"_s)}),
                     false);
    const QModelIndex node = model.index(0, 0);
    const auto drain = [&](int row) { return model.index(row, OverviewModel::DrainsInColumn, node); };
    QCOMPARE(drain(0).data().toString(), u"~50 s"_s);
    QCOMPARE(drain(0).data(OverviewModel::SortRole).toDouble(), 50.0);
    QCOMPARE(drain(1).data().toString(), u"~10 min"_s);
    QCOMPARE(drain(2).data().toString(), u"not draining"_s);
    QVERIFY(std::isinf(drain(2).data(OverviewModel::DrainSecondsRole).toDouble()));
    QCOMPARE(drain(3).data().toString(), u"—"_s);
    // The node shows its slowest queue.
    QCOMPARE(model.index(0, OverviewModel::DrainsInColumn).data().toString(), u"not draining"_s);
}

void tst_OverviewModel::attentionReasons()
{
    OverviewModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.applyStats(u"n1"_s, u"N"_s,
                     stats(1000, {channel(u"hl7-in"_s)},
                           {destination(u"lab-results"_s, 31, 12 * 60 * 1000, u"open"_s),
                            destination(u"young"_s, 2, 5000, u"closed"_s, 0, 0),
                            destination(u"backlog"_s, 40, 60 * 1000, u"closed"_s, 2, 1),
                            destination(u"ok"_s, 3, 400, u"closed"_s, 0, 5)}),
                     false);
    const QModelIndex node = model.index(0, 0);
    const auto reason = [&](int row) { return model.index(row, 0, node).data(OverviewModel::AttentionReasonRole).toString(); };
    const auto attention = [&](int row) { return model.index(row, 0, node).data(OverviewModel::NeedsAttentionRole).toBool(); };

    QCOMPARE(reason(1), u"breaker open; oldest message 12 min; not draining"_s);
    QVERIFY(attention(1));
    QCOMPARE(model.index(1, OverviewModel::StateColumn, node).data().toString(), u"down — breaker open"_s);
    QCOMPARE(reason(2), QString());                          // just queued: not yet "not draining"
    QVERIFY(!attention(2));
    QCOMPARE(reason(3), u"not draining"_s);
    QVERIFY(attention(3));
    QCOMPARE(reason(4), QString());
    QVERIFY(!attention(0));
    QVERIFY(node.data(OverviewModel::NeedsAttentionRole).toBool());
    QCOMPARE(node.data(OverviewModel::AttentionReasonRole).toString(), u"2 interfaces need attention"_s);
    QVERIFY(model.index(1, 0, node).data(Qt::ToolTipRole).toString().contains(u"connect: Connection refused"_s));
}

void tst_OverviewModel::errorsRisingExpires()
{
    OverviewModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.applyStats(u"n1"_s, u"N"_s, stats(1000, {channel(u"hl7-in"_s, 0)}, {}), false);
    const QModelIndex row = model.endpointIndex(u"n1"_s, u"channel"_s, u"hl7-in"_s);
    QVERIFY(!row.data(OverviewModel::NeedsAttentionRole).toBool());

    model.applyStats(u"n1"_s, u"N"_s, stats(2000, {channel(u"hl7-in"_s, 3)}, {}), false);
    QCOMPARE(row.data(OverviewModel::AttentionReasonRole).toString(), u"errors rising"_s);

    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    model.applyStats(u"n1"_s, u"N"_s, stats(30000, {channel(u"hl7-in"_s, 3)}, {}), false);
    QVERIFY(row.data(OverviewModel::NeedsAttentionRole).toBool());
    QCOMPARE(changed.size(), 1);                              // node row only

    model.applyStats(u"n1"_s, u"N"_s, stats(2000 + OverviewModel::kErrorsRisingWindowMs, {channel(u"hl7-in"_s, 3)}, {}),
                     false);
    QVERIFY(!row.data(OverviewModel::NeedsAttentionRole).toBool());
    QCOMPARE(changed.size(), 3);                              // the row cleared, and the node row
}

void tst_OverviewModel::cachedRows()
{
    OverviewModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.applyStats(u"n1"_s, u"N"_s, demoStats(1000), false);
    const QModelIndex node = model.index(0, 0);
    QCOMPARE(model.index(0, OverviewModel::StateColumn).data().toString(), u"live"_s);

    model.applyStats(u"n1"_s, u"N"_s, demoStats(1000), true, 1795730476815);
    QVERIFY(node.data(OverviewModel::CachedRole).toBool());
    QVERIFY(model.index(3, 0, node).data(OverviewModel::CachedRole).toBool());
    QCOMPARE(model.index(3, 0, node).data(OverviewModel::AsOfRole).toLongLong(), 1795730476815);
    QVERIFY(model.index(0, OverviewModel::StateColumn).data().toString().startsWith(u"cached — as of "_s));

    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    model.setCached(u"n1"_s, false);
    QVERIFY(!model.index(3, 0, node).data(OverviewModel::CachedRole).toBool());
    QCOMPARE(changed.size(), 2);                              // node row, and one span for its children
}

void tst_OverviewModel::configurationChange()
{
    OverviewModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.applyStats(u"n1"_s, u"N"_s, demoStats(1000), false);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    model.applyStats(u"n1"_s, u"N"_s,
                     stats(2000, {channel(u"hl7-in"_s), channel(u"lab-in"_s), channel(u"fhir-in"_s)},
                           {destination(u"ehr"_s)}),
                     false);
    QCOMPARE(removed.size(), 1);
    QCOMPARE(inserted.size(), 1);
    const QModelIndex node = model.index(0, 0);
    QCOMPARE(model.rowCount(node), 4);
    QCOMPARE(model.index(2, 0, node).data().toString(), u"fhir-in"_s);  // channels stay before destinations
    QCOMPARE(model.index(3, 0, node).data().toString(), u"ehr"_s);

    model.applyStats(u"n2"_s, u"Second"_s, demoStats(1000), false);
    QCOMPARE(model.rowCount(), 2);
    QVERIFY(model.removeNode(u"n1"_s));
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.nodeIndex(u"n2"_s).row(), 0);
    QCOMPARE(model.endpointIndex(u"n2"_s, u"destination"_s, u"ehr"_s).parent(), model.nodeIndex(u"n2"_s));
}

void tst_OverviewModel::fleetUpdate()
{
    // 20 nodes × 50 channels at 1 Hz: every tick must stay a handful of row signals, no resets.
    constexpr int kNodes = 20;
    constexpr int kChannels = 50;
    constexpr int kTicks = 3;
    OverviewModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    const auto nodeStats = [&](qint64 atMs, int changedChannel) {
        QJsonArray channels;
        for (int c = 0; c < kChannels; ++c)
            channels.append(channel(u"ch-%1"_s.arg(c), 0, c == changedChannel ? 2.5 : 1.5));
        return stats(atMs, channels, {destination(u"ehr"_s)});
    };
    for (int n = 0; n < kNodes; ++n)
        model.applyStats(u"node-%1"_s.arg(n), QString(), nodeStats(1000, -1), false);
    QCOMPARE(model.rowCount(), kNodes);
    QCOMPARE(model.rowCount(model.index(kNodes - 1, 0)), kChannels + 1);

    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    for (int tick = 1; tick <= kTicks; ++tick) {
        for (int n = 0; n < kNodes; ++n)
            model.applyStats(u"node-%1"_s.arg(n), QString(), nodeStats(1000 + tick * 1000, (n + tick) % kChannels), false);
    }
    QCOMPARE(reset.size(), 0);
    QCOMPARE(inserted.size(), 0);
    // Per node and tick: the node row, the channel that changed, the one that changed back.
    QCOMPARE(changed.size(), kNodes * kTicks + kNodes * (2 * kTicks - 1));
    QCOMPARE(model.index(3, 0).data().toString(), u"node-3"_s);
}

QTEST_GUILESS_MAIN(tst_OverviewModel)
#include "tst_overviewmodel.moc"
