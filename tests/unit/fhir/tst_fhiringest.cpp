#include "node/fhir/FhirIngest.h"
#include "node/fhir/FhirResponse.h"

#include <QCryptographicHash>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

QByteArray corpus(const char* name)
{
    QFile file(QStringLiteral(VIGIL_TEST_DATA_DIR "/fhir/") + QString::fromLatin1(name));
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

const QByteArray kCorrelation = "4bf92f3577b34da6a3ce929d0e0e4736"_ba;
constexpr qint64 kReceivedAt = 1700000000000;

ChannelConfig fhirChannel()
{
    ChannelConfig channel;
    channel.name = u"fhir-in"_s;
    channel.kind = u"fhir"_s;
    channel.requirePatientIdentifier = false;
    return channel;
}

RouteRule rule(const QString& name, QStringList types, QStringList destinations)
{
    RouteRule r;
    r.name = name;
    r.messageTypes = std::move(types);
    r.destinations = std::move(destinations);
    return r;
}

const char* kMessage = R"({
  "resourceType": "Bundle", "id": "m1", "type": "message", "timestamp": "2024-01-02T03:04:05Z",
  "entry": [
    {"fullUrl": "urn:uuid:1", "resource": {"resourceType": "MessageHeader", "id": "h1",
      "eventCoding": {"system": "urn:example:events", "code": "admit"},
      "source": {"name": "ADT-SYS", "endpoint": "urn:example:adt"},
      "sender": {"reference": "Organization/north", "display": "NORTH"}}},
    {"fullUrl": "urn:uuid:2", "resource": {"resourceType": "Patient", "id": "p1",
      "identifier": [{"system": "urn:mrn", "value": "MRN1"}], "active": true}},
    {"fullUrl": "urn:uuid:3", "resource": {"resourceType": "Encounter", "id": "e1", "status": "in-progress",
      "class": {"code": "IMP"},
      "location": [{"location": {"display": "Ward 3"}, "status": "completed"},
                   {"location": {"identifier": {"value": "ICU"}, "display": "Intensive care"}, "status": "active"}]}}
  ]})";

} // namespace

class tst_FhirIngest : public QObject
{
    Q_OBJECT

private slots:
    void patient();
    void observationWithSubjectIdentifier();
    void messageBundle();
    void transactionAndBatch_data();
    void transactionAndBatch();
    void responseBundleIsStoredAsOneResource();
    void contentHashIgnoresWhitespaceAndKeyOrder();
    void invalidIsDeadLettered();
    void acceptAndDeadLetter();
    void unparseableIsRefusedAndKept();
    void requirePatientIdentifier();
    void routing();
    void traceEventsUseTheClock();
    void transactionResponseBody();
    void messageResponseBody();
};

void tst_FhirIngest::patient()
{
    const ChannelConfig channel = fhirChannel();
    const RouteTable routes({ rule(u"patients"_s, { u"Patient"_s }, { u"ehr"_s }) });
    const FhirIngest ingest(channel, routes, 3600000);
    const QByteArray body = corpus("Patient-example.json");
    const FhirIngest::Decision d = ingest.process(body, kCorrelation, kReceivedAt);
    const IngestRecord& r = d.record;
    QCOMPARE(r.disposition, IngestRecord::Disposition::Accepted);
    QCOMPARE(d.httpStatus, 201);
    QCOMPARE(r.ackCode, u"201"_s);
    QCOMPARE(d.fields.kind, FhirIngest::Kind::Resource);
    QCOMPARE(r.format, u"fhir+json"_s);
    QCOMPARE(r.channel, u"fhir-in"_s);
    QCOMPARE(r.raw, body); // as received
    QCOMPARE(r.correlationId, kCorrelation);
    QCOMPARE(r.receivedAtMs, kReceivedAt);
    QCOMPARE(r.dedupWindowMs, qint64(3600000));
    QCOMPARE(r.messageType, u"Patient"_s);
    QCOMPARE(r.triggerEvent, QString());
    QCOMPARE(r.controlId, u"example"_s);
    QCOMPARE(r.patientId, u"12345"_s);
    QCOMPARE(r.version, u"R4"_s);
    QCOMPARE(r.sendingApplication, QString());
    QCOMPARE(r.unit, QString());
    QVERIFY(!r.deadLetter);
    QCOMPARE(r.destinations, QStringList { u"ehr"_s });
    QCOMPARE(r.contentHash.size(), 32);
}

