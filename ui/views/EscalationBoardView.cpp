#include "models/console/AlertWording.h"
#include "ui/style/SeverityLook.h"
#include "ui/views/EscalationBoardView.h"

#include "models/console/AlertBoardModel.h"
#include "models/console/EscalationQueueModel.h"
#include "ui/session/NodeFleet.h"
#include "ui/session/NodeSession.h"
#include "ui/views/AlertHistoryPane.h"
#include "ui/views/EscalationText.h"

#include <QApplication>
#include <QHeaderView>
#include <QIdentityProxyModel>
#include <QJsonArray>
#include <QLabel>
#include <QPalette>
#include <QPointer>
#include <QSplitter>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace {

/// Words, icons and colours for the queue's semantic roles (models stay free of them).
class BoardLook : public QIdentityProxyModel
{
public:
    BoardLook(NodeFleet* fleet, QObject* parent)
        : QIdentityProxyModel(parent)
        , m_fleet(fleet)
    {
    }

    QVariant data(const QModelIndex& index, int role) const override
    {
        const QModelIndex src = mapToSource(index);
        const int column = index.column();
        const bool overdue = src.data(EscalationQueueModel::OverdueRole).toBool();
        switch (role) {
        case Qt::DisplayRole:
        case Qt::AccessibleTextRole:
            return text(src, column, overdue);
        case Qt::DecorationRole:
            if (column == EscalationQueueModel::WhenColumn && overdue)
                return EscalationText::overdueIcon();
            if (column == EscalationQueueModel::SeverityColumn)
                return SeverityLook::icon(src.data(AlertBoardModel::SeverityRole).toString());
            return {};
        case Qt::ForegroundRole:
            if (column == EscalationQueueModel::WhenColumn && overdue)
                return QApplication::palette().color(QPalette::BrightText);
            return {};
        case Qt::FontRole:
            if (column == EscalationQueueModel::WhenColumn) {
                QFont font;
                font.setBold(true);
                font.setPointSizeF(font.pointSizeF() * 1.1);
                return font;
            }
            return {};
        case Qt::ToolTipRole:
            return tooltip(src, column);
        default:
            return QIdentityProxyModel::data(index, role);
        }
    }

private:
    QString text(const QModelIndex& src, int column, bool overdue) const
    {
        Q_UNUSED(overdue)
        switch (column) {
        case EscalationQueueModel::WhenColumn:
            return EscalationText::countdown(src.data(EscalationQueueModel::CountdownMsRole).toLongLong());
        case EscalationQueueModel::SeverityColumn:
            return AlertWording::severityName(src.data(AlertBoardModel::SeverityRole).toString());
        case EscalationQueueModel::NodeColumn: {
            const QString name = src.data(AlertBoardModel::NodeNameRole).toString();
            if (!src.data(AlertBoardModel::CachedRole).toBool())
                return name;
            NodeSession* session = m_fleet ? m_fleet->session(src.data(AlertBoardModel::NodeIdRole).toString())
                                            : nullptr;
            const qint64 asOf = session ? session->lastContactMs() : 0;
            return asOf > 0 ? QApplication::translate("EscalationBoardView", "%1 — offline, as of %2")
                                  .arg(name, EscalationText::time(asOf))
                            : QApplication::translate("EscalationBoardView", "%1 — offline").arg(name);
        }
        case EscalationQueueModel::UnitColumn:
            return src.data(AlertBoardModel::UnitRole).toString();
        case EscalationQueueModel::AlertColumn: {
            // The queue model's plain words ("Critical sodium 112 mmol/L (LL) — ED").
            QString title = src.sibling(src.row(), EscalationQueueModel::AlertColumn).data().toString();
            const QString pending = src.data(AlertBoardModel::PendingActionRole).toString();
            // Held while offline: say so, never show it as done.
            if (pending == u"alert-acknowledge")
                title += u"  " + QApplication::translate("EscalationBoardView", "(acknowledgement pending — not confirmed by the node)");
            else if (!pending.isEmpty())
                title += u"  " + QApplication::translate("EscalationBoardView", "(action pending — not confirmed by the node)");
            return title;
        }
        case EscalationQueueModel::NextColumn:
            return next(src);
        default:
            return {};
        }
    }

