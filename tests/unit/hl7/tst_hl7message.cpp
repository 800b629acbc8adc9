// Hl7Message and Hl7Path: delimiters from MSH-1/MSH-2, segment terminators, field access by path,
// charsets, serialization and editing.
#include "models/hl7/Hl7Message.h"
#include "models/hl7/Hl7Path.h"

#include <QFile>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

QByteArray segments(std::initializer_list<const char*> lines, const char* terminator = "\r")
{
    QByteArray out;
    for (const char* line : lines)
        out += QByteArray(line) + terminator;
    return out;
}

// The ADT^A01 example of HL7 v2.5.1 chapter 2 (section 2.17, "Example message").
QByteArray specAdtA01()
{
    return segments({
        R"(MSH|^~\&|ADT1|GOOD HEALTH HOSPITAL|GHH LAB, INC.|GOOD HEALTH HOSPITAL|198808181126|SECURITY|ADT^A01^ADT_A01|MSG00001|P|2.5.1)",
        R"(EVN|A01|200708181123||)",
        R"(PID|1||PATID1234^5^M11^ADT1^MR^GOOD HEALTH HOSPITAL~123456789^^^USSSA^SS||EVERYMAN^ADAM^A^III||19610615|M||C|2222 HOME STREET^^GREENSBORO^NC^27401-1020|GL|(555) 555-2004|(555)555-2004||S||PATID12345001^2^M10^ADT1^AN^A|444333333|987654^NC)",
        R"(NK1|1|NUCLEAR^NELDA^W|SPO^SPOUSE||||NK^NEXT OF KIN)",
        R"(PV1|1|I|2000^2012^01||||004777^ATTEND^AARON^A|||SUR||||ADM|A0|)",
    });
}

// Odd cases in one message: subcomponents, empty repetitions, "" null, trailing delimiters,
// a Z-segment mid-message, several OBX.
QByteArray oddOru()
{
    return segments({
        R"(MSH|^~\&|LAB|HOSP|EHR|HOSP|20240101120000||ORU^R01^ORU_R01|CTRL-1|P|2.5.1|||AL|NE)",
        R"(PID|1||12345^^^HOSP&1.2.3&ISO^MR~~67890^^^OTHER||SMITH&VAN^JOHN||""|A~~B|||^^^|)",
        R"(ZPI|1|custom^data)",
        R"(OBR|1|PLAC|FILL|1554-5^GLUCOSE^LN)",
        R"(OBX|1|NM|1554-5^GLUCOSE^LN||182|mg/dl|70-105|H|||F)",
        R"(OBX|2|ST|8251-1^NOTE^LN||second value||||||F)",
        R"(OBX|3|TX|8251-1^NOTE^LN||a\F\b\S\c||||||F)",
    });
}

QByteArray readCorpus(const QString& name)
{
    QFile file(QStringLiteral(VIGIL_TEST_DATA_DIR) + u"/hl7/"_s + name);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

Hl7Message parsed(const QByteArray& raw)
{
    auto result = Hl7Message::parse(raw);
    if (!result.ok())
        qFatal("parse failed: %s", qPrintable(result.error.message));
    return *result.message;
}

} // namespace

class tst_Hl7Message : public QObject
{
    Q_OBJECT

private slots:
    void pathParse_data();
    void pathParse();
    void pathInvalid_data();
    void pathInvalid();

    void valueAtMatchesValue();
    void value_data();
    void value();
    void invalidPathReadsEmpty();
    void headerShortcuts();
    void ackModeFields_data();
    void ackModeFields();
    void structure();

    void customDelimiters_data();
    void customDelimiters();
    void shortEncodingCharacters();

    void terminators_data();
    void terminators();
    void canonicalRoundTrip_data();
    void canonicalRoundTrip();
    void byteOrderMark();

    void charsets_data();
    void charsets();

    void parseErrors_data();
    void parseErrors();

    void setValue_data();
    void setValue();
    void setValueRejects_data();
    void setValueRejects();
    void setValueKeepsCharset();
};

void tst_Hl7Message::pathParse_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("segment");
    QTest::addColumn<int>("occurrence");
    QTest::addColumn<int>("field");
    QTest::addColumn<int>("repetition");
    QTest::addColumn<int>("component");
    QTest::addColumn<int>("subcomponent");
    QTest::addRow("field") << u"PID-3"_s << "PID"_ba << 1 << 3 << 1 << 0 << 0;
    QTest::addRow("component") << u"PID-3.1"_s << "PID"_ba << 1 << 3 << 1 << 1 << 0;
    QTest::addRow("occurrence") << u"OBX(2)-5"_s << "OBX"_ba << 2 << 5 << 1 << 0 << 0;
    QTest::addRow("repetition") << u"PID-3(2).4"_s << "PID"_ba << 1 << 3 << 2 << 4 << 0;
    QTest::addRow("subcomponent") << u"PID-5.1.2"_s << "PID"_ba << 1 << 5 << 1 << 1 << 2;
    QTest::addRow("msh") << u"MSH-9.2"_s << "MSH"_ba << 1 << 9 << 1 << 2 << 0;
    QTest::addRow("everything") << u"OBX(12)-5(3).2.1"_s << "OBX"_ba << 12 << 5 << 3 << 2 << 1;
    QTest::addRow("z-segment with digit") << u"ZB9-1"_s << "ZB9"_ba << 1 << 1 << 1 << 0 << 0;
}

