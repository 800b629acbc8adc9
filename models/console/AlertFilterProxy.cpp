#include "models/console/AlertFilterProxy.h"

#include "models/console/AlertBoardModel.h"
#include "models/console/AlertWording.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonObject>

#include <algorithm>
#include <limits>

namespace {

QSet<QString> setOf(const QStringList& list)
{
    QSet<QString> set;
    for (const QString& s : list) {
        if (!s.isEmpty())
            set.insert(s);
    }
    return set;
}

QStringList sorted(const QSet<QString>& set)
{
    QStringList list(set.cbegin(), set.cend());
    list.sort();
    return list;
}

bool needsAction(const QString& state)
{
    return state == u"open" || state == u"notified" || state == u"escalated";
}

} // namespace

AlertFilterProxy::AlertFilterProxy(QObject* parent)
    : QSortFilterProxyModel(parent)
    , m_clock([] { return QDateTime::currentMSecsSinceEpoch(); })
{
    setDynamicSortFilter(true);
}

void AlertFilterProxy::setSourceModel(QAbstractItemModel* model)
{
    QSortFilterProxyModel::setSourceModel(model);
    // Sorting is the board's fixed order (lessThan), not a column the user picks.
    sort(0, Qt::AscendingOrder);
}

QVariant AlertFilterProxy::data(const QModelIndex& index, int role) const
{
    if (role != Qt::AccessibleTextRole || !index.isValid())
        return QSortFilterProxyModel::data(index, role);
    return QCoreApplication::translate("AlertFilterProxy", "%1: %2 (%3, %4)", "severity: headline (state, node)")
        .arg(AlertWording::severityName(index.data(AlertBoardModel::SeverityRole).toString()),
            AlertWording::headline(index.data(AlertBoardModel::AlertJsonRole).toJsonObject(), m_clock()),
            AlertWording::stateName(index.data(AlertBoardModel::StateRole).toString()),
            index.data(AlertBoardModel::NodeNameRole).toString());
}

void AlertFilterProxy::setSeverities(const QStringList& severities)
{
    const QSet<QString> set = setOf(severities);
    if (set == m_severities)
        return;
    m_severities = set;
    refilter();
}

QStringList AlertFilterProxy::severities() const
{
    return sorted(m_severities);
}

void AlertFilterProxy::setStates(const QStringList& states)
{
    const QSet<QString> set = setOf(states);
    if (set == m_states)
        return;
    m_states = set;
    refilter();
}

QStringList AlertFilterProxy::states() const
{
    return sorted(m_states);
}

void AlertFilterProxy::setUnit(const QString& unit)
{
    if (unit == m_unit)
        return;
    m_unit = unit;
    refilter();
}

void AlertFilterProxy::setTeam(const QString& team)
{
    if (team == m_team)
        return;
    m_team = team;
    refilter();
}

void AlertFilterProxy::setNodeId(const QString& nodeId)
{
    if (nodeId == m_nodeId)
        return;
    m_nodeId = nodeId;
    refilter();
}

void AlertFilterProxy::setCategory(const QString& category)
{
    if (category == m_category)
        return;
    m_category = category;
    refilter();
}

void AlertFilterProxy::setCreatedWithinMs(qint64 ms)
{
    ms = std::max<qint64>(ms, 0);
    if (ms == m_withinMs)
        return;
    m_withinMs = ms;
    refilter();
}

void AlertFilterProxy::setClock(std::function<qint64()> clock)
{
    m_clock = clock ? std::move(clock) : [] { return QDateTime::currentMSecsSinceEpoch(); };
    if (m_withinMs > 0)
        refilter();
}

bool AlertFilterProxy::isFiltering() const
{
    return !m_severities.isEmpty() || !m_states.isEmpty() || !m_unit.isEmpty() || !m_team.isEmpty()
        || !m_nodeId.isEmpty() || !m_category.isEmpty() || m_withinMs > 0;
}

void AlertFilterProxy::refreshTimeWindow()
{
    if (m_withinMs > 0)
        refilter();
}

void AlertFilterProxy::refilter()
{
    invalidateRowsFilter();
}

bool AlertFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const
{
    const QModelIndex i = sourceModel()->index(sourceRow, 0, sourceParent);
    if (!m_severities.isEmpty() && !m_severities.contains(i.data(AlertBoardModel::SeverityRole).toString()))
        return false;
    if (!m_states.isEmpty()) {
        const QString state = i.data(AlertBoardModel::StateRole).toString();
        if (!m_states.contains(state) && !(m_states.contains(NeedsAction.toString()) && needsAction(state)))
            return false;
    }
    if (!m_unit.isEmpty() && i.data(AlertBoardModel::UnitRole).toString().compare(m_unit, Qt::CaseInsensitive) != 0)
        return false;
    if (!m_team.isEmpty() && i.data(AlertBoardModel::TeamRole).toString() != m_team)
        return false;
    if (!m_nodeId.isEmpty() && i.data(AlertBoardModel::NodeIdRole).toString() != m_nodeId)
        return false;
    if (!m_category.isEmpty() && i.data(AlertBoardModel::CategoryRole).toString() != m_category)
        return false;
    if (m_withinMs > 0) {
        const qint64 created = i.data(AlertBoardModel::CreatedAtMsRole).toLongLong();
        if (created <= 0 || created < m_clock() - m_withinMs)
            return false;
    }
    return true;
}

bool AlertFilterProxy::lessThan(const QModelIndex& left, const QModelIndex& right) const
{
    const int leftRank = left.data(AlertBoardModel::SeverityRankRole).toInt();
    const int rightRank = right.data(AlertBoardModel::SeverityRankRole).toInt();
    if (leftRank != rightRank)
        return leftRank < rightRank;
    // Waiting longest first; an alert without a time goes last within its severity.
    qint64 leftAt = left.data(AlertBoardModel::CreatedAtMsRole).toLongLong();
    qint64 rightAt = right.data(AlertBoardModel::CreatedAtMsRole).toLongLong();
    if (leftAt <= 0)
        leftAt = std::numeric_limits<qint64>::max();
    if (rightAt <= 0)
        rightAt = std::numeric_limits<qint64>::max();
    if (leftAt != rightAt)
        return leftAt < rightAt;
    // A total order keeps equal alerts from swapping places on every change.
    const QString leftNode = left.data(AlertBoardModel::NodeIdRole).toString();
    const QString rightNode = right.data(AlertBoardModel::NodeIdRole).toString();
    if (leftNode != rightNode)
        return leftNode < rightNode;
    return left.data(AlertBoardModel::AlertIdRole).toLongLong() < right.data(AlertBoardModel::AlertIdRole).toLongLong();
}
