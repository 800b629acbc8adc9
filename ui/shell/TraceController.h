#pragma once

#include "ui/views/TraceQuery.h"

#include <QHash>
#include <QObject>
#include <QString>

class MessageListModel;
class NodeFleet;
class QWidget;
class TraceSearchBar;
class TraceTimelineModel;
class TraceView;

/// The Traces page's wiring: turns a TraceQuery from the search bar into GET /api/v1/messages on
/// every node (docs/ops-api.md 4.5), or into a cache query for nodes that are offline, and merges the
/// pages into one MessageListModel. An identifier that is not a correlation ID is tried as MSH-10
/// first and as patient identifier when a node has no message with that control ID. Recent and saved
/// searches are kept in QSettings. Opening a result fetches its detail from its node (the cached copy
/// when the node cannot answer) and its trace from every node into one timeline.
class TraceController : public QObject
{
    Q_OBJECT

public:
    TraceController(NodeFleet* fleet, QObject* parent = nullptr);
    ~TraceController() override;

    /// The page widget (owned by the caller once placed in the window).
    QWidget* widget() const;
    TraceView* view() const { return m_view; }
    MessageListModel* results() const { return m_results; }
    TraceTimelineModel* timeline() const { return m_timeline; }
    TraceSearchBar* searchBar() const;

    void focusSearch();
    void search(const TraceQuery& query);
    /// Shows message `messageId` of node `nodeId` in the detail pane and the trace of
    /// `correlationId` (empty: none) of every node in its timeline.
    void openMessage(const QString& nodeId, qint64 messageId, const QString& correlationId);

    /// The ops API query string for one way of reading `query` ("controlId", "patientId",
    /// "correlationId", or empty for filters only).
    static QString apiQuery(const TraceQuery& query, const QString& identifierParameter);

private:
    void fetchPage(const QString& nodeId, const QString& cursor,
                   std::function<void(QJsonArray items, QString nextCursor)> done);

    void loadTrace(const QString& correlationId);

    NodeFleet* m_fleet = nullptr;
    TraceView* m_view = nullptr;
    MessageListModel* m_results = nullptr;
    TraceTimelineModel* m_timeline = nullptr;
    QString m_openNodeId;   // the message the detail pane waits for: later replies of others are dropped
    qint64 m_openMessageId = 0;
    TraceQuery m_query;
    QHash<QString, QString> m_parameterOf; // node id -> identifier parameter that found something
};
