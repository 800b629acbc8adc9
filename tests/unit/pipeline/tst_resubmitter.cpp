// Dead-letter resubmission against a real store: previews, edits, lineage, refusals, selections.
#include "node/pipeline/Resubmitter.h"

#include "node/config/NodeConfig.h"
#include "node/fhir/FhirIngest.h"
#include "node/pipeline/CorrelationId.h"
#include "node/pipeline/IngestProcessor.h"
#include "node/store/MessageStore.h"

#include <QDateTime>
#include <QFile>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;

namespace {

const QByteArray Adt = "MSH|^~\\&|EPIC|WARD4B|VIGIL|HOSP|20261126120000||ADT^A01^ADT_A01|CTRL-1|P|2.5.1\r"
                       "EVN|A01|20261126120000\r"
                       "PID|1||MRN0001^^^HOSP^MR||DOE^JANE||19800101|F\r"
                       "PV1|1|I|4B^12^1\r";

QByteArray withControlId(QByteArray message, const QByteArray& controlId)
{
    message.replace("|CTRL-1|", QByteArray("|" + controlId + "|"));
    return message;
}

QByteArray withoutPid3(QByteArray message)
{
    message.replace("PID|1||MRN0001^^^HOSP^MR||", "PID|1||||");
    return message;
}

RouteRule rule(const QString& name, const QStringList& types, const QStringList& destinations)
{
    RouteRule r;
    r.name = name;
    r.messageTypes = types;
    r.destinations = destinations;
    return r;
}

DestinationConfig destination(const QString& name)
{
    DestinationConfig d;
    d.name = name;
    d.host = u"127.0.0.1"_s;
    d.port = 1;
    return d;
}

const QByteArray ObservationWithoutStatus = R"({"resourceType":"Observation","id":"obs-1",
    "code":{"text":"Potassium"},"subject":{"identifier":{"system":"urn:mrn","value":"MRN0001"}},
    "valueQuantity":{"value":2.1,"unit":"mmol/L"}})";

QStringList destinationsOf(const QList<QueuedItem>& items)
{
    QStringList names;
    for (const QueuedItem& item : items)
        names << item.destination;
    return names;
}

} // namespace

class tst_Resubmitter : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void unknownIdIsNotFound();
    void invalidMessageUneditedStaysInvalidAndOpen();
    void editedPreviewShowsDiffAndNoErrors();
    void editedResubmitStoresALinkedReplay();
    void deliveryStageGoesOnlyToItsDestination();
    void secondResubmissionIsRefused();
    void sameDeadLetterTwiceAtOnceIsRefused();
    void alreadyDeliveredControlIdWarns();
    void selectionAnswersEveryItemInOrder();
    void largeSelectionIsHandedToTheStoreAtOnce();
    void decisionsAreTheChannelsOfNow();
    void removedChannelOrDestinationIsAnError_data();
    void removedChannelOrDestinationIsAnError();
    void editNeedsExactlyOneDeadLetter();
    void fhirEditIsValidatedAndDiffed();

private:
    IngestOutcome ingestAndWait(const IngestRecord& record);
    void settle();
    /// Runs the channel's IngestProcessor on `payload` and stores the result, as MllpChannel would.
    IngestOutcome receive(const QByteArray& payload);
    qint64 deadLetterOf(qint64 messageId);
    /// A message delivered nowhere yet whose queue entry for `destination` gave up.
    qint64 deliveryDeadLetter(const QByteArray& payload, const QString& destination, qint64* messageId = nullptr);
    QList<Resubmitter::ItemResult> resubmitAndWait(const QList<qint64>& ids,
                                                   const std::optional<QByteArray>& edit = std::nullopt,
                                                   const QString& actor = u"alice"_s);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<MessageStore> m_store;
    NodeConfig m_config;
    RouteTable m_routes;
    std::unique_ptr<Resubmitter> m_resubmitter;
    qint64 m_nowMs = 0;
    QSet<QString> m_delivered;                       ///< "controlId|app|facility" the fake query knows
    QStringList m_deliveredAsked;
};

