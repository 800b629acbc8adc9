#include "ui/views/DeadLetterView.h"
#include "models/console/PipelineStageNames.h"

#include "models/console/DeadLetterGroupModel.h"
#include "models/console/DeadLetterListModel.h"
#include "ui/delegates/AttentionDelegate.h"
#include "ui/dialogs/BulkResubmitDialog.h"
#include "ui/dialogs/DeadLetterScope.h"
#include "ui/dialogs/ParkDialog.h"
#include "ui/dialogs/ResubmitDialog.h"
#include "ui/session/NodeSession.h"
#include "ui/views/DeadLetterDetailPane.h"
#include "ui/views/DeadLetterFeed.h"

#include <QComboBox>
#include <QDateTime>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSet>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStackedWidget>
#include <QStyle>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace {

QString asOfText(qint64 ms)
{
    const QDateTime at = QDateTime::fromMSecsSinceEpoch(ms);
    // "14:02" today; older data says which day, so nobody mistakes it for this afternoon's.
    return at.date() == QDate::currentDate() ? at.toString(u"HH:mm"_s) : at.toString(u"yyyy-MM-dd HH:mm"_s);
}

void setFixedRows(QTableView* view)
{
    view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    // Rows tall enough to hit with a finger.
    view->verticalHeader()->setDefaultSectionSize(view->fontMetrics().height() + 12);
    view->verticalHeader()->hide();
    view->setWordWrap(false);
    view->setAlternatingRowColors(true);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->horizontalHeader()->setHighlightSections(false);
}

QPushButton* bigButton(const QString& text, QWidget* parent)
{
    auto* button = new QPushButton(text, parent);
    button->setMinimumHeight(button->fontMetrics().height() * 2 + 8);
    return button;
}

/// Fills an editable combo with choices, keeping what the user typed.
void setChoices(QComboBox* box, QStringList choices)
{
    choices.removeAll(QString());
    choices.removeDuplicates();
    std::sort(choices.begin(), choices.end());
    const QString current = box->currentText();
    QStringList now;
    for (int i = 1; i < box->count(); ++i)
        now << box->itemText(i);
    if (now == choices)
        return;
    const QSignalBlocker block(box);
    box->clear();
    box->addItem(QString());
    box->addItems(choices);
    box->setCurrentText(current);
}

} // namespace

