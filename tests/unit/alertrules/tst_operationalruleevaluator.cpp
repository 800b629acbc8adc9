#include "models/alerts/OperationalRuleEvaluator.h"

#include <QJsonObject>
#include <QtTest>

using namespace Qt::StringLiterals;

Q_DECLARE_METATYPE(AlertSignal::Kind)

namespace {

constexpr qint64 T0 = 1'740'000'000'000;             // 2025-02-19, any fixed wall-clock time
constexpr qint64 Second = 1000;
constexpr qint64 Minute = 60 * Second;

using Kind = OperationalRuleConfig::Kind;

OperationalRuleConfig rule(const QString& id, Kind kind, const QString& target = u"*"_s)
{
    OperationalRuleConfig r;
    r.common.id = id;
    r.common.severity = AlertSeverity::High;
    r.common.policy = u"support"_s;
    r.common.cooldownSeconds = 120;
    r.common.maxAgeSeconds = 7200;
    r.kind = kind;
    r.target = target;
    return r;
}

OperationalSample::Destination destination(const QString& name, qint64 depth)
{
    OperationalSample::Destination d;
    d.name = name;
    d.queueDepth = depth;
    d.breakerState = u"closed"_s;
    return d;
}

OperationalSample::Channel channel(const QString& name, qint64 received, qint64 lastAt, qint64 acks = 0,
                                   qint64 ackSumMs = 0)
{
    OperationalSample::Channel c;
    c.name = name;
    c.receivedTotal = received;
    c.lastReceivedAtMs = lastAt;
    c.acksSentTotal = acks;
    c.ackLatencySumMs = ackSumMs;
    return c;
}

OperationalSample destinations(qint64 atMs, const QList<OperationalSample::Destination>& list)
{
    OperationalSample s;
    s.atMs = atMs;
    s.destinations = list;
    return s;
}

OperationalSample channels(qint64 atMs, const QList<OperationalSample::Channel>& list)
{
    OperationalSample s;
    s.atMs = atMs;
    s.channels = list;
    return s;
}

OperationalSample deadLetters(qint64 atMs, qint64 total)
{
    OperationalSample s;
    s.atMs = atMs;
    s.deadLettersTotal = total;
    return s;
}

QList<AlertSignal::Kind> kinds(const QList<AlertSignal>& signalList)
{
    QList<AlertSignal::Kind> result;
    for (const AlertSignal& s : signalList)
        result.append(s.kind);
    return result;
}

using K = AlertSignal::Kind;

} // namespace

class tst_OperationalRuleEvaluator : public QObject
{
    Q_OBJECT

private slots:
    void queueDepthRaisesAfterForSecondsAndClearsOnce();
    void queueDepthDipRestartsTheClock();
    void queueDepthTitleInMinutes();
    void targetFilterAndEachTarget();
    void disappearingTargetIsCleared();
    void destinationDown_data();
    void destinationDown();
    void destinationDownTitleAndEvidence();
    void deadLetterGrowthWithinWindow();
    void deadLetterCounterReset();
    void ackLatency();
    void ackLatencyCounterReset();
    void channelSilentAfterLearning();
    void channelSilentNeedsMinMessages();
    void channelSilentBurstsAndCounterReset();
    void rulesKeepSeparateState();
};

