#include "models/alerts/CriticalResultRule.h"
#include "models/hl7/Hl7Message.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>
#include <QtTest>

using namespace Qt::StringLiterals;

Q_DECLARE_METATYPE(AlertSignal::Kind)

namespace {

// Synthetic identities only (never real patient data).
struct Obx
{
    QString valueType = u"NM"_s;
    QString code = u"2823-3^Potassium^LN"_s;
    QString subId;
    QString value = u"6.9"_s;
    QString units = u"mmol/L^millimole per liter^UCUM"_s;
    QString range = u"3.5-5.1"_s;
    QString flags = u"HH"_s;
    QString status = u"F"_s;
    QString instanceId;                              // OBX-21
};

struct Order
{
    QString placer = u"PLC-1^EHR"_s;
    QString filler = u"FIL-1^LIS"_s;
    QList<Obx> results{Obx{}};
};

struct Message
{
    QString type = u"ORU^R01^ORU_R01"_s;
    QString controlId = u"CTRL-1"_s;
    QString patient = u"SYN-7731"_s;
    QString authority = u"SYN-MPI"_s;
    QString unit = u"ICU-3"_s;
    QList<Order> orders{Order{}};
};

QString obxSegment(int setId, const Obx& obx)
{
    QStringList fields(22);
    fields[0] = u"OBX"_s;
    fields[1] = QString::number(setId);
    fields[2] = obx.valueType;
    fields[3] = obx.code;
    fields[4] = obx.subId;
    fields[5] = obx.value;
    fields[6] = obx.units;
    fields[7] = obx.range;
    fields[8] = obx.flags;
    fields[11] = obx.status;
    fields[14] = u"20250301093000"_s;
    fields[21] = obx.instanceId;
    return fields.join(u'|');
}

QByteArray build(const Message& m)
{
    QStringList segments;
    segments << u"MSH|^~\\&|SYN-LIS|SYN-LAB|SYN-EHR|SYN-HOSP|20250301101500||"_s + m.type + u'|' + m.controlId
                    + u"|P|2.5.1"_s;
    segments << u"PID|1||"_s + m.patient + u"^^^"_s + m.authority + u"^MR||SYNTHETIC^TEST||19700101|F"_s;
    segments << u"PV1|1|I|"_s + m.unit + u"^301^A"_s;
    int obrSet = 0;
    for (const Order& order : m.orders) {
        segments << u"OBR|"_s + QString::number(++obrSet) + u'|' + order.placer + u'|' + order.filler
                        + u"|80048^Basic metabolic panel^CPT"_s;
        int obxSet = 0;
        for (const Obx& obx : order.results)
            segments << obxSegment(++obxSet, obx);
    }
    return segments.join(u'\r').toUtf8() + '\r';
}

Hl7Message parse(const QByteArray& raw)
{
    auto result = Hl7Message::parse(raw);
    if (!result.ok())
        qFatal("test message does not parse");
    return *result.message;
}

CriticalResultRuleConfig config(const QString& id = u"critical-result"_s)
{
    CriticalResultRuleConfig c;
    c.common.id = id;
    c.common.severity = AlertSeverity::Critical;
    c.common.policy = u"clinical-critical"_s;
    c.common.team = u"nursing"_s;
    c.common.cooldownSeconds = 30;
    c.common.maxAgeSeconds = 3600;                   // must not reach clinical signals
    return c;
}

QList<AlertSignal> run(const Message& m, const CriticalResultRuleConfig& c = config(),
                       const CriticalResultRule::Source& source = {})
{
    return CriticalResultRule(c).evaluate(parse(build(m)), source);
}

Message withResult(const Obx& obx)
{
    Message m;
    m.orders[0].results = {obx};
    return m;
}

QByteArray readFile(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read test data");
    return file.readAll();
}

/// The open alerts a rule is told about (a unit test's stand-in for the node's alert store).
class FixedOpenAlerts : public OpenAlertIndex
{
public:
    QSet<QByteArray> keys;
    bool anyOpen(const QString&) const override { return !keys.isEmpty(); }
    bool isOpen(const QString&, const QByteArray& dedupKey) const override { return keys.contains(dedupKey); }
};

QString alertsData(const QString& name)
{
    return QStringLiteral(VIGIL_TEST_DATA_DIR) + u"/hl7/alerts/"_s + name;
}

bool isSha256Hex(const QByteArray& key)
{
    static const QRegularExpression hex(u"^[0-9a-f]{64}$"_s);
    return hex.match(QString::fromLatin1(key)).hasMatch();
}

const QStringList EvidenceKeys{u"code"_s,         u"codeSystem"_s, u"text"_s,       u"value"_s,
                               u"units"_s,        u"referenceRange"_s, u"flags"_s,  u"resultStatus"_s,
                               u"observedAt"_s,   u"valueType"_s,  u"controlId"_s,  u"sendingFacility"_s};

/// A synthetic FHIR R4 Observation: glucose with an interpretation code.
QJsonObject observation(const QString& interpretation, const QString& status = u"final"_s, double value = 35)
{
    return QJsonObject{
        {u"resourceType"_s, u"Observation"_s},
        {u"id"_s, u"glu-1"_s},
        {u"identifier"_s, QJsonArray{QJsonObject{{u"system"_s, u"urn:oid:1.2.3.4.5"_s}, {u"value"_s, u"SYN-OBS-9"_s}}}},
        {u"basedOn"_s, QJsonArray{QJsonObject{{u"reference"_s, u"ServiceRequest/syn-order-1"_s}}}},
        {u"status"_s, status},
        {u"code"_s, QJsonObject{{u"coding"_s, QJsonArray{QJsonObject{{u"system"_s, u"http://loinc.org"_s},
                                                                     {u"code"_s, u"2345-7"_s},
                                                                     {u"display"_s, u"Glucose"_s}}}}}},
        {u"subject"_s, QJsonObject{{u"identifier"_s, QJsonObject{{u"system"_s, u"urn:syn:mrn"_s},
                                                                 {u"value"_s, u"SYN-4411"_s}}}}},
        {u"effectiveDateTime"_s, u"2026-11-27T03:10:00Z"_s},
        {u"valueQuantity"_s, QJsonObject{{u"value"_s, value}, {u"unit"_s, u"mg/dL"_s}}},
        {u"interpretation"_s, QJsonArray{QJsonObject{{u"coding"_s, QJsonArray{QJsonObject{
                                  {u"system"_s, u"http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation"_s},
                                  {u"code"_s, interpretation}}}}}}},
        {u"referenceRange"_s, QJsonArray{QJsonObject{{u"low"_s, QJsonObject{{u"value"_s, 70}}},
                                                     {u"high"_s, QJsonObject{{u"value"_s, 99}}}}}}};
}

} // namespace

