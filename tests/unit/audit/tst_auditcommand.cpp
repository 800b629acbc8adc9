// Unit tests of `vigil-node audit verify|list`: exit codes and output on an intact log, a tampered
// log, bad arguments and a missing database.
#include "node/audit/AuditCommand.h"
#include "node/audit/AuditLog.h"
#include "node/ops/OpsDatabase.h"
#include "node/store/Sqlite.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <QTextStream>

using namespace Qt::StringLiterals;

class tst_AuditCommand : public QObject
{
    Q_OBJECT

private slots:
    void init();

    void verifyIntactLog();
    void verifyEmptyLog();
    void verifyTamperedLog();
    void verifyDeletedEntry();
    void listPrintsOneLinePerEntry();
    void listOptions();
    void listCannotBeForgedWithNewlines();
    void badArguments_data();
    void badArguments();
    void missingDatabaseIsNotCreated();

private:
    struct Run
    {
        int code = -1;
        QString out;
        QString err;
    };
    Run run(const QStringList& args, const QString& path = {}) const;
    void append(const QString& actor, const QString& action, const QString& target, const QString& reason = {});
    void tamper(const char* sql);
    QString dbPath() const { return m_dir->filePath(u"ops.db"_s); }

    std::unique_ptr<QTemporaryDir> m_dir;
    qint64 m_now = 0;
};

void tst_AuditCommand::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_now = 1'700'000'000'000; // 2023-11-14T22:13:20Z
    OpsDatabase ops;
    QString error;
    QVERIFY2(ops.open(dbPath(), &error), qPrintable(error));
    QVERIFY2(AuditLog::ensureSchema(ops.db(), &error), qPrintable(error));
}

tst_AuditCommand::Run tst_AuditCommand::run(const QStringList& args, const QString& path) const
{
    Run result;
    QTextStream out(&result.out);
    QTextStream err(&result.err);
    result.code = runAuditCommand(args, path.isEmpty() ? dbPath() : path, out, err);
    out.flush();
    err.flush();
    return result;
}

void tst_AuditCommand::append(const QString& actor, const QString& action, const QString& target, const QString& reason)
{
    OpsDatabase ops;
    QString error;
    QVERIFY2(ops.open(dbPath(), &error), qPrintable(error));
    AuditLog log(ops.db(), [this] { return m_now; });
    AuditEntry e;
    e.actor = actor;
    e.role = u"admin"_s;
    e.remote = u"192.0.2.10"_s;
    e.action = action;
    e.target = target;
    e.outcome = u"ok"_s;
    e.reason = reason;
    QVERIFY2(log.append(e, &error) > 0, qPrintable(error));
    m_now += 1000;
}

void tst_AuditCommand::tamper(const char* sql)
{
    SqliteDatabase raw;
    QString error;
    QVERIFY2(raw.open(dbPath(), false, &error), qPrintable(error));
    QVERIFY2(
        raw.exec("DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;", &error), qPrintable(error));
    QVERIFY2(raw.exec(sql, &error), qPrintable(error));
}

void tst_AuditCommand::verifyIntactLog()
{
    append(u"alice"_s, u"sign-in"_s, {});
    append(u"alice"_s, u"resubmit"_s, u"dead-letter:7"_s, u"fixed PID-3"_s);
    append(u"bob"_s, u"user-add"_s, u"user:carol"_s);
    const Run r = run({ u"verify"_s });
    QCOMPARE(r.code, 0);
    const QStringList lines = r.out.split(u'\n', Qt::SkipEmptyParts);
    QCOMPARE(lines.value(0), u"audit log intact: 3 entries"_s);
    QVERIFY2(lines.value(1).startsWith(u"head: seq 3 sha256 "_s), qPrintable(r.out));
    QCOMPARE(lines.value(1).size(), u"head: seq 3 sha256 "_s.size() + 64);
    QVERIFY(r.err.isEmpty());

    // The form the lead wires into main: `vigil-node audit verify --data-dir DIR`.
    const Run wired = run({ u"audit"_s, u"verify"_s, u"--data-dir"_s, m_dir->path() });
    QCOMPARE(wired.code, 0);
    QCOMPARE(wired.out, r.out);
}

void tst_AuditCommand::verifyEmptyLog()
{
    const Run r = run({ u"verify"_s });
    QCOMPARE(r.code, 0);
    QCOMPARE(r.out, u"audit log intact: 0 entries\n"_s);
}

void tst_AuditCommand::verifyTamperedLog()
{
    for (int i = 0; i < 5; ++i)
        append(u"alice"_s, u"resubmit"_s, u"dead-letter:%1"_s.arg(i));
    tamper("UPDATE audit_log SET target = 'dead-letter:99' WHERE seq = 3");
    const Run r = run({ u"verify"_s });
    QCOMPARE(r.code, 1);
    QVERIFY2(r.out.contains(u"hash mismatch at seq 3: the entry was changed"_s), qPrintable(r.out));
    QVERIFY2(r.out.contains(u"2 entries verified before seq 3"_s), qPrintable(r.out));
    QVERIFY(!r.out.contains(u"audit log intact"_s));
}

