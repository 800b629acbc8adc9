#include "models/console/AuditLogModel.h"

#include <QDateTime>
#include <QJsonArray>
#include <QUrl>

#include <algorithm>
#include <limits>

using namespace Qt::StringLiterals;

namespace {

qint64 msOf(const QJsonObject& o, QStringView key)
{
    const QString text = o.value(key).toString();
    if (text.isEmpty())
        return 0;
    const QDateTime at = QDateTime::fromString(text, Qt::ISODateWithMs);
    return at.isValid() ? at.toMSecsSinceEpoch() : 0;
}

QString encoded(const QString& value)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(value));
}

// Detail objects are small facts ({"count": 3, "edited": false}): one line, keys in order.
QString compactDetail(const QJsonObject& detail)
{
    QStringList parts;
    for (auto it = detail.begin(); it != detail.end(); ++it) {
        const QJsonValue v = it.value();
        QString text;
        if (v.isString())
            text = v.toString();
        else if (v.isBool())
            text = v.toBool() ? u"true"_s : u"false"_s;
        else if (v.isDouble())
            text = QString::number(v.toDouble(), 'g', 15);
        else if (v.isArray() || v.isObject())
            text = u"…"_s;
        parts.append(it.key() + u": " + text);
    }
    return parts.join(u", "_s);
}

} // namespace

QString AuditLogModel::Filter::query() const
{
    QString q;
    if (!actor.isEmpty())
        q += u"&actor=" + encoded(actor);
    if (!action.isEmpty())
        q += u"&action=" + encoded(action);
    if (!target.isEmpty())
        q += u"&target=" + encoded(target);
    // Milliseconds since the epoch: no time-zone ambiguity (ops-api 2.4).
    if (fromMs > 0)
        q += u"&from=" + QString::number(fromMs);
    if (toMs > 0)
        q += u"&to=" + QString::number(toMs);
    return q;
}

bool AuditLogModel::Filter::matches(const QString& entryActor, const QString& entryAction,
                                    const QString& entryTarget, qint64 atMs) const
{
    return (actor.isEmpty() || actor == entryActor) && (action.isEmpty() || action == entryAction)
        && (target.isEmpty() || target == entryTarget) && (fromMs <= 0 || atMs >= fromMs)
        && (toMs <= 0 || atMs < toMs);
}

AuditLogModel::AuditLogModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

AuditLogModel::~AuditLogModel() = default;

int AuditLogModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int AuditLogModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant AuditLogModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Entry& e = m_rows.at(index.row());
    const QJsonObject& j = e.json;
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case TimeColumn: return QDateTime::fromMSecsSinceEpoch(e.atMs);
        case NodeColumn: return nodeName(e.nodeId);
        case ActorColumn: return j.value(u"actor").toString();
        case ActionColumn: return j.value(u"action").toString();
        case TargetColumn: return j.value(u"target").toString();
        case OutcomeColumn: return j.value(u"outcome").toString();
        case ReasonColumn: return j.value(u"reason").toString();
        case DetailColumn: return compactDetail(j.value(u"detail").toObject());
        default: return {};
        }
    case NodeIdRole: return e.nodeId;
    case NodeNameRole: return nodeName(e.nodeId);
    case SeqRole: return e.seq;
    case AtMsRole: return e.atMs;
    case ActorRole: return j.value(u"actor").toString();
    case ActorRoleRole: return j.value(u"role").toString();
    case RemoteRole: return j.value(u"remote").toString();
    case ActionRole: return j.value(u"action").toString();
    case TargetRole: return j.value(u"target").toString();
    case OutcomeRole: return j.value(u"outcome").toString();
    case ReasonRole: return j.value(u"reason").toString();
    case DetailRole: return j.value(u"detail").toObject();
    case HashRole: return j.value(u"hash").toString();
    case PartialRole: return e.partial;
    case CachedRole: return e.cached;
    case EntryJsonRole: return j;
    default: return {};
    }
}

QVariant AuditLogModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case TimeColumn: return tr("Time");
    case NodeColumn: return tr("Node");
    case ActorColumn: return tr("Who", "audit: the user who acted");
    case ActionColumn: return tr("Action");
    case TargetColumn: return tr("On", "audit: what the action was done to");
    case OutcomeColumn: return tr("Outcome");
    case ReasonColumn: return tr("Reason");
    case DetailColumn: return tr("Details");
    default: return {};
    }
}

bool AuditLogModel::canFetchMore(const QModelIndex& parent) const
{
    if (parent.isValid())
        return false;
    for (const QString& id : m_order) {
        if (canFetchFrom(m_nodes.value(id)))
            return true;
    }
    return false;
}

