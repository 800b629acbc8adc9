#include "models/console/OverviewModel.h"

#include <QDateTime>
#include <QHash>
#include <QJsonArray>
#include <QJsonValue>

#include <cmath>
#include <limits>

using namespace Qt::StringLiterals;

/// One channel or destination row. Compared as a whole so an unchanged row costs no signal.
struct OverviewModel::Endpoint
{
    bool destination = false;
    QString name;
    QString kind;
    // channel
    qint64 errorsTotal = 0;
    qint64 connections = 0;
    qint64 lastReceivedMs = -1;                      ///< -1: never
    // destination
    qint64 queueDepth = 0;
    qint64 oldestQueuedAgeMs = 0;
    qint64 inFlight = 0;
    qint64 failedAttemptsTotal = 0;
    QString breakerState;
    qint64 lastSentMs = -1;
    QString lastError;
    double drainRate = 0;
    // both
    qint64 deadLetteredTotal = 0;
    double arrivalRate = 0;
    qint64 errorsRoseAtMs = -1;                      ///< sample time errorsTotal last went up
    bool errorsRising = false;

    bool operator==(const Endpoint&) const = default;

    qint64 errors() const { return destination ? failedAttemptsTotal : errorsTotal; }
    double drain() const
    {
        return destination ? OverviewModel::drainSeconds(queueDepth, arrivalRate, drainRate) : -1;
    }
    QStringList reasons() const
    {
        QStringList r;
        if (destination) {
            if (breakerState == "open"_L1)
                r.append(OverviewModel::tr("breaker open"));
            else if (breakerState == "half-open"_L1)
                r.append(OverviewModel::tr("breaker half-open"));
            if (queueDepth > 0 && oldestQueuedAgeMs > kOldestQueuedLimitMs)
                r.append(OverviewModel::tr("oldest message %1").arg(OverviewModel::formatDuration(oldestQueuedAgeMs)));
            if (queueDepth > 0 && std::isinf(drain()) && oldestQueuedAgeMs >= kNotDrainingGraceMs)
                r.append(OverviewModel::tr("not draining"));
        } else if (errorsRising) {
            r.append(OverviewModel::tr("errors rising"));
        }
        return r;
    }
};

/// A node's row and its children. `summary` holds what the node row shows, so it too is compared.
struct OverviewModel::NodeRows
{
    struct Summary
    {
        qint64 queueDepth = 0;
        qint64 oldestQueuedAgeMs = 0;
        double drainSeconds = -1;
        double arrivalRate = 0;
        double drainRate = 0;
        qint64 errors = 0;
        qint64 deadLetterDepth = 0;
        qint64 lastReceivedMs = -1;
        qint64 lastSentMs = -1;
        int needingAttention = 0;
        bool operator==(const Summary&) const = default;
    };

    int row = 0;
    QString nodeId;
    QString displayName;
    bool cached = false;
    qint64 asOfMs = 0;
    std::vector<Endpoint> endpoints;                 ///< channels first, then destinations
    int channelCount = 0;
    QHash<QString, int> channelRows;
    QHash<QString, int> destinationRows;
    Summary summary;

    void reindex()
    {
        channelRows.clear();
        destinationRows.clear();
        channelCount = 0;
        for (int i = 0; i < int(endpoints.size()); ++i) {
            if (endpoints[i].destination) {
                destinationRows.insert(endpoints[i].name, i);
            } else {
                channelRows.insert(endpoints[i].name, i);
                ++channelCount;
            }
        }
    }
};

