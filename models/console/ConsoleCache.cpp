#include "models/console/ConsoleCache.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>
#include <QVariant>

#include <algorithm>
#include <cmath>
#include <iterator>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcCache, "vigil.models.cache")

namespace {

// Version 2 (current). Version 1 is what migrateV1toV2() starts from: the same without
// messages.accession, the viewed_at columns, the lists table and auto_vacuum.
const char* const kSchemaV2[] = {
    "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    "CREATE TABLE stats (at_ms INTEGER PRIMARY KEY, json BLOB NOT NULL, cached_at INTEGER NOT NULL)",
    "CREATE TABLE messages (id INTEGER PRIMARY KEY, correlation_id TEXT, control_id TEXT, patient_id TEXT,"
    " message_type TEXT, trigger_event TEXT, state TEXT, channel TEXT, received_at INTEGER,"
    " json BLOB NOT NULL, cached_at INTEGER NOT NULL, accession TEXT, viewed_at INTEGER)",
    "CREATE INDEX messages_correlation_id ON messages(correlation_id)",
    "CREATE INDEX messages_control_id ON messages(control_id)",
    "CREATE INDEX messages_patient_id ON messages(patient_id)",
    "CREATE INDEX messages_received_at ON messages(received_at)",
    "CREATE INDEX messages_message_type ON messages(message_type)",
    "CREATE INDEX messages_state ON messages(state)",
    "CREATE INDEX messages_accession ON messages(accession)",
    "CREATE TABLE message_details (id INTEGER PRIMARY KEY, json BLOB NOT NULL, cached_at INTEGER NOT NULL,"
    " viewed_at INTEGER)",
    "CREATE TABLE traces (correlation_id TEXT PRIMARY KEY, json BLOB NOT NULL, cached_at INTEGER NOT NULL,"
    " viewed_at INTEGER)",
    "CREATE TABLE lists (key TEXT PRIMARY KEY, json BLOB NOT NULL, cached_at INTEGER NOT NULL)",
};

const QString kLastContactKey = u"last_contact_ms"_s;
const QString kSchemaVersionKey = u"schema_version"_s;

QByteArray toJsonBytes(const QJsonObject& object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

QJsonObject objectFromBytes(const QByteArray& bytes)
{
    return QJsonDocument::fromJson(bytes).object();
}

// QJsonDocument holds only objects and arrays; a list may be any JSON value, so wrap it.
QByteArray valueToBytes(const QJsonValue& value)
{
    return QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact);
}

QJsonValue valueFromBytes(const QByteArray& bytes)
{
    const QJsonArray wrapper = QJsonDocument::fromJson(bytes).array();
    return wrapper.isEmpty() ? QJsonValue() : wrapper.first();
}

QVariant textOrNull(const QJsonValue& value)
{
    const QString text = value.toString();
    return text.isEmpty() ? QVariant(QMetaType(QMetaType::QString)) : QVariant(text);
}

bool isMasked(const QString& value)
{
    return !value.isEmpty() && std::all_of(value.cbegin(), value.cend(), [](QChar c) { return c == u'*'; });
}

QString accessionOf(const QJsonObject& summary)
{
    for (const auto key : {"accession"_L1, "accessionNumber"_L1, "fillerOrderNumber"_L1, "placerOrderNumber"_L1}) {
        const QString value = summary.value(key).toString();
        if (!value.isEmpty() && !isMasked(value))
            return value;
    }
    return {};
}

// Smallest string above every string that starts with `prefix`, in SQLite's BINARY (UTF-8 byte)
// order: U+10FFFF encodes as F4 8F BF BF, above any character a real identifier holds.
QString prefixUpperBound(const QString& prefix)
{
    return prefix + QString::fromUcs4(U"\U0010FFFF", 1);
}

} // namespace

ConsoleCache::ConsoleCache() = default;

ConsoleCache::~ConsoleCache()
{
    close();
}

bool ConsoleCache::fail(const QString& message, QString* errorString) const
{
    m_lastError = message;
    if (errorString)
        *errorString = message;
    return false;
}

bool ConsoleCache::exec(const QString& sql, QString* errorString) const
{
    QSqlQuery query(m_db);
    if (!query.exec(sql))
        return fail(tr("cache query failed: %1").arg(query.lastError().text()), errorString);
    return true;
}

bool ConsoleCache::isOpen() const
{
    return m_db.isValid() && m_db.isOpen();
}

int ConsoleCache::schemaVersion() const
{
    return isOpen() ? m_schemaVersion : 0;
}

void ConsoleCache::close()
{
    if (m_connectionName.isEmpty())
        return;
    if (m_db.isOpen()) {
        if (m_mode == OpenMode::ReadWrite) {
            // Keeps the planner's statistics current for the searches (cheap: it only analyzes
            // what changed enough) and leaves no large WAL behind.
            exec(u"PRAGMA optimize"_s);
            exec(u"PRAGMA wal_checkpoint(TRUNCATE)"_s);
        }
        m_db.close();
    }
    m_db = QSqlDatabase();
    QSqlDatabase::removeDatabase(m_connectionName);
    m_connectionName.clear();
    m_schemaVersion = 0;
}

