#include "ui/dialogs/ResolveDialog.h"

#include "models/console/AlertWording.h"
#include "ui/dialogs/AlertDialogParts.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace {
constexpr int kMaxNote = 2000; // ops API 4.19
}

ResolveDialog::ResolveDialog(const QString& headline, const QString& nodeName, QWidget* parent)
    : QDialog(parent)
{
    setWindowTitle(tr("Resolve alert"));
    auto* what = AlertDialogParts::headlineLabel(headline, this);
    auto* where = new QLabel(tr("On %1. Resolving closes the alert: it leaves the board.").arg(nodeName), this);
    where->setWordWrap(true);

    m_disposition = new QComboBox(this);
    m_disposition->setPlaceholderText(tr("Choose what happened"));
    for (const QString& code : AlertWording::dispositions())
        m_disposition->addItem(AlertWording::dispositionName(code), code);
    m_disposition->setCurrentIndex(-1);
    m_disposition->setMinimumHeight(36);
    m_disposition->setAccessibleName(tr("Outcome"));

    m_note = new QPlainTextEdit(this);
    m_note->setPlaceholderText(tr("Note (optional)"));
    m_note->setAccessibleName(tr("Note"));
    m_note->setTabChangesFocus(true);
    m_note->setFixedHeight(m_note->fontMetrics().height() * 4 + 12);

    auto* form = new QFormLayout;
    form->addRow(tr("&Outcome:"), m_disposition);
    form->addRow(tr("&Note:"), m_note);

    auto* buttons = new QDialogButtonBox(this);
    m_resolve = AlertDialogParts::addActionButtons(buttons, tr("&Resolve"), this);
    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        if (!disposition().isEmpty() && m_note->toPlainText().size() <= kMaxNote)
            accept();
    });
    connect(m_disposition, &QComboBox::currentIndexChanged, this, &ResolveDialog::updateButton);
    connect(m_note, &QPlainTextEdit::textChanged, this, &ResolveDialog::updateButton);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(what);
    layout->addWidget(where);
    layout->addLayout(form);
    layout->addWidget(buttons);
    updateButton();
    m_disposition->setFocus();
    resize(500, sizeHint().height());
}

QString ResolveDialog::disposition() const
{
    return m_disposition->currentData().toString();
}

void ResolveDialog::setDisposition(const QString& code)
{
    m_disposition->setCurrentIndex(m_disposition->findData(code));
}

QString ResolveDialog::note() const
{
    return m_note->toPlainText().trimmed();
}

void ResolveDialog::updateButton()
{
    const bool tooLong = m_note->toPlainText().size() > kMaxNote;
    m_resolve->setEnabled(!disposition().isEmpty() && !tooLong);
    m_resolve->setToolTip(disposition().isEmpty() ? tr("Choose what happened first")
            : tooLong                             ? tr("The note is longer than %1 characters").arg(kMaxNote)
                                                  : QString());
}
