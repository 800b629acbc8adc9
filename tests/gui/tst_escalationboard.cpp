// The escalation board fed by models: soonest first with live countdowns ("in 1:42" → "OVERDUE 0:12"
// in red with an icon), severity by icon and word, whom the next level pages (or "per policy …"
// without the node's policies), pending and offline rows marked; and the history pane's timeline
// from a recorded alert detail.
#include "models/console/AlertBoardModel.h"
#include "models/console/AlertHistoryModel.h"
#include "models/console/EscalationQueueModel.h"
#include "ui/session/NodeFleet.h"
#include "ui/session/TokenVault.h"
#include "ui/style/SeverityLook.h"
#include "ui/views/AlertHistoryPane.h"
#include "ui/views/EscalationBoardView.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QDateTime>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPalette>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

constexpr qint64 T0 = 1795737600000; // 2026-11-27T00:00:00Z

QString iso(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs);
}

QJsonObject alert(qint64 id, qint64 nextAtMs, int level = 0, const QString& severity = u"critical"_s,
                  const QString& title = QString())
{
    return QJsonObject{{u"id"_s, id},
                       {u"ruleId"_s, u"critical-result"_s},
                       {u"category"_s, u"clinical"_s},
                       {u"severity"_s, severity},
                       {u"state"_s, level > 0 ? u"escalated"_s : u"notified"_s},
                       {u"title"_s, title.isEmpty() ? u"Critical result Potassium 6.9 mmol/L (HH)"_s : title},
                       {u"unit"_s, u"ICU-3"_s},
                       {u"level"_s, level},
                       {u"repeats"_s, 0},
                       {u"policy"_s, u"clinical-critical"_s},
                       {u"createdAt"_s, iso(T0 - 60000)},
                       {u"updatedAt"_s, iso(T0)},
                       {u"nextEscalationAt"_s, iso(nextAtMs)}};
}

QJsonArray policies()
{
    auto level = [](const QStringList& who) {
        return QJsonObject{{u"notify"_s, QJsonArray::fromStringList(who)}, {u"ackTimeoutSeconds"_s, 300}};
    };
    return QJsonArray{QJsonObject{
        {u"name"_s, u"clinical-critical"_s},
        {u"levels"_s, QJsonArray{level({u"unit"_s}), level({u"unit"_s, u"role:charge-nurse"_s}),
                                 level({u"role:charge-nurse"_s, u"role:house-supervisor"_s})}}}};
}

QJsonObject recordedDetail()
{
    QFile file(QStringLiteral(VIGIL_TEST_DATA_DIR "/console/escalated-alert-detail.json"));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(file.readAll()).object();
}

} // namespace

class tst_EscalationBoard : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void cleanupTestCase();
    void soonestFirstWithLiveCountdowns();
    void overdueIsRedWithIconAndWord();
    void nextRecipientsInWordsOrPolicyName();
    void pendingAndOfflineRowsAreMarked();
    void selectingARowAsksForItsHistory();
    void historyPaneReadsAsATimeline();

private:
    QString cell(int row, int column) const;

    QTemporaryDir m_tmp;
    std::unique_ptr<TokenVault> m_vault;
    std::unique_ptr<NodeFleet> m_fleet;
    std::unique_ptr<EscalationBoardView> m_view;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
    QString m_node;
    qint64 m_now = T0;
};

void tst_EscalationBoard::initTestCase()
{
    qputenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/vigil-test-bus");
    m_vault = std::make_unique<TokenVault>(u"vigil-console-test-escalationboard"_s);
    m_fleet = std::make_unique<NodeFleet>(m_vault.get(), m_tmp.filePath(u"nodes.ini"_s), m_tmp.filePath(u"cache"_s));
    QVERIFY(m_fleet->load());
    // A node nobody is signed in to: the board works from the alert model alone.
    NodeProfile profile = NodeProfile::create();
    profile.displayName = u"North"_s;
    profile.host = u"127.0.0.1"_s;
    profile.port = 1;
    QString error;
    m_node = m_fleet->addNode(profile, &error);
    QVERIFY2(!m_node.isEmpty(), qPrintable(error));
}

void tst_EscalationBoard::init()
{
    m_now = T0;
    m_view = std::make_unique<EscalationBoardView>(m_fleet.get());
    m_view->queueModel()->setClock([this] { return m_now; });
    m_tester = std::make_unique<QAbstractItemModelTester>(m_view->tableView()->model(),
                                                          QAbstractItemModelTester::FailureReportingMode::QtTest);
    m_view->resize(1200, 700);
    m_view->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_view.get()));
}