class tst_CriticalResultRule : public QObject
{
    Q_OBJECT

private slots:
    void appliesTo_data();
    void appliesTo();
    void statusAndFlags_data();
    void statusAndFlags();
    void signalCarriesConfigSourceAndEvidence();
    void unitFromSourceWins();
    void locationFromPv1_data();
    void locationFromPv1();
    void locationFollowsItsPatient();
    void titles_data();
    void titles();
    void keyStableAcrossResultLifecycle();
    void preliminaryThenFinalSameValue();
    void subIdSeparatesResults();
    void instanceIdOverridesOrder();
    void placerNumberWhenNoFiller();
    void twoOrderGroups();
    void normalResultsSkippedWhenNothingIsOpen();
    void keysPerPatientAndRuleWithoutPhi();
    void configurableExtraFlags();
    void otherMessageTypesIgnored();
    void syntheticSequence();
    void corpusCriticalAndCorrection();
    void corpusOruMessages();
    void fhirCriticalObservationRaises();
    void fhirBundlePatientAndCorrection();
    void fhirStatusesAndSwitch();
    void fhirCorpusObservationsRaiseNothing();
};

void tst_CriticalResultRule::appliesTo_data()
{
    QTest::addColumn<QStringList>("patterns");
    QTest::addColumn<QString>("type");
    QTest::addColumn<QString>("trigger");
    QTest::addColumn<bool>("applies");

    QTest::addRow("default ORU^R01") << QStringList{u"ORU^R01"_s} << u"ORU"_s << u"R01"_s << true;
    QTest::addRow("default rejects ADT") << QStringList{u"ORU^R01"_s} << u"ADT"_s << u"A01"_s << false;
    QTest::addRow("default rejects ORU^R30") << QStringList{u"ORU^R01"_s} << u"ORU"_s << u"R30"_s << false;
    QTest::addRow("trigger wildcard") << QStringList{u"ORU^*"_s} << u"ORU"_s << u"R30"_s << true;
    QTest::addRow("type wildcard") << QStringList{u"*^R01"_s} << u"OUL"_s << u"R01"_s << true;
    QTest::addRow("type wildcard, other trigger") << QStringList{u"*^R01"_s} << u"ORU"_s << u"R30"_s << false;
    QTest::addRow("all") << QStringList{u"*"_s} << u"ADT"_s << u"A08"_s << true;
    QTest::addRow("second entry") << QStringList{u"ORU^R01"_s, u"OUL^R22"_s} << u"OUL"_s << u"R22"_s << true;
    QTest::addRow("empty list") << QStringList{} << u"ORU"_s << u"R01"_s << false;
}

void tst_CriticalResultRule::appliesTo()
{
    QFETCH(QStringList, patterns);
    QFETCH(QString, type);
    QFETCH(QString, trigger);
    QFETCH(bool, applies);
    CriticalResultRuleConfig c = config();
    c.messageTypes = patterns;
    QCOMPARE(CriticalResultRule(c).appliesTo(type, trigger), applies);
}

void tst_CriticalResultRule::statusAndFlags_data()
{
    QTest::addColumn<QString>("valueType");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("flags");
    QTest::addColumn<QString>("status");
    QTest::addColumn<bool>("alertOnPreliminary");
    QTest::addColumn<int>("count");                  // 0 or 1
    QTest::addColumn<AlertSignal::Kind>("kind");
    QTest::addColumn<bool>("correction");
    QTest::addColumn<bool>("statusOnly");
    QTest::addColumn<QString>("disposition");

    using K = AlertSignal::Kind;
    QTest::addRow("HH final") << u"NM"_s << u"6.9"_s << u"HH"_s << u"F"_s << true << 1 << K::Raise << false << false << QString();
    QTest::addRow("LL final") << u"NM"_s << u"2.1"_s << u"LL"_s << u"F"_s << true << 1 << K::Raise << false << false << QString();
    QTest::addRow("AA on ST") << u"ST"_s << u"Positive"_s << u"AA"_s << u"F"_s << true << 1 << K::Raise << false << false << QString();
    QTest::addRow("AA on CWE") << u"CWE"_s << u"112283007^Escherichia coli^SCT"_s << u"AA"_s << u"F"_s << true << 1
                               << K::Raise << false << false << QString();
    QTest::addRow("H~HH") << u"NM"_s << u"6.9"_s << u"H~HH"_s << u"F"_s << true << 1 << K::Raise << false << false << QString();
    QTest::addRow("HH~H") << u"NM"_s << u"6.9"_s << u"HH~H"_s << u"F"_s << true << 1 << K::Raise << false << false << QString();
    QTest::addRow("flag with spaces") << u"NM"_s << u"6.9"_s << u" HH "_s << u"F"_s << true << 1 << K::Raise << false << false
                                      << QString();
    QTest::addRow("empty status is final") << u"NM"_s << u"6.9"_s << u"HH"_s << QString() << true << 1 << K::Raise << false
                                           << false << QString();
    // Not critical never raises; it only clears an alert the key may have (the state machine ignores
    // a clear for an unknown key).
    QTest::addRow("H only") << u"NM"_s << u"5.4"_s << u"H"_s << u"F"_s << true << 1 << K::Clear << false << false << u"corrected"_s;
    QTest::addRow("no flags") << u"NM"_s << u"4.1"_s << QString() << u"F"_s << true << 1 << K::Clear << false << false << u"corrected"_s;
    QTest::addRow("lower-case hh is no code") << u"NM"_s << u"6.9"_s << u"hh"_s << u"F"_s << true << 1 << K::Clear << false
                                              << false << u"corrected"_s;
    QTest::addRow("P critical, alert on P") << u"NM"_s << u"6.9"_s << u"HH"_s << u"P"_s << true << 1 << K::Raise << false
                                            << false << QString();
    QTest::addRow("P critical, wait for F") << u"NM"_s << u"6.9"_s << u"HH"_s << u"P"_s << false << 0 << K::Raise << false
                                            << false << QString();
    QTest::addRow("F critical, wait for F") << u"NM"_s << u"6.9"_s << u"HH"_s << u"F"_s << false << 1 << K::Raise << false
                                            << false << QString();
    QTest::addRow("C still critical") << u"NM"_s << u"7.2"_s << u"HH"_s << u"C"_s << true << 1 << K::Raise << true << false
                                      << QString();
    QTest::addRow("A still critical") << u"NM"_s << u"7.2"_s << u"HH"_s << u"A"_s << true << 1 << K::Raise << true << false
                                      << QString();
    QTest::addRow("C normal") << u"NM"_s << u"4.2"_s << u"N"_s << u"C"_s << true << 1 << K::Clear << true << false
                              << u"corrected"_s;
    QTest::addRow("W") << u"NM"_s << u"6.9"_s << u"HH"_s << u"W"_s << true << 1 << K::Retract << false << false << QString();
    QTest::addRow("D") << u"NM"_s << u"6.9"_s << u"HH"_s << u"D"_s << true << 1 << K::Retract << false << false << QString();
    QTest::addRow("W without flags") << u"NM"_s << u""_s << QString() << u"W"_s << true << 1 << K::Retract << false << false
                                     << QString();
    QTest::addRow("X") << u"NM"_s << QString() << QString() << u"X"_s << true << 1 << K::Clear << false << false
                       << u"cancelled"_s;
    QTest::addRow("U critical") << u"NM"_s << u"6.9"_s << u"HH"_s << u"U"_s << true << 1 << K::Raise << false << true
                                << QString();
    QTest::addRow("U normal") << u"NM"_s << u"4.1"_s << u"N"_s << u"U"_s << true << 0 << K::Raise << false << false << QString();
    for (const char* status : {"R", "I", "S", "N", "O", "B", "V", "Q"}) {
        QTest::addRow("%s critical: nothing", status)
            << u"NM"_s << u"6.9"_s << u"HH"_s << QString::fromLatin1(status) << true << 0 << K::Raise << false << false
            << QString();
    }
}

