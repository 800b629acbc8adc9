#include "node/ops/OpsDatabase.h"

bool OpsDatabase::open(const QString& path, QString* errorString)
{
    if (!m_db.open(path, false, errorString))
        return false;
    QString error;
    if (!m_db.exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;", &error)) {
        if (errorString)
            *errorString = QStringLiteral("cannot configure %1: %2").arg(path, error);
        m_db.close();
        return false;
    }
    return true;
}
