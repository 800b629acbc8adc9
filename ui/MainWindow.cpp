#include "ui/MainWindow.h"

#include "models/console/NodeListModel.h"
#include "models/console/OverviewModel.h"
#include "ui/dialogs/CertificateWarning.h"
#include "ui/dialogs/NodeDialog.h"
#include "ui/dialogs/SettingsDialog.h"
#include "ui/dialogs/SignInDialog.h"
#include "ui/session/NodeFleet.h"
#include "ui/session/TokenVault.h"
#include "ui/shell/NodeStrip.h"
#include "models/console/AlertBoardModel.h"
#include "ui/shell/AlertNotifier.h"
#include "ui/shell/PendingActionsButton.h"
#include "ui/shell/TraceController.h"
#include "ui/views/AlertBoardView.h"
#include "ui/views/AuditView.h"
#include "ui/views/DeadLetterView.h"
#include "ui/views/EscalationBoardView.h"
#include "ui/views/OverviewView.h"
#include "ui/views/PendingActionsPanel.h"
#include "ui/views/TraceQuery.h"

#include <QAction>
#include <QApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QStackedWidget>
#include <QStatusBar>
#include <QToolBar>
#include <QVBoxLayout>

MainWindow::MainWindow(NodeFleet* fleet, QWidget* parent)
    : QMainWindow(parent)
    , m_fleet(fleet)
    , m_settings(ConsoleSettings::load())
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(tr("Vigil console"));
    resize(1280, 800);
    createCentral();
    createActions();

    m_keychainLabel = new QLabel(this);
    m_keychainLabel->setObjectName(QStringLiteral("keychainStatus"));
    m_keychainLabel->hide();
    statusBar()->addPermanentWidget(m_keychainLabel);
    if (TokenVault* vault = fleet->vault()) {
        const auto showFallback = [this](const QString& text) {
            m_keychainLabel->setText(text);
            m_keychainLabel->show();
            showStatus(text, 0);
        };
        if (vault->isFallbackActive())
            showFallback(TokenVault::fallbackMessage());
        connect(vault, &TokenVault::fallbackEngaged, this, showFallback);
        connect(vault, &TokenVault::keychainError, this, [this](const QString& text) { showStatus(text); });
    }

    m_pendingActions = new PendingActionsButton(fleet, this);
    statusBar()->addPermanentWidget(m_pendingActions);
    // Critical and high alerts arriving: a desktop notification (and a sound unless muted), never
    // with patient identifiers; without a system tray, a banner in the window's status bar.
    m_notifier = new AlertNotifier(fleet->alerts(), this);
    m_notifier->setMuted(!m_settings.alertSound);
    connect(m_notifier, &AlertNotifier::bannerRequested, this,
            [this](const QString& title, const QString& text) { showStatus(title + u" — " + text, 30000); });

    connect(fleet, &NodeFleet::sessionAdded, this, &MainWindow::onSessionAdded);
    connect(fleet, &NodeFleet::sessionRemoved, this, &MainWindow::updateEmptyState);
    connect(fleet, &NodeFleet::certificateChanged, this, &MainWindow::onCertificateChanged);
    connect(fleet, &NodeFleet::signInRequired, this,
            [this](NodeSession* session, const QString& reason) { showStatus(reason, 0); Q_UNUSED(session) });
    connect(fleet, &NodeFleet::message, this, [this](const QString& text) { showStatus(text); });
    for (NodeSession* session : fleet->sessions())
        onSessionAdded(session);
    updateEmptyState();
    showView(OverviewPage);
}

MainWindow::~MainWindow() = default;

QString MainWindow::viewName(View view)
{
    switch (view) {
    case OverviewPage: return tr("Overview");
    case TracesPage: return tr("Traces");
    case AlertsPage: return tr("Alerts");
    case EscalationsPage: return tr("Escalations");
    case DeadLettersPage: return tr("Dead letters");
    case AuditPage: return tr("Audit");
    case ViewCount: break;
    }
    return QString();
}