namespace {

qint64 msOrNever(const QJsonValue& v)
{
    return v.isDouble() ? qint64(v.toDouble()) : -1;
}

qint64 integer(const QJsonObject& o, QLatin1StringView key)
{
    return qint64(o.value(key).toDouble());
}

OverviewModel::Endpoint parseEndpoint(const QJsonObject& o, bool destination)
{
    OverviewModel::Endpoint e;
    e.destination = destination;
    e.name = o.value("name"_L1).toString();
    e.kind = o.value("kind"_L1).toString();
    e.deadLetteredTotal = integer(o, "deadLetteredTotal"_L1);
    e.arrivalRate = o.value("arrivalRatePerSec"_L1).toDouble();
    if (destination) {
        e.queueDepth = integer(o, "queueDepth"_L1);
        e.oldestQueuedAgeMs = integer(o, "oldestQueuedAgeMs"_L1);
        e.inFlight = integer(o, "inFlight"_L1);
        e.failedAttemptsTotal = integer(o, "failedAttemptsTotal"_L1);
        e.breakerState = o.value("breakerState"_L1).toString();
        e.lastSentMs = msOrNever(o.value("lastSentAtMs"_L1));
        e.lastError = o.value("lastError"_L1).toString();
        e.drainRate = o.value("drainRatePerSec"_L1).toDouble();
    } else {
        e.errorsTotal = integer(o, "errorsTotal"_L1);
        e.connections = integer(o, "connections"_L1);
        e.lastReceivedMs = msOrNever(o.value("lastReceivedAtMs"_L1));
    }
    return e;
}

QString timeText(qint64 ms)
{
    if (ms < 0)
        return OverviewModel::tr("never");
    const QDateTime t = QDateTime::fromMSecsSinceEpoch(ms).toLocalTime();
    if (t.date() == QDate::currentDate())
        return t.toString(u"HH:mm:ss"_s);
    return t.toString(u"yyyy-MM-dd HH:mm"_s);
}

QString rateText(double perSec)
{
    return QString::number(perSec, 'f', perSec < 10 ? 2 : 1);
}

QString drainText(double seconds)
{
    if (seconds < 0)
        return u"—"_s;
    if (std::isinf(seconds))
        return OverviewModel::tr("not draining");
    return OverviewModel::tr("~%1").arg(OverviewModel::formatDuration(qint64(std::ceil(seconds)) * 1000));
}

bool isNumberColumn(int column)
{
    return column >= OverviewModel::QueueDepthColumn && column <= OverviewModel::DeadLettersColumn;
}

} // namespace

OverviewModel::OverviewModel(QObject* parent)
    : QAbstractItemModel(parent)
{
}

OverviewModel::~OverviewModel() = default;

double OverviewModel::drainSeconds(qint64 queueDepth, double arrivalRatePerSec, double drainRatePerSec)
{
    if (queueDepth <= 0)
        return -1;
    const double net = drainRatePerSec - arrivalRatePerSec;
    if (net <= 0)
        return std::numeric_limits<double>::infinity();
    return double(queueDepth) / net;
}

QString OverviewModel::formatDuration(qint64 ms)
{
    const qint64 s = ms / 1000;
    if (s < 60)
        return tr("%1 s", "duration").arg(s);
    const qint64 m = s / 60;
    if (m < 60)
        return tr("%1 min", "duration").arg(m);
    const qint64 h = m / 60;
    if (h < 24)
        return m % 60 ? tr("%1 h %2 min", "duration").arg(h).arg(m % 60) : tr("%1 h", "duration").arg(h);
    return h % 24 ? tr("%1 d %2 h", "duration").arg(h / 24).arg(h % 24) : tr("%1 d", "duration").arg(h / 24);
}

QModelIndex OverviewModel::index(int row, int column, const QModelIndex& parent) const
{
    if (!hasIndex(row, column, parent))
        return {};
    if (!parent.isValid())
        return createIndex(row, column, nullptr);
    if (parent.internalPointer())
        return {};
    return createIndex(row, column, m_nodes[parent.row()].get());
}

QModelIndex OverviewModel::parent(const QModelIndex& child) const
{
    if (!child.isValid() || !child.internalPointer())
        return {};
    const auto* node = static_cast<const NodeRows*>(child.internalPointer());
    return createIndex(node->row, 0, nullptr);
}

int OverviewModel::rowCount(const QModelIndex& parent) const
{
    if (!parent.isValid())
        return int(m_nodes.size());
    if (parent.column() != 0 || parent.internalPointer())
        return 0;
    return int(m_nodes[parent.row()]->endpoints.size());
}

