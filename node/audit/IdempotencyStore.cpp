#include "node/audit/IdempotencyStore.h"

#include "node/audit/WriteTransaction.h"
#include "node/store/Sqlite.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QtEndian>

namespace {

const char* const Schema = R"SQL(
CREATE TABLE IF NOT EXISTS idempotency_keys(
    user_id INTEGER NOT NULL,
    key TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    state TEXT NOT NULL CHECK(state IN ('pending', 'done')),
    status INTEGER,
    content_type TEXT,
    body BLOB,
    created_at INTEGER NOT NULL,
    PRIMARY KEY(user_id, key)
);
CREATE INDEX IF NOT EXISTS idempotency_by_age ON idempotency_keys(created_at);
)SQL";

void setError(QString* errorString, const QString& message)
{
    if (errorString)
        *errorString = message;
}

void addField(QCryptographicHash& hash, QByteArrayView bytes)
{
    char length[8];
    qToBigEndian(qint64(bytes.size()), length);
    hash.addData(QByteArrayView(length, 8));
    hash.addData(bytes);
}

IdempotencyStore::Begin failed(const QString& error)
{
    IdempotencyStore::Begin result;
    result.kind = IdempotencyStore::Begin::Kind::Failed;
    result.error = error;
    return result;
}

} // namespace

IdempotencyStore::IdempotencyStore(SqliteDatabase& opsDb, std::function<qint64()> nowMs)
    : m_db(opsDb)
    , m_nowMs(nowMs ? std::move(nowMs) : std::function<qint64()>(&QDateTime::currentMSecsSinceEpoch))
{
}

bool IdempotencyStore::ensureSchema(SqliteDatabase& opsDb, QString* errorString)
{
    QString error;
    if (!opsDb.exec(Schema, &error)) {
        setError(errorString, QStringLiteral("cannot create the idempotency keys: %1").arg(error));
        return false;
    }
    return true;
}

bool IdempotencyStore::isValidKey(const QString& key)
{
    if (key.isEmpty() || key.size() > MaxKeyLength)
        return false;
    for (const QChar c : key) {
        const char16_t u = c.unicode();
        const bool ok = (u >= u'a' && u <= u'z') || (u >= u'A' && u <= u'Z') || (u >= u'0' && u <= u'9') || u == u'_'
            || u == u'-' || u == u':' || u == u'.';
        if (!ok)
            return false;
    }
    return true;
}

QByteArray IdempotencyStore::fingerprint(QByteArrayView method, QByteArrayView path, QByteArrayView body)
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(QByteArrayView("vigil-idempotency-v1"));
    addField(hash, method);
    addField(hash, path);
    addField(hash, body);
    return hash.result().toHex();
}

IdempotencyStore::Begin IdempotencyStore::begin(qint64 userId, const QString& key, const QByteArray& fingerprint)
{
    if (!isValidKey(key))
        return failed(QStringLiteral("invalid idempotency key: use 1 to 128 characters of A-Z a-z 0-9 _ - : ."));

    WriteTransaction transaction(m_db);
    if (!transaction.isActive())
        return failed(QStringLiteral("cannot claim the idempotency key: %1").arg(transaction.error()));

    const qint64 now = m_nowMs();
    auto find = m_db.prepare("SELECT fingerprint, state, status, content_type, body, created_at "
                             "FROM idempotency_keys WHERE user_id = ? AND key = ?");
    find.bind(1, userId).bind(2, key);
    // An expired key counts as unused even before purgeOlderThan() has run, so the 24 h lifetime
    // does not depend on when the purge happens to be scheduled.
    const bool found = find.next();
    if (find.failed())
        return failed(QStringLiteral("cannot read the idempotency keys: %1").arg(find.error()));
    if (found && find.int64(5) > now - KeyLifetimeMs) {
        Begin result;
        if (find.textUtf8(0) != fingerprint)
            result.kind = Begin::Kind::Mismatch;
        else if (find.textUtf8(1) == "pending")
            result.kind = Begin::Kind::InProgress;
        else {
            result.kind = Begin::Kind::Replay;
            result.status = int(find.int64(2));
            result.contentType = find.text(3);
            result.body = find.blob(4);
        }
        return result; // nothing written: the transaction rolls back
    }
    find.reset();

    auto claim = m_db.prepare("INSERT OR REPLACE INTO idempotency_keys(user_id, key, fingerprint, state, status, "
                              "content_type, body, created_at) VALUES(?, ?, ?, 'pending', NULL, NULL, NULL, ?)");
    claim.bind(1, userId).bind(2, key).bindText(3, fingerprint).bind(4, now);
    if (!claim.run() || !transaction.commit())
        return failed(QStringLiteral("cannot claim the idempotency key: %1").arg(m_db.lastError()));
    Begin result;
    result.kind = Begin::Kind::Started;
    return result;
}

bool IdempotencyStore::complete(qint64 userId, const QString& key, int status, const QString& contentType,
    const QByteArray& body, QString* errorString)
{
    auto update = m_db.prepare("UPDATE idempotency_keys SET state = 'done', status = ?, content_type = ?, body = ? "
                               "WHERE user_id = ? AND key = ? AND state = 'pending'");
    update.bind(1, status).bind(2, contentType.isNull() ? QStringLiteral("") : contentType).bindBlob(3, body);
    update.bind(4, userId).bind(5, key);
    if (!update.run()) {
        setError(errorString, QStringLiteral("cannot record the idempotent response: %1").arg(m_db.lastError()));
        return false;
    }
    if (m_db.changes() == 0) {
        setError(errorString, QStringLiteral("idempotency key %1 is not pending").arg(key));
        return false;
    }
    return true;
}

bool IdempotencyStore::abandon(qint64 userId, const QString& key, QString* errorString)
{
    auto remove = m_db.prepare("DELETE FROM idempotency_keys WHERE user_id = ? AND key = ? AND state = 'pending'");
    remove.bind(1, userId).bind(2, key);
    if (!remove.run()) {
        setError(errorString, QStringLiteral("cannot release the idempotency key: %1").arg(m_db.lastError()));
        return false;
    }
    if (m_db.changes() == 0) {
        setError(errorString, QStringLiteral("idempotency key %1 is not pending").arg(key));
        return false;
    }
    return true;
}

int IdempotencyStore::purgeOlderThan(qint64 ageMs, QString* errorString)
{
    auto remove = m_db.prepare("DELETE FROM idempotency_keys WHERE created_at < ?");
    remove.bind(1, m_nowMs() - ageMs);
    if (!remove.run()) {
        setError(errorString, QStringLiteral("cannot purge idempotency keys: %1").arg(m_db.lastError()));
        return -1;
    }
    return m_db.changes();
}
