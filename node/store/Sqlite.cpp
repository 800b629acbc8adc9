#include "node/store/Sqlite.h"

#include <QHash>
#include <QLoggingCategory>

#include <sqlite3.h>

#include <cstring>

Q_LOGGING_CATEGORY(lcSqlite, "vigil.node.store.sqlite")

/// Idle compiled statements of one connection, one per SQL text. Bounded, because some queries are
/// built from filters and would otherwise each leave a statement behind.
class SqliteStatementCache
{
public:
    static constexpr int MaxStatements = 128;

    ~SqliteStatementCache() { clear(); }

    sqlite3_stmt* take(const char* sql)
    {
        const auto it = m_idle.find(QByteArray::fromRawData(sql, qsizetype(std::strlen(sql))));
        if (it == m_idle.end())
            return nullptr;
        sqlite3_stmt* stmt = it.value();
        m_idle.erase(it);
        return stmt;
    }

    void give(sqlite3_stmt* stmt)
    {
        sqlite3_reset(stmt);
        sqlite3_clear_bindings(stmt);
        const QByteArray sql(sqlite3_sql(stmt));
        if (m_idle.size() >= MaxStatements || m_idle.contains(sql)) {
            sqlite3_finalize(stmt);
            return;
        }
        m_idle.insert(sql, stmt);
    }

    void clear()
    {
        for (sqlite3_stmt* stmt : std::as_const(m_idle))
            sqlite3_finalize(stmt);
        m_idle.clear();
    }

private:
    QHash<QByteArray, sqlite3_stmt*> m_idle;
};

SqliteStatement::SqliteStatement(sqlite3* db, const char* sql)
    : m_db(db)
{
    if (sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, &m_stmt, nullptr) != SQLITE_OK) {
        qCWarning(lcSqlite) << "prepare failed:" << sqlite3_errmsg(db) << "in" << sql;
        m_stmt = nullptr;
        m_failed = true;
    }
}

SqliteStatement::SqliteStatement(sqlite3* db, sqlite3_stmt* stmt, std::weak_ptr<SqliteStatementCache> cache)
    : m_stmt(stmt)
    , m_db(db)
    , m_failed(stmt == nullptr)
    , m_cache(std::move(cache))
{
}

SqliteStatement::~SqliteStatement()
{
    release();
}

void SqliteStatement::release()
{
    if (!m_stmt)
        return;
    if (const std::shared_ptr<SqliteStatementCache> cache = m_cache.lock())
        cache->give(m_stmt);
    else
        sqlite3_finalize(m_stmt);
    m_stmt = nullptr;
}

SqliteStatement::SqliteStatement(SqliteStatement&& other) noexcept
    : m_stmt(std::exchange(other.m_stmt, nullptr))
    , m_db(other.m_db)
    , m_failed(other.m_failed)
    , m_cache(std::move(other.m_cache))
{
}

SqliteStatement& SqliteStatement::operator=(SqliteStatement&& other) noexcept
{
    if (this != &other) {
        release();
        m_stmt = std::exchange(other.m_stmt, nullptr);
        m_db = other.m_db;
        m_failed = other.m_failed;
        m_cache = std::move(other.m_cache);
    }
    return *this;
}

SqliteStatement& SqliteStatement::bind(int index, qint64 value)
{
    if (m_stmt)
        sqlite3_bind_int64(m_stmt, index, value);
    return *this;
}

SqliteStatement& SqliteStatement::bind(int index, const QString& value)
{
    if (value.isNull())
        return bindNull(index);
    // Most bound text is short ASCII (codes, IDs, names of channels): copied through the stack,
    // since SQLite copies it anyway (SQLITE_TRANSIENT) and a UTF-8 QByteArray would cost a malloc.
    constexpr qsizetype StackChars = 256;
    if (m_stmt && value.size() <= StackChars) {
        char ascii[StackChars];
        const QChar* chars = value.constData();
        qsizetype i = 0;
        for (; i < value.size() && chars[i].unicode() < 0x80; ++i)
            ascii[i] = char(chars[i].unicode());
        if (i == value.size()) {
            sqlite3_bind_text64(m_stmt, index, ascii, sqlite3_uint64(i), SQLITE_TRANSIENT, SQLITE_UTF8);
            return *this;
        }
    }
    return bindText(index, value.toUtf8());
}

SqliteStatement& SqliteStatement::bindText(int index, const QByteArray& utf8)
{
    if (!m_stmt)
        return *this;
    if (utf8.isNull())
        sqlite3_bind_null(m_stmt, index);
    else
        sqlite3_bind_text64(m_stmt, index, utf8.constData(), sqlite3_uint64(utf8.size()), SQLITE_TRANSIENT, SQLITE_UTF8);
    return *this;
}

