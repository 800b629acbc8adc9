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
        Pending,  ///< recorded, not yet answered by the node (offline, or in flight)
        Applied,  ///< the node answered 2xx
        Refused,  ///< the node answered with a final refusal (403, 404, 409, 400, 422): not retried
    };

    QString key;            ///< the Idempotency-Key (a UUID); also the action's identity
    QString nodeId;         ///< the console's profile id of the node
    QString kind;           ///< "alert-acknowledge" | "alert-resolve" | "alert-escalate" | "silence-create" | "resubmit"
    QByteArray method = "POST";
    QString path;           ///< "/api/v1/alerts/3/acknowledge"
    QJsonObject body;
    QString target;         ///< what it acts on: "alert:3", "dead-letter:13", "dead-letters:13,14", "silence"
    QString summary;        ///< plain words for lists ("Acknowledge: Critical potassium 6.9 mmol/L")
    QString user;           ///< who made it (the session's user name then)
    qint64 createdAtMs = 0;
    qint64 finishedAtMs = 0; ///< when the node's final answer arrived; 0 while pending
    int attempts = 0;        ///< sends so far (each with the same key)
    State state = State::Pending;
    int httpStatus = 0;      ///< of the final answer
    QString outcome;         ///< the node's words for a refusal ("already acknowledged by nurse at …"), or empty
    QJsonObject result;      ///< the node's answer body (the alert after the change, resubmit results, …)

    bool isPending() const { return state == State::Pending; }
    static QString stateName(State state);
    static State stateFromName(const QString& name);
};
