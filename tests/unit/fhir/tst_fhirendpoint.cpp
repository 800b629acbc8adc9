#include "node/fhir/FhirEndpoint.h"
#include "node/metrics/MetricsRegistry.h"
#include "node/metrics/NodeMetrics.h"
#include "node/pipeline/CorrelationId.h"
#include "node/store/MessageStore.h"

#include <QFile>
#include <QHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;

namespace {

QByteArray corpus(const char* name)
{
    QFile file(QStringLiteral(VIGIL_TEST_DATA_DIR "/fhir/") + QString::fromLatin1(name));
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

const QByteArray kTraceId = "4bf92f3577b34da6a3ce929d0e0e4736"_ba;
const QByteArray kTraceParent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"_ba;

struct Response
{
    int status = 0;
    QByteArray body;
    QJsonObject json;
    QHash<QByteArray, QByteArray> headers; ///< lower-case names

    QJsonArray issues() const { return json.value(u"issue"_s).toArray(); }
    QString issueCodes() const
    {
        QStringList codes;
        for (const QJsonValue& issue : issues())
            codes << issue.toObject().value(u"code"_s).toString();
        return codes.join(u',');
    }
    QString diagnostics() const
    {
        QStringList texts;
        for (const QJsonValue& issue : issues())
            texts << issue.toObject().value(u"diagnostics"_s).toString();
        return texts.join(u" | "_s);
    }
    qint64 messageId() const { return headers.value("x-vigil-message-id").toLongLong(); }
};

RouteRule rule(const QString& name, QStringList types, QStringList destinations)
{
    RouteRule r;
    r.name = name;
    r.messageTypes = std::move(types);
    r.destinations = std::move(destinations);
    return r;
}

} // namespace

class tst_FhirEndpoint : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void createsAndStoresAResource();
    void resourceTypeInThePath();
    void transactionGetsAResponseBundle();
    void messageGetsAResponseMessage();
    void duplicateAnswersWithTheOriginal();
    void duplicateOfARefusalIsRefusedAgain();
    void duplicateBundleGetsItsResponseAgain();
    void invalidTraceparentIsIgnored();
    void malformedJsonIsRefusedAndKept();
    void invalidContentIsRefusedAndKept_data();
    void invalidContentIsRefusedAndKept();
    void acceptAndDeadLetter();
    void requestErrorsStoreNothing_data();
    void requestErrorsStoreNothing();
    void unknownChannel();
    void clientLeavingBeforeTheAnswerLosesNothing();
    void metrics();

private:
    Response post(const QString& path, const QByteArray& body,
        const QByteArray& contentType = "application/fhir+json"_ba,
        const QList<std::pair<QByteArray, QByteArray>>& headers = {});
    Response send(QNetworkReply* reply);
    void flushStore();

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<MessageStore> m_store;
    std::unique_ptr<MetricsRegistry> m_metrics;
    std::unique_ptr<RouteTable> m_routes;
    std::unique_ptr<FhirEndpoint> m_strict;
    std::unique_ptr<FhirEndpoint> m_lenient;
    QList<QList<QueuedItem>> m_enqueued; ///< what each enqueued() signal carried
    std::unique_ptr<QHttpServer> m_server;
    std::unique_ptr<QNetworkAccessManager> m_network;
    quint16 m_port = 0;
};

