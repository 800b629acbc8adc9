#include "node/alerts/AlertStore.h"

#include "node/audit/WriteTransaction.h"
#include "node/store/Sqlite.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>

#include <algorithm>
#include <variant>
#include <vector>

Q_LOGGING_CATEGORY(lcAlertStore, "vigil.node.alerts.store")

using namespace Qt::StringLiterals;

namespace {

// States, severities and categories are stored as their AlertNames strings so that ops.db reads
// plainly in sqlite3. Times are ms since the epoch, 0 = "not yet" (as in Alert). wake_at caches
// Alert::nextWakeMs() so the timers find their alerts after a restart through a small partial index.
const char* const Schema = R"SQL(
CREATE TABLE IF NOT EXISTS alerts(
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    rule_id TEXT NOT NULL,
    category TEXT NOT NULL,
    severity TEXT NOT NULL,
    state TEXT NOT NULL,
    dedup_key TEXT NOT NULL,
    group_key TEXT NOT NULL,
    unit TEXT NOT NULL COLLATE NOCASE,
    team TEXT NOT NULL,
    subject TEXT NOT NULL,
    title TEXT NOT NULL,
    patient_id TEXT NOT NULL,
    evidence TEXT NOT NULL,
    correlation_ids TEXT NOT NULL,
    policy TEXT NOT NULL,
    result_status TEXT NOT NULL,
    level INTEGER NOT NULL,
    repeats INTEGER NOT NULL,
    count INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    notified_at INTEGER NOT NULL,
    acknowledged_at INTEGER NOT NULL,
    acknowledged_by TEXT NOT NULL,
    acknowledge_note TEXT NOT NULL,
    closed_at INTEGER NOT NULL,
    closed_by TEXT NOT NULL,
    disposition TEXT NOT NULL,
    deadline_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    silence_id INTEGER NOT NULL,
    replaces_alert_id INTEGER NOT NULL,
    wake_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS alerts_by_key ON alerts(rule_id, dedup_key, state);
CREATE INDEX IF NOT EXISTS alerts_by_created ON alerts(created_at);
CREATE INDEX IF NOT EXISTS alerts_by_unit ON alerts(unit);
CREATE INDEX IF NOT EXISTS alerts_by_group ON alerts(group_key);
CREATE INDEX IF NOT EXISTS alerts_by_wake ON alerts(wake_at) WHERE wake_at > 0;

CREATE TABLE IF NOT EXISTS alert_history(
    alert_id INTEGER NOT NULL REFERENCES alerts(id),
    seq INTEGER NOT NULL,
    at_ms INTEGER NOT NULL,
    from_state TEXT NOT NULL,
    to_state TEXT NOT NULL,
    action TEXT NOT NULL,
    actor TEXT NOT NULL,
    level INTEGER NOT NULL,
    note TEXT NOT NULL,
    correlation_id TEXT NOT NULL,
    PRIMARY KEY(alert_id, seq)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS alert_history_by_action ON alert_history(action);

CREATE TABLE IF NOT EXISTS silences(
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    rule_id TEXT NOT NULL,
    unit TEXT NOT NULL,
    subject TEXT NOT NULL,
    severity TEXT,
    category TEXT,
    starts_at INTEGER NOT NULL,
    ends_at INTEGER NOT NULL,
    reason TEXT NOT NULL,
    created_by TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    expired_by TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS silences_by_end ON silences(ends_at);

-- How far the clinical rules have looked at the message store (message id): a restart evaluates the
-- accepted messages after it, so a crash between a message's commit and its alert loses nothing.
CREATE TABLE IF NOT EXISTS alert_meta(key TEXT PRIMARY KEY, value INTEGER NOT NULL);

CREATE TABLE IF NOT EXISTS alert_notifications(
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    alert_id INTEGER NOT NULL REFERENCES alerts(id),
    channel TEXT NOT NULL,
    reason TEXT NOT NULL,
    level INTEGER NOT NULL,
    recipients TEXT NOT NULL,
    payload TEXT NOT NULL,
    state TEXT NOT NULL CHECK(state IN ('pending', 'delivered', 'failed')),
    attempts INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    next_attempt_at INTEGER NOT NULL,
    delivered_at INTEGER NOT NULL,
    last_error TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS alert_notifications_by_alert ON alert_notifications(alert_id, id);
CREATE INDEX IF NOT EXISTS alert_notifications_pending ON alert_notifications(channel, id) WHERE state = 'pending';
CREATE INDEX IF NOT EXISTS alert_notifications_by_state ON alert_notifications(state, next_attempt_at);
)SQL";

// Every column of `alerts` but id, in the order bindAlert() binds and alertFrom() reads them (after id).
constexpr const char* AlertColumnNames[] = {
    "rule_id", "category", "severity", "state", "dedup_key", "group_key", "unit", "team", "subject", "title",
    "patient_id", "evidence", "correlation_ids", "policy", "result_status", "level", "repeats", "count",
    "created_at", "updated_at", "notified_at", "acknowledged_at", "acknowledged_by", "acknowledge_note",
    "closed_at", "closed_by", "disposition", "deadline_at", "expires_at", "silence_id", "replaces_alert_id",
    "wake_at",
};
constexpr int AlertColumnCount = int(std::size(AlertColumnNames));

const char* const TerminalStates = "('resolved', 'retracted', 'expired')";

const QByteArray& selectAlertColumns()
{
    static const QByteArray columns = []() -> QByteArray {
        QByteArray text = "SELECT id";
        for (const char* name : AlertColumnNames)
            text += ", "_ba + name;
        return text + " FROM alerts "_ba;
    }();
    return columns;
}

const QByteArray& insertAlertSql()
{
    static const QByteArray sql = []() -> QByteArray {
        QByteArray names;
        QByteArray marks;
        for (const char* name : AlertColumnNames) {
            names += (names.isEmpty() ? ""_ba : ", "_ba) + name;
            marks += marks.isEmpty() ? "?"_ba : ", ?"_ba;
        }
        return "INSERT INTO alerts("_ba + names + ") VALUES("_ba + marks + ")"_ba;
    }();
    return sql;
}

const QByteArray& updateAlertSql()
{
    static const QByteArray sql = []() -> QByteArray {
        QByteArray sets;
        for (const char* name : AlertColumnNames)
            sets += (sets.isEmpty() ? ""_ba : ", "_ba) + name + " = ?"_ba;
        return "UPDATE alerts SET "_ba + sets + " WHERE id = ?"_ba;
    }();
    return sql;
}

bool fail(QString* errorString, const QString& message)
{
    if (errorString)
        *errorString = message;
    return false;
}

// NOT NULL text columns: a null QString/QByteArray would bind NULL.
QByteArray utf8(const QString& text)
{
    QByteArray bytes = text.toUtf8();
    return bytes.isNull() ? QByteArray("") : bytes;
}

QByteArray nonNull(const QByteArray& bytes)
{
    return bytes.isNull() ? QByteArray("") : bytes;
}

QByteArray compactJson(const QJsonObject& object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

QByteArray compactJson(const QJsonArray& array)
{
    return QJsonDocument(array).toJson(QJsonDocument::Compact);
}

QJsonArray correlationArray(const QList<QByteArray>& ids)
{
    QJsonArray array;
    for (const QByteArray& id : ids)
        array.append(QString::fromUtf8(id));
    return array;
}

QJsonArray recipientArray(const QList<Recipient>& recipients)
{
    QJsonArray array;
    for (const Recipient& recipient : recipients)
        array.append(recipient.toString());
    return array;
}

QList<Recipient> recipientsFrom(const QByteArray& json)
{
    QList<Recipient> recipients;
    const QJsonArray array = QJsonDocument::fromJson(json).array();
    for (const QJsonValue& value : array) {
        if (auto recipient = Recipient::parse(value.toString()))
            recipients.append(*recipient);
    }
    return recipients;
}

QString isoUtc(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs);
}

void bindAlert(SqliteStatement& statement, const Alert& alert)
{
    int i = 1;
    statement.bindText(i++, utf8(alert.ruleId));
    statement.bindText(i++, utf8(AlertNames::category(alert.category)));
    statement.bindText(i++, utf8(AlertNames::severity(alert.severity)));
    statement.bindText(i++, utf8(AlertNames::state(alert.state)));
    statement.bindText(i++, nonNull(alert.dedupKey));
    statement.bindText(i++, nonNull(alert.groupKey));
    statement.bindText(i++, utf8(alert.unit));
    statement.bindText(i++, utf8(alert.team));
    statement.bindText(i++, utf8(alert.subject));
    statement.bindText(i++, utf8(alert.title));
    statement.bindText(i++, utf8(alert.patientId));
    statement.bindText(i++, compactJson(alert.evidence));
    statement.bindText(i++, compactJson(correlationArray(alert.correlationIds)));
    statement.bindText(i++, utf8(alert.policy));
    statement.bindText(i++, utf8(alert.resultStatus));
    statement.bind(i++, alert.level);
    statement.bind(i++, alert.repeats);
    statement.bind(i++, alert.count);
    statement.bind(i++, alert.createdAtMs);
    statement.bind(i++, alert.updatedAtMs);
    statement.bind(i++, alert.notifiedAtMs);
    statement.bind(i++, alert.acknowledgedAtMs);
    statement.bindText(i++, utf8(alert.acknowledgedBy));
    statement.bindText(i++, utf8(alert.acknowledgeNote));
    statement.bind(i++, alert.closedAtMs);
    statement.bindText(i++, utf8(alert.closedBy));
    statement.bindText(i++, utf8(alert.disposition));
    statement.bind(i++, alert.deadlineMs);
    statement.bind(i++, alert.expiresAtMs);
    statement.bind(i++, alert.silenceId);
    statement.bind(i++, alert.replacesAlertId);
    statement.bind(i++, alert.nextWakeMs());
    Q_ASSERT(i == AlertColumnCount + 1);
}

Alert alertFrom(const SqliteStatement& row)
{
    Alert alert;
    int i = 0;
    alert.id = row.int64(i++);
    alert.ruleId = row.text(i++);
    alert.category = AlertNames::categoryFrom(row.text(i++)).value_or(AlertCategory::Clinical);
    alert.severity = AlertNames::severityFrom(row.text(i++)).value_or(AlertSeverity::Critical);
    alert.state = AlertNames::stateFrom(row.text(i++)).value_or(AlertState::Open);
    alert.dedupKey = row.textUtf8(i++);
    alert.groupKey = row.textUtf8(i++);
    alert.unit = row.text(i++);
    alert.team = row.text(i++);
    alert.subject = row.text(i++);
    alert.title = row.text(i++);
    alert.patientId = row.text(i++);
    alert.evidence = QJsonDocument::fromJson(row.textUtf8(i++)).object();
    const QJsonArray ids = QJsonDocument::fromJson(row.textUtf8(i++)).array();
    for (const QJsonValue& id : ids)
        alert.correlationIds.append(id.toString().toUtf8());
    alert.policy = row.text(i++);
    alert.resultStatus = row.text(i++);
    alert.level = int(row.int64(i++));
    alert.repeats = int(row.int64(i++));
    alert.count = int(row.int64(i++));
    alert.createdAtMs = row.int64(i++);
    alert.updatedAtMs = row.int64(i++);
    alert.notifiedAtMs = row.int64(i++);
    alert.acknowledgedAtMs = row.int64(i++);
    alert.acknowledgedBy = row.text(i++);
    alert.acknowledgeNote = row.text(i++);
    alert.closedAtMs = row.int64(i++);
    alert.closedBy = row.text(i++);
    alert.disposition = row.text(i++);
    alert.deadlineMs = row.int64(i++);
    alert.expiresAtMs = row.int64(i++);
    alert.silenceId = row.int64(i++);
    alert.replacesAlertId = row.int64(i++);
    return alert;
}

constexpr const char NotificationColumns[] = "SELECT id, alert_id, channel, reason, level, recipients, payload, state,"
                                             " attempts, created_at, next_attempt_at, delivered_at, last_error"
                                             " FROM alert_notifications ";

NotificationRecord notificationFrom(const SqliteStatement& row)
{
    NotificationRecord record;
    record.id = row.int64(0);
    record.alertId = row.int64(1);
    record.channel = row.text(2);
    record.reason = row.text(3);
    record.level = int(row.int64(4));
    record.recipients = recipientsFrom(row.textUtf8(5));
    record.payload = row.textUtf8(6);
    record.state = row.text(7);
    record.attempts = int(row.int64(8));
    record.createdAtMs = row.int64(9);
    record.nextAttemptAtMs = row.int64(10);
    record.deliveredAtMs = row.int64(11);
    record.lastError = row.text(12);
    return record;
}

constexpr const char SilenceColumns[] = "SELECT id, rule_id, unit, subject, severity, category, starts_at, ends_at,"
                                        " reason, created_by, created_at, updated_at, expired_by FROM silences ";

Silence silenceFrom(const SqliteStatement& row)
{
    Silence silence;
    silence.id = row.int64(0);
    silence.ruleId = row.text(1);
    silence.unit = row.text(2);
    silence.subject = row.text(3);
    if (!row.isNull(4))
        silence.severity = AlertNames::severityFrom(row.text(4));
    if (!row.isNull(5))
        silence.category = AlertNames::categoryFrom(row.text(5));
    silence.startsAtMs = row.int64(6);
    silence.endsAtMs = row.int64(7);
    silence.reason = row.text(8);
    silence.createdBy = row.text(9);
    silence.createdAtMs = row.int64(10);
    silence.updatedAtMs = row.int64(11);
    silence.expiredBy = row.text(12);
    return silence;
}

// Binds rule_id .. expired_by (12 values) from index 1.
void bindSilence(SqliteStatement& statement, const Silence& silence)
{
    statement.bindText(1, utf8(silence.ruleId));
    statement.bindText(2, utf8(silence.unit));
    statement.bindText(3, utf8(silence.subject));
    if (silence.severity)
        statement.bindText(4, utf8(AlertNames::severity(*silence.severity)));
    else
        statement.bindNull(4);
    if (silence.category)
        statement.bindText(5, utf8(AlertNames::category(*silence.category)));
    else
        statement.bindNull(5);
    statement.bind(6, silence.startsAtMs);
    statement.bind(7, silence.endsAtMs);
    statement.bindText(8, utf8(silence.reason));
    statement.bindText(9, utf8(silence.createdBy));
    statement.bind(10, silence.createdAtMs);
    statement.bind(11, silence.updatedAtMs);
    statement.bindText(12, utf8(silence.expiredBy));
}

/// What leaves the node for one notification: enough to page and to find the alert, never the
/// patient identifier (paging systems and consoles' streams are not cleared for PHI).
QByteArray payloadFor(const Alert& alert, const AlertNotification& notification)
{
    QJsonObject summary{
        {u"id"_s, alert.id},
        {u"ruleId"_s, alert.ruleId},
        {u"category"_s, AlertNames::category(alert.category)},
        {u"severity"_s, AlertNames::severity(alert.severity)},
        {u"state"_s, AlertNames::state(alert.state)},
        {u"unit"_s, alert.unit},
        {u"team"_s, alert.team},
        {u"subject"_s, alert.subject},
        {u"title"_s, alert.title},
        {u"evidence"_s, alert.evidence},
        {u"correlationIds"_s, correlationArray(alert.correlationIds)},
        {u"count"_s, alert.count},
        {u"level"_s, alert.level},
        {u"createdAt"_s, isoUtc(alert.createdAtMs)},
    };
    const QJsonObject payload{
        {u"alertId"_s, alert.id},
        {u"reason"_s, notification.reason},
        {u"level"_s, notification.level},
        {u"recipients"_s, recipientArray(notification.recipients)},
        {u"atMs"_s, notification.atMs},
        {u"alert"_s, summary},
    };
    return compactJson(payload);
}

bool writeHistory(SqliteDatabase& db, qint64 alertId, const QList<AlertTransition>& history, int first,
                  QString* errorString)
{
    if (first >= history.size())
        return true;
    // The stored history decides where seq continues, so an alert read without its history (or a
    // caller's index off by the entries it already had) never collides with rows already written.
    auto last = db.prepare("SELECT COALESCE(MAX(seq) + 1, 0) FROM alert_history WHERE alert_id = ?");
    last.bind(1, alertId);
    if (!last.next())
        return fail(errorString, u"cannot read the alert history: %1"_s.arg(db.lastError()));
    qint64 seq = last.int64(0);

    auto insert = db.prepare("INSERT INTO alert_history(alert_id, seq, at_ms, from_state, to_state, action, actor,"
                             " level, note, correlation_id) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    for (qsizetype i = std::max(0, first); i < history.size(); ++i) {
        const AlertTransition& t = history.at(i);
        insert.bind(1, alertId).bind(2, seq++).bind(3, t.atMs);
        insert.bindText(4, utf8(AlertNames::state(t.from))).bindText(5, utf8(AlertNames::state(t.to)));
        insert.bindText(6, utf8(t.action)).bindText(7, utf8(t.actor)).bind(8, t.level);
        insert.bindText(9, utf8(t.note)).bindText(10, nonNull(t.correlationId));
        if (!insert.run())
            return fail(errorString, u"cannot write the alert history: %1"_s.arg(db.lastError()));
    }
    return true;
}

bool writeNotifications(SqliteDatabase& db, const Alert& alert, const QList<AlertNotification>& notifications,
                        const QStringList& channels, QString* errorString, QList<NotificationRecord>* created)
{
    if (notifications.isEmpty() || channels.isEmpty())
        return true;
    auto insert = db.prepare("INSERT INTO alert_notifications(alert_id, channel, reason, level, recipients, payload,"
                             " state, attempts, created_at, next_attempt_at, delivered_at, last_error)"
                             " VALUES(?, ?, ?, ?, ?, ?, 'pending', 0, ?, ?, 0, '')");
    for (AlertNotification notification : notifications) {
        notification.alertId = alert.id;
        if (notification.atMs <= 0)
            notification.atMs = alert.updatedAtMs > 0 ? alert.updatedAtMs : QDateTime::currentMSecsSinceEpoch();
        const QByteArray payload = payloadFor(alert, notification);
        const QByteArray recipients = compactJson(recipientArray(notification.recipients));
        for (const QString& channel : channels) {
            insert.bind(1, alert.id).bindText(2, utf8(channel)).bindText(3, utf8(notification.reason));
            insert.bind(4, notification.level).bindText(5, recipients).bindText(6, payload);
            insert.bind(7, notification.atMs).bind(8, notification.atMs);
            if (!insert.run())
                return fail(errorString, u"cannot queue the alert notification: %1"_s.arg(db.lastError()));
            if (created) {
                NotificationRecord record;
                record.id = db.lastInsertId();
                record.alertId = alert.id;
                record.channel = channel;
                record.reason = notification.reason;
                record.level = notification.level;
                record.recipients = notification.recipients;
                record.payload = payload;
                record.createdAtMs = notification.atMs;
                record.nextAttemptAtMs = notification.atMs;
                created->append(record);
            }
        }
    }
    return true;
}

using BindValue = std::variant<qint64, QByteArray>;

void bindAll(SqliteStatement& statement, const std::vector<BindValue>& values)
{
    int index = 1;
    for (const BindValue& value : values) {
        if (const auto* number = std::get_if<qint64>(&value))
            statement.bind(index++, *number);
        else
            statement.bindText(index++, nonNull(std::get<QByteArray>(value)));
    }
}

QByteArray placeholders(qsizetype count)
{
    QByteArray marks;
    for (qsizetype i = 0; i < count; ++i)
        marks += i == 0 ? "?"_ba : ", ?"_ba;
    return marks;
}

QList<AlertTransition> historyOf(SqliteDatabase& db, qint64 alertId)
{
    auto statement = db.prepare("SELECT at_ms, from_state, to_state, action, actor, level, note, correlation_id"
                                  " FROM alert_history WHERE alert_id = ? ORDER BY seq");
    statement.bind(1, alertId);
    QList<AlertTransition> history;
    while (statement.next()) {
        AlertTransition t;
        t.atMs = statement.int64(0);
        t.from = AlertNames::stateFrom(statement.text(1)).value_or(AlertState::Open);
        t.to = AlertNames::stateFrom(statement.text(2)).value_or(AlertState::Open);
        t.action = statement.text(3);
        t.actor = statement.text(4);
        t.level = int(statement.int64(5));
        t.note = statement.text(6);
        t.correlationId = statement.textUtf8(7);
        history.append(t);
    }
    return history;
}

SqliteStatement prepareSql(SqliteDatabase& db, const QByteArray& sql)
{
    return db.prepare(sql.constData());
}

} // namespace

AlertStore::AlertStore(SqliteDatabase& db)
    : m_db(db)
{
}

bool AlertStore::ensureSchema(SqliteDatabase& db, QString* errorString)
{
    QString error;
    if (!db.exec(Schema, &error))
        return fail(errorString, u"cannot create the alert tables: %1"_s.arg(error));
    return true;
}

bool AlertStore::insert(Alert& alert, const QList<AlertNotification>& notifications, const QStringList& channels,
                        QString* errorString, QList<NotificationRecord>* created)
{
    WriteTransaction transaction(m_db);
    if (!transaction.isActive())
        return fail(errorString, u"cannot store the alert: %1"_s.arg(transaction.error()));

    auto statement = m_db.prepare(insertAlertSql().constData());
    bindAlert(statement, alert);
    if (!statement.run())
        return fail(errorString, u"cannot store the alert: %1"_s.arg(m_db.lastError()));

    Alert stored = alert;
    stored.id = m_db.lastInsertId();
    QList<NotificationRecord> records;
    if (!writeHistory(m_db, stored.id, stored.history, 0, errorString)
        || !writeNotifications(m_db, stored, notifications, channels, errorString, &records))
        return false;
    if (!transaction.commit())
        return fail(errorString, u"cannot store the alert: %1"_s.arg(transaction.error()));
    alert.id = stored.id;
    noteState(alert);
    if (created)
        *created = records;
    return true;
}

bool AlertStore::save(const Alert& alert, int firstNewTransition, const QList<AlertNotification>& notifications,
                      const QStringList& channels, QString* errorString, QList<NotificationRecord>* created)
{
    if (alert.id <= 0)
        return fail(errorString, u"cannot save an alert that was never inserted"_s);
    WriteTransaction transaction(m_db);
    if (!transaction.isActive())
        return fail(errorString, u"cannot save alert %1: %2"_s.arg(alert.id).arg(transaction.error()));

    auto statement = m_db.prepare(updateAlertSql().constData());
    bindAlert(statement, alert);
    statement.bind(AlertColumnCount + 1, alert.id);
    if (!statement.run())
        return fail(errorString, u"cannot save alert %1: %2"_s.arg(alert.id).arg(m_db.lastError()));
    if (m_db.changes() == 0)
        return fail(errorString, u"no alert %1"_s.arg(alert.id));

    QList<NotificationRecord> records;
    if (!writeHistory(m_db, alert.id, alert.history, firstNewTransition, errorString)
        || !writeNotifications(m_db, alert, notifications, channels, errorString, &records))
        return false;
    if (!transaction.commit())
        return fail(errorString, u"cannot save alert %1: %2"_s.arg(alert.id).arg(transaction.error()));
    noteState(alert);
    if (created)
        *created = records;
    return true;
}

std::optional<Alert> AlertStore::byId(qint64 id, bool withHistory) const
{
    auto statement = prepareSql(m_db, selectAlertColumns() + "WHERE id = ?");
    statement.bind(1, id);
    if (!statement.next())
        return std::nullopt;
    Alert alert = alertFrom(statement);
    if (withHistory)
        alert.history = historyOf(m_db, alert.id);
    return alert;
}

std::optional<Alert> AlertStore::openByKey(const QString& ruleId, const QByteArray& dedupKey) const
{
    auto statement = prepareSql(m_db, selectAlertColumns() + "WHERE rule_id = ? AND dedup_key = ? AND state NOT IN "
                                   + TerminalStates + " ORDER BY id DESC LIMIT 1");
    statement.bindText(1, utf8(ruleId)).bindText(2, nonNull(dedupKey));
    if (!statement.next())
        return std::nullopt;
    Alert alert = alertFrom(statement);
    alert.history = historyOf(m_db, alert.id);
    return alert;
}

const QHash<QString, QSet<QByteArray>>* AlertStore::openKeys() const
{
    if (!m_openKeys) {
        QHash<QString, QSet<QByteArray>> keys;
        auto statement = m_db.prepare(
            QByteArray(QByteArray("SELECT rule_id, dedup_key FROM alerts WHERE state NOT IN ") + TerminalStates).constData());
        while (statement.next())
            keys[statement.text(0)].insert(statement.textUtf8(1));
        if (statement.failed()) {
            qCWarning(lcAlertStore) << "cannot read the open alerts' keys:" << statement.error();
            return nullptr;
        }
        m_openKeys = std::move(keys);
    }
    return &*m_openKeys;
}

// Unknown (the keys could not be read) counts as open: the caller then reads the alert itself.
bool AlertStore::isOpen(const QString& ruleId, const QByteArray& dedupKey) const
{
    const QHash<QString, QSet<QByteArray>>* keys = openKeys();
    return !keys || keys->value(ruleId).contains(dedupKey);
}

bool AlertStore::anyOpen(const QString& ruleId) const
{
    const QHash<QString, QSet<QByteArray>>* keys = openKeys();
    return !keys || !keys->value(ruleId).isEmpty();
}

void AlertStore::noteState(const Alert& alert)
{
    if (!m_openKeys)
        return;
    if (AlertNames::isTerminal(alert.state))
        (*m_openKeys)[alert.ruleId].remove(alert.dedupKey);
    else
        (*m_openKeys)[alert.ruleId].insert(alert.dedupKey);
}

std::optional<Alert> AlertStore::lastClosedByKey(const QString& ruleId, const QByteArray& dedupKey) const
{
    auto statement = prepareSql(m_db, selectAlertColumns() + "WHERE rule_id = ? AND dedup_key = ? AND state IN "
                                   + TerminalStates + " ORDER BY closed_at DESC, id DESC LIMIT 1");
    statement.bindText(1, utf8(ruleId)).bindText(2, nonNull(dedupKey));
    if (!statement.next())
        return std::nullopt;
    Alert alert = alertFrom(statement);
    alert.history = historyOf(m_db, alert.id);
    return alert;
}

QList<Alert> AlertStore::withWakeTimes() const
{
    // With history: the service hands these to the state machine, which appends to it.
    auto statement = prepareSql(m_db, selectAlertColumns() + "WHERE wake_at > 0 ORDER BY wake_at, id");
    QList<Alert> alerts;
    while (statement.next())
        alerts.append(alertFrom(statement));
    for (Alert& alert : alerts)
        alert.history = historyOf(m_db, alert.id);
    return alerts;
}

QList<Alert> AlertStore::list(const AlertFilter& filter) const
{
    QByteArray where = "WHERE 1 = 1";
    std::vector<BindValue> values;
    if (!filter.states.isEmpty()) {
        where += " AND state IN (" + placeholders(filter.states.size()) + ')';
        for (AlertState state : filter.states)
            values.emplace_back(utf8(AlertNames::state(state)));
    }
    if (!filter.severities.isEmpty()) {
        where += " AND severity IN (" + placeholders(filter.severities.size()) + ')';
        for (AlertSeverity severity : filter.severities)
            values.emplace_back(utf8(AlertNames::severity(severity)));
    }
    QStringList units;
    for (const QString& unit : filter.units) {
        if (!unit.isEmpty())
            units.append(unit);
    }
    if (filter.unitsOnly) {
        // A nurse without units sees nothing, never everything.
        if (units.isEmpty())
            return {};
        where += " AND unit IN (" + placeholders(units.size()) + ')';
    } else if (!units.isEmpty()) {
        where += " AND (unit = '' OR unit IN (" + placeholders(units.size()) + "))";
    }
    for (const QString& unit : std::as_const(units))
        values.emplace_back(utf8(unit));
    if (filter.category) {
        where += " AND category = ?";
        values.emplace_back(utf8(AlertNames::category(*filter.category)));
    }
    if (!filter.ruleId.isEmpty()) {
        where += " AND rule_id = ?";
        values.emplace_back(utf8(filter.ruleId));
    }
    if (!filter.groupKey.isEmpty()) {
        where += " AND group_key = ?";
        values.emplace_back(filter.groupKey);
    }
    if (!filter.correlationId.isEmpty()) {
        where += " AND EXISTS (SELECT 1 FROM json_each(alerts.correlation_ids) WHERE json_each.value = ?)";
        values.emplace_back(filter.correlationId);
    }
    if (filter.fromMs > 0) {
        where += " AND created_at >= ?";
        values.emplace_back(filter.fromMs);
    }
    if (filter.toMs > 0) {
        where += " AND created_at < ?";
        values.emplace_back(filter.toMs);
    }
    if (filter.beforeId > 0) {
        where += " AND id < ?";
        values.emplace_back(filter.beforeId);
    }
    values.emplace_back(qint64(std::clamp(filter.limit, 1, 1000)));

    auto statement = prepareSql(m_db, selectAlertColumns() + where + " ORDER BY id DESC LIMIT ?");
    bindAll(statement, values);
    QList<Alert> alerts;
    while (statement.next())
        alerts.append(alertFrom(statement));
    if (statement.failed())
        qCWarning(lcAlertStore) << "listing alerts failed:" << statement.error();
    return alerts;
}

qint64 AlertStore::groupSize(const QByteArray& groupKey) const
{
    if (groupKey.isEmpty())
        return 0;
    auto statement =
        prepareSql(m_db, QByteArray("SELECT COUNT(*) FROM alerts WHERE group_key = ? AND state NOT IN ") + TerminalStates);
    statement.bindText(1, groupKey);
    return statement.next() ? statement.int64(0) : 0;
}

bool AlertStore::insertSilence(Silence& silence, QString* errorString)
{
    auto statement = m_db.prepare("INSERT INTO silences(rule_id, unit, subject, severity, category, starts_at, ends_at,"
                                  " reason, created_by, created_at, updated_at, expired_by)"
                                  " VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    bindSilence(statement, silence);
    if (!statement.run())
        return fail(errorString, u"cannot store the silence: %1"_s.arg(m_db.lastError()));
    silence.id = m_db.lastInsertId();
    return true;
}

bool AlertStore::updateSilence(const Silence& silence, QString* errorString)
{
    auto statement = m_db.prepare("UPDATE silences SET rule_id = ?, unit = ?, subject = ?, severity = ?, category = ?,"
                                  " starts_at = ?, ends_at = ?, reason = ?, created_by = ?, created_at = ?,"
                                  " updated_at = ?, expired_by = ? WHERE id = ?");
    bindSilence(statement, silence);
    statement.bind(13, silence.id);
    if (!statement.run())
        return fail(errorString, u"cannot update silence %1: %2"_s.arg(silence.id).arg(m_db.lastError()));
    if (m_db.changes() == 0)
        return fail(errorString, u"no silence %1"_s.arg(silence.id));
    return true;
}

std::optional<Silence> AlertStore::silence(qint64 id) const
{
    auto statement = prepareSql(m_db, QByteArray(SilenceColumns) + "WHERE id = ?");
    statement.bind(1, id);
    if (!statement.next())
        return std::nullopt;
    return silenceFrom(statement);
}

QList<Silence> AlertStore::silences(qint64 activeAt) const
{
    QByteArray sql = SilenceColumns;
    if (activeAt != 0)
        sql += "WHERE starts_at <= ?1 AND ?1 < ends_at AND expired_by = '' ";
    sql += "ORDER BY id";
    auto statement = m_db.prepare(sql.constData());
    if (activeAt != 0)
        statement.bind(1, activeAt);
    QList<Silence> result;
    while (statement.next())
        result.append(silenceFrom(statement));
    return result;
}

QList<NotificationRecord> AlertStore::notificationsOf(qint64 alertId) const
{
    auto statement = prepareSql(m_db, QByteArray(NotificationColumns) + "WHERE alert_id = ? ORDER BY id");
    statement.bind(1, alertId);
    QList<NotificationRecord> records;
    while (statement.next())
        records.append(notificationFrom(statement));
    return records;
}

QList<NotificationRecord> AlertStore::dueNotifications(const QString& channel, qint64 nowMs, int limit) const
{
    auto statement = prepareSql(m_db, QByteArray(NotificationColumns)
                                   + "WHERE state = 'pending' AND channel = ? AND next_attempt_at <= ?"
                                     " ORDER BY id LIMIT ?");
    statement.bindText(1, utf8(channel)).bind(2, nowMs).bind(3, std::max(1, limit));
    QList<NotificationRecord> records;
    while (statement.next())
        records.append(notificationFrom(statement));
    return records;
}

qint64 AlertStore::nextNotificationAttemptMs(const QString& channelPrefix) const
{
    auto statement = m_db.prepare("SELECT MIN(next_attempt_at) FROM alert_notifications"
                                  " WHERE state = 'pending' AND substr(channel, 1, length(?1)) = ?1");
    statement.bindText(1, utf8(channelPrefix));
    if (!statement.next() || statement.isNull(0))
        return 0;
    return statement.int64(0);
}

bool AlertStore::markDelivered(qint64 notificationId, qint64 atMs, int attempts, QString* errorString)
{
    auto statement = m_db.prepare("UPDATE alert_notifications SET state = 'delivered', delivered_at = ?, attempts = ?"
                                  " WHERE id = ? AND state = 'pending'");
    statement.bind(1, atMs).bind(2, attempts).bind(3, notificationId);
    if (!statement.run())
        return fail(errorString, u"cannot record the delivery: %1"_s.arg(m_db.lastError()));
    if (m_db.changes() == 0)
        return fail(errorString, u"no pending notification %1"_s.arg(notificationId));
    return true;
}

bool AlertStore::markRetry(qint64 notificationId, int attempts, qint64 nextAttemptAtMs, const QString& error,
                           QString* errorString)
{
    auto statement = m_db.prepare("UPDATE alert_notifications SET attempts = ?, next_attempt_at = ?, last_error = ?"
                                  " WHERE id = ? AND state = 'pending'");
    statement.bind(1, attempts).bind(2, nextAttemptAtMs).bindText(3, utf8(error)).bind(4, notificationId);
    if (!statement.run())
        return fail(errorString, u"cannot record the retry: %1"_s.arg(m_db.lastError()));
    if (m_db.changes() == 0)
        return fail(errorString, u"no pending notification %1"_s.arg(notificationId));
    return true;
}

bool AlertStore::markFailed(qint64 notificationId, int attempts, const QString& error, QString* errorString)
{
    auto statement = m_db.prepare("UPDATE alert_notifications SET state = 'failed', attempts = ?, last_error = ?"
                                  " WHERE id = ? AND state = 'pending'");
    statement.bind(1, attempts).bindText(2, utf8(error)).bind(3, notificationId);
    if (!statement.run())
        return fail(errorString, u"cannot record the failure: %1"_s.arg(m_db.lastError()));
    if (m_db.changes() == 0)
        return fail(errorString, u"no pending notification %1"_s.arg(notificationId));
    return true;
}

AlertFigures AlertStore::figures() const
{
    AlertFigures figures;
    for (AlertSeverity severity : {AlertSeverity::Critical, AlertSeverity::High, AlertSeverity::Medium,
                                   AlertSeverity::Low})
        figures.openBySeverity.insert(AlertNames::severity(severity), 0);

    auto open = prepareSql(m_db, QByteArray("SELECT severity, COUNT(*) FROM alerts WHERE state <> 'suppressed'"
                                         " AND state NOT IN ")
                              + TerminalStates + " GROUP BY severity");
    while (open.next())
        figures.openBySeverity.insert(open.text(0), open.int64(1));

    auto dispositions = m_db.prepare("SELECT disposition, COUNT(*) FROM alerts WHERE state = 'resolved'"
                                     " AND disposition <> '' GROUP BY disposition");
    while (dispositions.next())
        figures.dispositions.insert(dispositions.text(0), dispositions.int64(1));

    auto totals = m_db.prepare("SELECT"
                               " (SELECT COUNT(*) FROM alerts WHERE state = 'suppressed'),"
                               " (SELECT COALESCE(SUM(count - 1), 0) FROM alerts WHERE count > 1),"
                               " (SELECT COUNT(*) FROM alert_history WHERE action IN ('escalate', 'repeat')),"
                               " (SELECT COUNT(*) FROM alerts WHERE acknowledged_at > 0),"
                               " (SELECT COUNT(*) FROM alert_notifications WHERE state = 'failed'),"
                               " (SELECT COUNT(*) FROM alert_notifications WHERE state = 'pending')");
    if (totals.next()) {
        figures.suppressedOpen = totals.int64(0);
        figures.deduplicatedTotal = totals.int64(1);
        figures.escalationsTotal = totals.int64(2);
        figures.acknowledgedTotal = totals.int64(3);
        figures.notificationsFailed = totals.int64(4);
        figures.notificationsPending = totals.int64(5);
    }

    // "Created suppressed": the first step that left Open went to Suppressed (a silence or a
    // cooldown held it from the start), whatever happened to it later.
    auto suppressed = m_db.prepare("SELECT COUNT(*) FROM alert_history h WHERE h.to_state = 'suppressed'"
                                   " AND h.seq = (SELECT MIN(seq) FROM alert_history f"
                                   "              WHERE f.alert_id = h.alert_id AND f.to_state <> 'open')");
    if (suppressed.next())
        figures.suppressedTotal = suppressed.int64(0);

    auto acknowledge = m_db.prepare("SELECT acknowledged_at - notified_at FROM alerts WHERE acknowledged_at > 0"
                                    " AND notified_at > 0 AND acknowledged_at >= notified_at"
                                    " ORDER BY acknowledged_at DESC LIMIT 10000");
    while (acknowledge.next())
        figures.timeToAcknowledgeMs.append(acknowledge.int64(0));
    std::sort(figures.timeToAcknowledgeMs.begin(), figures.timeToAcknowledgeMs.end());
    return figures;
}

std::optional<qint64> AlertStore::rulesMark() const
{
    auto statement = m_db.prepare("SELECT value FROM alert_meta WHERE key = 'rules_mark'");
    if (statement.next())
        return statement.int64(0);
    return std::nullopt;
}

bool AlertStore::setRulesMark(qint64 messageId, QString* errorString)
{
    auto statement = m_db.prepare("INSERT INTO alert_meta(key, value) VALUES('rules_mark', ?)"
                                  " ON CONFLICT(key) DO UPDATE SET value = MAX(value, excluded.value)");
    statement.bind(1, messageId);
    if (!statement.run())
        return fail(errorString, u"cannot record the rules' position: %1"_s.arg(m_db.lastError()));
    return true;
}
