#include "models/alerts/OperationalRuleEvaluator.h"

#include <QSet>

#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;

namespace {

using Kind = OperationalRuleConfig::Kind;

// Weight of one new gap in the channel's usual gap. Small enough that one long lull (a night shift)
// does not redefine "usual", large enough to follow a feed whose rate changes over the day.
constexpr double GapWeight = 0.1;

/// "45 s", "5 min", "2 h 10 min": coarse on purpose, it is read on a pager.
QString formatDuration(qint64 ms)
{
    ms = std::max<qint64>(ms, 0);
    if (ms < 60'000)
        return QString::number(ms / 1000) + u" s";
    const qint64 minutes = ms / 60'000;
    if (minutes < 60)
        return QString::number(minutes) + u" min";
    const qint64 hours = minutes / 60;
    const qint64 rest = minutes % 60;
    if (rest == 0)
        return QString::number(hours) + u" h";
    return QString::number(hours) + u" h " + QString::number(rest) + u" min";
}

/// "2.4 s", "2 s", "850 ms": latencies need the decimal.
QString formatLatency(double ms)
{
    if (ms < 1000)
        return QString::number(qRound64(ms)) + u" ms";
    if (ms < 10'000)
        return QString::number(ms / 1000.0, 'g', 2) + u" s";
    return QString::number(qRound64(ms / 1000.0)) + u" s";
}

QString subjectFor(Kind kind, const QString& target)
{
    switch (kind) {
    case Kind::QueueDepth:
    case Kind::DestinationDown:
        return u"destination "_s + target;
    case Kind::AckLatency:
    case Kind::ChannelSilent:
        return u"channel "_s + target;
    case Kind::DeadLetterGrowth:
        return u"node"_s;
    }
    return target;
}

bool targetMatches(const QString& pattern, const QString& name)
{
    return pattern == u"*" || pattern == name;
}

/// New dead letters between consecutive samples, summed from index `from` on. A counter that goes
/// backwards was reset (the node restarted with a fresh count): what it shows now is all new, as
/// Prometheus' increase() reads counters.
qint64 growthSince(const QList<QPair<qint64, qint64>>& history, qsizetype from)
{
    qint64 growth = 0;
    for (qsizetype i = from + 1; i < history.size(); ++i) {
        const qint64 before = history.at(i - 1).second;
        const qint64 now = history.at(i).second;
        growth += now >= before ? now - before : now;
    }
    return growth;
}

} // namespace

OperationalRuleEvaluator::OperationalRuleEvaluator(QList<OperationalRuleConfig> rules)
    : m_rules(std::move(rules))
{
}

QList<AlertSignal> OperationalRuleEvaluator::evaluate(const OperationalSample& sample)
{
    QList<AlertSignal> signalList;
    const qint64 now = sample.atMs;

    auto makeSignal = [](const OperationalRuleConfig& rule, const QString& target, AlertSignal::Kind kind) {
        AlertSignal signal;
        signal.kind = kind;
        signal.ruleId = rule.common.id;
        signal.category = AlertCategory::Operational;
        signal.severity = rule.common.severity;
        signal.dedupKey = QString(rule.common.id + u'|' + target).toUtf8();
        signal.subject = subjectFor(rule.kind, target);
        signal.groupKey = signal.subject.toUtf8();
        signal.team = rule.common.team.isEmpty() ? u"support"_s : rule.common.team;
        signal.policy = rule.common.policy;
        signal.cooldownMs = qint64(rule.common.cooldownSeconds) * 1000;
        signal.maxAgeMs = qint64(rule.common.maxAgeSeconds) * 1000;
        if (kind == AlertSignal::Kind::Clear)
            signal.disposition = u"source_cleared"_s;
        return signal;
    };

    QSet<QString> seen;
    // One step of the shared "held for forSeconds" logic; `describe` fills title and evidence.
    auto step = [&](const OperationalRuleConfig& rule, const QString& target, TargetState& state, bool holds,
                    auto describe) {
        if (holds) {
            if (state.holdingSinceMs == 0)
                state.holdingSinceMs = std::max<qint64>(now, 1); // 0 means "not holding"
            if (now - state.holdingSinceMs >= qint64(rule.forSeconds) * 1000) {
                AlertSignal signal = makeSignal(rule, target, AlertSignal::Kind::Raise);
                describe(signal);
                signal.evidence.insert(u"holdingSinceMs"_s, state.holdingSinceMs);
                signal.evidence.insert(u"forSeconds"_s, rule.forSeconds);
                state.raised = true;
                signalList.append(signal);
            }
            return;
        }
        if (state.raised) {
            // The figures that ended it, under the title of what it was about.
            AlertSignal signal = makeSignal(rule, target, AlertSignal::Kind::Clear);
            describe(signal);
            signal.title = signal.subject + u": back to normal";
            state.raised = false;
            signalList.append(signal);
        }
        state.holdingSinceMs = 0;
    };
    auto stateFor = [&](const OperationalRuleConfig& rule, const QString& target) -> TargetState& {
        const QString key = rule.common.id + u'|' + target;
        seen.insert(key);
        return m_state[key];
    };

    // Dead-letter history: keep the samples of the longest window plus the one just before it (the
    // baseline the window's growth is counted from).
    qint64 longestWindowMs = -1;
    for (const OperationalRuleConfig& rule : std::as_const(m_rules)) {
        if (rule.kind == Kind::DeadLetterGrowth)
            longestWindowMs = std::max(longestWindowMs, qint64(std::max(rule.windowSeconds, 0)) * 1000);
    }
    if (longestWindowMs >= 0) {
        m_deadLetterHistory.append({now, sample.deadLettersTotal});
        while (m_deadLetterHistory.size() > 1 && m_deadLetterHistory.at(1).first <= now - longestWindowMs)
            m_deadLetterHistory.removeFirst();
    }

    for (const OperationalRuleConfig& rule : std::as_const(m_rules)) {
        switch (rule.kind) {
        case Kind::QueueDepth:
            for (const OperationalSample::Destination& d : sample.destinations) {
                if (!targetMatches(rule.target, d.name))
                    continue;
                TargetState& state = stateFor(rule, d.name);
                const bool holds = d.queueDepth > rule.threshold;
                step(rule, d.name, state, holds, [&](AlertSignal& s) {
                    s.title = u"Queue to "_s + d.name + u" above " + QString::number(rule.threshold) + u" for "
                            + formatDuration(now - state.holdingSinceMs) + u" (" + QString::number(d.queueDepth)
                            + u" waiting)";
                    s.evidence.insert(u"destination"_s, d.name);
                    s.evidence.insert(u"queueDepth"_s, d.queueDepth);
                    s.evidence.insert(u"threshold"_s, rule.threshold);
                    s.evidence.insert(u"oldestQueuedAgeMs"_s, d.oldestQueuedAgeMs);
                    s.evidence.insert(u"breakerState"_s, d.breakerState);
                });
            }
            break;
        case Kind::DestinationDown:
            for (const OperationalSample::Destination& d : sample.destinations) {
                if (!targetMatches(rule.target, d.name))
                    continue;
                TargetState& state = stateFor(rule, d.name);
                // Failing with work waiting and nothing delivered since: down even if the breaker has
                // not tripped yet (or the destination has no breaker).
                const bool holds = d.breakerState == u"open"
                                   || (d.lastErrorAtMs > d.lastSentAtMs && d.queueDepth > 0);
                step(rule, d.name, state, holds, [&](AlertSignal& s) {
                    s.title = u"Destination "_s + d.name + u" down for " + formatDuration(now - state.holdingSinceMs);
                    s.evidence.insert(u"destination"_s, d.name);
                    s.evidence.insert(u"breakerState"_s, d.breakerState);
                    s.evidence.insert(u"lastError"_s, d.lastError);
                    s.evidence.insert(u"lastErrorAtMs"_s, d.lastErrorAtMs);
                    s.evidence.insert(u"lastSentAtMs"_s, d.lastSentAtMs);
                    s.evidence.insert(u"queueDepth"_s, d.queueDepth);
                });
            }
            break;
        case Kind::DeadLetterGrowth: {
            const QString target = u"node"_s;
            TargetState& state = stateFor(rule, target);
            const qint64 windowMs = qint64(std::max(rule.windowSeconds, 0)) * 1000;
            qsizetype from = 0;
            while (from + 1 < m_deadLetterHistory.size() && m_deadLetterHistory.at(from + 1).first <= now - windowMs)
                ++from;
            const qint64 growth = growthSince(m_deadLetterHistory, from);
            // A threshold of 0 would hold on every quiet sample; one dead letter is the least that is news.
            const bool holds = growth >= std::max<qint64>(rule.threshold, 1);
            step(rule, target, state, holds, [&](AlertSignal& s) {
                s.title = QString::number(growth) + (growth == 1 ? u" new dead letter in "_s : u" new dead letters in "_s)
                        + formatDuration(windowMs);
                s.evidence.insert(u"newDeadLetters"_s, growth);
                s.evidence.insert(u"threshold"_s, rule.threshold);
                s.evidence.insert(u"windowSeconds"_s, rule.windowSeconds);
                s.evidence.insert(u"deadLettersTotal"_s, sample.deadLettersTotal);
            });
            break;
        }
        case Kind::AckLatency:
            for (const OperationalSample::Channel& c : sample.channels) {
                if (!targetMatches(rule.target, c.name))
                    continue;
                TargetState& state = stateFor(rule, c.name);
                const qint64 acks = c.acksSentTotal - state.lastAcks;
                const qint64 sumMs = c.ackLatencySumMs - state.lastAckSumMs;
                // First sight of the channel, or counters reset by a restart: no interval to judge yet.
                const bool comparable = state.lastAcks >= 0 && acks >= 0 && sumMs >= 0;
                state.lastAcks = c.acksSentTotal;
                state.lastAckSumMs = c.ackLatencySumMs;
                // An interval without ACKs says nothing about latency; we count it as not holding, so a
                // breach must show in every sample for forSeconds. The price: a channel with less than
                // one message per sample rarely reaches forSeconds; its slow ACKs still show in the stats.
                const double meanMs = comparable && acks > 0 ? double(sumMs) / double(acks) : 0.0;
                const bool holds = comparable && acks > 0 && meanMs > rule.thresholdMs;
                step(rule, c.name, state, holds, [&](AlertSignal& s) {
                    s.title = u"Channel "_s + c.name + u" ACK latency " + formatLatency(meanMs) + u" (limit "
                            + formatLatency(rule.thresholdMs) + u')';
                    s.evidence.insert(u"channel"_s, c.name);
                    s.evidence.insert(u"meanAckLatencyMs"_s, qRound64(meanMs));
                    s.evidence.insert(u"thresholdMs"_s, rule.thresholdMs);
                    s.evidence.insert(u"acks"_s, comparable ? acks : 0);
                });
            }
            break;
        case Kind::ChannelSilent:
            for (const OperationalSample::Channel& c : sample.channels) {
                if (!targetMatches(rule.target, c.name))
                    continue;
                TargetState& state = stateFor(rule, c.name);
                const qint64 fresh = c.receivedTotal - state.lastReceivedTotal;
                // Only arrivals after one we already saw tell a gap: the first message (or the first
                // after a counter reset) has no predecessor to measure from.
                if (state.lastReceivedTotal >= 0 && fresh > 0 && state.lastReceivedAtMs > 0
                    && c.lastReceivedAtMs >= state.lastReceivedAtMs) {
                    // Messages inside one sample interval are spread evenly over it: n gaps of interval/n.
                    const double gap = double(c.lastReceivedAtMs - state.lastReceivedAtMs) / double(fresh);
                    const double weight = 1.0 - std::pow(1.0 - GapWeight, double(std::min<qint64>(fresh, 1000)));
                    state.usualGapMs = state.gapsSeen == 0 ? gap : state.usualGapMs + weight * (gap - state.usualGapMs);
                    state.gapsSeen += fresh;
                }
                state.lastReceivedTotal = c.receivedTotal;
                state.lastReceivedAtMs = c.lastReceivedAtMs;

                const qint64 limitMs = std::max<qint64>(qint64(rule.minSilentSeconds) * 1000,
                                                        qRound64(rule.silenceFactor * state.usualGapMs));
                const qint64 silentMs = c.lastReceivedAtMs > 0 ? now - c.lastReceivedAtMs : 0;
                const bool holds = state.gapsSeen >= std::max(rule.minMessagesForSilence, 1) && c.lastReceivedAtMs > 0
                                   && silentMs > limitMs;
                step(rule, c.name, state, holds, [&](AlertSignal& s) {
                    s.title = u"Channel "_s + c.name + u" silent for " + formatDuration(silentMs) + u" (usually every "
                            + formatDuration(qRound64(state.usualGapMs)) + u')';
                    s.evidence.insert(u"channel"_s, c.name);
                    s.evidence.insert(u"silentForMs"_s, silentMs);
                    s.evidence.insert(u"usualGapMs"_s, qRound64(state.usualGapMs));
                    s.evidence.insert(u"limitMs"_s, limitMs);
                    s.evidence.insert(u"lastReceivedAtMs"_s, c.lastReceivedAtMs);
                    s.evidence.insert(u"messagesLearned"_s, state.gapsSeen);
                });
            }
            break;
        }
    }

    // Targets gone from the samples (destination removed, channel renamed): clear what they raised
    // and forget what was learnt about them.
    for (auto it = m_state.begin(); it != m_state.end();) {
        if (seen.contains(it.key())) {
            ++it;
            continue;
        }
        const OperationalRuleConfig* owner = nullptr;
        for (const OperationalRuleConfig& rule : std::as_const(m_rules)) {
            const QString prefix = rule.common.id + u'|';
            // Longest prefix: a rule id "a" must not claim the targets of a rule id "a|b".
            if (it.key().startsWith(prefix) && (!owner || rule.common.id.size() > owner->common.id.size()))
                owner = &rule;
        }
        if (owner && it->raised) {
            const QString target = it.key().mid(owner->common.id.size() + 1);
            AlertSignal signal = makeSignal(*owner, target, AlertSignal::Kind::Clear);
            signal.title = signal.subject + u": no longer reported";
            signal.evidence.insert(u"reason"_s, u"target no longer reported"_s);
            signalList.append(signal);
        }
        it = m_state.erase(it);
    }
    return signalList;
}
