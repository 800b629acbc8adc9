#pragma once

#include "ui/ConsoleSettings.h"

#include <QColor>
#include <QIcon>
#include <QString>

class QApplication;

/// Light and dark looks: a QPalette plus a small style sheet for what a palette cannot say (node
/// chips, empty states). States are always shown by text and icon as well; colour only adds to them.
namespace Theme {

/// Applies the palette and style sheet to the whole application (Fusion style, so the palette holds).
void apply(QApplication& app, ConsoleSettings::Theme theme);
ConsoleSettings::Theme current();

/// The accent of a node state ("online", "degraded", "offline", "signed-out", "connecting").
QColor stateColor(const QString& state);
/// The icon of a node state: a distinct shape per state, so it reads without colour.
QIcon stateIcon(const QString& state);

} // namespace Theme
