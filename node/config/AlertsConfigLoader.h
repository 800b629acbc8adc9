#pragma once

#include "models/alerts/AlertRuleConfig.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

class ConfigReader;
struct NodeConfig;

/// Reads the "alerts" section of the node config (docs/config.md, "alerts") into an AlertsConfig. Problems
/// go to the node config's ConfigReader, so they are reported with all the others, each with its place
/// ("alerts.rules[2].forSeconds"). The channels and destinations must be read first: rule targets name them.
class AlertsConfigLoader
{
public:
    AlertsConfigLoader(ConfigReader& reader, const NodeConfig& config);

    /// The section replaces AlertsConfig::defaults(), except that "policies" or "rules" left out keep the
    /// built-in ones. `path` is where the section sits ("alerts").
    AlertsConfig read(const QJsonObject& alerts, const QString& path);

private:
    void readPolicies(const QJsonArray& policies, const QString& path);
    std::optional<EscalationPolicy> readPolicy(const QJsonObject& object, const QString& path);
    std::optional<EscalationLevel> readLevel(const QJsonObject& object, const QString& path);
    void readRules(const QJsonArray& rules, const QString& path);
    void readRule(const QJsonObject& object, const QString& path);
    void readCommon(const QJsonObject& object, const QString& path, AlertRuleCommon& common);
    void readCriticalResult(const QJsonObject& object, const QString& path, CriticalResultRuleConfig& rule);
    void readOperational(const QJsonObject& object, const QString& path, OperationalRuleConfig& rule);
    void readTarget(const QJsonObject& object, const QString& path, const QString& key, const QStringList& known,
        const QString& what, QString& target);
    void readWebhooks(const QJsonArray& webhooks, const QString& path);
    std::optional<AlertWebhookConfig> readWebhook(const QJsonObject& object, const QString& path);
    /// A list key whose entries must each pass `check`; nullopt (reported) when one does not.
    template <typename Item, typename Check>
    std::optional<QList<Item>> checkedList(
        const QJsonObject& object, const QString& path, const QString& key, const QString& emptyReason, Check check);
    /// A required name (ConfigChecks::isValidName): rule ids, policy and webhook names.
    std::optional<QString> name(const QJsonObject& object, const QString& path, const QString& key);
    std::optional<QJsonObject> asObject(const QJsonValue& value, const QString& path);
    void checkUnique(const QStringList& names, const QStringList& paths, const QString& key, const QString& what);
    void checkRulePolicies();

    struct RulePolicy
    {
        QString policy;
        QString path; ///< of the rule
        bool explicitKey = false; ///< "policy" was written, not taken from the kind's default
        QString kind;
    };

    ConfigReader& m_reader;
    const NodeConfig& m_nodeConfig;
    AlertsConfig m_alerts;
    bool m_policiesGiven = false;
    bool m_rulesGiven = false;
    QStringList m_policyNames; ///< every name written, valid policy or not (no follow-up noise)
    QStringList m_policyPaths;
    QStringList m_ruleIds;
    QStringList m_rulePaths;
    QStringList m_webhookNames;
    QStringList m_webhookPaths;
    QList<RulePolicy> m_rulePolicies;
};