bool ConsoleCache::removeFiles(const QString& path, QString* errorString)
{
    bool ok = true;
    const QStringList files{path, path + u"-wal"_s, path + u"-shm"_s, path + u"-journal"_s};
    for (const QString& file : files) {
        if (QFileInfo::exists(file) && !QFile::remove(file))
            ok = false;
    }
    if (!ok && errorString)
        *errorString = tr("cannot delete the cache file %1").arg(path);
    return ok;
}

int ConsoleCache::readSchemaVersion(QString* errorString) const
{
    QSqlQuery query(m_db);
    if (!query.exec(u"SELECT name FROM sqlite_master WHERE type = 'table'"_s)) {
        fail(tr("%1 is not a readable SQLite file: %2").arg(m_path, query.lastError().text()), errorString);
        return -1;
    }
    bool hasTables = false;
    bool hasMeta = false;
    while (query.next()) {
        hasTables = true;
        if (query.value(0).toString() == u"meta"_s)
            hasMeta = true;
    }
    if (!hasTables)
        return 0;
    if (!hasMeta) {
        fail(tr("%1 is an SQLite file but not a console cache").arg(m_path), errorString);
        return -1;
    }
    QSqlQuery version(m_db);
    version.prepare(u"SELECT value FROM meta WHERE key = ?"_s);
    version.addBindValue(kSchemaVersionKey);
    bool ok = false;
    int value = 0;
    if (version.exec() && version.next())
        value = version.value(0).toString().toInt(&ok);
    if (!ok || value < 1) {
        fail(tr("the console cache %1 has no valid schema version").arg(m_path), errorString);
        return -1;
    }
    return value;
}

bool ConsoleCache::open(const QString& path, OpenMode mode, QString* errorString)
{
    close();
    m_path = path;
    m_mode = mode;
    m_lastError.clear();

    if (mode == OpenMode::ReadOnly && !QFileInfo::exists(path))
        return fail(tr("the cache file %1 does not exist").arg(path), errorString);
    if (mode == OpenMode::ReadWrite) {
        const QString folder = QFileInfo(path).absolutePath();
        if (!QDir().mkpath(folder))
            return fail(tr("cannot create the cache folder %1").arg(folder), errorString);
    }

    m_connectionName = u"vigil-console-cache-"_s + QUuid::createUuid().toString(QUuid::WithoutBraces);
    m_db = QSqlDatabase::addDatabase(u"QSQLITE"_s, m_connectionName);
    m_db.setDatabaseName(path);
    // A writer's checkpoint or a second writer may hold the lock briefly; wait rather than fail.
    QString options = u"QSQLITE_BUSY_TIMEOUT=5000"_s;
    if (mode == OpenMode::ReadOnly)
        options += u";QSQLITE_OPEN_READONLY"_s;
    m_db.setConnectOptions(options);
    if (!m_db.open()) {
        const QString error = tr("cannot open the cache file %1: %2").arg(path, m_db.lastError().text());
        close();
        return fail(error, errorString);
    }

    QString error;
    int version = readSchemaVersion(&error);
    bool ok = version >= 0;
    if (ok && version > kSchemaVersion) {
        error = tr("the cache file %1 has schema version %2, newer than this console knows (%3)")
                    .arg(path)
                    .arg(version)
                    .arg(kSchemaVersion);
        ok = false;
    }
    if (ok && mode == OpenMode::ReadOnly && version != kSchemaVersion) {
        error = tr("the cache file %1 has schema version %2; open it for writing first to migrate it")
                    .arg(path)
                    .arg(version);
        ok = false;
    }
    if (ok && mode == OpenMode::ReadWrite) {
        // Per-connection settings. auto_vacuum must come before the first table exists.
        ok = (version > 0 || exec(u"PRAGMA auto_vacuum = INCREMENTAL"_s, &error))
            && exec(u"PRAGMA journal_mode = WAL"_s, &error) && exec(u"PRAGMA synchronous = NORMAL"_s, &error)
            && exec(u"PRAGMA journal_size_limit = 8388608"_s, &error);
        if (ok && version == 0) {
            ok = createSchema(&error);
            version = kSchemaVersion;
        } else if (ok && version < kSchemaVersion) {
            ok = migrate(version, &error);
            version = kSchemaVersion;
        }
    }
    if (ok)
        ok = exec(u"PRAGMA cache_size = -8000"_s, &error); // 8 MB per connection: 20 nodes stay small
    if (!ok) {
        close();
        return fail(error, errorString);
    }
    m_schemaVersion = version;
    return true;
}

