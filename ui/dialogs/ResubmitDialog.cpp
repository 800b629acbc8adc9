#include "ui/dialogs/ResubmitDialog.h"

#include "models/console/Hl7TreeModel.h"
#include "ui/dialogs/ReasonEdit.h"
#include "ui/session/ActionQueue.h"
#include "ui/session/NodeSession.h"
#include "ui/views/Hl7RawHighlighter.h"

#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace {

/// The editor's text of a message content (4.6 `content`): HL7 one segment per line, FHIR as JSON.
QString editorTextOf(const QJsonObject& content)
{
    const QJsonValue resource = content.value(u"resource");
    if (resource.isObject())
        return QString::fromUtf8(QJsonDocument(resource.toObject()).toJson(QJsonDocument::Indented));
    QString raw = content.value(u"raw").toString();
    raw.replace(u"\r\n"_s, u"\n"_s);
    raw.replace(u'\r', u'\n');
    return raw;
}

/// Trailing line ends do not make an edit.
QString normalized(const QString& text)
{
    QString t = text;
    while (t.endsWith(u'\n') || t.endsWith(u'\r'))
        t.chop(1);
    return t;
}

QStringList stringsOf(const QJsonValue& value)
{
    QStringList list;
    const QJsonArray array = value.toArray();
    for (const QJsonValue& v : array)
        list << v.toString();
    return list;
}

QTableWidget* makeTable(const QStringList& headers, QWidget* parent)
{
    auto* table = new QTableWidget(0, int(headers.size()), parent);
    table->setHorizontalHeaderLabels(headers);
    table->verticalHeader()->hide();
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->horizontalHeader()->setStretchLastSection(true);
    table->setWordWrap(false);
    return table;
}

void setRow(QTableWidget* table, int row, const QStringList& cells)
{
    for (int c = 0; c < cells.size(); ++c) {
        auto* item = new QTableWidgetItem(cells.at(c));
        item->setToolTip(cells.at(c));
        table->setItem(row, c, item);
    }
}

} // namespace

