#include "node/store/StoreWriter.h"

#include <QLoggingCategory>

#include <sqlite3.h>

Q_LOGGING_CATEGORY(lcWriter, "vigil.node.store.writer")

StoreWriter::~StoreWriter()
{
    stop();
}

bool StoreWriter::start(const QString& path, int maxBatch, bool fullSync, QString* errorString)
{
    if (!m_db.open(path, false, errorString))
        return false;
    // WAL + synchronous=FULL: each commit fsyncs the WAL, so a committed message survives a crash or
    // power loss (commit-then-acknowledge needs exactly that).
    QString error;
    if (!m_db.exec("PRAGMA journal_mode=WAL", &error)
        || !m_db.exec(fullSync ? "PRAGMA synchronous=FULL" : "PRAGMA synchronous=NORMAL", &error)
        || !m_db.exec("PRAGMA foreign_keys=OFF", &error) || !m_db.exec("PRAGMA cache_size=-65536", &error)
        || !m_db.exec("PRAGMA wal_autocheckpoint=0", &error)
        || !m_db.exec("PRAGMA journal_size_limit=67108864", &error)) {
        if (errorString)
            *errorString = QStringLiteral("cannot configure store: %1").arg(error);
        return false;
    }
    m_maxBatch = qMax(1, maxBatch);
    m_stopping = false;
    m_path = path;
    sqlite3_wal_hook(m_db.handle(), &StoreWriter::onWalCommit, this);
    m_thread = std::thread([this] { run(); });
    m_checkpointer = std::thread([this] { runCheckpointer(); });
    return true;
}

void StoreWriter::stop()
{
    if (!m_thread.joinable())
        return;
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_all();
    m_checkpointWake.notify_all();
    m_thread.join();
    m_checkpointer.join();
    // A last full checkpoint leaves a compact database file and an empty WAL behind.
    m_db.exec("PRAGMA wal_checkpoint(TRUNCATE)");
    m_db.close();
}

int StoreWriter::onWalCommit(void* self, sqlite3*, const char*, int pages)
{
    auto* writer = static_cast<StoreWriter*>(self);
    writer->m_walPages.store(pages, std::memory_order_relaxed);
    if (pages >= 1000) {
        std::lock_guard lock(writer->m_mutex);
        writer->m_checkpointDue = true;
        writer->m_checkpointWake.notify_one();
    }
    return SQLITE_OK;
}

void StoreWriter::runCheckpointer()
{
    SqliteDatabase db;
    // A new connection only learns the database is in WAL mode once it reads it; until then a
    // checkpoint is a silent no-op (and the WAL would grow without bound).
    if (!db.open(m_path, false, nullptr) || !db.exec("PRAGMA journal_mode=WAL"))
        return;
    for (;;) {
        {
            std::unique_lock lock(m_mutex);
            m_checkpointWake.wait(lock, [this] { return m_stopping || m_checkpointDue; });
            if (m_stopping)
                return;
            m_checkpointDue = false;
        }
        // PASSIVE never blocks the writer or readers; what it cannot copy now it copies next time.
        int walFrames = 0;
        const int rc = sqlite3_wal_checkpoint_v2(db.handle(), nullptr, SQLITE_CHECKPOINT_PASSIVE, &walFrames, nullptr);
        if ((rc != SQLITE_OK && rc != SQLITE_BUSY) || walFrames < 0)
            qCWarning(lcWriter) << "checkpoint failed:" << db.lastError();
    }
}

void StoreWriter::submit(Apply apply, Done done)
{
    {
        std::lock_guard lock(m_mutex);
        m_queue.push_back(Op{std::move(apply), std::move(done), false});
        ++m_eager;
    }
    m_wake.notify_one();
}

void StoreWriter::submitLazy(Apply apply, Done done)
{
    bool first = false;
    {
        std::lock_guard lock(m_mutex);
        first = m_queue.empty();
        if (first)
            m_firstLazyAt = std::chrono::steady_clock::now();
        m_queue.push_back(Op{std::move(apply), std::move(done), true});
    }
    // The writer sleeps without a deadline while nothing is queued: give it one.
    if (first)
        m_wake.notify_one();
}

void StoreWriter::run()
{
    std::deque<Op> batch;
    for (;;) {
        {
            std::unique_lock lock(m_mutex);
            // Commit at once when someone waits for it (an eager operation); lazy ones wait up to
            // LazyDelayMs for company, or until a batch is full.
            const auto due = [this] {
                return m_stopping || m_eager > 0 || m_queue.size() >= std::size_t(m_maxBatch)
                    || (!m_queue.empty()
                        && std::chrono::steady_clock::now() - m_firstLazyAt >= std::chrono::milliseconds(LazyDelayMs));
            };
            while (!due()) {
                if (m_queue.empty())
                    m_wake.wait(lock);
                else
                    m_wake.wait_until(lock, m_firstLazyAt + std::chrono::milliseconds(LazyDelayMs));
            }
            if (m_queue.empty() && m_stopping)
                return;
            // Everything queued, in order: an eager operation must not pass a lazy one before it.
            while (!m_queue.empty()) {
                if (!m_queue.front().lazy)
                    --m_eager;
                batch.push_back(std::move(m_queue.front()));
                m_queue.pop_front();
            }
        }
        if (!batch.empty())
            runBatch(batch);
        batch.clear();
        // Under steady load the WAL is never fully copied back at the moment a transaction starts,
        // so SQLite never rewinds it and it grows without bound. Once it is large, the writer waits
        // for a RESTART checkpoint between two batches — quick, since the background checkpoints
        // already copied nearly all of it — and the WAL starts again from its beginning.
        if (m_walPages.load(std::memory_order_relaxed) >= WalRestartPages) {
            sqlite3_wal_checkpoint_v2(m_db.handle(), nullptr, SQLITE_CHECKPOINT_RESTART, nullptr, nullptr);
            m_walPages.store(0, std::memory_order_relaxed);
        }
    }
}

void StoreWriter::runBatch(std::deque<Op>& batch)
{
    QString error;
    bool ok = m_db.exec("BEGIN IMMEDIATE", &error);
    if (ok) {
        for (auto& op : batch) {
            if (!op.apply(m_db)) {
                ok = false;
                error = m_db.lastError();
                break;
            }
        }
        if (ok)
            ok = m_db.exec("COMMIT", &error);
        if (!ok)
            m_db.exec("ROLLBACK");
    }
    if (ok) {
        for (auto& op : batch) {
            if (op.done)
                op.done(true, {});
        }
        return;
    }
    if (batch.size() == 1) {
        qCWarning(lcWriter) << "store write failed:" << error;
        if (batch.front().done)
            batch.front().done(false, error);
        return;
    }
    // One operation failed the batch: isolate it by retrying each in its own transaction.
    for (auto& op : batch) {
        std::deque<Op> single;
        single.push_back(std::move(op));
        runBatch(single);
    }
}
