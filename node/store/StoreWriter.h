#pragma once

#include "node/store/Sqlite.h"

#include <QString>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>

/// The store's single writer: a thread that applies queued write operations in batches, one
/// transaction (and so one fsync) per batch. While a commit is on disk new operations pile up and go
/// into the next batch together — group commit — so concurrent connections share fsyncs.
class StoreWriter
{
public:
    /// Runs inside the transaction; returns false on an SQL error (the batch is then retried one
    /// operation per transaction so one bad operation cannot fail the others).
    using Apply = std::function<bool(SqliteDatabase&)>;
    /// Runs on the writer thread after the transaction ended: ok = committed.
    using Done = std::function<void(bool ok, const QString& error)>;

    StoreWriter() = default;
    ~StoreWriter();

    bool start(const QString& path, int maxBatch, bool fullSync, QString* errorString);
    /// Applies everything queued, then stops the thread.
    void stop();
    void submit(Apply apply, Done done);
    /// For writes nobody waits for (trace events after the ACK, delivery bookkeeping): they ride in
    /// the next batch that commits anyway, or commit on their own after lazyDelayMs — so a message
    /// costs one fsync, not two. A crash can lose the last lazyDelayMs of them, never a message.
    void submitLazy(Apply apply, Done done = {});
    static constexpr int LazyDelayMs = 100;
    static constexpr int WalRestartPages = 4096;     ///< 16 MiB of WAL

private:
    struct Op
    {
        Apply apply;
        Done done;
        bool lazy = false;
    };
    void run();
    void runBatch(std::deque<Op>& batch);
    void runCheckpointer();
    static int onWalCommit(void* self, struct sqlite3* db, const char* name, int pages);

    SqliteDatabase m_db;
    std::thread m_thread;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::deque<Op> m_queue;                          ///< in submission order, lazy or not
    int m_eager = 0;                                 ///< non-lazy operations in m_queue
    std::chrono::steady_clock::time_point m_firstLazyAt;
    bool m_stopping = false;
    int m_maxBatch = 512;
    // Checkpoints copy the WAL back into the database file. Done by the writer on commit (SQLite's
    // default) they stall the ACKs waiting for that commit; a thread of their own keeps them off the
    // commit path.
    QString m_path;
    std::thread m_checkpointer;
    std::condition_variable m_checkpointWake;
    bool m_checkpointDue = false;
    std::atomic<int> m_walPages{0};
};
