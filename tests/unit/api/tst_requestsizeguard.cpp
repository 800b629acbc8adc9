#include "node/api/GuardedServers.h"

#include <QHttpServer>
#include <QHttpServerRequest>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QElapsedTimer>
#include <QTest>

/// RequestSizeGuard on a real QHttpServer over a real socket: small requests reach the handler,
/// oversized ones are answered 413 before the server buffers them.
class tst_RequestSizeGuard : public QObject
{
    Q_OBJECT

private:
    static constexpr qint64 Limit = 64 * 1024;

    struct Server
    {
        QHttpServer http;
        GuardedTcpServer* listener = nullptr;
        qint64 largestBodySeen = 0;
        int requestsSeen = 0;
    };

    std::unique_ptr<Server> startServer()
    {
        auto server = std::make_unique<Server>();
        Server* s = server.get();
        s->http.route(QStringLiteral("/echo"), [s](const QHttpServerRequest& request) {
            ++s->requestsSeen;
            s->largestBodySeen = qMax(s->largestBodySeen, qint64(request.body().size()));
            return QHttpServerResponse(QByteArrayLiteral("text/plain"), QByteArray::number(request.body().size()));
        });
        s->listener = new GuardedTcpServer(Limit, &s->http);
        if (!s->listener->listen(QHostAddress::LocalHost, 0))
            return nullptr;
        s->http.bind(s->listener);
        return server;
    }

    /// Sends `head` and `body` and returns what came back once `expectResponses` answers arrived or
    /// the server closed the connection. The server runs in this thread, so the client never blocks:
    /// it waits with QTest::qWaitFor, which keeps the event loop (and the server) going.
    static QByteArray exchange(quint16 port, const QByteArray& head, const QByteArray& body = {}, int expectResponses = 1)
    {
        QTcpSocket socket;
        QByteArray received;
        bool closed = false;
        QObject::connect(&socket, &QTcpSocket::readyRead, &socket, [&] { received += socket.readAll(); });
        QObject::connect(&socket, &QTcpSocket::disconnected, &socket, [&] { closed = true; });
        socket.connectToHost(QHostAddress::LocalHost, port);
        if (!QTest::qWaitFor([&] { return socket.state() == QAbstractSocket::ConnectedState; }, 5000))
            return "no connection";
        socket.write(head);
        socket.write(body);
        // Not reaching the count is for the caller to judge from what arrived.
        (void)QTest::qWaitFor([&] { return closed || received.count("HTTP/1.1") >= expectResponses; }, 10000);
        // Let the body of the last response arrive.
        QTest::qWait(50);
        received += socket.readAll();
        return received;
    }

private slots:
    void smallRequestReachesHandler()
    {
        auto server = startServer();
        QVERIFY(server);
        const QByteArray body(1000, 'x');
        const QByteArray reply = exchange(server->listener->serverPort(),
                                          "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n" + body);
        QVERIFY2(reply.startsWith("HTTP/1.1 200"), reply.constData());
        QVERIFY(reply.endsWith("1000"));
        QCOMPARE(server->largestBodySeen, 1000);
    }

    void declaredOversizeGets413Unread()
    {
        auto server = startServer();
        QVERIFY(server);
        // Declares 300 MB but the guard must answer after the headers, long before any body arrives.
        const QByteArray reply = exchange(server->listener->serverPort(),
                                          "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 314572800\r\n\r\n",
                                          QByteArray(256 * 1024, 'y'));
        QVERIFY2(reply.startsWith("HTTP/1.1 413"), reply.constData());
        QVERIFY(reply.contains("\"code\":\"body-too-large\""));
        QCOMPARE(server->requestsSeen, 0);
    }

    void chunkedBodyGets411()
    {
        auto server = startServer();
        QVERIFY(server);
        const QByteArray reply = exchange(server->listener->serverPort(),
                                          "POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n");
        QVERIFY2(reply.startsWith("HTTP/1.1 411"), reply.constData());
        QCOMPARE(server->requestsSeen, 0);
    }

    void hugeHeadersGet431()
    {
        auto server = startServer();
        QVERIFY(server);
        const QByteArray reply = exchange(server->listener->serverPort(),
                                          "GET /echo HTTP/1.1\r\nHost: x\r\nX-Filler: " + QByteArray(100 * 1024, 'h'));
        QVERIFY2(reply.startsWith("HTTP/1.1 431"), reply.constData());
        QCOMPARE(server->requestsSeen, 0);
    }

    void keepAliveRequestsAreFollowed()
    {
        // Two requests on one connection, the second one too large: the guard must find the second
        // request's headers after the first one's body.
        auto server = startServer();
        QVERIFY(server);
        QTcpSocket socket;
        QByteArray received;
        QObject::connect(&socket, &QTcpSocket::readyRead, &socket, [&] { received += socket.readAll(); });
        socket.connectToHost(QHostAddress::LocalHost, server->listener->serverPort());
        QTRY_COMPARE(socket.state(), QAbstractSocket::ConnectedState);
        socket.write("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello");
        QTRY_VERIFY(received.startsWith("HTTP/1.1 200") && received.endsWith("5"));
        QCOMPARE(server->requestsSeen, 1);
        socket.write("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: " + QByteArray::number(Limit + 1) + "\r\n\r\n");
        QTRY_VERIFY2(received.contains("HTTP/1.1 413"), received.constData());
        QCOMPARE(server->requestsSeen, 1);
    }

    void bodyAtTheLimitIsAccepted()
    {
        auto server = startServer();
        QVERIFY(server);
        const QByteArray body(Limit, 'z');
        const QByteArray reply = exchange(server->listener->serverPort(),
                                          "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: " + QByteArray::number(Limit)
                                              + "\r\n\r\n",
                                          body);
        QVERIFY2(reply.startsWith("HTTP/1.1 200"), reply.left(200).constData());
        QCOMPARE(server->largestBodySeen, Limit);
    }
};

QTEST_GUILESS_MAIN(tst_RequestSizeGuard)
#include "tst_requestsizeguard.moc"
