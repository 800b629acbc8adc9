#pragma once

#include "ui/views/TraceQuery.h"

#include <QList>
#include <QWidget>

class QComboBox;
class QDateTimeEdit;
class QLineEdit;
class QMenu;
class QPushButton;
class QToolButton;

/// The trace search: one box for a correlation ID, MSH-10, patient identifier or accession number,
/// filters by type, state and time, and menus of recent and saved searches.
///
/// Recent and saved searches live in the shell's QSettings: it hands them in with
/// setRecentSearches() / setSavedSearches() at start and stores what recentSearchesChanged() and
/// savedSearchesChanged() report (TraceQuery::toVariantList()). Every search run is put first in
/// the recent list (no duplicates, at most kMaxRecent).
class TraceSearchBar : public QWidget
{
    Q_OBJECT

public:
    static constexpr int kMaxRecent = 15;

    explicit TraceSearchBar(QWidget* parent = nullptr);

    /// What the widgets say now; a relative time range is resolved against the clock.
    TraceQuery currentQuery() const;
    /// Puts a query into the widgets (does not search).
    void setQuery(const TraceQuery& query);

    void setRecentSearches(const QList<TraceQuery>& queries);
    QList<TraceQuery> recentSearches() const { return m_recent; }
    void setSavedSearches(const QList<TraceQuery>& queries);
    QList<TraceQuery> savedSearches() const { return m_saved; }

    QLineEdit* searchEdit() const { return m_search; }
    QComboBox* typeBox() const { return m_type; }
    QComboBox* stateBox() const { return m_state; }
    QComboBox* timeBox() const { return m_time; }

public slots:
    /// Runs the search the widgets describe.
    void search();
    /// Runs `query` (from a menu or the shell): puts it in the widgets and searches.
    void runQuery(const TraceQuery& query);
    void saveCurrentSearch();
    void focusSearch();

signals:
    void searchRequested(const TraceQuery& query);
    void recentSearchesChanged(const QList<TraceQuery>& queries);
    void savedSearchesChanged(const QList<TraceQuery>& queries);

private:
    void rebuildRecentMenu();
    void rebuildSavedMenu();
    void onTimeChoice(int index);

    QLineEdit* m_search = nullptr;
    QComboBox* m_type = nullptr;
    QComboBox* m_state = nullptr;
    QComboBox* m_time = nullptr;
    QDateTimeEdit* m_from = nullptr;
    QDateTimeEdit* m_to = nullptr;
    QToolButton* m_recentButton = nullptr;
    QToolButton* m_savedButton = nullptr;
    QMenu* m_recentMenu = nullptr;
    QMenu* m_savedMenu = nullptr;
    QList<TraceQuery> m_recent;
    QList<TraceQuery> m_saved;
};
