#include "node/config/AlertsConfigLoader.h"

#include "models/routing/RoutePatterns.h"
#include "node/config/ConfigChecks.h"
#include "node/config/ConfigReader.h"
#include "node/config/NodeConfig.h"

#include <QFileInfo>
#include <QRegularExpression>

#include <limits>

using namespace Qt::StringLiterals;
using Presence = ConfigReader::Presence;

namespace {

constexpr qint64 kIntMax = std::numeric_limits<int>::max();

const QString kCriticalResult = u"criticalResult"_s;
const QString kMaxAge = u"maxAgeSeconds"_s;
const QStringList kAlertsKeys { u"version"_s, u"policies"_s, u"rules"_s, u"webhooks"_s };
const QStringList kPolicyKeys { u"name"_s, u"levels"_s, u"acknowledgementTimeoutSeconds"_s };
const QStringList kLevelKeys { u"notify"_s, u"ackTimeoutSeconds"_s };
const QStringList kRuleCommonKeys { u"id"_s, u"kind"_s, u"severity"_s, u"policy"_s, u"team"_s, u"cooldownSeconds"_s };
const QStringList kRuleKinds { kCriticalResult, u"queueDepth"_s, u"destinationDown"_s, u"deadLetterGrowth"_s,
    u"ackLatency"_s, u"channelSilent"_s };
const QStringList kWebhookKeys { u"name"_s, u"url"_s, u"severities"_s, u"categories"_s, u"reasons"_s, u"maxAttempts"_s,
    u"initialDelayMs"_s, u"maxDelayMs"_s, u"timeoutMs"_s, u"caFile"_s, u"bearerTokenEnv"_s };
const QStringList kSeverities { u"critical"_s, u"high"_s, u"medium"_s, u"low"_s };
const QStringList kCategories { u"clinical"_s, u"operational"_s };
// AlertNotification::reason values.
const QStringList kReasons { u"raised"_s, u"escalated"_s, u"repeated"_s, u"updated"_s, u"corrected"_s,
    u"acknowledged"_s, u"resolved"_s, u"retracted"_s, u"expired"_s, u"withdrawn"_s };

QStringList kindKeys(const QString& kind)
{
    if (kind == kCriticalResult)
        return { u"messageTypes"_s, u"criticalFlags"_s, u"alertOnPreliminary"_s, u"fhirObservations"_s };
    if (kind == u"queueDepth"_s)
        return { u"destination"_s, u"threshold"_s, u"forSeconds"_s, kMaxAge };
    if (kind == u"destinationDown"_s)
        return { u"destination"_s, u"forSeconds"_s, kMaxAge };
    if (kind == u"deadLetterGrowth"_s)
        return { u"threshold"_s, u"windowSeconds"_s, kMaxAge };
    if (kind == u"ackLatency"_s)
        return { u"channel"_s, u"thresholdMs"_s, u"forSeconds"_s, kMaxAge };
    if (kind == u"channelSilent"_s)
        return { u"channel"_s, u"minSilentSeconds"_s, u"silenceFactor"_s, u"minMessages"_s, kMaxAge };
    return {};
}

QStringList allKindKeys()
{
    QStringList keys;
    for (const QString& kind : kRuleKinds)
        keys += kindKeys(kind);
    keys.removeDuplicates();
    return keys;
}

// A user's rule of a kind starts from the built-in rule of that kind, so a rule that names only its
// target pages like the defaults do (docs/config.md).
OperationalRuleConfig operationalTemplate(OperationalRuleConfig::Kind kind)
{
    const AlertsConfig defaults = AlertsConfig::defaults();
    for (const OperationalRuleConfig& rule : defaults.operational) {
        if (rule.kind == kind) {
            OperationalRuleConfig copy = rule;
            copy.common.id.clear();
            return copy;
        }
    }
    OperationalRuleConfig rule;
    rule.kind = kind;
    return rule;
}

CriticalResultRuleConfig criticalTemplate()
{
    CriticalResultRuleConfig rule = AlertsConfig::defaults().criticalResults.value(0);
    rule.common.id.clear();
    return rule;
}

} // namespace

AlertsConfigLoader::AlertsConfigLoader(ConfigReader& reader, const NodeConfig& config)
    : m_reader(reader)
    , m_nodeConfig(config)
    , m_alerts(AlertsConfig::defaults())
{
}

