// Unit tests of the alert state machine (SEMANTICS.md 2.4 and 3.3) driven by a fake clock: raise and
// first page, the timeout chain through every level and the repeats at the last, durable deadlines
// (an overdue one fires once), acknowledgement (first wins, racing an escalation), cooldown and
// silence suppression, expiry, corrections, retractions, withdrawn notices, deduplication, manual
// escalation, delivery failures, refusals and the attribution of every history step.
#include "models/alerts/AlertStateMachine.h"

#include <QJsonArray>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

constexpr qint64 T0 = 1'700'000'000'000; // 2023-11-14T22:13:20Z
constexpr qint64 Second = 1000;
constexpr qint64 Minute = 60 * Second;
const QString PatientId = u"PID-4711^^^HOSP"_s;
const QString ClinicalRule = u"critical-results"_s;

QString st(AlertState state)
{
    return AlertNames::state(state);
}

QStringList names(const QList<Recipient>& recipients)
{
    QStringList out;
    for (const Recipient& r : recipients)
        out.append(r.toString());
    return out;
}

Recipient rcp(const QString& text)
{
    return *Recipient::parse(text);
}

// primary nurse (5 min) → charge nurse (10 min) → attending + house supervisor (15 min, repeated).
EscalationPolicy clinicalPolicy()
{
    EscalationPolicy p;
    p.name = u"clinical-critical"_s;
    p.levels = {
        EscalationLevel{{rcp(u"role:nurse"_s), rcp(u"unit"_s)}, 300},
        EscalationLevel{{rcp(u"role:charge-nurse"_s), rcp(u"unit"_s)}, 600},
        EscalationLevel{{rcp(u"role:attending"_s), rcp(u"user:house-supervisor"_s)}, 900},
    };
    return p;
}

EscalationPolicy supportPolicy()
{
    EscalationPolicy p;
    p.name = u"support"_s;
    p.levels = {EscalationLevel{{rcp(u"team:support"_s)}, 120}, EscalationLevel{{rcp(u"role:admin"_s)}, 240}};
    return p;
}

AlertSignal labSignal(double value, const QString& status = u"F"_s, const QByteArray& correlationId = "corr-1")
{
    AlertSignal s;
    s.kind = AlertSignal::Kind::Raise;
    s.ruleId = ClinicalRule;
    s.category = AlertCategory::Clinical;
    s.severity = AlertSeverity::Critical;
    s.dedupKey = "key-k";
    s.groupKey = "group-panel";
    s.unit = u"ICU"_s;
    s.team = u"nursing"_s;
    s.subject = u"K"_s;
    s.title = u"Critical potassium"_s;
    s.patientId = PatientId;
    s.evidence = QJsonObject{{u"value"_s, value}, {u"flags"_s, QJsonArray{u"HH"_s}}, {u"units"_s, u"mmol/L"_s}};
    s.correlationId = correlationId;
    s.messageId = 17;
    s.resultStatus = status;
    s.policy = u"clinical-critical"_s;
    s.maxAgeMs = 60 * Minute; // ignored: clinical alerts never expire
    return s;
}

AlertSignal queueSignal()
{
    AlertSignal s;
    s.kind = AlertSignal::Kind::Raise;
    s.ruleId = u"queue-depth"_s;
    s.category = AlertCategory::Operational;
    s.severity = AlertSeverity::High;
    s.dedupKey = "dest-lab";
    s.team = u"support"_s;
    s.subject = u"destination lab"_s;
    s.title = u"Queue of destination lab above 500"_s;
    s.evidence = QJsonObject{{u"value"_s, 812}, {u"threshold"_s, 500}};
    s.policy = u"support"_s;
    s.cooldownMs = 10 * Minute;
    s.maxAgeMs = 60 * Minute;
    return s;
}

} // namespace

class tst_AlertStateMachine : public QObject
{
    Q_OBJECT

private slots:
    void init();

    void raiseNotifiesLevelZero();
    void raiseWithoutPolicyIsRefused();
    void timeoutsChainThroughLevelsAndRepeat();
    void deadlineNotReachedDoesNothing();
    void overdueDeadlineFiresOnce();
    void acknowledgeStopsEscalation_data();
    void acknowledgeStopsEscalation();
    void acknowledgementRacesEscalation_data();
    void acknowledgementRacesEscalation();
    void refusals_data();
    void refusals();
    void cooldownSuppressesThenPages();
    void raiseAfterCooldownPagesAndLinks();
    void silenceSuppression_data();
    void silenceSuppression();
    void inactiveSilenceDoesNotSuppress();
    void suppressedAlertOnlyUpdatesAndClearsQuietly();
    void expiry_data();
    void expiry();
    void expiryOfNeverPagedAlertIsQuiet();
    void correctionStillCriticalRePages_data();
    void correctionStillCriticalRePages();
    void correctionToNormalResolves();
    void cancelledResultResolves();
    void clearOfNeverPagedAlertIsQuiet();
    void retractAfterAcknowledgement();
    void retractOfResolvedAlert();
    void retractOfNeverPagedAlertIsQuiet();
    void retractWithNothingToRetract();
    void withdrawnNoticeAfterClosedAndAcknowledged();
    void noWithdrawnNoticeWithoutAcknowledger();
    void statusOnlyUpdateDoesNotPage();
    void preliminaryThenFinalSameValueDoesNotPage();
    void severityUpgradeRePages();
    void severityDowngradeDoesNotPage();
    void duplicateRaiseOnlyCounts();
    void updatesKeepPreviousValuesNewestFirst();
    void correctionToNormalKeepsTheCriticalValue();
    void operationalEvidenceHasNoPreviousValues();
    void manualEscalateFromAcknowledgedReopens();
    void unresolvedAcknowledgementPagesAgain();
    void manualEscalateAtLastLevelRepeats();
    void deliveryFailure_data();
    void deliveryFailure();
    void resolveByUser();
    void pagedSoFarDeduplicates();
    void historyAttribution();

private:
    Alert raise(const AlertSignal& signal, const EscalationPolicy& policy, qint64 id = 42);
    void checkNoPhi(const Alert& alert);

    qint64 m_now = T0;
    AlertStateMachine m_machine{[this] { return m_now; }};
    EscalationPolicy m_clinical = clinicalPolicy();
    EscalationPolicy m_support = supportPolicy();
};

void tst_AlertStateMachine::init()
{
    m_now = T0;
}

Alert tst_AlertStateMachine::raise(const AlertSignal& signal, const EscalationPolicy& policy, qint64 id)
{
    AlertStateMachine::KeyContext ctx;
    ctx.policy = &policy;
    AlertStateMachine::SignalResult r = m_machine.onSignal(signal, ctx);
    if (!r.created)
        qFatal("raise created no alert");
    Alert a = *r.created;
    a.id = id; // as the store would
    return a;
}

void tst_AlertStateMachine::checkNoPhi(const Alert& alert)
{
    for (const AlertTransition& t : alert.history) {
        QVERIFY2(!t.note.contains(u"PID"_s), qPrintable(t.note));
        QVERIFY2(!t.note.contains(u"4711"_s), qPrintable(t.note));
    }
}

void tst_AlertStateMachine::raiseNotifiesLevelZero()
{
    AlertStateMachine::KeyContext ctx;
    ctx.policy = &m_clinical;
    const AlertStateMachine::SignalResult r = m_machine.onSignal(labSignal(6.9), ctx);

    QVERIFY(r.step.refusal.isEmpty());
    QVERIFY(r.step.changed);
    QVERIFY(r.created.has_value());
    QCOMPARE(r.step.suppressed, 0);
    QCOMPARE(r.step.deduplicated, 0);
    const Alert& a = *r.created;
    QCOMPARE(a.id, 0);
    QCOMPARE(st(a.state), st(AlertState::Notified));
    QCOMPARE(a.level, 0);
    QCOMPARE(a.count, 1);
    QCOMPARE(a.createdAtMs, T0);
    QCOMPARE(a.updatedAtMs, T0);
    QCOMPARE(a.notifiedAtMs, T0);
    QCOMPARE(a.deadlineMs, T0 + 300 * Second);
    QCOMPARE(a.expiresAtMs, 0); // clinical: never expires although the signal carries a max age
    QCOMPARE(a.nextWakeMs(), T0 + 300 * Second);
    QCOMPARE(a.patientId, PatientId);
    QCOMPARE(a.unit, u"ICU"_s);
    QCOMPARE(a.dedupKey, "key-k"_ba);
    QCOMPARE(a.correlationIds, QList<QByteArray>{"corr-1"_ba});
    QCOMPARE(a.resultStatus, u"F"_s);
    QCOMPARE(a.replacesAlertId, 0);
    QCOMPARE(a.policy, u"clinical-critical"_s);

    QCOMPARE(a.history.size(), 2);
    QCOMPARE(a.history[0].action, u"raise"_s);
    QCOMPARE(st(a.history[0].from), st(AlertState::Open));
    QCOMPARE(st(a.history[0].to), st(AlertState::Open));
    QCOMPARE(a.history[0].actor, u"rule:critical-results"_s);
    QCOMPARE(a.history[0].correlationId, "corr-1"_ba);
    QVERIFY(a.history[0].note.contains(u"6.9"_s));
    QCOMPARE(a.history[1].action, u"notify"_s);
    QCOMPARE(st(a.history[1].from), st(AlertState::Open));
    QCOMPARE(st(a.history[1].to), st(AlertState::Notified));
    QCOMPARE(a.history[1].actor, u"system"_s);
    QCOMPARE(a.history[1].level, 0);
    for (const AlertTransition& t : a.history)
        QCOMPARE(t.atMs, T0);
    checkNoPhi(a);

    QCOMPARE(r.step.notifications.size(), 1);
    const AlertNotification& n = r.step.notifications.first();
    QCOMPARE(n.alertId, 0);
    QCOMPARE(n.reason, u"raised"_s);
    QCOMPARE(n.level, 0);
    QCOMPARE(n.atMs, T0);
    QCOMPARE(names(n.recipients), (QStringList{u"role:nurse"_s, u"unit"_s}));
}

