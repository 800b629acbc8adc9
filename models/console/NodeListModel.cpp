#include "models/console/NodeListModel.h"

#include <QDateTime>
#include <QJsonArray>
#include <QSet>

using namespace Qt::StringLiterals;

namespace {

QString clockTime(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms).toLocalTime().toString(u"HH:mm"_s);
}

QString minutesText(qint64 ms)
{
    const qint64 minutes = ms / 60000;
    if (minutes < 60)
        return NodeListModel::tr("%n min", "duration", int(minutes));
    return NodeListModel::tr("%1 h %2 min", "duration").arg(minutes / 60).arg(minutes % 60);
}

} // namespace

NodeListModel::NodeListModel(QObject* parent)
    : QAbstractListModel(parent)
{
}

int NodeListModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_nodes.size());
}

QVariant NodeListModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Node& n = m_nodes.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case DisplayNameRole:
        return n.displayName.isEmpty() ? n.nodeId : n.displayName;
    case Qt::ToolTipRole:
        return detailText(n);
    case NodeIdRole:
        return n.nodeId;
    case SiteRole:
        return n.site;
    case StateRole:
        return n.state;
    case StateSinceMsRole:
        return n.stateSinceMs;
    case DetailRole:
        return detailText(n);
    case NeedsAttentionRole:
        return needsAttention(n.state);
    case UserNameRole:
        return n.userName;
    case RoleNameRole:
        return n.roleName;
    default:
        return {};
    }
}

QHash<int, QByteArray> NodeListModel::roleNames() const
{
    auto names = QAbstractListModel::roleNames();
    names.insert(NodeIdRole, "nodeId");
    names.insert(DisplayNameRole, "displayName");
    names.insert(SiteRole, "site");
    names.insert(StateRole, "state");
    names.insert(StateSinceMsRole, "stateSinceMs");
    names.insert(DetailRole, "detail");
    names.insert(NeedsAttentionRole, "needsAttention");
    names.insert(UserNameRole, "userName");
    names.insert(RoleNameRole, "roleName");
    return names;
}

void NodeListModel::setNodes(const QList<Node>& nodes)
{
    beginResetModel();
    m_nodes.clear();
    QSet<QString> seen;
    for (const Node& n : nodes) {
        if (seen.contains(n.nodeId))
            continue;
        seen.insert(n.nodeId);
        m_nodes.append(n);
    }
    endResetModel();
}

int NodeListModel::addNode(const Node& node)
{
    const int existing = rowOf(node.nodeId);
    if (existing >= 0) {
        m_nodes[existing] = node;
        emitRowChanged(existing);
        return existing;
    }
    const int row = int(m_nodes.size());
    beginInsertRows(QModelIndex(), row, row);
    m_nodes.append(node);
    endInsertRows();
    return row;
}

bool NodeListModel::removeNode(const QString& nodeId)
{
    const int row = rowOf(nodeId);
    if (row < 0)
        return false;
    beginRemoveRows(QModelIndex(), row, row);
    m_nodes.removeAt(row);
    endRemoveRows();
    return true;
}

bool NodeListModel::updateState(const QString& nodeId, const QString& state, qint64 sinceMs, const QString& detail)
{
    const int row = rowOf(nodeId);
    if (row < 0)
        return false;
    Node& n = m_nodes[row];
    if (n.state == state && n.stateSinceMs == sinceMs && n.detail == detail)
        return true;
    n.state = state;
    n.stateSinceMs = sinceMs;
    n.detail = detail;
    emitRowChanged(row);
    return true;
}

bool NodeListModel::setSignedIn(const QString& nodeId, const QString& userName, const QString& roleName)
{
    const int row = rowOf(nodeId);
    if (row < 0)
        return false;
    Node& n = m_nodes[row];
    if (n.userName == userName && n.roleName == roleName)
        return true;
    n.userName = userName;
    n.roleName = roleName;
    emitRowChanged(row);
    return true;
}

bool NodeListModel::updateNode(const Node& node)
{
    const int row = rowOf(node.nodeId);
    if (row < 0)
        return false;
    Node& n = m_nodes[row];
    n.displayName = node.displayName;
    n.site = node.site;
    emitRowChanged(row);
    return true;
}