void tst_Resubmitter::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_store = std::make_unique<MessageStore>();
    QString error;
    QVERIFY2(m_store->open({m_dir->filePath(u"store.db"_s), 512, true}, &error), qPrintable(error));

    m_config = NodeConfig();
    ChannelConfig hl7;
    hl7.name = u"hl7-in"_s;
    ChannelConfig fhir;
    fhir.name = u"fhir-in"_s;
    fhir.kind = u"fhir"_s;
    m_config.channels = {hl7, fhir};
    m_config.destinations = {destination(u"ehr"_s), destination(u"archive"_s), destination(u"lab"_s)};
    m_config.routes = {rule(u"adt"_s, {u"ADT"_s}, {u"ehr"_s, u"archive"_s}),
                       rule(u"labs"_s, {u"ORU"_s, u"Observation"_s}, {u"lab"_s})};
    m_routes = RouteTable(m_config.routes);
    m_nowMs = QDateTime(QDate(2026, 11, 26), QTime(12, 0), Qt::UTC).toMSecsSinceEpoch();
    m_delivered.clear();
    m_deliveredAsked.clear();

    m_resubmitter = std::make_unique<Resubmitter>(
        m_config, m_routes, *m_store,
        [this](const QString& controlId, const QString& app, const QString& facility) {
            const QString key = controlId + u'|' + app + u'|' + facility;
            m_deliveredAsked << key;
            return m_delivered.contains(key);
        });
    m_resubmitter->setClock([this] { return m_nowMs; });
}

void tst_Resubmitter::cleanup()
{
    m_resubmitter.reset();
    m_store.reset();
    m_dir.reset();
}

IngestOutcome tst_Resubmitter::ingestAndWait(const IngestRecord& record)
{
    IngestOutcome result;
    bool done = false;
    m_store->ingest(record, this, [&](const IngestOutcome& o) {
        result = o;
        done = true;
    });
    if (!QTest::qWaitFor([&] { return done; }, 10000))
        qWarning("ingest did not complete");
    return result;
}

void tst_Resubmitter::settle()
{
    bool done = false;
    m_store->flush(this, [&] { done = true; });
    QVERIFY(QTest::qWaitFor([&] { return done; }, 10000));
}

IngestOutcome tst_Resubmitter::receive(const QByteArray& payload)
{
    const ChannelConfig* channel = m_config.channel(u"hl7-in"_s);
    const IngestProcessor processor(*channel, m_routes, qint64(m_config.dedupWindowHours) * 3600 * 1000);
    ++m_nowMs;
    const IngestOutcome outcome = ingestAndWait(processor.process(payload, CorrelationId::mint(), m_nowMs).record);
    settle();
    return outcome;
}

qint64 tst_Resubmitter::deadLetterOf(qint64 messageId)
{
    settle();
    const QList<DeadLetter> letters = m_store->deadLetters(0, 1000);
    for (const DeadLetter& letter : letters) {
        if (letter.messageId == messageId)
            return letter.id;
    }
    return 0;
}

qint64 tst_Resubmitter::deliveryDeadLetter(const QByteArray& payload, const QString& destination, qint64* messageId)
{
    const IngestOutcome outcome = receive(payload);
    if (messageId)
        *messageId = outcome.messageId;
    for (const QueuedItem& item : outcome.enqueued) {
        if (item.destination != destination)
            continue;
        TraceEvent gaveUp;
        gaveUp.correlationId = item.correlationId;
        gaveUp.messageId = item.messageId;
        gaveUp.atUs = m_nowMs * 1000;
        gaveUp.stage = u"dead-letter"_s;
        gaveUp.outcome = u"stored"_s;
        gaveUp.destination = destination;
        m_store->deadLetterQueued(item, u"no ACK after 5 attempts"_s, u"timeout"_s, 5, gaveUp);
        return deadLetterOf(outcome.messageId);
    }
    return 0;
}

QList<Resubmitter::ItemResult> tst_Resubmitter::resubmitAndWait(const QList<qint64>& ids,
                                                                 const std::optional<QByteArray>& edit,
                                                                 const QString& actor)
{
    QList<Resubmitter::ItemResult> results;
    int calls = 0;
    m_resubmitter->resubmit(ids, edit, actor, u"called ward 4B about MRN0001"_s,
                            [&](QList<Resubmitter::ItemResult> r) {
                                results = r;
                                ++calls;
                            });
    if (!QTest::qWaitFor([&] { return calls > 0; }, 10000))
        qWarning("resubmit did not answer");
    QTest::qWait(20); // a second call of done would show up here
    if (calls != 1)
        qWarning("done ran %d times", calls);
    return calls == 1 ? results : QList<Resubmitter::ItemResult>();
}

