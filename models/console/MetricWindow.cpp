#include "models/console/MetricWindow.h"

#include <algorithm>

MetricWindow::MetricWindow(int capacity)
    : m_capacity(std::max(1, capacity))
{
}

void MetricWindow::clear()
{
    m_buffer.clear();
    m_head = 0;
    m_size = 0;
}

qint64 MetricWindow::firstTimeMs() const
{
    return m_size ? at(0).timeMs : 0;
}

qint64 MetricWindow::lastTimeMs() const
{
    return m_size ? at(m_size - 1).timeMs : 0;
}

void MetricWindow::linearize()
{
    if (m_head == 0)
        return;
    QList<Sample> ordered;
    ordered.reserve(m_capacity);
    for (int i = 0; i < m_size; ++i)
        ordered.append(at(i));
    m_buffer = std::move(ordered);
    m_head = 0;
}

void MetricWindow::append(qint64 timeMs, double value)
{
    if (m_size == 0 || timeMs >= lastTimeMs()) {
        if (m_size < m_capacity) {
            // Not full yet: slots are used in order from index 0, and m_head is 0 (see setCapacity).
            m_buffer.append({timeMs, value});
            ++m_size;
        } else {
            m_buffer[m_head] = {timeMs, value};
            m_head = (m_head + 1) % m_capacity;
        }
        return;
    }
    // Out of order (history back-filled after live samples): rare, so O(n) is fine.
    if (m_size == m_capacity && timeMs < firstTimeMs())
        return;
    linearize();
    const int pos = upperBound(timeMs);
    m_buffer.insert(pos, {timeMs, value});
    if (m_size == m_capacity)
        m_buffer.removeFirst();
    else
        ++m_size;
}

void MetricWindow::setCapacity(int capacity)
{
    capacity = std::max(1, capacity);
    if (capacity == m_capacity)
        return;
    linearize();
    if (m_size > capacity) {
        m_buffer.remove(0, m_size - capacity);
        m_size = capacity;
    }
    m_capacity = capacity;
}

int MetricWindow::lowerBound(qint64 timeMs) const
{
    int lo = 0;
    int hi = m_size;
    while (lo < hi) {
        const int mid = lo + (hi - lo) / 2;
        if (at(mid).timeMs < timeMs)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

int MetricWindow::upperBound(qint64 timeMs) const
{
    int lo = 0;
    int hi = m_size;
    while (lo < hi) {
        const int mid = lo + (hi - lo) / 2;
        if (at(mid).timeMs <= timeMs)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

QList<QPointF> MetricWindow::window(qint64 fromMs, qint64 toMs, int maxPoints) const
{
    QList<QPointF> points;
    if (m_size == 0 || toMs < fromMs)
        return points;
    const int first = lowerBound(fromMs);
    const int end = upperBound(toMs);
    const int count = end - first;
    if (count <= 0)
        return points;

    if (maxPoints <= 0 || count <= maxPoints) {
        points.reserve(count);
        for (int i = first; i < end; ++i)
            points.append(QPointF(qreal(at(i).timeMs), at(i).value));
        return points;
    }

    // Buckets of equal time width (not equal sample count), so gaps in the data stay gaps on the
    // chart. Each bucket gives its min and max in time order: a spike shorter than a pixel still shows.
    const int buckets = std::max(1, maxPoints / 2);
    const double span = double(toMs) - double(fromMs) + 1.0;
    const double width = span / buckets;
    points.reserve(buckets * 2);
    int i = first;
    while (i < end) {
        const int bucket = std::min(buckets - 1, int((double(at(i).timeMs) - double(fromMs)) / width));
        int minIndex = i;
        int maxIndex = i;
        int j = i + 1;
        for (; j < end; ++j) {
            const int b = std::min(buckets - 1, int((double(at(j).timeMs) - double(fromMs)) / width));
            if (b != bucket)
                break;
            if (at(j).value < at(minIndex).value)
                minIndex = j;
            if (at(j).value > at(maxIndex).value)
                maxIndex = j;
        }
        const int a = std::min(minIndex, maxIndex);
        const int b = std::max(minIndex, maxIndex);
        points.append(QPointF(qreal(at(a).timeMs), at(a).value));
        if (b != a)
            points.append(QPointF(qreal(at(b).timeMs), at(b).value));
        i = j;
    }
    return points;
}