void tst_Hl7Message::pathParse()
{
    QFETCH(QString, path);
    QFETCH(QByteArray, segment);
    QFETCH(int, occurrence);
    QFETCH(int, field);
    QFETCH(int, repetition);
    QFETCH(int, component);
    QFETCH(int, subcomponent);
    const auto parsedPath = Hl7Path::parse(path);
    QVERIFY(parsedPath);
    QCOMPARE(parsedPath->segment, segment);
    QCOMPARE(parsedPath->occurrence, occurrence);
    QCOMPARE(parsedPath->field, field);
    QCOMPARE(parsedPath->repetition, repetition);
    QCOMPARE(parsedPath->component, component);
    QCOMPARE(parsedPath->subcomponent, subcomponent);
    QCOMPARE(parsedPath->toString(), path);
}

void tst_Hl7Message::pathInvalid_data()
{
    QTest::addColumn<QString>("path");
    for (const char* path : {"", "PID", "PID-", "PID-0", "PID-3.", "PID-3.0", "PID-3.1.", "pid-3", "PI-3",
                             "PIDX-3", "PID(0)-3", "PID(2-3", "PID()-3", "PID-3(x)", "PID-3(2", "PID-3.1.2.3",
                             "PID-3 ", " PID-3", "PID-99999999999", "PID_3", "PID-3..1", "PID-+3", "PID--3"})
        QTest::addRow("%s", path) << QString::fromLatin1(path);
}

void tst_Hl7Message::pathInvalid()
{
    QFETCH(QString, path);
    QString error;
    QVERIFY(!Hl7Path::parse(path, &error));
    QVERIFY(!error.isEmpty());
}

void tst_Hl7Message::value_data()
{
    QTest::addColumn<QByteArray>("raw");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("expected");
    const QByteArray spec = specAdtA01();
    auto spec_ = [&](const char* path, const QString& expected) {
        QTest::addRow("spec %s", path) << spec << QString::fromLatin1(path) << expected;
    };
    spec_("MSH-1", u"|"_s);
    spec_("MSH-2", u"^~\\&"_s);
    spec_("MSH-3", u"ADT1"_s);
    spec_("MSH-4", u"GOOD HEALTH HOSPITAL"_s);
    spec_("MSH-8", u"SECURITY"_s);
    spec_("MSH-9", u"ADT^A01^ADT_A01"_s);
    spec_("MSH-9.1", u"ADT"_s);
    spec_("MSH-9.2", u"A01"_s);
    spec_("MSH-9.3", u"ADT_A01"_s);
    spec_("MSH-9.4", QString());
    spec_("MSH-10", u"MSG00001"_s);
    spec_("MSH-12", u"2.5.1"_s);
    spec_("MSH-13", QString());
    spec_("EVN-2", u"200708181123"_s);
    spec_("EVN-3", QString());
    spec_("PID-1", u"1"_s);
    spec_("PID-3", u"PATID1234^5^M11^ADT1^MR^GOOD HEALTH HOSPITAL"_s);
    spec_("PID-3.1", u"PATID1234"_s);
    spec_("PID-3.6", u"GOOD HEALTH HOSPITAL"_s);
    spec_("PID-3(2)", u"123456789^^^USSSA^SS"_s);
    spec_("PID-3(2).1", u"123456789"_s);
    spec_("PID-3(2).4", u"USSSA"_s);
    spec_("PID-3(2).2", QString());
    spec_("PID-3(3).1", QString());
    spec_("PID-5.1", u"EVERYMAN"_s);
    spec_("PID-5.4", u"III"_s);
    spec_("PID-5.1.1", u"EVERYMAN"_s);
    spec_("PID-5.1.2", QString());
    spec_("PID-11.3", u"GREENSBORO"_s);
    spec_("PID-20.2", u"NC"_s);
    spec_("PID-23", QString());
    spec_("NK1-3.2", u"SPOUSE"_s);
    spec_("PV1-7.2", u"ATTEND"_s);
    spec_("PV1-44", QString());
    spec_("PV1(2)-1", QString());
    spec_("OBX-1", QString());

    const QByteArray odd = oddOru();
    auto odd_ = [&](const char* path, const QString& expected) {
        QTest::addRow("odd %s", path) << odd << QString::fromLatin1(path) << expected;
    };
    odd_("PID-3.4", u"HOSP&1.2.3&ISO"_s);
    odd_("PID-3.4.1", u"HOSP"_s);
    odd_("PID-3.4.2", u"1.2.3"_s);
    odd_("PID-3.4.3", u"ISO"_s);
    odd_("PID-3.4.4", QString());
    odd_("PID-3(2)", QString());
    odd_("PID-3(3).1", u"67890"_s);
    odd_("PID-5.1.2", u"VAN"_s);
    odd_("PID-5.2", u"JOHN"_s);
    odd_("PID-7", u"\"\""_s);
    odd_("PID-8(1)", u"A"_s);
    odd_("PID-8(2)", QString());
    odd_("PID-8(3)", u"B"_s);
    odd_("PID-11", u"^^^"_s);
    odd_("PID-11.4", QString());
    odd_("PID-12", QString());
    odd_("ZPI-2.2", u"data"_s);
    odd_("OBX-5", u"182"_s);
    odd_("OBX(1)-5", u"182"_s);
    odd_("OBX(2)-5", u"second value"_s);
    odd_("OBX(3)-5", u"a|b^c"_s);
    odd_("OBX(4)-5", QString());
}

