#include "net/mllp/MllpServer.h"
#include "net/tls/TlsConfig.h"
#include "node/delivery/MllpDestinationSender.h"

#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>

using namespace Qt::StringLiterals;

Q_DECLARE_METATYPE(DeliveryOutcome::Kind)

namespace {

const QByteArray kPayload = "MSH|^~\\&|SND|SNDFAC|RCV|RCVFAC|20240305060708||ADT^A01|CTRL0001|P|2.5\r"
                            "PID|1||123456^^^HOSP^MR||DOE^JOHN\r"_ba;
const QByteArray kAckHeader = "MSH|^~\\&|RCV|RCVFAC|SND|SNDFAC|20240305060709||ACK^A01^ACK|ACK0001|P|2.5\r"_ba;

OutboundMessage message(qint64 queueId)
{
    OutboundMessage m;
    m.queueId = queueId;
    m.messageId = queueId * 10;
    m.payload = kPayload;
    m.correlationId = "4bf92f3577b34da6a3ce929d0e0e4736"_ba;
    m.controlId = u"CTRL0001"_s;
    return m;
}

/// A loopback MLLP peer answering every frame the way the test says.
class AckingPeer : public QObject
{
    Q_OBJECT
public:
    enum class Mode { Respond, Silent, Close };
    Mode mode = Mode::Respond;
    QByteArray response;
    QList<QByteArray> received;
    int connections = 0;

    explicit AckingPeer(MllpServerOptions options = {})
        : m_server(std::move(options))
    {
        connect(&m_server, &MllpServer::connectionOpened, this, [this] { ++connections; });
        connect(&m_server, &MllpServer::frameReceived, this, [this](quint64 id, const QByteArray& payload, qint64) {
            received.append(payload);
            switch (mode) {
            case Mode::Respond:
                m_server.sendResponse(id, response);
                break;
            case Mode::Silent:
                break;
            case Mode::Close:
                m_server.closeConnection(id);
                break;
            }
        });
    }

    bool listen() { return m_server.listen(QHostAddress::LocalHost, 0); }
    MllpClientOptions clientOptions(int ackTimeoutMs = 5000) const
    {
        MllpClientOptions options;
        options.host = u"127.0.0.1"_s;
        options.port = m_server.serverPort();
        options.connectTimeoutMs = 5000;
        options.responseTimeoutMs = ackTimeoutMs;
        return options;
    }

private:
    MllpServer m_server;
};

DeliveryOutcome sendAndWait(MllpDestinationSender& sender, const OutboundMessage& msg)
{
    QSignalSpy spy(&sender, &DestinationSender::finished);
    sender.send(msg);
    if (!spy.wait(10000) || spy.size() != 1 || spy.at(0).at(0).toLongLong() != msg.queueId) {
        qWarning("no single finished() for the message");
        return DeliveryOutcome { DeliveryOutcome::Kind::Transient, {}, u"test: no outcome"_s, {}, 0, -1 };
    }
    return spy.at(0).at(1).value<DeliveryOutcome>();
}

} // namespace

class tst_MllpDestinationSender : public QObject
{
    Q_OBJECT
private slots:
    void acknowledgement_data();
    void acknowledgement();
    void connectionIsReused();
    void mismatchStartsFreshConnection();
    void noResponseTimesOut();
    void connectionRefused();
    void serverClosesConnection();
    void sendWhileBusyFinishesAsBusy();
    void tlsDelivered();
    void tlsUntrustedPeerIsTransient();
    void describeNamesHostAndPort();
    void destroyedWhileInFlight();
};

