#include "node/fhir/TraceParent.h"
#include "node/pipeline/CorrelationId.h"

#include <QRegularExpression>
#include <QTest>

using namespace Qt::StringLiterals;

class tst_TraceParent : public QObject
{
    Q_OBJECT

private slots:
    void parsesValid_data();
    void parsesValid();
    void ignoresInvalid_data();
    void ignoresInvalid();
    void formats();
    void formatRefusesNonTraceIds();
    void roundTrip();
};

void tst_TraceParent::parsesValid_data()
{
    QTest::addColumn<QByteArray>("header");
    QTest::addColumn<QByteArray>("traceId");
    QTest::addColumn<QByteArray>("parentId");
    QTest::addColumn<int>("flags");

    // The example of the W3C recommendation.
    QTest::addRow("w3c example") << "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"_ba
                                 << "4bf92f3577b34da6a3ce929d0e0e4736"_ba
                                 << "00f067aa0ba902b7"_ba << 1;
    QTest::addRow("not sampled") << "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-00"_ba
                                 << "0af7651916cd43dd8448eb211c80319c"_ba
                                 << "b7ad6b7169203331"_ba << 0;
    QTest::addRow("surrounding whitespace") << "  00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01 \t"_ba
                                            << "0af7651916cd43dd8448eb211c80319c"_ba
                                            << "b7ad6b7169203331"_ba << 1;
    QTest::addRow("future version, extra field")
        << "cc-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-09-what-the-future-holds"_ba
        << "0af7651916cd43dd8448eb211c80319c"_ba
        << "b7ad6b7169203331"_ba << 9;
    QTest::addRow("future version, exact") << "01-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-ff"_ba
                                           << "0af7651916cd43dd8448eb211c80319c"_ba
                                           << "b7ad6b7169203331"_ba << 255;
}

void tst_TraceParent::parsesValid()
{
    QFETCH(QByteArray, header);
    QFETCH(QByteArray, traceId);
    QFETCH(QByteArray, parentId);
    QFETCH(int, flags);
    const auto parsed = TraceParent::parse(header);
    QVERIFY(parsed);
    QCOMPARE(parsed->traceId, traceId);
    QCOMPARE(parsed->parentId, parentId);
    QCOMPARE(int(parsed->flags), flags);
    QVERIFY(CorrelationId::isValid(parsed->traceId)); // usable as a correlation ID as it is
}

void tst_TraceParent::ignoresInvalid_data()
{
    QTest::addColumn<QByteArray>("header");
    QTest::addRow("empty") << QByteArray();
    QTest::addRow("garbage") << "hello"_ba;
    QTest::addRow("zero trace-id") << "00-00000000000000000000000000000000-b7ad6b7169203331-01"_ba;
    QTest::addRow("zero parent-id") << "00-0af7651916cd43dd8448eb211c80319c-0000000000000000-01"_ba;
    QTest::addRow("upper-case hex") << "00-0AF7651916CD43DD8448EB211C80319C-B7AD6B7169203331-01"_ba;
    QTest::addRow("version ff") << "ff-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"_ba;
    QTest::addRow("version 00 with more") << "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01-x"_ba;
    QTest::addRow("future version glued") << "01-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01x"_ba;
    QTest::addRow("short trace-id") << "00-0af7651916cd43dd8448eb211c8031-b7ad6b7169203331-01"_ba;
    QTest::addRow("non-hex") << "00-0af7651916cd43dd8448eb211c80319g-b7ad6b7169203331-01"_ba;
    QTest::addRow("underscores") << "00_0af7651916cd43dd8448eb211c80319c_b7ad6b7169203331_01"_ba;
    QTest::addRow("bad flags") << "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-0x"_ba;
    QTest::addRow("version not hex") << "0g-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"_ba;
}

void tst_TraceParent::ignoresInvalid()
{
    QFETCH(QByteArray, header);
    QVERIFY(!TraceParent::parse(header));
}

void tst_TraceParent::formats()
{
    const QByteArray id = "4bf92f3577b34da6a3ce929d0e0e4736"_ba;
    QCOMPARE(
        TraceParent::format(id, "00f067aa0ba902b7"_ba), "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"_ba);
    static const QRegularExpression form(u"^00-4bf92f3577b34da6a3ce929d0e0e4736-([0-9a-f]{16})-01$"_s);
    const QByteArray minted = TraceParent::format(id);
    const QRegularExpressionMatch match = form.match(QString::fromLatin1(minted));
    QVERIFY2(match.hasMatch(), minted.constData());
    QVERIFY(match.captured(1) != u"0000000000000000"_s);
    // An unusable span ID is replaced, never copied into the header.
    QVERIFY(TraceParent::format(id, "0000000000000000"_ba).sliced(36, 16) != "0000000000000000"_ba);
    QCOMPARE(TraceParent::mintSpanId().size(), 16);
    QVERIFY(TraceParent::mintSpanId() != TraceParent::mintSpanId());
}

void tst_TraceParent::formatRefusesNonTraceIds()
{
    QVERIFY(TraceParent::format("abc"_ba).isEmpty());
    QVERIFY(TraceParent::format(QByteArray(32, '0')).isEmpty());
    QVERIFY(TraceParent::format("4BF92F3577B34DA6A3CE929D0E0E4736"_ba).isEmpty());
}

void tst_TraceParent::roundTrip()
{
    const QByteArray id = CorrelationId::mint();
    const auto parsed = TraceParent::parse(TraceParent::format(id));
    QVERIFY(parsed);
    QCOMPARE(parsed->traceId, id);
    QCOMPARE(int(parsed->flags), 1);
}

QTEST_GUILESS_MAIN(tst_TraceParent)
#include "tst_traceparent.moc"
