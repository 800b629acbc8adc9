// Unit tests of the webhook notifier against a real HTTP/1.1 server on the loopback (a QTcpServer
// in this process that answers from a script): what is sent (body, headers, bearer token), how each
// answer is classified (delivered, retried with backoff and Retry-After, failed), refused
// connections and timeouts, TLS with the configured CA, order per webhook, channel filters, and a
// restarted notifier resuming the outbox it left behind.
#include "node/alerts/AlertStore.h"
#include "node/alerts/WebhookNotifier.h"
#include "node/ops/OpsDatabase.h"

#include <QDateTime>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QSslKey>
#include <QSslSocket>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;

namespace {

constexpr int Patience = 15000; // ms; generous for a loaded machine, never a speed assertion

struct Reply
{
    int status = 200;
    QByteArray headers;   ///< extra header lines, each ending in \r\n
    bool hang = false;    ///< never answer
};

Reply answer(int status, const QByteArray& headers = {})
{
    Reply reply;
    reply.status = status;
    reply.headers = headers;
    return reply;
}

Reply hang()
{
    Reply reply;
    reply.hang = true;
    return reply;
}

struct Request
{
    QByteArray method;
    QByteArray path;
    QHash<QByteArray, QByteArray> headers; ///< names in lower case
    QByteArray body;
};

/// A minimal HTTP/1.1 server: one request per connection, answered from `script` (then 200), with
/// optional TLS.
class ScriptedServer : public QTcpServer
{
public:
    QList<Reply> script;
    QList<Request> requests;
    bool tls = false;

    bool listenOn(quint16 port = 0) { return listen(QHostAddress::LocalHost, port); }

protected:
    void incomingConnection(qintptr descriptor) override
    {
        QTcpSocket* socket = nullptr;
        if (tls) {
            auto* ssl = new QSslSocket(this);
            if (!ssl->setSocketDescriptor(descriptor)) {
                delete ssl;
                return;
            }
            QFile certificate(QStringLiteral(VIGIL_TEST_DATA_DIR "/tls/server-cert.pem"));
            QFile key(QStringLiteral(VIGIL_TEST_DATA_DIR "/tls/server-key.pem"));
            if (!certificate.open(QIODevice::ReadOnly) || !key.open(QIODevice::ReadOnly))
                qFatal("cannot read the test TLS material");
            ssl->setLocalCertificate(QSslCertificate(&certificate, QSsl::Pem));
            ssl->setPrivateKey(QSslKey(&key, QSsl::Rsa, QSsl::Pem));
            ssl->startServerEncryption();
            socket = ssl;
        } else {
            socket = new QTcpSocket(this);
            if (!socket->setSocketDescriptor(descriptor)) {
                delete socket;
                return;
            }
        }
        auto buffer = std::make_shared<QByteArray>();
        connect(socket, &QTcpSocket::readyRead, this, [this, socket, buffer] {
            buffer->append(socket->readAll());
            const qsizetype end = buffer->indexOf("\r\n\r\n");
            if (end < 0)
                return;
            Request request;
            const QList<QByteArray> lines = buffer->left(end).split('\n');
            const QList<QByteArray> first = lines.value(0).trimmed().split(' ');
            request.method = first.value(0);
            request.path = first.value(1);
            for (qsizetype i = 1; i < lines.size(); ++i) {
                const qsizetype colon = lines.at(i).indexOf(':');
                if (colon > 0)
                    request.headers.insert(lines.at(i).left(colon).trimmed().toLower(),
                                           lines.at(i).mid(colon + 1).trimmed());
            }
            const qsizetype length = request.headers.value("content-length").toLongLong();
            if (buffer->size() < end + 4 + length)
                return;
            request.body = buffer->mid(end + 4, length);
            buffer->clear();
            requests.append(request);
            const Reply reply = script.isEmpty() ? Reply() : script.takeFirst();
            if (reply.hang)
                return;
            socket->write("HTTP/1.1 " + QByteArray::number(reply.status) + " Scripted\r\nContent-Length: 2\r\n"
                          + reply.headers + "Connection: close\r\n\r\nok");
            socket->disconnectFromHost();
        });
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
    }
};

AlertNotification notification(const QString& reason, int level)
{
    AlertNotification n;
    n.reason = reason;
    n.level = level;
    n.recipients = {Recipient{u"role"_s, u"charge-nurse"_s}};
    n.atMs = QDateTime::currentMSecsSinceEpoch();
    return n;
}

Alert alertOf(AlertSeverity severity, AlertCategory category)
{
    Alert a;
    a.ruleId = u"critical-lab"_s;
    a.severity = severity;
    a.category = category;
    a.state = AlertState::Notified;
    a.dedupKey = "k"_ba;
    a.unit = u"ICU"_s;
    a.title = u"Potassium critically high"_s;
    a.patientId = u"MRN-0001"_s;
    a.createdAtMs = QDateTime::currentMSecsSinceEpoch();
    a.updatedAtMs = a.createdAtMs;
    return a;
}

} // namespace

