#pragma once

#include <QHash>
#include <QJsonObject>
#include <QString>
#include <QWidget>

class AlertHistoryPane;
class EscalationQueueModel;
class NodeFleet;
class NodeSession;
class QLabel;
class QTableView;
class QTimer;

/// The escalation board (DESIGN.md 5 "Escalations"): what escalates next, to whom and when, across
/// every node — live countdowns ("in 1:42"; "OVERDUE 0:12" in red, with an icon and the word),
/// severity by icon and word, node, unit, the alert's title and who the next level pages (from the
/// node's escalation policies, GET /api/v1/alert-rules; "per policy <name>" when the node does not
/// say). Selecting a row shows that alert's history (AlertHistoryPane), reloaded whenever the node
/// reports a change of it.
///
/// Rows come from the fleet's AlertBoardModel through an EscalationQueueModel; a node that is
/// offline keeps its rows, marked "as of" the last contact. The view only reads: activating a row
/// (alertActivated) hands the alert to the alert board, where it is acknowledged.
class EscalationBoardView : public QWidget
{
    Q_OBJECT

public:
    explicit EscalationBoardView(NodeFleet* fleet, QWidget* parent = nullptr);
    ~EscalationBoardView() override;

    EscalationQueueModel* queueModel() const { return m_queue; }
    QTableView* tableView() const { return m_table; }
    AlertHistoryPane* historyPane() const { return m_history; }
    /// "3 alerts will escalate; the next in 0:42", or the empty state's words.
    QString summaryText() const;
    /// Shows the history of this alert (as selecting its row does).
    void showHistory(const QString& nodeId, qint64 alertId);

public slots:
    /// Updates the countdowns (the view's own timer calls it every second).
    void tick();

signals:
    /// A row was activated (Enter, double-click, tap): the shell opens that alert on the alert
    /// board, where it can be acknowledged.
    void alertActivated(const QString& nodeId, qint64 alertId);

private:
    void attachSession(NodeSession* session);
    void fetchPolicies(NodeSession* session);
    void onEvent(NodeSession* session, const QJsonObject& frame);
    void onCurrentChanged(const QModelIndex& current);
    void loadHistory();
    void updateSummary();

    NodeFleet* m_fleet = nullptr;
    EscalationQueueModel* m_queue = nullptr;
    QTableView* m_table = nullptr;
    AlertHistoryPane* m_history = nullptr;
    QLabel* m_summary = nullptr;
    QTimer* m_ticker = nullptr;
    QTimer* m_reloadTimer = nullptr;
    QString m_historyNode;
    qint64 m_historyAlert = 0;
    quint64 m_historyGeneration = 0;
    QHash<QString, qint64> m_policiesAsOf; ///< node → when the shown policies were cached (0: live)
};
