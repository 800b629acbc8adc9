// TokenVault where no keychain service runs (CI, Xvfb, offscreen): the fallback engages, says so
// once in plain words, keeps tokens for this run in memory, and the main window shows the sentence.
#include "ui/MainWindow.h"
#include "ui/session/NodeFleet.h"
#include "ui/session/TokenVault.h"

#include <QLabel>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>

class tst_TokenVault : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void fallbackEngagesAndKeepsTokensInMemory();
    void fallbackIsAnnouncedOnce();
    void removedTokenIsGone();
    void mainWindowSaysSo();

private:
    QTemporaryDir m_dir;
};

void tst_TokenVault::initTestCase()
{
    // The ctest registration points the session bus nowhere; make sure when run by hand too.
    qputenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/vigil-test-bus");
    QVERIFY(m_dir.isValid());
}

void tst_TokenVault::fallbackEngagesAndKeepsTokensInMemory()
{
    TokenVault vault(QStringLiteral("vigil-console-test"));
    QSignalSpy fallback(&vault, &TokenVault::fallbackEngaged);
    QVERIFY(!vault.isFallbackActive());
    vault.storeToken(QStringLiteral("node-a"), QStringLiteral("token-a"));
    QVERIFY(fallback.wait(30000));
    QVERIFY(vault.isFallbackActive());
    QCOMPARE(fallback.first().first().toString(), TokenVault::fallbackMessage());
    QVERIFY(TokenVault::fallbackMessage().contains(QStringLiteral("sign in again")));

    QString read = QStringLiteral("unset");
    vault.readToken(QStringLiteral("node-a"), this, [&read](const QString& token) { read = token; });
    QTRY_COMPARE(read, QStringLiteral("token-a"));
    QString other = QStringLiteral("unset");
    vault.readToken(QStringLiteral("node-b"), this, [&other](const QString& token) { other = token; });
    QTRY_COMPARE(other, QString());
}

void tst_TokenVault::fallbackIsAnnouncedOnce()
{
    TokenVault vault(QStringLiteral("vigil-console-test"));
    QSignalSpy fallback(&vault, &TokenVault::fallbackEngaged);
    // A read first: the keychain's failure is also what engages the fallback on a read.
    bool done = false;
    vault.readToken(QStringLiteral("node-a"), this, [&done](const QString&) { done = true; });
    QTRY_VERIFY_WITH_TIMEOUT(done, 30000);
    QCOMPARE(fallback.size(), 1);
    vault.storeToken(QStringLiteral("node-a"), QStringLiteral("t1"));
    vault.storeToken(QStringLiteral("node-b"), QStringLiteral("t2"));
    QTest::qWait(200);
    QCOMPARE(fallback.size(), 1);
}

void tst_TokenVault::removedTokenIsGone()
{
    TokenVault vault(QStringLiteral("vigil-console-test"));
    vault.forceMemoryOnly(QStringLiteral("test"));
    vault.storeToken(QStringLiteral("n"), QStringLiteral("secret"));
    vault.removeToken(QStringLiteral("n"));
    QString read = QStringLiteral("unset");
    vault.readToken(QStringLiteral("n"), this, [&read](const QString& token) { read = token; });
    QTRY_COMPARE(read, QString());
}

void tst_TokenVault::mainWindowSaysSo()
{
    TokenVault vault(QStringLiteral("vigil-console-test"));
    NodeFleet fleet(&vault, m_dir.filePath(QStringLiteral("nodes.ini")), m_dir.filePath(QStringLiteral("cache")));
    MainWindow window(&fleet);
    window.show();
    auto* label = window.findChild<QLabel*>(QStringLiteral("keychainStatus"));
    QVERIFY(label);
    QVERIFY(!label->isVisible());
    vault.storeToken(QStringLiteral("x"), QStringLiteral("y"));
    QTRY_VERIFY_WITH_TIMEOUT(label->isVisible(), 30000);
    QCOMPARE(label->text(), QStringLiteral("No keychain available: you will sign in again next time"));
}

QTEST_MAIN(tst_TokenVault)
#include "tst_tokenvault.moc"
