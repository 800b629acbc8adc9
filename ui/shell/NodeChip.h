#pragma once

#include <QFrame>
#include <QString>

class QLabel;
class QToolButton;

/// One node in the node strip: icon, name, state in words and the detail ("offline since 14:02 —
/// showing data cached at 14:01"). The state is told by text and icon shape; colour only adds to it
/// (the `state` property drives the style sheet). Clicking opens the node's menu.
class NodeChip : public QFrame
{
    Q_OBJECT
    Q_PROPERTY(QString state READ state)
    Q_PROPERTY(bool attention READ attention)

public:
    explicit NodeChip(const QString& nodeId, QWidget* parent = nullptr);

    QString nodeId() const { return m_nodeId; }
    QString state() const { return m_state; }
    bool attention() const { return m_attention; }
    QString stateText() const;
    QString detailText() const;

    void update(const QString& displayName, const QString& site, const QString& state, const QString& detail,
                bool attention, const QString& userName);

signals:
    /// The user asked for the node's actions (click, Enter, context menu) at this global position.
    void menuRequested(const QString& nodeId, const QPoint& globalPos);

protected:
    void mousePressEvent(QMouseEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void contextMenuEvent(QContextMenuEvent* event) override;

private:
    QString m_nodeId;
    QString m_state;
    bool m_attention = false;
    QLabel* m_icon = nullptr;
    QLabel* m_name = nullptr;
    QLabel* m_stateLabel = nullptr;
    QLabel* m_detail = nullptr;
};
