#include "ui/delegates/AlertCardDelegate.h"

#include "models/console/AlertBoardModel.h"
#include "models/console/AlertWording.h"
#include "ui/style/SeverityLook.h"
#include "ui/style/Theme.h"

#include <QAbstractItemView>
#include <QApplication>
#include <QDateTime>
#include <QHelpEvent>
#include <QJsonObject>
#include <QPainter>
#include <QPainterPath>
#include <QToolTip>

#include <cmath>

using namespace Qt::StringLiterals;

namespace {

constexpr int kMargin = 4; // around each card: the gap between cards
constexpr int kPadding = 8; // inside a card
constexpr int kBarWidth = 8; // the severity bar
constexpr int kLineGap = 3;

QFont headlineFont(const QFont& base)
{
    QFont f = base;
    f.setBold(true);
    if (f.pointSizeF() > 0)
        f.setPointSizeF(f.pointSizeF() * 1.2);
    else
        f.setPixelSize(int(f.pixelSize() * 1.2));
    return f;
}

QColor muted(const QPalette& palette)
{
    return palette.color(QPalette::PlaceholderText);
}

} // namespace

QString AlertCardDelegate::Card::text() const
{
    QStringList parts;
    parts << severity;
    for (const QString& s : { state, headline, patient, evidence, where, escalation, age, node, badge }) {
        if (!s.isEmpty())
            parts << s;
    }
    return parts.join(u"\n"_s);
}

AlertCardDelegate::AlertCardDelegate(QObject* parent)
    : QStyledItemDelegate(parent)
    , m_clock([] { return QDateTime::currentMSecsSinceEpoch(); })
{
}

void AlertCardDelegate::setClock(std::function<qint64()> clock)
{
    m_clock = clock ? std::move(clock) : [] { return QDateTime::currentMSecsSinceEpoch(); };
}

AlertCardDelegate::Card AlertCardDelegate::cardFor(const QModelIndex& index) const
{
    Card card;
    if (!index.isValid())
        return card;
    const qint64 now = m_clock();
    const QString nodeId = index.data(AlertBoardModel::NodeIdRole).toString();
    const QString nodeName = index.data(AlertBoardModel::NodeNameRole).toString();
    const QString state = index.data(AlertBoardModel::StateRole).toString();
    const QString category = index.data(AlertBoardModel::CategoryRole).toString();
    const QJsonObject alert = index.data(AlertBoardModel::AlertJsonRole).toJsonObject();

    card.severity = AlertWording::severityName(index.data(AlertBoardModel::SeverityRole).toString());
    card.state = AlertWording::stateName(state);
    if (state == u"acknowledged") {
        const QString by = index.data(AlertBoardModel::AcknowledgedByRole).toString();
        const qint64 at = index.data(AlertBoardModel::AcknowledgedAtMsRole).toLongLong();
        if (!by.isEmpty() && at > 0)
            card.state = tr("Acknowledged by %1 at %2").arg(by, AlertWording::clockText(at, now));
        else if (!by.isEmpty())
            card.state = tr("Acknowledged by %1").arg(by);
    } else if (state == u"suppressed") {
        const qint64 until = index.data(AlertBoardModel::SuppressedUntilMsRole).toLongLong();
        if (until > 0)
            card.state = tr("Silenced until %1: nobody paged").arg(AlertWording::clockText(until, now));
        else
            card.state = tr("Silenced: nobody paged");
    }
    const int count = index.data(AlertBoardModel::CountRole).toInt();
    if (count > 1)
        card.state = tr("%1 · raised %2 times").arg(card.state).arg(count);

    card.age = AlertWording::ageText(index.data(AlertBoardModel::CreatedAtMsRole).toLongLong(), now);
    card.node = nodeName;
    card.headline = AlertWording::headline(alert, now);

    const QString patient = index.data(AlertBoardModel::PatientIdRole).toString();
    if (patient == u"***")
        card.patient = tr("patient hidden for your role");
    else if (!patient.isEmpty())
        card.patient = tr("Patient %1").arg(patient);
    else if (category == u"clinical")
        card.patient = tr("patient not loaded yet");

    card.evidence = AlertWording::evidenceLine(index.data(AlertBoardModel::EvidenceRole).toJsonObject());

    QStringList where;
    for (const QString& s :
        { index.data(AlertBoardModel::UnitRole).toString(), index.data(AlertBoardModel::TeamRole).toString() }) {
        if (!s.isEmpty())
            where << s;
    }
    card.where = where.join(u" \u00b7 "_s);

    const int level = index.data(AlertBoardModel::LevelRole).toInt();
    const int levels = m_levelCount ? m_levelCount(nodeId, index.data(AlertBoardModel::PolicyRole).toString()) : 0;
    if (state == u"acknowledged") {
        const qint64 reopensAt = index.data(AlertBoardModel::ReopensAtMsRole).toLongLong();
        const QString stopped = AlertWording::escalationText(level, levels, 0, now);
        // Ownership has a limit when the policy says so: the owner sees how long is left to resolve it.
        card.escalation = reopensAt > 0
            ? tr("%1, escalation stopped; pages again %2 unless resolved")
                  .arg(stopped, reopensAt > now ? tr("in %1").arg(AlertWording::countdownText(reopensAt - now))
                                                : tr("now"))
            : tr("%1, escalation stopped").arg(stopped);
    } else if (state != u"suppressed") {
        card.escalation = AlertWording::escalationText(
            level, levels, index.data(AlertBoardModel::NextEscalationAtMsRole).toLongLong(), now);
    }

    card.cached = index.data(AlertBoardModel::CachedRole).toBool();
    const QString pending = index.data(AlertBoardModel::PendingActionRole).toString();
    QStringList badge;
    if (!pending.isEmpty()) {
        card.pending = true;
        // While the node is away the action waits; while it is live it is on its way. Either way it
        // is not done until the node says so.
        if (card.cached)
            badge << tr("PENDING \u2014 %1 will be sent when %2 is back")
                         .arg(AlertWording::actionNoun(pending), nodeName);
        else
            badge << tr("PENDING \u2014 %1 being sent to %2").arg(AlertWording::actionNoun(pending), nodeName);
    }
    if (card.cached) {
        const qint64 asOf = m_asOf ? m_asOf(nodeId) : 0;
        badge << (asOf > 0 ? tr("as of %1 (offline)").arg(AlertWording::clockText(asOf, now)) : tr("cached (offline)"));
    }
    card.badge = badge.join(u" \u00b7 "_s);
    return card;
}

