#include "node/store/StoreSchema.h"

#include "node/store/Sqlite.h"

#include <QByteArray>

namespace {

// Version 1. Messages keep their raw bytes forever (until retention); queue rows are deleted once
// delivered (the trace keeps the history); queue IDs only grow (AUTOINCREMENT, and the journal
// assigns them in arrival order), which is the FIFO order. meta.journal_applied_sequence is the
// last journal record applied here (IngestJournal). The trace events of ingest (receive to
// persist, five to ten per message) are packed into messages.ingest_trace, one value instead of as
// many indexed rows; trace_events holds the steps after it (ack, delivery attempts, dead letters).
const char* const SchemaV1 = R"SQL(
CREATE TABLE messages(
    id INTEGER PRIMARY KEY,
    correlation_id TEXT NOT NULL,
    channel TEXT NOT NULL,
    received_at INTEGER NOT NULL,
    msg_type TEXT, trigger_event TEXT, control_id TEXT,
    sending_app TEXT, sending_facility TEXT, hl7_version TEXT, patient_id TEXT,
    content_hash BLOB,
    state TEXT NOT NULL,
    ack_code TEXT,
    duplicate_of INTEGER,
    raw BLOB NOT NULL,
    ingest_trace BLOB
);
CREATE INDEX messages_dedup ON messages(control_id, sending_app, sending_facility);
CREATE INDEX messages_correlation ON messages(correlation_id);
CREATE INDEX messages_received ON messages(received_at);
CREATE INDEX messages_patient ON messages(patient_id);
CREATE TABLE trace_events(
    id INTEGER PRIMARY KEY,
    correlation_id TEXT NOT NULL,
    message_id INTEGER,
    at_us INTEGER NOT NULL,
    stage TEXT NOT NULL,
    outcome TEXT NOT NULL,
    destination TEXT,
    detail TEXT
);
CREATE INDEX trace_by_correlation ON trace_events(correlation_id);
CREATE TABLE queue(
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    destination TEXT NOT NULL,
    message_id INTEGER NOT NULL,
    enqueued_at INTEGER NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL DEFAULT 0,
    last_error TEXT
);
CREATE INDEX queue_by_destination ON queue(destination, id);
CREATE TABLE dead_letters(
    id INTEGER PRIMARY KEY,
    message_id INTEGER NOT NULL,
    correlation_id TEXT NOT NULL,
    channel TEXT,
    destination TEXT,
    stage TEXT NOT NULL,
    reason TEXT NOT NULL,
    error_class TEXT,
    error_location TEXT,
    attempts INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL,
    state TEXT NOT NULL DEFAULT 'open',
    raw BLOB NOT NULL
);
CREATE INDEX dead_letters_created ON dead_letters(created_at);
CREATE TABLE meta(key TEXT PRIMARY KEY, value INTEGER NOT NULL);
INSERT INTO meta(key, value) VALUES('journal_applied_sequence', 0);
)SQL";

// Version 2 (the ops API): the care unit a message belongs to (nurses see their units), its payload
// format (HL7 v2 or FHIR JSON), resubmission lineage (replay_of; 0 = an original), the dead
// letter's replay, and the indexes the API's searches need (every search is one index range walked
// in id order, newest first, so a page costs the same at 10 million rows as at ten).
// SQLite appends the rowid to every index entry, so an equality on an index's columns yields ids in
// order and takes an id range (keyset cursor, time range) in the same seek (node/query). Units
// compare case-insensitively, like Principal::maySee. State and format index only their rare values:
// a search for the common one walks the table by id instead, where nearly every row matches.
// dead_letters_groups covers the failure-group counts (no row reads); trace_by_message finds the
// deliveries of a page of messages, whose ids are neighbours, in a few adjacent index pages (the
// correlation index would need one random page per message).
const char* const SchemaV2 = R"SQL(
ALTER TABLE messages ADD COLUMN unit TEXT;
ALTER TABLE messages ADD COLUMN format TEXT NOT NULL DEFAULT 'hl7v2';
ALTER TABLE messages ADD COLUMN replay_of INTEGER NOT NULL DEFAULT 0;
ALTER TABLE dead_letters ADD COLUMN resubmitted_as INTEGER NOT NULL DEFAULT 0;
ALTER TABLE dead_letters ADD COLUMN resubmitted_at INTEGER;
CREATE INDEX messages_replay ON messages(replay_of) WHERE replay_of != 0;
CREATE INDEX dead_letters_message ON dead_letters(message_id);
CREATE INDEX messages_type ON messages(msg_type, trigger_event) WHERE msg_type IS NOT NULL;
CREATE INDEX messages_unit ON messages(unit COLLATE NOCASE) WHERE unit IS NOT NULL;
CREATE INDEX messages_channel ON messages(channel);
CREATE INDEX messages_state ON messages(state) WHERE state != 'accepted';
CREATE INDEX messages_format ON messages(format) WHERE format != 'hl7v2';
CREATE INDEX dead_letters_state ON dead_letters(state);
CREATE INDEX dead_letters_signature ON dead_letters(stage, error_class, error_location);
CREATE INDEX dead_letters_destination ON dead_letters(destination);
CREATE INDEX dead_letters_groups ON dead_letters(state, stage, error_class, error_location, destination, channel,
                                                 created_at);