    QString next(const QModelIndex& src) const
    {
        const QString unit = src.data(AlertBoardModel::UnitRole).toString();
        if (!src.data(EscalationQueueModel::PolicyKnownRole).toBool()) {
            const QString policy = src.data(AlertBoardModel::PolicyRole).toString();
            return policy.isEmpty() ? QApplication::translate("EscalationBoardView", "the next level")
                                    : QApplication::translate("EscalationBoardView", "per policy %1").arg(policy);
        }
        const int level = src.data(EscalationQueueModel::NextLevelRole).toInt();
        const QString whom = EscalationText::recipients(src.data(EscalationQueueModel::NextRecipientsRole).toStringList(), unit);
        if (src.data(EscalationQueueModel::NextIsRepeatRole).toBool())
            return QApplication::translate("EscalationBoardView", "%1 again: %2", "<level> again: <recipients>")
                .arg(EscalationText::level(level), whom);
        return QApplication::translate("EscalationBoardView", "%1: %2", "<level>: <recipients>")
            .arg(EscalationText::level(level), whom);
    }

    QVariant tooltip(const QModelIndex& src, int column) const
    {
        if (column == EscalationQueueModel::WhenColumn) {
            const qint64 at = src.data(AlertBoardModel::NextEscalationAtMsRole).toLongLong();
            return QApplication::translate("EscalationBoardView", "Escalates at %1 unless someone acknowledges it; now at %2")
                .arg(EscalationText::time(at), EscalationText::level(src.data(AlertBoardModel::LevelRole).toInt()));
        }
        if (column == EscalationQueueModel::NextColumn && src.data(EscalationQueueModel::PolicyKnownRole).toBool()) {
            // A plain variable: Qt 6.4's lupdate hangs on an expression as the plural count.
            const int seconds = src.data(EscalationQueueModel::AckTimeoutSecondsRole).toInt();
            return QApplication::translate("EscalationBoardView",
                                           "Policy %1: that level waits %n second(s) for an acknowledgement", nullptr,
                                           seconds)
                .arg(src.data(AlertBoardModel::PolicyRole).toString());
        }
        return {};
    }

    QPointer<NodeFleet> m_fleet;
};

bool hasPendingNotification(const QJsonObject& alert)
{
    const QJsonArray notifications = alert.value(u"notifications").toArray();
    return std::any_of(notifications.begin(), notifications.end(), [](const QJsonValue& n) {
        return n.toObject().value(u"state").toString() == u"pending";
    });
}

} // namespace

