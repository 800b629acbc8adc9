#include "ui/style/SeverityLook.h"
#include "ui/views/AlertBoardView.h"

#include "models/console/AlertBoardModel.h"
#include "models/console/AlertFilterProxy.h"
#include "models/console/AlertWording.h"
#include "ui/delegates/AlertCardDelegate.h"
#include "ui/dialogs/AcknowledgeDialog.h"
#include "ui/dialogs/ResolveDialog.h"
#include "ui/dialogs/SilenceDialog.h"
#include "ui/session/ActionQueue.h"
#include "ui/session/NodeFleet.h"
#include "ui/session/NodeSession.h"

#include <QComboBox>
#include <QDateTime>
#include <QEvent>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QMap>
#include <QMessageBox>
#include <QPushButton>
#include <QScrollArea>
#include <QSplitter>
#include <QStackedWidget>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace {

const QStringList kSeverities { u"critical"_s, u"high"_s, u"medium"_s, u"low"_s };
constexpr int kButtonHeight = 44; // touch: a finger, not a mouse pointer
constexpr qint64 kDetailRetryMs = 30'000; // ask a node for one alert's detail at most this often
constexpr int kMaxDetailsInFlight = 4; // a burst of arrivals must not become a burst of requests
constexpr int kMaxDetailQueue = 500; // beyond that, details load when a card is selected

bool stateAllowsAcknowledge(const QString& state)
{
    return state == u"open" || state == u"notified" || state == u"escalated";
}

bool stateAllowsEscalate(const QString& state)
{
    return state != u"suppressed" && !AlertBoardModel::isClosedState(state);
}

QString keyOf(const QString& nodeId, qint64 id)
{
    return nodeId + u'#' + QString::number(id);
}

QString quoted(const QString& text)
{
    return QCoreApplication::translate("AlertBoardView", "\u201c%1\u201d", "quoted headline").arg(text);
}

/// Fills a filter combo with (text, value) pairs, keeping the chosen value even when no alert has it
/// any more, so a filter never changes under the user's hands.
void refill(QComboBox* box, const QString& allText, const QList<QPair<QString, QString>>& items)
{
    const QString current = box->currentData().toString();
    QList<QPair<QString, QString>> all = items;
    bool found = current.isEmpty();
    for (const auto& item : items)
        found = found || item.second == current;
    if (!found)
        all.append({ current, current });
    QSignalBlocker block(box);
    box->clear();
    box->addItem(allText, QString());
    for (const auto& item : std::as_const(all))
        box->addItem(item.first, item.second);
    box->setCurrentIndex(std::max(0, box->findData(current)));
}

/// Chooses value in a filter combo, adding it (shown as text) when no alert carries it yet, so a
/// filter set from outside (a link, a saved view) is kept rather than silently dropped.
void selectOrAdd(QComboBox* box, const QString& value, const QString& text)
{
    int index = box->findData(value);
    if (index < 0 && !value.isEmpty()) {
        box->addItem(text, value);
        index = box->count() - 1;
    }
    box->setCurrentIndex(std::max(0, index));
}

} // namespace

AlertBoardView::Permissions AlertBoardView::permissionsFor(
    const QString& role, const QStringList& units, const QString& category, const QString& unit)
{
    Permissions p;
    const bool clinical = category == u"clinical";
    if (role == u"admin") {
        p.acknowledge = p.resolve = p.escalate = p.silence = true;
    } else if (role == u"support") {
        // Support owns operational alerts; a clinical one they may resolve or escalate, but only a
        // nurse of the unit (or an admin) takes it on (ops API 4.19).
        p.acknowledge = !clinical;
        p.resolve = p.escalate = true;
        p.silence = true;
    } else if (role == u"nurse") {
        bool ownUnit = false;
        for (const QString& u : units)
            ownUnit = ownUnit || (!unit.isEmpty() && u.compare(unit, Qt::CaseInsensitive) == 0);
        p.acknowledge = p.resolve = p.escalate = clinical && ownUnit;
    }
    return p;
}

AlertBoardView::AlertBoardView(NodeFleet* fleet, QWidget* parent)
    : QWidget(parent)
    , m_fleet(fleet)
    , m_clock([] { return QDateTime::currentMSecsSinceEpoch(); })
{
    m_proxy = new AlertFilterProxy(this);
    m_delegate = new AlertCardDelegate(this);
    m_delegate->setAsOfLookup([this](const QString& nodeId) -> qint64 {
        NodeSession* session = m_fleet ? m_fleet->session(nodeId) : nullptr;
        return session ? session->lastContactMs() : 0;
    });
    m_delegate->setLevelCountLookup(
        [this](const QString& nodeId, const QString& policy) { return m_levels.value(nodeId).value(policy); });
    buildUi();

    m_tick = new QTimer(this);
    m_tick->setInterval(1000);
    connect(m_tick, &QTimer::timeout, this, &AlertBoardView::tick);
    m_tick->start();

    if (m_fleet) {
        setModel(m_fleet->alerts());
        const QList<NodeSession*> sessions = m_fleet->sessions();
        for (NodeSession* session : sessions)
            attachSession(session);
        connect(m_fleet, &NodeFleet::sessionAdded, this, &AlertBoardView::attachSession);
        connect(m_fleet, &NodeFleet::sessionRemoved, this, [this] {
            scheduleFilterChoices();
            updatePanel();
        });
    }
    updateEmptyState();
    updatePanel();
}

AlertBoardView::~AlertBoardView() = default;

