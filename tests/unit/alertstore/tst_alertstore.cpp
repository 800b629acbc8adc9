// Unit tests of the alert store in ops.db: alerts and their history round-trip field by field, the
// key lookups the state machine needs, the wake-time query the timers need after a restart, list
// filters and keyset pages, silences, the notification outbox (fan-out, due selection, delivery
// tracking, no patient identifiers in payloads), the figures, and durability across a reopen.
#include "node/alerts/AlertStore.h"
#include "node/audit/WriteTransaction.h"
#include "node/ops/OpsDatabase.h"
#include "node/store/Sqlite.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <memory>

using namespace Qt::StringLiterals;

namespace {

constexpr qint64 T0 = 1'790'000'000'000; // 2026-09-21
const QString PatientId = u"MRN-4471-ZQX"_s;

AlertTransition transition(qint64 at, AlertState from, AlertState to, const QString& action, int level = 0,
                           const QString& actor = u"system"_s)
{
    AlertTransition t;
    t.atMs = at;
    t.from = from;
    t.to = to;
    t.action = action;
    t.actor = actor;
    t.level = level;
    t.note = action + u" note"_s;
    t.correlationId = "corr-"_ba + action.toUtf8();
    return t;
}

/// An alert with every field set to something other than its default.
Alert fullAlert(const QString& ruleId = u"critical-lab"_s, const QByteArray& key = "key-1"_ba)
{
    Alert a;
    a.ruleId = ruleId;
    a.category = AlertCategory::Clinical;
    a.severity = AlertSeverity::High;
    a.state = AlertState::Notified;
    a.dedupKey = key;
    a.groupKey = "group-1"_ba;
    a.unit = u"ICU"_s;
    a.team = u"nursing"_s;
    a.subject = u"K"_s;
    a.title = u"Potassium critically high"_s;
    a.patientId = PatientId;
    a.evidence = QJsonObject{{u"value"_s, u"7.1"_s},
                             {u"units"_s, u"mmol/L"_s},
                             {u"range"_s, u"3.5-5.1"_s},
                             {u"flags"_s, QJsonArray{u"HH"_s}},
                             {u"figures"_s, QJsonObject{{u"n"_s, 3}}}};
    a.correlationIds = {"corr-a"_ba, "corr-b"_ba};
    a.policy = u"clinical-critical"_s;
    a.resultStatus = u"F"_s;
    a.level = 1;
    a.repeats = 2;
    a.count = 3;
    a.createdAtMs = T0;
    a.updatedAtMs = T0 + 10;
    a.notifiedAtMs = T0 + 1;
    a.acknowledgedAtMs = T0 + 20;
    a.acknowledgedBy = u"user:nina"_s;
    a.acknowledgeNote = u"on it"_s;
    a.closedAtMs = T0 + 30;
    a.closedBy = u"user:otto"_s;
    a.disposition = u"treated"_s;
    a.deadlineMs = T0 + 300'000;
    a.expiresAtMs = T0 + 900'000;
    a.silenceId = 7;
    a.replacesAlertId = 3;
    a.history = {transition(T0, AlertState::Open, AlertState::Open, u"raise"_s, 0, u"rule:critical-lab"_s),
                 transition(T0 + 1, AlertState::Open, AlertState::Notified, u"notify"_s),
                 transition(T0 + 5, AlertState::Notified, AlertState::Notified, u"update"_s, 1)};
    return a;
}

/// A small alert for the list, figure and key tests.
Alert simpleAlert(const QString& title, AlertState state, qint64 createdAt)
{
    Alert a;
    a.ruleId = u"rule-a"_s;
    a.title = title;
    a.state = state;
    a.dedupKey = title.toUtf8();
    a.createdAtMs = createdAt;
    a.updatedAtMs = createdAt;
    a.history = {transition(createdAt, AlertState::Open, state, u"raise"_s)};
    return a;
}

AlertNotification notification(const QString& reason, int level, qint64 at)
{
    AlertNotification n;
    n.reason = reason;
    n.level = level;
    n.recipients = {Recipient{u"unit"_s, {}}, Recipient{u"role"_s, u"charge-nurse"_s}};
    n.atMs = at;
    return n;
}

void compareAlerts(const Alert& actual, const Alert& expected, bool withHistory)
{
    QCOMPARE(actual.id, expected.id);
    QCOMPARE(actual.ruleId, expected.ruleId);
    QCOMPARE(actual.category, expected.category);
    QCOMPARE(actual.severity, expected.severity);
    QCOMPARE(actual.state, expected.state);
    QCOMPARE(actual.dedupKey, expected.dedupKey);
    QCOMPARE(actual.groupKey, expected.groupKey);
    QCOMPARE(actual.unit, expected.unit);
    QCOMPARE(actual.team, expected.team);
    QCOMPARE(actual.subject, expected.subject);
    QCOMPARE(actual.title, expected.title);
    QCOMPARE(actual.patientId, expected.patientId);
    QCOMPARE(actual.evidence, expected.evidence);
    QCOMPARE(actual.correlationIds, expected.correlationIds);
    QCOMPARE(actual.policy, expected.policy);
    QCOMPARE(actual.resultStatus, expected.resultStatus);
    QCOMPARE(actual.level, expected.level);
    QCOMPARE(actual.repeats, expected.repeats);
    QCOMPARE(actual.count, expected.count);
    QCOMPARE(actual.createdAtMs, expected.createdAtMs);
    QCOMPARE(actual.updatedAtMs, expected.updatedAtMs);
    QCOMPARE(actual.notifiedAtMs, expected.notifiedAtMs);
    QCOMPARE(actual.acknowledgedAtMs, expected.acknowledgedAtMs);
    QCOMPARE(actual.acknowledgedBy, expected.acknowledgedBy);
    QCOMPARE(actual.acknowledgeNote, expected.acknowledgeNote);
    QCOMPARE(actual.closedAtMs, expected.closedAtMs);
    QCOMPARE(actual.closedBy, expected.closedBy);
    QCOMPARE(actual.disposition, expected.disposition);
    QCOMPARE(actual.deadlineMs, expected.deadlineMs);
    QCOMPARE(actual.expiresAtMs, expected.expiresAtMs);
    QCOMPARE(actual.silenceId, expected.silenceId);
    QCOMPARE(actual.replacesAlertId, expected.replacesAlertId);
    if (!withHistory) {
        QVERIFY(actual.history.isEmpty());
        return;
    }
    QCOMPARE(actual.history.size(), expected.history.size());
    for (qsizetype i = 0; i < expected.history.size(); ++i) {
        const AlertTransition& a = actual.history.at(i);
        const AlertTransition& e = expected.history.at(i);
        QCOMPARE(a.atMs, e.atMs);
        QCOMPARE(a.from, e.from);
        QCOMPARE(a.to, e.to);
        QCOMPARE(a.action, e.action);
        QCOMPARE(a.actor, e.actor);
        QCOMPARE(a.level, e.level);
        QCOMPARE(a.note, e.note);
        QCOMPARE(a.correlationId, e.correlationId);
    }
}

QStringList titlesOf(const QList<Alert>& alerts)
{
    QStringList titles;
    for (const Alert& a : alerts)
        titles.append(a.title);
    return titles;
}

} // namespace