AlertsConfig AlertsConfigLoader::read(const QJsonObject& alerts, const QString& path)
{
    m_reader.checkKeys(alerts, path, kAlertsKeys);
    // The label of the file's revision stands in, so alerts still say which rules fired them.
    m_alerts.version = m_nodeConfig.configVersion;
    if (auto version = m_reader.string(alerts, path, u"version"_s))
        m_alerts.version = *version;
    if (auto policies = m_reader.array(alerts, path, u"policies"_s)) {
        m_policiesGiven = true;
        readPolicies(*policies, ConfigReader::child(path, u"policies"_s));
    }
    if (auto rules = m_reader.array(alerts, path, u"rules"_s)) {
        m_rulesGiven = true;
        readRules(*rules, ConfigReader::child(path, u"rules"_s));
    }
    m_alerts.webhooks.clear();
    if (auto webhooks = m_reader.array(alerts, path, u"webhooks"_s))
        readWebhooks(*webhooks, ConfigReader::child(path, u"webhooks"_s));

    checkUnique(m_policyNames, m_policyPaths, u"name"_s, u"name"_s);
    checkUnique(m_ruleIds, m_rulePaths, u"id"_s, u"id"_s);
    checkUnique(m_webhookNames, m_webhookPaths, u"name"_s, u"name"_s);
    if (m_policiesGiven && !m_rulesGiven) {
        // The built-in rules stay, so the policies they page through must too.
        QStringList missing;
        for (const CriticalResultRuleConfig& rule : std::as_const(m_alerts.criticalResults))
            missing.append(rule.common.policy);
        for (const OperationalRuleConfig& rule : std::as_const(m_alerts.operational))
            missing.append(rule.common.policy);
        missing.removeDuplicates();
        for (const QString& policy : std::as_const(missing)) {
            if (!m_policyNames.contains(policy)) {
                m_reader.addError(ConfigReader::child(path, u"policies"_s),
                    u"has no policy \"%1\", which the built-in rules use (\"rules\" is left out): "
                    "add that policy, or give \"rules\""_s.arg(policy));
            }
        }
    }
    checkRulePolicies();
    return m_alerts;
}

void AlertsConfigLoader::readPolicies(const QJsonArray& policies, const QString& path)
{
    m_alerts.policies.clear();
    for (qsizetype i = 0; i < policies.size(); ++i) {
        const QString policyPath = ConfigReader::element(path, i);
        if (auto object = asObject(policies.at(i), policyPath)) {
            if (auto policy = readPolicy(*object, policyPath))
                m_alerts.policies.append(*policy);
        }
    }
}

std::optional<EscalationPolicy> AlertsConfigLoader::readPolicy(const QJsonObject& object, const QString& path)
{
    m_reader.checkKeys(object, path, kPolicyKeys);
    EscalationPolicy policy;
    bool ok = true;
    if (auto name = this->name(object, path, u"name"_s)) {
        policy.name = *name;
        m_policyNames.append(*name);
        m_policyPaths.append(path);
    } else {
        ok = false;
        // Known all the same (with no path: not checked for duplicates), so that rules naming it do not
        // repeat the policy's own error.
        if (const QString text = object.value(u"name"_s).toString(); !text.isEmpty()) {
            m_policyNames.append(text);
            m_policyPaths.append(QString());
        }
    }
    if (object.contains(u"acknowledgementTimeoutSeconds"_s)) {
        if (auto seconds = m_reader.integer(object, path, u"acknowledgementTimeoutSeconds"_s, 0, kIntMax))
            policy.acknowledgementTimeoutSeconds = int(*seconds);
        else
            ok = false;
    }
    auto levels = m_reader.array(object, path, u"levels"_s, Presence::Required);
    if (!levels)
        return std::nullopt;
    const QString levelsPath = ConfigReader::child(path, u"levels"_s);
    if (levels->isEmpty()) {
        m_reader.addError(levelsPath, u"must have at least one level (who is notified first)"_s);
        return std::nullopt;
    }
    for (qsizetype i = 0; i < levels->size(); ++i) {
        const QString levelPath = ConfigReader::element(levelsPath, i);
        auto levelObject = asObject(levels->at(i), levelPath);
        if (!levelObject) {
            ok = false;
            continue;
        }
        if (auto level = readLevel(*levelObject, levelPath))
            policy.levels.append(*level);
        else
            ok = false;
    }
    return ok ? std::optional<EscalationPolicy>(policy) : std::nullopt;
}

