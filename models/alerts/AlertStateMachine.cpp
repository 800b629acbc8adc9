#include "models/alerts/AlertStateMachine.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonValue>

#include <algorithm>
#include <utility>

using namespace Qt::StringLiterals;

namespace {

QString isoTime(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODate);
}

// Users are recorded as "user:<name>" in the history while acknowledgedBy holds the bare name (it
// becomes the "user:<name>" recipient); callers may pass either form.
QString actorString(const QString& actor)
{
    if (actor.isEmpty())
        return u"system"_s;
    if (actor == u"system" || actor.contains(u':'))
        return actor;
    return u"user:"_s + actor;
}

QString userName(const QString& actor)
{
    return actor.startsWith(u"user:") ? actor.mid(5) : actor;
}

QString ruleActor(const QString& ruleId)
{
    return u"rule:"_s + ruleId;
}

bool hasLevels(const EscalationPolicy* policy)
{
    return policy && !policy->levels.isEmpty();
}

// A policy edited down to fewer levels while an alert was open must not index past its end.
int clampLevel(const EscalationPolicy& policy, int level)
{
    return std::clamp(level, 0, int(policy.levels.size()) - 1);
}

void addUnique(QList<Recipient>& list, const Recipient& recipient)
{
    if (!list.contains(recipient))
        list.append(recipient);
}

QList<Recipient> levelRecipients(const EscalationPolicy* policy, int level)
{
    QList<Recipient> out;
    if (!hasLevels(policy))
        return out;
    for (const Recipient& r : policy->levels.at(clampLevel(*policy, level)).recipients)
        addUnique(out, r);
    return out;
}

void addAcknowledger(QList<Recipient>& list, const Alert& alert)
{
    if (!alert.acknowledgedBy.isEmpty())
        addUnique(list, Recipient{u"user"_s, alert.acknowledgedBy});
}

QString recipientText(const QList<Recipient>& recipients)
{
    if (recipients.isEmpty())
        return u"nobody"_s;
    QStringList parts;
    for (const Recipient& r : recipients)
        parts.append(r.toString());
    return parts.join(u", "_s);
}

qint64 levelDeadline(const EscalationPolicy& policy, int level, qint64 nowMs)
{
    return nowMs + qint64(policy.levels.at(clampLevel(policy, level)).ackTimeoutSeconds) * 1000;
}

// SEMANTICS.md 2.4: maximum age applies to non-clinical, non-critical alerts only; a critical result
// must never time out unseen.
qint64 expiryFor(qint64 createdAtMs, AlertCategory category, AlertSeverity severity, qint64 maxAgeMs)
{
    if (maxAgeMs <= 0 || category != AlertCategory::Operational || severity == AlertSeverity::Critical)
        return 0;
    return createdAtMs + maxAgeMs;
}

// Lower enum value = more severe.
bool moreSevere(AlertSeverity a, AlertSeverity b)
{
    return int(a) < int(b);
}

QString valueText(const QJsonObject& evidence)
{
    const QJsonValue value = evidence.value(u"value"_s);
    if (value.isString())
        return value.toString();
    if (value.isDouble())
        return QString::number(value.toDouble());
    if (value.isBool())
        return value.toBool() ? u"true"_s : u"false"_s;
    return {};
}

// The card's trend (issue 6): when a later result of the same key replaces a clinical alert's
// evidence, the new evidence keeps what the alert showed before, newest first. Operational
// evidence is a snapshot of figures refreshed every sample; a history of it would be noise.
QJsonObject withPreviousValues(const Alert& alert, const QJsonObject& replacement)
{
    if (alert.category != AlertCategory::Clinical || alert.evidence.isEmpty() || replacement.isEmpty())
        return replacement;
    QJsonObject before;
    for (const auto key : {u"value", u"flags", u"resultStatus", u"observedAt"}) {
        const QJsonValue value = alert.evidence.value(key);
        if (!value.isUndefined())
            before.insert(key, value);
    }
    QJsonArray previous{before};
    for (const QJsonValue& older : alert.evidence.value(u"previousValues"_s).toArray()) {
        if (previous.size() >= AlertStateMachine::MaxPreviousValues)
            break;
        previous.append(older);
    }
    QJsonObject evidence = replacement;
    evidence.insert(u"previousValues"_s, previous);
    return evidence;
}