class tst_WebhookNotifier : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void deliveredOn200WithBodyAndHeaders();
    void noAuthorizationWithoutTheVariable();
    void retriedOn503ThenDelivered();
    void retryAfterIsHonoured();
    void statusClassification_data();
    void statusClassification();
    void failedAfterMaxAttempts();
    void refusedConnectionRetries();
    void timeoutRetries();
    void keepsOrderPerWebhook();
    void webhooksAreIndependent();
    void tlsWithConfiguredCa();
    void tlsWithWrongCaIsRetried();
    void channelsForFilters_data();
    void channelsForFilters();
    void restartResumesPendingNotification();
    void stopLeavesRequestInFlightPending();

private:
    AlertWebhookConfig config(const QString& name = u"pager"_s) const;
    /// Inserts an alert with `count` notifications on `channels`; returns the outbox rows.
    QList<NotificationRecord> queue(int count = 1, const QStringList& channels = {u"webhook:pager"_s},
                                    int level = 0);
    NotificationRecord record(qint64 id) const;
    std::unique_ptr<WebhookNotifier> notifier(const QList<AlertWebhookConfig>& webhooks);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<OpsDatabase> m_ops;
    std::unique_ptr<AlertStore> m_store;
    std::unique_ptr<ScriptedServer> m_server;
};

void tst_WebhookNotifier::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_ops = std::make_unique<OpsDatabase>();
    QString error;
    QVERIFY2(m_ops->open(m_dir->filePath(u"ops.db"_s), &error), qPrintable(error));
    QVERIFY2(AlertStore::ensureSchema(m_ops->db(), &error), qPrintable(error));
    m_store = std::make_unique<AlertStore>(m_ops->db());
    m_server = std::make_unique<ScriptedServer>();
    QVERIFY(m_server->listenOn());
}

void tst_WebhookNotifier::cleanup()
{
    m_server.reset();
    m_store.reset();
    m_ops.reset();
    m_dir.reset();
}

AlertWebhookConfig tst_WebhookNotifier::config(const QString& name) const
{
    AlertWebhookConfig c;
    c.name = name;
    c.url = QUrl(u"http://127.0.0.1:%1/hooks/%2"_s.arg(m_server->serverPort()).arg(name));
    c.initialDelayMs = 20;
    c.maxDelayMs = 50;
    c.maxAttempts = 6;
    c.timeoutMs = 5000;
    return c;
}

QList<NotificationRecord> tst_WebhookNotifier::queue(int count, const QStringList& channels, int level)
{
    Alert alert = alertOf(AlertSeverity::Critical, AlertCategory::Clinical);
    QList<AlertNotification> notifications;
    for (int i = 0; i < count; ++i)
        notifications.append(notification(i == 0 ? u"raised"_s : u"updated"_s, level));
    QString error;
    QList<NotificationRecord> created;
    if (!m_store->insert(alert, notifications, channels, &error, &created))
        qWarning("insert failed: %s", qPrintable(error));
    return created;
}

