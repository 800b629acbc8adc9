// StreamClient against a loopback QWebSocketServer that speaks the stream protocol of
// docs/ops-api.md section 5 (plain ws: OpsEndpoint.tls = false), so drops, replays, resyncs and the
// reconnect timing can be provoked precisely.
#include "net/ops/StreamClient.h"

#include <QHostAddress>
#include <QJsonArray>
#include <QJsonDocument>
#include <QList>
#include <QSignalSpy>
#include <QTest>
#include <QWebSocket>
#include <QWebSocketServer>

#include <memory>

using namespace Qt::StringLiterals;

namespace {

const QString GoodToken = u"good-token"_s;

/// The node's side of the stream, reduced to what the client depends on: auth as the first message,
/// hello, subscribe with since/epoch, replay from a buffer, resync, heartbeats, 4401.
class FakeStreamServer
{
public:
    FakeStreamServer()
        : m_server(u"fake-node"_s, QWebSocketServer::NonSecureMode)
    {
        QObject::connect(&m_server, &QWebSocketServer::newConnection, &m_server, [this] { accept(); });
    }

    bool listen(quint16 port = 0) { return m_server.listen(QHostAddress::LocalHost, port); }
    void close()
    {
        m_server.close();
        dropAll();
    }
    quint16 port() const { return m_server.serverPort(); }

    /// Publishes one event to every subscribed connection (and keeps it for replay).
    qint64 publish(const QString& event = u"message.state"_s)
    {
        const QJsonObject frame{{u"type"_s, u"event"_s},
                                {u"seq"_s, ++m_seq},
                                {u"event"_s, event},
                                {u"at"_s, u"2026-11-26T22:02:10.832Z"_s},
                                {u"data"_s, QJsonObject{{u"messageId"_s, m_seq}}}};
        m_buffer.append(frame);
        for (QWebSocket* socket : std::as_const(m_subscribed))
            send(socket, frame);
        return m_seq;
    }
    /// An event this client would not see (filtered), which still uses up a seq.
    void skipSeq() { ++m_seq; }
    void heartbeat()
    {
        for (QWebSocket* socket : std::as_const(m_subscribed))
            send(socket, {{u"type"_s, u"heartbeat"_s}, {u"seq"_s, m_seq}});
    }
    /// A node restart: a new epoch, an empty buffer, seq from 0.
    void restart(qint64 seq = 0)
    {
        dropAll();
        m_epoch = u"%1"_s.arg(++m_restarts, 32, 10, QChar(u'0'));
        m_seq = seq;
        m_buffer.clear();
    }
    void dropAll()
    {
        const auto sockets = m_sockets;
        for (QWebSocket* socket : sockets)
            socket->abort();
    }
    void closeAllWith(int code, const QString& reason)
    {
        const auto sockets = m_sockets;
        for (QWebSocket* socket : sockets)
            socket->close(QWebSocketProtocol::CloseCode(code), reason);
    }

    QString epoch() const { return m_epoch; }
    qint64 seq() const { return m_seq; }
    const QList<QJsonObject>& subscribes() const { return m_subscribes; }
    int connections() const { return m_connections; }

private:
    void accept()
    {
        while (QWebSocket* socket = m_server.nextPendingConnection()) {
            ++m_connections;
            m_sockets.append(socket);
            auto authenticated = std::make_shared<bool>(false);
            QObject::connect(socket, &QWebSocket::textMessageReceived, socket,
                             [this, socket, authenticated](const QString& text) {
                                 const QJsonObject frame = QJsonDocument::fromJson(text.toUtf8()).object();
                                 const QString type = frame.value(u"type"_s).toString();
                                 if (!*authenticated) {
                                     if (type != u"auth" || frame.value(u"token"_s).toString() != GoodToken) {
                                         socket->close(QWebSocketProtocol::CloseCode(4401), u"invalid token"_s);
                                         return;
                                     }
                                     *authenticated = true;
                                     send(socket, {{u"type"_s, u"hello"_s}, {u"nodeId"_s, u"fake"_s},
                                                   {u"epoch"_s, m_epoch}, {u"seq"_s, m_seq}});
                                     return;
                                 }
                                 if (type == u"subscribe")
                                     subscribe(socket, frame);
                             });
            QObject::connect(socket, &QWebSocket::disconnected, socket, [this, socket] {
                m_sockets.removeAll(socket);
                m_subscribed.removeAll(socket);
                socket->deleteLater();
            });
        }
    }

