#include "node/pipeline/Resubmitter.h"

#include "models/hl7/Hl7Diff.h"
#include "models/hl7/Hl7Message.h"
#include "models/routing/RouteTable.h"
#include "node/config/NodeConfig.h"
#include "node/fhir/FhirIngest.h"
#include "node/pipeline/IngestProcessor.h"
#include "node/store/MessageStore.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QPointer>

#include <algorithm>
#include <memory>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcResubmit, "vigil.node.resubmit")

namespace {

const QString Hl7Format = u"hl7v2"_s;
const QString FhirFormat = u"fhir+json"_s;

QString severityName(char severity)
{
    switch (severity) {
    case 'W':
        return u"warning"_s;
    case 'I':
        return u"information"_s;
    default:
        return u"error"_s;
    }
}

QJsonArray toJson(const QStringList& list)
{
    return QJsonArray::fromStringList(list);
}

QString jsonText(const QJsonValue& value)
{
    switch (value.type()) {
    case QJsonValue::String:
        return value.toString();
    case QJsonValue::Object:
        return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
    case QJsonValue::Array:
        return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
    case QJsonValue::Bool:
        return value.toBool() ? u"true"_s : u"false"_s;
    case QJsonValue::Double:
        return QString::number(value.toDouble(), 'g', 17);
    default:
        return u"null"_s;
    }
}

QJsonObject change(const QString& path, const QString& kind, const QJsonValue* before, const QJsonValue* after)
{
    QJsonObject item{{u"path"_s, path}, {u"kind"_s, kind}};
    if (before)
        item.insert(u"before"_s, jsonText(*before));
    if (after)
        item.insert(u"after"_s, jsonText(*after));
    return item;
}

// The FHIR counterpart of Hl7Diff: element by element, in FHIRPath-like paths
// ("Observation.valueQuantity.value", "Bundle.entry[2].resource.status"), same JSON shape.
void jsonDiff(const QString& path, const QJsonValue& before, const QJsonValue& after, QJsonArray& out)
{
    if (before == after)
        return;
    if (before.isObject() && after.isObject()) {
        const QJsonObject a = before.toObject();
        const QJsonObject b = after.toObject();
        QStringList keys = a.keys();
        for (const QString& key : b.keys()) {
            if (!a.contains(key))
                keys.append(key);
        }
        for (const QString& key : std::as_const(keys)) {
            const QString child = path.isEmpty() ? key : path + u'.' + key;
            const QJsonValue va = a.value(key);
            const QJsonValue vb = b.value(key);
            if (!a.contains(key))
                out.append(change(child, u"added"_s, nullptr, &vb));
            else if (!b.contains(key))
                out.append(change(child, u"removed"_s, &va, nullptr));
            else
                jsonDiff(child, va, vb, out);
        }
        return;
    }
    if (before.isArray() && after.isArray()) {
        const QJsonArray a = before.toArray();
        const QJsonArray b = after.toArray();
        for (qsizetype i = 0; i < std::max(a.size(), b.size()); ++i) {
            const QString child = path + u'[' + QString::number(i) + u']';
            const QJsonValue va = i < a.size() ? a.at(i) : QJsonValue();
            const QJsonValue vb = i < b.size() ? b.at(i) : QJsonValue();
            if (i >= a.size())
                out.append(change(child, u"added"_s, nullptr, &vb));
            else if (i >= b.size())
                out.append(change(child, u"removed"_s, &va, nullptr));
            else
                jsonDiff(child, va, vb, out);
        }
        return;
    }
    out.append(change(path, u"changed"_s, &before, &after));
}

// When the original cannot be parsed (a parse-stage dead letter) there is nothing to align field by
// field: the whole message is shown as replaced.
QJsonArray wholeMessageDiff(const QByteArray& before, const QByteArray& after)
{
    if (before == after)
        return {};
    return {QJsonObject{{u"path"_s, u"message"_s},
                        {u"kind"_s, u"changed"_s},
                        {u"before"_s, QString::fromUtf8(before)},
                        {u"after"_s, QString::fromUtf8(after)}}};
}

TraceEvent traceEvent(qint64 atMs, const QString& stage, const QString& outcome, const QString& destination,
                      const QString& detail)
{
    TraceEvent e;
    e.atUs = atMs * 1000;
    e.stage = stage;
    e.outcome = outcome;
    e.destination = destination;
    e.detail = detail;
    return e;
}

} // namespace

