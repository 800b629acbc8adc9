// EscalationQueueModel: which alerts escalate next (order), their countdowns from a fake clock,
// who is paged next per level (and the repeat of the last level), and tick() telling views only
// about rows whose shown second changed.
#include "models/console/AlertBoardModel.h"
#include "models/console/EscalationQueueModel.h"

#include <QAbstractItemModelTester>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

constexpr qint64 T0 = 1795737600000; // 2026-11-27T00:00:00Z

QString iso(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs);
}

QJsonObject alert(qint64 id, qint64 nextAtMs, const QString& state = u"notified"_s, int level = 0,
                  const QString& severity = u"critical"_s, const QString& policy = u"clinical-critical"_s,
                  qint64 updatedAtMs = T0)
{
    QJsonObject a{{u"id"_s, id},
                  {u"ruleId"_s, u"critical-result"_s},
                  {u"category"_s, u"clinical"_s},
                  {u"severity"_s, severity},
                  {u"state"_s, state},
                  {u"title"_s, u"Critical result %1"_s.arg(id)},
                  {u"unit"_s, u"ICU-3"_s},
                  {u"level"_s, level},
                  {u"repeats"_s, 0},
                  {u"policy"_s, policy},
                  {u"createdAt"_s, iso(T0 - 60000)},
                  {u"updatedAt"_s, iso(updatedAtMs)}};
    if (nextAtMs > 0)
        a.insert(u"nextEscalationAt"_s, iso(nextAtMs));
    return a;
}

// docs/config.md's built-in clinical-critical policy, with short timeouts.
QJsonArray policies()
{
    const QJsonArray levels{
        QJsonObject{{u"notify"_s, QJsonArray{u"unit"_s}}, {u"ackTimeoutSeconds"_s, 120}},
        QJsonObject{{u"notify"_s, QJsonArray{u"unit"_s, u"role:charge-nurse"_s}}, {u"ackTimeoutSeconds"_s, 180}},
        QJsonObject{{u"notify"_s, QJsonArray{u"role:charge-nurse"_s, u"role:house-supervisor"_s}},
                    {u"ackTimeoutSeconds"_s, 300}}};
    const QJsonArray support{QJsonObject{{u"notify"_s, u"team:support"_s}, {u"ackTimeoutSeconds"_s, 600}}};
    return QJsonArray{QJsonObject{{u"name"_s, u"clinical-critical"_s}, {u"levels"_s, levels}},
                      QJsonObject{{u"name"_s, u"support"_s}, {u"levels"_s, support}}};
}

QList<qint64> ids(const EscalationQueueModel& model)
{
    QList<qint64> out;
    for (int row = 0; row < model.rowCount(); ++row)
        out.append(model.alertIdAt(row));
    return out;
}

} // namespace

class tst_EscalationQueueModel : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void soonestFirstAndOnlyWhatEscalates();
    void rowsMoveLeaveAndArriveWithTheBoard();
    void countdownFollowsTheClock();
    void countdownText_data();
    void countdownText();
    void nextRecipientsPerLevel_data();
    void nextRecipientsPerLevel();
    void policiesArePerNode();
    void tickEmitsOnlyRowsWhoseSecondChanged();
    void boardRolesPassThrough();

private:
    std::unique_ptr<AlertBoardModel> m_board;
    std::unique_ptr<EscalationQueueModel> m_queue;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
    qint64 m_now = T0;
};

void tst_EscalationQueueModel::init()
{
    m_now = T0;
    m_board = std::make_unique<AlertBoardModel>();
    m_board->setNodeName(u"n1"_s, u"North"_s);
    m_board->setNodeName(u"n2"_s, u"South"_s);
    m_queue = std::make_unique<EscalationQueueModel>(m_board.get());
    m_queue->setClock([this] { return m_now; });
    m_tester = std::make_unique<QAbstractItemModelTester>(m_queue.get(),
                                                          QAbstractItemModelTester::FailureReportingMode::QtTest);
}

