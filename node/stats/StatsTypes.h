#pragma once

#include <QJsonObject>
#include <QList>
#include <QMetaType>
#include <QString>

// The node's current stats (issue 3: "current stats per channel and destination"). Plain values:
// the counters live in the channel and queue objects, the sampler adds rates and the time, the ops
// API and the live stream send toJson(). Field names of toJson() are the contract in docs/ops-api.md.

/// Running totals an inbound channel keeps about itself (MLLP or FHIR). Each received message ends as
/// exactly one of accepted, duplicate, dead-lettered or not stored (counted in errors); rejected counts
/// the negative acknowledgements, whatever the reason, so it overlaps the others.
struct ChannelCounters
{
    qint64 received = 0;                             ///< complete messages (frames, requests) received
    qint64 accepted = 0;                             ///< committed and routed on
    qint64 rejected = 0;                             ///< answered negatively (AE/AR/CE/CR, HTTP 4xx/5xx)
    qint64 duplicates = 0;                           ///< recognised as already received, not processed again
    qint64 deadLettered = 0;                         ///< committed straight to the dead-letter queue (invalid)
    qint64 errors = 0;                               ///< framing/transport errors and messages not stored
    qint64 lastReceivedAtMs = 0;                     ///< wall clock, 0 = never
    qint64 acksSent = 0;                             ///< messages answered (once each, whatever the mode)
    qint64 ackLatencySumUs = 0;                      ///< sum over those of last byte in → answer written
};

/// Running totals a destination queue keeps about itself.
struct DestinationCounters
{
    qint64 enqueued = 0;                             ///< entries added to the queue since start (not recovered ones)
    qint64 delivered = 0;
    qint64 failedAttempts = 0;                       ///< attempts that did not deliver (transient or permanent)
    qint64 deadLettered = 0;                         ///< entries moved to the dead-letter queue
    qint64 lastSentAtMs = 0;                         ///< wall clock of the last delivery, 0 = never
    qint64 lastErrorAtMs = 0;                        ///< wall clock of the last failed attempt, 0 = never
    QString lastError;                               ///< "errorClass: detail" of the last failed attempt, no PHI
};

/// One inbound channel at one instant.
struct ChannelStats
{
    QString name;
    QString kind;                                    ///< "mllp" | "fhir"
    qint64 receivedTotal = 0;
    qint64 acceptedTotal = 0;
    qint64 rejectedTotal = 0;
    qint64 duplicatesTotal = 0;
    qint64 deadLetteredTotal = 0;
    qint64 errorsTotal = 0;
    int connections = 0;                             ///< open connections (MLLP); 0 for FHIR
    qint64 lastReceivedAtMs = 0;                     ///< 0 = never (JSON null)
    double arrivalRatePerSec = 0;                    ///< received, over the sampler's rate window
    qint64 acksSentTotal = 0;                        ///< not in toJson(): the alert rules diff these
    qint64 ackLatencySumUs = 0;

    static ChannelStats fromCounters(const QString& name, const QString& kind, const ChannelCounters& counters,
                                     int connections);
    QJsonObject toJson() const;
};

/// One destination at one instant.
struct DestinationStats
{
    QString name;
    QString kind;                                    ///< "mllp" | "http" | "file"
    qint64 queueDepth = 0;
    qint64 oldestQueuedAgeMs = 0;                    ///< age of the head of the queue, 0 when empty
    int inFlight = 0;                                ///< attempts outstanding (0 or 1: one at a time keeps order)
    qint64 enqueuedTotal = 0;
    qint64 deliveredTotal = 0;
    qint64 failedAttemptsTotal = 0;
    qint64 deadLetteredTotal = 0;
    QString breakerState = QStringLiteral("closed"); ///< "closed" | "open" | "half-open"
    qint64 lastSentAtMs = 0;                         ///< 0 = never (JSON null)
    QString lastError;                               ///< empty = none (JSON null); never PHI
    qint64 lastErrorAtMs = 0;                        ///< 0 = never (JSON null)
    double arrivalRatePerSec = 0;                    ///< enqueued, over the sampler's rate window
    double drainRatePerSec = 0;                      ///< delivered, over the sampler's rate window

    static DestinationStats fromCounters(const QString& name, const QString& kind, const DestinationCounters& counters);
    QJsonObject toJson() const;
};

/// Node-wide figures.
struct NodeStats
{
    qint64 deadLetterDepth = 0;                      ///< open dead letters
    qint64 messagesStored = 0;
    qint64 uptimeSec = 0;

    QJsonObject toJson() const;
};

/// Everything the node reports once a second.
struct StatsSnapshot
{
    qint64 atMs = 0;                                 ///< wall clock of the sample
    QList<ChannelStats> channels;
    QList<DestinationStats> destinations;
    NodeStats node;

    QJsonObject toJson() const;
    const ChannelStats* channel(const QString& name) const;
    const DestinationStats* destination(const QString& name) const;
};

Q_DECLARE_METATYPE(StatsSnapshot)