void tst_FhirIngest::observationWithSubjectIdentifier()
{
    const ChannelConfig channel = fhirChannel();
    const RouteTable routes;
    const FhirIngest ingest(channel, routes, 1000);
    // A literal reference ("Patient/f001") is not a patient identifier.
    FhirIngest::Decision d = ingest.process(corpus("Observation-f001.json"), kCorrelation, kReceivedAt);
    QCOMPARE(d.record.disposition, IngestRecord::Disposition::Accepted);
    QCOMPARE(d.record.messageType, u"Observation"_s);
    QCOMPARE(d.record.controlId, u"f001"_s);
    QCOMPARE(d.record.patientId, QString());
    QVERIFY(d.record.destinations.isEmpty());
    QCOMPARE(d.record.events.last().outcome, u"unrouted"_s);

    const QByteArray withIdentifier = R"({"resourceType": "Observation", "status": "final", "code": {"text": "K"},
        "subject": {"reference": "Patient/1", "identifier": {"system": "urn:mrn", "value": "MRN-77"}}})";
    d = ingest.process(withIdentifier, kCorrelation, kReceivedAt);
    QCOMPARE(d.record.disposition, IngestRecord::Disposition::Accepted);
    QCOMPARE(d.record.patientId, u"MRN-77"_s);
    QCOMPARE(d.fields.patientIdPath, u"Observation.subject.identifier"_s);
    QCOMPARE(d.record.controlId, QString()); // no identifier, no id: no dedup key
}

void tst_FhirIngest::messageBundle()
{
    const ChannelConfig channel = fhirChannel();
    const RouteTable routes;
    const FhirIngest ingest(channel, routes, 1000);
    FhirIngest::Decision d = ingest.process(kMessage, kCorrelation, kReceivedAt);
    QCOMPARE(d.record.disposition, IngestRecord::Disposition::Accepted);
    QCOMPARE(d.fields.kind, FhirIngest::Kind::Message);
    QCOMPARE(d.httpStatus, 200);
    QCOMPARE(d.record.messageType, u"Bundle"_s);
    QCOMPARE(d.record.triggerEvent, u"admit"_s);
    QCOMPARE(d.record.controlId, u"h1"_s); // no Bundle.identifier: the MessageHeader's id
    QCOMPARE(d.record.sendingApplication, u"ADT-SYS"_s);
    QCOMPARE(d.record.sendingFacility, u"NORTH"_s);
    QCOMPARE(d.record.patientId, u"MRN1"_s);
    QCOMPARE(d.record.unit, u"ICU"_s); // the active location, by identifier

    // The corpus message: source has only an endpoint, no Bundle.identifier.
    d = ingest.process(corpus("Bundle-10bb101f-a121-4264-a920-67be9cb82c74.json"), kCorrelation, kReceivedAt);
    QCOMPARE(d.record.disposition, IngestRecord::Disposition::Accepted);
    QCOMPARE(d.record.triggerEvent, u"patient-link"_s);
    QCOMPARE(d.record.controlId, u"267b18ce-3d37-4581-9baa-6fada338038b"_s);
    QCOMPARE(d.record.sendingApplication, u"http://example.org/clients/ehr-lite"_s);
    QCOMPARE(d.record.sendingFacility, QString());
    QCOMPARE(d.record.patientId, u"654321"_s);

    // Bundle.identifier wins over the MessageHeader's id.
    QByteArray identified(kMessage);
    identified.replace("\"id\": \"m1\",", "\"id\": \"m1\", \"identifier\": {\"value\": \"B-9\"},");
    d = ingest.process(identified, kCorrelation, kReceivedAt);
    QCOMPARE(d.record.controlId, u"B-9"_s);
}

