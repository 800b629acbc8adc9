#pragma once

#include <QtGlobal>

#include <functional>

/// Retry delays: exponential backoff with full jitter (SEMANTICS.md 5.1, [AWSJIT]).
///
/// For the retry after failed attempt n (1-based) the delay is uniform in [floor, ceiling) where
/// ceiling = min(cap, base * 2^(n-1)) and floor = min(base, cap) / 10. Plain full jitter draws from
/// [0, ceiling]; the floor keeps a retry from ever being immediate (a hammered, recovering destination
/// gets at least a short pause), and mapping onto [floor, ceiling] instead of clamping keeps the spread
/// uniform rather than piling draws up at the floor.
///
/// A server's Retry-After is a lower bound: the delay is max(jitter, retryAfter). It is honoured beyond
/// cap, because a throttling server asked for it, but only up to retryAfterLimitMs() = 10 * cap (at
/// least one minute) so that a broken header ("Retry-After: 999999999") cannot park a queue for days.
class Backoff
{
public:
    /// Returns a value in [0, 1); values outside are clamped.
    using RandomSource = std::function<double()>;

    /// random empty: QRandomGenerator::global().
    Backoff(int baseMs, int capMs, RandomSource random = {});

    /// A reproducible source for tests and simulations.
    static RandomSource seededSource(quint32 seed);

    /// Delay before the next attempt after failed attempt `attempt` (1-based; smaller counts as 1).
    /// retryAfterMs < 0: no Retry-After was given.
    int delayMs(int attempt, int retryAfterMs = -1) const;

    int baseMs() const { return m_baseMs; }
    int capMs() const { return m_capMs; }
    int floorMs() const;
    int ceilingMs(int attempt) const; ///< min(cap, base * 2^(attempt-1))
    int retryAfterLimitMs() const;

private:
    int m_baseMs;
    int m_capMs;
    RandomSource m_random;
};
