// Contract tests of the live stream (wss://.../api/v1/stream, protocol in node/stream/StreamSession.h)
// against a real vigil-node: a QWebSocket client that pins the node's announced certificate the way
// the console does, authenticates both documented ways, subscribes, and resumes after a dropped
// connection without a gap or a duplicate.
#include "IntegrationHelpers.h"
#include "OpsApiHelpers.h"

#include "tests/support/ApiClient.h"
#include "tests/support/BlockingMllpClient.h"
#include "tests/support/NodeProcess.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkRequest>
#include <QRegularExpression>
#include <QSslError>
#include <QTemporaryDir>
#include <QTest>
#include <QWebSocket>

#include <algorithm>

using namespace OpsApiHelpers;

namespace {

const QString Admin = QStringLiteral("admin");
const QString Nurse = QStringLiteral("nurse");
const QString Other = QStringLiteral("other");

constexpr int WaitMs = 10000;

/// One stream connection: every frame it receives, in order, and a read position.
class StreamClient
{
public:
    explicit StreamClient(const QString& pinnedFingerprint)
        : m_pin(pinnedFingerprint)
    {
        // Errors are ignored only when they are about the pinned certificate (a self-signed one is
        // never trusted by the system store; the pin is the trust).
        QObject::connect(&m_socket, &QWebSocket::sslErrors, &m_socket, [this](const QList<QSslError>& errors) {
            bool pinned = false;
            for (const QSslError& error : errors) {
                if (error.certificate().isNull())
                    continue;
                if (ApiClient::fingerprintOf(error.certificate()) != m_pin)
                    return;
                pinned = true;
            }
            if (pinned) {
                m_pinMatched = true;
                m_socket.ignoreSslErrors();
            }
        });
        QObject::connect(&m_socket, &QWebSocket::textMessageReceived, &m_socket,
            [this](const QString& text) { m_frames.append(QJsonDocument::fromJson(text.toUtf8()).object()); });
        QObject::connect(&m_socket, &QWebSocket::disconnected, &m_socket, [this] { m_disconnected = true; });
    }

    /// Opens wss://127.0.0.1:port/api/v1/stream; a non-empty token goes in the upgrade's Authorization header.
    void open(quint16 port, const QString& token = {})
    {
        QNetworkRequest request(QUrl(QStringLiteral("wss://127.0.0.1:%1/api/v1/stream").arg(port)));
        if (!token.isEmpty())
            request.setRawHeader("Authorization", "Bearer " + token.toLatin1());
        m_socket.open(request);
    }

    bool waitConnected()
    {
        return QTest::qWaitFor(
                   [this] { return m_socket.state() == QAbstractSocket::ConnectedState || m_disconnected; }, WaitMs)
            && m_socket.state() == QAbstractSocket::ConnectedState;
    }
    bool waitDisconnected()
    {
        return QTest::qWaitFor([this] { return m_disconnected; }, WaitMs);
    }

    void send(const QJsonObject& frame)
    {
        m_socket.sendTextMessage(QString::fromUtf8(QJsonDocument(frame).toJson(QJsonDocument::Compact)));
    }

    /// The next unread frame of this type (frames of other types before it are passed over);
    /// an empty object after WaitMs.
    QJsonObject next(const QString& type, int timeoutMs = WaitMs)
    {
        QJsonObject found;
        const bool arrived = QTest::qWaitFor(
            [&] {
                for (qsizetype i = m_read; i < m_frames.size(); ++i) {
                    if (m_frames.at(i).value(QStringLiteral("type")).toString() == type) {
                        found = m_frames.at(i);
                        m_read = i + 1;
                        return true;
                    }
                }
                return false;
            },
            timeoutMs);
        return arrived ? found : QJsonObject();
    }
    /// The next unread event frame of this event type.
    QJsonObject nextEvent(const QString& eventType, int timeoutMs = WaitMs)
    {
        QJsonObject found;
        const bool arrived = QTest::qWaitFor(
            [&] {
                for (qsizetype i = m_read; i < m_frames.size(); ++i) {
                    const QJsonObject& f = m_frames.at(i);
                    if (f.value(QStringLiteral("type")).toString() == u"event"
                        && f.value(QStringLiteral("event")).toString() == eventType) {
                        found = f;
                        m_read = i + 1;
                        return true;
                    }
                }
                return false;
            },
            timeoutMs);
        return arrived ? found : QJsonObject();
    }
    /// Every frame received so far of this type (event frames: of this event type).
    QList<QJsonObject> all(const QString& type, const QString& eventType = {}) const
    {
        QList<QJsonObject> list;
        for (const QJsonObject& f : m_frames) {
            if (f.value(QStringLiteral("type")).toString() == type
                && (eventType.isEmpty() || f.value(QStringLiteral("event")).toString() == eventType))
                list << f;
        }
        return list;
    }