    void subscribe(QWebSocket* socket, const QJsonObject& frame)
    {
        m_subscribes.append(frame);
        send(socket, {{u"type"_s, u"subscribed"_s}, {u"topics"_s, frame.value(u"topics"_s)},
                      {u"denied"_s, QJsonArray()}});
        if (frame.contains(u"since"_s)) {
            const qint64 since = frame.value(u"since"_s).toInteger();
            if (frame.value(u"epoch"_s).toString() != m_epoch || since > m_seq) {
                send(socket, {{u"type"_s, u"resync"_s}, {u"reason"_s, u"the node restarted (the epoch has changed)"_s},
                              {u"epoch"_s, m_epoch}, {u"seq"_s, m_seq}});
            } else {
                for (const QJsonObject& event : std::as_const(m_buffer)) {
                    if (event.value(u"seq"_s).toInteger() > since)
                        send(socket, event);
                }
            }
        }
        if (!m_subscribed.contains(socket))
            m_subscribed.append(socket);
    }

    static void send(QWebSocket* socket, const QJsonObject& frame)
    {
        socket->sendTextMessage(QString::fromUtf8(QJsonDocument(frame).toJson(QJsonDocument::Compact)));
    }

    QList<QWebSocket*> m_sockets;
    QList<QWebSocket*> m_subscribed;
    QList<QJsonObject> m_buffer;
    QList<QJsonObject> m_subscribes;
    QString m_epoch = u"0ab7d5d86a4df95e0852132291d2a626"_s;
    qint64 m_seq = 40;
    int m_connections = 0;
    int m_restarts = 0;
    // Last, so it (and the sockets' handlers touching the lists above) goes first.
    QWebSocketServer m_server;
};

OpsEndpoint plainEndpoint(quint16 port)
{
    OpsEndpoint endpoint;
    endpoint.host = u"127.0.0.1"_s;
    endpoint.port = port;
    endpoint.tls = false;
    return endpoint;
}

QList<qint64> seqsOf(const QSignalSpy& spy)
{
    QList<qint64> seqs;
    for (const QList<QVariant>& args : spy)
        seqs << args.at(0).toJsonObject().value(u"seq"_s).toInteger();
    return seqs;
}

} // namespace

class tst_StreamClient : public QObject
{
    Q_OBJECT

private slots:
    void subscribesFromHelloAndDeliversEventsInOrder();
    void resumesWithSinceAfterDroppedConnection();
    void heartbeatAdvancesResumePoint();
    void epochChangeSignalsResync();
    void resumeFromRestoredPosition();
    void backoffGrowsToCapAndResetsAfterStableConnection();
    void invalidTokenSignalsUnauthorizedAndNewTokenReconnects();
    void tlsWithoutPinRefusesToConnect();
    void stopEndsReconnecting();

private:
    static std::unique_ptr<StreamClient> client(quint16 port)
    {
        auto c = std::make_unique<StreamClient>(plainEndpoint(port));
        c->setToken(GoodToken);
        c->setBackoff(40, 320, 60000);
        return c;
    }
};

void tst_StreamClient::subscribesFromHelloAndDeliversEventsInOrder()
{
    FakeStreamServer server;
    QVERIFY(server.listen());
    auto c = client(server.port());
    c->setTopics({u"stats"_s, u"messages"_s});
    QSignalSpy states(c.get(), &StreamClient::stateChanged);
    QSignalSpy events(c.get(), &StreamClient::eventReceived);
    c->start();
    QCOMPARE(c->state(), StreamClient::Connecting);
    QTRY_COMPARE(c->state(), StreamClient::Connected);
    QCOMPARE(states.first().at(0).value<StreamClient::State>(), StreamClient::Connecting);

    QCOMPARE(server.subscribes().size(), 1);
    const QJsonObject subscribe = server.subscribes().first();
    QCOMPARE(subscribe.value(u"topics"_s).toArray(), QJsonArray({u"stats"_s, u"messages"_s}));
    // Asking from hello's seq on first contact: nothing published between hello and subscribed is lost.
    QCOMPARE(subscribe.value(u"since"_s).toInteger(), 40);
    QCOMPARE(subscribe.value(u"epoch"_s).toString(), server.epoch());
    QCOMPARE(c->epoch(), server.epoch());
    QCOMPARE(c->nodeId(), u"fake"_s);

    for (int i = 0; i < 5; ++i)
        server.publish();
    QTRY_COMPARE(events.size(), 5);
    QCOMPARE(seqsOf(events), (QList<qint64>{41, 42, 43, 44, 45}));
    const QJsonObject frame = events.last().at(0).toJsonObject();
    QCOMPARE(frame.value(u"type"_s).toString(), u"event"_s);
    QCOMPARE(frame.value(u"event"_s).toString(), u"message.state"_s);
    QCOMPARE(frame.value(u"data"_s).toObject().value(u"messageId"_s).toInteger(), 45);
    QCOMPARE(c->lastSeq(), 45);
}

