// The dead-letter view fed by its models (no node): groups and rows shown, what each role is
// offered, the refusal state of a nurse, offline "as of", pending and follow-up in the rows, the
// text filter, group narrowing, and the detail pane's location marks.
#include "models/console/DeadLetterGroupModel.h"
#include "models/console/DeadLetterListModel.h"
#include "models/console/Hl7TreeModel.h"
#include "ui/session/NodeFleet.h"
#include "ui/session/TokenVault.h"
#include "ui/views/DeadLetterDetailPane.h"
#include "ui/views/DeadLetterFeed.h"
#include "ui/views/DeadLetterView.h"

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QDateTime>
#include <QItemSelectionModel>
#include <QJsonArray>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

using namespace Qt::StringLiterals;

namespace {

const QString Node = u"n1"_s;
const QString OtherNode = u"n2"_s;
const QString DeliverSig = u"SIG-DELIVER"_s;
const QString ValidateSig = u"SIG-VALIDATE"_s;

QString iso(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs);
}

QJsonObject row(qint64 id, const QString& stage, qint64 createdMs, qint64 messageId)
{
    const bool deliver = stage == u"deliver";
    QJsonObject o{{u"id"_s, double(id)},
                  {u"messageId"_s, double(messageId)},
                  {u"correlationId"_s, u"%1"_s.arg(id, 32, 16, QChar(u'0'))},
                  {u"channel"_s, u"hl7-in"_s},
                  {u"stage"_s, stage},
                  {u"errorClass"_s, deliver ? u"connect"_s : u"hl7-101"_s},
                  {u"reason"_s, deliver ? u"gave up after 1 attempts: Connection refused"_s
                                        : u"PID(1)-3: PID-3 (patient identifier list) is missing (101)"_s},
                  {u"attempts"_s, deliver ? 1 : 0},
                  {u"createdAt"_s, iso(createdMs)},
                  {u"state"_s, u"open"_s},
                  {u"signature"_s, deliver ? DeliverSig : ValidateSig},
                  {u"messageType"_s, u"ADT"_s},
                  {u"triggerEvent"_s, deliver ? u"A08"_s : u"A01"_s},
                  {u"controlId"_s, u"CTL-%1"_s.arg(id)},
                  {u"unit"_s, u"ICU-3"_s}};
    if (deliver)
        o.insert(u"destination"_s, u"lab-down"_s);
    else
        o.insert(u"errorLocation"_s, u"PID(1)-3"_s);
    return o;
}

QJsonArray groups()
{
    return QJsonArray{
        QJsonObject{{u"signature"_s, ValidateSig}, {u"stage"_s, u"validate"_s}, {u"errorClass"_s, u"hl7-101"_s},
                    {u"errorLocation"_s, u"PID(1)-3"_s}, {u"count"_s, 1}, {u"firstAt"_s, iso(1795730400000)},
                    {u"lastAt"_s, iso(1795730400000)}, {u"destinations"_s, QJsonArray()},
                    {u"latestReason"_s, u"PID(1)-3: PID-3 (patient identifier list) is missing (101)"_s}},
        QJsonObject{{u"signature"_s, DeliverSig}, {u"stage"_s, u"deliver"_s}, {u"errorClass"_s, u"connect"_s},
                    {u"count"_s, 2}, {u"firstAt"_s, iso(1795730400000)}, {u"lastAt"_s, iso(1795730460000)},
                    {u"destinations"_s, QJsonArray{u"lab-down"_s}},
                    {u"latestReason"_s, u"gave up after 1 attempts: Connection refused"_s}}};
}

