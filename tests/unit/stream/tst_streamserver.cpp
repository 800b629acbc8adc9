// The live stream over real sockets: a loopback QWebSocketServer hands its connections to
// StreamServer::accept, as the ops API's HTTP server does; clients are plain QWebSockets.
#include "node/stream/EventHub.h"
#include "node/stream/StreamServer.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkRequest>
#include <QSignalSpy>
#include <QTest>
#include <QWebSocket>
#include <QWebSocketServer>

#include <memory>

namespace {

const QByteArray SupportToken = "support-token";
const QByteArray NurseToken = "nurse-4a-token";
const QByteArray AdminToken = "admin-token";

const QByteArray IdA = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
const QByteArray IdB = "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";

Principal principal(qint64 id, Role role, const QStringList& units = {})
{
    Principal p;
    p.userId = id;
    p.userName = roleName(role);
    p.role = role;
    p.units = units;
    return p;
}

/// One stream client: the socket and every JSON frame it received, in order.
class Client
{
public:
    Client()
    {
        QObject::connect(&socket, &QWebSocket::textMessageReceived, &socket, [this](const QString& text) {
            frames.append(QJsonDocument::fromJson(text.toUtf8()).object());
        });
    }

    void send(const QJsonObject& message)
    {
        socket.sendTextMessage(QString::fromUtf8(QJsonDocument(message).toJson(QJsonDocument::Compact)));
    }

    QList<QJsonObject> ofType(const QString& type) const
    {
        QList<QJsonObject> result;
        for (const QJsonObject& frame : frames) {
            if (frame.value(QStringLiteral("type")).toString() == type)
                result.append(frame);
        }
        return result;
    }

    int count(const QString& type) const { return int(ofType(type).size()); }

    QList<qint64> eventSeqs() const
    {
        QList<qint64> seqs;
        for (const QJsonObject& frame : ofType(QStringLiteral("event")))
            seqs.append(frame.value(QStringLiteral("seq")).toInteger());
        return seqs;
    }

    QWebSocket socket;
    QList<QJsonObject> frames;
};

QJsonObject subscribe(const QStringList& topics)
{
    return {{QStringLiteral("type"), QStringLiteral("subscribe")}, {QStringLiteral("topics"), QJsonArray::fromStringList(topics)}};
}

QJsonObject subscribeSince(const QStringList& topics, const QByteArray& epoch, qint64 since)
{
    QJsonObject message = subscribe(topics);
    message.insert(QStringLiteral("epoch"), QString::fromLatin1(epoch));
    message.insert(QStringLiteral("since"), since);
    return message;
}

QList<qint64> range(qint64 first, qint64 last)
{
    QList<qint64> seqs;
    for (qint64 s = first; s <= last; ++s)
        seqs.append(s);
    return seqs;
}

} // namespace

class tst_StreamServer : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void authByHeaderGetsHello();
    void authByMessageGetsHello();
    void badTokenCloses4401_data();
    void badTokenCloses4401();
    void noAuthInTimeCloses4401();
    void liveEventsArriveInOrder();
    void resumeAfterDropGetsExactlyTheMissedEvents();
    void oldEpochGetsResyncThenLive();
    void bufferOverrunGetsResync();
    void nurseSeesOnlyTheirUnitsAndNoDeadLetters();
    void supportSeesEverything();
    void correlationIdsNarrowMessageEvents();
    void resubscribeReplacesTheSubscription();
    void heartbeatCarriesTheSeqThroughFilteredEvents();
    void expiredTokenCloses4401();
    void malformedMessagesGetAnError_data();
    void malformedMessagesGetAnError();
    void tooManyMalformedMessagesClose1008();
    void oversizedMessageCloses1009();
    void slowWriterGetsEverythingPaced();
    void clientFarBehindCloses4408();
    void shutdownClosesEveryConnection();
    void disconnectEndsTheSession();

private:
    void startServer(int bufferEvents = 1000);
    std::unique_ptr<Client> connectClient(const QByteArray& headerToken = {});
    std::unique_ptr<Client> subscribedClient(const QByteArray& token, const QJsonObject& subscription);
    qint64 publishMessageEvent(const QString& unit, const QByteArray& id = {});

    qint64 m_now = 1'764'158'400'000;
    QHash<QByteArray, Principal> m_tokens;
    int m_validations = 0;
    StreamSessionOptions m_options;
    std::unique_ptr<EventHub> m_hub;
    std::unique_ptr<StreamServer> m_stream;
    std::unique_ptr<QWebSocketServer> m_wsServer;
};

