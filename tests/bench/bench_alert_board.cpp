// Benchmark (run on demand) of the console's alert board (issue 6). Prints, never asserts
// (DESIGN.md section 7):
//  1. how many new alerts per second the board absorbs while staying responsive: AlertBoardModel +
//     AlertBoardView (filter proxy, card delegate, detail panel) shown, alerts upserted at 100, 250,
//     500 and 1000 per second (four in five new, one in five a change of an alert on the board, as
//     escalations are); a 5 ms QTimer heartbeat records the UI thread's worst lateness (target:
//     stall under 50 ms at 100 alerts/s);
//  2. the time from a critical ORU^R01 entering a REAL vigil-node over MLLP to its card painted on
//     the board of a console signed in over pinned HTTPS + WebSocket (target: p99 under 250 ms).
//     Each card, once painted, is resolved through the console's own action queue, so the next
//     one lands on a board of the same size.
//
// Usage: bench_alert_board [--seconds S per rate, default 10] [--results N, default 100]
// Runs on the offscreen platform unless QT_QPA_PLATFORM says otherwise.
#include "models/console/AlertBoardModel.h"
#include "tests/gui/support/ConsoleNodeFixture.h"
#include "tests/support/BlockingMllpClient.h"
#include "ui/session/ActionQueue.h"
#include "ui/session/NodeFleet.h"
#include "ui/session/NodeSession.h"
#include "ui/views/AlertBoardView.h"

#include <QAbstractItemView>
#include <QApplication>
#include <QCommandLineParser>
#include <QDateTime>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QListView>
#include <QRandomGenerator>
#include <QSortFilterProxyModel>
#include <QTimer>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <thread>
#include <vector>

using namespace Qt::StringLiterals;

namespace {

double pct(std::vector<double> v, double p)
{
    if (v.empty())
        return 0;
    std::sort(v.begin(), v.end());
    return v[std::min(v.size() - 1, std::size_t(p * double(v.size())))];
}

QString iso(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs);
}

const QStringList kUnits{u"ICU-3"_s, u"4B"_s, u"5A"_s, u"ED"_s, u"6C"_s, u"2W"_s};
const QStringList kTests{u"Potassium"_s, u"Sodium"_s, u"Glucose"_s, u"Troponin I"_s, u"Hemoglobin"_s};

QJsonObject syntheticAlert(qint64 id, qint64 nowMs, int level)
{
    const QString unit = kUnits.at(int(id % kUnits.size()));
    const QString test = kTests.at(int(id % kTests.size()));
    const QString severity = id % 10 == 0 ? u"high"_s : u"critical"_s;
    const QJsonObject evidence{{u"code"_s, u"2823-3"_s}, {u"codeSystem"_s, u"LN"_s}, {u"text"_s, test},
                               {u"value"_s, QString::number(6.0 + double(id % 30) / 10.0)}, {u"units"_s, u"mmol/L"_s},
                               {u"referenceRange"_s, u"3.5-5.1"_s}, {u"flags"_s, QJsonArray{u"HH"_s}},
                               {u"resultStatus"_s, u"F"_s}, {u"location"_s, QString(unit + u" 30" + QString::number(id % 10) + u"-A")}};
    return QJsonObject{{u"id"_s, id}, {u"ruleId"_s, u"critical-result"_s}, {u"category"_s, u"clinical"_s},
                       {u"severity"_s, severity}, {u"state"_s, level > 0 ? u"escalated"_s : u"notified"_s},
                       {u"title"_s, u"Critical result %1 %2 mmol/L (HH)"_s.arg(test, evidence.value(u"value").toString())},
                       {u"unit"_s, unit}, {u"team"_s, u"nursing"_s}, {u"subject"_s, u"2823-3"_s},
                       {u"patientId"_s, u"***"_s}, {u"level"_s, level}, {u"count"_s, 1},
                       {u"policy"_s, u"clinical-critical"_s}, {u"evidence"_s, evidence},
                       {u"correlationIds"_s, QJsonArray{u"%1"_s.arg(id, 32, 16, QChar(u'0'))}},
                       {u"createdAt"_s, iso(nowMs)}, {u"updatedAt"_s, iso(nowMs + level)},
                       {u"notifiedAt"_s, iso(nowMs)}, {u"nextEscalationAt"_s, iso(nowMs + 120000)}};
}