bool ConsoleCache::createSchema(QString* errorString)
{
    if (!m_db.transaction())
        return fail(tr("cannot start a transaction: %1").arg(m_db.lastError().text()), errorString);
    for (const char* statement : kSchemaV2) {
        if (!exec(QString::fromLatin1(statement), errorString)) {
            m_db.rollback();
            return false;
        }
    }
    QSqlQuery query(m_db);
    query.prepare(u"INSERT INTO meta(key, value) VALUES (?, ?)"_s);
    query.addBindValue(kSchemaVersionKey);
    query.addBindValue(QString::number(kSchemaVersion));
    if (!query.exec()) {
        m_db.rollback();
        return fail(tr("cannot write the schema version: %1").arg(query.lastError().text()), errorString);
    }
    if (!m_db.commit())
        return fail(tr("cannot create the cache: %1").arg(m_db.lastError().text()), errorString);
    return true;
}

bool ConsoleCache::migrate(int fromVersion, QString* errorString)
{
    qCInfo(lcCache, "migrating a console cache from schema version %d to %d", fromVersion, kSchemaVersion);
    if (fromVersion == 1 && !migrateV1toV2(errorString))
        return false;
    // Later versions: `if (fromVersion <= 2 && !migrateV2toV3(errorString)) return false;`
    return true;
}

bool ConsoleCache::migrateV1toV2(QString* errorString)
{
    if (!m_db.transaction())
        return fail(tr("cannot start a transaction: %1").arg(m_db.lastError().text()), errorString);
    const QString steps[] = {
        u"ALTER TABLE messages ADD COLUMN accession TEXT"_s,
        u"ALTER TABLE messages ADD COLUMN viewed_at INTEGER"_s,
        u"UPDATE messages SET viewed_at = cached_at"_s,
        u"ALTER TABLE message_details ADD COLUMN viewed_at INTEGER"_s,
        u"UPDATE message_details SET viewed_at = cached_at"_s,
        u"ALTER TABLE traces ADD COLUMN viewed_at INTEGER"_s,
        u"UPDATE traces SET viewed_at = cached_at"_s,
        u"CREATE TABLE lists (key TEXT PRIMARY KEY, json BLOB NOT NULL, cached_at INTEGER NOT NULL)"_s,
        u"CREATE INDEX messages_accession ON messages(accession)"_s,
        u"UPDATE meta SET value = '2' WHERE key = 'schema_version'"_s,
    };
    for (const QString& step : steps) {
        if (!exec(step, errorString)) {
            m_db.rollback();
            return false;
        }
    }
    // Back-fill the accession of summaries that carry one (only those can; the LIKE keeps it cheap).
    QSqlQuery select(m_db);
    QSqlQuery update(m_db);
    update.prepare(u"UPDATE messages SET accession = ? WHERE id = ?"_s);
    if (!select.exec(u"SELECT id, json FROM messages WHERE CAST(json AS TEXT) LIKE '%ccession%' OR CAST(json AS TEXT) LIKE '%OrderNumber%'"_s)) {
        m_db.rollback();
        return fail(tr("cache migration failed: %1").arg(select.lastError().text()), errorString);
    }
    while (select.next()) {
        const QString accession = accessionOf(objectFromBytes(select.value(1).toByteArray()));
        if (accession.isEmpty())
            continue;
        update.bindValue(0, accession);
        update.bindValue(1, select.value(0));
        if (!update.exec()) {
            m_db.rollback();
            return fail(tr("cache migration failed: %1").arg(update.lastError().text()), errorString);
        }
    }
    select.finish();
    if (!m_db.commit())
        return fail(tr("cache migration failed: %1").arg(m_db.lastError().text()), errorString);
    // Version 1 files had no auto_vacuum; switching it on needs one full VACUUM (outside a transaction).
    return exec(u"PRAGMA auto_vacuum = INCREMENTAL"_s, errorString) && exec(u"VACUUM"_s, errorString);
}

// --- stats -----------------------------------------------------------------------------------

bool ConsoleCache::putStatsSamples(const QList<QPair<qint64, QJsonObject>>& samples, QString* errorString)
{
    if (!isOpen() || isReadOnly())
        return fail(tr("the cache is not open for writing"), errorString);
    if (samples.isEmpty())
        return true;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    if (!m_db.transaction())
        return fail(tr("cannot start a transaction: %1").arg(m_db.lastError().text()), errorString);
    QSqlQuery query(m_db);
    query.prepare(u"INSERT OR REPLACE INTO stats(at_ms, json, cached_at) VALUES (?, ?, ?)"_s);
    for (const auto& [atMs, object] : samples) {
        query.bindValue(0, atMs);
        query.bindValue(1, toJsonBytes(object));
        query.bindValue(2, now);
        if (!query.exec()) {
            const QString error = query.lastError().text();
            m_db.rollback();
            return fail(tr("cannot store stats: %1").arg(error), errorString);
        }
    }
    if (!m_db.commit())
        return fail(tr("cannot store stats: %1").arg(m_db.lastError().text()), errorString);
    return pruneIfNeeded(errorString);
}

