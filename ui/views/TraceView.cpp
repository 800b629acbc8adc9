#include "ui/views/TraceView.h"

#include "models/console/MessageListModel.h"
#include "ui/views/IdActions.h"
#include "ui/views/MessageDetailPane.h"
#include "ui/views/TraceSearchBar.h"

#include <QAction>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

TraceView::TraceView(QWidget* parent)
    : QWidget(parent)
{
    m_searchBar = new TraceSearchBar(this);
    connect(m_searchBar, &TraceSearchBar::searchRequested, this, [this](const TraceQuery& query) {
        m_searched = true;
        emit searchRequested(query);
        updateStatus();
    });
    connect(m_searchBar, &TraceSearchBar::recentSearchesChanged, this, &TraceView::recentSearchesChanged);
    connect(m_searchBar, &TraceSearchBar::savedSearchesChanged, this, &TraceView::savedSearchesChanged);

    m_table = new QTableView(this);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setWordWrap(false);
    m_table->setAlternatingRowColors(true);
    m_table->setContextMenuPolicy(Qt::CustomContextMenu);
    m_table->setAccessibleName(tr("Search results"));
    // A million rows: fixed row height, no per-row measuring (STYLE.md 2.1.5).
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 6);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    m_table->horizontalHeader()->setStretchLastSection(true);
    connect(m_table, &QTableView::customContextMenuRequested, this, &TraceView::showResultsMenu);

    m_status = new QLabel(this);

    m_detail = new MessageDetailPane(this);
    connect(m_detail, &MessageDetailPane::traceRequested, this, &TraceView::traceRequested);
    connect(m_detail, &MessageDetailPane::messageOpened, this, &TraceView::messageOpened);

    auto* copyAction = new QAction(tr("Copy correlation ID"), this);
    copyAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C));
    copyAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(copyAction, &QAction::triggered, this, &TraceView::copyCorrelationId);
    addAction(copyAction);

    auto* resultsPanel = new QWidget(this);
    auto* resultsLayout = new QVBoxLayout(resultsPanel);
    resultsLayout->setContentsMargins(0, 0, 0, 0);
    resultsLayout->addWidget(m_table, 1);
    resultsLayout->addWidget(m_status);

    auto* splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(resultsPanel);
    splitter->addWidget(m_detail);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 1);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_searchBar);
    layout->addWidget(splitter, 1);
    updateStatus();
}

TraceView::~TraceView() = default;

void TraceView::setResultsModel(MessageListModel* model)
{
    if (m_results == model)
        return;
    if (m_results)
        disconnect(m_results, nullptr, this, nullptr);
    m_results = model;
    m_table->setModel(model);
    if (model) {
        connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
                [this](const QModelIndex& current) { onCurrentRowChanged(current); });
        connect(model, &QAbstractItemModel::rowsInserted, this, &TraceView::updateStatus);
        connect(model, &QAbstractItemModel::modelReset, this, &TraceView::updateStatus);
        connect(model, &MessageListModel::pageLoaded, this, &TraceView::updateStatus);
        connect(model, &MessageListModel::allLoaded, this, &TraceView::updateStatus);
        const int charWidth = m_table->fontMetrics().horizontalAdvance(u"0"_s);
        m_table->setColumnWidth(MessageListModel::ReceivedColumn, charWidth * 21);
        m_table->setColumnWidth(MessageListModel::NodeColumn, charWidth * 14);
        m_table->setColumnWidth(MessageListModel::TypeColumn, charWidth * 10);
        m_table->setColumnWidth(MessageListModel::ControlIdColumn, charWidth * 20);
        m_table->setColumnWidth(MessageListModel::CorrelationIdColumn, charWidth * 33);
    }
    updateStatus();
}

void TraceView::setTimelineModel(TraceTimelineModel* model)
{
    m_detail->setTimelineModel(model);
}

TraceTimelineModel* TraceView::timelineModel() const
{
    return m_detail->timelineModel();
}

void TraceView::setDetail(const QString& nodeId, const QJsonObject& detail, qint64 cachedAtMs)
{
    m_detail->setDetail(nodeId, detail, cachedAtMs);
}

void TraceView::clearDetail()
{
    m_detail->clear();
}

void TraceView::setRecentSearches(const QList<TraceQuery>& queries)
{
    m_searchBar->setRecentSearches(queries);
}

QList<TraceQuery> TraceView::recentSearches() const
{
    return m_searchBar->recentSearches();
}

void TraceView::setSavedSearches(const QList<TraceQuery>& queries)
{
    m_searchBar->setSavedSearches(queries);
}

QList<TraceQuery> TraceView::savedSearches() const
{
    return m_searchBar->savedSearches();
}

void TraceView::focusSearch()
{
    m_searchBar->focusSearch();
}

void TraceView::searchFor(const QString& text)
{
    TraceQuery query;
    query.text = text.trimmed();
    m_searchBar->runQuery(query);
}

void TraceView::copyCorrelationId()
{
    const QModelIndex current = m_table->currentIndex();
    const QString fromRow = current.isValid() ? current.data(MessageListModel::CorrelationIdRole).toString() : QString();
    if (!fromRow.isEmpty())
        IdActions::copyToClipboard(fromRow);
    else
        m_detail->copyCorrelationId();
}

void TraceView::onCurrentRowChanged(const QModelIndex& current)
{
    if (!current.isValid())
        return;
    emit messageOpened(current.data(MessageListModel::NodeIdRole).toString(),
                       current.data(MessageListModel::MessageIdRole).toLongLong(),
                       current.data(MessageListModel::CorrelationIdRole).toString());
}

void TraceView::showResultsMenu(const QPoint& pos)
{
    const QModelIndex index = m_table->indexAt(pos);
    if (!index.isValid())
        return;
    QMenu menu(this);
    IdActions::addCorrelationActions(&menu, index.data(MessageListModel::CorrelationIdRole).toString(), this,
                                     [this](const QString& id) { emit traceRequested(id); });
    const QString controlId = index.siblingAtColumn(MessageListModel::ControlIdColumn).data().toString();
    if (!controlId.isEmpty())
        menu.addAction(tr("Copy MSH-10"), this, [controlId] { IdActions::copyToClipboard(controlId); });
    if (!menu.isEmpty())
        menu.exec(m_table->viewport()->mapToGlobal(pos));
}

void TraceView::updateStatus()
{
    if (!m_results) {
        m_status->clear();
        return;
    }
    const int rows = m_results->rowCount();
    QString text = tr("%n message(s)", nullptr, rows);
    if (m_results->isFetching())
        text += tr(" — loading…");
    else if (m_results->canFetchMore(QModelIndex()))
        text += tr(" — more when you scroll down");
    else if (rows == 0 && m_searched)
        text = tr("No message matches.");
    m_status->setText(text);
}
