#include "node/store/MessageStore.h"

#include "node/store/AppliedRecord.h"
#include "node/store/StoreRows.h"
#include "node/store/IngestJournal.h"
#include "node/store/TableWriter.h"
#include "node/store/StoreSchema.h"

#include <QDateTime>
#include <QFileInfo>
#include <QDir>
#include <QMetaObject>
#include <QPointer>

#include <QAbstractEventDispatcher>
#include <QDataStream>
#include <QTimer>
#include <QLoggingCategory>

#include <atomic>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>

Q_LOGGING_CATEGORY(lcStore, "vigil.node.store")

namespace {

QString stateName(IngestRecord::Disposition disposition)
{
    switch (disposition) {
    case IngestRecord::Disposition::Accepted:
        return QStringLiteral("accepted");
    case IngestRecord::Disposition::Invalid:
        return QStringLiteral("invalid");
    case IngestRecord::Disposition::Unparseable:
        return QStringLiteral("unparseable");
    }
    return QStringLiteral("accepted");
}

qint64 nowUs()
{
    return QDateTime::currentMSecsSinceEpoch() * 1000;
}

// Runs fn on context's thread; silently dropped when context is gone (e.g. a closed connection).
template<typename Fn>
void postTo(QObject* context, Fn&& fn)
{
    if (!context) {
        fn();
        return;
    }
    QMetaObject::invokeMethod(context, std::forward<Fn>(fn), Qt::QueuedConnection);
}

} // namespace

namespace {

/// What the journal thread needs to remember of a message it has journaled but the applier has not
/// committed yet, to recognise a resend of it.
struct PendingKey
{
    QByteArray contentHash;
    QString ackCode;
    QByteArray correlationId;
    qint64 messageId = 0;
    qint64 receivedAtMs = 0;
};

QString dedupKey(const QString& controlId, const QString& app, const QString& facility)
{
    return controlId + QChar(0x1f) + app + QChar(0x1f) + facility;
}

} // namespace

struct MessageStore::Private
{
    struct Op
    {
        std::shared_ptr<IngestRecord> record;        ///< set: an ingest; else a pass-through write
        std::shared_ptr<IngestOutcome> outcome;
        StoreWriter::Apply apply;
        StoreWriter::Done done;
        bool lazy = false;
    };

    Options options;
    IngestJournal journal;
    StoreWriter applier;                             // applies journaled records and other writes
    TableWriter statements;                     // applier thread only
    SqliteDatabase dedupReader;                      // journal thread only
    SqliteStatement findKey;                         // under commitMutex
    SqliteStatement beginSnapshot;                   // under commitMutex
    SqliteStatement endSnapshot;                     // under commitMutex
    SqliteDatabase reader;
    std::mutex readerMutex;

    std::thread journalThread;
    std::mutex mutex;
    std::condition_variable wake;
    std::deque<Op> queue;
    int eagerQueued = 0;                             // ops in queue someone waits for
    bool stopping = false;

    std::mutex commitMutex;
    std::deque<Op> loopBatch;                        // ingestInLoop(), its thread only
    QMetaObject::Connection loopHook;
    std::unique_ptr<QTimer> fallbackCommit;          // the loop thread's; one for every batch
    std::mutex pendingMutex;
    QHash<QString, QList<PendingKey>> pending;       // journaled, not yet applied
    QList<QPair<QString, qint64>> appliedKeys;       // applied since the journal thread last looked
    std::atomic<quint64> appliedSequence{0};
    std::atomic<qint64> journalSyncs{0};
    std::atomic<qint64> journaledMessages{0};
    qint64 nextMessageId = 1;                        // journal thread only
    qint64 nextQueueId = 1;                          // journal thread only
    bool open = false;

    void runJournal();
    /// Drops one message from the pending set; pendingMutex held.
    void forgetPending(const QString& key, qint64 messageId)
    {
        auto it = pending.find(key);
        if (it == pending.end())
            return;
        it->removeIf([messageId](const PendingKey& p) { return p.messageId == messageId; });
        if (it->isEmpty())
            pending.erase(it);
    }
    /// Decides, journals and fdatasyncs the ingests of a batch, hands everything to the applier in
    /// order, then runs the completions. Returns the number of ingests.
    qsizetype commitBatch(std::deque<Op>& batch);
    /// Returns the key the message is deduplicated under (empty when it is not: no control ID, a
    /// resubmission, unparseable).
    QString decide(IngestRecord& rec, IngestOutcome& outcome, AppliedRecord& applied);
    bool replay(SqliteDatabase& db, const QString& folder, QString* errorString);
};

