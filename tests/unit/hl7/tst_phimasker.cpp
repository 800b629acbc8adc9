// PhiMasker: PHI fields of HL7 v2 messages masked in place, structure and everything else kept.
#include "models/hl7/Hl7Diff.h"
#include "models/hl7/Hl7Escape.h"
#include "models/hl7/Hl7Message.h"
#include "models/hl7/Hl7Path.h"
#include "models/hl7/Hl7Split.h"
#include "models/hl7/PhiMasker.h"

#include <QDir>
#include <QFile>
#include <QSet>
#include <QTest>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace {

QByteArray segments(std::initializer_list<const char*> lines, const char* terminator = "\r")
{
    QByteArray out;
    for (const char* line : lines)
        out += QByteArray(line) + terminator;
    return out;
}

QByteArray readFile(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll();
}

QString corpusDir(const QString& sub)
{
    return QStringLiteral(VIGIL_TEST_DATA_DIR) + u"/hl7/"_s + sub;
}

// (segment ID, field) pairs of the default list; defaults name whole fields only.
QSet<QPair<QByteArray, int>> defaultPhiFields()
{
    QSet<QPair<QByteArray, int>> out;
    for (const QString& path : PhiMasker::defaultFields()) {
        const auto parsed = Hl7Path::parse(path);
        if (parsed)
            out.insert({ parsed->segment, parsed->field });
    }
    return out;
}

bool isMaskedLeaf(QByteArrayView leaf, const Hl7Encoding& encoding)
{
    return Hl7Escape::unescape(leaf, encoding) == PhiMasker::maskText;
}

// The masked field has the original's delimiters in the same places, and each leaf is either the
// original (empty or "") or the mask.
bool sameShapeMasked(QByteArrayView original, QByteArrayView masked, const Hl7Encoding& e, QString* why)
{
    const auto reps = Hl7Split::parts(original, e.repetition);
    const auto maskedReps = Hl7Split::parts(masked, e.repetition);
    if (reps.size() != maskedReps.size())
        return *why = u"repetition count differs"_s, false;
    for (qsizetype r = 0; r < reps.size(); ++r) {
        const auto comps = Hl7Split::parts(reps[r], e.component);
        const auto maskedComps = Hl7Split::parts(maskedReps[r], e.component);
        if (comps.size() != maskedComps.size())
            return *why = u"component count differs"_s, false;
        for (qsizetype c = 0; c < comps.size(); ++c) {
            const auto subs = Hl7Split::parts(comps[c], e.subcomponent);
            const auto maskedSubs = Hl7Split::parts(maskedComps[c], e.subcomponent);
            if (subs.size() != maskedSubs.size())
                return *why = u"subcomponent count differs"_s, false;
            for (qsizetype s = 0; s < subs.size(); ++s) {
                const bool keep = subs[s].isEmpty() || subs[s] == "\"\"";
                if (keep ? maskedSubs[s] != subs[s] : !isMaskedLeaf(maskedSubs[s], e))
                    return *why = u"a leaf is neither kept nor masked"_s, false;
            }
        }
    }
    return true;
}

// The original message's text outside PHI fields: a PHI value that also occurs there (a shared
// code, a repeated date) cannot be expected to vanish from the masked message.
QByteArray nonPhiText(const Hl7Message& message, const QSet<QPair<QByteArray, int>>& phi)
{
    QByteArray out;
    for (int s = 0; s < message.segmentCount(); ++s) {
        const QByteArray id = message.segmentName(s);
        const auto fields = Hl7Split::fields(message.segmentView(s), message.encoding());
        for (int f = 1; f < fields.size(); ++f) {
            if (!phi.contains({ id, f }))
                out += fields[f].toByteArray() + '\n';
        }
    }
    return out;
}

} // namespace

