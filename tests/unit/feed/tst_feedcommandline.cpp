#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using namespace Qt::StringLiterals;

// Drives the vigil-feed executable the way scripts do: start a sink, read its port, send to it.
class tst_FeedCommandLine : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void sendToSinkAndTerminate();
    void sendWithoutAcksExitsNonZero();
    void badArgumentsAreUsageErrors_data();
    void badArgumentsAreUsageErrors();

private:
    QString m_binary;
};

namespace {

// Waits for the sink's "listening mllp sink host:port" line and returns the port (0 on failure).
quint16 waitForListening(QProcess& process)
{
    static const QRegularExpression line(u"^listening mllp sink 127\\.0\\.0\\.1:(\\d+)$"_s);
    QByteArray out;
    for (int i = 0; i < 100 && !out.contains('\n'); ++i) {
        process.waitForReadyRead(100);
        out += process.readAllStandardOutput();
    }
    const auto match = line.match(QString::fromUtf8(out).trimmed());
    return match.hasMatch() ? quint16(match.captured(1).toUInt()) : 0;
}

} // namespace

void tst_FeedCommandLine::initTestCase()
{
    m_binary = qEnvironmentVariable("VIGIL_FEED_BIN");
    QVERIFY2(QFile::exists(m_binary), "VIGIL_FEED_BIN must name the built vigil-feed");
}

void tst_FeedCommandLine::sendToSinkAndTerminate()
{
    QTemporaryDir dir;
    const QString record = dir.filePath(u"record.txt"_s);
    QProcess sink;
    sink.start(m_binary, { u"sink"_s, u"--port"_s, u"0"_s, u"--record"_s, record, u"--ae-share"_s, u"0.5"_s });
    QVERIFY(sink.waitForStarted());
    const quint16 port = waitForListening(sink);
    QVERIFY(port != 0);

    QProcess send;
    send.start(m_binary,
        { u"send"_s, u"--port"_s, QString::number(port), u"--count"_s, u"20"_s, u"--connections"_s, u"2"_s, u"--seed"_s,
            u"5"_s, u"--json"_s, u"--quiet"_s });
    QVERIFY(send.waitForFinished(30000));
    QCOMPARE(send.exitStatus(), QProcess::NormalExit);
    QCOMPARE(send.exitCode(), 0);
    QJsonParseError error;
    const QJsonObject report = QJsonDocument::fromJson(send.readAllStandardOutput(), &error).object();
    QCOMPARE(error.error, QJsonParseError::NoError);
    QCOMPARE(report.value(u"sent"_s).toInteger(), 20);
    const QJsonObject acks = report.value(u"acks"_s).toObject();
    QCOMPARE(acks.value(u"AA"_s).toInteger() + acks.value(u"AE"_s).toInteger(), 20);
    QVERIFY(acks.value(u"AE"_s).toInteger() > 0);
    QCOMPARE(report.value(u"latencyMs"_s).toObject().value(u"samples"_s).toInteger(), 20);

    ::kill(pid_t(sink.processId()), SIGTERM);
    QVERIFY(sink.waitForFinished(10000));
    QCOMPARE(sink.exitStatus(), QProcess::NormalExit);
    QCOMPARE(sink.exitCode(), 0);
    QVERIFY(QString::fromUtf8(sink.readAllStandardError()).contains(u"sink received 20"_s));
    QFile file(record);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll().count('\n'), 20);
}

void tst_FeedCommandLine::sendWithoutAcksExitsNonZero()
{
    quint16 port = 0;
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        port = probe.serverPort();
    }
    QProcess send;
    send.start(m_binary, { u"send"_s, u"--port"_s, QString::number(port), u"--count"_s, u"2"_s, u"--quiet"_s });
    QVERIFY(send.waitForFinished(30000));
    QCOMPARE(send.exitCode(), 1);
    QVERIFY(QString::fromUtf8(send.readAllStandardOutput()).contains(u"connect 2"_s));
}

void tst_FeedCommandLine::badArgumentsAreUsageErrors_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addRow("no command") << QStringList {};
    QTest::addRow("unknown command") << QStringList { u"blast"_s };
    QTest::addRow("send without port") << QStringList { u"send"_s, u"--count"_s, u"1"_s };
    QTest::addRow("count and duration") << QStringList { u"send"_s, u"--port"_s, u"1"_s, u"--count"_s, u"1"_s,
        u"--duration"_s, u"1"_s };
    QTest::addRow("share above one") << QStringList { u"send"_s, u"--port"_s, u"1"_s, u"--critical-share"_s, u"2"_s };
    QTest::addRow("bad mix") << QStringList { u"send"_s, u"--port"_s, u"1"_s, u"--mix"_s, u"1,2"_s };
    QTest::addRow("sink shares over one")
        << QStringList { u"sink"_s, u"--ae-share"_s, u"0.7"_s, u"--ar-share"_s, u"0.7"_s };
    QTest::addRow("sink bad host") << QStringList { u"sink"_s, u"--host"_s, u"not-an-address"_s };
}

void tst_FeedCommandLine::badArgumentsAreUsageErrors()
{
    QFETCH(QStringList, arguments);
    QProcess feed;
    feed.start(m_binary, arguments);
    QVERIFY(feed.waitForFinished(10000));
    QCOMPARE(feed.exitStatus(), QProcess::NormalExit);
    QCOMPARE(feed.exitCode(), 2);
    QVERIFY(!feed.readAllStandardError().isEmpty());
}

QTEST_GUILESS_MAIN(tst_FeedCommandLine)
#include "tst_feedcommandline.moc"