class tst_AlertStore : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void insertRoundTripsEveryField();
    void insertJoinsTheCallersTransaction();
    void saveAppendsNewHistoryAndNotifications();
    void saveContinuesSeqWithoutLoadedHistory();
    void saveOfUnknownAlertFails();
    void openAndLastClosedByKey();
    void openKeysFollowWritesAndRollbacks();
    void withWakeTimes();
    void listFilters_data();
    void listFilters();
    void listPagesWithoutGapsOrDuplicates();
    void groupSize();
    void silencesCrud();
    void silencesActiveAt();
    void outboxFanOut();
    void payloadHasNoPatientIdentifier();
    void dueSelectionAndDeliveryTracking();
    void figures();
    void reopeningKeepsEverything();

private:
    Alert insertAlert(Alert alert, const QList<AlertNotification>& notifications = {},
                      const QStringList& channels = {});
    void reopen();

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<OpsDatabase> m_ops;
    std::unique_ptr<AlertStore> m_store;
};

void tst_AlertStore::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_ops = std::make_unique<OpsDatabase>();
    QString error;
    QVERIFY2(m_ops->open(m_dir->filePath(u"ops.db"_s), &error), qPrintable(error));
    QVERIFY2(AlertStore::ensureSchema(m_ops->db(), &error), qPrintable(error));
    QVERIFY2(AlertStore::ensureSchema(m_ops->db(), &error), qPrintable(error)); // idempotent
    m_store = std::make_unique<AlertStore>(m_ops->db());
}

void tst_AlertStore::cleanup()
{
    m_store.reset();
    m_ops.reset();
    m_dir.reset();
}

Alert tst_AlertStore::insertAlert(Alert alert, const QList<AlertNotification>& notifications,
                                  const QStringList& channels)
{
    QString error;
    if (!m_store->insert(alert, notifications, channels, &error))
        qWarning("insert failed: %s", qPrintable(error));
    return alert;
}

void tst_AlertStore::reopen()
{
    m_store.reset();
    m_ops->close();
    m_ops = std::make_unique<OpsDatabase>();
    QString error;
    QVERIFY2(m_ops->open(m_dir->filePath(u"ops.db"_s), &error), qPrintable(error));
    QVERIFY2(AlertStore::ensureSchema(m_ops->db(), &error), qPrintable(error));
    m_store = std::make_unique<AlertStore>(m_ops->db());
}

void tst_AlertStore::insertRoundTripsEveryField()
{
    Alert alert = fullAlert();
    QString error;
    QVERIFY2(m_store->insert(alert, {}, {}, &error), qPrintable(error));
    QVERIFY(alert.id > 0);

    Alert second = fullAlert(u"critical-lab"_s, "key-2"_ba);
    QVERIFY2(m_store->insert(second, {}, {}, &error), qPrintable(error));
    QVERIFY(second.id > alert.id);

    const auto read = m_store->byId(alert.id);
    QVERIFY(read);
    compareAlerts(*read, alert, true);
    if (QTest::currentTestFailed())
        return;

    const auto bare = m_store->byId(alert.id, false);
    QVERIFY(bare);
    compareAlerts(*bare, alert, false);
    QVERIFY(!m_store->byId(second.id + 100));
}

void tst_AlertStore::insertJoinsTheCallersTransaction()
{
    Alert alert = simpleAlert(u"rolled back"_s, AlertState::Notified, T0);
    {
        WriteTransaction outer(m_ops->db());
        QVERIFY(outer.isActive());
        QString error;
        QVERIFY2(m_store->insert(alert, {notification(u"raised"_s, 0, T0)}, {u"stream"_s}, &error), qPrintable(error));
        QVERIFY(alert.id > 0);
        // no commit: the caller's transaction rolls back, the alert with it
    }
    QVERIFY(!m_store->byId(alert.id));
    QVERIFY(m_store->notificationsOf(alert.id).isEmpty());
}

void tst_AlertStore::saveAppendsNewHistoryAndNotifications()
{
    Alert alert = insertAlert(fullAlert(), {notification(u"raised"_s, 0, T0)}, {u"stream"_s});
    QVERIFY(alert.id > 0);

    auto loaded = m_store->byId(alert.id);
    QVERIFY(loaded);
    Alert changed = *loaded;
    const int firstNew = int(changed.history.size());
    changed.state = AlertState::Escalated;
    changed.severity = AlertSeverity::Critical;
    changed.level = 2;
    changed.count = 4;
    changed.evidence = QJsonObject{{u"value"_s, u"7.4"_s}};
    changed.correlationIds.append("corr-c"_ba);
    changed.title = u"Potassium critically high (corrected)"_s;
    changed.acknowledgedAtMs = 0;
    changed.acknowledgedBy.clear();
    changed.deadlineMs = T0 + 600'000;
    changed.updatedAtMs = T0 + 500;
    changed.history.append(transition(T0 + 400, AlertState::Notified, AlertState::Escalated, u"escalate"_s, 1));
    changed.history.append(transition(T0 + 500, AlertState::Escalated, AlertState::Escalated, u"escalate"_s, 2));

    QList<NotificationRecord> created;
    QString error;
    QVERIFY2(m_store->save(changed, firstNew, {notification(u"escalated"_s, 2, T0 + 500)},
                           {u"stream"_s, u"webhook:pager"_s}, &error, &created),
             qPrintable(error));
    QCOMPARE(created.size(), 2);
    QCOMPARE(created.at(0).channel, u"stream"_s);
    QCOMPARE(created.at(1).channel, u"webhook:pager"_s);
    for (const NotificationRecord& record : std::as_const(created)) {
        QVERIFY(record.id > 0);
        QCOMPARE(record.alertId, alert.id);
        QCOMPARE(record.reason, u"escalated"_s);
        QCOMPARE(record.level, 2);
        QCOMPARE(record.state, u"pending"_s);
        QCOMPARE(record.nextAttemptAtMs, T0 + 500);
    }

    const auto read = m_store->byId(alert.id);
    QVERIFY(read);
    compareAlerts(*read, changed, true);

    const QList<NotificationRecord> all = m_store->notificationsOf(alert.id);
    QCOMPARE(all.size(), 3);
    QCOMPARE(all.at(1).id, created.at(0).id);
    QCOMPARE(all.at(2).id, created.at(1).id);
    QCOMPARE(all.at(2).payload, created.at(1).payload);
}

