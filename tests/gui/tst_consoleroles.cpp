// The console adapts to the role signed in on a REAL node (issue 6, "Roles"): a nurse lands on the
// alert board and is offered neither dead letters nor the audit log; support lands on the overview
// with every page; a console signed in as nurse on one node and as support on another offers
// everything (the roles are per node, and the views check them per node).
#include "tests/gui/support/ConsoleNodeFixture.h"
#include "tests/integration/OpsApiHelpers.h"

#include "models/console/NodeProfiles.h"
#include "ui/MainWindow.h"
#include "ui/session/NodeFleet.h"
#include "ui/session/NodeSession.h"
#include "ui/session/TokenVault.h"

#include <QAction>
#include <QDir>
#include <QListWidget>
#include <QTest>

using namespace Qt::StringLiterals;

class tst_ConsoleRoles : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void nurseLandsOnAlertsWithoutDeadLettersOrAudit();
    void supportLandsOnOverviewWithEveryPage();
    void signingOutAndInAsSupportOffersThePagesAgain();
    void nodeAddedByAddressTakesTheNameItReports();
    void nurseStartingWhileTheNodeIsDownOpensOnHerBoard(); // last: stops and restarts the node

private:
    ConsoleNodeFixture m_fixture;
};

void tst_ConsoleRoles::initTestCase()
{
    qputenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/vigil-test-bus");
    QString error;
    QVERIFY2(m_fixture.start(&error), qPrintable(error));
}

void tst_ConsoleRoles::nurseLandsOnAlertsWithoutDeadLettersOrAudit()
{
    QString error;
    auto console = m_fixture.console(ConsoleNodeFixture::NurseIcu, true, &error);
    QVERIFY2(console, qPrintable(error));
    MainWindow* window = console->window.get();
    QTRY_COMPARE_WITH_TIMEOUT(console->session->roleName(), QStringLiteral("nurse"), 20000);
    QCOMPARE(console->session->units(), QStringList{ConsoleNodeFixture::Unit});
    QTRY_COMPARE(window->currentView(), MainWindow::AlertsPage);
    QVERIFY(window->isViewOffered(MainWindow::AlertsPage));
    QVERIFY(window->isViewOffered(MainWindow::EscalationsPage));
    QVERIFY(!window->isViewOffered(MainWindow::DeadLettersPage));
    QVERIFY(!window->isViewOffered(MainWindow::AuditPage));
    // Neither the navigation nor the shortcut opens a page the role cannot use.
    QVERIFY(!window->action(QStringLiteral("actionView5"))->isEnabled());
    window->action(QStringLiteral("actionView5"))->trigger();
    window->showView(MainWindow::AuditPage);
    QCOMPARE(window->currentView(), MainWindow::AlertsPage);
}

void tst_ConsoleRoles::supportLandsOnOverviewWithEveryPage()
{
    QString error;
    auto console = m_fixture.console(ConsoleNodeFixture::Support, true, &error);
    QVERIFY2(console, qPrintable(error));
    MainWindow* window = console->window.get();
    QTRY_COMPARE_WITH_TIMEOUT(console->session->roleName(), QStringLiteral("support"), 20000);
    QCOMPARE(window->currentView(), MainWindow::OverviewPage);
    for (int v = 0; v < MainWindow::ViewCount; ++v)
        QVERIFY2(window->isViewOffered(MainWindow::View(v)), qPrintable(MainWindow::viewName(MainWindow::View(v))));
    window->showView(MainWindow::DeadLettersPage);
    QCOMPARE(window->currentView(), MainWindow::DeadLettersPage);
}

void tst_ConsoleRoles::signingOutAndInAsSupportOffersThePagesAgain()
{
    QString error;
    auto console = m_fixture.console(ConsoleNodeFixture::NurseIcu, true, &error);
    QVERIFY2(console, qPrintable(error));
    MainWindow* window = console->window.get();
    QTRY_VERIFY_WITH_TIMEOUT(!window->isViewOffered(MainWindow::DeadLettersPage), 20000);
    console->session->signOut();
    QTRY_VERIFY(console->session->roleName().isEmpty());
    bool answered = false;
    OpsReply reply;
    console->session->signIn(ConsoleNodeFixture::Support, OpsApiHelpers::password(ConsoleNodeFixture::Support), this,
                             [&](const OpsReply& r) {
                                 reply = r;
                                 answered = true;
                             });
    QTRY_VERIFY_WITH_TIMEOUT(answered, 20000);
    QVERIFY2(reply.ok(), qPrintable(reply.error));
    QTRY_VERIFY(window->isViewOffered(MainWindow::DeadLettersPage));
    QVERIFY(window->isViewOffered(MainWindow::AuditPage));
    QVERIFY(window->action(QStringLiteral("actionView5"))->isEnabled());
    // A new sign-in lands again by the role: support on the overview.
    QCOMPARE(window->currentView(), MainWindow::OverviewPage);
}