DeadLetterView::DeadLetterView(NodeFleet* fleet, QWidget* parent)
    : QWidget(parent)
{
    setObjectName(u"deadLetterView"_s);
    m_feed = new DeadLetterFeed(fleet, this);

    // One plain sentence for a role that cannot read dead letters, nothing else.
    m_refusal = new QLabel(this);
    m_refusal->setObjectName(u"emptyStateText"_s);
    m_refusal->setAlignment(Qt::AlignCenter);
    m_refusal->setWordWrap(true);

    // Offline "as of" and refusals: said in words with an icon, not only by greying out.
    m_banner = new QWidget(this);
    m_banner->setObjectName(u"cachedBanner"_s);
    m_banner->setAutoFillBackground(true);
    {
        QPalette pal = m_banner->palette();
        pal.setColor(QPalette::Window, pal.color(QPalette::ToolTipBase));
        pal.setColor(QPalette::WindowText, pal.color(QPalette::ToolTipText));
        m_banner->setPalette(pal);
    }
    auto* bannerIcon = new QLabel(m_banner);
    const int iconSide = fontMetrics().height();
    bannerIcon->setPixmap(style()->standardIcon(QStyle::SP_MessageBoxInformation).pixmap(iconSide, iconSide));
    m_bannerText = new QLabel(m_banner);
    m_bannerText->setWordWrap(true);
    auto* bannerLayout = new QHBoxLayout(m_banner);
    bannerLayout->setContentsMargins(6, 3, 6, 3);
    bannerLayout->addWidget(bannerIcon, 0, Qt::AlignTop);
    bannerLayout->addWidget(m_bannerText, 1);
    m_banner->hide();

    // Filters (node side) and a text filter (here).
    m_stateBox = new QComboBox(this);
    m_stateBox->addItem(tr("Open"), u"open"_s);
    m_stateBox->addItem(tr("Resubmitted"), u"resubmitted"_s);
    m_stateBox->addItem(tr("Parked"), u"parked"_s);
    m_stateBox->addItem(tr("All states"), u"all"_s);
    m_stateBox->setAccessibleName(tr("State"));
    m_stageBox = new QComboBox(this);
    m_stageBox->addItem(tr("Any stage"), QString());
    for (const QString& stage : {u"parse"_s, u"validate"_s, u"deliver"_s})
        m_stageBox->addItem(PipelineStageNames::display(stage), stage);
    m_stageBox->setAccessibleName(tr("Stage"));
    const auto editableBox = [this](const QString& placeholder) {
        auto* box = new QComboBox(this);
        box->setEditable(true);
        box->setInsertPolicy(QComboBox::NoInsert);
        box->addItem(QString());
        box->lineEdit()->setPlaceholderText(placeholder);
        box->lineEdit()->setClearButtonEnabled(true);
        box->setAccessibleName(placeholder);
        box->setMinimumContentsLength(10);
        box->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
        return box;
    };
    m_channelBox = editableBox(tr("Any channel"));
    m_destinationBox = editableBox(tr("Any destination"));
    m_errorClassBox = editableBox(tr("Any error class"));
    m_textFilter = new QLineEdit(this);
    m_textFilter->setPlaceholderText(tr("Find in the list (reason, control ID, type…)"));
    m_textFilter->setClearButtonEnabled(true);
    m_textFilter->setAccessibleName(tr("Find in the list"));
    auto* refreshButton = new QPushButton(tr("&Refresh"), this);
    connect(refreshButton, &QPushButton::clicked, this, &DeadLetterView::refresh);

    m_filterTimer = new QTimer(this);
    m_filterTimer->setSingleShot(true);
    m_filterTimer->setInterval(400);
    connect(m_filterTimer, &QTimer::timeout, this, &DeadLetterView::applyFilters);
    connect(m_stateBox, &QComboBox::currentIndexChanged, this, &DeadLetterView::applyFilters);
    connect(m_stageBox, &QComboBox::currentIndexChanged, this, &DeadLetterView::applyFilters);
    for (QComboBox* box : {m_channelBox, m_destinationBox, m_errorClassBox})
        connect(box, &QComboBox::currentTextChanged, m_filterTimer, qOverload<>(&QTimer::start));

    auto* filterBar = new QHBoxLayout;
    filterBar->addWidget(m_stateBox);
    filterBar->addWidget(m_stageBox);
    filterBar->addWidget(m_channelBox, 1);
    filterBar->addWidget(m_destinationBox, 1);
    filterBar->addWidget(m_errorClassBox, 1);
    filterBar->addWidget(m_textFilter, 2);
    filterBar->addWidget(refreshButton);

    m_detail = new DeadLetterDetailPane(this);

    auto* right = new QSplitter(Qt::Vertical, this);
    right->addWidget(buildListPanel());
    right->addWidget(m_detail);
    right->setStretchFactor(0, 3);
    right->setStretchFactor(1, 2);
    right->setChildrenCollapsible(false);
    auto* main = new QSplitter(Qt::Horizontal, this);
    main->addWidget(buildGroupsPanel());
    main->addWidget(right);
    main->setStretchFactor(0, 3);
    main->setStretchFactor(1, 5);
    main->setSizes({440, 900}); // the groups need room for count, error and where
    main->setChildrenCollapsible(false);

    auto* content = new QWidget(this);
    auto* contentLayout = new QVBoxLayout(content);
    contentLayout->setContentsMargins(0, 0, 0, 0);
    contentLayout->addLayout(filterBar);
    contentLayout->addWidget(main, 1);

    m_stack = new QStackedWidget(this);
    m_stack->addWidget(content);
    m_stack->addWidget(m_refusal);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_banner);
    layout->addWidget(m_stack, 1);

    connect(m_feed, &DeadLetterFeed::accessChanged, this, [this] {
        updateBanner();
        updateButtons();
    });
    // The age column stays true without anyone touching the view.
    m_ageTimer = new QTimer(this);
    m_ageTimer->setInterval(30000);
    connect(m_ageTimer, &QTimer::timeout, m_feed->list(), &DeadLetterListModel::refreshAges);
    m_ageTimer->start();

    updateBanner();
    updateButtons();
    updateStatus();
}

DeadLetterView::~DeadLetterView() = default;

