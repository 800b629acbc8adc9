#include "ui/shell/NodeChip.h"

#include "ui/ConsoleStrings.h"
#include "ui/style/Theme.h"

#include <QContextMenuEvent>
#include <QGridLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QMouseEvent>
#include <QStyle>

NodeChip::NodeChip(const QString& nodeId, QWidget* parent)
    : QFrame(parent)
    , m_nodeId(nodeId)
{
    setObjectName(u"chip-" + nodeId);
    setFocusPolicy(Qt::StrongFocus);
    setCursor(Qt::PointingHandCursor);
    m_icon = new QLabel(this);
    m_name = new QLabel(this);
    m_name->setObjectName(QStringLiteral("chipName"));
    QFont bold = m_name->font();
    bold.setBold(true);
    m_name->setFont(bold);
    m_stateLabel = new QLabel(this);
    m_stateLabel->setObjectName(QStringLiteral("chipState"));
    m_detail = new QLabel(this);
    m_detail->setObjectName(QStringLiteral("chipDetail"));
    auto* layout = new QGridLayout(this);
    layout->setContentsMargins(8, 4, 10, 4);
    layout->setHorizontalSpacing(6);
    layout->setVerticalSpacing(0);
    layout->addWidget(m_icon, 0, 0, 2, 1);
    layout->addWidget(m_name, 0, 1);
    layout->addWidget(m_stateLabel, 0, 2);
    layout->addWidget(m_detail, 1, 1, 1, 2);
}

QString NodeChip::stateText() const
{
    return m_stateLabel->text();
}

QString NodeChip::detailText() const
{
    return m_detail->text();
}

void NodeChip::update(const QString& displayName, const QString& site, const QString& state, const QString& detail,
                      bool attention, const QString& userName)
{
    m_name->setText(site.isEmpty() ? displayName : displayName + u" · " + site);
    const QString stateWords = state == u"signed-out" ? tr("Signed out") : ConsoleStrings::nodeState(state);
    m_stateLabel->setText(stateWords);
    // The session's detail is sometimes just the state again ("online"): say it once.
    const bool repeatsState = detail.compare(stateWords, Qt::CaseInsensitive) == 0
        || detail.compare(state, Qt::CaseInsensitive) == 0;
    m_detail->setText(repeatsState ? QString() : detail);
    m_icon->setPixmap(Theme::stateIcon(state).pixmap(20, 20));
    QString tip = displayName + u"\n" + stateWords;
    if (!detail.isEmpty() && !repeatsState)
        tip += u": " + detail;
    if (!userName.isEmpty())
        tip += u"\n" + tr("Signed in as %1").arg(userName);
    setToolTip(tip);
    setAccessibleName(displayName + u", " + stateWords);
    setAccessibleDescription(m_detail->text());
    if (state != m_state || attention != m_attention) {
        m_state = state;
        m_attention = attention;
        // Dynamic properties feed the style sheet only after a re-polish.
        style()->unpolish(this);
        style()->polish(this);
    }
}

void NodeChip::mousePressEvent(QMouseEvent* event)
{
    if (event->button() == Qt::LeftButton) {
        emit menuRequested(m_nodeId, event->globalPosition().toPoint());
        return;
    }
    QFrame::mousePressEvent(event);
}

void NodeChip::keyPressEvent(QKeyEvent* event)
{
    if (event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter || event->key() == Qt::Key_Space) {
        emit menuRequested(m_nodeId, mapToGlobal(rect().bottomLeft()));
        return;
    }
    QFrame::keyPressEvent(event);
}

void NodeChip::contextMenuEvent(QContextMenuEvent* event)
{
    emit menuRequested(m_nodeId, event->globalPos());
}
