#include "models/console/DeadLetterGroupModel.h"
#include "models/console/PipelineStageNames.h"

#include "models/console/ConsoleJson.h"

#include <QDateTime>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace {

QString timeText(qint64 ms)
{
    if (ms <= 0)
        return QString();
    const QDateTime at = QDateTime::fromMSecsSinceEpoch(ms);
    // "14:02" today; older ones say which day, so nobody mistakes them for this afternoon's.
    return at.date() == QDate::currentDate() ? at.toString(u"HH:mm"_s) : at.toString(u"yyyy-MM-dd HH:mm"_s);
}

} // namespace

using ConsoleJson::stringsOf;

DeadLetterGroupModel::DeadLetterGroupModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

QString DeadLetterGroupModel::keyOf(const QString& nodeId, const QString& signature)
{
    return nodeId + u'\n' + signature;
}

int DeadLetterGroupModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int DeadLetterGroupModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QStringList DeadLetterGroupModel::channelsOf(const Row& row) const
{
    QStringList channels = stringsOf(row.group.value(u"channels"));
    const QSet<QString> seen = m_channels.value(keyOf(row.nodeId, row.signature));
    for (const QString& c : seen) {
        if (!channels.contains(c))
            channels << c;
    }
    std::sort(channels.begin(), channels.end());
    return channels;
}

QString DeadLetterGroupModel::errorText(const Row& row) const
{
    const QString errorClass = row.group.value(u"errorClass").toString();
    const QString location = row.group.value(u"errorLocation").toString();
    if (errorClass.isEmpty())
        return location;
    if (location.isEmpty())
        return errorClass;
    return tr("%1 at %2", "error class at location").arg(errorClass, location);
}

QString DeadLetterGroupModel::whereText(const Row& row) const
{
    const QStringList destinations = stringsOf(row.group.value(u"destinations"));
    const QStringList channels = channelsOf(row);
    QStringList parts;
    if (!channels.isEmpty())
        parts << tr("from %1").arg(channels.join(u", "_s));
    if (!destinations.isEmpty())
        parts << tr("to %1").arg(destinations.join(u", "_s));
    return parts.join(u' ');
}

QVariant DeadLetterGroupModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const Row& r = m_rows.at(index.row());
    const QJsonObject& g = r.group;
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case NodeColumn: return m_nodeNames.value(r.nodeId, r.nodeId);
        case StageColumn: return PipelineStageNames::display(g.value(u"stage").toString());
        case ErrorColumn: return errorText(r);
        case CountColumn: return g.value(u"count").toInt();
        case SinceColumn: return timeText(r.firstAtMs);
        case LatestColumn: return timeText(r.lastAtMs);
        case WhereColumn: return whereText(r);
        case ReasonColumn: {
            // A pending action on the whole group is said where the eye goes first.
            const QString pending = m_pending.value(keyOf(r.nodeId, r.signature));
            const QString reason = g.value(u"latestReason").toString();
            if (pending == u"park")
                return tr("park pending: %1").arg(reason);
            if (pending == u"unpark")
                return tr("unpark pending: %1").arg(reason);
            if (!pending.isEmpty())
                return tr("resubmit pending: %1").arg(reason);
            return reason;
        }
        }
        return {};
    case Qt::ToolTipRole:
        if (index.column() == ReasonColumn || index.column() == ErrorColumn)
            return g.value(u"latestReason").toString();
        if (index.column() == SinceColumn || index.column() == LatestColumn)
            return QDateTime::fromMSecsSinceEpoch(index.column() == SinceColumn ? r.firstAtMs : r.lastAtMs)
                .toString(u"yyyy-MM-dd HH:mm:ss"_s);
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == CountColumn)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case NodeIdRole: return r.nodeId;
    case NodeNameRole: return m_nodeNames.value(r.nodeId, r.nodeId);
    case SignatureRole: return r.signature;
    case StageRole: return g.value(u"stage").toString();
    case ErrorClassRole: return g.value(u"errorClass").toString();
    case ErrorLocationRole: return g.value(u"errorLocation").toString();
    case CountRole: return g.value(u"count").toInt();
    case FirstAtMsRole: return r.firstAtMs;
    case LastAtMsRole: return r.lastAtMs;
    case DestinationsRole: return stringsOf(g.value(u"destinations"));
    case ChannelsRole: return channelsOf(r);
    case LatestReasonRole: return g.value(u"latestReason").toString();
    case CachedRole: return r.cached;
    case PendingActionRole: return m_pending.value(keyOf(r.nodeId, r.signature));
    case GroupJsonRole: return g;
    case SortRole:
        switch (index.column()) {
        case CountColumn: return g.value(u"count").toInt();
        case SinceColumn: return r.firstAtMs;
        case LatestColumn: return r.lastAtMs;
        default: return data(index, Qt::DisplayRole);
        }
    }
    return {};
}

QVariant DeadLetterGroupModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NodeColumn: return tr("Node");
    case StageColumn: return tr("Stage", "pipeline stage");
    case ErrorColumn: return tr("Error");
    case CountColumn: return tr("Count");
    case SinceColumn: return tr("Since");
    case LatestColumn: return tr("Latest");
    case WhereColumn: return tr("Where", "channels and destinations of a failure group");
    case ReasonColumn: return tr("Latest reason");
    }
    return {};
}

