#include "node/delivery/HttpDestinationSender.h"

#include <QRegularExpression>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

/// A loopback HTTP/1.1 peer that records each request and answers with a canned response
/// (or not at all, to provoke a timeout).
class CannedHttpServer : public QObject
{
    Q_OBJECT
public:
    struct Request
    {
        QByteArray method;
        QByteArray path;
        QHash<QByteArray, QByteArray> headers; // lower-case names
        QByteArray body;
    };

    QByteArray response; // empty: never answer
    QList<Request> requests;

    bool listen() { return m_server.listen(QHostAddress::LocalHost); }
    quint16 port() const { return m_server.serverPort(); }
    QUrl url(const QString& path = u"/hl7"_s) const
    {
        return QUrl(u"http://127.0.0.1:"_s + QString::number(port()) + path);
    }

    CannedHttpServer()
    {
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket* socket = m_server.nextPendingConnection()) {
                socket->setParent(this);
                connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onData(socket); });
            }
        });
    }

private:
    void onData(QTcpSocket* socket)
    {
        QByteArray& buffer = m_buffers[socket];
        buffer += socket->readAll();
        const qsizetype headerEnd = buffer.indexOf("\r\n\r\n");
        if (headerEnd < 0)
            return;
        Request request;
        const QList<QByteArray> lines = buffer.left(headerEnd).split('\n');
        const QList<QByteArray> requestLine = lines.value(0).trimmed().split(' ');
        request.method = requestLine.value(0);
        request.path = requestLine.value(1);
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const qsizetype colon = lines[i].indexOf(':');
            if (colon > 0)
                request.headers.insert(lines[i].left(colon).trimmed().toLower(), lines[i].mid(colon + 1).trimmed());
        }
        const qsizetype length = request.headers.value("content-length"_ba).toLongLong();
        if (buffer.size() < headerEnd + 4 + length)
            return;
        request.body = buffer.mid(headerEnd + 4, length);
        buffer.remove(0, headerEnd + 4 + length);
        requests.append(request);
        if (!response.isEmpty())
            socket->write(response);
    }

    QTcpServer m_server;
    QHash<QTcpSocket*, QByteArray> m_buffers;
};

QByteArray cannedResponse(
    int status, const QByteArray& reason, const QByteArray& extraHeaders = {}, const QByteArray& body = {})
{
    return "HTTP/1.1 "_ba + QByteArray::number(status) + ' ' + reason + "\r\n"_ba + extraHeaders + "Content-Length: "_ba
        + QByteArray::number(body.size()) + "\r\n\r\n"_ba + body;
}

const QByteArray kPayload = "MSH|^~\\&|A|B|C|D|20240305060708||ORU^R01|CTRL9|P|2.5\rPID|1||123\r"_ba;
const QByteArray kTraceId = "4bf92f3577b34da6a3ce929d0e0e4736"_ba;

OutboundMessage message(qint64 queueId)
{
    OutboundMessage m;
    m.queueId = queueId;
    m.messageId = 4711;
    m.payload = kPayload;
    m.correlationId = kTraceId;
    m.controlId = u"CTRL9"_s;
    return m;
}

} // namespace

Q_DECLARE_METATYPE(DeliveryOutcome::Kind)

class tst_HttpDestinationSender : public QObject
{
    Q_OBJECT
private slots:
    void status_data();
    void status();
    void requestCarriesPayloadAndHeaders();
    void invalidCorrelationIdSendsNoTraceparent();
    void retryAfterHttpDate();
    void parseRetryAfter_data();
    void parseRetryAfter();
    void connectionRefused();
    void timeout();
    void serverClosesWithoutAnswer();
    void describeHidesCredentials();
    void destroyedWhileInFlight();

private:
    static DeliveryOutcome sendAndWait(HttpDestinationSender& sender, const OutboundMessage& msg, int waitMs = 10000);
};

