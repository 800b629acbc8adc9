#pragma once

#include "ui/views/TraceQuery.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QWidget>

class MessageDetailPane;
class MessageListModel;
class QLabel;
class QTableView;
class TraceSearchBar;
class TraceTimelineModel;

/// The console's trace view (DESIGN.md 5, "Traces"): a search bar (TraceSearchBar), the merged
/// results of all connected nodes in a lazily filled table, and the selected message in full
/// (MessageDetailPane).
///
/// Wiring (the shell; the view does no network or disk I/O):
///  - setResultsModel() once: a MessageListModel whose PageFetcher asks the nodes or the cache.
///  - searchRequested(TraceQuery) → resultsModel->setQuery(...) with a fetcher built for that query.
///  - messageOpened(nodeId, messageId, correlationId) → GET /messages/{id} on that node (or the
///    cache) → setDetail(nodeId, detail[, cachedAtMs]); and GET /traces/{correlationId} on every node
///    → timelineModel->setTrace(node, events) (setTimelineModel() to share the shell's model).
///  - traceRequested(correlationId) → show the trace: typically searchFor(correlationId), which
///    emits searchRequested with that ID.
///  - Bind Ctrl+K (application-wide) to focusSearch().
///  - Recent and saved searches: setRecentSearches()/setSavedSearches() from QSettings at start;
///    store what recentSearchesChanged()/savedSearchesChanged() report (TraceQuery::toVariantList).
class TraceView : public QWidget
{
    Q_OBJECT

public:
    explicit TraceView(QWidget* parent = nullptr);
    ~TraceView() override;

    /// The result list (not owned). The table fetches more pages as it scrolls (fetchMore).
    void setResultsModel(MessageListModel* model);
    MessageListModel* resultsModel() const { return m_results; }

    /// The detail's Timeline tab model (not owned; nullptr: the view's own).
    void setTimelineModel(TraceTimelineModel* model);
    TraceTimelineModel* timelineModel() const;

    /// Shows one message (ops API 4.6 object) from node `nodeId`; cachedAtMs > 0: from the cache.
    void setDetail(const QString& nodeId, const QJsonObject& detail, qint64 cachedAtMs = 0);
    void clearDetail();

    void setRecentSearches(const QList<TraceQuery>& queries);
    QList<TraceQuery> recentSearches() const;
    void setSavedSearches(const QList<TraceQuery>& queries);
    QList<TraceQuery> savedSearches() const;

    TraceSearchBar* searchBar() const { return m_searchBar; }
    QTableView* resultsView() const { return m_table; }
    MessageDetailPane* detailPane() const { return m_detail; }

public slots:
    /// Ctrl+K: the cursor into the search box, its text selected.
    void focusSearch();
    /// Puts `text` into the search box (other filters cleared) and searches.
    void searchFor(const QString& text);
    /// Copies the correlation ID of the selected result (or of the shown detail).
    void copyCorrelationId();

signals:
    void searchRequested(const TraceQuery& query);
    /// A result was selected (or a timeline event of another message opened).
    void messageOpened(const QString& nodeId, qint64 messageId, const QString& correlationId);
    /// "Open trace" on a correlation ID anywhere in the view.
    void traceRequested(const QString& correlationId);
    void recentSearchesChanged(const QList<TraceQuery>& queries);
    void savedSearchesChanged(const QList<TraceQuery>& queries);

private:
    void onCurrentRowChanged(const QModelIndex& current);
    void showResultsMenu(const QPoint& pos);
    void updateStatus();

    TraceSearchBar* m_searchBar = nullptr;
    QTableView* m_table = nullptr;
    QLabel* m_status = nullptr;
    MessageDetailPane* m_detail = nullptr;
    MessageListModel* m_results = nullptr;
    bool m_searched = false;
};