void tst_MllpDestinationSender::acknowledgement_data()
{
    QTest::addColumn<QByteArray>("response");
    QTest::addColumn<DeliveryOutcome::Kind>("kind");
    QTest::addColumn<QString>("errorClass");
    QTest::addColumn<QString>("ackCode");

    using K = DeliveryOutcome::Kind;
    QTest::addRow("AA") << kAckHeader + "MSA|AA|CTRL0001\r"_ba << K::Delivered << QString() << u"AA"_s;
    QTest::addRow("CA") << kAckHeader + "MSA|CA|CTRL0001\r"_ba << K::Delivered << QString() << u"CA"_s;
    QTest::addRow("AA with text") << kAckHeader + "MSA|AA|CTRL0001|Message accepted\r"_ba << K::Delivered << QString()
                                  << u"AA"_s;
    QTest::addRow("AE") << kAckHeader
            + "MSA|AE|CTRL0001|Unknown patient DOE^JOHN\r"
              "ERR||PID^1^3|204|E||||Unknown patient DOE^JOHN\r"_ba
                        << K::Permanent << u"nak-AE"_s << u"AE"_s;
    QTest::addRow("CE") << kAckHeader + "MSA|CE|CTRL0001\r"_ba << K::Permanent << u"nak-CE"_s << u"CE"_s;
    QTest::addRow("AR") << kAckHeader + "MSA|AR|CTRL0001|Database busy\rERR||MSH^1^10|207|E\r"_ba << K::Transient
                        << u"nak-AR"_s << u"AR"_s;
    QTest::addRow("CR") << kAckHeader + "MSA|CR|CTRL0001\r"_ba << K::Transient << u"nak-CR"_s << u"CR"_s;
    QTest::addRow("MSA-2 mismatch") << kAckHeader + "MSA|AA|CTRL0002\r"_ba << K::Permanent << u"msa2-mismatch"_s
                                    << u"AA"_s;
    QTest::addRow("MSA-2 empty") << kAckHeader + "MSA|AA\r"_ba << K::Permanent << u"msa2-mismatch"_s << u"AA"_s;
    QTest::addRow("garbage") << "HTTP/1.1 400 Bad Request\r\n\r\n"_ba << K::Permanent << u"bad-ack"_s << QString();
    QTest::addRow("no MSA") << kAckHeader << K::Permanent << u"bad-ack"_s << QString();
    QTest::addRow("unknown MSA-1") << kAckHeader + "MSA|XX|CTRL0001\r"_ba << K::Permanent << u"bad-ack"_s << QString();
}

void tst_MllpDestinationSender::acknowledgement()
{
    QFETCH(QByteArray, response);
    QFETCH(DeliveryOutcome::Kind, kind);
    QFETCH(QString, errorClass);
    QFETCH(QString, ackCode);

    AckingPeer peer;
    QVERIFY(peer.listen());
    peer.response = response;
    MllpDestinationSender sender(peer.clientOptions());

    const DeliveryOutcome outcome = sendAndWait(sender, message(5));
    QCOMPARE(outcome.kind, kind);
    QCOMPARE(outcome.errorClass, errorClass);
    QCOMPARE(outcome.ackCode, ackCode);
    QVERIFY(outcome.durationMs >= 0);
    QCOMPARE(outcome.retryAfterMs, -1);
    // The ACK's free text echoes patient data; it must not reach logs or the console through detail.
    QVERIFY2(!outcome.detail.contains(u"DOE"_s), qPrintable(outcome.detail));
    QVERIFY(!outcome.detail.contains(u"123456"_s));
    QCOMPARE(peer.received, QList<QByteArray> { kPayload });
}

void tst_MllpDestinationSender::connectionIsReused()
{
    AckingPeer peer;
    QVERIFY(peer.listen());
    peer.response = kAckHeader + "MSA|AA|CTRL0001\r"_ba;
    MllpDestinationSender sender(peer.clientOptions());
    for (int i = 1; i <= 3; ++i)
        QCOMPARE(sendAndWait(sender, message(i)).kind, DeliveryOutcome::Kind::Delivered);
    QCOMPARE(peer.received.size(), 3);
    QCOMPARE(peer.connections, 1);
    // An AE is an answer about the message, not a broken stream: the connection stays.
    peer.response = kAckHeader + "MSA|AE|CTRL0001\r"_ba;
    QCOMPARE(sendAndWait(sender, message(4)).kind, DeliveryOutcome::Kind::Permanent);
    peer.response = kAckHeader + "MSA|AA|CTRL0001\r"_ba;
    QCOMPARE(sendAndWait(sender, message(5)).kind, DeliveryOutcome::Kind::Delivered);
    QCOMPARE(peer.connections, 1);
}

