#include "node/stats/RateWindow.h"

RateWindow::RateWindow(qint64 windowMs)
    : m_windowMs(qMax<qint64>(1, windowMs))
{
}

double RateWindow::add(qint64 atMs, qint64 total)
{
    if (!m_readings.empty() && (total < m_readings.back().total || atMs < m_readings.back().atMs))
        m_readings.clear();
    if (!m_readings.empty() && atMs == m_readings.back().atMs)
        m_readings.back().total = total;
    else
        m_readings.push_back({atMs, total});
    // Keep the newest reading at or before the window start, so the rate spans the whole window
    // (with 1 s samples and a 10 s window: 11 readings, 10 s apart first to last).
    const qint64 windowStart = atMs - m_windowMs;
    while (m_readings.size() > 1 && m_readings[1].atMs <= windowStart)
        m_readings.pop_front();
    return rate();
}

double RateWindow::rate() const
{
    if (m_readings.size() < 2)
        return 0;
    const Reading& first = m_readings.front();
    const Reading& last = m_readings.back();
    const qint64 spanMs = last.atMs - first.atMs;
    if (spanMs <= 0)
        return 0;
    return double(last.total - first.total) * 1000.0 / double(spanMs);
}
