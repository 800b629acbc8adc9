#include "models/console/ConsoleCache.h"

#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QSemaphore>
#include <QTemporaryDir>
#include <QTest>

#include <functional>
#include <thread>

using namespace Qt::StringLiterals;

namespace {

const qint64 kBaseMs = 1'795'730'400'000; // 2026-11-26T22:00:00Z

struct Msg
{
    qint64 id;
    QString correlationId;
    QString controlId;
    QString patientId;
    QString accession;
    QString type;
    QString trigger;
    QString state;
    QString channel;
    qint64 receivedAtMs;
};

QJsonObject toJson(const Msg& m)
{
    QJsonObject o{{u"id"_s, m.id},
                  {u"correlationId"_s, m.correlationId},
                  {u"channel"_s, m.channel},
                  {u"receivedAt"_s, QDateTime::fromMSecsSinceEpoch(m.receivedAtMs, Qt::UTC).toString(Qt::ISODateWithMs)},
                  {u"format"_s, u"hl7v2"_s},
                  {u"state"_s, m.state},
                  {u"messageType"_s, m.type},
                  {u"triggerEvent"_s, m.trigger},
                  {u"controlId"_s, m.controlId},
                  {u"unit"_s, u"4B"_s},
                  {u"routedTo"_s, QJsonArray{u"ehr"_s}},
                  {u"deliveredTo"_s, QJsonArray{}},
                  {u"deadLetteredAt"_s, QJsonArray{}}};
    if (!m.patientId.isEmpty())
        o.insert(u"patientId"_s, m.patientId);
    if (!m.accession.isEmpty())
        o.insert(u"fillerOrderNumber"_s, m.accession);
    return o;
}

// A deterministic data set where every filter matches a known, non-trivial subset.
QList<Msg> dataSet(int count)
{
    static const QString types[] = {u"ADT"_s, u"ORU"_s, u"ORM"_s};
    static const QString triggers[] = {u"A01"_s, u"R01"_s, u"O01"_s, u"A08"_s};
    static const QString states[] = {u"accepted"_s, u"accepted"_s, u"invalid"_s, u"duplicate"_s, u"unparseable"_s};
    QList<Msg> list;
    for (int i = 1; i <= count; ++i) {
        Msg m;
        m.id = i;
        // Resends share a correlation ID: every 10 messages form 5 correlations.
        m.correlationId = QString::number(0xabc0000 + (i + 1) / 2, 16).rightJustified(32, u'0');
        m.controlId = u"CTRL-"_s + QString::number(i % 97);
        m.patientId = (i % 11 == 0) ? u"***"_s : (u"MRN"_s + QString::number(i % 13));
        m.accession = (i % 5 == 0) ? (u"ACC"_s + QString::number(i)) : QString();
        m.type = types[i % 3];
        m.trigger = triggers[i % 4];
        m.state = states[i % 5];
        m.channel = (i % 2) ? u"hl7-in"_s : u"lab-in"_s;
        m.receivedAtMs = kBaseMs + i * 1000;
        list.append(m);
    }
    return list;
}

QJsonArray toArray(const QList<Msg>& list)
{
    QJsonArray array;
    for (const Msg& m : list)
        array.append(toJson(m));
    return array;
}

QList<qint64> ids(const QList<QJsonObject>& page)
{
    QList<qint64> result;
    for (const QJsonObject& o : page)
        result.append(o.value(u"id"_s).toInteger());
    return result;
}

// Every id matching `search`, by walking all pages.
QList<qint64> allPages(const ConsoleCache& cache, const CacheSearch& search, int pageSize)
{
    QList<qint64> result;
    qint64 before = 0;
    for (int guard = 0; guard < 100'000; ++guard) {
        QString error;
        const QList<QJsonObject> page = cache.messagePage(search, before, pageSize, &error);
        if (!error.isEmpty())
            qWarning() << error;
        result += ids(page);
        if (page.size() < pageSize)
            break;
        before = page.last().value(u"id"_s).toInteger();
    }
    return result;
}

QList<qint64> expectedIds(const QList<Msg>& list, const std::function<bool(const Msg&)>& match)
{
    QList<qint64> result;
    for (auto it = list.crbegin(); it != list.crend(); ++it) {
        if (match(*it))
            result.append(it->id);
    }
    return result;
}

QVariant pragma(const QString& path, const QString& name)
{
    QVariant value;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"inspect"_s);
        db.setDatabaseName(path);
        if (db.open()) {
            QSqlQuery q(db);
            if (q.exec(u"PRAGMA "_s + name) && q.next())
                value = q.value(0);
        }
    }
    QSqlDatabase::removeDatabase(u"inspect"_s);
    return value;
}

} // namespace

