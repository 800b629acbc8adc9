#pragma once

#include "models/console/ConsoleAction.h"
#include "ui/dialogs/DeadLetterScope.h"

#include <QDialog>
#include <QPointer>
#include <QString>

class NodeSession;
class QLabel;
class QPushButton;
class ReasonEdit;

/// Park dead letters of one node: set a selection or a whole failure group aside, with a reason
/// (POST /api/v1/dead-letters/park {ids | signature, reason}, docs/ops-api.md 4.14a; admin only).
/// Parked dead letters are kept, leave the open list and the groups, and are not resubmitted.
/// Unpark (the same dialog, Mode::Unpark) returns parked ones to open. Sent through the node's
/// ActionQueue, so it is sent once and kept as pending while the node is offline; the node's answer
/// item by item (or its refusal, in its words) is shown here.
class ParkDialog : public QDialog
{
    Q_OBJECT

public:
    enum class Mode { Park, Unpark };

    ParkDialog(NodeSession* session, const DeadLetterScope& scope, QWidget* parent = nullptr);
    ParkDialog(NodeSession* session, const DeadLetterScope& scope, Mode mode, QWidget* parent = nullptr);
    ~ParkDialog() override;

    Mode mode() const { return m_mode; }
    QString actionKey() const { return m_actionKey; }
    QLabel* summaryLabel() const { return m_summary; }
    ReasonEdit* reasonEdit() const { return m_reason; }
    QPushButton* parkButton() const { return m_parkButton; }
    QLabel* outcomeLabel() const { return m_outcome; }

public slots:
    void park();

signals:
    /// The node's final answer is shown (pending: it was kept as pending instead).
    void outcomeShown(bool pending);

private:
    void onAction(const ConsoleAction& action);
    void updateButtons();

    QPointer<NodeSession> m_session;
    QString m_nodeName;
    DeadLetterScope m_scope;
    Mode m_mode = Mode::Park;
    QString m_actionKey;

    QLabel* m_summary = nullptr;
    ReasonEdit* m_reason = nullptr;
    QPushButton* m_parkButton = nullptr;
    QLabel* m_outcome = nullptr;
};
