#include "node/query/MessageQuery.h"

#include "node/store/StoreRows.h"

#include "node/query/UnitScope.h"
#include "node/store/AppliedRecord.h"

#include <QHash>

#include <algorithm>
#include <limits>

namespace {

// Without raw: lists never carry message bytes. All of them are in messages_patient_page, so a
// patient's page is read from that index alone; ingest_trace (the routing, from its enqueue events)
// is read only for rows older than routed_to (schema 4), and SQLite seeks the row only then.
constexpr const char* SummaryColumns = "id, correlation_id, channel, received_at, msg_type, trigger_event, control_id, "
                                       "sending_app, sending_facility, patient_id, unit, state, ack_code, format, "
                                       "replay_of, duplicate_of, routed_to, "
                                       "CASE WHEN routed_to IS NULL THEN ingest_trace END";

// The same columns, in the same order, as MessageStore reads a StoredMessage.
constexpr const char* MessageColumns = "id, correlation_id, channel, received_at, msg_type, trigger_event, control_id, "
                                       "sending_app, sending_facility, hl7_version, patient_id, state, ack_code, "
                                       "duplicate_of, raw, unit, format, replay_of";

const QString EnqueueStage = QStringLiteral("enqueue");
const QString DeliverStage = QStringLiteral("deliver");
const QString DeadLetterStage = QStringLiteral("dead-letter");
const QString Ok = QStringLiteral("ok");

void appendUnique(QStringList& list, const QString& value)
{
    if (!value.isEmpty() && !list.contains(value))
        list.append(value);
}

MessageSummary readSummary(const SqliteStatement& s)
{
    MessageSummary m;
    m.id = s.int64(0);
    m.correlationId = s.textUtf8(1);
    m.channel = s.text(2);
    m.receivedAtMs = s.int64(3);
    m.messageType = s.text(4);
    m.triggerEvent = s.text(5);
    m.controlId = s.text(6);
    m.sendingApplication = s.text(7);
    m.sendingFacility = s.text(8);
    m.patientId = s.text(9);
    m.unit = s.text(10);
    m.state = s.text(11);
    m.ackCode = s.text(12);
    m.format = s.text(13);
    m.replayOf = s.int64(14);
    m.duplicateOf = s.int64(15);
    m.routedTo = s.isNull(16) ? AppliedRecord::destinationsOf(AppliedRecord::unpackEvents(s.blob(17), m.correlationId, m.id))
                              : AppliedRecord::splitRoutedTo(s.text(16));
    return m;
}

StoredMessage readMessage(const SqliteStatement& s)
{
    StoredMessage m;
    m.id = s.int64(0);
    m.correlationId = s.textUtf8(1);
    m.channel = s.text(2);
    m.receivedAtMs = s.int64(3);
    m.messageType = s.text(4);
    m.triggerEvent = s.text(5);
    m.controlId = s.text(6);
    m.sendingApplication = s.text(7);
    m.sendingFacility = s.text(8);
    m.version = s.text(9);
    m.patientId = s.text(10);
    m.state = s.text(11);
    m.ackCode = s.text(12);
    m.duplicateOf = s.int64(13);
    m.raw = s.blob(14);
    m.unit = s.text(15);
    m.format = s.text(16);
    m.replayOf = s.int64(17);
    return m;
}

struct MessageType
{
    QString type;
    QString trigger; ///< empty: every trigger of the type
};

std::optional<MessageType> parseType(const QString& text)
{
    const QStringList parts = text.split(u'^');
    if (parts.size() > 3 || parts.first().isEmpty())
        return std::nullopt;
    return MessageType { parts.first(), parts.value(1) };
}

QByteArray joined(const QList<QByteArray>& terms)
{
    QByteArray out;
    for (const QByteArray& term : terms) {
        if (!out.isEmpty())
            out += " AND ";
        out += term;
    }
    return out;
}

QByteArray placeholders(QueryParams& params, const QStringList& values)
{
    QByteArray list;
    for (const QString& value : values) {
        if (!list.isEmpty())
            list += ", ";
        list += params.add(value);
    }
    return list;
}

} // namespace

bool MessageQuery::open(const QString& storePath, QString* errorString)
{
    std::lock_guard lock(m_mutex);
    m_patientTraceFrom.reset();
    return m_connection.open(storePath, errorString);
}

void MessageQuery::close()
{
    std::lock_guard lock(m_mutex);
    m_connection.close();
}