    QWebSocket& socket() { return m_socket; }
    bool pinMatched() const { return m_pinMatched; }
    bool disconnected() const { return m_disconnected; }
    int closeCode() const { return int(m_socket.closeCode()); }

private:
    QString m_pin;
    QWebSocket m_socket;
    QList<QJsonObject> m_frames;
    qsizetype m_read = 0;
    bool m_pinMatched = false;
    bool m_disconnected = false;
};

QJsonObject subscribe(const QStringList& topics)
{
    return QJsonObject { { QStringLiteral("type"), QStringLiteral("subscribe") },
        { QStringLiteral("topics"), QJsonArray::fromStringList(topics) } };
}

QStringList strings(const QJsonValue& value)
{
    QStringList list;
    for (const QJsonValue& v : value.toArray())
        list << v.toString();
    return list;
}

} // namespace

class tst_OpsApiStream : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void authenticatesByUpgradeHeader();
    void authenticatesByFirstMessage();
    void badAuthenticationClosesWith4401_data();
    void badAuthenticationClosesWith4401();
    void wrongPinNeverConnects();
    void statsTicksArrive();
    void resumeAfterDropHasNoGapAndNoDuplicate();
    void unknownEpochOrFutureSeqMeansResync();
    void nurseIsDeniedDeadLettersAndAudit();
    void messageAndDeadLetterEventsFollowThePipeline();
    void parkAndUnparkAreLive();
    void malformedClientMessagesGetErrors();

private:
    quint16 port() const { return m_node.port(QStringLiteral("http")); }
    void signInOther();
    QString sendMllp(const QByteArray& message) const;
    /// The message with this MSH-10, looked up through the REST API as admin (polling until stored).
    QJsonObject message(const QString& controlId) const;

    QTemporaryDir m_tmp;
    IntegrationHelpers::Sink m_sink;
    NodeProcess m_node;
    QHash<QString, QString> m_tokens;
};

void tst_OpsApiStream::initTestCase()
{
    QVERIFY2(m_sink.start(0, m_tmp.filePath(QStringLiteral("sink.txt"))), m_sink.log().constData());
    QString error;
    QVERIFY2(m_node.start(opsNodeConfig(m_sink.port(), { QStringLiteral("hl7-in") }), &error), qPrintable(error));
    QVERIFY(m_node.isSecure());
    QVERIFY2(m_node.addUser(Admin, QStringLiteral("admin"), {}, password(Admin), &error), qPrintable(error));
    QVERIFY2(m_node.addUser(Nurse, QStringLiteral("nurse"), { QStringLiteral("4B") }, password(Nurse), &error),
        qPrintable(error));
    QVERIFY2(m_node.addUser(Other, QStringLiteral("support"), {}, password(Other), &error), qPrintable(error));
    for (const QString& user : { Admin, Nurse }) {
        ApiClient client = m_node.api();
        QCOMPARE(signInWaiting(client, user).status, 200);
        m_tokens.insert(user, client.token());
    }
}

void tst_OpsApiStream::cleanupTestCase()
{
    if (m_node.isRunning())
        QCOMPARE(m_node.terminate(), 0);
    m_sink.stop();
}

QString tst_OpsApiStream::sendMllp(const QByteArray& message) const
{
    BlockingMllpClient client;
    if (!client.connectTo(m_node.port(QStringLiteral("hl7-in"))))
        return QStringLiteral("no connection");
    return BlockingMllpClient::ackCode(client.exchange(message));
}

QJsonObject tst_OpsApiStream::message(const QString& controlId) const
{
    ApiClient admin = m_node.api();
    admin.setToken(m_tokens.value(Admin));
    return waitForMessage(admin, QStringLiteral("controlId=") + controlId);
}

void tst_OpsApiStream::signInOther()
{
    ApiClient client = m_node.api();
    QCOMPARE(client.signIn(Other, password(Other)).status, 200);
}

void tst_OpsApiStream::authenticatesByUpgradeHeader()
{
    StreamClient client(m_node.fingerprint());
    client.open(port(), m_tokens.value(Admin));
    QVERIFY(client.waitConnected());
    QVERIFY(client.pinMatched());
    const QJsonObject hello = client.next(QStringLiteral("hello"));
    QVERIFY2(!hello.isEmpty(), "no hello after authenticating on the upgrade");
    QCOMPARE(hello.value(QStringLiteral("nodeId")).toString(), QStringLiteral("it-node"));
    QVERIFY(QRegularExpression(QStringLiteral("^[0-9a-f]{32}$"))
                .match(hello.value(QStringLiteral("epoch")).toString())
                .hasMatch());
    QVERIFY(hello.value(QStringLiteral("seq")).isDouble());
    QVERIFY(hello.value(QStringLiteral("seq")).toInteger() >= 0);
    client.socket().close();
}