void tst_Hl7Message::value()
{
    QFETCH(QByteArray, raw);
    QFETCH(QString, path);
    QFETCH(QString, expected);
    const Hl7Message message = parsed(raw);
    QCOMPARE(message.value(path), expected);
}

void tst_Hl7Message::invalidPathReadsEmpty()
{
    const Hl7Message message = parsed(specAdtA01());
    QCOMPARE(message.value(u"PID"), QString());
    QCOMPARE(message.value(u"PID-0"), QString());
    QCOMPARE(message.rawValue(u"pid-3"), QByteArray());
    QCOMPARE(message.repetitionCount(u"PID-x"), 0);
    QCOMPARE(message.value(u"PID-3.1"), u"PATID1234"_s);
}

void tst_Hl7Message::headerShortcuts()
{
    const Hl7Message message = parsed(specAdtA01());
    QCOMPARE(message.messageType(), u"ADT"_s);
    QCOMPARE(message.triggerEvent(), u"A01"_s);
    QCOMPARE(message.messageStructure(), u"ADT_A01"_s);
    QCOMPARE(message.controlId(), u"MSG00001"_s);
    QCOMPARE(message.processingId(), u"P"_s);
    QCOMPARE(message.version(), u"2.5.1"_s);
    QCOMPARE(message.sendingApplication(), u"ADT1"_s);
    QCOMPARE(message.sendingFacility(), u"GOOD HEALTH HOSPITAL"_s);
    QCOMPARE(message.receivingApplication(), u"GHH LAB, INC."_s);
    QCOMPARE(message.receivingFacility(), u"GOOD HEALTH HOSPITAL"_s);
    QCOMPARE(message.characterSet(), QString());
    QVERIFY(!message.enhancedAckMode());

    const Hl7Message withComponents = parsed(segments({R"(MSH|^~\&|APP^1.2.3^ISO|FAC^4.5^ISO|R|RF|2024||ORU^R01|ID|P^T|2.6^USA)"}));
    QCOMPARE(withComponents.sendingApplication(), u"APP"_s);
    QCOMPARE(withComponents.sendingFacility(), u"FAC"_s);
    QCOMPARE(withComponents.processingId(), u"P"_s);
    QCOMPARE(withComponents.version(), u"2.6"_s);
}

void tst_Hl7Message::ackModeFields_data()
{
    QTest::addColumn<QByteArray>("msh15and16");
    QTest::addColumn<QString>("accept");
    QTest::addColumn<QString>("application");
    QTest::addColumn<bool>("enhanced");
    QTest::addRow("absent") << QByteArray() << QString() << QString() << false;
    QTest::addRow("empty") << "||"_ba << QString() << QString() << false;
    QTest::addRow("null") << "|\"\"|\"\""_ba << QString() << QString() << false;
    QTest::addRow("spaces") << "| | "_ba << QString() << QString() << false;
    QTest::addRow("AL NE") << "|AL|NE"_ba << u"AL"_s << u"NE"_s << true;
    QTest::addRow("only MSH-16") << "||ER"_ba << QString() << u"ER"_s << true;
    QTest::addRow("only MSH-15") << "|SU"_ba << u"SU"_s << QString() << true;
}

void tst_Hl7Message::ackModeFields()
{
    QFETCH(QByteArray, msh15and16);
    QFETCH(QString, accept);
    QFETCH(QString, application);
    QFETCH(bool, enhanced);
    const Hl7Message message = parsed("MSH|^~\\&|A|B|C|D|2024||ADT^A01|1|P|2.5||" + msh15and16 + "\r");
    QCOMPARE(message.acceptAckType(), accept);
    QCOMPARE(message.applicationAckType(), application);
    QCOMPARE(message.enhancedAckMode(), enhanced);
}

void tst_Hl7Message::structure()
{
    const Hl7Message message = parsed(oddOru());
    QCOMPARE(message.segmentCount(), 7);
    QCOMPARE(message.segmentName(0), "MSH"_ba);
    QCOMPARE(message.segmentName(2), "ZPI"_ba);
    QCOMPARE(message.segmentName(7), QByteArray());
    QCOMPARE(message.findSegment("OBX"), 4);
    QCOMPARE(message.findSegment("OBX", 3), 6);
    QCOMPARE(message.findSegment("OBX", 4), -1);
    QCOMPARE(message.findSegment("OBX", 0), -1);
    QCOMPARE(message.findSegment("NTE"), -1);
    QCOMPARE(message.occurrences("OBX"), 3);
    QCOMPARE(message.occurrences("ZPI"), 1);
    QCOMPARE(message.occurrences("PV1"), 0);
    // MSH counts MSH-1 as field 1: "MSH|^~\&|LAB|...|NE" has 16 fields.
    QCOMPARE(message.fieldCount(0), 16);
    QCOMPARE(message.fieldCount(1), 12);              // trailing delimiter: PID-12 exists, empty
    QCOMPARE(message.fieldCount(99), 0);
    QCOMPARE(message.rawField(0, 1), "|"_ba);
    QCOMPARE(message.rawField(0, 2), "^~\\&"_ba);
    QCOMPARE(message.rawField(1, 3), "12345^^^HOSP&1.2.3&ISO^MR~~67890^^^OTHER"_ba);
    QCOMPARE(message.rawField(1, 13), QByteArray());
    QCOMPARE(message.repetitionCount(u"PID-3"), 3);
    QCOMPARE(message.repetitionCount(u"PID-8"), 3);
    QCOMPARE(message.repetitionCount(u"PID-4"), 0);
    QCOMPARE(message.repetitionCount(u"PID-99"), 0);
    QCOMPARE(message.repetitionCount(u"MSH-2"), 1);
    QCOMPARE(message.repetitionCount(u"OBX(2)-5"), 1);
    QCOMPARE(message.rawValue(u"OBX(3)-5"), "a\\F\\b\\S\\c"_ba);
    QCOMPARE(message.segmentView(2), "ZPI|1|custom^data");
}

