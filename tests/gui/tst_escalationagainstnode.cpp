// The escalation board and the audit view against a REAL vigil-node (ConsoleNodeFixture, each
// escalation level timing out after 4 s): a critical ORU shows on support's escalation board with a
// countdown and whom the node's policy pages next; when nobody acknowledges, it escalates and the
// history pane shows the escalation and its notification; acknowledged by nina (through the ops API
// with an Idempotency-Key), it leaves the board and the history says "acknowledged by nina"; the
// admin's audit view lists nina's alert-acknowledge entry as it happens and verifies the chain; a
// nurse's audit view says plainly that her role cannot see the log.
#include "tests/gui/support/ConsoleNodeFixture.h"

#include "models/console/AlertBoardModel.h"
#include "models/console/AlertHistoryModel.h"
#include "models/console/AuditLogModel.h"
#include "models/console/EscalationQueueModel.h"
#include "net/ops/OpsClient.h"
#include "ui/session/NodeFleet.h"
#include "ui/session/NodeSession.h"
#include "ui/views/AlertHistoryPane.h"
#include "ui/views/AuditView.h"
#include "ui/views/EscalationBoardView.h"

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QJsonArray>
#include <QJsonObject>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QTableView>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

constexpr int WaitMs = 30000;
const QString ControlId = u"ESC-0001"_s;

/// With VIGIL_SCREENSHOT_DIR set, keeps a picture of the widget there (for docs/ and reviews).
void keepScreenshot(QWidget* widget, const QString& name)
{
    const QString dir = qEnvironmentVariable("VIGIL_SCREENSHOT_DIR");
    if (!dir.isEmpty())
        widget->grab().save(dir + u'/' + name + u".png");
}

/// The escalation board's row of the alert raised by the result with this MSH-10, or -1.
int rowOfResult(const EscalationQueueModel* queue, const QString& controlId)
{
    for (int row = 0; row < queue->rowCount(); ++row) {
        const QJsonObject alert = queue->index(row, 0).data(AlertBoardModel::AlertJsonRole).toJsonObject();
        if (alert.value(u"evidence").toObject().value(u"controlId").toString() == controlId)
            return row;
    }
    return -1;
}

/// The first row of `model` whose columns/roles match, or -1.
int auditRow(const AuditLogModel* model, const QString& action, const QString& actor, const QString& target)
{
    for (int row = 0; row < model->rowCount(); ++row) {
        const QModelIndex i = model->index(row, 0);
        if (i.data(AuditLogModel::ActionRole).toString() == action && i.data(AuditLogModel::ActorRole).toString() == actor
            && i.data(AuditLogModel::TargetRole).toString() == target)
            return row;
    }
    return -1;
}

} // namespace

class tst_EscalationAgainstNode : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void criticalResultShowsWithCountdownAndNextRecipients();
    void unacknowledgedItEscalatesAndTheHistoryShowsIt();
    void acknowledgedItLeavesTheBoard();
    void adminsAuditViewListsTheAcknowledgement();
    void nursesAuditViewRefusesPlainly();

private:
    ConsoleNodeFixture m_fixture;
    std::unique_ptr<ConsoleNodeFixture::Console> m_support;
    std::unique_ptr<ConsoleNodeFixture::Console> m_admin;
    std::unique_ptr<ConsoleNodeFixture::Console> m_nurse;
    std::unique_ptr<EscalationBoardView> m_board;
    std::unique_ptr<AuditView> m_adminAudit;
    std::unique_ptr<AuditView> m_nurseAudit;
    std::unique_ptr<QAbstractItemModelTester> m_queueTester;
    std::unique_ptr<QAbstractItemModelTester> m_auditTester;
    qint64 m_alertId = 0;
};

void tst_EscalationAgainstNode::initTestCase()
{
    qputenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/vigil-test-bus");
    QString error;
    QVERIFY2(m_fixture.start(&error, 4), qPrintable(error));
    m_support = m_fixture.console(ConsoleNodeFixture::Support, false, &error, u"support"_s);
    QVERIFY2(m_support, qPrintable(error));
    m_admin = m_fixture.console(ConsoleNodeFixture::Admin, false, &error, u"admin"_s);
    QVERIFY2(m_admin, qPrintable(error));
    m_nurse = m_fixture.console(ConsoleNodeFixture::NurseIcu, false, &error, u"nurse"_s);
    QVERIFY2(m_nurse, qPrintable(error));

    m_board = std::make_unique<EscalationBoardView>(m_support->fleet.get());
    m_queueTester = std::make_unique<QAbstractItemModelTester>(m_board->queueModel(),
                                                               QAbstractItemModelTester::FailureReportingMode::QtTest);
    m_board->resize(1300, 800);
    m_board->show();
    // Open before anything happens: the acknowledgement must arrive live.
    m_adminAudit = std::make_unique<AuditView>(m_admin->fleet.get());
    m_auditTester = std::make_unique<QAbstractItemModelTester>(m_adminAudit->auditModel(),
                                                               QAbstractItemModelTester::FailureReportingMode::QtTest);
    m_adminAudit->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_board.get()));
}

