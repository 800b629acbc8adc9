#pragma once

#include <QtGlobal>

#include <deque>

/// Turns readings of a monotonically growing counter into a rate per second over a sliding window
/// (the last windowMs). A counter that goes backwards (its object was recreated) or a clock that
/// goes backwards starts the window again instead of reporting a negative rate.
class RateWindow
{
public:
    explicit RateWindow(qint64 windowMs = 10000);

    /// Adds the reading `total` taken at `atMs` and returns the rate now.
    double add(qint64 atMs, qint64 total);
    /// Per second over the readings in the window; 0 until there are two readings.
    double rate() const;
    void clear() { m_readings.clear(); }

private:
    struct Reading
    {
        qint64 atMs;
        qint64 total;
    };
    qint64 m_windowMs;
    std::deque<Reading> m_readings;
};
