#pragma once

#include "models/console/AlertBoardModel.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QJsonArray>
#include <QList>
#include <QPointer>
#include <QString>
#include <QStringList>

#include <functional>
#include <optional>


/// What escalates next (DESIGN.md 5 "Escalations"): the alerts of an AlertBoardModel that will
/// escalate unless someone acknowledges them (a nextEscalationAt, not acknowledged or suppressed),
/// soonest first, each with a live countdown and who is paged next.
///
/// Who is paged next comes from the node's escalation policies (GET /api/v1/alert-rules,
/// docs/config.md "alerts.policies"), given per node with setPolicies(): the level after the alert's
/// current one, or the last level again once it is there (a critical result never goes quiet).
/// Without a node's policies the next level and recipients are unknown (-1, empty), never guessed.
///
/// Rows follow the board: inserts, removals and moves are applied as they happen, so selections
/// and scroll positions stay put. The countdown reads an injected clock; tick() (the view calls it
/// once a second) tells views only about rows whose shown second changed.
///
/// Every AlertBoardModel role is answered too (for the row's alert). Display texts are plain data
/// (the countdown as "1:42" / "-0:12", the severity code, recipients as the node names them): the
/// view words and colours them.
class EscalationQueueModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { WhenColumn, SeverityColumn, NodeColumn, UnitColumn, AlertColumn, NextColumn, ColumnCount };
    Q_ENUM(Column)

    enum Role {
        CountdownMsRole = Qt::UserRole + 100, ///< qint64: nextEscalationAt − now; negative when overdue
        OverdueRole,                          ///< bool: the escalation time has passed (the node has not reported a change yet)
        NextLevelRole,                        ///< int: 0-based level paged next; -1 when the node's policy is not known
        NextRecipientsRole,                   ///< QStringList: recipients of that level ("unit", "role:charge-nurse"); empty when not known
        NextIsRepeatRole,                     ///< bool: the next page repeats the last level
        PolicyKnownRole,                      ///< bool: the node's policy of this alert is known
        LevelCountRole,                       ///< int: levels of the alert's policy; 0 when not known
        AckTimeoutSecondsRole,                ///< int: acknowledgement timeout of the level paged next; 0 when not known
    };
    Q_ENUM(Role)

    using Clock = std::function<qint64()>;

    explicit EscalationQueueModel(AlertBoardModel* source, QObject* parent = nullptr);
    ~EscalationQueueModel() override;

    int rowCount(const QModelIndex& parent = QModelIndex()) const override;
    int columnCount(const QModelIndex& parent = QModelIndex()) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    AlertBoardModel* sourceModel() const { return m_source; }

    /// Milliseconds since the epoch (default: the system clock). Tests inject a fake one.
    void setClock(Clock clock);
    qint64 now() const { return m_clock(); }

    /// The node's escalation policies: the `policies` array of GET /api/v1/alert-rules. An empty
    /// array forgets them (next recipients unknown again).
    void setPolicies(const QString& nodeId, const QJsonArray& policies);
    bool hasPolicies(const QString& nodeId) const { return m_policies.contains(nodeId); }

    /// Emits dataChanged (WhenColumn; CountdownMsRole, OverdueRole, DisplayRole) for the rows whose
    /// shown countdown second changed since the last tick, and for no other row.
    void tick();

    int rowOf(const QString& nodeId, qint64 alertId) const;
    QString nodeIdAt(int row) const;
    qint64 alertIdAt(int row) const;

    /// What a countdown shows, as a whole-second key: seconds left rounded up (so "0:01" until the
    /// time), or −1 − seconds overdue (so "overdue 0:00" differs from "0:00 left").
    static qint64 shownSecond(qint64 countdownMs);
    /// "1:42", "61:05", "-0:12".
    static QString countdownText(qint64 countdownMs);

private:
    struct Level {
        QStringList notify;
        int ackTimeoutSeconds = 0;
    };
    struct Entry {
        QString nodeId;
        qint64 id = 0;
        qint64 nextAtMs = 0;
        int rank = 4;
        qint64 shownSecond = 0;
    };
    struct NextStep {
        int level = -1;
        QStringList recipients;
        bool repeat = false;
        int levels = 0;
        int ackTimeoutSeconds = 0;
    };

    void sync();
    void onSourceDataChanged(const QModelIndex& topLeft, const QModelIndex& bottomRight, const QList<int>& roles);
    std::optional<Entry> entryOfSourceRow(int sourceRow) const;
    static bool before(const Entry& a, const Entry& b);
    void reindex();
    NextStep nextStep(const QString& nodeId, const QString& policy, int level) const;
    QModelIndex sourceIndex(int row) const;
    void emitRowChanged(int row);

    QPointer<AlertBoardModel> m_source;
    Clock m_clock;
    QList<Entry> m_entries;
    QHash<QString, int> m_rowOfKey;                          ///< "node#id" → row
    QHash<QString, QHash<QString, QList<Level>>> m_policies; ///< node → policy name → levels
};
