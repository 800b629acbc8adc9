#include "ui/views/TraceSearchBar.h"

#include <QComboBox>
#include <QDateTime>
#include <QDateTimeEdit>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPushButton>
#include <QToolButton>

using namespace Qt::StringLiterals;

namespace {

constexpr qint64 kHourMs = 3600 * 1000LL;
// Time choices: data is the relative range in ms; 0 any time; -1 custom (the two edits).
constexpr qint64 kCustom = -1;

} // namespace

TraceSearchBar::TraceSearchBar(QWidget* parent)
    : QWidget(parent)
{
    m_search = new QLineEdit(this);
    m_search->setPlaceholderText(tr("Correlation ID, MSH-10, patient ID or accession number (Ctrl+K)"));
    m_search->setClearButtonEnabled(true);
    m_search->setAccessibleName(tr("Trace search"));
    connect(m_search, &QLineEdit::returnPressed, this, &TraceSearchBar::search);

    auto* searchButton = new QPushButton(tr("&Search"), this);
    searchButton->setDefault(true);
    connect(searchButton, &QPushButton::clicked, this, &TraceSearchBar::search);

    m_recentMenu = new QMenu(this);
    m_recentButton = new QToolButton(this);
    m_recentButton->setText(tr("&Recent"));
    m_recentButton->setMenu(m_recentMenu);
    m_recentButton->setPopupMode(QToolButton::InstantPopup);
    m_savedMenu = new QMenu(this);
    m_savedButton = new QToolButton(this);
    m_savedButton->setText(tr("Sa&ved"));
    m_savedButton->setMenu(m_savedMenu);
    m_savedButton->setPopupMode(QToolButton::InstantPopup);
    // Built when opened: an action that reruns a search must not be deleted while it fires.
    connect(m_recentMenu, &QMenu::aboutToShow, this, &TraceSearchBar::rebuildRecentMenu);
    connect(m_savedMenu, &QMenu::aboutToShow, this, &TraceSearchBar::rebuildSavedMenu);
    rebuildRecentMenu();
    rebuildSavedMenu();

    m_type = new QComboBox(this);
    m_type->setEditable(true);
    m_type->setInsertPolicy(QComboBox::NoInsert);
    m_type->addItem(QString());
    for (const QString& t : {u"ADT"_s, u"ADT^A01"_s, u"ADT^A08"_s, u"ORM^O01"_s, u"ORU^R01"_s, u"SIU"_s, u"MDM"_s,
                             u"Observation"_s, u"Bundle"_s})
        m_type->addItem(t);
    m_type->lineEdit()->setPlaceholderText(tr("Any type"));
    m_type->setAccessibleName(tr("Message type"));

    m_state = new QComboBox(this);
    m_state->addItem(tr("Any state"), QString());
    m_state->addItem(tr("Accepted", "message state"), u"accepted"_s);
    m_state->addItem(tr("Invalid", "message state"), u"invalid"_s);
    m_state->addItem(tr("Unparseable", "message state"), u"unparseable"_s);
    m_state->addItem(tr("Duplicate", "message state"), u"duplicate"_s);
    m_state->setAccessibleName(tr("Message state"));

    m_time = new QComboBox(this);
    m_time->addItem(tr("Any time"), qint64(0));
    m_time->addItem(tr("Last hour"), kHourMs);
    m_time->addItem(tr("Last 24 hours"), 24 * kHourMs);
    m_time->addItem(tr("Last 7 days"), 7 * 24 * kHourMs);
    m_time->addItem(tr("Between…"), kCustom);
    m_time->setAccessibleName(tr("Time range"));
    m_from = new QDateTimeEdit(QDateTime::currentDateTime().addSecs(-3600), this);
    m_to = new QDateTimeEdit(QDateTime::currentDateTime(), this);
    for (QDateTimeEdit* e : {m_from, m_to}) {
        e->setCalendarPopup(true);
        e->setDisplayFormat(u"yyyy-MM-dd HH:mm"_s);
        e->hide();
    }
    m_from->setAccessibleName(tr("From"));
    m_to->setAccessibleName(tr("To"));
    connect(m_time, &QComboBox::currentIndexChanged, this, &TraceSearchBar::onTimeChoice);

    auto* typeLabel = new QLabel(tr("&Type:"), this);
    typeLabel->setBuddy(m_type);
    auto* stateLabel = new QLabel(tr("S&tate:"), this);
    stateLabel->setBuddy(m_state);
    auto* timeLabel = new QLabel(tr("T&ime:"), this);
    timeLabel->setBuddy(m_time);

    auto* top = new QHBoxLayout;
    top->addWidget(m_search, 1);
    top->addWidget(searchButton);
    top->addWidget(m_recentButton);
    top->addWidget(m_savedButton);
    auto* filters = new QHBoxLayout;
    filters->addWidget(typeLabel);
    filters->addWidget(m_type);
    filters->addWidget(stateLabel);
    filters->addWidget(m_state);
    filters->addWidget(timeLabel);
    filters->addWidget(m_time);
    filters->addWidget(m_from);
    filters->addWidget(m_to);
    filters->addStretch();
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(top);
    layout->addLayout(filters);
}