NotificationRecord tst_WebhookNotifier::record(qint64 id) const
{
    const auto alerts = m_store->list(AlertFilter());
    for (const Alert& alert : alerts) {
        for (const NotificationRecord& r : m_store->notificationsOf(alert.id)) {
            if (r.id == id)
                return r;
        }
    }
    return {};
}

std::unique_ptr<WebhookNotifier> tst_WebhookNotifier::notifier(const QList<AlertWebhookConfig>& webhooks)
{
    return std::make_unique<WebhookNotifier>(webhooks, *m_store, &QDateTime::currentMSecsSinceEpoch);
}

void tst_WebhookNotifier::deliveredOn200WithBodyAndHeaders()
{
    qputenv("VIGIL_TEST_WEBHOOK_TOKEN", "s3cret-t0ken");
    AlertWebhookConfig c = config();
    c.bearerTokenEnv = u"VIGIL_TEST_WEBHOOK_TOKEN"_s;
    const QList<NotificationRecord> queued = queue();
    QCOMPARE(queued.size(), 1);

    auto sender = notifier({c});
    QSignalSpy delivered(sender.get(), &WebhookNotifier::delivered);
    QSignalSpy failed(sender.get(), &WebhookNotifier::failed);
    sender->poke();
    QTRY_COMPARE_WITH_TIMEOUT(delivered.count(), 1, Patience);
    QCOMPARE(delivered.first().at(0).toLongLong(), queued.first().id);
    QCOMPARE(delivered.first().at(1).toLongLong(), queued.first().alertId);
    QCOMPARE(failed.count(), 0);

    QCOMPARE(m_server->requests.size(), 1);
    const Request& request = m_server->requests.first();
    QCOMPARE(request.method, "POST"_ba);
    QCOMPARE(request.path, "/hooks/pager"_ba);
    QCOMPARE(request.headers.value("content-type"), "application/json"_ba);
    QCOMPARE(request.headers.value("idempotency-key"), "vigil-notification-"_ba + QByteArray::number(queued.first().id));
    QCOMPARE(request.headers.value("authorization"), "Bearer s3cret-t0ken"_ba);
    QCOMPARE(request.body, queued.first().payload);
    QCOMPARE(QJsonDocument::fromJson(request.body).object().value(u"reason"_s).toString(), u"raised"_s);

    const NotificationRecord stored = record(queued.first().id);
    QCOMPARE(stored.state, u"delivered"_s);
    QCOMPARE(stored.attempts, 1);
    QVERIFY(stored.deliveredAtMs > 0);
    qunsetenv("VIGIL_TEST_WEBHOOK_TOKEN");
}

void tst_WebhookNotifier::noAuthorizationWithoutTheVariable()
{
    qunsetenv("VIGIL_TEST_WEBHOOK_UNSET");
    AlertWebhookConfig c = config();
    c.bearerTokenEnv = u"VIGIL_TEST_WEBHOOK_UNSET"_s;
    queue();
    auto sender = notifier({c});
    QSignalSpy delivered(sender.get(), &WebhookNotifier::delivered);
    sender->poke();
    QTRY_COMPARE_WITH_TIMEOUT(delivered.count(), 1, Patience);
    QVERIFY(!m_server->requests.first().headers.contains("authorization"));
}

