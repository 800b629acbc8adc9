// The main window with no nodes: the empty state says what to do, every view is reachable by its
// shortcut from anywhere, Ctrl+K lands in the trace search box, the node strip follows the node list.
#include "models/console/NodeListModel.h"
#include "ui/ConsoleApplication.h"
#include "ui/MainWindow.h"
#include "ui/session/NodeFleet.h"
#include "ui/session/TokenVault.h"
#include "ui/shell/NodeChip.h"
#include "ui/shell/NodeStrip.h"
#include "ui/charts/MetricChart.h"
#include "ui/views/OverviewView.h"
#include "ui/views/TraceSearchBar.h"
#include "ui/views/TraceView.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTemporaryDir>
#include <QTranslator>
#include <QValueAxis>
#include <QTest>

using namespace Qt::StringLiterals;

class tst_MainWindow : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void opensWithEmptyState();
    void shortcutsSwitchViews_data();
    void shortcutsSwitchViews();
    void ctrlKFocusesTraceSearchFromAnywhere();
    void actionsHaveTheirShortcuts_data();
    void actionsHaveTheirShortcuts();
    void nodeStripShowsStateInWords();
    void queueChartHasWholeNumberTicks_data();
    void queueChartHasWholeNumberTicks();
    void pluralsReadProperlyInAnyLocale_data();
    void pluralsReadProperlyInAnyLocale();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<TokenVault> m_vault;
    std::unique_ptr<NodeFleet> m_fleet;
    std::unique_ptr<MainWindow> m_window;
};

void tst_MainWindow::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_vault = std::make_unique<TokenVault>(QStringLiteral("vigil-console-test"));
    m_vault->forceMemoryOnly(QStringLiteral("test"));
    m_fleet = std::make_unique<NodeFleet>(m_vault.get(), m_dir->filePath(QStringLiteral("nodes.ini")),
                                          m_dir->filePath(QStringLiteral("cache")));
    QVERIFY(m_fleet->load());
    m_window = std::make_unique<MainWindow>(m_fleet.get());
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
}

void tst_MainWindow::cleanup()
{
    m_window.reset();
    m_fleet.reset();
    m_vault.reset();
    m_dir.reset();
}

void tst_MainWindow::opensWithEmptyState()
{
    QCOMPARE(m_window->currentView(), MainWindow::OverviewPage);
    QWidget* empty = m_window->emptyState();
    QVERIFY(empty->isVisible());
    QVERIFY(!m_window->overviewView()->isVisible());
    bool saysWhatToDo = false;
    for (QLabel* label : empty->findChildren<QLabel*>())
        saysWhatToDo = saysWhatToDo || label->text().contains(QStringLiteral("Add a node (Ctrl+N)"));
    QVERIFY2(saysWhatToDo, "the empty state must tell the user to add a node with Ctrl+N");
    QVERIFY(empty->findChild<QPushButton*>(QStringLiteral("emptyStateAddNode")));
    QCOMPARE(m_window->nodeStrip()->chipCount(), 0);
}

void tst_MainWindow::shortcutsSwitchViews_data()
{
    QTest::addColumn<int>("key");
    QTest::addColumn<int>("view");
    QTest::addRow("Ctrl+2 traces") << int(Qt::Key_2) << int(MainWindow::TracesPage);
    QTest::addRow("Ctrl+3 alerts") << int(Qt::Key_3) << int(MainWindow::AlertsPage);
    QTest::addRow("Ctrl+4 escalations") << int(Qt::Key_4) << int(MainWindow::EscalationsPage);
    QTest::addRow("Ctrl+5 dead letters") << int(Qt::Key_5) << int(MainWindow::DeadLettersPage);
    QTest::addRow("Ctrl+6 audit") << int(Qt::Key_6) << int(MainWindow::AuditPage);
    QTest::addRow("Ctrl+1 overview") << int(Qt::Key_1) << int(MainWindow::OverviewPage);
}