bool MessageQuery::isOpen() const
{
    return m_connection.isOpen();
}

bool MessageQuery::validate(const MessageFilter& filter, QString* errorString)
{
    QString error;
    if (filter.limit < 1 || filter.limit > MessageFilter::MaxLimit)
        error = QStringLiteral("limit must be between 1 and %1").arg(MessageFilter::MaxLimit);
    else if (filter.beforeId < 0)
        error = QStringLiteral("the cursor must not be negative");
    else if (filter.fromMs < 0 || filter.toMs < 0)
        error = QStringLiteral("times must not be negative");
    else if (filter.fromMs > 0 && filter.toMs > 0 && filter.fromMs > filter.toMs)
        error = QStringLiteral("the time range ends before it starts");
    else if (!filter.messageType.isEmpty() && !parseType(filter.messageType))
        error = QStringLiteral("the message type must read TYPE or TYPE^TRIGGER, e.g. ADT or ADT^A01");
    if (error.isEmpty())
        return true;
    if (errorString)
        *errorString = error;
    return false;
}

bool MessageQuery::idBeyond(qint64 atMs, bool after, qint64& id, QString* errorString)
{
    QueryParams params;
    const QByteArray at = params.add(atMs);
    const QByteArray sql = after
        ? QByteArray("SELECT id FROM messages INDEXED BY messages_received WHERE received_at > " + at
            + " ORDER BY received_at, id LIMIT 1")
        : QByteArray("SELECT id FROM messages INDEXED BY messages_received WHERE received_at < " + at
            + " ORDER BY received_at DESC, id DESC LIMIT 1");
    id = 0;
    return m_connection.run(
        sql, params, [&](const SqliteStatement& s) { id = s.int64(0); }, errorString);
}

bool MessageQuery::triggersOf(const QString& type, QList<std::optional<QString>>& triggers, QString* errorString)
{
    // A skip scan over messages_type: one seek per distinct trigger, however many messages each has.
    QueryParams params;
    const QByteArray typeParam = params.add(type);
    bool hasNull = false;
    if (!m_connection.run(
            "SELECT 1 FROM messages INDEXED BY messages_type WHERE msg_type = " + typeParam
                + " AND trigger_event IS NULL LIMIT 1",
            params, [&](const SqliteStatement&) { hasNull = true; }, errorString))
        return false;
    if (hasNull)
        triggers.append(std::nullopt);
    std::optional<QString> last;
    for (;;) {
        QueryParams next;
        const QByteArray t = next.add(type);
        QByteArray sql = "SELECT trigger_event FROM messages INDEXED BY messages_type WHERE msg_type = " + t;
        sql += last ? " AND trigger_event > " + next.add(*last) : QByteArray(" AND trigger_event IS NOT NULL");
        sql += " ORDER BY trigger_event LIMIT 1";
        std::optional<QString> found;
        if (!m_connection.run(
                sql, next, [&](const SqliteStatement& s) { found = s.text(0); }, errorString))
            return false;
        if (!found)
            return true;
        triggers.append(found);
        last = found;
        if (triggers.size() > MaxMergedWalks)
            return true;
    }
}

