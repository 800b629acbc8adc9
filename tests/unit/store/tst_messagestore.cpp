// Unit tests of the node's durable store: deduplication, queues, dead letters, group commit,
// recovery after reopening. Real SQLite files in a temporary folder.
#include "node/store/AppliedRecord.h"
#include "node/store/IngestJournal.h"
#include "node/store/MessageStore.h"
#include "node/store/StoreSchema.h"

#include <QDateTime>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <atomic>

class tst_MessageStore : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void ingestStoresMessageTraceAndQueue();
    void duplicateReplaysStoredAckAndEnqueuesNothing();
    void sameControlIdDifferentContentIsNotADuplicate();
    void duplicateWindowExpires();
    void invalidMessageIsDeadLettered();
    void deliveryOutcomesUpdateTheQueue();
    void concurrentIngestsShareCommits();
    void ingestsOfOneLoopPassShareOneCommit();
    void loopBatchIsCommittedWithoutAnIdleLoop();
    void loopBatchIsCommittedOnClose();
    void committedDataSurvivesReopen();
    void newerSchemaIsRefused();
    void journaledRecordsAreReplayedOnceAfterACrash();
    void replayKeepsLineageAndResolvesItsDeadLetter();
    void parkAndUnparkMoveOnlyTheirStates();
    void parkAfterAReplayFindsItResubmitted();
    void version2StoreUpgradesInPlace();

private:
    IngestRecord record(const QString& controlId, const QByteArray& raw, QStringList destinations = {});
    IngestOutcome ingestAndWait(const IngestRecord& r);
    void settle();
    void reopen();
    qint64 deadLetterFor(const QString& controlId);
    ParkOutcome setParkedAndWait(const ParkChange& change);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<MessageStore> m_store;
    int m_counter = 0;
};

void tst_MessageStore::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_store = std::make_unique<MessageStore>();
    QString error;
    QVERIFY2(m_store->open({m_dir->filePath(QStringLiteral("store.db")), 512, true}, &error), qPrintable(error));
}

void tst_MessageStore::cleanup()
{
    m_store.reset();
    m_dir.reset();
}

void tst_MessageStore::reopen()
{
    m_store.reset();
    m_store = std::make_unique<MessageStore>();
    QString error;
    QVERIFY2(m_store->open({m_dir->filePath(QStringLiteral("store.db")), 512, true}, &error), qPrintable(error));
}

IngestRecord tst_MessageStore::record(const QString& controlId, const QByteArray& raw, QStringList destinations)
{
    IngestRecord r;
    r.channel = QStringLiteral("hl7-in");
    r.raw = raw;
    r.correlationId = QByteArray::number(++m_counter).rightJustified(32, '0');
    r.receivedAtMs = QDateTime::currentMSecsSinceEpoch();
    r.messageType = QStringLiteral("ADT");
    r.triggerEvent = QStringLiteral("A01");
    r.controlId = controlId;
    r.sendingApplication = QStringLiteral("EPIC");
    r.sendingFacility = QStringLiteral("WARD4B");
    r.contentHash = raw.left(16); // any stable digest works for the store; the pipeline uses SHA-256
    r.ackCode = QStringLiteral("AA");
    r.destinations = destinations;
    TraceEvent received;
    received.atUs = r.receivedAtMs * 1000;
    received.stage = QStringLiteral("receive");
    received.outcome = QStringLiteral("ok");
    r.events.append(received);
    return r;
}

IngestOutcome tst_MessageStore::ingestAndWait(const IngestRecord& r)
{
    IngestOutcome result;
    bool done = false;
    m_store->ingest(r, this, [&](const IngestOutcome& o) {
        result = o;
        done = true;
    });
    if (!QTest::qWaitFor([&] { return done; }, 10000))
        qWarning("ingest did not complete");
    return result;
}

// Reads see what the applier has written to the tables; wait for it.
void tst_MessageStore::settle()
{
    bool flushed = false;
    m_store->flush(this, [&] { flushed = true; });
    QVERIFY(QTest::qWaitFor([&] { return flushed; }, 10000));
}

