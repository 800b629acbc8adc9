// Throughput of Hl7Message::parse plus reading the MSH header fields a receiver needs (type,
// trigger, control ID, version, sender, receiver, processing ID), over the corpus ADT and ORU
// messages repeated. Build with CMAKE_BUILD_TYPE=Release; run: bench_hl7_parser [corpus dir].
#include "models/hl7/Hl7Ack.h"
#include "models/hl7/Hl7Message.h"
#include "models/hl7/Hl7Validator.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>

#include <cstdio>

using namespace Qt::StringLiterals;

namespace {

struct Corpus
{
    const char* name;
    QList<QByteArray> messages;
    qint64 bytes = 0;
};

// Reads the header fields as a receiver would for routing and the ACK; returns something derived
// from them so that the work cannot be optimised away.
qsizetype readHeader(const Hl7Message& message)
{
    return message.messageType().size() + message.triggerEvent().size() + message.controlId().size()
        + message.version().size() + message.sendingApplication().size() + message.sendingFacility().size()
        + message.receivingApplication().size() + message.receivingFacility().size()
        + message.processingId().size() + message.segmentCount();
}

template <typename Work>
void run(const char* label, const Corpus& corpus, Work work)
{
    if (corpus.messages.isEmpty())
        return;
    // Repeat the corpus until at least one second has passed, after one warm-up round.
    qsizetype sink = 0;
    for (const QByteArray& raw : corpus.messages)
        sink += work(raw);
    QElapsedTimer timer;
    timer.start();
    qint64 rounds = 0;
    do {
        for (const QByteArray& raw : corpus.messages)
            sink += work(raw);
        ++rounds;
    } while (timer.nsecsElapsed() < 1'000'000'000);
    const double seconds = double(timer.nsecsElapsed()) / 1e9;
    const double megabytes = double(corpus.bytes) * double(rounds) / 1e6;
    const double messages = double(corpus.messages.size()) * double(rounds);
    std::printf("%-24s %-22s %9.1f MB/s %12.0f msgs/s  (%lld msgs, avg %lld bytes, checksum %lld)\n", label,
                corpus.name, megabytes / seconds, messages / seconds, qlonglong(messages),
                qlonglong(corpus.bytes / corpus.messages.size()), qlonglong(sink % 1000));
}

} // namespace

int main(int argc, char** argv)
{
    const QString dir = argc > 1 ? QString::fromLocal8Bit(argv[1])
                                 : QStringLiteral(VIGIL_TEST_DATA_DIR) + u"/hl7/valid"_s;
    Corpus typical{"typical ADT/ORU", {}, 0};     // up to 16 KB: what an interface sees all day
    Corpus all{"all ADT/ORU", {}, 0};             // plus the 60-72 KB base64 reports
    const QStringList files = QDir(dir).entryList({u"adt_*.hl7"_s, u"oru_*.hl7"_s}, QDir::Files, QDir::Name);
    for (const QString& name : files) {
        QFile file(QDir(dir).filePath(name));
        if (!file.open(QIODevice::ReadOnly))
            continue;
        const QByteArray raw = file.readAll();
        if (!Hl7Message::parse(raw).ok()) {
            std::fprintf(stderr, "skipping %s: does not parse\n", qPrintable(name));
            continue;
        }
        all.messages.append(raw);
        all.bytes += raw.size();
        if (raw.size() <= 16 * 1024) {
            typical.messages.append(raw);
            typical.bytes += raw.size();
        }
    }
    if (all.messages.isEmpty()) {
        std::fprintf(stderr, "no ADT/ORU messages found in %s\n", qPrintable(dir));
        return 1;
    }
#ifndef NDEBUG
    std::printf("warning: assertions enabled; configure with -DCMAKE_BUILD_TYPE=Release for real numbers\n");
#endif
    auto parseOnly = [](const QByteArray& raw) { return qsizetype(Hl7Message::parse(raw).ok()); };
    auto parseAndHeader = [](const QByteArray& raw) {
        const auto result = Hl7Message::parse(raw);
        return result.ok() ? readHeader(*result.message) : 0;
    };
    auto parseAndValidate = [](const QByteArray& raw) {
        const auto result = Hl7Message::parse(raw);
        return result.ok() ? readHeader(*result.message) + Hl7Validator::validate(*result.message).size() : 0;
    };
    // What the node does for every message it accepts: parse, then answer with an AA.
    auto parseAndAck = [](const QByteArray& raw) {
        const auto result = Hl7Message::parse(raw);
        Hl7Ack::Options options;
        options.controlId = u"VGL000001"_s;
        return result.ok() ? Hl7Ack::build(*result.message, Hl7AckCode::AA, {}, options).size() : 0;
    };
    for (const Corpus* corpus : {&typical, &all}) {
        run("parse", *corpus, parseOnly);
        run("parse + ACK (AA)", *corpus, parseAndAck);
        run("parse + MSH fields", *corpus, parseAndHeader);
        run("parse + MSH + validate", *corpus, parseAndValidate);
    }
    return 0;
}
