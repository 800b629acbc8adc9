// Parking dead letters against a real store and a real Resubmitter: what may be parked and
// unparked, the refusal codes, a parked dead letter refused for resubmission until unparked, and a
// park and a resubmission of the same dead letter never racing each other.
#include "node/pipeline/DeadLetterParking.h"

#include "models/routing/RouteTable.h"
#include "node/config/NodeConfig.h"
#include "node/pipeline/CorrelationId.h"
#include "node/pipeline/IngestProcessor.h"
#include "node/pipeline/Resubmitter.h"
#include "node/store/MessageStore.h"

#include <QDateTime>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;

namespace {

// Synthetic identities only. PID-3 is missing, so the channel dead-letters it at validate; the
// variant with PID-3 is what an admin would resubmit.
const QByteArray Invalid = "MSH|^~\\&|EPIC|WARD4B|VIGIL|HOSP|20261126120000||ADT^A01^ADT_A01|CTRL-1|P|2.5.1\r"
                           "EVN|A01|20261126120000\r"
                           "PID|1||||DOE^JANE||19800101|F\r"
                           "PV1|1|I|4B^12^1\r";
const QByteArray Fixed = "MSH|^~\\&|EPIC|WARD4B|VIGIL|HOSP|20261126120000||ADT^A01^ADT_A01|CTRL-1|P|2.5.1\r"
                         "EVN|A01|20261126120000\r"
                         "PID|1||MRN0001^^^HOSP^MR||DOE^JANE||19800101|F\r"
                         "PV1|1|I|4B^12^1\r";

QByteArray withControlId(QByteArray message, const QByteArray& controlId)
{
    message.replace("|CTRL-1|", QByteArray("|" + controlId + "|"));
    return message;
}

using Results = QList<DeadLetterParking::ItemResult>;

} // namespace

class tst_DeadLetterParking : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void parkSetsOpenOnesAsideAndRefusesTheRest();
    void unparkTakesOnlyParkedOnes();
    void parkedIsRefusedForResubmissionUntilUnparked();
    void parkAndResubmissionNeverRace();
    void answerIsAlwaysAsynchronous();

private:
    qint64 deadLetter(const QByteArray& controlId);
    Results parkAndWait(const QList<qint64>& ids);
    Results unparkAndWait(const QList<qint64>& ids);
    Results wait(std::function<void(DeadLetterParking::Done)> start);
    QList<Resubmitter::ItemResult> resubmitAndWait(const QList<qint64>& ids, const QByteArray& edit);
    void settle();

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<MessageStore> m_store;
    NodeConfig m_config;
    RouteTable m_routes;
    std::unique_ptr<Resubmitter> m_resubmitter;
    std::unique_ptr<DeadLetterParking> m_parking;
    qint64 m_nowMs = 0;
};

void tst_DeadLetterParking::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_store = std::make_unique<MessageStore>();
    QString error;
    QVERIFY2(m_store->open({m_dir->filePath(u"store.db"_s), 512, true}, &error), qPrintable(error));
    m_config = NodeConfig();
    ChannelConfig hl7;
    hl7.name = u"hl7-in"_s;
    m_config.channels = {hl7};
    DestinationConfig ehr;
    ehr.name = u"ehr"_s;
    ehr.host = u"127.0.0.1"_s;
    ehr.port = 1;
    m_config.destinations = {ehr};
    RouteRule all;
    all.name = u"all"_s;
    all.messageTypes = {u"ADT"_s};
    all.destinations = {u"ehr"_s};
    m_config.routes = {all};
    m_routes = RouteTable(m_config.routes);
    m_nowMs = QDateTime(QDate(2026, 11, 26), QTime(12, 0), Qt::UTC).toMSecsSinceEpoch();
    m_resubmitter = std::make_unique<Resubmitter>(m_config, m_routes, *m_store, Resubmitter::WasDelivered());
    m_resubmitter->setClock([this] { return m_nowMs; });
    m_parking = std::make_unique<DeadLetterParking>(*m_store, *m_resubmitter);
    m_parking->setClock([this] { return m_nowMs; });
}

void tst_DeadLetterParking::cleanup()
{
    m_parking.reset();
    m_resubmitter.reset();
    m_store.reset();
    m_dir.reset();
}

void tst_DeadLetterParking::settle()
{
    bool done = false;
    m_store->flush(this, [&] { done = true; });
    QVERIFY(QTest::qWaitFor([&] { return done; }, 10000));
}

qint64 tst_DeadLetterParking::deadLetter(const QByteArray& controlId)
{
    const IngestProcessor processor(*m_config.channel(u"hl7-in"_s), m_routes, 3600 * 1000);
    ++m_nowMs;
    IngestOutcome outcome;
    bool done = false;
    m_store->ingest(processor.process(withControlId(Invalid, controlId), CorrelationId::mint(), m_nowMs).record, this,
                    [&](const IngestOutcome& o) {
                        outcome = o;
                        done = true;
                    });
    if (!QTest::qWaitFor([&] { return done; }, 10000))
        return 0;
    settle();
    for (const DeadLetter& letter : m_store->deadLetters(0, 1000)) {
        if (letter.messageId == outcome.messageId)
            return letter.id;
    }
    return 0;
}

