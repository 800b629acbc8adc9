// Contract tests of the ops API (issue 3, "What it must show"): a real vigil-node process, its real
// HTTPS server pinned by the fingerprint it announces, users made with the real `vigil-node user`
// command, messages sent over real MLLP, a real `vigil-feed sink` downstream. Every documented
// endpoint is called the way the console calls it, and each test checks what would break.
#include "IntegrationHelpers.h"
#include "OpsApiHelpers.h"

#include "tests/support/ApiClient.h"
#include "tests/support/BlockingMllpClient.h"
#include "tests/support/NodeProcess.h"

#include <QDateTime>
#include <QFile>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

#include <algorithm>
#include <cmath>

using namespace OpsApiHelpers;
using namespace Qt::StringLiterals;

namespace {

const QString Admin = QStringLiteral("admin");
const QString Support = QStringLiteral("support");
const QString Nurse = QStringLiteral("nurse");
const QString Leaver = QStringLiteral("leaver");
const QString Guesser = QStringLiteral("guesser");

QStringList strings(const QJsonValue& value)
{
    QStringList list;
    for (const QJsonValue& v : value.toArray())
        list << v.toString();
    return list;
}

qint64 msOf(const QJsonValue& isoTime)
{
    return QDateTime::fromString(isoTime.toString(), Qt::ISODateWithMs).toMSecsSinceEpoch();
}

QString encoded(const QString& value)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(value));
}

/// An ADT whose PV1 comes before its PID: invalid at validate with a failure signature of its own
/// (segment order), so parking its group touches no other test's dead letters.
QByteArray pv1BeforePid(const QString& controlId)
{
    // MSH, EVN, PID, PV1 (OpsApiHelpers::adt): PV1 moves up one.
    const QByteArray message
        = adt(controlId, QStringLiteral("MRN-") + controlId, QStringLiteral("PARKED"), QStringLiteral("4B"));
    QList<QByteArray> segments = message.split('\r');
    segments.swapItemsAt(2, 3);
    return segments.join('\r');
}

QJsonObject editedWithMrn(const QString& controlId, const QString& mrn, const QString& family)
{
    return QJsonObject { { QStringLiteral("message"),
        QString::fromUtf8(adt(controlId, mrn, family, QStringLiteral("4B"))) } };
}

} // namespace

class tst_OpsApi : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    // Transport
    void announcedFingerprintIsTheCertificateFile();
    void wrongPinIsRefused();
    void privateKeyIsNotWorldReadable();
    void certificateKeptAcrossRestartAndChangeDetected();
    void plainRequestToStreamNeedsUpgrade();

    // Identity
    void noTokenGets401WithChallenge();
    void badTokenGets401();
    void wrongPasswordAndUnknownUserLookTheSame();
    void signInTokenWorksUntilSignOut();
    void disablingUserEndsSessionsAtOnce();
    void passwordChangeEndsSessions();

    // Roles and PHI
    void nurseIsRefusedWhatNursesMayNotDo();
    void supportReadsButCannotResubmit();
    void adminMayResubmit();
    void nurseSeesOnlyOwnUnits();
    void phiMaskedUnlessRevealedWithReason();
    void exportIsMasked();
    void auditChainIsIntact();

    // Queries
    void searchesFilterByEveryKey();
    void keysetPaginationHasNoGapsOrDuplicates();
    void messageShowsTraceAndDelivery();
    void traceByCorrelationId();
    void nodeInfoAndStats();
    void statsHistoryFills();

    // Dead letters and resubmission
    void deadLetterListedAndGrouped();
    void previewShowsDiffAndValidation();
    void resubmitIsIdempotent();
    void dryRunChangesNothing();
    void idempotencyKeysFollowTheRules();
    void resubmitByFailureGroup();
    void parkAndUnparkAGroup();

    // FHIR ingest on the same server
    void fhirResourceIsIngestedUnderItsTraceparent();

    // Bad input
    void badRequestsGetJsonErrors_data();
    void badRequestsGetJsonErrors();
    void oversizedBodyIsRefusedUnread();
    void oversizedBodyAnswerReachesTheClient();

    // Last: it throttles sign-ins from this address for a moment.
    void repeatedFailuresAreThrottled();

private:
    ApiClient as(const QString& user) const;
    QString sendMllp(const QString& channel, const QByteArray& message) const;
    QJsonObject waitForDeadLetter(const QString& channel, const QString& controlId);

    QTemporaryDir m_tmp;
    IntegrationHelpers::Sink m_sink;
    NodeProcess m_node;
    QHash<QString, QString> m_tokens;
};

ApiClient tst_OpsApi::as(const QString& user) const
{
    ApiClient client = m_node.api();
    client.setToken(m_tokens.value(user));
    return client;
}

QString tst_OpsApi::sendMllp(const QString& channel, const QByteArray& message) const
{
    BlockingMllpClient client;
    if (!client.connectTo(m_node.port(channel)))
        return QStringLiteral("no connection");
    return BlockingMllpClient::ackCode(client.exchange(message));
}

QJsonObject tst_OpsApi::waitForDeadLetter(const QString& channel, const QString& controlId)
{
    QJsonObject found;
    const ApiClient admin = as(Admin);
    const bool listed = QTest::qWaitFor(
        [&] {
            for (const QJsonValue& v :
                items(admin.get(QStringLiteral("/api/v1/dead-letters?state=all&channel=") + channel))) {
                if (v.toObject().value(QStringLiteral("controlId")).toString() == controlId)
                    found = v.toObject();
            }
            return !found.isEmpty();
        },
        15000);
    return listed ? found : QJsonObject();
}

void tst_OpsApi::initTestCase()
{
    QVERIFY2(m_sink.start(0, m_tmp.filePath(QStringLiteral("sink.txt"))), m_sink.log().constData());
    QJsonObject config = opsNodeConfig(m_sink.port(),
        { QStringLiteral("hl7-in"), QStringLiteral("dl-in"), QStringLiteral("rs-in"), QStringLiteral("dr-in") });
    QJsonArray channels = config.value(QStringLiteral("channels")).toArray();
    channels.append(QJsonObject {
        { QStringLiteral("name"), QStringLiteral("fhir-in") }, { QStringLiteral("kind"), QStringLiteral("fhir") } });
    config.insert(QStringLiteral("channels"), channels);
    QString error;
    QVERIFY2(m_node.start(config, &error), qPrintable(error));
    QVERIFY(m_node.isSecure());

    // Users are made the way an operator makes them: with the CLI, while the node runs.
    QVERIFY2(m_node.addUser(Admin, QStringLiteral("admin"), {}, password(Admin), &error), qPrintable(error));
    QVERIFY2(m_node.addUser(Support, QStringLiteral("support"), {}, password(Support), &error), qPrintable(error));
    QVERIFY2(m_node.addUser(Nurse, QStringLiteral("nurse"), { QStringLiteral("4B") }, password(Nurse), &error),
        qPrintable(error));
    QVERIFY2(m_node.addUser(Leaver, QStringLiteral("support"), {}, password(Leaver), &error), qPrintable(error));
    QVERIFY2(m_node.addUser(Guesser, QStringLiteral("support"), {}, password(Guesser), &error), qPrintable(error));
    for (const QString& user : { Admin, Support, Nurse }) {
        ApiClient client = m_node.api();
        const ApiClient::Reply reply = signInWaiting(client, user);
        QVERIFY2(reply.status == 200, reply.body.constData());
        m_tokens.insert(user, client.token());
    }
}

void tst_OpsApi::cleanupTestCase()
{
    if (m_node.isRunning())
        QCOMPARE(m_node.terminate(), 0);
    m_sink.stop();
}

// ---------------------------------------------------------------------------------------------
// Transport

void tst_OpsApi::announcedFingerprintIsTheCertificateFile()
{
    const QString announced = m_node.fingerprint();
    QCOMPARE(announced.size(), 32 * 3 - 1); // "AB:CD:..." for 32 bytes
    QCOMPARE(fingerprintOfPemFile(m_node.dataDir() + QStringLiteral("/api-certificate.pem")), announced);
    // The node reports the same pin in its own info, for a console that asks.
    const QJsonObject tls
        = as(Support).get(QStringLiteral("/api/v1/node")).json().value(QStringLiteral("tls")).toObject();
    QCOMPARE(tls.value(QStringLiteral("enabled")).toBool(), true);
    QCOMPARE(tls.value(QStringLiteral("sha256")).toString(), announced);
}

void tst_OpsApi::wrongPinIsRefused()
{
    QString wrong = m_node.fingerprint();
    wrong.replace(0, 2, wrong.startsWith(u"00") ? QStringLiteral("11") : QStringLiteral("00"));
    ApiClient pinnedElsewhere(m_node.port(QStringLiteral("http")), true, wrong);
    pinnedElsewhere.setToken(m_tokens.value(Admin));
    const ApiClient::Reply reply = pinnedElsewhere.get(QStringLiteral("/api/v1/node"));
    QCOMPARE(reply.status, 0);
    QVERIFY(!reply.networkError.isEmpty());
    QVERIFY(reply.body.isEmpty());
    // An unpinned client (no fingerprint, system trust store) is refused just the same.
    const ApiClient::Reply unpinned
        = ApiClient(m_node.port(QStringLiteral("http")), true, {}).get(QStringLiteral("/healthz"));
    QCOMPARE(unpinned.status, 0);
    QVERIFY(unpinned.body.isEmpty());
}

void tst_OpsApi::privateKeyIsNotWorldReadable()
{
    const QString key = m_node.dataDir() + QStringLiteral("/api-private-key.pem");
    QVERIFY(QFile::exists(key));
    const QFileDevice::Permissions permissions = QFile::permissions(key);
    QVERIFY(permissions & QFileDevice::ReadOwner);
    QVERIFY(!(permissions
        & (QFileDevice::ReadGroup | QFileDevice::ReadOther | QFileDevice::WriteGroup | QFileDevice::WriteOther)));
    // The certificate is public (0644): anyone on the machine may read it to check the fingerprint.
    QVERIFY(QFile::permissions(m_node.dataDir() + QStringLiteral("/api-certificate.pem")) & QFileDevice::ReadOther);
}

void tst_OpsApi::certificateKeptAcrossRestartAndChangeDetected()
{
    NodeProcess node;
    QString error;
    QVERIFY2(node.start(IntegrationHelpers::nodeConfig({}, {}, {}), &error), qPrintable(error));
    const QString first = node.fingerprint();
    QVERIFY(!first.isEmpty());
    const QString certFile = node.dataDir() + QStringLiteral("/api-certificate.pem");
    const QString keyFile = node.dataDir() + QStringLiteral("/api-private-key.pem");
    QFile cert(certFile);
    QVERIFY(cert.open(QIODevice::ReadOnly));
    const QByteArray firstPem = cert.readAll();
    cert.close();
    const ApiClient pinnedToFirst(node.port(QStringLiteral("http")), true, first);
    QCOMPARE(pinnedToFirst.get(QStringLiteral("/healthz")).status, 200);

    // A plain restart keeps the certificate: a console's pin stays valid.
    QCOMPARE(node.terminate(), 0);
    QVERIFY2(node.restart(&error), qPrintable(error));
    QCOMPARE(node.fingerprint(), first);
    QVERIFY(cert.open(QIODevice::ReadOnly));
    QCOMPARE(cert.readAll(), firstPem);
    cert.close();
    QCOMPARE(ApiClient(node.port(QStringLiteral("http")), true, first).get(QStringLiteral("/healthz")).status, 200);

    // A new certificate (the pair deleted, so the node makes another) is refused by the old pin.
    QCOMPARE(node.terminate(), 0);
    QVERIFY(QFile::remove(certFile));
    QVERIFY(QFile::remove(keyFile));
    QVERIFY2(node.restart(&error), qPrintable(error));
    const QString second = node.fingerprint();
    QVERIFY(!second.isEmpty());
    QVERIFY(second != first);
    QCOMPARE(fingerprintOfPemFile(certFile), second);
    const ApiClient::Reply refused
        = ApiClient(node.port(QStringLiteral("http")), true, first).get(QStringLiteral("/healthz"));
    QCOMPARE(refused.status, 0);
    QVERIFY(!refused.networkError.isEmpty());
    QVERIFY(refused.body.isEmpty());
    const ApiClient::Reply accepted = node.api().get(QStringLiteral("/healthz"));
    QCOMPARE(accepted.status, 200);
    QCOMPARE(accepted.body, QByteArray("ok\n"));

    // Half a pair is never silently replaced: without its key the node refuses to start.
    QCOMPARE(node.terminate(), 0);
    QVERIFY(QFile::remove(keyFile));
    QVERIFY(!node.restart(&error));
    QVERIFY2(node.standardError().contains("api-private-key.pem"), node.standardError().constData());
    QVERIFY(!node.isRunning());
    QCOMPARE(fingerprintOfPemFile(certFile), second);
}

void tst_OpsApi::plainRequestToStreamNeedsUpgrade()
{
    const ApiClient::Reply reply = as(Support).get(QStringLiteral("/api/v1/stream"));
    QVERIFY2(isErrorBody(reply, 426, QStringLiteral("upgrade-required")), reply.body.constData());
    QCOMPARE(m_node.api().get(QStringLiteral("/healthz")).body, QByteArray("ok\n"));
    QVERIFY(m_node.api().get(QStringLiteral("/metrics")).body.contains("vigil_messages_received_total"));
}