void tst_Hl7Message::customDelimiters_data()
{
    QTest::addColumn<QByteArray>("raw");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("expected");
    // Corpus: field '^', component '~', repetition '|' (HAPI custom-separators sample, CRLF).
    const QByteArray caret = readCorpus(u"valid/adt_a24_v2.4_hapi-custom-separators.hl7"_s);
    QTest::addRow("caret MSH-1") << caret << u"MSH-1"_s << u"^"_s;
    QTest::addRow("caret MSH-2") << caret << u"MSH-2"_s << u"~|\\&"_s;
    QTest::addRow("caret MSH-9.2") << caret << u"MSH-9.2"_s << u"A24"_s;
    QTest::addRow("caret PID-3.1") << caret << u"PID-3.1"_s << u"11111"_s;
    QTest::addRow("caret PID-3.4.1") << caret << u"PID-3.4.1"_s << u"FOO"_s;
    QTest::addRow("caret PID-3.4.3") << caret << u"PID-3.4.3"_s << u"0363"_s;
    QTest::addRow("caret PID-3.6.2") << caret << u"PID-3.6.2"_s << u"200M"_s;
    QTest::addRow("caret PID(2)-3.1") << caret << u"PID(2)-3.1"_s << u"22222"_s;
    QTest::addRow("caret PID-5.2") << caret << u"PID-5.2"_s << u"JOHN"_s;
    // Corpus: '*' as component separator.
    const QByteArray star = readCorpus(u"valid/adt_a01_v2.5_elixir-wikipedia-alt-delims.hl7"_s);
    QTest::addRow("star MSH-9.2") << star << u"MSH-9.2"_s << u"A01"_s;
    QTest::addRow("star MSH-9") << star << u"MSH-9"_s << u"ADT*A01*ADT_A01"_s;
    // '}' as subcomponent separator: '&' is plain text then.
    const QByteArray brace = segments({R"(MSH|^~\}|A|B|C|D|2024||BAR^P01|1|P|2.4)", R"(PID|1||123^^^HOSP}1.2}ISO||SMITH & SONS)"});
    QTest::addRow("brace PID-3.4.2") << brace << u"PID-3.4.2"_s << u"1.2"_s;
    QTest::addRow("brace PID-5") << brace << u"PID-5"_s << u"SMITH & SONS"_s;
    QTest::addRow("brace escape T") << brace + "NTE|1||x\\T\\y\r" << u"NTE-3"_s << u"x}y"_s;
    // Exotic characters everywhere: MSH#$*!@ (SEMANTICS.md 1.7 item 4).
    const QByteArray exotic = segments({R"(MSH#$*!@#A#B#C#D#2024##ORU$R01#1#P#2.5)", R"(PID#1##ID1$$$AUTH@X*ID2#N!A$B)"});
    QTest::addRow("exotic MSH-9.2") << exotic << u"MSH-9.2"_s << u"R01"_s;
    QTest::addRow("exotic PID-3(1).4.2") << exotic << u"PID-3(1).4.2"_s << u"X"_s;
    QTest::addRow("exotic PID-3(2)") << exotic << u"PID-3(2)"_s << u"ID2"_s;
    QTest::addRow("exotic PID-4 escape") << exotic << u"PID-4"_s << u"N!A$B"_s;
    // v2.7 fifth encoding character (truncation '#'): plain text in values, \P\ stands for it.
    const QByteArray five = readCorpus(u"valid/rsp_k22_v2.7_hl7apy-5-encoding-chars.hl7"_s);
    QTest::addRow("five MSH-2") << five << u"MSH-2"_s << u"^~\\&#"_s;
    QTest::addRow("five MSH-9.3") << five << u"MSH-9.3"_s << u"RSP_K21"_s;
    QTest::addRow("five QPD-3.1") << five << u"QPD-3.1"_s << u"@PID.3.1"_s;
    const QByteArray truncation = segments({R"(MSH|^~\&#|A|B|C|D|2024||ORU^R01|1|P|2.7)", R"(NTE|1||cut here#|C\P\D)"});
    QTest::addRow("five literal #") << truncation << u"NTE-3"_s << u"cut here#"_s;
    QTest::addRow("five escape P") << truncation << u"NTE-4"_s << u"C#D"_s;
}

void tst_Hl7Message::customDelimiters()
{
    QFETCH(QByteArray, raw);
    QFETCH(QString, path);
    QFETCH(QString, expected);
    QVERIFY(!raw.isEmpty());
    const Hl7Message message = parsed(raw);
    QCOMPARE(message.value(path), expected);
    QCOMPARE(message.encoding().msh2(), message.rawField(0, 2));
}

