#include "models/routing/RouteTable.h"

#include "models/hl7/Hl7Message.h"

#include <QFile>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

QByteArray hl7(const char* text)
{
    return QByteArray(text).replace('\n', '\r');
}

QByteArray corpus(const char* name)
{
    QFile file(QStringLiteral(VIGIL_TEST_DATA_DIR "/hl7/valid/") + QString::fromLatin1(name));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot open corpus file %s", name);
    return file.readAll();
}

RouteRule rule(const QString& name, const QStringList& destinations, bool stop = false)
{
    RouteRule r;
    r.name = name;
    r.destinations = destinations;
    r.stop = stop;
    return r;
}

// A table that exercises every criterion, fan-out with duplicates, and stop.
RouteTable sampleTable()
{
    RouteRule admissions = rule(u"admissions"_s, {u"ehr"_s, u"bed-board"_s});
    admissions.messageTypes = {u"ADT^A01"_s, u"ADT^A04"_s};
    RouteRule adt = rule(u"adt"_s, {u"ehr"_s, u"archive"_s});
    adt.messageTypes = {u"ADT"_s};
    RouteRule icu = rule(u"icu"_s, {u"icu-monitor"_s});
    icu.fieldEquals.insert(u"PV1-3.1"_s, {u"ICU"_s, u"CCU"_s});
    icu.fieldEquals.insert(u"PV1-2"_s, {u"I"_s});
    RouteRule lab = rule(u"lab-from-lis"_s, {u"lab"_s}, true);
    lab.messageTypes = {u"ORU"_s};
    lab.triggerEvents = {u"R01"_s};
    lab.sendingApplications = {u"LIS*"_s, u"GHH LAB"_s, u"EHR LAB"_s};
    RouteRule north = rule(u"north"_s, {u"north-archive"_s});
    north.sendingFacilities = {u"NORTH"_s};
    RouteRule all = rule(u"all"_s, {u"archive"_s});
    return RouteTable({admissions, adt, icu, lab, north, all});
}

} // namespace

class tst_RouteTable : public QObject
{
    Q_OBJECT

private slots:
    void route_data();
    void route();
    void criteria_data();
    void criteria();
    void stopOnlyWhenMatched();
    void emptyTableRoutesNowhere();
};

void tst_RouteTable::route_data()
{
    QTest::addColumn<QByteArray>("message");
    QTest::addColumn<QStringList>("destinations");
    QTest::addColumn<QStringList>("rules");

    QTest::addRow("admission to ICU")
        << hl7("MSH|^~\\&|REG|SOUTH|||202401011200||ADT^A01|1|P|2.5\nPID|||1\nPV1||I|ICU^12^1")
        << QStringList{u"ehr"_s, u"bed-board"_s, u"archive"_s, u"icu-monitor"_s}
        << QStringList{u"admissions"_s, u"adt"_s, u"icu"_s, u"all"_s};
    QTest::addRow("ICU outpatient fails one field")
        << hl7("MSH|^~\\&|REG|SOUTH|||202401011200||ADT^A08|2|P|2.5\nPID|||1\nPV1||O|ICU^12^1")
        << QStringList{u"ehr"_s, u"archive"_s} << QStringList{u"adt"_s, u"all"_s};
    QTest::addRow("update on a ward") << hl7("MSH|^~\\&|REG|SOUTH|||202401011200||ADT^A08|3|P|2.5\nPV1||I|W3^1")
                                      << QStringList{u"ehr"_s, u"archive"_s} << QStringList{u"adt"_s, u"all"_s};
    QTest::addRow("registration in the north")
        << hl7("MSH|^~\\&|REG|NORTH|||202401011200||ADT^A04|4|P|2.5\nPID|||1")
        << QStringList{u"ehr"_s, u"bed-board"_s, u"archive"_s, u"north-archive"_s}
        << QStringList{u"admissions"_s, u"adt"_s, u"north"_s, u"all"_s};
    QTest::addRow("lab result stops evaluation")
        << hl7("MSH|^~\\&|LIS-CHEM|NORTH|||202401011200||ORU^R01^ORU_R01|5|P|2.5.1\nPID|||1\nPV1||I|CCU")
        << QStringList{u"icu-monitor"_s, u"lab"_s} << QStringList{u"icu"_s, u"lab-from-lis"_s};
    QTest::addRow("result from another application")
        << hl7("MSH|^~\\&|RIS|SOUTH|||202401011200||ORU^R01|6|P|2.5.1\nPID|||1")
        << QStringList{u"archive"_s} << QStringList{u"all"_s};
    QTest::addRow("other trigger") << hl7("MSH|^~\\&|LIS|SOUTH|||202401011200||ORU^R30|7|P|2.5.1")
                                   << QStringList{u"archive"_s} << QStringList{u"all"_s};
    QTest::addRow("case-sensitive") << hl7("MSH|^~\\&|lis|north|||202401011200||adt^a01|8|P|2.5")
                                    << QStringList{u"archive"_s} << QStringList{u"all"_s};
    QTest::addRow("sending application is MSH-3.1")
        << hl7("MSH|^~\\&|LIS^1.2.3^ISO|NORTH^4.5^ISO|||202401011200||ORU^R01|9|P|2.5.1")
        << QStringList{u"lab"_s} << QStringList{u"lab-from-lis"_s};

    // Corpus files: other delimiters, line endings and versions go through the same rules.
    QTest::addRow("corpus ADT^A01, '*' components") << corpus("adt_a01_v2.5_elixir-wikipedia-alt-delims.hl7")
                                                    << QStringList{u"ehr"_s, u"bed-board"_s, u"archive"_s}
                                                    << QStringList{u"admissions"_s, u"adt"_s, u"all"_s};
    QTest::addRow("corpus ADT^A24, '^' field separator") << corpus("adt_a24_v2.4_hapi-custom-separators.hl7")
                                                         << QStringList{u"ehr"_s, u"archive"_s}
                                                         << QStringList{u"adt"_s, u"all"_s};
    QTest::addRow("corpus ORU^R01 GHH LAB") << corpus("oru_r01_v2.4_pyhl7-sample.hl7") << QStringList{u"lab"_s}
                                            << QStringList{u"lab-from-lis"_s};
    QTest::addRow("corpus ORU^R01 five encoding characters")
        << corpus("oru_r01_v2.5.1_elixir-elr-5-encoding-chars.hl7") << QStringList{u"lab"_s}
        << QStringList{u"lab-from-lis"_s};
    QTest::addRow("corpus ORU^R01 radiology") << corpus("oru_r01_v2.2_hapi-messages-radiology.hl7")
                                              << QStringList{u"archive"_s} << QStringList{u"all"_s};
    QTest::addRow("corpus ORM^O01") << corpus("orm_o01_v2.3_msft-LAB-ORM-1.hl7") << QStringList{u"archive"_s}
                                    << QStringList{u"all"_s};
    QTest::addRow("corpus ACK v2.1") << corpus("ack_v2.1_hapi-messages-ack.hl7") << QStringList{u"archive"_s}
                                     << QStringList{u"all"_s};
}