Results tst_DeadLetterParking::wait(std::function<void(DeadLetterParking::Done)> start)
{
    Results results;
    int calls = 0;
    start([&](Results r) {
        results = r;
        ++calls;
    });
    if (!QTest::qWaitFor([&] { return calls > 0; }, 10000))
        qWarning("no answer");
    QTest::qWait(20); // a second answer would show up here
    if (calls != 1)
        qWarning("answered %d times", calls);
    return calls == 1 ? results : Results();
}

Results tst_DeadLetterParking::parkAndWait(const QList<qint64>& ids)
{
    return wait([&](DeadLetterParking::Done done) {
        m_parking->park(ids, u"alice"_s, u"known-bad test feed"_s, std::move(done));
    });
}

Results tst_DeadLetterParking::unparkAndWait(const QList<qint64>& ids)
{
    return wait([&](DeadLetterParking::Done done) { m_parking->unpark(ids, u"bob"_s, std::move(done)); });
}

QList<Resubmitter::ItemResult> tst_DeadLetterParking::resubmitAndWait(const QList<qint64>& ids, const QByteArray& edit)
{
    QList<Resubmitter::ItemResult> results;
    bool done = false;
    m_resubmitter->resubmit(ids, edit, u"alice"_s, u"fixed"_s, [&](QList<Resubmitter::ItemResult> r) {
        results = r;
        done = true;
    });
    if (!QTest::qWaitFor([&] { return done; }, 10000))
        qWarning("resubmit did not answer");
    return results;
}

void tst_DeadLetterParking::parkSetsOpenOnesAsideAndRefusesTheRest()
{
    const qint64 open = deadLetter("P-1");
    const qint64 other = deadLetter("P-2");
    const qint64 resubmitted = deadLetter("P-3");
    QVERIFY(open && other && resubmitted);
    QVERIFY(resubmitAndWait({resubmitted}, withControlId(Fixed, "P-3")).value(0).ok);
    settle();
    QCOMPARE(m_store->deadLetterCount(), 2);

    QSignalSpy parked(m_parking.get(), &DeadLetterParking::parked);
    const Results results = parkAndWait({open, 424242, resubmitted, open});
    QCOMPARE(results.size(), 4);
    QCOMPARE(results[0].deadLetterId, open);
    QVERIFY2(results[0].ok, qPrintable(results[0].message));
    QCOMPARE(results[1].code, DeadLetterParking::NotFound);
    QCOMPARE(results[2].code, DeadLetterParking::NotOpen);
    QVERIFY2(results[2].message.contains(u"resubmitted as message"), qPrintable(results[2].message));
    QCOMPARE(results[3].code, DeadLetterParking::InFlight); // the same one twice: once
    for (const auto& r : results.mid(1))
        QVERIFY(!r.ok && !r.message.isEmpty());

    const auto letter = m_store->deadLetter(open);
    QCOMPARE(letter->state, u"parked"_s);
    QCOMPARE(letter->parkedBy, u"alice"_s);
    QCOMPARE(letter->parkReason, u"known-bad test feed"_s);
    QCOMPARE(letter->parkedAtMs, m_nowMs);
    QCOMPARE(m_store->deadLetter(other)->state, u"open"_s);
    QCOMPARE(m_store->deadLetterCount(), 1);
    QCOMPARE(parked.count(), 1);
    QCOMPARE(parked.first().first().value<QList<qint64>>(), QList<qint64>{open});
    QCOMPARE(m_resubmitter->isBusy(open), false); // released

    // Parking it again is refused as parked already, and announces nothing.
    const Results again = parkAndWait({open});
    QCOMPARE(again.value(0).code, DeadLetterParking::AlreadyParked);
    QCOMPARE(parked.count(), 1);
    QCOMPARE(again.value(0).toJson().value(u"code"_s).toString(), u"parked"_s);
    QCOMPARE(results[0].toJson(), (QJsonObject{{u"deadLetterId"_s, open}, {u"ok"_s, true}}));
}

void tst_DeadLetterParking::unparkTakesOnlyParkedOnes()
{
    const qint64 a = deadLetter("U-1");
    const qint64 b = deadLetter("U-2");
    QVERIFY(parkAndWait({a}).value(0).ok);

    QSignalSpy unparked(m_parking.get(), &DeadLetterParking::unparked);
    const Results results = unparkAndWait({a, b, 424242});
    QCOMPARE(results.size(), 3);
    QVERIFY(results[0].ok);
    QCOMPARE(results[1].code, DeadLetterParking::NotParked);
    QVERIFY2(results[1].message.contains(u"open, not parked"), qPrintable(results[1].message));
    QCOMPARE(results[2].code, DeadLetterParking::NotFound);
    const auto letter = m_store->deadLetter(a);
    QCOMPARE(letter->state, u"open"_s);
    QVERIFY(letter->parkedBy.isEmpty());
    QCOMPARE(m_store->deadLetterCount(), 2);
    QCOMPARE(unparked.count(), 1);
    QCOMPARE(unparked.first().first().value<QList<qint64>>(), QList<qint64>{a});
}

