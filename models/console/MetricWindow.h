#pragma once

#include <QList>
#include <QPointF>

/// A bounded ring buffer of (time, value) samples of one series, for live charts (STYLE.md 2.2):
/// append samples as they come, and on each chart tick take window() and hand it to
/// QXYSeries::replace() once. The cost of window() follows maxPoints (the widget's width), not the
/// length of the history. QtCore only.
///
/// Not thread-safe; use it on one thread (normally the UI thread, fed by queued signals).
class MetricWindow
{
public:
    static constexpr int kDefaultCapacity = 3600; ///< an hour of 1 Hz samples

    explicit MetricWindow(int capacity = kDefaultCapacity);

    /// Adds a sample. Samples normally come in time order (O(1)); an older one (history arriving
    /// after live samples) is inserted in place (O(n)). When full, the oldest sample is dropped;
    /// a sample older than everything in a full buffer is ignored.
    void append(qint64 timeMs, double value);

    /// Changes the capacity (at least 1), keeping the newest samples.
    void setCapacity(int capacity);
    int capacity() const { return m_capacity; }
    int size() const { return m_size; }
    bool isEmpty() const { return m_size == 0; }
    void clear();

    /// Time of the oldest and the newest sample; 0 when empty.
    qint64 firstTimeMs() const;
    qint64 lastTimeMs() const;

    /// The samples with fromMs <= time <= toMs as points (x = time in ms since the epoch, y =
    /// value), in time order. When there are more than maxPoints, the range is cut into
    /// maxPoints / 2 buckets of equal time width and each bucket gives its minimum and maximum (in
    /// their time order), so spikes survive down-sampling; empty buckets give nothing. So the
    /// result never has more than maxPoints points. maxPoints <= 0: no down-sampling.
    QList<QPointF> window(qint64 fromMs, qint64 toMs, int maxPoints) const;

private:
    struct Sample
    {
        qint64 timeMs;
        double value;
    };

    const Sample& at(int logicalIndex) const { return m_buffer[(m_head + logicalIndex) % m_capacity]; }
    int lowerBound(qint64 timeMs) const; // first logical index with time >= timeMs
    int upperBound(qint64 timeMs) const; // first logical index with time > timeMs
    void linearize();

    QList<Sample> m_buffer; // m_capacity slots once full
    int m_capacity = kDefaultCapacity;
    int m_head = 0; // logical index 0 (oldest)
    int m_size = 0;
};