int OverviewModel::columnCount(const QModelIndex&) const
{
    return ColumnCount;
}

QVariant OverviewModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    if (!index.internalPointer())
        return nodeData(*m_nodes[index.row()], index.column(), role);
    const auto* node = static_cast<const NodeRows*>(index.internalPointer());
    return endpointData(*node, node->endpoints[index.row()], index.column(), role);
}

QVariant OverviewModel::nodeData(const NodeRows& n, int column, int role) const
{
    const NodeRows::Summary& s = n.summary;
    const auto reason = [&] {
        if (s.needingAttention == 0)
            return QString();
        return s.needingAttention == 1 ? tr("1 interface needs attention")
                                       : tr("%1 interfaces need attention").arg(s.needingAttention);
    };
    switch (role) {
    case Qt::DisplayRole:
        switch (column) {
        case NameColumn: return n.displayName.isEmpty() ? n.nodeId : n.displayName;
        case KindColumn: return tr("node");
        case StateColumn:
            return n.cached ? tr("cached — as of %1").arg(timeText(n.asOfMs)) : tr("live");
        case QueueDepthColumn: return s.queueDepth;
        case OldestQueuedColumn: return s.queueDepth > 0 ? formatDuration(s.oldestQueuedAgeMs) : u"—"_s;
        case DrainsInColumn: return drainText(s.drainSeconds);
        case InRateColumn: return rateText(s.arrivalRate);
        case OutRateColumn: return rateText(s.drainRate);
        case ErrorsColumn: return s.errors;
        case DeadLettersColumn: return s.deadLetterDepth;
        case LastReceivedColumn: return timeText(s.lastReceivedMs);
        case LastSentColumn: return timeText(s.lastSentMs);
        }
        return {};
    case SortRole:
        switch (column) {
        case NameColumn: return n.displayName.isEmpty() ? n.nodeId : n.displayName;
        case KindColumn: return u"node"_s;
        case StateColumn: return n.cached ? u"cached"_s : u"live"_s;
        case QueueDepthColumn: return s.queueDepth;
        case OldestQueuedColumn: return s.queueDepth > 0 ? s.oldestQueuedAgeMs : 0;
        case DrainsInColumn: return s.drainSeconds;
        case InRateColumn: return s.arrivalRate;
        case OutRateColumn: return s.drainRate;
        case ErrorsColumn: return s.errors;
        case DeadLettersColumn: return s.deadLetterDepth;
        case LastReceivedColumn: return s.lastReceivedMs;
        case LastSentColumn: return s.lastSentMs;
        }
        return {};
    case Qt::ToolTipRole:
    case AttentionReasonRole: return reason();
    case Qt::TextAlignmentRole:
        return isNumberColumn(column) ? QVariant(int(Qt::AlignRight | Qt::AlignVCenter)) : QVariant();
    case NodeIdRole:
    case NameRole: return n.nodeId;
    case RowKindRole: return u"node"_s;
    case InterfaceKindRole: return QString();
    case StateRole: return n.cached ? u"cached"_s : u"live"_s;
    case NeedsAttentionRole: return s.needingAttention > 0;
    case CachedRole: return n.cached;
    case AsOfRole: return n.asOfMs;
    case LastErrorRole: return QString();
    case QueueDepthRole: return s.queueDepth;
    case DrainSecondsRole: return s.drainSeconds;
    }
    return {};
}

