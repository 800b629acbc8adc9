// Hl7Escape: every escape sequence of v2.5.1 section 2.7, with the standard and custom delimiters,
// and the escape/unescape round trip that setValue() and ACK texts rely on.
#include "models/hl7/Hl7Escape.h"
#include "models/hl7/Hl7Message.h"

#include <QFile>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

Hl7Encoding withTruncation()
{
    Hl7Encoding encoding;
    encoding.truncation = '#';
    return encoding;
}

Hl7Encoding custom()
{
    // Field '^', component '~', repetition '|', escape '!', subcomponent '&'.
    Hl7Encoding encoding;
    encoding.field = '^';
    encoding.component = '~';
    encoding.repetition = '|';
    encoding.escape = '!';
    return encoding;
}

Hl7Encoding noEscape()
{
    Hl7Encoding encoding;
    encoding.escape = 0;
    encoding.subcomponent = 0;
    return encoding;
}

} // namespace

class tst_Hl7Escape : public QObject
{
    Q_OBJECT

private slots:
    void unescape_data();
    void unescape();
    void unescapeCustomDelimiters();
    void escape_data();
    void escape();
    void roundTrip_data();
    void roundTrip();
    void escapeWithoutEscapeCharacter();
    void corpusEscapes_data();
    void corpusEscapes();
};

void tst_Hl7Escape::unescape_data()
{
    QTest::addColumn<QByteArray>("raw");
    QTest::addColumn<QByteArray>("expected");
    // Delimiter escapes.
    QTest::addRow("F") << R"(a\F\b)"_ba << "a|b"_ba;
    QTest::addRow("S") << R"(a\S\b)"_ba << "a^b"_ba;
    QTest::addRow("T") << R"(a\T\b)"_ba << "a&b"_ba;
    QTest::addRow("R") << R"(a\R\b)"_ba << "a~b"_ba;
    QTest::addRow("E") << R"(a\E\b)"_ba << "a\\b"_ba;
    QTest::addRow("E twice") << R"(\E\\E\)"_ba << "\\\\"_ba;
    QTest::addRow("adjacent") << R"(\F\\S\\T\\R\\E\)"_ba << "|^&~\\"_ba;
    QTest::addRow("spec example") << R"(Pierre DuRho\S\ the Third)"_ba << "Pierre DuRho^ the Third"_ba;
    QTest::addRow("P with truncation") << R"(1\P\2)"_ba << "1#2"_ba;
    // Hex data: pairs of hex digits are bytes (\X000D\ is NUL + CR, SEMANTICS.md 1.2).
    QTest::addRow("X0D") << R"(a\X0D\b)"_ba << "a\rb"_ba;
    QTest::addRow("X000D") << R"(a\X000D\b)"_ba << QByteArray("a\0\rb", 4);
    QTest::addRow("X0D0A") << R"(\X0D0A\)"_ba << "\r\n"_ba;
    QTest::addRow("X lowercase") << R"(\x41\)"_ba << R"(\x41\)"_ba;
    QTest::addRow("X lowercase digits") << R"(\X4a\)"_ba << "J"_ba;
    QTest::addRow("X odd digits") << R"(\X4\)"_ba << R"(\X4\)"_ba;
    QTest::addRow("X not hex") << R"(\XZZ\)"_ba << R"(\XZZ\)"_ba;
    QTest::addRow("X empty") << R"(\X\)"_ba << R"(\X\)"_ba;
    // Formatting commands.
    QTest::addRow("br") << R"(one\.br\two)"_ba << "one\ntwo"_ba;
    QTest::addRow("sp") << R"(one\.sp\two)"_ba << "one\ntwo"_ba;
    QTest::addRow("sp 3") << R"(a\.sp 3\b)"_ba << "a\n\n\nb"_ba;
    QTest::addRow("sp capped") << R"(\.sp 99999\)"_ba << QByteArray(100, '\n');
    QTest::addRow("sk 2") << R"(a\.sk 2\b)"_ba << "a  b"_ba;
    QTest::addRow("ce") << R"(a\.ce\b)"_ba << "a\nb"_ba;
    QTest::addRow("in") << R"(\.in+4\x)"_ba << "x"_ba;
    QTest::addRow("ti") << R"(\.ti-2\x)"_ba << "x"_ba;
    QTest::addRow("fi nf") << R"(\.fi\a\.nf\b)"_ba << "ab"_ba;
    QTest::addRow("unknown formatting") << R"(\.xx\)"_ba << R"(\.xx\)"_ba;
    QTest::addRow("br with argument") << R"(\.br 2\)"_ba << R"(\.br 2\)"_ba;
    // Passed through for a renderer that knows them.
    QTest::addRow("H N") << R"(\H\bold\N\ plain)"_ba << R"(\H\bold\N\ plain)"_ba;
    QTest::addRow("Z") << R"(\Zlocal\)"_ba << R"(\Zlocal\)"_ba;
    QTest::addRow("C") << R"(\C2842\text)"_ba << R"(\C2842\text)"_ba;
    QTest::addRow("M") << R"(\M2442\text)"_ba << R"(\M2442\text)"_ba;
    QTest::addRow("H with text") << R"(\Hx\)"_ba << R"(\Hx\)"_ba;
    // Not escape sequences: kept literally, and a later sequence still resolves.
    QTest::addRow("unterminated") << R"(abc\F)"_ba << R"(abc\F)"_ba;
    QTest::addRow("lone escape") << R"(\)"_ba << R"(\)"_ba;
    QTest::addRow("empty sequence") << R"(a\\b)"_ba << R"(a\\b)"_ba;
    QTest::addRow("windows path") << R"(C:\lab\res)"_ba << R"(C:\lab\res)"_ba;
    QTest::addRow("stray then F") << R"(a\b\F\c)"_ba << R"(a\b|c)"_ba;
    QTest::addRow("lowercase code") << R"(\f\)"_ba << R"(\f\)"_ba;
    QTest::addRow("nested") << R"(\X\F\\)"_ba << R"(\X|\)"_ba;
    QTest::addRow("nested in H") << R"(\H\F\N\)"_ba << R"(\H\F\N\)"_ba;
    QTest::addRow("no escapes") << "plain text"_ba << "plain text"_ba;
    QTest::addRow("empty") << QByteArray() << QByteArray();
}

