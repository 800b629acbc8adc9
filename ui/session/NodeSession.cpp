#include "ui/session/NodeSession.h"

#include "models/console/AlertBoardModel.h"
#include "models/console/NodeListModel.h"
#include "models/console/OverviewModel.h"
#include "ui/session/ActionQueue.h"
#include "ui/session/CacheWorker.h"
#include "ui/session/TokenVault.h"

#include <QDateTime>
#include <QDir>
#include <QJsonArray>
#include <QLocale>
#include <QThread>
#include <QUrl>

namespace {

qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

QString clockTime(qint64 ms)
{
    const QDateTime at = QDateTime::fromMSecsSinceEpoch(ms).toLocalTime();
    // Within today the time says it all; older data also needs the date.
    if (at.date() == QDate::currentDate())
        return QLocale().toString(at.time(), QLocale::ShortFormat);
    return QLocale().toString(at, QLocale::ShortFormat);
}

} // namespace

NodeSession::NodeSession(const NodeProfile& profile, const NodeSessionContext& context, QObject* parent)
    : QObject(parent)
    , m_profile(profile)
    , m_context(context)
    , m_client(new OpsClient(endpointOf(profile), this))
    , m_stream(new StreamClient(endpointOf(profile), this))
    , m_cache(new CacheWorker)
{
    if (m_context.cacheThread)
        m_cache->moveToThread(m_context.cacheThread);
    connect(m_cache, &CacheWorker::latestStats, this, &NodeSession::onCachedStats);
    m_actions = new ActionQueue(profile.id, m_client, this);
    connect(m_actions, &ActionQueue::actionChanged, this, &NodeSession::onActionChanged);

    connect(m_client, &OpsClient::unauthorized, this, &NodeSession::onUnauthorized);
    connect(m_client, &OpsClient::certificateMismatch, this, &NodeSession::onCertificateMismatch);
    connect(m_stream, &StreamClient::eventReceived, this, &NodeSession::onStreamEvent);
    connect(m_stream, &StreamClient::stateChanged, this, &NodeSession::onStreamState);
    connect(m_stream, &StreamClient::unauthorized, this, &NodeSession::onUnauthorized);
    connect(m_stream, &StreamClient::resyncRequired, this, [this] {
        // Missed events cannot be replayed: reload what the stream would have told us.
        fetchStats();
        fetchAlerts();
        emit resynced();
    });
    connect(m_stream, &StreamClient::errorOccurred, this, [this](const QString& text, bool mismatch) {
        if (mismatch) {
            // The stream does not say what was presented; one GET does (OpsClient reports both).
            m_stream->stop();
            pollNode();
            return;
        }
        noteFailure(text);
    });

    m_flushTimer.setInterval(1000);
    connect(&m_flushTimer, &QTimer::timeout, this, &NodeSession::flushCache);
    m_pollTimer.setSingleShot(true);
    connect(&m_pollTimer, &QTimer::timeout, this, &NodeSession::pollNode);
}

NodeSession::~NodeSession()
{
    flushCache();
    CacheWorker* worker = m_cache;
    m_cache = nullptr;
    if (m_context.cacheThread && m_context.cacheThread->isRunning()) {
        // Close the SQLite connection on the thread that opened it, before the thread goes away.
        QMetaObject::invokeMethod(worker, [worker] {
            worker->close();
            delete worker;
        }, Qt::BlockingQueuedConnection);
    } else {
        worker->close();
        delete worker;
    }
}

OpsEndpoint NodeSession::endpointOf(const NodeProfile& profile) const
{
    OpsEndpoint endpoint;
    endpoint.host = profile.host;
    endpoint.port = profile.port;
    endpoint.tls = profile.tls;
    endpoint.pinnedFingerprint = profile.pinnedFingerprint;
    return endpoint;
}

