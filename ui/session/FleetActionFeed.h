#pragma once

#include <QObject>
#include <QString>

class ActionQueue;
class ConsoleActionModel;
class NodeFleet;
class NodeSession;

/// Keeps one ConsoleActionModel filled with the actions of every node of a fleet (each node's
/// ActionQueue), so the pending-actions button and panel read the same rows and the same
/// "seen" state. One per fleet, owned by it: use FleetActionFeed::of(fleet).
class FleetActionFeed : public QObject
{
    Q_OBJECT

public:
    /// The fleet's feed, created on first use as a child of the fleet.
    static FleetActionFeed* of(NodeFleet* fleet);

    NodeFleet* fleet() const { return m_fleet; }
    ConsoleActionModel* model() const { return m_model; }
    /// The queue of a node, nullptr when the node is gone.
    ActionQueue* queue(const QString& nodeId) const;

    /// Marks every refusal shown so far as seen (the user opened the list).
    void markAllSeen();
    /// Sends what is pending now on every node that is live, and asks the others to reconnect.
    void flushAll();

private:
    explicit FleetActionFeed(NodeFleet* fleet);
    void watch(NodeSession* session);
    void reload(NodeSession* session);
    void refreshNames();

    NodeFleet* m_fleet = nullptr; ///< the parent: outlives this feed
    ConsoleActionModel* m_model = nullptr;
};
