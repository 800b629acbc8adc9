// Unit tests of PasswordHasher: scrypt hashes that verify the right password only, carry their
// parameters and salt, and a dummy verification that costs as much as a real one.
#include "node/auth/PasswordHasher.h"

#include <QElapsedTimer>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

// Cheap enough for tests; the production cost is checked once, in productionDefaults().
const PasswordHasher::Parameters Cheap{4, 8, 1};

} // namespace

class tst_PasswordHasher : public QObject
{
    Q_OBJECT

private slots:
    void productionDefaults();
    void rightPasswordVerifiesWrongDoesNot();
    void saltsDiffer();
    void encodingCarriesParameters();
    void verifyUsesTheEncodedParameters();
    void malformedEncodingsFail_data();
    void malformedEncodingsFail();
    void tamperedHashFails();
    void unicodeIsNormalized();
    void needsRehash();
    void dummyVerifyCostsLikeVerify();
};

void tst_PasswordHasher::productionDefaults()
{
    QCOMPARE(PasswordHasher::defaultParameters(), PasswordHasher::productionParameters());
    const PasswordHasher hasher;
    const QString encoded = hasher.hash(u"production password"_s);
    QVERIFY2(encoded.startsWith(u"scrypt$ln=15,r=8,p=1$"_s), qPrintable(encoded));
    QVERIFY(hasher.verify(u"production password"_s, encoded));
}

void tst_PasswordHasher::rightPasswordVerifiesWrongDoesNot()
{
    const PasswordHasher hasher(Cheap);
    const QString encoded = hasher.hash(u"correct horse battery"_s);
    QVERIFY(!encoded.isEmpty());
    QVERIFY(!encoded.contains(u"correct horse"_s));
    QVERIFY(hasher.verify(u"correct horse battery"_s, encoded));
    QVERIFY(!hasher.verify(u"correct horse batterY"_s, encoded));
    QVERIFY(!hasher.verify(u"correct horse battery "_s, encoded));
    QVERIFY(!hasher.verify(QString(), encoded));
}

void tst_PasswordHasher::saltsDiffer()
{
    const PasswordHasher hasher(Cheap);
    const QString first = hasher.hash(u"same password here"_s);
    const QString second = hasher.hash(u"same password here"_s);
    QVERIFY(first != second);
    QVERIFY(first.split(u'$').at(2) != second.split(u'$').at(2));
    QVERIFY(hasher.verify(u"same password here"_s, first));
    QVERIFY(hasher.verify(u"same password here"_s, second));
}

