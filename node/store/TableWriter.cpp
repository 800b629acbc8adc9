#include "node/store/TableWriter.h"

#include "node/store/StoreRows.h"

void TableWriter::prepare(SqliteDatabase& db)
{
    if (prepared)
        return;
    insertMessage = db.prepare(
        "INSERT INTO messages(id, correlation_id, channel, received_at, msg_type, trigger_event, control_id, "
        "sending_app, sending_facility, hl7_version, patient_id, content_hash, state, ack_code, duplicate_of, raw, "
        "ingest_trace, unit, format, replay_of, routed_to) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, "
        "?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21)");
    insertTrace = db.prepare(StoreRows::InsertTraceEventSql);
    insertQueue = db.prepare("INSERT INTO queue(id, destination, message_id, enqueued_at) VALUES(?1, ?2, ?3, ?4)");
    insertDeadLetter = db.prepare(
        "INSERT INTO dead_letters(message_id, correlation_id, channel, destination, stage, reason, error_class, "
        "error_location, attempts, created_at, raw) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)");
    deleteQueue = db.prepare("DELETE FROM queue WHERE id = ?1");
    markResubmitted = db.prepare("UPDATE dead_letters SET state = 'resubmitted', resubmitted_as = ?2, "
                                 "resubmitted_at = ?3 WHERE id = ?1 AND state = 'open'");
    updateQueueFailure = db.prepare("UPDATE queue SET attempts = ?2, next_attempt_at = ?3, last_error = ?4 "
                                    "WHERE id = ?1");
    updateApplied = db.prepare("UPDATE meta SET value = MAX(value, ?1) WHERE key = 'journal_applied_sequence'");
    prepared = true;
}

bool TableWriter::trace(const TraceEvent& e)
{
    return insertTrace.bindText(1, e.correlationId)
        .bind(2, e.messageId)
        .bind(3, e.atUs)
        .bind(4, e.stage)
        .bind(5, e.outcome)
        .bind(6, e.destination.isEmpty() ? QString() : e.destination)
        .bind(7, e.detail.isEmpty() ? QString() : e.detail)
        .run();
}

bool TableWriter::apply(const AppliedRecord& r)
{
    if (!insertMessage.bind(1, r.messageId)
             .bindText(2, r.correlationId)
             .bind(3, r.channel)
             .bind(4, r.receivedAtMs)
             .bind(5, r.messageType)
             .bind(6, r.triggerEvent)
             .bind(7, r.controlId)
             .bind(8, r.sendingApplication)
             .bind(9, r.sendingFacility)
             .bind(10, r.version)
             .bind(11, r.patientId.isEmpty() ? QString() : r.patientId)
             .bindBlob(12, r.contentHash)
             .bind(13, r.state)
             .bind(14, r.ackCode)
             .bind(15, r.duplicateOf)
             .bindBlob(16, r.raw)
             .bindBlob(17, AppliedRecord::packEvents(r.events))
             .bind(18, r.unit.isEmpty() ? QString() : r.unit)
             .bind(19, r.format.isEmpty() ? QStringLiteral("hl7v2") : r.format)
             .bind(20, r.replayOf)
             .bind(21, AppliedRecord::routedTo(r.events))
             .run())
        return false;
    if (r.deadLetter
        && !insertDeadLetter.bind(1, r.messageId)
                .bindText(2, r.correlationId)
                .bind(3, r.channel)
                .bindNull(4)
                .bind(5, r.deadLetterStage)
                .bind(6, r.deadLetterReason)
                .bind(7, r.errorClass)
                .bind(8, r.errorLocation)
                .bind(9, 0)
                .bind(10, r.receivedAtMs)
                .bindBlob(11, r.raw)
                .run())
        return false;
    if (r.resubmitsDeadLetter != 0
        && !markResubmitted.bind(1, r.resubmitsDeadLetter).bind(2, r.messageId).bind(3, r.receivedAtMs).run())
        return false;
    for (const auto& q : r.queue) {
        if (!insertQueue.bind(1, q.first).bind(2, q.second).bind(3, r.messageId).bind(4, r.receivedAtMs).run())
            return false;
    }
    return updateApplied.bind(1, qint64(r.sequence)).run();
}
