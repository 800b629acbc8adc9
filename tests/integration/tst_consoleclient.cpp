// The console's client code (net/ops: OpsClient, StreamClient) against a real vigil-node over real
// TLS: first-contact fingerprint probing, pinning (and refusing a changed certificate before anything
// is sent), sign-in, 401 handling, idempotency keys, the live stream with resume after a dropped
// connection (no gap) and after kill -9 and restart (resync).
#include "IntegrationHelpers.h"
#include "OpsApiHelpers.h"

#include "net/ops/OpsClient.h"
#include "net/ops/StreamClient.h"
#include "tests/support/ApiClient.h"
#include "tests/support/BlockingMllpClient.h"
#include "tests/support/NodeProcess.h"

#include <QHostAddress>
#include <QJsonArray>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include <optional>

using namespace Qt::StringLiterals;
using namespace OpsApiHelpers;

namespace {

const QString Admin = u"admin"_s;
constexpr int WaitMs = 15000;

/// Runs the event loop until an OpsClient callback delivers its reply.
template<typename Start>
OpsReply await(Start start)
{
    std::optional<OpsReply> result;
    start([&](const OpsReply& reply) { result = reply; });
    if (!QTest::qWaitFor([&] { return result.has_value(); }, 30000)) {
        OpsReply none;
        none.error = u"no callback"_s;
        return none;
    }
    return *result;
}

/// A port that was free a moment ago, so the node can be restarted on the same address.
quint16 freePort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort();
}

QString otherFingerprint(const QString& fingerprint)
{
    QString other = fingerprint;
    other[0] = other.at(0) == u'0' ? u'1' : u'0';
    return other;
}

/// Event frames of this type from a spy on StreamClient::eventReceived.
QList<QJsonObject> framesOf(const QSignalSpy& spy, const QString& event = {})
{
    QList<QJsonObject> frames;
    for (const QList<QVariant>& args : spy) {
        const QJsonObject frame = args.at(0).toJsonObject();
        if (event.isEmpty() || frame.value(u"event"_s).toString() == event)
            frames << frame;
    }
    return frames;
}

/// Whether a message.state event with this message ID and state arrived.
bool hasMessageState(const QSignalSpy& spy, qint64 messageId, const QString& state)
{
    for (const QJsonObject& frame : framesOf(spy, u"message.state"_s)) {
        const QJsonObject data = frame.value(u"data"_s).toObject();
        if (data.value(u"messageId"_s).toInteger() == messageId && data.value(u"state"_s).toString() == state)
            return true;
    }
    return false;
}

} // namespace

class tst_ConsoleClient : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void probeFingerprintMatchesAnnouncedOne();
    void pinnedRequestsWork();
    void missingPinSendsNothing();
    void wrongPinIsRefusedBeforeSending();
    void signInThenNodeInfo();
    void revokedSessionEmitsUnauthorized();
    void idempotencyKeyReplaysAndRevealWorks();
    void streamDeliversStatsAndMessageEvents();
    void wrongPinStreamStopsWithMismatch();
    void droppedSocketResumesWithoutGap();
    void killedNodeRestartedMeansReconnectAndResync();

private:
    OpsEndpoint endpoint() const
    {
        return OpsEndpoint{.host = u"127.0.0.1"_s, .port = m_httpPort, .tls = true,
                           .pinnedFingerprint = m_node.fingerprint()};
    }
    /// An OpsClient signed in as admin.
    std::unique_ptr<OpsClient> signedIn();
    /// Sends an ADT over MLLP; its message ID from the API once stored (0 if not).
    qint64 sendAdt(const QString& controlId);
    int auditCount(const QString& action) const;
    ApiClient adminApi() const;

    QTemporaryDir m_tmp;
    IntegrationHelpers::Sink m_sink;
    NodeProcess m_node;
    quint16 m_httpPort = 0;
    mutable std::optional<ApiClient> m_admin;
};

