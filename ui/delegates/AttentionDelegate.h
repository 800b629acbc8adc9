#pragma once

#include <QIcon>
#include <QStyledItemDelegate>

/// Makes rows that need attention stand out by three cues, never by colour alone (DESIGN.md 5):
/// a warning icon in the marker column, the reason as bold text in the reason column, and a tinted
/// row background. The model only says *that* and *why* through two roles (models/ has no colours,
/// STYLE.md 3.3); the defaults are OverviewModel's NeedsAttentionRole and AttentionReasonRole.
/// The reason is also the tooltip of every cell of the row.
///
/// Row height is unchanged, so the view can keep uniformRowHeights.
class AttentionDelegate : public QStyledItemDelegate
{
    Q_OBJECT

public:
    explicit AttentionDelegate(QObject* parent = nullptr);

    /// Roles of the model: a bool "needs attention" and a QString reason.
    void setRoles(int needsAttentionRole, int reasonRole);
    /// Column that gets the icon (default 0) and column whose text gets " — reason" (default: the
    /// OverviewModel's StateColumn). -1 turns a cue off.
    void setMarkerColumn(int column) { m_markerColumn = column; }
    void setReasonColumn(int column) { m_reasonColumn = column; }

    void paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const override;
    bool helpEvent(QHelpEvent* event, QAbstractItemView* view, const QStyleOptionViewItem& option,
                   const QModelIndex& index) override;

    /// The icon drawn for "needs attention" (a warning triangle), for legends and banners.
    static QIcon attentionIcon();
    /// The text shown in the reason column for a row whose own text is `text`.
    static QString reasonText(const QString& text, const QString& reason);

private:
    int m_attentionRole;
    int m_reasonRole;
    int m_markerColumn = 0;
    int m_reasonColumn;
};
