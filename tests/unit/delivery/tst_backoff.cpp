#include "node/delivery/Backoff.h"

#include <QTest>

#include <cmath>

class tst_Backoff : public QObject
{
    Q_OBJECT
private slots:
    void boundsPerAttempt_data();
    void boundsPerAttempt();
    void capReached();
    void floorKeepsRetryFromBeingImmediate();
    void capBelowBase();
    void retryAfterIsALowerBound();
    void retryAfterIsLimited();
    void hugeAttemptDoesNotOverflow();
    void outOfRangeRandomIsClamped();
    void seededSourceIsReproducibleAndInRange();
};

namespace {

const double kAlmostOne = std::nextafter(1.0, 0.0);

Backoff::RandomSource fixed(double value)
{
    return [value] { return value; };
}

} // namespace

void tst_Backoff::boundsPerAttempt_data()
{
    QTest::addColumn<int>("attempt");
    QTest::addColumn<int>("ceiling");
    // base 1000, cap 60000: ceiling doubles per attempt until the cap.
    QTest::addRow("1") << 1 << 1000;
    QTest::addRow("2") << 2 << 2000;
    QTest::addRow("3") << 3 << 4000;
    QTest::addRow("4") << 4 << 8000;
    QTest::addRow("5") << 5 << 16000;
    QTest::addRow("6") << 6 << 32000;
    QTest::addRow("7 capped") << 7 << 60000;
    QTest::addRow("20 capped") << 20 << 60000;
    QTest::addRow("0 counts as 1") << 0 << 1000;
    QTest::addRow("negative counts as 1") << -3 << 1000;
}

void tst_Backoff::boundsPerAttempt()
{
    QFETCH(int, attempt);
    QFETCH(int, ceiling);
    const Backoff low(1000, 60000, fixed(0.0));
    const Backoff high(1000, 60000, fixed(kAlmostOne));
    const Backoff mid(1000, 60000, fixed(0.5));

    QCOMPARE(low.ceilingMs(attempt), ceiling);
    QCOMPARE(low.delayMs(attempt), 100); // the floor: min(base, cap) / 10
    QVERIFY(high.delayMs(attempt) <= ceiling);
    QVERIFY2(high.delayMs(attempt) >= ceiling - 1, qPrintable(QString::number(high.delayMs(attempt))));
    QCOMPARE(mid.delayMs(attempt), 100 + (ceiling - 100) / 2);
}

void tst_Backoff::capReached()
{
    const Backoff backoff(500, 3000, fixed(kAlmostOne));
    QCOMPARE(backoff.ceilingMs(3), 2000);
    QCOMPARE(backoff.ceilingMs(4), 3000);
    QCOMPARE(backoff.ceilingMs(5), 3000);
    for (int attempt = 4; attempt < 40; ++attempt)
        QVERIFY(backoff.delayMs(attempt) <= 3000);
    QVERIFY(backoff.delayMs(10) >= 2999);
}

void tst_Backoff::floorKeepsRetryFromBeingImmediate()
{
    const Backoff backoff(2000, 60000, fixed(0.0));
    QCOMPARE(backoff.floorMs(), 200);
    for (int attempt = 1; attempt < 10; ++attempt)
        QCOMPARE(backoff.delayMs(attempt), 200);

    // Many draws from a real source never go below the floor nor above the ceiling.
    const Backoff random(2000, 60000, Backoff::seededSource(42));
    for (int i = 0; i < 1000; ++i) {
        const int attempt = 1 + i % 8;
        const int delay = random.delayMs(attempt);
        QVERIFY(delay >= 200);
        QVERIFY(delay <= random.ceilingMs(attempt));
    }
}

void tst_Backoff::capBelowBase()
{
    const Backoff backoff(10000, 5000, fixed(0.0));
    QCOMPARE(backoff.ceilingMs(1), 5000);
    QCOMPARE(backoff.floorMs(), 500);
    QCOMPARE(backoff.delayMs(1), 500);
    QVERIFY(Backoff(10000, 5000, fixed(kAlmostOne)).delayMs(1) <= 5000);
}

void tst_Backoff::retryAfterIsALowerBound()
{
    const Backoff backoff(1000, 60000, fixed(0.0));
    QCOMPARE(backoff.delayMs(1, 5000), 5000); // server asks for more than the jitter gives
    QCOMPARE(backoff.delayMs(1, 0), 100); // "Retry-After: 0" still keeps the floor
    const Backoff high(1000, 60000, fixed(kAlmostOne));
    QVERIFY(high.delayMs(6, 1000) >= 31999); // jitter larger than Retry-After wins
    QCOMPARE(backoff.delayMs(1, 120000), 120000); // honoured beyond the cap
}

void tst_Backoff::retryAfterIsLimited()
{
    const Backoff backoff(1000, 60000, fixed(0.0));
    QCOMPARE(backoff.retryAfterLimitMs(), 600000);
    QCOMPARE(backoff.delayMs(1, 999999999), 600000);
    // A small cap still allows a minute of Retry-After.
    const Backoff small(100, 1000, fixed(0.0));
    QCOMPARE(small.retryAfterLimitMs(), 60000);
    QCOMPARE(small.delayMs(1, 90000), 60000);
}

void tst_Backoff::hugeAttemptDoesNotOverflow()
{
    const Backoff backoff(std::numeric_limits<int>::max(), std::numeric_limits<int>::max(), fixed(kAlmostOne));
    QCOMPARE(backoff.ceilingMs(1000000), std::numeric_limits<int>::max());
    QVERIFY(backoff.delayMs(1000000) > 0);
    QVERIFY(backoff.delayMs(33, std::numeric_limits<int>::max()) > 0);
}

void tst_Backoff::outOfRangeRandomIsClamped()
{
    QCOMPARE(Backoff(1000, 60000, fixed(-5.0)).delayMs(3), 100);
    QVERIFY(Backoff(1000, 60000, fixed(7.0)).delayMs(3) <= 4000);
    QCOMPARE(Backoff(1000, 60000, fixed(std::nan(""))).delayMs(3), 100);
}

void tst_Backoff::seededSourceIsReproducibleAndInRange()
{
    auto a = Backoff::seededSource(7);
    auto b = Backoff::seededSource(7);
    for (int i = 0; i < 100; ++i) {
        const double x = a();
        QCOMPARE(x, b());
        QVERIFY(x >= 0.0 && x < 1.0);
    }
}

QTEST_GUILESS_MAIN(tst_Backoff)
#include "tst_backoff.moc"
