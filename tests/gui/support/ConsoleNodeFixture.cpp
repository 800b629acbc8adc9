#include "tests/gui/support/ConsoleNodeFixture.h"

#include "tests/integration/OpsApiHelpers.h"
#include "tests/support/BlockingMllpClient.h"
#include "ui/MainWindow.h"
#include "ui/session/NodeFleet.h"
#include "ui/session/NodeSession.h"
#include "ui/session/TokenVault.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QThread>

using namespace Qt::StringLiterals;

const QString ConsoleNodeFixture::NurseIcu = u"nina"_s;
const QString ConsoleNodeFixture::NurseOther = u"olaf"_s;
const QString ConsoleNodeFixture::Support = u"sam"_s;
const QString ConsoleNodeFixture::Admin = u"ada"_s;
const QString ConsoleNodeFixture::Unit = u"ICU-3"_s;

namespace {

QJsonObject clinicalPolicy(int seconds)
{
    QJsonArray levels;
    const QList<QStringList> notify{{u"unit"_s},
                                    {u"unit"_s, u"role:charge-nurse"_s},
                                    {u"role:charge-nurse"_s, u"role:house-supervisor"_s}};
    for (const QStringList& who : notify) {
        levels.append(QJsonObject{{u"notify"_s, QJsonArray::fromStringList(who)},
                                  {u"ackTimeoutSeconds"_s, seconds}});
    }
    return QJsonObject{{u"name"_s, u"clinical-critical"_s}, {u"levels"_s, levels}};
}

/// Runs the event loop until `done` or the timeout (tests wait on real processes).
template <typename Done>
bool spin(Done done, int timeoutMs)
{
    QDeadlineTimer deadline(timeoutMs);
    while (!done()) {
        if (deadline.hasExpired())
            return false;
        QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
        QThread::msleep(5);
    }
    return true;
}

} // namespace

ConsoleNodeFixture::ConsoleNodeFixture() = default;

ConsoleNodeFixture::~ConsoleNodeFixture()
{
    if (m_node.isRunning())
        m_node.terminate();
}

ConsoleNodeFixture::Console::~Console()
{
    window.reset();
    fleet.reset();
    vault.reset();
}

bool ConsoleNodeFixture::start(QString* errorString, int escalationSeconds)
{
    QJsonObject labDown = IntegrationHelpers::mllpDestination(u"lab-down"_s, IntegrationHelpers::freePort(), 1);
    const QJsonArray routes{
        QJsonObject{{u"name"_s, u"updates-to-lab"_s},
                    {u"match"_s, QJsonObject{{u"messageType"_s, u"ADT^A08"_s}}},
                    {u"destinations"_s, QJsonArray{u"lab-down"_s, u"archive"_s}},
                    {u"stop"_s, true}},
        IntegrationHelpers::routeAll({u"archive"_s})};
    QJsonObject config = IntegrationHelpers::nodeConfig(
        {IntegrationHelpers::channel(u"hl7-in"_s, u"ack-and-dead-letter"_s)},
        {IntegrationHelpers::fileDestination(u"archive"_s, u"archive"_s), labDown}, routes);
    QJsonObject node = config.value(u"node").toObject();
    QJsonObject http = node.value(u"http").toObject();
    http.insert(u"port"_s, int(IntegrationHelpers::freePort()));
    node.insert(u"http"_s, http);
    config.insert(u"node"_s, node);
    config.insert(u"alerts"_s,
                  QJsonObject{{u"version"_s, u"gui-1"_s},
                              {u"policies"_s, QJsonArray{clinicalPolicy(escalationSeconds)}},
                              {u"rules"_s, QJsonArray{QJsonObject{{u"id"_s, u"critical-result"_s},
                                                                  {u"kind"_s, u"criticalResult"_s}}}}});
    if (!m_node.start(config, errorString))
        return false;
    return m_node.addUser(NurseIcu, u"nurse"_s, {Unit}, OpsApiHelpers::password(NurseIcu), errorString)
        && m_node.addUser(NurseOther, u"nurse"_s, {u"5A"_s}, OpsApiHelpers::password(NurseOther), errorString)
        && m_node.addUser(Support, u"support"_s, {}, OpsApiHelpers::password(Support), errorString)
        && m_node.addUser(Admin, u"admin"_s, {}, OpsApiHelpers::password(Admin), errorString);
}