void tst_CriticalResultRule::statusAndFlags()
{
    QFETCH(QString, valueType);
    QFETCH(QString, value);
    QFETCH(QString, flags);
    QFETCH(QString, status);
    QFETCH(bool, alertOnPreliminary);
    QFETCH(int, count);
    QFETCH(AlertSignal::Kind, kind);
    QFETCH(bool, correction);
    QFETCH(bool, statusOnly);
    QFETCH(QString, disposition);

    Obx obx;
    obx.valueType = valueType;
    obx.value = value;
    obx.flags = flags;
    obx.status = status;
    CriticalResultRuleConfig c = config();
    c.alertOnPreliminary = alertOnPreliminary;
    const QList<AlertSignal> signalList = run(withResult(obx), c);
    QCOMPARE(signalList.size(), count);
    if (count == 0)
        return;
    const AlertSignal& s = signalList.first();
    QCOMPARE(s.kind, kind);
    QCOMPARE(s.correction, correction);
    QCOMPARE(s.statusOnly, statusOnly);
    QCOMPARE(s.disposition, disposition);
    QCOMPARE(s.resultStatus, status);
    QVERIFY(isSha256Hex(s.dedupKey));
    // Clears and retracts carry the same title/evidence shape: the alert history shows them.
    QVERIFY(!s.title.isEmpty());
    for (const QString& key : EvidenceKeys)
        QVERIFY2(s.evidence.contains(key), qPrintable(key));
    // The evidence keeps every flag as sent (trimmed), critical or not.
    QStringList sent;
    for (const QString& f : flags.split(u'~', Qt::SkipEmptyParts)) {
        if (!f.trimmed().isEmpty())
            sent << f.trimmed();
    }
    QCOMPARE(s.evidence.value(u"flags"_s).toArray().toVariantList(), QVariant(sent).toList());
}

void tst_CriticalResultRule::signalCarriesConfigSourceAndEvidence()
{
    CriticalResultRule::Source source;
    source.messageId = 4711;
    source.correlationId = "4bf92f3577b34da6a3ce929d0e0e4736";
    const QList<AlertSignal> signalList = run(withResult(Obx{}), config(), source);
    QCOMPARE(signalList.size(), 1);
    const AlertSignal& s = signalList.first();
    QCOMPARE(s.kind, AlertSignal::Kind::Raise);
    QCOMPARE(s.ruleId, u"critical-result"_s);
    QCOMPARE(s.category, AlertCategory::Clinical);
    QCOMPARE(s.severity, AlertSeverity::Critical);
    QCOMPARE(s.policy, u"clinical-critical"_s);
    QCOMPARE(s.team, u"nursing"_s);
    QCOMPARE(s.cooldownMs, qint64(30000));
    QCOMPARE(s.maxAgeMs, qint64(0));                        // clinical alerts never expire unattended
    QCOMPARE(s.unit, u"ICU-3"_s);                    // PV1-3.1
    QCOMPARE(s.patientId, u"SYN-7731"_s);
    QCOMPARE(s.subject, u"2823-3"_s);
    QCOMPARE(s.messageId, qint64(4711));
    QCOMPARE(s.correlationId, source.correlationId);
    QCOMPARE(s.resultStatus, u"F"_s);
    QCOMPARE(s.title, u"Critical result Potassium 6.9 mmol/L (HH)"_s);

    QStringList keys = s.evidence.keys();
    QStringList expected = EvidenceKeys;
    expected << u"location"_s;                      // PV1-3 of the test message has one
    keys.sort();
    expected.sort();
    QCOMPARE(keys, expected);
    const QJsonObject& e = s.evidence;
    QCOMPARE(e.value(u"code"_s).toString(), u"2823-3"_s);
    QCOMPARE(e.value(u"codeSystem"_s).toString(), u"LN"_s);
    QCOMPARE(e.value(u"text"_s).toString(), u"Potassium"_s);
    QCOMPARE(e.value(u"value"_s).toString(), u"6.9"_s);
    QCOMPARE(e.value(u"units"_s).toString(), u"mmol/L"_s);
    QCOMPARE(e.value(u"referenceRange"_s).toString(), u"3.5-5.1"_s);
    QCOMPARE(e.value(u"flags"_s).toArray(), QJsonArray{u"HH"_s});
    QCOMPARE(e.value(u"resultStatus"_s).toString(), u"F"_s);
    QCOMPARE(e.value(u"observedAt"_s).toString(), u"20250301093000"_s);
    QCOMPARE(e.value(u"valueType"_s).toString(), u"NM"_s);
    QCOMPARE(e.value(u"controlId"_s).toString(), u"CTRL-1"_s);
    QCOMPARE(e.value(u"sendingFacility"_s).toString(), u"SYN-LAB"_s);
    QCOMPARE(e.value(u"location"_s).toString(), u"ICU-3 301-A"_s);
    // No patient identifiers outside patientId.
    QVERIFY(!s.title.contains(u"SYN-7731"_s));
    QVERIFY(!QJsonDocument(e).toJson().contains("SYN-7731"));
}

void tst_CriticalResultRule::unitFromSourceWins()
{
    CriticalResultRule::Source source;
    source.unit = u"NICU"_s;
    QCOMPARE(run(withResult(Obx{}), config(), source).first().unit, u"NICU"_s);
    Message m = withResult(Obx{});
    m.unit.clear();
    QCOMPARE(run(m).first().unit, QString());
}

