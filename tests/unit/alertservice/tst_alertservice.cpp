// Unit tests of the node's alert service composition (rules → state machine → store → notifications,
// timers) over a real ops.db with a fake clock: one alert per critical result, folding, escalation
// through levels and repeats, acknowledgement, resolution, manual escalation, the in-transaction hook,
// durable timers across a restart, silences, cooldown, corrections, retraction, and a failing webhook.
//
// Driving time: the service's QTimer waits for (earliest wake - fake now), computed when it is armed.
// The policies here use 1 s timeouts, so after the fake clock is moved past a deadline the armed
// timer fires within about a second of real time and finds the deadline due.
#include "node/alerts/AlertMetrics.h"
#include "node/alerts/AlertService.h"
#include "node/alerts/AlertStore.h"
#include "node/metrics/MetricsRegistry.h"
#include "node/ops/OpsDatabase.h"

#include <QFile>
#include <QHostAddress>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;

namespace {

constexpr qint64 T0 = 1'790'000'000'000; // 2026-09-21
constexpr qint64 TimeoutMs = 1000;       // every level's ackTimeoutSeconds
const QString ClinicalRule = u"critical-lab"_s;
const QString QueueRule = u"queue-deep"_s;

EscalationPolicy clinicalPolicy()
{
    return EscalationPolicy{u"clinical-test"_s,
                            {EscalationLevel{{Recipient{u"unit"_s, {}}}, 1},
                             EscalationLevel{{Recipient{u"role"_s, u"charge-nurse"_s}}, 1},
                             EscalationLevel{{Recipient{u"role"_s, u"house-supervisor"_s}}, 1}}};
}

AlertsConfig testConfig()
{
    AlertsConfig config;
    config.version = u"test-1"_s;
    config.policies = {clinicalPolicy(),
                       EscalationPolicy{u"ops-test"_s, {EscalationLevel{{Recipient{u"team"_s, u"support"_s}}, 1}}}};

    CriticalResultRuleConfig critical;
    critical.common.id = ClinicalRule;
    critical.common.severity = AlertSeverity::Critical;
    critical.common.policy = u"clinical-test"_s;
    config.criticalResults = {critical};

    OperationalRuleConfig queue;
    queue.common.id = QueueRule;
    queue.common.severity = AlertSeverity::High;
    queue.common.policy = u"ops-test"_s;
    queue.common.cooldownSeconds = 1;
    queue.kind = OperationalRuleConfig::Kind::QueueDepth;
    queue.target = u"*"_s;
    queue.threshold = 100;
    queue.forSeconds = 0;
    config.operational = {queue};
    return config;
}

QByteArray readData(const QString& name)
{
    QFile file(QStringLiteral(VIGIL_TEST_DATA_DIR "/hl7/alerts/") + name);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read test message %s", qPrintable(name));
    return file.readAll();
}

AcceptedMessage oru(const QString& file, qint64 messageId, qint64 receivedAtMs)
{
    AcceptedMessage m;
    m.messageId = messageId;
    m.correlationId = "corr-"_ba + QByteArray::number(messageId);
    m.channel = u"lab-in"_s;
    m.format = u"hl7v2"_s;
    m.messageType = u"ORU"_s;
    m.triggerEvent = u"R01"_s;
    m.raw = readData(file);
    m.receivedAtMs = receivedAtMs;
    return m;
}

OperationalSample queueSample(qint64 atMs, qint64 depth)
{
    OperationalSample sample;
    sample.atMs = atMs;
    OperationalSample::Destination lab;
    lab.name = u"lab"_s;
    lab.queueDepth = depth;
    lab.breakerState = u"closed"_s;
    sample.destinations = {lab};
    return sample;
}

QStringList actionsOf(const Alert& alert)
{
    QStringList actions;
    for (const AlertTransition& t : alert.history)
        actions.append(t.action);
    return actions;
}

QList<AlertNotification> notificationsAt(const QSignalSpy& spy, qsizetype emission)
{
    return spy.at(emission).at(1).value<QList<AlertNotification>>();
}

QStringList reasonsIn(const QSignalSpy& spy)
{
    QStringList reasons;
    for (qsizetype i = 0; i < spy.size(); ++i) {
        for (const AlertNotification& n : notificationsAt(spy, i))
            reasons.append(n.reason);
    }
    return reasons;
}

MetricLabels ruleLabel(const QString& rule)
{
    return {{"rule", rule}};
}

} // namespace

class tst_AlertService : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void criticalResultRaisesOneAlert();
    void sameObservationAgainFolds();
    void escalatesThroughLevelsAndRepeats();
    void acknowledgeStopsEscalation();
    void acknowledgeTwiceIsRefused();
    void acknowledgeAtTheDeadlineWins();
    void resolveRejectsBadDisposition_data();
    void resolveRejectsBadDisposition();
    void resolveCountsDisposition();
    void manualEscalation();
    void hookRunsInsideTheTransaction();
    void failedHookRollsBack();
    void timersSurviveRestart();
    void suppressionSurvivesRestart();
    void silenceValidation_data();
    void silenceValidation();
    void silencedRaiseIsSuppressedUntilExpired();
    void silenceExtendAndShorten();
    void cooldownAfterResolution();
    void correctedCriticalRepages();
    void correctedToNormalResolves();
    void normalResultWritesNothingUnlessAnAlertIsOpen();
    void wrongResultRetracts();
    void webhookFailureEscalatesAtOnce();
    void messagesStoredBeforeACrashAreEvaluatedAtStart();
    void firstStartDoesNotAlertOnHistory();

private:
    void openDatabase();
    void closeDatabase();
    void startService(const AlertsConfig& config = testConfig());
    /// Raises the potassium alert from the final ORU and returns it (fresh from the store).
    Alert raiseCritical(qint64 messageId = 1);
    Alert stored(qint64 id) const;

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<OpsDatabase> m_ops;
    std::unique_ptr<AlertStore> m_store;
    std::unique_ptr<MetricsRegistry> m_metrics;
    std::unique_ptr<AlertService> m_service;
    qint64 m_now = T0;
};

void tst_AlertService::init()
{
    m_now = T0;
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    openDatabase();
    startService();
}

void tst_AlertService::cleanup()
{
    m_service.reset();
    m_metrics.reset();
    closeDatabase();
    m_dir.reset();
}

void tst_AlertService::openDatabase()
{
    m_ops = std::make_unique<OpsDatabase>();
    QString error;
    QVERIFY2(m_ops->open(m_dir->filePath(u"ops.db"_s), &error), qPrintable(error));
    QVERIFY2(AlertStore::ensureSchema(m_ops->db(), &error), qPrintable(error));
    m_store = std::make_unique<AlertStore>(m_ops->db());
}