QWidget* DeadLetterView::buildGroupsPanel()
{
    auto* panel = new QWidget(this);
    auto* title = new QLabel(tr("Failure groups"), panel);
    QFont bold = title->font();
    bold.setBold(true);
    title->setFont(bold);

    m_groupsProxy = new QSortFilterProxyModel(this);
    m_groupsProxy->setSourceModel(m_feed->groups());
    m_groupsProxy->setSortRole(DeadLetterGroupModel::SortRole);
    // When the selected group leaves (all resubmitted or parked), the selection model moves the
    // current row to a neighbour; that must not switch the list to another group behind the
    // user's back. Connected before the view's own selection model, so the flag is set first.
    connect(m_groupsProxy, &QAbstractItemModel::rowsAboutToBeRemoved, this, [this] { m_groupsRemoving = true; });
    connect(m_groupsProxy, &QAbstractItemModel::rowsRemoved, this, [this] { m_groupsRemoving = false; });
    m_groups = new QTableView(panel);
    m_groups->setModel(m_groupsProxy);
    setFixedRows(m_groups);
    m_groups->setSelectionMode(QAbstractItemView::SingleSelection);
    m_groups->setSortingEnabled(true);
    m_groups->sortByColumn(DeadLetterGroupModel::CountColumn, Qt::DescendingOrder);
    m_groups->setAccessibleName(tr("Failure groups"));
    m_groups->horizontalHeader()->setStretchLastSection(true);
    const int charWidth = fontMetrics().horizontalAdvance(u"0"_s);
    m_groups->setColumnWidth(DeadLetterGroupModel::ErrorColumn, charWidth * 20);
    m_groups->setColumnWidth(DeadLetterGroupModel::CountColumn, charWidth * 7);
    m_groups->setColumnWidth(DeadLetterGroupModel::WhereColumn, charWidth * 22);
    // What matters first in a narrow pane: how many, what failed, where; the node comes last.
    QHeaderView* groupHeader = m_groups->horizontalHeader();
    groupHeader->moveSection(groupHeader->visualIndex(DeadLetterGroupModel::CountColumn), 0);
    groupHeader->moveSection(groupHeader->visualIndex(DeadLetterGroupModel::ErrorColumn), 1);
    groupHeader->moveSection(groupHeader->visualIndex(DeadLetterGroupModel::NodeColumn),
                             DeadLetterGroupModel::ColumnCount - 1);
    m_groups->setColumnWidth(DeadLetterGroupModel::StageColumn, charWidth * 9);
    connect(m_groups->selectionModel(), &QItemSelectionModel::currentChanged, this, &DeadLetterView::onGroupChanged);
    connect(m_feed->groups(), &QAbstractItemModel::rowsInserted, this, &DeadLetterView::updateFilterChoices);
    connect(m_feed->groups(), &QAbstractItemModel::dataChanged, this, &DeadLetterView::updateFilterChoices);

    m_retryGroup = bigButton(tr("Retr&y group…"), panel);
    m_parkGroup = bigButton(tr("Par&k group…"), panel);
    connect(m_retryGroup, &QPushButton::clicked, this, &DeadLetterView::retryGroup);
    connect(m_parkGroup, &QPushButton::clicked, this, &DeadLetterView::parkGroup);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_retryGroup);
    buttons->addWidget(m_parkGroup);
    buttons->addStretch(1);

    auto* layout = new QVBoxLayout(panel);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(title);
    layout->addWidget(m_groups, 1);
    layout->addLayout(buttons);
    return panel;
}

