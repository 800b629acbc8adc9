// Unit tests of idempotency keys: a completed request replays its response, a pending one answers
// "in progress", a different request under the same key is a mismatch, abandoning frees the key,
// keys are per user, expire after 24 h and are purged, and malformed keys are refused.
#include "node/audit/IdempotencyStore.h"
#include "node/ops/OpsDatabase.h"

#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

using Kind = IdempotencyStore::Begin::Kind;

class tst_IdempotencyStore : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void completedRequestIsReplayed();
    void pendingRequestIsInProgress();
    void differentRequestIsAMismatch();
    void abandonAllowsARetry();
    void completeAndAbandonNeedAPendingKey();
    void keysArePerUser();
    void expiredKeyIsForgotten();
    void purgeRemovesOldKeys();
    void keyFormat_data();
    void keyFormat();
    void fingerprintCoversMethodPathAndBody();
    void keysSurviveReopening();

private:
    QByteArray fp(const QByteArray& body) const
    {
        return IdempotencyStore::fingerprint("POST", "/api/v1/dead-letters/7/resubmit", body);
    }

    QTemporaryDir* m_dir = nullptr;
    OpsDatabase* m_ops = nullptr;
    IdempotencyStore* m_store = nullptr;
    qint64 m_now = 0;
};

void tst_IdempotencyStore::init()
{
    m_dir = new QTemporaryDir;
    m_ops = new OpsDatabase;
    QString error;
    QVERIFY2(m_ops->open(m_dir->filePath(u"ops.db"_s), &error), qPrintable(error));
    QVERIFY2(IdempotencyStore::ensureSchema(m_ops->db(), &error), qPrintable(error));
    QVERIFY2(IdempotencyStore::ensureSchema(m_ops->db(), &error), qPrintable(error));
    m_now = 1'700'000'000'000;
    m_store = new IdempotencyStore(m_ops->db(), [this] { return m_now; });
}

void tst_IdempotencyStore::cleanup()
{
    delete m_store;
    delete m_ops;
    delete m_dir;
    m_store = nullptr;
    m_ops = nullptr;
    m_dir = nullptr;
}

void tst_IdempotencyStore::completedRequestIsReplayed()
{
    const QByteArray body = R"({"resubmittedAs":4711,"correlationId":"4bf92f3577b34da6a3ce929d0e0e4736"})"_ba;
    auto first = m_store->begin(1, u"key-1"_s, fp("{}"));
    QCOMPARE(first.kind, Kind::Started);
    QString error;
    QVERIFY2(m_store->complete(1, u"key-1"_s, 201, u"application/json"_s, body, &error), qPrintable(error));

    for (int retry = 0; retry < 2; ++retry) {
        const auto again = m_store->begin(1, u"key-1"_s, fp("{}"));
        QCOMPARE(again.kind, Kind::Replay);
        QCOMPARE(again.status, 201);
        QCOMPARE(again.contentType, u"application/json"_s);
        QCOMPARE(again.body, body);
    }

    // An empty body (e.g. 204) replays as empty, not as a missing response.
    QCOMPARE(m_store->begin(1, u"key-2"_s, fp("{}")).kind, Kind::Started);
    QVERIFY(m_store->complete(1, u"key-2"_s, 204, QString(), QByteArray()));
    const auto empty = m_store->begin(1, u"key-2"_s, fp("{}"));
    QCOMPARE(empty.kind, Kind::Replay);
    QCOMPARE(empty.status, 204);
    QVERIFY(empty.body.isEmpty());
}

void tst_IdempotencyStore::pendingRequestIsInProgress()
{
    QCOMPARE(m_store->begin(1, u"k"_s, fp("{}")).kind, Kind::Started);
    QCOMPARE(m_store->begin(1, u"k"_s, fp("{}")).kind, Kind::InProgress);
    QVERIFY(m_store->complete(1, u"k"_s, 200, u"application/json"_s, "{}"));
    QCOMPARE(m_store->begin(1, u"k"_s, fp("{}")).kind, Kind::Replay);
}