void addCorrelation(Alert& alert, const QByteArray& correlationId)
{
    if (!correlationId.isEmpty() && !alert.correlationIds.contains(correlationId))
        alert.correlationIds.append(correlationId);
}

void record(Alert& alert, qint64 nowMs, AlertState from, const QString& action, const QString& actor,
            const QString& note, const QByteArray& correlationId = {})
{
    AlertTransition t;
    t.atMs = nowMs;
    t.from = from;
    t.to = alert.state;
    t.action = action;
    t.actor = actor;
    t.level = alert.level;
    t.note = note;
    t.correlationId = correlationId;
    alert.history.append(t);
    alert.updatedAtMs = nowMs;
}

void notify(AlertStateMachine::Step& step, const Alert& alert, const QString& reason, QList<Recipient> recipients,
            qint64 nowMs)
{
    AlertNotification n;
    n.alertId = alert.id;
    n.reason = reason;
    n.level = alert.level;
    n.recipients = std::move(recipients);
    n.atMs = nowMs;
    step.notifications.append(n);
}

QList<Recipient> everyonePaged(const Alert& alert, const EscalationPolicy* policy)
{
    if (hasLevels(policy))
        return AlertStateMachine::pagedSoFar(alert, *policy);
    QList<Recipient> out;
    addAcknowledger(out, alert);
    return out;
}

// First page of an alert (new, or at the end of its suppression): Notified at level 0.
void pageFirstLevel(AlertStateMachine::Step& step, Alert& alert, const EscalationPolicy& policy, qint64 nowMs,
                    const QString& action, const QString& why, const QByteArray& correlationId = {})
{
    const AlertState from = alert.state;
    alert.state = AlertState::Notified;
    alert.level = 0;
    alert.repeats = 0;
    if (alert.notifiedAtMs == 0)
        alert.notifiedAtMs = nowMs;
    alert.deadlineMs = levelDeadline(policy, 0, nowMs);
    const QList<Recipient> recipients = levelRecipients(&policy, 0);
    record(alert, nowMs, from, action, u"system"_s,
           why % u"paged level 0: "_s % recipientText(recipients) % u"; acknowledge by "_s % isoTime(alert.deadlineMs),
           correlationId);
    notify(step, alert, u"raised"_s, recipients, nowMs);
    step.changed = true;
}

// One escalation step: the next level, or a repeat of the last one. The deadline counts from now,
// so an overdue deadline found after a restart fires once and the next one is a full timeout away.
void escalateOnce(AlertStateMachine::Step& step, Alert& alert, const EscalationPolicy& policy, qint64 nowMs,
                  const QString& actor, const QString& why)
{
    const AlertState from = alert.state;
    const int last = int(policy.levels.size()) - 1;
    QString action;
    QString reason;
    const int current = clampLevel(policy, alert.level);
    if (current < last) {
        alert.level = current + 1;
        action = u"escalate"_s;
        reason = u"escalated"_s;
    } else {
        alert.level = last;
        ++alert.repeats;
        action = u"repeat"_s;
        reason = u"repeated"_s;
    }
    alert.state = AlertState::Escalated;
    if (alert.notifiedAtMs == 0)
        alert.notifiedAtMs = nowMs;
    alert.deadlineMs = levelDeadline(policy, alert.level, nowMs);
    const QList<Recipient> recipients = levelRecipients(&policy, alert.level);
    QString note = why;
    if (!note.isEmpty())
        note += u"; "_s;
    note += u"paged level "_s % QString::number(alert.level) % u": "_s % recipientText(recipients);
    if (action == u"repeat")
        note += u" (repeat "_s % QString::number(alert.repeats) % u')';
    note += u"; acknowledge by "_s % isoTime(alert.deadlineMs);
    record(alert, nowMs, from, action, actor, note);
    notify(step, alert, reason, recipients, nowMs);
    step.changed = true;
    ++step.escalations;
}