Resubmitter::Resubmitter(const NodeConfig& config, const RouteTable& routes, MessageStore& store,
                         WasDelivered wasDelivered, QObject* parent)
    : QObject(parent)
    , m_config(config)
    , m_routes(routes)
    , m_store(store)
    , m_wasDelivered(std::move(wasDelivered))
    , m_nowMs([] { return QDateTime::currentMSecsSinceEpoch(); })
{
}

Resubmitter::~Resubmitter() = default;

void Resubmitter::setClock(std::function<qint64()> nowMs)
{
    m_nowMs = std::move(nowMs);
}

qint64 Resubmitter::dedupWindowMs() const
{
    return qint64(m_config.dedupWindowHours) * 3600 * 1000;
}

QJsonObject Resubmitter::Preview::toJson() const
{
    QJsonArray problems;
    for (const Problem& p : errors) {
        problems.append(QJsonObject{{u"severity"_s, p.severity},
                                    {u"location"_s, p.location},
                                    {u"code"_s, p.code},
                                    {u"message"_s, p.message}});
    }
    QJsonObject o{{u"ok"_s, ok},
                  {u"resubmittable"_s, resubmittable},
                  {u"deadLetterId"_s, deadLetterId},
                  {u"messageId"_s, messageId},
                  {u"correlationId"_s, QString::fromLatin1(correlationId)},
                  {u"channel"_s, channel},
                  {u"stage"_s, stage},
                  {u"format"_s, format},
                  {u"edited"_s, edited},
                  {u"errors"_s, problems},
                  {u"diff"_s, diff},
                  {u"warnings"_s, ::toJson(warnings)},
                  {u"destinations"_s, ::toJson(destinations)},
                  {u"ackCode"_s, ackCode}};
    if (!ok) {
        o.insert(u"code"_s, code);
        o.insert(u"message"_s, message);
    }
    return o;
}

QJsonObject Resubmitter::ItemResult::toJson() const
{
    QJsonObject o{{u"deadLetterId"_s, deadLetterId}, {u"ok"_s, ok}};
    if (ok) {
        o.insert(u"messageId"_s, newMessageId);
        o.insert(u"correlationId"_s, QString::fromLatin1(correlationId));
        o.insert(u"destinations"_s, ::toJson(destinations));
    } else {
        o.insert(u"code"_s, code);
        o.insert(u"message"_s, message);
    }
    o.insert(u"warnings"_s, ::toJson(warnings));
    return o;
}

bool Resubmitter::claim(qint64 deadLetterId)
{
    if (isBusy(deadLetterId))
        return false;
    m_claimed.insert(deadLetterId);
    return true;
}

void Resubmitter::release(qint64 deadLetterId)
{
    m_claimed.remove(deadLetterId);
}

Resubmitter::Preview Resubmitter::preview(qint64 deadLetterId, const std::optional<QByteArray>& editedMessage)
{
    return plan(deadLetterId, editedMessage).preview;
}

