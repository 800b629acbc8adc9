#include "ui/views/PendingActionsPanel.h"

#include "models/console/ConsoleActionModel.h"
#include "ui/delegates/AttentionDelegate.h"
#include "ui/session/ActionQueue.h"
#include "ui/session/FleetActionFeed.h"
#include "ui/session/NodeFleet.h"
#include "ui/style/Theme.h"

#include <QDateTime>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QListView>
#include <QLocale>
#include <QMap>
#include <QMessageBox>
#include <QPushButton>
#include <QStyledItemDelegate>
#include <QVBoxLayout>

#include <algorithm>

namespace {

QString clockTime(qint64 ms)
{
    if (ms <= 0)
        return QString();
    const QDateTime at = QDateTime::fromMSecsSinceEpoch(ms).toLocalTime();
    // Within today the time says it all; older actions also need the date.
    if (at.date() == QDate::currentDate())
        return QLocale().toString(at.time(), QLocale::ShortFormat);
    return QLocale().toString(at, QLocale::ShortFormat);
}

QString stateWord(const QString& state)
{
    if (state == u"pending")
        return PendingActionsPanel::tr("Pending", "console action state: not yet applied by the node");
    if (state == u"applied")
        return PendingActionsPanel::tr("Applied", "console action state: the node did it");
    if (state == u"refused")
        return PendingActionsPanel::tr("Refused", "console action state: the node said no");
    if (state == u"discarded")
        return PendingActionsPanel::tr("Discarded", "console action state: withdrawn, never sent");
    return state;
}

/// Distinct shapes per state (Theme's node-state icons and the attention triangle), so the list
/// reads without colour: open ring = waiting, padlock = waiting for its user, filled dot = done,
/// triangle = refused or needs a person, cross = discarded.
QIcon stateIcon(const QModelIndex& index)
{
    const QString state = index.data(ConsoleActionModel::StateRole).toString();
    const QString hold = index.data(ConsoleActionModel::HoldRole).toString();
    if (state == u"pending") {
        if (hold == u"other-user")
            return Theme::stateIcon(QStringLiteral("signed-out"));
        if (hold == u"key-expired")
            return AttentionDelegate::attentionIcon();
        return Theme::stateIcon(QStringLiteral("connecting"));
    }
    if (state == u"applied")
        return Theme::stateIcon(QStringLiteral("online"));
    if (state == u"refused")
        return AttentionDelegate::attentionIcon();
    return Theme::stateIcon(QStringLiteral("offline"));
}

/// Several lines per row (what, where and who, what it means) with the state's icon.
class ActionDelegate : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

protected:
    void initStyleOption(QStyleOptionViewItem* option, const QModelIndex& index) const override
    {
        QStyledItemDelegate::initStyleOption(option, index);
        option->text = PendingActionsPanel::describe(index);
        option->icon = stateIcon(index);
        option->features |= QStyleOptionViewItem::HasDecoration | QStyleOptionViewItem::WrapText;
        option->decorationSize = QSize(24, 24);
        option->decorationAlignment = Qt::AlignTop | Qt::AlignHCenter;
        option->displayAlignment = Qt::AlignLeft | Qt::AlignTop;
        if (index.data(ConsoleActionModel::NeedsAttentionRole).toBool()
            || index.data(ConsoleActionModel::StateRole).toString() == u"pending")
            option->font.setBold(true);
    }

    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override
    {
        // Room to breathe and a finger-sized target.
        QSize size = QStyledItemDelegate::sizeHint(option, index);
        return QSize(size.width(), std::max(size.height() + 12, 56));
    }
};

} // namespace

