#pragma once

#include <QPointer>
#include <QToolButton>

class FleetActionFeed;
class NodeFleet;
class PendingActionsPanel;

/// The status bar's word on actions not yet confirmed by their node: "2 actions pending", with a
/// warning icon and "1 refused" while a node's refusal has not been looked at. Hidden when nothing
/// is pending and no refusal is unseen. Clicking (or Enter/Space) opens the PendingActionsPanel.
class PendingActionsButton : public QToolButton
{
    Q_OBJECT
    Q_PROPERTY(bool attention READ attention)

public:
    explicit PendingActionsButton(NodeFleet* fleet, QWidget* parent = nullptr);

    /// A refusal nobody has looked at yet.
    bool attention() const { return m_attention; }
    /// The panel, once opened (nullptr before).
    PendingActionsPanel* panel() const { return m_panel; }
    /// Opens (or raises) the panel.
    void openPanel();

private:
    void showCounts(int pending, int refused);

    NodeFleet* m_fleet = nullptr;
    FleetActionFeed* m_feed = nullptr;
    QPointer<PendingActionsPanel> m_panel;
    bool m_attention = false;
};
