// Integration tests of the alert service (issue 4, "What it must show") on real vigil-node processes:
// critical ORU^R01 results sent by an independent MLLP client (python-hl7's mllp_send), alerts read
// through the real ops API over pinned HTTPS by users made with the real CLI, `alert.changed` events
// on a real WebSocket subscriber, webhook pages received by an HTTP server in this process, and a
// node killed with SIGKILL in the middle of an escalation.
//
// Two nodes: the "ward" node (slow escalation, a webhook, a destination that is down) for raising,
// deduplication, corrections, silences, webhooks and operational alerts; the "fast" node (5 s, then
// 3 s per level) for escalation on time and across a hard restart.
#include "IntegrationHelpers.h"
#include "OpsApiHelpers.h"

#include "tests/support/ApiClient.h"
#include "tests/support/BlockingMllpClient.h"
#include "tests/support/NodeProcess.h"

#include <QDateTime>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkRequest>
#include <QProcess>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QSslError>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QWebSocket>

#include <algorithm>
#include <functional>
#include <memory>

using namespace OpsApiHelpers;
using namespace Qt::StringLiterals;

namespace {

// Users (made with `vigil-node user add`): a nurse of ICU-3, a nurse of another unit, support, admin.
const QString Nina = u"nina"_s;
const QString Olaf = u"olaf"_s;
const QString Sam = u"sam"_s;
const QString Ada = u"ada"_s;
const QString Unit = u"ICU-3"_s;

constexpr int WaitMs = 30000;              ///< generous: the machine is shared and slow
constexpr int SlowTimeoutSeconds = 60;     ///< ward node: no escalation by timeout during its tests
/// Fast node: the first level gives the test time to kill the node before its deadline; the others
/// keep the test short.
constexpr int FastFirstLevelSeconds = 5;
constexpr int FastLevelSeconds = 3;

const QString CriticalRule = u"critical-result"_s;
const QString DownRule = u"lab-down"_s;

QJsonObject objectOf(const QJsonValue& value)
{
    return value.toObject();
}

qint64 msOf(const QJsonValue& isoTime)
{
    return QDateTime::fromString(isoTime.toString(), Qt::ISODateWithMs).toMSecsSinceEpoch();
}

QStringList strings(const QJsonValue& value)
{
    QStringList list;
    for (const QJsonValue& v : value.toArray())
        list << v.toString();
    return list;
}

QByteArray compact(const QJsonObject& object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

/// The transitions of an alert's history with this action, oldest first.
QList<QJsonObject> transitions(const QJsonObject& alert, const QString& action)
{
    QList<QJsonObject> list;
    for (const QJsonValue& v : alert.value(u"history").toArray()) {
        if (v.toObject().value(u"action").toString() == action)
            list << v.toObject();
    }
    return list;
}

/// The alert's notifications (outbox entries) of this channel and reason.
QList<QJsonObject> notificationsOf(const QJsonObject& alert, const QString& channel, const QString& reason)
{
    QList<QJsonObject> list;
    for (const QJsonValue& v : alert.value(u"notifications").toArray()) {
        const QJsonObject n = v.toObject();
        if (n.value(u"channel").toString() == channel && n.value(u"reason").toString() == reason)
            list << n;
    }
    return list;
}

/// The reasons of the pages an `alert.changed` event asked for.
QStringList pageReasons(const QJsonObject& eventFrame)
{
    QStringList reasons;
    for (const QJsonValue& v : eventFrame.value(u"data").toObject().value(u"notifications").toArray())
        reasons << v.toObject().value(u"reason").toString();
    return reasons;
}

/// Sum of the samples of a metric family in Prometheus text whose labels contain every one of
/// `labels` (e.g. `outcome="failed"`); 0 when there are none.
double metricSum(const QByteArray& exposition, const QByteArray& family, const QList<QByteArray>& labels = {})
{
    double sum = 0;
    for (const QByteArray& line : exposition.split('\n')) {
        if (!line.startsWith(QByteArray(family + '{')) && !line.startsWith(QByteArray(family + ' ')))
            continue;
        const QByteArray series = line.left(line.lastIndexOf(' '));
        if (std::all_of(labels.cbegin(), labels.cend(), [&](const QByteArray& l) { return series.contains(l); }))
            sum += line.mid(line.lastIndexOf(' ') + 1).toDouble();
    }
    return sum;
}

/// A message of tests/data/hl7/alerts with its MSH-10 and patient (PID-3.1) replaced, so each test
/// has its own control ID (no transport duplicate) and, with another patient, its own dedup key.
QByteArray alertMessage(const QString& file, const QString& controlId = {}, const QString& patientId = {})
{
    QFile f(QStringLiteral(VIGIL_TEST_DATA_DIR "/hl7/alerts/") + file);
    if (!f.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", qPrintable(f.fileName()));
    QByteArray bytes = f.readAll();
    if (!controlId.isEmpty()) {
        const qsizetype end = bytes.indexOf('\r');
        QList<QByteArray> msh = bytes.left(end).split('|');
        msh[9] = controlId.toUtf8(); // msh[0] is "MSH", msh[1] MSH-2: MSH-10 is msh[9]
        bytes = QByteArray(msh.join('|') + bytes.mid(end));
    }
    if (!patientId.isEmpty())
        bytes.replace("|SYN-0001^", QByteArray("|" + patientId.toUtf8() + '^'));
    return bytes;
}

/// Sends messages with python-hl7's `mllp_send` (an MLLP client independent of ours); the MSA-1
/// codes it printed, in order. Waits with the event loop running, so the webhook receiver of this
/// process keeps answering meanwhile.
QStringList mllpSend(quint16 port, const QList<QByteArray>& messages)
{
    const QString program = QStandardPaths::findExecutable(u"mllp_send"_s);
    if (program.isEmpty())
        return {u"mllp_send (Debian package python3-hl7) is not installed"_s};
    QTemporaryDir dir;
    QFile batch(dir.filePath(u"batch.hl7"_s));
    if (!batch.open(QIODevice::WriteOnly))
        return {u"cannot write the batch file"_s};
    for (const QByteArray& m : messages)
        batch.write('\x0b' + m + "\x1c\r");
    batch.close();
    QProcess peer;
    peer.start(program, {u"--port"_s, QString::number(port), u"--file"_s, batch.fileName(), u"127.0.0.1"_s});
    if (!QTest::qWaitFor([&] { return peer.state() == QProcess::NotRunning; }, 60000)) {
        peer.kill();
        peer.waitForFinished(5000);
        return {u"mllp_send did not finish"_s};
    }
    QStringList codes;
    const QString output = QString::fromUtf8(peer.readAllStandardOutput());
    for (const QString& s : output.split(QRegularExpression(u"[\\r\\n]+"_s), Qt::SkipEmptyParts)) {
        if (s.startsWith(u"MSA|"))
            codes << s.section(u'|', 1, 1);
    }
    if (codes.isEmpty())
        codes << u"no ACK; exit %1: %2"_s.arg(peer.exitCode()).arg(QString::fromUtf8(peer.readAllStandardError()));
    return codes;
}

/// A paging system: a plain HTTP/1.1 server that records each request (headers, JSON body) and
/// answers with the status `answer` picks for it.
class WebhookReceiver
{
public:
    struct Request
    {
        QHash<QByteArray, QByteArray> headers;       ///< lower-case names
        QByteArray body;
        QJsonObject json;
        int answeredWith = 0;
    };

    WebhookReceiver()
    {
        QObject::connect(&m_server, &QTcpServer::newConnection, &m_server, [this] {
            while (QTcpSocket* socket = m_server.nextPendingConnection()) {
                QObject::connect(socket, &QTcpSocket::readyRead, socket, [this, socket] { serve(socket); });
                QObject::connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            }
        });
    }

    bool listen() { return m_server.listen(QHostAddress::LocalHost, 0); }
    quint16 port() const { return m_server.serverPort(); }

    std::function<int(const QJsonObject&)> answer = [](const QJsonObject&) { return 200; };
    QList<Request> requests;

    /// Requests about one alert.
    QList<Request> about(qint64 alertId) const
    {
        QList<Request> list;
        for (const Request& r : requests) {
            if (r.json.value(u"alertId").toInteger() == alertId)
                list << r;
        }
        return list;
    }

private:
    void serve(QTcpSocket* socket)
    {
        QByteArray& buffer = m_buffers[socket];
        buffer += socket->readAll();
        for (;;) {
            const qsizetype end = buffer.indexOf("\r\n\r\n");
            if (end < 0)
                return;
            Request request;
            const QList<QByteArray> lines = buffer.left(end).split('\n');
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
            request.json = QJsonDocument::fromJson(request.body).object();
            request.answeredWith = answer(request.json);
            requests.append(request);
            const QByteArray reason = request.answeredWith < 300 ? "OK" : "Internal Server Error";
            socket->write(QByteArray("HTTP/1.1 " + QByteArray::number(request.answeredWith) + ' ' + reason
                                     + "\r\nContent-Length: 0\r\nConnection: keep-alive\r\n\r\n"));
        }
    }

    QTcpServer m_server;
    QHash<QTcpSocket*, QByteArray> m_buffers;
};

/// One stream connection pinned to the node's certificate: every frame it receives, in order.
class StreamClient
{
public:
    explicit StreamClient(const QString& pinnedFingerprint)
        : m_pin(pinnedFingerprint)
    {
        QObject::connect(&m_socket, &QWebSocket::sslErrors, &m_socket, [this](const QList<QSslError>& errors) {
            for (const QSslError& error : errors) {
                if (!error.certificate().isNull() && ApiClient::fingerprintOf(error.certificate()) != m_pin)
                    return;
            }
            m_socket.ignoreSslErrors();
        });
        QObject::connect(&m_socket, &QWebSocket::textMessageReceived, &m_socket,
                         [this](const QString& text) { m_frames.append(QJsonDocument::fromJson(text.toUtf8()).object()); });
    }

    /// Connects with the token on the upgrade request and subscribes; false when either fails.
    bool openAndSubscribe(quint16 port, const QString& token, const QStringList& topics)
    {
        QNetworkRequest request(QUrl(u"wss://127.0.0.1:%1/api/v1/stream"_s.arg(port)));
        request.setRawHeader("Authorization", "Bearer " + token.toLatin1());
        m_socket.open(request);
        if (!QTest::qWaitFor([this] { return has(u"hello"_s); }, WaitMs))
            return false;
        m_socket.sendTextMessage(QString::fromUtf8(compact(QJsonObject{
            {u"type"_s, u"subscribe"_s}, {u"topics"_s, QJsonArray::fromStringList(topics)}})));
        return QTest::qWaitFor([this] { return has(u"subscribed"_s); }, WaitMs);
    }

    /// Every `alert.changed` event about this alert received so far.
    QList<QJsonObject> alertEvents(qint64 alertId) const
    {
        QList<QJsonObject> list;
        for (const QJsonObject& f : m_frames) {
            if (f.value(u"event").toString() == u"alert.changed"
                && f.value(u"data").toObject().value(u"id").toInteger() == alertId)
                list << f;
        }
        return list;
    }
    /// The first `alert.changed` event about this alert whose pages include `reason` (waits).
    QJsonObject waitForPage(qint64 alertId, const QString& reason, int timeoutMs = WaitMs) const
    {
        QJsonObject found;
        const bool arrived = QTest::qWaitFor(
            [&] {
                for (const QJsonObject& e : alertEvents(alertId)) {
                    if (pageReasons(e).contains(reason)) {
                        found = e;
                        return true;
                    }
                }
                return false;
            },
            timeoutMs);
        return arrived ? found : QJsonObject();
    }
    /// The highest seq of a stats.tick received so far (0 if none).
    qint64 lastTickSeq() const
    {
        qint64 seq = 0;
        for (const QJsonObject& f : m_frames) {
            if (f.value(u"event").toString() == u"stats.tick")
                seq = std::max(seq, f.value(u"seq").toInteger());
        }
        return seq;
    }
    QByteArray allFramesText() const
    {
        QByteArray text;
        for (const QJsonObject& f : m_frames)
            text += compact(f) + '\n';
        return text;
    }
    void close() { m_socket.close(); }

private:
    bool has(const QString& type) const
    {
        for (const QJsonObject& f : m_frames) {
            if (f.value(u"type").toString() == type)
                return true;
        }
        return false;
    }

    QString m_pin;
    QWebSocket m_socket;
    QList<QJsonObject> m_frames;
};

/// An escalation policy: level i notifies levels[i] and times out after timeouts[i] seconds.
QJsonObject policy(const QString& name, const QList<QStringList>& levels, const QList<int>& timeouts)
{
    QJsonArray array;
    for (qsizetype i = 0; i < levels.size(); ++i) {
        array.append(QJsonObject{{u"notify"_s, QJsonArray::fromStringList(levels.at(i))},
                                 {u"ackTimeoutSeconds"_s, timeouts.at(i)}});
    }
    return QJsonObject{{u"name"_s, name}, {u"levels"_s, array}};
}

QJsonObject clinicalPolicy(const QList<int>& timeouts)
{
    return policy(u"clinical-critical"_s,
                  {{u"unit"_s}, {u"unit"_s, u"role:charge-nurse"_s}, {u"role:charge-nurse"_s, u"role:house-supervisor"_s}},
                  timeouts);
}

QJsonObject criticalRule()
{
    return QJsonObject{{u"id"_s, CriticalRule}, {u"kind"_s, u"criticalResult"_s}};
}

} // namespace

class tst_AlertsOverLoopback : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    // The ward node.
    void criticalResultRaisesOneAlert();
    void resentMessageRaisesNothingNew();
    void correctedResultUpdatesThenResolves();
    void webhookGetsPagesWithoutPatientIdentifiers();
    void silenceSuppressesAndIsCounted();
    void failedWebhookPageEscalatesAtOnce();
    void operationalAlertBelongsToSupport();

    // The fast node.
    void escalatesOnTimeUntilAcknowledged();
    void restartMidEscalationEscalatesExactlyOnce();

    // A node of its own.
    void acknowledgedButUnresolvedPagesAgain();

private:
    static QJsonObject wardConfig(quint16 webhookPort, quint16 closedPort);
    static QJsonObject fastConfig();
    static bool addUsers(const NodeProcess& node, QString* error);
    /// Signs in every user on `node` into `tokens`.
    static bool signInAll(const NodeProcess& node, QHash<QString, QString>& tokens);
    ApiClient as(const QString& user) const { return as(m_ward, m_tokens, user); }
    static ApiClient as(const NodeProcess& node, const QHash<QString, QString>& tokens, const QString& user);
    /// The alert behind the message with this MSH-10 (waits for both); empty when none appears.
    static QJsonObject alertOfMessage(const ApiClient& client, const QString& controlId);
    static QJsonObject detail(const ApiClient& client, qint64 alertId);

    QTemporaryDir m_tmp;
    WebhookReceiver m_webhook;
    NodeProcess m_ward;
    QHash<QString, QString> m_tokens;
    std::unique_ptr<StreamClient> m_supportStream;
    std::unique_ptr<StreamClient> m_nurseStream;
    qint64 m_firstAlertId = 0;

    NodeProcess m_fast;
    QHash<QString, QString> m_fastTokens;
};

QJsonObject tst_AlertsOverLoopback::wardConfig(quint16 webhookPort, quint16 closedPort)
{
    // ADT goes to a destination nothing listens on (the operational alert's cause); results to a file.
    const QJsonObject labDown{{u"name"_s, u"lab-down"_s},
                              {u"kind"_s, u"mllp"_s},
                              {u"host"_s, u"127.0.0.1"_s},
                              {u"port"_s, int(closedPort)},
                              {u"connectTimeoutMs"_s, 1000},
                              {u"ackTimeoutMs"_s, 2000},
                              {u"retry"_s, QJsonObject{{u"initialDelayMs"_s, 100}, {u"maxDelayMs"_s, 300}, {u"maxAttempts"_s, 0}}},
                              {u"breaker"_s, QJsonObject{{u"failureThreshold"_s, 2}, {u"openSeconds"_s, 60}}}};
    const QJsonArray routes{
        QJsonObject{{u"name"_s, u"adt-to-lab"_s},
                    {u"match"_s, QJsonObject{{u"messageType"_s, u"ADT"_s}}},
                    {u"destinations"_s, QJsonArray{u"lab-down"_s}},
                    {u"stop"_s, true}},
        QJsonObject{{u"name"_s, u"results"_s}, {u"destinations"_s, QJsonArray{u"archive"_s}}}};
    QJsonObject config = IntegrationHelpers::nodeConfig(
        {IntegrationHelpers::channel(u"hl7-in"_s)},
        {IntegrationHelpers::fileDestination(u"archive"_s, u"archive"_s), labDown}, routes);
    config.insert(
        u"alerts"_s,
        QJsonObject{
            {u"version"_s, u"it-ward-1"_s},
            {u"policies"_s,
             QJsonArray{clinicalPolicy({SlowTimeoutSeconds, SlowTimeoutSeconds, SlowTimeoutSeconds}),
                        policy(u"support"_s, {{u"team:support"_s}, {u"team:support"_s, u"role:admin"_s}},
                               {SlowTimeoutSeconds, SlowTimeoutSeconds})}},
            {u"rules"_s,
             QJsonArray{criticalRule(),
                        QJsonObject{{u"id"_s, DownRule}, {u"kind"_s, u"destinationDown"_s},
                                    {u"destination"_s, u"lab-down"_s}, {u"forSeconds"_s, 1}}}},
            {u"webhooks"_s,
             QJsonArray{QJsonObject{{u"name"_s, u"pager"_s},
                                    {u"url"_s, u"http://127.0.0.1:%1/vigil"_s.arg(webhookPort)},
                                    {u"maxAttempts"_s, 3},
                                    {u"initialDelayMs"_s, 50},
                                    {u"maxDelayMs"_s, 200},
                                    {u"timeoutMs"_s, 5000}}}}});
    return config;
}

QJsonObject tst_AlertsOverLoopback::fastConfig()
{
    QJsonObject config = IntegrationHelpers::nodeConfig(
        {IntegrationHelpers::channel(u"hl7-in"_s)}, {IntegrationHelpers::fileDestination(u"archive"_s, u"archive"_s)},
        {IntegrationHelpers::routeAll({u"archive"_s})});
    config.insert(u"alerts"_s, QJsonObject{{u"version"_s, u"it-fast-1"_s},
                                          {u"policies"_s, QJsonArray{clinicalPolicy({FastFirstLevelSeconds, FastLevelSeconds, FastLevelSeconds})}},
                                          {u"rules"_s, QJsonArray{criticalRule()}}});
    return config;
}

bool tst_AlertsOverLoopback::addUsers(const NodeProcess& node, QString* error)
{
    return node.addUser(Nina, u"nurse"_s, {Unit}, password(Nina), error)
        && node.addUser(Olaf, u"nurse"_s, {u"5A"_s}, password(Olaf), error)
        && node.addUser(Sam, u"support"_s, {}, password(Sam), error)
        && node.addUser(Ada, u"admin"_s, {}, password(Ada), error);
}

bool tst_AlertsOverLoopback::signInAll(const NodeProcess& node, QHash<QString, QString>& tokens)
{
    for (const QString& user : {Nina, Olaf, Sam, Ada}) {
        ApiClient client = node.api();
        if (signInWaiting(client, user).status != 200)
            return false;
        tokens.insert(user, client.token());
    }
    return true;
}

ApiClient tst_AlertsOverLoopback::as(const NodeProcess& node, const QHash<QString, QString>& tokens, const QString& user)
{
    ApiClient client = node.api();
    client.setToken(tokens.value(user));
    return client;
}

QJsonObject tst_AlertsOverLoopback::alertOfMessage(const ApiClient& client, const QString& controlId)
{
    const QString correlationId =
        waitForMessage(client, u"controlId="_s + controlId, WaitMs).value(u"correlationId").toString();
    if (correlationId.isEmpty())
        return {};
    QJsonObject found;
    const bool listed = QTest::qWaitFor(
        [&] {
            found = items(client.get(u"/api/v1/alerts?correlationId="_s + correlationId)).at(0).toObject();
            return !found.isEmpty();
        },
        WaitMs);
    return listed ? found : QJsonObject();
}

QJsonObject tst_AlertsOverLoopback::detail(const ApiClient& client, qint64 alertId)
{
    return client.get(u"/api/v1/alerts/%1"_s.arg(alertId)).json();
}

void tst_AlertsOverLoopback::initTestCase()
{
    QVERIFY2(!QStandardPaths::findExecutable(u"mllp_send"_s).isEmpty(),
             "mllp_send (Debian package python3-hl7) is not installed");
    QVERIFY(m_webhook.listen());
    QString error;
    QVERIFY2(m_ward.start(wardConfig(m_webhook.port(), IntegrationHelpers::freePort()), &error), qPrintable(error));
    QVERIFY(m_ward.isSecure());
    QVERIFY2(addUsers(m_ward, &error), qPrintable(error));
    QVERIFY(signInAll(m_ward, m_tokens));

    // Consoles watching before anything happens: support, and the ICU-3 nurse.
    m_supportStream = std::make_unique<StreamClient>(m_ward.fingerprint());
    QVERIFY(m_supportStream->openAndSubscribe(m_ward.port(u"http"_s), m_tokens.value(Sam), {u"alerts"_s}));
    m_nurseStream = std::make_unique<StreamClient>(m_ward.fingerprint());
    QVERIFY(m_nurseStream->openAndSubscribe(m_ward.port(u"http"_s), m_tokens.value(Nina), {u"alerts"_s, u"stats"_s}));

    // The rules in force are the test's, not the built-in ones.
    const QJsonObject rules = as(Sam).get(u"/api/v1/alert-rules"_s).json();
    QCOMPARE(rules.value(u"version").toString(), u"it-ward-1"_s);
    QCOMPARE(rules.value(u"rules").toArray().size(), 2);
}

void tst_AlertsOverLoopback::cleanupTestCase()
{
    if (m_supportStream)
        m_supportStream->close();
    if (m_nurseStream)
        m_nurseStream->close();
    if (m_ward.isRunning())
        QCOMPARE(m_ward.terminate(), 0);
    if (m_fast.isRunning())
        QCOMPARE(m_fast.terminate(), 0);
}

// ---------------------------------------------------------------------------------------------
// The ward node

void tst_AlertsOverLoopback::criticalResultRaisesOneAlert()
{
    QCOMPARE(mllpSend(m_ward.port(u"hl7-in"_s), {alertMessage(u"oru_r01_critical_potassium_final.hl7"_s)}),
             QStringList{u"AA"_s});

    const ApiClient support = as(Sam);
    const QJsonObject alert = alertOfMessage(support, u"SYN-ALERT-0001"_s);
    QVERIFY2(!alert.isEmpty(), "no alert for the critical potassium result");
    m_firstAlertId = alert.value(u"id").toInteger();
    // Exactly one: the normal sodium of the same message raised nothing.
    QCOMPARE(items(support.get(u"/api/v1/alerts?category=clinical"_s)).size(), 1);

    QCOMPARE(alert.value(u"ruleId").toString(), CriticalRule);
    QCOMPARE(alert.value(u"category").toString(), u"clinical"_s);
    QCOMPARE(alert.value(u"severity").toString(), u"critical"_s);
    QCOMPARE(alert.value(u"state").toString(), u"notified"_s);
    QCOMPARE(alert.value(u"unit").toString(), Unit);
    QCOMPARE(alert.value(u"subject").toString(), u"2823-3"_s);
    QCOMPARE(alert.value(u"level").toInt(), 0);
    QCOMPARE(alert.value(u"count").toInt(), 1);
    QCOMPARE(alert.value(u"resultStatus").toString(), u"F"_s);
    QCOMPARE(alert.value(u"policy").toString(), u"clinical-critical"_s);
    QVERIFY(alert.contains(u"nextEscalationAt"));
    QVERIFY(msOf(alert.value(u"nextEscalationAt")) > msOf(alert.value(u"notifiedAt")));
    const QJsonObject evidence = alert.value(u"evidence").toObject();
    QCOMPARE(evidence.value(u"value").toString(), u"6.9"_s);
    QCOMPARE(strings(evidence.value(u"flags")), QStringList{u"HH"_s});
    QCOMPARE(evidence.value(u"units").toString(), u"mmol/L"_s);
    QCOMPARE(evidence.value(u"referenceRange").toString(), u"3.5-5.1"_s);
    QCOMPARE(evidence.value(u"controlId").toString(), u"SYN-ALERT-0001"_s);
    // Where the patient is (PV1-3: point of care, room-bed), for the card; a new alert has no trend.
    QCOMPARE(evidence.value(u"location").toString(), u"ICU-3 301-A"_s);
    QVERIFY(!evidence.contains(u"previousValues"));
    // PHI: masked for support.
    QCOMPARE(alert.value(u"patientId").toString(), u"***"_s);
    QVERIFY(!compact(alert).contains("SYN-0001"));

    // The correlation ID leads to the message's trace.
    const QStringList correlationIds = strings(alert.value(u"correlationIds"));
    QCOMPARE(correlationIds.size(), 1);
    const QJsonObject trace = support.get(u"/api/v1/traces/"_s + correlationIds.first()).json();
    QCOMPARE(trace.value(u"correlationId").toString(), correlationIds.first());
    QCOMPARE(objectOf(trace.value(u"messages").toArray().at(0)).value(u"controlId").toString(), u"SYN-ALERT-0001"_s);
    QVERIFY(!trace.value(u"events").toArray().isEmpty());

    // The ICU-3 nurse sees the patient; a nurse of another unit sees nothing of it.
    const QJsonObject forNurse = detail(as(Nina), m_firstAlertId);
    QCOMPARE(forNurse.value(u"patientId").toString(), u"SYN-0001"_s);
    QVERIFY(!forNurse.value(u"history").toArray().isEmpty());
    QCOMPARE(as(Olaf).get(u"/api/v1/alerts/%1"_s.arg(m_firstAlertId)).status, 404);
    QVERIFY(items(as(Olaf).get(u"/api/v1/alerts"_s)).isEmpty());

    // Both consoles got the page on the stream, without the patient.
    const QJsonObject event = m_supportStream->waitForPage(m_firstAlertId, u"raised"_s);
    QVERIFY2(!event.isEmpty(), "no alert.changed event with a \"raised\" page on the support stream");
    QCOMPARE(event.value(u"unit").toString(), Unit);
    QCOMPARE(event.value(u"correlationId").toString(), correlationIds.first());
    const QJsonObject data = event.value(u"data").toObject();
    QVERIFY(!data.contains(u"patientId"));
    QCOMPARE(data.value(u"state").toString(), u"notified"_s);
    QCOMPARE(data.value(u"severity").toString(), u"critical"_s);
    const QJsonObject page = objectOf(data.value(u"notifications").toArray().at(0));
    QCOMPARE(page.value(u"level").toInt(), 0);
    QCOMPARE(strings(page.value(u"recipients")), QStringList{u"unit"_s});
    QVERIFY2(!m_nurseStream->waitForPage(m_firstAlertId, u"raised"_s).isEmpty(), "the ICU-3 nurse got no page");
    QVERIFY(!m_supportStream->allFramesText().contains("SYN-0001"));
    QVERIFY(!m_nurseStream->allFramesText().contains("SYN-0001"));

    // The outbox says the stream page went out.
    QTRY_COMPARE_WITH_TIMEOUT(
        notificationsOf(detail(support, m_firstAlertId), u"stream"_s, u"raised"_s).value(0).value(u"state").toString(),
        u"delivered"_s, WaitMs);
}

void tst_AlertsOverLoopback::resentMessageRaisesNothingNew()
{
    QVERIFY(m_firstAlertId > 0);
    const ApiClient support = as(Sam);
    const int historyBefore = int(detail(support, m_firstAlertId).value(u"history").toArray().size());
    const qsizetype eventsBefore = m_supportStream->alertEvents(m_firstAlertId).size();

    QCOMPARE(mllpSend(m_ward.port(u"hl7-in"_s), {alertMessage(u"oru_r01_critical_potassium_final.hl7"_s)}),
             QStringList{u"AA"_s});
    // The resend is stored as a duplicate of the original...
    QVERIFY(!waitForMessage(support, u"controlId=SYN-ALERT-0001&state=duplicate"_s, WaitMs).isEmpty());
    // ...and, a moment later (the alert service runs right after the store), the alert is untouched.
    QTest::qWait(1500);
    const QJsonObject alert = detail(support, m_firstAlertId);
    QCOMPARE(alert.value(u"count").toInt(), 1);
    QCOMPARE(alert.value(u"history").toArray().size(), historyBefore);
    QCOMPARE(strings(alert.value(u"correlationIds")).size(), 1);
    QCOMPARE(items(support.get(u"/api/v1/alerts?category=clinical"_s)).size(), 1);
    QCOMPARE(m_supportStream->alertEvents(m_firstAlertId).size(), eventsBefore);
}

void tst_AlertsOverLoopback::correctedResultUpdatesThenResolves()
{
    QVERIFY(m_firstAlertId > 0);
    const ApiClient support = as(Sam);

    // Corrected, still critical, new value: the same alert, updated, and everyone paged is told.
    QCOMPARE(mllpSend(m_ward.port(u"hl7-in"_s), {alertMessage(u"oru_r01_critical_potassium_corrected_critical.hl7"_s)}),
             QStringList{u"AA"_s});
    QTRY_COMPARE_WITH_TIMEOUT(detail(support, m_firstAlertId).value(u"count").toInt(), 2, WaitMs);
    QJsonObject alert = detail(support, m_firstAlertId);
    QCOMPARE(items(support.get(u"/api/v1/alerts?category=clinical"_s)).size(), 1);
    QCOMPARE(alert.value(u"evidence").toObject().value(u"value").toString(), u"7.2"_s);
    // The trend: what the alert showed before the correction.
    const QJsonObject firstResult{{u"value"_s, u"6.9"_s},
                                  {u"flags"_s, QJsonArray{u"HH"_s}},
                                  {u"resultStatus"_s, u"F"_s},
                                  {u"observedAt"_s, u"20250301093000"_s}};
    QCOMPARE(alert.value(u"evidence").toObject().value(u"previousValues").toArray(), QJsonArray{firstResult});
    QCOMPARE(alert.value(u"resultStatus").toString(), u"C"_s);
    QVERIFY(alert.value(u"state").toString() == u"notified" || alert.value(u"state").toString() == u"escalated");
    const QStringList correlationIds = strings(alert.value(u"correlationIds"));
    QCOMPARE(correlationIds.size(), 2);
    const QString correctionId =
        waitForMessage(support, u"controlId=SYN-ALERT-0004"_s, WaitMs).value(u"correlationId").toString();
    QCOMPARE(correlationIds.last(), correctionId);
    const QList<QJsonObject> updates = transitions(alert, u"update"_s);
    QCOMPARE(updates.size(), 1);
    QCOMPARE(updates.first().value(u"correlationId").toString(), correctionId);
    QCOMPARE(notificationsOf(alert, u"stream"_s, u"corrected"_s).size(), 1);
    QVERIFY2(!m_supportStream->waitForPage(m_firstAlertId, u"corrected"_s).isEmpty(),
             "no \"corrected\" page on the stream");

    // Corrected to a normal value: resolved as corrected, and nobody is paged again.
    QCOMPARE(mllpSend(m_ward.port(u"hl7-in"_s), {alertMessage(u"oru_r01_critical_potassium_corrected_normal.hl7"_s)}),
             QStringList{u"AA"_s});
    QTRY_COMPARE_WITH_TIMEOUT(detail(support, m_firstAlertId).value(u"state").toString(), u"resolved"_s, WaitMs);
    alert = detail(support, m_firstAlertId);
    QCOMPARE(alert.value(u"disposition").toString(), u"corrected"_s);
    QCOMPARE(alert.value(u"evidence").toObject().value(u"value").toString(), u"4.2"_s);
    const QJsonArray trend = alert.value(u"evidence").toObject().value(u"previousValues").toArray();
    QCOMPARE(trend.size(), 2);
    QCOMPARE(trend.at(0).toObject().value(u"value").toString(), u"7.2"_s);
    QCOMPARE(trend.at(0).toObject().value(u"resultStatus").toString(), u"C"_s);
    QCOMPARE(trend.at(1).toObject(), firstResult);
    QVERIFY(!alert.contains(u"nextEscalationAt"));
    QVERIFY(alert.contains(u"closedAt"));
    QCOMPARE(transitions(alert, u"resolve"_s).size(), 1);
    QCOMPARE(notificationsOf(alert, u"stream"_s, u"resolved"_s).size(), 1);
    QVERIFY(!m_supportStream->waitForPage(m_firstAlertId, u"resolved"_s).isEmpty());
    QVERIFY(items(support.get(u"/api/v1/alerts?state=active&category=clinical"_s)).isEmpty());
}

void tst_AlertsOverLoopback::webhookGetsPagesWithoutPatientIdentifiers()
{
    QVERIFY(m_firstAlertId > 0);
    // The paging system got raised, corrected and resolved, in that order, each once (a receiver
    // drops repeats by Idempotency-Key; here nothing was retried).
    QTRY_COMPARE_WITH_TIMEOUT(m_webhook.about(m_firstAlertId).size(), 3, WaitMs);
    const QList<WebhookReceiver::Request> received = m_webhook.about(m_firstAlertId);
    QStringList reasons;
    for (const WebhookReceiver::Request& r : received)
        reasons << r.json.value(u"reason").toString();
    QCOMPARE(reasons, (QStringList{u"raised"_s, u"corrected"_s, u"resolved"_s}));

    const QJsonObject alert = detail(as(Sam), m_firstAlertId);
    for (const WebhookReceiver::Request& r : received) {
        QVERIFY(r.headers.value("content-type").startsWith("application/json"));
        const QByteArray key = r.headers.value("idempotency-key");
        QVERIFY2(key.startsWith("vigil-notification-"), key.constData());
        // The key names the outbox entry, which the node records as delivered.
        const qint64 notificationId = key.mid(19).toLongLong();
        bool delivered = false;
        for (const QJsonValue& v : alert.value(u"notifications").toArray()) {
            const QJsonObject n = v.toObject();
            if (n.value(u"id").toInteger() == notificationId) {
                QCOMPARE(n.value(u"channel").toString(), u"webhook:pager"_s);
                QCOMPARE(n.value(u"reason").toString(), r.json.value(u"reason").toString());
                delivered = n.value(u"state").toString() == u"delivered";
            }
        }
        QVERIFY2(delivered, key.constData());
        const QJsonObject payloadAlert = r.json.value(u"alert").toObject();
        QCOMPARE(payloadAlert.value(u"id").toInteger(), m_firstAlertId);
        QCOMPARE(payloadAlert.value(u"unit").toString(), Unit);
        QVERIFY(!payloadAlert.value(u"evidence").toObject().isEmpty());
        // The location names a place, not a person: the paging system gets it.
        QCOMPARE(payloadAlert.value(u"evidence").toObject().value(u"location").toString(), u"ICU-3 301-A"_s);
    }
    QCOMPARE(received.first().json.value(u"level").toInt(), 0);
    QCOMPARE(strings(received.first().json.value(u"recipients")), QStringList{u"unit"_s});
    // No patient identifier in any body the paging system ever got.
    for (const WebhookReceiver::Request& r : std::as_const(m_webhook.requests)) {
        QVERIFY2(!r.body.contains("SYN-0001") && !r.body.contains("SYNTHETIC"), r.body.constData());
        QVERIFY(!r.json.value(u"alert").toObject().contains(u"patientId"));
    }
}

void tst_AlertsOverLoopback::silenceSuppressesAndIsCounted()
{
    const ApiClient support = as(Sam);
    const QJsonObject silenceBody{{u"ruleId"_s, CriticalRule},
                                  {u"unit"_s, Unit},
                                  {u"reason"_s, u"analyser recalibration, results re-run"_s},
                                  {u"durationMinutes"_s, 30}};
    // A nurse may not silence anything.
    QCOMPARE(as(Nina).post(u"/api/v1/silences"_s, silenceBody, u"nurse-silence-1"_s).status, 403);

    const double suppressedMetricBefore = metricSum(m_ward.metrics(), "vigil_alerts_suppressed_total");
    const qint64 suppressedTotalBefore =
        support.get(u"/api/v1/alert-metrics"_s).json().value(u"suppressedTotal").toInteger();

    const ApiClient::Reply created = support.post(u"/api/v1/silences"_s, silenceBody, u"silence-icu3-1"_s);
    QCOMPARE(created.status, 201);
    const QJsonObject silence = created.json();
    const qint64 silenceId = silence.value(u"id").toInteger();
    QVERIFY(silenceId > 0);
    // Whatever happens below, the silence must not outlive this test (it would hold later alerts).
    auto endSilence = qScopeGuard([&] {
        support.send("DELETE", u"/api/v1/silences/%1"_s.arg(silenceId), {}, {{"Idempotency-Key", "silence-icu3-1-end"}});
    });
    QCOMPARE(silence.value(u"active").toBool(), true);
    QCOMPARE(silence.value(u"matchers").toObject(), (QJsonObject{{u"ruleId"_s, CriticalRule}, {u"unit"_s, Unit}}));
    QCOMPARE(silence.value(u"createdBy").toString(), Sam);

    // A new critical result, another patient (another key): recorded, counted, nobody paged.
    QCOMPARE(mllpSend(m_ward.port(u"hl7-in"_s),
                      {alertMessage(u"oru_r01_critical_potassium_final.hl7"_s, u"SIL-K-1"_s, u"SYN-0002"_s)}),
             QStringList{u"AA"_s});
    const QJsonObject listed = alertOfMessage(support, u"SIL-K-1"_s);
    QVERIFY2(!listed.isEmpty(), "no alert recorded for the silenced result");
    const qint64 alertId = listed.value(u"id").toInteger();
    QVERIFY(alertId != m_firstAlertId);
    QCOMPARE(listed.value(u"state").toString(), u"suppressed"_s);
    QCOMPARE(listed.value(u"silenceId").toInteger(), silenceId);
    QVERIFY(listed.contains(u"suppressedUntil"));
    QVERIFY(!listed.contains(u"notifiedAt"));
    QJsonObject alert = detail(support, alertId);
    QVERIFY2(alert.value(u"notifications").toArray().isEmpty(), compact(alert).constData());
    const QList<QJsonObject> raised = transitions(alert, u"raise"_s);
    QCOMPARE(raised.size(), 1);
    QCOMPARE(raised.first().value(u"to").toString(), u"suppressed"_s);

    QTRY_COMPARE_WITH_TIMEOUT(metricSum(m_ward.metrics(), "vigil_alerts_suppressed_total"), suppressedMetricBefore + 1,
                              WaitMs);
    const QJsonObject figures = support.get(u"/api/v1/alert-metrics"_s).json();
    QCOMPARE(figures.value(u"suppressedTotal").toInteger(), suppressedTotalBefore + 1);
    QVERIFY(figures.value(u"suppressedOpen").toInteger() >= 1);

    // The consoles learnt of it (an alert.changed), but as no page.
    QTRY_VERIFY_WITH_TIMEOUT(!m_supportStream->alertEvents(alertId).isEmpty(), WaitMs);
    for (const QJsonObject& e : m_supportStream->alertEvents(alertId)) {
        QCOMPARE(e.value(u"data").toObject().value(u"state").toString(), u"suppressed"_s);
        QVERIFY2(pageReasons(e).isEmpty(), compact(e).constData());
    }
    QVERIFY(m_webhook.about(alertId).isEmpty());
    // The silence is audited.
    const QJsonArray audit = items(support.get(u"/api/v1/audit?action=silence-create"_s));
    QCOMPARE(audit.size(), 1);
    QCOMPARE(objectOf(audit.at(0)).value(u"actor").toString(), Sam);

    // Ending the silence pages the alert it held, at once (its own wake time is 30 minutes away).
    const ApiClient::Reply ended = support.send("DELETE", u"/api/v1/silences/%1"_s.arg(silenceId), {},
                                                {{"Idempotency-Key", "silence-icu3-1-end"}});
    QCOMPARE(ended.status, 200);
    QCOMPARE(ended.json().value(u"active").toBool(), false);
    QCOMPARE(ended.json().value(u"expiredBy").toString(), Sam);
    QTRY_COMPARE_WITH_TIMEOUT(detail(support, alertId).value(u"state").toString(), u"notified"_s, WaitMs);
    alert = detail(support, alertId);
    QCOMPARE(transitions(alert, u"unsuppress"_s).size(), 1);
    QVERIFY(alert.contains(u"nextEscalationAt"));
    QVERIFY(!alert.contains(u"silenceId"));
    QVERIFY2(!m_supportStream->waitForPage(alertId, u"raised"_s).isEmpty(), "no page after the silence ended");
    QVERIFY2(!m_nurseStream->waitForPage(alertId, u"raised"_s).isEmpty(), "the ICU-3 nurse got no page");
    QTRY_VERIFY_WITH_TIMEOUT(!m_webhook.about(alertId).isEmpty(), WaitMs);
    QCOMPARE(m_webhook.about(alertId).first().json.value(u"reason").toString(), u"raised"_s);

    // Handled: the nurse acknowledges and support closes it, so it does not escalate during later tests.
    QCOMPARE(as(Nina).post(u"/api/v1/alerts/%1/acknowledge"_s.arg(alertId), {}, u"ack-sil-1"_s).status, 200);
    QCOMPARE(support
                 .post(u"/api/v1/alerts/%1/resolve"_s.arg(alertId), QJsonObject{{u"disposition"_s, u"treated"_s}},
                       u"resolve-sil-1"_s)
                 .status,
             200);
}

void tst_AlertsOverLoopback::failedWebhookPageEscalatesAtOnce()
{
    // The paging system refuses (500) the first level's page of this one message's alert.
    const QString controlId = u"WH-FAIL-1"_s;
    m_webhook.answer = [controlId](const QJsonObject& page) {
        const bool ours = page.value(u"alert").toObject().value(u"evidence").toObject().value(u"controlId").toString()
                          == controlId;
        return ours && page.value(u"level").toInt() == 0 ? 500 : 200;
    };
    const ApiClient support = as(Sam);
    const double failedBefore = support.get(u"/api/v1/alert-metrics"_s).json().value(u"notificationsFailed").toDouble();
    QCOMPARE(mllpSend(m_ward.port(u"hl7-in"_s),
                      {alertMessage(u"oru_r01_critical_potassium_final.hl7"_s, controlId, u"SYN-0003"_s)}),
             QStringList{u"AA"_s});
    const QJsonObject listed = alertOfMessage(support, controlId);
    QVERIFY2(!listed.isEmpty(), "no alert for the message");
    const qint64 alertId = listed.value(u"id").toInteger();

    // Tried maxAttempts (3) times, always with the same Idempotency-Key, then marked failed.
    QTRY_COMPARE_WITH_TIMEOUT(
        notificationsOf(detail(support, alertId), u"webhook:pager"_s, u"raised"_s).value(0).value(u"state").toString(),
        u"failed"_s, WaitMs);
    QJsonObject alert = detail(support, alertId);
    const QJsonObject failed = notificationsOf(alert, u"webhook:pager"_s, u"raised"_s).first();
    QCOMPARE(failed.value(u"attempts").toInt(), 3);
    QCOMPARE(failed.value(u"lastError").toString(), u"HTTP 500"_s);
    QList<QByteArray> keys;
    for (const WebhookReceiver::Request& r : m_webhook.about(alertId)) {
        if (r.json.value(u"level").toInt() == 0)
            keys << r.headers.value("idempotency-key");
    }
    QCOMPARE(keys.size(), 3);
    QCOMPARE(keys.at(0), QByteArray("vigil-notification-" + QByteArray::number(failed.value(u"id").toInteger())));
    QCOMPARE(keys.at(1), keys.at(0));
    QCOMPARE(keys.at(2), keys.at(0));

    // No black hole: the next level is paged at once, long before the first level's timeout.
    QTRY_COMPARE_WITH_TIMEOUT(detail(support, alertId).value(u"level").toInt(), 1, WaitMs);
    alert = detail(support, alertId);
    QCOMPARE(alert.value(u"state").toString(), u"escalated"_s);
    const QList<QJsonObject> failures = transitions(alert, u"notification-failed"_s);
    const QList<QJsonObject> escalations = transitions(alert, u"escalate"_s);
    QCOMPARE(failures.size(), 1);
    QCOMPARE(escalations.size(), 1);
    QCOMPARE(escalations.first().value(u"level").toInt(), 1);
    QVERIFY(msOf(escalations.first().value(u"at")) >= msOf(failures.first().value(u"at")));
    QVERIFY2(msOf(escalations.first().value(u"at")) < msOf(alert.value(u"notifiedAt")) + SlowTimeoutSeconds * 1000,
             "escalated by the timeout, not by the failed page");
    QVERIFY(support.get(u"/api/v1/alert-metrics"_s).json().value(u"notificationsFailed").toDouble() >= failedBefore + 1);
    QVERIFY(metricSum(m_ward.metrics(), "vigil_alert_notifications_total",
                      {"channel=\"webhook\"", "outcome=\"failed\""})
            >= 1);
    // The next level's page reached the paging system.
    const auto nextLevelPaged = [&] {
        for (const WebhookReceiver::Request& r : m_webhook.about(alertId)) {
            if (r.json.value(u"reason").toString() == u"escalated" && r.json.value(u"level").toInt() == 1
                && r.answeredWith == 200)
                return true;
        }
        return false;
    };
    QTRY_VERIFY_WITH_TIMEOUT(nextLevelPaged(), WaitMs);
    m_webhook.answer = [](const QJsonObject&) { return 200; };

    // Support may close a clinical alert (not acknowledge it).
    const ApiClient::Reply resolved = support.post(u"/api/v1/alerts/%1/resolve"_s.arg(alertId),
                                                   QJsonObject{{u"disposition"_s, u"informed_provider"_s}},
                                                   u"resolve-wh-1"_s);
    QCOMPARE(resolved.status, 200);
    QCOMPARE(resolved.json().value(u"state").toString(), u"resolved"_s);
}

void tst_AlertsOverLoopback::operationalAlertBelongsToSupport()
{
    // An ADT goes to lab-down, where nothing listens: after forSeconds, support is paged.
    BlockingMllpClient client;
    QVERIFY(client.connectTo(m_ward.port(u"hl7-in"_s)));
    QCOMPARE(BlockingMllpClient::ackCode(client.exchange(IntegrationHelpers::adtA01(u"DOWN-1"_s))), u"AA"_s);
    client.close();

    const ApiClient support = as(Sam);
    QJsonObject alert;
    QTRY_VERIFY_WITH_TIMEOUT(
        !(alert = items(support.get(u"/api/v1/alerts?category=operational&rule="_s + DownRule)).at(0).toObject()).isEmpty(),
        WaitMs);
    const qint64 alertId = alert.value(u"id").toInteger();
    QCOMPARE(alert.value(u"category").toString(), u"operational"_s);
    QCOMPARE(alert.value(u"state").toString(), u"notified"_s);
    QCOMPARE(alert.value(u"team").toString(), u"support"_s);
    QVERIFY(!alert.contains(u"unit"));
    QVERIFY(!alert.contains(u"patientId"));
    QCOMPARE(alert.value(u"evidence").toObject().value(u"destination").toString(), u"lab-down"_s);
    const QJsonObject event = m_supportStream->waitForPage(alertId, u"raised"_s);
    QVERIFY2(!event.isEmpty(), "no page for the operational alert on the support stream");
    QCOMPARE(strings(objectOf(event.value(u"data").toObject().value(u"notifications").toArray().at(0)).value(u"recipients")),
             QStringList{u"team:support"_s});

    // Invisible to the nurse: not listed, not found, not actionable, not on her stream.
    const ApiClient nurse = as(Nina);
    for (const QJsonValue& v : items(nurse.get(u"/api/v1/alerts?limit=500"_s)))
        QVERIFY(v.toObject().value(u"id").toInteger() != alertId);
    QCOMPARE(nurse.get(u"/api/v1/alerts/%1"_s.arg(alertId)).status, 404);
    const int nurseAck = nurse.post(u"/api/v1/alerts/%1/acknowledge"_s.arg(alertId), {}, u"nurse-ack-op-1"_s).status;
    QVERIFY2(nurseAck == 404 || nurseAck == 403, qPrintable(QString::number(nurseAck)));
    // Events go out in seq order: once the nurse has a tick newer than the support's alert event,
    // that event would have reached her by now if it were hers.
    const qint64 eventSeq = event.value(u"seq").toInteger();
    QTRY_VERIFY_WITH_TIMEOUT(m_nurseStream->lastTickSeq() > eventSeq, WaitMs);
    QVERIFY(m_nurseStream->alertEvents(alertId).isEmpty());
    QCOMPARE(detail(support, alertId).value(u"state").toString(), u"notified"_s);

    // Support acknowledges it.
    const ApiClient::Reply acked = support.post(u"/api/v1/alerts/%1/acknowledge"_s.arg(alertId),
                                                QJsonObject{{u"note"_s, u"lab system team called"_s}}, u"ack-op-1"_s);
    QCOMPARE(acked.status, 200);
    QCOMPARE(acked.json().value(u"state").toString(), u"acknowledged"_s);
    QCOMPARE(acked.json().value(u"acknowledgedBy").toString(), Sam);

    // A nurse who asks for operational alerts gets none (not her clinical ones instead).
    const QJsonArray asked = items(nurse.get(u"/api/v1/alerts?category=operational"_s));
    QVERIFY2(asked.isEmpty(), compact(QJsonObject{{u"items"_s, asked}}).constData());
}

// ---------------------------------------------------------------------------------------------
// The fast node (3 s per level)

void tst_AlertsOverLoopback::escalatesOnTimeUntilAcknowledged()
{
    QString error;
    QVERIFY2(m_fast.start(fastConfig(), &error), qPrintable(error));
    QVERIFY2(addUsers(m_fast, &error), qPrintable(error));
    QVERIFY(signInAll(m_fast, m_fastTokens));
    const ApiClient support = as(m_fast, m_fastTokens, Sam);
    const ApiClient nurse = as(m_fast, m_fastTokens, Nina);

    QCOMPARE(mllpSend(m_fast.port(u"hl7-in"_s),
                      {alertMessage(u"oru_r01_critical_potassium_final.hl7"_s, u"ESC-1"_s, u"SYN-0101"_s)}),
             QStringList{u"AA"_s});
    const QJsonObject listed = alertOfMessage(support, u"ESC-1"_s);
    QVERIFY2(!listed.isEmpty(), "no alert on the fast node");
    const qint64 alertId = listed.value(u"id").toInteger();
    const QString path = u"/api/v1/alerts/%1"_s.arg(alertId);

    // Support may not acknowledge a clinical alert (audited as denied).
    QCOMPARE(support.post(path + u"/acknowledge"_s, {}, u"support-ack-1"_s).status, 403);

    // Unacknowledged: level 1, level 2, then the last level again.
    QTRY_VERIFY_WITH_TIMEOUT(detail(support, alertId).value(u"repeats").toInt() >= 1, WaitMs);
    QJsonObject alert = detail(support, alertId);
    QCOMPARE(alert.value(u"state").toString(), u"escalated"_s);
    QCOMPARE(alert.value(u"level").toInt(), 2);
    const QList<QJsonObject> escalations = transitions(alert, u"escalate"_s);
    const QList<QJsonObject> repeats = transitions(alert, u"repeat"_s);
    QCOMPARE(escalations.size(), 2);
    QVERIFY(!repeats.isEmpty());
    QCOMPARE(escalations.at(0).value(u"level").toInt(), 1);
    QCOMPARE(escalations.at(1).value(u"level").toInt(), 2);
    QCOMPARE(repeats.first().value(u"level").toInt(), 2);
    for (const QJsonObject& t : escalations + repeats) {
        QCOMPARE(t.value(u"actor").toString(), u"system"_s);
        QCOMPARE(t.value(u"to").toString(), u"escalated"_s);
    }
    // On time: each step a full timeout of its level after the one before (node timestamps; a few
    // ms of rounding).
    const qint64 notifiedAt = msOf(alert.value(u"notifiedAt"));
    QVERIFY(msOf(escalations.at(0).value(u"at")) >= notifiedAt + FastFirstLevelSeconds * 1000 - 5);
    QVERIFY(msOf(escalations.at(1).value(u"at")) >= msOf(escalations.at(0).value(u"at")) + FastLevelSeconds * 1000 - 5);
    QVERIFY(msOf(repeats.first().value(u"at")) >= msOf(escalations.at(1).value(u"at")) + FastLevelSeconds * 1000 - 5);
    QCOMPARE(notificationsOf(alert, u"stream"_s, u"escalated"_s).size(), 2);
    QVERIFY(!notificationsOf(alert, u"stream"_s, u"repeated"_s).isEmpty());

    // The nurse acknowledges: escalation stops.
    const QJsonObject note{{u"note"_s, u"called Dr Lee"_s}};
    const ApiClient::Reply acked = nurse.post(path + u"/acknowledge"_s, note, u"ack-esc-1"_s);
    QCOMPARE(acked.status, 200);
    alert = acked.json();
    QCOMPARE(alert.value(u"state").toString(), u"acknowledged"_s);
    QCOMPARE(alert.value(u"acknowledgedBy").toString(), Nina);
    QCOMPARE(alert.value(u"acknowledgeNote").toString(), u"called Dr Lee"_s);
    QCOMPARE(alert.value(u"patientId").toString(), u"SYN-0101"_s);
    QVERIFY(!alert.contains(u"nextEscalationAt"));
    const int level = alert.value(u"level").toInt();
    const int repeatsAtAck = alert.value(u"repeats").toInt();
    const qsizetype historyAtAck = alert.value(u"history").toArray().size();

    // Longer than a timeout later, nothing has moved.
    QTest::qWait(FastFirstLevelSeconds * 1000 + 2000);
    alert = detail(support, alertId);
    QCOMPARE(alert.value(u"state").toString(), u"acknowledged"_s);
    QCOMPARE(alert.value(u"level").toInt(), level);
    QCOMPARE(alert.value(u"repeats").toInt(), repeatsAtAck);
    QCOMPARE(alert.value(u"history").toArray().size(), historyAtAck);
    QVERIFY(!alert.contains(u"nextEscalationAt"));

    // A second acknowledgement (the admin, another key) is refused and names the first.
    const ApiClient::Reply second = as(m_fast, m_fastTokens, Ada).post(path + u"/acknowledge"_s, {}, u"ack-esc-2"_s);
    QCOMPARE(second.status, 409);
    QCOMPARE(second.errorCode(), u"refused"_s);
    QVERIFY2(second.json().value(u"error").toObject().value(u"message").toString().contains(Nina), second.body.constData());
    // The nurse's retry with the same key gets the first answer again, and changes nothing.
    const ApiClient::Reply replayed = nurse.post(path + u"/acknowledge"_s, note, u"ack-esc-1"_s);
    QCOMPARE(replayed.status, 200);
    QCOMPARE(replayed.headers.value("idempotent-replayed"), QByteArray("true"));
    QCOMPARE(replayed.body, acked.body);

    // Audited: the acknowledgement once, support's attempt as denied.
    const ApiClient admin = as(m_fast, m_fastTokens, Ada);
    const QJsonArray audit =
        items(admin.get(u"/api/v1/audit?action=alert-acknowledge&target=alert:%1"_s.arg(alertId)));
    QStringList outcomes;
    for (const QJsonValue& v : audit)
        outcomes << v.toObject().value(u"actor").toString() + u':' + v.toObject().value(u"outcome").toString();
    outcomes.sort();
    QCOMPARE(outcomes, (QStringList{Nina + u":ok"_s, Sam + u":denied"_s}));
    for (const QJsonValue& v : audit) {
        if (v.toObject().value(u"actor").toString() == Nina)
            QCOMPARE(v.toObject().value(u"reason").toString(), u"called Dr Lee"_s);
    }
    const QJsonObject figures = support.get(u"/api/v1/alert-metrics"_s).json();
    QCOMPARE(figures.value(u"acknowledgedTotal").toInteger(), 1);
    QVERIFY(figures.value(u"escalationsTotal").toInteger() >= 3);
}

void tst_AlertsOverLoopback::restartMidEscalationEscalatesExactlyOnce()
{
    QVERIFY(m_fast.isRunning());
    QCOMPARE(mllpSend(m_fast.port(u"hl7-in"_s),
                      {alertMessage(u"oru_r01_critical_potassium_final.hl7"_s, u"KILL-1"_s, u"SYN-0102"_s)}),
             QStringList{u"AA"_s});
    QJsonObject alert = alertOfMessage(as(m_fast, m_fastTokens, Sam), u"KILL-1"_s);
    QVERIFY2(!alert.isEmpty(), "no alert on the fast node");
    const qint64 alertId = alert.value(u"id").toInteger();
    QCOMPARE(alert.value(u"level").toInt(), 0);

    // SIGKILL at level 0, then down for more than two level-0 timeouts (and level 0 + level 1): a
    // node that replayed every missed deadline would jump two levels.
    m_fast.kill();
    const qint64 killedAt = QDateTime::currentMSecsSinceEpoch();
    QVERIFY(!m_fast.isRunning());
    QTest::qWait(2 * FastFirstLevelSeconds * 1000 + 1500);
    QString error;
    const qint64 restartBeganAt = QDateTime::currentMSecsSinceEpoch();
    QVERIFY2(m_fast.restart(&error), qPrintable(error));
    m_fastTokens.clear();
    QVERIFY(signInAll(m_fast, m_fastTokens));
    const ApiClient support = as(m_fast, m_fastTokens, Sam);

    // The overdue deadline fires once after the restart, and the next counts from then.
    QTRY_VERIFY_WITH_TIMEOUT(transitions(detail(support, alertId), u"escalate"_s).size() >= 2, WaitMs);
    alert = detail(support, alertId);
    const QList<QJsonObject> escalations = transitions(alert, u"escalate"_s);
    QCOMPARE(escalations.size(), 2);
    // Both steps are the restarted node's: nothing escalated before the kill (or the test came too
    // late to show anything), and nothing could while it was down.
    QVERIFY2(msOf(escalations.at(0).value(u"at")) >= killedAt, "escalated before the kill: the test came too late");
    QVERIFY(msOf(escalations.at(0).value(u"at")) >= restartBeganAt);
    QCOMPARE(escalations.at(0).value(u"level").toInt(), 1);   // +1, not +2 for two missed timeouts
    QCOMPARE(escalations.at(1).value(u"level").toInt(), 2);
    QVERIFY2(msOf(escalations.at(1).value(u"at")) >= msOf(escalations.at(0).value(u"at")) + FastLevelSeconds * 1000 - 5,
             "the second step came before a full timeout: the overdue deadline fired twice");
    // One page per level, one outbox entry each.
    QCOMPARE(notificationsOf(alert, u"stream"_s, u"escalated"_s).size(), 2);

    // Handled, so the node stops cleanly at the end.
    QCOMPARE(as(m_fast, m_fastTokens, Nina).post(u"/api/v1/alerts/%1/acknowledge"_s.arg(alertId), {}, u"ack-kill-1"_s).status,
             200);
}

void tst_AlertsOverLoopback::acknowledgedButUnresolvedPagesAgain()
{
    // A policy that gives an acknowledgement 2 s of ownership: nina acknowledges and does not
    // resolve, so it pages her unit and her again, and is nobody's until acknowledged again.
    QJsonObject owned = policy(u"clinical-critical"_s, {{u"unit"_s}, {u"role:charge-nurse"_s}}, {60, 60});
    owned.insert(u"acknowledgementTimeoutSeconds"_s, 2);
    QJsonObject config = IntegrationHelpers::nodeConfig(
        {IntegrationHelpers::channel(u"hl7-in"_s)}, {IntegrationHelpers::fileDestination(u"archive"_s, u"archive"_s)},
        {IntegrationHelpers::routeAll({u"archive"_s})});
    config.insert(u"alerts"_s, QJsonObject{{u"version"_s, u"it-owned-1"_s},
                                          {u"policies"_s, QJsonArray{owned}},
                                          {u"rules"_s, QJsonArray{criticalRule()}}});
    NodeProcess node;
    QString error;
    QVERIFY2(node.start(config, &error), qPrintable(error));
    QVERIFY2(addUsers(node, &error), qPrintable(error));
    QHash<QString, QString> tokens;
    QVERIFY(signInAll(node, tokens));
    const ApiClient nurse = as(node, tokens, Nina);

    QCOMPARE(mllpSend(node.port(u"hl7-in"_s),
                      {alertMessage(u"oru_r01_critical_potassium_final.hl7"_s, u"OWN-1"_s, u"SYN-0201"_s)}),
             QStringList{u"AA"_s});
    const QJsonObject listed = alertOfMessage(nurse, u"OWN-1"_s);
    QVERIFY2(!listed.isEmpty(), "no alert for the critical result");
    const qint64 alertId = listed.value(u"id").toInteger();
    const QString path = u"/api/v1/alerts/%1"_s.arg(alertId);
    QCOMPARE(nurse.post(path + u"/acknowledge"_s, QJsonObject{{u"note"_s, u"calling the doctor"_s}}, u"own-ack-1"_s).status,
             200);
    const QJsonObject acknowledged = detail(nurse, alertId);
    QCOMPARE(acknowledged.value(u"state").toString(), u"acknowledged"_s);
    QVERIFY(!acknowledged.contains(u"nextEscalationAt"));
    const qint64 reopensAt = msOf(acknowledged.value(u"reopensAt"));
    const qint64 acknowledgedAt = msOf(acknowledged.value(u"acknowledgedAt"));
    QCOMPARE(reopensAt - acknowledgedAt, 2000);

    // Not resolved in time: paged again, the acknowledgement gone, escalating as before.
    QTRY_COMPARE_WITH_TIMEOUT(detail(nurse, alertId).value(u"state").toString(), u"notified"_s, WaitMs);
    const QJsonObject reopened = detail(nurse, alertId);
    QVERIFY(!reopened.contains(u"acknowledgedBy"));
    QVERIFY(!reopened.contains(u"reopensAt"));
    QVERIFY(msOf(reopened.value(u"nextEscalationAt")) > reopensAt);
    const QList<QJsonObject> reopens = transitions(reopened, u"reopen"_s);
    QCOMPARE(reopens.size(), 1);
    QCOMPARE(reopens.first().value(u"actor").toString(), u"system"_s);
    QCOMPARE(reopens.first().value(u"from").toString(), u"acknowledged"_s);
    QVERIFY(msOf(reopens.first().value(u"at")) >= reopensAt);
    const QList<QJsonObject> pages = notificationsOf(reopened, u"stream"_s, u"reopened"_s);
    QCOMPARE(pages.size(), 1);
    QCOMPARE(strings(pages.first().value(u"recipients")), (QStringList{u"unit"_s, u"user:nina"_s}));

    // Acknowledged again and resolved, it stays closed.
    QCOMPARE(nurse.post(path + u"/acknowledge"_s, {}, u"own-ack-2"_s).status, 200);
    QCOMPARE(nurse.post(path + u"/resolve"_s, QJsonObject{{u"disposition"_s, u"informed_provider"_s}}, u"own-resolve-1"_s)
                 .status,
             200);
    QTest::qWait(2500);
    QCOMPARE(detail(nurse, alertId).value(u"state").toString(), u"resolved"_s);
    QCOMPARE(transitions(detail(nurse, alertId), u"reopen"_s).size(), 1);
    QCOMPARE(node.terminate(), 0);
}

QTEST_GUILESS_MAIN(tst_AlertsOverLoopback)
#include "tst_alertsoverloopback.moc"
