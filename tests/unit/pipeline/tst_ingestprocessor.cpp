// Unit tests of the message path's decisions (parse, validate, route, which ACK) — no sockets.
#include "node/pipeline/IngestProcessor.h"

#include "models/hl7/Hl7Ack.h"

#include <QTest>

namespace {

const QByteArray Adt = "MSH|^~\\&|EPIC|WARD4B|VIGIL|HOSP|20261126120000||ADT^A01^ADT_A01|CTRL-1|P|2.5.1\r"
                       "EVN|A01|20261126120000\r"
                       "PID|1||MRN0001^^^HOSP^MR||DOE^JANE||19800101|F\r"
                       "PV1|1|I|4B^12^1\r";

RouteRule rule(const QString& name, const QStringList& types, const QStringList& destinations)
{
    RouteRule r;
    r.name = name;
    r.messageTypes = types;
    r.destinations = destinations;
    return r;
}

QByteArray withHeaderFields(QByteArray message, const QByteArray& msh15and16)
{
    message.replace("|P|2.5.1\r", QByteArray("|P|2.5.1|||" + msh15and16 + '\r'));
    return message;
}

IngestOutcome committed(const IngestProcessor::Decision& d)
{
    IngestOutcome o;
    o.committed = true;
    o.messageId = 7;
    o.ackCode = d.record.ackCode;
    return o;
}

} // namespace

class tst_IngestProcessor : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void validMessageIsAcceptedAndRouted();
    void invalidMessageIsNakedWithErrAndDeadLettered();
    void ackAndDeadLetterPolicyAcceptsButKeepsIt();
    void headerErrorsAreRejectedWithAr();
    void noMshGetsABareRejection();
    void emptyFrameIsAnsweredButNotStored();
    void storeFailureAsksTheSenderToResend();
    void duplicateReplaysTheStoredCode();
    void enhancedModeFollowsMsh15AndMsh16_data();
    void enhancedModeFollowsMsh15AndMsh16();
    void originalModeIgnoresMsh15();
    void contentHashIgnoresTerminatorStyle();

private:
    ChannelConfig m_channel;
    RouteTable m_routes;
};

void tst_IngestProcessor::init()
{
    m_channel = ChannelConfig();
    m_channel.name = QStringLiteral("hl7-in");
    m_routes = RouteTable({rule(QStringLiteral("adt"), {QStringLiteral("ADT")}, {QStringLiteral("ehr"), QStringLiteral("archive")}),
                           rule(QStringLiteral("labs"), {QStringLiteral("ORU")}, {QStringLiteral("lab")})});
}

void tst_IngestProcessor::validMessageIsAcceptedAndRouted()
{
    IngestProcessor p(m_channel, m_routes, 1000);
    const auto d = p.process(Adt, "0123456789abcdef0123456789abcdef", 1000);
    QVERIFY(d.store);
    QCOMPARE(d.record.disposition, IngestRecord::Disposition::Accepted);
    QCOMPARE(d.record.ackCode, QStringLiteral("AA"));
    QCOMPARE(d.record.controlId, QStringLiteral("CTRL-1"));
    QCOMPARE(d.record.sendingApplication, QStringLiteral("EPIC"));
    QCOMPARE(d.record.sendingFacility, QStringLiteral("WARD4B"));
    QCOMPARE(d.record.patientId, QStringLiteral("MRN0001"));
    QCOMPARE(d.record.destinations, QStringList({QStringLiteral("ehr"), QStringLiteral("archive")}));
    QVERIFY(!d.record.deadLetter);
    QStringList stages;
    for (const auto& e : d.record.events)
        stages << e.stage;
    QCOMPARE(stages, QStringList({QStringLiteral("receive"), QStringLiteral("parse"), QStringLiteral("validate"), QStringLiteral("route")}));
    // No PHI in the trace: the patient identifier and name never appear in event details.
    for (const auto& e : d.record.events) {
        QVERIFY(!e.detail.contains(QStringLiteral("MRN0001")));
        QVERIFY(!e.detail.contains(QStringLiteral("DOE")));
    }
    const auto acks = p.acknowledgements(d, committed(d), QStringLiteral("ACK1"));
    QCOMPARE(acks.size(), 1);
    const auto parsed = Hl7Ack::parse(acks[0]);
    QCOMPARE(parsed.code, QStringLiteral("AA"));
    QCOMPARE(parsed.controlId, QStringLiteral("CTRL-1"));
}

