#include "net/mllp/MllpClient.h"
#include "net/mllp/MllpFrameDecoder.h"
#include "net/mllp/MllpServer.h"
#include "net/tls/TlsConfig.h"

#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;

class tst_MllpClient : public QObject
{
    Q_OBJECT
private slots:
    void sendReceivesResponse();
    void connectionIsPersistent();
    void responseTimeout();
    void connectRefused();
    void connectTimeoutDuringHandshake();
    void reconnectsAfterServerSideClose();
    void peerClosesBeforeResponse();
    void bytesAfterResponseAreIgnored();
    void sendWhileBusyFails();
    void oversizeResponse();
    void disconnectWhileBusyFailsOnce();
    void tlsWithMatchingCa();
    void tlsRejectedWithOtherCa_data();
    void tlsRejectedWithOtherCa();
};

namespace {

const QByteArray kMessage = "MSH|^~\\&|FEED|H1|LAB|H1|20240101120000||ORM^O01|C0001|P|2.5\rPID|1||999^^^H1"_ba;

QByteArray ackFor(const QByteArray& payload)
{
    return "ACK|"_ba + payload;
}

std::unique_ptr<MllpServer> startServer(MllpServerOptions options = {})
{
    auto server = std::make_unique<MllpServer>(std::move(options));
    QString error;
    if (!server->listen(QHostAddress::LocalHost, 0, &error))
        qWarning("listen failed: %s", qPrintable(error));
    return server;
}

void answerEverything(MllpServer* server)
{
    QObject::connect(server, &MllpServer::frameReceived, server,
        [server](quint64 id, const QByteArray& payload) { server->sendResponse(id, ackFor(payload)); });
}

MllpClientOptions optionsFor(quint16 port)
{
    MllpClientOptions options;
    options.host = u"127.0.0.1"_s;
    options.port = port;
    options.connectTimeoutMs = 5000;
    options.responseTimeoutMs = 5000;
    return options;
}

QString tlsFile(const char* name)
{
    return QStringLiteral(VIGIL_TEST_DATA_DIR "/tls/") + QString::fromLatin1(name);
}

// Every send() must end in exactly one of the two signals.
struct Outcomes
{
    QSignalSpy responses;
    QSignalSpy failures;

    explicit Outcomes(MllpClient* client)
        : responses(client, &MllpClient::responseReceived)
        , failures(client, &MllpClient::failed)
    {
    }
    qsizetype total() const { return responses.size() + failures.size(); }
    QString lastReason() const { return failures.isEmpty() ? QString() : failures.last().at(0).toString(); }
};

} // namespace

void tst_MllpClient::sendReceivesResponse()
{
    auto server = startServer();
    answerEverything(server.get());
    QSignalSpy received(server.get(), &MllpServer::frameReceived);

    MllpClient client(optionsFor(server->serverPort()));
    Outcomes outcomes(&client);
    QSignalSpy connected(&client, &MllpClient::connectedChanged);
    QVERIFY(!client.isBusy());
    QVERIFY(connected.isEmpty()); // lazy: nothing happens before the first send

    client.send(kMessage);
    QVERIFY(client.isBusy());
    QTRY_COMPARE(outcomes.total(), 1);
    QCOMPARE(outcomes.responses.size(), 1);
    QCOMPARE(outcomes.responses.at(0).at(0).toByteArray(), ackFor(kMessage));
    QVERIFY(!client.isBusy());
    QCOMPARE(received.size(), 1);
    QCOMPARE(received.at(0).at(1).toByteArray(), kMessage);
    QCOMPARE(connected.size(), 1);
    QCOMPARE(connected.at(0).at(0).toBool(), true);
}

void tst_MllpClient::connectionIsPersistent()
{
    auto server = startServer();
    answerEverything(server.get());
    QSignalSpy opened(server.get(), &MllpServer::connectionOpened);

    MllpClient client(optionsFor(server->serverPort()));
    Outcomes outcomes(&client);
    for (int i = 0; i < 5; ++i) {
        const QByteArray payload = kMessage + "|" + QByteArray::number(i);
        client.send(payload);
        QTRY_COMPARE(outcomes.total(), i + 1);
        QCOMPARE(outcomes.responses.last().at(0).toByteArray(), ackFor(payload));
    }
    QCOMPARE(outcomes.failures.size(), 0);
    QCOMPARE(opened.size(), 1);
}

void tst_MllpClient::responseTimeout()
{
    auto server = startServer();
    QSignalSpy received(server.get(), &MllpServer::frameReceived);
    QSignalSpy opened(server.get(), &MllpServer::connectionOpened);

    MllpClientOptions options = optionsFor(server->serverPort());
    options.responseTimeoutMs = 200;
    MllpClient client(options);
    Outcomes outcomes(&client);
    client.send(kMessage);
    QTRY_COMPARE(outcomes.total(), 1);
    QCOMPARE(outcomes.lastReason(), u"timeout"_s);
    QTRY_COMPARE(received.size(), 1); // it did arrive; the answer did not
    QVERIFY(!client.isBusy());

    // The late answer must not be taken for the next request's: the next send uses a new connection.
    server->sendResponse(received.at(0).at(0).toULongLong(), "ACK|stale"_ba);
    answerEverything(server.get());
    client.send("MSH|second"_ba);
    QTRY_COMPARE(outcomes.total(), 2);
    QCOMPARE(outcomes.responses.size(), 1);
    QCOMPARE(outcomes.responses.at(0).at(0).toByteArray(), ackFor("MSH|second"_ba));
    QCOMPARE(opened.size(), 2);
}

