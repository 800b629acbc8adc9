// Unit tests of the hash-chained audit log: entries come back as written, newest first, in keyset
// pages and by filter; the chain verifies; the database refuses UPDATE and DELETE; and changes made
// behind the triggers' back (a second connection that drops them) are found at the right seq.
#include "node/audit/AuditLog.h"
#include "node/ops/OpsDatabase.h"
#include "node/store/Sqlite.h"

#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

class tst_AuditLog : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void appendAssignsSeqTimeAndChain();
    void appendRejectsInvalidEntries_data();
    void appendRejectsInvalidEntries();
    void appendJoinsTheCallersTransaction();
    void listPagesNewestFirst();
    void listFilters_data();
    void listFilters();
    void listLimitIsClamped();
    void emptyAndIntactLogsVerify();
    void triggersRefuseUpdateAndDelete();
    void changedFieldIsReported_data();
    void changedFieldIsReported();
    void deletedEntryIsReportedAsGap();
    void deletedFirstEntryIsReportedAsGap();
    void rehashedEntryBreaksTheChain();
    void verifyWalksALargeLog();

private:
    AuditEntry entry(const QString& actor, const QString& action, const QString& target) const;
    void appendMany(int count);
    /// A second, plain connection with the append-only triggers dropped: what someone with write
    /// access to ops.db could do.
    void tamper(const char* sql);

    QTemporaryDir* m_dir = nullptr;
    OpsDatabase* m_ops = nullptr;
    AuditLog* m_log = nullptr;
    qint64 m_now = 0;
};

void tst_AuditLog::init()
{
    m_dir = new QTemporaryDir;
    m_ops = new OpsDatabase;
    QString error;
    QVERIFY2(m_ops->open(m_dir->filePath(u"ops.db"_s), &error), qPrintable(error));
    QVERIFY2(AuditLog::ensureSchema(m_ops->db(), &error), qPrintable(error));
    QVERIFY2(AuditLog::ensureSchema(m_ops->db(), &error), qPrintable(error)); // idempotent
    m_now = 1'700'000'000'000;
    m_log = new AuditLog(m_ops->db(), [this] { return m_now; });
}

void tst_AuditLog::cleanup()
{
    delete m_log;
    delete m_ops;
    delete m_dir;
    m_log = nullptr;
    m_ops = nullptr;
    m_dir = nullptr;
}

AuditEntry tst_AuditLog::entry(const QString& actor, const QString& action, const QString& target) const
{
    AuditEntry e;
    e.actor = actor;
    e.role = u"admin"_s;
    e.remote = u"10.0.0.7"_s;
    e.action = action;
    e.target = target;
    e.outcome = u"ok"_s;
    return e;
}

void tst_AuditLog::appendMany(int count)
{
    // One transaction around many appends: each append then runs as a savepoint, and the test
    // pays for one fsync instead of `count`.
    QVERIFY(m_ops->db().exec("BEGIN"));
    for (int i = 0; i < count; ++i) {
        AuditEntry e = entry(i % 2 ? u"alice"_s : u"bob"_s, u"resubmit"_s, u"dead-letter:%1"_s.arg(i));
        e.detail = QJsonObject { { u"n"_s, i } };
        ++m_now;
        QString error;
        QVERIFY2(m_log->append(e, &error) > 0, qPrintable(error));
    }
    QVERIFY(m_ops->db().exec("COMMIT"));
}

void tst_AuditLog::tamper(const char* sql)
{
    SqliteDatabase raw;
    QString error;
    QVERIFY2(raw.open(m_dir->filePath(u"ops.db"_s), false, &error), qPrintable(error));
    QVERIFY2(
        raw.exec("DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;", &error), qPrintable(error));
    QVERIFY2(raw.exec(sql, &error), qPrintable(error));
    QCOMPARE(raw.changes(), 1);
}