void tst_AlertService::closeDatabase()
{
    m_store.reset();
    if (m_ops)
        m_ops->close();
    m_ops.reset();
}

void tst_AlertService::startService(const AlertsConfig& config)
{
    // A fresh registry per service: the service registers a collector that points back at it.
    m_metrics = std::make_unique<MetricsRegistry>();
    m_service = std::make_unique<AlertService>(config, *m_store, m_metrics.get(), [this] { return m_now; });
    QString error;
    QVERIFY2(m_service->start(&error), qPrintable(error));
}

Alert tst_AlertService::raiseCritical(qint64 messageId)
{
    m_service->onMessageAccepted(oru(u"oru_r01_critical_potassium_final.hl7"_s, messageId, m_now));
    AlertFilter filter;
    filter.ruleId = ClinicalRule;
    const QList<Alert> alerts = m_store->list(filter);
    if (alerts.size() != 1)
        return Alert{};
    return stored(alerts.constFirst().id);
}

Alert tst_AlertService::stored(qint64 id) const
{
    return m_store->byId(id, true).value_or(Alert{});
}

void tst_AlertService::criticalResultRaisesOneAlert()
{
    QSignalSpy spy(m_service.get(), &AlertService::alertChanged);
    const Alert alert = raiseCritical();
    QVERIFY(alert.id > 0);

    // The sodium OBX is normal (N): only potassium raises.
    QCOMPARE(m_store->list(AlertFilter{}).size(), 1);
    QCOMPARE(alert.ruleId, ClinicalRule);
    QCOMPARE(alert.state, AlertState::Notified);
    QCOMPARE(alert.severity, AlertSeverity::Critical);
    QCOMPARE(alert.unit, u"ICU-3"_s);
    QCOMPARE(alert.subject, u"2823-3"_s);
    QCOMPARE(alert.level, 0);
    QCOMPARE(alert.count, 1);
    QCOMPARE(alert.correlationIds, QList<QByteArray>{"corr-1"_ba});
    QCOMPARE(alert.notifiedAtMs, T0);
    QCOMPARE(alert.deadlineMs, T0 + TimeoutMs);
    QCOMPARE(actionsOf(alert), (QStringList{u"raise"_s, u"notify"_s}));
    QCOMPARE(alert.history.at(0).actor, u"rule:critical-lab"_s);

    QCOMPARE(spy.size(), 1);
    QCOMPARE(spy.at(0).at(0).value<Alert>().id, alert.id);
    const QList<AlertNotification> notifications = notificationsAt(spy, 0);
    QCOMPARE(notifications.size(), 1);
    QCOMPARE(notifications.at(0).reason, u"raised"_s);
    QCOMPARE(notifications.at(0).alertId, alert.id);
    QCOMPARE(notifications.at(0).level, 0);
    QCOMPARE(notifications.at(0).recipients, QList<Recipient>{(Recipient{u"unit"_s, {}})});

    QCOMPARE(m_metrics->value(AlertMetrics::Raised, {{"rule", ClinicalRule}, {"severity", u"critical"_s}}), 1.0);
    QCOMPARE(m_metrics->value(AlertMetrics::Deduplicated, ruleLabel(ClinicalRule)), 0.0);

    // The stream's outbox row is written with the alert and delivered once the event is out.
    const QList<NotificationRecord> outbox = m_store->notificationsOf(alert.id);
    QCOMPARE(outbox.size(), 1);
    QCOMPARE(outbox.at(0).channel, u"stream"_s);
    QCOMPARE(outbox.at(0).reason, u"raised"_s);
    QCOMPARE(outbox.at(0).state, u"delivered"_s);
    QCOMPARE(outbox.at(0).deliveredAtMs, T0);
    QCOMPARE(m_metrics->value(AlertMetrics::Notifications, {{"channel", u"stream"_s}, {"outcome", u"delivered"_s}}),
             1.0);
}

void tst_AlertService::sameObservationAgainFolds()
{
    const Alert first = raiseCritical(1);
    QVERIFY(first.id > 0);
    QSignalSpy spy(m_service.get(), &AlertService::alertChanged);
    m_now += 200;
    m_service->onMessageAccepted(oru(u"oru_r01_critical_potassium_final.hl7"_s, 2, m_now));

    const QList<Alert> all = m_store->list(AlertFilter{});
    QCOMPARE(all.size(), 1);
    const Alert alert = stored(first.id);
    QCOMPARE(alert.count, 2);
    QCOMPARE(alert.state, AlertState::Notified);
    QCOMPARE(alert.correlationIds, (QList<QByteArray>{"corr-1"_ba, "corr-2"_ba}));
    QCOMPARE(alert.history.constLast().action, u"update"_s);
    QCOMPARE(alert.deadlineMs, first.deadlineMs); // folding does not restart the escalation clock

    // Same value, not a correction: recorded, nobody re-paged.
    QCOMPARE(spy.size(), 1);
    QVERIFY(notificationsAt(spy, 0).isEmpty());
    QCOMPARE(m_store->notificationsOf(alert.id).size(), 1);
    QCOMPARE(m_metrics->value(AlertMetrics::Deduplicated, ruleLabel(ClinicalRule)), 1.0);
    QCOMPARE(m_metrics->value(AlertMetrics::Raised, {{"rule", ClinicalRule}, {"severity", u"critical"_s}}), 1.0);
}

