#include "FrameCollector.h"
#include "net/mllp/MllpFrameDecoder.h"
#include "net/mllp/MllpServer.h"
#include "net/tls/TlsConfig.h"

#include <QElapsedTimer>
#include <QSet>
#include <QSignalSpy>
#include <QSslSocket>
#include <QTcpSocket>
#include <QTest>

#include <memory>
#include <vector>

using namespace Qt::StringLiterals;

class tst_MllpServer : public QObject
{
    Q_OBJECT
private slots:
    void oneMessageOneResponse();
    void pipelinedFramesAnsweredInOrder();
    void byteByByteDribble();
    void junkAndCorruptAreReported();
    void idleTimeoutClosesAndReportsTruncated();
    void idleTimeoutSparesActivePeer();
    void peerCloseMidFrameReportsTruncated();
    void peerCloseAfterCompleteFrameIsClean();
    void oversizeClosesConnection();
    void concurrentConnections();
    void connectionLimitRefuses();
    void ownerCloseDropsLateResponses();
    void tlsRoundTrip();
    void tlsHandshakeFailureIsReported();
};

namespace {

const QByteArray kMessage = "MSH|^~\\&|LAB|H1|EHR|H1|20240101120000||ORU^R01|MSG0001|P|2.5.1\rPID|1||123^^^H1"_ba;

QByteArray raw(QByteArray text)
{
    return text.replace("<SB>", "\x0b").replace("<EB>", "\x1c").replace("<CR>", "\r").replace("<LF>", "\n");
}

std::unique_ptr<MllpServer> startServer(MllpServerOptions options = {})
{
    auto server = std::make_unique<MllpServer>(std::move(options));
    QString error;
    if (!server->listen(QHostAddress::LocalHost, 0, &error))
        qWarning("listen failed: %s", qPrintable(error));
    return server;
}

QByteArray ackFor(const QByteArray& payload)
{
    return "ACK|"_ba + payload;
}

// Answers every frame at once, like a node whose store committed instantly.
void answerEverything(MllpServer* server)
{
    QObject::connect(server, &MllpServer::frameReceived, server,
        [server](quint64 id, const QByteArray& payload) { server->sendResponse(id, ackFor(payload)); });
}

QStringList reasons(const QSignalSpy& spy)
{
    QStringList out;
    for (const QList<QVariant>& args : spy)
        out.append(args.at(1).toString());
    return out;
}

QString testCert()
{
    return QStringLiteral(VIGIL_TEST_DATA_DIR "/tls/server-cert.pem");
}

QString testKey()
{
    return QStringLiteral(VIGIL_TEST_DATA_DIR "/tls/server-key.pem");
}

} // namespace

void tst_MllpServer::oneMessageOneResponse()
{
    auto server = startServer();
    QVERIFY(server->serverPort() != 0);
    answerEverything(server.get());
    QSignalSpy opened(server.get(), &MllpServer::connectionOpened);
    QSignalSpy received(server.get(), &MllpServer::frameReceived);
    QSignalSpy errors(server.get(), &MllpServer::frameError);

    FrameCollector collector;
    QTcpSocket client;
    collector.attach(&client);
    client.connectToHost(QHostAddress::LocalHost, server->serverPort());
    QVERIFY(client.waitForConnected(5000));
    QTRY_COMPARE(opened.size(), 1);
    QVERIFY(opened.at(0).at(1).toString().startsWith(u"127.0.0.1:"_s));
    QCOMPARE(server->connectionCount(), 1);

    const qint64 before = MllpServer::monotonicNowNs();
    client.write(MllpFrameDecoder::wrap(kMessage));
    QTRY_COMPARE(collector.frames.size(), 1);
    QCOMPARE(collector.frames.at(0), ackFor(kMessage));

    QCOMPARE(received.size(), 1);
    QCOMPARE(received.at(0).at(0).toULongLong(), opened.at(0).at(0).toULongLong());
    QCOMPARE(received.at(0).at(1).toByteArray(), kMessage);
    const qint64 receivedAt = received.at(0).at(2).toLongLong();
    QVERIFY(receivedAt >= before);
    QVERIFY(receivedAt <= MllpServer::monotonicNowNs());
    QVERIFY(errors.isEmpty());
}

