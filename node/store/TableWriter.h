#pragma once

#include "node/store/AppliedRecord.h"
#include "node/store/Sqlite.h"

/// Statements of the applier's connection, prepared once on its thread.
class TableWriter
{
public:
    bool prepared = false;
    SqliteStatement insertMessage;
    SqliteStatement insertTrace;
    SqliteStatement insertQueue;
    SqliteStatement insertDeadLetter;
    SqliteStatement deleteQueue;
    SqliteStatement markResubmitted;
    SqliteStatement updateQueueFailure;
    SqliteStatement updateApplied;

    void prepare(SqliteDatabase& db);
    bool trace(const TraceEvent& e);
    /// Inserts the message, its trace, dead letter and queue entries, and moves the applied mark.
    bool apply(const AppliedRecord& r);
};
