#include "ui/dialogs/SignInDialog.h"

#include "net/ops/OpsReply.h"
#include "ui/session/NodeSession.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

SignInDialog::SignInDialog(NodeSession* session, const QString& reason, QWidget* parent)
    : QDialog(parent)
    , m_session(session)
{
    setWindowTitle(tr("Sign in to %1").arg(session->profile().displayName));
    setMinimumWidth(400);
    auto* layout = new QVBoxLayout(this);
    auto* intro = new QLabel(reason.isEmpty() ? tr("Sign in to %1 (%2).")
                                                    .arg(session->profile().displayName, session->profile().address())
                                              : reason,
                             this);
    intro->setWordWrap(true);
    layout->addWidget(intro);

    auto* form = new QFormLayout;
    m_user = new QLineEdit(session->profile().userName, this);
    m_user->setObjectName(QStringLiteral("user"));
    m_password = new QLineEdit(this);
    m_password->setObjectName(QStringLiteral("password"));
    m_password->setEchoMode(QLineEdit::Password);
    form->addRow(tr("&User:"), m_user);
    form->addRow(tr("&Password:"), m_password);
    layout->addLayout(form);

    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("error"));
    m_error->setWordWrap(true);
    m_error->hide();
    layout->addWidget(m_error);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_signIn = buttons->addButton(tr("&Sign in"), QDialogButtonBox::AcceptRole);
    m_signIn->setDefault(true);
    connect(m_signIn, &QPushButton::clicked, this, &SignInDialog::submit);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);

    if (m_user->text().isEmpty())
        m_user->setFocus();
    else
        m_password->setFocus();

    m_countdown.setInterval(1000);
    connect(&m_countdown, &QTimer::timeout, this, &SignInDialog::tickCountdown);
}

QString SignInDialog::errorText() const
{
    return m_error->text();
}

void SignInDialog::submit()
{
    if (m_user->text().trimmed().isEmpty()) {
        m_error->setText(tr("Enter your user name."));
        m_error->show();
        m_user->setFocus();
        return;
    }
    m_error->setText(tr("Signing in…"));
    m_error->show();
    m_signIn->setEnabled(false);
    const QString password = m_password->text();
    m_session->signIn(m_user->text().trimmed(), password, this, [this](const OpsReply& reply) { onReply(reply); });
}

QString SignInDialog::describe(const OpsReply& reply)
{
    if (reply.certificateMismatch)
        return tr("The node presented a different certificate than the one pinned: nothing was sent. "
                  "See the warning about the changed certificate.");
    if (reply.status == 401)
        return tr("The user name or password is wrong (or the user is disabled).");
    if (reply.status == 429) {
        const int seconds = qMax(1, reply.retryAfterSeconds);
        return tr("Too many failed sign-ins: try again in %n s.", nullptr, seconds);
    }
    if (reply.status == 0)
        return tr("The node cannot be reached: %1").arg(reply.error);
    if (!reply.error.isEmpty())
        return tr("The node refused the sign-in: %1").arg(reply.error);
    return tr("The node refused the sign-in (HTTP %1).").arg(reply.status);
}

void SignInDialog::onReply(const OpsReply& reply)
{
    if (reply.ok()) {
        m_password->clear();
        accept();
        return;
    }
    m_error->setText(describe(reply));
    m_error->show();
    m_password->selectAll();
    m_password->setFocus();
    if (reply.status == 429) {
        m_waitSeconds = qMax(1, reply.retryAfterSeconds);
        m_countdown.start();
        return;
    }
    m_signIn->setEnabled(true);
}

void SignInDialog::tickCountdown()
{
    if (--m_waitSeconds > 0) {
        m_error->setText(tr("Too many failed sign-ins: try again in %n s.", nullptr, m_waitSeconds));
        return;
    }
    m_countdown.stop();
    m_error->setText(tr("You can try again now."));
    m_signIn->setEnabled(true);
}
