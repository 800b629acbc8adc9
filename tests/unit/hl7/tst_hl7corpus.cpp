// The public sample corpus (tests/data/hl7, see SOURCES.md there): every valid file parses,
// validates clean with default options, round-trips and gets an AA; every malformed file gets the
// outcome decided for it in the table below.
#include "models/hl7/Hl7Ack.h"
#include "models/hl7/Hl7Message.h"
#include "models/hl7/Hl7Validator.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QSet>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

QString corpusDir(const QString& sub)
{
    return QStringLiteral(VIGIL_TEST_DATA_DIR) + u"/hl7/"_s + sub;
}

QByteArray readFile(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll();
}

// What a serializer must produce: segments split on CR, LF or CRLF, blank lines and a leading BOM
// dropped, joined with CR, followed by one CR per line end after the last segment.
QByteArray normalized(QByteArray raw)
{
    if (raw.startsWith("\xEF\xBB\xBF"))
        raw.remove(0, 3);
    raw.replace("\r\n", "\r").replace('\n', '\r');
    qsizetype trailing = 0;
    while (trailing < raw.size() && raw[raw.size() - 1 - trailing] == '\r')
        ++trailing;
    QList<QByteArray> segments;
    for (const QByteArray& line : raw.split('\r')) {
        if (!line.isEmpty())
            segments.append(line);
    }
    return segments.join('\r') + QByteArray(trailing, '\r');
}

QString describe(const QList<Hl7Error>& errors)
{
    QStringList lines;
    for (const Hl7Error& e : errors)
        lines << QString::number(int(e.code)) + u' ' + e.location.toString() + u' ' + e.message;
    return lines.join(u"; ");
}

enum class Outcome { ParseFails, Rejected, Accepted };

// One deliberate decision per malformed file (SOURCES.md: "what matters is a deliberate, tested
// decision"). The code is the parse error's, or one that validation must report.
struct MalformedCase
{
    const char* file;
    Outcome outcome;
    Hl7ErrorCode code;
};