void tst_EscalationQueueModel::cleanup()
{
    m_tester.reset();
    m_queue.reset();
    m_board.reset();
}

void tst_EscalationQueueModel::soonestFirstAndOnlyWhatEscalates()
{
    m_board->replaceNode(u"n1"_s, QJsonArray{alert(1, T0 + 30000), alert(2, T0 + 10000),
                                             alert(3, 0, u"acknowledged"_s), alert(4, T0 + 5000, u"suppressed"_s),
                                             alert(5, T0 + 20000, u"escalated"_s, 1)});
    m_board->replaceNode(u"n2"_s, QJsonArray{alert(7, T0 + 15000, u"notified"_s, 0, u"high"_s, u"support"_s)});
    QCOMPARE(ids(*m_queue), (QList<qint64>{2, 7, 5, 1}));
    QCOMPARE(m_queue->nodeIdAt(1), u"n2"_s);
    QCOMPARE(m_queue->index(1, EscalationQueueModel::NodeColumn).data().toString(), u"South"_s);
    // The board's plain words: the title (no evidence here) and where.
    QCOMPARE(m_queue->index(0, EscalationQueueModel::AlertColumn).data().toString(), u"Critical result 2 \u2014 ICU-3"_s);
    QCOMPARE(m_queue->index(0, EscalationQueueModel::SeverityColumn).data().toString(), u"critical"_s);
    QCOMPARE(m_queue->index(1, EscalationQueueModel::SeverityColumn).data().toString(), u"high"_s);
    QCOMPARE(m_queue->index(0, EscalationQueueModel::UnitColumn).data().toString(), u"ICU-3"_s);

    // Same time: the more severe first.
    m_board->upsert(u"n2"_s, alert(8, T0 + 10000, u"notified"_s, 0, u"low"_s, u"support"_s));
    m_board->upsert(u"n2"_s, alert(9, T0 + 10000, u"notified"_s, 0, u"critical"_s));
    QCOMPARE(ids(*m_queue).mid(0, 3), (QList<qint64>{2, 9, 8}));
}

void tst_EscalationQueueModel::rowsMoveLeaveAndArriveWithTheBoard()
{
    m_board->replaceNode(u"n1"_s, QJsonArray{alert(1, T0 + 10000), alert(2, T0 + 20000), alert(3, T0 + 30000)});
    QCOMPARE(ids(*m_queue), (QList<qint64>{1, 2, 3}));
    const QPersistentModelIndex first = m_queue->index(0, EscalationQueueModel::AlertColumn);
    QSignalSpy moved(m_queue.get(), &QAbstractItemModel::rowsMoved);
    QSignalSpy reset(m_queue.get(), &QAbstractItemModel::modelReset);

    // Alert 1 escalated: its next escalation is now the latest. The row moves (no reset), and an
    // index on it follows.
    m_board->upsert(u"n1"_s, alert(1, T0 + 40000, u"escalated"_s, 1, u"critical"_s, u"clinical-critical"_s, T0 + 1));
    QCOMPARE(ids(*m_queue), (QList<qint64>{2, 3, 1}));
    QVERIFY(moved.size() >= 1);
    QCOMPARE(reset.size(), 0);
    QVERIFY(first.isValid());
    QCOMPARE(first.row(), 2);
    QCOMPARE(first.data(AlertBoardModel::LevelRole).toInt(), 1);

    // Acknowledged: it leaves the board of what escalates (while staying on the alert board).
    QSignalSpy removed(m_queue.get(), &QAbstractItemModel::rowsRemoved);
    QJsonObject acked = alert(2, 0, u"acknowledged"_s, 0, u"critical"_s, u"clinical-critical"_s, T0 + 2);
    acked.insert(u"acknowledgedBy"_s, u"nina"_s);
    m_board->upsert(u"n1"_s, acked);
    QCOMPARE(m_board->rowCount(), 3);
    QCOMPARE(ids(*m_queue), (QList<qint64>{3, 1}));
    QCOMPARE(removed.size(), 1);

    // Resolved: off both boards.
    m_board->upsert(u"n1"_s, alert(3, 0, u"resolved"_s, 0, u"critical"_s, u"clinical-critical"_s, T0 + 3));
    QCOMPARE(ids(*m_queue), (QList<qint64>{1}));

    // A new alert slots in where its time says.
    QSignalSpy inserted(m_queue.get(), &QAbstractItemModel::rowsInserted);
    m_board->upsert(u"n1"_s, alert(4, T0 + 5000));
    QCOMPARE(ids(*m_queue), (QList<qint64>{4, 1}));
    QCOMPARE(inserted.size(), 1);
    QCOMPARE(inserted.first().at(1).toInt(), 0);

    // A node removed takes its rows along.
    m_board->removeNode(u"n1"_s);
    QCOMPARE(m_queue->rowCount(), 0);
}