void tst_AlertService::escalatesThroughLevelsAndRepeats()
{
    const Alert raised = raiseCritical();
    QVERIFY(raised.id > 0);
    QSignalSpy spy(m_service.get(), &AlertService::alertChanged);

    // Just before the deadline nothing happens, even once the armed timer has fired.
    m_now = T0 + TimeoutMs - 1;
    QTest::qWait(1200);
    QCOMPARE(stored(raised.id).level, 0);
    QCOMPARE(spy.size(), 0);

    struct Expected
    {
        int level;
        int repeats;
        QString action;
        QString reason;
        Recipient recipient;
    };
    const QList<Expected> steps{
        {1, 0, u"escalate"_s, u"escalated"_s, Recipient{u"role"_s, u"charge-nurse"_s}},
        {2, 0, u"escalate"_s, u"escalated"_s, Recipient{u"role"_s, u"house-supervisor"_s}},
        {2, 1, u"repeat"_s, u"repeated"_s, Recipient{u"role"_s, u"house-supervisor"_s}},
        {2, 2, u"repeat"_s, u"repeated"_s, Recipient{u"role"_s, u"house-supervisor"_s}},
    };
    qint64 deadline = raised.deadlineMs;
    for (qsizetype i = 0; i < steps.size(); ++i) {
        const Expected& e = steps.at(i);
        m_now = deadline;
        QTRY_COMPARE(spy.size(), i + 1);
        const Alert alert = stored(raised.id);
        QCOMPARE(alert.state, AlertState::Escalated);
        QCOMPARE(alert.level, e.level);
        QCOMPARE(alert.repeats, e.repeats);
        QCOMPARE(alert.history.constLast().action, e.action);
        QCOMPARE(alert.history.constLast().actor, u"system"_s);
        QCOMPARE(alert.history.constLast().atMs, deadline);
        QCOMPARE(alert.deadlineMs, deadline + TimeoutMs);
        const QList<AlertNotification> n = notificationsAt(spy, i);
        QCOMPARE(n.size(), 1);
        QCOMPARE(n.at(0).reason, e.reason);
        QCOMPARE(n.at(0).level, e.level);
        QCOMPARE(n.at(0).recipients, QList<Recipient>{e.recipient});
        QCOMPARE(m_metrics->value(AlertMetrics::Escalations, ruleLabel(ClinicalRule)), double(i + 1));
        deadline = alert.deadlineMs;
    }
    // Every page went through the outbox and was delivered to the stream.
    const QList<NotificationRecord> outbox = m_store->notificationsOf(raised.id);
    QCOMPARE(outbox.size(), 5);
    for (const NotificationRecord& r : outbox)
        QCOMPARE(r.state, u"delivered"_s);
}

void tst_AlertService::acknowledgeStopsEscalation()
{
    const Alert raised = raiseCritical();
    QVERIFY(raised.id > 0);
    QSignalSpy spy(m_service.get(), &AlertService::alertChanged);

    m_now = T0 + 400;
    const AlertService::Result result = m_service->acknowledge(raised.id, u"nurse.a"_s, u"calling the doctor"_s);
    QCOMPARE(result.status, 200);
    QVERIFY(result.alert);
    QCOMPARE(result.alert->state, AlertState::Acknowledged);

    const Alert alert = stored(raised.id);
    QCOMPARE(alert.state, AlertState::Acknowledged);
    QCOMPARE(alert.acknowledgedBy, u"nurse.a"_s);
    QCOMPARE(alert.acknowledgedAtMs, T0 + 400);
    QCOMPARE(alert.acknowledgeNote, u"calling the doctor"_s);
    QCOMPARE(alert.deadlineMs, 0);
    QCOMPARE(alert.history.constLast().action, u"acknowledge"_s);
    QCOMPARE(alert.history.constLast().actor, u"user:nurse.a"_s);
    QCOMPARE(spy.size(), 1);
    QCOMPARE(reasonsIn(spy), QStringList{u"acknowledged"_s});

    const MetricLabels critical{{"severity", u"critical"_s}};
    QCOMPARE(m_metrics->histogramCount(AlertMetrics::TimeToAcknowledge, critical), quint64(1));
    const QByteArray text = m_metrics->render();
    QVERIFY2(text.contains("vigil_alert_time_to_acknowledge_seconds_sum{severity=\"critical\"} 0.4\n"),
             text.constData());
    QVERIFY(text.contains("vigil_alert_time_to_acknowledge_seconds_bucket{severity=\"critical\",le=\"10\"} 1\n"));

    // Long past the old deadline: nothing escalates.
    m_now = T0 + 10 * TimeoutMs;
    QTest::qWait(1200);
    const Alert later = stored(raised.id);
    QCOMPARE(later.state, AlertState::Acknowledged);
    QCOMPARE(later.level, 0);
    QCOMPARE(later.history.size(), alert.history.size());
    QCOMPARE(spy.size(), 1);
    QCOMPARE(m_metrics->value(AlertMetrics::Escalations, ruleLabel(ClinicalRule)), 0.0);
}

void tst_AlertService::acknowledgeTwiceIsRefused()
{
    const Alert raised = raiseCritical();
    QVERIFY(raised.id > 0);
    m_now = T0 + 100;
    QCOMPARE(m_service->acknowledge(raised.id, u"nurse.a"_s, {}).status, 200);
    const Alert before = stored(raised.id);
    QSignalSpy spy(m_service.get(), &AlertService::alertChanged);

    m_now = T0 + 200;
    const AlertService::Result second = m_service->acknowledge(raised.id, u"nurse.b"_s, u"me too"_s);
    QCOMPARE(second.status, 409);
    QCOMPARE(second.code, u"refused"_s);
    QVERIFY2(second.message.contains(u"nurse.a"_s), qPrintable(second.message));
    QVERIFY(second.alert);
    QCOMPARE(second.alert->acknowledgedBy, u"nurse.a"_s);

    const Alert after = stored(raised.id);
    QCOMPARE(after.acknowledgedBy, u"nurse.a"_s);
    QCOMPARE(after.acknowledgedAtMs, T0 + 100);
    QCOMPARE(after.history.size(), before.history.size());
    QCOMPARE(spy.size(), 0);
    QCOMPARE(m_metrics->histogramCount(AlertMetrics::TimeToAcknowledge, {{"severity", u"critical"_s}}), quint64(1));

    QCOMPARE(m_service->acknowledge(raised.id + 100, u"nurse.a"_s, {}).status, 404);
}

void tst_AlertService::acknowledgeAtTheDeadlineWins()
{
    const Alert raised = raiseCritical();
    QVERIFY(raised.id > 0);
    QSignalSpy spy(m_service.get(), &AlertService::alertChanged);

    // The deadline has passed but the timer has not run yet: the acknowledgement gets there first
    // and the escalation that was due does not happen afterwards.
    m_now = raised.deadlineMs + 50;
    QCOMPARE(m_service->acknowledge(raised.id, u"nurse.a"_s, {}).status, 200);
    QTest::qWait(1100);
    const Alert alert = stored(raised.id);
    QCOMPARE(alert.state, AlertState::Acknowledged);
    QCOMPARE(alert.level, 0);
    QCOMPARE(reasonsIn(spy), QStringList{u"acknowledged"_s});
    QCOMPARE(m_metrics->value(AlertMetrics::Escalations, ruleLabel(ClinicalRule)), 0.0);
}

void tst_AlertService::resolveRejectsBadDisposition_data()
{
    QTest::addColumn<QString>("disposition");
    QTest::addRow("unknown") << u"fixed"_s;
    QTest::addRow("empty") << QString();
    QTest::addRow("case") << u"Treated"_s;
}

