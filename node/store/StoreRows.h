#pragma once

#include "node/store/StoreTypes.h"

class SqliteStatement;

/// How rows of the store's tables become values, shared by every reader of the store (the store's
/// own reads and the ops API's searches), so the column lists and the trace's order live once.
namespace StoreRows {

/// Columns of trace_events in the order readTraceEvent() expects.
inline constexpr const char* TraceEventColumns = "correlation_id, message_id, at_us, stage, outcome, destination, detail";
TraceEvent readTraceEvent(const SqliteStatement& stmt);

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