Resubmitter::Plan Resubmitter::plan(qint64 deadLetterId, const std::optional<QByteArray>& editedMessage)
{
    Plan p;
    Preview& v = p.preview;
    v.deadLetterId = deadLetterId;
    v.edited = editedMessage.has_value();
    const auto refuse = [&v](const QString& code, const QString& message) {
        v.ok = false;
        v.code = code;
        v.message = message;
    };

    const std::optional<DeadLetter> letter = m_store.deadLetter(deadLetterId);
    if (!letter) {
        refuse(NotFound, u"dead letter %1 does not exist"_s.arg(deadLetterId));
        return p;
    }
    p.letter = *letter;
    v.messageId = letter->messageId;
    v.channel = letter->channel;
    v.stage = letter->stage;

    // The message row is the original as received; the dead letter's copy is the fallback.
    const std::optional<StoredMessage> original = m_store.message(letter->messageId);
    const QByteArray originalRaw = original && !original->raw.isEmpty() ? original->raw : letter->raw;
    v.correlationId = original ? original->correlationId : letter->correlationId;
    v.format = original && !original->format.isEmpty() ? original->format : Hl7Format;

    // The store shows a replay's effect on the dead letter only once it has applied the commit.
    const auto resolved = m_resolved.constFind(deadLetterId);
    if (letter->state == u"parked" && resolved == m_resolved.cend()) {
        p.parked = true;
        v.warnings << u"the dead letter is parked: unpark it before resubmitting"_s;
    } else if (letter->state != u"open" || resolved != m_resolved.cend()) {
        const qint64 as = resolved != m_resolved.cend() ? *resolved : letter->resubmittedAs;
        v.warnings << (as != 0 ? u"the dead letter was already resubmitted as message %1"_s.arg(as)
                               : u"the dead letter is %1, not open"_s.arg(letter->state));
    } else {
        p.open = true;
    }
    if (m_inFlight.contains(deadLetterId))
        v.warnings << u"a resubmission of this dead letter is being committed"_s;
    if (m_claimed.contains(deadLetterId))
        v.warnings << u"the dead letter is being parked or unparked right now"_s;

    const ChannelConfig* channel = m_config.channel(letter->channel);
    const QString wantedKind = v.format == FhirFormat ? u"fhir"_s : u"mllp"_s;
    if (!channel) {
        refuse(ChannelGone, u"channel %1 no longer exists in the node's configuration: there is no path to replay "
                            "the message through"_s.arg(letter->channel));
        return p;
    }
    if (channel->kind != wantedKind) {
        refuse(ChannelGone, u"channel %1 is now a %2 channel and cannot take a %3 message"_s.arg(
                                letter->channel, channel->kind, v.format));
        return p;
    }
    const bool deliveryStage = !letter->destination.isEmpty();
    if (deliveryStage && !m_config.destination(letter->destination)) {
        refuse(DestinationGone, u"destination %1 no longer exists in the node's configuration"_s.arg(
                                    letter->destination));
        return p;
    }

    const QByteArray payload = editedMessage.value_or(originalRaw);
    const qint64 now = m_nowMs();
    if (v.format == FhirFormat)
        decideFhir(p, *channel, originalRaw, payload, now);
    else
        decideHl7(p, *channel, originalRaw, payload, now);
    if (!v.ok)
        return p;

    IngestRecord& r = p.record;
    r.correlationId = v.correlationId;
    r.replayOf = letter->messageId;
    r.resubmitsDeadLetter = letter->id;
    if (deliveryStage) {
        // It was accepted and routed once; only its failed destination still owes a delivery.
        r.destinations = {letter->destination};
        for (TraceEvent& e : r.events) {
            if (e.stage == u"route")
                e = traceEvent(now, u"route"_s, u"ok"_s, letter->destination,
                               u"resubmission of a failed delivery: to %1 only"_s.arg(letter->destination));
        }
    } else if (r.destinations.isEmpty()) {
        v.warnings << u"no routing rule matches it: it would be stored but sent nowhere"_s;
    }
    v.destinations = r.destinations;

    if (m_wasDelivered && !p.controlId.isEmpty() && m_wasDelivered(p.controlId, p.sendingApplication, p.sendingFacility)) {
        const QString key = v.format == FhirFormat ? u"message ID"_s : u"MSH-10"_s;
        v.warnings << u"%1 %2 from %3/%4 was already delivered downstream: the receiver may process it twice"_s.arg(
            key, p.controlId, p.sendingApplication, p.sendingFacility);
    }
    v.resubmittable = p.open && !isBusy(deadLetterId);
    return p;
}