bool MessageQuery::planPage(const MessageFilter& f, PagePlan& plan, QString* errorString)
{
    // The id range: the cursor, and the time range mapped to ids through messages_received. Ids grow
    // with arrival, and a message's clock is never more than ClockSkewMs behind one that arrived
    // before it. So a message received before fromMs - skew has a smaller id than every message of
    // the range, and one received after toMs + skew a larger one: their ids bound the walk. The exact
    // time terms stay as filters; the skew costs a few extra rows walked, never a wrong or lost row.
    qint64 aboveId = 0; // exclusive; 0: none
    qint64 belowId = 0; // exclusive; 0: none
    if (f.fromMs > 0 && !idBeyond(f.fromMs - ClockSkewMs, false, aboveId, errorString))
        return false;
    if (f.toMs > 0 && !idBeyond(f.toMs + ClockSkewMs, true, belowId, errorString))
        return false;
    if (f.beforeId > 0)
        belowId = belowId > 0 ? std::min(belowId, f.beforeId) : f.beforeId;
    if (belowId > 0 && aboveId + 1 >= belowId)
        return true;

    QueryParams& p = plan.params;
    std::optional<QStringList> units;
    if (f.units) {
        units = UnitScope::normalized(*f.units);
        if (units->isEmpty())
            return true;
    }
    const auto type = f.messageType.isEmpty() ? std::nullopt : parseType(f.messageType);

    // The driving index: the first filter in order of how few rows it usually matches. Every other
    // filter is checked on the rows that walk yields.
    QByteArray index;
    QList<QByteArray> arms; // one ordered walk each, merged by id
    QList<QByteArray> rest;
    const auto term = [&](bool drive, const char* indexName, const QByteArray& sql) {
        if (drive && index.isEmpty()) {
            index = indexName;
            arms.append(sql);
        } else {
            rest.append(sql);
        }
    };
    if (!f.correlationId.isEmpty())
        term(true, "messages_correlation", "correlation_id = " + p.addText(f.correlationId));
    if (!f.controlId.isEmpty())
        term(true, "messages_dedup", "control_id = " + p.add(f.controlId));
    if (!f.patientId.isEmpty())
        term(true, "messages_patient_page", "patient_id = " + p.add(f.patientId));
    // The partial indexes hold only the rare values; the literal lets SQLite see that they apply.
    if (!f.state.isEmpty()) {
        const bool rare = f.state != u"accepted";
        term(rare, "messages_state", "state = " + p.add(f.state) + (rare ? " AND state != 'accepted'" : ""));
    }
    if (!f.format.isEmpty()) {
        const bool rare = f.format != u"hl7v2";
        term(rare, "messages_format", "format = " + p.add(f.format) + (rare ? " AND format != 'hl7v2'" : ""));
    }
    if (type && !type->trigger.isEmpty()) {
        term(true, "messages_type", "msg_type = " + p.add(type->type) + " AND trigger_event = " + p.add(type->trigger));
    } else if (type) {
        if (!index.isEmpty()) {
            rest.append("msg_type = " + p.add(type->type));
        } else {
            QList<std::optional<QString>> triggers;
            if (!triggersOf(type->type, triggers, errorString))
                return false;
            if (triggers.isEmpty())
                return true;
            index = "messages_type";
            const QByteArray typeParam = p.add(type->type);
            if (triggers.size() > MaxMergedWalks) {
                arms.append("msg_type = " + typeParam);
            } else {
                for (const auto& trigger : std::as_const(triggers))
                    arms.append(
                        "msg_type = " + typeParam + " AND trigger_event IS " + p.add(trigger.value_or(QString())));
            }
        }
    }
    if (!f.channel.isEmpty())
        term(true, "messages_channel", "channel = " + p.add(f.channel));
    if (units) {
        if (index.isEmpty() && units->size() <= MaxMergedWalks) {
            index = "messages_unit";
            for (const QString& unit : std::as_const(*units))
                arms.append("unit = " + p.add(unit) + " COLLATE NOCASE");
        } else {
            term(index.isEmpty(), "messages_unit", "unit COLLATE NOCASE IN (" + placeholders(p, *units) + ")");
        }
    }
    if (f.fromMs > 0)
        rest.append("received_at >= " + p.add(f.fromMs));
    if (f.toMs > 0)
        rest.append("received_at <= " + p.add(f.toMs));
    if (aboveId > 0)
        rest.append("id > " + p.add(aboveId));
    if (belowId > 0)
        rest.append("id < " + p.add(belowId));

    // No selective filter: the table itself, walked backwards by id.
    const QByteArray from = index.isEmpty() ? QByteArray("messages NOT INDEXED") : "messages INDEXED BY " + index;
    if (arms.isEmpty())
        arms.append(QByteArray());
    QByteArray sql;
    for (const QByteArray& arm : std::as_const(arms)) {
        if (!sql.isEmpty())
            sql += " UNION ALL ";
        QList<QByteArray> where = rest;
        if (!arm.isEmpty())
            where.prepend(arm);
        sql += QByteArray("SELECT ") + SummaryColumns + " FROM " + from;
        if (!where.isEmpty())
            sql += " WHERE " + joined(where);
    }
    // One more row than asked tells whether there is a next page.
    sql += " ORDER BY id DESC LIMIT " + p.add(qint64(f.limit) + 1);
    plan.sql = sql;
    return true;
}