void tst_ConsoleClient::initTestCase()
{
    QVERIFY2(m_sink.start(0, m_tmp.filePath(u"sink.txt"_s)), m_sink.log().constData());
    m_httpPort = freePort();
    QVERIFY(m_httpPort != 0);
    QString error;
    QVERIFY2(m_node.start(opsNodeConfig(m_sink.port(), {u"hl7-in"_s}), &error,
                          {u"--listen"_s, u"http=127.0.0.1:%1"_s.arg(m_httpPort)}),
             qPrintable(error));
    QVERIFY(m_node.isSecure());
    QCOMPARE(m_node.port(u"http"_s), m_httpPort);
    QVERIFY2(m_node.addUser(Admin, u"admin"_s, {}, password(Admin), &error), qPrintable(error));
}

void tst_ConsoleClient::cleanupTestCase()
{
    if (m_node.isRunning())
        QCOMPARE(m_node.terminate(), 0);
    m_sink.stop();
}

std::unique_ptr<OpsClient> tst_ConsoleClient::signedIn()
{
    auto client = std::make_unique<OpsClient>(endpoint());
    const OpsReply reply = await([&](OpsClient::Callback cb) { client->signIn(Admin, password(Admin), nullptr, cb); });
    if (!reply.ok())
        qWarning("sign-in failed: %d %s", reply.status, qPrintable(reply.error));
    return client;
}

ApiClient tst_ConsoleClient::adminApi() const
{
    // One session for the test's own look-ups, so they do not add sign-ins to the audit log (a new
    // one only after the node restarted and forgot it).
    if (!m_admin || m_admin->get(u"/api/v1/session"_s).status != 200) {
        m_admin.emplace(m_node.api());
        m_admin->signIn(Admin, password(Admin));
    }
    return *m_admin;
}

qint64 tst_ConsoleClient::sendAdt(const QString& controlId)
{
    BlockingMllpClient mllp;
    if (!mllp.connectTo(m_node.port(u"hl7-in"_s)))
        return 0;
    if (BlockingMllpClient::ackCode(mllp.exchange(adt(controlId, u"MRN-"_s + controlId, u"DOE"_s, u"4B"_s))) != u"AA")
        return 0;
    return waitForMessage(adminApi(), u"controlId="_s + controlId).value(u"id"_s).toInteger();
}

int tst_ConsoleClient::auditCount(const QString& action) const
{
    return int(items(adminApi().get(u"/api/v1/audit?limit=500&action="_s + action)).size());
}

void tst_ConsoleClient::probeFingerprintMatchesAnnouncedOne()
{
    QString fingerprint;
    QString error;
    bool called = false;
    OpsClient::probeFingerprint(u"127.0.0.1"_s, m_httpPort, this, [&](const QString& f, const QString& e) {
        fingerprint = f;
        error = e;
        called = true;
    });
    QTRY_VERIFY_WITH_TIMEOUT(called, WaitMs);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(fingerprint, m_node.fingerprint());
    QCOMPARE(fingerprint, fingerprintOfPemFile(m_node.dataDir() + u"/api-certificate.pem"_s));

    // Nobody listening: an error in words, no fingerprint.
    called = false;
    OpsClient::probeFingerprint(u"127.0.0.1"_s, freePort(), this, [&](const QString& f, const QString& e) {
        fingerprint = f;
        error = e;
        called = true;
    });
    QTRY_VERIFY_WITH_TIMEOUT(called, WaitMs);
    QVERIFY(fingerprint.isEmpty());
    QVERIFY(!error.isEmpty());
}