void tst_MllpServer::pipelinedFramesAnsweredInOrder()
{
    auto server = startServer();
    answerEverything(server.get());

    FrameCollector collector;
    QTcpSocket client;
    collector.attach(&client);
    client.connectToHost(QHostAddress::LocalHost, server->serverPort());
    QVERIFY(client.waitForConnected(5000));

    QByteArray burst;
    QList<QByteArray> expected;
    for (int i = 0; i < 8; ++i) {
        const QByteArray payload = kMessage + "|" + QByteArray::number(i);
        burst += MllpFrameDecoder::wrap(payload);
        expected.append(ackFor(payload));
    }
    client.write(burst);
    QTRY_COMPARE(collector.frames.size(), expected.size());
    QCOMPARE(collector.frames, expected);
}

void tst_MllpServer::byteByByteDribble()
{
    auto server = startServer();
    answerEverything(server.get());
    QSignalSpy received(server.get(), &MllpServer::frameReceived);

    FrameCollector collector;
    QTcpSocket client;
    collector.attach(&client);
    client.setSocketOption(QAbstractSocket::LowDelayOption, 1);
    client.connectToHost(QHostAddress::LocalHost, server->serverPort());
    QVERIFY(client.waitForConnected(5000));

    const QByteArray payload = "MSH|^~\\&|A|B|C|D|1||ADT^A01|X1|P|2.5"_ba;
    const QByteArray framed = "\n"_ba + MllpFrameDecoder::wrap(payload);
    for (char byte : framed) {
        client.write(&byte, 1);
        client.flush();
        QTest::qWait(2); // lets the server read each byte on its own
    }
    QTRY_COMPARE(collector.frames.size(), 1);
    QCOMPARE(collector.frames.at(0), ackFor(payload));
    QCOMPARE(received.size(), 1);
    QCOMPARE(received.at(0).at(1).toByteArray(), payload);
}

void tst_MllpServer::junkAndCorruptAreReported()
{
    auto server = startServer();
    answerEverything(server.get());
    QSignalSpy errors(server.get(), &MllpServer::frameError);
    QSignalSpy received(server.get(), &MllpServer::frameReceived);

    FrameCollector collector;
    QTcpSocket client;
    collector.attach(&client);
    client.connectToHost(QHostAddress::LocalHost, server->serverPort());
    QVERIFY(client.waitForConnected(5000));

    client.write(raw("hello<SB>abc<SB>MSH|1<EB><CR><LF>"));
    QTRY_COMPARE(collector.frames.size(), 1);
    client.write(raw("<SB>MSH|2<EB><CR>"));
    QTRY_COMPARE(collector.frames.size(), 2);
    QCOMPARE(collector.frames, (QList<QByteArray> { ackFor("MSH|1"_ba), ackFor("MSH|2"_ba) }));
    QCOMPARE(reasons(errors), (QStringList { u"junk"_s, u"corrupt"_s, u"junk"_s }));
    QCOMPARE(received.size(), 2);
}

void tst_MllpServer::idleTimeoutClosesAndReportsTruncated()
{
    MllpServerOptions options;
    options.idleTimeoutMs = 300;
    auto server = startServer(options);
    answerEverything(server.get());
    QSignalSpy errors(server.get(), &MllpServer::frameError);
    QSignalSpy received(server.get(), &MllpServer::frameReceived);
    QSignalSpy closed(server.get(), &MllpServer::connectionClosed);

    FrameCollector collector;
    QTcpSocket client;
    collector.attach(&client);
    QSignalSpy disconnected(&client, &QAbstractSocket::disconnected);
    client.connectToHost(QHostAddress::LocalHost, server->serverPort());
    QVERIFY(client.waitForConnected(5000));
    QElapsedTimer clock;
    clock.start();
    client.write(raw("<SB>MSH|^~\\&|half a message"));

    QTRY_COMPARE_WITH_TIMEOUT(disconnected.size(), 1, 10000);
    QVERIFY(clock.elapsed() >= options.idleTimeoutMs);
    QCOMPARE(reasons(errors), QStringList { u"truncated"_s });
    QCOMPARE(closed.size(), 1);
    QVERIFY(received.isEmpty());
    QVERIFY(collector.frames.isEmpty()); // a truncated frame is never answered
    QCOMPARE(server->connectionCount(), 0);
}

