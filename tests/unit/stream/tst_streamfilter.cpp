// Which stream events reach which client: topics, role, unit scope, clinical alerts, correlation IDs.
#include "node/stream/StreamFilter.h"

#include <QTest>

namespace {

const QByteArray IdA = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
const QByteArray IdB = "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";

Principal principal(Role role, const QStringList& units = {})
{
    Principal p;
    p.userId = 1;
    p.userName = QStringLiteral("someone");
    p.role = role;
    p.units = units;
    return p;
}

StreamEvent makeEvent(const QString& type, const QString& unit = {}, bool clinical = false, const QByteArray& id = {})
{
    StreamEvent e;
    e.seq = 1;
    e.type = type;
    e.unit = unit;
    e.clinical = clinical;
    e.correlationId = id;
    return e;
}

QSet<QString> allTopics()
{
    const QStringList all = StreamTopic::all();
    return {all.begin(), all.end()};
}

} // namespace

class tst_StreamFilter : public QObject
{
    Q_OBJECT

private slots:
    void topicOfType_data();
    void topicOfType();
    void topicPermissions_data();
    void topicPermissions();
    void accepts_data();
    void accepts();
    void onlySubscribedTopics();
    void correlationIdsNarrowMessageEventsOnly();
    void principalChangeAppliesAtOnce();
};

void tst_StreamFilter::topicOfType_data()
{
    QTest::addColumn<QString>("type");
    QTest::addColumn<QString>("topic");
    QTest::addRow("stats") << QStringLiteral("stats.tick") << QStringLiteral("stats");
    QTest::addRow("message") << QStringLiteral("message.state") << QStringLiteral("messages");
    QTest::addRow("dead letter") << QStringLiteral("deadLetter.added") << QStringLiteral("deadLetters");
    QTest::addRow("alert") << QStringLiteral("alert.changed") << QStringLiteral("alerts");
    QTest::addRow("audit") << QStringLiteral("audit.appended") << QStringLiteral("audit");
    QTest::addRow("no suffix") << QStringLiteral("audit") << QStringLiteral("audit");
    QTest::addRow("plural prefix") << QStringLiteral("messages.state") << QString();
    QTest::addRow("unknown") << QStringLiteral("patient.changed") << QString();
    QTest::addRow("empty") << QString() << QString();
}

void tst_StreamFilter::topicOfType()
{
    QFETCH(QString, type);
    QFETCH(QString, topic);
    QCOMPARE(StreamTopic::ofType(type), topic);
}

void tst_StreamFilter::topicPermissions_data()
{
    QTest::addColumn<Role>("role");
    QTest::addColumn<QString>("topic");
    QTest::addColumn<bool>("allowed");
    const QList<std::pair<Role, QString>> roles{{Role::Support, QStringLiteral("support")},
                                                {Role::Nurse, QStringLiteral("nurse")},
                                                {Role::Admin, QStringLiteral("admin")}};
    for (const auto& [role, name] : roles) {
        const bool staff = role != Role::Nurse;
        QTest::addRow("%s stats", qPrintable(name)) << role << QStringLiteral("stats") << true;
        QTest::addRow("%s messages", qPrintable(name)) << role << QStringLiteral("messages") << true;
        QTest::addRow("%s alerts", qPrintable(name)) << role << QStringLiteral("alerts") << true;
        QTest::addRow("%s deadLetters", qPrintable(name)) << role << QStringLiteral("deadLetters") << staff;
        QTest::addRow("%s audit", qPrintable(name)) << role << QStringLiteral("audit") << staff;
        QTest::addRow("%s unknown", qPrintable(name)) << role << QStringLiteral("patients") << false;
    }
}

void tst_StreamFilter::topicPermissions()
{
    QFETCH(Role, role);
    QFETCH(QString, topic);
    QFETCH(bool, allowed);
    QCOMPARE(StreamFilter::topicAllowed(role, topic), allowed);
}