void tst_Resubmitter::unknownIdIsNotFound()
{
    const Resubmitter::Preview preview = m_resubmitter->preview(4242, std::nullopt);
    QVERIFY(!preview.ok);
    QCOMPARE(preview.code, Resubmitter::NotFound);

    const auto results = resubmitAndWait({4242});
    QCOMPARE(results.size(), 1);
    QCOMPARE(results[0].deadLetterId, 4242);
    QVERIFY(!results[0].ok);
    QCOMPARE(results[0].code, Resubmitter::NotFound);
}

void tst_Resubmitter::invalidMessageUneditedStaysInvalidAndOpen()
{
    const IngestOutcome original = receive(withoutPid3(Adt));
    const qint64 letter = deadLetterOf(original.messageId);
    QVERIFY(letter != 0);

    const Resubmitter::Preview preview = m_resubmitter->preview(letter, std::nullopt);
    QVERIFY(!preview.ok);
    QVERIFY(!preview.resubmittable);
    QCOMPARE(preview.code, Resubmitter::Invalid);
    QVERIFY(preview.diff.isEmpty());
    QVERIFY(!preview.errors.isEmpty());
    QCOMPARE(preview.errors.first().severity, u"error"_s);
    QCOMPARE(preview.errors.first().code, u"101"_s);
    QVERIFY2(preview.errors.first().location.startsWith(u"PID"), qPrintable(preview.errors.first().location));
    QCOMPARE(preview.ackCode, u"AE"_s);

    const qint64 messagesBefore = m_store->messageCount();
    QSignalSpy enqueued(m_resubmitter.get(), &Resubmitter::enqueued);
    const auto results = resubmitAndWait({letter});
    QCOMPARE(results.size(), 1);
    QVERIFY(!results[0].ok);
    QCOMPARE(results[0].code, Resubmitter::Invalid);
    QVERIFY(results[0].message.contains(u"still invalid"));
    settle();
    QCOMPARE(m_store->messageCount(), messagesBefore);
    QCOMPARE(m_store->deadLetter(letter)->state, u"open"_s);
    QCOMPARE(enqueued.count(), 0);
}

void tst_Resubmitter::editedPreviewShowsDiffAndNoErrors()
{
    const IngestOutcome original = receive(withoutPid3(Adt));
    const qint64 letter = deadLetterOf(original.messageId);

    const Resubmitter::Preview preview = m_resubmitter->preview(letter, Adt);
    QVERIFY2(preview.ok, qPrintable(preview.message));
    QVERIFY(preview.resubmittable);
    QVERIFY(preview.edited);
    for (const auto& problem : preview.errors)
        QVERIFY2(problem.severity != u"error", qPrintable(problem.message));
    QCOMPARE(preview.diff.size(), 1);
    const QJsonObject change = preview.diff.first().toObject();
    QCOMPARE(change.value(u"path"_s).toString(), u"PID-3"_s);
    QCOMPARE(change.value(u"after"_s).toString(), u"MRN0001^^^HOSP^MR"_s);
    QCOMPARE(preview.destinations, QStringList({u"ehr"_s, u"archive"_s}));
    QCOMPARE(preview.ackCode, u"AA"_s);
    QCOMPARE(preview.correlationId, original.correlationId);
    QCOMPARE(preview.messageId, original.messageId);
    QCOMPARE(preview.toJson().value(u"diff"_s).toArray(), preview.diff);

    // A dry run changes nothing.
    settle();
    QCOMPARE(m_store->deadLetter(letter)->state, u"open"_s);
    QCOMPARE(m_store->messageCount(), 1);
}

