#include "node/api/AlertView.h"

#include "node/api/ApiJson.h"

#include <algorithm>

namespace {

void putTime(QJsonObject& o, const char* key, qint64 ms)
{
    if (ms > 0)
        o.insert(QLatin1StringView(key), ApiJson::time(ms));
}

void putText(QJsonObject& o, const char* key, const QString& value)
{
    if (!value.isEmpty())
        o.insert(QLatin1StringView(key), value);
}

qint64 percentile(const QList<qint64>& sorted, double p)
{
    if (sorted.isEmpty())
        return 0;
    const qsizetype index = std::min<qsizetype>(sorted.size() - 1, qsizetype(p * double(sorted.size())));
    return sorted.at(index);
}

QJsonObject common(const AlertRuleCommon& c)
{
    QJsonObject o{{QStringLiteral("id"), c.id},
                  {QStringLiteral("severity"), AlertNames::severity(c.severity)},
                  {QStringLiteral("policy"), c.policy}};
    putText(o, "team", c.team);
    if (c.cooldownSeconds > 0)
        o.insert(QStringLiteral("cooldownSeconds"), c.cooldownSeconds);
    if (c.maxAgeSeconds > 0)
        o.insert(QStringLiteral("maxAgeSeconds"), c.maxAgeSeconds);
    return o;
}

} // namespace

