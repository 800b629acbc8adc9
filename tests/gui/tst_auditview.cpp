// The audit view fed by its model (the node's answers canned per node): entries in words with the
// outcome as icon and word, the plain refusal for a role that may not read the log (one node, all
// nodes), filters into the request, "Load more", a live entry shown at once and completed, and an
// entry read in full.
#include "models/console/AuditLogModel.h"
#include "ui/session/NodeFleet.h"
#include "ui/session/NodeSession.h"
#include "ui/session/TokenVault.h"
#include "ui/views/AuditView.h"

#include <QApplication>
#include <QComboBox>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QPalette>
#include <QPushButton>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace {

constexpr qint64 T0 = 1795737600000; // 2026-11-27T00:00:00Z

QString iso(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs);
}

QJsonObject entry(qint64 seq, qint64 atMs, const QString& actor, const QString& role, const QString& action,
                  const QString& outcome = u"ok"_s, const QString& target = QString(), const QString& reason = QString())
{
    QJsonObject e{{u"seq"_s, seq},          {u"at"_s, iso(atMs)},     {u"actor"_s, actor},
                  {u"role"_s, role},        {u"remote"_s, u"10.1.2.3"_s}, {u"action"_s, action},
                  {u"outcome"_s, outcome},  {u"hash"_s, u"ab"_s}};
    if (!target.isEmpty())
        e.insert(u"target"_s, target);
    if (!reason.isEmpty())
        e.insert(u"reason"_s, reason);
    return e;
}

} // namespace

class tst_AuditView : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void cleanupTestCase();
    void entriesInWordsWithOutcome();
    void refusalOfOneNodeIsNamedAboveTheOthers();
    void refusalOfEveryNodeReplacesTheTable();
    void filtersGoToTheNode();
    void loadMoreReadsOlderPages();
    void liveEntryAppearsAndIsCompleted();
    void selectedEntryIsReadInFull();

private:
    QString cell(int row, int column) const;
    /// Answers every request: North from m_northPages (by `before`), South refuses when m_southRefuses.
    void answer(const AuditLogModel::Request& request);

    QTemporaryDir m_tmp;
    std::unique_ptr<TokenVault> m_vault;
    std::unique_ptr<NodeFleet> m_fleet;
    std::unique_ptr<AuditView> m_view;
    QString m_north;
    QString m_south;
    bool m_southRefuses = true;
    bool m_northRefuses = false;
    QList<AuditLogModel::Request> m_requests;
    QHash<QString, QJsonObject> m_northPages; ///< "head" or "before=N" → page
    bool m_hold = false;                      ///< keep requests unanswered
};

void tst_AuditView::initTestCase()
{
    qputenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/vigil-test-bus");
    m_vault = std::make_unique<TokenVault>(u"vigil-console-test-auditview"_s);
    m_fleet = std::make_unique<NodeFleet>(m_vault.get(), m_tmp.filePath(u"nodes.ini"_s), m_tmp.filePath(u"cache"_s));
    QVERIFY(m_fleet->load());
    for (const QString& name : {u"North"_s, u"South"_s}) {
        NodeProfile profile = NodeProfile::create();
        profile.displayName = name;
        profile.host = u"127.0.0.1"_s;
        profile.port = name == u"North" ? 1 : 2;
        QString error;
        const QString id = m_fleet->addNode(profile, &error);
        QVERIFY2(!id.isEmpty(), qPrintable(error));
        (name == u"North" ? m_north : m_south) = id;
    }
}

void tst_AuditView::init()
{
    m_requests.clear();
    m_southRefuses = true;
    m_northRefuses = false;
    m_hold = false;
    // More entries than the table shows at once, so it does not read on by itself.
    QJsonArray newest{entry(50, T0 + 50000, u"nina"_s, u"nurse"_s, u"alert-acknowledge"_s, u"ok"_s, u"alert:3"_s,
                            u"called Dr Lee"_s),
                      entry(49, T0 + 49000, u"olaf"_s, u"nurse"_s, u"alert-acknowledge"_s, u"denied"_s, u"alert:3"_s)};
    for (qint64 seq = 48; seq >= 11; --seq)
        newest.append(entry(seq, T0 + seq * 1000, u"ada"_s, u"admin"_s, u"sign-in"_s));
    m_northPages = {
        {u"head"_s, QJsonObject{{u"items"_s, newest}, {u"nextCursor"_s, 11}}},
        {u"before=11"_s,
         QJsonObject{{u"items"_s, QJsonArray{entry(10, T0 + 10000, u"ada"_s, u"admin"_s, u"export-messages"_s)}}}}};
    m_view = std::make_unique<AuditView>(m_fleet.get());
    // The nodes are not reachable here: the test answers for them, a moment later as a node would.
    m_view->auditModel()->setFetcher([this](const AuditLogModel::Request& r) {
        m_requests.append(r);
        if (!m_hold)
            QTimer::singleShot(0, this, [this, r] { answer(r); });
    });
    m_view->auditModel()->reload();
    QTRY_VERIFY(m_view->auditModel()->nodeState(m_north) != AuditLogModel::NodeState::Loading
                && m_view->auditModel()->nodeState(m_south) != AuditLogModel::NodeState::Loading);
    m_view->resize(1300, 700);
    m_view->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_view.get()));
}