QList<QPair<qint64, QJsonObject>> ConsoleCache::statsSince(qint64 fromMs, qint64 toMs) const
{
    QList<QPair<qint64, QJsonObject>> samples;
    if (!isOpen())
        return samples;
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    query.prepare(u"SELECT at_ms, json FROM stats WHERE at_ms >= ? AND at_ms <= ? ORDER BY at_ms"_s);
    query.addBindValue(fromMs);
    query.addBindValue(toMs);
    if (!query.exec()) {
        fail(tr("cannot read stats: %1").arg(query.lastError().text()), nullptr);
        return samples;
    }
    while (query.next())
        samples.append({query.value(0).toLongLong(), objectFromBytes(query.value(1).toByteArray())});
    return samples;
}

// --- messages --------------------------------------------------------------------------------

bool ConsoleCache::putMessages(const QJsonArray& summaries, qint64 cachedAtMs, QString* errorString)
{
    if (!isOpen() || isReadOnly())
        return fail(tr("the cache is not open for writing"), errorString);
    if (summaries.isEmpty())
        return true;
    if (!m_db.transaction())
        return fail(tr("cannot start a transaction: %1").arg(m_db.lastError().text()), errorString);
    QSqlQuery query(m_db);
    // An upsert rather than REPLACE: REPLACE deletes the row first and would lose viewed_at.
    query.prepare(u"INSERT INTO messages(id, correlation_id, control_id, patient_id, message_type, trigger_event,"
                  " state, channel, received_at, json, cached_at, accession, viewed_at)"
                  " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                  " ON CONFLICT(id) DO UPDATE SET correlation_id = excluded.correlation_id,"
                  " control_id = excluded.control_id, patient_id = excluded.patient_id,"
                  " message_type = excluded.message_type, trigger_event = excluded.trigger_event,"
                  " state = excluded.state, channel = excluded.channel, received_at = excluded.received_at,"
                  " json = excluded.json, cached_at = excluded.cached_at, accession = excluded.accession,"
                  " viewed_at = max(coalesce(viewed_at, 0), excluded.viewed_at)"_s);
    const QVariant nullText{QMetaType(QMetaType::QString)};
    const QVariant nullInt{QMetaType(QMetaType::LongLong)};
    for (const QJsonValue& item : summaries) {
        const QJsonObject summary = item.toObject();
        const qint64 id = summary.value("id"_L1).toInteger();
        if (id <= 0)
            continue;
        const QString patientId = summary.value("patientId"_L1).toString();
        const QString accession = accessionOf(summary);
        const QDateTime receivedAt =
            QDateTime::fromString(summary.value("receivedAt"_L1).toString(), Qt::ISODateWithMs);
        query.bindValue(0, id);
        query.bindValue(1, textOrNull(summary.value("correlationId"_L1).toString().toLower()));
        query.bindValue(2, textOrNull(summary.value("controlId"_L1)));
        query.bindValue(3, isMasked(patientId) || patientId.isEmpty() ? nullText : QVariant(patientId));
        query.bindValue(4, textOrNull(summary.value("messageType"_L1)));
        query.bindValue(5, textOrNull(summary.value("triggerEvent"_L1)));
        query.bindValue(6, textOrNull(summary.value("state"_L1)));
        query.bindValue(7, textOrNull(summary.value("channel"_L1)));
        query.bindValue(8, receivedAt.isValid() ? QVariant(receivedAt.toMSecsSinceEpoch()) : nullInt);
        query.bindValue(9, toJsonBytes(summary));
        query.bindValue(10, cachedAtMs);
        query.bindValue(11, accession.isEmpty() ? nullText : QVariant(accession));
        query.bindValue(12, cachedAtMs);
        if (!query.exec()) {
            const QString error = query.lastError().text();
            m_db.rollback();
            return fail(tr("cannot store messages: %1").arg(error), errorString);
        }
    }
    if (!m_db.commit())
        return fail(tr("cannot store messages: %1").arg(m_db.lastError().text()), errorString);
    return pruneIfNeeded(errorString);
}

