#include "ui/views/AuditView.h"

#include "models/console/AuditLogModel.h"
#include "ui/session/NodeFleet.h"
#include "ui/session/NodeSession.h"
#include "ui/views/EscalationText.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDateTime>
#include <QDateTimeEdit>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QIdentityProxyModel>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPalette>
#include <QPointer>
#include <QPushButton>
#include <QStackedWidget>
#include <QTableView>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace {

QString trView(const char* text, const char* disambiguation = nullptr, int n = -1)
{
    return QCoreApplication::translate("AuditView", text, disambiguation, n);
}

/// Words, icons and colours for the audit log's semantic roles.
class AuditLook : public QIdentityProxyModel
{
public:
    using QIdentityProxyModel::QIdentityProxyModel;

    QVariant data(const QModelIndex& index, int role) const override
    {
        const QModelIndex src = mapToSource(index);
        const bool partial = src.data(AuditLogModel::PartialRole).toBool();
        const QString outcome = src.data(AuditLogModel::OutcomeRole).toString();
        switch (role) {
        case Qt::DisplayRole:
        case Qt::AccessibleTextRole:
            switch (index.column()) {
            case AuditLogModel::TimeColumn:
                return EscalationText::time(src.data(AuditLogModel::AtMsRole).toLongLong());
            case AuditLogModel::NodeColumn:
                return src.data(AuditLogModel::NodeNameRole);
            case AuditLogModel::ActorColumn: {
                const QString actor = src.data(AuditLogModel::ActorRole).toString();
                const QString actorRole = src.data(AuditLogModel::ActorRoleRole).toString();
                return actorRole.isEmpty() ? actor : trView("%1 (%2)", "<user> (<role>)").arg(actor, actorRole);
            }
            case AuditLogModel::ActionColumn:
                return EscalationText::auditAction(src.data(AuditLogModel::ActionRole).toString());
            case AuditLogModel::OutcomeColumn:
                return EscalationText::auditOutcome(outcome);
            case AuditLogModel::ReasonColumn:
                if (partial)
                    return trView("(loading the rest…)");
                return src.data(AuditLogModel::ReasonRole);
            default:
                return QIdentityProxyModel::data(index, role);
            }
        case Qt::DecorationRole:
            if (index.column() == AuditLogModel::OutcomeColumn)
                return EscalationText::outcomeIcon(outcome);
            return {};
        case Qt::ForegroundRole:
            if (index.column() == AuditLogModel::OutcomeColumn && (outcome == u"denied" || outcome == u"failed"))
                return QApplication::palette().color(QPalette::BrightText);
            if (partial || src.data(AuditLogModel::CachedRole).toBool())
                return QApplication::palette().color(QPalette::Disabled, QPalette::Text);
            return {};
        case Qt::ToolTipRole:
            switch (index.column()) {
            case AuditLogModel::TimeColumn:
                return QDateTime::fromMSecsSinceEpoch(src.data(AuditLogModel::AtMsRole).toLongLong())
                    .toLocalTime()
                    .toString(Qt::ISODateWithMs);
            case AuditLogModel::ActionColumn:
                return src.data(AuditLogModel::ActionRole);
            case AuditLogModel::ReasonColumn:
            case AuditLogModel::DetailColumn:
                return QIdentityProxyModel::data(index, Qt::DisplayRole);
            default:
                return {};
            }
        default:
            return QIdentityProxyModel::data(index, role);
        }
    }
};

} // namespace