void tst_EscalationQueueModel::countdownFollowsTheClock()
{
    m_board->replaceNode(u"n1"_s, QJsonArray{alert(1, T0 + 102000)});
    const QModelIndex when = m_queue->index(0, EscalationQueueModel::WhenColumn);
    QCOMPARE(when.data(EscalationQueueModel::CountdownMsRole).toLongLong(), 102000);
    QCOMPARE(when.data().toString(), u"1:42"_s);
    QCOMPARE(when.data(EscalationQueueModel::OverdueRole).toBool(), false);
    m_now = T0 + 114000;
    QCOMPARE(when.data(EscalationQueueModel::CountdownMsRole).toLongLong(), -12000);
    QCOMPARE(when.data().toString(), u"-0:12"_s);
    QCOMPARE(when.data(EscalationQueueModel::OverdueRole).toBool(), true);
}

void tst_EscalationQueueModel::countdownText_data()
{
    QTest::addColumn<qint64>("ms");
    QTest::addColumn<QString>("text");
    QTest::addColumn<qint64>("shown");
    QTest::addRow("due now") << qint64(0) << u"0:00"_s << qint64(0);
    QTest::addRow("1 ms left shows a second") << qint64(1) << u"0:01"_s << qint64(1);
    QTest::addRow("exactly 1 s") << qint64(1000) << u"0:01"_s << qint64(1);
    QTest::addRow("just over 1 s") << qint64(1001) << u"0:02"_s << qint64(2);
    QTest::addRow("1:42") << qint64(102000) << u"1:42"_s << qint64(102);
    QTest::addRow("an hour") << qint64(3661000) << u"61:01"_s << qint64(3661);
    QTest::addRow("1 ms overdue") << qint64(-1) << u"-0:00"_s << qint64(-1);
    QTest::addRow("12 s overdue") << qint64(-12000) << u"-0:12"_s << qint64(-13);
    QTest::addRow("almost 13 s overdue") << qint64(-12999) << u"-0:12"_s << qint64(-13);
}

void tst_EscalationQueueModel::countdownText()
{
    QFETCH(qint64, ms);
    QFETCH(QString, text);
    QFETCH(qint64, shown);
    QCOMPARE(EscalationQueueModel::countdownText(ms), text);
    QCOMPARE(EscalationQueueModel::shownSecond(ms), shown);
}