void tst_OperationalRuleEvaluator::queueDepthRaisesAfterForSecondsAndClearsOnce()
{
    OperationalRuleConfig r = rule(u"queue-backlog"_s, Kind::QueueDepth);
    r.threshold = 10;
    r.forSeconds = 5;
    OperationalRuleEvaluator evaluator({r});

    for (int i = 0; i < 5; ++i)
        QVERIFY2(evaluator.evaluate(destinations(T0 + i * Second, {destination(u"lab"_s, 20)})).isEmpty(),
                 "raised before forSeconds");
    QList<AlertSignal> raised = evaluator.evaluate(destinations(T0 + 5 * Second, {destination(u"lab"_s, 20)}));
    QCOMPARE(kinds(raised), QList<K>{K::Raise});
    const AlertSignal& s = raised.first();
    QCOMPARE(s.ruleId, u"queue-backlog"_s);
    QCOMPARE(s.category, AlertCategory::Operational);
    QCOMPARE(s.severity, AlertSeverity::High);
    QCOMPARE(s.dedupKey, "queue-backlog|lab"_ba);
    QCOMPARE(s.groupKey, "destination lab"_ba);
    QCOMPARE(s.subject, u"destination lab"_s);
    QCOMPARE(s.team, u"support"_s);                  // default owner when the rule names none
    QCOMPARE(s.policy, u"support"_s);
    QCOMPARE(s.cooldownMs, 120 * Second);
    QCOMPARE(s.maxAgeMs, 7200 * Second);
    QVERIFY(s.unit.isEmpty());
    QVERIFY(s.patientId.isEmpty());
    QCOMPARE(s.title, u"Queue to lab above 10 for 5 s (20 waiting)"_s);
    QCOMPARE(s.evidence.value(u"queueDepth"_s).toInteger(), 20);
    QCOMPARE(s.evidence.value(u"threshold"_s).toInteger(), 10);
    QCOMPARE(s.evidence.value(u"holdingSinceMs"_s).toInteger(), T0);

    // Still holding: raised again with fresh figures (the state machine folds them into one alert).
    raised = evaluator.evaluate(destinations(T0 + 6 * Second, {destination(u"lab"_s, 25)}));
    QCOMPARE(kinds(raised), QList<K>{K::Raise});
    QCOMPARE(raised.first().evidence.value(u"queueDepth"_s).toInteger(), 25);
    QCOMPARE(raised.first().evidence.value(u"holdingSinceMs"_s).toInteger(), T0);

    const QList<AlertSignal> cleared = evaluator.evaluate(destinations(T0 + 7 * Second, {destination(u"lab"_s, 10)}));
    QCOMPARE(kinds(cleared), QList<K>{K::Clear});
    QCOMPARE(cleared.first().disposition, u"source_cleared"_s);
    QCOMPARE(cleared.first().dedupKey, "queue-backlog|lab"_ba);
    QCOMPARE(cleared.first().evidence.value(u"queueDepth"_s).toInteger(), 10);
    QVERIFY(!cleared.first().title.isEmpty());
    QVERIFY(evaluator.evaluate(destinations(T0 + 8 * Second, {destination(u"lab"_s, 3)})).isEmpty());

    // A new episode needs forSeconds again.
    QVERIFY(evaluator.evaluate(destinations(T0 + 9 * Second, {destination(u"lab"_s, 30)})).isEmpty());
    QCOMPARE(kinds(evaluator.evaluate(destinations(T0 + 14 * Second, {destination(u"lab"_s, 30)}))),
             QList<K>{K::Raise});
}

void tst_OperationalRuleEvaluator::queueDepthDipRestartsTheClock()
{
    OperationalRuleConfig r = rule(u"queue-backlog"_s, Kind::QueueDepth);
    r.threshold = 10;
    r.forSeconds = 5;
    OperationalRuleEvaluator evaluator({r});
    QVERIFY(evaluator.evaluate(destinations(T0, {destination(u"lab"_s, 20)})).isEmpty());
    QVERIFY(evaluator.evaluate(destinations(T0 + 4 * Second, {destination(u"lab"_s, 20)})).isEmpty());
    // A dip before forSeconds: nothing was raised, so nothing is cleared either.
    QVERIFY(evaluator.evaluate(destinations(T0 + 5 * Second, {destination(u"lab"_s, 2)})).isEmpty());
    QVERIFY(evaluator.evaluate(destinations(T0 + 6 * Second, {destination(u"lab"_s, 20)})).isEmpty());
    QVERIFY(evaluator.evaluate(destinations(T0 + 10 * Second, {destination(u"lab"_s, 20)})).isEmpty());
    QCOMPARE(kinds(evaluator.evaluate(destinations(T0 + 11 * Second, {destination(u"lab"_s, 20)}))),
             QList<K>{K::Raise});
}