QString ConsoleNodeFixture::send(const QByteArray& message)
{
    BlockingMllpClient client;
    if (!client.connectTo(m_node.port(u"hl7-in"_s)))
        return QString();
    const QByteArray ack = client.exchange(message);
    const qsizetype msa = ack.indexOf("MSA|");
    return msa < 0 ? QString() : QString::fromLatin1(ack.mid(msa + 4, 2));
}

QByteArray ConsoleNodeFixture::criticalPotassium(const QString& controlId, const QString& mrn, const QString& unit,
                                                 const QString& value)
{
    return u"MSH|^~\\&|VIGIL-LIS|VIGIL-LAB|VIGIL-EHR|VIGIL-HOSP|20261127101500||ORU^R01^ORU_R01|%1|P|2.5.1|||AL|NE\r"
           "PID|1||%2^^^VIGIL-MPI^MR||SYNTHETIC^TEST^A||19700101|F\r"
           "PV1|1|I|%3^301^A^VIGIL-HOSP\r"
           "ORC|RE|PLC-%1^VIGIL-EHR|FIL-%1^VIGIL-LIS\r"
           "OBR|1|PLC-%1^VIGIL-EHR|FIL-%1^VIGIL-LIS|80048^Basic metabolic panel^CPT|||20261127093000|||||||||||||||20261127101400|||F\r"
           "OBX|1|NM|2823-3^Potassium [Moles/volume] in Serum or Plasma^LN||%4|mmol/L^millimole per liter^UCUM|3.5-5.1|HH|||F|||20261127093000\r"_s
        .arg(controlId, mrn, unit, value)
        .toUtf8();
}

QByteArray ConsoleNodeFixture::adtWithoutPatientId(const QString& controlId, const QString& unit)
{
    return OpsApiHelpers::adt(controlId, QString(), u"NOID"_s, unit);
}

QByteArray ConsoleNodeFixture::adtUpdate(const QString& controlId, const QString& mrn, const QString& unit)
{
    return OpsApiHelpers::adt(controlId, mrn, u"UPDATE"_s, unit, u"A08"_s);
}

ApiClient ConsoleNodeFixture::api(const QString& user)
{
    ApiClient client = m_node.api();
    OpsApiHelpers::signInWaiting(client, user);
    return client;
}

QJsonArray ConsoleNodeFixture::waitForItems(const QString& user, const QString& pathAndQuery, int count, int timeoutMs)
{
    const ApiClient client = api(user);
    QJsonArray items;
    spin([&] {
        items = client.get(pathAndQuery).json().value(u"items").toArray();
        return items.size() >= count;
    }, timeoutMs);
    return items;
}

std::unique_ptr<ConsoleNodeFixture::Console> ConsoleNodeFixture::console(const QString& user, bool withWindow,
                                                                          QString* errorString, const QString& name)
{
    auto c = std::make_unique<Console>();
    const QString tag = name.isEmpty() ? u"console-%1"_s.arg(++m_consoles) : name;
    c->vault = std::make_unique<TokenVault>(u"vigil-console-test-"_s + tag);
    c->fleet = std::make_unique<NodeFleet>(c->vault.get(), m_tmp.filePath(tag + u".ini"),
                                           m_tmp.filePath(tag + u"-cache"));
    c->fleet->setPollIntervals(1000, 500);
    c->fleet->load();
    if (withWindow) {
        c->window = std::make_unique<MainWindow>(c->fleet.get());
        c->window->resize(1400, 900);
        c->window->show();
    }
    NodeProfile profile = NodeProfile::create();
    profile.displayName = u"Test node"_s;
    profile.host = u"127.0.0.1"_s;
    profile.port = apiPort();
    profile.pinnedFingerprint = m_node.fingerprint();
    c->nodeId = c->fleet->addNode(profile, errorString);
    if (c->nodeId.isEmpty())
        return nullptr;
    c->session = c->fleet->session(c->nodeId);
    c->session->stream()->setBackoff(200, 1000, 5000);
    bool answered = false;
    OpsReply reply;
    c->session->signIn(user, OpsApiHelpers::password(user), c->fleet.get(), [&](const OpsReply& r) {
        reply = r;
        answered = true;
    });
    if (!spin([&] { return answered; }, 20000) || !reply.ok()) {
        if (errorString)
            *errorString = u"sign-in as %1 failed: %2"_s.arg(user, reply.error);
        return nullptr;
    }
    NodeSession* session = c->session;
    if (!spin([session] { return session->isLive(); }, 30000)) {
        if (errorString)
            *errorString = u"the session did not go live: %1"_s.arg(session->detail());
        return nullptr;
    }
    return c;
}