void tst_EscalationAgainstNode::cleanupTestCase()
{
    m_queueTester.reset();
    m_auditTester.reset();
    m_board.reset();
    m_adminAudit.reset();
    m_nurseAudit.reset();
    m_support.reset();
    m_admin.reset();
    m_nurse.reset();
}

void tst_EscalationAgainstNode::criticalResultShowsWithCountdownAndNextRecipients()
{
    const EscalationQueueModel* queue = m_board->queueModel();
    QCOMPARE(m_fixture.send(ConsoleNodeFixture::criticalPotassium(ControlId, u"MRN-ESC-1"_s)), u"AA"_s);
    QTRY_VERIFY_WITH_TIMEOUT(rowOfResult(queue, ControlId) >= 0, WaitMs);
    int row = rowOfResult(queue, ControlId);
    m_alertId = queue->alertIdAt(row);
    QVERIFY(m_alertId > 0);
    // The node's policy (GET /api/v1/alert-rules) says whom the next level pages.
    QTRY_VERIFY_WITH_TIMEOUT(queue->index(rowOfResult(queue, ControlId), 0)
                                 .data(EscalationQueueModel::PolicyKnownRole).toBool(),
                             WaitMs);
    row = rowOfResult(queue, ControlId);
    const QModelIndex when = queue->index(row, EscalationQueueModel::WhenColumn);
    const int level = when.data(AlertBoardModel::LevelRole).toInt();
    const QStringList next = when.data(EscalationQueueModel::NextRecipientsRole).toStringList();
    const QStringList expected = level == 0 ? QStringList{u"unit"_s, u"role:charge-nurse"_s}
                                            : QStringList{u"role:charge-nurse"_s, u"role:house-supervisor"_s};
    QCOMPARE(next, expected);
    QCOMPARE(when.data(EscalationQueueModel::NextLevelRole).toInt(), std::min(level + 1, 2));
    // A live countdown of at most one level's timeout.
    QVERIFY(when.data(EscalationQueueModel::CountdownMsRole).toLongLong() <= 4000 + 1000);
    const QString shown = m_board->tableView()->model()->index(row, EscalationQueueModel::WhenColumn).data().toString();
    QVERIFY2(QRegularExpression(u"^(in|OVERDUE) \\d+:\\d\\d$"_s).match(shown).hasMatch(), qPrintable(shown));
    const QString pages = m_board->tableView()->model()->index(row, EscalationQueueModel::NextColumn).data().toString();
    QVERIFY2(pages.contains(u"charge nurse"), qPrintable(pages));
    QCOMPARE(m_board->tableView()->model()->index(row, EscalationQueueModel::SeverityColumn).data().toString(),
             u"Critical"_s);
    QCOMPARE(m_board->tableView()->model()->index(row, EscalationQueueModel::UnitColumn).data().toString(),
             ConsoleNodeFixture::Unit);
}

void tst_EscalationAgainstNode::unacknowledgedItEscalatesAndTheHistoryShowsIt()
{
    QVERIFY(m_alertId > 0);
    const EscalationQueueModel* queue = m_board->queueModel();
    const int row = queue->rowOf(m_support->nodeId, m_alertId);
    QVERIFY(row >= 0);
    m_board->tableView()->setFocus();
    m_board->tableView()->selectRow(row);
    QCOMPARE(m_board->historyPane()->alertId(), m_alertId);

    // Nobody acknowledges: after 4 s the node escalates to level 1 (shown as level 2) and pages
    // the unit and the charge nurse; the pane reloads on the alert.changed event.
    const AlertHistoryModel* history = m_board->historyPane()->model();
    auto escalationShown = [history] {
        for (int r = 0; r < history->rowCount(); ++r) {
            const QModelIndex i = history->index(r);
            if (i.data(AlertHistoryModel::KindRole).toString() == u"notification"
                && i.data(AlertHistoryModel::ReasonRole).toString() == u"escalated"
                && i.data(AlertHistoryModel::LevelRole).toInt() == 1
                && i.data(AlertHistoryModel::ChannelRole).toString() == u"stream")
                return true;
        }
        return false;
    };
    QTRY_VERIFY_WITH_TIMEOUT(escalationShown(), WaitMs);
    const int escalate = history->find(u"transition"_s, u"escalate"_s);
    QVERIFY(escalate >= 0);
    QCOMPARE(history->index(escalate).data(AlertHistoryModel::LevelRole).toInt(), 1);
    QCOMPARE(history->index(escalate).data(AlertHistoryModel::RecipientsRole).toStringList(),
             (QStringList{u"unit"_s, u"role:charge-nurse"_s}));
    const QString lines = m_board->historyPane()->lines().join(u'\n');
    QVERIFY2(lines.contains(u"escalated to level 2: nurses of ICU-3, charge nurse"), qPrintable(lines));
    // Delivery is marked a moment after the page is written; the pane looks again while one is pending.
    QTRY_VERIFY2_WITH_TIMEOUT(m_board->historyPane()->lines().join(u'\n').contains(
                                  u"paged nurses of ICU-3, charge nurse (console stream) — delivered"),
                              qPrintable(m_board->historyPane()->lines().join(u'\n')), WaitMs);
    // Still escalating: the row is on the board with its next level.
    QVERIFY(queue->rowOf(m_support->nodeId, m_alertId) >= 0);
    keepScreenshot(m_board.get(), u"escalation-board"_s);
}

