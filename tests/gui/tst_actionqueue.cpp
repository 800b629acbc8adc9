// ActionQueue with a real OpsClient against a REAL vigil-node (ConsoleNodeFixture): applied on 200;
// refused on 409 with the node's words; pending while the node is down and sent by the retry timer
// once it is back; kept across a new queue on the same file; applied exactly once when a first
// send's answer was lost (same key → the node replays its answer); never sent in another user's
// name; 401 keeps it pending; a discarded action is never sent. Answers the real node gives only
// under trouble (503 audit-unavailable, 429, 409 in-progress, 500) come from a scripted HTTP node on
// loopback: retried with the same key after a backoff (Retry-After honoured), final refusals not.
#include "tests/gui/support/ConsoleNodeFixture.h"
#include "tests/integration/OpsApiHelpers.h"

#include "net/ops/OpsClient.h"
#include "ui/session/ActionQueue.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <memory>

using namespace Qt::StringLiterals;

namespace {
constexpr int WaitMs = 30000;
const QString NodeId = QStringLiteral("test-node");

/// A stand-in node over plain HTTP that answers POSTs from a script (then 200), and GET
/// /api/v1/session with nina. Records each POST's Idempotency-Key and when it came.
class ScriptedNode
{
public:
    struct Answer
    {
        int status = 200;
        QByteArray code;
        QByteArray extraHeaders; ///< "Retry-After: 1\r\n"
    };

    ScriptedNode()
    {
        m_server.listen(QHostAddress::LocalHost);
        QObject::connect(&m_server, &QTcpServer::newConnection, &m_server, [this] {
            while (QTcpSocket* socket = m_server.nextPendingConnection())
                serve(socket);
        });
        m_clock.start();
    }

    quint16 port() const { return m_server.serverPort(); }
    void script(const QList<Answer>& answers) { m_script = answers; }

    QStringList postKeys;
    QList<qint64> postAtMs;

private:
    void serve(QTcpSocket* socket)
    {
        auto buffer = std::make_shared<QByteArray>();
        QObject::connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        QObject::connect(socket, &QTcpSocket::readyRead, socket, [this, socket, buffer] {
            buffer->append(socket->readAll());
            const qsizetype end = buffer->indexOf("\r\n\r\n");
            if (end < 0)
                return;
            const QList<QByteArray> lines = buffer->left(end).split('\n');
            qsizetype length = 0;
            QByteArray key;
            for (const QByteArray& line : lines) {
                const QByteArray lower = line.trimmed().toLower();
                if (lower.startsWith("content-length:"))
                    length = lower.mid(15).trimmed().toLongLong();
                if (lower.startsWith("idempotency-key:"))
                    key = line.trimmed().mid(16).trimmed();
            }
            if (buffer->size() < end + 4 + length)
                return;
            const QByteArray requestLine = lines.value(0).trimmed();
            buffer->clear();
            if (requestLine.startsWith("GET /api/v1/session")) {
                reply(socket, 200, R"({"user":{"name":"nina","role":"nurse","units":["ICU-3"]}})", {});
                return;
            }
            postKeys << QString::fromLatin1(key);
            postAtMs << m_clock.elapsed();
            const Answer answer = m_script.isEmpty() ? Answer() : m_script.takeFirst();
            if (answer.status == 200) {
                reply(socket, 200, R"({"id":1,"state":"acknowledged"})", {});
                return;
            }
            const QByteArray body = R"({"error":{"status":)" + QByteArray::number(answer.status) + R"(,"code":")"
                + answer.code + R"(","message":"the node says )" + answer.code + R"("}})";
            reply(socket, answer.status, body, answer.extraHeaders);
        });
    }

    static void reply(QTcpSocket* socket, int status, const QByteArray& body, const QByteArray& extraHeaders)
    {
        socket->write("HTTP/1.1 " + QByteArray::number(status) + " X\r\nContent-Type: application/json\r\n"
                      "Content-Length: " + QByteArray::number(body.size()) + "\r\nConnection: close\r\n" + extraHeaders
                      + "\r\n" + body);
        socket->disconnectFromHost();
    }

    QTcpServer m_server;
    QList<Answer> m_script;
    QElapsedTimer m_clock;
};