class tst_PhiMasker : public QObject
{
    Q_OBJECT

private slots:
    void defaultFields();
    void validCorpus_data();
    void validCorpus();
    void repetitionsAndSegmentOccurrences();
    void componentAndSubcomponentPaths();
    void emptyAndNullValuesStay();
    void terminatorsAndBomKept();
    void starAsDelimiter();
    void messageWithoutPhi();
    void linesThatAreNoSegments();
    void unparseable_data();
    void unparseable();
    void unparseableCorpus_data();
    void unparseableCorpus();
    void pathValidation_data();
    void pathValidation();
    void invalidPathsAreNotUsed();
    void maskChanges();
};

void tst_PhiMasker::defaultFields()
{
    const QStringList fields = PhiMasker::defaultFields();
    for (const QString& required : { u"PID-3"_s, u"PID-5"_s, u"PID-7"_s, u"PID-11"_s, u"PID-13"_s, u"NK1-2"_s })
        QVERIFY2(fields.contains(required), qPrintable(required));
    QString why;
    QVERIFY2(PhiMasker::validateFieldPaths(fields, &why), qPrintable(why));
    const PhiMasker masker;
    QCOMPARE(masker.fields(), fields);
    QVERIFY(masker.invalidPaths().isEmpty());
}

void tst_PhiMasker::validCorpus_data()
{
    QTest::addColumn<QString>("path");
    const QDir dir(corpusDir(u"valid"_s));
    const QStringList files = dir.entryList({ u"*.hl7"_s }, QDir::Files, QDir::Name);
    QVERIFY2(files.size() >= 90, "the valid corpus is missing");
    for (const QString& file : files)
        QTest::addRow("%s", qPrintable(file)) << dir.filePath(file);
}

void tst_PhiMasker::validCorpus()
{
    QFETCH(QString, path);
    const QByteArray raw = readFile(path);
    const auto original = Hl7Message::parse(raw);
    QVERIFY(original.ok());
    const PhiMasker masker;
    const PhiMasker::Result result = masker.maskWithReport(raw);
    QVERIFY(!result.conservative);
    QCOMPARE(masker.mask(raw), result.masked);
    QCOMPARE(masker.maskedPaths(raw), result.maskedPaths);

    // Re-parses, with the same segments and terminators.
    const auto masked = Hl7Message::parse(result.masked);
    QVERIFY2(masked.ok(), qPrintable(masked.error.message));
    const Hl7Message& before = *original.message;
    const Hl7Message& after = *masked.message;
    QCOMPARE(after.segmentCount(), before.segmentCount());
    QCOMPARE(result.masked.count('\r'), raw.count('\r'));
    QCOMPARE(result.masked.count('\n'), raw.count('\n'));
    QCOMPARE(result.masked.startsWith("\xEF\xBB\xBF"), raw.startsWith("\xEF\xBB\xBF"));
    QCOMPARE(result.maskedPaths.isEmpty(), result.masked == raw);

    // Every non-PHI field byte for byte; every PHI field the same shape with values masked.
    const auto phi = defaultPhiFields();
    const Hl7Encoding& e = before.encoding();
    QSet<QString> changedPaths;
    QHash<QByteArray, int> seen;
    for (int s = 0; s < before.segmentCount(); ++s) {
        const QByteArray id = before.segmentName(s);
        const QByteArrayView segment = before.segmentView(s);
        const bool segmentLike = segment.size() >= 3 && id.at(0) >= 'A' && id.at(0) <= 'Z'
            && std::all_of(
                id.begin(), id.end(), [](char c) { return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); })
            && (segment.size() == 3 || segment.at(3) == e.field);
        if (!segmentLike) {
            // A line broken off a segment (catalyze-orm: a line end inside OBR-17) is masked whole.
            QCOMPARE(after.segmentView(s), QByteArrayView(PhiMasker::maskText));
            changedPaths.insert(u"segment "_s + QString::number(s + 1));
            continue;
        }
        const int occurrence = ++seen[id];
        QCOMPARE(after.segmentName(s), id);
        QCOMPARE(after.fieldCount(s), before.fieldCount(s));
        for (int f = 1; f <= before.fieldCount(s); ++f) {
            const QByteArray from = before.rawField(s, f);
            const QByteArray to = after.rawField(s, f);
            const QString where
                = QString::fromLatin1(id) + u'(' + QString::number(occurrence) + u")-"_s + QString::number(f);
            if (!phi.contains({ id, f })) {
                QVERIFY2(to == from, qPrintable(where));
                continue;
            }
            QString why;
            QVERIFY2(sameShapeMasked(from, to, e, &why), qPrintable(where + u": "_s + why));
            if (to != from)
                changedPaths.insert(QString::fromLatin1(id)
                    + (occurrence > 1 ? u'(' + QString::number(occurrence) + u')' : QString()) + u'-'
                    + QString::number(f));
        }
    }
    QCOMPARE(QSet<QString>(result.maskedPaths.cbegin(), result.maskedPaths.cend()), changedPaths);

    // None of the patient's name, identifiers or birth date survives.
    const QByteArray elsewhere = nonPhiText(before, phi);
    for (int occurrence = 1; occurrence <= before.occurrences("PID"); ++occurrence) {
        const QString pid = u"PID("_s + QString::number(occurrence) + u")-"_s;
        for (const int field : { 3, 5, 7 }) {
            const QByteArray whole = before.rawField(before.findSegment("PID", occurrence), field);
            for (const QByteArrayView rep : Hl7Split::parts(whole, e.repetition)) {
                if (rep.size() >= 3 && rep != "\"\"" && !elsewhere.contains(rep))
                    QVERIFY2(!result.masked.contains(rep), qPrintable(pid + QString::number(field)));
                for (const QByteArrayView component : Hl7Split::parts(rep, e.component)) {
                    for (const QByteArrayView leaf : Hl7Split::parts(component, e.subcomponent)) {
                        if (leaf.size() >= 4 && !elsewhere.contains(leaf))
                            QVERIFY2(!result.masked.contains(leaf), qPrintable(pid + QString::number(field)));
                    }
                }
            }
        }
    }

    // Masking masked bytes changes nothing more.
    QCOMPARE(masker.mask(result.masked), result.masked);
}