void tst_FhirEndpoint::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_store = std::make_unique<MessageStore>();
    QString error;
    QVERIFY2(m_store->open({ m_dir->filePath(u"vigil-node.db"_s), 512, true }, &error), qPrintable(error));
    m_metrics = std::make_unique<MetricsRegistry>();
    NodeMetrics::declare(*m_metrics);
    m_routes = std::make_unique<RouteTable>(QList<RouteRule> {
        rule(u"patients"_s, { u"Patient"_s }, { u"ehr"_s }),
        rule(u"transactions"_s, { u"Bundle^transaction"_s }, { u"ehr"_s, u"archive"_s }),
        rule(u"links"_s, { u"Bundle^patient-link"_s }, { u"mpi"_s }),
    });

    ChannelConfig strict;
    strict.name = u"fhir-in"_s;
    strict.kind = u"fhir"_s;
    strict.requirePatientIdentifier = false;
    ChannelConfig lenient = strict;
    lenient.name = u"lenient"_s;
    lenient.onInvalid = InvalidMessagePolicy::AckAndDeadLetter;
    const qint64 window = 7LL * 24 * 3600 * 1000;
    m_strict = std::make_unique<FhirEndpoint>(strict, *m_routes, window, *m_store, *m_metrics);
    m_lenient = std::make_unique<FhirEndpoint>(lenient, *m_routes, window, *m_store, *m_metrics);
    m_enqueued.clear();
    connect(m_strict.get(), &FhirEndpoint::enqueued, this,
        [this](const QList<QueuedItem>& items) { m_enqueued.emplace_back(items); });

    // What the node's API server does: /fhir/<channel>[/<Type>] to the channel's endpoint.
    m_server = std::make_unique<QHttpServer>();
    const auto dispatch = [this](const QString& channel, const QString& type, const QHttpServerRequest& request,
                              QHttpServerResponder&& responder) {
        FhirEndpoint* endpoint = channel == m_strict->name() ? m_strict.get()
            : channel == m_lenient->name()                   ? m_lenient.get()
                                                             : nullptr;
        if (!endpoint) {
            FhirEndpoint::answerError(std::move(responder), 404, u"no FHIR channel named %1"_s.arg(channel));
            return;
        }
        endpoint->handle(request, type, std::move(responder));
    };
    m_server->route(u"/fhir/<arg>/<arg>"_s,
        [dispatch](const QString& channel, const QString& type, const QHttpServerRequest& request,
            QHttpServerResponder&& responder) { dispatch(channel, type, request, std::move(responder)); });
    m_server->route(u"/fhir/<arg>"_s,
        [dispatch](const QString& channel, const QHttpServerRequest& request, QHttpServerResponder&& responder) {
            dispatch(channel, QString(), request, std::move(responder));
        });
    m_port = m_server->listen(QHostAddress::LocalHost, 0);
    QVERIFY(m_port != 0);
    m_network = std::make_unique<QNetworkAccessManager>();
    m_network->setProxy(QNetworkProxy::NoProxy);
}

void tst_FhirEndpoint::cleanup()
{
    m_network.reset();
    m_server.reset();
    m_strict.reset();
    m_lenient.reset();
    if (m_store)
        m_store->close();
    m_store.reset();
    m_routes.reset();
    m_metrics.reset();
    m_dir.reset();
}

Response tst_FhirEndpoint::post(const QString& path, const QByteArray& body, const QByteArray& contentType,
    const QList<std::pair<QByteArray, QByteArray>>& headers)
{
    QNetworkRequest request(QUrl(u"http://127.0.0.1:%1%2"_s.arg(m_port).arg(path)));
    if (!contentType.isEmpty())
        request.setRawHeader("Content-Type"_ba, contentType);
    for (const auto& [name, value] : headers)
        request.setRawHeader(name, value);
    return send(m_network->post(request, body));
}

Response tst_FhirEndpoint::send(QNetworkReply* reply)
{
    QSignalSpy finished(reply, &QNetworkReply::finished);
    if (!reply->isFinished())
        finished.wait(10000);
    Response response;
    response.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    response.body = reply->readAll();
    response.json = QJsonDocument::fromJson(response.body).object();
    for (const auto& [name, value] : reply->rawHeaderPairs())
        response.headers.insert(name.toLower(), value);
    reply->deleteLater();
    return response;
}

void tst_FhirEndpoint::flushStore()
{
    bool flushed = false;
    m_store->flush(this, [&] { flushed = true; });
    QTRY_VERIFY(flushed);
}

