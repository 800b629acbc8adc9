#pragma once

#include "node/store/Sqlite.h"

#include <QString>

/// The node's operations database (`ops.db` beside the message store in the data directory): users,
/// sign-in tokens, the audit log, idempotency records and stats history. Kept apart from the message
/// store so the API's writes never wait for (or delay) the ingest path's group commits. Used from the
/// node's main thread only. Every component creates its own tables (CREATE ... IF NOT EXISTS) through
/// an ensureSchema(SqliteDatabase&) of its own.
class OpsDatabase
{
public:
    /// Opens (or creates) the database in WAL mode with synchronous=FULL: an audit record or a
    /// password change is durable once the call returns.
    bool open(const QString& path, QString* errorString);
    void close() { m_db.close(); }
    SqliteDatabase& db() { return m_db; }
    bool isOpen() const { return m_db.handle() != nullptr; }

    /// Runs `body` in one IMMEDIATE transaction; rolls back when it returns false.
    template<typename Body>
    bool transaction(Body&& body, QString* errorString = nullptr)
    {
        if (!m_db.exec("BEGIN IMMEDIATE", errorString))
            return false;
        if (!body()) {
            m_db.exec("ROLLBACK");
            return false;
        }
        return m_db.exec("COMMIT", errorString);
    }

private:
    SqliteDatabase m_db;
};