void tst_AlertStore::saveContinuesSeqWithoutLoadedHistory()
{
    Alert alert = insertAlert(simpleAlert(u"a"_s, AlertState::Notified, T0));
    auto bare = m_store->byId(alert.id, false);
    QVERIFY(bare);
    bare->history.append(transition(T0 + 1, AlertState::Notified, AlertState::Acknowledged, u"acknowledge"_s));
    QString error;
    QVERIFY2(m_store->save(*bare, 0, {}, {}, &error), qPrintable(error));
    const auto read = m_store->byId(alert.id);
    QCOMPARE(read->history.size(), 2);
    QCOMPARE(read->history.at(0).action, u"raise"_s);
    QCOMPARE(read->history.at(1).action, u"acknowledge"_s);
}

void tst_AlertStore::saveOfUnknownAlertFails()
{
    Alert alert = simpleAlert(u"ghost"_s, AlertState::Notified, T0);
    QString error;
    QVERIFY(!m_store->save(alert, 0, {}, {}, &error)); // never inserted
    QVERIFY(!error.isEmpty());
    alert.id = 4242;
    error.clear();
    QVERIFY(!m_store->save(alert, 0, {notification(u"raised"_s, 0, T0)}, {u"stream"_s}, &error));
    QVERIFY(!error.isEmpty());
    QVERIFY(m_store->notificationsOf(4242).isEmpty());
}

void tst_AlertStore::openAndLastClosedByKey()
{
    auto closed = [](qint64 closedAt, AlertState state) {
        Alert a = simpleAlert(u"closed"_s, state, T0);
        a.dedupKey = "k"_ba;
        a.closedAtMs = closedAt;
        return a;
    };
    const Alert resolvedLate = insertAlert(closed(T0 + 200, AlertState::Resolved));
    const Alert expiredEarly = insertAlert(closed(T0 + 100, AlertState::Expired)); // inserted later, closed earlier
    Alert open = simpleAlert(u"open"_s, AlertState::Suppressed, T0 + 300);
    open.dedupKey = "k"_ba;
    open = insertAlert(open);
    Alert otherRule = simpleAlert(u"other rule"_s, AlertState::Notified, T0);
    otherRule.ruleId = u"rule-b"_s;
    otherRule.dedupKey = "k"_ba;
    insertAlert(otherRule);

    auto found = m_store->openByKey(u"rule-a"_s, "k"_ba);
    QVERIFY(found);
    QCOMPARE(found->id, open.id);
    QCOMPARE(found->history.size(), 1); // with history, for the state machine
    auto last = m_store->lastClosedByKey(u"rule-a"_s, "k"_ba);
    QVERIFY(last);
    QCOMPARE(last->id, resolvedLate.id);
    QVERIFY(last->id != expiredEarly.id);

    QVERIFY(!m_store->openByKey(u"rule-a"_s, "other"_ba));
    QVERIFY(!m_store->lastClosedByKey(u"rule-b"_s, "k"_ba));

    // Retracting the open one closes it latest: no open alert, and it is now the last closed.
    Alert retracted = *found;
    retracted.state = AlertState::Retracted;
    retracted.closedAtMs = T0 + 400;
    QString error;
    QVERIFY2(m_store->save(retracted, int(retracted.history.size()), {}, {}, &error), qPrintable(error));
    QVERIFY(!m_store->openByKey(u"rule-a"_s, "k"_ba));
    QCOMPARE(m_store->lastClosedByKey(u"rule-a"_s, "k"_ba)->id, open.id);
}

void tst_AlertStore::openKeysFollowWritesAndRollbacks()
{
    Alert stale = simpleAlert(u"resolved"_s, AlertState::Resolved, T0);
    stale.dedupKey = "k"_ba;
    insertAlert(stale);
    QVERIFY(!m_store->isOpen(u"rule-a"_s, "k"_ba));

    Alert open = simpleAlert(u"open"_s, AlertState::Notified, T0);
    open.dedupKey = "k"_ba;
    open = insertAlert(open);
    QVERIFY(m_store->isOpen(u"rule-a"_s, "k"_ba));
    QVERIFY(!m_store->isOpen(u"rule-b"_s, "k"_ba));
    QVERIFY(!m_store->isOpen(u"rule-a"_s, "other"_ba));
    QVERIFY(m_store->anyOpen(u"rule-a"_s));
    QVERIFY(!m_store->anyOpen(u"rule-b"_s));

    // Another store on the same database (as after a restart) reads the same answer from disk.
    AlertStore fresh(m_ops->db());
    QVERIFY(fresh.isOpen(u"rule-a"_s, "k"_ba));

    Alert resolved = *m_store->byId(open.id);
    resolved.state = AlertState::Resolved;
    resolved.closedAtMs = T0 + 10;
    QString error;
    QVERIFY2(m_store->save(resolved, int(resolved.history.size()), {}, {}, &error), qPrintable(error));
    QVERIFY(!m_store->isOpen(u"rule-a"_s, "k"_ba));
    QVERIFY(!m_store->anyOpen(u"rule-a"_s));

    // An insert whose transaction rolls back: the set followed the write, so it must be re-read.
    Alert rolledBack = simpleAlert(u"rolled back"_s, AlertState::Notified, T0);
    rolledBack.dedupKey = "r"_ba;
    {
        WriteTransaction outer(m_ops->db());
        QVERIFY(outer.isActive());
        QVERIFY2(m_store->insert(rolledBack, {}, {}, &error), qPrintable(error));
    }
    m_store->forgetOpenKeys();
    QVERIFY(!m_store->isOpen(u"rule-a"_s, "r"_ba));
    QVERIFY(!m_store->isOpen(u"rule-a"_s, "k"_ba));
}

void tst_AlertStore::withWakeTimes()
{
    Alert deadline = simpleAlert(u"deadline"_s, AlertState::Notified, T0);
    deadline.deadlineMs = T0 + 5000;
    deadline = insertAlert(deadline);
    Alert expiry = simpleAlert(u"expiry"_s, AlertState::Acknowledged, T0);
    expiry.expiresAtMs = T0 + 3000;
    expiry = insertAlert(expiry);
    insertAlert(simpleAlert(u"none"_s, AlertState::Acknowledged, T0));
    Alert closed = simpleAlert(u"closed"_s, AlertState::Resolved, T0);
    closed.deadlineMs = T0 + 1000; // a stale deadline on a closed alert never wakes anything
    insertAlert(closed);

    QList<Alert> waking = m_store->withWakeTimes();
    QCOMPARE(titlesOf(waking), (QStringList{u"expiry"_s, u"deadline"_s})); // earliest first
    QCOMPARE(waking.at(1).deadlineMs, T0 + 5000);
    QCOMPARE(waking.at(1).history.size(), 1);

    Alert acknowledged = waking.at(1);
    acknowledged.state = AlertState::Acknowledged;
    acknowledged.deadlineMs = 0;
    QString error;
    QVERIFY2(m_store->save(acknowledged, int(acknowledged.history.size()), {}, {}, &error), qPrintable(error));
    QCOMPARE(titlesOf(m_store->withWakeTimes()), (QStringList{u"expiry"_s}));
}

