#include "ui/charts/MetricChart.h"

#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QDateTime>
#include <QDateTimeAxis>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineSeries>
#include <QTimer>
#include <QToolButton>
#include <QValueAxis>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;

namespace {

// One-minute rollups for 7 days are 10,080 points; room for that plus slack.
constexpr int kHistoryCapacity = 12000;
// A live window that starts this close to the range's start counts as covering it (1 Hz samples).
constexpr qint64 kCoverageSlackMs = 2000;

QString axisFormat(MetricChart::Range range)
{
    switch (range) {
    case MetricChart::Range::FiveMinutes:
        return u"HH:mm:ss"_s;
    case MetricChart::Range::OneHour:
    case MetricChart::Range::OneDay:
        return u"HH:mm"_s;
    case MetricChart::Range::SevenDays:
        return u"dd.MM. HH:mm"_s;
    }
    return u"HH:mm"_s;
}

} // namespace

MetricChart::MetricChart(const QString& valueTitle, QWidget* parent)
    : QWidget(parent)
    , m_history(kHistoryCapacity)
{
    m_chart = new QChart;
    // Live data: animations would re-run on every replace() and cost more than the drawing.
    m_chart->setAnimationOptions(QChart::NoAnimation);
    m_chart->legend()->hide();
    m_chart->setMargins(QMargins(4, 4, 4, 4));
    m_chart->setBackgroundRoundness(0);

    m_series = new QLineSeries(m_chart);
    m_series->setName(valueTitle);
    m_chart->addSeries(m_series);

    m_axisX = new QDateTimeAxis(m_chart);
    m_axisX->setTickCount(6);
    m_axisX->setFormat(axisFormat(m_range));
    m_axisY = new QValueAxis(m_chart);
    m_axisY->setTitleText(valueTitle);
    m_axisY->setLabelFormat(u"%.4g"_s);
    m_axisY->setRange(0, 1);
    m_chart->addAxis(m_axisX, Qt::AlignBottom);
    m_chart->addAxis(m_axisY, Qt::AlignLeft);
    m_series->attachAxis(m_axisX);
    m_series->attachAxis(m_axisY);
    connect(m_axisX, &QDateTimeAxis::rangeChanged, this, &MetricChart::onAxisRangeChanged);

    m_view = new QChartView(m_chart, this);
    m_view->setRenderHint(QPainter::Antialiasing, false);
    m_view->setRubberBand(QChartView::HorizontalRubberBand);
    m_view->setMinimumHeight(120);
    m_view->setAccessibleName(valueTitle);

    m_controls = new QWidget(this);
    auto* controlsLayout = new QHBoxLayout(m_controls);
    controlsLayout->setContentsMargins(0, 0, 0, 0);
    m_pauseButton = new QToolButton(m_controls);
    m_pauseButton->setText(tr("Pause"));
    m_pauseButton->setCheckable(true);
    m_pauseButton->setToolTip(tr("Freeze the chart; data keeps arriving"));
    connect(m_pauseButton, &QToolButton::toggled, this, &MetricChart::setPaused);
    m_resetZoomButton = new QToolButton(m_controls);
    m_resetZoomButton->setText(tr("Reset zoom"));
    m_resetZoomButton->setToolTip(tr("Back to the live range (drag over the chart to zoom in)"));
    connect(m_resetZoomButton, &QToolButton::clicked, this, &MetricChart::resetZoom);
    m_rangeBox = new QComboBox(m_controls);
    m_rangeBox->addItem(tr("5 min"), int(Range::FiveMinutes));
    m_rangeBox->addItem(tr("1 h"), int(Range::OneHour));
    m_rangeBox->addItem(tr("24 h"), int(Range::OneDay));
    m_rangeBox->addItem(tr("7 d"), int(Range::SevenDays));
    m_rangeBox->setToolTip(tr("Time range"));
    connect(m_rangeBox, &QComboBox::activated, this,
            [this](int index) { setRange(Range(m_rangeBox->itemData(index).toInt())); });
    auto* rangeLabel = new QLabel(tr("&Range:"), m_controls);
    rangeLabel->setBuddy(m_rangeBox);
    controlsLayout->addWidget(m_pauseButton);
    controlsLayout->addWidget(m_resetZoomButton);
    controlsLayout->addStretch();
    controlsLayout->addWidget(rangeLabel);
    controlsLayout->addWidget(m_rangeBox);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_controls);
    layout->addWidget(m_view, 1);

    m_timer = new QTimer(this);
    m_timer->setInterval(kTickMs);
    connect(m_timer, &QTimer::timeout, this, [this] {
        // A hidden chart (another tab) draws nothing; it catches up on its next visible tick.
        if (isVisible())
            refresh();
    });
    m_timer->start();
}