AuditView::AuditView(NodeFleet* fleet, QWidget* parent)
    : QWidget(parent)
    , m_fleet(fleet)
    , m_model(new AuditLogModel(this))
{
    m_model->setFetcher([this](const AuditLogModel::Request& r) {
        // Cache the newest page of each filter (and its re-reads), so the view has something
        // "as of" when the node is offline; older pages are read live only.
        fetch(r.nodeId, r.pathAndQuery, r.ticket, !r.pathAndQuery.contains(u"&before="));
    });

    m_nodeBox = new QComboBox(this);
    m_nodeBox->setAccessibleName(tr("Node"));
    m_nodeBox->setMinimumHeight(32);
    m_actor = new QLineEdit(this);
    m_actor->setPlaceholderText(tr("Who (user name)"));
    m_actor->setClearButtonEnabled(true);
    m_actor->setAccessibleName(tr("Who"));
    m_action = new QComboBox(this);
    m_action->setAccessibleName(tr("Action"));
    m_action->addItem(tr("Any action"), QString());
    const QStringList actions = EscalationText::auditActions();
    for (const QString& code : actions)
        m_action->addItem(EscalationText::auditAction(code), code);
    m_target = new QLineEdit(this);
    m_target->setPlaceholderText(tr("On (e.g. alert:3, dead-letter:13)"));
    m_target->setClearButtonEnabled(true);
    m_target->setAccessibleName(tr("Target"));
    m_fromOn = new QCheckBox(tr("From"), this);
    m_from = new QDateTimeEdit(QDateTime::currentDateTime().addDays(-1), this);
    m_from->setCalendarPopup(true);
    m_from->setEnabled(false);
    m_toOn = new QCheckBox(tr("Before"), this);
    m_to = new QDateTimeEdit(QDateTime::currentDateTime(), this);
    m_to->setCalendarPopup(true);
    m_to->setEnabled(false);
    connect(m_fromOn, &QCheckBox::toggled, m_from, &QWidget::setEnabled);
    connect(m_toOn, &QCheckBox::toggled, m_to, &QWidget::setEnabled);
    m_search = new QPushButton(tr("Search"), this);
    m_search->setDefault(true);
    m_clear = new QPushButton(tr("Clear filters"), this);
    m_verify = new QPushButton(tr("Verify chain"), this);
    m_verify->setToolTip(tr("Check that no entry of the audit log was changed or removed"));
    for (QPushButton* b : {m_search, m_clear, m_verify})
        b->setMinimumHeight(36);
    connect(m_search, &QPushButton::clicked, this, &AuditView::applyFilters);
    connect(m_clear, &QPushButton::clicked, this, &AuditView::clearFilters);
    connect(m_verify, &QPushButton::clicked, this, &AuditView::verifyChains);
    for (QLineEdit* edit : {m_actor, m_target})
        connect(edit, &QLineEdit::returnPressed, this, &AuditView::applyFilters);
    connect(m_action, &QComboBox::activated, this, &AuditView::applyFilters);
    connect(m_nodeBox, &QComboBox::activated, this, &AuditView::syncNodes);

    m_filters = new QWidget(this);
    auto* filters = new QGridLayout(m_filters);
    filters->setContentsMargins(0, 0, 0, 0);
    filters->addWidget(new QLabel(tr("Node"), this), 0, 0);
    filters->addWidget(m_nodeBox, 0, 1);
    filters->addWidget(m_actor, 0, 2);
    filters->addWidget(m_action, 0, 3);
    filters->addWidget(m_target, 0, 4);
    auto* times = new QHBoxLayout;
    times->addWidget(m_fromOn);
    times->addWidget(m_from);
    times->addWidget(m_toOn);
    times->addWidget(m_to);
    times->addStretch(1);
    times->addWidget(m_search);
    times->addWidget(m_clear);
    times->addWidget(m_verify);
    filters->addLayout(times, 1, 0, 1, 5);
    filters->setColumnStretch(2, 1);
    filters->setColumnStretch(4, 1);

    m_banner = new QLabel(this);
    m_banner->setWordWrap(true);
    m_banner->setTextFormat(Qt::PlainText);
    m_banner->setObjectName(u"emptyStateText"_s);
    m_verifyResult = new QLabel(this);
    m_verifyResult->setWordWrap(true);
    m_verifyResult->setTextFormat(Qt::PlainText);
    m_verifyResult->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_verifyResult->hide();

    auto* look = new AuditLook(this);
    look->setSourceModel(m_model);
    m_table = new QTableView(this);
    m_table->setModel(look);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->setAccessibleName(tr("Audit log, newest first"));
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->setDefaultSectionSize(std::max(32, m_table->fontMetrics().height() + 12));
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    const int charWidth = m_table->fontMetrics().horizontalAdvance(u"0"_s);
    m_table->setColumnWidth(AuditLogModel::TimeColumn, charWidth * 16);
    m_table->setColumnWidth(AuditLogModel::NodeColumn, charWidth * 14);
    m_table->setColumnWidth(AuditLogModel::ActorColumn, charWidth * 18);
    m_table->setColumnWidth(AuditLogModel::ActionColumn, charWidth * 22);
    m_table->setColumnWidth(AuditLogModel::TargetColumn, charWidth * 16);
    m_table->setColumnWidth(AuditLogModel::OutcomeColumn, charWidth * 12);
    m_table->setColumnWidth(AuditLogModel::ReasonColumn, charWidth * 30);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &AuditView::updateEntryDetail);

    m_refusal = new QLabel(this);
    m_refusal->setObjectName(u"emptyStateTitle"_s);
    m_refusal->setWordWrap(true);
    m_refusal->setAlignment(Qt::AlignCenter);
    m_refusal->setTextFormat(Qt::PlainText);
    m_stack = new QStackedWidget(this);
    m_stack->addWidget(m_table);
    m_stack->addWidget(m_refusal);

    m_entryDetail = new QLabel(this);
    m_entryDetail->setWordWrap(true);
    m_entryDetail->setTextFormat(Qt::PlainText);
    m_entryDetail->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_status = new QLabel(this);
    m_loadMore = new QPushButton(tr("Load more"), this);
    m_loadMore->setMinimumHeight(36);
    connect(m_loadMore, &QPushButton::clicked, this, &AuditView::loadMore);
    m_bottom = new QWidget(this);
    auto* bottom = new QHBoxLayout(m_bottom);
    bottom->setContentsMargins(0, 0, 0, 0);
    bottom->addWidget(m_status, 1);
    bottom->addWidget(m_loadMore);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_filters);
    layout->addWidget(m_verifyResult);
    layout->addWidget(m_banner);
    layout->addWidget(m_stack, 1);
    layout->addWidget(m_entryDetail);
    layout->addWidget(m_bottom);

    connect(m_model, &AuditLogModel::nodeStateChanged, this, &AuditView::updateState);
    connect(m_model, &AuditLogModel::pagingChanged, this, &AuditView::updateState);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &AuditView::updateState);
    connect(m_model, &QAbstractItemModel::modelReset, this, &AuditView::updateState);
    connect(m_model, &QAbstractItemModel::dataChanged, this, &AuditView::updateEntryDetail);

    if (m_fleet) {
        const QList<NodeSession*> sessions = m_fleet->sessions();
        for (NodeSession* session : sessions)
            attachSession(session);
        connect(m_fleet, &NodeFleet::sessionAdded, this, [this](NodeSession* session) {
            attachSession(session);
            rebuildNodeBox();
            syncNodes();
        });
        connect(m_fleet, &NodeFleet::sessionRemoved, this, [this] {
            rebuildNodeBox();
            syncNodes();
        });
    }
    rebuildNodeBox();
    syncNodes();
}

