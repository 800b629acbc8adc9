#include "node/pipeline/AcceptedMessage.h"

AcceptedMessage AcceptedMessage::fromIngest(const IngestRecord& record, const IngestOutcome& outcome)
{
    AcceptedMessage m;
    m.messageId = outcome.messageId;
    m.correlationId = outcome.correlationId.isEmpty() ? record.correlationId : outcome.correlationId;
    m.channel = record.channel;
    m.format = record.format;
    m.messageType = record.messageType;
    m.triggerEvent = record.triggerEvent;
    m.unit = record.unit;
    m.raw = record.raw;
    m.receivedAtMs = record.receivedAtMs;
    return m;
}
