#include "node/audit/AuditLog.h"

#include "node/audit/WriteTransaction.h"
#include "node/store/Sqlite.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QJsonDocument>
#include <QtEndian>

#include <algorithm>

namespace {

// The triggers make the table append-only for every connection, the node's own included: the
// chain proves tampering after the fact, the triggers stop the accidental or casual kind.
const char* const Schema = R"SQL(
CREATE TABLE IF NOT EXISTS audit_log(
    seq INTEGER PRIMARY KEY,
    at_ms INTEGER NOT NULL,
    actor TEXT NOT NULL,
    role TEXT NOT NULL,
    remote TEXT NOT NULL,
    action TEXT NOT NULL,
    target TEXT NOT NULL,
    outcome TEXT NOT NULL,
    reason TEXT NOT NULL,
    detail TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS audit_by_actor ON audit_log(actor, seq);
CREATE INDEX IF NOT EXISTS audit_by_action ON audit_log(action, seq);
CREATE INDEX IF NOT EXISTS audit_by_target ON audit_log(target, seq);
CREATE INDEX IF NOT EXISTS audit_by_time ON audit_log(at_ms);
CREATE TRIGGER IF NOT EXISTS audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER IF NOT EXISTS audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
)SQL";

const char* const Columns = "seq, at_ms, actor, role, remote, action, target, outcome, reason, detail, prev_hash, hash";

const QByteArray GenesisHash(64, '0');

// Exactly the bytes that are stored, so verify() hashes what is in the file, not a re-encoding.
struct StoredFields
{
    qint64 seq = 0;
    qint64 atMs = 0;
    QByteArray text[8]; // actor, role, remote, action, target, outcome, reason, detail
    QByteArray prevHash; // hex
};

void addInt(QCryptographicHash& hash, qint64 value)
{
    char buffer[8];
    qToBigEndian(value, buffer);
    hash.addData(QByteArrayView(buffer, 8));
}

void addField(QCryptographicHash& hash, QByteArrayView bytes)
{
    addInt(hash, bytes.size());
    hash.addData(bytes);
}

// Version tag, fixed-width integers and length-prefixed fields: no two different entries serialize
// to the same bytes (a field cannot borrow characters from its neighbour), so a collision would
// need a SHA-256 collision.
QByteArray computeHash(QCryptographicHash& hash, const StoredFields& fields)
{
    hash.reset();
    hash.addData(QByteArrayView("vigil-audit-v1"));
    addInt(hash, fields.seq);
    addInt(hash, fields.atMs);
    for (const QByteArray& field : fields.text)
        addField(hash, field);
    addField(hash, QByteArray::fromHex(fields.prevHash));
    return hash.result().toHex();
}

StoredFields storedFields(const AuditEntry& entry)
{
    StoredFields fields;
    fields.seq = entry.seq;
    fields.atMs = entry.atMs;
    fields.text[0] = entry.actor.toUtf8();
    fields.text[1] = entry.role.toUtf8();
    fields.text[2] = entry.remote.toUtf8();
    fields.text[3] = entry.action.toUtf8();
    fields.text[4] = entry.target.toUtf8();
    fields.text[5] = entry.outcome.toUtf8();
    fields.text[6] = entry.reason.toUtf8();
    fields.text[7] = QJsonDocument(entry.detail).toJson(QJsonDocument::Compact);
    fields.prevHash = entry.prevHash;
    return fields;
}

AuditEntry entryFromRow(const SqliteStatement& row)
{
    AuditEntry entry;
    entry.seq = row.int64(0);
    entry.atMs = row.int64(1);
    entry.actor = row.text(2);
    entry.role = row.text(3);
    entry.remote = row.text(4);
    entry.action = row.text(5);
    entry.target = row.text(6);
    entry.outcome = row.text(7);
    entry.reason = row.text(8);
    entry.detail = QJsonDocument::fromJson(row.textUtf8(9)).object();
    entry.prevHash = row.textUtf8(10);
    entry.hash = row.textUtf8(11);
    return entry;
}

void setError(QString* errorString, const QString& message)
{
    if (errorString)
        *errorString = message;
}

} // namespace

AuditLog::AuditLog(SqliteDatabase& opsDb, std::function<qint64()> nowMs)
    : m_db(opsDb)
    , m_nowMs(nowMs ? std::move(nowMs) : std::function<qint64()>(&QDateTime::currentMSecsSinceEpoch))
{
}

bool AuditLog::ensureSchema(SqliteDatabase& opsDb, QString* errorString)
{
    QString error;
    if (!opsDb.exec(Schema, &error)) {
        setError(errorString, QStringLiteral("cannot create the audit log: %1").arg(error));
        return false;
    }
    return true;
}

QByteArray AuditLog::entryHash(const AuditEntry& entry)
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    return computeHash(hash, storedFields(entry));
}