const MalformedCase malformedCases[] = {
    // No usable MSH: the parse fails (SOURCES.md: never AA).
    {"adt_a01_derived-lowercase-msh.hl7", Outcome::ParseFails, Hl7ErrorCode::SegmentSequenceError},
    {"adt_a01_derived-msh-field-sep-mismatch.hl7", Outcome::ParseFails, Hl7ErrorCode::DataTypeError},
    {"adt_a01_hl7apy-invalid-encoding-chars.hl7", Outcome::ParseFails, Hl7ErrorCode::DataTypeError},
    {"batch_bhs_no_msh_pyhl7-sample_bad_batch.hl7", Outcome::ParseFails, Hl7ErrorCode::SegmentSequenceError},
    {"binary_garbage_derived.bin.hl7", Outcome::ParseFails, Hl7ErrorCode::SegmentSequenceError},
    {"empty_ti-empty.hl7", Outcome::ParseFails, Hl7ErrorCode::SegmentSequenceError},
    {"msh_only_separator_ti.hl7", Outcome::ParseFails, Hl7ErrorCode::RequiredFieldMissing},
    {"no_msh_derived-starts-with-EVN.hl7", Outcome::ParseFails, Hl7ErrorCode::SegmentSequenceError},
    {"no_msh_hl7apy-pid-header.hl7", Outcome::ParseFails, Hl7ErrorCode::SegmentSequenceError},
    {"whitespace_only_derived.hl7", Outcome::ParseFails, Hl7ErrorCode::SegmentSequenceError},
    // MSH readable, header incomplete: validation fails (the node NAKs with ERR 101).
    {"adt_a01_derived-truncated-inside-msh.hl7", Outcome::Rejected, Hl7ErrorCode::RequiredFieldMissing},
    {"oml_o21_hapi-example-11-empty-msh7-msh10.hl7", Outcome::Rejected, Hl7ErrorCode::RequiredFieldMissing},
    {"orm_o01_ti-missing-msh10.hl7", Outcome::Rejected, Hl7ErrorCode::RequiredFieldMissing},
    {"orm_o01_ti-missing-msh9.hl7", Outcome::Rejected, Hl7ErrorCode::RequiredFieldMissing},
    {"mdm_t04_wrapped-msh10-line-break.hl7", Outcome::Rejected, Hl7ErrorCode::RequiredFieldMissing},
    // Body segments written with another separator ('!'): not segments of this message.
    {"adt_a01_derived-wrong-field-separator.hl7", Outcome::Rejected, Hl7ErrorCode::SegmentSequenceError},
    // <FS><CR> inside PID splits it; the remainder is no segment, and VT is a control byte.
    {"adt_a01_derived-embedded-mllp-control-chars.hl7", Outcome::Rejected, Hl7ErrorCode::SegmentSequenceError},

    // [lenient] files: our decisions.
    // Free-text line between segments: rejected, a receiver cannot know what was lost.
    {"adt_a01_derived-garbage-segments.hl7", Outcome::Rejected, Hl7ErrorCode::SegmentSequenceError},
    // Mixed CR/LF/CRLF and a blank line: accepted, terminators are normalized and blank lines
    // dropped (the data is intact).
    {"adt_a01_derived-mixed-terminators-blank-line.hl7", Outcome::Accepted, Hl7ErrorCode::Accepted},
    // NUL bytes in a field: rejected (102), they break C-string consumers downstream.
    {"adt_a01_derived-nul-bytes.hl7", Outcome::Rejected, Hl7ErrorCode::DataTypeError},
    // MSH-2 "^~\\&" makes escape and subcomponent the same character: ambiguous, parse fails.
    {"adt_a01_l4h-sample_unix-doubled-backslash-msh2.hl7", Outcome::ParseFails, Hl7ErrorCode::DataTypeError},
    {"adt_a01_l4h-sample_win-doubled-backslash-msh2-crlf.hl7", Outcome::ParseFails, Hl7ErrorCode::DataTypeError},
    // UTF-8 BOM before MSH: accepted, the BOM is a transport artefact.
    {"adt_a01_msft-ADT01-23-with-BOM.hl7", Outcome::Accepted, Hl7ErrorCode::Accepted},
    // MSH-2 with three characters: allowed by the standard (later ones may be omitted).
    {"bar_p01_hapi-messages-3-encoding-chars.hl7", Outcome::Accepted, Hl7ErrorCode::Accepted},
    // Batch envelopes: rejected; batches are split before parsing, not guessed at here.
    {"batch_bhs_pyhl7-sample_batch.hl7", Outcome::ParseFails, Hl7ErrorCode::SegmentSequenceError},
    {"batch_fhs_ti-AL-005-oru.hl7", Outcome::ParseFails, Hl7ErrorCode::SegmentSequenceError},
    // Two messages in one frame: rejected at the second MSH.
    {"dft_p03_mieweb-two-messages-in-one.hl7", Outcome::Rejected, Hl7ErrorCode::SegmentSequenceError},
    // Latin-1 bytes while MSH-18 says UTF-8: rejected (102) rather than silently mis-decoded.
    {"oml_o21_derived-latin1-bytes-declared-utf8.hl7", Outcome::Rejected, Hl7ErrorCode::DataTypeError},
    // MSH-2 empty: the delimiters are never assumed, so the parse fails.
    {"orm_o01_ti-missing-msh2.hl7", Outcome::ParseFails, Hl7ErrorCode::RequiredFieldMissing},
    // Truncated inside an OBX field: HL7 v2 carries no length, and the cut leaves a structurally
    // valid message (the corpus has valid messages whose last OBX stops at OBX-3). Truncation is a
    // framing fault: MLLP's end-of-block (FS CR) is what detects it. Accepted by the codec.
    {"oru_r01_derived-truncated-mid-segment.hl7", Outcome::Accepted, Hl7ErrorCode::Accepted},
};

} // namespace

class tst_Hl7Corpus : public QObject
{
    Q_OBJECT

private slots:
    void validFiles_data();
    void validFiles();
    void malformedFiles_data();
    void malformedFiles();
    void malformedTableCoversDirectory();
};

void tst_Hl7Corpus::validFiles_data()
{
    QTest::addColumn<QString>("path");
    const QDir dir(corpusDir(u"valid"_s));
    const QStringList files = dir.entryList({u"*.hl7"_s}, QDir::Files, QDir::Name);
    QVERIFY2(files.size() >= 90, "the valid corpus is missing");
    for (const QString& file : files)
        QTest::addRow("%s", qPrintable(file)) << dir.filePath(file);
}

