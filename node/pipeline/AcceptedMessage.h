#pragma once

#include "node/store/StoreTypes.h"

#include <QByteArray>
#include <QMetaType>
#include <QString>

#include <memory>

class Hl7Message;

/// A message committed as accepted (not a duplicate, not dead-lettered), with its bytes: what the
/// clinical alert rules look at (DESIGN.md section 3). Handed over in-process right after the
/// commit, so a critical result reaches the alert service without a second read of the store.
struct AcceptedMessage
{
    qint64 messageId = 0;
    QByteArray correlationId;
    QString channel;
    QString format;                                  ///< "hl7v2" | "fhir+json"
    QString messageType;
    QString triggerEvent;
    QString unit;
    QByteArray raw;
    qint64 receivedAtMs = 0;
    /// The message as the channel parsed it, when it did (HL7 v2): spares the rules a second parse
    /// on the ingest thread. Null when only the raw bytes are at hand (recovery, FHIR).
    std::shared_ptr<const Hl7Message> parsed;

    static AcceptedMessage fromIngest(const IngestRecord& record, const IngestOutcome& outcome);
};

Q_DECLARE_METATYPE(AcceptedMessage)
