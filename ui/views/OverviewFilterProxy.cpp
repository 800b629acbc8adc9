#include "ui/views/OverviewFilterProxy.h"

#include "models/console/OverviewModel.h"

OverviewFilterProxy::OverviewFilterProxy(QObject* parent)
    : QSortFilterProxyModel(parent)
{
    setSortRole(OverviewModel::SortRole);
    setRecursiveFilteringEnabled(true);
    setDynamicSortFilter(true);
    setSortCaseSensitivity(Qt::CaseInsensitive);
}

void OverviewFilterProxy::setNodeFilter(const QString& nodeId)
{
    if (nodeId == m_nodeId)
        return;
    m_nodeId = nodeId;
    invalidateRowsFilter();
}

void OverviewFilterProxy::setNameFilter(const QString& text)
{
    const QString trimmed = text.trimmed();
    if (trimmed == m_name)
        return;
    m_name = trimmed;
    invalidateRowsFilter();
}

void OverviewFilterProxy::setAttentionOnly(bool attentionOnly)
{
    if (attentionOnly == m_attentionOnly)
        return;
    m_attentionOnly = attentionOnly;
    invalidateRowsFilter();
}

bool OverviewFilterProxy::nameMatches(const QModelIndex& sourceIndex) const
{
    if (m_name.isEmpty())
        return true;
    // The display name (what the user reads) and the id/name role (what the shell calls it).
    const QModelIndex nameIndex = sourceIndex.siblingAtColumn(OverviewModel::NameColumn);
    return nameIndex.data(Qt::DisplayRole).toString().contains(m_name, Qt::CaseInsensitive)
        || nameIndex.data(OverviewModel::NameRole).toString().contains(m_name, Qt::CaseInsensitive);
}

bool OverviewFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const
{
    const QModelIndex index = sourceModel()->index(sourceRow, OverviewModel::NameColumn, sourceParent);
    if (!m_nodeId.isEmpty() && index.data(OverviewModel::NodeIdRole).toString() != m_nodeId)
        return false;
    if (m_attentionOnly && !index.data(OverviewModel::NeedsAttentionRole).toBool())
        return false;
    if (nameMatches(index))
        return true;
    // An endpoint of a node whose name matches ("ward-3" shows ward-3's interfaces).
    return sourceParent.isValid() && !m_name.isEmpty() && nameMatches(sourceParent);
}