QWidget* DeadLetterView::buildListPanel()
{
    auto* panel = new QWidget(this);
    m_groupLabel = new QLabel(tr("Dead letters of every group"), panel);
    QFont bold = m_groupLabel->font();
    bold.setBold(true);
    m_groupLabel->setFont(bold);
    m_groupLabel->setWordWrap(true);
    m_showAll = new QPushButton(tr("Show &all groups"), panel);
    m_showAll->setEnabled(false);
    connect(m_showAll, &QPushButton::clicked, this, &DeadLetterView::showAll);
    auto* head = new QHBoxLayout;
    head->addWidget(m_groupLabel, 1);
    head->addWidget(m_showAll);

    m_listProxy = new QSortFilterProxyModel(this);
    m_listProxy->setSourceModel(m_feed->list());
    m_listProxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_listProxy->setFilterKeyColumn(-1);
    connect(m_textFilter, &QLineEdit::textChanged, m_listProxy, &QSortFilterProxyModel::setFilterFixedString);

    m_list = new QTableView(panel);
    m_list->setModel(m_listProxy);
    setFixedRows(m_list);
    m_list->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_list->setAccessibleName(tr("Dead letters"));
    // A refused resubmission or a replay that failed again stands out by icon, bold text and tint.
    auto* delegate = new AttentionDelegate(m_list);
    delegate->setRoles(DeadLetterListModel::NeedsAttentionRole, DeadLetterListModel::AttentionReasonRole);
    delegate->setMarkerColumn(DeadLetterListModel::FollowUpColumn);
    delegate->setReasonColumn(-1);
    m_list->setItemDelegate(delegate);
    const int charWidth = fontMetrics().horizontalAdvance(u"0"_s);
    m_list->setColumnWidth(DeadLetterListModel::IdColumn, charWidth * 6);
    m_list->setColumnWidth(DeadLetterListModel::AgeColumn, charWidth * 11);
    m_list->setColumnWidth(DeadLetterListModel::ReasonColumn, charWidth * 44);
    m_list->setColumnWidth(DeadLetterListModel::StateColumn, charWidth * 22);
    m_list->setColumnWidth(DeadLetterListModel::FollowUpColumn, charWidth * 44);
    connect(m_list->selectionModel(), &QItemSelectionModel::selectionChanged, this, &DeadLetterView::updateButtons);
    connect(m_list->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &DeadLetterView::onListCurrentChanged);
    connect(m_list, &QTableView::doubleClicked, this, &DeadLetterView::editAndResubmit);
    DeadLetterListModel* model = m_feed->list();
    connect(model, &QAbstractItemModel::rowsInserted, this, &DeadLetterView::updateStatus);
    connect(model, &QAbstractItemModel::rowsRemoved, this, &DeadLetterView::updateStatus);
    connect(model, &QAbstractItemModel::modelReset, this, &DeadLetterView::updateStatus);
    connect(model, &DeadLetterListModel::pageLoaded, this, [this] {
        updateStatus();
        updateFilterChoices();
    });
    // A row's state changes (resubmitted, pending): what may be done with the selection changes too.
    connect(model, &QAbstractItemModel::dataChanged, this, &DeadLetterView::updateButtons);

    m_status = new QLabel(panel);
    m_resubmit = bigButton(tr("Re&submit selected…"), panel);
    m_edit = bigButton(tr("&Edit and resubmit…"), panel);
    m_park = bigButton(tr("&Park selected…"), panel);
    connect(m_resubmit, &QPushButton::clicked, this, &DeadLetterView::resubmitSelected);
    connect(m_edit, &QPushButton::clicked, this, &DeadLetterView::editAndResubmit);
    connect(m_park, &QPushButton::clicked, this, &DeadLetterView::parkSelected);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_status, 1);
    buttons->addWidget(m_resubmit);
    buttons->addWidget(m_edit);
    buttons->addWidget(m_park);

    auto* layout = new QVBoxLayout(panel);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(head);
    layout->addWidget(m_list, 1);
    layout->addLayout(buttons);
    return panel;
}

void DeadLetterView::applyFilters()
{
    DeadLetterFeed::Filter filter = m_feed->filter();
    filter.state = m_stateBox->currentData().toString();
    filter.stage = m_stageBox->currentData().toString();
    filter.channel = m_channelBox->currentText().trimmed();
    filter.destination = m_destinationBox->currentText().trimmed();
    filter.errorClass = m_errorClassBox->currentText().trimmed();
    m_feed->setFilter(filter);
}