QVariant OverviewModel::endpointData(const NodeRows& n, const Endpoint& e, int column, int role) const
{
    const double drain = e.drain();
    switch (role) {
    case Qt::DisplayRole:
        switch (column) {
        case NameColumn: return e.name;
        case KindColumn: return e.destination ? tr("destination (%1)").arg(e.kind) : tr("channel (%1)").arg(e.kind);
        case StateColumn:
            if (e.destination) {
                if (e.breakerState == "closed"_L1)
                    return tr("up");
                if (e.breakerState == "open"_L1)
                    return tr("down — breaker open");
                if (e.breakerState == "half-open"_L1)
                    return tr("retrying — breaker half-open");
                return e.breakerState;
            }
            if (e.kind == "mllp"_L1)
                return e.connections == 1 ? tr("1 connection") : tr("%1 connections").arg(e.connections);
            return tr("listening");
        case QueueDepthColumn: return e.destination ? QVariant(e.queueDepth) : QVariant();
        case OldestQueuedColumn:
            if (!e.destination)
                return {};
            return e.queueDepth > 0 ? formatDuration(e.oldestQueuedAgeMs) : u"—"_s;
        case DrainsInColumn: return e.destination ? drainText(drain) : QVariant();
        case InRateColumn: return rateText(e.arrivalRate);
        case OutRateColumn: return e.destination ? rateText(e.drainRate) : QVariant();
        case ErrorsColumn: return e.errors();
        case DeadLettersColumn: return e.deadLetteredTotal;
        case LastReceivedColumn: return e.destination ? QVariant() : timeText(e.lastReceivedMs);
        case LastSentColumn: return e.destination ? timeText(e.lastSentMs) : QVariant();
        }
        return {};
    case SortRole:
        switch (column) {
        case NameColumn: return e.name;
        case KindColumn: return e.destination ? u"destination"_s : u"channel"_s;
        case StateColumn: return e.destination ? e.breakerState : u"listening"_s;
        case QueueDepthColumn: return e.queueDepth;
        case OldestQueuedColumn: return e.queueDepth > 0 ? e.oldestQueuedAgeMs : 0;
        case DrainsInColumn: return drain;
        case InRateColumn: return e.arrivalRate;
        case OutRateColumn: return e.drainRate;
        case ErrorsColumn: return e.errors();
        case DeadLettersColumn: return e.deadLetteredTotal;
        case LastReceivedColumn: return e.lastReceivedMs;
        case LastSentColumn: return e.lastSentMs;
        }
        return {};
    case Qt::ToolTipRole: {
        QStringList parts = e.reasons();
        if (!e.lastError.isEmpty())
            parts.append(tr("last error: %1").arg(e.lastError));
        return parts.join(u"\n"_s);
    }
    case Qt::TextAlignmentRole:
        return isNumberColumn(column) ? QVariant(int(Qt::AlignRight | Qt::AlignVCenter)) : QVariant();
    case NodeIdRole: return n.nodeId;
    case RowKindRole: return e.destination ? u"destination"_s : u"channel"_s;
    case NameRole: return e.name;
    case InterfaceKindRole: return e.kind;
    case StateRole: return e.destination ? e.breakerState : u"listening"_s;
    case NeedsAttentionRole: return !e.reasons().isEmpty();
    case AttentionReasonRole: return e.reasons().join(u"; "_s);
    case CachedRole: return n.cached;
    case AsOfRole: return n.asOfMs;
    case LastErrorRole: return e.lastError;
    case QueueDepthRole: return e.queueDepth;
    case DrainSecondsRole: return drain;
    }
    return {};
}

QVariant OverviewModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn: return tr("Name");
    case KindColumn: return tr("Kind");
    case StateColumn: return tr("State");
    case QueueDepthColumn: return tr("Queue");
    case OldestQueuedColumn: return tr("Oldest queued");
    case DrainsInColumn: return tr("Drains in");
    case InRateColumn: return tr("In/s");
    case OutRateColumn: return tr("Out/s");
    case ErrorsColumn: return tr("Errors");
    case DeadLettersColumn: return tr("Dead letters");
    case LastReceivedColumn: return tr("Last received");
    case LastSentColumn: return tr("Last sent");
    }
    return {};
}