ResubmitDialog::ResubmitDialog(NodeSession* session, const QJsonObject& deadLetter, QWidget* parent)
    : QDialog(parent)
    , m_session(session)
{
    setWindowTitle(tr("Edit and resubmit"));
    setObjectName(u"resubmitDialog"_s);
    m_nodeName = session ? session->profile().displayName : QString();

    m_header = new QLabel(this);
    m_header->setWordWrap(true);
    m_header->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_masked = new QLabel(this);
    m_masked->setWordWrap(true);
    m_masked->hide();
    m_revealButton = new QPushButton(tr("&Reveal to edit…"), this);
    m_revealButton->setToolTip(tr("Show the patient fields unmasked so you can edit them. You are asked why; "
                                  "the reveal is kept in the node's audit log."));
    m_revealButton->hide();
    connect(m_revealButton, &QPushButton::clicked, this, &ResubmitDialog::askRevealReason);
    auto* maskedRow = new QHBoxLayout;
    maskedRow->addWidget(m_masked, 1);
    maskedRow->addWidget(m_revealButton, 0, Qt::AlignTop);

    m_editor = new QPlainTextEdit(this);
    m_editor->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_editor->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_editor->setAccessibleName(tr("Message to resubmit"));
    m_editor->setTabChangesFocus(true);
    m_highlighter = new Hl7RawHighlighter(m_editor);
    connect(m_editor, &QPlainTextEdit::textChanged, this, &ResubmitDialog::onTextChanged);

    m_checkButton = new QPushButton(tr("&Check"), this);
    m_checkButton->setToolTip(tr("Ask the node what resubmitting this text would do; nothing is resubmitted"));
    connect(m_checkButton, &QPushButton::clicked, this, &ResubmitDialog::check);
    m_checkStatus = new QLabel(tr("Not checked yet: check the message before resubmitting it."), this);
    m_checkStatus->setWordWrap(true);
    auto* checkRow = new QHBoxLayout;
    checkRow->addWidget(m_checkButton);
    checkRow->addWidget(m_checkStatus, 1);

    // Warnings first and loud: a resubmission the receiver has already seen may be processed twice.
    m_warnings = new QLabel(this);
    m_warnings->setObjectName(u"resubmitWarnings"_s);
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

    m_findings = makeTable({tr("Severity"), tr("Where"), tr("Code"), tr("Finding")}, this);
    m_findings->setAccessibleName(tr("Validation findings"));
    m_diff = makeTable({tr("Path", "HL7 field path"), tr("Change"), tr("Before"), tr("After"), tr("Masked")}, this);
    m_diff->setAccessibleName(tr("Changes against the original"));
    m_route = new QLabel(this);
    m_route->setWordWrap(true);

    auto* results = new QWidget(this);
    auto* resultsLayout = new QVBoxLayout(results);
    resultsLayout->setContentsMargins(0, 0, 0, 0);
    resultsLayout->addWidget(m_warnings);
    resultsLayout->addWidget(new QLabel(tr("Validation findings:"), results));
    resultsLayout->addWidget(m_findings, 1);
    resultsLayout->addWidget(new QLabel(tr("Changes against the original:"), results));
    resultsLayout->addWidget(m_diff, 1);
    resultsLayout->addWidget(m_route);

    auto* split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(m_editor);
    split->addWidget(results);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    split->setChildrenCollapsible(false);

    m_reason = new ReasonEdit(this);
    connect(m_reason, &ReasonEdit::validityChanged, this, &ResubmitDialog::updateButtons);
    auto* reasonForm = new QFormLayout;
    reasonForm->addRow(tr("Reas&on:"), m_reason);

    m_outcome = new QLabel(this);
    m_outcome->setWordWrap(true);
    m_outcome->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_outcome->hide();

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    m_resubmitButton = m_buttons->addButton(tr("Re&submit"), QDialogButtonBox::AcceptRole);
    m_resubmitButton->setDefault(false);
    m_resubmitButton->setAutoDefault(false);
    // AcceptRole would close the dialog; the outcome is shown here instead.
    disconnect(m_buttons, &QDialogButtonBox::accepted, this, nullptr);
    connect(m_resubmitButton, &QPushButton::clicked, this, &ResubmitDialog::resubmit);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_header);
    layout->addLayout(maskedRow);
    layout->addWidget(split, 1);
    layout->addLayout(checkRow);
    layout->addLayout(reasonForm);
    layout->addWidget(m_outcome);
    layout->addWidget(m_buttons);
    resize(1100, 720);

    if (m_session)
        connect(m_session->actions(), &ActionQueue::actionChanged, this, &ResubmitDialog::onAction);
    if (deadLetter.contains(u"content"))
        showDeadLetter(deadLetter);
    else {
        m_deadLetterId = qint64(deadLetter.value(u"id").toDouble());
        load();
    }
    updateButtons();
}

ResubmitDialog::~ResubmitDialog() = default;

void ResubmitDialog::load()
{
    if (!m_session || m_deadLetterId <= 0)
        return;
    m_busy = true;
    m_header->setText(tr("Loading dead letter %1…").arg(m_deadLetterId));
    m_session->fetchJson(u"/api/v1/dead-letters/"_s + QString::number(m_deadLetterId),
                         u"dead-letter:"_s + QString::number(m_deadLetterId), this,
                         [this](const QJsonObject& json, qint64, const QString& error) {
                             m_busy = false;
                             if (json.isEmpty())
                                 m_header->setText(tr("Cannot load dead letter %1: %2").arg(m_deadLetterId).arg(error));
                             else
                                 showDeadLetter(json);
                             updateButtons();
                         });
}

