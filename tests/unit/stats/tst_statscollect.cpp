// Unit tests of the stats accessors on the live objects, read through StatsCollect: a real
// DestinationQueue (file destination, real store) and a real MllpChannel on loopback.
#include "node/metrics/MetricsRegistry.h"
#include "node/metrics/NodeMetrics.h"
#include "node/pipeline/DestinationQueue.h"
#include "node/pipeline/MllpChannel.h"
#include "node/stats/StatsCollect.h"
#include "node/store/MessageStore.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;

class tst_StatsCollect : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void deliveredMessageIsCounted();
    void failingDestinationShowsErrorBreakerAndAge();
    void exhaustedRetriesAreDeadLettered();
    void channelCountsEachOutcome();

private:
    DestinationConfig fileDestination(const QString& directory) const;
    QList<QueuedItem> ingest(const QString& controlId, qint64 receivedAtMs);
    static QByteArray frame(const QByteArray& payload);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<MessageStore> m_store;
    std::unique_ptr<MetricsRegistry> m_metrics;
    int m_counter = 0;
};

namespace {

QByteArray hl7(const QByteArray& controlId)
{
    return "MSH|^~\\&|EPIC|WARD4B|LAB|HOSP|20240305060708||ADT^A01|"_ba + controlId
        + "|P|2.5\rEVN|A01|20240305060708\rPID|1||123456^^^HOSP^MR||DOE^JOHN\rPV1|1|I|4B^01^A\r"_ba;
}

} // namespace

void tst_StatsCollect::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_store = std::make_unique<MessageStore>();
    m_metrics = std::make_unique<MetricsRegistry>();
    NodeMetrics::declare(*m_metrics);
    QString error;
    QVERIFY2(m_store->open({m_dir->filePath(u"store.db"_s), 512, false}, &error), qPrintable(error));
}

void tst_StatsCollect::cleanup()
{
    m_store.reset();
    m_metrics.reset();
    m_dir.reset();
}

DestinationConfig tst_StatsCollect::fileDestination(const QString& directory) const
{
    DestinationConfig d;
    d.name = u"files"_s;
    d.kind = DestinationConfig::Kind::File;
    d.directory = directory;
    d.fileNamePattern = u"{id}.hl7"_s;
    d.retry.initialDelayMs = 5;
    d.retry.maxDelayMs = 10;
    return d;
}

QList<QueuedItem> tst_StatsCollect::ingest(const QString& controlId, qint64 receivedAtMs)
{
    IngestRecord r;
    r.channel = u"adt-in"_s;
    r.raw = hl7(controlId.toLatin1());
    r.correlationId = QByteArray::number(++m_counter).rightJustified(32, '0');
    r.receivedAtMs = receivedAtMs;
    r.messageType = u"ADT"_s;
    r.triggerEvent = u"A01"_s;
    r.controlId = controlId;
    r.sendingApplication = u"EPIC"_s;
    r.sendingFacility = u"WARD4B"_s;
    r.contentHash = QCryptographicHash::hash(r.raw, QCryptographicHash::Sha256);
    r.ackCode = u"AA"_s;
    r.destinations = {u"files"_s};
    std::optional<IngestOutcome> outcome;
    m_store->ingest(r, this, [&outcome](const IngestOutcome& o) { outcome = o; });
    if (!QTest::qWaitFor([&outcome] { return outcome.has_value(); }, 5000) || !outcome->committed)
        return {};
    return outcome->enqueued;
}

QByteArray tst_StatsCollect::frame(const QByteArray& payload)
{
    return '\x0b' + payload + "\x1c\r"_ba;
}

