// Unit tests of the ops API's dead-letter views over a real store: filters and keyset pages,
// failure groups and their signatures (round trip into the list and into a bulk resubmission), the
// unit scope, one dead letter with its bytes, and the query plans.
#include "QueryTestStore.h"

#include "node/query/DeadLetterQuery.h"
#include "node/store/Sqlite.h"

#include <QTest>

#include <functional>

Q_DECLARE_METATYPE(DeadLetterFilter)

namespace {

constexpr qint64 BaseMs = 1'760'000'000'000;

struct Expected
{
    qint64 id = 0;
    qint64 messageId = 0;
    QString channel;
    QString destination;
    QString stage;
    QString errorClass;
    QString errorLocation;
    QString state = QStringLiteral("open");
    QString unit;
    QString reason;
    QString parkedBy;                                ///< parked ones
};

DeadLetterFilter filter(std::function<void(DeadLetterFilter&)> set)
{
    DeadLetterFilter f;
    set(f);
    return f;
}

} // namespace

class tst_DeadLetterQuery : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void filtersAndPagesMatchTheStore_data();
    void filtersAndPagesMatchTheStore();
    void everyFilterIsAnIndexSearch_data();
    void everyFilterIsAnIndexSearch();
    void groupsCountBySignature();
    void signatureRoundTrips();
    void signatureKeepsNoneApartFromEmpty();
    void idsOfAGroupAreOldestFirst();
    void oneDeadLetterWithItsBytes();
    void invalidFiltersAreRefused();

private:
    bool matches(const Expected& e, const DeadLetterFilter& f) const;

    QueryTestStore m_store;
    DeadLetterQuery m_query;
    QList<Expected> m_expected; // ascending id
};