void tst_MessageStore::ingestStoresMessageTraceAndQueue()
{
    const IngestOutcome o = ingestAndWait(record(QStringLiteral("C1"), "MSH|one", {QStringLiteral("ehr"), QStringLiteral("archive")}));
    QVERIFY(o.committed);
    QVERIFY(o.messageId > 0);
    QVERIFY(!o.duplicate);
    QCOMPARE(o.ackCode, QStringLiteral("AA"));
    QCOMPARE(o.enqueued.size(), 2);
    QCOMPARE(o.enqueued[0].destination, QStringLiteral("ehr"));
    QCOMPARE(o.enqueued[0].payload, QByteArray("MSH|one"));

    settle();
    const auto stored = m_store->message(o.messageId);
    QVERIFY(stored);
    QCOMPARE(stored->raw, QByteArray("MSH|one"));
    QCOMPARE(stored->state, QStringLiteral("accepted"));
    QCOMPARE(stored->correlationId, o.correlationId);

    QStringList stages;
    for (const TraceEvent& e : m_store->trace(o.correlationId))
        stages << e.stage;
    QVERIFY2(stages.contains(QStringLiteral("receive")), qPrintable(stages.join(u',')));
    QVERIFY(stages.contains(QStringLiteral("persist")));
    QCOMPARE(stages.count(QStringLiteral("enqueue")), 2);

    QCOMPARE(m_store->queueDepths().value(QStringLiteral("ehr")), 1);
    const auto queued = m_store->loadQueue(QStringLiteral("ehr"), 0, 10);
    QCOMPARE(queued.size(), 1);
    QCOMPARE(queued[0].messageId, o.messageId);
    QCOMPARE(queued[0].payload, QByteArray("MSH|one"));
}

void tst_MessageStore::duplicateReplaysStoredAckAndEnqueuesNothing()
{
    const IngestOutcome first = ingestAndWait(record(QStringLiteral("C2"), "MSH|same", {QStringLiteral("ehr")}));
    IngestRecord again = record(QStringLiteral("C2"), "MSH|same", {QStringLiteral("ehr")});
    again.ackCode = QStringLiteral("AE"); // what the second copy would get is irrelevant: the stored code wins
    const IngestOutcome second = ingestAndWait(again);
    QVERIFY(second.committed);
    QVERIFY(second.duplicate);
    QCOMPARE(second.duplicateOf, first.messageId);
    QCOMPARE(second.ackCode, QStringLiteral("AA"));
    QCOMPARE(second.correlationId, first.correlationId);
    QVERIFY(second.enqueued.isEmpty());
    settle();
    QCOMPARE(m_store->queueDepths().value(QStringLiteral("ehr")), 1);
    // Nothing is lost: the resend is stored too, marked as a duplicate, and visible in the trace.
    QCOMPARE(m_store->message(second.messageId)->state, QStringLiteral("duplicate"));
    bool seen = false;
    for (const TraceEvent& e : m_store->trace(first.correlationId))
        seen |= e.stage == u"dedup" && e.outcome == u"duplicate";
    QVERIFY(seen);
}

void tst_MessageStore::sameControlIdDifferentContentIsNotADuplicate()
{
    ingestAndWait(record(QStringLiteral("MSG00001"), "MSH|first-message", {QStringLiteral("ehr")}));
    const IngestOutcome other = ingestAndWait(record(QStringLiteral("MSG00001"), "MSH|other-message", {QStringLiteral("ehr")}));
    QVERIFY(!other.duplicate);
    QVERIFY(other.controlIdReused);
    QCOMPARE(other.enqueued.size(), 1);
    settle();
    QCOMPARE(m_store->queueDepths().value(QStringLiteral("ehr")), 2);
}

void tst_MessageStore::duplicateWindowExpires()
{
    IngestRecord old = record(QStringLiteral("C3"), "MSH|old");
    old.receivedAtMs -= 10 * 24 * 3600 * 1000LL;
    ingestAndWait(old);
    const IngestOutcome again = ingestAndWait(record(QStringLiteral("C3"), "MSH|old"));
    QVERIFY(!again.duplicate);
}

void tst_MessageStore::invalidMessageIsDeadLettered()
{
    IngestRecord r = record(QStringLiteral("C4"), "MSH|bad");
    r.disposition = IngestRecord::Disposition::Invalid;
    r.ackCode = QStringLiteral("AE");
    r.deadLetter = true;
    r.deadLetterStage = QStringLiteral("validate");
    r.deadLetterReason = QStringLiteral("PID(1)-3: required field missing (101)");
    r.errorClass = QStringLiteral("hl7-101");
    const IngestOutcome o = ingestAndWait(r);
    QVERIFY(o.committed);
    settle();
    QCOMPARE(m_store->deadLetterCount(), 1);
    const auto letters = m_store->deadLetters(0, 10);
    QCOMPARE(letters.size(), 1);
    QCOMPARE(letters[0].stage, QStringLiteral("validate"));
    QCOMPARE(letters[0].raw, QByteArray("MSH|bad"));
    QCOMPARE(letters[0].messageId, o.messageId);
    QCOMPARE(m_store->message(o.messageId)->state, QStringLiteral("invalid"));
}

