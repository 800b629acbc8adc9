// Integration: a real vigil-node process answers every message of the public corpus over MLLP as
// tests/data/hl7/SOURCES.md expects, an independent MLLP client (python-hl7's mllp_send) gets an
// ACK for each message of a file, and the node keeps serving throughout.
#include "IntegrationHelpers.h"

#include "tests/support/BlockingMllpClient.h"
#include "tests/support/NodeProcess.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QStandardPaths>
#include <QTest>

using namespace IntegrationHelpers;

class tst_CorpusOverLoopback : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void validMessagesAreAccepted_data();
    void validMessagesAreAccepted();
    void malformedMessagesAreNeverAccepted_data();
    void malformedMessagesAreNeverAccepted();
    void acceptedMessagesAreDelivered();
    void mllpSendGetsAnAckForEveryMessage();

private:
    QByteArray readFile(const QString& path);
    NodeProcess m_node;
    int m_accepted = 0;
    int m_probe = 0;
};

QByteArray tst_CorpusOverLoopback::readFile(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", qPrintable(path));
    return f.readAll();
}

void tst_CorpusOverLoopback::initTestCase()
{
    QVERIFY2(!NodeProcess::nodeBinary().isEmpty(), "VIGIL_NODE_BIN is not set");
    QString error;
    const QJsonObject config = nodeConfig(QJsonArray{channel(QStringLiteral("hl7-in"))},
                                          QJsonArray{fileDestination(QStringLiteral("archive"), QStringLiteral("archive"))},
                                          QJsonArray{routeAll({QStringLiteral("archive")})});
    QVERIFY2(m_node.start(config, &error), qPrintable(error));
    QVERIFY(m_node.port(QStringLiteral("hl7-in")) > 0);
}

void tst_CorpusOverLoopback::cleanupTestCase()
{
    QCOMPARE(m_node.terminate(), 0);
}

void tst_CorpusOverLoopback::validMessagesAreAccepted_data()
{
    QTest::addColumn<QString>("path");
    const QDir dir(QStringLiteral(VIGIL_TEST_DATA_DIR "/hl7/valid"));
    const auto files = dir.entryList({QStringLiteral("*.hl7")}, QDir::Files, QDir::Name);
    QVERIFY(files.size() >= 90);
    for (const QString& f : files)
        QTest::addRow("%s", qPrintable(f)) << dir.filePath(f);
}

void tst_CorpusOverLoopback::validMessagesAreAccepted()
{
    QFETCH(QString, path);
    const QByteArray message = readFile(path);
    BlockingMllpClient client;
    QVERIFY(client.connectTo(m_node.port(QStringLiteral("hl7-in"))));
    const QByteArray ack = client.exchange(message, 20000);
    QVERIFY2(!ack.isEmpty(), "no acknowledgement");
    QCOMPARE(BlockingMllpClient::ackCode(ack), QStringLiteral("AA"));
    QCOMPARE(BlockingMllpClient::ackControlId(ack), BlockingMllpClient::controlId(message));
    ++m_accepted;
}

void tst_CorpusOverLoopback::malformedMessagesAreNeverAccepted_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<bool>("lenient");
    const QByteArray sources = readFile(QStringLiteral(VIGIL_TEST_DATA_DIR "/hl7/SOURCES.md"));
    const QDir dir(QStringLiteral(VIGIL_TEST_DATA_DIR "/hl7/malformed"));
    const auto files = dir.entryList({QStringLiteral("*.hl7")}, QDir::Files, QDir::Name);
    QCOMPARE(files.size(), 30);
    // Deliberate decision (docs/operations.md): a message cut inside its last field, with every
    // segment still well formed, cannot be told from a complete message whose last OBX ends early —
    // the valid corpus has such OBX segments (ending at OBX-3, or without OBX-11). MLLP framing is what
    // guards against truncation in transit, and a frame cut by a closed connection is never answered.
    const QSet<QString> acceptedByDecision{QStringLiteral("oru_r01_derived-truncated-mid-segment.hl7")};
    for (const QString& f : files) {
        // SOURCES.md marks the files a tolerant receiver may accept with "[lenient".
        const qsizetype row = sources.indexOf(QByteArray("| `" + f.toUtf8() + "` |"));
        QVERIFY2(row >= 0, qPrintable(f));
        const QByteArray line = sources.mid(row, sources.indexOf('\n', row) - row);
        QTest::addRow("%s", qPrintable(f)) << dir.filePath(f)
                                           << (line.contains("[lenient") || acceptedByDecision.contains(f));
    }
}