AuditView::~AuditView() = default;

void AuditView::setNode(const QString& nodeId)
{
    const int index = m_nodeBox->findData(nodeId);
    m_nodeBox->setCurrentIndex(index < 0 ? 0 : index);
    syncNodes();
}

QString AuditView::selectedNode() const
{
    return m_nodeBox->currentData().toString();
}

QString AuditView::refusalText() const
{
    return m_stack->currentWidget() == m_refusal ? m_refusal->text() : QString();
}

QString AuditView::bannerText() const
{
    return m_banner->isHidden() ? QString() : m_banner->text();
}

QString AuditView::statusText() const
{
    return m_status->text();
}

QString AuditView::verifyText() const
{
    return m_verifyResult->isHidden() ? QString() : m_verifyResult->text();
}

void AuditView::applyFilters()
{
    AuditLogModel::Filter filter;
    filter.actor = m_actor->text().trimmed();
    filter.action = m_action->currentData().toString();
    filter.target = m_target->text().trimmed();
    filter.fromMs = m_fromOn->isChecked() ? m_from->dateTime().toMSecsSinceEpoch() : 0;
    filter.toMs = m_toOn->isChecked() ? m_to->dateTime().toMSecsSinceEpoch() : 0;
    if (filter == m_model->filter())
        m_model->reload(); // Search again: the user wants the newest state.
    else
        m_model->setFilter(filter);
}