// ---------------------------------------------------------------------------------------------
// Identity

void tst_OpsApi::noTokenGets401WithChallenge()
{
    const ApiClient anonymous = m_node.api();
    for (const QString& path :
        { QStringLiteral("/api/v1/node"), QStringLiteral("/api/v1/messages"), QStringLiteral("/api/v1/dead-letters"),
            QStringLiteral("/api/v1/audit"), QStringLiteral("/api/v1/session") }) {
        const ApiClient::Reply reply = anonymous.get(path);
        QVERIFY2(isErrorBody(reply, 401, QStringLiteral("unauthenticated")), qPrintable(path));
        QVERIFY2(reply.headers.value("www-authenticate").startsWith("Bearer"), qPrintable(path));
    }
    // Checks go route first, then token: an anonymous caller learns only whether a path exists.
    QVERIFY(isErrorBody(anonymous.get(QStringLiteral("/api/v1/no-such-thing")), 404, QStringLiteral("not-found")));
    QVERIFY(isErrorBody(
        anonymous.send("DELETE", QStringLiteral("/api/v1/node")), 405, QStringLiteral("method-not-allowed")));
    // A state-changing request without a token acts on nothing.
    const ApiClient::Reply resubmit = anonymous.post(QStringLiteral("/api/v1/dead-letters/resubmit"),
        QJsonObject { { QStringLiteral("ids"), QJsonArray { 1 } },
            { QStringLiteral("reason"), QStringLiteral("no token here") } },
        QStringLiteral("anon-1"));
    QVERIFY(isErrorBody(resubmit, 401, QStringLiteral("unauthenticated")));
}

void tst_OpsApi::badTokenGets401()
{
    ApiClient forged = m_node.api();
    forged.setToken(QStringLiteral("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"));
    const ApiClient::Reply reply = forged.get(QStringLiteral("/api/v1/node"));
    QVERIFY2(isErrorBody(reply, 401, QStringLiteral("unauthenticated")), reply.body.constData());
    QVERIFY(reply.headers.value("www-authenticate").startsWith("Bearer"));
    // A real token with one character changed is just as unknown.
    QString tampered = m_tokens.value(Support);
    tampered[0] = tampered.at(0) == u'A' ? u'B' : u'A';
    forged.setToken(tampered);
    QCOMPARE(forged.get(QStringLiteral("/api/v1/node")).status, 401);
}

void tst_OpsApi::wrongPasswordAndUnknownUserLookTheSame()
{
    ApiClient client = m_node.api();
    const ApiClient::Reply wrongPassword = client.signIn(Support, QStringLiteral("not-the-password-at-all"));
    const ApiClient::Reply unknownUser
        = client.signIn(QStringLiteral("nobody-here"), QStringLiteral("not-the-password-at-all"));
    QVERIFY2(isErrorBody(wrongPassword, 401, QStringLiteral("sign-in-failed")), wrongPassword.body.constData());
    QCOMPARE(unknownUser.status, 401);
    QCOMPARE(unknownUser.body, wrongPassword.body);
    QVERIFY(client.token().isEmpty());
    // A good sign-in (which also clears this address's failures for the tests after this one).
    QCOMPARE(signInWaiting(client, Support).status, 200);
}

void tst_OpsApi::signInTokenWorksUntilSignOut()
{
    ApiClient client = m_node.api();
    const ApiClient::Reply signIn = signInWaiting(client, Support);
    QCOMPARE(signIn.status, 200);
    const QJsonObject body = signIn.json();
    QCOMPARE(body.value(QStringLiteral("tokenType")).toString(), QStringLiteral("Bearer"));
    QVERIFY(msOf(body.value(QStringLiteral("expiresAt"))) > QDateTime::currentMSecsSinceEpoch());
    QCOMPARE(body.value(QStringLiteral("user")).toObject().value(QStringLiteral("role")).toString(),
        QStringLiteral("support"));
    QCOMPARE(signIn.headers.value("cache-control"), QByteArray("no-store"));

    const ApiClient::Reply me = client.get(QStringLiteral("/api/v1/session"));
    QCOMPARE(me.status, 200);
    QCOMPARE(me.headers.value("cache-control"), QByteArray("no-store"));
    QCOMPARE(
        client.get(QStringLiteral("/api/v1/messages?limit=1")).headers.value("cache-control"), QByteArray("no-store"));
    QCOMPARE(me.json().value(QStringLiteral("user")).toObject().value(QStringLiteral("name")).toString(), Support);
    QCOMPARE(client.get(QStringLiteral("/api/v1/node")).status, 200);

    QCOMPARE(client.send("DELETE", QStringLiteral("/api/v1/session")).status, 204);
    QVERIFY(isErrorBody(client.get(QStringLiteral("/api/v1/node")), 401, QStringLiteral("unauthenticated")));
    QCOMPARE(client.get(QStringLiteral("/api/v1/session")).status, 401);
    // Other sessions of the same user go on.
    QCOMPARE(as(Support).get(QStringLiteral("/api/v1/node")).status, 200);
}

void tst_OpsApi::disablingUserEndsSessionsAtOnce()
{
    ApiClient client = m_node.api();
    QCOMPARE(signInWaiting(client, Leaver).status, 200);
    QCOMPARE(client.get(QStringLiteral("/api/v1/node")).status, 200);
    QByteArray output;
    QCOMPARE(m_node.adminCommand({ QStringLiteral("user"), QStringLiteral("disable"), Leaver }, {}, &output), 0);
    // No waiting: the very next request is refused.
    QVERIFY(isErrorBody(client.get(QStringLiteral("/api/v1/node")), 401, QStringLiteral("unauthenticated")));
    ApiClient again = m_node.api();
    QCOMPARE(again.signIn(Leaver, password(Leaver)).status, 401);
    QVERIFY(again.token().isEmpty());
    // Clear this address's failure count for the tests that follow.
    QCOMPARE(signInWaiting(again, Support).status, 200);
}

void tst_OpsApi::passwordChangeEndsSessions()
{
    const QString user = QStringLiteral("changer");
    QString error;
    QVERIFY2(m_node.addUser(user, QStringLiteral("support"), {}, password(user), &error), qPrintable(error));
    ApiClient client = m_node.api();
    QCOMPARE(signInWaiting(client, user).status, 200);
    QCOMPARE(client.get(QStringLiteral("/api/v1/session")).status, 200);
    const QString newPassword = QStringLiteral("a-brand-new-passphrase-2026");
    QCOMPARE(m_node.adminCommand(
                 { QStringLiteral("user"), QStringLiteral("passwd"), user, QStringLiteral("--password-stdin") },
                 newPassword.toUtf8() + '\n'),
        0);
    QCOMPARE(client.get(QStringLiteral("/api/v1/session")).status, 401);
    ApiClient again = m_node.api();
    QCOMPARE(again.signIn(user, newPassword).status, 200);
    QCOMPARE(again.get(QStringLiteral("/api/v1/session")).status, 200);
    // The CLI lists the users it manages (and never a hash).
    QByteArray list;
    QCOMPARE(m_node.adminCommand({ QStringLiteral("user"), QStringLiteral("list") }, {}, &list), 0);
    QVERIFY(list.contains("changer"));
    QVERIFY(list.contains("4B"));
    QVERIFY(!list.contains("scrypt"));
}

// ---------------------------------------------------------------------------------------------
// Roles and PHI

void tst_OpsApi::nurseIsRefusedWhatNursesMayNotDo()
{
    const ApiClient nurse = as(Nurse);
    const QJsonObject resubmit { { QStringLiteral("ids"), QJsonArray { 1 } },
        { QStringLiteral("reason"), QStringLiteral("nurse tries it") } };
    QVERIFY(
        isErrorBody(nurse.post(QStringLiteral("/api/v1/dead-letters/resubmit"), resubmit, QStringLiteral("nurse-1")),
            403, QStringLiteral("forbidden")));
    QVERIFY(isErrorBody(nurse.post(QStringLiteral("/api/v1/dead-letters/1/preview"), QJsonObject {}), 403,
        QStringLiteral("forbidden")));
    QVERIFY(isErrorBody(nurse.get(QStringLiteral("/api/v1/dead-letters")), 403, QStringLiteral("forbidden")));
    QVERIFY(isErrorBody(nurse.get(QStringLiteral("/api/v1/dead-letters/groups")), 403, QStringLiteral("forbidden")));
    QVERIFY(isErrorBody(nurse.get(QStringLiteral("/api/v1/audit")), 403, QStringLiteral("forbidden")));
    QVERIFY(isErrorBody(nurse.get(QStringLiteral("/api/v1/audit/verify")), 403, QStringLiteral("forbidden")));
    QVERIFY(isErrorBody(nurse.get(QStringLiteral("/api/v1/messages/export")), 403, QStringLiteral("forbidden")));
    QVERIFY(isErrorBody(nurse.post(QStringLiteral("/api/v1/messages/1/reveal"),
                            QJsonObject { { QStringLiteral("reason"), QStringLiteral("curious about it") } }),
        403, QStringLiteral("forbidden")));
    // What a nurse may do.
    QCOMPARE(nurse.get(QStringLiteral("/api/v1/node")).status, 200);
    QCOMPARE(nurse.get(QStringLiteral("/api/v1/stats")).status, 200);
    QCOMPARE(nurse.get(QStringLiteral("/api/v1/messages")).status, 200);
}

void tst_OpsApi::supportReadsButCannotResubmit()
{
    const ApiClient support = as(Support);
    const QJsonObject resubmit { { QStringLiteral("ids"), QJsonArray { 1 } },
        { QStringLiteral("reason"), QStringLiteral("support tries it") } };
    QVERIFY(isErrorBody(
        support.post(QStringLiteral("/api/v1/dead-letters/resubmit"), resubmit, QStringLiteral("support-1")), 403,
        QStringLiteral("forbidden")));
    QVERIFY(isErrorBody(support.post(QStringLiteral("/api/v1/dead-letters/1/preview"), QJsonObject {}), 403,
        QStringLiteral("forbidden")));
    const ApiClient::Reply letters = support.get(QStringLiteral("/api/v1/dead-letters"));
    QCOMPARE(letters.status, 200);
    QVERIFY(letters.json().value(QStringLiteral("items")).isArray());
    QCOMPARE(support.get(QStringLiteral("/api/v1/dead-letters/groups")).status, 200);
    const ApiClient::Reply audit = support.get(QStringLiteral("/api/v1/audit"));
    QCOMPARE(audit.status, 200);
    QVERIFY(!items(audit).isEmpty()); // at least the sign-ins of initTestCase
    QCOMPARE(support.get(QStringLiteral("/api/v1/audit/verify")).status, 200);
}

void tst_OpsApi::adminMayResubmit()
{
    const ApiClient admin = as(Admin);
    const ApiClient::Reply reply = admin.post(QStringLiteral("/api/v1/dead-letters/resubmit"),
        QJsonObject { { QStringLiteral("ids"), QJsonArray { 987654321 } },
            { QStringLiteral("reason"), QStringLiteral("admin checks access") } },
        QStringLiteral("admin-access-1"));
    QCOMPARE(reply.status, 200);
    const QJsonObject body = reply.json();
    QCOMPARE(body.value(QStringLiteral("resubmitted")).toInt(), 0);
    QCOMPARE(body.value(QStringLiteral("refused")).toInt(), 1);
    QCOMPARE(body.value(QStringLiteral("results")).toArray().at(0).toObject().value(QStringLiteral("code")).toString(),
        QStringLiteral("not-found"));
}

void tst_OpsApi::nurseSeesOnlyOwnUnits()
{
    QCOMPARE(sendMllp(QStringLiteral("hl7-in"),
                 adt(QStringLiteral("UNIT-4B"), QStringLiteral("MRN-U4B"), QStringLiteral("WARDFOUR"),
                     QStringLiteral("4B"))),
        QStringLiteral("AA"));
    QCOMPARE(sendMllp(QStringLiteral("hl7-in"),
                 adt(QStringLiteral("UNIT-5A"), QStringLiteral("MRN-U5A"), QStringLiteral("WARDFIVE"),
                     QStringLiteral("5A"))),
        QStringLiteral("AA"));
    const ApiClient admin = as(Admin);
    const QJsonObject other = waitForMessage(admin, QStringLiteral("controlId=UNIT-5A"));
    QVERIFY(!other.isEmpty());
    QCOMPARE(other.value(QStringLiteral("unit")).toString(), QStringLiteral("5A"));
    const QJsonObject own = waitForMessage(admin, QStringLiteral("controlId=UNIT-4B"));
    QVERIFY(!own.isEmpty());

    const ApiClient nurse = as(Nurse);
    const ApiClient::Reply list = nurse.get(QStringLiteral("/api/v1/messages?limit=500"));
    QCOMPARE(list.status, 200);
    QStringList controlIds;
    for (const QJsonValue& v : items(list)) {
        QCOMPARE(v.toObject().value(QStringLiteral("unit")).toString(), QStringLiteral("4B"));
        controlIds << v.toObject().value(QStringLiteral("controlId")).toString();
    }
    QVERIFY(controlIds.contains(QStringLiteral("UNIT-4B")));
    QVERIFY(!controlIds.contains(QStringLiteral("UNIT-5A")));
    QVERIFY(!list.body.contains("MRN-U5A"));
    // Asking for it by id, by control ID or by correlation ID finds nothing either.
    const QString otherId = QString::number(other.value(QStringLiteral("id")).toInteger());
    QVERIFY(isErrorBody(nurse.get(QStringLiteral("/api/v1/messages/") + otherId), 404, QStringLiteral("not-found")));
    QCOMPARE(items(nurse.get(QStringLiteral("/api/v1/messages?controlId=UNIT-5A"))).size(), 0);
    QCOMPARE(
        nurse.get(QStringLiteral("/api/v1/traces/") + other.value(QStringLiteral("correlationId")).toString()).status,
        404);

    // Their own patient's identity is not masked for them (they treat that patient).
    const QString ownId = QString::number(own.value(QStringLiteral("id")).toInteger());
    const ApiClient::Reply detail = nurse.get(QStringLiteral("/api/v1/messages/") + ownId);
    QCOMPARE(detail.status, 200);
    QCOMPARE(detail.json().value(QStringLiteral("patientId")).toString(), QStringLiteral("MRN-U4B"));
    const QJsonObject content = detail.json().value(QStringLiteral("content")).toObject();
    QCOMPARE(content.value(QStringLiteral("masked")).toBool(), false);
    QVERIFY(content.value(QStringLiteral("raw")).toString().contains(QStringLiteral("WARDFOUR^JANE")));
}

