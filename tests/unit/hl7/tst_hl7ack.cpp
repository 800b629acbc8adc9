// Hl7Ack: ACK building in original and enhanced mode (MSH copied and swapped, MSA, ERR in the
// v2.5 and legacy layouts), NAKs from a raw header, reading ACKs, and table 0155.
#include "models/hl7/Hl7Ack.h"
#include "models/hl7/Hl7Validator.h"

#include <QFile>
#include <QTest>
#include <QTimeZone>

using namespace Qt::StringLiterals;

namespace {

QByteArray inboundAdt(const char* version = "2.5.1", const char* extraMsh = "")
{
    return QByteArray(R"(MSH|^~\&|SENDAPP^1.2^ISO|SENDFAC|RECVAPP|RECVFAC^9.9^ISO|20240101120000||ADT^A01^ADT_A01|CTRL-42|P^T|)")
        + version + extraMsh + "\rEVN|A01\rPID|1||ID1\rPV1|1|I\r";
}

Hl7Message parsed(const QByteArray& raw)
{
    auto result = Hl7Message::parse(raw);
    if (!result.ok())
        qFatal("parse failed: %s", qPrintable(result.error.message));
    return *result.message;
}

Hl7Ack::Options fixedOptions()
{
    Hl7Ack::Options options;
    options.controlId = u"ACK-0001"_s;
    options.timestamp = QDateTime(QDate(2024, 2, 3), QTime(4, 5, 6), QTimeZone::utc());
    return options;
}

Hl7Error pid3Missing()
{
    Hl7Error error;
    error.code = Hl7ErrorCode::RequiredFieldMissing;
    error.location.segment = "PID";
    error.location.segmentSequence = 1;
    error.location.field = 3;
    error.message = u"PID-3 (patient identifier list) is missing"_s;
    return error;
}

QByteArray readCorpus(const QString& name)
{
    QFile file(QStringLiteral(VIGIL_TEST_DATA_DIR) + u"/hl7/"_s + name);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace

class tst_Hl7Ack : public QObject
{
    Q_OBJECT

private slots:
    void header();
    void codes_data();
    void codes();
    void errorSegments_data();
    void errorSegments();
    void severityAndLocationForms();
    void textIsEscaped();
    void inboundEncodingIsKept();
    void latin1Inbound();
    void noTriggerAndDefaults();
    void timestampOffset();
    void defaultTimestampIsNowInUtc();
    void fromRawHeader_data();
    void fromRawHeader();
    void parse_data();
    void parse();
    void shouldSend_data();
    void shouldSend();
};

void tst_Hl7Ack::header()
{
    const Hl7Message inbound = parsed(inboundAdt());
    Hl7Ack::Options options = fixedOptions();
    options.text = u"Message accepted"_s;
    const QByteArray raw = Hl7Ack::build(inbound, Hl7AckCode::AA, {}, options);
    const Hl7Message ack = parsed(raw);
    QCOMPARE(raw,
             "MSH|^~\\&|RECVAPP|RECVFAC^9.9^ISO|SENDAPP^1.2^ISO|SENDFAC|20240203040506+0000||ACK^A01^ACK|ACK-0001|P^T|2.5.1\r"
             "MSA|AA|CTRL-42|Message accepted\r"_ba);
    QCOMPARE(ack.rawValue(u"MSH-1"), "|"_ba);
    QCOMPARE(ack.rawValue(u"MSH-2"), "^~\\&"_ba);
    // Sender and receiver swapped, whole fields (with components) copied.
    QCOMPARE(ack.rawField(0, 3), inbound.rawField(0, 5));
    QCOMPARE(ack.rawField(0, 4), inbound.rawField(0, 6));
    QCOMPARE(ack.rawField(0, 5), inbound.rawField(0, 3));
    QCOMPARE(ack.rawField(0, 6), inbound.rawField(0, 4));
    QCOMPARE(ack.value(u"MSH-9"), u"ACK^A01^ACK"_s);
    QCOMPARE(ack.controlId(), u"ACK-0001"_s);
    QCOMPARE(ack.rawField(0, 11), "P^T"_ba);
    QCOMPARE(ack.version(), u"2.5.1"_s);
    QCOMPARE(ack.value(u"MSA-2"), inbound.controlId());
    QCOMPARE(ack.occurrences("ERR"), 0);
    QVERIFY(Hl7Validator::validate(ack).isEmpty());
}

void tst_Hl7Ack::codes_data()
{
    QTest::addColumn<int>("code");
    QTest::addColumn<QString>("text");
    QTest::addRow("AA") << int(Hl7AckCode::AA) << u"AA"_s;
    QTest::addRow("AE") << int(Hl7AckCode::AE) << u"AE"_s;
    QTest::addRow("AR") << int(Hl7AckCode::AR) << u"AR"_s;
    QTest::addRow("CA") << int(Hl7AckCode::CA) << u"CA"_s;
    QTest::addRow("CE") << int(Hl7AckCode::CE) << u"CE"_s;
    QTest::addRow("CR") << int(Hl7AckCode::CR) << u"CR"_s;
}

void tst_Hl7Ack::codes()
{
    QFETCH(int, code);
    QFETCH(QString, text);
    const Hl7Message inbound = parsed(inboundAdt("2.5.1", "|||AL|NE"));
    QVERIFY(inbound.enhancedAckMode());
    const QByteArray raw = Hl7Ack::build(inbound, Hl7AckCode(code), {}, fixedOptions());
    QCOMPARE(toByteArray(Hl7AckCode(code)), text.toLatin1());
    const Hl7Ack::Parsed ack = Hl7Ack::parse(raw);
    QVERIFY(ack.valid);
    QCOMPARE(ack.code, text);
    QCOMPARE(ack.controlId, u"CTRL-42"_s);
    // The ACK itself asks for no acknowledgement.
    QCOMPARE(parsed(raw).enhancedAckMode(), false);
}

void tst_Hl7Ack::errorSegments_data()
{
    QTest::addColumn<QByteArray>("version");
    QTest::addColumn<QByteArray>("err1");
    const QByteArray legacy = "PID^1^3^101&Required field missing&HL70357"_ba;
    QTest::addRow("2.1") << "2.1"_ba << legacy;
    QTest::addRow("2.3") << "2.3"_ba << legacy;
    QTest::addRow("2.4") << "2.4"_ba << legacy;
    QTest::addRow("2.5") << "2.5"_ba << QByteArray();
    QTest::addRow("2.5.1") << "2.5.1"_ba << QByteArray();
    QTest::addRow("2.8") << "2.8"_ba << QByteArray();
    QTest::addRow("unknown") << "X"_ba << legacy;
}

void tst_Hl7Ack::errorSegments()
{
    QFETCH(QByteArray, version);
    QFETCH(QByteArray, err1);
    const Hl7Message inbound = parsed(inboundAdt(version.constData()));
    Hl7Error second;
    second.code = Hl7ErrorCode::SegmentSequenceError;
    second.location.segment = "PV1";
    second.message = u"Required segment PV1 is missing"_s;
    Hl7Ack::Options options = fixedOptions();
    options.text = u"Validation failed"_s;
    const Hl7Message ack = parsed(Hl7Ack::build(inbound, Hl7AckCode::AE, {pid3Missing(), second}, options));
    QCOMPARE(ack.value(u"MSA-1"), u"AE"_s);
    QCOMPARE(ack.value(u"MSA-3"), u"Validation failed"_s);
    QCOMPARE(ack.occurrences("ERR"), 2);
    QCOMPARE(ack.rawValue(u"ERR-1"), err1);
    QCOMPARE(ack.rawValue(u"ERR-2"), "PID^1^3"_ba);
    QCOMPARE(ack.rawValue(u"ERR-3"), "101^Required field missing^HL70357"_ba);
    QCOMPARE(ack.value(u"ERR-4"), u"E"_s);
    QCOMPARE(ack.value(u"ERR-8"), u"PID-3 (patient identifier list) is missing"_s);
    QCOMPARE(ack.rawValue(u"ERR(2)-2"), "PV1"_ba);
    QCOMPARE(ack.rawValue(u"ERR(2)-3"), "100^Segment sequence error^HL70357"_ba);
    QCOMPARE(ack.value(u"ERR(2)-8"), u"Required segment PV1 is missing"_s);
    QCOMPARE(ack.version(), QString::fromLatin1(version));
    const Hl7Ack::Parsed read = Hl7Ack::parse(ack.raw());
    QCOMPARE(read.code, u"AE"_s);
    QCOMPARE(read.errorText, u"PID-3 (patient identifier list) is missing"_s);
}

void tst_Hl7Ack::severityAndLocationForms()
{
    const Hl7Message inbound = parsed(inboundAdt());
    Hl7Error deep;
    deep.code = Hl7ErrorCode::DataTypeError;
    deep.severity = 'W';
    deep.location = {"OBX", 2, 5, 1, 3, 2};
    deep.message = u"w"_s;
    Hl7Error gap;
    gap.code = Hl7ErrorCode::TableValueNotFound;
    gap.severity = 'X';                              // not in table 0516: written as E
    gap.location = {"MSH", 1, 9, 0, 2, 0};
    gap.message = u"g"_s;
    Hl7Error nowhere;
    nowhere.code = Hl7ErrorCode::ApplicationInternalError;
    nowhere.severity = 'I';
    nowhere.message = u"store unavailable"_s;
    const Hl7Message ack = parsed(Hl7Ack::build(inbound, Hl7AckCode::AR, {deep, gap, nowhere}, fixedOptions()));
    QCOMPARE(ack.rawValue(u"ERR(1)-2"), "OBX^2^5^1^3^2"_ba);
    QCOMPARE(ack.value(u"ERR(1)-4"), u"W"_s);
    QCOMPARE(ack.rawValue(u"ERR(2)-2"), "MSH^1^9^^2"_ba);
    QCOMPARE(ack.value(u"ERR(2)-4"), u"E"_s);
    QCOMPARE(ack.rawValue(u"ERR(2)-3"), "103^Table value not found^HL70357"_ba);
    QCOMPARE(ack.rawValue(u"ERR(3)-2"), QByteArray());
    QCOMPARE(ack.rawValue(u"ERR(3)-3"), "207^Application internal error^HL70357"_ba);
    QCOMPARE(ack.value(u"ERR(3)-4"), u"I"_s);
    QCOMPARE(Hl7Location({"OBX", 2, 5, 1, 3, 2}).toString(), u"OBX(2)-5(1).3.2"_s);
    QCOMPARE(Hl7Location({"PV1", 0, 0, 0, 0, 0}).toString(), u"PV1"_s);
    QCOMPARE(Hl7Location().toString(), QString());
}

void tst_Hl7Ack::textIsEscaped()
{
    const Hl7Message inbound = parsed(inboundAdt("2.3"));
    Hl7Ack::Options options = fixedOptions();
    options.text = u"bad|field^x~y\\z&w\rnext"_s;
    Hl7Error error = pid3Missing();
    error.message = u"a|b^c&d"_s;
    const QByteArray raw = Hl7Ack::build(inbound, Hl7AckCode::AE, {error}, options);
    const Hl7Message ack = parsed(raw);
    QCOMPARE(ack.segmentCount(), 3);
    QCOMPARE(ack.fieldCount(1), 3);
    QCOMPARE(ack.value(u"MSA-3"), options.text);
    QCOMPARE(ack.rawValue(u"MSA-3"), "bad\\F\\field\\S\\x\\R\\y\\E\\z\\T\\w\\X0D\\next"_ba);
    QCOMPARE(ack.value(u"ERR-8"), error.message);
    QCOMPARE(Hl7Ack::parse(raw).text, options.text);
}

void tst_Hl7Ack::inboundEncodingIsKept()
{
    // Corpus: field '^', component '~', repetition '|'; the ACK speaks the same delimiters.
    const QByteArray rawInbound = readCorpus(u"valid/adt_a24_v2.4_hapi-custom-separators.hl7"_s);
    const Hl7Message inbound = parsed(rawInbound);
    Hl7Ack::Options options = fixedOptions();
    options.text = u"a^b"_s;
    const QByteArray raw = Hl7Ack::build(inbound, Hl7AckCode::AE, {pid3Missing()}, options);
    QVERIFY(raw.startsWith("MSH^~|\\&^RECEIVING^200^SENDING^200M^"));
    const Hl7Message ack = parsed(raw);
    QCOMPARE(ack.value(u"MSH-9"), u"ACK~A24~ACK"_s);
    QCOMPARE(ack.value(u"MSA-2"), u"2003582144"_s);
    QCOMPARE(ack.rawValue(u"MSA-3"), "a\\F\\b"_ba);
    QCOMPARE(ack.rawValue(u"ERR-2"), "PID~1~3"_ba);
    QCOMPARE(ack.value(u"ERR-1.4.2"), u"Required field missing"_s);
    const Hl7Ack::Parsed read = Hl7Ack::parse(raw);
    QCOMPARE(read.controlId, u"2003582144"_s);
    QCOMPARE(read.text, u"a^b"_s);

    // v2.7 five encoding characters are copied as they are.
    const Hl7Message five = parsed(readCorpus(u"valid/rsp_k22_v2.7_hl7apy-5-encoding-chars.hl7"_s));
    QVERIFY(Hl7Ack::build(five, Hl7AckCode::AA, {}, fixedOptions()).startsWith("MSH|^~\\&#|"));
}

void tst_Hl7Ack::latin1Inbound()
{
    const Hl7Message inbound = parsed(readCorpus(u"valid/oml_o21_v2.5_derived-latin1.hl7"_s));
    Hl7Ack::Options options = fixedOptions();
    options.text = u"Pr\u00FCfung \u20AC"_s;                 // ü fits Latin-1, € does not
    const QByteArray raw = Hl7Ack::build(inbound, Hl7AckCode::AA, {}, options);
    const Hl7Message ack = parsed(raw);
    QCOMPARE(ack.characterSet(), u"8859/1"_s);
    QVERIFY(raw.contains("Pr\xFC" "fung ?"));
    QCOMPARE(ack.value(u"MSA-3"), u"Pr\u00FCfung ?"_s);
}

void tst_Hl7Ack::noTriggerAndDefaults()
{
    // Inbound ACK without trigger, MSH-11 and MSH-12: MSH-9 "ACK", defaults for the rest.
    const Hl7Message inbound = parsed("MSH|^~\\&|A|B|C|D|2024||ACK|X1\rMSA|AA|Y\r"_ba);
    const Hl7Message ack = parsed(Hl7Ack::build(inbound, Hl7AckCode::AA, {}, fixedOptions()));
    QCOMPARE(ack.value(u"MSH-9"), u"ACK"_s);
    QCOMPARE(ack.processingId(), u"P"_s);
    QCOMPARE(ack.version(), u"2.5.1"_s);
    QVERIFY(Hl7Validator::validate(ack).isEmpty());
    // Even from an empty message a well-formed ACK comes out.
    const Hl7Message empty;
    const auto fromNothing = Hl7Message::parse(Hl7Ack::build(empty, Hl7AckCode::AR, {pid3Missing()}, fixedOptions()));
    QVERIFY(fromNothing.ok());
    QCOMPARE(fromNothing.message->value(u"MSA-1"), u"AR"_s);
    QCOMPARE(fromNothing.message->value(u"MSA-2"), QString());
}

void tst_Hl7Ack::timestampOffset()
{
    const Hl7Message inbound = parsed(inboundAdt());
    Hl7Ack::Options options = fixedOptions();
    options.timestamp = QDateTime(QDate(2024, 7, 1), QTime(23, 59, 58), QTimeZone(-(3 * 3600 + 30 * 60)));
    QCOMPARE(parsed(Hl7Ack::build(inbound, Hl7AckCode::AA, {}, options)).value(u"MSH-7"), u"20240701235958-0330"_s);
    options.timestamp = QDateTime(QDate(2024, 7, 1), QTime(1, 2, 3), QTimeZone(5 * 3600 + 45 * 60));
    QCOMPARE(parsed(Hl7Ack::build(inbound, Hl7AckCode::AA, {}, options)).value(u"MSH-7"), u"20240701010203+0545"_s);
}

void tst_Hl7Ack::defaultTimestampIsNowInUtc()
{
    const Hl7Message inbound = parsed("MSH|^~\\&|LAB|HOSP|VIGIL|HOSP|20240101||ORU^R01|C1|P|2.5\rPID|1||MRN1\r"_ba);
    Hl7Ack::Options options;
    options.controlId = u"A1"_s;
    for (int round = 0; round < 2; ++round) {            // the second one comes from the per-second cache
        const QDateTime before = QDateTime::currentDateTimeUtc().addSecs(-1);
        const Hl7Message ack = parsed(Hl7Ack::build(inbound, Hl7AckCode::AA, {}, options));
        const QDateTime after = QDateTime::currentDateTimeUtc().addSecs(1);
        const QString msh7 = ack.value(u"MSH-7");
        QVERIFY2(msh7.endsWith(u"+0000"), qPrintable(msh7));
        QDateTime at = QDateTime::fromString(msh7.left(14), u"yyyyMMddHHmmss"_s);
        at.setTimeZone(QTimeZone::utc());
        QVERIFY2(at >= before.addMSecs(-before.time().msec()) && at <= after, qPrintable(msh7));
    }
}

void tst_Hl7Ack::fromRawHeader_data()
{
    QTest::addColumn<QByteArray>("raw");
    QTest::addColumn<bool>("built");
    QTest::addColumn<QString>("msa2");
    QTest::addColumn<QString>("msh5");
    QTest::addRow("garbage body") << "MSH|^~\\&|APP|FAC|R|RF|2024||ORU^R01|C-9|P|2.5\r\x01\x02 garbage\rpid|x"_ba << true
                                  << u"C-9"_s << u"APP"_s;
    QTest::addRow("bad MSH-2")
        << "MSH|^~\\\\&|APP|FAC|R|RF|2024||ORU^R01|C-7|P|2.6\rPID|1"_ba << true << u"C-7"_s << u"APP"_s;
    QTest::addRow("empty MSH-2") << readCorpus(u"malformed/orm_o01_ti-missing-msh2.hl7"_s) << true << u"111111"_s
                                 << u"Sender Application"_s;
    QTest::addRow("truncated MSH") << readCorpus(u"malformed/adt_a01_derived-truncated-inside-msh.hl7"_s) << true
                                   << QString() << u"ADTApp"_s;
    QTest::addRow("BOM") << "\xEF\xBB\xBFMSH|^~\\&|APP|FAC|R|RF|2024||ADT^A01|C-1|P|2.5"_ba << true << u"C-1"_s
                         << u"APP"_s;
    QTest::addRow("caret as field separator")
        << "MSH^~|\\&^APP^FAC^R^RF^2024^^ADT~A01^C-2^P^2.4\r"_ba << true << u"C-2"_s << u"APP"_s;
    QTest::addRow("no MSH") << "PID|1||X\r"_ba << false << QString() << QString();
    QTest::addRow("lowercase msh") << "msh|^~\\&|APP\r"_ba << false << QString() << QString();
    QTest::addRow("empty") << QByteArray() << false << QString() << QString();
    QTest::addRow("MSH alone") << "MSH"_ba << false << QString() << QString();
    QTest::addRow("binary") << readCorpus(u"malformed/binary_garbage_derived.bin.hl7"_s) << false << QString()
                            << QString();
}

void tst_Hl7Ack::fromRawHeader()
{
    QFETCH(QByteArray, raw);
    QFETCH(bool, built);
    QFETCH(QString, msa2);
    QFETCH(QString, msh5);
    Hl7Error error;
    error.code = Hl7ErrorCode::SegmentSequenceError;
    error.message = u"The message could not be parsed"_s;
    const QByteArray nak = Hl7Ack::buildFromRawHeader(raw, Hl7AckCode::AR, {error}, fixedOptions());
    QCOMPARE(!nak.isEmpty(), built);
    if (!built)
        return;
    const Hl7Message ack = parsed(nak);
    QCOMPARE(ack.value(u"MSA-1"), u"AR"_s);
    QCOMPARE(ack.value(u"MSA-2"), msa2);
    QCOMPARE(ack.value(u"MSH-5.1"), msh5);
    QCOMPARE(ack.occurrences("ERR"), 1);
    QCOMPARE(ack.value(u"ERR-3.1"), u"100"_s);
}

void tst_Hl7Ack::parse_data()
{
    QTest::addColumn<QByteArray>("raw");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("controlId");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("errorText");
    QTest::addRow("corpus AE with ERR") << readCorpus(u"valid/ack_v2.5.1_derived-AE-with-ERR.hl7"_s) << true << u"AE"_s
                                        << u"0A173B79-D7AC-444F-99E7-C96B4A68B188"_s << QString()
                                        << u"Required field missing"_s;
    QTest::addRow("corpus v2.1") << readCorpus(u"valid/ack_v2.1_hapi-messages-ack.hl7"_s) << true << u"AA"_s
                                 << u"msgCtrlId"_s << QString() << QString();
    QTest::addRow("ERR-8 preferred")
        << "MSH|^~\\&|A|B|C|D|2024||ACK|1|P|2.5\rMSA|AE|X|text\rERR||PID^1^3|101^Missing^HL70357|E||||user text\r"_ba
        << true << u"AE"_s << u"X"_s << u"text"_s << u"user text"_s;
    QTest::addRow("legacy ELD")
        << "MSH|^~\\&|A|B|C|D|2024||ACK|1|P|2.3\rMSA|AR|X\rERR|PID^1^3^101&Required field missing&HL70357\r"_ba
        << true << u"AR"_s << u"X"_s << QString() << u"Required field missing"_s;
    QTest::addRow("legacy code only") << "MSH|^~\\&|A|B|C|D|2024||ACK|1|P|2.2\rMSA|AE|X\rERR|MSH^1^10^101\r"_ba << true
                                      << u"AE"_s << u"X"_s << QString() << u"101"_s;
    QTest::addRow("LF terminators") << "MSH|^~\\&|A|B|C|D|2024||ACK|1|P|2.5\nMSA| CA |X\n"_ba << true << u"CA"_s
                                    << u"X"_s << QString() << QString();
    QTest::addRow("no MSA") << "MSH|^~\\&|A|B|C|D|2024||ADT^A01|1|P|2.5\rPID|1\r"_ba << false << QString()
                            << QString() << QString() << QString();
    QTest::addRow("not HL7") << "HTTP/1.1 200 OK\r\n"_ba << false << QString() << QString() << QString() << QString();
    QTest::addRow("empty") << QByteArray() << false << QString() << QString() << QString() << QString();
}

void tst_Hl7Ack::parse()
{
    QFETCH(QByteArray, raw);
    QFETCH(bool, valid);
    QFETCH(QString, code);
    QFETCH(QString, controlId);
    QFETCH(QString, text);
    QFETCH(QString, errorText);
    const Hl7Ack::Parsed ack = Hl7Ack::parse(raw);
    QCOMPARE(ack.valid, valid);
    QCOMPARE(ack.code, code);
    QCOMPARE(ack.controlId, controlId);
    QCOMPARE(ack.text, text);
    QCOMPARE(ack.errorText, errorText);
}

void tst_Hl7Ack::shouldSend_data()
{
    QTest::addColumn<QString>("ackType");
    QTest::addColumn<bool>("onSuccess");
    QTest::addColumn<bool>("onError");
    // Table 0155; empty means original mode: always answer.
    QTest::addRow("empty") << QString() << true << true;
    QTest::addRow("AL") << u"AL"_s << true << true;
    QTest::addRow("NE") << u"NE"_s << false << false;
    QTest::addRow("ER") << u"ER"_s << false << true;
    QTest::addRow("SU") << u"SU"_s << true << false;
    QTest::addRow("lowercase") << u"er"_s << false << true;
    QTest::addRow("padded") << u" SU "_s << true << false;
    // Outside the table: answer, since silence makes the sender resend forever.
    QTest::addRow("unknown") << u"XX"_s << true << true;
}

void tst_Hl7Ack::shouldSend()
{
    QFETCH(QString, ackType);
    QFETCH(bool, onSuccess);
    QFETCH(bool, onError);
    QCOMPARE(Hl7Ack::shouldSend(ackType, true), onSuccess);
    QCOMPARE(Hl7Ack::shouldSend(ackType, false), onError);
}

QTEST_GUILESS_MAIN(tst_Hl7Ack)
#include "tst_hl7ack.moc"