int NodeListModel::rowOf(const QString& nodeId) const
{
    // Tens of nodes: a scan is cheaper than keeping an index in step with inserts and removals.
    for (int i = 0; i < m_nodes.size(); ++i) {
        if (m_nodes.at(i).nodeId == nodeId)
            return i;
    }
    return -1;
}

NodeListModel::Node NodeListModel::node(int row) const
{
    return row >= 0 && row < m_nodes.size() ? m_nodes.at(row) : Node();
}

QStringList NodeListModel::nodeIds() const
{
    QStringList ids;
    ids.reserve(m_nodes.size());
    for (const Node& n : m_nodes)
        ids.append(n.nodeId);
    return ids;
}

bool NodeListModel::needsAttention(const QString& state)
{
    return state == "degraded"_L1 || state == "offline"_L1 || state == "signed-out"_L1;
}

QString NodeListModel::detailText(const Node& n) const
{
    QString text;
    if (n.state == "offline"_L1) {
        text = n.stateSinceMs > 0 ? tr("offline since %1").arg(clockTime(n.stateSinceMs)) : tr("offline");
        if (!n.detail.isEmpty())
            text += u" — "_s + n.detail;
    } else if (n.state == "degraded"_L1) {
        text = n.detail.isEmpty() ? tr("degraded") : tr("degraded: %1").arg(n.detail);
    } else if (n.state == "online"_L1) {
        text = n.detail.isEmpty() ? tr("online") : tr("online — %1").arg(n.detail);
    } else if (n.state == "signed-out"_L1) {
        text = n.detail.isEmpty() ? tr("signed out: sign in to see this node") : tr("signed out — %1").arg(n.detail);
    } else if (n.state == "connecting"_L1) {
        text = n.detail.isEmpty() ? tr("connecting…") : tr("connecting… (%1)").arg(n.detail);
    } else {
        text = n.detail.isEmpty() ? n.state : n.state + u" — "_s + n.detail;
    }
    return text;
}

void NodeListModel::emitRowChanged(int row)
{
    const QModelIndex i = index(row, 0);
    emit dataChanged(i, i);
}

QString NodeListModel::assess(const QJsonObject& stats, const QJsonObject& previousStats)
{
    QStringList reasons;

    QStringList down;
    QStringList old;
    const QJsonArray destinations = stats.value("destinations"_L1).toArray();
    for (const QJsonValue& v : destinations) {
        const QJsonObject d = v.toObject();
        const QString name = d.value("name"_L1).toString();
        if (d.value("breakerState"_L1).toString() == "open"_L1)
            down.append(name);
        const qint64 age = qint64(d.value("oldestQueuedAgeMs"_L1).toDouble());
        if (age > kOldestQueuedLimitMs)
            old.append(tr("%1: oldest message %2").arg(name, minutesText(age)));
    }
    if (!down.isEmpty())
        reasons.append(down.size() == 1 ? tr("1 destination down: %1").arg(down.constFirst())
                                        : tr("%1 destinations down: %2").arg(down.size()).arg(down.join(u", "_s)));
    reasons.append(old);

    if (!previousStats.isEmpty()) {
        QHash<QString, double> before;
        const QJsonArray prevChannels = previousStats.value("channels"_L1).toArray();
        for (const QJsonValue& v : prevChannels) {
            const QJsonObject c = v.toObject();
            before.insert(c.value("name"_L1).toString(), c.value("errorsTotal"_L1).toDouble());
        }
        const QJsonArray channels = stats.value("channels"_L1).toArray();
        for (const QJsonValue& v : channels) {
            const QJsonObject c = v.toObject();
            const auto it = before.constFind(c.value("name"_L1).toString());
            // A total lower than before is a node restart (totals restart at 0), not an improvement.
            if (it == before.constEnd())
                continue;
            const qint64 rise = qint64(c.value("errorsTotal"_L1).toDouble() - it.value());
            if (rise > 0)
                reasons.append(rise == 1 ? tr("%1: 1 new error").arg(it.key())
                                         : tr("%1: %2 new errors").arg(it.key()).arg(rise));
        }
    }
    return reasons.join(u"; "_s);
}
