// SqliteDatabase keeps compiled statements for reuse: a reused statement must behave exactly like a
// freshly prepared one (reset, no leftover bindings, no read transaction held open), statements of
// the same SQL held at the same time must be independent, and closing must not strand any.
#include "node/store/Sqlite.h"

#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

class tst_SqliteDatabase : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void reusedStatementStartsClean();
    void sameSqlHeldTwiceIsIndependent();
    void abandonedReadDoesNotBlockCheckpointOrWriters();
    void statementOutlivingCloseIsHarmless();
    void manyDistinctStatementsStayCorrect();
    void boundTextRoundTrips_data();
    void boundTextRoundTrips();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<SqliteDatabase> m_db;
};

void tst_SqliteDatabase::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_db = std::make_unique<SqliteDatabase>();
    QString error;
    QVERIFY2(m_db->open(m_dir->filePath(u"t.db"_s), false, &error), qPrintable(error));
    QVERIFY(m_db->exec("PRAGMA journal_mode=WAL; CREATE TABLE t(id INTEGER PRIMARY KEY, v TEXT);"));
    for (int i = 1; i <= 5; ++i) {
        auto insert = m_db->prepare("INSERT INTO t(id, v) VALUES(?, ?)");
        insert.bind(1, i).bind(2, QString(u"v"_s + QString::number(i)));
        QVERIFY(insert.run());
    }
}

void tst_SqliteDatabase::cleanup()
{
    m_db.reset();
    m_dir.reset();
}

void tst_SqliteDatabase::reusedStatementStartsClean()
{
    const char* sql = "SELECT v FROM t WHERE id >= ? ORDER BY id";
    {
        auto first = m_db->prepare(sql);
        first.bind(1, 2);
        QVERIFY(first.next());
        QCOMPARE(first.text(0), u"v2"_s);
        // Left mid-result, with a binding: the next user must not see either.
    }
    auto again = m_db->prepare(sql);
    QVERIFY(!again.failed());
    // No binding: "id >= NULL" matches nothing (a leftover 2 would return rows).
    QVERIFY(!again.next());
    again.reset();
    again.bind(1, 4);
    QVERIFY(again.next());
    QCOMPARE(again.text(0), u"v4"_s);
    QVERIFY(again.next());
    QCOMPARE(again.text(0), u"v5"_s);
    QVERIFY(!again.next());
}

void tst_SqliteDatabase::sameSqlHeldTwiceIsIndependent()
{
    const char* sql = "SELECT v FROM t WHERE id = ?";
    auto a = m_db->prepare(sql);
    auto b = m_db->prepare(sql);
    a.bind(1, 1);
    b.bind(1, 3);
    QVERIFY(a.next());
    QVERIFY(b.next());
    QCOMPARE(a.text(0), u"v1"_s);
    QCOMPARE(b.text(0), u"v3"_s);
    // Moving a held statement keeps it working and releases only once.
    SqliteStatement moved = std::move(a);
    QCOMPARE(moved.text(0), u"v1"_s);
    QVERIFY(!a.isValid());
}

void tst_SqliteDatabase::abandonedReadDoesNotBlockCheckpointOrWriters()
{
    {
        auto read = m_db->prepare("SELECT v FROM t ORDER BY id");
        QVERIFY(read.next()); // a read transaction is open until the statement is released
    }
    // Released into the cache: it must have been reset, or a TRUNCATE checkpoint could not finish.
    SqliteDatabase other;
    QString error;
    QVERIFY2(other.open(m_dir->filePath(u"t.db"_s), false, &error), qPrintable(error));
    QVERIFY(other.exec("INSERT INTO t(id, v) VALUES(6, 'v6')"));
    auto checkpoint = m_db->prepare("PRAGMA wal_checkpoint(TRUNCATE)");
    QVERIFY(checkpoint.next());
    QCOMPARE(checkpoint.int64(0), 0); // not busy
    auto count = m_db->prepare("SELECT COUNT(*) FROM t");
    QVERIFY(count.next());
    QCOMPARE(count.int64(0), 6);
}

void tst_SqliteDatabase::statementOutlivingCloseIsHarmless()
{
    auto held = m_db->prepare("SELECT v FROM t WHERE id = ?");
    m_db->close();
    held = SqliteStatement(); // finalized, not handed to a cache that is gone
    QString error;
    QVERIFY2(m_db->open(m_dir->filePath(u"t.db"_s), false, &error), qPrintable(error));
    auto fresh = m_db->prepare("SELECT v FROM t WHERE id = ?");
    fresh.bind(1, 2);
    QVERIFY(fresh.next());
    QCOMPARE(fresh.text(0), u"v2"_s);
}

void tst_SqliteDatabase::manyDistinctStatementsStayCorrect()
{
    // More distinct texts than the cache keeps: the ones not kept are simply compiled again.
    for (int round = 0; round < 2; ++round) {
        for (int i = 0; i < 300; ++i) {
            const QByteArray sql = "SELECT v, " + QByteArray::number(i) + " FROM t WHERE id = ?";
            auto statement = m_db->prepare(sql.constData());
            statement.bind(1, 1 + i % 5);
            QVERIFY(statement.next());
            QCOMPARE(statement.text(0), u"v"_s + QString::number(1 + i % 5));
            QCOMPARE(statement.int64(1), i);
        }
    }
}

void tst_SqliteDatabase::boundTextRoundTrips_data()
{
    QTest::addColumn<QString>("value");
    QTest::newRow("ascii") << u"ORU^R01"_s;
    QTest::newRow("empty, not null") << u""_s;
    QTest::newRow("null") << QString();
    QTest::newRow("not ascii") << u"Müller-Ærø 温"_s;
    QTest::newRow("longer than the stack copy") << QString(300, u'x');
    QTest::newRow("long, not ascii at the end") << QString(QString(255, u'y') + u'é');
}

void tst_SqliteDatabase::boundTextRoundTrips()
{
    QFETCH(QString, value);
    auto insert = m_db->prepare("INSERT INTO t(id, v) VALUES(100, ?)");
    insert.bind(1, value);
    QVERIFY(insert.run());
    auto select = m_db->prepare("SELECT v, v IS NULL FROM t WHERE id = 100");
    QVERIFY(select.next());
    QCOMPARE(select.int64(1) != 0, value.isNull());  // null stays NULL, empty stays ''
    QCOMPARE(select.text(0), value);
    auto byValue = m_db->prepare("SELECT COUNT(*) FROM t WHERE v = ?");
    byValue.bind(1, value);
    QVERIFY(byValue.next());
    QCOMPARE(byValue.int64(0), value.isNull() ? 0 : 1);
}

QTEST_GUILESS_MAIN(tst_SqliteDatabase)
#include "tst_sqlitedatabase.moc"