void tst_AlertStateMachine::raiseWithoutPolicyIsRefused()
{
    AlertStateMachine::KeyContext ctx;
    AlertStateMachine::SignalResult r = m_machine.onSignal(labSignal(6.9), ctx);
    QVERIFY(!r.created);
    QVERIFY(!r.step.changed);
    QVERIFY(r.step.refusal.contains(u"clinical-critical"_s));

    const EscalationPolicy empty{u"empty"_s, {}};
    ctx.policy = &empty;
    r = m_machine.onSignal(labSignal(6.9), ctx);
    QVERIFY(!r.created);
    QVERIFY(!r.step.refusal.isEmpty());
}

void tst_AlertStateMachine::timeoutsChainThroughLevelsAndRepeat()
{
    Alert a = raise(labSignal(6.9), m_clinical);

    struct Expect
    {
        qint64 wait;
        int level;
        int repeats;
        QString reason;
        QStringList recipients;
        qint64 nextTimeout;
    };
    const QList<Expect> chain{
        {300 * Second, 1, 0, u"escalated"_s, {u"role:charge-nurse"_s, u"unit"_s}, 600 * Second},
        {600 * Second, 2, 0, u"escalated"_s, {u"role:attending"_s, u"user:house-supervisor"_s}, 900 * Second},
        {900 * Second, 2, 1, u"repeated"_s, {u"role:attending"_s, u"user:house-supervisor"_s}, 900 * Second},
        {900 * Second, 2, 2, u"repeated"_s, {u"role:attending"_s, u"user:house-supervisor"_s}, 900 * Second},
        {900 * Second, 2, 3, u"repeated"_s, {u"role:attending"_s, u"user:house-supervisor"_s}, 900 * Second},
    };
    for (const Expect& e : chain) {
        m_now += e.wait;
        QCOMPARE(a.nextWakeMs(), m_now);
        const qsizetype before = a.history.size();
        const AlertStateMachine::Step s = m_machine.onDeadline(a, m_clinical);
        QVERIFY(s.changed);
        QVERIFY(s.refusal.isEmpty());
        QCOMPARE(s.escalations, 1);
        QCOMPARE(st(a.state), st(AlertState::Escalated));
        QCOMPARE(a.level, e.level);
        QCOMPARE(a.repeats, e.repeats);
        QCOMPARE(a.deadlineMs, m_now + e.nextTimeout);
        QCOMPARE(a.updatedAtMs, m_now);
        QCOMPARE(a.history.size(), before + 1);
        const AlertTransition& t = a.history.last();
        QCOMPARE(t.action, e.repeats > 0 ? u"repeat"_s : u"escalate"_s);
        QCOMPARE(t.actor, u"system"_s);
        QCOMPARE(t.atMs, m_now);
        QCOMPARE(t.level, e.level);
        QCOMPARE(s.notifications.size(), 1);
        const AlertNotification& n = s.notifications.first();
        QCOMPARE(n.alertId, 42);
        QCOMPARE(n.reason, e.reason);
        QCOMPARE(n.level, e.level);
        QCOMPARE(n.atMs, m_now);
        QCOMPARE(names(n.recipients), e.recipients);
    }
    QCOMPARE(a.notifiedAtMs, T0); // the first page stays the first page
    checkNoPhi(a);
}

void tst_AlertStateMachine::deadlineNotReachedDoesNothing()
{
    Alert a = raise(labSignal(6.9), m_clinical);
    const Alert before = a;
    m_now = a.deadlineMs - 1;
    const AlertStateMachine::Step s = m_machine.onDeadline(a, m_clinical);
    QVERIFY(!s.changed);
    QVERIFY(s.notifications.isEmpty());
    QCOMPARE(a.history.size(), before.history.size());
    QCOMPARE(a.level, 0);
    QCOMPARE(a.deadlineMs, before.deadlineMs);
    QCOMPARE(a.updatedAtMs, before.updatedAtMs);
}

void tst_AlertStateMachine::overdueDeadlineFiresOnce()
{
    // A node down for an hour comes back with a deadline long past: one escalation, and the next
    // deadline a full level-1 timeout from now (not a burst catching up from the old deadline).
    Alert a = raise(labSignal(6.9), m_clinical);
    m_now = a.deadlineMs + 60 * Minute;
    AlertStateMachine::Step s = m_machine.onDeadline(a, m_clinical);
    QCOMPARE(s.escalations, 1);
    QCOMPARE(a.level, 1);
    QCOMPARE(a.deadlineMs, m_now + 600 * Second);
    const qsizetype historySize = a.history.size();

    s = m_machine.onDeadline(a, m_clinical);
    QVERIFY(!s.changed);
    QCOMPARE(s.escalations, 0);
    QVERIFY(s.notifications.isEmpty());
    QCOMPARE(a.level, 1);
    QCOMPARE(a.history.size(), historySize);
}

void tst_AlertStateMachine::acknowledgeStopsEscalation_data()
{
    QTest::addColumn<QString>("actor");
    QTest::addRow("bare name") << u"alice"_s;
    QTest::addRow("user actor") << u"user:alice"_s;
}

void tst_AlertStateMachine::acknowledgeStopsEscalation()
{
    QFETCH(QString, actor);
    Alert a = raise(labSignal(6.9), m_clinical);
    m_now += 90 * Second;
    const AlertStateMachine::Step s = m_machine.acknowledge(a, actor, u"calling the physician"_s, &m_clinical);
    QVERIFY(s.refusal.isEmpty());
    QVERIFY(s.changed);
    QCOMPARE(st(a.state), st(AlertState::Acknowledged));
    QCOMPARE(a.acknowledgedBy, u"alice"_s);
    QCOMPARE(a.acknowledgedAtMs, m_now);
    QCOMPARE(a.acknowledgeNote, u"calling the physician"_s);
    QCOMPARE(a.deadlineMs, 0);
    QCOMPARE(a.nextWakeMs(), 0);
    QCOMPARE(a.updatedAtMs, m_now);
    const AlertTransition& t = a.history.last();
    QCOMPARE(t.action, u"acknowledge"_s);
    QCOMPARE(t.actor, u"user:alice"_s);
    QCOMPARE(st(t.from), st(AlertState::Notified));
    QCOMPARE(st(t.to), st(AlertState::Acknowledged));
    QCOMPARE(t.atMs, m_now);
    QVERIFY(t.note.contains(u"calling the physician"_s));
    QCOMPARE(s.notifications.size(), 1);
    QCOMPARE(s.notifications.first().reason, u"acknowledged"_s);
    QCOMPARE(names(s.notifications.first().recipients), (QStringList{u"role:nurse"_s, u"unit"_s, u"user:alice"_s}));

    // The old deadline and every later one pass without an escalation.
    for (qint64 t : {T0 + 300 * Second, T0 + 3600 * Second}) {
        m_now = t;
        const AlertStateMachine::Step later = m_machine.onDeadline(a, m_clinical);
        QVERIFY(!later.changed);
        QVERIFY(later.notifications.isEmpty());
        QCOMPARE(a.level, 0);
        QCOMPARE(st(a.state), st(AlertState::Acknowledged));
    }
}

void tst_AlertStateMachine::acknowledgementRacesEscalation_data()
{
    QTest::addColumn<bool>("ackFirst");
    QTest::addColumn<int>("expectedLevel");
    QTest::addColumn<QStringList>("ackRecipients");
    QTest::addRow("acknowledgement first")
        << true << 0 << QStringList{u"role:nurse"_s, u"unit"_s, u"user:alice"_s};
    QTest::addRow("escalation first")
        << false << 1 << QStringList{u"role:nurse"_s, u"unit"_s, u"role:charge-nurse"_s, u"user:alice"_s};
}

void tst_AlertStateMachine::acknowledgementRacesEscalation()
{
    QFETCH(bool, ackFirst);
    QFETCH(int, expectedLevel);
    QFETCH(QStringList, ackRecipients);

    Alert a = raise(labSignal(6.9), m_clinical);
    m_now = a.deadlineMs; // both arrive at exactly the deadline

    AlertStateMachine::Step ack;
    AlertStateMachine::Step deadline;
    if (ackFirst) {
        ack = m_machine.acknowledge(a, u"alice"_s, {}, &m_clinical);
        deadline = m_machine.onDeadline(a, m_clinical);
    } else {
        deadline = m_machine.onDeadline(a, m_clinical);
        ack = m_machine.acknowledge(a, u"alice"_s, {}, &m_clinical);
    }
    QVERIFY(ack.refusal.isEmpty());
    QCOMPARE(deadline.escalations, ackFirst ? 0 : 1);
    QCOMPARE(deadline.changed, !ackFirst);
    QCOMPARE(st(a.state), st(AlertState::Acknowledged));
    QCOMPARE(a.level, expectedLevel);
    QCOMPARE(a.deadlineMs, 0);
    QCOMPARE(a.acknowledgedBy, u"alice"_s);
    QCOMPARE(names(ack.notifications.first().recipients), ackRecipients);

    // The second acknowledgement loses and is told who won, and when.
    const qsizetype historySize = a.history.size();
    m_now += 5 * Second;
    const AlertStateMachine::Step second = m_machine.acknowledge(a, u"bob"_s, {}, &m_clinical);
    QVERIFY(!second.changed);
    QVERIFY(second.notifications.isEmpty());
    QCOMPARE(second.refusal, u"already acknowledged by alice at 2023-11-14T22:18:20Z"_s);
    QCOMPARE(a.acknowledgedBy, u"alice"_s);
    QCOMPARE(a.history.size(), historySize);

    // Nothing is left to fire.
    m_now += 60 * Minute;
    QVERIFY(!m_machine.onDeadline(a, m_clinical).changed);
    QCOMPARE(a.level, expectedLevel);
}