void tst_AuditView::cleanup()
{
    m_view.reset();
}

void tst_AuditView::cleanupTestCase()
{
    m_fleet.reset();
    m_vault.reset();
}

QString tst_AuditView::cell(int row, int column) const
{
    return m_view->tableView()->model()->index(row, column).data().toString();
}

void tst_AuditView::answer(const AuditLogModel::Request& r)
{
    AuditLogModel* model = m_view->auditModel();
    if ((r.nodeId == m_south && m_southRefuses) || (r.nodeId == m_north && m_northRefuses)) {
        model->pageFailed(r.ticket, u"the role lacks the permission ReadAudit"_s, true);
        return;
    }
    if (r.nodeId == m_south) {
        model->pageArrived(r.ticket, QJsonObject{{u"items"_s, QJsonArray()}});
        return;
    }
    const qsizetype before = r.pathAndQuery.indexOf(u"&before=");
    const QString key = before < 0 ? u"head"_s : r.pathAndQuery.mid(before + 1);
    model->pageArrived(r.ticket, m_northPages.value(key, QJsonObject{{u"items"_s, QJsonArray()}}));
}

void tst_AuditView::entriesInWordsWithOutcome()
{
    QCOMPARE(m_view->tableView()->model()->rowCount(), 40);
    QCOMPARE(cell(0, AuditLogModel::ActorColumn), u"nina (nurse)"_s);
    QCOMPARE(cell(0, AuditLogModel::ActionColumn), u"Acknowledged an alert"_s);
    QCOMPARE(cell(0, AuditLogModel::TargetColumn), u"alert:3"_s);
    QCOMPARE(cell(0, AuditLogModel::ReasonColumn), u"called Dr Lee"_s);
    QCOMPARE(cell(0, AuditLogModel::NodeColumn), u"North"_s);
    QCOMPARE(cell(0, AuditLogModel::OutcomeColumn), u"Done"_s);
    QCOMPARE(cell(1, AuditLogModel::OutcomeColumn), u"Refused"_s);
    const QModelIndex refused = m_view->tableView()->model()->index(1, AuditLogModel::OutcomeColumn);
    QVERIFY(!refused.data(Qt::DecorationRole).value<QIcon>().isNull());
    QCOMPARE(refused.data(Qt::ForegroundRole).value<QColor>(), QApplication::palette().color(QPalette::BrightText));
    QVERIFY(!m_view->tableView()->model()->index(0, AuditLogModel::OutcomeColumn)
                 .data(Qt::DecorationRole).value<QIcon>().isNull());
}

void tst_AuditView::refusalOfOneNodeIsNamedAboveTheOthers()
{
    QVERIFY(m_view->refusalText().isEmpty());
    QVERIFY2(m_view->bannerText().contains(u"Your role cannot see the audit log on South."),
             qPrintable(m_view->bannerText()));
    QVERIFY(m_view->tableView()->isVisible());

    // Only South: the table gives way to the plain refusal.
    m_view->setNode(m_south);
    QCOMPARE(m_view->selectedNode(), m_south);
    QTRY_VERIFY(!m_view->refusalText().isEmpty());
    QVERIFY2(m_view->refusalText().startsWith(u"Your role cannot see the audit log on South."),
             qPrintable(m_view->refusalText()));
    QVERIFY(!m_view->tableView()->isVisible());
    QVERIFY(!m_view->verifyButton()->isEnabled());

    m_view->setNode(m_north);
    QTRY_COMPARE(m_view->tableView()->model()->rowCount(), 40);
    QVERIFY(m_view->refusalText().isEmpty());
    QVERIFY(m_view->verifyButton()->isEnabled());
}

void tst_AuditView::refusalOfEveryNodeReplacesTheTable()
{
    m_northRefuses = true;
    m_view->auditModel()->reload();
    QTRY_VERIFY(!m_view->refusalText().isEmpty());
    const QString text = m_view->refusalText();
    QVERIFY2(text.startsWith(u"Your role cannot see the audit log on "), qPrintable(text));
    QVERIFY(text.contains(u"North") && text.contains(u"South"));
    QVERIFY(!m_view->tableView()->isVisible());
}