class tst_ConsoleCache : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    int m_files = 0;
    QString newPath() { return m_dir.filePath(u"cache/node-"_s + QString::number(++m_files) + u".sqlite"_s); }

private slots:
    void openCreatesCurrentSchemaInWalMode()
    {
        const QString path = newPath();
        ConsoleCache cache;
        QCOMPARE(cache.schemaVersion(), 0);
        QString error;
        QVERIFY2(cache.open(path, ConsoleCache::OpenMode::ReadWrite, &error), qPrintable(error));
        QVERIFY(cache.isOpen());
        QCOMPARE(cache.schemaVersion(), ConsoleCache::kSchemaVersion);
        QVERIFY(QFileInfo::exists(path)); // the folder was created too
        cache.close();
        QVERIFY(!cache.isOpen());
        QCOMPARE(pragma(path, u"journal_mode"_s).toString(), u"wal"_s);
        QCOMPARE(pragma(path, u"auto_vacuum"_s).toInt(), 2); // incremental
    }

    void twoCachesOpenAtOnce()
    {
        ConsoleCache a;
        ConsoleCache b;
        QVERIFY(a.open(newPath()));
        QVERIFY(b.open(newPath()));
        QVERIFY(a.putList(u"k"_s, u"a"_s, 1));
        QVERIFY(b.putList(u"k"_s, u"b"_s, 2));
        QCOMPARE(a.list(u"k"_s)->value.toString(), u"a"_s);
        QCOMPARE(b.list(u"k"_s)->value.toString(), u"b"_s);
    }

    void statsRoundTrip()
    {
        ConsoleCache cache;
        QVERIFY(cache.open(newPath()));
        QList<QPair<qint64, QJsonObject>> samples;
        for (int i = 0; i < 5; ++i) {
            QJsonObject stats{{u"atMs"_s, kBaseMs + i * 1000},
                              {u"node"_s, QJsonObject{{u"deadLetterDepth"_s, i}, {u"messagesStored"_s, 80 + i}}},
                              {u"channels"_s, QJsonArray{QJsonObject{{u"name"_s, u"hl7-in"_s},
                                                                     {u"lastReceivedAtMs"_s, QJsonValue::Null}}}}};
            samples.append({kBaseMs + i * 1000, stats});
        }
        QVERIFY(cache.putStatsSamples(samples));
        QCOMPARE(cache.statsSince(0), samples);
        QCOMPARE(cache.statsSince(kBaseMs + 2000), samples.mid(2));
        QCOMPARE(cache.statsSince(kBaseMs + 1500, kBaseMs + 3000), samples.mid(2, 2));
        QVERIFY(cache.statsSince(kBaseMs + 5000).isEmpty());

        // The same atMs again replaces the sample.
        QJsonObject changed = samples.at(1).second;
        changed.insert(u"node"_s, QJsonObject{{u"deadLetterDepth"_s, 99}});
        QVERIFY(cache.putStatsSamples({{samples.at(1).first, changed}}));
        const auto all = cache.statsSince(0);
        QCOMPARE(all.size(), 5);
        QCOMPARE(all.at(1).second, changed);
    }

    void messagesRoundTrip()
    {
        ConsoleCache cache;
        QVERIFY(cache.open(newPath()));
        const QList<Msg> list = dataSet(20);
        QVERIFY(cache.putMessages(toArray(list), 5000));
        QCOMPARE(cache.messageCount(), 20);
        for (const Msg& m : list) {
            const auto item = cache.messageSummary(m.id);
            QVERIFY(item);
            QCOMPARE(item->value.toObject(), toJson(m)); // stored as it came in, masking included
            QCOMPARE(item->cachedAtMs, 5000);
        }
        QVERIFY(!cache.messageSummary(21));

        // A summary that changed on the node (delivered meanwhile) replaces the cached one.
        QJsonObject updated = toJson(list.at(3));
        updated.insert(u"deliveredTo"_s, QJsonArray{u"ehr"_s});
        QVERIFY(cache.putMessages(QJsonArray{updated, QJsonObject{{u"noId"_s, 1}}}, 6000));
        QCOMPARE(cache.messageCount(), 20);
        QCOMPARE(cache.messageSummary(list.at(3).id)->value.toObject(), updated);
        QCOMPARE(cache.messageSummary(list.at(3).id)->cachedAtMs, 6000);
    }

    void search_data()
    {
        QTest::addColumn<CacheSearch>("search");
        QTest::addColumn<std::function<bool(const Msg&)>>("match");

        const QList<Msg> list = dataSet(300);
        const Msg& probe = list.at(41); // id 42
        const auto row = [](const char* name, CacheSearch s, std::function<bool(const Msg&)> f) {
            QTest::addRow("%s", name) << s << f;
        };
        CacheSearch s;
        s.text = probe.correlationId;
        s.key = CacheSearch::Key::CorrelationId;
        row("correlationId", s, [=](const Msg& m) { return m.correlationId == probe.correlationId; });
        s.text = probe.correlationId.toUpper();
        row("correlationId, upper case", s, [=](const Msg& m) { return m.correlationId == probe.correlationId; });
        s.text = probe.controlId;
        s.key = CacheSearch::Key::ControlId;
        row("controlId", s, [=](const Msg& m) { return m.controlId == probe.controlId; });
        s.text = probe.patientId;
        s.key = CacheSearch::Key::PatientId;
        row("patientId", s, [=](const Msg& m) { return m.patientId == probe.patientId; });
        s.text = u"***"_s;
        row("masked patientId never matches", s, [](const Msg&) { return false; });
        s.text = u"ACC45"_s;
        s.key = CacheSearch::Key::Accession;
        row("accession", s, [](const Msg& m) { return m.accession == u"ACC45"_s; });
        s.text = probe.controlId;
        s.key = CacheSearch::Key::PatientId;
        row("controlId as patientId finds nothing", s, [](const Msg&) { return false; });
        s.key = CacheSearch::Key::Any;
        s.text = probe.correlationId;
        row("any: correlationId", s, [=](const Msg& m) { return m.correlationId == probe.correlationId; });
        s.text = u"MRN7"_s;
        row("any: patientId", s, [](const Msg& m) { return m.patientId == u"MRN7"_s; });
        s.text = u"CTRL-1"_s;
        s.prefix = true;
        row("any: prefix", s, [](const Msg& m) { return m.controlId.startsWith(u"CTRL-1"_s); });
        s.text = u"MRN1"_s;
        s.key = CacheSearch::Key::PatientId;
        row("patientId prefix", s, [](const Msg& m) { return m.patientId.startsWith(u"MRN1"_s); });
        s.text = u"ACC2"_s;
        s.key = CacheSearch::Key::Accession;
        row("accession prefix", s, [](const Msg& m) { return m.accession.startsWith(u"ACC2"_s); });

        CacheSearch t;
        t.messageType = u"ORU"_s;
        row("type", t, [](const Msg& m) { return m.type == u"ORU"_s; });
        t.messageType = u"ADT^A08"_s;
        row("type^trigger", t, [](const Msg& m) { return m.type == u"ADT"_s && m.trigger == u"A08"_s; });
        t.messageType.clear();
        t.state = u"invalid"_s;
        row("state", t, [](const Msg& m) { return m.state == u"invalid"_s; });
        t.state.clear();
        t.channel = u"lab-in"_s;
        row("channel", t, [](const Msg& m) { return m.channel == u"lab-in"_s; });
        t.channel.clear();
        t.fromMs = kBaseMs + 100'000;
        t.toMs = kBaseMs + 150'000;
        row("time range, inclusive", t, [](const Msg& m) {
            return m.receivedAtMs >= kBaseMs + 100'000 && m.receivedAtMs <= kBaseMs + 150'000;
        });
        t.toMs = std::numeric_limits<qint64>::max();
        row("from only", t, [](const Msg& m) { return m.receivedAtMs >= kBaseMs + 100'000; });
        t.fromMs = std::numeric_limits<qint64>::min();
        t.toMs = kBaseMs + 30'000;
        row("to only", t, [](const Msg& m) { return m.receivedAtMs <= kBaseMs + 30'000; });
        t.fromMs = kBaseMs + 900'000;
        t.toMs = kBaseMs + 990'000;
        row("range without messages", t, [](const Msg&) { return false; });

        CacheSearch all;
        all.text = u"MRN3"_s;
        all.messageType = u"ORU"_s;
        all.state = u"accepted"_s;
        all.fromMs = kBaseMs + 10'000;
        all.toMs = kBaseMs + 250'000;
        row("every filter at once", all, [](const Msg& m) {
            return m.patientId == u"MRN3"_s && m.type == u"ORU"_s && m.state == u"accepted"_s
                && m.receivedAtMs >= kBaseMs + 10'000 && m.receivedAtMs <= kBaseMs + 250'000;
        });
        row("no filter", CacheSearch{}, [](const Msg&) { return true; });
    }

    void search()
    {
        QFETCH(CacheSearch, search);
        QFETCH(std::function<bool(const Msg&)>, match);
        const QList<Msg> list = dataSet(300);
        ConsoleCache cache;
        QVERIFY(cache.open(newPath()));
        QVERIFY(cache.putMessages(toArray(list), 1));
        const QList<qint64> expected = expectedIds(list, match);
        QCOMPARE(allPages(cache, search, 1000), expected);
        QCOMPARE(allPages(cache, search, 7), expected); // and the same through small pages
    }

    void timeRangeIsExactWhenTheClockJumped()
    {
        // The node's clock stepped back: ids 90-95 arrived last but carry earlier times.
        QList<Msg> list = dataSet(100);
        for (int i = 89; i < 95; ++i)
            list[i].receivedAtMs = kBaseMs + 20'000 + i;
        ConsoleCache cache;
        QVERIFY(cache.open(newPath()));
        QVERIFY(cache.putMessages(toArray(list), 1));
        const auto inRange = [](qint64 from, qint64 to) {
            return [=](const Msg& m) { return m.receivedAtMs >= from && m.receivedAtMs <= to; };
        };
        CacheSearch s;
        s.fromMs = kBaseMs + 15'000;
        s.toMs = kBaseMs + 25'000;
        const QList<qint64> expected = expectedIds(list, inRange(s.fromMs, s.toMs));
        QCOMPARE(expected.first(), 95); // the jumped ones are in the range
        QCOMPARE(allPages(cache, s, 4), expected);
        s.fromMs = std::numeric_limits<qint64>::min();
        QCOMPARE(allPages(cache, s, 4), expectedIds(list, inRange(std::numeric_limits<qint64>::min(), s.toMs)));
    }

    void keysetPagesWithoutGaps()
    {
        const QList<Msg> list = dataSet(1000);
        ConsoleCache cache;
        QVERIFY(cache.open(newPath()));
        // In batches, out of order: the cache orders by id, not by arrival.
        QVERIFY(cache.putMessages(toArray(list.mid(500)), 1));
        QVERIFY(cache.putMessages(toArray(list.mid(0, 500)), 1));

        const QList<qint64> expected = expectedIds(list, [](const Msg&) { return true; });
        QCOMPARE(allPages(cache, CacheSearch{}, 37), expected);

        // New messages arriving between pages never shift the pages being read.
        qint64 before = 0;
        QList<qint64> seen;
        const QList<QJsonObject> first = cache.messagePage(CacheSearch{}, before, 50);
        seen += ids(first);
        QVERIFY(cache.putMessages(toArray(dataSet(1100).mid(1000)), 2));
        before = first.last().value(u"id"_s).toInteger();
        for (;;) {
            const QList<QJsonObject> page = cache.messagePage(CacheSearch{}, before, 50);
            seen += ids(page);
            if (page.size() < 50)
                break;
            before = page.last().value(u"id"_s).toInteger();
        }
        QCOMPARE(seen, expected);

        // The page size is clamped.
        QCOMPARE(cache.messagePage(CacheSearch{}, 0, 0).size(), 1);
        QCOMPARE(cache.messagePage(CacheSearch{}, 0, 1'000'000).size(), ConsoleCache::kMaxPageSize);
    }

    void detailsTracesAndLists()
    {
        ConsoleCache cache;
        QVERIFY(cache.open(newPath()));
        const QJsonObject detail{{u"id"_s, 80},
                                 {u"content"_s, QJsonObject{{u"raw"_s, u"MSH|^~\\&|..."_s}}},
                                 {u"trace"_s, QJsonArray{QJsonObject{{u"stage"_s, u"receive"_s}}}}};
        QVERIFY(cache.putMessageDetail(80, detail, 111));
        QCOMPARE(cache.messageDetail(80)->value.toObject(), detail);
        QCOMPARE(cache.messageDetail(80)->cachedAtMs, 111);
        QVERIFY(!cache.messageDetail(81));

        const QString correlationId = u"4bf92f3577b34da6a3ce929d0e0e4736"_s;
        const QJsonObject trace{{u"correlationId"_s, correlationId},
                                {u"messages"_s, QJsonArray{QJsonObject{{u"id"_s, 101}}}},
                                {u"events"_s, QJsonArray{}}};
        QVERIFY(cache.putTrace(correlationId.toUpper(), trace, 222));
        QCOMPARE(cache.trace(correlationId)->value.toObject(), trace);
        QCOMPARE(cache.trace(correlationId.toUpper())->cachedAtMs, 222);
        QVERIFY(!cache.trace(u"00000000000000000000000000000000"_s));
        QVERIFY(cache.markTraceViewed(correlationId, 300));
        QVERIFY(!cache.markTraceViewed(u"nope"_s, 300));

        const QJsonArray deadLetters{QJsonObject{{u"id"_s, 13}, {u"reason"_s, u"PID-3 missing"_s}}};
        QVERIFY(cache.putList(u"dead-letters"_s, deadLetters, 333));
        QVERIFY(cache.putList(u"node"_s, QJsonObject{{u"nodeId"_s, u"demo-node"_s}}, 334));
        QVERIFY(cache.putList(u"scalar"_s, 42, 335));
        QCOMPARE(cache.list(u"dead-letters"_s)->value.toArray(), deadLetters);
        QCOMPARE(cache.list(u"dead-letters"_s)->cachedAtMs, 333);
        QCOMPARE(cache.list(u"node"_s)->value.toObject().value(u"nodeId"_s).toString(), u"demo-node"_s);
        QCOMPARE(cache.list(u"scalar"_s)->value.toInt(), 42);
        QVERIFY(!cache.list(u"alerts"_s));
        QVERIFY(cache.putList(u"dead-letters"_s, QJsonArray{}, 444));
        QCOMPARE(cache.list(u"dead-letters"_s)->value.toArray().size(), 0);
        QCOMPARE(cache.list(u"dead-letters"_s)->cachedAtMs, 444);
        QVERIFY(cache.removeList(u"scalar"_s));
        QVERIFY(!cache.list(u"scalar"_s));

        QCOMPARE(cache.lastContact(), 0);
        QVERIFY(cache.setLastContact(kBaseMs));
        QCOMPARE(cache.lastContact(), kBaseMs);
    }

    void reopenKeepsData()
    {
        const QString path = newPath();
        const QList<Msg> list = dataSet(50);
        {
            ConsoleCache cache;
            QVERIFY(cache.open(path));
            QVERIFY(cache.putMessages(toArray(list), 10));
            QVERIFY(cache.putStatsSamples({{kBaseMs, QJsonObject{{u"atMs"_s, kBaseMs}}}}));
            QVERIFY(cache.putMessageDetail(7, QJsonObject{{u"id"_s, 7}}, 11));
            QVERIFY(cache.putTrace(list.at(0).correlationId, QJsonObject{{u"events"_s, QJsonArray{}}}, 12));
            QVERIFY(cache.putList(u"alerts"_s, QJsonArray{1, 2}, 13));
            QVERIFY(cache.setLastContact(kBaseMs + 5));
        }
        ConsoleCache cache;
        QVERIFY(cache.open(path));
        QCOMPARE(cache.messageCount(), 50);
        QCOMPARE(allPages(cache, CacheSearch{}, 20), expectedIds(list, [](const Msg&) { return true; }));
        QCOMPARE(cache.statsSince(0).size(), 1);
        QCOMPARE(cache.messageDetail(7)->cachedAtMs, 11);
        QVERIFY(cache.trace(list.at(0).correlationId));
        QCOMPARE(cache.list(u"alerts"_s)->value.toArray(), (QJsonArray{1, 2}));
        QCOMPARE(cache.lastContact(), kBaseMs + 5);
    }

    void readOnlyConnectionOnAnotherThread()
    {
        const QString path = newPath();
        ConsoleCache writer;
        QVERIFY(writer.open(path));
        const QList<Msg> list = dataSet(200);
        QVERIFY(writer.putMessages(toArray(list.mid(0, 100)), 1));

        // Each thread has its own connection. The reader holds a read transaction open while the
        // writer commits: in WAL mode neither waits for the other, and the reader keeps its snapshot.
        QSemaphore readerHolding;
        QSemaphore written;
        qint64 countSeenByReader = -1;
        qint64 snapshotCountAfterWrite = -1;
        qint64 countAfterWrite = -1;
        bool readerCouldWrite = true;
        QString readerError;
        std::thread reader([&] {
            {
                ConsoleCache cache;
                if (!cache.open(path, ConsoleCache::OpenMode::ReadOnly, &readerError)) {
                    readerHolding.release();
                    return;
                }
                countSeenByReader = cache.messagePage(CacheSearch{}, 0, 1000).size();
                readerCouldWrite = cache.putMessages(toArray(list.mid(150)), 1) || cache.setLastContact(1);
                {
                    QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"snapshot"_s);
                    db.setDatabaseName(path);
                    db.open();
                    db.transaction();
                    QSqlQuery q(db);
                    q.exec(u"SELECT count(*) FROM messages"_s);
                    readerHolding.release();
                    written.acquire();
                    q.exec(u"SELECT count(*) FROM messages"_s);
                    snapshotCountAfterWrite = q.next() ? q.value(0).toLongLong() : -1;
                    q.finish();
                    db.commit();
                }
                QSqlDatabase::removeDatabase(u"snapshot"_s);
                countAfterWrite = cache.messagePage(CacheSearch{}, 0, 1000).size();
            }
        });
        readerHolding.acquire();
        QElapsedTimer timer;
        timer.start();
        const bool writerOk = writer.putMessages(toArray(list.mid(100, 50)), 2);
        const qint64 writeMs = timer.elapsed();
        written.release();
        reader.join();
        QVERIFY2(readerError.isEmpty(), qPrintable(readerError));
        QVERIFY(writerOk);
        QVERIFY2(writeMs < 2000, "the writer waited for the reader"); // the busy timeout is 5 s
        QCOMPARE(countSeenByReader, 100);
        QVERIFY(!readerCouldWrite);
        QCOMPARE(snapshotCountAfterWrite, 100);
        QCOMPARE(countAfterWrite, 150);
        QCOMPARE(writer.messageCount(), 150);
    }

    void readOnlyNeedsAnExistingCurrentFile()
    {
        ConsoleCache cache;
        QString error;
        QVERIFY(!cache.open(newPath(), ConsoleCache::OpenMode::ReadOnly, &error));
        QVERIFY(error.contains(u"does not exist"_s));
        QVERIFY(!cache.isOpen());
    }

    void migratesFromVersion1()
    {
        const QString path = newPath();
        QDir().mkpath(QFileInfo(path).absolutePath());
        // A version-1 file as the first console release wrote it.
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"v1"_s);
            db.setDatabaseName(path);
            QVERIFY(db.open());
            QSqlQuery q(db);
            const QString ddl[] = {
                u"CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)"_s,
                u"INSERT INTO meta VALUES ('schema_version', '1'), ('last_contact_ms', '1795730400123')"_s,
                u"CREATE TABLE stats (at_ms INTEGER PRIMARY KEY, json BLOB NOT NULL, cached_at INTEGER NOT NULL)"_s,
                u"CREATE TABLE messages (id INTEGER PRIMARY KEY, correlation_id TEXT, control_id TEXT,"
                " patient_id TEXT, message_type TEXT, trigger_event TEXT, state TEXT, channel TEXT,"
                " received_at INTEGER, json BLOB NOT NULL, cached_at INTEGER NOT NULL)"_s,
                u"CREATE INDEX messages_correlation_id ON messages(correlation_id)"_s,
                u"CREATE INDEX messages_control_id ON messages(control_id)"_s,
                u"CREATE INDEX messages_patient_id ON messages(patient_id)"_s,
                u"CREATE INDEX messages_received_at ON messages(received_at)"_s,
                u"CREATE INDEX messages_message_type ON messages(message_type)"_s,
                u"CREATE INDEX messages_state ON messages(state)"_s,
                u"CREATE TABLE message_details (id INTEGER PRIMARY KEY, json BLOB NOT NULL, cached_at INTEGER NOT NULL)"_s,
                u"CREATE TABLE traces (correlation_id TEXT PRIMARY KEY, json BLOB NOT NULL, cached_at INTEGER NOT NULL)"_s,
            };
            for (const QString& sql : ddl)
                QVERIFY2(q.exec(sql), qPrintable(q.lastError().text()));
            const QList<Msg> list = dataSet(30);
            q.prepare(u"INSERT INTO messages VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"_s);
            for (const Msg& m : list) {
                q.addBindValue(m.id);
                q.addBindValue(m.correlationId);
                q.addBindValue(m.controlId);
                q.addBindValue(m.patientId == u"***"_s ? QVariant() : QVariant(m.patientId));
                q.addBindValue(m.type);
                q.addBindValue(m.trigger);
                q.addBindValue(m.state);
                q.addBindValue(m.channel);
                q.addBindValue(m.receivedAtMs);
                q.addBindValue(QJsonDocument(toJson(m)).toJson(QJsonDocument::Compact));
                q.addBindValue(1000 + m.id);
                QVERIFY2(q.exec(), qPrintable(q.lastError().text()));
            }
            QVERIFY(q.exec(u"INSERT INTO stats VALUES (1795730400000, '{\"atMs\":1795730400000}', 5)"_s));
            QVERIFY(q.exec(u"INSERT INTO message_details VALUES (3, '{\"id\":3}', 6)"_s));
            QVERIFY(q.exec(u"INSERT INTO traces VALUES ('abc', '{\"events\":[]}', 7)"_s));
            db.close();
        }
        QSqlDatabase::removeDatabase(u"v1"_s);
        QCOMPARE(pragma(path, u"auto_vacuum"_s).toInt(), 0);

        ConsoleCache cache;
        QString error;
        QVERIFY2(cache.open(path, ConsoleCache::OpenMode::ReadWrite, &error), qPrintable(error));
        QCOMPARE(cache.schemaVersion(), 2);
        // Old data is all there and searchable.
        const QList<Msg> list = dataSet(30);
        QCOMPARE(cache.messageCount(), 30);
        QCOMPARE(cache.messageSummary(12)->value.toObject(), toJson(list.at(11)));
        CacheSearch byControl;
        byControl.text = list.at(11).controlId;
        QCOMPARE(allPages(cache, byControl, 10), expectedIds(list, [&](const Msg& m) {
                     return m.controlId == list.at(11).controlId;
                 }));
        // The accession column was back-filled from the JSON.
        CacheSearch byAccession;
        byAccession.text = u"ACC15"_s;
        byAccession.key = CacheSearch::Key::Accession;
        QCOMPARE(ids(cache.messagePage(byAccession, 0, 10)), QList<qint64>{15});
        QCOMPARE(cache.statsSince(0).size(), 1);
        QCOMPARE(cache.messageDetail(3)->cachedAtMs, 6);
        QCOMPARE(cache.trace(u"abc"_s)->cachedAtMs, 7);
        QCOMPARE(cache.lastContact(), 1795730400123);
        // What version 2 added works.
        QVERIFY(cache.putList(u"alerts"_s, QJsonArray{}, 8));
        QVERIFY(cache.markMessageViewed(3, 9));
        cache.close();
        QCOMPARE(pragma(path, u"auto_vacuum"_s).toInt(), 2);

        // Opening again does not migrate again.
        QVERIFY(cache.open(path));
        QCOMPARE(cache.schemaVersion(), 2);
        QCOMPARE(cache.messageCount(), 30);
    }

    void refusesFilesItCannotUse_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("errorPart");
        QTest::addRow("newer schema") << u"newer"_s << u"newer"_s;
        QTest::addRow("other SQLite file") << u"foreign"_s << u"not a console cache"_s;
        QTest::addRow("not SQLite") << u"garbage"_s << u"not a readable SQLite file"_s;
    }

    void refusesFilesItCannotUse()
    {
        QFETCH(QString, kind);
        QFETCH(QString, errorPart);
        const QString path = newPath();
        QDir().mkpath(QFileInfo(path).absolutePath());
        if (kind == u"garbage"_s) {
            QFile file(path);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(QByteArray(8192, 'x'));
        } else {
            {
                QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"other"_s);
                db.setDatabaseName(path);
                QVERIFY(db.open());
                QSqlQuery q(db);
                if (kind == u"newer"_s) {
                    QVERIFY(q.exec(u"CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)"_s));
                    QVERIFY(q.exec(u"INSERT INTO meta VALUES ('schema_version', '99')"_s));
                } else {
                    QVERIFY(q.exec(u"CREATE TABLE patients (id INTEGER)"_s));
                }
            }
            QSqlDatabase::removeDatabase(u"other"_s);
        }
        ConsoleCache cache;
        QString error;
        QVERIFY(!cache.open(path, ConsoleCache::OpenMode::ReadWrite, &error));
        QVERIFY2(error.contains(errorPart), qPrintable(error));
        QCOMPARE(cache.lastError(), error);
        QVERIFY(!cache.isOpen());
        QVERIFY(!cache.putList(u"k"_s, 1, 1));

        // The way out the class comment offers: delete and start afresh.
        QVERIFY(ConsoleCache::removeFiles(path, &error));
        QVERIFY(!QFileInfo::exists(path));
        QVERIFY2(cache.open(path, ConsoleCache::OpenMode::ReadWrite, &error), qPrintable(error));
    }

    void pruningKeepsTheSizeBound()
    {
        const QString path = newPath();
        const qint64 maxBytes = 1 << 20; // 1 MiB
        ConsoleCache cache;
        QVERIFY(cache.open(path));
        cache.setMaxBytes(maxBytes);
        const QList<Msg> list = dataSet(12'000); // several MiB in all
        for (int id = 1; id <= 60; ++id)
            QVERIFY(cache.putMessageDetail(id, QJsonObject{{u"id"_s, id}}, id));
        qint64 nextStat = kBaseMs;
        const QString padding(200, u'x');
        for (int first = 0; first < list.size(); first += 500) {
            QString error;
            QVERIFY2(cache.putMessages(toArray(list.mid(first, 500)), 10 + first, &error), qPrintable(error));
            QList<QPair<qint64, QJsonObject>> stats;
            for (int i = 0; i < 100; ++i, nextStat += 1000)
                stats.append({nextStat, QJsonObject{{u"atMs"_s, nextStat}, {u"pad"_s, padding}}});
            QVERIFY(cache.putStatsSamples(stats));
            if (first == 0) {
                // The user keeps looking at message 3 (summary) and 5 (detail): they should stay.
                QVERIFY(cache.markMessageViewed(3, std::numeric_limits<qint64>::max() / 2));
                QVERIFY(cache.markMessageViewed(5, std::numeric_limits<qint64>::max() / 2));
            }
            QVERIFY2(cache.sizeBytes() <= maxBytes, qPrintable(QString::number(cache.sizeBytes())));
        }
        // Pruning happened: the oldest are gone, the newest and the recently viewed stay.
        const qint64 kept = cache.messageCount();
        QVERIFY(kept > 500);
        QVERIFY(kept < 12'000);
        QVERIFY(!cache.messageSummary(1));
        QVERIFY(!cache.messageSummary(4));
        QVERIFY(cache.messageSummary(3));
        QVERIFY(cache.messageSummary(12'000));
        QVERIFY(cache.messageDetail(5));
        QVERIFY(!cache.messageDetail(1));
        QVERIFY(!cache.messageDetail(6));
        QVERIFY(cache.messageDetail(60));
        const auto stats = cache.statsSince(0);
        QVERIFY(!stats.isEmpty());
        QVERIFY(stats.first().first > kBaseMs);
        QCOMPARE(stats.last().first, nextStat - 1000);
        // Pages over what is left still have no gaps.
        const QList<qint64> all = allPages(cache, CacheSearch{}, 333);
        QCOMPARE(all.size(), kept);
        QCOMPARE(all.first(), 12'000);

        // Lowering the bound and pruning now shrinks the file itself.
        cache.setMaxBytes(maxBytes / 2);
        QVERIFY(cache.prune());
        QVERIFY(cache.sizeBytes() <= maxBytes / 2);
        cache.close();
        QVERIFY(QFileInfo(path).size() <= maxBytes / 2);
    }

    void unboundedNeverPrunes()
    {
        ConsoleCache cache;
        QVERIFY(cache.open(newPath()));
        cache.setMaxBytes(0);
        QVERIFY(cache.putMessages(toArray(dataSet(3000)), 1));
        QVERIFY(cache.prune());
        QCOMPARE(cache.messageCount(), 3000);
    }
};

QTEST_GUILESS_MAIN(tst_ConsoleCache)
#include "tst_consolecache.moc"