void tst_AlertStateMachine::refusals_data()
{
    QTest::addColumn<QString>("setup");
    QTest::addColumn<QString>("action");
    QTest::addColumn<QString>("argument");
    QTest::addColumn<QString>("expected");

    QTest::addRow("acknowledge resolved") << u"resolved"_s << u"acknowledge"_s << QString() << u"alert is resolved"_s;
    QTest::addRow("acknowledge retracted")
        << u"retracted"_s << u"acknowledge"_s << QString() << u"alert is retracted"_s;
    QTest::addRow("acknowledge expired") << u"expired"_s << u"acknowledge"_s << QString() << u"alert is expired"_s;
    QTest::addRow("acknowledge suppressed")
        << u"suppressed"_s << u"acknowledge"_s << QString() << u"nobody was paged; resolve it instead"_s;
    QTest::addRow("acknowledge twice")
        << u"acknowledged"_s << u"acknowledge"_s << QString() << u"already acknowledged by alice"_s;
    QTest::addRow("resolve unknown disposition")
        << u"notified"_s << u"resolve"_s << u"fixed"_s << u"unknown disposition \"fixed\": use one of treated, false_alarm"_s;
    QTest::addRow("resolve without disposition")
        << u"notified"_s << u"resolve"_s << QString() << u"a disposition is required: one of treated"_s;
    QTest::addRow("resolve resolved") << u"resolved"_s << u"resolve"_s << u"treated"_s << u"alert is resolved"_s;
    QTest::addRow("resolve retracted") << u"retracted"_s << u"resolve"_s << u"treated"_s << u"alert is retracted"_s;
    QTest::addRow("escalate resolved") << u"resolved"_s << u"escalate"_s << QString() << u"alert is resolved"_s;
    QTest::addRow("escalate expired") << u"expired"_s << u"escalate"_s << QString() << u"alert is expired"_s;
    QTest::addRow("escalate suppressed") << u"suppressed"_s << u"escalate"_s << QString() << u"nobody was paged"_s;
}

void tst_AlertStateMachine::refusals()
{
    QFETCH(QString, setup);
    QFETCH(QString, action);
    QFETCH(QString, argument);
    QFETCH(QString, expected);

    Alert a;
    if (setup == u"suppressed") {
        Silence silence;
        silence.id = 3;
        silence.ruleId = ClinicalRule;
        silence.startsAtMs = T0 - Minute;
        silence.endsAtMs = T0 + 30 * Minute;
        AlertStateMachine::KeyContext ctx;
        ctx.policy = &m_clinical;
        ctx.silence = &silence;
        a = *m_machine.onSignal(labSignal(6.9), ctx).created;
        QCOMPARE(st(a.state), st(AlertState::Suppressed));
    } else if (setup == u"expired") {
        a = raise(queueSignal(), m_support);
        m_now = a.expiresAtMs;
        m_machine.onDeadline(a, m_support);
    } else {
        a = raise(labSignal(6.9), m_clinical);
        if (setup == u"resolved")
            QVERIFY(m_machine.resolve(a, u"alice"_s, u"treated"_s, {}, &m_clinical).changed);
        else if (setup == u"acknowledged")
            QVERIFY(m_machine.acknowledge(a, u"alice"_s, {}, &m_clinical).changed);
        else if (setup == u"retracted") {
            AlertSignal retract = labSignal(6.9, u"W"_s, "corr-2");
            retract.kind = AlertSignal::Kind::Retract;
            AlertStateMachine::KeyContext ctx;
            ctx.open = &a;
            ctx.policy = &m_clinical;
            QVERIFY(m_machine.onSignal(retract, ctx).step.changed);
        }
    }
    QCOMPARE(st(a.state), setup);

    m_now += Minute;
    const Alert before = a;
    AlertStateMachine::Step s;
    if (action == u"acknowledge")
        s = m_machine.acknowledge(a, u"bob"_s, {}, &m_clinical);
    else if (action == u"resolve")
        s = m_machine.resolve(a, u"bob"_s, argument, {}, &m_clinical);
    else
        s = m_machine.escalate(a, u"bob"_s, {}, m_clinical);

    QVERIFY2(s.refusal.contains(expected), qPrintable(s.refusal));
    QVERIFY(!s.changed);
    QVERIFY(s.notifications.isEmpty());
    QCOMPARE(s.escalations, 0);
    QCOMPARE(st(a.state), st(before.state));
    QCOMPARE(a.history.size(), before.history.size());
    QCOMPARE(a.updatedAtMs, before.updatedAtMs);
    QCOMPARE(a.level, before.level);
    QCOMPARE(a.acknowledgedBy, before.acknowledgedBy);
    QCOMPARE(a.disposition, before.disposition);
}

void tst_AlertStateMachine::cooldownSuppressesThenPages()
{
    Alert previous = raise(queueSignal(), m_support, 7);
    QVERIFY(m_machine.onSignal([] {
        AlertSignal c = queueSignal();
        c.kind = AlertSignal::Kind::Clear;
        return c;
    }(), {&previous, nullptr, nullptr, &m_support}).step.changed);
    QCOMPARE(st(previous.state), st(AlertState::Resolved));
    QCOMPARE(previous.closedAtMs, T0);
    QCOMPARE(previous.disposition, u"source_cleared"_s);

    m_now = T0 + 3 * Minute; // the queue fills up again within the 10 min cooldown
    AlertStateMachine::KeyContext ctx;
    ctx.lastClosed = &previous;
    ctx.policy = &m_support;
    const AlertStateMachine::SignalResult r = m_machine.onSignal(queueSignal(), ctx);
    QVERIFY(r.created);
    QCOMPARE(r.step.suppressed, 1);
    QVERIFY(r.step.changed);
    QVERIFY(r.step.notifications.isEmpty());
    Alert a = *r.created;
    a.id = 8;
    QCOMPARE(st(a.state), st(AlertState::Suppressed));
    QCOMPARE(a.deadlineMs, T0 + 10 * Minute);
    QCOMPARE(a.silenceId, 0);
    QCOMPARE(a.notifiedAtMs, 0);
    QCOMPARE(a.replacesAlertId, 7);
    QCOMPARE(a.history.size(), 1);
    QCOMPARE(a.history[0].action, u"raise"_s);
    QCOMPARE(st(a.history[0].from), st(AlertState::Open));
    QCOMPARE(st(a.history[0].to), st(AlertState::Suppressed));
    QVERIFY(a.history[0].note.contains(u"cooldown"_s));

    m_now = a.deadlineMs - 1;
    QVERIFY(!m_machine.onDeadline(a, m_support).changed);
    QCOMPARE(st(a.state), st(AlertState::Suppressed));

    m_now = a.deadlineMs;
    const AlertStateMachine::Step s = m_machine.onDeadline(a, m_support);
    QVERIFY(s.changed);
    QCOMPARE(st(a.state), st(AlertState::Notified));
    QCOMPARE(a.level, 0);
    QCOMPARE(a.notifiedAtMs, m_now);
    QCOMPARE(a.deadlineMs, m_now + 120 * Second);
    QCOMPARE(a.history.last().action, u"unsuppress"_s);
    QCOMPARE(st(a.history.last().from), st(AlertState::Suppressed));
    QCOMPARE(a.history.last().actor, u"system"_s);
    QCOMPARE(s.notifications.size(), 1);
    QCOMPARE(s.notifications.first().reason, u"raised"_s);
    QCOMPARE(s.notifications.first().alertId, 8);
    QCOMPARE(names(s.notifications.first().recipients), QStringList{u"team:support"_s});
}

void tst_AlertStateMachine::raiseAfterCooldownPagesAndLinks()
{
    Alert previous = raise(queueSignal(), m_support, 7);
    previous.state = AlertState::Resolved;
    previous.closedAtMs = T0;
    m_now = T0 + 10 * Minute; // exactly at the end of the cooldown: no longer suppressed
    AlertStateMachine::KeyContext ctx;
    ctx.lastClosed = &previous;
    ctx.policy = &m_support;
    const AlertStateMachine::SignalResult r = m_machine.onSignal(queueSignal(), ctx);
    QCOMPARE(r.step.suppressed, 0);
    QCOMPARE(st(r.created->state), st(AlertState::Notified));
    QCOMPARE(r.created->replacesAlertId, 7);
    QCOMPARE(r.step.notifications.size(), 1);
}

void tst_AlertStateMachine::silenceSuppression_data()
{
    QTest::addColumn<qint64>("stillSuppressedUntil");
    QTest::addColumn<bool>("staysSuppressed");
    QTest::addRow("silence extended") << T0 + 50 * Minute << true; // before the 60 min max age
    QTest::addRow("silence over") << qint64(0) << false;
    QTest::addRow("stale extension in the past") << T0 + 10 * Minute << false;
}