void AuditLogModel::fetchMore(const QModelIndex& parent)
{
    if (parent.isValid())
        return;
    const QStringList order = m_order;
    for (const QString& id : order) {
        const auto it = m_nodes.constFind(id);
        if (it != m_nodes.cend() && canFetchFrom(*it))
            requestPage(id, it->cursor);
    }
}

void AuditLogModel::setFetcher(Fetcher fetcher)
{
    m_fetcher = std::move(fetcher);
}

void AuditLogModel::setPageSize(int size)
{
    m_pageSize = std::clamp(size, 1, 500);
}

void AuditLogModel::setNodes(const QList<QPair<QString, QString>>& nodes)
{
    m_order.clear();
    m_nodes.clear();
    for (const auto& [id, name] : nodes) {
        if (id.isEmpty() || m_nodes.contains(id))
            continue;
        m_order.append(id);
        Node node;
        node.name = name;
        m_nodes.insert(id, node);
    }
    reload();
}

void AuditLogModel::setNodeName(const QString& nodeId, const QString& name)
{
    const auto it = m_nodes.find(nodeId);
    if (it == m_nodes.end() || it->name == name)
        return;
    it->name = name;
    for (int row = 0; row < m_rows.size(); ++row) {
        if (m_rows.at(row).nodeId == nodeId)
            emit dataChanged(index(row, NodeColumn), index(row, NodeColumn), {Qt::DisplayRole, NodeNameRole});
    }
    emit nodeStateChanged(nodeId);
}

void AuditLogModel::setFilter(const Filter& filter)
{
    if (filter == m_filter)
        return;
    m_filter = filter;
    reload();
}

void AuditLogModel::reload()
{
    beginResetModel();
    m_rows.clear();
    m_pending.clear();
    for (auto it = m_nodes.begin(); it != m_nodes.end(); ++it) {
        Node fresh;
        fresh.name = it->name;
        *it = fresh;
    }
    endResetModel();
    const QStringList order = m_order;
    for (const QString& id : order)
        requestPage(id, 0);
    emit pagingChanged();
}

void AuditLogModel::pageArrived(quint64 ticket, const QJsonObject& page, qint64 cachedAtMs)
{
    const auto pendingIt = m_pending.constFind(ticket);
    if (pendingIt == m_pending.cend())
        return;
    const Pending pending = *pendingIt;
    m_pending.erase(pendingIt);
    const auto nodeIt = m_nodes.find(pending.nodeId);
    if (nodeIt == m_nodes.end())
        return;
    if (pending.head) {
        mergeHead(pending, page);
        return;
    }
    Node& node = *nodeIt;
    node.pageInFlight = false;
    QList<Entry> fresh;
    const QJsonArray items = page.value(u"items").toArray();
    for (const QJsonValue& v : items) {
        const Entry e = entryOf(pending.nodeId, v.toObject(), cachedAtMs > 0);
        if (e.seq <= 0)
            continue;
        node.oldestAtMs = node.oldestAtMs == 0 ? e.atMs : std::min(node.oldestAtMs, e.atMs);
        node.newestSeq = std::max(node.newestSeq, e.seq);
        // A live row that arrived before its page: complete it instead of showing it twice.
        if (fillPartial(e) || known(e))
            continue;
        fresh.append(e);
    }
    std::sort(fresh.begin(), fresh.end(), newer);
    node.held.append(fresh);
    std::sort(node.held.begin(), node.held.end(), newer);
    const QJsonValue cursor = page.value(u"nextCursor");
    node.hasMore = cursor.isDouble() && !items.isEmpty();
    node.cursor = node.hasMore ? cursor.toInteger() : 0;
    if (!node.firstLoaded) {
        node.firstLoaded = true;
        node.cachedAtMs = cachedAtMs;
    }
    node.state = NodeState::Ready;
    node.error.clear();
    release();
    emit nodeStateChanged(pending.nodeId);
    emit pagingChanged();
}

void AuditLogModel::pageFailed(quint64 ticket, const QString& error, bool forbidden)
{
    const auto pendingIt = m_pending.constFind(ticket);
    if (pendingIt == m_pending.cend())
        return;
    const Pending pending = *pendingIt;
    m_pending.erase(pendingIt);
    const auto nodeIt = m_nodes.find(pending.nodeId);
    if (nodeIt == m_nodes.end())
        return;
    Node& node = *nodeIt;
    if (pending.head) {
        // The partial rows stay as the stream told them; the next event or reload completes them.
        node.headInFlight = false;
        node.headAgain = false;
        return;
    }
    node.pageInFlight = false;
    node.error = error;
    if (forbidden) {
        node.state = NodeState::Forbidden;
        node.hasMore = false;
        node.held.clear();
    } else if (!node.firstLoaded) {
        node.state = NodeState::Failed;
        node.hasMore = false;
    }
    // A later page that failed keeps hasMore: "Load more" tries it again.
    release();
    emit nodeStateChanged(pending.nodeId);
    emit pagingChanged();
}

