#include "models/console/DeadLetterGroupModel.h"

#include <QAbstractItemModelTester>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QPersistentModelIndex>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

const QString Connect = u"WyJkZWxpdmVyIiwiY29ubmVjdCIsbnVsbF0"_s;
const QString Pid3 = u"WyJ2YWxpZGF0ZSIsImhsNy0xMDEiLCJQSUQoMSktMyJd"_s;

QJsonObject connectGroup(int count, const QString& lastAt = u"2026-11-26T22:02:39.374Z"_s)
{
    return QJsonObject{{u"signature"_s, Connect}, {u"stage"_s, u"deliver"_s}, {u"errorClass"_s, u"connect"_s},
                       {u"count"_s, count}, {u"firstAt"_s, u"2026-11-26T22:02:09.136Z"_s}, {u"lastAt"_s, lastAt},
                       {u"destinations"_s, QJsonArray{u"lab-results"_s}},
                       {u"latestReason"_s, u"gave up after 2 attempts: Connection refused"_s}};
}

QJsonObject pid3Group(int count)
{
    return QJsonObject{{u"signature"_s, Pid3}, {u"stage"_s, u"validate"_s}, {u"errorClass"_s, u"hl7-101"_s},
                       {u"errorLocation"_s, u"PID(1)-3"_s}, {u"count"_s, count},
                       {u"firstAt"_s, u"2026-11-26T22:02:09.911Z"_s}, {u"lastAt"_s, u"2026-11-26T22:02:11.871Z"_s},
                       {u"destinations"_s, QJsonArray()},
                       {u"latestReason"_s, u"PID(1)-3: PID-3 (patient identifier list) is missing (101)"_s}};
}

} // namespace

class tst_DeadLetterGroupModel : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void showsGroupsOfSeveralNodes();
    void refreshUpdatesInPlaceAndRemovesGone();
    void channelsSeenInRowsAreAdded();
    void pendingAndCachedAreMarked();
    void removeNodeDropsItsRows();

private:
    DeadLetterGroupModel* m_model = nullptr;
    QAbstractItemModelTester* m_tester = nullptr;
};

void tst_DeadLetterGroupModel::init()
{
    m_model = new DeadLetterGroupModel(this);
    m_tester = new QAbstractItemModelTester(m_model, QAbstractItemModelTester::FailureReportingMode::QtTest, this);
}

void tst_DeadLetterGroupModel::cleanup()
{
    delete m_tester;
    delete m_model;
}

void tst_DeadLetterGroupModel::showsGroupsOfSeveralNodes()
{
    m_model->setNodeName(u"a"_s, u"Ward node"_s);
    m_model->replaceNode(u"a"_s, QJsonArray{connectGroup(3), pid3Group(2)});
    m_model->replaceNode(u"b"_s, QJsonArray{pid3Group(5)});
    QCOMPARE(m_model->rowCount(), 3);

    const int row = m_model->rowOf(u"a"_s, Pid3);
    QVERIFY(row >= 0);
    const auto at = [&](int column) { return m_model->index(row, column); };
    QCOMPARE(at(DeadLetterGroupModel::NodeColumn).data().toString(), u"Ward node"_s);
    QCOMPARE(at(DeadLetterGroupModel::StageColumn).data().toString(), u"Validation"_s);
    QCOMPARE(at(DeadLetterGroupModel::StageColumn).data(DeadLetterGroupModel::StageRole).toString(), u"validate"_s);
    QCOMPARE(at(DeadLetterGroupModel::ErrorColumn).data().toString(), u"hl7-101 at PID(1)-3"_s);
    QCOMPARE(at(DeadLetterGroupModel::CountColumn).data().toInt(), 2);
    QCOMPARE(at(0).data(DeadLetterGroupModel::CountRole).toInt(), 2);
    QCOMPARE(at(0).data(DeadLetterGroupModel::SignatureRole).toString(), Pid3);
    QCOMPARE(at(0).data(DeadLetterGroupModel::FirstAtMsRole).toLongLong(),
             QDateTime::fromString(u"2026-11-26T22:02:09.911Z"_s, Qt::ISODateWithMs).toMSecsSinceEpoch());
    QCOMPARE(at(DeadLetterGroupModel::SinceColumn).data().toString(),
             QDateTime::fromString(u"2026-11-26T22:02:09.911Z"_s, Qt::ISODateWithMs).toLocalTime()
                 .toString(u"yyyy-MM-dd HH:mm"_s));
    QCOMPARE(at(DeadLetterGroupModel::ReasonColumn).data().toString(),
             u"PID(1)-3: PID-3 (patient identifier list) is missing (101)"_s);

    const int connectRow = m_model->rowOf(u"a"_s, Connect);
    QCOMPARE(m_model->index(connectRow, DeadLetterGroupModel::WhereColumn).data().toString(), u"to lab-results"_s);
    QCOMPARE(m_model->index(connectRow, 0).data(DeadLetterGroupModel::DestinationsRole).toStringList(),
             QStringList{u"lab-results"_s});
    QCOMPARE(m_model->index(connectRow, DeadLetterGroupModel::ErrorColumn).data().toString(), u"connect"_s);
    QCOMPARE(m_model->totalCount(u"a"_s), 5);
    QCOMPARE(m_model->totalCount(u"b"_s), 5);
    QCOMPARE(m_model->index(m_model->rowOf(u"b"_s, Pid3), 0).data().toString(), u"b"_s);
}

