// Hl7Validator: header fields (101/203), accepted types (200/201), PID-3 (101), segment grammar
// and garbage segments (100), control bytes and charset (102); never a field value in a message.
#include "models/hl7/Hl7Validator.h"

#include <QTest>

using namespace Qt::StringLiterals;

namespace {

QByteArray join(const QList<QByteArray>& lines)
{
    return lines.join('\r') + '\r';
}

const QByteArray msh = R"(MSH|^~\&|APP|FAC|RAPP|RFAC|20240101120000||ADT^A01^ADT_A01|CTRL-1|P|2.5.1)"_ba;
const QByteArray evn = "EVN|A01|20240101120000"_ba;
const QByteArray pid = "PID|1||PATID1234^^^HOSP^MR||EVERYMAN^ADAM||19610615|M"_ba;
const QByteArray pv1 = "PV1|1|I|2000^2012^01"_ba;

QByteArray adt(const QByteArray& header = msh)
{
    return join({header, evn, pid, pv1});
}

QByteArray withMsh(const QByteArray& header, const QList<QByteArray>& body = {})
{
    return join(QList<QByteArray>{header} + body);
}

QString describe(const QList<Hl7Error>& errors)
{
    QStringList lines;
    for (const Hl7Error& e : errors)
        lines << QString::number(int(e.code)) + u' ' + e.location.toString() + u' ' + e.message;
    return lines.join(u"; ");
}

QList<Hl7Error> validate(const QByteArray& raw, const Hl7Validator::Options& options = {})
{
    const auto result = Hl7Message::parse(raw);
    if (!result.ok())
        qFatal("parse failed: %s", qPrintable(result.error.message));
    return Hl7Validator::validate(*result.message, options);
}

} // namespace

class tst_Hl7Validator : public QObject
{
    Q_OBJECT

private slots:
    void validMessage();
    void errors_data();
    void errors();
    void acceptedTypes_data();
    void acceptedTypes();
    void patientIdentifierOption();
    void grammarOption();
    void garbageIsCapped();
    void emptyMessage();
    void noFieldValuesInMessages();
};

void tst_Hl7Validator::validMessage()
{
    QVERIFY2(validate(adt()).isEmpty(), qPrintable(describe(validate(adt()))));
}

