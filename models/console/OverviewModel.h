#pragma once

#include <QAbstractItemModel>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <memory>
#include <vector>

/// The live overview: a two-level tree. Top-level rows are nodes (in the order they first reported),
/// their children are the node's channels (first) then destinations, in the order of the stats
/// object. Node rows carry aggregates (sum of queues and rates, worst oldest age, the node's open
/// dead letters). Use a QSortFilterProxyModel with recursiveFilteringEnabled and SortRole for
/// sorting and filtering; a flat table is a QTreeView with all nodes expanded.
///
/// Updates are in place: applyStats() emits one dataChanged per row that actually changed
/// (row, column 0 → row, last column), inserts or removes rows only when a node's configuration
/// changed, and never resets (STYLE.md 2.1). 20 nodes × 50 channels at 1 Hz is 20 hash look-ups
/// and ~1000 small comparisons per second.
class OverviewModel : public QAbstractItemModel
{
    Q_OBJECT

public:
    enum Column {
        NameColumn,
        KindColumn,
        StateColumn,        ///< destination breaker / channel connections / node live-or-cached
        QueueDepthColumn,
        OldestQueuedColumn, ///< age of the oldest queued message
        DrainsInColumn,     ///< queueDepth / (drainRate − arrivalRate), "not draining", or "—"
        InRateColumn,       ///< arrivals per second
        OutRateColumn,      ///< deliveries per second (destinations)
        ErrorsColumn,       ///< channel errorsTotal / destination failedAttemptsTotal (totals since node start)
        DeadLettersColumn,  ///< endpoint deadLetteredTotal / node's open dead letters
        LastReceivedColumn,
        LastSentColumn,
        ColumnCount
    };
    Q_ENUM(Column)

    enum Role {
        SortRole = Qt::UserRole + 1, ///< raw value of the column: number, ms, or text (drain: seconds, +inf not draining, -1 n/a)
        NodeIdRole,                  ///< QString
        RowKindRole,                 ///< QString: "node" | "channel" | "destination"
        NameRole,                    ///< QString: node id / channel or destination name
        InterfaceKindRole,           ///< QString: "mllp", "fhir", "file", "http"… (empty for nodes)
        StateRole,                   ///< QString: breakerState ("closed"|"open"|"half-open"), "listening" (channels), "live"|"cached" (nodes)
        NeedsAttentionRole,          ///< bool
        AttentionReasonRole,         ///< QString: "breaker open; oldest message 12 min; not draining" (empty when fine)
        CachedRole,                  ///< bool: the row's data comes from the offline cache
        AsOfRole,                    ///< qint64: ms since the epoch of the sample shown
        LastErrorRole,               ///< QString: destination lastError (no PHI by contract) or empty
        QueueDepthRole,              ///< qint64 (destinations and node sums)
        DrainSecondsRole,            ///< double: seconds to drain, +inf when not draining, -1 when empty / n/a
    };
    Q_ENUM(Role)

    /// An endpoint's oldest queued message older than this needs attention.
    static constexpr qint64 kOldestQueuedLimitMs = 5 * 60 * 1000;
    /// A non-empty queue counts as "not draining" only once its oldest message is this old, so a
    /// message queued a moment ago does not flash a warning.
    static constexpr qint64 kNotDrainingGraceMs = 30 * 1000;
    /// Channel errors that rose within this window keep the row marked.
    static constexpr qint64 kErrorsRisingWindowMs = 60 * 1000;

    explicit OverviewModel(QObject* parent = nullptr);
    ~OverviewModel() override;

    QModelIndex index(int row, int column, const QModelIndex& parent = QModelIndex()) const override;
    QModelIndex parent(const QModelIndex& child) const override;
    int rowCount(const QModelIndex& parent = QModelIndex()) const override;
    int columnCount(const QModelIndex& parent = QModelIndex()) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    /// Applies one stats object (ops API 4.3; stats.tick data) of one node. `cached`: it comes from
    /// the offline cache; `asOfMs`: when it was sampled (0 = use stats.atMs).
    void applyStats(const QString& nodeId, const QString& nodeDisplayName, const QJsonObject& stats, bool cached,
                    qint64 asOfMs = 0);
    /// Marks a node's rows as cached (it went offline) without new figures; one dataChanged per row.
    void setCached(const QString& nodeId, bool cached);
    bool removeNode(const QString& nodeId);
    void clear();

    QModelIndex nodeIndex(const QString& nodeId) const;
    /// kind: "channel" or "destination".
    QModelIndex endpointIndex(const QString& nodeId, const QString& kind, const QString& name) const;

    /// Seconds until a queue drains at the current rates: -1 when the queue is empty, +inf when it
    /// does not drain (drainRate ≤ arrivalRate), else queueDepth / (drainRate − arrivalRate).
    static double drainSeconds(qint64 queueDepth, double arrivalRatePerSec, double drainRatePerSec);
    /// "45 s", "12 min", "2 h 5 min", "3 d 4 h".
    static QString formatDuration(qint64 ms);

    struct Endpoint;
    struct NodeRows;

private:
    NodeRows* nodeAt(int row) const;
    int nodeRow(const NodeRows* node) const;
    QVariant nodeData(const NodeRows& node, int column, int role) const;
    QVariant endpointData(const NodeRows& node, const Endpoint& e, int column, int role) const;

    std::vector<std::unique_ptr<NodeRows>> m_nodes;
};