void tst_CorpusOverLoopback::malformedMessagesAreNeverAccepted()
{
    QFETCH(QString, path);
    QFETCH(bool, lenient);
    const QByteArray bytes = readFile(path);
    const QString probeId = QStringLiteral("PROBE%1").arg(++m_probe);
    BlockingMllpClient client;
    QVERIFY(client.connectTo(m_node.port(QStringLiteral("hl7-in"))));
    // The malformed frame, then at once a valid probe on the same connection: every answer before the
    // probe's belongs to the malformed bytes, and the probe proves the next message is not lost.
    QVERIFY(client.sendRaw('\x0b' + bytes + "\x1c\r" + '\x0b' + adtA01(probeId) + "\x1c\r"));
    QStringList codes;
    bool probeAnswered = false;
    for (int i = 0; i < 5 && !probeAnswered; ++i) {
        const QByteArray ack = client.readResponse(20000);
        if (ack.isEmpty())
            break;
        if (BlockingMllpClient::ackControlId(ack) == probeId) {
            probeAnswered = true;
            QCOMPARE(BlockingMllpClient::ackCode(ack), QStringLiteral("AA"));
        } else {
            codes << BlockingMllpClient::ackCode(ack);
        }
    }
    if (!lenient) {
        QVERIFY2(!codes.contains(QStringLiteral("AA")), qPrintable(codes.join(u',')));
        for (const QString& code : std::as_const(codes))
            QVERIFY2(code == u"AE" || code == u"AR", qPrintable(code));
    }
    m_accepted += int(codes.count(QStringLiteral("AA"))) + (probeAnswered ? 1 : 0);
    if (!probeAnswered) {
        // The node may close a connection it cannot make sense of, but must go on serving.
        BlockingMllpClient fresh;
        QVERIFY(fresh.connectTo(m_node.port(QStringLiteral("hl7-in"))));
        const QByteArray ack = fresh.exchange(adtA01(probeId + QStringLiteral("B")));
        QCOMPARE(BlockingMllpClient::ackCode(ack), QStringLiteral("AA"));
        ++m_accepted;
    }
}

void tst_CorpusOverLoopback::acceptedMessagesAreDelivered()
{
    // Every AA-acknowledged message was routed to the file destination, except resends recognised as
    // duplicates (one malformed file is ADT-A01-02 with only its terminators rewritten): the archive
    // ends up with one file per accepted, non-duplicate message.
    QVERIFY(m_accepted > 90);
    const int duplicates = int(m_node.metric("vigil_duplicates_total{channel=\"hl7-in\"}"));
    QVERIFY(duplicates <= 1);
    const int expected = m_accepted - duplicates;
    const QDir archive(m_node.dataDir() + QStringLiteral("/archive"));
    QTRY_COMPARE_WITH_TIMEOUT(archive.entryList(QDir::Files).size(), expected, 30000);
    QTRY_COMPARE_WITH_TIMEOUT(m_node.metric("vigil_delivered_total{destination=\"archive\"}"), double(expected), 10000);
}

void tst_CorpusOverLoopback::mllpSendGetsAnAckForEveryMessage()
{
    const QString mllpSend = QStandardPaths::findExecutable(QStringLiteral("mllp_send"));
    QVERIFY2(!mllpSend.isEmpty(), "mllp_send (Debian package python3-hl7) is not installed");
    // mllp_send reads messages separated by the MLLP end byte from a file.
    QTemporaryDir dir;
    QFile batch(dir.filePath(QStringLiteral("batch.hl7")));
    QVERIFY(batch.open(QIODevice::WriteOnly));
    QStringList ids;
    for (int i = 0; i < 25; ++i) {
        ids << QStringLiteral("MLLPSEND%1").arg(i);
        batch.write('\x0b' + adtA01(ids.last()) + "\x1c\r");
    }
    batch.close();
    QProcess peer;
    peer.start(mllpSend, {QStringLiteral("--port"), QString::number(m_node.port(QStringLiteral("hl7-in"))),
                          QStringLiteral("--file"), batch.fileName(), QStringLiteral("127.0.0.1")});
    QVERIFY(peer.waitForFinished(60000));
    QCOMPARE(peer.exitCode(), 0);
    const QString output = QString::fromUtf8(peer.readAllStandardOutput());
    // mllp_send prints each ACK; segments are CR-separated.
    const QStringList segments = output.split(QRegularExpression(QStringLiteral("[\\r\\n]+")), Qt::SkipEmptyParts);
    QStringList acked;
    for (const QString& s : segments) {
        if (s.startsWith(QStringLiteral("MSA|AA|")))
            acked << s.section(u'|', 2, 2);
    }
    QCOMPARE(acked, ids);
}

QTEST_GUILESS_MAIN(tst_CorpusOverLoopback)
#include "tst_corpusoverloopback.moc"
