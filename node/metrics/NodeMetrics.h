#pragma once

#include "node/metrics/MetricsRegistry.h"

/// The node's metric families (SEMANTICS.md 4.3 naming: vigil_ prefix, base units, _total counters),
/// declared in one place so docs/operations.md and the code agree.
namespace NodeMetrics {

inline constexpr char MessagesReceived[] = "vigil_messages_received_total";
inline constexpr char AcksSent[] = "vigil_acks_sent_total";
inline constexpr char MessagesRejected[] = "vigil_messages_rejected_total";
inline constexpr char Duplicates[] = "vigil_duplicates_total";
inline constexpr char DeadLettered[] = "vigil_dead_lettered_total";
inline constexpr char FrameErrors[] = "vigil_mllp_frame_errors_total";
inline constexpr char AckLatency[] = "vigil_ack_latency_seconds";
inline constexpr char QueueDepth[] = "vigil_queue_depth";
inline constexpr char QueueOldest[] = "vigil_queue_oldest_enqueue_timestamp_seconds";
inline constexpr char DeliveryAttempts[] = "vigil_delivery_attempts_total";
inline constexpr char Delivered[] = "vigil_delivered_total";
inline constexpr char DeliveryDuration[] = "vigil_delivery_duration_seconds";
inline constexpr char CircuitState[] = "vigil_circuit_state";
inline constexpr char DeadLetterDepth[] = "vigil_dlq_depth";
inline constexpr char StoreCommits[] = "vigil_store_commits_total";
inline constexpr char StoreOperations[] = "vigil_store_operations_total";
inline constexpr char Connections[] = "vigil_mllp_connections";

void declare(MetricsRegistry& registry);

} // namespace NodeMetrics
