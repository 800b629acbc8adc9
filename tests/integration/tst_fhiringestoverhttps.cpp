// Integration: FHIR R4 ingest on a real vigil-node over real TLS, with a real HTTP client
// (QNetworkAccessManager, pinned to the node's announced certificate). Every official example the
// corpus lists is accepted, stored and delivered to a file destination and to a real HTTP server;
// an incoming traceparent becomes the correlation ID; a resend is answered as a duplicate and not
// delivered twice; bad requests get an OperationOutcome; a support user sees a stored Patient
// masked and an admin's audited reveal shows it.
#include "tests/support/ApiClient.h"
#include "tests/support/NodeProcess.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSet>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;

namespace {

const QString kPassword = u"correct-horse-battery-staple-42"_s;

QByteArray readFile(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

QString randomHex(int chars)
{
    static const char digits[] = "0123456789abcdef";
    QString out;
    for (int i = 0; i < chars; ++i)
        out.append(QLatin1Char(digits[QRandomGenerator::global()->bounded(16)]));
    return out;
}

/// A real HTTP server standing in for a downstream FHIR system: it answers every request 200 and
/// records what it got (one request per Content-Length framed body, keep-alive).
class HttpReceiver
{
public:
    struct Request
    {
        QByteArray method;
        QByteArray target;
        QHash<QByteArray, QByteArray> headers;       ///< lower-case names
        QByteArray body;
    };

    bool listen()
    {
        QObject::connect(&m_server, &QTcpServer::newConnection, &m_server, [this] {
            while (QTcpSocket* socket = m_server.nextPendingConnection()) {
                QObject::connect(socket, &QTcpSocket::readyRead, socket, [this, socket] { onData(socket); });
                QObject::connect(socket, &QTcpSocket::disconnected, socket, [this, socket] {
                    m_buffers.remove(socket);
                    socket->deleteLater();
                });
            }
        });
        return m_server.listen(QHostAddress::LocalHost, 0);
    }
    quint16 port() const { return m_server.serverPort(); }
    const QList<Request>& requests() const { return m_requests; }
    /// The requests that delivered message `messageId` (the node sends X-Vigil-Message-Id).
    QList<Request> requestsFor(qint64 messageId) const
    {
        QList<Request> found;
        for (const Request& r : m_requests) {
            if (r.headers.value("x-vigil-message-id") == QByteArray::number(messageId))
                found << r;
        }
        return found;
    }

private:
    void onData(QTcpSocket* socket)
    {
        QByteArray& buffer = m_buffers[socket];
        buffer += socket->readAll();
        for (;;) {
            const qsizetype end = buffer.indexOf("\r\n\r\n");
            if (end < 0)
                return;
            const QList<QByteArray> lines = buffer.left(end).split('\n');
            Request request;
            const QList<QByteArray> requestLine = lines.value(0).trimmed().split(' ');
            request.method = requestLine.value(0);
            request.target = requestLine.value(1);
            for (qsizetype i = 1; i < lines.size(); ++i) {
                const qsizetype colon = lines.at(i).indexOf(':');
                if (colon > 0)
                    request.headers.insert(lines.at(i).left(colon).trimmed().toLower(), lines.at(i).mid(colon + 1).trimmed());
            }
            const qsizetype length = request.headers.value("content-length").toLongLong();
            if (buffer.size() < end + 4 + length)
                return;
            request.body = buffer.mid(end + 4, length);
            buffer.remove(0, end + 4 + length);
            m_requests.append(request);
            socket->write("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
        }
    }

    QHash<QTcpSocket*, QByteArray> m_buffers;
    QList<Request> m_requests;
    QTcpServer m_server;                             // last: its sockets go before the buffers they use
};

QJsonObject syntheticPatient(const QString& id, const QString& family, const QString& given, const QString& birthDate,
                             const QString& mrn)
{
    return QJsonObject{
        {u"resourceType"_s, u"Patient"_s},
        {u"id"_s, id},
        {u"identifier"_s, QJsonArray{QJsonObject{{u"system"_s, u"urn:oid:1.2.36.146.595.217.0.1"_s}, {u"value"_s, mrn}}}},
        {u"active"_s, true},
        {u"name"_s, QJsonArray{QJsonObject{{u"use"_s, u"official"_s}, {u"family"_s, family},
                                           {u"given"_s, QJsonArray{given}}}}},
        {u"gender"_s, u"female"_s},
        {u"birthDate"_s, birthDate}};
}

QByteArray compact(const QJsonObject& object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

/// The checks every OperationOutcome answer must pass; an empty string when it does.
QString operationOutcomeProblem(const ApiClient::Reply& reply, const QStringList& wantSeverity)
{
    if (!reply.headers.value("content-type").startsWith("application/fhir+json"))
        return u"Content-Type is %1"_s.arg(QString::fromLatin1(reply.headers.value("content-type")));
    const QJsonObject outcome = reply.json();
    if (outcome.value(u"resourceType"_s).toString() != u"OperationOutcome")
        return u"not an OperationOutcome: %1"_s.arg(QString::fromUtf8(reply.body.left(300)));
    const QJsonObject issue = outcome.value(u"issue"_s).toArray().at(0).toObject();
    if (!wantSeverity.contains(issue.value(u"severity"_s).toString()))
        return u"issue[0].severity is %1, want %2"_s.arg(issue.value(u"severity"_s).toString(), wantSeverity.join(u" or "_s));
    if (issue.value(u"code"_s).toString().isEmpty())
        return u"issue[0] has no code"_s;
    if (issue.value(u"diagnostics"_s).toString().trimmed().isEmpty())
        return u"issue[0] has no diagnostics"_s;
    return {};
}

} // namespace

class tst_FhirIngestOverHttps : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void corpusListsEveryExample();
    void validExampleIsAccepted_data();
    void validExampleIsAccepted();
    void examplesArePersistedAndRouted();
    void traceparentBecomesCorrelationId();
    void resendIsDuplicateAndNotDeliveredAgain();
    void badRequestGetsOperationOutcome_data();
    void badRequestGetsOperationOutcome();
    void bodyOverLimitIsRefused();
    void supportSeesPatientMaskedAdminRevealShowsIt();
    void criticalObservationRaisesAnAlertAndItsCorrectionResolvesIt();

private:
    /// The files SOURCES.md lists (all of them valid official R4 examples).
    static QStringList listedExamples();
    ApiClient::Reply postFhir(const QString& path, const QByteArray& body,
                              const QList<QPair<QByteArray, QByteArray>>& extraHeaders = {}) const;
    /// The items of an admin's GET /api/v1/messages?<query>. The ops API reads the store's tables, which
    /// the journal applier fills a moment after the acknowledgement, so callers wait for what they expect.
    QJsonArray messages(const QString& query) const
    {
        return m_admin->get(u"/api/v1/messages?"_s + query).json().value(u"items"_s).toArray();
    }
    QString archiveFile(qint64 messageId) const { return QDir(m_archive.path()).filePath(u"%1.json"_s.arg(messageId)); }

    static constexpr int MaxBodyBytes = 64 * 1024;

    QTemporaryDir m_archive;
    HttpReceiver m_receiver;
    NodeProcess m_node;
    std::unique_ptr<ApiClient> m_admin;
    std::unique_ptr<ApiClient> m_support;
    QHash<qint64, QByteArray> m_corpusSent;           ///< message ID -> the bytes posted
};

QStringList tst_FhirIngestOverHttps::listedExamples()
{
    const QByteArray sources = readFile(QStringLiteral(VIGIL_TEST_DATA_DIR "/fhir/SOURCES.md"));
    static const QRegularExpression row(u"^\\| `([A-Za-z0-9._-]+\\.json)` \\|"_s, QRegularExpression::MultilineOption);
    QStringList files;
    for (auto it = row.globalMatch(QString::fromUtf8(sources)); it.hasNext();)
        files << it.next().captured(1);
    return files;
}

ApiClient::Reply tst_FhirIngestOverHttps::postFhir(const QString& path, const QByteArray& body,
                                                   const QList<QPair<QByteArray, QByteArray>>& extraHeaders) const
{
    QList<QPair<QByteArray, QByteArray>> headers{{"Content-Type", "application/fhir+json"}};
    headers += extraHeaders;
    return m_node.api().send("POST", path, body, headers);
}

void tst_FhirIngestOverHttps::initTestCase()
{
    QVERIFY(m_archive.isValid());
    QVERIFY(m_receiver.listen());
    QString error;
    QVERIFY2(m_node.addUser(u"admin"_s, u"admin"_s, {}, kPassword, &error), qPrintable(error));
    QVERIFY2(m_node.addUser(u"support"_s, u"support"_s, {}, kPassword, &error), qPrintable(error));

    const QJsonObject fastRetry{{u"initialDelayMs"_s, 100}, {u"maxDelayMs"_s, 500}};
    const QJsonObject config{
        {u"version"_s, 1},
        {u"node"_s, QJsonObject{{u"id"_s, u"fhir-it"_s},
                                {u"http"_s, QJsonObject{{u"host"_s, u"127.0.0.1"_s}, {u"port"_s, 0}}}}},
        {u"api"_s, QJsonObject{{u"maxBodyBytes"_s, MaxBodyBytes}}},
        {u"channels"_s, QJsonArray{QJsonObject{{u"name"_s, u"fhir-corpus"_s}, {u"kind"_s, u"fhir"_s}},
                                   QJsonObject{{u"name"_s, u"fhir-in"_s}, {u"kind"_s, u"fhir"_s}}}},
        {u"destinations"_s,
         QJsonArray{QJsonObject{{u"name"_s, u"archive"_s}, {u"kind"_s, u"file"_s}, {u"directory"_s, m_archive.path()},
                                {u"fileNamePattern"_s, u"{id}.json"_s}, {u"retry"_s, fastRetry}},
                    QJsonObject{{u"name"_s, u"ehr-fhir"_s}, {u"kind"_s, u"http"_s},
                                {u"url"_s, u"http://127.0.0.1:%1/fhir"_s.arg(m_receiver.port())},
                                {u"contentType"_s, u"application/fhir+json"_s}, {u"retry"_s, fastRetry}}}},
        {u"routes"_s,
         QJsonArray{QJsonObject{{u"name"_s, u"fhir-to-ehr"_s},
                                {u"match"_s, QJsonObject{{u"messageType"_s, QJsonArray{u"Patient"_s, u"Observation"_s,
                                                                                      u"Bundle"_s, u"MessageHeader"_s}}}},
                                {u"destinations"_s, QJsonArray{u"archive"_s, u"ehr-fhir"_s}}}}}};
    QVERIFY2(m_node.start(config, &error), qPrintable(error));

    m_admin = std::make_unique<ApiClient>(m_node.api());
    m_support = std::make_unique<ApiClient>(m_node.api());
    QCOMPARE(m_admin->signIn(u"admin"_s, kPassword).status, 200);
    QCOMPARE(m_support->signIn(u"support"_s, kPassword).status, 200);
}

void tst_FhirIngestOverHttps::cleanupTestCase()
{
    QCOMPARE(m_node.terminate(), 0);
}

void tst_FhirIngestOverHttps::corpusListsEveryExample()
{
    const QStringList listed = listedExamples();
    const QStringList onDisk = QDir(QStringLiteral(VIGIL_TEST_DATA_DIR "/fhir")).entryList({u"*.json"_s}, QDir::Files);
    QVERIFY(listed.size() >= 15);
    QCOMPARE(QSet<QString>(listed.cbegin(), listed.cend()), QSet<QString>(onDisk.cbegin(), onDisk.cend()));
}

void tst_FhirIngestOverHttps::validExampleIsAccepted_data()
{
    QTest::addColumn<QString>("file");
    for (const QString& file : listedExamples())
        QTest::addRow("%s", qPrintable(file)) << file;
}

void tst_FhirIngestOverHttps::validExampleIsAccepted()
{
    QFETCH(QString, file);
    const QByteArray body = readFile(QStringLiteral(VIGIL_TEST_DATA_DIR "/fhir/") + file);
    QVERIFY(!body.isEmpty());
    const QJsonObject resource = QJsonDocument::fromJson(body).object();
    const QString type = resource.value(u"resourceType"_s).toString();
    const QString bundleType = resource.value(u"type"_s).toString();
    // Single resources go to /fhir/<channel>/<Type> (FHIR "create"), bundles to the channel's base.
    const QString path = type == u"Bundle" ? u"/fhir/fhir-corpus"_s : u"/fhir/fhir-corpus/"_s + type;
    const ApiClient::Reply reply = postFhir(path, body);
    QVERIFY2(reply.status != 0, qPrintable(reply.networkError));

    const qint64 messageId = reply.headers.value("x-vigil-message-id").toLongLong();
    QVERIFY2(messageId > 0, reply.body.constData());
    QVERIFY(QRegularExpression(u"^[0-9a-f]{32}$"_s).match(QString::fromLatin1(reply.headers.value("x-correlation-id"))).hasMatch());
    QCOMPARE(reply.headers.value("location"),
             QByteArray("/fhir/fhir-corpus/" + type.toUtf8() + '/' + QByteArray::number(messageId)));
    const QJsonObject answer = reply.json();
    if (type == u"Bundle" && (bundleType == u"transaction" || bundleType == u"batch")) {
        QCOMPARE(reply.status, 200);
        QCOMPARE(answer.value(u"resourceType"_s).toString(), u"Bundle"_s);
        QCOMPARE(answer.value(u"type"_s).toString(), bundleType + u"-response"_s);
        const QJsonArray requestEntries = resource.value(u"entry"_s).toArray();
        const QJsonArray responseEntries = answer.value(u"entry"_s).toArray();
        QCOMPARE(responseEntries.size(), requestEntries.size());
        for (qsizetype i = 0; i < responseEntries.size(); ++i) {
            const QString status = responseEntries.at(i).toObject().value(u"response"_s).toObject().value(u"status"_s).toString();
            const bool carriesResource = requestEntries.at(i).toObject().contains(u"resource"_s);
            QVERIFY2(status.startsWith(carriesResource ? u"201"_s : u"202"_s), qPrintable(status));
        }
    } else if (type == u"Bundle" && bundleType == u"message") {
        QCOMPARE(reply.status, 200);
        QCOMPARE(answer.value(u"resourceType"_s).toString(), u"Bundle"_s);
        QCOMPARE(answer.value(u"type"_s).toString(), u"message"_s);
        const QJsonObject requestHeader = resource.value(u"entry"_s).toArray().at(0).toObject().value(u"resource"_s).toObject();
        const QJsonObject header = answer.value(u"entry"_s).toArray().at(0).toObject().value(u"resource"_s).toObject();
        QCOMPARE(header.value(u"resourceType"_s).toString(), u"MessageHeader"_s);
        const QJsonObject response = header.value(u"response"_s).toObject();
        QCOMPARE(response.value(u"identifier"_s).toString(), requestHeader.value(u"id"_s).toString());
        QCOMPARE(response.value(u"code"_s).toString(), u"ok"_s);
    } else {
        // A single resource, or another server's response bundle relayed as one: created.
        QCOMPARE(reply.status, 201);
        const QString problem = operationOutcomeProblem(reply, {u"information"_s});
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
    }
    QVERIFY2(!m_corpusSent.contains(messageId), "two examples were given one message ID");
    m_corpusSent.insert(messageId, body);
}

void tst_FhirIngestOverHttps::examplesArePersistedAndRouted()
{
    const int expected = int(listedExamples().size());
    QCOMPARE(m_corpusSent.size(), expected);

    // Persisted: the admin's search for FHIR messages of the corpus channel finds each one, accepted.
    const QString query = u"format=fhir%2Bjson&channel=fhir-corpus&limit=500"_s;
    QCOMPARE(m_admin->get(u"/api/v1/messages?"_s + query).status, 200);
    QTRY_COMPARE_WITH_TIMEOUT(messages(query).size(), expected, 10000);
    const QJsonArray items = messages(query);
    for (const QJsonValue& value : items) {
        const QJsonObject item = value.toObject();
        QVERIFY2(m_corpusSent.contains(item.value(u"id"_s).toInteger()), qPrintable(QString::number(item.value(u"id"_s).toInteger())));
        QCOMPARE(item.value(u"format"_s).toString(), u"fhir+json"_s);
        QCOMPARE(item.value(u"state"_s).toString(), u"accepted"_s);
        QCOMPARE(item.value(u"routedTo"_s).toArray().size(), 2);
    }

    // Routed: each one is written, byte for byte, by the file destination and POSTed to the HTTP one,
    // with its correlation ID as traceparent.
    for (auto it = m_corpusSent.cbegin(); it != m_corpusSent.cend(); ++it) {
        const QString path = archiveFile(it.key());
        QTRY_VERIFY2_WITH_TIMEOUT(QFile::exists(path), qPrintable(path), 20000);
        QCOMPARE(readFile(path), it.value());
        QTRY_COMPARE_WITH_TIMEOUT(m_receiver.requestsFor(it.key()).size(), 1, 20000);
        const HttpReceiver::Request request = m_receiver.requestsFor(it.key()).first();
        QCOMPARE(request.method, QByteArray("POST"));
        QCOMPARE(request.body, it.value());
        QVERIFY2(request.headers.value("content-type").startsWith("application/fhir+json"),
                 request.headers.value("content-type").constData());
        QVERIFY(request.headers.value("traceparent").startsWith("00-"));
    }
    const auto deliveredEverywhere = [&] {
        const QJsonArray now = messages(query);
        for (const QJsonValue& value : now) {
            if (value.toObject().value(u"deliveredTo"_s).toArray().size() != 2)
                return false;
        }
        return now.size() == expected;
    };
    QTRY_VERIFY_WITH_TIMEOUT(deliveredEverywhere(), 20000);

    // Counted: the FHIR channel shows in the node's stats like an MLLP channel.
    const auto corpusChannel = [&] {
        const QJsonArray channels = m_admin->get(u"/api/v1/stats"_s).json().value(u"channels"_s).toArray();
        for (const QJsonValue& value : channels) {
            if (value.toObject().value(u"name"_s).toString() == u"fhir-corpus"_s)
                return value.toObject();
        }
        return QJsonObject();
    };
    QTRY_VERIFY_WITH_TIMEOUT(corpusChannel().value(u"acceptedTotal"_s).toInteger() >= expected, 5000);
    QCOMPARE(corpusChannel().value(u"kind"_s).toString(), u"fhir"_s);
    QVERIFY(corpusChannel().value(u"receivedTotal"_s).toInteger() >= expected);
}

void tst_FhirIngestOverHttps::traceparentBecomesCorrelationId()
{
    const QString traceId = randomHex(32);
    const QByteArray traceparent = "00-" + traceId.toLatin1() + '-' + randomHex(16).toLatin1() + "-01";
    const QByteArray body = compact(syntheticPatient(u"trace-"_s + randomHex(8), u"Tracewell"_s, u"Ada"_s,
                                                     u"1970-05-06"_s, u"MRN-T-"_s + randomHex(6)));
    const ApiClient::Reply reply = postFhir(u"/fhir/fhir-in/Patient"_s, body, {{"traceparent", traceparent}});
    QCOMPARE(reply.status, 201);
    QCOMPARE(QString::fromLatin1(reply.headers.value("x-correlation-id")), traceId);
    QVERIFY2(reply.headers.value("traceresponse").startsWith(QByteArray("00-" + traceId.toLatin1() + '-')),
             reply.headers.value("traceresponse").constData());
    const qint64 messageId = reply.headers.value("x-vigil-message-id").toLongLong();

    QTRY_COMPARE_WITH_TIMEOUT(messages(u"correlationId="_s + traceId).size(), 1, 10000);
    const QJsonArray items = messages(u"correlationId="_s + traceId);
    QCOMPARE(items.at(0).toObject().value(u"id"_s).toInteger(), messageId);
    QCOMPARE(items.at(0).toObject().value(u"correlationId"_s).toString(), traceId);

    // The trace: receive -> parse -> validate -> route -> persist -> ack, then the deliveries.
    QStringList stages;
    const auto readTrace = [&] {
        const ApiClient::Reply trace = m_admin->get(u"/api/v1/traces/"_s + traceId);
        stages.clear();
        for (const QJsonValue& e : trace.json().value(u"events"_s).toArray()) {
            const QJsonObject event = e.toObject();
            stages << event.value(u"stage"_s).toString()
                    + (event.contains(u"destination"_s) ? u':' + event.value(u"destination"_s).toString() : QString());
        }
        return trace.status == 200;
    };
    QTRY_VERIFY_WITH_TIMEOUT(readTrace() && stages.contains(u"deliver:archive"_s) && stages.contains(u"deliver:ehr-fhir"_s),
                             20000);
    const QStringList order{u"receive"_s, u"parse"_s, u"validate"_s, u"route"_s, u"persist"_s, u"ack"_s};
    qsizetype last = -1;
    for (const QString& stage : order) {
        const qsizetype at = stages.indexOf(stage);
        QVERIFY2(at > last, qPrintable(u"%1 missing or out of order in %2"_s.arg(stage, stages.join(u", "_s))));
        last = at;
    }
    QVERIFY2(stages.indexOf(u"deliver:archive"_s) > stages.indexOf(u"persist"_s), qPrintable(stages.join(u", "_s)));

    // The trace continues downstream under the same trace-id.
    QTRY_COMPARE_WITH_TIMEOUT(m_receiver.requestsFor(messageId).size(), 1, 20000);
    const QByteArray sent = m_receiver.requestsFor(messageId).first().headers.value("traceparent");
    QVERIFY2(QRegularExpression(u"^00-%1-[0-9a-f]{16}-[0-9a-f]{2}$"_s.arg(traceId)).match(QString::fromLatin1(sent)).hasMatch(),
             sent.constData());
}

void tst_FhirIngestOverHttps::resendIsDuplicateAndNotDeliveredAgain()
{
    const QString mrn = u"MRN-D-"_s + randomHex(6);
    const QByteArray body = compact(syntheticPatient(u"dup-"_s + randomHex(8), u"Twicesent"_s, u"Bea"_s,
                                                     u"1988-11-12"_s, mrn));
    const ApiClient::Reply first = postFhir(u"/fhir/fhir-in/Patient"_s, body);
    QCOMPARE(first.status, 201);
    const qint64 firstId = first.headers.value("x-vigil-message-id").toLongLong();
    QVERIFY(firstId > 0);
    QTRY_COMPARE_WITH_TIMEOUT(m_receiver.requestsFor(firstId).size(), 1, 20000);
    QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(archiveFile(firstId)), 20000);

    // The sender lost our answer and posts the same resource again.
    const ApiClient::Reply second = postFhir(u"/fhir/fhir-in/Patient"_s, body);
    QCOMPARE(second.status, 200);
    QCOMPARE(second.headers.value("x-vigil-message-id").toLongLong(), firstId);
    QCOMPARE(second.headers.value("x-correlation-id"), first.headers.value("x-correlation-id"));
    const QJsonObject issue = second.json().value(u"issue"_s).toArray().at(0).toObject();
    QCOMPARE(issue.value(u"code"_s).toString(), u"duplicate"_s);
    QVERIFY2(issue.value(u"diagnostics"_s).toString().contains(QString::number(firstId)),
             qPrintable(issue.value(u"diagnostics"_s).toString()));

    // Stored for the record as a duplicate of the first, and not delivered again.
    const auto recorded = [&] {
        for (const QJsonValue& value : messages(u"channel=fhir-in&state=duplicate"_s)) {
            if (value.toObject().value(u"duplicateOf"_s).toInteger() == firstId)
                return true;
        }
        return false;
    };
    QTRY_VERIFY_WITH_TIMEOUT(recorded(), 10000);
    QTest::qWait(1500);
    int bodiesDelivered = 0;
    for (const HttpReceiver::Request& request : m_receiver.requests())
        bodiesDelivered += request.body == body ? 1 : 0;
    QCOMPARE(bodiesDelivered, 1);
    int filesWritten = 0;
    for (const QString& name : QDir(m_archive.path()).entryList(QDir::Files))
        filesWritten += readFile(QDir(m_archive.path()).filePath(name)) == body ? 1 : 0;
    QCOMPARE(filesWritten, 1);
}

void tst_FhirIngestOverHttps::badRequestGetsOperationOutcome_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("minStatus");
    QTest::addColumn<int>("maxStatus");

