#include "node/delivery/DestinationSenderFactory.h"
#include "node/delivery/FileDestinationSender.h"
#include "node/delivery/HttpDestinationSender.h"
#include "node/delivery/MllpDestinationSender.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

class tst_DestinationSenderFactory : public QObject
{
    Q_OBJECT
private slots:
    void createsEachKind();
    void rejectsBadConfig_data();
    void rejectsBadConfig();
    void tlsFilesAreReadUpFront();
    void createdFileSenderDelivers();

private:
    static DestinationConfig mllp();
    static DestinationConfig http();
    static DestinationConfig file();
};

DestinationConfig tst_DestinationSenderFactory::mllp()
{
    DestinationConfig config;
    config.name = u"lab"_s;
    config.kind = DestinationConfig::Kind::Mllp;
    config.host = u"127.0.0.1"_s;
    config.port = 2576;
    return config;
}

DestinationConfig tst_DestinationSenderFactory::http()
{
    DestinationConfig config;
    config.name = u"fhir"_s;
    config.kind = DestinationConfig::Kind::Http;
    config.url = QUrl(u"http://127.0.0.1:8080/hl7"_s);
    return config;
}

DestinationConfig tst_DestinationSenderFactory::file()
{
    DestinationConfig config;
    config.name = u"archive"_s;
    config.kind = DestinationConfig::Kind::File;
    config.directory = u"/tmp/vigil-out"_s;
    return config;
}

void tst_DestinationSenderFactory::createsEachKind()
{
    QObject parent;
    QString error;
    auto a = DestinationSenderFactory::createSender(mllp(), &parent, &error);
    QVERIFY2(a, qPrintable(error));
    QVERIFY(qobject_cast<MllpDestinationSender*>(a.get()));
    QCOMPARE(a->describe(), u"mllp 127.0.0.1:2576"_s);
    QCOMPARE(a->parent(), &parent);

    auto b = DestinationSenderFactory::createSender(http(), &parent, &error);
    QVERIFY2(b, qPrintable(error));
    QVERIFY(qobject_cast<HttpDestinationSender*>(b.get()));
    QCOMPARE(b->describe(), u"http http://127.0.0.1:8080/hl7"_s);

    auto c = DestinationSenderFactory::createSender(file(), nullptr, &error);
    QVERIFY2(c, qPrintable(error));
    QVERIFY(qobject_cast<FileDestinationSender*>(c.get()));
    QCOMPARE(c->describe(), u"file /tmp/vigil-out"_s);
}

void tst_DestinationSenderFactory::rejectsBadConfig_data()
{
    QTest::addColumn<int>("which");
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("reason");

    QTest::addRow("mllp no host") << 0 << u"host"_s << u"no host"_s;
    QTest::addRow("mllp port 0") << 0 << u"port0"_s << u"port 0"_s;
    QTest::addRow("mllp port too big") << 0 << u"port70000"_s << u"port 70000"_s;
    QTest::addRow("mllp zero timeout") << 0 << u"ackTimeout"_s << u"timeouts"_s;
    QTest::addRow("http ftp url") << 1 << u"ftp"_s << u"http or https"_s;
    QTest::addRow("http relative url") << 1 << u"relative"_s << u"http or https"_s;
    QTest::addRow("http tls on plain http") << 1 << u"tls"_s << u"plain http"_s;
    QTest::addRow("http no content type") << 1 << u"contentType"_s << u"content type"_s;
    QTest::addRow("file no directory") << 2 << u"directory"_s << u"no directory"_s;
    QTest::addRow("file pattern with slash") << 2 << u"pattern"_s << u"plain file name"_s;
    QTest::addRow("file empty pattern") << 2 << u"emptyPattern"_s << u"plain file name"_s;
}

