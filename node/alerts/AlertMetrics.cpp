#include "node/alerts/AlertMetrics.h"

#include "node/metrics/MetricsRegistry.h"

void AlertMetrics::declare(MetricsRegistry& r)
{
    r.declareCounter(Raised, "Alerts raised and paged, by rule and severity.");
    r.declareCounter(Deduplicated, "Raises folded into an open alert of the same key, by rule.");
    r.declareCounter(Suppressed, "Alerts kept quiet by a silence or a cooldown, by rule and reason.");
    r.declareCounter(Escalations, "Escalation steps and repeats (timeouts, manual, failed notifications), by rule.");
    r.declareCounter(Dispositions, "Alerts closed, by disposition (treated, false_alarm, ..., retracted, expired).");
    r.declareCounter(Notifications, "Alert notifications, by channel and outcome (queued, delivered, failed).");
    // Up to an hour: NPSG.02.03.01 policies measure critical-result notification in minutes.
    r.declareHistogram(TimeToAcknowledge, "Time from the first page to acknowledgement, by severity.",
                       {10, 30, 60, 120, 300, 600, 900, 1800, 3600});
    r.declareGauge(Open, "Open alerts that paged (notified, escalated, acknowledged), by severity.");
    r.declareGauge(SuppressedOpen, "Open alerts kept quiet by a silence or a cooldown.");
    r.declareGauge(NotificationsPending, "Alert notifications waiting for delivery or failed, by state.");
}