/// Part 1: one rate for `seconds`; prints the heartbeat's lateness and the upsert cost.
void absorbAt(int perSecond, int seconds)
{
    AlertBoardModel model;
    AlertBoardView view(nullptr);
    view.setModel(&model);
    view.setNodeAccess(u"node-1"_s, u"ada"_s, u"admin"_s, {}, nullptr);
    model.setNodeName(u"node-1"_s, u"Ward node"_s);
    view.resize(1400, 900);
    view.show();
    QApplication::processEvents();

    // Alerts arrive in bursts of what one 10 ms tick of the stream would bring.
    const int perTick = std::max(1, perSecond / 100);
    qint64 nextId = 1;
    std::vector<double> upsertMs;
    QTimer feeder;
    feeder.setTimerType(Qt::PreciseTimer);
    feeder.setInterval(10);
    QObject::connect(&feeder, &QTimer::timeout, &view, [&] {
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        for (int i = 0; i < perTick; ++i) {
            QElapsedTimer t;
            t.start();
            if (nextId > 5 && QRandomGenerator::global()->bounded(5) == 0)
                model.upsert(u"node-1"_s, syntheticAlert(1 + QRandomGenerator::global()->bounded(nextId - 1), now, 1));
            else
                model.upsert(u"node-1"_s, syntheticAlert(nextId++, now, 0));
            upsertMs.push_back(double(t.nsecsElapsed()) / 1e6);
        }
    });

    QElapsedTimer clock;
    qint64 last = 0;
    std::vector<double> lateness;
    QTimer heartbeat;
    heartbeat.setTimerType(Qt::PreciseTimer);
    heartbeat.setInterval(5);
    QObject::connect(&heartbeat, &QTimer::timeout, &view, [&] {
        const qint64 now = clock.nsecsElapsed();
        lateness.push_back(std::max(0.0, double(now - last - 5'000'000) / 1e6));
        last = now;
    });

    QEventLoop loop;
    QTimer::singleShot(seconds * 1000, &loop, &QEventLoop::quit);
    clock.start();
    feeder.start();
    heartbeat.start();
    loop.exec();
    feeder.stop();
    heartbeat.stop();
    const double worst = lateness.empty() ? 0 : *std::max_element(lateness.begin(), lateness.end());
    std::printf("%5d alerts/s for %d s: %6d cards on the board; upsert p50 %.3f ms p99 %.3f ms; "
                "UI heartbeat lateness p50 %.2f ms, p99 %.2f ms, longest stall %.2f ms\n",
                perSecond, seconds, model.rowCount(), pct(upsertMs, 0.5), pct(upsertMs, 0.99), pct(lateness, 0.5),
                pct(lateness, 0.99), worst);
}