void tst_StatsCollect::deliveredMessageIsCounted()
{
    DestinationQueue queue(fileDestination(m_dir->filePath(u"out"_s)), *m_store, *m_metrics);
    QString error;
    QVERIFY2(queue.start(&error), qPrintable(error));
    QCOMPARE(queue.kindName(), u"file"_s);
    QCOMPARE(queue.counters().enqueued, qint64(0));

    const qint64 receivedAt = QDateTime::currentMSecsSinceEpoch();
    const QList<QueuedItem> items = ingest(u"MSG1"_s, receivedAt);
    QCOMPARE(items.size(), 1);
    queue.enqueue(items.first());
    // The file sender answers from the event loop, so the attempt is still out here.
    DestinationStats inFlight = StatsCollect::destination(queue, receivedAt + 250);
    QCOMPARE(inFlight.inFlight, 1);
    QCOMPARE(inFlight.queueDepth, qint64(1));
    QCOMPARE(inFlight.oldestQueuedAgeMs, qint64(250));
    QCOMPARE(inFlight.enqueuedTotal, qint64(1));

    QTRY_COMPARE(queue.counters().delivered, qint64(1));
    const DestinationStats s = StatsCollect::destination(queue, QDateTime::currentMSecsSinceEpoch());
    QCOMPARE(s.name, u"files"_s);
    QCOMPARE(s.kind, u"file"_s);
    QCOMPARE(s.queueDepth, qint64(0));
    QCOMPARE(s.oldestQueuedAgeMs, qint64(0));
    QCOMPARE(s.inFlight, 0);
    QCOMPARE(s.enqueuedTotal, qint64(1));
    QCOMPARE(s.deliveredTotal, qint64(1));
    QCOMPARE(s.failedAttemptsTotal, qint64(0));
    QCOMPARE(s.deadLetteredTotal, qint64(0));
    QCOMPARE(s.breakerState, u"closed"_s);
    QVERIFY(s.lastSentAtMs >= receivedAt);
    QVERIFY(s.lastError.isEmpty());
    QCOMPARE(s.lastErrorAtMs, qint64(0));
    QVERIFY(QFile::exists(m_dir->filePath(u"out/%1.hl7"_s.arg(items.first().messageId))));
}

void tst_StatsCollect::failingDestinationShowsErrorBreakerAndAge()
{
    // A regular file where the directory should be: every attempt fails (transiently) with "io".
    QFile blocker(m_dir->filePath(u"blocker"_s));
    QVERIFY(blocker.open(QIODevice::WriteOnly));
    blocker.close();
    DestinationConfig config = fileDestination(m_dir->filePath(u"blocker/out"_s));
    config.breaker.failureThreshold = 1;
    config.breaker.openSeconds = 600;
    DestinationQueue queue(config, *m_store, *m_metrics);
    QString error;
    QVERIFY2(queue.start(&error), qPrintable(error));

    const qint64 receivedAt = QDateTime::currentMSecsSinceEpoch() - 5000;
    const QList<QueuedItem> items = ingest(u"MSG2"_s, receivedAt);
    QCOMPARE(items.size(), 1);
    queue.enqueue(items.first());
    QTRY_COMPARE(queue.counters().failedAttempts, qint64(1));
    QTRY_COMPARE(queue.inFlightCount(), 0);

    const DestinationStats s = StatsCollect::destination(queue, receivedAt + 7000);
    QCOMPARE(s.breakerState, u"open"_s);
    QCOMPARE(s.queueDepth, qint64(1));
    QCOMPARE(s.oldestQueuedAgeMs, qint64(7000));
    QCOMPARE(s.deliveredTotal, qint64(0));
    QCOMPARE(s.failedAttemptsTotal, qint64(1));
    QCOMPARE(s.deadLetteredTotal, qint64(0));
    QCOMPARE(s.lastSentAtMs, qint64(0));
    QVERIFY2(s.lastError.startsWith(u"io"_s), qPrintable(s.lastError));
    QVERIFY(!s.lastError.contains(u"DOE"_s)); // the detail names the file, never the content
    QVERIFY(s.lastErrorAtMs >= receivedAt);
    // The breaker holds the queue: no second attempt for the open period.
    QTest::qWait(50);
    QCOMPARE(queue.counters().failedAttempts, qint64(1));
}

