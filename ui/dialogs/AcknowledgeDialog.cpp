#include "ui/dialogs/AcknowledgeDialog.h"

#include "ui/dialogs/AlertDialogParts.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace {
constexpr int kMaxNote = 2000; // ops API 4.19
}

AcknowledgeDialog::AcknowledgeDialog(const QString& headline, const QString& nodeName, QWidget* parent)
    : QDialog(parent)
{
    setWindowTitle(tr("Acknowledge alert"));
    auto* what = AlertDialogParts::headlineLabel(headline, this);
    auto* where = new QLabel(tr("On %1. Acknowledging stops the escalation and tells everyone paged so far that "
                                "you have it.")
                                 .arg(nodeName),
        this);
    where->setWordWrap(true);

    m_note = new QLineEdit(this);
    m_note->setPlaceholderText(tr("Note (optional), e.g. called Dr Lee"));
    m_note->setAccessibleName(tr("Note"));
    m_note->setMaxLength(kMaxNote);
    m_note->setMinimumHeight(36);
    auto* noteLabel = new QLabel(tr("&Note:"), this);
    noteLabel->setBuddy(m_note);

    auto* buttons = new QDialogButtonBox(this);
    m_acknowledge = AlertDialogParts::addActionButtons(buttons, tr("&Acknowledge"), this);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    // Enter in the note acknowledges: one action, with or without a note.
    connect(m_note, &QLineEdit::returnPressed, this, &QDialog::accept);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(what);
    layout->addWidget(where);
    layout->addWidget(noteLabel);
    layout->addWidget(m_note);
    layout->addWidget(buttons);
    m_note->setFocus();
    resize(480, sizeHint().height());
}

QString AcknowledgeDialog::note() const
{
    return m_note->text().trimmed();
}
