// The alert board against a REAL vigil-node (ConsoleNodeFixture): a critical ORU sent over MLLP
// shows on the board of the ICU-3 nurse's console and not on the 5A nurse's; acknowledged from the
// board with the keyboard, the node records it as nina's and the card says so; a second console
// acknowledging the same alert is refused and says why in plain words; resolved with a disposition,
// the alert leaves the board and the node keeps the disposition; a silence made by support from an
// alert holds the next matching critical result (suppressed on the node and on the card).
#include "tests/gui/support/ConsoleNodeFixture.h"

#include "models/console/AlertBoardModel.h"
#include "models/console/AlertFilterProxy.h"
#include "ui/delegates/AlertCardDelegate.h"
#include "ui/dialogs/AcknowledgeDialog.h"
#include "ui/dialogs/ResolveDialog.h"
#include "ui/dialogs/SilenceDialog.h"
#include "ui/session/NodeFleet.h"
#include "ui/session/NodeSession.h"
#include "ui/views/AlertBoardView.h"

#include <QAbstractItemModelTester>
#include <QJsonArray>
#include <QJsonObject>
#include <QLineEdit>
#include <QListView>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTest>

#include <map>

using namespace Qt::StringLiterals;

namespace {

constexpr int WaitMs = 30000;

/// The board's row of the alert raised by the result with this MSH-10 (evidence.controlId), or -1.
int rowOfResult(const AlertBoardModel* model, const QString& controlId)
{
    for (int row = 0; row < model->rowCount(); ++row) {
        if (model->alert(row).value(u"evidence").toObject().value(u"controlId").toString() == controlId)
            return row;
    }
    return -1;
}

qint64 idOfResult(const AlertBoardModel* model, const QString& controlId)
{
    const int row = rowOfResult(model, controlId);
    return row < 0 ? 0 : model->alert(row).value(u"id").toInteger();
}

QString stateOfResult(const AlertBoardModel* model, const QString& controlId)
{
    const int row = rowOfResult(model, controlId);
    return row < 0 ? QString() : model->alert(row).value(u"state").toString();
}

} // namespace

class tst_AlertsAgainstNode : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void criticalResultReachesTheUnitsNurseOnly();
    void acknowledgeFromTheBoardWithTheKeyboard();
    void secondConsoleIsRefusedPlainly();
    void resolveWithADisposition();
    void silenceFromAnAlertHoldsTheNextOne();

private:
    struct Board
    {
        std::unique_ptr<ConsoleNodeFixture::Console> console;
        std::unique_ptr<AlertBoardView> view;
        std::unique_ptr<QAbstractItemModelTester> tester;
        AlertBoardModel* model() const { return console->fleet->alerts(); }
    };
    Board* board(const QString& user);
    AlertCardDelegate::Card cardOf(Board* b, qint64 alertId) const;

    ConsoleNodeFixture m_fixture;
    std::map<QString, Board> m_boards;
    qint64 m_firstAlert = 0;
};

void tst_AlertsAgainstNode::initTestCase()
{
    qputenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/vigil-test-bus");
    QString error;
    QVERIFY2(m_fixture.start(&error), qPrintable(error));
    for (const QString& user : { ConsoleNodeFixture::NurseIcu, ConsoleNodeFixture::NurseOther })
        QVERIFY(board(user));
}

void tst_AlertsAgainstNode::cleanupTestCase()
{
    for (auto& [user, b] : m_boards) {
        b.view.reset();
        b.tester.reset();
        b.console.reset();
    }
    m_boards.clear();
}

