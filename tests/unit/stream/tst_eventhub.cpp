// The stream's event buffer: numbering, the ring of the last N events, replay and resync decisions.
#include "node/stream/EventHub.h"

#include <QSignalSpy>
#include <QTest>

class tst_EventHub : public QObject
{
    Q_OBJECT

private slots:
    void seqStartsAtOneWithoutGaps();
    void publishStampsAndAnnouncesTheEvent();
    void lazyPayloadIsBuiltOnlyWhenAskedFor();
    void ringKeepsTheLastEvents();
    void sinceReplaysExactlyTheEventsAfterSeq();
    void sinceAtTheBufferEdge();
    void resyncReasons_data();
    void resyncReasons();
    void eachHubHasItsOwnEpoch();
    void capacityIsAtLeastOne();

private:
    qint64 m_now = 1'000;
};

void tst_EventHub::seqStartsAtOneWithoutGaps()
{
    EventHub hub(10, [this] { return m_now; });
    QCOMPARE(hub.latestSeq(), 0);
    QCOMPARE(hub.oldestSeq(), 1);
    for (qint64 expected = 1; expected <= 5; ++expected)
        QCOMPARE(hub.publish(QStringLiteral("stats.tick"), {}), expected);
    QCOMPARE(hub.latestSeq(), 5);
    QCOMPARE(hub.oldestSeq(), 1);
}

void tst_EventHub::publishStampsAndAnnouncesTheEvent()
{
    EventHub hub(10, [this] { return m_now; });
    QSignalSpy spy(&hub, &EventHub::published);
    m_now = 1'764'158'400'123;
    const QJsonObject data{{QStringLiteral("state"), QStringLiteral("delivered")}};
    const QByteArray id = "0123456789abcdef0123456789abcdef";
    const qint64 seq = hub.publish(QStringLiteral("message.state"), data, QStringLiteral("4B"), id, true);

    QCOMPARE(spy.count(), 1);
    const auto event = spy.at(0).at(0).value<StreamEvent>();
    QCOMPARE(event.seq, seq);
    QCOMPARE(event.type, QStringLiteral("message.state"));
    QCOMPARE(event.atMs, m_now);
    QCOMPARE(event.data, data);
    QCOMPARE(event.unit, QStringLiteral("4B"));
    QCOMPARE(event.correlationId, id);
    QVERIFY(event.clinical);

    const StreamEvent* stored = hub.at(seq);
    QVERIFY(stored);
    QCOMPARE(stored->data, data);
    QCOMPARE(stored->atMs, m_now);
}

void tst_EventHub::lazyPayloadIsBuiltOnlyWhenAskedFor()
{
    EventHub hub(10, [this] { return m_now; });
    int builds = 0;
    const QJsonObject data{{QStringLiteral("state"), QStringLiteral("accepted")}};
    const qint64 seq = hub.publishLazy(QStringLiteral("message.state"), [&builds, data] {
        ++builds;
        return data;
    });
    QCOMPARE(builds, 0);                             // publishing alone builds nothing
    const StreamEvent* stored = hub.at(seq);
    QVERIFY(stored);
    QVERIFY(stored->data.isEmpty());
    QCOMPARE(stored->payload(), data);
    QCOMPARE(builds, 1);
    const auto replay = hub.since(hub.epoch(), 0);
    QCOMPARE(replay.events.size(), size_t(1));
    QCOMPARE(replay.events.front().payload(), data); // a replayed copy builds the same payload
}

void tst_EventHub::ringKeepsTheLastEvents()
{
    EventHub hub(3, [this] { return m_now; });
    for (int i = 1; i <= 5; ++i)
        hub.publish(QStringLiteral("stats.tick"), {{QStringLiteral("i"), i}});
    QCOMPARE(hub.oldestSeq(), 3);
    QCOMPARE(hub.latestSeq(), 5);
    QVERIFY(!hub.at(2));
    QVERIFY(!hub.at(6));
    QVERIFY(!hub.at(0));
    for (qint64 seq = 3; seq <= 5; ++seq) {
        QVERIFY(hub.at(seq));
        QCOMPARE(hub.at(seq)->seq, seq);
        QCOMPARE(hub.at(seq)->data.value(QStringLiteral("i")).toInt(), int(seq));
    }
}

