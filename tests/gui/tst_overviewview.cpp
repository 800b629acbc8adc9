#include "models/console/OverviewModel.h"
#include "ui/charts/MetricChart.h"
#include "ui/delegates/AttentionDelegate.h"
#include "ui/views/OverviewFilterProxy.h"
#include "ui/views/OverviewView.h"

#include <QAbstractItemModelTester>
#include <QDateTime>
#include <QImage>
#include <QLabel>
#include <QJsonArray>
#include <QJsonObject>
#include <QChart>
#include <QChartView>
#include <QLineSeries>
#include <QPainter>
#include <QSignalSpy>
#include <QTest>
#include <QTreeView>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace {

QJsonObject destination(const QString& name, int queueDepth, const QString& breaker, qint64 oldestAgeMs,
                        double arrival = 0, double drain = 0)
{
    return QJsonObject{{u"name"_s, name},
                       {u"kind"_s, u"mllp"_s},
                       {u"queueDepth"_s, queueDepth},
                       {u"oldestQueuedAgeMs"_s, oldestAgeMs},
                       {u"inFlight"_s, 0},
                       {u"enqueuedTotal"_s, 10},
                       {u"deliveredTotal"_s, 5},
                       {u"failedAttemptsTotal"_s, 0},
                       {u"deadLetteredTotal"_s, 0},
                       {u"breakerState"_s, breaker},
                       {u"lastSentAtMs"_s, QJsonValue()},
                       {u"lastError"_s, QJsonValue()},
                       {u"lastErrorAtMs"_s, QJsonValue()},
                       {u"arrivalRatePerSec"_s, arrival},
                       {u"drainRatePerSec"_s, drain}};
}

QJsonObject channel(const QString& name, double arrival)
{
    return QJsonObject{{u"name"_s, name},           {u"kind"_s, u"mllp"_s},       {u"receivedTotal"_s, 10},
                       {u"acceptedTotal"_s, 10},    {u"rejectedTotal"_s, 0},      {u"duplicatesTotal"_s, 0},
                       {u"deadLetteredTotal"_s, 0}, {u"errorsTotal"_s, 0},        {u"connections"_s, 1},
                       {u"lastReceivedAtMs"_s, 0},  {u"arrivalRatePerSec"_s, arrival}};
}

QJsonObject stats(qint64 atMs, const QJsonArray& channels, const QJsonArray& destinations)
{
    return QJsonObject{{u"atMs"_s, atMs},
                       {u"node"_s, QJsonObject{{u"deadLetterDepth"_s, 0}, {u"messagesStored"_s, 1}, {u"uptimeSec"_s, 1}}},
                       {u"channels"_s, channels},
                       {u"destinations"_s, destinations}};
}

// Two nodes: "north" with a healthy and a troubled destination, "south" healthy.
void fill(OverviewModel& model, qint64 now, bool southCached = false)
{
    model.applyStats(u"n1"_s, u"north"_s,
                     stats(now, {channel(u"hl7-in"_s, 2.5)},
                           {destination(u"ehr"_s, 3, u"closed"_s, 1000, 1, 2),
                            destination(u"lab-results"_s, 40, u"open"_s, 10 * 60 * 1000, 1, 0)}),
                     false);
    model.applyStats(u"n2"_s, u"south"_s,
                     stats(now, {channel(u"adt-in"_s, 1)}, {destination(u"archive"_s, 7, u"closed"_s, 500, 1, 3)}),
                     southCached, southCached ? now - 60000 : 0);
}

QStringList visibleNames(const QAbstractItemModel* model, const QModelIndex& parent = QModelIndex())
{
    QStringList names;
    for (int row = 0; row < model->rowCount(parent); ++row) {
        const QModelIndex index = model->index(row, OverviewModel::NameColumn, parent);
        names << index.data().toString();
        names << visibleNames(model, index);
    }
    return names;
}

} // namespace