DeliveryOutcome tst_HttpDestinationSender::sendAndWait(
    HttpDestinationSender& sender, const OutboundMessage& msg, int waitMs)
{
    QSignalSpy spy(&sender, &DestinationSender::finished);
    sender.send(msg);
    if (!spy.wait(waitMs) || spy.size() != 1 || spy.at(0).at(0).toLongLong() != msg.queueId) {
        qWarning("no single finished() for the message");
        return DeliveryOutcome { DeliveryOutcome::Kind::Transient, {}, u"test: no outcome"_s, {}, 0, -1 };
    }
    return spy.at(0).at(1).value<DeliveryOutcome>();
}

void tst_HttpDestinationSender::status_data()
{
    QTest::addColumn<int>("code");
    QTest::addColumn<QByteArray>("headers");
    QTest::addColumn<DeliveryOutcome::Kind>("kind");
    QTest::addColumn<QString>("errorClass");
    QTest::addColumn<int>("retryAfterMs");

    using K = DeliveryOutcome::Kind;
    QTest::addRow("200") << 200 << QByteArray() << K::Delivered << QString() << -1;
    QTest::addRow("201") << 201 << QByteArray() << K::Delivered << QString() << -1;
    QTest::addRow("204") << 204 << QByteArray() << K::Delivered << QString() << -1;
    QTest::addRow("302 not followed") << 302 << "Location: http://127.0.0.1:1/elsewhere\r\n"_ba << K::Transient
                                      << u"http-3xx"_s << -1;
    QTest::addRow("400") << 400 << QByteArray() << K::Permanent << u"http-4xx"_s << -1;
    QTest::addRow("404") << 404 << QByteArray() << K::Permanent << u"http-4xx"_s << -1;
    QTest::addRow("409") << 409 << QByteArray() << K::Permanent << u"http-4xx"_s << -1;
    QTest::addRow("412") << 412 << QByteArray() << K::Permanent << u"http-4xx"_s << -1;
    QTest::addRow("408") << 408 << QByteArray() << K::Transient << u"http-4xx"_s << -1;
    QTest::addRow("429 with Retry-After") << 429 << "Retry-After: 7\r\n"_ba << K::Transient << u"http-4xx"_s << 7000;
    QTest::addRow("500") << 500 << QByteArray() << K::Transient << u"http-5xx"_s << -1;
    QTest::addRow("503 with Retry-After")
        << 503 << "Retry-After: 120\r\n"_ba << K::Transient << u"http-5xx"_s << 120000;
    QTest::addRow("400 ignores Retry-After") << 400 << "Retry-After: 5\r\n"_ba << K::Permanent << u"http-4xx"_s << -1;
}

void tst_HttpDestinationSender::status()
{
    QFETCH(int, code);
    QFETCH(QByteArray, headers);
    QFETCH(DeliveryOutcome::Kind, kind);
    QFETCH(QString, errorClass);
    QFETCH(int, retryAfterMs);

    CannedHttpServer server;
    QVERIFY(server.listen());
    // The body echoes message content, as FHIR OperationOutcomes do; it must not reach the outcome.
    server.response = cannedResponse(code, "Whatever", headers, "PID|1||123 rejected"_ba);
    HttpDestinationSender sender(HttpDestinationOptions { server.url(), u"application/hl7-v2"_s, 5000, {} });

    const DeliveryOutcome outcome = sendAndWait(sender, message(11));
    QCOMPARE(outcome.kind, kind);
    QCOMPARE(outcome.errorClass, errorClass);
    QCOMPARE(outcome.ackCode, QString::number(code));
    QCOMPARE(outcome.retryAfterMs, retryAfterMs);
    QVERIFY(!outcome.detail.contains(u"123"_s));
    QVERIFY(outcome.durationMs >= 0);
    QCOMPARE(server.requests.size(), 1); // one POST, redirects not followed
}

