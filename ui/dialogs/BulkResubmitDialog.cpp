#include "ui/dialogs/BulkResubmitDialog.h"

#include "net/ops/OpsClient.h"
#include "ui/dialogs/ReasonEdit.h"
#include "ui/session/ActionQueue.h"
#include "ui/session/NodeSession.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QLabel>
#include <QMap>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace {

/// Dry runs change nothing and are not audited, but the endpoint wants a reason all the same.
const QString kDryRunReason = u"dry run before confirming a bulk resubmission"_s;

QStringList stringsOf(const QJsonValue& value)
{
    QStringList list;
    const QJsonArray array = value.toArray();
    for (const QJsonValue& v : array)
        list << v.toString();
    return list;
}

void addUnique(QStringList& list, const QStringList& values)
{
    for (const QString& v : values) {
        if (!v.isEmpty() && !list.contains(v))
            list << v;
    }
}

} // namespace

BulkResubmitDialog::BulkResubmitDialog(NodeSession* session, const DeadLetterScope& scope, QWidget* parent)
    : QDialog(parent)
    , m_session(session)
    , m_scope(scope)
{
    setWindowTitle(tr("Resubmit dead letters"));
    setObjectName(u"bulkResubmitDialog"_s);
    m_nodeName = session ? session->profile().displayName : QString();

    auto* what = new QLabel(tr("%1 on %2").arg(scope.description, m_nodeName), this);
    what->setWordWrap(true);
    m_summary = new QLabel(this);
    m_summary->setWordWrap(true);
    QFont big = m_summary->font();
    big.setBold(true);
    big.setPointSizeF(big.pointSizeF() * 1.15);
    m_summary->setFont(big);
    m_summary->setAccessibleName(tr("What will be resubmitted"));
    m_refusals = new QLabel(this);
    m_refusals->setWordWrap(true);
    m_warnings = new QLabel(this);
    m_warnings->setWordWrap(true);
    m_warnings->setAutoFillBackground(true);
    {
        QPalette pal = m_warnings->palette();
        pal.setColor(QPalette::Window, pal.color(QPalette::ToolTipBase));
        pal.setColor(QPalette::WindowText, pal.color(QPalette::ToolTipText));
        m_warnings->setPalette(pal);
        QFont bold = m_warnings->font();
        bold.setBold(true);
        m_warnings->setFont(bold);
        m_warnings->setMargin(6);
    }
    m_warnings->hide();

    m_dryRunButton = new QPushButton(tr("Check &again"), this);
    m_dryRunButton->setToolTip(tr("Ask the node again what it would do; nothing is resubmitted"));
    connect(m_dryRunButton, &QPushButton::clicked, this, &BulkResubmitDialog::dryRun);

    m_reason = new ReasonEdit(this);
    connect(m_reason, &ReasonEdit::validityChanged, this, &BulkResubmitDialog::updateButtons);
    auto* form = new QFormLayout;
    form->addRow(tr("Reas&on:"), m_reason);

    m_outcomes = new QTableWidget(0, 3, this);
    m_outcomes->setHorizontalHeaderLabels({tr("Dead letter"), tr("Outcome"), tr("Detail")});
    m_outcomes->verticalHeader()->hide();
    m_outcomes->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_outcomes->horizontalHeader()->setStretchLastSection(true);
    m_outcomes->setAccessibleName(tr("Outcome of each dead letter"));
    m_outcomes->hide();
    m_outcome = new QLabel(this);
    m_outcome->setWordWrap(true);
    m_outcome->hide();

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    m_resubmitButton = buttons->addButton(tr("Re&submit"), QDialogButtonBox::ActionRole);
    m_resubmitButton->setAutoDefault(false);
    connect(m_resubmitButton, &QPushButton::clicked, this, &BulkResubmitDialog::resubmit);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(what);
    layout->addWidget(m_summary);
    layout->addWidget(m_refusals);
    layout->addWidget(m_warnings);
    layout->addWidget(m_dryRunButton, 0, Qt::AlignLeft);
    layout->addLayout(form);
    layout->addWidget(m_outcome);
    layout->addWidget(m_outcomes, 1);
    layout->addWidget(buttons);
    resize(760, 520);

    if (m_session)
        connect(m_session->actions(), &ActionQueue::actionChanged, this, &BulkResubmitDialog::onAction);
    if (m_session && m_session->isLive()) {
        dryRun();
    } else {
        m_summary->setText(tr("%1 cannot be reached now, so it cannot check these %n dead letter(s) first.", nullptr,
                              scope.knownCount)
                               .arg(m_nodeName));
        m_refusals->setText(tr("If you go on, the resubmission is kept as pending and sent once when the node is back; "
                               "the node then refuses any that cannot be resubmitted, and says why."));
    }
    updateButtons();
}