void tst_DeadLetterQuery::initTestCase()
{
    QString error;
    QVERIFY2(m_store.open(&error), qPrintable(error));

    // Ingest-stage failures (validate with a location, parse without one) and messages that will
    // fail at a destination.
    const QStringList units { QStringLiteral("ICU"), QStringLiteral("4B"), QString() };
    QList<IngestRecord> records;
    QList<int> kinds; // 0 validate, 1 parse, 2 routed
    for (int i = 0; i < 60; ++i) {
        IngestRecord r = QueryTestStore::record(i % 2 ? QStringLiteral("lab-in") : QStringLiteral("adt-in"),
            QStringLiteral("D%1").arg(i), "MSH|dead|" + QByteArray::number(i), BaseMs + i * 1000);
        r.messageType = QStringLiteral("ADT");
        r.triggerEvent = QStringLiteral("A01");
        r.unit = units[i % units.size()];
        const int kind = i % 5 == 0 ? 0 : i % 7 == 0 ? 1 : 2;
        if (kind == 0) {
            r.disposition = IngestRecord::Disposition::Invalid;
            r.deadLetter = true;
            r.deadLetterStage = QStringLiteral("validate");
            r.deadLetterReason = QStringLiteral("PID-3 missing in message %1").arg(i);
            r.errorClass = QStringLiteral("hl7-101");
            r.errorLocation = QStringLiteral("PID-3");
        } else if (kind == 1) {
            r.disposition = IngestRecord::Disposition::Invalid;
            r.deadLetter = true;
            r.deadLetterStage = QStringLiteral("parse");
            r.deadLetterReason = QStringLiteral("bad segment");
            r.errorClass = QStringLiteral("hl7-100");
        } else {
            r.destinations = { QStringLiteral("ehr"), QStringLiteral("archive") };
        }
        records << r;
        kinds << kind;
    }
    const QList<IngestOutcome> outcomes = m_store.ingestAll(records);
    for (qsizetype i = 0; i < records.size(); ++i) {
        QVERIFY(outcomes[i].committed);
        if (kinds[i] == 2)
            continue;
        Expected e;
        e.messageId = outcomes[i].messageId;
        e.channel = records[i].channel;
        e.stage = records[i].deadLetterStage;
        e.errorClass = records[i].errorClass;
        e.errorLocation = records[i].errorLocation;
        e.unit = records[i].unit;
        e.reason = records[i].deadLetterReason;
        m_expected << e;
    }
    // Deliveries that failed: the archive refuses (nak-AE) every third, the EHR times out every fourth.
    for (qsizetype i = 0; i < outcomes.size(); ++i) {
        for (const QueuedItem& item : outcomes[i].enqueued) {
            const bool archive = item.destination == u"archive" && i % 3 == 0;
            const bool ehr = item.destination == u"ehr" && i % 4 == 0;
            if (!archive && !ehr)
                continue;
            const QString errorClass = archive ? QStringLiteral("nak-AE") : QStringLiteral("timeout");
            const QString reason = QStringLiteral("%1 gave up after %2").arg(item.destination, errorClass);
            m_store.store().deadLetterQueued(item, reason, errorClass, 5,
                TraceEvent { item.correlationId, item.messageId, 1, QStringLiteral("dead-letter"), errorClass,
                    item.destination, {} });
            Expected e;
            e.messageId = item.messageId;
            e.channel = records[i].channel;
            e.destination = item.destination;
            e.stage = QStringLiteral("deliver");
            e.errorClass = errorClass;
            e.unit = records[i].unit;
            e.reason = reason;
            m_expected << e;
        }
    }
    QVERIFY(m_store.settle());

    // The dead-letter IDs the store gave, in the order written (ingest ones first, as submitted).
    {
        SqliteDatabase db;
        QVERIFY(db.open(m_store.path(), false, &error));
        auto ids = db.prepare("SELECT id, message_id, destination FROM dead_letters ORDER BY id");
        QList<Expected> ordered;
        while (ids.next()) {
            const qint64 messageId = ids.int64(1);
            const QString destination = ids.text(2);
            const auto it = std::find_if(m_expected.begin(), m_expected.end(),
                [&](const Expected& e) { return e.messageId == messageId && e.destination == destination; });
            QVERIFY(it != m_expected.end());
            it->id = ids.int64(0);
            ordered << *it;
        }
        QCOMPARE(ordered.size(), m_expected.size());
        m_expected = ordered;
        // Some have been resubmitted already (the lead's resubmission writes these two columns).
        for (Expected& e : m_expected) {
            if (e.id % 4 == 1) {
                auto update = db.prepare("UPDATE dead_letters SET state = 'resubmitted', resubmitted_as = ?2, "
                                         "resubmitted_at = ?3 WHERE id = ?1");
                QVERIFY(update.bind(1, e.id).bind(2, e.messageId + 1000).bind(3, BaseMs).run());
                e.state = QStringLiteral("resubmitted");
            }
        }
    }
    // Some are parked, the way the node parks them (and one of those taken back again).
    ParkChange park;
    park.atMs = BaseMs + 5000;
    park.by = QStringLiteral("admin");
    park.reason = QStringLiteral("known-bad test feed");
    for (const Expected& e : std::as_const(m_expected)) {
        if (e.id % 4 == 2 || e.id % 4 == 3)
            park.deadLetterIds << e.id;
    }
    ParkChange unpark;
    unpark.park = false;
    for (const Expected& e : std::as_const(m_expected)) {
        if (e.id % 4 == 3)
            unpark.deadLetterIds << e.id;
    }
    int answered = 0;
    bool committed = true;
    for (const ParkChange& change : { park, unpark }) {
        m_store.store().setParked(change, &m_store, [&](const ParkOutcome& outcome) {
            committed = committed && outcome.committed;
            ++answered;
        });
    }
    QTRY_COMPARE(answered, 2);
    QVERIFY(committed);
    for (Expected& e : m_expected) {
        if (e.id % 4 == 2) {
            e.state = QStringLiteral("parked");
            e.parkedBy = park.by;
        }
    }
    QVERIFY2(m_query.open(m_store.path(), &error), qPrintable(error));
}

void tst_DeadLetterQuery::cleanupTestCase()
{
    m_query.close();
}

bool tst_DeadLetterQuery::matches(const Expected& e, const DeadLetterFilter& f) const
{
    if (f.state != u"all" && !f.state.isEmpty() && e.state != f.state)
        return false;
    if (!f.stage.isEmpty() && e.stage != f.stage)
        return false;
    if (!f.errorClass.isEmpty() && e.errorClass != f.errorClass)
        return false;
    if (!f.channel.isEmpty() && e.channel != f.channel)
        return false;
    if (!f.destination.isEmpty() && e.destination != f.destination)
        return false;
    if (!f.signature.isEmpty()) {
        const auto s = DeadLetterQuery::decodeSignature(f.signature);
        if (!s || s->stage != e.stage || s->errorClass != e.errorClass || s->errorLocation != e.errorLocation)
            return false;
    }
    if (f.units && (e.unit.isEmpty() || !f.units->contains(e.unit, Qt::CaseInsensitive)))
        return false;
    return true;
}

