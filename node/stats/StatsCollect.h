#pragma once

#include "node/stats/StatsTypes.h"

class DestinationQueue;
class FhirEndpoint;
class MllpChannel;

/// Reads the current figures of the node's live objects into stats values, for the provider the
/// service gives the StatsSampler. Cheap: in-memory counters only, no store access.
namespace StatsCollect {

ChannelStats channel(const MllpChannel& channel);
ChannelStats channel(const FhirEndpoint& channel);
/// `nowMs` (wall clock) gives the age of the queue's head.
DestinationStats destination(const DestinationQueue& queue, qint64 nowMs);

} // namespace StatsCollect