void tst_AlertStore::listFilters_data()
{
    QTest::addColumn<QStringList>("states");
    QTest::addColumn<QStringList>("severities");
    QTest::addColumn<QStringList>("units");
    QTest::addColumn<bool>("unitsOnly");
    QTest::addColumn<QString>("category");
    QTest::addColumn<QString>("ruleId");
    QTest::addColumn<QByteArray>("groupKey");
    QTest::addColumn<QByteArray>("correlationId");
    QTest::addColumn<qint64>("fromMs");
    QTest::addColumn<qint64>("toMs");
    QTest::addColumn<QStringList>("expected"); // titles, newest first

    // Fixture (see listFilters): a1 ICU critical notified clinical rule-a g1 corr-1,
    // a2 ICU high acknowledged clinical rule-a g1 corr-1+corr-2, a3 WARD low resolved clinical rule-b g2,
    // a4 no unit medium notified operational rule-q, a5 icu critical suppressed clinical rule-b corr-2.
    const QStringList all{u"a5"_s, u"a4"_s, u"a3"_s, u"a2"_s, u"a1"_s};
    QTest::addRow("no filter") << QStringList() << QStringList() << QStringList() << false << QString() << QString()
                               << QByteArray() << QByteArray() << qint64(0) << qint64(0) << all;
    QTest::addRow("states") << QStringList{u"notified"_s, u"suppressed"_s} << QStringList() << QStringList() << false
                            << QString() << QString() << QByteArray() << QByteArray() << qint64(0) << qint64(0)
                            << QStringList{u"a5"_s, u"a4"_s, u"a1"_s};
    QTest::addRow("severities") << QStringList() << QStringList{u"critical"_s, u"low"_s} << QStringList() << false
                                << QString() << QString() << QByteArray() << QByteArray() << qint64(0) << qint64(0)
                                << QStringList{u"a5"_s, u"a3"_s, u"a1"_s};
    QTest::addRow("units include node-wide") << QStringList() << QStringList() << QStringList{u"ICU"_s} << false
                                             << QString() << QString() << QByteArray() << QByteArray() << qint64(0)
                                             << qint64(0) << QStringList{u"a5"_s, u"a4"_s, u"a2"_s, u"a1"_s};
    QTest::addRow("units only (nurse)") << QStringList() << QStringList() << QStringList{u"ICU"_s, u"WARD"_s} << true
                                        << QString() << QString() << QByteArray() << QByteArray() << qint64(0)
                                        << qint64(0) << QStringList{u"a5"_s, u"a3"_s, u"a2"_s, u"a1"_s};
    QTest::addRow("units only, case-insensitive") << QStringList() << QStringList() << QStringList{u"ward"_s} << true
                                                  << QString() << QString() << QByteArray() << QByteArray()
                                                  << qint64(0) << qint64(0) << QStringList{u"a3"_s};
    QTest::addRow("units only without units: nothing")
        << QStringList() << QStringList() << QStringList() << true << QString() << QString() << QByteArray()
        << QByteArray() << qint64(0) << qint64(0) << QStringList();
    QTest::addRow("category") << QStringList() << QStringList() << QStringList() << false << u"operational"_s
                              << QString() << QByteArray() << QByteArray() << qint64(0) << qint64(0)
                              << QStringList{u"a4"_s};
    QTest::addRow("rule") << QStringList() << QStringList() << QStringList() << false << QString() << u"rule-b"_s
                          << QByteArray() << QByteArray() << qint64(0) << qint64(0)
                          << QStringList{u"a5"_s, u"a3"_s};
    QTest::addRow("group") << QStringList() << QStringList() << QStringList() << false << QString() << QString()
                           << "g1"_ba << QByteArray() << qint64(0) << qint64(0) << QStringList{u"a2"_s, u"a1"_s};
    QTest::addRow("correlation id") << QStringList() << QStringList() << QStringList() << false << QString()
                                    << QString() << QByteArray() << "corr-2"_ba << qint64(0) << qint64(0)
                                    << QStringList{u"a5"_s, u"a2"_s};
    QTest::addRow("correlation id is matched whole") << QStringList() << QStringList() << QStringList() << false
                                                     << QString() << QString() << QByteArray() << "corr-"_ba
                                                     << qint64(0) << qint64(0) << QStringList();
    QTest::addRow("from") << QStringList() << QStringList() << QStringList() << false << QString() << QString()
                          << QByteArray() << QByteArray() << qint64(T0 + 3000) << qint64(0)
                          << QStringList{u"a5"_s, u"a4"_s};
    QTest::addRow("to") << QStringList() << QStringList() << QStringList() << false << QString() << QString()
                        << QByteArray() << QByteArray() << qint64(0) << qint64(T0 + 3000)
                        << QStringList{u"a3"_s, u"a2"_s, u"a1"_s};
    QTest::addRow("range and state") << QStringList{u"acknowledged"_s, u"resolved"_s} << QStringList()
                                     << QStringList() << false << QString() << QString() << QByteArray()
                                     << QByteArray() << qint64(T0 + 1000) << qint64(T0 + 2500)
                                     << QStringList{u"a3"_s, u"a2"_s};
}

