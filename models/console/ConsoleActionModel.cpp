#include "models/console/ConsoleActionModel.h"

#include <algorithm>

ConsoleActionModel::ConsoleActionModel(QObject* parent)
    : QAbstractListModel(parent)
{
}

int ConsoleActionModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant ConsoleActionModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return QVariant();
    const Row& row = m_rows.at(index.row());
    const ConsoleAction& a = row.action;
    switch (role) {
    case Qt::DisplayRole:
    case SummaryRole: return a.summary;
    case NodeIdRole: return a.nodeId;
    case NodeNameRole: return nodeName(a.nodeId);
    case KeyRole: return a.key;
    case KindRole: return a.kind;
    case TargetRole: return a.target;
    case UserNameRole: return a.user;
    case CreatedAtMsRole: return a.createdAtMs;
    case StateRole: return ConsoleAction::stateName(a.state);
    case AttemptsRole: return a.attempts;
    case OutcomeRole: return a.outcome;
    case FinishedAtMsRole: return a.finishedAtMs;
    case HoldRole: return a.isPending() ? ConsoleAction::holdName(a.hold) : QString();
    case NextAttemptAtMsRole: return a.isPending() ? a.nextAttemptAtMs : qint64(0);
    case InFlightRole: return a.isPending() && row.inFlight;
    case SeenRole: return a.seen;
    case NeedsAttentionRole: return a.state == ConsoleAction::State::Refused && !a.seen;
    case HttpStatusRole: return a.httpStatus;
    default: return QVariant();
    }
}

QHash<int, QByteArray> ConsoleActionModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractListModel::roleNames();
    names.insert(NodeIdRole, "nodeId");
    names.insert(NodeNameRole, "nodeName");
    names.insert(KeyRole, "key");
    names.insert(KindRole, "kind");
    names.insert(TargetRole, "target");
    names.insert(SummaryRole, "summary");
    names.insert(UserNameRole, "user");
    names.insert(CreatedAtMsRole, "createdAtMs");
    names.insert(StateRole, "state");
    names.insert(AttemptsRole, "attempts");
    names.insert(OutcomeRole, "outcome");
    names.insert(FinishedAtMsRole, "finishedAtMs");
    names.insert(HoldRole, "hold");
    names.insert(NextAttemptAtMsRole, "nextAttemptAtMs");
    names.insert(InFlightRole, "inFlight");
    names.insert(SeenRole, "seen");
    names.insert(NeedsAttentionRole, "needsAttention");
    names.insert(HttpStatusRole, "httpStatus");
    return names;
}

void ConsoleActionModel::setNodeName(const QString& nodeId, const QString& name)
{
    if (m_nodeNames.value(nodeId) == name)
        return;
    m_nodeNames.insert(nodeId, name);
    for (int i = 0; i < m_rows.size(); ++i) {
        if (m_rows.at(i).action.nodeId == nodeId)
            emit dataChanged(index(i), index(i), {NodeNameRole});
    }
}

QString ConsoleActionModel::nodeName(const QString& nodeId) const
{
    const QString name = m_nodeNames.value(nodeId);
    return name.isEmpty() ? nodeId : name;
}

bool ConsoleActionModel::before(const Row& l, const Row& r)
{
    const ConsoleAction& a = l.action;
    const ConsoleAction& b = r.action;
    if (a.isPending() != b.isPending())
        return a.isPending();
    if (a.isPending()) {
        if (a.createdAtMs != b.createdAtMs)
            return a.createdAtMs < b.createdAtMs;
    } else if (a.finishedAtMs != b.finishedAtMs) {
        return a.finishedAtMs > b.finishedAtMs;
    }
    // A total order, so a row's place never depends on arrival order.
    if (a.nodeId != b.nodeId)
        return a.nodeId < b.nodeId;
    return a.key < b.key;
}

int ConsoleActionModel::insertionRow(const Row& row) const
{
    const auto it = std::lower_bound(m_rows.cbegin(), m_rows.cend(), row, &ConsoleActionModel::before);
    return int(it - m_rows.cbegin());
}

bool ConsoleActionModel::inPlace(int row) const
{
    const Row& r = m_rows.at(row);
    if (row > 0 && before(r, m_rows.at(row - 1)))
        return false;
    if (row + 1 < m_rows.size() && before(m_rows.at(row + 1), r))
        return false;
    return true;
}

void ConsoleActionModel::replaceNode(const QString& nodeId, const QList<ConsoleAction>& actions,
                                     const QString& inFlightKey)
{
    beginResetModel();
    m_rows.erase(std::remove_if(m_rows.begin(), m_rows.end(),
                                [&nodeId](const Row& r) { return r.action.nodeId == nodeId; }),
                 m_rows.end());
    for (const ConsoleAction& a : actions) {
        Row row{a, !inFlightKey.isEmpty() && a.key == inFlightKey};
        row.action.nodeId = nodeId;
        m_rows.append(row);
    }
    std::stable_sort(m_rows.begin(), m_rows.end(), &ConsoleActionModel::before);
    endResetModel();
    updateCounts();
}

void ConsoleActionModel::upsert(const ConsoleAction& action, bool inFlight)
{
    const int existing = rowOf(action.nodeId, action.key);
    Row row{action, inFlight};
    if (existing >= 0) {
        const Row old = m_rows.at(existing);
        m_rows[existing] = row;
        if (inPlace(existing)) {
            emit dataChanged(index(existing), index(existing));
            updateCounts();
            return;
        }
        // Views see the old row leave and the new one arrive, never a row out of order.
        m_rows[existing] = old;
        beginRemoveRows(QModelIndex(), existing, existing);
        m_rows.removeAt(existing);
        endRemoveRows();
    }
    const int at = insertionRow(row);
    beginInsertRows(QModelIndex(), at, at);
    m_rows.insert(at, row);
    endInsertRows();
    updateCounts();
}

void ConsoleActionModel::removeNode(const QString& nodeId)
{
    for (int i = int(m_rows.size()) - 1; i >= 0; --i) {
        if (m_rows.at(i).action.nodeId != nodeId)
            continue;
        beginRemoveRows(QModelIndex(), i, i);
        m_rows.removeAt(i);
        endRemoveRows();
    }
    m_nodeNames.remove(nodeId);
    updateCounts();
}

int ConsoleActionModel::rowOf(const QString& nodeId, const QString& key) const
{
    for (int i = 0; i < m_rows.size(); ++i) {
        const ConsoleAction& a = m_rows.at(i).action;
        if (a.key == key && a.nodeId == nodeId)
            return i;
    }
    return -1;
}

ConsoleAction ConsoleActionModel::actionAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row).action : ConsoleAction();
}

bool ConsoleActionModel::isInFlight(int row) const
{
    return row >= 0 && row < m_rows.size() && m_rows.at(row).inFlight && m_rows.at(row).action.isPending();
}

void ConsoleActionModel::updateCounts()
{
    int pending = 0;
    int attention = 0;
    for (const Row& r : std::as_const(m_rows)) {
        if (r.action.isPending())
            ++pending;
        else if (r.action.state == ConsoleAction::State::Refused && !r.action.seen)
            ++attention;
    }
    if (pending == m_pendingCount && attention == m_attentionCount)
        return;
    m_pendingCount = pending;
    m_attentionCount = attention;
    emit countsChanged(pending, attention);
}