qint64 MessageQuery::patientTraceFrom()
{
    if (!m_patientTraceFrom) {
        qint64 from = std::numeric_limits<qint64>::max(); // unknown: ask by message id
        QueryParams none;
        if (m_connection.run("SELECT value FROM meta WHERE key = 'patient_trace_from'", none,
                             [&](const SqliteStatement& s) { from = s.int64(0); }, nullptr))
            m_patientTraceFrom = from;
        else
            return from;
    }
    return *m_patientTraceFrom;
}

bool MessageQuery::addDeliveries(QList<MessageSummary>& items, const QString& patientId, QString* errorString)
{
    if (items.isEmpty())
        return true;
    QHash<qint64, qsizetype> rowOf;
    for (qsizetype i = 0; i < items.size(); ++i)
        rowOf.insert(items[i].id, i);
    const auto take = [&](const SqliteStatement& s) {
        const auto row = rowOf.constFind(s.int64(0));
        if (row == rowOf.cend())
            return;
        MessageSummary& m = items[*row];
        appendUnique(s.text(1) == DeliverStage ? m.deliveredTo : m.deadLetteredAt, s.text(2));
    };
    constexpr const char* Outcomes =
        "((stage = 'deliver' AND outcome = 'ok') OR stage = 'dead-letter') AND destination IS NOT NULL";

    QList<qint64> byId;
    qint64 low = 0;
    qint64 high = 0;
    const qint64 from = patientId.isEmpty() ? std::numeric_limits<qint64>::max() : patientTraceFrom();
    for (const MessageSummary& m : std::as_const(items)) {
        if (m.id < from) {
            byId.append(m.id);
        } else {
            low = low == 0 ? m.id : std::min(low, m.id);
            high = std::max(high, m.id);
        }
    }
    if (high > 0) {
        // One range of the patient's outcome rows: other messages of the patient in it are skipped.
        QueryParams params;
        const QByteArray sql = "SELECT message_id, stage, destination FROM trace_events INDEXED BY trace_patient_delivery "
                               "WHERE patient_id = " + params.add(patientId) + " AND message_id BETWEEN "
            + params.add(low) + " AND " + params.add(high) + " AND " + Outcomes;
        if (!m_connection.run(sql, params, take, errorString))
            return false;
    }
    if (byId.isEmpty())
        return true;
    QueryParams params;
    QByteArray list;
    for (const qint64 id : std::as_const(byId)) {
        if (!list.isEmpty())
            list += ", ";
        list += params.add(id);
    }
    const QByteArray sql = "SELECT message_id, stage, destination FROM trace_events INDEXED BY trace_delivery "
                           "WHERE message_id IN (" + list + ") AND " + Outcomes;
    return m_connection.run(sql, params, take, errorString);
}

std::optional<MessagePage> MessageQuery::find(const MessageFilter& filter, QString* errorString)
{
    if (!validate(filter, errorString))
        return std::nullopt;
    std::lock_guard lock(m_mutex);
    QueryConnection::Snapshot snapshot(m_connection);
    PagePlan plan;
    if (!planPage(filter, plan, errorString))
        return std::nullopt;
    MessagePage page;
    if (plan.sql.isEmpty())
        return page;
    if (!m_connection.run(
            plan.sql, plan.params, [&](const SqliteStatement& s) { page.items.append(readSummary(s)); }, errorString))
        return std::nullopt;
    if (page.items.size() > filter.limit) {
        page.items.resize(filter.limit);
        page.nextCursor = page.items.last().id;
    }
    if (!addDeliveries(page.items, filter.patientId, errorString))
        return std::nullopt;
    return page;
}

QStringList MessageQuery::explain(const MessageFilter& filter, QString* errorString)
{
    if (!validate(filter, errorString))
        return {};
    std::lock_guard lock(m_mutex);
    QueryConnection::Snapshot snapshot(m_connection);
    PagePlan plan;
    if (!planPage(filter, plan, errorString) || plan.sql.isEmpty())
        return {};
    return m_connection.explain(plan.sql, plan.params, errorString);
}