/// An acknowledgement lapsed unresolved: the alert is nobody's again. Its level and the acknowledger
/// are paged again, and it escalates from that level as if it had just been paged there.
void reopen(AlertStateMachine::Step& step, Alert& alert, const EscalationPolicy& policy, qint64 nowMs)
{
    const AlertState from = alert.state;
    alert.level = policy.levels.isEmpty() ? alert.level : clampLevel(policy, alert.level);
    QList<Recipient> recipients = levelRecipients(&policy, alert.level);
    addAcknowledger(recipients, alert);
    QString note = u"acknowledged by "_s % alert.acknowledgedBy % u" at "_s % isoTime(alert.acknowledgedAtMs)
        % u", not resolved within "_s % QString::number(policy.acknowledgementTimeoutSeconds) % u" s; paged "_s
        % recipientText(recipients);
    alert.acknowledgedAtMs = 0;
    alert.acknowledgedBy.clear();
    alert.acknowledgeNote.clear();
    alert.state = alert.level > 0 ? AlertState::Escalated : AlertState::Notified;
    alert.deadlineMs = policy.levels.isEmpty() ? 0 : levelDeadline(policy, alert.level, nowMs);
    if (alert.deadlineMs > 0)
        note += u"; acknowledge by "_s + isoTime(alert.deadlineMs);
    record(alert, nowMs, from, u"reopen"_s, u"system"_s, note);
    notify(step, alert, u"reopened"_s, recipients, nowMs);
    step.changed = true;
}

void close(Alert& alert, qint64 nowMs, AlertState to, const QString& actor, const QString& disposition)
{
    alert.state = to;
    alert.closedAtMs = nowMs;
    alert.closedBy = actor;
    alert.disposition = disposition;
    alert.deadlineMs = 0;
}

QString refusalForClosed(const Alert& alert)
{
    return u"alert is "_s + AlertNames::state(alert.state);
}

} // namespace

AlertStateMachine::AlertStateMachine(AlertClock clock)
    : m_clock(std::move(clock))
{
}

