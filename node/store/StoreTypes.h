#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

/// One timestamped step of a message's journey (DESIGN.md section 2): stored under the message's
/// correlation ID. Details never contain PHI.
struct TraceEvent
{
    QByteArray correlationId;                        ///< empty: the store fills in the message's
    qint64 messageId = 0;                            ///< 0: the store fills in the message's
    qint64 atUs = 0;                                 ///< wall clock, microseconds since the epoch
    QString stage;                                   ///< receive, parse, validate, dedup, route, persist, ack, enqueue, attempt, deliver, dead-letter
    QString outcome;                                 ///< ok, failed, duplicate, retry, ...
    QString destination;
    QString detail;
};

/// What the message path hands the store for one received message. Everything is decided before
/// the write (validation, routing, the ACK code to send); the store adds deduplication, because only
/// it knows what was committed before.
struct IngestRecord
{
    enum class Disposition { Accepted, Invalid, Unparseable };

    QString channel;
    QByteArray raw;
    QByteArray correlationId;
    qint64 receivedAtMs = 0;
    QString messageType;
    QString triggerEvent;
    QString controlId;
    QString sendingApplication;
    QString sendingFacility;
    QString version;
    QString patientId;
    QString unit;                                    ///< care unit (PV1-3.1 point of care), nurses see their units
    QString format = QStringLiteral("hl7v2");        ///< payload format: "hl7v2" or "fhir+json"
    qint64 replayOf = 0;                             ///< resubmission: the message (or dead letter's message) it replays
    qint64 resubmitsDeadLetter = 0;                  ///< the dead letter this replay resolves (marked in the same commit)
    QByteArray contentHash;                          ///< SHA-256 of the payload with normalized terminators
    Disposition disposition = Disposition::Accepted;
    QString ackCode;                                 ///< MSA-1 to send once committed ("" = none)
    bool deadLetter = false;                         ///< Invalid/Unparseable: kept in the dead-letter queue
    QString deadLetterStage;
    QString deadLetterReason;
    QString errorClass;
    QString errorLocation;
    QStringList destinations;                        ///< routing result (Accepted only)
    QList<TraceEvent> events;                        ///< steps before persisting (receive, parse, validate, route)
    qint64 dedupWindowMs = 7LL * 24 * 3600 * 1000;
};

/// One message waiting in a destination's durable FIFO queue.
struct QueuedItem
{
    qint64 queueId = 0;
    qint64 messageId = 0;
    QString destination;
    QByteArray payload;
    QByteArray correlationId;
    QString controlId;
    QString unit;                                    ///< the message's care unit (live events are scoped by it)
    qint64 receivedAtMs = 0;
    qint64 enqueuedAtMs = 0;
    int attempts = 0;
    qint64 nextAttemptAtMs = 0;
};

struct IngestOutcome
{
    bool committed = false;
    QString error;                                   ///< why the commit failed (then nothing was stored)
    qint64 messageId = 0;
    QByteArray correlationId;                        ///< a duplicate takes its original's
    bool duplicate = false;
    qint64 duplicateOf = 0;
    bool controlIdReused = false;                    ///< same (app, facility, MSH-10), different content
    QString ackCode;                                 ///< the code to answer with (a duplicate replays the stored one)
    QList<QueuedItem> enqueued;
};

/// A message as stored.
struct StoredMessage
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
    QString version;
    QString patientId;
    QString unit;
    QString format;                                  ///< "hl7v2" or "fhir+json"
    qint64 replayOf = 0;
    QString state;                                   ///< accepted, invalid, unparseable, duplicate
    QString ackCode;
    qint64 duplicateOf = 0;
    QByteArray raw;
};

struct DeadLetter
{
    qint64 id = 0;
    qint64 messageId = 0;
    QByteArray correlationId;
    QString channel;
    QString destination;                             ///< empty for ingest-stage failures
    QString stage;                                   ///< parse, validate, deliver
    QString reason;
    QString errorClass;
    QString errorLocation;
    int attempts = 0;
    qint64 createdAtMs = 0;
    QString state;                                   ///< open, resubmitted, parked
    qint64 resubmittedAs = 0;                        ///< the message ID of its replay
    qint64 parkedAtMs = 0;                           ///< parked: when (0 otherwise)
    QString parkedBy;                                ///< parked: the user who set it aside
    QString parkReason;                              ///< parked: why, as the user wrote it
    QByteArray raw;                                  ///< the original bytes
};

/// Sets dead letters aside (park: open → parked) or takes them back (unpark: parked → open); see
/// MessageStore::setParked().
struct ParkChange
{
    QList<qint64> deadLetterIds;
    bool park = true;                                ///< false: unpark
    qint64 atMs = 0;                                 ///< park: when
    QString by;                                      ///< park: the user
    QString reason;                                  ///< park: why
};

/// What MessageStore::setParked() did, item by item in the order asked.
struct ParkOutcome
{
    struct Item
    {
        qint64 deadLetterId = 0;
        bool changed = false;                        ///< it was in the state the change starts from, and moved
        QString stateBefore;                         ///< its state when the change was applied; empty: no such dead letter
        qint64 resubmittedAs = 0;                    ///< a resubmitted one: its replay
    };
    bool committed = false;
    QString error;                                   ///< why the commit failed (then nothing changed)
    QList<Item> items;
};