void tst_PhiMasker::repetitionsAndSegmentOccurrences()
{
    const QByteArray raw = segments({
        R"(MSH|^~\&|ADT1|HOSP|EHR|HOSP|20240101120000||ADT^A01^ADT_A01|C1|P|2.5.1)",
        R"(PID|1||12345^^^HOSP&1.2.3&ISO^MR~98765^^^SSA^SS||EVERYMAN^ADAM^A~ADAMS^ADAM||19610615|M)",
        R"(NK1|1|NUCLEAR^NELDA^W|SPO^SPOUSE|2222 HOME ST^^GREENSBORO^NC|(555)555-2004)",
        R"(NK1|2|NUCLEAR^NED|FTH^FATHER)",
        R"(NK1|3||MTH^MOTHER)",
        R"(OBX|1|ST|NAME^Note||EVERYMAN is fine||||||F)",
    });
    const PhiMasker masker;
    const PhiMasker::Result result = masker.maskWithReport(raw);
    QCOMPARE(result.masked,
        segments({
            R"(MSH|^~\&|ADT1|HOSP|EHR|HOSP|20240101120000||ADT^A01^ADT_A01|C1|P|2.5.1)",
            R"(PID|1||***^^^***&***&***^***~***^^^***^***||***^***^***~***^***||***|M)",
            R"(NK1|1|***^***^***|SPO^SPOUSE|***^^***^***|***)",
            R"(NK1|2|***^***|FTH^FATHER)",
            R"(NK1|3||MTH^MOTHER)",
            R"(OBX|1|ST|NAME^Note||EVERYMAN is fine||||||F)",
        }));
    QCOMPARE(result.maskedPaths,
        (QStringList { u"PID-3"_s, u"PID-5"_s, u"PID-7"_s, u"NK1-2"_s, u"NK1-4"_s, u"NK1-5"_s, u"NK1(2)-2"_s }));
    const auto reparsed = Hl7Message::parse(result.masked);
    QVERIFY(reparsed.ok());
    QCOMPARE(reparsed.message->repetitionCount(u"PID-3"), 2);
    QCOMPARE(reparsed.message->value(u"PID-3(2).5"), u"***"_s);
    QCOMPARE(reparsed.message->value(u"NK1(2)-3.2"), u"FATHER"_s);
}

