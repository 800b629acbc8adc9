#include "ui/style/Theme.h"

#include <QApplication>
#include <QPainter>
#include <QPainterPath>
#include <QPalette>
#include <QPixmap>
#include <QStyle>
#include <QStyleFactory>

namespace {

ConsoleSettings::Theme g_current = ConsoleSettings::Theme::Dark;

QPalette darkPalette()
{
    // Low-glare greys with enough contrast for a dim ward or control room (text ~ 12:1 on window).
    QPalette p;
    const QColor window(0x1e, 0x21, 0x26);
    const QColor base(0x16, 0x18, 0x1c);
    const QColor text(0xe6, 0xe8, 0xeb);
    const QColor disabled(0x80, 0x86, 0x8f);
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, QColor(0x22, 0x26, 0x2c));
    p.setColor(QPalette::ToolTipBase, QColor(0x2a, 0x2e, 0x35));
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::PlaceholderText, disabled);
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, QColor(0x2a, 0x2e, 0x35));
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::BrightText, QColor(0xff, 0x6b, 0x6b));
    p.setColor(QPalette::Link, QColor(0x6c, 0xb6, 0xff));
    p.setColor(QPalette::Highlight, QColor(0x2f, 0x6f, 0xb3));
    p.setColor(QPalette::HighlightedText, QColor(0xff, 0xff, 0xff));
    p.setColor(QPalette::Mid, QColor(0x3a, 0x3f, 0x47));
    p.setColor(QPalette::Dark, QColor(0x12, 0x14, 0x17));
    p.setColor(QPalette::Light, QColor(0x3a, 0x3f, 0x47));
    for (const auto role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
        p.setColor(QPalette::Disabled, role, disabled);
    return p;
}

QPalette lightPalette()
{
    QPalette p = QStyleFactory::create(QStringLiteral("Fusion"))->standardPalette();
    p.setColor(QPalette::Highlight, QColor(0x1f, 0x5f, 0xa8));
    p.setColor(QPalette::Link, QColor(0x1f, 0x5f, 0xa8));
    return p;
}

QString styleSheet(ConsoleSettings::Theme theme)
{
    const bool dark = theme == ConsoleSettings::Theme::Dark;
    const QString chipBg = dark ? QStringLiteral("#262a31") : QStringLiteral("#f3f4f6");
    const QString border = dark ? QStringLiteral("#3a3f47") : QStringLiteral("#c9cdd3");
    const QString muted = dark ? QStringLiteral("#aab0b8") : QStringLiteral("#555b63");
    QString qss;
    qss += u"NodeChip { background: " + chipBg + u"; border: 1px solid " + border + u"; border-radius: 6px; }\n";
    qss += u"NodeChip[attention=\"true\"] { border-width: 2px; }\n";
    qss += u"NodeChip QLabel#chipDetail { color: " + muted + u"; }\n";
    qss += u"QLabel#emptyStateTitle { font-size: 16pt; font-weight: 600; }\n";
    qss += u"QLabel#emptyStateText, QLabel#placeholderText { color: " + muted + u"; font-size: 11pt; }\n";
    qss += u"QListWidget#navigation { border: none; font-size: 11pt; }\n";
    qss += u"QListWidget#navigation::item { padding: 8px 12px; }\n";
    qss += u"QLabel#fingerprint { font-family: monospace; font-size: 12pt; }\n";
    for (const QString& state : {QStringLiteral("online"), QStringLiteral("degraded"), QStringLiteral("offline"),
                                QStringLiteral("signed-out"), QStringLiteral("connecting")})
        qss += u"NodeChip[state=\"" + state + u"\"] { border-left: 6px solid " + Theme::stateColor(state).name()
            + u"; }\n";
    return qss;
}

} // namespace

namespace Theme {

void apply(QApplication& app, ConsoleSettings::Theme theme)
{
    g_current = theme;
    app.setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
    app.setPalette(theme == ConsoleSettings::Theme::Dark ? darkPalette() : lightPalette());
    app.setStyleSheet(styleSheet(theme));
}

ConsoleSettings::Theme current()
{
    return g_current;
}

QColor stateColor(const QString& state)
{
    const bool dark = g_current == ConsoleSettings::Theme::Dark;
    if (state == u"online")
        return dark ? QColor(0x4c, 0xc3, 0x7a) : QColor(0x1e, 0x8a, 0x4a);
    if (state == u"degraded")
        return dark ? QColor(0xf0, 0xb4, 0x3c) : QColor(0xb3, 0x6b, 0x00);
    if (state == u"offline")
        return dark ? QColor(0xff, 0x6b, 0x6b) : QColor(0xc0, 0x2b, 0x2b);
    if (state == u"signed-out")
        return dark ? QColor(0x9b, 0x8c, 0xff) : QColor(0x5b, 0x4a, 0xc8);
    return dark ? QColor(0x8a, 0x94, 0xa0) : QColor(0x6b, 0x72, 0x7a);
}

QIcon stateIcon(const QString& state)
{
    // Drawn shapes (circle, triangle, square, ring, dashes) rather than theme icons: the same on
    // every desktop, and distinguishable in greyscale.
    QPixmap pixmap(32, 32);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    const QColor color = stateColor(state);
    painter.setPen(QPen(color, 3));
    painter.setBrush(color);
    if (state == u"online") {
        painter.drawEllipse(QRectF(5, 5, 22, 22));
    } else if (state == u"degraded") {
        QPainterPath triangle;
        triangle.moveTo(16, 3);
        triangle.lineTo(30, 28);
        triangle.lineTo(2, 28);
        triangle.closeSubpath();
        painter.drawPath(triangle);
        painter.setPen(QPen(Qt::black, 3));
        painter.drawLine(QPointF(16, 11), QPointF(16, 20));
        painter.drawPoint(QPointF(16, 24));
    } else if (state == u"offline") {
        painter.setBrush(Qt::NoBrush);
        painter.setPen(QPen(color, 5));
        painter.drawLine(QPointF(7, 7), QPointF(25, 25));
        painter.drawLine(QPointF(25, 7), QPointF(7, 25));
    } else if (state == u"signed-out") {
        painter.setBrush(Qt::NoBrush);
        painter.drawRect(QRectF(6, 14, 20, 14));
        painter.drawArc(QRectF(10, 4, 12, 16), 0, 180 * 16);
    } else {
        painter.setBrush(Qt::NoBrush);
        painter.drawArc(QRectF(5, 5, 22, 22), 30 * 16, 300 * 16);
    }
    return QIcon(pixmap);
}

} // namespace Theme