void DeadLetterView::onGroupChanged()
{
    if (m_groupsRemoving) {
        // The shown group left: keep the list where it was, select nothing, say so.
        m_groupLabel->setText(tr("%1 (no open dead letters left in this group)").arg(m_groupLabel->text()));
        QMetaObject::invokeMethod(this, [this] {
            const QSignalBlocker block(m_groups->selectionModel());
            m_groups->selectionModel()->clear();
            m_groups->viewport()->update();
            updateButtons();
        }, Qt::QueuedConnection);
        return;
    }
    const QModelIndex current = m_groups->currentIndex();
    if (!current.isValid())
        return;
    DeadLetterFeed::Filter filter = m_feed->filter();
    filter.signature = current.data(DeadLetterGroupModel::SignatureRole).toString();
    filter.signatureNode = current.data(DeadLetterGroupModel::NodeIdRole).toString();
    m_groupLabel->setText(tr("Dead letters of the group %1 on %2")
                              .arg(m_groupsProxy->index(current.row(), DeadLetterGroupModel::ErrorColumn).data().toString(),
                                   current.data(DeadLetterGroupModel::NodeNameRole).toString()));
    m_showAll->setEnabled(true);
    m_feed->setFilter(filter);
    updateButtons();
}

void DeadLetterView::showAll()
{
    {
        const QSignalBlocker block(m_groups->selectionModel());
        m_groups->selectionModel()->clear();
    }
    DeadLetterFeed::Filter filter = m_feed->filter();
    filter.signature.clear();
    filter.signatureNode.clear();
    m_groupLabel->setText(tr("Dead letters of every group"));
    m_showAll->setEnabled(false);
    m_feed->setFilter(filter);
    updateButtons();
}

bool DeadLetterView::selectGroup(const QString& nodeId, const QString& signature)
{
    const int row = m_feed->groups()->rowOf(nodeId, signature);
    if (row < 0)
        return false;
    const QModelIndex index = m_groupsProxy->mapFromSource(m_feed->groups()->index(row, 0));
    if (!index.isValid())
        return false;
    m_groups->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    return true;
}

bool DeadLetterView::selectDeadLetter(const QString& nodeId, qint64 id)
{
    const int row = m_feed->list()->rowOf(nodeId, id);
    if (row < 0)
        return false;
    const QModelIndex index = m_listProxy->mapFromSource(m_feed->list()->index(row, 0));
    if (!index.isValid())
        return false;
    m_list->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_list->scrollTo(index);
    return true;
}

void DeadLetterView::onListCurrentChanged()
{
    const QModelIndex current = m_list->currentIndex();
    if (!current.isValid()) {
        m_detailKey.clear();
        m_detail->clear();
        return;
    }
    const QString nodeId = current.data(DeadLetterListModel::NodeIdRole).toString();
    const qint64 id = current.data(DeadLetterListModel::DeadLetterIdRole).toLongLong();
    const QString key = nodeId + u'/' + QString::number(id);
    if (key == m_detailKey)
        return;
    m_detailKey = key;
    const QString name = m_feed->access(nodeId).name;
    m_feed->fetchDeadLetter(nodeId, id, this,
                            [this, key, nodeId, name](const QJsonObject& detail, qint64 cachedAtMs, const QString& error) {
                                if (key != m_detailKey)
                                    return; // another row was selected meanwhile
                                if (detail.isEmpty())
                                    m_detail->showProblem(error.isEmpty() ? tr("Nothing is known about it here.")
                                                                          : error);
                                else
                                    m_detail->setDeadLetter(nodeId, name, detail, cachedAtMs);
                            });
}

QString DeadLetterView::selectedNode(QList<qint64>* ids, bool* severalNodes) const
{
    QString node;
    *severalNodes = false;
    const QModelIndexList rows = m_list->selectionModel()->selectedRows();
    for (const QModelIndex& index : rows) {
        const QString n = index.data(DeadLetterListModel::NodeIdRole).toString();
        if (!node.isEmpty() && n != node)
            *severalNodes = true;
        node = n;
        ids->append(index.data(DeadLetterListModel::DeadLetterIdRole).toLongLong());
    }
    std::sort(ids->begin(), ids->end());
    return *severalNodes ? QString() : node;
}

QString DeadLetterView::groupNode(QString* signature, int* count, QString* description) const
{
    const QModelIndex current = m_groups->currentIndex();
    if (!current.isValid() || !m_groups->selectionModel()->isSelected(current))
        return QString();
    *signature = current.data(DeadLetterGroupModel::SignatureRole).toString();
    *count = current.data(DeadLetterGroupModel::CountRole).toInt();
    *description = tr("group %1").arg(m_groupsProxy->index(current.row(), DeadLetterGroupModel::ErrorColumn).data().toString());
    return current.data(DeadLetterGroupModel::NodeIdRole).toString();
}