QSize AlertCardDelegate::sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    Q_UNUSED(index);
    const QFontMetrics fm(option.font);
    const QFontMetrics head(headlineFont(option.font));
    const int height = 2 * kMargin + 2 * kPadding + head.height() + 4 * fm.height() + 4 * kLineGap;
    return QSize(fm.averageCharWidth() * 60, height);
}

void AlertCardDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    const Card card = cardFor(index);
    const QString severity = index.data(AlertBoardModel::SeverityRole).toString();
    const QPalette& pal = option.palette;
    const bool selected = option.state & QStyle::State_Selected;
    const bool focused = option.state & QStyle::State_HasFocus;

    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    const QRectF cardRect = QRectF(option.rect).adjusted(kMargin, kMargin, -kMargin, -kMargin);
    QColor background = pal.color(QPalette::Base);
    if (selected) {
        QColor highlight = pal.color(QPalette::Highlight);
        highlight.setAlpha(70);
        background = highlight;
    }
    QPainterPath shape;
    shape.addRoundedRect(cardRect, 6, 6);
    painter->fillPath(shape, pal.color(QPalette::Base));
    painter->fillPath(shape, background);
    painter->setPen(
        QPen(selected ? pal.color(QPalette::Highlight) : pal.color(QPalette::Mid), selected || focused ? 2 : 1));
    painter->drawPath(shape);
    // The bar is the colour cue; the icon and the word carry the meaning without it.
    QPainterPath bar;
    bar.addRoundedRect(QRectF(cardRect.left(), cardRect.top(), kBarWidth, cardRect.height()), 4, 4);
    painter->fillPath(bar, SeverityLook::color(severity));
    painter->setRenderHint(QPainter::Antialiasing, false);

    const QFont base = option.font;
    const QFontMetrics fm(base);
    const QFont headFont = headlineFont(base);
    const QFontMetrics head(headFont);
    const int left = int(cardRect.left()) + kBarWidth + kPadding;
    const int right = int(cardRect.right()) - kPadding;
    const int width = right - left;
    int y = int(cardRect.top()) + kPadding;
    const QColor text = pal.color(QPalette::Text);

    // Line 1: icon, severity word, state; age and node on the right.
    const int icon = fm.height();
    painter->drawPixmap(left, y, SeverityLook::icon(severity).pixmap(icon, icon));
    QFont bold = base;
    bold.setBold(true);
    painter->setFont(bold);
    painter->setPen(text);
    const QString severityText = card.severity.toUpper();
    const int severityWidth = QFontMetrics(bold).horizontalAdvance(severityText);
    painter->drawText(
        QRect(left + icon + 6, y, severityWidth + 2, fm.height()), Qt::AlignLeft | Qt::AlignVCenter, severityText);
    painter->setFont(base);
    const QString rightText = QStringList { card.age, card.node }.join(u" \u00b7 "_s);
    // A few pixels of slack: elidedText() cuts a string that fits its advance exactly.
    const int rightWidth = std::min(fm.horizontalAdvance(rightText) + 4, width / 2);
    painter->setPen(muted(pal));
    painter->drawText(QRect(right - rightWidth, y, rightWidth, fm.height()), Qt::AlignRight | Qt::AlignVCenter,
        fm.elidedText(rightText, Qt::ElideLeft, rightWidth));
    const int stateLeft = left + icon + 6 + severityWidth + 10;
    painter->setPen(text);
    painter->drawText(QRect(stateLeft, y, right - rightWidth - 10 - stateLeft, fm.height()),
        Qt::AlignLeft | Qt::AlignVCenter,
        fm.elidedText(card.state, Qt::ElideRight, right - rightWidth - 10 - stateLeft));
    y += fm.height() + kLineGap;

    // Line 2: the headline.
    painter->setFont(headFont);
    painter->drawText(QRect(left, y, width, head.height()), Qt::AlignLeft | Qt::AlignVCenter,
        head.elidedText(card.headline, Qt::ElideRight, width));
    painter->setFont(base);
    y += head.height() + kLineGap;

    // Line 3: patient and evidence.
    QStringList line3;
    if (!card.patient.isEmpty())
        line3 << card.patient;
    if (!card.evidence.isEmpty())
        line3 << card.evidence;
    painter->drawText(QRect(left, y, width, fm.height()), Qt::AlignLeft | Qt::AlignVCenter,
        fm.elidedText(line3.join(u"  \u00b7  "_s), Qt::ElideRight, width));
    y += fm.height() + kLineGap;

    // Line 4: where and escalation.
    QStringList line4;
    if (!card.where.isEmpty())
        line4 << card.where;
    if (!card.escalation.isEmpty())
        line4 << card.escalation;
    painter->setPen(muted(pal));
    painter->drawText(QRect(left, y, width, fm.height()), Qt::AlignLeft | Qt::AlignVCenter,
        fm.elidedText(line4.join(u"  \u00b7  "_s), Qt::ElideRight, width));
    y += fm.height() + kLineGap;

    // Line 5: what is not settled — a pending action as a badge, cached data in words.
    if (!card.badge.isEmpty()) {
        const QString shown = fm.elidedText(card.badge, Qt::ElideRight, width - 12);
        if (card.pending) {
            const QRect badgeRect(left, y, fm.horizontalAdvance(shown) + 12, fm.height());
            painter->fillRect(badgeRect, QColor(0xf0, 0xb4, 0x3c));
            painter->setPen(Qt::black);
            painter->setFont(bold);
            painter->drawText(badgeRect.adjusted(6, 0, -6, 0), Qt::AlignLeft | Qt::AlignVCenter,
                QFontMetrics(bold).elidedText(card.badge, Qt::ElideRight, badgeRect.width() - 12));
            painter->setFont(base);
        } else {
            painter->setPen(text);
            painter->drawText(QRect(left, y, width, fm.height()), Qt::AlignLeft | Qt::AlignVCenter, shown);
        }
    }
    painter->restore();
}

bool AlertCardDelegate::helpEvent(
    QHelpEvent* event, QAbstractItemView* view, const QStyleOptionViewItem& option, const QModelIndex& index)
{
    if (event && event->type() == QEvent::ToolTip && index.isValid()) {
        QToolTip::showText(event->globalPos(), cardFor(index).text(), view);
        return true;
    }
    return QStyledItemDelegate::helpEvent(event, view, option, index);
}