void tst_AlertStateMachine::silenceSuppression()
{
    QFETCH(qint64, stillSuppressedUntil);
    QFETCH(bool, staysSuppressed);

    Silence silence;
    silence.id = 5;
    silence.subject = u"destination lab"_s;
    silence.startsAtMs = T0 - Minute;
    silence.endsAtMs = T0 + 30 * Minute;
    silence.reason = u"planned maintenance"_s;
    AlertStateMachine::KeyContext ctx;
    ctx.silence = &silence;
    ctx.policy = &m_support;
    const AlertStateMachine::SignalResult r = m_machine.onSignal(queueSignal(), ctx);
    QCOMPARE(r.step.suppressed, 1);
    QVERIFY(r.step.notifications.isEmpty());
    Alert a = *r.created;
    a.id = 9;
    QCOMPARE(st(a.state), st(AlertState::Suppressed));
    QCOMPARE(a.silenceId, 5);
    QCOMPARE(a.deadlineMs, silence.endsAtMs);
    QVERIFY(a.history.first().note.contains(u"silence 5"_s));

    m_now = silence.endsAtMs;
    const AlertStateMachine::Step s = m_machine.onDeadline(a, m_support, stillSuppressedUntil);
    QVERIFY(s.changed);
    if (staysSuppressed) {
        QCOMPARE(st(a.state), st(AlertState::Suppressed));
        QCOMPARE(a.deadlineMs, stillSuppressedUntil);
        QCOMPARE(a.notifiedAtMs, 0);
        QVERIFY(s.notifications.isEmpty());
        QCOMPARE(a.history.last().action, u"suppress"_s);
        // A second call at the same time is harmless.
        QVERIFY(!m_machine.onDeadline(a, m_support, stillSuppressedUntil).changed);
        // At the end of the extension, nothing extends it again: page.
        m_now = stillSuppressedUntil;
        const AlertStateMachine::Step end = m_machine.onDeadline(a, m_support);
        QCOMPARE(st(a.state), st(AlertState::Notified));
        QCOMPARE(end.notifications.size(), 1);
    } else {
        QCOMPARE(st(a.state), st(AlertState::Notified));
        QCOMPARE(a.level, 0);
        QCOMPARE(a.silenceId, 0);
        QCOMPARE(a.notifiedAtMs, m_now);
        QCOMPARE(a.deadlineMs, m_now + 120 * Second);
        QCOMPARE(a.history.last().action, u"unsuppress"_s);
        QVERIFY(a.history.last().note.contains(u"silence 5 ended"_s));
        QCOMPARE(s.notifications.size(), 1);
        QCOMPARE(s.notifications.first().reason, u"raised"_s);
        QCOMPARE(names(s.notifications.first().recipients), QStringList{u"team:support"_s});
    }
}

void tst_AlertStateMachine::inactiveSilenceDoesNotSuppress()
{
    Silence silence;
    silence.id = 5;
    silence.subject = u"destination lab"_s;
    silence.startsAtMs = T0 - 60 * Minute;
    silence.endsAtMs = T0; // ended just now
    AlertStateMachine::KeyContext ctx;
    ctx.silence = &silence;
    ctx.policy = &m_support;
    const AlertStateMachine::SignalResult r = m_machine.onSignal(queueSignal(), ctx);
    QCOMPARE(r.step.suppressed, 0);
    QCOMPARE(st(r.created->state), st(AlertState::Notified));
    QCOMPARE(r.created->silenceId, 0);
}

void tst_AlertStateMachine::suppressedAlertOnlyUpdatesAndClearsQuietly()
{
    Silence silence;
    silence.id = 5;
    silence.ruleId = u"queue-depth"_s;
    silence.startsAtMs = T0;
    silence.endsAtMs = T0 + 30 * Minute;
    AlertStateMachine::KeyContext ctx;
    ctx.silence = &silence;
    ctx.policy = &m_support;
    Alert a = *m_machine.onSignal(queueSignal(), ctx).created;

    m_now += Minute;
    AlertSignal worse = queueSignal();
    worse.severity = AlertSeverity::Critical;
    worse.evidence[u"value"_s] = 2000;
    AlertStateMachine::KeyContext openCtx{&a, nullptr, &silence, &m_support};
    AlertStateMachine::SignalResult r = m_machine.onSignal(worse, openCtx);
    QVERIFY(!r.created);
    QVERIFY(r.step.changed);
    QCOMPARE(r.step.deduplicated, 1);
    QVERIFY(r.step.notifications.isEmpty()); // not even for a severity upgrade: nobody was paged
    QCOMPARE(a.count, 2);
    QCOMPARE(st(a.state), st(AlertState::Suppressed));
    QCOMPARE(a.evidence.value(u"value"_s).toInt(), 2000);
    QCOMPARE(a.history.last().action, u"update"_s);

    m_now += Minute;
    AlertSignal clear = queueSignal();
    clear.kind = AlertSignal::Kind::Clear;
    r = m_machine.onSignal(clear, openCtx);
    QVERIFY(r.step.changed);
    QVERIFY(r.step.notifications.isEmpty());
    QCOMPARE(st(a.state), st(AlertState::Resolved));
    QCOMPARE(a.closedAtMs, m_now);
    QCOMPARE(a.closedBy, u"rule:queue-depth"_s);
    QCOMPARE(a.deadlineMs, 0);
    QCOMPARE(a.history.last().action, u"resolve"_s);
    QCOMPARE(st(a.history.last().from), st(AlertState::Suppressed));
}

void tst_AlertStateMachine::expiry_data()
{
    QTest::addColumn<int>("category");
    QTest::addColumn<int>("severity");
    QTest::addColumn<qint64>("maxAgeMs");
    QTest::addColumn<bool>("expires");
    QTest::addRow("operational high") << int(AlertCategory::Operational) << int(AlertSeverity::High) << 60 * Minute
                                      << true;
    QTest::addRow("operational low") << int(AlertCategory::Operational) << int(AlertSeverity::Low) << 60 * Minute
                                     << true;
    QTest::addRow("operational critical")
        << int(AlertCategory::Operational) << int(AlertSeverity::Critical) << 60 * Minute << false;
    QTest::addRow("clinical high") << int(AlertCategory::Clinical) << int(AlertSeverity::High) << 60 * Minute << false;
    QTest::addRow("clinical critical")
        << int(AlertCategory::Clinical) << int(AlertSeverity::Critical) << 60 * Minute << false;
    QTest::addRow("no max age") << int(AlertCategory::Operational) << int(AlertSeverity::High) << qint64(0) << false;
}

void tst_AlertStateMachine::expiry()
{
    QFETCH(int, category);
    QFETCH(int, severity);
    QFETCH(qint64, maxAgeMs);
    QFETCH(bool, expires);

    // A long single level so that only expiry can happen within the hour.
    EscalationPolicy slow{u"slow"_s, {EscalationLevel{{rcp(u"team:support"_s)}, 4 * 3600}}};
    AlertSignal s = queueSignal();
    s.category = AlertCategory(category);
    s.severity = AlertSeverity(severity);
    s.maxAgeMs = maxAgeMs;
    Alert a = raise(s, slow);
    QCOMPARE(a.expiresAtMs, expires ? T0 + maxAgeMs : 0);

    m_now = T0 + 60 * Minute;
    const AlertStateMachine::Step step = m_machine.onDeadline(a, slow);
    if (!expires) {
        QVERIFY(!step.changed);
        QVERIFY(a.isOpen());
        QCOMPARE(st(a.state), st(AlertState::Notified));
        return;
    }
    QVERIFY(step.changed);
    QCOMPARE(st(a.state), st(AlertState::Expired));
    QCOMPARE(a.closedAtMs, m_now);
    QCOMPARE(a.closedBy, u"system"_s);
    QCOMPARE(a.disposition, QString());
    QCOMPARE(a.deadlineMs, 0);
    QCOMPARE(a.nextWakeMs(), 0);
    QCOMPARE(a.history.last().action, u"expire"_s);
    QCOMPARE(a.history.last().actor, u"system"_s);
    QCOMPARE(step.notifications.size(), 1);
    QCOMPARE(step.notifications.first().reason, u"expired"_s);
    QCOMPARE(names(step.notifications.first().recipients), QStringList{u"team:support"_s});
    QCOMPARE(step.escalations, 0);
    // Closed: nothing more happens.
    m_now += 5 * 3600 * Second;
    QVERIFY(!m_machine.onDeadline(a, slow).changed);
}

void tst_AlertStateMachine::expiryOfNeverPagedAlertIsQuiet()
{
    Silence silence;
    silence.id = 1;
    silence.ruleId = u"queue-depth"_s;
    silence.startsAtMs = T0;
    silence.endsAtMs = T0 + 2 * 3600 * Second;
    AlertStateMachine::KeyContext ctx;
    ctx.silence = &silence;
    ctx.policy = &m_support;
    Alert a = *m_machine.onSignal(queueSignal(), ctx).created;
    QCOMPARE(a.nextWakeMs(), T0 + 60 * Minute); // expiry comes before the silence ends
    m_now = T0 + 60 * Minute;
    const AlertStateMachine::Step s = m_machine.onDeadline(a, m_support);
    QCOMPARE(st(a.state), st(AlertState::Expired));
    QVERIFY(s.notifications.isEmpty());
}