void tst_AuditLog::appendAssignsSeqTimeAndChain()
{
    AuditEntry reveal = entry(u"nina"_s, u"reveal-phi"_s, u"message:123"_s);
    reveal.role = u"nurse"_s;
    reveal.reason = u"wrong patient on the ward list — checking the admission"_s;
    reveal.detail = QJsonObject { { u"fields"_s, 3 }, { u"status"_s, 200 } };
    reveal.seq = 99; // ignored: the log numbers its entries
    reveal.atMs = 1; // ignored: the log's clock stamps them
    QString error;
    QCOMPARE(m_log->append(reveal, &error), 1);
    m_now += 1000;
    QCOMPARE(m_log->append(entry(u"mallory"_s, u"sign-in-failed"_s, {}), &error), 2);
    m_now += 1000;
    QCOMPARE(m_log->append(entry(u"alice"_s, u"resubmit"_s, u"dead-letter:7"_s), &error), 3);

    const auto page = m_log->list({}, &error);
    QVERIFY2(page, qPrintable(error));
    QCOMPARE(page->entries.size(), 3);
    QCOMPARE(page->nextBeforeSeq, 0);
    const AuditEntry& first = page->entries.at(2);
    QCOMPARE(first.seq, 1);
    QCOMPARE(first.atMs, 1'700'000'000'000);
    QCOMPARE(first.actor, u"nina"_s);
    QCOMPARE(first.role, u"nurse"_s);
    QCOMPARE(first.remote, u"10.0.0.7"_s);
    QCOMPARE(first.action, u"reveal-phi"_s);
    QCOMPARE(first.target, u"message:123"_s);
    QCOMPARE(first.outcome, u"ok"_s);
    QCOMPARE(first.reason, reveal.reason);
    QCOMPARE(first.detail, reveal.detail);
    QCOMPARE(first.prevHash, QByteArray(64, '0'));
    QCOMPARE(first.hash.size(), 64);
    QCOMPARE(AuditLog::entryHash(first), first.hash);

    QCOMPARE(page->entries.at(1).seq, 2);
    QCOMPARE(page->entries.at(1).atMs, 1'700'000'001'000);
    QVERIFY(page->entries.at(1).target.isEmpty());
    QCOMPARE(page->entries.at(1).prevHash, first.hash);
    QCOMPARE(page->entries.at(0).seq, 3);
    QCOMPARE(page->entries.at(0).prevHash, page->entries.at(1).hash);
    QCOMPARE(AuditLog::entryHash(page->entries.at(0)), page->entries.at(0).hash);

    // Every field is inside the hash.
    AuditEntry changed = first;
    changed.reason += u'.';
    QVERIFY(AuditLog::entryHash(changed) != first.hash);
    changed = first;
    changed.atMs += 1;
    QVERIFY(AuditLog::entryHash(changed) != first.hash);
}

void tst_AuditLog::appendRejectsInvalidEntries_data()
{
    QTest::addColumn<QString>("action");
    QTest::addColumn<QString>("outcome");
    QTest::addRow("no action") << QString() << u"ok"_s;
    QTest::addRow("no outcome") << u"resubmit"_s << QString();
    QTest::addRow("unknown outcome") << u"resubmit"_s << u"maybe"_s;
}

void tst_AuditLog::appendRejectsInvalidEntries()
{
    QFETCH(QString, action);
    QFETCH(QString, outcome);
    AuditEntry e = entry(u"alice"_s, action, u"message:1"_s);
    e.outcome = outcome;
    QString error;
    QCOMPARE(m_log->append(e, &error), 0);
    QVERIFY(!error.isEmpty());
    QCOMPARE(m_log->list({})->entries.size(), 0);
}

void tst_AuditLog::appendJoinsTheCallersTransaction()
{
    QVERIFY(m_ops->db().exec("BEGIN IMMEDIATE"));
    QCOMPARE(m_log->append(entry(u"alice"_s, u"user-add"_s, u"user:bob"_s)), 1);
    QVERIFY(m_ops->db().exec("ROLLBACK"));
    QCOMPARE(m_log->list({})->entries.size(), 0);

    QVERIFY(m_ops->transaction([&] { return m_log->append(entry(u"alice"_s, u"user-add"_s, u"user:bob"_s)) == 1; }));
    const auto page = m_log->list({});
    QCOMPARE(page->entries.size(), 1);
    QCOMPARE(page->entries.at(0).target, u"user:bob"_s);
    QVERIFY(m_log->verify().ok);
}