void tst_AlertService::resolveRejectsBadDisposition()
{
    QFETCH(QString, disposition);
    const Alert raised = raiseCritical();
    QVERIFY(raised.id > 0);
    QSignalSpy spy(m_service.get(), &AlertService::alertChanged);

    const AlertService::Result result = m_service->resolve(raised.id, u"nurse.a"_s, disposition, {});
    QCOMPARE(result.status, 422);
    QCOMPARE(result.code, u"invalid"_s);
    QVERIFY(result.message.contains(u"treated"_s));
    const Alert alert = stored(raised.id);
    QCOMPARE(alert.state, AlertState::Notified);
    QCOMPARE(alert.history.size(), raised.history.size());
    QCOMPARE(spy.size(), 0);
}

void tst_AlertService::resolveCountsDisposition()
{
    const Alert raised = raiseCritical();
    QVERIFY(raised.id > 0);
    QSignalSpy spy(m_service.get(), &AlertService::alertChanged);
    m_now = T0 + 300;

    const AlertService::Result result = m_service->resolve(raised.id, u"nurse.a"_s, u"false_alarm"_s, u"haemolysed"_s);
    QCOMPARE(result.status, 200);
    const Alert alert = stored(raised.id);
    QCOMPARE(alert.state, AlertState::Resolved);
    QCOMPARE(alert.disposition, u"false_alarm"_s);
    QCOMPARE(alert.closedAtMs, T0 + 300);
    QCOMPARE(alert.closedBy, u"user:nurse.a"_s);
    QCOMPARE(alert.deadlineMs, 0);
    QCOMPARE(alert.history.constLast().action, u"resolve"_s);
    QCOMPARE(reasonsIn(spy), QStringList{u"resolved"_s});
    QCOMPARE(m_metrics->value(AlertMetrics::Dispositions, {{"disposition", u"false_alarm"_s}}), 1.0);

    // Closed: a second resolution is refused and not counted again.
    const AlertService::Result again = m_service->resolve(raised.id, u"nurse.a"_s, u"treated"_s, {});
    QCOMPARE(again.status, 409);
    QCOMPARE(m_metrics->value(AlertMetrics::Dispositions, {{"disposition", u"treated"_s}}), 0.0);

    // A closed alert has no timer: past its old deadline nothing happens.
    m_now = T0 + 5 * TimeoutMs;
    QTest::qWait(1100);
    QCOMPARE(stored(raised.id).history.size(), alert.history.size());
}

void tst_AlertService::manualEscalation()
{
    const Alert raised = raiseCritical();
    QVERIFY(raised.id > 0);
    m_now = T0 + 100;
    QCOMPARE(m_service->acknowledge(raised.id, u"nurse.a"_s, {}).status, 200);
    QSignalSpy spy(m_service.get(), &AlertService::alertChanged);

    m_now = T0 + 300;
    const AlertService::Result result = m_service->escalate(raised.id, u"nurse.a"_s, u"need the charge nurse"_s);
    QCOMPARE(result.status, 200);
    const Alert alert = stored(raised.id);
    QCOMPARE(alert.state, AlertState::Escalated);
    QCOMPARE(alert.level, 1);
    QVERIFY(alert.acknowledgedBy.isEmpty()); // re-opened: nobody owns it until acknowledged again
    QCOMPARE(alert.deadlineMs, T0 + 300 + TimeoutMs);
    QCOMPARE(alert.history.constLast().action, u"escalate"_s);
    QCOMPARE(alert.history.constLast().actor, u"user:nurse.a"_s);
    QVERIFY(alert.history.constLast().note.contains(u"need the charge nurse"_s));
    QCOMPARE(reasonsIn(spy), QStringList{u"escalated"_s});
    QCOMPARE(notificationsAt(spy, 0).at(0).recipients,
             QList<Recipient>{(Recipient{u"role"_s, u"charge-nurse"_s})});
    QCOMPARE(m_metrics->value(AlertMetrics::Escalations, ruleLabel(ClinicalRule)), 1.0);

    // The escalation restarted the timer: it escalates again by itself at the new deadline.
    m_now = alert.deadlineMs;
    QTRY_COMPARE(stored(raised.id).level, 2);
    QCOMPARE(m_metrics->value(AlertMetrics::Escalations, ruleLabel(ClinicalRule)), 2.0);
}

void tst_AlertService::hookRunsInsideTheTransaction()
{
    const Alert raised = raiseCritical();
    QVERIFY(raised.id > 0);
    m_now = T0 + 100;
    std::optional<AlertState> seenInside;
    const AlertService::Result result = m_service->acknowledge(raised.id, u"nurse.a"_s, {}, [&] {
        // The change is already written (same connection) when the hook runs.
        seenInside = m_store->byId(raised.id, false).value_or(Alert{}).state;
        return true;
    });
    QCOMPARE(result.status, 200);
    QCOMPARE(seenInside, std::optional<AlertState>(AlertState::Acknowledged));
    QCOMPARE(stored(raised.id).state, AlertState::Acknowledged);
}

void tst_AlertService::failedHookRollsBack()
{
    const Alert raised = raiseCritical();
    QVERIFY(raised.id > 0);
    const qsizetype outboxBefore = m_store->notificationsOf(raised.id).size();
    QSignalSpy spy(m_service.get(), &AlertService::alertChanged);
    m_now = T0 + 100;

    bool called = false;
    const AlertService::Result result = m_service->acknowledge(raised.id, u"nurse.a"_s, u"note"_s, [&] {
        called = true;
        return false;
    });
    QVERIFY(called);
    QVERIFY(!result.ok());
    QCOMPARE(result.status, 500);
    QCOMPARE(result.code, u"internal"_s);

    const Alert alert = stored(raised.id);
    QCOMPARE(alert.state, AlertState::Notified);
    QVERIFY(alert.acknowledgedBy.isEmpty());
    QCOMPARE(alert.acknowledgedAtMs, 0);
    QCOMPARE(alert.deadlineMs, raised.deadlineMs);
    QCOMPARE(actionsOf(alert), actionsOf(raised));
    QCOMPARE(m_store->notificationsOf(raised.id).size(), outboxBefore);
    QCOMPARE(spy.size(), 0);
    QCOMPARE(m_metrics->histogramCount(AlertMetrics::TimeToAcknowledge, {{"severity", u"critical"_s}}), quint64(0));

    // Same for a silence: nothing is stored.
    Silence silence;
    silence.unit = u"ICU-3"_s;
    silence.reason = u"maintenance"_s;
    silence.endsAtMs = m_now + 60'000;
    QCOMPARE(m_service->createSilence(silence, u"admin"_s, [] { return false; }).status, 500);
    QVERIFY(m_store->silences().isEmpty());

    // No transaction was left open, and the alert still escalates on time.
    QCOMPARE(m_service->resolve(raised.id, u"nurse.a"_s, u"treated"_s, {}, [] { return false; }).status, 500);
    QCOMPARE(stored(raised.id).state, AlertState::Notified);
    m_now = raised.deadlineMs;
    QTRY_COMPARE(stored(raised.id).level, 1);
    QCOMPARE(m_service->acknowledge(raised.id, u"nurse.a"_s, {}).status, 200);
}

