#pragma once

#include "models/console/ConsoleAction.h"
#include "models/console/ConsoleCacheTypes.h"
#include "models/console/NodeProfile.h"
#include "net/ops/OpsClient.h"
#include "net/ops/StreamClient.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QPointF>
#include <QPair>
#include <QPointer>
#include <QString>
#include <QStringList>
#include <QTimer>

#include <functional>

class ActionQueue;
class AlertBoardModel;
class CacheWorker;
class NodeListModel;
class OverviewModel;
class QThread;
class TokenVault;

/// What every NodeSession shares: where tokens and caches live and which models it drives.
struct NodeSessionContext
{
    TokenVault* vault = nullptr;
    NodeListModel* nodes = nullptr;
    OverviewModel* overview = nullptr;
    AlertBoardModel* alerts = nullptr;  ///< the alert board of every node (active alerts)
    QThread* cacheThread = nullptr;  ///< the thread the node's cache connection lives on (nullptr: this one)
    QString cacheDir;                ///< <dir>/<profile id>.sqlite
    qint64 cacheMaxBytes = 0;        ///< 0: the cache's default
};

/// One configured node, live: its OpsClient and StreamClient, its offline cache (on the cache
/// thread), and its state as NodeListModel shows it:
/// connecting → online / degraded (reachable, NodeListModel::assess() finds trouble) /
/// offline (since the last contact; the stream reconnects with backoff, GET /api/v1/node is polled) /
/// signed-out (no token, or a 401: sign in again).
///
/// Stats ticks go to OverviewModel at once and to the cache in batches (once a second, on the
/// cache thread). On start the newest cached sample is shown, marked cached, so the overview has
/// data "as of" the last contact even when the node cannot be reached.
class NodeSession : public QObject
{
    Q_OBJECT

public:
    NodeSession(const NodeProfile& profile, const NodeSessionContext& context, QObject* parent = nullptr);
    ~NodeSession() override;

    const NodeProfile& profile() const { return m_profile; }
    QString nodeId() const { return m_profile.id; }
    /// Display name, site or address changed. A new address or pin reconnects with it (re-pinning
    /// is the user's explicit act, done through the node dialog).
    void setProfile(const NodeProfile& profile);

    OpsClient* client() const { return m_client; }
    StreamClient* stream() const { return m_stream; }

    /// "connecting" | "online" | "degraded" | "offline" | "signed-out" (NodeListModel::StateRole).
    QString state() const { return m_state; }
    qint64 stateSinceMs() const { return m_stateSinceMs; }
    /// The plain reason shown with the state ("connection refused; showing data cached at 14:01").
    QString detail() const { return m_detail; }
    /// When the newest stats sample shown was taken (live or cached); 0 when none.
    qint64 statsAsOfMs() const { return m_statsAsOfMs; }
    /// When the console last heard from the node; 0 when never.
    qint64 lastContactMs() const { return m_lastContactMs; }
    bool hasToken() const { return !m_client->token().isEmpty(); }
    QString userName() const { return m_userName; }
    QString roleName() const { return m_roleName; }
    /// The signed-in user's care units (a nurse sees and acts on these only); empty for other roles.
    QStringList units() const { return m_units; }
    /// This node's state-changing requests: kept as pending while the node is offline and sent
    /// once when it returns (docs/ops-api.md 2.7).
    ActionQueue* actions() const { return m_actions; }
    QJsonObject latestStats() const { return m_latestStats; }
    /// The node presented another certificate than the pinned one; nothing more is sent to it.
    bool certificateRefused() const { return m_certificateRefused; }
    QString presentedFingerprint() const { return m_presentedFingerprint; }

    /// Opens the cache (showing its newest sample), reads the token from the vault and, with one,
    /// connects. Without one the node is signed-out.
    void start();
    void stop();

    /// Signs in (POST /api/v1/session); on success keeps the token in the vault and goes live.
    /// The callback gets the node's reply (for the sign-in dialog's errors) while `context` lives.
    void signIn(const QString& user, const QString& password, QObject* context, OpsClient::Callback callback);
    /// Revokes the token on the node (best effort) and forgets it.
    void signOut();
    /// Fetches node info and stats again (F5), and kicks a waiting stream reconnect.
    void refresh();

    using HistoryCallback = std::function<void(const QList<QPointF>& queueDepth, const QList<QPointF>& throughput)>;
    /// Chart points of one endpoint (kind "channel" | "destination" | "node") between fromMs and
    /// toMs: from the node's stats history (4.4) while it is reachable, else from the offline cache
    /// (the node's aggregate always from the cache). Throughput: arrivals per second for channels and
    /// nodes, deliveries per second for destinations. The callback runs once while `context` lives.
    void requestHistory(const QString& kind, const QString& name, qint64 fromMs, qint64 toMs, QObject* context,
                        HistoryCallback callback);

