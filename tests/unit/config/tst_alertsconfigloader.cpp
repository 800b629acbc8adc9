#include "node/config/NodeConfig.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace {

const QString kSource = u"t.json"_s;

// Channels and destinations the rules below may name.
QByteArray makeConfig(const QByteArray& alerts, const QByteArray& extra = {})
{
    QByteArray json = R"({"version": 1, "configVersion": "file-7",
        "channels": [{"name": "adt-in"}, {"name": "lab-in"}],
        "destinations": [{"name": "lab", "kind": "mllp", "host": "lab.example", "port": 2576},
                         {"name": "ehr", "kind": "mllp", "host": "ehr.example", "port": 2577}])";
    if (!alerts.isNull())
        json += ", \"alerts\": " + alerts;
    return json + extra + "}";
}

bool writeFile(const QString& path, const QByteArray& data)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(data) == data.size();
}

const OperationalRuleConfig* operational(const AlertsConfig& alerts, const QString& id)
{
    const auto it = std::find_if(alerts.operational.cbegin(), alerts.operational.cend(),
        [&](const OperationalRuleConfig& rule) { return rule.common.id == id; });
    return it == alerts.operational.cend() ? nullptr : &*it;
}

QStringList recipientsOf(const EscalationLevel& level)
{
    QStringList texts;
    for (const Recipient& recipient : level.recipients)
        texts.append(recipient.toString());
    return texts;
}

QStringList policyNames(const AlertsConfig& alerts)
{
    QStringList names;
    for (const EscalationPolicy& policy : alerts.policies)
        names.append(policy.name);
    return names;
}

int ruleCount(const AlertsConfig& alerts)
{
    return int(alerts.criticalResults.size() + alerts.operational.size());
}

// The first ```json block after `marker` in docs/config.md.
QByteArray docBlock(const QByteArray& marker)
{
    QFile doc(QStringLiteral(VIGIL_SOURCE_DIR "/docs/config.md"));
    if (!doc.open(QIODevice::ReadOnly))
        return {};
    const QByteArray text = doc.readAll();
    const qsizetype at = text.indexOf(marker);
    const qsizetype begin = at < 0 ? -1 : text.indexOf("```json\n", at);
    const qsizetype end = begin < 0 ? -1 : text.indexOf("\n```", begin + 8);
    return end < 0 ? QByteArray() : text.mid(begin + 8, end - begin - 8);
}

// Every key of the section (a file: moc 6.4 misreads "//" inside multi-line raw strings).
QByteArray fullAlerts()
{
    QFile file(QStringLiteral(VIGIL_SOURCE_DIR "/tests/unit/config/alerts-full.json"));
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace

class tst_AlertsConfigLoader : public QObject
{
    Q_OBJECT

private slots:
    void defaultsWhenAbsent();
    void partialSection_data();
    void partialSection();
    void fullSection();
    void kindDefaults();
    void recipients();
    void relativeCaFile();
    void errors_data();
    void errors();
    void reportsAllErrorsTogether();
    void demoConfig();
    void documentedExample();
};

void tst_AlertsConfigLoader::defaultsWhenAbsent()
{
    QString error;
    const std::optional<NodeConfig> config = NodeConfigLoader::fromJson(makeConfig({}), kSource, &error);
    QVERIFY2(config, qPrintable(error));
    const AlertsConfig& alerts = config->alerts;
    QCOMPARE(alerts.version, u"default"_s);
    QCOMPARE(policyNames(alerts), (QStringList { u"clinical-critical"_s, u"support"_s }));
    QCOMPARE(alerts.policy(u"clinical-critical"_s)->levels.size(), 3);
    QCOMPARE(alerts.policy(u"clinical-critical"_s)->acknowledgementTimeoutSeconds, 1800);
    QCOMPARE(alerts.policy(u"support"_s)->acknowledgementTimeoutSeconds, 0);
    QCOMPARE(alerts.criticalResults.size(), 1);
    QCOMPARE(alerts.criticalResults.at(0).common.id, u"critical-result"_s);
    QCOMPARE(alerts.operational.size(), 5);
    QVERIFY(operational(alerts, u"queue-backlog"_s));
    QVERIFY(alerts.webhooks.isEmpty());
}

// Keys left out of an "alerts" section: policies and rules keep the built-in ones, webhooks none.
void tst_AlertsConfigLoader::partialSection_data()
{
    QTest::addColumn<QByteArray>("alerts");
    QTest::addColumn<QString>("version");
    QTest::addColumn<QStringList>("policies");
    QTest::addColumn<int>("rules");
    QTest::addColumn<int>("webhooks");

    const QStringList builtIn { u"clinical-critical"_s, u"support"_s };
    QTest::addRow("empty object") << QByteArray("{}") << u"file-7"_s << builtIn << 6 << 0;
    QTest::addRow("version only") << QByteArray(R"({"version": "a-1"})") << u"a-1"_s << builtIn << 6 << 0;
    QTest::addRow("no rules") << QByteArray(R"({"rules": []})") << u"file-7"_s << builtIn << 0 << 0;
    QTest::addRow("own rules, built-in policies")
        << QByteArray(R"({"rules": [{"id": "q", "kind": "queueDepth"}]})") << u"file-7"_s << builtIn << 1 << 0;
    QTest::addRow("own policies, built-in rules")
        << QByteArray(R"({"policies": [{"name": "support", "levels": [{"notify": "team:ops"}]},
                                       {"name": "clinical-critical", "levels": [{"notify": "unit"}]},
                                       {"name": "spare", "levels": [{"notify": "user:x"}]}]})")
        << u"file-7"_s << QStringList { u"support"_s, u"clinical-critical"_s, u"spare"_s } << 6 << 0;
    QTest::addRow("webhooks only") << QByteArray(R"({"webhooks": [{"name": "p", "url": "https://p.example/"}]})")
                                   << u"file-7"_s << builtIn << 6 << 1;
    QTest::addRow("no policies, no rules")
        << QByteArray(R"({"policies": [], "rules": []})") << u"file-7"_s << QStringList {} << 0 << 0;
}

