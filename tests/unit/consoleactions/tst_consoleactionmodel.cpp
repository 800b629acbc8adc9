// ConsoleActionModel: every node's actions in one list, pending first (oldest first), then outcomes
// (newest first); rows move when an action finishes; the counts the status-bar button shows;
// refusals need attention until seen. A QAbstractItemModelTester watches every change.
#include "models/console/ConsoleActionModel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

namespace {

ConsoleAction action(const QString& node, const QString& key, qint64 createdAtMs,
                     ConsoleAction::State state = ConsoleAction::State::Pending, qint64 finishedAtMs = 0)
{
    ConsoleAction a;
    a.nodeId = node;
    a.key = key;
    a.kind = QStringLiteral("alert-acknowledge");
    a.target = QStringLiteral("alert:") + key;
    a.summary = QStringLiteral("Acknowledge ") + key;
    a.user = QStringLiteral("nina");
    a.createdAtMs = createdAtMs;
    a.state = state;
    a.finishedAtMs = finishedAtMs;
    return a;
}

QStringList keys(const ConsoleActionModel& model)
{
    QStringList result;
    for (int row = 0; row < model.rowCount(); ++row)
        result << model.index(row).data(ConsoleActionModel::KeyRole).toString();
    return result;
}

} // namespace

class tst_ConsoleActionModel : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void pendingFirstThenNewestOutcome();
    void finishingMovesTheRow();
    void rolesSayWhatHappened_data();
    void rolesSayWhatHappened();
    void countsFollowPendingAndUnseenRefusals();
    void replaceAndRemoveNode();
    void nodeNames();

private:
    std::unique_ptr<ConsoleActionModel> m_model;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
};

void tst_ConsoleActionModel::init()
{
    m_model = std::make_unique<ConsoleActionModel>();
    m_tester = std::make_unique<QAbstractItemModelTester>(m_model.get(),
                                                          QAbstractItemModelTester::FailureReportingMode::QtTest);
}

void tst_ConsoleActionModel::cleanup()
{
    m_tester.reset();
    m_model.reset();
}

void tst_ConsoleActionModel::pendingFirstThenNewestOutcome()
{
    m_model->upsert(action(QStringLiteral("n1"), QStringLiteral("old-applied"), 100, ConsoleAction::State::Applied, 150));
    m_model->upsert(action(QStringLiteral("n2"), QStringLiteral("late-pending"), 300));
    m_model->upsert(action(QStringLiteral("n1"), QStringLiteral("new-refused"), 200, ConsoleAction::State::Refused, 250));
    m_model->upsert(action(QStringLiteral("n1"), QStringLiteral("early-pending"), 50));
    QCOMPARE(keys(*m_model), (QStringList{QStringLiteral("early-pending"), QStringLiteral("late-pending"),
                                          QStringLiteral("new-refused"), QStringLiteral("old-applied")}));
}

void tst_ConsoleActionModel::finishingMovesTheRow()
{
    m_model->upsert(action(QStringLiteral("n1"), QStringLiteral("a"), 10));
    m_model->upsert(action(QStringLiteral("n1"), QStringLiteral("b"), 20));
    m_model->upsert(action(QStringLiteral("n1"), QStringLiteral("done"), 5, ConsoleAction::State::Applied, 8));
    QCOMPARE(keys(*m_model), (QStringList{QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("done")}));

    // "a" is answered: it leaves the pending block and becomes the newest outcome.
    QSignalSpy moved(m_model.get(), &QAbstractItemModel::rowsInserted);
    m_model->upsert(action(QStringLiteral("n1"), QStringLiteral("a"), 10, ConsoleAction::State::Applied, 30));
    QCOMPARE(keys(*m_model), (QStringList{QStringLiteral("b"), QStringLiteral("a"), QStringLiteral("done")}));
    QCOMPARE(moved.size(), 1);

    // A change that keeps the place is a dataChanged, not a move.
    QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
    ConsoleAction b = action(QStringLiteral("n1"), QStringLiteral("b"), 20);
    b.attempts = 3;
    m_model->upsert(b, true);
    QCOMPARE(changed.size(), 1);
    QCOMPARE(m_model->index(0).data(ConsoleActionModel::AttemptsRole).toInt(), 3);
    QVERIFY(m_model->index(0).data(ConsoleActionModel::InFlightRole).toBool());
    QCOMPARE(keys(*m_model).size(), 3);
}

void tst_ConsoleActionModel::rolesSayWhatHappened_data()
{
    QTest::addColumn<int>("state");
    QTest::addColumn<QString>("name");
    QTest::addColumn<bool>("seen");
    QTest::addColumn<bool>("attention");
    QTest::addRow("pending") << int(ConsoleAction::State::Pending) << QStringLiteral("pending") << false << false;
    QTest::addRow("applied") << int(ConsoleAction::State::Applied) << QStringLiteral("applied") << true << false;
    QTest::addRow("refused, unseen") << int(ConsoleAction::State::Refused) << QStringLiteral("refused") << false << true;
    QTest::addRow("refused, seen") << int(ConsoleAction::State::Refused) << QStringLiteral("refused") << true << false;
    QTest::addRow("discarded") << int(ConsoleAction::State::Discarded) << QStringLiteral("discarded") << true << false;
}