AlertStateMachine::SignalResult AlertStateMachine::onSignal(const AlertSignal& signal, const KeyContext& context)
{
    SignalResult result;
    Step& step = result.step;
    const qint64 now = m_clock();
    const QString actor = ruleActor(signal.ruleId);
    Alert* open = (context.open && context.open->isOpen()) ? context.open : nullptr;

    switch (signal.kind) {
    case AlertSignal::Kind::Raise: {
        if (open) {
            Alert& alert = *open;
            const AlertSeverity oldSeverity = alert.severity;
            const QString oldValue = valueText(alert.evidence);
            const QString newValue = valueText(signal.evidence);
            const QString oldStatus = alert.resultStatus;
            const bool severityUp = moreSevere(signal.severity, oldSeverity);
            const bool valueChanged = !signal.evidence.isEmpty()
                && alert.evidence.value(u"value"_s) != signal.evidence.value(u"value"_s);

            ++alert.count;
            addCorrelation(alert, signal.correlationId);
            if (!signal.evidence.isEmpty())
                alert.evidence = withPreviousValues(alert, signal.evidence);
            if (!signal.title.isEmpty())
                alert.title = signal.title;
            if (!signal.resultStatus.isEmpty())
                alert.resultStatus = signal.resultStatus;
            alert.severity = signal.severity;
            alert.expiresAtMs = expiryFor(alert.createdAtMs, alert.category, alert.severity, signal.maxAgeMs);

            QStringList parts;
            if (oldSeverity != alert.severity)
                parts.append(u"severity "_s % AlertNames::severity(oldSeverity) % u" → "_s
                             % AlertNames::severity(alert.severity));
            if (signal.correction && valueChanged)
                parts.append(u"corrected value "_s % oldValue % u" → "_s % newValue);
            else if (valueChanged && !signal.statusOnly)
                parts.append(u"value "_s % oldValue % u" → "_s % newValue);
            if (oldStatus != alert.resultStatus)
                parts.append(u"result status "_s % (oldStatus.isEmpty() ? u"-"_s : oldStatus) % u" → "_s
                             % alert.resultStatus % (signal.statusOnly ? u" without new values"_s : QString()));
            if (parts.isEmpty())
                parts.append(u"raised again, unchanged"_s);
            parts.append(u"count "_s + QString::number(alert.count));

            QString reason;
            if (alert.state != AlertState::Suppressed && !signal.statusOnly) {
                if (severityUp)
                    reason = u"updated"_s;
                else if (signal.correction && valueChanged)
                    reason = u"corrected"_s;
            }
            QList<Recipient> recipients;
            if (!reason.isEmpty()) {
                recipients = levelRecipients(context.policy, alert.level);
                addAcknowledger(recipients, alert);
                parts.append(u"re-paged level "_s % QString::number(alert.level) % u": "_s % recipientText(recipients));
            } else if (alert.state == AlertState::Suppressed) {
                parts.append(u"suppressed, nobody paged"_s);
            }
            record(alert, now, alert.state, u"update"_s, actor, parts.join(u"; "_s), signal.correlationId);
            if (!reason.isEmpty())
                notify(step, alert, reason, recipients, now);
            step.changed = true;
            step.deduplicated = 1;
            return result;
        }

        if (!hasLevels(context.policy)) {
            step.refusal = u"escalation policy \""_s % signal.policy % u"\" is unknown or has no levels"_s;
            return result;
        }
        const EscalationPolicy& policy = *context.policy;

        Alert alert;
        alert.ruleId = signal.ruleId;
        alert.category = signal.category;
        alert.severity = signal.severity;
        alert.state = AlertState::Open;
        alert.dedupKey = signal.dedupKey;
        alert.groupKey = signal.groupKey;
        alert.unit = signal.unit;
        alert.team = signal.team;
        alert.subject = signal.subject;
        alert.title = signal.title;
        alert.patientId = signal.patientId;
        alert.evidence = signal.evidence;
        addCorrelation(alert, signal.correlationId);
        alert.policy = signal.policy.isEmpty() ? policy.name : signal.policy;
        alert.resultStatus = signal.resultStatus;
        alert.count = 1;
        alert.createdAtMs = now;
        alert.updatedAtMs = now;
        alert.expiresAtMs = expiryFor(now, signal.category, signal.severity, signal.maxAgeMs);
        const Alert* lastClosed = context.lastClosed;
        if (lastClosed)
            alert.replacesAlertId = lastClosed->id;

        const Silence* silence = (context.silence && context.silence->isActiveAt(now)) ? context.silence : nullptr;
        qint64 cooldownEnd = 0;
        if (lastClosed && signal.cooldownMs > 0 && lastClosed->closedAtMs > 0
            && now - lastClosed->closedAtMs < signal.cooldownMs)
            cooldownEnd = lastClosed->closedAtMs + signal.cooldownMs;

        QString raiseNote = AlertNames::severity(alert.severity) % u" alert raised"_s;
        const QString value = valueText(alert.evidence);
        if (!value.isEmpty())
            raiseNote += u", value "_s + value;
        if (!alert.resultStatus.isEmpty())
            raiseNote += u", result status "_s + alert.resultStatus;
        if (lastClosed)
            raiseNote += u", follows alert "_s + QString::number(lastClosed->id);

        if (silence || cooldownEnd > 0) {
            alert.state = AlertState::Suppressed;
            QStringList why;
            if (silence) {
                alert.silenceId = silence->id;
                why.append(u"silence "_s % QString::number(silence->id) % u" until "_s % isoTime(silence->endsAtMs));
            }
            if (cooldownEnd > 0)
                why.append(u"cooldown after alert "_s % QString::number(lastClosed->id) % u" until "_s
                           % isoTime(cooldownEnd));
            alert.deadlineMs = std::max(silence ? silence->endsAtMs : 0, cooldownEnd);
            record(alert, now, AlertState::Open, u"raise"_s, actor,
                   raiseNote % u"; suppressed by "_s % why.join(u" and "_s) % u", nobody paged"_s,
                   signal.correlationId);
            step.suppressed = 1;
            step.changed = true;
        } else {
            record(alert, now, AlertState::Open, u"raise"_s, actor, raiseNote, signal.correlationId);
            pageFirstLevel(step, alert, policy, now, u"notify"_s, QString());
        }
        result.created = std::move(alert);
        return result;
    }

    case AlertSignal::Kind::Clear: {
        if (open) {
            Alert& alert = *open;
            const AlertState from = alert.state;
            const bool paged = alert.notifiedAtMs != 0 && from != AlertState::Suppressed;
            QString disposition = signal.disposition;
            if (!AlertNames::dispositions().contains(disposition))
                disposition = u"source_cleared"_s;
            addCorrelation(alert, signal.correlationId);
            const QString oldValue = valueText(alert.evidence);
            if (!signal.evidence.isEmpty())
                alert.evidence = withPreviousValues(alert, signal.evidence);
            if (!signal.resultStatus.isEmpty())
                alert.resultStatus = signal.resultStatus;
            close(alert, now, AlertState::Resolved, actor, disposition);

            QString note;
            if (disposition == u"corrected") {
                note = u"corrected to a non-critical result"_s;
                const QString newValue = valueText(alert.evidence);
                if (!newValue.isEmpty())
                    note += u": value "_s % oldValue % u" → "_s % newValue;
            } else if (disposition == u"cancelled") {
                note = u"result cancelled by the source (cannot be obtained)"_s;
            } else {
                note = u"condition cleared"_s;
            }
            QList<Recipient> recipients;
            if (paged) {
                recipients = everyonePaged(alert, context.policy);
                note += u"; told "_s + recipientText(recipients);
            } else {
                note += u"; nobody had been paged"_s;
            }
            record(alert, now, from, u"resolve"_s, actor, note, signal.correlationId);
            if (paged)
                notify(step, alert, u"resolved"_s, recipients, now);
            step.changed = true;
            return result;
        }
        // SEMANTICS.md 3.3: a correction to normal after the alert was closed still owes the person
        // who acted on it a "criticality withdrawn" notice.
        const Alert* last = context.lastClosed;
        if (signal.correction && last && !last->acknowledgedBy.isEmpty() && last->state == AlertState::Resolved
            && last->disposition != u"corrected") {
            Alert copy = *last;
            QList<Recipient> recipients{Recipient{u"user"_s, copy.acknowledgedBy}};
            QString note = u"corrected result is no longer critical"_s;
            const QString newValue = valueText(signal.evidence);
            if (!newValue.isEmpty())
                note += u": value "_s % valueText(copy.evidence) % u" → "_s % newValue;
            note += u"; told "_s + recipientText(recipients);
            addCorrelation(copy, signal.correlationId);
            record(copy, now, copy.state, u"withdraw"_s, actor, note, signal.correlationId);
            notify(step, copy, u"withdrawn"_s, recipients, now);
            result.updatedLastClosed = std::move(copy);
        }
        return result;
    }

    case AlertSignal::Kind::Retract: {
        Alert* target = open;
        if (!target && context.lastClosed && context.lastClosed->state == AlertState::Resolved) {
            result.updatedLastClosed = *context.lastClosed;
            target = &*result.updatedLastClosed;
        }
        if (!target)
            return result;
        Alert& alert = *target;
        const AlertState from = alert.state;
        const bool paged = alert.notifiedAtMs != 0;
        addCorrelation(alert, signal.correlationId);
        if (!signal.resultStatus.isEmpty())
            alert.resultStatus = signal.resultStatus;
        close(alert, now, AlertState::Retracted, actor, QString());
        QString note = u"the source says the result was wrong"_s;
        if (!alert.resultStatus.isEmpty())
            note += u" (result status "_s % alert.resultStatus % u')';
        QList<Recipient> recipients;
        if (paged) {
            recipients = everyonePaged(alert, context.policy);
            note += u"; told "_s + recipientText(recipients);
        } else {
            note += u"; nobody had been paged"_s;
        }
        record(alert, now, from, u"retract"_s, actor, note, signal.correlationId);
        if (paged)
            notify(step, alert, u"retracted"_s, recipients, now);
        step.changed = (target == open);
        return result;
    }
    }
    return result;
}

