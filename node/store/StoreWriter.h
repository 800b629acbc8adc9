#pragma once

#include "node/store/Sqlite.h"

#include <QString>

#include <atomic>
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
    qint64 batchesCommitted() const { return m_batches; }
    qint64 operationsCommitted() const { return m_operations; }

private:
    struct Op
    {
        Apply apply;
        Done done;
    };
    void run();
    void runBatch(std::deque<Op>& batch);

    SqliteDatabase m_db;
    std::thread m_thread;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::deque<Op> m_queue;
    bool m_stopping = false;
    int m_maxBatch = 512;
    std::atomic<qint64> m_batches{0};
    std::atomic<qint64> m_operations{0};
};
