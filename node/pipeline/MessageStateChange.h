#pragma once

#include "node/store/StoreTypes.h"

#include <QByteArray>
#include <QMetaType>
#include <QString>

/// A message moved on (stored, delivered, dead-lettered): what the live stream tells consoles
/// ("message.state" and "deadLetter.added" events, docs/ops-api.md). Never carries message content.
struct MessageStateChange
{
    enum class Kind { Stored, Delivered, DeadLettered };
    Kind kind = Kind::Stored;
    qint64 messageId = 0;
    QByteArray correlationId;
    QString channel;
    QString state;                                   ///< Stored: accepted, invalid, unparseable, duplicate
    QString messageType;
    QString triggerEvent;
    QString unit;                                    ///< the message's care unit; empty when it has none
    QString ackCode;                                 ///< Stored: the code answered
    QString destination;                             ///< Delivered / DeadLettered at delivery
    QString stage;                                   ///< DeadLettered: parse, validate, deliver
    QString reason;                                  ///< DeadLettered: why (no PHI)
    QString errorClass;

    /// The change a committed ingest makes (accepted, duplicate, or dead-lettered at parse/validate).
    static MessageStateChange fromIngest(const IngestRecord& record, const IngestOutcome& outcome);
};

Q_DECLARE_METATYPE(MessageStateChange)