AlertStateMachine::Step AlertStateMachine::acknowledge(Alert& alert, const QString& actor, const QString& note,
                                                       const EscalationPolicy* policy)
{
    Step step;
    if (!alert.isOpen()) {
        step.refusal = refusalForClosed(alert);
        return step;
    }
    if (alert.state == AlertState::Acknowledged) {
        step.refusal = u"already acknowledged by "_s % alert.acknowledgedBy % u" at "_s % isoTime(alert.acknowledgedAtMs);
        return step;
    }
    if (alert.state == AlertState::Suppressed) {
        step.refusal = u"the alert is suppressed: nobody was paged; resolve it instead"_s;
        return step;
    }
    const qint64 now = m_clock();
    const AlertState from = alert.state;
    const QString who = actorString(actor);
    alert.state = AlertState::Acknowledged;
    alert.acknowledgedAtMs = now;
    alert.acknowledgedBy = userName(who);
    alert.acknowledgeNote = note;
    // The deadline now is the owner's: resolve by then, or it pages again (0: no such limit).
    const int ownershipSeconds = policy ? policy->acknowledgementTimeoutSeconds : 0;
    alert.deadlineMs = ownershipSeconds > 0 ? now + qint64(ownershipSeconds) * 1000 : 0;
    const QList<Recipient> recipients = everyonePaged(alert, policy);
    QString text = u"acknowledged at level "_s + QString::number(alert.level);
    if (alert.notifiedAtMs > 0)
        text += u" after "_s % QString::number((now - alert.notifiedAtMs) / 1000) % u" s"_s;
    if (!note.isEmpty())
        text += u": "_s + note;
    if (alert.deadlineMs > 0)
        text += u"; pages again at "_s % isoTime(alert.deadlineMs) % u" unless resolved"_s;
    record(alert, now, from, u"acknowledge"_s, who, text);
    notify(step, alert, u"acknowledged"_s, recipients, now);
    step.changed = true;
    return step;
}