QList<QJsonObject> ConsoleCache::messagePage(const CacheSearch& search, qint64 beforeId, int limit,
                                             QString* errorString) const
{
    QList<QJsonObject> page;
    if (!isOpen()) {
        fail(tr("the cache is not open"), errorString);
        return page;
    }
    m_lastError.clear();
    limit = std::clamp(limit, 1, kMaxPageSize);
    const bool hasFrom = search.fromMs != std::numeric_limits<qint64>::min();
    const bool hasTo = search.toMs != std::numeric_limits<qint64>::max();
    const QString text = search.text.trimmed();

    QStringList where;
    QVariantList binds;
    if (beforeId > 0) {
        where << u"id < ?"_s;
        binds << beforeId;
    }
    if (!text.isEmpty()) {
        struct Column
        {
            CacheSearch::Key key;
            QString name;
        };
        const Column columns[] = {{CacheSearch::Key::CorrelationId, u"correlation_id"_s},
                                  {CacheSearch::Key::ControlId, u"control_id"_s},
                                  {CacheSearch::Key::PatientId, u"patient_id"_s},
                                  {CacheSearch::Key::Accession, u"accession"_s}};
        QStringList alternatives;
        for (const Column& column : columns) {
            if (search.key != CacheSearch::Key::Any && search.key != column.key)
                continue;
            // Correlation IDs are stored lowered (the API accepts upper case and lowers it too).
            const QString value = column.key == CacheSearch::Key::CorrelationId ? text.toLower() : text;
            if (search.prefix) {
                alternatives << (u'(' + column.name + u" >= ? AND "_s + column.name + u" < ?)"_s);
                binds << value << prefixUpperBound(value);
            } else {
                alternatives << (column.name + u" = ?"_s);
                binds << value;
            }
        }
        where << (u'(' + alternatives.join(u" OR "_s) + u')');
    }
    if (!search.messageType.isEmpty()) {
        const qsizetype caret = search.messageType.indexOf(u'^');
        where << u"message_type = ?"_s;
        binds << (caret < 0 ? search.messageType : search.messageType.left(caret));
        if (caret >= 0) {
            where << u"trigger_event = ?"_s;
            binds << search.messageType.mid(caret + 1);
        }
    }
    if (!search.state.isEmpty()) {
        where << u"state = ?"_s;
        binds << search.state;
    }
    if (!search.channel.isEmpty()) {
        where << u"channel = ?"_s;
        binds << search.channel;
    }
    if (hasFrom || hasTo) {
        const QString range = hasFrom && hasTo ? u"received_at >= ? AND received_at <= ?"_s
            : hasFrom                          ? u"received_at >= ?"_s
                                               : u"received_at <= ?"_s;
        if (text.isEmpty()) {
            bool empty = false;
            const std::optional<qint64> bound = rangeIdBound(search, beforeId, &empty, errorString);
            if (empty || !m_lastError.isEmpty())
                return page;
            if (bound) {
                where << u"id <= ?"_s;
                binds << *bound;
            }
        }
        // "+" keeps received_at out of the planner's index choice: pages run by id (see rangeIdBound).
        QString plusRange = range;
        plusRange.replace(u"received_at"_s, u"+received_at"_s);
        where << plusRange;
        if (hasFrom)
            binds << search.fromMs;
        if (hasTo)
            binds << search.toMs;
    }

    QString sql = u"SELECT json FROM messages"_s;
    if (!where.isEmpty())
        sql += u" WHERE "_s + where.join(u" AND "_s);
    sql += u" ORDER BY id DESC LIMIT "_s + QString::number(limit);

    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    query.prepare(sql);
    for (int i = 0; i < binds.size(); ++i)
        query.bindValue(i, binds.at(i));
    if (!query.exec()) {
        fail(tr("cache search failed: %1").arg(query.lastError().text()), errorString);
        return page;
    }
    page.reserve(limit);
    while (query.next())
        page.append(objectFromBytes(query.value(0).toByteArray()));
    return page;
}

