#include "node/delivery/Backoff.h"

#include <QRandomGenerator>

#include <algorithm>
#include <cmath>
#include <limits>
#include <memory>

namespace {

constexpr int kRetryAfterCapFactor = 10;
constexpr int kMinRetryAfterLimitMs = 60 * 1000;

int clampToInt(qint64 value)
{
    return int(std::clamp<qint64>(value, 0, std::numeric_limits<int>::max()));
}

} // namespace

Backoff::Backoff(int baseMs, int capMs, RandomSource random)
    : m_baseMs(std::max(0, baseMs))
    , m_capMs(std::max(0, capMs))
    , m_random(std::move(random))
{
    if (!m_random)
        m_random = [] { return QRandomGenerator::global()->generateDouble(); };
}

Backoff::RandomSource Backoff::seededSource(quint32 seed)
{
    // Shared so that copies of the function (std::function copies its target) continue one sequence.
    auto generator = std::make_shared<QRandomGenerator>(seed);
    return [generator] { return generator->generateDouble(); };
}

int Backoff::floorMs() const
{
    return std::min(m_baseMs, m_capMs) / 10;
}

int Backoff::ceilingMs(int attempt) const
{
    const int exponent = std::max(1, attempt) - 1;
    // Past 2^31 every int base is beyond any int cap; stop shifting before it overflows.
    if (exponent >= 31)
        return m_capMs;
    const qint64 exponential = qint64(m_baseMs) << exponent;
    return int(std::min<qint64>(m_capMs, exponential));
}

int Backoff::retryAfterLimitMs() const
{
    return clampToInt(std::max<qint64>(qint64(m_capMs) * kRetryAfterCapFactor, kMinRetryAfterLimitMs));
}

int Backoff::delayMs(int attempt, int retryAfterMs) const
{
    const int ceiling = ceilingMs(attempt);
    const int floor = std::min(floorMs(), ceiling);
    double r = m_random();
    if (!(r >= 0.0)) // also catches NaN
        r = 0.0;
    if (r >= 1.0)
        r = std::nextafter(1.0, 0.0);
    const qint64 jitter = floor + qint64(r * double(ceiling - floor));
    if (retryAfterMs < 0)
        return clampToInt(jitter);
    const qint64 serverAsked = std::min<qint64>(retryAfterMs, retryAfterLimitMs());
    return clampToInt(std::max(jitter, serverAsked));
}