/// Part 2: critical ORU over MLLP → card painted, through a real node and a real console session.
void oruToCard(int results)
{
    std::printf("\n== 2. critical ORU^R01 into a real vigil-node → its card painted on the board (%d results)\n", results);
    ConsoleNodeFixture fixture;
    QString error;
    if (!fixture.start(&error, 3600)) {
        std::printf("node did not start: %s\n", qPrintable(error));
        return;
    }
    auto console = fixture.console(ConsoleNodeFixture::Admin, false, &error);
    if (!console) {
        std::printf("console did not go live: %s\n", qPrintable(error));
        return;
    }
    AlertBoardModel* model = console->fleet->alerts();
    AlertBoardView view(console->fleet.get());
    view.resize(1400, 900);
    view.show();
    QApplication::processEvents();

    QHash<QString, qint64> sentAtNs;     // MSH-10 → when the send started
    QHash<QString, qint64> insertedNs;   // MSH-10 → when its row reached the model
    std::vector<double> toModelMs, toPaintMs;
    QElapsedTimer clock;
    clock.start();
    QString waitingFor;
    qint64 waitingAlert = 0;

    QObject::connect(model, &QAbstractItemModel::rowsInserted, &view, [&](const QModelIndex&, int first, int last) {
        for (int row = first; row <= last; ++row) {
            const QString controlId = model->alert(row).value(u"evidence").toObject().value(u"controlId").toString();
            if (sentAtNs.contains(controlId) && !insertedNs.contains(controlId))
                insertedNs.insert(controlId, clock.nsecsElapsed());
        }
    });
    // A paint of the list's viewport in which the waited-for card's rectangle is visible.
    struct PaintWatch : QObject {
        std::function<void()> onPaint;
        bool eventFilter(QObject* o, QEvent* e) override
        {
            const bool r = QObject::eventFilter(o, e);
            if (e->type() == QEvent::Paint && onPaint)
                onPaint();
            return r;
        }
    } watch;
    view.listView()->viewport()->installEventFilter(&watch);
    bool painted = false;
    watch.onPaint = [&] {
        if (waitingFor.isEmpty() || !insertedNs.contains(waitingFor) || painted)
            return;
        const int row = model->rowOf(console->nodeId, waitingAlert);
        if (row < 0) {
            for (int r = 0; r < model->rowCount(); ++r) {
                if (model->alert(r).value(u"evidence").toObject().value(u"controlId").toString() == waitingFor) {
                    waitingAlert = model->alert(r).value(u"id").toInteger();
                    break;
                }
            }
        }
        const QModelIndex source = model->index(model->rowOf(console->nodeId, waitingAlert), 0);
        const QModelIndex shown = static_cast<QSortFilterProxyModel*>(view.listView()->model())->mapFromSource(source);
        if (!shown.isValid() || !view.listView()->viewport()->rect().intersects(view.listView()->visualRect(shown)))
            return;
        painted = true;
        toPaintMs.push_back(double(clock.nsecsElapsed() - sentAtNs.value(waitingFor)) / 1e6);
        toModelMs.push_back(double(insertedNs.value(waitingFor) - sentAtNs.value(waitingFor)) / 1e6);
    };

    const quint16 mllpPort = fixture.node().port(u"hl7-in"_s);
    for (int i = 0; i < results; ++i) {
        const QString controlId = u"BENCH-%1"_s.arg(i, 5, 10, QChar(u'0'));
        const QByteArray oru = ConsoleNodeFixture::criticalPotassium(controlId, u"BENCH-MRN-%1"_s.arg(i));
        waitingFor = controlId;
        waitingAlert = 0;
        painted = false;
        sentAtNs.insert(controlId, clock.nsecsElapsed());
        // The sender is another system: its blocking MLLP exchange must not hold the console's thread.
        std::atomic<bool> acked{false};
        std::thread sender([&] {
            BlockingMllpClient client;
            if (client.connectTo(mllpPort))
                client.exchange(oru);
            acked = true;
        });
        QElapsedTimer waited;
        waited.start();
        while (!painted && waited.elapsed() < 10000)
            QApplication::processEvents(QEventLoop::AllEvents | QEventLoop::WaitForMoreEvents, 5);
        sender.join();
        if (!painted) {
            std::printf("result %d: no card within 10 s\n", i);
            continue;
        }
        // Resolve it through the console, so the board stays the same size for the next one.
        ConsoleAction resolve;
        resolve.kind = u"alert-resolve"_s;
        resolve.path = u"/api/v1/alerts/%1/resolve"_s.arg(waitingAlert);
        resolve.body = QJsonObject{{u"disposition"_s, u"treated"_s}};
        resolve.target = u"alert:%1"_s.arg(waitingAlert);
        resolve.summary = u"benchmark"_s;
        console->session->actions()->submit(resolve);
        const qint64 alertId = waitingAlert;
        waited.restart();
        while (model->rowOf(console->nodeId, alertId) >= 0 && waited.elapsed() < 10000)
            QApplication::processEvents(QEventLoop::AllEvents | QEventLoop::WaitForMoreEvents, 5);
    }
    std::printf("ORU sent → row in the board model: p50 %.1f ms, p99 %.1f ms, max %.1f ms\n", pct(toModelMs, 0.5),
                pct(toModelMs, 0.99), toModelMs.empty() ? 0 : *std::max_element(toModelMs.begin(), toModelMs.end()));
    std::printf("ORU sent → card painted:      p50 %.1f ms, p99 %.1f ms, max %.1f ms (%zu of %d painted; target p99 < 250 ms)\n",
                pct(toPaintMs, 0.5), pct(toPaintMs, 0.99),
                toPaintMs.empty() ? 0 : *std::max_element(toPaintMs.begin(), toPaintMs.end()), toPaintMs.size(), results);
}

} // namespace

int main(int argc, char** argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    qputenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/vigil-bench-bus");
    QApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOption({u"seconds"_s, u"seconds per rate in part 1 (default 10)"_s, u"S"_s, u"10"_s});
    parser.addOption({u"results"_s, u"critical results in part 2 (default 100)"_s, u"N"_s, u"100"_s});
    parser.addOption({u"skip-node"_s, u"only part 1 (no vigil-node)"_s});
    parser.process(app);
    const int seconds = parser.value(u"seconds"_s).toInt();
    std::printf("== 1. alerts absorbed by the board (AlertBoardView shown, 5 ms heartbeat; target: stall < 50 ms at 100/s)\n");
    for (const int rate : {100, 250, 500, 1000})
        absorbAt(rate, seconds);
    if (!parser.isSet(u"skip-node"_s))
        oruToCard(parser.value(u"results"_s).toInt());
    return 0;
}
