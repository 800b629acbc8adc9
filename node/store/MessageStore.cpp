#include "node/store/MessageStore.h"

#include "node/store/StoreSchema.h"

#include <QDateTime>
#include <QFileInfo>
#include <QDir>
#include <QMetaObject>
#include <QPointer>

#include <mutex>

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

/// Statements of the writer connection, prepared once on the writer thread.
struct WriterStatements
{
    bool prepared = false;
    SqliteStatement findKey;
    SqliteStatement insertMessage;
    SqliteStatement insertTrace;
    SqliteStatement insertQueue;
    SqliteStatement insertDeadLetter;
    SqliteStatement deleteQueue;
    SqliteStatement updateQueueFailure;

    void prepare(SqliteDatabase& db)
    {
        if (prepared)
            return;
        findKey = db.prepare("SELECT id, content_hash, ack_code, correlation_id FROM messages "
                             "WHERE control_id = ?1 AND sending_app IS ?2 AND sending_facility IS ?3 "
                             "AND received_at >= ?4 AND state != 'duplicate' ORDER BY id DESC");
        insertMessage = db.prepare(
            "INSERT INTO messages(correlation_id, channel, received_at, msg_type, trigger_event, control_id, "
            "sending_app, sending_facility, hl7_version, patient_id, content_hash, state, ack_code, duplicate_of, raw) "
            "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)");
        insertTrace = db.prepare("INSERT INTO trace_events(correlation_id, message_id, at_us, stage, outcome, "
                                 "destination, detail) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7)");
        insertQueue = db.prepare("INSERT INTO queue(destination, message_id, enqueued_at) VALUES(?1, ?2, ?3)");
        insertDeadLetter = db.prepare(
            "INSERT INTO dead_letters(message_id, correlation_id, channel, destination, stage, reason, error_class, "
            "error_location, attempts, created_at, raw) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)");
        deleteQueue = db.prepare("DELETE FROM queue WHERE id = ?1");
        updateQueueFailure = db.prepare("UPDATE queue SET attempts = ?2, next_attempt_at = ?3, last_error = ?4 "
                                        "WHERE id = ?1");
        prepared = true;
    }

    bool trace(const TraceEvent& e)
    {
        return insertTrace.bindText(1, e.correlationId)
            .bind(2, e.messageId)
            .bind(3, e.atUs)
            .bind(4, e.stage)
            .bind(5, e.outcome)
            .bind(6, e.destination.isEmpty() ? QString() : e.destination)
            .bind(7, e.detail.isEmpty() ? QString() : e.detail)
            .run();
    }
};

struct MessageStore::Private
{
    StoreWriter writer;
    WriterStatements statements;                     // writer thread only
    SqliteDatabase reader;
    std::mutex readerMutex;
    bool open = false;
};

MessageStore::MessageStore()
    : d(std::make_unique<Private>())
{
}

MessageStore::~MessageStore()
{
    close();
}

bool MessageStore::open(const Options& options, QString* errorString)
{
    const QFileInfo info(options.path);
    if (!QDir().mkpath(info.absolutePath())) {
        if (errorString)
            *errorString = QStringLiteral("cannot create the store folder %1").arg(info.absolutePath());
        return false;
    }
    {
        SqliteDatabase setup;
        if (!setup.open(options.path, false, errorString))
            return false;
        if (!setup.exec("PRAGMA journal_mode=WAL", errorString) || !StoreSchema::migrate(setup, errorString))
            return false;
    }
    if (!d->writer.start(options.path, options.maxBatch, options.fullSync, errorString))
        return false;
    if (!d->reader.open(options.path, true, errorString)) {
        d->writer.stop();
        return false;
    }
    d->open = true;
    return true;
}

void MessageStore::close()
{
    if (!d->open)
        return;
    d->writer.stop();
    d->statements = WriterStatements();
    d->reader.close();
    d->open = false;
}

