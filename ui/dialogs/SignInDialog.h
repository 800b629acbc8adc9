#pragma once

#include <QDialog>
#include <QTimer>

class NodeSession;
class QLabel;
class QLineEdit;
class QPushButton;
struct OpsReply;

/// Signs in to one node: user name and password, sent only over the pinned connection. The node's
/// answers are shown in plain words: a wrong name or password, "try again in N s" when throttled
/// (429, with the button held back until then), a changed certificate, an unreachable node.
class SignInDialog : public QDialog
{
    Q_OBJECT

public:
    SignInDialog(NodeSession* session, const QString& reason = QString(), QWidget* parent = nullptr);

    QString errorText() const;
    /// Plain words for a failed sign-in reply (public for tests).
    static QString describe(const OpsReply& reply);

private:
    void submit();
    void onReply(const OpsReply& reply);
    void tickCountdown();

    NodeSession* m_session = nullptr;
    QLineEdit* m_user = nullptr;
    QLineEdit* m_password = nullptr;
    QLabel* m_error = nullptr;
    QPushButton* m_signIn = nullptr;
    QTimer m_countdown;
    int m_waitSeconds = 0;
};
