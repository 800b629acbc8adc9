#include "net/mllp/MllpFrameDecoder.h"

#include <QDir>
#include <QFile>
#include <QTest>

using namespace Qt::StringLiterals;

class tst_MllpFrameDecoder : public QObject
{
    Q_OBJECT
private slots:
    void decodesAtEverySplit_data();
    void decodesAtEverySplit();
    void manyFramesInOneRead_data();
    void manyFramesInOneRead();
    void inFrameTracksOpenFrame();
    void resetDropsPartialFrame();
    void wrapFramesPayload();
    void largeFrameInManyReads();
    void corpusMessagesRoundTrip();
};

namespace {

using Events = QList<MllpFrameDecoder::Event>;

// Events as text, so that a failing QCOMPARE shows what differs.
QStringList describe(const Events& events)
{
    QStringList out;
    for (const MllpFrameDecoder::Event& e : events) {
        if (e.isFrame) {
            out.append(u"frame:"_s + QString::fromLatin1(e.payload.toPercentEncoding()));
            continue;
        }
        switch (e.error) {
        case MllpFrameDecoder::Error::Junk:
            out.append(u"junk:%1"_s.arg(e.byteCount));
            break;
        case MllpFrameDecoder::Error::Corrupt:
            out.append(u"corrupt:%1"_s.arg(e.byteCount));
            break;
        case MllpFrameDecoder::Error::Oversize:
            out.append(u"oversize:%1"_s.arg(e.byteCount));
            break;
        }
    }
    return out;
}

QString frame(const QByteArray& payload)
{
    return u"frame:"_s + QString::fromLatin1(payload.toPercentEncoding());
}

QStringList decodeInPieces(const QByteArray& input, const QList<qsizetype>& cuts, qsizetype maxFrameBytes)
{
    MllpFrameDecoder decoder(maxFrameBytes);
    Events events;
    qsizetype from = 0;
    for (qsizetype cut : cuts) {
        events += decoder.feed(QByteArrayView(input).sliced(from, cut - from));
        from = cut;
    }
    events += decoder.feed(QByteArrayView(input).sliced(from));
    events += decoder.finish();
    return describe(events);
}

const QByteArray kMsg1
    = "MSH|^~\\&|LAB|H1|EHR|H1|20240101120000||ORU^R01|MSG0001|P|2.5.1\rPID|1||123^^^H1||DOE^JANE"_ba;
const QByteArray kMsg2 = "MSH|^~\\&|ADT|H1|EHR|H1|20240101120001||ADT^A01|MSG0002|P|2.5\r"_ba;
const QByteArray kShort = "ok"_ba;

QByteArray wrapped(const QByteArray& payload)
{
    return MllpFrameDecoder::wrap(payload);
}

// Readable control bytes: raw("<SB>abc<EB><CR>").
QByteArray raw(QByteArray text)
{
    return text.replace("<SB>", "\x0b")
        .replace("<EB>", "\x1c")
        .replace("<CR>", "\r")
        .replace("<LF>", "\n")
        .replace("<NUL>", QByteArray(1, '\0'));
}

} // namespace