void tst_AuditLog::listPagesNewestFirst()
{
    appendMany(25);
    QList<qint64> seen;
    AuditFilter filter;
    filter.limit = 10;
    QList<int> pageSizes;
    for (int guard = 0; guard < 10; ++guard) {
        QString error;
        const auto page = m_log->list(filter, &error);
        QVERIFY2(page, qPrintable(error));
        pageSizes.append(int(page->entries.size()));
        for (const AuditEntry& e : page->entries)
            seen.append(e.seq);
        if (page->nextBeforeSeq == 0)
            break;
        QCOMPARE(page->nextBeforeSeq, page->entries.constLast().seq);
        filter.beforeSeq = page->nextBeforeSeq;
    }
    QCOMPARE(pageSizes, (QList<int> { 10, 10, 5 }));
    QList<qint64> expected;
    for (qint64 seq = 25; seq >= 1; --seq)
        expected.append(seq);
    QCOMPARE(seen, expected);

    // A page that ends exactly at the oldest entry says there is no more.
    filter = {};
    filter.limit = 5;
    filter.beforeSeq = 6;
    const auto last = m_log->list(filter);
    QCOMPARE(last->entries.size(), 5);
    QCOMPARE(last->nextBeforeSeq, 0);
}

void tst_AuditLog::listFilters_data()
{
    QTest::addColumn<AuditFilter>("filter");
    QTest::addColumn<QList<qint64>>("seqs");

    AuditFilter f;
    QTest::addRow("none") << f << QList<qint64> { 6, 5, 4, 3, 2, 1 };
    f = {};
    f.actor = u"alice"_s;
    QTest::addRow("actor") << f << QList<qint64> { 5, 3, 1 };
    f = {};
    f.action = u"sign-in"_s;
    QTest::addRow("action") << f << QList<qint64> { 4, 1 };
    f = {};
    f.target = u"dead-letter:7"_s;
    QTest::addRow("target") << f << QList<qint64> { 5, 2 };
    f = {};
    f.fromMs = 2000;
    QTest::addRow("from is inclusive") << f << QList<qint64> { 6, 5, 4, 3 };
    f = {};
    f.toMs = 3000;
    QTest::addRow("to is exclusive") << f << QList<qint64> { 3, 2, 1 };
    f = {};
    f.fromMs = 2000;
    f.toMs = 4000;
    QTest::addRow("time range") << f << QList<qint64> { 4, 3 };
    f = {};
    f.actor = u"alice"_s;
    f.target = u"dead-letter:7"_s;
    QTest::addRow("actor and target") << f << QList<qint64> { 5 };
    f = {};
    f.actor = u"alice"_s;
    f.beforeSeq = 5;
    QTest::addRow("actor before cursor") << f << QList<qint64> { 3, 1 };
    f = {};
    f.actor = u"nobody"_s;
    QTest::addRow("no match") << f << QList<qint64> {};
}

void tst_AuditLog::listFilters()
{
    QFETCH(AuditFilter, filter);
    QFETCH(QList<qint64>, seqs);

    struct Row
    {
        qint64 at;
        const char16_t* actor;
        const char16_t* action;
        const char16_t* target;
    };
    const Row rows[] = {
        { 1000, u"alice", u"sign-in", u"" },
        { 1500, u"bob", u"resubmit", u"dead-letter:7" },
        { 2000, u"alice", u"reveal-phi", u"message:12" },
        { 3000, u"bob", u"sign-in", u"" },
        { 4000, u"alice", u"resubmit", u"dead-letter:7" },
        { 5000, u"carol", u"silence-create", u"alert-rule:critical-k" },
    };
    for (const Row& row : rows) {
        m_now = row.at;
        QVERIFY(m_log->append(entry(
                    QString::fromUtf16(row.actor), QString::fromUtf16(row.action), QString::fromUtf16(row.target)))
            > 0);
    }
    QString error;
    const auto page = m_log->list(filter, &error);
    QVERIFY2(page, qPrintable(error));
    QList<qint64> got;
    for (const AuditEntry& e : page->entries) {
        got.append(e.seq);
        if (!filter.actor.isEmpty())
            QCOMPARE(e.actor, filter.actor);
    }
    QCOMPARE(got, seqs);
}