void AuditLogModel::appendLive(const QString& nodeId, const QJsonObject& eventData, qint64 atMs)
{
    const auto nodeIt = m_nodes.find(nodeId);
    if (nodeIt == m_nodes.end())
        return;
    if (nodeIt->state == NodeState::Forbidden || nodeIt->state == NodeState::Idle)
        return;
    QJsonObject partial;
    for (const QStringView key : {u"seq", u"actor", u"action", u"outcome", u"target"}) {
        if (eventData.contains(key))
            partial.insert(key.toString(), eventData.value(key));
    }
    partial.insert(u"at"_s, QDateTime::fromMSecsSinceEpoch(atMs, Qt::UTC).toString(Qt::ISODateWithMs));
    Entry e = entryOf(nodeId, partial, false);
    if (e.seq <= 0 || known(e))
        return;
    if (!m_filter.matches(partial.value(u"actor").toString(), partial.value(u"action").toString(),
                          partial.value(u"target").toString(), e.atMs))
        return;
    e.partial = true;
    insertSorted({e});
    if (nodeIt->headInFlight)
        nodeIt->headAgain = true;
    else
        requestHead(nodeId, 0, nodeIt->newestSeq);
}

AuditLogModel::NodeState AuditLogModel::nodeState(const QString& nodeId) const
{
    return m_nodes.value(nodeId).state;
}

QString AuditLogModel::nodeError(const QString& nodeId) const
{
    return m_nodes.value(nodeId).error;
}

QString AuditLogModel::nodeName(const QString& nodeId) const
{
    const auto it = m_nodes.constFind(nodeId);
    return it == m_nodes.cend() || it->name.isEmpty() ? nodeId : it->name;
}

qint64 AuditLogModel::nodeCachedAtMs(const QString& nodeId) const
{
    return m_nodes.value(nodeId).cachedAtMs;
}

bool AuditLogModel::hasMore() const
{
    for (const Node& node : m_nodes) {
        if (node.hasMore || !node.held.isEmpty())
            return true;
    }
    return false;
}

bool AuditLogModel::isLoading() const
{
    for (const Node& node : m_nodes) {
        if (node.pageInFlight)
            return true;
    }
    return false;
}

int AuditLogModel::rowOf(const QString& nodeId, qint64 seq) const
{
    for (int row = 0; row < m_rows.size(); ++row) {
        if (m_rows.at(row).seq == seq && m_rows.at(row).nodeId == nodeId)
            return row;
    }
    return -1;
}

bool AuditLogModel::newer(const Entry& a, const Entry& b)
{
    if (a.atMs != b.atMs)
        return a.atMs > b.atMs;
    if (a.seq != b.seq)
        return a.seq > b.seq;
    return a.nodeId < b.nodeId;
}

AuditLogModel::Entry AuditLogModel::entryOf(const QString& nodeId, const QJsonObject& json, bool cached)
{
    Entry e;
    e.nodeId = nodeId;
    e.json = json;
    e.seq = json.value(u"seq").toInteger();
    e.atMs = msOf(json, u"at");
    e.cached = cached;
    return e;
}

QString AuditLogModel::pathFor(qint64 before) const
{
    QString path = u"/api/v1/audit?limit="_s + QString::number(m_pageSize) + m_filter.query();
    if (before > 0)
        path += u"&before=" + QString::number(before);
    return path;
}

void AuditLogModel::requestPage(const QString& nodeId, qint64 before)
{
    const auto it = m_nodes.find(nodeId);
    if (it == m_nodes.end())
        return;
    const quint64 ticket = m_nextTicket++;
    m_pending.insert(ticket, Pending{nodeId, false, 0});
    it->pageInFlight = true;
    if (!it->firstLoaded)
        it->state = NodeState::Loading;
    emit nodeStateChanged(nodeId);
    emit pagingChanged();
    if (!m_fetcher) {
        pageFailed(ticket, tr("nothing to read the audit log with"), false);
        return;
    }
    // The fetcher may answer at once (and even reload): nothing of `it` is used after this call.
    m_fetcher(Request{ticket, nodeId, pathFor(before), before <= 0, false});
}

void AuditLogModel::requestHead(const QString& nodeId, qint64 before, qint64 floorSeq)
{
    const auto it = m_nodes.find(nodeId);
    if (it == m_nodes.end() || !m_fetcher)
        return;
    const quint64 ticket = m_nextTicket++;
    m_pending.insert(ticket, Pending{nodeId, true, floorSeq});
    it->headInFlight = true;
    m_fetcher(Request{ticket, nodeId, pathFor(before), false, true});
}

