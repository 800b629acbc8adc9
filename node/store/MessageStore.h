#pragma once

#include "node/store/Sqlite.h"
#include "node/store/StoreTypes.h"
#include "node/store/StoreWriter.h"

#include <QHash>
#include <QObject>

#include <functional>
#include <memory>
#include <optional>

/// The node's durable store (DESIGN.md section 2): messages with their raw bytes, trace events,
/// per-destination FIFO queues and the dead-letter queue, in one SQLite database in WAL mode, fronted
/// by a write-ahead journal (IngestJournal).
///
/// An ingest is durable — and its completion runs — once its journal record is fdatasynced (group
/// commit: one fsync for all messages waiting). The node ingests with ingestInLoop() on its I/O
/// thread; ingest() hands over to a journal thread instead, which also keeps every other write in
/// submission order. An applier thread then writes the records into the tables in bulk within about
/// StoreWriter::LazyDelayMs, and a restart replays whatever it had not applied.
/// Reads (on the calling thread, through their own connection) see applied data: call flush() first
/// to read your own writes. Completions are delivered on the thread of the context object given.
class MessageStore
{
public:
    struct Options
    {
        QString path;
        int maxBatch = 512;
        bool fullSync = true;                        ///< fsync every commit (durable against power loss)
    };

    MessageStore();
    ~MessageStore();

    bool open(const Options& options, QString* errorString);
    /// Commits everything submitted so far, then stops the writer.
    void close();
    bool isOpen() const;
    QString path() const;                            ///< the database file (readers open their own connections)

    // --- writes (thread-safe; completion on `context`'s thread, dropped if context is gone) ---

    /// Deduplicates, stores the message, its dead letter (if any), its trace events and one queue
    /// entry per destination, all in one transaction.
    void ingest(IngestRecord record, QObject* context, std::function<void(const IngestOutcome&)> done);
    /// The same, without a hand-off to the journal thread, for the event-loop thread that received
    /// the messages: they are collected until that thread's event loop is about to wait again (so
    /// every message that arrived in one pass shares one fdatasync), committed on this thread, and
    /// `done` runs right after, on this thread. Always call it from the same thread.
    void ingestInLoop(IngestRecord record, std::function<void(const IngestOutcome&)> done);
    /// Commits what ingestInLoop() collected, now.
    void commitInLoop();
    static constexpr int FallbackCommitMs = 2;
    /// Trace events that need no confirmation (e.g. "ack sent"): they ride in the next commit.
    void appendTrace(QList<TraceEvent> events);
    /// Removes the entry from its queue and records the delivery.
    void markDelivered(qint64 queueId, TraceEvent event);
    /// Keeps the entry queued with its attempt count and next attempt time.
    void recordAttemptFailure(qint64 queueId, int attempts, qint64 nextAttemptAtMs, const QString& error,
                              TraceEvent event);
    /// Moves the entry from its queue to the dead-letter queue.
    void deadLetterQueued(const QueuedItem& item, const QString& reason, const QString& errorClass, int attempts,
                          TraceEvent event);
    /// Parks open dead letters (open → parked, with who, when and why) or unparks parked ones
    /// (parked → open, those cleared), in one transaction that applies after every write submitted
    /// before it — so a resubmission committed earlier wins, and the outcome says so. Each item's
    /// state is checked inside that transaction. `done` runs on context's thread once committed (or
    /// failed: then nothing changed); reads made after it see the change.
    void setParked(ParkChange change, QObject* context, std::function<void(const ParkOutcome&)> done);
    /// Runs `done` on context's thread after everything submitted before it is committed.
    void flush(QObject* context, std::function<void()> done);

    // --- reads (calling thread) ---

    /// Queue entries of a destination after a queue ID, oldest first (FIFO = queue ID order).
    QList<QueuedItem> loadQueue(const QString& destination, qint64 afterQueueId, int limit);
    QHash<QString, qint64> queueDepths();
    struct QueueStats
    {
        qint64 count = 0;
        qint64 maxQueueId = 0;
    };
    QueueStats queueStats(const QString& destination);
    std::optional<StoredMessage> message(qint64 id);
    QList<TraceEvent> trace(const QByteArray& correlationId);
    QList<DeadLetter> deadLetters(qint64 afterId, int limit);
    std::optional<DeadLetter> deadLetter(qint64 id);
    qint64 deadLetterCount();
    qint64 messageCount();
    /// The newest applied message's ID: messages stored so far, cheaply (an index lookup, where
    /// messageCount() walks the table).
    qint64 lastMessageId();

    /// Group commits of the journal (each one fdatasync) and the messages they made durable.
    qint64 batchesCommitted() const;
    qint64 operationsCommitted() const;

private:
    /// Writes other than ingests go through the same ordered queue, so they apply after everything
    /// submitted before them.
    void submitWrite(StoreWriter::Apply apply, StoreWriter::Done done, bool lazy);

    struct Private;
    std::unique_ptr<Private> d;
};
