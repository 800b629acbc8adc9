// Unit tests of the stats value types: the JSON shape documented in docs/ops-api.md.
#include "node/stats/StatsTypes.h"

#include <QJsonArray>
#include <QTest>

using namespace Qt::StringLiterals;

class tst_StatsTypes : public QObject
{
    Q_OBJECT

private slots:
    void snapshotJsonShape();
    void neverAndNoneAreNull();
    void fromCountersCopiesTotals();
};

namespace {

QStringList sorted(QStringList keys)
{
    keys.sort();
    return keys;
}

} // namespace

void tst_StatsTypes::snapshotJsonShape()
{
    StatsSnapshot s;
    s.atMs = 1'700'000'000'123;
    s.node.deadLetterDepth = 4;
    s.node.messagesStored = 1234;
    s.node.uptimeSec = 99;
    ChannelStats c;
    c.name = u"adt-in"_s;
    c.kind = u"mllp"_s;
    c.receivedTotal = 10;
    c.arrivalRatePerSec = 1.23456;
    c.lastReceivedAtMs = 1'700'000'000'000;
    s.channels.append(c);
    DestinationStats d;
    d.name = u"lab"_s;
    d.kind = u"http"_s;
    d.queueDepth = 7;
    d.breakerState = u"half-open"_s;
    d.lastError = u"timeout: no answer in 30000 ms"_s;
    d.lastErrorAtMs = 1'700'000'000'001;
    d.drainRatePerSec = 0.5;
    s.destinations.append(d);

    const QJsonObject json = s.toJson();
    QCOMPARE(sorted(json.keys()), (QStringList{u"atMs"_s, u"channels"_s, u"destinations"_s, u"node"_s}));
    QCOMPARE(json.value(u"atMs"_s).toInteger(), s.atMs);
    QCOMPARE(sorted(json.value(u"node"_s).toObject().keys()),
             (QStringList{u"deadLetterDepth"_s, u"messagesStored"_s, u"uptimeSec"_s}));
    QCOMPARE(json.value(u"node"_s).toObject().value(u"messagesStored"_s).toInteger(), qint64(1234));

    const QJsonObject channel = json.value(u"channels"_s).toArray().at(0).toObject();
    QCOMPARE(sorted(channel.keys()),
             sorted({u"name"_s, u"kind"_s, u"receivedTotal"_s, u"acceptedTotal"_s, u"rejectedTotal"_s,
                     u"duplicatesTotal"_s, u"deadLetteredTotal"_s, u"errorsTotal"_s, u"connections"_s,
                     u"lastReceivedAtMs"_s, u"arrivalRatePerSec"_s}));
    QCOMPARE(channel.value(u"receivedTotal"_s).toInteger(), qint64(10));
    QCOMPARE(channel.value(u"arrivalRatePerSec"_s).toDouble(), 1.235); // three decimals
    QCOMPARE(channel.value(u"lastReceivedAtMs"_s).toInteger(), c.lastReceivedAtMs);

    const QJsonObject destination = json.value(u"destinations"_s).toArray().at(0).toObject();
    QCOMPARE(sorted(destination.keys()),
             sorted({u"name"_s, u"kind"_s, u"queueDepth"_s, u"oldestQueuedAgeMs"_s, u"inFlight"_s,
                     u"enqueuedTotal"_s, u"deliveredTotal"_s, u"failedAttemptsTotal"_s, u"deadLetteredTotal"_s,
                     u"breakerState"_s, u"lastSentAtMs"_s, u"lastError"_s, u"lastErrorAtMs"_s,
                     u"arrivalRatePerSec"_s, u"drainRatePerSec"_s}));
    QCOMPARE(destination.value(u"breakerState"_s).toString(), u"half-open"_s);
    QCOMPARE(destination.value(u"queueDepth"_s).toInteger(), qint64(7));
    QCOMPARE(destination.value(u"lastError"_s).toString(), d.lastError);
    QCOMPARE(destination.value(u"drainRatePerSec"_s).toDouble(), 0.5);
}

void tst_StatsTypes::neverAndNoneAreNull()
{
    const QJsonObject channel = ChannelStats().toJson();
    QVERIFY(channel.value(u"lastReceivedAtMs"_s).isNull());
    const QJsonObject destination = DestinationStats().toJson();
    QVERIFY(destination.value(u"lastSentAtMs"_s).isNull());
    QVERIFY(destination.value(u"lastError"_s).isNull());
    QVERIFY(destination.value(u"lastErrorAtMs"_s).isNull());
    QCOMPARE(destination.value(u"breakerState"_s).toString(), u"closed"_s);
}

void tst_StatsTypes::fromCountersCopiesTotals()
{
    ChannelCounters cc;
    cc.received = 9;
    cc.accepted = 5;
    cc.rejected = 2;
    cc.duplicates = 1;
    cc.deadLettered = 2;
    cc.errors = 3;
    cc.lastReceivedAtMs = 42;
    const ChannelStats c = ChannelStats::fromCounters(u"in"_s, u"fhir"_s, cc, 4);
    QCOMPARE(c.name, u"in"_s);
    QCOMPARE(c.kind, u"fhir"_s);
    QCOMPARE(c.receivedTotal, qint64(9));
    QCOMPARE(c.acceptedTotal, qint64(5));
    QCOMPARE(c.rejectedTotal, qint64(2));
    QCOMPARE(c.duplicatesTotal, qint64(1));
    QCOMPARE(c.deadLetteredTotal, qint64(2));
    QCOMPARE(c.errorsTotal, qint64(3));
    QCOMPARE(c.connections, 4);
    QCOMPARE(c.lastReceivedAtMs, qint64(42));

    DestinationCounters dc;
    dc.enqueued = 8;
    dc.delivered = 6;
    dc.failedAttempts = 3;
    dc.deadLettered = 1;
    dc.lastSentAtMs = 100;
    dc.lastErrorAtMs = 90;
    dc.lastError = u"nak-AE: rejected"_s;
    const DestinationStats d = DestinationStats::fromCounters(u"out"_s, u"mllp"_s, dc);
    QCOMPARE(d.enqueuedTotal, qint64(8));
    QCOMPARE(d.deliveredTotal, qint64(6));
    QCOMPARE(d.failedAttemptsTotal, qint64(3));
    QCOMPARE(d.deadLetteredTotal, qint64(1));
    QCOMPARE(d.lastSentAtMs, qint64(100));
    QCOMPARE(d.lastErrorAtMs, qint64(90));
    QCOMPARE(d.lastError, dc.lastError);
}

QTEST_GUILESS_MAIN(tst_StatsTypes)
#include "tst_statstypes.moc"