void tst_FhirEndpoint::createsAndStoresAResource()
{
    const QByteArray body = corpus("Patient-example.json");
    const Response response = post(
        u"/fhir/fhir-in"_s, body, "application/fhir+json; charset=utf-8"_ba, { { "traceparent"_ba, kTraceParent } });
    QCOMPARE(response.status, 201);
    const qint64 id = response.messageId();
    QVERIFY(id > 0);
    QCOMPARE(response.headers.value("location"), QByteArray("/fhir/fhir-in/Patient/"_ba + QByteArray::number(id)));
    QCOMPARE(response.headers.value("x-correlation-id"), kTraceId);
    QVERIFY2(response.headers.value("traceresponse").startsWith(QByteArray("00-"_ba + kTraceId + '-')),
        response.headers.value("traceresponse").constData());
    QVERIFY(response.headers.value("content-type").startsWith("application/fhir+json"));
    QCOMPARE(response.json.value(u"resourceType"_s).toString(), u"OperationOutcome"_s);
    QCOMPARE(response.issueCodes(), u"informational"_s);
    QVERIFY2(response.diagnostics().contains(u"stored as message %1"_s.arg(id)), qPrintable(response.diagnostics()));
    QVERIFY(response.diagnostics().contains(QString::fromLatin1(kTraceId)));

    // Answered only after the commit: it is there, with the trace-id as its correlation ID.
    flushStore();
    const std::optional<StoredMessage> stored = m_store->message(id);
    QVERIFY(stored);
    QCOMPARE(stored->format, u"fhir+json"_s);
    QCOMPARE(stored->correlationId, kTraceId);
    QCOMPARE(stored->channel, u"fhir-in"_s);
    QCOMPARE(stored->messageType, u"Patient"_s);
    QCOMPARE(stored->controlId, u"example"_s);
    QCOMPARE(stored->patientId, u"12345"_s);
    QCOMPARE(stored->state, u"accepted"_s);
    QCOMPARE(stored->ackCode, u"201"_s);
    QCOMPARE(stored->raw, body);

    QCOMPARE(m_enqueued.size(), 1);
    const auto items = m_enqueued.at(0);
    QCOMPARE(items.size(), 1);
    QCOMPARE(items.at(0).destination, u"ehr"_s);
    QCOMPARE(items.at(0).messageId, id);
    QCOMPARE(items.at(0).correlationId, kTraceId);
    QCOMPARE(items.at(0).payload, body);

    QStringList stages;
    for (const TraceEvent& e : m_store->trace(kTraceId))
        stages << e.stage + u'=' + e.outcome;
    for (const char* expected :
        { "receive=ok", "parse=ok", "validate=ok", "route=ok", "enqueue=ok", "persist=ok", "ack=201" })
        QVERIFY2(stages.contains(QString::fromLatin1(expected)), qPrintable(stages.join(u' ')));
}

void tst_FhirEndpoint::resourceTypeInThePath()
{
    const QByteArray observation = corpus("Observation-f001.json");
    const Response ok = post(u"/fhir/fhir-in/Observation"_s, observation, "application/json"_ba);
    QCOMPARE(ok.status, 201);
    QCOMPARE(
        ok.headers.value("location"), QByteArray("/fhir/fhir-in/Observation/"_ba + QByteArray::number(ok.messageId())));
    flushStore();
    const qint64 count = m_store->messageCount();

    const Response mismatch = post(u"/fhir/fhir-in/Patient"_s, corpus("Observation-f004.json"));
    QCOMPARE(mismatch.status, 400);
    QVERIFY2(mismatch.diagnostics().contains(u"the URL names Patient but the body is Observation"_s),
        qPrintable(mismatch.diagnostics()));
    QCOMPARE(mismatch.issueCodes(), u"invalid"_s);

    const Response unknown = post(u"/fhir/fhir-in/Patients"_s, corpus("Patient-pat1.json"));
    QCOMPARE(unknown.status, 404);
    QCOMPARE(unknown.issueCodes(), u"not-found"_s);

    flushStore();
    QCOMPARE(m_store->messageCount(), count); // a wrong URL stores nothing
}