std::unique_ptr<OpsClient> scriptedClient(const ScriptedNode& node)
{
    OpsEndpoint endpoint;
    endpoint.host = QStringLiteral("127.0.0.1");
    endpoint.port = node.port();
    endpoint.tls = false;
    auto client = std::make_unique<OpsClient>(endpoint);
    client->setToken(QStringLiteral("scripted-token"));
    return client;
}

} // namespace

class tst_ActionQueue : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void appliedOn200();
    void refusedOn409WithTheNodesWords();
    void exactlyOnceWhenTheFirstAnswerWasLost();
    void otherUsersActionIsHeldUntilTheyReturn();
    void unauthorizedKeepsItPending();
    void pendingWhileTheNodeIsDown();
    void persistedAcrossANewQueue();
    void discardedIsNeverSent();
    void answersAreClassified_data();
    void answersAreClassified();
    void retryAfterIsHonoured();
    void keyOlderThanADayIsHeld();

private:
    std::unique_ptr<OpsClient> client(const QString& user);
    bool signIn(OpsClient* client, const QString& user);
    bool ensureRunning();
    ConsoleAction acknowledge(qint64 alertId, const QString& user, const QString& note = QString()) const;
    int historyCount(qint64 alertId, const QString& action);
    QJsonArray audit(qint64 alertId, const QString& action);
    std::optional<ConsoleAction> waitFor(ActionQueue& queue, const QString& key, ConsoleAction::State state);

    ConsoleNodeFixture m_fixture;
    QTemporaryDir m_tmp;
    QList<qint64> m_alerts; ///< one critical-result alert of ICU-3 per test, oldest first
};

void tst_ActionQueue::initTestCase()
{
    QString error;
    QVERIFY2(m_fixture.start(&error), qPrintable(error));
    constexpr int Alerts = 8;
    for (int i = 0; i < Alerts; ++i) {
        const QString n = QString::number(i);
        QCOMPARE(m_fixture.send(ConsoleNodeFixture::criticalPotassium(u"AQ-" + n, u"MRN-AQ-" + n)), QStringLiteral("AA"));
    }
    const QJsonArray items = m_fixture.waitForItems(ConsoleNodeFixture::Admin, QStringLiteral("/api/v1/alerts?state=active"),
                                                    Alerts);
    QCOMPARE(items.size(), Alerts);
    for (const QJsonValue& v : items)
        m_alerts.append(v.toObject().value(u"id").toInteger());
    std::sort(m_alerts.begin(), m_alerts.end());
}

void tst_ActionQueue::cleanupTestCase()
{
    if (m_fixture.node().isRunning())
        m_fixture.node().terminate();
}

bool tst_ActionQueue::signIn(OpsClient* c, const QString& user)
{
    bool done = false;
    OpsReply reply;
    c->signIn(user, OpsApiHelpers::password(user), nullptr, [&](const OpsReply& r) {
        reply = r;
        done = true;
    });
    return QTest::qWaitFor([&] { return done; }, WaitMs) && reply.ok();
}

std::unique_ptr<OpsClient> tst_ActionQueue::client(const QString& user)
{
    OpsEndpoint endpoint;
    endpoint.host = QStringLiteral("127.0.0.1");
    endpoint.port = m_fixture.apiPort();
    endpoint.pinnedFingerprint = m_fixture.node().fingerprint();
    auto c = std::make_unique<OpsClient>(endpoint);
    if (!user.isEmpty() && !signIn(c.get(), user))
        return nullptr;
    return c;
}

