#include "node/audit/WriteTransaction.h"

#include "node/store/Sqlite.h"

#include <sqlite3.h>

WriteTransaction::WriteTransaction(SqliteDatabase& db)
    : m_db(db)
{
    if (!m_db.handle()) {
        m_error = QStringLiteral("the ops database is not open");
        return;
    }
    m_nested = sqlite3_get_autocommit(m_db.handle()) == 0;
    m_active = m_nested ? m_db.exec("SAVEPOINT vigil_ops_write", &m_error) : m_db.exec("BEGIN IMMEDIATE", &m_error);
}

WriteTransaction::~WriteTransaction()
{
    if (!m_active)
        return;
    if (m_nested)
        m_db.exec("ROLLBACK TO vigil_ops_write; RELEASE vigil_ops_write");
    else
        m_db.exec("ROLLBACK");
}

bool WriteTransaction::commit()
{
    if (!m_active)
        return false;
    if (!m_db.exec(m_nested ? "RELEASE vigil_ops_write" : "COMMIT", &m_error))
        return false; // the destructor rolls back
    m_active = false;
    return true;
}