void tst_MllpFrameDecoder::decodesAtEverySplit_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<qsizetype>("maxFrameBytes");
    QTest::addColumn<QStringList>("expected");
    const qsizetype big = 1024 * 1024;

    QTest::addRow("one frame") << wrapped(kMsg1) << big << QStringList { frame(kMsg1) };
    QTest::addRow("empty frame") << raw("<SB><EB><CR>") << big << QStringList { frame({}) };
    QTest::addRow("two frames back to back")
        << QByteArray(wrapped(kMsg1) + wrapped(kMsg2)) << big << QStringList { frame(kMsg1), frame(kMsg2) };
    QTest::addRow("CR and LF inside the payload are data")
        << raw("<SB>MSH|a<CR><LF>PID|b<LF><CR><EB><CR>") << big << QStringList { frame("MSH|a\r\nPID|b\n\r"_ba) };
    QTest::addRow("log text before SB") << raw("2024-01-01 connected<LF><SB>ok<EB><CR>") << big
                                        << QStringList { u"junk:21"_s, frame(kShort) };
    QTest::addRow("NUL bytes between frames") << raw("<SB>ok<EB><CR><NUL><NUL><NUL><SB>ok<EB><CR>") << big
                                              << QStringList { frame(kShort), u"junk:3"_s, frame(kShort) };
    QTest::addRow("LF trailer after EB CR, then a frame") << QByteArray(
        wrapped(kMsg1) + "\n"_ba + wrapped(kMsg2)) << big << QStringList { frame(kMsg1), u"junk:1"_s, frame(kMsg2) };
    QTest::addRow("LF trailer at end of stream")
        << raw("<SB>ok<EB><CR><LF>") << big << QStringList { frame(kShort), u"junk:1"_s };
    QTest::addRow("only junk") << raw("GET / HTTP/1.1<CR><LF>") << big << QStringList { u"junk:16"_s };
    // SB + "abc" dropped (4 bytes); the second SB opens the frame that completes.
    QTest::addRow("SB inside body") << raw("<SB>abc<SB>def<EB><CR>") << big
                                    << QStringList { u"corrupt:4"_s, frame("def"_ba) };
    // Strict: EB must be followed by CR. SB+abc+EB dropped (5), 'x' is junk, resync at the next SB.
    QTest::addRow("EB followed by other byte")
        << raw("<SB>abc<EB>x<SB>def<EB><CR>") << big << QStringList { u"corrupt:5"_s, u"junk:1"_s, frame("def"_ba) };
    QTest::addRow("EB followed by SB") << raw("<SB>abc<EB><SB>def<EB><CR>") << big
                                       << QStringList { u"corrupt:5"_s, frame("def"_ba) };
    QTest::addRow("EB EB CR") << raw("<SB>abc<EB><EB><CR>") << big << QStringList { u"corrupt:5"_s, u"junk:2"_s };
    QTest::addRow("unterminated frame reports nothing") << raw("<SB>abc") << big << QStringList {};
    QTest::addRow("payload exactly at the limit")
        << raw("<SB>12345678<EB><CR>") << qsizetype(8) << QStringList { frame("12345678"_ba) };
    QTest::addRow("oversize, then a frame")
        << raw("<SB>123456789<EB><CR><SB>ok<EB><CR>") << qsizetype(8) << QStringList { u"oversize:9"_s, frame(kShort) };
    QTest::addRow("oversize ended by SB")
        << raw("<SB>1234567890abc<SB>ok<EB><CR>") << qsizetype(8) << QStringList { u"oversize:9"_s, frame(kShort) };
    QTest::addRow("oversize, junk after its end") << raw("<SB>1234567890<EB><CR>zz<SB>ok<EB><CR>") << qsizetype(8)
                                                  << QStringList { u"oversize:9"_s, u"junk:2"_s, frame(kShort) };
    QTest::addRow("oversize with EB x inside is still one frame")
        << raw("<SB>1234567890<EB>x12<EB><CR>z<SB>ok<EB><CR>") << qsizetype(8)
        << QStringList { u"oversize:9"_s, u"junk:1"_s, frame(kShort) };
    QTest::addRow("SB inside body under the limit, then oversize")
        << raw("<SB>ab<SB>123456789<EB><CR>") << qsizetype(8) << QStringList { u"corrupt:3"_s, u"oversize:9"_s };
    QTest::addRow("zero limit allows only empty frames")
        << raw("<SB><EB><CR><SB>a<EB><CR>") << qsizetype(0) << QStringList { frame({}), u"oversize:1"_s };
}

void tst_MllpFrameDecoder::decodesAtEverySplit()
{
    QFETCH(QByteArray, input);
    QFETCH(qsizetype, maxFrameBytes);
    QFETCH(QStringList, expected);

    QCOMPARE(decodeInPieces(input, {}, maxFrameBytes), expected);
    for (qsizetype i = 0; i <= input.size(); ++i)
        QCOMPARE(decodeInPieces(input, { i }, maxFrameBytes), expected);
    // Every pair of cuts covers EB and CR in separate reads with the frame split elsewhere too.
    for (qsizetype i = 0; i <= input.size(); ++i) {
        for (qsizetype j = i; j <= input.size(); ++j)
            QCOMPARE(decodeInPieces(input, { i, j }, maxFrameBytes), expected);
    }
    QList<qsizetype> everyByte;
    for (qsizetype i = 1; i < input.size(); ++i)
        everyByte.append(i);
    QCOMPARE(decodeInPieces(input, everyByte, maxFrameBytes), expected);
}

void tst_MllpFrameDecoder::manyFramesInOneRead_data()
{
    QTest::addColumn<int>("count");
    for (int n = 2; n <= 10; ++n)
        QTest::addRow("%d frames", n) << n;
}

void tst_MllpFrameDecoder::manyFramesInOneRead()
{
    QFETCH(int, count);
    QByteArray input;
    QStringList expected;
    for (int i = 0; i < count; ++i) {
        const QByteArray payload = kMsg2 + QByteArray::number(i);
        input += wrapped(payload);
        expected.append(frame(payload));
        if (i % 3 == 1) { // a mix of the trailers seen in the field
            input += "\n"_ba;
            expected.append(u"junk:1"_s);
        }
    }
    MllpFrameDecoder decoder;
    Events events = decoder.feed(input);
    events += decoder.finish();
    QCOMPARE(describe(events), expected);
    QVERIFY(!decoder.inFrame());
    QCOMPARE(decoder.bufferedBytes(), 0);
}

