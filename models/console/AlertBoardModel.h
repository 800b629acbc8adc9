#pragma once

#include <QAbstractListModel>
#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>

/// Every active alert of every node this console watches, one row each (the alert board's and the
/// escalation board's source). Rows come from GET /api/v1/alerts?state=active (replaceNode) and from
/// `alert.changed` stream events (upsert); an alert that closes (resolved, retracted, expired)
/// leaves the board. Alert objects are as docs/ops-api.md 4.17/4.18 give them; the stream's copy has
/// no patientId, so an upsert keeps the one the list gave.
///
/// Semantic roles only: colours, icons and wording are the ui's business. Row order is arrival
/// order; views sort and filter through proxies.
class AlertBoardModel : public QAbstractListModel
{
    Q_OBJECT

public:
    enum Role {
        NodeIdRole = Qt::UserRole + 1,
        NodeNameRole,
        AlertIdRole,            ///< qint64
        RuleIdRole,
        CategoryRole,           ///< "clinical" | "operational"
        SeverityRole,           ///< "critical" | "high" | "medium" | "low"
        SeverityRankRole,       ///< int: 0 critical … 3 low, 4 unknown (sorts most severe first)
        StateRole,              ///< "open" | "notified" | "escalated" | "acknowledged" | "suppressed"
        TitleRole,              ///< the node's one-line title (no patient identifiers)
        UnitRole,
        TeamRole,
        SubjectRole,
        PatientIdRole,          ///< as the node gave it for this role ("***" when masked); empty when none
        EvidenceRole,           ///< QJsonObject
        LevelRole,              ///< int, 0-based escalation level
        RepeatsRole,
        CountRole,              ///< raises folded into it
        PolicyRole,
        CreatedAtMsRole,        ///< qint64
        UpdatedAtMsRole,
        NextEscalationAtMsRole, ///< qint64; 0 when none (acknowledged, suppressed)
        AcknowledgedByRole,
        AcknowledgedAtMsRole,
        AcknowledgeNoteRole,
        ReopensAtMsRole,        ///< qint64: an acknowledged alert pages again then unless resolved; 0 when never
        SuppressedUntilMsRole,
        GroupKeyRole,
        GroupSizeRole,
        CorrelationIdsRole,     ///< QStringList
        AlertJsonRole,          ///< QJsonObject: the whole alert
        CachedRole,             ///< bool: from the console's cache (the node is not live)
        PendingActionRole,      ///< QString: kind of a pending console action on it ("alert-acknowledge"), empty when none
        PendingSinceMsRole,     ///< qint64
    };
    Q_ENUM(Role)

    explicit AlertBoardModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = QModelIndex()) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    void setNodeName(const QString& nodeId, const QString& name);
    /// The node's active alerts now (a full list: rows of this node not in it leave the board).
    /// cached: the list came from the console's cache, not the node.
    void replaceNode(const QString& nodeId, const QJsonArray& alerts, bool cached = false);
    /// A created or changed alert. A closed one leaves the board. An older copy (updatedAt before
    /// the row's) is ignored, so a late list reply cannot undo a newer event.
    void upsert(const QString& nodeId, const QJsonObject& alert);
    void removeNode(const QString& nodeId);
    /// Marks the node's rows as cached (offline) or live.
    void setCached(const QString& nodeId, bool cached);
    /// A console action waits for this alert (kind empty: none any more).
    void setPendingAction(const QString& nodeId, qint64 alertId, const QString& kind, qint64 sinceMs);

    int rowOf(const QString& nodeId, qint64 alertId) const;
    QJsonObject alert(int row) const;
    QString nodeIdAt(int row) const;

    static bool isClosedState(const QString& state);
    /// Whether `after` (a newer copy of `before`) pages people again (see alertRepaged).
    static bool isRepage(const QJsonObject& before, const QJsonObject& after);
    static int severityRank(const QString& severity);

signals:
    /// A new alert appeared on the board (not on a reload of one already shown): for desktop
    /// notifications and sounds. Emitted after the row is inserted.
    void alertArrived(const QString& nodeId, const QJsonObject& alert);
    /// An alert on the board pages people again: it escalated a level, repeated its last level, or
    /// its acknowledgement lapsed unresolved. Emitted after the row changed.
    void alertRepaged(const QString& nodeId, const QJsonObject& alert);

private:
    struct Row {
        QString nodeId;
        QJsonObject alert;
        qint64 id = 0;
        bool cached = false;
        QString pendingKind;
        qint64 pendingSinceMs = 0;
    };
    static QString keyOf(const QString& nodeId, qint64 id);
    void removeRow(int row);
    void reindexFrom(int row);

    QList<Row> m_rows;
    QHash<QString, int> m_index;           ///< keyOf(node, id) → row
    QHash<QString, QString> m_nodeNames;
    QHash<QString, QPair<QString, qint64>> m_pending; ///< keyOf → (kind, since), kept for rows that arrive later
};