/// A 4.12 dead letter: an ADT without PID-3, masked as an admin sees it.
QJsonObject validateDetail()
{
    const QString raw = u"MSH|^~\\&|TESTAPP|TESTFAC|VIGIL|HOSP|20261126120000||ADT^A01^ADT_A01|NOID-1|P|2.5.1\r"
                        "EVN|A01|20261126120000\r"
                        "PID|1||||***^***||***|F\r"
                        "PV1|1|I|ICU-3^12^1\r"_s;
    return QJsonObject{{u"id"_s, 3}, {u"messageId"_s, 7}, {u"correlationId"_s, u"0"_s.repeated(32)},
                       {u"channel"_s, u"hl7-in"_s}, {u"stage"_s, u"validate"_s}, {u"errorClass"_s, u"hl7-101"_s},
                       {u"errorLocation"_s, u"PID(1)-3"_s},
                       {u"reason"_s, u"PID(1)-3: PID-3 (patient identifier list) is missing (101)"_s},
                       {u"attempts"_s, 0}, {u"createdAt"_s, iso(1795730400000)}, {u"state"_s, u"open"_s},
                       {u"content"_s, QJsonObject{{u"masked"_s, true},
                                                  {u"maskedPaths"_s, QJsonArray{u"PID-5"_s, u"PID-7"_s}},
                                                  {u"raw"_s, raw}}}};
}

} // namespace

class tst_DeadLetterView : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void showsGroupsLargestFirstAndRows();
    void adminIsOfferedTheActions();
    void supportIsNotOfferedThem();
    void nurseSeesOnlyTheRefusal();
    void offlineNodeIsShownAsOf();
    void pendingAndFollowUpAreShownInTheRow();
    void textFilterNarrowsTheList();
    void selectingAGroupNarrowsTheQuery();
    void detailMarksAMissingField();
    void detailMarksAPresentField();

private:
    void feed(const QString& role, bool live = true);
    bool selectRows(const QList<int>& sourceRows);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<TokenVault> m_vault;
    std::unique_ptr<NodeFleet> m_fleet;
    std::unique_ptr<DeadLetterView> m_view;
    std::unique_ptr<QAbstractItemModelTester> m_listTester;
    std::unique_ptr<QAbstractItemModelTester> m_groupTester;
};

void tst_DeadLetterView::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_vault = std::make_unique<TokenVault>(u"vigil-console-test"_s);
    m_fleet = std::make_unique<NodeFleet>(m_vault.get(), m_dir->filePath(u"nodes.ini"_s), m_dir->filePath(u"cache"_s));
    QVERIFY(m_fleet->load());
    m_view = std::make_unique<DeadLetterView>(m_fleet.get());
    m_listTester = std::make_unique<QAbstractItemModelTester>(m_view->feed()->list(),
                                                              QAbstractItemModelTester::FailureReportingMode::QtTest);
    m_listTester->setUseFetchMore(false);
    m_groupTester = std::make_unique<QAbstractItemModelTester>(m_view->feed()->groups(),
                                                               QAbstractItemModelTester::FailureReportingMode::QtTest);
    m_view->resize(1400, 900);
    m_view->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_view.get()));
}

void tst_DeadLetterView::cleanup()
{
    m_listTester.reset();
    m_groupTester.reset();
    m_view.reset();
    m_fleet.reset();
    m_vault.reset();
    m_dir.reset();
}

void tst_DeadLetterView::feed(const QString& role, bool live)
{
    DeadLetterFeed::NodeAccess access;
    access.nodeId = Node;
    access.name = u"Ward node"_s;
    access.role = role;
    access.live = live;
    if (!live)
        access.cachedAtMs = QDateTime::currentMSecsSinceEpoch() - 120000;
    m_view->feed()->setAccess(access);
    if (!access.canRead())
        return;
    m_view->feed()->groups()->replaceNode(Node, groups(), !live);
    m_view->feed()->list()->upsertItems(Node, QJsonArray{row(3, u"validate"_s, 1795730400000, 7),
                                                         row(2, u"deliver"_s, 1795730460000, 6),
                                                         row(1, u"deliver"_s, 1795730400000 - 60000, 5)},
                                        !live);
}

bool tst_DeadLetterView::selectRows(const QList<int>& sourceRows)
{
    QItemSelectionModel* selection = m_view->listView()->selectionModel();
    selection->clear();
    for (int r : sourceRows) {
        const QModelIndex index = m_view->listProxy()->mapFromSource(m_view->feed()->list()->index(r, 0));
        if (!index.isValid())
            return false;
        selection->select(index, QItemSelectionModel::Select | QItemSelectionModel::Rows);
    }
    return true;
}