BulkResubmitDialog::~BulkResubmitDialog() = default;

void BulkResubmitDialog::dryRun()
{
    if (!m_session || m_busy || !m_actionKey.isEmpty())
        return;
    QJsonObject body{{u"reason"_s, m_reason->isValid() ? m_reason->text() : kDryRunReason}, {u"dryRun"_s, true}};
    m_scope.addTo(body);
    m_busy = true;
    m_count = -1;
    m_summary->setText(tr("Asking %1 what it would do…").arg(m_nodeName));
    m_refusals->clear();
    m_warnings->hide();
    updateButtons();
    // A dry run changes nothing but the endpoint still wants a key (4.14): a fresh one each time,
    // so the answer is never a stored one from an earlier check.
    m_session->client()->send("POST", u"/api/v1/dead-letters/resubmit"_s, body, OpsClient::newIdempotencyKey(), this,
                              [this](const OpsReply& reply) {
                                  m_busy = false;
                                  if (!reply.ok()) {
                                      m_summary->setText(tr("The node did not check them: %1").arg(reply.error));
                                      updateButtons();
                                      emit dryRunFinished(false);
                                      return;
                                  }
                                  showDryRun(reply.json);
                                  updateButtons();
                                  emit dryRunFinished(true);
                              });
}

void BulkResubmitDialog::showDryRun(const QJsonObject& answer)
{
    m_count = answer.value(u"count").toInt();
    const QJsonArray previews = answer.value(u"previews").toArray();
    QStringList channels;
    QStringList destinations;
    QMap<QString, QPair<int, QString>> refusals; // code → (how many, the node's words for the first)
    int delivered = 0;
    QMap<QString, int> otherWarnings;
    m_refusedCount = 0;
    for (const QJsonValue& v : previews) {
        const QJsonObject p = v.toObject();
        addUnique(channels, {p.value(u"channel").toString()});
        if (p.value(u"resubmittable").toBool()) {
            addUnique(destinations, stringsOf(p.value(u"destinations")));
        } else {
            ++m_refusedCount;
            const QString code = p.value(u"code").toString(u"refused"_s);
            auto& entry = refusals[code];
            if (entry.first++ == 0)
                entry.second = p.value(u"message").toString();
        }
        const QStringList warnings = stringsOf(p.value(u"warnings"));
        for (const QString& w : warnings) {
            if (w.contains(u"already delivered downstream"_s))
                ++delivered;
            else
                ++otherWarnings[w];
        }
    }
    const QString from = channels.isEmpty() ? tr("their channels") : channels.join(u", "_s);
    QString summary = destinations.isEmpty()
        ? tr("Resubmit %n dead letter(s) from %1 on %2.", nullptr, m_count).arg(from, m_nodeName)
        : tr("Resubmit %n dead letter(s) from %1 to %2 on %3.", nullptr, m_count)
              .arg(from, destinations.join(u", "_s), m_nodeName);
    if (m_count > previews.size())
        summary += u' ' + tr("(The node checked the first %1.)").arg(previews.size());
    m_summary->setText(summary);

    QStringList lines;
    if (m_count == 0)
        lines << tr("There is nothing to resubmit.");
    else if (m_refusedCount == 0)
        lines << tr("The node would resubmit all of them.");
    else
        lines << tr("%n of them would be refused:", nullptr, m_refusedCount);
    for (auto it = refusals.cbegin(); it != refusals.cend(); ++it)
        lines << tr("• %1 × %2 (%3)").arg(it->first).arg(it->second, it.key());
    m_refusals->setText(lines.join(u'\n'));

    QStringList warningLines;
    if (delivered > 0)
        warningLines << tr("⚠ %n of them were already delivered downstream (the same MSH-10): the receiver may "
                           "process them twice.",
                           nullptr, delivered);
    for (auto it = otherWarnings.cbegin(); it != otherWarnings.cend(); ++it)
        warningLines << tr("⚠ %1 × %2").arg(it.value()).arg(it.key());
    m_warnings->setText(warningLines.join(u'\n'));
    m_warnings->setVisible(!warningLines.isEmpty());
}

