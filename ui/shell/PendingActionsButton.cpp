#include "ui/shell/PendingActionsButton.h"

#include "models/console/ConsoleActionModel.h"
#include "ui/delegates/AttentionDelegate.h"
#include "ui/session/FleetActionFeed.h"
#include "ui/style/Theme.h"
#include "ui/views/PendingActionsPanel.h"

#include <QStyle>

PendingActionsButton::PendingActionsButton(NodeFleet* fleet, QWidget* parent)
    : QToolButton(parent)
    , m_fleet(fleet)
    , m_feed(FleetActionFeed::of(fleet))
{
    setObjectName(QStringLiteral("pendingActionsButton"));
    setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    setAutoRaise(true);
    setMinimumHeight(28);
    setIconSize(QSize(18, 18));
    setFocusPolicy(Qt::StrongFocus);
    connect(this, &QToolButton::clicked, this, &PendingActionsButton::openPanel);
    if (m_feed) {
        ConsoleActionModel* model = m_feed->model();
        connect(model, &ConsoleActionModel::countsChanged, this, &PendingActionsButton::showCounts);
        showCounts(model->pendingCount(), model->attentionCount());
    } else {
        showCounts(0, 0);
    }
}

void PendingActionsButton::showCounts(int pending, int refused)
{
    QStringList parts;
    if (pending > 0)
        parts << tr("%n action(s) pending", "status bar: not yet applied by a node", pending);
    if (refused > 0)
        parts << tr("%n refused", "status bar: actions a node refused", refused);
    setText(parts.join(u", "));
    m_attention = refused > 0;
    setIcon(m_attention ? AttentionDelegate::attentionIcon() : Theme::stateIcon(QStringLiteral("connecting")));
    setToolTip(m_attention
                   ? tr("A node refused an action made in this console: open the list to read why.")
                   : tr("Actions not yet applied by their node: they are sent once the node can be reached. "
                        "Open the list."));
    setAccessibleName(text());
    // Re-evaluate the style sheet for [attention="true"].
    style()->unpolish(this);
    style()->polish(this);
    setVisible(pending > 0 || refused > 0);
}

void PendingActionsButton::openPanel()
{
    if (!m_panel) {
        // Owned by the main window: the button hides itself when nothing is left, the list stays open.
        m_panel = new PendingActionsPanel(m_fleet, window());
        // Its own window beside the main one, so the board stays usable while it is open.
        m_panel->setWindowFlag(Qt::Window, true);
        m_panel->resize(720, 480);
    }
    m_panel->show();
    m_panel->raise();
    m_panel->activateWindow();
}
