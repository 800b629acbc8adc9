// Desktop notifications for arriving alerts: only critical and high ones raised just now, one
// notification per burst, a beep unless muted, and never the patient in the text.
#include "models/console/AlertBoardModel.h"
#include "ui/shell/AlertNotifier.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

qint64 g_now = QDateTime(QDate(2026, 11, 27), QTime(3, 0), Qt::UTC).toMSecsSinceEpoch();

QJsonObject alert(qint64 id, const QString& severity, qint64 ageMs, const QString& state = u"notified"_s)
{
    const QString created = QDateTime::fromMSecsSinceEpoch(g_now - ageMs, Qt::UTC).toString(Qt::ISODateWithMs);
    return QJsonObject { { u"id"_s, id }, { u"category"_s, u"clinical"_s }, { u"severity"_s, severity },
        { u"state"_s, state }, { u"unit"_s, u"ICU-3"_s }, { u"patientId"_s, u"MRN-998877"_s },
        { u"title"_s, u"Critical result Potassium 6.9 mmol/L (HH)"_s },
        { u"evidence"_s,
            QJsonObject { { u"text"_s, u"Potassium"_s }, { u"value"_s, u"6.9"_s }, { u"units"_s, u"mmol/L"_s },
                { u"flags"_s, QJsonArray { u"HH"_s } }, { u"location"_s, u"ICU-3 301-A"_s } } },
        { u"createdAt"_s, created }, { u"updatedAt"_s, created } };
}

} // namespace

class tst_AlertNotifier : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void criticalArrivalNotifiesAndBeeps();
    void mutedDoesNotBeep();
    void oldAlertsOfALoadAreNotNews();
    void quietSeveritiesAndSilencedAlertsDoNotNotify();
    void updatesAreNotArrivals();
    void pagingAgainNotifiesAgain();
    void aBurstIsOneNotification();
    void disabledNotifiesNothing();

private:
    std::unique_ptr<AlertBoardModel> m_model;
    std::unique_ptr<AlertNotifier> m_notifier;
};

void tst_AlertNotifier::init()
{
    m_model = std::make_unique<AlertBoardModel>();
    m_model->setNodeName(u"n1"_s, u"Ward node"_s);
    m_notifier = std::make_unique<AlertNotifier>(m_model.get());
    m_notifier->setClock([] { return g_now; });
}

void tst_AlertNotifier::cleanup()
{
    m_notifier.reset();
    m_model.reset();
}