void tst_DeadLetterGroupModel::refreshUpdatesInPlaceAndRemovesGone()
{
    m_model->replaceNode(u"a"_s, QJsonArray{connectGroup(3), pid3Group(2)});
    QPersistentModelIndex connect(m_model->index(m_model->rowOf(u"a"_s, Connect), 0));
    QSignalSpy reset(m_model, &QAbstractItemModel::modelReset);
    QSignalSpy changed(m_model, &QAbstractItemModel::dataChanged);

    // One more connect failure, and the PID-3 group was resubmitted away.
    m_model->replaceNode(u"a"_s, QJsonArray{connectGroup(4, u"2026-11-26T22:05:00.000Z"_s)});
    QCOMPARE(reset.size(), 0);
    QVERIFY(changed.size() >= 1);
    QCOMPARE(m_model->rowCount(), 1);
    QVERIFY(connect.isValid());
    QCOMPARE(connect.data(DeadLetterGroupModel::CountRole).toInt(), 4);
    QCOMPARE(m_model->rowOf(u"a"_s, Pid3), -1);
    QCOMPARE(connect.data(DeadLetterGroupModel::LastAtMsRole).toLongLong(),
             QDateTime::fromString(u"2026-11-26T22:05:00.000Z"_s, Qt::ISODateWithMs).toMSecsSinceEpoch());
}

void tst_DeadLetterGroupModel::channelsSeenInRowsAreAdded()
{
    m_model->replaceNode(u"a"_s, QJsonArray{pid3Group(2)});
    const QModelIndex where = m_model->index(0, DeadLetterGroupModel::WhereColumn);
    QCOMPARE(where.data().toString(), QString());
    QSignalSpy changed(m_model, &QAbstractItemModel::dataChanged);
    m_model->noteChannel(u"a"_s, Pid3, u"hl7-in"_s);
    m_model->noteChannel(u"a"_s, Pid3, u"hl7-in"_s);
    QCOMPARE(changed.size(), 1);
    QCOMPARE(where.data().toString(), u"from hl7-in"_s);
    QCOMPARE(where.data(DeadLetterGroupModel::ChannelsRole).toStringList(), QStringList{u"hl7-in"_s});
    // Kept across a refresh of the groups.
    m_model->replaceNode(u"a"_s, QJsonArray{pid3Group(3)});
    QCOMPARE(m_model->index(0, DeadLetterGroupModel::WhereColumn).data().toString(), u"from hl7-in"_s);
}

void tst_DeadLetterGroupModel::pendingAndCachedAreMarked()
{
    m_model->replaceNode(u"a"_s, QJsonArray{connectGroup(3)}, true);
    const QModelIndex first = m_model->index(0, 0);
    QVERIFY(first.data(DeadLetterGroupModel::CachedRole).toBool());
    m_model->setCached(u"a"_s, false);
    QVERIFY(!first.data(DeadLetterGroupModel::CachedRole).toBool());

    m_model->setPendingAction(u"a"_s, Connect, u"resubmit"_s);
    QCOMPARE(first.data(DeadLetterGroupModel::PendingActionRole).toString(), u"resubmit"_s);
    QCOMPARE(m_model->index(0, DeadLetterGroupModel::ReasonColumn).data().toString(),
             u"resubmit pending: gave up after 2 attempts: Connection refused"_s);
    m_model->setPendingAction(u"a"_s, Connect, QString());
    QCOMPARE(first.data(DeadLetterGroupModel::PendingActionRole).toString(), QString());
}

void tst_DeadLetterGroupModel::removeNodeDropsItsRows()
{
    m_model->replaceNode(u"a"_s, QJsonArray{connectGroup(3), pid3Group(2)});
    m_model->replaceNode(u"b"_s, QJsonArray{pid3Group(5)});
    m_model->removeNode(u"a"_s);
    QCOMPARE(m_model->rowCount(), 1);
    QCOMPARE(m_model->nodeIdAt(0), u"b"_s);
    QCOMPARE(m_model->rowOf(u"b"_s, Pid3), 0);
}

QTEST_GUILESS_MAIN(tst_DeadLetterGroupModel)
#include "tst_deadlettergroupmodel.moc"
