// Unit tests of the write-ahead journal: records come back intact and in order, a torn tail ends
// the readable journal, segments roll over and applied ones are dropped.
#include "node/store/IngestJournal.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

class tst_IngestJournal : public QObject
{
    Q_OBJECT

private slots:
    void recordsComeBackInOrder();
    void unsyncedRecordsAreNotRead();
    void tornTailEndsTheJournal();
    void reopeningContinuesTheSequence();
    void largeBatchesRollToNewSegmentsAndAppliedOnesAreDropped();

private:
    static QList<QPair<quint64, QByteArray>> readBack(const QString& folder);
};

QList<QPair<quint64, QByteArray>> tst_IngestJournal::readBack(const QString& folder)
{
    QList<QPair<quint64, QByteArray>> records;
    QString error;
    IngestJournal::readAll(folder, [&](quint64 seq, const QByteArray& payload) { records.append({seq, payload}); },
                           &error);
    return records;
}

void tst_IngestJournal::recordsComeBackInOrder()
{
    QTemporaryDir dir;
    IngestJournal journal;
    QString error;
    QVERIFY2(journal.open(dir.path(), 0, &error), qPrintable(error));
    QCOMPARE(journal.append("first"), 1u);
    QCOMPARE(journal.append(QByteArray(5000, 'x')), 2u);
    QVERIFY(journal.sync(&error));
    QCOMPARE(journal.append("third"), 3u);
    QVERIFY(journal.sync(&error));
    const auto records = readBack(dir.path());
    QCOMPARE(records.size(), 3);
    QCOMPARE(records[0], qMakePair(quint64(1), QByteArray("first")));
    QCOMPARE(records[1].second, QByteArray(5000, 'x'));
    QCOMPARE(records[2], qMakePair(quint64(3), QByteArray("third")));
}

void tst_IngestJournal::unsyncedRecordsAreNotRead()
{
    QTemporaryDir dir;
    IngestJournal journal;
    QString error;
    QVERIFY(journal.open(dir.path(), 0, &error));
    journal.append("durable");
    QVERIFY(journal.sync(&error));
    journal.append("buffered only"); // never synced: never acknowledged, must not come back
    QCOMPARE(readBack(dir.path()).size(), 1);
}

void tst_IngestJournal::tornTailEndsTheJournal()
{
    QTemporaryDir dir;
    QString error;
    {
        IngestJournal journal;
        QVERIFY(journal.open(dir.path(), 0, &error));
        journal.append("one");
        journal.append("two");
        QVERIFY(journal.sync(&error));
    }
    // Damage the last byte of the second record's payload, as a torn write would.
    const QStringList files = QDir(dir.path()).entryList({QStringLiteral("journal-*.log")});
    QCOMPARE(files.size(), 1);
    QFile f(dir.filePath(files.first()));
    QVERIFY(f.open(QIODevice::ReadWrite));
    QByteArray data = f.readAll();
    const qsizetype at = data.indexOf("two");
    QVERIFY(at > 0);
    data[at + 2] = 'X';
    f.seek(0);
    f.write(data);
    f.close();
    const auto records = readBack(dir.path());
    QCOMPARE(records.size(), 1);
    QCOMPARE(records[0].second, QByteArray("one"));
}

void tst_IngestJournal::reopeningContinuesTheSequence()
{
    QTemporaryDir dir;
    QString error;
    IngestJournal journal;
    // The store replays old segments before opening; open() starts after the last applied record.
    QVERIFY(journal.open(dir.path(), 41, &error));
    QCOMPARE(journal.append("next"), 42u);
    QVERIFY(journal.sync(&error));
    const auto records = readBack(dir.path());
    QCOMPARE(records.size(), 1);
    QCOMPARE(records[0].first, 42u);
}

void tst_IngestJournal::largeBatchesRollToNewSegmentsAndAppliedOnesAreDropped()
{
    QTemporaryDir dir;
    QString error;
    IngestJournal journal;
    QVERIFY(journal.open(dir.path(), 0, &error));
    const QByteArray big(24 * 1024 * 1024, 'b');
    for (int i = 0; i < 4; ++i) { // 96 MiB: more than one 64 MiB segment
        journal.append(big);
        QVERIFY2(journal.sync(&error), qPrintable(error));
    }
    QVERIFY(QDir(dir.path()).entryList({QStringLiteral("journal-*.log")}).size() >= 2);
    const auto records = readBack(dir.path());
    QCOMPARE(records.size(), 4);
    for (int i = 0; i < 4; ++i)
        QCOMPARE(records[i].first, quint64(i + 1));
    journal.dropThrough(2);
    const auto rest = readBack(dir.path());
    QVERIFY(!rest.isEmpty());
    QCOMPARE(rest.last().first, 4u);
    QVERIFY(rest.first().first > 1); // the first segment, fully applied, is gone
}

QTEST_GUILESS_MAIN(tst_IngestJournal)
#include "tst_ingestjournal.moc"
