#pragma once

#include "models/console/ResubmitFollowUp.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QSet>
#include <QString>
#include <QStringList>

#include <functional>

/// Dead letters of several nodes (DeadLetterSummary, docs/ops-api.md 4.10), newest first, loaded
/// page by page (keyset cursors, 2.6), with what became of each resubmission followed live
/// (ResubmitFollowUp) and the console's pending actions on them.
///
/// Rows are ordered by createdAt (newest first), then node and ID; new ones are inserted where they
/// belong and never move afterwards. Rows of one node are deduplicated by ID: a row seen again
/// (a refreshed head page, an event) is updated in place. A row that changes state (open →
/// resubmitted or parked) stays, so the follow-up of a resubmission can be watched where it was made.
/// Semantic roles only: colours and icons are the ui's business.
class DeadLetterListModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    /// Fetches one page of the current query from one node. `cursor` is empty for the first page,
    /// else the previous answer's nextCursor. Call back once, synchronously or later: nextCursor
    /// empty means no more pages; `cached` means the page came from the console's cache. A failed
    /// request: call back with an empty array and no cursor (the node then counts as exhausted).
    using PageFetcher = std::function<void(const QString& nodeId, const QString& cursor,
                                           std::function<void(QJsonArray items, QString nextCursor, bool cached)>)>;
    /// Gives the current time in ms since the epoch (tests pin it).
    using Clock = std::function<qint64()>;

    enum Column {
        IdColumn,
        NodeColumn,
        AgeColumn,          ///< "5 min", "3 h 12 min"
        StageColumn,
        ReasonColumn,
        StateColumn,        ///< "open", "resubmitted", "parked", with a pending action said too
        FollowUpColumn,     ///< what became of the resubmission
        ErrorClassColumn,
        ChannelColumn,
        DestinationColumn,
        TypeColumn,         ///< "ADT^A08"
        ControlIdColumn,
        UnitColumn,
        ColumnCount
    };
    Q_ENUM(Column)

    enum Role {
        NodeIdRole = Qt::UserRole + 1, ///< QString
        DeadLetterIdRole,              ///< qint64
        MessageIdRole,                 ///< qint64: the message it holds
        CorrelationIdRole,             ///< QString
        StageRole,                     ///< QString: "parse" | "validate" | "deliver"
        StateRole,                     ///< QString: "open" | "resubmitted" | "parked" (docs/ops-api.md 4.14a)
        ReasonRole,                    ///< QString
        ErrorClassRole,                ///< QString
        ErrorLocationRole,             ///< QString
        ChannelRole,                   ///< QString
        DestinationRole,               ///< QString
        SignatureRole,                 ///< QString: its failure group
        CreatedAtMsRole,               ///< qint64
        ResubmittedAsRole,             ///< qint64: the replay's message ID; 0 when none
        FollowUpRole,                  ///< QString: the follow-up in words; empty when none
        FollowUpPhaseRole,             ///< QString: "pending" | "queued" | "delivered" | "failed" | "refused" | ""
        FollowUpWarningsRole,          ///< QStringList: warnings of the resubmit answer
        PendingActionRole,             ///< QString: kind of a pending console action on it ("resubmit", "park", "unpark"); empty when none
        PendingSinceMsRole,            ///< qint64
        CachedRole,                    ///< bool: from the console's cache (the node is not live)
        NeedsAttentionRole,            ///< bool: the resubmission was refused or the replay failed again
        AttentionReasonRole,           ///< QString: why (the follow-up in words)
        DeadLetterJsonRole,            ///< QJsonObject: the row as the node gave it
        SortRole,                      ///< raw value of the column
    };
    Q_ENUM(Role)

    explicit DeadLetterListModel(QObject* parent = nullptr);
    ~DeadLetterListModel() override;

    int rowCount(const QModelIndex& parent = QModelIndex()) const override;
    int columnCount(const QModelIndex& parent = QModelIndex()) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;
    bool canFetchMore(const QModelIndex& parent) const override;
    /// Asks every node that has more pages and no request outstanding for its next page.
    void fetchMore(const QModelIndex& parent) override;

    void setPageFetcher(PageFetcher fetcher);
    void setClock(Clock clock);
    void setNodeName(const QString& nodeId, const QString& name);

    /// Starts a new query over these nodes (one reset; follow-ups are kept): each node has a first
    /// page to fetch. Answers of an earlier query that arrive later are ignored.
    void setQuery(const QStringList& nodeIds);
    /// Empties the rows and forgets the query (one reset).
    void clear();
    /// Fetches the node's newest page again and merges it (new dead letters appear, changed ones are
    /// updated); goes on to older pages while a whole page was new. One at a time per node.
    void refreshHead(const QString& nodeId);
    /// Merges rows (DeadLetterSummary objects) of a node. Returns how many were new.
    int upsertItems(const QString& nodeId, const QJsonArray& items, bool cached = false);
    void removeNode(const QString& nodeId);
    /// Marks the node's rows as cached (offline) or live.
    void setCached(const QString& nodeId, bool cached);

    /// A stream event frame of the node (5.3): deadLetter.resubmitted, .parked and .unparked change
    /// their rows; message.state and deadLetter.added of a replay move its follow-up on. Other
    /// events change nothing.
    void applyEvent(const QString& nodeId, const QJsonObject& frame);
    /// The `results` of the node's answer to a resubmit (4.14): resubmitted or refused, item by item.
    void applyResubmitResults(const QString& nodeId, const QJsonArray& results);
    /// The replay's MessageSummary (4.1) for a dead letter resubmitted before the console watched.
    void applyReplaySummary(const QString& nodeId, qint64 deadLetterId, const QJsonObject& summary);
    /// Sets the state of rows the console knows changed (e.g. "parked" after a park was applied).
    void setStates(const QString& nodeId, const QList<qint64>& ids, const QString& state);

    /// A console action waits for these dead letters (ids) or this failure group (signature).
    void setPendingAction(const QString& nodeId, const QString& actionKey, const QString& kind,
                          const QList<qint64>& ids, const QString& signature, qint64 sinceMs);
    void clearPendingAction(const QString& nodeId, const QString& actionKey);

    struct ReplayToLearn
    {
        qint64 deadLetterId = 0;
        qint64 replayMessageId = 0;
        QString correlationId;
    };
    /// Rows loaded as already resubmitted whose replay's fate is not known yet; each is handed out
    /// once (answer with applyReplaySummary()).
    QList<ReplayToLearn> takeReplaysToLearn(const QString& nodeId, int max);

    /// The age column says how long ago; call now and then so it stays true.
    void refreshAges();

    const ResubmitFollowUp& followUp() const { return m_followUp; }
    int rowOf(const QString& nodeId, qint64 deadLetterId) const;
    QJsonObject deadLetter(int row) const;
    QString nodeIdAt(int row) const;
    qint64 deadLetterIdAt(int row) const;
    bool isFetching() const;
    /// Whether the node's list has older pages not fetched yet.
    bool hasMore(const QString& nodeId) const;

    /// "5 min", "3 h 12 min", "2 d 4 h" for an age in ms.
    static QString ageText(qint64 ms);