void tst_AuditLog::listLimitIsClamped()
{
    appendMany(AuditLog::MaxPageSize + 20);
    AuditFilter filter;
    filter.limit = 100000;
    const auto big = m_log->list(filter);
    QCOMPARE(big->entries.size(), AuditLog::MaxPageSize);
    QCOMPARE(big->nextBeforeSeq, 21);
    filter.limit = 0;
    const auto tiny = m_log->list(filter);
    QCOMPARE(tiny->entries.size(), 1);
    QCOMPARE(tiny->entries.at(0).seq, AuditLog::MaxPageSize + 20);
}

void tst_AuditLog::emptyAndIntactLogsVerify()
{
    AuditVerifyResult result = m_log->verify();
    QVERIFY2(result.ok, qPrintable(result.reason));
    QCOMPARE(result.entriesChecked, 0);
    QCOMPARE(result.headSeq, 0);

    appendMany(50);
    result = m_log->verify();
    QVERIFY2(result.ok, qPrintable(result.reason));
    QCOMPARE(result.entriesChecked, 50);
    QCOMPARE(result.firstBadSeq, 0);
    QCOMPARE(result.headSeq, 50);
    AuditFilter newest;
    newest.limit = 1;
    QCOMPARE(result.headHash, m_log->list(newest)->entries.at(0).hash);
}

void tst_AuditLog::triggersRefuseUpdateAndDelete()
{
    appendMany(3);
    const QByteArray before = m_log->list({})->entries.at(1).hash;

    QString error;
    QVERIFY(!m_ops->db().exec("UPDATE audit_log SET reason = 'nothing to see' WHERE seq = 2", &error));
    QVERIFY2(error.contains(u"append-only"_s), qPrintable(error));
    error.clear();
    QVERIFY(!m_ops->db().exec("DELETE FROM audit_log WHERE seq = 2", &error));
    QVERIFY2(error.contains(u"append-only"_s), qPrintable(error));

    // The triggers live in the database, so any other connection is refused as well.
    SqliteDatabase other;
    QVERIFY(other.open(m_dir->filePath(u"ops.db"_s), false, &error));
    QVERIFY(!other.exec("UPDATE audit_log SET actor = 'someone-else'", &error));
    QVERIFY(!other.exec("DELETE FROM audit_log", &error));
    QVERIFY2(error.contains(u"append-only"_s), qPrintable(error));

    const auto page = m_log->list({});
    QCOMPARE(page->entries.size(), 3);
    QCOMPARE(page->entries.at(1).hash, before);
    QVERIFY(m_log->verify().ok);
}

void tst_AuditLog::changedFieldIsReported_data()
{
    QTest::addColumn<QByteArray>("sql");
    QTest::addRow("actor") << "UPDATE audit_log SET actor = 'someone-else' WHERE seq = 5"_ba;
    QTest::addRow("role") << "UPDATE audit_log SET role = 'support' WHERE seq = 5"_ba;
    QTest::addRow("remote") << "UPDATE audit_log SET remote = '127.0.0.1' WHERE seq = 5"_ba;
    QTest::addRow("action") << "UPDATE audit_log SET action = 'sign-in' WHERE seq = 5"_ba;
    QTest::addRow("target") << "UPDATE audit_log SET target = 'dead-letter:8' WHERE seq = 5"_ba;
    QTest::addRow("outcome") << "UPDATE audit_log SET outcome = 'denied' WHERE seq = 5"_ba;
    QTest::addRow("reason") << "UPDATE audit_log SET reason = 'routine' WHERE seq = 5"_ba;
    QTest::addRow("detail") << "UPDATE audit_log SET detail = '{\"n\":5}' WHERE seq = 5"_ba;
    QTest::addRow("time") << "UPDATE audit_log SET at_ms = at_ms + 1 WHERE seq = 5"_ba;
    QTest::addRow("hash") << "UPDATE audit_log SET hash = lower(hex(randomblob(32))) WHERE seq = 5"_ba;
}

