#pragma once

#include <QSortFilterProxyModel>

/// Sorting and filtering of the OverviewModel tree for the OverviewView: by node, by name (node,
/// channel or destination, case-insensitive substring) and "needs attention only". A node stays
/// visible while any of its rows matches (recursive filtering); a node whose own name matches shows
/// all its rows that pass the other filters. Sorts by OverviewModel::SortRole within each level.
///
/// QSortFilterProxyModel is fine here: the overview has about a thousand rows (STYLE.md 2.1.4).
class OverviewFilterProxy : public QSortFilterProxyModel
{
    Q_OBJECT

public:
    explicit OverviewFilterProxy(QObject* parent = nullptr);

    /// Only this node's rows; empty: every node.
    void setNodeFilter(const QString& nodeId);
    QString nodeFilter() const { return m_nodeId; }
    /// Rows whose name contains `text`; empty: every name.
    void setNameFilter(const QString& text);
    QString nameFilter() const { return m_name; }
    void setAttentionOnly(bool attentionOnly);
    bool attentionOnly() const { return m_attentionOnly; }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;

private:
    bool nameMatches(const QModelIndex& sourceIndex) const;

    QString m_nodeId;
    QString m_name;
    bool m_attentionOnly = false;
};