void tst_WebhookNotifier::retriedOn503ThenDelivered()
{
    m_server->script = {answer(503), answer(503), answer(200)};
    const QList<NotificationRecord> queued = queue();
    auto sender = notifier({config()});
    QSignalSpy delivered(sender.get(), &WebhookNotifier::delivered);
    QSignalSpy failed(sender.get(), &WebhookNotifier::failed);
    sender->poke();
    QTRY_COMPARE_WITH_TIMEOUT(delivered.count(), 1, Patience);
    QCOMPARE(failed.count(), 0);
    QCOMPARE(m_server->requests.size(), 3);
    for (const Request& request : std::as_const(m_server->requests)) {
        QCOMPARE(request.headers.value("idempotency-key"), "vigil-notification-"_ba + QByteArray::number(queued.first().id));
        QCOMPARE(request.body, queued.first().payload);
    }
    const NotificationRecord stored = record(queued.first().id);
    QCOMPARE(stored.state, u"delivered"_s);
    QCOMPARE(stored.attempts, 3);
    QCOMPARE(stored.lastError, u"HTTP 503"_s);
}

void tst_WebhookNotifier::retryAfterIsHonoured()
{
    m_server->script = {answer(503, "Retry-After: 2\r\n"_ba), answer(200)};
    const QList<NotificationRecord> queued = queue();
    auto sender = notifier({config()});
    QSignalSpy delivered(sender.get(), &WebhookNotifier::delivered);
    const qint64 before = QDateTime::currentMSecsSinceEpoch();
    sender->poke();
    QTRY_COMPARE_WITH_TIMEOUT(record(queued.first().id).attempts, 1, Patience);
    // Far beyond maxDelayMs (50): the receiver's wish wins.
    QVERIFY(record(queued.first().id).nextAttemptAtMs >= before + 2000);
    QCOMPARE(m_server->requests.size(), 1);
    QTRY_COMPARE_WITH_TIMEOUT(delivered.count(), 1, Patience);
    QCOMPARE(m_server->requests.size(), 2);
}

void tst_WebhookNotifier::statusClassification_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<bool>("retried");
    QTest::addRow("400 refused") << 400 << false;
    QTest::addRow("401 refused") << 401 << false;
    QTest::addRow("404 refused") << 404 << false;
    QTest::addRow("408 retried") << 408 << true;
    QTest::addRow("429 retried") << 429 << true;
    QTest::addRow("500 retried") << 500 << true;
    QTest::addRow("502 retried") << 502 << true;
    QTest::addRow("204 delivered") << 204 << false;
}

void tst_WebhookNotifier::statusClassification()
{
    QFETCH(int, status);
    QFETCH(bool, retried);
    m_server->script = {answer(status), answer(200)};
    const QList<NotificationRecord> queued = queue(1, {u"webhook:pager"_s}, 1);
    auto sender = notifier({config()});
    QSignalSpy delivered(sender.get(), &WebhookNotifier::delivered);
    QSignalSpy failed(sender.get(), &WebhookNotifier::failed);
    sender->poke();
    QTRY_COMPARE_WITH_TIMEOUT(delivered.count() + failed.count(), 1, Patience);

    const NotificationRecord stored = record(queued.first().id);
    if (status >= 200 && status < 300) {
        QCOMPARE(delivered.count(), 1);
        QCOMPARE(stored.attempts, 1);
    } else if (retried) {
        QCOMPARE(delivered.count(), 1);
        QCOMPARE(m_server->requests.size(), 2);
        QCOMPARE(stored.attempts, 2);
        QCOMPARE(stored.lastError, u"HTTP %1"_s.arg(status));
    } else {
        QCOMPARE(failed.count(), 1);
        QCOMPARE(failed.first().at(2).toInt(), 1);
        QCOMPARE(failed.first().at(3).toString(), u"HTTP %1"_s.arg(status));
        QCOMPARE(stored.state, u"failed"_s);
        QCOMPARE(stored.attempts, 1);
        QCOMPARE(m_server->requests.size(), 1); // at once, no retry
    }
}

