// AlertHistoryModel from a detail recorded from a real node (tests/data/console/
// escalated-alert-detail.json: a critical potassium paged level 0, escalated after 3 s, its webhook
// page failing three times with 503 so it escalated again at once, repeated, then acknowledged by
// nina with "called Dr Lee"): history and notifications merged oldest first, each notification
// right after the step that sent it, whom each step paged, delivery states and the user's own words.
#include "models/console/AlertHistoryModel.h"

#include <QAbstractItemModelTester>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

QJsonObject recorded()
{
    QFile file(QStringLiteral(VIGIL_TEST_DATA_DIR "/console/escalated-alert-detail.json"));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(file.readAll()).object();
}

QString rowText(const QModelIndex& i)
{
    return i.data(AlertHistoryModel::KindRole).toString() + u':' + i.data(AlertHistoryModel::WhatRole).toString()
        + u':' + QString::number(i.data(AlertHistoryModel::LevelRole).toInt());
}

} // namespace

class tst_AlertHistoryModel : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void mergesOldestFirstWithPagesAfterTheirStep();
    void stepsKnowWhomTheyPaged();
    void deliveryStatesAndErrors();
    void actorsAndUserWords();
    void userNoteOf_data();
    void userNoteOf();
    void aNotificationWithoutItsStepStandsAtItsTime();
    void clearEmpties();

private:
    std::unique_ptr<AlertHistoryModel> m_model;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
    QJsonObject m_detail;
};

void tst_AlertHistoryModel::init()
{
    m_detail = recorded();
    QVERIFY2(!m_detail.isEmpty(), "recorded detail missing");
    m_model = std::make_unique<AlertHistoryModel>();
    m_tester = std::make_unique<QAbstractItemModelTester>(m_model.get(),
                                                          QAbstractItemModelTester::FailureReportingMode::QtTest);
    m_model->setDetail(m_detail);
}

void tst_AlertHistoryModel::cleanup()
{
    m_tester.reset();
    m_model.reset();
}

void tst_AlertHistoryModel::mergesOldestFirstWithPagesAfterTheirStep()
{
    const int transitions = int(m_detail.value(u"history").toArray().size());
    const int notifications = int(m_detail.value(u"notifications").toArray().size());
    QCOMPARE(m_model->rowCount(), transitions + notifications);
    QStringList rows;
    for (int r = 0; r < m_model->rowCount(); ++r)
        rows.append(rowText(m_model->index(r)));
    const QStringList expected{
        u"transition:raise:0"_s,
        u"transition:notify:0"_s,
        u"notification:notify:0"_s,            // stream page of level 0
        u"transition:escalate:1"_s,
        u"notification:notify:1"_s,            // stream
        u"notification:notify:1"_s,            // webhook pager (failed)
        u"transition:notification-failed:1"_s,
        u"transition:escalate:2"_s,            // at once: every page of level 1 failed
        u"notification:notify:2"_s,
        u"notification:notify:2"_s,
        u"transition:notification-failed:2"_s,
        u"transition:notification-failed:2"_s,
        u"transition:repeat:2"_s,
        u"notification:notify:2"_s,
        u"transition:acknowledge:2"_s,
        u"notification:notify:2"_s,            // everyone paged so far is told
    };
    QCOMPARE(rows, expected);
    qint64 previous = 0;
    for (int r = 0; r < m_model->rowCount(); ++r) {
        const qint64 at = m_model->index(r).data(AlertHistoryModel::AtMsRole).toLongLong();
        QVERIFY2(at >= previous, qPrintable(u"row %1 goes back in time"_s.arg(r)));
        previous = at;
    }
    QCOMPARE(m_model->alertId(), m_detail.value(u"id").toInteger());
    QVERIFY(!m_model->alert().contains(u"history"));
}

