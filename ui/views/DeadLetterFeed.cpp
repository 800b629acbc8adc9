#include "ui/views/DeadLetterFeed.h"

#include "models/console/DeadLetterGroupModel.h"
#include "models/console/DeadLetterListModel.h"
#include "ui/session/ActionQueue.h"
#include "ui/session/NodeFleet.h"
#include "ui/session/NodeSession.h"

#include <QDateTime>
#include <QJsonArray>
#include <QUrl>

#include <utility>

using namespace Qt::StringLiterals;

namespace {

/// Replays whose fate one page's answer may look up (GET /messages?correlationId=…).
constexpr int kReplayLookupsPerPage = 20;

QString encoded(const QString& value)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(value));
}

QList<qint64> idsOf(const QJsonObject& body)
{
    QList<qint64> ids;
    const QJsonArray array = body.value(u"ids").toArray();
    for (const QJsonValue& v : array)
        ids << qint64(v.toDouble());
    return ids;
}

} // namespace

DeadLetterFeed::DeadLetterFeed(NodeFleet* fleet, QObject* parent)
    : QObject(parent)
    , m_fleet(fleet)
    , m_groups(new DeadLetterGroupModel(this))
    , m_list(new DeadLetterListModel(this))
{
    m_list->setPageFetcher([this](const QString& nodeId, const QString& cursor,
                                  std::function<void(QJsonArray, QString, bool)> done) {
        fetchPage(nodeId, cursor, std::move(done));
    });
    // Events come in bursts (a feed's failures, a bulk resubmission): one refresh per burst.
    m_refreshTimer.setSingleShot(true);
    m_refreshTimer.setInterval(300);
    connect(&m_refreshTimer, &QTimer::timeout, this, &DeadLetterFeed::flushRefreshes);
    if (m_fleet) {
        const QList<NodeSession*> sessions = m_fleet->sessions();
        for (NodeSession* s : sessions)
            addSession(s);
        connect(m_fleet, &NodeFleet::sessionAdded, this, [this](NodeSession* s) {
            addSession(s);
            requery();
        });
        connect(m_fleet, &NodeFleet::sessionRemoved, this, &DeadLetterFeed::removeSession);
    }
    reload();
}

DeadLetterFeed::~DeadLetterFeed() = default;

NodeFleet* DeadLetterFeed::fleet() const
{
    return m_fleet;
}

NodeSession* DeadLetterFeed::session(const QString& nodeId) const
{
    return m_fleet ? m_fleet->session(nodeId) : nullptr;
}

QList<DeadLetterFeed::NodeAccess> DeadLetterFeed::nodes() const
{
    QList<NodeAccess> result;
    for (const QString& id : m_order)
        result << m_access.value(id);
    return result;
}

DeadLetterFeed::NodeAccess DeadLetterFeed::access(const QString& nodeId) const
{
    return m_access.value(nodeId);
}

void DeadLetterFeed::setAccess(const NodeAccess& access)
{
    if (!m_order.contains(access.nodeId))
        m_order << access.nodeId;
    m_access.insert(access.nodeId, access);
    m_groups->setNodeName(access.nodeId, access.name);
    m_list->setNodeName(access.nodeId, access.name);
    emit accessChanged();
}

void DeadLetterFeed::addSession(NodeSession* s)
{
    const QString nodeId = s->nodeId();
    if (!m_order.contains(nodeId))
        m_order << nodeId;
    updateAccess(s);
    connect(s, &NodeSession::eventReceived, this, [this, nodeId](const QJsonObject& frame) { onEvent(nodeId, frame); });
    connect(s, &NodeSession::liveChanged, this, [this, s, nodeId](bool live) {
        const bool wasLive = m_access.value(nodeId).live;
        updateAccess(s);
        m_groups->setCached(nodeId, !live);
        m_list->setCached(nodeId, !live);
        if (live && !wasLive)
            refreshNode(nodeId);
    });
    connect(s, &NodeSession::resynced, this, [this, nodeId] { refreshNode(nodeId); });
    connect(s, &NodeSession::userChanged, this, [this, s, nodeId] {
        const bool couldRead = m_access.value(nodeId).canRead();
        updateAccess(s);
        if (couldRead != m_access.value(nodeId).canRead()) {
            if (!m_access.value(nodeId).canRead())
                m_groups->removeNode(nodeId);
            requery();
            fetchGroups(nodeId);
        }
    });
    connect(s, &NodeSession::profileChanged, this, [this, s] { updateAccess(s); });
    connect(s->actions(), &ActionQueue::actionChanged, this,
            [this, nodeId](const ConsoleAction& action) { onAction(nodeId, action); });
    // Actions still pending from before (a console restart, another view): show them as pending.
    const QList<ConsoleAction> pending = s->actions()->pending();
    for (const ConsoleAction& a : pending)
        onAction(nodeId, a);
}