void NodeSession::setProfile(const NodeProfile& profile)
{
    const bool endpointChanged = endpointOf(profile) != endpointOf(m_profile);
    m_profile = profile;
    if (m_context.nodes) {
        NodeListModel::Node node;
        node.nodeId = profile.id;
        node.displayName = profile.displayName;
        node.site = profile.site;
        m_context.nodes->updateNode(node);
    }
    if (m_context.alerts)
        m_context.alerts->setNodeName(profile.id, profile.displayName);
    if (!endpointChanged)
        return;
    m_client->setEndpoint(endpointOf(profile));
    m_stream->stop();
    m_stream->setEndpoint(endpointOf(profile));
    m_certificateRefused = false;
    m_presentedFingerprint.clear();
    m_failure.clear();
    if (m_started && hasToken())
        goLive();
    updateState();
}

void NodeSession::start()
{
    if (m_started)
        return;
    m_started = true;
    m_state.clear();
    updateState();
    const QString path = QDir(m_context.cacheDir).filePath(m_profile.id + u".sqlite");
    const qint64 maxBytes = m_context.cacheMaxBytes;
    CacheWorker* worker = m_cache;
    QMetaObject::invokeMethod(worker, [worker, path, maxBytes] {
        worker->open(path, maxBytes > 0 ? maxBytes : ConsoleCache::kDefaultMaxBytes);
    }, Qt::QueuedConnection);
    m_flushTimer.start();
    if (!m_context.cacheDir.isEmpty()) {
        QDir().mkpath(m_context.cacheDir);
        QString error;
        if (!m_actions->openStore(QDir(m_context.cacheDir).filePath(m_profile.id + u".actions.sqlite"), &error))
            emit message(error);
    }
    if (m_context.alerts) {
        m_context.alerts->setNodeName(m_profile.id, m_profile.displayName);
        fetchAlerts(); // the cached board until the node answers
    }

    if (!m_context.vault) {
        updateState();
        return;
    }
    m_context.vault->readToken(m_profile.id, this, [this](const QString& token) {
        if (token.isEmpty()) {
            updateState();
            return;
        }
        setToken(token);
        // Opens as whoever the node last confirmed (a nurse on her board) even while it is out of
        // reach; the session check below corrects it once the node answers.
        if (!m_profile.roleName.isEmpty() && m_userName.isEmpty())
            applyUser(m_profile.userName, m_profile.roleName, m_profile.units, false);
        fetchSession();
        goLive();
    });
}

void NodeSession::stop()
{
    m_started = false;
    m_stream->stop();
    m_pollTimer.stop();
    m_flushTimer.stop();
    flushCache();
}

void NodeSession::setToken(const QString& token)
{
    m_client->setToken(token);
    m_stream->setToken(token);
}

void NodeSession::goLive()
{
    if (m_certificateRefused)
        return;
    m_stream->start();
    pollNode();
    fetchStats();
    updateState();
}

void NodeSession::signIn(const QString& user, const QString& password, QObject* context,
                         OpsClient::Callback callback)
{
    QPointer<QObject> guard(context);
    m_client->signIn(user, password, this, [this, guard, callback, user](const OpsReply& reply) {
        if (reply.certificateMismatch)
            onCertificateMismatch(m_profile.pinnedFingerprint, reply.presentedFingerprint);
        if (reply.ok()) {
            const QString token = m_client->token();
            m_stream->setToken(token);
            if (m_context.vault)
                m_context.vault->storeToken(m_profile.id, token);
            setUser(reply.json.value(u"user").toObject(), user);
            if (m_profile.userName != user) {
                m_profile.userName = user;
                emit profileChanged(m_profile);
            }
            noteContact();
            goLive();
        }
        if (guard && callback)
            callback(reply);
    });
}

void NodeSession::signOut()
{
    if (hasToken())
        m_client->send("DELETE", QStringLiteral("/api/v1/session"), QJsonObject(), QString(), this, [](const OpsReply&) {});
    m_stream->stop();
    setToken(QString());
    if (m_context.vault)
        m_context.vault->removeToken(m_profile.id);
    setUser(QJsonObject(), QString());
    updateState();
}

void NodeSession::refresh()
{
    if (!hasToken() || m_certificateRefused)
        return;
    pollNode();
    fetchStats();
    if (m_stream->state() == StreamClient::Reconnecting)
        m_stream->setToken(m_client->token()); // reconnects at once
}

