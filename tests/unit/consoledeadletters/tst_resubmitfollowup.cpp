// The follow-up of resubmissions, fed with event frames as the node's stream sends them
// (docs/ops-api.md 5.3; node/api/OpsApi.cpp publish()) and answers as 4.14 gives them.
#include "models/console/ResubmitFollowUp.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

const QString Node = u"node-a"_s;
const QString Other = u"node-b"_s;

QJsonObject frame(const QString& event, const QJsonObject& data, qint64 seq = 1)
{
    return QJsonObject{{u"type"_s, u"event"_s}, {u"seq"_s, double(seq)}, {u"event"_s, event},
                       {u"at"_s, u"2026-11-26T22:03:09.016Z"_s}, {u"data"_s, data}};
}

QJsonObject resubmitted(qint64 deadLetterId, qint64 messageId)
{
    return frame(u"deadLetter.resubmitted"_s, QJsonObject{{u"deadLetterId"_s, double(deadLetterId)},
                                                          {u"messageId"_s, double(messageId)},
                                                          {u"correlationId"_s, u"01a219e1661fab4d14a452051da26c6d"_s}});
}

QJsonObject messageState(qint64 messageId, const QString& state, const QString& destination = QString())
{
    QJsonObject data{{u"messageId"_s, double(messageId)},
                     {u"correlationId"_s, u"01a219e1661fab4d14a452051da26c6d"_s},
                     {u"state"_s, state}};
    if (!destination.isEmpty())
        data.insert(u"destination"_s, destination);
    return frame(u"message.state"_s, data);
}

QJsonObject deadLetterAdded(qint64 messageId, const QString& destination)
{
    return frame(u"deadLetter.added"_s,
                 QJsonObject{{u"messageId"_s, double(messageId)},
                             {u"correlationId"_s, u"01a219e1661fab4d14a452051da26c6d"_s},
                             {u"state"_s, u"dead-lettered"_s},
                             {u"stage"_s, u"deliver"_s},
                             {u"destination"_s, destination},
                             {u"errorClass"_s, u"connect"_s},
                             {u"reason"_s, u"gave up after 1 attempts: Connection refused"_s}});
}

QJsonObject okResult(qint64 deadLetterId, qint64 messageId, const QStringList& destinations,
                     const QStringList& warnings = {})
{
    return QJsonObject{{u"deadLetterId"_s, double(deadLetterId)},
                       {u"ok"_s, true},
                       {u"messageId"_s, double(messageId)},
                       {u"correlationId"_s, u"01a219e1661fab4d14a452051da26c6d"_s},
                       {u"destinations"_s, QJsonArray::fromStringList(destinations)},
                       {u"warnings"_s, QJsonArray::fromStringList(warnings)}};
}

} // namespace

class tst_ResubmitFollowUp : public QObject
{
    Q_OBJECT

private slots:
    void recordedStreamOfARealNode_data();
    void recordedStreamOfARealNode();
    void deliveryReplayFailsAgain();
    void editedReplayIsDeliveredEverywhere();
    void answerBeforeOrAfterEventsGivesTheSame_data();
    void answerBeforeOrAfterEventsGivesTheSame();
    void refusalIsShownWithTheNodesWords();
    void eventsOfOtherMessagesAndNodesChangeNothing();
    void replaySummaryTellsAnEarlierFate();
    void anotherResubmissionStartsAfresh();
    void ingestFailureOfTheReplay();
};

void tst_ResubmitFollowUp::recordedStreamOfARealNode_data()
{
    QTest::addColumn<bool>("withAnswers");
    QTest::addRow("events and answers") << true;
    // Another console resubmitted: only the stream tells this one.
    QTest::addRow("events only") << false;
}