MessageStore::MessageStore()
    : d(std::make_unique<Private>())
{
}

MessageStore::~MessageStore()
{
    close();
}

bool MessageStore::Private::replay(SqliteDatabase& db, const QString& folder, QString* errorString)
{
    quint64 applied = 0;
    {
        auto stmt = db.prepare("SELECT value FROM meta WHERE key = 'journal_applied_sequence'");
        if (stmt.next())
            applied = quint64(stmt.int64(0));
    }
    QList<AppliedRecord> records;
    bool decodeFailed = false;
    if (!IngestJournal::readAll(folder, [&](quint64 sequence, const QByteArray& payload) {
            if (sequence <= applied)
                return;
            auto r = AppliedRecord::deserialize(payload);
            if (!r) {
                decodeFailed = true;
                return;
            }
            r->sequence = sequence;
            records.append(*r);
        }, errorString))
        return false;
    if (decodeFailed) {
        if (errorString)
            *errorString = QStringLiteral("the journal holds a record this vigil-node cannot read");
        return false;
    }
    if (!records.isEmpty()) {
        TableWriter replayStatements;
        replayStatements.prepare(db);
        QString error;
        bool ok = db.exec("BEGIN IMMEDIATE", &error);
        for (const AppliedRecord& r : std::as_const(records)) {
            if (!ok)
                break;
            ok = replayStatements.apply(r);
        }
        ok = ok && db.exec("COMMIT", &error);
        if (!ok) {
            db.exec("ROLLBACK");
            if (errorString)
                *errorString = QStringLiteral("cannot replay the journal: %1").arg(db.lastError());
            return false;
        }
        qCInfo(lcStore) << "recovered" << records.size() << "journaled messages";
        applied = records.last().sequence;
    }
    appliedSequence = applied;
    auto ids = db.prepare("SELECT COALESCE(MAX(id), 0) FROM messages");
    nextMessageId = (ids.next() ? ids.int64(0) : 0) + 1;
    auto queueIds = db.prepare("SELECT MAX(COALESCE((SELECT MAX(id) FROM queue), 0), "
                               "COALESCE((SELECT seq FROM sqlite_sequence WHERE name = 'queue'), 0))");
    nextQueueId = (queueIds.next() ? queueIds.int64(0) : 0) + 1;
    return true;
}

bool MessageStore::open(const Options& options, QString* errorString)
{
    const QFileInfo info(options.path);
    if (!QDir().mkpath(info.absolutePath())) {
        if (errorString)
            *errorString = QStringLiteral("cannot create the store folder %1").arg(info.absolutePath());
        return false;
    }
    d->options = options;
    const QString journalFolder = options.path + QStringLiteral(".journal");
    {
        SqliteDatabase setup;
        if (!setup.open(options.path, false, errorString))
            return false;
        if (!setup.exec("PRAGMA journal_mode=WAL", errorString) || !setup.exec("PRAGMA synchronous=FULL", errorString)
            || !StoreSchema::migrate(setup, errorString) || !d->replay(setup, journalFolder, errorString))
            return false;
    }
    if (!d->journal.open(journalFolder, d->appliedSequence.load(), errorString))
        return false;
    if (!d->applier.start(options.path, options.maxBatch, options.fullSync, errorString))
        return false;
    if (!d->reader.open(options.path, true, errorString) || !d->dedupReader.open(options.path, true, errorString)) {
        d->applier.stop();
        return false;
    }
    d->findKey = d->dedupReader.prepare("SELECT id, content_hash, ack_code, correlation_id FROM messages "
                                        "WHERE control_id = ?1 AND sending_app IS ?2 AND sending_facility IS ?3 "
                                        "AND received_at >= ?4 AND state != 'duplicate' ORDER BY id DESC");
    d->beginSnapshot = d->dedupReader.prepare("BEGIN");
    d->endSnapshot = d->dedupReader.prepare("COMMIT");
    d->stopping = false;
    d->journalThread = std::thread([p = d.get()] { p->runJournal(); });
    d->open = true;
    return true;
}