void tst_Resubmitter::editedResubmitStoresALinkedReplay()
{
    const IngestOutcome original = receive(withoutPid3(Adt));
    const qint64 letter = deadLetterOf(original.messageId);

    QSignalSpy enqueued(m_resubmitter.get(), &Resubmitter::enqueued);
    QSignalSpy resubmitted(m_resubmitter.get(), &Resubmitter::resubmitted);
    const auto results = resubmitAndWait({letter}, Adt, u"alice"_s);
    QCOMPARE(results.size(), 1);
    const Resubmitter::ItemResult& result = results[0];
    QVERIFY2(result.ok, qPrintable(result.message));
    QVERIFY(result.newMessageId > original.messageId);
    QCOMPARE(result.correlationId, original.correlationId);
    QCOMPARE(result.destinations, QStringList({u"ehr"_s, u"archive"_s}));

    QCOMPARE(enqueued.count(), 1);
    const auto items = enqueued.first().first().value<QList<QueuedItem>>();
    QCOMPARE(destinationsOf(items), QStringList({u"ehr"_s, u"archive"_s}));
    for (const QueuedItem& item : items) {
        QCOMPARE(item.messageId, result.newMessageId);
        QCOMPARE(item.payload, Adt);
        QCOMPARE(item.correlationId, original.correlationId);
    }
    QCOMPARE(resubmitted.count(), 1);
    QCOMPARE(resubmitted.first().at(0).toLongLong(), letter);
    QCOMPARE(resubmitted.first().at(1).toLongLong(), result.newMessageId);

    settle();
    const auto replay = m_store->message(result.newMessageId);
    QVERIFY(replay);
    QCOMPARE(replay->replayOf, original.messageId);
    QCOMPARE(replay->correlationId, original.correlationId);
    QCOMPARE(replay->raw, Adt);
    QCOMPARE(replay->patientId, u"MRN0001"_s);
    QCOMPARE(replay->state, u"accepted"_s);
    const auto kept = m_store->message(original.messageId);
    QVERIFY(kept);
    QCOMPARE(kept->raw, withoutPid3(Adt));
    const auto resolved = m_store->deadLetter(letter);
    QCOMPARE(resolved->state, u"resubmitted"_s);
    QCOMPARE(resolved->resubmittedAs, result.newMessageId);

    // The whole story under one correlation ID, attributed, without the reason or the message's content.
    const QList<TraceEvent> trace = m_store->trace(original.correlationId);
    bool sawResubmit = false;
    for (const TraceEvent& e : trace) {
        if (e.stage == u"resubmit") {
            sawResubmit = true;
            QCOMPARE(e.messageId, result.newMessageId);
            QCOMPARE(e.outcome, u"ok"_s);
            QCOMPARE(e.detail, u"by alice; replays message %1; edited"_s.arg(original.messageId));
        }
        QVERIFY2(!e.detail.contains(u"MRN0001") && !e.detail.contains(u"called ward"), qPrintable(e.detail));
        if (e.messageId == result.newMessageId)
            QVERIFY(e.stage != u"receive");
    }
    QVERIFY(sawResubmit);
}

void tst_Resubmitter::deliveryStageGoesOnlyToItsDestination()
{
    qint64 messageId = 0;
    const qint64 letter = deliveryDeadLetter(Adt, u"archive"_s, &messageId);
    QVERIFY(letter != 0);
    QCOMPARE(m_store->deadLetter(letter)->stage, u"deliver"_s);

    const Resubmitter::Preview preview = m_resubmitter->preview(letter, std::nullopt);
    QVERIFY2(preview.ok, qPrintable(preview.message));
    QCOMPARE(preview.destinations, QStringList({u"archive"_s}));
    QVERIFY(preview.diff.isEmpty());

    QSignalSpy enqueued(m_resubmitter.get(), &Resubmitter::enqueued);
    const auto results = resubmitAndWait({letter});
    QCOMPARE(results.size(), 1);
    QVERIFY2(results[0].ok, qPrintable(results[0].message));
    QCOMPARE(results[0].destinations, QStringList({u"archive"_s}));
    QCOMPARE(enqueued.count(), 1);
    QCOMPARE(destinationsOf(enqueued.first().first().value<QList<QueuedItem>>()), QStringList({u"archive"_s}));
    settle();
    QCOMPARE(m_store->message(results[0].newMessageId)->replayOf, messageId);
    QCOMPARE(m_store->deadLetter(letter)->state, u"resubmitted"_s);
}

