#include "ui/session/CacheWorker.h"

#include <QDateTime>
#include <QLoggingCategory>

#include <limits>

Q_LOGGING_CATEGORY(lcCacheWorker, "vigil.ui.cache")

void CacheWorker::open(const QString& path, qint64 maxBytes)
{
    QString error;
    m_cache.setMaxBytes(maxBytes);
    bool ok = m_cache.open(path, ConsoleCache::OpenMode::ReadWrite, &error);
    if (!ok) {
        qCWarning(lcCacheWorker) << "replacing an unusable cache file:" << error;
        m_cache.close();
        ok = ConsoleCache::removeFiles(path) && m_cache.open(path, ConsoleCache::OpenMode::ReadWrite, &error);
    }
    emit opened(ok, error);
    if (!ok)
        return;
    // The newest sample: look back a little first, since a long window of 1 Hz samples is big.
    const qint64 lastContact = m_cache.lastContact();
    const qint64 to = lastContact > 0 ? lastContact : QDateTime::currentMSecsSinceEpoch();
    CacheWorker::Samples samples;
    for (const qint64 back : {qint64(10) * 60 * 1000, qint64(24) * 3600 * 1000, qint64(7) * 24 * 3600 * 1000}) {
        samples = m_cache.statsSince(to - back, std::numeric_limits<qint64>::max());
        if (!samples.isEmpty())
            break;
    }
    if (samples.isEmpty())
        emit latestStats(QJsonObject(), 0, lastContact);
    else
        emit latestStats(samples.constLast().second, samples.constLast().first, lastContact);
}

void CacheWorker::setMaxBytes(qint64 maxBytes)
{
    m_cache.setMaxBytes(maxBytes);
    if (m_cache.isOpen())
        m_cache.prune();
}

void CacheWorker::writeStats(const Samples& samples, qint64 lastContactMs)
{
    if (!m_cache.isOpen())
        return;
    QString error;
    if (!samples.isEmpty() && !m_cache.putStatsSamples(samples, &error))
        emit writeFailed(error);
    if (lastContactMs > 0)
        m_cache.setLastContact(lastContactMs);
}

std::optional<CachedItem> CacheWorker::readList(const QString& key) const
{
    if (!m_cache.isOpen())
        return std::nullopt;
    return m_cache.list(key);
}

void CacheWorker::writeList(const QString& key, const QJsonValue& value, qint64 cachedAtMs)
{
    if (!m_cache.isOpen())
        return;
    QString error;
    if (!m_cache.putList(key, value, cachedAtMs, &error))
        emit writeFailed(error);
}

void CacheWorker::historyPoints(const QString& kind, const QString& name, qint64 fromMs, qint64 toMs,
                                QList<QPointF>* queueDepth, QList<QPointF>* throughput) const
{
    if (!m_cache.isOpen())
        return;
    const auto samples = m_cache.statsSince(fromMs, toMs);
    const qsizetype step = qMax<qsizetype>(1, samples.size() / 1200);
    for (qsizetype i = 0; i < samples.size(); i += step) {
        const QJsonObject& stats = samples.at(i).second;
        const double at = double(samples.at(i).first);
        double queue = 0;
        double rate = 0;
        bool found = kind == u"node";
        if (kind == u"node") {
            for (const QJsonValue& d : stats.value(u"destinations").toArray())
                queue += d.toObject().value(u"queueDepth").toDouble();
            for (const QJsonValue& c : stats.value(u"channels").toArray())
                rate += c.toObject().value(u"arrivalRatePerSec").toDouble();
        } else {
            const bool destination = kind == u"destination";
            for (const QJsonValue& v : stats.value(destination ? u"destinations" : u"channels").toArray()) {
                const QJsonObject e = v.toObject();
                if (e.value(u"name").toString() != name)
                    continue;
                queue = e.value(u"queueDepth").toDouble();
                rate = e.value(destination ? u"drainRatePerSec" : u"arrivalRatePerSec").toDouble();
                found = true;
                break;
            }
        }
        if (!found)
            continue;
        queueDepth->append(QPointF(at, queue));
        throughput->append(QPointF(at, rate));
    }
}

void CacheWorker::writeMessages(const QJsonArray& summaries, qint64 cachedAtMs)
{
    QString error;
    if (m_cache.isOpen() && !m_cache.putMessages(summaries, cachedAtMs, &error))
        emit writeFailed(error);
}

QList<QJsonObject> CacheWorker::messagePage(const CacheSearch& search, qint64 beforeId, int limit) const
{
    if (!m_cache.isOpen())
        return {};
    return m_cache.messagePage(search, beforeId, limit);
}

void CacheWorker::writeMessageDetail(qint64 id, const QJsonObject& detail, qint64 cachedAtMs)
{
    QString error;
    if (m_cache.isOpen() && !m_cache.putMessageDetail(id, detail, cachedAtMs, &error))
        emit writeFailed(error);
}

std::optional<CachedItem> CacheWorker::messageDetail(qint64 id) const
{
    if (!m_cache.isOpen())
        return std::nullopt;
    return m_cache.messageDetail(id);
}

void CacheWorker::writeTrace(const QString& correlationId, const QJsonObject& trace, qint64 cachedAtMs)
{
    QString error;
    if (m_cache.isOpen() && !m_cache.putTrace(correlationId, trace, cachedAtMs, &error))
        emit writeFailed(error);
}

std::optional<CachedItem> CacheWorker::trace(const QString& correlationId) const
{
    if (!m_cache.isOpen())
        return std::nullopt;
    return m_cache.trace(correlationId);
}

void CacheWorker::close()
{
    m_cache.close();
}
