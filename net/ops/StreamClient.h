#pragma once

#include "net/ops/OpsEndpoint.h"

#include <QJsonObject>
#include <QObject>
#include <QString>
#include <QStringList>
#include <QTimer>

class QWebSocket;

/// The live event stream of one node (docs/ops-api.md section 5) over wss, pinned like OpsClient.
///
/// Authenticates with the token as its first message (only after the pinned certificate was checked,
/// so a token never reaches another server), subscribes, and keeps the resume point: the epoch from
/// `hello` and the largest seq seen in events and heartbeats. A dropped connection is retried by
/// itself with exponential backoff and jitter (1 s doubling to 30 s, reset after a stable
/// connection) and resumes with `since`, so nothing is missed; when the node cannot replay (it
/// restarted, or the buffer moved on) resyncRequired() tells the UI to reload by HTTP.
class StreamClient : public QObject
{
    Q_OBJECT

public:
    enum State {
        Stopped,
        Connecting,     ///< first connection after start()
        Connected,      ///< authenticated and subscribed
        Reconnecting,   ///< lost; waiting for the next attempt or attempting
    };
    Q_ENUM(State)

    explicit StreamClient(const OpsEndpoint& endpoint, QObject* parent = nullptr);
    ~StreamClient() override;

    const OpsEndpoint& endpoint() const { return m_endpoint; }
    /// Takes effect at the next connection (call stop() + start() to apply at once).
    void setEndpoint(const OpsEndpoint& endpoint) { m_endpoint = endpoint; }

    /// A new (refreshed) token. While waiting to reconnect, reconnects at once.
    void setToken(const QString& token);
    const QString& token() const { return m_token; }

    /// Topics to subscribe (default: stats, messages, deadLetters, alerts, audit). While connected,
    /// subscribes again at once (resuming from lastSeq(), so nothing is lost in between).
    void setTopics(const QStringList& topics);
    QStringList topics() const { return m_topics; }
    /// Optional filter of `messages` events to these correlation IDs (at most 1000; empty: all).
    void setCorrelationIds(const QStringList& correlationIds);

    /// Connects (state Connecting) and keeps connected until stop().
    void start();
    /// Closes the connection and stops reconnecting; the resume point is kept.
    void stop();
    /// Drops the current connection (if any) and connects again at once, resuming from lastSeq()
    /// (e.g. after the desktop reports a network change, or a user's "reconnect now"). No-op when stopped.
    void reconnect();

    /// Resume point restored from a cache: the next subscribe asks for events after `seq` of `epoch`
    /// (the node answers resync when the epoch is another run's).
    void resumeFrom(const QString& epoch, qint64 seq);
    QString epoch() const { return m_epoch; }
    qint64 lastSeq() const { return m_lastSeq; }
    State state() const { return m_state; }
    /// nodeId from the last hello; topics the role may not read from the last subscribed.
    QString nodeId() const { return m_nodeId; }
    QStringList deniedTopics() const { return m_denied; }

    /// Reconnect delays: initialMs doubling up to maxMs, each with +-20 % jitter; the series starts
    /// again after a connection stayed up stableMs. Defaults 1000, 30000, 10000.
    void setBackoff(int initialMs, int maxMs, int stableMs = 10000);
    /// A connection that has not reached Connected within this time (default 15 s), or is silent this
    /// long while connected (default 45 s: three missed heartbeats), is dropped and retried.
    void setTimeouts(int connectTimeoutMs, int idleTimeoutMs);

signals:
    /// One event frame as sent: type "event", seq, event, at, data, and unit/correlationId when set.
    void eventReceived(const QJsonObject& frame);
    void stateChanged(StreamClient::State state);
    /// Missed events cannot be replayed (node restart, position too old or ahead): reload through
    /// the query endpoints. epoch()/lastSeq() already hold the new position.
    void resyncRequired(const QString& reason);
    /// A connection problem in plain words. certificateMismatch: the node presented another
    /// certificate than the pinned one; the client stops (no automatic retry) until start() again.
    void errorOccurred(const QString& message, bool certificateMismatch);
    /// The node closed the stream for a missing, invalid or expired token (4401): sign in again and
    /// call setToken(); the client keeps retrying meanwhile.
    void unauthorized();
    /// The next attempt is due in delayMs (for "retrying in 8 s" and for tests).
    void reconnectScheduled(int delayMs);
    /// hello arrived: the node's id, its run (epoch) and its newest seq.
    void helloReceived(const QString& nodeId, const QString& epoch, qint64 seq);

private:
    void openSocket();
    void onConnected();
    void onDisconnected();
    void onText(const QString& text);
    void onSslErrors(const QList<class QSslError>& errors);
    void sendJson(const QJsonObject& frame);
    void subscribe();
    void dropAndRetry(const QString& why);
    void scheduleReconnect();
    void setState(State state);
    void discardSocket();

    OpsEndpoint m_endpoint;
    QString m_token;
    QStringList m_topics;
    QStringList m_correlationIds;
    QString m_epoch;
    qint64 m_lastSeq = -1;
    QString m_nodeId;
    QStringList m_denied;
    State m_state = Stopped;

    QWebSocket* m_socket = nullptr;
    bool m_authenticated = false;
    bool m_pinVerified = false;
    bool m_mismatch = false;
    QString m_presentedFingerprint;

    int m_initialBackoffMs = 1000;
    int m_maxBackoffMs = 30000;
    int m_stableMs = 10000;
    int m_connectTimeoutMs = 15000;
    int m_idleTimeoutMs = 45000;
    int m_attempt = 0;
    QTimer m_retryTimer;
    QTimer m_stableTimer;
    QTimer m_watchdog;
};