void tst_StatsCollect::exhaustedRetriesAreDeadLettered()
{
    QFile blocker(m_dir->filePath(u"blocker"_s));
    QVERIFY(blocker.open(QIODevice::WriteOnly));
    blocker.close();
    DestinationConfig config = fileDestination(m_dir->filePath(u"blocker/out"_s));
    config.retry.maxAttempts = 2;
    DestinationQueue queue(config, *m_store, *m_metrics);
    QString error;
    QVERIFY2(queue.start(&error), qPrintable(error));

    queue.enqueue(ingest(u"MSG3"_s, QDateTime::currentMSecsSinceEpoch()).value(0));
    QTRY_COMPARE(queue.counters().deadLettered, qint64(1));
    const DestinationStats s = StatsCollect::destination(queue, QDateTime::currentMSecsSinceEpoch());
    QCOMPARE(s.failedAttemptsTotal, qint64(2));
    QCOMPARE(s.queueDepth, qint64(0));
    QCOMPARE(s.deliveredTotal, qint64(0));
    QCOMPARE(s.enqueuedTotal, qint64(1));
    QCOMPARE(s.breakerState, u"closed"_s); // below the failure threshold of 5
}

void tst_StatsCollect::channelCountsEachOutcome()
{
    ChannelConfig config;
    config.name = u"adt-in"_s;
    config.host = u"127.0.0.1"_s;
    config.port = 0;
    config.maxFrameBytes = 4096;
    RouteTable routes;
    MllpChannel channel(config, routes, 3600 * 1000, *m_store, *m_metrics);
    QString error;
    QVERIFY2(channel.start(&error), qPrintable(error));

    ChannelStats s = StatsCollect::channel(channel);
    QCOMPARE(s.kind, u"mllp"_s);
    QCOMPARE(s.receivedTotal, qint64(0));
    QCOMPARE(s.lastReceivedAtMs, qint64(0));

    QTcpSocket client;
    client.connectToHost(QHostAddress::LocalHost, channel.port());
    QVERIFY(client.waitForConnected(5000));
    QTRY_COMPARE(StatsCollect::channel(channel).connections, 1);

    const qint64 before = QDateTime::currentMSecsSinceEpoch();
    client.write(frame(hl7("CTL1")));
    QTRY_COMPARE(channel.counters().accepted, qint64(1));
    client.write(frame(hl7("CTL1"))); // the same message again
    QTRY_COMPARE(channel.counters().duplicates, qint64(1));
    client.write(frame("NOT AN HL7 MESSAGE"_ba));
    QTRY_COMPARE(channel.counters().deadLettered, qint64(1));
    QTRY_COMPARE(channel.counters().rejected, qint64(1)); // AR for the unparseable one only
    QCOMPARE(channel.counters().errors, qint64(0));
    client.write(frame(QByteArray(5000, 'x')));          // over maxFrameBytes: a framing error
    QTRY_COMPARE(channel.counters().errors, qint64(1));

    s = StatsCollect::channel(channel);
    QCOMPARE(s.name, u"adt-in"_s);
    QCOMPARE(s.receivedTotal, qint64(3));
    QCOMPARE(s.acceptedTotal, qint64(1));
    QCOMPARE(s.duplicatesTotal, qint64(1));
    QCOMPARE(s.deadLetteredTotal, qint64(1));
    QCOMPARE(s.rejectedTotal, qint64(1));
    QCOMPARE(s.errorsTotal, qint64(1));
    QVERIFY(s.lastReceivedAtMs >= before);
    QVERIFY(s.lastReceivedAtMs <= QDateTime::currentMSecsSinceEpoch());

    client.abort();
    QTRY_COMPARE(StatsCollect::channel(channel).connections, 0);
}

QTEST_GUILESS_MAIN(tst_StatsCollect)
#include "tst_statscollect.moc"