void tst_MllpServer::idleTimeoutSparesActivePeer()
{
    MllpServerOptions options;
    options.idleTimeoutMs = 1000;
    auto server = startServer(options);
    answerEverything(server.get());
    QSignalSpy errors(server.get(), &MllpServer::frameError);
    QSignalSpy closed(server.get(), &MllpServer::connectionClosed);

    FrameCollector collector;
    QTcpSocket client;
    collector.attach(&client);
    client.connectToHost(QHostAddress::LocalHost, server->serverPort());
    QVERIFY(client.waitForConnected(5000));

    // Slow but alive: one byte every 100 ms, for longer than the idle timeout in total.
    const QByteArray framed = MllpFrameDecoder::wrap("MSH|slow|s"_ba);
    QVERIFY(framed.size() * 100 > options.idleTimeoutMs);
    for (char byte : framed) {
        client.write(&byte, 1);
        client.flush();
        QTest::qWait(100);
    }
    QTRY_COMPARE(collector.frames.size(), 1);
    QCOMPARE(client.state(), QAbstractSocket::ConnectedState);
    QVERIFY(closed.isEmpty());

    // Silent from now on: closed, without "truncated" because no frame is open.
    QTRY_COMPARE_WITH_TIMEOUT(closed.size(), 1, 10000);
    QVERIFY(errors.isEmpty());
    QTRY_COMPARE(client.state(), QAbstractSocket::UnconnectedState);
}

void tst_MllpServer::peerCloseMidFrameReportsTruncated()
{
    auto server = startServer();
    answerEverything(server.get());
    QSignalSpy errors(server.get(), &MllpServer::frameError);
    QSignalSpy received(server.get(), &MllpServer::frameReceived);
    QSignalSpy closed(server.get(), &MllpServer::connectionClosed);

    QTcpSocket client;
    client.connectToHost(QHostAddress::LocalHost, server->serverPort());
    QVERIFY(client.waitForConnected(5000));
    client.write(MllpFrameDecoder::wrap("MSH|complete"_ba) + raw("<SB>MSH|cut off here"));
    client.flush();
    client.disconnectFromHost();

    QTRY_COMPARE(closed.size(), 1);
    QCOMPARE(received.size(), 1);
    QCOMPARE(received.at(0).at(1).toByteArray(), "MSH|complete"_ba);
    QCOMPARE(reasons(errors), QStringList { u"truncated"_s });
    QCOMPARE(server->connectionCount(), 0);
}

void tst_MllpServer::peerCloseAfterCompleteFrameIsClean()
{
    auto server = startServer();
    QSignalSpy errors(server.get(), &MllpServer::frameError);
    QSignalSpy received(server.get(), &MllpServer::frameReceived);
    QSignalSpy closed(server.get(), &MllpServer::connectionClosed);

    QTcpSocket client;
    client.connectToHost(QHostAddress::LocalHost, server->serverPort());
    QVERIFY(client.waitForConnected(5000));
    client.write(MllpFrameDecoder::wrap("MSH|complete"_ba));
    client.flush();
    client.disconnectFromHost();

    QTRY_COMPARE(closed.size(), 1);
    QCOMPARE(received.size(), 1);
    QVERIFY(errors.isEmpty());
    // The response comes too late for this peer and is dropped without complaint.
    server->sendResponse(received.at(0).at(0).toULongLong(), "ACK"_ba);
    QCOMPARE(server->connectionCount(), 0);
}

void tst_MllpServer::oversizeClosesConnection()
{
    MllpServerOptions options;
    options.maxFrameBytes = 100;
    auto server = startServer(options);
    answerEverything(server.get());
    QSignalSpy errors(server.get(), &MllpServer::frameError);
    QSignalSpy received(server.get(), &MllpServer::frameReceived);
    QSignalSpy closed(server.get(), &MllpServer::connectionClosed);

    FrameCollector collector;
    QTcpSocket client;
    collector.attach(&client);
    client.connectToHost(QHostAddress::LocalHost, server->serverPort());
    QVERIFY(client.waitForConnected(5000));
    client.write(MllpFrameDecoder::wrap(QByteArray(100, 'a'))); // at the limit: fine
    QTRY_COMPARE(collector.frames.size(), 1);

    client.write(MllpFrameDecoder::wrap(QByteArray(101, 'b')) + MllpFrameDecoder::wrap("MSH|after"_ba));
    QTRY_COMPARE(closed.size(), 1);
    QTRY_COMPARE(client.state(), QAbstractSocket::UnconnectedState);
    QCOMPARE(reasons(errors), QStringList { u"oversize"_s });
    QCOMPARE(received.size(), 1); // nothing after the oversize frame is accepted
    QCOMPARE(collector.frames.size(), 1);
}

