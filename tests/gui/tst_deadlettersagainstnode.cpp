// The dead-letter view against a REAL vigil-node (ConsoleNodeFixture): invalid ADTs (no PID-3) and
// ADT^A08 updates (lab-down refuses every connection) make two failure groups. As ada (admin):
// resubmit one delivery dead letter and watch its replay fail again live; edit-and-resubmit a
// validation dead letter (reveal, add PID-3, check shows the diff, resubmit, the replay reaches
// archive); bulk-resubmit a group with the count stated first; park a group and unpark it again; a
// resubmission made while the node
// is down waits as pending and its outcome shows once the node is back. As sam (support): the list
// is there, the actions are not offered. As nina (nurse): one plain sentence, nothing else.
#include "tests/gui/support/ConsoleNodeFixture.h"
#include "tests/integration/OpsApiHelpers.h"

#include "models/console/DeadLetterGroupModel.h"
#include "models/console/DeadLetterListModel.h"
#include "ui/dialogs/BulkResubmitDialog.h"
#include "ui/dialogs/ParkDialog.h"
#include "ui/dialogs/ReasonEdit.h"
#include "ui/dialogs/ResubmitDialog.h"
#include "ui/session/ActionQueue.h"
#include "ui/session/NodeFleet.h"
#include "ui/session/NodeSession.h"
#include "ui/views/DeadLetterDetailPane.h"
#include "ui/views/DeadLetterFeed.h"
#include "ui/views/DeadLetterView.h"

#include <QAbstractItemModelTester>
#include <QItemSelectionModel>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QTableWidget>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

constexpr int kWaitMs = 30000;

/// The list model's row whose dead letter matches, or -1.
int findRow(DeadLetterListModel* list, const std::function<bool(const QJsonObject&)>& match)
{
    for (int row = 0; row < list->rowCount(); ++row) {
        if (match(list->deadLetter(row)))
            return row;
    }
    return -1;
}

int findGroup(DeadLetterGroupModel* groups, const QString& errorClass)
{
    for (int row = 0; row < groups->rowCount(); ++row) {
        if (groups->index(row, 0).data(DeadLetterGroupModel::ErrorClassRole).toString() == errorClass)
            return row;
    }
    return -1;
}

QString followUp(DeadLetterListModel* list, const QString& nodeId, qint64 id)
{
    const int row = list->rowOf(nodeId, id);
    return row < 0 ? QString() : list->index(row, 0).data(DeadLetterListModel::FollowUpRole).toString();
}

QString stateOf(DeadLetterListModel* list, const QString& nodeId, qint64 id)
{
    const int row = list->rowOf(nodeId, id);
    return row < 0 ? QString() : list->index(row, 0).data(DeadLetterListModel::StateRole).toString();
}

} // namespace

class tst_DeadLettersAgainstNode : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void nurseSeesOnlyTheRefusal();
    void supportReadsButIsNotOfferedActions();
    void adminSeesGroupsAndList();
    void resubmitOneDeliveryDeadLetterFollowsTheReplay();
    void editAndResubmitAValidationDeadLetter();
    void bulkResubmitOfAGroupStatesTheCountFirst();
    void parkAGroupThenUnparkIt();
    void resubmissionMadeOfflineIsPendingThenSent();

private:
    std::unique_ptr<DeadLetterView> openView(ConsoleNodeFixture::Console* console);

    ConsoleNodeFixture m_fixture;
    std::unique_ptr<ConsoleNodeFixture::Console> m_admin;
    std::unique_ptr<DeadLetterView> m_view;
    std::unique_ptr<QAbstractItemModelTester> m_listTester;
    std::unique_ptr<QAbstractItemModelTester> m_groupTester;
};

