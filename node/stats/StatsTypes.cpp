#include "node/stats/StatsTypes.h"

#include <QJsonArray>

#include <cmath>

using namespace Qt::StringLiterals;

namespace {

// Rates with three decimals: enough for 1 message a minute, and the stream stays compact.
double rounded(double rate)
{
    return std::round(rate * 1000.0) / 1000.0;
}

QJsonValue timeOrNull(qint64 ms)
{
    return ms > 0 ? QJsonValue(ms) : QJsonValue(QJsonValue::Null);
}

QJsonValue textOrNull(const QString& text)
{
    return text.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(text);
}

} // namespace

ChannelStats ChannelStats::fromCounters(const QString& name, const QString& kind, const ChannelCounters& counters,
                                        int connections)
{
    ChannelStats s;
    s.name = name;
    s.kind = kind;
    s.receivedTotal = counters.received;
    s.acceptedTotal = counters.accepted;
    s.rejectedTotal = counters.rejected;
    s.duplicatesTotal = counters.duplicates;
    s.deadLetteredTotal = counters.deadLettered;
    s.errorsTotal = counters.errors;
    s.connections = connections;
    s.lastReceivedAtMs = counters.lastReceivedAtMs;
    s.acksSentTotal = counters.acksSent;
    s.ackLatencySumUs = counters.ackLatencySumUs;
    return s;
}

QJsonObject ChannelStats::toJson() const
{
    return QJsonObject{
        {u"name"_s, name},
        {u"kind"_s, kind},
        {u"receivedTotal"_s, receivedTotal},
        {u"acceptedTotal"_s, acceptedTotal},
        {u"rejectedTotal"_s, rejectedTotal},
        {u"duplicatesTotal"_s, duplicatesTotal},
        {u"deadLetteredTotal"_s, deadLetteredTotal},
        {u"errorsTotal"_s, errorsTotal},
        {u"connections"_s, connections},
        {u"lastReceivedAtMs"_s, timeOrNull(lastReceivedAtMs)},
        {u"arrivalRatePerSec"_s, rounded(arrivalRatePerSec)},
    };
}

DestinationStats DestinationStats::fromCounters(const QString& name, const QString& kind,
                                                const DestinationCounters& counters)
{
    DestinationStats s;
    s.name = name;
    s.kind = kind;
    s.enqueuedTotal = counters.enqueued;
    s.deliveredTotal = counters.delivered;
    s.failedAttemptsTotal = counters.failedAttempts;
    s.deadLetteredTotal = counters.deadLettered;
    s.lastSentAtMs = counters.lastSentAtMs;
    s.lastError = counters.lastError;
    s.lastErrorAtMs = counters.lastErrorAtMs;
    return s;
}

QJsonObject DestinationStats::toJson() const
{
    return QJsonObject{
        {u"name"_s, name},
        {u"kind"_s, kind},
        {u"queueDepth"_s, queueDepth},
        {u"oldestQueuedAgeMs"_s, oldestQueuedAgeMs},
        {u"inFlight"_s, inFlight},
        {u"enqueuedTotal"_s, enqueuedTotal},
        {u"deliveredTotal"_s, deliveredTotal},
        {u"failedAttemptsTotal"_s, failedAttemptsTotal},
        {u"deadLetteredTotal"_s, deadLetteredTotal},
        {u"breakerState"_s, breakerState},
        {u"lastSentAtMs"_s, timeOrNull(lastSentAtMs)},
        {u"lastError"_s, textOrNull(lastError)},
        {u"lastErrorAtMs"_s, timeOrNull(lastErrorAtMs)},
        {u"arrivalRatePerSec"_s, rounded(arrivalRatePerSec)},
        {u"drainRatePerSec"_s, rounded(drainRatePerSec)},
    };
}

QJsonObject NodeStats::toJson() const
{
    return QJsonObject{
        {u"deadLetterDepth"_s, deadLetterDepth},
        {u"messagesStored"_s, messagesStored},
        {u"uptimeSec"_s, uptimeSec},
    };
}

QJsonObject StatsSnapshot::toJson() const
{
    QJsonArray channelArray;
    for (const ChannelStats& c : channels)
        channelArray.append(c.toJson());
    QJsonArray destinationArray;
    for (const DestinationStats& d : destinations)
        destinationArray.append(d.toJson());
    return QJsonObject{
        {u"atMs"_s, atMs},
        {u"node"_s, node.toJson()},
        {u"channels"_s, channelArray},
        {u"destinations"_s, destinationArray},
    };
}

const ChannelStats* StatsSnapshot::channel(const QString& name) const
{
    for (const ChannelStats& c : channels) {
        if (c.name == name)
            return &c;
    }
    return nullptr;
}

const DestinationStats* StatsSnapshot::destination(const QString& name) const
{
    for (const DestinationStats& d : destinations) {
        if (d.name == name)
            return &d;
    }
    return nullptr;
}