    const QByteArray fhirJson = "application/fhir+json";
    const QByteArray patient = compact(syntheticPatient(u"bad-1"_s, u"Nobody"_s, u"Ned"_s, u"1990-01-01"_s, u"MRN-B-1"_s));
    QTest::addRow("malformed JSON") << "POST"_ba << u"/fhir/fhir-in"_s << fhirJson
                                    << "{\"resourceType\": \"Patient\", \"id\": "_ba << 400 << 400;
    QTest::addRow("JSON array") << "POST"_ba << u"/fhir/fhir-in"_s << fhirJson << "[1, 2, 3]"_ba << 400 << 400;
    QTest::addRow("unknown resourceType") << "POST"_ba << u"/fhir/fhir-in"_s << fhirJson
                                          << "{\"resourceType\": \"Spaceship\", \"id\": \"x1\"}"_ba << 400 << 499;
    QTest::addRow("no resourceType") << "POST"_ba << u"/fhir/fhir-in"_s << fhirJson << "{\"id\": \"x2\"}"_ba << 400 << 499;
    QTest::addRow("empty body") << "POST"_ba << u"/fhir/fhir-in"_s << fhirJson << QByteArray() << 400 << 400;
    QTest::addRow("wrong content type") << "POST"_ba << u"/fhir/fhir-in"_s << "text/plain"_ba << patient << 415 << 415;
    QTest::addRow("XML content type") << "POST"_ba << u"/fhir/fhir-in"_s << "application/fhir+xml"_ba << patient << 415 << 415;
    QTest::addRow("latin-1 charset") << "POST"_ba << u"/fhir/fhir-in"_s << "application/fhir+json; charset=iso-8859-1"_ba
                                     << patient << 415 << 415;
    QTest::addRow("unknown channel") << "POST"_ba << u"/fhir/no-such-channel"_s << fhirJson << patient << 404 << 404;
    QTest::addRow("unknown type in path") << "POST"_ba << u"/fhir/fhir-in/Spaceship"_s << fhirJson << patient << 404 << 404;
    QTest::addRow("path and body types differ") << "POST"_ba << u"/fhir/fhir-in/Observation"_s << fhirJson << patient
                                                << 400 << 400;
    QTest::addRow("too deep a path") << "POST"_ba << u"/fhir/fhir-in/Patient/123/_history"_s << fhirJson << patient
                                     << 404 << 404;
    QTest::addRow("GET on the channel") << "GET"_ba << u"/fhir/fhir-in"_s << QByteArray() << QByteArray() << 404 << 405;
    QTest::addRow("GET on a type") << "GET"_ba << u"/fhir/fhir-in/Patient"_s << QByteArray() << QByteArray() << 404 << 405;
    QTest::addRow("PUT") << "PUT"_ba << u"/fhir/fhir-in/Patient"_s << fhirJson << patient << 404 << 405;
    QTest::addRow("DELETE") << "DELETE"_ba << u"/fhir/fhir-in/Patient"_s << QByteArray() << QByteArray() << 404 << 405;
    QTest::addRow("wrong primitive type") << "POST"_ba << u"/fhir/fhir-in/Patient"_s << fhirJson
                                          << "{\"resourceType\": \"Patient\", \"birthDate\": 19900101}"_ba << 400 << 422;
    QTest::addRow("invented element") << "POST"_ba << u"/fhir/fhir-in/Patient"_s << fhirJson
                                      << "{\"resourceType\": \"Patient\", \"favouriteColour\": \"blue\"}"_ba << 400 << 422;
}

