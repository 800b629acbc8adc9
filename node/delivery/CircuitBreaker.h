#pragma once

#include "node/delivery/DeliveryTypes.h"

#include <QString>

/// Per-destination circuit breaker (SEMANTICS.md 5.2), pure: the caller passes the monotonic time in ms
/// to every call, so tests drive it with a fake clock.
///
/// Closed: every request is allowed; failureThreshold consecutive transient failures open it.
/// Open: no request until openMs have passed since it opened; the first allowRequest() after that
/// moves to HalfOpen and is the single trial. HalfOpen: no further request until the trial's result is
/// recorded; success closes, failure opens again with the timer restarted.
///
/// Only transient failures count. A permanent failure (AE, HTTP 400, ...) is the message's fault and
/// proves the destination is up and answering, so for the breaker it is the same as a success: it
/// resets the consecutive count and closes a half-open breaker. Otherwise one destination that rejects a
/// burst of bad messages would stop the good ones behind them.
/// Results recorded while Open (none are expected: no request was allowed) are ignored.
class CircuitBreaker
{
public:
    /// Numeric values are the vigil_circuit_state metric (SEMANTICS.md 4.3).
    enum class State { Closed = 0, HalfOpen = 1, Open = 2 };

    CircuitBreaker(int failureThreshold, qint64 openMs);

    /// May a request go out now? In HalfOpen only the first caller after the open period gets true.
    bool allowRequest(qint64 nowMs);
    void recordSuccess(qint64 nowMs);
    void recordTransientFailure(qint64 nowMs);
    /// Delivered and Permanent count as success, Transient as failure (see the class comment).
    void record(DeliveryOutcome::Kind kind, qint64 nowMs);

    State state() const { return m_state; }
    QString stateName() const; ///< "closed", "open", "half-open"
    int stateValue() const { return int(m_state); } ///< 0 closed, 1 half-open, 2 open
    int consecutiveFailures() const { return m_consecutiveFailures; }
    /// How long until allowRequest() can return true: 0 when Closed or when the open period is over,
    /// -1 while a half-open trial is outstanding (wait for its result).
    qint64 msUntilRetry(qint64 nowMs) const;

    int failureThreshold() const { return m_failureThreshold; }
    qint64 openMs() const { return m_openMs; }

private:
    void open(qint64 nowMs);

    int m_failureThreshold;
    qint64 m_openMs;
    State m_state = State::Closed;
    int m_consecutiveFailures = 0;
    qint64 m_openedAtMs = 0;
    bool m_trialInFlight = false;
};