void tst_ResubmitFollowUp::recordedStreamOfARealNode()
{
    QFETCH(bool, withAnswers);
    QFile file(QStringLiteral(VIGIL_SOURCE_DIR "/tests/unit/consoledeadletters/data/recorded-resubmissions.json"));
    QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(file.errorString()));
    const QJsonArray frames = QJsonDocument::fromJson(file.readAll()).object().value(u"frames"_s).toArray();
    QVERIFY(frames.size() >= 8);

    ResubmitFollowUp f;
    QList<ResubmitFollowUp::Phase> phasesOf3;
    for (const QJsonValue& v : frames) {
        const QJsonObject frame = v.toObject();
        if (frame.contains(u"answer"_s)) {
            if (withAnswers)
                f.noteResults(Node, frame.value(u"answer"_s).toObject().value(u"results"_s).toArray());
        } else {
            f.noteEvent(Node, frame);
        }
        if (const auto item = f.item(Node, 3))
            phasesOf3 << ResubmitFollowUp::phaseOf(*item);
    }
    // Dead letter 3 went queued → failed (never shown delivered on the way).
    QVERIFY(!phasesOf3.isEmpty());
    QCOMPARE(phasesOf3.last(), ResubmitFollowUp::Phase::Failed);
    QVERIFY(!phasesOf3.contains(ResubmitFollowUp::Phase::Delivered));
    QCOMPARE(ResubmitFollowUp::text(*f.item(Node, 3)), u"failed again at lab-down (message 5)"_s);
    if (withAnswers) {
        QCOMPARE(f.item(Node, 3)->expected, QStringList{u"lab-down"_s});
        QCOMPARE(f.item(Node, 3)->warnings.size(), 1);
        QVERIFY(f.item(Node, 3)->warnings.first().contains(u"already delivered downstream"_s));
    }
    // The list's newest page then holds the replay's own dead letter.
    QCOMPARE(f.noteDeadLetterRow(Node, QJsonObject{{u"id"_s, 5}, {u"messageId"_s, 5}, {u"stage"_s, u"deliver"_s},
                                                   {u"destination"_s, u"lab-down"_s}, {u"state"_s, u"open"_s}}),
             qint64(3));
    QCOMPARE(ResubmitFollowUp::text(*f.item(Node, 3)), u"failed again at lab-down: dead letter 5 (message 5)"_s);

    // Dead letter 1, edited, went to archive and arrived.
    const auto edited = f.item(Node, 1);
    QVERIFY(edited);
    QCOMPARE(ResubmitFollowUp::phaseOf(*edited), ResubmitFollowUp::Phase::Delivered);
    QCOMPARE(ResubmitFollowUp::text(*edited), u"delivered to archive (message 6)"_s);
}

void tst_ResubmitFollowUp::deliveryReplayFailsAgain()
{
    ResubmitFollowUp f;
    QVERIFY(f.noteResubmitted(Node, 17, 110, u"lab-down"_s));
    auto item = f.item(Node, 17);
    QVERIFY(item);
    QCOMPARE(ResubmitFollowUp::phaseOf(*item), ResubmitFollowUp::Phase::Queued);
    QCOMPARE(ResubmitFollowUp::text(*item), u"queued for lab-down (message 110)"_s);
    QVERIFY(f.isReplay(Node, 110));
    QVERIFY(!f.knowsFate(Node, 17));

    // The node publishes message.state dead-lettered, then deadLetter.added, for the replay.
    QCOMPARE(f.noteEvent(Node, messageState(110, u"dead-lettered"_s, u"lab-down"_s)), QList<qint64>{17});
    QCOMPARE(f.noteEvent(Node, deadLetterAdded(110, u"lab-down"_s)), QList<qint64>());
    item = f.item(Node, 17);
    QCOMPARE(ResubmitFollowUp::phaseOf(*item), ResubmitFollowUp::Phase::Failed);
    QCOMPARE(ResubmitFollowUp::text(*item), u"failed again at lab-down (message 110)"_s);
    QVERIFY(f.knowsFate(Node, 17));

    // The new dead letter's row (the event lacks its ID) names it.
    const QJsonObject row{{u"id"_s, 31}, {u"messageId"_s, 110}, {u"stage"_s, u"deliver"_s},
                          {u"destination"_s, u"lab-down"_s}, {u"state"_s, u"open"_s}};
    QCOMPARE(f.noteDeadLetterRow(Node, row), qint64(17));
    QCOMPARE(f.noteDeadLetterRow(Node, row), qint64(0));
    item = f.item(Node, 17);
    QCOMPARE(item->newDeadLetters, QList<qint64>{31});
    QCOMPARE(ResubmitFollowUp::text(*item), u"failed again at lab-down: dead letter 31 (message 110)"_s);
    QCOMPARE(ResubmitFollowUp::phaseName(ResubmitFollowUp::phaseOf(*item)), u"failed"_s);
}

