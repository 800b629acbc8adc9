// Benchmark (run on demand) of the console's overview and trace views under fleet-sized load
// (issue 5). Prints, never asserts (DESIGN.md section 7):
//  1. 1,000,000 rows in a MessageListModel shown in the TraceView's table: resident memory of the
//     rows and the view, and the time to scroll from top to bottom (scrollToBottom, then page by
//     page with a synchronous repaint of each page);
//  2. the UI thread's longest stall while 20 nodes × 50 channels (+10 destinations each) get
//     applyStats at 1 Hz for 30 s with the OverviewView shown, charts live (a 5 ms QTimer heartbeat
//     records its worst lateness);
//  3. the time from applyStats of the whole fleet (1000 channels) to a painted view (grab()).
//
// Usage: bench_console_views [--rows N] [--seconds S] [--page-seconds S]
// Runs on the offscreen platform unless QT_QPA_PLATFORM says otherwise.
#include "models/console/MessageListModel.h"
#include "models/console/OverviewModel.h"
#include "tests/bench/ConsoleBenchData.h"
#include "ui/views/OverviewView.h"
#include "ui/views/TraceView.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDateTime>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonObject>
#include <QScrollBar>
#include <QTableView>
#include <QTimer>
#include <QTreeView>

#include <algorithm>
#include <cstdio>
#include <malloc.h>
#include <vector>

using namespace Qt::StringLiterals;