bool tst_ActionQueue::ensureRunning()
{
    if (m_fixture.node().isRunning())
        return true;
    QString error;
    if (!m_fixture.node().restart(&error)) {
        qWarning("restart failed: %s", qPrintable(error));
        return false;
    }
    return true;
}

ConsoleAction tst_ActionQueue::acknowledge(qint64 alertId, const QString& user, const QString& note) const
{
    ConsoleAction a;
    a.kind = QStringLiteral("alert-acknowledge");
    a.path = u"/api/v1/alerts/" + QString::number(alertId) + u"/acknowledge";
    if (!note.isEmpty())
        a.body.insert(QStringLiteral("note"), note);
    a.target = u"alert:" + QString::number(alertId);
    a.summary = u"Acknowledge alert " + QString::number(alertId);
    a.user = user;
    return a;
}

int tst_ActionQueue::historyCount(qint64 alertId, const QString& action)
{
    const ApiClient api = m_fixture.api(ConsoleNodeFixture::Admin);
    const QJsonArray history = api.get(u"/api/v1/alerts/" + QString::number(alertId)).json().value(u"history").toArray();
    return int(std::count_if(history.begin(), history.end(),
                             [&](const QJsonValue& h) { return h.toObject().value(u"action").toString() == action; }));
}

QJsonArray tst_ActionQueue::audit(qint64 alertId, const QString& action)
{
    const ApiClient api = m_fixture.api(ConsoleNodeFixture::Admin);
    return api.get(u"/api/v1/audit?action=" + action + u"&target=alert:" + QString::number(alertId))
        .json()
        .value(u"items")
        .toArray();
}

std::optional<ConsoleAction> tst_ActionQueue::waitFor(ActionQueue& queue, const QString& key, ConsoleAction::State state)
{
    (void)QTest::qWaitFor([&] {
        const auto a = queue.action(key);
        return a && a->state == state;
    }, WaitMs);
    return queue.action(key);
}

void tst_ActionQueue::appliedOn200()
{
    QVERIFY(ensureRunning());
    auto nina = client(ConsoleNodeFixture::NurseIcu);
    QVERIFY(nina);
    ActionQueue queue(NodeId, nina.get());
    QSignalSpy changed(&queue, &ActionQueue::actionChanged);
    queue.setLive(true);
    const qint64 alertId = m_alerts.at(0);
    const QString key = queue.submit(acknowledge(alertId, ConsoleNodeFixture::NurseIcu, QStringLiteral("called Dr Lee")));
    QVERIFY(!key.isEmpty());
    // Recorded as pending first: nothing looks done before the node says so.
    QVERIFY(!changed.isEmpty());
    QCOMPARE(changed.first().first().value<ConsoleAction>().state, ConsoleAction::State::Pending);

    const auto done = waitFor(queue, key, ConsoleAction::State::Applied);
    QVERIFY(done);
    QCOMPARE(done->state, ConsoleAction::State::Applied);
    QCOMPARE(done->httpStatus, 200);
    QCOMPARE(done->attempts, 1);
    QVERIFY(done->outcome.isEmpty());
    QCOMPARE(done->result.value(u"state").toString(), QStringLiteral("acknowledged"));
    QCOMPARE(done->result.value(u"acknowledgedBy").toString(), ConsoleNodeFixture::NurseIcu);
    QCOMPARE(queue.verifiedUser(), ConsoleNodeFixture::NurseIcu);
    QCOMPARE(queue.pendingCount(), 0);
    QCOMPARE(historyCount(alertId, QStringLiteral("acknowledge")), 1);

    // Once verified, a submit goes out at once: while on its way it cannot be discarded.
    const QString next = queue.submit(acknowledge(m_alerts.at(1), ConsoleNodeFixture::NurseIcu));
    QVERIFY(queue.isInFlight(next));
    QString error;
    QVERIFY(!queue.discard(next, &error));
    QVERIFY2(error.contains(u"being sent"), qPrintable(error));
    QVERIFY(waitFor(queue, next, ConsoleAction::State::Applied));
}

