#include "node/delivery/CircuitBreaker.h"

#include <algorithm>

CircuitBreaker::CircuitBreaker(int failureThreshold, qint64 openMs)
    : m_failureThreshold(std::max(1, failureThreshold))
    , m_openMs(std::max<qint64>(0, openMs))
{
}

bool CircuitBreaker::allowRequest(qint64 nowMs)
{
    switch (m_state) {
    case State::Closed:
        return true;
    case State::Open:
        if (msUntilRetry(nowMs) > 0)
            return false;
        m_state = State::HalfOpen;
        m_trialInFlight = true;
        return true;
    case State::HalfOpen:
        if (m_trialInFlight)
            return false;
        m_trialInFlight = true;
        return true;
    }
    return false;
}

void CircuitBreaker::recordSuccess(qint64 nowMs)
{
    Q_UNUSED(nowMs)
    if (m_state == State::Open)
        return;
    m_state = State::Closed;
    m_consecutiveFailures = 0;
    m_trialInFlight = false;
}

void CircuitBreaker::recordTransientFailure(qint64 nowMs)
{
    switch (m_state) {
    case State::Closed:
        if (++m_consecutiveFailures >= m_failureThreshold)
            open(nowMs);
        return;
    case State::HalfOpen:
        ++m_consecutiveFailures;
        open(nowMs);
        return;
    case State::Open:
        return;
    }
}

void CircuitBreaker::record(DeliveryOutcome::Kind kind, qint64 nowMs)
{
    if (kind == DeliveryOutcome::Kind::Transient)
        recordTransientFailure(nowMs);
    else
        recordSuccess(nowMs);
}

QString CircuitBreaker::stateName() const
{
    switch (m_state) {
    case State::Closed:
        return QStringLiteral("closed");
    case State::HalfOpen:
        return QStringLiteral("half-open");
    case State::Open:
        return QStringLiteral("open");
    }
    return {};
}

qint64 CircuitBreaker::msUntilRetry(qint64 nowMs) const
{
    switch (m_state) {
    case State::Closed:
        return 0;
    case State::HalfOpen:
        return m_trialInFlight ? -1 : 0;
    case State::Open:
        // A clock that went backwards counts as no time elapsed, never as "open period over".
        return std::max<qint64>(0, m_openMs - std::max<qint64>(0, nowMs - m_openedAtMs));
    }
    return 0;
}

void CircuitBreaker::open(qint64 nowMs)
{
    m_state = State::Open;
    m_openedAtMs = nowMs;
    m_trialInFlight = false;
}