void tst_OperationalRuleEvaluator::queueDepthTitleInMinutes()
{
    OperationalRuleConfig r = rule(u"queue-backlog"_s, Kind::QueueDepth);
    r.threshold = 500;
    r.forSeconds = 300;
    OperationalRuleEvaluator evaluator({r});
    QVERIFY(evaluator.evaluate(destinations(T0, {destination(u"lab"_s, 501)})).isEmpty());
    const QList<AlertSignal> raised = evaluator.evaluate(destinations(T0 + 5 * Minute, {destination(u"lab"_s, 612)}));
    QCOMPARE(raised.size(), 1);
    QCOMPARE(raised.first().title, u"Queue to lab above 500 for 5 min (612 waiting)"_s);
}

void tst_OperationalRuleEvaluator::targetFilterAndEachTarget()
{
    OperationalRuleConfig onlyLab = rule(u"lab-queue"_s, Kind::QueueDepth, u"lab"_s);
    onlyLab.threshold = 10;
    OperationalRuleConfig each = rule(u"any-queue"_s, Kind::QueueDepth);
    each.threshold = 10;
    OperationalRuleEvaluator evaluator({onlyLab, each});
    const QList<AlertSignal> raised = evaluator.evaluate(
        destinations(T0, {destination(u"lab"_s, 50), destination(u"pharmacy"_s, 60), destination(u"radiology"_s, 1)}));
    QStringList keys;
    for (const AlertSignal& s : raised) {
        QCOMPARE(s.kind, K::Raise);
        keys << QString::fromUtf8(s.dedupKey);
    }
    keys.sort();
    QCOMPARE(keys, (QStringList{u"any-queue|lab"_s, u"any-queue|pharmacy"_s, u"lab-queue|lab"_s}));
}

void tst_OperationalRuleEvaluator::disappearingTargetIsCleared()
{
    OperationalRuleConfig r = rule(u"queue-backlog"_s, Kind::QueueDepth);
    r.threshold = 10;
    OperationalRuleEvaluator evaluator({r});
    QCOMPARE(evaluator.evaluate(destinations(T0, {destination(u"lab"_s, 50), destination(u"pharmacy"_s, 1)})).size(), 1);
    // Both vanish from the samples (config reload): only the raised one is cleared.
    const QList<AlertSignal> cleared = evaluator.evaluate(destinations(T0 + Second, {}));
    QCOMPARE(kinds(cleared), QList<K>{K::Clear});
    QCOMPARE(cleared.first().dedupKey, "queue-backlog|lab"_ba);
    QCOMPARE(cleared.first().subject, u"destination lab"_s);
    QCOMPARE(cleared.first().disposition, u"source_cleared"_s);
    QVERIFY(evaluator.evaluate(destinations(T0 + 2 * Second, {})).isEmpty());
    // Coming back starts from scratch.
    QCOMPARE(kinds(evaluator.evaluate(destinations(T0 + 3 * Second, {destination(u"lab"_s, 50)}))), QList<K>{K::Raise});
}

void tst_OperationalRuleEvaluator::destinationDown_data()
{
    QTest::addColumn<QString>("breaker");
    QTest::addColumn<qint64>("lastSentAt");
    QTest::addColumn<qint64>("lastErrorAt");
    QTest::addColumn<qint64>("depth");
    QTest::addColumn<bool>("down");

    QTest::addRow("breaker open") << u"open"_s << T0 << T0 - Minute << qint64(0) << true;
    QTest::addRow("failing with work waiting") << u"closed"_s << T0 - Minute << T0 << qint64(3) << true;
    QTest::addRow("half-open, failing with work") << u"half-open"_s << T0 - Minute << T0 << qint64(3) << true;
    QTest::addRow("failed, nothing waiting") << u"closed"_s << T0 - Minute << T0 << qint64(0) << false;
    QTest::addRow("sent since the error") << u"closed"_s << T0 << T0 - Minute << qint64(3) << false;
    QTest::addRow("never failed") << u"closed"_s << qint64(0) << qint64(0) << qint64(3) << false;
    QTest::addRow("half-open, healthy") << u"half-open"_s << T0 << T0 - Minute << qint64(3) << false;
}