class tst_OverviewView : public QObject
{
    Q_OBJECT

private slots:
    void constructsWithModelAndExpandsNodes();
    void filters_data();
    void filters();
    void sortsByQueueDepth();
    void attentionRowIsMarkedByIconTextAndTint();
    void cachedBanner();
    void pauseFreezesSeriesWhileSamplesArrive();
    void rangeChangeRequestsHistory();
    void historyFillsTheChart();
    void zoomPausesAndResetResumes();
    void appendStatsFeedsTrackedKeysOnly();
    void metricKeyRoundTrip();
};

void tst_OverviewView::constructsWithModelAndExpandsNodes()
{
    OverviewModel model;
    OverviewView view;
    view.setModel(&model);
    QAbstractItemModelTester tester(view.proxyModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    fill(model, QDateTime::currentMSecsSinceEpoch());
    QCOMPARE(view.proxyModel()->rowCount(), 2);
    QVERIFY(view.treeView()->uniformRowHeights());
    QVERIFY(view.treeView()->isExpanded(view.proxyModel()->index(0, 0)));
    QVERIFY(view.treeView()->isExpanded(view.proxyModel()->index(1, 0)));
    QCOMPARE(visibleNames(view.proxyModel()),
             (QStringList{u"north"_s, u"hl7-in"_s, u"ehr"_s, u"lab-results"_s, u"south"_s, u"adt-in"_s, u"archive"_s}));
    // Updates in place keep the tester happy.
    fill(model, QDateTime::currentMSecsSinceEpoch() + 1000);
    QCOMPARE(view.proxyModel()->rowCount(), 2);
}

void tst_OverviewView::filters_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("node");
    QTest::addColumn<bool>("attentionOnly");
    QTest::addColumn<QStringList>("expected");

    QTest::addRow("none") << QString() << QString() << false
                          << QStringList{u"north"_s, u"hl7-in"_s, u"ehr"_s, u"lab-results"_s,
                                         u"south"_s, u"adt-in"_s, u"archive"_s};
    QTest::addRow("name") << u"LAB"_s << QString() << false << QStringList{u"north"_s, u"lab-results"_s};
    QTest::addRow("name matches a node") << u"south"_s << QString() << false
                                         << QStringList{u"south"_s, u"adt-in"_s, u"archive"_s};
    QTest::addRow("node") << QString() << u"n2"_s << false << QStringList{u"south"_s, u"adt-in"_s, u"archive"_s};
    QTest::addRow("attention") << QString() << QString() << true << QStringList{u"north"_s, u"lab-results"_s};
    QTest::addRow("attention on healthy node") << QString() << u"n2"_s << true << QStringList{};
    QTest::addRow("name and node") << u"a"_s << u"n2"_s << false << QStringList{u"south"_s, u"adt-in"_s, u"archive"_s};
}