void AuditLogModel::mergeHead(const Pending& pending, const QJsonObject& page)
{
    Node& node = m_nodes[pending.nodeId];
    node.headInFlight = false;
    const QJsonArray items = page.value(u"items").toArray();
    QList<Entry> fresh;
    qint64 lowest = std::numeric_limits<qint64>::max();
    for (const QJsonValue& v : items) {
        const Entry e = entryOf(pending.nodeId, v.toObject(), false);
        if (e.seq <= 0)
            continue;
        lowest = std::min(lowest, e.seq);
        node.newestSeq = std::max(node.newestSeq, e.seq);
        if (fillPartial(e) || known(e) || e.seq <= pending.floorSeq)
            continue;
        fresh.append(e);
    }
    insertSorted(fresh);
    // More new entries than one page: keep reading down to what was already there.
    const QJsonValue cursor = page.value(u"nextCursor");
    if (!items.isEmpty() && lowest > pending.floorSeq + 1 && cursor.isDouble()) {
        requestHead(pending.nodeId, cursor.toInteger(), pending.floorSeq);
        return;
    }
    if (node.headAgain) {
        node.headAgain = false;
        requestHead(pending.nodeId, 0, node.newestSeq);
    }
}

void AuditLogModel::release()
{
    // Entries older than the oldest entry read from a node that may have more could still be
    // preceded by that node's next page: hold them back until it has been read.
    qint64 horizon = std::numeric_limits<qint64>::min();
    for (const Node& node : std::as_const(m_nodes)) {
        if (node.state == NodeState::Ready && node.firstLoaded && node.hasMore)
            horizon = std::max(horizon, node.oldestAtMs);
    }
    QList<Entry> ready;
    for (auto it = m_nodes.begin(); it != m_nodes.end(); ++it) {
        QList<Entry>& held = it->held;
        qsizetype take = 0;
        while (take < held.size() && held.at(take).atMs >= horizon)
            ++take;
        if (take == 0)
            continue;
        ready.append(held.mid(0, take));
        held.remove(0, take);
    }
    insertSorted(ready);
}

void AuditLogModel::insertSorted(QList<Entry> batch)
{
    if (batch.isEmpty())
        return;
    std::sort(batch.begin(), batch.end(), newer);
    // The usual cases are one block: an older page below everything, or new entries on top.
    if (m_rows.isEmpty() || newer(m_rows.last(), batch.first())) {
        const int first = int(m_rows.size());
        beginInsertRows(QModelIndex(), first, first + int(batch.size()) - 1);
        m_rows.append(batch);
        endInsertRows();
        return;
    }
    if (newer(batch.last(), m_rows.first())) {
        beginInsertRows(QModelIndex(), 0, int(batch.size()) - 1);
        m_rows = batch + m_rows;
        endInsertRows();
        return;
    }
    for (const Entry& e : std::as_const(batch)) {
        const auto at = std::lower_bound(m_rows.begin(), m_rows.end(), e, newer);
        const int row = int(at - m_rows.begin());
        beginInsertRows(QModelIndex(), row, row);
        m_rows.insert(row, e);
        endInsertRows();
    }
}

bool AuditLogModel::fillPartial(const Entry& complete)
{
    const int row = rowOf(complete.nodeId, complete.seq);
    if (row < 0 || !m_rows.at(row).partial)
        return false;
    Entry& e = m_rows[row];
    e.json = complete.json;
    e.partial = false;
    e.cached = complete.cached;
    // The node's time replaces the stream frame's; it differs by the commit, not enough to move rows
    // past each other in practice, but keep the order honest if it does.
    if (complete.atMs != e.atMs) {
        e.atMs = complete.atMs;
        const bool inOrder = (row == 0 || !newer(e, m_rows.at(row - 1)))
            && (row == m_rows.size() - 1 || !newer(m_rows.at(row + 1), e));
        if (!inOrder) {
            const Entry moved = e;
            beginRemoveRows(QModelIndex(), row, row);
            m_rows.removeAt(row);
            endRemoveRows();
            insertSorted({moved});
            return true;
        }
    }
    emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
    return true;
}

bool AuditLogModel::known(const Entry& e) const
{
    if (rowOf(e.nodeId, e.seq) >= 0)
        return true;
    const auto it = m_nodes.constFind(e.nodeId);
    if (it == m_nodes.cend())
        return false;
    return std::any_of(it->held.cbegin(), it->held.cend(), [&e](const Entry& h) { return h.seq == e.seq; });
}

bool AuditLogModel::canFetchFrom(const Node& node) const
{
    return node.state == NodeState::Ready && node.hasMore && !node.pageInFlight && node.held.isEmpty();
}