void tst_EscalationAgainstNode::acknowledgedItLeavesTheBoard()
{
    QVERIFY(m_alertId > 0);
    const ApiClient nina = m_fixture.api(ConsoleNodeFixture::NurseIcu);
    const ApiClient::Reply reply = nina.post(u"/api/v1/alerts/%1/acknowledge"_s.arg(m_alertId),
                                             QJsonObject{{u"note"_s, u"called Dr Lee"_s}},
                                             OpsClient::newIdempotencyKey());
    QVERIFY2(reply.status == 200, reply.body.constData());
    QTRY_COMPARE_WITH_TIMEOUT(m_board->queueModel()->rowOf(m_support->nodeId, m_alertId), -1, WaitMs);
    // The pane keeps the alert it shows and reloads it: the acknowledgement is the newest step.
    QCOMPARE(m_board->historyPane()->alertId(), m_alertId);
    QTRY_VERIFY_WITH_TIMEOUT(m_board->historyPane()->lines().join(u'\n').contains(u"acknowledged by nina: called Dr Lee"),
                             WaitMs);
}

void tst_EscalationAgainstNode::adminsAuditViewListsTheAcknowledgement()
{
    QVERIFY(m_alertId > 0);
    const AuditLogModel* audit = m_adminAudit->auditModel();
    const QString target = u"alert:%1"_s.arg(m_alertId);
    QTRY_VERIFY_WITH_TIMEOUT(auditRow(audit, u"alert-acknowledge"_s, ConsoleNodeFixture::NurseIcu, target) >= 0,
                             WaitMs);
    // Complete (reason and role from the node), not just what the stream said.
    QTRY_VERIFY_WITH_TIMEOUT(!audit->index(auditRow(audit, u"alert-acknowledge"_s, ConsoleNodeFixture::NurseIcu, target), 0)
                                  .data(AuditLogModel::PartialRole).toBool(),
                             WaitMs);
    const QModelIndex entry = audit->index(auditRow(audit, u"alert-acknowledge"_s, ConsoleNodeFixture::NurseIcu, target), 0);
    QCOMPARE(entry.data(AuditLogModel::OutcomeRole).toString(), u"ok"_s);
    QCOMPARE(entry.data(AuditLogModel::ReasonRole).toString(), u"called Dr Lee"_s);
    QCOMPARE(entry.data(AuditLogModel::ActorRoleRole).toString(), u"nurse"_s);
    const QString shown =
        m_adminAudit->tableView()->model()->index(entry.row(), AuditLogModel::ActionColumn).data().toString();
    QCOMPARE(shown, u"Acknowledged an alert"_s);

    // The same entry through the filters.
    m_adminAudit->actorEdit()->setText(ConsoleNodeFixture::NurseIcu);
    m_adminAudit->actionBox()->setCurrentIndex(m_adminAudit->actionBox()->findData(u"alert-acknowledge"_s));
    m_adminAudit->applyFilters();
    QTRY_COMPARE_WITH_TIMEOUT(audit->rowCount(), 1, WaitMs);
    QCOMPARE(audit->index(0, 0).data(AuditLogModel::TargetRole).toString(), target);

    // The chain is intact.
    QTest::mouseClick(m_adminAudit->verifyButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(m_adminAudit->verifyText().contains(u"Intact"), WaitMs);
    m_adminAudit->resize(1300, 600);
    keepScreenshot(m_adminAudit.get(), u"audit-view"_s);
    QVERIFY2(QRegularExpression(u"Test node: Intact — [\\d,.  ]+ entries, head seq \\d+"_s)
                 .match(m_adminAudit->verifyText()).hasMatch(),
             qPrintable(m_adminAudit->verifyText()));
}

void tst_EscalationAgainstNode::nursesAuditViewRefusesPlainly()
{
    m_nurseAudit = std::make_unique<AuditView>(m_nurse->fleet.get());
    m_nurseAudit->show();
    QTRY_VERIFY_WITH_TIMEOUT(!m_nurseAudit->refusalText().isEmpty(), WaitMs);
    QVERIFY2(m_nurseAudit->refusalText().startsWith(u"Your role cannot see the audit log on Test node."),
             qPrintable(m_nurseAudit->refusalText()));
    QCOMPARE(m_nurseAudit->auditModel()->nodeState(m_nurse->nodeId), AuditLogModel::NodeState::Forbidden);
    QCOMPARE(m_nurseAudit->auditModel()->rowCount(), 0);
    QVERIFY(!m_nurseAudit->tableView()->isVisible());
    keepScreenshot(m_nurseAudit.get(), u"audit-view-nurse"_s);
}

QTEST_MAIN(tst_EscalationAgainstNode)
#include "tst_escalationagainstnode.moc"