void tst_CriticalResultRule::locationFromPv1_data()
{
    QTest::addColumn<QString>("pv13");
    QTest::addColumn<QString>("location");           // empty: no evidence.location at all
    QTest::addRow("unit, room, bed") << u"ICU-3^301^A"_s << u"ICU-3 301-A"_s;
    QTest::addRow("unit only") << u"ICU-3"_s << u"ICU-3"_s;
    QTest::addRow("unit and bed") << u"4B^^12"_s << u"4B 12"_s;
    QTest::addRow("unit and room") << u"4B^412"_s << u"4B 412"_s;
    QTest::addRow("room and bed, no unit") << u"^301^A"_s << u"301-A"_s;
    QTest::addRow("bed only") << u"^^A"_s << u"A"_s;
    QTest::addRow("facility and more, ignored") << u"ICU-3^301^A^SYN-HOSP^^N"_s << u"ICU-3 301-A"_s;
    QTest::addRow("spaces trimmed") << u" ICU-3 ^ 301 ^A"_s << u"ICU-3 301-A"_s;
    QTest::addRow("empty") << QString() << QString();
    QTest::addRow("empty components") << u"^^"_s << QString();
}

void tst_CriticalResultRule::locationFromPv1()
{
    QFETCH(QString, pv13);
    QFETCH(QString, location);
    QByteArray raw = build(withResult(Obx{}));
    QVERIFY(raw.contains("PV1|1|I|ICU-3^301^A\r"));
    raw.replace("PV1|1|I|ICU-3^301^A\r", QByteArray("PV1|1|I|" + pv13.toUtf8() + "\r"));
    const QList<AlertSignal> signalList = CriticalResultRule(config()).evaluate(parse(raw), {});
    QCOMPARE(signalList.size(), 1);
    const QJsonObject& e = signalList.first().evidence;
    QCOMPARE(e.contains(u"location"_s), !location.isEmpty());
    QCOMPARE(e.value(u"location"_s).toString(), location);
    // A place, never a person: the location travels where patient identifiers may not.
    QVERIFY(!QJsonDocument(e).toJson().contains("SYN-7731"));
}

void tst_CriticalResultRule::locationFollowsItsPatient()
{
    // Two patients in one ORU: each OBX takes the PV1 of its own patient, and a patient without a
    // PV1 gets no location from the one before.
    QByteArray raw = build(withResult(Obx{}));
    raw += "PID|2||SYN-9000^^^SYN-MPI^MR||SYNTHETIC^OTHER||19800101|M\r"
           "PV1|1|I|5C^12^2\r"
           "OBR|2|PLC-2^EHR|FIL-2^LIS|80048^Basic metabolic panel^CPT\r"
           "OBX|1|NM|2823-3^Potassium^LN||2.1|mmol/L|3.5-5.1|LL|||F\r"
           "PID|3||SYN-9001^^^SYN-MPI^MR||SYNTHETIC^THIRD||19900101|M\r"
           "OBR|3|PLC-3^EHR|FIL-3^LIS|80048^Basic metabolic panel^CPT\r"
           "OBX|1|NM|2823-3^Potassium^LN||7.2|mmol/L|3.5-5.1|HH|||F\r";
    const QList<AlertSignal> signalList = CriticalResultRule(config()).evaluate(parse(raw), {});
    QCOMPARE(signalList.size(), 3);
    QCOMPARE(signalList[0].evidence.value(u"location"_s).toString(), u"ICU-3 301-A"_s);
    QCOMPARE(signalList[1].evidence.value(u"location"_s).toString(), u"5C 12-2"_s);
    QVERIFY(!signalList[2].evidence.contains(u"location"_s));
}

void tst_CriticalResultRule::titles_data()
{
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("valueType");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("units");
    QTest::addColumn<QString>("flags");
    QTest::addColumn<QString>("status");
    QTest::addColumn<QString>("title");

    QTest::addRow("text, value, units") << u"2823-3^Potassium^LN"_s << u"NM"_s << u"6.9"_s << u"mmol/L"_s << u"HH"_s << u"F"_s
                                        << u"Critical result Potassium 6.9 mmol/L (HH)"_s;
    QTest::addRow("code when no text") << u"2823-3^^LN"_s << u"NM"_s << u"6.9"_s << u"mmol/L"_s << u"HH"_s << u"F"_s
                                       << u"Critical result 2823-3 6.9 mmol/L (HH)"_s;
    QTest::addRow("only critical flags") << u"2345-7^Glucose^LN"_s << u"NM"_s << u"1.9"_s << u"mmol/L"_s << u"L~LL"_s
                                         << u"F"_s << u"Critical result Glucose 1.9 mmol/L (LL)"_s;
    QTest::addRow("no units") << u"600-7^Culture^LN"_s << u"ST"_s << u"Positive"_s << QString() << u"AA"_s << u"F"_s
                              << u"Critical result Culture Positive (AA)"_s;
    QTest::addRow("coded value shows its text") << u"600-7^Culture^LN"_s << u"CWE"_s << u"112283007^Escherichia coli^SCT"_s
                                                << QString() << u"AA"_s << u"F"_s
                                                << u"Critical result Culture Escherichia coli (AA)"_s;
    QTest::addRow("structured numeric") << u"2823-3^Potassium^LN"_s << u"SN"_s << u">^9"_s << u"mmol/L"_s << u"HH"_s
                                        << u"F"_s << u"Critical result Potassium >9 mmol/L (HH)"_s;
    QTest::addRow("correction") << u"2823-3^Potassium^LN"_s << u"NM"_s << u"7.2"_s << u"mmol/L"_s << u"HH"_s << u"C"_s
                                << u"Corrected result Potassium 7.2 mmol/L (HH)"_s;
    QTest::addRow("corrected to normal") << u"2823-3^Potassium^LN"_s << u"NM"_s << u"4.2"_s << u"mmol/L"_s << u"N"_s
                                         << u"C"_s << u"Corrected result Potassium 4.2 mmol/L (no longer critical)"_s;
    QTest::addRow("cancelled") << u"2823-3^Potassium^LN"_s << u"NM"_s << QString() << QString() << QString() << u"X"_s
                               << u"Cancelled result Potassium"_s;
    QTest::addRow("wrong") << u"2823-3^Potassium^LN"_s << u"NM"_s << u"6.9"_s << u"mmol/L"_s << u"HH"_s << u"W"_s
                           << u"Result posted in error Potassium 6.9 mmol/L (W)"_s;
}

void tst_CriticalResultRule::titles()
{
    QFETCH(QString, code);
    QFETCH(QString, valueType);
    QFETCH(QString, value);
    QFETCH(QString, units);
    QFETCH(QString, flags);
    QFETCH(QString, status);
    QFETCH(QString, title);
    Obx obx;
    obx.code = code;
    obx.valueType = valueType;
    obx.value = value;
    obx.units = units;
    obx.flags = flags;
    obx.status = status;
    const QList<AlertSignal> signalList = run(withResult(obx));
    QCOMPARE(signalList.size(), 1);
    QCOMPARE(signalList.first().title, title);
}

