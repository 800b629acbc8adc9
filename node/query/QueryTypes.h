#pragma once

#include "node/store/StoreTypes.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

/// A search over the node's messages, across all channels. Every set field must match.
struct MessageFilter
{
    static constexpr int DefaultLimit = 50;
    static constexpr int MaxLimit = 500;

    QByteArray correlationId;
    QString controlId; ///< MSH-10, any sender
    QString patientId; ///< PID-3.1 as stored
    QString messageType; ///< "ADT" (every trigger) or "ADT^A01"
    QString state; ///< accepted, invalid, unparseable, duplicate
    QString channel;
    QString format; ///< "hl7v2" or "fhir+json"
    qint64 fromMs = 0; ///< received at or after (ms since the epoch); 0: open
    qint64 toMs = 0; ///< received at or before; 0: open
    /// nullopt: every unit. A list, even an empty one, restricts to messages of those units (compared
    /// case-insensitively); messages without a unit are then never included. See UnitScope::of().
    std::optional<QStringList> units;
    qint64 beforeId = 0; ///< keyset cursor: MessagePage::nextCursor; 0: the newest
    int limit = DefaultLimit; ///< 1..MaxLimit
};

/// One message in a list: its header fields and where it went, without its bytes.
struct MessageSummary
{
    qint64 id = 0;
    QByteArray correlationId;
    QString channel;
    qint64 receivedAtMs = 0;
    QString messageType;
    QString triggerEvent;
    QString controlId;
    QString sendingApplication;
    QString sendingFacility;
    QString patientId;
    QString unit;
    QString state;
    QString ackCode;
    QString format;
    qint64 replayOf = 0;
    qint64 duplicateOf = 0;
    QStringList routedTo; ///< destinations it was queued for
    QStringList deliveredTo; ///< destinations that accepted it
    QStringList deadLetteredAt; ///< destinations that gave up on it (the rest of routedTo: pending)
};

struct MessagePage
{
    QList<MessageSummary> items; ///< newest first
    qint64 nextCursor = 0; ///< pass as beforeId for the next page; 0: no more
};

/// One message with everything known about it.
struct MessageDetail
{
    StoredMessage message; ///< with its raw bytes
    QList<TraceEvent> trace; ///< every event of its correlation ID, in time order
    QList<DeadLetter> deadLetters; ///< raw left empty: it is message.raw
    QList<qint64> replayedBy; ///< messages resubmitting this one (lineage); message.replayOf is its parent
    QStringList routedTo;
    QStringList deliveredTo; ///< destinations with a successful delivery of this message
};

/// A search over the dead-letter queue.
struct DeadLetterFilter
{
    QString state = QStringLiteral("open"); ///< "open", "resubmitted", "parked", or "all"
    QString stage; ///< parse, validate, deliver
    QString errorClass;
    QString channel;
    QString destination;
    QString signature; ///< DeadLetterGroup::signature: only that failure group
    std::optional<QStringList> units; ///< as MessageFilter::units, by the message's unit
    qint64 beforeId = 0;
    int limit = MessageFilter::DefaultLimit; ///< 1..MessageFilter::MaxLimit
};

/// A dead letter in a list, without its bytes, with a few fields of its message.
struct DeadLetterSummary
{
    qint64 id = 0;
    qint64 messageId = 0;
    QByteArray correlationId;
    QString channel;
    QString destination;
    QString stage;
    QString reason;
    QString errorClass;
    QString errorLocation;
    int attempts = 0;
    qint64 createdAtMs = 0;
    QString state;
    qint64 resubmittedAs = 0;
    qint64 resubmittedAtMs = 0;
    qint64 parkedAtMs = 0; ///< parked: when; 0 otherwise
    QString parkedBy;
    QString parkReason;
    QString signature; ///< its failure group
    QString unit;
    QString messageType;
    QString triggerEvent;
    QString controlId;
};

struct DeadLetterPage
{
    QList<DeadLetterSummary> items; ///< newest first
    qint64 nextCursor = 0;
};

/// Dead letters that failed the same way: same stage, error class and error location.
struct DeadLetterGroup
{
    QString signature; ///< opaque and stable; DeadLetterFilter::signature takes it back
    QString stage;
    QString errorClass;
    QString errorLocation;
    qint64 count = 0;
    qint64 firstAtMs = 0;
    qint64 lastAtMs = 0;
    QStringList destinations; ///< empty for ingest-stage failures
    QStringList channels; ///< the inbound channels its messages came in on
    QString latestReason; ///< the reason of the newest one, as an example
};