void tst_FhirIngestOverHttps::badRequestGetsOperationOutcome()
{
    QFETCH(QByteArray, method);
    QFETCH(QString, path);
    QFETCH(QByteArray, contentType);
    QFETCH(QByteArray, body);
    QFETCH(int, minStatus);
    QFETCH(int, maxStatus);
    QList<QPair<QByteArray, QByteArray>> headers;
    if (!contentType.isEmpty())
        headers.append({"Content-Type", contentType});
    const ApiClient::Reply reply = m_node.api().send(method, path, body, headers);
    QVERIFY2(reply.status >= minStatus && reply.status <= maxStatus,
             qPrintable(u"status %1: %2"_s.arg(reply.status).arg(QString::fromUtf8(reply.body.left(400)))));
    // "fatal" where nothing after could be checked (unreadable JSON), else "error": both fail the request.
    const QString problem = operationOutcomeProblem(reply, {u"error"_s, u"fatal"_s});
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    if (reply.status == 405)
        QCOMPARE(reply.headers.value("allow"), QByteArray("POST"));
    // Diagnostics name rules and elements, never what the sender wrote.
    QVERIFY2(!reply.body.contains("Nobody"), reply.body.constData());
}

void tst_FhirIngestOverHttps::bodyOverLimitIsRefused()
{
    // A valid Patient padded to 16 times api.maxBodyBytes with a long (legal) narrative, sent the way the
    // console's own HTTP stack sends a body: all of it, then read the answer.
    const QString id = u"big-"_s + randomHex(8);
    QJsonObject big = syntheticPatient(id, u"Largely"_s, u"Lou"_s, u"1960-01-01"_s, u"MRN-L-1"_s);
    big.insert(u"text"_s, QJsonObject{{u"status"_s, u"generated"_s},
                                     {u"div"_s, QString(u"<div xmlns=\"http://www.w3.org/1999/xhtml\">"_s
                                                            + QString(16 * MaxBodyBytes, u'x') + u"</div>"_s)}});
    const QByteArray body = compact(big);
    QVERIFY(body.size() > MaxBodyBytes);
    const ApiClient::Reply reply = postFhir(u"/fhir/fhir-in/Patient"_s, body);
    QVERIFY2(reply.status == 413, qPrintable(u"a %1-byte body (limit %2): status %3 %4 %5"_s.arg(body.size())
                                                 .arg(MaxBodyBytes)
                                                 .arg(reply.status)
                                                 .arg(reply.networkError, QString::fromUtf8(reply.body))));
    // The size guard answers before any handler runs: its JSON error, or an OperationOutcome, says
    // what the limit is.
    const QJsonObject answer = reply.json();
    const QString text = answer.contains(u"error"_s)
        ? answer.value(u"error"_s).toObject().value(u"message"_s).toString()
        : answer.value(u"issue"_s).toArray().at(0).toObject().value(u"diagnostics"_s).toString();
    QVERIFY2(text.contains(QString::number(MaxBodyBytes)), reply.body.constData());

    // Nothing was stored: a small resource sent after it becomes visible, the big one never does.
    const QString marker = u"after-big-"_s + randomHex(8);
    QCOMPARE(postFhir(u"/fhir/fhir-in/Patient"_s, compact(syntheticPatient(marker, u"Small"_s, u"Sam"_s, u"1961-01-01"_s,
                                                                             u"MRN-S-1"_s)))
                 .status,
             201);
    QTRY_COMPARE_WITH_TIMEOUT(messages(u"controlId="_s + marker).size(), 1, 10000);
    QCOMPARE(messages(u"controlId="_s + id).size(), 0);
    QCOMPARE(m_node.api().get(u"/healthz"_s).body, QByteArray("ok\n"));
}