void tst_StreamServer::init()
{
    m_tokens = {{SupportToken, principal(1, Role::Support)},
                {NurseToken, principal(2, Role::Nurse, {QStringLiteral("4A")})},
                {AdminToken, principal(3, Role::Admin)}};
    m_options = StreamSessionOptions();
    m_options.heartbeatMs = 60'000;                  // tests that need heartbeats shorten it
}

void tst_StreamServer::cleanup()
{
    m_wsServer.reset();
    m_stream.reset();
    m_hub.reset();
}

void tst_StreamServer::startServer(int bufferEvents)
{
    m_hub = std::make_unique<EventHub>(bufferEvents, [this] { return m_now; });
    m_stream = std::make_unique<StreamServer>(
        *m_hub,
        [this](const QByteArray& token) -> std::optional<Principal> {
            ++m_validations;
            const auto it = m_tokens.constFind(token);
            return it == m_tokens.cend() ? std::nullopt : std::optional<Principal>(*it);
        },
        QStringLiteral("node-test"));
    m_stream->setOptions(m_options);
    m_wsServer = std::make_unique<QWebSocketServer>(QStringLiteral("test"), QWebSocketServer::NonSecureMode);
    QVERIFY(m_wsServer->listen(QHostAddress::LocalHost, 0));
    connect(m_wsServer.get(), &QWebSocketServer::newConnection, this, [this] {
        while (m_wsServer->hasPendingConnections())
            m_stream->accept(m_wsServer->nextPendingConnection());
    });
}

std::unique_ptr<Client> tst_StreamServer::connectClient(const QByteArray& headerToken)
{
    auto client = std::make_unique<Client>();
    QNetworkRequest request(QUrl(QStringLiteral("ws://127.0.0.1:%1/api/v1/stream").arg(m_wsServer->serverPort())));
    if (!headerToken.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + headerToken);
    QSignalSpy connected(&client->socket, &QWebSocket::connected);
    client->socket.open(request);
    if (!connected.wait(5000))
        return nullptr;
    return client;
}

std::unique_ptr<Client> tst_StreamServer::subscribedClient(const QByteArray& token, const QJsonObject& subscription)
{
    auto client = connectClient(token);
    if (!client)
        return nullptr;
    Client* c = client.get();
    if (!QTest::qWaitFor([c] { return c->count(QStringLiteral("hello")) == 1; }, 5000))
        return nullptr;
    client->send(subscription);
    if (!QTest::qWaitFor([c] { return c->count(QStringLiteral("subscribed")) == 1; }, 5000))
        return nullptr;
    return client;
}

qint64 tst_StreamServer::publishMessageEvent(const QString& unit, const QByteArray& id)
{
    return m_hub->publish(QStringLiteral("message.state"), {{QStringLiteral("state"), QStringLiteral("delivered")}},
                          unit, id);
}

void tst_StreamServer::authByHeaderGetsHello()
{
    startServer();
    m_hub->publish(QStringLiteral("stats.tick"), {});
    m_hub->publish(QStringLiteral("stats.tick"), {});

    auto client = connectClient(SupportToken);
    QVERIFY(client);
    QTRY_COMPARE(client->count(QStringLiteral("hello")), 1);
    const QJsonObject hello = client->frames.first();
    QCOMPARE(hello.value(QStringLiteral("type")).toString(), QStringLiteral("hello"));
    QCOMPARE(hello.value(QStringLiteral("nodeId")).toString(), QStringLiteral("node-test"));
    QCOMPARE(hello.value(QStringLiteral("epoch")).toString().toLatin1(), m_hub->epoch());
    QCOMPARE(hello.value(QStringLiteral("seq")).toInteger(), 2);
    QCOMPARE(m_stream->sessionCount(), 1);
}

