#pragma once

#include <QColor>
#include <QIcon>
#include <QPixmap>
#include <QString>

/// How an alert severity ("critical", "high", "medium", "low") looks, the same on every board,
/// dialog and tray icon: a distinct shape first (readable in greyscale and by the colour-blind),
/// then the accent colour. The word comes from AlertWording::severityName().
namespace SeverityLook {

/// The accent of a severity: red, orange, amber, blue; grey when unknown, for the light or dark
/// theme in use. Only the third cue: the icon's shape and the word say the same.
QColor color(const QString& severity);
/// A distinct shape per severity (octagon "!", triangle "!", diamond "–", circle "i"), filled with
/// color(), at the sizes views ask for.
QIcon icon(const QString& severity);
/// The shape at one size in pixels.
QPixmap pixmap(const QString& severity, int size);

} // namespace SeverityLook
