#include "node/metrics/NodeMetrics.h"

void NodeMetrics::declare(MetricsRegistry& r)
{
    r.declareCounter(MessagesReceived, "Messages received, by channel.");
    r.declareCounter(AcksSent, "Acknowledgements sent, by channel and MSA-1 code.");
    r.declareCounter(MessagesRejected, "Messages answered with a negative acknowledgement (AE/AR/CE/CR), by channel.");
    r.declareCounter(Duplicates, "Resent messages acknowledged but not processed again, by channel.");
    r.declareCounter(DeadLettered, "Messages put in the dead-letter queue, by stage.");
    r.declareCounter(FrameErrors, "MLLP framing problems, by channel and reason.");
    r.declareHistogram(AckLatency, "Time from the last byte of a message to its acknowledgement written, by channel.",
                       {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5});
    r.declareGauge(QueueDepth, "Messages waiting in a destination's queue.");
    r.declareGauge(QueueOldest, "Enqueue time of the oldest message waiting for a destination (0 when empty).");
    r.declareCounter(DeliveryAttempts, "Delivery attempts, by destination and outcome.");
    r.declareCounter(Delivered, "Messages delivered, by destination.");
    r.declareHistogram(DeliveryDuration, "Time of one delivery attempt, by destination.",
                       {0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30});
    r.declareGauge(CircuitState, "Circuit breaker of a destination: 0 closed, 1 half-open, 2 open.");
    r.declareGauge(DeadLetterDepth, "Open entries in the dead-letter queue.");
    r.declareCounter(StoreCommits, "Journal group commits (each one fdatasync).");
    r.declareCounter(StoreOperations, "Messages made durable by those commits.");
    r.declareGauge(Connections, "Open MLLP connections, by channel.");
}