void AuditView::clearFilters()
{
    m_actor->clear();
    m_target->clear();
    m_action->setCurrentIndex(0);
    m_fromOn->setChecked(false);
    m_toOn->setChecked(false);
    applyFilters();
}

void AuditView::loadMore()
{
    if (m_model->canFetchMore(QModelIndex()))
        m_model->fetchMore(QModelIndex());
}

void AuditView::verifyChains()
{
    if (!m_fleet)
        return;
    m_verifyLines.clear();
    const QStringList ids = m_model->nodeIds();
    for (const QString& id : ids) {
        NodeSession* session = m_fleet->session(id);
        if (!session)
            continue;
        const QString name = session->profile().displayName;
        if (!session->isLive()) {
            m_verifyLines.insert(name, tr("%1: cannot be verified while the node is offline.").arg(name));
            continue;
        }
        m_verifyLines.insert(name, tr("%1: verifying…").arg(name));
        session->client()->get(u"/api/v1/audit/verify"_s, this, [this, name](const OpsReply& reply) {
            QString line;
            if (reply.status == 403) {
                line = tr("%1: your role cannot verify the audit log.").arg(name);
            } else if (!reply.ok()) {
                line = tr("%1: could not verify — %2").arg(name, reply.error);
            } else if (reply.json.value(u"intact").toBool()) {
                line = tr("%1: Intact — %2 entries, head seq %3")
                           .arg(name, QLocale().toString(reply.json.value(u"entriesChecked").toInteger()),
                                QString::number(reply.json.value(u"headSeq").toInteger()));
            } else {
                const qint64 good = reply.json.value(u"entriesChecked").toInteger();
                line = tr("%1: BROKEN at entry %2 — %3. The %n entries before it are intact; every entry from %2 on "
                          "may have been changed.",
                          nullptr, int(good))
                           .arg(name, QString::number(reply.json.value(u"firstBadSeq").toInteger()),
                                reply.json.value(u"reason").toString());
            }
            m_verifyLines.insert(name, line);
            showVerify();
        });
    }
    if (m_verifyLines.isEmpty())
        m_verifyLines.insert(QString(), tr("No node to verify."));
    showVerify();
}

void AuditView::attachSession(NodeSession* session)
{
    if (!session)
        return;
    connect(session, &NodeSession::eventReceived, this,
            [this, session](const QJsonObject& frame) { onEvent(session, frame); });
    auto reloadIfShown = [this, session] {
        if (!m_model->nodeIds().contains(session->nodeId()))
            return;
        const AuditLogModel::NodeState state = m_model->nodeState(session->nodeId());
        // A node back online replaces its cached page; a new user may see more (or less).
        if (state != AuditLogModel::NodeState::Loading)
            m_model->reload();
    };
    connect(session, &NodeSession::liveChanged, this, [reloadIfShown](bool live) {
        if (live)
            reloadIfShown();
    });
    connect(session, &NodeSession::userChanged, this, reloadIfShown);
    connect(session, &NodeSession::resynced, this, reloadIfShown);
    connect(session, &NodeSession::profileChanged, this, [this, session] {
        m_model->setNodeName(session->nodeId(), session->profile().displayName);
        rebuildNodeBox();
    });
}

void AuditView::rebuildNodeBox()
{
    const QString current = m_nodeBox->currentData().toString();
    m_nodeBox->clear();
    m_nodeBox->addItem(tr("All nodes"), QString());
    if (m_fleet) {
        const QList<NodeSession*> sessions = m_fleet->sessions();
        for (NodeSession* session : sessions)
            m_nodeBox->addItem(session->profile().displayName, session->nodeId());
    }
    const int index = m_nodeBox->findData(current);
    m_nodeBox->setCurrentIndex(index < 0 ? 0 : index);
}

