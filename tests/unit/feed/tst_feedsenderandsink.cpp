#include "models/hl7/Hl7Ack.h"
#include "models/hl7/Hl7Message.h"
#include "models/synthetic/FileMessageSource.h"
#include "models/synthetic/SyntheticMessageFactory.h"
#include "net/mllp/MllpServer.h"
#include "node/feed/FeedSender.h"
#include "node/feed/FeedSink.h"

#include <QFile>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;

class tst_FeedSenderAndSink : public QObject
{
    Q_OBJECT

private slots:
    void everyMessageAcceptedAndMatched();
    void ackWithWrongMsa2IsCounted();
    void aeAndArSharesAgreeOnBothSides();
    void stallLongerThanTimeoutTimesOut();
    void stallShorterThanTimeoutShowsInLatency();
    void dropEveryClosesConnection();
    void recordFilesKeepOrder();
    void rateLimitsSending();
    void durationStopsSending();
    void refusedConnectionsAreNoAck();
    void downAfterRefusesThenComesBack();
    void downAtStartListensLater();
    void messageWithoutMshIsNotExpectedToBeAcked();
    void abortReportsAbandoned();
    void fileMessagesAreSentInOrder();
};

namespace {

// Records the MSH-10 of every message handed to the sender, in order.
struct RecordingSource
{
    std::shared_ptr<SyntheticMessageFactory> factory;
    std::shared_ptr<QStringList> sent = std::make_shared<QStringList>();

    explicit RecordingSource(quint32 seed, FeedMix mix = {})
        : factory(std::make_shared<SyntheticMessageFactory>(seed, mix))
    {
    }
    FeedSender::Source source() const
    {
        return [f = factory, s = sent] {
            auto g = f->next();
            s->append(g.controlId);
            return std::optional(g);
        };
    }
};

FeedSenderOptions senderOptions(quint16 port, qint64 count, int connections = 1)
{
    FeedSenderOptions o;
    o.host = u"127.0.0.1"_s;
    o.port = port;
    o.count = count;
    o.connections = connections;
    o.responseTimeoutMs = 10000;
    o.reconnectDelayMs = 50;
    return o;
}

// Runs the sender to completion and returns its final report.
FeedReport run(FeedSender& sender, int timeoutMs = 30000)
{
    QSignalSpy finished(&sender, &FeedSender::finished);
    sender.start();
    if (finished.isEmpty() && !finished.wait(timeoutMs))
        return {};
    [&] { QCOMPARE(finished.size(), 1); }();
    return finished.takeFirst().at(0).value<FeedReport>();
}

std::unique_ptr<FeedSink> startSink(FeedSinkOptions options = {})
{
    auto sink = std::make_unique<FeedSink>(std::move(options));
    QString error;
    if (!sink->start(&error))
        qWarning("sink start failed: %s", qPrintable(error));
    return sink;
}

QStringList readLines(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text))
        return {};
    QStringList lines = QString::fromUtf8(file.readAll()).split(u'\n');
    if (!lines.isEmpty() && lines.last().isEmpty())
        lines.removeLast();
    return lines;
}

} // namespace

void tst_FeedSenderAndSink::everyMessageAcceptedAndMatched()
{
    auto sink = startSink();
    QVERIFY(sink->isListening());
    QVERIFY(sink->port() != 0);
    QSignalSpy answered(sink.get(), &FeedSink::answered);
    RecordingSource source(1);
    FeedSender sender(senderOptions(sink->port(), 60, 3), source.source());
    const FeedReport r = run(sender);
    QCOMPARE(r.sent, 60);
    QCOMPARE(r.aa, 60);
    QCOMPARE(r.msa2Mismatch, 0);
    QCOMPARE(r.invalidAck, 0);
    QCOMPARE(r.noAck(), 0);
    QCOMPARE(r.unexpectedNoAck(), 0);
    QCOMPARE(r.latencySamples, 60);
    QVERIFY(r.p50Ms > 0.0 && r.p50Ms <= r.p90Ms && r.p90Ms <= r.p99Ms && r.p99Ms <= r.maxMs);
    QCOMPARE(sink->counts().received, 60);
    QCOMPARE(sink->counts().aa, 60);
    QCOMPARE(answered.size(), 60);
    QSet<QString> answeredIds;
    for (const auto& args : answered)
        answeredIds.insert(args.at(0).toString());
    QCOMPARE(answeredIds, QSet<QString>(source.sent->begin(), source.sent->end()));
}

