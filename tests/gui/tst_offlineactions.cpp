// Issue 6, "offline actions", against a REAL vigil-node: a nurse's console is live on an alert, the
// node is killed (SIGKILL), the nurse acknowledges on the alert board → the board shows the alert
// PENDING, not acknowledged; the node restarts → the acknowledgement is applied exactly once (one
// "acknowledge" in the alert's history, one alert-acknowledge in the audit log) and the console
// shows it applied. Second: acknowledged offline, but resolved by support meanwhile (before the
// console reconnects) → refused, and the console says so plainly in the node's words. A refusal
// warns in the status bar until seen. A console closed with an action pending shows it again at
// start and sends it once its user has signed in.
#include "tests/gui/support/ConsoleNodeFixture.h"
#include "tests/integration/OpsApiHelpers.h"

#include "models/console/AlertBoardModel.h"
#include "models/console/ConsoleActionModel.h"
#include "ui/session/ActionQueue.h"
#include "ui/session/FleetActionFeed.h"
#include "ui/session/NodeFleet.h"
#include "ui/session/NodeSession.h"
#include "ui/session/TokenVault.h"
#include "ui/shell/PendingActionsButton.h"
#include "ui/views/AlertBoardView.h"
#include "ui/views/PendingActionsPanel.h"

#include <QAbstractItemModelTester>
#include <QDir>
#include <QJsonArray>
#include <QMainWindow>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTest>

#include <algorithm>

namespace {
constexpr int WaitMs = 30000;
const QString NodeName = QStringLiteral("Test node");
} // namespace

class tst_OfflineActions : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void offlineAcknowledgementAppliedExactlyOnce();
    void offlineAcknowledgementRefusedWhenResolvedMeanwhile();
    void refusalWarnsInTheStatusBarUntilSeen();
    void consoleRestartKeepsThePendingAcknowledgement();

private:
    qint64 raiseAlert(const QString& controlId, const QString& mrn);
    QString acknowledgeOnTheBoard(qint64 alertId);
    QModelIndex boardRow(qint64 alertId) const;
    int actionRow(const QString& key) const;
    int historyCount(qint64 alertId, const QString& action);
    bool killNode();
    bool restartNode();

    ConsoleNodeFixture m_fixture;
    std::unique_ptr<ConsoleNodeFixture::Console> m_console;
    std::unique_ptr<QMainWindow> m_window;
    AlertBoardView* m_board = nullptr;
    PendingActionsButton* m_button = nullptr;
    ConsoleActionModel* m_actions = nullptr;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
    qint64 m_acknowledgedAlert = 0; ///< acknowledged by the first test
};

void tst_OfflineActions::initTestCase()
{
    qputenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/vigil-test-bus");
    QString error;
    QVERIFY2(m_fixture.start(&error), qPrintable(error));
    m_console = m_fixture.console(ConsoleNodeFixture::NurseIcu, false, &error);
    QVERIFY2(m_console, qPrintable(error));
    m_console->session->actions()->setRetryDelays(200, 2000);

    // The console's surfaces for this: the alert board, and the status-bar button with its panel.
    m_actions = FleetActionFeed::of(m_console->fleet.get())->model();
    m_tester = std::make_unique<QAbstractItemModelTester>(m_actions, QAbstractItemModelTester::FailureReportingMode::QtTest);
    m_window = std::make_unique<QMainWindow>();
    m_board = new AlertBoardView(m_console->fleet.get(), m_window.get());
    m_window->setCentralWidget(m_board);
    m_button = new PendingActionsButton(m_console->fleet.get(), m_window.get());
    m_window->statusBar()->addPermanentWidget(m_button);
    m_window->resize(1200, 800);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    QVERIFY(!m_button->isVisible()); // nothing pending, nothing refused
}

void tst_OfflineActions::cleanupTestCase()
{
    m_tester.reset();
    m_window.reset();
    m_console.reset();
    if (m_fixture.node().isRunning())
        m_fixture.node().terminate();
}