AlertStateMachine::Step AlertStateMachine::resolve(Alert& alert, const QString& actor, const QString& disposition,
                                                   const QString& note, const EscalationPolicy* policy)
{
    Step step;
    if (!alert.isOpen()) {
        step.refusal = refusalForClosed(alert);
        return step;
    }
    const QStringList allowed = AlertNames::dispositions();
    if (disposition.isEmpty()) {
        step.refusal = u"a disposition is required: one of "_s + allowed.join(u", "_s);
        return step;
    }
    if (!allowed.contains(disposition)) {
        step.refusal = u"unknown disposition \""_s % disposition % u"\": use one of "_s % allowed.join(u", "_s);
        return step;
    }
    const qint64 now = m_clock();
    const AlertState from = alert.state;
    const bool paged = alert.notifiedAtMs != 0 && from != AlertState::Suppressed;
    const QString who = actorString(actor);
    close(alert, now, AlertState::Resolved, who, disposition);
    QString text = u"resolved as "_s + disposition;
    if (!note.isEmpty())
        text += u": "_s + note;
    QList<Recipient> recipients;
    if (paged)
        recipients = everyonePaged(alert, policy);
    record(alert, now, from, u"resolve"_s, who, text);
    if (paged)
        notify(step, alert, u"resolved"_s, recipients, now);
    step.changed = true;
    return step;
}

AlertStateMachine::Step AlertStateMachine::escalate(Alert& alert, const QString& actor, const QString& note,
                                                    const EscalationPolicy& policy)
{
    Step step;
    if (!alert.isOpen()) {
        step.refusal = refusalForClosed(alert);
        return step;
    }
    if (alert.state == AlertState::Suppressed) {
        step.refusal = u"the alert is suppressed: nobody was paged"_s;
        return step;
    }
    if (policy.levels.isEmpty()) {
        step.refusal = u"escalation policy \""_s % policy.name % u"\" has no levels"_s;
        return step;
    }
    const qint64 now = m_clock();
    QString why = u"escalated by hand"_s;
    if (alert.state == AlertState::Acknowledged)
        why += u", acknowledgement by "_s % alert.acknowledgedBy % u" cleared"_s;
    if (!note.isEmpty())
        why += u": "_s + note;
    // Re-opening: the alert is nobody's until someone acknowledges it again.
    alert.acknowledgedAtMs = 0;
    alert.acknowledgedBy.clear();
    alert.acknowledgeNote.clear();
    escalateOnce(step, alert, policy, now, actorString(actor), why);
    return step;
}