void tst_OpsApiStream::authenticatesByFirstMessage()
{
    StreamClient client(m_node.fingerprint());
    client.open(port());
    QVERIFY(client.waitConnected());
    client.send(QJsonObject {
        { QStringLiteral("type"), QStringLiteral("auth") }, { QStringLiteral("token"), m_tokens.value(Admin) } });
    const QJsonObject hello = client.next(QStringLiteral("hello"));
    QVERIFY2(!hello.isEmpty(), "no hello after an auth message");
    QCOMPARE(hello.value(QStringLiteral("nodeId")).toString(), QStringLiteral("it-node"));
    // Authenticated, it takes a subscription.
    client.send(subscribe({ QStringLiteral("audit") }));
    QCOMPARE(strings(client.next(QStringLiteral("subscribed")).value(QStringLiteral("topics"))),
        QStringList { QStringLiteral("audit") });
    // A second auth is an error, not a re-authentication; the connection stays.
    client.send(QJsonObject {
        { QStringLiteral("type"), QStringLiteral("auth") }, { QStringLiteral("token"), m_tokens.value(Admin) } });
    QVERIFY(!client.next(QStringLiteral("error")).isEmpty());
    QVERIFY(!client.disconnected());
    client.socket().close();
}

void tst_OpsApiStream::badAuthenticationClosesWith4401_data()
{
    QTest::addColumn<QString>("headerToken");
    QTest::addColumn<QJsonObject>("firstMessage");
    const QString forged = QStringLiteral("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
    QTest::addRow("bad token on the upgrade") << forged << QJsonObject();
    QTest::addRow("bad token in the auth message")
        << QString()
        << QJsonObject { { QStringLiteral("type"), QStringLiteral("auth") }, { QStringLiteral("token"), forged } };
    QTest::addRow("first message is not auth") << QString() << subscribe({ QStringLiteral("stats") });
}

void tst_OpsApiStream::badAuthenticationClosesWith4401()
{
    QFETCH(QString, headerToken);
    QFETCH(QJsonObject, firstMessage);
    StreamClient client(m_node.fingerprint());
    client.open(port(), headerToken);
    if (!firstMessage.isEmpty()) {
        QVERIFY(client.waitConnected());
        client.send(firstMessage);
    }
    QVERIFY(client.waitDisconnected());
    QCOMPARE(client.closeCode(), 4401);
    QVERIFY(client.all(QStringLiteral("hello")).isEmpty());
    QVERIFY(client.all(QStringLiteral("event")).isEmpty());
}

void tst_OpsApiStream::wrongPinNeverConnects()
{
    QString wrong = m_node.fingerprint();
    wrong.replace(0, 2, wrong.startsWith(u"00") ? QStringLiteral("11") : QStringLiteral("00"));
    StreamClient client(wrong);
    client.open(port(), m_tokens.value(Admin));
    QVERIFY(!client.waitConnected());
    QVERIFY(!client.pinMatched());
    QVERIFY(client.all(QStringLiteral("hello")).isEmpty());
}

void tst_OpsApiStream::statsTicksArrive()
{
    StreamClient client(m_node.fingerprint());
    client.open(port(), m_tokens.value(Nurse));
    QVERIFY(!client.next(QStringLiteral("hello")).isEmpty());
    client.send(subscribe({ QStringLiteral("stats") }));
    const QJsonObject subscribed = client.next(QStringLiteral("subscribed"));
    QCOMPARE(strings(subscribed.value(QStringLiteral("topics"))), QStringList { QStringLiteral("stats") });
    QCOMPARE(strings(subscribed.value(QStringLiteral("denied"))), QStringList());
    // The node samples once a second.
    const QJsonObject first = client.nextEvent(QStringLiteral("stats.tick"), 5000);
    const QJsonObject second = client.nextEvent(QStringLiteral("stats.tick"), 5000);
    QVERIFY2(!first.isEmpty() && !second.isEmpty(), "no stats.tick events");
    QVERIFY(second.value(QStringLiteral("seq")).toInteger() > first.value(QStringLiteral("seq")).toInteger());
    const QJsonObject data = second.value(QStringLiteral("data")).toObject();
    QVERIFY(data.value(QStringLiteral("atMs")).toInteger()
        > first.value(QStringLiteral("data")).toObject().value(QStringLiteral("atMs")).toInteger());
    QVERIFY(data.value(QStringLiteral("channels")).isArray());
    QVERIFY(data.value(QStringLiteral("destinations")).isArray());
    QVERIFY(data.value(QStringLiteral("node")).isObject());
    QVERIFY(!second.value(QStringLiteral("at")).toString().isEmpty());
    client.socket().close();
}

void tst_OpsApiStream::resumeAfterDropHasNoGapAndNoDuplicate()
{
    StreamClient first(m_node.fingerprint());
    first.open(port(), m_tokens.value(Admin));
    const QJsonObject hello = first.next(QStringLiteral("hello"));
    QVERIFY(!hello.isEmpty());
    const QString epoch = hello.value(QStringLiteral("epoch")).toString();
    first.send(subscribe({ QStringLiteral("audit") }));
    QVERIFY(!first.next(QStringLiteral("subscribed")).isEmpty());
    // One live audit event, so the client has a seq of its own to resume from.
    signInOther();
    const QJsonObject seen = first.nextEvent(QStringLiteral("audit.appended"));
    QVERIFY2(!seen.isEmpty(), "no live audit.appended event");
    QCOMPARE(seen.value(QStringLiteral("data")).toObject().value(QStringLiteral("actor")).toString(), Other);
    const qint64 lastSeq = seen.value(QStringLiteral("seq")).toInteger();
    const qint64 lastAuditSeq = seen.value(QStringLiteral("data")).toObject().value(QStringLiteral("seq")).toInteger();
    QVERIFY(lastSeq > 0 && lastAuditSeq > 0);

    // The connection drops (no close handshake); meanwhile five audited actions happen.
    first.socket().abort();
    for (int i = 0; i < 5; ++i)
        signInOther();

    StreamClient second(m_node.fingerprint());
    second.open(port(), m_tokens.value(Admin));
    const QJsonObject hello2 = second.next(QStringLiteral("hello"));
    QCOMPARE(hello2.value(QStringLiteral("epoch")).toString(), epoch);
    QVERIFY(hello2.value(QStringLiteral("seq")).toInteger() > lastSeq);
    QJsonObject resume = subscribe({ QStringLiteral("audit") });
    resume.insert(QStringLiteral("since"), lastSeq);
    resume.insert(QStringLiteral("epoch"), epoch);
    second.send(resume);
    QCOMPARE(strings(second.next(QStringLiteral("subscribed")).value(QStringLiteral("topics"))),
        QStringList { QStringLiteral("audit") });
    QTRY_COMPARE_WITH_TIMEOUT(second.all(QStringLiteral("event")).size(), 5, WaitMs);
    QVERIFY(second.all(QStringLiteral("resync")).isEmpty());

    // Exactly the five missed entries, in order: what the audit log itself shows after the last seen one.
    QList<qint64> streamSeqs;
    QList<qint64> replayed;
    for (const QJsonObject& event : second.all(QStringLiteral("event"))) {
        QCOMPARE(event.value(QStringLiteral("event")).toString(), QStringLiteral("audit.appended"));
        const QJsonObject data = event.value(QStringLiteral("data")).toObject();
        QCOMPARE(data.value(QStringLiteral("actor")).toString(), Other);
        QCOMPARE(data.value(QStringLiteral("action")).toString(), QStringLiteral("sign-in"));
        streamSeqs << event.value(QStringLiteral("seq")).toInteger();
        replayed << data.value(QStringLiteral("seq")).toInteger();
    }
    QVERIFY(streamSeqs.first() > lastSeq);
    for (qsizetype i = 1; i < streamSeqs.size(); ++i)
        QVERIFY(streamSeqs.at(i) > streamSeqs.at(i - 1));
    ApiClient admin = m_node.api();
    admin.setToken(m_tokens.value(Admin));
    QList<qint64> visible;
    for (const QJsonValue& v : items(admin.get(QStringLiteral("/api/v1/audit?limit=100")))) {
        if (v.toObject().value(QStringLiteral("seq")).toInteger() > lastAuditSeq)
            visible << v.toObject().value(QStringLiteral("seq")).toInteger();
    }
    std::sort(visible.begin(), visible.end());
    QCOMPARE(replayed, visible);
    QCOMPARE(replayed,
        (QList<qint64> { lastAuditSeq + 1, lastAuditSeq + 2, lastAuditSeq + 3, lastAuditSeq + 4, lastAuditSeq + 5 }));

    // Then it goes on live, without repeating anything.
    signInOther();
    QTRY_COMPARE_WITH_TIMEOUT(second.all(QStringLiteral("event")).size(), 6, WaitMs);
    const QJsonObject live = second.all(QStringLiteral("event")).last();
    QVERIFY(live.value(QStringLiteral("seq")).toInteger() > streamSeqs.last());
    QCOMPARE(live.value(QStringLiteral("data")).toObject().value(QStringLiteral("seq")).toInteger(), lastAuditSeq + 6);
    second.socket().close();
}

void tst_OpsApiStream::unknownEpochOrFutureSeqMeansResync()
{
    StreamClient client(m_node.fingerprint());
    client.open(port(), m_tokens.value(Admin));
    const QJsonObject hello = client.next(QStringLiteral("hello"));
    QVERIFY(!hello.isEmpty());
    const QString epoch = hello.value(QStringLiteral("epoch")).toString();

    // An epoch of another run of the node (it restarted since the client's last event).
    QJsonObject stale = subscribe({ QStringLiteral("audit") });
    stale.insert(QStringLiteral("since"), 1);
    stale.insert(QStringLiteral("epoch"), QString(32, u'0'));
    client.send(stale);
    QVERIFY(!client.next(QStringLiteral("subscribed")).isEmpty());
    const QJsonObject resync = client.next(QStringLiteral("resync"));
    QVERIFY2(!resync.isEmpty(), "no resync for an unknown epoch");
    QCOMPARE(resync.value(QStringLiteral("epoch")).toString(), epoch);
    QVERIFY(resync.value(QStringLiteral("seq")).toInteger() >= hello.value(QStringLiteral("seq")).toInteger());
    QVERIFY(!resync.value(QStringLiteral("reason")).toString().isEmpty());
    // Nothing from before the resync point is replayed.
    QVERIFY(client.all(QStringLiteral("event")).isEmpty());

    // A seq this epoch has not reached yet.
    QJsonObject ahead = subscribe({ QStringLiteral("audit") });
    ahead.insert(QStringLiteral("since"), resync.value(QStringLiteral("seq")).toInteger() + 1000000);
    ahead.insert(QStringLiteral("epoch"), epoch);
    client.send(ahead);
    QVERIFY(!client.next(QStringLiteral("subscribed")).isEmpty());
    QVERIFY2(!client.next(QStringLiteral("resync")).isEmpty(), "no resync for a seq from the future");
    QVERIFY(!client.disconnected());
    client.socket().close();
}

void tst_OpsApiStream::nurseIsDeniedDeadLettersAndAudit()
{
    StreamClient nurse(m_node.fingerprint());
    nurse.open(port(), m_tokens.value(Nurse));
    QVERIFY(!nurse.next(QStringLiteral("hello")).isEmpty());
    nurse.send(subscribe({ QStringLiteral("stats"), QStringLiteral("deadLetters"), QStringLiteral("audit") }));
    const QJsonObject subscribed = nurse.next(QStringLiteral("subscribed"));
    QCOMPARE(strings(subscribed.value(QStringLiteral("topics"))), QStringList { QStringLiteral("stats") });
    QCOMPARE(strings(subscribed.value(QStringLiteral("denied"))),
        (QStringList { QStringLiteral("deadLetters"), QStringLiteral("audit") }));

    // An audited action happens; an admin's stream sees it, the nurse's never does.
    StreamClient admin(m_node.fingerprint());
    admin.open(port(), m_tokens.value(Admin));
    QVERIFY(!admin.next(QStringLiteral("hello")).isEmpty());
    admin.send(subscribe({ QStringLiteral("audit") }));
    QVERIFY(!admin.next(QStringLiteral("subscribed")).isEmpty());
    signInOther();
    const QJsonObject audited = admin.nextEvent(QStringLiteral("audit.appended"));
    QVERIFY(!audited.isEmpty());
    const qint64 auditSeq = audited.value(QStringLiteral("seq")).toInteger();
    // Events go out in seq order: once the nurse has a tick published after the audit event, an
    // audit frame for them would already have arrived.
    QVERIFY(QTest::qWaitFor(
        [&] {
            const QList<QJsonObject> ticks = nurse.all(QStringLiteral("event"), QStringLiteral("stats.tick"));
            return !ticks.isEmpty() && ticks.last().value(QStringLiteral("seq")).toInteger() > auditSeq;
        },
        5000));
    QVERIFY(nurse.all(QStringLiteral("event"), QStringLiteral("audit.appended")).isEmpty());
    QVERIFY(nurse.all(QStringLiteral("event"), QStringLiteral("deadLetter.added")).isEmpty());
    nurse.socket().close();
    admin.socket().close();
}

void tst_OpsApiStream::messageAndDeadLetterEventsFollowThePipeline()
{
    StreamClient admin(m_node.fingerprint());
    admin.open(port(), m_tokens.value(Admin));
    QVERIFY(!admin.next(QStringLiteral("hello")).isEmpty());
    admin.send(subscribe({ QStringLiteral("messages"), QStringLiteral("deadLetters") }));
    QVERIFY(!admin.next(QStringLiteral("subscribed")).isEmpty());
    StreamClient nurse(m_node.fingerprint());
    nurse.open(port(), m_tokens.value(Nurse));
    QVERIFY(!nurse.next(QStringLiteral("hello")).isEmpty());
    nurse.send(subscribe({ QStringLiteral("messages") }));
    QVERIFY(!nurse.next(QStringLiteral("subscribed")).isEmpty());

    QCOMPARE(sendMllp(adt(QStringLiteral("EV-5A"), QStringLiteral("MRN-EV-5A"), QStringLiteral("EVENTFIVE"),
                 QStringLiteral("5A"))),
        QStringLiteral("AA"));
    QCOMPARE(sendMllp(adt(QStringLiteral("EV-4B"), QStringLiteral("MRN-EV-4B"), QStringLiteral("EVENTFOUR"),
                 QStringLiteral("4B"))),
        QStringLiteral("AA"));
    QCOMPARE(sendMllp(adt(QStringLiteral("EV-BAD"), {}, QStringLiteral("EVENTBAD"), QStringLiteral("4B"))),
        QStringLiteral("AE"));
    const QJsonObject fiveA = message(QStringLiteral("EV-5A"));
    const QJsonObject fourB = message(QStringLiteral("EV-4B"));
    const QJsonObject bad = message(QStringLiteral("EV-BAD"));
    QVERIFY(!fiveA.isEmpty() && !fourB.isEmpty() && !bad.isEmpty());

    // An event of `eventType` about message `id` with data.state `state`, as received so far.
    const auto find
        = [](const StreamClient& client, const QString& eventType, const QJsonObject& m, const QString& state) {
              for (const QJsonObject& e : client.all(QStringLiteral("event"), eventType)) {
                  const QJsonObject data = e.value(QStringLiteral("data")).toObject();
                  if (data.value(QStringLiteral("messageId")).toInteger() == m.value(QStringLiteral("id")).toInteger()
                      && data.value(QStringLiteral("state")).toString() == state)
                      return e;
              }
              return QJsonObject();
          };
    const QString messageState = QStringLiteral("message.state");
    QTRY_VERIFY_WITH_TIMEOUT(!find(admin, messageState, fourB, QStringLiteral("delivered")).isEmpty(), WaitMs);
    QTRY_VERIFY_WITH_TIMEOUT(
        !find(admin, QStringLiteral("deadLetter.added"), bad, QStringLiteral("invalid")).isEmpty(), WaitMs);

    const QJsonObject stored = find(admin, messageState, fourB, QStringLiteral("accepted"));
    QVERIFY(!stored.isEmpty());
    QCOMPARE(stored.value(QStringLiteral("unit")).toString(), QStringLiteral("4B"));
    QCOMPARE(stored.value(QStringLiteral("correlationId")).toString(),
        fourB.value(QStringLiteral("correlationId")).toString());
    const QJsonObject storedData = stored.value(QStringLiteral("data")).toObject();
    QCOMPARE(storedData.value(QStringLiteral("channel")).toString(), QStringLiteral("hl7-in"));
    QCOMPARE(storedData.value(QStringLiteral("messageType")).toString(), QStringLiteral("ADT"));
    QCOMPARE(storedData.value(QStringLiteral("ackCode")).toString(), QStringLiteral("AA"));
    QCOMPARE(find(admin, messageState, fourB, QStringLiteral("delivered"))
                 .value(QStringLiteral("data"))
                 .toObject()
                 .value(QStringLiteral("destination"))
                 .toString(),
        QStringLiteral("ehr"));
    QVERIFY(!find(admin, messageState, fiveA, QStringLiteral("accepted")).isEmpty());
    QVERIFY(!find(admin, messageState, bad, QStringLiteral("invalid")).isEmpty());
    const QJsonObject letter = find(admin, QStringLiteral("deadLetter.added"), bad, QStringLiteral("invalid"))
                                   .value(QStringLiteral("data"))
                                   .toObject();
    QCOMPARE(letter.value(QStringLiteral("stage")).toString(), QStringLiteral("validate"));
    QVERIFY(!letter.value(QStringLiteral("reason")).toString().isEmpty());
    QVERIFY(!letter.value(QStringLiteral("errorClass")).toString().isEmpty());
    // Events carry no message content.
    for (const QJsonObject& e : admin.all(QStringLiteral("event"))) {
        const QByteArray json = QJsonDocument(e).toJson(QJsonDocument::Compact);
        QVERIFY2(
            !json.contains("MRN-EV") && !json.contains("EVENTFOUR") && !json.contains("EVENTFIVE"), json.constData());
    }

    // The nurse of 4B: their unit's events, none of 5A (EV-5A was stored before EV-4B, and events
    // arrive in seq order, so it would be here by now), no dead-letter topic.
    QTRY_VERIFY_WITH_TIMEOUT(!find(nurse, messageState, bad, QStringLiteral("invalid")).isEmpty(), WaitMs);
    QVERIFY(!find(nurse, messageState, fourB, QStringLiteral("accepted")).isEmpty());
    // Deliveries carry the message's unit too, so the nurse follows their unit's message downstream.
    QTRY_VERIFY_WITH_TIMEOUT(!find(nurse, messageState, fourB, QStringLiteral("delivered")).isEmpty(), WaitMs);
    for (const QJsonObject& e : nurse.all(QStringLiteral("event"))) {
        QCOMPARE(e.value(QStringLiteral("event")).toString(), messageState);
        QCOMPARE(e.value(QStringLiteral("unit")).toString(), QStringLiteral("4B"));
        QVERIFY(e.value(QStringLiteral("data")).toObject().value(QStringLiteral("messageId")).toInteger()
            != fiveA.value(QStringLiteral("id")).toInteger());
    }

    // Following one correlation: a client that asks for the bad message's correlation ID gets the
    // events of its resubmission and nothing about other messages.
    StreamClient follower(m_node.fingerprint());
    follower.open(port(), m_tokens.value(Admin));
    QVERIFY(!follower.next(QStringLiteral("hello")).isEmpty());
    const QString correlationId = bad.value(QStringLiteral("correlationId")).toString();
    QJsonObject follow = subscribe({ QStringLiteral("messages"), QStringLiteral("deadLetters") });
    follow.insert(QStringLiteral("correlationIds"), QJsonArray { correlationId });
    follower.send(follow);
    QVERIFY(!follower.next(QStringLiteral("subscribed")).isEmpty());
    QCOMPARE(sendMllp(adt(QStringLiteral("EV-OTHER"), QStringLiteral("MRN-EV-O"), QStringLiteral("EVENTOTHER"),
                 QStringLiteral("4B"))),
        QStringLiteral("AA"));
    ApiClient rest = m_node.api();
    rest.setToken(m_tokens.value(Admin));
    const QJsonObject deadLetter
        = items(rest.get(QStringLiteral("/api/v1/dead-letters?channel=hl7-in"))).at(0).toObject();
    QCOMPARE(deadLetter.value(QStringLiteral("messageId")).toInteger(), bad.value(QStringLiteral("id")).toInteger());
    const ApiClient::Reply resubmitted = rest.post(QStringLiteral("/api/v1/dead-letters/resubmit"),
        QJsonObject { { QStringLiteral("ids"), QJsonArray { deadLetter.value(QStringLiteral("id")).toInteger() } },
            { QStringLiteral("message"),
                QString::fromUtf8(adt(QStringLiteral("EV-BAD"), QStringLiteral("MRN-EV-FIX"),
                    QStringLiteral("EVENTBAD"), QStringLiteral("4B"))) },
            { QStringLiteral("reason"), QStringLiteral("added the MRN") } },
        QStringLiteral("stream-resubmit-1"));
    QCOMPARE(resubmitted.json().value(QStringLiteral("resubmitted")).toInt(), 1);
    const qint64 replayId = resubmitted.json()
                                .value(QStringLiteral("results"))
                                .toArray()
                                .at(0)
                                .toObject()
                                .value(QStringLiteral("messageId"))
                                .toInteger();
    const QJsonObject resubmittedEvent = follower.nextEvent(QStringLiteral("deadLetter.resubmitted"));
    QVERIFY2(!resubmittedEvent.isEmpty(), "no deadLetter.resubmitted event");
    const QJsonObject resubmittedData = resubmittedEvent.value(QStringLiteral("data")).toObject();
    QCOMPARE(resubmittedData.value(QStringLiteral("deadLetterId")).toInteger(),
        deadLetter.value(QStringLiteral("id")).toInteger());
    QCOMPARE(resubmittedData.value(QStringLiteral("messageId")).toInteger(), replayId);
    QCOMPARE(resubmittedData.value(QStringLiteral("correlationId")).toString(), correlationId);
    // The replay is delivered, under the same correlation ID.
    QTRY_VERIFY_WITH_TIMEOUT(
        !find(follower, messageState, QJsonObject { { QStringLiteral("id"), replayId } }, QStringLiteral("delivered"))
             .isEmpty(),
        WaitMs);
    for (const QJsonObject& e : follower.all(QStringLiteral("event"), messageState))
        QCOMPARE(e.value(QStringLiteral("correlationId")).toString(), correlationId);
    admin.socket().close();
    nurse.socket().close();
    follower.socket().close();
}

void tst_OpsApiStream::parkAndUnparkAreLive()
{
    StreamClient admin(m_node.fingerprint());
    admin.open(port(), m_tokens.value(Admin));
    QVERIFY(!admin.next(QStringLiteral("hello")).isEmpty());
    admin.send(subscribe({ QStringLiteral("deadLetters") }));
    QVERIFY(!admin.next(QStringLiteral("subscribed")).isEmpty());

    QCOMPARE(sendMllp(adt(QStringLiteral("PK-LIVE"), {}, QStringLiteral("PARKLIVE"), QStringLiteral("4B"))),
        QStringLiteral("AE"));
    const QJsonObject stored = message(QStringLiteral("PK-LIVE"));
    QVERIFY(!stored.isEmpty());
    ApiClient rest = m_node.api();
    rest.setToken(m_tokens.value(Admin));
    qint64 letterId = 0;
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            for (const QJsonValue& v : items(rest.get(QStringLiteral("/api/v1/dead-letters?channel=hl7-in")))) {
                if (v.toObject().value(QStringLiteral("messageId")).toInteger()
                    == stored.value(QStringLiteral("id")).toInteger())
                    letterId = v.toObject().value(QStringLiteral("id")).toInteger();
            }
            return letterId != 0;
        }(),
        WaitMs);

    const QJsonObject body { { QStringLiteral("ids"), QJsonArray { letterId } },
        { QStringLiteral("reason"), QStringLiteral("test message from the interface check") } };
    QCOMPARE(rest.post(QStringLiteral("/api/v1/dead-letters/park"), body, QStringLiteral("stream-park-1"))
                 .json()
                 .value(QStringLiteral("parked"))
                 .toInt(),
        1);
    const QJsonObject parked = admin.nextEvent(QStringLiteral("deadLetter.parked"));
    QVERIFY2(!parked.isEmpty(), "no deadLetter.parked event");
    QCOMPARE(parked.value(QStringLiteral("data")).toObject(),
        (QJsonObject { { QStringLiteral("deadLetterIds"), QJsonArray { letterId } }, { QStringLiteral("count"), 1 } }));
    QVERIFY(parked.value(QStringLiteral("seq")).toInteger() > 0);

    QCOMPARE(rest.post(QStringLiteral("/api/v1/dead-letters/unpark"), body, QStringLiteral("stream-unpark-1"))
                 .json()
                 .value(QStringLiteral("unparked"))
                 .toInt(),
        1);
    const QJsonObject unparked = admin.nextEvent(QStringLiteral("deadLetter.unparked"));
    QVERIFY2(!unparked.isEmpty(), "no deadLetter.unparked event");
    QCOMPARE(unparked.value(QStringLiteral("data")).toObject().value(QStringLiteral("deadLetterIds")).toArray(),
        QJsonArray { letterId });
    QVERIFY(unparked.value(QStringLiteral("seq")).toInteger() > parked.value(QStringLiteral("seq")).toInteger());

    // A park that changed nothing announces nothing; a replayed request is not announced again.
    QCOMPARE(rest.post(QStringLiteral("/api/v1/dead-letters/unpark"), body, QStringLiteral("stream-unpark-2"))
                 .json()
                 .value(QStringLiteral("unparked"))
                 .toInt(),
        0);
    rest.post(QStringLiteral("/api/v1/dead-letters/park"), body, QStringLiteral("stream-park-1"));
    QVERIFY(admin.nextEvent(QStringLiteral("deadLetter.unparked"), 1000).isEmpty());
    QVERIFY(admin.nextEvent(QStringLiteral("deadLetter.parked"), 1000).isEmpty());
    admin.socket().close();
}

