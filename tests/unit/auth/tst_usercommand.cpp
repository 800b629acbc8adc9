// End-to-end tests of `vigil-node user ...` (runUserCommand) on a temporary ops.db: add, list,
// passwd, disable/enable, their effect on sign-in and sessions, and the exit codes.
#include "node/auth/PasswordHasher.h"
#include "node/auth/SessionTokens.h"
#include "node/auth/UserCommand.h"
#include "node/auth/UserDirectory.h"
#include "node/ops/OpsDatabase.h"

#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <QTextStream>

#include <memory>

using namespace Qt::StringLiterals;

namespace {

struct Run
{
    int code = -1;
    QString out;
    QString err;
};

} // namespace

class tst_UserCommand : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void addWithGeneratedPassword();
    void addWithPasswordFromStdin();
    void listShowsUsersButNoHashes();
    void passwdChangesThePasswordAndEndsSessions();
    void passwdGeneratesWhenNoStdin();
    void disableAndEnable();
    void failures_data();
    void failures();
    void listWithoutDatabaseFails();
    void usageErrors_data();
    void usageErrors();
    void help();

private:
    Run run(const QStringList& args, const QByteArray& stdinText = {});
    UserDirectory::Failure signIn(const QString& name, const QString& password);
    bool addAlice();

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_dbPath;
};

void tst_UserCommand::initTestCase()
{
    PasswordHasher::setDefaultParametersForTesting({4, 8, 1});
}

void tst_UserCommand::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    // A folder that does not exist yet: `user add` on a fresh node creates it.
    m_dbPath = m_dir->filePath(u"data/ops.db"_s);
}

void tst_UserCommand::cleanup()
{
    m_dir.reset();
}

Run tst_UserCommand::run(const QStringList& args, const QByteArray& stdinText)
{
    Run result;
    QByteArray input = stdinText;
    QTextStream in(&input, QIODevice::ReadOnly);
    QTextStream out(&result.out, QIODevice::WriteOnly);
    QTextStream err(&result.err, QIODevice::WriteOnly);
    result.code = runUserCommand(args, m_dbPath, out, err, in);
    return result;
}

UserDirectory::Failure tst_UserCommand::signIn(const QString& name, const QString& password)
{
    OpsDatabase ops;
    if (!ops.open(m_dbPath, nullptr))
        return UserDirectory::Failure::UnknownUser;
    return UserDirectory(ops.db()).authenticate(name, password).reason;
}

bool tst_UserCommand::addAlice()
{
    return run({u"add"_s, u"alice"_s, u"--role"_s, u"support"_s, u"--password-stdin"_s}, "first password 1\n").code == 0;
}

void tst_UserCommand::addWithGeneratedPassword()
{
    const Run add = run({u"user"_s, u"add"_s, u"nina"_s, u"--role"_s, u"nurse"_s, u"--unit"_s, u"ICU"_s,
                         u"--unit=4W"_s});
    QCOMPARE(add.code, 0);
    QVERIFY2(add.err.isEmpty(), qPrintable(add.err));
    const QRegularExpressionMatch match = QRegularExpression(u"password for nina: (\\S+)"_s).match(add.out);
    QVERIFY2(match.hasMatch(), qPrintable(add.out));
    const QString password = match.captured(1);
    QCOMPARE(password.size(), 20);
    QCOMPARE(add.out.count(password), 1);
    QCOMPARE(signIn(u"nina"_s, password), UserDirectory::Failure::None);

    OpsDatabase ops;
    QVERIFY(ops.open(m_dbPath, nullptr));
    const std::optional<UserDirectory::User> nina = UserDirectory(ops.db()).find(u"nina"_s);
    QVERIFY(nina);
    QCOMPARE(nina->role, Role::Nurse);
    QCOMPARE(nina->units, (QStringList{u"ICU"_s, u"4W"_s}));

    // A second user gets a different password.
    const Run second = run({u"add"_s, u"sam"_s, u"--role=support"_s});
    QCOMPARE(second.code, 0);
    QVERIFY(!second.out.contains(password));
}

void tst_UserCommand::addWithPasswordFromStdin()
{
    const Run add = run({u"add"_s, u"alice"_s, u"--role"_s, u"admin"_s, u"--password-stdin"_s},
                        "correct horse battery\r\nignored second line\n");
    QCOMPARE(add.code, 0);
    QVERIFY(!add.out.contains(u"correct horse"_s));
    QVERIFY(!add.out.contains(u"password for"_s));
    QCOMPARE(signIn(u"alice"_s, u"correct horse battery"_s), UserDirectory::Failure::None);
}

