#pragma once

#include "node/store/StoreTypes.h"

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>

#include <optional>

/// A message as it goes into the journal and then into the tables: every decision made, every ID
/// assigned, so applying it (now, or after a crash) is deterministic.
struct AppliedRecord
{
    qint64 messageId = 0;
    QByteArray correlationId;
    QString channel;
    qint64 receivedAtMs = 0;
    QString messageType, triggerEvent, controlId, sendingApplication, sendingFacility, version, patientId;
    QString unit;                                    ///< care unit (PV1-3.1), for nurses' scope
    QString format;                                  ///< "hl7v2" or "fhir+json"
    qint64 replayOf = 0;                             ///< the message this one resubmits (lineage)
    qint64 resubmitsDeadLetter = 0;                  ///< dead letter marked resubmitted by this record
    QByteArray contentHash;
    QString state;
    QString ackCode;
    qint64 duplicateOf = 0;
    QByteArray raw;
    bool deadLetter = false;
    QString deadLetterStage, deadLetterReason, errorClass, errorLocation;
    QList<QPair<qint64, QString>> queue;             ///< queue ID, destination
    QList<TraceEvent> events;

    quint64 sequence = 0;                            ///< journal sequence number (not serialized)

    QByteArray serialize() const;
    /// Appends serialize()'s bytes to `out` (the journal's buffer: no copy of its own).
    void serializeInto(QByteArray& out) const;
    /// The ingest events, packed for messages.ingest_trace (correlation and message ID left out:
    /// they are the row's).
    static QByteArray packEvents(const QList<TraceEvent>& events);
    static QList<TraceEvent> unpackEvents(const QByteArray& packed, const QByteArray& correlationId, qint64 messageId);
    static std::optional<AppliedRecord> deserialize(const QByteArray& bytes);
    /// The destinations the ingest steps queued the message for (enqueue ok), in order, each once.
    static QStringList destinationsOf(const QList<TraceEvent>& events);
    /// destinationsOf() as messages.routed_to stores it: joined by U+001F, '' for none (never null,
    /// which marks a row written before the column existed).
    static QString routedTo(const QList<TraceEvent>& events);
    static QStringList splitRoutedTo(const QString& stored);
};