void NodeSession::searchMessages(const QString& query, const CacheSearch& offline, const QString& cursor,
                                 QObject* context, PageCallback callback)
{
    QPointer<QObject> guard(context);
    if (isLive()) {
        QString path = QStringLiteral("/api/v1/messages?limit=100");
        if (!query.isEmpty())
            path += u"&" + query;
        if (!cursor.isEmpty())
            path += u"&before=" + cursor;
        m_client->get(path, this, [this, guard, callback](const OpsReply& reply) {
            if (!guard)
                return;
            if (!reply.ok()) {
                callback(QJsonArray(), QString());
                return;
            }
            const QJsonArray items = reply.json.value(u"items").toArray();
            const QJsonValue next = reply.json.value(u"nextCursor");
            if (!items.isEmpty()) {
                CacheWorker* worker = m_cache;
                const qint64 at = nowMs();
                QMetaObject::invokeMethod(worker, [worker, items, at] { worker->writeMessages(items, at); },
                                          Qt::QueuedConnection);
            }
            callback(items, next.isDouble() ? QString::number(next.toInteger()) : QString());
        });
        return;
    }
    CacheWorker* worker = m_cache;
    const qint64 before = cursor.toLongLong();
    QMetaObject::invokeMethod(worker, [worker, offline, before, guard, callback, self = QPointer<NodeSession>(this)] {
        const QList<QJsonObject> page = worker->messagePage(offline, before, 100);
        if (!self)
            return;
        QJsonArray items;
        for (const QJsonObject& item : page)
            items.append(item);
        const QString next = page.size() == 100 ? QString::number(page.constLast().value(u"id").toInteger()) : QString();
        QMetaObject::invokeMethod(self, [guard, callback, items, next] {
            if (guard)
                callback(items, next);
        }, Qt::QueuedConnection);
    }, Qt::QueuedConnection);
}

void NodeSession::fetchMessageDetail(qint64 id, QObject* context, DetailCallback callback)
{
    QPointer<QObject> guard(context);
    CacheWorker* worker = m_cache;
    auto fromCache = [worker, id, guard, callback, self = QPointer<NodeSession>(this)] {
        QMetaObject::invokeMethod(worker, [worker, id, guard, callback, self] {
            const std::optional<CachedItem> item = worker->messageDetail(id);
            if (!self)
                return;
            const QJsonObject detail = item ? item->value.toObject() : QJsonObject();
            const qint64 at = item ? item->cachedAtMs : 0;
            QMetaObject::invokeMethod(self, [guard, callback, detail, at] {
                if (guard)
                    callback(detail, at);
            }, Qt::QueuedConnection);
        }, Qt::QueuedConnection);
    };
    if (!isLive()) {
        fromCache();
        return;
    }
    m_client->get(u"/api/v1/messages/" + QString::number(id), this,
                  [worker, id, guard, callback, fromCache](const OpsReply& reply) {
                      if (!guard)
                          return;
                      if (!reply.ok()) {
                          // A node that cannot answer now may still have answered before.
                          fromCache();
                          return;
                      }
                      const QJsonObject detail = reply.json;
                      const qint64 at = nowMs();
                      QMetaObject::invokeMethod(worker, [worker, id, detail, at] {
                          worker->writeMessageDetail(id, detail, at);
                      }, Qt::QueuedConnection);
                      callback(detail, 0);
                  });
}