void tst_ActionQueue::refusedOn409WithTheNodesWords()
{
    QVERIFY(ensureRunning());
    auto nina = client(ConsoleNodeFixture::NurseIcu);
    QVERIFY(nina);
    ActionQueue queue(NodeId, nina.get());
    queue.setLive(true);
    // Alert 0 was acknowledged by appliedOn200: a second acknowledgement (a new key) is refused.
    const QString key = queue.submit(acknowledge(m_alerts.at(0), ConsoleNodeFixture::NurseIcu));
    const auto refused = waitFor(queue, key, ConsoleAction::State::Refused);
    QVERIFY(refused);
    QCOMPARE(refused->state, ConsoleAction::State::Refused);
    QCOMPARE(refused->httpStatus, 409);
    QVERIFY2(refused->outcome.startsWith(u"already acknowledged by " + ConsoleNodeFixture::NurseIcu),
             qPrintable(refused->outcome));
    QVERIFY(!refused->seen);
    // The node sends the alert as it is now with its refusal.
    QCOMPARE(refused->result.value(u"alert").toObject().value(u"state").toString(), QStringLiteral("acknowledged"));
    QCOMPARE(refused->attempts, 1);
    queue.markSeen(key);
    QVERIFY(queue.action(key)->seen);
    // A refusal is final: going live again does not resend it.
    queue.setLive(false);
    queue.setLive(true);
    QTest::qWait(300);
    QCOMPARE(queue.action(key)->attempts, 1);
}

void tst_ActionQueue::exactlyOnceWhenTheFirstAnswerWasLost()
{
    QVERIFY(ensureRunning());
    const qint64 alertId = m_alerts.at(2);
    ConsoleAction action = acknowledge(alertId, ConsoleNodeFixture::NurseIcu, QStringLiteral("on my way"));
    action.key = OpsClient::newIdempotencyKey();
    // The first send reached the node and was applied, but its answer never came back.
    ApiClient first = m_fixture.api(ConsoleNodeFixture::NurseIcu);
    QCOMPARE(first.post(action.path, action.body, action.key).status, 200);

    auto nina = client(ConsoleNodeFixture::NurseIcu);
    QVERIFY(nina);
    ActionQueue queue(NodeId, nina.get());
    queue.setLive(true);
    const QString key = queue.submit(action);
    QCOMPARE(key, action.key);
    const auto done = waitFor(queue, key, ConsoleAction::State::Applied);
    QVERIFY(done);
    // The same key got the node's first answer back: applied, not "already acknowledged".
    QCOMPARE(done->state, ConsoleAction::State::Applied);
    QCOMPARE(done->result.value(u"state").toString(), QStringLiteral("acknowledged"));
    QCOMPARE(historyCount(alertId, QStringLiteral("acknowledge")), 1);
    QCOMPARE(audit(alertId, QStringLiteral("alert-acknowledge")).size(), 1);
}

