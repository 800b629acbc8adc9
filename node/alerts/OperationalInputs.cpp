#include "node/alerts/OperationalInputs.h"

OperationalSample OperationalInputs::fromStats(const StatsSnapshot& snapshot)
{
    OperationalSample sample;
    sample.atMs = snapshot.atMs;
    qint64 deadLettered = 0;
    for (const ChannelStats& c : snapshot.channels) {
        sample.channels.append(OperationalSample::Channel{c.name, c.receivedTotal, c.lastReceivedAtMs, c.acksSentTotal,
                                                          c.ackLatencySumUs / 1000});
        deadLettered += c.deadLetteredTotal;
    }
    for (const DestinationStats& d : snapshot.destinations) {
        sample.destinations.append(OperationalSample::Destination{d.name, d.queueDepth, d.oldestQueuedAgeMs,
                                                                  d.breakerState, d.lastSentAtMs, d.lastErrorAtMs,
                                                                  d.lastError});
        deadLettered += d.deadLetteredTotal;
    }
    // Counted since the node started (the evaluator treats a restart's reset as a new baseline).
    sample.deadLettersTotal = deadLettered;
    return sample;
}