void tst_OpsApi::phiMaskedUnlessRevealedWithReason()
{
    const QString family = QStringLiteral("HIDDENFAMILYNAME");
    const QString mrn = QStringLiteral("MRN-PHI-77");
    QCOMPARE(sendMllp(QStringLiteral("hl7-in"), adt(QStringLiteral("PHI-1"), mrn, family, QStringLiteral("4B"))),
        QStringLiteral("AA"));
    const ApiClient support = as(Support);
    const QJsonObject summary = waitForMessage(support, QStringLiteral("controlId=PHI-1"));
    QVERIFY(!summary.isEmpty());
    QCOMPARE(summary.value(QStringLiteral("patientId")).toString(), QStringLiteral("***"));
    const qint64 id = summary.value(QStringLiteral("id")).toInteger();

    const ApiClient::Reply detail = support.get(QStringLiteral("/api/v1/messages/%1").arg(id));
    QCOMPARE(detail.status, 200);
    QVERIFY2(!detail.body.contains(family.toUtf8()), "the family name reached a support user unmasked");
    QVERIFY2(!detail.body.contains(mrn.toUtf8()), "the MRN reached a support user unmasked");
    QCOMPARE(detail.json().value(QStringLiteral("patientId")).toString(), QStringLiteral("***"));
    const QJsonObject content = detail.json().value(QStringLiteral("content")).toObject();
    QCOMPARE(content.value(QStringLiteral("masked")).toBool(), true);
    const QString raw = content.value(QStringLiteral("raw")).toString();
    QVERIFY(raw.contains(QStringLiteral("|PHI-1|"))); // the rest of the message is there
    QVERIFY(raw.contains(QStringLiteral("\rPID|")));
    QVERIFY(!QByteArray::fromBase64(content.value(QStringLiteral("rawBase64")).toString().toLatin1())
                 .contains(family.toUtf8()));
    bool pid5Masked = false;
    for (const QString& path : strings(content.value(QStringLiteral("maskedPaths"))))
        pid5Masked = pid5Masked || (path.startsWith(QStringLiteral("PID")) && path.contains(QStringLiteral("-5")));
    QVERIFY2(pid5Masked, QJsonDocument(content.value(QStringLiteral("maskedPaths")).toArray()).toJson().constData());
    // Also masked in the list (the list and the search are the same data).
    QVERIFY(!support.get(QStringLiteral("/api/v1/messages?controlId=PHI-1")).body.contains(mrn.toUtf8()));

    // Reveal: without a reason, nothing; with one, the real content, and the audit log says so.
    const QString revealPath = QStringLiteral("/api/v1/messages/%1/reveal").arg(id);
    const ApiClient::Reply noReason = support.post(revealPath, QJsonObject {});
    QVERIFY2(isErrorBody(noReason, 400, QStringLiteral("reason-required")), noReason.body.constData());
    QVERIFY(!noReason.body.contains(family.toUtf8()));
    QVERIFY(isErrorBody(support.post(revealPath, QJsonObject { { QStringLiteral("reason"), QStringLiteral("  ") } }),
        400, QStringLiteral("reason-required")));
    const QString reason = QStringLiteral("ticket 4711: verify patient identity");
    const ApiClient::Reply revealed = support.post(revealPath, QJsonObject { { QStringLiteral("reason"), reason } });
    QCOMPARE(revealed.status, 200);
    QCOMPARE(revealed.json().value(QStringLiteral("patientId")).toString(), mrn);
    const QJsonObject revealedContent = revealed.json().value(QStringLiteral("content")).toObject();
    QCOMPARE(revealedContent.value(QStringLiteral("masked")).toBool(), false);
    QVERIFY(revealedContent.value(QStringLiteral("raw")).toString().contains(family + QStringLiteral("^JANE")));

    const ApiClient::Reply audit = support.get(
        QStringLiteral("/api/v1/audit?action=reveal-phi&target=") + encoded(QStringLiteral("message:%1").arg(id)));
    QCOMPARE(audit.status, 200);
    const QJsonArray entries = items(audit);
    QCOMPARE(entries.size(), 1);
    const QJsonObject entry = entries.at(0).toObject();
    QCOMPARE(entry.value(QStringLiteral("actor")).toString(), Support);
    QCOMPARE(entry.value(QStringLiteral("role")).toString(), QStringLiteral("support"));
    QCOMPARE(entry.value(QStringLiteral("target")).toString(), QStringLiteral("message:%1").arg(id));
    QCOMPARE(entry.value(QStringLiteral("reason")).toString(), reason);
    QVERIFY(!entry.value(QStringLiteral("remote")).toString().isEmpty());
    QVERIFY(!entry.value(QStringLiteral("hash")).toString().isEmpty());
    // The refused attempts revealed nothing and so were not recorded as reveals.
    QVERIFY(!audit.body.contains(family.toUtf8()));
}

void tst_OpsApi::exportIsMasked()
{
    const QString family = QStringLiteral("EXPORTFAMILY");
    QCOMPARE(sendMllp(QStringLiteral("hl7-in"),
                 adt(QStringLiteral("EXP-1"), QStringLiteral("MRN-EXP-1"), family, QStringLiteral("4B"))),
        QStringLiteral("AA"));
    const ApiClient admin = as(Admin);
    QVERIFY(!waitForMessage(admin, QStringLiteral("controlId=EXP-1")).isEmpty());
    const ApiClient::Reply reply = admin.get(QStringLiteral("/api/v1/messages/export?controlId=EXP-1"));
    QCOMPARE(reply.status, 200);
    QVERIFY(reply.headers.value("content-type").startsWith("application/x-ndjson"));
    QVERIFY(reply.headers.value("content-disposition").startsWith("attachment"));
    const QList<QByteArray> lines = reply.body.trimmed().split('\n');
    QCOMPARE(lines.size(), 1);
    const QJsonObject line = QJsonDocument::fromJson(lines.first()).object();
    QCOMPARE(line.value(QStringLiteral("controlId")).toString(), QStringLiteral("EXP-1"));
    QCOMPARE(line.value(QStringLiteral("patientId")).toString(), QStringLiteral("***"));
    QVERIFY(line.value(QStringLiteral("content"))
                .toObject()
                .value(QStringLiteral("raw"))
                .toString()
                .contains(QStringLiteral("|EXP-1|")));
    QVERIFY(!reply.body.contains(family.toUtf8()));
    QVERIFY(!reply.body.contains("MRN-EXP-1"));
    // The export itself is audited.
    QVERIFY(!items(admin.get(QStringLiteral("/api/v1/audit?action=export-messages&actor=admin"))).isEmpty());
}

void tst_OpsApi::auditChainIsIntact()
{
    const ApiClient::Reply reply = as(Admin).get(QStringLiteral("/api/v1/audit/verify"));
    QCOMPARE(reply.status, 200);
    const QJsonObject body = reply.json();
    QCOMPARE(body.value(QStringLiteral("intact")).toBool(), true);
    QVERIFY(body.value(QStringLiteral("entriesChecked")).toInt() >= 4); // the sign-ins of initTestCase, at least
    QVERIFY(body.value(QStringLiteral("headSeq")).toInteger() >= 4);
    QVERIFY(!body.value(QStringLiteral("headHash")).toString().isEmpty());
    // The head is the newest entry of the list.
    const QJsonObject newest = items(as(Admin).get(QStringLiteral("/api/v1/audit?limit=1"))).at(0).toObject();
    QVERIFY(newest.value(QStringLiteral("seq")).toInteger() >= body.value(QStringLiteral("headSeq")).toInteger());
    // Keyset pages of the audit log: before=<nextCursor> continues below it.
    const ApiClient::Reply page = as(Admin).get(QStringLiteral("/api/v1/audit?limit=2"));
    const qint64 cursor = page.json().value(QStringLiteral("nextCursor")).toInteger();
    QVERIFY(cursor > 0);
    const QJsonObject next
        = items(as(Admin).get(QStringLiteral("/api/v1/audit?limit=1&before=%1").arg(cursor))).at(0).toObject();
    QCOMPARE(next.value(QStringLiteral("seq")).toInteger(), cursor - 1);
    // The command line says the same while the node runs.
    QByteArray output;
    QCOMPARE(m_node.adminCommand({ QStringLiteral("audit"), QStringLiteral("verify") }, {}, &output), 0);
    QVERIFY2(output.contains("intact"), output.constData());
}

// ---------------------------------------------------------------------------------------------
// Queries

void tst_OpsApi::searchesFilterByEveryKey()
{
    const QString mrn = QStringLiteral("MRN-SRCH");
    QCOMPARE(sendMllp(QStringLiteral("hl7-in"),
                 adt(QStringLiteral("S-1"), mrn, QStringLiteral("SEARCHA"), QStringLiteral("4B"))),
        QStringLiteral("AA"));
    QCOMPARE(
        sendMllp(QStringLiteral("hl7-in"),
            adt(QStringLiteral("S-2"), mrn, QStringLiteral("SEARCHA"), QStringLiteral("4B"), QStringLiteral("A08"))),
        QStringLiteral("AA"));
    QCOMPARE(sendMllp(QStringLiteral("hl7-in"),
                 adt(QStringLiteral("S-3"), {}, QStringLiteral("SEARCHA"), QStringLiteral("4B"))),
        QStringLiteral("AE"));
    const ApiClient admin = as(Admin);
    const QJsonObject s1 = waitForMessage(admin, QStringLiteral("controlId=S-1"));
    const QJsonObject s2 = waitForMessage(admin, QStringLiteral("controlId=S-2"));
    const QJsonObject s3 = waitForMessage(admin, QStringLiteral("controlId=S-3"));
    QVERIFY(!s1.isEmpty() && !s2.isEmpty() && !s3.isEmpty());

    // The control IDs a search finds, sorted (or the HTTP status when it fails).
    const auto ids = [&](const QString& query) {
        const ApiClient::Reply reply = admin.get(QStringLiteral("/api/v1/messages?") + query);
        QStringList found;
        for (const QJsonValue& v : items(reply))
            found << v.toObject().value(QStringLiteral("controlId")).toString();
        found.sort();
        return reply.status == 200 ? found : QStringList { QStringLiteral("HTTP %1").arg(reply.status) };
    };
    using Set = QStringList;
    // By control ID and by correlation ID: exactly that message.
    QCOMPARE(ids(QStringLiteral("controlId=S-1")), Set { QStringLiteral("S-1") });
    QCOMPARE(ids(QStringLiteral("correlationId=") + s2.value(QStringLiteral("correlationId")).toString()),
        Set { QStringLiteral("S-2") });
    QCOMPARE(s1.value(QStringLiteral("correlationId")).toString().size(), 32);
    // By patient: both of this patient's messages (the invalid one has no patient identifier).
    QCOMPARE(ids(QStringLiteral("patientId=") + mrn), (Set { QStringLiteral("S-1"), QStringLiteral("S-2") }));
    // By type, with and without the trigger event.
    QCOMPARE(ids(QStringLiteral("patientId=%1&type=%2").arg(mrn, encoded(QStringLiteral("ADT^A08")))),
        Set { QStringLiteral("S-2") });
    QCOMPARE(ids(QStringLiteral("patientId=%1&type=%2").arg(mrn, encoded(QStringLiteral("ADT^A01")))),
        Set { QStringLiteral("S-1") });
    QCOMPARE(
        ids(QStringLiteral("patientId=%1&type=ADT").arg(mrn)), (Set { QStringLiteral("S-1"), QStringLiteral("S-2") }));
    QCOMPARE(ids(QStringLiteral("patientId=%1&type=ORU").arg(mrn)), Set {});
    // By state.
    QCOMPARE(s3.value(QStringLiteral("state")).toString(), QStringLiteral("invalid"));
    QVERIFY(!s3.contains(QStringLiteral("patientId"))); // fields without a value are left out
    QCOMPARE(s3.value(QStringLiteral("ackCode")).toString(), QStringLiteral("AE"));
    QCOMPARE(ids(QStringLiteral("controlId=S-3&state=invalid")), Set { QStringLiteral("S-3") });
    QCOMPARE(ids(QStringLiteral("controlId=S-3&state=accepted")), Set {});
    QCOMPARE(ids(QStringLiteral("patientId=%1&state=accepted").arg(mrn)),
        (Set { QStringLiteral("S-1"), QStringLiteral("S-2") }));
    // By channel and format.
    QCOMPARE(ids(QStringLiteral("controlId=S-1&channel=hl7-in&format=hl7v2")), Set { QStringLiteral("S-1") });
    QCOMPARE(ids(QStringLiteral("controlId=S-1&channel=dl-in")), Set {});
    // By time: a range that ends before the first, one that starts after the last, and one around each.
    const qint64 t1 = msOf(s1.value(QStringLiteral("receivedAt")));
    const qint64 t2 = msOf(s2.value(QStringLiteral("receivedAt")));
    QVERIFY(t1 > 0 && t2 >= t1);
    QCOMPARE(ids(QStringLiteral("patientId=%1&to=%2").arg(mrn).arg(t1 - 1)), Set {});
    QCOMPARE(ids(QStringLiteral("patientId=%1&from=%2").arg(mrn).arg(t2 + 1)), Set {});
    QCOMPARE(ids(QStringLiteral("patientId=%1&from=%2&to=%3").arg(mrn).arg(t1).arg(t2)),
        (Set { QStringLiteral("S-1"), QStringLiteral("S-2") }));
    if (t2 > t1) {
        QCOMPARE(ids(QStringLiteral("patientId=%1&to=%2").arg(mrn).arg(t2 - 1)), Set { QStringLiteral("S-1") });
        QCOMPARE(ids(QStringLiteral("patientId=%1&from=%2").arg(mrn).arg(t1 + 1)), Set { QStringLiteral("S-2") });
    }
    // ISO 8601 works as well as milliseconds.
    QCOMPARE(ids(QStringLiteral("patientId=%1&from=%2")
                     .arg(mrn, encoded(s1.value(QStringLiteral("receivedAt")).toString()))),
        (Set { QStringLiteral("S-1"), QStringLiteral("S-2") }));
    // A search by patient is itself audited (without the identifier).
    const ApiClient::Reply audit = admin.get(QStringLiteral("/api/v1/audit?action=search-patient&actor=admin"));
    QVERIFY(!items(audit).isEmpty());
    QVERIFY(!audit.body.contains(mrn.toUtf8()));
}