void tst_StreamClient::resumesWithSinceAfterDroppedConnection()
{
    FakeStreamServer server;
    QVERIFY(server.listen());
    auto c = client(server.port());
    QSignalSpy events(c.get(), &StreamClient::eventReceived);
    QSignalSpy resyncs(c.get(), &StreamClient::resyncRequired);
    c->start();
    QTRY_COMPARE(c->state(), StreamClient::Connected);
    server.publish();
    server.publish();
    QTRY_COMPARE(events.size(), 2);

    server.dropAll();
    QTRY_COMPARE(c->state(), StreamClient::Reconnecting);
    // Published while the client is away: must be replayed, not lost.
    server.publish();
    server.skipSeq();
    server.publish();
    QTRY_COMPARE(c->state(), StreamClient::Connected);
    QTRY_COMPARE(events.size(), 4);
    QCOMPARE(server.connections(), 2);
    const QJsonObject resume = server.subscribes().last();
    QCOMPARE(resume.value(u"since"_s).toInteger(), 42);
    QCOMPARE(resume.value(u"epoch"_s).toString(), server.epoch());
    QCOMPARE(seqsOf(events), (QList<qint64>{41, 42, 43, 45}));
    QCOMPARE(resyncs.size(), 0);

    server.publish();
    QTRY_COMPARE(events.size(), 5);
    QCOMPARE(c->lastSeq(), 46);
}

void tst_StreamClient::heartbeatAdvancesResumePoint()
{
    FakeStreamServer server;
    QVERIFY(server.listen());
    auto c = client(server.port());
    c->start();
    QTRY_COMPARE(c->state(), StreamClient::Connected);
    for (int i = 0; i < 7; ++i)
        server.skipSeq();  // filtered events: only a heartbeat tells the client how far it is
    server.heartbeat();
    QTRY_COMPARE(c->lastSeq(), 47);
    server.dropAll();
    QTRY_COMPARE(server.subscribes().size(), 2);
    QCOMPARE(server.subscribes().last().value(u"since"_s).toInteger(), 47);
}

void tst_StreamClient::epochChangeSignalsResync()
{
    FakeStreamServer server;
    QVERIFY(server.listen());
    auto c = client(server.port());
    QSignalSpy resyncs(c.get(), &StreamClient::resyncRequired);
    QSignalSpy events(c.get(), &StreamClient::eventReceived);
    c->start();
    QTRY_COMPARE(c->state(), StreamClient::Connected);
    server.publish();
    QTRY_COMPARE(events.size(), 1);
    const QString oldEpoch = c->epoch();

    server.restart(3);
    QTRY_COMPARE(resyncs.size(), 1);
    QVERIFY(resyncs.first().at(0).toString().contains(u"epoch"_s));
    // It asked with its old position; the node could not replay, so the client takes the new one.
    QCOMPARE(server.subscribes().last().value(u"epoch"_s).toString(), oldEpoch);
    QCOMPARE(server.subscribes().last().value(u"since"_s).toInteger(), 41);
    QVERIFY(c->epoch() != oldEpoch);
    QCOMPARE(c->epoch(), server.epoch());
    QCOMPARE(c->lastSeq(), 3);
    QCOMPARE(c->state(), StreamClient::Connected);

    server.publish();
    QTRY_COMPARE(events.size(), 2);
    QCOMPARE(events.last().at(0).toJsonObject().value(u"seq"_s).toInteger(), 4);
}