void tst_AlertStateMachine::correctionStillCriticalRePages_data()
{
    QTest::addColumn<bool>("acknowledged");
    QTest::addColumn<QStringList>("recipients");
    QTest::addRow("unacknowledged, level 1") << false << QStringList{u"role:charge-nurse"_s, u"unit"_s};
    QTest::addRow("acknowledged at level 1")
        << true << QStringList{u"role:charge-nurse"_s, u"unit"_s, u"user:alice"_s};
}

void tst_AlertStateMachine::correctionStillCriticalRePages()
{
    QFETCH(bool, acknowledged);
    QFETCH(QStringList, recipients);

    Alert a = raise(labSignal(6.9), m_clinical);
    m_now = a.deadlineMs;
    m_machine.onDeadline(a, m_clinical);
    QCOMPARE(a.level, 1);
    if (acknowledged)
        m_machine.acknowledge(a, u"alice"_s, {}, &m_clinical);
    const AlertState stateBefore = a.state;
    const qint64 deadlineBefore = a.deadlineMs;

    m_now += Minute;
    AlertSignal corrected = labSignal(7.4, u"C"_s, "corr-2");
    corrected.correction = true;
    const AlertStateMachine::SignalResult r = m_machine.onSignal(corrected, {&a, nullptr, nullptr, &m_clinical});
    QVERIFY(!r.created);
    QVERIFY(r.step.changed);
    QCOMPARE(r.step.deduplicated, 1);
    QCOMPARE(st(a.state), st(stateBefore));
    QCOMPARE(a.deadlineMs, deadlineBefore);
    QCOMPARE(a.count, 2);
    QCOMPARE(a.resultStatus, u"C"_s);
    QCOMPARE(a.evidence.value(u"value"_s).toDouble(), 7.4);
    QCOMPARE(a.correlationIds, (QList<QByteArray>{"corr-1"_ba, "corr-2"_ba}));
    const AlertTransition& t = a.history.last();
    QCOMPARE(t.action, u"update"_s);
    QCOMPARE(t.actor, u"rule:critical-results"_s);
    QCOMPARE(t.correlationId, "corr-2"_ba);
    QVERIFY2(t.note.contains(u"corrected value 6.9 → 7.4"_s), qPrintable(t.note));
    QCOMPARE(r.step.notifications.size(), 1);
    const AlertNotification& n = r.step.notifications.first();
    QCOMPARE(n.reason, u"corrected"_s);
    QCOMPARE(n.level, 1);
    QCOMPARE(n.alertId, 42);
    QCOMPARE(names(n.recipients), recipients);
    checkNoPhi(a);
}

void tst_AlertStateMachine::correctionToNormalResolves()
{
    Alert a = raise(labSignal(6.9), m_clinical);
    m_now = a.deadlineMs;
    m_machine.onDeadline(a, m_clinical); // level 1: both levels were paged
    m_now += Minute;

    AlertSignal clear = labSignal(4.2, u"C"_s, "corr-3");
    clear.kind = AlertSignal::Kind::Clear;
    clear.correction = true;
    clear.disposition = u"corrected"_s;
    const AlertStateMachine::SignalResult r = m_machine.onSignal(clear, {&a, nullptr, nullptr, &m_clinical});
    QVERIFY(r.step.changed);
    QCOMPARE(st(a.state), st(AlertState::Resolved));
    QCOMPARE(a.disposition, u"corrected"_s);
    QCOMPARE(a.closedAtMs, m_now);
    QCOMPARE(a.closedBy, u"rule:critical-results"_s);
    QCOMPARE(a.deadlineMs, 0);
    QCOMPARE(a.resultStatus, u"C"_s);
    QVERIFY(a.correlationIds.contains("corr-3"_ba));
    const AlertTransition& t = a.history.last();
    QCOMPARE(t.action, u"resolve"_s);
    QCOMPARE(st(t.from), st(AlertState::Escalated));
    QCOMPARE(st(t.to), st(AlertState::Resolved));
    QVERIFY2(t.note.contains(u"corrected to a non-critical result: value 6.9 → 4.2"_s), qPrintable(t.note));
    QCOMPARE(r.step.notifications.size(), 1);
    QCOMPARE(r.step.notifications.first().reason, u"resolved"_s);
    QCOMPARE(names(r.step.notifications.first().recipients),
             (QStringList{u"role:nurse"_s, u"unit"_s, u"role:charge-nurse"_s}));
    checkNoPhi(a);
}

void tst_AlertStateMachine::cancelledResultResolves()
{
    Alert a = raise(labSignal(6.9), m_clinical);
    m_now += Minute;
    AlertSignal cancel = labSignal(6.9, u"X"_s, "corr-4");
    cancel.kind = AlertSignal::Kind::Clear;
    cancel.disposition = u"cancelled"_s;
    const AlertStateMachine::SignalResult r = m_machine.onSignal(cancel, {&a, nullptr, nullptr, &m_clinical});
    QCOMPARE(st(a.state), st(AlertState::Resolved));
    QCOMPARE(a.disposition, u"cancelled"_s);
    QCOMPARE(r.step.notifications.size(), 1);
    QCOMPARE(names(r.step.notifications.first().recipients), (QStringList{u"role:nurse"_s, u"unit"_s}));
}

void tst_AlertStateMachine::clearOfNeverPagedAlertIsQuiet()
{
    // An alert still Open (raised, never paged: e.g. restored mid-step) just closes.
    Alert a = raise(labSignal(6.9), m_clinical);
    a.state = AlertState::Open;
    a.notifiedAtMs = 0;
    AlertSignal clear = queueSignal();
    clear.ruleId = ClinicalRule;
    clear.kind = AlertSignal::Kind::Clear;
    const AlertStateMachine::SignalResult r = m_machine.onSignal(clear, {&a, nullptr, nullptr, &m_clinical});
    QVERIFY(r.step.changed);
    QCOMPARE(st(a.state), st(AlertState::Resolved));
    QVERIFY(r.step.notifications.isEmpty());
}

void tst_AlertStateMachine::retractAfterAcknowledgement()
{
    Alert a = raise(labSignal(6.9), m_clinical);
    m_now += 2 * Minute;
    m_machine.acknowledge(a, u"alice"_s, {}, &m_clinical);
    m_now += 10 * Minute;

    AlertSignal retract = labSignal(6.9, u"W"_s, "corr-5");
    retract.kind = AlertSignal::Kind::Retract;
    const AlertStateMachine::SignalResult r = m_machine.onSignal(retract, {&a, nullptr, nullptr, &m_clinical});
    QVERIFY(r.step.changed);
    QVERIFY(!r.updatedLastClosed);
    QCOMPARE(st(a.state), st(AlertState::Retracted));
    QCOMPARE(a.closedAtMs, m_now);
    QCOMPARE(a.closedBy, u"rule:critical-results"_s);
    QCOMPARE(a.disposition, QString());
    QCOMPARE(a.deadlineMs, 0);
    QCOMPARE(a.resultStatus, u"W"_s);
    const AlertTransition& t = a.history.last();
    QCOMPARE(t.action, u"retract"_s);
    QCOMPARE(st(t.from), st(AlertState::Acknowledged));
    QCOMPARE(t.atMs, m_now);
    QCOMPARE(r.step.notifications.size(), 1);
    const AlertNotification& n = r.step.notifications.first();
    QCOMPARE(n.reason, u"retracted"_s);
    QCOMPARE(n.alertId, 42);
    QCOMPARE(names(n.recipients), (QStringList{u"role:nurse"_s, u"unit"_s, u"user:alice"_s}));
    checkNoPhi(a);
}

void tst_AlertStateMachine::retractOfResolvedAlert()
{
    Alert last = raise(labSignal(6.9), m_clinical, 11);
    m_now += Minute;
    m_machine.acknowledge(last, u"alice"_s, {}, &m_clinical);
    m_now += Minute;
    m_machine.resolve(last, u"alice"_s, u"treated"_s, {}, &m_clinical);
    const qsizetype historySize = last.history.size();

    m_now += 30 * Minute;
    AlertSignal retract = labSignal(6.9, u"D"_s, "corr-6");
    retract.kind = AlertSignal::Kind::Retract;
    AlertStateMachine::KeyContext ctx;
    ctx.lastClosed = &last;
    ctx.policy = &m_clinical;
    const AlertStateMachine::SignalResult r = m_machine.onSignal(retract, ctx);
    QVERIFY(!r.created);
    QVERIFY(r.updatedLastClosed);
    const Alert& updated = *r.updatedLastClosed;
    QCOMPARE(updated.id, 11);
    QCOMPARE(st(updated.state), st(AlertState::Retracted));
    QCOMPARE(updated.closedAtMs, m_now);
    QCOMPARE(updated.history.size(), historySize + 1);
    QCOMPARE(updated.history.last().action, u"retract"_s);
    QCOMPARE(st(updated.history.last().from), st(AlertState::Resolved));
    QCOMPARE(r.step.notifications.size(), 1);
    QCOMPARE(r.step.notifications.first().alertId, 11);
    QCOMPARE(r.step.notifications.first().reason, u"retracted"_s);
    QCOMPARE(names(r.step.notifications.first().recipients),
             (QStringList{u"role:nurse"_s, u"unit"_s, u"user:alice"_s}));

    // A retracted one is not retracted twice.
    ctx.lastClosed = &updated;
    const AlertStateMachine::SignalResult again = m_machine.onSignal(retract, ctx);
    QVERIFY(!again.updatedLastClosed);
    QVERIFY(again.step.notifications.isEmpty());
}