PendingActionsPanel::PendingActionsPanel(NodeFleet* fleet, QWidget* parent)
    : QWidget(parent)
    , m_feed(FleetActionFeed::of(fleet))
{
    setObjectName(QStringLiteral("pendingActionsPanel"));
    setWindowTitle(tr("Actions waiting for a node"));

    m_headline = new QLabel(this);
    m_headline->setObjectName(QStringLiteral("pendingActionsHeadline"));
    m_headline->setWordWrap(true);
    QFont big = m_headline->font();
    big.setPointSizeF(big.pointSizeF() * 1.2);
    big.setBold(true);
    m_headline->setFont(big);

    auto* intro = new QLabel(tr("An action made while a node cannot be reached waits here as pending: it is not "
                                "done until the node confirms it. It is sent once, with the same key every time, "
                                "so the node never does it twice."),
                             this);
    intro->setWordWrap(true);
    intro->setObjectName(QStringLiteral("emptyStateText"));

    m_list = new QListView(this);
    m_list->setObjectName(QStringLiteral("pendingActionsList"));
    m_list->setModel(m_feed ? m_feed->model() : nullptr);
    m_list->setItemDelegate(new ActionDelegate(m_list));
    m_list->setWordWrap(true);
    m_list->setAlternatingRowColors(true);
    m_list->setSelectionMode(QAbstractItemView::SingleSelection);
    m_list->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_list->setResizeMode(QListView::Adjust);
    m_list->setAccessibleName(tr("Pending and recent actions"));

    m_feedback = new QLabel(this);
    m_feedback->setObjectName(QStringLiteral("pendingActionsFeedback"));
    m_feedback->setWordWrap(true);

    m_sendNow = new QPushButton(tr("&Send now"), this);
    m_sendNow->setToolTip(tr("Send every pending action now; reconnect to nodes that are offline."));
    m_discard = new QPushButton(tr("&Discard…"), this);
    m_discard->setToolTip(tr("Withdraw the selected pending action so that it is never sent."));
    m_close = new QPushButton(tr("Close"), this);
    for (QPushButton* b : {m_sendNow, m_discard, m_close})
        b->setMinimumHeight(36);

    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_sendNow);
    buttons->addWidget(m_discard);
    buttons->addStretch();
    buttons->addWidget(m_close);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_headline);
    layout->addWidget(intro);
    layout->addWidget(m_list, 1);
    layout->addWidget(m_feedback);
    layout->addLayout(buttons);

    m_confirm = [this](const QString& title, const QString& text) {
        return QMessageBox::question(this, title, text, QMessageBox::Discard | QMessageBox::Cancel,
                                     QMessageBox::Cancel)
            == QMessageBox::Discard;
    };

    connect(m_sendNow, &QPushButton::clicked, this, &PendingActionsPanel::sendNow);
    connect(m_discard, &QPushButton::clicked, this, &PendingActionsPanel::discardSelected);
    connect(m_close, &QPushButton::clicked, this, &QWidget::close);
    if (ConsoleActionModel* m = model()) {
        connect(m, &ConsoleActionModel::countsChanged, this, [this] {
            updateHeadline();
            // A refusal that arrives while the list is in front of the user is seen.
            if (isVisible() && isActiveWindow() && m_feed)
                m_feed->markAllSeen();
        });
        connect(m, &QAbstractItemModel::dataChanged, this, &PendingActionsPanel::updateButtons);
        connect(m, &QAbstractItemModel::rowsInserted, this, &PendingActionsPanel::updateButtons);
        connect(m, &QAbstractItemModel::rowsRemoved, this, &PendingActionsPanel::updateButtons);
        connect(m, &QAbstractItemModel::modelReset, this, [this] {
            updateHeadline();
            updateButtons();
        });
    }
    connect(m_list->selectionModel(), &QItemSelectionModel::currentChanged, this, &PendingActionsPanel::updateButtons);
    updateHeadline();
    updateButtons();
}

ConsoleActionModel* PendingActionsPanel::model() const
{
    return m_feed ? m_feed->model() : nullptr;
}

QString PendingActionsPanel::headline() const
{
    return m_headline->text();
}

QString PendingActionsPanel::feedback() const
{
    return m_feedback->text();
}