void tst_Resubmitter::secondResubmissionIsRefused()
{
    const qint64 letter = deliveryDeadLetter(Adt, u"ehr"_s);
    const auto first = resubmitAndWait({letter});
    QCOMPARE(first.size(), 1);
    QVERIFY(first[0].ok);

    // Straight after the commit (the store may not have applied it to its tables yet) and after.
    const auto again = resubmitAndWait({letter});
    QCOMPARE(again.size(), 1);
    QVERIFY(!again[0].ok);
    QCOMPARE(again[0].code, Resubmitter::NotOpen);
    QVERIFY2(again[0].message.contains(QString::number(first[0].newMessageId)), qPrintable(again[0].message));

    settle();
    const auto later = resubmitAndWait({letter});
    QCOMPARE(later.size(), 1);
    QCOMPARE(later[0].code, Resubmitter::NotOpen);
    const Resubmitter::Preview preview = m_resubmitter->preview(letter, std::nullopt);
    QVERIFY(!preview.resubmittable);
    QVERIFY(preview.warnings.contains(
        u"the dead letter was already resubmitted as message %1"_s.arg(first[0].newMessageId)));
    QCOMPARE(m_store->messageCount(), 2);
}

void tst_Resubmitter::sameDeadLetterTwiceAtOnceIsRefused()
{
    const qint64 letter = deliveryDeadLetter(Adt, u"ehr"_s);
    QList<Resubmitter::ItemResult> first;
    m_resubmitter->resubmit({letter}, std::nullopt, u"alice"_s, {}, [&](QList<Resubmitter::ItemResult> r) { first = r; });
    QCOMPARE(m_resubmitter->inFlight(), 1);
    QVERIFY(m_resubmitter->preview(letter, std::nullopt).warnings.contains(
        u"a resubmission of this dead letter is being committed"_s));
    QVERIFY(!m_resubmitter->preview(letter, std::nullopt).resubmittable);
    QList<Resubmitter::ItemResult> second;
    m_resubmitter->resubmit({letter}, std::nullopt, u"bob"_s, {}, [&](QList<Resubmitter::ItemResult> r) { second = r; });
    QTRY_COMPARE(first.size(), 1);
    QTRY_COMPARE(second.size(), 1);
    QVERIFY(first[0].ok);
    QVERIFY(!second[0].ok);
    QCOMPARE(second[0].code, Resubmitter::InFlight);
    QCOMPARE(m_resubmitter->inFlight(), 0);

    // The same ID twice in one selection: one replay.
    const qint64 other = deliveryDeadLetter(withControlId(Adt, "CTRL-2"), u"ehr"_s);
    const auto both = resubmitAndWait({other, other});
    QCOMPARE(both.size(), 2);
    QVERIFY(both[0].ok);
    QCOMPARE(both[1].code, Resubmitter::InFlight);
}

void tst_Resubmitter::alreadyDeliveredControlIdWarns()
{
    const IngestOutcome original = receive(withoutPid3(Adt));
    const qint64 letter = deadLetterOf(original.messageId);

    const Resubmitter::Preview quiet = m_resubmitter->preview(letter, Adt);
    QVERIFY(quiet.ok);
    QVERIFY(quiet.warnings.isEmpty());
    QCOMPARE(m_deliveredAsked, QStringList({u"CTRL-1|EPIC|WARD4B"_s}));

    // The sender fixed it and sent it again meanwhile: that copy went through.
    m_delivered.insert(u"CTRL-1|EPIC|WARD4B"_s);
    const Resubmitter::Preview warned = m_resubmitter->preview(letter, Adt);
    QVERIFY(warned.ok);
    QVERIFY(warned.resubmittable);
    QCOMPARE(warned.warnings.size(), 1);
    QVERIFY2(warned.warnings.first().startsWith(u"MSH-10 CTRL-1 from EPIC/WARD4B was already delivered"),
             qPrintable(warned.warnings.first()));
    // The edit's MSH-10 is the one that counts.
    QVERIFY(m_resubmitter->preview(letter, withControlId(Adt, "CTRL-9")).warnings.isEmpty());

    const auto results = resubmitAndWait({letter}, Adt);
    QCOMPARE(results.size(), 1);
    QVERIFY(results[0].ok);
    QCOMPARE(results[0].warnings, warned.warnings);
}