void tst_CriticalResultRule::keyStableAcrossResultLifecycle()
{
    QSet<QByteArray> keys;
    QSet<QByteArray> groups;
    const QList<QPair<QString, QString>> steps{{u"P"_s, u"HH"_s}, {u"F"_s, u"HH"_s}, {u"C"_s, u"HH"_s},
                                               {u"C"_s, u"N"_s},  {u"U"_s, u"HH"_s}, {u"W"_s, u"HH"_s},
                                               {u"D"_s, u""_s},   {u"X"_s, u""_s}};
    for (const auto& [status, flags] : steps) {
        Obx obx;
        obx.status = status;
        obx.flags = flags;
        Message m = withResult(obx);
        m.controlId = u"CTRL-"_s + status;           // every step is its own message
        const QList<AlertSignal> signalList = run(m);
        QCOMPARE(signalList.size(), 1);
        keys.insert(signalList.first().dedupKey);
        groups.insert(signalList.first().groupKey);
    }
    QCOMPARE(keys.size(), 1);
    QCOMPARE(groups.size(), 1);
    QVERIFY(*keys.begin() != *groups.begin());
}

void tst_CriticalResultRule::preliminaryThenFinalSameValue()
{
    Obx preliminary;
    preliminary.status = u"P"_s;
    Obx final;
    const QList<AlertSignal> first = run(withResult(preliminary));
    const QList<AlertSignal> second = run(withResult(final));
    QCOMPARE(first.size(), 1);
    QCOMPARE(second.size(), 1);
    QCOMPARE(first.first().kind, AlertSignal::Kind::Raise);
    QCOMPARE(second.first().kind, AlertSignal::Kind::Raise);
    // The state machine folds the final into the open alert (no re-page): it needs the same key,
    // no correction mark and the evidence to compare.
    QCOMPARE(second.first().dedupKey, first.first().dedupKey);
    QVERIFY(!second.first().correction);
    QCOMPARE(second.first().evidence.value(u"value"_s), first.first().evidence.value(u"value"_s));
    QCOMPARE(first.first().resultStatus, u"P"_s);
    QCOMPARE(second.first().resultStatus, u"F"_s);
}

void tst_CriticalResultRule::subIdSeparatesResults()
{
    Obx first;
    first.subId = u"1"_s;
    Obx second;
    second.subId = u"2"_s;
    Message m;
    m.orders[0].results = {first, second};
    const QList<AlertSignal> signalList = run(m);
    QCOMPARE(signalList.size(), 2);
    QVERIFY(signalList.at(0).dedupKey != signalList.at(1).dedupKey);
    QCOMPARE(signalList.at(0).groupKey, signalList.at(1).groupKey);
}

void tst_CriticalResultRule::instanceIdOverridesOrder()
{
    auto keyFor = [](const QString& filler, const QString& instanceId, const QString& subId = QString()) {
        Obx obx;
        obx.instanceId = instanceId;
        obx.subId = subId;
        Message m = withResult(obx);
        m.orders[0].filler = filler;
        return run(m).first().dedupKey;
    };
    // OBX-21 is the observation's identity: the order number and sub-ID no longer matter...
    QCOMPARE(keyFor(u"FIL-1^LIS"_s, u"OBS-9^LIS"_s), keyFor(u"FIL-2^LIS"_s, u"OBS-9^LIS"_s, u"3"_s));
    // ...and two instances under one order are two results.
    QVERIFY(keyFor(u"FIL-1^LIS"_s, u"OBS-9^LIS"_s) != keyFor(u"FIL-1^LIS"_s, u"OBS-10^LIS"_s));
    // Without OBX-21 the order number counts.
    QVERIFY(keyFor(u"FIL-1^LIS"_s, QString()) != keyFor(u"FIL-2^LIS"_s, QString()));
    QVERIFY(keyFor(u"FIL-1^LIS"_s, QString()) != keyFor(u"FIL-1^LIS"_s, u"OBS-9^LIS"_s));
}

void tst_CriticalResultRule::placerNumberWhenNoFiller()
{
    auto keys = [](const QString& placer, const QString& filler) {
        Message m;
        m.orders[0].placer = placer;
        m.orders[0].filler = filler;
        const AlertSignal s = run(m).first();
        return qMakePair(s.dedupKey, s.groupKey);
    };
    QCOMPARE(keys(u"PLC-1^EHR"_s, QString()), keys(u"PLC-1^EHR"_s, QString()));
    QVERIFY(keys(u"PLC-1^EHR"_s, QString()).first != keys(u"PLC-2^EHR"_s, QString()).first);
    QVERIFY(keys(u"PLC-1^EHR"_s, QString()).second != keys(u"PLC-2^EHR"_s, QString()).second);
    // With a filler number the placer number is not part of the identity.
    QCOMPARE(keys(u"PLC-1^EHR"_s, u"FIL-1^LIS"_s), keys(u"PLC-2^EHR"_s, u"FIL-1^LIS"_s));
}

void tst_CriticalResultRule::normalResultsSkippedWhenNothingIsOpen()
{
    const Hl7Message message = parse(readFile(alertsData(u"oru_r01_two_orders.hl7"_s)));
    const CriticalResultRule rule(config());
    const QList<AlertSignal> all = rule.evaluate(message, {});
    QCOMPARE(all.size(), 5);

    // Nothing open: only the critical results make signals, each exactly as without the index.
    FixedOpenAlerts none;
    const QList<AlertSignal> raises = rule.evaluate(message, {}, &none);
    QCOMPARE(raises.size(), 3);
    for (const AlertSignal& s : raises)
        QCOMPARE(s.kind, AlertSignal::Kind::Raise);
    QCOMPARE(raises.at(0).dedupKey, all.at(0).dedupKey);
    QCOMPARE(raises.at(0).title, all.at(0).title);
    QCOMPARE(raises.at(0).groupKey, all.at(0).groupKey);
    QCOMPARE(raises.at(0).unit, all.at(0).unit);
    QCOMPARE(raises.at(0).evidence, all.at(0).evidence);
    QCOMPARE(raises.at(2).dedupKey, all.at(4).dedupKey);

    // The creatinine's alert is open: its normal result clears it; the culture's is not, so skipped.
    FixedOpenAlerts creatinine;
    creatinine.keys.insert(all.at(1).dedupKey);
    const QList<AlertSignal> withClear = rule.evaluate(message, {}, &creatinine);
    QCOMPARE(withClear.size(), 4);
    QCOMPARE(withClear.at(1).kind, AlertSignal::Kind::Clear);
    QCOMPARE(withClear.at(1).dedupKey, all.at(1).dedupKey);
    QCOMPARE(withClear.at(1).title, all.at(1).title);
}

