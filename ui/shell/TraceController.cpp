#include "ui/shell/TraceController.h"

#include "models/console/MessageListModel.h"
#include "ui/session/NodeFleet.h"
#include "ui/views/TraceSearchBar.h"

#include <QHeaderView>
#include <QJsonArray>
#include <QSettings>
#include <QTreeView>
#include <QUrl>
#include <QVBoxLayout>

namespace {
const QString RecentKey = QStringLiteral("traces/recent");
const QString SavedKey = QStringLiteral("traces/saved");

QString enc(const QString& value)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(value));
}
} // namespace

TraceController::TraceController(NodeFleet* fleet, QObject* parent)
    : QObject(parent)
    , m_fleet(fleet)
    , m_results(new MessageListModel(this))
{
    m_page = new QWidget;
    m_page->setObjectName(QStringLiteral("tracesPage"));
    m_searchBar = new TraceSearchBar(m_page);
    m_table = new QTreeView(m_page);
    m_table->setObjectName(QStringLiteral("traceResults"));
    m_table->setRootIsDecorated(false);
    m_table->setItemsExpandable(false);
    m_table->setUniformRowHeights(true);
    m_table->setAlternatingRowColors(true);
    m_table->setModel(m_results);
    auto* layout = new QVBoxLayout(m_page);
    layout->addWidget(m_searchBar);
    layout->addWidget(m_table, 1);

    QSettings settings;
    m_searchBar->setRecentSearches(TraceQuery::fromVariantList(settings.value(RecentKey).toList()));
    m_searchBar->setSavedSearches(TraceQuery::fromVariantList(settings.value(SavedKey).toList()));
    connect(m_searchBar, &TraceSearchBar::searchRequested, this, &TraceController::search);
    connect(m_searchBar, &TraceSearchBar::recentSearchesChanged, this, [](const QList<TraceQuery>& list) {
        QSettings().setValue(RecentKey, TraceQuery::toVariantList(list));
    });
    connect(m_searchBar, &TraceSearchBar::savedSearchesChanged, this, [](const QList<TraceQuery>& list) {
        QSettings().setValue(SavedKey, TraceQuery::toVariantList(list));
    });
    m_results->setPageFetcher([this](const QString& nodeId, const QString& cursor,
                                     std::function<void(QJsonArray, QString)> done) {
        fetchPage(nodeId, cursor, std::move(done));
    });
}

TraceController::~TraceController()
{
    // The page is parented to the window's stack; the controller only drops its fetcher.
    m_results->setPageFetcher({});
}

void TraceController::focusSearch()
{
    m_searchBar->focusSearch();
}

QString TraceController::apiQuery(const TraceQuery& query, const QString& identifierParameter)
{
    QStringList parts;
    if (!query.text.isEmpty() && !identifierParameter.isEmpty())
        parts << identifierParameter + u"=" + enc(identifierParameter == u"correlationId" ? query.text.toLower() : query.text);
    if (!query.type.isEmpty())
        parts << u"type=" + enc(query.type);
    if (!query.state.isEmpty())
        parts << u"state=" + enc(query.state);
    if (query.fromMs > 0)
        parts << u"from=" + QString::number(query.fromMs);
    if (query.toMs > 0)
        parts << u"to=" + QString::number(query.toMs);
    return parts.join(u'&');
}

void TraceController::search(const TraceQuery& query)
{
    m_query = query;
    m_parameterOf.clear();
    QStringList ids;
    for (NodeSession* session : m_fleet->sessions()) {
        ids << session->nodeId();
        m_results->setNodeDisplayName(session->nodeId(), session->profile().displayName);
    }
    m_results->setQuery(ids);
    if (m_results->canFetchMore(QModelIndex()))
        m_results->fetchMore(QModelIndex());
}

void TraceController::fetchPage(const QString& nodeId, const QString& cursor,
                                std::function<void(QJsonArray items, QString nextCursor)> done)
{
    NodeSession* session = m_fleet->session(nodeId);
    if (!session) {
        done(QJsonArray(), QString());
        return;
    }
    CacheSearch offline;
    offline.text = m_query.text;
    offline.messageType = m_query.type;
    offline.state = m_query.state;
    if (m_query.fromMs > 0)
        offline.fromMs = m_query.fromMs;
    if (m_query.toMs > 0)
        offline.toMs = m_query.toMs;
    const TraceQuery::Kind kind = m_query.kind();
    offline.key = kind == TraceQuery::Kind::CorrelationId ? CacheSearch::Key::CorrelationId : CacheSearch::Key::Any;

    if (kind != TraceQuery::Kind::Identifier || !cursor.isEmpty() || !session->isLive()) {
        const QString parameter = kind == TraceQuery::Kind::CorrelationId ? QStringLiteral("correlationId")
            : kind == TraceQuery::Kind::Identifier ? m_parameterOf.value(nodeId, QStringLiteral("controlId"))
                                                   : QString();
        session->searchMessages(apiQuery(m_query, parameter), offline, cursor, this, std::move(done));
        return;
    }
    // An identifier: MSH-10 first, then patient identifier (the API has no accession filter; the cache
    // matches accession numbers when the node is offline).
    const TraceQuery query = m_query;
    session->searchMessages(apiQuery(query, QStringLiteral("controlId")), offline, QString(), this,
                            [this, session, nodeId, query, offline, done](const QJsonArray& items, const QString& next) {
                                if (!items.isEmpty() || !(m_query == query)) {
                                    m_parameterOf.insert(nodeId, QStringLiteral("controlId"));
                                    done(items, next);
                                    return;
                                }
                                m_parameterOf.insert(nodeId, QStringLiteral("patientId"));
                                session->searchMessages(apiQuery(query, QStringLiteral("patientId")), offline,
                                                        QString(), this, done);
                            });
}