void tst_AlertsConfigLoader::partialSection()
{
    QFETCH(QByteArray, alerts);
    QFETCH(QString, version);
    QFETCH(QStringList, policies);
    QFETCH(int, rules);
    QFETCH(int, webhooks);

    QString error;
    const std::optional<NodeConfig> config = NodeConfigLoader::fromJson(makeConfig(alerts), kSource, &error);
    QVERIFY2(config, qPrintable(error));
    QCOMPARE(config->alerts.version, version);
    QCOMPARE(policyNames(config->alerts), policies);
    QCOMPARE(ruleCount(config->alerts), rules);
    QCOMPARE(config->alerts.webhooks.size(), webhooks);
}

void tst_AlertsConfigLoader::fullSection()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString etc = QDir(dir.path()).canonicalPath() + u"/etc"_s;
    QVERIFY(writeFile(etc + u"/certs/ca.pem"_s, "ca"));
    QVERIFY(writeFile(etc + u"/node.json"_s, makeConfig(fullAlerts())));

    QString error;
    const std::optional<NodeConfig> config = NodeConfigLoader::fromFile(etc + u"/node.json"_s, &error);
    QVERIFY2(config, qPrintable(error));
    const AlertsConfig& alerts = config->alerts;
    QCOMPARE(alerts.version, u"2026-11-26.1"_s);

    QCOMPARE(policyNames(alerts), (QStringList { u"clinical-critical"_s, u"support"_s }));
    const EscalationPolicy* clinical = alerts.policy(u"clinical-critical"_s);
    QCOMPARE(clinical->levels.size(), 3);
    QCOMPARE(recipientsOf(clinical->levels.at(0)), QStringList { u"unit"_s });
    QCOMPARE(clinical->levels.at(0).ackTimeoutSeconds, 120);
    QCOMPARE(recipientsOf(clinical->levels.at(1)), (QStringList { u"unit"_s, u"role:charge-nurse"_s }));
    QCOMPARE(clinical->levels.at(1).ackTimeoutSeconds, 180);
    QCOMPARE(recipientsOf(clinical->levels.at(2)), QStringList { u"role:house-supervisor"_s });
    QCOMPARE(clinical->levels.at(2).ackTimeoutSeconds, 300);
    const EscalationPolicy* support = alerts.policy(u"support"_s);
    QCOMPARE(recipientsOf(support->levels.at(0)), (QStringList { u"team:support"_s, u"user:oncall"_s, u"unit:icu"_s }));
    QCOMPARE(support->levels.at(0).ackTimeoutSeconds, 600);

    QCOMPARE(alerts.criticalResults.size(), 1);
    const CriticalResultRuleConfig& critical = alerts.criticalResults.at(0);
    QCOMPARE(critical.common.id, u"critical-result"_s);
    QCOMPARE(critical.common.severity, AlertSeverity::Critical);
    QCOMPARE(critical.common.policy, u"clinical-critical"_s);
    QCOMPARE(critical.common.team, u"nursing"_s);
    QCOMPARE(critical.common.cooldownSeconds, 60);
    QCOMPARE(critical.common.maxAgeSeconds, 0);
    QCOMPARE(critical.messageTypes, (QStringList { u"ORU^R01"_s, u"ORU^R30"_s }));
    QCOMPARE(critical.criticalFlags, (QStringList { u"HH"_s, u"LL"_s, u"AA"_s, u">"_s }));
    QVERIFY(!critical.alertOnPreliminary);
    QVERIFY(!critical.fhirObservations);

    using Kind = OperationalRuleConfig::Kind;
    QCOMPARE(alerts.operational.size(), 5);
    const OperationalRuleConfig* backlog = operational(alerts, u"lab-backlog"_s);
    QVERIFY(backlog);
    QCOMPARE(backlog->kind, Kind::QueueDepth);
    QCOMPARE(backlog->target, u"lab"_s);
    QCOMPARE(backlog->threshold, 250);
    QCOMPARE(backlog->forSeconds, 120);
    QCOMPARE(backlog->common.severity, AlertSeverity::High);
    QCOMPARE(backlog->common.policy, u"support"_s);
    QCOMPARE(backlog->common.team, u"integration"_s);
    QCOMPARE(backlog->common.cooldownSeconds, 600);
    QCOMPARE(backlog->common.maxAgeSeconds, 86400);
    const OperationalRuleConfig* down = operational(alerts, u"down"_s);
    QVERIFY(down);
    QCOMPARE(down->kind, Kind::DestinationDown);
    QCOMPARE(down->target, u"*"_s);
    QCOMPARE(down->forSeconds, 90);
    QCOMPARE(down->common.severity, AlertSeverity::Critical);
    const OperationalRuleConfig* deadLetters = operational(alerts, u"dead-letters"_s);
    QVERIFY(deadLetters);
    QCOMPARE(deadLetters->kind, Kind::DeadLetterGrowth);
    QCOMPARE(deadLetters->threshold, 5);
    QCOMPARE(deadLetters->windowSeconds, 600);
    QCOMPARE(deadLetters->common.severity, AlertSeverity::Low);
    const OperationalRuleConfig* acks = operational(alerts, u"slow-acks"_s);
    QVERIFY(acks);
    QCOMPARE(acks->kind, Kind::AckLatency);
    QCOMPARE(acks->target, u"adt-in"_s);
    QCOMPARE(acks->thresholdMs, 1500);
    QCOMPARE(acks->forSeconds, 30);
    const OperationalRuleConfig* silent = operational(alerts, u"adt-silent"_s);
    QVERIFY(silent);
    QCOMPARE(silent->kind, Kind::ChannelSilent);
    QCOMPARE(silent->target, u"adt-in"_s);
    QCOMPARE(silent->minSilentSeconds, 900);
    QCOMPARE(silent->silenceFactor, 2.5);
    QCOMPARE(silent->minMessagesForSilence, 50);

    QCOMPARE(alerts.webhooks.size(), 2);
    const AlertWebhookConfig& pager = alerts.webhooks.at(0);
    QCOMPARE(pager.name, u"pager"_s);
    QCOMPARE(pager.url, QUrl(u"https://pager.example/hooks/vigil"_s));
    QCOMPARE(pager.severities, (QList<AlertSeverity> { AlertSeverity::Critical, AlertSeverity::High }));
    QCOMPARE(pager.categories, QList<AlertCategory> { AlertCategory::Clinical });
    QCOMPARE(pager.reasons, (QStringList { u"raised"_s, u"escalated"_s, u"repeated"_s, u"retracted"_s }));
    QCOMPARE(pager.maxAttempts, 5);
    QCOMPARE(pager.initialDelayMs, 500);
    QCOMPARE(pager.maxDelayMs, 30000);
    QCOMPARE(pager.timeoutMs, 5000);
    QCOMPARE(pager.caFile, etc + u"/certs/ca.pem"_s);
    QCOMPARE(pager.bearerTokenEnv, u"VIGIL_PAGER_TOKEN"_s);
    // Plain http is allowed (docs/config.md recommends https); everything else at its default.
    const AlertWebhookConfig& chat = alerts.webhooks.at(1);
    QCOMPARE(chat.url, QUrl(u"http://chat.internal:8080/hook"_s));
    QVERIFY(chat.severities.isEmpty());
    QVERIFY(chat.categories.isEmpty());
    QVERIFY(chat.reasons.isEmpty());
    QCOMPARE(chat.maxAttempts, 8);
    QCOMPARE(chat.initialDelayMs, 1000);
    QCOMPARE(chat.maxDelayMs, 60000);
    QCOMPARE(chat.timeoutMs, 10000);
    QVERIFY(chat.caFile.isEmpty());
    QVERIFY(chat.bearerTokenEnv.isEmpty());
}