void MainWindow::createCentral()
{
    auto* central = new QWidget(this);
    auto* outer = new QVBoxLayout(central);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->setSpacing(0);
    m_strip = new NodeStrip(m_fleet->nodeList(), central);
    connect(m_strip, &NodeStrip::menuRequested, this, &MainWindow::showNodeMenu);
    outer->addWidget(m_strip);

    auto* body = new QHBoxLayout;
    body->setSpacing(0);
    m_navigation = new QListWidget(central);
    m_navigation->setObjectName(QStringLiteral("navigation"));
    m_navigation->setFixedWidth(170);
    m_pages = new QStackedWidget(central);
    body->addWidget(m_navigation);
    body->addWidget(m_pages, 1);
    outer->addLayout(body, 1);

    // Overview: the empty state until a node exists.
    m_overviewPage = new QStackedWidget(m_pages);
    m_emptyState = new QWidget(m_overviewPage);
    m_emptyState->setObjectName(QStringLiteral("emptyState"));
    {
        auto* layout = new QVBoxLayout(m_emptyState);
        layout->addStretch();
        auto* title = new QLabel(tr("No nodes yet"), m_emptyState);
        title->setObjectName(QStringLiteral("emptyStateTitle"));
        title->setAlignment(Qt::AlignCenter);
        auto* text = new QLabel(tr("Add a node (Ctrl+N): its address, and the certificate fingerprint it prints "
                                   "when it starts."),
                                m_emptyState);
        text->setObjectName(QStringLiteral("emptyStateText"));
        text->setAlignment(Qt::AlignCenter);
        text->setWordWrap(true);
        auto* button = new QPushButton(tr("Add a node…"), m_emptyState);
        button->setObjectName(QStringLiteral("emptyStateAddNode"));
        connect(button, &QPushButton::clicked, this, &MainWindow::addNode);
        layout->addWidget(title);
        layout->addWidget(text);
        layout->addWidget(button, 0, Qt::AlignCenter);
        layout->addStretch();
    }
    m_overview = new OverviewView(m_overviewPage);
    m_overview->setModel(m_fleet->overview());
    connect(m_overview, &OverviewView::historyRequested, this, [this](const QString& key, qint64 from, qint64 to) {
        QString nodeId, kind, name;
        if (!OverviewView::splitMetricKey(key, &nodeId, &kind, &name))
            return;
        if (NodeSession* session = m_fleet->session(nodeId)) {
            session->requestHistory(kind, name, from, to, m_overview,
                                    [this, key](const QList<QPointF>& queue, const QList<QPointF>& throughput) {
                                        m_overview->setHistory(key, queue, throughput);
                                    });
        }
    });
    m_overviewPage->addWidget(m_emptyState);
    m_overviewPage->addWidget(m_overview);

    m_traces = new TraceController(m_fleet, this);

    m_alertBoard = new AlertBoardView(m_fleet, m_pages);
    connect(m_alertBoard, &AlertBoardView::traceRequested, this, &MainWindow::openTrace);
    m_escalations = new EscalationBoardView(m_fleet, m_pages);
    connect(m_escalations, &EscalationBoardView::alertActivated, this, [this](const QString& nodeId, qint64 alertId) {
        showView(AlertsPage);
        if (!m_alertBoard->selectAlert(nodeId, alertId)) {
            m_alertBoard->clearFilters();
            m_alertBoard->selectAlert(nodeId, alertId);
        }
    });
    m_deadLetters = new DeadLetterView(m_fleet, m_pages);
    m_audit = new AuditView(m_fleet, m_pages);
    m_views = {m_overviewPage, m_traces->widget(), m_alertBoard, m_escalations, m_deadLetters, m_audit};
    for (int i = 0; i < ViewCount; ++i) {
        m_pages->addWidget(m_views.at(i));
        auto* item = new QListWidgetItem(viewName(View(i)), m_navigation);
        item->setToolTip(tr("%1 (Ctrl+%2)").arg(viewName(View(i))).arg(i + 1));
    }
    connect(m_navigation, &QListWidget::currentRowChanged, this, [this](int row) {
        if (row >= 0)
            m_pages->setCurrentIndex(row);
    });
    setCentralWidget(central);
}