void tst_DeadLettersAgainstNode::initTestCase()
{
    qputenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/vigil-test-bus");
    QString error;
    QVERIFY2(m_fixture.start(&error), qPrintable(error));
    for (const QString& id : {u"NOID-1"_s, u"NOID-2"_s})
        QVERIFY(!m_fixture.send(ConsoleNodeFixture::adtWithoutPatientId(id)).isEmpty());
    QCOMPARE(m_fixture.send(ConsoleNodeFixture::adtUpdate(u"A08-1"_s, u"MRN1001"_s)), u"AA"_s);
    QCOMPARE(m_fixture.send(ConsoleNodeFixture::adtUpdate(u"A08-2"_s, u"MRN1002"_s)), u"AA"_s);
    // Two validation dead letters at once; two delivery ones once lab-down's one attempt failed.
    const QJsonArray items = m_fixture.waitForItems(ConsoleNodeFixture::Admin, u"/api/v1/dead-letters?limit=50"_s, 4);
    QCOMPARE(items.size(), 4);
}

void tst_DeadLettersAgainstNode::cleanupTestCase()
{
    m_listTester.reset();
    m_groupTester.reset();
    m_view.reset();
    m_admin.reset();
}

std::unique_ptr<DeadLetterView> tst_DeadLettersAgainstNode::openView(ConsoleNodeFixture::Console* console)
{
    auto view = std::make_unique<DeadLetterView>(console->fleet.get());
    view->resize(1400, 900);
    view->show();
    return view;
}

void tst_DeadLettersAgainstNode::nurseSeesOnlyTheRefusal()
{
    QString error;
    auto nina = m_fixture.console(ConsoleNodeFixture::NurseIcu, false, &error);
    QVERIFY2(nina, qPrintable(error));
    auto view = openView(nina.get());
    QTRY_VERIFY_WITH_TIMEOUT(view->isRefusedState(), kWaitMs);
    QCOMPARE(view->refusalText(), u"Your role cannot see dead letters on Test node."_s);
    QCOMPARE(view->feed()->list()->rowCount(), 0);
    QCOMPARE(view->feed()->groups()->rowCount(), 0);
    QVERIFY(!view->listView()->isVisible());
    QVERIFY(!view->retryGroupButton()->isVisible());
    // The view only says what the node enforces.
    const ApiClient api = m_fixture.api(ConsoleNodeFixture::NurseIcu);
    QCOMPARE(api.get(u"/api/v1/dead-letters"_s).status, 403);
}

void tst_DeadLettersAgainstNode::supportReadsButIsNotOfferedActions()
{
    QString error;
    auto sam = m_fixture.console(ConsoleNodeFixture::Support, false, &error);
    QVERIFY2(sam, qPrintable(error));
    auto view = openView(sam.get());
    QTRY_VERIFY_WITH_TIMEOUT(view->feed()->list()->rowCount() >= 4, kWaitMs);
    QTRY_VERIFY_WITH_TIMEOUT(view->feed()->groups()->rowCount() >= 2, kWaitMs);
    QVERIFY(!view->isRefusedState());
    QVERIFY(view->selectDeadLetter(sam->nodeId, view->feed()->list()->deadLetterIdAt(0)));
    for (QPushButton* b : {view->resubmitButton(), view->editButton()}) {
        QVERIFY2(!b->isEnabled(), qPrintable(b->text()));
        QCOMPARE(b->toolTip(), u"Admins resubmit"_s);
    }
    QVERIFY(!view->parkButton()->isEnabled());
    // Support reads the dead letter in full (masked).
    QTRY_VERIFY_WITH_TIMEOUT(view->detailPane()->deadLetterId() == view->feed()->list()->deadLetterIdAt(0), kWaitMs);
    QVERIFY(!view->detailPane()->rawView()->toPlainText().isEmpty());
    const QString signature = view->feed()->groups()->index(0, 0).data(DeadLetterGroupModel::SignatureRole).toString();
    QVERIFY(view->selectGroup(sam->nodeId, signature));
    QVERIFY(!view->retryGroupButton()->isEnabled());
    QCOMPARE(view->retryGroupButton()->toolTip(), u"Admins resubmit"_s);
    QVERIFY(!view->parkGroupButton()->isEnabled());
}