void tst_FhirIngestOverHttps::supportSeesPatientMaskedAdminRevealShowsIt()
{
    const QString family = u"Quixotic"_s + randomHex(4).toUpper();
    const QString given = u"Zebulon"_s;
    const QString birthDate = u"1931-02-03"_s;
    const QString mrn = u"MRN-P-"_s + randomHex(8);
    const ApiClient::Reply posted
        = postFhir(u"/fhir/fhir-in/Patient"_s, compact(syntheticPatient(u"phi-"_s + randomHex(8), family, given, birthDate, mrn)));
    QCOMPARE(posted.status, 201);
    const qint64 id = posted.headers.value("x-vigil-message-id").toLongLong();
    const QString messagePath = u"/api/v1/messages/%1"_s.arg(id);

    QTRY_COMPARE_WITH_TIMEOUT(m_support->get(messagePath).status, 200, 10000);
    for (const ApiClient* client : {m_support.get(), m_admin.get()}) {
        const ApiClient::Reply view = client->get(messagePath);
        QCOMPARE(view.status, 200);
        for (const QString& secret : {family, given, birthDate, mrn})
            QVERIFY2(!view.body.contains(secret.toUtf8()), qPrintable(u"%1 appears in %2"_s.arg(secret, QString::fromUtf8(view.body))));
        const QJsonObject content = view.json().value(u"content"_s).toObject();
        QCOMPARE(content.value(u"masked"_s).toBool(), true);
        const QJsonObject resource = content.value(u"resource"_s).toObject();
        QCOMPARE(resource.value(u"resourceType"_s).toString(), u"Patient"_s);
        QCOMPARE(resource.value(u"birthDate"_s).toString(), u"***"_s);
        QCOMPARE(resource.value(u"identifier"_s).toArray().at(0).toObject().value(u"value"_s).toString(), u"***"_s);
        // What is not identifying stays readable.
        QCOMPARE(resource.value(u"gender"_s).toString(), u"female"_s);
    }
    const ApiClient::Reply listed = m_support->get(u"/api/v1/messages?channel=fhir-in&type=Patient&limit=500"_s);
    QCOMPARE(listed.status, 200);
    QVERIFY(!listed.body.contains(mrn.toUtf8()));

    // A reveal needs a reason...
    const ApiClient::Reply noReason = m_admin->post(messagePath + u"/reveal"_s, QJsonObject{});
    QCOMPARE(noReason.status, 400);
    QCOMPARE(noReason.errorCode(), u"reason-required"_s);
    // ...and with one shows the real values, and is audited.
    const ApiClient::Reply revealed
        = m_admin->post(messagePath + u"/reveal"_s, QJsonObject{{u"reason"_s, u"identity check for ticket INC-4711"_s}});
    QCOMPARE(revealed.status, 200);
    const QJsonObject body = revealed.json();
    QCOMPARE(body.value(u"patientId"_s).toString(), mrn);
    const QJsonObject resource = body.value(u"content"_s).toObject().value(u"resource"_s).toObject();
    QCOMPARE(body.value(u"content"_s).toObject().value(u"masked"_s).toBool(), false);
    QCOMPARE(resource.value(u"birthDate"_s).toString(), birthDate);
    QCOMPARE(resource.value(u"name"_s).toArray().at(0).toObject().value(u"family"_s).toString(), family);
    QCOMPARE(resource.value(u"identifier"_s).toArray().at(0).toObject().value(u"value"_s).toString(), mrn);

    const ApiClient::Reply audit = m_admin->get(u"/api/v1/audit?action=reveal-phi"_s);
    QCOMPARE(audit.status, 200);
    bool audited = false;
    for (const QJsonValue& value : audit.json().value(u"items"_s).toArray()) {
        const QJsonObject entry = value.toObject();
        audited = audited
            || (entry.value(u"target"_s).toString() == u"message:%1"_s.arg(id)
                && entry.value(u"reason"_s).toString() == u"identity check for ticket INC-4711"_s);
    }
    QVERIFY2(audited, audit.body.constData());
    QVERIFY2(!audit.body.contains(mrn.toUtf8()), "the audit log must not hold the identifier");
}