void Resubmitter::decideHl7(Plan& p, const ChannelConfig& channel, const QByteArray& original,
                            const QByteArray& payload, qint64 nowMs)
{
    Preview& v = p.preview;
    const IngestProcessor processor(channel, m_routes, dedupWindowMs());
    IngestProcessor::Decision d = processor.process(payload, v.correlationId, nowMs);
    for (const Hl7Error& e : std::as_const(d.errors))
        v.errors.append(Problem{severityName(e.severity), e.location.toString(), QString::number(int(e.code)), e.message});
    v.ackCode = d.record.ackCode;

    if (v.edited) {
        const auto before = Hl7Message::parse(original);
        if (before.ok() && d.message)
            v.diff = Hl7Diff::toJson(Hl7Diff::diff(*before.message, *d.message));
        else
            v.diff = wholeMessageDiff(original, payload);
    }

    if (!d.store || d.record.disposition != IngestRecord::Disposition::Accepted) {
        v.ok = false;
        v.code = Invalid;
        const QString reason = d.record.deadLetterReason.isEmpty()
            ? (d.errors.isEmpty() ? u"empty message"_s : d.errors.first().message)
            : d.record.deadLetterReason;
        v.message = u"the message is still invalid: %1"_s.arg(reason);
        return;
    }
    v.ok = true;
    p.controlId = d.record.controlId;
    p.sendingApplication = d.record.sendingApplication;
    p.sendingFacility = d.record.sendingFacility;
    p.record = std::move(d.record);
}

void Resubmitter::decideFhir(Plan& p, const ChannelConfig& channel, const QByteArray& original,
                             const QByteArray& payload, qint64 nowMs)
{
    Preview& v = p.preview;
    const FhirIngest ingest(channel, m_routes, dedupWindowMs(), m_nowMs);
    FhirIngest::Decision d = ingest.process(payload, v.correlationId, nowMs);
    for (const FhirIssue& issue : std::as_const(d.issues))
        v.errors.append(Problem{FhirIssue::severityName(issue.severity), issue.expression, issue.code, issue.diagnostics});
    v.ackCode = QString::number(d.httpStatus);

    if (v.edited) {
        const QJsonDocument before = QJsonDocument::fromJson(original);
        if (before.isObject() && d.resource) {
            QJsonArray changes;
            jsonDiff(before.object().value(u"resourceType"_s).toString(), before.object(), *d.resource, changes);
            v.diff = changes;
        } else {
            v.diff = wholeMessageDiff(original, payload);
        }
    }

    if (d.record.disposition != IngestRecord::Disposition::Accepted) {
        v.ok = false;
        v.code = Invalid;
        v.message = u"the message is still invalid: %1"_s.arg(d.record.deadLetterReason);
        return;
    }
    v.ok = true;
    p.controlId = d.fields.controlId;
    p.sendingApplication = d.fields.sendingApplication;
    p.sendingFacility = d.fields.sendingFacility;
    p.record = std::move(d.record);
}

