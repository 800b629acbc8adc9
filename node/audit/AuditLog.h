#pragma once

#include "node/audit/AuditTypes.h"

#include <QByteArray>
#include <QString>

#include <functional>
#include <optional>

class SqliteDatabase;

/// The node's append-only, hash-chained audit log (table `audit_log` in ops.db): every sign-in and
/// every action of the ops API, who did it, from where, and how it ended.
///
/// Each entry's hash is SHA-256 over a length-prefixed serialization of all its fields and the
/// previous entry's hash (the first entry chains from 32 zero bytes), so changing or deleting an
/// entry in the middle breaks the chain and verify() names the first bad seq. UPDATE and DELETE are
/// refused by triggers in the database itself. What a chain cannot show on its own is the newest
/// entries being cut off (or the whole table replaced) by someone with write access to the file:
/// record verify()'s headSeq/headHash somewhere else (the `vigil-node audit verify` output, a
/// ticket, a log shipper) to be able to prove that too.
///
/// Entries must never carry passwords, tokens or PHI (see AuditEntry). Main thread only, like the
/// ops database.
class AuditLog
{
public:
    static constexpr int MaxPageSize = 500;

    /// `nowMs` stamps the entries (an empty function means the system clock).
    AuditLog(SqliteDatabase& opsDb, std::function<qint64()> nowMs);

    /// Creates the table, its indexes and the append-only triggers if they are missing.
    static bool ensureSchema(SqliteDatabase& opsDb, QString* errorString = nullptr);

    /// Appends `entry` (its seq, atMs, prevHash and hash are assigned here) and returns its seq, or
    /// 0 on error. Durable on return (ops.db is synchronous=FULL); when called inside a transaction
    /// the caller opened, the entry commits (or rolls back) with that transaction instead.
    /// `action` must not be empty and `outcome` must be "ok", "denied" or "failed".
    /// Never pass passwords, tokens or PHI in any field.
    qint64 append(AuditEntry entry, QString* errorString = nullptr);

    /// Entries matching `filter`, newest first, one page at a time (keyset on seq).
    std::optional<AuditPage> list(const AuditFilter& filter, QString* errorString = nullptr) const;

    /// Walks the whole chain from seq 1, one row at a time (constant memory, so millions of rows are
    /// fine, though it takes a while: call it off the request path or accept the pause), and stops
    /// at the first entry that is missing, changed or not linked to its predecessor.
    AuditVerifyResult verify() const;

    /// The hex SHA-256 that append() stores for `entry` (its seq, atMs, fields and prevHash).
    static QByteArray entryHash(const AuditEntry& entry);

private:
    SqliteDatabase& m_db;
    std::function<qint64()> m_nowMs;
};