qint64 tst_OfflineActions::raiseAlert(const QString& controlId, const QString& mrn)
{
    if (m_fixture.send(ConsoleNodeFixture::criticalPotassium(controlId, mrn)) != u"AA")
        return 0;
    const AlertBoardModel* board = m_console->fleet->alerts();
    qint64 id = 0;
    (void)QTest::qWaitFor([&] {
        for (int row = 0; row < board->rowCount(); ++row) {
            const QJsonObject alert = board->alert(row);
            if (alert.value(u"evidence").toObject().value(u"controlId").toString() == controlId)
                id = alert.value(u"id").toInteger();
        }
        return id > 0;
    }, WaitMs);
    return id;
}

QModelIndex tst_OfflineActions::boardRow(qint64 alertId) const
{
    const AlertBoardModel* board = m_console->fleet->alerts();
    const int row = board->rowOf(m_console->nodeId, alertId);
    return row < 0 ? QModelIndex() : board->index(row);
}

QString tst_OfflineActions::acknowledgeOnTheBoard(qint64 alertId)
{
    QSignalSpy submitted(m_board, &AlertBoardView::actionSubmitted);
    if (!m_board->selectAlert(m_console->nodeId, alertId))
        return QString();
    m_board->acknowledgeSelected();
    if (submitted.isEmpty())
        return QString();
    return submitted.first().at(1).value<ConsoleAction>().key;
}

int tst_OfflineActions::actionRow(const QString& key) const
{
    return m_actions->rowOf(m_console->nodeId, key);
}

int tst_OfflineActions::historyCount(qint64 alertId, const QString& action)
{
    const ApiClient api = m_fixture.api(ConsoleNodeFixture::Admin);
    const QJsonArray history = api.get(u"/api/v1/alerts/" + QString::number(alertId)).json().value(u"history").toArray();
    return int(std::count_if(history.begin(), history.end(),
                             [&](const QJsonValue& h) { return h.toObject().value(u"action").toString() == action; }));
}

bool tst_OfflineActions::killNode()
{
    m_fixture.node().kill();
    NodeSession* session = m_console->session;
    return QTest::qWaitFor([session] { return !session->isLive(); }, WaitMs);
}

bool tst_OfflineActions::restartNode()
{
    QString error;
    if (!m_fixture.node().restart(&error)) {
        qWarning("restart failed: %s", qPrintable(error));
        return false;
    }
    return true;
}

