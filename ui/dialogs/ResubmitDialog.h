#pragma once

#include "models/console/ConsoleAction.h"

#include <QDialog>
#include <QJsonObject>
#include <QPointer>
#include <QString>

class Hl7RawHighlighter;
class NodeSession;
class QDialogButtonBox;
class QLabel;
class QPlainTextEdit;
class QPushButton;
class QTableWidget;
class ReasonEdit;

/// Edit and resubmit ONE dead letter (docs/ops-api.md 4.12–4.14):
/// - the editor holds the message as the node gave it; a masked one is read-only until revealed
///   ("Reveal to edit…" asks why, POST /messages/{id}/reveal, 4.7), and the revealed text lives in
///   this dialog only (never in the offline cache);
/// - "Check" asks the node what a resubmission would do (POST /dead-letters/{id}/preview): the
///   validation findings with their locations, the diff against the original, warnings (an MSH-10
///   already delivered downstream above all), where it would go and the ACK the channel would give;
/// - "Resubmit" is offered only after a successful check of exactly the text in the editor, with a
///   reason, and only to admins; it goes through the node's ActionQueue (kind "resubmit"), so it is
///   sent once, and its outcome is shown here when the node answers.
class ResubmitDialog : public QDialog
{
    Q_OBJECT

public:
    /// `deadLetter`: the 4.12 object (with content). Empty: the dialog fetches it.
    ResubmitDialog(NodeSession* session, const QJsonObject& deadLetter, QWidget* parent = nullptr);
    ~ResubmitDialog() override;

    qint64 deadLetterId() const { return m_deadLetterId; }
    /// The editor's text differs from the stored (or revealed) message: the resubmission sends it.
    bool isEdited() const;
    /// The last check was of the editor's current text and the node would resubmit it.
    bool isCheckedOk() const;
    /// The key of the submitted action; empty before Resubmit.
    QString actionKey() const { return m_actionKey; }

    QPlainTextEdit* editor() const { return m_editor; }
    QPushButton* revealButton() const { return m_revealButton; }
    QPushButton* checkButton() const { return m_checkButton; }
    QPushButton* resubmitButton() const { return m_resubmitButton; }
    ReasonEdit* reasonEdit() const { return m_reason; }
    QLabel* maskedLabel() const { return m_masked; }
    QLabel* checkStatusLabel() const { return m_checkStatus; }
    QLabel* warningsLabel() const { return m_warnings; }
    QLabel* routeLabel() const { return m_route; }
    QTableWidget* findingsTable() const { return m_findings; }
    QTableWidget* diffTable() const { return m_diff; }
    QLabel* outcomeLabel() const { return m_outcome; }

public slots:
    /// Reveals the message with this reason (the button asks for it first) and puts the unmasked
    /// text into the editor.
    void revealWithReason(const QString& reason);
    /// Runs the node's preview on the editor's text.
    void check();
    /// Submits the resubmission (when allowed).
    void resubmit();

signals:
    /// A reveal or a check answered (ok or not).
    void revealFinished(bool ok);
    void checkFinished(bool ok);
    /// The node's final answer to the resubmission arrived (or it was kept as pending: pending true).
    void outcomeShown(bool pending);

private:
    void load();
    void showDeadLetter(const QJsonObject& deadLetter);
    void askRevealReason();
    void showPreview(const QJsonObject& preview);
    void clearPreview(const QString& status);
    void onTextChanged();
    void onAction(const ConsoleAction& action);
    void updateButtons();
    QString sentText() const;

    QPointer<NodeSession> m_session;
    QString m_nodeName;
    QJsonObject m_deadLetter;
    qint64 m_deadLetterId = 0;
    qint64 m_messageId = 0;
    bool m_isMasked = false;
    bool m_revealed = false;
    QString m_baseline;      ///< the editor text that means "unchanged" (stored, or revealed)
    QString m_checkedText;   ///< the editor text the last successful check was of
    bool m_checkOk = false;
    bool m_busy = false;
    QString m_actionKey;

    QLabel* m_header = nullptr;
    QLabel* m_masked = nullptr;
    QPushButton* m_revealButton = nullptr;
    QPlainTextEdit* m_editor = nullptr;
    Hl7RawHighlighter* m_highlighter = nullptr;
    QPushButton* m_checkButton = nullptr;
    QLabel* m_checkStatus = nullptr;
    QLabel* m_warnings = nullptr;
    QTableWidget* m_findings = nullptr;
    QTableWidget* m_diff = nullptr;
    QLabel* m_route = nullptr;
    ReasonEdit* m_reason = nullptr;
    QPushButton* m_resubmitButton = nullptr;
    QLabel* m_outcome = nullptr;
    QDialogButtonBox* m_buttons = nullptr;
};