void tst_FeedSenderAndSink::ackWithWrongMsa2IsCounted()
{
    // A receiver that answers every message with the ACK meant for another one.
    MllpServer server(MllpServerOptions {});
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    const QByteArray other = "MSH|^~\\&|A|B|C|D|20250101120000||ADT^A01^ADT_A01|SOMEONE-ELSE|P|2.5.1\r"_ba;
    const Hl7Message otherMessage = *Hl7Message::parse(other).message;
    connect(&server, &MllpServer::frameReceived, &server, [&](quint64 id, const QByteArray&) {
        Hl7Ack::Options options;
        options.controlId = u"ACK1"_s;
        server.sendResponse(id, Hl7Ack::build(otherMessage, Hl7AckCode::AA, {}, options));
    });
    RecordingSource source(2);
    FeedSender sender(senderOptions(server.serverPort(), 5), source.source());
    const FeedReport r = run(sender);
    QCOMPARE(r.sent, 5);
    QCOMPARE(r.msa2Mismatch, 5);
    QCOMPARE(r.aa, 0);
    QCOMPARE(r.latencySamples, 5);
}

void tst_FeedSenderAndSink::aeAndArSharesAgreeOnBothSides()
{
    FeedSinkOptions options;
    options.aeShare = 0.3;
    options.arShare = 0.2;
    options.seed = 99;
    auto sink = startSink(options);
    RecordingSource source(3);
    FeedSender sender(senderOptions(sink->port(), 400, 4), source.source());
    const FeedReport r = run(sender);
    QCOMPARE(r.sent, 400);
    QCOMPARE(r.aa + r.ae + r.ar, 400);
    QCOMPARE(r.aa, sink->counts().aa);
    QCOMPARE(r.ae, sink->counts().ae);
    QCOMPARE(r.ar, sink->counts().ar);
    QVERIFY2(r.ae > 80 && r.ae < 160, qPrintable(QString::number(r.ae)));
    QVERIFY2(r.ar > 40 && r.ar < 120, qPrintable(QString::number(r.ar)));
    QCOMPARE(r.unexpectedNoAck(), 0);
}

void tst_FeedSenderAndSink::stallLongerThanTimeoutTimesOut()
{
    FeedSinkOptions options;
    options.stallMs = 600;
    auto sink = startSink(options);
    RecordingSource source(4);
    FeedSenderOptions o = senderOptions(sink->port(), 3);
    o.responseTimeoutMs = 150;
    FeedSender sender(o, source.source());
    const FeedReport r = run(sender);
    QCOMPARE(r.sent, 3);
    QCOMPARE(r.timeout, 3);
    QCOMPARE(r.acks(), 0);
    QCOMPARE(r.unexpectedNoAck(), 3);
    QCOMPARE(r.latencySamples, 0);
    QCOMPARE(sink->counts().received, 3);
}

void tst_FeedSenderAndSink::stallShorterThanTimeoutShowsInLatency()
{
    FeedSinkOptions options;
    options.stallMs = 120;
    auto sink = startSink(options);
    RecordingSource source(5);
    FeedSender sender(senderOptions(sink->port(), 4), source.source());
    const FeedReport r = run(sender);
    QCOMPARE(r.aa, 4);
    QCOMPARE(r.timeout, 0);
    // A lower bound only: the answer cannot come before the stall is over.
    QVERIFY2(r.p50Ms >= 120.0, qPrintable(QString::number(r.p50Ms)));
    QVERIFY(r.maxMs >= r.p50Ms);
}

void tst_FeedSenderAndSink::dropEveryClosesConnection()
{
    FeedSinkOptions options;
    options.dropEvery = 3;
    auto sink = startSink(options);
    QSignalSpy dropped(sink.get(), &FeedSink::dropped);
    RecordingSource source(6);
    FeedSender sender(senderOptions(sink->port(), 9), source.source());
    const FeedReport r = run(sender);
    QCOMPARE(r.sent, 9);
    QCOMPARE(r.closed, 3);
    QCOMPARE(r.aa, 6);
    QCOMPARE(sink->counts().dropped, 3);
    QCOMPARE(sink->counts().received, 9);
    QCOMPARE(dropped.size(), 3);
    // Every third message is the one dropped.
    QCOMPARE(dropped.at(0).at(0).toString(), source.sent->at(2));
    QCOMPARE(dropped.at(2).at(0).toString(), source.sent->at(8));
}

