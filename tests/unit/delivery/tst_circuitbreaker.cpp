#include "node/delivery/CircuitBreaker.h"

#include <QTest>

class tst_CircuitBreaker : public QObject
{
    Q_OBJECT
private slots:
    void startsClosed();
    void opensExactlyAtThreshold();
    void staysOpenUntilOpenPeriodElapsed();
    void halfOpenAllowsSingleProbe();
    void probeSuccessCloses();
    void probeFailureReopensAndRestartsTimer();
    void successResetsConsecutiveCount();
    void permanentFailuresDoNotCount();
    void permanentProbeResultCloses();
    void resultsWhileOpenAreIgnored();
    void clockGoingBackwardsKeepsItOpen();
};

void tst_CircuitBreaker::startsClosed()
{
    CircuitBreaker breaker(3, 1000);
    QCOMPARE(breaker.state(), CircuitBreaker::State::Closed);
    QCOMPARE(breaker.stateName(), QStringLiteral("closed"));
    QCOMPARE(breaker.stateValue(), 0);
    QVERIFY(breaker.allowRequest(0));
    QVERIFY(breaker.allowRequest(0)); // closed never limits
    QCOMPARE(breaker.msUntilRetry(0), 0);
}

void tst_CircuitBreaker::opensExactlyAtThreshold()
{
    CircuitBreaker breaker(3, 1000);
    breaker.recordTransientFailure(10);
    breaker.recordTransientFailure(20);
    QCOMPARE(breaker.state(), CircuitBreaker::State::Closed);
    QCOMPARE(breaker.consecutiveFailures(), 2);
    QVERIFY(breaker.allowRequest(25));
    breaker.recordTransientFailure(30);
    QCOMPARE(breaker.state(), CircuitBreaker::State::Open);
    QCOMPARE(breaker.stateName(), QStringLiteral("open"));
    QCOMPARE(breaker.stateValue(), 2);
    QVERIFY(!breaker.allowRequest(30));
}

void tst_CircuitBreaker::staysOpenUntilOpenPeriodElapsed()
{
    CircuitBreaker breaker(1, 1000);
    breaker.recordTransientFailure(5000);
    QCOMPARE(breaker.state(), CircuitBreaker::State::Open);
    QCOMPARE(breaker.msUntilRetry(5000), 1000);
    QVERIFY(!breaker.allowRequest(5001));
    QCOMPARE(breaker.msUntilRetry(5400), 600);
    QVERIFY(!breaker.allowRequest(5999));
    QCOMPARE(breaker.state(), CircuitBreaker::State::Open);
    QCOMPARE(breaker.msUntilRetry(6000), 0);
    QVERIFY(breaker.allowRequest(6000));
    QCOMPARE(breaker.state(), CircuitBreaker::State::HalfOpen);
}

void tst_CircuitBreaker::halfOpenAllowsSingleProbe()
{
    CircuitBreaker breaker(2, 100);
    breaker.recordTransientFailure(0);
    breaker.recordTransientFailure(0);
    QVERIFY(breaker.allowRequest(150));
    QCOMPARE(breaker.state(), CircuitBreaker::State::HalfOpen);
    QCOMPARE(breaker.stateName(), QStringLiteral("half-open"));
    QCOMPARE(breaker.stateValue(), 1);
    QVERIFY(!breaker.allowRequest(150));
    QVERIFY(!breaker.allowRequest(100000));
    QCOMPARE(breaker.msUntilRetry(100000), -1);
}

void tst_CircuitBreaker::probeSuccessCloses()
{
    CircuitBreaker breaker(2, 100);
    breaker.recordTransientFailure(0);
    breaker.recordTransientFailure(0);
    QVERIFY(breaker.allowRequest(100));
    breaker.recordSuccess(120);
    QCOMPARE(breaker.state(), CircuitBreaker::State::Closed);
    QCOMPARE(breaker.consecutiveFailures(), 0);
    QVERIFY(breaker.allowRequest(121));
    QVERIFY(breaker.allowRequest(121));
    // A full threshold is needed again to reopen.
    breaker.recordTransientFailure(130);
    QCOMPARE(breaker.state(), CircuitBreaker::State::Closed);
    breaker.recordTransientFailure(131);
    QCOMPARE(breaker.state(), CircuitBreaker::State::Open);
}

