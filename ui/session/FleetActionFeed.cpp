#include "ui/session/FleetActionFeed.h"

#include "models/console/ConsoleActionModel.h"
#include "models/console/NodeListModel.h"
#include "ui/session/ActionQueue.h"
#include "ui/session/NodeFleet.h"
#include "ui/session/NodeSession.h"

FleetActionFeed* FleetActionFeed::of(NodeFleet* fleet)
{
    if (!fleet)
        return nullptr;
    if (auto* feed = fleet->findChild<FleetActionFeed*>(QString(), Qt::FindDirectChildrenOnly))
        return feed;
    return new FleetActionFeed(fleet);
}

FleetActionFeed::FleetActionFeed(NodeFleet* fleet)
    : QObject(fleet)
    , m_fleet(fleet)
    , m_model(new ConsoleActionModel(this))
{
    for (NodeSession* session : fleet->sessions())
        watch(session);
    connect(fleet, &NodeFleet::sessionAdded, this, &FleetActionFeed::watch);
    connect(fleet, &NodeFleet::sessionRemoved, this, [this](const QString& nodeId) { m_model->removeNode(nodeId); });
    // Renamed nodes: the node list hears of it first.
    connect(fleet->nodeList(), &QAbstractItemModel::dataChanged, this, &FleetActionFeed::refreshNames);
}

void FleetActionFeed::watch(NodeSession* session)
{
    ActionQueue* queue = session->actions();
    const QString nodeId = session->nodeId();
    m_model->setNodeName(nodeId, session->profile().displayName);
    connect(queue, &ActionQueue::actionChanged, this, [this, queue](const ConsoleAction& action) {
        m_model->upsert(action, queue->isInFlight(action.key));
    });
    connect(queue, &ActionQueue::actionsReloaded, this, [this, session] { reload(session); });
    reload(session);
}

void FleetActionFeed::reload(NodeSession* session)
{
    ActionQueue* queue = session->actions();
    QString inFlight;
    const QList<ConsoleAction> actions = queue->actions();
    for (const ConsoleAction& a : actions) {
        if (queue->isInFlight(a.key))
            inFlight = a.key;
    }
    m_model->replaceNode(session->nodeId(), actions, inFlight);
}

void FleetActionFeed::refreshNames()
{
    if (!m_fleet)
        return;
    for (NodeSession* session : m_fleet->sessions())
        m_model->setNodeName(session->nodeId(), session->profile().displayName);
}

ActionQueue* FleetActionFeed::queue(const QString& nodeId) const
{
    NodeSession* session = m_fleet ? m_fleet->session(nodeId) : nullptr;
    return session ? session->actions() : nullptr;
}

void FleetActionFeed::markAllSeen()
{
    QList<ConsoleAction> unseen;
    for (int row = 0; row < m_model->rowCount(); ++row) {
        const ConsoleAction a = m_model->actionAt(row);
        if (a.state == ConsoleAction::State::Refused && !a.seen)
            unseen.append(a);
    }
    for (const ConsoleAction& a : std::as_const(unseen)) {
        if (ActionQueue* q = queue(a.nodeId))
            q->markSeen(a.key);
    }
}

void FleetActionFeed::flushAll()
{
    if (!m_fleet)
        return;
    for (NodeSession* session : m_fleet->sessions()) {
        if (session->actions()->pendingCount() == 0)
            continue;
        if (session->isLive())
            session->actions()->flush();
        else
            session->refresh(); // reconnects at once instead of waiting out the backoff
    }
}