std::optional<MessageDetail> MessageQuery::message(
    qint64 id, const std::optional<QStringList>& units, QString* errorString)
{
    std::lock_guard lock(m_mutex);
    QueryConnection::Snapshot snapshot(m_connection);
    std::optional<MessageDetail> detail;
    QueryParams params;
    const QByteArray idParam = params.add(id);
    if (!m_connection.run(
            QByteArray("SELECT ") + MessageColumns + " FROM messages WHERE id = " + idParam, params,
            [&](const SqliteStatement& s) {
                detail.emplace();
                detail->message = readMessage(s);
            },
            errorString))
        return std::nullopt;
    // Out of scope reads as not found: a nurse learns nothing about other units' messages.
    if (!detail || (units && !UnitScope::contains(*units, detail->message.unit)))
        return std::nullopt;

    // The trace is read the way MessageStore::trace() reads it (ingest steps packed in the message
    // rows, later steps in trace_events), within this snapshot.
    const QByteArray& correlationId = detail->message.correlationId;
    QueryParams byCorrelation;
    const QByteArray cid = byCorrelation.addText(correlationId);
    QList<TraceEvent>& events = detail->trace;
    if (!m_connection.run(
            "SELECT id, ingest_trace FROM messages WHERE correlation_id = " + cid + " ORDER BY id", byCorrelation,
            [&](const SqliteStatement& s) {
                events += AppliedRecord::unpackEvents(s.blob(1), correlationId, s.int64(0));
            },
            errorString))
        return std::nullopt;
    if (!m_connection.run(QByteArray("SELECT ") + StoreRows::TraceEventColumns + " FROM trace_events WHERE correlation_id = "
                + cid + " ORDER BY at_us, id",
            byCorrelation, [&](const SqliteStatement& s) { events.append(StoreRows::readTraceEvent(s)); }, errorString))
        return std::nullopt;
    StoreRows::sortTrace(events);

    // Their raw bytes are the message's own, already in detail->message.raw.
    if (!m_connection.run(QByteArray("SELECT ") + StoreRows::DeadLetterColumns + " FROM dead_letters WHERE message_id = "
                + idParam + " ORDER BY id",
            params, [&](const SqliteStatement& s) { detail->deadLetters.append(StoreRows::readDeadLetter(s, false)); },
            errorString))
        return std::nullopt;
    if (!m_connection.run(
            "SELECT id FROM messages WHERE replay_of = " + idParam + " AND replay_of != 0 ORDER BY id", params,
            [&](const SqliteStatement& s) { detail->replayedBy.append(s.int64(0)); }, errorString))
        return std::nullopt;
    for (const TraceEvent& e : std::as_const(events)) {
        if (e.messageId != id)
            continue;
        if (e.stage == EnqueueStage && e.outcome == Ok)
            appendUnique(detail->routedTo, e.destination);
        else if (e.stage == DeliverStage && e.outcome == Ok)
            appendUnique(detail->deliveredTo, e.destination);
    }
    return detail;
}

std::optional<QList<MessageSummary>> MessageQuery::byCorrelation(
    const QByteArray& correlationId, const std::optional<QStringList>& units, QString* errorString)
{
    std::lock_guard lock(m_mutex);
    QueryConnection::Snapshot snapshot(m_connection);
    QList<MessageSummary> items;
    QueryParams params;
    QByteArray sql = QByteArray("SELECT ") + SummaryColumns
        + " FROM messages INDEXED BY messages_correlation WHERE correlation_id = " + params.addText(correlationId);
    if (units) {
        const QStringList scope = UnitScope::normalized(*units);
        if (scope.isEmpty())
            return items;
        sql += " AND unit COLLATE NOCASE IN (" + placeholders(params, scope) + ")";
    }
    sql += " ORDER BY id LIMIT " + params.add(qint64(MaxCorrelated));
    if (!m_connection.run(
            sql, params, [&](const SqliteStatement& s) { items.append(readSummary(s)); }, errorString)
        || !addDeliveries(items, {}, errorString))
        return std::nullopt;
    return items;
}

std::optional<bool> MessageQuery::wasDelivered(
    const QString& controlId, const QString& sendingApplication, const QString& sendingFacility, QString* errorString)
{
    std::lock_guard lock(m_mutex);
    QueryParams params;
    const QByteArray sql = "SELECT 1 FROM messages AS m INDEXED BY messages_dedup "
                           "CROSS JOIN trace_events AS t INDEXED BY trace_delivery "
                           "WHERE m.control_id = "
        + params.add(controlId) + " AND m.sending_app IS " + params.add(sendingApplication)
        + " AND m.sending_facility IS " + params.add(sendingFacility)
        + " AND t.message_id = m.id AND t.stage = 'deliver' AND t.outcome = 'ok' LIMIT 1";
    bool delivered = false;
    if (!m_connection.run(
            sql, params, [&](const SqliteStatement&) { delivered = true; }, errorString))
        return std::nullopt;
    return delivered;
}