void tst_Hl7Validator::errors_data()
{
    QTest::addColumn<QByteArray>("raw");
    QTest::addColumn<QString>("expected");           // "" = valid; else the list as describe() prints it, codes and locations only
    auto h = [](const char* rest) -> QByteArray { return "MSH|^~\\&|APP|FAC|RAPP|RFAC|2024||"_ba + rest; };

    // Header fields.
    QTest::addRow("MSH-9 missing") << adt(h("|CTRL|P|2.5.1")) << u"101 MSH(1)-9(1).1"_s;
    QTest::addRow("MSH-9 null") << adt(h("\"\"|CTRL|P|2.5.1")) << u"101 MSH(1)-9(1).1"_s;
    QTest::addRow("MSH-9.2 missing") << adt(h("ADT|CTRL|P|2.5.1")) << u"101 MSH(1)-9(1).2"_s;
    QTest::addRow("ACK without trigger") << withMsh(h("ACK|CTRL|P|2.5.1"), {"MSA|AA|X"}) << QString();
    QTest::addRow("ACK^ trailing component") << withMsh(h("ACK^|CTRL|P|2.1"), {"MSA|AA|X"}) << QString();
    QTest::addRow("MSH-10 missing") << adt(h("ADT^A01||P|2.5.1")) << u"101 MSH(1)-10"_s;
    QTest::addRow("MSH-10 blank") << adt(h("ADT^A01| |P|2.5.1")) << u"101 MSH(1)-10"_s;
    QTest::addRow("MSH-11 missing") << adt(h("ADT^A01|CTRL||2.5.1")) << u"101 MSH(1)-11"_s;
    QTest::addRow("MSH-12 missing") << adt(h("ADT^A01|CTRL|P")) << u"101 MSH(1)-12"_s;
    QTest::addRow("all missing") << adt(h("")) << u"101 MSH(1)-9(1).1; 101 MSH(1)-10; 101 MSH(1)-11; 101 MSH(1)-12"_s;
    // Versions 2.1 to 2.8 with optional sub-release; anything else is 203.
    for (const char* version : {"2.1", "2.2", "2.3", "2.3.1", "2.4", "2.5", "2.5.1", "2.6", "2.7", "2.7.1", "2.8",
                                "2.8.2", "2.5^USA"})
        QTest::addRow("version %s", version) << adt(h("ADT^A01|CTRL|P|") + version) << QString();
    for (const char* version : {"2.0", "2.9", "3.0", "2", "2.5.", "v2.5", "2.10", "251"})
        QTest::addRow("version %s", version) << adt(h("ADT^A01|CTRL|P|") + version) << u"203 MSH(1)-12"_s;

    // Patient identifier.
    QTest::addRow("PID-3 missing") << join({msh, evn, "PID|1||||EVERYMAN^ADAM", pv1}) << u"101 PID(1)-3"_s;
    QTest::addRow("PID-3 only delimiters") << join({msh, evn, "PID|1||^^^~^", pv1}) << u"101 PID(1)-3"_s;
    QTest::addRow("PID-3 null") << join({msh, evn, "PID|1||\"\"", pv1}) << u"101 PID(1)-3"_s;
    QTest::addRow("PID-3 in second repetition") << join({msh, evn, "PID|1||~ID2", pv1}) << QString();
    QTest::addRow("legacy PID-2") << join({msh, evn, "PID|1|EXT1", pv1}) << QString();
    QTest::addRow("legacy PID-4") << join({msh, evn, "PID|1|| |ALT1", pv1}) << QString();
    QTest::addRow("second PID missing") << join({msh, evn, pid, pv1, "PID|2"}) << u"101 PID(2)-3"_s;
    QTest::addRow("no PID in message type without one")
        << withMsh(h("MFN^M02|CTRL|P|2.3"), {"MFI|PRA", "MFE|MAD"}) << QString();

    // ADT A01/A03/A04/A08 grammar.
    QTest::addRow("ADT no EVN") << join({msh, pid, pv1}) << QString();
    QTest::addRow("ADT PV1 missing") << join({msh, evn, pid}) << u"100 PV1"_s;
    QTest::addRow("ADT PID missing") << join({msh, evn, pv1}) << u"100 PID"_s;
    QTest::addRow("ADT EVN after PID") << join({msh, pid, evn, pv1}) << u"100 PID(1)"_s;
    QTest::addRow("ADT PV1 before PID") << join({msh, evn, pv1, pid}) << u"100 PV1(1)"_s;
    QTest::addRow("ADT Z-segments anywhere") << join({msh, "ZA1|x", evn, "ZB2|y", pid, "ZPD|z", pv1, "ZPV|w"}) << QString();
    QTest::addRow("ADT A03") << join({h("ADT^A03|C|P|2.5"), evn, pid, pv1}) << QString();
    QTest::addRow("ADT A04 PV1 missing") << join({h("ADT^A04|C|P|2.3"), evn, pid}) << u"100 PV1"_s;
    QTest::addRow("ADT A08 PID missing") << join({h("ADT^A08|C|P|2.8"), evn, pv1}) << u"100 PID"_s;
    QTest::addRow("ADT A40 not checked") << join({h("ADT^A40|C|P|2.8"), evn, pid, "MRG|OLD"}) << QString();
    QTest::addRow("header only") << withMsh(h("ADT^A01|C|P|2.5")) << QString();

    // ORU^R01 grammar.
    const QByteArray oru = h("ORU^R01|C|P|2.5.1");
    const QByteArray obr = "OBR|1|P1|F1|1554-5^GLUCOSE^LN";
    const QByteArray obx = "OBX|1|NM|1554-5^GLUCOSE^LN||182|mg/dl||H|||F";
    QTest::addRow("ORU ok") << join({oru, pid, obr, obx, obx}) << QString();
    QTest::addRow("ORU without PID") << join({oru, obr, obx}) << QString();
    QTest::addRow("ORU two orders") << join({oru, pid, "ORC|RE", obr, obx, "ORC|RE", obr, obx, "NTE|1"}) << QString();
    QTest::addRow("ORU patient observation") << join({oru, pid, obx, obr, obx}) << QString();
    QTest::addRow("ORU OBX without OBR") << join({oru, pid, obx}) << u"100 OBR"_s;
    QTest::addRow("ORU OBX first") << join({oru, obx, obr, pid}) << u"100 OBX(1)"_s;
    QTest::addRow("ORU no observations") << join({oru, pid, "PV1|1|I"}) << QString();

    // ORM^O01 grammar.
    const QByteArray orm = h("ORM^O01|C|P|2.3");
    QTest::addRow("ORM ok") << join({orm, pid, "ORC|NW", obr}) << QString();
    QTest::addRow("ORM ORC missing") << join({orm, pid, obr}) << u"100 ORC"_s;
    QTest::addRow("ORM OBR before ORC") << join({orm, pid, obr, "ORC|NW"}) << u"100 OBR(1)"_s;

    // Garbage, second MSH, control bytes, charset.
    QTest::addRow("lowercase segment") << join({msh, evn, pid, "pv1|1|I", pv1}) << u"100 "_s;
    QTest::addRow("free text line") << join({msh, evn, "this is not a segment", pid, pv1}) << u"100 "_s;
    QTest::addRow("short line") << join({msh, evn, "AB", pid, pv1}) << u"100 "_s;
    QTest::addRow("wrong separator") << join({msh, evn, pid, "NTE!1!x", pv1}) << u"100 NTE(1)"_s;
    QTest::addRow("bare segment id") << join({msh, evn, pid, "NTE", pv1}) << QString();
    QTest::addRow("wrapped line tolerated") << join({msh, evn, pid, "8866||||Final", pv1}) << QString();
    QTest::addRow("second MSH") << join({msh, evn, pid, pv1, msh, evn, pid, pv1}) << u"100 MSH(2)"_s;
    QTest::addRow("NUL byte") << join({msh, evn, QByteArray("PID|1||ID\0X", 11), pv1}) << u"102 PID(1)-3"_s;
    QTest::addRow("VT byte") << join({msh, "EVN|A01|\x0B", pid, pv1}) << u"102 EVN(1)-2"_s;
    QTest::addRow("tab is fine") << join({msh, evn, "PID|1||ID\t1", pv1}) << QString();
    const QByteArray utf8Msh = msh + "||||||UNICODE UTF-8";
    QTest::addRow("UTF-8 valid") << join({utf8Msh, evn, "PID|1||ID1||M\xC3\x9CLLER", pv1}) << QString();
    QTest::addRow("UTF-8 declared, Latin-1 sent") << join({utf8Msh, evn, "PID|1||ID1||M\xDCLLER", pv1})
                                                  << u"102 PID(1)-5"_s;
    QTest::addRow("Latin-1 declared") << join({msh + "||||||8859/1", evn, "PID|1||ID1||M\xDCLLER", pv1}) << QString();
    QTest::addRow("undeclared Latin-1") << join({msh, evn, "PID|1||ID1||M\xDCLLER", pv1}) << QString();
}