void tst_MainWindow::shortcutsSwitchViews()
{
    QFETCH(int, key);
    QFETCH(int, view);
    // Start elsewhere, so Ctrl+1 has something to switch from.
    m_window->showView(view == MainWindow::AuditPage ? MainWindow::TracesPage : MainWindow::AuditPage);
    QTest::keyClick(m_window.get(), Qt::Key(key), Qt::ControlModifier);
    QCOMPARE(int(m_window->currentView()), view);
    QVERIFY(m_window->viewWidget(MainWindow::View(view))->isVisible());
}

void tst_MainWindow::ctrlKFocusesTraceSearchFromAnywhere()
{
    m_window->showView(MainWindow::AuditPage);
    m_window->activateWindow();
    QTest::keyClick(m_window.get(), Qt::Key_K, Qt::ControlModifier);
    QCOMPARE(m_window->currentView(), MainWindow::TracesPage);
    QWidget* focused = QApplication::focusWidget();
    QVERIFY2(qobject_cast<QLineEdit*>(focused), "Ctrl+K must put the cursor into the trace search box");
    QVERIFY(m_window->viewWidget(MainWindow::TracesPage)->isAncestorOf(focused));
    // The Traces page is the full trace view (results and detail), its search box focused.
    auto* traceView = qobject_cast<TraceView*>(m_window->viewWidget(MainWindow::TracesPage));
    QVERIFY(traceView);
    QVERIFY(traceView->searchBar()->isAncestorOf(focused));
    QVERIFY(traceView->detailPane());
}

void tst_MainWindow::actionsHaveTheirShortcuts_data()
{
    QTest::addColumn<QString>("action");
    QTest::addColumn<QKeySequence>("shortcut");
    QTest::addRow("add node") << QStringLiteral("actionAddNode") << QKeySequence(Qt::CTRL | Qt::Key_N);
    QTest::addRow("refresh") << QStringLiteral("actionRefresh") << QKeySequence(Qt::Key_F5);
    QTest::addRow("settings") << QStringLiteral("actionSettings") << QKeySequence(Qt::CTRL | Qt::Key_Comma);
    QTest::addRow("find trace") << QStringLiteral("actionFindTrace") << QKeySequence(Qt::CTRL | Qt::Key_K);
}

void tst_MainWindow::actionsHaveTheirShortcuts()
{
    QFETCH(QString, action);
    QFETCH(QKeySequence, shortcut);
    QAction* a = m_window->action(action);
    QVERIFY(a);
    QCOMPARE(a->shortcut(), shortcut);
    QCOMPARE(a->shortcutContext(), Qt::WindowShortcut);
}

