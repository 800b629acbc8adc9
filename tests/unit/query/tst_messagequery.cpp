// Unit tests of the ops API's message searches over a real store: every filter and combinations of
// them against a brute-force reading of what was ingested, keyset pages without gaps or repeats,
// the unit scope, one message's detail and lineage, and the query plans (an index search for every
// filter, never a table scan).
#include "QueryTestStore.h"

#include "node/query/MessageQuery.h"
#include "node/store/AppliedRecord.h"
#include "node/store/Sqlite.h"
#include "node/query/UnitScope.h"

#include <QTest>

#include <algorithm>
#include <functional>

Q_DECLARE_METATYPE(MessageFilter)

namespace {

constexpr qint64 BaseMs = 1'760'000'000'000;

/// What a message should look like in the results, built from what the test ingested.
struct Expected
{
    qint64 id = 0;
    QByteArray correlationId;
    QString channel;
    qint64 receivedAtMs = 0;
    QString type;
    QString trigger;
    QString controlId;
    QString patientId;
    QString unit;
    QString state;
    QString format;
    qint64 duplicateOf = 0;
    qint64 replayOf = 0;
    QStringList routedTo;
    QStringList deliveredTo;
    QStringList deadLetteredAt;
};

bool matches(const Expected& m, const MessageFilter& f)
{
    if (!f.correlationId.isEmpty() && m.correlationId != f.correlationId)
        return false;
    if (!f.controlId.isEmpty() && m.controlId != f.controlId)
        return false;
    if (!f.patientId.isEmpty() && m.patientId != f.patientId)
        return false;
    if (!f.messageType.isEmpty()) {
        const QStringList parts = f.messageType.split(u'^');
        if (m.type != parts[0] || (parts.size() > 1 && m.trigger != parts[1]))
            return false;
    }
    if (!f.state.isEmpty() && m.state != f.state)
        return false;
    if (!f.channel.isEmpty() && m.channel != f.channel)
        return false;
    if (!f.format.isEmpty() && m.format != f.format)
        return false;
    if (f.fromMs > 0 && m.receivedAtMs < f.fromMs)
        return false;
    if (f.toMs > 0 && m.receivedAtMs > f.toMs)
        return false;
    if (f.units && (m.unit.isEmpty() || !f.units->contains(m.unit, Qt::CaseInsensitive)))
        return false;
    return true;
}

QList<qint64> idsOf(const QList<MessageSummary>& items)
{
    QList<qint64> ids;
    for (const MessageSummary& m : items)
        ids << m.id;
    return ids;
}

MessageFilter filter(std::function<void(MessageFilter&)> set)
{
    MessageFilter f;
    set(f);
    return f;
}

} // namespace

class tst_MessageQuery : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void everyFilterMatchesTheStore_data();
    void everyFilterMatchesTheStore();
    void everyFilterIsAnIndexSearch_data();
    void everyFilterIsAnIndexSearch();
    void summariesCarryHeaderAndDeliveries();
    void rowsWrittenBeforeRoutedToKeepTheirRoutes();
    void patientPageWalksItsOwnIndex();
    void patientPageFindsDeliveriesBeforeAndAfterTheUpgrade();
    void unitScopeIsCaseInsensitiveAndClosed();
    void detailHasRawTraceDeadLettersAndLineage();
    void detailOutsideTheScopeIsNotFound();
    void byCorrelationListsOriginalAndDuplicates();
    void wasDeliveredLooksAtTheWholeKey();
    void newWritesAreSeenByTheNextSearch();
    void invalidFiltersAreRefused_data();
    void invalidFiltersAreRefused();
    void openRefusesAMissingStore();

private:
    const Expected& expectedById(qint64 id) const;

    QueryTestStore m_store;
    MessageQuery m_query;
    QList<Expected> m_expected; // ascending id
    qint64 m_deliveredId = 0; // routed to ehr and archive: delivered to ehr, dead letter at archive
    qint64 m_invalidId = 0; // dead-lettered at validation, then replayed
    qint64 m_replayId = 0;
    qint64 m_originalWithDuplicate = 0;
};

