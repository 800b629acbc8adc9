#pragma once

#include "models/console/ConsoleAction.h"
#include "ui/dialogs/DeadLetterScope.h"

#include <QDialog>
#include <QJsonObject>
#include <QPointer>
#include <QString>

class NodeSession;
class QLabel;
class QPushButton;
class QTableWidget;
class ReasonEdit;

/// Resubmit several dead letters of one node: a selection or a whole failure group
/// (docs/ops-api.md 4.14).
/// 1. A dry run first (the same endpoint with dryRun, its own fresh Idempotency-Key): how many,
///    from which channels to which destinations, how many the node would refuse and why (grouped),
///    and the warnings (grouped) — "Resubmit 14 dead letters from hl7-in to ehr, archive".
/// 2. With a reason, the real request through the node's ActionQueue (sent once; kept as pending
///    while the node is offline, in which case no dry run is possible and the dialog says so).
/// 3. The outcome item by item: resubmitted as which message, or refused with the node's code and
///    words. The list follows each replay from there.
class BulkResubmitDialog : public QDialog
{
    Q_OBJECT

public:
    BulkResubmitDialog(NodeSession* session, const DeadLetterScope& scope, QWidget* parent = nullptr);
    ~BulkResubmitDialog() override;

    const DeadLetterScope& scope() const { return m_scope; }
    /// The dry run's count; -1 before it answered.
    int dryRunCount() const { return m_count; }
    /// How many of the checked ones the node would refuse.
    int wouldRefuse() const { return m_refusedCount; }
    QString actionKey() const { return m_actionKey; }

    QLabel* summaryLabel() const { return m_summary; }
    QLabel* refusalsLabel() const { return m_refusals; }
    QLabel* warningsLabel() const { return m_warnings; }
    ReasonEdit* reasonEdit() const { return m_reason; }
    QPushButton* resubmitButton() const { return m_resubmitButton; }
    QPushButton* dryRunButton() const { return m_dryRunButton; }
    QTableWidget* outcomesTable() const { return m_outcomes; }
    QLabel* outcomeLabel() const { return m_outcome; }

public slots:
    /// Asks the node for a dry run of the scope.
    void dryRun();
    /// Submits the resubmission (when allowed).
    void resubmit();

signals:
    void dryRunFinished(bool ok);
    /// The node's final answer arrived and is shown (pending: it was kept as pending instead).
    void outcomeShown(bool pending);

private:
    void showDryRun(const QJsonObject& answer);
    void showOutcome(const ConsoleAction& action);
    void onAction(const ConsoleAction& action);
    void updateButtons();

    QPointer<NodeSession> m_session;
    QString m_nodeName;
    DeadLetterScope m_scope;
    int m_count = -1;
    int m_refusedCount = 0;
    bool m_busy = false;
    QString m_actionKey;

    QLabel* m_summary = nullptr;
    QLabel* m_refusals = nullptr;
    QLabel* m_warnings = nullptr;
    QPushButton* m_dryRunButton = nullptr;
    ReasonEdit* m_reason = nullptr;
    QPushButton* m_resubmitButton = nullptr;
    QTableWidget* m_outcomes = nullptr;
    QLabel* m_outcome = nullptr;
};