void tst_MllpServer::concurrentConnections()
{
    constexpr int kConnections = 60;
    constexpr int kMessagesEach = 5;
    auto server = startServer();
    answerEverything(server.get());
    QSignalSpy opened(server.get(), &MllpServer::connectionOpened);
    QSignalSpy errors(server.get(), &MllpServer::frameError);

    std::vector<std::unique_ptr<FrameCollector>> collectors;
    std::vector<std::unique_ptr<QTcpSocket>> clients;
    for (int c = 0; c < kConnections; ++c) {
        collectors.push_back(std::make_unique<FrameCollector>());
        clients.push_back(std::make_unique<QTcpSocket>());
        collectors.back()->attach(clients.back().get());
        clients.back()->connectToHost(QHostAddress::LocalHost, server->serverPort());
    }
    // The event loop must run while they connect: the server accepts in this thread.
    QTRY_COMPARE_WITH_TIMEOUT(server->connectionCount(), kConnections, 20000);
    for (auto& client : clients)
        QTRY_COMPARE(client->state(), QAbstractSocket::ConnectedState);

    // Each connection sends its next message only once the previous one was answered.
    auto payloadFor = [](int c, int m) -> QByteArray {
        return "MSH|conn" + QByteArray::number(c) + "|msg" + QByteArray::number(m);
    };
    std::vector<int> sent(kConnections, 1);
    for (int c = 0; c < kConnections; ++c) {
        QTcpSocket* client = clients[c].get();
        FrameCollector* collector = collectors[c].get();
        QObject::connect(client, &QIODevice::readyRead, client, [client, collector, c, payloadFor, &sent] {
            if (collector->frames.size() == sent[c] && sent[c] < kMessagesEach)
                client->write(MllpFrameDecoder::wrap(payloadFor(c, sent[c]++)));
        });
        client->write(MllpFrameDecoder::wrap(payloadFor(c, 0)));
    }
    for (int c = 0; c < kConnections; ++c) {
        QTRY_COMPARE(collectors[c]->frames.size(), kMessagesEach);
        for (int m = 0; m < kMessagesEach; ++m)
            QCOMPARE(collectors[c]->frames.at(m), ackFor(payloadFor(c, m)));
    }

    QSet<quint64> ids;
    for (const QList<QVariant>& args : opened)
        ids.insert(args.at(0).toULongLong());
    QCOMPARE(ids.size(), kConnections);
    QVERIFY(errors.isEmpty());
}

void tst_MllpServer::connectionLimitRefuses()
{
    MllpServerOptions options;
    options.maxConnections = 2;
    auto server = startServer(options);
    answerEverything(server.get());
    QSignalSpy opened(server.get(), &MllpServer::connectionOpened);
    QSignalSpy errors(server.get(), &MllpServer::frameError);

    FrameCollector collectorA;
    FrameCollector collectorB;
    QTcpSocket a;
    QTcpSocket b;
    QTcpSocket refused;
    collectorA.attach(&a);
    collectorB.attach(&b);
    a.connectToHost(QHostAddress::LocalHost, server->serverPort());
    b.connectToHost(QHostAddress::LocalHost, server->serverPort());
    QVERIFY(a.waitForConnected(5000));
    QVERIFY(b.waitForConnected(5000));
    QTRY_COMPARE(server->connectionCount(), 2);

    refused.connectToHost(QHostAddress::LocalHost, server->serverPort());
    QTRY_COMPARE(errors.size(), 1);
    QCOMPARE(errors.at(0).at(0).toULongLong(), 0u);
    QCOMPARE(errors.at(0).at(1).toString(), u"refused"_s);
    QTRY_COMPARE(refused.state(), QAbstractSocket::UnconnectedState);
    QCOMPARE(opened.size(), 2);

    // The admitted ones keep working.
    a.write(MllpFrameDecoder::wrap("MSH|a"_ba));
    b.write(MllpFrameDecoder::wrap("MSH|b"_ba));
    QTRY_COMPARE(collectorA.frames, QList<QByteArray> { ackFor("MSH|a"_ba) });
    QTRY_COMPARE(collectorB.frames, QList<QByteArray> { ackFor("MSH|b"_ba) });

    // A freed slot admits a new peer, under an id never used before.
    a.disconnectFromHost();
    QTRY_COMPARE(server->connectionCount(), 1);
    QTcpSocket c;
    c.connectToHost(QHostAddress::LocalHost, server->serverPort());
    QVERIFY(c.waitForConnected(5000));
    QTRY_COMPARE(opened.size(), 3);
    const quint64 newId = opened.at(2).at(0).toULongLong();
    QVERIFY(newId != opened.at(0).at(0).toULongLong());
    QVERIFY(newId != opened.at(1).at(0).toULongLong());
    QCOMPARE(errors.size(), 1);
}