void ResubmitDialog::showDeadLetter(const QJsonObject& d)
{
    m_deadLetter = d;
    m_deadLetterId = qint64(d.value(u"id").toDouble());
    m_messageId = qint64(d.value(u"messageId").toDouble());
    QString header = tr("Dead letter %1 on %2, message %3 — failed at %4: %5")
                         .arg(m_deadLetterId)
                         .arg(m_nodeName)
                         .arg(m_messageId)
                         .arg(d.value(u"stage").toString(), d.value(u"reason").toString());
    if (d.value(u"state").toString() != u"open")
        header += u"\n"_s + tr("It is %1: the node will refuse to resubmit it again.").arg(d.value(u"state").toString());
    m_header->setText(header);

    const QJsonObject content = d.value(u"content").toObject();
    m_isMasked = content.value(u"masked").toBool();
    if (m_isMasked) {
        const QStringList paths = stringsOf(content.value(u"maskedPaths"));
        m_masked->setText(tr("Patient fields are masked (%1). Resubmitting unchanged uses the stored message as it "
                             "is; to edit it, reveal it first.")
                              .arg(paths.isEmpty() ? u"***"_s : paths.join(u", "_s)));
        m_masked->show();
        m_revealButton->show();
    }
    m_baseline = editorTextOf(content);
    const QSignalBlocker block(m_editor);
    m_editor->setPlainText(m_baseline);
    // A masked text would send "***" for the patient's fields: it is not edited until revealed.
    m_editor->setReadOnly(m_isMasked);
    clearPreview(tr("Not checked yet: check the message before resubmitting it."));
}

bool ResubmitDialog::isEdited() const
{
    return normalized(m_editor->toPlainText()) != normalized(m_baseline);
}

bool ResubmitDialog::isCheckedOk() const
{
    return m_checkOk && m_editor->toPlainText() == m_checkedText;
}

QString ResubmitDialog::sentText() const
{
    // The node reads LF as the segment separator too (4.13); CR is what HL7 sends.
    QString text = m_editor->toPlainText();
    if (!text.trimmed().startsWith(u'{'))
        text.replace(u'\n', u'\r');
    return text;
}

void ResubmitDialog::askRevealReason()
{
    bool ok = false;
    const QString reason = QInputDialog::getText(
        this, tr("Reveal to edit"),
        tr("Why do you need to see this patient's data? (5 to 500 characters; kept in the node's audit log)"),
        QLineEdit::Normal, QString(), &ok);
    if (ok)
        revealWithReason(reason);
}

void ResubmitDialog::revealWithReason(const QString& reason)
{
    if (!m_session || m_messageId <= 0)
        return;
    if (reason.trimmed().size() < ReasonEdit::MinLength || reason.trimmed().size() > ReasonEdit::MaxLength) {
        m_masked->setText(tr("Not revealed: the reason must be 5 to 500 characters."));
        emit revealFinished(false);
        return;
    }
    m_busy = true;
    updateButtons();
    m_masked->setText(tr("Revealing…"));
    m_session->client()->send("POST", u"/api/v1/messages/"_s + QString::number(m_messageId) + u"/reveal"_s,
                              QJsonObject{{u"reason"_s, reason.trimmed()}}, QString(), this,
                              [this](const OpsReply& reply) {
                                  m_busy = false;
                                  const QJsonObject content = reply.json.value(u"content").toObject();
                                  if (!reply.ok() || content.isEmpty()) {
                                      m_masked->setText(tr("Not revealed: %1").arg(reply.error.isEmpty()
                                                                                        ? tr("the node sent no content")
                                                                                        : reply.error));
                                      updateButtons();
                                      emit revealFinished(false);
                                      return;
                                  }
                                  // Kept in this dialog only: never cached, gone when it closes (2.9).
                                  m_revealed = true;
                                  m_isMasked = false;
                                  m_baseline = editorTextOf(content);
                                  {
                                      const QSignalBlocker block(m_editor);
                                      m_editor->setPlainText(m_baseline);
                                  }
                                  m_editor->setReadOnly(false);
                                  m_revealButton->hide();
                                  m_masked->setText(tr("Revealed for editing. The unmasked text stays in this window "
                                                       "only and is not cached."));
                                  clearPreview(tr("Not checked yet: check the message before resubmitting it."));
                                  updateButtons();
                                  emit revealFinished(true);
                              });
}

