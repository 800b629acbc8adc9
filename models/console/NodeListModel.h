#pragma once

#include <QAbstractListModel>
#include <QJsonObject>
#include <QList>
#include <QString>

/// The console's configured nodes, one row each, with their connection state as the ui decides it
/// (connection machinery lives in net/ and ui/; this model only holds and words the result).
/// Display: the display name. States are the strings below, never colours: a delegate maps them.
class NodeListModel : public QAbstractListModel
{
    Q_OBJECT

public:
    enum Role {
        NodeIdRole = Qt::UserRole + 1, ///< QString: the configured id (stable key of the row)
        DisplayNameRole,               ///< QString
        SiteRole,                      ///< QString, may be empty
        StateRole,                     ///< QString: "connecting" | "online" | "degraded" | "offline" | "signed-out"
        StateSinceMsRole,              ///< qint64: ms since the epoch the current state began (0 = unknown)
        DetailRole,                    ///< QString, plain words: "offline since 14:02 — connection refused"
        NeedsAttentionRole,            ///< bool: degraded, offline or signed out
        UserNameRole,                  ///< QString: the signed-in user (empty when signed out)
        RoleNameRole,                  ///< QString: the signed-in role ("admin", "support", "nurse")
    };
    Q_ENUM(Role)

    struct Node
    {
        QString nodeId;
        QString displayName;
        QString site;
        QString state = QStringLiteral("connecting");
        qint64 stateSinceMs = 0;
        QString detail;                ///< the caller's words about the state ("connection refused")
        QString userName;
        QString roleName;
    };

    explicit NodeListModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = QModelIndex()) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    /// Replaces every row (one reset). Duplicate ids: the first one wins.
    void setNodes(const QList<Node>& nodes);
    /// Appends a node; an id already present updates that row instead. Returns its row.
    int addNode(const Node& node);
    bool removeNode(const QString& nodeId);
    /// Sets the state of one node; one dataChanged for its row, none when nothing changed.
    /// `detail` is the plain reason ("connection refused", "2 destinations down"); DetailRole
    /// composes it with the state and time.
    bool updateState(const QString& nodeId, const QString& state, qint64 sinceMs, const QString& detail = QString());
    /// Who is signed in on that node; empty strings when nobody.
    bool setSignedIn(const QString& nodeId, const QString& userName, const QString& roleName);
    /// Changes display name and site of a configured node.
    bool updateNode(const Node& node);

    int rowOf(const QString& nodeId) const;          ///< -1 when unknown
    Node node(int row) const;
    QStringList nodeIds() const;

    /// Why a node's latest stats (the 4.3 object) mean it is degraded, in plain words joined with
    /// "; ", or empty when healthy. Reasons: destination breakers open ("2 destinations down:
    /// lab-results, ehr"), a destination whose oldest queued message is older than
    /// kOldestQueuedLimitMs ("lab-results: oldest message 12 min"), channel errors rising
    /// (errorsTotal higher than in `previousStats`, when given: "hl7-in: 3 new errors").
    static QString assess(const QJsonObject& stats, const QJsonObject& previousStats = QJsonObject());
    static constexpr qint64 kOldestQueuedLimitMs = 5 * 60 * 1000;

    static bool needsAttention(const QString& state);

private:
    QString detailText(const Node& node) const;
    void emitRowChanged(int row);

    QList<Node> m_nodes;
};
