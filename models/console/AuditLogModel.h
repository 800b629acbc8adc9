#pragma once

#include <QAbstractTableModel>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

#include <functional>

/// The audit log (GET /api/v1/audit, docs/ops-api.md 4.15; entries as 4.1 AuditEntry) of one or
/// more nodes in one table, newest first.
///
/// Paging: each node is read in keyset pages (`before=<seq>`) through a fetcher the view provides
/// (the model builds the path, the view does the I/O and answers with pageArrived()/pageFailed()).
/// Pages of several nodes are merged by time; an entry is shown only once every node that may still
/// have newer-or-equal entries has been read that far back (the "horizon"), so the table never shows
/// a gap that a later page fills: fetchMore() only ever appends. A node whose first page arrives late
/// (slow, offline) has its entries put in their place when they come.
///
/// Live entries: an `audit.appended` stream event (5.3) carries only seq, actor, action, outcome and
/// target. appendLive() shows it at once as a *partial* row (PartialRole; reason, role and detail
/// missing) when it matches the filter, and asks the fetcher for the head of that node's log again;
/// the answer fills the partial row in place and adds anything the stream did not say. So a new entry
/// appears immediately and is complete a moment later, without reloading the table.
///
/// A node that refuses (403: nurses may not read the audit log, 2.8) is NodeState::Forbidden and
/// contributes no rows; the view says so in plain words.
class AuditLogModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column {
        TimeColumn,
        NodeColumn,
        ActorColumn,
        ActionColumn,
        TargetColumn,
        OutcomeColumn,
        ReasonColumn,
        DetailColumn,
        ColumnCount
    };
    Q_ENUM(Column)

    enum Role {
        NodeIdRole = Qt::UserRole + 1,
        NodeNameRole,
        SeqRole,        ///< qint64, per node
        AtMsRole,       ///< qint64
        ActorRole,      ///< user name (for a failed sign-in: the name tried)
        ActorRoleRole,  ///< the actor's role ("nurse", "admin", "local-admin"); empty when not signed in or partial
        RemoteRole,     ///< client address
        ActionRole,     ///< "alert-acknowledge", "resubmit", … (2.10)
        TargetRole,     ///< "alert:3", "dead-letter:13"; empty when none
        OutcomeRole,    ///< "ok" | "denied" | "failed"
        ReasonRole,     ///< what the user wrote
        DetailRole,     ///< QJsonObject
        HashRole,
        PartialRole,    ///< bool: only what the stream event said; the rest is being fetched
        CachedRole,     ///< bool: from the console's offline cache
        EntryJsonRole,  ///< QJsonObject: the whole entry
    };
    Q_ENUM(Role)

    enum class NodeState {
        Idle,      ///< nothing asked yet
        Loading,   ///< the first page is on its way
        Ready,     ///< entries shown (live, or from the cache: nodeCachedAtMs() > 0)
        Forbidden, ///< the node answered 403: this user's role may not read its audit log
        Failed,    ///< no answer and nothing cached (nodeError() says why)
    };
    Q_ENUM(NodeState)

    /// Filters of 4.15 (all exact; from inclusive, to exclusive; 0: none).
    struct Filter {
        QString actor;
        QString action;
        QString target;
        qint64 fromMs = 0;
        qint64 toMs = 0;

        /// "&actor=…&action=…" (URL-encoded), empty without filters.
        QString query() const;
        bool matches(const QString& entryActor, const QString& entryAction, const QString& entryTarget,
                     qint64 atMs) const;
        bool operator==(const Filter& other) const = default;
    };

    /// One GET the model needs. Answer with pageArrived(ticket, …) or pageFailed(ticket, …), at once
    /// or later; answers to tickets of an earlier filter or node set are ignored.
    struct Request {
        quint64 ticket = 0;
        QString nodeId;
        QString pathAndQuery;  ///< "/api/v1/audit?limit=100&actor=nina&before=57"
        bool firstPage = false; ///< the newest page of this filter (worth caching for offline use)
        bool head = false;      ///< a re-read of the newest entries after a live event
    };
    using Fetcher = std::function<void(const Request& request)>;

    explicit AuditLogModel(QObject* parent = nullptr);
    ~AuditLogModel() override;

    int rowCount(const QModelIndex& parent = QModelIndex()) const override;
    int columnCount(const QModelIndex& parent = QModelIndex()) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex& parent) const override;
    void fetchMore(const QModelIndex& parent) override;

    void setFetcher(Fetcher fetcher);
    /// Entries per page (1–500, default 100).
    void setPageSize(int size);
    int pageSize() const { return m_pageSize; }

    /// The nodes shown, as (node id, display name), in this order. Reloads.
    void setNodes(const QList<QPair<QString, QString>>& nodes);
    void setNodeName(const QString& nodeId, const QString& name);
    QStringList nodeIds() const { return m_order; }
    /// Reloads with this filter (nothing happens when it is the current one).
    void setFilter(const Filter& filter);
    Filter filter() const { return m_filter; }
    /// Forgets every row and asks each node for its newest page again.
    void reload();

    /// A page of 4.15 ({"items": […], "nextCursor": n}); cachedAtMs > 0: from the offline cache.
    void pageArrived(quint64 ticket, const QJsonObject& page, qint64 cachedAtMs = 0);
    /// No page: forbidden (403) or another reason in plain words.
    void pageFailed(quint64 ticket, const QString& error, bool forbidden);
    /// An `audit.appended` event's data (seq, actor, action, outcome, target) of node `nodeId`, at atMs.
    void appendLive(const QString& nodeId, const QJsonObject& eventData, qint64 atMs);

    NodeState nodeState(const QString& nodeId) const;
    QString nodeError(const QString& nodeId) const;
    QString nodeName(const QString& nodeId) const;
    /// When the node's shown entries were cached (0: they came from the node).
    qint64 nodeCachedAtMs(const QString& nodeId) const;
    /// Some node may have older entries.
    bool hasMore() const;
    /// A page (not a head re-read) is on its way.
    bool isLoading() const;
    int rowOf(const QString& nodeId, qint64 seq) const;