void tst_CircuitBreaker::probeFailureReopensAndRestartsTimer()
{
    CircuitBreaker breaker(3, 1000);
    for (int i = 0; i < 3; ++i)
        breaker.recordTransientFailure(0);
    QVERIFY(breaker.allowRequest(1000));
    breaker.recordTransientFailure(1500);
    QCOMPARE(breaker.state(), CircuitBreaker::State::Open);
    // The open period counts from the failed probe, not from the first opening.
    QVERIFY(!breaker.allowRequest(2000));
    QVERIFY(!breaker.allowRequest(2499));
    QCOMPARE(breaker.msUntilRetry(2000), 500);
    QVERIFY(breaker.allowRequest(2500));
    QCOMPARE(breaker.state(), CircuitBreaker::State::HalfOpen);
}

void tst_CircuitBreaker::successResetsConsecutiveCount()
{
    CircuitBreaker breaker(3, 1000);
    breaker.recordTransientFailure(0);
    breaker.recordTransientFailure(1);
    breaker.recordSuccess(2);
    QCOMPARE(breaker.consecutiveFailures(), 0);
    breaker.recordTransientFailure(3);
    breaker.recordTransientFailure(4);
    QCOMPARE(breaker.state(), CircuitBreaker::State::Closed);
    breaker.record(DeliveryOutcome::Kind::Delivered, 5);
    breaker.recordTransientFailure(6);
    breaker.recordTransientFailure(7);
    QCOMPARE(breaker.state(), CircuitBreaker::State::Closed);
    breaker.record(DeliveryOutcome::Kind::Transient, 8);
    QCOMPARE(breaker.state(), CircuitBreaker::State::Open);
}

void tst_CircuitBreaker::permanentFailuresDoNotCount()
{
    CircuitBreaker breaker(3, 1000);
    for (int i = 0; i < 10; ++i)
        breaker.record(DeliveryOutcome::Kind::Permanent, i);
    QCOMPARE(breaker.state(), CircuitBreaker::State::Closed);
    QCOMPARE(breaker.consecutiveFailures(), 0);

    breaker.record(DeliveryOutcome::Kind::Transient, 20);
    breaker.record(DeliveryOutcome::Kind::Transient, 21);
    breaker.record(DeliveryOutcome::Kind::Permanent, 22);
    breaker.record(DeliveryOutcome::Kind::Transient, 23);
    QCOMPARE(breaker.state(), CircuitBreaker::State::Closed);
}

void tst_CircuitBreaker::permanentProbeResultCloses()
{
    CircuitBreaker breaker(1, 50);
    breaker.record(DeliveryOutcome::Kind::Transient, 0);
    QCOMPARE(breaker.state(), CircuitBreaker::State::Open);
    QVERIFY(breaker.allowRequest(50));
    breaker.record(DeliveryOutcome::Kind::Permanent, 60);
    QCOMPARE(breaker.state(), CircuitBreaker::State::Closed);
}

void tst_CircuitBreaker::resultsWhileOpenAreIgnored()
{
    CircuitBreaker breaker(1, 1000);
    breaker.recordTransientFailure(0);
    breaker.recordSuccess(10);
    QCOMPARE(breaker.state(), CircuitBreaker::State::Open);
    breaker.recordTransientFailure(900);
    QCOMPARE(breaker.msUntilRetry(900), 100); // the timer was not restarted
}

void tst_CircuitBreaker::clockGoingBackwardsKeepsItOpen()
{
    CircuitBreaker breaker(1, 1000);
    breaker.recordTransientFailure(10000);
    QVERIFY(!breaker.allowRequest(0));
    QCOMPARE(breaker.msUntilRetry(0), 1000);
}

QTEST_GUILESS_MAIN(tst_CircuitBreaker)
#include "tst_circuitbreaker.moc"
