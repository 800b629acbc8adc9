// The pending-actions button and panel over a fleet whose nodes cannot be reached (nothing listens
// at their address), so every action stays pending: the status bar says how many, the panel says in
// plain words what pending means, discarding asks first and then never sends, "Send now" does not
// pretend, and a console restart shows what is still pending. ConsoleActionModel runs under a
// QAbstractItemModelTester throughout.
#include "tests/integration/IntegrationHelpers.h"

#include "models/console/ConsoleActionModel.h"
#include "ui/session/ActionQueue.h"
#include "ui/session/FleetActionFeed.h"
#include "ui/session/NodeFleet.h"
#include "ui/session/NodeSession.h"
#include "ui/session/TokenVault.h"
#include "ui/shell/PendingActionsButton.h"
#include "ui/views/PendingActionsPanel.h"

#include <QAbstractItemModelTester>
#include <QListView>
#include <QMainWindow>
#include <QPushButton>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>

namespace {

ConsoleAction acknowledge(int alertId, const QString& headline)
{
    ConsoleAction a;
    a.kind = QStringLiteral("alert-acknowledge");
    a.path = QStringLiteral("/api/v1/alerts/%1/acknowledge").arg(alertId);
    a.target = QStringLiteral("alert:%1").arg(alertId);
    a.summary = QStringLiteral("Acknowledge: ") + headline;
    a.user = QStringLiteral("nina");
    return a;
}

} // namespace

class tst_PendingActionsPanel : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void hiddenWhileNothingIsPending();
    void countsAndPlainWords();
    void discardAsksAndNeverSends();
    void discardIsOnlyForPending();
    void sendNowDoesNotPretend();
    void severalNodes();
    void restartShowsWhatIsStillPending();

private:
    void openFleet();
    void closeFleet();
    NodeSession* addNode(const QString& name);
    int rowOf(const QString& summaryPart) const;

    QTemporaryDir m_tmp;
    int m_round = 0;
    std::unique_ptr<TokenVault> m_vault;
    std::unique_ptr<NodeFleet> m_fleet;
    std::unique_ptr<QMainWindow> m_window;
    PendingActionsButton* m_button = nullptr;
    ConsoleActionModel* m_model = nullptr;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
};

void tst_PendingActionsPanel::initTestCase()
{
    qputenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/vigil-test-bus");
}

void tst_PendingActionsPanel::init()
{
    ++m_round;
    openFleet();
}

void tst_PendingActionsPanel::cleanup()
{
    closeFleet();
}