void tst_RouteTable::route()
{
    QFETCH(QByteArray, message);
    QFETCH(QStringList, destinations);
    QFETCH(QStringList, rules);

    const Hl7Message::ParseResult parsed = Hl7Message::parse(message);
    QVERIFY2(parsed.ok(), qPrintable(parsed.error.message));
    const RouteTable::Match match = sampleTable().route(*parsed.message);
    QCOMPARE(match.destinations, destinations);
    QCOMPARE(match.ruleNames, rules);
}

void tst_RouteTable::criteria_data()
{
    QTest::addColumn<QStringList>("messageTypes");
    QTest::addColumn<QStringList>("triggerEvents");
    QTest::addColumn<QStringList>("facilities");
    QTest::addColumn<QStringList>("applications");
    QTest::addColumn<QString>("fieldPath");
    QTest::addColumn<QStringList>("fieldValues");
    QTest::addColumn<bool>("matches");

    const QStringList none;
    const QStringList any{u"*"_s};
    // The message: ADT^A01 from REG at HOSP, PID-3 with two repetitions, PV1-3 = 4B^402^1.
    QTest::addRow("no criteria") << none << none << none << none << QString() << none << true;
    QTest::addRow("all wildcards") << any << any << any << any << u"PV1-3.1"_s << any << true;
    QTest::addRow("type only") << QStringList{u"ADT"_s} << none << none << none << QString() << none << true;
    QTest::addRow("type wrong") << QStringList{u"ORU"_s} << none << none << none << QString() << none << false;
    QTest::addRow("type^trigger") << QStringList{u"ADT^A01"_s} << none << none << none << QString() << none << true;
    QTest::addRow("type^other trigger") << QStringList{u"ADT^A08"_s} << none << none << none << QString() << none
                                        << false;
    QTest::addRow("type^*") << QStringList{u"ADT^*"_s} << none << none << none << QString() << none << true;
    QTest::addRow("*^trigger") << QStringList{u"*^A01"_s} << none << none << none << QString() << none << true;
    QTest::addRow("any of several types") << QStringList{u"ORU^R01"_s, u"ADT^A01"_s} << none << none << none
                                          << QString() << none << true;
    QTest::addRow("trigger list") << none << QStringList{u"A04"_s, u"A01"_s} << none << none << QString() << none
                                  << true;
    QTest::addRow("trigger mismatch") << none << QStringList{u"A04"_s} << none << none << QString() << none << false;
    QTest::addRow("facility") << none << none << QStringList{u"HOSP"_s} << none << QString() << none << true;
    QTest::addRow("facility case") << none << none << QStringList{u"hosp"_s} << none << QString() << none << false;
    QTest::addRow("facility prefix glob") << none << none << QStringList{u"HO*"_s} << none << QString() << none
                                          << true;
    QTest::addRow("application") << none << none << none << QStringList{u"REG"_s} << QString() << none << true;
    QTest::addRow("application mismatch") << none << none << none << QStringList{u"RE"_s} << QString() << none
                                          << false;
    QTest::addRow("field") << none << none << none << none << u"PV1-3.1"_s << QStringList{u"4B"_s} << true;
    QTest::addRow("field in list") << none << none << none << none << u"PV1-3.1"_s
                                   << QStringList{u"ICU"_s, u"4B"_s} << true;
    QTest::addRow("field mismatch") << none << none << none << none << u"PV1-3.1"_s << QStringList{u"4C"_s} << false;
    QTest::addRow("field whole value") << none << none << none << none << u"PV1-3"_s
                                       << QStringList{u"4B^402^1"_s} << true;
    QTest::addRow("field component 2") << none << none << none << none << u"PV1-3.2"_s << QStringList{u"402"_s}
                                       << true;
    QTest::addRow("field second repetition") << none << none << none << none << u"PID-3(2).5"_s
                                             << QStringList{u"SSA"_s} << true;
    QTest::addRow("absent field is empty") << none << none << none << none << u"PV1-44"_s << QStringList{QString()}
                                           << true;
    QTest::addRow("absent field is not a value") << none << none << none << none << u"PV1-44"_s
                                                 << QStringList{u"x"_s} << false;
    QTest::addRow("absent field matches *") << none << none << none << none << u"ZZZ-1"_s << any << true;
    QTest::addRow("every criterion must match") << QStringList{u"ADT"_s} << QStringList{u"A01"_s}
                                                << QStringList{u"HOSP"_s} << QStringList{u"REG"_s} << u"PV1-3.1"_s
                                                << QStringList{u"4B"_s} << true;
    QTest::addRow("one criterion fails") << QStringList{u"ADT"_s} << QStringList{u"A01"_s} << QStringList{u"HOSP"_s}
                                         << QStringList{u"REG"_s} << u"PV1-3.1"_s << QStringList{u"3A"_s} << false;
}