void tst_OpsApiStream::malformedClientMessagesGetErrors()
{
    StreamClient client(m_node.fingerprint());
    client.open(port(), m_tokens.value(Admin));
    QVERIFY(!client.next(QStringLiteral("hello")).isEmpty());
    client.socket().sendTextMessage(QStringLiteral("this is not JSON"));
    QVERIFY(!client.next(QStringLiteral("error")).value(QStringLiteral("message")).toString().isEmpty());
    client.send(subscribe({ QStringLiteral("queues") }));
    QVERIFY(client.next(QStringLiteral("error"))
                .value(QStringLiteral("message"))
                .toString()
                .contains(QStringLiteral("queues")));
    QJsonObject half = subscribe({ QStringLiteral("audit") });
    half.insert(QStringLiteral("since"), 1);
    client.send(half); // since without epoch
    QVERIFY(!client.next(QStringLiteral("error")).isEmpty());
    QJsonObject extra = subscribe({ QStringLiteral("audit") });
    extra.insert(QStringLiteral("colour"), QStringLiteral("red"));
    client.send(extra);
    QVERIFY(!client.next(QStringLiteral("error")).isEmpty());
    client.socket().sendBinaryMessage("\x01\x02");
    QVERIFY(!client.next(QStringLiteral("error")).isEmpty());
    // Still connected and usable.
    QVERIFY(!client.disconnected());
    client.send(subscribe({ QStringLiteral("audit") }));
    QCOMPARE(strings(client.next(QStringLiteral("subscribed")).value(QStringLiteral("topics"))),
        QStringList { QStringLiteral("audit") });
    client.socket().close();
}

QTEST_GUILESS_MAIN(tst_OpsApiStream)
#include "tst_opsapistream.moc"