void tst_DeadLettersAgainstNode::adminSeesGroupsAndList()
{
    QString error;
    m_admin = m_fixture.console(ConsoleNodeFixture::Admin, false, &error);
    QVERIFY2(m_admin, qPrintable(error));
    m_view = openView(m_admin.get());
    m_listTester = std::make_unique<QAbstractItemModelTester>(m_view->feed()->list(),
                                                              QAbstractItemModelTester::FailureReportingMode::QtTest);
    m_groupTester = std::make_unique<QAbstractItemModelTester>(m_view->feed()->groups(),
                                                               QAbstractItemModelTester::FailureReportingMode::QtTest);
    DeadLetterGroupModel* groups = m_view->feed()->groups();
    QTRY_VERIFY_WITH_TIMEOUT(findGroup(groups, u"hl7-101"_s) >= 0 && findGroup(groups, u"connect"_s) >= 0, kWaitMs);
    const QModelIndex validate = groups->index(findGroup(groups, u"hl7-101"_s), 0);
    QCOMPARE(validate.data(DeadLetterGroupModel::CountRole).toInt(), 2);
    QCOMPARE(validate.data(DeadLetterGroupModel::ErrorLocationRole).toString(), u"PID(1)-3"_s);
    const QModelIndex deliver = groups->index(findGroup(groups, u"connect"_s), 0);
    QCOMPARE(deliver.data(DeadLetterGroupModel::CountRole).toInt(), 2);
    QCOMPARE(deliver.data(DeadLetterGroupModel::DestinationsRole).toStringList(), QStringList{u"lab-down"_s});
    QTRY_VERIFY_WITH_TIMEOUT(m_view->feed()->list()->rowCount() == 4, kWaitMs);
    // The channel of a group is learnt from its rows.
    QTRY_COMPARE_WITH_TIMEOUT(groups->index(findGroup(groups, u"hl7-101"_s), DeadLetterGroupModel::WhereColumn)
                                  .data()
                                  .toString(),
                              u"from hl7-in"_s, kWaitMs);
    QVERIFY(m_view->bannerText().isEmpty());
}

void tst_DeadLettersAgainstNode::resubmitOneDeliveryDeadLetterFollowsTheReplay()
{
    QVERIFY(m_view);
    DeadLetterListModel* list = m_view->feed()->list();
    const QString node = m_admin->nodeId;
    const int row = findRow(list, [](const QJsonObject& d) {
        return d.value(u"stage"_s).toString() == u"deliver"_s && d.value(u"controlId"_s).toString() == u"A08-1"_s;
    });
    QVERIFY(row >= 0);
    const qint64 id = list->deadLetterIdAt(row);
    QVERIFY(m_view->selectDeadLetter(node, id));
    QVERIFY(m_view->resubmitButton()->isEnabled());
    QTest::mouseClick(m_view->resubmitButton(), Qt::LeftButton);
    auto* dialog = qobject_cast<BulkResubmitDialog*>(m_view->activeDialog());
    QVERIFY(dialog);

    // The dry run states what and where, and that the receiver already has this MSH-10 (archive).
    QTRY_COMPARE_WITH_TIMEOUT(dialog->dryRunCount(), 1, kWaitMs);
    QVERIFY2(dialog->summaryLabel()->text().contains(
                 QRegularExpression(u"^Resubmit 1 dead letter.* from hl7-in to lab-down on Test node\\."_s)),
             qPrintable(dialog->summaryLabel()->text()));
    QCOMPARE(dialog->wouldRefuse(), 0);
    QVERIFY(dialog->warningsLabel()->isVisible());
    QVERIFY2(dialog->warningsLabel()->text().contains(u"already delivered downstream"_s),
             qPrintable(dialog->warningsLabel()->text()));
    QVERIFY(!dialog->resubmitButton()->isEnabled()); // no reason yet
    QTest::keyClicks(dialog->reasonEdit()->lineEdit(), u"lab system back, ticket INC-7"_s);
    QVERIFY(dialog->resubmitButton()->isEnabled());
    QTest::mouseClick(dialog->resubmitButton(), Qt::LeftButton);

    QTRY_VERIFY_WITH_TIMEOUT(dialog->outcomeLabel()->text().startsWith(u"1 resubmitted, 0 refused"_s), kWaitMs);
    QCOMPARE(dialog->outcomesTable()->rowCount(), 1);
    QCOMPARE(dialog->outcomesTable()->item(0, 1)->text(), u"resubmitted"_s);
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(list, node, id), u"resubmitted"_s, kWaitMs);
    // Live: the replay goes only to lab-down again, which still refuses: it fails again, and the
    // new dead letter is named once the list has it.
    QTRY_VERIFY_WITH_TIMEOUT(followUp(list, node, id).contains(u"failed again at lab-down: dead letter"_s), kWaitMs);
    QVERIFY(list->index(list->rowOf(node, id), 0).data(DeadLetterListModel::NeedsAttentionRole).toBool());
    dialog->close();
}

