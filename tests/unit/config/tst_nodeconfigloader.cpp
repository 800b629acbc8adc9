#include "node/config/NodeConfig.h"

#include "models/hl7/Hl7Message.h"
#include "models/routing/RouteTable.h"
#include "node/fhir/FhirIngest.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

const QString kSource = u"t.json"_s;

QString demoConfigPath()
{
    return QStringLiteral(VIGIL_SOURCE_DIR "/resources/demo/node.json");
}

// A whole config around the given sections, so each row shows only what it is about.
QByteArray makeConfig(const QByteArray& channels, const QByteArray& destinations = "[]", const QByteArray& routes = "[]",
                  const QByteArray& extra = {})
{
    return "{\"version\": 1, \"channels\": " + channels + ", \"destinations\": " + destinations
           + ", \"routes\": " + routes + extra + "}";
}

const QByteArray kChannel = R"([{"name": "in", "port": 2575}])";
const QByteArray kDestinations = R"([{"name": "ehr", "kind": "mllp", "host": "ehr.example", "port": 2576},
                                     {"name": "archive", "kind": "file", "directory": "out"}])";

bool writeFile(const QString& path, const QByteArray& data)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(data) == data.size();
}

QString endpointOf(const NodeConfig& config, const QString& name)
{
    if (name == u"http"_s)
        return config.httpHost + u'|' + QString::number(config.httpPort);
    if (const ChannelConfig* channel = config.channel(name))
        return channel->host + u'|' + QString::number(channel->port);
    if (const DestinationConfig* destination = config.destination(name)) {
        if (destination->kind == DestinationConfig::Kind::Http)
            return destination->url.toString() + (destination->tls.enabled ? u" tls"_s : QString());
        return destination->host + u'|' + QString::number(destination->port);
    }
    return u"?"_s;
}

QByteArray hl7(const char* text)
{
    return QByteArray(text).replace('\n', '\r');
}

} // namespace

class tst_NodeConfigLoader : public QObject
{
    Q_OBJECT

private slots:
    void demoConfigLoads();
    void demoRoutes_data();
    void demoRoutes();
    void defaults();
    void documentedExample_data();
    void documentedExample();
    void errors_data();
    void errors();
    void reportsAllErrorsTogether();
    void missingFile();
    void relativePaths();
    void dataDirOverride();
    void overrides_data();
    void overrides();
    void fhirChannels();
    void fhirChannelHasNoListener();
    void apiDefaults();
    void apiSettings();
    void apiTls();
    void fhirRoutes_data();
    void fhirRoutes();
};

void tst_NodeConfigLoader::demoConfigLoads()
{
    QString error;
    const std::optional<NodeConfig> config = NodeConfigLoader::fromFile(demoConfigPath(), &error);
    QVERIFY2(config, qPrintable(error));
    QCOMPARE(config->nodeId, u"demo-node"_s);
    QCOMPARE(config->httpHost, u"127.0.0.1"_s);
    QCOMPARE(config->httpPort, 0);
    QVERIFY(config->dataDir.isEmpty());

    QCOMPARE(config->channels.size(), 2);
    const ChannelConfig* hl7In = config->channel(u"hl7-in"_s);
    QVERIFY(hl7In);
    QCOMPARE(hl7In->port, 0);
    QCOMPARE(hl7In->acceptMessageTypes, QStringList{u"*"_s});
    QCOMPARE(hl7In->onInvalid, InvalidMessagePolicy::Nak);
    const ChannelConfig* labIn = config->channel(u"lab-in"_s);
    QVERIFY(labIn);
    QCOMPARE(labIn->acceptMessageTypes, (QStringList{u"ORU^R01"_s, u"OML^O21"_s}));
    QCOMPARE(labIn->onInvalid, InvalidMessagePolicy::AckAndDeadLetter);

    QCOMPARE(config->destinations.size(), 3);
    const DestinationConfig* ehr = config->destination(u"ehr"_s);
    QVERIFY(ehr);
    QCOMPARE(ehr->kind, DestinationConfig::Kind::Mllp);
    QCOMPARE(ehr->host, u"127.0.0.1"_s);
    QCOMPARE(ehr->port, 2576);
    QCOMPARE(ehr->retry.initialDelayMs, 500);
    QCOMPARE(ehr->retry.maxDelayMs, 30000);
    QCOMPARE(ehr->breaker.failureThreshold, 5);
    QCOMPARE(ehr->breaker.openSeconds, 15);
    const DestinationConfig* archive = config->destination(u"archive"_s);
    QVERIFY(archive);
    QCOMPARE(archive->kind, DestinationConfig::Kind::File);
    // No dataDir in the demo file: a relative directory resolves against the config's folder.
    QCOMPARE(archive->directory, QFileInfo(demoConfigPath()).absolutePath() + u"/archive"_s);
    const DestinationConfig* lab = config->destination(u"lab-results"_s);
    QVERIFY(lab);
    QCOMPARE(lab->port, 2577);
    QCOMPARE(config->destination(u"nope"_s), nullptr);

    QCOMPARE(config->routes.size(), 4);
    QCOMPARE(config->routes.last().destinations, QStringList{u"archive"_s});
}

void tst_NodeConfigLoader::demoRoutes_data()
{
    QTest::addColumn<QByteArray>("message");
    QTest::addColumn<QStringList>("destinations");

    QTest::addRow("ADT^A01") << hl7("MSH|^~\\&|REG|HOSP|||20240101||ADT^A01|1|P|2.5\nPID|||123") << QStringList{
        u"ehr"_s, u"archive"_s};
    QTest::addRow("ADT^A08") << hl7("MSH|^~\\&|REG|HOSP|||20240101||ADT^A08|2|P|2.3\nPID|||123") << QStringList{
        u"ehr"_s, u"archive"_s};
    QTest::addRow("ORU^R01") << hl7("MSH|^~\\&|LIS|LAB|||20240101||ORU^R01^ORU_R01|3|P|2.5.1\nPID|||1")
                             << QStringList{u"ehr"_s, u"lab-results"_s, u"archive"_s};
    QTest::addRow("ORM^O01") << hl7("MSH|^~\\&|CPOE|HOSP|||20240101||ORM^O01|4|P|2.3\nPID|||1")
                             << QStringList{u"ehr"_s};
    QTest::addRow("ORU^R30 is not ORU^R01") << hl7("MSH|^~\\&|LIS|LAB|||20240101||ORU^R30|5|P|2.5.1\nPID|||1")
                                            << QStringList{u"archive"_s};
    QTest::addRow("SIU^S12") << hl7("MSH|^~\\&|SCHED|HOSP|||20240101||SIU^S12|6|P|2.4\nSCH|1")
                             << QStringList{u"archive"_s};
    QTest::addRow("OML^O21") << hl7("MSH|^~\\&|LIS|LAB|||20240101||OML^O21|7|P|2.5.1\nPID|||1")
                             << QStringList{u"archive"_s};
}

void tst_NodeConfigLoader::demoRoutes()
{
    QFETCH(QByteArray, message);
    QFETCH(QStringList, destinations);

    QString error;
    const std::optional<NodeConfig> config = NodeConfigLoader::fromFile(demoConfigPath(), &error);
    QVERIFY2(config, qPrintable(error));
    const Hl7Message::ParseResult parsed = Hl7Message::parse(message);
    QVERIFY2(parsed.ok(), qPrintable(parsed.error.message));
    QCOMPARE(RouteTable(config->routes).route(*parsed.message).destinations, destinations);
}