void tst_OpsApi::keysetPaginationHasNoGapsOrDuplicates()
{
    const QString mrn = QStringLiteral("MRN-PAGE");
    QStringList sent;
    for (int i = 1; i <= 5; ++i) {
        sent << QStringLiteral("PAGE-%1").arg(i);
        QCOMPARE(
            sendMllp(QStringLiteral("hl7-in"), adt(sent.last(), mrn, QStringLiteral("PAGER"), QStringLiteral("4B"))),
            QStringLiteral("AA"));
    }
    const ApiClient admin = as(Admin);
    QTRY_COMPARE_WITH_TIMEOUT(countMessages(admin, QStringLiteral("patientId=") + mrn), 5, 15000);

    QList<qint64> seen;
    QStringList controlIds;
    QList<int> pageSizes;
    QString query = QStringLiteral("/api/v1/messages?patientId=%1&limit=2").arg(mrn);
    for (int page = 0; page < 10; ++page) {
        const ApiClient::Reply reply = admin.get(query);
        QCOMPARE(reply.status, 200);
        const QJsonArray list = items(reply);
        pageSizes << int(list.size());
        for (const QJsonValue& v : list) {
            seen << v.toObject().value(QStringLiteral("id")).toInteger();
            controlIds << v.toObject().value(QStringLiteral("controlId")).toString();
        }
        const QJsonValue cursor = reply.json().value(QStringLiteral("nextCursor"));
        if (cursor.isUndefined())
            break;
        QVERIFY(cursor.toInteger() > 0);
        query = QStringLiteral("/api/v1/messages?patientId=%1&limit=2&before=%2").arg(mrn).arg(cursor.toInteger());
    }
    QCOMPARE(pageSizes, (QList<int> { 2, 2, 1 }));
    QCOMPARE(QSet<qint64>(seen.cbegin(), seen.cend()).size(), 5); // no duplicates
    for (qsizetype i = 1; i < seen.size(); ++i)
        QVERIFY(seen.at(i) < seen.at(i - 1)); // newest first
    std::reverse(controlIds.begin(), controlIds.end());
    QCOMPARE(controlIds, sent); // no gaps, in arrival order
}

void tst_OpsApi::messageShowsTraceAndDelivery()
{
    QCOMPARE(
        sendMllp(QStringLiteral("hl7-in"),
            adt(QStringLiteral("TRACE-1"), QStringLiteral("MRN-TR"), QStringLiteral("TRACER"), QStringLiteral("4B"))),
        QStringLiteral("AA"));
    const ApiClient admin = as(Admin);
    const QJsonObject summary = waitForMessage(admin, QStringLiteral("controlId=TRACE-1"));
    QVERIFY(!summary.isEmpty());
    const QString path = QStringLiteral("/api/v1/messages/%1").arg(summary.value(QStringLiteral("id")).toInteger());
    QTRY_VERIFY_WITH_TIMEOUT(
        strings(admin.get(path).json().value(QStringLiteral("deliveredTo"))).contains(QStringLiteral("ehr")), 15000);
    QTRY_VERIFY_WITH_TIMEOUT(m_sink.received().contains(QStringLiteral("TRACE-1")), 5000);

    const QJsonObject detail = admin.get(path).json();
    QCOMPARE(detail.value(QStringLiteral("controlId")).toString(), QStringLiteral("TRACE-1"));
    QCOMPARE(detail.value(QStringLiteral("messageType")).toString(), QStringLiteral("ADT"));
    QCOMPARE(detail.value(QStringLiteral("triggerEvent")).toString(), QStringLiteral("A01"));
    QCOMPARE(detail.value(QStringLiteral("unit")).toString(), QStringLiteral("4B"));
    QCOMPARE(detail.value(QStringLiteral("state")).toString(), QStringLiteral("accepted"));
    QCOMPARE(detail.value(QStringLiteral("ackCode")).toString(), QStringLiteral("AA"));
    QCOMPARE(strings(detail.value(QStringLiteral("routedTo"))), QStringList { QStringLiteral("ehr") });
    // Raw bytes and a parsed view.
    const QJsonObject content = detail.value(QStringLiteral("content")).toObject();
    QVERIFY(QByteArray::fromBase64(content.value(QStringLiteral("rawBase64")).toString().toLatin1())
                .startsWith("MSH|^~\\&|TESTAPP"));
    QVERIFY(content.value(QStringLiteral("parsed")).isObject() || content.value(QStringLiteral("parsed")).isArray());

    QStringList stages;
    bool delivered = false;
    qint64 lastAt = 0;
    for (const QJsonValue& v : detail.value(QStringLiteral("trace")).toArray()) {
        const QJsonObject e = v.toObject();
        stages << e.value(QStringLiteral("stage")).toString();
        QVERIFY2(e.value(QStringLiteral("atUs")).toInteger() >= lastAt, "trace events are not in time order");
        lastAt = e.value(QStringLiteral("atUs")).toInteger();
        if (e.value(QStringLiteral("stage")).toString() == u"deliver"
            && e.value(QStringLiteral("destination")).toString() == u"ehr"
            && e.value(QStringLiteral("outcome")).toString() == u"ok")
            delivered = true;
    }
    for (const QString& stage : { QStringLiteral("receive"), QStringLiteral("persist"), QStringLiteral("ack"),
             QStringLiteral("parse"), QStringLiteral("validate"), QStringLiteral("route") })
        QVERIFY2(stages.contains(stage), qPrintable(stage + QStringLiteral(" missing in ") + stages.join(u',')));
    QVERIFY2(delivered, qPrintable(stages.join(u',')));
    QVERIFY(detail.value(QStringLiteral("deadLetters")).toArray().isEmpty());
}

void tst_OpsApi::traceByCorrelationId()
{
    QCOMPARE(
        sendMllp(QStringLiteral("hl7-in"),
            adt(QStringLiteral("TRACE-2"), QStringLiteral("MRN-TR2"), QStringLiteral("TRACER"), QStringLiteral("4B"))),
        QStringLiteral("AA"));
    const ApiClient support = as(Support);
    const QJsonObject summary = waitForMessage(support, QStringLiteral("controlId=TRACE-2"));
    QVERIFY(!summary.isEmpty());
    const QString correlationId = summary.value(QStringLiteral("correlationId")).toString();
    const ApiClient::Reply reply = support.get(QStringLiteral("/api/v1/traces/") + correlationId);
    QCOMPARE(reply.status, 200);
    const QJsonObject trace = reply.json();
    QCOMPARE(trace.value(QStringLiteral("correlationId")).toString(), correlationId);
    const QJsonArray messages = trace.value(QStringLiteral("messages")).toArray();
    QCOMPARE(messages.size(), 1);
    QCOMPARE(messages.at(0).toObject().value(QStringLiteral("id")).toInteger(),
        summary.value(QStringLiteral("id")).toInteger());
    QCOMPARE(messages.at(0).toObject().value(QStringLiteral("patientId")).toString(), QStringLiteral("***"));
    QStringList stages;
    for (const QJsonValue& v : trace.value(QStringLiteral("events")).toArray())
        stages << v.toObject().value(QStringLiteral("stage")).toString();
    QVERIFY2(stages.contains(QStringLiteral("receive")) && stages.contains(QStringLiteral("persist")),
        qPrintable(stages.join(u',')));
    QVERIFY(!reply.body.contains("MRN-TR2"));
    // Unknown and malformed correlation IDs.
    QVERIFY(isErrorBody(
        support.get(QStringLiteral("/api/v1/traces/") + QString(32, u'0')), 404, QStringLiteral("not-found")));
    QVERIFY(isErrorBody(
        support.get(QStringLiteral("/api/v1/traces/not-a-trace")), 400, QStringLiteral("invalid-parameter")));
}

void tst_OpsApi::nodeInfoAndStats()
{
    const ApiClient nurse = as(Nurse);
    const ApiClient::Reply info = nurse.get(QStringLiteral("/api/v1/node"));
    QCOMPARE(info.status, 200);
    const QJsonObject node = info.json();
    QCOMPARE(node.value(QStringLiteral("nodeId")).toString(), QStringLiteral("it-node"));
    QCOMPARE(node.value(QStringLiteral("apiVersion")).toString(), QStringLiteral("v1"));
    QVERIFY(!node.value(QStringLiteral("version")).toString().isEmpty());
    QVERIFY(node.value(QStringLiteral("uptimeSeconds")).isDouble());
    QVERIFY(msOf(node.value(QStringLiteral("startedAt"))) > 0);
    QStringList channels;
    for (const QJsonValue& v : node.value(QStringLiteral("channels")).toArray())
        channels << v.toObject().value(QStringLiteral("name")).toString();
    QCOMPARE(channels,
        (QStringList { QStringLiteral("hl7-in"), QStringLiteral("dl-in"), QStringLiteral("rs-in"),
            QStringLiteral("dr-in"), QStringLiteral("fhir-in") }));
    const QJsonObject destination = node.value(QStringLiteral("destinations")).toArray().at(0).toObject();
    QCOMPARE(destination.value(QStringLiteral("name")).toString(), QStringLiteral("ehr"));
    QCOMPARE(destination.value(QStringLiteral("kind")).toString(), QStringLiteral("mllp"));
    QCOMPARE(destination.value(QStringLiteral("target")).toString(), QStringLiteral("127.0.0.1:%1").arg(m_sink.port()));

    QCOMPARE(
        sendMllp(QStringLiteral("hl7-in"),
            adt(QStringLiteral("STATS-1"), QStringLiteral("MRN-ST"), QStringLiteral("STATS"), QStringLiteral("4B"))),
        QStringLiteral("AA"));
    QTRY_VERIFY_WITH_TIMEOUT(m_sink.received().contains(QStringLiteral("STATS-1")), 15000);
    // The stats are a sample taken once a second: wait for one that saw the delivery.
    QJsonObject stats;
    const auto destinationStats = [&](const QString& name) {
        stats = nurse.get(QStringLiteral("/api/v1/stats")).json();
        for (const QJsonValue& v : stats.value(QStringLiteral("destinations")).toArray()) {
            if (v.toObject().value(QStringLiteral("name")).toString() == name)
                return v.toObject();
        }
        return QJsonObject();
    };
    QTRY_VERIFY_WITH_TIMEOUT(
        destinationStats(QStringLiteral("ehr")).value(QStringLiteral("deliveredTotal")).toInteger() >= 1, 10000);
    const QJsonObject ehr = destinationStats(QStringLiteral("ehr"));
    QVERIFY(ehr.value(QStringLiteral("queueDepth")).isDouble());
    QCOMPARE(ehr.value(QStringLiteral("queueDepth")).toInteger(), 0);
    QCOMPARE(ehr.value(QStringLiteral("breakerState")).toString(), QStringLiteral("closed"));
    QVERIFY(ehr.value(QStringLiteral("inFlight")).isDouble());
    QVERIFY(ehr.value(QStringLiteral("oldestQueuedAgeMs")).isDouble());
    QVERIFY(ehr.value(QStringLiteral("drainRatePerSec")).isDouble());
    QVERIFY(!ehr.value(QStringLiteral("lastSentAtMs")).isNull());
    QVERIFY(stats.value(QStringLiteral("atMs")).toInteger() > 0);
    QVERIFY(stats.value(QStringLiteral("node")).toObject().value(QStringLiteral("messagesStored")).toInteger() >= 1);
    QJsonObject hl7In;
    for (const QJsonValue& v : stats.value(QStringLiteral("channels")).toArray()) {
        if (v.toObject().value(QStringLiteral("name")).toString() == u"hl7-in")
            hl7In = v.toObject();
    }
    QVERIFY(hl7In.value(QStringLiteral("receivedTotal")).toInteger() >= 1);
    QVERIFY(!hl7In.value(QStringLiteral("lastReceivedAtMs")).isNull());
}