void tst_Resubmitter::selectionAnswersEveryItemInOrder()
{
    QFile corpus(QStringLiteral(VIGIL_TEST_DATA_DIR) + u"/hl7/valid/oru_r01_v2.5.1_derived-LL-flag.hl7"_s);
    QVERIFY(corpus.open(QIODevice::ReadOnly));
    const qint64 lab = deliveryDeadLetter(corpus.readAll(), u"lab"_s);
    const qint64 bad = deadLetterOf(receive(withoutPid3(withControlId(Adt, "CTRL-2"))).messageId);
    const qint64 ehr = deliveryDeadLetter(withControlId(Adt, "CTRL-3"), u"ehr"_s);
    QVERIFY(lab != 0 && bad != 0 && ehr != 0);

    QSignalSpy enqueued(m_resubmitter.get(), &Resubmitter::enqueued);
    const auto results = resubmitAndWait({ehr, bad, lab});
    QCOMPARE(results.size(), 3);
    QCOMPARE(results[0].deadLetterId, ehr);
    QCOMPARE(results[1].deadLetterId, bad);
    QCOMPARE(results[2].deadLetterId, lab);
    QVERIFY(results[0].ok);
    QVERIFY(!results[1].ok);
    QCOMPARE(results[1].code, Resubmitter::Invalid);
    QVERIFY(results[2].ok);
    QCOMPARE(results[0].destinations, QStringList({u"ehr"_s}));
    QCOMPARE(results[2].destinations, QStringList({u"lab"_s}));
    QCOMPARE(enqueued.count(), 2);
    settle();
    QCOMPARE(m_store->deadLetter(bad)->state, u"open"_s);
    QCOMPARE(m_store->deadLetter(lab)->state, u"resubmitted"_s);
    QCOMPARE(m_store->deadLetter(ehr)->state, u"resubmitted"_s);
}

void tst_Resubmitter::largeSelectionIsHandedToTheStoreAtOnce()
{
    QList<qint64> letters;
    for (int i = 0; i < 40; ++i)
        letters << deliveryDeadLetter(withControlId(Adt, "BULK-" + QByteArray::number(i)), u"ehr"_s);
    QList<Resubmitter::ItemResult> results;
    m_resubmitter->resubmit(letters, std::nullopt, u"alice"_s, {}, [&](QList<Resubmitter::ItemResult> r) { results = r; });
    // Every record is with the store before the first commit can answer: no item waits for another.
    QCOMPARE(m_resubmitter->inFlight(), letters.size());
    QTRY_COMPARE(results.size(), letters.size());
    QSet<qint64> newIds;
    for (qsizetype i = 0; i < letters.size(); ++i) {
        QCOMPARE(results[i].deadLetterId, letters[i]);
        QVERIFY(results[i].ok);
        newIds.insert(results[i].newMessageId);
    }
    QCOMPARE(newIds.size(), letters.size());
}

void tst_Resubmitter::decisionsAreTheChannelsOfNow()
{
    const IngestOutcome original = receive(withoutPid3(Adt));
    const qint64 letter = deadLetterOf(original.messageId);
    QVERIFY(!m_resubmitter->preview(letter, std::nullopt).ok);

    // The channel no longer requires PID-3, and ADT now also goes to the lab: the unedited message
    // passes and is routed afresh, by today's rules.
    m_config.channels[0].requirePatientIdentifier = false;
    m_routes = RouteTable({rule(u"adt"_s, {u"ADT"_s}, {u"ehr"_s, u"lab"_s})});
    const Resubmitter::Preview preview = m_resubmitter->preview(letter, std::nullopt);
    QVERIFY2(preview.ok, qPrintable(preview.message));
    QCOMPARE(preview.destinations, QStringList({u"ehr"_s, u"lab"_s}));

    QSignalSpy enqueued(m_resubmitter.get(), &Resubmitter::enqueued);
    const auto results = resubmitAndWait({letter});
    QCOMPARE(results.size(), 1);
    QVERIFY(results[0].ok);
    QCOMPARE(enqueued.count(), 1);
    QCOMPARE(destinationsOf(enqueued.first().first().value<QList<QueuedItem>>()), QStringList({u"ehr"_s, u"lab"_s}));
    settle();
    const QList<TraceEvent> trace = m_store->trace(original.correlationId);
    const bool unedited = std::any_of(trace.cbegin(), trace.cend(), [&](const TraceEvent& e) {
        return e.stage == u"resubmit" && e.detail == u"by alice; replays message %1"_s.arg(original.messageId);
    });
    QVERIFY(unedited);
}