namespace AlertView {

QJsonArray recipients(const QList<Recipient>& recipients)
{
    QJsonArray a;
    for (const Recipient& r : recipients)
        a.append(r.toString());
    return a;
}

QJsonObject summary(const Alert& alert, bool maskPhi)
{
    QJsonObject o{{QStringLiteral("id"), alert.id},
                  {QStringLiteral("ruleId"), alert.ruleId},
                  {QStringLiteral("category"), AlertNames::category(alert.category)},
                  {QStringLiteral("severity"), AlertNames::severity(alert.severity)},
                  {QStringLiteral("state"), AlertNames::state(alert.state)},
                  {QStringLiteral("title"), alert.title},
                  {QStringLiteral("dedupKey"), QString::fromLatin1(alert.dedupKey)},
                  {QStringLiteral("level"), alert.level},
                  {QStringLiteral("repeats"), alert.repeats},
                  {QStringLiteral("count"), alert.count},
                  {QStringLiteral("evidence"), alert.evidence}};
    putText(o, "groupKey", QString::fromLatin1(alert.groupKey));
    putText(o, "unit", alert.unit);
    putText(o, "team", alert.team);
    putText(o, "subject", alert.subject);
    putText(o, "policy", alert.policy);
    putText(o, "resultStatus", alert.resultStatus);
    if (!alert.patientId.isEmpty())
        o.insert(QStringLiteral("patientId"), maskPhi ? QStringLiteral("***") : alert.patientId);
    QJsonArray correlationIds;
    for (const QByteArray& id : alert.correlationIds)
        correlationIds.append(QString::fromLatin1(id));
    o.insert(QStringLiteral("correlationIds"), correlationIds);
    putTime(o, "createdAt", alert.createdAtMs);
    putTime(o, "updatedAt", alert.updatedAtMs);
    putTime(o, "notifiedAt", alert.notifiedAtMs);
    putTime(o, "acknowledgedAt", alert.acknowledgedAtMs);
    putText(o, "acknowledgedBy", alert.acknowledgedBy);
    putText(o, "acknowledgeNote", alert.acknowledgeNote);
    putTime(o, "closedAt", alert.closedAtMs);
    putText(o, "closedBy", alert.closedBy);
    putText(o, "disposition", alert.disposition);
    putTime(o, "nextEscalationAt",
            alert.state == AlertState::Suppressed || alert.state == AlertState::Acknowledged ? 0 : alert.deadlineMs);
    putTime(o, "reopensAt", alert.state == AlertState::Acknowledged ? alert.deadlineMs : 0);
    putTime(o, "suppressedUntil", alert.state == AlertState::Suppressed ? alert.deadlineMs : 0);
    putTime(o, "expiresAt", alert.expiresAtMs);
    if (alert.silenceId > 0)
        o.insert(QStringLiteral("silenceId"), alert.silenceId);
    if (alert.replacesAlertId > 0)
        o.insert(QStringLiteral("replacesAlertId"), alert.replacesAlertId);
    return o;
}

QJsonObject transition(const AlertTransition& t)
{
    QJsonObject o{{QStringLiteral("at"), ApiJson::time(t.atMs)},
                  {QStringLiteral("from"), AlertNames::state(t.from)},
                  {QStringLiteral("to"), AlertNames::state(t.to)},
                  {QStringLiteral("action"), t.action},
                  {QStringLiteral("actor"), t.actor},
                  {QStringLiteral("level"), t.level}};
    putText(o, "note", t.note);
    putText(o, "correlationId", QString::fromLatin1(t.correlationId));
    return o;
}

QJsonObject notification(const NotificationRecord& n)
{
    QJsonObject o{{QStringLiteral("id"), n.id},
                  {QStringLiteral("channel"), n.channel},
                  {QStringLiteral("reason"), n.reason},
                  {QStringLiteral("level"), n.level},
                  {QStringLiteral("recipients"), recipients(n.recipients)},
                  {QStringLiteral("state"), n.state},
                  {QStringLiteral("attempts"), n.attempts}};
    putTime(o, "createdAt", n.createdAtMs);
    putTime(o, "deliveredAt", n.deliveredAtMs);
    if (n.state == u"pending")
        putTime(o, "nextAttemptAt", n.nextAttemptAtMs);
    putText(o, "lastError", n.lastError);
    return o;
}

QJsonObject detail(const Alert& alert, const QList<NotificationRecord>& notifications, bool maskPhi)
{
    QJsonObject o = summary(alert, maskPhi);
    QJsonArray history;
    for (const AlertTransition& t : alert.history)
        history.append(transition(t));
    o.insert(QStringLiteral("history"), history);
    QJsonArray sent;
    for (const NotificationRecord& n : notifications)
        sent.append(notification(n));
    o.insert(QStringLiteral("notifications"), sent);
    return o;
}

QJsonObject event(const Alert& alert, const QList<AlertNotification>& notifications)
{
    QJsonObject o = summary(alert, true);
    o.remove(QStringLiteral("patientId"));
    QJsonArray pages;
    for (const AlertNotification& n : notifications) {
        pages.append(QJsonObject{{QStringLiteral("reason"), n.reason},
                                 {QStringLiteral("level"), n.level},
                                 {QStringLiteral("recipients"), recipients(n.recipients)}});
    }
    if (!pages.isEmpty())
        o.insert(QStringLiteral("notifications"), pages);
    return o;
}

QJsonObject silence(const Silence& s, qint64 nowMs)
{
    QJsonObject matchers;
    putText(matchers, "ruleId", s.ruleId);
    putText(matchers, "unit", s.unit);
    putText(matchers, "subject", s.subject);
    if (s.severity)
        matchers.insert(QStringLiteral("severity"), AlertNames::severity(*s.severity));
    if (s.category)
        matchers.insert(QStringLiteral("category"), AlertNames::category(*s.category));
    QJsonObject o{{QStringLiteral("id"), s.id},
                  {QStringLiteral("matchers"), matchers},
                  {QStringLiteral("startsAt"), ApiJson::time(s.startsAtMs)},
                  {QStringLiteral("endsAt"), ApiJson::time(s.endsAtMs)},
                  {QStringLiteral("reason"), s.reason},
                  {QStringLiteral("createdBy"), s.createdBy},
                  {QStringLiteral("active"), s.isActiveAt(nowMs)}};
    putTime(o, "createdAt", s.createdAtMs);
    putTime(o, "updatedAt", s.updatedAtMs);
    putText(o, "expiredBy", s.expiredBy);
    return o;
}

QJsonObject figures(const AlertFigures& f)
{
    QJsonObject open;
    for (auto it = f.openBySeverity.cbegin(); it != f.openBySeverity.cend(); ++it)
        open.insert(it.key(), it.value());
    QJsonObject dispositions;
    for (auto it = f.dispositions.cbegin(); it != f.dispositions.cend(); ++it)
        dispositions.insert(it.key(), it.value());
    const QList<qint64>& ack = f.timeToAcknowledgeMs;
    QJsonObject timeToAck{{QStringLiteral("count"), qint64(ack.size())}};
    if (!ack.isEmpty()) {
        timeToAck.insert(QStringLiteral("p50Ms"), percentile(ack, 0.5));
        timeToAck.insert(QStringLiteral("p90Ms"), percentile(ack, 0.9));
        timeToAck.insert(QStringLiteral("maxMs"), ack.constLast());
    }
    return QJsonObject{{QStringLiteral("openBySeverity"), open},
                       {QStringLiteral("suppressedOpen"), f.suppressedOpen},
                       {QStringLiteral("dispositions"), dispositions},
                       {QStringLiteral("deduplicatedTotal"), f.deduplicatedTotal},
                       {QStringLiteral("escalationsTotal"), f.escalationsTotal},
                       {QStringLiteral("suppressedTotal"), f.suppressedTotal},
                       {QStringLiteral("acknowledgedTotal"), f.acknowledgedTotal},
                       {QStringLiteral("timeToAcknowledge"), timeToAck},
                       {QStringLiteral("notificationsPending"), f.notificationsPending},
                       {QStringLiteral("notificationsFailed"), f.notificationsFailed}};
}

QJsonObject rules(const AlertsConfig& config)
{
    QJsonArray policies;
    for (const EscalationPolicy& p : config.policies) {
        QJsonArray levels;
        for (const EscalationLevel& l : p.levels) {
            levels.append(QJsonObject{{QStringLiteral("notify"), recipients(l.recipients)},
                                      {QStringLiteral("ackTimeoutSeconds"), l.ackTimeoutSeconds}});
        }
        policies.append(QJsonObject{{QStringLiteral("name"), p.name},
                                    {QStringLiteral("levels"), levels},
                                    {QStringLiteral("acknowledgementTimeoutSeconds"), p.acknowledgementTimeoutSeconds}});
    }
    QJsonArray rules;
    for (const CriticalResultRuleConfig& r : config.criticalResults) {
        QJsonObject o = common(r.common);
        o.insert(QStringLiteral("kind"), QStringLiteral("criticalResult"));
        o.insert(QStringLiteral("category"), QStringLiteral("clinical"));
        o.insert(QStringLiteral("messageTypes"), QJsonArray::fromStringList(r.messageTypes));
        o.insert(QStringLiteral("criticalFlags"), QJsonArray::fromStringList(r.criticalFlags));
        o.insert(QStringLiteral("alertOnPreliminary"), r.alertOnPreliminary);
        o.insert(QStringLiteral("fhirObservations"), r.fhirObservations);
        rules.append(o);
    }
    for (const OperationalRuleConfig& r : config.operational) {
        QJsonObject o = common(r.common);
        o.insert(QStringLiteral("kind"), OperationalRuleConfig::kindName(r.kind));
        o.insert(QStringLiteral("category"), QStringLiteral("operational"));
        o.insert(QStringLiteral("target"), r.target);
        switch (r.kind) {
        case OperationalRuleConfig::Kind::QueueDepth:
            o.insert(QStringLiteral("threshold"), r.threshold);
            o.insert(QStringLiteral("forSeconds"), r.forSeconds);
            break;
        case OperationalRuleConfig::Kind::DestinationDown:
            o.insert(QStringLiteral("forSeconds"), r.forSeconds);
            break;
        case OperationalRuleConfig::Kind::DeadLetterGrowth:
            o.insert(QStringLiteral("threshold"), r.threshold);
            o.insert(QStringLiteral("windowSeconds"), r.windowSeconds);
            break;
        case OperationalRuleConfig::Kind::AckLatency:
            o.insert(QStringLiteral("thresholdMs"), r.thresholdMs);
            o.insert(QStringLiteral("forSeconds"), r.forSeconds);
            break;
        case OperationalRuleConfig::Kind::ChannelSilent:
            o.insert(QStringLiteral("minSilentSeconds"), r.minSilentSeconds);
            o.insert(QStringLiteral("silenceFactor"), r.silenceFactor);
            o.insert(QStringLiteral("minMessages"), r.minMessagesForSilence);
            break;
        }
        rules.append(o);
    }
    QJsonArray webhooks;
    for (const AlertWebhookConfig& w : config.webhooks) {
        // Only where it goes: credentials in a URL stay on the node.
        QUrl shown = w.url.adjusted(QUrl::RemoveUserInfo | QUrl::RemoveQuery | QUrl::RemoveFragment);
        QJsonArray severities;
        for (AlertSeverity s : w.severities)
            severities.append(AlertNames::severity(s));
        QJsonArray categories;
        for (AlertCategory c : w.categories)
            categories.append(AlertNames::category(c));
        webhooks.append(QJsonObject{{QStringLiteral("name"), w.name},
                                    {QStringLiteral("url"), shown.toString()},
                                    {QStringLiteral("severities"), severities},
                                    {QStringLiteral("categories"), categories},
                                    {QStringLiteral("reasons"), QJsonArray::fromStringList(w.reasons)},
                                    {QStringLiteral("maxAttempts"), w.maxAttempts}});
    }
    return QJsonObject{{QStringLiteral("version"), config.version},
                       {QStringLiteral("policies"), policies},
                       {QStringLiteral("rules"), rules},
                       {QStringLiteral("webhooks"), webhooks}};
}

} // namespace AlertView