void tst_Hl7Message::shortEncodingCharacters()
{
    // Two characters: no escape and no subcomponent separator, so backslash and '&' are text.
    const Hl7Message two = parsed(segments({R"(MSH|^~|A|B|C|D|2024||ADT^A01|1|P|2.1)", R"(NTE|1||C:\F\ & D)"}));
    QCOMPARE(two.encoding().component, '^');
    QCOMPARE(two.encoding().repetition, '~');
    QCOMPARE(two.encoding().escape, '\0');
    QCOMPARE(two.encoding().subcomponent, '\0');
    QCOMPARE(two.encoding().msh2(), "^~"_ba);
    QCOMPARE(two.value(u"NTE-3"), u"C:\\F\\ & D"_s);
    QCOMPARE(two.value(u"NTE-3.1.1"), u"C:\\F\\ & D"_s);
    QCOMPARE(two.value(u"NTE-3.1.2"), QString());

    // Three characters (corpus bar_p01 "^~}"): by position the third is the escape character.
    const Hl7Message three = parsed(segments({R"(MSH|^~}|A|B|C|D|2024||BAR^P01|1|P|2.4)", R"(NTE|1||a}F}b & c)"}));
    QCOMPARE(three.encoding().escape, '}');
    QCOMPARE(three.encoding().subcomponent, '\0');
    QCOMPARE(three.value(u"NTE-3"), u"a|b & c"_s);

    // Default-constructed encoding (for building messages) is the standard one.
    QCOMPARE(Hl7Encoding{}.msh2(), "^~\\&"_ba);
}

void tst_Hl7Message::terminators_data()
{
    QTest::addColumn<QByteArray>("raw");
    const auto lines = {R"(MSH|^~\&|A|B|C|D|2024||ADT^A01|1|P|2.5)", "EVN|A01", "PID|1||ID1", "PV1|1|I"};
    QTest::addRow("CR") << segments(lines, "\r");
    QTest::addRow("LF") << segments(lines, "\n");
    QTest::addRow("CRLF") << segments(lines, "\r\n");
    QTest::addRow("no final terminator") << segments(lines, "\r").chopped(1);
    QTest::addRow("mixed") << "MSH|^~\\&|A|B|C|D|2024||ADT^A01|1|P|2.5\r\nEVN|A01\nPID|1||ID1\rPV1|1|I\r\n"_ba;
    QTest::addRow("blank lines") << "MSH|^~\\&|A|B|C|D|2024||ADT^A01|1|P|2.5\r\rEVN|A01\n\nPID|1||ID1\r\n\r\nPV1|1|I\r"_ba;
    QTest::addRow("leading line break") << "\r\nMSH|^~\\&|A|B|C|D|2024||ADT^A01|1|P|2.5\rEVN|A01\rPID|1||ID1\rPV1|1|I"_ba;
}

void tst_Hl7Message::terminators()
{
    QFETCH(QByteArray, raw);
    const Hl7Message message = parsed(raw);
    QCOMPARE(message.segmentCount(), 4);
    QCOMPARE(message.segmentName(3), "PV1"_ba);
    QCOMPARE(message.value(u"MSH-12"), u"2.5"_s);
    QCOMPARE(message.value(u"PID-3"), u"ID1"_s);
    QCOMPARE(message.value(u"PV1-2"), u"I"_s);
    // Serialization always uses CR.
    const QByteArray out = message.serialize();
    QVERIFY(!out.contains('\n'));
    QVERIFY(out.startsWith("MSH|^~\\&|A|B|C|D|2024||ADT^A01|1|P|2.5\rEVN|A01\rPID|1||ID1\rPV1|1|I"));
    QCOMPARE(message.raw(), raw);
}

void tst_Hl7Message::canonicalRoundTrip_data()
{
    QTest::addColumn<QByteArray>("raw");
    QTest::addRow("spec ADT^A01") << specAdtA01();
    QTest::addRow("odd ORU with Z-segment") << oddOru();
    QTest::addRow("no final CR") << oddOru().chopped(1);
    QTest::addRow("empty trailing lines") << oddOru() + "\r\r";
    QTest::addRow("msh only") << "MSH|^~\\&|A"_ba;
    QTest::addRow("corpus z-segments") << readCorpus(u"valid/adt_a01_v2.8_derived-z-segments.hl7"_s);
    QTest::addRow("corpus 5 chars") << readCorpus(u"valid/oru_r01_v2.5.1_elixir-elr-5-encoding-chars.hl7"_s);
}

void tst_Hl7Message::canonicalRoundTrip()
{
    QFETCH(QByteArray, raw);
    QVERIFY(!raw.isEmpty());
    const Hl7Message message = parsed(raw);
    QCOMPARE(message.serialize(), raw);
    const int z = message.findSegment("ZPD") >= 0 ? message.findSegment("ZPD") : message.findSegment("ZPI");
    if (z >= 0)
        QVERIFY(message.serialize().contains(QByteArray(message.segmentView(z).toByteArray() + '\r')));
}

void tst_Hl7Message::byteOrderMark()
{
    // Lenient by decision: a UTF-8 BOM before MSH is a transport artefact and is skipped.
    const QByteArray body = segments({R"(MSH|^~\&|A|B|C|D|2024||ADT^A01|1|P|2.5)", "PID|1||ID1"});
    const Hl7Message message = parsed("\xEF\xBB\xBF" + body);
    QCOMPARE(message.segmentName(0), "MSH"_ba);
    QCOMPARE(message.value(u"MSH-3"), u"A"_s);
    QCOMPARE(message.serialize(), body);
    const auto corpus = Hl7Message::parse(readCorpus(u"malformed/adt_a01_msft-ADT01-23-with-BOM.hl7"_s));
    QVERIFY(corpus.ok());
    QCOMPARE(corpus.message->controlId(), u"599102"_s);
    // A BOM elsewhere is data, not skipped.
    QVERIFY(!Hl7Message::parse(" \xEF\xBB\xBF" + body).ok());
}