void tst_DeadLetterView::showsGroupsLargestFirstAndRows()
{
    feed(u"admin"_s);
    QCOMPARE(m_view->groupsView()->model()->rowCount(), 2);
    // Sorted by count: the deliver group (2) above the validate group (1).
    QCOMPARE(m_view->groupsProxy()->index(0, 0).data(DeadLetterGroupModel::SignatureRole).toString(), DeliverSig);
    QCOMPARE(m_view->groupsProxy()->index(0, DeadLetterGroupModel::WhereColumn).data().toString(), u"to lab-down"_s);
    QCOMPARE(m_view->listView()->model()->rowCount(), 3);
    // Newest first.
    QCOMPARE(m_view->listProxy()->index(0, DeadLetterListModel::IdColumn).data().toLongLong(), qint64(2));
    QCOMPARE(m_view->listProxy()->index(0, DeadLetterListModel::NodeColumn).data().toString(), u"Ward node"_s);
    // "3 dead letters shown" with the English plurals loaded; the source text says "letter(s)".
    QVERIFY2(m_view->statusLabel()->text().startsWith(u"3 dead letter"_s), qPrintable(m_view->statusLabel()->text()));
    QVERIFY(!m_view->isRefusedState());
    QCOMPARE(m_view->bannerText(), QString());
}

void tst_DeadLetterView::adminIsOfferedTheActions()
{
    feed(u"admin"_s);
    QVERIFY(!m_view->retryGroupButton()->isEnabled());
    QVERIFY(!m_view->resubmitButton()->isEnabled());
    QCOMPARE(m_view->resubmitButton()->toolTip(), u"Select dead letters first"_s);

    QVERIFY(m_view->selectGroup(Node, DeliverSig));
    QVERIFY(m_view->retryGroupButton()->isEnabled());
    QVERIFY(m_view->parkGroupButton()->isEnabled());

    // Selecting the group narrowed the query (no node here, so the list is empty): feed rows again.
    feed(u"admin"_s);
    QVERIFY(selectRows({0, 1}));
    QVERIFY(m_view->resubmitButton()->isEnabled());
    QVERIFY(m_view->parkButton()->isEnabled());
    QVERIFY(!m_view->editButton()->isEnabled());
    QCOMPARE(m_view->editButton()->toolTip(), u"Select one dead letter to edit it"_s);
    QVERIFY(selectRows({0}));
    QVERIFY(m_view->editButton()->isEnabled());
    QCOMPARE(m_view->parkButton()->text(), u"&Park selected…"_s);
    // Parked ones are offered back: the same button unparks them.
    m_view->feed()->list()->setStates(Node, {m_view->feed()->list()->deadLetterIdAt(0)}, u"parked"_s);
    QCOMPARE(m_view->parkButton()->text(), u"Un&park selected…"_s);
    QVERIFY(m_view->parkButton()->isEnabled());

    // Rows of two nodes cannot go into one request.
    DeadLetterFeed::NodeAccess other{OtherNode, u"Lab node"_s, u"admin"_s, true, 0, QString()};
    m_view->feed()->setAccess(other);
    m_view->feed()->list()->upsertItems(OtherNode, QJsonArray{row(9, u"deliver"_s, 1795730500000, 50)});
    const int otherRow = m_view->feed()->list()->rowOf(OtherNode, 9);
    QVERIFY(selectRows({otherRow, m_view->feed()->list()->rowOf(Node, 3)}));
    QVERIFY(!m_view->resubmitButton()->isEnabled());
    QCOMPARE(m_view->resubmitButton()->toolTip(), u"Select dead letters of one node"_s);
}

void tst_DeadLetterView::supportIsNotOfferedThem()
{
    feed(u"support"_s);
    QCOMPARE(m_view->listView()->model()->rowCount(), 3); // support reads everything
    QVERIFY(selectRows({0}));
    for (QPushButton* b : {m_view->resubmitButton(), m_view->editButton()}) {
        QVERIFY2(!b->isEnabled(), qPrintable(b->text()));
        QCOMPARE(b->toolTip(), u"Admins resubmit"_s);
    }
    QVERIFY(!m_view->parkButton()->isEnabled());
    QVERIFY(m_view->selectGroup(Node, ValidateSig));
    QVERIFY(!m_view->retryGroupButton()->isEnabled());
    QCOMPARE(m_view->retryGroupButton()->toolTip(), u"Admins resubmit"_s);
    // Asked anyway (a keyboard shortcut, a stale button): nothing opens.
    m_view->retryGroup();
    QVERIFY(!m_view->activeDialog());
}