void DeadLetterFeed::removeSession(const QString& nodeId)
{
    m_order.removeAll(nodeId);
    m_access.remove(nodeId);
    m_groups->removeNode(nodeId);
    m_list->removeNode(nodeId);
    emit accessChanged();
}

void DeadLetterFeed::updateAccess(NodeSession* s)
{
    NodeAccess& a = m_access[s->nodeId()];
    const NodeAccess before = a;
    a.nodeId = s->nodeId();
    a.name = s->profile().displayName.isEmpty() ? s->nodeId() : s->profile().displayName;
    a.role = s->roleName();
    a.live = s->isLive();
    if (!a.live && a.cachedAtMs == 0 && before.live)
        a.cachedAtMs = QDateTime::currentMSecsSinceEpoch(); // shown as of the moment the node went away
    if (a.live && !before.live)
        a.problem.clear();
    m_groups->setNodeName(a.nodeId, a.name);
    m_list->setNodeName(a.nodeId, a.name);
    if (before.name != a.name || before.role != a.role || before.live != a.live || before.cachedAtMs != a.cachedAtMs
        || before.problem != a.problem)
        emit accessChanged();
}

void DeadLetterFeed::setFilter(const Filter& filter)
{
    if (filter == m_filter)
        return;
    m_filter = filter;
    requery();
}

QString DeadLetterFeed::listQuery(const Filter& filter, const QString& cursor, int limit)
{
    QStringList parts{u"state="_s + encoded(filter.state.isEmpty() ? u"open"_s : filter.state)};
    const auto add = [&parts](const QString& name, const QString& value) {
        if (!value.isEmpty())
            parts << name + u'=' + encoded(value);
    };
    add(u"stage"_s, filter.stage);
    add(u"errorClass"_s, filter.errorClass);
    add(u"channel"_s, filter.channel);
    add(u"destination"_s, filter.destination);
    add(u"signature"_s, filter.signature);
    add(u"before"_s, cursor);
    parts << u"limit="_s + QString::number(limit);
    return parts.join(u'&');
}

QStringList DeadLetterFeed::queriedNodes() const
{
    QStringList nodes;
    for (const QString& id : m_order) {
        if (!session(id) || !m_access.value(id).canRead())
            continue;
        if (!m_filter.signature.isEmpty() && !m_filter.signatureNode.isEmpty() && id != m_filter.signatureNode)
            continue;
        nodes << id;
    }
    return nodes;
}

void DeadLetterFeed::requery()
{
    m_list->setQuery(queriedNodes());
    if (m_list->canFetchMore(QModelIndex()))
        m_list->fetchMore(QModelIndex());
}

void DeadLetterFeed::reload()
{
    for (const QString& id : std::as_const(m_order))
        fetchGroups(id);
    requery();
}

void DeadLetterFeed::refreshNode(const QString& nodeId)
{
    fetchGroups(nodeId);
    m_list->refreshHead(nodeId);
}

void DeadLetterFeed::fetchGroups(const QString& nodeId)
{
    NodeSession* s = session(nodeId);
    if (!s || !m_access.value(nodeId).canRead())
        return;
    // Groups of open dead letters: what can still be retried or parked.
    s->fetchJson(u"/api/v1/dead-letters/groups?state=open"_s, u"dead-letter-groups"_s, this,
                 [this, nodeId](const QJsonObject& json, qint64 cachedAtMs, const QString& error) {
                     noteAnswer(nodeId, cachedAtMs, error, json.isEmpty());
                     if (!json.isEmpty())
                         m_groups->replaceNode(nodeId, json.value(u"items").toArray(), cachedAtMs > 0);
                 });
}

void DeadLetterFeed::fetchPage(const QString& nodeId, const QString& cursor,
                               std::function<void(QJsonArray, QString, bool)> done)
{
    NodeSession* s = session(nodeId);
    if (!s || !m_access.value(nodeId).canRead()) {
        done(QJsonArray(), QString(), false);
        return;
    }
    const QString query = listQuery(m_filter, cursor, PageSize);
    s->fetchJson(u"/api/v1/dead-letters?"_s + query, u"dead-letters?"_s + query, m_list,
                 [this, nodeId, done](const QJsonObject& json, qint64 cachedAtMs, const QString& error) {
                     noteAnswer(nodeId, cachedAtMs, error, json.isEmpty());
                     const QJsonArray items = json.value(u"items").toArray();
                     const QJsonValue next = json.value(u"nextCursor");
                     const QString cursor = next.isDouble() ? QString::number(qint64(next.toDouble()))
                                                            : next.toString();
                     for (const QJsonValue& v : items) {
                         const QJsonObject item = v.toObject();
                         m_groups->noteChannel(nodeId, item.value(u"signature").toString(),
                                               item.value(u"channel").toString());
                     }
                     done(items, cursor, cachedAtMs > 0);
                     learnReplays(nodeId);
                 });
}