void tst_AlertStateMachine::retractOfNeverPagedAlertIsQuiet()
{
    Silence silence;
    silence.id = 2;
    silence.unit = u"ICU"_s;
    silence.startsAtMs = T0;
    silence.endsAtMs = T0 + Minute;
    AlertStateMachine::KeyContext ctx;
    ctx.silence = &silence;
    ctx.policy = &m_clinical;
    Alert a = *m_machine.onSignal(labSignal(6.9), ctx).created;
    QCOMPARE(st(a.state), st(AlertState::Suppressed));
    AlertSignal retract = labSignal(6.9, u"W"_s);
    retract.kind = AlertSignal::Kind::Retract;
    const AlertStateMachine::SignalResult r = m_machine.onSignal(retract, {&a, nullptr, nullptr, &m_clinical});
    QVERIFY(r.step.changed);
    QCOMPARE(st(a.state), st(AlertState::Retracted));
    QVERIFY(r.step.notifications.isEmpty());
}

void tst_AlertStateMachine::retractWithNothingToRetract()
{
    AlertSignal retract = labSignal(6.9, u"W"_s);
    retract.kind = AlertSignal::Kind::Retract;
    const AlertStateMachine::SignalResult r = m_machine.onSignal(retract, {nullptr, nullptr, nullptr, &m_clinical});
    QVERIFY(!r.step.changed);
    QVERIFY(!r.created);
    QVERIFY(!r.updatedLastClosed);
    QVERIFY(r.step.notifications.isEmpty());
}

void tst_AlertStateMachine::withdrawnNoticeAfterClosedAndAcknowledged()
{
    Alert last = raise(labSignal(6.9), m_clinical, 12);
    m_now += Minute;
    m_machine.acknowledge(last, u"alice"_s, {}, &m_clinical);
    m_now += Minute;
    m_machine.resolve(last, u"alice"_s, u"informed_provider"_s, {}, &m_clinical);

    m_now += 60 * Minute;
    AlertSignal clear = labSignal(4.1, u"C"_s, "corr-7");
    clear.kind = AlertSignal::Kind::Clear;
    clear.correction = true;
    clear.disposition = u"corrected"_s;
    AlertStateMachine::KeyContext ctx;
    ctx.lastClosed = &last;
    ctx.policy = &m_clinical;
    const AlertStateMachine::SignalResult r = m_machine.onSignal(clear, ctx);
    QVERIFY(!r.created);
    QVERIFY(!r.step.changed);
    QCOMPARE(r.step.notifications.size(), 1);
    const AlertNotification& n = r.step.notifications.first();
    QCOMPARE(n.reason, u"withdrawn"_s);
    QCOMPARE(n.alertId, 12);
    QCOMPARE(n.atMs, m_now);
    QCOMPARE(names(n.recipients), QStringList{u"user:alice"_s});
    QVERIFY(r.updatedLastClosed);
    QCOMPARE(st(r.updatedLastClosed->state), st(AlertState::Resolved));
    QCOMPARE(r.updatedLastClosed->disposition, u"informed_provider"_s);
    QCOMPARE(r.updatedLastClosed->history.last().action, u"withdraw"_s);
    QCOMPARE(r.updatedLastClosed->history.last().atMs, m_now);
    QVERIFY(r.updatedLastClosed->history.last().note.contains(u"6.9 → 4.1"_s));
    checkNoPhi(*r.updatedLastClosed);
}

void tst_AlertStateMachine::noWithdrawnNoticeWithoutAcknowledger()
{
    Alert last = raise(labSignal(6.9), m_clinical, 13);
    AlertSignal source = labSignal(6.9);
    source.kind = AlertSignal::Kind::Clear;
    m_machine.onSignal(source, {&last, nullptr, nullptr, &m_clinical});
    QCOMPARE(st(last.state), st(AlertState::Resolved));

    AlertSignal clear = labSignal(4.1, u"C"_s);
    clear.kind = AlertSignal::Kind::Clear;
    clear.correction = true;
    clear.disposition = u"corrected"_s;
    const AlertStateMachine::SignalResult r = m_machine.onSignal(clear, {nullptr, &last, nullptr, &m_clinical});
    QVERIFY(r.step.notifications.isEmpty());
    QVERIFY(!r.updatedLastClosed);
}

void tst_AlertStateMachine::statusOnlyUpdateDoesNotPage()
{
    Alert a = raise(labSignal(6.9, u"P"_s), m_clinical);
    m_now += Minute;
    AlertSignal promoted = labSignal(6.9, u"U"_s, "corr-8");
    promoted.resultStatus = u"F"_s;
    promoted.statusOnly = true;
    promoted.evidence = {};
    const AlertStateMachine::SignalResult r = m_machine.onSignal(promoted, {&a, nullptr, nullptr, &m_clinical});
    QVERIFY(r.step.changed);
    QCOMPARE(r.step.deduplicated, 1);
    QVERIFY(r.step.notifications.isEmpty());
    QCOMPARE(a.resultStatus, u"F"_s);
    QCOMPARE(a.evidence.value(u"value"_s).toDouble(), 6.9); // no new values: the old ones stay
    QCOMPARE(a.count, 2);
    QCOMPARE(a.history.last().action, u"update"_s);
    QVERIFY2(a.history.last().note.contains(u"result status P → F"_s), qPrintable(a.history.last().note));
    QCOMPARE(a.updatedAtMs, m_now);
}

void tst_AlertStateMachine::preliminaryThenFinalSameValueDoesNotPage()
{
    Alert a = raise(labSignal(6.9, u"P"_s), m_clinical);
    m_now += 20 * Minute; // escalated once meanwhile
    m_machine.onDeadline(a, m_clinical);
    const qint64 deadline = a.deadlineMs;
    const AlertStateMachine::SignalResult r
        = m_machine.onSignal(labSignal(6.9, u"F"_s, "corr-9"), {&a, nullptr, nullptr, &m_clinical});
    QVERIFY(r.step.notifications.isEmpty());
    QCOMPARE(r.step.escalations, 0);
    QCOMPARE(a.resultStatus, u"F"_s);
    QCOMPARE(a.level, 1);
    QCOMPARE(a.deadlineMs, deadline);
    QCOMPARE(a.history.last().action, u"update"_s);
}

void tst_AlertStateMachine::severityUpgradeRePages()
{
    AlertSignal high = queueSignal();
    Alert a = raise(high, m_support);
    m_now = a.deadlineMs;
    m_machine.onDeadline(a, m_support); // level 1
    m_machine.acknowledge(a, u"user:sam"_s, {}, &m_support);
    m_now += Minute;

    AlertSignal critical = queueSignal();
    critical.severity = AlertSeverity::Critical;
    const AlertStateMachine::SignalResult r = m_machine.onSignal(critical, {&a, nullptr, nullptr, &m_support});
    QCOMPARE(a.severity, AlertSeverity::Critical);
    QCOMPARE(a.expiresAtMs, 0); // a critical alert no longer expires
    QCOMPARE(st(a.state), st(AlertState::Acknowledged));
    QCOMPARE(r.step.notifications.size(), 1);
    QCOMPARE(r.step.notifications.first().reason, u"updated"_s);
    QCOMPARE(r.step.notifications.first().level, 1);
    QCOMPARE(names(r.step.notifications.first().recipients), (QStringList{u"role:admin"_s, u"user:sam"_s}));
    QVERIFY(a.history.last().note.contains(u"severity high → critical"_s));
}

void tst_AlertStateMachine::severityDowngradeDoesNotPage()
{
    Alert a = raise(labSignal(6.9), m_clinical);
    AlertSignal lower = labSignal(6.9);
    lower.severity = AlertSeverity::High;
    const AlertStateMachine::SignalResult r = m_machine.onSignal(lower, {&a, nullptr, nullptr, &m_clinical});
    QVERIFY(r.step.notifications.isEmpty());
    QCOMPARE(a.severity, AlertSeverity::High);
}

void tst_AlertStateMachine::duplicateRaiseOnlyCounts()
{
    Alert a = raise(labSignal(6.9), m_clinical);
    for (int i = 2; i <= 4; ++i) {
        m_now += Second;
        const AlertStateMachine::SignalResult r
            = m_machine.onSignal(labSignal(6.9, u"F"_s, i == 4 ? "corr-other"_ba : "corr-1"_ba),
                                 {&a, nullptr, nullptr, &m_clinical});
        QVERIFY(!r.created);
        QCOMPARE(r.step.deduplicated, 1);
        QCOMPARE(r.step.escalations, 0);
        QVERIFY(r.step.notifications.isEmpty());
        QCOMPARE(a.count, i);
        QCOMPARE(st(a.state), st(AlertState::Notified));
        QCOMPARE(a.deadlineMs, T0 + 300 * Second);
        QCOMPARE(a.updatedAtMs, m_now);
    }
    QCOMPARE(a.correlationIds, (QList<QByteArray>{"corr-1"_ba, "corr-other"_ba}));
}

namespace {

// A lab result as CriticalResultRule describes it: the four fields a trend shows, and more.
AlertSignal fullLabSignal(double value, const QString& status, const QString& observedAt, const QString& flag = u"HH"_s)
{
    AlertSignal s = labSignal(value, status, "corr-" + observedAt.toLatin1());
    s.evidence = QJsonObject{{u"code"_s, u"2823-3"_s},           {u"value"_s, QString::number(value)},
                             {u"units"_s, u"mmol/L"_s},          {u"flags"_s, QJsonArray{flag}},
                             {u"resultStatus"_s, status},        {u"observedAt"_s, observedAt},
                             {u"location"_s, u"ICU-3 301-A"_s}};
    return s;
}

QJsonObject trendEntry(const QString& value, const QString& status, const QString& observedAt,
                       const QString& flag = u"HH"_s)
{
    return QJsonObject{{u"value"_s, value},
                       {u"flags"_s, QJsonArray{flag}},
                       {u"resultStatus"_s, status},
                       {u"observedAt"_s, observedAt}};
}

} // namespace