void tst_NodeConfigLoader::defaults()
{
    QString error;
    const std::optional<NodeConfig> config = NodeConfigLoader::fromJson(
        makeConfig(R"([{"name": "in"}])", R"([{"name": "h", "kind": "http", "url": "https://ehr.example/hl7"}])"),
        kSource, &error);
    QVERIFY2(config, qPrintable(error));
    QCOMPARE(config->nodeId, u"vigil-node"_s);
    QCOMPARE(config->dedupWindowHours, 168);
    QCOMPARE(config->groupCommitMaxBatch, 512);
    const ChannelConfig& channel = config->channels.at(0);
    QCOMPARE(channel.host, u"127.0.0.1"_s);
    QCOMPARE(channel.port, 0);
    QCOMPARE(channel.maxFrameBytes, qsizetype(16 * 1024 * 1024));
    QCOMPARE(channel.idleTimeoutSeconds, 300);
    QCOMPARE(channel.maxConnections, 256);
    QCOMPARE(channel.acceptMessageTypes, QStringList{u"*"_s});
    QVERIFY(channel.requirePatientIdentifier);
    QCOMPARE(channel.onInvalid, InvalidMessagePolicy::Nak);
    QCOMPARE(channel.ackMode, AckMode::Original);
    QVERIFY(!channel.tls.enabled);
    const DestinationConfig& http = config->destinations.at(0);
    QCOMPARE(http.kind, DestinationConfig::Kind::Http);
    QVERIFY(http.tls.enabled); // https:// implies TLS
    QVERIFY(http.tls.verifyPeer);
    QCOMPARE(http.contentType, u"application/hl7-v2"_s);
    QCOMPARE(http.requestTimeoutMs, 30000);
    QCOMPARE(http.retry.initialDelayMs, 1000);
    QCOMPARE(http.retry.maxDelayMs, 60000);
    QCOMPARE(http.retry.maxAttempts, 0);
    QCOMPARE(http.breaker.failureThreshold, 5);
    QCOMPARE(http.breaker.openSeconds, 30);
}

// docs/config.md promises that its complete example loads and routes as its notes say.
void tst_NodeConfigLoader::documentedExample_data()
{
    QTest::addColumn<QByteArray>("message");
    QTest::addColumn<QStringList>("destinations");

    QTest::addRow("test traffic") << hl7("MSH|^~\\&|REG|HOSP|||20240101||ADT^A01|1|T|2.5\nPID|||1\nPV1||I|ICU")
                                  << QStringList{u"archive"_s};
    QTest::addRow("ICU admission") << hl7("MSH|^~\\&|REG|HOSP|||20240101||ADT^A01|2|P|2.5\nPID|||1\nPV1||I|ICU^1")
                                   << QStringList{u"ehr"_s, u"fhir-gateway"_s, u"archive"_s};
    QTest::addRow("ADT^A08") << hl7("MSH|^~\\&|REG|HOSP|||20240101||ADT^A08|3|P|2.5\nPID|||1\nPV1||I|ICU^1")
                             << QStringList{u"ehr"_s, u"archive"_s};
    QTest::addRow("lab result") << hl7("MSH|^~\\&|LIS-CHEM|NORTH|||20240101||ORU^R01|4|P|2.5.1\nPID|||1")
                                << QStringList{u"ehr"_s, u"fhir-gateway"_s, u"archive"_s};
    QTest::addRow("other result") << hl7("MSH|^~\\&|RIS|NORTH|||20240101||ORU^R01|5|P|2.5.1\nPID|||1")
                                  << QStringList{u"archive"_s};
    QTest::addRow("fhir transaction") << QByteArray(R"({"resourceType": "Bundle", "type": "transaction", "entry": [
            {"resource": {"resourceType": "Patient", "identifier": [{"value": "1"}]},
             "request": {"method": "POST", "url": "Patient"}}]})")
                                      << QStringList{u"fhir-server"_s, u"archive"_s};
    QTest::addRow("fhir observation")
        << QByteArray(R"({"resourceType": "Observation", "status": "final", "code": {},
                          "subject": {"identifier": {"value": "1"}}})")
        << QStringList{u"archive"_s};
}

void tst_NodeConfigLoader::documentedExample()
{
    QFETCH(QByteArray, message);
    QFETCH(QStringList, destinations);

    QFile doc(QStringLiteral(VIGIL_SOURCE_DIR "/docs/config.md"));
    QVERIFY(doc.open(QIODevice::ReadOnly));
    const QByteArray text = doc.readAll();
    const qsizetype marker = text.indexOf("<!-- example: complete");
    QVERIFY(marker >= 0);
    const qsizetype begin = text.indexOf("```json\n", marker);
    QVERIFY(begin >= 0);
    const qsizetype end = text.indexOf("\n```", begin + 8);
    QVERIFY(end > begin);
    const QByteArray json = text.mid(begin + 8, end - begin - 8);

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString etc = QDir(dir.path()).canonicalPath() + u"/etc"_s;
    for (const char* name : {"node.pem", "node.key", "hospital-ca.pem", "client.pem", "client.key", "api.pem", "api.key"})
        QVERIFY(writeFile(etc + u"/tls/"_s + QString::fromLatin1(name), "pem"));
    QVERIFY(writeFile(etc + u"/node.json"_s, json));

    QString error;
    const std::optional<NodeConfig> config = NodeConfigLoader::fromFile(etc + u"/node.json"_s, &error);
    QVERIFY2(config, qPrintable(error));
    QCOMPARE(config->nodeId, u"ward-node-1"_s);
    QCOMPARE(config->channel(u"adt-in"_s)->tls.certificateFile, etc + u"/tls/node.pem"_s);
    QCOMPARE(config->channel(u"lab-in"_s)->ackMode, AckMode::Enhanced);
    QCOMPARE(config->destination(u"archive"_s)->directory, u"/var/lib/vigil/archive"_s);
    QCOMPARE(config->destination(u"fhir-gateway"_s)->tls.privateKeyFile, etc + u"/tls/client.key"_s);
    QCOMPARE(config->destination(u"fhir-gateway"_s)->retry.maxAttempts, 50);
    QCOMPARE(config->api.tls.certificateFile, etc + u"/tls/api.pem"_s);
    QCOMPARE(config->api.statsHistoryDays, 14);
    QVERIFY(config->api.phiFields.contains(u"ZPI-2.1"_s));
    const ChannelConfig* fhir = config->channel(u"fhir-in"_s);
    QVERIFY(fhir);
    QCOMPARE(fhir->kind, u"fhir"_s);
    QVERIFY(fhir->requirePatientIdentifier);
    const AlertsConfig& alerts = config->alerts;
    QCOMPARE(alerts.version, u"2026-11-26.1"_s);
    QCOMPARE(alerts.policies.size(), 2);
    QCOMPARE(alerts.criticalResults.size(), 1);
    QCOMPARE(alerts.operational.size(), 5);
    QCOMPARE(alerts.operational.at(0).target, u"ehr"_s);
    QCOMPARE(alerts.operational.at(4).common.maxAgeSeconds, 86400);
    QCOMPARE(alerts.webhooks.size(), 1);
    QCOMPARE(alerts.webhooks.at(0).caFile, etc + u"/tls/hospital-ca.pem"_s);
    QCOMPARE(alerts.webhooks.at(0).bearerTokenEnv, u"VIGIL_PAGER_TOKEN"_s);

    const RouteTable routes(config->routes);
    if (message.startsWith('{')) {
        const FhirIngest ingest(*fhir, routes, 1000);
        const FhirIngest::Decision decision = ingest.process(message, "4bf92f3577b34da6a3ce929d0e0e4736"_ba, 1);
        QVERIFY2(decision.record.disposition == IngestRecord::Disposition::Accepted,
                 qPrintable(decision.record.deadLetterReason));
        QCOMPARE(decision.record.destinations, destinations);
        return;
    }
    const Hl7Message::ParseResult parsed = Hl7Message::parse(message);
    QVERIFY2(parsed.ok(), qPrintable(parsed.error.message));
    QCOMPARE(routes.route(*parsed.message).destinations, destinations);
}