void tst_MessageStore::deliveryOutcomesUpdateTheQueue()
{
    const IngestOutcome a = ingestAndWait(record(QStringLiteral("D1"), "MSH|a", {QStringLiteral("ehr")}));
    const IngestOutcome b = ingestAndWait(record(QStringLiteral("D2"), "MSH|b", {QStringLiteral("ehr")}));
    const IngestOutcome c = ingestAndWait(record(QStringLiteral("D3"), "MSH|c", {QStringLiteral("ehr")}));
    m_store->markDelivered(a.enqueued[0].queueId, TraceEvent{a.correlationId, a.messageId, 1, QStringLiteral("deliver"),
                                                            QStringLiteral("ok"), QStringLiteral("ehr"), {}});
    m_store->recordAttemptFailure(b.enqueued[0].queueId, 3, 123456, QStringLiteral("connect"),
                                  TraceEvent{b.correlationId, b.messageId, 2, QStringLiteral("attempt"),
                                             QStringLiteral("retry"), QStringLiteral("ehr"), {}});
    m_store->deadLetterQueued(c.enqueued[0], QStringLiteral("ehr rejected the message"), QStringLiteral("nak-AE"), 1,
                              TraceEvent{c.correlationId, c.messageId, 3, QStringLiteral("dead-letter"),
                                         QStringLiteral("nak-AE"), QStringLiteral("ehr"), {}});
    bool flushed = false;
    m_store->flush(this, [&] { flushed = true; });
    QTRY_VERIFY(flushed);

    const auto queued = m_store->loadQueue(QStringLiteral("ehr"), 0, 10);
    QCOMPARE(queued.size(), 1);
    QCOMPARE(queued[0].messageId, b.messageId);
    QCOMPARE(queued[0].attempts, 3);
    QCOMPARE(queued[0].nextAttemptAtMs, 123456);
    const auto letters = m_store->deadLetters(0, 10);
    QCOMPARE(letters.size(), 1);
    QCOMPARE(letters[0].destination, QStringLiteral("ehr"));
    QCOMPARE(letters[0].stage, QStringLiteral("deliver"));
    QCOMPARE(letters[0].errorClass, QStringLiteral("nak-AE"));
    QCOMPARE(letters[0].channel, QStringLiteral("hl7-in"));
    QCOMPARE(letters[0].raw, QByteArray("MSH|c"));
}

void tst_MessageStore::concurrentIngestsShareCommits()
{
    constexpr int Threads = 4;
    constexpr int PerThread = 250;
    std::atomic<int> completed{0};
    QList<QThread*> threads;
    for (int t = 0; t < Threads; ++t) {
        threads << QThread::create([this, t, &completed] {
            for (int i = 0; i < PerThread; ++i) {
                IngestRecord r = record(QStringLiteral("T%1-%2").arg(t).arg(i), QByteArray("MSH|") + QByteArray::number(t * 1000 + i),
                                        {QStringLiteral("ehr")});
                m_store->ingest(r, nullptr, [&completed](const IngestOutcome& o) {
                    if (o.committed)
                        completed.fetch_add(1);
                });
            }
        });
    }
    const qint64 batchesBefore = m_store->batchesCommitted();
    for (QThread* t : threads)
        t->start();
    for (QThread* t : threads) {
        t->wait();
        delete t;
    }
    QTRY_COMPARE_WITH_TIMEOUT(completed.load(), Threads * PerThread, 20000);
    settle();
    const qint64 batches = m_store->batchesCommitted() - batchesBefore;
    QCOMPARE(m_store->operationsCommitted(), qint64(Threads * PerThread));
    // Group commit: the 1000 messages needed far fewer journal syncs (fsyncs) than messages.
    QVERIFY2(batches < Threads * PerThread, qPrintable(QString::number(batches)));
    QCOMPARE(m_store->queueDepths().value(QStringLiteral("ehr")), Threads * PerThread);
}