void tst_FeedSenderAndSink::recordFilesKeepOrder()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    FeedSinkOptions options;
    options.recordPath = dir.filePath(u"received.txt"_s);
    options.recordAcceptedPath = dir.filePath(u"accepted.txt"_s);
    options.payloadDir = dir.filePath(u"payloads"_s);
    options.aeShare = 0.25;
    auto sink = startSink(options);
    QSignalSpy answered(sink.get(), &FeedSink::answered);
    FeedMix mix;
    mix.duplicateShare = 0.1;
    RecordingSource source(7, mix);
    FeedSender sender(senderOptions(sink->port(), 40), source.source());
    const FeedReport r = run(sender);
    QCOMPARE(r.sent, 40);

    // One connection: the sink sees the messages in the order they were sent, duplicates included.
    QCOMPARE(readLines(options.recordPath), *source.sent);
    QStringList accepted;
    for (const auto& args : answered) {
        if (args.at(1).toString() == u"AA"_s)
            accepted.append(args.at(0).toString());
    }
    QCOMPARE(accepted.size(), r.aa);
    QCOMPARE(readLines(options.recordAcceptedPath), accepted);
    QVERIFY(accepted.size() < source.sent->size());

    const QString first = QDir(options.payloadDir).filePath(u"00000001.hl7"_s);
    QFile payload(first);
    QVERIFY(payload.open(QIODevice::ReadOnly));
    QCOMPARE(Hl7Message::parse(payload.readAll()).message->controlId(), source.sent->first());
    QCOMPARE(QDir(options.payloadDir).entryList(QDir::Files).size(), 40);
}

void tst_FeedSenderAndSink::rateLimitsSending()
{
    auto sink = startSink();
    RecordingSource source(8);
    FeedSenderOptions o = senderOptions(sink->port(), 10, 2);
    o.rate = 20.0;
    FeedSender sender(o, source.source());
    const FeedReport r = run(sender);
    QCOMPARE(r.aa, 10);
    // At 20 msg/s the tenth message may leave no earlier than 9/20 s after the first.
    QVERIFY2(r.elapsedMs >= 440, qPrintable(QString::number(r.elapsedMs)));
}

void tst_FeedSenderAndSink::durationStopsSending()
{
    auto sink = startSink();
    RecordingSource source(9);
    FeedSenderOptions o = senderOptions(sink->port(), -1, 2);
    o.durationMs = 300;
    o.rate = 50.0;
    FeedSender sender(o, source.source());
    const FeedReport r = run(sender);
    QVERIFY(r.sent >= 1);
    QCOMPARE(r.aa, r.sent);
    QVERIFY(r.elapsedMs >= 300);
    // Never faster than the rate allows.
    QVERIFY2(r.sent <= qint64(double(r.elapsedMs) / 1000.0 * 50.0) + 1,
        qPrintable(u"%1 in %2 ms"_s.arg(r.sent).arg(r.elapsedMs)));
}

void tst_FeedSenderAndSink::refusedConnectionsAreNoAck()
{
    quint16 port = 0;
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        port = probe.serverPort();
    }
    RecordingSource source(10);
    FeedSender sender(senderOptions(port, 3), source.source());
    const FeedReport r = run(sender);
    QCOMPARE(r.sent, 3);
    QCOMPARE(r.connectFailed, 3);
    QCOMPARE(r.unexpectedNoAck(), 3);
    QVERIFY(r.toText().contains(u"connect 3"_s));
    QCOMPARE(r.toJson().value(u"noAck"_s).toObject().value(u"unexpected"_s).toInteger(), 3);
}

void tst_FeedSenderAndSink::downAfterRefusesThenComesBack()
{
    FeedSinkOptions options;
    options.downAfter = 5;
    options.downForMs = 400;
    auto sink = startSink(options);
    QSignalSpy down(sink.get(), &FeedSink::wentDown);
    QSignalSpy listening(sink.get(), &FeedSink::listening);
    RecordingSource source(11);
    FeedSenderOptions o = senderOptions(sink->port(), 40);
    o.rate = 40.0;
    FeedSender sender(o, source.source());
    const FeedReport r = run(sender);
    QCOMPARE(down.size(), 1);
    QCOMPARE(listening.size(), 1); // back again after the down period
    QCOMPARE(r.sent, 40);
    QVERIFY2(r.closed >= 1, qPrintable(r.toText())); // the message that found the sink going down
    QVERIFY2(r.connectFailed >= 1, qPrintable(r.toText()));
    QVERIFY2(r.aa > 5, qPrintable(r.toText())); // answered before and after the down period
    QCOMPARE(r.aa + r.closed + r.connectFailed, 40);
    QCOMPARE(sink->counts().received, r.aa);
}