void tst_NodeConfigLoader::errors_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("expected");

    // Syntax: "<file>:<line>:<column>: <reason>", pointing at the offending character.
    QTest::addRow("trailing comma") << QByteArray("{\"version\": 1,\n  \"channels\": [],\n}")
                                    << u"t.json:3:1: expected a value after ','"_s;
    QTest::addRow("comment") << QByteArray("{\n  \"version\": 1,\n    // no comments\n  \"channels\": []\n}")
                             << u"t.json:3:5: comments are not allowed in JSON"_s;
    QTest::addRow("missing colon") << QByteArray("{\"version\" 1}") << u"t.json:1:12: expected ':' after the key"_s;
    QTest::addRow("column counts characters")
        << QByteArray("{\"configVersion\": \"\xc3\xa9\xc3\xa9\" \"version\": 1}")
        << u"t.json:1:24: expected ',' or '}' in the object"_s;
    QTest::addRow("single quotes") << QByteArray("{\"version\": 1,\n \"configVersion\": 'x'}")
                                   << u"t.json:2:19: invalid number or value (strings need double quotes)"_s;
    QTest::addRow("missing comma in array") << QByteArray("{\"version\": 1, \"channels\": [{}\n {}]}")
                                            << u"t.json:2:2: expected ',' between array elements"_s;
    QTest::addRow("empty") << QByteArray("  \n") << u"t.json: the file is empty"_s;
    QTest::addRow("top level array") << QByteArray("[1]") << u"t.json: the top level must be a JSON object"_s;

    // Top level.
    QTest::addRow("version missing") << QByteArray("{\"channels\": []}")
                                     << u"t.json: missing required key \"version\""_s;
    QTest::addRow("version 2") << QByteArray("{\"version\": 2}")
                               << u"t.json: version: unsupported schema version 2 (this vigil-node reads version 1)"_s;
    QTest::addRow("version string") << QByteArray("{\"version\": \"1\"}")
                                    << u"t.json: version: must be a number (got a string)"_s;
    QTest::addRow("unknown top key") << makeConfig("[]", "[]", "[]", ", \"channel\": []")
                                     << u"t.json: channel: unknown key (did you mean \"channels\"?)"_s;
    QTest::addRow("unknown key, nothing close") << makeConfig("[]", "[]", "[]", ", \"plugins\": []")
                                                << u"t.json: plugins: unknown key"_s;
    QTest::addRow("channels not an array") << makeConfig("{}") << u"t.json: channels: must be an array (got an object)"_s;
    QTest::addRow("channel not an object") << makeConfig("[5]")
                                           << u"t.json: channels[0]: must be an object (got a number)"_s;

    // node and store.
    QTest::addRow("node id") << makeConfig("[]", "[]", "[]", R"(, "node": {"id": "my node"})")
                             << u"t.json: node.id: must be 1 to 64 letters"_s;
    QTest::addRow("http port") << makeConfig("[]", "[]", "[]", R"(, "node": {"http": {"port": -1}})")
                               << u"t.json: node.http.port: must be between 0 and 65535 (got -1)"_s;
    QTest::addRow("http host") << makeConfig("[]", "[]", "[]", R"(, "node": {"http": {"host": "localhost"}})")
                               << u"t.json: node.http.host: must be an IP address"_s;
    QTest::addRow("node key typo") << makeConfig("[]", "[]", "[]", R"(, "node": {"datadir": "x"})")
                                   << u"t.json: node.datadir: unknown key (did you mean \"dataDir\"?)"_s;
    QTest::addRow("fractional hours") << makeConfig("[]", "[]", "[]", R"(, "store": {"dedupWindowHours": 0.5})")
                                      << u"t.json: store.dedupWindowHours: must be a whole number (got 0.5)"_s;
    QTest::addRow("zero batch") << makeConfig("[]", "[]", "[]", R"(, "store": {"groupCommitMaxBatch": 0})")
                                << u"t.json: store.groupCommitMaxBatch: must be between 1 and 100000 (got 0)"_s;

    // Channels.
    QTest::addRow("port range") << makeConfig(R"([{"name": "a"}, {"name": "b", "port": 70000}])")
                                << u"t.json: channels[1].port: must be between 0 and 65535 (got 70000)"_s;
    QTest::addRow("port type") << makeConfig(R"([{"name": "a", "port": "2575"}])")
                               << u"t.json: channels[0].port: must be a number (got a string)"_s;
    QTest::addRow("channel name missing") << makeConfig(R"([{"port": 1}])")
                                          << u"t.json: channels[0]: missing required key \"name\""_s;
    QTest::addRow("channel name empty") << makeConfig(R"([{"name": ""}])")
                                        << u"t.json: channels[0].name: must not be empty"_s;
    QTest::addRow("channel name chars") << makeConfig(R"([{"name": "adt in"}])")
                                        << u"t.json: channels[0].name: must be 1 to 64 letters"_s;
    QTest::addRow("channel name reserved") << makeConfig(R"([{"name": "http"}])")
                                           << u"t.json: channels[0].name: \"http\" is reserved"_s;
    QTest::addRow("channel kind") << makeConfig(R"([{"name": "a", "kind": "hl7"}])")
                                  << u"t.json: channels[0].kind: unknown channel kind \"hl7\" (channels are \"mllp\" "
                                     "listeners or \"fhir\" endpoints)"_s;
    QTest::addRow("channel kind typo") << makeConfig(R"([{"name": "a", "kind": "fihr"}])")
                                       << u"(did you mean \"fhir\"?)"_s;

    // FHIR channels.
    QTest::addRow("fhir channel port") << makeConfig(R"([{"name": "f", "kind": "fhir", "port": 8080}])")
                                       << u"t.json: channels[0].port: not used by fhir channels: FHIR channels are "
                                          "served on node.http"_s;
    QTest::addRow("fhir channel tls") << makeConfig(R"([{"name": "f", "kind": "fhir", "tls": {}}])")
                                      << u"t.json: channels[0].tls: not used by fhir channels"_s;
    QTest::addRow("fhir channel message types")
        << makeConfig(R"([{"name": "f", "kind": "fhir", "acceptMessageTypes": ["ADT"]}])")
        << u"t.json: channels[0].acceptMessageTypes: not used by fhir channels"_s;
    QTest::addRow("fhir channel ackMode") << makeConfig(R"([{"name": "f", "kind": "fhir", "ackMode": "enhanced"}])")
                                          << u"t.json: channels[0].ackMode: not used by fhir channels"_s;
    QTest::addRow("fhir onInvalid nak") << makeConfig(R"([{"name": "f", "kind": "fhir", "onInvalid": "nak"}])")
                                        << u"t.json: channels[0].onInvalid: must be one of \"reject\", "
                                           "\"accept-and-dead-letter\" (got \"nak\")"_s;
    QTest::addRow("mllp onInvalid reject") << makeConfig(R"([{"name": "m", "onInvalid": "reject"}])")
                                           << u"t.json: channels[0].onInvalid: must be one of \"nak\", "
                                              "\"ack-and-dead-letter\" (got \"reject\")"_s;
    QTest::addRow("mllp resource types") << makeConfig(R"([{"name": "m", "acceptResourceTypes": ["Patient"]}])")
                                         << u"t.json: channels[0].acceptResourceTypes: not used by mllp channels"_s;
    QTest::addRow("resource type typo")
        << makeConfig(R"([{"name": "f", "kind": "fhir", "acceptResourceTypes": ["Bundle", "Patinet"]}])")
        << u"t.json: channels[0].acceptResourceTypes[1]: \"Patinet\" is not a FHIR R4 resource type (did you mean "
           "\"Patient\"?)"_s;
    QTest::addRow("resource type as a string") << makeConfig(R"([{"name": "f", "kind": "fhir", "acceptResourceTypes": "patient"}])")
                                               << u"t.json: channels[0].acceptResourceTypes: \"patient\" is not a FHIR "
                                                  "R4 resource type"_s;
    QTest::addRow("resource types empty") << makeConfig(R"([{"name": "f", "kind": "fhir", "acceptResourceTypes": []}])")
                                          << u"t.json: channels[0].acceptResourceTypes: must not be empty"_s;
    QTest::addRow("fhir require type") << makeConfig(R"([{"name": "f", "kind": "fhir", "requirePatientIdentifier": 1}])")
                                       << u"t.json: channels[0].requirePatientIdentifier: must be true or false"_s;

    // node.http.tls and api.
    QTest::addRow("api tls half") << makeConfig("[]", "[]", "[]", R"(, "node": {"http": {"tls": {"certificate": "x.pem"}}})")
                                  << u"t.json: node.http.tls: privateKey is missing: give both certificate and "
                                     "privateKey, or neither"_s;
    QTest::addRow("api tls unreadable") << makeConfig("[]", "[]", "[]", R"(, "node": {"http": {"tls": {"certificate": "/nonexistent/x.pem",
                                                                       "privateKey": "/nonexistent/x.key"}}})")
                                        << u"t.json: node.http.tls.certificate: cannot read \"/nonexistent/x.pem\""_s;
    QTest::addRow("api tls off") << makeConfig("[]", "[]", "[]", R"(, "node": {"http": {"tls": {"enabled": false}}})")
                                 << u"t.json: node.http.tls.enabled: the API server always uses TLS (plain HTTP only "
                                    "with --insecure-dev"_s;
    QTest::addRow("api tls ca") << makeConfig("[]", "[]", "[]", R"(, "node": {"http": {"tls": {"ca": "ca.pem"}}})")
                                << u"t.json: node.http.tls.ca: not used: the API server presents its certificate"_s;
    QTest::addRow("api tls typo") << makeConfig("[]", "[]", "[]", R"(, "node": {"http": {"tls": {"privatekey": "k"}}})")
                                  << u"t.json: node.http.tls.privatekey: unknown key (did you mean \"privateKey\"?)"_s;
    QTest::addRow("api tls type") << makeConfig("[]", "[]", "[]", R"(, "node": {"http": {"tls": true}})")
                                  << u"t.json: node.http.tls: must be an object (got a boolean)"_s;
    QTest::addRow("api not an object") << makeConfig("[]", "[]", "[]", R"(, "api": [])")
                                       << u"t.json: api: must be an object (got an array)"_s;
    QTest::addRow("api key typo") << makeConfig("[]", "[]", "[]", R"(, "api": {"tokenTtlMinute": 5})")
                                  << u"t.json: api.tokenTtlMinute: unknown key (did you mean \"tokenTtlMinutes\"?)"_s;
    QTest::addRow("token ttl zero") << makeConfig("[]", "[]", "[]", R"(, "api": {"tokenTtlMinutes": 0})")
                                    << u"t.json: api.tokenTtlMinutes: must be between 1 and 1440 (got 0)"_s;
    QTest::addRow("body too small") << makeConfig("[]", "[]", "[]", R"(, "api": {"maxBodyBytes": 10})")
                                    << u"t.json: api.maxBodyBytes: must be between 1024 and 1073741824 (got 10)"_s;
    QTest::addRow("lockout type") << makeConfig("[]", "[]", "[]", R"(, "api": {"signIn": {"lockoutSeconds": "5m"}})")
                                  << u"t.json: api.signIn.lockoutSeconds: must be a number (got a string)"_s;
    QTest::addRow("failures zero") << makeConfig("[]", "[]", "[]", R"(, "api": {"signIn": {"failuresBeforeDelay": 0}})")
                                   << u"t.json: api.signIn.failuresBeforeDelay: must be between 1 and 1000 (got 0)"_s;
    QTest::addRow("signIn typo") << makeConfig("[]", "[]", "[]", R"(, "api": {"signIn": {"lockoutSecond": 5}})")
                                 << u"t.json: api.signIn.lockoutSecond: unknown key (did you mean \"lockoutSeconds\"?)"_s;
    QTest::addRow("phi dot") << makeConfig("[]", "[]", "[]", R"(, "api": {"phiFields": ["PID-3", "PID.5"]})")
                             << u"t.json: api.phiFields[1]: \"PID.5\" is not a PHI field path (SEG-n or SEG-n.c"_s;
    QTest::addRow("phi zero") << makeConfig("[]", "[]", "[]", R"(, "api": {"phiFields": ["PID-0"]})")
                              << u"t.json: api.phiFields[0]: \"PID-0\" is not a PHI field path"_s;
    QTest::addRow("phi lower case") << makeConfig("[]", "[]", "[]", R"(, "api": {"phiFields": "pid-5"})")
                                    << u"t.json: api.phiFields: \"pid-5\" is not a PHI field path"_s;
    QTest::addRow("phi subcomponent") << makeConfig("[]", "[]", "[]", R"(, "api": {"phiFields": ["PID-5.1.2"]})")
                                      << u"t.json: api.phiFields[0]: \"PID-5.1.2\" is not a PHI field path"_s;
    QTest::addRow("phi repetition") << makeConfig("[]", "[]", "[]", R"x(, "api": {"phiFields": ["PID-3(2)"]})x")
                                    << u"t.json: api.phiFields[0]: \"PID-3(2)\" is not a PHI field path"_s;
    QTest::addRow("phi empty") << makeConfig("[]", "[]", "[]", R"(, "api": {"phiFields": []})")
                               << u"t.json: api.phiFields: must not be empty: patient data would be shown to every "
                                  "role"_s;
    QTest::addRow("phi not strings") << makeConfig("[]", "[]", "[]", R"(, "api": {"phiFields": ["PID-3", 5]})")
                                     << u"t.json: api.phiFields[1]: must be a string (got a number)"_s;
    QTest::addRow("history days") << makeConfig("[]", "[]", "[]", R"(, "api": {"statsHistoryDays": 0})")
                                  << u"t.json: api.statsHistoryDays: must be between 1 and 3650 (got 0)"_s;
    QTest::addRow("stream buffer") << makeConfig("[]", "[]", "[]", R"(, "api": {"streamBufferEvents": 1.5})")
                                   << u"t.json: api.streamBufferEvents: must be a whole number (got 1.5)"_s;
    QTest::addRow("channel key typo") << makeConfig(R"([{"name": "a", "prot": 1}])")
                                      << u"t.json: channels[0].prot: unknown key (did you mean \"port\"?)"_s;
    QTest::addRow("channel host") << makeConfig(R"([{"name": "a", "host": "example.org"}])")
                                  << u"t.json: channels[0].host: must be an IP address"_s;
    QTest::addRow("idle timeout") << makeConfig(R"([{"name": "a", "idleTimeoutSeconds": 0}])")
                                  << u"t.json: channels[0].idleTimeoutSeconds: must be at least 1 (got 0)"_s;
    QTest::addRow("max connections") << makeConfig(R"([{"name": "a", "maxConnections": -3}])")
                                     << u"t.json: channels[0].maxConnections: must be between 1 and 65535 (got -3)"_s;
    QTest::addRow("frame size") << makeConfig(R"([{"name": "a", "maxFrameBytes": 10}])")
                                << u"t.json: channels[0].maxFrameBytes: must be between 1024 and"_s;
    QTest::addRow("lower-case type") << makeConfig(R"([{"name": "a", "acceptMessageTypes": ["ADT^*", "adt"]}])")
                                     << u"t.json: channels[0].acceptMessageTypes[1]: \"adt\" is not a message-type "
                                        "pattern"_s;
    QTest::addRow("structure instead of type")
        << makeConfig(R"([{"name": "a", "acceptMessageTypes": ["ADT_A01"]}])")
        << u"channels[0].acceptMessageTypes[0]: \"ADT_A01\" is not a message-type pattern"_s;
    QTest::addRow("type without caret") << makeConfig(R"([{"name": "a", "acceptMessageTypes": ["ADTA01"]}])")
                                        << u"the message type must be three letters or digits"_s;
    QTest::addRow("three parts") << makeConfig(R"([{"name": "a", "acceptMessageTypes": "ORU^R01^ORU_R01"}])")
                                 << u"t.json: channels[0].acceptMessageTypes: \"ORU^R01^ORU_R01\" is not a "
                                    "message-type pattern"_s;
    QTest::addRow("empty accept list") << makeConfig(R"([{"name": "a", "acceptMessageTypes": []}])")
                                       << u"t.json: channels[0].acceptMessageTypes: must not be empty"_s;
    QTest::addRow("on invalid") << makeConfig(R"([{"name": "a", "onInvalid": "drop"}])")
                                << u"t.json: channels[0].onInvalid: must be one of \"nak\", \"ack-and-dead-letter\" "
                                   "(got \"drop\")"_s;
    QTest::addRow("ack mode") << makeConfig(R"([{"name": "a", "ackMode": "Enhanced"}])")
                              << u"t.json: channels[0].ackMode: must be one of \"original\", \"enhanced\" (got "
                                 "\"Enhanced\") (did you mean \"enhanced\"?)"_s;
    QTest::addRow("requirePatientIdentifier type") << makeConfig(R"([{"name": "a", "requirePatientIdentifier": 1}])")
                                                   << u"t.json: channels[0].requirePatientIdentifier: must be true or "
                                                      "false (got a number)"_s;
    QTest::addRow("tls without key") << makeConfig(R"([{"name": "a", "tls": {"certificate": "c.pem"}}])")
                                     << u"t.json: channels[0].tls: TLS is enabled but privateKey is missing"_s;
    QTest::addRow("tls empty") << makeConfig(R"([{"name": "a", "tls": {}}])")
                               << u"t.json: channels[0].tls: TLS is enabled but certificate and privateKey are "
                                  "missing"_s;
    QTest::addRow("tls unreadable") << makeConfig(R"([{"name": "a", "tls": {"certificate": "/nonexistent/c.pem",
                                                                       "privateKey": "/nonexistent/k.pem"}}])")
                                    << u"t.json: channels[0].tls.certificate: cannot read \"/nonexistent/c.pem\""_s;
    QTest::addRow("tls verifyPeer on a listener") << makeConfig(R"([{"name": "a", "tls": {"enabled": false,
                                                                                     "verifyPeer": true}}])")
                                                  << u"t.json: channels[0].tls.verifyPeer: only destinations verify"_s;
    QTest::addRow("duplicate channel") << makeConfig(R"([{"name": "in"}, {"name": "out"}, {"name": "in"}])")
                                       << u"t.json: channels[2].name: duplicate name \"in\" (also used by "
                                          "channels[0])"_s;
    QTest::addRow("same listen address") << makeConfig(R"([{"name": "a", "port": 2575}, {"name": "b", "port": 2575}])")
                                         << u"t.json: channels[1].port: 127.0.0.1:2575 is already used by "
                                            "channels[0]"_s;
    QTest::addRow("listen address of http")
        << makeConfig(R"([{"name": "a", "port": 8080}])", "[]", "[]", R"(, "node": {"http": {"port": 8080}})")
        << u"t.json: channels[0].port: 127.0.0.1:8080 is already used by node.http"_s;

    // Destinations.
    QTest::addRow("destination kind missing") << makeConfig("[]", R"([{"name": "d"}])")
                                              << u"t.json: destinations[0]: missing required key \"kind\""_s;
    QTest::addRow("destination kind unknown") << makeConfig("[]", R"([{"name": "d", "kind": "kafka"}])")
                                              << u"t.json: destinations[0].kind: must be one of \"mllp\", \"http\", "
                                                 "\"file\" (got \"kafka\")"_s;
    QTest::addRow("destination name missing") << makeConfig("[]", R"([{"kind": "file", "directory": "x"}])")
                                              << u"t.json: destinations[0]: missing required key \"name\""_s;
    QTest::addRow("mllp host missing") << makeConfig("[]", R"([{"name": "d", "kind": "mllp", "port": 1}])")
                                       << u"t.json: destinations[0]: missing required key \"host\""_s;
    QTest::addRow("mllp port missing") << makeConfig("[]", R"([{"name": "d", "kind": "mllp", "host": "h"}])")
                                       << u"t.json: destinations[0]: missing required key \"port\""_s;
    QTest::addRow("mllp port zero") << makeConfig("[]", R"([{"name": "d", "kind": "mllp", "host": "h", "port": 0}])")
                                    << u"t.json: destinations[0].port: must be between 1 and 65535 (got 0)"_s;
    QTest::addRow("mllp host with port")
        << makeConfig("[]", R"([{"name": "d", "kind": "mllp", "host": "h:2576", "port": 2576}])")
        << u"t.json: destinations[0].host: must be a host name or IP address without a port"_s;
    QTest::addRow("ack timeout") << makeConfig("[]", R"([{"name": "d", "kind": "mllp", "host": "h", "port": 1,
                                                      "ackTimeoutMs": 0}])")
                                 << u"t.json: destinations[0].ackTimeoutMs: must be at least 1 (got 0)"_s;
    QTest::addRow("connect timeout") << makeConfig("[]", R"([{"name": "d", "kind": "mllp", "host": "h", "port": 1,
                                                          "connectTimeoutMs": -5}])")
                                     << u"t.json: destinations[0].connectTimeoutMs: must be at least 1 (got -5)"_s;
    QTest::addRow("key of another kind") << makeConfig("[]", R"([{"name": "d", "kind": "mllp", "host": "h", "port": 1,
                                                              "url": "http://x/"}])")
                                         << u"t.json: destinations[0].url: not used by mllp destinations"_s;
    QTest::addRow("http url missing") << makeConfig("[]", R"([{"name": "d", "kind": "http"}])")
                                      << u"t.json: destinations[0]: missing required key \"url\""_s;
    QTest::addRow("http url scheme") << makeConfig("[]", R"([{"name": "d", "kind": "http", "url": "ftp://x/y"}])")
                                     << u"t.json: destinations[0].url: must be an http:// or https:// URL (got "
                                        "\"ftp://x/y\")"_s;
    QTest::addRow("http url without host") << makeConfig("[]", R"([{"name": "d", "kind": "http", "url": "http:/x"}])")
                                           << u"t.json: destinations[0].url: must name a host"_s;
    QTest::addRow("http request timeout")
        << makeConfig("[]", R"([{"name": "d", "kind": "http", "url": "http://x/", "requestTimeoutMs": 0}])")
        << u"t.json: destinations[0].requestTimeoutMs: must be at least 1 (got 0)"_s;
    QTest::addRow("http tls enabled") << makeConfig("[]", R"([{"name": "d", "kind": "http", "url": "http://x/",
                                                           "tls": {"enabled": true}}])")
                                      << u"t.json: destinations[0].tls.enabled: http destinations use TLS when the "
                                         "url is https://"_s;
    QTest::addRow("client cert without key")
        << makeConfig("[]", R"([{"name": "d", "kind": "mllp", "host": "h", "port": 1, "tls": {"certificate": "c"}}])")
        << u"t.json: destinations[0].tls: a client certificate needs both certificate and privateKey"_s;
    QTest::addRow("file directory missing") << makeConfig("[]", R"([{"name": "d", "kind": "file"}])")
                                            << u"t.json: destinations[0]: missing required key \"directory\""_s;
    QTest::addRow("file pattern placeholder")
        << makeConfig("[]", R"([{"name": "d", "kind": "file", "directory": "x", "fileNamePattern": "{date}_{id}"}])")
        << u"t.json: destinations[0].fileNamePattern: unknown placeholder {date}"_s;
    QTest::addRow("file pattern path")
        << makeConfig("[]", R"([{"name": "d", "kind": "file", "directory": "x", "fileNamePattern": "a/{id}"}])")
        << u"t.json: destinations[0].fileNamePattern: must be a file name, not a path"_s;
    QTest::addRow("retry delays") << makeConfig("[]", R"([{"name": "d", "kind": "file", "directory": "x",
                                                       "retry": {"initialDelayMs": 500, "maxDelayMs": 100}}])")
                                  << u"t.json: destinations[0].retry.maxDelayMs: must be at least initialDelayMs "
                                     "(500) (got 100)"_s;
    QTest::addRow("retry initial") << makeConfig("[]", R"([{"name": "d", "kind": "file", "directory": "x",
                                                        "retry": {"initialDelayMs": 0}}])")
                                   << u"t.json: destinations[0].retry.initialDelayMs: must be at least 1 (got 0)"_s;
    QTest::addRow("retry attempts") << makeConfig("[]", R"([{"name": "d", "kind": "file", "directory": "x",
                                                         "retry": {"maxAttempts": -1}}])")
                                    << u"t.json: destinations[0].retry.maxAttempts: must be at least 0 (got -1)"_s;
    QTest::addRow("breaker threshold") << makeConfig("[]", R"([{"name": "d", "kind": "file", "directory": "x",
                                                            "breaker": {"failureThreshold": 0}}])")
                                       << u"t.json: destinations[0].breaker.failureThreshold: must be at least 1 (got "
                                          "0)"_s;
    QTest::addRow("breaker typo") << makeConfig("[]", R"([{"name": "d", "kind": "file", "directory": "x",
                                                       "breaker": {"openSecond": 3}}])")
                                  << u"t.json: destinations[0].breaker.openSecond: unknown key (did you mean "
                                     "\"openSeconds\"?)"_s;
    QTest::addRow("duplicate destination") << makeConfig("[]", R"([{"name": "d", "kind": "file", "directory": "x"},
                                                               {"name": "d", "kind": "file", "directory": "y"}])")
                                           << u"t.json: destinations[1].name: duplicate name \"d\" (also used by "
                                              "destinations[0])"_s;

    // Routes.
    QTest::addRow("route to unknown destination")
        << makeConfig(kChannel, kDestinations, R"([{"destinations": ["ehr", "archve"]}])")
        << u"t.json: routes[0].destinations[1]: no destination named \"archve\" (did you mean \"archive\"?)"_s;
    QTest::addRow("route destinations missing") << makeConfig(kChannel, kDestinations, R"([{"name": "r"}])")
                                                << u"t.json: routes[0]: missing required key \"destinations\""_s;
    QTest::addRow("route to nowhere") << makeConfig(kChannel, kDestinations, R"([{"destinations": []}])")
                                      << u"t.json: routes[0].destinations: is empty, so the rule does nothing"_s;
    QTest::addRow("route message type")
        << makeConfig(kChannel, kDestinations, R"([{"match": {"messageType": ["ADT", "ORU^R01^X"]}, "destinations": []
                                               , "stop": true}])")
        << u"t.json: routes[0].match.messageType[1]: \"ORU^R01^X\" is not a message-type pattern"_s;
    QTest::addRow("route trigger case")
        << makeConfig(kChannel, kDestinations, R"([{"match": {"triggerEvent": "a01"}, "destinations": ["ehr"]}])")
        << u"t.json: routes[0].match.triggerEvent: \"a01\" is not a trigger event pattern"_s;
    QTest::addRow("route field path")
        << makeConfig(kChannel, kDestinations, R"([{"match": {"fields": {"PV1.3": "ICU"}}, "destinations": ["ehr"]}])")
        << u"t.json: routes[0].match.fields[\"PV1.3\"]: \"PV1.3\" is not a field path"_s;
    QTest::addRow("route field zero")
        << makeConfig(kChannel, kDestinations, R"([{"match": {"fields": {"PID-0": "x"}}, "destinations": ["ehr"]}])")
        << u"expected a field number >= 1"_s;
    QTest::addRow("route field occurrence")
        << makeConfig(kChannel, kDestinations, R"([{"match": {"fields": {"OBX(0)-5": "x"}}, "destinations": ["ehr"]}])")
        << u"bad segment occurrence"_s;
    QTest::addRow("route field value type")
        << makeConfig(kChannel, kDestinations, R"([{"match": {"fields": {"PV1-3.1": 4}}, "destinations": ["ehr"]}])")
        << u"t.json: routes[0].match.fields[\"PV1-3.1\"]: must be a string or an array of strings (got a number)"_s;
    QTest::addRow("route match typo")
        << makeConfig(kChannel, kDestinations, R"([{"match": {"messageTyp": "ADT"}, "destinations": ["ehr"]}])")
        << u"t.json: routes[0].match.messageTyp: unknown key (did you mean \"messageType\"?)"_s;
    QTest::addRow("route stop type")
        << makeConfig(kChannel, kDestinations, R"([{"destinations": ["ehr"], "stop": "yes"}])")
        << u"t.json: routes[0].stop: must be true or false (got a string)"_s;
    QTest::addRow("route fhir type typo")
        << makeConfig(kChannel, kDestinations, R"([{"match": {"messageType": "Patinet"}, "destinations": ["ehr"]}])")
        << u"t.json: routes[0].match.messageType: \"Patinet\" is not a FHIR message-type pattern (ResourceType or "
           "ResourceType^EVENT, e.g. \"Observation\", \"Bundle^transaction\"): \"Patinet\" is not a FHIR R4 resource "
           "type (did you mean \"Patient\"?)"_s;
    QTest::addRow("route fhir event")
        << makeConfig(kChannel, kDestinations, R"([{"match": {"messageType": "Bundle^a b"}, "destinations": ["ehr"]}])")
        << u"t.json: routes[0].match.messageType: \"Bundle^a b\" is not a FHIR message-type pattern"_s;
    QTest::addRow("route fhir trigger needs fhir types")
        << makeConfig(kChannel, kDestinations,
                      R"([{"match": {"messageType": ["ADT", "Bundle"], "triggerEvent": "patient-link"}, "destinations": ["ehr"]}])")
        << u"t.json: routes[0].match.triggerEvent: \"patient-link\" is not a trigger event pattern"_s;
    QTest::addRow("route hl7 type still checked")
        << makeConfig(kChannel, kDestinations, R"([{"match": {"messageType": "ADTA01"}, "destinations": ["ehr"]}])")
        << u"t.json: routes[0].match.messageType: \"ADTA01\" is not a message-type pattern"_s;
    QTest::addRow("duplicate route") << makeConfig(kChannel, kDestinations, R"([{"name": "r", "destinations": ["ehr"]},
                                                                            {"name": "r", "destinations": ["ehr"]}])")
                                     << u"t.json: routes[1].name: duplicate name \"r\" (also used by routes[0])"_s;
}