void tst_MllpServer::ownerCloseDropsLateResponses()
{
    auto server = startServer();
    QSignalSpy received(server.get(), &MllpServer::frameReceived);
    QSignalSpy closed(server.get(), &MllpServer::connectionClosed);

    FrameCollector collector;
    QTcpSocket client;
    collector.attach(&client);
    client.connectToHost(QHostAddress::LocalHost, server->serverPort());
    QVERIFY(client.waitForConnected(5000));
    client.write(MllpFrameDecoder::wrap("MSH|one"_ba) + MllpFrameDecoder::wrap("MSH|two"_ba));
    QTRY_COMPARE(received.size(), 2);
    const quint64 id = received.at(0).at(0).toULongLong();

    // The first answer is written before the close and must still reach the peer.
    server->sendResponse(id, "ACK|one"_ba);
    server->closeConnection(id);
    QCOMPARE(closed.size(), 1);
    QCOMPARE(closed.at(0).at(0).toULongLong(), id);
    QCOMPARE(server->connectionCount(), 0);
    server->sendResponse(id, "ACK|two"_ba);
    server->sendResponse(id + 1000, "ACK|nobody"_ba);
    server->closeConnection(id);
    QCOMPARE(closed.size(), 1);

    QTRY_COMPARE(client.state(), QAbstractSocket::UnconnectedState);
    QCOMPARE(collector.frames, QList<QByteArray> { "ACK|one"_ba });
}

void tst_MllpServer::tlsRoundTrip()
{
    QString error;
    MllpServerOptions options;
    options.tls = TlsConfig::serverFromPem(testCert(), testKey(), &error);
    QVERIFY2(options.tls, qPrintable(error));
    auto server = startServer(options);
    answerEverything(server.get());
    QSignalSpy received(server.get(), &MllpServer::frameReceived);
    QSignalSpy errors(server.get(), &MllpServer::frameError);

    const std::optional<QSslConfiguration> clientConfig = TlsConfig::clientWithCa(testCert(), true, &error);
    QVERIFY2(clientConfig, qPrintable(error));
    FrameCollector collector;
    QSslSocket client;
    collector.attach(&client);
    client.setSslConfiguration(*clientConfig);
    QSignalSpy sslErrors(&client, &QSslSocket::sslErrors);
    client.connectToHostEncrypted(u"127.0.0.1"_s, server->serverPort());
    QTRY_VERIFY_WITH_TIMEOUT(client.isEncrypted(), 10000);
    QVERIFY(sslErrors.isEmpty());

    client.write(MllpFrameDecoder::wrap(kMessage));
    QTRY_COMPARE(collector.frames, QList<QByteArray> { ackFor(kMessage) });
    QCOMPARE(received.size(), 1);
    QCOMPARE(received.at(0).at(1).toByteArray(), kMessage);
    QVERIFY(errors.isEmpty());
}

void tst_MllpServer::tlsHandshakeFailureIsReported()
{
    QString error;
    MllpServerOptions options;
    options.tls = TlsConfig::serverFromPem(testCert(), testKey(), &error);
    QVERIFY2(options.tls, qPrintable(error));
    auto server = startServer(options);
    answerEverything(server.get());
    QSignalSpy received(server.get(), &MllpServer::frameReceived);
    QSignalSpy errors(server.get(), &MllpServer::frameError);
    QSignalSpy closed(server.get(), &MllpServer::connectionClosed);

    // A plain MLLP sender pointed at a TLS port.
    FrameCollector collector;
    QTcpSocket client;
    collector.attach(&client);
    client.connectToHost(QHostAddress::LocalHost, server->serverPort());
    QVERIFY(client.waitForConnected(5000));
    client.write(MllpFrameDecoder::wrap(kMessage));

    QTRY_COMPARE(closed.size(), 1);
    QCOMPARE(reasons(errors), QStringList { u"tls"_s });
    QVERIFY(received.isEmpty());
    QTRY_COMPARE(client.state(), QAbstractSocket::UnconnectedState);
    QVERIFY(collector.frames.isEmpty());
}

QTEST_GUILESS_MAIN(tst_MllpServer)
#include "tst_mllpserver.moc"