SqliteStatement& SqliteStatement::bindBlob(int index, const QByteArray& value)
{
    if (m_stmt)
        sqlite3_bind_blob64(m_stmt, index, value.constData(), sqlite3_uint64(value.size()), SQLITE_TRANSIENT);
    return *this;
}

SqliteStatement& SqliteStatement::bindNull(int index)
{
    if (m_stmt)
        sqlite3_bind_null(m_stmt, index);
    return *this;
}

bool SqliteStatement::next()
{
    if (!m_stmt)
        return false;
    const int rc = sqlite3_step(m_stmt);
    if (rc == SQLITE_ROW)
        return true;
    if (rc != SQLITE_DONE) {
        m_failed = true;
        qCWarning(lcSqlite) << "step failed:" << sqlite3_errmsg(m_db);
    }
    return false;
}

bool SqliteStatement::run()
{
    if (!m_stmt)
        return false;
    int rc;
    while ((rc = sqlite3_step(m_stmt)) == SQLITE_ROW) { }
    const bool ok = rc == SQLITE_DONE;
    if (!ok) {
        m_failed = true;
        qCWarning(lcSqlite) << "step failed:" << sqlite3_errmsg(m_db);
    }
    sqlite3_reset(m_stmt);
    sqlite3_clear_bindings(m_stmt);
    return ok;
}

void SqliteStatement::reset()
{
    if (m_stmt) {
        sqlite3_reset(m_stmt);
        sqlite3_clear_bindings(m_stmt);
    }
    m_failed = false;
}

qint64 SqliteStatement::int64(int column) const
{
    return sqlite3_column_int64(m_stmt, column);
}

QString SqliteStatement::text(int column) const
{
    const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(m_stmt, column));
    if (!p)
        return {};
    return QString::fromUtf8(p, sqlite3_column_bytes(m_stmt, column));
}

QByteArray SqliteStatement::textUtf8(int column) const
{
    const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(m_stmt, column));
    if (!p)
        return {};
    return QByteArray(p, sqlite3_column_bytes(m_stmt, column));
}

QByteArray SqliteStatement::blob(int column) const
{
    const auto* p = static_cast<const char*>(sqlite3_column_blob(m_stmt, column));
    const int n = sqlite3_column_bytes(m_stmt, column);
    return p ? QByteArray(p, n) : QByteArray("");
}

bool SqliteStatement::isNull(int column) const
{
    return sqlite3_column_type(m_stmt, column) == SQLITE_NULL;
}

QString SqliteStatement::error() const
{
    return m_db ? QString::fromUtf8(sqlite3_errmsg(m_db)) : QString();
}

SqliteDatabase::~SqliteDatabase()
{
    close();
}

bool SqliteDatabase::open(const QString& path, bool readOnly, QString* errorString)
{
    close();
    const int flags = (readOnly ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE))
        | SQLITE_OPEN_NOMUTEX;
    if (sqlite3_open_v2(path.toUtf8().constData(), &m_db, flags, nullptr) != SQLITE_OK) {
        if (errorString)
            *errorString = QStringLiteral("cannot open store %1: %2").arg(path, lastError());
        close();
        return false;
    }
    sqlite3_busy_timeout(m_db, 10000);
    sqlite3_extended_result_codes(m_db, 1);
    m_cache = std::make_shared<SqliteStatementCache>();
    return true;
}

SqliteStatement SqliteDatabase::prepare(const char* sql)
{
    if (m_cache) {
        if (sqlite3_stmt* stmt = m_cache->take(sql))
            return SqliteStatement(m_db, stmt, m_cache);
    }
    SqliteStatement statement(m_db, sql);
    statement.m_cache = m_cache;
    return statement;
}

void SqliteDatabase::close()
{
    // Statements still held elsewhere finalize themselves when released (close_v2 waits for them).
    m_cache.reset();
    if (m_db) {
        sqlite3_close_v2(m_db);
        m_db = nullptr;
    }
}

bool SqliteDatabase::exec(const char* sql, QString* errorString)
{
    char* message = nullptr;
    if (sqlite3_exec(m_db, sql, nullptr, nullptr, &message) != SQLITE_OK) {
        const QString error = QString::fromUtf8(message ? message : "unknown error");
        sqlite3_free(message);
        if (errorString)
            *errorString = error;
        qCWarning(lcSqlite) << "exec failed:" << error;
        return false;
    }
    return true;
}

qint64 SqliteDatabase::lastInsertId() const
{
    return sqlite3_last_insert_rowid(m_db);
}

int SqliteDatabase::changes() const
{
    return sqlite3_changes(m_db);
}

QString SqliteDatabase::lastError() const
{
    return m_db ? QString::fromUtf8(sqlite3_errmsg(m_db)) : QStringLiteral("out of memory");
}