void AlertBoardView::buildUi()
{
    // Filter bar, first row: severity toggles (icon and word), state, category.
    auto* severityRow = new QHBoxLayout;
    auto* showLabel = new QLabel(tr("Show:"), this);
    severityRow->addWidget(showLabel);
    for (const QString& severity : kSeverities) {
        auto* button = new QToolButton(this);
        button->setText(AlertWording::severityName(severity));
        button->setIcon(SeverityLook::icon(severity));
        button->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
        button->setCheckable(true);
        button->setChecked(true);
        button->setMinimumHeight(36);
        button->setAccessibleName(tr("Show %1 alerts").arg(AlertWording::severityName(severity)));
        connect(button, &QToolButton::toggled, this, [this] {
            QStringList shown;
            for (const QString& s : kSeverities) {
                if (m_severityButtons.value(s)->isChecked())
                    shown << s;
            }
            // All four: no filter. None: show nothing, and the empty state says why.
            m_proxy->setSeverities(shown.size() == kSeverities.size() ? QStringList()
                    : shown.isEmpty()                                 ? QStringList { u"none"_s }
                                                                      : shown);
            updateEmptyState();
        });
        m_severityButtons.insert(severity, button);
        severityRow->addWidget(button);
    }
    severityRow->addSpacing(12);
    m_stateBox = new QComboBox(this);
    m_stateBox->addItem(tr("All active alerts"), QString());
    m_stateBox->addItem(tr("Needs action (not acknowledged)"), AlertFilterProxy::NeedsAction.toString());
    m_stateBox->addItem(tr("Acknowledged"), u"acknowledged"_s);
    m_stateBox->addItem(tr("Silenced"), u"suppressed"_s);
    m_stateBox->setAccessibleName(tr("State"));
    connect(m_stateBox, &QComboBox::currentIndexChanged, this, &AlertBoardView::applyStateBox);
    auto* stateLabel = new QLabel(tr("&State:"), this);
    stateLabel->setBuddy(m_stateBox);
    severityRow->addWidget(stateLabel);
    severityRow->addWidget(m_stateBox);
    m_categoryBox = new QComboBox(this);
    m_categoryBox->addItem(tr("Clinical and operational"), QString());
    m_categoryBox->addItem(AlertWording::categoryName(u"clinical"_s), u"clinical"_s);
    m_categoryBox->addItem(AlertWording::categoryName(u"operational"_s), u"operational"_s);
    m_categoryBox->setAccessibleName(tr("Category"));
    connect(m_categoryBox, &QComboBox::currentIndexChanged, this, [this] {
        m_proxy->setCategory(m_categoryBox->currentData().toString());
        updateEmptyState();
    });
    severityRow->addWidget(m_categoryBox);
    severityRow->addStretch(1);

    // Second row: unit, team, node, age.
    auto* whereRow = new QHBoxLayout;
    auto addBox = [this, whereRow](const QString& label, const QString& accessible, QComboBox* box) {
        auto* l = new QLabel(label, this);
        l->setBuddy(box);
        box->setAccessibleName(accessible);
        box->setSizeAdjustPolicy(QComboBox::AdjustToContents);
        box->setMinimumHeight(32);
        whereRow->addWidget(l);
        whereRow->addWidget(box);
    };
    // A text filter: "every …" first, then the values alerts carry; the choice goes to one proxy setter.
    auto addTextFilter = [this, &addBox](const QString& everyText, const QString& label,
                             const QString& accessible, void (AlertFilterProxy::*apply)(const QString&)) {
        auto* box = new QComboBox(this);
        box->addItem(everyText, QString());
        addBox(label, accessible, box);
        connect(box, &QComboBox::currentIndexChanged, this, [this, box, apply] {
            (m_proxy->*apply)(box->currentData().toString());
            updateEmptyState();
        });
        return box;
    };
    m_unitBox = addTextFilter(tr("Every unit"), tr("&Unit:"), tr("Unit"), &AlertFilterProxy::setUnit);
    m_teamBox = addTextFilter(tr("Every team"), tr("&Team:"), tr("Team"), &AlertFilterProxy::setTeam);
    m_nodeBox = addTextFilter(tr("Every node"), tr("N&ode:"), tr("Node"), &AlertFilterProxy::setNodeId);
    m_timeBox = new QComboBox(this);
    m_timeBox->addItem(tr("Any time"), 0);
    m_timeBox->addItem(tr("Last 15 min"), 15);
    m_timeBox->addItem(tr("Last hour"), 60);
    m_timeBox->addItem(tr("Last 4 h"), 240);
    m_timeBox->addItem(tr("Last 24 h"), 1440);
    addBox(tr("&Raised:"), tr("Raised within"), m_timeBox);
    connect(m_timeBox, &QComboBox::currentIndexChanged, this, [this] {
        m_proxy->setCreatedWithinMs(qint64(m_timeBox->currentData().toInt()) * 60'000);
        updateEmptyState();
    });
    whereRow->addStretch(1);
    m_choicesTimer = new QTimer(this);
    m_choicesTimer->setSingleShot(true);
    m_choicesTimer->setInterval(200);
    connect(m_choicesTimer, &QTimer::timeout, this, &AlertBoardView::updateFilterChoices);

    // The cards.
    m_list = new QListView(this);
    m_list->setModel(m_proxy);
    m_list->setItemDelegate(m_delegate);
    m_list->setUniformItemSizes(true);
    m_list->setSelectionMode(QAbstractItemView::SingleSelection);
    m_list->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    m_list->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_list->setAccessibleName(tr("Open alerts"));
    m_list->setFrameShape(QFrame::NoFrame);
    m_list->installEventFilter(this);
    connect(m_list->selectionModel(), &QItemSelectionModel::currentChanged, this, &AlertBoardView::onCurrentChanged);

    auto* empty = new QWidget(this);
    m_emptyTitle = new QLabel(empty);
    m_emptyTitle->setObjectName(u"emptyStateTitle"_s);
    m_emptyTitle->setAlignment(Qt::AlignCenter);
    m_emptyText = new QLabel(empty);
    m_emptyText->setObjectName(u"emptyStateText"_s);
    m_emptyText->setAlignment(Qt::AlignCenter);
    m_emptyText->setWordWrap(true);
    m_clearFilters = new QPushButton(tr("&Clear filters"), empty);
    m_clearFilters->setMinimumHeight(kButtonHeight);
    connect(m_clearFilters, &QPushButton::clicked, this, &AlertBoardView::clearFilters);
    auto* emptyLayout = new QVBoxLayout(empty);
    emptyLayout->addStretch(1);
    emptyLayout->addWidget(m_emptyTitle);
    emptyLayout->addWidget(m_emptyText);
    emptyLayout->addWidget(m_clearFilters, 0, Qt::AlignHCenter);
    emptyLayout->addStretch(2);

    m_stack = new QStackedWidget(this);
    m_stack->addWidget(m_list);
    m_stack->addWidget(empty);

    // The panel of the selected card.
    auto* panel = new QWidget(this);
    m_panelHeadline = new QLabel(panel);
    m_panelHeadline->setWordWrap(true);
    m_panelHeadline->setTextFormat(Qt::PlainText);
    m_panelHeadline->setTextInteractionFlags(Qt::TextSelectableByMouse);
    {
        QFont f = m_panelHeadline->font();
        f.setBold(true);
        f.setPointSizeF(f.pointSizeF() * 1.3);
        m_panelHeadline->setFont(f);
    }
    m_panelIcon = new QLabel(panel);
    m_panelSeverity = new QLabel(panel);
    m_panelSeverity->setTextFormat(Qt::PlainText);
    m_panelSeverity->setWordWrap(true);
    m_panelFacts = new QLabel(panel);
    m_panelFacts->setWordWrap(true);
    m_panelFacts->setTextFormat(Qt::PlainText);
    m_panelFacts->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* evidenceTitle = new QLabel(tr("Evidence"), panel);
    {
        QFont f = evidenceTitle->font();
        f.setBold(true);
        evidenceTitle->setFont(f);
    }
    m_panelEvidence = new QLabel(panel);
    m_panelEvidence->setWordWrap(true);
    m_panelEvidence->setTextFormat(Qt::PlainText);
    m_panelEvidence->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_panelEscalation = new QLabel(panel);
    m_panelEscalation->setWordWrap(true);
    m_panelEscalation->setTextFormat(Qt::PlainText);
    m_panelRole = new QLabel(panel);
    m_panelRole->setWordWrap(true);
    m_panelRole->setTextFormat(Qt::PlainText);
    m_panelRole->setObjectName(u"emptyStateText"_s);

    m_note = new QLineEdit(panel);
    m_note->setPlaceholderText(tr("Note (optional)"));
    m_note->setAccessibleName(tr("Acknowledgement note"));
    m_note->setMaxLength(2000);
    m_note->setMinimumHeight(kButtonHeight);
    connect(m_note, &QLineEdit::returnPressed, this, &AlertBoardView::acknowledgeSelected);
    m_ackButton = new QPushButton(tr("&Acknowledge"), panel);
    m_ackButton->setToolTip(tr("Take this alert on: escalation stops (key A)"));
    m_resolveButton = new QPushButton(tr("&Resolve\u2026"), panel);
    m_resolveButton->setToolTip(tr("Close the alert with what happened (key R)"));
    m_escalateButton = new QPushButton(tr("&Escalate now"), panel);
    m_escalateButton->setToolTip(tr("Page the next level now (key E)"));
    m_silenceButton = new QPushButton(tr("&Silence\u2026"), panel);
    m_silenceButton->setToolTip(tr("Stop paging for alerts like this one for a while"));
    m_traceButton = new QPushButton(tr("Open &trace"), panel);
    m_traceButton->setToolTip(tr("The message behind this alert, every stage on every node"));
    for (QPushButton* b : { m_ackButton, m_resolveButton, m_escalateButton, m_silenceButton, m_traceButton }) {
        b->setMinimumHeight(kButtonHeight);
        b->setAutoDefault(false);
    }
    {
        QFont f = m_ackButton->font();
        f.setBold(true);
        m_ackButton->setFont(f);
    }
    connect(m_ackButton, &QPushButton::clicked, this, &AlertBoardView::acknowledgeSelected);
    connect(m_resolveButton, &QPushButton::clicked, this, &AlertBoardView::resolveSelected);
    connect(m_escalateButton, &QPushButton::clicked, this, &AlertBoardView::escalateSelected);
    connect(m_silenceButton, &QPushButton::clicked, this, &AlertBoardView::silenceSelected);
    connect(m_traceButton, &QPushButton::clicked, this, &AlertBoardView::openTraceOfSelected);

    m_outcome = new QLabel(panel);
    m_outcome->setWordWrap(true);
    m_outcome->setTextFormat(Qt::PlainText);
    m_outcome->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_outcome->setAccessibleName(tr("Outcome of the last action"));

    auto* ackRow = new QHBoxLayout;
    ackRow->addWidget(m_note, 1);
    ackRow->addWidget(m_ackButton);
    auto* buttons = new QGridLayout;
    buttons->addWidget(m_resolveButton, 0, 0);
    buttons->addWidget(m_escalateButton, 0, 1);
    buttons->addWidget(m_silenceButton, 1, 0);
    buttons->addWidget(m_traceButton, 1, 1);
    auto* keys = new QLabel(
        tr("Keys on the list: A acknowledge \u00b7 R resolve \u00b7 E escalate \u00b7 arrows move"), panel);
    keys->setObjectName(u"emptyStateText"_s);
    keys->setWordWrap(true);

    auto* details = new QWidget(panel);
    auto* detailsLayout = new QVBoxLayout(details);
    detailsLayout->setContentsMargins(0, 0, 0, 0);
    auto* severityLine = new QHBoxLayout;
    severityLine->addWidget(m_panelIcon);
    severityLine->addWidget(m_panelSeverity, 1);
    detailsLayout->addLayout(severityLine);
    detailsLayout->addWidget(m_panelHeadline);
    detailsLayout->addWidget(m_panelFacts);
    detailsLayout->addWidget(evidenceTitle);
    detailsLayout->addWidget(m_panelEvidence);
    detailsLayout->addWidget(m_panelEscalation);
    detailsLayout->addSpacing(8);
    detailsLayout->addWidget(m_panelRole);
    detailsLayout->addLayout(ackRow);
    detailsLayout->addLayout(buttons);
    detailsLayout->addWidget(keys);
    detailsLayout->addStretch(1);

    auto* nothing = new QLabel(tr("Select an alert to see its evidence and act on it."), panel);
    nothing->setObjectName(u"emptyStateText"_s);
    nothing->setWordWrap(true);
    nothing->setAlignment(Qt::AlignCenter);
    m_panelStack = new QStackedWidget(panel);
    m_panelStack->addWidget(nothing);
    m_panelStack->addWidget(details);

    auto* panelLayout = new QVBoxLayout(panel);
    panelLayout->addWidget(m_panelStack, 1);
    panelLayout->addWidget(m_outcome);

    auto* scroll = new QScrollArea(this);
    scroll->setWidget(panel);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setMinimumWidth(320);

    auto* splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(m_stack);
    splitter->addWidget(scroll);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(severityRow);
    layout->addLayout(whereRow);
    layout->addWidget(splitter, 1);
}

void AlertBoardView::setModel(AlertBoardModel* model)
{
    if (m_model == model)
        return;
    if (m_model)
        disconnect(m_model, nullptr, this, nullptr);
    m_model = model;
    m_proxy->setSourceModel(model);
    if (model) {
        connect(model, &QAbstractItemModel::rowsInserted, this,
            [this](const QModelIndex&, int first, int last) { onRowsInserted(first, last); });
        connect(model, &QAbstractItemModel::rowsRemoved, this, [this] {
            scheduleFilterChoices();
            updateEmptyState();
        });
        connect(model, &QAbstractItemModel::modelReset, this, [this] {
            scheduleFilterChoices();
            updateEmptyState();
        });
        connect(model, &QAbstractItemModel::dataChanged, this,
            [this](const QModelIndex& topLeft, const QModelIndex& bottomRight) {
                const int row = currentSourceRow();
                if (row >= topLeft.row() && row <= bottomRight.row())
                    updatePanel();
                updateEmptyState();
            });
    }
    scheduleFilterChoices();
    updateEmptyState();
    updatePanel();
}

void AlertBoardView::setNodeAccess(
    const QString& nodeId, const QString& userName, const QString& role, const QStringList& units, ActionQueue* actions)
{
    Access a;
    a.user = userName;
    a.role = role;
    a.units = units;
    a.actions = actions;
    a.known = true;
    m_access.insert(nodeId, a);
    if (actions)
        watchQueue(actions);
    updatePanel();
}

void AlertBoardView::setClock(std::function<qint64()> clock)
{
    m_clock = clock ? std::move(clock) : [] { return QDateTime::currentMSecsSinceEpoch(); };
    m_delegate->setClock(m_clock);
    m_proxy->setClock(m_clock);
    m_list->viewport()->update();
    updatePanel();
}

void AlertBoardView::attachSession(NodeSession* session)
{
    if (!session)
        return;
    watchQueue(session->actions());
    connect(session, &NodeSession::userChanged, this, [this] {
        scheduleFilterChoices(); // a nurse's own units
        updatePanel();
    });
    connect(session, &NodeSession::liveChanged, this, [this, session](bool live) {
        if (live)
            loadRules(session);
        updatePanel();
    });
    loadRules(session);
    scheduleFilterChoices();
}

void AlertBoardView::watchQueue(ActionQueue* queue)
{
    if (!queue)
        return;
    for (const QPointer<ActionQueue>& q : std::as_const(m_queues)) {
        if (q == queue)
            return;
    }
    m_queues.append(queue);
    connect(queue, &ActionQueue::actionChanged, this, &AlertBoardView::onActionChanged);
}

void AlertBoardView::loadRules(NodeSession* session)
{
    // The number of levels of each escalation policy, for "level 2 of 3".
    const QString nodeId = session->nodeId();
    session->fetchJson(u"/api/v1/alert-rules"_s, u"alert-rules"_s, this,
        [this, nodeId](const QJsonObject& json, qint64, const QString&) {
            const QJsonArray policies = json.value(u"policies").toArray();
            if (policies.isEmpty())
                return;
            QHash<QString, int> levels;
            for (const QJsonValue& p : policies) {
                const QJsonObject policy = p.toObject();
                levels.insert(policy.value(u"name").toString(), int(policy.value(u"levels").toArray().size()));
            }
            m_levels.insert(nodeId, levels);
            m_list->viewport()->update();
            updatePanel();
        });
}

AlertBoardView::Permissions AlertBoardView::permissionsOn(const QString& nodeId, const QJsonObject& alert) const
{
    const Access access = accessFor(nodeId);
    return permissionsFor(
        access.role, access.units, alert.value(u"category").toString(), alert.value(u"unit").toString());
}

bool AlertBoardView::refuseAcknowledge(const QJsonObject& alert)
{
    if (refuseUnless(permissionsOn(m_currentNode, alert).acknowledge, tr("Your role cannot acknowledge this alert.")))
        return true;
    return refuseUnless(stateAllowsAcknowledge(alert.value(u"state").toString()),
        tr("This alert cannot be acknowledged now: it is %1.")
            .arg(AlertWording::stateName(alert.value(u"state").toString()).toLower()));
}

AlertBoardView::Access AlertBoardView::accessFor(const QString& nodeId) const
{
    if (m_access.contains(nodeId))
        return m_access.value(nodeId);
    Access a;
    NodeSession* session = m_fleet ? m_fleet->session(nodeId) : nullptr;
    if (!session)
        return a;
    a.user = session->userName();
    a.role = session->roleName();
    a.units = session->units();
    a.actions = session->actions();
    a.known = !a.role.isEmpty();
    return a;
}

QString AlertBoardView::nodeName(const QString& nodeId) const
{
    if (m_fleet) {
        if (NodeSession* session = m_fleet->session(nodeId))
            return session->profile().displayName.isEmpty() ? nodeId : session->profile().displayName;
    }
    if (m_model) {
        for (int row = 0; row < m_model->rowCount(); ++row) {
            const QModelIndex i = m_model->index(row);
            if (i.data(AlertBoardModel::NodeIdRole).toString() == nodeId)
                return i.data(AlertBoardModel::NodeNameRole).toString();
        }
    }
    return nodeId;
}

int AlertBoardView::currentSourceRow() const
{
    if (!m_model || m_currentNode.isEmpty())
        return -1;
    return m_model->rowOf(m_currentNode, m_currentId);
}

QJsonObject AlertBoardView::currentAlert() const
{
    return m_model ? m_model->alert(currentSourceRow()) : QJsonObject();
}

void AlertBoardView::onCurrentChanged()
{
    const QModelIndex current = m_list->currentIndex();
    const QString node = current.data(AlertBoardModel::NodeIdRole).toString();
    const qint64 id = current.data(AlertBoardModel::AlertIdRole).toLongLong();
    if (node != m_currentNode || id != m_currentId)
        m_note->clear();
    m_currentNode = node;
    m_currentId = id;
    if (current.isValid() && current.data(AlertBoardModel::CategoryRole).toString() == u"clinical"
        && !current.data(AlertBoardModel::AlertJsonRole).toJsonObject().contains(u"patientId"))
        requestDetail(node, id);
    updatePanel();
}

bool AlertBoardView::selectAlert(const QString& nodeId, qint64 alertId)
{
    if (!m_model)
        return false;
    const int row = m_model->rowOf(nodeId, alertId);
    if (row < 0)
        return false;
    const QModelIndex index = m_proxy->mapFromSource(m_model->index(row));
    if (!index.isValid())
        return false;
    m_list->setCurrentIndex(index);
    m_list->scrollTo(index);
    return true;
}

void AlertBoardView::updatePanel()
{
    const int row = currentSourceRow();
    if (row < 0) {
        m_panelStack->setCurrentIndex(0);
        return;
    }
    m_panelStack->setCurrentIndex(1);
    const QModelIndex i = m_model->index(row);
    const qint64 now = m_clock();
    const QJsonObject alert = m_model->alert(row);
    const QString severity = i.data(AlertBoardModel::SeverityRole).toString();
    const AlertCardDelegate::Card card = m_delegate->cardFor(i);

    const int side = fontMetrics().height() * 3 / 2;
    m_panelIcon->setPixmap(SeverityLook::icon(severity).pixmap(side, side));
    m_panelSeverity->setText(tr("%1 \u00b7 %2 \u00b7 %3")
                                 .arg(AlertWording::severityName(severity).toUpper(), card.state,
                                     AlertWording::categoryName(i.data(AlertBoardModel::CategoryRole).toString())));
    m_panelHeadline->setText(AlertWording::headline(alert, now));

    QStringList facts;
    if (!card.patient.isEmpty())
        facts << card.patient;
    const QString unit = i.data(AlertBoardModel::UnitRole).toString();
    const QString team = i.data(AlertBoardModel::TeamRole).toString();
    if (!unit.isEmpty())
        facts << tr("Unit: %1").arg(unit);
    if (!team.isEmpty())
        facts << tr("Team: %1").arg(team);
    facts << tr("Node: %1").arg(i.data(AlertBoardModel::NodeNameRole).toString());
    const qint64 created = i.data(AlertBoardModel::CreatedAtMsRole).toLongLong();
    if (created > 0)
        facts
            << tr("Raised at %1 (%2)").arg(AlertWording::clockText(created, now), AlertWording::ageText(created, now));
    const QString ackBy = i.data(AlertBoardModel::AcknowledgedByRole).toString();
    if (!ackBy.isEmpty()) {
        const QString note = i.data(AlertBoardModel::AcknowledgeNoteRole).toString();
        facts << (note.isEmpty() ? tr("Acknowledged by %1").arg(ackBy)
                                 : tr("Acknowledged by %1: \u201c%2\u201d").arg(ackBy, note));
    }
    const int count = i.data(AlertBoardModel::CountRole).toInt();
    if (count > 1)
        facts << tr("Raised %1 times (same patient and test)").arg(count);
    const int groupSize = i.data(AlertBoardModel::GroupSizeRole).toInt();
    if (groupSize > 1)
        facts << tr("%1 related alerts open").arg(groupSize);
    if (!card.badge.isEmpty())
        facts << card.badge;
    m_panelFacts->setText(facts.join(u'\n'));

    QStringList evidence = AlertWording::evidenceDetails(i.data(AlertBoardModel::EvidenceRole).toJsonObject());
    const QString title = i.data(AlertBoardModel::TitleRole).toString();
    if (!title.isEmpty())
        evidence << tr("The node says: %1").arg(title);
    m_panelEvidence->setText(evidence.join(u'\n'));
    m_panelEscalation->setText(card.escalation.isEmpty() ? QString() : tr("Escalation: %1").arg(card.escalation));
    updateButtons();
}

void AlertBoardView::updateButtons()
{
    const int row = currentSourceRow();
    if (row < 0)
        return;
    const QModelIndex i = m_model->index(row);
    const QString state = i.data(AlertBoardModel::StateRole).toString();
    const QString category = i.data(AlertBoardModel::CategoryRole).toString();
    const QString unit = i.data(AlertBoardModel::UnitRole).toString();
    const QString pending = i.data(AlertBoardModel::PendingActionRole).toString();
    const Access access = accessFor(m_currentNode);
    const Permissions p = permissionsFor(access.role, access.units, category, unit);
    const bool canSubmit = !access.actions.isNull();

    m_ackButton->setVisible(p.acknowledge);
    m_note->setVisible(p.acknowledge);
    m_resolveButton->setVisible(p.resolve);
    m_escalateButton->setVisible(p.escalate);
    m_silenceButton->setVisible(p.silence);
    m_traceButton->setEnabled(!i.data(AlertBoardModel::CorrelationIdsRole).toStringList().isEmpty());

    const bool ackState = stateAllowsAcknowledge(state);
    m_ackButton->setEnabled(canSubmit && ackState && pending != u"alert-acknowledge");
    m_note->setEnabled(m_ackButton->isEnabled());
    m_ackButton->setToolTip(pending == u"alert-acknowledge" ? tr("An acknowledgement is already pending")
            : state == u"acknowledged"
            ? tr("Already acknowledged by %1").arg(i.data(AlertBoardModel::AcknowledgedByRole).toString())
            : state == u"suppressed" ? tr("Silenced: nobody was paged, so there is nothing to "
                                          "take on; resolve it instead")
                                     : tr("Take this alert on: escalation stops (key A)"));
    m_resolveButton->setEnabled(canSubmit && pending != u"alert-resolve");
    m_escalateButton->setEnabled(canSubmit && stateAllowsEscalate(state) && pending != u"alert-escalate");
    m_escalateButton->setToolTip(
        state == u"suppressed" ? tr("Silenced alerts are not escalated") : tr("Page the next level now (key E)"));
    m_silenceButton->setEnabled(canSubmit);

    const QString node = i.data(AlertBoardModel::NodeNameRole).toString();
    QString role;
    if (!access.known) {
        role = tr("Not signed in to %1: sign in to act on this alert.").arg(node);
    } else {
        const QString who = access.units.isEmpty()
            ? tr("%1 (%2)", "user (role)").arg(access.user, access.role)
            : tr("%1 (%2 of %3)", "user (role of units)").arg(access.user, access.role, access.units.join(u", "_s));
        role = tr("Signed in to %1 as %2.").arg(node, who);
        if (!p.acknowledge && !p.resolve && !p.escalate)
            role += u' '
                + (category == u"clinical" ? tr("Clinical alerts are handled by the nurses of their unit.")
                                           : tr("Operational alerts are handled by support."));
        else if (!p.acknowledge && category == u"clinical")
            role += u' ' + tr("A nurse of %1 acknowledges this alert; you can resolve or escalate it.").arg(unit);
    }
    m_panelRole->setText(role);
}

void AlertBoardView::onRowsInserted(int first, int last)
{
    scheduleFilterChoices();
    updateEmptyState();
    // The stream never carries the patient: ask the node for new clinical alerts' detail, a few at a
    // time, so their cards name the patient as the role allows.
    for (int row = first; row <= last && m_detailQueue.size() < kMaxDetailQueue; ++row) {
        const QModelIndex i = m_model->index(row);
        if (i.data(AlertBoardModel::CategoryRole).toString() != u"clinical"
            || i.data(AlertBoardModel::AlertJsonRole).toJsonObject().contains(u"patientId"))
            continue;
        m_detailQueue.append(
            { i.data(AlertBoardModel::NodeIdRole).toString(), i.data(AlertBoardModel::AlertIdRole).toLongLong() });
    }
    pumpDetails();
    if (m_currentNode.isEmpty() && m_proxy->rowCount() > 0 && !m_list->currentIndex().isValid())
        m_list->setCurrentIndex(m_proxy->index(0, 0));
}

void AlertBoardView::pumpDetails()
{
    while (m_detailsInFlight < kMaxDetailsInFlight && !m_detailQueue.isEmpty()) {
        const auto [nodeId, alertId] = m_detailQueue.takeFirst();
        const int row = m_model ? m_model->rowOf(nodeId, alertId) : -1;
        // Gone from the board, or the patient arrived meanwhile (a list reload): nothing to ask.
        if (row < 0 || m_model->alert(row).contains(u"patientId"))
            continue;
        requestDetail(nodeId, alertId);
    }
}

void AlertBoardView::requestDetail(const QString& nodeId, qint64 alertId)
{
    NodeSession* session = m_fleet ? m_fleet->session(nodeId) : nullptr;
    if (!session || !session->isLive() || alertId <= 0 || !m_model)
        return;
    const QString key = keyOf(nodeId, alertId);
    const qint64 now = m_clock();
    if (m_detailRequested.value(key) > now - kDetailRetryMs)
        return;
    m_detailRequested.insert(key, now);
    ++m_detailsInFlight;
    QPointer<AlertBoardModel> model = m_model;
    session->client()->get(
        u"/api/v1/alerts/%1"_s.arg(alertId), this, [this, model, nodeId, alertId](const OpsReply& reply) {
            --m_detailsInFlight;
            // The model ignores a copy older than what it has, so a late answer cannot undo an event.
            if (model && reply.ok() && reply.json.value(u"id").toInteger() == alertId
                && model->rowOf(nodeId, alertId) >= 0)
                model->upsert(nodeId, reply.json);
            pumpDetails();
        });
}

void AlertBoardView::scheduleFilterChoices()
{
    m_choicesTimer->start();
}

void AlertBoardView::updateFilterChoices()
{
    QMap<QString, QString> units; // lower-case → as shown
    QMap<QString, QString> teams;
    QMap<QString, QString> nodes; // id → name
    if (m_model) {
        for (int row = 0; row < m_model->rowCount(); ++row) {
            const QModelIndex i = m_model->index(row);
            const QString unit = i.data(AlertBoardModel::UnitRole).toString();
            if (!unit.isEmpty())
                units.insert(unit.toLower(), unit);
            const QString team = i.data(AlertBoardModel::TeamRole).toString();
            if (!team.isEmpty())
                teams.insert(team, team);
            nodes.insert(
                i.data(AlertBoardModel::NodeIdRole).toString(), i.data(AlertBoardModel::NodeNameRole).toString());
        }
    }
    if (m_fleet) {
        const QList<NodeSession*> sessions = m_fleet->sessions();
        for (NodeSession* s : sessions) {
            nodes.insert(s->nodeId(), nodeName(s->nodeId()));
            // A nurse's own units are offered even before an alert of theirs arrives.
            const QStringList own = s->units();
            for (const QString& u : own)
                units.insert(u.toLower(), u);
        }
    }
    QList<QPair<QString, QString>> unitItems, teamItems, nodeItems;
    for (const QString& u : std::as_const(units))
        unitItems.append({ u, u });
    for (const QString& t : std::as_const(teams))
        teamItems.append({ t, t });
    for (auto it = nodes.cbegin(); it != nodes.cend(); ++it)
        nodeItems.append({ it.value(), it.key() });
    refill(m_unitBox, tr("Every unit"), unitItems);
    refill(m_teamBox, tr("Every team"), teamItems);
    refill(m_nodeBox, tr("Every node"), nodeItems);
}

void AlertBoardView::applyStateBox()
{
    const QString state = m_stateBox->currentData().toString();
    m_proxy->setStates(state.isEmpty() ? QStringList() : QStringList { state });
    updateEmptyState();
}

void AlertBoardView::setSeverityFilter(const QStringList& severities)
{
    for (const QString& s : kSeverities) {
        QToolButton* b = m_severityButtons.value(s);
        b->setChecked(severities.isEmpty() || severities.contains(s));
    }
}

void AlertBoardView::setStateFilter(const QString& state)
{
    m_stateBox->setCurrentIndex(std::max(0, m_stateBox->findData(state)));
}

void AlertBoardView::setUnitFilter(const QString& unit)
{
    updateFilterChoices();
    selectOrAdd(m_unitBox, unit, unit);
}

void AlertBoardView::setTeamFilter(const QString& team)
{
    updateFilterChoices();
    selectOrAdd(m_teamBox, team, team);
}

void AlertBoardView::setNodeFilter(const QString& nodeId)
{
    updateFilterChoices();
    selectOrAdd(m_nodeBox, nodeId, nodeName(nodeId));
}

void AlertBoardView::setCategoryFilter(const QString& category)
{
    m_categoryBox->setCurrentIndex(std::max(0, m_categoryBox->findData(category)));
}

void AlertBoardView::setCreatedWithinMinutes(int minutes)
{
    int index = m_timeBox->findData(minutes);
    if (index < 0) {
        m_timeBox->addItem(tr("Last %1").arg(AlertWording::durationText(qint64(minutes) * 60'000)), minutes);
        index = m_timeBox->count() - 1;
    }
    m_timeBox->setCurrentIndex(index);
}

void AlertBoardView::clearFilters()
{
    setSeverityFilter({});
    m_stateBox->setCurrentIndex(0);
    m_categoryBox->setCurrentIndex(0);
    m_unitBox->setCurrentIndex(0);
    m_teamBox->setCurrentIndex(0);
    m_nodeBox->setCurrentIndex(0);
    m_timeBox->setCurrentIndex(0);
}

QString AlertBoardView::filterSummary() const
{
    QStringList parts;
    QStringList shown;
    for (const QString& s : kSeverities) {
        if (m_severityButtons.value(s)->isChecked())
            shown << AlertWording::severityName(s);
    }
    if (shown.isEmpty())
        parts << tr("no severity chosen");
    else if (shown.size() == kSeverities.size())
        parts << tr("every severity");
    else
        parts << shown.join(u", "_s);
    const QString state = m_stateBox->currentData().toString();
    if (state.isEmpty())
        parts << tr("every active state");
    else if (state == AlertFilterProxy::NeedsAction)
        parts << tr("needs action");
    else
        parts << AlertWording::stateName(state).toLower();
    if (!m_categoryBox->currentData().toString().isEmpty())
        parts << tr("%1 only").arg(m_categoryBox->currentText().toLower());
    const QString unit = m_unitBox->currentData().toString();
    parts << (unit.isEmpty() ? tr("every unit") : tr("unit %1").arg(unit));
    const QString team = m_teamBox->currentData().toString();
    if (!team.isEmpty())
        parts << tr("team %1").arg(team);
    const QString node = m_nodeBox->currentData().toString();
    parts << (node.isEmpty() ? tr("every node") : tr("node %1").arg(m_nodeBox->currentText()));
    const int minutes = m_timeBox->currentData().toInt();
    parts << (minutes == 0 ? tr("any time")
                           : tr("raised in the last %1").arg(AlertWording::durationText(qint64(minutes) * 60'000)));
    return tr("Showing: %1").arg(parts.join(u" \u00b7 "_s));
}

void AlertBoardView::updateEmptyState()
{
    const int total = m_model ? m_model->rowCount() : 0;
    const int shown = m_proxy->rowCount();
    const bool empty = shown == 0;
    m_stack->setCurrentIndex(empty ? 1 : 0);
    if (empty) {
        if (total == 0) {
            m_emptyTitle->setText(tr("No open alerts"));
            m_emptyText->setText(tr("Nothing is waiting on the nodes you watch. New alerts appear here as they "
                                    "arrive.")
                + u"\n\n" + filterSummary());
        } else {
            m_emptyTitle->setText(tr("No open alerts match these filters"));
            m_emptyText->setText(tr("Open alerts hidden by the filters: %1.").arg(total) + u"\n\n" + filterSummary());
        }
        m_clearFilters->setVisible(m_proxy->isFiltering());
    }
    emit countChanged(shown, total);
}

bool AlertBoardView::isEmptyStateShown() const
{
    return m_stack->currentIndex() == 1;
}

QString AlertBoardView::emptyStateTitle() const
{
    return isEmptyStateShown() ? m_emptyTitle->text() : QString();
}

QString AlertBoardView::emptyStateText() const
{
    return isEmptyStateShown() ? m_emptyText->text() : QString();
}

QString AlertBoardView::outcomeText() const
{
    return m_outcome->text();
}

void AlertBoardView::showOutcome(const QString& text, bool problem)
{
    m_outcome->setText(text);
    QFont f = m_outcome->font();
    f.setBold(problem);
    m_outcome->setFont(f);
}

bool AlertBoardView::refuseUnless(bool allowed, const QString& what)
{
    if (allowed)
        return false;
    showOutcome(what, true);
    return true;
}

void AlertBoardView::focusList()
{
    m_list->setFocus();
    if (!m_list->currentIndex().isValid() && m_proxy->rowCount() > 0)
        m_list->setCurrentIndex(m_proxy->index(0, 0));
}

void AlertBoardView::acknowledgeSelected()
{
    const QJsonObject alert = currentAlert();
    if (alert.isEmpty())
        return;
    if (refuseAcknowledge(alert))
        return;
    QJsonObject body;
    if (!m_note->text().trimmed().isEmpty())
        body.insert(u"note"_s, m_note->text().trimmed());
    submitAlertAction(m_currentNode, alert, u"alert-acknowledge"_s, u"acknowledge"_s, body, QString());
    m_note->clear();
}

void AlertBoardView::acknowledgeWithDialog()
{
    const QJsonObject alert = currentAlert();
    if (alert.isEmpty())
        return;
    if (refuseAcknowledge(alert))
        return;
    const QString nodeId = m_currentNode;
    auto* dialog = new AcknowledgeDialog(AlertWording::headline(alert, m_clock()), nodeName(nodeId), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog, nodeId, alert] {
        QJsonObject body;
        if (!dialog->note().isEmpty())
            body.insert(u"note"_s, dialog->note());
        submitAlertAction(nodeId, alert, u"alert-acknowledge"_s, u"acknowledge"_s, body, QString());
        m_list->setFocus();
    });
    dialog->open();
}

void AlertBoardView::resolveSelected()
{
    const QJsonObject alert = currentAlert();
    if (alert.isEmpty())
        return;
    const Permissions p = permissionsOn(m_currentNode, alert);
    if (refuseUnless(p.resolve, tr("Your role cannot resolve this alert.")))
        return;
    const QString nodeId = m_currentNode;
    auto* dialog = new ResolveDialog(AlertWording::headline(alert, m_clock()), nodeName(nodeId), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog, nodeId, alert] {
        QJsonObject body { { u"disposition"_s, dialog->disposition() } };
        if (!dialog->note().isEmpty())
            body.insert(u"note"_s, dialog->note());
        submitAlertAction(nodeId, alert, u"alert-resolve"_s, u"resolve"_s, body,
            AlertWording::dispositionName(dialog->disposition()));
        m_list->setFocus();
    });
    dialog->open();
}

void AlertBoardView::escalateSelected()
{
    const QJsonObject alert = currentAlert();
    if (alert.isEmpty())
        return;
    const Permissions p = permissionsOn(m_currentNode, alert);
    if (refuseUnless(p.escalate, tr("Your role cannot escalate this alert.")))
        return;
    if (refuseUnless(stateAllowsEscalate(alert.value(u"state").toString()),
            tr("Silenced alerts are not escalated: nobody is paged while the silence lasts.")))
        return;
    const QString nodeId = m_currentNode;
    const qint64 now = m_clock();
    // A stray E must not page a house supervisor: one confirmation, Enter confirms.
    auto* box = new QMessageBox(QMessageBox::Question, tr("Escalate now?"),
        tr("Page the next level for %1 now, without waiting for the timeout?")
            .arg(quoted(AlertWording::headline(alert, now))),
        QMessageBox::Cancel, this);
    QPushButton* escalate = box->addButton(tr("&Escalate now"), QMessageBox::AcceptRole);
    box->setDefaultButton(escalate);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::buttonClicked, this, [this, escalate, nodeId, alert](QAbstractButton* clicked) {
        if (clicked == escalate)
            submitAlertAction(nodeId, alert, u"alert-escalate"_s, u"escalate"_s, QJsonObject(), QString());
        m_list->setFocus();
    });
    box->open();
}

void AlertBoardView::silenceSelected()
{
    const QJsonObject alert = currentAlert();
    if (alert.isEmpty())
        return;
    const QString nodeId = m_currentNode;
    const Permissions p = permissionsOn(nodeId, alert);
    if (refuseUnless(p.silence, tr("Only support and admins create silences.")))
        return;
    auto* dialog = new SilenceDialog(alert, nodeName(nodeId), this);
    dialog->setClock(m_clock);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog, nodeId, alert] {
        const Access access = accessFor(nodeId);
        if (!access.actions) {
            showOutcome(tr("Not connected to %1: the silence was not created.").arg(nodeName(nodeId)), true);
            return;
        }
        ConsoleAction action;
        action.kind = u"silence-create"_s;
        action.method = "POST";
        action.path = u"/api/v1/silences"_s;
        action.body = dialog->body();
        action.target = u"silence"_s;
        action.summary = dialog->summary();
        action.user = access.user;
        const QString key = access.actions->submit(action);
        Followed f;
        f.nodeId = nodeId;
        f.alertId = alert.value(u"id").toInteger();
        f.kind = action.kind;
        f.headline = AlertWording::headline(alert, m_clock());
        f.detail = AlertWording::clockText(dialog->endsAtMs(), m_clock());
        m_followed.insert(key, f);
        action.key = key;
        emit actionSubmitted(nodeId, action);
        if (const auto now = access.actions->action(key))
            onActionChanged(*now);
        m_list->setFocus();
    });
    dialog->open();
}

void AlertBoardView::openTraceOfSelected()
{
    const int row = currentSourceRow();
    if (row < 0)
        return;
    const QStringList ids = m_model->index(row).data(AlertBoardModel::CorrelationIdsRole).toStringList();
    if (ids.isEmpty())
        return;
    // The latest message is what the alert says now (a corrected result follows the first one).
    emit traceRequested(m_currentNode, ids.constLast());
}

void AlertBoardView::submitAlertAction(const QString& nodeId, const QJsonObject& alert, const QString& kind,
    const QString& verb, const QJsonObject& body, const QString& detail)
{
    const Access access = accessFor(nodeId);
    const qint64 id = alert.value(u"id").toInteger();
    const QString headline = AlertWording::headline(alert, m_clock());
    if (!access.actions) {
        showOutcome(tr("Not connected to %1: nothing was sent.").arg(nodeName(nodeId)), true);
        return;
    }
    ConsoleAction action;
    action.kind = kind;
    action.method = "POST";
    action.path = u"/api/v1/alerts/%1/%2"_s.arg(id).arg(verb);
    action.body = body;
    action.target = u"alert:%1"_s.arg(id);
    action.summary = tr("%1: %2", "action: headline").arg(AlertWording::actionName(kind), headline);
    action.user = access.user;
    const QString key = access.actions->submit(action);
    Followed f;
    f.nodeId = nodeId;
    f.alertId = id;
    f.kind = kind;
    f.headline = headline;
    f.detail = detail;
    m_followed.insert(key, f);
    action.key = key;
    emit actionSubmitted(nodeId, action);
    // submit() reports (and, when live, sends) before it returns the key: catch up with it.
    if (const auto now = access.actions->action(key))
        onActionChanged(*now);
}

void AlertBoardView::onActionChanged(const ConsoleAction& action)
{
    const auto it = m_followed.constFind(action.key);
    if (it == m_followed.cend())
        return;
    const Followed f = *it;
    const QString what = quoted(f.headline);
    const QString node = nodeName(f.nodeId);
    const qint64 now = m_clock();
    switch (action.state) {
    case ConsoleAction::State::Pending: {
        const ActionQueue* queue = accessFor(f.nodeId).actions;
        QString text;
        if (action.hold == ConsoleAction::Hold::OtherUser)
            text = tr("PENDING \u2014 %1 of %2 made by %3 is held until %3 signs in to %4 again. It is not done yet.")
                       .arg(AlertWording::actionNoun(f.kind), what, action.user, node);
        else if (action.hold == ConsoleAction::Hold::KeyExpired)
            text = tr("PENDING \u2014 %1 of %2 got no answer from %3 for a day: check the alert, then act again. "
                      "It may not be done.")
                       .arg(AlertWording::actionNoun(f.kind), what, node);
        else if (!queue || !queue->isLive())
            text = tr("PENDING \u2014 %1 of %2 will be sent when %3 is back. It is not done yet.")
                       .arg(AlertWording::actionNoun(f.kind), what, node);
        else if (!action.outcome.isEmpty())
            text = tr("PENDING \u2014 %1 of %2: no answer from %3 yet (%4); it will be sent again.")
                       .arg(AlertWording::actionNoun(f.kind), what, node, action.outcome);
        else
            text = tr("Sending %1 of %2 to %3\u2026").arg(AlertWording::actionNoun(f.kind), what, node);
        showOutcome(text, false);
        break;
    }
    case ConsoleAction::State::Applied: {
        QString text;
        if (f.kind == u"alert-acknowledge")
            text = tr("Acknowledged %1. Escalation stopped.").arg(what);
        else if (f.kind == u"alert-resolve")
            text = tr("Resolved %1 as %2.").arg(what, f.detail);
        else if (f.kind == u"alert-escalate")
            text = tr("Escalated %1 to level %2.").arg(what).arg(action.result.value(u"level").toInt() + 1);
        else if (f.kind == u"silence-create")
            text = tr("Silence created until %1: alerts like %2 page nobody until then.").arg(f.detail, what);
        else
            text = tr("Done: %1.").arg(what);
        showOutcome(text, false);
        m_followed.remove(action.key);
        break;
    }
    case ConsoleAction::State::Refused: {
        QString head;
        if (f.kind == u"alert-acknowledge")
            head = tr("Not acknowledged");
        else if (f.kind == u"alert-resolve")
            head = tr("Not resolved");
        else if (f.kind == u"alert-escalate")
            head = tr("Not escalated");
        else
            head = tr("Silence not created");
        const QString why = action.outcome.isEmpty() ? tr("%1 refused it (HTTP %2).").arg(node).arg(action.httpStatus)
                                                     : AlertWording::nodeWords(action.outcome, now);
        showOutcome(tr("%1: %2 \u2014 %3").arg(head, why, what), true);
        m_followed.remove(action.key);
        break;
    }
    case ConsoleAction::State::Discarded:
        showOutcome(tr("Withdrawn: %1 of %2 was not sent.").arg(AlertWording::actionNoun(f.kind), what), false);
        m_followed.remove(action.key);
        break;
    }
    // Said here, in the panel where the user acted: the outcome has been seen — if the board is
    // the page shown; otherwise the status bar keeps warning about a refusal.
    if (action.isFinished() && isVisible()) {
        if (ActionQueue* queue = accessFor(f.nodeId).actions)
            queue->markSeen(action.key);
    }
    updatePanel();
}

bool AlertBoardView::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_list && event->type() == QEvent::KeyPress) {
        auto* key = static_cast<QKeyEvent*>(event);
        const Qt::KeyboardModifiers mods = key->modifiers() & ~Qt::KeypadModifier;
        if (mods == Qt::NoModifier) {
            switch (key->key()) {
            case Qt::Key_A:
                acknowledgeWithDialog();
                return true;
            case Qt::Key_R:
                resolveSelected();
                return true;
            case Qt::Key_E:
                escalateSelected();
                return true;
            default:
                break;
            }
        }
    }
    return QWidget::eventFilter(watched, event);
}

void AlertBoardView::tick()
{
    // Ages and countdowns move every second; the time window every minute.
    if (isVisible())
        m_list->viewport()->update();
    if (++m_ticks % 60 == 0)
        m_proxy->refreshTimeWindow();
    if (isVisible() && currentSourceRow() >= 0) {
        const QString escalation = m_delegate->cardFor(m_model->index(currentSourceRow())).escalation;
        m_panelEscalation->setText(escalation.isEmpty() ? QString() : tr("Escalation: %1").arg(escalation));
    }
}