bool MessageStore::isOpen() const
{
    return d->open;
}

void MessageStore::ingest(IngestRecord record, QObject* context, std::function<void(const IngestOutcome&)> done)
{
    auto outcome = std::make_shared<IngestOutcome>();
    auto rec = std::make_shared<IngestRecord>(std::move(record));
    QPointer<QObject> guard(context);
    Private* p = d.get();
    d->writer.submit(
        [p, rec, outcome](SqliteDatabase& db) {
            auto& s = p->statements;
            s.prepare(db);
            *outcome = IngestOutcome();
            outcome->correlationId = rec->correlationId;
            outcome->ackCode = rec->ackCode;

            // Deduplicate (SEMANTICS.md 1.5): same (MSH-3, MSH-4, MSH-10) and same content inside the
            // window is a resend: store it for the record, answer with the stored code, process nothing.
            qint64 duplicateOf = 0;
            if (rec->disposition != IngestRecord::Disposition::Unparseable && !rec->controlId.isEmpty()) {
                s.findKey.bind(1, rec->controlId)
                    .bind(2, rec->sendingApplication)
                    .bind(3, rec->sendingFacility)
                    .bind(4, rec->receivedAtMs - rec->dedupWindowMs);
                while (s.findKey.next()) {
                    if (s.findKey.blob(1) == rec->contentHash) {
                        duplicateOf = s.findKey.int64(0);
                        outcome->ackCode = s.findKey.text(2);
                        outcome->correlationId = s.findKey.textUtf8(3);
                        break;
                    }
                    outcome->controlIdReused = true;
                }
                const bool failed = s.findKey.failed();
                s.findKey.reset();
                if (failed)
                    return false;
            }
            outcome->duplicate = duplicateOf != 0;
            outcome->duplicateOf = duplicateOf;

            const QString state = outcome->duplicate ? QStringLiteral("duplicate") : stateName(rec->disposition);
            if (!s.insertMessage.bindText(1, outcome->correlationId)
                     .bind(2, rec->channel)
                     .bind(3, rec->receivedAtMs)
                     .bind(4, rec->messageType)
                     .bind(5, rec->triggerEvent)
                     .bind(6, rec->controlId)
                     .bind(7, rec->sendingApplication)
                     .bind(8, rec->sendingFacility)
                     .bind(9, rec->version)
                     .bind(10, rec->patientId.isEmpty() ? QString() : rec->patientId)
                     .bindBlob(11, rec->contentHash)
                     .bind(12, state)
                     .bind(13, outcome->ackCode)
                     .bind(14, duplicateOf)
                     .bindBlob(15, rec->raw)
                     .run())
                return false;
            outcome->messageId = db.lastInsertId();

            const qint64 persistedAt = nowUs();
            for (TraceEvent e : rec->events) {
                e.correlationId = outcome->correlationId;
                e.messageId = outcome->messageId;
                if (!s.trace(e))
                    return false;
            }
            if (outcome->duplicate) {
                TraceEvent e{outcome->correlationId, outcome->messageId, persistedAt, QStringLiteral("dedup"),
                             QStringLiteral("duplicate"), {},
                             QStringLiteral("resend of message %1: acknowledged, not processed again").arg(duplicateOf)};
                return s.trace(e);
            }
            if (outcome->controlIdReused) {
                TraceEvent e{outcome->correlationId, outcome->messageId, persistedAt, QStringLiteral("dedup"),
                             QStringLiteral("warning"), {},
                             QStringLiteral("control ID reused with different content: processed as a new message")};
                if (!s.trace(e))
                    return false;
            }
            if (rec->deadLetter) {
                if (!s.insertDeadLetter.bind(1, outcome->messageId)
                         .bindText(2, outcome->correlationId)
                         .bind(3, rec->channel)
                         .bindNull(4)
                         .bind(5, rec->deadLetterStage)
                         .bind(6, rec->deadLetterReason)
                         .bind(7, rec->errorClass)
                         .bind(8, rec->errorLocation)
                         .bind(9, 0)
                         .bind(10, rec->receivedAtMs)
                         .bindBlob(11, rec->raw)
                         .run())
                    return false;
                TraceEvent e{outcome->correlationId, outcome->messageId, persistedAt, QStringLiteral("dead-letter"),
                             QStringLiteral("stored"), {},
                             QStringLiteral("%1: %2").arg(rec->deadLetterStage, rec->deadLetterReason)};
                if (!s.trace(e))
                    return false;
            }
            for (const QString& destination : std::as_const(rec->destinations)) {
                if (!s.insertQueue.bind(1, destination).bind(2, outcome->messageId).bind(3, rec->receivedAtMs).run())
                    return false;
                QueuedItem item;
                item.queueId = db.lastInsertId();
                item.messageId = outcome->messageId;
                item.destination = destination;
                item.payload = rec->raw;
                item.correlationId = outcome->correlationId;
                item.controlId = rec->controlId;
                item.receivedAtMs = rec->receivedAtMs;
                item.enqueuedAtMs = rec->receivedAtMs;
                outcome->enqueued.append(item);
                TraceEvent e{outcome->correlationId, outcome->messageId, persistedAt, QStringLiteral("enqueue"),
                             QStringLiteral("ok"), destination, QStringLiteral("queue entry %1").arg(item.queueId)};
                if (!s.trace(e))
                    return false;
            }
            TraceEvent persisted{outcome->correlationId, outcome->messageId, persistedAt, QStringLiteral("persist"),
                                 QStringLiteral("ok"), {}, QStringLiteral("%1 bytes").arg(rec->raw.size())};
            return s.trace(persisted);
        },
        [outcome, guard, done = std::move(done), hadContext = context != nullptr](bool ok, const QString& error) {
            outcome->committed = ok;
            if (!ok) {
                outcome->error = error;
                outcome->enqueued.clear();
                outcome->messageId = 0;
            }
            if (hadContext && !guard)
                return;
            postTo(guard.data(), [outcome, done] { done(*outcome); });
        });
}