QHash<int, QByteArray> OverviewModel::roleNames() const
{
    auto names = QAbstractItemModel::roleNames();
    names.insert(SortRole, "sortValue");
    names.insert(NodeIdRole, "nodeId");
    names.insert(RowKindRole, "rowKind");
    names.insert(NameRole, "name");
    names.insert(InterfaceKindRole, "interfaceKind");
    names.insert(StateRole, "state");
    names.insert(NeedsAttentionRole, "needsAttention");
    names.insert(AttentionReasonRole, "attentionReason");
    names.insert(CachedRole, "cached");
    names.insert(AsOfRole, "asOf");
    names.insert(LastErrorRole, "lastError");
    names.insert(QueueDepthRole, "queueDepth");
    names.insert(DrainSecondsRole, "drainSeconds");
    return names;
}

void OverviewModel::applyStats(const QString& nodeId, const QString& nodeDisplayName, const QJsonObject& stats,
                               bool cached, qint64 asOfMs)
{
    if (asOfMs <= 0)
        asOfMs = qint64(stats.value("atMs"_L1).toDouble());

    NodeRows* node = nullptr;
    for (const auto& n : m_nodes) {
        if (n->nodeId == nodeId) {
            node = n.get();
            break;
        }
    }
    if (!node) {
        const int row = int(m_nodes.size());
        beginInsertRows(QModelIndex(), row, row);
        auto fresh = std::make_unique<NodeRows>();
        fresh->row = row;
        fresh->nodeId = nodeId;
        fresh->displayName = nodeDisplayName;
        fresh->cached = cached;
        fresh->asOfMs = asOfMs;
        node = fresh.get();
        m_nodes.push_back(std::move(fresh));
        endInsertRows();
    }
    const QModelIndex parentIndex = createIndex(node->row, 0, nullptr);

    // Parse the sample first, so the structure can be reconciled before values are compared.
    std::vector<Endpoint> incoming;
    const QJsonArray channels = stats.value("channels"_L1).toArray();
    const QJsonArray destinations = stats.value("destinations"_L1).toArray();
    incoming.reserve(channels.size() + destinations.size());
    QSet<QString> incomingChannels;
    QSet<QString> incomingDestinations;
    for (const QJsonValue& v : channels) {
        incoming.push_back(parseEndpoint(v.toObject(), false));
        incomingChannels.insert(incoming.back().name);
    }
    for (const QJsonValue& v : destinations) {
        incoming.push_back(parseEndpoint(v.toObject(), true));
        incomingDestinations.insert(incoming.back().name);
    }

    // Structure: a configuration change removed or added endpoints (rare; existing rows keep their place).
    for (int i = int(node->endpoints.size()) - 1; i >= 0; --i) {
        const Endpoint& e = node->endpoints[i];
        const bool keep = e.destination ? incomingDestinations.contains(e.name) : incomingChannels.contains(e.name);
        if (!keep) {
            beginRemoveRows(parentIndex, i, i);
            node->endpoints.erase(node->endpoints.begin() + i);
            node->reindex();
            endRemoveRows();
        }
    }
    for (const Endpoint& e : incoming) {
        const auto& rows = e.destination ? node->destinationRows : node->channelRows;
        if (rows.contains(e.name))
            continue;
        const int at = e.destination ? int(node->endpoints.size()) : node->channelCount;
        beginInsertRows(parentIndex, at, at);
        node->endpoints.insert(node->endpoints.begin() + at, e);
        node->reindex();
        endInsertRows();
    }

    const bool cachedChanged = node->cached != cached;
    node->cached = cached;
    node->asOfMs = asOfMs;

    NodeRows::Summary summary;
    summary.deadLetterDepth = integer(stats.value("node"_L1).toObject(), "deadLetterDepth"_L1);
    for (Endpoint& e : incoming) {
        const int row = e.destination ? node->destinationRows.value(e.name) : node->channelRows.value(e.name);
        Endpoint& current = node->endpoints[row];
        e.errorsRoseAtMs = current.errorsRoseAtMs;
        // errorsTotal restarts at 0 with the node; only a rise counts.
        if (!e.destination && e.errorsTotal > current.errorsTotal)
            e.errorsRoseAtMs = asOfMs;
        e.errorsRising = e.errorsRoseAtMs >= 0 && asOfMs - e.errorsRoseAtMs < kErrorsRisingWindowMs;
        if (!(e == current)) {
            current = e;
            if (!cachedChanged)
                emit dataChanged(index(row, 0, parentIndex), index(row, ColumnCount - 1, parentIndex));
        }

        summary.arrivalRate += e.destination ? 0 : e.arrivalRate;
        summary.errors += e.errors();
        if (e.destination) {
            summary.queueDepth += e.queueDepth;
            summary.drainRate += e.drainRate;
            if (e.queueDepth > 0)
                summary.oldestQueuedAgeMs = std::max(summary.oldestQueuedAgeMs, e.oldestQueuedAgeMs);
            summary.drainSeconds = std::max(summary.drainSeconds, e.drain());
            summary.lastSentMs = std::max(summary.lastSentMs, e.lastSentMs);
        } else {
            summary.lastReceivedMs = std::max(summary.lastReceivedMs, e.lastReceivedMs);
        }
        if (!e.reasons().isEmpty())
            ++summary.needingAttention;
    }
    if (cachedChanged && !node->endpoints.empty()) {
        // Every row's CachedRole changed: one span for the node's rows, not a signal per row.
        emit dataChanged(index(0, 0, parentIndex),
                         index(int(node->endpoints.size()) - 1, ColumnCount - 1, parentIndex));
    }

    // The node row changes every tick (its AsOfRole); children only when their figures do.
    node->summary = summary;
    node->displayName = nodeDisplayName.isEmpty() ? node->displayName : nodeDisplayName;
    emit dataChanged(parentIndex, index(node->row, ColumnCount - 1));
}