void tst_Hl7Validator::errors()
{
    QFETCH(QByteArray, raw);
    QFETCH(QString, expected);
    const QList<Hl7Error> errors = validate(raw);
    QStringList got;
    for (const Hl7Error& e : errors) {
        got << QString::number(int(e.code)) + u' ' + e.location.toString();
        QVERIFY(!e.message.isEmpty());
        QCOMPARE(e.severity, 'E');
    }
    QVERIFY2(got.join(u"; ") == expected, qPrintable(describe(errors)));
}

void tst_Hl7Validator::acceptedTypes_data()
{
    QTest::addColumn<QStringList>("accepted");
    QTest::addColumn<int>("code");                   // 0 = valid
    QTest::addRow("default") << QStringList{u"*"_s} << 0;
    QTest::addRow("empty list") << QStringList{} << 0;
    QTest::addRow("exact") << QStringList{u"ADT^A01"_s} << 0;
    QTest::addRow("trigger wildcard") << QStringList{u"ADT^*"_s} << 0;
    QTest::addRow("type only") << QStringList{u"ADT"_s} << 0;
    QTest::addRow("type wildcard") << QStringList{u"*^A01"_s} << 0;
    QTest::addRow("one of several") << QStringList{u"ORU^R01"_s, u"ADT^A08"_s, u"ADT^A01"_s} << 0;
    QTest::addRow("other type") << QStringList{u"ORU^R01"_s} << int(Hl7ErrorCode::UnsupportedMessageType);
    QTest::addRow("other trigger") << QStringList{u"ADT^A08"_s, u"ORU^*"_s} << int(Hl7ErrorCode::UnsupportedEventCode);
    QTest::addRow("case sensitive") << QStringList{u"adt^a01"_s} << int(Hl7ErrorCode::UnsupportedMessageType);
}