QString PendingActionsPanel::explanation(const QModelIndex& index)
{
    const QString node = index.data(ConsoleActionModel::NodeNameRole).toString();
    const QString state = index.data(ConsoleActionModel::StateRole).toString();
    const QString outcome = index.data(ConsoleActionModel::OutcomeRole).toString();
    const int attempts = index.data(ConsoleActionModel::AttemptsRole).toInt();
    if (state == u"applied") {
        return tr("Applied on %1 at %2.")
            .arg(node, clockTime(index.data(ConsoleActionModel::FinishedAtMsRole).toLongLong()));
    }
    if (state == u"refused") {
        if (outcome.isEmpty())
            return tr("Refused by %1 (HTTP %2).").arg(node).arg(index.data(ConsoleActionModel::HttpStatusRole).toInt());
        return tr("Refused by %1: %2").arg(node, outcome);
    }
    if (state == u"discarded") {
        if (attempts > 0)
            return tr("Discarded: not sent again. It was sent %n time(s) without an answer, so %1 may have done it "
                      "anyway: check there.", nullptr, attempts)
                .arg(node);
        return tr("Discarded: never sent to %1.").arg(node);
    }
    // Pending, in its several ways of waiting.
    const QString hold = index.data(ConsoleActionModel::HoldRole).toString();
    if (hold == u"other-user") {
        const QString user = index.data(ConsoleActionModel::UserNameRole).toString();
        if (user.isEmpty())
            return tr("Pending: not yet applied on %1. It was made before the console knew who was signed in, so it "
                      "is not sent in anyone's name: discard it, and act again if it is still needed.")
                .arg(node);
        return tr("Pending: not yet applied on %1. Made by %2: it is sent only once %2 signs in to %1 again, never "
                  "in another user's name.")
            .arg(node, user);
    }
    if (hold == u"key-expired") {
        return tr("Pending: %1 never answered, and it was first sent more than a day ago. It is not sent again, "
                  "because %1 may have done it already: check on %1, then discard it.")
            .arg(node);
    }
    if (index.data(ConsoleActionModel::InFlightRole).toBool())
        return tr("Pending: being sent to %1 now; not yet applied.").arg(node);
    const qint64 next = index.data(ConsoleActionModel::NextAttemptAtMsRole).toLongLong();
    QString text = tr("Pending: not yet applied on %1. It will be sent once when the node is back.").arg(node);
    if (next > 0)
        text = tr("Pending: not yet applied on %1. It is sent again at %2.").arg(node, clockTime(next));
    if (!outcome.isEmpty())
        text += u' ' + tr("Last attempt: %1").arg(outcome);
    return text;
}

QString PendingActionsPanel::describe(const QModelIndex& index)
{
    if (!index.isValid())
        return QString();
    const QString state = index.data(ConsoleActionModel::StateRole).toString();
    const QString summary = index.data(ConsoleActionModel::SummaryRole).toString();
    const QString user = index.data(ConsoleActionModel::UserNameRole).toString();
    QStringList meta;
    meta << index.data(ConsoleActionModel::NodeNameRole).toString();
    if (!user.isEmpty())
        meta << tr("by %1").arg(user);
    meta << tr("made %1").arg(clockTime(index.data(ConsoleActionModel::CreatedAtMsRole).toLongLong()));
    const int attempts = index.data(ConsoleActionModel::AttemptsRole).toInt();
    if (attempts > 0)
        meta << tr("sent %n time(s)", nullptr, attempts);
    return stateWord(state).toUpper() + u" — " + summary + u'\n' + meta.join(u" · ") + u'\n' + explanation(index);
}

QString PendingActionsPanel::textOf(int row) const
{
    ConsoleActionModel* m = model();
    return m ? describe(m->index(row)) : QString();
}

QModelIndex PendingActionsPanel::currentIndex() const
{
    const QModelIndex current = m_list->currentIndex();
    return m_list->selectionModel()->isSelected(current) ? current : QModelIndex();
}

