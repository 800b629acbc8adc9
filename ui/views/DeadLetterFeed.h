#pragma once

#include "models/console/ConsoleAction.h"

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QString>
#include <QTimer>

#include <functional>

class DeadLetterGroupModel;
class DeadLetterListModel;
class NodeFleet;
class NodeSession;

/// Where the dead-letter view's data comes from: every node of the fleet, over the ops API only.
/// Fills a DeadLetterGroupModel (4.11) and a DeadLetterListModel (4.10, page by page) through
/// NodeSession::fetchJson (live, cached for offline; "as of" when from the cache), moves them on
/// with the stream's deadLetter.added / .resubmitted / .parked / .unparked and message.state events,
/// and mirrors the console's resubmit, park and unpark actions (ActionQueue) into them: pending while
/// pending, the node's answer when it comes.
///
/// Per node it keeps what the view needs to say and offer (NodeAccess): the role (a nurse cannot
/// read dead letters, so nothing is asked of that node), whether it is live, the cache time of what
/// is shown, and the node's words when it refused or could not be reached.
class DeadLetterFeed : public QObject
{
    Q_OBJECT

public:
    struct NodeAccess
    {
        QString nodeId;
        QString name;
        QString role;            ///< "admin" | "support" | "nurse" | "" (not known yet)
        bool live = false;
        qint64 cachedAtMs = 0;   ///< > 0: what is shown came from the cache, stored then
        QString problem;         ///< plain words: the node refused, or could not be reached with nothing cached

        /// Nurses cannot read dead letters (docs/ops-api.md 2.8); an unknown role is tried.
        bool canRead() const { return role != QStringLiteral("nurse"); }
        /// Only admins resubmit, park and unpark.
        bool canAct() const { return role == QStringLiteral("admin"); }
    };

    /// The list's server-side filters (4.10). `signature` narrows to one failure group of `signatureNode`.
    struct Filter
    {
        QString state = QStringLiteral("open"); ///< "open" | "resubmitted" | "parked" | "all"
        QString stage;
        QString errorClass;
        QString channel;
        QString destination;
        QString signature;
        QString signatureNode;

        bool operator==(const Filter&) const = default;
    };

    explicit DeadLetterFeed(NodeFleet* fleet, QObject* parent = nullptr);
    ~DeadLetterFeed() override;

    DeadLetterGroupModel* groups() const { return m_groups; }
    DeadLetterListModel* list() const { return m_list; }
    NodeFleet* fleet() const;
    NodeSession* session(const QString& nodeId) const;

    /// Every node known here, in the fleet's order.
    QList<NodeAccess> nodes() const;
    NodeAccess access(const QString& nodeId) const;
    /// Sets what is known of a node without a session of this fleet (tests; views fed by hand).
    void setAccess(const NodeAccess& access);

    Filter filter() const { return m_filter; }
    /// A new filter reloads the list (not the groups).
    void setFilter(const Filter& filter);
    /// The query string of a list page: "state=open&stage=deliver&limit=100[&before=N]".
    static QString listQuery(const Filter& filter, const QString& cursor, int limit);

    /// Everything again: groups and the list of every readable node.
    void reload();
    /// One node's groups, and its list's newest page.
    void refreshNode(const QString& nodeId);

    using DetailCallback = std::function<void(const QJsonObject& detail, qint64 cachedAtMs, const QString& error)>;
    /// GET /api/v1/dead-letters/{id} (4.12: the message content, masked per 2.9), live or cached.
    /// The callback runs once while `context` lives.
    void fetchDeadLetter(const QString& nodeId, qint64 id, QObject* context, DetailCallback callback);

    /// How many list rows a page asks for.
    static constexpr int PageSize = 100;

signals:
    /// Some node's access (role, live, cache time, problem) changed, or a node came or went.
    void accessChanged();
    /// A resubmit, park or unpark action of this console was recorded or changed state.
    void actionChanged(const ConsoleAction& action);

private:
    void addSession(NodeSession* session);
    void removeSession(const QString& nodeId);
    void updateAccess(NodeSession* session);
    void onEvent(const QString& nodeId, const QJsonObject& frame);
    void onAction(const QString& nodeId, const ConsoleAction& action);
    void fetchGroups(const QString& nodeId);
    void fetchPage(const QString& nodeId, const QString& cursor,
                   std::function<void(QJsonArray, QString, bool)> done);
    void noteAnswer(const QString& nodeId, qint64 cachedAtMs, const QString& error, bool empty);
    void learnReplays(const QString& nodeId);
    void scheduleRefresh(const QString& nodeId, bool head);
    void flushRefreshes();
    QStringList queriedNodes() const;
    void requery();

    QPointer<NodeFleet> m_fleet;
    DeadLetterGroupModel* m_groups = nullptr;
    DeadLetterListModel* m_list = nullptr;
    QList<QString> m_order;                     ///< node ids in the fleet's order
    QHash<QString, NodeAccess> m_access;
    Filter m_filter;
    QSet<QString> m_dirtyGroups;                ///< nodes whose groups to fetch again
    QSet<QString> m_dirtyHeads;                 ///< nodes whose newest page to fetch again
    QTimer m_refreshTimer;
};