void tst_OverviewView::filters()
{
    QFETCH(QString, name);
    QFETCH(QString, node);
    QFETCH(bool, attentionOnly);
    QFETCH(QStringList, expected);

    OverviewModel model;
    OverviewView view;
    view.setModel(&model);
    QAbstractItemModelTester tester(view.proxyModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    fill(model, QDateTime::currentMSecsSinceEpoch());
    view.setNameFilter(name);
    view.setNodeFilter(node);
    view.setAttentionOnly(attentionOnly);
    QCOMPARE(visibleNames(view.proxyModel()), expected);
    // Filters survive a live update.
    fill(model, QDateTime::currentMSecsSinceEpoch() + 1000);
    QCOMPARE(visibleNames(view.proxyModel()), expected);
}

void tst_OverviewView::sortsByQueueDepth()
{
    OverviewModel model;
    OverviewView view;
    view.setModel(&model);
    QAbstractItemModelTester tester(view.proxyModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    fill(model, QDateTime::currentMSecsSinceEpoch());
    view.treeView()->sortByColumn(OverviewModel::QueueDepthColumn, Qt::DescendingOrder);
    // Node sums: north 43, south 7; within north: lab-results 40, ehr 3, the channel 0.
    QCOMPARE(visibleNames(view.proxyModel()),
             (QStringList{u"north"_s, u"lab-results"_s, u"ehr"_s, u"hl7-in"_s, u"south"_s, u"archive"_s, u"adt-in"_s}));
    view.treeView()->sortByColumn(OverviewModel::NameColumn, Qt::AscendingOrder);
    QCOMPARE(visibleNames(view.proxyModel()),
             (QStringList{u"north"_s, u"ehr"_s, u"hl7-in"_s, u"lab-results"_s, u"south"_s, u"adt-in"_s, u"archive"_s}));
}

void tst_OverviewView::attentionRowIsMarkedByIconTextAndTint()
{
    OverviewModel model;
    fill(model, QDateTime::currentMSecsSinceEpoch());
    const QModelIndex bad = model.endpointIndex(u"n1"_s, u"destination"_s, u"lab-results"_s);
    const QModelIndex good = model.endpointIndex(u"n1"_s, u"destination"_s, u"ehr"_s);
    QVERIFY(bad.data(OverviewModel::NeedsAttentionRole).toBool());
    QVERIFY(!good.data(OverviewModel::NeedsAttentionRole).toBool());
    const QString reason = bad.data(OverviewModel::AttentionReasonRole).toString();
    QVERIFY(!reason.isEmpty());

    // The reason is written out in the reason column.
    const QString state = bad.siblingAtColumn(OverviewModel::StateColumn).data().toString();
    QVERIFY(AttentionDelegate::reasonText(state, reason).contains(reason));
    QVERIFY(!AttentionDelegate::attentionIcon().isNull());

    // Paint the name cell of both rows: the attention row gets the icon and the tint.
    AttentionDelegate delegate;
    QTreeView tree;
    const auto render = [&](const QModelIndex& index) {
        QImage image(200, 24, QImage::Format_ARGB32);
        image.fill(Qt::white);
        QPainter painter(&image);
        QStyleOptionViewItem option;
        option.initFrom(&tree);
        option.rect = image.rect();
        option.state = QStyle::State_Enabled;
        delegate.paint(&painter, option, index.siblingAtColumn(OverviewModel::NameColumn));
        return image;
    };
    const QImage badImage = render(bad);
    const QImage goodImage = render(good);
    const auto amberPixels = [](const QImage& image) {
        int n = 0;
        for (int y = 0; y < image.height(); ++y) {
            for (int x = 0; x < image.width(); ++x) {
                const QColor c = image.pixelColor(x, y);
                if (c.red() > 200 && c.green() > 150 && c.blue() < 200 && c.red() - c.blue() > 40)
                    ++n;
            }
        }
        return n;
    };
    QVERIFY(amberPixels(badImage) > 1000); // tinted background and the warning icon
    QCOMPARE(amberPixels(goodImage), 0);
}

void tst_OverviewView::cachedBanner()
{
    OverviewModel model;
    OverviewView view;
    view.setModel(&model);
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    fill(model, now, false);
    QTRY_VERIFY(view.cachedBannerText().isEmpty());
    model.setCached(u"n2"_s, true);
    const QString text = view.cachedBannerText();
    QVERIFY2(text.contains(u"south"_s), qPrintable(text));
    QVERIFY2(text.contains(u"cached"_s), qPrintable(text));
    QVERIFY2(!text.contains(u"north"_s), qPrintable(text));
    // The as-of time is the sample's, in HH:mm.
    const QString asOf = QDateTime::fromMSecsSinceEpoch(model.nodeIndex(u"n2"_s).data(OverviewModel::AsOfRole).toLongLong())
                             .toString(u"HH:mm"_s);
    QVERIFY2(text.contains(asOf), qPrintable(text));
    // The banner shows it in words (updated on the next event-loop turn, once per batch).
    const QWidget* banner = view.findChild<QWidget*>(u"cachedBanner"_s);
    QVERIFY(banner);
    QTRY_VERIFY(!banner->isHidden());
    const QList<QLabel*> labels = banner->findChildren<QLabel*>();
    QVERIFY(std::any_of(labels.begin(), labels.end(), [&text](const QLabel* l) { return l->text() == text; }));
    model.setCached(u"n2"_s, false);
    QVERIFY(view.cachedBannerText().isEmpty());
    QTRY_VERIFY(banner->isHidden());
}

void tst_OverviewView::pauseFreezesSeriesWhileSamplesArrive()
{
    OverviewModel model;
    OverviewView view;
    view.setModel(&model);
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    fill(model, now);
    QVERIFY(view.selectRow(u"n1"_s, u"destination"_s, u"lab-results"_s));
    const QString key = OverviewView::metricKey(u"n1"_s, u"destination"_s, u"lab-results"_s);
    QCOMPARE(view.currentKey(), key);

    MetricChart* chart = view.queueChart();
    QSignalSpy replaced(chart->series(), &QXYSeries::pointsReplaced);
    for (int i = 0; i < 5; ++i)
        view.appendSample(key, now - 5000 + i * 1000, 10 + i, 1);
    chart->refresh();
    QCOMPARE(replaced.count(), 1);
    QCOMPARE(chart->series()->count(), 5);
    QCOMPARE(chart->series()->at(4).y(), 14.0);
    // A tick with nothing new does not replace again.
    chart->refresh();
    QCOMPARE(replaced.count(), 1);

    view.setPaused(true);
    QVERIFY(chart->isPaused());
    QVERIFY(view.throughputChart()->isPaused());
    for (int i = 0; i < 3; ++i) {
        view.appendSample(key, now + i * 1000, 100 + i, 1);
        chart->refresh();
    }
    QCOMPARE(replaced.count(), 1);
    QCOMPARE(chart->series()->count(), 5);

    view.setPaused(false);
    chart->refresh();
    QVERIFY(replaced.count() > 1);
    QCOMPARE(chart->series()->count(), 8);
    QCOMPARE(chart->series()->at(7).y(), 102.0);
}

void tst_OverviewView::rangeChangeRequestsHistory()
{
    OverviewModel model;
    OverviewView view;
    view.setModel(&model);
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    fill(model, now);
    QSignalSpy history(&view, &OverviewView::historyRequested);
    QVERIFY(view.selectRow(u"n1"_s, u"destination"_s, u"ehr"_s));
    const QString key = OverviewView::metricKey(u"n1"_s, u"destination"_s, u"ehr"_s);
    // Nothing live yet: the default 5 minutes are asked for at once.
    QCOMPARE(history.count(), 1);
    QCOMPARE(history.at(0).at(0).toString(), key);
    view.appendSample(key, now, 3, 2);

    history.clear();
    view.setRange(MetricChart::Range::OneDay);
    QCOMPARE(history.count(), 1);
    QCOMPARE(history.at(0).at(0).toString(), key);
    const qint64 from = history.at(0).at(1).toLongLong();
    const qint64 to = history.at(0).at(2).toLongLong();
    QVERIFY(qAbs(from - (now - MetricChart::rangeMs(MetricChart::Range::OneDay))) < 60 * 1000);
    QVERIFY(to <= now + 1000);
    QVERIFY(to > from);

    // The standalone chart's own picker asks too.
    MetricChart chart(u"Queue"_s);
    MetricWindow live;
    live.append(now, 1);
    chart.setSource(u"k"_s, &live);
    QSignalSpy chartHistory(&chart, &MetricChart::historyRequested);
    chart.setRange(MetricChart::Range::SevenDays);
    QCOMPARE(chartHistory.count(), 1);
    QCOMPARE(chartHistory.at(0).at(0).toString(), u"k"_s);
}

void tst_OverviewView::historyFillsTheChart()
{
    MetricChart chart(u"Queue"_s);
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    chart.setNow(now);
    MetricWindow live;
    for (int i = 0; i < 10; ++i)
        live.append(now - 10000 + i * 1000, 5);
    chart.setSource(u"k"_s, &live);
    chart.setRange(MetricChart::Range::OneHour);
    QList<QPointF> older;
    for (int i = 0; i < 30; ++i)
        older << QPointF(double(now - 3000000 + i * 60000), 50);
    chart.setHistory(u"other"_s, older); // not shown: ignored
    chart.refresh();
    QCOMPARE(chart.series()->count(), 10);
    chart.setHistory(u"k"_s, older);
    chart.refresh();
    // History first, then the live samples (down-sampled to their share of the width).
    const int count = chart.series()->count();
    QVERIFY2(count > 30 && count <= 40, qPrintable(QString::number(count)));
    QCOMPARE(chart.series()->at(0).y(), 50.0);
    QCOMPARE(chart.series()->at(29).y(), 50.0);
    QCOMPARE(chart.series()->at(count - 1).y(), 5.0);
}

void tst_OverviewView::zoomPausesAndResetResumes()
{
    MetricChart chart(u"Queue"_s);
    chart.resize(600, 300);
    chart.show();
    QVERIFY(QTest::qWaitForWindowExposed(&chart));
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    MetricWindow live;
    for (int i = 0; i < 60; ++i)
        live.append(now - 60000 + i * 1000, i);
    chart.setSource(u"k"_s, &live);
    chart.refresh();
    QSignalSpy paused(&chart, &MetricChart::pausedChanged);
    QSignalSpy replaced(chart.series(), &QXYSeries::pointsReplaced);

    chart.chartView()->chart()->zoomIn(); // what the rubber band does
    QVERIFY(chart.isZoomed());
    QVERIFY(chart.isPaused());
    QCOMPARE(paused.count(), 1);
    live.append(now + 1000, 99);
    chart.refresh();
    QCOMPARE(replaced.count(), 0); // the zoomed picture holds still

    chart.resetZoom();
    QVERIFY(!chart.isZoomed());
    QVERIFY(!chart.isPaused());
    QVERIFY(!chart.chartView()->chart()->isZoomed());
    QVERIFY(replaced.count() >= 1);
    QCOMPARE(chart.series()->at(chart.series()->count() - 1).y(), 99.0);
}

void tst_OverviewView::appendStatsFeedsTrackedKeysOnly()
{
    OverviewModel model;
    OverviewView view;
    view.setModel(&model);
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    fill(model, now);
    QVERIFY(view.selectRow(u"n1"_s, u"destination"_s, u"lab-results"_s));
    const QJsonObject s = stats(now, {channel(u"hl7-in"_s, 2.5)},
                                {destination(u"lab-results"_s, 42, u"open"_s, 1000, 1, 0.5)});
    view.appendStats(u"n1"_s, s);
    view.appendStats(u"n2"_s, s); // another node's same-named destination: not shown
    view.queueChart()->refresh();
    view.throughputChart()->refresh();
    QCOMPARE(view.queueChart()->series()->count(), 1);
    QCOMPARE(view.queueChart()->series()->at(0).y(), 42.0);
    QCOMPARE(view.throughputChart()->series()->at(0).y(), 0.5); // deliveries per second

    // The node row charts the sums.
    QVERIFY(view.selectRow(u"n1"_s, u"node"_s, QString()));
    view.appendStats(u"n1"_s, stats(now + 1000, {channel(u"hl7-in"_s, 2.5), channel(u"lab-in"_s, 1.5)},
                                    {destination(u"a"_s, 4, u"closed"_s, 0), destination(u"b"_s, 6, u"closed"_s, 0)}));
    view.queueChart()->refresh();
    view.throughputChart()->refresh();
    QCOMPARE(view.queueChart()->series()->count(), 1);
    QCOMPARE(view.queueChart()->series()->at(0).y(), 10.0);
    QCOMPARE(view.throughputChart()->series()->at(0).y(), 4.0);
}

void tst_OverviewView::metricKeyRoundTrip()
{
    const QString key = OverviewView::metricKey(u"6f1c"_s, u"destination"_s, u"lab/results"_s);
    QString node, kind, name;
    QVERIFY(OverviewView::splitMetricKey(key, &node, &kind, &name));
    QCOMPARE(node, u"6f1c"_s);
    QCOMPARE(kind, u"destination"_s);
    QCOMPARE(name, u"lab/results"_s);
    QVERIFY(!OverviewView::splitMetricKey(u"nodeonly"_s, &node, &kind, &name));
}

QTEST_MAIN(tst_OverviewView)
#include "tst_overviewview.moc"
