#pragma once

#include <QColor>
#include <QIcon>
#include <QString>
#include <QStyledItemDelegate>

#include <functional>

/// Paints one alert of an AlertBoardModel (through any proxy) as a card, so a charge nurse reads it
/// at a glance in a dim room: severity as a coloured bar, a distinct icon *and* the word; the plain
/// headline; the patient as the node permits it; the evidence; where, which team, which node; age
/// and escalation level; and what is not settled yet — an action still pending (never shown as done)
/// or data from the cache while the node is offline.
///
/// Every card has the same height (the list can use uniform item sizes). The texts come from
/// cardFor(), which tests read instead of pixels.
class AlertCardDelegate : public QStyledItemDelegate
{
    Q_OBJECT

public:
    /// What one card says, line by line.
    struct Card
    {
        QString severity; ///< "Critical"
        QString state; ///< "Paged", "Acknowledged by nina at 03:12"
        QString age; ///< "4 min ago"
        QString node; ///< the node's display name
        QString headline; ///< AlertWording::headline()
        QString patient; ///< "Patient 12345" | "patient hidden for your role" | empty
        QString evidence; ///< AlertWording::evidenceLine()
        QString where; ///< "ICU-3 · nursing"
        QString escalation; ///< "level 2 of 3, next in 4:12"
        QString badge; ///< "PENDING — acknowledgement will be sent when Node A is back" | "as of 14:02 (offline)"
        bool pending = false; ///< the badge is a pending action (drawn as a badge, not as plain text)
        bool cached = false;

        /// All of it in one string (tooltip, accessibility, tests).
        QString text() const;
    };

    explicit AlertCardDelegate(QObject* parent = nullptr);

    /// Wall clock for ages and countdowns (tests inject one).
    void setClock(std::function<qint64()> clock);
    qint64 now() const { return m_clock(); }
    /// When the console last heard from a node, for "as of 14:02 (offline)" (0: unknown).
    void setAsOfLookup(std::function<qint64(const QString& nodeId)> lookup) { m_asOf = std::move(lookup); }
    /// How many levels an escalation policy of a node has, for "level 2 of 3" (0: unknown).
    void setLevelCountLookup(std::function<int(const QString& nodeId, const QString& policy)> lookup)
    {
        m_levelCount = std::move(lookup);
    }

    Card cardFor(const QModelIndex& index) const;

    void paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const override;
    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;
    bool helpEvent(QHelpEvent* event, QAbstractItemView* view, const QStyleOptionViewItem& option,
        const QModelIndex& index) override;

private:
    std::function<qint64()> m_clock;
    std::function<qint64(const QString&)> m_asOf;
    std::function<int(const QString&, const QString&)> m_levelCount;
};