void tst_OperationalRuleEvaluator::destinationDown()
{
    QFETCH(QString, breaker);
    QFETCH(qint64, lastSentAt);
    QFETCH(qint64, lastErrorAt);
    QFETCH(qint64, depth);
    QFETCH(bool, down);

    OperationalRuleConfig r = rule(u"destination-down"_s, Kind::DestinationDown);
    r.forSeconds = 2;
    OperationalRuleEvaluator evaluator({r});
    OperationalSample::Destination d = destination(u"lab"_s, depth);
    d.breakerState = breaker;
    d.lastSentAtMs = lastSentAt;
    d.lastErrorAtMs = lastErrorAt;
    QVERIFY(evaluator.evaluate(destinations(T0, {d})).isEmpty());
    QVERIFY(evaluator.evaluate(destinations(T0 + Second, {d})).isEmpty());
    const QList<AlertSignal> result = evaluator.evaluate(destinations(T0 + 2 * Second, {d}));
    QCOMPARE(result.size(), down ? 1 : 0);
    if (down)
        QCOMPARE(result.first().kind, K::Raise);
}

void tst_OperationalRuleEvaluator::destinationDownTitleAndEvidence()
{
    OperationalRuleConfig r = rule(u"destination-down"_s, Kind::DestinationDown);
    r.forSeconds = 120;
    r.common.team = u"interfaces"_s;
    OperationalRuleEvaluator evaluator({r});
    OperationalSample::Destination d = destination(u"lab"_s, 7);
    d.breakerState = u"open"_s;
    d.lastSentAtMs = T0 - 10 * Minute;
    d.lastErrorAtMs = T0 - Second;
    d.lastError = u"connection refused"_s;
    QVERIFY(evaluator.evaluate(destinations(T0, {d})).isEmpty());
    const QList<AlertSignal> raised = evaluator.evaluate(destinations(T0 + 2 * Minute, {d}));
    QCOMPARE(raised.size(), 1);
    const AlertSignal& s = raised.first();
    QCOMPARE(s.title, u"Destination lab down for 2 min"_s);
    QCOMPARE(s.team, u"interfaces"_s);
    QCOMPARE(s.evidence.value(u"breakerState"_s).toString(), u"open"_s);
    QCOMPARE(s.evidence.value(u"lastError"_s).toString(), u"connection refused"_s);
    QCOMPARE(s.evidence.value(u"lastSentAtMs"_s).toInteger(), T0 - 10 * Minute);
    QCOMPARE(s.evidence.value(u"holdingSinceMs"_s).toInteger(), T0);

    d.breakerState = u"closed"_s;
    d.lastSentAtMs = T0 + 2 * Minute + Second;
    d.queueDepth = 0;
    const QList<AlertSignal> cleared = evaluator.evaluate(destinations(T0 + 2 * Minute + Second, {d}));
    QCOMPARE(kinds(cleared), QList<K>{K::Clear});
    QCOMPARE(cleared.first().evidence.value(u"breakerState"_s).toString(), u"closed"_s);
}