// A rule that leaves keys out takes them from the built-in rule of its kind.
void tst_AlertsConfigLoader::kindDefaults()
{
    QString error;
    const std::optional<NodeConfig> config = NodeConfigLoader::fromJson(
        makeConfig(R"({"rules": [{"id": "c", "kind": "criticalResult"}, {"id": "q", "kind": "queueDepth"},
                                 {"id": "d", "kind": "destinationDown"}, {"id": "g", "kind": "deadLetterGrowth"},
                                 {"id": "a", "kind": "ackLatency"}, {"id": "s", "kind": "channelSilent"}]})"),
        kSource, &error);
    QVERIFY2(config, qPrintable(error));
    const AlertsConfig& alerts = config->alerts;
    const AlertsConfig builtIn = AlertsConfig::defaults();

    const CriticalResultRuleConfig& critical = alerts.criticalResults.at(0);
    QCOMPARE(critical.common.id, u"c"_s);
    QCOMPARE(critical.common.severity, AlertSeverity::Critical);
    QCOMPARE(critical.common.policy, u"clinical-critical"_s);
    QCOMPARE(critical.common.team, u"nursing"_s);
    QCOMPARE(critical.messageTypes, QStringList { u"ORU^R01"_s });
    QCOMPARE(critical.criticalFlags, (QStringList { u"HH"_s, u"LL"_s, u"AA"_s }));
    QVERIFY(critical.alertOnPreliminary);
    QVERIFY(critical.fhirObservations);

    const QStringList ids { u"q"_s, u"d"_s, u"g"_s, u"a"_s, u"s"_s };
    QCOMPARE(alerts.operational.size(), builtIn.operational.size());
    for (qsizetype i = 0; i < ids.size(); ++i) {
        const OperationalRuleConfig& rule = alerts.operational.at(i);
        const OperationalRuleConfig& reference = builtIn.operational.at(i);
        QCOMPARE(rule.common.id, ids.at(i));
        QCOMPARE(rule.kind, reference.kind);
        QCOMPARE(rule.target, u"*"_s);
        QCOMPARE(rule.common.severity, reference.common.severity);
        QCOMPARE(rule.common.policy, u"support"_s);
        QCOMPARE(rule.common.team, u"support"_s);
        QCOMPARE(rule.common.cooldownSeconds, reference.common.cooldownSeconds);
        QCOMPARE(rule.threshold, reference.threshold);
        QCOMPARE(rule.thresholdMs, reference.thresholdMs);
        QCOMPARE(rule.forSeconds, reference.forSeconds);
        QCOMPARE(rule.windowSeconds, reference.windowSeconds);
        QCOMPARE(rule.minSilentSeconds, reference.minSilentSeconds);
        QCOMPARE(rule.silenceFactor, reference.silenceFactor);
    }
    // The figures docs/config.md states for the built-in rules.
    QCOMPARE(operational(alerts, u"q"_s)->threshold, 500);
    QCOMPARE(operational(alerts, u"q"_s)->forSeconds, 300);
    QCOMPARE(operational(alerts, u"d"_s)->forSeconds, 120);
    QCOMPARE(operational(alerts, u"g"_s)->threshold, 10);
    QCOMPARE(operational(alerts, u"a"_s)->thresholdMs, 2000);
    QCOMPARE(operational(alerts, u"s"_s)->minMessagesForSilence, 20);
}

void tst_AlertsConfigLoader::recipients()
{
    QString error;
    const std::optional<NodeConfig> config
        = NodeConfigLoader::fromJson(makeConfig(R"({"policies": [{"name": "p", "levels": [
                          {"notify": ["unit", "unit:icu", "role:charge-nurse", "user:alice", "team:support", "user:alice"]},
                          {"notify": "role:admin", "ackTimeoutSeconds": 1}]}],
                       "rules": [{"id": "r", "kind": "criticalResult", "policy": "p"}]})"),
            kSource, &error);
    QVERIFY2(config, qPrintable(error));
    const EscalationPolicy* policy = config->alerts.policy(u"p"_s);
    QVERIFY(policy);
    QCOMPARE(policy->levels.size(), 2);
    const QList<Recipient> first = policy->levels.at(0).recipients;
    QCOMPARE(first.size(), 5); // the repeated user:alice is folded
    QCOMPARE(first.at(0), (Recipient { u"unit"_s, {} }));
    QCOMPARE(first.at(1), (Recipient { u"unit"_s, u"icu"_s }));
    QCOMPARE(first.at(2), (Recipient { u"role"_s, u"charge-nurse"_s }));
    QCOMPARE(first.at(3), (Recipient { u"user"_s, u"alice"_s }));
    QCOMPARE(first.at(4), (Recipient { u"team"_s, u"support"_s }));
    QCOMPARE(policy->levels.at(0).ackTimeoutSeconds, 300);
    QCOMPARE(policy->levels.at(1).recipients, QList<Recipient> { (Recipient { u"role"_s, u"admin"_s }) });
    QCOMPARE(policy->levels.at(1).ackTimeoutSeconds, 1);
}

