#include "node/query/QueryConnection.h"

#include "node/query/QueryParams.h"
#include "node/store/StoreSchema.h"

#include <QStringList>

#include <sqlite3.h>

bool QueryConnection::open(const QString& storePath, QString* errorString)
{
    close();
    if (!m_db.open(storePath, true, errorString))
        return false;
    auto version = m_db.prepare("PRAGMA user_version");
    const int schema = version.next() ? int(version.int64(0)) : -1;
    version = SqliteStatement();
    if (schema != StoreSchema::CurrentVersion) {
        if (errorString)
            *errorString
                = QStringLiteral("the store at %1 has schema %2, the queries need %3 (open it with the store first)")
                      .arg(storePath)
                      .arg(schema)
                      .arg(StoreSchema::CurrentVersion);
        close();
        return false;
    }
    return true;
}

void QueryConnection::close()
{
    m_statements.clear();
    m_db.close();
}

SqliteStatement* QueryConnection::statement(const QByteArray& sql, QString* errorString)
{
    const std::string key = sql.toStdString();
    auto it = m_statements.find(key);
    if (it != m_statements.end())
        return it->second.get();
    // Filters combine into many SQL texts, each one cheap to prepare again: a bounded cache is enough.
    if (m_statements.size() >= MaxCachedStatements)
        m_statements.clear();
    auto prepared = std::make_unique<SqliteStatement>(m_db.prepare(sql.constData()));
    if (!prepared->isValid()) {
        if (errorString)
            *errorString = QStringLiteral("cannot prepare a store query: %1").arg(m_db.lastError());
        return nullptr;
    }
    return m_statements.emplace(key, std::move(prepared)).first->second.get();
}

bool QueryConnection::run(const QByteArray& sql, const QueryParams& params,
    const std::function<void(const SqliteStatement&)>& onRow, QString* errorString)
{
    SqliteStatement* stmt = statement(sql, errorString);
    if (!stmt)
        return false;
    stmt->reset();
    params.bindTo(*stmt);
    while (stmt->next())
        onRow(*stmt);
    const bool ok = !stmt->failed();
    if (!ok && errorString)
        *errorString = QStringLiteral("store query failed: %1").arg(stmt->error());
    stmt->reset();
    return ok;
}

QStringList QueryConnection::explain(const QByteArray& sql, const QueryParams& params, QString* errorString)
{
    QStringList plan;
    auto stmt = m_db.prepare(QByteArray("EXPLAIN QUERY PLAN " + sql).constData());
    if (!stmt.isValid()) {
        if (errorString)
            *errorString = m_db.lastError();
        return plan;
    }
    params.bindTo(stmt);
    while (stmt.next())
        plan << stmt.text(3);
    return plan;
}

QueryConnection::Snapshot::Snapshot(QueryConnection& connection)
    : m_connection(connection)
{
    // Nested snapshots share the outer one.
    if (sqlite3_get_autocommit(m_connection.m_db.handle()))
        m_open = m_connection.m_db.exec("BEGIN");
}

QueryConnection::Snapshot::~Snapshot()
{
    if (m_open)
        m_connection.m_db.exec("COMMIT");
}