EscalationBoardView::EscalationBoardView(NodeFleet* fleet, QWidget* parent)
    : QWidget(parent)
    , m_fleet(fleet)
    , m_queue(new EscalationQueueModel(fleet ? fleet->alerts() : nullptr, this))
{
    auto* look = new BoardLook(fleet, this);
    look->setSourceModel(m_queue);

    auto* title = new QLabel(tr("What escalates next"), this);
    title->setObjectName(u"emptyStateTitle"_s);
    m_summary = new QLabel(this);
    m_summary->setObjectName(u"escalationSummary"_s);
    m_summary->setWordWrap(true);
    m_summary->setTextFormat(Qt::PlainText);

    m_table = new QTableView(this);
    m_table->setModel(look);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->setAccessibleName(tr("Alerts that will escalate, soonest first"));
    m_table->setIconSize(QSize(20, 20));
    // Touch-friendly rows of one fixed height: no per-row measuring (STYLE.md 2.1.5).
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->setDefaultSectionSize(std::max(40, m_table->fontMetrics().height() * 2 + 4));
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    m_table->horizontalHeader()->setStretchLastSection(true);
    const int charWidth = m_table->fontMetrics().horizontalAdvance(u"0"_s);
    m_table->setColumnWidth(EscalationQueueModel::WhenColumn, charWidth * 18);
    m_table->setColumnWidth(EscalationQueueModel::SeverityColumn, charWidth * 12);
    m_table->setColumnWidth(EscalationQueueModel::NodeColumn, charWidth * 16);
    m_table->setColumnWidth(EscalationQueueModel::UnitColumn, charWidth * 9);
    m_table->setColumnWidth(EscalationQueueModel::AlertColumn, charWidth * 44);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex& current) { onCurrentChanged(current); });
    connect(m_table, &QAbstractItemView::activated, this, [this](const QModelIndex& index) {
        emit alertActivated(index.data(AlertBoardModel::NodeIdRole).toString(),
                            index.data(AlertBoardModel::AlertIdRole).toLongLong());
    });

    m_history = new AlertHistoryPane(this);
    connect(m_history, &AlertHistoryPane::reloadRequested, this, &EscalationBoardView::loadHistory);

    auto* top = new QWidget(this);
    auto* topLayout = new QVBoxLayout(top);
    topLayout->setContentsMargins(0, 0, 0, 0);
    topLayout->addWidget(title);
    topLayout->addWidget(m_summary);
    topLayout->addWidget(m_table, 1);

    auto* splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(top);
    splitter->addWidget(m_history);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(splitter);

    for (const auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
        connect(m_queue, signal, this, &EscalationBoardView::updateSummary);
    connect(m_queue, &QAbstractItemModel::modelReset, this, &EscalationBoardView::updateSummary);
    connect(m_queue, &QAbstractItemModel::rowsMoved, this, &EscalationBoardView::updateSummary);
    // An escalation changes the first row's time without moving it.
    connect(m_queue, &QAbstractItemModel::dataChanged, this, [this](const QModelIndex& topLeft) {
        if (topLeft.row() == 0)
            updateSummary();
    });

    m_ticker = new QTimer(this);
    m_ticker->setInterval(1000);
    connect(m_ticker, &QTimer::timeout, this, &EscalationBoardView::tick);
    m_ticker->start();

    // Several alert.changed events often come together (a page and its notifications): one reload.
    m_reloadTimer = new QTimer(this);
    m_reloadTimer->setSingleShot(true);
    m_reloadTimer->setInterval(150);
    connect(m_reloadTimer, &QTimer::timeout, this, &EscalationBoardView::loadHistory);

    if (m_fleet) {
        const QList<NodeSession*> sessions = m_fleet->sessions();
        for (NodeSession* session : sessions)
            attachSession(session);
        connect(m_fleet, &NodeFleet::sessionAdded, this, &EscalationBoardView::attachSession);
        connect(m_fleet, &NodeFleet::sessionRemoved, this, [this](const QString& nodeId) {
            m_queue->setPolicies(nodeId, QJsonArray());
            if (nodeId == m_historyNode) {
                m_historyNode.clear();
                m_historyAlert = 0;
                m_history->clear();
            }
        });
    }
    updateSummary();
}

EscalationBoardView::~EscalationBoardView() = default;

QString EscalationBoardView::summaryText() const
{
    return m_summary->text();
}

void EscalationBoardView::showHistory(const QString& nodeId, qint64 alertId)
{
    if (nodeId.isEmpty() || alertId <= 0)
        return;
    m_historyNode = nodeId;
    m_historyAlert = alertId;
    m_history->setLoading(nodeId, alertId);
    loadHistory();
}

void EscalationBoardView::tick()
{
    m_queue->tick();
    updateSummary();
}

void EscalationBoardView::attachSession(NodeSession* session)
{
    if (!session)
        return;
    connect(session, &NodeSession::liveChanged, this, [this, session](bool live) {
        if (live) {
            fetchPolicies(session);
            if (session->nodeId() == m_historyNode)
                loadHistory();
        }
    });
    connect(session, &NodeSession::userChanged, this, [this, session] { fetchPolicies(session); });
    connect(session, &NodeSession::resynced, this, [this, session] {
        fetchPolicies(session);
        if (session->nodeId() == m_historyNode)
            loadHistory();
    });
    connect(session, &NodeSession::eventReceived, this,
            [this, session](const QJsonObject& frame) { onEvent(session, frame); });
    fetchPolicies(session);
}