namespace {

constexpr int kNodes = 20;
constexpr int kChannelsPerNode = 50;
constexpr int kDestinationsPerNode = 10;

double rssMb()
{
    malloc_trim(0); // freed JSON of the load should not count as the model's
    return ConsoleBenchData::residentMb();
}

QString hex32(quint64 a, quint64 b)
{
    return QString::number(a, 16).rightJustified(16, u'0') + QString::number(b, 16).rightJustified(16, u'0');
}

QJsonArray summaries(qint64 firstId, int count, qint64 newestMs)
{
    static const QString types[] = {u"ADT"_s, u"ORU"_s, u"ORM"_s, u"SIU"_s};
    static const QString triggers[] = {u"A01"_s, u"R01"_s, u"O01"_s, u"S12"_s};
    static const QString units[] = {u"4B"_s, u"ICU"_s, u"ED"_s, u"3A"_s};
    QJsonArray items;
    for (int i = 0; i < count; ++i) {
        const qint64 id = firstId - i; // newest first
        const int k = int(id % 4);
        items.append(QJsonObject{
            {u"id"_s, id},
            {u"correlationId"_s, hex32(quint64(id) * 0x9e3779b97f4a7c15ULL, quint64(id))},
            {u"channel"_s, u"hl7-in"_s},
            {u"receivedAt"_s, QDateTime::fromMSecsSinceEpoch(newestMs - (firstId - id) * 50, Qt::UTC)
                                  .toString(Qt::ISODateWithMs)},
            {u"format"_s, u"hl7v2"_s},
            {u"state"_s, id % 97 == 0 ? u"invalid"_s : u"accepted"_s},
            {u"messageType"_s, types[k]},
            {u"triggerEvent"_s, triggers[k]},
            {u"controlId"_s, u"CTRL-%1"_s.arg(id)},
            {u"patientId"_s, u"***"_s},
            {u"unit"_s, units[k]},
            {u"ackCode"_s, u"AA"_s},
        });
    }
    return items;
}

QJsonObject fleetStats(int node, qint64 atMs, int tick)
{
    QJsonArray channels;
    for (int c = 0; c < kChannelsPerNode; ++c) {
        const double rate = double((node * 7 + c * 3 + tick) % 50) / 10.0;
        channels.append(QJsonObject{{u"name"_s, u"ch-%1"_s.arg(c, 2, 10, QChar(u'0'))},
                                    {u"kind"_s, u"mllp"_s},
                                    {u"receivedTotal"_s, tick * 10 + c},
                                    {u"acceptedTotal"_s, tick * 10 + c},
                                    {u"rejectedTotal"_s, 0},
                                    {u"duplicatesTotal"_s, 0},
                                    {u"deadLetteredTotal"_s, 0},
                                    {u"errorsTotal"_s, (c == 7 && tick % 10 == 0) ? tick : 0},
                                    {u"connections"_s, 1},
                                    {u"lastReceivedAtMs"_s, atMs - 200},
                                    {u"arrivalRatePerSec"_s, rate}});
    }
    QJsonArray destinations;
    for (int d = 0; d < kDestinationsPerNode; ++d) {
        const int depth = (node + d + tick) % 60;
        destinations.append(QJsonObject{{u"name"_s, u"dest-%1"_s.arg(d)},
                                        {u"kind"_s, u"mllp"_s},
                                        {u"queueDepth"_s, depth},
                                        {u"oldestQueuedAgeMs"_s, depth * 10000},
                                        {u"inFlight"_s, depth > 0 ? 1 : 0},
                                        {u"enqueuedTotal"_s, tick * 5},
                                        {u"deliveredTotal"_s, tick * 5 - depth},
                                        {u"failedAttemptsTotal"_s, d == 3 ? tick : 0},
                                        {u"deadLetteredTotal"_s, 0},
                                        {u"breakerState"_s, d == 3 ? u"open"_s : u"closed"_s},
                                        {u"lastSentAtMs"_s, atMs - 500},
                                        {u"lastError"_s, QJsonValue()},
                                        {u"lastErrorAtMs"_s, QJsonValue()},
                                        {u"arrivalRatePerSec"_s, 1.0},
                                        {u"drainRatePerSec"_s, d == 3 ? 0.0 : 1.5}});
    }
    return QJsonObject{{u"atMs"_s, atMs},
                       {u"node"_s, QJsonObject{{u"deadLetterDepth"_s, node}, {u"messagesStored"_s, tick}, {u"uptimeSec"_s, tick}}},
                       {u"channels"_s, channels},
                       {u"destinations"_s, destinations}};
}

QString nodeId(int node)
{
    return u"node-%1"_s.arg(node, 2, 10, QChar(u'0'));
}

void benchTraceTable(int rows, double pageSecondsLimit)
{
    std::printf("\n== 1. %d rows in the TraceView's table\n", rows);
    const double rssStart = rssMb();
    MessageListModel model;
    TraceView view;
    view.resize(1400, 900);
    view.show();
    QApplication::processEvents();
    const double rssEmpty = rssMb();

    // Fill the model first, then attach it, so the model's and the view's shares can be told apart.
    QElapsedTimer load;
    load.start();
    const qint64 newest = QDateTime::currentMSecsSinceEpoch();
    constexpr int kBatch = 10000;
    for (int done = 0; done < rows; done += kBatch) {
        const int n = std::min(kBatch, rows - done);
        model.appendBatch(u"node-a"_s, summaries(qint64(rows) - done, n, newest));
    }
    const qint64 loadMs = load.elapsed();
    const double rssModel = rssMb();
    QElapsedTimer attach;
    attach.start();
    view.setResultsModel(&model);
    QApplication::processEvents();
    (void)view.grab();
    const qint64 attachMs = attach.elapsed();
    const double rssLoaded = rssMb();
    std::printf("rows in model: %d, load (JSON building + appendBatch, 10k per batch): %lld ms; attach to the table "
                "and paint: %lld ms\n",
                model.rowCount(), static_cast<long long>(loadMs), static_cast<long long>(attachMs));
    std::printf("RSS: process start %.1f MB, views built %.1f MB, model filled %.1f MB, shown in the table %.1f MB\n"
                "     model: %.1f MB (%.0f bytes/row), table view on top: %.1f MB\n",
                rssStart, rssEmpty, rssModel, rssLoaded, rssModel - rssEmpty,
                (rssModel - rssEmpty) * 1024 * 1024 / std::max(1, rows), rssLoaded - rssModel);

    QTableView* table = view.resultsView();
    QElapsedTimer t;
    t.start();
    table->scrollToBottom();
    QApplication::processEvents();
    table->viewport()->repaint();
    std::printf("scrollToBottom + paint: %lld ms\n", static_cast<long long>(t.elapsed()));

    table->scrollToTop();
    QApplication::processEvents();
    QScrollBar* bar = table->verticalScrollBar();
    const int pageStep = std::max(1, bar->pageStep());
    const int pagesTotal = (bar->maximum() - bar->minimum()) / pageStep + 1;
    int pages = 0;
    qint64 worstPageNs = 0;
    QElapsedTimer page;
    t.restart();
    while (bar->value() < bar->maximum()) {
        page.start();
        bar->setValue(bar->value() + pageStep);
        table->viewport()->repaint(); // synchronous: the page is drawn before the next step
        worstPageNs = std::max(worstPageNs, page.nsecsElapsed());
        ++pages;
        if ((pages & 255) == 0) {
            QApplication::processEvents();
            if (t.elapsed() > pageSecondsLimit * 1000)
                break;
        }
    }
    const qint64 pagedMs = t.elapsed();
    const bool complete = bar->value() >= bar->maximum();
    std::printf("page by page (%d rows per page, repaint each): %d of %d pages in %lld ms, %.3f ms/page, worst %.2f ms%s\n",
                pageStep, pages, pagesTotal, static_cast<long long>(pagedMs), double(pagedMs) / std::max(1, pages),
                worstPageNs / 1e6,
                complete ? "" : qPrintable(u" (stopped at the time limit; whole list extrapolated: %1 s)"_s.arg(
                                    double(pagedMs) / std::max(1, pages) * pagesTotal / 1000.0, 0, 'f', 1)));
    std::printf("RSS after scrolling: %.1f MB\n", rssMb());
}

void benchFleetStall(int seconds)
{
    std::printf("\n== 2. UI stall: %d nodes x %d channels + %d destinations, stats at 1 Hz for %d s, OverviewView shown\n",
                kNodes, kChannelsPerNode, kDestinationsPerNode, seconds);
    OverviewModel model;
    OverviewView view;
    view.resize(1600, 1000);
    view.setModel(&model);
    view.show();
    const qint64 start = QDateTime::currentMSecsSinceEpoch();
    for (int n = 0; n < kNodes; ++n)
        model.applyStats(nodeId(n), u"Node %1"_s.arg(n), fleetStats(n, start, 0), false);
    QApplication::processEvents();
    view.treeView()->sortByColumn(OverviewModel::QueueDepthColumn, Qt::DescendingOrder);
    view.selectRow(nodeId(3), u"destination"_s, u"dest-3"_s);
    std::printf("rows: %d nodes, %d endpoints\n", model.rowCount(), model.rowCount() * (kChannelsPerNode + kDestinationsPerNode));

    // The stats of the nodes arrive spread over each second, as live streams do.
    int tick = 0;
    QTimer feeder;
    feeder.setTimerType(Qt::PreciseTimer);
    feeder.setInterval(1000 / kNodes);
    int nextNode = 0;
    std::vector<qint64> applyNs;
    QObject::connect(&feeder, &QTimer::timeout, &view, [&] {
        if (nextNode == 0)
            ++tick;
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        const QJsonObject stats = fleetStats(nextNode, now, tick);
        QElapsedTimer t;
        t.start();
        model.applyStats(nodeId(nextNode), u"Node %1"_s.arg(nextNode), stats, false);
        view.appendStats(nodeId(nextNode), stats);
        applyNs.push_back(t.nsecsElapsed());
        nextNode = (nextNode + 1) % kNodes;
    });

    QElapsedTimer clock;
    qint64 last = 0;
    qint64 worstLateNs = 0;
    std::vector<qint64> lateness;
    QTimer heartbeat;
    heartbeat.setTimerType(Qt::PreciseTimer);
    heartbeat.setInterval(5);
    QObject::connect(&heartbeat, &QTimer::timeout, &view, [&] {
        const qint64 now = clock.nsecsElapsed();
        const qint64 late = now - last - 5'000'000;
        last = now;
        lateness.push_back(std::max<qint64>(0, late));
        worstLateNs = std::max(worstLateNs, late);
    });

    QEventLoop loop;
    QTimer::singleShot(seconds * 1000, &loop, &QEventLoop::quit);
    clock.start();
    feeder.start();
    heartbeat.start();
    loop.exec();
    heartbeat.stop();
    feeder.stop();

    std::sort(lateness.begin(), lateness.end());
    std::sort(applyNs.begin(), applyNs.end());
    const auto pct = [](const std::vector<qint64>& v, double p) {
        return v.empty() ? 0.0 : v[std::min(v.size() - 1, std::size_t(p * double(v.size())))] / 1e6;
    };
    std::printf("stats applied: %zu (%d ticks of %d nodes); applyStats+appendStats per node: p50 %.2f ms, p99 %.2f ms, max %.2f ms\n",
                applyNs.size(), tick, kNodes, pct(applyNs, 0.5), pct(applyNs, 0.99), applyNs.empty() ? 0.0 : applyNs.back() / 1e6);
    std::printf("5 ms heartbeat: %zu beats, lateness p50 %.2f ms, p99 %.2f ms, longest UI stall %.2f ms\n",
                lateness.size(), pct(lateness, 0.5), pct(lateness, 0.99), worstLateNs / 1e6);
}

void benchFleetRefresh()
{
    std::printf("\n== 3. whole-fleet refresh (%d channels + %d destinations) to painted view\n", kNodes * kChannelsPerNode,
                kNodes * kDestinationsPerNode);
    OverviewModel model;
    OverviewView view;
    view.resize(1600, 1000);
    view.setModel(&model);
    view.show();
    const qint64 start = QDateTime::currentMSecsSinceEpoch();
    QElapsedTimer first;
    first.start();
    for (int n = 0; n < kNodes; ++n)
        model.applyStats(nodeId(n), u"Node %1"_s.arg(n), fleetStats(n, start, 0), false);
    (void)view.grab();
    std::printf("first fill (rows inserted) to painted: %lld ms\n", static_cast<long long>(first.elapsed()));
    view.treeView()->sortByColumn(OverviewModel::QueueDepthColumn, Qt::DescendingOrder);

    std::vector<qint64> ms;
    for (int tick = 1; tick <= 10; ++tick) {
        std::vector<QJsonObject> stats;
        for (int n = 0; n < kNodes; ++n)
            stats.push_back(fleetStats(n, start + tick * 1000, tick));
        QElapsedTimer t;
        t.start();
        for (int n = 0; n < kNodes; ++n)
            model.applyStats(nodeId(n), u"Node %1"_s.arg(n), stats[std::size_t(n)], false);
        QApplication::processEvents();
        (void)view.grab();
        ms.push_back(t.elapsed());
    }
    std::sort(ms.begin(), ms.end());
    std::printf("applyStats of all %d nodes + processEvents + grab(), sorted by queue depth, 10 runs: median %lld ms, max %lld ms\n",
                kNodes, static_cast<long long>(ms[ms.size() / 2]), static_cast<long long>(ms.back()));
}

} // namespace

int main(int argc, char** argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOption({u"rows"_s, u"rows in the trace table (default 1000000)"_s, u"N"_s, u"1000000"_s});
    parser.addOption({u"seconds"_s, u"duration of the stall measurement (default 30)"_s, u"S"_s, u"30"_s});
    parser.addOption({u"page-seconds"_s, u"time limit for page-wise scrolling (default 120)"_s, u"S"_s, u"120"_s});
    parser.process(app);

    std::printf("bench_console_views (platform %s)\n", qPrintable(QGuiApplication::platformName()));
    benchTraceTable(parser.value(u"rows"_s).toInt(), parser.value(u"page-seconds"_s).toDouble());
    benchFleetStall(parser.value(u"seconds"_s).toInt());
    benchFleetRefresh();
    return 0;
}