signals:
    /// A page (first, next or head) arrived from the node (after its rows were merged).
    void pageLoaded(const QString& nodeId, int itemCount, bool cached);

private:
    struct Row
    {
        QString nodeId;
        qint64 id = 0;
        qint64 createdAtMs = 0;
        QJsonObject json;
        bool cached = false;
    };
    struct Source
    {
        QString nodeId;
        QString cursor;
        bool started = false;
        bool hasMore = true;
        bool pending = false;
        bool headPending = false;
        bool headAgain = false;
    };
    struct Pending
    {
        QString nodeId;
        QString kind;
        QSet<qint64> ids;
        QString signature;
        qint64 sinceMs = 0;
    };

    static QString keyOf(const QString& nodeId, qint64 id);
    static bool newerThan(const Row& a, const Row& b);
    int sourceIndex(const QString& nodeId) const;
    void fetchPage(int source);
    void fetchHead(const QString& nodeId, const QString& cursor, int pagesLeft);
    void noteFollowUpRow(const Row& row);
    void followUpChanged(const QString& nodeId, const QList<qint64>& deadLetterIds);
    const Pending* pendingFor(const Row& row) const;
    QString followUpText(const Row& row, QString* phase) const;
    void rebuildIndex();
    void emitRowChanged(int row);

    PageFetcher m_fetcher;
    Clock m_clock;
    QList<Row> m_rows;
    QHash<QString, int> m_index;                 ///< keyOf(node, id) → row
    QList<Source> m_sources;
    QHash<QString, QString> m_nodeNames;
    QHash<QString, Pending> m_pending;           ///< action key → what it waits for
    ResubmitFollowUp m_followUp;
    QSet<QString> m_followedLive;                ///< keyOf: resubmissions seen happening (event or answer)
    QSet<QString> m_learnAsked;                  ///< keyOf: replays handed out by takeReplaysToLearn()
    quint64 m_generation = 0;
};