void tst_ActionQueue::otherUsersActionIsHeldUntilTheyReturn()
{
    QVERIFY(ensureRunning());
    // The console is signed in as support now, but the action was nina's.
    auto c = client(ConsoleNodeFixture::Support);
    QVERIFY(c);
    ActionQueue queue(NodeId, c.get());
    queue.setLive(true);
    const qint64 alertId = m_alerts.at(3);
    const QString key = queue.submit(acknowledge(alertId, ConsoleNodeFixture::NurseIcu));
    QTRY_COMPARE_WITH_TIMEOUT(queue.action(key)->hold, ConsoleAction::Hold::OtherUser, WaitMs);
    QCOMPARE(queue.verifiedUser(), ConsoleNodeFixture::Support);
    QCOMPARE(queue.action(key)->attempts, 0);
    QVERIFY(queue.action(key)->isPending());
    // Flushing does not send it either.
    queue.flush();
    QTest::qWait(500);
    QCOMPARE(queue.action(key)->attempts, 0);
    QCOMPARE(audit(alertId, QStringLiteral("alert-acknowledge")).size(), 0);

    // nina signs in again on this console: it goes out, in her name.
    QVERIFY(signIn(c.get(), ConsoleNodeFixture::NurseIcu));
    const auto done = waitFor(queue, key, ConsoleAction::State::Applied);
    QVERIFY(done);
    QCOMPARE(done->state, ConsoleAction::State::Applied);
    QCOMPARE(done->attempts, 1);
    QCOMPARE(done->hold, ConsoleAction::Hold::None);
    const QJsonArray entries = audit(alertId, QStringLiteral("alert-acknowledge"));
    QCOMPARE(entries.size(), 1);
    QCOMPARE(entries.first().toObject().value(u"actor").toString(), ConsoleNodeFixture::NurseIcu);
}

void tst_ActionQueue::unauthorizedKeepsItPending()
{
    QVERIFY(ensureRunning());
    auto nina = client(ConsoleNodeFixture::NurseIcu);
    QVERIFY(nina);
    ActionQueue queue(NodeId, nina.get());
    queue.setLive(true);
    // Verify the token with a first action, then revoke it behind the queue's back.
    QVERIFY(waitFor(queue, queue.submit(acknowledge(m_alerts.at(4), ConsoleNodeFixture::NurseIcu)),
                    ConsoleAction::State::Applied));
    ApiClient same = m_fixture.node().api();
    same.setToken(nina->token());
    QCOMPARE(same.send("DELETE", QStringLiteral("/api/v1/session")).status, 204);

    QSignalSpy unauthorized(nina.get(), &OpsClient::unauthorized);
    const qint64 alertId = m_alerts.at(5);
    const QString key = queue.submit(acknowledge(alertId, ConsoleNodeFixture::NurseIcu));
    QTRY_VERIFY_WITH_TIMEOUT(!unauthorized.isEmpty(), WaitMs);
    QTRY_VERIFY_WITH_TIMEOUT(!queue.isInFlight(key), WaitMs);
    const auto pending = queue.action(key);
    QVERIFY(pending->isPending());
    QCOMPARE(pending->attempts, 1);
    QVERIFY2(pending->outcome.contains(u"sign in again"), qPrintable(pending->outcome));
    QVERIFY(queue.verifiedUser().isEmpty());

    // The session goes down, the user signs in again, it goes live: the same key, applied once.
    queue.setLive(false);
    QVERIFY(signIn(nina.get(), ConsoleNodeFixture::NurseIcu));
    queue.setLive(true);
    const auto done = waitFor(queue, key, ConsoleAction::State::Applied);
    QVERIFY(done);
    QCOMPARE(done->state, ConsoleAction::State::Applied);
    QCOMPARE(done->key, key);
    QCOMPARE(historyCount(alertId, QStringLiteral("acknowledge")), 1);
}

void tst_ActionQueue::pendingWhileTheNodeIsDown()
{
    QVERIFY(ensureRunning());
    auto nina = client(ConsoleNodeFixture::NurseIcu);
    QVERIFY(nina);
    ActionQueue queue(NodeId, nina.get());
    queue.setRetryDelays(200, 1000);
    queue.setLive(true);
    QVERIFY(waitFor(queue, queue.submit(acknowledge(m_alerts.at(0), ConsoleNodeFixture::NurseIcu)),
                    ConsoleAction::State::Refused)); // verifies the token while the node is up

    m_fixture.node().kill();
    const qint64 alertId = m_alerts.at(6);
    const QString key = queue.submit(acknowledge(alertId, ConsoleNodeFixture::NurseIcu));
    // No answer: still pending, with the reason, and tried again while "live" (the stream has not
    // noticed yet), always with the same key.
    QTRY_VERIFY_WITH_TIMEOUT(queue.action(key)->attempts >= 2, WaitMs);
    auto pending = queue.action(key);
    QVERIFY(pending->isPending());
    QVERIFY(!pending->outcome.isEmpty());
    QCOMPARE(pending->key, key);
    QTRY_VERIFY_WITH_TIMEOUT(queue.action(key)->nextAttemptAtMs > 0, WaitMs);

    // Back: the retry timer sends it, and the node acts once.
    QVERIFY(ensureRunning());
    const auto done = waitFor(queue, key, ConsoleAction::State::Applied);
    QVERIFY(done);
    QCOMPARE(done->state, ConsoleAction::State::Applied);
    QCOMPARE(done->nextAttemptAtMs, 0);
    QCOMPARE(historyCount(alertId, QStringLiteral("acknowledge")), 1);
    QCOMPARE(audit(alertId, QStringLiteral("alert-acknowledge")).size(), 1);
}

