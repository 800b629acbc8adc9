#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>

#include <optional>

// The alert domain of DESIGN.md section 3 and SEMANTICS.md sections 2.4 and 3: plain values shared
// by the rules (which turn events into AlertSignals), the state machine (which turns signals, user
// actions and deadlines into state changes and notifications), the node's alert store and the API.
// All times are wall-clock milliseconds since the epoch (UTC), taken from an injected clock.

/// Tier: picks the escalation policy's timing and the channels (DESIGN.md section 3).
enum class AlertSeverity { Critical, High, Medium, Low };

/// States of DESIGN.md section 3: open → notified → (escalated)* → acknowledged → resolved, plus
/// suppressed (silence or cooldown: nobody paged), retracted (the source said the result was wrong)
/// and expired (non-clinical alerts past their maximum age). Resolved, retracted and expired are
/// terminal: the same condition afterwards opens a new alert (PagerDuty/Opsgenie behaviour).
enum class AlertState { Open, Notified, Escalated, Acknowledged, Resolved, Retracted, Expired, Suppressed };

/// Clinical alerts come from patient data (nurses see those of their units); operational ones from
/// node state (support's business).
enum class AlertCategory { Clinical, Operational };

namespace AlertNames {
QString severity(AlertSeverity severity);           ///< "critical" | "high" | "medium" | "low"
std::optional<AlertSeverity> severityFrom(const QString& name);
QString state(AlertState state);                    ///< "open", "notified", ... lower case
std::optional<AlertState> stateFrom(const QString& name);
QString category(AlertCategory category);           ///< "clinical" | "operational"
std::optional<AlertCategory> categoryFrom(const QString& name);
/// Dispositions a resolution may carry (SEMANTICS.md 2.4, plus "cancelled" for OBX-11 X).
QStringList dispositions();
bool isTerminal(AlertState state);
} // namespace AlertNames

/// Who a notification is for. Strings "role:<name>", "unit" (the alert's own unit), "unit:<name>",
/// "user:<name>", "team:<name>"; the node's notification channels pass them on (a console shows
/// the alert to matching users, a paging system maps them to devices).
struct Recipient
{
    QString kind;                                    ///< "role" | "unit" | "user" | "team"
    QString value;                                   ///< empty for kind "unit": the alert's unit

    static std::optional<Recipient> parse(const QString& text, QString* errorString = nullptr);
    QString toString() const;
    bool operator==(const Recipient& other) const = default;
};

/// One step of an escalation policy.
struct EscalationLevel
{
    QList<Recipient> recipients;
    int ackTimeoutSeconds = 300;                     ///< unacknowledged this long → next level (or repeat at the last)
};

/// Levels walked while an alert stays unacknowledged; after the last one it repeats the last level
/// every ackTimeoutSeconds of that level, indefinitely (a critical result must never go quiet).
struct EscalationPolicy
{
    QString name;
    QList<EscalationLevel> levels;                   ///< at least one
    /// An acknowledgement is ownership, not an end: not resolved this long after it, the alert pages
    /// its level (and the acknowledger) again and escalates as before (PagerDuty's
    /// acknowledgement_timeout, SEMANTICS.md 2.2; no "black holes", 2.3). 0: holds until resolved.
    int acknowledgementTimeoutSeconds = 0;
};

/// What a rule says about one condition (one OBX of one patient, one destination's queue, ...).
struct AlertSignal
{
    enum class Kind {
        Raise,                                       ///< the condition holds (new or still)
        Clear,                                       ///< the condition ended (queue drained, corrected to normal, X cancelled)
        Retract,                                     ///< the source says the data was wrong (OBX-11 W or D)
    };
    Kind kind = Kind::Raise;
    QString ruleId;
    AlertCategory category = AlertCategory::Clinical;
    AlertSeverity severity = AlertSeverity::Critical;
    QByteArray dedupKey;                             ///< stable identity of the condition within the rule; no PHI (hash it)
    QByteArray groupKey;                             ///< related alerts (one patient's panel, one destination); no PHI
    QString unit;                                    ///< care unit (clinical); empty for node-wide
    QString team;                                    ///< owning team ("support" for operational rules by default)
    QString subject;                                 ///< what it is about, no PHI: "K", "destination lab", "channel adt-in"
    QString title;                                   ///< one line for a console/pager, no patient identifiers
    QString patientId;                               ///< PID-3 (PHI: stored, masked in responses by role)
    QJsonObject evidence;                            ///< what fired it: values, range, flags, figures; no patient identifiers
    QByteArray correlationId;                        ///< the message behind it (clinical), empty for node state
    qint64 messageId = 0;
    QString resultStatus;                            ///< clinical: OBX-11 as sent
    bool correction = false;                         ///< OBX-11 C/A: a corrected result (re-pages, withdraws)
    bool statusOnly = false;                         ///< OBX-11 U: status promoted, no new values (no re-page)
    QString disposition;                             ///< Clear: "corrected" | "source_cleared" | "cancelled"
    QString policy;                                  ///< escalation policy name (the rule's)
    qint64 cooldownMs = 0;                           ///< after resolution, a new raise of the key waits this long (operational)
    qint64 maxAgeMs = 0;                             ///< non-clinical: an open alert expires after this (0 = never)
};