void MainWindow::createActions()
{
    const auto make = [this](const QString& name, const QString& text, const QKeySequence& shortcut) {
        auto* action = new QAction(text, this);
        action->setObjectName(name);
        if (!shortcut.isEmpty())
            action->setShortcut(shortcut);
        // Window-wide, so the shortcut works from any view and any focused widget.
        action->setShortcutContext(Qt::WindowShortcut);
        addAction(action);
        return action;
    };

    QMenu* file = menuBar()->addMenu(tr("&File"));
    QAction* add = make(QStringLiteral("actionAddNode"), tr("&Add node…"), QKeySequence(Qt::CTRL | Qt::Key_N));
    connect(add, &QAction::triggered, this, &MainWindow::addNode);
    QAction* settings = make(QStringLiteral("actionSettings"), tr("&Settings…"), QKeySequence(Qt::CTRL | Qt::Key_Comma));
    settings->setMenuRole(QAction::PreferencesRole);
    connect(settings, &QAction::triggered, this, &MainWindow::openSettings);
    QAction* quit = make(QStringLiteral("actionQuit"), tr("&Quit"), QKeySequence::Quit);
    connect(quit, &QAction::triggered, this, &QWidget::close);
    file->addAction(add);
    file->addSeparator();
    file->addAction(settings);
    file->addSeparator();
    file->addAction(quit);

    QMenu* view = menuBar()->addMenu(tr("&View"));
    for (int i = 0; i < ViewCount; ++i) {
        QAction* action = make(u"actionView" + QString::number(i + 1), viewName(View(i)),
                               QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_1 + i)));
        connect(action, &QAction::triggered, this, [this, i] { showView(View(i)); });
        view->addAction(action);
        m_viewActions << action;
    }
    view->addSeparator();
    QAction* find = make(QStringLiteral("actionFindTrace"), tr("&Find a message or trace…"),
                         QKeySequence(Qt::CTRL | Qt::Key_K));
    connect(find, &QAction::triggered, this, &MainWindow::focusTraceSearch);
    QAction* refresh = make(QStringLiteral("actionRefresh"), tr("&Refresh"), QKeySequence(Qt::Key_F5));
    connect(refresh, &QAction::triggered, this, &MainWindow::refresh);
    view->addAction(find);
    view->addAction(refresh);

    QMenu* node = menuBar()->addMenu(tr("&Node"));
    QAction* signInAction = make(QStringLiteral("actionSignIn"), tr("&Sign in…"), QKeySequence());
    connect(signInAction, &QAction::triggered, this, [this] {
        if (!currentNodeId().isEmpty())
            signIn(currentNodeId());
    });
    QAction* edit = make(QStringLiteral("actionEditNode"), tr("&Edit node…"), QKeySequence());
    connect(edit, &QAction::triggered, this, [this] {
        if (!currentNodeId().isEmpty())
            editNode(currentNodeId());
    });
    QAction* remove = make(QStringLiteral("actionRemoveNode"), tr("&Remove node…"), QKeySequence());
    connect(remove, &QAction::triggered, this, [this] {
        if (!currentNodeId().isEmpty())
            removeNode(currentNodeId());
    });
    node->addAction(add);
    node->addAction(signInAction);
    node->addAction(edit);
    node->addAction(remove);
    connect(node, &QMenu::aboutToShow, this, [this, signInAction, edit, remove] {
        const bool any = !currentNodeId().isEmpty();
        for (QAction* a : {signInAction, edit, remove})
            a->setEnabled(any);
    });

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    QAction* about = make(QStringLiteral("actionAbout"), tr("&About Vigil console"), QKeySequence());
    connect(about, &QAction::triggered, this, [this] {
        QMessageBox::about(this, tr("About Vigil console"),
                           tr("<p><b>Vigil console</b> %1</p><p>Operations console for Vigil integration nodes.</p>")
                               .arg(QApplication::applicationVersion()));
    });
    help->addAction(about);

    QToolBar* tools = addToolBar(tr("Main"));
    tools->setObjectName(QStringLiteral("mainToolBar"));
    tools->setMovable(false);
    tools->addAction(add);
    tools->addAction(refresh);
    tools->addAction(find);
}

QAction* MainWindow::action(const QString& objectName) const
{
    return findChild<QAction*>(objectName);
}

MainWindow::View MainWindow::currentView() const
{
    return View(m_pages->currentIndex());
}