void tst_StreamServer::authByMessageGetsHello()
{
    startServer();
    auto client = connectClient();
    QVERIFY(client);
    client->send({{QStringLiteral("type"), QStringLiteral("auth")}, {QStringLiteral("token"), QString::fromLatin1(NurseToken)}});
    QTRY_COMPARE(client->count(QStringLiteral("hello")), 1);
    QCOMPARE(client->frames.first().value(QStringLiteral("seq")).toInteger(), 0);

    // It is now an authenticated nurse: the subscription is answered with the nurse's grants.
    client->send(subscribe({QStringLiteral("deadLetters"), QStringLiteral("alerts")}));
    QTRY_COMPARE(client->count(QStringLiteral("subscribed")), 1);
    const QJsonObject subscribed = client->ofType(QStringLiteral("subscribed")).first();
    QCOMPARE(subscribed.value(QStringLiteral("topics")).toArray(), QJsonArray{QStringLiteral("alerts")});
    QCOMPARE(subscribed.value(QStringLiteral("denied")).toArray(), QJsonArray{QStringLiteral("deadLetters")});
}

void tst_StreamServer::badTokenCloses4401_data()
{
    QTest::addColumn<QByteArray>("headerToken");
    QTest::addColumn<QString>("firstMessage");
    QTest::addColumn<QString>("reason");

    QTest::addRow("unknown token in header") << QByteArray("nope") << QString() << QStringLiteral("invalid token");
    QTest::addRow("unknown token in message")
        << QByteArray() << QStringLiteral(R"({"type":"auth","token":"nope"})") << QStringLiteral("invalid token");
    QTest::addRow("empty token in message")
        << QByteArray() << QStringLiteral(R"({"type":"auth","token":""})") << QStringLiteral("invalid token");
    QTest::addRow("subscribe before auth")
        << QByteArray() << QStringLiteral(R"({"type":"subscribe","topics":["stats"]})")
        << QStringLiteral("authentication required");
    QTest::addRow("not JSON before auth") << QByteArray() << QStringLiteral("hello?")
                                          << QStringLiteral("authentication required");
    QTest::addRow("token not a string")
        << QByteArray() << QStringLiteral(R"({"type":"auth","token":42})")
        << QStringLiteral("auth needs exactly \"type\" and \"token\" (a string)");
}

void tst_StreamServer::badTokenCloses4401()
{
    QFETCH(QByteArray, headerToken);
    QFETCH(QString, firstMessage);
    QFETCH(QString, reason);

    startServer();
    auto client = connectClient(headerToken);
    QVERIFY(client);
    if (!firstMessage.isEmpty())
        client->socket.sendTextMessage(firstMessage);
    // A rejected header token may close the connection before connectClient() returns.
    QTRY_COMPARE_WITH_TIMEOUT(client->socket.state(), QAbstractSocket::UnconnectedState, 5000);
    QCOMPARE(int(client->socket.closeCode()), 4401);
    QCOMPARE(client->socket.closeReason(), reason);
    QCOMPARE(client->count(QStringLiteral("hello")), 0);
    QTRY_COMPARE(m_stream->sessionCount(), 0);
}

void tst_StreamServer::noAuthInTimeCloses4401()
{
    m_options.authTimeoutMs = 50;
    startServer();
    auto client = connectClient();
    QVERIFY(client);
    QSignalSpy disconnected(&client->socket, &QWebSocket::disconnected);
    QVERIFY(disconnected.wait(5000));
    QCOMPARE(int(client->socket.closeCode()), 4401);
    QCOMPARE(client->socket.closeReason(), QStringLiteral("authentication timed out"));
    QVERIFY(client->frames.isEmpty());
}