void NodeSession::fetchTrace(const QString& correlationId, QObject* context, TraceCallback callback)
{
    QPointer<QObject> guard(context);
    CacheWorker* worker = m_cache;
    const QString id = correlationId.toLower();
    auto fromCache = [worker, id, guard, callback, self = QPointer<NodeSession>(this)] {
        QMetaObject::invokeMethod(worker, [worker, id, guard, callback, self] {
            const std::optional<CachedItem> item = worker->trace(id);
            if (!self)
                return;
            const QJsonArray events = item ? item->value.toObject().value(u"events").toArray() : QJsonArray();
            const qint64 at = item ? item->cachedAtMs : 0;
            QMetaObject::invokeMethod(self, [guard, callback, events, at] {
                if (guard)
                    callback(events, at);
            }, Qt::QueuedConnection);
        }, Qt::QueuedConnection);
    };
    if (!isLive()) {
        fromCache();
        return;
    }
    m_client->get(u"/api/v1/traces/" + QString::fromLatin1(QUrl::toPercentEncoding(id)), this,
                  [worker, id, guard, callback, fromCache](const OpsReply& reply) {
                      if (!guard)
                          return;
                      if (reply.status == 404) {
                          callback(QJsonArray(), 0); // this node never saw the correlation ID
                          return;
                      }
                      if (!reply.ok()) {
                          fromCache();
                          return;
                      }
                      const QJsonObject trace = reply.json;
                      const qint64 at = nowMs();
                      QMetaObject::invokeMethod(worker, [worker, id, trace, at] { worker->writeTrace(id, trace, at); },
                                                Qt::QueuedConnection);
                      callback(trace.value(u"events").toArray(), 0);
                  });
}

void NodeSession::setCacheMaxBytes(qint64 maxBytes)
{
    m_context.cacheMaxBytes = maxBytes;
    CacheWorker* worker = m_cache;
    QMetaObject::invokeMethod(worker, [worker, maxBytes] { worker->setMaxBytes(maxBytes); }, Qt::QueuedConnection);
}

void NodeSession::setPollIntervals(int onlineMs, int offlineMs)
{
    m_pollOnlineMs = onlineMs;
    m_pollOfflineMs = offlineMs;
    if (m_pollTimer.isActive())
        schedulePoll();
}

void NodeSession::schedulePoll()
{
    if (!m_started || !hasToken() || m_certificateRefused)
        return;
    m_pollTimer.start(m_streamUp ? m_pollOnlineMs : m_pollOfflineMs);
}

void NodeSession::pollNode()
{
    m_pollTimer.stop();
    if (!hasToken())
        return;
    m_client->get(QStringLiteral("/api/v1/node"), this, [this](const OpsReply& reply) {
        if (reply.ok()) {
            noteContact();
            const qint64 at = nowMs();
            CacheWorker* worker = m_cache;
            const QJsonObject info = reply.json;
            QMetaObject::invokeMethod(worker, [worker, info, at] { worker->writeList(QStringLiteral("node"), info, at); },
                                      Qt::QueuedConnection);
            const QString reported = info.value(u"nodeId").toString();
            if (!reported.isEmpty() && reported != m_reportedNodeId) {
                m_reportedNodeId = reported;
                emit nodeIdentified(reported);
            }
            // Reachable again while the stream waits out its backoff: try the stream now.
            if (m_stream->state() == StreamClient::Reconnecting)
                m_stream->setToken(m_client->token());
        } else if (reply.status == 0 && !reply.certificateMismatch) {
            noteFailure(reply.error);
        }
        schedulePoll();
    });
}

void NodeSession::fetchSession()
{
    m_client->get(QStringLiteral("/api/v1/session"), this, [this](const OpsReply& reply) {
        if (!reply.ok())
            return;
        setUser(reply.json.value(u"user").toObject(), QString());
        updateState();
    });
}

void NodeSession::fetchStats()
{
    if (!hasToken())
        return;
    m_client->get(QStringLiteral("/api/v1/stats"), this, [this](const OpsReply& reply) {
        if (!reply.ok())
            return;
        applyLiveStats(reply.json);
    });
}

void NodeSession::requestHistory(const QString& kind, const QString& name, qint64 fromMs, qint64 toMs,
                                 QObject* context, HistoryCallback callback)
{
    if (kind == u"node" || !hasToken() || !m_streamUp || m_certificateRefused) {
        historyFromCache(kind, name, fromMs, toMs, context, std::move(callback));
        return;
    }
    const QString path = QStringLiteral("/api/v1/stats/history?kind=") + kind + u"&name="
        + QString::fromLatin1(QUrl::toPercentEncoding(name)) + u"&from=" + QString::number(fromMs) + u"&to="
        + QString::number(toMs) + u"&points=1200";
    QPointer<QObject> guard(context);
    m_client->get(path, this, [this, kind, name, fromMs, toMs, guard, callback](const OpsReply& reply) {
        if (!guard)
            return;
        if (!reply.ok()) {
            historyFromCache(kind, name, fromMs, toMs, guard, callback);
            return;
        }
        const QString rate = kind == u"destination" ? QStringLiteral("drainRatePerSec") : QStringLiteral("arrivalRatePerSec");
        QList<QPointF> queue;
        QList<QPointF> throughput;
        for (const QJsonValue& value : reply.json.value(u"points").toArray()) {
            const QJsonObject point = value.toObject();
            const double at = point.value(u"atMs").toDouble();
            queue.append(QPointF(at, point.value(u"queueDepth").toDouble()));
            throughput.append(QPointF(at, point.value(rate).toDouble()));
        }
        callback(queue, throughput);
    });
}

