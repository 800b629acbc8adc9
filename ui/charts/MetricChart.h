#pragma once

#include "models/console/MetricWindow.h"

#include <QList>
#include <QPointF>
#include <QString>
#include <QWidget>

class QChart;
class QChartView;
class QComboBox;
class QDateTimeAxis;
class QLineSeries;
class QTimer;
class QToolButton;
class QValueAxis;

/// One live time series as a line chart (STYLE.md 2.2): queue depth or throughput of one endpoint.
///
/// Feeding: the caller owns a MetricWindow per series, appends samples to it as they arrive and
/// hands it over with setSource(). Once per tick (250 ms) the chart takes window() of the visible
/// range, down-sampled to about 2 points per pixel, and gives it to QXYSeries::replace() once —
/// never a per-point append — and only when the data or the range changed. No animation.
///
/// Pause freezes what is drawn while the source keeps filling; zooming (rubber band) pauses too,
/// "Reset zoom" (or un-pausing) returns to the live range. The time-range picker offers 5 min, 1 h,
/// 24 h and 7 d: whatever the live window does not cover is asked for with historyRequested() and
/// answered with setHistory() (the shell reads it from the node's stats history or the cache).
///
/// Qt Charts stays in ui/charts/ (DESIGN.md 1).
class MetricChart : public QWidget
{
    Q_OBJECT

public:
    enum class Range {
        FiveMinutes,
        OneHour,
        OneDay,
        SevenDays,
    };
    Q_ENUM(Range)

    static constexpr int kTickMs = 250;

    /// `valueTitle`: the y axis' title ("Queue depth", "Messages/s").
    explicit MetricChart(const QString& valueTitle, QWidget* parent = nullptr);
    ~MetricChart() override;

    /// Shows the series `key` (any string the shell understands, handed back in historyRequested())
    /// whose live samples are in `live` (not owned; it must outlive the chart or be replaced first;
    /// nullptr: history only). Clears history of the previous key and asks for history if `live`
    /// does not cover the range.
    void setSource(const QString& key, const MetricWindow* live);
    QString key() const { return m_key; }

    /// Older points of `key` (x = ms since the epoch, y = value), e.g. from the cache; replaces
    /// earlier history. Ignored when `key` is no longer shown.
    void setHistory(const QString& key, const QList<QPointF>& points);

    Range range() const { return m_range; }
    static qint64 rangeMs(Range range);
    bool isPaused() const { return m_paused; }
    bool isZoomed() const { return m_zoomed; }

    /// Hides the built-in Pause / Reset zoom / range controls, for a view that drives several
    /// charts from one control bar.
    void setControlsVisible(bool visible);

    /// For counts (queue depth): whole-number y ticks ("%d", 0, 1, 2 … or 0, 5, 10 …) instead of
    /// fractions of a message.
    void setIntegerValues(bool integer);
    bool integerValues() const { return m_integerValues; }
    /// The y axis, for tests.
    QValueAxis* valueAxis() const { return m_axisY; }

    /// The drawn series and the chart, for tests and for the shell's styling.
    QLineSeries* series() const { return m_series; }
    QChartView* chartView() const { return m_view; }

    /// Time the chart shows as "now"; tests set a fixed clock. Default: the system clock.
    void setNow(qint64 nowMs) { m_fixedNowMs = nowMs; }

public slots:
    void setRange(MetricChart::Range range);
    void setPaused(bool paused);
    void resetZoom();
    /// One tick: replace the series if its data or range changed (nothing while paused). The
    /// chart's own timer calls this while the chart is visible.
    void refresh();

signals:
    /// Points of `key` between fromMs and toMs (ms since the epoch) are needed; answer with setHistory().
    void historyRequested(const QString& key, qint64 fromMs, qint64 toMs);
    void pausedChanged(bool paused);
    void rangeChanged(MetricChart::Range range);

private:
    qint64 nowMs() const;
    void requestHistoryIfNeeded();
    void onAxisRangeChanged();
    void updateAxes(qint64 fromMs, qint64 toMs, double maxY);
    QList<QPointF> visiblePoints(qint64 fromMs, qint64 toMs, int maxPoints) const;

    QString m_key;
    const MetricWindow* m_live = nullptr;
    MetricWindow m_history;
    Range m_range = Range::FiveMinutes;
    bool m_paused = false;
    bool m_zoomed = false;
    bool m_dirty = true;
    bool m_settingAxes = false;
    bool m_integerValues = false;
    qint64 m_fixedNowMs = 0;
    qint64 m_historyAskedFromMs = 0;

    // What the last replace() was built from, to skip ticks where nothing changed.
    int m_lastSize = -1;
    qint64 m_lastFirstMs = -1;
    qint64 m_lastLastMs = -1;
    int m_lastMaxPoints = -1;

    QChart* m_chart = nullptr;
    QChartView* m_view = nullptr;
    QLineSeries* m_series = nullptr;
    QDateTimeAxis* m_axisX = nullptr;
    QValueAxis* m_axisY = nullptr;
    QWidget* m_controls = nullptr;
    QToolButton* m_pauseButton = nullptr;
    QToolButton* m_resetZoomButton = nullptr;
    QComboBox* m_rangeBox = nullptr;
    QTimer* m_timer = nullptr;
};