void tst_IngestProcessor::invalidMessageIsNakedWithErrAndDeadLettered()
{
    QByteArray noPid3 = Adt;
    noPid3.replace("PID|1||MRN0001^^^HOSP^MR||", "PID|1||||");
    IngestProcessor p(m_channel, m_routes, 1000);
    const auto d = p.process(noPid3, "0123456789abcdef0123456789abcdef", 1000);
    QCOMPARE(d.record.disposition, IngestRecord::Disposition::Invalid);
    QVERIFY(d.record.deadLetter);
    QCOMPARE(d.record.deadLetterStage, QStringLiteral("validate"));
    QCOMPARE(d.record.errorClass, QStringLiteral("hl7-101"));
    QVERIFY(d.record.destinations.isEmpty());
    QCOMPARE(d.record.ackCode, QStringLiteral("AE"));
    const auto acks = p.acknowledgements(d, committed(d), QStringLiteral("ACK2"));
    QCOMPARE(acks.size(), 1);
    QVERIFY2(acks[0].contains("\rERR|"), acks[0].constData());
    QVERIFY2(acks[0].contains("PID^1^3"), acks[0].constData());
    QCOMPARE(Hl7Ack::parse(acks[0]).code, QStringLiteral("AE"));
}

void tst_IngestProcessor::ackAndDeadLetterPolicyAcceptsButKeepsIt()
{
    m_channel.onInvalid = InvalidMessagePolicy::AckAndDeadLetter;
    QByteArray noPid3 = Adt;
    noPid3.replace("PID|1||MRN0001^^^HOSP^MR||", "PID|1||||");
    IngestProcessor p(m_channel, m_routes, 1000);
    const auto d = p.process(noPid3, "0123456789abcdef0123456789abcdef", 1000);
    QVERIFY(d.record.deadLetter);
    QCOMPARE(d.record.ackCode, QStringLiteral("AA"));
    QCOMPARE(Hl7Ack::parse(p.acknowledgements(d, committed(d), QStringLiteral("A"))[0]).code, QStringLiteral("AA"));
}

void tst_IngestProcessor::headerErrorsAreRejectedWithAr()
{
    m_channel.acceptMessageTypes = {QStringLiteral("ORU^R01")};
    IngestProcessor p(m_channel, m_routes, 1000);
    const auto d = p.process(Adt, "0123456789abcdef0123456789abcdef", 1000);
    QCOMPARE(d.record.disposition, IngestRecord::Disposition::Invalid);
    QCOMPARE(d.record.ackCode, QStringLiteral("AR"));
    const auto acks = p.acknowledgements(d, committed(d), QStringLiteral("A"));
    QVERIFY2(acks[0].contains("|200") || acks[0].contains("|201"), acks[0].constData());
}

void tst_IngestProcessor::noMshGetsABareRejection()
{
    IngestProcessor p(m_channel, m_routes, 1000);
    const auto d = p.process("EVN|A01|20261126\rPID|1||X\r", "0123456789abcdef0123456789abcdef", 1000);
    QVERIFY(d.store); // kept for review: nothing is dropped
    QCOMPARE(d.record.disposition, IngestRecord::Disposition::Unparseable);
    QVERIFY(d.record.deadLetter);
    QCOMPARE(d.record.deadLetterStage, QStringLiteral("parse"));
    const auto acks = p.acknowledgements(d, committed(d), QStringLiteral("A"));
    QCOMPARE(acks.size(), 1);
    const auto parsed = Hl7Ack::parse(acks[0]);
    QCOMPARE(parsed.code, QStringLiteral("AR"));
    QVERIFY(parsed.controlId.isEmpty());
}

void tst_IngestProcessor::emptyFrameIsAnsweredButNotStored()
{
    IngestProcessor p(m_channel, m_routes, 1000);
    const auto d = p.process(" \r\n", "0123456789abcdef0123456789abcdef", 1000);
    QVERIFY(!d.store);
    const auto acks = p.acknowledgements(d, IngestOutcome(), QStringLiteral("A"));
    QCOMPARE(acks.size(), 1);
    QCOMPARE(Hl7Ack::parse(acks[0]).code, QStringLiteral("AR"));
}

