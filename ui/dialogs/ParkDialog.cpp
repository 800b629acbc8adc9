#include "ui/dialogs/ParkDialog.h"

#include "ui/dialogs/ReasonEdit.h"
#include "ui/session/ActionQueue.h"
#include "ui/session/NodeSession.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QJsonArray>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

ParkDialog::ParkDialog(NodeSession* session, const DeadLetterScope& scope, QWidget* parent)
    : ParkDialog(session, scope, Mode::Park, parent)
{
}

ParkDialog::ParkDialog(NodeSession* session, const DeadLetterScope& scope, Mode mode, QWidget* parent)
    : QDialog(parent)
    , m_session(session)
    , m_scope(scope)
    , m_mode(mode)
{
    const bool park = mode == Mode::Park;
    setWindowTitle(park ? tr("Park dead letters") : tr("Unpark dead letters"));
    setObjectName(u"parkDialog"_s);
    m_nodeName = session ? session->profile().displayName : QString();

    m_summary = new QLabel(this);
    m_summary->setWordWrap(true);
    QFont big = m_summary->font();
    big.setBold(true);
    m_summary->setFont(big);
    const int count = scope.isGroup() ? scope.knownCount : int(scope.ids.size());
    if (park && scope.isGroup())
        m_summary->setText(tr("Park the open dead letters of the %1 on %2 (%n known now)?", nullptr, count)
                               .arg(scope.description, m_nodeName));
    else if (park)
        m_summary->setText(tr("Park %n dead letter(s) on %1?", nullptr, count).arg(m_nodeName));
    else
        m_summary->setText(tr("Return %n parked dead letter(s) on %1 to open?", nullptr, count).arg(m_nodeName));
    auto* explain = new QLabel(park ? tr("Parked dead letters are kept and can be looked at, but they leave the open "
                                         "list and the failure groups, and are not resubmitted.")
                                    : tr("They come back into the open list and their failure groups, and can be "
                                         "resubmitted again."),
                               this);
    explain->setWordWrap(true);

    m_reason = new ReasonEdit(this);
    connect(m_reason, &ReasonEdit::validityChanged, this, &ParkDialog::updateButtons);
    auto* form = new QFormLayout;
    form->addRow(tr("Reas&on:"), m_reason);

    m_outcome = new QLabel(this);
    m_outcome->setWordWrap(true);
    m_outcome->hide();

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    m_parkButton = buttons->addButton(park ? tr("&Park") : tr("Un&park"), QDialogButtonBox::ActionRole);
    m_parkButton->setAutoDefault(false);
    connect(m_parkButton, &QPushButton::clicked, this, &ParkDialog::park);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_summary);
    layout->addWidget(explain);
    layout->addLayout(form);
    layout->addWidget(m_outcome);
    layout->addStretch(1);
    layout->addWidget(buttons);
    resize(560, 300);

    if (m_session)
        connect(m_session->actions(), &ActionQueue::actionChanged, this, &ParkDialog::onAction);
    updateButtons();
}

ParkDialog::~ParkDialog() = default;

void ParkDialog::updateButtons()
{
    const bool admin = m_session && m_session->roleName() == u"admin";
    m_parkButton->setEnabled(admin && m_reason->isValid() && m_actionKey.isEmpty() && !m_scope.isEmpty());
    m_parkButton->setToolTip(!admin ? (m_mode == Mode::Park ? tr("Admins park dead letters")
                                                            : tr("Admins unpark dead letters"))
                                    : !m_reason->isValid() ? tr("Say why in the reason field") : QString());
}

void ParkDialog::park()
{
    if (!m_session || !m_parkButton->isEnabled())
        return;
    QJsonObject body{{u"reason"_s, m_reason->text()}};
    m_scope.addTo(body);
    const bool park = m_mode == Mode::Park;
    ConsoleAction action;
    action.kind = park ? u"park"_s : u"unpark"_s;
    action.path = park ? u"/api/v1/dead-letters/park"_s : u"/api/v1/dead-letters/unpark"_s;
    action.body = body;
    action.target = m_scope.target();
    action.summary = park ? tr("Park dead letters: %1").arg(m_scope.description)
                          : tr("Unpark dead letters: %1").arg(m_scope.description);
    action.user = m_session->userName();
    m_actionKey = m_session->actions()->submit(action);
    if (const auto now = m_session->actions()->action(m_actionKey))
        onAction(*now);
    updateButtons();
}

void ParkDialog::onAction(const ConsoleAction& action)
{
    if (m_actionKey.isEmpty() || action.key != m_actionKey)
        return;
    m_outcome->show();
    const bool park = m_mode == Mode::Park;
    switch (action.state) {
    case ConsoleAction::State::Pending:
        if (m_session && m_session->isLive())
            m_outcome->setText(tr("Sending to %1…").arg(m_nodeName));
        else {
            m_outcome->setText(park ? tr("Pending: %1 cannot be reached. Parking is kept and sent once when the node "
                                         "is back; nothing is parked until the node confirms it.")
                                          .arg(m_nodeName)
                                    : tr("Pending: %1 cannot be reached. Unparking is kept and sent once when the "
                                         "node is back; nothing changes until the node confirms it.")
                                          .arg(m_nodeName));
            emit outcomeShown(true);
        }
        return;
    case ConsoleAction::State::Applied: {
        // What the node says changed, item by item (4.14a), with its words for the rest.
        const QJsonArray results = action.result.value(u"results").toArray();
        const int changed = action.result.value(park ? u"parked" : u"unparked").toInt();
        QStringList refused;
        for (const QJsonValue& v : results) {
            const QJsonObject r = v.toObject();
            if (!r.value(u"ok").toBool())
                refused << tr("dead letter %1: %2 (%3)")
                               .arg(qint64(r.value(u"deadLetterId").toDouble()))
                               .arg(r.value(u"message").toString(), r.value(u"code").toString());
        }
        QString text = park ? tr("%n parked on %1.", nullptr, changed).arg(m_nodeName)
                            : tr("%n unparked on %1.", nullptr, changed).arg(m_nodeName);
        if (!refused.isEmpty())
            text += u'\n' + (park ? tr("Not parked: %1") : tr("Not unparked: %1")).arg(refused.join(u"; "_s));
        m_outcome->setText(text);
        break;
    }
    case ConsoleAction::State::Refused:
        m_outcome->setText(tr("Refused by %1: %2").arg(m_nodeName, action.outcome));
        break;
    case ConsoleAction::State::Discarded:
        m_outcome->setText(tr("Withdrawn before the node answered: nothing was changed by it."));
        break;
    }
    updateButtons();
    emit outcomeShown(false);
}