void tst_OperationalRuleEvaluator::deadLetterGrowthWithinWindow()
{
    OperationalRuleConfig r = rule(u"dead-letter-growth"_s, Kind::DeadLetterGrowth);
    r.threshold = 3;
    r.windowSeconds = 60;
    OperationalRuleEvaluator evaluator({r});
    // Dead letters from before the evaluator started are not growth.
    QVERIFY(evaluator.evaluate(deadLetters(T0, 100)).isEmpty());
    QVERIFY(evaluator.evaluate(deadLetters(T0 + 10 * Second, 101)).isEmpty());
    const QList<AlertSignal> raised = evaluator.evaluate(deadLetters(T0 + 20 * Second, 103));
    QCOMPARE(kinds(raised), QList<K>{K::Raise});
    const AlertSignal& s = raised.first();
    QCOMPARE(s.dedupKey, "dead-letter-growth|node"_ba);
    QCOMPARE(s.subject, u"node"_s);
    QCOMPARE(s.title, u"3 new dead letters in 1 min"_s);
    QCOMPARE(s.evidence.value(u"newDeadLetters"_s).toInteger(), 3);
    QCOMPARE(s.evidence.value(u"windowSeconds"_s).toInteger(), 60);
    QCOMPARE(s.evidence.value(u"threshold"_s).toInteger(), 3);
    // Still three within the last minute.
    QCOMPARE(kinds(evaluator.evaluate(deadLetters(T0 + 60 * Second, 103))), QList<K>{K::Raise});
    // The first one (between T0 and T0+10 s) slides out of the window: two left, cleared once.
    QCOMPARE(kinds(evaluator.evaluate(deadLetters(T0 + 75 * Second, 103))), QList<K>{K::Clear});
    QVERIFY(evaluator.evaluate(deadLetters(T0 + 90 * Second, 103)).isEmpty());
    // A burst later raises again.
    const QList<AlertSignal> burst = evaluator.evaluate(deadLetters(T0 + 100 * Second, 115));
    QCOMPARE(kinds(burst), QList<K>{K::Raise});
    QCOMPARE(burst.first().evidence.value(u"newDeadLetters"_s).toInteger(), 12);
    QCOMPARE(burst.first().title, u"12 new dead letters in 1 min"_s);
}

void tst_OperationalRuleEvaluator::deadLetterCounterReset()
{
    OperationalRuleConfig r = rule(u"dead-letter-growth"_s, Kind::DeadLetterGrowth);
    r.threshold = 3;
    r.windowSeconds = 300;
    OperationalRuleEvaluator evaluator({r});
    QVERIFY(evaluator.evaluate(deadLetters(T0, 500)).isEmpty());
    // The counter restarts from 0 and shows 2: two new ones, not -498 and not 2 more than 500.
    QVERIFY(evaluator.evaluate(deadLetters(T0 + Second, 2)).isEmpty());
    const QList<AlertSignal> raised = evaluator.evaluate(deadLetters(T0 + 2 * Second, 4));
    QCOMPARE(kinds(raised), QList<K>{K::Raise});
    QCOMPARE(raised.first().evidence.value(u"newDeadLetters"_s).toInteger(), 4);
    QCOMPARE(raised.first().evidence.value(u"deadLettersTotal"_s).toInteger(), 4);
}

void tst_OperationalRuleEvaluator::ackLatency()
{
    OperationalRuleConfig r = rule(u"ack-latency"_s, Kind::AckLatency);
    r.thresholdMs = 2000;
    r.forSeconds = 2;
    OperationalRuleEvaluator evaluator({r});
    const QString name = u"adt-in"_s;
    // The first sample is only a baseline, however slow the past was.
    QVERIFY(evaluator.evaluate(channels(T0, {channel(name, 10, T0, 10, 90000)})).isEmpty());
    QVERIFY(evaluator.evaluate(channels(T0 + Second, {channel(name, 12, T0, 12, 95000)})).isEmpty()); // 2500 ms
    QVERIFY(evaluator.evaluate(channels(T0 + 2 * Second, {channel(name, 14, T0, 14, 99800)})).isEmpty()); // 2400 ms
    const QList<AlertSignal> raised = evaluator.evaluate(channels(T0 + 3 * Second, {channel(name, 16, T0, 16, 104600)}));
    QCOMPARE(kinds(raised), QList<K>{K::Raise});
    const AlertSignal& s = raised.first();
    QCOMPARE(s.title, u"Channel adt-in ACK latency 2.4 s (limit 2 s)"_s);
    QCOMPARE(s.dedupKey, "ack-latency|adt-in"_ba);
    QCOMPARE(s.subject, u"channel adt-in"_s);
    QCOMPARE(s.evidence.value(u"meanAckLatencyMs"_s).toInteger(), 2400);
    QCOMPARE(s.evidence.value(u"thresholdMs"_s).toInteger(), 2000);
    QCOMPARE(s.evidence.value(u"holdingSinceMs"_s).toInteger(), T0 + Second);
    // An interval without ACKs counts as not holding (see the evaluator): cleared.
    QCOMPARE(kinds(evaluator.evaluate(channels(T0 + 4 * Second, {channel(name, 16, T0, 16, 104600)}))),
             QList<K>{K::Clear});
    // Fast ACKs: nothing.
    QVERIFY(evaluator.evaluate(channels(T0 + 5 * Second, {channel(name, 20, T0, 20, 105000)})).isEmpty());
}