void tst_StreamServer::liveEventsArriveInOrder()
{
    startServer();
    m_hub->publish(QStringLiteral("stats.tick"), {});  // before the subscription: not sent
    auto client = subscribedClient(SupportToken, subscribe({QStringLiteral("stats"), QStringLiteral("messages")}));
    QVERIFY(client);

    m_now = 1'764'158'400'123;
    const qint64 first = m_hub->publish(QStringLiteral("stats.tick"), {{QStringLiteral("queueDepth"), 7}});
    const qint64 second = publishMessageEvent(QStringLiteral("4A"), IdA);
    const qint64 third = m_hub->publish(QStringLiteral("stats.tick"), {{QStringLiteral("queueDepth"), 8}});
    QTRY_COMPARE(client->eventSeqs(), (QList<qint64>{first, second, third}));
    QCOMPARE(first, 2);

    const QList<QJsonObject> events = client->ofType(QStringLiteral("event"));
    QCOMPARE(events[0].value(QStringLiteral("event")).toString(), QStringLiteral("stats.tick"));
    QCOMPARE(events[0].value(QStringLiteral("at")).toString(), QStringLiteral("2025-11-26T12:00:00.123Z"));
    QCOMPARE(events[0].value(QStringLiteral("data")).toObject().value(QStringLiteral("queueDepth")).toInt(), 7);
    QVERIFY(!events[0].contains(QStringLiteral("unit")));
    QCOMPARE(events[1].value(QStringLiteral("event")).toString(), QStringLiteral("message.state"));
    QCOMPARE(events[1].value(QStringLiteral("unit")).toString(), QStringLiteral("4A"));
    QCOMPARE(events[1].value(QStringLiteral("correlationId")).toString().toLatin1(), IdA);
    QCOMPARE(events[1].value(QStringLiteral("data")).toObject().value(QStringLiteral("state")).toString(),
             QStringLiteral("delivered"));
    QCOMPARE(client->count(QStringLiteral("resync")), 0);
}

void tst_StreamServer::resumeAfterDropGetsExactlyTheMissedEvents()
{
    startServer();
    const QStringList topics{QStringLiteral("stats"), QStringLiteral("messages")};
    auto first = subscribedClient(AdminToken, subscribe(topics));
    QVERIFY(first);
    for (int i = 0; i < 3; ++i)
        m_hub->publish(QStringLiteral("stats.tick"), {{QStringLiteral("i"), i}});
    QTRY_COMPARE(first->eventSeqs(), range(1, 3));
    const qint64 lastSeen = first->eventSeqs().last();

    // The connection drops without a close handshake; the node goes on publishing.
    QSignalSpy gone(m_stream.get(), &StreamServer::sessionFinished);
    first->socket.abort();
    first.reset();
    QVERIFY(gone.wait(5000));
    QCOMPARE(m_stream->sessionCount(), 0);
    for (int i = 0; i < 4; ++i)
        publishMessageEvent(QStringLiteral("4A"));

    auto second = subscribedClient(AdminToken, subscribeSince(topics, m_hub->epoch(), lastSeen));
    QVERIFY(second);
    QTRY_COMPARE(second->eventSeqs(), range(4, 7));
    m_hub->publish(QStringLiteral("stats.tick"), {});
    QTRY_COMPARE(second->eventSeqs(), range(4, 8));
    QCOMPARE(second->count(QStringLiteral("resync")), 0);
    // The replay came after the subscription's answer, the live event after the replay.
    QCOMPARE(second->frames.at(1).value(QStringLiteral("type")).toString(), QStringLiteral("subscribed"));
    QCOMPARE(second->frames.at(2).value(QStringLiteral("seq")).toInteger(), 4);
}

void tst_StreamServer::oldEpochGetsResyncThenLive()
{
    startServer();
    for (int i = 0; i < 5; ++i)
        m_hub->publish(QStringLiteral("stats.tick"), {});
    EventHub previousRun(10, [this] { return m_now; });

    auto client = subscribedClient(SupportToken, subscribeSince({QStringLiteral("stats")}, previousRun.epoch(), 3));
    QVERIFY(client);
    QTRY_COMPARE(client->count(QStringLiteral("resync")), 1);
    const QJsonObject resync = client->ofType(QStringLiteral("resync")).first();
    QCOMPARE(resync.value(QStringLiteral("reason")).toString(), QStringLiteral("the node restarted (the epoch has changed)"));
    QCOMPARE(resync.value(QStringLiteral("epoch")).toString().toLatin1(), m_hub->epoch());
    QCOMPARE(resync.value(QStringLiteral("seq")).toInteger(), 5);

    m_hub->publish(QStringLiteral("stats.tick"), {});
    QTRY_COMPARE(client->eventSeqs(), QList<qint64>{6});
}