void tst_ActionQueue::persistedAcrossANewQueue()
{
    QVERIFY(ensureRunning());
    auto nina = client(ConsoleNodeFixture::NurseIcu);
    QVERIFY(nina);
    const QString file = m_tmp.filePath(QStringLiteral("persisted.actions.sqlite"));
    const qint64 alertId = m_alerts.at(7);
    m_fixture.node().kill();
    QString key;
    {
        ActionQueue first(NodeId, nina.get());
        QString error;
        QVERIFY2(first.openStore(file, &error), qPrintable(error));
        key = first.submit(acknowledge(alertId, ConsoleNodeFixture::NurseIcu, QStringLiteral("after restart")));
        QCOMPARE(first.pendingCount(), 1);
    } // the console closes with it pending

    ActionQueue second(NodeId, nina.get());
    QSignalSpy reloaded(&second, &ActionQueue::actionsReloaded);
    QSignalSpy changed(&second, &ActionQueue::actionChanged);
    QString error;
    QVERIFY2(second.openStore(file, &error), qPrintable(error));
    QCOMPARE(reloaded.size(), 1);
    QCOMPARE(changed.size(), 1); // loaded pending ones are announced (the alert board mirrors them)
    const QList<ConsoleAction> pending = second.pending();
    QCOMPARE(pending.size(), 1);
    QCOMPARE(pending.first().key, key);
    QCOMPARE(pending.first().user, ConsoleNodeFixture::NurseIcu);
    QCOMPARE(pending.first().path, u"/api/v1/alerts/" + QString::number(alertId) + u"/acknowledge");
    QCOMPARE(pending.first().body.value(u"note").toString(), QStringLiteral("after restart"));
    QCOMPARE(pending.first().nodeId, NodeId);
    QCOMPARE(second.pendingFor(u"alert:" + QString::number(alertId))->key, key);

    QVERIFY(ensureRunning());
    second.setLive(true);
    const auto done = waitFor(second, key, ConsoleAction::State::Applied);
    QVERIFY(done);
    QCOMPARE(done->state, ConsoleAction::State::Applied);
    QCOMPARE(historyCount(alertId, QStringLiteral("acknowledge")), 1);

    // The outcome is kept too: a third start shows it as applied, with nothing left to send.
    ActionQueue third(NodeId, nullptr);
    QVERIFY(third.openStore(file));
    QCOMPARE(third.pendingCount(), 0);
    QCOMPARE(third.action(key)->state, ConsoleAction::State::Applied);
    QVERIFY(third.action(key)->finishedAtMs > 0);
}

