#include "ui/style/SeverityLook.h"

#include "ui/style/Theme.h"

#include <QPainter>
#include <QPainterPath>

#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;

namespace SeverityLook {

QColor color(const QString& severity)
{
    const bool dark = Theme::current() == ConsoleSettings::Theme::Dark;
    if (severity == u"critical")
        return dark ? QColor(0xff, 0x4d, 0x4f) : QColor(0xc6, 0x1f, 0x1f);
    if (severity == u"high")
        return dark ? QColor(0xff, 0x9a, 0x3c) : QColor(0xd9, 0x62, 0x00);
    if (severity == u"medium")
        return dark ? QColor(0xf2, 0xcc, 0x3a) : QColor(0xc9, 0x9a, 0x00);
    if (severity == u"low")
        return dark ? QColor(0x6c, 0xb6, 0xff) : QColor(0x1f, 0x6f, 0xc8);
    return dark ? QColor(0x8a, 0x94, 0xa0) : QColor(0x6b, 0x72, 0x7a);
}

QPixmap pixmap(const QString& severity, int size)
{
    QPixmap image(size, size);
    image.fill(Qt::transparent);
    QPainter p(&image);
    p.setRenderHint(QPainter::Antialiasing);
    const QColor fill = color(severity);
    const qreal s = size;
    const qreal pen = std::max(1.0, s / 16.0);
    p.setPen(QPen(Qt::black, pen));
    p.setBrush(fill);
    QString mark;
    if (severity == u"critical") {
        // A stop-sign octagon: the most urgent shape people know.
        QPainterPath path;
        for (int i = 0; i < 8; ++i) {
            const double angle = (22.5 + 45.0 * i) * M_PI / 180.0;
            const QPointF point(s / 2 + (s / 2 - pen) * std::cos(angle), s / 2 + (s / 2 - pen) * std::sin(angle));
            if (i == 0)
                path.moveTo(point);
            else
                path.lineTo(point);
        }
        path.closeSubpath();
        p.drawPath(path);
        mark = u"!"_s;
    } else if (severity == u"high") {
        QPainterPath triangle;
        triangle.moveTo(s / 2, pen);
        triangle.lineTo(s - pen, s - pen);
        triangle.lineTo(pen, s - pen);
        triangle.closeSubpath();
        p.drawPath(triangle);
        mark = u"!"_s;
    } else if (severity == u"medium") {
        QPainterPath diamond;
        diamond.moveTo(s / 2, pen);
        diamond.lineTo(s - pen, s / 2);
        diamond.lineTo(s / 2, s - pen);
        diamond.lineTo(pen, s / 2);
        diamond.closeSubpath();
        p.drawPath(diamond);
        mark = u"\u2013"_s;
    } else {
        p.drawEllipse(QRectF(pen, pen, s - 2 * pen, s - 2 * pen));
        mark = u"i"_s;
    }
    QFont font = p.font();
    font.setBold(true);
    font.setPixelSize(std::max(6, int(s * 0.55)));
    p.setFont(font);
    p.setPen(severity == u"critical" ? Qt::white : Qt::black);
    const QRectF textRect = severity == u"high" ? QRectF(0, s * 0.25, s, s * 0.75) : QRectF(0, 0, s, s);
    p.drawText(textRect, Qt::AlignCenter, mark);
    return image;
}

QIcon icon(const QString& severity)
{
    QIcon shapes;
    for (int size : {16, 20, 24, 32, 48})
        shapes.addPixmap(pixmap(severity, size));
    return shapes;
}

} // namespace SeverityLook