void tst_StreamServer::bufferOverrunGetsResync()
{
    startServer(5);
    for (int i = 0; i < 12; ++i)
        m_hub->publish(QStringLiteral("stats.tick"), {});

    auto client = subscribedClient(SupportToken, subscribeSince({QStringLiteral("stats")}, m_hub->epoch(), 2));
    QVERIFY(client);
    QTRY_COMPARE(client->count(QStringLiteral("resync")), 1);
    const QJsonObject resync = client->ofType(QStringLiteral("resync")).first();
    QCOMPARE(resync.value(QStringLiteral("reason")).toString(),
             QStringLiteral("events since 2 are no longer buffered (oldest is 8)"));
    QCOMPARE(resync.value(QStringLiteral("seq")).toInteger(), 12);
    m_hub->publish(QStringLiteral("stats.tick"), {});
    QTRY_COMPARE(client->eventSeqs(), QList<qint64>{13});

    // At the edge of the buffer the same client position still replays.
    auto edge = subscribedClient(SupportToken, subscribeSince({QStringLiteral("stats")}, m_hub->epoch(), 8));
    QVERIFY(edge);
    QTRY_COMPARE(edge->eventSeqs(), range(9, 13));
    QCOMPARE(edge->count(QStringLiteral("resync")), 0);
}

void tst_StreamServer::nurseSeesOnlyTheirUnitsAndNoDeadLetters()
{
    startServer();
    auto nurse = subscribedClient(NurseToken, subscribe(StreamTopic::all()));
    QVERIFY(nurse);
    const QJsonObject subscribed = nurse->ofType(QStringLiteral("subscribed")).first();
    QCOMPARE(subscribed.value(QStringLiteral("topics")).toArray(),
             (QJsonArray{QStringLiteral("stats"), QStringLiteral("messages"), QStringLiteral("alerts")}));
    QCOMPARE(subscribed.value(QStringLiteral("denied")).toArray(),
             (QJsonArray{QStringLiteral("deadLetters"), QStringLiteral("audit")}));

    const QString a = QStringLiteral("4A");
    const QString b = QStringLiteral("4B");
    QList<qint64> expected;
    expected << publishMessageEvent(a);
    publishMessageEvent(b);
    publishMessageEvent(QString());
    m_hub->publish(QStringLiteral("deadLetter.added"), {}, a);
    m_hub->publish(QStringLiteral("deadLetter.added"), {});
    expected << m_hub->publish(QStringLiteral("alert.changed"), {}, a, {}, true);
    m_hub->publish(QStringLiteral("alert.changed"), {}, a, {}, false);
    m_hub->publish(QStringLiteral("alert.changed"), {}, b, {}, true);
    m_hub->publish(QStringLiteral("audit.appended"), {});
    expected << m_hub->publish(QStringLiteral("stats.tick"), {});

    QTRY_COMPARE(nurse->eventSeqs(), expected);
    // Gaps are normal: the filtered events consumed seqs 2-5 and 7-9.
    QCOMPARE(expected, (QList<qint64>{1, 6, 10}));
    for (const QJsonObject& event : nurse->ofType(QStringLiteral("event")))
        QVERIFY(!event.value(QStringLiteral("event")).toString().startsWith(u"deadLetter"));
}

void tst_StreamServer::supportSeesEverything()
{
    startServer();
    auto support = subscribedClient(SupportToken, subscribe(StreamTopic::all()));
    QVERIFY(support);
    QCOMPARE(support->ofType(QStringLiteral("subscribed")).first().value(QStringLiteral("denied")).toArray(), QJsonArray());
    publishMessageEvent(QStringLiteral("4B"));
    m_hub->publish(QStringLiteral("deadLetter.added"), {}, QStringLiteral("4B"));
    m_hub->publish(QStringLiteral("alert.changed"), {}, {}, {}, false);
    m_hub->publish(QStringLiteral("audit.appended"), {});
    QTRY_COMPARE(support->eventSeqs(), range(1, 4));
}

void tst_StreamServer::correlationIdsNarrowMessageEvents()
{
    startServer();
    QJsonObject subscription = subscribe({QStringLiteral("messages"), QStringLiteral("deadLetters")});
    subscription.insert(QStringLiteral("correlationIds"), QJsonArray{QString::fromLatin1(IdA)});
    auto client = subscribedClient(SupportToken, subscription);
    QVERIFY(client);

    publishMessageEvent(QStringLiteral("4A"), IdB);
    const qint64 mine = publishMessageEvent(QStringLiteral("4A"), IdA);
    const qint64 deadLetter = m_hub->publish(QStringLiteral("deadLetter.added"), {}, {}, IdB);
    QTRY_COMPARE(client->eventSeqs(), (QList<qint64>{mine, deadLetter}));
}