void tst_OfflineActions::offlineAcknowledgementAppliedExactlyOnce()
{
    const qint64 alertId = raiseAlert(QStringLiteral("OFF-1"), QStringLiteral("MRN-OFF-1"));
    QVERIFY(alertId > 0);
    QVERIFY(m_console->session->isLive());

    QVERIFY(killNode());
    const QString key = acknowledgeOnTheBoard(alertId);
    QVERIFY(!key.isEmpty());

    // The board: pending, not acknowledged.
    QModelIndex card = boardRow(alertId);
    QVERIFY(card.isValid());
    QCOMPARE(card.data(AlertBoardModel::PendingActionRole).toString(), QStringLiteral("alert-acknowledge"));
    QVERIFY(card.data(AlertBoardModel::StateRole).toString() != u"acknowledged");
    QVERIFY(card.data(AlertBoardModel::AcknowledgedByRole).toString().isEmpty());

    // The status bar and the list say it plainly.
    QTRY_VERIFY_WITH_TIMEOUT(m_button->isVisible(), WaitMs);
    QVERIFY2(m_button->text().startsWith(u"1 action"), qPrintable(m_button->text()));
    QVERIFY(m_button->text().contains(u"pending"));
    QVERIFY(!m_button->attention());
    int row = actionRow(key);
    QVERIFY(row >= 0);
    QCOMPARE(m_actions->index(row).data(ConsoleActionModel::StateRole).toString(), QStringLiteral("pending"));
    QCOMPARE(m_actions->index(row).data(ConsoleActionModel::UserNameRole).toString(), ConsoleNodeFixture::NurseIcu);
    m_button->openPanel();
    PendingActionsPanel* panel = m_button->panel();
    QVERIFY(panel);
    QVERIFY2(panel->textOf(row).contains(
                 u"Pending: not yet applied on " + NodeName + u". It will be sent once when the node is back."),
             qPrintable(panel->textOf(row)));
    panel->close();

    // The node returns: sent once, applied once.
    QVERIFY(restartNode());
    QTRY_COMPARE_WITH_TIMEOUT(m_actions->index(actionRow(key)).data(ConsoleActionModel::StateRole).toString(),
                              QStringLiteral("applied"), WaitMs);
    QTRY_COMPARE_WITH_TIMEOUT(boardRow(alertId).data(AlertBoardModel::StateRole).toString(),
                              QStringLiteral("acknowledged"), WaitMs);
    card = boardRow(alertId);
    QVERIFY(card.data(AlertBoardModel::PendingActionRole).toString().isEmpty());
    QCOMPARE(card.data(AlertBoardModel::AcknowledgedByRole).toString(), ConsoleNodeFixture::NurseIcu);
    row = actionRow(key);
    QVERIFY2(panel->textOf(row).contains(u"Applied on " + NodeName), qPrintable(panel->textOf(row)));
    QTRY_VERIFY_WITH_TIMEOUT(!m_button->isVisible(), WaitMs);

    QCOMPARE(historyCount(alertId, QStringLiteral("acknowledge")), 1);
    const ApiClient admin = m_fixture.api(ConsoleNodeFixture::Admin);
    const QJsonArray audit = admin.get(u"/api/v1/audit?action=alert-acknowledge&target=alert:" + QString::number(alertId))
                                 .json()
                                 .value(u"items")
                                 .toArray();
    QCOMPARE(audit.size(), 1);
    QCOMPARE(audit.first().toObject().value(u"actor").toString(), ConsoleNodeFixture::NurseIcu);
    QCOMPARE(audit.first().toObject().value(u"outcome").toString(), QStringLiteral("ok"));
    m_acknowledgedAlert = alertId;
}

void tst_OfflineActions::offlineAcknowledgementRefusedWhenResolvedMeanwhile()
{
    QTRY_VERIFY_WITH_TIMEOUT(m_console->session->isLive(), WaitMs);
    const qint64 alertId = raiseAlert(QStringLiteral("OFF-2"), QStringLiteral("MRN-OFF-2"));
    QVERIFY(alertId > 0);

    // Keep the console away from the node after it comes back, until the test lets it reconnect.
    NodeSession* session = m_console->session;
    m_console->fleet->setPollIntervals(600000, 600000);
    session->stream()->setBackoff(600000, 600000, 5000);
    QVERIFY(killNode());
    const QString key = acknowledgeOnTheBoard(alertId);
    QVERIFY(!key.isEmpty());
    QCOMPARE(boardRow(alertId).data(AlertBoardModel::PendingActionRole).toString(), QStringLiteral("alert-acknowledge"));

    // Meanwhile, on the node: support resolves it.
    QVERIFY(restartNode());
    QVERIFY(!session->isLive());
    const ApiClient support = m_fixture.api(ConsoleNodeFixture::Support);
    const ApiClient::Reply resolved =
        support.post(u"/api/v1/alerts/" + QString::number(alertId) + u"/resolve",
                     QJsonObject{{QStringLiteral("disposition"), QStringLiteral("source_cleared")},
                                 {QStringLiteral("note"), QStringLiteral("lab repeated the sample")}},
                     QStringLiteral("resolve-meanwhile-1"));
    QCOMPARE(resolved.status, 200);
    QVERIFY(!session->isLive());
    QCOMPARE(m_actions->index(actionRow(key)).data(ConsoleActionModel::StateRole).toString(), QStringLiteral("pending"));

    // The console reconnects: the pending acknowledgement is refused, in the node's words.
    m_console->fleet->setPollIntervals(1000, 500);
    session->stream()->setBackoff(200, 1000, 5000);
    session->refresh();
    QTRY_COMPARE_WITH_TIMEOUT(m_actions->index(actionRow(key)).data(ConsoleActionModel::StateRole).toString(),
                              QStringLiteral("refused"), WaitMs);
    const int row = actionRow(key);
    const QString words = m_actions->index(row).data(ConsoleActionModel::OutcomeRole).toString();
    QVERIFY2(words.contains(u"resolved"), qPrintable(words));
    PendingActionsPanel* panel = m_button->panel();
    QVERIFY(panel);
    QVERIFY2(panel->textOf(row).contains(u"Refused by " + NodeName + u": " + words), qPrintable(panel->textOf(row)));
    QCOMPARE(historyCount(alertId, QStringLiteral("acknowledge")), 0);

    // Not shown as done anywhere: the closed alert leaves the board, nothing pending remains on it.
    QTRY_VERIFY_WITH_TIMEOUT(!boardRow(alertId).isValid(), WaitMs);
    QVERIFY(!session->actions()->pendingFor(u"alert:" + QString::number(alertId)));

    // Said where the user acted, and in the list: nothing waits any more.
    QVERIFY(panel->textOf(actionRow(key)).startsWith(u"REFUSED"));
    QCOMPARE(m_actions->pendingCount(), 0);
}

