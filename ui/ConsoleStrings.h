#pragma once

#include <QString>

/// Names the console shows for values that arrive as codes from the ops API (node states),
/// translated in one place so every view says the same thing.
namespace ConsoleStrings {

QString nodeState(const QString& code);              ///< "online" → "Online", "offline" → "Offline", ...

} // namespace ConsoleStrings
