#include "models/console/NodeListModel.h"

#include <QAbstractItemModelTester>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;

class tst_NodeListModel : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void addUpdateRemove();
    void stateWords_data();
    void stateWords();
    void unchangedStateSignalsNothing();
    void setNodesDropsDuplicates();
    void signedIn();
    void assess_data();
    void assess();

private:
    static NodeListModel::Node node(const QString& id, const QString& name)
    {
        NodeListModel::Node n;
        n.nodeId = id;
        n.displayName = name;
        n.site = u"North"_s;
        return n;
    }
};

void tst_NodeListModel::initTestCase()
{
    // The words carry the local clock time; the tests read them in UTC.
    qputenv("TZ", "UTC");
}

void tst_NodeListModel::addUpdateRemove()
{
    NodeListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);

    QCOMPARE(model.addNode(node(u"a"_s, u"Lab node"_s)), 0);
    QCOMPARE(model.addNode(node(u"b"_s, u"ADT node"_s)), 1);
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.index(1).data(Qt::DisplayRole).toString(), u"ADT node"_s);
    QCOMPARE(model.index(1).data(NodeListModel::NodeIdRole).toString(), u"b"_s);
    QCOMPARE(model.index(1).data(NodeListModel::SiteRole).toString(), u"North"_s);
    QCOMPARE(model.index(0).data(NodeListModel::StateRole).toString(), u"connecting"_s);
    QCOMPARE(model.index(0).data(NodeListModel::NeedsAttentionRole).toBool(), false);

    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    QVERIFY(model.updateState(u"b"_s, u"online"_s, 1000));
    QCOMPARE(changed.size(), 1);
    QCOMPARE(changed.at(0).at(0).value<QModelIndex>().row(), 1);
    QCOMPARE(model.index(1).data(NodeListModel::StateRole).toString(), u"online"_s);
    QCOMPARE(model.index(1).data(NodeListModel::StateSinceMsRole).toLongLong(), 1000);
    QVERIFY(!model.updateState(u"nope"_s, u"online"_s, 1000));

    // Re-adding an id updates the row instead of duplicating it.
    QCOMPARE(model.addNode(node(u"a"_s, u"Lab node 2"_s)), 0);
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.index(0).data().toString(), u"Lab node 2"_s);

    QVERIFY(model.removeNode(u"a"_s));
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.rowOf(u"b"_s), 0);
    QCOMPARE(model.rowOf(u"a"_s), -1);
    QVERIFY(!model.removeNode(u"a"_s));
}

void tst_NodeListModel::stateWords_data()
{
    QTest::addColumn<QString>("state");
    QTest::addColumn<QString>("detail");
    QTest::addColumn<QString>("expected");
    QTest::addColumn<bool>("attention");

    QTest::addRow("offline") << u"offline"_s << u"connection refused"_s << u"offline since 14:02 — connection refused"_s
                             << true;
    QTest::addRow("offline no reason") << u"offline"_s << QString() << u"offline since 14:02"_s << true;
    QTest::addRow("degraded") << u"degraded"_s << u"2 destinations down"_s << u"degraded: 2 destinations down"_s << true;
    QTest::addRow("online") << u"online"_s << QString() << u"online"_s << false;
    QTest::addRow("signed out") << u"signed-out"_s << u"token expired"_s << u"signed out — token expired"_s << true;
    QTest::addRow("connecting") << u"connecting"_s << QString() << u"connecting…"_s << false;
}

void tst_NodeListModel::stateWords()
{
    QFETCH(QString, state);
    QFETCH(QString, detail);
    QFETCH(QString, expected);
    QFETCH(bool, attention);

    NodeListModel model;
    QAbstractItemModelTester tester(&model);
    model.addNode(node(u"n"_s, u"Node"_s));
    const qint64 at = QDateTime(QDate(2026, 11, 26), QTime(14, 2, 31), Qt::UTC).toMSecsSinceEpoch();
    QVERIFY(model.updateState(u"n"_s, state, at, detail));
    QCOMPARE(model.index(0).data(NodeListModel::DetailRole).toString(), expected);
    QCOMPARE(model.index(0).data(NodeListModel::NeedsAttentionRole).toBool(), attention);
    QCOMPARE(model.index(0).data(NodeListModel::StateRole).toString(), state);
}

void tst_NodeListModel::unchangedStateSignalsNothing()
{
    NodeListModel model;
    QAbstractItemModelTester tester(&model);
    model.addNode(node(u"n"_s, u"Node"_s));
    model.updateState(u"n"_s, u"offline"_s, 5, u"timeout"_s);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    model.updateState(u"n"_s, u"offline"_s, 5, u"timeout"_s);
    QCOMPARE(changed.size(), 0);
    model.updateState(u"n"_s, u"offline"_s, 5, u"connection refused"_s);
    QCOMPARE(changed.size(), 1);
}

