#pragma once

#include "ui/views/TraceQuery.h"

#include <QHash>
#include <QObject>
#include <QString>

class MessageListModel;
class NodeFleet;
class QTreeView;
class QWidget;
class TraceSearchBar;

/// The Traces page's wiring: turns a TraceQuery from the search bar into GET /api/v1/messages on
/// every node (docs/ops-api.md 4.5), or into a cache query for nodes that are offline, and merges the
/// pages into one MessageListModel. An identifier that is not a correlation ID is tried as MSH-10
/// first and as patient identifier when a node has no message with that control ID. Recent and saved
/// searches are kept in QSettings.
class TraceController : public QObject
{
    Q_OBJECT

public:
    TraceController(NodeFleet* fleet, QObject* parent = nullptr);
    ~TraceController() override;

    /// The page widget (owned by the caller once placed in the window).
    QWidget* widget() const { return m_page; }
    MessageListModel* results() const { return m_results; }
    TraceSearchBar* searchBar() const { return m_searchBar; }

    void focusSearch();
    void search(const TraceQuery& query);

    /// The ops API query string for one way of reading `query` ("controlId", "patientId",
    /// "correlationId", or empty for filters only).
    static QString apiQuery(const TraceQuery& query, const QString& identifierParameter);

private:
    void fetchPage(const QString& nodeId, const QString& cursor,
                   std::function<void(QJsonArray items, QString nextCursor)> done);

    NodeFleet* m_fleet = nullptr;
    QWidget* m_page = nullptr;
    TraceSearchBar* m_searchBar = nullptr;
    QTreeView* m_table = nullptr;
    MessageListModel* m_results = nullptr;
    TraceQuery m_query;
    QHash<QString, QString> m_parameterOf; // node id -> identifier parameter that found something
};
