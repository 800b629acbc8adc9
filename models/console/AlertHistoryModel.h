#pragma once

#include <QAbstractListModel>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

/// One alert's escalation history (DESIGN.md 5 "Escalations": who was notified, when, on which
/// channel, whether it was delivered, who acknowledged), from GET /api/v1/alerts/{id}
/// (docs/ops-api.md 4.18): the alert's `history` (every transition) and `notifications` (one
/// entry per page and channel, with its delivery state) merged into one timeline, oldest first.
///
/// A notification is written in the same step as the transition that asked for it (same time,
/// same level), so it is placed right after that transition, and the transition learns whom it
/// paged (RecipientsRole). A notification without such a transition stands alone at its time.
///
/// Semantic roles only; the pane words each row.
class AlertHistoryModel : public QAbstractListModel
{
    Q_OBJECT

public:
    enum Role {
        AtMsRole = Qt::UserRole + 1, ///< qint64: when it happened (a notification: when it was written)
        KindRole,                    ///< "transition" | "notification"
        WhatRole,                    ///< transition: its action (raise, notify, escalate, repeat, update, acknowledge,
                                     ///< resolve, retract, expire, suppress, unsuppress, withdraw, notification-failed);
                                     ///< notification: "notify"
        ReasonRole,                  ///< notification: raised, escalated, repeated, updated, corrected, acknowledged, …
        LevelRole,                   ///< int, 0-based escalation level
        ActorRole,                   ///< "system", "rule:<id>" or "user:<name>" (transitions)
        ActorKindRole,               ///< "system" | "rule" | "user" (transitions)
        ActorNameRole,               ///< the user name or rule id; empty for the system
        FromStateRole,
        ToStateRole,
        RecipientsRole,              ///< QStringList ("unit", "role:charge-nurse"); a transition: whom it paged
        ChannelRole,                 ///< notification: "stream" | "webhook:<name>"
        DeliveryStateRole,           ///< notification: "pending" | "delivered" | "failed"
        AttemptsRole,                ///< notification: int
        LastErrorRole,               ///< notification
        DeliveredAtMsRole,           ///< notification: qint64, 0 when not delivered
        NextAttemptAtMsRole,         ///< notification: qint64, 0 when none
        NoteRole,                    ///< transition: the note (a user's words, or the node's explanation)
        CorrelationIdRole,           ///< transition: the message behind it, if any
        NotificationIdRole,          ///< notification: qint64
        NotificationCountRole,       ///< transition: how many notifications it wrote
        UserNoteRole,                ///< transition by a user: their own words, without the node's account around them
        DispositionRole,             ///< resolve: treated, false_alarm, … (from the node's note)
        CauseRole,                   ///< escalate: "timeout" (nobody acknowledged in time), "pages-failed" (every
                                     ///< page of the level before failed), "by-hand", or empty
    };
    Q_ENUM(Role)

    explicit AlertHistoryModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = QModelIndex()) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    /// The alert detail of 4.18 (with history and notifications). Replaces what is shown.
    void setDetail(const QJsonObject& alert);
    void clear();

    /// The alert shown (without history and notifications); empty when none.
    QJsonObject alert() const { return m_alert; }
    qint64 alertId() const;

    /// The first row (from `from` on) with this kind and what; -1 when none.
    int find(const QString& kind, const QString& what, int from = 0) const;

    /// The words a user typed, out of the note the node wrote for their action (4.18 history notes:
    /// "acknowledged at level 2 after 7 s: called Dr Lee" → "called Dr Lee").
    static QString userNoteOf(const QString& action, const QString& nodeNote);
    /// Time of an ops-API time string in ms since the epoch; 0 when absent or invalid.
    static qint64 msOf(const QJsonObject& object, QStringView key);

private:
    struct Row {
        qint64 atMs = 0;
        QString kind;
        QJsonObject json;
        QStringList recipients;
        int notifications = 0;
    };

    QList<Row> m_rows;
    QJsonObject m_alert;
};