void tst_AlertStateMachine::updatesKeepPreviousValuesNewestFirst()
{
    Alert a = raise(fullLabSignal(6.9, u"P"_s, u"20250301090000"_s), m_clinical);
    // A new alert has no history to show.
    QVERIFY(!a.evidence.contains(u"previousValues"_s));

    // A repeat and then a correction of the same key: the card's trend is what the alert showed before.
    m_now += Minute;
    m_machine.onSignal(fullLabSignal(7.1, u"F"_s, u"20250301091000"_s), {&a, nullptr, nullptr, &m_clinical});
    QCOMPARE(a.evidence.value(u"value"_s).toString(), u"7.1"_s);
    QCOMPARE(a.evidence.value(u"previousValues"_s).toArray(),
             (QJsonArray{trendEntry(u"6.9"_s, u"P"_s, u"20250301090000"_s)}));
    // The rest of the evidence is the latest result's, untouched.
    QCOMPARE(a.evidence.value(u"location"_s).toString(), u"ICU-3 301-A"_s);

    m_now += Minute;
    AlertSignal corrected = fullLabSignal(7.4, u"C"_s, u"20250301091000"_s);
    corrected.correction = true;
    m_machine.onSignal(corrected, {&a, nullptr, nullptr, &m_clinical});
    QCOMPARE(a.evidence.value(u"value"_s).toString(), u"7.4"_s);
    QCOMPARE(a.evidence.value(u"previousValues"_s).toArray(),
             (QJsonArray{trendEntry(u"7.1"_s, u"F"_s, u"20250301091000"_s),
                         trendEntry(u"6.9"_s, u"P"_s, u"20250301090000"_s)}));

    // At most five, the oldest dropped first; the entries never nest.
    for (int i = 0; i < 6; ++i) {
        m_now += Minute;
        m_machine.onSignal(fullLabSignal(8.0 + i, u"F"_s, u"2025030110%1000"_s.arg(i)),
                           {&a, nullptr, nullptr, &m_clinical});
    }
    const QJsonArray trend = a.evidence.value(u"previousValues"_s).toArray();
    QCOMPARE(trend.size(), AlertStateMachine::MaxPreviousValues);
    QCOMPARE(a.evidence.value(u"value"_s).toString(), u"13"_s);
    const QStringList expected{u"12"_s, u"11"_s, u"10"_s, u"9"_s, u"8"_s};
    for (qsizetype i = 0; i < trend.size(); ++i) {
        QCOMPARE(trend.at(i).toObject().value(u"value"_s).toString(), expected.at(i));
        QVERIFY(!trend.at(i).toObject().contains(u"previousValues"_s));
        QCOMPARE(trend.at(i).toObject().keys().size(), 4);
    }
    QCOMPARE(a.count, 9);
}

void tst_AlertStateMachine::correctionToNormalKeepsTheCriticalValue()
{
    Alert a = raise(fullLabSignal(6.9, u"F"_s, u"20250301090000"_s), m_clinical);
    m_now += Minute;
    AlertSignal clear = fullLabSignal(4.2, u"C"_s, u"20250301090000"_s, u"N"_s);
    clear.kind = AlertSignal::Kind::Clear;
    clear.correction = true;
    clear.disposition = u"corrected"_s;
    m_machine.onSignal(clear, {&a, nullptr, nullptr, &m_clinical});
    QCOMPARE(st(a.state), st(AlertState::Resolved));
    QCOMPARE(a.evidence.value(u"value"_s).toString(), u"4.2"_s);
    QCOMPARE(a.evidence.value(u"previousValues"_s).toArray(),
             (QJsonArray{trendEntry(u"6.9"_s, u"F"_s, u"20250301090000"_s)}));
}

void tst_AlertStateMachine::operationalEvidenceHasNoPreviousValues()
{
    Alert a = raise(queueSignal(), m_support);
    AlertSignal deeper = queueSignal();
    deeper.evidence[u"value"_s] = 900;
    m_now += Minute;
    m_machine.onSignal(deeper, {&a, nullptr, nullptr, &m_support});
    QCOMPARE(a.count, 2);
    QCOMPARE(a.evidence.value(u"value"_s).toInt(), 900);
    QVERIFY(!a.evidence.contains(u"previousValues"_s));
}

void tst_AlertStateMachine::manualEscalateFromAcknowledgedReopens()
{
    Alert a = raise(labSignal(6.9), m_clinical);
    m_now += Minute;
    m_machine.acknowledge(a, u"alice"_s, u"looking"_s, &m_clinical);
    m_now += Minute;
    const AlertStateMachine::Step s = m_machine.escalate(a, u"alice"_s, u"need the charge nurse"_s, m_clinical);
    QVERIFY(s.refusal.isEmpty());
    QVERIFY(s.changed);
    QCOMPARE(s.escalations, 1);
    QCOMPARE(st(a.state), st(AlertState::Escalated));
    QCOMPARE(a.level, 1);
    QCOMPARE(a.acknowledgedBy, QString());
    QCOMPARE(a.acknowledgedAtMs, 0);
    QCOMPARE(a.deadlineMs, m_now + 600 * Second);
    const AlertTransition& t = a.history.last();
    QCOMPARE(t.action, u"escalate"_s);
    QCOMPARE(t.actor, u"user:alice"_s);
    QCOMPARE(st(t.from), st(AlertState::Acknowledged));
    QCOMPARE(st(t.to), st(AlertState::Escalated));
    QVERIFY(t.note.contains(u"need the charge nurse"_s));
    QCOMPARE(s.notifications.size(), 1);
    QCOMPARE(s.notifications.first().reason, u"escalated"_s);
    QCOMPARE(names(s.notifications.first().recipients), (QStringList{u"role:charge-nurse"_s, u"unit"_s}));

    // Re-opened: the timer runs again and somebody may acknowledge it again.
    m_now = a.deadlineMs;
    QCOMPARE(m_machine.onDeadline(a, m_clinical).escalations, 1);
    QCOMPARE(a.level, 2);
    QVERIFY(m_machine.acknowledge(a, u"bob"_s, {}, &m_clinical).refusal.isEmpty());
    QCOMPARE(a.acknowledgedBy, u"bob"_s);
}

void tst_AlertStateMachine::unresolvedAcknowledgementPagesAgain()
{
    EscalationPolicy policy = clinicalPolicy();
    policy.acknowledgementTimeoutSeconds = 1800;
    Alert a = raise(labSignal(6.9), policy);
    m_now = a.deadlineMs;
    m_machine.onDeadline(a, policy); // nobody at level 0: the charge nurse is paged
    QCOMPARE(a.level, 1);
    m_now += Minute;
    const qint64 acknowledgedAt = m_now;
    QVERIFY(m_machine.acknowledge(a, u"alice"_s, u"calling the doctor"_s, &policy).refusal.isEmpty());
    // Ownership has a limit: the alert wakes at its end, and the history says when.
    QCOMPARE(a.deadlineMs, acknowledgedAt + 1800 * Second);
    QCOMPARE(a.nextWakeMs(), a.deadlineMs);
    QVERIFY2(a.history.last().note.contains(u"pages again at"_s), qPrintable(a.history.last().note));

    m_now = a.deadlineMs - 1;
    QVERIFY(!m_machine.onDeadline(a, policy).changed);
    QCOMPARE(st(a.state), st(AlertState::Acknowledged));

    // Not resolved in time: the level and alice are paged again, and it escalates on from there.
    m_now = a.deadlineMs;
    const AlertStateMachine::Step s = m_machine.onDeadline(a, policy);
    QVERIFY(s.changed);
    QCOMPARE(st(a.state), st(AlertState::Escalated));
    QCOMPARE(a.level, 1);
    QCOMPARE(a.acknowledgedBy, QString());
    QCOMPARE(a.acknowledgedAtMs, 0);
    QCOMPARE(a.deadlineMs, m_now + 600 * Second);
    const AlertTransition& t = a.history.last();
    QCOMPARE(t.action, u"reopen"_s);
    QCOMPARE(t.actor, u"system"_s);
    QCOMPARE(st(t.from), st(AlertState::Acknowledged));
    QVERIFY2(t.note.contains(u"alice"_s) && t.note.contains(u"1800"_s), qPrintable(t.note));
    QCOMPARE(s.notifications.size(), 1);
    QCOMPARE(s.notifications.first().reason, u"reopened"_s);
    QCOMPARE(names(s.notifications.first().recipients),
             (QStringList{u"role:charge-nurse"_s, u"unit"_s, u"user:alice"_s}));
    checkNoPhi(a);

    // Unanswered, it escalates as before; acknowledged and resolved, it stays closed for good.
    m_now = a.deadlineMs;
    QCOMPARE(m_machine.onDeadline(a, policy).escalations, 1);
    QCOMPARE(a.level, 2);
    QVERIFY(m_machine.acknowledge(a, u"bob"_s, {}, &policy).refusal.isEmpty());
    QVERIFY(m_machine.resolve(a, u"bob"_s, u"informed_provider"_s, {}, &policy).refusal.isEmpty());
    QCOMPARE(a.deadlineMs, 0);
    m_now += 3600 * Second;
    QVERIFY(!m_machine.onDeadline(a, policy).changed);
    QCOMPARE(st(a.state), st(AlertState::Resolved));
}