void MessageStore::close()
{
    if (!d->open)
        return;
    commitInLoop();
    QObject::disconnect(d->loopHook);
    d->fallbackCommit.reset();
    {
        std::lock_guard lock(d->mutex);
        d->stopping = true;
    }
    d->wake.notify_all();
    d->journalThread.join();
    d->applier.stop();
    d->journal.close();
    d->statements = TableWriter();
    d->findKey = SqliteStatement();
    d->beginSnapshot = SqliteStatement();
    d->endSnapshot = SqliteStatement();
    d->dedupReader.close();
    d->reader.close();
    d->open = false;
}

bool MessageStore::isOpen() const
{
    return d->open;
}

QString MessageStore::path() const
{
    return d->options.path;
}

QString MessageStore::Private::decide(IngestRecord& rec, IngestOutcome& outcome, AppliedRecord& a)
{
    outcome = IngestOutcome();
    outcome.correlationId = rec.correlationId;
    outcome.ackCode = rec.ackCode;

    // Deduplicate (SEMANTICS.md 1.5): same (MSH-3, MSH-4, MSH-10) and same content inside the window
    // is a resend: stored for the record, answered with the stored code, not processed again. What
    // was journaled but not applied yet is looked up first, then the tables (in that order, so a
    // record the applier moves between the two is never missed).
    qint64 duplicateOf = 0;
    // A resubmission (replayOf) is an operator's deliberate second run of a stored message: it is
    // never a duplicate of its original.
    const bool keyed = rec.disposition != IngestRecord::Disposition::Unparseable && !rec.controlId.isEmpty()
        && rec.replayOf == 0;
    const QString key = keyed ? dedupKey(rec.controlId, rec.sendingApplication, rec.sendingFacility) : QString();
    const qint64 windowStart = rec.receivedAtMs - rec.dedupWindowMs;
    if (keyed) {
        std::lock_guard lock(pendingMutex);
        const auto it = pending.constFind(key);
        if (it != pending.cend()) {
            for (auto p = it->crbegin(); p != it->crend(); ++p) {
                if (p->receivedAtMs < windowStart)
                    continue;
                if (p->contentHash == rec.contentHash) {
                    duplicateOf = p->messageId;
                    outcome.ackCode = p->ackCode;
                    outcome.correlationId = p->correlationId;
                    break;
                }
                outcome.controlIdReused = true;
            }
        }
    }
    if (keyed && duplicateOf == 0) {
        findKey.bind(1, rec.controlId).bind(2, rec.sendingApplication).bind(3, rec.sendingFacility).bind(4, windowStart);
        while (findKey.next()) {
            if (findKey.blob(1) == rec.contentHash) {
                duplicateOf = findKey.int64(0);
                outcome.ackCode = findKey.text(2);
                outcome.correlationId = findKey.textUtf8(3);
                break;
            }
            outcome.controlIdReused = true;
        }
        findKey.reset();
    }
    outcome.duplicate = duplicateOf != 0;
    outcome.duplicateOf = duplicateOf;
    outcome.messageId = nextMessageId++;

    a.messageId = outcome.messageId;
    a.correlationId = outcome.correlationId;
    a.channel = rec.channel;
    a.receivedAtMs = rec.receivedAtMs;
    a.messageType = rec.messageType;
    a.triggerEvent = rec.triggerEvent;
    a.controlId = rec.controlId;
    a.sendingApplication = rec.sendingApplication;
    a.sendingFacility = rec.sendingFacility;
    a.version = rec.version;
    a.patientId = rec.patientId;
    a.unit = rec.unit;
    a.format = rec.format;
    a.replayOf = rec.replayOf;
    a.resubmitsDeadLetter = rec.resubmitsDeadLetter;
    a.contentHash = rec.contentHash;
    a.state = outcome.duplicate ? QStringLiteral("duplicate") : stateName(rec.disposition);
    a.ackCode = outcome.ackCode;
    a.duplicateOf = duplicateOf;
    a.raw = rec.raw;

    a.events.reserve(rec.events.size() + 2 + rec.destinations.size());
    const qint64 persistedAt = nowUs();
    const auto event = [&](const QString& stage, const QString& result, const QString& destination, const QString& detail) {
        a.events.append(TraceEvent{a.correlationId, a.messageId, persistedAt, stage, result, destination, detail});
    };
    for (TraceEvent e : std::as_const(rec.events)) {
        e.correlationId = a.correlationId;
        e.messageId = a.messageId;
        a.events.append(e);
    }
    if (outcome.duplicate) {
        event(QStringLiteral("dedup"), QStringLiteral("duplicate"), {},
              QStringLiteral("resend of message %1: acknowledged, not processed again").arg(duplicateOf));
    } else {
        if (outcome.controlIdReused)
            event(QStringLiteral("dedup"), QStringLiteral("warning"), {},
                  QStringLiteral("control ID reused with different content: processed as a new message"));
        if (rec.deadLetter) {
            a.deadLetter = true;
            a.deadLetterStage = rec.deadLetterStage;
            a.deadLetterReason = rec.deadLetterReason;
            a.errorClass = rec.errorClass;
            a.errorLocation = rec.errorLocation;
            event(QStringLiteral("dead-letter"), QStringLiteral("stored"), {},
                  QStringLiteral("%1: %2").arg(rec.deadLetterStage, rec.deadLetterReason));
        }
        for (const QString& destination : std::as_const(rec.destinations)) {
            const qint64 queueId = nextQueueId++;
            a.queue.append({queueId, destination});
            QueuedItem item;
            item.queueId = queueId;
            item.messageId = a.messageId;
            item.destination = destination;
            item.payload = rec.raw;
            item.correlationId = a.correlationId;
            item.controlId = rec.controlId;
            item.unit = rec.unit;
            item.receivedAtMs = rec.receivedAtMs;
            item.enqueuedAtMs = rec.receivedAtMs;
            outcome.enqueued.append(item);
            event(QStringLiteral("enqueue"), QStringLiteral("ok"), destination, QStringLiteral("queue entry %1").arg(queueId));
        }
        if (keyed) {
            std::lock_guard lock(pendingMutex);
            pending[key].append(PendingKey{a.contentHash, a.ackCode, a.correlationId, a.messageId, a.receivedAtMs});
        }
    }
    event(QStringLiteral("persist"), QStringLiteral("ok"), {}, QStringLiteral("%1 bytes").arg(rec.raw.size()));
    return key;
}

