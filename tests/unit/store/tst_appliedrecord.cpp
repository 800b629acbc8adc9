// AppliedRecord's journal format: written by hand for speed, it must stay byte for byte what
// QDataStream wrote before (journals of an older node replay after an upgrade), and read back whole.
#include "node/store/AppliedRecord.h"

#include <QDataStream>
#include <QIODevice>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

// The format as the node wrote it with QDataStream until the hand-written writer replaced it.
QByteArray referenceSerialize(const AppliedRecord& r)
{
    QByteArray out;
    QDataStream s(&out, QIODevice::WriteOnly);
    s.setVersion(QDataStream::Qt_6_4);
    const auto put = [&s](const QString& text) { s << text.toUtf8(); };
    s << quint8(3) << r.messageId << r.correlationId;
    for (const QString* text : {&r.channel, &r.messageType, &r.triggerEvent, &r.controlId, &r.sendingApplication,
                                &r.sendingFacility, &r.version, &r.patientId, &r.state, &r.ackCode,
                                &r.deadLetterStage, &r.deadLetterReason, &r.errorClass, &r.errorLocation})
        put(*text);
    s << r.receivedAtMs << r.contentHash << r.duplicateOf << r.raw << r.deadLetter << qint32(r.queue.size());
    for (const auto& q : r.queue) {
        s << q.first;
        put(q.second);
    }
    s << qint32(r.events.size());
    for (const TraceEvent& e : r.events) {
        s << e.atUs;
        put(e.stage);
        put(e.outcome);
        put(e.destination);
        put(e.detail);
    }
    put(r.unit);
    put(r.format);
    s << r.replayOf << r.resubmitsDeadLetter;
    return out;
}

AppliedRecord sampleRecord()
{
    AppliedRecord r;
    r.messageId = 123456789012LL;
    r.correlationId = "0123456789abcdef0123456789abcdef";
    r.channel = u"lab-in"_s;
    r.receivedAtMs = 1'764'158'400'123LL;
    r.messageType = u"ORU"_s;
    r.triggerEvent = u"R01"_s;
    r.controlId = u"MSG-1"_s;
    r.sendingApplication = u"LAB"_s;
    r.sendingFacility = u""_s;                      // empty but not null: must stay empty
    r.version = u"2.5.1"_s;
    r.patientId = u"MRN-Ä-1"_s;                      // not ASCII: the UTF-8 path
    r.unit = u"4B"_s;
    r.format = u"hl7v2"_s;
    r.replayOf = -1;
    r.resubmitsDeadLetter = 7;
    r.contentHash = QByteArray(32, '\xab');
    r.state = u"accepted"_s;
    r.ackCode = u"AA"_s;
    r.raw = "MSH|^~\\&|LAB||VIGIL||20261126||ORU^R01|MSG-1|P|2.5.1\rPID|1||MRN\r";
    r.deadLetter = true;
    r.deadLetterStage = u"validate"_s;
    r.deadLetterReason = u"PID-3: required (101)"_s;
    r.queue = {{41, u"ehr"_s}, {42, u"archiv-ü"_s}};
    r.events = {TraceEvent{{}, 0, 1000, u"receive"_s, u"ok"_s, {}, u"channel lab-in, 60 bytes"_s},
                TraceEvent{{}, 0, 2000, u"enqueue"_s, u"ok"_s, u"ehr"_s, {}}};
    // errorClass and errorLocation stay null: null must stay null
    return r;
}

} // namespace

class tst_AppliedRecord : public QObject
{
    Q_OBJECT
private slots:
    void bytesAreWhatQDataStreamWrote();
    void roundTripKeepsEveryField();
    void serializeIntoAppends();
};

void tst_AppliedRecord::bytesAreWhatQDataStreamWrote()
{
    const AppliedRecord r = sampleRecord();
    QCOMPARE(r.serialize(), referenceSerialize(r));
    QCOMPARE(AppliedRecord().serialize(), referenceSerialize(AppliedRecord()));
}

void tst_AppliedRecord::roundTripKeepsEveryField()
{
    const AppliedRecord r = sampleRecord();
    const auto back = AppliedRecord::deserialize(r.serialize());
    QVERIFY(back);
    QCOMPARE(back->messageId, r.messageId);
    QCOMPARE(back->correlationId, r.correlationId);
    QCOMPARE(back->patientId, r.patientId);
    QVERIFY(!back->sendingFacility.isNull());
    QVERIFY(back->sendingFacility.isEmpty());
    QVERIFY(back->errorClass.isNull());
    QCOMPARE(back->raw, r.raw);
    QCOMPARE(back->contentHash, r.contentHash);
    QCOMPARE(back->queue, r.queue);
    QCOMPARE(back->events.size(), r.events.size());
    QCOMPARE(back->events.at(0).detail, r.events.at(0).detail);
    QCOMPARE(back->events.at(1).destination, u"ehr"_s);
    QCOMPARE(back->events.at(1).correlationId, r.correlationId);   // filled in from the record
    QCOMPARE(back->unit, r.unit);
    QCOMPARE(back->replayOf, r.replayOf);
    QCOMPARE(back->resubmitsDeadLetter, r.resubmitsDeadLetter);
    QVERIFY(back->deadLetter);
}

void tst_AppliedRecord::serializeIntoAppends()
{
    const AppliedRecord r = sampleRecord();
    QByteArray buffer = "head";
    r.serializeInto(buffer);
    QCOMPARE(buffer, "head" + r.serialize());
}

QTEST_GUILESS_MAIN(tst_AppliedRecord)
#include "tst_appliedrecord.moc"