void tst_Hl7Message::charsets_data()
{
    QTest::addColumn<QByteArray>("raw");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("expected");
    QTest::addColumn<QString>("msh18");
    // Corpus: ISO 8859-1 bytes declared by MSH-18 "8859/1" (0xC1 = Á).
    QTest::addRow("latin1 declared") << readCorpus(u"valid/oml_o21_v2.5_derived-latin1.hl7"_s) << u"PID-5.2"_s
                                     << u"RODOLFO SEBASTI\u00C1N"_s << u"8859/1"_s;
    // Corpus: UTF-8 micro sign without MSH-18.
    QTest::addRow("utf8 undeclared") << readCorpus(u"valid/oru_r01_v2.5.1_ti-micro-sign.hl7"_s) << u"OBX-6"_s
                                     << u"\u00B5mol/L"_s << QString();
    QTest::addRow("utf8 declared")
        << segments({R"(MSH|^~\&|A|B|C|D|2024||ORU^R01|1|P|2.5.1||||||UNICODE UTF-8)", "OBX|1|NM|X||5|\xC2\xB5g/L"})
        << u"OBX-6"_s << u"\u00B5g/L"_s << u"UNICODE UTF-8"_s;
    // Undeclared and not valid UTF-8: read as Latin-1 (the documented default).
    QTest::addRow("latin1 undeclared")
        << segments({R"(MSH|^~\&|A|B|C|D|2024||ORU^R01|1|P|2.5.1)", "OBX|1|NM|X||5|\xB5g/L"}) << u"OBX-6"_s
        << u"\u00B5g/L"_s << QString();
    QTest::addRow("ascii declared")
        << segments({R"(MSH|^~\&|A|B|C|D|2024||ORU^R01|1|P|2.5.1||||||ASCII)", "OBX|1|NM|X||5|mg"}) << u"OBX-6"_s
        << u"mg"_s << u"ASCII"_s;
    // Repeating MSH-18: the first repetition is the message's character set.
    QTest::addRow("msh18 repeats")
        << segments({R"(MSH|^~\&|A|B|C|D|2024||ORU^R01|1|P|2.5.1||||||8859/1~ISO IR87)", "OBX|1|NM|X||5|\xB5g"})
        << u"OBX-6"_s << u"\u00B5g"_s << u"8859/1"_s;
    // A character set we have no codec for falls back to the same rule as an absent MSH-18.
    QTest::addRow("unsupported charset")
        << segments({R"(MSH|^~\&|A|B|C|D|2024||ORU^R01|1|P|2.5.1||||||8859/15)", "OBX|1|NM|X||5|\xB5g"})
        << u"OBX-6"_s << u"\u00B5g"_s << u"8859/15"_s;
    // Hex escapes produce bytes in the message's charset.
    QTest::addRow("hex utf8")
        << segments({R"(MSH|^~\&|A|B|C|D|2024||ORU^R01|1|P|2.5.1||||||UNICODE UTF-8)", R"(NTE|1||\XC2B5\g)"})
        << u"NTE-3"_s << u"\u00B5g"_s << u"UNICODE UTF-8"_s;
}

void tst_Hl7Message::charsets()
{
    QFETCH(QByteArray, raw);
    QFETCH(QString, path);
    QFETCH(QString, expected);
    QFETCH(QString, msh18);
    QVERIFY(!raw.isEmpty());
    const Hl7Message message = parsed(raw);
    QCOMPARE(message.value(path), expected);
    QCOMPARE(message.characterSet(), msh18);
}

void tst_Hl7Message::parseErrors_data()
{
    QTest::addColumn<QByteArray>("raw");
    QTest::addColumn<int>("code");
    QTest::addColumn<int>("field");
    using E = Hl7ErrorCode;
    QTest::addRow("empty") << QByteArray() << int(E::SegmentSequenceError) << 0;
    QTest::addRow("line breaks only") << "\r\n\r\n"_ba << int(E::SegmentSequenceError) << 0;
    QTest::addRow("no MSH") << "PID|1||X\r"_ba << int(E::SegmentSequenceError) << 0;
    QTest::addRow("lowercase msh") << "msh|^~\\&|A\r"_ba << int(E::SegmentSequenceError) << 0;
    QTest::addRow("batch header") << "BHS|^~\\&|A\rMSH|^~\\&|A\r"_ba << int(E::SegmentSequenceError) << 0;
    QTest::addRow("MSH alone") << "MSH"_ba << int(E::RequiredFieldMissing) << 1;
    QTest::addRow("MSH| alone") << "MSH|\n"_ba << int(E::RequiredFieldMissing) << 2;
    QTest::addRow("MSH-2 empty") << "MSH||A|B\r"_ba << int(E::RequiredFieldMissing) << 2;
    QTest::addRow("MSH-2 one char") << "MSH|^|A\r"_ba << int(E::DataTypeError) << 2;
    QTest::addRow("MSH-2 six chars") << "MSH|^~\\&#@|A\r"_ba << int(E::DataTypeError) << 2;
    QTest::addRow("MSH-2 repeats") << "MSH|^~\\\\&|A\r"_ba << int(E::DataTypeError) << 2;
    QTest::addRow("MSH-2 has field sep") << "MSH#^#\\&|A\r"_ba << int(E::DataTypeError) << 2;
    QTest::addRow("MSH-2 alphanumeric") << "MSH|^~A&|A\r"_ba << int(E::DataTypeError) << 2;
    QTest::addRow("MSH-2 space") << "MSH|^~ &|A\r"_ba << int(E::DataTypeError) << 2;
    QTest::addRow("MSH-1 alphanumeric") << "MSHA^~\\&A\r"_ba << int(E::DataTypeError) << 1;
    QTest::addRow("MSH-1 space") << "MSH ^~\\& A\r"_ba << int(E::DataTypeError) << 1;
    QTest::addRow("MSH-1 CR") << "MSH\r^~\\&\r"_ba << int(E::RequiredFieldMissing) << 1;
    QTest::addRow("MSH-1 mismatch") << "MSH#^~\\&|A|B|C\r"_ba << int(E::DataTypeError) << 2;
}