void tst_EscalationBoard::cleanup()
{
    m_tester.reset();
    m_view.reset();
    m_fleet->alerts()->replaceNode(m_node, QJsonArray());
}

void tst_EscalationBoard::cleanupTestCase()
{
    m_fleet.reset();
    m_vault.reset();
}

QString tst_EscalationBoard::cell(int row, int column) const
{
    return m_view->tableView()->model()->index(row, column).data().toString();
}

void tst_EscalationBoard::soonestFirstWithLiveCountdowns()
{
    QVERIFY(m_view->summaryText().contains(u"Nothing is waiting to escalate"));
    m_fleet->alerts()->replaceNode(m_node, QJsonArray{alert(1, T0 + 102000, 0, u"high"_s, u"Lab down"_s),
                                                      alert(2, T0 + 42000)});
    QCOMPARE(m_view->tableView()->model()->rowCount(), 2);
    QCOMPARE(cell(0, EscalationQueueModel::WhenColumn), u"in 0:42"_s);
    QCOMPARE(cell(1, EscalationQueueModel::WhenColumn), u"in 1:42"_s);
    QCOMPARE(cell(0, EscalationQueueModel::SeverityColumn), u"Critical"_s);
    QCOMPARE(cell(1, EscalationQueueModel::SeverityColumn), u"High"_s);
    // The same shapes as on the alert board (octagon for critical, triangle for high), not a second set.
    const auto severityImage = [this](int row) {
        return m_view->tableView()->model()->index(row, EscalationQueueModel::SeverityColumn)
            .data(Qt::DecorationRole).value<QIcon>().pixmap(24).toImage();
    };
    QVERIFY(!severityImage(0).isNull());
    QCOMPARE(severityImage(0), SeverityLook::icon(u"critical"_s).pixmap(24).toImage());
    QCOMPARE(severityImage(1), SeverityLook::icon(u"high"_s).pixmap(24).toImage());
    QVERIFY(severityImage(0) != severityImage(1));
    QCOMPARE(cell(0, EscalationQueueModel::NodeColumn), u"North"_s);
    QCOMPARE(cell(0, EscalationQueueModel::UnitColumn), u"ICU-3"_s);
    QCOMPARE(cell(1, EscalationQueueModel::AlertColumn), u"Lab down \u2014 ICU-3"_s);
    // (Plural forms come from the translation; the source text says "alert(s)".)
    QVERIFY2(QRegularExpression(u"^2 alert(s|\\(s\\))? will escalate"_s).match(m_view->summaryText()).hasMatch(),
             qPrintable(m_view->summaryText()));
    QVERIFY(m_view->summaryText().contains(u"in 0:42"));

    // One second of the view's clock: the countdowns move, and the table is told.
    QSignalSpy changed(m_view->tableView()->model(), &QAbstractItemModel::dataChanged);
    m_now = T0 + 1000;
    m_view->tick();
    QVERIFY(!changed.isEmpty());
    QCOMPARE(cell(0, EscalationQueueModel::WhenColumn), u"in 0:41"_s);
    QCOMPARE(cell(1, EscalationQueueModel::WhenColumn), u"in 1:41"_s);
    QVERIFY(m_view->summaryText().contains(u"in 0:41"));
}

void tst_EscalationBoard::overdueIsRedWithIconAndWord()
{
    m_fleet->alerts()->replaceNode(m_node, QJsonArray{alert(1, T0 + 5000)});
    const QModelIndex when = m_view->tableView()->model()->index(0, EscalationQueueModel::WhenColumn);
    QVERIFY(when.data(Qt::DecorationRole).value<QIcon>().isNull());
    QVERIFY(!when.data(Qt::ForegroundRole).isValid());
    m_now = T0 + 17000;
    m_view->tick();
    QCOMPARE(when.data().toString(), u"OVERDUE 0:12"_s);
    QVERIFY(!when.data(Qt::DecorationRole).value<QIcon>().isNull());
    QCOMPARE(when.data(Qt::ForegroundRole).value<QColor>(), QApplication::palette().color(QPalette::BrightText));
}