void tst_StreamServer::resubscribeReplacesTheSubscription()
{
    startServer();
    auto client = subscribedClient(SupportToken, subscribe({QStringLiteral("stats")}));
    QVERIFY(client);
    const qint64 tick = m_hub->publish(QStringLiteral("stats.tick"), {});
    QTRY_COMPARE(client->eventSeqs(), QList<qint64>{tick});

    client->send(subscribe({QStringLiteral("messages")}));
    QTRY_COMPARE(client->count(QStringLiteral("subscribed")), 2);
    m_hub->publish(QStringLiteral("stats.tick"), {});
    const qint64 message = publishMessageEvent(QStringLiteral("4A"));
    QTRY_COMPARE(client->eventSeqs(), (QList<qint64>{tick, message}));
}

void tst_StreamServer::heartbeatCarriesTheSeqThroughFilteredEvents()
{
    m_options.heartbeatMs = 50;
    startServer();
    auto nurse = subscribedClient(NurseToken, subscribe({QStringLiteral("messages")}));
    QVERIFY(nurse);
    QTRY_VERIFY(nurse->count(QStringLiteral("heartbeat")) >= 1);
    QCOMPARE(nurse->ofType(QStringLiteral("heartbeat")).last().value(QStringLiteral("seq")).toInteger(), 0);

    for (int i = 0; i < 3; ++i)
        publishMessageEvent(QStringLiteral("4B"));   // none of them is the nurse's
    QTRY_COMPARE(nurse->ofType(QStringLiteral("heartbeat")).last().value(QStringLiteral("seq")).toInteger(), 3);
    QCOMPARE(nurse->count(QStringLiteral("event")), 0);

    // The heartbeat's seq is a valid resume point: nothing is replayed, nothing is lost.
    const qint64 mine = publishMessageEvent(QStringLiteral("4A"));
    auto resumed = subscribedClient(NurseToken, subscribeSince({QStringLiteral("messages")}, m_hub->epoch(), 3));
    QVERIFY(resumed);
    QTRY_COMPARE(resumed->eventSeqs(), QList<qint64>{mine});
    QCOMPARE(resumed->count(QStringLiteral("resync")), 0);
}

void tst_StreamServer::expiredTokenCloses4401()
{
    m_options.tokenCheckMs = 50;
    startServer();
    auto client = subscribedClient(SupportToken, subscribe({QStringLiteral("stats")}));
    QVERIFY(client);
    QSignalSpy disconnected(&client->socket, &QWebSocket::disconnected);
    // Still valid over several checks: the connection stays.
    const int atSubscribe = m_validations;
    QTRY_VERIFY(m_validations >= atSubscribe + 3);
    QCOMPARE(disconnected.count(), 0);
    QCOMPARE(client->socket.state(), QAbstractSocket::ConnectedState);

    m_tokens.remove(SupportToken);
    QVERIFY(disconnected.wait(5000));
    QCOMPARE(int(client->socket.closeCode()), 4401);
    QCOMPARE(client->socket.closeReason(), QStringLiteral("token expired"));
}