void MainWindow::showView(View view)
{
    if (view < 0 || view >= ViewCount || !isViewOffered(view))
        return;
    m_navigation->setCurrentRow(int(view));
    m_pages->setCurrentIndex(int(view));
    if (view == AlertsPage)
        m_alertBoard->focusList(); // A / R / E work at once on the board
}

QWidget* MainWindow::viewWidget(View view) const
{
    return view >= 0 && view < ViewCount ? m_views.at(view) : nullptr;
}

QString MainWindow::statusText() const
{
    return statusBar()->currentMessage();
}

void MainWindow::showStatus(const QString& text, int timeoutMs)
{
    statusBar()->showMessage(text, timeoutMs);
}

void MainWindow::updateEmptyState()
{
    const bool empty = m_fleet->sessions().isEmpty();
    m_overviewPage->setCurrentWidget(empty ? m_emptyState : static_cast<QWidget*>(m_overview));
}

void MainWindow::onSessionAdded(NodeSession* session)
{
    connect(session, &NodeSession::statsUpdated, m_overview,
            [this, session](const QJsonObject& stats, bool cached, qint64) {
                if (!cached)
                    m_overview->appendStats(session->nodeId(), stats);
            });
    connect(session, &NodeSession::resynced, m_overview, [this, session] {
        // Whatever the charts showed of this node may have a hole: ask for it again.
        QString nodeId, kind, name;
        const QString key = m_overview->currentKey();
        if (OverviewView::splitMetricKey(key, &nodeId, &kind, &name) && nodeId == session->nodeId()) {
            const qint64 to = QDateTime::currentMSecsSinceEpoch();
            session->requestHistory(kind, name, to - qint64(3600) * 1000, to, m_overview,
                                    [this, key](const QList<QPointF>& queue, const QList<QPointF>& throughput) {
                                        m_overview->setHistory(key, queue, throughput);
                                    });
        }
    });
    connect(session, &NodeSession::userChanged, this, &MainWindow::applyRoles);
    connect(m_fleet, &NodeFleet::sessionRemoved, this, &MainWindow::applyRoles, Qt::UniqueConnection);
    updateEmptyState();
    applyRoles();
}

bool MainWindow::isViewOffered(View view) const
{
    if (view < 0 || view >= ViewCount)
        return false;
    return !m_navigation->item(int(view))->isHidden();
}

void MainWindow::applyRoles()
{
    QStringList roles;
    for (NodeSession* session : m_fleet->sessions()) {
        if (!session->roleName().isEmpty())
            roles.append(session->roleName());
    }
    const bool nurseOnly = !roles.isEmpty() && roles.count(QStringLiteral("nurse")) == roles.size();
    for (const View view : {DeadLettersPage, AuditPage}) {
        m_navigation->item(int(view))->setHidden(nurseOnly);
        m_viewActions.value(int(view))->setEnabled(!nurseOnly);
        m_viewActions.value(int(view))->setVisible(!nurseOnly);
    }
    if (roles.isEmpty()) {
        m_landed = false;
        return;
    }
    if (!m_landed) {
        m_landed = true;
        showView(nurseOnly ? AlertsPage : OverviewPage);
    } else if (!isViewOffered(currentView())) {
        showView(AlertsPage);
    }
}

QString MainWindow::currentNodeId() const
{
    // The node of the selected overview row, else the only or first node.
    QString nodeId, kind, name;
    if (OverviewView::splitMetricKey(m_overview->currentKey(), &nodeId, &kind, &name) && m_fleet->session(nodeId))
        return nodeId;
    const auto sessions = m_fleet->sessions();
    return sessions.isEmpty() ? QString() : sessions.first()->nodeId();
}

void MainWindow::showNodeMenu(const QString& nodeId, const QPoint& globalPos)
{
    NodeSession* session = m_fleet->session(nodeId);
    if (!session)
        return;
    QMenu menu(this);
    menu.setObjectName(QStringLiteral("nodeMenu"));
    if (session->hasToken())
        menu.addAction(tr("Sign &out"), this, [this, nodeId] { signOut(nodeId); });
    else
        menu.addAction(tr("&Sign in…"), this, [this, nodeId] { signIn(nodeId); });
    menu.addAction(tr("&Refresh"), this, [session] { session->refresh(); });
    menu.addSeparator();
    menu.addAction(tr("&Edit node…"), this, [this, nodeId] { editNode(nodeId); });
    menu.addAction(tr("Re&move node…"), this, [this, nodeId] { removeNode(nodeId); });
    menu.exec(globalPos);
}