void tst_MllpClient::connectRefused()
{
    quint16 port = 0;
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        port = probe.serverPort();
    }
    MllpClient client(optionsFor(port));
    Outcomes outcomes(&client);
    client.send(kMessage);
    QTRY_COMPARE(outcomes.total(), 1);
    QCOMPARE(outcomes.lastReason(), u"connect"_s);
    QVERIFY(!client.isBusy());
    QTest::qWait(50);
    QCOMPARE(outcomes.total(), 1);
}

void tst_MllpClient::connectTimeoutDuringHandshake()
{
    // TCP connects, but the TLS handshake never gets an answer: the connect timeout covers both.
    QTcpServer silent;
    QVERIFY(silent.listen(QHostAddress::LocalHost, 0));
    QString error;
    MllpClientOptions options = optionsFor(silent.serverPort());
    options.tls = TlsConfig::clientWithCa(tlsFile("server-cert.pem"), true, &error);
    QVERIFY2(options.tls, qPrintable(error));
    options.connectTimeoutMs = 300;
    MllpClient client(options);
    Outcomes outcomes(&client);
    client.send(kMessage);
    QTRY_COMPARE(outcomes.total(), 1);
    QCOMPARE(outcomes.lastReason(), u"connect"_s);
    QVERIFY(outcomes.failures.at(0).at(1).toString().contains(u"timeout"_s));
}

void tst_MllpClient::reconnectsAfterServerSideClose()
{
    auto server = startServer();
    answerEverything(server.get());
    QSignalSpy opened(server.get(), &MllpServer::connectionOpened);

    MllpClient client(optionsFor(server->serverPort()));
    Outcomes outcomes(&client);
    QSignalSpy connected(&client, &MllpClient::connectedChanged);
    client.send("MSH|1"_ba);
    QTRY_COMPARE(outcomes.responses.size(), 1);

    server->closeConnection(opened.at(0).at(0).toULongLong());
    QTRY_COMPARE(connected.size(), 2);
    QCOMPARE(connected.at(1).at(0).toBool(), false);
    QCOMPARE(outcomes.total(), 1); // a drop between requests is not a failure

    client.send("MSH|2"_ba);
    QTRY_COMPARE(outcomes.total(), 2);
    QCOMPARE(outcomes.responses.size(), 2);
    QCOMPARE(outcomes.responses.at(1).at(0).toByteArray(), ackFor("MSH|2"_ba));
    QCOMPARE(opened.size(), 2);
    QVERIFY(opened.at(1).at(0).toULongLong() != opened.at(0).at(0).toULongLong());
}

void tst_MllpClient::peerClosesBeforeResponse()
{
    auto server = startServer();
    QObject::connect(
        server.get(), &MllpServer::frameReceived, server.get(), [&server](quint64 id) { server->closeConnection(id); });

    MllpClient client(optionsFor(server->serverPort()));
    Outcomes outcomes(&client);
    client.send(kMessage);
    QTRY_COMPARE(outcomes.total(), 1);
    QCOMPARE(outcomes.lastReason(), u"closed"_s);
    QVERIFY(!client.isBusy());
}

void tst_MllpClient::bytesAfterResponseAreIgnored()
{
    // A raw server that answers with junk, the response, then an extra frame and junk, in one write.
    QTcpServer raw;
    QVERIFY(raw.listen(QHostAddress::LocalHost, 0));
    int requests = 0;
    QObject::connect(&raw, &QTcpServer::newConnection, &raw, [&raw, &requests] {
        QTcpSocket* peer = raw.nextPendingConnection();
        auto decoder = std::make_shared<MllpFrameDecoder>();
        QObject::connect(peer, &QIODevice::readyRead, peer, [peer, decoder, &requests] {
            for (const MllpFrameDecoder::Event& e : decoder->feed(peer->readAll())) {
                if (!e.isFrame)
                    continue;
                ++requests;
                const QByteArray n = QByteArray::number(requests);
                peer->write("\n\0"_ba + MllpFrameDecoder::wrap(QByteArray("ACK|" + n))
                    + MllpFrameDecoder::wrap(QByteArray("EXTRA|" + n)) + "junk"_ba);
            }
        });
    });

    MllpClient client(optionsFor(raw.serverPort()));
    Outcomes outcomes(&client);
    client.send("MSH|1"_ba);
    QTRY_COMPARE(outcomes.total(), 1);
    QTest::qWait(50); // let the extra frame arrive while idle
    client.send("MSH|2"_ba);
    QTRY_COMPARE(outcomes.total(), 2);
    QTest::qWait(50);
    QCOMPARE(outcomes.total(), 2);
    QCOMPARE(outcomes.failures.size(), 0);
    QCOMPARE(outcomes.responses.at(0).at(0).toByteArray(), "ACK|1"_ba);
    QCOMPARE(outcomes.responses.at(1).at(0).toByteArray(), "ACK|2"_ba);
}