/// One timestamped, attributed step in an alert's life (every transition, and updates inside a state).
struct AlertTransition
{
    qint64 atMs = 0;
    AlertState from = AlertState::Open;
    AlertState to = AlertState::Open;
    QString action;                                  ///< raise, notify, escalate, repeat, update, acknowledge, resolve,
                                                     ///< retract, expire, suppress, unsuppress, notification-failed, withdraw
    QString actor;                                   ///< "system", "rule:<id>", "user:<name>"
    int level = 0;                                   ///< escalation level after the step (0-based)
    QString note;                                    ///< plain words, no PHI
    QByteArray correlationId;                        ///< the message that caused it, if any
};

/// One alert instance.
struct Alert
{
    qint64 id = 0;                                   ///< assigned by the store
    QString ruleId;
    AlertCategory category = AlertCategory::Clinical;
    AlertSeverity severity = AlertSeverity::Critical;
    AlertState state = AlertState::Open;
    QByteArray dedupKey;
    QByteArray groupKey;
    QString unit;
    QString team;
    QString subject;
    QString title;
    QString patientId;                               ///< PHI
    QJsonObject evidence;                            ///< the latest; earlier values are in the history notes
    QList<QByteArray> correlationIds;                ///< every message behind it, first first, no duplicates
    QString policy;
    QString resultStatus;
    int level = 0;                                   ///< current escalation level (0-based)
    int repeats = 0;                                 ///< times the last level was repeated
    int count = 1;                                   ///< raises folded into this alert (deduplication)
    qint64 createdAtMs = 0;
    qint64 updatedAtMs = 0;
    qint64 notifiedAtMs = 0;                         ///< first page; 0 = never paged (suppressed)
    qint64 acknowledgedAtMs = 0;
    QString acknowledgedBy;
    QString acknowledgeNote;
    qint64 closedAtMs = 0;                           ///< resolved, retracted or expired
    QString closedBy;
    QString disposition;
    qint64 deadlineMs = 0;                           ///< next escalation, or end of suppression; 0 = none
    qint64 expiresAtMs = 0;                          ///< non-clinical maximum age; 0 = never
    qint64 silenceId = 0;                            ///< the silence that suppresses it (0 = cooldown or none)
    qint64 replacesAlertId = 0;                      ///< a new instance of a closed alert's key (e.g. corrected later)
    QList<AlertTransition> history;                  ///< oldest first

    bool isOpen() const { return !AlertNames::isTerminal(state); }
    /// The earliest time something happens by itself (deadline or expiry), 0 = none.
    qint64 nextWakeMs() const;
};

/// A notification the state machine asks to be sent; the node fans it out to its channels
/// (the live stream, webhooks) and tracks delivery.
struct AlertNotification
{
    qint64 alertId = 0;
    QString reason;                                  ///< raised, escalated, repeated, updated, corrected, acknowledged,
                                                     ///< resolved, retracted, expired, withdrawn
    int level = 0;
    QList<Recipient> recipients;                     ///< deduplicated
    qint64 atMs = 0;
};

/// A silence: while active, a raise that matches it is suppressed (recorded, counted, nobody paged).
/// Every non-empty field must match; an all-empty matcher is refused by the API.
struct Silence
{
    qint64 id = 0;
    QString ruleId;
    QString unit;
    QString subject;                                 ///< e.g. "destination lab"
    std::optional<AlertSeverity> severity;
    std::optional<AlertCategory> category;
    qint64 startsAtMs = 0;
    qint64 endsAtMs = 0;
    QString reason;
    QString createdBy;
    qint64 createdAtMs = 0;
    qint64 updatedAtMs = 0;
    QString expiredBy;                               ///< ended early by this user ("" = runs to endsAtMs)

    bool isActiveAt(qint64 nowMs) const { return startsAtMs <= nowMs && nowMs < endsAtMs && expiredBy.isEmpty(); }
    bool matches(const AlertSignal& signal) const;
    bool matches(const Alert& alert) const;
    bool hasMatcher() const;
};

Q_DECLARE_METATYPE(Alert)