void tst_EscalationBoard::nextRecipientsInWordsOrPolicyName()
{
    m_fleet->alerts()->replaceNode(m_node, QJsonArray{alert(1, T0 + 5000, 0), alert(2, T0 + 6000, 2)});
    // Without the node's policies (a role it refuses them to, nothing cached) nothing is guessed.
    m_view->queueModel()->setPolicies(m_node, QJsonArray());
    QCOMPARE(cell(0, EscalationQueueModel::NextColumn), u"per policy clinical-critical"_s);
    m_view->queueModel()->setPolicies(m_node, policies());
    QCOMPARE(cell(0, EscalationQueueModel::NextColumn), u"level 2: nurses of ICU-3, charge nurse"_s);
    QCOMPARE(cell(1, EscalationQueueModel::NextColumn), u"level 3 again: charge nurse, house supervisor"_s);
}

void tst_EscalationBoard::pendingAndOfflineRowsAreMarked()
{
    m_fleet->alerts()->replaceNode(m_node, QJsonArray{alert(1, T0 + 5000)}, true);
    QVERIFY2(cell(0, EscalationQueueModel::NodeColumn).startsWith(u"North — offline"),
             qPrintable(cell(0, EscalationQueueModel::NodeColumn)));
    m_fleet->alerts()->setPendingAction(m_node, 1, u"alert-acknowledge"_s, T0);
    QVERIFY(cell(0, EscalationQueueModel::AlertColumn).contains(u"acknowledgement pending"));
    // Still on the board: a pending acknowledgement has not stopped the escalation.
    QCOMPARE(m_view->tableView()->model()->rowCount(), 1);
}

void tst_EscalationBoard::selectingARowAsksForItsHistory()
{
    m_fleet->alerts()->replaceNode(m_node, QJsonArray{alert(4, T0 + 5000), alert(9, T0 + 9000)});
    m_view->tableView()->setFocus();
    m_view->tableView()->selectRow(1);
    QCOMPARE(m_view->historyPane()->alertId(), 9);
    QCOMPARE(m_view->historyPane()->nodeId(), m_node);
    // Nobody is signed in and nothing is cached: the pane says why it has no history.
    QTRY_VERIFY_WITH_TIMEOUT(m_view->historyPane()->statusText().contains(u"could not be loaded"), 30000);
    // Keyboard: up selects the other row; Enter hands it to the alert board.
    QTest::keyClick(m_view->tableView(), Qt::Key_Up);
    QCOMPARE(m_view->historyPane()->alertId(), 4);
    QSignalSpy activated(m_view.get(), &EscalationBoardView::alertActivated);
    QTest::keyClick(m_view->tableView(), Qt::Key_Return);
    QCOMPARE(activated.size(), 1);
    QCOMPARE(activated.first().at(0).toString(), m_node);
    QCOMPARE(activated.first().at(1).toLongLong(), 4);
}

void tst_EscalationBoard::historyPaneReadsAsATimeline()
{
    const QJsonObject detail = recordedDetail();
    QVERIFY2(!detail.isEmpty(), "tests/data/console/escalated-alert-detail.json is missing");
    AlertHistoryPane pane;
    pane.setDetail(u"n1"_s, u"North"_s, detail);
    const QStringList lines = pane.lines();
    const QString all = lines.join(u'\n');
    QVERIFY2(lines.size() >= 5, qPrintable(all));
    // Whom each step paged, on which channel, and whether it arrived.
    QVERIFY2(all.contains(u"paged level 1: nurses of ICU-3"), qPrintable(all));
    QVERIFY2(all.contains(u"paged nurses of ICU-3 (console stream) — delivered"), qPrintable(all));
    QVERIFY2(all.contains(u"escalated to level 2: nurses of ICU-3, charge nurse"), qPrintable(all));
    QVERIFY2(all.contains(u"(webhook pager) — failed after 3 attempt"), qPrintable(all));
    QVERIFY2(all.contains(u": HTTP 503"), qPrintable(all));
    QVERIFY2(all.contains(u"acknowledged by nina: called Dr Lee"), qPrintable(all));
    // Oldest first, the acknowledgement after the escalation.
    qsizetype escalated = -1;
    qsizetype acknowledged = -1;
    for (qsizetype i = 0; i < lines.size(); ++i) {
        if (escalated < 0 && lines.at(i).contains(u"escalated to level 2"))
            escalated = i;
        if (lines.at(i).contains(u"acknowledged by nina"))
            acknowledged = i;
    }
    QVERIFY(escalated >= 0 && acknowledged > escalated);
    // Times lead each line.
    QVERIFY(QRegularExpression(u"^(\\d+ \\w+ )?\\d\\d:\\d\\d:\\d\\d  "_s).match(lines.first()).hasMatch());
    QVERIFY(pane.model()->rowCount() == lines.size());
}

QTEST_MAIN(tst_EscalationBoard)
#include "tst_escalationboard.moc"