void tst_PasswordHasher::encodingCarriesParameters()
{
    const PasswordHasher hasher({5, 4, 2});
    const QString encoded = hasher.hash(u"some password 123"_s);
    const QStringList parts = encoded.split(u'$');
    QCOMPARE(parts.size(), 4);
    QCOMPARE(parts.at(0), u"scrypt"_s);
    QCOMPARE(parts.at(1), u"ln=5,r=4,p=2"_s);
    const auto salt = QByteArray::fromBase64Encoding(parts.at(2).toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
    const auto hash = QByteArray::fromBase64Encoding(parts.at(3).toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
    QVERIFY(salt);
    QVERIFY(hash);
    QVERIFY(salt.decoded.size() >= 16);
    QCOMPARE(hash.decoded.size(), 32);
}

void tst_PasswordHasher::verifyUsesTheEncodedParameters()
{
    const QString encoded = PasswordHasher({5, 4, 2}).hash(u"some password 123"_s);
    // A hasher configured differently still verifies: the encoding, not the hasher, decides.
    QVERIFY(PasswordHasher(Cheap).verify(u"some password 123"_s, encoded));
    QVERIFY(!PasswordHasher(Cheap).verify(u"some password 124"_s, encoded));
}

void tst_PasswordHasher::malformedEncodingsFail_data()
{
    QTest::addColumn<QString>("encoded");
    const QString good = PasswordHasher(Cheap).hash(u"the password 1"_s);
    const QStringList parts = good.split(u'$');
    const auto with = [&](int index, const QString& value) {
        QStringList copy = parts;
        copy[index] = value;
        return copy.join(u'$');
    };
    QTest::addRow("empty") << QString();
    QTest::addRow("other algorithm") << with(0, u"bcrypt"_s);
    QTest::addRow("missing part") << (parts.mid(0, 3).join(u'$'));
    QTest::addRow("extra part") << (good + u"$x"_s);
    QTest::addRow("missing p") << with(1, u"ln=4,r=8"_s);
    QTest::addRow("unknown key") << with(1, u"ln=4,r=8,p=1,x=2"_s);
    QTest::addRow("duplicate key") << with(1, u"ln=4,ln=4,r=8,p=1"_s);
    QTest::addRow("not a number") << with(1, u"ln=four,r=8,p=1"_s);
    QTest::addRow("absurd cost") << with(1, u"ln=40,r=8,p=1"_s);
    QTest::addRow("too much memory") << with(1, u"ln=22,r=32,p=1"_s);
    QTest::addRow("zero r") << with(1, u"ln=4,r=0,p=1"_s);
    QTest::addRow("bad base64 salt") << with(2, u"!!!!"_s);
    QTest::addRow("short salt") << with(2, QString::fromLatin1(QByteArray(4, 'a').toBase64()));
    QTest::addRow("empty hash") << with(3, QString());
}

void tst_PasswordHasher::malformedEncodingsFail()
{
    QFETCH(QString, encoded);
    QVERIFY(!PasswordHasher(Cheap).verify(u"the password 1"_s, encoded));
}

void tst_PasswordHasher::tamperedHashFails()
{
    const PasswordHasher hasher(Cheap);
    const QString encoded = hasher.hash(u"the password 1"_s);
    QStringList parts = encoded.split(u'$');
    QByteArray hash = QByteArray::fromBase64(parts.at(3).toLatin1());
    hash[5] = char(hash.at(5) ^ 0x01);
    parts[3] = QString::fromLatin1(hash.toBase64(QByteArray::Base64Encoding | QByteArray::OmitTrailingEquals));
    QVERIFY(!hasher.verify(u"the password 1"_s, parts.join(u'$')));

    parts = encoded.split(u'$');
    QByteArray salt = QByteArray::fromBase64(parts.at(2).toLatin1());
    salt[0] = char(salt.at(0) ^ 0x01);
    parts[2] = QString::fromLatin1(salt.toBase64(QByteArray::Base64Encoding | QByteArray::OmitTrailingEquals));
    QVERIFY(!hasher.verify(u"the password 1"_s, parts.join(u'$')));
}

void tst_PasswordHasher::unicodeIsNormalized()
{
    const PasswordHasher hasher(Cheap);
    const QString precomposed = u"caf\u00e9 au lait 42"_s;
    const QString decomposed = u"cafe\u0301 au lait 42"_s;
    QVERIFY(precomposed != decomposed);
    const QString encoded = hasher.hash(precomposed);
    QVERIFY(hasher.verify(decomposed, encoded));
    QVERIFY(!hasher.verify(u"cafe au lait 42"_s, encoded));
}

void tst_PasswordHasher::needsRehash()
{
    const QString cheap = PasswordHasher(Cheap).hash(u"the password 1"_s);
    QVERIFY(!PasswordHasher(Cheap).needsRehash(cheap));
    QVERIFY(PasswordHasher({5, 8, 1}).needsRehash(cheap));
    QVERIFY(PasswordHasher(Cheap).needsRehash(u"garbage"_s));
}

void tst_PasswordHasher::dummyVerifyCostsLikeVerify()
{
    // Relative, not absolute: a dummy that skipped the KDF would take microseconds against the
    // milliseconds of a real verification at this cost.
    const PasswordHasher hasher({12, 8, 1});
    const QString encoded = hasher.hash(u"the password 1"_s);
    qint64 verifyNs = std::numeric_limits<qint64>::max();
    qint64 dummyNs = std::numeric_limits<qint64>::max();
    for (int i = 0; i < 3; ++i) {
        QElapsedTimer timer;
        timer.start();
        QVERIFY(!hasher.verify(u"wrong password 1"_s, encoded));
        verifyNs = std::min(verifyNs, timer.nsecsElapsed());
        timer.restart();
        hasher.dummyVerify();
        dummyNs = std::min(dummyNs, timer.nsecsElapsed());
    }
    QVERIFY2(dummyNs * 4 >= verifyNs, qPrintable(u"dummy %1 ns, verify %2 ns"_s.arg(dummyNs).arg(verifyNs)));
}

QTEST_GUILESS_MAIN(tst_PasswordHasher)
#include "tst_passwordhasher.moc"
