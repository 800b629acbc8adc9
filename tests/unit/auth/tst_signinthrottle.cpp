// Unit tests of SignInThrottle on a fake clock: doubling delays after the allowed failures, the
// cap, reset on success, keys per user and per remote, forgetting, and the memory bound.
#include "node/auth/SignInThrottle.h"

#include <QTest>

using namespace Qt::StringLiterals;

class tst_SignInThrottle : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void noDelayBeforeThreshold();
    void delaysDoubleAndCap();
    void waitIsRoundedUpAndShrinks();
    void successResets();
    void keyedByRemoteAcrossUsers();
    void keyedByUserAcrossRemotes();
    void userKeyIgnoresCase();
    void quietKeysAreForgotten();
    void memoryIsBounded();

private:
    std::optional<int> retry(const QString& user = u"alice"_s, const QString& remote = u"10.0.0.1"_s)
    {
        return m_throttle->retryAfterSeconds(user, remote);
    }
    void failAndWait(const QString& user = u"alice"_s, const QString& remote = u"10.0.0.1"_s);

    qint64 m_now = 1'700'000'000'000;
    std::unique_ptr<SignInThrottle> m_throttle;
};

void tst_SignInThrottle::init()
{
    m_now = 1'700'000'000'000;
    m_throttle = std::make_unique<SignInThrottle>([this] { return m_now; }, 3, 10);
}

void tst_SignInThrottle::failAndWait(const QString& user, const QString& remote)
{
    m_throttle->recordFailure(user, remote);
    if (const std::optional<int> wait = retry(user, remote))
        m_now += *wait * 1000;
}

void tst_SignInThrottle::noDelayBeforeThreshold()
{
    QCOMPARE(retry(), std::nullopt);
    m_throttle->recordFailure(u"alice"_s, u"10.0.0.1"_s);
    m_throttle->recordFailure(u"alice"_s, u"10.0.0.1"_s);
    QCOMPARE(retry(), std::nullopt);
    m_throttle->recordFailure(u"alice"_s, u"10.0.0.1"_s);
    QCOMPARE(retry(), std::optional<int>(1));
}

void tst_SignInThrottle::delaysDoubleAndCap()
{
    failAndWait();
    failAndWait();
    QList<int> delays;
    for (int i = 0; i < 7; ++i) {
        m_throttle->recordFailure(u"alice"_s, u"10.0.0.1"_s);
        const std::optional<int> wait = retry();
        QVERIFY(wait);
        delays.append(*wait);
        m_now += qint64(*wait) * 1000;
        QCOMPARE(retry(), std::nullopt); // the full wait is enough
    }
    QCOMPARE(delays, (QList<int>{1, 2, 4, 8, 10, 10, 10}));
}

void tst_SignInThrottle::waitIsRoundedUpAndShrinks()
{
    for (int i = 0; i < 5; ++i)
        failAndWait();
    // The sixth failure: the next attempt waits 8 s after it.
    m_throttle->recordFailure(u"alice"_s, u"10.0.0.1"_s);
    QCOMPARE(retry(), std::optional<int>(8));
    m_now += 2500;
    QCOMPARE(retry(), std::optional<int>(6));
    m_now += 5499;
    QCOMPARE(retry(), std::optional<int>(1));
    m_now += 1;
    QCOMPARE(retry(), std::nullopt);
}

void tst_SignInThrottle::successResets()
{
    for (int i = 0; i < 6; ++i)
        failAndWait();
    m_throttle->recordFailure(u"alice"_s, u"10.0.0.1"_s);
    QVERIFY(retry());
    m_throttle->recordSuccess(u"alice"_s, u"10.0.0.1"_s);
    QCOMPARE(retry(), std::nullopt);
    // Counting starts from zero again: two more failures are free.
    m_throttle->recordFailure(u"alice"_s, u"10.0.0.1"_s);
    m_throttle->recordFailure(u"alice"_s, u"10.0.0.1"_s);
    QCOMPARE(retry(), std::nullopt);
    QCOMPARE(m_throttle->trackedEntries(), 2);
}

void tst_SignInThrottle::keyedByRemoteAcrossUsers()
{
    // One address trying one name after another.
    failAndWait(u"u1"_s, u"10.6.6.6"_s);
    failAndWait(u"u2"_s, u"10.6.6.6"_s);
    m_throttle->recordFailure(u"u3"_s, u"10.6.6.6"_s);
    QCOMPARE(retry(u"u4"_s, u"10.6.6.6"_s), std::optional<int>(1));
    // The same fresh name from another address is not held back by that address.
    QCOMPARE(retry(u"u4"_s, u"10.0.0.2"_s), std::nullopt);
}

void tst_SignInThrottle::keyedByUserAcrossRemotes()
{
    // Many addresses guessing at one account.
    failAndWait(u"alice"_s, u"10.0.0.1"_s);
    failAndWait(u"alice"_s, u"10.0.0.2"_s);
    m_throttle->recordFailure(u"alice"_s, u"10.0.0.3"_s);
    QCOMPARE(retry(u"alice"_s, u"10.0.0.4"_s), std::optional<int>(1));
    QCOMPARE(retry(u"bob"_s, u"10.0.0.4"_s), std::nullopt);
}

void tst_SignInThrottle::userKeyIgnoresCase()
{
    failAndWait(u"Alice"_s, u"10.0.0.1"_s);
    failAndWait(u"ALICE"_s, u"10.0.0.2"_s);
    m_throttle->recordFailure(u"alice"_s, u"10.0.0.3"_s);
    QCOMPARE(retry(u"aLiCe"_s, u"10.0.0.9"_s), std::optional<int>(1));
}

void tst_SignInThrottle::quietKeysAreForgotten()
{
    for (int i = 0; i < 5; ++i)
        failAndWait();
    m_throttle->recordFailure(u"alice"_s, u"10.0.0.1"_s);
    QVERIFY(retry());
    // Quiet for twice the lockout: the next failure counts as the first.
    m_now += 20 * 1000;
    QCOMPARE(retry(), std::nullopt);
    m_throttle->recordFailure(u"alice"_s, u"10.0.0.1"_s);
    QCOMPARE(retry(), std::nullopt);
}

void tst_SignInThrottle::memoryIsBounded()
{
    SignInThrottle throttle([this] { return m_now; }, 1, 300, 100);
    for (int i = 0; i < 5000; ++i) {
        m_now += 1;
        throttle.recordFailure(u"user%1"_s.arg(i), u"10.%1.%2.1"_s.arg(i / 256).arg(i % 256));
        QVERIFY(throttle.trackedEntries() <= 200);
    }
    // The most recent keys are still enforced.
    QVERIFY(throttle.retryAfterSeconds(u"user4999"_s, u"10.99.99.99"_s));
    QVERIFY(throttle.retryAfterSeconds(u"nobody"_s, u"10.19.135.1"_s));
    // Long quiet keys no longer hold anyone back; new ones still count within the bound.
    m_now += 600 * 1000;
    QCOMPARE(throttle.retryAfterSeconds(u"user4999"_s, u"10.19.135.1"_s), std::nullopt);
    for (int i = 0; i < 150; ++i) {
        throttle.recordFailure(u"more%1"_s.arg(i), QString());
        QVERIFY(throttle.trackedEntries() <= 200);
    }
    QVERIFY(throttle.retryAfterSeconds(u"more149"_s, QString()));
}

QTEST_GUILESS_MAIN(tst_SignInThrottle)
#include "tst_signinthrottle.moc"
