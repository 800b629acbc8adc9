#include "node/api/GuardedServers.h"
#include "node/api/SelfSignedCertificate.h"

#include "net/tls/TlsConfig.h"

#include <QCryptographicHash>
#include <QFile>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QSslSocket>
#include <QTemporaryDir>
#include <QTest>

class tst_SelfSignedCertificate : public QObject
{
    Q_OBJECT

private slots:
    void createsOnceAndKeepsIt()
    {
        QTemporaryDir dir;
        SelfSignedCertificate::Files first;
        QString error;
        QVERIFY2(SelfSignedCertificate::ensure(dir.path(), QStringLiteral("node-a"), &first, &error), qPrintable(error));
        QVERIFY(first.created);
        QFile key(first.privateKeyFile);
        QCOMPARE(key.permissions() & (QFileDevice::ReadGroup | QFileDevice::ReadOther), QFileDevice::Permissions());
        QFile cert(first.certificateFile);
        QVERIFY(cert.open(QIODevice::ReadOnly));
        const QByteArray pem = cert.readAll();
        const QString fingerprint = SelfSignedCertificate::fingerprint(pem);
        QVERIFY(QRegularExpression(QStringLiteral("^([0-9A-F]{2}:){31}[0-9A-F]{2}$")).match(fingerprint).hasMatch());

        SelfSignedCertificate::Files second;
        QVERIFY(SelfSignedCertificate::ensure(dir.path(), QStringLiteral("node-a"), &second, &error));
        QVERIFY(!second.created);
        QFile again(second.certificateFile);
        QVERIFY(again.open(QIODevice::ReadOnly));
        QCOMPARE(SelfSignedCertificate::fingerprint(again.readAll()), fingerprint);

        const auto certs = QSslCertificate::fromData(pem);
        QCOMPARE(certs.size(), 1);
        QCOMPARE(certs.first().subjectInfo(QSslCertificate::CommonName).value(0), QStringLiteral("node-a"));
        QVERIFY(certs.first().expiryDate() > QDateTime::currentDateTimeUtc().addDays(365));
    }

    void refusesHalfAPair()
    {
        QTemporaryDir dir;
        SelfSignedCertificate::Files files;
        QVERIFY(SelfSignedCertificate::ensure(dir.path(), QStringLiteral("n"), &files, nullptr));
        QVERIFY(QFile::remove(files.privateKeyFile));
        QString error;
        QVERIFY(!SelfSignedCertificate::ensure(dir.path(), QStringLiteral("n"), &files, &error));
        QVERIFY2(error.contains(QStringLiteral("without")), qPrintable(error));
        QVERIFY(QFile::exists(files.certificateFile));            // never silently replaced
    }

    void servesTlsWithThatFingerprint()
    {
        QTemporaryDir dir;
        SelfSignedCertificate::Files files;
        QVERIFY(SelfSignedCertificate::ensure(dir.path(), QStringLiteral("n"), &files, nullptr));
        const auto tls = TlsConfig::serverFromPem(files.certificateFile, files.privateKeyFile);
        QVERIFY(tls);
        GuardedSslServer server(1024);
        server.setSslConfiguration(*tls);
        QVERIFY(server.listen(QHostAddress::LocalHost, 0));

        QSslSocket client;
        QObject::connect(&client, &QSslSocket::sslErrors, &client, [&client](const QList<QSslError>&) {
            client.ignoreSslErrors();                              // self-signed: pinned below instead
        });
        QSignalSpy encrypted(&client, &QSslSocket::encrypted);
        client.connectToHostEncrypted(QStringLiteral("127.0.0.1"), server.serverPort());
        QVERIFY(encrypted.wait(10000));
        QFile cert(files.certificateFile);
        QVERIFY(cert.open(QIODevice::ReadOnly));
        QCOMPARE(SelfSignedCertificate::fingerprint(client.peerCertificate().toDer()),
                 SelfSignedCertificate::fingerprint(cert.readAll()));
    }
};

QTEST_GUILESS_MAIN(tst_SelfSignedCertificate)
#include "tst_selfsignedcertificate.moc"