std::optional<EscalationLevel> AlertsConfigLoader::readLevel(const QJsonObject& object, const QString& path)
{
    m_reader.checkKeys(object, path, kLevelKeys);
    EscalationLevel level;
    bool ok = true;
    if (!object.contains(u"notify"_s)) {
        m_reader.addError(path, u"missing required key \"notify\""_s);
        ok = false;
    } else if (auto recipients
        = checkedList<Recipient>(object, path, u"notify"_s, u"must name at least one recipient"_s,
            [](const QString& text, QString* why) { return Recipient::parse(text, why); })) {
        level.recipients = *recipients;
    } else {
        ok = false;
    }
    if (object.contains(u"ackTimeoutSeconds"_s)) {
        if (auto seconds = m_reader.integer(object, path, u"ackTimeoutSeconds"_s, 1, kIntMax))
            level.ackTimeoutSeconds = int(*seconds);
        else
            ok = false;
    }
    return ok ? std::optional<EscalationLevel>(level) : std::nullopt;
}

void AlertsConfigLoader::readRules(const QJsonArray& rules, const QString& path)
{
    m_alerts.criticalResults.clear();
    m_alerts.operational.clear();
    for (qsizetype i = 0; i < rules.size(); ++i) {
        const QString rulePath = ConfigReader::element(path, i);
        if (auto object = asObject(rules.at(i), rulePath))
            readRule(*object, rulePath);
    }
}

void AlertsConfigLoader::readRule(const QJsonObject& object, const QString& path)
{
    const auto kind = m_reader.choice(object, path, u"kind"_s, kRuleKinds, Presence::Required);
    QJsonObject keys = object;
    if (kind == kCriticalResult && keys.contains(kMaxAge)) {
        m_reader.addError(ConfigReader::child(path, kMaxAge),
            u"not used by criticalResult rules: a clinical alert never expires, it stays open until "
            "it is acknowledged and resolved"_s);
        keys.remove(kMaxAge);
    }
    const QStringList everyKindKey = allKindKeys();
    if (!kind) {
        m_reader.checkKeys(keys, path, kRuleCommonKeys + everyKindKey);
    } else {
        const QStringList allowed = kRuleCommonKeys + kindKeys(*kind);
        QStringList elsewhere;
        for (const QString& key : everyKindKey) {
            if (!allowed.contains(key))
                elsewhere.append(key);
        }
        m_reader.checkKeys(keys, path, allowed, elsewhere, u"not used by %1 rules"_s.arg(*kind));
    }

    AlertRuleCommon common;
    if (!kind) {
        readCommon(object, path, common);
    } else if (*kind == kCriticalResult) {
        CriticalResultRuleConfig rule = criticalTemplate();
        readCommon(object, path, rule.common);
        readCriticalResult(object, path, rule);
        common = rule.common;
        m_alerts.criticalResults.append(rule);
    } else {
        OperationalRuleConfig rule = operationalTemplate(*OperationalRuleConfig::kindFrom(*kind));
        readCommon(object, path, rule.common);
        readOperational(object, path, rule);
        common = rule.common;
        m_alerts.operational.append(rule);
    }
    m_rulePolicies.append({ common.policy, path, object.contains(u"policy"_s), kind.value_or(QString()) });
}

void AlertsConfigLoader::readCommon(const QJsonObject& object, const QString& path, AlertRuleCommon& common)
{
    if (auto id = name(object, path, u"id"_s)) {
        common.id = *id;
        m_ruleIds.append(*id);
        m_rulePaths.append(path);
    }
    if (auto severity = m_reader.choice(object, path, u"severity"_s, kSeverities))
        common.severity = *AlertNames::severityFrom(*severity);
    if (auto policy = m_reader.nonEmptyString(object, path, u"policy"_s))
        common.policy = *policy;
    if (auto team = m_reader.nonEmptyString(object, path, u"team"_s))
        common.team = *team;
    if (auto seconds = m_reader.integer(object, path, u"cooldownSeconds"_s, 0, kIntMax))
        common.cooldownSeconds = int(*seconds);
}

