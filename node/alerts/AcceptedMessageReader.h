#pragma once

#include "node/pipeline/AcceptedMessage.h"
#include "node/store/Sqlite.h"

#include <QList>

/// Reads accepted messages back from the message store, oldest first, for the alert rules to catch
/// up after a restart (AlertService::setRecoverySource). Its own read-only connection.
class AcceptedMessageReader
{
public:
    bool open(const QString& storePath, QString* errorString = nullptr);
    /// Accepted (not duplicate, not dead-lettered) messages with id > afterId, at most `limit`.
    QList<AcceptedMessage> after(qint64 afterId, int limit);

private:
    SqliteDatabase m_db;
};