void tst_AlertsConfigLoader::relativeCaFile()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString root = QDir(dir.path()).canonicalPath();
    QVERIFY(writeFile(root + u"/etc/tls/pager-ca.pem"_s, "ca"));
    QVERIFY(writeFile(root + u"/other/abs-ca.pem"_s, "ca"));
    const QByteArray alerts = R"({"webhooks": [)"
                              R"({"name": "rel", "url": "https://a.example/", "caFile": "tls/pager-ca.pem"},)"
                              R"({"name": "up", "url": "https://b.example/", "caFile": "../other/abs-ca.pem"},)"
                              R"({"name": "abs", "url": "https://c.example/", "caFile": ")"
        + root.toUtf8() + R"(/other/abs-ca.pem"}]})";
    QVERIFY(writeFile(root + u"/etc/node.json"_s, makeConfig(alerts)));

    QString error;
    const std::optional<NodeConfig> config = NodeConfigLoader::fromFile(root + u"/etc/node.json"_s, &error);
    QVERIFY2(config, qPrintable(error));
    QCOMPARE(config->alerts.webhooks.size(), 3);
    QCOMPARE(config->alerts.webhooks.at(0).caFile, root + u"/etc/tls/pager-ca.pem"_s);
    QCOMPARE(config->alerts.webhooks.at(1).caFile, root + u"/other/abs-ca.pem"_s);
    QCOMPARE(config->alerts.webhooks.at(2).caFile, root + u"/other/abs-ca.pem"_s);

    // Relative to the config file, not to the working directory: from elsewhere it is missing.
    QVERIFY(writeFile(root + u"/node.json"_s, makeConfig(alerts)));
    QVERIFY(!NodeConfigLoader::fromFile(root + u"/node.json"_s, &error));
    QVERIFY2(error.contains(u"alerts.webhooks[0].caFile: cannot read \"%1/tls/pager-ca.pem\""_s.arg(root)),
        qPrintable(error));
}