void MessageStore::Private::runJournal()
{
    std::deque<Op> batch;
    for (;;) {
        {
            std::unique_lock lock(mutex);
            // Lazy writes (trace events after an ACK, delivery bookkeeping) do not wake this thread:
            // they go with the next ingest batch, or after StoreWriter::LazyDelayMs at the latest.
            const auto ready = [this] { return stopping || eagerQueued > 0; };
            if (queue.empty())
                wake.wait(lock, [this] { return stopping || !queue.empty(); });
            if (!ready())
                wake.wait_for(lock, std::chrono::milliseconds(StoreWriter::LazyDelayMs), ready);
            if (queue.empty() && stopping)
                return;
            const auto n = std::min<std::size_t>(queue.size(), std::size_t(qMax(1, options.maxBatch)));
            for (std::size_t i = 0; i < n; ++i) {
                if (queue.front().record || !queue.front().lazy)
                    --eagerQueued;
                batch.push_back(std::move(queue.front()));
                queue.pop_front();
            }
        }
        commitBatch(batch);
        batch.clear();
    }
}

qsizetype MessageStore::Private::commitBatch(std::deque<Op>& batch)
{
    // The journal thread and the I/O thread (commitBatched) both commit; one at a time.
    std::lock_guard commitLock(commitMutex);
    journal.dropThrough(appliedSequence.load());
    {
        std::lock_guard lock(pendingMutex);
        for (const auto& [key, messageId] : std::as_const(appliedKeys)) {
            auto it = pending.find(key);
            if (it == pending.end())
                continue;
            it->removeIf([id = messageId](const PendingKey& p) { return p.messageId == id; });
            if (it->isEmpty())
                pending.erase(it);
        }
        appliedKeys.clear();
    }
    // One read snapshot for the whole batch: a read transaction per message costs locks on
    // the WAL index each time.
    beginSnapshot.run();

    struct Journaled
    {
        AppliedRecord record;
        QString key;
    };
    std::vector<std::shared_ptr<Journaled>> journaled(batch.size());
    for (std::size_t i = 0; i < batch.size(); ++i) {
        Op& op = batch[i];
        if (!op.record)
            continue;
        auto j = std::make_shared<Journaled>();
        j->key = decide(*op.record, *op.outcome, j->record);
        j->record.sequence = journal.append([&j](QByteArray& buffer) { j->record.serializeInto(buffer); });
        journaled[i] = j;
    }
    endSnapshot.run();
    QString error;
    const bool durable = journal.sync(&error);
    const auto ingests = std::count_if(batch.cbegin(), batch.cend(), [](const Op& op) { return bool(op.record); });
    if (durable && ingests > 0) {
        journalSyncs.fetch_add(1, std::memory_order_relaxed);
        journaledMessages.fetch_add(ingests, std::memory_order_relaxed);
    }
    if (!durable)
        qCWarning(lcStore) << "journal write failed; acknowledging nothing of this batch:" << error;

    for (std::size_t i = 0; i < batch.size(); ++i) {
        Op& op = batch[i];
        if (!op.record) {
            if (op.lazy)
                applier.submitLazy(std::move(op.apply), std::move(op.done));
            else
                applier.submit(std::move(op.apply), std::move(op.done));
            continue;
        }
        auto j = journaled[i];
        if (!durable) {
            std::lock_guard lock(pendingMutex);
            forgetPending(j->key, j->record.messageId);
            continue;
        }
        // Applied lazily: it rides in the applier's next commit, many messages to one fsync.
        applier.submitLazy([this, j](SqliteDatabase& db) {
            statements.prepare(db);
            return statements.apply(j->record);
        });
    }
    if (durable) {
        // Once the applier has committed everything handed over so far, those records are
        // found in the tables: drop them from the pending set and let the journal go.
        std::vector<std::shared_ptr<Journaled>> handed;
        for (const auto& j : journaled) {
            if (j)
                handed.push_back(j);
        }
        if (!handed.empty()) {
            applier.submitLazy([](SqliteDatabase&) {
                // Commits with (or after) the records above; the completion below trims the set.
                return true;
            }, [this, handed](bool ok, const QString&) {
                if (!ok)
                    return;
                // Trimmed by the journal thread before its next snapshot of the tables, so a
                // record is always in the pending set or in that snapshot, never in neither.
                std::lock_guard lock(pendingMutex);
                for (const auto& j : handed)
                    appliedKeys.append({j->key, j->record.messageId});
                quint64 last = appliedSequence.load();
                for (const auto& j : handed)
                    last = std::max(last, j->record.sequence);
                appliedSequence = last;
            });
        }
    }
    for (std::size_t i = 0; i < batch.size(); ++i) {
        Op& op = batch[i];
        if (!op.record)
            continue;
        op.outcome->committed = durable;
        if (!durable) {
            op.outcome->error = error;
            op.outcome->enqueued.clear();
            op.outcome->messageId = 0;
        }
        if (op.done)
            op.done(durable, error);
    }
    return ingests;
}