void tst_ConsoleClient::pinnedRequestsWork()
{
    OpsClient client(endpoint());
    QSignalSpy unauthorized(&client, &OpsClient::unauthorized);
    const OpsReply health = await([&](OpsClient::Callback cb) { client.get(u"/healthz"_s, nullptr, cb); });
    QVERIFY2(health.ok(), qPrintable(health.error));
    QCOMPARE(health.status, 200);
    QVERIFY(!health.certificateMismatch);

    // No token: the API's own error, and no "session expired" (nobody was signed in).
    const OpsReply node = await([&](OpsClient::Callback cb) { client.get(u"/api/v1/node"_s, nullptr, cb); });
    QCOMPARE(node.status, 401);
    QCOMPARE(node.errorCode, u"unauthenticated"_s);
    QVERIFY(!node.error.isEmpty());
    QVERIFY(!node.ok());
    QCOMPARE(unauthorized.size(), 0);

    // A callback whose context is gone never runs.
    bool ran = false;
    {
        QObject context;
        client.get(u"/healthz"_s, &context, [&](const OpsReply&) { ran = true; });
    }
    const OpsReply after = await([&](OpsClient::Callback cb) { client.get(u"/healthz"_s, nullptr, cb); });
    QVERIFY(after.ok());
    QTest::qWait(200);
    QVERIFY(!ran);
}

void tst_ConsoleClient::missingPinSendsNothing()
{
    OpsEndpoint unpinned = endpoint();
    unpinned.pinnedFingerprint.clear();
    OpsClient client(unpinned);
    const int before = auditCount(u"sign-in"_s);
    const OpsReply reply = await([&](OpsClient::Callback cb) { client.signIn(Admin, password(Admin), nullptr, cb); });
    QCOMPARE(reply.status, 0);
    QVERIFY(!reply.error.isEmpty());
    QVERIFY(client.token().isEmpty());
    QCOMPARE(auditCount(u"sign-in"_s), before);
}

void tst_ConsoleClient::wrongPinIsRefusedBeforeSending()
{
    OpsEndpoint wrong = endpoint();
    wrong.pinnedFingerprint = otherFingerprint(m_node.fingerprint());
    OpsClient client(wrong);
    QSignalSpy mismatch(&client, &OpsClient::certificateMismatch);
    const int before = auditCount(u"sign-in"_s);

    const OpsReply reply = await([&](OpsClient::Callback cb) { client.signIn(Admin, password(Admin), nullptr, cb); });
    QVERIFY(reply.certificateMismatch);
    QCOMPARE(reply.status, 0);
    QCOMPARE(reply.presentedFingerprint, m_node.fingerprint());
    QVERIFY2(reply.error.contains(m_node.fingerprint()) && reply.error.contains(wrong.pinnedFingerprint),
             qPrintable(reply.error));
    QVERIFY(client.token().isEmpty());
    QCOMPARE(mismatch.size(), 1);
    QCOMPARE(mismatch.first().at(1).toString(), m_node.fingerprint());
    // The password never reached the node: a correct one would have been audited as a sign-in.
    QCOMPARE(auditCount(u"sign-in"_s), before);

    // Repinning to the right certificate (a deliberate act) makes it work.
    client.setEndpoint(endpoint());
    const OpsReply good = await([&](OpsClient::Callback cb) { client.signIn(Admin, password(Admin), nullptr, cb); });
    QVERIFY2(good.ok(), qPrintable(good.error));
    QCOMPARE(good.presentedFingerprint, m_node.fingerprint());
    QCOMPARE(auditCount(u"sign-in"_s), before + 1);
}

void tst_ConsoleClient::signInThenNodeInfo()
{
    OpsClient client(endpoint());
    QSignalSpy unauthorized(&client, &OpsClient::unauthorized);
    const OpsReply bad = await([&](OpsClient::Callback cb) { client.signIn(Admin, u"not the password"_s, nullptr, cb); });
    QCOMPARE(bad.status, 401);
    QCOMPARE(bad.errorCode, u"sign-in-failed"_s);
    QVERIFY(client.token().isEmpty());
    QCOMPARE(unauthorized.size(), 0);

    const OpsReply reply = await([&](OpsClient::Callback cb) { client.signIn(Admin, password(Admin), nullptr, cb); });
    QVERIFY2(reply.ok(), qPrintable(reply.error));
    QCOMPARE(client.token(), reply.json.value(u"token"_s).toString());
    QCOMPARE(client.token().size(), 43);
    QVERIFY(client.tokenExpiresAt() > QDateTime::currentDateTimeUtc());
    QCOMPARE(reply.json.value(u"user"_s).toObject().value(u"role"_s).toString(), u"admin"_s);

    const OpsReply node = await([&](OpsClient::Callback cb) { client.get(u"/api/v1/node"_s, nullptr, cb); });
    QVERIFY2(node.ok(), qPrintable(node.error));
    QCOMPARE(node.json.value(u"apiVersion"_s).toString(), u"v1"_s);
    QCOMPARE(node.json.value(u"tls"_s).toObject().value(u"sha256"_s).toString(), m_node.fingerprint());
}