void tst_UserCommand::listShowsUsersButNoHashes()
{
    QCOMPARE(run({u"add"_s, u"nina"_s, u"--role"_s, u"nurse"_s, u"--unit"_s, u"ICU"_s}).code, 0);
    QCOMPARE(run({u"add"_s, u"alice"_s, u"--role"_s, u"admin"_s}).code, 0);
    QCOMPARE(run({u"disable"_s, u"alice"_s}).code, 0);
    const Run list = run({u"list"_s});
    QCOMPARE(list.code, 0);
    const QStringList lines = list.out.split(u'\n', Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 3);
    QVERIFY(lines.at(0).startsWith(u"NAME"_s));
    QCOMPARE(lines.at(1).simplified(), u"alice admin yes -"_s);
    QCOMPARE(lines.at(2).simplified(), u"nina nurse no ICU"_s);
    QVERIFY(!list.out.contains(u"scrypt"_s));
}

void tst_UserCommand::passwdChangesThePasswordAndEndsSessions()
{
    QVERIFY(addAlice());
    QString token;
    {
        OpsDatabase ops;
        QVERIFY(ops.open(m_dbPath, nullptr));
        const UserDirectory::AuthResult result =
            UserDirectory(ops.db()).authenticate(u"alice"_s, u"first password 1"_s);
        QVERIFY(result.principal);
        token = SessionTokens(ops.db()).issue(*result.principal, 15);
        QVERIFY(SessionTokens(ops.db()).validate(token));
    }
    const Run passwd = run({u"passwd"_s, u"alice"_s, u"--password-stdin"_s}, "second password 2\n");
    QCOMPARE(passwd.code, 0);
    QVERIFY(passwd.out.contains(u"signed out"_s));
    QCOMPARE(signIn(u"alice"_s, u"first password 1"_s), UserDirectory::Failure::WrongPassword);
    QCOMPARE(signIn(u"alice"_s, u"second password 2"_s), UserDirectory::Failure::None);
    OpsDatabase ops;
    QVERIFY(ops.open(m_dbPath, nullptr));
    QVERIFY(!SessionTokens(ops.db()).validate(token));
}

void tst_UserCommand::passwdGeneratesWhenNoStdin()
{
    QVERIFY(addAlice());
    const Run passwd = run({u"passwd"_s, u"alice"_s});
    QCOMPARE(passwd.code, 0);
    const QRegularExpressionMatch match = QRegularExpression(u"password for alice: (\\S+)"_s).match(passwd.out);
    QVERIFY2(match.hasMatch(), qPrintable(passwd.out));
    QCOMPARE(signIn(u"alice"_s, match.captured(1)), UserDirectory::Failure::None);
    QCOMPARE(signIn(u"alice"_s, u"first password 1"_s), UserDirectory::Failure::WrongPassword);
}

void tst_UserCommand::disableAndEnable()
{
    QVERIFY(addAlice());
    QString token;
    {
        OpsDatabase ops;
        QVERIFY(ops.open(m_dbPath, nullptr));
        const UserDirectory::AuthResult result =
            UserDirectory(ops.db()).authenticate(u"alice"_s, u"first password 1"_s);
        QVERIFY(result.principal);
        token = SessionTokens(ops.db()).issue(*result.principal, 15);
    }
    QCOMPARE(run({u"disable"_s, u"ALICE"_s}).code, 0);
    QCOMPARE(signIn(u"alice"_s, u"first password 1"_s), UserDirectory::Failure::Disabled);
    {
        OpsDatabase ops;
        QVERIFY(ops.open(m_dbPath, nullptr));
        QVERIFY(!SessionTokens(ops.db()).validate(token));
    }
    QVERIFY(run({u"list"_s}).out.contains(u"yes"_s));
    QCOMPARE(run({u"enable"_s, u"alice"_s}).code, 0);
    QCOMPARE(signIn(u"alice"_s, u"first password 1"_s), UserDirectory::Failure::None);
}