void tst_PhiMasker::componentAndSubcomponentPaths()
{
    const QByteArray raw = segments({
        R"(MSH|^~\&|A|B|C|D|20240101||ADT^A08|C2|P|2.5)",
        R"(PID|1||123^^^HOSP&1.2&ISO^MR||DOE^JOHN||||||1 MAIN ST^^TOWN^ST^12345~2 SIDE RD^^CITY)",
    });
    const PhiMasker masker({ u"PID-11.1"_s, u"PID-3.4.2"_s });
    const PhiMasker::Result result = masker.maskWithReport(raw);
    QCOMPARE(result.masked,
        segments({
            R"(MSH|^~\&|A|B|C|D|20240101||ADT^A08|C2|P|2.5)",
            R"(PID|1||123^^^HOSP&***&ISO^MR||DOE^JOHN||||||***^^TOWN^ST^12345~***^^CITY)",
        }));
    QCOMPARE(result.maskedPaths, (QStringList { u"PID-11.1"_s, u"PID-3.4.2"_s }));
}

void tst_PhiMasker::emptyAndNullValuesStay()
{
    const QByteArray raw = segments({
        R"(MSH|^~\&|A|B|C|D|20240101||ADT^A08|C3|P|2.5)",
        R"(PID|1||""||^^^^||"")",
    });
    const PhiMasker::Result result = PhiMasker().maskWithReport(raw);
    QCOMPARE(result.masked, raw);
    QVERIFY(result.maskedPaths.isEmpty());
}

void tst_PhiMasker::terminatorsAndBomKept()
{
    const QByteArray raw = "\xEF\xBB\xBF"
                           "MSH|^~\\&|A|B|C|D|20240101||ADT^A08|C4|P|2.5\r\n"
                           "PID|1||555^^^H^MR||ROE^RICHARD\r\n"
                           "\r\n"
                           "PV1|1|I\r\n"_ba;
    const QByteArray expected = "\xEF\xBB\xBF"
                                "MSH|^~\\&|A|B|C|D|20240101||ADT^A08|C4|P|2.5\r\n"
                                "PID|1||***^^^***^***||***^***\r\n"
                                "\r\n"
                                "PV1|1|I\r\n"_ba;
    QCOMPARE(PhiMasker().mask(raw), expected);
}

void tst_PhiMasker::starAsDelimiter()
{
    // '*' is the component separator here (corpus: the Wikipedia example with other delimiters):
    // a plain "***" would add components, so the mask is written escaped and reads back as "***".
    const QByteArray raw = readFile(corpusDir(u"valid/adt_a01_v2.5_elixir-wikipedia-alt-delims.hl7"_s));
    const auto original = Hl7Message::parse(raw);
    QVERIFY(original.ok());
    QCOMPARE(original.message->encoding().component, '*');
    const QByteArray masked = PhiMasker().mask(raw);
    const auto parsed = Hl7Message::parse(masked);
    QVERIFY(parsed.ok());
    QCOMPARE(parsed.message->value(u"PID-5.1"), u"***"_s);
    QCOMPARE(parsed.message->value(u"PID-5.2"), u"***"_s);
    QCOMPARE(Hl7Split::parts(parsed.message->rawValue(u"PID-5"), '*').size(),
        Hl7Split::parts(original.message->rawValue(u"PID-5"), '*').size());
    QVERIFY(!masked.contains("KLEINSAMPLE"));

    // No escape character and '*' a delimiter: nothing can write "***" safely.
    const QByteArray bare = segments({ "MSH|*~|A|B|C|D|20240101||ADT*A08|C5|P|2.5", "PID|1||77*X||DOE*JANE" });
    QCOMPARE(
        PhiMasker().mask(bare), segments({ "MSH|*~|A|B|C|D|20240101||ADT*A08|C5|P|2.5", "PID|1||XXX*XXX||XXX*XXX" }));
}