void tst_NodeConfigLoader::errors()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, expected);

    QString error;
    const std::optional<NodeConfig> config = NodeConfigLoader::fromJson(json, kSource, &error);
    QVERIFY2(!config, "the config must be rejected");
    QVERIFY2(error.contains(expected), qPrintable(u"expected \"%1\" in:\n%2"_s.arg(expected, error)));
    const QStringList lines = error.split(u'\n');
    for (const QString& line : lines)
        QVERIFY2(line.startsWith(kSource + u':'), qPrintable(line));
}

void tst_NodeConfigLoader::reportsAllErrorsTogether()
{
    const QByteArray json = makeConfig(R"([{"name": "in", "port": 70000}, {"port": 1}])",
                                   R"([{"name": "ehr", "kind": "http", "url": "ftp://x/"},
                                       {"name": "file", "kind": "file"}])",
                                   R"([{"match": {"fields": {"PV1": "x"}}, "destinations": ["ehrr"]}])",
                                   R"(, "store": {"groupCommitMaxBatch": "many"})");
    QString error;
    QVERIFY(!NodeConfigLoader::fromJson(json, kSource, &error));
    const QStringList expected{
        u"t.json: store.groupCommitMaxBatch: must be a number (got a string)"_s,
        u"t.json: channels[0].port: must be between 0 and 65535 (got 70000)"_s,
        u"t.json: channels[1]: missing required key \"name\""_s,
        u"t.json: destinations[0].url: must be an http:// or https:// URL (got \"ftp://x/\")"_s,
        u"t.json: destinations[1]: missing required key \"directory\""_s,
        u"t.json: routes[0].match.fields.PV1: \"PV1\" is not a field path"_s,
        u"t.json: routes[0].destinations[0]: no destination named \"ehrr\" (did you mean \"ehr\"?)"_s,
    };
    const QStringList lines = error.split(u'\n');
    QCOMPARE(lines.size(), expected.size());
    for (const QString& want : expected) {
        const bool found = std::any_of(lines.begin(), lines.end(), [&](const QString& line) {
            return line.startsWith(want);
        });
        QVERIFY2(found, qPrintable(u"missing \"%1\" in:\n%2"_s.arg(want, error)));
    }
}