void tst_HttpDestinationSender::requestCarriesPayloadAndHeaders()
{
    CannedHttpServer server;
    QVERIFY(server.listen());
    server.response = cannedResponse(200, "OK");
    HttpDestinationSender sender(
        HttpDestinationOptions { server.url(u"/in/hl7"_s), u"x-application/hl7-v2+er7"_s, 5000, {} });
    QCOMPARE(sendAndWait(sender, message(1)).kind, DeliveryOutcome::Kind::Delivered);
    QCOMPARE(sendAndWait(sender, message(2)).kind, DeliveryOutcome::Kind::Delivered);

    QCOMPARE(server.requests.size(), 2);
    const auto& request = server.requests.at(0);
    QCOMPARE(request.method, "POST"_ba);
    QCOMPARE(request.path, "/in/hl7"_ba);
    QCOMPARE(request.body, kPayload);
    QCOMPARE(request.headers.value("content-type"_ba), "x-application/hl7-v2+er7"_ba);
    QCOMPARE(request.headers.value("x-vigil-message-id"_ba), "4711"_ba);

    static const QRegularExpression traceparent(u"^00-([0-9a-f]{32})-([0-9a-f]{16})-01$"_s);
    const QRegularExpressionMatch first
        = traceparent.match(QString::fromLatin1(request.headers.value("traceparent"_ba)));
    QVERIFY2(first.hasMatch(), request.headers.value("traceparent"_ba).constData());
    QCOMPARE(first.captured(1).toLatin1(), kTraceId);
    QVERIFY(first.captured(2) != u"0000000000000000"_s);
    // Each attempt is a new span under the same trace.
    const QRegularExpressionMatch second
        = traceparent.match(QString::fromLatin1(server.requests.at(1).headers.value("traceparent"_ba)));
    QVERIFY(second.hasMatch());
    QCOMPARE(second.captured(1).toLatin1(), kTraceId);
    QVERIFY(second.captured(2) != first.captured(2));
}

void tst_HttpDestinationSender::invalidCorrelationIdSendsNoTraceparent()
{
    QCOMPARE(HttpDestinationSender::traceparentFor("00000000000000000000000000000000"_ba), QByteArray());
    QCOMPARE(HttpDestinationSender::traceparentFor("4BF92F3577B34DA6A3CE929D0E0E4736"_ba), QByteArray());
    QCOMPARE(HttpDestinationSender::traceparentFor("4bf92f35"_ba), QByteArray());
    QCOMPARE(HttpDestinationSender::traceparentFor(kTraceId).size(), 55);

    CannedHttpServer server;
    QVERIFY(server.listen());
    server.response = cannedResponse(200, "OK");
    HttpDestinationSender sender(HttpDestinationOptions { server.url(), u"application/hl7-v2"_s, 5000, {} });
    OutboundMessage m = message(3);
    m.correlationId = "not-a-trace"_ba;
    QCOMPARE(sendAndWait(sender, m).kind, DeliveryOutcome::Kind::Delivered);
    QCOMPARE(server.requests.size(), 1);
    QVERIFY(!server.requests.at(0).headers.contains("traceparent"_ba));
}

void tst_HttpDestinationSender::retryAfterHttpDate()
{
    CannedHttpServer server;
    QVERIFY(server.listen());
    const QDateTime later = QDateTime::currentDateTimeUtc().addSecs(3600);
    const QByteArray date = QLocale::c().toString(later, u"ddd, dd MMM yyyy HH:mm:ss 'GMT'"_s).toLatin1();
    server.response = cannedResponse(503, "Service Unavailable", "Retry-After: "_ba + date + "\r\n"_ba);
    HttpDestinationSender sender(HttpDestinationOptions { server.url(), u"application/hl7-v2"_s, 5000, {} });
    const DeliveryOutcome outcome = sendAndWait(sender, message(4));
    QCOMPARE(outcome.kind, DeliveryOutcome::Kind::Transient);
    QVERIFY2(outcome.retryAfterMs > 3590 * 1000 && outcome.retryAfterMs <= 3600 * 1000,
        qPrintable(QString::number(outcome.retryAfterMs)));
}

void tst_HttpDestinationSender::parseRetryAfter_data()
{
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<int>("expected");
    QTest::addRow("seconds") << "30"_ba << 30000;
    QTest::addRow("zero") << "0"_ba << 0;
    QTest::addRow("spaces") << " 5 "_ba << 5000;
    QTest::addRow("empty") << QByteArray() << -1;
    QTest::addRow("negative") << "-5"_ba << -1;
    QTest::addRow("garbage") << "soon"_ba << -1;
    QTest::addRow("huge") << "99999999999"_ba << (std::numeric_limits<int>::max() / 1000) * 1000;
    QTest::addRow("imf date") << "Sun, 06 Nov 1994 08:50:37 GMT"_ba << 60000;
    QTest::addRow("date in the past") << "Sun, 06 Nov 1994 08:40:37 GMT"_ba << 0;
}