void tst_ConsoleClient::revokedSessionEmitsUnauthorized()
{
    auto client = signedIn();
    QVERIFY(!client->token().isEmpty());
    QSignalSpy unauthorized(client.get(), &OpsClient::unauthorized);
    const QString token = client->token();

    // Sign out with the same token elsewhere: this client's session is over.
    OpsClient other(endpoint());
    other.setToken(token);
    const OpsReply signOut = await([&](OpsClient::Callback cb) { other.send("DELETE", u"/api/v1/session"_s, {}, {}, nullptr, cb); });
    QCOMPARE(signOut.status, 204);
    QVERIFY(signOut.ok());

    const OpsReply reply = await([&](OpsClient::Callback cb) { client->get(u"/api/v1/node"_s, nullptr, cb); });
    QCOMPARE(reply.status, 401);
    QCOMPARE(reply.errorCode, u"unauthenticated"_s);
    QCOMPARE(unauthorized.size(), 1);
    QVERIFY(client->token().isEmpty());
}

void tst_ConsoleClient::idempotencyKeyReplaysAndRevealWorks()
{
    auto client = signedIn();
    const QString key = OpsClient::newIdempotencyKey();
    QCOMPARE(key.size(), 36);
    QVERIFY(key != OpsClient::newIdempotencyKey());
    const QJsonObject silence{{u"unit"_s, u"ICU"_s}, {u"reason"_s, u"console client test window"_s},
                              {u"durationMinutes"_s, 30}};
    const OpsReply first = await([&](OpsClient::Callback cb) { client->send("POST", u"/api/v1/silences"_s, silence, key, nullptr, cb); });
    QVERIFY2(first.ok(), qPrintable(first.error + QString::fromUtf8(first.body)));
    QCOMPARE(first.status, 201);
    QVERIFY(!first.replayed);
    const qint64 id = first.json.value(u"id"_s).toInteger();
    QVERIFY(id > 0);

    // The same action retried (a lost answer): applied once, answered again.
    const OpsReply again = await([&](OpsClient::Callback cb) { client->send("POST", u"/api/v1/silences"_s, silence, key, nullptr, cb); });
    QCOMPARE(again.status, 201);
    QVERIFY(again.replayed);
    QCOMPARE(again.json.value(u"id"_s).toInteger(), id);
    const OpsReply list = await([&](OpsClient::Callback cb) { client->get(u"/api/v1/silences"_s, nullptr, cb); });
    QVERIFY(list.ok());
    int matching = 0;
    for (const QJsonValue& v : list.json.value(u"items"_s).toArray())
        matching += v.toObject().value(u"reason"_s).toString() == u"console client test window" ? 1 : 0;
    QCOMPARE(matching, 1);

    // DELETE with a key and no body.
    const OpsReply ended = await([&](OpsClient::Callback cb) {
        client->send("DELETE", u"/api/v1/silences/%1"_s.arg(id), {}, OpsClient::newIdempotencyKey(), nullptr, cb);
    });
    QVERIFY2(ended.ok(), qPrintable(ended.error));
    QCOMPARE(ended.json.value(u"active"_s).toBool(true), false);

    // Reveal: a POST with a JSON body, audited.
    const qint64 messageId = sendAdt(u"CC-REVEAL-1"_s);
    QVERIFY(messageId > 0);
    const OpsReply revealed = await([&](OpsClient::Callback cb) {
        client->send("POST", u"/api/v1/messages/%1/reveal"_s.arg(messageId),
                     {{u"reason"_s, u"console client integration test"_s}}, {}, nullptr, cb);
    });
    QVERIFY2(revealed.ok(), qPrintable(revealed.error));
    QCOMPARE(revealed.json.value(u"content"_s).toObject().value(u"masked"_s).toBool(true), false);
    QVERIFY(revealed.json.value(u"content"_s).toObject().value(u"raw"_s).toString().contains(u"MRN-CC-REVEAL-1"_s));

    const OpsReply noReason = await([&](OpsClient::Callback cb) {
        client->send("POST", u"/api/v1/messages/%1/reveal"_s.arg(messageId), {}, {}, nullptr, cb);
    });
    QCOMPARE(noReason.status, 400);
    QCOMPARE(noReason.errorCode, u"reason-required"_s);
}