void NodeSession::historyFromCache(const QString& kind, const QString& name, qint64 fromMs, qint64 toMs,
                                   QObject* context, HistoryCallback callback)
{
    QPointer<QObject> guard(context);
    CacheWorker* worker = m_cache;
    // The samples are read and reduced to points on the cache thread; only the points come back.
    QMetaObject::invokeMethod(worker, [worker, kind, name, fromMs, toMs, guard, callback, self = QPointer<NodeSession>(this)] {
        QList<QPointF> queue;
        QList<QPointF> throughput;
        worker->historyPoints(kind, name, fromMs, toMs, &queue, &throughput);
        if (!self)
            return;
        QMetaObject::invokeMethod(self, [guard, callback, queue, throughput] {
            if (guard)
                callback(queue, throughput);
        }, Qt::QueuedConnection);
    }, Qt::QueuedConnection);
}

void NodeSession::applyLiveStats(const QJsonObject& stats)
{
    if (stats.isEmpty())
        return;
    const qint64 atMs = qint64(stats.value(u"atMs").toDouble());
    m_degradedReason = NodeListModel::assess(stats, m_latestStats);
    m_previousStats = m_latestStats;
    m_latestStats = stats;
    m_statsAsOfMs = atMs > 0 ? atMs : nowMs();
    if (m_context.overview)
        m_context.overview->applyStats(m_profile.id, m_profile.displayName, stats, false, m_statsAsOfMs);
    m_pendingSamples.append({m_statsAsOfMs, stats});
    noteContact();
    emit statsUpdated(stats, false, m_statsAsOfMs);
}

void NodeSession::onStreamEvent(const QJsonObject& frame)
{
    if (frame.value(u"event").toString() == u"stats.tick") {
        applyLiveStats(frame.value(u"data").toObject());
        return;
    }
    noteContact();
    if (m_context.alerts && frame.value(u"event").toString() == u"alert.changed")
        m_context.alerts->upsert(m_profile.id, frame.value(u"data").toObject());
    emit eventReceived(frame);
}

void NodeSession::setUser(const QJsonObject& who, const QString& fallbackName)
{
    QStringList units;
    const QJsonArray unitArray = who.value(u"units").toArray();
    for (const QJsonValue& u : unitArray)
        units.append(u.toString());
    applyUser(who.isEmpty() ? QString() : who.value(u"name").toString(fallbackName), who.value(u"role").toString(),
              units, true);
}

void NodeSession::applyUser(const QString& name, const QString& role, const QStringList& units, bool confirmed)
{
    const bool changed = name != m_userName || role != m_roleName || units != m_units;
    m_userName = name;
    m_roleName = role;
    m_units = units;
    if (m_context.nodes)
        m_context.nodes->setSignedIn(m_profile.id, m_userName, m_roleName);
    if (confirmed && (m_profile.roleName != m_roleName || m_profile.units != m_units)) {
        m_profile.roleName = m_roleName;
        m_profile.units = m_units;
        emit profileChanged(m_profile);
    }
    if (changed) {
        m_actions->recheckUser(); // actions are only ever sent in the name of whoever made them
        emit userChanged(m_userName, m_roleName, m_units);
    }
}