    using PageCallback = std::function<void(const QJsonArray& items, const QString& nextCursor)>;
    /// One page of GET /api/v1/messages?<query>&before=<cursor> (4.5) while the node is reachable
    /// (the results are cached), else of the cached summaries matching `offline`. Failures give an
    /// empty page and no cursor.
    void searchMessages(const QString& query, const CacheSearch& offline, const QString& cursor, QObject* context,
                        PageCallback callback);
    using JsonCallback = std::function<void(const QJsonObject& json, qint64 cachedAtMs, const QString& error)>;
    /// GET pathAndQuery while the node is reachable, keeping the answer in the offline cache under
    /// cacheKey (empty: not cached); offline or on failure, the cached answer with when it was
    /// cached (error says why the node could not answer). Nothing anywhere: an empty object and the
    /// error. The callback runs once while `context` lives.
    void fetchJson(const QString& pathAndQuery, const QString& cacheKey, QObject* context, JsonCallback callback);
    using DetailCallback = std::function<void(const QJsonObject& detail, qint64 cachedAtMs)>;
    /// GET /api/v1/messages/{id} (4.6) while the node is reachable (the reply is cached; cachedAtMs
    /// 0), else or on failure the cached copy with when it was cached. Nothing anywhere: an empty
    /// object. The callback runs once while `context` lives.
    void fetchMessageDetail(qint64 id, QObject* context, DetailCallback callback);
    using TraceCallback = std::function<void(const QJsonArray& events, qint64 cachedAtMs)>;
    /// The events of GET /api/v1/traces/{correlationId} (4.9), live or cached like
    /// fetchMessageDetail(). A node without that correlation ID gives no events.
    void fetchTrace(const QString& correlationId, QObject* context, TraceCallback callback);
    /// Whether live requests make sense now (signed in, stream up, certificate accepted).
    bool isLive() const { return hasToken() && m_streamUp && !m_certificateRefused; }

    void setCacheMaxBytes(qint64 maxBytes);
    /// HTTP health poll (GET /api/v1/node): every onlineMs while online, offlineMs otherwise.
    void setPollIntervals(int onlineMs, int offlineMs);

signals:
    void stateChanged(const QString& state);
    /// A stats object (4.3) was shown: live (cached=false) or from the cache.
    void statsUpdated(const QJsonObject& stats, bool cached, qint64 asOfMs);
    /// The stream could not replay what was missed; stats were reloaded. Views reload what they show.
    void resynced();
    /// Every stream event other than stats.tick (messages, dead letters, alerts, audit).
    void eventReceived(const QJsonObject& frame);
    /// The node presented another certificate than the pinned one. Emitted once per occurrence.
    void certificateChanged(const QString& pinnedFingerprint, const QString& presentedFingerprint);
    /// The token is missing, expired or revoked: ask the user to sign in again.
    void signInRequired(const QString& reason);
    /// Who is signed in changed (sign-in, session check, sign-out): role and units may differ.
    void userChanged(const QString& userName, const QString& roleName, const QStringList& units);
    /// The stream came up (true) or went down (false): views reload what they show when it comes up.
    void liveChanged(bool live);
    /// The node said who it is (`nodeId` of GET /api/v1/node): first time, or when it changed.
    void nodeIdentified(const QString& nodeId);
    /// The profile changed here (the last user name, role and units after a sign-in): save it.
    void profileChanged(const NodeProfile& profile);
    /// Something worth a status-bar line, in plain words.
    void message(const QString& text);

private:
    void goLive();
    void setToken(const QString& token);
    void pollNode();
    void fetchStats();
    void fetchSession();
    void historyFromCache(const QString& kind, const QString& name, qint64 fromMs, qint64 toMs, QObject* context,
                          HistoryCallback callback);
    void applyLiveStats(const QJsonObject& stats);
    void onStreamEvent(const QJsonObject& frame);
    /// Who is signed in, as the node says (`user` of a session answer; empty: nobody).
    void setUser(const QJsonObject& who, const QString& fallbackName);
    /// confirmed: the node said so (kept in the profile for an offline start); else remembered from
    /// the profile, until the node answers.
    void applyUser(const QString& name, const QString& role, const QStringList& units, bool confirmed);
    void fetchAlerts();
    void onActionChanged(const ConsoleAction& action);
    void onStreamState(StreamClient::State state);
    void onUnauthorized();
    void onCertificateMismatch(const QString& pinned, const QString& presented);
    void onCachedStats(const QJsonObject& stats, qint64 atMs, qint64 lastContactMs);
    void noteContact();
    void noteFailure(const QString& reason);
    void flushCache();
    void updateState();
    void schedulePoll();
    OpsEndpoint endpointOf(const NodeProfile& profile) const;

    NodeProfile m_profile;
    NodeSessionContext m_context;
    OpsClient* m_client = nullptr;
    StreamClient* m_stream = nullptr;
    CacheWorker* m_cache = nullptr;

    QString m_state;
    qint64 m_stateSinceMs = 0;
    QString m_detail;
    QString m_failure;          ///< last connection problem, plain words
    QString m_degradedReason;   ///< NodeListModel::assess() of the latest stats
    QString m_userName;
    QString m_roleName;
    QString m_reportedNodeId;
    QStringList m_units;
    ActionQueue* m_actions = nullptr;
    QJsonObject m_latestStats;
    QJsonObject m_previousStats;
    qint64 m_statsAsOfMs = 0;
    qint64 m_lastContactMs = 0;
    bool m_started = false;
    bool m_streamUp = false;
    bool m_everFailed = false;
    bool m_certificateRefused = false;
    QString m_presentedFingerprint;

    QList<QPair<qint64, QJsonObject>> m_pendingSamples;
    QTimer m_flushTimer;
    QTimer m_pollTimer;
    int m_pollOnlineMs = 15000;
    int m_pollOfflineMs = 5000;
};