void tst_PendingActionsPanel::openFleet()
{
    const QString tag = QStringLiteral("round-%1").arg(m_round);
    m_vault = std::make_unique<TokenVault>(u"vigil-panel-test-" + tag);
    m_fleet = std::make_unique<NodeFleet>(m_vault.get(), m_tmp.filePath(tag + u".ini"), m_tmp.filePath(tag + u"-cache"));
    // The model is watched from before the first row arrives.
    m_model = FleetActionFeed::of(m_fleet.get())->model();
    m_tester = std::make_unique<QAbstractItemModelTester>(m_model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(m_fleet->load());
    m_window = std::make_unique<QMainWindow>();
    m_button = new PendingActionsButton(m_fleet.get(), m_window.get());
    m_window->statusBar()->addPermanentWidget(m_button);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
}

void tst_PendingActionsPanel::closeFleet()
{
    m_window.reset();
    m_button = nullptr;
    m_tester.reset();
    m_fleet.reset();
    m_vault.reset();
    m_model = nullptr;
}

NodeSession* tst_PendingActionsPanel::addNode(const QString& name)
{
    NodeProfile profile = NodeProfile::create();
    profile.displayName = name;
    profile.host = QStringLiteral("127.0.0.1");
    profile.port = IntegrationHelpers::freePort(); // nothing listens: the node stays unreachable
    profile.pinnedFingerprint = QStringLiteral("AA:BB:CC:DD:EE:FF:00:11:22:33:44:55:66:77:88:99:"
                                               "AA:BB:CC:DD:EE:FF:00:11:22:33:44:55:66:77:88:99");
    QString error;
    const QString id = m_fleet->addNode(profile, &error);
    if (id.isEmpty())
        qWarning("addNode: %s", qPrintable(error));
    return m_fleet->session(id);
}

int tst_PendingActionsPanel::rowOf(const QString& summaryPart) const
{
    for (int row = 0; row < m_model->rowCount(); ++row) {
        if (m_model->index(row).data(ConsoleActionModel::SummaryRole).toString().contains(summaryPart))
            return row;
    }
    return -1;
}

void tst_PendingActionsPanel::hiddenWhileNothingIsPending()
{
    NodeSession* ward = addNode(QStringLiteral("Ward node"));
    QVERIFY(ward);
    QVERIFY(!m_button->isVisible());
    QCOMPARE(m_model->rowCount(), 0);
    const QString key = ward->actions()->submit(acknowledge(1, QStringLiteral("Potassium 6.9")));
    QVERIFY(m_button->isVisible());
    QVERIFY(ward->actions()->discard(key));
    // Nothing pending, and a discard is the user's own doing: no reason to stay.
    QVERIFY(!m_button->isVisible());
    QCOMPARE(m_model->rowCount(), 1);
}

void tst_PendingActionsPanel::countsAndPlainWords()
{
    NodeSession* ward = addNode(QStringLiteral("Ward node"));
    QVERIFY(ward);
    ward->actions()->submit(acknowledge(1, QStringLiteral("Potassium 6.9")));
    ward->actions()->submit(acknowledge(2, QStringLiteral("Sodium 118")));
    QVERIFY(m_button->isVisible());
    QVERIFY2(m_button->text().startsWith(u"2 action"), qPrintable(m_button->text()));
    QVERIFY(m_button->text().contains(u"pending"));
    QVERIFY(!m_button->attention());
    QCOMPARE(m_model->pendingCount(), 2);

    m_button->openPanel();
    PendingActionsPanel* panel = m_button->panel();
    QVERIFY(panel);
    QVERIFY(panel->isVisible());
    QCOMPARE(panel->list()->model(), m_model);
    QVERIFY2(panel->headline().startsWith(u"2 action"), qPrintable(panel->headline()));
    QVERIFY(panel->headline().contains(u"Ward node"));
    // Oldest first, each saying what pending means. Made within the same millisecond or not, the
    // second is recorded as later than the first.
    QVERIFY(m_model->index(1).data(ConsoleActionModel::CreatedAtMsRole).toLongLong()
            > m_model->index(0).data(ConsoleActionModel::CreatedAtMsRole).toLongLong());
    QVERIFY(m_model->index(0).data(ConsoleActionModel::SummaryRole).toString().contains(u"Potassium"));
    const QString text = panel->textOf(0);
    QVERIFY2(text.startsWith(u"PENDING — Acknowledge: Potassium 6.9"), qPrintable(text));
    QVERIFY(text.contains(u"Ward node · by nina"));
    QVERIFY2(text.contains(u"Pending: not yet applied on Ward node. It will be sent once when the node is back."),
             qPrintable(text));
    QVERIFY(panel->sendNowButton()->isEnabled());
}

void tst_PendingActionsPanel::discardAsksAndNeverSends()
{
    NodeSession* ward = addNode(QStringLiteral("Ward node"));
    QVERIFY(ward);
    ActionQueue* queue = ward->actions();
    const QString first = queue->submit(acknowledge(1, QStringLiteral("Potassium 6.9")));
    queue->submit(acknowledge(2, QStringLiteral("Sodium 118")));
    m_button->openPanel();
    PendingActionsPanel* panel = m_button->panel();
    QString asked;
    bool answer = false;
    panel->setConfirmation([&](const QString&, const QString& text) {
        asked = text;
        return answer;
    });
    const int row = rowOf(QStringLiteral("Potassium"));
    panel->list()->setCurrentIndex(m_model->index(row));
    QVERIFY(panel->discardButton()->isEnabled());

    // Declined: nothing happens.
    QVERIFY(!panel->discardSelected());
    QVERIFY2(asked.contains(u"never be sent to Ward node"), qPrintable(asked));
    QCOMPARE(queue->pendingCount(), 2);

    // Confirmed (with the Delete key this time): discarded, and the status bar counts one.
    answer = true;
    asked.clear();
    QTest::keyClick(panel, Qt::Key_Delete);
    QVERIFY(!asked.isEmpty());
    QCOMPARE(queue->action(first)->state, ConsoleAction::State::Discarded);
    QCOMPARE(queue->action(first)->attempts, 0);
    QCOMPARE(queue->pendingCount(), 1);
    QVERIFY2(m_button->text().startsWith(u"1 action"), qPrintable(m_button->text()));
    const int discarded = rowOf(QStringLiteral("Potassium"));
    QCOMPARE(m_model->index(discarded).data(ConsoleActionModel::StateRole).toString(), QStringLiteral("discarded"));
    QVERIFY2(panel->textOf(discarded).contains(u"Discarded: never sent to Ward node."), qPrintable(panel->textOf(discarded)));
    QVERIFY(panel->feedback().contains(u"will not be sent"));
    // Outcomes come after what is still pending.
    QCOMPARE(m_model->index(0).data(ConsoleActionModel::StateRole).toString(), QStringLiteral("pending"));
    QVERIFY(!queue->pendingFor(QStringLiteral("alert:1")));
}

void tst_PendingActionsPanel::discardIsOnlyForPending()
{
    NodeSession* ward = addNode(QStringLiteral("Ward node"));
    QVERIFY(ward);
    const QString key = ward->actions()->submit(acknowledge(1, QStringLiteral("Potassium 6.9")));
    QVERIFY(ward->actions()->discard(key));
    ward->actions()->submit(acknowledge(2, QStringLiteral("Sodium 118")));
    m_button->openPanel();
    PendingActionsPanel* panel = m_button->panel();
    panel->list()->setCurrentIndex(m_model->index(rowOf(QStringLiteral("Potassium"))));
    QVERIFY(!panel->discardButton()->isEnabled());
    bool asked = false;
    panel->setConfirmation([&](const QString&, const QString&) { return asked = true; });
    QVERIFY(!panel->discardSelected());
    QVERIFY(!asked); // not even asked: there is nothing to discard
    panel->list()->setCurrentIndex(m_model->index(rowOf(QStringLiteral("Sodium"))));
    QVERIFY(panel->discardButton()->isEnabled());
}

void tst_PendingActionsPanel::sendNowDoesNotPretend()
{
    NodeSession* ward = addNode(QStringLiteral("Ward node"));
    QVERIFY(ward);
    const QString key = ward->actions()->submit(acknowledge(1, QStringLiteral("Potassium 6.9")));
    m_button->openPanel();
    PendingActionsPanel* panel = m_button->panel();
    QTest::mouseClick(panel->sendNowButton(), Qt::LeftButton);
    QVERIFY(!panel->feedback().isEmpty());
    QTest::qWait(200);
    // The node cannot be reached: still pending, never sent, still counted.
    QVERIFY(ward->actions()->action(key)->isPending());
    QCOMPARE(ward->actions()->action(key)->attempts, 0);
    QCOMPARE(m_model->pendingCount(), 1);
    QVERIFY(panel->textOf(0).contains(u"Pending: not yet applied on Ward node"));
}

void tst_PendingActionsPanel::severalNodes()
{
    NodeSession* ward = addNode(QStringLiteral("Ward node"));
    NodeSession* lab = addNode(QStringLiteral("Lab node"));
    QVERIFY(ward && lab);
    ward->actions()->submit(acknowledge(1, QStringLiteral("Potassium 6.9")));
    lab->actions()->submit(acknowledge(7, QStringLiteral("Lab queue backlog")));
    ward->actions()->submit(acknowledge(2, QStringLiteral("Sodium 118")));
    QCOMPARE(m_model->pendingCount(), 3);
    QVERIFY2(m_button->text().startsWith(u"3 action"), qPrintable(m_button->text()));
    m_button->openPanel();
    PendingActionsPanel* panel = m_button->panel();
    QVERIFY(panel->headline().contains(u"Lab node: 1"));
    QVERIFY(panel->headline().contains(u"Ward node: 2"));
    const int labRow = rowOf(QStringLiteral("backlog"));
    QCOMPARE(m_model->index(labRow).data(ConsoleActionModel::NodeNameRole).toString(), QStringLiteral("Lab node"));
    QVERIFY(panel->textOf(labRow).contains(u"not yet applied on Lab node"));

    // A node removed from the console takes its rows along.
    QVERIFY(m_fleet->removeNode(lab->nodeId()));
    QCOMPARE(m_model->pendingCount(), 2);
    QCOMPARE(rowOf(QStringLiteral("backlog")), -1);
}

void tst_PendingActionsPanel::restartShowsWhatIsStillPending()
{
    NodeSession* ward = addNode(QStringLiteral("Ward node"));
    QVERIFY(ward);
    const QString keep = ward->actions()->submit(acknowledge(1, QStringLiteral("Potassium 6.9")));
    const QString gone = ward->actions()->submit(acknowledge(2, QStringLiteral("Sodium 118")));
    QVERIFY(ward->actions()->discard(gone));

    // The console closes and starts again on the same settings and cache.
    closeFleet();
    openFleet();
    QTRY_COMPARE(m_model->pendingCount(), 1);
    const int row = rowOf(QStringLiteral("Potassium"));
    QVERIFY(row >= 0);
    QCOMPARE(m_model->index(row).data(ConsoleActionModel::KeyRole).toString(), keep);
    QCOMPARE(m_model->index(row).data(ConsoleActionModel::NodeNameRole).toString(), QStringLiteral("Ward node"));
    QCOMPARE(m_model->index(row).data(ConsoleActionModel::StateRole).toString(), QStringLiteral("pending"));
    // The discarded one is remembered as discarded, never back to pending.
    QCOMPARE(m_model->index(rowOf(QStringLiteral("Sodium"))).data(ConsoleActionModel::StateRole).toString(),
             QStringLiteral("discarded"));
    QTRY_VERIFY(m_button->isVisible());
    QVERIFY2(m_button->text().startsWith(u"1 action"), qPrintable(m_button->text()));
}

QTEST_MAIN(tst_PendingActionsPanel)
#include "tst_pendingactionspanel.moc"
