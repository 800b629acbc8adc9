#pragma once

#include <QString>

class QDialog;
class QDialogButtonBox;
class QLabel;
class QPushButton;

/// The parts the alert action dialogs (acknowledge, resolve) share, so both read and behave alike.
namespace AlertDialogParts {

/// The alert's headline in bold, as plain text (it may hold characters from the message).
QLabel* headlineLabel(const QString& headline, QDialog* parent);
/// The action button (default) and Cancel, both big enough to touch; Cancel rejects the dialog.
/// Accepting is left to the caller: some dialogs check their fields first.
QPushButton* addActionButtons(QDialogButtonBox* buttons, const QString& actionText, QDialog* dialog);

} // namespace AlertDialogParts