signals:
    /// A node's state, error or cached time changed.
    void nodeStateChanged(const QString& nodeId);
    /// isLoading() or hasMore() may have changed.
    void pagingChanged();

private:
    struct Entry {
        QString nodeId;
        qint64 seq = 0;
        qint64 atMs = 0;
        QJsonObject json;
        bool partial = false;
        bool cached = false;
    };
    struct Node {
        QString name;
        NodeState state = NodeState::Idle;
        QString error;
        qint64 cachedAtMs = 0;
        bool firstLoaded = false;
        bool hasMore = false;
        qint64 cursor = 0;
        qint64 oldestAtMs = 0;
        qint64 newestSeq = 0;
        QList<Entry> held;  ///< read, older than the horizon: not shown yet (newest first)
        bool pageInFlight = false;
        bool headInFlight = false;
        bool headAgain = false;
    };
    struct Pending {
        QString nodeId;
        bool head = false;
        qint64 floorSeq = 0;  ///< head re-reads: entries above this are new
    };

    static bool newer(const Entry& a, const Entry& b);
    static Entry entryOf(const QString& nodeId, const QJsonObject& json, bool cached);
    QString pathFor(qint64 before) const;
    void requestPage(const QString& nodeId, qint64 before);
    void requestHead(const QString& nodeId, qint64 before, qint64 floorSeq);
    void mergeHead(const Pending& pending, const QJsonObject& page);
    void release();
    void insertSorted(QList<Entry> batch);
    bool fillPartial(const Entry& complete);
    bool known(const Entry& e) const;
    bool canFetchFrom(const Node& node) const;

    Fetcher m_fetcher;
    int m_pageSize = 100;
    Filter m_filter;
    QList<Entry> m_rows;
    QHash<QString, Node> m_nodes;
    QStringList m_order;
    QHash<quint64, Pending> m_pending;
    quint64 m_nextTicket = 1;
};