void tst_OfflineActions::refusalWarnsInTheStatusBarUntilSeen()
{
    // A refusal that arrives while the user is elsewhere (no board following it): alert OFF-1 was
    // acknowledged above, so another acknowledgement is refused by the node.
    QTRY_VERIFY_WITH_TIMEOUT(m_console->session->isLive(), WaitMs);
    if (PendingActionsPanel* panel = m_button->panel())
        panel->close();
    QVERIFY(!m_button->isVisible());
    const qint64 alertId = m_acknowledgedAlert;
    QVERIFY(alertId > 0);
    ConsoleAction again;
    again.kind = QStringLiteral("alert-acknowledge");
    again.path = u"/api/v1/alerts/" + QString::number(alertId) + u"/acknowledge";
    again.target = u"alert:" + QString::number(alertId);
    again.summary = QStringLiteral("Acknowledge: critical potassium, second time");
    again.user = m_console->session->userName();
    const QString key = m_console->session->actions()->submit(again);
    QTRY_COMPARE_WITH_TIMEOUT(m_actions->index(actionRow(key)).data(ConsoleActionModel::StateRole).toString(),
                              QStringLiteral("refused"), WaitMs);

    // The status bar warns, by icon and words, until the list has been opened.
    QTRY_VERIFY_WITH_TIMEOUT(m_button->isVisible(), WaitMs);
    QVERIFY(m_button->attention());
    QVERIFY2(m_button->text().contains(u"1 refused"), qPrintable(m_button->text()));
    QVERIFY(!m_button->text().contains(u"pending"));
    QVERIFY(m_actions->index(actionRow(key)).data(ConsoleActionModel::NeedsAttentionRole).toBool());
    m_button->openPanel();
    QTRY_VERIFY_WITH_TIMEOUT(!m_button->attention(), WaitMs);
    QVERIFY(!m_button->isVisible());
    QVERIFY(m_console->session->actions()->action(key)->seen);
    // The list keeps saying it, in the node's words.
    const QString text = m_button->panel()->textOf(actionRow(key));
    QVERIFY2(text.contains(u"Refused by " + NodeName + u": already acknowledged by " + ConsoleNodeFixture::NurseIcu),
             qPrintable(text));
}