void AlertsConfigLoader::readCriticalResult(
    const QJsonObject& object, const QString& path, CriticalResultRuleConfig& rule)
{
    if (auto types
        = checkedList<QString>(object, path, u"messageTypes"_s, u"must not be empty (leave the key out for ORU^R01)"_s,
            [](const QString& text, QString* why) -> std::optional<QString> {
                if (RoutePatterns::isValidMessageTypePattern(text, why))
                    return text;
                return std::nullopt;
            })) {
        rule.messageTypes = *types;
    }
    static const QRegularExpression flag(u"^\\S+$"_s);
    if (auto flags = checkedList<QString>(object, path, u"criticalFlags"_s,
            u"must not be empty: with no critical flag the rule never fires"_s,
            [](const QString& text, QString* why) -> std::optional<QString> {
                if (flag.match(text).hasMatch())
                    return text;
                *why = u"must be an OBX-8 abnormal flag such as \"HH\", without spaces (got \"%1\")"_s.arg(text);
                return std::nullopt;
            })) {
        rule.criticalFlags = *flags;
    }
    if (auto preliminary = m_reader.boolean(object, path, u"alertOnPreliminary"_s))
        rule.alertOnPreliminary = *preliminary;
    if (auto fhir = m_reader.boolean(object, path, u"fhirObservations"_s))
        rule.fhirObservations = *fhir;
}

void AlertsConfigLoader::readOperational(const QJsonObject& object, const QString& path, OperationalRuleConfig& rule)
{
    using Kind = OperationalRuleConfig::Kind;
    QStringList destinations, channels;
    for (const DestinationConfig& destination : m_nodeConfig.destinations)
        destinations.append(destination.name);
    for (const ChannelConfig& channel : m_nodeConfig.channels)
        channels.append(channel.name);
    const auto forSeconds = [&] {
        if (auto seconds = m_reader.integer(object, path, u"forSeconds"_s, 0, kIntMax))
            rule.forSeconds = int(*seconds);
    };
    switch (rule.kind) {
    case Kind::QueueDepth:
        readTarget(object, path, u"destination"_s, destinations, u"destination"_s, rule.target);
        if (auto threshold = m_reader.integer(object, path, u"threshold"_s, 1, std::numeric_limits<qint64>::max()))
            rule.threshold = *threshold;
        forSeconds();
        break;
    case Kind::DestinationDown:
        readTarget(object, path, u"destination"_s, destinations, u"destination"_s, rule.target);
        forSeconds();
        break;
    case Kind::DeadLetterGrowth:
        // Node-wide: the dead-letter queue is one.
        rule.target = u"*"_s;
        if (auto threshold = m_reader.integer(object, path, u"threshold"_s, 1, std::numeric_limits<qint64>::max()))
            rule.threshold = *threshold;
        if (auto seconds = m_reader.integer(object, path, u"windowSeconds"_s, 1, kIntMax))
            rule.windowSeconds = int(*seconds);
        break;
    case Kind::AckLatency:
        readTarget(object, path, u"channel"_s, channels, u"channel"_s, rule.target);
        if (auto ms = m_reader.integer(object, path, u"thresholdMs"_s, 1, kIntMax))
            rule.thresholdMs = int(*ms);
        forSeconds();
        break;
    case Kind::ChannelSilent:
        readTarget(object, path, u"channel"_s, channels, u"channel"_s, rule.target);
        if (auto seconds = m_reader.integer(object, path, u"minSilentSeconds"_s, 1, kIntMax))
            rule.minSilentSeconds = int(*seconds);
        // Below 1 a channel would count as silent between two of its usual messages.
        if (auto factor = m_reader.real(object, path, u"silenceFactor"_s, 1.0, 1000.0))
            rule.silenceFactor = *factor;
        // One gap needs two messages.
        if (auto messages = m_reader.integer(object, path, u"minMessages"_s, 2, kIntMax))
            rule.minMessagesForSilence = int(*messages);
        break;
    }
    if (auto seconds = m_reader.integer(object, path, kMaxAge, 0, kIntMax))
        rule.common.maxAgeSeconds = int(*seconds);
}

void AlertsConfigLoader::readTarget(const QJsonObject& object, const QString& path, const QString& key,
    const QStringList& known, const QString& what, QString& target)
{
    auto name = m_reader.nonEmptyString(object, path, key);
    if (!name)
        return;
    if (*name != u"*"_s && !known.contains(*name)) {
        m_reader.addError(ConfigReader::child(path, key),
            u"no %1 named \"%2\"%3 (\"*\" watches each one)"_s.arg(
                what, *name, ConfigReader::didYouMean(*name, known)));
        return;
    }
    target = *name;
}