void tst_RouteTable::criteria()
{
    QFETCH(QStringList, messageTypes);
    QFETCH(QStringList, triggerEvents);
    QFETCH(QStringList, facilities);
    QFETCH(QStringList, applications);
    QFETCH(QString, fieldPath);
    QFETCH(QStringList, fieldValues);
    QFETCH(bool, matches);

    const Hl7Message::ParseResult parsed = Hl7Message::parse(
        hl7("MSH|^~\\&|REG|HOSP|EHR|HOSP|202401011200||ADT^A01^ADT_A01|42|P|2.5\n"
            "PID|1||123^^^HOSP^MR~987-65-4321^^^USA^SSA||DOE^JANE\n"
            "PV1|1|I|4B^402^1"));
    QVERIFY2(parsed.ok(), qPrintable(parsed.error.message));

    RouteRule r = rule(u"r"_s, {u"d"_s});
    r.messageTypes = messageTypes;
    r.triggerEvents = triggerEvents;
    r.sendingFacilities = facilities;
    r.sendingApplications = applications;
    if (!fieldPath.isEmpty())
        r.fieldEquals.insert(fieldPath, fieldValues);
    QCOMPARE(RouteTable::matches(r, *parsed.message), matches);
    const RouteTable::Match match = RouteTable({r}).route(*parsed.message);
    QCOMPARE(match.destinations, matches ? QStringList{u"d"_s} : QStringList{});
}

void tst_RouteTable::stopOnlyWhenMatched()
{
    const Hl7Message::ParseResult parsed = Hl7Message::parse(hl7("MSH|^~\\&|A|B|||1||ORM^O01|1|P|2.3"));
    QVERIFY(parsed.ok());

    RouteRule adtStop = rule(u"adt-stop"_s, {u"x"_s}, true);
    adtStop.messageTypes = {u"ADT"_s};
    RouteRule ormStop = rule(u"orm-stop"_s, {u"y"_s, u"z"_s}, true);
    ormStop.messageTypes = {u"ORM"_s};
    const RouteRule later = rule(u"later"_s, {u"w"_s});

    // A stop rule that does not match lets evaluation go on; one that matches ends it.
    const RouteTable::Match match = RouteTable({adtStop, ormStop, later}).route(*parsed.message);
    QCOMPARE(match.destinations, (QStringList{u"y"_s, u"z"_s}));
    QCOMPARE(match.ruleNames, QStringList{u"orm-stop"_s});
    const RouteTable::Match without = RouteTable({adtStop, later}).route(*parsed.message);
    QCOMPARE(without.destinations, QStringList{u"w"_s});
}

void tst_RouteTable::emptyTableRoutesNowhere()
{
    const Hl7Message::ParseResult parsed = Hl7Message::parse(hl7("MSH|^~\\&|A|B|||1||ADT^A01|1|P|2.5"));
    QVERIFY(parsed.ok());
    const RouteTable::Match match = RouteTable().route(*parsed.message);
    QVERIFY(match.destinations.isEmpty());
    QVERIFY(match.ruleNames.isEmpty());
}

QTEST_GUILESS_MAIN(tst_RouteTable)
#include "tst_routetable.moc"