void tst_FhirIngestOverHttps::criticalObservationRaisesAnAlertAndItsCorrectionResolvesIt()
{
    // A lab posts a critical glucose as a transaction: the patient, the encounter (its ward is the
    // alert's unit) and the result, which names its patient by reference only.
    const QString mrn = u"MRN-C-"_s + randomHex(6);
    const QString obsId = u"OBS-C-"_s + randomHex(6);
    const auto observation = [&](const QString& status, const QString& interpretation, double value,
                                 const QJsonObject& subject) {
        return QJsonObject{
            {u"resourceType"_s, u"Observation"_s},
            {u"identifier"_s, QJsonArray{QJsonObject{{u"system"_s, u"urn:syn:lab"_s}, {u"value"_s, obsId}}}},
            {u"status"_s, status},
            {u"code"_s, QJsonObject{{u"coding"_s, QJsonArray{QJsonObject{{u"system"_s, u"http://loinc.org"_s},
                                                                         {u"code"_s, u"2345-7"_s},
                                                                         {u"display"_s, u"Glucose"_s}}}}}},
            {u"subject"_s, subject},
            {u"effectiveDateTime"_s, u"2026-11-27T03:10:00Z"_s},
            {u"valueQuantity"_s, QJsonObject{{u"value"_s, value}, {u"unit"_s, u"mg/dL"_s}}},
            {u"interpretation"_s,
             QJsonArray{QJsonObject{
                 {u"coding"_s,
                  QJsonArray{QJsonObject{{u"system"_s, u"http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation"_s},
                                         {u"code"_s, interpretation}}}}}}}};
    };
    const QJsonObject patient{
        {u"resourceType"_s, u"Patient"_s},
        {u"identifier"_s, QJsonArray{QJsonObject{{u"system"_s, u"urn:syn:mrn"_s}, {u"value"_s, mrn}}}}};
    const QJsonObject encounter{
        {u"resourceType"_s, u"Encounter"_s},
        {u"status"_s, u"in-progress"_s},
        {u"class"_s, QJsonObject{{u"code"_s, u"IMP"_s}}},
        {u"location"_s, QJsonArray{QJsonObject{{u"location"_s, QJsonObject{{u"display"_s, u"ICU-3"_s}}},
                                               {u"status"_s, u"active"_s}}}}};
    const auto entry = [](const QJsonObject& resource) {
        return QJsonObject{{u"resource"_s, resource},
                           {u"request"_s, QJsonObject{{u"method"_s, u"POST"_s},
                                                      {u"url"_s, resource.value(u"resourceType"_s).toString()}}}};
    };
    const QJsonObject critical
        = observation(u"final"_s, u"LL"_s, 35, QJsonObject{{u"reference"_s, u"urn:uuid:syn-patient"_s}});
    const QJsonObject bundle{{u"resourceType"_s, u"Bundle"_s},
                             {u"type"_s, u"transaction"_s},
                             {u"entry"_s, QJsonArray{entry(patient), entry(encounter), entry(critical)}}};
    const ApiClient::Reply posted = postFhir(u"/fhir/fhir-in"_s, compact(bundle));
    QVERIFY2(posted.status == 200 || posted.status == 201, posted.body.constData());
    const QString correlationId = QString::fromLatin1(posted.headers.value("x-correlation-id"));
    QVERIFY(!correlationId.isEmpty());

    QJsonObject alert;
    const auto findAlert = [&] {
        alert = m_admin->get(u"/api/v1/alerts?correlationId="_s + correlationId)
                    .json()
                    .value(u"items"_s)
                    .toArray()
                    .at(0)
                    .toObject();
        return !alert.isEmpty();
    };
    QTRY_VERIFY_WITH_TIMEOUT(findAlert(), 20000);
    QCOMPARE(alert.value(u"category"_s).toString(), u"clinical"_s);
    QCOMPARE(alert.value(u"severity"_s).toString(), u"critical"_s);
    QCOMPARE(alert.value(u"unit"_s).toString(), u"ICU-3"_s);
    QCOMPARE(alert.value(u"subject"_s).toString(), u"2345-7"_s);
    QCOMPARE(alert.value(u"resultStatus"_s).toString(), u"F"_s);
    QCOMPARE(alert.value(u"title"_s).toString(), u"Critical result Glucose 35 mg/dL (LL)"_s);
    const QJsonObject evidence = alert.value(u"evidence"_s).toObject();
    QCOMPARE(evidence.value(u"flags"_s).toArray(), QJsonArray{u"LL"_s});
    QCOMPARE(evidence.value(u"value"_s).toString(), u"35"_s);
    QVERIFY(!compact(alert).contains(mrn.toLatin1())); // the patient stays masked for an admin
    const qint64 alertId = alert.value(u"id"_s).toInteger();

    // The lab corrects it to a normal value, as a single Observation naming the patient itself:
    // the same result (identifier), so the same alert resolves.
    const QJsonObject corrected = observation(
        u"corrected"_s, u"N"_s, 85,
        QJsonObject{{u"identifier"_s, QJsonObject{{u"system"_s, u"urn:syn:mrn"_s}, {u"value"_s, mrn}}}});
    const ApiClient::Reply again = postFhir(u"/fhir/fhir-in/Observation"_s, compact(corrected));
    QVERIFY2(again.status == 200 || again.status == 201, again.body.constData());
    const auto stateOf = [&] {
        return m_admin->get(u"/api/v1/alerts/%1"_s.arg(alertId)).json().value(u"state"_s).toString();
    };
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(), u"resolved"_s, 20000);
    const QJsonObject resolved = m_admin->get(u"/api/v1/alerts/%1"_s.arg(alertId)).json();
    QCOMPARE(resolved.value(u"disposition"_s).toString(), u"corrected"_s);
    QCOMPARE(resolved.value(u"resultStatus"_s).toString(), u"C"_s);
}

QTEST_GUILESS_MAIN(tst_FhirIngestOverHttps)
#include "tst_fhiringestoverhttps.moc"