void BulkResubmitDialog::updateButtons()
{
    const bool admin = m_session && m_session->roleName() == u"admin";
    const bool live = m_session && m_session->isLive();
    const bool submitted = !m_actionKey.isEmpty();
    m_dryRunButton->setEnabled(admin && live && !m_busy && !submitted);
    m_dryRunButton->setVisible(live || m_count >= 0);
    // Live: only what the dry run counted, and only if the node would take at least one.
    const bool checked = live ? (m_count > 0 && m_refusedCount < m_count) : true;
    m_resubmitButton->setEnabled(admin && checked && m_reason->isValid() && !m_busy && !submitted);
    if (live && m_count >= 0)
        m_resubmitButton->setText(tr("Re&submit %n", nullptr, m_count));
    else if (!live)
        m_resubmitButton->setText(tr("Re&submit when the node is back"));
    m_resubmitButton->setToolTip(!admin                 ? tr("Admins resubmit")
                                 : !m_reason->isValid() ? tr("Say why in the reason field")
                                                        : QString());
}

void BulkResubmitDialog::resubmit()
{
    if (!m_session || !m_resubmitButton->isEnabled())
        return;
    QJsonObject body{{u"reason"_s, m_reason->text()}};
    m_scope.addTo(body);
    ConsoleAction action;
    action.kind = u"resubmit"_s;
    action.path = u"/api/v1/dead-letters/resubmit"_s;
    action.body = body;
    action.target = m_scope.target();
    const int count = m_count >= 0 ? m_count : m_scope.knownCount;
    action.summary = tr("Resubmit %n dead letter(s): %1", nullptr, count).arg(m_scope.description);
    action.user = m_session->userName();
    m_actionKey = m_session->actions()->submit(action);
    if (const auto now = m_session->actions()->action(m_actionKey))
        onAction(*now);
    updateButtons();
}

void BulkResubmitDialog::onAction(const ConsoleAction& action)
{
    if (m_actionKey.isEmpty() || action.key != m_actionKey)
        return;
    m_outcome->show();
    if (action.isPending()) {
        if (m_session && m_session->isLive()) {
            m_outcome->setText(tr("Sending to %1…").arg(m_nodeName));
        } else {
            m_outcome->setText(tr("Pending: %1 cannot be reached. The resubmission is kept and sent once when the node "
                                  "is back; nothing is resubmitted until the node confirms it.")
                                   .arg(m_nodeName));
            emit outcomeShown(true);
        }
        return;
    }
    showOutcome(action);
    updateButtons();
    emit outcomeShown(false);
}

void BulkResubmitDialog::showOutcome(const ConsoleAction& action)
{
    if (action.state == ConsoleAction::State::Refused) {
        m_outcome->setText(tr("Refused by %1: %2").arg(m_nodeName, action.outcome));
        return;
    }
    if (action.state == ConsoleAction::State::Discarded) {
        m_outcome->setText(tr("Withdrawn before the node answered: nothing was resubmitted by it."));
        return;
    }
    const QJsonArray results = action.result.value(u"results").toArray();
    const int resubmitted = action.result.value(u"resubmitted").toInt();
    const int refused = action.result.value(u"refused").toInt();
    m_outcome->setText(tr("%1 resubmitted, %2 refused by %3. Each replay is followed in the list.")
                           .arg(resubmitted)
                           .arg(refused)
                           .arg(m_nodeName));
    m_outcomes->setRowCount(int(results.size()));
    for (int i = 0; i < results.size(); ++i) {
        const QJsonObject r = results.at(i).toObject();
        const bool ok = r.value(u"ok").toBool();
        QString detail;
        if (ok) {
            detail = tr("as message %1, queued for %2")
                         .arg(qint64(r.value(u"messageId").toDouble()))
                         .arg(stringsOf(r.value(u"destinations")).join(u", "_s));
        } else {
            detail = tr("%1: %2").arg(r.value(u"code").toString(), r.value(u"message").toString());
        }
        const QStringList warnings = stringsOf(r.value(u"warnings"));
        if (!warnings.isEmpty())
            detail += u" — ⚠ "_s + warnings.join(u"; "_s);
        const QStringList cells{QString::number(qint64(r.value(u"deadLetterId").toDouble())),
                                ok ? tr("resubmitted") : tr("refused"), detail};
        for (int c = 0; c < cells.size(); ++c) {
            auto* item = new QTableWidgetItem(cells.at(c));
            item->setToolTip(cells.at(c));
            if (c == 1 && !ok) {
                QFont bold = item->font();
                bold.setBold(true);
                item->setFont(bold);
            }
            m_outcomes->setItem(i, c, item);
        }
    }
    m_outcomes->show();
}