void tst_Hl7Message::parseErrors()
{
    QFETCH(QByteArray, raw);
    QFETCH(int, code);
    QFETCH(int, field);
    const auto result = Hl7Message::parse(raw);
    QVERIFY(!result.ok());
    QCOMPARE(int(result.error.code), code);
    QCOMPARE(result.error.location.segment, "MSH"_ba);
    QCOMPARE(result.error.location.field, field);
    QVERIFY(!result.error.message.isEmpty());
}

void tst_Hl7Message::setValue_data()
{
    QTest::addColumn<QByteArray>("raw");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QByteArray>("expectedSegment");   // the edited segment as serialized
    const QByteArray base = segments({R"(MSH|^~\&|A|B|C|D|2024||ADT^A01|1|P|2.5)", "PID|1||ID1^^^H1~ID2", "PV1|1|I"});
    QTest::addRow("replace field") << base << u"PV1-2"_s << u"O"_s << "PV1|1|O"_ba;
    QTest::addRow("replace component") << base << u"PID-3.1"_s << u"NEW"_s << "PID|1||NEW^^^H1~ID2"_ba;
    QTest::addRow("second repetition") << base << u"PID-3(2).1"_s << u"X"_s << "PID|1||ID1^^^H1~X"_ba;
    QTest::addRow("new repetition") << base << u"PID-3(4).2"_s << u"Y"_s << "PID|1||ID1^^^H1~ID2~~^Y"_ba;
    QTest::addRow("pad fields") << base << u"PV1-5"_s << u"V"_s << "PV1|1|I|||V"_ba;
    QTest::addRow("pad components") << base << u"PV1-3.3"_s << u"B"_s << "PV1|1|I|^^B"_ba;
    QTest::addRow("subcomponent") << base << u"PID-3.4.2"_s << u"1.2.3"_s << "PID|1||ID1^^^H1&1.2.3~ID2"_ba;
    QTest::addRow("delimiters escaped") << base << u"PV1-2"_s << u"a|b^c~d\\e&f"_s
                                        << "PV1|1|a\\F\\b\\S\\c\\R\\d\\E\\e\\T\\f"_ba;
    QTest::addRow("line breaks escaped") << base << u"PV1-2"_s << u"one\r\ntwo"_s << "PV1|1|one\\X0D\\\\X0A\\two"_ba;
    QTest::addRow("clear") << base << u"PID-3"_s << QString() << "PID|1||~ID2"_ba;
    QTest::addRow("explicit null") << base << u"PV1-2"_s << u"\"\""_s << "PV1|1|\"\""_ba;
    QTest::addRow("msh field") << base << u"MSH-10"_s << u"NEW-ID"_s
                               << R"(MSH|^~\&|A|B|C|D|2024||ADT^A01|NEW-ID|P|2.5)"_ba;
    QTest::addRow("msh pad") << base << u"MSH-15"_s << u"AL"_s << R"(MSH|^~\&|A|B|C|D|2024||ADT^A01|1|P|2.5|||AL)"_ba;
    QTest::addRow("append segment") << base << u"ZVG-1"_s << u"4bf92f3577b34da6a3ce929d0e0e4736"_s
                                    << "ZVG|4bf92f3577b34da6a3ce929d0e0e4736"_ba;
    QTest::addRow("unicode") << base << u"PV1-2"_s << u"\u00B5"_s << "PV1|1|\xC2\xB5"_ba;
    // A header-named segment without fields (fuzz finding) becomes a header segment once padding
    // writes its first field separator, so its fields must be counted the header way from the start.
    const QByteArray bareFhs = segments({R"(MSH|^~\&|A|B|C|D|2024||ADT^A01|1|P|2.5)", "FHS"});
    QTest::addRow("bare FHS") << bareFhs << u"FHS-6(2).2.2"_s << u"x"_s << "FHS|||||~^&x"_ba;
    QTest::addRow("bare FHS field 3") << bareFhs << u"FHS-3"_s << u"x"_s << "FHS||x"_ba;
    QTest::addRow("append BHS") << base << u"BHS-3"_s << u"y"_s << "BHS||y"_ba;
    QTest::addRow("bare second MSH") << base + "MSH\r"_ba << u"MSH(2)-4"_s << u"z"_s << "MSH|||z"_ba;
    const QByteArray custom = segments({R"(MSH^~|\&^A^B^C^D^2024^^ADT~A24^1^T^2.4)", "PID^1^^11111"});
    QTest::addRow("custom delimiters") << custom << u"PID-3.2"_s << u"x^y~z|w"_s << "PID^1^^11111~x\\F\\y\\S\\z\\R\\w"_ba;
}