void tst_MllpClient::sendWhileBusyFails()
{
    auto server = startServer();
    answerEverything(server.get());
    MllpClient client(optionsFor(server->serverPort()));
    Outcomes outcomes(&client);
    client.send("MSH|first"_ba);
    client.send("MSH|second"_ba);
    QCOMPARE(outcomes.failures.size(), 1); // at once
    QCOMPARE(outcomes.lastReason(), u"busy"_s);
    QTRY_COMPARE(outcomes.responses.size(), 1);
    QCOMPARE(outcomes.responses.at(0).at(0).toByteArray(), ackFor("MSH|first"_ba));
    QTest::qWait(50);
    QCOMPARE(outcomes.total(), 2);
}

void tst_MllpClient::oversizeResponse()
{
    auto server = startServer();
    QObject::connect(server.get(), &MllpServer::frameReceived, server.get(),
        [&server](quint64 id) { server->sendResponse(id, QByteArray(100, 'x')); });
    MllpClientOptions options = optionsFor(server->serverPort());
    options.maxFrameBytes = 50;
    MllpClient client(options);
    Outcomes outcomes(&client);
    client.send(kMessage);
    QTRY_COMPARE(outcomes.total(), 1);
    QCOMPARE(outcomes.lastReason(), u"oversize"_s);
}

void tst_MllpClient::disconnectWhileBusyFailsOnce()
{
    auto server = startServer(); // never answers
    MllpClient client(optionsFor(server->serverPort()));
    Outcomes outcomes(&client);
    QSignalSpy connected(&client, &MllpClient::connectedChanged);
    client.send(kMessage);
    QTRY_COMPARE(connected.size(), 1);
    client.disconnectFromHost();
    QCOMPARE(outcomes.total(), 1);
    QCOMPARE(outcomes.lastReason(), u"closed"_s);
    QCOMPARE(connected.size(), 2);
    QCOMPARE(connected.at(1).at(0).toBool(), false);
    QTest::qWait(100);
    QCOMPARE(outcomes.total(), 1);
}

void tst_MllpClient::tlsWithMatchingCa()
{
    QString error;
    MllpServerOptions serverOptions;
    serverOptions.tls = TlsConfig::serverFromPem(tlsFile("server-cert.pem"), tlsFile("server-key.pem"), &error);
    QVERIFY2(serverOptions.tls, qPrintable(error));
    auto server = startServer(serverOptions);
    answerEverything(server.get());
    QSignalSpy serverErrors(server.get(), &MllpServer::frameError);

    MllpClientOptions options = optionsFor(server->serverPort());
    options.tls = TlsConfig::clientWithCa(tlsFile("server-cert.pem"), true, &error);
    QVERIFY2(options.tls, qPrintable(error));
    MllpClient client(options);
    Outcomes outcomes(&client);
    client.send(kMessage);
    QTRY_COMPARE_WITH_TIMEOUT(outcomes.total(), 1, 10000);
    QCOMPARE(outcomes.responses.size(), 1);
    QCOMPARE(outcomes.responses.at(0).at(0).toByteArray(), ackFor(kMessage));
    client.send("MSH|again"_ba);
    QTRY_COMPARE(outcomes.total(), 2);
    QCOMPARE(outcomes.responses.at(1).at(0).toByteArray(), ackFor("MSH|again"_ba));
    QVERIFY(serverErrors.isEmpty());
}

void tst_MllpClient::tlsRejectedWithOtherCa_data()
{
    QTest::addColumn<QString>("caFile");
    QTest::addRow("unrelated CA file") << tlsFile("other-ca.pem");
    QTest::addRow("system CAs") << QString();
}

void tst_MllpClient::tlsRejectedWithOtherCa()
{
    QFETCH(QString, caFile);
    QString error;
    MllpServerOptions serverOptions;
    serverOptions.tls = TlsConfig::serverFromPem(tlsFile("server-cert.pem"), tlsFile("server-key.pem"), &error);
    QVERIFY2(serverOptions.tls, qPrintable(error));
    auto server = startServer(serverOptions);
    answerEverything(server.get());
    QSignalSpy received(server.get(), &MllpServer::frameReceived);

    MllpClientOptions options = optionsFor(server->serverPort());
    options.tls = TlsConfig::clientWithCa(caFile, true, &error);
    QVERIFY2(options.tls, qPrintable(error));
    MllpClient client(options);
    Outcomes outcomes(&client);
    client.send(kMessage);
    QTRY_COMPARE_WITH_TIMEOUT(outcomes.total(), 1, 10000);
    QCOMPARE(outcomes.lastReason(), u"tls"_s);
    QVERIFY(!outcomes.failures.at(0).at(1).toString().isEmpty());
    QTest::qWait(100);
    QVERIFY(received.isEmpty()); // the message never left the client
    QCOMPARE(outcomes.total(), 1);
}

QTEST_GUILESS_MAIN(tst_MllpClient)
#include "tst_mllpclient.moc"