void tst_DeadLettersAgainstNode::editAndResubmitAValidationDeadLetter()
{
    QVERIFY(m_view);
    DeadLetterListModel* list = m_view->feed()->list();
    const QString node = m_admin->nodeId;
    const int row = findRow(list, [](const QJsonObject& d) {
        return d.value(u"stage"_s).toString() == u"validate"_s && d.value(u"controlId"_s).toString() == u"NOID-1"_s;
    });
    QVERIFY(row >= 0);
    const qint64 id = list->deadLetterIdAt(row);
    QVERIFY(m_view->selectDeadLetter(node, id));
    // The detail shows it raw and parsed, the missing PID-3 marked at its segment.
    QTRY_COMPARE_WITH_TIMEOUT(m_view->detailPane()->deadLetterId(), id, kWaitMs);
    QCOMPARE(m_view->detailPane()->locatedPath(), u"PID"_s);
    QVERIFY(m_view->editButton()->isEnabled());
    QTest::mouseClick(m_view->editButton(), Qt::LeftButton);
    auto* dialog = qobject_cast<ResubmitDialog*>(m_view->activeDialog());
    QVERIFY(dialog);
    QCOMPARE(dialog->deadLetterId(), id);

    // Masked for an admin: read-only until revealed.
    QVERIFY(dialog->revealButton()->isVisible());
    QVERIFY(dialog->editor()->isReadOnly());
    QVERIFY(dialog->editor()->toPlainText().contains(u"***"_s));

    // Unchanged, the node still finds it invalid, and says where.
    QSignalSpy checked(dialog, &ResubmitDialog::checkFinished);
    QVERIFY(dialog->checkButton()->isEnabled());
    dialog->check();
    QTRY_COMPARE_WITH_TIMEOUT(checked.size(), 1, kWaitMs);
    QCOMPARE(checked.takeFirst().at(0).toBool(), false);
    QVERIFY(dialog->findingsTable()->rowCount() >= 1);
    QCOMPARE(dialog->findingsTable()->item(0, 1)->text(), u"PID(1)-3"_s);
    QVERIFY(!dialog->resubmitButton()->isEnabled());

    QSignalSpy revealed(dialog, &ResubmitDialog::revealFinished);
    dialog->revealWithReason(u"fix the missing MRN for resubmission, ticket INC-1042"_s);
    QTRY_COMPARE_WITH_TIMEOUT(revealed.size(), 1, kWaitMs);
    QVERIFY(revealed.first().at(0).toBool());
    QVERIFY(!dialog->editor()->isReadOnly());
    QString text = dialog->editor()->toPlainText();
    QVERIFY2(text.contains(u"PID|1||||NOID^JANE"_s), qPrintable(text));
    text.replace(u"PID|1||||"_s, u"PID|1||MRN777^^^HOSP^MR||"_s);
    dialog->editor()->setPlainText(text);
    QVERIFY(dialog->isEdited());

    dialog->check();
    QTRY_COMPARE_WITH_TIMEOUT(checked.size(), 1, kWaitMs);
    QCOMPARE(checked.takeFirst().at(0).toBool(), true);
    QVERIFY(dialog->isCheckedOk());
    QCOMPARE(dialog->findingsTable()->rowCount(), 0);
    QCOMPARE(dialog->diffTable()->rowCount(), 1);
    QCOMPARE(dialog->diffTable()->item(0, 0)->text(), u"PID-3"_s);
    QCOMPARE(dialog->diffTable()->item(0, 1)->text(), u"added"_s);
    QCOMPARE(dialog->diffTable()->item(0, 4)->text(), u"masked (patient data)"_s);
    QVERIFY2(dialog->routeLabel()->text().contains(u"archive"_s), qPrintable(dialog->routeLabel()->text()));

    // Resubmit needs a reason, and exactly the checked text.
    QVERIFY(!dialog->resubmitButton()->isEnabled());
    QTest::keyClicks(dialog->reasonEdit()->lineEdit(), u"added the MRN from the ADT feed, INC-1042"_s);
    QVERIFY(dialog->resubmitButton()->isEnabled());
    dialog->editor()->setPlainText(text + u"\nZZZ|1"_s);
    QVERIFY(!dialog->resubmitButton()->isEnabled());
    dialog->editor()->setPlainText(text);
    QVERIFY(!dialog->resubmitButton()->isEnabled()); // changed since the check: check again
    dialog->check();
    QTRY_COMPARE_WITH_TIMEOUT(checked.size(), 1, kWaitMs);
    QVERIFY(dialog->resubmitButton()->isEnabled());

    QSignalSpy shown(dialog, &ResubmitDialog::outcomeShown);
    QTest::mouseClick(dialog->resubmitButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!shown.isEmpty() && !shown.last().at(0).toBool(), kWaitMs);
    QVERIFY2(dialog->outcomeLabel()->text().startsWith(u"Resubmitted as message"_s), qPrintable(dialog->outcomeLabel()->text()));
    QVERIFY(dialog->outcomeLabel()->text().contains(u"archive"_s));
    // The replay is accepted this time and delivered to archive: the row says so.
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(list, node, id), u"resubmitted"_s, kWaitMs);
    QTRY_VERIFY_WITH_TIMEOUT(followUp(list, node, id).startsWith(u"delivered to archive"_s), kWaitMs);
    QCOMPARE(list->index(list->rowOf(node, id), 0).data(DeadLetterListModel::FollowUpPhaseRole).toString(),
             u"delivered"_s);
    dialog->close();
}

