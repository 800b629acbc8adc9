#pragma once

#include <QHash>
#include <QWidget>

class NodeChip;
class NodeListModel;
class QHBoxLayout;
class QLabel;

/// The always-visible row of node chips above every view, one per row of a NodeListModel, kept in
/// step with the model's signals (one chip updated per dataChanged row).
class NodeStrip : public QWidget
{
    Q_OBJECT

public:
    explicit NodeStrip(NodeListModel* model, QWidget* parent = nullptr);

    NodeChip* chip(const QString& nodeId) const { return m_chips.value(nodeId); }
    int chipCount() const { return int(m_chips.size()); }

signals:
    void menuRequested(const QString& nodeId, const QPoint& globalPos);

private:
    void rebuild();
    void updateRows(int first, int last);

    NodeListModel* m_model = nullptr;
    QHBoxLayout* m_layout = nullptr;
    QLabel* m_empty = nullptr;
    QHash<QString, NodeChip*> m_chips;
};