void AuditView::syncNodes()
{
    QList<QPair<QString, QString>> nodes;
    const QString only = selectedNode();
    if (m_fleet) {
        const QList<NodeSession*> sessions = m_fleet->sessions();
        for (NodeSession* session : sessions) {
            if (only.isEmpty() || session->nodeId() == only)
                nodes.append({session->nodeId(), session->profile().displayName});
        }
    }
    QStringList ids;
    for (const auto& node : std::as_const(nodes))
        ids.append(node.first);
    if (ids == m_model->nodeIds() && !ids.isEmpty())
        return;
    m_verifyLines.clear();
    showVerify();
    m_model->setNodes(nodes);
    updateState();
}

void AuditView::fetch(const QString& nodeId, const QString& pathAndQuery, quint64 ticket, bool cache)
{
    QPointer<NodeSession> session = m_fleet ? m_fleet->session(nodeId) : nullptr;
    if (!session) {
        m_model->pageFailed(ticket, tr("the node is no longer configured"), false);
        return;
    }
    const QString cacheKey = cache ? u"audit:"_s + pathAndQuery : QString();
    session->fetchJson(pathAndQuery, cacheKey, this,
                       [this, session, pathAndQuery, ticket](const QJsonObject& json, qint64 cachedAtMs,
                                                             const QString& error) {
                           if (!json.isEmpty()) {
                               m_model->pageArrived(ticket, json, cachedAtMs);
                               return;
                           }
                           // An empty answer from a live node is a refusal; only its status says
                           // whether the role may not read the log (403) or something else went wrong.
                           if (session && session->isLive() && !error.isEmpty()) {
                               session->client()->get(pathAndQuery, this, [this, ticket](const OpsReply& reply) {
                                   if (reply.ok())
                                       m_model->pageArrived(ticket, reply.json);
                                   else
                                       m_model->pageFailed(ticket, reply.error, reply.status == 403);
                               });
                               return;
                           }
                           m_model->pageFailed(ticket, error.isEmpty() ? tr("no answer") : error, false);
                       });
}

void AuditView::onEvent(NodeSession* session, const QJsonObject& frame)
{
    if (frame.value(u"event").toString() != u"audit.appended")
        return;
    const QDateTime at = QDateTime::fromString(frame.value(u"at").toString(), Qt::ISODateWithMs);
    m_model->appendLive(session->nodeId(), frame.value(u"data").toObject(),
                        at.isValid() ? at.toMSecsSinceEpoch() : QDateTime::currentMSecsSinceEpoch());
}