void tst_DeadLettersAgainstNode::bulkResubmitOfAGroupStatesTheCountFirst()
{
    QVERIFY(m_view);
    DeadLetterGroupModel* groups = m_view->feed()->groups();
    DeadLetterListModel* list = m_view->feed()->list();
    const QString node = m_admin->nodeId;
    // The delivery group: A08-2 still open, and the replay of A08-1 that failed again.
    QTRY_VERIFY_WITH_TIMEOUT(findGroup(groups, u"connect"_s) >= 0
                                 && groups->index(findGroup(groups, u"connect"_s), 0)
                                        .data(DeadLetterGroupModel::CountRole)
                                        .toInt() == 2,
                             kWaitMs);
    const QString signature =
        groups->index(findGroup(groups, u"connect"_s), 0).data(DeadLetterGroupModel::SignatureRole).toString();
    QVERIFY(m_view->selectGroup(node, signature));
    QVERIFY(m_view->retryGroupButton()->isEnabled());
    QTest::mouseClick(m_view->retryGroupButton(), Qt::LeftButton);
    auto* dialog = qobject_cast<BulkResubmitDialog*>(m_view->activeDialog());
    QVERIFY(dialog);
    QVERIFY(dialog->scope().isGroup());
    QTRY_COMPARE_WITH_TIMEOUT(dialog->dryRunCount(), 2, kWaitMs);
    QVERIFY2(dialog->summaryLabel()->text().contains(
                 QRegularExpression(u"^Resubmit 2 dead letter.* from hl7-in to lab-down on Test node\\."_s)),
             qPrintable(dialog->summaryLabel()->text()));
    QVERIFY2(dialog->refusalsLabel()->text().contains(u"would resubmit all of them"_s),
             qPrintable(dialog->refusalsLabel()->text()));
    QTest::keyClicks(dialog->reasonEdit()->lineEdit(), u"retry the whole group after the lab outage"_s);
    QVERIFY(dialog->resubmitButton()->isEnabled());
    QTest::mouseClick(dialog->resubmitButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(dialog->outcomeLabel()->text().startsWith(u"2 resubmitted, 0 refused"_s), kWaitMs);
    QCOMPARE(dialog->outcomesTable()->rowCount(), 2);
    QList<qint64> ids;
    for (int r = 0; r < 2; ++r) {
        QCOMPARE(dialog->outcomesTable()->item(r, 1)->text(), u"resubmitted"_s);
        ids << dialog->outcomesTable()->item(r, 0)->text().toLongLong();
    }
    dialog->close();
    // Each is followed live in the list (narrowed to the group): both replays fail at lab-down again.
    for (qint64 id : std::as_const(ids)) {
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(list, node, id), u"resubmitted"_s, kWaitMs);
        QTRY_VERIFY2_WITH_TIMEOUT(followUp(list, node, id).contains(u"failed again at lab-down"_s),
                                  qPrintable(u"dead letter %1: %2"_s.arg(id).arg(followUp(list, node, id))), kWaitMs);
    }
}