void tst_OpsApi::statsHistoryFills()
{
    const ApiClient support = as(Support);
    const QString path = QStringLiteral("/api/v1/stats/history?kind=destination&name=ehr");
    QTRY_VERIFY_WITH_TIMEOUT(!support.get(path).json().value(QStringLiteral("points")).toArray().isEmpty(), 10000);
    const QJsonObject series = support.get(path).json();
    QCOMPARE(series.value(QStringLiteral("endpointKind")).toString(), QStringLiteral("destination"));
    QCOMPARE(series.value(QStringLiteral("name")).toString(), QStringLiteral("ehr"));
    QVERIFY(series.value(QStringLiteral("resolutionSec")).toInt() >= 1);
    const QJsonObject point = series.value(QStringLiteral("points")).toArray().last().toObject();
    QVERIFY(point.value(QStringLiteral("atMs")).toInteger() >= series.value(QStringLiteral("fromMs")).toInteger());
    QVERIFY(point.value(QStringLiteral("samples")).toInt() >= 1);
    QVERIFY(point.value(QStringLiteral("queueDepth")).isDouble());
    QTRY_VERIFY_WITH_TIMEOUT(!support.get(QStringLiteral("/api/v1/stats/history?kind=channel&name=hl7-in"))
                                  .json()
                                  .value(QStringLiteral("points"))
                                  .toArray()
                                  .isEmpty(),
        5000);
    QVERIFY(isErrorBody(support.get(QStringLiteral("/api/v1/stats/history?kind=destination")), 400,
        QStringLiteral("missing-parameter")));
    const ApiClient::Reply unknown = support.get(QStringLiteral("/api/v1/stats/history?kind=destination&name=nowhere"));
    QCOMPARE(unknown.status, 200); // an unknown name is an empty series, not a 404
    QVERIFY(unknown.json().value(QStringLiteral("points")).toArray().isEmpty());
    QVERIFY(isErrorBody(support.get(QStringLiteral("/api/v1/stats/history?kind=queue&name=ehr")), 400,
        QStringLiteral("invalid-parameter")));
}

// ---------------------------------------------------------------------------------------------
// Dead letters and resubmission

void tst_OpsApi::deadLetterListedAndGrouped()
{
    QCOMPARE(sendMllp(QStringLiteral("dl-in"),
                 adt(QStringLiteral("DL-1"), {}, QStringLiteral("LETTER"), QStringLiteral("4B"))),
        QStringLiteral("AE"));
    const QJsonObject letter = waitForDeadLetter(QStringLiteral("dl-in"), QStringLiteral("DL-1"));
    QVERIFY(!letter.isEmpty());
    QCOMPARE(letter.value(QStringLiteral("stage")).toString(), QStringLiteral("validate"));
    QCOMPARE(letter.value(QStringLiteral("state")).toString(), QStringLiteral("open"));
    QCOMPARE(letter.value(QStringLiteral("channel")).toString(), QStringLiteral("dl-in"));
    QVERIFY(!letter.value(QStringLiteral("reason")).toString().isEmpty());
    QVERIFY(letter.value(QStringLiteral("errorLocation")).toString().contains(QStringLiteral("PID")));
    const QString signature = letter.value(QStringLiteral("signature")).toString();
    QVERIFY(!signature.isEmpty());

    const ApiClient support = as(Support);
    const ApiClient::Reply list = support.get(QStringLiteral("/api/v1/dead-letters?channel=dl-in&stage=validate"));
    QCOMPARE(items(list).size(), 1);
    QCOMPARE(items(support.get(QStringLiteral("/api/v1/dead-letters?channel=dl-in&stage=deliver"))).size(), 0);

    const ApiClient::Reply groups = support.get(QStringLiteral("/api/v1/dead-letters/groups?channel=dl-in"));
    QCOMPARE(groups.status, 200);
    QCOMPARE(items(groups).size(), 1);
    const QJsonObject group = items(groups).at(0).toObject();
    QCOMPARE(group.value(QStringLiteral("count")).toInt(), 1);
    QCOMPARE(group.value(QStringLiteral("signature")).toString(), signature);
    QCOMPARE(group.value(QStringLiteral("stage")).toString(), QStringLiteral("validate"));
    QCOMPARE(group.value(QStringLiteral("channels")).toArray(), QJsonArray{QStringLiteral("dl-in")});
    QCOMPARE(group.value(QStringLiteral("destinations")).toArray(), QJsonArray());
    // The signature selects the group's dead letters.
    bool inGroup = false;
    for (const QJsonValue& v :
        items(support.get(QStringLiteral("/api/v1/dead-letters?signature=") + encoded(signature))))
        inGroup = inGroup
            || v.toObject().value(QStringLiteral("id")).toInteger() == letter.value(QStringLiteral("id")).toInteger();
    QVERIFY(inGroup);

    const ApiClient::Reply one
        = support.get(QStringLiteral("/api/v1/dead-letters/%1").arg(letter.value(QStringLiteral("id")).toInteger()));
    QCOMPARE(one.status, 200);
    QCOMPARE(one.json().value(QStringLiteral("messageId")).toInteger(),
        letter.value(QStringLiteral("messageId")).toInteger());
    QVERIFY(one.json()
                .value(QStringLiteral("content"))
                .toObject()
                .value(QStringLiteral("raw"))
                .toString()
                .contains(QStringLiteral("|DL-1|")));
    QVERIFY(!one.body.contains("LETTER^JANE")); // masked for support
    QVERIFY(
        isErrorBody(support.get(QStringLiteral("/api/v1/dead-letters/987654321")), 404, QStringLiteral("not-found")));
}

void tst_OpsApi::previewShowsDiffAndValidation()
{
    QCOMPARE(sendMllp(QStringLiteral("dl-in"),
                 adt(QStringLiteral("PV-1"), {}, QStringLiteral("PREVIEW"), QStringLiteral("4B"))),
        QStringLiteral("AE"));
    const QJsonObject letter = waitForDeadLetter(QStringLiteral("dl-in"), QStringLiteral("PV-1"));
    QVERIFY(!letter.isEmpty());
    const QString path
        = QStringLiteral("/api/v1/dead-letters/%1/preview").arg(letter.value(QStringLiteral("id")).toInteger());
    const ApiClient admin = as(Admin);

    // Unchanged, it still fails its channel's checks.
    const ApiClient::Reply unchanged = admin.post(path, QJsonObject {});
    QCOMPARE(unchanged.status, 200);
    QCOMPARE(unchanged.json().value(QStringLiteral("ok")).toBool(), false);
    QVERIFY(!unchanged.json().value(QStringLiteral("errors")).toArray().isEmpty());

    // With the patient identifier added, it passes, and the diff shows what changed.
    const ApiClient::Reply edited = admin.post(
        path, editedWithMrn(QStringLiteral("PV-1"), QStringLiteral("MRN-PV-1"), QStringLiteral("PREVIEW")));
    QCOMPARE(edited.status, 200);
    const QJsonObject preview = edited.json();
    QVERIFY2(preview.value(QStringLiteral("ok")).toBool(), edited.body.constData());
    QCOMPARE(preview.value(QStringLiteral("resubmittable")).toBool(), true);
    QCOMPARE(preview.value(QStringLiteral("edited")).toBool(), true);
    QCOMPARE(preview.value(QStringLiteral("stage")).toString(), QStringLiteral("validate"));
    QCOMPARE(preview.value(QStringLiteral("correlationId")).toString(),
        letter.value(QStringLiteral("correlationId")).toString());
    QCOMPARE(strings(preview.value(QStringLiteral("destinations"))), QStringList { QStringLiteral("ehr") });
    QVERIFY(!preview.value(QStringLiteral("diff")).toArray().isEmpty());
    for (const QJsonValue& v : preview.value(QStringLiteral("errors")).toArray())
        QVERIFY2(v.toObject().value(QStringLiteral("severity")).toString() != u"error", edited.body.constData());
    // The diff names the field, not the patient's values.
    QVERIFY(!edited.body.contains("MRN-PV-1"));
    // A preview changes nothing.
    QCOMPARE(admin.get(QStringLiteral("/api/v1/dead-letters/%1").arg(letter.value(QStringLiteral("id")).toInteger()))
                 .json()
                 .value(QStringLiteral("state"))
                 .toString(),
        QStringLiteral("open"));
    QCOMPARE(countMessages(admin, QStringLiteral("controlId=PV-1")), 1);
    QVERIFY(isErrorBody(admin.post(QStringLiteral("/api/v1/dead-letters/987654321/preview"), QJsonObject {}), 404,
        QStringLiteral("not-found")));
    QVERIFY(isErrorBody(
        admin.post(path, QJsonObject { { QStringLiteral("message"), 42 } }), 400, QStringLiteral("invalid-field")));
}

