#include "ui/shell/TraceController.h"

#include "models/console/MessageListModel.h"
#include "models/console/TraceTimelineModel.h"
#include "ui/session/NodeFleet.h"
#include "ui/views/TraceView.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QSettings>
#include <QUrl>

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
    m_timeline = new TraceTimelineModel(this);
    m_view = new TraceView;
    m_view->setObjectName(QStringLiteral("tracesPage"));
    m_view->setResultsModel(m_results);
    m_view->setTimelineModel(m_timeline);

    QSettings settings;
    m_view->setRecentSearches(TraceQuery::fromVariantList(settings.value(RecentKey).toList()));
    m_view->setSavedSearches(TraceQuery::fromVariantList(settings.value(SavedKey).toList()));
    connect(m_view, &TraceView::searchRequested, this, &TraceController::search);
    connect(m_view, &TraceView::messageOpened, this, &TraceController::openMessage);
    connect(m_view, &TraceView::traceRequested, m_view, &TraceView::searchFor);
    connect(m_view, &TraceView::recentSearchesChanged, this, [](const QList<TraceQuery>& list) {
        QSettings().setValue(RecentKey, TraceQuery::toVariantList(list));
    });
    connect(m_view, &TraceView::savedSearchesChanged, this, [](const QList<TraceQuery>& list) {
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

QWidget* TraceController::widget() const
{
    return m_view;
}

TraceSearchBar* TraceController::searchBar() const
{
    return m_view->searchBar();
}

void TraceController::focusSearch()
{
    m_view->focusSearch();
}

void TraceController::openMessage(const QString& nodeId, qint64 messageId, const QString& correlationId)
{
    m_openNodeId = nodeId;
    m_openMessageId = messageId;
    loadTrace(correlationId);
    NodeSession* session = m_fleet->session(nodeId);
    if (!session || messageId <= 0) {
        m_view->clearDetail();
        return;
    }
    session->fetchMessageDetail(messageId, this, [this, nodeId, messageId](const QJsonObject& detail, qint64 cachedAtMs) {
        if (m_openNodeId != nodeId || m_openMessageId != messageId)
            return;
        if (detail.isEmpty())
            m_view->clearDetail();
        else
            m_view->setDetail(nodeId, detail, cachedAtMs);
    });
}

void TraceController::loadTrace(const QString& correlationId)
{
    const QString id = correlationId.toLower();
    if (id.isEmpty()) {
        m_timeline->clear();
        return;
    }
    m_timeline->setCorrelationId(id);
    // Every node: a message routed through several nodes has events on each.
    for (NodeSession* session : m_fleet->sessions()) {
        const QString nodeId = session->nodeId();
        m_timeline->setNodeDisplayName(nodeId, session->profile().displayName);
        session->fetchTrace(id, this, [this, id, nodeId](const QJsonArray& events, qint64) {
            if (m_timeline->correlationId() == id && !events.isEmpty())
                m_timeline->setTrace(nodeId, events);
        });
    }
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