void tst_StreamServer::malformedMessagesGetAnError_data()
{
    QTest::addColumn<QString>("message");
    QTest::addColumn<QString>("error");

    QTest::addRow("not JSON") << QStringLiteral("{nope") << QStringLiteral("not JSON");
    QTest::addRow("array") << QStringLiteral("[1,2]") << QStringLiteral("a message must be a JSON object");
    QTest::addRow("no type") << QStringLiteral(R"({"topics":["stats"]})") << QStringLiteral("\"type\" (a string) is required");
    QTest::addRow("unknown type") << QStringLiteral(R"({"type":"unsubscribe"})")
                                  << QStringLiteral("unknown message type \"unsubscribe\"");
    QTest::addRow("auth again") << QStringLiteral(R"({"type":"auth","token":"admin-token"})")
                                << QStringLiteral("already authenticated");
    QTest::addRow("no topics") << QStringLiteral(R"({"type":"subscribe"})") << QStringLiteral("\"topics\" must be");
    QTest::addRow("empty topics") << QStringLiteral(R"({"type":"subscribe","topics":[]})")
                                  << QStringLiteral("\"topics\" must be");
    QTest::addRow("unknown topic") << QStringLiteral(R"({"type":"subscribe","topics":["patients"]})")
                                   << QStringLiteral("unknown topic \"patients\"");
    QTest::addRow("topic not a string") << QStringLiteral(R"({"type":"subscribe","topics":[1]})")
                                        << QStringLiteral("unknown topic");
    QTest::addRow("unknown field") << QStringLiteral(R"({"type":"subscribe","topics":["stats"],"from":3})")
                                   << QStringLiteral("unknown field \"from\"");
    QTest::addRow("since without epoch") << QStringLiteral(R"({"type":"subscribe","topics":["stats"],"since":3})")
                                         << QStringLiteral("\"since\" and \"epoch\" go together");
    QTest::addRow("negative since") << QStringLiteral(R"({"type":"subscribe","topics":["stats"],"since":-1,"epoch":"x"})")
                                    << QStringLiteral("\"since\" must be a whole number");
    QTest::addRow("fractional since") << QStringLiteral(R"({"type":"subscribe","topics":["stats"],"since":1.5,"epoch":"x"})")
                                      << QStringLiteral("\"since\" must be a whole number");
    QTest::addRow("since as string") << QStringLiteral(R"({"type":"subscribe","topics":["stats"],"since":"3","epoch":"x"})")
                                     << QStringLiteral("\"since\" must be a whole number");
    QTest::addRow("epoch not a string") << QStringLiteral(R"({"type":"subscribe","topics":["stats"],"since":3,"epoch":7})")
                                        << QStringLiteral("\"epoch\" must be a string");
    QTest::addRow("bad correlation ID")
        << QStringLiteral(R"({"type":"subscribe","topics":["messages"],"correlationIds":["ABC"]})")
        << QStringLiteral("correlation IDs are 32 lowercase hex");
    QTest::addRow("correlation IDs not an array")
        << QStringLiteral(R"({"type":"subscribe","topics":["messages"],"correlationIds":"abc"})")
        << QStringLiteral("\"correlationIds\" must be an array");
}

void tst_StreamServer::malformedMessagesGetAnError()
{
    QFETCH(QString, message);
    QFETCH(QString, error);

    startServer();
    auto client = connectClient(AdminToken);
    QVERIFY(client);
    QTRY_COMPARE(client->count(QStringLiteral("hello")), 1);
    client->socket.sendTextMessage(message);
    QTRY_COMPARE(client->count(QStringLiteral("error")), 1);
    const QString text = client->ofType(QStringLiteral("error")).first().value(QStringLiteral("message")).toString();
    QVERIFY2(text.contains(error), qPrintable(text));
    QCOMPARE(client->count(QStringLiteral("subscribed")), 0);

    // The connection stays and still works.
    client->send(subscribe({QStringLiteral("stats")}));
    QTRY_COMPARE(client->count(QStringLiteral("subscribed")), 1);
    const qint64 seq = m_hub->publish(QStringLiteral("stats.tick"), {});
    QTRY_COMPARE(client->eventSeqs(), QList<qint64>{seq});
    QCOMPARE(client->socket.state(), QAbstractSocket::ConnectedState);
}

void tst_StreamServer::tooManyMalformedMessagesClose1008()
{
    m_options.maxBadMessages = 3;
    startServer();
    auto client = connectClient(AdminToken);
    QVERIFY(client);
    QTRY_COMPARE(client->count(QStringLiteral("hello")), 1);
    QSignalSpy disconnected(&client->socket, &QWebSocket::disconnected);
    for (int i = 0; i < 3; ++i)
        client->socket.sendTextMessage(QStringLiteral("?"));
    client->socket.sendBinaryMessage("binary");
    QVERIFY(disconnected.wait(5000));
    QCOMPARE(client->count(QStringLiteral("error")), 3);
    QCOMPARE(client->socket.closeCode(), QWebSocketProtocol::CloseCodePolicyViolated);
    QCOMPARE(client->socket.closeReason(), QStringLiteral("too many malformed messages"));
}

