#include "models/alerts/AlertRuleConfig.h"

namespace {

struct KindName
{
    OperationalRuleConfig::Kind kind;
    const char* name;
};

constexpr KindName KindNames[] = {
    {OperationalRuleConfig::Kind::QueueDepth, "queueDepth"},
    {OperationalRuleConfig::Kind::DestinationDown, "destinationDown"},
    {OperationalRuleConfig::Kind::DeadLetterGrowth, "deadLetterGrowth"},
    {OperationalRuleConfig::Kind::AckLatency, "ackLatency"},
    {OperationalRuleConfig::Kind::ChannelSilent, "channelSilent"},
};

EscalationLevel level(const QStringList& recipients, int timeoutSeconds)
{
    EscalationLevel l;
    for (const QString& r : recipients)
        l.recipients.append(*Recipient::parse(r));
    l.ackTimeoutSeconds = timeoutSeconds;
    return l;
}

OperationalRuleConfig operationalRule(const char* id, OperationalRuleConfig::Kind kind, AlertSeverity severity)
{
    OperationalRuleConfig rule;
    rule.common.id = QString::fromLatin1(id);
    rule.common.severity = severity;
    rule.common.policy = QStringLiteral("support");
    rule.common.team = QStringLiteral("support");
    // A flapping interface pages once, then stays quiet for a while after it recovers.
    rule.common.cooldownSeconds = 300;
    rule.kind = kind;
    return rule;
}

} // namespace

QString OperationalRuleConfig::kindName(Kind kind)
{
    for (const KindName& k : KindNames) {
        if (k.kind == kind)
            return QString::fromLatin1(k.name);
    }
    return {};
}

std::optional<OperationalRuleConfig::Kind> OperationalRuleConfig::kindFrom(const QString& name)
{
    for (const KindName& k : KindNames) {
        if (name == QLatin1StringView(k.name))
            return k.kind;
    }
    return std::nullopt;
}

AlertsConfig AlertsConfig::defaults()
{
    AlertsConfig config;
    config.version = QStringLiteral("default");

    // Critical results: the unit's nurses, then the charge nurse, then the house supervisor
    // (DESIGN.md section 3); 5 minutes each, well inside a 30-minute notification policy (SEMANTICS 2.3).
    EscalationPolicy clinical;
    clinical.name = QStringLiteral("clinical-critical");
    clinical.levels = {level({QStringLiteral("unit")}, 300),
                       level({QStringLiteral("unit"), QStringLiteral("role:charge-nurse")}, 300),
                       level({QStringLiteral("role:charge-nurse"), QStringLiteral("role:house-supervisor")}, 300)};
    // Acknowledged but not resolved (provider not informed) within the 30 minutes of the policy: pages again.
    clinical.acknowledgementTimeoutSeconds = 1800;
    EscalationPolicy support;
    support.name = QStringLiteral("support");
    support.levels = {level({QStringLiteral("team:support")}, 600),
                      level({QStringLiteral("team:support"), QStringLiteral("role:admin")}, 900)};
    config.policies = {clinical, support};

    CriticalResultRuleConfig critical;
    critical.common.id = QStringLiteral("critical-result");
    critical.common.severity = AlertSeverity::Critical;
    critical.common.policy = clinical.name;
    critical.common.team = QStringLiteral("nursing");
    config.criticalResults = {critical};

    OperationalRuleConfig queue = operationalRule("queue-backlog", OperationalRuleConfig::Kind::QueueDepth,
                                              AlertSeverity::High);
    queue.threshold = 500;
    queue.forSeconds = 300;
    OperationalRuleConfig down = operationalRule("destination-down", OperationalRuleConfig::Kind::DestinationDown,
                                             AlertSeverity::High);
    down.forSeconds = 120;
    OperationalRuleConfig deadLetters = operationalRule("dead-letter-growth", OperationalRuleConfig::Kind::DeadLetterGrowth,
                                                    AlertSeverity::Medium);
    deadLetters.threshold = 10;
    deadLetters.windowSeconds = 300;
    OperationalRuleConfig latency = operationalRule("ack-latency", OperationalRuleConfig::Kind::AckLatency,
                                                AlertSeverity::Medium);
    latency.thresholdMs = 2000;
    latency.forSeconds = 60;
    OperationalRuleConfig silent = operationalRule("channel-silent", OperationalRuleConfig::Kind::ChannelSilent,
                                               AlertSeverity::Medium);
    silent.minSilentSeconds = 600;
    silent.silenceFactor = 5.0;
    config.operational = {queue, down, deadLetters, latency, silent};
    return config;
}

const EscalationPolicy* AlertsConfig::policy(const QString& name) const
{
    for (const EscalationPolicy& p : policies) {
        if (p.name == name)
            return &p;
    }
    return nullptr;
}