std::optional<qint64> ConsoleCache::rangeIdBound(const CacheSearch& search, qint64 beforeId, bool* empty,
                                                QString* errorString) const
{
    // Pages run newest id first. Walking the received_at index would mean sorting the whole range
    // by id; walking the ids from the top reads every newer row first. Ids rise with arrival, so
    // the id at each end of the range (two index lookups) tells which walk is shorter:
    // - the range is near the top: walk the ids from the top (no bound);
    // - the range is far back: find its highest id exactly (a covering scan of the range on the
    //   received_at index) and walk down from there.
    // Both are exact when the node's clock jumped; the estimate only picks the faster one.
    const bool hasFrom = search.fromMs != std::numeric_limits<qint64>::min();
    const bool hasTo = search.toMs != std::numeric_limits<qint64>::max();
    const auto scalar = [&](const QString& sql, const QVariantList& values, bool* found) -> qint64 {
        QSqlQuery query(m_db);
        query.prepare(sql);
        for (int i = 0; i < values.size(); ++i)
            query.bindValue(i, values.at(i));
        if (!query.exec()) {
            fail(tr("cache search failed: %1").arg(query.lastError().text()), errorString);
            *found = false;
            return 0;
        }
        *found = query.next() && !query.value(0).isNull();
        return *found ? query.value(0).toLongLong() : 0;
    };
    bool found = false;
    qint64 top = scalar(u"SELECT max(id) FROM messages"_s, {}, &found);
    if (!found) {
        *empty = true;
        return std::nullopt;
    }
    if (beforeId > 0)
        top = std::min(top, beforeId - 1);
    qint64 highEnd = top;
    if (hasTo) {
        highEnd = scalar(u"SELECT id FROM messages WHERE received_at <= ? ORDER BY received_at DESC LIMIT 1"_s,
                         {search.toMs}, &found);
        if (!found) {
            *empty = m_lastError.isEmpty(); // nothing was received before the range ends
            return std::nullopt;
        }
    }
    qint64 lowEnd = 0;
    if (hasFrom) {
        lowEnd = scalar(u"SELECT id FROM messages WHERE received_at >= ? ORDER BY received_at ASC LIMIT 1"_s,
                        {search.fromMs}, &found);
        if (!found) {
            *empty = m_lastError.isEmpty(); // nothing was received since the range starts
            return std::nullopt;
        }
    }
    const qint64 rowsAbove = top - std::min(top, highEnd);
    const qint64 rowsInRange = std::max<qint64>(0, highEnd - lowEnd);
    if (rowsAbove <= rowsInRange)
        return std::nullopt;
    QString sql = u"SELECT max(id) FROM messages WHERE "_s;
    QVariantList values;
    if (hasFrom && hasTo) {
        sql += u"received_at >= ? AND received_at <= ?"_s;
        values = {search.fromMs, search.toMs};
    } else if (hasFrom) {
        sql += u"received_at >= ?"_s;
        values = {search.fromMs};
    } else {
        sql += u"received_at <= ?"_s;
        values = {search.toMs};
    }
    const qint64 bound = scalar(sql, values, &found);
    if (!found) {
        *empty = m_lastError.isEmpty();
        return std::nullopt;
    }
    return bound;
}

std::optional<CachedItem> ConsoleCache::messageSummary(qint64 id) const
{
    if (!isOpen())
        return std::nullopt;
    QSqlQuery query(m_db);
    query.prepare(u"SELECT json, cached_at FROM messages WHERE id = ?"_s);
    query.addBindValue(id);
    if (!query.exec() || !query.next())
        return std::nullopt;
    return CachedItem{objectFromBytes(query.value(0).toByteArray()), query.value(1).toLongLong()};
}

qint64 ConsoleCache::messageCount() const
{
    if (!isOpen())
        return 0;
    QSqlQuery query(m_db);
    if (!query.exec(u"SELECT count(*) FROM messages"_s) || !query.next())
        return 0;
    return query.value(0).toLongLong();
}

// --- details, traces, lists ------------------------------------------------------------------

bool ConsoleCache::putMessageDetail(qint64 id, const QJsonObject& detail, qint64 cachedAtMs, QString* errorString)
{
    if (!isOpen() || isReadOnly())
        return fail(tr("the cache is not open for writing"), errorString);
    QSqlQuery query(m_db);
    query.prepare(u"INSERT OR REPLACE INTO message_details(id, json, cached_at, viewed_at) VALUES (?, ?, ?, ?)"_s);
    query.addBindValue(id);
    query.addBindValue(toJsonBytes(detail));
    query.addBindValue(cachedAtMs);
    query.addBindValue(cachedAtMs);
    if (!query.exec())
        return fail(tr("cannot store a message: %1").arg(query.lastError().text()), errorString);
    return pruneIfNeeded(errorString);
}

std::optional<CachedItem> ConsoleCache::messageDetail(qint64 id) const
{
    if (!isOpen())
        return std::nullopt;
    QSqlQuery query(m_db);
    query.prepare(u"SELECT json, cached_at FROM message_details WHERE id = ?"_s);
    query.addBindValue(id);
    if (!query.exec() || !query.next())
        return std::nullopt;
    return CachedItem{objectFromBytes(query.value(0).toByteArray()), query.value(1).toLongLong()};
}

bool ConsoleCache::putTrace(const QString& correlationId, const QJsonObject& trace, qint64 cachedAtMs,
                            QString* errorString)
{
    if (!isOpen() || isReadOnly())
        return fail(tr("the cache is not open for writing"), errorString);
    QSqlQuery query(m_db);
    query.prepare(u"INSERT OR REPLACE INTO traces(correlation_id, json, cached_at, viewed_at) VALUES (?, ?, ?, ?)"_s);
    query.addBindValue(correlationId.toLower());
    query.addBindValue(toJsonBytes(trace));
    query.addBindValue(cachedAtMs);
    query.addBindValue(cachedAtMs);
    if (!query.exec())
        return fail(tr("cannot store a trace: %1").arg(query.lastError().text()), errorString);
    return pruneIfNeeded(errorString);
}

std::optional<CachedItem> ConsoleCache::trace(const QString& correlationId) const
{
    if (!isOpen())
        return std::nullopt;
    QSqlQuery query(m_db);
    query.prepare(u"SELECT json, cached_at FROM traces WHERE correlation_id = ?"_s);
    query.addBindValue(correlationId.toLower());
    if (!query.exec() || !query.next())
        return std::nullopt;
    return CachedItem{objectFromBytes(query.value(0).toByteArray()), query.value(1).toLongLong()};
}