void tst_ResubmitFollowUp::editedReplayIsDeliveredEverywhere()
{
    ResubmitFollowUp f;
    QCOMPARE(f.noteEvent(Node, resubmitted(13, 109)), QList<qint64>{13});
    auto item = f.item(Node, 13);
    QCOMPARE(ResubmitFollowUp::text(*item), u"resubmitted as message 109"_s);
    const QJsonArray results{okResult(13, 109, {u"ehr"_s, u"archive"_s})};
    QCOMPARE(f.noteResults(Node, results), QList<qint64>{13});
    item = f.item(Node, 13);
    QCOMPARE(ResubmitFollowUp::text(*item), u"queued for ehr, archive (message 109)"_s);

    QCOMPARE(f.noteEvent(Node, messageState(109, u"delivered"_s, u"archive"_s)), QList<qint64>{13});
    item = f.item(Node, 13);
    QCOMPARE(ResubmitFollowUp::phaseOf(*item), ResubmitFollowUp::Phase::Queued);
    QCOMPARE(ResubmitFollowUp::text(*item), u"delivered to archive; waiting for ehr (message 109)"_s);
    // The same event again (a resumed stream never repeats, but a reload might) changes nothing.
    QCOMPARE(f.noteEvent(Node, messageState(109, u"delivered"_s, u"archive"_s)), QList<qint64>());

    QCOMPARE(f.noteEvent(Node, messageState(109, u"delivered"_s, u"ehr"_s)), QList<qint64>{13});
    item = f.item(Node, 13);
    QCOMPARE(ResubmitFollowUp::phaseOf(*item), ResubmitFollowUp::Phase::Delivered);
    QCOMPARE(ResubmitFollowUp::text(*item), u"delivered to archive, ehr (message 109)"_s);
}

void tst_ResubmitFollowUp::answerBeforeOrAfterEventsGivesTheSame_data()
{
    QTest::addColumn<bool>("answerFirst");
    QTest::addRow("events first") << false;
    QTest::addRow("answer first") << true;
}

void tst_ResubmitFollowUp::answerBeforeOrAfterEventsGivesTheSame()
{
    QFETCH(bool, answerFirst);
    ResubmitFollowUp f;
    const QString warning = u"MSH-10 A08-1 from TESTAPP/TESTFAC was already delivered downstream: the receiver may process it twice"_s;
    const QJsonArray results{okResult(5, 42, {u"lab-down"_s}, {warning})};
    if (answerFirst)
        f.noteResults(Node, results);
    f.noteEvent(Node, resubmitted(5, 42));
    f.noteEvent(Node, messageState(42, u"delivered"_s, u"lab-down"_s));
    if (!answerFirst)
        f.noteResults(Node, results);
    const auto item = f.item(Node, 5);
    QVERIFY(item);
    QCOMPARE(item->replayMessageId, qint64(42));
    QCOMPARE(item->warnings, QStringList{warning});
    QCOMPARE(ResubmitFollowUp::phaseOf(*item), ResubmitFollowUp::Phase::Delivered);
    QCOMPARE(ResubmitFollowUp::text(*item), u"delivered to lab-down (message 42)"_s);
}

void tst_ResubmitFollowUp::refusalIsShownWithTheNodesWords()
{
    ResubmitFollowUp f;
    const QJsonArray results{
        QJsonObject{{u"deadLetterId"_s, 5}, {u"ok"_s, false}, {u"code"_s, u"invalid"_s},
                    {u"message"_s, u"the message is still invalid: PID(1)-3: PID-3 (patient identifier list) is missing (101)"_s},
                    {u"warnings"_s, QJsonArray()}},
        okResult(17, 110, {u"lab-results"_s})};
    QCOMPARE(f.noteResults(Node, results), (QList<qint64>{5, 17}));
    const auto refused = f.item(Node, 5);
    QCOMPARE(ResubmitFollowUp::phaseOf(*refused), ResubmitFollowUp::Phase::Refused);
    QCOMPARE(refused->refusedCode, u"invalid"_s);
    QCOMPARE(ResubmitFollowUp::text(*refused),
             u"refused: the message is still invalid: PID(1)-3: PID-3 (patient identifier list) is missing (101)"_s);
    QCOMPARE(ResubmitFollowUp::phaseOf(*f.item(Node, 17)), ResubmitFollowUp::Phase::Queued);
}