void tst_AlertsConfigLoader::errors_data()
{
    QTest::addColumn<QByteArray>("alerts");
    QTest::addColumn<QString>("expected");

    const auto rule = [](const char* json) -> QByteArray { return QByteArray(R"({"rules": [)") + json + "]}"; };
    const auto policy
        = [](const char* json) -> QByteArray { return QByteArray(R"({"policies": [)") + json + R"(], "rules": []})"; };
    const auto hook = [](const char* json) -> QByteArray { return QByteArray(R"({"webhooks": [)") + json + "]}"; };

    // The section itself.
    QTest::addRow("not an object") << QByteArray("[]") << u"t.json: alerts: must be an object (got an array)"_s;
    QTest::addRow("unknown key") << QByteArray(R"({"polices": []})")
                                 << u"t.json: alerts.polices: unknown key (did you mean \"policies\"?)"_s;
    QTest::addRow("version type") << QByteArray(R"({"version": 2})")
                                  << u"t.json: alerts.version: must be a string (got a number)"_s;
    QTest::addRow("rules not an array") << QByteArray(R"({"rules": {}})")
                                        << u"t.json: alerts.rules: must be an array (got an object)"_s;
    QTest::addRow("rule not an object") << rule("\"x\"")
                                        << u"t.json: alerts.rules[0]: must be an object (got a string)"_s;

    // Rules.
    QTest::addRow("rule without id") << rule(R"({"kind": "queueDepth"})")
                                     << u"t.json: alerts.rules[0]: missing required key \"id\""_s;
    QTest::addRow("rule id not a name") << rule(R"({"id": "a b", "kind": "queueDepth"})")
                                        << u"t.json: alerts.rules[0].id: must be 1 to 64 letters"_s;
    QTest::addRow("duplicate rule id") << rule(
        R"({"id": "a", "kind": "queueDepth"}, {"id": "b", "kind": "ackLatency"}, {"id": "a", "kind": "criticalResult"})")
                                       << u"t.json: alerts.rules[2].id: duplicate id \"a\" (also used by alerts.rules[0])"_s;
    QTest::addRow("rule without kind") << rule(R"({"id": "a"})")
                                       << u"t.json: alerts.rules[0]: missing required key \"kind\""_s;
    QTest::addRow("unknown kind")
        << rule(R"({"id": "a", "kind": "queueDepht"})")
        << u"t.json: alerts.rules[0].kind: must be one of \"criticalResult\", \"queueDepth\", "
           "\"destinationDown\", \"deadLetterGrowth\", \"ackLatency\", \"channelSilent\" (got "
           "\"queueDepht\") (did you mean \"queueDepth\"?)"_s;
    QTest::addRow("unknown rule key")
        << rule(R"({"id": "a", "kind": "queueDepth", "treshold": 5})")
        << u"t.json: alerts.rules[0].treshold: unknown key (did you mean \"threshold\"?)"_s;
    QTest::addRow("key of another kind") << rule(R"({"id": "a", "kind": "queueDepth", "channel": "adt-in"})")
                                         << u"t.json: alerts.rules[0].channel: not used by queueDepth rules"_s;
    QTest::addRow("operational key on a clinical rule")
        << rule(R"({"id": "a", "kind": "criticalResult", "forSeconds": 5})")
        << u"t.json: alerts.rules[0].forSeconds: not used by criticalResult rules"_s;
    QTest::addRow("clinical alerts never expire")
        << rule(R"({"id": "a", "kind": "criticalResult", "maxAgeSeconds": 3600})")
        << u"t.json: alerts.rules[0].maxAgeSeconds: not used by criticalResult rules: a clinical alert never expires"_s;
    QTest::addRow("severity")
        << rule(R"({"id": "a", "kind": "queueDepth", "severity": "hihg"})")
        << u"t.json: alerts.rules[0].severity: must be one of \"critical\", \"high\", \"medium\", "
           "\"low\" (got \"hihg\") (did you mean \"high\"?)"_s;
    QTest::addRow("empty team") << rule(R"({"id": "a", "kind": "queueDepth", "team": " "})")
                                << u"t.json: alerts.rules[0].team: must not be empty"_s;
    QTest::addRow("unknown policy") << rule(R"({"id": "a", "kind": "queueDepth", "policy": "suport"})")
                                    << u"t.json: alerts.rules[0].policy: no policy named \"suport\" (did you mean "
                                       "\"support\"?); policies: clinical-critical, support"_s;
    QTest::addRow("default policy missing")
        << QByteArray(R"({"policies": [{"name": "ops", "levels": [{"notify": "team:ops"}]}],
                          "rules": [{"id": "a", "kind": "destinationDown"}]})")
        << u"t.json: alerts.rules[0]: uses the policy \"support\" (the default of destinationDown rules), which "
           "alerts.policies does not define"_s;
    QTest::addRow("built-in rules need their policies")
        << QByteArray(R"({"policies": [{"name": "support", "levels": [{"notify": "team:ops"}]}]})")
        << u"t.json: alerts.policies: has no policy \"clinical-critical\", which the built-in rules use"_s;
    QTest::addRow("cooldown negative") << rule(R"({"id": "a", "kind": "queueDepth", "cooldownSeconds": -1})")
                                       << u"t.json: alerts.rules[0].cooldownSeconds: must be at least 0 (got -1)"_s;
    QTest::addRow("maxAge negative") << rule(R"({"id": "a", "kind": "queueDepth", "maxAgeSeconds": -5})")
                                     << u"t.json: alerts.rules[0].maxAgeSeconds: must be at least 0 (got -5)"_s;
    QTest::addRow("unknown destination")
        << rule(R"({"id": "a", "kind": "queueDepth", "destination": "lbb"})")
        << u"t.json: alerts.rules[0].destination: no destination named \"lbb\" (did you "
           "mean \"lab\"?) (\"*\" watches each one)"_s;
    QTest::addRow("channel is not a destination")
        << rule(R"({"id": "a", "kind": "destinationDown", "destination": "adt-in"})")
        << u"t.json: alerts.rules[0].destination: no destination named \"adt-in\""_s;
    QTest::addRow("unknown channel") << rule(R"({"id": "a", "kind": "channelSilent", "channel": "adt"})")
                                     << u"t.json: alerts.rules[0].channel: no channel named \"adt\""_s;
    QTest::addRow("ackLatency channel") << rule(R"({"id": "a", "kind": "ackLatency", "channel": "lab"})")
                                        << u"t.json: alerts.rules[0].channel: no channel named \"lab\""_s;
    QTest::addRow("forSeconds negative") << rule(
        R"({"id": "a", "kind": "queueDepth"}, {"id": "b", "kind": "ackLatency"},
                                                    {"id": "c", "kind": "destinationDown", "forSeconds": -1})")
                                         << u"t.json: alerts.rules[2].forSeconds: must be at least 0 (got -1)"_s;
    QTest::addRow("forSeconds fraction") << rule(R"({"id": "a", "kind": "queueDepth", "forSeconds": 1.5})")
                                         << u"t.json: alerts.rules[0].forSeconds: must be a whole number (got 1.5)"_s;
    QTest::addRow("queue threshold 0") << rule(R"({"id": "a", "kind": "queueDepth", "threshold": 0})")
                                       << u"t.json: alerts.rules[0].threshold: must be at least 1 (got 0)"_s;
    QTest::addRow("dead-letter threshold 0") << rule(R"({"id": "a", "kind": "deadLetterGrowth", "threshold": 0})")
                                             << u"t.json: alerts.rules[0].threshold: must be at least 1 (got 0)"_s;
    QTest::addRow("window 0") << rule(R"({"id": "a", "kind": "deadLetterGrowth", "windowSeconds": 0})")
                              << u"t.json: alerts.rules[0].windowSeconds: must be at least 1 (got 0)"_s;
    QTest::addRow("dead letters have no target")
        << rule(R"({"id": "a", "kind": "deadLetterGrowth", "destination": "lab"})")
        << u"t.json: alerts.rules[0].destination: not used by deadLetterGrowth rules"_s;
    QTest::addRow("thresholdMs 0") << rule(R"({"id": "a", "kind": "ackLatency", "thresholdMs": 0})")
                                   << u"t.json: alerts.rules[0].thresholdMs: must be at least 1 (got 0)"_s;
    QTest::addRow("minSilentSeconds 0") << rule(R"({"id": "a", "kind": "channelSilent", "minSilentSeconds": 0})")
                                        << u"t.json: alerts.rules[0].minSilentSeconds: must be at least 1 (got 0)"_s;
    QTest::addRow("silenceFactor below 1")
        << rule(R"({"id": "a", "kind": "channelSilent", "silenceFactor": 0.5})")
        << u"t.json: alerts.rules[0].silenceFactor: must be between 1 and 1000 (got 0.5)"_s;
    QTest::addRow("silenceFactor type") << rule(R"({"id": "a", "kind": "channelSilent", "silenceFactor": "5"})")
                                        << u"t.json: alerts.rules[0].silenceFactor: must be a number (got a string)"_s;
    QTest::addRow("minMessages 1") << rule(R"({"id": "a", "kind": "channelSilent", "minMessages": 1})")
                                   << u"t.json: alerts.rules[0].minMessages: must be at least 2 (got 1)"_s;
    QTest::addRow("message type") << rule(
        R"({"id": "a", "kind": "criticalResult", "messageTypes": ["ORU^R01", "ORU_R01"]})")
                                  << u"t.json: alerts.rules[0].messageTypes[1]: \"ORU_R01\""_s;
    QTest::addRow("message types empty") << rule(R"({"id": "a", "kind": "criticalResult", "messageTypes": []})")
                                         << u"t.json: alerts.rules[0].messageTypes: must not be empty"_s;
    QTest::addRow("critical flags empty")
        << rule(R"({"id": "a", "kind": "criticalResult", "criticalFlags": []})")
        << u"t.json: alerts.rules[0].criticalFlags: must not be empty: with no critical "
           "flag the rule never fires"_s;
    QTest::addRow("critical flag blank")
        << rule(R"({"id": "a", "kind": "criticalResult", "criticalFlags": ["HH", "L L"]})")
        << u"t.json: alerts.rules[0].criticalFlags[1]: must be an OBX-8 abnormal flag"_s;
    QTest::addRow("critical flag type")
        << rule(R"({"id": "a", "kind": "criticalResult", "criticalFlags": ["HH", 1]})")
        << u"t.json: alerts.rules[0].criticalFlags[1]: must be a string (got a number)"_s;
    QTest::addRow("alertOnPreliminary type")
        << rule(R"({"id": "a", "kind": "criticalResult", "alertOnPreliminary": "no"})")
        << u"t.json: alerts.rules[0].alertOnPreliminary: must be true or false (got a string)"_s;
    QTest::addRow("fhirObservations type")
        << rule(R"({"id": "a", "kind": "criticalResult", "fhirObservations": 1})")
        << u"t.json: alerts.rules[0].fhirObservations: must be true or false (got a number)"_s;

    // Policies.
    QTest::addRow("policy without name") << policy(R"({"levels": [{"notify": "unit"}]})")
                                         << u"t.json: alerts.policies[0]: missing required key \"name\""_s;
    QTest::addRow("policy name") << policy(R"({"name": "-x", "levels": [{"notify": "unit"}]})")
                                 << u"t.json: alerts.policies[0].name: must be 1 to 64 letters"_s;
    QTest::addRow("duplicate policy")
        << policy(R"({"name": "p", "levels": [{"notify": "unit"}]}, {"name": "p", "levels": [{"notify": "unit"}]})")
        << u"t.json: alerts.policies[1].name: duplicate name \"p\" (also used by alerts.policies[0])"_s;
    QTest::addRow("policy without levels")
        << policy(R"({"name": "p"})") << u"t.json: alerts.policies[0]: missing required key \"levels\""_s;
    QTest::addRow("policy with no level") << policy(R"({"name": "p", "levels": []})")
                                          << u"t.json: alerts.policies[0].levels: must have at least one level"_s;
    QTest::addRow("unknown policy key")
        << policy(R"({"name": "p", "level": []})")
        << u"t.json: alerts.policies[0].level: unknown key (did you mean \"levels\"?)"_s;
    QTest::addRow("level without notify") << policy(R"({"name": "p", "levels": [{"ackTimeoutSeconds": 60}]})")
                                          << u"t.json: alerts.policies[0].levels[0]: missing required key \"notify\""_s;
    QTest::addRow("notify empty") << policy(R"({"name": "p", "levels": [{"notify": []}]})")
                                  << u"t.json: alerts.policies[0].levels[0].notify: must name at least one recipient"_s;
    QTest::addRow("ackTimeoutSeconds 0")
        << policy(R"({"name": "p", "levels": [{"notify": "unit"}, {"notify": "unit", "ackTimeoutSeconds": 0}]})")
        << u"t.json: alerts.policies[0].levels[1].ackTimeoutSeconds: must be at least 1 (got 0)"_s;
    QTest::addRow("acknowledgementTimeoutSeconds negative")
        << policy(R"({"name": "p", "acknowledgementTimeoutSeconds": -5, "levels": [{"notify": "unit"}]})")
        << u"t.json: alerts.policies[0].acknowledgementTimeoutSeconds: must be at least 0 (got -5)"_s;
    QTest::addRow("unknown level key") << policy(
        R"({"name": "p", "levels": [{"notify": "unit", "timeoutSeconds": 60}]})")
                                       << u"t.json: alerts.policies[0].levels[0].timeoutSeconds: unknown key"_s;
    QTest::addRow("recipient kind")
        << policy(R"({"name": "p", "levels": [{"notify": ["unit", "group:icu"]}]})")
        << u"t.json: alerts.policies[0].levels[0].notify[1]: unknown recipient kind \"group\""_s;
    QTest::addRow("recipient without kind")
        << policy(R"({"name": "p", "levels": [{"notify": "charge-nurse"}]})")
        << u"t.json: alerts.policies[0].levels[0].notify: \"charge-nurse\" is not a "
           "recipient: use role:<name>, unit, unit:<name>, user:<name> or team:<name>"_s;
    QTest::addRow("recipient names nobody")
        << policy(R"({"name": "p", "levels": [{"notify": ["role: "]}]})")
        << u"t.json: alerts.policies[0].levels[0].notify[0]: recipient \"role: \" names nobody"_s;

    // Webhooks.
    QTest::addRow("webhook without name")
        << hook(R"({"url": "https://p.example/"})") << u"t.json: alerts.webhooks[0]: missing required key \"name\""_s;
    QTest::addRow("webhook without url") << hook(R"({"name": "p"})")
                                         << u"t.json: alerts.webhooks[0]: missing required key \"url\""_s;
    QTest::addRow("duplicate webhook")
        << hook(R"({"name": "p", "url": "https://a.example/"}, {"name": "p", "url": "https://b.example/"})")
        << u"t.json: alerts.webhooks[1].name: duplicate name \"p\" (also used by alerts.webhooks[0])"_s;
    QTest::addRow("webhook scheme")
        << hook(R"({"name": "p", "url": "ftp://p.example/x"})")
        << u"t.json: alerts.webhooks[0].url: must be an http:// or https:// URL (got \"ftp://p.example/x\")"_s;
    QTest::addRow("webhook without host")
        << hook(R"({"name": "p", "url": "https:///hooks"})") << u"t.json: alerts.webhooks[0].url: must name a host"_s;
    QTest::addRow("webhook not a url") << hook(R"({"name": "p", "url": "pager.example/hook"})")
                                       << u"t.json: alerts.webhooks[0].url: must be an http:// or https:// URL"_s;
    QTest::addRow("webhook credentials") << hook(R"({"name": "p", "url": "https://u:secret@p.example/"})")
                                         << u"t.json: alerts.webhooks[0].url: must not carry a user name or password"_s;
    QTest::addRow("webhook unknown key") << hook(R"({"name": "p", "url": "https://p.example/", "retries": 3})")
                                         << u"t.json: alerts.webhooks[0].retries: unknown key"_s;
    QTest::addRow("webhook severity")
        << hook(R"({"name": "p", "url": "https://p.example/", "severities": ["critical", "urgent"]})")
        << u"t.json: alerts.webhooks[0].severities[1]: must be one of \"critical\", \"high\", "
           "\"medium\", \"low\" (got \"urgent\")"_s;
    QTest::addRow("webhook severities empty")
        << hook(R"({"name": "p", "url": "https://p.example/", "severities": []})")
        << u"t.json: alerts.webhooks[0].severities: must not be empty (leave the key "
           "out for every severity)"_s;
    QTest::addRow("webhook category") << hook(R"({"name": "p", "url": "https://p.example/", "categories": "clinicl"})")
                                      << u"t.json: alerts.webhooks[0].categories: must be one of \"clinical\", "
                                         "\"operational\" (got \"clinicl\") (did you mean \"clinical\"?)"_s;
    QTest::addRow("webhook reason")
        << hook(R"({"name": "p", "url": "https://p.example/", "reasons": ["raised", "escalate"]})")
        << u"t.json: alerts.webhooks[0].reasons[1]: must be one of \"raised\", \"escalated\", "
           "\"repeated\", \"updated\", \"corrected\", \"acknowledged\", \"resolved\", "
           "\"retracted\", \"expired\", \"withdrawn\" (got \"escalate\") (did you mean "
           "\"escalated\"?)"_s;
    QTest::addRow("maxAttempts 0") << hook(R"({"name": "p", "url": "https://p.example/", "maxAttempts": 0})")
                                   << u"t.json: alerts.webhooks[0].maxAttempts: must be at least 1 (got 0)"_s;
    QTest::addRow("initialDelayMs 0") << hook(R"({"name": "p", "url": "https://p.example/", "initialDelayMs": 0})")
                                      << u"t.json: alerts.webhooks[0].initialDelayMs: must be at least 1 (got 0)"_s;
    QTest::addRow("maxDelayMs below initial")
        << hook(R"({"name": "p", "url": "https://p.example/", "initialDelayMs": 5000, "maxDelayMs": 1000})")
        << u"t.json: alerts.webhooks[0].maxDelayMs: must be at least initialDelayMs (5000) (got 1000)"_s;
    QTest::addRow("timeoutMs 0") << hook(R"({"name": "p", "url": "https://p.example/", "timeoutMs": 0})")
                                 << u"t.json: alerts.webhooks[0].timeoutMs: must be at least 1 (got 0)"_s;
    QTest::addRow("caFile missing") << hook(
        R"({"name": "p", "url": "https://p.example/", "caFile": "/nonexistent/ca.pem"})")
                                    << u"t.json: alerts.webhooks[0].caFile: cannot read \"/nonexistent/ca.pem\""_s;
    QTest::addRow("caFile with http") << hook(R"({"name": "p", "url": "http://p.example/", "caFile": "ca.pem"})")
                                      << u"t.json: alerts.webhooks[0].caFile: only used with an https:// url"_s;
    QTest::addRow("token in the file")
        << hook(R"({"name": "p", "url": "https://p.example/", "bearerTokenEnv": "abc.def-123"})")
        << u"t.json: alerts.webhooks[0].bearerTokenEnv: must be the name of an environment "
           "variable"_s;
}

void tst_AlertsConfigLoader::errors()
{
    QFETCH(QByteArray, alerts);
    QFETCH(QString, expected);

    QString error;
    const std::optional<NodeConfig> config = NodeConfigLoader::fromJson(makeConfig(alerts), kSource, &error);
    QVERIFY2(!config, "the config must be rejected");
    QVERIFY2(error.contains(expected), qPrintable(u"expected \"%1\" in:\n%2"_s.arg(expected, error)));
    const QStringList lines = error.split(u'\n');
    for (const QString& line : lines)
        QVERIFY2(line.startsWith(kSource + u": alerts"_s), qPrintable(line));
}

void tst_AlertsConfigLoader::reportsAllErrorsTogether()
{
    const QByteArray alerts
        = R"({"policies": [{"name": "p", "levels": [{"notify": ["unit", "boss"], "ackTimeoutSeconds": 0}]}],)"
          R"( "rules": [{"id": "a", "kind": "queueDepth", "policy": "p", "destination": "lbb", "forSeconds": -1},)"
          R"(           {"id": "a", "kind": "criticalResult", "policy": "p", "criticalFlags": []},)"
          R"(           {"id": "b", "kind": "ackLatency", "policy": "q"}],)"
          R"( "webhooks": [{"name": "w", "url": "ftp://x/", "maxAttempts": 0}]})";
    QString error;
    QVERIFY(
        !NodeConfigLoader::fromJson(makeConfig(alerts, R"(, "store": {"groupCommitMaxBatch": 0})"), kSource, &error));
    const QStringList expected {
        u"t.json: store.groupCommitMaxBatch: must be between 1 and 100000 (got 0)"_s,
        u"t.json: alerts.policies[0].levels[0].notify[1]: \"boss\" is not a recipient"_s,
        u"t.json: alerts.policies[0].levels[0].ackTimeoutSeconds: must be at least 1 (got 0)"_s,
        u"t.json: alerts.rules[0].destination: no destination named \"lbb\""_s,
        u"t.json: alerts.rules[0].forSeconds: must be at least 0 (got -1)"_s,
        u"t.json: alerts.rules[1].criticalFlags: must not be empty"_s,
        u"t.json: alerts.webhooks[0].url: must be an http:// or https:// URL"_s,
        u"t.json: alerts.webhooks[0].maxAttempts: must be at least 1 (got 0)"_s,
        u"t.json: alerts.rules[1].id: duplicate id \"a\" (also used by alerts.rules[0])"_s,
        u"t.json: alerts.rules[2].policy: no policy named \"q\" (did you mean \"p\"?); policies: p"_s,
    };
    const QStringList lines = error.split(u'\n');
    QCOMPARE(lines.size(), expected.size());
    for (const QString& want : expected) {
        const bool found
            = std::any_of(lines.begin(), lines.end(), [&](const QString& line) { return line.startsWith(want); });
        QVERIFY2(found, qPrintable(u"missing \"%1\" in:\n%2"_s.arg(want, error)));
    }
}

// The demo (docs/config.md "The demo configuration"): critical results escalate every two minutes, so a
// viewer sees a level change within minutes; the operational rules are the built-in ones.
void tst_AlertsConfigLoader::demoConfig()
{
    QString error;
    const std::optional<NodeConfig> config
        = NodeConfigLoader::fromFile(QStringLiteral(VIGIL_SOURCE_DIR "/resources/demo/node.json"), &error);
    QVERIFY2(config, qPrintable(error));
    const AlertsConfig& alerts = config->alerts;
    QCOMPARE(alerts.version, u"demo-1"_s);
    QCOMPARE(alerts.criticalResults.size(), 1);
    const CriticalResultRuleConfig& critical = alerts.criticalResults.at(0);
    QCOMPARE(critical.common.severity, AlertSeverity::Critical);
    QCOMPARE(critical.criticalFlags, (QStringList { u"HH"_s, u"LL"_s, u"AA"_s }));
    const EscalationPolicy* clinical = alerts.policy(critical.common.policy);
    QVERIFY(clinical);
    QVERIFY(clinical->levels.size() >= 2);
    // Short for watching: a new user sees an unacknowledged result climb within a minute.
    for (const EscalationLevel& level : clinical->levels)
        QCOMPARE(level.ackTimeoutSeconds, 45);
    QCOMPARE(recipientsOf(clinical->levels.at(0)), QStringList { u"unit"_s });

    const AlertsConfig builtIn = AlertsConfig::defaults();
    QCOMPARE(alerts.operational.size(), builtIn.operational.size());
    for (qsizetype i = 0; i < builtIn.operational.size(); ++i) {
        const OperationalRuleConfig& rule = alerts.operational.at(i);
        const OperationalRuleConfig& reference = builtIn.operational.at(i);
        QCOMPARE(rule.common.id, reference.common.id);
        QCOMPARE(rule.kind, reference.kind);
        QCOMPARE(rule.target, reference.target);
        QCOMPARE(rule.common.severity, reference.common.severity);
        QCOMPARE(rule.common.policy, reference.common.policy);
        QCOMPARE(rule.common.cooldownSeconds, reference.common.cooldownSeconds);
        QCOMPARE(rule.threshold, reference.threshold);
        QCOMPARE(rule.thresholdMs, reference.thresholdMs);
        QCOMPARE(rule.forSeconds, reference.forSeconds);
        QCOMPARE(rule.windowSeconds, reference.windowSeconds);
        QCOMPARE(rule.minSilentSeconds, reference.minSilentSeconds);
        QCOMPARE(rule.silenceFactor, reference.silenceFactor);
        QCOMPARE(rule.minMessagesForSilence, reference.minMessagesForSilence);
        QVERIFY(alerts.policy(rule.common.policy));
    }
    QVERIFY(alerts.webhooks.isEmpty());
}

// docs/config.md's "alerts" example loads and means what its notes say.
void tst_AlertsConfigLoader::documentedExample()
{
    const QByteArray block = docBlock("<!-- example: alerts");
    QVERIFY(!block.isEmpty());
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(block, &parseError);
    QVERIFY2(document.isObject(), qPrintable(parseError.errorString()));
    const QByteArray alerts = QJsonDocument(document.object().value(u"alerts"_s).toObject()).toJson();

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString etc = QDir(dir.path()).canonicalPath();
    QVERIFY(writeFile(etc + u"/tls/hospital-ca.pem"_s, "ca"));
    QVERIFY(writeFile(etc + u"/node.json"_s, makeConfig(alerts)));

    QString error;
    const std::optional<NodeConfig> config = NodeConfigLoader::fromFile(etc + u"/node.json"_s, &error);
    QVERIFY2(config, qPrintable(error));
    const AlertsConfig& loaded = config->alerts;
    QVERIFY(!loaded.version.isEmpty());
    // Policies given, rules given, one webhook: nothing built in is left but what the example names.
    QCOMPARE(policyNames(loaded), (QStringList { u"clinical-critical"_s, u"support"_s }));
    const EscalationPolicy* clinical = loaded.policy(u"clinical-critical"_s);
    QCOMPARE(clinical->levels.size(), 3);
    QCOMPARE(recipientsOf(clinical->levels.at(0)), QStringList { u"unit"_s });
    QCOMPARE(clinical->levels.at(0).ackTimeoutSeconds, 120);
    QCOMPARE(clinical->levels.at(1).ackTimeoutSeconds, 180);
    QCOMPARE(
        recipientsOf(clinical->levels.at(2)), (QStringList { u"role:charge-nurse"_s, u"role:house-supervisor"_s }));
    QCOMPARE(clinical->levels.at(2).ackTimeoutSeconds, 300);
    QCOMPARE(clinical->acknowledgementTimeoutSeconds, 900);
    QCOMPARE(loaded.criticalResults.size(), 1);
    QVERIFY(!loaded.criticalResults.at(0).alertOnPreliminary);
    QVERIFY(loaded.criticalResults.at(0).criticalFlags.contains(u"<"_s));
    QVERIFY(loaded.criticalResults.at(0).criticalFlags.contains(u">"_s));
    const OperationalRuleConfig* backlog = operational(loaded, u"lab-backlog"_s);
    QVERIFY(backlog);
    QCOMPARE(backlog->target, u"lab"_s);
    QCOMPARE(backlog->threshold, 100);
    QCOMPARE(backlog->forSeconds, 120);
    QCOMPARE(backlog->common.severity, AlertSeverity::Critical);
    const OperationalRuleConfig* down = operational(loaded, u"destination-down"_s);
    QVERIFY(down);
    QCOMPARE(down->forSeconds, 60);
    QCOMPARE(down->common.severity, AlertSeverity::High);
    const OperationalRuleConfig* deadLetters = operational(loaded, u"dead-letter-growth"_s);
    QVERIFY(deadLetters);
    QCOMPARE(deadLetters->threshold, 10);
    QCOMPARE(deadLetters->windowSeconds, 300);
    QCOMPARE(operational(loaded, u"adt-silent"_s)->common.maxAgeSeconds, 86400);
    QCOMPARE(operational(loaded, u"adt-silent"_s)->target, u"adt-in"_s);
    // Rules given: no ACK latency rule unless it is listed.
    QVERIFY(std::none_of(loaded.operational.cbegin(), loaded.operational.cend(),
        [](const OperationalRuleConfig& rule) { return rule.kind == OperationalRuleConfig::Kind::AckLatency; }));
    QCOMPARE(loaded.webhooks.size(), 1);
    QCOMPARE(loaded.webhooks.at(0).url.scheme(), u"https"_s);
    QCOMPARE(loaded.webhooks.at(0).caFile, etc + u"/tls/hospital-ca.pem"_s);
    QCOMPARE(loaded.webhooks.at(0).severities, (QList<AlertSeverity> { AlertSeverity::Critical, AlertSeverity::High }));
    QVERIFY(loaded.webhooks.at(0).categories.isEmpty());
    QVERIFY(!loaded.webhooks.at(0).reasons.contains(u"updated"_s));
    QVERIFY(!loaded.webhooks.at(0).reasons.contains(u"corrected"_s));
    QCOMPARE(loaded.webhooks.at(0).bearerTokenEnv, u"VIGIL_PAGER_TOKEN"_s);
}

QTEST_GUILESS_MAIN(tst_AlertsConfigLoader)
#include "tst_alertsconfigloader.moc"