MetricChart::~MetricChart() = default;

qint64 MetricChart::rangeMs(Range range)
{
    switch (range) {
    case Range::FiveMinutes:
        return 5 * 60 * 1000LL;
    case Range::OneHour:
        return 60 * 60 * 1000LL;
    case Range::OneDay:
        return 24 * 60 * 60 * 1000LL;
    case Range::SevenDays:
        return 7 * 24 * 60 * 60 * 1000LL;
    }
    return 5 * 60 * 1000LL;
}

qint64 MetricChart::nowMs() const
{
    if (m_fixedNowMs > 0)
        return m_fixedNowMs;
    // A node whose clock runs ahead would otherwise draw its newest samples off the right edge.
    const qint64 wall = QDateTime::currentMSecsSinceEpoch();
    return m_live && !m_live->isEmpty() ? std::max(wall, m_live->lastTimeMs()) : wall;
}

void MetricChart::setSource(const QString& key, const MetricWindow* live)
{
    const bool newKey = key != m_key;
    m_key = key;
    m_live = live;
    if (newKey) {
        m_history.clear();
        m_historyAskedFromMs = 0;
    }
    m_dirty = true;
    requestHistoryIfNeeded();
    if (!m_paused)
        refresh();
}

void MetricChart::setHistory(const QString& key, const QList<QPointF>& points)
{
    if (key != m_key)
        return;
    m_history.clear();
    for (const QPointF& p : points)
        m_history.append(qint64(p.x()), p.y());
    m_dirty = true;
}

void MetricChart::setControlsVisible(bool visible)
{
    m_controls->setVisible(visible);
}

void MetricChart::setIntegerValues(bool integer)
{
    m_integerValues = integer;
    m_axisY->setLabelFormat(integer ? u"%d"_s : u"%.4g"_s);
    m_axisY->setTickType(integer ? QValueAxis::TicksDynamic : QValueAxis::TicksFixed);
    m_dirty = true;
}

void MetricChart::setRange(Range range)
{
    if (m_rangeBox->currentData().toInt() != int(range))
        m_rangeBox->setCurrentIndex(m_rangeBox->findData(int(range)));
    if (range == m_range)
        return;
    m_range = range;
    m_axisX->setFormat(axisFormat(range));
    m_historyAskedFromMs = 0;
    m_dirty = true;
    // Choosing a range is a request to see it now: leave pause and zoom.
    m_zoomed = false;
    if (m_paused)
        setPaused(false);
    emit rangeChanged(range);
    requestHistoryIfNeeded();
    refresh();
}

void MetricChart::setPaused(bool paused)
{
    if (m_pauseButton->isChecked() != paused)
        m_pauseButton->setChecked(paused); // re-enters through toggled()
    if (paused == m_paused)
        return;
    m_paused = paused;
    if (!paused) {
        m_zoomed = false;
        m_dirty = true;
        refresh();
    }
    emit pausedChanged(paused);
}

void MetricChart::resetZoom()
{
    if (m_chart->isZoomed()) {
        // Drop QChart's own zoom state too, or its next zoom-out would jump to a stale range.
        m_settingAxes = true;
        m_chart->zoomReset();
        m_settingAxes = false;
    }
    m_zoomed = false;
    m_dirty = true;
    if (m_paused)
        setPaused(false); // refreshes
    else
        refresh();
}

void MetricChart::requestHistoryIfNeeded()
{
    if (m_key.isEmpty())
        return;
    const qint64 to = nowMs();
    const qint64 from = to - rangeMs(m_range);
    const qint64 liveFrom = m_live && !m_live->isEmpty() ? m_live->firstTimeMs() : to;
    if (liveFrom <= from + kCoverageSlackMs)
        return;
    // Ask once per key and range; an answer replaces the history wholesale.
    if (m_historyAskedFromMs != 0 && m_historyAskedFromMs <= from + kCoverageSlackMs)
        return;
    m_historyAskedFromMs = from;
    emit historyRequested(m_key, from, liveFrom);
}