void tst_CriticalResultRule::twoOrderGroups()
{
    const Hl7Message message = parse(readFile(alertsData(u"oru_r01_two_orders.hl7"_s)));
    const QList<AlertSignal> signalList = CriticalResultRule(config()).evaluate(message, {});
    QCOMPARE(signalList.size(), 5);

    const AlertSignal& glucose = signalList.at(0);
    const AlertSignal& creatinine = signalList.at(1);
    const AlertSignal& cultureE = signalList.at(2);
    const AlertSignal& cultureNone = signalList.at(3);
    const AlertSignal& gram = signalList.at(4);
    QCOMPARE(glucose.subject, u"2345-7"_s);
    QCOMPARE(glucose.kind, AlertSignal::Kind::Raise);
    QCOMPARE(glucose.title, u"Critical result Glucose [Mass/volume] in Serum or Plasma 2.1 mmol/L (LL)"_s);
    QCOMPARE(creatinine.kind, AlertSignal::Kind::Clear);
    QCOMPARE(cultureE.kind, AlertSignal::Kind::Raise);
    QCOMPARE(cultureE.evidence.value(u"value"_s).toString(), u"Escherichia coli"_s);
    QCOMPARE(cultureNone.kind, AlertSignal::Kind::Clear);
    QCOMPARE(gram.kind, AlertSignal::Kind::Raise);
    QCOMPARE(gram.evidence.value(u"valueType"_s).toString(), u"ST"_s);
    QCOMPARE(gram.unit, u"ICU-3"_s);

    // One panel groups together; the other order is another group.
    QCOMPARE(glucose.groupKey, creatinine.groupKey);
    QCOMPARE(cultureE.groupKey, cultureNone.groupKey);
    QCOMPARE(cultureE.groupKey, gram.groupKey);
    QVERIFY(glucose.groupKey != cultureE.groupKey);
    QSet<QByteArray> keys;
    for (const AlertSignal& s : signalList)
        keys.insert(s.dedupKey);
    QCOMPARE(keys.size(), 5);

    // Attribution follows the OBR before each OBX: moving the culture under the first order's number
    // must move its key, while the glucose (first order) is untouched.
    Order chemistry;
    chemistry.placer = u"PLC-1001^VIGIL-EHR"_s;
    chemistry.filler = u"FIL-5001^VIGIL-LIS"_s;
    Obx culture;
    culture.valueType = u"CWE"_s;
    culture.code = u"600-7^Bacteria identified in Blood by Culture^LN"_s;
    culture.subId = u"1"_s;
    culture.value = u"112283007^Escherichia coli^SCT"_s;
    culture.flags = u"AA"_s;
    chemistry.results = {culture};
    Order microbiology = chemistry;
    microbiology.placer = u"PLC-1002^VIGIL-EHR"_s;
    microbiology.filler = u"FIL-5002^VIGIL-LIS"_s;
    Message a;
    a.patient = u"SYN-0001"_s;
    a.authority = u"VIGIL-MPI"_s;
    a.orders = {chemistry};
    Message b = a;
    b.orders = {Order{chemistry.placer, chemistry.filler, {}}, microbiology};
    const QByteArray underFirst = run(a).first().dedupKey;
    const QByteArray underSecond = run(b).first().dedupKey;
    QVERIFY(underFirst != underSecond);
    QCOMPARE(underSecond, cultureE.dedupKey);
}

void tst_CriticalResultRule::keysPerPatientAndRuleWithoutPhi()
{
    Message base;
    const AlertSignal s = run(base).first();

    Message otherPatient = base;
    otherPatient.patient = u"SYN-7732"_s;
    Message otherAuthority = base;
    otherAuthority.authority = u"SYN-MPI-2"_s;
    const AlertSignal p = run(otherPatient).first();
    const AlertSignal a = run(otherAuthority).first();
    const AlertSignal r = run(base, config(u"critical-result-icu"_s)).first();
    QVERIFY(p.dedupKey != s.dedupKey);
    QVERIFY(p.groupKey != s.groupKey);
    QVERIFY(a.dedupKey != s.dedupKey);
    QVERIFY(r.dedupKey != s.dedupKey);
    QVERIFY(r.groupKey != s.groupKey);

    for (const AlertSignal& signal : {s, p, a, r}) {
        QVERIFY(isSha256Hex(signal.dedupKey));
        QVERIFY(isSha256Hex(signal.groupKey));
        for (const QByteArray& id : {"SYN-7731"_ba, "SYN-7732"_ba, "7731"_ba, "SYNTHETIC"_ba}) {
            QVERIFY(!signal.dedupKey.contains(id));
            QVERIFY(!signal.groupKey.contains(id));
        }
    }
    // Same inputs, same key: the hash is deterministic across evaluations and rule instances.
    QCOMPARE(run(base).first().dedupKey, s.dedupKey);
}

void tst_CriticalResultRule::configurableExtraFlags()
{
    Obx offScale;
    offScale.flags = u">"_s;
    offScale.value = u">10"_s;
    QCOMPARE(run(withResult(offScale)).first().kind, AlertSignal::Kind::Clear);

    CriticalResultRuleConfig c = config();
    c.criticalFlags << u"<"_s << u">"_s;
    const QList<AlertSignal> signalList = run(withResult(offScale), c);
    QCOMPARE(signalList.size(), 1);
    QCOMPARE(signalList.first().kind, AlertSignal::Kind::Raise);
    QVERIFY(signalList.first().title.endsWith(u"(>)"_s));

    // A site that drops AA from its list no longer pages on it.
    c.criticalFlags = {u"HH"_s, u"LL"_s};
    Obx text;
    text.valueType = u"ST"_s;
    text.value = u"Positive"_s;
    text.flags = u"AA"_s;
    QCOMPARE(run(withResult(text), c).first().kind, AlertSignal::Kind::Clear);
}

void tst_CriticalResultRule::otherMessageTypesIgnored()
{
    const CriticalResultRule rule(config());
    QVERIFY(!rule.appliesTo(u"ADT"_s, u"A08"_s));
    // ADT messages may carry OBX (height, weight): they are not results.
    Message adt;
    adt.type = u"ADT^A08^ADT_A01"_s;
    QVERIFY(run(adt).isEmpty());
    Message oru;
    QCOMPARE(run(oru).size(), 1);

    const QString valid = QStringLiteral(VIGIL_TEST_DATA_DIR) + u"/hl7/valid/"_s;
    const auto parsed = Hl7Message::parse(readFile(valid + u"adt_a01_v2.5.1_msft-ADT01-28.hl7"_s));
    QVERIFY(parsed.ok());
    QVERIFY(!rule.appliesTo(parsed.message->messageType(), parsed.message->triggerEvent()));
    QVERIFY(rule.evaluate(*parsed.message, {}).isEmpty());
}

