#pragma once

class MetricsRegistry;

/// The alert service's metric families (SEMANTICS.md 4.3 naming), declared in one place so
/// docs/operations.md and the code agree.
namespace AlertMetrics {

inline constexpr char Raised[] = "vigil_alerts_raised_total";
inline constexpr char Deduplicated[] = "vigil_alerts_deduplicated_total";
inline constexpr char Suppressed[] = "vigil_alerts_suppressed_total";
inline constexpr char Escalations[] = "vigil_alert_escalations_total";
inline constexpr char Dispositions[] = "vigil_alert_dispositions_total";
inline constexpr char Notifications[] = "vigil_alert_notifications_total";
inline constexpr char TimeToAcknowledge[] = "vigil_alert_time_to_acknowledge_seconds";
inline constexpr char Open[] = "vigil_alerts_open";
inline constexpr char SuppressedOpen[] = "vigil_alerts_suppressed_open";
inline constexpr char NotificationsPending[] = "vigil_alert_notifications_pending";

void declare(MetricsRegistry& registry);

} // namespace AlertMetrics