void tst_FhirIngest::transactionAndBatch_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("trigger");
    QTest::addColumn<QString>("controlId");
    QTest::addColumn<QString>("patientId");

    QTest::addRow("transaction") << corpus("Bundle-bundle-transaction.json") << int(FhirIngest::Kind::Transaction)
                                 << u"transaction"_s << u"bundle-transaction"_s << u"234234"_s;
    QTest::addRow("xds transaction") << corpus("Bundle-xds.json") << int(FhirIngest::Kind::Transaction)
                                     << u"transaction"_s << u"xds"_s << u"MRN"_s;
    QTest::addRow("batch") << QByteArray(R"({"resourceType": "Bundle", "type": "batch", "entry": [
            {"request": {"method": "GET", "url": "Patient?name=x"}},
            {"resource": {"resourceType": "Condition", "subject": {"identifier": {"value": "P-5"}}},
             "request": {"method": "POST", "url": "Condition"}}]})")
                           << int(FhirIngest::Kind::Batch) << u"batch"_s << QString() << u"P-5"_s;
}

void tst_FhirIngest::transactionAndBatch()
{
    QFETCH(QByteArray, body);
    QFETCH(int, kind);
    QFETCH(QString, trigger);
    QFETCH(QString, controlId);
    QFETCH(QString, patientId);

    const ChannelConfig channel = fhirChannel();
    const RouteTable routes;
    const FhirIngest ingest(channel, routes, 1000);
    const FhirIngest::Decision d = ingest.process(body, kCorrelation, kReceivedAt);
    QCOMPARE(d.record.disposition, IngestRecord::Disposition::Accepted);
    QCOMPARE(int(d.fields.kind), kind);
    QCOMPARE(d.httpStatus, 200);
    QCOMPARE(d.record.messageType, u"Bundle"_s);
    QCOMPARE(d.record.triggerEvent, trigger);
    QCOMPARE(d.record.controlId, controlId);
    QCOMPARE(d.record.patientId, patientId);
}

void tst_FhirIngest::responseBundleIsStoredAsOneResource()
{
    const ChannelConfig channel = fhirChannel();
    const RouteTable routes;
    const FhirIngest ingest(channel, routes, 1000);
    const FhirIngest::Decision d = ingest.process(corpus("Bundle-bundle-response.json"), kCorrelation, kReceivedAt);
    QCOMPARE(d.record.disposition, IngestRecord::Disposition::Accepted);
    QCOMPARE(d.fields.kind, FhirIngest::Kind::Resource);
    QCOMPARE(d.httpStatus, 201);
    QCOMPARE(d.record.triggerEvent, u"transaction-response"_s);
}

void tst_FhirIngest::contentHashIgnoresWhitespaceAndKeyOrder()
{
    const QByteArray compact = R"({"resourceType":"Patient","id":"a","active":true})";
    const QByteArray spaced = "{\n  \"id\" : \"a\",\r\n  \"active\": true,\n  \"resourceType\": \"Patient\"\n}\n";
    const QByteArray other = R"({"resourceType":"Patient","id":"a","active":false})";
    const ChannelConfig channel = fhirChannel();
    const RouteTable routes;
    const FhirIngest ingest(channel, routes, 1000);
    const QByteArray first = ingest.process(compact, kCorrelation, kReceivedAt).record.contentHash;
    QCOMPARE(ingest.process(spaced, kCorrelation, kReceivedAt).record.contentHash, first);
    QVERIFY(ingest.process(other, kCorrelation, kReceivedAt).record.contentHash != first);
    // Unreadable bodies hash their bytes.
    QCOMPARE(
        FhirIngest::contentHash("{nope", std::nullopt), QCryptographicHash::hash("{nope", QCryptographicHash::Sha256));
}