void tst_DeadLetterQuery::filtersAndPagesMatchTheStore_data()
{
    QTest::addColumn<DeadLetterFilter>("filter");
    const QString timeouts
        = DeadLetterQuery::encodeSignature({ QStringLiteral("deliver"), QStringLiteral("timeout"), {} });
    const QString missingPid = DeadLetterQuery::encodeSignature(
        { QStringLiteral("validate"), QStringLiteral("hl7-101"), QStringLiteral("PID-3") });
    QTest::addRow("open (default)") << DeadLetterFilter();
    QTest::addRow("resubmitted") << filter([](DeadLetterFilter& f) { f.state = QStringLiteral("resubmitted"); });
    QTest::addRow("parked") << filter([](DeadLetterFilter& f) { f.state = QStringLiteral("parked"); });
    QTest::addRow("signature, parked") << filter([&](DeadLetterFilter& f) {
        f.signature = timeouts;
        f.state = QStringLiteral("parked");
    });
    QTest::addRow("all") << filter([](DeadLetterFilter& f) { f.state = QStringLiteral("all"); });
    QTest::addRow("stage") << filter([](DeadLetterFilter& f) { f.stage = QStringLiteral("deliver"); });
    QTest::addRow("error class, all states") << filter([](DeadLetterFilter& f) {
        f.errorClass = QStringLiteral("nak-AE");
        f.state = QStringLiteral("all");
    });
    QTest::addRow("channel") << filter([](DeadLetterFilter& f) { f.channel = QStringLiteral("lab-in"); });
    QTest::addRow("destination") << filter([](DeadLetterFilter& f) { f.destination = QStringLiteral("archive"); });
    QTest::addRow("signature") << filter([&](DeadLetterFilter& f) { f.signature = timeouts; });
    QTest::addRow("signature, all states") << filter([&](DeadLetterFilter& f) {
        f.signature = missingPid;
        f.state = QStringLiteral("all");
    });
    QTest::addRow("signature and destination") << filter([&](DeadLetterFilter& f) {
        f.signature = timeouts;
        f.destination = QStringLiteral("ehr");
    });
    QTest::addRow("units") << filter([](DeadLetterFilter& f) { f.units = QStringList { QStringLiteral("icu") }; });
    QTest::addRow("no units") << filter([](DeadLetterFilter& f) { f.units = QStringList(); });
    QTest::addRow("units, destination, all states") << filter([](DeadLetterFilter& f) {
        f.units = QStringList { QStringLiteral("4B"), QStringLiteral("ICU") };
        f.destination = QStringLiteral("ehr");
        f.state = QStringLiteral("all");
    });
    QTest::addRow("stage and channel, all states") << filter([](DeadLetterFilter& f) {
        f.stage = QStringLiteral("validate");
        f.channel = QStringLiteral("adt-in");
        f.state = QStringLiteral("all");
    });
}