void tst_FhirEndpoint::transactionGetsAResponseBundle()
{
    const QByteArray body = corpus("Bundle-bundle-transaction.json");
    const Response response = post(u"/fhir/fhir-in"_s, body);
    QCOMPARE(response.status, 200);
    QCOMPARE(response.json.value(u"resourceType"_s).toString(), u"Bundle"_s);
    QCOMPARE(response.json.value(u"type"_s).toString(), u"transaction-response"_s);
    QCOMPARE(response.json.value(u"id"_s).toString(), QString::number(response.messageId()));
    const QJsonArray entries = response.json.value(u"entry"_s).toArray();
    QCOMPARE(entries.size(), QJsonDocument::fromJson(body).object().value(u"entry"_s).toArray().size());
    QCOMPARE(entries.at(0).toObject().value(u"response"_s).toObject().value(u"status"_s).toString(), u"201 Created"_s);
    QVERIFY(CorrelationId::isValid(response.headers.value("x-correlation-id")));

    QCOMPARE(m_enqueued.size(), 1);
    const auto items = m_enqueued.at(0);
    QStringList destinations;
    for (const QueuedItem& item : items)
        destinations << item.destination;
    QCOMPARE(destinations, (QStringList { u"ehr"_s, u"archive"_s }));
    flushStore();
    const auto stored = m_store->message(response.messageId());
    QVERIFY(stored);
    QCOMPARE(stored->triggerEvent, u"transaction"_s);
    QCOMPARE(stored->ackCode, u"200"_s);
}

void tst_FhirEndpoint::messageGetsAResponseMessage()
{
    const Response response = post(u"/fhir/fhir-in"_s, corpus("Bundle-10bb101f-a121-4264-a920-67be9cb82c74.json"));
    QCOMPARE(response.status, 200);
    QCOMPARE(response.json.value(u"type"_s).toString(), u"message"_s);
    const QJsonObject header
        = response.json.value(u"entry"_s).toArray().at(0).toObject().value(u"resource"_s).toObject();
    QCOMPARE(header.value(u"resourceType"_s).toString(), u"MessageHeader"_s);
    QCOMPARE(header.value(u"response"_s).toObject().value(u"identifier"_s).toString(),
        u"267b18ce-3d37-4581-9baa-6fada338038b"_s);
    QCOMPARE(header.value(u"response"_s).toObject().value(u"code"_s).toString(), u"ok"_s);
    QCOMPARE(m_enqueued.size(), 1);
    QCOMPARE(m_enqueued.at(0).at(0).destination, u"mpi"_s);
}

void tst_FhirEndpoint::duplicateAnswersWithTheOriginal()
{
    const QByteArray body = R"({"resourceType":"Patient","id":"dup-1","identifier":[{"value":"M-1"}],"active":true})";
    const Response first
        = post(u"/fhir/fhir-in/Patient"_s, body, "application/fhir+json"_ba, { { "traceparent"_ba, kTraceParent } });
    QCOMPARE(first.status, 201);
    QCOMPARE(m_enqueued.size(), 1);

    // The same content, other whitespace and key order, under another trace: still a resend.
    const QByteArray again = "{\n  \"active\": true,\n  \"id\": \"dup-1\",\n  \"resourceType\": \"Patient\",\n"
                             "  \"identifier\": [ { \"value\": \"M-1\" } ]\n}\n";
    const Response second = post(u"/fhir/fhir-in/Patient"_s, again, "application/fhir+json"_ba,
        { { "traceparent"_ba, "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"_ba } });
    QCOMPARE(second.status, 200);
    QCOMPARE(second.messageId(), first.messageId());
    QCOMPARE(second.headers.value("x-correlation-id"), kTraceId);
    QCOMPARE(second.headers.value("location"), first.headers.value("location"));
    QCOMPARE(second.issueCodes(), u"duplicate"_s);
    QCOMPARE(second.issues().at(0).toObject().value(u"severity"_s).toString(), u"information"_s);
    flushStore();
    QCOMPARE(m_enqueued.size(), 1); // not routed twice
    QCOMPARE(m_metrics->value(NodeMetrics::Duplicates, { { "channel", u"fhir-in"_s } }), 1.0);

    // Same id, different content: processed as new.
    const Response changed = post(u"/fhir/fhir-in/Patient"_s,
        R"({"resourceType":"Patient","id":"dup-1","identifier":[{"value":"M-1"}],"active":false})");
    QCOMPARE(changed.status, 201);
    QVERIFY(changed.messageId() != first.messageId());
}

