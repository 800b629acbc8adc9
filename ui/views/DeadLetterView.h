#pragma once

#include <QPointer>
#include <QString>
#include <QWidget>

class DeadLetterDetailPane;
class DeadLetterFeed;
class NodeFleet;
class QComboBox;
class QDialog;
class QLabel;
class QLineEdit;
class QPushButton;
class QSortFilterProxyModel;
class QStackedWidget;
class QTableView;
class QTimer;
class NodeSession;
struct DeadLetterScope;

/// The console's dead letters (DESIGN.md 5; issue 6): for support to read and admins to act on.
/// - Left: failure groups of every node (how many, since when, from and to where, the latest
///   reason), with "Retry group…" and "Park group…". Selecting a group narrows the list to it.
/// - Right: the dead letters, filtered by state, stage, channel, destination and error class (on the
///   node) and by text (here), several selectable for "Resubmit selected…" / "Park selected…"
///   ("Unpark selected…" when they are parked), one
///   for "Edit and resubmit…"; each resubmission's follow-up ("delivered to ehr", "failed again:
///   dead letter 31") is shown live in its row, a pending one as pending.
/// - Below: the selected dead letter, raw and parsed side by side, its reason and location marked.
/// Only admins are offered the actions (the buttons say "Admins resubmit" to everyone else); a role
/// that cannot read dead letters (nurses) gets one plain sentence instead of the view. Offline, the
/// cached groups and list are shown "as of" when they were fetched.
class DeadLetterView : public QWidget
{
    Q_OBJECT

public:
    explicit DeadLetterView(NodeFleet* fleet, QWidget* parent = nullptr);
    ~DeadLetterView() override;

    DeadLetterFeed* feed() const { return m_feed; }
    QTableView* groupsView() const { return m_groups; }
    QTableView* listView() const { return m_list; }
    QSortFilterProxyModel* groupsProxy() const { return m_groupsProxy; }
    QSortFilterProxyModel* listProxy() const { return m_listProxy; }
    DeadLetterDetailPane* detailPane() const { return m_detail; }
    QPushButton* retryGroupButton() const { return m_retryGroup; }
    QPushButton* parkGroupButton() const { return m_parkGroup; }
    QPushButton* resubmitButton() const { return m_resubmit; }
    QPushButton* editButton() const { return m_edit; }
    QPushButton* parkButton() const { return m_park; }
    QPushButton* showAllButton() const { return m_showAll; }
    QComboBox* stateBox() const { return m_stateBox; }
    QComboBox* stageBox() const { return m_stageBox; }
    QComboBox* channelBox() const { return m_channelBox; }
    QComboBox* destinationBox() const { return m_destinationBox; }
    QComboBox* errorClassBox() const { return m_errorClassBox; }
    QLineEdit* textFilter() const { return m_textFilter; }
    QLabel* statusLabel() const { return m_status; }

    /// What the banner says (offline "as of", a node's refusal); empty when it is hidden.
    QString bannerText() const;
    /// True when no node lets the signed-in role read dead letters: the view shows only that.
    bool isRefusedState() const;
    QString refusalText() const;
    /// The dialog opened last by one of the actions, while it is open.
    QDialog* activeDialog() const;

    /// Selects (and narrows the list to) a failure group; false when it is not shown.
    bool selectGroup(const QString& nodeId, const QString& signature);
    /// Selects the list row of a dead letter; false when it is not shown.
    bool selectDeadLetter(const QString& nodeId, qint64 id);

public slots:
    void retryGroup();
    void parkGroup();
    void resubmitSelected();
    void editAndResubmit();
    void parkSelected();
    /// Back to every group's dead letters.
    void showAll();
    void refresh();
    void focusFilter();

signals:
    /// An action opened a dialog (it deletes itself when closed).
    void dialogOpened(QDialog* dialog);

private:
    QWidget* buildGroupsPanel();
    QWidget* buildListPanel();
    void applyFilters();
    void onGroupChanged();
    void onListCurrentChanged();
    void updateButtons();
    void updateBanner();
    void updateStatus();
    void updateFilterChoices();
    void openDialog(QDialog* dialog);
    /// The selected list rows' node (empty when none or several nodes) and ids.
    QString selectedNode(QList<qint64>* ids, bool* severalNodes) const;
    QString groupNode(QString* signature, int* count, QString* description) const;
    /// The node's session when its signed-in user may act there, else null.
    NodeSession* actingSession(const QString& node) const;
    /// The selected group's session and scope (signature, count, description), or null when it cannot be acted on.
    NodeSession* groupSession(DeadLetterScope* scope) const;
    /// The selected rows' session and scope (ids, count, description), or null when they cannot be acted on.
    NodeSession* selectionSession(DeadLetterScope* scope) const;
    /// Every selected row is parked (the park button unparks them).
    bool selectionIsParked() const;

    DeadLetterFeed* m_feed = nullptr;
    QSortFilterProxyModel* m_groupsProxy = nullptr;
    QSortFilterProxyModel* m_listProxy = nullptr;
    QStackedWidget* m_stack = nullptr;
    QLabel* m_refusal = nullptr;
    QWidget* m_banner = nullptr;
    QLabel* m_bannerText = nullptr;
    QTableView* m_groups = nullptr;
    QTableView* m_list = nullptr;
    DeadLetterDetailPane* m_detail = nullptr;
    QPushButton* m_retryGroup = nullptr;
    QPushButton* m_parkGroup = nullptr;
    QPushButton* m_resubmit = nullptr;
    QPushButton* m_edit = nullptr;
    QPushButton* m_park = nullptr;
    QPushButton* m_showAll = nullptr;
    QLabel* m_groupLabel = nullptr;
    QComboBox* m_stateBox = nullptr;
    QComboBox* m_stageBox = nullptr;
    QComboBox* m_channelBox = nullptr;
    QComboBox* m_destinationBox = nullptr;
    QComboBox* m_errorClassBox = nullptr;
    QLineEdit* m_textFilter = nullptr;
    QLabel* m_status = nullptr;
    QTimer* m_filterTimer = nullptr;
    QTimer* m_ageTimer = nullptr;
    QPointer<QDialog> m_dialog;
    QString m_detailKey;            ///< "node/id" of the dead letter the detail pane should show
    bool m_groupsRemoving = false;  ///< the groups proxy is removing rows (see onGroupChanged())
};
