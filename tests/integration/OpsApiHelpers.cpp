#include "OpsApiHelpers.h"

#include "IntegrationHelpers.h"

#include <QElapsedTimer>
#include <QSslCertificate>
#include <QSslSocket>
#include <QTest>

namespace OpsApiHelpers {

QByteArray adt(
    const QString& controlId, const QString& mrn, const QString& family, const QString& unit, const QString& trigger)
{
    const QString pid3 = mrn.isEmpty() ? QString() : mrn + QStringLiteral("^^^HOSP^MR");
    return QStringLiteral("MSH|^~\\&|TESTAPP|TESTFAC|VIGIL|HOSP|20261126120000||ADT^%1^ADT_A01|%2|P|2.5.1\r"
                          "EVN|%1|20261126120000\r"
                          "PID|1||%3||%4^JANE||19800101|F\r"
                          "PV1|1|I|%5^12^1\r")
        .arg(trigger, controlId, pid3, family, unit)
        .toUtf8();
}

QJsonObject opsNodeConfig(quint16 sinkPort, const QStringList& channels)
{
    QJsonArray channelArray;
    for (const QString& name : channels)
        channelArray.append(IntegrationHelpers::channel(name));
    QJsonObject config = IntegrationHelpers::nodeConfig(channelArray,
        { IntegrationHelpers::mllpDestination(QStringLiteral("ehr"), sinkPort) },
        { IntegrationHelpers::routeAll({ QStringLiteral("ehr") }) });
    config.insert(QStringLiteral("api"),
        QJsonObject { { QStringLiteral("maxBodyBytes"), 65536 },
            { QStringLiteral("signIn"),
                QJsonObject {
                    { QStringLiteral("failuresBeforeDelay"), 3 }, { QStringLiteral("lockoutSeconds"), 2 } } } });
    return config;
}

QJsonArray items(const ApiClient::Reply& reply)
{
    return reply.json().value(QStringLiteral("items")).toArray();
}

QJsonObject firstMessage(const ApiClient& client, const QString& query)
{
    return items(client.get(QStringLiteral("/api/v1/messages?") + query)).at(0).toObject();
}

QJsonObject waitForMessage(const ApiClient& client, const QString& query, int timeoutMs)
{
    QJsonObject found;
    const bool arrived = QTest::qWaitFor(
        [&] {
            found = firstMessage(client, query);
            return !found.isEmpty();
        },
        timeoutMs);
    return arrived ? found : QJsonObject();
}

int countMessages(const ApiClient& client, const QString& query)
{
    return int(items(client.get(QStringLiteral("/api/v1/messages?limit=500&") + query)).size());
}

ApiClient::Reply signInWaiting(ApiClient& client, const QString& user, int timeoutMs)
{
    ApiClient::Reply reply;
    const bool answered = QTest::qWaitFor(
        [&] {
            reply = client.signIn(user, password(user));
            return reply.status != 429;
        },
        timeoutMs);
    Q_UNUSED(answered) // still throttled: the caller sees the 429
    return reply;
}

QString fingerprintOfPemFile(const QString& path)
{
    const QList<QSslCertificate> certificates = QSslCertificate::fromPath(path, QSsl::Pem);
    return certificates.isEmpty() ? QString() : ApiClient::fingerprintOf(certificates.first());
}

ApiClient::Reply rawTlsRequest(quint16 port, const QString& fingerprint, const QByteArray& head, int timeoutMs)
{
    ApiClient::Reply reply;
    QSslSocket socket;
    QObject::connect(&socket, &QSslSocket::sslErrors, &socket, [&](const QList<QSslError>&) {
        if (!fingerprint.isEmpty() && ApiClient::fingerprintOf(socket.peerCertificate()) == fingerprint)
            socket.ignoreSslErrors();
    });
    socket.connectToHostEncrypted(QStringLiteral("127.0.0.1"), port);
    if (!socket.waitForEncrypted(timeoutMs)) {
        reply.networkError = socket.errorString();
        return reply;
    }
    socket.write(head);
    QByteArray received;
    QElapsedTimer clock;
    clock.start();
    // Until the node closes, or the headers and as many body bytes as they announce are in.
    const auto complete = [&received] {
        const qsizetype end = received.indexOf("\r\n\r\n");
        if (end < 0)
            return false;
        const qsizetype at = received.toLower().indexOf("content-length:");
        const qsizetype length = at < 0 || at > end
            ? 0
            : received.mid(at + 15, received.indexOf('\r', at) - at - 15).trimmed().toLongLong();
        return received.size() >= end + 4 + length;
    };
    while (!complete() && socket.state() == QAbstractSocket::ConnectedState && clock.elapsed() < timeoutMs) {
        if (socket.waitForReadyRead(200))
            received += socket.readAll();
    }
    received += socket.readAll();
    const qsizetype end = received.indexOf("\r\n\r\n");
    if (!received.startsWith("HTTP/1.1 ") || end < 0) {
        reply.networkError = QStringLiteral("no HTTP response (%1 bytes)").arg(received.size());
        return reply;
    }
    reply.status = received.mid(9, 3).toInt();
    const QList<QByteArray> lines = received.left(end).split('\n');
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const qsizetype colon = lines.at(i).indexOf(':');
        if (colon > 0)
            reply.headers.insert(lines.at(i).left(colon).trimmed().toLower(), lines.at(i).mid(colon + 1).trimmed());
    }
    reply.body = received.mid(end + 4);
    return reply;
}

bool isErrorBody(const ApiClient::Reply& reply, int status, const QString& code)
{
    const QJsonObject error = reply.json().value(QStringLiteral("error")).toObject();
    return reply.status == status && reply.headers.value("content-type").startsWith("application/json")
        && error.value(QStringLiteral("status")).toInt() == status
        && error.value(QStringLiteral("code")).toString() == code
        && !error.value(QStringLiteral("message")).toString().isEmpty();
}

} // namespace OpsApiHelpers