void tst_MainWindow::nodeStripShowsStateInWords()
{
    QAbstractItemModelTester tester(m_fleet->nodeList(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    NodeProfile profile = NodeProfile::create();
    profile.displayName = QStringLiteral("Lab node");
    profile.host = QStringLiteral("127.0.0.1");
    profile.port = 1; // nothing listens: the node is signed out (no token) and stays reachable-unknown
    profile.pinnedFingerprint = QStringLiteral("AA:BB");
    QString error;
    const QString id = m_fleet->addNode(profile, &error);
    QVERIFY2(!id.isEmpty(), qPrintable(error));
    QTRY_COMPARE(m_window->nodeStrip()->chipCount(), 1);
    NodeChip* chip = m_window->nodeStrip()->chip(id);
    QVERIFY(chip);
    // Without a token the node is signed out, said in words, not only in colour.
    QTRY_COMPARE(chip->state(), QStringLiteral("signed-out"));
    QCOMPARE(chip->stateText(), QStringLiteral("Signed out"));
    QVERIFY(chip->detailText().contains(QStringLiteral("sign in")));
    // The empty state gives way to the overview.
    QVERIFY(!m_window->emptyState()->isVisible());

    m_fleet->nodeList()->updateState(id, QStringLiteral("offline"), QDateTime::currentMSecsSinceEpoch(),
                                     QStringLiteral("connection refused"));
    QCOMPARE(chip->state(), QStringLiteral("offline"));
    QCOMPARE(chip->stateText(), QStringLiteral("Offline"));
    QVERIFY(chip->detailText().startsWith(QStringLiteral("offline since ")));

    QVERIFY(m_fleet->removeNode(id, &error));
    QTRY_COMPARE(m_window->nodeStrip()->chipCount(), 0);
    QVERIFY(m_window->emptyState()->isVisible());
}

void tst_MainWindow::pluralsReadProperlyInAnyLocale_data()
{
    QTest::addColumn<QString>("language");
    QTest::addColumn<QString>("four");
    QTest::addColumn<QString>("one");
    QTest::newRow("en_GB") << u"en_GB"_s << u"4 alerts will escalate"_s << u"1 alert will escalate"_s;
    QTest::newRow("de_DE") << u"de_DE"_s << u"4 Alarme"_s << u"1 Alarm "_s;
    // Languages without a translation of their own read English, not "alert(s)".
    QTest::newRow("fr_FR") << u"fr_FR"_s << u"4 alerts will escalate"_s << u"1 alert will escalate"_s;
    QTest::newRow("C") << u"C"_s << u"4 alerts will escalate"_s << u"1 alert will escalate"_s;
}

void tst_MainWindow::pluralsReadProperlyInAnyLocale()
{
    QFETCH(QString, language);
    QFETCH(QString, four);
    QFETCH(QString, one);
    QTranslator translator;
    QVERIFY(ConsoleApplication::loadConsoleTranslation(translator, QLocale(language),
                                                       QStringLiteral(VIGIL_BINARY_DIR "/app/console/translations")));
    const char* source = "%n alert(s) will escalate unless acknowledged; the next %1: %2";
    QString plural = translator.translate("EscalationBoardView", source, nullptr, 4);
    QString singular = translator.translate("EscalationBoardView", source, nullptr, 1);
    QVERIFY2(plural.replace(u"%n"_s, u"4"_s).startsWith(four), qPrintable(plural));
    QVERIFY2(singular.replace(u"%n"_s, u"1"_s).startsWith(one), qPrintable(singular));
}

QTEST_MAIN(tst_MainWindow)
void tst_MainWindow::queueChartHasWholeNumberTicks_data()
{
    QTest::addColumn<double>("peak");
    QTest::addColumn<double>("axisMax");
    QTest::addColumn<double>("interval");
    QTest::addRow("below one") << 0.96 << 1.0 << 1.0;
    QTest::addRow("four") << 4.0 << 4.0 << 1.0;
    QTest::addRow("thirteen") << 13.0 << 15.0 << 5.0;
    QTest::addRow("hundreds") << 420.0 << 500.0 << 100.0;
}

void tst_MainWindow::queueChartHasWholeNumberTicks()
{
    QFETCH(double, peak);
    QFETCH(double, axisMax);
    QFETCH(double, interval);
    // A queue depth is a count of messages: the overview's queue chart never labels 0.275.
    QVERIFY(m_window->overviewView()->queueChart()->integerValues());
    QVERIFY(!m_window->overviewView()->throughputChart()->integerValues());

    MetricChart chart(QStringLiteral("Queue depth"));
    chart.setIntegerValues(true);
    const qint64 now = 1795730535000;
    chart.setNow(now);
    chart.setSource(QStringLiteral("q"), nullptr);
    chart.setHistory(QStringLiteral("q"), {QPointF(double(now - 60000), 0.0), QPointF(double(now - 30000), peak),
                                           QPointF(double(now - 10000), 0.0)});
    chart.refresh();
    QValueAxis* axis = chart.valueAxis();
    QCOMPARE(axis->labelFormat(), QStringLiteral("%d"));
    QCOMPARE(axis->tickType(), QValueAxis::TicksDynamic);
    QCOMPARE(axis->min(), 0.0);
    QCOMPARE(axis->max(), axisMax);
    QCOMPARE(axis->tickInterval(), interval);
    QCOMPARE(axis->tickAnchor(), 0.0);
}

#include "tst_mainwindow.moc"