void tst_MllpFrameDecoder::inFrameTracksOpenFrame()
{
    MllpFrameDecoder decoder;
    QVERIFY(!decoder.inFrame());
    QVERIFY(decoder.feed("junk"_ba).isEmpty());
    QVERIFY(!decoder.inFrame());

    QCOMPARE(describe(decoder.feed(raw("<SB>abc"))), QStringList { u"junk:4"_s });
    QVERIFY(decoder.inFrame());
    QCOMPARE(decoder.bufferedBytes(), 3);

    QVERIFY(decoder.feed(raw("de<EB>")).isEmpty());
    QVERIFY(decoder.inFrame()); // EB without CR yet: closing now truncates
    QCOMPARE(decoder.bufferedBytes(), 5);

    QCOMPARE(describe(decoder.feed(raw("<CR>"))), QStringList { frame("abcde"_ba) });
    QVERIFY(!decoder.inFrame());
    QCOMPARE(decoder.bufferedBytes(), 0);

    MllpFrameDecoder small(4);
    QCOMPARE(describe(small.feed(raw("<SB>12345"))), QStringList { u"oversize:5"_s });
    QVERIFY(!small.inFrame()); // already reported; nothing left to truncate
    QCOMPARE(small.bufferedBytes(), 0);
}

void tst_MllpFrameDecoder::resetDropsPartialFrame()
{
    MllpFrameDecoder decoder;
    decoder.feed(raw("xx<SB>partial"));
    QVERIFY(decoder.inFrame());
    decoder.reset();
    QVERIFY(!decoder.inFrame());
    QCOMPARE(decoder.bufferedBytes(), 0);
    QVERIFY(decoder.finish().isEmpty());
    QCOMPARE(describe(decoder.feed(raw("rest<EB><CR><SB>ok<EB><CR>"))), (QStringList { u"junk:6"_s, frame(kShort) }));
}

void tst_MllpFrameDecoder::wrapFramesPayload()
{
    QCOMPARE(MllpFrameDecoder::wrap("AB"_ba), raw("<SB>AB<EB><CR>"));
    QCOMPARE(MllpFrameDecoder::wrap({}), raw("<SB><EB><CR>"));
}

void tst_MllpFrameDecoder::largeFrameInManyReads()
{
    QByteArray payload;
    for (int i = 0; payload.size() < 1024 * 1024; ++i)
        payload += "OBX|" + QByteArray::number(i)
            + "|ED|PDF^Base64||JVBERi0xLjQKJcfsj6IKNSAwIG9iago8PC9MZW5ndGggNiAwIFIvRmls\r";
    const QByteArray input = wrapped(payload) + wrapped(kShort);
    MllpFrameDecoder decoder(2 * 1024 * 1024);
    Events events;
    for (qsizetype from = 0; from < input.size(); from += 4093)
        events += decoder.feed(QByteArrayView(input).sliced(from, qMin<qsizetype>(4093, input.size() - from)));
    QCOMPARE(events.size(), 2);
    QVERIFY(events.at(0).isFrame);
    QCOMPARE(events.at(0).payload.size(), payload.size());
    QVERIFY(events.at(0).payload == payload);
    QCOMPARE(events.at(1).payload, kShort);
}

void tst_MllpFrameDecoder::corpusMessagesRoundTrip()
{
    const QDir dir(QStringLiteral(VIGIL_TEST_DATA_DIR "/hl7/valid"));
    QByteArray stream;
    QList<QByteArray> payloads;
    for (const QString& name : dir.entryList({ u"*.hl7"_s }, QDir::Files, QDir::Name)) {
        QFile file(dir.filePath(name));
        QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(name));
        const QByteArray content = file.readAll();
        // Messages that themselves contain SB or EB cannot travel over MLLP release 1 at all.
        if (content.contains(MllpFrameDecoder::StartBlock) || content.contains(MllpFrameDecoder::EndBlock))
            continue;
        payloads.append(content);
        stream += wrapped(content) + "\n"_ba;
    }
    QVERIFY(payloads.size() >= 10);

    for (qsizetype chunk : { qsizetype(1), qsizetype(7), qsizetype(1460), qsizetype(65536) }) {
        MllpFrameDecoder decoder;
        QList<QByteArray> frames;
        qsizetype junk = 0;
        for (qsizetype from = 0; from < stream.size(); from += chunk) {
            const auto piece = QByteArrayView(stream).sliced(from, qMin(chunk, stream.size() - from));
            for (const MllpFrameDecoder::Event& e : decoder.feed(piece)) {
                if (e.isFrame)
                    frames.append(e.payload);
                else if (e.error == MllpFrameDecoder::Error::Junk)
                    junk += e.byteCount;
                else
                    QFAIL("unexpected error event");
            }
        }
        for (const MllpFrameDecoder::Event& e : decoder.finish())
            junk += e.byteCount;
        QCOMPARE(frames, payloads);
        QCOMPARE(junk, payloads.size()); // the LF of each `1C 0D 0A` trailer
    }
}

QTEST_GUILESS_MAIN(tst_MllpFrameDecoder)
#include "tst_mllpframedecoder.moc"