void tst_OfflineActions::consoleRestartKeepsThePendingAcknowledgement()
{
    QTRY_VERIFY_WITH_TIMEOUT(m_console->session->isLive(), WaitMs);
    const qint64 alertId = raiseAlert(QStringLiteral("OFF-3"), QStringLiteral("MRN-OFF-3"));
    QVERIFY(alertId > 0);
    const QString tag = QStringLiteral("restarting-console");
    QString error;
    auto first = m_fixture.console(ConsoleNodeFixture::NurseIcu, false, &error, tag);
    QVERIFY2(first, qPrintable(error));
    const QString nodeId = first->nodeId;
    QTRY_VERIFY_WITH_TIMEOUT(first->fleet->alerts()->rowOf(nodeId, alertId) >= 0, WaitMs);

    QVERIFY(killNode());
    NodeSession* session = first->session;
    QTRY_VERIFY_WITH_TIMEOUT(!session->isLive(), WaitMs);
    ConsoleAction ack;
    ack.kind = QStringLiteral("alert-acknowledge");
    ack.path = u"/api/v1/alerts/" + QString::number(alertId) + u"/acknowledge";
    ack.body = QJsonObject{{QStringLiteral("note"), QStringLiteral("seen at the bedside")}};
    ack.target = u"alert:" + QString::number(alertId);
    ack.summary = QStringLiteral("Acknowledge: critical potassium, bed 301");
    ack.user = session->userName();
    const QString key = session->actions()->submit(ack);
    first.reset(); // the console is closed with it pending
    QVERIFY(restartNode());

    // Started again, on the same settings and cache, with no stored sign-in.
    TokenVault vault(QStringLiteral("vigil-console-test-restarted"));
    NodeFleet fleet(&vault, QDir(m_fixture.dataDir()).filePath(tag + u".ini"),
                    QDir(m_fixture.dataDir()).filePath(tag + u"-cache"));
    fleet.setPollIntervals(1000, 500);
    ConsoleActionModel* actions = FleetActionFeed::of(&fleet)->model();
    QAbstractItemModelTester tester(actions, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(fleet.load());
    QMainWindow window;
    auto* button = new PendingActionsButton(&fleet, &window);
    window.statusBar()->addPermanentWidget(button);
    window.show();
    NodeSession* again = fleet.session(nodeId);
    QVERIFY(again);
    again->stream()->setBackoff(200, 1000, 5000);

    // Shown at once: in the list, in the status bar, and on the cached board.
    QTRY_COMPARE_WITH_TIMEOUT(actions->pendingCount(), 1, WaitMs);
    QCOMPARE(actions->index(0).data(ConsoleActionModel::KeyRole).toString(), key);
    QTRY_VERIFY_WITH_TIMEOUT(button->isVisible(), WaitMs);
    QVERIFY2(button->text().startsWith(u"1 action"), qPrintable(button->text()));
    QTRY_VERIFY_WITH_TIMEOUT(fleet.alerts()->rowOf(nodeId, alertId) >= 0, WaitMs);
    const QModelIndex card = fleet.alerts()->index(fleet.alerts()->rowOf(nodeId, alertId));
    QCOMPARE(card.data(AlertBoardModel::PendingActionRole).toString(), QStringLiteral("alert-acknowledge"));
    QVERIFY(card.data(AlertBoardModel::StateRole).toString() != u"acknowledged");
    QVERIFY(!again->isLive());

    // nina signs in: it is sent, once.
    bool answered = false;
    again->signIn(ConsoleNodeFixture::NurseIcu, OpsApiHelpers::password(ConsoleNodeFixture::NurseIcu), this,
                  [&](const OpsReply&) { answered = true; });
    QTRY_VERIFY_WITH_TIMEOUT(answered, WaitMs);
    QTRY_COMPARE_WITH_TIMEOUT(actions->index(actions->rowOf(nodeId, key)).data(ConsoleActionModel::StateRole).toString(),
                              QStringLiteral("applied"), WaitMs);
    QTRY_COMPARE_WITH_TIMEOUT(fleet.alerts()->index(fleet.alerts()->rowOf(nodeId, alertId))
                                  .data(AlertBoardModel::StateRole)
                                  .toString(),
                              QStringLiteral("acknowledged"), WaitMs);
    QTRY_VERIFY_WITH_TIMEOUT(!button->isVisible(), WaitMs);
    QCOMPARE(historyCount(alertId, QStringLiteral("acknowledge")), 1);
}

QTEST_MAIN(tst_OfflineActions)
#include "tst_offlineactions.moc"