void tst_MllpDestinationSender::mismatchStartsFreshConnection()
{
    AckingPeer peer;
    QVERIFY(peer.listen());
    peer.response = kAckHeader + "MSA|AA|SOMETHINGELSE\r"_ba;
    MllpDestinationSender sender(peer.clientOptions());
    QCOMPARE(sendAndWait(sender, message(1)).errorClass, u"msa2-mismatch"_s);
    peer.response = kAckHeader + "MSA|AA|CTRL0001\r"_ba;
    QCOMPARE(sendAndWait(sender, message(2)).kind, DeliveryOutcome::Kind::Delivered);
    QCOMPARE(peer.connections, 2);
}

void tst_MllpDestinationSender::noResponseTimesOut()
{
    AckingPeer peer;
    QVERIFY(peer.listen());
    peer.mode = AckingPeer::Mode::Silent;
    MllpDestinationSender sender(peer.clientOptions(300));
    QSignalSpy spy(&sender, &DestinationSender::finished);
    sender.send(message(9));
    QVERIFY(spy.wait(10000));
    const auto outcome = spy.at(0).at(1).value<DeliveryOutcome>();
    QCOMPARE(outcome.kind, DeliveryOutcome::Kind::Transient);
    QCOMPARE(outcome.errorClass, u"timeout"_s);
    QVERIFY(outcome.ackCode.isEmpty());
    QVERIFY(outcome.durationMs >= 250);
    QCOMPARE(peer.received.size(), 1);
    QTest::qWait(300);
    QCOMPARE(spy.size(), 1);

    // The destination recovers: the next attempt is delivered.
    peer.mode = AckingPeer::Mode::Respond;
    peer.response = kAckHeader + "MSA|AA|CTRL0001\r"_ba;
    QCOMPARE(sendAndWait(sender, message(10)).kind, DeliveryOutcome::Kind::Delivered);
}

void tst_MllpDestinationSender::connectionRefused()
{
    quint16 port = 0;
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost));
        port = probe.serverPort();
    }
    MllpClientOptions options;
    options.host = u"127.0.0.1"_s;
    options.port = port;
    MllpDestinationSender sender(options);
    const DeliveryOutcome outcome = sendAndWait(sender, message(3));
    QCOMPARE(outcome.kind, DeliveryOutcome::Kind::Transient);
    QCOMPARE(outcome.errorClass, u"connect"_s);
    QVERIFY(outcome.ackCode.isEmpty());
}

void tst_MllpDestinationSender::serverClosesConnection()
{
    AckingPeer peer;
    QVERIFY(peer.listen());
    peer.mode = AckingPeer::Mode::Close;
    MllpDestinationSender sender(peer.clientOptions());
    const DeliveryOutcome outcome = sendAndWait(sender, message(4));
    QCOMPARE(outcome.kind, DeliveryOutcome::Kind::Transient);
    QCOMPARE(outcome.errorClass, u"closed"_s);
    QCOMPARE(peer.received.size(), 1);
}