void tst_DeadLetterView::nurseSeesOnlyTheRefusal()
{
    feed(u"nurse"_s);
    QVERIFY(m_view->isRefusedState());
    QCOMPARE(m_view->refusalText(), u"Your role cannot see dead letters on Ward node."_s);
    QVERIFY(m_view->listView()->isHidden() || !m_view->listView()->isVisible());
    QCOMPARE(m_view->feed()->list()->rowCount(), 0);
    QCOMPARE(m_view->feed()->groups()->rowCount(), 0);
    QCOMPARE(m_view->bannerText(), QString());

    // With another node where the user is admin, that node's dead letters are shown and the
    // refusal is one line of the banner.
    DeadLetterFeed::NodeAccess other{OtherNode, u"Lab node"_s, u"admin"_s, true, 0, QString()};
    m_view->feed()->setAccess(other);
    QVERIFY(!m_view->isRefusedState());
    QVERIFY2(m_view->bannerText().contains(u"Your role cannot see dead letters on Ward node."_s),
             qPrintable(m_view->bannerText()));
}

void tst_DeadLetterView::offlineNodeIsShownAsOf()
{
    feed(u"admin"_s, false);
    QVERIFY2(m_view->bannerText().contains(u"Ward node is offline — dead letters as of"_s), qPrintable(m_view->bannerText()));
    QVERIFY(m_view->feed()->list()->index(0, 0).data(DeadLetterListModel::CachedRole).toBool());
    QVERIFY(m_view->groupsProxy()->index(0, 0).data(DeadLetterGroupModel::CachedRole).toBool());
    // Acting offline is allowed (it waits as pending): the buttons stay offered to an admin.
    QVERIFY(selectRows({0}));
    QVERIFY(m_view->resubmitButton()->isEnabled());

    // A node that refused: its words, plainly.
    DeadLetterFeed::NodeAccess access = m_view->feed()->access(Node);
    access.live = true;
    access.cachedAtMs = 0;
    access.problem = u"the support role may not do this"_s;
    m_view->feed()->setAccess(access);
    QCOMPARE(m_view->bannerText(), u"Ward node: the support role may not do this"_s);
}

void tst_DeadLetterView::pendingAndFollowUpAreShownInTheRow()
{
    feed(u"admin"_s);
    DeadLetterListModel* list = m_view->feed()->list();
    const auto cell = [this, list](qint64 id, int column) {
        return m_view->listProxy()->mapFromSource(list->index(list->rowOf(Node, id), column)).data().toString();
    };
    list->setPendingAction(Node, u"key-1"_s, u"resubmit"_s, {2}, QString(), QDateTime::currentMSecsSinceEpoch());
    QCOMPARE(cell(2, DeadLetterListModel::StateColumn), u"open, resubmit pending"_s);
    QVERIFY(cell(2, DeadLetterListModel::FollowUpColumn).startsWith(u"resubmit pending"_s));
    list->clearPendingAction(Node, u"key-1"_s);

    // The node's events: committed, then the replay fails again at lab-down.
    const auto event = [](const QString& name, const QJsonObject& data) {
        return QJsonObject{{u"type"_s, u"event"_s}, {u"event"_s, name}, {u"data"_s, data}};
    };
    list->applyEvent(Node, event(u"deadLetter.resubmitted"_s, {{u"deadLetterId"_s, 2}, {u"messageId"_s, 40}}));
    QCOMPARE(cell(2, DeadLetterListModel::StateColumn), u"resubmitted"_s);
    QCOMPARE(cell(2, DeadLetterListModel::FollowUpColumn), u"queued for lab-down (message 40)"_s);
    list->applyEvent(Node, event(u"message.state"_s, {{u"messageId"_s, 40}, {u"state"_s, u"dead-lettered"_s},
                                                     {u"destination"_s, u"lab-down"_s}}));
    QCOMPARE(cell(2, DeadLetterListModel::FollowUpColumn), u"failed again at lab-down (message 40)"_s);
    QVERIFY(m_view->listProxy()
                ->mapFromSource(list->index(list->rowOf(Node, 2), 0))
                .data(DeadLetterListModel::NeedsAttentionRole)
                .toBool());
}