void tst_StreamFilter::accepts_data()
{
    QTest::addColumn<Role>("role");
    QTest::addColumn<QString>("type");
    QTest::addColumn<QString>("unit");
    QTest::addColumn<bool>("clinical");
    QTest::addColumn<bool>("accepted");

    const QString a = QStringLiteral("4A");
    const QString b = QStringLiteral("4B");
    const QString msg = QStringLiteral("message.state");
    const QString alert = QStringLiteral("alert.changed");
    const QString dead = QStringLiteral("deadLetter.added");
    const QString stats = QStringLiteral("stats.tick");
    const QString audit = QStringLiteral("audit.appended");

    QTest::addRow("nurse: message of own unit") << Role::Nurse << msg << a << false << true;
    QTest::addRow("nurse: unit matched case-insensitively") << Role::Nurse << msg << QStringLiteral("4a") << false << true;
    QTest::addRow("nurse: message of other unit") << Role::Nurse << msg << b << false << false;
    QTest::addRow("nurse: message without unit") << Role::Nurse << msg << QString() << false << false;
    QTest::addRow("nurse: clinical alert of own unit") << Role::Nurse << alert << a << true << true;
    QTest::addRow("nurse: system alert of own unit") << Role::Nurse << alert << a << false << false;
    QTest::addRow("nurse: clinical alert of other unit") << Role::Nurse << alert << b << true << false;
    QTest::addRow("nurse: clinical alert without unit") << Role::Nurse << alert << QString() << true << false;
    QTest::addRow("nurse: dead letter of own unit") << Role::Nurse << dead << a << false << false;
    QTest::addRow("nurse: audit") << Role::Nurse << audit << QString() << false << false;
    QTest::addRow("nurse: stats") << Role::Nurse << stats << QString() << false << true;
    QTest::addRow("nurse: unknown type") << Role::Nurse << QStringLiteral("x.y") << a << false << false;

    QTest::addRow("support: message of any unit") << Role::Support << msg << b << false << true;
    QTest::addRow("support: message without unit") << Role::Support << msg << QString() << false << true;
    QTest::addRow("support: system alert") << Role::Support << alert << QString() << false << true;
    QTest::addRow("support: dead letter") << Role::Support << dead << b << false << true;
    QTest::addRow("support: audit") << Role::Support << audit << QString() << false << true;
    QTest::addRow("admin: dead letter") << Role::Admin << dead << QString() << false << true;
    QTest::addRow("admin: audit") << Role::Admin << audit << QString() << false << true;
    QTest::addRow("admin: unknown type") << Role::Admin << QStringLiteral("x.y") << QString() << false << false;
}

void tst_StreamFilter::accepts()
{
    QFETCH(Role, role);
    QFETCH(QString, type);
    QFETCH(QString, unit);
    QFETCH(bool, clinical);
    QFETCH(bool, accepted);

    const StreamFilter filter(principal(role, {QStringLiteral("4A"), QStringLiteral("ICU")}), allTopics(), {});
    QCOMPARE(filter.accepts(makeEvent(type, unit, clinical)), accepted);
}

void tst_StreamFilter::onlySubscribedTopics()
{
    const StreamFilter filter(principal(Role::Admin), {QStringLiteral("alerts")}, {});
    QVERIFY(filter.accepts(makeEvent(QStringLiteral("alert.changed"))));
    QVERIFY(!filter.accepts(makeEvent(QStringLiteral("stats.tick"))));
    QVERIFY(!filter.accepts(makeEvent(QStringLiteral("message.state"))));
    QVERIFY(!StreamFilter().accepts(makeEvent(QStringLiteral("stats.tick"))));
}

void tst_StreamFilter::correlationIdsNarrowMessageEventsOnly()
{
    const StreamFilter filter(principal(Role::Support), allTopics(), {IdA});
    QVERIFY(filter.accepts(makeEvent(QStringLiteral("message.state"), {}, false, IdA)));
    QVERIFY(!filter.accepts(makeEvent(QStringLiteral("message.state"), {}, false, IdB)));
    QVERIFY(!filter.accepts(makeEvent(QStringLiteral("message.state"))));
    // Dead letters and alerts of other messages still arrive.
    QVERIFY(filter.accepts(makeEvent(QStringLiteral("deadLetter.added"), {}, false, IdB)));
    QVERIFY(filter.accepts(makeEvent(QStringLiteral("alert.changed"), {}, false, IdB)));
}

void tst_StreamFilter::principalChangeAppliesAtOnce()
{
    StreamFilter filter(principal(Role::Support), allTopics(), {});
    const StreamEvent deadLetter = makeEvent(QStringLiteral("deadLetter.added"), QStringLiteral("4A"));
    QVERIFY(filter.accepts(deadLetter));
    filter.setPrincipal(principal(Role::Nurse, {QStringLiteral("4A")}));
    QVERIFY(!filter.accepts(deadLetter));
    QVERIFY(filter.accepts(makeEvent(QStringLiteral("message.state"), QStringLiteral("4A"))));
}

QTEST_GUILESS_MAIN(tst_StreamFilter)
#include "tst_streamfilter.moc"
