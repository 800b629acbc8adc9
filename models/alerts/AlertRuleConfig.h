#pragma once

#include "models/alerts/AlertTypes.h"

#include <QList>
#include <QString>
#include <QStringList>
#include <QUrl>

// Alert rules as versioned configuration data (the "alerts" section of the node config,
// docs/config.md). Parsed by the node's config loader; evaluated by CriticalResultRule and
// OperationalRuleEvaluator.

/// Settings every rule has.
struct AlertRuleCommon
{
    QString id;                                      ///< unique among the rules; appears in alerts and metrics
    AlertSeverity severity = AlertSeverity::High;
    QString policy;                                  ///< escalation policy name
    QString team;                                    ///< owning team; default "support" (operational)
    int cooldownSeconds = 0;                         ///< after resolution, a re-raise of the key stays quiet this long
    int maxAgeSeconds = 0;                           ///< non-clinical: open alerts expire after this (0 = never)
};

/// Critical lab results from ORU^R01 (SEMANTICS.md 3.2, 3.3).
struct CriticalResultRuleConfig
{
    AlertRuleCommon common;                          ///< severity default critical, policy default "clinical-critical"
    QStringList messageTypes{QStringLiteral("ORU^R01")}; ///< "TYPE^TRIGGER", "*" wildcards
    QStringList criticalFlags{QStringLiteral("HH"), QStringLiteral("LL"), QStringLiteral("AA")}; ///< OBX-8 values
    bool alertOnPreliminary = true;                  ///< false: a P critical waits for the final (F) result
    bool fhirObservations = true;                    ///< also FHIR Observations (interpretation codes as flags)
};

/// Operational rules over the node's state, evaluated once a second.
struct OperationalRuleConfig
{
    enum class Kind {
        QueueDepth,                                  ///< a destination's queue above `threshold` for `forSeconds`
        DestinationDown,                             ///< breaker open, or failing with nothing sent, for `forSeconds`
        DeadLetterGrowth,                            ///< dead letters grew by >= `threshold` within `windowSeconds`
        AckLatency,                                  ///< a channel's mean ACK latency above `thresholdMs` for `forSeconds`
        ChannelSilent,                               ///< no message for max(minSilentSeconds, silenceFactor × usual gap)
    };
    AlertRuleCommon common;
    Kind kind = Kind::QueueDepth;
    QString target = QStringLiteral("*");            ///< destination or channel name, "*" = each one
    qint64 threshold = 0;                            ///< QueueDepth: messages; DeadLetterGrowth: new dead letters
    int thresholdMs = 0;                             ///< AckLatency
    int forSeconds = 0;                              ///< the condition must hold this long before raising
    int windowSeconds = 300;                         ///< DeadLetterGrowth
    int minSilentSeconds = 600;                      ///< ChannelSilent: never sooner than this
    double silenceFactor = 5.0;                      ///< ChannelSilent: times the channel's usual gap between messages
    int minMessagesForSilence = 20;                  ///< ChannelSilent: learn the usual gap from at least this many messages

    static QString kindName(Kind kind);              ///< "queueDepth", "destinationDown", ...
    static std::optional<Kind> kindFrom(const QString& name);
};

/// An HTTP webhook that receives alert notifications (a paging system), with retries.
struct AlertWebhookConfig
{
    QString name;
    QUrl url;
    QList<AlertSeverity> severities;                 ///< empty = all
    QList<AlertCategory> categories;                 ///< empty = both
    QStringList reasons;                             ///< notification reasons sent; empty = all
    int maxAttempts = 8;                             ///< then the notification is failed (visible, counted)
    int initialDelayMs = 1000;
    int maxDelayMs = 60000;
    int timeoutMs = 10000;
    QString caFile;                                  ///< trust this CA instead of the system store
    QString bearerTokenEnv;                          ///< name of an environment variable holding a bearer token (never in the file)
};

/// The whole "alerts" section.
struct AlertsConfig
{
    QString version;                                 ///< the operator bumps it; shown in node info and on alerts
    QList<EscalationPolicy> policies;
    QList<CriticalResultRuleConfig> criticalResults;
    QList<OperationalRuleConfig> operational;
    QList<AlertWebhookConfig> webhooks;

    /// What a node runs when its config has no "alerts" section: critical lab results (HH/LL/AA,
    /// 5 min per level: unit → charge nurse → house supervisor) and the five operational rules
    /// paging support (queue > 500 for 5 min, destination down 2 min, 10 dead letters in 5 min,
    /// ACK latency > 2 s for 1 min, a channel silent for 5× its usual gap and at least 10 min).
    static AlertsConfig defaults();
    const EscalationPolicy* policy(const QString& name) const;
};