void tst_MessageStore::ingestsOfOneLoopPassShareOneCommit()
{
    // Everything received in one pass of the event loop is committed when the loop is about to
    // wait again: one journal flush for all of it, completions on this thread, in order.
    constexpr int Count = 20;
    QList<qint64> ids;
    bool sameThread = true;
    const qint64 batchesBefore = m_store->batchesCommitted();
    QMetaObject::invokeMethod(this, [&] {
        for (int i = 0; i < Count; ++i) {
            m_store->ingestInLoop(record(QStringLiteral("L%1").arg(i), "MSH|loop" + QByteArray::number(i),
                                         {QStringLiteral("ehr")}),
                                  [&](const IngestOutcome& o) {
                                      sameThread &= QThread::currentThread() == thread();
                                      if (o.committed)
                                          ids << o.messageId;
                                  });
        }
        QVERIFY(ids.isEmpty()); // not before the pass ends: nothing is durable yet
    }, Qt::QueuedConnection);
    QTRY_COMPARE(ids.size(), Count);
    QVERIFY(sameThread);
    QVERIFY(std::is_sorted(ids.cbegin(), ids.cend()));
    QCOMPARE(m_store->batchesCommitted() - batchesBefore, 1);
    settle();
    QCOMPARE(m_store->queueDepths().value(QStringLiteral("ehr")), Count);
}

void tst_MessageStore::loopBatchIsCommittedWithoutAnIdleLoop()
{
    // A loop kept busy (posted events all the time) may not announce that it is about to wait:
    // the fallback timer commits within a few milliseconds all the same.
    bool done = false;
    QObject poster; // its pending events go with it
    std::function<void()> keepBusy = [&poster, &keepBusy] {
        QMetaObject::invokeMethod(&poster, keepBusy, Qt::QueuedConnection);
    };
    QMetaObject::invokeMethod(&poster, [&] {
        m_store->ingestInLoop(record(QStringLiteral("B1"), "MSH|busy"), [&](const IngestOutcome& o) { done = o.committed; });
        keepBusy();
    }, Qt::QueuedConnection);
    QTRY_VERIFY_WITH_TIMEOUT(done, 2000);
}

void tst_MessageStore::loopBatchIsCommittedOnClose()
{
    // Received, not committed yet, and the store closes (shutdown): the batch is committed and
    // answered first, and is there after reopening.
    IngestOutcome outcome;
    m_store->ingestInLoop(record(QStringLiteral("C1"), "MSH|closing", {QStringLiteral("ehr")}),
                          [&](const IngestOutcome& o) { outcome = o; });
    QVERIFY(!outcome.committed);
    m_store->close();
    QVERIFY(outcome.committed);
    reopen();
    const auto stored = m_store->message(outcome.messageId);
    QVERIFY(stored);
    QCOMPARE(stored->raw, QByteArray("MSH|closing"));
}

void tst_MessageStore::committedDataSurvivesReopen()
{
    const IngestOutcome o = ingestAndWait(record(QStringLiteral("R1"), "MSH|kept", {QStringLiteral("ehr")}));
    reopen();
    const auto stored = m_store->message(o.messageId);
    QVERIFY(stored);
    QCOMPARE(stored->raw, QByteArray("MSH|kept"));
    const auto stats = m_store->queueStats(QStringLiteral("ehr"));
    QCOMPARE(stats.count, 1);
    QCOMPARE(stats.maxQueueId, o.enqueued[0].queueId);
    // Dedup state is durable too: a resend after a restart is still recognised.
    QVERIFY(ingestAndWait(record(QStringLiteral("R1"), "MSH|kept")).duplicate);
}

void tst_MessageStore::newerSchemaIsRefused()
{
    m_store.reset();
    {
        SqliteDatabase db;
        QVERIFY(db.open(m_dir->filePath(QStringLiteral("store.db")), false, nullptr));
        QVERIFY(db.exec("PRAGMA user_version = 99"));
    }
    MessageStore store;
    QString error;
    QVERIFY(!store.open({m_dir->filePath(QStringLiteral("store.db")), 512, true}, &error));
    QVERIFY2(error.contains(QStringLiteral("newer")), qPrintable(error));
}

