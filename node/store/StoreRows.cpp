#include "node/store/StoreRows.h"

#include "node/store/Sqlite.h"

#include <algorithm>

namespace StoreRows {

TraceEvent readTraceEvent(const SqliteStatement& s)
{
    return TraceEvent{s.textUtf8(0), s.int64(1), s.int64(2), s.text(3), s.text(4), s.text(5), s.text(6)};
}

DeadLetter readDeadLetter(const SqliteStatement& s, bool withRaw)
{
    DeadLetter dl;
    dl.id = s.int64(0);
    dl.messageId = s.int64(1);
    dl.correlationId = s.textUtf8(2);
    dl.channel = s.text(3);
    dl.destination = s.text(4);
    dl.stage = s.text(5);
    dl.reason = s.text(6);
    dl.errorClass = s.text(7);
    dl.errorLocation = s.text(8);
    dl.attempts = int(s.int64(9));
    dl.createdAtMs = s.int64(10);
    dl.state = s.text(11);
    dl.resubmittedAs = s.int64(12);
    dl.parkedAtMs = s.int64(13);
    dl.parkedBy = s.text(14);
    dl.parkReason = s.text(15);
    if (withRaw)
        dl.raw = s.blob(16);
    return dl;
}

void sortTrace(QList<TraceEvent>& events)
{
    std::stable_sort(events.begin(), events.end(),
                     [](const TraceEvent& a, const TraceEvent& b) { return a.atUs < b.atUs; });
}

} // namespace StoreRows