void tst_FhirEndpoint::duplicateOfARefusalIsRefusedAgain()
{
    const QByteArray body = R"({"resourceType": "Patient", "id": "bad-1", "active": "yes"})";
    const Response first = post(u"/fhir/fhir-in"_s, body);
    QCOMPARE(first.status, 400);
    const Response second = post(u"/fhir/fhir-in"_s, body);
    QCOMPARE(second.status, 400);
    QCOMPARE(second.messageId(), first.messageId());
    QCOMPARE(second.issueCodes(), u"structure,duplicate"_s);
    flushStore();
    QCOMPARE(m_store->deadLetterCount(), qint64(1)); // one dead letter, not two
}

void tst_FhirEndpoint::duplicateBundleGetsItsResponseAgain()
{
    const QByteArray body = corpus("Bundle-xds.json");
    const Response first = post(u"/fhir/fhir-in"_s, body);
    QCOMPARE(first.status, 200);
    const Response second = post(u"/fhir/fhir-in"_s, body);
    QCOMPARE(second.status, 200);
    QCOMPARE(second.json.value(u"type"_s).toString(), u"transaction-response"_s);
    QCOMPARE(second.json, first.json);
    QCOMPARE(second.messageId(), first.messageId());
    QCOMPARE(m_enqueued.size(), 1);
}

void tst_FhirEndpoint::invalidTraceparentIsIgnored()
{
    const Response response = post(u"/fhir/fhir-in"_s, corpus("Patient-f001.json"), "application/fhir+json"_ba,
        { { "traceparent"_ba, "00-00000000000000000000000000000000-00f067aa0ba902b7-01"_ba } });
    QCOMPARE(response.status, 201);
    const QByteArray id = response.headers.value("x-correlation-id");
    QVERIFY(CorrelationId::isValid(id));
    flushStore();
    QCOMPARE(m_store->message(response.messageId())->correlationId, id);
}

void tst_FhirEndpoint::malformedJsonIsRefusedAndKept()
{
    const QByteArray body = "{\"resourceType\": \"Patient\",\n \"active\": tru }";
    const Response response = post(u"/fhir/fhir-in"_s, body);
    QCOMPARE(response.status, 400);
    QCOMPARE(response.json.value(u"resourceType"_s).toString(), u"OperationOutcome"_s);
    QCOMPARE(response.issues().at(0).toObject().value(u"severity"_s).toString(), u"fatal"_s);
    QCOMPARE(response.issues().at(0).toObject().value(u"code"_s).toString(), u"structure"_s);
    QVERIFY2(response.diagnostics().contains(u"byte offset"_s), qPrintable(response.diagnostics()));
    QVERIFY2(response.diagnostics().contains(u"dead-lettered"_s), qPrintable(response.diagnostics()));

    flushStore();
    const std::optional<StoredMessage> stored = m_store->message(response.messageId());
    QVERIFY(stored);
    QCOMPARE(stored->state, u"unparseable"_s);
    QCOMPARE(stored->raw, body);
    QCOMPARE(stored->ackCode, u"400"_s);
    const QList<DeadLetter> letters = m_store->deadLetters(0, 10);
    QCOMPARE(letters.size(), 1);
    QCOMPARE(letters.at(0).stage, u"parse"_s);
    QCOMPARE(letters.at(0).errorClass, u"fhir-structure"_s);
    QCOMPARE(letters.at(0).messageId, response.messageId());
    QCOMPARE(m_enqueued.size(), 0);
}