void tst_MessageStore::journaledRecordsAreReplayedOnceAfterACrash()
{
    // A crash after the journal's fdatasync (the ACK went out) but before the applier wrote the
    // tables leaves the message only in the journal. Build exactly that state by hand.
    m_store.reset();
    const QString path = m_dir->filePath(QStringLiteral("crashed.db"));
    {
        IngestJournal journal;
        QString error;
        QVERIFY2(journal.open(path + QStringLiteral(".journal"), 0, &error), qPrintable(error));
        AppliedRecord r;
        r.messageId = 1;
        r.correlationId = "0123456789abcdef0123456789abcdef";
        r.channel = QStringLiteral("hl7-in");
        r.receivedAtMs = QDateTime::currentMSecsSinceEpoch();
        r.controlId = QStringLiteral("CRASH-1");
        r.sendingApplication = QStringLiteral("EPIC");
        r.sendingFacility = QStringLiteral("WARD4B");
        r.contentHash = "hash";
        r.state = QStringLiteral("accepted");
        r.ackCode = QStringLiteral("AA");
        r.raw = "MSH|crash";
        r.queue.append({1, QStringLiteral("ehr")});
        r.events.append(TraceEvent{r.correlationId, 1, 1, QStringLiteral("persist"), QStringLiteral("ok"), {}, {}});
        journal.append(r.serialize());
        QVERIFY(journal.sync(&error));
    }
    for (int run = 0; run < 2; ++run) { // opening twice must not apply it twice
        MessageStore store;
        QString error;
        QVERIFY2(store.open({path, 512, true}, &error), qPrintable(error));
        const auto stored = store.message(1);
        QVERIFY(stored);
        QCOMPARE(stored->raw, QByteArray("MSH|crash"));
        QCOMPARE(store.messageCount(), 1);
        QCOMPARE(store.queueStats(QStringLiteral("ehr")).count, 1);
        QCOMPARE(store.trace("0123456789abcdef0123456789abcdef").size(), 1);
    }
    // New messages continue after the replayed IDs, and a resend of the replayed one is a duplicate.
    MessageStore store;
    QString error;
    QVERIFY(store.open({path, 512, true}, &error));
    IngestRecord again = record(QStringLiteral("CRASH-1"), "MSH|crash");
    again.contentHash = "hash";
    IngestOutcome outcome;
    bool done = false;
    store.ingest(again, this, [&](const IngestOutcome& o) {
        outcome = o;
        done = true;
    });
    QTRY_VERIFY(done);
    QVERIFY(outcome.duplicate);
    QCOMPARE(outcome.duplicateOf, 1);
    QCOMPARE(outcome.messageId, 2);
}

void tst_MessageStore::replayKeepsLineageAndResolvesItsDeadLetter()
{
    IngestRecord bad = record(QStringLiteral("R1"), "MSH|first");
    bad.disposition = IngestRecord::Disposition::Invalid;
    bad.deadLetter = true;
    bad.deadLetterStage = QStringLiteral("validate");
    bad.deadLetterReason = QStringLiteral("PID-3 missing");
    bad.unit = QStringLiteral("4B");
    const IngestOutcome original = ingestAndWait(bad);
    QVERIFY(original.committed);
    settle();
    const auto letters = m_store->deadLetters(0, 10);
    QCOMPARE(letters.size(), 1);
    QCOMPARE(letters[0].state, QStringLiteral("open"));

    // The same bytes again: a sender's resend is a duplicate, an operator's replay is not.
    IngestRecord replay = record(QStringLiteral("R1"), "MSH|first", {QStringLiteral("ehr")});
    replay.correlationId = original.correlationId;
    replay.replayOf = original.messageId;
    replay.resubmitsDeadLetter = letters[0].id;
    replay.unit = QStringLiteral("4B");
    replay.format = QStringLiteral("hl7v2");
    const IngestOutcome replayed = ingestAndWait(replay);
    QVERIFY(replayed.committed);
    QVERIFY(!replayed.duplicate);
    QCOMPARE(replayed.enqueued.size(), 1);
    settle();

    const auto stored = m_store->message(replayed.messageId);
    QVERIFY(stored);
    QCOMPARE(stored->replayOf, original.messageId);
    QCOMPARE(stored->unit, QStringLiteral("4B"));
    QCOMPARE(stored->format, QStringLiteral("hl7v2"));
    const auto letter = m_store->deadLetter(letters[0].id);
    QVERIFY(letter);
    QCOMPARE(letter->state, QStringLiteral("resubmitted"));
    QCOMPARE(letter->resubmittedAs, replayed.messageId);
    QCOMPARE(m_store->deadLetterCount(), 0);
}