void tst_NodeConfigLoader::missingFile()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(u"absent.json"_s);
    QString error;
    QVERIFY(!NodeConfigLoader::fromFile(path, &error));
    QVERIFY2(error.startsWith(path + u": cannot open"_s), qPrintable(error));
}

void tst_NodeConfigLoader::relativePaths()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString root = QDir(dir.path()).canonicalPath();
    QVERIFY(writeFile(root + u"/etc/certs/node.pem"_s, "cert"));
    QVERIFY(writeFile(root + u"/etc/certs/node.key"_s, "key"));
    QVERIFY(writeFile(root + u"/etc/certs/ca.pem"_s, "ca"));
    const QByteArray sections = makeConfig(
        R"([{"name": "in", "tls": {"certificate": "certs/node.pem", "privateKey": "certs/node.key"}}])",
        R"([{"name": "out", "kind": "mllp", "host": "h", "port": 1, "tls": {"ca": "certs/ca.pem"}},
            {"name": "rel", "kind": "file", "directory": "spool/rel"},
            {"name": "abs", "kind": "file", "directory": ")" + root.toUtf8() + R"(/abs"}])");
    QByteArray withDataDir = sections;
    withDataDir.insert(1, R"("node": {"dataDir": "../var"}, )");
    QVERIFY(writeFile(root + u"/etc/with.json"_s, withDataDir));
    QVERIFY(writeFile(root + u"/etc/without.json"_s, sections));

    QString error;
    const std::optional<NodeConfig> with = NodeConfigLoader::fromFile(root + u"/etc/with.json"_s, &error);
    QVERIFY2(with, qPrintable(error));
    QCOMPARE(with->configDir, root + u"/etc"_s);
    QCOMPARE(with->dataDir, root + u"/var"_s);
    QCOMPARE(with->channels.at(0).tls.certificateFile, root + u"/etc/certs/node.pem"_s);
    QCOMPARE(with->channels.at(0).tls.privateKeyFile, root + u"/etc/certs/node.key"_s);
    QVERIFY(with->channels.at(0).tls.enabled);
    QCOMPARE(with->destination(u"out"_s)->tls.caFile, root + u"/etc/certs/ca.pem"_s);
    QVERIFY(with->destination(u"out"_s)->tls.enabled);
    QCOMPARE(with->destination(u"rel"_s)->directory, root + u"/var/spool/rel"_s);
    QCOMPARE(with->destination(u"abs"_s)->directory, root + u"/abs"_s);

    const std::optional<NodeConfig> without = NodeConfigLoader::fromFile(root + u"/etc/without.json"_s, &error);
    QVERIFY2(without, qPrintable(error));
    QVERIFY(without->dataDir.isEmpty());
    QCOMPARE(without->destination(u"rel"_s)->directory, root + u"/etc/spool/rel"_s);
    QCOMPARE(without->destination(u"abs"_s)->directory, root + u"/abs"_s);
}