void MessageStore::ingest(IngestRecord record, QObject* context, std::function<void(const IngestOutcome&)> done)
{
    Private::Op op;
    op.record = std::make_shared<IngestRecord>(std::move(record));
    op.outcome = std::make_shared<IngestOutcome>();
    QPointer<QObject> guard(context);
    op.done = [outcome = op.outcome, guard, done = std::move(done), hadContext = context != nullptr](bool, const QString&) {
        if (hadContext && !guard)
            return;
        postTo(guard.data(), [outcome, done] { done(*outcome); });
    };
    {
        std::lock_guard lock(d->mutex);
        d->queue.push_back(std::move(op));
        ++d->eagerQueued;
    }
    d->wake.notify_one();
}

void MessageStore::ingestInLoop(IngestRecord record, std::function<void(const IngestOutcome&)> done)
{
    if (!d->loopHook) {
        d->loopHook = QObject::connect(QAbstractEventDispatcher::instance(), &QAbstractEventDispatcher::aboutToBlock,
                                       [this] { commitInLoop(); });
    }
    Private::Op op;
    op.record = std::make_shared<IngestRecord>(std::move(record));
    op.outcome = std::make_shared<IngestOutcome>();
    op.done = [outcome = op.outcome, done = std::move(done)](bool, const QString&) { done(*outcome); };
    const bool first = d->loopBatch.empty();
    d->loopBatch.push_back(std::move(op));
    if (d->loopBatch.size() >= std::size_t(qMax(1, d->options.maxBatch))) {
        commitInLoop();
    } else if (first) {
        // aboutToBlock is not emitted on every pass by every dispatcher (Qt's UNIX one skips it while
        // posted events wait): a short timer makes sure a batch never waits for the loop to idle.
        // One timer, armed only when it is not already: a timer per batch would cost an object each
        // and fire at random points of later passes, committing their batches half-read.
        if (!d->fallbackCommit) {
            d->fallbackCommit = std::make_unique<QTimer>();
            d->fallbackCommit->setSingleShot(true);
            d->fallbackCommit->setTimerType(Qt::PreciseTimer);
            d->fallbackCommit->setInterval(FallbackCommitMs);
            QObject::connect(d->fallbackCommit.get(), &QTimer::timeout, [this] { commitInLoop(); });
        }
        if (!d->fallbackCommit->isActive())
            d->fallbackCommit->start();
    }
}

