#pragma once

#include "models/console/ConsoleCacheTypes.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QSqlDatabase>
#include <QString>

#include <limits>
#include <optional>

/// The console's offline copy of one node: everything it has seen, as the ops API JSON it came in
/// (docs/ops-api.md), in one SQLite file per node (e.g. <AppDataLocation>/cache/<nodeId>.sqlite).
///
/// Threads: one ConsoleCache instance is one QSqlDatabase connection (unique connection name) and
/// must be opened, used and destroyed on one thread. The file is in WAL mode, so a second instance
/// opened ReadOnly on another thread (e.g. the item model's page loader) reads while the writer
/// writes, without blocking either. Use one writer per file.
///
/// Blocking: every method is synchronous and meant to be fast (indexed lookups, batched writes,
/// pages of at most kMaxPageSize), but it is still disk I/O: the UI calls it through a worker
/// thread, never from the UI thread.
///
/// Content: the caller stores what the node sent, masked as the node masked it. Content revealed
/// with a reason (ops API 2.9 reveal) must never be put in the cache.
///
/// Size: bounded by setMaxBytes() (default kDefaultMaxBytes). When a write takes the file over
/// the bound, prune() runs: it drops the oldest stats samples and the least recently viewed
/// messages, details and traces first, until the file is below 90 % of the bound. Lists and the
/// last-contact time are never pruned.
///
/// Schema: versioned in the `meta` table (schema_version); open() migrates older files in place.
/// Version 1: stats, messages, message_details, traces. Version 2 (current): adds the accession
/// column and index, viewed_at for least-recently-viewed pruning, the lists table and incremental
/// auto-vacuum (so pruning shrinks the file).
class ConsoleCache
{
    Q_DECLARE_TR_FUNCTIONS(ConsoleCache)

public:
    static constexpr int kSchemaVersion = 2;
    static constexpr qint64 kDefaultMaxBytes = qint64(1) << 30; ///< 1 GiB
    static constexpr int kMaxPageSize = 1000;

    enum class OpenMode {
        ReadWrite, ///< creates the file (and its folder) if needed and migrates it
        ReadOnly,  ///< for a second, reading connection; fails on a missing or outdated file
    };

    ConsoleCache();
    ~ConsoleCache();
    ConsoleCache(const ConsoleCache&) = delete;
    ConsoleCache& operator=(const ConsoleCache&) = delete;

    /// Opens (and for ReadWrite creates and migrates) the cache file. False with a reason for a
    /// file that is not SQLite, not a console cache, or made by a newer console (schema newer than
    /// kSchemaVersion); the caller may then removeFiles() and open again.
    bool open(const QString& path, OpenMode mode = OpenMode::ReadWrite, QString* errorString = nullptr);
    void close();
    bool isOpen() const;
    QString path() const { return m_path; }
    bool isReadOnly() const { return m_mode == OpenMode::ReadOnly; }
    /// The file's schema version; 0 when closed.
    int schemaVersion() const;

    /// Deletes a (closed) cache file with its -wal and -shm files. True if nothing is left.
    static bool removeFiles(const QString& path, QString* errorString = nullptr);

    // --- stats (docs/ops-api.md 4.3) -------------------------------------------------------
    /// Stores stats samples keyed by atMs (a sample with the same atMs is replaced). One transaction.
    bool putStatsSamples(const QList<QPair<qint64, QJsonObject>>& samples, QString* errorString = nullptr);
    /// Samples with fromMs <= atMs <= toMs, oldest first.
    QList<QPair<qint64, QJsonObject>> statsSince(qint64 fromMs,
                                                 qint64 toMs = std::numeric_limits<qint64>::max()) const;