void AlertsConfigLoader::readWebhooks(const QJsonArray& webhooks, const QString& path)
{
    for (qsizetype i = 0; i < webhooks.size(); ++i) {
        const QString hookPath = ConfigReader::element(path, i);
        if (auto object = asObject(webhooks.at(i), hookPath)) {
            if (auto webhook = readWebhook(*object, hookPath))
                m_alerts.webhooks.append(*webhook);
        }
    }
}

std::optional<AlertWebhookConfig> AlertsConfigLoader::readWebhook(const QJsonObject& object, const QString& path)
{
    m_reader.checkKeys(object, path, kWebhookKeys);
    AlertWebhookConfig webhook;
    if (auto name = this->name(object, path, u"name"_s)) {
        webhook.name = *name;
        m_webhookNames.append(*name);
        m_webhookPaths.append(path);
    }
    if (auto text = m_reader.nonEmptyString(object, path, u"url"_s, Presence::Required)) {
        const QString urlPath = ConfigReader::child(path, u"url"_s);
        QString why;
        const QUrl url(*text, QUrl::StrictMode);
        if (!ConfigChecks::isValidHttpUrl(url, &why))
            m_reader.addError(urlPath, why + u" (got \"%1\")"_s.arg(*text));
        else if (!url.userInfo().isEmpty())
            // The file is read by many; the secret belongs in the environment.
            m_reader.addError(urlPath,
                u"must not carry a user name or password: put a bearer token in the "
                "environment and name the variable in \"bearerTokenEnv\""_s);
        else
            webhook.url = url;
    }
    if (auto severities = checkedList<AlertSeverity>(object, path, u"severities"_s,
            u"must not be empty (leave the key out for every severity)"_s, [](const QString& text, QString* why) {
                auto severity = AlertNames::severityFrom(text);
                if (!severity)
                    *why = u"must be one of %1 (got \"%2\")%3"_s.arg(
                        ConfigReader::quotedList(kSeverities), text, ConfigReader::didYouMean(text, kSeverities));
                return severity;
            })) {
        webhook.severities = *severities;
    }
    if (auto categories = checkedList<AlertCategory>(object, path, u"categories"_s,
            u"must not be empty (leave the key out for both)"_s, [](const QString& text, QString* why) {
                auto category = AlertNames::categoryFrom(text);
                if (!category)
                    *why = u"must be one of %1 (got \"%2\")%3"_s.arg(
                        ConfigReader::quotedList(kCategories), text, ConfigReader::didYouMean(text, kCategories));
                return category;
            })) {
        webhook.categories = *categories;
    }
    if (auto reasons
        = checkedList<QString>(object, path, u"reasons"_s, u"must not be empty (leave the key out for every reason)"_s,
            [](const QString& text, QString* why) -> std::optional<QString> {
                if (kReasons.contains(text))
                    return text;
                *why = u"must be one of %1 (got \"%2\")%3"_s.arg(
                    ConfigReader::quotedList(kReasons), text, ConfigReader::didYouMean(text, kReasons));
                return std::nullopt;
            })) {
        webhook.reasons = *reasons;
    }
    if (auto attempts = m_reader.integer(object, path, u"maxAttempts"_s, 1, kIntMax))
        webhook.maxAttempts = int(*attempts);
    if (auto ms = m_reader.integer(object, path, u"initialDelayMs"_s, 1, kIntMax))
        webhook.initialDelayMs = int(*ms);
    if (auto ms = m_reader.integer(object, path, u"maxDelayMs"_s, 1, kIntMax)) {
        if (*ms < webhook.initialDelayMs) {
            m_reader.addError(ConfigReader::child(path, u"maxDelayMs"_s),
                u"must be at least initialDelayMs (%1) (got %2)"_s.arg(webhook.initialDelayMs).arg(*ms));
        } else {
            webhook.maxDelayMs = int(*ms);
        }
    } else if (webhook.maxDelayMs < webhook.initialDelayMs) {
        webhook.maxDelayMs = webhook.initialDelayMs;
    }
    if (auto ms = m_reader.integer(object, path, u"timeoutMs"_s, 1, kIntMax))
        webhook.timeoutMs = int(*ms);
    if (auto file = m_reader.nonEmptyString(object, path, u"caFile"_s)) {
        const QString filePath = ConfigReader::child(path, u"caFile"_s);
        webhook.caFile = ConfigChecks::resolvePath(m_nodeConfig.configDir, *file);
        if (webhook.url.isValid() && webhook.url.scheme() != u"https"_s)
            m_reader.addError(filePath, u"only used with an https:// url"_s);
        else if (!QFileInfo(webhook.caFile).isReadable())
            m_reader.addError(filePath, u"cannot read \"%1\""_s.arg(webhook.caFile));
    }
    if (auto variable = m_reader.nonEmptyString(object, path, u"bearerTokenEnv"_s)) {
        static const QRegularExpression envName(u"^[A-Za-z_][A-Za-z0-9_]*$"_s);
        if (envName.match(*variable).hasMatch())
            webhook.bearerTokenEnv = *variable;
        else
            m_reader.addError(ConfigReader::child(path, u"bearerTokenEnv"_s),
                u"must be the name of an environment variable (letters, digits and '_'), not the "
                "token itself"_s);
    }
    return webhook;
}