void tst_AlertService::timersSurviveRestart()
{
    const Alert raised = raiseCritical();
    QVERIFY(raised.id > 0);
    QCOMPARE(raised.deadlineMs, T0 + TimeoutMs);

    // The node goes down before the deadline and comes back long after it (ten timeouts overdue).
    m_service.reset();
    closeDatabase();
    m_now = T0 + 10 * TimeoutMs;
    openDatabase();
    const qint64 restartedAt = m_now;
    startService();
    QSignalSpy spy(m_service.get(), &AlertService::alertChanged);

    QTRY_COMPARE(stored(raised.id).level, 1);
    Alert alert = stored(raised.id);
    QCOMPARE(alert.state, AlertState::Escalated);
    QCOMPARE(alert.history.count(), raised.history.count() + 1);
    QCOMPARE(alert.history.constLast().action, u"escalate"_s);
    QCOMPARE(alert.history.constLast().atMs, restartedAt);
    QCOMPARE(alert.deadlineMs, restartedAt + TimeoutMs); // counts from the restart, not from the old deadline
    QCOMPARE(m_metrics->value(AlertMetrics::Escalations, ruleLabel(ClinicalRule)), 1.0);

    // Exactly once: the overdue deadline does not fire again while the fake clock stands still.
    QTest::qWait(1500);
    alert = stored(raised.id);
    QCOMPARE(alert.level, 1);
    QCOMPARE(actionsOf(alert).count(u"escalate"_s), 1);
    QCOMPARE(spy.size(), 1);
    QCOMPARE(m_metrics->value(AlertMetrics::Escalations, ruleLabel(ClinicalRule)), 1.0);

    // The next one comes one timeout later.
    m_now = restartedAt + TimeoutMs;
    QTRY_COMPARE(stored(raised.id).level, 2);
    alert = stored(raised.id);
    QCOMPARE(actionsOf(alert).count(u"escalate"_s), 2);
    QCOMPARE(alert.history.constLast().atMs, restartedAt + TimeoutMs);
    QCOMPARE(spy.size(), 2);
}