void OverviewModel::setCached(const QString& nodeId, bool cached)
{
    const QModelIndex parentIndex = nodeIndex(nodeId);
    if (!parentIndex.isValid())
        return;
    NodeRows* node = m_nodes[parentIndex.row()].get();
    if (node->cached == cached)
        return;
    node->cached = cached;
    emit dataChanged(parentIndex, index(node->row, ColumnCount - 1));
    if (!node->endpoints.empty()) {
        emit dataChanged(index(0, 0, parentIndex),
                         index(int(node->endpoints.size()) - 1, ColumnCount - 1, parentIndex));
    }
}

bool OverviewModel::removeNode(const QString& nodeId)
{
    const QModelIndex i = nodeIndex(nodeId);
    if (!i.isValid())
        return false;
    beginRemoveRows(QModelIndex(), i.row(), i.row());
    m_nodes.erase(m_nodes.begin() + i.row());
    for (int r = 0; r < int(m_nodes.size()); ++r)
        m_nodes[r]->row = r;
    endRemoveRows();
    return true;
}

void OverviewModel::clear()
{
    if (m_nodes.empty())
        return;
    beginResetModel();
    m_nodes.clear();
    endResetModel();
}

QModelIndex OverviewModel::nodeIndex(const QString& nodeId) const
{
    for (const auto& n : m_nodes) {
        if (n->nodeId == nodeId)
            return createIndex(n->row, 0, nullptr);
    }
    return {};
}

QModelIndex OverviewModel::endpointIndex(const QString& nodeId, const QString& kind, const QString& name) const
{
    const QModelIndex parentIndex = nodeIndex(nodeId);
    if (!parentIndex.isValid())
        return {};
    const NodeRows& n = *m_nodes[parentIndex.row()];
    const auto& rows = kind == "destination"_L1 ? n.destinationRows : n.channelRows;
    const auto it = rows.constFind(name);
    return it == rows.constEnd() ? QModelIndex() : createIndex(it.value(), 0, m_nodes[parentIndex.row()].get());
}

OverviewModel::NodeRows* OverviewModel::nodeAt(int row) const
{
    return row >= 0 && row < int(m_nodes.size()) ? m_nodes[row].get() : nullptr;
}

int OverviewModel::nodeRow(const NodeRows* node) const
{
    return node ? node->row : -1;
}
