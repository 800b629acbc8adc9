#pragma once

#include "models/alerts/AlertTypes.h"
#include "models/alerts/OpenAlertIndex.h"

#include <QHash>
#include <QList>
#include <QSet>
#include <QString>

#include <optional>

class SqliteDatabase;

/// Filter and keyset page for listing alerts (newest first: by id descending).
struct AlertFilter
{
    QList<AlertState> states;                        ///< empty = any
    QList<AlertSeverity> severities;                 ///< empty = any
    QStringList units;                               ///< empty = any; a nurse's caller passes her units
    bool unitsOnly = false;                          ///< true: alerts without a unit are excluded (nurses)
    std::optional<AlertCategory> category;
    QString ruleId;
    QByteArray groupKey;
    QByteArray correlationId;                        ///< alerts behind this message
    qint64 fromMs = 0;                               ///< createdAt >= fromMs (0 = no bound)
    qint64 toMs = 0;                                 ///< createdAt < toMs (0 = no bound)
    qint64 beforeId = 0;                             ///< keyset: only ids < beforeId (0 = from the newest)
    int limit = 100;
};

/// One outgoing notification and how its delivery went (the outbox; DESIGN.md section 3:
/// "a failed notification is itself visible").
struct NotificationRecord
{
    qint64 id = 0;
    qint64 alertId = 0;
    QString channel;                                 ///< "stream" or "webhook:<name>"
    QString reason;
    int level = 0;
    QList<Recipient> recipients;
    QByteArray payload;                              ///< JSON body sent (webhook) / event data (stream); no patient identifiers
    QString state = QStringLiteral("pending");       ///< pending | delivered | failed
    int attempts = 0;
    qint64 createdAtMs = 0;
    qint64 nextAttemptAtMs = 0;
    qint64 deliveredAtMs = 0;
    QString lastError;                               ///< no PHI
};

/// Figures for /metrics and GET /api/v1/alerts/metrics, computed from the store so they survive restarts.
struct AlertFigures
{
    QHash<QString, qint64> openBySeverity;           ///< severity name → open alerts (not suppressed)
    qint64 suppressedOpen = 0;
    QHash<QString, qint64> dispositions;             ///< disposition → resolved alerts
    qint64 deduplicatedTotal = 0;                    ///< sum over alerts of (count - 1)
    qint64 escalationsTotal = 0;                     ///< escalate + repeat transitions
    qint64 suppressedTotal = 0;                      ///< alerts ever created suppressed
    qint64 acknowledgedTotal = 0;
    QList<qint64> timeToAcknowledgeMs;               ///< per acknowledged alert (acknowledgedAt - notifiedAt), ascending, last 10000
    qint64 notificationsFailed = 0;
    qint64 notificationsPending = 0;
};

/// Alerts, their history, silences and the notification outbox in the node's ops.db (same
/// SqliteDatabase as users and audit; main thread only). Each save is one transaction (a
/// WriteTransaction, so it nests inside a caller's, e.g. with an audit entry): the alert row, its new
/// history rows and its new notifications commit together — a deadline that fired is never fired
/// again after a crash, and a page is never lost between the decision and the outbox.
class AlertStore : public OpenAlertIndex
{
public:
    explicit AlertStore(SqliteDatabase& db);
    /// The database, for a caller that commits an alert change together with other writes (audit).
    SqliteDatabase& database() const { return m_db; }
    static bool ensureSchema(SqliteDatabase& db, QString* errorString);

    /// Inserts a new alert (assigns alert.id; fills alertId of `notifications`) with all of its
    /// history and the notifications, fanned out to `channels` (one outbox row per channel each).
    /// `created` (optional) receives the outbox rows it made (ids set), as save() does.
    bool insert(Alert& alert, const QList<AlertNotification>& notifications, const QStringList& channels,
                QString* errorString, QList<NotificationRecord>* created = nullptr);
    /// Updates an existing alert: the row, history entries from index `firstNewTransition` on, and
    /// the notifications fanned out to `channels`. Returns the outbox rows it created (ids set).
    bool save(const Alert& alert, int firstNewTransition, const QList<AlertNotification>& notifications,
              const QStringList& channels, QString* errorString, QList<NotificationRecord>* created = nullptr);

    std::optional<Alert> byId(qint64 id, bool withHistory = true) const;
    std::optional<Alert> openByKey(const QString& ruleId, const QByteArray& dedupKey) const;
    /// Whether openByKey() would find an alert, from memory (asked for normal results on ingest).
    bool isOpen(const QString& ruleId, const QByteArray& dedupKey) const override;
    bool anyOpen(const QString& ruleId) const override;
    /// Drops the in-memory set of open keys, to be read again: call when a transaction that wrote
    /// alerts rolled back, since the set already reflected its writes.
    void forgetOpenKeys() { m_openKeys.reset(); }
    std::optional<Alert> lastClosedByKey(const QString& ruleId, const QByteArray& dedupKey) const;
    /// Every open alert with a wake time (nextWakeMs() != 0), for the timers after a start.
    QList<Alert> withWakeTimes() const;
    QList<Alert> list(const AlertFilter& filter) const;   ///< without history
    qint64 groupSize(const QByteArray& groupKey) const;   ///< open alerts in the group

    // Silences
    bool insertSilence(Silence& silence, QString* errorString);
    bool updateSilence(const Silence& silence, QString* errorString);
    std::optional<Silence> silence(qint64 id) const;
    /// All silences; `activeAt` != 0: only those active then.
    QList<Silence> silences(qint64 activeAt = 0) const;

    // Notification outbox
    QList<NotificationRecord> notificationsOf(qint64 alertId) const;
    /// Pending notifications of `channel` due at `nowMs` (nextAttemptAt <= now), oldest first.
    QList<NotificationRecord> dueNotifications(const QString& channel, qint64 nowMs, int limit = 100) const;
    /// Earliest nextAttemptAt of pending notifications of channels starting with `channelPrefix`, 0 = none.
    qint64 nextNotificationAttemptMs(const QString& channelPrefix) const;
    bool markDelivered(qint64 notificationId, qint64 atMs, int attempts, QString* errorString = nullptr);
    bool markRetry(qint64 notificationId, int attempts, qint64 nextAttemptAtMs, const QString& error,
                   QString* errorString = nullptr);
    bool markFailed(qint64 notificationId, int attempts, const QString& error, QString* errorString = nullptr);

    AlertFigures figures() const;

    /// The id of the last message the clinical rules have evaluated; nullopt before the first start.
    std::optional<qint64> rulesMark() const;
    /// Moves the mark forward (never back).
    bool setRulesMark(qint64 messageId, QString* errorString = nullptr);

private:
    /// nullptr when they cannot be read.
    const QHash<QString, QSet<QByteArray>>* openKeys() const;
    void noteState(const Alert& alert);

    SqliteDatabase& m_db;
    /// Rule id → dedup keys of its alerts not in a terminal state, loaded on first use.
    mutable std::optional<QHash<QString, QSet<QByteArray>>> m_openKeys;
};