void tst_DeadLetterView::textFilterNarrowsTheList()
{
    feed(u"admin"_s);
    QTest::keyClicks(m_view->textFilter(), u"pid-3"_s);
    QCOMPARE(m_view->listView()->model()->rowCount(), 1);
    QCOMPARE(m_view->listProxy()->index(0, DeadLetterListModel::IdColumn).data().toLongLong(), qint64(3));
    m_view->textFilter()->clear();
    QCOMPARE(m_view->listView()->model()->rowCount(), 3);
}

void tst_DeadLetterView::selectingAGroupNarrowsTheQuery()
{
    feed(u"admin"_s);
    QVERIFY(!m_view->showAllButton()->isEnabled());
    QVERIFY(m_view->selectGroup(Node, ValidateSig));
    QCOMPARE(m_view->feed()->filter().signature, ValidateSig);
    QCOMPARE(m_view->feed()->filter().signatureNode, Node);
    QVERIFY(m_view->showAllButton()->isEnabled());
    // The group leaves (every one of it was resubmitted): the list is not switched to the group
    // that happens to be next; nothing is selected.
    m_view->feed()->groups()->replaceNode(Node, QJsonArray{groups().at(1)});
    QCOMPARE(m_view->feed()->filter().signature, ValidateSig);
    QTRY_VERIFY(!m_view->groupsView()->selectionModel()->hasSelection());
    QVERIFY(!m_view->retryGroupButton()->isEnabled());
    m_view->feed()->groups()->replaceNode(Node, groups());
    QTest::mouseClick(m_view->showAllButton(), Qt::LeftButton);
    QCOMPARE(m_view->feed()->filter().signature, QString());
    QVERIFY(!m_view->groupsView()->selectionModel()->hasSelection());

    // The node-side filters go into the list's query.
    m_view->stageBox()->setCurrentIndex(m_view->stageBox()->findData(u"deliver"_s));
    QCOMPARE(m_view->feed()->filter().stage, u"deliver"_s);
    m_view->channelBox()->setCurrentText(u"hl7-in"_s);
    QTRY_COMPARE(m_view->feed()->filter().channel, u"hl7-in"_s);
    QCOMPARE(DeadLetterFeed::listQuery(m_view->feed()->filter(), u"17"_s, 100),
             u"state=open&stage=deliver&channel=hl7-in&before=17&limit=100"_s);
}

void tst_DeadLetterView::detailMarksAMissingField()
{
    DeadLetterDetailPane* pane = m_view->detailPane();
    pane->setDeadLetter(Node, u"Ward node"_s, validateDetail());
    QCOMPARE(pane->reasonLabel()->text(), u"PID(1)-3: PID-3 (patient identifier list) is missing (101)"_s);
    QVERIFY(pane->titleLabel()->text().contains(u"Dead letter 3 on Ward node"_s));
    QVERIFY(pane->factsLabel()->text().contains(u"where: PID(1)-3"_s));
    QVERIFY(pane->noticeLabel()->text().contains(u"masked (***): PID-5, PID-7"_s));
    // PID-3 is empty, so it is not in the tree: its segment is selected, and its line marked.
    QCOMPARE(pane->locatedPath(), u"PID"_s);
    QCOMPARE(pane->locatedLine(), 2);
    QCOMPARE(pane->parsedView()->currentIndex().data(Hl7TreeModel::PathRole).toString(), u"PID"_s);
    QCOMPARE(pane->rawView()->textCursor().blockNumber(), 2);
    QCOMPARE(pane->parsedModel()->rowCount(), 4);
}

void tst_DeadLetterView::detailMarksAPresentField()
{
    QJsonObject d = validateDetail();
    d.insert(u"errorLocation"_s, u"PV1(1)-3"_s);
    m_view->detailPane()->setDeadLetter(Node, u"Ward node"_s, d, QDateTime::currentMSecsSinceEpoch());
    QCOMPARE(m_view->detailPane()->locatedPath(), u"PV1-3"_s);
    QCOMPARE(m_view->detailPane()->locatedLine(), 3);
    QVERIFY(m_view->detailPane()->noticeLabel()->text().contains(u"Cached — as of"_s));
}

QTEST_MAIN(tst_DeadLetterView)
#include "tst_deadletterview.moc"
