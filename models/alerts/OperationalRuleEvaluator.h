#pragma once

#include "models/alerts/AlertRuleConfig.h"
#include "models/alerts/AlertTypes.h"

#include <QHash>
#include <QList>
#include <QString>

/// The node state operational rules look at, once a second (the node fills it from its stats).
struct OperationalSample
{
    struct Channel
    {
        QString name;
        qint64 receivedTotal = 0;
        qint64 lastReceivedAtMs = 0;                 ///< 0 = never
        qint64 acksSentTotal = 0;                    ///< cumulative; the evaluator diffs successive samples
        qint64 ackLatencySumMs = 0;                  ///< cumulative, over acksSentTotal
    };
    struct Destination
    {
        QString name;
        qint64 queueDepth = 0;
        qint64 oldestQueuedAgeMs = 0;
        QString breakerState;                        ///< "closed" | "open" | "half-open"
        qint64 lastSentAtMs = 0;
        qint64 lastErrorAtMs = 0;
        QString lastError;                           ///< no PHI
    };
    qint64 atMs = 0;
    QList<Channel> channels;
    QList<Destination> destinations;
    qint64 deadLettersTotal = 0;                     ///< cumulative count of dead letters ever added (not the open depth)
};

/// Evaluates the operational rules (AlertRuleConfig.h) over successive samples. Keeps per rule and
/// target what it needs between samples (since when a condition holds, the usual gap between a
/// channel's messages, recent dead-letter counts); pure code, time from the samples.
///
/// Each sample yields, per rule and target: Raise once the condition has held `forSeconds` (and again
/// on every later sample while it holds, with fresh evidence — the state machine folds them), and
/// Clear("source_cleared") on the first sample where a raised condition no longer holds. Nothing for
/// conditions that never reached forSeconds. A target that disappears from the samples is cleared.
///
/// dedupKey = "<ruleId>|<target>" (no PHI in node state); groupKey = the target; subject like
/// "destination lab" / "channel adt-in" / "node"; category Operational; team default "support";
/// evidence with the figures (depth, threshold, since, breaker state, last error, rates, usual gap).
class OperationalRuleEvaluator
{
public:
    explicit OperationalRuleEvaluator(QList<OperationalRuleConfig> rules);
    QList<AlertSignal> evaluate(const OperationalSample& sample);

private:
    struct TargetState
    {
        qint64 holdingSinceMs = 0;                   ///< 0 = condition not holding
        bool raised = false;
        qint64 lastReceivedTotal = -1;
        qint64 lastReceivedAtMs = 0;
        double usualGapMs = 0;                       ///< EWMA of gaps between arrivals
        qint64 gapsSeen = 0;
        qint64 lastAcks = -1;
        qint64 lastAckSumMs = 0;
    };
    QList<OperationalRuleConfig> m_rules;
    QHash<QString, TargetState> m_state;             ///< "<ruleId>|<target>"
    QList<QPair<qint64, qint64>> m_deadLetterHistory;///< (atMs, deadLettersTotal), within the longest window
};