void tst_PhiMasker::messageWithoutPhi()
{
    const QByteArray raw = readFile(corpusDir(u"valid/ack_v2.5.1_derived-AE-with-ERR.hl7"_s));
    QVERIFY(!raw.isEmpty());
    const PhiMasker::Result result = PhiMasker().maskWithReport(raw);
    QCOMPARE(result.masked, raw);
    QVERIFY(result.maskedPaths.isEmpty());
    QVERIFY(!result.conservative);
}

void tst_PhiMasker::linesThatAreNoSegments()
{
    const QByteArray raw = segments({
        R"(MSH|^~\&|A|B|C|D|20240101||ADT^A08|C8|P|2.5)",
        "PID|1||4711^^^H^MR||DOE^",
        "JOHN^Q|19700101|M",
        "free text about Mrs Roe",
        "PIDX|1||4712",
        "PV1|1|I",
    });
    const PhiMasker::Result result = PhiMasker().maskWithReport(raw);
    QVERIFY(!result.conservative);
    QCOMPARE(result.masked,
        segments({
            R"(MSH|^~\&|A|B|C|D|20240101||ADT^A08|C8|P|2.5)",
            "PID|1||***^^^***^***||***^",
            "***",
            "***",
            "***",
            "PV1|1|I",
        }));
    QCOMPARE(
        result.maskedPaths, (QStringList { u"PID-3"_s, u"PID-5"_s, u"segment 3"_s, u"segment 4"_s, u"segment 5"_s }));
}

void tst_PhiMasker::unparseable_data()
{
    QTest::addColumn<QByteArray>("raw");
    QTest::addColumn<QByteArray>("expected");
    QTest::addColumn<QStringList>("paths");
    QTest::addRow("no MSH") << "PID|1||12345^^^H^MR||DOE^JOHN\rPV1|1|I\r"_ba
                            << "PID|***\rPV1|***\r"_ba << QStringList { u"PID"_s, u"PV1"_s };
    QTest::addRow("batch header")
        << "BHS|^~\\&|LAB\nMSH|^~\\&|LAB|H|EHR|H|2024||ORU^R01|1|P|2.5\nPID|1||9^^^H||ROE\nPID|2||8\nBTS|1\n"_ba
        << "BHS|***\nMSH|^~\\&|LAB|H|EHR|H|2024||ORU^R01|1|P|2.5\nPID|***\nPID|***\nBTS|***\n"_ba
        << QStringList { u"BHS"_s, u"PID"_s, u"PID(2)"_s, u"BTS"_s };
    QTest::addRow("bad MSH-2") << "MSH|^^|A|B\r\nPID|1||X123||DOE\r\n"_ba
                               << "MSH|^^|A|B\r\nPID|***\r\n"_ba << QStringList { u"PID"_s };
    QTest::addRow("free text") << "hello Mr Doe\r\nZZ\r"_ba
                               << "***\r\n***\r"_ba << QStringList { u"line 1"_s, u"line 2"_s };
    QTest::addRow("segment id only") << "EVN\rNTE 1 DOE\r"_ba
                                     << "EVN\rNTE***\r"_ba << QStringList { u"NTE"_s };
    QTest::addRow("empty") << QByteArray() << QByteArray() << QStringList();
}

void tst_PhiMasker::unparseable()
{
    QFETCH(QByteArray, raw);
    QFETCH(QByteArray, expected);
    QFETCH(QStringList, paths);
    QVERIFY(!Hl7Message::parse(raw).ok());
    const PhiMasker::Result result = PhiMasker().maskWithReport(raw);
    QVERIFY(result.conservative);
    QCOMPARE(result.masked, expected);
    QCOMPARE(result.maskedPaths, paths);
}