void tst_CriticalResultRule::syntheticSequence()
{
    // The demo messages, in the order a lab would send them: one key throughout.
    struct Step
    {
        const char* file;
        AlertSignal::Kind kind;
        bool correction;
        const char* status;
    };
    const Step steps[] = {
        {"oru_r01_critical_potassium_preliminary.hl7", AlertSignal::Kind::Raise, false, "P"},
        {"oru_r01_critical_potassium_final.hl7", AlertSignal::Kind::Raise, false, "F"},
        {"oru_r01_critical_potassium_corrected_critical.hl7", AlertSignal::Kind::Raise, true, "C"},
        {"oru_r01_critical_potassium_corrected_normal.hl7", AlertSignal::Kind::Clear, true, "C"},
        {"oru_r01_critical_potassium_wrong.hl7", AlertSignal::Kind::Retract, false, "W"},
    };
    const CriticalResultRule rule(config());
    QByteArray key;
    for (const Step& step : steps) {
        const Hl7Message message = parse(readFile(alertsData(QString::fromLatin1(step.file))));
        QVERIFY(rule.appliesTo(message.messageType(), message.triggerEvent()));
        QList<AlertSignal> potassium;
        for (const AlertSignal& s : rule.evaluate(message, {})) {
            if (s.subject == u"2823-3")
                potassium.append(s);
            else
                QCOMPARE(s.kind, AlertSignal::Kind::Clear); // sodium is normal
        }
        QCOMPARE(potassium.size(), 1);
        const AlertSignal& s = potassium.first();
        QCOMPARE(s.kind, step.kind);
        QCOMPARE(s.correction, step.correction);
        QCOMPARE(s.resultStatus, QString::fromLatin1(step.status));
        QCOMPARE(s.unit, u"ICU-3"_s);
        QCOMPARE(s.patientId, u"SYN-0001"_s);
        if (key.isEmpty())
            key = s.dedupKey;
        QCOMPARE(s.dedupKey, key);
    }
}

void tst_CriticalResultRule::corpusCriticalAndCorrection()
{
    const QString valid = QStringLiteral(VIGIL_TEST_DATA_DIR) + u"/hl7/valid/"_s;
    const CriticalResultRule rule(config());
    const QList<AlertSignal> original =
        rule.evaluate(parse(readFile(valid + u"oru_r01_v2.5.1_derived-LL-flag.hl7"_s)), {});
    QStringList raised;
    QByteArray platelets;
    for (const AlertSignal& s : original) {
        if (s.kind == AlertSignal::Kind::Raise)
            raised << s.subject;
        if (s.subject == u"26515-7")
            platelets = s.dedupKey;
        QCOMPARE(s.groupKey, original.first().groupKey); // one CBC panel
        QCOMPARE(s.patientId, u"PATID1234"_s);
    }
    QCOMPARE(raised, (QStringList{u"26464-8"_s, u"26515-7"_s, u"26449-9"_s, u"26474-7"_s, u"26499-4"_s}));
    QCOMPARE(original.size(), 28);                   // all final: every other OBX may clear its key

    const QList<AlertSignal> corrected =
        rule.evaluate(parse(readFile(valid + u"oru_r01_v2.5.1_derived-corrected-OBX11-C.hl7"_s)), {});
    bool found = false;
    for (const AlertSignal& s : corrected) {
        if (s.subject != u"26515-7")
            continue;
        found = true;
        QCOMPARE(s.kind, AlertSignal::Kind::Raise);
        QVERIFY(s.correction);
        QCOMPARE(s.dedupKey, platelets);
        QCOMPARE(s.evidence.value(u"value"_s).toString(), u"19000"_s);
        QVERIFY(s.title.startsWith(u"Corrected result Platelets"_s));
    }
    QVERIFY(found);
}

void tst_CriticalResultRule::corpusOruMessages()
{
    const QDir valid(QStringLiteral(VIGIL_TEST_DATA_DIR) + u"/hl7/valid"_s);
    const QStringList files = valid.entryList({u"oru_r01_*.hl7"_s}, QDir::Files, QDir::Name);
    QVERIFY(files.size() >= 20);
    const CriticalResultRule rule(config());
    int raises = 0;
    for (const QString& file : files) {
        const auto parsed = Hl7Message::parse(readFile(valid.filePath(file)));
        QVERIFY2(parsed.ok(), qPrintable(file));
        const Hl7Message& message = *parsed.message;
        QVERIFY2(rule.appliesTo(message.messageType(), message.triggerEvent()), qPrintable(file));
        const QList<AlertSignal> signalList = rule.evaluate(message, {});
        const int obxCount = message.occurrences("OBX");
        QVERIFY2(signalList.size() <= obxCount, qPrintable(file));
        for (const AlertSignal& s : signalList) {
            QVERIFY2(isSha256Hex(s.dedupKey) && isSha256Hex(s.groupKey), qPrintable(file));
            QVERIFY2(!s.title.isEmpty(), qPrintable(file));
            for (const QString& key : EvidenceKeys)
                QVERIFY2(s.evidence.contains(key), qPrintable(file + u' ' + key));
            // The title never carries the patient's identifier.
            if (s.patientId.size() >= 6)
                QVERIFY2(!s.title.contains(s.patientId), qPrintable(file));
            if (s.kind == AlertSignal::Kind::Raise) {
                ++raises;
                QVERIFY2(s.title.startsWith(u"Critical result"_s) || s.title.startsWith(u"Corrected result"_s),
                         qPrintable(file));
                bool hasCritical = false;
                for (const QJsonValue& flag : s.evidence.value(u"flags"_s).toArray())
                    hasCritical = hasCritical || config().criticalFlags.contains(flag.toString());
                QVERIFY2(hasCritical, qPrintable(file));
            }
        }
    }
    // The corpus has HH/LL (CBC files) and AA (NewSTEPs) results.
    QVERIFY(raises >= 5);
}

void tst_CriticalResultRule::fhirCriticalObservationRaises()
{
    const CriticalResultRule rule(config());
    const QList<AlertSignal> signalList = rule.evaluate(observation(u"LL"_s), {42, "corr-fhir", u"ICU-3"_s});
    QCOMPARE(signalList.size(), 1);
    const AlertSignal& s = signalList.first();
    QCOMPARE(s.kind, AlertSignal::Kind::Raise);
    QCOMPARE(s.ruleId, config().common.id);
    QCOMPARE(s.category, AlertCategory::Clinical);
    QCOMPARE(s.unit, u"ICU-3"_s);
    QCOMPARE(s.patientId, u"SYN-4411"_s);
    QCOMPARE(s.subject, u"2345-7"_s);
    QCOMPARE(s.resultStatus, u"F"_s);
    QCOMPARE(s.messageId, 42);
    QCOMPARE(s.correlationId, QByteArray("corr-fhir"));
    QCOMPARE(s.title, u"Critical result Glucose 35 mg/dL (LL)"_s);
    QVERIFY(isSha256Hex(s.dedupKey) && isSha256Hex(s.groupKey));
    QVERIFY(!s.dedupKey.contains("SYN-4411"));
    const QJsonObject e = s.evidence;
    for (const QString& key : EvidenceKeys)
        QVERIFY2(e.contains(key), qPrintable(key));
    QCOMPARE(e.value(u"value").toString(), u"35"_s);
    QCOMPARE(e.value(u"units").toString(), u"mg/dL"_s);
    QCOMPARE(e.value(u"referenceRange").toString(), u"70-99"_s);
    QCOMPARE(e.value(u"codeSystem").toString(), u"http://loinc.org"_s);
    QCOMPARE(e.value(u"flags").toArray(), QJsonArray{u"LL"_s});
    QCOMPARE(e.value(u"observedAt").toString(), u"2026-11-27T03:10:00Z"_s);
    QCOMPARE(e.value(u"controlId").toString(), u"glu-1"_s);
    QCOMPARE(e.value(u"valueType").toString(), u"Quantity"_s);
    // A high-but-not-critical interpretation raises nothing: at most it clears (when asked without
    // knowing what is open), and with nothing open it says nothing at all.
    const QList<AlertSignal> high = rule.evaluate(observation(u"H"_s), {});
    QCOMPARE(high.size(), 1);
    QCOMPARE(high.first().kind, AlertSignal::Kind::Clear);
    FixedOpenAlerts none;
    QVERIFY(rule.evaluate(observation(u"H"_s), {}, &none).isEmpty());
}