void tst_OpsApi::resubmitIsIdempotent()
{
    QCOMPARE(sendMllp(QStringLiteral("rs-in"),
                 adt(QStringLiteral("RS-1"), {}, QStringLiteral("RESUBMIT"), QStringLiteral("4B"))),
        QStringLiteral("AE"));
    const QJsonObject letter = waitForDeadLetter(QStringLiteral("rs-in"), QStringLiteral("RS-1"));
    QVERIFY(!letter.isEmpty());
    const qint64 letterId = letter.value(QStringLiteral("id")).toInteger();
    const qint64 originalId = letter.value(QStringLiteral("messageId")).toInteger();
    const QString correlationId = letter.value(QStringLiteral("correlationId")).toString();
    const ApiClient admin = as(Admin);
    QCOMPARE(countMessages(admin, QStringLiteral("controlId=RS-1")), 1);

    QJsonObject body = editedWithMrn(QStringLiteral("RS-1"), QStringLiteral("MRN-RS-1"), QStringLiteral("RESUBMIT"));
    body.insert(QStringLiteral("ids"), QJsonArray { letterId });
    body.insert(QStringLiteral("reason"), QStringLiteral("added the missing MRN"));
    const QString path = QStringLiteral("/api/v1/dead-letters/resubmit");

    // Without an Idempotency-Key nothing happens.
    QVERIFY(isErrorBody(admin.post(path, body), 400, QStringLiteral("idempotency-key-required")));
    QCOMPARE(countMessages(admin, QStringLiteral("controlId=RS-1")), 1);

    const ApiClient::Reply first = admin.post(path, body, QStringLiteral("resubmit-rs-1"));
    QCOMPARE(first.status, 200);
    QVERIFY(!first.headers.contains("idempotent-replayed"));
    const QJsonObject result = first.json();
    QCOMPARE(result.value(QStringLiteral("resubmitted")).toInt(), 1);
    QCOMPARE(result.value(QStringLiteral("refused")).toInt(), 0);
    const QJsonObject item = result.value(QStringLiteral("results")).toArray().at(0).toObject();
    QCOMPARE(item.value(QStringLiteral("deadLetterId")).toInteger(), letterId);
    QCOMPARE(item.value(QStringLiteral("ok")).toBool(), true);
    QCOMPARE(item.value(QStringLiteral("correlationId")).toString(), correlationId);
    const qint64 newId = item.value(QStringLiteral("messageId")).toInteger();
    QVERIFY(newId > originalId);

    // The replay is a new message linked to the original, under the same correlation ID...
    const QString newPath = QStringLiteral("/api/v1/messages/%1").arg(newId);
    QTRY_COMPARE_WITH_TIMEOUT(admin.get(newPath).status, 200, 10000);
    const QJsonObject replay = admin.get(newPath).json();
    QCOMPARE(replay.value(QStringLiteral("replayOf")).toInteger(), originalId);
    QCOMPARE(replay.value(QStringLiteral("correlationId")).toString(), correlationId);
    QCOMPARE(replay.value(QStringLiteral("state")).toString(), QStringLiteral("accepted"));
    // ...the dead letter says where it went...
    const QString letterPath = QStringLiteral("/api/v1/dead-letters/%1").arg(letterId);
    QTRY_COMPARE_WITH_TIMEOUT(
        admin.get(letterPath).json().value(QStringLiteral("state")).toString(), QStringLiteral("resubmitted"), 10000);
    QCOMPARE(admin.get(letterPath).json().value(QStringLiteral("resubmittedAs")).toInteger(), newId);
    QTRY_COMPARE_WITH_TIMEOUT(admin.get(QStringLiteral("/api/v1/messages/%1").arg(originalId))
                                  .json()
                                  .value(QStringLiteral("replayedBy"))
                                  .toArray()
                                  .at(0)
                                  .toInteger(),
        newId, 10000);
    QStringList replayStages;
    for (const QJsonValue& v : replay.value(QStringLiteral("trace")).toArray()) {
        if (v.toObject().value(QStringLiteral("messageId")).toInteger() == newId)
            replayStages << v.toObject().value(QStringLiteral("stage")).toString();
    }
    QVERIFY2(replayStages.contains(QStringLiteral("resubmit")), qPrintable(replayStages.join(u',')));
    // ...and it reaches the downstream system.
    QTRY_VERIFY_WITH_TIMEOUT(m_sink.received().contains(QStringLiteral("RS-1")), 15000);
    QCOMPARE(countMessages(admin, QStringLiteral("controlId=RS-1")), 2);
    QCOMPARE(countMessages(admin, QStringLiteral("correlationId=") + correlationId), 2);

    // The same request again: the first answer, marked as a replay, and nothing done twice.
    const ApiClient::Reply again = admin.post(path, body, QStringLiteral("resubmit-rs-1"));
    QCOMPARE(again.status, 200);
    QCOMPARE(again.headers.value("idempotent-replayed"), QByteArray("true"));
    QCOMPARE(again.body, first.body);
    QCOMPARE(countMessages(admin, QStringLiteral("controlId=RS-1")), 2);

    // The same key for a different request is an error, not a silent replay.
    QJsonObject different = body;
    different.insert(QStringLiteral("reason"), QStringLiteral("another reason entirely"));
    QVERIFY(isErrorBody(
        admin.post(path, different, QStringLiteral("resubmit-rs-1")), 422, QStringLiteral("idempotency-key-reused")));

    // A new key cannot resubmit a dead letter that is already resolved.
    const ApiClient::Reply twice = admin.post(path, body, QStringLiteral("resubmit-rs-1-bis"));
    QCOMPARE(twice.status, 200);
    QVERIFY(!twice.headers.contains("idempotent-replayed"));
    QCOMPARE(twice.json().value(QStringLiteral("resubmitted")).toInt(), 0);
    QCOMPARE(twice.json().value(QStringLiteral("refused")).toInt(), 1);
    QCOMPARE(twice.json()
                 .value(QStringLiteral("results"))
                 .toArray()
                 .at(0)
                 .toObject()
                 .value(QStringLiteral("code"))
                 .toString(),
        QStringLiteral("not-open"));
    QCOMPARE(countMessages(admin, QStringLiteral("controlId=RS-1")), 2);

    // The action is audited with its reason.
    const ApiClient::Reply audit = admin.get(QStringLiteral("/api/v1/audit?action=resubmit&target=")
        + encoded(QStringLiteral("dead-letter:%1").arg(letterId)));
    const QJsonArray entries = items(audit);
    QVERIFY(!entries.isEmpty());
    QCOMPARE(
        entries.last().toObject().value(QStringLiteral("reason")).toString(), QStringLiteral("added the missing MRN"));
    QCOMPARE(entries.last().toObject().value(QStringLiteral("actor")).toString(), Admin);
    QCOMPARE(m_sink.received().count(QStringLiteral("RS-1")), 1);
}

void tst_OpsApi::idempotencyKeysFollowTheRules()
{
    const ApiClient admin = as(Admin);
    const QString path = QStringLiteral("/api/v1/dead-letters/resubmit");
    // A malformed key is refused like a missing one.
    QVERIFY(isErrorBody(admin.post(path,
                            QJsonObject { { QStringLiteral("ids"), QJsonArray { 1 } },
                                { QStringLiteral("reason"), QStringLiteral("any reason") } },
                            QStringLiteral("spaces are not allowed")),
        400, QStringLiteral("idempotency-key-required")));
    // The handler's own 4xx is the answer this request will always get: stored and replayed.
    const QJsonObject noReason { { QStringLiteral("ids"), QJsonArray { 987654321 } } };
    const ApiClient::Reply first = admin.post(path, noReason, QStringLiteral("key-no-reason"));
    QVERIFY(isErrorBody(first, 400, QStringLiteral("reason-required")));
    const ApiClient::Reply again = admin.post(path, noReason, QStringLiteral("key-no-reason"));
    QVERIFY(isErrorBody(again, 400, QStringLiteral("reason-required")));
    QCOMPARE(again.headers.value("idempotent-replayed"), QByteArray("true"));
    // Fields that conflict are refused.
    QVERIFY(isErrorBody(admin.post(path,
                            QJsonObject { { QStringLiteral("ids"), QJsonArray { 1 } },
                                { QStringLiteral("signature"), QStringLiteral("x") },
                                { QStringLiteral("reason"), QStringLiteral("both at once") } },
                            QStringLiteral("key-both")),
        400, QStringLiteral("invalid-field")));
    QVERIFY(isErrorBody(admin.post(path,
                            QJsonObject { { QStringLiteral("ids"), QJsonArray { 1, 2 } },
                                { QStringLiteral("message"), QStringLiteral("MSH|^~\\&|") },
                                { QStringLiteral("reason"), QStringLiteral("one edit, two letters") } },
                            QStringLiteral("key-edit-two")),
        400, QStringLiteral("invalid-field")));
    // A request refused before its key was looked at (bad JSON) does not use the key up.
    const ApiClient::Reply malformed = admin.send(
        "POST", path, "{\"ids\":", { { "Content-Type", "application/json" }, { "Idempotency-Key", "key-fresh" } });
    QVERIFY(isErrorBody(malformed, 400, QStringLiteral("malformed-json")));
    const ApiClient::Reply fresh = admin.post(path,
        QJsonObject { { QStringLiteral("ids"), QJsonArray { 987654321 } },
            { QStringLiteral("reason"), QStringLiteral("key is still fresh") } },
        QStringLiteral("key-fresh"));
    QCOMPARE(fresh.status, 200);
    QVERIFY(!fresh.headers.contains("idempotent-replayed"));
    // Keys are per user: another admin's identical request with the same key is its own request.
    QString error;
    QVERIFY2(m_node.addUser(
                 QStringLiteral("admin2"), QStringLiteral("admin"), {}, password(QStringLiteral("admin2")), &error),
        qPrintable(error));
    ApiClient admin2 = m_node.api();
    QCOMPARE(signInWaiting(admin2, QStringLiteral("admin2")).status, 200);
    const ApiClient::Reply other = admin2.post(path, noReason, QStringLiteral("key-no-reason"));
    QVERIFY(isErrorBody(other, 400, QStringLiteral("reason-required")));
    QVERIFY(!other.headers.contains("idempotent-replayed"));
}

void tst_OpsApi::resubmitByFailureGroup()
{
    for (const QString& id : { QStringLiteral("GRP-1"), QStringLiteral("GRP-2") })
        QCOMPARE(sendMllp(QStringLiteral("dr-in"), adt(id, {}, QStringLiteral("GROUPED"), QStringLiteral("4B"))),
            QStringLiteral("AE"));
    const QJsonObject one = waitForDeadLetter(QStringLiteral("dr-in"), QStringLiteral("GRP-1"));
    const QJsonObject two = waitForDeadLetter(QStringLiteral("dr-in"), QStringLiteral("GRP-2"));
    QVERIFY(!one.isEmpty() && !two.isEmpty());
    const QString signature = one.value(QStringLiteral("signature")).toString();
    QCOMPARE(two.value(QStringLiteral("signature")).toString(), signature);

    const ApiClient admin = as(Admin);
    // The group is every open dead letter with this failure, across channels.
    const ApiClient::Reply listed
        = admin.get(QStringLiteral("/api/v1/dead-letters?limit=500&signature=") + encoded(signature));
    QSet<qint64> expected;
    for (const QJsonValue& v : items(listed))
        expected.insert(v.toObject().value(QStringLiteral("id")).toInteger());
    QVERIFY(expected.contains(one.value(QStringLiteral("id")).toInteger()));
    QVERIFY(expected.contains(two.value(QStringLiteral("id")).toInteger()));

    // Unchanged they are still invalid: every one is refused, none resubmitted, and the request is audited.
    const ApiClient::Reply reply = admin.post(QStringLiteral("/api/v1/dead-letters/resubmit"),
        QJsonObject { { QStringLiteral("signature"), signature },
            { QStringLiteral("reason"), QStringLiteral("retry the whole group") } },
        QStringLiteral("group-1"));
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.json().value(QStringLiteral("resubmitted")).toInt(), 0);
    QSet<qint64> answered;
    for (const QJsonValue& v : reply.json().value(QStringLiteral("results")).toArray()) {
        answered.insert(v.toObject().value(QStringLiteral("deadLetterId")).toInteger());
        QCOMPARE(v.toObject().value(QStringLiteral("code")).toString(), QStringLiteral("invalid"));
    }
    QCOMPARE(answered, expected);
    QCOMPARE(countMessages(admin, QStringLiteral("controlId=GRP-1")), 1);
    QVERIFY(!items(admin.get(QStringLiteral("/api/v1/audit?action=resubmit&target=")
                       + encoded(QStringLiteral("dead-letter-group:") + signature.left(64))))
                 .isEmpty());
    // A signature the node never gave out.
    QVERIFY(isErrorBody(admin.post(QStringLiteral("/api/v1/dead-letters/resubmit"),
                            QJsonObject { { QStringLiteral("signature"), QStringLiteral("bm90LWEtc2lnbmF0dXJl") },
                                { QStringLiteral("reason"), QStringLiteral("made-up group") } },
                            QStringLiteral("group-2")),
        400, QStringLiteral("invalid-field")));
}