void Resubmitter::resubmit(QList<qint64> deadLetterIds, std::optional<QByteArray> editedMessage, QString actor,
                           QString reason, std::function<void(QList<ItemResult>)> done)
{
    Q_UNUSED(reason) // the caller audits it; see the header

    struct Batch
    {
        QList<ItemResult> results;
        QList<qint64> resolved;
        int pending = 0;
        std::function<void(QList<ItemResult>)> done;
    };
    auto batch = std::make_shared<Batch>();
    batch->results.resize(deadLetterIds.size());
    batch->done = std::move(done);

    // Decide every item first, then hand all records over at once: they share group commits
    // instead of each waiting for the one before.
    struct Submission
    {
        qsizetype index = 0;
        IngestRecord record;
        bool firstAcceptance = false;                ///< parse/validate stage: the rules never saw it
    };
    QList<Submission> submissions;
    const bool editMisused = editedMessage && deadLetterIds.size() != 1;
    for (qsizetype i = 0; i < deadLetterIds.size(); ++i) {
        const qint64 id = deadLetterIds.at(i);
        ItemResult& item = batch->results[i];
        item.deadLetterId = id;
        const auto refuse = [&item](const QString& code, const QString& message) {
            item.ok = false;
            item.code = code;
            item.message = message;
        };
        if (editMisused) {
            refuse(EditNeedsOne,
                   u"an edited message replaces one dead letter; %1 were selected"_s.arg(deadLetterIds.size()));
            continue;
        }

        Plan p = plan(id, editedMessage);
        item.warnings = p.preview.warnings;
        if (p.preview.code == NotFound) {
            refuse(NotFound, p.preview.message);
            continue;
        }
        if (p.parked) {
            refuse(Parked, u"dead letter %1 is parked (set aside by %2): unpark it before resubmitting"_s.arg(id).arg(
                               p.letter.parkedBy));
            continue;
        }
        if (!p.open) {
            const qint64 as = m_resolved.value(id, p.letter.resubmittedAs);
            refuse(NotOpen, as != 0 ? u"dead letter %1 was already resubmitted as message %2"_s.arg(id).arg(as)
                                    : u"dead letter %1 is %2, not open"_s.arg(id).arg(p.letter.state));
            continue;
        }
        if (m_inFlight.contains(id)) {
            // Also the same ID twice in one selection.
            refuse(InFlight, u"a resubmission of dead letter %1 is being committed"_s.arg(id));
            continue;
        }
        if (m_claimed.contains(id)) {
            refuse(InFlight, u"dead letter %1 is being parked or unparked right now"_s.arg(id));
            continue;
        }
        if (!p.preview.ok) {
            refuse(p.preview.code, p.preview.message);
            continue;
        }

        IngestRecord& r = p.record;
        // The record's own "receive" step never happened: an operator sent it again.
        const QString detail = u"by %1; replays message %2%3"_s.arg(actor, QString::number(p.letter.messageId),
                                                                     editedMessage ? u"; edited"_s : QString());
        const TraceEvent origin = traceEvent(r.receivedAtMs, u"resubmit"_s, u"ok"_s, {}, detail);
        const auto receive = std::find_if(r.events.begin(), r.events.end(),
                                          [](const TraceEvent& e) { return e.stage == u"receive"; });
        if (receive != r.events.end())
            *receive = origin;
        else
            r.events.prepend(origin);
        item.destinations = r.destinations;
        m_inFlight.insert(id);
        submissions.append(Submission{i, std::move(r), p.letter.stage != u"deliver"});
    }

    // Runs when the last commit answered. The store applies commits to its tables a little later;
    // until a flush confirms that, m_resolved keeps a second resubmission from slipping through a
    // stale read.
    const auto finish = [this, actor](const std::shared_ptr<Batch>& b) {
        qCInfo(lcResubmit).noquote() << "resubmission by" << actor << ":" << b->resolved.size() << "of"
                                     << b->results.size() << "dead letters replayed";
        if (!b->resolved.isEmpty()) {
            m_store.flush(this, [this, ids = b->resolved] {
                for (qint64 id : ids)
                    m_resolved.remove(id);
            });
        }
        b->done(b->results);
    };

    if (submissions.isEmpty()) {
        // Nothing to commit: still answer from the event loop, as when something was.
        QMetaObject::invokeMethod(this, [batch, finish] { finish(batch); }, Qt::QueuedConnection);
        return;
    }
    batch->pending = int(submissions.size());
    for (Submission& s : submissions) {
        const qsizetype i = s.index;
        const bool firstAcceptance = s.firstAcceptance
            && s.record.disposition == IngestRecord::Disposition::Accepted && !s.record.deadLetter;
        const AcceptedMessage acceptance = firstAcceptance ? AcceptedMessage::fromIngest(s.record, {}) : AcceptedMessage{};
        m_store.ingest(std::move(s.record), this,
                       [this, batch, i, finish, firstAcceptance, acceptance](const IngestOutcome& outcome) {
            ItemResult& result = batch->results[i];
            const qint64 id = result.deadLetterId;
            m_inFlight.remove(id);
            if (outcome.committed) {
                m_resolved.insert(id, outcome.messageId);
                batch->resolved.append(id);
                result.ok = true;
                result.newMessageId = outcome.messageId;
                result.correlationId = outcome.correlationId;
                if (!outcome.enqueued.isEmpty())
                    emit enqueued(outcome.enqueued);
                emit resubmitted(id, outcome.messageId, outcome.correlationId);
                if (firstAcceptance) {
                    AcceptedMessage message = acceptance;
                    message.messageId = outcome.messageId;
                    message.correlationId = outcome.correlationId;
                    emit accepted(message);
                }
            } else {
                result.ok = false;
                result.code = StoreFailed;
                result.message = u"the resubmission could not be stored: %1"_s.arg(outcome.error);
                result.destinations.clear();
                qCWarning(lcResubmit) << "dead letter" << id << "could not be resubmitted:" << outcome.error;
            }
            if (--batch->pending == 0)
                finish(batch);
        });
    }
}
