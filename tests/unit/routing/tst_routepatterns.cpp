#include "models/routing/RoutePatterns.h"

#include <QTest>

using namespace Qt::StringLiterals;

class tst_RoutePatterns : public QObject
{
    Q_OBJECT

private slots:
    void glob_data();
    void glob();
    void messageType_data();
    void messageType();
    void messageTypeSyntax_data();
    void messageTypeSyntax();
    void fieldPath_data();
    void fieldPath();
};

void tst_RoutePatterns::glob_data()
{
    QTest::addColumn<QString>("pattern");
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("matches");

    QTest::addRow("star matches anything") << u"*"_s << u"ADT"_s << true;
    QTest::addRow("star matches empty") << u"*"_s << QString() << true;
    QTest::addRow("literal") << u"ADT"_s << u"ADT"_s << true;
    QTest::addRow("literal differs") << u"ADT"_s << u"ADX"_s << false;
    QTest::addRow("literal is not a prefix") << u"AD"_s << u"ADT"_s << false;
    QTest::addRow("case-sensitive") << u"adt"_s << u"ADT"_s << false;
    QTest::addRow("prefix") << u"LIS*"_s << u"LIS-CHEM"_s << true;
    QTest::addRow("suffix") << u"*LAB"_s << u"GHH LAB"_s << true;
    QTest::addRow("suffix mismatch") << u"*LAB"_s << u"GHH LABS"_s << false;
    QTest::addRow("middle") << u"A*1"_s << u"A01"_s << true;
    QTest::addRow("needs backtracking") << u"*AB*AC"_s << u"XABABAC"_s << true;
    QTest::addRow("two stars, no match") << u"*AB*AC"_s << u"XABABA"_s << false;
    QTest::addRow("empty pattern, empty text") << QString() << QString() << true;
    QTest::addRow("empty pattern, text") << QString() << u"A"_s << false;
}

void tst_RoutePatterns::glob()
{
    QFETCH(QString, pattern);
    QFETCH(QString, text);
    QFETCH(bool, matches);
    QCOMPARE(RoutePatterns::globMatch(pattern, text), matches);
}

void tst_RoutePatterns::messageType_data()
{
    QTest::addColumn<QString>("pattern");
    QTest::addColumn<QString>("type");
    QTest::addColumn<QString>("trigger");
    QTest::addColumn<bool>("matches");

    QTest::addRow("type alone matches any trigger") << u"ADT"_s << u"ADT"_s << u"A08"_s << true;
    QTest::addRow("type alone, no trigger") << u"ACK"_s << u"ACK"_s << QString() << true;
    QTest::addRow("type alone, other type") << u"ADT"_s << u"ORU"_s << u"R01"_s << false;
    QTest::addRow("exact") << u"ORU^R01"_s << u"ORU"_s << u"R01"_s << true;
    QTest::addRow("other trigger") << u"ORU^R01"_s << u"ORU"_s << u"R30"_s << false;
    QTest::addRow("missing trigger") << u"ORU^R01"_s << u"ORU"_s << QString() << false;
    QTest::addRow("type^*") << u"ADT^*"_s << u"ADT"_s << u"A40"_s << true;
    QTest::addRow("*^trigger") << u"*^O21"_s << u"OML"_s << u"O21"_s << true;
    QTest::addRow("star") << u"*"_s << u"ZZZ"_s << u"Z99"_s << true;
    QTest::addRow("star, empty MSH-9") << u"*"_s << QString() << QString() << true;
    QTest::addRow("*^*") << u"*^*"_s << u"SIU"_s << u"S12"_s << true;
}

void tst_RoutePatterns::messageType()
{
    QFETCH(QString, pattern);
    QFETCH(QString, type);
    QFETCH(QString, trigger);
    QFETCH(bool, matches);
    QVERIFY(RoutePatterns::isValidMessageTypePattern(pattern));
    QCOMPARE(RoutePatterns::matchesMessageType(pattern, type, trigger), matches);
}