void tst_OpsApi::parkAndUnparkAGroup()
{
    const ApiClient admin = as(Admin);
    const ApiClient support = as(Support);
    const auto depth = [&admin] {
        // vigil_dlq_depth is read from the store when /metrics is asked for: no sampling delay.
        const QRegularExpression line(QStringLiteral("(?m)^vigil_dlq_depth (\\d+)$"));
        return line.match(QString::fromUtf8(admin.get(QStringLiteral("/metrics")).body)).captured(1).toInt();
    };
    for (const QString& id : { QStringLiteral("PK-1"), QStringLiteral("PK-2") })
        QCOMPARE(sendMllp(QStringLiteral("dl-in"), pv1BeforePid(id)), QStringLiteral("AE"));
    const QJsonObject one = waitForDeadLetter(QStringLiteral("dl-in"), QStringLiteral("PK-1"));
    const QJsonObject two = waitForDeadLetter(QStringLiteral("dl-in"), QStringLiteral("PK-2"));
    QVERIFY(!one.isEmpty() && !two.isEmpty());
    const qint64 oneId = one.value(QStringLiteral("id")).toInteger();
    const qint64 twoId = two.value(QStringLiteral("id")).toInteger();
    const QString signature = one.value(QStringLiteral("signature")).toString();
    QCOMPARE(two.value(QStringLiteral("signature")).toString(), signature);
    QCOMPARE(one.value(QStringLiteral("errorLocation")).toString().left(3), QStringLiteral("PV1"));
    const QSet<qint64> group { oneId, twoId };
    const auto idsOf = [](const ApiClient::Reply& reply) {
        QSet<qint64> ids;
        for (const QJsonValue& v : items(reply))
            ids.insert(v.toObject().value(QStringLiteral("id")).toInteger());
        return ids;
    };
    const auto groupCount = [&](const QString& query) {
        for (const QJsonValue& v : items(admin.get(QStringLiteral("/api/v1/dead-letters/groups") + query))) {
            if (v.toObject().value(QStringLiteral("signature")).toString() == signature)
                return v.toObject().value(QStringLiteral("count")).toInt();
        }
        return 0;
    };
    QCOMPARE(groupCount(QString()), 2);
    const QString bySignature = QStringLiteral("&signature=") + encoded(signature);
    QCOMPARE(idsOf(admin.get(QStringLiteral("/api/v1/dead-letters?limit=500") + bySignature)), group);
    const int depthBefore = depth();
    QVERIFY(depthBefore >= 2);

    const QString path = QStringLiteral("/api/v1/dead-letters/park");
    const QJsonObject body { { QStringLiteral("signature"), signature },
        { QStringLiteral("reason"), QStringLiteral("known-bad test feed, ticket INC-1077") } };
    // Support may read dead letters but not park them; without a key nothing happens either.
    QVERIFY(isErrorBody(support.post(path, body, QStringLiteral("park-support")), 403, QStringLiteral("forbidden")));
    QVERIFY(isErrorBody(admin.post(path, body), 400, QStringLiteral("idempotency-key-required")));
    QVERIFY(isErrorBody(admin.post(path,
                            QJsonObject { { QStringLiteral("signature"), signature },
                                { QStringLiteral("reason"), QStringLiteral("no") } },
                            QStringLiteral("park-short-reason")),
        400, QStringLiteral("reason-required")));
    QCOMPARE(groupCount(QString()), 2);

    // Park the whole group.
    const ApiClient::Reply parked = admin.post(path, body, QStringLiteral("park-1"));
    QCOMPARE(parked.status, 200);
    QCOMPARE(parked.json().value(QStringLiteral("parked")).toInt(), 2);
    QCOMPARE(parked.json().value(QStringLiteral("refused")).toInt(), 0);
    QSet<qint64> answered;
    for (const QJsonValue& v : parked.json().value(QStringLiteral("results")).toArray()) {
        QVERIFY(v.toObject().value(QStringLiteral("ok")).toBool());
        answered.insert(v.toObject().value(QStringLiteral("deadLetterId")).toInteger());
    }
    QCOMPARE(answered, group);

    // The default (open) list, its groups and the depth leave them out; state=parked and all show them.
    QVERIFY(!idsOf(admin.get(QStringLiteral("/api/v1/dead-letters?limit=500&channel=dl-in"))).intersects(group));
    QCOMPARE(idsOf(admin.get(QStringLiteral("/api/v1/dead-letters?limit=500&state=parked") + bySignature)), group);
    QCOMPARE(idsOf(admin.get(QStringLiteral("/api/v1/dead-letters?limit=500&state=all") + bySignature)), group);
    QCOMPARE(groupCount(QString()), 0);
    QCOMPARE(groupCount(QStringLiteral("?state=parked")), 2);
    QCOMPARE(depth(), depthBefore - 2);
    for (const QJsonValue& v : items(admin.get(QStringLiteral("/api/v1/dead-letters?state=parked") + bySignature))) {
        const QJsonObject letter = v.toObject();
        QCOMPARE(letter.value(QStringLiteral("state")).toString(), QStringLiteral("parked"));
        QCOMPARE(letter.value(QStringLiteral("parkedBy")).toString(), Admin);
        QCOMPARE(letter.value(QStringLiteral("parkReason")).toString(),
            body.value(QStringLiteral("reason")).toString());
        QVERIFY(std::abs(msOf(letter.value(QStringLiteral("parkedAt"))) - QDateTime::currentMSecsSinceEpoch())
            < 60000);
    }
    const QJsonObject detail = support.get(QStringLiteral("/api/v1/dead-letters/%1").arg(oneId)).json();
    QCOMPARE(detail.value(QStringLiteral("state")).toString(), QStringLiteral("parked"));
    QCOMPARE(detail.value(QStringLiteral("parkedBy")).toString(), Admin);

    // The same request again: the first answer, replayed; nothing done or audited twice.
    const ApiClient::Reply again = admin.post(path, body, QStringLiteral("park-1"));
    QCOMPARE(again.status, 200);
    QCOMPARE(again.headers.value("idempotent-replayed"), QByteArray("true"));
    QCOMPARE(again.body, parked.body);
    const QString groupTarget
        = QStringLiteral("&target=") + encoded(QStringLiteral("dead-letter-group:") + signature.left(64));
    const QJsonArray parkAudit
        = items(admin.get(QStringLiteral("/api/v1/audit?action=dead-letter-park") + groupTarget));
    QCOMPARE(parkAudit.size(), 1);
    const QJsonObject entry = parkAudit.at(0).toObject();
    QCOMPARE(entry.value(QStringLiteral("actor")).toString(), Admin);
    QCOMPARE(entry.value(QStringLiteral("outcome")).toString(), QStringLiteral("ok"));
    QCOMPARE(entry.value(QStringLiteral("reason")).toString(), body.value(QStringLiteral("reason")).toString());
    QCOMPARE(entry.value(QStringLiteral("detail")).toObject().value(QStringLiteral("count")).toInt(), 2);

    // A parked dead letter is not resubmitted: refused with "parked" until it is unparked.
    const ApiClient::Reply resubmit = admin.post(QStringLiteral("/api/v1/dead-letters/resubmit"),
        QJsonObject { { QStringLiteral("ids"), QJsonArray { oneId } },
            { QStringLiteral("reason"), QStringLiteral("try it anyway") } },
        QStringLiteral("park-resubmit-1"));
    QCOMPARE(resubmit.status, 200);
    QCOMPARE(resubmit.json().value(QStringLiteral("resubmitted")).toInt(), 0);
    const QJsonObject refusal = resubmit.json().value(QStringLiteral("results")).toArray().at(0).toObject();
    QCOMPARE(refusal.value(QStringLiteral("code")).toString(), QStringLiteral("parked"));
    QCOMPARE(countMessages(admin, QStringLiteral("controlId=PK-1")), 1);
    // The group has no open dead letters left to resubmit or park; parking one again is refused per item.
    QVERIFY(isErrorBody(admin.post(QStringLiteral("/api/v1/dead-letters/resubmit"), body,
                            QStringLiteral("park-resubmit-group")),
        404, QStringLiteral("not-found")));
    QVERIFY(isErrorBody(admin.post(path, body, QStringLiteral("park-2")), 404, QStringLiteral("not-found")));
    const ApiClient::Reply twice = admin.post(path,
        QJsonObject { { QStringLiteral("ids"), QJsonArray { oneId, 987654321 } },
            { QStringLiteral("reason"), QStringLiteral("park it twice") } },
        QStringLiteral("park-3"));
    QCOMPARE(twice.status, 200);
    QCOMPARE(twice.json().value(QStringLiteral("parked")).toInt(), 0);
    QCOMPARE(twice.json().value(QStringLiteral("refused")).toInt(), 2);
    const QJsonArray twiceResults = twice.json().value(QStringLiteral("results")).toArray();
    QCOMPARE(twiceResults.at(0).toObject().value(QStringLiteral("code")).toString(), QStringLiteral("parked"));
    QCOMPARE(twiceResults.at(1).toObject().value(QStringLiteral("code")).toString(), QStringLiteral("not-found"));

    // Unpark one: it is open again, in the default list and the groups, and may be resubmitted.
    const QString unparkPath = QStringLiteral("/api/v1/dead-letters/unpark");
    const QJsonObject unparkBody { { QStringLiteral("ids"), QJsonArray { oneId } },
        { QStringLiteral("reason"), QStringLiteral("the feed was fixed, ticket INC-1077") } };
    QVERIFY(isErrorBody(support.post(unparkPath, unparkBody, QStringLiteral("unpark-support")), 403,
        QStringLiteral("forbidden")));
    const ApiClient::Reply unparked = admin.post(unparkPath, unparkBody, QStringLiteral("unpark-1"));
    QCOMPARE(unparked.status, 200);
    QCOMPARE(unparked.json().value(QStringLiteral("unparked")).toInt(), 1);
    QCOMPARE(unparked.json().value(QStringLiteral("refused")).toInt(), 0);
    QVERIFY(idsOf(admin.get(QStringLiteral("/api/v1/dead-letters?limit=500&channel=dl-in"))).contains(oneId));
    QCOMPARE(idsOf(admin.get(QStringLiteral("/api/v1/dead-letters?limit=500&state=parked") + bySignature)),
        QSet<qint64> { twoId });
    QCOMPARE(groupCount(QString()), 1);
    QCOMPARE(depth(), depthBefore - 1);
    const QJsonObject reopened = admin.get(QStringLiteral("/api/v1/dead-letters/%1").arg(oneId)).json();
    QCOMPARE(reopened.value(QStringLiteral("state")).toString(), QStringLiteral("open"));
    QVERIFY(!reopened.contains(QStringLiteral("parkedBy")));
    QVERIFY(!reopened.contains(QStringLiteral("parkReason")));
    QCOMPARE(admin.post(unparkPath, unparkBody, QStringLiteral("unpark-1")).body, unparked.body);
    const ApiClient::Reply notParked = admin.post(unparkPath, unparkBody, QStringLiteral("unpark-2"));
    QCOMPARE(notParked.json().value(QStringLiteral("results")).toArray().at(0).toObject().value(
                 QStringLiteral("code")).toString(),
        QStringLiteral("not-parked"));
    const QJsonArray unparkAudit = items(admin.get(QStringLiteral("/api/v1/audit?action=dead-letter-unpark&target=")
        + encoded(QStringLiteral("dead-letter:%1").arg(oneId))));
    QCOMPARE(unparkAudit.size(), 2); // unpark-1 once (its replay is not audited) and unpark-2
    QCOMPARE(unparkAudit.at(0).toObject().value(QStringLiteral("reason")).toString(),
        unparkBody.value(QStringLiteral("reason")).toString());
    // Unchanged it is still invalid: the resubmission is refused for that now, not for being parked.
    const ApiClient::Reply retried = admin.post(QStringLiteral("/api/v1/dead-letters/resubmit"),
        QJsonObject { { QStringLiteral("ids"), QJsonArray { oneId } },
            { QStringLiteral("reason"), QStringLiteral("try it again") } },
        QStringLiteral("park-resubmit-2"));
    QCOMPARE(retried.json().value(QStringLiteral("results")).toArray().at(0).toObject().value(
                 QStringLiteral("code")).toString(),
        QStringLiteral("invalid"));
}

void tst_OpsApi::dryRunChangesNothing()
{
    QCOMPARE(sendMllp(QStringLiteral("dr-in"),
                 adt(QStringLiteral("DR-1"), {}, QStringLiteral("DRYRUN"), QStringLiteral("4B"))),
        QStringLiteral("AE"));
    const QJsonObject letter = waitForDeadLetter(QStringLiteral("dr-in"), QStringLiteral("DR-1"));
    QVERIFY(!letter.isEmpty());
    const qint64 letterId = letter.value(QStringLiteral("id")).toInteger();
    const ApiClient admin = as(Admin);
    QJsonObject body = editedWithMrn(QStringLiteral("DR-1"), QStringLiteral("MRN-DR-1"), QStringLiteral("DRYRUN"));
    body.insert(QStringLiteral("ids"), QJsonArray { letterId });
    body.insert(QStringLiteral("reason"), QStringLiteral("see what would happen"));
    body.insert(QStringLiteral("dryRun"), true);
    const ApiClient::Reply reply
        = admin.post(QStringLiteral("/api/v1/dead-letters/resubmit"), body, QStringLiteral("dry-run-1"));
    QCOMPARE(reply.status, 200);
    const QJsonObject result = reply.json();
    QCOMPARE(result.value(QStringLiteral("dryRun")).toBool(), true);
    QCOMPARE(result.value(QStringLiteral("count")).toInt(), 1);
    const QJsonObject preview = result.value(QStringLiteral("previews")).toArray().at(0).toObject();
    QCOMPARE(preview.value(QStringLiteral("ok")).toBool(), true);
    QCOMPARE(preview.value(QStringLiteral("deadLetterId")).toInteger(), letterId);
    // Nothing was resubmitted.
    QCOMPARE(countMessages(admin, QStringLiteral("controlId=DR-1")), 1);
    QCOMPARE(admin.get(QStringLiteral("/api/v1/dead-letters/%1").arg(letterId))
                 .json()
                 .value(QStringLiteral("state"))
                 .toString(),
        QStringLiteral("open"));
    QVERIFY(!m_sink.received().contains(QStringLiteral("DR-1")));
}

// ---------------------------------------------------------------------------------------------
// FHIR

void tst_OpsApi::fhirResourceIsIngestedUnderItsTraceparent()
{
    const QByteArray traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
    const QByteArray patient
        = R"({"resourceType":"Patient","identifier":[{"system":"urn:oid:1.2.3","value":"FHIR-MRN-1"}],)"
          R"("name":[{"family":"FHIRFAMILY","given":["Ann"]}],"birthDate":"1970-01-01"})";
    const ApiClient anonymous = m_node.api();
    const ApiClient::Reply created = anonymous.send("POST", QStringLiteral("/fhir/fhir-in/Patient"), patient,
        { { "Content-Type", "application/fhir+json" }, { "traceparent", "00-" + traceId + "-00f067aa0ba902b7-01" } });
    QVERIFY2(created.status == 201, created.body.constData());
    QVERIFY(created.headers.value("content-type").startsWith("application/fhir+json"));
    QCOMPARE(created.headers.value("x-correlation-id"), traceId);
    QVERIFY(created.headers.value("traceresponse").startsWith(QByteArray("00-" + traceId + "-")));
    const QByteArray messageId = created.headers.value("x-vigil-message-id");
    QVERIFY(messageId.toLongLong() > 0);
    QCOMPARE(created.headers.value("location"), "/fhir/fhir-in/Patient/" + messageId);

    const ApiClient admin = as(Admin);
    const QJsonObject message = waitForMessage(admin, QStringLiteral("correlationId=") + QString::fromLatin1(traceId));
    QVERIFY(!message.isEmpty());
    QCOMPARE(message.value(QStringLiteral("format")).toString(), QStringLiteral("fhir+json"));
    QCOMPARE(message.value(QStringLiteral("channel")).toString(), QStringLiteral("fhir-in"));
    QCOMPARE(message.value(QStringLiteral("id")).toInteger(), messageId.toLongLong());
    QCOMPARE(message.value(QStringLiteral("messageType")).toString(), QStringLiteral("Patient"));
    QCOMPARE(message.value(QStringLiteral("ackCode")).toString(), QStringLiteral("201"));
    QCOMPARE(message.value(QStringLiteral("patientId")).toString(), QStringLiteral("***"));
    const ApiClient::Reply detail
        = admin.get(QStringLiteral("/api/v1/messages/%1").arg(message.value(QStringLiteral("id")).toInteger()));
    QCOMPARE(detail.status, 200);
    QVERIFY2(!detail.body.contains("FHIRFAMILY"), "FHIR content reached an admin unmasked");
    QVERIFY(!detail.body.contains("FHIR-MRN-1"));
    QCOMPARE(detail.json().value(QStringLiteral("version")).toString(), QStringLiteral("R4"));
    QCOMPARE(detail.json()
                 .value(QStringLiteral("content"))
                 .toObject()
                 .value(QStringLiteral("resource"))
                 .toObject()
                 .value(QStringLiteral("resourceType"))
                 .toString(),
        QStringLiteral("Patient"));

    // Errors are OperationOutcomes with the right status.
    const ApiClient::Reply unknownChannel = anonymous.send("POST", QStringLiteral("/fhir/no-such-channel/Patient"),
        patient, { { "Content-Type", "application/fhir+json" } });
    QCOMPARE(unknownChannel.status, 404);
    QCOMPARE(
        unknownChannel.json().value(QStringLiteral("resourceType")).toString(), QStringLiteral("OperationOutcome"));
    const ApiClient::Reply wrongType = anonymous.send(
        "POST", QStringLiteral("/fhir/fhir-in/Patient"), patient, { { "Content-Type", "text/plain" } });
    QCOMPARE(wrongType.status, 415);
    QCOMPARE(wrongType.json().value(QStringLiteral("resourceType")).toString(), QStringLiteral("OperationOutcome"));
    const ApiClient::Reply get = anonymous.get(QStringLiteral("/fhir/fhir-in/Patient"));
    QCOMPARE(get.status, 405);
    QCOMPARE(get.headers.value("allow"), QByteArray("POST"));
}