void tst_AuditView::filtersGoToTheNode()
{
    m_view->setNode(m_north);
    m_requests.clear();
    m_view->actorEdit()->setText(u"nina"_s);
    m_view->actionBox()->setCurrentIndex(m_view->actionBox()->findData(u"alert-acknowledge"_s));
    QCOMPARE(m_view->actionBox()->currentText(), u"Acknowledged an alert"_s);
    m_view->targetEdit()->setText(u"alert:3"_s);
    QTest::keyClick(m_view->targetEdit(), Qt::Key_Return);
    QCOMPARE(m_requests.size(), 1);
    QCOMPARE(m_requests.first().nodeId, m_north);
    QVERIFY2(m_requests.first().pathAndQuery.contains(u"&actor=nina&action=alert-acknowledge&target=alert%3A3"),
             qPrintable(m_requests.first().pathAndQuery));
    m_view->clearFilters();
    QCOMPARE(m_requests.size(), 2);
    QCOMPARE(m_requests.last().pathAndQuery, u"/api/v1/audit?limit=100"_s);
}

void tst_AuditView::loadMoreReadsOlderPages()
{
    m_view->setNode(m_north);
    QTRY_COMPARE(m_view->tableView()->model()->rowCount(), 40);
    QVERIFY(m_view->loadMoreButton()->isEnabled());
    QVERIFY2(m_view->statusText().contains(u"Load more"), qPrintable(m_view->statusText()));
    QTest::mouseClick(m_view->loadMoreButton(), Qt::LeftButton);
    QVERIFY(m_requests.last().pathAndQuery.endsWith(u"&before=11"));
    QTRY_COMPARE(m_view->tableView()->model()->rowCount(), 41);
    QCOMPARE(cell(40, AuditLogModel::ActionColumn), u"Exported messages"_s);
    QVERIFY(!m_view->loadMoreButton()->isEnabled());
    QVERIFY2(m_view->statusText().contains(u"that is all"), qPrintable(m_view->statusText()));
}

void tst_AuditView::liveEntryAppearsAndIsCompleted()
{
    m_view->setNode(m_north);
    QTRY_COMPARE(m_view->tableView()->model()->rowCount(), 40);
    m_hold = true;
    m_requests.clear();
    // The node's stream says an entry was written (NodeSession re-emits every non-stats event).
    NodeSession* north = m_fleet->session(m_north);
    emit north->eventReceived(QJsonObject{
        {u"type"_s, u"event"_s},
        {u"seq"_s, 400},
        {u"event"_s, u"audit.appended"_s},
        {u"at"_s, iso(T0 + 51000)},
        {u"data"_s, QJsonObject{{u"seq"_s, 51}, {u"actor"_s, u"sam"_s}, {u"action"_s, u"alert-resolve"_s},
                                {u"outcome"_s, u"ok"_s}, {u"target"_s, u"alert:3"_s}}}});
    QCOMPARE(m_view->tableView()->model()->rowCount(), 41);
    QCOMPARE(cell(0, AuditLogModel::ActorColumn), u"sam"_s);
    QCOMPARE(cell(0, AuditLogModel::ActionColumn), u"Resolved an alert"_s);
    QCOMPARE(cell(0, AuditLogModel::ReasonColumn), u"(loading the rest…)"_s);
    QCOMPARE(m_requests.size(), 1);
    QVERIFY(m_requests.first().head);

    m_northPages.insert(u"head"_s, QJsonObject{{u"items"_s, QJsonArray{entry(51, T0 + 51000, u"sam"_s, u"support"_s,
                                                                            u"alert-resolve"_s, u"ok"_s, u"alert:3"_s,
                                                                            u"source fixed"_s),
                                                                      entry(50, T0 + 50000, u"nina"_s, u"nurse"_s,
                                                                            u"alert-acknowledge"_s)}},
                                               {u"nextCursor"_s, 50}});
    answer(m_requests.takeFirst());
    QCOMPARE(m_view->tableView()->model()->rowCount(), 41);
    QCOMPARE(cell(0, AuditLogModel::ActorColumn), u"sam (support)"_s);
    QCOMPARE(cell(0, AuditLogModel::ReasonColumn), u"source fixed"_s);
}

void tst_AuditView::selectedEntryIsReadInFull()
{
    m_view->setNode(m_north);
    QTRY_COMPARE(m_view->tableView()->model()->rowCount(), 40);
    m_view->tableView()->selectRow(0);
    const QLabel* detail = nullptr;
    for (const QLabel* label : m_view->findChildren<QLabel*>()) {
        if (label->text().startsWith(u"Entry 50 on North"))
            detail = label;
    }
    QVERIFY(detail);
    QVERIFY2(detail->text().contains(u"nina (nurse) from 10.1.2.3"), qPrintable(detail->text()));
    QVERIFY(detail->text().contains(u"Acknowledged an alert on alert:3 — Done"));
    QVERIFY(detail->text().contains(u"Reason: called Dr Lee"));
}

QTEST_MAIN(tst_AuditView)
#include "tst_auditview.moc"