void tst_AlertStateMachine::manualEscalateAtLastLevelRepeats()
{
    Alert a = raise(labSignal(6.9), m_clinical);
    m_machine.escalate(a, u"alice"_s, {}, m_clinical);
    m_machine.escalate(a, u"alice"_s, {}, m_clinical);
    QCOMPARE(a.level, 2);
    QCOMPARE(a.repeats, 0);
    const AlertStateMachine::Step s = m_machine.escalate(a, u"alice"_s, {}, m_clinical);
    QCOMPARE(a.level, 2);
    QCOMPARE(a.repeats, 1);
    QCOMPARE(s.notifications.first().reason, u"repeated"_s);
    QCOMPARE(a.history.last().action, u"repeat"_s);
}

void tst_AlertStateMachine::deliveryFailure_data()
{
    QTest::addColumn<int>("escalateFirst");
    QTest::addColumn<bool>("acknowledged");
    QTest::addColumn<int>("failedLevel");
    QTest::addColumn<int>("expectedLevel");
    QTest::addColumn<QString>("expectedAction");
    QTest::addRow("level 0 failed at level 0") << 0 << false << 0 << 1 << u"escalate"_s;
    QTest::addRow("level 1 failed at level 1") << 1 << false << 1 << 2 << u"escalate"_s;
    QTest::addRow("stale failure of level 0 at level 1") << 1 << false << 0 << 1 << QString();
    QTest::addRow("failure of a later level") << 0 << false << 1 << 0 << QString();
    QTest::addRow("acknowledged") << 0 << true << 0 << 0 << QString();
    QTest::addRow("last level: recorded, no loop") << 2 << false << 2 << 2 << u"notification-failed"_s;
}

void tst_AlertStateMachine::deliveryFailure()
{
    QFETCH(int, escalateFirst);
    QFETCH(bool, acknowledged);
    QFETCH(int, failedLevel);
    QFETCH(int, expectedLevel);
    QFETCH(QString, expectedAction);

    Alert a = raise(labSignal(6.9), m_clinical);
    for (int i = 0; i < escalateFirst; ++i) {
        m_now = a.deadlineMs;
        m_machine.onDeadline(a, m_clinical);
    }
    if (acknowledged)
        m_machine.acknowledge(a, u"alice"_s, {}, &m_clinical);
    m_now += 10 * Second;
    const qsizetype historySize = a.history.size();
    const qint64 deadline = a.deadlineMs;

    const AlertStateMachine::Step s = m_machine.onDeliveryFailed(a, failedLevel, m_clinical);
    QCOMPARE(a.level, expectedLevel);
    if (expectedAction.isEmpty()) {
        QVERIFY(!s.changed);
        QVERIFY(s.notifications.isEmpty());
        QCOMPARE(a.history.size(), historySize);
        return;
    }
    QVERIFY(s.changed);
    QCOMPARE(a.history.size(), historySize + 1);
    const AlertTransition& t = a.history.last();
    QCOMPARE(t.action, expectedAction);
    QCOMPARE(t.actor, u"system"_s);
    QCOMPARE(t.atMs, m_now);
    QVERIFY2(t.note.contains(u"notification to level %1 failed on every channel"_s.arg(failedLevel)),
             qPrintable(t.note));
    if (expectedAction == u"escalate") {
        QCOMPARE(s.escalations, 1);
        QCOMPARE(s.notifications.size(), 1);
        QCOMPARE(s.notifications.first().level, expectedLevel);
        QCOMPARE(names(s.notifications.first().recipients),
                 names(m_clinical.levels.at(expectedLevel).recipients));
        QCOMPARE(a.deadlineMs, m_now + qint64(m_clinical.levels.at(expectedLevel).ackTimeoutSeconds) * 1000);
    } else {
        QCOMPARE(s.escalations, 0);
        QVERIFY(s.notifications.isEmpty());
        QCOMPARE(a.deadlineMs, deadline); // the normal repeat still comes
    }
}

void tst_AlertStateMachine::resolveByUser()
{
    Alert a = raise(labSignal(6.9), m_clinical);
    m_now += Minute;
    m_machine.acknowledge(a, u"alice"_s, {}, &m_clinical);
    m_now += Minute;
    const AlertStateMachine::Step s = m_machine.resolve(a, u"alice"_s, u"false_alarm"_s, u"haemolysed sample"_s,
                                                        &m_clinical);
    QVERIFY(s.changed);
    QCOMPARE(st(a.state), st(AlertState::Resolved));
    QCOMPARE(a.disposition, u"false_alarm"_s);
    QCOMPARE(a.closedBy, u"user:alice"_s);
    QCOMPARE(a.closedAtMs, m_now);
    QCOMPARE(a.deadlineMs, 0);
    QCOMPARE(a.history.last().actor, u"user:alice"_s);
    QVERIFY(a.history.last().note.contains(u"false_alarm"_s));
    QCOMPARE(s.notifications.size(), 1);
    QCOMPARE(s.notifications.first().reason, u"resolved"_s);
    QCOMPARE(names(s.notifications.first().recipients), (QStringList{u"role:nurse"_s, u"unit"_s, u"user:alice"_s}));

    // Without the policy only the acknowledger is addressed.
    Alert b = raise(labSignal(6.9), m_clinical);
    m_machine.acknowledge(b, u"bob"_s, {});
    const AlertStateMachine::Step t = m_machine.resolve(b, u"bob"_s, u"treated"_s, {});
    QCOMPARE(names(t.notifications.first().recipients), QStringList{u"user:bob"_s});
}

void tst_AlertStateMachine::pagedSoFarDeduplicates()
{
    Alert a;
    a.level = 5; // beyond the policy (it was shortened): clamped, no crash
    a.acknowledgedBy = u"house-supervisor"_s;
    QCOMPARE(names(AlertStateMachine::pagedSoFar(a, m_clinical)),
             (QStringList{u"role:nurse"_s, u"unit"_s, u"role:charge-nurse"_s, u"role:attending"_s,
                          u"user:house-supervisor"_s}));
    a.level = 0;
    a.acknowledgedBy.clear();
    QCOMPARE(names(AlertStateMachine::pagedSoFar(a, m_clinical)), (QStringList{u"role:nurse"_s, u"unit"_s}));
}

void tst_AlertStateMachine::historyAttribution()
{
    Alert a = raise(labSignal(6.9), m_clinical); // T0: raise, notify
    m_now = T0 + 300 * Second;
    m_machine.onDeadline(a, m_clinical); // escalate
    m_now = T0 + 320 * Second;
    m_machine.onSignal(labSignal(6.9, u"F"_s, "corr-2"), {&a, nullptr, nullptr, &m_clinical}); // update
    m_now = T0 + 400 * Second;
    m_machine.acknowledge(a, u"alice"_s, u"on it"_s, &m_clinical);
    m_now = T0 + 500 * Second;
    m_machine.escalate(a, u"user:alice"_s, {}, m_clinical);
    m_now = T0 + 700 * Second;
    m_machine.acknowledge(a, u"bob"_s, {}, &m_clinical);
    m_now = T0 + 900 * Second;
    m_machine.resolve(a, u"bob"_s, u"treated"_s, {}, &m_clinical);

    struct Row
    {
        qint64 at;
        QString action;
        QString actor;
        AlertState from;
        AlertState to;
        int level;
    };
    const QList<Row> expected{
        {T0, u"raise"_s, u"rule:critical-results"_s, AlertState::Open, AlertState::Open, 0},
        {T0, u"notify"_s, u"system"_s, AlertState::Open, AlertState::Notified, 0},
        {T0 + 300 * Second, u"escalate"_s, u"system"_s, AlertState::Notified, AlertState::Escalated, 1},
        {T0 + 320 * Second, u"update"_s, u"rule:critical-results"_s, AlertState::Escalated, AlertState::Escalated, 1},
        {T0 + 400 * Second, u"acknowledge"_s, u"user:alice"_s, AlertState::Escalated, AlertState::Acknowledged, 1},
        {T0 + 500 * Second, u"escalate"_s, u"user:alice"_s, AlertState::Acknowledged, AlertState::Escalated, 2},
        {T0 + 700 * Second, u"acknowledge"_s, u"user:bob"_s, AlertState::Escalated, AlertState::Acknowledged, 2},
        {T0 + 900 * Second, u"resolve"_s, u"user:bob"_s, AlertState::Acknowledged, AlertState::Resolved, 2},
    };
    QCOMPARE(a.history.size(), expected.size());
    for (qsizetype i = 0; i < expected.size(); ++i) {
        const AlertTransition& t = a.history.at(i);
        const Row& e = expected.at(i);
        QCOMPARE(t.atMs, e.at);
        QCOMPARE(t.action, e.action);
        QCOMPARE(t.actor, e.actor);
        QCOMPARE(st(t.from), st(e.from));
        QCOMPARE(st(t.to), st(e.to));
        QCOMPARE(t.level, e.level);
        QVERIFY(!t.note.isEmpty());
    }
    QCOMPARE(a.updatedAtMs, T0 + 900 * Second);
    QCOMPARE(a.notifiedAtMs, T0);
    checkNoPhi(a);
}

QTEST_GUILESS_MAIN(tst_AlertStateMachine)
#include "tst_alertstatemachine.moc"