void tst_EscalationQueueModel::nextRecipientsPerLevel_data()
{
    QTest::addColumn<QString>("policy");
    QTest::addColumn<int>("level");
    QTest::addColumn<int>("nextLevel");
    QTest::addColumn<QStringList>("recipients");
    QTest::addColumn<bool>("repeat");
    QTest::addColumn<int>("timeout");
    QTest::addRow("first page → level 1")
        << u"clinical-critical"_s << 0 << 1 << QStringList{u"unit"_s, u"role:charge-nurse"_s} << false << 180;
    QTest::addRow("level 1 → level 2")
        << u"clinical-critical"_s << 1 << 2 << QStringList{u"role:charge-nurse"_s, u"role:house-supervisor"_s}
        << false << 300;
    QTest::addRow("last level repeats")
        << u"clinical-critical"_s << 2 << 2 << QStringList{u"role:charge-nurse"_s, u"role:house-supervisor"_s}
        << true << 300;
    QTest::addRow("beyond the last (policy shortened) repeats the last")
        << u"clinical-critical"_s << 7 << 2 << QStringList{u"role:charge-nurse"_s, u"role:house-supervisor"_s}
        << true << 300;
    QTest::addRow("one-level policy repeats at once")
        << u"support"_s << 0 << 0 << QStringList{u"team:support"_s} << true << 600;
    QTest::addRow("unknown policy: nothing guessed") << u"night-shift"_s << 0 << -1 << QStringList() << false << 0;
}

void tst_EscalationQueueModel::nextRecipientsPerLevel()
{
    QFETCH(QString, policy);
    QFETCH(int, level);
    QFETCH(int, nextLevel);
    QFETCH(QStringList, recipients);
    QFETCH(bool, repeat);
    QFETCH(int, timeout);
    m_board->replaceNode(u"n1"_s, QJsonArray{alert(1, T0 + 10000, u"escalated"_s, level, u"critical"_s, policy)});
    m_queue->setPolicies(u"n1"_s, policies());
    const QModelIndex row = m_queue->index(0, EscalationQueueModel::NextColumn);
    QCOMPARE(row.data(EscalationQueueModel::NextLevelRole).toInt(), nextLevel);
    QCOMPARE(row.data(EscalationQueueModel::NextRecipientsRole).toStringList(), recipients);
    QCOMPARE(row.data(EscalationQueueModel::NextIsRepeatRole).toBool(), repeat);
    QCOMPARE(row.data(EscalationQueueModel::PolicyKnownRole).toBool(), nextLevel >= 0);
    QCOMPARE(row.data(EscalationQueueModel::AckTimeoutSecondsRole).toInt(), timeout);
    QCOMPARE(row.data().toString(), recipients.join(u", "_s));
}

void tst_EscalationQueueModel::policiesArePerNode()
{
    m_board->replaceNode(u"n1"_s, QJsonArray{alert(1, T0 + 10000)});
    m_board->replaceNode(u"n2"_s, QJsonArray{alert(2, T0 + 20000)});
    QCOMPARE(m_queue->index(0, 0).data(EscalationQueueModel::NextLevelRole).toInt(), -1);

    QSignalSpy changed(m_queue.get(), &QAbstractItemModel::dataChanged);
    m_queue->setPolicies(u"n1"_s, policies());
    QVERIFY(m_queue->hasPolicies(u"n1"_s));
    QVERIFY(!m_queue->hasPolicies(u"n2"_s));
    // Only n1's row was told.
    QCOMPARE(changed.size(), 1);
    QCOMPARE(changed.first().at(0).toModelIndex().row(), 0);
    QCOMPARE(m_queue->index(0, 0).data(EscalationQueueModel::NextLevelRole).toInt(), 1);
    QCOMPARE(m_queue->index(1, 0).data(EscalationQueueModel::NextLevelRole).toInt(), -1);
    QVERIFY(m_queue->index(1, 0).data(EscalationQueueModel::NextRecipientsRole).toStringList().isEmpty());

    // Forgetting them (e.g. another user signed in) makes them unknown again.
    m_queue->setPolicies(u"n1"_s, QJsonArray());
    QCOMPARE(m_queue->index(0, 0).data(EscalationQueueModel::NextLevelRole).toInt(), -1);
}