void MessageStore::appendTrace(QList<TraceEvent> events)
{
    Private* p = d.get();
    d->writer.submitLazy(
        [p, events = std::move(events)](SqliteDatabase& db) {
            p->statements.prepare(db);
            for (const TraceEvent& e : events) {
                if (!p->statements.trace(e))
                    return false;
            }
            return true;
        });
}

void MessageStore::markDelivered(qint64 queueId, TraceEvent event)
{
    Private* p = d.get();
    d->writer.submitLazy([p, queueId, event = std::move(event)](SqliteDatabase& db) {
        p->statements.prepare(db);
        return p->statements.deleteQueue.bind(1, queueId).run() && p->statements.trace(event);
    });
}

void MessageStore::recordAttemptFailure(qint64 queueId, int attempts, qint64 nextAttemptAtMs, const QString& error,
                                        TraceEvent event)
{
    Private* p = d.get();
    d->writer.submitLazy([p, queueId, attempts, nextAttemptAtMs, error, event = std::move(event)](SqliteDatabase& db) {
        p->statements.prepare(db);
        return p->statements.updateQueueFailure.bind(1, queueId)
                   .bind(2, attempts)
                   .bind(3, nextAttemptAtMs)
                   .bind(4, error)
                   .run()
            && p->statements.trace(event);
    });
}

void MessageStore::deadLetterQueued(const QueuedItem& item, const QString& reason, const QString& errorClass,
                                    int attempts, TraceEvent event)
{
    Private* p = d.get();
    d->writer.submit(
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
        {});
}

void MessageStore::flush(QObject* context, std::function<void()> done)
{
    QPointer<QObject> guard(context);
    d->writer.submit([](SqliteDatabase&) { return true; },
                     [guard, done = std::move(done)](bool, const QString&) {
                         if (guard)
                             postTo(guard.data(), done);
                     });
}