void tst_NodeConfigLoader::dataDirOverride()
{
    QString error;
    std::optional<NodeConfig> config = NodeConfigLoader::fromFile(demoConfigPath(), &error);
    QVERIFY2(config, qPrintable(error));
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QVERIFY(NodeConfigLoader::applyDataDirOverride(*config, dir.path() + u"/data/../data"_s, &error));
    QCOMPARE(config->dataDir, QDir::cleanPath(dir.path() + u"/data"_s));
    QCOMPARE(config->destination(u"archive"_s)->directory, QDir::cleanPath(dir.path() + u"/data/archive"_s));

    // A relative --data-dir is relative to the working directory, like any command-line path.
    QVERIFY(NodeConfigLoader::applyDataDirOverride(*config, u"rel-data"_s, &error));
    QCOMPARE(config->dataDir, QDir::current().absoluteFilePath(u"rel-data"_s));
    QCOMPARE(config->destination(u"archive"_s)->directory, QDir::current().absoluteFilePath(u"rel-data/archive"_s));

    QVERIFY(!NodeConfigLoader::applyDataDirOverride(*config, u" "_s, &error));
    QVERIFY2(error.contains(u"--data-dir"_s), qPrintable(error));
}

void tst_NodeConfigLoader::overrides_data()
{
    QTest::addColumn<bool>("listen");
    QTest::addColumn<QString>("spec");
    QTest::addColumn<QString>("item");
    QTest::addColumn<QString>("expected"); // endpoint after a good override, else an error substring
    QTest::addColumn<bool>("ok");

    QTest::addRow("listen port") << true << u"adt-in=2575"_s << u"adt-in"_s << u"127.0.0.1|2575"_s << true;
    QTest::addRow("listen zero") << true << u"lab-in=0"_s << u"lab-in"_s << u"127.0.0.1|0"_s << true;
    QTest::addRow("listen host and port") << true << u"adt-in=0.0.0.0:2580"_s << u"adt-in"_s << u"0.0.0.0|2580"_s
                                          << true;
    QTest::addRow("listen ipv6") << true << u"adt-in=[::1]:2581"_s << u"adt-in"_s << u"::1|2581"_s << true;
    QTest::addRow("listen http") << true << u"http=8443"_s << u"http"_s << u"127.0.0.1|8443"_s << true;
    QTest::addRow("listen http host") << true << u"http=0.0.0.0:9000"_s << u"http"_s << u"0.0.0.0|9000"_s << true;
    QTest::addRow("listen bad port") << true << u"adt-in=70000"_s << u"adt-in"_s
                                     << u"--listen adt-in=70000: the port must be between 0 and 65535 (got 70000)"_s
                                     << false;
    QTest::addRow("listen port not a number") << true << u"adt-in=abc"_s << u"adt-in"_s
                                              << u"--listen adt-in=abc: the port must be a number (got \"abc\")"_s
                                              << false;
    QTest::addRow("listen unknown") << true << u"adt-inn=1"_s << u"adt-in"_s
                                    << u"--listen adt-inn=1: no listener named \"adt-inn\" (did you mean \"adt-in\"?); "
                                       "listeners: http, adt-in, lab-in"_s
                                    << false;
    QTest::addRow("listen destination name") << true << u"ehr=1"_s << u"ehr"_s << u"no listener named \"ehr\""_s
                                             << false;
    QTest::addRow("listen no equals") << true << u"adt-in"_s << u"adt-in"_s
                                      << u"--listen adt-in: expected NAME=[HOST:]PORT"_s << false;
    QTest::addRow("listen host name") << true << u"adt-in=localhost:1"_s << u"adt-in"_s
                                      << u"the host must be an IP address"_s << false;
    QTest::addRow("listen bare ipv6") << true << u"adt-in=::1:5"_s << u"adt-in"_s
                                      << u"write an IPv6 address in brackets"_s << false;
    QTest::addRow("listen empty host") << true << u"adt-in=:5"_s << u"adt-in"_s << u"the host before ':' is empty"_s
                                       << false;

    QTest::addRow("target mllp") << false << u"ehr=127.0.0.1:2576"_s << u"ehr"_s << u"127.0.0.1|2576"_s << true;
    QTest::addRow("target mllp name") << false << u"ehr=ehr.test:3000"_s << u"ehr"_s << u"ehr.test|3000"_s << true;
    QTest::addRow("target http url") << false << u"rest=http://10.0.0.5:8080/in"_s << u"rest"_s
                                     << u"http://10.0.0.5:8080/in"_s << true;
    QTest::addRow("target http https url") << false << u"rest=https://ehr.test/hl7"_s << u"rest"_s
                                           << u"https://ehr.test/hl7 tls"_s << true;
    QTest::addRow("target http host:port keeps path") << false << u"rest=127.0.0.1:9090"_s << u"rest"_s
                                                      << u"https://127.0.0.1:9090/api/hl7 tls"_s << true;
    QTest::addRow("target port only") << false << u"ehr=2576"_s << u"ehr"_s
                                      << u"--target ehr=2576: expected HOST:PORT"_s << false;
    QTest::addRow("target port zero") << false << u"ehr=h:0"_s << u"ehr"_s
                                      << u"--target ehr=h:0: the port must be between 1 and 65535 (got 0)"_s << false;
    QTest::addRow("target unknown") << false << u"lab-out=h:1"_s << u"ehr"_s
                                    << u"--target lab-out=h:1: no destination named \"lab-out\"; destinations: ehr, "
                                       "rest, archive"_s
                                    << false;
    QTest::addRow("target file") << false << u"archive=h:1"_s << u"ehr"_s
                                 << u"\"archive\" is a file destination; it has no network target"_s << false;
    QTest::addRow("target url on mllp") << false << u"ehr=http://h/"_s << u"ehr"_s
                                        << u"\"ehr\" is an mllp destination: expected HOST:PORT, not a URL"_s << false;
    QTest::addRow("target ftp url") << false << u"rest=ftp://h/x"_s << u"rest"_s
                                    << u"--target rest=ftp://h/x: the URL must be an http:// or https:// URL"_s << false;
    QTest::addRow("target bad host") << false << u"ehr=bad_host!:1"_s << u"ehr"_s
                                     << u"the host is not a valid host name or IP address"_s << false;
}

