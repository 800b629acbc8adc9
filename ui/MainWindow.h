#pragma once

#include "ui/ConsoleSettings.h"

#include <QMainWindow>
#include <QList>

class NodeFleet;
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
    QString statusText() const;

    /// Settings changed by the settings dialog apply through this (theme and cache at once).
    void setConsoleSettings(const ConsoleSettings& settings) { m_settings = settings; }

public slots:
    void addNode();
    void editNode(const QString& nodeId);
    void removeNode(const QString& nodeId);
    void signIn(const QString& nodeId, const QString& reason = QString());
    void signOut(const QString& nodeId);
    void refresh();
    void focusTraceSearch();
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
    QList<QWidget*> m_views;
    QLabel* m_keychainLabel = nullptr;
    QList<QAction*> m_viewActions;
    bool m_signInOpen = false;
    bool m_landed = false;      ///< the role-based landing page was shown for the current sign-ins
};