void tst_Hl7Escape::unescape()
{
    QFETCH(QByteArray, raw);
    QFETCH(QByteArray, expected);
    QCOMPARE(Hl7Escape::unescape(raw, withTruncation()), expected);
    QCOMPARE(Hl7Escape::needsUnescape(raw, withTruncation()), raw.contains('\\'));
}

void tst_Hl7Escape::unescapeCustomDelimiters()
{
    const Hl7Encoding encoding = custom();
    QCOMPARE(Hl7Escape::unescape("a!F!b!S!c!R!d!E!e!T!f", encoding), "a^b~c|d!e&f"_ba);
    // The standard backslash is plain text when '!' is the escape character.
    QCOMPARE(Hl7Escape::unescape(R"(a\F\b)", encoding), R"(a\F\b)"_ba);
    // \P\ without a truncation character, \T\ without a subcomponent separator: literal.
    QCOMPARE(Hl7Escape::unescape(R"(\P\)", Hl7Encoding{}), R"(\P\)"_ba);
    Hl7Encoding threeChars;
    threeChars.subcomponent = 0;
    QCOMPARE(Hl7Escape::unescape(R"(\T\)", threeChars), R"(\T\)"_ba);
    // No escape character at all: nothing is an escape.
    QCOMPARE(Hl7Escape::unescape(R"(\F\)", noEscape()), R"(\F\)"_ba);
}