void tst_MllpDestinationSender::sendWhileBusyFinishesAsBusy()
{
    AckingPeer peer;
    QVERIFY(peer.listen());
    peer.response = kAckHeader + "MSA|AA|CTRL0001\r"_ba;
    MllpDestinationSender sender(peer.clientOptions());
    QSignalSpy spy(&sender, &DestinationSender::finished);
    sender.send(message(1));
    sender.send(message(2));
    QCOMPARE(spy.size(), 0); // never from inside send()
    QTRY_COMPARE(spy.size(), 2);
    QHash<qint64, DeliveryOutcome> byId;
    for (const auto& args : spy)
        byId.insert(args.at(0).toLongLong(), args.at(1).value<DeliveryOutcome>());
    QCOMPARE(byId.value(1).kind, DeliveryOutcome::Kind::Delivered);
    QCOMPARE(byId.value(2).kind, DeliveryOutcome::Kind::Transient);
    QCOMPARE(byId.value(2).errorClass, u"busy"_s);
    QCOMPARE(peer.received.size(), 1);
}

namespace {

QString tlsFile(const char* name)
{
    return QStringLiteral(VIGIL_TEST_DATA_DIR "/tls/") + QLatin1StringView(name);
}

MllpServerOptions tlsServerOptions()
{
    MllpServerOptions options;
    options.tls = TlsConfig::serverFromPem(tlsFile("server-cert.pem"), tlsFile("server-key.pem"));
    return options;
}

} // namespace

void tst_MllpDestinationSender::tlsDelivered()
{
    const MllpServerOptions serverOptions = tlsServerOptions();
    QVERIFY(serverOptions.tls);
    AckingPeer peer(serverOptions);
    QVERIFY(peer.listen());
    peer.response = kAckHeader + "MSA|AA|CTRL0001\r"_ba;
    MllpClientOptions options = peer.clientOptions();
    QString error;
    options.tls = TlsConfig::clientWithCa(tlsFile("server-cert.pem"), true, &error);
    QVERIFY2(options.tls, qPrintable(error));
    MllpDestinationSender sender(options);
    QCOMPARE(sendAndWait(sender, message(1)).kind, DeliveryOutcome::Kind::Delivered);
    QCOMPARE(peer.received, QList<QByteArray> { kPayload });
}

void tst_MllpDestinationSender::tlsUntrustedPeerIsTransient()
{
    const MllpServerOptions serverOptions = tlsServerOptions();
    QVERIFY(serverOptions.tls);
    AckingPeer peer(serverOptions);
    QVERIFY(peer.listen());
    peer.response = kAckHeader + "MSA|AA|CTRL0001\r"_ba;
    MllpClientOptions options = peer.clientOptions();
    options.tls = TlsConfig::clientWithCa(tlsFile("other-ca.pem"), true);
    QVERIFY(options.tls);
    MllpDestinationSender sender(options);
    const DeliveryOutcome outcome = sendAndWait(sender, message(2));
    QCOMPARE(outcome.kind, DeliveryOutcome::Kind::Transient);
    QCOMPARE(outcome.errorClass, u"tls"_s);
    QVERIFY(peer.received.isEmpty());
}

void tst_MllpDestinationSender::describeNamesHostAndPort()
{
    MllpClientOptions options;
    options.host = u"10.1.2.3"_s;
    options.port = 2576;
    QCOMPARE(MllpDestinationSender(options).describe(), u"mllp 10.1.2.3:2576"_s);
    options.tls = QSslConfiguration::defaultConfiguration();
    QCOMPARE(MllpDestinationSender(options).describe(), u"mllp 10.1.2.3:2576 (tls)"_s);
}

void tst_MllpDestinationSender::destroyedWhileInFlight()
{
    AckingPeer peer;
    QVERIFY(peer.listen());
    peer.mode = AckingPeer::Mode::Silent;
    auto* sender = new MllpDestinationSender(peer.clientOptions());
    QSignalSpy spy(sender, &DestinationSender::finished);
    sender->send(message(1));
    QTRY_COMPARE(peer.received.size(), 1);
    delete sender;
    QTest::qWait(50);
    QCOMPARE(spy.size(), 0);
}

QTEST_GUILESS_MAIN(tst_MllpDestinationSender)
#include "tst_mllpdestinationsender.moc"
