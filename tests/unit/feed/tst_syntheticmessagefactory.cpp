#include "models/hl7/Hl7Message.h"
#include "models/hl7/Hl7Validator.h"
#include "models/synthetic/FileMessageSource.h"
#include "models/synthetic/SyntheticMessageFactory.h"

#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

class tst_SyntheticMessageFactory : public QObject
{
    Q_OBJECT

private slots:
    void sameSeedSameStream();
    void wellFormedMessagesParseAndValidate();
    void malformedMessagesFailParseOrValidation();
    void criticalShareIsHonoured_data();
    void criticalShareIsHonoured();
    void duplicatesAreByteIdenticalAndOtherIdsUnique();
    void mixWeightsSelectFamilies_data();
    void mixWeightsSelectFamilies();
    void labResultsAreRealistic();
    void preliminaryResultsAreFollowedByFinals();
    void clockAndPrefixOptionsAreUsed();
    void fileSourceSplitsMessages_data();
    void fileSourceSplitsMessages();
    void fileSourceLoadsAndCycles();
};

namespace {

QList<SyntheticMessageFactory::Generated> generate(quint32 seed, FeedMix mix, int n)
{
    SyntheticMessageFactory factory(seed, mix);
    QList<SyntheticMessageFactory::Generated> out;
    for (int i = 0; i < n; ++i)
        out.append(factory.next());
    return out;
}

QString describe(const QList<Hl7Error>& errors)
{
    QStringList parts;
    for (const Hl7Error& e : errors)
        parts.append(u"%1 at %2: %3"_s.arg(int(e.code)).arg(e.location.toString(), e.message));
    return parts.join(u"; "_s);
}

bool hasCriticalFlag(const Hl7Message& m)
{
    for (int i = 1; i <= m.occurrences("OBX"); ++i) {
        const QString flag = m.value(u"OBX(%1)-8"_s.arg(i));
        if (flag == u"HH"_s || flag == u"LL"_s)
            return true;
    }
    return false;
}

} // namespace

void tst_SyntheticMessageFactory::sameSeedSameStream()
{
    FeedMix mix;
    mix.malformedShare = 0.05;
    mix.duplicateShare = 0.05;
    const auto a = generate(42, mix, 500);
    const auto b = generate(42, mix, 500);
    const auto c = generate(43, mix, 500);
    int differentFromOtherSeed = 0;
    for (int i = 0; i < 500; ++i) {
        QCOMPARE(a[i].payload, b[i].payload);
        QCOMPARE(a[i].kind, b[i].kind);
        QCOMPARE(a[i].critical, b[i].critical);
        differentFromOtherSeed += a[i].payload != c[i].payload ? 1 : 0;
    }
    QVERIFY2(differentFromOtherSeed > 450, qPrintable(QString::number(differentFromOtherSeed)));
}

void tst_SyntheticMessageFactory::wellFormedMessagesParseAndValidate()
{
    FeedMix mix;
    mix.criticalShare = 0.2;
    mix.malformedShare = 0.1;
    mix.duplicateShare = 0.05;
    const auto messages = generate(7, mix, 2000);
    QSet<QString> kinds;
    int checked = 0;
    for (const auto& g : messages) {
        if (g.malformed)
            continue;
        QVERIFY(g.payload.startsWith("MSH|^~\\&|"));
        QVERIFY(g.payload.endsWith('\r'));
        QVERIFY(!g.payload.contains('\n'));
        const Hl7Message::ParseResult parsed = Hl7Message::parse(g.payload);
        QVERIFY2(parsed.ok(), qPrintable(g.kind % u": "_s % parsed.error.message));
        const Hl7Message& m = *parsed.message;
        const QList<Hl7Error> errors = Hl7Validator::validate(m);
        QVERIFY2(errors.isEmpty(), qPrintable(g.kind % u": "_s % describe(errors)));
        QCOMPARE(m.messageType() % u'^' % m.triggerEvent(), g.kind);
        QCOMPARE(m.controlId(), g.controlId);
        QCOMPARE(m.version(), u"2.5.1"_s);
        QCOMPARE(m.sendingApplication(), u"VIGILFEED"_s);
        QCOMPARE(m.sendingFacility(), u"SYNTH_GENERAL"_s);
        QCOMPARE(m.serialize(), g.payload);
        QCOMPARE(hasCriticalFlag(m), g.critical);
        QVERIFY(m.value(u"PID-3.1"_s).startsWith(u"MRN"_s));
        QCOMPARE(m.value(u"PID-3.4"_s), u"SYNTH_GENERAL"_s);
        kinds.insert(g.kind);
        ++checked;
    }
    QVERIFY(checked > 1500);
    const QSet<QString> expected
        = { u"ADT^A01"_s, u"ADT^A03"_s, u"ADT^A04"_s, u"ADT^A08"_s, u"ORM^O01"_s, u"ORU^R01"_s };
    QCOMPARE(kinds, expected);
}