void tst_ConsoleRoles::nodeAddedByAddressTakesTheNameItReports()
{
    // Added with no name (as --node does), the node shows what it calls itself once it answers;
    // a name someone gave is kept.
    TokenVault vault(QStringLiteral("vigil-console-test-unnamed"));
    vault.forceMemoryOnly(QStringLiteral("test"));
    NodeFleet fleet(&vault, QDir(m_fixture.dataDir()).filePath(u"unnamed.ini"_s),
                    QDir(m_fixture.dataDir()).filePath(u"unnamed-cache"_s));
    fleet.setPollIntervals(1000, 500);
    QVERIFY(fleet.load());
    NodeProfile profile = NodeProfile::create();
    profile.host = QStringLiteral("127.0.0.1");
    profile.port = m_fixture.apiPort();
    profile.pinnedFingerprint = m_fixture.node().fingerprint();
    QString error;
    const QString id = fleet.addNode(profile, &error);
    QVERIFY2(!id.isEmpty(), qPrintable(error));
    NodeSession* session = fleet.session(id);
    QCOMPARE(session->profile().displayName, session->profile().address());
    bool answered = false;
    session->signIn(ConsoleNodeFixture::Support, OpsApiHelpers::password(ConsoleNodeFixture::Support), this,
                    [&](const OpsReply&) { answered = true; });
    QTRY_VERIFY_WITH_TIMEOUT(answered, 20000);
    QTRY_COMPARE_WITH_TIMEOUT(session->profile().displayName, QStringLiteral("it-node"), 20000);
    // Saved: the next start shows it too.
    NodeProfiles saved;
    QVERIFY(saved.load(QDir(m_fixture.dataDir()).filePath(u"unnamed.ini"_s)));
    QCOMPARE(saved.find(id)->displayName, QStringLiteral("it-node"));

    auto named = m_fixture.console(ConsoleNodeFixture::Support, false, &error);
    QVERIFY2(named, qPrintable(error));
    QTest::qWait(1500); // a node poll or two
    QCOMPARE(named->session->profile().displayName, QStringLiteral("Test node"));
}

void tst_ConsoleRoles::nurseStartingWhileTheNodeIsDownOpensOnHerBoard()
{
    // nina signed in once; the console is closed with her sign-in kept (the keychain keeps it
    // across runs; here the same vault object stands in for it). It is started again while the
    // node is out of reach: she lands on her (cached) alert board, without dead letters or audit,
    // as when the node answers.
    const QString tag = QStringLiteral("offline-start");
    QString error;
    auto first = m_fixture.console(ConsoleNodeFixture::NurseIcu, true, &error, tag);
    QVERIFY2(first, qPrintable(error));
    QTRY_COMPARE_WITH_TIMEOUT(first->session->roleName(), QStringLiteral("nurse"), 20000);
    const QString nodeId = first->nodeId;
    std::unique_ptr<TokenVault> vault = std::move(first->vault);
    first.reset();
    m_fixture.node().kill();

    NodeFleet fleet(vault.get(), QDir(m_fixture.dataDir()).filePath(tag + u".ini"),
                    QDir(m_fixture.dataDir()).filePath(tag + u"-cache"));
    fleet.setPollIntervals(1000, 500);
    MainWindow window(&fleet);
    QVERIFY(fleet.load());
    window.show();
    NodeSession* session = fleet.session(nodeId);
    QVERIFY(session);
    QTRY_COMPARE(session->roleName(), QStringLiteral("nurse"));
    QCOMPARE(session->userName(), ConsoleNodeFixture::NurseIcu);
    QCOMPARE(session->units(), QStringList{ConsoleNodeFixture::Unit});
    QTRY_COMPARE(window.currentView(), MainWindow::AlertsPage);
    QVERIFY(!window.isViewOffered(MainWindow::DeadLettersPage));
    QVERIFY(!window.isViewOffered(MainWindow::AuditPage));
    QVERIFY(!session->isLive());

    // Signed out, the remembered role goes: the next start knows nobody.
    session->signOut();
    QTRY_VERIFY(session->roleName().isEmpty());
    NodeFleet again(vault.get(), QDir(m_fixture.dataDir()).filePath(tag + u".ini"),
                    QDir(m_fixture.dataDir()).filePath(tag + u"-cache-2"));
    QVERIFY(again.load());
    QVERIFY(again.profiles().find(nodeId)->roleName.isEmpty());
    QCOMPARE(again.profiles().find(nodeId)->userName, ConsoleNodeFixture::NurseIcu); // still pre-fills sign-in

    QVERIFY2(m_fixture.node().restart(&error), qPrintable(error));
}

QTEST_MAIN(tst_ConsoleRoles)
#include "tst_consoleroles.moc"