void tst_ActionQueue::discardedIsNeverSent()
{
    QVERIFY(ensureRunning());
    // A fresh alert, never acted on.
    QCOMPARE(m_fixture.send(ConsoleNodeFixture::criticalPotassium(QStringLiteral("AQ-D"), QStringLiteral("MRN-AQ-D"))),
             QStringLiteral("AA"));
    qint64 discardedAlert = 0;
    const auto findNewAlert = [&] {
        const ApiClient admin = m_fixture.api(ConsoleNodeFixture::Admin);
        const QJsonArray items = admin.get(QStringLiteral("/api/v1/alerts?state=active")).json().value(u"items").toArray();
        for (const QJsonValue& v : items) {
            const qint64 id = v.toObject().value(u"id").toInteger();
            if (!m_alerts.contains(id))
                discardedAlert = id;
        }
        return discardedAlert > 0;
    };
    QTRY_VERIFY_WITH_TIMEOUT(findNewAlert(), WaitMs);

    auto nina = client(ConsoleNodeFixture::NurseIcu);
    QVERIFY(nina);
    ActionQueue queue(NodeId, nina.get());
    m_fixture.node().kill();
    const QString gone = queue.submit(acknowledge(discardedAlert, ConsoleNodeFixture::NurseIcu));
    // Something after it, to know when the queue has worked through everything.
    const QString after = queue.submit(acknowledge(m_alerts.at(0), ConsoleNodeFixture::NurseIcu));
    QString error;
    QVERIFY2(queue.discard(gone, &error), qPrintable(error));
    QCOMPARE(queue.action(gone)->state, ConsoleAction::State::Discarded);
    QVERIFY(!queue.discard(gone, &error)); // only once, only while pending
    QCOMPARE(queue.pendingCount(), 1);

    QVERIFY(ensureRunning());
    queue.setLive(true);
    QVERIFY(waitFor(queue, after, ConsoleAction::State::Refused)); // alert 0: already acknowledged
    QCOMPARE(queue.action(gone)->state, ConsoleAction::State::Discarded);
    QCOMPARE(queue.action(gone)->attempts, 0);
    QCOMPARE(historyCount(discardedAlert, QStringLiteral("acknowledge")), 0);
    QCOMPARE(audit(discardedAlert, QStringLiteral("alert-acknowledge")).size(), 0);
}

void tst_ActionQueue::answersAreClassified_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("code");
    QTest::addColumn<bool>("final");
    QTest::addRow("400 invalid-field") << 400 << "invalid-field"_ba << true;
    QTest::addRow("403 forbidden") << 403 << "forbidden"_ba << true;
    QTest::addRow("404 not-found") << 404 << "not-found"_ba << true;
    QTest::addRow("409 refused") << 409 << "refused"_ba << true;
    QTest::addRow("422 idempotency-key-reused") << 422 << "idempotency-key-reused"_ba << true;
    QTest::addRow("409 in-progress") << 409 << "in-progress"_ba << false;
    QTest::addRow("429 too-many-attempts") << 429 << "too-many-attempts"_ba << false;
    QTest::addRow("500 internal") << 500 << "internal"_ba << false;
    QTest::addRow("503 audit-unavailable") << 503 << "audit-unavailable"_ba << false;
}

void tst_ActionQueue::answersAreClassified()
{
    QFETCH(int, status);
    QFETCH(QByteArray, code);
    QFETCH(bool, final);
    ScriptedNode node;
    node.script({{status, code, {}}});
    auto c = scriptedClient(node);
    ActionQueue queue(NodeId, c.get());
    queue.setRetryDelays(50, 200);
    queue.setLive(true);
    const QString key = queue.submit(acknowledge(1, QStringLiteral("nina")));
    if (final) {
        const auto refused = waitFor(queue, key, ConsoleAction::State::Refused);
        QCOMPARE(refused->state, ConsoleAction::State::Refused);
        QCOMPARE(refused->httpStatus, status);
        QCOMPARE(refused->outcome, u"the node says " + QString::fromLatin1(code));
        QTest::qWait(300);
        QCOMPARE(node.postKeys.size(), 1); // never again
        return;
    }
    // Busy or interrupted: still pending with the node's reason, then tried again with the same key.
    QTRY_VERIFY_WITH_TIMEOUT(queue.action(key)->attempts >= 1 && !queue.isInFlight(key), WaitMs);
    const auto done = waitFor(queue, key, ConsoleAction::State::Applied);
    QCOMPARE(done->state, ConsoleAction::State::Applied);
    QCOMPARE(done->attempts, 2);
    QCOMPARE(node.postKeys, (QStringList{key, key}));
}