void tst_SyntheticMessageFactory::malformedMessagesFailParseOrValidation()
{
    FeedMix mix;
    mix.malformedShare = 0.3;
    const auto messages = generate(11, mix, 1000);
    QSet<QString> variants;
    int malformed = 0;
    for (const auto& g : messages) {
        if (!g.malformed)
            continue;
        ++malformed;
        QCOMPARE(g.kind, u"malformed"_s);
        variants.insert(g.variant);
        const Hl7Message::ParseResult parsed = Hl7Message::parse(g.payload);
        const bool rejected = !parsed.ok() || !Hl7Validator::validate(*parsed.message).isEmpty();
        QVERIFY2(rejected, qPrintable(u"accepted malformed variant "_s % g.variant));
        QCOMPARE(g.ackExpected, g.variant != u"no-msh"_s);
        if (g.variant == u"no-msh"_s) {
            QVERIFY(!g.payload.contains("MSH"));
            QVERIFY(g.controlId.isEmpty());
        }
        if (g.variant == u"missing-msh10"_s)
            QVERIFY(g.controlId.isEmpty());
    }
    QVERIFY2(malformed > 200 && malformed < 400, qPrintable(QString::number(malformed)));
    const QStringList all = SyntheticMessageFactory::malformedVariants();
    QCOMPARE(variants, QSet<QString>(all.begin(), all.end()));
}

void tst_SyntheticMessageFactory::criticalShareIsHonoured_data()
{
    QTest::addColumn<double>("share");
    QTest::addRow("none") << 0.0;
    QTest::addRow("a fifth") << 0.2;
    QTest::addRow("half") << 0.5;
    QTest::addRow("all") << 1.0;
}

void tst_SyntheticMessageFactory::criticalShareIsHonoured()
{
    QFETCH(double, share);
    FeedMix mix;
    mix.criticalShare = share;
    const auto messages = generate(3, mix, 2000);
    int results = 0;
    int critical = 0;
    for (const auto& g : messages) {
        QVERIFY(!g.critical || g.kind == u"ORU^R01"_s);
        if (g.kind != u"ORU^R01"_s)
            continue;
        ++results;
        critical += g.critical ? 1 : 0;
    }
    QVERIFY(results > 400);
    const double observed = double(critical) / results;
    if (share == 0.0)
        QCOMPARE(critical, 0);
    else
        QVERIFY2(std::abs(observed - share) < 0.08, qPrintable(u"observed %1"_s.arg(observed)));
}

void tst_SyntheticMessageFactory::duplicatesAreByteIdenticalAndOtherIdsUnique()
{
    FeedMix mix;
    mix.duplicateShare = 0.1;
    mix.malformedShare = 0.05;
    const auto messages = generate(5, mix, 2000);
    QSet<QByteArray> earlier;
    QSet<QString> ids;
    int duplicates = 0;
    for (const auto& g : messages) {
        if (g.duplicate) {
            ++duplicates;
            QVERIFY(earlier.contains(g.payload));
            QVERIFY(ids.contains(g.controlId));
        } else {
            QVERIFY(!earlier.contains(g.payload));
            if (!g.controlId.isEmpty()) {
                QVERIFY2(!ids.contains(g.controlId), qPrintable(g.controlId));
                ids.insert(g.controlId);
            }
        }
        earlier.insert(g.payload);
    }
    QVERIFY2(duplicates > 120 && duplicates < 280, qPrintable(QString::number(duplicates)));
}

void tst_SyntheticMessageFactory::mixWeightsSelectFamilies_data()
{
    QTest::addColumn<int>("adt");
    QTest::addColumn<int>("orm");
    QTest::addColumn<int>("oru");
    QTest::addColumn<QString>("prefix");
    QTest::addRow("adt only") << 1 << 0 << 0 << u"ADT^"_s;
    QTest::addRow("orm only") << 0 << 5 << 0 << u"ORM^O01"_s;
    QTest::addRow("oru only") << 0 << 0 << 2 << u"ORU^R01"_s;
}

