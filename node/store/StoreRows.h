#pragma once

#include "node/store/StoreTypes.h"

class SqliteStatement;

/// How rows of the store's tables become values, shared by every reader of the store (the store's
/// own reads and the ops API's searches), so the column lists and the trace's order live once.
namespace StoreRows {

/// Columns of trace_events in the order readTraceEvent() expects.
inline constexpr const char* TraceEventColumns = "correlation_id, message_id, at_us, stage, outcome, destination, detail";
TraceEvent readTraceEvent(const SqliteStatement& stmt);

/// Every writer of trace_events binds ?1..?7 as TraceEventColumns. A delivery's outcome (deliver or
/// dead-letter at a destination) also takes its message's patient, so that the deliveries of one
/// patient's page are neighbours in trace_patient_delivery (schema 4).
inline constexpr const char* InsertTraceEventSql =
    "INSERT INTO trace_events(correlation_id, message_id, at_us, stage, outcome, destination, detail, patient_id) "
    "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, CASE WHEN ?4 IN ('deliver', 'dead-letter') AND ?6 IS NOT NULL "
    "THEN (SELECT patient_id FROM messages WHERE id = ?2) END)";

/// Columns of dead_letters in the order readDeadLetter() expects; raw comes last, so a reader that
/// leaves it out selects DeadLetterColumns without it and passes withRaw = false.
inline constexpr const char* DeadLetterColumns = "id, message_id, correlation_id, channel, destination, stage, reason, "
                                                 "error_class, error_location, attempts, created_at, state, "
                                                 "resubmitted_as, parked_at, parked_by, park_reason";
DeadLetter readDeadLetter(const SqliteStatement& stmt, bool withRaw);

/// A message's trace is its ingest steps (packed in the message rows) followed by the later rows
/// of trace_events: merged into one time order, stable for equal times.
void sortTrace(QList<TraceEvent>& events);

} // namespace StoreRows
