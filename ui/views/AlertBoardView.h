#pragma once

#include "models/console/ConsoleAction.h"

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QPointer>
#include <QString>
#include <QStringList>
#include <QWidget>

#include <functional>

class ActionQueue;
class AlertBoardModel;
class AlertCardDelegate;
class AlertFilterProxy;
class NodeFleet;
class NodeSession;
class QComboBox;
class QLabel;
class QLineEdit;
class QListView;
class QPushButton;
class QStackedWidget;
class QTimer;
class QToolButton;

/// The alert board (DESIGN.md 5, "Alerts"): the active alerts of every node as cards, most severe
/// and longest waiting first, filtered by severity, state, unit, team, node, category and age; and a
/// panel for the selected card with its evidence and large buttons to acknowledge (optional note,
/// one action), resolve (with a disposition), escalate now, silence alerts like it (support and
/// admin) and open its trace.
///
/// Actions go through the node's ActionQueue (never straight to the network): while a node is
/// offline they wait as *pending* and the card says so; the node's answer is shown as it comes —
/// the card updates when applied, a refusal is said in the node's words. Buttons the signed-in role
/// of that node cannot use are not shown (the node checks anyway, ops API 2.8 and 4.19).
///
/// Keys on the list: A acknowledge, R resolve, E escalate, arrows move.
class AlertBoardView : public QWidget
{
    Q_OBJECT

public:
    /// What a signed-in role may do with one alert (ops API 4.19 and 2.8).
    struct Permissions
    {
        bool acknowledge = false;
        bool resolve = false;
        bool escalate = false;
        bool silence = false;
    };
    /// role: "nurse" | "support" | "admin"; units: the nurse's care units (compared
    /// case-insensitively, as the node does); category and unit: the alert's.
    static Permissions permissionsFor(
        const QString& role, const QStringList& units, const QString& category, const QString& unit);

    /// fleet: the sessions (roles, actions, node names) and the board model (fleet->alerts()).
    /// Without a fleet, call setModel() and setNodeAccess() (tests, screenshots).
    explicit AlertBoardView(NodeFleet* fleet, QWidget* parent = nullptr);
    ~AlertBoardView() override;

    /// The model shown (not owned); set from the fleet when there is one.
    void setModel(AlertBoardModel* model);
    AlertBoardModel* model() const { return m_model; }
    /// Who is signed in on a node and where its actions go, for a view without that node's session.
    /// Takes precedence over the session's values.
    void setNodeAccess(const QString& nodeId, const QString& userName, const QString& role, const QStringList& units,
        ActionQueue* actions);
    /// The wall clock (tests); also the cards' and the filters'.
    void setClock(std::function<qint64()> clock);

    // Filters (the bar's controls follow).
    void setSeverityFilter(const QStringList& severities);
    /// "" (all active), "needs-action", "acknowledged", "suppressed".
    void setStateFilter(const QString& state);
    void setUnitFilter(const QString& unit);
    void setTeamFilter(const QString& team);
    void setNodeFilter(const QString& nodeId);
    void setCategoryFilter(const QString& category);
    /// 0: any age.
    void setCreatedWithinMinutes(int minutes);
    void clearFilters();
    /// "Critical, High · needs action · unit ICU-3 · every node · any time".
    QString filterSummary() const;

    /// Selects the card of an alert; false when it is not on the (filtered) board.
    bool selectAlert(const QString& nodeId, qint64 alertId);
    /// The selected alert's node and id (empty / 0 when none).
    QString currentNodeId() const { return m_currentNode; }
    qint64 currentAlertId() const { return m_currentId; }

    /// What the panel says about the last action taken here (outcome, refusal, pending).
    QString outcomeText() const;
    /// Whether the empty state is shown instead of the list.
    bool isEmptyStateShown() const;
    QString emptyStateTitle() const;
    QString emptyStateText() const;