void tst_SyntheticMessageFactory::mixWeightsSelectFamilies()
{
    QFETCH(int, adt);
    QFETCH(int, orm);
    QFETCH(int, oru);
    QFETCH(QString, prefix);
    FeedMix mix;
    mix.adt = adt;
    mix.orm = orm;
    mix.oru = oru;
    for (const auto& g : generate(9, mix, 300))
        QVERIFY2(g.kind.startsWith(prefix), qPrintable(g.kind));
}

void tst_SyntheticMessageFactory::labResultsAreRealistic()
{
    FeedMix mix { 0, 0, 1, 0.3, 0.0, 0.0 };
    const QSet<QString> loinc = { u"2823-3"_s, u"2951-2"_s, u"2345-7"_s, u"718-7"_s, u"10839-9"_s };
    const QSet<QString> flags = { u"N"_s, u"H"_s, u"L"_s, u"HH"_s, u"LL"_s };
    QSet<QString> seenFlags;
    QSet<QString> seenTests;
    for (const auto& g : generate(21, mix, 400)) {
        const Hl7Message m = *Hl7Message::parse(g.payload).message;
        QVERIFY(!m.value(u"OBR-2.1"_s).isEmpty());
        QCOMPARE(m.value(u"OBR-25"_s), g.variant);
        QVERIFY(m.occurrences("OBX") >= 1);
        for (int i = 1; i <= m.occurrences("OBX"); ++i) {
            const QString obx = u"OBX(%1)-"_s.arg(i);
            QCOMPARE(m.value(QString(obx % u"2"_s)), u"NM"_s);
            QVERIFY(loinc.contains(m.value(QString(obx % u"3.1"_s))));
            QCOMPARE(m.value(QString(obx % u"3.3"_s)), u"LN"_s);
            bool numeric = false;
            const double value = m.value(QString(obx % u"5"_s)).toDouble(&numeric);
            QVERIFY(numeric);
            QVERIFY(!m.value(QString(obx % u"6.1"_s)).isEmpty());
            const QString range = m.value(QString(obx % u"7"_s));
            const QString flag = m.value(QString(obx % u"8"_s));
            QVERIFY(flags.contains(flag));
            QCOMPARE(m.value(QString(obx % u"11"_s)), g.variant);
            // The flag agrees with the value and the reference range in OBX-7.
            if (range.startsWith(u'<')) {
                const double high = range.mid(1).toDouble();
                QCOMPARE(flag == u"N"_s, value <= high);
            } else {
                const QStringList bounds = range.split(u'-');
                QCOMPARE(bounds.size(), 2);
                const bool inRange = value >= bounds[0].toDouble() && value <= bounds[1].toDouble();
                QCOMPARE(flag == u"N"_s, inRange);
                if (flag == u"L"_s || flag == u"LL"_s)
                    QVERIFY(value < bounds[0].toDouble());
                if (flag == u"H"_s || flag == u"HH"_s)
                    QVERIFY(value > bounds[1].toDouble());
            }
            seenFlags.insert(flag);
            seenTests.insert(m.value(QString(obx % u"3.1"_s)));
        }
    }
    QCOMPARE(seenFlags, flags);
    QCOMPARE(seenTests, loinc);
}

void tst_SyntheticMessageFactory::preliminaryResultsAreFollowedByFinals()
{
    FeedMix mix { 1, 1, 3, 0.1, 0.0, 0.0 };
    QHash<QString, QString> lastStatusByFiller;
    QHash<QString, QByteArray> lastObxByFiller;
    int preliminary = 0;
    int corrected = 0;
    for (const auto& g : generate(13, mix, 3000)) {
        if (g.kind != u"ORU^R01"_s)
            continue;
        const Hl7Message m = *Hl7Message::parse(g.payload).message;
        const QString filler = m.value(u"OBR-3.1"_s);
        QVERIFY(!filler.isEmpty());
        const QString before = lastStatusByFiller.value(filler);
        QByteArray obx;
        for (int i = 1; i <= m.occurrences("OBX"); ++i)
            obx += m.rawValue(u"OBX(%1)-5"_s.arg(i)) + '|' + m.rawValue(u"OBX(%1)-8"_s.arg(i)) + ';';
        if (g.variant == u"P"_s) {
            ++preliminary;
            QVERIFY(before.isEmpty());
        } else if (g.variant == u"C"_s) {
            ++corrected;
            QCOMPARE(before, u"F"_s); // a correction replaces a final result
        } else if (before == u"P"_s) {
            QCOMPARE(obx, lastObxByFiller.value(filler)); // the final confirms the preliminary values
        } else {
            QVERIFY(before.isEmpty());
        }
        lastStatusByFiller.insert(filler, g.variant);
        lastObxByFiller.insert(filler, obx);
    }
    QVERIFY(preliminary > 10);
    QVERIFY(corrected > 5);
}