void tst_DeadLetterParking::parkedIsRefusedForResubmissionUntilUnparked()
{
    const qint64 letter = deadLetter("R-1");
    QVERIFY(parkAndWait({letter}).value(0).ok);

    const Resubmitter::Preview preview = m_resubmitter->preview(letter, withControlId(Fixed, "R-1"));
    QVERIFY(preview.ok);                             // the edit is valid...
    QVERIFY(!preview.resubmittable);                 // ...but the dead letter is set aside
    QVERIFY(preview.warnings.contains(u"the dead letter is parked: unpark it before resubmitting"_s));
    const auto refused = resubmitAndWait({letter}, withControlId(Fixed, "R-1"));
    QCOMPARE(refused.size(), 1);
    QVERIFY(!refused[0].ok);
    QCOMPARE(refused[0].code, Resubmitter::Parked);
    QVERIFY2(refused[0].message.contains(u"alice"), qPrintable(refused[0].message));
    const qint64 messages = m_store->messageCount();
    settle();
    QCOMPARE(m_store->messageCount(), messages);
    QCOMPARE(m_store->deadLetter(letter)->state, u"parked"_s);

    QVERIFY(unparkAndWait({letter}).value(0).ok);
    const auto resubmitted = resubmitAndWait({letter}, withControlId(Fixed, "R-1"));
    QVERIFY2(resubmitted.value(0).ok, qPrintable(resubmitted.value(0).message));
    settle();
    QCOMPARE(m_store->deadLetter(letter)->state, u"resubmitted"_s);
    // ...and a resubmitted one cannot be parked any more.
    QCOMPARE(parkAndWait({letter}).value(0).code, DeadLetterParking::NotOpen);
}

void tst_DeadLetterParking::parkAndResubmissionNeverRace()
{
    // A resubmission being committed holds its dead letter: a park meanwhile is refused in-flight.
    const qint64 a = deadLetter("F-1");
    QList<Resubmitter::ItemResult> resubmitted;
    m_resubmitter->resubmit({a}, withControlId(Fixed, "F-1"), u"alice"_s, u"fixed"_s,
                            [&](QList<Resubmitter::ItemResult> r) { resubmitted = r; });
    QVERIFY(m_resubmitter->isBusy(a));
    const Results park = parkAndWait({a});
    QCOMPARE(park.value(0).code, DeadLetterParking::InFlight);
    QTRY_COMPARE(resubmitted.size(), 1);
    QVERIFY(resubmitted[0].ok);

    // A park being committed holds its dead letter: a resubmission meanwhile is refused — in-flight,
    // or parked when the store has already applied the park but its answer is not back yet.
    const qint64 b = deadLetter("F-2");
    const qint64 messages = m_store->messageCount();
    Results parked;
    m_parking->park({b}, u"alice"_s, u"known-bad test feed"_s, [&](Results r) { parked = r; });
    QVERIFY(m_resubmitter->isBusy(b));
    QVERIFY(!m_resubmitter->preview(b, withControlId(Fixed, "F-2")).resubmittable);
    const auto refused = resubmitAndWait({b}, withControlId(Fixed, "F-2"));
    QVERIFY2(refused.value(0).code == Resubmitter::InFlight || refused.value(0).code == Resubmitter::Parked,
             qPrintable(refused.value(0).code));
    QTRY_COMPARE(parked.size(), 1);
    QVERIFY(parked[0].ok);
    QVERIFY(!m_resubmitter->isBusy(b));
    settle();
    QCOMPARE(m_store->deadLetter(b)->state, u"parked"_s);
    QCOMPARE(m_store->messageCount(), messages);     // no replay of b slipped through
    QCOMPARE(m_store->deadLetter(a)->state, u"resubmitted"_s);
}

void tst_DeadLetterParking::answerIsAlwaysAsynchronous()
{
    // Also when nothing reaches the store (every item refused up front).
    const qint64 a = deadLetter("A-1");
    QVERIFY(m_resubmitter->claim(a));
    bool answered = false;
    m_parking->park({a}, u"alice"_s, u"known-bad test feed"_s, [&](Results) { answered = true; });
    QVERIFY(!answered);
    QTRY_VERIFY(answered);
    m_resubmitter->release(a);
    answered = false;
    m_parking->unpark({a}, u"alice"_s, [&](Results) { answered = true; });
    QVERIFY(!answered);
    QTRY_VERIFY(answered);
}

QTEST_GUILESS_MAIN(tst_DeadLetterParking)
#include "tst_deadletterparking.moc"
