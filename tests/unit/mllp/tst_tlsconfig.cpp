#include "net/tls/TlsConfig.h"

#include <QSslCertificate>
#include <QSslKey>
#include <QSslSocket>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

class tst_TlsConfig : public QObject
{
    Q_OBJECT
private slots:
    void serverFromPemLoadsCertAndKey();
    void serverFromPemErrors_data();
    void serverFromPemErrors();
    void clientWithCaTrustsExactlyThatCa();
    void clientWithoutCaUsesSystemCas();
    void clientWithCaErrors();
};

namespace {

QString dataFile(const char* name)
{
    return QStringLiteral(VIGIL_TEST_DATA_DIR "/tls/") + QString::fromLatin1(name);
}

} // namespace

void tst_TlsConfig::serverFromPemLoadsCertAndKey()
{
    QString error;
    const auto config = TlsConfig::serverFromPem(dataFile("server-cert.pem"), dataFile("server-key.pem"), &error);
    QVERIFY2(config, qPrintable(error));
    QCOMPARE(config->localCertificate().subjectInfo(QSslCertificate::CommonName), QStringList { u"127.0.0.1"_s });
    QVERIFY(!config->privateKey().isNull());
    QCOMPARE(config->privateKey().algorithm(), QSsl::Rsa);
    QCOMPARE(config->protocol(), QSsl::TlsV1_2OrLater);
}

void tst_TlsConfig::serverFromPemErrors_data()
{
    QTest::addColumn<QString>("certFile");
    QTest::addColumn<QString>("keyFile");
    QTest::addColumn<QString>("errorMentions");
    QTest::addRow("missing cert") << dataFile("nope.pem") << dataFile("server-key.pem") << u"nope.pem"_s;
    QTest::addRow("missing key") << dataFile("server-cert.pem") << dataFile("nope-key.pem") << u"nope-key.pem"_s;
    QTest::addRow("key file is a certificate")
        << dataFile("server-cert.pem") << dataFile("other-ca.pem") << u"other-ca.pem"_s;
    QTest::addRow("cert file is not PEM") << dataFile("README.md") << dataFile("server-key.pem") << u"README.md"_s;
}

void tst_TlsConfig::serverFromPemErrors()
{
    QFETCH(QString, certFile);
    QFETCH(QString, keyFile);
    QFETCH(QString, errorMentions);
    QString error;
    QVERIFY(!TlsConfig::serverFromPem(certFile, keyFile, &error));
    QVERIFY2(error.contains(errorMentions), qPrintable(error));
}

void tst_TlsConfig::clientWithCaTrustsExactlyThatCa()
{
    QString error;
    const auto config = TlsConfig::clientWithCa(dataFile("server-cert.pem"), true, &error);
    QVERIFY2(config, qPrintable(error));
    QCOMPARE(config->caCertificates().size(), 1);
    QCOMPARE(
        config->caCertificates().constFirst(), QSslCertificate::fromPath(dataFile("server-cert.pem")).constFirst());
    QCOMPARE(config->peerVerifyMode(), QSslSocket::VerifyPeer);

    const auto unverified = TlsConfig::clientWithCa(dataFile("server-cert.pem"), false, &error);
    QVERIFY(unverified);
    QCOMPARE(unverified->peerVerifyMode(), QSslSocket::VerifyNone);
}

void tst_TlsConfig::clientWithoutCaUsesSystemCas()
{
    const auto config = TlsConfig::clientWithCa(QString(), true);
    QVERIFY(config);
    QCOMPARE(config->caCertificates(), QSslConfiguration::defaultConfiguration().caCertificates());
    QCOMPARE(config->peerVerifyMode(), QSslSocket::VerifyPeer);
}

void tst_TlsConfig::clientWithCaErrors()
{
    QString error;
    QVERIFY(!TlsConfig::clientWithCa(dataFile("missing-ca.pem"), true, &error));
    QVERIFY2(error.contains(u"missing-ca.pem"_s), qPrintable(error));
    QVERIFY(!TlsConfig::clientWithCa(dataFile("server-key.pem"), true, &error));
    QVERIFY2(error.contains(u"no PEM certificate"_s), qPrintable(error));
}

QTEST_GUILESS_MAIN(tst_TlsConfig)
#include "tst_tlsconfig.moc"