void tst_CriticalResultRule::fhirBundlePatientAndCorrection()
{
    // The Observation names its subject by reference only: the Bundle's Patient is whose it is.
    QJsonObject byReference = observation(u"HH"_s, u"final"_s, 587);
    byReference.insert(u"subject"_s, QJsonObject{{u"reference"_s, u"urn:uuid:syn-patient"_s}});
    const QJsonObject patient{{u"resourceType"_s, u"Patient"_s},
                              {u"identifier"_s, QJsonArray{QJsonObject{{u"system"_s, u"urn:syn:mrn"_s},
                                                                       {u"value"_s, u"SYN-4411"_s}}}}};
    const auto bundle = [&](const QJsonObject& obs) {
        return QJsonObject{{u"resourceType"_s, u"Bundle"_s},
                           {u"type"_s, u"transaction"_s},
                           {u"entry"_s, QJsonArray{QJsonObject{{u"resource"_s, patient}},
                                                   QJsonObject{{u"resource"_s, obs}}}}};
    };
    const CriticalResultRule rule(config());
    const QList<AlertSignal> raised = rule.evaluate(bundle(byReference), {});
    QCOMPARE(raised.size(), 1);
    QCOMPARE(raised.first().kind, AlertSignal::Kind::Raise);
    QCOMPARE(raised.first().patientId, u"SYN-4411"_s);
    // The same patient and Observation alone gives the same key: one alert, whichever way it came.
    const QList<AlertSignal> alone = rule.evaluate(observation(u"LL"_s), {});
    QCOMPARE(alone.first().dedupKey, raised.first().dedupKey);

    // Corrected to a normal value: clears that alert (a correction, so even unasked).
    QJsonObject corrected = byReference;
    corrected.insert(u"status"_s, u"corrected"_s);
    corrected.insert(u"interpretation"_s, QJsonArray{QJsonObject{{u"coding"_s, QJsonArray{QJsonObject{{u"code"_s, u"N"_s}}}}}});
    FixedOpenAlerts open;
    open.keys.insert(raised.first().dedupKey);
    const QList<AlertSignal> cleared = rule.evaluate(bundle(corrected), {}, &open);
    QCOMPARE(cleared.size(), 1);
    QCOMPARE(cleared.first().kind, AlertSignal::Kind::Clear);
    QVERIFY(cleared.first().correction);
    QCOMPARE(cleared.first().resultStatus, u"C"_s);
    QCOMPARE(cleared.first().dedupKey, raised.first().dedupKey);
}

void tst_CriticalResultRule::fhirStatusesAndSwitch()
{
    const CriticalResultRule rule(config());
    QCOMPARE(rule.evaluate(observation(u"LL"_s, u"entered-in-error"_s), {}).value(0).kind, AlertSignal::Kind::Retract);
    QCOMPARE(rule.evaluate(observation(u"LL"_s, u"entered-in-error"_s), {}).value(0).resultStatus, u"W"_s);
    QCOMPARE(rule.evaluate(observation(u"LL"_s, u"amended"_s), {}).value(0).kind, AlertSignal::Kind::Raise);
    QVERIFY(rule.evaluate(observation(u"LL"_s, u"amended"_s), {}).value(0).correction);
    QCOMPARE(rule.evaluate(observation(u"LL"_s, u"preliminary"_s), {}).value(0).resultStatus, u"P"_s);
    QVERIFY(rule.evaluate(observation(u"LL"_s, u"registered"_s), {}).isEmpty());
    QVERIFY(rule.evaluate(observation(u"LL"_s, u"unknown"_s), {}).isEmpty());

    CriticalResultRuleConfig waitForFinal = config();
    waitForFinal.alertOnPreliminary = false;
    QVERIFY(CriticalResultRule(waitForFinal).evaluate(observation(u"LL"_s, u"preliminary"_s), {}).isEmpty());

    CriticalResultRuleConfig hl7Only = config();
    hl7Only.fhirObservations = false;
    QVERIFY(CriticalResultRule(hl7Only).evaluate(observation(u"LL"_s), {}).isEmpty());
    QVERIFY(!CriticalResultRule(hl7Only).appliesToFhir(u"Observation"_s));
    QVERIFY(rule.appliesToFhir(u"Observation"_s) && rule.appliesToFhir(u"Bundle"_s));
    QVERIFY(!rule.appliesToFhir(u"Patient"_s));

    // Not an Observation: nothing, whatever it says.
    QJsonObject patient = observation(u"LL"_s);
    patient.insert(u"resourceType"_s, u"Patient"_s);
    QVERIFY(rule.evaluate(patient, {}).isEmpty());
}

void tst_CriticalResultRule::fhirCorpusObservationsRaiseNothing()
{
    // The official R4 examples carry H, L, A, N and local codes, none critical by default; one was
    // posted in error (f202), which retracts whatever it may have raised.
    const CriticalResultRule rule(config());
    const QDir dir(QStringLiteral(VIGIL_TEST_DATA_DIR) + u"/fhir"_s);
    int observations = 0;
    for (const QString& name : dir.entryList({u"Observation-*.json"_s, u"Bundle-*.json"_s}, QDir::Files)) {
        const QJsonObject resource = QJsonDocument::fromJson(readFile(dir.filePath(name))).object();
        QVERIFY2(!resource.isEmpty(), qPrintable(name));
        FixedOpenAlerts none;
        for (const AlertSignal& s : rule.evaluate(resource, {}, &none)) {
            QVERIFY2(s.kind == AlertSignal::Kind::Retract, qPrintable(name));
            QCOMPARE(name, u"Observation-f202.json"_s);
        }
        observations += name.startsWith(u"Observation-");
    }
    QVERIFY(observations >= 8);
}

QTEST_GUILESS_MAIN(tst_CriticalResultRule)
#include "tst_criticalresultrule.moc"