    // --- message summaries (4.1 MessageSummary) ----------------------------------------------
    /// Stores summaries by their `id` in one transaction. A known id is replaced; its last-seen
    /// time for pruning becomes the later of cachedAtMs and when it was last viewed. Items without a positive integer `id` are skipped. patientId "***" is
    /// stored in the JSON but not indexed. The accession is taken from the first present of
    /// accession, accessionNumber, fillerOrderNumber, placerOrderNumber.
    bool putMessages(const QJsonArray& summaries, qint64 cachedAtMs, QString* errorString = nullptr);
    /// One page of summaries matching `search`, newest (highest id) first, with id < beforeId
    /// (beforeId <= 0: from the newest). limit is clamped to 1..kMaxPageSize. The next page:
    /// beforeId = the last item's id; a page shorter than limit is the last one. Identifier
    /// searches use their indexes; a time range costs at most a scan of the smaller of "the range"
    /// and "everything newer than it" on the received_at index (measured: tests/bench/bench_console_cache).
    QList<QJsonObject> messagePage(const CacheSearch& search, qint64 beforeId, int limit,
                                   QString* errorString = nullptr) const;
    std::optional<CachedItem> messageSummary(qint64 id) const;
    qint64 messageCount() const;

    // --- message details (4.6) and traces (4.9) ------------------------------------------------
    /// Stores GET /messages/{id} as received; cachedAtMs also counts as its last view.
    bool putMessageDetail(qint64 id, const QJsonObject& detail, qint64 cachedAtMs,
                          QString* errorString = nullptr);
    std::optional<CachedItem> messageDetail(qint64 id) const;
    /// Stores GET /traces/{correlationId} as received (correlationId lowered).
    bool putTrace(const QString& correlationId, const QJsonObject& trace, qint64 cachedAtMs,
                  QString* errorString = nullptr);
    std::optional<CachedItem> trace(const QString& correlationId) const;
    /// Records that the user looked at a message (its summary and detail) or a trace, so pruning
    /// keeps it longer. Reading does not do this by itself, so readers stay read-only.
    bool markMessageViewed(qint64 id, qint64 atMs);
    bool markTraceViewed(const QString& correlationId, qint64 atMs);

    // --- lists: key -> JSON (the last dead-letter list, the alert list, node info, ...) ---------
    bool putList(const QString& key, const QJsonValue& value, qint64 cachedAtMs, QString* errorString = nullptr);
    std::optional<CachedItem> list(const QString& key) const;
    bool removeList(const QString& key);

    // --- node --------------------------------------------------------------------------------
    /// When the console last heard from the node (ms since the epoch); 0 when never.
    bool setLastContact(qint64 atMs);
    qint64 lastContact() const;

    // --- size ---------------------------------------------------------------------------------
    /// 0 or less: unbounded. Takes effect at the next write (call prune() to apply it now).
    void setMaxBytes(qint64 maxBytes) { m_maxBytes = maxBytes; }
    qint64 maxBytes() const { return m_maxBytes; }
    /// The database's size in bytes (pages in use and free, the WAL's content included).
    qint64 sizeBytes() const;
    /// Prunes to below 90 % of maxBytes() if it is above maxBytes() (see the class comment),
    /// then returns the freed pages to the file system. No-op when unbounded or read-only.
    bool prune(QString* errorString = nullptr);

    /// The last error of any call (also returned through errorString where there is one).
    QString lastError() const { return m_lastError; }

private:
    bool exec(const QString& sql, QString* errorString = nullptr) const;
    bool createSchema(QString* errorString);
    bool migrate(int fromVersion, QString* errorString);
    bool migrateV1toV2(QString* errorString);
    int readSchemaVersion(QString* errorString) const;
    bool pruneIfNeeded(QString* errorString);
    std::optional<qint64> rangeIdBound(const CacheSearch& search, qint64 beforeId, bool* empty,
                                       QString* errorString) const;
    bool pruneRound(double fraction, QString* errorString);
    bool releaseFreePages(QString* errorString);
    bool fail(const QString& message, QString* errorString) const;

    QSqlDatabase m_db;
    QString m_connectionName;
    QString m_path;
    OpenMode m_mode = OpenMode::ReadWrite;
    int m_schemaVersion = 0;
    qint64 m_maxBytes = kDefaultMaxBytes;
    mutable QString m_lastError;
};