void tst_PhiMasker::unparseableCorpus_data()
{
    QTest::addColumn<QString>("path");
    const QDir dir(corpusDir(u"malformed"_s));
    int count = 0;
    for (const QString& file : dir.entryList({ u"*.hl7"_s }, QDir::Files, QDir::Name)) {
        if (Hl7Message::parse(readFile(dir.filePath(file))).ok())
            continue;
        QTest::addRow("%s", qPrintable(file)) << dir.filePath(file);
        ++count;
    }
    QVERIFY(count >= 5);
}

void tst_PhiMasker::unparseableCorpus()
{
    QFETCH(QString, path);
    const QByteArray raw = readFile(path);
    const PhiMasker::Result result = PhiMasker().maskWithReport(raw);
    QVERIFY(result.conservative);
    QCOMPARE(result.masked.count('\r'), raw.count('\r'));
    QCOMPARE(result.masked.count('\n'), raw.count('\n'));
    QByteArray body = raw;
    QByteArray masked = result.masked;
    const QList<QByteArray> lines = body.replace('\n', '\r').split('\r');
    const QList<QByteArray> maskedLines = masked.replace('\n', '\r').split('\r');
    QCOMPARE(maskedLines.size(), lines.size());
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const QByteArray& line = lines[i];
        const QByteArray& out = maskedLines[i];
        const bool segmentIdOnly = line.size() == 3 && line.at(0) >= 'A' && line.at(0) <= 'Z';
        if (line.isEmpty() || line.startsWith("MSH") || (i == 0 && line.startsWith("\xEF\xBB\xBFMSH"))
            || segmentIdOnly) {
            QCOMPARE(out, line);
            continue;
        }
        // Only a segment ID and its separator survive.
        QVERIFY2(out.endsWith(PhiMasker::maskText), qPrintable(QString::number(i)));
        QVERIFY(out.size() <= 3 + 1 + 3 + (i == 0 ? 3 : 0));
    }
}

void tst_PhiMasker::pathValidation_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<bool>("valid");
    QTest::addRow("field") << u"PID-5"_s << true;
    QTest::addRow("component") << u"PID-11.1"_s << true;
    QTest::addRow("subcomponent") << u"PID-3.4.2"_s << true;
    QTest::addRow("next of kin") << u"NK1-2"_s << true;
    QTest::addRow("z-segment") << u"ZPI-3"_s << true;
    QTest::addRow("header field") << u"MSH-3"_s << true;
    QTest::addRow("no field") << u"PID"_s << false;
    QTest::addRow("lower case") << u"pid-5"_s << false;
    QTest::addRow("occurrence") << u"PID(2)-5"_s << false;
    QTest::addRow("first occurrence") << u"NK1(1)-2"_s << false;
    QTest::addRow("repetition") << u"PID-3(1)"_s << false;
    QTest::addRow("field separator") << u"MSH-1"_s << false;
    QTest::addRow("encoding characters") << u"MSH-2"_s << false;
    QTest::addRow("batch encoding characters") << u"BHS-2"_s << false;
    QTest::addRow("field zero") << u"PID-0"_s << false;
    QTest::addRow("component zero") << u"PID-5.0"_s << false;
    QTest::addRow("trailing space") << u"PID-5 "_s << false;
    QTest::addRow("empty") << QString() << false;
}

void tst_PhiMasker::pathValidation()
{
    QFETCH(QString, path);
    QFETCH(bool, valid);
    QString why;
    QCOMPARE(PhiMasker::validateFieldPath(path, &why), valid);
    if (!valid) {
        QVERIFY(why.contains(u'"' + path + u'"'));
        QString listWhy;
        QVERIFY(!PhiMasker::validateFieldPaths({ u"PID-5"_s, path }, &listWhy));
        QCOMPARE(listWhy, why);
    }
}