bool ConsoleCache::markMessageViewed(qint64 id, qint64 atMs)
{
    if (!isOpen() || isReadOnly())
        return fail(tr("the cache is not open for writing"), nullptr);
    int touched = 0;
    for (const QString& table : {u"messages"_s, u"message_details"_s}) {
        QSqlQuery query(m_db);
        query.prepare(u"UPDATE "_s + table + u" SET viewed_at = ? WHERE id = ?"_s);
        query.addBindValue(atMs);
        query.addBindValue(id);
        if (!query.exec())
            return fail(tr("cannot update the cache: %1").arg(query.lastError().text()), nullptr);
        touched += query.numRowsAffected();
    }
    return touched > 0;
}

bool ConsoleCache::markTraceViewed(const QString& correlationId, qint64 atMs)
{
    if (!isOpen() || isReadOnly())
        return fail(tr("the cache is not open for writing"), nullptr);
    QSqlQuery query(m_db);
    query.prepare(u"UPDATE traces SET viewed_at = ? WHERE correlation_id = ?"_s);
    query.addBindValue(atMs);
    query.addBindValue(correlationId.toLower());
    if (!query.exec())
        return fail(tr("cannot update the cache: %1").arg(query.lastError().text()), nullptr);
    return query.numRowsAffected() > 0;
}

bool ConsoleCache::putList(const QString& key, const QJsonValue& value, qint64 cachedAtMs, QString* errorString)
{
    if (!isOpen() || isReadOnly())
        return fail(tr("the cache is not open for writing"), errorString);
    QSqlQuery query(m_db);
    query.prepare(u"INSERT OR REPLACE INTO lists(key, json, cached_at) VALUES (?, ?, ?)"_s);
    query.addBindValue(key);
    query.addBindValue(valueToBytes(value));
    query.addBindValue(cachedAtMs);
    if (!query.exec())
        return fail(tr("cannot store a list: %1").arg(query.lastError().text()), errorString);
    return pruneIfNeeded(errorString);
}

std::optional<CachedItem> ConsoleCache::list(const QString& key) const
{
    if (!isOpen())
        return std::nullopt;
    QSqlQuery query(m_db);
    query.prepare(u"SELECT json, cached_at FROM lists WHERE key = ?"_s);
    query.addBindValue(key);
    if (!query.exec() || !query.next())
        return std::nullopt;
    return CachedItem{valueFromBytes(query.value(0).toByteArray()), query.value(1).toLongLong()};
}

bool ConsoleCache::removeList(const QString& key)
{
    if (!isOpen() || isReadOnly())
        return fail(tr("the cache is not open for writing"), nullptr);
    QSqlQuery query(m_db);
    query.prepare(u"DELETE FROM lists WHERE key = ?"_s);
    query.addBindValue(key);
    if (!query.exec())
        return fail(tr("cannot update the cache: %1").arg(query.lastError().text()), nullptr);
    return query.numRowsAffected() > 0;
}

// --- node --------------------------------------------------------------------------------------

bool ConsoleCache::setLastContact(qint64 atMs)
{
    if (!isOpen() || isReadOnly())
        return fail(tr("the cache is not open for writing"), nullptr);
    QSqlQuery query(m_db);
    query.prepare(u"INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)"_s);
    query.addBindValue(kLastContactKey);
    query.addBindValue(QString::number(atMs));
    if (!query.exec())
        return fail(tr("cannot update the cache: %1").arg(query.lastError().text()), nullptr);
    return true;
}

qint64 ConsoleCache::lastContact() const
{
    if (!isOpen())
        return 0;
    QSqlQuery query(m_db);
    query.prepare(u"SELECT value FROM meta WHERE key = ?"_s);
    query.addBindValue(kLastContactKey);
    if (!query.exec() || !query.next())
        return 0;
    return query.value(0).toString().toLongLong();
}

// --- size --------------------------------------------------------------------------------------

qint64 ConsoleCache::sizeBytes() const
{
    if (!isOpen())
        return 0;
    QSqlQuery query(m_db);
    if (!query.exec(u"SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size()"_s) || !query.next())
        return 0;
    return query.value(0).toLongLong();
}

bool ConsoleCache::pruneIfNeeded(QString* errorString)
{
    if (m_maxBytes <= 0 || sizeBytes() <= m_maxBytes)
        return true;
    return prune(errorString);
}

