#include "ui/views/IdActions.h"

#include <QApplication>
#include <QClipboard>
#include <QCoreApplication>
#include <QMenu>
#include <QWidget>

namespace IdActions {

void copyToClipboard(const QString& text)
{
    QClipboard* clipboard = QGuiApplication::clipboard();
    clipboard->setText(text, QClipboard::Clipboard);
    if (clipboard->supportsSelection())
        clipboard->setText(text, QClipboard::Selection);
}

void addCorrelationActions(QMenu* menu, const QString& correlationId, QWidget* context,
                           const std::function<void(const QString&)>& openTrace)
{
    if (correlationId.isEmpty())
        return;
    if (openTrace) {
        menu->addAction(QCoreApplication::translate("IdActions", "Open trace"), context,
                        [openTrace, correlationId] { openTrace(correlationId); });
    }
    menu->addAction(QCoreApplication::translate("IdActions", "Copy correlation ID"), context,
                    [correlationId] { copyToClipboard(correlationId); });
}

} // namespace IdActions