void tst_PhiMasker::invalidPathsAreNotUsed()
{
    const PhiMasker masker({ u"PID-5"_s, u"MSH-2"_s, u"PID(2)-3"_s, u"PID-5"_s });
    QCOMPARE(masker.fields(), QStringList { u"PID-5"_s });
    QCOMPARE(masker.invalidPaths(), (QStringList { u"MSH-2"_s, u"PID(2)-3"_s }));
    const QByteArray raw
        = segments({ R"(MSH|^~\&|A|B|C|D|20240101||ADT^A08|C6|P|2.5)", "PID|1||77||DOE^JANE", "PID|2||88" });
    QCOMPARE(masker.mask(raw),
        segments({ R"(MSH|^~\&|A|B|C|D|20240101||ADT^A08|C6|P|2.5)", "PID|1||77||***^***", "PID|2||88" }));
}

void tst_PhiMasker::maskChanges()
{
    const QByteArray beforeRaw = segments({
        R"(MSH|^~\&|LAB|H|EHR|H|20240101||ORU^R01|C7|P|2.5.1)",
        "PID|1||12345^^^H^MR~555^^^SSA||DOE^JOHN||19700101",
        "OBX|1|NM|GLU||182|mg/dl",
    });
    const auto before = Hl7Message::parse(beforeRaw);
    QVERIFY(before.ok());
    Hl7Message after = *before.message;
    QVERIFY(after.setValue(u"PID-5.2", u"JANE"_s));
    QVERIFY(after.setValue(u"PID-3(2).1", u"556"_s));
    QVERIFY(after.setValue(u"OBX-5", u"181"_s));
    QVERIFY(after.setValue(u"NK1-2", u"DOE^JIM"_s)); // escaped: one component
    QVERIFY(after.setValue(u"NK1-3", u"BRO"_s));

    const QList<Hl7Diff::FieldChange> changes = Hl7Diff::diff(*before.message, after);
    QCOMPARE(changes.size(), 4);
    QVERIFY(changes.constLast().after.contains(u"JIM"_s));
    const QList<Hl7Diff::FieldChange> masked
        = PhiMasker().maskChanges(changes, before.message->encoding(), after.encoding());
    QCOMPARE(masked.size(), changes.size());
    QCOMPARE(masked[0].path, u"PID-3(2)"_s);
    QCOMPARE(masked[0].before, u"***^^^***"_s);
    QCOMPARE(masked[0].after, u"***^^^***"_s);
    QCOMPARE(masked[1].path, u"PID-5"_s);
    QCOMPARE(masked[1].before, u"***^***"_s);
    QCOMPARE(masked[1].after, u"***^***"_s);
    QCOMPARE(masked[2], changes[2]); // OBX-5 is no PHI
    QCOMPARE(masked[3].path, u"NK1"_s);
    QCOMPARE(masked[3].kind, Hl7Diff::Kind::Added);
    QCOMPARE(masked[3].after, u"NK1||***|BRO"_s);

    // A line that is no segment cannot be attributed to a field: masked whole.
    const Hl7Message broken = *Hl7Message::parse(beforeRaw + "ROE^JANE|1970\r").message;
    const QList<Hl7Diff::FieldChange> brokenChanges = Hl7Diff::diff(*before.message, broken);
    QCOMPARE(brokenChanges.size(), 1);
    QCOMPARE(brokenChanges[0].after, u"ROE^JANE|1970"_s);
    const QList<Hl7Diff::FieldChange> brokenMasked
        = PhiMasker().maskChanges(brokenChanges, before.message->encoding(), broken.encoding());
    QCOMPARE(brokenMasked[0].after, u"***"_s);
    QCOMPARE(brokenMasked[0].path, brokenChanges[0].path);
}

QTEST_GUILESS_MAIN(tst_PhiMasker)
#include "tst_phimasker.moc"