void tst_WebhookNotifier::failedAfterMaxAttempts()
{
    m_server->script = {answer(503), answer(503), answer(503), answer(200)};
    AlertWebhookConfig c = config();
    c.maxAttempts = 3;
    const QList<NotificationRecord> queued = queue(1, {u"webhook:pager"_s}, 2);
    auto sender = notifier({c});
    QSignalSpy delivered(sender.get(), &WebhookNotifier::delivered);
    QSignalSpy failed(sender.get(), &WebhookNotifier::failed);
    sender->poke();
    QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, Patience);
    const QList<QVariant> args = failed.first();
    QCOMPARE(args.at(0).toLongLong(), queued.first().id);
    QCOMPARE(args.at(1).toLongLong(), queued.first().alertId);
    QCOMPARE(args.at(2).toInt(), 2); // the level, so the service can escalate past a dead pager
    QCOMPARE(args.at(3).toString(), u"HTTP 503"_s);
    const NotificationRecord stored = record(queued.first().id);
    QCOMPARE(stored.state, u"failed"_s);
    QCOMPARE(stored.attempts, 3);
    QCOMPARE(m_store->figures().notificationsFailed, 1);

    // Nothing more is sent for it, even when poked.
    sender->poke();
    QTest::qWait(300);
    QCOMPARE(m_server->requests.size(), 3);
    QCOMPARE(delivered.count(), 0);
}

void tst_WebhookNotifier::refusedConnectionRetries()
{
    AlertWebhookConfig c = config();
    c.maxAttempts = 1000;
    const quint16 port = m_server->serverPort();
    m_server->close(); // nothing listens there now
    const QList<NotificationRecord> queued = queue();
    auto sender = notifier({c});
    QSignalSpy delivered(sender.get(), &WebhookNotifier::delivered);
    QSignalSpy failed(sender.get(), &WebhookNotifier::failed);
    sender->poke();
    QTRY_VERIFY_WITH_TIMEOUT(record(queued.first().id).attempts >= 2, Patience);
    QCOMPARE(record(queued.first().id).lastError, u"connection refused"_s);
    QCOMPARE(record(queued.first().id).state, u"pending"_s);

    QVERIFY(m_server->listenOn(port));
    QTRY_COMPARE_WITH_TIMEOUT(delivered.count(), 1, Patience);
    QCOMPARE(failed.count(), 0);
    QCOMPARE(record(queued.first().id).state, u"delivered"_s);
}

void tst_WebhookNotifier::timeoutRetries()
{
    m_server->script = {hang(), answer(200)};
    AlertWebhookConfig c = config();
    c.timeoutMs = 300;
    const QList<NotificationRecord> queued = queue();
    auto sender = notifier({c});
    QSignalSpy delivered(sender.get(), &WebhookNotifier::delivered);
    sender->poke();
    QTRY_COMPARE_WITH_TIMEOUT(delivered.count(), 1, Patience);
    QCOMPARE(m_server->requests.size(), 2);
    const NotificationRecord stored = record(queued.first().id);
    QCOMPARE(stored.attempts, 2);
    QCOMPARE(stored.lastError, u"timeout"_s);
}

void tst_WebhookNotifier::keepsOrderPerWebhook()
{
    // The first waits for its retry; the second must not overtake it.
    m_server->script = {answer(503), answer(503), answer(200), answer(200), answer(200)};
    const QList<NotificationRecord> queued = queue(3);
    QCOMPARE(queued.size(), 3);
    auto sender = notifier({config()});
    QSignalSpy delivered(sender.get(), &WebhookNotifier::delivered);
    sender->poke();
    QTRY_COMPARE_WITH_TIMEOUT(delivered.count(), 3, Patience);
    QList<QByteArray> keys;
    for (const Request& request : std::as_const(m_server->requests))
        keys.append(request.headers.value("idempotency-key"));
    auto key = [&queued](int i) -> QByteArray { return "vigil-notification-"_ba + QByteArray::number(queued.at(i).id); };
    QCOMPARE(keys, (QList<QByteArray>{key(0), key(0), key(0), key(1), key(2)}));
    for (int i = 0; i < 3; ++i)
        QCOMPARE(delivered.at(i).at(0).toLongLong(), queued.at(i).id);
}

