#include "ui/delegates/AttentionDelegate.h"

#include "models/console/OverviewModel.h"

#include <QAbstractItemView>
#include <QApplication>
#include <QHelpEvent>
#include <QPainter>
#include <QPainterPath>
#include <QToolTip>

using namespace Qt::StringLiterals;

namespace {

// Amber works as a tint on light and dark palettes alike; translucent so text keeps its contrast.
const QColor kTint(255, 170, 0, 70);

QPixmap warningPixmap(int size)
{
    QPixmap pixmap(size, size);
    pixmap.fill(Qt::transparent);
    QPainter p(&pixmap);
    p.setRenderHint(QPainter::Antialiasing);
    QPainterPath triangle;
    triangle.moveTo(size / 2.0, 1);
    triangle.lineTo(size - 1, size - 1);
    triangle.lineTo(1, size - 1);
    triangle.closeSubpath();
    p.setPen(QPen(Qt::black, std::max(1.0, size / 16.0)));
    p.setBrush(QColor(255, 190, 0));
    p.drawPath(triangle);
    QFont font = p.font();
    font.setBold(true);
    font.setPixelSize(std::max(6, int(size * 0.6)));
    p.setFont(font);
    p.setPen(Qt::black);
    p.drawText(QRectF(0, size * 0.25, size, size * 0.75), Qt::AlignCenter, u"!"_s);
    return pixmap;
}

} // namespace

AttentionDelegate::AttentionDelegate(QObject* parent)
    : QStyledItemDelegate(parent)
    , m_attentionRole(OverviewModel::NeedsAttentionRole)
    , m_reasonRole(OverviewModel::AttentionReasonRole)
    , m_reasonColumn(OverviewModel::StateColumn)
{
}

void AttentionDelegate::setRoles(int needsAttentionRole, int reasonRole)
{
    m_attentionRole = needsAttentionRole;
    m_reasonRole = reasonRole;
}

QIcon AttentionDelegate::attentionIcon()
{
    static const QIcon icon = [] {
        QIcon i;
        for (int size : {16, 24, 32, 48})
            i.addPixmap(warningPixmap(size));
        return i;
    }();
    return icon;
}

QString AttentionDelegate::reasonText(const QString& text, const QString& reason)
{
    if (reason.isEmpty())
        return text;
    if (text.isEmpty())
        return reason;
    return text + u" — "_s + reason;
}

void AttentionDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    if (!index.data(m_attentionRole).toBool()) {
        QStyledItemDelegate::paint(painter, option, index);
        return;
    }
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    // Colour is the third cue: the icon and the words carry the meaning without it.
    painter->fillRect(opt.rect, kTint);
    if (index.column() == m_markerColumn) {
        opt.icon = attentionIcon();
        opt.features |= QStyleOptionViewItem::HasDecoration;
        const int side = opt.fontMetrics.height();
        opt.decorationSize = QSize(side, side);
    }
    if (index.column() == m_reasonColumn) {
        opt.text = reasonText(opt.text, index.data(m_reasonRole).toString());
        opt.font.setBold(true);
        opt.fontMetrics = QFontMetrics(opt.font);
    }
    const QWidget* widget = opt.widget;
    QStyle* style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, widget);
}

bool AttentionDelegate::helpEvent(QHelpEvent* event, QAbstractItemView* view, const QStyleOptionViewItem& option,
                                  const QModelIndex& index)
{
    if (event && event->type() == QEvent::ToolTip && index.data(m_attentionRole).toBool()) {
        const QString reason = index.data(m_reasonRole).toString();
        if (!reason.isEmpty()) {
            QToolTip::showText(event->globalPos(), tr("Needs attention: %1").arg(reason), view);
            return true;
        }
    }
    return QStyledItemDelegate::helpEvent(event, view, option, index);
}
