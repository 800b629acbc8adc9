#pragma once

#include <QHash>
#include <QJsonObject>
#include <QMap>
#include <QString>
#include <QWidget>

class AuditLogModel;
class NodeFleet;
class NodeSession;
class QCheckBox;
class QComboBox;
class QDateTimeEdit;
class QLabel;
class QLineEdit;
class QPushButton;
class QStackedWidget;
class QTableView;

/// The audit view (issue 6): the hash-chained audit log (ops-api 4.15) of one node or of all of them,
/// newest first — who did what, to what, when, with which outcome (icon and word) and why (the
/// reason and detail in full). Filters by actor, action (the actions of ops-api 2.10), target and
/// time; "Load more" reads older pages; new entries appear as the nodes report them; "Verify chain"
/// (4.16) says in plain words whether each log is intact or where it breaks.
///
/// A node that refuses the log (nurses may not read it, 2.8) is named plainly: "Your role cannot see
/// the audit log on <node>". A node offline keeps the newest page it answered last time, marked "as of".
class AuditView : public QWidget
{
    Q_OBJECT

public:
    explicit AuditView(NodeFleet* fleet, QWidget* parent = nullptr);
    ~AuditView() override;

    AuditLogModel* auditModel() const { return m_model; }
    QTableView* tableView() const { return m_table; }
    /// Shows one node (empty: all nodes).
    void setNode(const QString& nodeId);
    QString selectedNode() const;
    /// The plain refusal shown instead of the table, or empty when the table is shown.
    QString refusalText() const;
    /// Lines about nodes that refused, failed or are shown from the cache, above the table.
    QString bannerText() const;
    QString statusText() const;
    QString verifyText() const;
    QPushButton* loadMoreButton() const { return m_loadMore; }
    QPushButton* verifyButton() const { return m_verify; }
    QLineEdit* actorEdit() const { return m_actor; }
    QComboBox* actionBox() const { return m_action; }
    QLineEdit* targetEdit() const { return m_target; }

public slots:
    /// Applies the filters shown (Search).
    void applyFilters();
    void clearFilters();
    void loadMore();
    /// GET /api/v1/audit/verify on every node shown.
    void verifyChains();

private:
    void attachSession(NodeSession* session);
    void rebuildNodeBox();
    void syncNodes();
    void fetch(const QString& nodeId, const QString& pathAndQuery, quint64 ticket, bool cache);
    void onEvent(NodeSession* session, const QJsonObject& frame);
    void updateState();
    void updateEntryDetail();
    void showVerify();

    NodeFleet* m_fleet = nullptr;
    AuditLogModel* m_model = nullptr;
    QComboBox* m_nodeBox = nullptr;
    QLineEdit* m_actor = nullptr;
    QComboBox* m_action = nullptr;
    QLineEdit* m_target = nullptr;
    QCheckBox* m_fromOn = nullptr;
    QDateTimeEdit* m_from = nullptr;
    QCheckBox* m_toOn = nullptr;
    QDateTimeEdit* m_to = nullptr;
    QPushButton* m_search = nullptr;
    QPushButton* m_clear = nullptr;
    QPushButton* m_verify = nullptr;
    QPushButton* m_loadMore = nullptr;
    QStackedWidget* m_stack = nullptr;
    QTableView* m_table = nullptr;
    QLabel* m_refusal = nullptr;
    QLabel* m_banner = nullptr;
    QLabel* m_status = nullptr;
    QLabel* m_entryDetail = nullptr;
    QLabel* m_verifyResult = nullptr;
    QWidget* m_filters = nullptr;
    QWidget* m_bottom = nullptr;
    QMap<QString, QString> m_verifyLines; ///< node name → result line
};
