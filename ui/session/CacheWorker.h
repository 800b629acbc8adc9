#pragma once

#include "models/console/ConsoleCache.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QPair>
#include <QPointF>
#include <QString>

#include <optional>

/// One node's ConsoleCache on the cache thread: the UI never touches SQLite itself (the cache's
/// methods are disk I/O). NodeSession calls the public functions through
/// QMetaObject::invokeMethod(worker, ..., Qt::QueuedConnection); results come back as signals.
class CacheWorker : public QObject
{
    Q_OBJECT

public:
    using Samples = QList<QPair<qint64, QJsonObject>>;

    CacheWorker() = default;

    /// Opens (creating or migrating) the file; a file the cache cannot use is replaced, since it
    /// only holds copies of what the node has. Then emits opened() and latestStats().
    void open(const QString& path, qint64 maxBytes);
    void setMaxBytes(qint64 maxBytes);
    /// One batch of stats samples (one transaction) plus the time of the last contact.
    void writeStats(const Samples& samples, qint64 lastContactMs);
    void writeList(const QString& key, const QJsonValue& value, qint64 cachedAtMs);
    /// A list stored with writeList() (an API answer kept for offline use), if any.
    std::optional<CachedItem> readList(const QString& key) const;
    /// Chart points of one endpoint ("channel" | "destination") or of the node's aggregate ("node")
    /// out of the cached samples in [fromMs, toMs], at most ~1200 of each (evenly thinned).
    void historyPoints(const QString& kind, const QString& name, qint64 fromMs, qint64 toMs,
                       QList<QPointF>* queueDepth, QList<QPointF>* throughput) const;
    /// Stores message summaries the node returned (a search result page).
    void writeMessages(const QJsonArray& summaries, qint64 cachedAtMs);
    /// One page of cached summaries (ConsoleCache::messagePage), for searches while offline.
    QList<QJsonObject> messagePage(const CacheSearch& search, qint64 beforeId, int limit) const;
    /// GET /messages/{id} as the node sent it (also marks it viewed, so pruning keeps it longer).
    void writeMessageDetail(qint64 id, const QJsonObject& detail, qint64 cachedAtMs);
    std::optional<CachedItem> messageDetail(qint64 id) const;
    /// GET /traces/{correlationId} as the node sent it.
    void writeTrace(const QString& correlationId, const QJsonObject& trace, qint64 cachedAtMs);
    std::optional<CachedItem> trace(const QString& correlationId) const;
    void close();

signals:
    void opened(bool ok, const QString& error);
    /// The newest cached stats sample (empty when none), when it was sampled and when the console
    /// last heard from the node.
    void latestStats(const QJsonObject& stats, qint64 atMs, qint64 lastContactMs);
    void writeFailed(const QString& error);

private:
    ConsoleCache m_cache;
};