void MainWindow::addNode()
{
    NodeDialog dialog(m_fleet->profiles(), NodeProfile(), this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    QString error;
    const QString id = m_fleet->addNode(dialog.profile(), &error);
    if (id.isEmpty()) {
        QMessageBox::warning(this, tr("Add node"), error);
        return;
    }
    showView(OverviewPage);
    showStatus(tr("Added %1.").arg(dialog.profile().displayName));
    signIn(id);
}

void MainWindow::editNode(const QString& nodeId)
{
    NodeSession* session = m_fleet->session(nodeId);
    if (!session)
        return;
    NodeDialog dialog(m_fleet->profiles(), session->profile(), this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    QString error;
    if (!m_fleet->updateNode(dialog.profile(), &error))
        QMessageBox::warning(this, tr("Edit node"), error);
}

void MainWindow::removeNode(const QString& nodeId)
{
    NodeSession* session = m_fleet->session(nodeId);
    if (!session)
        return;
    const QString name = session->profile().displayName;
    const auto answer = QMessageBox::question(
        this, tr("Remove node"),
        tr("Remove %1 from this console? Its sign-in and its offline cache on this computer are deleted; the "
           "node itself is not affected.")
            .arg(name),
        QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel);
    if (answer != QMessageBox::Yes)
        return;
    QString error;
    if (!m_fleet->removeNode(nodeId, &error))
        QMessageBox::warning(this, tr("Remove node"), error);
    else
        showStatus(tr("Removed %1.").arg(name));
}

void MainWindow::signIn(const QString& nodeId, const QString& reason)
{
    NodeSession* session = m_fleet->session(nodeId);
    if (!session || m_signInOpen)
        return;
    m_signInOpen = true;
    SignInDialog dialog(session, reason, this);
    if (dialog.exec() == QDialog::Accepted)
        showStatus(tr("Signed in to %1 as %2.").arg(session->profile().displayName, session->userName()));
    m_signInOpen = false;
}

void MainWindow::signOut(const QString& nodeId)
{
    if (NodeSession* session = m_fleet->session(nodeId)) {
        session->signOut();
        showStatus(tr("Signed out of %1.").arg(session->profile().displayName));
    }
}

void MainWindow::refresh()
{
    m_fleet->refreshAll();
    showStatus(tr("Refreshing…"), 3000);
}

void MainWindow::openTrace(const QString& nodeId, const QString& correlationId)
{
    Q_UNUSED(nodeId) // the trace search runs across every node: one correlation ID, every hop
    TraceQuery query;
    query.text = correlationId;
    showView(TracesPage);
    m_traces->search(query);
}

void MainWindow::focusTraceSearch()
{
    showView(TracesPage);
    m_traces->focusSearch();
}

void MainWindow::setConsoleSettings(const ConsoleSettings& settings)
{
    m_settings = settings;
    m_notifier->setMuted(!m_settings.alertSound);
}

void MainWindow::openSettings()
{
    SettingsDialog dialog(m_settings, this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    const ConsoleSettings changed = dialog.settings();
    const bool languageChanged = changed.language != m_settings.language;
    m_settings = changed;
    m_settings.save();
    m_fleet->setCacheMaxBytes(m_settings.cacheLimitBytes());
    m_notifier->setMuted(!m_settings.alertSound);
    emit settingsChanged(m_settings);
    if (languageChanged)
        showStatus(tr("The new language applies when the console starts again."));
}

void MainWindow::onCertificateChanged(NodeSession* session, const QString& pinned, const QString& presented)
{
    showStatus(CertificateWarning::summary(session->profile().displayName), 0);
    // Non-modal: a warning must not stop the other nodes' live views.
    auto* warning = new CertificateWarning(session->profile().displayName, session->profile().address(), pinned,
                                           presented, this);
    warning->setAttribute(Qt::WA_DeleteOnClose);
    warning->setModal(false);
    warning->show();
}
