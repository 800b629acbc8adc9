// Benchmark (run on demand): end-to-end latency of a critical lab result through a real vigil-node,
// from the last byte of a critical ORU^R01 written to the MLLP socket to the "alert.changed" event
// (reason "raised") arriving at a WebSocket subscriber of the ops API — while other connections
// send ADT traffic at a steady rate (default 500 msgs/s). Issue 4 target: p99 under 100 ms.
//
// Usage: bench_alert_latency [--criticals N] [--critical-rate R] [--background-rate R]
//                            [--background-connections N] [--node PATH]
//        (VIGIL_NODE_BIN is used when set)
#include "tests/integration/IntegrationHelpers.h"
#include "tests/support/BlockingMllpClient.h"
#include "tests/support/NodeProcess.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMutex>
#include <QSslError>
#include <QThread>
#include <QTimer>
#include <QWebSocket>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>

namespace {

qint64 nowNs()
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

QByteArray frame(const QByteArray& message)
{
    return '\x0b' + message + "\x1c\r";
}

QByteArray admit(const QString& controlId)
{
    return QStringLiteral("MSH|^~\\&|ADT|HOSP|VIGIL|HOSP|20261126120000||ADT^A01^ADT_A01|%1|P|2.5.1\r"
                          "EVN|A01|20261126120000\r"
                          "PID|1||BG%1^^^HOSP^MR||TEST^PATIENT||19700101|F\r"
                          "PV1|1|I|4B^12^1\r")
        .arg(controlId)
        .toUtf8();
}

QByteArray criticalResult(const QString& controlId)
{
    return QStringLiteral("MSH|^~\\&|LAB|HOSP|VIGIL|HOSP|20261126120000||ORU^R01^ORU_R01|%1|P|2.5.1\r"
                          "PID|1||CR%1^^^HOSP^MR||TEST^PATIENT||19700101|F\r"
                          "PV1|1|I|ICU-3^1^1\r"
                          "OBR|1|ORD%1|FIL%1|2823-3^Potassium^LN|||20261126113000\r"
                          "OBX|1|NM|2823-3^Potassium^LN||6.9|mmol/L|3.5-5.1|HH|||F\r")
        .arg(controlId)
        .toUtf8();
}

/// Sends ADT^A01 at `ratePerSec` on one connection, each waiting for its ACK, until `stop`.
class BackgroundSender : public QThread
{
public:
    BackgroundSender(quint16 port, double ratePerSec, int index, std::atomic<bool>& stop)
        : m_port(port), m_rate(ratePerSec), m_index(index), m_stop(stop)
    {
    }
    qint64 sent = 0;

protected:
    void run() override
    {
        BlockingMllpClient client;
        if (!client.connectTo(m_port))
            return;
        const qint64 intervalNs = qint64(1e9 / m_rate);
        qint64 next = nowNs();
        while (!m_stop) {
            const QString id = QStringLiteral("BG%1-%2").arg(m_index).arg(sent);
            if (client.exchange(admit(id)).isEmpty())
                return;
            ++sent;
            next += intervalNs;
            const qint64 wait = next - nowNs();
            if (wait > 0)
                QThread::usleep(quint64(wait / 1000));
        }
    }

private:
    quint16 m_port;
    double m_rate;
    int m_index;
    std::atomic<bool>& m_stop;
};

/// Sends the critical results and records when each one's last byte left.
class CriticalSender : public QThread
{
public:
    CriticalSender(quint16 port, int count, double ratePerSec)
        : m_port(port), m_count(count), m_rate(ratePerSec)
    {
    }
    QMutex lock;
    QHash<QString, qint64> sentAtNs;                 ///< MSH-10 → last byte written
    std::vector<double> ackMs;                       ///< last byte written → ACK read, for comparison

protected:
    void run() override
    {
        BlockingMllpClient client;
        if (!client.connectTo(m_port))
            return;
        const qint64 intervalNs = qint64(1e9 / m_rate);
        qint64 next = nowNs();
        for (int i = 0; i < m_count; ++i) {
            const QString id = QStringLiteral("CRIT-%1").arg(i);
            if (!client.sendRaw(frame(criticalResult(id))))
                return;
            {
                QMutexLocker locked(&lock);
                sentAtNs.insert(id, nowNs());
            }
            const qint64 writtenNs = nowNs();
            client.readResponse();
            {
                QMutexLocker locked(&lock);
                ackMs.push_back(double(nowNs() - writtenNs) / 1e6);
            }
            next += intervalNs;
            const qint64 wait = next - nowNs();
            if (wait > 0)
                QThread::usleep(quint64(wait / 1000));
        }
    }

private:
    quint16 m_port;
    int m_count;
    double m_rate;
};

double percentile(std::vector<double> values, double p)
{
    if (values.empty())
        return 0;
    std::sort(values.begin(), values.end());
    const size_t index = std::min(values.size() - 1, size_t(p * double(values.size())));
    return values[index];
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    int criticals = 300;
    double criticalRate = 10;
    double backgroundRate = 500;
    int backgroundConnections = 16;
    const QStringList args = app.arguments();
    for (qsizetype i = 1; i + 1 < args.size(); i += 2) {
        if (args[i] == u"--criticals")
            criticals = args[i + 1].toInt();
        else if (args[i] == u"--critical-rate")
            criticalRate = args[i + 1].toDouble();
        else if (args[i] == u"--background-rate")
            backgroundRate = args[i + 1].toDouble();
        else if (args[i] == u"--background-connections")
            backgroundConnections = std::max(1, args[i + 1].toInt());
        else if (args[i] == u"--node")
            qputenv("VIGIL_NODE_BIN", args[i + 1].toLocal8Bit());
    }

    NodeProcess node;
    QJsonObject config = IntegrationHelpers::nodeConfig(
        {IntegrationHelpers::channel(QStringLiteral("hl7-in"))},
        {IntegrationHelpers::fileDestination(QStringLiteral("archive"), QStringLiteral("archive"))},
        {IntegrationHelpers::routeAll({QStringLiteral("archive")})});
    QString error;
    if (!node.start(config, &error)) {
        std::fprintf(stderr, "cannot start vigil-node: %s\n", qPrintable(error));
        return 1;
    }
    if (!node.addUser(QStringLiteral("bench"), QStringLiteral("admin"), {}, QStringLiteral("bench-password-1"), &error)) {
        std::fprintf(stderr, "cannot add the user: %s\n", qPrintable(error));
        return 1;
    }
    ApiClient api = node.api();
    const ApiClient::Reply signIn = api.signIn(QStringLiteral("bench"), QStringLiteral("bench-password-1"));
    if (signIn.status != 200) {
        std::fprintf(stderr, "sign-in failed: %d\n", signIn.status);
        return 1;
    }

    // The subscriber: the console's way in, pinned to the node's certificate.
    QWebSocket socket;
    const QString pin = node.fingerprint();
    QObject::connect(&socket, &QWebSocket::sslErrors, &socket, [&socket, pin](const QList<QSslError>& errors) {
        for (const QSslError& e : errors) {
            if (!e.certificate().isNull() && ApiClient::fingerprintOf(e.certificate()) != pin)
                return;
        }
        socket.ignoreSslErrors();
    });
    std::vector<double> latenciesMs;
    bool subscribed = false;
    CriticalSender critical(node.port(QStringLiteral("hl7-in")), criticals, criticalRate);
    QObject::connect(&socket, &QWebSocket::textMessageReceived, &socket, [&](const QString& text) {
        const qint64 arrivedNs = nowNs();
        const QJsonObject frame = QJsonDocument::fromJson(text.toUtf8()).object();
        const QString type = frame.value(u"type").toString();
        if (type == u"subscribed")
            subscribed = true;
        if (type != u"event" || frame.value(u"event").toString() != u"alert.changed")
            return;
        const QJsonObject data = frame.value(u"data").toObject();
        bool raised = false;
        for (const QJsonValue& n : data.value(u"notifications").toArray())
            raised |= n.toObject().value(u"reason").toString() == u"raised";
        if (!raised)
            return;
        const QString controlId = data.value(u"evidence").toObject().value(u"controlId").toString();
        QMutexLocker locked(&critical.lock);
        const auto sent = critical.sentAtNs.constFind(controlId);
        if (sent != critical.sentAtNs.constEnd())
            latenciesMs.push_back(double(arrivedNs - sent.value()) / 1e6);
    });
    QNetworkRequest request(QUrl(QStringLiteral("wss://127.0.0.1:%1/api/v1/stream").arg(node.port(QStringLiteral("http")))));
    request.setRawHeader("Authorization", "Bearer " + api.token().toLatin1());
    socket.open(request);
    QObject::connect(&socket, &QWebSocket::connected, &socket, [&socket] {
        socket.sendTextMessage(QString::fromUtf8(QJsonDocument(QJsonObject{{QStringLiteral("type"), QStringLiteral("subscribe")},
                                                                            {QStringLiteral("topics"), QJsonArray{QStringLiteral("alerts")}}})
                                                     .toJson(QJsonDocument::Compact)));
    });
    QEventLoop wait;
    QTimer::singleShot(10000, &wait, &QEventLoop::quit);
    QTimer poll;
    QObject::connect(&poll, &QTimer::timeout, &wait, [&] {
        if (subscribed)
            wait.quit();
    });
    poll.start(20);
    wait.exec();
    if (!subscribed) {
        std::fprintf(stderr, "the stream did not subscribe\n");
        return 1;
    }

    std::atomic<bool> stop = false;
    std::vector<std::unique_ptr<BackgroundSender>> background;
    for (int i = 0; i < backgroundConnections; ++i) {
        background.push_back(std::make_unique<BackgroundSender>(node.port(QStringLiteral("hl7-in")),
                                                                backgroundRate / backgroundConnections, i, stop));
        background.back()->start();
    }
    QThread::msleep(1000);                           // let the background traffic settle
    const qint64 startedNs = nowNs();
    critical.start();
    while (!critical.isFinished() || (latenciesMs.size() < size_t(criticals) && nowNs() - startedNs < qint64(600e9))) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 10);
        if (critical.isFinished() && latenciesMs.size() < size_t(criticals)) {
            // Give the last alerts a moment, then stop waiting.
            static qint64 finishedNs = nowNs();
            if (nowNs() - finishedNs > qint64(10e9))
                break;
        }
    }
    const double seconds = double(nowNs() - startedNs) / 1e9;
    stop = true;
    qint64 backgroundSent = 0;
    for (auto& b : background) {
        b->wait();
        backgroundSent += b->sent;
    }
    critical.wait();

    std::printf("vigil-node alert latency: last byte of a critical ORU^R01 on MLLP -> alert.changed on a WebSocket\n");
    std::printf("background ADT traffic: %.0f msgs/s requested, %.0f msgs/s achieved over %d connections\n",
                backgroundRate, double(backgroundSent) / seconds, backgroundConnections);
    std::printf("critical results: %d sent, %zu alerts received\n", criticals, latenciesMs.size());
    std::printf("ACK of those results, ms: p50 %.1f  p99 %.1f (commit-before-ACK; the alert path starts at the commit)\n",
                percentile(critical.ackMs, 0.5), percentile(critical.ackMs, 0.99));
    std::printf("latency ms: p50 %.1f  p90 %.1f  p99 %.1f  max %.1f   (target p99 < 100)\n",
                percentile(latenciesMs, 0.5), percentile(latenciesMs, 0.9), percentile(latenciesMs, 0.99),
                percentile(latenciesMs, 1.0));
    node.terminate();
    return latenciesMs.size() == size_t(criticals) ? 0 : 2;
}