qint64 tst_MessageStore::deadLetterFor(const QString& controlId)
{
    IngestRecord bad = record(controlId, "MSH|" + controlId.toUtf8());
    bad.disposition = IngestRecord::Disposition::Invalid;
    bad.deadLetter = true;
    bad.deadLetterStage = QStringLiteral("validate");
    bad.deadLetterReason = QStringLiteral("PID-3 missing");
    const IngestOutcome o = ingestAndWait(bad);
    settle();
    for (const DeadLetter& letter : m_store->deadLetters(0, 1000)) {
        if (letter.messageId == o.messageId)
            return letter.id;
    }
    return 0;
}

ParkOutcome tst_MessageStore::setParkedAndWait(const ParkChange& change)
{
    ParkOutcome result;
    int calls = 0;
    m_store->setParked(change, this, [&](const ParkOutcome& o) {
        result = o;
        ++calls;
    });
    if (!QTest::qWaitFor([&] { return calls > 0; }, 10000))
        qWarning("setParked did not complete");
    return result;
}

void tst_MessageStore::parkAndUnparkMoveOnlyTheirStates()
{
    const qint64 a = deadLetterFor(QStringLiteral("P1"));
    const qint64 b = deadLetterFor(QStringLiteral("P2"));
    QVERIFY(a != 0 && b != 0);
    QCOMPARE(m_store->deadLetterCount(), 2);

    ParkChange park;
    park.deadLetterIds = {a, 987654, a};
    park.atMs = 1'790'000'000'000;
    park.by = QStringLiteral("admin");
    park.reason = QStringLiteral("test feed, ticket INC-1077");
    const ParkOutcome parked = setParkedAndWait(park);
    QVERIFY(parked.committed);
    QCOMPARE(parked.items.size(), 3);
    QCOMPARE(parked.items[0].deadLetterId, a);
    QVERIFY(parked.items[0].changed);
    QCOMPARE(parked.items[0].stateBefore, QStringLiteral("open"));
    QVERIFY(!parked.items[1].changed);
    QVERIFY(parked.items[1].stateBefore.isEmpty()); // no such dead letter
    QVERIFY(!parked.items[2].changed);              // the same one again: parked by the first
    QCOMPARE(parked.items[2].stateBefore, QStringLiteral("parked"));

    // Visible to reads as soon as the answer came; the gauge counts open ones only.
    auto letter = m_store->deadLetter(a);
    QVERIFY(letter);
    QCOMPARE(letter->state, QStringLiteral("parked"));
    QCOMPARE(letter->parkedAtMs, park.atMs);
    QCOMPARE(letter->parkedBy, park.by);
    QCOMPARE(letter->parkReason, park.reason);
    QCOMPARE(m_store->deadLetter(b)->state, QStringLiteral("open"));
    QCOMPARE(m_store->deadLetterCount(), 1);

    // Unpark takes parked ones back and nothing else; who and why go with it.
    ParkChange unpark;
    unpark.park = false;
    unpark.deadLetterIds = {b, a};
    const ParkOutcome unparked = setParkedAndWait(unpark);
    QVERIFY(unparked.committed);
    QCOMPARE(unparked.items.size(), 2);
    QVERIFY(!unparked.items[0].changed);
    QCOMPARE(unparked.items[0].stateBefore, QStringLiteral("open"));
    QVERIFY(unparked.items[1].changed);
    letter = m_store->deadLetter(a);
    QCOMPARE(letter->state, QStringLiteral("open"));
    QCOMPARE(letter->parkedAtMs, 0);
    QVERIFY(letter->parkedBy.isEmpty());
    QVERIFY(letter->parkReason.isEmpty());
    QCOMPARE(m_store->deadLetterCount(), 2);

    // Parked state is durable.
    QVERIFY(setParkedAndWait(park).items[0].changed);
    reopen();
    QCOMPARE(m_store->deadLetter(a)->state, QStringLiteral("parked"));
    QCOMPARE(m_store->deadLetter(a)->parkedBy, park.by);
}