void tst_DeadLetterQuery::filtersAndPagesMatchTheStore()
{
    QFETCH(DeadLetterFilter, filter);
    QList<qint64> expected;
    for (auto it = m_expected.crbegin(); it != m_expected.crend(); ++it) {
        if (matches(*it, filter))
            expected << it->id;
    }
    if (!filter.units || !filter.units->isEmpty())
        QVERIFY(!expected.isEmpty()); // every case but "no units" must select something to be a test

    QString error;
    DeadLetterFilter all = filter;
    all.limit = MessageFilter::MaxLimit;
    const auto page = m_query.find(all, &error);
    QVERIFY2(page, qPrintable(error));
    QList<qint64> ids;
    for (const DeadLetterSummary& d : page->items) {
        ids << d.id;
        const auto e
            = std::find_if(m_expected.cbegin(), m_expected.cend(), [&](const Expected& x) { return x.id == d.id; });
        QVERIFY(e != m_expected.cend());
        QCOMPARE(d.messageId, e->messageId);
        QCOMPARE(d.stage, e->stage);
        QCOMPARE(d.destination, e->destination);
        QCOMPARE(d.errorClass, e->errorClass);
        QCOMPARE(d.state, e->state);
        QCOMPARE(d.unit, e->unit);
        QCOMPARE(d.reason, e->reason);
        QCOMPARE(d.resubmittedAs, e->state == u"resubmitted" ? e->messageId + 1000 : 0);
        // Who, when and why while parked; nothing left behind by an unpark.
        QCOMPARE(d.parkedBy, e->parkedBy);
        QCOMPARE(d.parkReason, e->state == u"parked" ? QStringLiteral("known-bad test feed") : QString());
        QCOMPARE(d.parkedAtMs, e->state == u"parked" ? BaseMs + 5000 : 0);
        QCOMPARE(d.controlId.isEmpty(), false);
        QCOMPARE(d.signature, DeadLetterQuery::encodeSignature({ e->stage, e->errorClass, e->errorLocation }));
    }
    QCOMPARE(ids, expected);
    QCOMPARE(page->nextCursor, 0);

    for (const int limit : { 1, 3 }) {
        DeadLetterFilter paged = filter;
        paged.limit = limit;
        QList<qint64> walked;
        for (int pages = 0;; ++pages) {
            QVERIFY(pages <= expected.size() + 1);
            const auto next = m_query.find(paged, &error);
            QVERIFY2(next, qPrintable(error));
            for (const DeadLetterSummary& d : next->items)
                walked << d.id;
            if (next->nextCursor == 0)
                break;
            QCOMPARE(next->items.size(), limit);
            paged.beforeId = next->nextCursor;
        }
        QCOMPARE(walked, expected);
    }
}

void tst_DeadLetterQuery::everyFilterIsAnIndexSearch_data()
{
    filtersAndPagesMatchTheStore_data();
}