void tst_NodeConfigLoader::overrides()
{
    QFETCH(bool, listen);
    QFETCH(QString, spec);
    QFETCH(QString, item);
    QFETCH(QString, expected);
    QFETCH(bool, ok);

    QString error;
    std::optional<NodeConfig> config = NodeConfigLoader::fromJson(
        makeConfig(R"([{"name": "adt-in", "port": 2575}, {"name": "lab-in"}])",
               R"([{"name": "ehr", "kind": "mllp", "host": "ehr.example", "port": 2576},
                   {"name": "rest", "kind": "http", "url": "https://ehr.example/api/hl7"},
                   {"name": "archive", "kind": "file", "directory": "out"}])"),
        kSource, &error);
    QVERIFY2(config, qPrintable(error));
    const QString before = endpointOf(*config, item);

    const bool applied = listen ? NodeConfigLoader::applyListenOverride(*config, spec, &error)
                                : NodeConfigLoader::applyTargetOverride(*config, spec, &error);
    QCOMPARE(applied, ok);
    if (ok) {
        QCOMPARE(endpointOf(*config, item), expected);
    } else {
        QVERIFY2(error.contains(expected), qPrintable(u"expected \"%1\" in: %2"_s.arg(expected, error)));
        QCOMPARE(endpointOf(*config, item), before);
    }
}

void tst_NodeConfigLoader::fhirChannels()
{
    QString error;
    const std::optional<NodeConfig> config = NodeConfigLoader::fromJson(
        makeConfig(R"([{"name": "fhir-in", "kind": "fhir"},
                       {"name": "fhir-lab", "kind": "fhir", "acceptResourceTypes": ["Observation", "Bundle"],
                        "requirePatientIdentifier": true, "onInvalid": "accept-and-dead-letter"},
                       {"name": "one", "kind": "fhir", "acceptResourceTypes": "Patient", "onInvalid": "reject"},
                       {"name": "hl7-in", "kind": "mllp"}])"),
        kSource, &error);
    QVERIFY2(config, qPrintable(error));
    const ChannelConfig* plain = config->channel(u"fhir-in"_s);
    QVERIFY(plain);
    QCOMPARE(plain->kind, u"fhir"_s);
    QCOMPARE(plain->acceptResourceTypes, QStringList{u"*"_s});
    QVERIFY(!plain->requirePatientIdentifier); // FHIR resources often carry no patient
    QCOMPARE(plain->onInvalid, InvalidMessagePolicy::Nak);
    QCOMPARE(plain->port, 0);
    QVERIFY(plain->host.isEmpty()); // no listener of its own
    const ChannelConfig* lab = config->channel(u"fhir-lab"_s);
    QCOMPARE(lab->acceptResourceTypes, (QStringList{u"Observation"_s, u"Bundle"_s}));
    QVERIFY(lab->requirePatientIdentifier);
    QCOMPARE(lab->onInvalid, InvalidMessagePolicy::AckAndDeadLetter);
    QCOMPARE(config->channel(u"one"_s)->acceptResourceTypes, QStringList{u"Patient"_s});
    QCOMPARE(config->channel(u"one"_s)->onInvalid, InvalidMessagePolicy::Nak);
    const ChannelConfig* hl7 = config->channel(u"hl7-in"_s);
    QCOMPARE(hl7->kind, u"mllp"_s);
    QVERIFY(hl7->requirePatientIdentifier); // unchanged for MLLP
}

