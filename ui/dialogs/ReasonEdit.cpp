#include "ui/dialogs/ReasonEdit.h"

#include <QLabel>
#include <QLineEdit>
#include <QVBoxLayout>

ReasonEdit::ReasonEdit(QWidget* parent)
    : QWidget(parent)
{
    m_edit = new QLineEdit(this);
    m_edit->setMaxLength(MaxLength + 50); // trimming may shorten it; the hint says when it is too long
    m_edit->setAccessibleName(tr("Reason"));
    m_edit->setPlaceholderText(tr("Why? For example: fixed the missing MRN, ticket INC-1042"));
    m_edit->setMinimumHeight(m_edit->fontMetrics().height() * 2);
    m_hint = new QLabel(this);
    m_hint->setWordWrap(true);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_edit);
    layout->addWidget(m_hint);
    connect(m_edit, &QLineEdit::textChanged, this, &ReasonEdit::refreshHint);
    refreshHint();
}

QString ReasonEdit::text() const
{
    return m_edit->text().trimmed();
}

void ReasonEdit::setText(const QString& text)
{
    m_edit->setText(text);
}

bool ReasonEdit::isValid() const
{
    return m_valid;
}

void ReasonEdit::setPlaceholderText(const QString& text)
{
    m_edit->setPlaceholderText(text);
}

void ReasonEdit::refreshHint()
{
    const int length = int(text().size());
    if (length < MinLength)
        m_hint->setText(tr("Required, kept in the audit log: %n more character(s) needed.", nullptr, MinLength - length));
    else if (length > MaxLength)
        m_hint->setText(tr("Too long: at most %1 characters (%2 now).").arg(MaxLength).arg(length));
    else
        m_hint->setText(tr("Kept in the audit log with your name."));
    const bool valid = length >= MinLength && length <= MaxLength;
    if (valid != m_valid) {
        m_valid = valid;
        emit validityChanged(valid);
    }
}