void tst_ConsoleActionModel::rolesSayWhatHappened()
{
    QFETCH(int, state);
    QFETCH(QString, name);
    QFETCH(bool, seen);
    QFETCH(bool, attention);
    ConsoleAction a = action(QStringLiteral("n1"), QStringLiteral("k"), 1000, ConsoleAction::State(state),
                             state == 0 ? 0 : 2000);
    a.seen = seen;
    a.attempts = 2;
    a.outcome = QStringLiteral("alert is resolved");
    a.hold = ConsoleAction::Hold::OtherUser;
    a.httpStatus = 409;
    m_model->upsert(a);
    const QModelIndex i = m_model->index(0);
    QCOMPARE(i.data(ConsoleActionModel::StateRole).toString(), name);
    QCOMPARE(i.data(ConsoleActionModel::NeedsAttentionRole).toBool(), attention);
    QCOMPARE(i.data(ConsoleActionModel::NodeIdRole).toString(), QStringLiteral("n1"));
    QCOMPARE(i.data(ConsoleActionModel::KindRole).toString(), QStringLiteral("alert-acknowledge"));
    QCOMPARE(i.data(ConsoleActionModel::TargetRole).toString(), QStringLiteral("alert:k"));
    QCOMPARE(i.data(ConsoleActionModel::SummaryRole).toString(), QStringLiteral("Acknowledge k"));
    QCOMPARE(i.data(Qt::DisplayRole).toString(), QStringLiteral("Acknowledge k"));
    QCOMPARE(i.data(ConsoleActionModel::UserNameRole).toString(), QStringLiteral("nina"));
    QCOMPARE(i.data(ConsoleActionModel::CreatedAtMsRole).toLongLong(), 1000);
    QCOMPARE(i.data(ConsoleActionModel::AttemptsRole).toInt(), 2);
    QCOMPARE(i.data(ConsoleActionModel::OutcomeRole).toString(), QStringLiteral("alert is resolved"));
    QCOMPARE(i.data(ConsoleActionModel::HttpStatusRole).toInt(), 409);
    // A hold only means something while the action waits.
    QCOMPARE(i.data(ConsoleActionModel::HoldRole).toString(), state == 0 ? QStringLiteral("other-user") : QString());
    QCOMPARE(m_model->pendingCount(), state == 0 ? 1 : 0);
    QCOMPARE(m_model->attentionCount(), attention ? 1 : 0);
}

void tst_ConsoleActionModel::countsFollowPendingAndUnseenRefusals()
{
    QSignalSpy counts(m_model.get(), &ConsoleActionModel::countsChanged);
    m_model->upsert(action(QStringLiteral("n1"), QStringLiteral("a"), 10));
    m_model->upsert(action(QStringLiteral("n2"), QStringLiteral("b"), 20));
    QCOMPARE(m_model->pendingCount(), 2);
    QCOMPARE(counts.last().at(0).toInt(), 2);

    ConsoleAction refused = action(QStringLiteral("n2"), QStringLiteral("b"), 20, ConsoleAction::State::Refused, 40);
    m_model->upsert(refused);
    QCOMPARE(m_model->pendingCount(), 1);
    QCOMPARE(m_model->attentionCount(), 1);
    QCOMPARE(counts.last(), (QVariantList{1, 1}));

    refused.seen = true;
    m_model->upsert(refused);
    QCOMPARE(m_model->attentionCount(), 0);
    QCOMPARE(counts.last(), (QVariantList{1, 0}));

    // Nothing changed: no signal.
    const auto before = counts.size();
    m_model->upsert(refused);
    QCOMPARE(counts.size(), before);
}

void tst_ConsoleActionModel::replaceAndRemoveNode()
{
    m_model->upsert(action(QStringLiteral("n1"), QStringLiteral("keep"), 10));
    m_model->upsert(action(QStringLiteral("n2"), QStringLiteral("gone"), 20));
    m_model->replaceNode(QStringLiteral("n2"),
                         {action(QString(), QStringLiteral("x"), 5), action(QString(), QStringLiteral("y"), 30)},
                         QStringLiteral("y"));
    QCOMPARE(keys(*m_model), (QStringList{QStringLiteral("x"), QStringLiteral("keep"), QStringLiteral("y")}));
    // Rows take the node they were loaded for.
    QCOMPARE(m_model->index(0).data(ConsoleActionModel::NodeIdRole).toString(), QStringLiteral("n2"));
    QVERIFY(m_model->isInFlight(m_model->rowOf(QStringLiteral("n2"), QStringLiteral("y"))));
    QVERIFY(!m_model->isInFlight(m_model->rowOf(QStringLiteral("n2"), QStringLiteral("x"))));
    QCOMPARE(m_model->rowOf(QStringLiteral("n2"), QStringLiteral("gone")), -1);
    QCOMPARE(m_model->pendingCount(), 3);

    m_model->removeNode(QStringLiteral("n2"));
    QCOMPARE(keys(*m_model), QStringList{QStringLiteral("keep")});
    QCOMPARE(m_model->pendingCount(), 1);
    QCOMPARE(m_model->actionAt(0).key, QStringLiteral("keep"));
    QVERIFY(m_model->actionAt(5).key.isEmpty());
}

void tst_ConsoleActionModel::nodeNames()
{
    m_model->upsert(action(QStringLiteral("n1"), QStringLiteral("a"), 10));
    // Without a name the id stands in, so a row never shows an empty node.
    QCOMPARE(m_model->index(0).data(ConsoleActionModel::NodeNameRole).toString(), QStringLiteral("n1"));
    QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
    m_model->setNodeName(QStringLiteral("n1"), QStringLiteral("Ward node"));
    QCOMPARE(changed.size(), 1);
    QCOMPARE(m_model->index(0).data(ConsoleActionModel::NodeNameRole).toString(), QStringLiteral("Ward node"));
    m_model->setNodeName(QStringLiteral("n1"), QStringLiteral("Ward node"));
    QCOMPARE(changed.size(), 1);
}

QTEST_GUILESS_MAIN(tst_ConsoleActionModel)
#include "tst_consoleactionmodel.moc"