void tst_FhirIngest::invalidIsDeadLettered()
{
    const ChannelConfig channel = fhirChannel();
    const RouteTable routes({ rule(u"all"_s, { u"*"_s }, { u"ehr"_s }) });
    const FhirIngest ingest(channel, routes, 1000);
    const QByteArray body = R"({"resourceType": "Bundle", "type": "batch", "entry": [
        {"resource": {"resourceType": "Patient"}, "request": {"method": "POST", "url": "Patient"}},
        {"resource": {"resourceType": "Patient"}, "request": {"method": "POST", "url": "Patient"}},
        {"resource": {"resourceType": "Observation", "code": {}, "status": "done"},
         "request": {"method": "POST", "url": "Observation"}}]})";
    const FhirIngest::Decision d = ingest.process(body, kCorrelation, kReceivedAt);
    const IngestRecord& r = d.record;
    QCOMPARE(r.disposition, IngestRecord::Disposition::Invalid);
    QVERIFY(r.deadLetter);
    QCOMPARE(r.deadLetterStage, u"validate"_s);
    QCOMPARE(r.errorClass, u"fhir-code-invalid"_s);
    QCOMPARE(r.errorLocation, u"Bundle.entry[2].resource.status"_s);
    QVERIFY2(r.deadLetterReason.startsWith(u"Bundle.entry[2].resource.status: must be one of"_s),
        qPrintable(r.deadLetterReason));
    QVERIFY(!r.deadLetterReason.contains(u"done"_s)); // values are not repeated
    QCOMPARE(d.httpStatus, 400);
    QCOMPARE(r.ackCode, u"400"_s);
    QVERIFY(r.destinations.isEmpty()); // never routed
    QCOMPARE(r.messageType, u"Bundle"_s); // still indexed
    QCOMPARE(r.events.last().stage, u"validate"_s);
    QCOMPARE(r.events.last().outcome, u"failed"_s);

    // A proper FHIR Bundle that this node does not ingest is unprocessable, not malformed.
    const FhirIngest::Decision searchset
        = ingest.process(R"({"resourceType": "Bundle", "type": "searchset"})", kCorrelation, kReceivedAt);
    QCOMPARE(searchset.httpStatus, 422);
    QCOMPARE(searchset.record.errorClass, u"fhir-not-supported"_s);
    QCOMPARE(searchset.record.errorLocation, u"Bundle.type"_s);
}

void tst_FhirIngest::acceptAndDeadLetter()
{
    ChannelConfig channel = fhirChannel();
    channel.onInvalid = InvalidMessagePolicy::AckAndDeadLetter;
    const RouteTable routes({ rule(u"all"_s, { u"*"_s }, { u"ehr"_s }) });
    const FhirIngest ingest(channel, routes, 1000);
    const FhirIngest::Decision d
        = ingest.process(R"({"resourceType": "Patient", "active": "yes"})", kCorrelation, kReceivedAt);
    QCOMPARE(d.record.disposition, IngestRecord::Disposition::Invalid);
    QVERIFY(d.record.deadLetter);
    QCOMPARE(d.httpStatus, 202);
    QCOMPARE(d.record.ackCode, u"202"_s);
    QVERIFY(d.record.destinations.isEmpty());

    // Unreadable content is refused whatever the policy says.
    QCOMPARE(ingest.process("{", kCorrelation, kReceivedAt).httpStatus, 400);
}