void tst_AlertHistoryModel::stepsKnowWhomTheyPaged()
{
    const int notify = m_model->find(u"transition"_s, u"notify"_s);
    QCOMPARE(m_model->index(notify).data(AlertHistoryModel::RecipientsRole).toStringList(), QStringList{u"unit"_s});
    QCOMPARE(m_model->index(notify).data(AlertHistoryModel::NotificationCountRole).toInt(), 1);
    const int escalate = m_model->find(u"transition"_s, u"escalate"_s);
    QCOMPARE(m_model->index(escalate).data(AlertHistoryModel::RecipientsRole).toStringList(),
             (QStringList{u"unit"_s, u"role:charge-nurse"_s}));
    QCOMPARE(m_model->index(escalate).data(AlertHistoryModel::NotificationCountRole).toInt(), 2);
    QCOMPARE(m_model->index(escalate).data(AlertHistoryModel::CauseRole).toString(), u"timeout"_s);
    const int second = m_model->find(u"transition"_s, u"escalate"_s, escalate + 1);
    QCOMPARE(m_model->index(second).data(AlertHistoryModel::LevelRole).toInt(), 2);
    QCOMPARE(m_model->index(second).data(AlertHistoryModel::CauseRole).toString(), u"pages-failed"_s);
    QCOMPARE(m_model->index(second).data(AlertHistoryModel::RecipientsRole).toStringList(),
             (QStringList{u"role:charge-nurse"_s, u"role:house-supervisor"_s}));
    // A step that paged nobody has no recipients.
    const int failed = m_model->find(u"transition"_s, u"notification-failed"_s);
    QVERIFY(m_model->index(failed).data(AlertHistoryModel::RecipientsRole).toStringList().isEmpty());
}

void tst_AlertHistoryModel::deliveryStatesAndErrors()
{
    const int escalate = m_model->find(u"transition"_s, u"escalate"_s);
    const QModelIndex stream = m_model->index(escalate + 1);
    const QModelIndex pager = m_model->index(escalate + 2);
    QCOMPARE(stream.data(AlertHistoryModel::ChannelRole).toString(), u"stream"_s);
    QCOMPARE(stream.data(AlertHistoryModel::DeliveryStateRole).toString(), u"delivered"_s);
    QVERIFY(stream.data(AlertHistoryModel::DeliveredAtMsRole).toLongLong() > 0);
    QCOMPARE(stream.data(AlertHistoryModel::ReasonRole).toString(), u"escalated"_s);
    QCOMPARE(pager.data(AlertHistoryModel::ChannelRole).toString(), u"webhook:pager"_s);
    QCOMPARE(pager.data(AlertHistoryModel::DeliveryStateRole).toString(), u"failed"_s);
    QCOMPARE(pager.data(AlertHistoryModel::AttemptsRole).toInt(), 3);
    QCOMPARE(pager.data(AlertHistoryModel::LastErrorRole).toString(), u"HTTP 503"_s);
    QCOMPARE(pager.data(AlertHistoryModel::DeliveredAtMsRole).toLongLong(), 0);
    QCOMPARE(pager.data(AlertHistoryModel::RecipientsRole).toStringList(),
             (QStringList{u"unit"_s, u"role:charge-nurse"_s}));
    QVERIFY(pager.data(AlertHistoryModel::NotificationIdRole).toLongLong() > 0);
}

void tst_AlertHistoryModel::actorsAndUserWords()
{
    const QModelIndex raise = m_model->index(m_model->find(u"transition"_s, u"raise"_s));
    QCOMPARE(raise.data(AlertHistoryModel::ActorKindRole).toString(), u"rule"_s);
    QCOMPARE(raise.data(AlertHistoryModel::ActorNameRole).toString(), u"critical-result"_s);
    QVERIFY(!raise.data(AlertHistoryModel::CorrelationIdRole).toString().isEmpty());
    // The node's account of a system step is not a user's note.
    QVERIFY(raise.data(AlertHistoryModel::UserNoteRole).toString().isEmpty());
    QVERIFY(!raise.data(AlertHistoryModel::NoteRole).toString().isEmpty());

    const QModelIndex ack = m_model->index(m_model->find(u"transition"_s, u"acknowledge"_s));
    QCOMPARE(ack.data(AlertHistoryModel::ActorRole).toString(), u"user:nina"_s);
    QCOMPARE(ack.data(AlertHistoryModel::ActorKindRole).toString(), u"user"_s);
    QCOMPARE(ack.data(AlertHistoryModel::ActorNameRole).toString(), u"nina"_s);
    QCOMPARE(ack.data(AlertHistoryModel::UserNoteRole).toString(), u"called Dr Lee"_s);
    QCOMPARE(ack.data(AlertHistoryModel::FromStateRole).toString(), u"escalated"_s);
    QCOMPARE(ack.data(AlertHistoryModel::ToStateRole).toString(), u"acknowledged"_s);
    // Everyone paged so far, and the acknowledger, are told.
    const QModelIndex told = m_model->index(ack.row() + 1);
    QCOMPARE(told.data(AlertHistoryModel::ReasonRole).toString(), u"acknowledged"_s);
    QVERIFY(told.data(AlertHistoryModel::RecipientsRole).toStringList().contains(u"user:nina"_s));
}

