#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QString>

/// One state-changing request a console user made to a node (acknowledge, resolve, escalate an
/// alert; create a silence; resubmit dead letters). It is recorded before it is sent and keeps its
/// Idempotency-Key for life, so an action made while the node is offline waits as *pending* and is
/// sent exactly once when the node returns (docs/ops-api.md 2.7): a resend of the same key returns
/// the node's first answer instead of acting twice.
struct ConsoleAction
{
    enum class State {
        Pending,   ///< recorded, not yet answered by the node (offline, in flight, or held)
        Applied,   ///< the node answered 2xx
        Refused,   ///< the node answered with a final refusal (400, 403, 404, 409 refused, 422): not retried
        Discarded, ///< the user withdrew it before the node answered; it is never sent again
    };

    /// Why a pending action is not sent by itself even though the node may be live.
    enum class Hold {
        None,
        /// Recorded by another user than the one signed in now. Idempotency keys are per user on the
        /// node, so sending it would act a second time, in the other user's name: it waits until its
        /// own user signs in again (or someone discards it).
        OtherUser,
        /// First sent more than a day ago without an answer: the node has forgotten its key (keys
        /// live 24 hours), so a resend could act twice. Check the item and discard it or act again.
        KeyExpired,
    };

    QString key;            ///< the Idempotency-Key (a UUID); also the action's identity
    QString nodeId;         ///< the console's profile id of the node
    QString kind;           ///< "alert-acknowledge" | "alert-resolve" | "alert-escalate" | "silence-create" | "resubmit"
    QByteArray method = "POST";
    QString path;           ///< "/api/v1/alerts/3/acknowledge"
    QJsonObject body;
    QString target;         ///< what it acts on: "alert:3", "dead-letter:13", "dead-letters:13,14", "silence"
    QString summary;        ///< plain words for lists ("Acknowledge: Critical potassium 6.9 mmol/L")
    QString user;           ///< who made it (the session's user name then); empty: whoever held the token then
    /// The body holds revealed patient data (an edited message): it is kept in memory only, never
    /// written to the action store (ops-api 2.9: revealed content stays in memory). Such an action
    /// is sent at once anyway — it needed the node for its dry run.
    bool memoryOnly = false;
    qint64 createdAtMs = 0;
    qint64 finishedAtMs = 0; ///< when the node's final answer arrived (or it was discarded); 0 while pending
    int attempts = 0;        ///< sends so far (each with the same key)
    State state = State::Pending;
    int httpStatus = 0;      ///< of the final answer
    /// Finished: the node's words for a refusal ("already acknowledged by nurse at …"), empty when
    /// applied. Pending: why the last attempt did not finish it (no answer, node busy), empty before one.
    QString outcome;
    QJsonObject result;      ///< the node's answer body (the alert after the change, resubmit results, …); not kept across restarts

    qint64 firstSentAtMs = 0;   ///< when it was first sent: the node keeps its key for 24 hours from then
    qint64 lastSentAtMs = 0;    ///< when it was last sent
    qint64 nextAttemptAtMs = 0; ///< pending while the node is live: when it is tried again; 0 when not scheduled
    Hold hold = Hold::None;     ///< pending: why it is not sent automatically
    bool seen = false;          ///< a finished outcome the user has looked at (refusals stand out until then)

    bool isPending() const { return state == State::Pending; }
    bool isFinished() const { return state != State::Pending; }
    static QString stateName(State state);
    static State stateFromName(const QString& name);
    static QString holdName(Hold hold);
    static Hold holdFromName(const QString& name);
};