void tst_WebhookNotifier::webhooksAreIndependent()
{
    // "sms" answers 400 at once and fails; "pager" is still delivered.
    ScriptedServer other;
    QVERIFY(other.listenOn());
    other.script = {answer(400)};
    AlertWebhookConfig sms = config(u"sms"_s);
    sms.url = QUrl(u"http://127.0.0.1:%1/sms"_s.arg(other.serverPort()));
    const QList<NotificationRecord> queued = queue(1, {u"webhook:pager"_s, u"webhook:sms"_s});
    QCOMPARE(queued.size(), 2);
    auto sender = notifier({config(), sms});
    QSignalSpy delivered(sender.get(), &WebhookNotifier::delivered);
    QSignalSpy failed(sender.get(), &WebhookNotifier::failed);
    sender->poke();
    QTRY_COMPARE_WITH_TIMEOUT(delivered.count() + failed.count(), 2, Patience);
    QCOMPARE(delivered.count(), 1);
    QCOMPARE(delivered.first().at(0).toLongLong(), queued.at(0).id);
    QCOMPARE(failed.count(), 1);
    QCOMPARE(failed.first().at(0).toLongLong(), queued.at(1).id);
    QCOMPARE(m_server->requests.size(), 1);
    QCOMPARE(other.requests.size(), 1);
}

void tst_WebhookNotifier::tlsWithConfiguredCa()
{
    m_server->tls = true;
    AlertWebhookConfig c = config();
    c.url = QUrl(u"https://127.0.0.1:%1/hooks/pager"_s.arg(m_server->serverPort()));
    c.caFile = QStringLiteral(VIGIL_TEST_DATA_DIR "/tls/server-cert.pem");
    const QList<NotificationRecord> queued = queue();
    auto sender = notifier({c});
    QSignalSpy delivered(sender.get(), &WebhookNotifier::delivered);
    sender->poke();
    QTRY_COMPARE_WITH_TIMEOUT(delivered.count(), 1, Patience);
    QCOMPARE(m_server->requests.size(), 1);
    QCOMPARE(m_server->requests.first().body, queued.first().payload);
}

void tst_WebhookNotifier::tlsWithWrongCaIsRetried()
{
    m_server->tls = true;
    AlertWebhookConfig c = config();
    c.url = QUrl(u"https://127.0.0.1:%1/hooks/pager"_s.arg(m_server->serverPort()));
    c.caFile = QStringLiteral(VIGIL_TEST_DATA_DIR "/tls/other-ca.pem");
    c.maxAttempts = 2;
    const QList<NotificationRecord> queued = queue();
    auto sender = notifier({c});
    QSignalSpy delivered(sender.get(), &WebhookNotifier::delivered);
    QSignalSpy failed(sender.get(), &WebhookNotifier::failed);
    sender->poke();
    QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, Patience);
    QCOMPARE(delivered.count(), 0);
    QVERIFY(m_server->requests.isEmpty()); // nothing was sent to an untrusted peer
    const NotificationRecord stored = record(queued.first().id);
    QCOMPARE(stored.attempts, 2);
    QCOMPARE(stored.lastError, u"TLS handshake failed"_s);
}

void tst_WebhookNotifier::channelsForFilters_data()
{
    QTest::addColumn<int>("severity");
    QTest::addColumn<int>("category");
    QTest::addColumn<QString>("reason");
    QTest::addColumn<QStringList>("expected");
    const int critical = int(AlertSeverity::Critical);
    const int low = int(AlertSeverity::Low);
    const int clinical = int(AlertCategory::Clinical);
    const int operational = int(AlertCategory::Operational);
    // all: no filters; pager: critical/high; ops: operational; esc: reasons raised/escalated.
    QTest::addRow("critical clinical raised") << critical << clinical << u"raised"_s
                                              << QStringList{u"webhook:all"_s, u"webhook:pager"_s, u"webhook:esc"_s};
    QTest::addRow("low clinical raised") << low << clinical << u"raised"_s
                                         << QStringList{u"webhook:all"_s, u"webhook:esc"_s};
    QTest::addRow("critical operational resolved")
        << critical << operational << u"resolved"_s
        << QStringList{u"webhook:all"_s, u"webhook:pager"_s, u"webhook:ops"_s};
    QTest::addRow("low operational escalated")
        << low << operational << u"escalated"_s
        << QStringList{u"webhook:all"_s, u"webhook:ops"_s, u"webhook:esc"_s};
}