void tst_AlertStore::listFilters()
{
    QFETCH(QStringList, states);
    QFETCH(QStringList, severities);
    QFETCH(QStringList, units);
    QFETCH(bool, unitsOnly);
    QFETCH(QString, category);
    QFETCH(QString, ruleId);
    QFETCH(QByteArray, groupKey);
    QFETCH(QByteArray, correlationId);
    QFETCH(qint64, fromMs);
    QFETCH(qint64, toMs);
    QFETCH(QStringList, expected);

    struct Row
    {
        const char* title;
        const char* unit;
        AlertSeverity severity;
        AlertState state;
        AlertCategory category;
        const char* rule;
        QByteArray group;
        QList<QByteArray> correlation;
    };
    const Row rows[] = {
        {"a1", "ICU", AlertSeverity::Critical, AlertState::Notified, AlertCategory::Clinical, "rule-a", "g1",
         {"corr-1"}},
        {"a2", "ICU", AlertSeverity::High, AlertState::Acknowledged, AlertCategory::Clinical, "rule-a", "g1",
         {"corr-1", "corr-2"}},
        {"a3", "WARD", AlertSeverity::Low, AlertState::Resolved, AlertCategory::Clinical, "rule-b", "g2", {}},
        {"a4", "", AlertSeverity::Medium, AlertState::Notified, AlertCategory::Operational, "rule-q", "", {}},
        {"a5", "icu", AlertSeverity::Critical, AlertState::Suppressed, AlertCategory::Clinical, "rule-b", "",
         {"corr-2"}},
    };
    qint64 created = T0;
    for (const Row& row : rows) {
        Alert a = simpleAlert(QString::fromLatin1(row.title), row.state, created);
        a.unit = QString::fromLatin1(row.unit);
        a.severity = row.severity;
        a.category = row.category;
        a.ruleId = QString::fromLatin1(row.rule);
        a.groupKey = row.group;
        a.correlationIds = row.correlation;
        QVERIFY(insertAlert(a).id > 0);
        created += 1000;
    }

    AlertFilter filter;
    for (const QString& s : std::as_const(states))
        filter.states.append(*AlertNames::stateFrom(s));
    for (const QString& s : std::as_const(severities))
        filter.severities.append(*AlertNames::severityFrom(s));
    filter.units = units;
    filter.unitsOnly = unitsOnly;
    if (!category.isEmpty())
        filter.category = AlertNames::categoryFrom(category);
    filter.ruleId = ruleId;
    filter.groupKey = groupKey;
    filter.correlationId = correlationId;
    filter.fromMs = fromMs;
    filter.toMs = toMs;

    const QList<Alert> found = m_store->list(filter);
    QCOMPARE(titlesOf(found), expected);
    for (const Alert& a : found)
        QVERIFY(a.history.isEmpty()); // list() is without history
}

void tst_AlertStore::listPagesWithoutGapsOrDuplicates()
{
    QList<qint64> icuIds;
    QList<qint64> allIds;
    for (int i = 0; i < 25; ++i) {
        Alert a = simpleAlert(u"alert %1"_s.arg(i), AlertState::Notified, T0 + i);
        a.unit = i % 3 == 0 ? u"ICU"_s : u"WARD"_s;
        a = insertAlert(a);
        QVERIFY(a.id > 0);
        allIds.prepend(a.id);
        if (i % 3 == 0)
            icuIds.prepend(a.id);
    }

    auto pageThrough = [this](AlertFilter filter) {
        QList<qint64> seen;
        for (int guard = 0; guard < 100; ++guard) {
            const QList<Alert> page = m_store->list(filter);
            if (page.isEmpty())
                break;
            if (page.size() > filter.limit)
                return QList<qint64>{-1};
            for (const Alert& a : page)
                seen.append(a.id);
            filter.beforeId = page.last().id;
        }
        return seen;
    };

    AlertFilter everything;
    everything.limit = 7;
    QCOMPARE(pageThrough(everything), allIds); // newest first, every id exactly once

    AlertFilter icu;
    icu.units = {u"ICU"_s};
    icu.unitsOnly = true;
    icu.limit = 2;
    QCOMPARE(pageThrough(icu), icuIds);

    AlertFilter one;
    one.limit = 1;
    one.beforeId = allIds.at(3);
    const QList<Alert> page = m_store->list(one);
    QCOMPARE(page.size(), 1);
    QCOMPARE(page.first().id, allIds.at(4));
}

void tst_AlertStore::groupSize()
{
    auto grouped = [](const QString& title, AlertState state) {
        Alert a = simpleAlert(title, state, T0);
        a.groupKey = "panel-1"_ba;
        return a;
    };
    insertAlert(grouped(u"g1"_s, AlertState::Notified));
    insertAlert(grouped(u"g2"_s, AlertState::Suppressed));
    insertAlert(grouped(u"g3"_s, AlertState::Resolved));
    insertAlert(simpleAlert(u"lonely"_s, AlertState::Notified, T0));
    QCOMPARE(m_store->groupSize("panel-1"_ba), 2);
    QCOMPARE(m_store->groupSize("panel-2"_ba), 0);
    QCOMPARE(m_store->groupSize(QByteArray()), 0);
}

void tst_AlertStore::silencesCrud()
{
    Silence narrow;
    narrow.ruleId = u"queue-depth"_s;
    narrow.unit = u"ICU"_s;
    narrow.subject = u"destination lab"_s;
    narrow.severity = AlertSeverity::High;
    narrow.category = AlertCategory::Operational;
    narrow.startsAtMs = T0;
    narrow.endsAtMs = T0 + 3'600'000;
    narrow.reason = u"planned maintenance"_s;
    narrow.createdBy = u"support1"_s;
    narrow.createdAtMs = T0 - 10;
    narrow.updatedAtMs = T0 - 10;
    QString error;
    QVERIFY2(m_store->insertSilence(narrow, &error), qPrintable(error));
    QVERIFY(narrow.id > 0);

    Silence wide;
    wide.ruleId = u"channel-silent"_s;
    wide.startsAtMs = T0;
    wide.endsAtMs = T0 + 1000;
    wide.reason = u"feed paused"_s;
    wide.createdBy = u"admin"_s;
    QVERIFY2(m_store->insertSilence(wide, &error), qPrintable(error));
    QVERIFY(wide.id > narrow.id);

    auto read = m_store->silence(narrow.id);
    QVERIFY(read);
    QCOMPARE(read->id, narrow.id);
    QCOMPARE(read->ruleId, narrow.ruleId);
    QCOMPARE(read->unit, narrow.unit);
    QCOMPARE(read->subject, narrow.subject);
    QCOMPARE(read->severity, narrow.severity);
    QCOMPARE(read->category, narrow.category);
    QCOMPARE(read->startsAtMs, narrow.startsAtMs);
    QCOMPARE(read->endsAtMs, narrow.endsAtMs);
    QCOMPARE(read->reason, narrow.reason);
    QCOMPARE(read->createdBy, narrow.createdBy);
    QCOMPARE(read->createdAtMs, narrow.createdAtMs);
    QCOMPARE(read->updatedAtMs, narrow.updatedAtMs);
    QCOMPARE(read->expiredBy, QString());

    auto readWide = m_store->silence(wide.id);
    QVERIFY(readWide);
    QVERIFY(!readWide->severity);
    QVERIFY(!readWide->category);

    Silence changed = *read;
    changed.endsAtMs = T0 + 7'200'000;
    changed.severity.reset();
    changed.reason = u"maintenance extended"_s;
    changed.expiredBy = u"support2"_s;
    changed.updatedAtMs = T0 + 50;
    QVERIFY2(m_store->updateSilence(changed, &error), qPrintable(error));
    read = m_store->silence(narrow.id);
    QCOMPARE(read->endsAtMs, T0 + 7'200'000);
    QVERIFY(!read->severity);
    QCOMPARE(read->category, narrow.category);
    QCOMPARE(read->reason, u"maintenance extended"_s);
    QCOMPARE(read->expiredBy, u"support2"_s);
    QCOMPARE(read->updatedAtMs, T0 + 50);

    const QList<Silence> all = m_store->silences();
    QCOMPARE(all.size(), 2);
    QCOMPARE(all.at(0).id, narrow.id);
    QCOMPARE(all.at(1).id, wide.id);

    Silence missing = changed;
    missing.id = wide.id + 100;
    error.clear();
    QVERIFY(!m_store->updateSilence(missing, &error));
    QVERIFY(!error.isEmpty());
    QVERIFY(!m_store->silence(missing.id));
}