void tst_OperationalRuleEvaluator::ackLatencyCounterReset()
{
    OperationalRuleConfig r = rule(u"ack-latency"_s, Kind::AckLatency);
    r.thresholdMs = 2000;
    OperationalRuleEvaluator evaluator({r});
    const QString name = u"adt-in"_s;
    QVERIFY(evaluator.evaluate(channels(T0, {channel(name, 0, 0, 1000, 100000)})).isEmpty());
    // Counters back to small numbers (node restart): no negative or huge mean, no raise...
    QVERIFY(evaluator.evaluate(channels(T0 + Second, {channel(name, 0, 0, 3, 300)})).isEmpty());
    // ...and the next interval is judged normally from the new baseline (3 ACKs of 3 s each).
    const QList<AlertSignal> raised = evaluator.evaluate(channels(T0 + 2 * Second, {channel(name, 0, 0, 6, 9300)}));
    QCOMPARE(kinds(raised), QList<K>{K::Raise});
    QCOMPARE(raised.first().evidence.value(u"meanAckLatencyMs"_s).toInteger(), 3000);
}

void tst_OperationalRuleEvaluator::channelSilentAfterLearning()
{
    OperationalRuleConfig r = rule(u"channel-silent"_s, Kind::ChannelSilent);
    r.minMessagesForSilence = 5;
    r.minSilentSeconds = 600;
    r.silenceFactor = 5.0;
    OperationalRuleEvaluator evaluator({r});
    const QString name = u"adt-in"_s;

    // One message every 30 s; one sample per arrival is enough for the evaluator.
    qint64 at = T0;
    qint64 received = 0;
    for (int i = 0; i <= 6; ++i) {
        at = T0 + i * 30 * Second;
        received = i + 1;
        QVERIFY(evaluator.evaluate(channels(at, {channel(name, received, at)})).isEmpty());
    }
    const qint64 last = at;
    // max(600 s, 5 x 30 s) = 10 min.
    QVERIFY(evaluator.evaluate(channels(last + 10 * Minute, {channel(name, received, last)})).isEmpty());
    QList<AlertSignal> raised = evaluator.evaluate(channels(last + 10 * Minute + Second, {channel(name, received, last)}));
    QCOMPARE(kinds(raised), QList<K>{K::Raise});
    raised = evaluator.evaluate(channels(last + 14 * Minute, {channel(name, received, last)}));
    QCOMPARE(kinds(raised), QList<K>{K::Raise});
    const AlertSignal& s = raised.first();
    QCOMPARE(s.title, u"Channel adt-in silent for 14 min (usually every 30 s)"_s);
    QCOMPARE(s.dedupKey, "channel-silent|adt-in"_ba);
    QCOMPARE(s.evidence.value(u"silentForMs"_s).toInteger(), 14 * Minute);
    QCOMPARE(s.evidence.value(u"usualGapMs"_s).toInteger(), 30 * Second);

    // A message arrives: cleared once.
    const qint64 back = last + 15 * Minute;
    QCOMPARE(kinds(evaluator.evaluate(channels(back, {channel(name, received + 1, back)}))), QList<K>{K::Clear});
    QVERIFY(evaluator.evaluate(channels(back + Second, {channel(name, received + 1, back)})).isEmpty());
}

