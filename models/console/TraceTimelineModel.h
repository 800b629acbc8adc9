#pragma once

#include <QAbstractTableModel>
#include <QJsonArray>
#include <QList>
#include <QString>

/// The events of one correlation ID across nodes on one timeline (ops API 4.9 `events`, 4.1
/// TraceEvent), sorted by atUs (ties: node order of arrival, then the node's own order).
/// Durations are computed on the merged timeline: since the previous event and since the first.
class TraceTimelineModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column {
        TimeColumn,
        NodeColumn,
        StageColumn,
        OutcomeColumn,
        DestinationColumn,
        DetailColumn,
        SincePreviousColumn, ///< "+2.254 s"
        SinceFirstColumn,    ///< "+2.256 s"
        ColumnCount
    };
    Q_ENUM(Column)

    enum Role {
        AtUsRole = Qt::UserRole + 1, ///< qint64: µs since the epoch
        NodeIdRole,                  ///< QString
        MessageIdRole,               ///< qint64
        StageRole,                   ///< QString: receive, parse, …, dead-letter, resubmit
        OutcomeRole,                 ///< QString: ok, failed, …, or the ACK code / HTTP status
        SincePreviousUsRole,         ///< qint64 µs (0 for the first event)
        SinceFirstUsRole,            ///< qint64 µs
        FailedRole,                  ///< bool: failed/retry outcome, negative ACK, HTTP ≥ 400, dead letter
        SortRole,                    ///< raw value of the column (µs for times)
    };
    Q_ENUM(Role)

    explicit TraceTimelineModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = QModelIndex()) const override;
    int columnCount(const QModelIndex& parent = QModelIndex()) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    /// Shows the trace of this correlation ID; a different one empties the model first.
    void setCorrelationId(const QString& correlationId);
    QString correlationId() const;
    /// Sets (replaces) one node's events and merges them into the timeline. Events without atUs use
    /// `at` (ms precision). Traces are short (tens of events): one reset per call.
    void setTrace(const QString& nodeId, const QJsonArray& events);
    void setNodeDisplayName(const QString& nodeId, const QString& displayName);
    void clear();

    /// Whether an event's outcome is a failure (see FailedRole).
    static bool isFailure(const QString& stage, const QString& outcome);
    /// "+350 µs", "+12 ms", "+2.254 s", "+3 min 4 s".
    static QString formatDelta(qint64 us);

private:
    struct Event
    {
        qint64 atUs = 0;
        qint64 messageId = 0;
        int nodeOrder = 0;                           ///< which node's trace, in order of arrival
        int seq = 0;                                 ///< position in that node's array
        QString nodeId;
        QString stage;
        QString outcome;
        QString destination;
        QString detail;
    };

    QString m_correlationId;
    QList<Event> m_events;
    QStringList m_nodeOrder;
    QHash<QString, QString> m_nodeNames;
};
