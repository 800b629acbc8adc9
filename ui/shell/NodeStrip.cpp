#include "ui/shell/NodeStrip.h"

#include "models/console/NodeListModel.h"
#include "ui/shell/NodeChip.h"

#include <QHBoxLayout>
#include <QLabel>

NodeStrip::NodeStrip(NodeListModel* model, QWidget* parent)
    : QWidget(parent)
    , m_model(model)
{
    setObjectName(QStringLiteral("nodeStrip"));
    m_layout = new QHBoxLayout(this);
    m_layout->setContentsMargins(6, 6, 6, 6);
    m_layout->setSpacing(8);
    m_empty = new QLabel(tr("No nodes yet — add one with Ctrl+N"), this);
    m_empty->setObjectName(QStringLiteral("emptyStateText"));
    m_layout->addWidget(m_empty);
    m_layout->addStretch();

    connect(model, &QAbstractItemModel::modelReset, this, &NodeStrip::rebuild);
    connect(model, &QAbstractItemModel::rowsInserted, this, &NodeStrip::rebuild);
    connect(model, &QAbstractItemModel::rowsRemoved, this, &NodeStrip::rebuild);
    connect(model, &QAbstractItemModel::rowsMoved, this, &NodeStrip::rebuild);
    connect(model, &QAbstractItemModel::layoutChanged, this, &NodeStrip::rebuild);
    connect(model, &QAbstractItemModel::dataChanged, this,
            [this](const QModelIndex& topLeft, const QModelIndex& bottomRight) {
                updateRows(topLeft.row(), bottomRight.row());
            });
    rebuild();
}

void NodeStrip::rebuild()
{
    QHash<QString, NodeChip*> keep;
    // Chips are re-ordered by removing them from the layout and adding them back in model order.
    for (NodeChip* chip : std::as_const(m_chips))
        m_layout->removeWidget(chip);
    for (int row = 0; row < m_model->rowCount(); ++row) {
        const QString id = m_model->index(row).data(NodeListModel::NodeIdRole).toString();
        NodeChip* chip = m_chips.take(id);
        if (!chip) {
            chip = new NodeChip(id, this);
            connect(chip, &NodeChip::menuRequested, this, &NodeStrip::menuRequested);
        }
        keep.insert(id, chip);
        m_layout->insertWidget(row, chip);
    }
    qDeleteAll(m_chips);
    m_chips = keep;
    m_empty->setVisible(m_chips.isEmpty());
    if (m_model->rowCount() > 0)
        updateRows(0, m_model->rowCount() - 1);
}

void NodeStrip::updateRows(int first, int last)
{
    for (int row = first; row <= last && row < m_model->rowCount(); ++row) {
        const QModelIndex index = m_model->index(row);
        NodeChip* chip = m_chips.value(index.data(NodeListModel::NodeIdRole).toString());
        if (!chip)
            continue;
        chip->update(index.data(NodeListModel::DisplayNameRole).toString(),
                     index.data(NodeListModel::SiteRole).toString(), index.data(NodeListModel::StateRole).toString(),
                     index.data(NodeListModel::DetailRole).toString(),
                     index.data(NodeListModel::NeedsAttentionRole).toBool(),
                     index.data(NodeListModel::UserNameRole).toString());
    }
}