void tst_MessageStore::parkAfterAReplayFindsItResubmitted()
{
    const qint64 letter = deadLetterFor(QStringLiteral("P3"));
    const auto original = m_store->deadLetter(letter);
    QVERIFY(original);
    // The replay is committed (journaled) but perhaps not in the tables yet when the park is asked
    // for: the park applies after it and finds the dead letter resubmitted.
    IngestRecord replay = record(QStringLiteral("P3"), "MSH|P3", {QStringLiteral("ehr")});
    replay.replayOf = original->messageId;
    replay.resubmitsDeadLetter = letter;
    const IngestOutcome replayed = ingestAndWait(replay);
    QVERIFY(replayed.committed);
    ParkChange park;
    park.deadLetterIds = {letter};
    park.by = QStringLiteral("admin");
    park.reason = QStringLiteral("too late");
    const ParkOutcome outcome = setParkedAndWait(park);
    QVERIFY(outcome.committed);
    QVERIFY(!outcome.items[0].changed);
    QCOMPARE(outcome.items[0].stateBefore, QStringLiteral("resubmitted"));
    QCOMPARE(outcome.items[0].resubmittedAs, replayed.messageId);
    QCOMPARE(m_store->deadLetter(letter)->state, QStringLiteral("resubmitted"));
}

void tst_MessageStore::version2StoreUpgradesInPlace()
{
    const qint64 letter = deadLetterFor(QStringLiteral("V2"));
    QVERIFY(letter != 0);
    const QString path = m_dir->filePath(QStringLiteral("store.db"));
    m_store.reset();
    {
        // What a vigil-node of schema 2 left behind: no park columns, no page indexes.
        SqliteDatabase db;
        QVERIFY(db.open(path, false, nullptr));
        for (const char* sql : {"DROP INDEX messages_patient_page", "DROP INDEX trace_delivery",
                                "DROP INDEX trace_patient_delivery", "ALTER TABLE trace_events DROP COLUMN patient_id",
                                "DELETE FROM meta WHERE key = 'patient_trace_from'",
                                "ALTER TABLE messages DROP COLUMN routed_to",
                                "CREATE INDEX messages_patient ON messages(patient_id)",
                                "CREATE INDEX trace_by_message ON trace_events(message_id)",
                                "ALTER TABLE dead_letters DROP COLUMN parked_at",
                                "ALTER TABLE dead_letters DROP COLUMN parked_by",
                                "ALTER TABLE dead_letters DROP COLUMN park_reason", "PRAGMA user_version = 2"}) {
            QString error;
            QVERIFY2(db.exec(sql, &error), qPrintable(error));
        }
    }
    reopen();
    {
        SqliteDatabase db;
        QVERIFY(db.open(path, true, nullptr));
        auto version = db.prepare("PRAGMA user_version");
        QVERIFY(version.next());
        QCOMPARE(version.int64(0), qint64(StoreSchema::CurrentVersion));
        QCOMPARE(version.int64(0), 4);
        // Schema 4's page index replaced the plain patient index; older rows have no routed_to yet.
        auto indexes = db.prepare("SELECT group_concat(name) FROM sqlite_master WHERE type = 'index' AND "
                                  "name IN ('messages_patient_page', 'messages_patient', 'trace_delivery', "
                                  "'trace_by_message')");
        QVERIFY(indexes.next());
        const QStringList names = indexes.text(0).split(u',');
        QCOMPARE(QSet<QString>(names.cbegin(), names.cend()),
                 (QSet<QString>{QStringLiteral("messages_patient_page"), QStringLiteral("trace_delivery")}));
        // Messages stored before the upgrade have no patient on their outcome rows: the mark says so.
        auto mark = db.prepare("SELECT value FROM meta WHERE key = 'patient_trace_from'");
        QVERIFY(mark.next());
        auto newest = db.prepare("SELECT MAX(id) FROM messages");
        QVERIFY(newest.next());
        QCOMPARE(mark.int64(0), newest.int64(0) + 1);
    }
    // The old rows are kept, open, and can be parked.
    const auto before = m_store->deadLetter(letter);
    QVERIFY(before);
    QCOMPARE(before->state, QStringLiteral("open"));
    QCOMPARE(before->raw, QByteArray("MSH|V2"));
    ParkChange park;
    park.deadLetterIds = {letter};
    park.by = QStringLiteral("admin");
    park.reason = QStringLiteral("after the upgrade");
    QVERIFY(setParkedAndWait(park).items.value(0).changed);
    QCOMPARE(m_store->deadLetter(letter)->state, QStringLiteral("parked"));
}

QTEST_GUILESS_MAIN(tst_MessageStore)
#include "tst_messagestore.moc"
