#include "node/delivery/FileDestinationSender.h"

#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

class tst_FileDestinationSender : public QObject
{
    Q_OBJECT
private slots:
    void fileName_data();
    void fileName();
    void writesPayloadAtomically();
    void finishedIsNotEmittedFromInsideSend();
    void createsMissingDirectory();
    void identicalRedeliveryIsIdempotent();
    void differentContentGetsSuffix();
    void unwritableDirectoryIsTransient();
    void describeNamesDirectory();

private:
    static OutboundMessage message(qint64 id, const QByteArray& payload, const QString& controlId = u"MSG00001"_s);
    static DeliveryOutcome sendAndWait(FileDestinationSender& sender, const OutboundMessage& msg);
    static QStringList entries(const QString& dir);
};

namespace {

// 2024-03-05T06:07:08.009Z
constexpr qint64 kReceivedAt = 1709618828009;
const QByteArray kPayload = "MSH|^~\\&|A|B|C|D|20240305060708||ADT^A01|MSG00001|P|2.5\rPID|1||123\r"_ba;

} // namespace

OutboundMessage tst_FileDestinationSender::message(qint64 id, const QByteArray& payload, const QString& controlId)
{
    OutboundMessage m;
    m.queueId = 1000 + id;
    m.messageId = id;
    m.payload = payload;
    m.correlationId = "4bf92f3577b34da6a3ce929d0e0e4736"_ba;
    m.controlId = controlId;
    m.receivedAtMs = kReceivedAt;
    return m;
}

DeliveryOutcome tst_FileDestinationSender::sendAndWait(FileDestinationSender& sender, const OutboundMessage& msg)
{
    QSignalSpy spy(&sender, &DestinationSender::finished);
    sender.send(msg);
    if (spy.isEmpty() && !spy.wait(5000))
        return {};
    if (spy.size() != 1 || spy.at(0).at(0).toLongLong() != msg.queueId)
        return {};
    return spy.at(0).at(1).value<DeliveryOutcome>();
}

QStringList tst_FileDestinationSender::entries(const QString& dir)
{
    return QDir(dir).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot, QDir::Name);
}

void tst_FileDestinationSender::fileName_data()
{
    QTest::addColumn<QString>("pattern");
    QTest::addColumn<QString>("controlId");
    QTest::addColumn<QString>("expected");

    QTest::addRow("default") << u"{received}_{controlId}_{id}.hl7"_s << u"MSG00001"_s
                             << u"20240305T060708009_MSG00001_42.hl7"_s;
    QTest::addRow("correlation") << u"{correlationId}.hl7"_s << u"X"_s << u"4bf92f3577b34da6a3ce929d0e0e4736.hl7"_s;
    QTest::addRow("sanitized control id")
        << u"{controlId}.hl7"_s << u"a/b\\c:d e*?<>|ü.x-y_z"_s << u"a_b_c_d_e______.x-y_z.hl7"_s;
    QTest::addRow("path traversal") << u"{controlId}"_s << u"../../etc/passwd"_s << u"msg.._.._etc_passwd"_s;
    QTest::addRow("dot dot only") << u"{controlId}"_s << u".."_s << u"msg.."_s;
    QTest::addRow("empty control id") << u"{id}_{controlId}.hl7"_s << QString() << u"42_.hl7"_s;
    QTest::addRow("long control id") << u"{controlId}"_s << QString(100, u'x') << QString(64, u'x');
    QTest::addRow("slash in pattern") << u"sub/{id}.hl7"_s << u"X"_s << u"sub_42.hl7"_s;
    QTest::addRow("literal text kept") << u"out-{id}.txt"_s << u"X"_s << u"out-42.txt"_s;
}

void tst_FileDestinationSender::fileName()
{
    QFETCH(QString, pattern);
    QFETCH(QString, controlId);
    QFETCH(QString, expected);
    const FileDestinationSender sender(u"/tmp"_s, pattern);
    QCOMPARE(sender.fileNameFor(message(42, kPayload, controlId)), expected);
}

void tst_FileDestinationSender::writesPayloadAtomically()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    FileDestinationSender sender(dir.path(), u"{received}_{controlId}_{id}.hl7"_s);
    const DeliveryOutcome outcome = sendAndWait(sender, message(7, kPayload));
    QCOMPARE(outcome.kind, DeliveryOutcome::Kind::Delivered);
    QVERIFY(outcome.errorClass.isEmpty());
    QVERIFY(outcome.durationMs >= 0);

    // Exactly the final file: no temporary file left behind by the atomic write.
    QCOMPARE(entries(dir.path()), QStringList { u"20240305T060708009_MSG00001_7.hl7"_s });
    QFile file(dir.filePath(u"20240305T060708009_MSG00001_7.hl7"_s));
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), kPayload);
    QVERIFY(!outcome.detail.contains(u"PID"_s));
}