void tst_IngestProcessor::storeFailureAsksTheSenderToResend()
{
    IngestProcessor p(m_channel, m_routes, 1000);
    const auto d = p.process(Adt, "0123456789abcdef0123456789abcdef", 1000);
    IngestOutcome failed;
    failed.committed = false;
    failed.error = QStringLiteral("disk I/O error");
    const auto acks = p.acknowledgements(d, failed, QStringLiteral("A"));
    QCOMPARE(acks.size(), 1);
    QCOMPARE(Hl7Ack::parse(acks[0]).code, QStringLiteral("AR"));
    QVERIFY2(acks[0].contains("207"), acks[0].constData());
    QVERIFY(!acks[0].contains("disk I/O")); // internal details stay in the node's log
}

void tst_IngestProcessor::duplicateReplaysTheStoredCode()
{
    IngestProcessor p(m_channel, m_routes, 1000);
    const auto d = p.process(Adt, "0123456789abcdef0123456789abcdef", 1000);
    IngestOutcome dup = committed(d);
    dup.duplicate = true;
    dup.ackCode = QStringLiteral("AA");
    const auto parsed = Hl7Ack::parse(p.acknowledgements(d, dup, QStringLiteral("A"))[0]);
    QCOMPARE(parsed.code, QStringLiteral("AA"));
    QCOMPARE(parsed.controlId, QStringLiteral("CTRL-1"));
}

void tst_IngestProcessor::enhancedModeFollowsMsh15AndMsh16_data()
{
    QTest::addColumn<QByteArray>("fields");
    QTest::addColumn<QStringList>("codes");
    QTest::addRow("AL AL") << QByteArray("AL|AL") << QStringList{QStringLiteral("CA"), QStringLiteral("AA")};
    QTest::addRow("AL NE") << QByteArray("AL|NE") << QStringList{QStringLiteral("CA")};
    QTest::addRow("NE AL") << QByteArray("NE|AL") << QStringList{QStringLiteral("AA")};
    QTest::addRow("NE NE") << QByteArray("NE|NE") << QStringList{};
    QTest::addRow("ER ER") << QByteArray("ER|ER") << QStringList{};
    QTest::addRow("SU SU") << QByteArray("SU|SU") << QStringList{QStringLiteral("CA"), QStringLiteral("AA")};
}

void tst_IngestProcessor::enhancedModeFollowsMsh15AndMsh16()
{
    QFETCH(QByteArray, fields);
    QFETCH(QStringList, codes);
    m_channel.ackMode = AckMode::Enhanced;
    IngestProcessor p(m_channel, m_routes, 1000);
    const auto d = p.process(withHeaderFields(Adt, fields), "0123456789abcdef0123456789abcdef", 1000);
    QVERIFY(d.enhancedMode);
    QStringList got;
    for (const QByteArray& ack : p.acknowledgements(d, committed(d), QStringLiteral("A")))
        got << Hl7Ack::parse(ack).code;
    QCOMPARE(got, codes);
}

void tst_IngestProcessor::originalModeIgnoresMsh15()
{
    IngestProcessor p(m_channel, m_routes, 1000);
    const auto d = p.process(withHeaderFields(Adt, "NE|NE"), "0123456789abcdef0123456789abcdef", 1000);
    QVERIFY(!d.enhancedMode);
    const auto acks = p.acknowledgements(d, committed(d), QStringLiteral("A"));
    QCOMPARE(acks.size(), 1);
    QCOMPARE(Hl7Ack::parse(acks[0]).code, QStringLiteral("AA"));
}

void tst_IngestProcessor::contentHashIgnoresTerminatorStyle()
{
    QByteArray crlf = Adt;
    crlf.replace('\r', "\r\n");
    QByteArray lf = Adt;
    lf.replace('\r', '\n');
    QCOMPARE(IngestProcessor::contentHash(crlf), IngestProcessor::contentHash(Adt));
    QCOMPARE(IngestProcessor::contentHash(lf), IngestProcessor::contentHash(Adt));
    QByteArray changed = Adt;
    changed.replace("DOE", "ROE");
    QVERIFY(IngestProcessor::contentHash(changed) != IngestProcessor::contentHash(Adt));
}

QTEST_GUILESS_MAIN(tst_IngestProcessor)
#include "tst_ingestprocessor.moc"