void AuditView::updateState()
{
    const QStringList ids = m_model->nodeIds();
    QStringList refused;
    QStringList lines;
    for (const QString& id : ids) {
        const QString name = m_model->nodeName(id);
        switch (m_model->nodeState(id)) {
        case AuditLogModel::NodeState::Forbidden:
            refused.append(name);
            break;
        case AuditLogModel::NodeState::Failed:
            lines.append(tr("%1: the audit log could not be loaded — %2").arg(name, m_model->nodeError(id)));
            break;
        case AuditLogModel::NodeState::Ready:
            if (m_model->nodeCachedAtMs(id) > 0)
                lines.append(tr("%1 cannot be reached: its newest entries as of %2 are shown.")
                                 .arg(name, EscalationText::time(m_model->nodeCachedAtMs(id))));
            else if (!m_model->nodeError(id).isEmpty())
                lines.append(tr("%1: older entries could not be loaded — %2").arg(name, m_model->nodeError(id)));
            break;
        default:
            break;
        }
    }
    const QString refusal = refused.isEmpty()
        ? QString()
        : tr("Your role cannot see the audit log on %1.").arg(QLocale().createSeparatedList(refused));
    const bool allRefused = !ids.isEmpty() && refused.size() == ids.size();
    if (allRefused) {
        m_refusal->setText(refusal + u"\n\n"
                           + tr("The audit log is for support staff and admins. Ask one of them if you need to "
                                "know who did what."));
        m_stack->setCurrentWidget(m_refusal);
    } else {
        if (!refusal.isEmpty())
            lines.prepend(refusal);
        m_stack->setCurrentWidget(m_table);
    }
    // Nothing to filter, page or read in full: only the node choice stays useful.
    for (QWidget* w : {static_cast<QWidget*>(m_actor), static_cast<QWidget*>(m_action), static_cast<QWidget*>(m_target),
                       static_cast<QWidget*>(m_fromOn), static_cast<QWidget*>(m_toOn), static_cast<QWidget*>(m_search),
                       static_cast<QWidget*>(m_clear)})
        w->setEnabled(!allRefused);
    m_from->setEnabled(!allRefused && m_fromOn->isChecked());
    m_to->setEnabled(!allRefused && m_toOn->isChecked());
    m_entryDetail->setVisible(!allRefused);
    m_bottom->setVisible(!allRefused);
    m_banner->setText(lines.join(u'\n'));
    m_banner->setVisible(!lines.isEmpty());

    const int rows = m_model->rowCount();
    QString status;
    if (ids.isEmpty())
        status = tr("No node is configured: add one to see its audit log.");
    else if (m_model->isLoading())
        status = tr("%n entry(ies) — loading…", nullptr, rows);
    else if (m_model->hasMore())
        status = tr("%n entry(ies) — older entries: Load more", nullptr, rows);
    else if (rows == 0 && refused.size() < ids.size())
        status = tr("No entries match these filters.");
    else
        status = tr("%n entry(ies) — that is all", nullptr, rows);
    m_status->setText(status);
    m_loadMore->setEnabled(m_model->canFetchMore(QModelIndex()));
    m_verify->setEnabled(refused.size() < ids.size());
    updateEntryDetail();
}

void AuditView::updateEntryDetail()
{
    const QModelIndex current = m_table->currentIndex();
    if (!current.isValid()) {
        m_entryDetail->setText(tr("Select an entry to read it in full."));
        return;
    }
    const QModelIndex src = m_model->index(current.row(), 0);
    QStringList parts;
    const QString role = src.data(AuditLogModel::ActorRoleRole).toString();
    const QString remote = src.data(AuditLogModel::RemoteRole).toString();
    QString who = src.data(AuditLogModel::ActorRole).toString();
    if (!role.isEmpty())
        who = tr("%1 (%2)", "<user> (<role>)").arg(who, role);
    if (!remote.isEmpty())
        who = tr("%1 from %2", "<user> from <address>").arg(who, remote);
    parts.append(tr("Entry %1 on %2, %3 — %4")
                     .arg(QString::number(src.data(AuditLogModel::SeqRole).toLongLong()),
                          src.data(AuditLogModel::NodeNameRole).toString(),
                          QDateTime::fromMSecsSinceEpoch(src.data(AuditLogModel::AtMsRole).toLongLong())
                              .toLocalTime()
                              .toString(Qt::ISODateWithMs),
                          who));
    QString what = EscalationText::auditAction(src.data(AuditLogModel::ActionRole).toString());
    const QString target = src.data(AuditLogModel::TargetRole).toString();
    if (!target.isEmpty())
        what = tr("%1 on %2", "<action> on <target>").arg(what, target);
    parts.append(what + u" — " + EscalationText::auditOutcome(src.data(AuditLogModel::OutcomeRole).toString()));
    const QString reason = src.data(AuditLogModel::ReasonRole).toString();
    if (!reason.isEmpty())
        parts.append(tr("Reason: %1").arg(reason));
    const QJsonObject detail = src.data(AuditLogModel::DetailRole).toJsonObject();
    if (!detail.isEmpty())
        parts.append(tr("Details: %1").arg(QString::fromUtf8(QJsonDocument(detail).toJson(QJsonDocument::Compact))));
    if (src.data(AuditLogModel::PartialRole).toBool())
        parts.append(tr("The rest of this entry is being fetched from the node."));
    m_entryDetail->setText(parts.join(u'\n'));
}

void AuditView::showVerify()
{
    QStringList lines = m_verifyLines.values();
    m_verifyResult->setText(lines.join(u'\n'));
    m_verifyResult->setVisible(!lines.isEmpty());
}