void tst_NodeConfigLoader::fhirChannelHasNoListener()
{
    QString error;
    std::optional<NodeConfig> config = NodeConfigLoader::fromJson(
        makeConfig(R"([{"name": "adt-in", "port": 2575}, {"name": "fhir-in", "kind": "fhir"}])", "[]", "[]",
                   R"(, "node": {"http": {"port": 2575}})"),
        kSource, &error);
    // node.http and an MLLP channel on one port clash; a FHIR channel never does.
    QVERIFY(!config);
    QVERIFY2(error.contains(u"channels[0].port: 127.0.0.1:2575 is already used by node.http"_s), qPrintable(error));
    QCOMPARE(error.count(u'\n'), 0);

    config = NodeConfigLoader::fromJson(
        makeConfig(R"([{"name": "adt-in", "port": 2575}, {"name": "fhir-in", "kind": "fhir"}])"), kSource, &error);
    QVERIFY2(config, qPrintable(error));
    QVERIFY(!NodeConfigLoader::applyListenOverride(*config, u"fhir-in=9000"_s, &error));
    QCOMPARE(error, u"--listen fhir-in=9000: \"fhir-in\" is a FHIR channel, served on the node's HTTP listener: move "
                    "that one with --listen http=[HOST:]PORT"_s);
    QVERIFY(!NodeConfigLoader::applyListenOverride(*config, u"fhir-inn=9000"_s, &error));
    QVERIFY2(error.endsWith(u"listeners: http, adt-in"_s), qPrintable(error));
    QCOMPARE(config->channel(u"fhir-in"_s)->port, 0);
}

void tst_NodeConfigLoader::apiDefaults()
{
    QString error;
    const std::optional<NodeConfig> config = NodeConfigLoader::fromJson(makeConfig("[]"), kSource, &error);
    QVERIFY2(config, qPrintable(error));
    const ApiConfig defaults;
    const ApiConfig& api = config->api;
    QVERIFY(api.tls.enabled);
    QVERIFY(api.tls.certificateFile.isEmpty()); // a self-signed pair is made in dataDir
    QVERIFY(api.tls.privateKeyFile.isEmpty());
    QVERIFY(!api.insecureDev);
    QCOMPARE(api.tokenTtlMinutes, 15);
    QCOMPARE(api.maxBodyBytes, 16LL * 1024 * 1024);
    QCOMPARE(api.signInFailuresBeforeDelay, 3);
    QCOMPARE(api.signInLockoutSeconds, 300);
    QCOMPARE(api.phiFields, defaults.phiFields);
    QVERIFY(api.phiFields.contains(u"PID-3"_s));
    QCOMPARE(api.statsHistoryDays, 7);
    QCOMPARE(api.streamBufferEvents, 10000);
}

void tst_NodeConfigLoader::apiSettings()
{
    QString error;
    const std::optional<NodeConfig> config = NodeConfigLoader::fromJson(
        makeConfig("[]", "[]", "[]", R"(, "api": {"tokenTtlMinutes": 30, "maxBodyBytes": 1048576,
                                       "signIn": {"failuresBeforeDelay": 5, "lockoutSeconds": 900},
                                       "phiFields": ["PID-5", "PID-11.1", "ZPI-2", "PID-5"],
                                       "statsHistoryDays": 30, "streamBufferEvents": 50000})"),
        kSource, &error);
    QVERIFY2(config, qPrintable(error));
    const ApiConfig& api = config->api;
    QCOMPARE(api.tokenTtlMinutes, 30);
    QCOMPARE(api.maxBodyBytes, qint64(1048576));
    QCOMPARE(api.signInFailuresBeforeDelay, 5);
    QCOMPARE(api.signInLockoutSeconds, 900);
    // The list replaces the default one; a repeat is harmless.
    QCOMPARE(api.phiFields, (QStringList{u"PID-5"_s, u"PID-11.1"_s, u"ZPI-2"_s}));
    QCOMPARE(api.statsHistoryDays, 30);
    QCOMPARE(api.streamBufferEvents, 50000);

    const std::optional<NodeConfig> partial = NodeConfigLoader::fromJson(
        makeConfig("[]", "[]", "[]", R"(, "api": {"signIn": {"lockoutSeconds": 60}})"), kSource, &error);
    QVERIFY2(partial, qPrintable(error));
    QCOMPARE(partial->api.signInLockoutSeconds, 60);
    QCOMPARE(partial->api.signInFailuresBeforeDelay, 3);
}

void tst_NodeConfigLoader::apiTls()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString root = QDir(dir.path()).canonicalPath();
    QVERIFY(writeFile(root + u"/etc/tls/api.pem"_s, "cert"));
    QVERIFY(writeFile(root + u"/etc/tls/api.key"_s, "key"));
    QVERIFY(writeFile(root + u"/etc/with.json"_s,
                      makeConfig("[]", "[]", "[]",
                                 R"(, "node": {"http": {"port": 8443, "tls": {"certificate": "tls/api.pem",
                                                                              "privateKey": "tls/api.key"}}})")));
    QVERIFY(writeFile(root + u"/etc/neither.json"_s,
                      makeConfig("[]", "[]", "[]", R"(, "node": {"http": {"tls": {}}})")));
    QString error;
    const std::optional<NodeConfig> with = NodeConfigLoader::fromFile(root + u"/etc/with.json"_s, &error);
    QVERIFY2(with, qPrintable(error));
    QVERIFY(with->api.tls.enabled);
    QCOMPARE(with->api.tls.certificateFile, root + u"/etc/tls/api.pem"_s);
    QCOMPARE(with->api.tls.privateKeyFile, root + u"/etc/tls/api.key"_s);
    QCOMPARE(with->httpPort, 8443);

    const std::optional<NodeConfig> neither = NodeConfigLoader::fromFile(root + u"/etc/neither.json"_s, &error);
    QVERIFY2(neither, qPrintable(error));
    QVERIFY(neither->api.tls.enabled);
    QVERIFY(neither->api.tls.certificateFile.isEmpty());
}

void tst_NodeConfigLoader::fhirRoutes_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QStringList>("destinations");

    QTest::addRow("observation") << QByteArray(R"({"resourceType": "Observation", "status": "final", "code": {}})")
                                 << QStringList{u"results"_s, u"archive"_s};
    QTest::addRow("transaction") << QByteArray(R"({"resourceType": "Bundle", "type": "transaction", "entry": [
                                                 {"request": {"method": "DELETE", "url": "Patient/1"}}]})")
                                 << QStringList{u"ehr"_s, u"archive"_s};
    QTest::addRow("patient-link message")
        << QByteArray(R"({"resourceType": "Bundle", "type": "message", "entry": [{"resource": {"resourceType":
               "MessageHeader", "id": "h", "eventCoding": {"code": "patient-link"}, "source": {"endpoint": "urn:x"}}}]})")
        << QStringList{u"mpi"_s, u"archive"_s};
    QTest::addRow("patient") << QByteArray(R"({"resourceType": "Patient"})") << QStringList{u"archive"_s};
}

void tst_NodeConfigLoader::fhirRoutes()
{
    QFETCH(QByteArray, body);
    QFETCH(QStringList, destinations);

    QString error;
    const std::optional<NodeConfig> config = NodeConfigLoader::fromJson(
        makeConfig(R"([{"name": "fhir-in", "kind": "fhir"}])",
                   R"([{"name": "ehr", "kind": "mllp", "host": "h", "port": 1},
                       {"name": "results", "kind": "mllp", "host": "h", "port": 2},
                       {"name": "mpi", "kind": "mllp", "host": "h", "port": 3},
                       {"name": "archive", "kind": "file", "directory": "a"}])",
                   R"([{"name": "results", "match": {"messageType": ["Observation", "DiagnosticReport"]}, "destinations": "results"},
                       {"name": "tx", "match": {"messageType": "Bundle^transaction"}, "destinations": ["ehr"]},
                       {"name": "links", "match": {"messageType": "Bundle", "triggerEvent": ["patient-*", "merge"]},
                        "destinations": ["mpi"]},
                       {"name": "adt", "match": {"messageType": "ADT"}, "destinations": ["ehr"]},
                       {"name": "all", "destinations": ["archive"]}])"),
        kSource, &error);
    QVERIFY2(config, qPrintable(error));
    QCOMPARE(config->routes.at(2).triggerEvents, (QStringList{u"patient-*"_s, u"merge"_s}));
    const RouteTable routes(config->routes);
    const FhirIngest ingest(*config->channel(u"fhir-in"_s), routes, 1000);
    const FhirIngest::Decision decision = ingest.process(body, "4bf92f3577b34da6a3ce929d0e0e4736"_ba, 1);
    QCOMPARE(decision.record.destinations, destinations);
}

QTEST_GUILESS_MAIN(tst_NodeConfigLoader)
#include "tst_nodeconfigloader.moc"