void ResubmitDialog::check()
{
    if (!m_session || m_deadLetterId <= 0 || m_busy)
        return;
    const QString text = m_editor->toPlainText();
    QJsonObject body;
    if (isEdited())
        body.insert(u"message"_s, sentText());
    m_busy = true;
    clearPreview(tr("Checking with %1…").arg(m_nodeName));
    updateButtons();
    m_session->client()->send("POST", u"/api/v1/dead-letters/"_s + QString::number(m_deadLetterId) + u"/preview"_s,
                              body, QString(), this, [this, text](const OpsReply& reply) {
                                  m_busy = false;
                                  if (!reply.ok()) {
                                      clearPreview(tr("The check did not run: %1").arg(reply.error));
                                      updateButtons();
                                      emit checkFinished(false);
                                      return;
                                  }
                                  m_checkedText = text;
                                  showPreview(reply.json);
                                  updateButtons();
                                  emit checkFinished(m_checkOk);
                              });
}

void ResubmitDialog::clearPreview(const QString& status)
{
    m_checkOk = false;
    m_checkedText.clear();
    m_checkStatus->setText(status);
    m_warnings->hide();
    m_findings->setRowCount(0);
    m_diff->setRowCount(0);
    m_route->clear();
}

void ResubmitDialog::showPreview(const QJsonObject& p)
{
    m_checkOk = p.value(u"resubmittable").toBool();
    const bool ok = p.value(u"ok").toBool();
    if (m_checkOk)
        m_checkStatus->setText(tr("✔ Checked: the node would accept this message and resubmit it."));
    else if (ok)
        m_checkStatus->setText(tr("✖ Checked: the message passes, but the node would not resubmit it now: %1")
                                   .arg(p.value(u"message").toString(p.value(u"code").toString())));
    else
        m_checkStatus->setText(tr("✖ Checked: the node would refuse it — %1 (%2)")
                                   .arg(p.value(u"message").toString(), p.value(u"code").toString()));

    const QStringList warnings = stringsOf(p.value(u"warnings"));
    if (!warnings.isEmpty()) {
        QStringList lines;
        for (const QString& w : warnings)
            lines << tr("⚠ Warning: %1").arg(w);
        m_warnings->setText(lines.join(u'\n'));
        m_warnings->show();
    }

    const QJsonArray errors = p.value(u"errors").toArray();
    m_findings->setRowCount(int(errors.size()));
    for (int i = 0; i < errors.size(); ++i) {
        const QJsonObject e = errors.at(i).toObject();
        setRow(m_findings, i, {e.value(u"severity").toString(), e.value(u"location").toString(),
                               e.value(u"code").toString(), e.value(u"message").toString()});
    }
    const QJsonArray diff = p.value(u"diff").toArray();
    m_diff->setRowCount(int(diff.size()));
    for (int i = 0; i < diff.size(); ++i) {
        const QJsonObject d = diff.at(i).toObject();
        const QString kind = d.value(u"kind").toString();
        const QString change = kind == u"added"     ? tr("added", "diff")
                               : kind == u"removed" ? tr("removed", "diff")
                               : kind == u"changed" ? tr("changed", "diff")
                                                    : kind;
        setRow(m_diff, i, {d.value(u"path").toString(), change, d.value(u"before").toString(),
                           d.value(u"after").toString(),
                           d.value(u"masked").toBool() ? tr("masked (patient data)") : QString()});
    }
    const QStringList destinations = stringsOf(p.value(u"destinations"));
    const QString ack = p.value(u"ackCode").toString();
    QStringList route;
    route << (destinations.isEmpty() ? tr("Would go nowhere: no destination would get it.")
                                     : tr("Would go to: %1.").arg(destinations.join(u", "_s)));
    if (!ack.isEmpty())
        route << tr("The channel would answer %1.").arg(ack);
    m_route->setText(route.join(u' '));
}

void ResubmitDialog::onTextChanged()
{
    if (!m_checkedText.isEmpty() && m_editor->toPlainText() != m_checkedText)
        clearPreview(tr("Changed since the check: check again before resubmitting."));
    updateButtons();
}