void tst_AlertStore::silencesActiveAt()
{
    auto make = [this](const QString& rule, qint64 starts, qint64 ends, const QString& expiredBy) {
        Silence s;
        s.ruleId = rule;
        s.startsAtMs = starts;
        s.endsAtMs = ends;
        s.expiredBy = expiredBy;
        QString error;
        if (!m_store->insertSilence(s, &error))
            qWarning("insertSilence: %s", qPrintable(error));
        return s.id;
    };
    make(u"early"_s, T0, T0 + 100, {});
    make(u"late"_s, T0 + 50, T0 + 200, {});
    make(u"ended early"_s, T0, T0 + 200, u"admin"_s);

    auto rulesAt = [this](qint64 at) {
        QStringList rules;
        for (const Silence& s : m_store->silences(at))
            rules.append(s.ruleId);
        return rules;
    };
    QCOMPARE(rulesAt(T0 - 1), QStringList());
    QCOMPARE(rulesAt(T0), (QStringList{u"early"_s}));
    QCOMPARE(rulesAt(T0 + 60), (QStringList{u"early"_s, u"late"_s}));
    QCOMPARE(rulesAt(T0 + 100), (QStringList{u"late"_s})); // the end is exclusive
    QCOMPARE(rulesAt(T0 + 200), QStringList());
    QCOMPARE(m_store->silences().size(), 3);
}

void tst_AlertStore::outboxFanOut()
{
    Alert alert = fullAlert();
    alert.createdAtMs = 1'795'737'541'123; // 2026-11-26T23:59:01.123Z
    const QList<AlertNotification> notifications{notification(u"raised"_s, 0, T0 + 1),
                                                 notification(u"updated"_s, 1, T0 + 2)};
    QList<NotificationRecord> created;
    QString error;
    QVERIFY2(m_store->insert(alert, notifications, {u"stream"_s, u"webhook:pager"_s}, &error, &created),
             qPrintable(error));
    QCOMPARE(created.size(), 4);

    const QList<NotificationRecord> records = m_store->notificationsOf(alert.id);
    QCOMPARE(records.size(), 4);
    const QStringList channels{u"stream"_s, u"webhook:pager"_s, u"stream"_s, u"webhook:pager"_s};
    for (int i = 0; i < 4; ++i) {
        const NotificationRecord& r = records.at(i);
        const AlertNotification& n = notifications.at(i / 2);
        QCOMPARE(r.id, created.at(i).id);
        QCOMPARE(r.alertId, alert.id);
        QCOMPARE(r.channel, channels.at(i));
        QCOMPARE(r.reason, n.reason);
        QCOMPARE(r.level, n.level);
        QCOMPARE(r.recipients, n.recipients);
        QCOMPARE(r.state, u"pending"_s);
        QCOMPARE(r.attempts, 0);
        QCOMPARE(r.createdAtMs, n.atMs);
        QCOMPARE(r.nextAttemptAtMs, n.atMs);
        QCOMPARE(r.deliveredAtMs, 0);
        QCOMPARE(r.lastError, QString());
        QCOMPARE(r.payload, created.at(i).payload);
        if (i > 0)
            QVERIFY(r.id > records.at(i - 1).id);
    }

    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(records.at(3).payload, &parseError);
    QCOMPARE(parseError.error, QJsonParseError::NoError);
    QVERIFY(!records.at(3).payload.contains('\n')); // compact
    const QJsonObject payload = document.object();
    QCOMPARE(payload.value(u"alertId"_s).toInteger(), alert.id);
    QCOMPARE(payload.value(u"reason"_s).toString(), u"updated"_s);
    QCOMPARE(payload.value(u"level"_s).toInt(), 1);
    QCOMPARE(payload.value(u"recipients"_s).toArray(), (QJsonArray{u"unit"_s, u"role:charge-nurse"_s}));
    QCOMPARE(payload.value(u"atMs"_s).toInteger(), T0 + 2);
    const QJsonObject summary = payload.value(u"alert"_s).toObject();
    QCOMPARE(summary.value(u"id"_s).toInteger(), alert.id);
    QCOMPARE(summary.value(u"ruleId"_s).toString(), alert.ruleId);
    QCOMPARE(summary.value(u"category"_s).toString(), u"clinical"_s);
    QCOMPARE(summary.value(u"severity"_s).toString(), u"high"_s);
    QCOMPARE(summary.value(u"state"_s).toString(), u"notified"_s);
    QCOMPARE(summary.value(u"unit"_s).toString(), alert.unit);
    QCOMPARE(summary.value(u"team"_s).toString(), alert.team);
    QCOMPARE(summary.value(u"subject"_s).toString(), alert.subject);
    QCOMPARE(summary.value(u"title"_s).toString(), alert.title);
    QCOMPARE(summary.value(u"evidence"_s).toObject(), alert.evidence);
    QCOMPARE(summary.value(u"correlationIds"_s).toArray(), (QJsonArray{u"corr-a"_s, u"corr-b"_s}));
    QCOMPARE(summary.value(u"count"_s).toInt(), alert.count);
    QCOMPARE(summary.value(u"level"_s).toInt(), alert.level);
    QCOMPARE(summary.value(u"createdAt"_s).toString(), u"2026-11-26T23:59:01.123Z"_s);

    // No channels, or no notifications: nothing queued.
    Alert quiet = simpleAlert(u"quiet"_s, AlertState::Suppressed, T0);
    QVERIFY2(m_store->insert(quiet, notifications, {}, &error), qPrintable(error));
    QVERIFY(m_store->notificationsOf(quiet.id).isEmpty());
}