void DeadLetterView::updateButtons()
{
    const QString admins = tr("Admins resubmit");
    const auto gate = [](QPushButton* button, bool enabled, const QString& why, const QString& help) {
        button->setEnabled(enabled);
        button->setToolTip(enabled ? help : why);
    };

    QString signature;
    QString description;
    int count = 0;
    const QString groupNodeId = groupNode(&signature, &count, &description);
    const DeadLetterFeed::NodeAccess group = m_feed->access(groupNodeId);
    const QString groupWhy = groupNodeId.isEmpty() ? tr("Select a failure group first") : admins;
    gate(m_retryGroup, !groupNodeId.isEmpty() && group.canAct(), groupWhy,
         tr("Resubmit every open dead letter of this group, after a dry run"));
    gate(m_parkGroup, !groupNodeId.isEmpty() && group.canAct(),
         groupNodeId.isEmpty() ? groupWhy : tr("Admins park dead letters"),
         tr("Set every open dead letter of this group aside"));

    QList<qint64> ids;
    bool several = false;
    const QString node = selectedNode(&ids, &several);
    const DeadLetterFeed::NodeAccess access = m_feed->access(node);
    const QString none = tr("Select dead letters first");
    const QString oneNode = tr("Select dead letters of one node");
    const QString listWhy = several ? oneNode : ids.isEmpty() ? none : admins;
    gate(m_resubmit, !ids.isEmpty() && !several && access.canAct(), listWhy,
         tr("Resubmit the selected dead letters, after a dry run"));
    gate(m_edit, ids.size() == 1 && access.canAct(), ids.size() > 1 ? tr("Select one dead letter to edit it") : listWhy,
         tr("Edit the message and resubmit it, after a check"));
    // Parked ones can only be unparked: the button says which it will do.
    const bool unpark = selectionIsParked();
    m_park->setText(unpark ? tr("Un&park selected…") : tr("&Park selected…"));
    gate(m_park, !ids.isEmpty() && !several && access.canAct(),
         several ? oneNode
                 : ids.isEmpty() ? none
                                 : unpark ? tr("Admins unpark dead letters") : tr("Admins park dead letters"),
         unpark ? tr("Return the selected dead letters to open") : tr("Set the selected dead letters aside"));
}

bool DeadLetterView::selectionIsParked() const
{
    const QModelIndexList rows = m_list->selectionModel()->selectedRows();
    return !rows.isEmpty() && std::all_of(rows.cbegin(), rows.cend(), [](const QModelIndex& index) {
        return index.data(DeadLetterListModel::StateRole).toString() == u"parked";
    });
}

QString DeadLetterView::bannerText() const
{
    return m_banner->isHidden() ? QString() : m_bannerText->text();
}

bool DeadLetterView::isRefusedState() const
{
    return m_stack->currentWidget() == m_refusal;
}

QString DeadLetterView::refusalText() const
{
    return m_refusal->text();
}

void DeadLetterView::updateBanner()
{
    const QList<DeadLetterFeed::NodeAccess> nodes = m_feed->nodes();
    QStringList lines;
    QStringList refused;
    int readable = 0;
    for (const DeadLetterFeed::NodeAccess& a : nodes) {
        if (!a.canRead()) {
            refused << tr("Your role cannot see dead letters on %1.").arg(a.name);
            continue;
        }
        ++readable;
        if (!a.live && a.cachedAtMs > 0)
            lines << tr("%1 is offline — dead letters as of %2. Actions made now wait as pending until it is back.")
                         .arg(a.name, asOfText(a.cachedAtMs));
        else if (!a.problem.isEmpty())
            lines << tr("%1: %2").arg(a.name, a.problem);
        else if (!a.live && a.cachedAtMs == 0 && !a.role.isEmpty())
            lines << tr("%1 is offline and nothing of it is cached yet.").arg(a.name);
    }
    // Every node refuses this role: one plain sentence instead of an empty view.
    const bool allRefused = !nodes.isEmpty() && readable == 0;
    m_refusal->setText(refused.join(u'\n'));
    m_stack->setCurrentWidget(allRefused ? static_cast<QWidget*>(m_refusal) : m_stack->widget(0));
    if (!allRefused)
        lines = refused + lines;
    m_bannerText->setText(allRefused ? QString() : lines.join(u'\n'));
    m_banner->setVisible(!allRefused && !lines.isEmpty());
}

