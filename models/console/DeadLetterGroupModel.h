#pragma once

#include <QAbstractTableModel>
#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QSet>
#include <QString>
#include <QStringList>

/// The failure groups of every node this console watches (GET /api/v1/dead-letters/groups,
/// docs/ops-api.md 4.11): dead letters with the same stage, error class and error location, with how
/// many, since when, where and the latest reason. One row per (node, signature).
///
/// replaceNode() updates rows in place (existing groups change, new ones are appended, gone ones
/// removed), so a view's selection survives a refresh; views sort through a proxy (SortRole).
/// Semantic roles only: colours and icons are the ui's business.
class DeadLetterGroupModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column {
        NodeColumn,
        StageColumn,      ///< "deliver", "validate", "parse"
        ErrorColumn,      ///< "hl7-101 at PID(1)-3", "connect"
        CountColumn,
        SinceColumn,      ///< firstAt
        LatestColumn,     ///< lastAt
        WhereColumn,      ///< "to lab-results" / "from hl7-in"
        ReasonColumn,     ///< latestReason
        ColumnCount
    };
    Q_ENUM(Column)

    enum Role {
        NodeIdRole = Qt::UserRole + 1, ///< QString
        NodeNameRole,                  ///< QString
        SignatureRole,                 ///< QString: opaque, for ?signature= and resubmit/park
        StageRole,                     ///< QString
        ErrorClassRole,                ///< QString
        ErrorLocationRole,             ///< QString
        CountRole,                     ///< int
        FirstAtMsRole,                 ///< qint64
        LastAtMsRole,                  ///< qint64
        DestinationsRole,              ///< QStringList (empty for ingest failures)
        ChannelsRole,                  ///< QStringList: as the node gives them, plus channels seen in its rows
        LatestReasonRole,              ///< QString
        CachedRole,                    ///< bool: from the console's cache, the node is not live
        PendingActionRole,             ///< QString: kind of a pending console action on the group ("resubmit", "park")
        GroupJsonRole,                 ///< QJsonObject: the group as the node gave it
        SortRole,                      ///< raw value of the column
    };
    Q_ENUM(Role)

    explicit DeadLetterGroupModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = QModelIndex()) const override;
    int columnCount(const QModelIndex& parent = QModelIndex()) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    void setNodeName(const QString& nodeId, const QString& name);
    /// The node's groups now (a full list: this node's rows not in it leave). cached: the list came
    /// from the console's cache, not the node.
    void replaceNode(const QString& nodeId, const QJsonArray& groups, bool cached = false);
    void removeNode(const QString& nodeId);
    /// Marks the node's rows as cached (offline) or live.
    void setCached(const QString& nodeId, bool cached);
    /// A dead letter of this group came in on `channel` (for nodes whose groups answer does not list
    /// channels yet; newer ones do, and both are shown).
    void noteChannel(const QString& nodeId, const QString& signature, const QString& channel);
    /// A console action waits for this group (kind empty: none any more).
    void setPendingAction(const QString& nodeId, const QString& signature, const QString& kind);

    int rowOf(const QString& nodeId, const QString& signature) const;
    QJsonObject group(int row) const;
    QString nodeIdAt(int row) const;
    /// Open dead letters in this node's groups.
    int totalCount(const QString& nodeId) const;

private:
    struct Row
    {
        QString nodeId;
        QString signature;
        QJsonObject group;
        qint64 firstAtMs = 0;
        qint64 lastAtMs = 0;
        bool cached = false;
    };
    static QString keyOf(const QString& nodeId, const QString& signature);
    QStringList channelsOf(const Row& row) const;
    QString errorText(const Row& row) const;
    QString whereText(const Row& row) const;
    void rebuildIndex();

    QList<Row> m_rows;
    QHash<QString, int> m_index;                 ///< keyOf → row
    QHash<QString, QString> m_nodeNames;
    QHash<QString, QSet<QString>> m_channels;    ///< keyOf → channels seen in the group's rows
    QHash<QString, QString> m_pending;           ///< keyOf → pending action kind
};