void tst_UserCommand::failures_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QByteArray>("stdinText");
    QTest::addColumn<QString>("errorMentions");
    QTest::addRow("duplicate") << QStringList{u"add"_s, u"ALICE"_s, u"--role"_s, u"admin"_s} << QByteArray()
                               << u"already exists"_s;
    QTest::addRow("weak password") << QStringList{u"add"_s, u"bob"_s, u"--role"_s, u"admin"_s, u"--password-stdin"_s}
                                   << "short\n"_ba << u"at least 12 characters"_s;
    QTest::addRow("no password on stdin")
        << QStringList{u"add"_s, u"bob"_s, u"--role"_s, u"admin"_s, u"--password-stdin"_s} << QByteArray()
        << u"no password"_s;
    QTest::addRow("nurse without unit") << QStringList{u"add"_s, u"bob"_s, u"--role"_s, u"nurse"_s} << QByteArray()
                                        << u"unit"_s;
    QTest::addRow("bad name") << QStringList{u"add"_s, u"bob smith"_s, u"--role"_s, u"admin"_s} << QByteArray()
                              << u"user name"_s;
    QTest::addRow("passwd unknown") << QStringList{u"passwd"_s, u"ghost"_s} << QByteArray() << u"no user named"_s;
    QTest::addRow("passwd weak") << QStringList{u"passwd"_s, u"alice"_s, u"--password-stdin"_s} << "tiny\n"_ba
                                 << u"at least 12"_s;
    QTest::addRow("disable unknown") << QStringList{u"disable"_s, u"ghost"_s} << QByteArray() << u"no user named"_s;
    QTest::addRow("enable unknown") << QStringList{u"enable"_s, u"ghost"_s} << QByteArray() << u"no user named"_s;
}

void tst_UserCommand::failures()
{
    QFETCH(QStringList, args);
    QFETCH(QByteArray, stdinText);
    QFETCH(QString, errorMentions);
    QVERIFY(addAlice());
    const Run result = run(args, stdinText);
    QCOMPARE(result.code, 1);
    QVERIFY2(result.err.contains(errorMentions), qPrintable(result.err));
    // Nothing changed.
    QCOMPARE(signIn(u"alice"_s, u"first password 1"_s), UserDirectory::Failure::None);
    QCOMPARE(run({u"list"_s}).out.split(u'\n', Qt::SkipEmptyParts).size(), 2);
}

void tst_UserCommand::listWithoutDatabaseFails()
{
    const Run list = run({u"list"_s});
    QCOMPARE(list.code, 1);
    QVERIFY2(list.err.contains(u"no operations database"_s), qPrintable(list.err));
    QVERIFY(!QFile::exists(m_dbPath));
}

void tst_UserCommand::usageErrors_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("errorMentions");
    QTest::addRow("nothing") << QStringList() << u"missing subcommand"_s;
    QTest::addRow("only user") << QStringList{u"user"_s} << u"missing subcommand"_s;
    QTest::addRow("unknown subcommand") << QStringList{u"frobnicate"_s} << u"unknown subcommand"_s;
    QTest::addRow("add without name") << QStringList{u"add"_s, u"--role"_s, u"admin"_s} << u"exactly one user name"_s;
    QTest::addRow("add two names") << QStringList{u"add"_s, u"a"_s, u"b"_s, u"--role"_s, u"admin"_s}
                                   << u"exactly one user name"_s;
    QTest::addRow("add without role") << QStringList{u"add"_s, u"bob"_s} << u"--role"_s;
    QTest::addRow("unknown role") << QStringList{u"add"_s, u"bob"_s, u"--role"_s, u"king"_s} << u"unknown role"_s;
    QTest::addRow("role without value") << QStringList{u"add"_s, u"bob"_s, u"--role"_s} << u"needs a value"_s;
    QTest::addRow("role twice") << QStringList{u"add"_s, u"bob"_s, u"--role=admin"_s, u"--role=nurse"_s}
                                << u"twice"_s;
    QTest::addRow("unknown option") << QStringList{u"add"_s, u"bob"_s, u"--role"_s, u"admin"_s, u"--bogus"_s}
                                    << u"--bogus"_s;
    QTest::addRow("option of another subcommand") << QStringList{u"passwd"_s, u"bob"_s, u"--role"_s, u"admin"_s}
                                                  << u"--role"_s;
    QTest::addRow("disable without name") << QStringList{u"disable"_s} << u"exactly one user name"_s;
    QTest::addRow("list with argument") << QStringList{u"list"_s, u"extra"_s} << u"takes no arguments"_s;
}

void tst_UserCommand::usageErrors()
{
    QFETCH(QStringList, args);
    QFETCH(QString, errorMentions);
    const Run result = run(args);
    QCOMPARE(result.code, 2);
    QVERIFY2(result.err.contains(errorMentions), qPrintable(result.err));
    QVERIFY(result.err.contains(u"usage: vigil-node user"_s));
    QVERIFY(!QFile::exists(m_dbPath)); // a usage error touches nothing
}

void tst_UserCommand::help()
{
    const Run result = run({u"user"_s, u"help"_s});
    QCOMPARE(result.code, 0);
    QVERIFY(result.out.contains(u"passwd <name>"_s));
}

QTEST_GUILESS_MAIN(tst_UserCommand)
#include "tst_usercommand.moc"
