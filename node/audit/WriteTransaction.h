#pragma once

#include <QString>

class SqliteDatabase;

/// One atomic write on the ops database that also composes with a caller's transaction: at top
/// level it is a BEGIN IMMEDIATE transaction (the write lock is taken up front, so a read-then-write
/// never fails half-way with SQLITE_BUSY when another connection, e.g. a `vigil-node user` command,
/// writes meanwhile); inside an open transaction it is a SAVEPOINT, so an action and its audit entry
/// can commit together. Rolls back on destruction unless commit() succeeded.
class WriteTransaction
{
public:
    explicit WriteTransaction(SqliteDatabase& db);
    ~WriteTransaction();
    WriteTransaction(const WriteTransaction&) = delete;
    WriteTransaction& operator=(const WriteTransaction&) = delete;

    /// False when the transaction could not be started; error() says why.
    bool isActive() const { return m_active; }
    bool commit();
    QString error() const { return m_error; }

private:
    SqliteDatabase& m_db;
    bool m_nested = false;
    bool m_active = false;
    QString m_error;
};
