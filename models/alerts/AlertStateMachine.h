#pragma once

#include "models/alerts/AlertClock.h"
#include "models/alerts/AlertTypes.h"

/// The alert state machine of DESIGN.md section 3 / SEMANTICS.md 2.4 and 3.3, as pure code: no I/O,
/// no timers, time from the injected clock. The caller (the node's AlertService) persists the alert
/// and its new transitions and notifications in one transaction, and calls onDeadline() when
/// Alert::nextWakeMs() has passed — deadlines are absolute, so a restarted node fires an overdue
/// one exactly once and computes the next from "now".
///
/// Every method appends its transitions to alert.history (actor, time, level, note) and returns the
/// notifications to send. A refused action changes nothing and says why.
class AlertStateMachine
{
public:
    /// What one step did.
    struct Step
    {
        bool changed = false;                        ///< the alert was modified (persist it)
        QString refusal;                             ///< non-empty: the action was not allowed, nothing changed
        QList<AlertNotification> notifications;
        int deduplicated = 0;                        ///< raises folded into an existing alert
        int suppressed = 0;                          ///< raises kept quiet (silence or cooldown)
        int escalations = 0;                         ///< level steps and repeats (timeouts and manual)
    };

    /// What the caller knows about the signal's key when a signal arrives.
    struct KeyContext
    {
        Alert* open = nullptr;                       ///< the open (non-terminal) alert of (rule, key), if any
        const Alert* lastClosed = nullptr;           ///< the most recently closed alert of (rule, key), if any
        const Silence* silence = nullptr;            ///< an active silence matching the signal, if any
        const EscalationPolicy* policy = nullptr;    ///< the signal's policy (must be non-null for a raise)
    };

    /// Result of a signal: either an existing alert changed (context.open), or a new one was made.
    struct SignalResult
    {
        Step step;
        std::optional<Alert> created;                ///< a new alert (id 0) to insert; its notifications have alertId 0
        /// A copy of context.lastClosed with new history to persist (a Retract of a Resolved alert →
        /// Retracted; a "withdraw" notice). Not counted in step.changed, which is about open/created.
        std::optional<Alert> updatedLastClosed;
    };

    /// Longest evidence.previousValues of a clinical alert: the values it showed before later
    /// results of its key replaced them ({value, flags, resultStatus, observedAt}, newest first).
    static constexpr int MaxPreviousValues = 5;

    explicit AlertStateMachine(AlertClock clock);

    /// Applies a rule's signal (SEMANTICS.md 2.4 table; 3.3 for corrections):
    /// - Raise, no open alert: a silence or a cooldown after lastClosed → new alert Suppressed with
    ///   deadline = end of the silence/cooldown; else new alert Notified at level 0 (page level 0,
    ///   deadline = now + level 0 timeout); replacesAlertId = lastClosed's id when there is one.
    /// - Raise, open alert: count++ and evidence/title/severity updated (a clinical alert's new
    ///   evidence carries the old values in previousValues); re-page the current level
    ///   (and the acknowledger) only when the severity went up or it is a correction with a changed
    ///   value; statusOnly or same value → update only. A Suppressed alert only updates.
    /// - Clear, open alert: Resolved(signal.disposition) by "rule:<id>" (evidence as for a raise);
    ///   everyone already paged is told.
    ///   Clear with no open alert but a correction and a lastClosed that was acknowledged: a
    ///   "withdrawn" notice to the acknowledger, nothing else.
    /// - Retract: open alert (or a lastClosed that was Resolved) → Retracted; everyone paged is told.
    SignalResult onSignal(const AlertSignal& signal, const KeyContext& context);

    /// A user takes ownership: Notified/Escalated/Open → Acknowledged; stops escalation. Refused when
    /// already acknowledged (first wins: the refusal names who) or closed.
    /// `policy` addresses the "acknowledged" notice to everyone paged so far; without it only the
    /// acknowledger is addressed.
    Step acknowledge(Alert& alert, const QString& actor, const QString& note,
                     const EscalationPolicy* policy = nullptr);
    /// Closes an open alert with a disposition from AlertNames::dispositions() (required). `policy`
    /// addresses the "resolved" notice to everyone paged so far (else only the acknowledger).
    Step resolve(Alert& alert, const QString& actor, const QString& disposition, const QString& note,
                 const EscalationPolicy* policy = nullptr);
    /// Manual escalation: to the next level now (or a repeat of the last), from Notified, Escalated or
    /// Acknowledged (which it re-opens: acknowledgement is cleared); deadline restarts.
    Step escalate(Alert& alert, const QString& actor, const QString& note, const EscalationPolicy& policy);
    /// The alert's nextWakeMs() has passed: escalation timeout → next level / repeat at the last;
    /// expiry → Expired; end of a Suppressed alert's silence/cooldown → `stillSuppressedUntilMs` > now
    /// keeps it suppressed until then (a silence was extended), else unsuppress → Notified at level 0.
    /// Does nothing (changed = false) when the deadline has not passed yet, so a duplicate call is harmless.
    Step onDeadline(Alert& alert, const EscalationPolicy& policy, qint64 stillSuppressedUntilMs = 0);
    /// A notification to `level` failed on every channel: escalate at once (no black holes), if the
    /// alert is still unacknowledged at that level.
    Step onDeliveryFailed(Alert& alert, int level, const EscalationPolicy& policy);

    /// Everyone paged so far: recipients of levels 0..alert.level, plus the acknowledger, deduplicated.
    static QList<Recipient> pagedSoFar(const Alert& alert, const EscalationPolicy& policy);

private:
    AlertClock m_clock;
};
