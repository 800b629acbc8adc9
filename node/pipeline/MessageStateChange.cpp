#include "node/pipeline/MessageStateChange.h"

MessageStateChange MessageStateChange::fromIngest(const IngestRecord& record, const IngestOutcome& outcome)
{
    MessageStateChange change;
    change.messageId = outcome.messageId;
    change.correlationId = outcome.correlationId;
    change.channel = record.channel;
    change.messageType = record.messageType;
    change.triggerEvent = record.triggerEvent;
    change.unit = record.unit;
    change.ackCode = outcome.ackCode;
    if (outcome.duplicate) {
        change.state = QStringLiteral("duplicate");
    } else if (record.deadLetter) {
        change.kind = MessageStateChange::Kind::DeadLettered;
        change.state = record.disposition == IngestRecord::Disposition::Unparseable ? QStringLiteral("unparseable")
                                                                                     : QStringLiteral("invalid");
        change.stage = record.deadLetterStage;
        change.reason = record.deadLetterReason;
        change.errorClass = record.errorClass;
    } else {
        change.state = QStringLiteral("accepted");
    }
    return change;
}