void tst_ConsoleClient::streamDeliversStatsAndMessageEvents()
{
    auto client = signedIn();
    StreamClient stream(endpoint());
    stream.setToken(client->token());
    QSignalSpy events(&stream, &StreamClient::eventReceived);
    QSignalSpy errors(&stream, &StreamClient::errorOccurred);
    stream.start();
    QTRY_COMPARE_WITH_TIMEOUT(stream.state(), StreamClient::Connected, WaitMs);
    QCOMPARE(stream.epoch().size(), 32);
    QVERIFY(stream.deniedTopics().isEmpty());

    QTRY_VERIFY_WITH_TIMEOUT(!framesOf(events, u"stats.tick"_s).isEmpty(), WaitMs);
    const qint64 messageId = sendAdt(u"CC-STREAM-1"_s);
    QVERIFY(messageId > 0);
    QTRY_VERIFY_WITH_TIMEOUT(hasMessageState(events, messageId, u"accepted"_s), WaitMs);
    QTRY_VERIFY_WITH_TIMEOUT(hasMessageState(events, messageId, u"delivered"_s), WaitMs);
    const QJsonObject tick = framesOf(events, u"stats.tick"_s).first();
    QVERIFY(tick.value(u"data"_s).toObject().contains(u"atMs"_s));
    QCOMPARE(stream.lastSeq(), framesOf(events).last().value(u"seq"_s).toInteger());
    QVERIFY2(errors.isEmpty(), qPrintable(errors.isEmpty() ? QString() : errors.first().at(0).toString()));
    stream.stop();
}

void tst_ConsoleClient::wrongPinStreamStopsWithMismatch()
{
    auto client = signedIn();
    OpsEndpoint wrong = endpoint();
    wrong.pinnedFingerprint = otherFingerprint(m_node.fingerprint());
    StreamClient stream(wrong);
    stream.setToken(client->token());
    QSignalSpy errors(&stream, &StreamClient::errorOccurred);
    stream.start();
    QTRY_COMPARE_WITH_TIMEOUT(errors.size(), 1, WaitMs);
    QCOMPARE(errors.first().at(1).toBool(), true);
    QVERIFY(errors.first().at(0).toString().contains(m_node.fingerprint()));
    QCOMPARE(stream.state(), StreamClient::Stopped);
    QTest::qWait(1500);
    QCOMPARE(errors.size(), 1);  // no automatic retry against a changed certificate
}