void tst_FhirEndpoint::invalidContentIsRefusedAndKept_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("expression");

    QTest::addRow("unknown element") << QByteArray(R"({"resourceType": "Patient", "nickname": "x"})") << 400
                                     << u"structure"_s << u"Patient.nickname"_s;
    QTest::addRow("wrong type") << QByteArray(R"({"resourceType": "Patient", "active": "yes"})") << 400
                                << u"structure"_s << u"Patient.active"_s;
    QTest::addRow("collection") << QByteArray(R"({"resourceType": "Bundle", "type": "collection"})") << 422
                                << u"not-supported"_s << u"Bundle.type"_s;
    QTest::addRow("transaction without request") << QByteArray(
        R"({"resourceType": "Bundle", "type": "transaction", "entry": [{"resource": {"resourceType": "Patient"}}]})")
                                                 << 400 << u"required"_s << u"Bundle.entry[0].request"_s;
}

void tst_FhirEndpoint::invalidContentIsRefusedAndKept()
{
    QFETCH(QByteArray, body);
    QFETCH(int, status);
    QFETCH(QString, code);
    QFETCH(QString, expression);

    const Response response = post(u"/fhir/fhir-in"_s, body);
    QCOMPARE(response.status, status);
    const QJsonObject issue = response.issues().at(0).toObject();
    QCOMPARE(issue.value(u"severity"_s).toString(), u"error"_s);
    QCOMPARE(issue.value(u"code"_s).toString(), code);
    QCOMPARE(issue.value(u"expression"_s).toArray(), QJsonArray { expression });
    QVERIFY(response.headers.value("location").isEmpty());

    flushStore();
    const std::optional<StoredMessage> stored = m_store->message(response.messageId());
    QVERIFY(stored);
    QCOMPARE(stored->state, u"invalid"_s);
    const QList<DeadLetter> letters = m_store->deadLetters(0, 10);
    QCOMPARE(letters.size(), 1);
    QCOMPARE(letters.at(0).stage, u"validate"_s);
    QCOMPARE(letters.at(0).errorClass, u"fhir-"_s + code);
    QCOMPARE(letters.at(0).errorLocation, expression);
    QCOMPARE(m_enqueued.size(), 0);
    QCOMPARE(m_metrics->value(NodeMetrics::DeadLettered, { { "stage", u"validate"_s } }), 1.0);
}

void tst_FhirEndpoint::acceptAndDeadLetter()
{
    const Response response = post(u"/fhir/lenient"_s, R"({"resourceType": "Patient", "active": "yes"})");
    QCOMPARE(response.status, 202);
    QCOMPARE(response.headers.value("location"),
        QByteArray("/fhir/lenient/Patient/"_ba + QByteArray::number(response.messageId())));
    const QJsonObject first = response.issues().at(0).toObject();
    QCOMPARE(first.value(u"severity"_s).toString(), u"warning"_s);
    QCOMPARE(first.value(u"code"_s).toString(), u"structure"_s);
    QVERIFY(response.diagnostics().contains(u"dead-lettered for review"_s));
    flushStore();
    QCOMPARE(m_store->message(response.messageId())->state, u"invalid"_s);
    QCOMPARE(m_store->deadLetterCount(), qint64(1));
}

void tst_FhirEndpoint::requestErrorsStoreNothing_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("diagnostics");

    const QByteArray patient = corpus("Patient-pat1.json");
    QTest::addRow("GET") << "GET"_ba << QByteArray() << QByteArray() << 405 << u"only POST"_s;
    QTest::addRow("PUT") << "PUT"_ba
                         << "application/fhir+json"_ba << patient << 405 << u"only POST"_s;
    QTest::addRow("text/plain") << "POST"_ba
                                << "text/plain"_ba << patient << 415 << u"text/plain is not supported"_s;
    QTest::addRow("fhir xml") << "POST"_ba
                              << "application/fhir+xml"_ba << patient << 415 << u"FHIR JSON"_s;
    QTest::addRow("latin-1") << "POST"_ba
                             << "application/fhir+json; charset=ISO-8859-1"_ba << patient << 415
                             << u"charset iso-8859-1 is not supported"_s;
    QTest::addRow("no content type") << "POST"_ba << QByteArray() << patient << 415 << u"no Content-Type"_s;
    QTest::addRow("empty body") << "POST"_ba
                                << "application/fhir+json"_ba << QByteArray("  \n") << 400 << u"body is empty"_s;
}