void DeadLetterFeed::noteAnswer(const QString& nodeId, qint64 cachedAtMs, const QString& error, bool empty)
{
    NodeAccess& a = m_access[nodeId];
    const NodeAccess before = a;
    if (!empty) {
        a.cachedAtMs = cachedAtMs;
        a.problem.clear();
    } else if (!error.isEmpty()) {
        // The node refused (its words), or could not be reached and nothing is cached.
        a.problem = error;
    }
    if (before.cachedAtMs != a.cachedAtMs || before.problem != a.problem)
        emit accessChanged();
}

void DeadLetterFeed::learnReplays(const QString& nodeId)
{
    NodeSession* s = session(nodeId);
    if (!s)
        return;
    const auto replays = m_list->takeReplaysToLearn(nodeId, kReplayLookupsPerPage);
    for (const DeadLetterListModel::ReplayToLearn& r : replays) {
        if (r.correlationId.isEmpty())
            continue;
        const qint64 deadLetterId = r.deadLetterId;
        const qint64 replay = r.replayMessageId;
        s->fetchJson(u"/api/v1/messages?correlationId="_s + encoded(r.correlationId) + u"&limit=50"_s,
                     u"messages?correlationId="_s + r.correlationId, m_list,
                     [this, nodeId, deadLetterId, replay](const QJsonObject& json, qint64, const QString&) {
                         const QJsonArray items = json.value(u"items").toArray();
                         for (const QJsonValue& v : items) {
                             if (qint64(v.toObject().value(u"id").toDouble()) == replay)
                                 m_list->applyReplaySummary(nodeId, deadLetterId, v.toObject());
                         }
                     });
    }
}

void DeadLetterFeed::fetchDeadLetter(const QString& nodeId, qint64 id, QObject* context, DetailCallback callback)
{
    NodeSession* s = session(nodeId);
    if (!s) {
        callback(QJsonObject(), 0, tr("no such node"));
        return;
    }
    s->fetchJson(u"/api/v1/dead-letters/"_s + QString::number(id), u"dead-letter:"_s + QString::number(id), context,
                 std::move(callback));
}

void DeadLetterFeed::onEvent(const QString& nodeId, const QJsonObject& frame)
{
    const QString event = frame.value(u"event").toString();
    if (event == u"message.state") {
        m_list->applyEvent(nodeId, frame);
    } else if (event == u"deadLetter.added") {
        m_list->applyEvent(nodeId, frame);
        // The event lacks the dead letter's ID and group: the newest page and the groups say them.
        scheduleRefresh(nodeId, true);
    } else if (event == u"deadLetter.resubmitted" || event == u"deadLetter.parked"
               || event == u"deadLetter.unparked") {
        m_list->applyEvent(nodeId, frame);
        scheduleRefresh(nodeId, false);
    }
}

void DeadLetterFeed::onAction(const QString& nodeId, const ConsoleAction& action)
{
    if (action.kind != u"resubmit" && action.kind != u"park" && action.kind != u"unpark")
        return;
    const QList<qint64> ids = idsOf(action.body);
    const QString signature = action.body.value(u"signature").toString();
    if (action.isPending()) {
        m_list->setPendingAction(nodeId, action.key, action.kind, ids, signature, action.createdAtMs);
        if (!signature.isEmpty())
            m_groups->setPendingAction(nodeId, signature, action.kind);
    } else {
        m_list->clearPendingAction(nodeId, action.key);
        if (!signature.isEmpty())
            m_groups->setPendingAction(nodeId, signature, QString());
        if (action.state == ConsoleAction::State::Applied) {
            const QJsonArray results = action.result.value(u"results").toArray();
            if (action.kind == u"resubmit") {
                m_list->applyResubmitResults(nodeId, results);
            } else {
                // Park and unpark answer which ones changed (4.14a); the event says the same.
                QList<qint64> changed;
                for (const QJsonValue& v : results) {
                    const QJsonObject r = v.toObject();
                    if (r.value(u"ok").toBool())
                        changed << qint64(r.value(u"deadLetterId").toDouble());
                }
                m_list->setStates(nodeId, changed, action.kind == u"park" ? u"parked"_s : u"open"_s);
            }
        }
        scheduleRefresh(nodeId, true);
    }
    emit actionChanged(action);
}

void DeadLetterFeed::scheduleRefresh(const QString& nodeId, bool head)
{
    m_dirtyGroups.insert(nodeId);
    if (head)
        m_dirtyHeads.insert(nodeId);
    if (!m_refreshTimer.isActive())
        m_refreshTimer.start();
}

void DeadLetterFeed::flushRefreshes()
{
    const QSet<QString> groups = std::exchange(m_dirtyGroups, {});
    const QSet<QString> heads = std::exchange(m_dirtyHeads, {});
    for (const QString& id : groups)
        fetchGroups(id);
    for (const QString& id : heads)
        m_list->refreshHead(id);
}