void tst_WebhookNotifier::channelsForFilters()
{
    QFETCH(int, severity);
    QFETCH(int, category);
    QFETCH(QString, reason);
    QFETCH(QStringList, expected);

    AlertWebhookConfig all = config(u"all"_s);
    AlertWebhookConfig pager = config(u"pager"_s);
    pager.severities = {AlertSeverity::Critical, AlertSeverity::High};
    AlertWebhookConfig ops = config(u"ops"_s);
    ops.categories = {AlertCategory::Operational};
    AlertWebhookConfig esc = config(u"esc"_s);
    esc.reasons = {u"raised"_s, u"escalated"_s};
    auto sender = notifier({all, pager, ops, esc});
    const Alert alert = alertOf(AlertSeverity(severity), AlertCategory(category));
    QCOMPARE(sender->channelsFor(alert, reason), expected);
}

void tst_WebhookNotifier::restartResumesPendingNotification()
{
    m_server->script = {answer(503)};
    AlertWebhookConfig c = config();
    c.initialDelayMs = 200; // the retry must not happen before the "crash"
    c.maxDelayMs = 200;
    const QList<NotificationRecord> queued = queue();
    {
        auto first = notifier({c});
        first->poke();
        QTRY_COMPARE_WITH_TIMEOUT(record(queued.first().id).attempts, 1, Patience);
    } // the node goes away mid-retry
    QCOMPARE(record(queued.first().id).state, u"pending"_s);
    const int sentBefore = int(m_server->requests.size());
    QCOMPARE(sentBefore, 1);

    auto second = notifier({c});
    QSignalSpy delivered(second.get(), &WebhookNotifier::delivered);
    second->poke();
    QTRY_COMPARE_WITH_TIMEOUT(delivered.count(), 1, Patience);
    QCOMPARE(m_server->requests.size(), 2);
    QCOMPARE(m_server->requests.at(1).headers.value("idempotency-key"),
             m_server->requests.at(0).headers.value("idempotency-key"));
    const NotificationRecord stored = record(queued.first().id);
    QCOMPARE(stored.state, u"delivered"_s);
    QCOMPARE(stored.attempts, 2); // attempts carry over the restart
}

void tst_WebhookNotifier::stopLeavesRequestInFlightPending()
{
    m_server->script = {hang()};
    const QList<NotificationRecord> queued = queue();
    {
        auto first = notifier({config()});
        QSignalSpy delivered(first.get(), &WebhookNotifier::delivered);
        QSignalSpy failed(first.get(), &WebhookNotifier::failed);
        first->poke();
        QTRY_COMPARE_WITH_TIMEOUT(m_server->requests.size(), 1, Patience);
        first->stop();
        QTest::qWait(100);
        QCOMPARE(delivered.count(), 0);
        QCOMPARE(failed.count(), 0);
    }
    const NotificationRecord aborted = record(queued.first().id);
    QCOMPARE(aborted.state, u"pending"_s);
    QCOMPARE(aborted.attempts, 0); // an aborted request is not an attempt

    auto second = notifier({config()});
    QSignalSpy delivered(second.get(), &WebhookNotifier::delivered);
    second->poke();
    QTRY_COMPARE_WITH_TIMEOUT(delivered.count(), 1, Patience);
    QCOMPARE(record(queued.first().id).attempts, 1);
}

QTEST_GUILESS_MAIN(tst_WebhookNotifier)
#include "tst_webhooknotifier.moc"