void tst_FeedSenderAndSink::downAtStartListensLater()
{
    FeedSinkOptions options;
    options.downAfter = 0;
    options.downForMs = 300;
    auto sink = std::make_unique<FeedSink>(options);
    QSignalSpy down(sink.get(), &FeedSink::wentDown);
    QSignalSpy listening(sink.get(), &FeedSink::listening);
    QVERIFY(sink->start());
    QCOMPARE(down.size(), 1);
    QVERIFY(!sink->isListening());
    QVERIFY(sink->port() != 0);
    QCOMPARE(listening.size(), 0);
    QVERIFY(listening.wait(5000));
    QCOMPARE(listening.at(0).at(1).value<quint16>(), sink->port());
    RecordingSource source(12);
    FeedSender sender(senderOptions(sink->port(), 2), source.source());
    QCOMPARE(run(sender).aa, 2);
}

void tst_FeedSenderAndSink::messageWithoutMshIsNotExpectedToBeAcked()
{
    auto sink = startSink();
    SyntheticMessageFactory::Generated g;
    g.payload = "EVN|A08|20250101\rPID|1||MRN1^^^X^MR\r"_ba;
    g.kind = u"malformed"_s;
    g.malformed = true;
    g.ackExpected = false;
    int calls = 0;
    FeedSenderOptions o = senderOptions(sink->port(), 1);
    o.responseTimeoutMs = 200;
    FeedSender sender(o, [&]() -> std::optional<SyntheticMessageFactory::Generated> {
        ++calls;
        return g;
    });
    const FeedReport r = run(sender);
    QCOMPARE(calls, 1);
    QCOMPARE(r.timeout, 1);
    QCOMPARE(r.noAckWhereNoneExpected, 1);
    QCOMPARE(r.unexpectedNoAck(), 0);
    QCOMPARE(r.malformedSent, 1);
    QCOMPARE(sink->counts().unanswerable, 1);
}

void tst_FeedSenderAndSink::abortReportsAbandoned()
{
    FeedSinkOptions options;
    options.stallMs = 5000;
    auto sink = startSink(options);
    QSignalSpy received(sink.get(), &FeedSink::messageReceived);
    RecordingSource source(13);
    FeedSender sender(senderOptions(sink->port(), 100, 2), source.source());
    QSignalSpy finished(&sender, &FeedSender::finished);
    sender.start();
    QTRY_COMPARE(received.size(), 2);
    QVERIFY(sender.isRunning());
    sender.abort();
    QCOMPARE(finished.size(), 1);
    const FeedReport r = finished.at(0).at(0).value<FeedReport>();
    QCOMPARE(r.sent, 2);
    QCOMPARE(r.abandoned, 2);
    QCOMPARE(r.inFlight, 0);
    QVERIFY(!sender.isRunning());
    sender.abort();
    QTest::qWait(50);
    QCOMPARE(finished.size(), 1);
}

void tst_FeedSenderAndSink::fileMessagesAreSentInOrder()
{
    QTemporaryDir dir;
    FeedSinkOptions options;
    options.recordPath = dir.filePath(u"received.txt"_s);
    auto sink = startSink(options);
    const QString data = QStringLiteral(VIGIL_TEST_DATA_DIR "/hl7/valid/");
    auto files = std::make_shared<FileMessageSource>();
    QVERIFY(
        files->load({ data + u"adt_a01_v2.5.1_msft-ADT01-28.hl7"_s, data + u"oru_r01_v2.5.1_derived-LL-flag.hl7"_s }));
    QStringList expected;
    for (int i = 0; i < files->messageCount(); ++i)
        expected.append(files->next(false)->controlId);
    files->next(true); // back to the start
    files = std::make_shared<FileMessageSource>();
    QVERIFY(
        files->load({ data + u"adt_a01_v2.5.1_msft-ADT01-28.hl7"_s, data + u"oru_r01_v2.5.1_derived-LL-flag.hl7"_s }));
    FeedSender sender(senderOptions(sink->port(), -1), [files] { return files->next(false); });
    const FeedReport r = run(sender);
    QCOMPARE(r.sent, qint64(expected.size()));
    QCOMPARE(r.aa, r.sent);
    QCOMPARE(readLines(options.recordPath), expected);
}

QTEST_GUILESS_MAIN(tst_FeedSenderAndSink)
#include "tst_feedsenderandsink.moc"
