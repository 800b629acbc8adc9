#pragma once

#include <QByteArray>
#include <QString>

#include <cstdint>
#include <memory>

struct sqlite3;
struct sqlite3_stmt;
class SqliteStatementCache;

/// Thin RAII wrappers over the SQLite C API. The node store uses SQLite directly (not QtSql) for
/// control over WAL, synchronous mode and prepared-statement reuse on the hot ingest path.
class SqliteStatement
{
public:
    SqliteStatement() = default;
    SqliteStatement(sqlite3* db, const char* sql);
    ~SqliteStatement();
    SqliteStatement(SqliteStatement&& other) noexcept;
    SqliteStatement& operator=(SqliteStatement&& other) noexcept;
    SqliteStatement(const SqliteStatement&) = delete;
    SqliteStatement& operator=(const SqliteStatement&) = delete;

    bool isValid() const { return m_stmt != nullptr; }
    SqliteStatement& bind(int index, qint64 value);
    SqliteStatement& bind(int index, int value) { return bind(index, qint64(value)); }
    SqliteStatement& bind(int index, const QString& value);   ///< null QString binds NULL
    SqliteStatement& bindText(int index, const QByteArray& utf8); ///< null array binds NULL
    SqliteStatement& bindBlob(int index, const QByteArray& value);
    SqliteStatement& bindNull(int index);

    /// Steps once: true when a row is available. Errors are logged and reported by error().
    bool next();
    /// Steps to completion (for statements without rows). Returns false on error.
    bool run();
    void reset();

    qint64 int64(int column) const;
    QString text(int column) const;
    QByteArray textUtf8(int column) const;
    QByteArray blob(int column) const;
    bool isNull(int column) const;

    bool failed() const { return m_failed; }
    QString error() const;

private:
    friend class SqliteDatabase;
    SqliteStatement(sqlite3* db, sqlite3_stmt* stmt, std::weak_ptr<SqliteStatementCache> cache);
    void release();

    sqlite3_stmt* m_stmt = nullptr;
    sqlite3* m_db = nullptr;
    bool m_failed = false;
    /// Where the compiled statement goes back to when this handle is done with it (empty: finalized).
    std::weak_ptr<SqliteStatementCache> m_cache;
};

class SqliteDatabase
{
public:
    SqliteDatabase() = default;
    ~SqliteDatabase();
    SqliteDatabase(const SqliteDatabase&) = delete;
    SqliteDatabase& operator=(const SqliteDatabase&) = delete;

    bool open(const QString& path, bool readOnly, QString* errorString);
    void close();
    bool exec(const char* sql, QString* errorString = nullptr);
    /// Compiles `sql`, or reuses the compiled statement of an earlier prepare() of the same text that
    /// has been released (reset, bindings cleared): parsing SQL costs more than running most of the
    /// node's queries, and they run per message.
    SqliteStatement prepare(const char* sql);
    qint64 lastInsertId() const;
    int changes() const;
    QString lastError() const;
    sqlite3* handle() const { return m_db; }

private:
    sqlite3* m_db = nullptr;
    std::shared_ptr<SqliteStatementCache> m_cache;
};