void NodeSession::fetchAlerts()
{
    if (!m_context.alerts)
        return;
    // Active alerts are few (a board, not a log); 500 is the API's page limit.
    fetchJson(QStringLiteral("/api/v1/alerts?state=active&limit=500"), QStringLiteral("alerts:active"), this,
              [this](const QJsonObject& json, qint64 cachedAtMs, const QString&) {
                  if (json.isEmpty())
                      return;
                  m_context.alerts->replaceNode(m_profile.id, json.value(u"items").toArray(), cachedAtMs > 0);
              });
}

void NodeSession::onActionChanged(const ConsoleAction& action)
{
    if (!m_context.alerts || !action.target.startsWith(u"alert:"))
        return;
    const qint64 alertId = action.target.mid(6).toLongLong();
    const std::optional<ConsoleAction> still = m_actions->pendingFor(action.target);
    m_context.alerts->setPendingAction(m_profile.id, alertId, still ? still->kind : QString(),
                                       still ? still->createdAtMs : 0);
    // The node's answer carries the alert as it is now: applied or refused, show that at once.
    if (!action.isPending()) {
        const QJsonObject alert = action.result.contains(u"alert") ? action.result.value(u"alert").toObject()
                                                                    : action.result;
        if (alert.value(u"id").toInteger() == alertId)
            m_context.alerts->upsert(m_profile.id, alert);
    }
}

void NodeSession::fetchJson(const QString& pathAndQuery, const QString& cacheKey, QObject* context,
                            JsonCallback callback)
{
    QPointer<QObject> guard(context);
    CacheWorker* worker = m_cache;
    auto fromCache = [worker, cacheKey, guard, callback, self = QPointer<NodeSession>(this)](const QString& error) {
        if (cacheKey.isEmpty()) {
            if (guard)
                callback(QJsonObject(), 0, error);
            return;
        }
        QMetaObject::invokeMethod(worker, [worker, cacheKey, guard, callback, self, error] {
            const std::optional<CachedItem> item = worker->readList(cacheKey);
            if (!self)
                return;
            const QJsonObject json = item ? item->value.toObject() : QJsonObject();
            const qint64 at = item ? item->cachedAtMs : 0;
            QMetaObject::invokeMethod(self, [guard, callback, json, at, error] {
                if (guard)
                    callback(json, at, error);
            }, Qt::QueuedConnection);
        }, Qt::QueuedConnection);
    };
    if (!hasToken() || m_certificateRefused) {
        fromCache(hasToken() ? m_failure : tr("not signed in"));
        return;
    }
    m_client->get(pathAndQuery, this, [worker, cacheKey, guard, callback, fromCache](const OpsReply& reply) {
        if (!guard)
            return;
        if (!reply.ok()) {
            // Refusals (403, 400) are answers, not outages: report them; else fall back to the cache.
            if (reply.status >= 400 && reply.status < 500 && reply.status != 401 && reply.status != 408
                && reply.status != 429) {
                callback(QJsonObject(), 0, reply.error);
                return;
            }
            fromCache(reply.error);
            return;
        }
        const QJsonObject json = reply.json;
        if (!cacheKey.isEmpty()) {
            const qint64 at = nowMs();
            QMetaObject::invokeMethod(worker, [worker, cacheKey, json, at] {
                worker->writeList(cacheKey, json, at);
            }, Qt::QueuedConnection);
        }
        callback(json, 0, QString());
    });
}

void NodeSession::onStreamState(StreamClient::State state)
{
    const bool up = state == StreamClient::Connected;
    if (up == m_streamUp)
        return;
    m_streamUp = up;
    m_actions->setLive(up);
    if (up) {
        m_failure.clear();
        noteContact();
        if (m_userName.isEmpty())
            fetchSession();
        if (m_context.overview)
            m_context.overview->setCached(m_profile.id, false);
        fetchAlerts();
    } else if (m_started && hasToken()) {
        if (m_context.alerts)
            m_context.alerts->setCached(m_profile.id, true);
        m_everFailed = true;
        flushCache();
        if (m_context.overview)
            m_context.overview->setCached(m_profile.id, true);
        pollNode(); // learn why, in plain words, from an HTTP attempt
    }
    schedulePoll();
    updateState();
    emit liveChanged(up);
}