void PendingActionsPanel::updateHeadline()
{
    ConsoleActionModel* m = model();
    if (!m)
        return;
    const int pending = m->pendingCount();
    QMap<QString, int> perNode;
    for (int row = 0; row < m->rowCount(); ++row) {
        const QModelIndex i = m->index(row);
        if (i.data(ConsoleActionModel::StateRole).toString() == u"pending")
            ++perNode[i.data(ConsoleActionModel::NodeNameRole).toString()];
    }
    QString text;
    if (pending == 0) {
        text = tr("Nothing is waiting: every action was answered by its node.");
    } else {
        QStringList where;
        for (auto it = perNode.cbegin(); it != perNode.cend(); ++it)
            where << tr("%1: %2").arg(it.key()).arg(it.value());
        text = tr("%n action(s) pending, not yet applied", nullptr, pending) + u" (" + where.join(u", ") + u')';
    }
    if (m->attentionCount() > 0)
        text += u"\n" + tr("%n action(s) refused by a node: read why below.", nullptr, m->attentionCount());
    m_headline->setText(text);
    m_sendNow->setEnabled(pending > 0);
}

void PendingActionsPanel::updateButtons()
{
    const QModelIndex current = currentIndex();
    const bool pending = current.isValid() && current.data(ConsoleActionModel::StateRole).toString() == u"pending";
    const bool inFlight = current.isValid() && current.data(ConsoleActionModel::InFlightRole).toBool();
    m_discard->setEnabled(pending && !inFlight);
    m_discard->setToolTip(inFlight ? tr("It is being sent right now: wait for the node's answer.")
                                   : tr("Withdraw the selected pending action so that it is never sent."));
    if (ConsoleActionModel* m = model())
        m_sendNow->setEnabled(m->pendingCount() > 0);
}

void PendingActionsPanel::sendNow()
{
    if (!m_feed)
        return;
    m_feed->flushAll();
    m_feedback->setText(tr("Sending pending actions to the nodes that can be reached; the others get theirs when "
                           "they are back."));
}

bool PendingActionsPanel::discardSelected()
{
    const QModelIndex current = currentIndex();
    if (!current.isValid() || !m_feed || current.data(ConsoleActionModel::StateRole).toString() != u"pending"
        || current.data(ConsoleActionModel::InFlightRole).toBool())
        return false;
    const QString nodeId = current.data(ConsoleActionModel::NodeIdRole).toString();
    const QString key = current.data(ConsoleActionModel::KeyRole).toString();
    const QString node = current.data(ConsoleActionModel::NodeNameRole).toString();
    const QString summary = current.data(ConsoleActionModel::SummaryRole).toString();
    const int attempts = current.data(ConsoleActionModel::AttemptsRole).toInt();
    ActionQueue* queue = m_feed->queue(nodeId);
    if (!queue)
        return false;
    QString text = tr("Discard \"%1\"? It will never be sent to %2.").arg(summary, node);
    if (attempts > 0)
        text += u"\n\n" + tr("It was already sent %n time(s) without an answer: %1 may have done it anyway. Check "
                             "there afterwards.", nullptr, attempts).arg(node);
    if (m_confirm && !m_confirm(tr("Discard pending action"), text))
        return false;
    QString error;
    if (!queue->discard(key, &error)) {
        m_feedback->setText(tr("Not discarded: %1").arg(error));
        return false;
    }
    m_feedback->setText(tr("Discarded: \"%1\" will not be sent to %2.").arg(summary, node));
    updateButtons();
    return true;
}

void PendingActionsPanel::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    // Opening the list is looking at it: refusals stop calling for attention in the status bar
    // (they keep their warning icon here).
    if (m_feed)
        m_feed->markAllSeen();
}

void PendingActionsPanel::keyPressEvent(QKeyEvent* event)
{
    if (event->key() == Qt::Key_Delete && m_discard->isEnabled()) {
        discardSelected();
        return;
    }
    if (event->key() == Qt::Key_Escape && isWindow()) {
        close();
        return;
    }
    QWidget::keyPressEvent(event);
}