void tst_FileDestinationSender::finishedIsNotEmittedFromInsideSend()
{
    QTemporaryDir dir;
    FileDestinationSender sender(dir.path(), u"{id}.hl7"_s);
    QSignalSpy spy(&sender, &DestinationSender::finished);
    sender.send(message(1, kPayload));
    QCOMPARE(spy.size(), 0);
    QVERIFY(spy.wait(5000));
    QCOMPARE(spy.size(), 1);
    QCOMPARE(spy.at(0).at(0).toLongLong(), 1001);
    QTest::qWait(20);
    QCOMPARE(spy.size(), 1);
}

void tst_FileDestinationSender::createsMissingDirectory()
{
    QTemporaryDir dir;
    const QString target = dir.filePath(u"a/b/c"_s);
    FileDestinationSender sender(target, u"{id}.hl7"_s);
    QCOMPARE(sendAndWait(sender, message(3, kPayload)).kind, DeliveryOutcome::Kind::Delivered);
    QCOMPARE(entries(target), QStringList { u"3.hl7"_s });
}

void tst_FileDestinationSender::identicalRedeliveryIsIdempotent()
{
    QTemporaryDir dir;
    FileDestinationSender sender(dir.path(), u"{controlId}.hl7"_s);
    QCOMPARE(sendAndWait(sender, message(1, kPayload)).kind, DeliveryOutcome::Kind::Delivered);
    const OutboundMessage again = message(1, kPayload);
    const DeliveryOutcome second = sendAndWait(sender, again);
    QCOMPARE(second.kind, DeliveryOutcome::Kind::Delivered);
    QCOMPARE(entries(dir.path()), QStringList { u"MSG00001.hl7"_s });
}

void tst_FileDestinationSender::differentContentGetsSuffix()
{
    QTemporaryDir dir;
    FileDestinationSender sender(dir.path(), u"{controlId}.hl7"_s);
    const QByteArray other = QByteArray(kPayload).replace("123", "456");
    const QByteArray third = QByteArray(kPayload).replace("123", "789");
    QCOMPARE(sendAndWait(sender, message(1, kPayload)).kind, DeliveryOutcome::Kind::Delivered);
    QCOMPARE(sendAndWait(sender, message(2, other)).kind, DeliveryOutcome::Kind::Delivered);
    QCOMPARE(sendAndWait(sender, message(3, third)).kind, DeliveryOutcome::Kind::Delivered);
    // Redelivering the second after the collision finds its own file again instead of adding _3.
    QCOMPARE(sendAndWait(sender, message(2, other)).kind, DeliveryOutcome::Kind::Delivered);

    QCOMPARE(entries(dir.path()), (QStringList { u"MSG00001.hl7"_s, u"MSG00001_1.hl7"_s, u"MSG00001_2.hl7"_s }));
    QFile first(dir.filePath(u"MSG00001.hl7"_s));
    QVERIFY(first.open(QIODevice::ReadOnly));
    QCOMPARE(first.readAll(), kPayload);
    QFile second(dir.filePath(u"MSG00001_1.hl7"_s));
    QVERIFY(second.open(QIODevice::ReadOnly));
    QCOMPARE(second.readAll(), other);
    QFile last(dir.filePath(u"MSG00001_2.hl7"_s));
    QVERIFY(last.open(QIODevice::ReadOnly));
    QCOMPARE(last.readAll(), third);
}

void tst_FileDestinationSender::unwritableDirectoryIsTransient()
{
    // A regular file where a directory should be: fails even for root, unlike permission bits.
    QTemporaryDir dir;
    QFile blocker(dir.filePath(u"blocker"_s));
    QVERIFY(blocker.open(QIODevice::WriteOnly));
    blocker.close();

    FileDestinationSender underFile(dir.filePath(u"blocker/out"_s), u"{id}.hl7"_s);
    const DeliveryOutcome cannotCreate = sendAndWait(underFile, message(1, kPayload));
    QCOMPARE(cannotCreate.kind, DeliveryOutcome::Kind::Transient);
    QCOMPARE(cannotCreate.errorClass, u"io"_s);
    QVERIFY(!cannotCreate.detail.isEmpty());

    FileDestinationSender isFile(dir.filePath(u"blocker"_s), u"{id}.hl7"_s);
    const DeliveryOutcome notADirectory = sendAndWait(isFile, message(2, kPayload));
    QCOMPARE(notADirectory.kind, DeliveryOutcome::Kind::Transient);
    QCOMPARE(notADirectory.errorClass, u"io"_s);

    // Once the obstacle is gone the same sender delivers: the failure really was transient.
    QVERIFY(QFile::remove(dir.filePath(u"blocker"_s)));
    QCOMPARE(sendAndWait(underFile, message(1, kPayload)).kind, DeliveryOutcome::Kind::Delivered);
    QCOMPARE(entries(dir.filePath(u"blocker/out"_s)), QStringList { u"1.hl7"_s });
}

void tst_FileDestinationSender::describeNamesDirectory()
{
    const FileDestinationSender sender(u"/var/spool/vigil/out/"_s, u"{id}"_s);
    QCOMPARE(sender.describe(), u"file /var/spool/vigil/out"_s);
}

QTEST_GUILESS_MAIN(tst_FileDestinationSender)
#include "tst_filedestinationsender.moc"