QHash<int, QByteArray> DeadLetterGroupModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractTableModel::roleNames();
    names.insert(NodeIdRole, "nodeId");
    names.insert(NodeNameRole, "nodeName");
    names.insert(SignatureRole, "signature");
    names.insert(StageRole, "stage");
    names.insert(ErrorClassRole, "errorClass");
    names.insert(ErrorLocationRole, "errorLocation");
    names.insert(CountRole, "count");
    names.insert(FirstAtMsRole, "firstAtMs");
    names.insert(LastAtMsRole, "lastAtMs");
    names.insert(DestinationsRole, "destinations");
    names.insert(ChannelsRole, "channels");
    names.insert(LatestReasonRole, "latestReason");
    names.insert(CachedRole, "cached");
    names.insert(PendingActionRole, "pendingAction");
    names.insert(GroupJsonRole, "group");
    names.insert(SortRole, "sort");
    return names;
}

void DeadLetterGroupModel::setNodeName(const QString& nodeId, const QString& name)
{
    if (m_nodeNames.value(nodeId) == name)
        return;
    m_nodeNames.insert(nodeId, name);
    for (int i = 0; i < m_rows.size(); ++i) {
        if (m_rows.at(i).nodeId == nodeId)
            emit dataChanged(index(i, NodeColumn), index(i, NodeColumn));
    }
}

void DeadLetterGroupModel::replaceNode(const QString& nodeId, const QJsonArray& groups, bool cached)
{
    QHash<QString, QJsonObject> incoming;
    QStringList order;
    for (const QJsonValue& v : groups) {
        const QJsonObject g = v.toObject();
        const QString signature = g.value(u"signature").toString();
        if (signature.isEmpty() || incoming.contains(signature))
            continue;
        incoming.insert(signature, g);
        order << signature;
    }
    // Gone groups leave, from the bottom up so the indexes still hold.
    for (int i = int(m_rows.size()) - 1; i >= 0; --i) {
        if (m_rows.at(i).nodeId == nodeId && !incoming.contains(m_rows.at(i).signature)) {
            beginRemoveRows(QModelIndex(), i, i);
            m_rows.removeAt(i);
            endRemoveRows();
        }
    }
    rebuildIndex();
    QList<Row> added;
    for (const QString& signature : std::as_const(order)) {
        const QJsonObject& g = incoming[signature];
        Row row{nodeId, signature, g, ConsoleJson::msOfIso(g.value(u"firstAt")),
            ConsoleJson::msOfIso(g.value(u"lastAt")), cached};
        const int at = m_index.value(keyOf(nodeId, signature), -1);
        if (at < 0) {
            added << row;
            continue;
        }
        m_rows[at] = row;
        emit dataChanged(index(at, 0), index(at, ColumnCount - 1));
    }
    if (!added.isEmpty()) {
        const int first = int(m_rows.size());
        beginInsertRows(QModelIndex(), first, first + int(added.size()) - 1);
        m_rows.append(added);
        rebuildIndex();
        endInsertRows();
    }
}

void DeadLetterGroupModel::removeNode(const QString& nodeId)
{
    replaceNode(nodeId, QJsonArray());
    const QString prefix = nodeId + u'\n';
    for (auto it = m_channels.begin(); it != m_channels.end();)
        it = it.key().startsWith(prefix) ? m_channels.erase(it) : std::next(it);
    for (auto it = m_pending.begin(); it != m_pending.end();)
        it = it.key().startsWith(prefix) ? m_pending.erase(it) : std::next(it);
    m_nodeNames.remove(nodeId);
}

void DeadLetterGroupModel::setCached(const QString& nodeId, bool cached)
{
    for (int i = 0; i < m_rows.size(); ++i) {
        Row& r = m_rows[i];
        if (r.nodeId != nodeId || r.cached == cached)
            continue;
        r.cached = cached;
        emit dataChanged(index(i, 0), index(i, ColumnCount - 1), {CachedRole});
    }
}

void DeadLetterGroupModel::noteChannel(const QString& nodeId, const QString& signature, const QString& channel)
{
    if (channel.isEmpty() || signature.isEmpty())
        return;
    const QString key = keyOf(nodeId, signature);
    QSet<QString>& seen = m_channels[key];
    if (seen.contains(channel))
        return;
    seen.insert(channel);
    const int at = m_index.value(key, -1);
    if (at >= 0)
        emit dataChanged(index(at, WhereColumn), index(at, WhereColumn));
}

void DeadLetterGroupModel::setPendingAction(const QString& nodeId, const QString& signature, const QString& kind)
{
    const QString key = keyOf(nodeId, signature);
    if (m_pending.value(key) == kind)
        return;
    if (kind.isEmpty())
        m_pending.remove(key);
    else
        m_pending.insert(key, kind);
    const int at = m_index.value(key, -1);
    if (at >= 0)
        emit dataChanged(index(at, 0), index(at, ColumnCount - 1));
}

int DeadLetterGroupModel::rowOf(const QString& nodeId, const QString& signature) const
{
    return m_index.value(keyOf(nodeId, signature), -1);
}

QJsonObject DeadLetterGroupModel::group(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row).group : QJsonObject();
}

QString DeadLetterGroupModel::nodeIdAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row).nodeId : QString();
}

int DeadLetterGroupModel::totalCount(const QString& nodeId) const
{
    int total = 0;
    for (const Row& r : m_rows) {
        if (r.nodeId == nodeId)
            total += r.group.value(u"count").toInt();
    }
    return total;
}

void DeadLetterGroupModel::rebuildIndex()
{
    m_index.clear();
    for (int i = 0; i < m_rows.size(); ++i)
        m_index.insert(keyOf(m_rows.at(i).nodeId, m_rows.at(i).signature), i);
}