void ResubmitDialog::updateButtons()
{
    const bool admin = m_session && m_session->roleName() == u"admin";
    const bool live = m_session && m_session->isLive();
    const bool submitted = !m_actionKey.isEmpty();
    const QString why = !admin ? tr("Admins resubmit")
                        : !live ? tr("%1 cannot be reached now: checking needs the node").arg(m_nodeName)
                                : QString();
    m_checkButton->setEnabled(admin && live && !m_busy && !submitted && m_deadLetterId > 0);
    m_checkButton->setToolTip(why.isEmpty() ? tr("Ask the node what resubmitting this text would do; nothing is "
                                                 "resubmitted")
                                            : why);
    m_revealButton->setEnabled(live && !m_busy && !submitted && m_messageId > 0);
    const bool ready = admin && isCheckedOk() && m_reason->isValid() && !m_busy && !submitted;
    m_resubmitButton->setEnabled(ready);
    if (!admin)
        m_resubmitButton->setToolTip(tr("Admins resubmit"));
    else if (!isCheckedOk())
        m_resubmitButton->setToolTip(tr("Check the message first: Resubmit sends exactly the text that was checked"));
    else if (!m_reason->isValid())
        m_resubmitButton->setToolTip(tr("Say why in the reason field"));
    else
        m_resubmitButton->setToolTip(QString());
}

void ResubmitDialog::resubmit()
{
    if (!m_session || !m_resubmitButton->isEnabled())
        return;
    QJsonObject body{{u"ids"_s, QJsonArray{double(m_deadLetterId)}}, {u"reason"_s, m_reason->text()}};
    const bool edited = isEdited();
    if (edited)
        body.insert(u"message"_s, sentText());
    ConsoleAction action;
    action.kind = u"resubmit"_s;
    action.path = u"/api/v1/dead-letters/resubmit"_s;
    action.body = body;
    action.target = u"dead-letter:"_s + QString::number(m_deadLetterId);
    action.summary = edited ? tr("Resubmit dead letter %1 (edited)").arg(m_deadLetterId)
                            : tr("Resubmit dead letter %1").arg(m_deadLetterId);
    action.user = m_session->userName();
    action.memoryOnly = edited; // a revealed, edited message never goes to disk
    m_editor->setReadOnly(true);
    m_actionKey = m_session->actions()->submit(action);
    // submit() reports the pending action before it returns the key: show where it stands now.
    if (const auto now = m_session->actions()->action(m_actionKey))
        onAction(*now);
    updateButtons();
}

void ResubmitDialog::onAction(const ConsoleAction& action)
{
    if (action.key != m_actionKey || m_actionKey.isEmpty())
        return;
    m_outcome->show();
    switch (action.state) {
    case ConsoleAction::State::Pending:
        if (m_session && m_session->isLive()) {
            m_outcome->setText(tr("Sending to %1…").arg(m_nodeName));
        } else {
            m_outcome->setText(tr("Pending: %1 cannot be reached. The resubmission is kept and sent once when the "
                                  "node is back; nothing is resubmitted until the node confirms it.")
                                   .arg(m_nodeName));
            emit outcomeShown(true);
        }
        return;
    case ConsoleAction::State::Applied: {
        const QJsonObject r = action.result.value(u"results").toArray().first().toObject();
        if (r.value(u"ok").toBool()) {
            QString text = tr("Resubmitted as message %1, queued for %2. Its delivery is followed in the list.")
                               .arg(qint64(r.value(u"messageId").toDouble()))
                               .arg(stringsOf(r.value(u"destinations")).join(u", "_s));
            const QStringList warnings = stringsOf(r.value(u"warnings"));
            for (const QString& w : warnings)
                text += u"\n"_s + tr("⚠ Warning: %1").arg(w);
            m_outcome->setText(text);
        } else {
            m_outcome->setText(tr("Refused by %1: %2 (%3)")
                                   .arg(m_nodeName, r.value(u"message").toString(), r.value(u"code").toString()));
        }
        break;
    }
    case ConsoleAction::State::Refused:
        m_outcome->setText(tr("Refused by %1: %2").arg(m_nodeName, action.outcome));
        break;
    case ConsoleAction::State::Discarded:
        m_outcome->setText(tr("Withdrawn before the node answered: nothing was resubmitted by it."));
        break;
    }
    updateButtons();
    emit outcomeShown(false);
}