void tst_DeadLettersAgainstNode::parkAGroupThenUnparkIt()
{
    QVERIFY(m_view);
    DeadLetterGroupModel* groups = m_view->feed()->groups();
    DeadLetterListModel* list = m_view->feed()->list();
    const QString node = m_admin->nodeId;
    // The validation group: NOID-2 is still open (NOID-1 was fixed and resubmitted).
    QTRY_VERIFY_WITH_TIMEOUT(findGroup(groups, u"hl7-101"_s) >= 0
                                 && groups->index(findGroup(groups, u"hl7-101"_s), 0)
                                        .data(DeadLetterGroupModel::CountRole)
                                        .toInt() == 1,
                             kWaitMs);
    const QString signature =
        groups->index(findGroup(groups, u"hl7-101"_s), 0).data(DeadLetterGroupModel::SignatureRole).toString();
    QVERIFY(m_view->selectGroup(node, signature));
    QTRY_VERIFY_WITH_TIMEOUT(findRow(list, [](const QJsonObject& d) {
                                 return d.value(u"controlId"_s).toString() == u"NOID-2"_s;
                             }) >= 0,
                             kWaitMs);
    const qint64 id = list->deadLetterIdAt(
        findRow(list, [](const QJsonObject& d) { return d.value(u"controlId"_s).toString() == u"NOID-2"_s; }));

    QVERIFY(m_view->parkGroupButton()->isEnabled());
    QTest::mouseClick(m_view->parkGroupButton(), Qt::LeftButton);
    auto* park = qobject_cast<ParkDialog*>(m_view->activeDialog());
    QVERIFY(park);
    QCOMPARE(park->mode(), ParkDialog::Mode::Park);
    QVERIFY(!park->parkButton()->isEnabled()); // a reason first
    QTest::keyClicks(park->reasonEdit()->lineEdit(), u"test messages from the interface check, INC-1077"_s);
    QTest::mouseClick(park->parkButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(park->outcomeLabel()->text().startsWith(u"1 parked on Test node"_s), kWaitMs);
    park->close();
    // Live: the row says parked, and the group (of open ones) is gone.
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(list, node, id), u"parked"_s, kWaitMs);
    QTRY_VERIFY_WITH_TIMEOUT(findGroup(groups, u"hl7-101"_s) < 0, kWaitMs);

    // The same button on a parked row takes it back.
    QVERIFY(m_view->selectDeadLetter(node, id));
    QCOMPARE(m_view->parkButton()->text(), u"Un&park selected…"_s);
    QTest::mouseClick(m_view->parkButton(), Qt::LeftButton);
    auto* unpark = qobject_cast<ParkDialog*>(m_view->activeDialog());
    QVERIFY(unpark);
    QCOMPARE(unpark->mode(), ParkDialog::Mode::Unpark);
    QTest::keyClicks(unpark->reasonEdit()->lineEdit(), u"not test messages after all"_s);
    QTest::mouseClick(unpark->parkButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(unpark->outcomeLabel()->text().startsWith(u"1 unparked on Test node"_s), kWaitMs);
    unpark->close();
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(list, node, id), u"open"_s, kWaitMs);
    QTRY_VERIFY_WITH_TIMEOUT(findGroup(groups, u"hl7-101"_s) >= 0, kWaitMs);
}