void DeadLetterView::updateStatus()
{
    DeadLetterListModel* model = m_feed->list();
    const int rows = model->rowCount();
    QString text = tr("%n dead letter(s) shown", nullptr, rows);
    if (model->canFetchMore(QModelIndex()))
        text += u' ' + tr("(older ones load as you scroll)");
    else if (model->isFetching())
        text += u' ' + tr("(loading…)");
    m_status->setText(text);
}

void DeadLetterView::updateFilterChoices()
{
    QStringList channels;
    QStringList destinations;
    QStringList classes;
    DeadLetterGroupModel* groups = m_feed->groups();
    for (int row = 0; row < groups->rowCount(); ++row) {
        const QModelIndex index = groups->index(row, 0);
        channels << index.data(DeadLetterGroupModel::ChannelsRole).toStringList();
        destinations << index.data(DeadLetterGroupModel::DestinationsRole).toStringList();
        classes << index.data(DeadLetterGroupModel::ErrorClassRole).toString();
    }
    setChoices(m_channelBox, channels);
    setChoices(m_destinationBox, destinations);
    setChoices(m_errorClassBox, classes);
}

QDialog* DeadLetterView::activeDialog() const
{
    return m_dialog;
}

void DeadLetterView::openDialog(QDialog* dialog)
{
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    m_dialog = dialog;
    dialog->open();
    emit dialogOpened(dialog);
}

NodeSession* DeadLetterView::actingSession(const QString& node) const
{
    NodeSession* session = m_feed->session(node);
    return !node.isEmpty() && session && m_feed->access(node).canAct() ? session : nullptr;
}

NodeSession* DeadLetterView::groupSession(DeadLetterScope* scope) const
{
    return actingSession(groupNode(&scope->signature, &scope->knownCount, &scope->description));
}

NodeSession* DeadLetterView::selectionSession(DeadLetterScope* scope) const
{
    bool several = false;
    const QString node = selectedNode(&scope->ids, &several);
    if (scope->ids.isEmpty())
        return nullptr;
    NodeSession* session = actingSession(node);
    if (!session)
        return nullptr;
    scope->knownCount = int(scope->ids.size());
    scope->description = tr("%n selected dead letter(s)", nullptr, scope->knownCount);
    return session;
}

void DeadLetterView::retryGroup()
{
    DeadLetterScope scope;
    NodeSession* session = groupSession(&scope);
    if (!session)
        return;
    openDialog(new BulkResubmitDialog(session, scope, this));
}

void DeadLetterView::parkGroup()
{
    DeadLetterScope scope;
    NodeSession* session = groupSession(&scope);
    if (!session)
        return;
    openDialog(new ParkDialog(session, scope, this));
}

void DeadLetterView::resubmitSelected()
{
    DeadLetterScope scope;
    NodeSession* session = selectionSession(&scope);
    if (!session)
        return;
    openDialog(new BulkResubmitDialog(session, scope, this));
}

void DeadLetterView::parkSelected()
{
    DeadLetterScope scope;
    NodeSession* session = selectionSession(&scope);
    if (!session)
        return;
    openDialog(new ParkDialog(session, scope, selectionIsParked() ? ParkDialog::Mode::Unpark : ParkDialog::Mode::Park,
                              this));
}

void DeadLetterView::editAndResubmit()
{
    QList<qint64> ids;
    bool several = false;
    const QString node = selectedNode(&ids, &several);
    NodeSession* session = ids.size() == 1 ? actingSession(node) : nullptr;
    if (!session)
        return;
    // The pane already holds the dead letter with its content when it shows this one.
    const QJsonObject known = m_detail->nodeId() == node && m_detail->deadLetterId() == ids.first()
        ? m_detail->deadLetter()
        : QJsonObject{{u"id"_s, double(ids.first())}};
    openDialog(new ResubmitDialog(session, known, this));
}

void DeadLetterView::refresh()
{
    m_feed->reload();
}

void DeadLetterView::focusFilter()
{
    m_textFilter->setFocus(Qt::ShortcutFocusReason);
    m_textFilter->selectAll();
}