void tst_DeadLetterQuery::everyFilterIsAnIndexSearch()
{
    QFETCH(DeadLetterFilter, filter);
    filter.beforeId = 1000;
    QString error;
    const QStringList plan = m_query.explain(filter, false, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    if (filter.units && filter.units->isEmpty()) {
        QVERIFY(plan.isEmpty()); // nothing in scope: no query at all
        return;
    }
    const QString text = plan.join(u" | ");
    // Dead letters come from an index (or their own id range), newest first without a sort, and the
    // message of each is one primary-key lookup.
    QVERIFY2(!text.contains(u"SCAN"), qPrintable(text));
    QVERIFY2(!text.contains(u"TEMP B-TREE"), qPrintable(text));
    QVERIFY2(plan.first().startsWith(u"SEARCH d "), qPrintable(text));
    QVERIFY2(text.contains(u"SEARCH m USING INTEGER PRIMARY KEY"), qPrintable(text));

    // Groups count from the covering index alone (no dead-letter row read), within the state's range
    // when there is one; only a unit scope needs each message (and so each row's message_id).
    const QStringList groups = m_query.explain(filter, true, &error);
    const QString groupsText = groups.join(u" | ");
    const QString covering = filter.units ? QStringLiteral("USING INDEX dead_letters_groups")
                                          : QStringLiteral("USING COVERING INDEX dead_letters_groups");
    QVERIFY2(groups.first().contains(covering), qPrintable(groupsText));
    if (filter.state != u"all")
        QVERIFY2(
            groups.first().startsWith(u"SEARCH d ") && groups.first().contains(u"(state=?"), qPrintable(groupsText));
    QCOMPARE(groupsText.contains(u" m "), filter.units.has_value());
}

void tst_DeadLetterQuery::groupsCountBySignature()
{
    const QList<DeadLetterFilter> filters {
        DeadLetterFilter(),
        filter([](DeadLetterFilter& f) { f.state = QStringLiteral("all"); }),
        filter([](DeadLetterFilter& f) { f.state = QStringLiteral("resubmitted"); }),
        filter([](DeadLetterFilter& f) { f.state = QStringLiteral("parked"); }),
        filter([](DeadLetterFilter& f) {
            f.state = QStringLiteral("all");
            f.units = QStringList { QStringLiteral("icu") };
        }),
        filter([](DeadLetterFilter& f) { f.channel = QStringLiteral("lab-in"); }),
    };
    for (const DeadLetterFilter& f : filters) {
        QString error;
        const auto groups = m_query.groups(f, &error);
        QVERIFY2(groups, qPrintable(error));

        struct Tally
        {
            qint64 count = 0;
            QSet<QString> destinations;
            QSet<QString> channels;
            qint64 latestId = 0;
            QString latestReason;
        };
        QHash<QString, Tally> expected;
        for (const Expected& e : std::as_const(m_expected)) {
            if (!matches(e, f))
                continue;
            Tally& t = expected[DeadLetterQuery::encodeSignature({ e.stage, e.errorClass, e.errorLocation })];
            ++t.count;
            if (!e.destination.isEmpty())
                t.destinations << e.destination;
            t.channels << e.channel;
            if (e.id > t.latestId) {
                t.latestId = e.id;
                t.latestReason = e.reason;
            }
        }
        QCOMPARE(groups->size(), expected.size());
        QVERIFY(groups->size() >= 3); // of validate, parse, deliver/nak-AE, deliver/timeout
        qint64 previous = std::numeric_limits<qint64>::max();
        for (const DeadLetterGroup& g : *groups) {
            QVERIFY2(expected.contains(g.signature), qPrintable(g.signature));
            const Tally& t = expected[g.signature];
            QCOMPARE(g.count, t.count);
            QStringList destinations(t.destinations.cbegin(), t.destinations.cend());
            destinations.sort();
            QCOMPARE(g.destinations, destinations);
            QStringList channels(t.channels.cbegin(), t.channels.cend());
            channels.sort();
            QCOMPARE(g.channels, channels);
            QCOMPARE(g.latestReason, t.latestReason);
            QVERIFY(g.firstAtMs <= g.lastAtMs);
            QVERIFY(g.firstAtMs > 0);
            QVERIFY(g.count <= previous); // largest first
            previous = g.count;
            const auto parts = DeadLetterQuery::decodeSignature(g.signature);
            QVERIFY(parts);
            QCOMPARE(parts->stage, g.stage);
            QCOMPARE(parts->errorClass, g.errorClass);
            QCOMPARE(parts->errorLocation, g.errorLocation);
        }
    }
    // Filters narrow the groups as they narrow the list.
    DeadLetterFilter archive;
    archive.destination = QStringLiteral("archive");
    const auto groups = m_query.groups(archive);
    QVERIFY(groups);
    QCOMPARE(groups->size(), 1);
    QCOMPARE(groups->first().destinations, QStringList { QStringLiteral("archive") });
    DeadLetterFilter nobody;
    nobody.units = QStringList();
    QVERIFY(m_query.groups(nobody)->isEmpty());
}

void tst_DeadLetterQuery::signatureRoundTrips()
{
    const auto groups = m_query.groups(DeadLetterFilter());
    QVERIFY(groups && !groups->isEmpty());
    qint64 total = 0;
    for (const DeadLetterGroup& g : *groups) {
        DeadLetterFilter f;
        f.signature = g.signature;
        f.limit = MessageFilter::MaxLimit;
        const auto page = m_query.find(f);
        QVERIFY(page);
        QCOMPARE(page->items.size(), g.count);
        for (const DeadLetterSummary& d : page->items) {
            QCOMPARE(d.signature, g.signature);
            QCOMPARE(d.stage, g.stage);
            QCOMPARE(d.errorClass, g.errorClass);
        }
        total += g.count;
        // Stable: the same parts give the same text.
        QCOMPARE(DeadLetterQuery::encodeSignature({ g.stage, g.errorClass, g.errorLocation }), g.signature);
        QVERIFY(!g.signature.contains(u'/') && !g.signature.contains(u'+') && !g.signature.contains(u'='));
    }
    DeadLetterFilter open;
    open.limit = MessageFilter::MaxLimit;
    QCOMPARE(qint64(m_query.find(open)->items.size()), total);
}

void tst_DeadLetterQuery::signatureKeepsNoneApartFromEmpty()
{
    const QString none
        = DeadLetterQuery::encodeSignature({ QStringLiteral("deliver"), QStringLiteral("timeout"), QString() });
    const QString empty = DeadLetterQuery::encodeSignature(
        { QStringLiteral("deliver"), QStringLiteral("timeout"), QStringLiteral("") });
    QVERIFY(none != empty);
    QVERIFY(DeadLetterQuery::decodeSignature(none)->errorLocation.isNull());
    const auto decoded = DeadLetterQuery::decodeSignature(empty);
    QVERIFY(decoded);
    QVERIFY(!decoded->errorLocation.isNull());
    QVERIFY(decoded->errorLocation.isEmpty());
    // Nothing in the store has an empty location: that group is empty, the NULL one is not.
    DeadLetterFilter f;
    f.signature = empty;
    QVERIFY(m_query.find(f)->items.isEmpty());
    f.signature = none;
    QVERIFY(!m_query.find(f)->items.isEmpty());

    for (const QString& bad : { QStringLiteral("not base64!"), QStringLiteral("e30"), QString(),
             QString::fromLatin1(QByteArray("[1,2,3]").toBase64(QByteArray::Base64UrlEncoding)),
             QString::fromLatin1(QByteArray("[null,\"a\",\"b\"]").toBase64(QByteArray::Base64UrlEncoding)) })
        QVERIFY2(!DeadLetterQuery::decodeSignature(bad), qPrintable(bad));
}

void tst_DeadLetterQuery::idsOfAGroupAreOldestFirst()
{
    const QString timeouts
        = DeadLetterQuery::encodeSignature({ QStringLiteral("deliver"), QStringLiteral("timeout"), {} });
    QList<qint64> open, all;
    for (const Expected& e : std::as_const(m_expected)) {
        if (e.stage == u"deliver" && e.errorClass == u"timeout") {
            all << e.id;
            if (e.state == u"open")
                open << e.id;
        }
    }
    QVERIFY(open.size() >= 2);
    QVERIFY(all.size() > open.size());
    QString error;
    const auto openIds = m_query.ids(timeouts, true, &error);
    QVERIFY2(openIds, qPrintable(error));
    QCOMPARE(*openIds, open);
    QCOMPARE(*m_query.ids(timeouts, false), all);
    QList<qint64> parked;
    for (const Expected& e : std::as_const(m_expected)) {
        if (e.stage == u"deliver" && e.errorClass == u"timeout" && e.state == u"parked")
            parked << e.id;
    }
    QVERIFY(!parked.isEmpty());
    QCOMPARE(*m_query.idsInState(timeouts, QStringLiteral("parked")), parked);
    QCOMPARE(*m_query.idsInState(timeouts, QString()), all);
    QVERIFY(!m_query.ids(QStringLiteral("garbage"), true, &error));
    QVERIFY(!error.isEmpty());
}

void tst_DeadLetterQuery::oneDeadLetterWithItsBytes()
{
    const auto withUnit = std::find_if(m_expected.cbegin(), m_expected.cend(),
        [](const Expected& e) { return !e.unit.isEmpty() && e.stage == u"deliver"; });
    QVERIFY(withUnit != m_expected.cend());
    QString error;
    const auto letter = m_query.deadLetter(withUnit->id, std::nullopt, &error);
    QVERIFY2(letter, qPrintable(error));
    QCOMPARE(letter->messageId, withUnit->messageId);
    QCOMPARE(letter->raw, m_store.store().message(withUnit->messageId)->raw);
    QCOMPARE(letter->destination, withUnit->destination);
    QVERIFY(m_query.deadLetter(withUnit->id, QStringList { withUnit->unit.toLower() }));
    QVERIFY(!m_query.deadLetter(withUnit->id, QStringList { QStringLiteral("NICU") }, &error));
    QVERIFY(error.isEmpty());
    QVERIFY(!m_query.deadLetter(999'999, std::nullopt, &error));
    QVERIFY(error.isEmpty());
}

void tst_DeadLetterQuery::invalidFiltersAreRefused()
{
    QString error;
    DeadLetterFilter f;
    f.limit = 0;
    QVERIFY(!m_query.find(f, &error));
    QVERIFY(error.contains(u"limit"));
    f.limit = 10;
    f.signature = QStringLiteral("nonsense");
    QVERIFY(!m_query.find(f, &error));
    QVERIFY(error.contains(u"signature"));
    QVERIFY(!m_query.groups(f, &error));
    f.signature.clear();
    f.beforeId = -5;
    QVERIFY(!DeadLetterQuery::validate(f, &error));
    QVERIFY(error.contains(u"cursor"));
}

QTEST_GUILESS_MAIN(tst_DeadLetterQuery)
#include "tst_deadletterquery.moc"