void tst_NodeListModel::setNodesDropsDuplicates()
{
    NodeListModel model;
    QAbstractItemModelTester tester(&model);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    model.setNodes({node(u"a"_s, u"A"_s), node(u"b"_s, u"B"_s), node(u"a"_s, u"A again"_s)});
    QCOMPARE(reset.size(), 1);
    QCOMPARE(model.nodeIds(), QStringList({u"a"_s, u"b"_s}));
    QCOMPARE(model.node(0).displayName, u"A"_s);
}

void tst_NodeListModel::signedIn()
{
    NodeListModel model;
    QAbstractItemModelTester tester(&model);
    model.addNode(node(u"a"_s, u"A"_s));
    QVERIFY(model.setSignedIn(u"a"_s, u"nurse"_s, u"nurse"_s));
    QCOMPARE(model.index(0).data(NodeListModel::UserNameRole).toString(), u"nurse"_s);
    QCOMPARE(model.index(0).data(NodeListModel::RoleNameRole).toString(), u"nurse"_s);
    QVERIFY(model.setSignedIn(u"a"_s, QString(), QString()));
    QVERIFY(model.index(0).data(NodeListModel::RoleNameRole).toString().isEmpty());
}

namespace {

QJsonObject destination(const QString& name, const QString& breaker, qint64 oldestMs)
{
    return QJsonObject{{u"name"_s, name}, {u"kind"_s, u"mllp"_s}, {u"queueDepth"_s, oldestMs > 0 ? 3 : 0},
                       {u"oldestQueuedAgeMs"_s, oldestMs}, {u"breakerState"_s, breaker}};
}

QJsonObject channel(const QString& name, int errors)
{
    return QJsonObject{{u"name"_s, name}, {u"kind"_s, u"mllp"_s}, {u"errorsTotal"_s, errors}};
}

QJsonObject stats(const QJsonArray& channels, const QJsonArray& destinations)
{
    return QJsonObject{{u"atMs"_s, 1000}, {u"channels"_s, channels}, {u"destinations"_s, destinations}};
}

} // namespace

void tst_NodeListModel::assess_data()
{
    QTest::addColumn<QJsonObject>("current");
    QTest::addColumn<QJsonObject>("previous");
    QTest::addColumn<QString>("expected");

    const QJsonArray okChannels{channel(u"hl7-in"_s, 2)};
    QTest::addRow("healthy") << stats(okChannels, {destination(u"ehr"_s, u"closed"_s, 0)}) << QJsonObject() << QString();
    QTest::addRow("one down") << stats(okChannels, {destination(u"ehr"_s, u"open"_s, 0)}) << QJsonObject()
                              << u"1 destination down: ehr"_s;
    QTest::addRow("two down") << stats(okChannels, {destination(u"lab-results"_s, u"open"_s, 0),
                                                    destination(u"archive"_s, u"closed"_s, 0),
                                                    destination(u"ehr"_s, u"open"_s, 0)})
                              << QJsonObject() << u"2 destinations down: lab-results, ehr"_s;
    QTest::addRow("old queue") << stats(okChannels, {destination(u"ehr"_s, u"closed"_s, 12 * 60 * 1000 + 5)})
                               << QJsonObject() << u"ehr: oldest message 12 min"_s;
    QTest::addRow("young queue") << stats(okChannels, {destination(u"ehr"_s, u"half-open"_s, 4 * 60 * 1000)})
                                 << QJsonObject() << QString();
    QTest::addRow("errors rising") << stats({channel(u"hl7-in"_s, 5)}, {})
                                   << stats({channel(u"hl7-in"_s, 2)}, {}) << u"hl7-in: 3 new errors"_s;
    QTest::addRow("errors flat") << stats({channel(u"hl7-in"_s, 5)}, {}) << stats({channel(u"hl7-in"_s, 5)}, {})
                                 << QString();
    QTest::addRow("node restarted") << stats({channel(u"hl7-in"_s, 0)}, {}) << stats({channel(u"hl7-in"_s, 9)}, {})
                                    << QString();
    QTest::addRow("all at once") << stats({channel(u"hl7-in"_s, 3)}, {destination(u"ehr"_s, u"open"_s, 400000)})
                                 << stats({channel(u"hl7-in"_s, 2)}, {})
                                 << u"1 destination down: ehr; ehr: oldest message 6 min; hl7-in: 1 new error"_s;
}

void tst_NodeListModel::assess()
{
    QFETCH(QJsonObject, current);
    QFETCH(QJsonObject, previous);
    QFETCH(QString, expected);
    QCOMPARE(NodeListModel::assess(current, previous), expected);
}

QTEST_GUILESS_MAIN(tst_NodeListModel)
#include "tst_nodelistmodel.moc"