void tst_Hl7Validator::acceptedTypes()
{
    QFETCH(QStringList, accepted);
    QFETCH(int, code);
    Hl7Validator::Options options;
    options.acceptedMessageTypes = accepted;
    const QList<Hl7Error> errors = validate(adt(), options);
    if (code == 0) {
        QVERIFY2(errors.isEmpty(), qPrintable(describe(errors)));
        return;
    }
    QCOMPARE(errors.size(), 1);
    QCOMPARE(int(errors[0].code), code);
    QCOMPARE(errors[0].location.segment, "MSH"_ba);
    QCOMPARE(errors[0].location.field, 9);
    QCOMPARE(errors[0].location.component, code == int(Hl7ErrorCode::UnsupportedMessageType) ? 1 : 2);
}

void tst_Hl7Validator::patientIdentifierOption()
{
    const QByteArray raw = join({msh, evn, "PID|1||||EVERYMAN", pv1});
    QCOMPARE(validate(raw).size(), 1);
    Hl7Validator::Options options;
    options.requirePatientIdentifier = false;
    QVERIFY(validate(raw, options).isEmpty());
}

void tst_Hl7Validator::grammarOption()
{
    const QByteArray raw = join({msh, pid});
    QCOMPARE(validate(raw).size(), 1);
    Hl7Validator::Options options;
    options.checkSegmentGrammar = false;
    QVERIFY(validate(raw, options).isEmpty());
}

void tst_Hl7Validator::garbageIsCapped()
{
    QList<QByteArray> lines{msh, evn, pid, pv1};
    for (int i = 0; i < 500; ++i)
        lines << "garbage line"_ba;
    const QList<Hl7Error> errors = validate(join(lines));
    QCOMPARE(errors.size(), 11);
    QVERIFY(errors.last().message.contains(u"490"_s));
}

void tst_Hl7Validator::emptyMessage()
{
    const QList<Hl7Error> errors = Hl7Validator::validate(Hl7Message());
    QCOMPARE(errors.size(), 1);
    QCOMPARE(errors[0].code, Hl7ErrorCode::SegmentSequenceError);
    QCOMPARE(errors[0].location.segment, "MSH"_ba);
}

void tst_Hl7Validator::noFieldValuesInMessages()
{
    // Every kind of error at once, with distinctive values around; none may leak into a message.
    const QByteArray raw = join({R"(MSH|^~\&|SECRETAPP|SECRETFAC|R|F|2024||ORU^SECRETTRIGGER||SECRETPROC|9.9SECRET|||||UNICODE UTF-8)",
                                 "OBX|1|ST|X||SECRETVALUE\xFF",
                                 "PID|1||||SECRETNAME",
                                 "secret garbage line",
                                 "NTE!SECRETNOTE",
                                 QByteArray("ZZZ|SECRET\0", 11),
                                 "MSH|^~\\&|SECRET2"});
    Hl7Validator::Options options;
    options.acceptedMessageTypes = {u"ORU^R01"_s};
    const QList<Hl7Error> errors = validate(raw, options);
    QVERIFY(errors.size() >= 8);
    for (const Hl7Error& e : errors) {
        QVERIFY2(!e.message.contains(u"SECRET"_s, Qt::CaseInsensitive), qPrintable(e.message));
        QVERIFY2(!e.location.segment.contains("sec"), e.location.segment.constData());
    }
}

QTEST_GUILESS_MAIN(tst_Hl7Validator)
#include "tst_hl7validator.moc"