void tst_AuditLog::changedFieldIsReported()
{
    QFETCH(QByteArray, sql);
    appendMany(10);
    QVERIFY(m_log->verify().ok);
    tamper(sql.constData());
    if (QTest::currentTestFailed())
        return;

    const AuditVerifyResult result = m_log->verify();
    QVERIFY(!result.ok);
    QCOMPARE(result.firstBadSeq, 5);
    QCOMPARE(result.entriesChecked, 4);
    QCOMPARE(result.reason, u"hash mismatch at seq 5: the entry was changed"_s);
}

void tst_AuditLog::deletedEntryIsReportedAsGap()
{
    appendMany(10);
    tamper("DELETE FROM audit_log WHERE seq = 8");
    if (QTest::currentTestFailed())
        return;
    const AuditVerifyResult result = m_log->verify();
    QVERIFY(!result.ok);
    QCOMPARE(result.firstBadSeq, 9);
    QCOMPARE(result.entriesChecked, 7);
    QCOMPARE(result.reason, u"gap before seq 9: entries were deleted"_s);
}

void tst_AuditLog::deletedFirstEntryIsReportedAsGap()
{
    appendMany(3);
    tamper("DELETE FROM audit_log WHERE seq = 1");
    if (QTest::currentTestFailed())
        return;
    const AuditVerifyResult result = m_log->verify();
    QVERIFY(!result.ok);
    QCOMPARE(result.firstBadSeq, 2);
    QCOMPARE(result.entriesChecked, 0);
    QVERIFY2(result.reason.startsWith(u"gap before seq 2"_s), qPrintable(result.reason));
}

void tst_AuditLog::rehashedEntryBreaksTheChain()
{
    // A careful forger rewrites an entry and recomputes its hash: the entry checks out on its own,
    // but the next one no longer links to it.
    appendMany(10);
    AuditFilter at5;
    at5.beforeSeq = 6;
    at5.limit = 1;
    AuditEntry forged = m_log->list(at5)->entries.at(0);
    QCOMPARE(forged.seq, 5);
    forged.reason = u"routine check"_s;
    const QByteArray newHash = AuditLog::entryHash(forged);
    const QByteArray sql = "UPDATE audit_log SET reason = 'routine check', hash = '" + newHash + "' WHERE seq = 5";
    tamper(sql.constData());
    if (QTest::currentTestFailed())
        return;

    const AuditVerifyResult result = m_log->verify();
    QVERIFY(!result.ok);
    QCOMPARE(result.firstBadSeq, 6);
    QCOMPARE(result.entriesChecked, 5);
    QVERIFY2(result.reason.startsWith(u"chain broken at seq 6"_s), qPrintable(result.reason));
}

void tst_AuditLog::verifyWalksALargeLog()
{
    constexpr int Count = 100'000;
    // Bulk load without an fsync per entry; verify itself is what this test is about.
    QVERIFY(m_ops->db().exec("PRAGMA synchronous=OFF"));
    appendMany(Count);
    AuditVerifyResult result = m_log->verify();
    QVERIFY2(result.ok, qPrintable(result.reason));
    QCOMPARE(result.entriesChecked, Count);
    QCOMPARE(result.headSeq, Count);

    tamper("UPDATE audit_log SET actor = 'eve' WHERE seq = 99990");
    if (QTest::currentTestFailed())
        return;
    result = m_log->verify();
    QVERIFY(!result.ok);
    QCOMPARE(result.firstBadSeq, 99990);
    QCOMPARE(result.entriesChecked, 99989);
}

QTEST_GUILESS_MAIN(tst_AuditLog)
#include "tst_auditlog.moc"