void tst_MessageQuery::initTestCase()
{
    QString error;
    QVERIFY2(m_store.open(&error), qPrintable(error));

    const QStringList channels { QStringLiteral("adt-in"), QStringLiteral("lab-in"), QStringLiteral("fhir-in") };
    const QList<QPair<QString, QString>> types { { QStringLiteral("ADT"), QStringLiteral("A01") },
        { QStringLiteral("ADT"), QStringLiteral("A08") }, { QStringLiteral("ADT"), QStringLiteral("A03") },
        { QStringLiteral("ORU"), QStringLiteral("R01") }, { QStringLiteral("ORU"), QStringLiteral("R01") },
        { QStringLiteral("ORM"), QStringLiteral("O01") }, { QStringLiteral("ADT"), QString() } };
    // "icu" beside "ICU": units compare case-insensitively; every fifth message has no unit.
    const QStringList units { QStringLiteral("ICU"), QStringLiteral("4B"), QStringLiteral("ER"), QStringLiteral("icu"),
        QString() };

    QList<IngestRecord> records;
    for (int i = 0; i < 240; ++i) {
        const QByteArray raw = "MSH|^~\\&|EPIC|HOSP|||20250101||X|C" + QByteArray::number(i) + "|P|2.5.1\rPID|1||P"
            + QByteArray::number(i % 13);
        // Every fourth message arrives 1.5 s "before" the previous one: clocks and arrival order disagree.
        const qint64 at = BaseMs + i * 1000 - (i % 4 == 3 ? 1500 : 0);
        IngestRecord r = QueryTestStore::record(channels[i % 3], QStringLiteral("C%1").arg(i), raw, at);
        r.format = r.channel == u"fhir-in" ? QStringLiteral("fhir+json") : QStringLiteral("hl7v2");
        r.messageType = types[i % types.size()].first;
        r.triggerEvent = types[i % types.size()].second;
        r.patientId = QStringLiteral("P%1").arg(i % 13);
        r.unit = units[i % units.size()];
        if (i % 23 == 7) {
            r.disposition = IngestRecord::Disposition::Unparseable;
            r.messageType = QString();
            r.triggerEvent = QString();
            r.controlId = QString();
            r.patientId = QString();
            r.unit = QString();
            r.ackCode = QStringLiteral("AR");
            r.deadLetter = true;
            r.deadLetterStage = QStringLiteral("parse");
            r.deadLetterReason = QStringLiteral("no MSH segment");
            r.errorClass = QStringLiteral("hl7-100");
        } else if (i % 17 == 5) {
            r.disposition = IngestRecord::Disposition::Invalid;
            r.ackCode = QStringLiteral("AE");
            r.deadLetter = true;
            r.deadLetterStage = QStringLiteral("validate");
            r.deadLetterReason = QStringLiteral("PID-3 missing");
            r.errorClass = QStringLiteral("hl7-101");
            r.errorLocation = QStringLiteral("PID-3");
        } else {
            r.destinations = i % 2 ? QStringList { QStringLiteral("ehr") }
                                   : QStringList { QStringLiteral("ehr"), QStringLiteral("archive") };
        }
        records << r;
        // Every twentieth message is sent twice: the second copy is stored as its duplicate.
        if (i % 20 == 19) {
            IngestRecord again = r;
            again.correlationId = QByteArray(32, 'f');
            again.receivedAtMs += 10;
            records << again;
        }
    }
    const QList<IngestOutcome> outcomes = m_store.ingestAll(records);
    for (qsizetype i = 0; i < records.size(); ++i) {
        const IngestRecord& r = records[i];
        const IngestOutcome& o = outcomes[i];
        QVERIFY(o.committed);
        Expected e;
        e.id = o.messageId;
        e.correlationId = o.correlationId;
        e.channel = r.channel;
        e.receivedAtMs = r.receivedAtMs;
        e.type = r.messageType;
        e.trigger = r.triggerEvent;
        e.controlId = r.controlId;
        e.patientId = r.patientId;
        e.unit = r.unit;
        e.format = r.format;
        e.duplicateOf = o.duplicateOf;
        e.state = o.duplicate                                         ? QStringLiteral("duplicate")
            : r.disposition == IngestRecord::Disposition::Invalid     ? QStringLiteral("invalid")
            : r.disposition == IngestRecord::Disposition::Unparseable ? QStringLiteral("unparseable")
                                                                      : QStringLiteral("accepted");
        if (!o.duplicate)
            e.routedTo = r.destinations;
        m_expected << e;
        if (o.duplicate && m_originalWithDuplicate == 0)
            m_originalWithDuplicate = o.duplicateOf;
        if (r.disposition == IngestRecord::Disposition::Invalid && m_invalidId == 0)
            m_invalidId = o.messageId;
    }
    QVERIFY(m_originalWithDuplicate > 0);
    QVERIFY(m_invalidId > 0);

    // Deliveries: every third routed message reached the EHR; the archive gave up on every fourth.
    for (qsizetype i = 0; i < outcomes.size(); ++i) {
        for (const QueuedItem& item : outcomes[i].enqueued) {
            Expected& e = m_expected[i];
            const TraceEvent event { item.correlationId, item.messageId, (e.receivedAtMs + 500) * 1000, {}, {},
                item.destination, {} };
            if (item.destination == u"ehr" && e.id % 3 == 0) {
                TraceEvent delivered = event;
                delivered.stage = QStringLiteral("deliver");
                delivered.outcome = QStringLiteral("ok");
                m_store.store().markDelivered(item.queueId, delivered);
                e.deliveredTo << item.destination;
            } else if (item.destination == u"archive" && e.id % 4 == 0) {
                TraceEvent dead = event;
                dead.stage = QStringLiteral("dead-letter");
                dead.outcome = QStringLiteral("nak-AE");
                m_store.store().deadLetterQueued(
                    item, QStringLiteral("archive rejected it"), QStringLiteral("nak-AE"), 3, dead);
                e.deadLetteredAt << item.destination;
            }
        }
    }
    for (const Expected& e : std::as_const(m_expected)) {
        if (e.deliveredTo.size() == 1 && e.deadLetteredAt.size() == 1) {
            m_deliveredId = e.id;
            break;
        }
    }
    QVERIFY(m_deliveredId > 0);

    // A resubmission of the invalid message: lineage through replay_of.
    IngestRecord replay
        = QueryTestStore::record(QStringLiteral("adt-in"), QStringLiteral("C-fixed"), "MSH|fixed", BaseMs + 300'000);
    replay.messageType = QStringLiteral("ADT");
    replay.triggerEvent = QStringLiteral("A01");
    replay.replayOf = m_invalidId;
    replay.unit = QStringLiteral("ICU");
    const IngestOutcome replayed = m_store.ingestAll({ replay }).constFirst();
    m_replayId = replayed.messageId;
    Expected e;
    e.id = m_replayId;
    e.correlationId = replayed.correlationId;
    e.channel = replay.channel;
    e.receivedAtMs = replay.receivedAtMs;
    e.type = replay.messageType;
    e.trigger = replay.triggerEvent;
    e.controlId = replay.controlId;
    e.unit = replay.unit;
    e.format = replay.format;
    e.state = QStringLiteral("accepted");
    e.replayOf = m_invalidId;
    m_expected << e;
    QVERIFY(m_store.settle());

    QVERIFY2(m_query.open(m_store.path(), &error), qPrintable(error));
}

void tst_MessageQuery::cleanupTestCase()
{
    m_query.close();
}

const Expected& tst_MessageQuery::expectedById(qint64 id) const
{
    static const Expected none;
    for (const Expected& e : m_expected) {
        if (e.id == id)
            return e;
    }
    return none;
}

void tst_MessageQuery::everyFilterMatchesTheStore_data()
{
    QTest::addColumn<MessageFilter>("filter");
    const QByteArray someCorrelation = QByteArray::number(qHash(QByteArray("x")), 16); // matches nothing
    QTest::addRow("everything") << MessageFilter();
    QTest::addRow("correlation of a duplicated message")
        << filter([this](MessageFilter& f) { f.correlationId = expectedById(m_originalWithDuplicate).correlationId; });
    QTest::addRow("unknown correlation") << filter([&](MessageFilter& f) { f.correlationId = someCorrelation; });
    QTest::addRow("control id") << filter([](MessageFilter& f) { f.controlId = QStringLiteral("C42"); });
    QTest::addRow("control id sent twice") << filter([](MessageFilter& f) { f.controlId = QStringLiteral("C39"); });
    QTest::addRow("patient") << filter([](MessageFilter& f) { f.patientId = QStringLiteral("P7"); });
    QTest::addRow("type") << filter([](MessageFilter& f) { f.messageType = QStringLiteral("ADT"); });
    QTest::addRow("type and trigger") << filter([](MessageFilter& f) { f.messageType = QStringLiteral("ADT^A01"); });
    QTest::addRow("type with structure") << filter(
        [](MessageFilter& f) { f.messageType = QStringLiteral("ORU^R01^ORU_R01"); });
    QTest::addRow("unknown type") << filter([](MessageFilter& f) { f.messageType = QStringLiteral("SIU"); });
    QTest::addRow("state accepted") << filter([](MessageFilter& f) { f.state = QStringLiteral("accepted"); });
    QTest::addRow("state invalid") << filter([](MessageFilter& f) { f.state = QStringLiteral("invalid"); });
    QTest::addRow("state duplicate") << filter([](MessageFilter& f) { f.state = QStringLiteral("duplicate"); });
    QTest::addRow("state unparseable") << filter([](MessageFilter& f) { f.state = QStringLiteral("unparseable"); });
    QTest::addRow("channel") << filter([](MessageFilter& f) { f.channel = QStringLiteral("lab-in"); });
    QTest::addRow("format fhir") << filter([](MessageFilter& f) { f.format = QStringLiteral("fhir+json"); });
    QTest::addRow("format hl7v2") << filter([](MessageFilter& f) { f.format = QStringLiteral("hl7v2"); });
    QTest::addRow("from") << filter([](MessageFilter& f) { f.fromMs = BaseMs + 100'000; });
    QTest::addRow("to") << filter([](MessageFilter& f) { f.toMs = BaseMs + 50'000; });
    QTest::addRow("time range") << filter([](MessageFilter& f) {
        f.fromMs = BaseMs + 30'500;
        f.toMs = BaseMs + 90'000;
    });
    QTest::addRow("time range of one out-of-order message") << filter([](MessageFilter& f) {
        f.fromMs = BaseMs + 5'500; // message 7 arrived after message 6 with a clock 1.5 s behind
        f.toMs = BaseMs + 5'500;
    });
    QTest::addRow("time range after the last") << filter([](MessageFilter& f) { f.fromMs = BaseMs + 10'000'000; });
    QTest::addRow("time range before the first") << filter([](MessageFilter& f) { f.toMs = BaseMs - 10'000; });
    QTest::addRow("one unit") << filter([](MessageFilter& f) { f.units = QStringList { QStringLiteral("ICU") }; });
    QTest::addRow("two units, other case") << filter([](MessageFilter& f) {
        f.units = QStringList { QStringLiteral("icu"), QStringLiteral("4b") };
    });
    QTest::addRow("the same unit twice") << filter([](MessageFilter& f) {
        f.units = QStringList { QStringLiteral("ICU"), QStringLiteral("icu"), QString() };
    });
    QTest::addRow("no units") << filter([](MessageFilter& f) { f.units = QStringList(); });
    QTest::addRow("unknown unit") << filter([](MessageFilter& f) { f.units = QStringList { QStringLiteral("NICU") }; });
    QTest::addRow("patient and type") << filter([](MessageFilter& f) {
        f.patientId = QStringLiteral("P3");
        f.messageType = QStringLiteral("ADT");
    });
    QTest::addRow("type and time range") << filter([](MessageFilter& f) {
        f.messageType = QStringLiteral("ORU^R01");
        f.fromMs = BaseMs + 20'000;
        f.toMs = BaseMs + 200'000;
    });
    QTest::addRow("type only and time range") << filter([](MessageFilter& f) {
        f.messageType = QStringLiteral("ADT");
        f.fromMs = BaseMs + 20'000;
        f.toMs = BaseMs + 200'000;
    });
    QTest::addRow("state and unit") << filter([](MessageFilter& f) {
        f.state = QStringLiteral("invalid");
        f.units = QStringList { QStringLiteral("ICU"), QStringLiteral("ER") };
    });
    QTest::addRow("units and type only") << filter([](MessageFilter& f) {
        f.messageType = QStringLiteral("ADT");
        f.units = QStringList { QStringLiteral("4B"), QStringLiteral("ER") };
    });
    QTest::addRow("channel, units and time") << filter([](MessageFilter& f) {
        f.channel = QStringLiteral("adt-in");
        f.units = QStringList { QStringLiteral("ICU") };
        f.fromMs = BaseMs + 10'000;
        f.toMs = BaseMs + 150'000;
    });
    QTest::addRow("units and time") << filter([](MessageFilter& f) {
        f.units = QStringList { QStringLiteral("ER"), QStringLiteral("icu") };
        f.toMs = BaseMs + 100'000;
    });
    QTest::addRow("format and state") << filter([](MessageFilter& f) {
        f.format = QStringLiteral("fhir+json");
        f.state = QStringLiteral("accepted");
    });
    QTest::addRow("correlation outside the units") << filter([this](MessageFilter& f) {
        f.correlationId = expectedById(m_originalWithDuplicate).correlationId;
        f.units = QStringList { QStringLiteral("NICU") };
    });
    QTest::addRow("state accepted, channel and type") << filter([](MessageFilter& f) {
        f.state = QStringLiteral("accepted");
        f.channel = QStringLiteral("fhir-in");
        f.messageType = QStringLiteral("ORU^R01");
    });
}

void tst_MessageQuery::everyFilterMatchesTheStore()
{
    QFETCH(MessageFilter, filter);
    QList<qint64> expected;
    for (auto it = m_expected.crbegin(); it != m_expected.crend(); ++it) {
        if (matches(*it, filter))
            expected << it->id;
    }

    // One big page holds exactly the matching messages, newest first.
    MessageFilter all = filter;
    all.limit = MessageFilter::MaxLimit;
    QString error;
    const auto page = m_query.find(all, &error);
    QVERIFY2(page, qPrintable(error));
    QCOMPARE(idsOf(page->items), expected);
    QCOMPARE(page->nextCursor, 0);

    // Small pages, cursor after cursor, add up to the same list: no gaps, no repeats.
    for (const int limit : { 1, 4, 7 }) {
        MessageFilter paged = filter;
        paged.limit = limit;
        QList<qint64> walked;
        int pages = 0;
        for (;;) {
            const auto next = m_query.find(paged, &error);
            QVERIFY2(next, qPrintable(error));
            QVERIFY(next->items.size() <= limit);
            walked += idsOf(next->items);
            ++pages;
            QVERIFY(pages <= expected.size() + 1);
            if (next->nextCursor == 0)
                break;
            QCOMPARE(next->items.size(), limit);
            QCOMPARE(next->nextCursor, next->items.last().id);
            paged.beforeId = next->nextCursor;
        }
        QCOMPARE(walked, expected);
    }
}

void tst_MessageQuery::everyFilterIsAnIndexSearch_data()
{
    everyFilterMatchesTheStore_data();
}

void tst_MessageQuery::everyFilterIsAnIndexSearch()
{
    QFETCH(MessageFilter, filter);
    for (const qint64 cursor : { qint64(0), qint64(100) }) {
        filter.beforeId = cursor;
        QString error;
        const QStringList plan = m_query.explain(filter, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        const bool empty = !m_query.find(filter)->items.size() && plan.isEmpty();
        if (empty)
            continue; // answered without a query (no units in scope, a time range outside the store)
        QVERIFY(!plan.isEmpty());
        // Without a selective filter the page is the newest messages: the table walked backwards by
        // id, LIMIT rows (or a few more: the common state or format). Every other search seeks.
        MessageFilter selective = filter;
        if (selective.state == u"accepted")
            selective.state.clear();
        if (selective.format == u"hl7v2")
            selective.format.clear();
        const bool newest = selective.correlationId.isEmpty() && selective.controlId.isEmpty()
            && selective.patientId.isEmpty() && selective.messageType.isEmpty() && selective.state.isEmpty()
            && selective.format.isEmpty() && selective.channel.isEmpty() && !selective.units && selective.fromMs == 0
            && selective.toMs == 0 && cursor == 0;
        for (const QString& step : plan) {
            // "SEARCH" seeks an index (or the id range of the table); "SCAN" reads it from one end.
            if (newest && step == u"SCAN messages")
                continue;
            QVERIFY2(!step.startsWith(u"SCAN"), qPrintable(plan.join(u" | ")));
            if (step.contains(u"messages"))
                QVERIFY2(step.startsWith(u"SEARCH"), qPrintable(plan.join(u" | ")));
        }
        // Newest first comes from the index order, not from sorting every match. Only MSH-10 (a
        // handful of messages per value) is looked up through the deduplication index and sorted.
        if (filter.controlId.isEmpty())
            QVERIFY2(!plan.join(u' ').contains(u"TEMP B-TREE"), qPrintable(plan.join(u" | ")));
    }
}

void tst_MessageQuery::summariesCarryHeaderAndDeliveries()
{
    MessageFilter f;
    f.limit = MessageFilter::MaxLimit;
    const auto page = m_query.find(f);
    QVERIFY(page);
    QCOMPARE(page->items.size(), m_expected.size());
    for (const MessageSummary& m : page->items) {
        const Expected& e = expectedById(m.id);
        QCOMPARE(m.correlationId, e.correlationId);
        QCOMPARE(m.channel, e.channel);
        QCOMPARE(m.receivedAtMs, e.receivedAtMs);
        QCOMPARE(m.messageType, e.type);
        QCOMPARE(m.triggerEvent, e.trigger);
        QCOMPARE(m.controlId, e.controlId);
        QCOMPARE(m.patientId, e.patientId);
        QCOMPARE(m.unit, e.unit);
        QCOMPARE(m.state, e.state);
        QCOMPARE(m.format, e.format);
        QCOMPARE(m.duplicateOf, e.duplicateOf);
        QCOMPARE(m.replayOf, e.replayOf);
        QCOMPARE(m.sendingApplication, QStringLiteral("EPIC"));
        QCOMPARE(m.routedTo, e.routedTo);
        QCOMPARE(m.deliveredTo, e.deliveredTo);
        QCOMPARE(m.deadLetteredAt, e.deadLetteredAt);
    }
    const Expected& delivered = expectedById(m_deliveredId);
    QCOMPARE(delivered.routedTo, (QStringList { QStringLiteral("ehr"), QStringLiteral("archive") }));
    QCOMPARE(delivered.deliveredTo, QStringList { QStringLiteral("ehr") });
    QCOMPARE(delivered.deadLetteredAt, QStringList { QStringLiteral("archive") });
}

void tst_MessageQuery::rowsWrittenBeforeRoutedToKeepTheirRoutes()
{
    // A store upgraded to schema 4 has routed_to NULL in its older rows: their routes still come
    // from the packed ingest trace.
    SqliteDatabase db;
    QVERIFY(db.open(m_store.path(), false, nullptr));
    QString stored;
    {
        auto read = db.prepare("SELECT routed_to FROM messages WHERE id = ?");
        read.bind(1, m_deliveredId);
        QVERIFY(read.next());
        QVERIFY(!read.isNull(0));
        stored = read.text(0);
    }
    QCOMPARE(AppliedRecord::splitRoutedTo(stored), (QStringList { QStringLiteral("ehr"), QStringLiteral("archive") }));
    auto setRoutedTo = [&](const QString& value) {
        auto update = db.prepare("UPDATE messages SET routed_to = ? WHERE id = ?");
        update.bind(1, value).bind(2, m_deliveredId);
        return update.run() && db.changes() == 1;
    };
    QVERIFY(setRoutedTo(QString()));

    MessageFilter f;
    f.patientId = expectedById(m_deliveredId).patientId;
    const auto page = m_query.find(f);
    const bool restored = setRoutedTo(stored);
    QVERIFY(restored);
    QVERIFY(page);
    const auto it = std::find_if(page->items.cbegin(), page->items.cend(),
                                 [&](const MessageSummary& m) { return m.id == m_deliveredId; });
    QVERIFY(it != page->items.cend());
    QCOMPARE(it->routedTo, (QStringList { QStringLiteral("ehr"), QStringLiteral("archive") }));
    QCOMPARE(it->deliveredTo, QStringList { QStringLiteral("ehr") });
}

void tst_MessageQuery::patientPageWalksItsOwnIndex()
{
    // A patient's page comes from messages_patient_page in id order: no sort, and the deliveries
    // from trace_delivery.
    MessageFilter f;
    f.patientId = expectedById(m_deliveredId).patientId;
    f.beforeId = m_deliveredId + 1;
    QString error;
    const QString plan = m_query.explain(f, &error).join(u" | ");
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QVERIFY2(plan.contains(u"messages_patient_page (patient_id=? AND id<?)"), qPrintable(plan));
    QVERIFY2(!plan.contains(u"TEMP B-TREE"), qPrintable(plan));
}

void tst_MessageQuery::patientPageFindsDeliveriesBeforeAndAfterTheUpgrade()
{
    const Expected& delivered = expectedById(m_deliveredId);
    MessageFilter f;
    f.patientId = delivered.patientId;
    auto check = [&](const char* when) {
        const auto page = m_query.find(f);
        QVERIFY2(page, when);
        QVERIFY2(!page->items.isEmpty(), when);
        for (const MessageSummary& m : page->items) {
            const Expected& e = expectedById(m.id);
            QVERIFY2(m.deliveredTo == e.deliveredTo, when);
            QVERIFY2(m.deadLetteredAt == e.deadLetteredAt, when);
        }
        const auto it = std::find_if(page->items.cbegin(), page->items.cend(),
                                     [&](const MessageSummary& m) { return m.id == m_deliveredId; });
        QVERIFY2(it != page->items.cend(), when);
        QCOMPARE(it->deliveredTo, QStringList { QStringLiteral("ehr") });
        QCOMPARE(it->deadLetteredAt, QStringList { QStringLiteral("archive") });
    };
    // Written by this node: the outcome rows carry the patient.
    {
        SqliteDatabase db;
        QVERIFY(db.open(m_store.path(), true, nullptr));
        auto rows = db.prepare("SELECT COUNT(*) FROM trace_events WHERE message_id = ? AND patient_id = ?");
        rows.bind(1, m_deliveredId).bind(2, delivered.patientId);
        QVERIFY(rows.next());
        QCOMPARE(rows.int64(0), 2); // delivered to ehr, dead-lettered at archive
    }
    check("outcome rows with the patient");

    // As in a store upgraded to schema 4 after these messages: found by message id instead.
    SqliteDatabase db;
    QVERIFY(db.open(m_store.path(), false, nullptr));
    QVERIFY(db.exec("UPDATE meta SET value = 1000000000 WHERE key = 'patient_trace_from'"));
    QVERIFY(db.exec("UPDATE trace_events SET patient_id = NULL"));
    m_query.close();
    QString error;
    QVERIFY2(m_query.open(m_store.path(), &error), qPrintable(error));
    check("outcome rows from before the upgrade");
}

void tst_MessageQuery::unitScopeIsCaseInsensitiveAndClosed()
{
    Principal nurse;
    nurse.role = Role::Nurse;
    nurse.units = { QStringLiteral("icu") };
    Principal support;
    support.role = Role::Support;
    support.units = { QStringLiteral("ICU") };
    const auto nurseScope = UnitScope::of(nurse);
    QVERIFY(nurseScope && *nurseScope == nurse.units);
    QVERIFY(!UnitScope::of(support)); // not restricted, whatever units it lists

    MessageFilter f;
    f.limit = MessageFilter::MaxLimit;
    f.units = UnitScope::of(nurse);
    const auto page = m_query.find(f);
    QVERIFY(page);
    QVERIFY(!page->items.isEmpty());
    QSet<QString> seen;
    for (const MessageSummary& m : page->items) {
        QVERIFY2(nurse.maySee(m.unit), qPrintable(m.unit));
        seen << m.unit;
    }
    QCOMPARE(seen, (QSet<QString> { QStringLiteral("ICU"), QStringLiteral("icu") }));

    // A nurse without units sees nothing (the scope fails closed).
    nurse.units.clear();
    f.units = UnitScope::of(nurse);
    QVERIFY(m_query.find(f)->items.isEmpty());
}

void tst_MessageQuery::detailHasRawTraceDeadLettersAndLineage()
{
    QString error;
    const auto detail = m_query.message(m_deliveredId, std::nullopt, &error);
    QVERIFY2(detail, qPrintable(error));
    const auto stored = m_store.store().message(m_deliveredId);
    QVERIFY(stored);
    QCOMPARE(detail->message.raw, stored->raw);
    QCOMPARE(detail->message.correlationId, stored->correlationId);
    QCOMPARE(detail->message.unit, stored->unit);
    QCOMPARE(detail->routedTo, (QStringList { QStringLiteral("ehr"), QStringLiteral("archive") }));
    QCOMPARE(detail->deliveredTo, QStringList { QStringLiteral("ehr") });
    QCOMPARE(detail->deadLetters.size(), 1);
    QCOMPARE(detail->deadLetters[0].destination, QStringLiteral("archive"));
    QCOMPARE(detail->deadLetters[0].stage, QStringLiteral("deliver"));

    // The same trace the store gives (ingest steps from the message row, later ones from trace_events).
    const QList<TraceEvent> trace = m_store.store().trace(stored->correlationId);
    QCOMPARE(detail->trace.size(), trace.size());
    QStringList stages;
    for (qsizetype i = 0; i < trace.size(); ++i) {
        QCOMPARE(detail->trace[i].stage, trace[i].stage);
        QCOMPARE(detail->trace[i].outcome, trace[i].outcome);
        QCOMPARE(detail->trace[i].destination, trace[i].destination);
        QCOMPARE(detail->trace[i].atUs, trace[i].atUs);
        QCOMPARE(detail->trace[i].messageId, trace[i].messageId);
        stages << trace[i].stage;
    }
    for (const char* stage : { "receive", "enqueue", "persist", "deliver", "dead-letter" })
        QVERIFY2(stages.contains(QLatin1String(stage)), qPrintable(stages.join(u',')));

    // Lineage both ways: the invalid original knows its replay, the replay its original.
    const auto original = m_query.message(m_invalidId);
    QVERIFY(original);
    QCOMPARE(original->replayedBy, QList<qint64> { m_replayId });
    QCOMPARE(original->deadLetters.size(), 1);
    QCOMPARE(original->deadLetters[0].stage, QStringLiteral("validate"));
    QVERIFY(original->deliveredTo.isEmpty());
    const auto replay = m_query.message(m_replayId);
    QVERIFY(replay);
    QCOMPARE(replay->message.replayOf, m_invalidId);
    QVERIFY(replay->replayedBy.isEmpty());

    error.clear();
    QVERIFY(!m_query.message(999'999, std::nullopt, &error));
    QVERIFY(error.isEmpty()); // not found, not a failure
}

void tst_MessageQuery::detailOutsideTheScopeIsNotFound()
{
    const auto withUnit
        = std::find_if(m_expected.cbegin(), m_expected.cend(), [](const Expected& e) { return !e.unit.isEmpty(); });
    QVERIFY(withUnit != m_expected.cend());
    const Expected& e = *withUnit;
    QVERIFY(m_query.message(e.id, QStringList { e.unit.toLower() }));
    QString error;
    QVERIFY(!m_query.message(e.id, QStringList { QStringLiteral("NICU") }, &error));
    QVERIFY(error.isEmpty());
    QVERIFY(!m_query.message(e.id, QStringList()));
}

void tst_MessageQuery::byCorrelationListsOriginalAndDuplicates()
{
    const Expected& original = expectedById(m_originalWithDuplicate);
    QList<qint64> expected;
    for (const Expected& e : std::as_const(m_expected)) {
        if (e.correlationId == original.correlationId)
            expected << e.id;
    }
    QVERIFY(expected.size() >= 2);
    const auto list = m_query.byCorrelation(original.correlationId);
    QVERIFY(list);
    QCOMPARE(idsOf(*list), expected);
    QCOMPARE(list->at(1).state, QStringLiteral("duplicate"));
    QCOMPARE(list->at(1).duplicateOf, original.id);
    if (!original.unit.isEmpty()) {
        QCOMPARE(m_query.byCorrelation(original.correlationId, QStringList { original.unit })->size(), expected.size());
    }
    QVERIFY(m_query.byCorrelation(original.correlationId, QStringList { QStringLiteral("NICU") })->isEmpty());
}

void tst_MessageQuery::wasDeliveredLooksAtTheWholeKey()
{
    // 1: delivered, 0: not, -1: the query failed.
    const auto delivered = [this](const QString& controlId, const QString& facility) {
        const auto answer = m_query.wasDelivered(controlId, QStringLiteral("EPIC"), facility);
        return answer ? int(*answer) : -1;
    };
    const QString hosp = QStringLiteral("HOSP");
    QCOMPARE(delivered(expectedById(m_deliveredId).controlId, hosp), 1);
    QCOMPARE(delivered(expectedById(m_deliveredId).controlId, QStringLiteral("OTHER")), 0);
    QCOMPARE(delivered(QStringLiteral("no-such-id"), hosp), 0);
    // Routed but never delivered (dead-lettered at the archive, still queued for the EHR).
    for (const Expected& e : std::as_const(m_expected)) {
        if (!e.routedTo.isEmpty() && e.deliveredTo.isEmpty() && e.state == u"accepted") {
            QCOMPARE(delivered(e.controlId, hosp), 0);
            return;
        }
    }
    QFAIL("no undelivered message in the fixture");
}

void tst_MessageQuery::newWritesAreSeenByTheNextSearch()
{
    // The query connection must not keep an old snapshot open between calls.
    MessageFilter f;
    f.controlId = QStringLiteral("C-late");
    QVERIFY(m_query.find(f)->items.isEmpty());
    IngestRecord late = QueryTestStore::record(QStringLiteral("adt-in"), f.controlId, "MSH|late", BaseMs + 400'000);
    late.messageType = QStringLiteral("ADT");
    late.triggerEvent = QStringLiteral("A08");
    const IngestOutcome o = m_store.ingestAll({ late }).constFirst();
    const auto page = m_query.find(f);
    QVERIFY(page);
    QCOMPARE(idsOf(page->items), QList<qint64> { o.messageId });
    Expected e;
    e.id = o.messageId;
    e.correlationId = o.correlationId;
    e.channel = late.channel;
    e.receivedAtMs = late.receivedAtMs;
    e.type = late.messageType;
    e.trigger = late.triggerEvent;
    e.controlId = late.controlId;
    e.format = late.format;
    e.state = QStringLiteral("accepted");
    m_expected << e; // later data-driven rows still compare against the whole store
}

void tst_MessageQuery::invalidFiltersAreRefused_data()
{
    QTest::addColumn<MessageFilter>("filter");
    QTest::addColumn<QString>("complaint");
    QTest::addRow("limit 0") << filter([](MessageFilter& f) { f.limit = 0; }) << QStringLiteral("limit");
    QTest::addRow("limit 501") << filter([](MessageFilter& f) { f.limit = 501; }) << QStringLiteral("limit");
    QTest::addRow("negative cursor") << filter([](MessageFilter& f) { f.beforeId = -1; }) << QStringLiteral("cursor");
    QTest::addRow("range backwards") << filter([](MessageFilter& f) {
        f.fromMs = 2000;
        f.toMs = 1000;
    }) << QStringLiteral("time range");
    QTest::addRow("trigger without type")
        << filter([](MessageFilter& f) { f.messageType = QStringLiteral("^A01"); }) << QStringLiteral("type");
    QTest::addRow("too many components") << filter([](MessageFilter& f) {
        f.messageType = QStringLiteral("ADT^A01^ADT_A01^X");
    }) << QStringLiteral("type");
}

void tst_MessageQuery::invalidFiltersAreRefused()
{
    QFETCH(MessageFilter, filter);
    QFETCH(QString, complaint);
    QString error;
    QVERIFY(!MessageQuery::validate(filter, &error));
    QVERIFY2(error.contains(complaint), qPrintable(error));
    error.clear();
    QVERIFY(!m_query.find(filter, &error));
    QVERIFY2(error.contains(complaint), qPrintable(error));
}

void tst_MessageQuery::openRefusesAMissingStore()
{
    MessageQuery query;
    QString error;
    QVERIFY(!query.open(QStringLiteral("/nonexistent/folder/store.db"), &error));
    QVERIFY(!error.isEmpty());
    QVERIFY(!query.isOpen());
}

QTEST_GUILESS_MAIN(tst_MessageQuery)
#include "tst_messagequery.moc"