void tst_Resubmitter::removedChannelOrDestinationIsAnError_data()
{
    QTest::addColumn<bool>("removeChannel");
    QTest::addColumn<QString>("code");
    QTest::addRow("channel") << true << QString(Resubmitter::ChannelGone);
    QTest::addRow("destination") << false << QString(Resubmitter::DestinationGone);
}

void tst_Resubmitter::removedChannelOrDestinationIsAnError()
{
    QFETCH(bool, removeChannel);
    QFETCH(QString, code);
    const qint64 letter = deliveryDeadLetter(Adt, u"archive"_s);
    QVERIFY(m_resubmitter->preview(letter, std::nullopt).ok);
    if (removeChannel)
        m_config.channels.removeFirst();
    else
        m_config.destinations.removeAt(1);

    const Resubmitter::Preview preview = m_resubmitter->preview(letter, std::nullopt);
    QVERIFY(!preview.ok);
    QCOMPARE(preview.code, code);
    QVERIFY2(preview.message.contains(removeChannel ? u"hl7-in"_s : u"archive"_s), qPrintable(preview.message));
    const auto results = resubmitAndWait({letter});
    QCOMPARE(results.size(), 1);
    QCOMPARE(results[0].code, code);
    settle();
    QCOMPARE(m_store->deadLetter(letter)->state, u"open"_s);
}

void tst_Resubmitter::editNeedsExactlyOneDeadLetter()
{
    const qint64 a = deliveryDeadLetter(Adt, u"ehr"_s);
    const qint64 b = deliveryDeadLetter(withControlId(Adt, "CTRL-2"), u"ehr"_s);
    const auto results = resubmitAndWait({a, b}, Adt);
    QCOMPARE(results.size(), 2);
    for (const auto& r : results) {
        QVERIFY(!r.ok);
        QCOMPARE(r.code, Resubmitter::EditNeedsOne);
    }
    settle();
    QCOMPARE(m_store->deadLetter(a)->state, u"open"_s);
}

void tst_Resubmitter::fhirEditIsValidatedAndDiffed()
{
    const ChannelConfig* channel = m_config.channel(u"fhir-in"_s);
    const FhirIngest ingest(*channel, m_routes, 3600 * 1000, [this] { return m_nowMs; });
    const FhirIngest::Decision bad = ingest.process(ObservationWithoutStatus, CorrelationId::mint(), m_nowMs);
    QVERIFY(bad.record.deadLetter);
    const IngestOutcome original = ingestAndWait(bad.record);
    const qint64 letter = deadLetterOf(original.messageId);
    QVERIFY(letter != 0);

    const Resubmitter::Preview unedited = m_resubmitter->preview(letter, std::nullopt);
    QCOMPARE(unedited.format, u"fhir+json"_s);
    QVERIFY(!unedited.ok);
    QCOMPARE(unedited.code, Resubmitter::Invalid);
    const bool statusMissing = std::any_of(unedited.errors.cbegin(), unedited.errors.cend(), [](const auto& p) {
        return p.severity == u"error" && p.location.contains(u"status");
    });
    QVERIFY(statusMissing);

    QJsonObject fixed = QJsonDocument::fromJson(ObservationWithoutStatus).object();
    fixed.insert(u"status"_s, u"final"_s);
    const QByteArray edit = QJsonDocument(fixed).toJson(QJsonDocument::Compact);
    const Resubmitter::Preview preview = m_resubmitter->preview(letter, edit);
    QVERIFY2(preview.ok, qPrintable(preview.message));
    QCOMPARE(preview.diff.size(), 1);
    QCOMPARE(preview.diff.first().toObject().value(u"path"_s).toString(), u"Observation.status"_s);
    QCOMPARE(preview.diff.first().toObject().value(u"kind"_s).toString(), u"added"_s);
    QCOMPARE(preview.destinations, QStringList({u"lab"_s}));
    QCOMPARE(preview.ackCode, u"201"_s);

    const auto results = resubmitAndWait({letter}, edit);
    QCOMPARE(results.size(), 1);
    QVERIFY2(results[0].ok, qPrintable(results[0].message));
    settle();
    const auto replay = m_store->message(results[0].newMessageId);
    QCOMPARE(replay->format, u"fhir+json"_s);
    QCOMPARE(replay->replayOf, original.messageId);
    QCOMPARE(replay->correlationId, original.correlationId);
}

QTEST_GUILESS_MAIN(tst_Resubmitter)
#include "tst_resubmitter.moc"