void tst_FhirIngest::unparseableIsRefusedAndKept()
{
    const ChannelConfig channel = fhirChannel();
    const RouteTable routes;
    const FhirIngest ingest(channel, routes, 1000);
    const QByteArray body = "{\"resourceType\": \"Patient\", ";
    const FhirIngest::Decision d = ingest.process(body, kCorrelation, kReceivedAt);
    QCOMPARE(d.record.disposition, IngestRecord::Disposition::Unparseable);
    QVERIFY(d.record.deadLetter);
    QCOMPARE(d.record.deadLetterStage, u"parse"_s);
    QCOMPARE(d.record.errorClass, u"fhir-structure"_s);
    QCOMPARE(d.httpStatus, 400);
    QCOMPARE(d.record.raw, body);
    QVERIFY(!d.resource);
    QCOMPARE(d.record.events.size(), 2);
    QCOMPARE(d.record.events.at(1).stage, u"parse"_s);
    QCOMPARE(d.record.events.at(1).outcome, u"failed"_s);
}

void tst_FhirIngest::requirePatientIdentifier()
{
    ChannelConfig channel = fhirChannel();
    channel.requirePatientIdentifier = true;
    const RouteTable routes;
    const FhirIngest ingest(channel, routes, 1000);
    FhirIngest::Decision d = ingest.process(corpus("Observation-f001.json"), kCorrelation, kReceivedAt);
    QCOMPARE(d.record.disposition, IngestRecord::Disposition::Invalid);
    QCOMPARE(d.httpStatus, 422);
    QCOMPARE(d.record.errorClass, u"fhir-business-rule"_s);
    QCOMPARE(d.record.errorLocation, u"Observation.subject.identifier"_s);

    d = ingest.process(corpus("Patient-f001.json"), kCorrelation, kReceivedAt);
    QCOMPARE(d.record.disposition, IngestRecord::Disposition::Accepted);
    QCOMPARE(d.record.patientId, u"738472983"_s);
}

void tst_FhirIngest::routing()
{
    RouteRule byEvent = rule(u"admissions"_s, { u"Bundle^admit"_s }, { u"adt"_s });
    RouteRule bySender = rule(u"north"_s, {}, { u"north"_s });
    bySender.sendingFacilities = { u"NORTH"_s };
    RouteRule hl7Only = rule(u"hl7"_s, { u"ADT"_s }, { u"hl7"_s });
    RouteRule hl7Field = rule(u"icu"_s, {}, { u"icu"_s });
    hl7Field.fieldEquals.insert(u"PV1-3.1"_s, { u"ICU"_s }); // reads "" for FHIR content
    RouteRule emptyField = rule(u"blank"_s, {}, { u"blank"_s });
    emptyField.fieldEquals.insert(u"PV1-44"_s, { QString() });
    RouteRule stop = rule(u"stop"_s, { u"Bundle"_s }, { u"archive"_s });
    stop.stop = true;
    RouteRule after = rule(u"after"_s, {}, { u"never"_s });
    const RouteTable routes({ byEvent, bySender, hl7Only, hl7Field, emptyField, stop, after });

    const ChannelConfig channel = fhirChannel();
    const FhirIngest ingest(channel, routes, 1000);
    const FhirIngest::Decision d = ingest.process(kMessage, kCorrelation, kReceivedAt);
    QCOMPARE(d.record.destinations, (QStringList { u"adt"_s, u"north"_s, u"blank"_s, u"archive"_s }));
    QCOMPARE(d.record.events.last().stage, u"route"_s);
    QCOMPARE(d.record.events.last().detail, u"rules admissions, north, blank, stop -> adt, north, blank, archive"_s);

    FhirIngest::Fields patient;
    patient.messageType = u"Patient"_s;
    QCOMPARE(FhirIngest::route(routes, patient).destinations, (QStringList { u"blank"_s, u"never"_s }));
}

