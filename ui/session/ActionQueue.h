#pragma once

#include "models/console/ConsoleAction.h"

#include <QByteArray>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QString>
#include <QTimer>

#include <optional>

class OpsClient;
struct OpsReply;

/// One node's state-changing requests from this console, in the order the user made them.
///
/// submit() records an action (durably, once a store is open: a console restart keeps what is
/// pending and the recent outcomes) and sends it at once while the node is live; otherwise it stays
/// *pending* until setLive(true). Pending ones are sent oldest first, one at a time, each always
/// with its own Idempotency-Key, so the node acts at most once (docs/ops-api.md 2.7):
/// - 2xx makes it Applied; a final refusal (400, 403, 404, 409 refused, 422) makes it Refused with
///   the node's words. Neither is sent again.
/// - No answer, 5xx, 409 in-progress or 429 leave it pending; while live it is tried again after a
///   backoff (Retry-After when the node gives one), otherwise when the node is live again.
/// - 401 leaves it pending: the session asks for a new sign-in and the queue resumes when live.
///
/// Who acts: before the first send under a token the queue asks the node who that token belongs to
/// (GET /api/v1/session). An action is only ever sent by the user who made it: the node's keys are
/// per user, so another user's send would act a second time and in the wrong name. Actions of
/// another user are held (ConsoleAction::Hold::OtherUser) until that user signs in again, or until
/// someone discards them. An action first sent more than a day ago without an answer is held too
/// (Hold::KeyExpired): the node has forgotten its key, and only a person can tell whether it acted.
class ActionQueue : public QObject
{
    Q_OBJECT

public:
    ActionQueue(const QString& nodeId, OpsClient* client, QObject* parent = nullptr);
    ~ActionQueue() override;

    QString nodeId() const { return m_nodeId; }

    /// Keeps actions in this SQLite file (created when missing) and loads those still pending plus
    /// the recent outcomes. Actions submitted before are written to it. Without a store the queue
    /// works in memory only.
    bool openStore(const QString& path, QString* errorString = nullptr);

    /// Records the action (fills key, nodeId, createdAtMs and state when unset) and sends it now if
    /// live. Returns its key; follow it with actionChanged(). A key already recorded is not recorded
    /// again. `user` should be who is signed in (NodeSession::userName(), or the profile's last user
    /// while the node has not said): only that user's sign-in sends it.
    QString submit(ConsoleAction action);
    /// Live: signed in and the stream is up. Going live sends what is pending.
    void setLive(bool live);
    bool isLive() const { return m_live; }
    /// Sends what is pending now, without waiting out a retry backoff (the user pressed "Send now"),
    /// if live. Held actions stay held.
    void flush();
    /// Who is signed in may have changed (a sign-in as someone else keeps the stream up): ask the
    /// node again before the next send.
    void recheckUser();

    /// Withdraws a pending action that is not being sent right now: it becomes Discarded and is
    /// never sent. False with the reason otherwise. A discarded action that was sent before without
    /// an answer may still have been applied by the node (attempts > 0).
    bool discard(const QString& key, QString* errorString = nullptr);
    /// The user has seen this finished action's outcome.
    void markSeen(const QString& key);

    /// Pending actions first (oldest first), then the most recent finished ones (newest first).
    QList<ConsoleAction> actions() const;
    QList<ConsoleAction> pending() const;
    int pendingCount() const;
    std::optional<ConsoleAction> action(const QString& key) const;
    /// The newest pending action on this target ("alert:3"), if any.
    std::optional<ConsoleAction> pendingFor(const QString& target) const;
    /// The action is on its way to the node now (it cannot be discarded).
    bool isInFlight(const QString& key) const { return !key.isEmpty() && m_inFlight == key; }
    /// The user the node confirmed for the current token; empty until it answered.
    QString verifiedUser() const { return m_verifiedUser; }

    /// Backoff of retries while live: the first delay, doubling up to maxMs (tests use short ones).
    void setRetryDelays(int initialMs, int maxMs);

signals:
    /// An action was recorded or its state changed (pending → applied / refused / discarded), it was
    /// sent again (attempts changed), its hold or next attempt changed, or its outcome was seen.
    void actionChanged(const ConsoleAction& action);
    /// The store was opened and its actions loaded: re-read actions().
    void actionsReloaded();

private:
    void sendNext();
    void verifyUser(const QString& token);
    void updateHolds();
    void updateUserWatch();
    void finish(const QString& key, const OpsReply& reply);
    void scheduleRetry(int retryAfterSeconds);
    void clearSchedule();
    void prune();
    ConsoleAction fromJson(const QJsonObject& stored, const QString& state) const;
    int indexOf(const QString& key) const;
    void save(const ConsoleAction& action);

    QString m_nodeId;
    OpsClient* m_client = nullptr;
    QList<ConsoleAction> m_actions;  ///< in submission order
    QHash<QString, QByteArray> m_tokenHashes; ///< key → SHA-256 of the token it was made under
    QString m_inFlight;              ///< key of the action being sent; one at a time keeps the order
    bool m_live = false;
    QString m_storeConnection;       ///< QSqlDatabase connection name; empty without a store

    QString m_verifiedToken;         ///< the token GET /api/v1/session answered for
    QString m_verifiedUser;          ///< whose it is
    bool m_verifying = false;

    QTimer m_retryTimer;             ///< backoff after a failed attempt while live
    QTimer m_userWatch;              ///< while actions wait for their user: notices a new sign-in
    int m_failures = 0;              ///< consecutive failed attempts while live
    int m_initialRetryMs = 2000;
    int m_maxRetryMs = 5 * 60 * 1000;
};
