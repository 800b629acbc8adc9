// Unit tests of PasswordGenerator: length, alphabet without look-alikes, no repeats.
#include "node/auth/PasswordGenerator.h"

#include <QSet>
#include <QTest>

using namespace Qt::StringLiterals;

class tst_PasswordGenerator : public QObject
{
    Q_OBJECT

private slots:
    void lengthAndAlphabet();
    void passwordsDiffer();
};

void tst_PasswordGenerator::lengthAndAlphabet()
{
    QString all;
    for (int i = 0; i < 200; ++i) {
        const QString password = PasswordGenerator::generate();
        QCOMPARE(password.size(), 20);
        all += password;
    }
    QCOMPARE(PasswordGenerator::generate(33).size(), 33);
    for (QChar c : all) {
        QVERIFY2(c.isLetterOrNumber() && c.unicode() < 128, qPrintable(QString(c)));
        QVERIFY2(!u"0O1lI"_s.contains(c), qPrintable(QString(c)));
    }
    // 4000 draws from 57 symbols: every symbol shows up.
    QCOMPARE(QSet<QChar>(all.cbegin(), all.cend()).size(), 57);
}

void tst_PasswordGenerator::passwordsDiffer()
{
    QSet<QString> seen;
    for (int i = 0; i < 100; ++i)
        seen.insert(PasswordGenerator::generate());
    QCOMPARE(seen.size(), 100);
}

QTEST_GUILESS_MAIN(tst_PasswordGenerator)
#include "tst_passwordgenerator.moc"