void MessageStore::commitInLoop()
{
    if (d->loopBatch.empty())
        return;
    if (d->fallbackCommit)
        d->fallbackCommit->stop();                   // this batch needs it no more
    std::deque<Private::Op> batch;
    batch.swap(d->loopBatch);
    d->commitBatch(batch);
}

void MessageStore::submitWrite(StoreWriter::Apply apply, StoreWriter::Done done, bool lazy)
{
    Private::Op op;
    op.apply = std::move(apply);
    op.done = std::move(done);
    op.lazy = lazy;
    bool first = false;
    {
        std::lock_guard lock(d->mutex);
        first = d->queue.empty();
        d->queue.push_back(std::move(op));
        if (!lazy)
            ++d->eagerQueued;
    }
    // A lazy write only needs the thread to know there is something to time out on.
    if (!lazy || first)
        d->wake.notify_one();
}

void MessageStore::appendTrace(QList<TraceEvent> events)
{
    Private* p = d.get();
    submitWrite(
        [p, events = std::move(events)](SqliteDatabase& db) {
            p->statements.prepare(db);
            for (const TraceEvent& e : events) {
                if (!p->statements.trace(e))
                    return false;
            }
            return true;
        },
        {}, true);
}

void MessageStore::markDelivered(qint64 queueId, TraceEvent event)
{
    Private* p = d.get();
    submitWrite(
        [p, queueId, event = std::move(event)](SqliteDatabase& db) {
            p->statements.prepare(db);
            return p->statements.deleteQueue.bind(1, queueId).run() && p->statements.trace(event);
        },
        {}, true);
}

void MessageStore::recordAttemptFailure(qint64 queueId, int attempts, qint64 nextAttemptAtMs, const QString& error,
                                        TraceEvent event)
{
    Private* p = d.get();
    submitWrite(
        [p, queueId, attempts, nextAttemptAtMs, error, event = std::move(event)](SqliteDatabase& db) {
            p->statements.prepare(db);
            return p->statements.updateQueueFailure.bind(1, queueId)
                       .bind(2, attempts)
                       .bind(3, nextAttemptAtMs)
                       .bind(4, error)
                       .run()
                && p->statements.trace(event);
        },
        {}, true);
}

void MessageStore::deadLetterQueued(const QueuedItem& item, const QString& reason, const QString& errorClass,
                                    int attempts, TraceEvent event)
{
    Private* p = d.get();
    submitWrite(
        [p, item, reason, errorClass, attempts, event = std::move(event)](SqliteDatabase& db) {
            auto& s = p->statements;
            s.prepare(db);
            auto channel = db.prepare("SELECT channel FROM messages WHERE id = ?1");
            channel.bind(1, item.messageId);
            const QString channelName = channel.next() ? channel.text(0) : QString();
            return s.deleteQueue.bind(1, item.queueId).run()
                && s.insertDeadLetter.bind(1, item.messageId)
                       .bindText(2, item.correlationId)
                       .bind(3, channelName)
                       .bind(4, item.destination)
                       .bind(5, QStringLiteral("deliver"))
                       .bind(6, reason)
                       .bind(7, errorClass)
                       .bindNull(8)
                       .bind(9, attempts)
                       .bind(10, QDateTime::currentMSecsSinceEpoch())
                       .bindBlob(11, item.payload)
                       .run()
                && s.trace(event);
        },
        {}, false);
}