void tst_EscalationQueueModel::tickEmitsOnlyRowsWhoseSecondChanged()
{
    m_board->replaceNode(u"n1"_s, QJsonArray{alert(1, T0 + 10500), alert(2, T0 + 20000), alert(3, T0 + 30200)});
    QSignalSpy changed(m_queue.get(), &QAbstractItemModel::dataChanged);

    m_queue->tick();
    QCOMPARE(changed.size(), 0);

    // 300 ms later only alert 3 crossed a second (31 → 30 shown); 10.2 s and 19.7 s still show 11 and 20.
    m_now = T0 + 300;
    m_queue->tick();
    QCOMPARE(changed.size(), 1);
    QCOMPARE(changed.first().at(0).toModelIndex(), m_queue->index(2, EscalationQueueModel::WhenColumn));
    QCOMPARE(changed.first().at(1).toModelIndex(), m_queue->index(2, EscalationQueueModel::WhenColumn));
    const QList<int> roles = changed.first().at(2).value<QList<int>>();
    QVERIFY(roles.contains(EscalationQueueModel::CountdownMsRole));
    QVERIFY(!roles.contains(EscalationQueueModel::NextRecipientsRole));
    QCOMPARE(m_queue->index(2, EscalationQueueModel::WhenColumn).data().toString(), u"0:30"_s);

    // A whole second later every row changed: one signal for the contiguous rows 0–2.
    changed.clear();
    m_now = T0 + 1300;
    m_queue->tick();
    QCOMPARE(changed.size(), 1);
    QCOMPARE(changed.first().at(0).toModelIndex().row(), 0);
    QCOMPARE(changed.first().at(1).toModelIndex().row(), 2);
    QCOMPARE(changed.first().at(0).toModelIndex().column(), int(EscalationQueueModel::WhenColumn));
    QCOMPARE(changed.first().at(1).toModelIndex().column(), int(EscalationQueueModel::WhenColumn));

    // Rows 0 and 2 change, row 1 does not: two signals, none for row 1.
    changed.clear();
    m_now = T0 + 1600; // 8.9 s → 9 (was 10: 9.2 s → 10), 18.4 s → 19 (unchanged), 28.6 s → 29 (unchanged)
    m_queue->tick();
    QCOMPARE(changed.size(), 1);
    QCOMPARE(changed.first().at(0).toModelIndex().row(), 0);
    QCOMPARE(changed.first().at(1).toModelIndex().row(), 0);

    // Crossing into overdue is a change too.
    changed.clear();
    m_now = T0 + 10501;
    m_queue->tick();
    QVERIFY(!changed.isEmpty());
    QCOMPARE(changed.first().at(0).toModelIndex().row(), 0);
    QVERIFY(m_queue->index(0, 0).data(EscalationQueueModel::OverdueRole).toBool());
    QCOMPARE(m_queue->index(0, 0).data().toString(), u"-0:00"_s);
}

void tst_EscalationQueueModel::boardRolesPassThrough()
{
    QJsonObject a = alert(1, T0 + 10000);
    m_board->replaceNode(u"n1"_s, QJsonArray{a});
    m_board->setPendingAction(u"n1"_s, 1, u"alert-acknowledge"_s, T0);
    const QModelIndex row = m_queue->index(0, EscalationQueueModel::UnitColumn);
    QCOMPARE(row.data(AlertBoardModel::AlertIdRole).toLongLong(), 1);
    QCOMPARE(row.data(AlertBoardModel::NodeIdRole).toString(), u"n1"_s);
    QCOMPARE(row.data(AlertBoardModel::PendingActionRole).toString(), u"alert-acknowledge"_s);
    QCOMPARE(row.data(AlertBoardModel::NextEscalationAtMsRole).toLongLong(), T0 + 10000);
    QCOMPARE(m_queue->rowOf(u"n1"_s, 1), 0);
    QCOMPARE(m_queue->rowOf(u"n1"_s, 2), -1);
}

QTEST_GUILESS_MAIN(tst_EscalationQueueModel)
#include "tst_escalationqueuemodel.moc"