void tst_Hl7Escape::escape_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QByteArray>("expected");
    QTest::addRow("plain") << "plain"_ba << "plain"_ba;
    QTest::addRow("delimiters") << "|^~\\&"_ba << R"(\F\\S\\R\\E\\T\)"_ba;
    QTest::addRow("truncation") << "a#b"_ba << R"(a\P\b)"_ba;
    QTest::addRow("CR LF") << "a\r\nb"_ba << R"(a\X0D\\X0A\b)"_ba;
    QTest::addRow("control bytes") << QByteArray("\x0B\x1C\0", 3) << R"(\X0B\\X1C\\X00\)"_ba;
    QTest::addRow("tab kept") << "a\tb"_ba << "a\tb"_ba;
    QTest::addRow("utf8 kept") << "\xC2\xB5"_ba << "\xC2\xB5"_ba;
}

void tst_Hl7Escape::escape()
{
    QFETCH(QByteArray, text);
    QFETCH(QByteArray, expected);
    const auto escaped = Hl7Escape::escape(text, withTruncation());
    QVERIFY(escaped);
    QCOMPARE(*escaped, expected);
}

void tst_Hl7Escape::roundTrip_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addRow("all delimiters") << "a|b^c~d\\e&f#g"_ba;
    QTest::addRow("escape-like text") << R"(\F\ is not an escape here)"_ba;
    QTest::addRow("line breaks") << "one\rtwo\nthree\r\n"_ba;
    QTest::addRow("all bytes") << [] {
        QByteArray all;
        for (int i = 0; i < 256; ++i)
            all.append(char(i));
        return all;
    }();
}

void tst_Hl7Escape::roundTrip()
{
    QFETCH(QByteArray, text);
    for (const Hl7Encoding& encoding : {withTruncation(), custom(), Hl7Encoding{}}) {
        const auto escaped = Hl7Escape::escape(text, encoding);
        QVERIFY(escaped);
        // No raw delimiter or line break survives escaping.
        for (const char c : {encoding.field, encoding.component, encoding.repetition, '\r', '\n'})
            QVERIFY(!escaped->contains(c));
        QCOMPARE(Hl7Escape::unescape(*escaped, encoding), text);
    }
}

void tst_Hl7Escape::escapeWithoutEscapeCharacter()
{
    QCOMPARE(Hl7Escape::escape("plain", noEscape()).value_or("failed"), "plain"_ba);
    QVERIFY(!Hl7Escape::escape("a^b", noEscape()));
    QVERIFY(!Hl7Escape::escape("a\rb", noEscape()));
    // '&' and '\' are text when MSH-2 does not declare them.
    QCOMPARE(Hl7Escape::escape("a&b\\c", noEscape()).value_or("failed"), "a&b\\c"_ba);
}

void tst_Hl7Escape::corpusEscapes_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("expected");
    QTest::addRow("NTE delimiters") << u"NTE-3"_s
                                    << u"Na&K panel; ratio Na^K 30|1; path C:\\lab\\res; repeat sign ~ kept as text"_s;
    QTest::addRow("OBX FT") << u"OBX(3)-5"_s
                            << u"Line one\nLine two\n\\H\\Highlighted\\N\\ normal\r\nhex CRLFA \\Cxxyy\\ \\MxxyyZZ\\"_s;
    QTest::addRow("OBX TX formatting") << u"OBX(4)-5"_s << u"\n\nIndented text \ncentred"_s;
}

void tst_Hl7Escape::corpusEscapes()
{
    QFETCH(QString, path);
    QFETCH(QString, expected);
    QFile file(QStringLiteral(VIGIL_TEST_DATA_DIR) + u"/hl7/valid/oru_r01_v2.4_derived-escape-sequences.hl7"_s);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const auto result = Hl7Message::parse(file.readAll());
    QVERIFY(result.ok());
    QCOMPARE(result.message->value(path), expected);
}

QTEST_GUILESS_MAIN(tst_Hl7Escape)
#include "tst_hl7escape.moc"
