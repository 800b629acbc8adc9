#pragma once

#include "ui/ConsoleSettings.h"

#include <QMainWindow>
#include <QList>

class AlertBoardView;
class AlertNotifier;
class AuditView;
class DeadLetterView;
class EscalationBoardView;
class NodeFleet;
class PendingActionsButton;
class NodeSession;
class NodeStrip;
class OverviewView;
class QAction;
class QLabel;
class QListWidget;
class QStackedWidget;
class TraceController;

/// The console's one window: the node strip (always visible), the navigation on the left (Overview,
/// Traces, Alerts, Escalations, Dead letters, Audit), the current view, and a status bar. Owns no
/// connection itself: the NodeFleet does; this window wires its models into the views and turns the
/// fleet's requests (sign in, certificate changed) into dialogs.
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    enum View { OverviewPage, TracesPage, AlertsPage, EscalationsPage, DeadLettersPage, AuditPage, ViewCount };
    Q_ENUM(View)

    explicit MainWindow(NodeFleet* fleet, QWidget* parent = nullptr);
    ~MainWindow() override;

    View currentView() const;
    void showView(View view);
    /// The view's widget (the overview page holds the empty state or the OverviewView).
    QWidget* viewWidget(View view) const;
    static QString viewName(View view);
    /// Whether the signed-in roles may use the view: a console signed in only as nurses is offered
    /// neither dead letters nor the audit log (the nodes would refuse them anyway).
    bool isViewOffered(View view) const;

    NodeStrip* nodeStrip() const { return m_strip; }
    OverviewView* overviewView() const { return m_overview; }
    /// The empty state shown instead of the overview while no node is configured.
    QWidget* emptyState() const { return m_emptyState; }
    QAction* action(const QString& objectName) const;
    TraceController* traces() const { return m_traces; }
    AlertBoardView* alertBoard() const { return m_alertBoard; }
    EscalationBoardView* escalationBoard() const { return m_escalations; }
    DeadLetterView* deadLetters() const { return m_deadLetters; }
    AuditView* auditView() const { return m_audit; }
    PendingActionsButton* pendingActions() const { return m_pendingActions; }
    AlertNotifier* alertNotifier() const { return m_notifier; }
    QString statusText() const;

    /// Settings changed by the settings dialog apply through this (theme and cache at once).
    void setConsoleSettings(const ConsoleSettings& settings);

public slots:
    void addNode();
    void editNode(const QString& nodeId);
    void removeNode(const QString& nodeId);
    void signIn(const QString& nodeId, const QString& reason = QString());
    void signOut(const QString& nodeId);
    void refresh();
    void focusTraceSearch();
    /// The Traces page searching every node for this correlation ID.
    void openTrace(const QString& nodeId, const QString& correlationId);
    void openSettings();
    void showStatus(const QString& text, int timeoutMs = 10000);

signals:
    /// The user changed the settings (already saved); the application applies theme and language.
    void settingsChanged(const ConsoleSettings& settings);

private:
    void createActions();
    void createCentral();
    void updateEmptyState();
    void showNodeMenu(const QString& nodeId, const QPoint& globalPos);
    void onSessionAdded(NodeSession* session);
    /// Adapts navigation to the signed-in roles, and picks the landing page the first time a role
    /// is known: a nurse lands on the alert board, everyone else on the overview.
    void applyRoles();
    void onCertificateChanged(NodeSession* session, const QString& pinned, const QString& presented);
    QString currentNodeId() const;

    NodeFleet* m_fleet = nullptr;
    ConsoleSettings m_settings;
    NodeStrip* m_strip = nullptr;
    QListWidget* m_navigation = nullptr;
    QStackedWidget* m_pages = nullptr;
    QStackedWidget* m_overviewPage = nullptr;
    QWidget* m_emptyState = nullptr;
    OverviewView* m_overview = nullptr;
    TraceController* m_traces = nullptr;
    AlertBoardView* m_alertBoard = nullptr;
    EscalationBoardView* m_escalations = nullptr;
    DeadLetterView* m_deadLetters = nullptr;
    AuditView* m_audit = nullptr;
    PendingActionsButton* m_pendingActions = nullptr;
    AlertNotifier* m_notifier = nullptr;
    QList<QWidget*> m_views;
    QLabel* m_keychainLabel = nullptr;
    QList<QAction*> m_viewActions;
    bool m_signInOpen = false;
    bool m_landed = false;      ///< the role-based landing page was shown for the current sign-ins
};