void tst_RoutePatterns::messageTypeSyntax_data()
{
    QTest::addColumn<QString>("pattern");
    QTest::addColumn<QString>("error"); // empty when valid

    QTest::addRow("star") << u"*"_s << QString();
    QTest::addRow("type") << u"ADT"_s << QString();
    QTest::addRow("type^trigger") << u"ORU^R01"_s << QString();
    QTest::addRow("digits") << u"Z99^Z01"_s << QString();
    QTest::addRow("star parts") << u"*^*"_s << QString();
    QTest::addRow("partial wildcard") << u"ADT^A0*"_s << u"the trigger event may be \"*\" but cannot contain '*'"_s;
    QTest::addRow("partial type wildcard") << u"A*"_s << u"the message type may be \"*\" but cannot contain '*'"_s;
    QTest::addRow("empty") << QString() << u"the message type is empty"_s;
    QTest::addRow("lower case") << u"adt"_s << u"the message type must be upper case"_s;
    QTest::addRow("too long") << u"ADTA01"_s << u"the message type must be three letters or digits"_s;
    QTest::addRow("structure") << u"ADT_A01"_s << u"that is a message structure; write \"ADT^A01\""_s;
    QTest::addRow("three parts") << u"ORU^R01^ORU_R01"_s << u"more than one '^'"_s;
    QTest::addRow("empty trigger") << u"ADT^"_s << u"the trigger event is empty"_s;
    QTest::addRow("short trigger") << u"ADT^A1"_s << u"the trigger event must be three letters or digits"_s;
    QTest::addRow("space") << u"AD T"_s << u"contains ' '"_s;
}

void tst_RoutePatterns::messageTypeSyntax()
{
    QFETCH(QString, pattern);
    QFETCH(QString, error);
    QString why;
    QCOMPARE(RoutePatterns::isValidMessageTypePattern(pattern, &why), error.isEmpty());
    if (!error.isEmpty()) {
        QVERIFY2(why.contains(error), qPrintable(why));
        QVERIFY2(why.contains(u'"' + pattern + u'"'), qPrintable(why));
    }
}

void tst_RoutePatterns::fieldPath_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("error"); // empty when valid

    QTest::addRow("field") << u"PID-3"_s << QString();
    QTest::addRow("component") << u"PV1-3.1"_s << QString();
    QTest::addRow("subcomponent") << u"PID-5.1.2"_s << QString();
    QTest::addRow("repetition") << u"PID-3(2).4"_s << QString();
    QTest::addRow("segment occurrence") << u"OBX(2)-5"_s << QString();
    QTest::addRow("everything") << u"OBX(12)-5(3).2.1"_s << QString();
    QTest::addRow("z-segment") << u"ZPV-1"_s << QString();
    QTest::addRow("MSH-9.2") << u"MSH-9.2"_s << QString();
    QTest::addRow("dot instead of dash") << u"PV1.3"_s << u"expected '-' after the segment name"_s;
    QTest::addRow("lower case segment") << u"pid-3"_s << u"the segment name must be three upper-case"_s;
    QTest::addRow("digit first") << u"1ID-3"_s << u"the segment name must be three upper-case"_s;
    QTest::addRow("field zero") << u"PID-0"_s << u"expected a field number >= 1"_s;
    QTest::addRow("no field") << u"PID-.1"_s << u"expected a field number >= 1"_s;
    QTest::addRow("repetition zero") << u"PID-3(0)"_s << u"bad repetition"_s;
    QTest::addRow("unclosed repetition") << u"PID-3(2"_s << u"bad repetition"_s;
    QTest::addRow("occurrence zero") << u"OBX(0)-5"_s << u"bad segment occurrence"_s;
    QTest::addRow("component zero") << u"PV1-3.0"_s << u"expected a component number >= 1"_s;
    QTest::addRow("subcomponent missing") << u"PV1-3.1."_s << u"expected a subcomponent number >= 1"_s;
    QTest::addRow("too deep") << u"PV1-3.1.2.3"_s << u"unexpected \".3\" at the end"_s;
    QTest::addRow("trailing text") << u"PV1-3x"_s << u"unexpected \"x\" at the end"_s;
    QTest::addRow("too short") << u"PID"_s << u"too short"_s;
}

void tst_RoutePatterns::fieldPath()
{
    QFETCH(QString, path);
    QFETCH(QString, error);
    QString why;
    QCOMPARE(RoutePatterns::isValidFieldPath(path, &why), error.isEmpty());
    if (!error.isEmpty())
        QVERIFY2(why.contains(error), qPrintable(why));
}

QTEST_GUILESS_MAIN(tst_RoutePatterns)
#include "tst_routepatterns.moc"