void NodeSession::onUnauthorized()
{
    if (!hasToken() && m_state == u"signed-out")
        return;
    m_stream->stop();
    setToken(QString());
    if (m_context.vault)
        m_context.vault->removeToken(m_profile.id);
    setUser(QJsonObject(), QString());
    if (m_context.overview)
        m_context.overview->setCached(m_profile.id, true);
    updateState();
    emit signInRequired(tr("Your session on %1 has ended: sign in again.").arg(m_profile.displayName));
}

void NodeSession::onCertificateMismatch(const QString& pinned, const QString& presented)
{
    const bool first = !m_certificateRefused || m_presentedFingerprint != presented;
    m_certificateRefused = true;
    m_presentedFingerprint = presented;
    m_stream->stop();
    m_pollTimer.stop();
    m_failure = tr("certificate changed: connection refused");
    if (m_context.overview)
        m_context.overview->setCached(m_profile.id, true);
    updateState();
    if (first)
        emit certificateChanged(pinned, presented);
}

void NodeSession::onCachedStats(const QJsonObject& stats, qint64 atMs, qint64 lastContactMs)
{
    if (lastContactMs > m_lastContactMs)
        m_lastContactMs = lastContactMs;
    // A live sample may have arrived while the cache was being read: it wins.
    if (stats.isEmpty() || m_statsAsOfMs >= atMs)
        return;
    m_latestStats = stats;
    m_statsAsOfMs = atMs;
    const bool live = m_streamUp;
    if (m_context.overview)
        m_context.overview->applyStats(m_profile.id, m_profile.displayName, stats, !live, atMs);
    emit statsUpdated(stats, !live, atMs);
    updateState();
}

void NodeSession::noteContact()
{
    m_lastContactMs = nowMs();
    if (!m_streamUp && !m_failure.isEmpty()) {
        // HTTP answers while the stream is still reconnecting: reachable, not yet live.
        m_failure.clear();
        updateState();
    }
}

void NodeSession::noteFailure(const QString& reason)
{
    m_everFailed = true;
    if (!reason.isEmpty())
        m_failure = reason;
    if (m_streamUp)
        return; // the stream is the better witness; an HTTP hiccup alone does not make it offline
    updateState();
}

void NodeSession::flushCache()
{
    if (!m_cache || (m_pendingSamples.isEmpty() && m_lastContactMs == 0))
        return;
    CacheWorker::Samples samples;
    samples.swap(m_pendingSamples);
    const qint64 contact = m_lastContactMs;
    CacheWorker* worker = m_cache;
    QMetaObject::invokeMethod(worker, [worker, samples, contact] { worker->writeStats(samples, contact); },
                              Qt::QueuedConnection);
}

void NodeSession::updateState()
{
    QString state;
    QStringList detail;
    qint64 since = nowMs();
    const QString cachedNote = m_statsAsOfMs > 0
        ? tr("showing data cached at %1").arg(clockTime(m_statsAsOfMs))
        : tr("no cached data yet");
    if (m_certificateRefused) {
        state = QStringLiteral("offline");
        detail << m_failure << cachedNote;
    } else if (!hasToken()) {
        state = QStringLiteral("signed-out");
        detail << tr("sign in to see live data");
        if (m_statsAsOfMs > 0)
            detail << cachedNote;
    } else if (m_streamUp) {
        state = m_degradedReason.isEmpty() ? QStringLiteral("online") : QStringLiteral("degraded");
        if (!m_degradedReason.isEmpty())
            detail << m_degradedReason;
    } else if (m_everFailed || !m_failure.isEmpty()) {
        state = QStringLiteral("offline");
        if (m_lastContactMs > 0)
            since = m_lastContactMs;
        if (!m_failure.isEmpty())
            detail << m_failure;
        detail << cachedNote;
    } else {
        state = QStringLiteral("connecting");
    }
    const QString joined = detail.join(u"; ");
    if (state == m_state && joined == m_detail)
        return;
    if (state == m_state)
        since = m_stateSinceMs;
    m_state = state;
    m_stateSinceMs = since;
    m_detail = joined;
    if (m_context.nodes)
        m_context.nodes->updateState(m_profile.id, m_state, m_stateSinceMs, m_detail);
    emit stateChanged(m_state);
}