void tst_IdempotencyStore::differentRequestIsAMismatch()
{
    QCOMPARE(m_store->begin(1, u"k"_s, fp(R"({"edit":false})")).kind, Kind::Started);
    QCOMPARE(m_store->begin(1, u"k"_s, fp(R"({"edit":true})")).kind, Kind::Mismatch);
    QVERIFY(m_store->complete(1, u"k"_s, 200, u"application/json"_s, "{}"));
    QCOMPARE(m_store->begin(1, u"k"_s, fp(R"({"edit":true})")).kind, Kind::Mismatch);
    QCOMPARE(m_store
                 ->begin(1, u"k"_s,
                     IdempotencyStore::fingerprint("POST", "/api/v1/dead-letters/8/resubmit", R"({"edit":false})"))
                 .kind,
        Kind::Mismatch);
    // The mismatch did not disturb the stored response.
    QCOMPARE(m_store->begin(1, u"k"_s, fp(R"({"edit":false})")).kind, Kind::Replay);
}

void tst_IdempotencyStore::abandonAllowsARetry()
{
    QCOMPARE(m_store->begin(1, u"k"_s, fp("{}")).kind, Kind::Started);
    QString error;
    QVERIFY2(m_store->abandon(1, u"k"_s, &error), qPrintable(error));
    QCOMPARE(m_store->begin(1, u"k"_s, fp("{}")).kind, Kind::Started);
    // After an abandon the key is free for any request, not bound to the first fingerprint.
    QVERIFY(m_store->abandon(1, u"k"_s));
    QCOMPARE(m_store->begin(1, u"k"_s, fp(R"({"other":1})")).kind, Kind::Started);
}

void tst_IdempotencyStore::completeAndAbandonNeedAPendingKey()
{
    QString error;
    QVERIFY(!m_store->complete(1, u"never-begun"_s, 200, u"application/json"_s, "{}", &error));
    QVERIFY(!error.isEmpty());
    QVERIFY(!m_store->abandon(1, u"never-begun"_s));

    QCOMPARE(m_store->begin(1, u"k"_s, fp("{}")).kind, Kind::Started);
    QVERIFY(m_store->complete(1, u"k"_s, 200, u"application/json"_s, "first"));
    // A done key keeps its first response: neither a second complete nor an abandon changes it.
    QVERIFY(!m_store->complete(1, u"k"_s, 500, u"text/plain"_s, "second"));
    QVERIFY(!m_store->abandon(1, u"k"_s));
    const auto replay = m_store->begin(1, u"k"_s, fp("{}"));
    QCOMPARE(replay.kind, Kind::Replay);
    QCOMPARE(replay.status, 200);
    QCOMPARE(replay.body, "first"_ba);
}

void tst_IdempotencyStore::keysArePerUser()
{
    QCOMPARE(m_store->begin(1, u"same-key"_s, fp("{}")).kind, Kind::Started);
    QCOMPARE(m_store->begin(2, u"same-key"_s, fp(R"({"x":1})")).kind, Kind::Started);
    QVERIFY(m_store->complete(1, u"same-key"_s, 200, u"application/json"_s, "user one"));
    QCOMPARE(m_store->begin(2, u"same-key"_s, fp(R"({"x":1})")).kind, Kind::InProgress);
    QVERIFY(m_store->complete(2, u"same-key"_s, 202, u"application/json"_s, "user two"));
    QCOMPARE(m_store->begin(1, u"same-key"_s, fp("{}")).body, "user one"_ba);
    QCOMPARE(m_store->begin(2, u"same-key"_s, fp(R"({"x":1})")).body, "user two"_ba);
    QVERIFY(m_store->abandon(3, u"same-key"_s) == false);
}

void tst_IdempotencyStore::expiredKeyIsForgotten()
{
    QCOMPARE(m_store->begin(1, u"k"_s, fp("{}")).kind, Kind::Started);
    QVERIFY(m_store->complete(1, u"k"_s, 200, u"application/json"_s, "old"));
    m_now += IdempotencyStore::KeyLifetimeMs - 1;
    QCOMPARE(m_store->begin(1, u"k"_s, fp(R"({"new":1})")).kind, Kind::Mismatch);
    m_now += 1;
    // Expired (even though nothing purged it yet): the key starts a new request.
    QCOMPARE(m_store->begin(1, u"k"_s, fp(R"({"new":1})")).kind, Kind::Started);
    QCOMPARE(m_store->begin(1, u"k"_s, fp(R"({"new":1})")).kind, Kind::InProgress);
}