void tst_HttpDestinationSender::parseRetryAfter()
{
    QFETCH(QByteArray, value);
    QFETCH(int, expected);
    const QDateTime now(QDate(1994, 11, 6), QTime(8, 49, 37), Qt::UTC);
    QCOMPARE(HttpDestinationSender::parseRetryAfter(value, now), expected);
}

void tst_HttpDestinationSender::connectionRefused()
{
    quint16 port = 0;
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost));
        port = probe.serverPort();
    }
    const QUrl url(u"http://127.0.0.1:"_s + QString::number(port) + u"/hl7"_s);
    HttpDestinationSender sender(HttpDestinationOptions { url, u"application/hl7-v2"_s, 5000, {} });
    const DeliveryOutcome outcome = sendAndWait(sender, message(5));
    QCOMPARE(outcome.kind, DeliveryOutcome::Kind::Transient);
    QCOMPARE(outcome.errorClass, u"connect"_s);
    QVERIFY(outcome.ackCode.isEmpty());
}

void tst_HttpDestinationSender::timeout()
{
    CannedHttpServer server;
    QVERIFY(server.listen());
    HttpDestinationSender sender(HttpDestinationOptions { server.url(), u"application/hl7-v2"_s, 300, {} });
    QSignalSpy spy(&sender, &DestinationSender::finished);
    sender.send(message(6));
    QVERIFY(spy.wait(10000));
    QCOMPARE(spy.size(), 1);
    const auto outcome = spy.at(0).at(1).value<DeliveryOutcome>();
    QCOMPARE(outcome.kind, DeliveryOutcome::Kind::Transient);
    QCOMPARE(outcome.errorClass, u"timeout"_s);
    QVERIFY(outcome.durationMs >= 250);
    QCOMPARE(server.requests.size(), 1); // the request did arrive; the answer did not
    QTest::qWait(400);
    QCOMPARE(spy.size(), 1); // exactly one finished()
}

void tst_HttpDestinationSender::serverClosesWithoutAnswer()
{
    QTcpServer server;
    QVERIFY(server.listen(QHostAddress::LocalHost));
    connect(&server, &QTcpServer::newConnection, this, [&server] {
        QTcpSocket* socket = server.nextPendingConnection();
        connect(socket, &QTcpSocket::readyRead, socket, [socket] {
            socket->readAll();
            socket->disconnectFromHost();
        });
    });
    const QUrl url(u"http://127.0.0.1:"_s + QString::number(server.serverPort()) + u"/hl7"_s);
    HttpDestinationSender sender(HttpDestinationOptions { url, u"application/hl7-v2"_s, 5000, {} });
    const DeliveryOutcome outcome = sendAndWait(sender, message(7));
    QCOMPARE(outcome.kind, DeliveryOutcome::Kind::Transient);
    QCOMPARE(outcome.errorClass, u"closed"_s);
}

void tst_HttpDestinationSender::describeHidesCredentials()
{
    const HttpDestinationSender sender(
        HttpDestinationOptions { QUrl(u"https://user:secret@fhir.example.org:8443/r4/Bundle?api_key=abc"_s),
            u"application/fhir+json"_s, 1000, {} });
    QCOMPARE(sender.describe(), u"http https://fhir.example.org:8443/r4/Bundle"_s);
}

void tst_HttpDestinationSender::destroyedWhileInFlight()
{
    CannedHttpServer server;
    QVERIFY(server.listen());
    auto* sender
        = new HttpDestinationSender(HttpDestinationOptions { server.url(), u"application/hl7-v2"_s, 5000, {} });
    QSignalSpy spy(sender, &DestinationSender::finished);
    sender->send(message(8));
    QTRY_COMPARE(server.requests.size(), 1);
    delete sender; // shutdown: the attempt is abandoned without a report (the store still has the message)
    QTest::qWait(50);
    QCOMPARE(spy.size(), 0);
}

QTEST_GUILESS_MAIN(tst_HttpDestinationSender)
#include "tst_httpdestinationsender.moc"
