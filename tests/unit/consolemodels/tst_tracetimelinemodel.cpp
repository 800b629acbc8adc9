#include "models/console/TraceTimelineModel.h"

#include <QAbstractItemModelTester>
#include <QJsonArray>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

constexpr qint64 kT0 = 1795730532231000;                  // µs

QJsonObject traceEvent(qint64 atUs, const QString& stage, const QString& outcome, const QString& destination = QString(),
                  qint64 messageId = 80)
{
    QJsonObject o{{u"at"_s, u"2026-11-26T22:02:12.231Z"_s}, {u"atUs"_s, double(atUs)},
                  {u"messageId"_s, double(messageId)}, {u"stage"_s, stage}, {u"outcome"_s, outcome}};
    if (!destination.isEmpty())
        o.insert(u"destination"_s, destination);
    o.insert(u"detail"_s, u"%1 detail"_s.arg(stage));
    return o;
}

} // namespace

class tst_TraceTimelineModel : public QObject
{
    Q_OBJECT

private slots:
    void mergesNodesByTime();
    void durations();
    void replacingANodesTrace();
    void failures_data();
    void failures();
    void formatDelta_data();
    void formatDelta();
    void eventWithoutMicroseconds();
};

void tst_TraceTimelineModel::mergesNodesByTime()
{
    TraceTimelineModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.setCorrelationId(u"01A219E167875CB4E699EE53CF86DDBC"_s);
    QCOMPARE(model.correlationId(), u"01a219e167875cb4e699ee53cf86ddbc"_s);

    model.setTrace(u"edge"_s, {traceEvent(kT0, u"receive"_s, u"ok"_s), traceEvent(kT0, u"parse"_s, u"ok"_s),
                               traceEvent(kT0 + 1000, u"ack"_s, u"AA"_s),
                               traceEvent(kT0 + 2254000, u"deliver"_s, u"ok"_s, u"ehr"_s)});
    model.setTrace(u"core"_s, {traceEvent(kT0 + 2300000, u"receive"_s, u"ok"_s, QString(), 12),
                               traceEvent(kT0 + 500, u"receive"_s, u"ok"_s, QString(), 11)});
    model.setNodeDisplayName(u"core"_s, u"Core node"_s);

    QCOMPARE(model.rowCount(), 6);
    QStringList order;
    for (int r = 0; r < model.rowCount(); ++r) {
        order.append(model.index(r, TraceTimelineModel::NodeColumn).data(TraceTimelineModel::NodeIdRole).toString()
                     + u':' + model.index(r, TraceTimelineModel::StageColumn).data().toString());
    }
    // Equal times keep the node's own order (receive before parse).
    QCOMPARE(order, QStringList({u"edge:receive"_s, u"edge:parse"_s, u"core:receive"_s, u"edge:ack"_s,
                                 u"edge:deliver"_s, u"core:receive"_s}));
    QCOMPARE(model.index(2, TraceTimelineModel::NodeColumn).data().toString(), u"Core node"_s);
    QCOMPARE(model.index(2, 0).data(TraceTimelineModel::MessageIdRole).toLongLong(), 11);
    QCOMPARE(model.index(4, TraceTimelineModel::DestinationColumn).data().toString(), u"ehr"_s);
    QCOMPARE(model.index(3, TraceTimelineModel::OutcomeColumn).data().toString(), u"AA"_s);
    QCOMPARE(model.index(4, TraceTimelineModel::DetailColumn).data().toString(), u"deliver detail"_s);
    QCOMPARE(model.index(0, TraceTimelineModel::TimeColumn).data().toString(), u"22:02:12.231"_s);
    QCOMPARE(model.index(5, 0).data(TraceTimelineModel::AtUsRole).toLongLong(), kT0 + 2300000);

    // A different correlation ID starts over.
    model.setCorrelationId(u"4bf92f3577b34da6a3ce929d0e0e4736"_s);
    QCOMPARE(model.rowCount(), 0);
}