void EscalationBoardView::fetchPolicies(NodeSession* session)
{
    const QString nodeId = session->nodeId();
    session->fetchJson(u"/api/v1/alert-rules"_s, u"alert-rules"_s, this,
                       [this, nodeId](const QJsonObject& json, qint64 cachedAtMs, const QString&) {
                           // No answer (a role the node refuses, nothing cached): recipients stay
                           // unknown and the board says "per policy <name>" rather than guess.
                           m_queue->setPolicies(nodeId, json.value(u"policies").toArray());
                           m_policiesAsOf.insert(nodeId, cachedAtMs);
                       });
}

void EscalationBoardView::onEvent(NodeSession* session, const QJsonObject& frame)
{
    if (frame.value(u"event").toString() != u"alert.changed" || session->nodeId() != m_historyNode)
        return;
    if (frame.value(u"data").toObject().value(u"id").toInteger() == m_historyAlert)
        m_reloadTimer->start();
}

void EscalationBoardView::onCurrentChanged(const QModelIndex& current)
{
    if (!current.isValid())
        return;
    const QString nodeId = current.data(AlertBoardModel::NodeIdRole).toString();
    const qint64 alertId = current.data(AlertBoardModel::AlertIdRole).toLongLong();
    if (nodeId == m_historyNode && alertId == m_historyAlert)
        return;
    showHistory(nodeId, alertId);
}

void EscalationBoardView::loadHistory()
{
    if (!m_fleet || m_historyNode.isEmpty() || m_historyAlert <= 0)
        return;
    NodeSession* session = m_fleet->session(m_historyNode);
    if (!session) {
        m_history->setError(tr("the node is no longer configured"));
        return;
    }
    const quint64 generation = ++m_historyGeneration;
    const QString nodeId = m_historyNode;
    const qint64 alertId = m_historyAlert;
    const QString nodeName = session->profile().displayName;
    session->fetchJson(u"/api/v1/alerts/%1"_s.arg(alertId), u"alert:%1"_s.arg(alertId), this,
                       [this, generation, nodeId, nodeName](const QJsonObject& json, qint64 cachedAtMs,
                                                            const QString& error) {
                           // Only the newest request counts: an older answer would undo a newer one.
                           if (generation != m_historyGeneration)
                               return;
                           if (json.isEmpty()) {
                               m_history->setError(error.isEmpty() ? tr("the node sent nothing") : error);
                               return;
                           }
                           m_history->setDetail(nodeId, nodeName, json, cachedAtMs);
                           // Webhook deliveries finish without an alert.changed event: while one is
                           // still on its way, look again shortly so "not delivered yet" does not stay.
                           if (cachedAtMs == 0 && hasPendingNotification(json)) {
                               QTimer::singleShot(5000, this, [this, generation] {
                                   if (generation == m_historyGeneration)
                                       loadHistory();
                               });
                           }
                       });
}

void EscalationBoardView::updateSummary()
{
    const int rows = m_queue->rowCount();
    if (rows == 0) {
        m_summary->setText(tr("Nothing is waiting to escalate. Alerts that nobody has acknowledged yet appear here "
                              "with the time they escalate and whom they page next."));
        return;
    }
    const QModelIndex first = m_queue->index(0, EscalationQueueModel::WhenColumn);
    m_summary->setText(tr("%n alert(s) will escalate unless acknowledged; the next %1: %2", nullptr, rows)
                           .arg(EscalationText::countdown(first.data(EscalationQueueModel::CountdownMsRole).toLongLong()),
                                m_queue->index(0, EscalationQueueModel::AlertColumn).data().toString()));
}