QList<QPointF> MetricChart::visiblePoints(qint64 fromMs, qint64 toMs, int maxPoints) const
{
    const bool hasLive = m_live && !m_live->isEmpty();
    const qint64 liveFrom = hasLive ? std::max(fromMs, m_live->firstTimeMs()) : toMs + 1;
    QList<QPointF> points;
    if (!m_history.isEmpty() && liveFrom > fromMs) {
        // Share the point budget by time span, so the live part keeps its resolution.
        const double share = double(liveFrom - fromMs) / double(std::max<qint64>(1, toMs - fromMs));
        const int historyPoints = std::max(2, int(maxPoints * share));
        points = m_history.window(fromMs, liveFrom - 1, historyPoints);
    }
    if (hasLive) {
        const double share = points.isEmpty() ? 1.0 : double(toMs - liveFrom) / double(std::max<qint64>(1, toMs - fromMs));
        const int livePoints = std::max(2, int(maxPoints * share));
        const QList<QPointF> live = m_live->window(liveFrom, toMs, livePoints);
        if (points.isEmpty())
            return live;
        points.append(live);
    }
    return points;
}

void MetricChart::refresh()
{
    if (m_paused)
        return;
    const qint64 to = nowMs();
    const qint64 from = to - rangeMs(m_range);
    const int maxPoints = std::max(100, 2 * int(m_chart->plotArea().width()));

    const int size = m_live ? m_live->size() : 0;
    const qint64 first = m_live ? m_live->firstTimeMs() : 0;
    const qint64 last = m_live ? m_live->lastTimeMs() : 0;
    if (size != m_lastSize || first != m_lastFirstMs || last != m_lastLastMs || maxPoints != m_lastMaxPoints)
        m_dirty = true;

    if (m_dirty) {
        const QList<QPointF> points = visiblePoints(from, to, maxPoints);
        m_series->replace(points);
        double maxY = 0;
        for (const QPointF& p : points)
            maxY = std::max(maxY, p.y());
        m_dirty = false;
        m_lastSize = size;
        m_lastFirstMs = first;
        m_lastLastMs = last;
        m_lastMaxPoints = maxPoints;
        if (!m_zoomed)
            updateAxes(from, to, maxY);
    } else if (!m_zoomed) {
        // No new data: slide the time axis only, the y scale stays.
        updateAxes(from, to, -1);
    }
}

void MetricChart::updateAxes(qint64 fromMs, qint64 toMs, double maxY)
{
    m_settingAxes = true;
    m_axisX->setRange(QDateTime::fromMSecsSinceEpoch(fromMs), QDateTime::fromMSecsSinceEpoch(toMs));
    if (maxY >= 0) {
        if (m_integerValues) {
            // At most five steps of 1, 2 or 5 × 10^n whole messages from 0.
            const qint64 top = std::max<qint64>(1, qint64(std::ceil(maxY)));
            qint64 step = 1;
            for (qint64 decade = 1; step * 5 < top; decade *= 10) {
                for (qint64 factor : {1, 2, 5}) {
                    step = factor * decade;
                    if (step * 5 >= top)
                        break;
                }
            }
            const qint64 steps = (top + step - 1) / step;
            m_axisY->setTickAnchor(0);
            m_axisY->setTickInterval(double(step));
            m_axisY->setRange(0, double(steps * step));
        } else {
            m_axisY->setRange(0, maxY > 0 ? maxY * 1.05 : 1.0);
            m_axisY->applyNiceNumbers(); // 0, 10, 20 … rather than 13.48, 26.95
        }
    }
    m_settingAxes = false;
}

void MetricChart::onAxisRangeChanged()
{
    if (m_settingAxes)
        return;
    // The user zoomed (rubber band, or right click to zoom out): hold the picture still until
    // Reset zoom, or a live update would snap the axis back under the mouse.
    m_zoomed = true;
    if (!m_paused)
        setPaused(true);
}