void tst_ConsoleClient::droppedSocketResumesWithoutGap()
{
    auto client = signedIn();
    StreamClient stream(endpoint());
    stream.setToken(client->token());
    stream.setBackoff(300, 2000);
    QSignalSpy events(&stream, &StreamClient::eventReceived);
    QSignalSpy resyncs(&stream, &StreamClient::resyncRequired);
    stream.start();
    QTRY_COMPARE_WITH_TIMEOUT(stream.state(), StreamClient::Connected, WaitMs);
    const qint64 firstId = sendAdt(u"CC-GAP-1"_s);
    QVERIFY(firstId > 0);
    QTRY_VERIFY_WITH_TIMEOUT(hasMessageState(events, firstId, u"delivered"_s), WaitMs);

    // Drop the socket and have messages processed while the client is away.
    stream.reconnect();
    QCOMPARE(stream.state(), StreamClient::Reconnecting);
    QList<qint64> ids;
    for (int i = 2; i <= 4; ++i) {
        ids << sendAdt(u"CC-GAP-%1"_s.arg(i));
        QVERIFY(ids.last() > 0);
    }
    QTRY_COMPARE_WITH_TIMEOUT(stream.state(), StreamClient::Connected, WaitMs);
    for (qint64 id : std::as_const(ids)) {
        QTRY_VERIFY_WITH_TIMEOUT(hasMessageState(events, id, u"accepted"_s), WaitMs);
        QTRY_VERIFY_WITH_TIMEOUT(hasMessageState(events, id, u"delivered"_s), WaitMs);
    }
    QCOMPARE(resyncs.size(), 0);
    // An admin subscribed to every topic has nothing filtered: the seqs are contiguous, across the drop.
    const QList<QJsonObject> frames = framesOf(events);
    for (qsizetype i = 1; i < frames.size(); ++i)
        QCOMPARE(frames.at(i).value(u"seq"_s).toInteger(), frames.at(i - 1).value(u"seq"_s).toInteger() + 1);
    stream.stop();
}

void tst_ConsoleClient::killedNodeRestartedMeansReconnectAndResync()
{
    auto client = signedIn();
    StreamClient stream(endpoint());
    stream.setToken(client->token());
    stream.setBackoff(200, 2000);
    QSignalSpy events(&stream, &StreamClient::eventReceived);
    QSignalSpy resyncs(&stream, &StreamClient::resyncRequired);
    QSignalSpy delays(&stream, &StreamClient::reconnectScheduled);
    // A console re-signs in when the stream says its token is no longer good.
    connect(&stream, &StreamClient::unauthorized, client.get(), [&] {
        client->signIn(Admin, password(Admin), client.get(), [&](const OpsReply& r) {
            if (r.ok())
                stream.setToken(client->token());
        });
    });
    stream.start();
    QTRY_COMPARE_WITH_TIMEOUT(stream.state(), StreamClient::Connected, WaitMs);
    QTRY_VERIFY_WITH_TIMEOUT(!events.isEmpty(), WaitMs);
    const QString epochBefore = stream.epoch();

    m_node.kill();
    QTRY_COMPARE_WITH_TIMEOUT(stream.state(), StreamClient::Reconnecting, WaitMs);
    QTRY_VERIFY_WITH_TIMEOUT(delays.size() >= 3, WaitMs);  // keeps trying while the node is down
    QString error;
    QVERIFY2(m_node.restart(&error), qPrintable(error));
    QCOMPARE(m_node.port(u"http"_s), m_httpPort);

    QTRY_COMPARE_WITH_TIMEOUT(resyncs.size(), 1, 30000);
    QVERIFY(resyncs.first().at(0).toString().contains(u"epoch"_s));
    QTRY_COMPARE_WITH_TIMEOUT(stream.state(), StreamClient::Connected, WaitMs);
    QVERIFY(stream.epoch() != epochBefore);
    const qint64 resyncSeq = stream.lastSeq();
    events.clear();
    const qint64 messageId = sendAdt(u"CC-RESTART-1"_s);
    QVERIFY(messageId > 0);
    QTRY_VERIFY_WITH_TIMEOUT(hasMessageState(events, messageId, u"accepted"_s), WaitMs);
    QVERIFY(framesOf(events).first().value(u"seq"_s).toInteger() > resyncSeq);
    stream.stop();
}

QTEST_GUILESS_MAIN(tst_ConsoleClient)
#include "tst_consoleclient.moc"