void TraceSearchBar::onTimeChoice(int index)
{
    const bool custom = m_time->itemData(index).toLongLong() == kCustom;
    m_from->setVisible(custom);
    m_to->setVisible(custom);
}

TraceQuery TraceSearchBar::currentQuery() const
{
    TraceQuery q;
    q.text = m_search->text().trimmed();
    q.type = m_type->currentText().trimmed();
    q.state = m_state->currentData().toString();
    const qint64 choice = m_time->currentData().toLongLong();
    if (choice == kCustom) {
        q.fromMs = m_from->dateTime().toMSecsSinceEpoch();
        q.toMs = m_to->dateTime().toMSecsSinceEpoch();
    } else if (choice > 0) {
        q.lastMs = choice;
        q.fromMs = QDateTime::currentMSecsSinceEpoch() - choice;
    }
    return q;
}

void TraceSearchBar::setQuery(const TraceQuery& query)
{
    m_search->setText(query.text);
    m_type->setCurrentText(query.type);
    m_state->setCurrentIndex(std::max(0, m_state->findData(query.state)));
    if (query.lastMs > 0) {
        const int index = m_time->findData(query.lastMs);
        if (index >= 0) {
            m_time->setCurrentIndex(index);
            return;
        }
        // A relative range the menu does not offer: show it as the span it covers now.
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        m_from->setDateTime(QDateTime::fromMSecsSinceEpoch(now - query.lastMs));
        m_to->setDateTime(QDateTime::fromMSecsSinceEpoch(now));
        m_time->setCurrentIndex(m_time->findData(kCustom));
    } else if (query.fromMs > 0 || query.toMs > 0) {
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        m_from->setDateTime(QDateTime::fromMSecsSinceEpoch(query.fromMs > 0 ? query.fromMs : 0));
        m_to->setDateTime(QDateTime::fromMSecsSinceEpoch(query.toMs > 0 ? query.toMs : now));
        m_time->setCurrentIndex(m_time->findData(kCustom));
    } else {
        m_time->setCurrentIndex(0);
    }
}

void TraceSearchBar::search()
{
    const TraceQuery query = currentQuery();
    const TraceQuery remembered = query.normalized();
    if (!remembered.isEmpty()) {
        m_recent.removeAll(remembered);
        m_recent.prepend(remembered);
        while (m_recent.size() > kMaxRecent)
            m_recent.removeLast();
        emit recentSearchesChanged(m_recent);
    }
    emit searchRequested(query);
}

void TraceSearchBar::runQuery(const TraceQuery& query)
{
    setQuery(query);
    search();
}

void TraceSearchBar::saveCurrentSearch()
{
    const TraceQuery query = currentQuery().normalized();
    if (query.isEmpty() || m_saved.contains(query))
        return;
    m_saved.append(query);
    emit savedSearchesChanged(m_saved);
}

void TraceSearchBar::focusSearch()
{
    m_search->setFocus(Qt::ShortcutFocusReason);
    m_search->selectAll();
}

void TraceSearchBar::setRecentSearches(const QList<TraceQuery>& queries)
{
    m_recent = queries.mid(0, kMaxRecent);
}

void TraceSearchBar::setSavedSearches(const QList<TraceQuery>& queries)
{
    m_saved = queries;
}

void TraceSearchBar::rebuildRecentMenu()
{
    m_recentMenu->clear();
    for (const TraceQuery& q : std::as_const(m_recent))
        m_recentMenu->addAction(q.label(), this, [this, q] { runQuery(q); });
    if (m_recent.isEmpty()) {
        m_recentMenu->addAction(tr("No recent searches"))->setEnabled(false);
        return;
    }
    m_recentMenu->addSeparator();
    m_recentMenu->addAction(tr("Clear recent searches"), this, [this] {
        m_recent.clear();
        emit recentSearchesChanged(m_recent);
    });
}

void TraceSearchBar::rebuildSavedMenu()
{
    m_savedMenu->clear();
    m_savedMenu->addAction(tr("Save this search"), this, &TraceSearchBar::saveCurrentSearch);
    if (m_saved.isEmpty())
        return;
    m_savedMenu->addSeparator();
    for (const TraceQuery& q : std::as_const(m_saved))
        m_savedMenu->addAction(q.label(), this, [this, q] { runQuery(q); });
    QMenu* remove = m_savedMenu->addMenu(tr("Remove saved search"));
    for (const TraceQuery& q : std::as_const(m_saved)) {
        remove->addAction(q.label(), this, [this, q] {
            m_saved.removeAll(q);
            emit savedSearchesChanged(m_saved);
        });
    }
}