void tst_AlertNotifier::criticalArrivalNotifiesAndBeeps()
{
    QSignalSpy notified(m_notifier.get(), &AlertNotifier::notified);
    QSignalSpy banner(m_notifier.get(), &AlertNotifier::bannerRequested);
    QSignalSpy sound(m_notifier.get(), &AlertNotifier::soundPlayed);
    m_model->upsert(u"n1"_s, alert(3, u"critical"_s, 5'000));
    QVERIFY(notified.wait(5000));
    QCOMPARE(notified.count(), 1);
    QCOMPARE(notified.at(0).at(0).toString(), u"Critical alert on Ward node"_s);
    QCOMPARE(notified.at(0).at(1).toString(), u"Critical potassium 6.9 mmol/L (HH) \u2014 ICU-3, bed 301-A"_s);
    // No tray on the offscreen platform: the window's banner instead, pointing at the alert.
    QCOMPARE(banner.count(), 1);
    QCOMPARE(banner.at(0).at(2).toString(), u"n1"_s);
    QCOMPARE(banner.at(0).at(3).toLongLong(), 3);
    QCOMPARE(sound.count(), 1);
    // Never the patient.
    for (const QVariant& v : notified.at(0))
        QVERIFY(!v.toString().contains(u"998877"_s));
    for (const QVariant& v : banner.at(0))
        QVERIFY(!v.toString().contains(u"998877"_s));
}

void tst_AlertNotifier::mutedDoesNotBeep()
{
    m_notifier->setMuted(true);
    QVERIFY(m_notifier->isMuted());
    QSignalSpy notified(m_notifier.get(), &AlertNotifier::notified);
    QSignalSpy sound(m_notifier.get(), &AlertNotifier::soundPlayed);
    m_model->upsert(u"n1"_s, alert(3, u"high"_s, 1'000));
    QVERIFY(notified.wait(5000));
    QCOMPARE(notified.at(0).at(0).toString(), u"High alert on Ward node"_s);
    QCOMPARE(sound.count(), 0);
}

void tst_AlertNotifier::oldAlertsOfALoadAreNotNews()
{
    QSignalSpy notified(m_notifier.get(), &AlertNotifier::notified);
    // A node's list at start: alerts from an hour and from three minutes ago, and one without a time.
    QJsonObject timeless = alert(9, u"critical"_s, 0);
    timeless.remove(u"createdAt"_s);
    m_model->replaceNode(
        u"n1"_s, QJsonArray { alert(1, u"critical"_s, 3600'000), alert(2, u"critical"_s, 3 * 60'000), timeless });
    QCOMPARE(m_model->rowCount(), 3);
    QTest::qWait(AlertNotifier::kCoalesceMs * 3);
    QCOMPARE(notified.count(), 0);
    // Just inside the window still counts.
    m_model->upsert(u"n1"_s, alert(4, u"critical"_s, AlertNotifier::kRecentMs - 1000));
    QVERIFY(notified.wait(5000));
}

void tst_AlertNotifier::quietSeveritiesAndSilencedAlertsDoNotNotify()
{
    QSignalSpy notified(m_notifier.get(), &AlertNotifier::notified);
    m_model->upsert(u"n1"_s, alert(1, u"medium"_s, 1'000));
    m_model->upsert(u"n1"_s, alert(2, u"low"_s, 1'000));
    m_model->upsert(u"n1"_s, alert(3, u"critical"_s, 1'000, u"suppressed"_s));
    QTest::qWait(AlertNotifier::kCoalesceMs * 3);
    QCOMPARE(notified.count(), 0);
}

void tst_AlertNotifier::updatesAreNotArrivals()
{
    QSignalSpy notified(m_notifier.get(), &AlertNotifier::notified);
    m_model->upsert(u"n1"_s, alert(3, u"critical"_s, 1'000));
    QVERIFY(notified.wait(5000));
    QJsonObject escalated = alert(3, u"critical"_s, 1'000, u"escalated"_s);
    escalated.insert(u"updatedAt"_s, QDateTime::fromMSecsSinceEpoch(g_now, Qt::UTC).toString(Qt::ISODateWithMs));
    m_model->upsert(u"n1"_s, escalated);
    QTest::qWait(AlertNotifier::kCoalesceMs * 3);
    QCOMPARE(notified.count(), 1);
}

void tst_AlertNotifier::pagingAgainNotifiesAgain()
{
    const auto at = [](qint64 ms) { return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs); };
    QSignalSpy notified(m_notifier.get(), &AlertNotifier::notified);
    QSignalSpy sound(m_notifier.get(), &AlertNotifier::soundPlayed);
    m_model->upsert(u"n1"_s, alert(3, u"critical"_s, 60'000));
    QVERIFY(notified.wait(5000));

    // Nobody acknowledged in time: level 2 is paged, and this console says so.
    QJsonObject escalated = alert(3, u"critical"_s, 60'000, u"escalated"_s);
    escalated.insert(u"level"_s, 1);
    escalated.insert(u"updatedAt"_s, at(g_now - 1'000));
    m_model->upsert(u"n1"_s, escalated);
    QVERIFY(notified.wait(5000));
    QCOMPARE(notified.count(), 2);
    QCOMPARE(notified.last().at(0).toString(), u"Paging again: Critical alert on Ward node"_s);
    QVERIFY2(notified.last().at(1).toString().contains(u"level 2 is paged"_s), qPrintable(notified.last().at(1).toString()));
    QVERIFY(!notified.last().at(1).toString().contains(u"MRN-998877"_s));
    QCOMPARE(sound.count(), 2);

    // Acknowledged, then left unresolved past the policy's limit: paged again.
    QJsonObject acknowledged = escalated;
    acknowledged.insert(u"state"_s, u"acknowledged"_s);
    acknowledged.insert(u"updatedAt"_s, at(g_now - 500));
    m_model->upsert(u"n1"_s, acknowledged);
    QTest::qWait(AlertNotifier::kCoalesceMs * 3);
    QCOMPARE(notified.count(), 2); // acknowledging pages nobody new
    QJsonObject reopened = escalated;
    reopened.insert(u"updatedAt"_s, at(g_now));
    m_model->upsert(u"n1"_s, reopened);
    QVERIFY(notified.wait(5000));
    QCOMPARE(notified.count(), 3);

    // A level reached long ago (a list reloaded after an absence) is not news.
    m_model->upsert(u"n1"_s, alert(4, u"critical"_s, 10 * 60'000));
    QTest::qWait(AlertNotifier::kCoalesceMs * 3);
    const int before = int(notified.count());
    QJsonObject stale = alert(4, u"critical"_s, 10 * 60'000, u"escalated"_s);
    stale.insert(u"level"_s, 2);
    stale.insert(u"updatedAt"_s, at(g_now - AlertNotifier::kRecentMs - 1'000));
    m_model->upsert(u"n1"_s, stale);
    QTest::qWait(AlertNotifier::kCoalesceMs * 3);
    QCOMPARE(int(notified.count()), before);
}

void tst_AlertNotifier::aBurstIsOneNotification()
{
    QSignalSpy notified(m_notifier.get(), &AlertNotifier::notified);
    QSignalSpy sound(m_notifier.get(), &AlertNotifier::soundPlayed);
    m_model->upsert(u"n1"_s, alert(1, u"high"_s, 1'000));
    m_model->upsert(u"n1"_s, alert(2, u"critical"_s, 1'000));
    m_model->upsert(u"n1"_s, alert(3, u"high"_s, 1'000));
    QVERIFY(notified.wait(5000));
    QTest::qWait(AlertNotifier::kCoalesceMs * 2);
    QCOMPARE(notified.count(), 1);
    QCOMPARE(sound.count(), 1);
    QCOMPARE(notified.at(0).at(0).toString(), u"New alerts: 3"_s);
    // The most severe one is named.
    QVERIFY2(notified.at(0).at(1).toString().startsWith(u"Critical alert on Ward node: Critical potassium"_s),
        qPrintable(notified.at(0).at(1).toString()));
    QVERIFY(notified.at(0).at(1).toString().contains(u"and 2 more"_s));
}

void tst_AlertNotifier::disabledNotifiesNothing()
{
    m_notifier->setEnabled(false);
    QSignalSpy notified(m_notifier.get(), &AlertNotifier::notified);
    m_model->upsert(u"n1"_s, alert(1, u"critical"_s, 1'000));
    QTest::qWait(AlertNotifier::kCoalesceMs * 3);
    QCOMPARE(notified.count(), 0);
}

QTEST_MAIN(tst_AlertNotifier)
#include "tst_alertnotifier.moc"