CREATE INDEX trace_by_message ON trace_events(message_id);
)SQL";

// Version 3 (issue 6, the console's "park a group"): a dead letter can be set aside ('parked') by an
// admin — a test message, a known-bad feed — so nobody resubmits it, without deleting it. Who, when
// and why stay on the row while it is parked (the audit log keeps them for good). No new index:
// dead_letters_state and dead_letters_groups already lead with the state.
const char* const SchemaV3 = R"SQL(
ALTER TABLE dead_letters ADD COLUMN parked_at INTEGER;
ALTER TABLE dead_letters ADD COLUMN parked_by TEXT;
ALTER TABLE dead_letters ADD COLUMN park_reason TEXT;
)SQL";

// Version 4 (issue 3, a patient's messages at 10 million rows): a page of one patient's messages
// must not cost one random read per row. messages_patient_page holds every column of a list row
// (node/query SummaryColumns) in (patient_id, id) order, so the page is a few adjacent index pages;
// routed_to (the destinations the message was queued for, joined by U+001F; '' for none) replaces
// unpacking ingest_trace for the list, which stays the fallback for rows written before version 4
// (routed_to NULL). A delivery's outcome row in trace_events carries its message's patient, so
// trace_patient_delivery has a patient page's deliveries side by side; meta.patient_trace_from is
// the first message id whose outcomes all have it (older ones are found through trace_delivery,
// which answers the same question by message id for any page). Messages rows are never updated, so
// each index entry is written once.
const char* const SchemaV4 = R"SQL(
ALTER TABLE messages ADD COLUMN routed_to TEXT;
CREATE INDEX messages_patient_page ON messages(patient_id, id, correlation_id, channel, received_at, msg_type,
    trigger_event, control_id, sending_app, sending_facility, unit, state, ack_code, format, replay_of, duplicate_of,
    routed_to);
DROP INDEX messages_patient;
CREATE INDEX trace_delivery ON trace_events(message_id, stage, outcome, destination);
DROP INDEX trace_by_message;
ALTER TABLE trace_events ADD COLUMN patient_id TEXT;
CREATE INDEX trace_patient_delivery ON trace_events(patient_id, message_id, stage, outcome, destination)
    WHERE patient_id IS NOT NULL;
INSERT INTO meta(key, value) SELECT 'patient_trace_from', COALESCE(MAX(id), 0) + 1 FROM messages;
)SQL";

int userVersion(SqliteDatabase& db)
{
    auto stmt = db.prepare("PRAGMA user_version");
    return stmt.next() ? int(stmt.int64(0)) : -1;
}

} // namespace

bool StoreSchema::migrate(SqliteDatabase& db, QString* errorString)
{
    const int version = userVersion(db);
    if (version < 0) {
        if (errorString)
            *errorString = QStringLiteral("cannot read the store's schema version: %1").arg(db.lastError());
        return false;
    }
    if (version > CurrentVersion) {
        if (errorString)
            *errorString = QStringLiteral("the store was written by a newer vigil-node (schema %1, this one knows %2)")
                               .arg(version)
                               .arg(CurrentVersion);
        return false;
    }
    if (version == CurrentVersion)
        return true;
    QString error;
    if (!db.exec("BEGIN IMMEDIATE", &error)) {
        if (errorString)
            *errorString = error;
        return false;
    }
    bool ok = true;
    if (version < 1)
        ok = db.exec(SchemaV1, &error);
    if (ok && version < 2)
        ok = db.exec(SchemaV2, &error);
    if (ok && version < 3)
        ok = db.exec(SchemaV3, &error);
    if (ok && version < 4)
        ok = db.exec(SchemaV4, &error);
    if (ok)
        ok = db.exec(QByteArray("PRAGMA user_version = " + QByteArray::number(CurrentVersion)).constData(), &error);
    if (ok)
        ok = db.exec("COMMIT", &error);
    if (!ok) {
        db.exec("ROLLBACK");
        if (errorString)
            *errorString = QStringLiteral("cannot create the store's tables: %1").arg(error);
    }
    return ok;
}
