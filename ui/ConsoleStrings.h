#pragma once

#include <QString>

/// Names the console shows for values that arrive as codes from the ops API (states, severities),
/// translated in one place so every view says the same thing.
namespace ConsoleStrings {

QString nodeState(const QString& code);              ///< "online" → "Online", "offline" → "Offline", ...
QString severity(const QString& code);               ///< "critical" → "Critical", ...

} // namespace ConsoleStrings