bool ConsoleCache::pruneRound(double fraction, QString* errorString)
{
    struct Table
    {
        const char* name;
        const char* order; // oldest / least recently viewed first
    };
    static const Table tables[] = {
        {"stats", "at_ms"},
        {"messages", "viewed_at, id"},
        {"message_details", "viewed_at, id"},
        {"traces", "viewed_at, rowid"},
    };
    if (!m_db.transaction())
        return fail(tr("cannot start a transaction: %1").arg(m_db.lastError().text()), errorString);
    // The same share of every table, rounded down, so that small tables (the few details the user
    // opened) are not emptied a row per round; if that drops nothing, the biggest table gives a row.
    qint64 drops[std::size(tables)] = {};
    qint64 rows[std::size(tables)] = {};
    qint64 totalDrop = 0;
    size_t biggest = 0;
    for (size_t i = 0; i < std::size(tables); ++i) {
        QSqlQuery count(m_db);
        if (!count.exec(u"SELECT count(*) FROM "_s + QString::fromLatin1(tables[i].name)) || !count.next()) {
            const QString error = count.lastError().text();
            count.finish();
            m_db.rollback();
            return fail(tr("cannot prune the cache: %1").arg(error), errorString);
        }
        rows[i] = count.value(0).toLongLong();
        drops[i] = std::min<qint64>(rows[i], qint64(std::floor(double(rows[i]) * fraction)));
        totalDrop += drops[i];
        if (rows[i] > rows[biggest])
            biggest = i;
    }
    if (totalDrop == 0 && rows[biggest] > 0)
        drops[biggest] = 1;
    for (size_t i = 0; i < std::size(tables); ++i) {
        if (drops[i] <= 0)
            continue;
        const QString name = QString::fromLatin1(tables[i].name);
        QSqlQuery remove(m_db);
        const QString sql = u"DELETE FROM "_s + name + u" WHERE rowid IN (SELECT rowid FROM "_s + name
            + u" ORDER BY "_s + QString::fromLatin1(tables[i].order) + u" LIMIT "_s + QString::number(drops[i]) + u')';
        if (!remove.exec(sql)) {
            const QString error = remove.lastError().text();
            m_db.rollback();
            return fail(tr("cannot prune the cache: %1").arg(error), errorString);
        }
    }
    if (!m_db.commit())
        return fail(tr("cannot prune the cache: %1").arg(m_db.lastError().text()), errorString);
    return true;
}

bool ConsoleCache::releaseFreePages(QString* errorString)
{
    QSqlQuery free(m_db);
    if (!free.exec(u"PRAGMA freelist_count"_s) || !free.next())
        return fail(tr("cannot prune the cache: %1").arg(free.lastError().text()), errorString);
    const qint64 pages = free.value(0).toLongLong();
    free.finish();
    if (pages <= 0)
        return true;
    // Each step of incremental_vacuum frees one page, and QSqlQuery::exec() steps once (the pragma
    // has no result columns, so next() does not step on): run it once per free page, in one
    // transaction so it is one commit.
    if (!m_db.transaction())
        return fail(tr("cannot start a transaction: %1").arg(m_db.lastError().text()), errorString);
    QSqlQuery step(m_db);
    step.prepare(u"PRAGMA incremental_vacuum"_s);
    for (qint64 i = 0; i < pages; ++i) {
        if (!step.exec()) {
            const QString error = step.lastError().text();
            step.finish();
            m_db.rollback();
            return fail(tr("cannot prune the cache: %1").arg(error), errorString);
        }
    }
    step.finish();
    if (!m_db.commit())
        return fail(tr("cannot prune the cache: %1").arg(m_db.lastError().text()), errorString);
    return true;
}

bool ConsoleCache::prune(QString* errorString)
{
    if (!isOpen() || isReadOnly() || m_maxBytes <= 0)
        return true;
    if (sizeBytes() <= m_maxBytes)
        return true;
    // Hysteresis: prune to 90 % so that the next few writes do not prune again.
    const double target = double(m_maxBytes) * 0.9;
    for (int round = 0; round < 8; ++round) {
        QSqlQuery pages(m_db);
        if (!pages.exec(u"SELECT page_count, freelist_count, page_size"
                        " FROM pragma_page_count(), pragma_freelist_count(), pragma_page_size()"_s)
            || !pages.next())
            return fail(tr("cannot prune the cache: %1").arg(pages.lastError().text()), errorString);
        const double pageSize = pages.value(2).toDouble();
        const double used = (pages.value(0).toDouble() - pages.value(1).toDouble()) * pageSize;
        if (used > target) {
            // Rows are of similar size within a table, so dropping this share of every table
            // frees about the excess; a little more absorbs index and page overhead.
            const double fraction = std::min(1.0, (used - target) / used + 0.02);
            if (!pruneRound(fraction, errorString))
                return false;
        }
        // Hand the freed pages back to the file system (auto_vacuum = INCREMENTAL), then fold the
        // WAL into the file so the file itself shrinks.
        if (!releaseFreePages(errorString))
            return false;
        exec(u"PRAGMA wal_checkpoint(TRUNCATE)"_s);
        if (double(sizeBytes()) <= target || used <= target)
            break;
    }
    return true;
}