void tst_FhirIngest::traceEventsUseTheClock()
{
    qint64 now = kReceivedAt;
    const ChannelConfig channel = fhirChannel();
    const RouteTable routes;
    const FhirIngest ingest(channel, routes, 1000, [&now] { return now += 5; });
    const FhirIngest::Decision d = ingest.process(corpus("Patient-pat1.json"), kCorrelation, kReceivedAt);
    QStringList stages;
    QList<qint64> times;
    for (const TraceEvent& e : d.record.events) {
        stages << e.stage;
        times << e.atUs;
    }
    QCOMPARE(stages, (QStringList { u"receive"_s, u"parse"_s, u"validate"_s, u"route"_s }));
    QCOMPARE(times,
        (QList<qint64> {
            kReceivedAt * 1000, (kReceivedAt + 5) * 1000, (kReceivedAt + 10) * 1000, (kReceivedAt + 15) * 1000 }));
    QCOMPARE(d.record.events.at(0).detail, u"channel fhir-in, %1 bytes"_s.arg(corpus("Patient-pat1.json").size()));
    QCOMPARE(d.record.events.at(1).detail, u"FHIR R4 JSON: Patient"_s);
}

void tst_FhirIngest::transactionResponseBody()
{
    const QJsonObject request = QJsonDocument::fromJson(corpus("Bundle-bundle-transaction.json")).object();
    const QJsonObject response = FhirResponse::transactionResponse(request, 42);
    QCOMPARE(response.value(u"resourceType"_s).toString(), u"Bundle"_s);
    QCOMPARE(response.value(u"type"_s).toString(), u"transaction-response"_s);
    QCOMPARE(response.value(u"id"_s).toString(), u"42"_s);
    const QJsonArray entries = response.value(u"entry"_s).toArray();
    const QJsonArray requested = request.value(u"entry"_s).toArray();
    QCOMPARE(entries.size(), requested.size());
    for (qsizetype i = 0; i < entries.size(); ++i) {
        const bool withResource = requested.at(i).toObject().contains(u"resource"_s);
        QCOMPARE(entries.at(i).toObject().value(u"response"_s).toObject().value(u"status"_s).toString(),
            withResource ? u"201 Created"_s : u"202 Accepted"_s);
    }
    QJsonObject batch = request;
    batch.insert(u"type"_s, u"batch"_s);
    QCOMPARE(FhirResponse::transactionResponse(batch, 1).value(u"type"_s).toString(), u"batch-response"_s);
}

void tst_FhirIngest::messageResponseBody()
{
    const QJsonObject request = QJsonDocument::fromJson(kMessage).object();
    const QJsonObject response = FhirResponse::messageResponse(request, u"fhir-in"_s, 7, kReceivedAt);
    QCOMPARE(response.value(u"type"_s).toString(), u"message"_s);
    QCOMPARE(response.value(u"id"_s).toString(), u"7"_s);
    QCOMPARE(response.value(u"timestamp"_s).toString(), u"2023-11-14T22:13:20.000Z"_s);
    const QJsonObject header = response.value(u"entry"_s).toArray().at(0).toObject().value(u"resource"_s).toObject();
    QCOMPARE(header.value(u"resourceType"_s).toString(), u"MessageHeader"_s);
    QCOMPARE(header.value(u"response"_s).toObject().value(u"identifier"_s).toString(), u"h1"_s);
    QCOMPARE(header.value(u"response"_s).toObject().value(u"code"_s).toString(), u"ok"_s);
    QCOMPARE(header.value(u"eventCoding"_s).toObject().value(u"code"_s).toString(), u"admit"_s);
    QCOMPARE(header.value(u"destination"_s).toArray().at(0).toObject().value(u"endpoint"_s).toString(),
        u"urn:example:adt"_s);
    QCOMPARE(header.value(u"source"_s).toObject().value(u"endpoint"_s).toString(), u"urn:vigil:fhir:fhir-in"_s);
    // The answer is itself a valid message.
    const ChannelConfig channel = fhirChannel();
    const RouteTable routes;
    const FhirIngest check(channel, routes, 1000);
    const FhirIngest::Decision d = check.process(QJsonDocument(response).toJson(), kCorrelation, kReceivedAt);
    QVERIFY2(d.record.disposition == IngestRecord::Disposition::Accepted, qPrintable(d.record.deadLetterReason));
}

QTEST_GUILESS_MAIN(tst_FhirIngest)
#include "tst_fhiringest.moc"