void tst_TraceTimelineModel::durations()
{
    TraceTimelineModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.setTrace(u"a"_s, {traceEvent(kT0, u"receive"_s, u"ok"_s), traceEvent(kT0 + 2254000, u"deliver"_s, u"ok"_s, u"ehr"_s)});
    model.setTrace(u"b"_s, {traceEvent(kT0 + 350, u"receive"_s, u"ok"_s)});

    const auto us = [&](int row, int role) { return model.index(row, 0).data(role).toLongLong(); };
    QCOMPARE(us(0, TraceTimelineModel::SincePreviousUsRole), 0);
    QCOMPARE(us(1, TraceTimelineModel::SincePreviousUsRole), 350);
    QCOMPARE(us(2, TraceTimelineModel::SincePreviousUsRole), 2254000 - 350);
    QCOMPARE(us(2, TraceTimelineModel::SinceFirstUsRole), 2254000);
    QCOMPARE(model.index(0, TraceTimelineModel::SincePreviousColumn).data().toString(), QString());
    QCOMPARE(model.index(1, TraceTimelineModel::SincePreviousColumn).data().toString(), u"+350 µs"_s);
    QCOMPARE(model.index(2, TraceTimelineModel::SincePreviousColumn).data().toString(), u"+2.254 s"_s);
    QCOMPARE(model.index(2, TraceTimelineModel::SinceFirstColumn).data().toString(), u"+2.254 s"_s);
    QCOMPARE(model.index(2, TraceTimelineModel::SinceFirstColumn).data(TraceTimelineModel::SortRole).toLongLong(),
             2254000);
}

void tst_TraceTimelineModel::replacingANodesTrace()
{
    TraceTimelineModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.setTrace(u"a"_s, {traceEvent(kT0, u"receive"_s, u"ok"_s)});
    model.setTrace(u"b"_s, {traceEvent(kT0 + 10, u"receive"_s, u"ok"_s)});
    // A refresh of node a (more events now) replaces its events, it does not add them twice.
    model.setTrace(u"a"_s, {traceEvent(kT0, u"receive"_s, u"ok"_s), traceEvent(kT0 + 20, u"ack"_s, u"AA"_s)});
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(model.index(2, TraceTimelineModel::StageColumn).data().toString(), u"ack"_s);
    model.setTrace(u"b"_s, {});
    QCOMPARE(model.rowCount(), 2);
    model.clear();
    QCOMPARE(model.rowCount(), 0);
}

void tst_TraceTimelineModel::failures_data()
{
    QTest::addColumn<QString>("stage");
    QTest::addColumn<QString>("outcome");
    QTest::addColumn<bool>("failed");
    QTest::addRow("ok") << u"receive"_s << u"ok"_s << false;
    QTest::addRow("AA") << u"ack"_s << u"AA"_s << false;
    QTest::addRow("AE") << u"ack"_s << u"AE"_s << true;
    QTest::addRow("AR") << u"ack"_s << u"AR"_s << true;
    QTest::addRow("http 201") << u"ack"_s << u"201"_s << false;
    QTest::addRow("http 422") << u"ack"_s << u"422"_s << true;
    QTest::addRow("retry") << u"attempt"_s << u"retry"_s << true;
    QTest::addRow("failed") << u"validate"_s << u"failed"_s << true;
    QTest::addRow("dead letter") << u"dead-letter"_s << u"stored"_s << true;
    QTest::addRow("duplicate") << u"dedup"_s << u"duplicate"_s << false;
}

void tst_TraceTimelineModel::failures()
{
    QFETCH(QString, stage);
    QFETCH(QString, outcome);
    QFETCH(bool, failed);
    TraceTimelineModel model;
    QAbstractItemModelTester tester(&model);
    model.setTrace(u"a"_s, {traceEvent(kT0, stage, outcome)});
    QCOMPARE(model.index(0, 0).data(TraceTimelineModel::FailedRole).toBool(), failed);
}

void tst_TraceTimelineModel::formatDelta_data()
{
    QTest::addColumn<qint64>("us");
    QTest::addColumn<QString>("text");
    QTest::addRow("µs") << qint64(350) << u"+350 µs"_s;
    QTest::addRow("ms") << qint64(12400) << u"+12 ms"_s;
    QTest::addRow("s") << qint64(2254000) << u"+2.254 s"_s;
    QTest::addRow("min") << qint64(184000000) << u"+3 min 4 s"_s;
    QTest::addRow("h") << qint64(3600000000LL + 120000000LL) << u"+1 h 2 min"_s;
}

void tst_TraceTimelineModel::formatDelta()
{
    QFETCH(qint64, us);
    QFETCH(QString, text);
    QCOMPARE(TraceTimelineModel::formatDelta(us), text);
}

void tst_TraceTimelineModel::eventWithoutMicroseconds()
{
    TraceTimelineModel model;
    QAbstractItemModelTester tester(&model);
    QJsonObject e = traceEvent(0, u"receive"_s, u"ok"_s);
    e.remove(u"atUs"_s);
    model.setTrace(u"a"_s, {e});
    QCOMPARE(model.index(0, 0).data(TraceTimelineModel::AtUsRole).toLongLong(), kT0);
}

QTEST_GUILESS_MAIN(tst_TraceTimelineModel)
#include "tst_tracetimelinemodel.moc"