void tst_FhirEndpoint::requestErrorsStoreNothing()
{
    QFETCH(QByteArray, method);
    QFETCH(QByteArray, contentType);
    QFETCH(QByteArray, body);
    QFETCH(int, status);
    QFETCH(QString, diagnostics);

    QNetworkRequest request(QUrl(u"http://127.0.0.1:%1/fhir/fhir-in"_s.arg(m_port)));
    if (!contentType.isEmpty())
        request.setRawHeader("Content-Type"_ba, contentType);
    const Response response
        = send(method == "GET" ? m_network->get(request) : m_network->sendCustomRequest(request, method, body));
    QCOMPARE(response.status, status);
    QCOMPARE(response.json.value(u"resourceType"_s).toString(), u"OperationOutcome"_s);
    QVERIFY2(response.diagnostics().contains(diagnostics), qPrintable(response.diagnostics()));
    if (status == 405)
        QCOMPARE(response.headers.value("allow"), "POST"_ba);
    flushStore();
    QCOMPARE(m_store->messageCount(), qint64(0));
}

void tst_FhirEndpoint::unknownChannel()
{
    const Response response = post(u"/fhir/nope"_s, corpus("Patient-pat1.json"));
    QCOMPARE(response.status, 404);
    QCOMPARE(response.issueCodes(), u"not-found"_s);
    QVERIFY(response.diagnostics().contains(u"no FHIR channel named nope"_s));
}

void tst_FhirEndpoint::clientLeavingBeforeTheAnswerLosesNothing()
{
    const QByteArray body = corpus("Observation-vp-oyster.json");
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, m_port);
    QVERIFY(socket.waitForConnected(5000));
    socket.write("POST /fhir/fhir-in HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/fhir+json\r\n"
                 "Content-Length: "
        + QByteArray::number(body.size()) + "\r\n\r\n" + body);
    QVERIFY(socket.waitForBytesWritten(5000));
    socket.abort();
    QTRY_COMPARE(m_strict->pendingCommits(), 0);
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            flushStore();
            return m_store->messageCount() == 1;
        }(),
        10000);
    // The endpoint keeps serving.
    QCOMPARE(post(u"/fhir/fhir-in"_s, corpus("Observation-f202.json")).status, 201);
}

void tst_FhirEndpoint::metrics()
{
    QCOMPARE(post(u"/fhir/fhir-in"_s, corpus("Patient-animal.json")).status, 201);
    QCOMPARE(post(u"/fhir/fhir-in"_s, "{").status, 400);
    QCOMPARE(post(u"/fhir/fhir-in"_s, corpus("Patient-animal.json"), "text/xml"_ba).status, 415);
    const MetricLabels channel { { "channel", u"fhir-in"_s } };
    QCOMPARE(m_metrics->value(NodeMetrics::MessagesReceived, channel), 3.0);
    QCOMPARE(m_metrics->value(NodeMetrics::AcksSent, { { "channel", u"fhir-in"_s }, { "code", u"201"_s } }), 1.0);
    QCOMPARE(m_metrics->value(NodeMetrics::AcksSent, { { "channel", u"fhir-in"_s }, { "code", u"400"_s } }), 1.0);
    QCOMPARE(m_metrics->value(NodeMetrics::AcksSent, { { "channel", u"fhir-in"_s }, { "code", u"415"_s } }), 1.0);
    QCOMPARE(m_metrics->value(NodeMetrics::MessagesRejected, channel), 2.0);
    QCOMPARE(m_metrics->value(NodeMetrics::DeadLettered, { { "stage", u"parse"_s } }), 1.0);
    QCOMPARE(m_metrics->histogramCount(NodeMetrics::AckLatency, channel), quint64(3));
    QVERIFY(m_metrics->render().contains("vigil_messages_received_total{channel=\"lenient\"} 0"));
}

QTEST_GUILESS_MAIN(tst_FhirEndpoint)
#include "tst_fhirendpoint.moc"
