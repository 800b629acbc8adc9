#pragma once

#include "models/alerts/AlertClock.h"
#include "models/alerts/AlertRuleConfig.h"
#include "models/alerts/AlertStateMachine.h"
#include "models/alerts/CriticalResultRule.h"
#include "models/alerts/OperationalRuleEvaluator.h"
#include "node/alerts/AlertStore.h"
#include "node/pipeline/AcceptedMessage.h"

#include <QMultiMap>
#include <QObject>
#include <QTimer>

#include <functional>
#include <memory>
#include <optional>

class MetricsRegistry;
class WebhookNotifier;

/// The node's alert service (DESIGN.md section 3, issue 4): accepted messages and node state go
/// through the rules, signals through the state machine, and every change is committed to the
/// alert store — alert row, history and notification outbox in one transaction — before anyone is
/// told (alertChanged for the live stream, the webhook notifier for paging systems).
///
/// Timers are durable: each open alert's next wake time (escalation deadline, end of suppression,
/// expiry) is an absolute time in the store; one QTimer waits for the earliest. After a restart the
/// overdue ones fire once, and the next deadline counts from then. Main thread only.
class AlertService : public QObject
{
    Q_OBJECT
public:
    /// What an action from the API did. status follows HTTP: 200 done, 404 no such alert/silence,
    /// 409 refused by the state machine (message says why), 422 bad input, 500 store failure.
    struct Result
    {
        int status = 200;
        QString code;                                ///< "not-found", "refused", "invalid", "internal"
        QString message;
        std::optional<Alert> alert;
        std::optional<Silence> silence;
        bool ok() const { return status == 200 || status == 201; }
    };
    /// Runs inside the action's transaction, after the change is written: returns false to roll it
    /// back (the API writes the audit entry here, so an action and its audit entry commit together).
    using InTransaction = std::function<bool()>;

    AlertService(AlertsConfig config, AlertStore& store, MetricsRegistry* metrics, AlertClock clock,
                 QObject* parent = nullptr);
    ~AlertService() override;

    /// Where start() finds the accepted messages the clinical rules have not evaluated yet (a crash
    /// between a message's commit and its alert's), and the newest message id, which is where a node
    /// that never ran the rules starts (its history is not re-alerted).
    using RecoverySource = std::function<QList<AcceptedMessage>(qint64 afterId, int limit)>;
    void setRecoverySource(RecoverySource source, qint64 lastMessageId);

    /// Schedules the stored wake times, re-announces stream notifications left pending by a crash,
    /// and starts the webhook notifier.
    bool start(QString* errorString);
    void stop();

    const AlertsConfig& config() const { return m_config; }
    AlertStore& store() { return m_store; }

    /// Clinical rules over a committed, accepted message.
    void onMessageAccepted(const AcceptedMessage& message);
    /// Operational rules over the node's state (once a second).
    void onSample(const OperationalSample& sample);

    Result acknowledge(qint64 alertId, const QString& actor, const QString& note, const InTransaction& audit = {});
    Result resolve(qint64 alertId, const QString& actor, const QString& disposition, const QString& note,
                   const InTransaction& audit = {});
    Result escalate(qint64 alertId, const QString& actor, const QString& note, const InTransaction& audit = {});

    /// Silences: `silence` without id; createdBy/createdAt are set here.
    Result createSilence(Silence silence, const QString& actor, const InTransaction& audit = {});
    /// Changes the end, the reason, or both (nullopt = keep).
    Result updateSilence(qint64 id, std::optional<qint64> endsAtMs, std::optional<QString> reason,
                         const QString& actor, const InTransaction& audit = {});
    /// Ends a silence now (kept for the record, with who ended it).
    Result expireSilence(qint64 id, const QString& actor, const InTransaction& audit = {});

    /// Fires every deadline that has passed (escalations, ends of suppression, expiry) and re-arms
    /// the timer. The timer calls it; tests with a fake clock call it after moving the clock.
    void checkDeadlines();

    /// The policy an alert follows (its own, else the first configured; never null).
    const EscalationPolicy& policyOf(const QString& name) const;

signals:
    /// Committed: an alert was created or changed. `notifications` are the pages it asked for
    /// (the stream's copy of them).
    void alertChanged(const Alert& alert, const QList<AlertNotification>& notifications);

private:
    struct Change
    {
        Alert alert;
        int firstNewTransition = 0;                  ///< history entries from here on are new
        bool created = false;
        QList<AlertNotification> notifications;
    };
    void applySignal(const AlertSignal& signal);
    /// The signals of the clinical rules for this message that would change something.
    QList<AlertSignal> effectiveSignals(const AcceptedMessage& message) const;
    void catchUp();
    void saveRulesMark();
    /// Writes a change (one transaction with `audit`), then announces it. False + error on failure.
    bool commit(Change& change, const InTransaction& audit, QString* errorString);
    Result runAction(qint64 alertId, const std::function<AlertStateMachine::Step(Alert&)>& action,
                     const InTransaction& audit);
    /// The metrics of one committed change; `before` is the state it had (nullopt: just created).
    void count(const AlertStateMachine::Step& step, const Alert& alert, std::optional<AlertState> before);
    void scheduleWake(const Alert& alert);
    void armTimer();
    void onTimer();
    const Silence* activeSilenceFor(const AlertSignal& signal);
    qint64 suppressedUntil(const Alert& alert) const;
    void reloadSilences();
    /// Inserts or updates a silence with `audit` in one transaction; the failure to answer, if any.
    std::optional<Result> writeSilence(Silence& silence, bool insert, const InTransaction& audit);
    void announceStream(const Alert& alert, const QList<AlertNotification>& notifications);
    /// A silence changed its end: the alerts it holds wake at the new end (with a history entry).
    void moveSuppressionDeadlines(qint64 silenceId, qint64 untilMs, const QString& actor, const QString& note);
    void onWebhookFailed(qint64 notificationId, qint64 alertId, int level, const QString& error);
    void declareMetrics();

    AlertsConfig m_config;
    AlertStore& m_store;
    MetricsRegistry* m_metrics;
    AlertClock m_clock;
    AlertStateMachine m_machine;
    QList<CriticalResultRule> m_criticalRules;
    OperationalRuleEvaluator m_operational;
    std::unique_ptr<WebhookNotifier> m_webhooks;
    QMultiMap<qint64, qint64> m_wakes;               ///< wake time → alert id
    QHash<qint64, qint64> m_wakeOf;                  ///< alert id → its entry in m_wakes
    QList<Silence> m_activeSilences;                 ///< cached; reloaded on change and on a timer
    qint64 m_silencesLoadedAtMs = 0;
    QTimer m_timer;
    bool m_started = false;
    RecoverySource m_recovery;
    qint64 m_lastMessageIdAtStart = 0;
    qint64 m_lastSeenMessageId = 0;                  ///< newest accepted message evaluated (or not applicable)
    qint64 m_savedMark = 0;
};