void tst_ResubmitFollowUp::eventsOfOtherMessagesAndNodesChangeNothing()
{
    ResubmitFollowUp f;
    f.noteResubmitted(Node, 17, 110, u"lab-down"_s);
    QCOMPARE(f.noteEvent(Node, messageState(111, u"delivered"_s, u"lab-down"_s)), QList<qint64>());
    QCOMPARE(f.noteEvent(Other, messageState(110, u"delivered"_s, u"lab-down"_s)), QList<qint64>());
    QCOMPARE(f.noteEvent(Node, frame(u"alert.changed"_s, QJsonObject{{u"id"_s, 110}})), QList<qint64>());
    QCOMPARE(f.noteEvent(Node, messageState(110, u"accepted"_s)), QList<qint64>());
    QVERIFY(!f.item(Other, 17));
    QCOMPARE(ResubmitFollowUp::phaseOf(*f.item(Node, 17)), ResubmitFollowUp::Phase::Queued);
    // A dead-letter row of an ordinary message links nothing.
    QCOMPARE(f.noteDeadLetterRow(Node, QJsonObject{{u"id"_s, 40}, {u"messageId"_s, 99}}), qint64(0));

    f.removeNode(Node);
    QVERIFY(!f.item(Node, 17));
    QVERIFY(!f.isReplay(Node, 110));
}

void tst_ResubmitFollowUp::replaySummaryTellsAnEarlierFate()
{
    ResubmitFollowUp f;
    // A dead letter loaded as already resubmitted: only the replay's ID is known.
    f.noteResubmitted(Node, 8, 77);
    QVERIFY(!f.knowsFate(Node, 8));
    const QJsonObject summary{{u"id"_s, 77}, {u"state"_s, u"accepted"_s}, {u"replayOf"_s, 3},
                              {u"routedTo"_s, QJsonArray{u"ehr"_s, u"archive"_s}},
                              {u"deliveredTo"_s, QJsonArray{u"archive"_s}},
                              {u"deadLetteredAt"_s, QJsonArray{u"ehr"_s}}};
    QVERIFY(f.noteReplaySummary(Node, 8, summary));
    QVERIFY(!f.noteReplaySummary(Node, 8, summary));
    QVERIFY(f.knowsFate(Node, 8));
    const auto item = f.item(Node, 8);
    QCOMPARE(ResubmitFollowUp::phaseOf(*item), ResubmitFollowUp::Phase::Failed);
    QCOMPARE(ResubmitFollowUp::text(*item), u"delivered to archive; failed again at ehr (message 77)"_s);
}

void tst_ResubmitFollowUp::anotherResubmissionStartsAfresh()
{
    ResubmitFollowUp f;
    f.noteResubmitted(Node, 17, 110, u"lab-down"_s);
    f.noteEvent(Node, messageState(110, u"dead-lettered"_s, u"lab-down"_s));
    QVERIFY(f.noteResubmitted(Node, 17, 120, u"lab-down"_s));
    QVERIFY(!f.isReplay(Node, 110));
    QVERIFY(f.isReplay(Node, 120));
    const auto item = f.item(Node, 17);
    QCOMPARE(ResubmitFollowUp::phaseOf(*item), ResubmitFollowUp::Phase::Queued);
    QVERIFY(item->failed.isEmpty());
}

void tst_ResubmitFollowUp::ingestFailureOfTheReplay()
{
    ResubmitFollowUp f;
    f.noteEvent(Node, resubmitted(13, 109));
    QCOMPARE(f.noteEvent(Node, messageState(109, u"invalid"_s)), QList<qint64>{13});
    auto item = f.item(Node, 13);
    QCOMPARE(ResubmitFollowUp::phaseOf(*item), ResubmitFollowUp::Phase::Failed);
    QCOMPARE(ResubmitFollowUp::text(*item), u"failed again: the replay is invalid (message 109)"_s);
    QCOMPARE(f.noteDeadLetterRow(Node, QJsonObject{{u"id"_s, 32}, {u"messageId"_s, 109}, {u"stage"_s, u"validate"_s}}),
             qint64(13));
    item = f.item(Node, 13);
    QCOMPARE(ResubmitFollowUp::text(*item), u"failed again: dead letter 32 (message 109)"_s);
}

QTEST_GUILESS_MAIN(tst_ResubmitFollowUp)
#include "tst_resubmitfollowup.moc"
