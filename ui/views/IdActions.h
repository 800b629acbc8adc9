#pragma once

#include <QString>

#include <functional>

class QMenu;
class QWidget;

/// "Copy" and "Open trace" for every place a correlation ID is shown (DESIGN.md 5, Traces), so
/// they read and behave the same everywhere.
namespace IdActions {

/// Puts `text` on the clipboard (and the X11 selection where there is one).
void copyToClipboard(const QString& text);

/// Adds "Open trace" (when openTrace is set) and "Copy correlation ID" for `correlationId` to `menu`;
/// nothing when the ID is empty.
void addCorrelationActions(QMenu* menu, const QString& correlationId, QWidget* context,
                           const std::function<void(const QString&)>& openTrace);

} // namespace IdActions