qint64 AuditLog::append(AuditEntry entry, QString* errorString)
{
    if (entry.action.isEmpty()) {
        setError(errorString, QStringLiteral("an audit entry needs an action"));
        return 0;
    }
    if (entry.outcome != u"ok" && entry.outcome != u"denied" && entry.outcome != u"failed") {
        setError(
            errorString, QStringLiteral("audit outcome must be ok, denied or failed, not \"%1\"").arg(entry.outcome));
        return 0;
    }

    WriteTransaction transaction(m_db);
    if (!transaction.isActive()) {
        setError(errorString, QStringLiteral("cannot write the audit log: %1").arg(transaction.error()));
        return 0;
    }

    // Read the head inside the write transaction: another connection (a `vigil-node` command) may
    // have appended since our last entry, so nothing is cached.
    auto head = m_db.prepare("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1");
    entry.seq = 1;
    entry.prevHash = GenesisHash;
    const bool hasHead = head.next();
    if (head.failed()) {
        setError(errorString, QStringLiteral("cannot read the audit log: %1").arg(head.error()));
        return 0;
    }
    if (hasHead) {
        entry.seq = head.int64(0) + 1;
        entry.prevHash = head.textUtf8(1);
    }
    head.reset();
    entry.atMs = m_nowMs();

    QCryptographicHash hash(QCryptographicHash::Sha256);
    const StoredFields fields = storedFields(entry);
    entry.hash = computeHash(hash, fields);

    auto insert = m_db.prepare("INSERT INTO audit_log(seq, at_ms, actor, role, remote, action, target, outcome, "
                               "reason, detail, prev_hash, hash) VALUES(?,?,?,?,?,?,?,?,?,?,?,?)");
    insert.bind(1, entry.seq).bind(2, entry.atMs);
    for (int i = 0; i < 8; ++i)
        insert.bindText(3 + i, fields.text[i].isNull() ? QByteArray("") : fields.text[i]);
    insert.bindText(11, entry.prevHash).bindText(12, entry.hash);
    if (!insert.run()) {
        setError(errorString, QStringLiteral("cannot append to the audit log: %1").arg(m_db.lastError()));
        return 0;
    }
    if (!transaction.commit()) {
        setError(errorString, QStringLiteral("cannot commit the audit entry: %1").arg(transaction.error()));
        return 0;
    }
    return entry.seq;
}

std::optional<AuditPage> AuditLog::list(const AuditFilter& filter, QString* errorString) const
{
    QByteArray sql = QByteArray("SELECT ") + Columns + " FROM audit_log WHERE 1";
    if (!filter.actor.isEmpty())
        sql += " AND actor = ?";
    if (!filter.action.isEmpty())
        sql += " AND action = ?";
    if (!filter.target.isEmpty())
        sql += " AND target = ?";
    if (filter.fromMs)
        sql += " AND at_ms >= ?";
    if (filter.toMs)
        sql += " AND at_ms < ?";
    if (filter.beforeSeq > 0)
        sql += " AND seq < ?";
    sql += " ORDER BY seq DESC LIMIT ?";

    auto query = m_db.prepare(sql.constData());
    int index = 0;
    if (!filter.actor.isEmpty())
        query.bind(++index, filter.actor);
    if (!filter.action.isEmpty())
        query.bind(++index, filter.action);
    if (!filter.target.isEmpty())
        query.bind(++index, filter.target);
    if (filter.fromMs)
        query.bind(++index, *filter.fromMs);
    if (filter.toMs)
        query.bind(++index, *filter.toMs);
    if (filter.beforeSeq > 0)
        query.bind(++index, filter.beforeSeq);
    const int limit = std::clamp(filter.limit, 1, MaxPageSize);
    query.bind(++index, limit + 1); // one extra row tells whether another page exists

    AuditPage page;
    while (query.next()) {
        if (page.entries.size() == limit) {
            page.nextBeforeSeq = page.entries.constLast().seq;
            break;
        }
        page.entries.append(entryFromRow(query));
    }
    if (query.failed()) {
        setError(errorString, QStringLiteral("cannot read the audit log: %1").arg(query.error()));
        return std::nullopt;
    }
    return page;
}

AuditVerifyResult AuditLog::verify() const
{
    AuditVerifyResult result;
    // One statement stepped row by row: SQLite streams it, so memory stays flat however long the
    // log is, and the read snapshot (WAL) does not block the node's appends meanwhile.
    const QByteArray sql = QByteArray("SELECT ") + Columns + " FROM audit_log ORDER BY seq";
    auto rows = m_db.prepare(sql.constData());
    QCryptographicHash hash(QCryptographicHash::Sha256);
    StoredFields fields;
    qint64 expectedSeq = 1;
    QByteArray expectedPrev = GenesisHash;
    while (rows.next()) {
        fields.seq = rows.int64(0);
        if (fields.seq != expectedSeq) {
            result.firstBadSeq = fields.seq;
            result.reason = fields.seq > expectedSeq
                ? QStringLiteral("gap before seq %1: entries were deleted").arg(fields.seq)
                : QStringLiteral("unexpected seq %1: entries were inserted out of sequence").arg(fields.seq);
            return result;
        }
        fields.prevHash = rows.textUtf8(10);
        if (fields.prevHash != expectedPrev) {
            result.firstBadSeq = fields.seq;
            result.reason = QStringLiteral("chain broken at seq %1: its prev_hash is not the hash of the entry "
                                           "before it (that entry was replaced)")
                                .arg(fields.seq);
            return result;
        }
        fields.atMs = rows.int64(1);
        for (int i = 0; i < 8; ++i)
            fields.text[i] = rows.textUtf8(2 + i);
        const QByteArray stored = rows.textUtf8(11);
        if (computeHash(hash, fields) != stored) {
            result.firstBadSeq = fields.seq;
            result.reason = QStringLiteral("hash mismatch at seq %1: the entry was changed").arg(fields.seq);
            return result;
        }
        ++result.entriesChecked;
        ++expectedSeq;
        expectedPrev = stored;
    }
    if (rows.failed()) {
        result.reason = QStringLiteral("cannot read the audit log: %1").arg(rows.error());
        return result;
    }
    result.ok = true;
    result.headSeq = expectedSeq - 1;
    result.headHash = result.headSeq > 0 ? expectedPrev : QByteArray();
    return result;
}