void tst_ActionQueue::retryAfterIsHonoured()
{
    ScriptedNode node;
    node.script({{503, "audit-unavailable", {}}, {429, "too-many-attempts", "Retry-After: 1\r\n"}});
    auto c = scriptedClient(node);
    ActionQueue queue(NodeId, c.get());
    queue.setRetryDelays(20, 40);
    queue.setLive(true);
    const QString key = queue.submit(acknowledge(1, QStringLiteral("nina")));
    QTRY_COMPARE_WITH_TIMEOUT(node.postKeys.size(), 2, WaitMs);
    // Waiting out the node's Retry-After: pending, saying when it goes again.
    QTRY_VERIFY_WITH_TIMEOUT(queue.action(key)->nextAttemptAtMs > 0, WaitMs);
    QVERIFY(queue.action(key)->isPending());
    QVERIFY2(queue.action(key)->outcome.contains(u"too-many-attempts"), qPrintable(queue.action(key)->outcome));
    const auto done = waitFor(queue, key, ConsoleAction::State::Applied);
    QCOMPARE(done->state, ConsoleAction::State::Applied);
    QCOMPARE(node.postKeys, (QStringList{key, key, key}));
    // Not before the second the node asked for (timers may fire up to 5 % early).
    QVERIFY2(node.postAtMs.at(2) - node.postAtMs.at(1) >= 950,
             qPrintable(QString::number(node.postAtMs.at(2) - node.postAtMs.at(1))));
    QCOMPARE(done->nextAttemptAtMs, 0);
}

void tst_ActionQueue::keyOlderThanADayIsHeld()
{
    const QString file = m_tmp.filePath(QStringLiteral("expired.actions.sqlite"));
    QString key;
    {
        ActionQueue offline(NodeId, nullptr);
        QVERIFY(offline.openStore(file));
        key = offline.submit(acknowledge(1, QStringLiteral("nina")));
    }
    {
        // As if it had been sent, unanswered, two days ago.
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("edit"));
        db.setDatabaseName(file);
        QVERIFY(db.open());
        QSqlQuery query(db);
        QVERIFY(query.exec(QStringLiteral("SELECT json FROM actions")));
        QVERIFY(query.next());
        QJsonObject stored = QJsonDocument::fromJson(query.value(0).toByteArray()).object();
        stored.insert(QStringLiteral("attempts"), 1);
        stored.insert(QStringLiteral("firstSentAtMs"), QDateTime::currentMSecsSinceEpoch() - 2 * 24 * 3600 * 1000LL);
        QSqlQuery update(db);
        update.prepare(QStringLiteral("UPDATE actions SET json = ?"));
        update.addBindValue(QString::fromUtf8(QJsonDocument(stored).toJson(QJsonDocument::Compact)));
        QVERIFY(update.exec());
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("edit"));

    ScriptedNode node;
    auto c = scriptedClient(node);
    ActionQueue queue(NodeId, c.get());
    QVERIFY(queue.openStore(file));
    queue.setLive(true);
    QTRY_COMPARE_WITH_TIMEOUT(queue.action(key)->hold, ConsoleAction::Hold::KeyExpired, WaitMs);
    queue.flush();
    QTest::qWait(300);
    // The node forgot the key: only a person can tell whether it acted, so it is not sent again.
    QVERIFY(node.postKeys.isEmpty());
    QVERIFY(queue.action(key)->isPending());
    QVERIFY(queue.discard(key));
}

QTEST_GUILESS_MAIN(tst_ActionQueue)
#include "tst_actionqueue.moc"