QList<QueuedItem> MessageStore::loadQueue(const QString& destination, qint64 afterQueueId, int limit)
{
    std::lock_guard lock(d->readerMutex);
    auto stmt = d->reader.prepare(
        "SELECT q.id, q.message_id, q.enqueued_at, q.attempts, q.next_attempt_at, m.raw, m.correlation_id, "
        "m.control_id, m.received_at FROM queue q JOIN messages m ON m.id = q.message_id "
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

qint64 MessageStore::oldestQueuedAtMs(const QString& destination)
{
    std::lock_guard lock(d->readerMutex);
    auto stmt = d->reader.prepare("SELECT MIN(enqueued_at) FROM queue WHERE destination = ?1");
    stmt.bind(1, destination);
    return stmt.next() && !stmt.isNull(0) ? stmt.int64(0) : 0;
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
    return m;
}

constexpr const char* MessageColumns = "SELECT id, correlation_id, channel, received_at, msg_type, trigger_event, "
                                       "control_id, sending_app, sending_facility, hl7_version, patient_id, state, "
                                       "ack_code, duplicate_of, raw FROM messages ";

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

QList<StoredMessage> MessageStore::messagesByControlId(const QString& controlId)
{
    std::lock_guard lock(d->readerMutex);
    auto stmt = d->reader.prepare(QByteArray(QByteArray(MessageColumns) + "WHERE control_id = ?1 ORDER BY id").constData());
    stmt.bind(1, controlId);
    QList<StoredMessage> list;
    while (stmt.next())
        list.append(readMessage(stmt));
    return list;
}

QList<TraceEvent> MessageStore::trace(const QByteArray& correlationId)
{
    std::lock_guard lock(d->readerMutex);
    auto stmt = d->reader.prepare("SELECT correlation_id, message_id, at_us, stage, outcome, destination, detail "
                                  "FROM trace_events WHERE correlation_id = ?1 ORDER BY at_us, id");
    stmt.bindText(1, correlationId);
    QList<TraceEvent> events;
    while (stmt.next()) {
        events.append(TraceEvent{stmt.textUtf8(0), stmt.int64(1), stmt.int64(2), stmt.text(3), stmt.text(4),
                                 stmt.text(5), stmt.text(6)});
    }
    return events;
}

QList<DeadLetter> MessageStore::deadLetters(qint64 afterId, int limit)
{
    std::lock_guard lock(d->readerMutex);
    auto stmt = d->reader.prepare("SELECT id, message_id, correlation_id, channel, destination, stage, reason, "
                                  "error_class, error_location, attempts, created_at, state, raw FROM dead_letters "
                                  "WHERE id > ?1 ORDER BY id LIMIT ?2");
    stmt.bind(1, afterId).bind(2, limit);
    QList<DeadLetter> list;
    while (stmt.next()) {
        DeadLetter dl;
        dl.id = stmt.int64(0);
        dl.messageId = stmt.int64(1);
        dl.correlationId = stmt.textUtf8(2);
        dl.channel = stmt.text(3);
        dl.destination = stmt.text(4);
        dl.stage = stmt.text(5);
        dl.reason = stmt.text(6);
        dl.errorClass = stmt.text(7);
        dl.errorLocation = stmt.text(8);
        dl.attempts = int(stmt.int64(9));
        dl.createdAtMs = stmt.int64(10);
        dl.state = stmt.text(11);
        dl.raw = stmt.blob(12);
        list.append(dl);
    }
    return list;
}

qint64 MessageStore::deadLetterCount()
{
    std::lock_guard lock(d->readerMutex);
    auto stmt = d->reader.prepare("SELECT COUNT(*) FROM dead_letters WHERE state = 'open'");
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
    return d->writer.batchesCommitted();
}

qint64 MessageStore::operationsCommitted() const
{
    return d->writer.operationsCommitted();
}