void tst_Hl7Message::setValue()
{
    QFETCH(QByteArray, raw);
    QFETCH(QString, path);
    QFETCH(QString, text);
    QFETCH(QByteArray, expectedSegment);
    Hl7Message message = parsed(raw);
    const int before = message.segmentCount();
    QString error;
    QVERIFY2(message.setValue(path, text, &error), qPrintable(error));
    QCOMPARE(message.value(path), text);
    const auto pathParsed = Hl7Path::parse(path);
    const int index = message.findSegment(pathParsed->segment, pathParsed->occurrence);
    QVERIFY(index >= 0);
    QCOMPARE(message.segmentView(index).toByteArray(), expectedSegment);
    QVERIFY(message.segmentCount() == before || message.segmentCount() == before + 1);
    // raw() follows the edit, and every other segment is untouched.
    QCOMPARE(message.raw(), message.serialize());
    const Hl7Message original = parsed(raw);
    for (int i = 0; i < original.segmentCount(); ++i) {
        if (i != index)
            QCOMPARE(message.segmentView(i).toByteArray(), original.segmentView(i).toByteArray());
    }
}

void tst_Hl7Message::setValueRejects_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("text");
    QTest::addRow("MSH-1") << u"MSH-1"_s << u"#"_s;
    QTest::addRow("MSH-2") << u"MSH-2"_s << u"^~"_s;
    QTest::addRow("invalid path") << u"PID-0"_s << u"x"_s;
    QTest::addRow("lowercase path") << u"pid-3"_s << u"x"_s;
    QTest::addRow("segment gap") << u"OBX(2)-5"_s << u"x"_s;
    QTest::addRow("second MSH") << u"MSH(2)-3"_s << u"x"_s;
    QTest::addRow("lone surrogate") << u"PID-3"_s << QString(QChar(0xD800));
}

void tst_Hl7Message::setValueRejects()
{
    QFETCH(QString, path);
    QFETCH(QString, text);
    Hl7Message message = parsed(specAdtA01());
    const QByteArray before = message.raw();
    QString error;
    QVERIFY(!message.setValue(path, text, &error));
    QVERIFY(!error.isEmpty());
    QCOMPARE(message.raw(), before);
}

void tst_Hl7Message::setValueKeepsCharset()
{
    // Latin-1 message: text is written as Latin-1; characters outside it are refused.
    Hl7Message latin1 = parsed(readCorpus(u"valid/oml_o21_v2.5_derived-latin1.hl7"_s));
    QVERIFY(latin1.setValue(u"PID-5.1", u"M\u00DCLLER"_s));
    QVERIFY(latin1.raw().contains("M\xDC" "LLER^RODOLFO"));
    QCOMPARE(latin1.value(u"PID-5.1"), u"M\u00DCLLER"_s);
    QString error;
    QVERIFY(!latin1.setValue(u"PID-5.1", u"\u20AC"_s, &error));
    QVERIFY(!error.isEmpty());

    // No escape character declared: delimiters in text cannot be written.
    Hl7Message noEscape = parsed(segments({R"(MSH|^~|A|B|C|D|2024||ADT^A01|1|P|2.1)", "PID|1"}));
    QVERIFY(noEscape.setValue(u"PID-2", u"plain"_s));
    QVERIFY(!noEscape.setValue(u"PID-2", u"a^b"_s, &error));
    QVERIFY(!noEscape.setValue(u"PID-2.1.2", u"x"_s, &error));
}

void tst_Hl7Message::valueAtMatchesValue()
{
    // valueAt() is value() without the path: the same element, unescaped and decoded the same way.
    const QByteArray raw = "MSH|^~\\&|LAB|HOSP|||20240101||ORU^R01|C1|P|2.5\r"
                           "PID|1||MRN1^^^HOSP^MR~MRN2^^^OLD||DOE^JANE\r"
                           "OBX|1|NM|2823-3^Potassium^LN||6.9|mmol/L||HH~A|||F\r"
                           "OBX|2|ST|X^Note||a \\F\\ b\r";
    const auto parsed = Hl7Message::parse(raw);
    QVERIFY(parsed.ok());
    const Hl7Message& m = *parsed.message;
    const int obx2 = m.findSegment("OBX", 2);
    const int pid = m.findSegment("PID");
    QCOMPARE(m.valueAt(obx2, 5), m.value(u"OBX(2)-5"));
    QCOMPARE(m.valueAt(obx2, 5), u"a | b"_s);
    QCOMPARE(m.valueAt(m.findSegment("OBX"), 8, 2), m.value(u"OBX-8(2)"));
    QCOMPARE(m.valueAt(pid, 3, 2, 4), u"OLD"_s);
    QCOMPARE(m.valueAt(pid, 5, 1, 2), m.value(u"PID-5.2"));
    QCOMPARE(m.valueAt(0, 2), m.value(u"MSH-2"));    // the delimiters, not unescaped
    QCOMPARE(m.valueAt(0, 9, 1, 2), u"R01"_s);
    QVERIFY(m.valueAt(-1, 3).isEmpty());
    QVERIFY(m.valueAt(99, 3).isEmpty());
    QCOMPARE(m.repetitionCountAt(pid, 3), m.repetitionCount(u"PID-3"));
    QCOMPARE(m.repetitionCountAt(pid, 3), 2);
    QCOMPARE(m.repetitionCountAt(0, 2), 1);
    QCOMPARE(m.repetitionCountAt(-1, 3), 0);
}

QTEST_GUILESS_MAIN(tst_Hl7Message)
#include "tst_hl7message.moc"
