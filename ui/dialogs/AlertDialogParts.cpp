#include "ui/dialogs/AlertDialogParts.h"

#include <QAbstractButton>
#include <QDialog>
#include <QDialogButtonBox>
#include <QLabel>
#include <QPushButton>

namespace AlertDialogParts {

QLabel* headlineLabel(const QString& headline, QDialog* parent)
{
    auto* what = new QLabel(headline, parent);
    what->setWordWrap(true);
    what->setTextFormat(Qt::PlainText);
    QFont bold = what->font();
    bold.setBold(true);
    what->setFont(bold);
    return what;
}

QPushButton* addActionButtons(QDialogButtonBox* buttons, const QString& actionText, QDialog* dialog)
{
    QPushButton* action = buttons->addButton(actionText, QDialogButtonBox::AcceptRole);
    action->setDefault(true);
    buttons->addButton(QDialogButtonBox::Cancel);
    const QList<QAbstractButton*> all = buttons->buttons();
    for (QAbstractButton* b : all)
        b->setMinimumHeight(40);
    QObject::connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::reject);
    return action;
}

} // namespace AlertDialogParts
