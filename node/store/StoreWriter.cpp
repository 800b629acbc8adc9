#include "node/store/StoreWriter.h"

#include <QLoggingCategory>

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
        || !m_db.exec("PRAGMA foreign_keys=OFF", &error)) {
        if (errorString)
            *errorString = QStringLiteral("cannot configure store: %1").arg(error);
        return false;
    }
    m_maxBatch = qMax(1, maxBatch);
    m_stopping = false;
    m_thread = std::thread([this] { run(); });
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
    m_thread.join();
    m_db.close();
}

void StoreWriter::submit(Apply apply, Done done)
{
    {
        std::lock_guard lock(m_mutex);
        m_queue.push_back(Op{std::move(apply), std::move(done)});
    }
    m_wake.notify_one();
}

void StoreWriter::run()
{
    std::deque<Op> batch;
    for (;;) {
        {
            std::unique_lock lock(m_mutex);
            m_wake.wait(lock, [this] { return m_stopping || !m_queue.empty(); });
            if (m_queue.empty() && m_stopping)
                return;
            const auto n = std::min<std::size_t>(m_queue.size(), std::size_t(m_maxBatch));
            for (std::size_t i = 0; i < n; ++i) {
                batch.push_back(std::move(m_queue.front()));
                m_queue.pop_front();
            }
        }
        runBatch(batch);
        batch.clear();
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
        m_batches.fetch_add(1, std::memory_order_relaxed);
        m_operations.fetch_add(qint64(batch.size()), std::memory_order_relaxed);
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