void MessageStore::setParked(ParkChange change, QObject* context, std::function<void(const ParkOutcome&)> done)
{
    auto outcome = std::make_shared<ParkOutcome>();
    QPointer<QObject> guard(context);
    submitWrite(
        [outcome, change = std::move(change)](SqliteDatabase& db) {
            // Runs again, alone, when another write failed its batch: start from nothing each time.
            outcome->items.clear();
            auto read = db.prepare("SELECT state, resubmitted_as FROM dead_letters WHERE id = ?1");
            auto update = change.park
                ? db.prepare("UPDATE dead_letters SET state = 'parked', parked_at = ?2, parked_by = ?3, "
                             "park_reason = ?4 WHERE id = ?1 AND state = 'open'")
                : db.prepare("UPDATE dead_letters SET state = 'open', parked_at = NULL, parked_by = NULL, "
                             "park_reason = NULL WHERE id = ?1 AND state = 'parked'");
            if (!read.isValid() || !update.isValid())
                return false;
            const QString from = change.park ? QStringLiteral("open") : QStringLiteral("parked");
            for (qint64 id : change.deadLetterIds) {
                ParkOutcome::Item item;
                item.deadLetterId = id;
                read.bind(1, id);
                if (read.next()) {
                    item.stateBefore = read.text(0);
                    item.resubmittedAs = read.int64(1);
                }
                const bool readFailed = read.failed();
                read.reset();
                if (readFailed)
                    return false;
                if (!item.stateBefore.isEmpty() && item.stateBefore == from) {
                    update.bind(1, id);
                    if (change.park)
                        update.bind(2, change.atMs).bind(3, change.by).bind(4, change.reason);
                    if (!update.run())
                        return false;
                    item.changed = db.changes() == 1;
                }
                outcome->items.append(item);
            }
            return true;
        },
        [outcome, guard, done = std::move(done), hadContext = context != nullptr](bool ok, const QString& error) {
            outcome->committed = ok;
            if (!ok) {
                outcome->error = error;
                for (ParkOutcome::Item& item : outcome->items)
                    item.changed = false;
            }
            if (hadContext && !guard)
                return;
            postTo(guard.data(), [outcome, done] { done(*outcome); });
        },
        false);
}

void MessageStore::flush(QObject* context, std::function<void()> done)
{
    QPointer<QObject> guard(context);
    submitWrite([](SqliteDatabase&) { return true; },
                [guard, done = std::move(done)](bool, const QString&) {
                    if (guard)
                        postTo(guard.data(), done);
                },
                false);
}

QList<QueuedItem> MessageStore::loadQueue(const QString& destination, qint64 afterQueueId, int limit)
{
    std::lock_guard lock(d->readerMutex);
    auto stmt = d->reader.prepare(
        "SELECT q.id, q.message_id, q.enqueued_at, q.attempts, q.next_attempt_at, m.raw, m.correlation_id, "
        "m.control_id, m.received_at, m.unit FROM queue q JOIN messages m ON m.id = q.message_id "
        "WHERE q.destination = ?1 AND q.id > ?2 ORDER BY q.id LIMIT ?3");
    stmt.bind(1, destination).bind(2, afterQueueId).bind(3, limit);
    QList<QueuedItem> items;
    while (stmt.next()) {
        QueuedItem item;
        item.queueId = stmt.int64(0);
        item.messageId = stmt.int64(1);
        item.destination = destination;
        item.enqueuedAtMs = stmt.int64(2);
        item.attempts = int(stmt.int64(3));
        item.nextAttemptAtMs = stmt.int64(4);
        item.payload = stmt.blob(5);
        item.correlationId = stmt.textUtf8(6);
        item.controlId = stmt.text(7);
        item.receivedAtMs = stmt.int64(8);
        item.unit = stmt.text(9);
        items.append(item);
    }
    return items;
}

QHash<QString, qint64> MessageStore::queueDepths()
{
    std::lock_guard lock(d->readerMutex);
    auto stmt = d->reader.prepare("SELECT destination, COUNT(*) FROM queue GROUP BY destination");
    QHash<QString, qint64> depths;
    while (stmt.next())
        depths.insert(stmt.text(0), stmt.int64(1));
    return depths;
}

MessageStore::QueueStats MessageStore::queueStats(const QString& destination)
{
    std::lock_guard lock(d->readerMutex);
    auto stmt = d->reader.prepare("SELECT COUNT(*), COALESCE(MAX(id), 0) FROM queue WHERE destination = ?1");
    stmt.bind(1, destination);
    QueueStats stats;
    if (stmt.next()) {
        stats.count = stmt.int64(0);
        stats.maxQueueId = stmt.int64(1);
    }
    return stats;
}