void tst_AuditCommand::verifyDeletedEntry()
{
    for (int i = 0; i < 5; ++i)
        append(u"alice"_s, u"resubmit"_s, u"dead-letter:%1"_s.arg(i));
    tamper("DELETE FROM audit_log WHERE seq = 2");
    const Run r = run({ u"audit"_s, u"verify"_s });
    QCOMPARE(r.code, 1);
    QVERIFY2(r.out.contains(u"gap before seq 3: entries were deleted"_s), qPrintable(r.out));
}

void tst_AuditCommand::listPrintsOneLinePerEntry()
{
    append(u"alice"_s, u"sign-in"_s, {});
    append(u"nina"_s, u"reveal-phi"_s, u"message:12"_s, u"checking the admission"_s);
    append(u"bob"_s, u"resubmit"_s, u"dead-letter:7"_s);
    const Run r = run({ u"list"_s });
    QCOMPARE(r.code, 0);
    const QStringList lines = r.out.split(u'\n', Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 3);
    QVERIFY2(lines.at(0).startsWith(
                 u"3  2023-11-14T22:13:22.000Z  bob (admin) from 192.0.2.10  resubmit dead-letter:7  ok"_s),
        qPrintable(lines.at(0)));
    QVERIFY2(lines.at(1).startsWith(u"2  "_s), qPrintable(lines.at(1)));
    QVERIFY2(lines.at(1).contains(u"reveal-phi message:12  ok  reason \"checking the admission\""_s),
        qPrintable(lines.at(1)));
    QVERIFY2(lines.at(2).startsWith(u"1  2023-11-14T22:13:20.000Z  alice"_s), qPrintable(lines.at(2)));
    QVERIFY2(lines.at(2).contains(u"sign-in -  ok"_s), qPrintable(lines.at(2)));
    QVERIFY(r.err.isEmpty());
}

void tst_AuditCommand::listOptions()
{
    for (int i = 1; i <= 6; ++i)
        append(i % 2 ? u"alice"_s : u"bob"_s, u"resubmit"_s, u"dead-letter:%1"_s.arg(i));

    Run r = run({ u"list"_s, u"--limit"_s, u"2"_s });
    QCOMPARE(r.code, 0);
    QStringList lines = r.out.split(u'\n', Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 2);
    QVERIFY(lines.at(0).startsWith(u"6  "_s));
    QVERIFY(lines.at(1).startsWith(u"5  "_s));
    QVERIFY2(r.err.contains(u"--before 5"_s), qPrintable(r.err));

    r = run({ u"list"_s, u"--before"_s, u"5"_s, u"--actor"_s, u"alice"_s });
    QCOMPARE(r.code, 0);
    lines = r.out.split(u'\n', Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 2);
    QVERIFY(lines.at(0).startsWith(u"3  "_s));
    QVERIFY(lines.at(1).startsWith(u"1  "_s));

    r = run({ u"list"_s, u"--target"_s, u"dead-letter:4"_s });
    lines = r.out.split(u'\n', Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 1);
    QVERIFY(lines.at(0).startsWith(u"4  "_s));
}

void tst_AuditCommand::listCannotBeForgedWithNewlines()
{
    // A failed sign-in records whatever user name was sent.
    append(u"x\n2  2023-11-14T22:13:20.000Z  admin (admin)"_s, u"sign-in-failed"_s, {});
    const Run r = run({ u"list"_s });
    QCOMPARE(r.code, 0);
    const QStringList lines = r.out.split(u'\n', Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 1);
    QVERIFY2(lines.at(0).contains(u"x\\n2  "_s), qPrintable(lines.at(0)));
}

void tst_AuditCommand::badArguments_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addRow("nothing") << QStringList {};
    QTest::addRow("only audit") << QStringList { u"audit"_s };
    QTest::addRow("unknown subcommand") << QStringList { u"repair"_s };
    QTest::addRow("verify with extra") << QStringList { u"verify"_s, u"--fast"_s };
    QTest::addRow("limit zero") << QStringList { u"list"_s, u"--limit"_s, u"0"_s };
    QTest::addRow("limit too big") << QStringList { u"list"_s, u"--limit"_s, u"501"_s };
    QTest::addRow("limit not a number") << QStringList { u"list"_s, u"--limit"_s, u"ten"_s };
    QTest::addRow("limit without value") << QStringList { u"list"_s, u"--limit"_s };
    QTest::addRow("unknown option") << QStringList { u"list"_s, u"--all"_s, u"1"_s };
}

void tst_AuditCommand::badArguments()
{
    QFETCH(QStringList, args);
    append(u"alice"_s, u"sign-in"_s, {});
    const Run r = run(args);
    QCOMPARE(r.code, 2);
    QVERIFY(r.out.isEmpty());
    QVERIFY2(r.err.contains(u"usage: vigil-node audit"_s), qPrintable(r.err));
}

void tst_AuditCommand::missingDatabaseIsNotCreated()
{
    const QString missing = m_dir->filePath(u"elsewhere/ops.db"_s);
    const Run r = run({ u"verify"_s }, missing);
    QCOMPARE(r.code, 2);
    QVERIFY2(r.err.contains(u"no ops database"_s), qPrintable(r.err));
    QVERIFY(!QFile::exists(missing));
    QVERIFY(r.out.isEmpty());
}

QTEST_GUILESS_MAIN(tst_AuditCommand)
#include "tst_auditcommand.moc"