void tst_AlertService::suppressionSurvivesRestart()
{
    Silence silence;
    silence.unit = u"ICU-3"_s;
    silence.reason = u"downtime"_s;
    silence.endsAtMs = T0 + 5000;
    const AlertService::Result created = m_service->createSilence(silence, u"admin"_s);
    QCOMPARE(created.status, 201);
    const Alert suppressed = raiseCritical();
    QVERIFY(suppressed.id > 0);
    QCOMPARE(suppressed.state, AlertState::Suppressed);

    // Down while the silence ends; back later: the alert pages once, at level 0, from the restart.
    m_service.reset();
    closeDatabase();
    m_now = T0 + 60'000;
    openDatabase();
    startService();
    QSignalSpy spy(m_service.get(), &AlertService::alertChanged);
    QTRY_COMPARE(stored(suppressed.id).state, AlertState::Notified);
    const Alert alert = stored(suppressed.id);
    QCOMPARE(alert.level, 0);
    QCOMPARE(alert.notifiedAtMs, T0 + 60'000);
    QCOMPARE(alert.deadlineMs, T0 + 60'000 + TimeoutMs);
    QCOMPARE(actionsOf(alert).count(u"unsuppress"_s), 1);
    QCOMPARE(reasonsIn(spy), QStringList{u"raised"_s});
    QTest::qWait(300);
    QCOMPARE(spy.size(), 1);
}

void tst_AlertService::silenceValidation_data()
{
    QTest::addColumn<QString>("unit");
    QTest::addColumn<QString>("reason");
    QTest::addColumn<qint64>("endsIn");
    QTest::addColumn<int>("status");

    QTest::addRow("no matcher") << QString() << u"maintenance"_s << qint64(60'000) << 422;
    QTest::addRow("no reason") << u"ICU-3"_s << QString() << qint64(60'000) << 422;
    QTest::addRow("blank reason") << u"ICU-3"_s << u"   "_s << qint64(60'000) << 422;
    QTest::addRow("end in the past") << u"ICU-3"_s << u"maintenance"_s << qint64(-1) << 422;
    QTest::addRow("end now") << u"ICU-3"_s << u"maintenance"_s << qint64(0) << 422;
    QTest::addRow("valid") << u"ICU-3"_s << u"maintenance"_s << qint64(60'000) << 201;
}

void tst_AlertService::silenceValidation()
{
    QFETCH(QString, unit);
    QFETCH(QString, reason);
    QFETCH(qint64, endsIn);
    QFETCH(int, status);

    m_now = T0 + 5000;
    Silence silence;
    silence.unit = unit;
    silence.reason = reason;
    silence.endsAtMs = m_now + endsIn;
    const AlertService::Result result = m_service->createSilence(silence, u"admin"_s);
    QCOMPARE(result.status, status);
    if (status == 422) {
        QCOMPARE(result.code, u"invalid"_s);
        QVERIFY(!result.message.isEmpty());
        QVERIFY(m_store->silences().isEmpty());
        return;
    }
    QVERIFY(result.ok());
    QVERIFY(result.silence);
    QVERIFY(result.silence->id > 0);
    QCOMPARE(result.silence->createdBy, u"admin"_s);
    QCOMPARE(result.silence->createdAtMs, m_now);
    QCOMPARE(result.silence->startsAtMs, m_now);
    const std::optional<Silence> saved = m_store->silence(result.silence->id);
    QVERIFY(saved);
    QCOMPARE(saved->unit, u"ICU-3"_s);
    QCOMPARE(saved->endsAtMs, m_now + endsIn);
}

void tst_AlertService::silencedRaiseIsSuppressedUntilExpired()
{
    Silence silence;
    silence.unit = u"ICU-3"_s;
    silence.reason = u"analyser recalibration"_s;
    silence.endsAtMs = T0 + 3'600'000;
    const AlertService::Result created = m_service->createSilence(silence, u"admin"_s);
    QCOMPARE(created.status, 201);
    const qint64 silenceId = created.silence->id;

    QSignalSpy spy(m_service.get(), &AlertService::alertChanged);
    m_now = T0 + 100;
    const Alert suppressed = raiseCritical();
    QVERIFY(suppressed.id > 0);
    QCOMPARE(suppressed.state, AlertState::Suppressed);
    QCOMPARE(suppressed.silenceId, silenceId);
    QCOMPARE(suppressed.notifiedAtMs, 0);
    QCOMPARE(suppressed.deadlineMs, T0 + 3'600'000);
    QCOMPARE(spy.size(), 1);                         // the console still sees it
    QVERIFY(!reasonsIn(spy).contains(u"raised"_s));  // nobody paged
    QVERIFY(m_store->notificationsOf(suppressed.id).isEmpty());
    QCOMPARE(m_metrics->value(AlertMetrics::Suppressed, {{"rule", ClinicalRule}, {"reason", u"silence"_s}}), 1.0);
    QCOMPARE(m_metrics->value(AlertMetrics::Raised, {{"rule", ClinicalRule}, {"severity", u"critical"_s}}), 0.0);
    // Suppressed alerts cannot be acknowledged.
    QCOMPARE(m_service->acknowledge(suppressed.id, u"nurse.a"_s, {}).status, 409);

    // Ending the silence early: the alert pages at the next deadline check, without waiting for
    // the silence's original end.
    m_now = T0 + 2000;
    const AlertService::Result expired = m_service->expireSilence(silenceId, u"admin"_s);
    QCOMPARE(expired.status, 200);
    QVERIFY(expired.silence);
    QCOMPARE(expired.silence->expiredBy, u"admin"_s);
    QCOMPARE(m_store->silence(silenceId)->expiredBy, u"admin"_s);
    QVERIFY(m_store->silences(m_now).isEmpty());

    QTRY_VERIFY(reasonsIn(spy).contains(u"raised"_s));
    const Alert paged = stored(suppressed.id);
    QCOMPARE(paged.state, AlertState::Notified);
    QCOMPARE(paged.level, 0);
    QCOMPARE(paged.silenceId, 0);
    QCOMPARE(paged.notifiedAtMs, T0 + 2000);
    QCOMPARE(paged.deadlineMs, T0 + 2000 + TimeoutMs);
    QCOMPARE(paged.history.constLast().action, u"unsuppress"_s);
    QCOMPARE(m_store->notificationsOf(paged.id).size(), 1);

    QCOMPARE(m_service->expireSilence(silenceId, u"admin"_s).status, 409);
    QCOMPARE(m_service->expireSilence(silenceId + 100, u"admin"_s).status, 404);
}

void tst_AlertService::silenceExtendAndShorten()
{
    Silence silence;
    silence.ruleId = ClinicalRule;
    silence.reason = u"downtime"_s;
    silence.endsAtMs = T0 + 1000;
    const AlertService::Result created = m_service->createSilence(silence, u"admin"_s);
    QCOMPARE(created.status, 201);
    const qint64 silenceId = created.silence->id;

    const Alert suppressed = raiseCritical();
    QVERIFY(suppressed.id > 0);
    QCOMPARE(suppressed.state, AlertState::Suppressed);
    QCOMPARE(suppressed.deadlineMs, T0 + 1000);
    QSignalSpy spy(m_service.get(), &AlertService::alertChanged);

    // Bad updates change nothing.
    QCOMPARE(m_service->updateSilence(silenceId, T0 - 1, std::nullopt, u"admin"_s).status, 422);
    QCOMPARE(m_service->updateSilence(silenceId, std::nullopt, u" "_s, u"admin"_s).status, 422);
    QCOMPARE(m_service->updateSilence(silenceId + 100, T0 + 5000, std::nullopt, u"admin"_s).status, 404);
    QCOMPARE(m_store->silence(silenceId)->endsAtMs, T0 + 1000);

    // Extended: at its old end the alert stays suppressed until the new one.
    const AlertService::Result extended =
        m_service->updateSilence(silenceId, T0 + 5000, u"downtime, longer"_s, u"admin"_s);
    QCOMPARE(extended.status, 200);
    QCOMPARE(m_store->silence(silenceId)->endsAtMs, T0 + 5000);
    QCOMPARE(m_store->silence(silenceId)->reason, u"downtime, longer"_s);
    m_now = T0 + 1000;
    QTRY_COMPARE(stored(suppressed.id).deadlineMs, T0 + 5000);
    Alert alert = stored(suppressed.id);
    QCOMPARE(alert.state, AlertState::Suppressed);
    QCOMPARE(alert.history.constLast().action, u"suppress"_s);
    QVERIFY(!reasonsIn(spy).contains(u"raised"_s));

    // Shortened: the alert wakes at the new end and pages.
    const AlertService::Result shortened = m_service->updateSilence(silenceId, T0 + 2000, std::nullopt, u"admin"_s);
    QCOMPARE(shortened.status, 200);
    QCOMPARE(stored(suppressed.id).deadlineMs, T0 + 2000);
    QCOMPARE(stored(suppressed.id).state, AlertState::Suppressed);
    m_now = T0 + 2000;
    QTRY_COMPARE(stored(suppressed.id).state, AlertState::Notified);
    alert = stored(suppressed.id);
    QCOMPARE(alert.notifiedAtMs, T0 + 2000);
    QCOMPARE(alert.history.constLast().action, u"unsuppress"_s);
    QVERIFY(reasonsIn(spy).contains(u"raised"_s));

    // Ended: no more changes.
    QCOMPARE(m_service->updateSilence(silenceId, T0 + 9000, std::nullopt, u"admin"_s).status, 409);
}

void tst_AlertService::cooldownAfterResolution()
{
    QSignalSpy spy(m_service.get(), &AlertService::alertChanged);
    const auto queueAlerts = [this] {
        AlertFilter filter;
        filter.ruleId = QueueRule;
        return m_store->list(filter);                // newest first
    };
    const MetricLabels raisedHigh{{"rule", QueueRule}, {"severity", u"high"_s}};

    m_service->onSample(queueSample(m_now, 500));
    QCOMPARE(queueAlerts().size(), 1);
    const qint64 firstId = queueAlerts().constFirst().id;
    QCOMPARE(stored(firstId).state, AlertState::Notified);
    QCOMPARE(stored(firstId).category, AlertCategory::Operational);
    QCOMPARE(m_metrics->value(AlertMetrics::Raised, raisedHigh), 1.0);

    // While it holds, later samples do not fold into churn.
    m_now += 100;
    m_service->onSample(queueSample(m_now, 600));
    QCOMPARE(stored(firstId).count, 1);

    m_now += 100;
    m_service->onSample(queueSample(m_now, 0));
    QCOMPARE(stored(firstId).state, AlertState::Resolved);
    QCOMPARE(stored(firstId).disposition, u"source_cleared"_s);
    QCOMPARE(m_metrics->value(AlertMetrics::Dispositions, {{"disposition", u"source_cleared"_s}}), 1.0);
    const qint64 closedAt = m_now;

    // Again within the cooldown: a new alert, kept quiet until the cooldown ends.
    spy.clear();
    m_now += 200;
    m_service->onSample(queueSample(m_now, 700));
    QCOMPARE(queueAlerts().size(), 2);
    const qint64 secondId = queueAlerts().constFirst().id;
    Alert second = stored(secondId);
    QCOMPARE(second.state, AlertState::Suppressed);
    QCOMPARE(second.replacesAlertId, firstId);
    QCOMPARE(second.silenceId, 0);
    QCOMPARE(second.deadlineMs, closedAt + 1000);
    QVERIFY(!reasonsIn(spy).contains(u"raised"_s));
    QCOMPARE(m_metrics->value(AlertMetrics::Suppressed, {{"rule", QueueRule}, {"reason", u"cooldown"_s}}), 1.0);
    QCOMPARE(m_metrics->value(AlertMetrics::Raised, raisedHigh), 1.0);

    // Still holding after the cooldown: it pages.
    m_now = closedAt + 1000;
    m_service->onSample(queueSample(m_now, 700));
    QTRY_COMPARE(stored(secondId).state, AlertState::Notified);
    second = stored(secondId);
    QCOMPARE(second.notifiedAtMs, closedAt + 1000);
    QCOMPARE(second.history.constLast().action, u"unsuppress"_s);
    QVERIFY(reasonsIn(spy).contains(u"raised"_s));

    // Cleared again, and raised after the cooldown has passed: paged at once.
    m_now += 100;
    m_service->onSample(queueSample(m_now, 0));
    QCOMPARE(stored(secondId).state, AlertState::Resolved);
    m_now += 1000;
    m_service->onSample(queueSample(m_now, 800));
    QCOMPARE(queueAlerts().size(), 3);
    const Alert third = stored(queueAlerts().constFirst().id);
    QCOMPARE(third.state, AlertState::Notified);
    QCOMPARE(third.replacesAlertId, secondId);
    QCOMPARE(m_metrics->value(AlertMetrics::Suppressed, {{"rule", QueueRule}, {"reason", u"cooldown"_s}}), 1.0);
    // Every alert that paged counts as raised, including the one that paged when its cooldown ended.
    QCOMPARE(m_metrics->value(AlertMetrics::Raised, raisedHigh), 3.0);
}

void tst_AlertService::correctedCriticalRepages()
{
    const Alert raised = raiseCritical();
    QVERIFY(raised.id > 0);
    QSignalSpy spy(m_service.get(), &AlertService::alertChanged);
    m_now = T0 + 300;
    m_service->onMessageAccepted(oru(u"oru_r01_critical_potassium_corrected_critical.hl7"_s, 2, m_now));

    QCOMPARE(m_store->list(AlertFilter{}).size(), 1);
    const Alert alert = stored(raised.id);
    QCOMPARE(alert.state, AlertState::Notified);
    QCOMPARE(alert.count, 2);
    QCOMPARE(alert.resultStatus, u"C"_s);
    QCOMPARE(alert.evidence.value(u"value"_s).toVariant().toString(), u"7.2"_s);
    QCOMPARE(reasonsIn(spy), QStringList{u"corrected"_s});
}

void tst_AlertService::correctedToNormalResolves()
{
    const Alert raised = raiseCritical();
    QVERIFY(raised.id > 0);
    QSignalSpy spy(m_service.get(), &AlertService::alertChanged);
    m_now = T0 + 300;
    m_service->onMessageAccepted(oru(u"oru_r01_critical_potassium_corrected_normal.hl7"_s, 2, m_now));

    QCOMPARE(m_store->list(AlertFilter{}).size(), 1);
    const Alert alert = stored(raised.id);
    QCOMPARE(alert.state, AlertState::Resolved);
    QCOMPARE(alert.disposition, u"corrected"_s);
    QCOMPARE(alert.closedBy, u"rule:critical-lab"_s);
    QCOMPARE(alert.closedAtMs, T0 + 300);
    QCOMPARE(alert.deadlineMs, 0);
    QCOMPARE(alert.correlationIds, (QList<QByteArray>{"corr-1"_ba, "corr-2"_ba}));
    QCOMPARE(alert.history.constLast().action, u"resolve"_s);
    QCOMPARE(reasonsIn(spy), QStringList{u"resolved"_s});
    QCOMPARE(m_metrics->value(AlertMetrics::Dispositions, {{"disposition", u"corrected"_s}}), 1.0);
}

void tst_AlertService::normalResultWritesNothingUnlessAnAlertIsOpen()
{
    // The same panel with a normal potassium: what most results look like.
    AcceptedMessage normal = oru(u"oru_r01_critical_potassium_final.hl7"_s, 1, m_now);
    normal.raw.replace("|6.9|", "|4.2|").replace("|HH|", "|N|");
    const std::optional<qint64> markBefore = m_store->rulesMark();
    QVERIFY(markBefore);

    QSignalSpy spy(m_service.get(), &AlertService::alertChanged);
    m_service->onMessageAccepted(normal);
    QVERIFY(m_store->list(AlertFilter{}).isEmpty());
    QCOMPARE(spy.size(), 0);
    // Nothing changed, so nothing was written on the ingest thread: not even the rules' position,
    // which the next operational sample saves.
    QCOMPARE(m_store->rulesMark(), markBefore);
    m_service->onSample(queueSample(m_now, 0));
    QCOMPARE(m_store->rulesMark(), std::optional<qint64>(1));

    // With a critical alert open, the same normal result clears it.
    const Alert raised = raiseCritical(2);
    QVERIFY(raised.id > 0);
    m_now = T0 + 300;
    normal.messageId = 3;
    normal.correlationId = "corr-3"_ba;
    m_service->onMessageAccepted(normal);
    const Alert alert = stored(raised.id);
    QCOMPARE(alert.state, AlertState::Resolved);
    QCOMPARE(alert.disposition, u"corrected"_s);
    QCOMPARE(m_store->rulesMark(), std::optional<qint64>(3));
    // Closed: a further normal result finds nothing to clear and writes nothing.
    normal.messageId = 4;
    m_service->onMessageAccepted(normal);
    QCOMPARE(m_store->rulesMark(), std::optional<qint64>(3));
    QCOMPARE(stored(raised.id).history.size(), alert.history.size());
}

void tst_AlertService::wrongResultRetracts()
{
    const Alert raised = raiseCritical();
    QVERIFY(raised.id > 0);
    QSignalSpy spy(m_service.get(), &AlertService::alertChanged);
    m_now = T0 + 300;
    m_service->onMessageAccepted(oru(u"oru_r01_critical_potassium_wrong.hl7"_s, 2, m_now));

    QCOMPARE(m_store->list(AlertFilter{}).size(), 1);
    const Alert alert = stored(raised.id);
    QCOMPARE(alert.state, AlertState::Retracted);
    QCOMPARE(alert.resultStatus, u"W"_s);
    QCOMPARE(alert.deadlineMs, 0);
    QCOMPARE(alert.history.constLast().action, u"retract"_s);
    QCOMPARE(reasonsIn(spy), QStringList{u"retracted"_s});
    QCOMPARE(notificationsAt(spy, 0).at(0).recipients, QList<Recipient>{(Recipient{u"unit"_s, {}})});
    QCOMPARE(m_metrics->value(AlertMetrics::Dispositions, {{"disposition", u"retracted"_s}}), 1.0);
    // Terminal: an acknowledgement now is refused.
    QCOMPARE(m_service->acknowledge(raised.id, u"nurse.a"_s, {}).status, 409);
}

void tst_AlertService::webhookFailureEscalatesAtOnce()
{
    // A port nobody listens on: bind one, then close it.
    quint16 port = 0;
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost));
        port = probe.serverPort();
    }
    AlertsConfig config = testConfig();
    AlertWebhookConfig pager;
    pager.name = u"pager"_s;
    pager.url = QUrl(u"http://127.0.0.1:%1/page"_s.arg(port));
    pager.reasons = {u"raised"_s};                   // only the first page goes to the pager
    pager.maxAttempts = 1;
    pager.initialDelayMs = 1;
    pager.maxDelayMs = 10;
    pager.timeoutMs = 2000;
    config.webhooks = {pager};
    m_service.reset();
    startService(config);

    QSignalSpy spy(m_service.get(), &AlertService::alertChanged);
    const Alert raised = raiseCritical();
    QVERIFY(raised.id > 0);
    QCOMPARE(raised.level, 0);
    const auto webhookRow = [this, &raised]() -> NotificationRecord {
        for (const NotificationRecord& r : m_store->notificationsOf(raised.id)) {
            if (r.channel == u"webhook:pager")
                return r;
        }
        return NotificationRecord{};
    };
    QCOMPARE(webhookRow().reason, u"raised"_s);

    // The fake clock stands still: the escalation comes from the failure, not from a timeout.
    QTRY_COMPARE(webhookRow().state, u"failed"_s);
    QTRY_COMPARE(stored(raised.id).level, 1);
    const NotificationRecord failed = webhookRow();
    QCOMPARE(failed.attempts, 1);
    QCOMPARE(failed.lastError, u"connection refused"_s);
    QCOMPARE(failed.level, 0);

    const Alert alert = stored(raised.id);
    QCOMPARE(alert.state, AlertState::Escalated);
    const QStringList actions = actionsOf(alert);
    QCOMPARE(actions, (QStringList{u"raise"_s, u"notify"_s, u"notification-failed"_s, u"escalate"_s}));
    QVERIFY(alert.history.at(2).note.contains(u"connection refused"_s));
    QVERIFY(alert.history.at(3).note.contains(u"failed on every channel"_s));
    QCOMPARE(alert.history.at(3).atMs, T0);
    QCOMPARE(alert.deadlineMs, T0 + TimeoutMs);
    QVERIFY(reasonsIn(spy).contains(u"escalated"_s));
    QCOMPARE(m_metrics->value(AlertMetrics::Escalations, ruleLabel(ClinicalRule)), 1.0);
    QCOMPARE(m_metrics->value(AlertMetrics::Notifications, {{"channel", u"webhook"_s}, {"outcome", u"failed"_s}}),
             1.0);
    QVERIFY(m_metrics->render().contains("vigil_alert_notifications_pending{state=\"failed\"} 1\n"));
}


void tst_AlertService::messagesStoredBeforeACrashAreEvaluatedAtStart()
{
    // The node stored (and acknowledged) message 7, then stopped before its alert was committed:
    // the rules' position is still 6.
    m_service->onMessageAccepted(oru(u"oru_r01_critical_potassium_final.hl7"_s, 6, m_now));
    AlertFilter all;
    const qsizetype before = m_store->list(all).size();
    QCOMPARE(m_store->rulesMark().value_or(0), 6);
    m_service.reset();
    closeDatabase();
    openDatabase();

    QList<qint64> askedAfter;
    m_metrics = std::make_unique<MetricsRegistry>();
    m_service = std::make_unique<AlertService>(testConfig(), *m_store, m_metrics.get(), [this] { return m_now; });
    m_service->setRecoverySource(
        [&askedAfter](qint64 afterId, int) {
            askedAfter.append(afterId);
            QList<AcceptedMessage> stored;
            if (afterId < 7)
                stored.append(oru(u"oru_r01_two_orders.hl7"_s, 7, T0));
            return stored;
        },
        7);
    QString error;
    QVERIFY2(m_service->start(&error), qPrintable(error));
    QCOMPARE(askedAfter.value(0), 6);
    QVERIFY2(m_store->list(all).size() > before, "the message stored before the stop raised nothing at start");
    QCOMPARE(m_store->rulesMark().value_or(0), 7);
}

void tst_AlertService::firstStartDoesNotAlertOnHistory()
{
    // A node upgraded to alerts with a store full of old results: they are history, not news.
    m_service.reset();
    closeDatabase();
    m_dir = std::make_unique<QTemporaryDir>();
    openDatabase();
    bool asked = false;
    m_metrics = std::make_unique<MetricsRegistry>();
    m_service = std::make_unique<AlertService>(testConfig(), *m_store, m_metrics.get(), [this] { return m_now; });
    m_service->setRecoverySource(
        [&asked](qint64, int) {
            asked = true;
            return QList<AcceptedMessage>{oru(u"oru_r01_critical_potassium_final.hl7"_s, 3, T0)};
        },
        500);
    QString error;
    QVERIFY2(m_service->start(&error), qPrintable(error));
    QVERIFY(!asked);
    QCOMPARE(m_store->list(AlertFilter{}).size(), 0);
    QCOMPARE(m_store->rulesMark().value_or(-1), 500);
}

QTEST_GUILESS_MAIN(tst_AlertService)
#include "tst_alertservice.moc"