AlertStateMachine::Step AlertStateMachine::onDeadline(Alert& alert, const EscalationPolicy& policy,
                                                      qint64 stillSuppressedUntilMs)
{
    Step step;
    if (!alert.isOpen())
        return step;
    const qint64 now = m_clock();
    const QString system = u"system"_s;

    if (alert.expiresAtMs > 0 && now >= alert.expiresAtMs) {
        const AlertState from = alert.state;
        const bool paged = alert.notifiedAtMs != 0 && from != AlertState::Suppressed;
        close(alert, now, AlertState::Expired, system, QString());
        QString note = u"open longer than its maximum age"_s;
        QList<Recipient> recipients;
        if (paged) {
            recipients = pagedSoFar(alert, policy);
            note += u"; told "_s + recipientText(recipients);
        }
        record(alert, now, from, u"expire"_s, system, note);
        if (paged)
            notify(step, alert, u"expired"_s, recipients, now);
        step.changed = true;
        return step;
    }

    if (alert.deadlineMs == 0 || now < alert.deadlineMs)
        return step;

    if (alert.state == AlertState::Suppressed) {
        if (stillSuppressedUntilMs > now) {
            alert.deadlineMs = stillSuppressedUntilMs;
            record(alert, now, AlertState::Suppressed, u"suppress"_s, system,
                   u"still suppressed until "_s + isoTime(stillSuppressedUntilMs));
            step.changed = true;
            return step;
        }
        if (policy.levels.isEmpty()) {
            step.refusal = u"escalation policy \""_s % policy.name % u"\" has no levels"_s;
            return step;
        }
        const QString why = alert.silenceId ? u"silence "_s % QString::number(alert.silenceId) % u" ended; "_s
                                            : u"cooldown ended; "_s;
        alert.silenceId = 0;
        pageFirstLevel(step, alert, policy, now, u"unsuppress"_s, why);
        return step;
    }

    if (alert.state == AlertState::Acknowledged) {
        reopen(step, alert, policy, now);
        return step;
    }
    if (alert.state != AlertState::Notified && alert.state != AlertState::Escalated && alert.state != AlertState::Open)
        return step;
    if (policy.levels.isEmpty()) {
        step.refusal = u"escalation policy \""_s % policy.name % u"\" has no levels"_s;
        return step;
    }
    const int seconds = policy.levels.at(clampLevel(policy, alert.level)).ackTimeoutSeconds;
    escalateOnce(step, alert, policy, now, system,
                 u"not acknowledged within "_s % QString::number(seconds) % u" s at level "_s
                     % QString::number(alert.level));
    return step;
}

AlertStateMachine::Step AlertStateMachine::onDeliveryFailed(Alert& alert, int level, const EscalationPolicy& policy)
{
    Step step;
    if ((alert.state != AlertState::Notified && alert.state != AlertState::Escalated) || alert.level != level
        || policy.levels.isEmpty())
        return step;
    const qint64 now = m_clock();
    const QString why = u"notification to level "_s % QString::number(level) % u" failed on every channel"_s;
    if (level >= policy.levels.size() - 1) {
        // Nowhere further to go: repeating at once would page the same failing channels in a loop, so
        // record it (visible on the console) and let the normal repeat timer run.
        record(alert, now, alert.state, u"notification-failed"_s, u"system"_s,
               why % u"; no further level, next repeat at "_s % isoTime(alert.deadlineMs));
        step.changed = true;
        return step;
    }
    escalateOnce(step, alert, policy, now, u"system"_s, why);
    return step;
}

QList<Recipient> AlertStateMachine::pagedSoFar(const Alert& alert, const EscalationPolicy& policy)
{
    QList<Recipient> out;
    if (!policy.levels.isEmpty()) {
        const int upTo = clampLevel(policy, alert.level);
        for (int i = 0; i <= upTo; ++i) {
            for (const Recipient& r : policy.levels.at(i).recipients)
                addUnique(out, r);
        }
    }
    addAcknowledger(out, alert);
    return out;
}