    QListView* listView() const { return m_list; }
    AlertFilterProxy* proxyModel() const { return m_proxy; }
    AlertCardDelegate* delegate() const { return m_delegate; }
    QPushButton* acknowledgeButton() const { return m_ackButton; }
    QPushButton* resolveButton() const { return m_resolveButton; }
    QPushButton* escalateButton() const { return m_escalateButton; }
    QPushButton* silenceButton() const { return m_silenceButton; }
    QPushButton* traceButton() const { return m_traceButton; }
    QLineEdit* noteEdit() const { return m_note; }

public slots:
    /// Acknowledges the selected alert with the panel's note (one action).
    void acknowledgeSelected();
    /// Asks for an optional note (AcknowledgeDialog), then acknowledges: the A key.
    void acknowledgeWithDialog();
    /// Asks for the disposition (ResolveDialog), then resolves: the R key.
    void resolveSelected();
    /// Asks to confirm, then escalates to the next level now: the E key.
    void escalateSelected();
    /// SilenceDialog prefilled from the selected alert, then creates the silence.
    void silenceSelected();
    void openTraceOfSelected();
    /// Keyboard focus into the card list.
    void focusList();

signals:
    /// "Open trace": the shell shows the Traces page for this correlation ID.
    void traceRequested(const QString& nodeId, const QString& correlationId);
    /// An action was handed to the node's queue (its key set).
    void actionSubmitted(const QString& nodeId, const ConsoleAction& action);
    /// The number of cards shown changed (for a badge on the page's tab).
    void countChanged(int shown, int total);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    struct Access
    {
        QString user;
        QString role;
        QStringList units;
        QPointer<ActionQueue> actions;
        bool known = false;
    };
    struct Followed
    {
        QString nodeId;
        qint64 alertId = 0;
        QString kind;
        QString headline;
        QString detail; ///< for resolve: the disposition's name; for silence: until when
    };

    void buildUi();
    void attachSession(NodeSession* session);
    void watchQueue(ActionQueue* queue);
    Access accessFor(const QString& nodeId) const;
    Permissions permissionsOn(const QString& nodeId, const QJsonObject& alert) const;
    /// Shows why the current node's alert cannot be acknowledged (role, then state); true when refused.
    bool refuseAcknowledge(const QJsonObject& alert);
    QString nodeName(const QString& nodeId) const;
    QJsonObject currentAlert() const;
    int currentSourceRow() const;
    void onCurrentChanged();
    void updatePanel();
    void updateButtons();
    void updateEmptyState();
    void scheduleFilterChoices();
    void updateFilterChoices();
    void onActionChanged(const ConsoleAction& action);
    void submitAlertAction(const QString& nodeId, const QJsonObject& alert, const QString& kind, const QString& verb,
        const QJsonObject& body, const QString& detail);
    void showOutcome(const QString& text, bool problem);
    void loadRules(NodeSession* session);
    void requestDetail(const QString& nodeId, qint64 alertId);
    void pumpDetails();
    void onRowsInserted(int first, int last);
    void tick();
    void applyStateBox();
    bool refuseUnless(bool allowed, const QString& what);

    QPointer<NodeFleet> m_fleet;
    AlertBoardModel* m_model = nullptr;
    AlertFilterProxy* m_proxy = nullptr;
    AlertCardDelegate* m_delegate = nullptr;
    std::function<qint64()> m_clock;

    // Filter bar.
    QHash<QString, QToolButton*> m_severityButtons;
    QComboBox* m_stateBox = nullptr;
    QComboBox* m_categoryBox = nullptr;
    QComboBox* m_unitBox = nullptr;
    QComboBox* m_teamBox = nullptr;
    QComboBox* m_nodeBox = nullptr;
    QComboBox* m_timeBox = nullptr;
    QTimer* m_choicesTimer = nullptr;

    // Cards and the empty state.
    QStackedWidget* m_stack = nullptr;
    QListView* m_list = nullptr;
    QLabel* m_emptyTitle = nullptr;
    QLabel* m_emptyText = nullptr;
    QPushButton* m_clearFilters = nullptr;

    // The panel.
    QStackedWidget* m_panelStack = nullptr;
    QLabel* m_panelHeadline = nullptr;
    QLabel* m_panelIcon = nullptr;
    QLabel* m_panelSeverity = nullptr;
    QLabel* m_panelFacts = nullptr;
    QLabel* m_panelEvidence = nullptr;
    QLabel* m_panelEscalation = nullptr;
    QLabel* m_panelRole = nullptr;
    QLineEdit* m_note = nullptr;
    QPushButton* m_ackButton = nullptr;
    QPushButton* m_resolveButton = nullptr;
    QPushButton* m_escalateButton = nullptr;
    QPushButton* m_silenceButton = nullptr;
    QPushButton* m_traceButton = nullptr;
    QLabel* m_outcome = nullptr;

    QTimer* m_tick = nullptr;
    int m_ticks = 0;
    QString m_currentNode;
    qint64 m_currentId = 0;
    QHash<QString, Access> m_access; ///< setNodeAccess() overrides, by node id
    QList<QPointer<ActionQueue>> m_queues; ///< queues whose actionChanged we follow
    QHash<QString, Followed> m_followed; ///< actions submitted here, by key
    QHash<QString, QHash<QString, int>> m_levels; ///< node id → policy → number of levels
    QHash<QString, qint64> m_detailRequested; ///< "node#id" → when its detail was asked for
    QList<QPair<QString, qint64>> m_detailQueue; ///< new clinical alerts whose patient is still to load
    int m_detailsInFlight = 0;
};
