#include "node/stats/StatsCollect.h"

#include "node/fhir/FhirEndpoint.h"
#include "node/pipeline/DestinationQueue.h"
#include "node/pipeline/MllpChannel.h"

namespace StatsCollect {

ChannelStats channel(const MllpChannel& channel)
{
    return ChannelStats::fromCounters(channel.name(), channel.config().kind, channel.counters(),
                                      channel.connectionCount());
}

ChannelStats channel(const FhirEndpoint& channel)
{
    // FHIR clients hold no channel connection of their own: they use the API server's.
    return ChannelStats::fromCounters(channel.name(), QStringLiteral("fhir"), channel.counters(), 0);
}

DestinationStats destination(const DestinationQueue& queue, qint64 nowMs)
{
    DestinationStats s = DestinationStats::fromCounters(queue.name(), queue.kindName(), queue.counters());
    s.queueDepth = queue.depth();
    // The head of the in-memory window is the oldest entry; when the window is still empty (entries
    // committed but not applied yet, a few ms) the age is unknown and reported as 0.
    const qint64 oldest = queue.oldestEnqueuedAtMs();
    s.oldestQueuedAgeMs = (oldest > 0 && s.queueDepth > 0) ? qMax<qint64>(0, nowMs - oldest) : 0;
    s.inFlight = queue.inFlightCount();
    s.breakerState = queue.breakerStateName();
    return s;
}

} // namespace StatsCollect