tst_AlertsAgainstNode::Board* tst_AlertsAgainstNode::board(const QString& user)
{
    auto it = m_boards.find(user);
    if (it != m_boards.end())
        return &it->second;
    QString error;
    Board b;
    b.console = m_fixture.console(user, false, &error, user);
    if (!b.console) {
        qWarning("console for %s: %s", qPrintable(user), qPrintable(error));
        return nullptr;
    }
    b.tester = std::make_unique<QAbstractItemModelTester>(
        b.console->fleet->alerts(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    b.view = std::make_unique<AlertBoardView>(b.console->fleet.get());
    b.view->setWindowTitle(u"Alerts of "_s + user);
    b.view->resize(1300, 800);
    b.view->show();
    return &m_boards.emplace(user, std::move(b)).first->second;
}

AlertCardDelegate::Card tst_AlertsAgainstNode::cardOf(Board* b, qint64 alertId) const
{
    const int row = b->model()->rowOf(b->console->nodeId, alertId);
    if (row < 0)
        return {};
    return b->view->delegate()->cardFor(b->model()->index(row));
}

void tst_AlertsAgainstNode::criticalResultReachesTheUnitsNurseOnly()
{
    Board* nina = board(ConsoleNodeFixture::NurseIcu);
    Board* olaf = board(ConsoleNodeFixture::NurseOther);
    QVERIFY(nina && olaf);
    QCOMPARE(m_fixture.send(ConsoleNodeFixture::criticalPotassium(u"K-0001"_s, u"MRN-0001"_s)), u"AA"_s);
    QTRY_VERIFY_WITH_TIMEOUT(rowOfResult(nina->model(), u"K-0001"_s) >= 0, WaitMs);
    m_firstAlert = idOfResult(nina->model(), u"K-0001"_s);
    QVERIFY(m_firstAlert > 0);
    QVERIFY(!nina->view->isEmptyStateShown());

    // The card in plain words; the patient as the node lets a nurse of the unit see it.
    const AlertCardDelegate::Card card = cardOf(nina, m_firstAlert);
    QCOMPARE(card.severity, u"Critical"_s);
    QVERIFY2(card.headline.startsWith(u"Critical potassium 6.9 mmol/L (HH) \u2014 ICU-3"_s), qPrintable(card.headline));
    QVERIFY2(card.evidence.startsWith(u"6.9 mmol/L \u00b7 ref 3.5\u20135.1 \u00b7 HH"_s), qPrintable(card.evidence));
    QCOMPARE(card.node, u"Test node"_s);
    QTRY_COMPARE_WITH_TIMEOUT(cardOf(nina, m_firstAlert).patient, u"Patient MRN-0001"_s, WaitMs);
    QVERIFY(cardOf(nina, m_firstAlert).escalation.startsWith(u"level 1"_s));

    // Another unit's nurse: a later 5A result reaches olaf, the ICU-3 one never did (the stream keeps
    // its order, so had it been sent to him it would have come first).
    QCOMPARE(m_fixture.send(ConsoleNodeFixture::criticalPotassium(u"K-5A01"_s, u"MRN-5A01"_s, u"5A"_s)), u"AA"_s);
    QTRY_VERIFY_WITH_TIMEOUT(rowOfResult(olaf->model(), u"K-5A01"_s) >= 0, WaitMs);
    QCOMPARE(rowOfResult(olaf->model(), u"K-0001"_s), -1);
    QCOMPARE(olaf->model()->rowCount(), 1);
    // And a reload of olaf's list agrees (the node filters by unit, 2.8).
    const QJsonArray olafs = m_fixture.api(ConsoleNodeFixture::NurseOther)
                                 .get(u"/api/v1/alerts?state=active"_s)
                                 .json()
                                 .value(u"items")
                                 .toArray();
    QCOMPARE(olafs.size(), 1);
}

void tst_AlertsAgainstNode::acknowledgeFromTheBoardWithTheKeyboard()
{
    QVERIFY(m_firstAlert > 0);
    Board* nina = board(ConsoleNodeFixture::NurseIcu);
    AlertBoardView* view = nina->view.get();
    QVERIFY(view->selectAlert(nina->console->nodeId, m_firstAlert));
    QTRY_VERIFY(view->acknowledgeButton()->isVisible() && view->acknowledgeButton()->isEnabled());
    view->listView()->setFocus();
    QTest::keyClick(view->listView(), Qt::Key_A);
    AcknowledgeDialog* dialog = view->findChild<AcknowledgeDialog*>();
    QVERIFY(dialog);
    QTest::keyClicks(dialog->noteEdit(), u"called Dr Lee"_s);
    QTest::keyClick(dialog->noteEdit(), Qt::Key_Return);

    // The node's answer updates the card: acknowledged by nina, escalation stopped.
    QTRY_COMPARE_WITH_TIMEOUT(stateOfResult(nina->model(), u"K-0001"_s), u"acknowledged"_s, WaitMs);
    const int row = nina->model()->rowOf(nina->console->nodeId, m_firstAlert);
    QCOMPARE(nina->model()->index(row).data(AlertBoardModel::AcknowledgedByRole).toString(), u"nina"_s);
    QVERIFY2(cardOf(nina, m_firstAlert).state.startsWith(u"Acknowledged by nina at "_s),
        qPrintable(cardOf(nina, m_firstAlert).state));
    QVERIFY(cardOf(nina, m_firstAlert).escalation.endsWith(u"escalation stopped"_s));
    QTRY_VERIFY_WITH_TIMEOUT(view->outcomeText().startsWith(u"Acknowledged \u201cCritical potassium"_s), WaitMs);
    QVERIFY(cardOf(nina, m_firstAlert).badge.isEmpty());

    // The node agrees.
    const QJsonObject onNode
        = m_fixture.api(ConsoleNodeFixture::Support).get(u"/api/v1/alerts/%1"_s.arg(m_firstAlert)).json();
    QCOMPARE(onNode.value(u"state").toString(), u"acknowledged"_s);
    QCOMPARE(onNode.value(u"acknowledgedBy").toString(), u"nina"_s);
    QCOMPARE(onNode.value(u"acknowledgeNote").toString(), u"called Dr Lee"_s);
    // Acknowledged once: the history has one acknowledge by nina.
    int acks = 0;
    for (const QJsonValue& h : onNode.value(u"history").toArray())
        acks += h.toObject().value(u"action").toString() == u"acknowledge";
    QCOMPARE(acks, 1);
}

void tst_AlertsAgainstNode::secondConsoleIsRefusedPlainly()
{
    Board* nina = board(ConsoleNodeFixture::NurseIcu);
    Board* ada = board(ConsoleNodeFixture::Admin);
    QVERIFY(ada);
    QCOMPARE(m_fixture.send(ConsoleNodeFixture::criticalPotassium(u"K-0002"_s, u"MRN-0002"_s)), u"AA"_s);
    QTRY_VERIFY_WITH_TIMEOUT(rowOfResult(nina->model(), u"K-0002"_s) >= 0, WaitMs);
    QTRY_VERIFY_WITH_TIMEOUT(rowOfResult(ada->model(), u"K-0002"_s) >= 0, WaitMs);
    const qint64 id = idOfResult(ada->model(), u"K-0002"_s);

    // Both have the acknowledge dialog open; nina confirms first.
    QVERIFY(ada->view->selectAlert(ada->console->nodeId, id));
    QTest::keyClick(ada->view->listView(), Qt::Key_A);
    AcknowledgeDialog* adaDialog = ada->view->findChild<AcknowledgeDialog*>();
    QVERIFY(adaDialog);
    QVERIFY(nina->view->selectAlert(nina->console->nodeId, id));
    QTest::mouseClick(nina->view->acknowledgeButton(), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(stateOfResult(ada->model(), u"K-0002"_s), u"acknowledged"_s, WaitMs);

    // The admin's acknowledgement reaches the node second: refused, and said so in the node's words.
    QTest::keyClick(adaDialog->noteEdit(), Qt::Key_Return);
    QTRY_VERIFY_WITH_TIMEOUT(
        ada->view->outcomeText().startsWith(u"Not acknowledged: Already acknowledged by nina at "_s), WaitMs);
    // A time of day, not the node's ISO timestamp.
    QVERIFY(!ada->view->outcomeText().contains(QRegularExpression(u"\\d{4}-\\d{2}-\\d{2}T"_s)));
    // The card shows what the node says, not the refused attempt.
    QVERIFY(cardOf(ada, id).state.startsWith(u"Acknowledged by nina"_s));
    QVERIFY(cardOf(ada, id).badge.isEmpty());
    const QJsonObject onNode = m_fixture.api(ConsoleNodeFixture::Support).get(u"/api/v1/alerts/%1"_s.arg(id)).json();
    QCOMPARE(onNode.value(u"acknowledgedBy").toString(), u"nina"_s);
}

void tst_AlertsAgainstNode::resolveWithADisposition()
{
    QVERIFY(m_firstAlert > 0);
    Board* nina = board(ConsoleNodeFixture::NurseIcu);
    AlertBoardView* view = nina->view.get();
    QVERIFY(view->selectAlert(nina->console->nodeId, m_firstAlert));
    QTRY_VERIFY(view->resolveButton()->isVisible() && view->resolveButton()->isEnabled());
    view->listView()->setFocus();
    QTest::keyClick(view->listView(), Qt::Key_R);
    ResolveDialog* dialog = view->findChild<ResolveDialog*>();
    QVERIFY(dialog);
    dialog->setDisposition(u"treated"_s);
    QTest::keyClicks(dialog->noteEdit(), u"potassium binder given"_s);
    QTest::mouseClick(dialog->resolveButton(), Qt::LeftButton);

    // Closed: it leaves the board.
    QTRY_COMPARE_WITH_TIMEOUT(nina->model()->rowOf(nina->console->nodeId, m_firstAlert), -1, WaitMs);
    QTRY_VERIFY_WITH_TIMEOUT(view->outcomeText().startsWith(u"Resolved \u201cCritical potassium"_s), WaitMs);
    QVERIFY(view->outcomeText().contains(u"as Treated"_s));
    const QJsonObject onNode
        = m_fixture.api(ConsoleNodeFixture::Support).get(u"/api/v1/alerts/%1"_s.arg(m_firstAlert)).json();
    QCOMPARE(onNode.value(u"state").toString(), u"resolved"_s);
    QCOMPARE(onNode.value(u"disposition").toString(), u"treated"_s);
    QCOMPARE(onNode.value(u"closedBy").toString(), u"user:nina"_s);
}

void tst_AlertsAgainstNode::silenceFromAnAlertHoldsTheNextOne()
{
    Board* nina = board(ConsoleNodeFixture::NurseIcu);
    Board* sam = board(ConsoleNodeFixture::Support);
    QVERIFY(sam);
    QCOMPARE(m_fixture.send(ConsoleNodeFixture::criticalPotassium(u"K-0003"_s, u"MRN-0003"_s)), u"AA"_s);
    QTRY_VERIFY_WITH_TIMEOUT(rowOfResult(sam->model(), u"K-0003"_s) >= 0, WaitMs);
    const qint64 id = idOfResult(sam->model(), u"K-0003"_s);
    // Support sees the alert, not the patient.
    QTRY_COMPARE_WITH_TIMEOUT(cardOf(sam, id).patient, u"patient hidden for your role"_s, WaitMs);

    AlertBoardView* view = sam->view.get();
    QVERIFY(view->selectAlert(sam->console->nodeId, id));
    QTRY_VERIFY(view->silenceButton()->isVisible() && view->silenceButton()->isEnabled());
    QVERIFY(!view->acknowledgeButton()->isVisible()); // a clinical alert is the unit's to acknowledge
    QTest::mouseClick(view->silenceButton(), Qt::LeftButton);
    SilenceDialog* dialog = view->findChild<SilenceDialog*>();
    QVERIFY(dialog);
    QTest::keyClicks(dialog->reasonEdit(), u"analyser recalibration"_s);
    dialog->setDurationMinutes(60);
    QTest::mouseClick(dialog->createButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(view->outcomeText().startsWith(u"Silence created until"_s), WaitMs);

    // The node lists it, with the alert's rule, unit and test.
    const QJsonArray silences = m_fixture.api(ConsoleNodeFixture::Support)
                                    .get(u"/api/v1/silences?active=true"_s)
                                    .json()
                                    .value(u"items")
                                    .toArray();
    QCOMPARE(silences.size(), 1);
    const QJsonObject silence = silences.at(0).toObject();
    QCOMPARE(silence.value(u"matchers").toObject(),
        (QJsonObject {
            { u"ruleId"_s, u"critical-result"_s }, { u"unit"_s, u"ICU-3"_s }, { u"subject"_s, u"2823-3"_s } }));
    QCOMPARE(silence.value(u"reason").toString(), u"analyser recalibration"_s);
    QCOMPARE(silence.value(u"createdBy").toString(), u"sam"_s);

    // The next critical potassium of ICU-3 is recorded, shown — and silenced: nobody paged.
    QCOMPARE(m_fixture.send(ConsoleNodeFixture::criticalPotassium(u"K-0004"_s, u"MRN-0004"_s)), u"AA"_s);
    QTRY_VERIFY_WITH_TIMEOUT(rowOfResult(nina->model(), u"K-0004"_s) >= 0, WaitMs);
    QCOMPARE(stateOfResult(nina->model(), u"K-0004"_s), u"suppressed"_s);
    const qint64 held = idOfResult(nina->model(), u"K-0004"_s);
    QVERIFY2(cardOf(nina, held).state.startsWith(u"Silenced"_s), qPrintable(cardOf(nina, held).state));
    QVERIFY(cardOf(nina, held).escalation.isEmpty());
    const QJsonObject onNode = m_fixture.api(ConsoleNodeFixture::Support).get(u"/api/v1/alerts/%1"_s.arg(held)).json();
    QCOMPARE(onNode.value(u"state").toString(), u"suppressed"_s);
    QCOMPARE(onNode.value(u"silenceId").toInteger(), silence.value(u"id").toInteger());
    // Needs-action leaves it out; the silenced view shows it.
    nina->view->setStateFilter(AlertFilterProxy::NeedsAction.toString());
    QVERIFY(!nina->view->selectAlert(nina->console->nodeId, held));
    nina->view->setStateFilter(u"suppressed"_s);
    QVERIFY(nina->view->selectAlert(nina->console->nodeId, held));
    nina->view->setStateFilter(QString());
}

QTEST_MAIN(tst_AlertsAgainstNode)
#include "tst_alertsagainstnode.moc"
