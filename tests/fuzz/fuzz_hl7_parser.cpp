// libFuzzer target for the HL7 v2 codec: parse arbitrary bytes, read every field path of every
// segment, serialize, validate, build an ACK (or a NAK from the raw header), edit a field.
// Invariants checked on every input:
//  - serialize() parses again to the same segments and fields;
//  - an ACK always parses, is an ACK, and echoes MSH-10 in MSA-2 byte for byte;
//  - unescape(escape(x)) == x, and setValue(path, text) reads back as text;
//  - a NAK built from the raw header parses whenever one is built.
#include "models/hl7/Hl7Ack.h"
#include "models/hl7/Hl7Escape.h"
#include "models/hl7/Hl7Message.h"
#include "models/hl7/Hl7Path.h"
#include "models/hl7/Hl7Validator.h"

#include <QHash>
#include <QTimeZone>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

namespace {

// Reading paths costs a scan of the segment each; these bounds keep one input well under a
// millisecond (a path read is about a microsecond) without hiding any code path (later fields and elements go through the same code).
constexpr int maxFieldsPerSegment = 40;
constexpr int maxRepetitions = 2;
constexpr int maxComponents = 6;
constexpr int maxSubcomponents = 3;
constexpr int maxPathReads = 600;

[[noreturn]] void violated(const char* what)
{
    std::fprintf(stderr, "invariant violated: %s\n", what);
    std::abort();
}

Hl7Ack::Options ackOptions()
{
    Hl7Ack::Options options;
    options.controlId = QStringLiteral("FUZZ-1");
    options.timestamp = QDateTime(QDate(2024, 1, 1), QTime(0, 0), QTimeZone::utc());
    options.text = QStringLiteral("fuzz | ^ ~ \\ &");
    return options;
}

int countOf(QByteArrayView bytes, char c)
{
    return c == 0 ? 0 : int(std::count(bytes.begin(), bytes.end(), c));
}

bool isPathName(const QByteArray& name)
{
    if (name.size() != 3)
        return false;
    for (const char c : name) {
        if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')))
            return false;
    }
    return true;
}

void readEverything(const Hl7Message& message)
{
    const Hl7Encoding& encoding = message.encoding();
    QHash<QByteArray, int> seen;
    int reads = 0;
    qsizetype sink = 0;
    for (int s = 0; s < message.segmentCount() && reads < maxPathReads; ++s) {
        const QByteArray name = message.segmentName(s);
        const int occurrence = ++seen[name];
        const int fields = std::min(message.fieldCount(s), maxFieldsPerSegment);
        for (int f = 1; f <= fields; ++f)
            sink += message.rawField(s, f).size();
        if (!isPathName(name))
            continue;
        const QString prefix = QString::fromLatin1(name) + u'(' + QString::number(occurrence) + u")-";
        for (int f = 1; f <= fields && reads < maxPathReads; ++f) {
            const QString fieldPath = prefix + QString::number(f);
            const int repetitions = std::min(message.repetitionCount(fieldPath), maxRepetitions);
            sink += message.value(fieldPath).size();
            ++reads;
            for (int r = 1; r <= repetitions; ++r) {
                const QString repPath = fieldPath + u'(' + QString::number(r) + u')';
                const QByteArray rep = message.rawValue(repPath);
                const int components = std::min(countOf(rep, encoding.component) + 1, maxComponents);
                for (int c = 1; c <= components; ++c) {
                    const QString compPath = repPath + u'.' + QString::number(c);
                    const QByteArray comp = message.rawValue(compPath);
                    sink += message.value(compPath).size();
                    const int subs = std::min(countOf(comp, encoding.subcomponent) + 1, maxSubcomponents);
                    for (int sub = 1; sub <= subs; ++sub)
                        sink += message.value(QString(compPath + u'.' + QString::number(sub))).size();
                    reads += 1 + subs;
                }
            }
        }
    }
    sink += message.messageType().size() + message.triggerEvent().size() + message.messageStructure().size()
        + message.controlId().size() + message.processingId().size() + message.version().size()
        + message.sendingApplication().size() + message.sendingFacility().size()
        + message.receivingApplication().size() + message.receivingFacility().size()
        + message.acceptAckType().size() + message.applicationAckType().size() + message.characterSet().size()
        + message.enhancedAckMode();
    if (sink < 0)
        violated("negative size");
}

void checkRoundTrip(const Hl7Message& message)
{
    const auto again = Hl7Message::parse(message.serialize());
    if (!again.ok())
        violated("serialize() output does not parse");
    const Hl7Message& copy = *again.message;
    if (copy.segmentCount() != message.segmentCount())
        violated("round trip changed the segment count");
    for (int s = 0; s < message.segmentCount(); ++s) {
        if (copy.segmentView(s) != message.segmentView(s))
            violated("round trip changed a segment");
    }
    if (copy.serialize() != message.serialize())
        violated("serialize() is not idempotent");
}

void checkAck(const Hl7Message& message, const QList<Hl7Error>& errors)
{
    const Hl7AckCode code = errors.isEmpty() ? Hl7AckCode::AA : Hl7AckCode::AE;
    const QByteArray ack = Hl7Ack::build(message, code, errors, ackOptions());
    const auto parsedAck = Hl7Message::parse(ack);
    if (!parsedAck.ok())
        violated("ACK does not parse");
    const int msa = parsedAck.message->findSegment("MSA");
    if (msa != 1)
        violated("ACK has no MSA after MSH");
    if (parsedAck.message->rawField(msa, 2) != message.rawField(0, 10))
        violated("MSA-2 differs from MSH-10");
    if (parsedAck.message->occurrences("ERR") != errors.size())
        violated("not one ERR per error");
    const Hl7Ack::Parsed read = Hl7Ack::parse(ack);
    if (!read.valid || read.code != QString::fromLatin1(toByteArray(code)))
        violated("ACK does not read back");
    if (!Hl7Validator::validate(*parsedAck.message).isEmpty() && !message.version().isEmpty()
        && Hl7Validator::validate(message).isEmpty())
        violated("ACK to a valid message is invalid");
}

void checkEdit(const Hl7Message& message, const QByteArray& input)
{
    // Text from the input, ASCII so that the message's charset decision cannot change its meaning.
    QByteArray ascii;
    for (const char c : input.left(32))
        ascii.append(char(c & 0x7F));
    const QString text = QString::fromLatin1(ascii);
    const auto escaped = Hl7Escape::escape(ascii, message.encoding());
    if (escaped && Hl7Escape::unescape(*escaped, message.encoding()) != ascii)
        violated("unescape(escape(x)) != x");

    const int last = message.segmentCount() - 1;
    QByteArray name = message.segmentName(last);
    if (!isPathName(name))
        name = "ZFZ";
    const int occurrence = message.occurrences(name);
    const int field = int(input.size() % 7) + 3;
    for (const QString& path : {QStringLiteral("%1(%2)-%3(2).2.2").arg(QString::fromLatin1(name)).arg(std::max(occurrence, 1)).arg(field),
                                QStringLiteral("MSH-%1").arg(field + 10), QStringLiteral("ZFZ(%1)-1").arg(message.occurrences("ZFZ") + 1)}) {
        Hl7Message copy = message;
        QString error;
        if (!copy.setValue(path, text, &error))
            continue;
        if (copy.value(path) != text)
            violated("setValue() does not read back");
        if (copy.raw() != copy.serialize())
            violated("raw() and serialize() differ after setValue()");
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const QByteArray input(reinterpret_cast<const char*>(data), qsizetype(size));
    const auto result = Hl7Message::parse(input);
    if (!result.ok()) {
        const QByteArray nak = Hl7Ack::buildFromRawHeader(input, Hl7AckCode::AR, {result.error}, ackOptions());
        if (!nak.isEmpty() && !Hl7Message::parse(nak).ok())
            violated("NAK from the raw header does not parse");
        return 0;
    }
    const Hl7Message& message = *result.message;
    readEverything(message);
    checkRoundTrip(message);
    Hl7Validator::Options strict;
    strict.acceptedMessageTypes = {QStringLiteral("ADT^A01"), QStringLiteral("ORU^*")};
    Hl7Validator::validate(message, strict);
    const QList<Hl7Error> errors = Hl7Validator::validate(message);
    checkAck(message, errors);
    checkEdit(message, input);
    Hl7Ack::parse(input);
    Hl7Ack::shouldSend(message.acceptAckType(), errors.isEmpty());
    return 0;
}
