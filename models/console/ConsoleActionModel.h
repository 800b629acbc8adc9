#pragma once

#include "models/console/ConsoleAction.h"

#include <QAbstractListModel>
#include <QHash>
#include <QList>
#include <QString>

/// The console's actions on every node, one row each: pending ones first (oldest first, across
/// nodes), then recent outcomes (newest first). Fed per node from that node's action queue
/// (replaceNode when its store loads, upsert on every change); the pending-actions button and panel
/// read it.
///
/// Semantic roles only: wording, colours and icons are the ui's business.
class ConsoleActionModel : public QAbstractListModel
{
    Q_OBJECT

public:
    enum Role {
        NodeIdRole = Qt::UserRole + 1,
        NodeNameRole,       ///< the node's display name
        KeyRole,            ///< the Idempotency-Key (the action's identity)
        KindRole,           ///< "alert-acknowledge", "resubmit", …
        TargetRole,         ///< "alert:3", "dead-letter:13", …
        SummaryRole,        ///< plain words made when the user acted
        UserNameRole,       ///< who made it
        CreatedAtMsRole,    ///< qint64
        StateRole,          ///< "pending" | "applied" | "refused" | "discarded"
        AttemptsRole,       ///< int: sends so far, all with the same key
        OutcomeRole,        ///< refused: the node's words; pending: why the last attempt did not finish it
        FinishedAtMsRole,   ///< qint64; 0 while pending
        HoldRole,           ///< "" | "other-user" | "key-expired": pending, not sent by itself (ConsoleAction::Hold)
        NextAttemptAtMsRole,///< qint64: pending, node live, waiting out a backoff; 0 otherwise
        InFlightRole,       ///< bool: being sent right now
        SeenRole,           ///< bool: a finished outcome the user has looked at
        NeedsAttentionRole, ///< bool: refused and not yet seen
        HttpStatusRole,     ///< int: of the node's final answer
    };
    Q_ENUM(Role)

    explicit ConsoleActionModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = QModelIndex()) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    void setNodeName(const QString& nodeId, const QString& name);
    QString nodeName(const QString& nodeId) const;
    /// Every action of one node now (rows of the node not in the list leave).
    void replaceNode(const QString& nodeId, const QList<ConsoleAction>& actions, const QString& inFlightKey = QString());
    /// A recorded or changed action; it moves when its place in the order changes.
    void upsert(const ConsoleAction& action, bool inFlight = false);
    void removeNode(const QString& nodeId);

    int rowOf(const QString& nodeId, const QString& key) const;
    ConsoleAction actionAt(int row) const;
    bool isInFlight(int row) const;

    /// Actions waiting for their node, on every node.
    int pendingCount() const { return m_pendingCount; }
    /// Refusals nobody has looked at yet.
    int attentionCount() const { return m_attentionCount; }

signals:
    /// pendingCount() or attentionCount() changed.
    void countsChanged(int pending, int attention);

private:
    struct Row {
        ConsoleAction action;
        bool inFlight = false;
    };
    static bool before(const Row& l, const Row& r);
    int insertionRow(const Row& row) const;
    bool inPlace(int row) const;
    void updateCounts();

    QList<Row> m_rows;
    QHash<QString, QString> m_nodeNames;
    int m_pendingCount = 0;
    int m_attentionCount = 0;
};