void tst_OperationalRuleEvaluator::channelSilentNeedsMinMessages()
{
    OperationalRuleConfig r = rule(u"channel-silent"_s, Kind::ChannelSilent);
    r.minMessagesForSilence = 20;
    r.minSilentSeconds = 60;
    OperationalRuleEvaluator evaluator({r});
    const QString name = u"adt-in"_s;
    for (int i = 0; i < 5; ++i) {
        const qint64 at = T0 + i * 30 * Second;
        QVERIFY(evaluator.evaluate(channels(at, {channel(name, i + 1, at)})).isEmpty());
    }
    // Too little history to know what "usual" is: a long silence says nothing yet.
    const qint64 last = T0 + 4 * 30 * Second;
    QVERIFY(evaluator.evaluate(channels(last + 60 * Minute, {channel(name, 5, last)})).isEmpty());
    // A channel that never received anything is never "silent".
    QVERIFY(evaluator.evaluate(channels(last + 120 * Minute, {channel(name, 5, last), channel(u"idle"_s, 0, 0)}))
                .isEmpty());
}

void tst_OperationalRuleEvaluator::channelSilentBurstsAndCounterReset()
{
    OperationalRuleConfig r = rule(u"channel-silent"_s, Kind::ChannelSilent);
    r.minMessagesForSilence = 20;
    r.minSilentSeconds = 1;
    r.silenceFactor = 5.0;
    OperationalRuleEvaluator evaluator({r});
    const QString name = u"orders"_s;
    // 10 messages per second for 3 s: 30 gaps of about 100 ms are learnt from three samples.
    QVERIFY(evaluator.evaluate(channels(T0, {channel(name, 10, T0)})).isEmpty());
    QVERIFY(evaluator.evaluate(channels(T0 + Second, {channel(name, 20, T0 + Second)})).isEmpty());
    QVERIFY(evaluator.evaluate(channels(T0 + 2 * Second, {channel(name, 30, T0 + 2 * Second)})).isEmpty());
    QVERIFY(evaluator.evaluate(channels(T0 + 3 * Second, {channel(name, 40, T0 + 3 * Second)})).isEmpty());

    // Node restart: the counter starts again; no negative gap, the learnt rhythm survives.
    const qint64 restart = T0 + 4 * Second;
    QVERIFY(evaluator.evaluate(channels(restart, {channel(name, 2, restart)})).isEmpty());
    const QList<AlertSignal> raised = evaluator.evaluate(channels(restart + 2 * Second, {channel(name, 2, restart)}));
    QCOMPARE(kinds(raised), QList<K>{K::Raise});
    QCOMPARE(raised.first().evidence.value(u"usualGapMs"_s).toInteger(), 100);
    QCOMPARE(raised.first().evidence.value(u"limitMs"_s).toInteger(), 1000);
}

void tst_OperationalRuleEvaluator::rulesKeepSeparateState()
{
    OperationalRuleConfig slow = rule(u"queue-slow"_s, Kind::QueueDepth);
    slow.threshold = 10;
    slow.forSeconds = 10;
    OperationalRuleConfig fast = rule(u"queue-fast"_s, Kind::QueueDepth);
    fast.threshold = 10;
    fast.forSeconds = 0;
    fast.common.severity = AlertSeverity::Low;
    OperationalRuleEvaluator evaluator({slow, fast});
    QList<AlertSignal> first = evaluator.evaluate(destinations(T0, {destination(u"lab"_s, 20)}));
    QCOMPARE(first.size(), 1);
    QCOMPARE(first.first().ruleId, u"queue-fast"_s);
    QCOMPARE(first.first().severity, AlertSeverity::Low);
    QCOMPARE(evaluator.evaluate(destinations(T0 + 10 * Second, {destination(u"lab"_s, 20)})).size(), 2);
}

QTEST_GUILESS_MAIN(tst_OperationalRuleEvaluator)
#include "tst_operationalruleevaluator.moc"