void tst_DeadLettersAgainstNode::resubmissionMadeOfflineIsPendingThenSent()
{
    QVERIFY(m_view);
    m_view->showAll();
    DeadLetterListModel* list = m_view->feed()->list();
    NodeSession* session = m_admin->session;
    const QString node = m_admin->nodeId;
    // An open dead letter of the group (a replay from the bulk resubmission that failed again).
    QTRY_VERIFY_WITH_TIMEOUT(findRow(list, [](const QJsonObject& d) {
                                 return d.value(u"state"_s).toString() == u"open"_s
                                     && d.value(u"stage"_s).toString() == u"deliver"_s;
                             }) >= 0,
                             kWaitMs);
    const qint64 id = list->deadLetterIdAt(findRow(list, [](const QJsonObject& d) {
        return d.value(u"state"_s).toString() == u"open"_s && d.value(u"stage"_s).toString() == u"deliver"_s;
    }));

    m_fixture.node().kill();
    QTRY_VERIFY_WITH_TIMEOUT(!session->isLive(), kWaitMs);
    QTRY_VERIFY_WITH_TIMEOUT(m_view->bannerText().contains(u"Test node is offline — dead letters as of"_s), kWaitMs);
    QVERIFY(list->index(list->rowOf(node, id), 0).data(DeadLetterListModel::CachedRole).toBool());

    QVERIFY(m_view->selectDeadLetter(node, id));
    QVERIFY(m_view->resubmitButton()->isEnabled());
    QTest::mouseClick(m_view->resubmitButton(), Qt::LeftButton);
    auto* dialog = qobject_cast<BulkResubmitDialog*>(m_view->activeDialog());
    QVERIFY(dialog);
    QVERIFY2(dialog->summaryLabel()->text().contains(u"cannot be reached"_s), qPrintable(dialog->summaryLabel()->text()));
    QTest::keyClicks(dialog->reasonEdit()->lineEdit(), u"resubmit once the node is back"_s);
    QVERIFY(dialog->resubmitButton()->isEnabled());
    QSignalSpy shown(dialog, &BulkResubmitDialog::outcomeShown);
    QTest::mouseClick(dialog->resubmitButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!shown.isEmpty(), kWaitMs);
    QVERIFY(shown.first().at(0).toBool()); // pending
    QVERIFY(dialog->outcomeLabel()->text().startsWith(u"Pending:"_s));
    // Shown as pending on the row, never as done.
    const QModelIndex index = list->index(list->rowOf(node, id), 0);
    QCOMPARE(index.data(DeadLetterListModel::PendingActionRole).toString(), u"resubmit"_s);
    QCOMPARE(list->index(index.row(), DeadLetterListModel::StateColumn).data().toString(), u"open, resubmit pending"_s);
    QCOMPARE(session->actions()->pending().size(), 1);

    QString error;
    QVERIFY2(m_fixture.node().restart(&error), qPrintable(error));
    QTRY_VERIFY_WITH_TIMEOUT(session->isLive(), 40000);
    // Sent once with its key; the answer is shown in the dialog and the row follows the replay.
    QTRY_VERIFY_WITH_TIMEOUT(dialog->outcomeLabel()->text().startsWith(u"1 resubmitted, 0 refused"_s), kWaitMs);
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(list, node, id), u"resubmitted"_s, kWaitMs);
    QCOMPARE(list->index(list->rowOf(node, id), 0).data(DeadLetterListModel::PendingActionRole).toString(), QString());
    QTRY_VERIFY_WITH_TIMEOUT(followUp(list, node, id).contains(u"failed again at lab-down"_s), kWaitMs);
    QVERIFY(session->actions()->pending().isEmpty());
    QTRY_VERIFY_WITH_TIMEOUT(m_view->bannerText().isEmpty(), kWaitMs);
    dialog->close();
}

QTEST_MAIN(tst_DeadLettersAgainstNode)
#include "tst_deadlettersagainstnode.moc"