// ---------------------------------------------------------------------------------------------
// Bad input

void tst_OpsApi::badRequestsGetJsonErrors_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QByteArray>("allow"); // the Allow header of a 405

    const QByteArray json = "application/json";
    const QByteArray none;
    const auto row = [](const char* name, const QByteArray& method, const QString& path, const QByteArray& body,
                         const QByteArray& contentType, int status, const QString& code, const QByteArray& allow = {}) {
        QTest::addRow("%s", name) << method << path << body << contentType << status << code << allow;
    };
    row("malformed JSON", "POST", u"/api/v1/session"_s, R"({"user": "admin", )", json, 400, u"malformed-json"_s);
    row("JSON that is not an object", "POST", u"/api/v1/session"_s, "[1,2]", json, 400, u"malformed-json"_s);
    row("wrong content type", "POST", u"/api/v1/session"_s, "user=admin", "application/x-www-form-urlencoded", 415,
        u"unsupported-media-type"_s);
    row("unknown field", "POST", u"/api/v1/session"_s, R"({"user":"admin","password":"x","rememberMe":true})", json,
        400, u"unknown-field"_s);
    row("wrong field type", "POST", u"/api/v1/session"_s, R"({"user":7,"password":"x"})", json, 400,
        u"invalid-field"_s);
    row("unknown field in an action", "POST", u"/api/v1/messages/1/reveal"_s, R"({"reason":"a good reason","why":1})",
        json, 400, u"unknown-field"_s);
    row("unknown query parameter", "GET", u"/api/v1/messages?colour=red"_s, none, none, 400, u"unknown-parameter"_s);
    row("query parameter on an endpoint without any", "GET", u"/api/v1/node?verbose=1"_s, none, none, 400,
        u"unknown-parameter"_s);
    row("bad parameter value", "GET", u"/api/v1/messages?limit=0"_s, none, none, 400, u"invalid-parameter"_s);
    row("bad state", "GET", u"/api/v1/messages?state=lost"_s, none, none, 400, u"invalid-parameter"_s);
    row("bad time", "GET", u"/api/v1/messages?from=yesterday"_s, none, none, 400, u"invalid-parameter"_s);
    row("time range backwards", "GET", u"/api/v1/messages?from=2000000&to=1000000"_s, none, none, 400,
        u"invalid-parameter"_s);
    row("bad type", "GET", u"/api/v1/messages?type=A%5EB%5EC%5ED"_s, none, none, 400, u"invalid-parameter"_s);
    row("id zero", "GET", u"/api/v1/messages/0"_s, none, none, 400, u"invalid-parameter"_s);
    // Path IDs are numbers (docs/ops-api.md 2.1): anything else is no path at all.
    row("id not a number", "GET", u"/api/v1/messages/abc"_s, none, none, 404, u"not-found"_s);
    row("unknown message", "GET", u"/api/v1/messages/987654321"_s, none, none, 404, u"not-found"_s);
    row("unknown dead letter", "GET", u"/api/v1/dead-letters/987654321"_s, none, none, 404, u"not-found"_s);
    row("unknown route", "GET", u"/api/v1/no-such-thing"_s, none, none, 404, u"not-found"_s);
    row("unknown version", "GET", u"/api/v2/node"_s, none, none, 404, u"not-found"_s);
    row("outside the API", "GET", u"/no/such/path"_s, none, none, 404, u"not-found"_s);
    row("wrong method", "DELETE", u"/api/v1/node"_s, none, none, 405, u"method-not-allowed"_s, "GET");
    row("GET of an action", "GET", u"/api/v1/dead-letters/resubmit"_s, none, none, 405, u"method-not-allowed"_s,
        "POST");
    row("PUT of a session", "PUT", u"/api/v1/session"_s, none, none, 405, u"method-not-allowed"_s, "POST, GET, DELETE");
    row("body where none belongs", "DELETE", u"/api/v1/session"_s, "{}", json, 400, u"unexpected-body"_s);
}

void tst_OpsApi::badRequestsGetJsonErrors()
{
    QFETCH(QByteArray, method);
    QFETCH(QString, path);
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, contentType);
    QFETCH(int, status);
    QFETCH(QString, code);
    QFETCH(QByteArray, allow);
    // Signed in as admin, so the check under test is the one that answers, not the role check.
    QList<QPair<QByteArray, QByteArray>> headers;
    if (!contentType.isEmpty())
        headers.append({ "Content-Type", contentType });
    const ApiClient::Reply reply = as(Admin).send(method, path, body, headers);
    QVERIFY2(isErrorBody(reply, status, code),
        qPrintable(QStringLiteral("HTTP %1: %2").arg(reply.status).arg(QString::fromUtf8(reply.body))));
    if (status == 405) { // the methods, in any order
        QList<QByteArray> got = reply.headers.value("allow").split(',');
        QList<QByteArray> want = allow.split(',');
        for (QList<QByteArray>* list : { &got, &want }) {
            for (QByteArray& method : *list)
                method = method.trimmed();
            std::sort(list->begin(), list->end());
        }
        QCOMPARE(got, want);
    }
    // The node keeps serving.
    QCOMPARE(as(Admin).get(QStringLiteral("/api/v1/session")).status, 200);
}

void tst_OpsApi::oversizedBodyIsRefusedUnread()
{
    // api.maxBodyBytes is 65536 in this node's config. The headers announce more: the node answers
    // 413 without waiting for (or reading) the body.
    const QByteArray head = "POST /api/v1/session HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                            "Content-Length: 70000\r\n\r\n";
    const ApiClient::Reply reply = rawTlsRequest(m_node.port(QStringLiteral("http")), m_node.fingerprint(), head);
    QVERIFY2(isErrorBody(reply, 413, QStringLiteral("body-too-large")),
        qPrintable(
            QStringLiteral("HTTP %1 %2: %3").arg(reply.status).arg(reply.networkError, QString::fromUtf8(reply.body))));
    QVERIFY(reply.json()
                .value(QStringLiteral("error"))
                .toObject()
                .value(QStringLiteral("message"))
                .toString()
                .contains(QStringLiteral("65536")));
    // The same for an authenticated action and for FHIR ingest.
    const QByteArray action = "POST /api/v1/dead-letters/resubmit HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
        + m_tokens.value(Admin).toLatin1()
        + "\r\nIdempotency-Key: too-big-1\r\nContent-Type: application/json\r\nContent-Length: 1000000\r\n\r\n";
    QCOMPARE(rawTlsRequest(m_node.port(QStringLiteral("http")), m_node.fingerprint(), action).status, 413);
    const QByteArray fhir
        = "POST /fhir/fhir-in/Patient HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/fhir+json\r\n"
          "Content-Length: 65537\r\n\r\n";
    QCOMPARE(rawTlsRequest(m_node.port(QStringLiteral("http")), m_node.fingerprint(), fhir).status, 413);
    // Chunked bodies (whose size is not known up front) are refused as well.
    const QByteArray chunked = "POST /api/v1/session HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                               "Transfer-Encoding: chunked\r\n\r\n";
    QVERIFY(isErrorBody(rawTlsRequest(m_node.port(QStringLiteral("http")), m_node.fingerprint(), chunked), 411,
        QStringLiteral("length-required")));
    const QByteArray badLength = "POST /api/v1/session HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: lots\r\n\r\n";
    QVERIFY(isErrorBody(rawTlsRequest(m_node.port(QStringLiteral("http")), m_node.fingerprint(), badLength), 400,
        QStringLiteral("bad-content-length")));
    const QByteArray hugeHeaders
        = "GET /api/v1/node HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Padding: " + QByteArray(70 * 1024, 'p') + "\r\n\r\n";
    QVERIFY(isErrorBody(rawTlsRequest(m_node.port(QStringLiteral("http")), m_node.fingerprint(), hugeHeaders), 431,
        QStringLiteral("headers-too-large")));

    // Healthy afterwards: it answers, and a body just under the limit is read normally.
    QCOMPARE(m_node.api().get(QStringLiteral("/healthz")).body, QByteArray("ok\n"));
    QCOMPARE(as(Admin).get(QStringLiteral("/api/v1/node")).status, 200);
    const QByteArray fits = R"({"user":"admin","password":")" + QByteArray(60000, 'x') + R"(","x":1})";
    QVERIFY(isErrorBody(
        m_node.api().send("POST", QStringLiteral("/api/v1/session"), fits, { { "Content-Type", "application/json" } }),
        400, QStringLiteral("unknown-field")));
    QVERIFY(m_node.isRunning());
}

void tst_OpsApi::oversizedBodyAnswerReachesTheClient()
{
    // What the console does: send the whole oversized body with Qt's HTTP client. The 413 must reach
    // it, not a connection reset ("Connection closed") that says nothing about what was wrong.
    for (const int size : { 70000, 70000, 70000, 1000000 }) {
        QByteArray big = R"({"user":"admin","password":")" + QByteArray(size, 'x') + R"("})";
        const ApiClient::Reply reply = m_node.api().send(
            "POST", QStringLiteral("/api/v1/session"), big, { { "Content-Type", "application/json" } });
        QVERIFY2(isErrorBody(reply, 413, QStringLiteral("body-too-large")),
            qPrintable(QStringLiteral("%1 bytes: HTTP %2 %3: %4")
                           .arg(big.size())
                           .arg(reply.status)
                           .arg(reply.networkError, QString::fromUtf8(reply.body))));
    }
    QCOMPARE(m_node.api().get(QStringLiteral("/healthz")).body, QByteArray("ok\n"));
}

// ---------------------------------------------------------------------------------------------
// Throttling (last: it slows down every sign-in from 127.0.0.1 for up to api.signIn.lockoutSeconds)

void tst_OpsApi::repeatedFailuresAreThrottled()
{
    ApiClient client = m_node.api();
    // api.signIn.failuresBeforeDelay is 3: the first three are plain failures.
    for (int i = 0; i < 3; ++i)
        QCOMPARE(client.signIn(Guesser, QStringLiteral("wrong-guess-number-%1").arg(i)).status, 401);
    // Then the node makes the caller wait, whatever the password (a KDF run takes well under the 1 s delay).
    ApiClient::Reply throttled;
    for (int i = 0; i < 5 && throttled.status != 429; ++i)
        throttled = client.signIn(Guesser, password(Guesser));
    QVERIFY2(isErrorBody(throttled, 429, QStringLiteral("too-many-attempts")), throttled.body.constData());
    bool isNumber = false;
    const int retryAfter = throttled.headers.value("retry-after").toInt(&isNumber);
    QVERIFY(isNumber);
    QVERIFY(retryAfter >= 1 && retryAfter <= 2); // api.signIn.lockoutSeconds caps it
    QVERIFY(client.token().isEmpty());
    // Once the delay is over, the right password works again.
    const ApiClient::Reply later = signInWaiting(client, Guesser, 10000);
    QCOMPARE(later.status, 200);
    // The three failures are audited with their reason; the refused (throttled) attempts add
    // nothing, so a flood of them cannot flood the audit log.
    const QJsonArray failures
        = items(as(Admin).get(QStringLiteral("/api/v1/audit?action=sign-in-failed&actor=") + Guesser));
    QCOMPARE(failures.size(), 3);
    for (const QJsonValue& v : failures)
        QCOMPARE(v.toObject().value(QStringLiteral("detail")).toObject().value(QStringLiteral("why")).toString(),
            QStringLiteral("wrong-password"));
}

QTEST_GUILESS_MAIN(tst_OpsApi)
#include "tst_opsapi.moc"