void tst_StreamServer::oversizedMessageCloses1009()
{
    m_options.maxIncomingMessageBytes = 1024;
    startServer();
    auto client = connectClient(AdminToken);
    QVERIFY(client);
    QTRY_COMPARE(client->count(QStringLiteral("hello")), 1);
    QSignalSpy disconnected(&client->socket, &QWebSocket::disconnected);
    client->socket.sendTextMessage(QString(2048, u' ') + QStringLiteral(R"({"type":"subscribe","topics":["stats"]})"));
    QVERIFY(disconnected.wait(5000));
    QCOMPARE(client->socket.closeCode(), QWebSocketProtocol::CloseCodeTooMuchData);
    QCOMPARE(client->count(QStringLiteral("subscribed")), 0);
}

void tst_StreamServer::slowWriterGetsEverythingPaced()
{
    // A limit below one frame: every event waits until the previous one has left the socket.
    m_options.maxPendingBytes = 1;
    startServer(1000);
    auto client = subscribedClient(SupportToken, subscribe({QStringLiteral("stats")}));
    QVERIFY(client);
    const QString payload(200, u'x');
    for (int i = 0; i < 300; ++i)
        m_hub->publish(QStringLiteral("stats.tick"), {{QStringLiteral("pad"), payload}});
    QTRY_COMPARE_WITH_TIMEOUT(client->eventSeqs().size(), 300, 20000);
    QCOMPARE(client->eventSeqs(), range(1, 300));
    QCOMPARE(client->socket.state(), QAbstractSocket::ConnectedState);
}

void tst_StreamServer::clientFarBehindCloses4408()
{
    // Paused after one frame, the client's next event leaves a 5-event buffer at the 7th publish.
    m_options.maxPendingBytes = 1;
    startServer(5);
    auto client = subscribedClient(SupportToken, subscribe({QStringLiteral("stats")}));
    QVERIFY(client);
    QSignalSpy disconnected(&client->socket, &QWebSocket::disconnected);
    for (int i = 0; i < 20; ++i)
        m_hub->publish(QStringLiteral("stats.tick"), {});
    QVERIFY(disconnected.wait(5000));
    QCOMPARE(int(client->socket.closeCode()), 4408);
    QCOMPARE(client->socket.closeReason(), QStringLiteral("too slow; resume with since"));
    QCOMPARE(client->eventSeqs(), QList<qint64>{1});

    // Resuming is then answered with a resync, not with a silent gap.
    auto resumed = subscribedClient(SupportToken, subscribeSince({QStringLiteral("stats")}, m_hub->epoch(), 1));
    QVERIFY(resumed);
    QTRY_COMPARE(resumed->count(QStringLiteral("resync")), 1);
}

void tst_StreamServer::shutdownClosesEveryConnection()
{
    startServer();
    auto a = subscribedClient(SupportToken, subscribe({QStringLiteral("stats")}));
    auto b = connectClient(NurseToken);
    QVERIFY(a && b);
    QTRY_COMPARE(m_stream->sessionCount(), 2);
    QSignalSpy aGone(&a->socket, &QWebSocket::disconnected);
    QSignalSpy bGone(&b->socket, &QWebSocket::disconnected);
    m_stream->shutdown();
    QTRY_COMPARE(aGone.count(), 1);
    QTRY_COMPARE(bGone.count(), 1);
    QCOMPARE(a->socket.closeCode(), QWebSocketProtocol::CloseCodeGoingAway);
    QCOMPARE(b->socket.closeReason(), QStringLiteral("node shutting down"));
    QTRY_COMPARE(m_stream->sessionCount(), 0);
}

void tst_StreamServer::disconnectEndsTheSession()
{
    startServer();
    auto client = subscribedClient(SupportToken, subscribe({QStringLiteral("stats")}));
    QVERIFY(client);
    QCOMPARE(m_stream->sessionCount(), 1);
    client->socket.close();
    QTRY_COMPARE(m_stream->sessionCount(), 0);
    // Publishing to nobody is fine.
    m_hub->publish(QStringLiteral("stats.tick"), {});
    QCOMPARE(m_hub->latestSeq(), 1);
}

QTEST_GUILESS_MAIN(tst_StreamServer)
#include "tst_streamserver.moc"