void tst_DestinationSenderFactory::rejectsBadConfig()
{
    QFETCH(int, which);
    QFETCH(QString, field);
    QFETCH(QString, reason);

    DestinationConfig config = which == 0 ? mllp() : which == 1 ? http() : file();
    if (field == u"host"_s)
        config.host.clear();
    else if (field == u"port0"_s)
        config.port = 0;
    else if (field == u"port70000"_s)
        config.port = 70000;
    else if (field == u"ackTimeout"_s)
        config.ackTimeoutMs = 0;
    else if (field == u"ftp"_s)
        config.url = QUrl(u"ftp://127.0.0.1/x"_s);
    else if (field == u"relative"_s)
        config.url = QUrl(u"/hl7"_s);
    else if (field == u"tls"_s)
        config.tls.enabled = true;
    else if (field == u"contentType"_s)
        config.contentType.clear();
    else if (field == u"directory"_s)
        config.directory.clear();
    else if (field == u"pattern"_s)
        config.fileNamePattern = u"../{id}.hl7"_s;
    else if (field == u"emptyPattern"_s)
        config.fileNamePattern.clear();

    QString error;
    QVERIFY(!DestinationSenderFactory::createSender(config, nullptr, &error));
    QVERIFY2(error.startsWith(u"destination '"_s + config.name + u"': "_s), qPrintable(error));
    QVERIFY2(error.contains(reason), qPrintable(error));
    // Without an error pointer it still fails cleanly.
    QVERIFY(!DestinationSenderFactory::createSender(config, nullptr, nullptr));
}

void tst_DestinationSenderFactory::tlsFilesAreReadUpFront()
{
    const QString dir = QStringLiteral(VIGIL_TEST_DATA_DIR) + u"/tls/"_s;
    QString error;

    DestinationConfig withCa = mllp();
    withCa.tls.enabled = true;
    withCa.tls.caFile = dir + u"server-cert.pem"_s;
    auto sender = DestinationSenderFactory::createSender(withCa, nullptr, &error);
    QVERIFY2(sender, qPrintable(error));
    QCOMPARE(sender->describe(), u"mllp 127.0.0.1:2576 (tls)"_s);

    DestinationConfig missingCa = withCa;
    missingCa.tls.caFile = dir + u"does-not-exist.pem"_s;
    QVERIFY(!DestinationSenderFactory::createSender(missingCa, nullptr, &error));
    QVERIFY2(error.contains(u"does-not-exist.pem"_s), qPrintable(error));

    DestinationConfig mutual = withCa;
    mutual.tls.certificateFile = dir + u"server-cert.pem"_s;
    mutual.tls.privateKeyFile = dir + u"server-key.pem"_s;
    QVERIFY2(DestinationSenderFactory::createSender(mutual, nullptr, &error), qPrintable(error));

    DestinationConfig badKey = mutual;
    badKey.tls.privateKeyFile = dir + u"other-ca.pem"_s;
    QVERIFY(!DestinationSenderFactory::createSender(badKey, nullptr, &error));
    QVERIFY2(error.contains(u"client certificate"_s), qPrintable(error));

    DestinationConfig https = http();
    https.url = QUrl(u"https://127.0.0.1:8443/hl7"_s);
    https.tls.enabled = true;
    https.tls.caFile = dir + u"server-cert.pem"_s;
    QVERIFY2(DestinationSenderFactory::createSender(https, nullptr, &error), qPrintable(error));
    https.tls.caFile = dir + u"does-not-exist.pem"_s;
    QVERIFY(!DestinationSenderFactory::createSender(https, nullptr, &error));
}

void tst_DestinationSenderFactory::createdFileSenderDelivers()
{
    QTemporaryDir dir;
    DestinationConfig config = file();
    config.directory = dir.path();
    config.fileNamePattern = u"{id}.hl7"_s;
    QString error;
    auto sender = DestinationSenderFactory::createSender(config, nullptr, &error);
    QVERIFY2(sender, qPrintable(error));
    OutboundMessage m;
    m.queueId = 1;
    m.messageId = 99;
    m.payload = "MSH|^~\\&|A\r"_ba;
    QSignalSpy spy(sender.get(), &DestinationSender::finished);
    sender->send(m);
    QVERIFY(spy.wait(5000));
    QCOMPARE(spy.at(0).at(1).value<DeliveryOutcome>().kind, DeliveryOutcome::Kind::Delivered);
    QVERIFY(QFile::exists(dir.filePath(u"99.hl7"_s)));
}

QTEST_GUILESS_MAIN(tst_DestinationSenderFactory)
#include "tst_destinationsenderfactory.moc"