namespace {

StoredMessage readMessage(SqliteStatement& stmt)
{
    StoredMessage m;
    m.id = stmt.int64(0);
    m.correlationId = stmt.textUtf8(1);
    m.channel = stmt.text(2);
    m.receivedAtMs = stmt.int64(3);
    m.messageType = stmt.text(4);
    m.triggerEvent = stmt.text(5);
    m.controlId = stmt.text(6);
    m.sendingApplication = stmt.text(7);
    m.sendingFacility = stmt.text(8);
    m.version = stmt.text(9);
    m.patientId = stmt.text(10);
    m.state = stmt.text(11);
    m.ackCode = stmt.text(12);
    m.duplicateOf = stmt.int64(13);
    m.raw = stmt.blob(14);
    m.unit = stmt.text(15);
    m.format = stmt.text(16);
    m.replayOf = stmt.int64(17);
    return m;
}

constexpr const char* MessageColumns = "SELECT id, correlation_id, channel, received_at, msg_type, trigger_event, "
                                       "control_id, sending_app, sending_facility, hl7_version, patient_id, state, "
                                       "ack_code, duplicate_of, raw, unit, format, replay_of FROM messages ";

} // namespace

std::optional<StoredMessage> MessageStore::message(qint64 id)
{
    std::lock_guard lock(d->readerMutex);
    auto stmt = d->reader.prepare(QByteArray(QByteArray(MessageColumns) + "WHERE id = ?1").constData());
    stmt.bind(1, id);
    if (!stmt.next())
        return std::nullopt;
    return readMessage(stmt);
}

QList<TraceEvent> MessageStore::trace(const QByteArray& correlationId)
{
    std::lock_guard lock(d->readerMutex);
    QList<TraceEvent> events;
    // Ingest steps are packed in their message's row; later steps are rows of trace_events.
    auto ingest = d->reader.prepare("SELECT id, ingest_trace FROM messages WHERE correlation_id = ?1 ORDER BY id");
    ingest.bindText(1, correlationId);
    while (ingest.next())
        events += AppliedRecord::unpackEvents(ingest.blob(1), correlationId, ingest.int64(0));
    auto stmt = d->reader.prepare(QByteArray(QByteArray("SELECT ") + StoreRows::TraceEventColumns
                                             + " FROM trace_events WHERE correlation_id = ?1 ORDER BY at_us, id")
                                      .constData());
    stmt.bindText(1, correlationId);
    while (stmt.next())
        events.append(StoreRows::readTraceEvent(stmt));
    StoreRows::sortTrace(events);
    return events;
}

namespace {

const QByteArray DeadLetterSelect = QByteArray("SELECT ") + StoreRows::DeadLetterColumns + ", raw FROM dead_letters ";

} // namespace

QList<DeadLetter> MessageStore::deadLetters(qint64 afterId, int limit)
{
    std::lock_guard lock(d->readerMutex);
    auto stmt = d->reader.prepare(QByteArray(DeadLetterSelect + "WHERE id > ?1 ORDER BY id LIMIT ?2").constData());
    stmt.bind(1, afterId).bind(2, limit);
    QList<DeadLetter> list;
    while (stmt.next())
        list.append(StoreRows::readDeadLetter(stmt, true));
    return list;
}

std::optional<DeadLetter> MessageStore::deadLetter(qint64 id)
{
    std::lock_guard lock(d->readerMutex);
    auto stmt = d->reader.prepare(QByteArray(DeadLetterSelect + "WHERE id = ?1").constData());
    stmt.bind(1, id);
    if (!stmt.next())
        return std::nullopt;
    return StoreRows::readDeadLetter(stmt, true);
}

qint64 MessageStore::deadLetterCount()
{
    std::lock_guard lock(d->readerMutex);
    auto stmt = d->reader.prepare("SELECT COUNT(*) FROM dead_letters WHERE state = 'open'");
    return stmt.next() ? stmt.int64(0) : 0;
}

qint64 MessageStore::lastMessageId()
{
    std::lock_guard lock(d->readerMutex);
    auto stmt = d->reader.prepare("SELECT MAX(id) FROM messages");
    return stmt.next() ? stmt.int64(0) : 0;
}

qint64 MessageStore::messageCount()
{
    std::lock_guard lock(d->readerMutex);
    auto stmt = d->reader.prepare("SELECT COUNT(*) FROM messages");
    return stmt.next() ? stmt.int64(0) : 0;
}

qint64 MessageStore::batchesCommitted() const
{
    return d->journalSyncs.load();
}

qint64 MessageStore::operationsCommitted() const
{
    return d->journaledMessages.load();
}