template <typename Item, typename Check>
std::optional<QList<Item>> AlertsConfigLoader::checkedList(
    const QJsonObject& object, const QString& path, const QString& key, const QString& emptyReason, Check check)
{
    auto texts = m_reader.stringList(object, path, key);
    if (!texts)
        return std::nullopt;
    const QString keyPath = ConfigReader::child(path, key);
    if (texts->isEmpty()) {
        m_reader.addError(keyPath, emptyReason);
        return std::nullopt;
    }
    const bool isArray = object.value(key).isArray();
    QList<Item> items;
    bool ok = true;
    for (qsizetype i = 0; i < texts->size(); ++i) {
        QString why;
        const std::optional<Item> item = check(texts->at(i), &why);
        if (!item) {
            m_reader.addError(isArray ? ConfigReader::element(keyPath, i) : keyPath, why);
            ok = false;
        } else if (!items.contains(*item)) {
            items.append(*item);
        }
    }
    return ok ? std::optional<QList<Item>>(items) : std::nullopt;
}

std::optional<QString> AlertsConfigLoader::name(const QJsonObject& object, const QString& path, const QString& key)
{
    auto text = m_reader.nonEmptyString(object, path, key, Presence::Required);
    if (text && !ConfigChecks::isValidName(*text)) {
        m_reader.addError(ConfigReader::child(path, key), ConfigChecks::nameRule() + u" (got \"%1\")"_s.arg(*text));
        return std::nullopt;
    }
    return text;
}

std::optional<QJsonObject> AlertsConfigLoader::asObject(const QJsonValue& value, const QString& path)
{
    if (value.isObject())
        return value.toObject();
    m_reader.addError(path, u"must be an object (got %1)"_s.arg(ConfigReader::typeName(value)));
    return std::nullopt;
}

void AlertsConfigLoader::checkUnique(
    const QStringList& names, const QStringList& paths, const QString& key, const QString& what)
{
    QHash<QString, QString> seen;
    for (qsizetype i = 0; i < names.size(); ++i) {
        if (paths.at(i).isEmpty())
            continue;
        if (auto it = seen.constFind(names.at(i)); it != seen.cend()) {
            m_reader.addError(ConfigReader::child(paths.at(i), key),
                u"duplicate %1 \"%2\" (also used by %3)"_s.arg(what, names.at(i), *it));
        } else {
            seen.insert(names.at(i), paths.at(i));
        }
    }
}

void AlertsConfigLoader::checkRulePolicies()
{
    QStringList known;
    if (m_policiesGiven) {
        known = m_policyNames;
    } else {
        for (const EscalationPolicy& policy : std::as_const(m_alerts.policies))
            known.append(policy.name);
    }
    for (const RulePolicy& rule : std::as_const(m_rulePolicies)) {
        if (rule.policy.isEmpty() || known.contains(rule.policy))
            continue;
        if (rule.explicitKey) {
            m_reader.addError(ConfigReader::child(rule.path, u"policy"_s),
                u"no policy named \"%1\"%2; policies: %3"_s.arg(rule.policy,
                    ConfigReader::didYouMean(rule.policy, known), known.isEmpty() ? u"none"_s : known.join(u", "_s)));
        } else {
            m_reader.addError(rule.path,
                u"uses the policy \"%1\" (the default of %2 rules), which alerts.policies "
                "does not define: set \"policy\", or add that policy"_s.arg(rule.policy, rule.kind));
        }
    }
}
