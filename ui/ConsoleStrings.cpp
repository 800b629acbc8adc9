#include "ui/ConsoleStrings.h"

#include <QCoreApplication>

namespace ConsoleStrings {

QString nodeState(const QString& code)
{
    if (code == u"online")
        return QCoreApplication::translate("ConsoleStrings", "Online", "node state");
    if (code == u"degraded")
        return QCoreApplication::translate("ConsoleStrings", "Degraded", "node state: reachable, reporting trouble");
    if (code == u"offline")
        return QCoreApplication::translate("ConsoleStrings", "Offline", "node state");
    if (code == u"connecting")
        return QCoreApplication::translate("ConsoleStrings", "Connecting", "node state");
    return code;
}

} // namespace ConsoleStrings