void tst_AlertStore::payloadHasNoPatientIdentifier()
{
    Alert alert = fullAlert();
    QString error;
    QVERIFY2(m_store->insert(alert, {notification(u"raised"_s, 0, T0)}, {u"stream"_s, u"webhook:pager"_s}, &error),
             qPrintable(error));
    Alert changed = *m_store->byId(alert.id);
    changed.state = AlertState::Resolved;
    QVERIFY2(m_store->save(changed, int(changed.history.size()), {notification(u"resolved"_s, 1, T0 + 9)},
                           {u"stream"_s, u"webhook:pager"_s}, &error),
             qPrintable(error));

    QCOMPARE(m_store->byId(alert.id)->patientId, PatientId); // stored for the API to mask by role ...
    const QList<NotificationRecord> records = m_store->notificationsOf(alert.id);
    QCOMPARE(records.size(), 4);
    for (const NotificationRecord& record : records) {
        QVERIFY(!record.payload.isEmpty());
        QVERIFY2(!record.payload.contains(PatientId.toUtf8()), record.payload.constData()); // ... never sent
        QVERIFY(!record.payload.contains("patientId"));
    }
}

void tst_AlertStore::dueSelectionAndDeliveryTracking()
{
    Alert a = insertAlert(simpleAlert(u"a"_s, AlertState::Notified, T0),
                          {notification(u"raised"_s, 0, T0 + 10), notification(u"escalated"_s, 1, T0 + 20)},
                          {u"stream"_s, u"webhook:pager"_s, u"webhook:sms"_s});
    Alert b = insertAlert(simpleAlert(u"b"_s, AlertState::Notified, T0),
                          {notification(u"raised"_s, 0, T0 + 5)}, {u"webhook:pager"_s});
    QVERIFY(a.id > 0 && b.id > 0);

    auto idsOf = [](const QList<NotificationRecord>& records) {
        QList<qint64> ids;
        for (const NotificationRecord& r : records)
            ids.append(r.id);
        return ids;
    };
    const QList<NotificationRecord> pagerAll = m_store->dueNotifications(u"webhook:pager"_s, T0 + 100);
    QCOMPARE(pagerAll.size(), 3);
    QVERIFY(pagerAll.at(0).id < pagerAll.at(1).id && pagerAll.at(1).id < pagerAll.at(2).id); // oldest first
    QCOMPARE(pagerAll.at(2).alertId, b.id);
    for (const NotificationRecord& r : pagerAll)
        QCOMPARE(r.channel, u"webhook:pager"_s);

    QCOMPARE(m_store->dueNotifications(u"webhook:pager"_s, T0 + 9).size(), 1); // only b's is due
    QCOMPARE(m_store->dueNotifications(u"webhook:pager"_s, T0 + 4).size(), 0);
    QCOMPARE(m_store->dueNotifications(u"webhook:pager"_s, T0 + 100, 2).size(), 2);
    QCOMPARE(m_store->dueNotifications(u"webhook:nothing"_s, T0 + 100).size(), 0);
    QCOMPARE(m_store->nextNotificationAttemptMs(u"webhook:"_s), T0 + 5);
    QCOMPARE(m_store->nextNotificationAttemptMs(u"stream"_s), T0 + 10);
    QCOMPARE(m_store->nextNotificationAttemptMs(u"webhook:sms"_s), T0 + 10);
    QCOMPARE(m_store->nextNotificationAttemptMs(u"email:"_s), 0);

    const qint64 first = pagerAll.at(0).id;
    const qint64 second = pagerAll.at(1).id;
    const qint64 third = pagerAll.at(2).id;
    QString error;
    QVERIFY2(m_store->markRetry(third, 1, T0 + 5000, u"HTTP 503"_s, &error), qPrintable(error));
    QCOMPARE(idsOf(m_store->dueNotifications(u"webhook:pager"_s, T0 + 100)), (QList<qint64>{first, second}));
    QCOMPARE(idsOf(m_store->dueNotifications(u"webhook:pager"_s, T0 + 5000)), (QList<qint64>{first, second, third}));

    QVERIFY2(m_store->markDelivered(first, T0 + 150, 1, &error), qPrintable(error));
    QVERIFY2(m_store->markFailed(second, 8, u"HTTP 400"_s, &error), qPrintable(error));
    QCOMPARE(idsOf(m_store->dueNotifications(u"webhook:pager"_s, T0 + 100'000)), (QList<qint64>{third}));
    QCOMPARE(m_store->nextNotificationAttemptMs(u"webhook:pager"_s), T0 + 5000);

    const QList<NotificationRecord> ofA = m_store->notificationsOf(a.id);
    auto byId = [&ofA](qint64 id) {
        for (const NotificationRecord& r : ofA) {
            if (r.id == id)
                return r;
        }
        return NotificationRecord();
    };
    QCOMPARE(byId(first).state, u"delivered"_s);
    QCOMPARE(byId(first).deliveredAtMs, T0 + 150);
    QCOMPARE(byId(first).attempts, 1);
    QCOMPARE(byId(second).state, u"failed"_s);
    QCOMPARE(byId(second).attempts, 8);
    QCOMPARE(byId(second).lastError, u"HTTP 400"_s);
    QCOMPARE(byId(second).deliveredAtMs, 0);
    const NotificationRecord retried = m_store->notificationsOf(b.id).first();
    QCOMPARE(retried.state, u"pending"_s);
    QCOMPARE(retried.attempts, 1);
    QCOMPARE(retried.nextAttemptAtMs, T0 + 5000);
    QCOMPARE(retried.lastError, u"HTTP 503"_s);

    // Final states stay final; unknown ids are errors.
    error.clear();
    QVERIFY(!m_store->markRetry(first, 2, T0, u"late"_s, &error));
    QVERIFY(!error.isEmpty());
    QVERIFY(!m_store->markDelivered(second, T0, 9));
    QVERIFY(!m_store->markFailed(third + 1000, 1, u"x"_s));
    QCOMPARE(m_store->dueNotifications(u"webhook:pager"_s, T0 + 100'000).size(), 1);
    const QList<NotificationRecord> after = m_store->notificationsOf(a.id);
    for (const NotificationRecord& r : after) {
        if (r.id == first)
            QCOMPARE(r.state, u"delivered"_s);
        if (r.id == second)
            QCOMPARE(r.state, u"failed"_s);
    }
}

void tst_AlertStore::figures()
{
    {
        const AlertFigures empty = m_store->figures();
        QCOMPARE(empty.openBySeverity.value(u"critical"_s, -1), 0);
        QCOMPARE(empty.deduplicatedTotal, 0);
        QVERIFY(empty.timeToAcknowledgeMs.isEmpty());
    }

    // Two open critical (one folded 3 raises), one acknowledged high, one suppressed low, resolved ones.
    Alert c1 = simpleAlert(u"c1"_s, AlertState::Notified, T0);
    c1.count = 3;
    c1.notifiedAtMs = T0;
    c1.history.append(transition(T0 + 300, AlertState::Notified, AlertState::Escalated, u"escalate"_s, 1));
    c1.history.append(transition(T0 + 600, AlertState::Escalated, AlertState::Escalated, u"repeat"_s, 1));
    c1.state = AlertState::Escalated;
    insertAlert(c1, {notification(u"raised"_s, 0, T0)}, {u"stream"_s, u"webhook:pager"_s});
    Alert c2 = simpleAlert(u"c2"_s, AlertState::Notified, T0);
    insertAlert(c2);
    Alert h = simpleAlert(u"h"_s, AlertState::Acknowledged, T0);
    h.severity = AlertSeverity::High;
    h.notifiedAtMs = T0 + 1000;
    h.acknowledgedAtMs = T0 + 6000;
    h.count = 2;
    insertAlert(h);
    Alert s = simpleAlert(u"s"_s, AlertState::Suppressed, T0);
    s.severity = AlertSeverity::Low;
    insertAlert(s);
    // Created suppressed, later unsuppressed and resolved as a false alarm after an acknowledgement.
    Alert r1 = simpleAlert(u"r1"_s, AlertState::Suppressed, T0);
    r1.history.append(transition(T0 + 10, AlertState::Suppressed, AlertState::Notified, u"unsuppress"_s));
    r1.history.append(transition(T0 + 20, AlertState::Notified, AlertState::Escalated, u"escalate"_s, 1));
    r1.history.append(transition(T0 + 30, AlertState::Escalated, AlertState::Resolved, u"resolve"_s, 1));
    r1.state = AlertState::Resolved;
    r1.disposition = u"false_alarm"_s;
    r1.notifiedAtMs = T0 + 10;
    r1.acknowledgedAtMs = T0 + 2010;
    insertAlert(r1);
    Alert r2 = simpleAlert(u"r2"_s, AlertState::Resolved, T0);
    r2.disposition = u"treated"_s;
    insertAlert(r2);
    Alert r3 = simpleAlert(u"r3"_s, AlertState::Resolved, T0);
    r3.disposition = u"false_alarm"_s;
    insertAlert(r3);
    Alert x = simpleAlert(u"x"_s, AlertState::Retracted, T0);
    x.disposition = u"ignored"_s; // only resolved alerts count for dispositions
    insertAlert(x);

    // The webhook row failed, the stream row was delivered.
    const QList<NotificationRecord> outbox = m_store->notificationsOf(m_store->openByKey(u"rule-a"_s, "c1"_ba)->id);
    QCOMPARE(outbox.size(), 2);
    QVERIFY(m_store->markDelivered(outbox.at(0).id, T0 + 1, 1));
    QVERIFY(m_store->markFailed(outbox.at(1).id, 8, u"HTTP 500"_s));
    insertAlert(simpleAlert(u"pending"_s, AlertState::Notified, T0), {notification(u"raised"_s, 0, T0)},
                {u"stream"_s});

    const AlertFigures f = m_store->figures();
    QCOMPARE(f.openBySeverity.value(u"critical"_s), 3); // c1, c2, pending
    QCOMPARE(f.openBySeverity.value(u"high"_s), 1);
    QCOMPARE(f.openBySeverity.value(u"medium"_s), 0);
    QCOMPARE(f.openBySeverity.value(u"low"_s), 0); // the suppressed one is counted apart
    QCOMPARE(f.suppressedOpen, 1);
    QCOMPARE(f.dispositions.size(), 2);
    QCOMPARE(f.dispositions.value(u"false_alarm"_s), 2);
    QCOMPARE(f.dispositions.value(u"treated"_s), 1);
    QCOMPARE(f.deduplicatedTotal, 3); // (3-1) + (2-1)
    QCOMPARE(f.escalationsTotal, 3);  // c1 escalate + repeat, r1 escalate
    QCOMPARE(f.suppressedTotal, 2);   // s and r1
    QCOMPARE(f.acknowledgedTotal, 2);
    QCOMPARE(f.timeToAcknowledgeMs, (QList<qint64>{2000, 5000}));
    QCOMPARE(f.notificationsFailed, 1);
    QCOMPARE(f.notificationsPending, 1);
}

void tst_AlertStore::reopeningKeepsEverything()
{
    Alert alert = fullAlert();
    alert.state = AlertState::Escalated;
    alert.closedAtMs = 0;
    QString error;
    QVERIFY2(m_store->insert(alert, {notification(u"raised"_s, 0, T0)}, {u"webhook:pager"_s}, &error),
             qPrintable(error));
    Silence silence;
    silence.unit = u"ICU"_s;
    silence.startsAtMs = T0;
    silence.endsAtMs = T0 + 1000;
    QVERIFY2(m_store->insertSilence(silence, &error), qPrintable(error));
    const qint64 notificationId = m_store->notificationsOf(alert.id).first().id;
    QVERIFY(m_store->markRetry(notificationId, 2, T0 + 777, u"connection refused"_s));
    const AlertFigures before = m_store->figures();

    reopen();
    if (QTest::currentTestFailed())
        return;

    const auto read = m_store->byId(alert.id);
    QVERIFY(read);
    compareAlerts(*read, alert, true);
    if (QTest::currentTestFailed())
        return;
    QCOMPARE(m_store->withWakeTimes().size(), 1);
    QCOMPARE(m_store->openByKey(alert.ruleId, alert.dedupKey)->id, alert.id);
    QCOMPARE(m_store->silences(T0 + 1).size(), 1);
    QCOMPARE(m_store->silence(silence.id)->unit, u"ICU"_s);
    const QList<NotificationRecord> records = m_store->notificationsOf(alert.id);
    QCOMPARE(records.size(), 1);
    QCOMPARE(records.first().attempts, 2);
    QCOMPARE(records.first().nextAttemptAtMs, T0 + 777);
    QCOMPARE(records.first().lastError, u"connection refused"_s);
    QCOMPARE(m_store->nextNotificationAttemptMs(u"webhook:"_s), T0 + 777);
    const AlertFigures after = m_store->figures();
    QCOMPARE(after.openBySeverity, before.openBySeverity);
    QCOMPARE(after.deduplicatedTotal, before.deduplicatedTotal);
    QCOMPARE(after.notificationsPending, 1);

    // New ids continue after the old ones.
    Alert next = simpleAlert(u"next"_s, AlertState::Notified, T0);
    QVERIFY2(m_store->insert(next, {}, {}, &error), qPrintable(error));
    QVERIFY(next.id > alert.id);
}

QTEST_GUILESS_MAIN(tst_AlertStore)
#include "tst_alertstore.moc"