void tst_StreamClient::resumeFromRestoredPosition()
{
    FakeStreamServer server;
    QVERIFY(server.listen());
    for (int i = 0; i < 3; ++i)
        server.publish();  // 41..43, before the console started
    auto c = client(server.port());
    c->resumeFrom(server.epoch(), 41);
    QSignalSpy events(c.get(), &StreamClient::eventReceived);
    c->start();
    QTRY_COMPARE(events.size(), 2);
    QCOMPARE(server.subscribes().first().value(u"since"_s).toInteger(), 41);
    QCOMPARE(seqsOf(events), (QList<qint64>{42, 43}));
}

void tst_StreamClient::backoffGrowsToCapAndResetsAfterStableConnection()
{
    FakeStreamServer server;
    QVERIFY(server.listen());
    const quint16 port = server.port();
    server.close();  // nobody listening: every attempt fails at once

    auto c = client(port);
    c->setBackoff(40, 320, 300);
    QSignalSpy delays(c.get(), &StreamClient::reconnectScheduled);
    QSignalSpy errors(c.get(), &StreamClient::errorOccurred);
    c->start();
    QTRY_VERIFY_WITH_TIMEOUT(delays.size() >= 6, 10000);
    QCOMPARE(c->state(), StreamClient::Reconnecting);
    QVERIFY(!errors.isEmpty());
    QList<int> d;
    for (const QList<QVariant>& args : delays)
        d << args.at(0).toInt();
    // 40, 80, 160, 320 with +-20 % jitter, never above the cap.
    QVERIFY2(d[0] >= 32 && d[0] <= 48, qPrintable(QString::number(d[0])));
    QVERIFY2(d[1] > d[0] && d[2] > d[1] && d[3] > d[2], qPrintable(QString::number(d[3])));
    for (int v : std::as_const(d))
        QVERIFY(v <= 320);
    QVERIFY2(d[4] >= 256 && d[5] >= 256, qPrintable(QString::number(d[4])));

    // The node comes back; after a stable connection a later drop starts again from the initial delay.
    QVERIFY(server.listen(port));
    QTRY_COMPARE_WITH_TIMEOUT(c->state(), StreamClient::Connected, 5000);
    QTest::qWait(450);
    delays.clear();
    server.dropAll();
    QTRY_COMPARE(delays.size(), 1);
    QVERIFY2(delays.first().at(0).toInt() <= 48, qPrintable(QString::number(delays.first().at(0).toInt())));
}

void tst_StreamClient::invalidTokenSignalsUnauthorizedAndNewTokenReconnects()
{
    FakeStreamServer server;
    QVERIFY(server.listen());
    auto c = client(server.port());
    c->setToken(u"expired"_s);
    c->setBackoff(5000, 30000);  // so the reconnect below can only come from setToken
    QSignalSpy unauthorized(c.get(), &StreamClient::unauthorized);
    c->start();
    QTRY_COMPARE(unauthorized.size(), 1);
    QCOMPARE(c->state(), StreamClient::Reconnecting);
    QVERIFY(server.subscribes().isEmpty());

    c->setToken(GoodToken);
    QTRY_COMPARE_WITH_TIMEOUT(c->state(), StreamClient::Connected, 3000);
    QCOMPARE(server.subscribes().size(), 1);

    // A token revoked while connected: the node closes with 4401.
    server.closeAllWith(4401, u"token expired"_s);
    QTRY_COMPARE(unauthorized.size(), 2);
}

void tst_StreamClient::tlsWithoutPinRefusesToConnect()
{
    FakeStreamServer server;
    QVERIFY(server.listen());
    OpsEndpoint endpoint = plainEndpoint(server.port());
    endpoint.tls = true;  // and no pinnedFingerprint
    StreamClient c(endpoint);
    c.setToken(GoodToken);
    QSignalSpy errors(&c, &StreamClient::errorOccurred);
    c.start();
    QCOMPARE(errors.size(), 1);
    QCOMPARE(c.state(), StreamClient::Stopped);
    QTest::qWait(100);
    QCOMPARE(server.connections(), 0);
}

void tst_StreamClient::stopEndsReconnecting()
{
    FakeStreamServer server;
    QVERIFY(server.listen());
    auto c = client(server.port());
    c->start();
    QTRY_COMPARE(c->state(), StreamClient::Connected);
    c->stop();
    QCOMPARE(c->state(), StreamClient::Stopped);
    QTest::qWait(500);
    QCOMPARE(server.connections(), 1);
    QCOMPARE(c->state(), StreamClient::Stopped);
}

QTEST_GUILESS_MAIN(tst_StreamClient)
#include "tst_streamclient.moc"