void tst_Hl7Corpus::validFiles()
{
    QFETCH(QString, path);
    const QByteArray raw = readFile(path);
    QVERIFY(!raw.isEmpty());
    const auto result = Hl7Message::parse(raw);
    QVERIFY2(result.ok(), qPrintable(result.error.message));
    const Hl7Message& message = *result.message;

    const QList<Hl7Error> errors = Hl7Validator::validate(message);
    QVERIFY2(errors.isEmpty(), qPrintable(describe(errors)));

    // The header as a receiver needs it.
    QVERIFY(!message.messageType().isEmpty());
    QVERIFY(!message.controlId().isEmpty());
    QVERIFY(!message.version().isEmpty());
    QCOMPARE(message.segmentName(0), "MSH"_ba);

    // Round trip: byte for byte for canonical (CR) input, terminator-normalized otherwise.
    const QByteArray serialized = message.serialize();
    QCOMPARE(serialized, normalized(raw));
    if (!raw.contains('\n'))
        QCOMPARE(serialized, raw);
    const auto again = Hl7Message::parse(serialized);
    QVERIFY(again.ok());
    QCOMPARE(again.message->segmentCount(), message.segmentCount());
    for (int s = 0; s < message.segmentCount(); ++s) {
        QCOMPARE(again.message->fieldCount(s), message.fieldCount(s));
        for (int f = 1; f <= message.fieldCount(s); ++f)
            QCOMPARE(again.message->rawField(s, f), message.rawField(s, f));
    }

    // A receiver answers AA, echoing MSH-10 in MSA-2.
    Hl7Ack::Options options;
    options.controlId = u"ACK-1"_s;
    const QByteArray ack = Hl7Ack::build(message, Hl7AckCode::AA, {}, options);
    const Hl7Ack::Parsed parsed = Hl7Ack::parse(ack);
    QVERIFY(parsed.valid);
    QCOMPARE(parsed.code, u"AA"_s);
    QCOMPARE(parsed.controlId, message.controlId());
    const auto ackMessage = Hl7Message::parse(ack);
    QVERIFY(ackMessage.ok());
    QVERIFY2(Hl7Validator::validate(*ackMessage.message).isEmpty(),
             qPrintable(describe(Hl7Validator::validate(*ackMessage.message))));
}

void tst_Hl7Corpus::malformedFiles_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<int>("outcomeValue");
    QTest::addColumn<int>("code");
    const QDir dir(corpusDir(u"malformed"_s));
    for (const MalformedCase& c : malformedCases)
        QTest::addRow("%s", c.file) << dir.filePath(QString::fromLatin1(c.file)) << int(c.outcome) << int(c.code);
}

void tst_Hl7Corpus::malformedFiles()
{
    QFETCH(QString, path);
    QFETCH(int, outcomeValue);
    const auto outcome = Outcome(outcomeValue);
    QFETCH(int, code);
    QVERIFY(QFile::exists(path));
    const QByteArray raw = readFile(path);
    const auto result = Hl7Message::parse(raw);
    if (outcome == Outcome::ParseFails) {
        QVERIFY2(!result.ok(), "parsed although it has no usable MSH");
        QCOMPARE(int(result.error.code), code);
        QVERIFY(!result.error.message.isEmpty());
        return;
    }
    QVERIFY2(result.ok(), qPrintable(result.error.message));
    const QList<Hl7Error> errors = Hl7Validator::validate(*result.message);
    if (outcome == Outcome::Accepted) {
        QVERIFY2(errors.isEmpty(), qPrintable(describe(errors)));
        return;
    }
    QVERIFY2(!errors.isEmpty(), "validated clean");
    bool found = false;
    for (const Hl7Error& e : errors)
        found = found || int(e.code) == code;
    QVERIFY2(found, qPrintable(describe(errors)));
    // The NAK that goes back: AE with one ERR per error.
    Hl7Ack::Options options;
    options.controlId = u"NAK-1"_s;
    const QByteArray nak = Hl7Ack::build(*result.message, Hl7AckCode::AE, errors, options);
    const auto parsedNak = Hl7Message::parse(nak);
    QVERIFY(parsedNak.ok());
    QCOMPARE(parsedNak.message->occurrences("ERR"), errors.size());
    QCOMPARE(Hl7Ack::parse(nak).code, u"AE"_s);
}

void tst_Hl7Corpus::malformedTableCoversDirectory()
{
    // A new file in malformed/ needs a decision in the table.
    QSet<QString> decided;
    for (const MalformedCase& c : malformedCases)
        decided.insert(QString::fromLatin1(c.file));
    const QDir dir(corpusDir(u"malformed"_s));
    const QStringList files = dir.entryList({u"*.hl7"_s}, QDir::Files);
    QCOMPARE(QSet<QString>(files.begin(), files.end()), decided);
}

QTEST_GUILESS_MAIN(tst_Hl7Corpus)
#include "tst_hl7corpus.moc"