void tst_IdempotencyStore::purgeRemovesOldKeys()
{
    QCOMPARE(m_store->begin(1, u"old-done"_s, fp("{}")).kind, Kind::Started);
    QVERIFY(m_store->complete(1, u"old-done"_s, 200, u"application/json"_s, "old"));
    QCOMPARE(m_store->begin(1, u"old-pending"_s, fp("{}")).kind, Kind::Started);
    m_now += 12 * 60 * 60 * 1000;
    QCOMPARE(m_store->begin(1, u"young"_s, fp("{}")).kind, Kind::Started);
    QVERIFY(m_store->complete(1, u"young"_s, 200, u"application/json"_s, "young"));

    QCOMPARE(m_store->purgeOlderThan(IdempotencyStore::KeyLifetimeMs), 0);
    m_now += 12 * 60 * 60 * 1000 + 1;
    QString error;
    QCOMPARE(m_store->purgeOlderThan(IdempotencyStore::KeyLifetimeMs, &error), 2);
    QCOMPARE(m_store->purgeOlderThan(IdempotencyStore::KeyLifetimeMs, &error), 0);

    auto count = m_ops->db().prepare("SELECT count(*) FROM idempotency_keys");
    QVERIFY(count.next());
    QCOMPARE(count.int64(0), 1);
    QCOMPARE(m_store->begin(1, u"young"_s, fp("{}")).body, "young"_ba);
    QCOMPARE(m_store->begin(1, u"old-pending"_s, fp("{}")).kind, Kind::Started);
}

void tst_IdempotencyStore::keyFormat_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<bool>("valid");
    QTest::addRow("uuid") << u"3f2b8c1e-9d4a-4e7b-8c2f-1a2b3c4d5e6f"_s << true;
    QTest::addRow("one char") << u"a"_s << true;
    QTest::addRow("all allowed") << u"AZaz09_-:."_s << true;
    QTest::addRow("128 chars") << QString(128, u'k') << true;
    QTest::addRow("empty") << QString() << false;
    QTest::addRow("129 chars") << QString(129, u'k') << false;
    QTest::addRow("space") << u"a b"_s << false;
    QTest::addRow("slash") << u"a/b"_s << false;
    QTest::addRow("newline") << u"a\nb"_s << false;
    QTest::addRow("non-ascii letter") << u"schlüssel"_s << false;
    QTest::addRow("quote") << u"a'b"_s << false;
}

void tst_IdempotencyStore::keyFormat()
{
    QFETCH(QString, key);
    QFETCH(bool, valid);
    QCOMPARE(IdempotencyStore::isValidKey(key), valid);
    const auto begin = m_store->begin(1, key, fp("{}"));
    QCOMPARE(begin.kind == Kind::Started, valid);
    if (!valid) {
        QCOMPARE(begin.kind, Kind::Failed);
        QVERIFY(begin.error.contains(u"invalid idempotency key"_s));
    }
}

void tst_IdempotencyStore::fingerprintCoversMethodPathAndBody()
{
    const QByteArray base = IdempotencyStore::fingerprint("POST", "/a", "b");
    QCOMPARE(base.size(), 64);
    QCOMPARE(IdempotencyStore::fingerprint("POST", "/a", "b"), base);
    QVERIFY(IdempotencyStore::fingerprint("PUT", "/a", "b") != base);
    QVERIFY(IdempotencyStore::fingerprint("POST", "/a", "c") != base);
    QVERIFY(IdempotencyStore::fingerprint("POST", "/x", "b") != base);
    // Moving bytes between fields changes the fingerprint (fields are length-prefixed).
    QVERIFY(IdempotencyStore::fingerprint("POST", "/ab", "") != base);
    QVERIFY(IdempotencyStore::fingerprint("POST/a", "", "b") != base);
}

void tst_IdempotencyStore::keysSurviveReopening()
{
    QCOMPARE(m_store->begin(1, u"k"_s, fp("{}")).kind, Kind::Started);
    QVERIFY(m_store->complete(1, u"k"_s, 201, u"application/json"_s, "durable"));
    delete m_store;
    m_store = nullptr;
    m_ops->close();
    QString error;
    QVERIFY2(m_ops->open(m_dir->filePath(u"ops.db"_s), &error), qPrintable(error));
    QVERIFY(IdempotencyStore::ensureSchema(m_ops->db(), &error));
    m_store = new IdempotencyStore(m_ops->db(), [this] { return m_now; });
    const auto replay = m_store->begin(1, u"k"_s, fp("{}"));
    QCOMPARE(replay.kind, Kind::Replay);
    QCOMPARE(replay.body, "durable"_ba);
}

QTEST_GUILESS_MAIN(tst_IdempotencyStore)
#include "tst_idempotencystore.moc"