void tst_SyntheticMessageFactory::clockAndPrefixOptionsAreUsed()
{
    SyntheticFeedOptions options;
    options.controlIdPrefix = u"TESTRUN-"_s;
    options.sendingApplication = u"LABSYS"_s;
    options.clock = [] { return QDateTime(QDate(2031, 3, 4), QTime(5, 6, 7), Qt::UTC); };
    SyntheticMessageFactory factory(1, FeedMix {}, options);
    const auto first = factory.next();
    const auto second = factory.next();
    QCOMPARE(first.controlId, u"TESTRUN-00000001"_s);
    QCOMPARE(second.controlId, u"TESTRUN-00000002"_s);
    const Hl7Message m = *Hl7Message::parse(first.payload).message;
    QCOMPARE(m.value(u"MSH-7"_s), u"20310304050607+0000"_s);
    QCOMPARE(m.sendingApplication(), u"LABSYS"_s);
    QCOMPARE(factory.generatedCount(), quint64(2));
}

void tst_SyntheticMessageFactory::fileSourceSplitsMessages_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QList<QByteArray>>("expected");
    const QByteArray a = "MSH|^~\\&|A|B|C|D|20250101||ADT^A01|1|P|2.5.1\rPID|1||X\r";
    const QByteArray b = "MSH|^~\\&|A|B|C|D|20250101||ADT^A08|2|P|2.5.1\rPID|1||Y\r";
    QTest::addRow("one, CR") << a << QList<QByteArray> { a };
    QByteArray lf = a;
    lf.replace('\r', '\n');
    QTest::addRow("one, LF, no final terminator") << lf.chopped(1) << QList<QByteArray> { a };
    QByteArray crlf = a + "\r" + b;
    crlf.replace("\r", "\r\n");
    QTest::addRow("two, CRLF, blank line") << crlf << QList<QByteArray> { a, b };
    QTest::addRow("two, whitespace line, leading blanks")
        << QByteArray("\n\n" + a + " \t\r" + b + "\n\n") << QList<QByteArray> { a, b };
    QTest::addRow("nothing") << QByteArray("\n \n") << QList<QByteArray> {};
}

void tst_SyntheticMessageFactory::fileSourceSplitsMessages()
{
    QFETCH(QByteArray, content);
    QFETCH(QList<QByteArray>, expected);
    QCOMPARE(FileMessageSource::splitMessages(content), expected);
}

void tst_SyntheticMessageFactory::fileSourceLoadsAndCycles()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(u"two.hl7"_s);
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("MSH|^~\\&|A|B|C|D|20250101||ADT^A01|ONE|P|2.5.1\nPID|1||X\n\n"
               "MSH|^~\\&|A|B|C|D|20250101||ORU^R01|TWO|P|2.5.1\nPID|1||Y\n");
    file.close();

    FileMessageSource source;
    QString error;
    QVERIFY(!source.load({ dir.filePath(u"missing.hl7"_s) }, &error));
    QVERIFY(error.contains(u"missing.hl7"_s));
    QVERIFY2(source.load(
                 { path, QStringLiteral(VIGIL_TEST_DATA_DIR "/hl7/valid/adt_a01_v2.5.1_msft-ADT01-28.hl7") }, &error),
        qPrintable(error));
    QCOMPARE(source.messageCount(), qsizetype(3));
    const auto one = source.next(false);
    QVERIFY(one);
    QCOMPARE(one->controlId, u"ONE"_s);
    QCOMPARE(one->kind, u"ADT^A01"_s);
    QCOMPARE(source.next(false)->kind, u"ORU^R01"_s);
    const auto third = source.next(false);
    QVERIFY(third);
    QCOMPARE(third->kind, u"ADT^A01"_s);
    QVERIFY(!third->controlId.isEmpty());
    QVERIFY(!third->payload.contains('\n'));
    QVERIFY(!source.next(false));
    QCOMPARE(source.next(true)->controlId, u"ONE"_s);
}

QTEST_GUILESS_MAIN(tst_SyntheticMessageFactory)
#include "tst_syntheticmessagefactory.moc"