void tst_EventHub::sinceReplaysExactlyTheEventsAfterSeq()
{
    EventHub hub(100, [this] { return m_now; });
    QVERIFY(!hub.since(hub.epoch(), 0).resync);
    QVERIFY(hub.since(hub.epoch(), 0).events.empty());

    for (int i = 1; i <= 6; ++i)
        hub.publish(QStringLiteral("stats.tick"), {});
    const EventHub::Replay replay = hub.since(hub.epoch(), 2);
    QVERIFY(!replay.resync);
    QCOMPARE(replay.events.size(), size_t(4));
    for (size_t i = 0; i < replay.events.size(); ++i)
        QCOMPARE(replay.events[i].seq, qint64(3 + i));

    const EventHub::Replay upToDate = hub.since(hub.epoch(), 6);
    QVERIFY(!upToDate.resync);
    QVERIFY(upToDate.events.empty());

    QCOMPARE(hub.since(hub.epoch(), 0).events.size(), size_t(6));
}

void tst_EventHub::sinceAtTheBufferEdge()
{
    EventHub hub(3, [this] { return m_now; });
    for (int i = 1; i <= 5; ++i)
        hub.publish(QStringLiteral("stats.tick"), {});
    // The client saw 2; 3, 4 and 5 are all still buffered.
    const EventHub::Replay edge = hub.since(hub.epoch(), 2);
    QVERIFY(!edge.resync);
    QCOMPARE(edge.events.size(), size_t(3));
    QCOMPARE(edge.events.front().seq, 3);
    // The client saw 1; 2 is gone.
    const EventHub::Replay gone = hub.since(hub.epoch(), 1);
    QVERIFY(gone.resync);
    QVERIFY(gone.events.empty());
    QCOMPARE(gone.reason, QStringLiteral("events since 1 are no longer buffered (oldest is 3)"));
}

void tst_EventHub::resyncReasons_data()
{
    QTest::addColumn<bool>("sameEpoch");
    QTest::addColumn<qint64>("seq");
    QTest::addColumn<QString>("reason");

    // The hub below holds seqs 1235..1240 (capacity 6, 1240 published).
    QTest::addRow("other epoch") << false << qint64(1238) << QStringLiteral("the node restarted (the epoch has changed)");
    QTest::addRow("overrun") << true << qint64(1230)
                             << QStringLiteral("events since 1230 are no longer buffered (oldest is 1235)");
    QTest::addRow("ahead") << true << qint64(1241) << QStringLiteral("seq 1241 is ahead of the node's latest (1240)");
    QTest::addRow("negative") << true << qint64(-1) << QStringLiteral("seq -1 is negative");
    QTest::addRow("just in") << true << qint64(1234) << QString();
    QTest::addRow("latest") << true << qint64(1240) << QString();
}

void tst_EventHub::resyncReasons()
{
    QFETCH(bool, sameEpoch);
    QFETCH(qint64, seq);
    QFETCH(QString, reason);

    EventHub hub(6, [this] { return m_now; });
    for (int i = 0; i < 1240; ++i)
        hub.publish(QStringLiteral("stats.tick"), {});
    EventHub previousRun(6, [this] { return m_now; });
    const QByteArray epoch = sameEpoch ? hub.epoch() : previousRun.epoch();

    const EventHub::Replay replay = hub.since(epoch, seq);
    QCOMPARE(replay.resync, !reason.isEmpty());
    QCOMPARE(replay.reason, reason);
    QCOMPARE(hub.resyncReason(epoch, seq).value_or(QString()), reason);
    if (!replay.resync)
        QCOMPARE(qint64(replay.events.size()), 1240 - seq);
}

void tst_EventHub::eachHubHasItsOwnEpoch()
{
    EventHub a(10, [this] { return m_now; });
    EventHub b(10, [this] { return m_now; });
    QCOMPARE(a.epoch().size(), 32);
    QVERIFY(a.epoch() != b.epoch());
    QVERIFY(!QByteArray::fromHex(a.epoch()).isEmpty());
    QCOMPARE(QByteArray::fromHex(a.epoch()).toHex(), a.epoch());
    // A restart with the same numbering: seq 3 of the old run means nothing to the new one.
    a.publish(QStringLiteral("stats.tick"), {});
    b.publish(QStringLiteral("stats.tick"), {});
    QVERIFY(b.since(a.epoch(), 1).resync);
    QVERIFY(!b.since(b.epoch(), 1).resync);
}

void tst_EventHub::capacityIsAtLeastOne()
{
    EventHub hub(0, [this] { return m_now; });
    QCOMPARE(hub.capacity(), 1);
    hub.publish(QStringLiteral("stats.tick"), {});
    hub.publish(QStringLiteral("stats.tick"), {});
    QVERIFY(!hub.at(1));
    QVERIFY(hub.at(2));
    QVERIFY(!hub.since(hub.epoch(), 1).resync);
    QVERIFY(hub.since(hub.epoch(), 0).resync);
}

QTEST_GUILESS_MAIN(tst_EventHub)
#include "tst_eventhub.moc"
