#pragma once

#include <QModelIndex>
#include <QString>
#include <QWidget>

#include <functional>

class ConsoleActionModel;
class FleetActionFeed;
class NodeFleet;
class QLabel;
class QListView;
class QPushButton;

/// The console's actions that a node has not confirmed yet, and what became of recent ones, on
/// every node: pending first, then applied, refused (with the node's own words) and discarded.
/// Nothing here looks done before the node said so. "Send now" sends what is pending at once (or
/// reconnects an offline node); "Discard…" withdraws a pending action that is not on its way,
/// after a confirmation, so that it is never sent.
class PendingActionsPanel : public QWidget
{
    Q_OBJECT

public:
    /// Asks the user to confirm (title, text); true to go ahead.
    using Confirmation = std::function<bool(const QString& title, const QString& text)>;

    explicit PendingActionsPanel(NodeFleet* fleet, QWidget* parent = nullptr);

    ConsoleActionModel* model() const;
    QListView* list() const { return m_list; }
    QPushButton* sendNowButton() const { return m_sendNow; }
    QPushButton* discardButton() const { return m_discard; }
    /// The line above the list ("2 actions pending on Test node") and the last feedback line.
    QString headline() const;
    QString feedback() const;

    /// The whole text of a row as shown: state and summary, node, user and time, and in plain words
    /// what it means ("Pending: not yet applied on Test node. It will be sent once when the node is
    /// back." / "Refused by Test node: alert is resolved").
    static QString describe(const QModelIndex& index);
    /// The last line of describe(): what the state means for this action.
    static QString explanation(const QModelIndex& index);
    /// The row's text (describe() of model row `row`).
    QString textOf(int row) const;

    /// Replaces the confirmation dialog (tests).
    void setConfirmation(Confirmation confirmation) { m_confirm = std::move(confirmation); }

    /// Sends what is pending now on every node (reconnecting offline ones first).
    void sendNow();
    /// Discards the selected action after confirmation. False when nothing was discarded.
    bool discardSelected();

protected:
    void showEvent(QShowEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;

private:
    void updateHeadline();
    void updateButtons();
    QModelIndex currentIndex() const;

    FleetActionFeed* m_feed = nullptr;
    QLabel* m_headline = nullptr;
    QListView* m_list = nullptr;
    QLabel* m_feedback = nullptr;
    QPushButton* m_sendNow = nullptr;
    QPushButton* m_discard = nullptr;
    QPushButton* m_close = nullptr;
    Confirmation m_confirm;
};