void tst_AlertHistoryModel::userNoteOf_data()
{
    QTest::addColumn<QString>("action");
    QTest::addColumn<QString>("note");
    QTest::addColumn<QString>("words");
    QTest::addRow("ack with time") << u"acknowledge"_s << u"acknowledged at level 2 after 7 s: called Dr Lee"_s
                                   << u"called Dr Lee"_s;
    QTest::addRow("ack without page") << u"acknowledge"_s << u"acknowledged at level 0: on it: now"_s
                                      << u"on it: now"_s;
    QTest::addRow("ack without note") << u"acknowledge"_s << u"acknowledged at level 0 after 3 s"_s << QString();
    QTest::addRow("resolve") << u"resolve"_s << u"resolved as false_alarm: haemolysed sample"_s
                             << u"haemolysed sample"_s;
    QTest::addRow("resolve without note") << u"resolve"_s << u"resolved as treated"_s << QString();
    QTest::addRow("hand escalation")
        << u"escalate"_s << u"escalated by hand: no answer on ward; paged level 1: unit, role:charge-nurse; acknowledge by 2026-11-27T03:09:02Z"_s
        << u"no answer on ward"_s;
    QTest::addRow("hand escalation of an acknowledged alert")
        << u"escalate"_s
        << u"escalated by hand, acknowledgement by nina cleared: still high; paged level 2: role:charge-nurse; acknowledge by 2026-11-27T03:09:02Z"_s
        << u"still high"_s;
    QTest::addRow("timeout is not a user's") << u"escalate"_s
                                             << u"not acknowledged within 3 s at level 0; paged level 1: unit"_s
                                             << QString();
}

void tst_AlertHistoryModel::userNoteOf()
{
    QFETCH(QString, action);
    QFETCH(QString, note);
    QFETCH(QString, words);
    QCOMPARE(AlertHistoryModel::userNoteOf(action, note), words);
}

void tst_AlertHistoryModel::aNotificationWithoutItsStepStandsAtItsTime()
{
    QJsonObject detail{{u"id"_s, 5},
                       {u"history"_s,
                        QJsonArray{QJsonObject{{u"at"_s, u"2026-11-27T03:00:00.000Z"_s}, {u"action"_s, u"raise"_s},
                                               {u"actor"_s, u"system"_s}, {u"level"_s, 0}},
                                   QJsonObject{{u"at"_s, u"2026-11-27T03:10:00.000Z"_s}, {u"action"_s, u"update"_s},
                                               {u"actor"_s, u"system"_s}, {u"level"_s, 0}}}},
                       {u"notifications"_s,
                        QJsonArray{QJsonObject{{u"id"_s, 9}, {u"channel"_s, u"stream"_s}, {u"reason"_s, u"withdrawn"_s},
                                               {u"level"_s, 0}, {u"recipients"_s, QJsonArray{u"user:nina"_s}},
                                               {u"state"_s, u"pending"_s}, {u"attempts"_s, 0},
                                               {u"createdAt"_s, u"2026-11-27T03:05:00.000Z"_s}}}}};
    QSignalSpy reset(m_model.get(), &QAbstractItemModel::modelReset);
    m_model->setDetail(detail);
    QCOMPARE(reset.size(), 1);
    QCOMPARE(m_model->rowCount(), 3);
    QCOMPARE(m_model->index(1).data(AlertHistoryModel::KindRole).toString(), u"notification"_s);
    QCOMPARE(m_model->index(1).data(AlertHistoryModel::DeliveryStateRole).toString(), u"pending"_s);
    QCOMPARE(m_model->index(2).data(AlertHistoryModel::WhatRole).toString(), u"update"_s);
}

void tst_AlertHistoryModel::clearEmpties()
{
    m_model->clear();
    QCOMPARE(m_model->rowCount(), 0);
    QCOMPARE(m_model->alertId(), 0);
}

QTEST_GUILESS_MAIN(tst_AlertHistoryModel)
#include "tst_alerthistorymodel.moc"
