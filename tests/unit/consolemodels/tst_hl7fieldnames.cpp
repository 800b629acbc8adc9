#include "models/console/Hl7FieldNames.h"

#include <QTest>

using namespace Qt::StringLiterals;

class tst_Hl7FieldNames : public QObject
{
    Q_OBJECT

private slots:
    void fieldName_data();
    void fieldName();
    void tablesAreComplete_data();
    void tablesAreComplete();
    void labels();
};

void tst_Hl7FieldNames::fieldName_data()
{
    QTest::addColumn<QString>("segment");
    QTest::addColumn<int>("field");
    QTest::addColumn<QString>("name");

    QTest::addRow("MSH-1") << u"MSH"_s << 1 << u"Field Separator"_s;
    QTest::addRow("MSH-9") << u"MSH"_s << 9 << u"Message Type"_s;
    QTest::addRow("MSH-10") << u"MSH"_s << 10 << u"Message Control ID"_s;
    QTest::addRow("MSH-18") << u"MSH"_s << 18 << u"Character Set"_s;
    QTest::addRow("EVN-2") << u"EVN"_s << 2 << u"Recorded Date/Time"_s;
    QTest::addRow("PID-3") << u"PID"_s << 3 << u"Patient Identifier List"_s;
    QTest::addRow("PID-5") << u"PID"_s << 5 << u"Patient Name"_s;
    QTest::addRow("PID-7") << u"PID"_s << 7 << u"Date/Time of Birth"_s;
    QTest::addRow("PID-18") << u"PID"_s << 18 << u"Patient Account Number"_s;
    QTest::addRow("pid-8 lower case") << u"pid"_s << 8 << u"Administrative Sex"_s;
    QTest::addRow("PV1-3") << u"PV1"_s << 3 << u"Assigned Patient Location"_s;
    QTest::addRow("PV1-19") << u"PV1"_s << 19 << u"Visit Number"_s;
    QTest::addRow("PV1-44") << u"PV1"_s << 44 << u"Admit Date/Time"_s;
    QTest::addRow("ORC-1") << u"ORC"_s << 1 << u"Order Control"_s;
    QTest::addRow("ORC-12") << u"ORC"_s << 12 << u"Ordering Provider"_s;
    QTest::addRow("OBR-4") << u"OBR"_s << 4 << u"Universal Service Identifier"_s;
    QTest::addRow("OBR-25") << u"OBR"_s << 25 << u"Result Status"_s;
    QTest::addRow("OBX-3") << u"OBX"_s << 3 << u"Observation Identifier"_s;
    QTest::addRow("OBX-5") << u"OBX"_s << 5 << u"Observation Value"_s;
    QTest::addRow("OBX-8") << u"OBX"_s << 8 << u"Abnormal Flags"_s;
    QTest::addRow("OBX-11") << u"OBX"_s << 11 << u"Observation Result Status"_s;
    QTest::addRow("NTE-3") << u"NTE"_s << 3 << u"Comment"_s;
    QTest::addRow("MSA-1") << u"MSA"_s << 1 << u"Acknowledgment Code"_s;
    QTest::addRow("MSA-2") << u"MSA"_s << 2 << u"Message Control ID"_s;
    QTest::addRow("ERR-2") << u"ERR"_s << 2 << u"Error Location"_s;
    QTest::addRow("ERR-3") << u"ERR"_s << 3 << u"HL7 Error Code"_s;
    QTest::addRow("AL1-3") << u"AL1"_s << 3 << u"Allergen Code/Mnemonic/Description"_s;
    QTest::addRow("DG1-3") << u"DG1"_s << 3 << u"Diagnosis Code - DG1"_s;
    QTest::addRow("IN1-2") << u"IN1"_s << 2 << u"Insurance Plan ID"_s;
    QTest::addRow("IN1-36") << u"IN1"_s << 36 << u"Policy Number"_s;
    QTest::addRow("unknown segment") << u"ZDS"_s << 1 << QString();
    QTest::addRow("field 0") << u"PID"_s << 0 << QString();
    QTest::addRow("past the end") << u"OBX"_s << 20 << QString();
}

void tst_Hl7FieldNames::fieldName()
{
    QFETCH(QString, segment);
    QFETCH(int, field);
    QFETCH(QString, name);
    QCOMPARE(Hl7FieldNames::fieldName(segment, field), name);
}

void tst_Hl7FieldNames::tablesAreComplete_data()
{
    QTest::addColumn<QString>("segment");
    QTest::addColumn<int>("fields");
    QTest::addColumn<QString>("segmentName");
    // Field counts of v2.5.1.
    QTest::addRow("MSH") << u"MSH"_s << 21 << u"Message Header"_s;
    QTest::addRow("EVN") << u"EVN"_s << 7 << u"Event Type"_s;
    QTest::addRow("PID") << u"PID"_s << 39 << u"Patient Identification"_s;
    QTest::addRow("PV1") << u"PV1"_s << 52 << u"Patient Visit"_s;
    QTest::addRow("ORC") << u"ORC"_s << 31 << u"Common Order"_s;
    QTest::addRow("OBR") << u"OBR"_s << 50 << u"Observation Request"_s;
    QTest::addRow("OBX") << u"OBX"_s << 19 << u"Observation/Result"_s;
    QTest::addRow("NTE") << u"NTE"_s << 4 << u"Notes and Comments"_s;
    QTest::addRow("MSA") << u"MSA"_s << 6 << u"Message Acknowledgment"_s;
    QTest::addRow("ERR") << u"ERR"_s << 12 << u"Error"_s;
    QTest::addRow("AL1") << u"AL1"_s << 6 << u"Patient Allergy Information"_s;
    QTest::addRow("DG1") << u"DG1"_s << 21 << u"Diagnosis"_s;
    QTest::addRow("IN1") << u"IN1"_s << 53 << u"Insurance"_s;
    QTest::addRow("PV2") << u"PV2"_s << 49 << u"Patient Visit - Additional Information"_s;
    QTest::addRow("NK1") << u"NK1"_s << 39 << u"Next of Kin / Associated Parties"_s;
    QTest::addRow("PD1") << u"PD1"_s << 21 << u"Patient Additional Demographic"_s;
    QTest::addRow("SPM") << u"SPM"_s << 29 << u"Specimen"_s;
}

void tst_Hl7FieldNames::tablesAreComplete()
{
    QFETCH(QString, segment);
    QFETCH(int, fields);
    QFETCH(QString, segmentName);
    QCOMPARE(Hl7FieldNames::knownFieldCount(segment), fields);
    QCOMPARE(Hl7FieldNames::segmentName(segment), segmentName);
    for (int f = 1; f <= fields; ++f)
        QVERIFY2(!Hl7FieldNames::fieldName(segment, f).isEmpty(), qPrintable(u"%1-%2"_s.arg(segment).arg(f)));
    QVERIFY(Hl7FieldNames::fieldName(segment, fields + 1).isEmpty());
}

void tst_Hl7FieldNames::labels()
{
    QCOMPARE(Hl7FieldNames::label(u"PID", 5), u"PID-5 Patient Name"_s);
    QCOMPARE(Hl7FieldNames::label(u"obx", 5), u"OBX-5 Observation Value"_s);
    QCOMPARE(Hl7FieldNames::label(u"ZPI", 2), u"ZPI-2"_s);
    QCOMPARE(Hl7FieldNames::segmentName(u"ZPI"), QString());
}

QTEST_GUILESS_MAIN(tst_Hl7FieldNames)
#include "tst_hl7fieldnames.moc"
