#pragma once

#include <QSet>
#include <QSortFilterProxyModel>
#include <QString>
#include <QStringList>

#include <functional>

/// The alert board's filters and order over an AlertBoardModel: by severity, state, unit, team,
/// node, category and age; most severe first, and within a severity the alert waiting longest first
/// (the order a charge nurse works through them).
///
/// Empty filters let everything through. The pseudo-state NeedsAction matches what somebody still
/// has to take on: open, paged or escalated alerts (not acknowledged, and not silenced on purpose).
class AlertFilterProxy : public QSortFilterProxyModel
{
    Q_OBJECT

public:
    /// The pseudo-state for setStates(): not yet acknowledged by anybody (and not silenced).
    static constexpr QStringView NeedsAction = u"needs-action";

    explicit AlertFilterProxy(QObject* parent = nullptr);

    void setSourceModel(QAbstractItemModel* model) override;
    /// Adds Qt::AccessibleTextRole: severity, headline and state in words, for screen readers (the
    /// cards are painted, so the list's own text would be the node's bare title).
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;

    /// Severities shown ("critical", "high", …); empty: all.
    void setSeverities(const QStringList& severities);
    QStringList severities() const;
    /// States shown (AlertBoardModel::StateRole codes, or NeedsAction); empty: all.
    void setStates(const QStringList& states);
    QStringList states() const;
    /// One care unit (compared case-insensitively, as the node does); empty: all.
    void setUnit(const QString& unit);
    QString unit() const { return m_unit; }
    void setTeam(const QString& team);
    QString team() const { return m_team; }
    /// One node (profile id); empty: all.
    void setNodeId(const QString& nodeId);
    QString nodeId() const { return m_nodeId; }
    /// "clinical" or "operational"; empty: both.
    void setCategory(const QString& category);
    QString category() const { return m_category; }
    /// Only alerts created within the last `ms` (0: any age). Re-evaluated by refreshTimeWindow().
    void setCreatedWithinMs(qint64 ms);
    qint64 createdWithinMs() const { return m_withinMs; }
    /// The clock the time window is measured against (tests); default: the wall clock.
    void setClock(std::function<qint64()> clock);

    /// Whether any filter is set.
    bool isFiltering() const;
    /// The time window moves with the clock: call this now and then (the board does every minute).
    void refreshTimeWindow();

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;
    bool lessThan(const QModelIndex& left, const QModelIndex& right) const override;

private:
    void refilter();

    QSet<QString> m_severities;
    QSet<QString> m_states;
    QString m_unit;
    QString m_team;
    QString m_nodeId;
    QString m_category;
    qint64 m_withinMs = 0;
    std::function<qint64()> m_clock;
};
