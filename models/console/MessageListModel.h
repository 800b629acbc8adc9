#pragma once

#include <QAbstractTableModel>
#include <QHash>
#include <QJsonArray>
#include <QSet>
#include <QString>
#include <QStringList>

#include <array>
#include <functional>
#include <limits>
#include <vector>

/// Search results (MessageSummary items, ops API 4.1/4.5) from several nodes merged into one list,
/// newest receivedAt first, loaded lazily page by page (keyset cursors, 2.6).
///
/// The merge is exact: an item fetched from one node is shown only once no other node that has
/// more pages can still deliver a newer one (its oldest fetched item is not newer), so rows are only
/// ever appended, in receivedAt descending order, and never move. Items are deduplicated by
/// (node, id). Rows are compact records; display text is built in data().
class MessageListModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    /// Fetches one page of the current query from one node. `cursor` is empty for the first page,
    /// else the previous answer's nextCursor (as text). The callback may be called synchronously or
    /// later; `nextCursor` empty means that node has no more pages. A failed request: call back with
    /// an empty array and an empty cursor (the node then counts as exhausted), or never call back.
    using PageFetcher = std::function<void(const QString& nodeId, const QString& cursor,
                                           std::function<void(QJsonArray items, QString nextCursor)>)>;

    enum Column {
        ReceivedColumn,
        NodeColumn,
        TypeColumn,          ///< "ADT^A01"
        ControlIdColumn,
        CorrelationIdColumn,
        PatientColumn,       ///< as given by the node (may be "***")
        UnitColumn,
        StateColumn,
        ChannelColumn,
        ColumnCount
    };
    Q_ENUM(Column)

    enum Role {
        NodeIdRole = Qt::UserRole + 1, ///< QString
        MessageIdRole,                 ///< qint64: the node's message id
        CorrelationIdRole,             ///< QString: 32 lowercase hex
        StateRole,                     ///< QString: "accepted" | "invalid" | "unparseable" | "duplicate"
        ReceivedAtMsRole,              ///< qint64: ms since the epoch
        SortRole,                      ///< raw value of the column (ms for Received)
    };
    Q_ENUM(Role)

    explicit MessageListModel(QObject* parent = nullptr);
    ~MessageListModel() override;

    int rowCount(const QModelIndex& parent = QModelIndex()) const override;
    int columnCount(const QModelIndex& parent = QModelIndex()) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;
    bool canFetchMore(const QModelIndex& parent) const override;
    /// Asks every node that has more pages and no request outstanding for its next page.
    void fetchMore(const QModelIndex& parent) override;

    void setPageFetcher(PageFetcher fetcher);
    /// Starts a new query over these nodes (one reset): every node has a first page to fetch.
    /// Answers of an earlier query that arrive later are ignored.
    void setQuery(const QStringList& nodeIds);
    /// Empties the model and forgets the query (one reset).
    void clear();
    /// The Node column shows this name instead of the id.
    void setNodeDisplayName(const QString& nodeId, const QString& displayName);

    /// Appends already ordered items (e.g. from the offline cache) with one beginInsertRows,
    /// bypassing the merge; duplicates of rows already present are skipped. Returns rows added.
    int appendBatch(const QString& nodeId, const QJsonArray& items);

    bool isFetching() const;                         ///< a page request is outstanding
    QString nodeIdAt(int row) const;
    qint64 messageIdAt(int row) const;

signals:
    /// A page arrived (after its rows, if any, were inserted).
    void pageLoaded(const QString& nodeId, int itemCount);
    /// No node has more pages and nothing is buffered.
    void allLoaded();

private:
    /// One result row in 48 bytes, with no heap allocation of its own (a million rows in a table
    /// must stay well under 200 MB for the whole process, tests/bench/bench_console_views):
    /// repeated texts are indices into m_strings, the row's unique texts are in m_texts.
    struct Row
    {
        qint64 receivedAtMs = 0;
        qint64 id = 0;
        std::array<quint8, 16> correlation{};    ///< the 32-hex correlation ID as bytes
        quint32 texts = 0;                       ///< offset in m_texts: control ID, patient, then see flags
        quint16 node = 0;                        ///< index into m_nodeIds
        quint16 type = 0;                        ///< "ADT^A01"; this and the next three index m_strings
        quint16 unit = 0;
        quint16 state = 0;
        quint16 channel = 0;
        quint8 flags = 0;                        ///< RowFlag
    };
    static_assert(sizeof(Row) == 48);
    /// The (node << 48 | id) keys of every row and buffered item, for deduplication.
    class SeenKeys
    {
    public:
        /// False when the key was already there.
        bool insert(quint64 key);
        void clear();

    private:
        void mergeRecent();

        std::vector<quint64> m_sorted;           ///< 8 bytes a row; QSet costs several times that
        QSet<quint64> m_recent;                  ///< small, merged into m_sorted in batches
    };
    struct Source
    {
        QString nodeId;
        quint16 node = 0;
        QString cursor;                          ///< for the next page; empty before the first
        bool started = false;
        bool hasMore = true;
        bool pending = false;
        qint64 oldestFetchedMs = std::numeric_limits<qint64>::max();
        std::vector<Row> buffer;                 ///< fetched, not yet publishable; newest first
        std::size_t head = 0;                    ///< buffer[head..] is still unpublished
    };

    quint16 nodeIndex(const QString& nodeId);
    /// Parses an item not seen before into `row` (its texts appended to m_texts); false for an
    /// invalid item or one already in the model.
    bool takeItem(const QJsonObject& item, quint16 node, Row* row);
    void onPage(quint64 generation, int source, const QJsonArray& items, const QString& nextCursor);
    void publishReady();
    /// Index of `text` in m_strings (0: empty), or kSpilled once the table is full.
    quint16 intern(const QString& text);
    QString internedText(const Row& row, quint16 index, int spilledField) const;
    /// The row's n-th text in m_texts (0 control ID, 1 patient, then correlation and spilled texts).
    QString rowText(const Row& row, int n) const;
    QString correlationText(const Row& row) const;
    /// Empties rows, sources and every store that rows point into.
    void resetRows();

    PageFetcher m_fetcher;
    std::vector<Row> m_rows;
    std::vector<Source> m_sources;                   ///< one per node of the query
    QStringList m_nodeIds;                           ///< node index → id (Row keeps the index)
    QHash<QString, QString> m_nodeNames;
    SeenKeys m_seen;
    std::vector<QString> m_strings;                  ///< interned channel/unit/type/state texts; [0] empty
    QHash<QString, quint16> m_stringIndex;           ///< text → index in m_strings
    /// Per row: length-prefixed UTF-8 texts. Rows hold offsets into it, so it only grows, and is
    /// emptied together with the rows.
    std::vector<char> m_texts;
    quint64 m_generation = 0;
    bool m_allLoadedSignalled = false;
};
