#include "node/pipeline/IngestProcessor.h"

#include "models/hl7/Hl7Ack.h"
#include "models/hl7/Hl7Validator.h"

#include <QDateTime>

#include <openssl/sha.h>

namespace {

// OpenSSL's SHA-256 uses the CPU's SHA extensions where present; QCryptographicHash (Qt 6.4) has
// only its portable C version, several times slower on the ingest thread.
QByteArray sha256(QByteArrayView bytes)
{
    QByteArray digest(SHA256_DIGEST_LENGTH, Qt::Uninitialized);
    SHA256(reinterpret_cast<const unsigned char*>(bytes.data()), size_t(bytes.size()),
           reinterpret_cast<unsigned char*>(digest.data()));
    return digest;
}

TraceEvent event(qint64 atUs, const QString& stage, const QString& outcome, const QString& detail = {})
{
    TraceEvent e;
    e.atUs = atUs;
    e.stage = stage;
    e.outcome = outcome;
    e.detail = detail;
    return e;
}

// Errors in the header (type, version, processing ID) make a message unroutable: AR tells the
// sender to fix MSH before resending; errors in the body are AE (SEMANTICS.md 1.3 [BTK]).
bool isHeaderError(const Hl7Error& error)
{
    const int code = int(error.code);
    return (code >= 200 && code <= 204) || error.location.segment == "MSH";
}

QString summarize(const QList<Hl7Error>& errors)
{
    QStringList parts;
    for (const Hl7Error& e : errors) {
        const QString where = e.location.toString();
        parts << (where.isEmpty() ? QString() : where + QStringLiteral(": ")) + e.message
                + QStringLiteral(" (%1)").arg(int(e.code));
    }
    return parts.join(QStringLiteral("; "));
}

bool isBlank(const QByteArray& payload)
{
    for (char c : payload) {
        if (c != ' ' && c != '\r' && c != '\n' && c != '\t' && c != '\0')
            return false;
    }
    return true;
}

// The ACK sent when not even MSH could be read: default delimiters, empty MSA-2, so the sender
// still gets an answer on the connection instead of waiting for a timeout.
QByteArray bareNak(const QList<Hl7Error>& errors, const QString& controlId)
{
    static const QByteArray skeleton = QByteArrayLiteral("MSH|^~\\&|||||||ACK||P|2.5");
    const auto parsed = Hl7Message::parse(skeleton);
    Hl7Ack::Options options;
    options.controlId = controlId;
    options.text = QStringLiteral("Message rejected: no usable MSH segment");
    return parsed.ok() ? Hl7Ack::build(*parsed.message, Hl7AckCode::AR, errors, options) : QByteArray();
}

} // namespace

IngestProcessor::IngestProcessor(const ChannelConfig& channel, const RouteTable& routes, qint64 dedupWindowMs)
    : m_channel(channel)
    , m_routes(routes)
    , m_dedupWindowMs(dedupWindowMs)
{
}

QByteArray IngestProcessor::contentHash(const QByteArray& payload)
{
    // Terminators are normalized so a resend that only changed CRLF to CR is still a duplicate.
    // Most senders use CR already: then only a trailing terminator may need trimming, no copy.
    if (!payload.contains('\n')) {
        qsizetype end = payload.size();
        while (end > 0 && payload.at(end - 1) == '\r')
            --end;
        return sha256(QByteArrayView(payload).first(end));
    }
    QByteArray normalized;
    normalized.reserve(payload.size());
    for (qsizetype i = 0; i < payload.size(); ++i) {
        const char c = payload.at(i);
        if (c == '\r' && i + 1 < payload.size() && payload.at(i + 1) == '\n')
            continue;
        normalized.append(c == '\n' ? '\r' : c);
    }
    while (normalized.endsWith('\r'))
        normalized.chop(1);
    return sha256(normalized);
}

IngestProcessor::Decision IngestProcessor::process(const QByteArray& payload, const QByteArray& correlationId,
                                                   qint64 receivedAtMs) const
{
    Decision d;
    IngestRecord& r = d.record;
    r.channel = m_channel.name;
    r.raw = payload;
    r.correlationId = correlationId;
    r.receivedAtMs = receivedAtMs;
    r.dedupWindowMs = m_dedupWindowMs;
    r.contentHash = contentHash(payload);
    const qint64 t = receivedAtMs * 1000;
    r.events.reserve(4);
    r.events.append(event(t, QStringLiteral("receive"), QStringLiteral("ok"),
                          u"channel " + m_channel.name + u", " + QString::number(payload.size()) + u" bytes"));

    if (isBlank(payload)) {
        // Nothing to keep: an empty or whitespace-only frame carries no message.
        d.store = false;
        Hl7Error e;
        e.code = Hl7ErrorCode::SegmentSequenceError;
        e.message = QStringLiteral("Empty message");
        d.errors.append(e);
        r.disposition = IngestRecord::Disposition::Unparseable;
        r.ackCode = QStringLiteral("AR");
        return d;
    }

    auto parsed = Hl7Message::parse(payload);
    const qint64 tParsed = QDateTime::currentMSecsSinceEpoch() * 1000;
    if (!parsed.ok()) {
        d.errors.append(parsed.error);
        r.disposition = IngestRecord::Disposition::Unparseable;
        r.deadLetter = true;
        r.deadLetterStage = QStringLiteral("parse");
        r.deadLetterReason = summarize(d.errors);
        r.errorClass = QStringLiteral("hl7-%1").arg(int(parsed.error.code));
        r.errorLocation = parsed.error.location.toString();
        r.ackCode = QStringLiteral("AR");
        r.events.append(event(tParsed, QStringLiteral("parse"), QStringLiteral("failed"), r.deadLetterReason));
        return d;
    }

    const Hl7Message& m = *parsed.message;
    r.messageType = m.messageType();
    r.triggerEvent = m.triggerEvent();
    r.controlId = m.controlId();
    r.sendingApplication = m.sendingApplication();
    r.sendingFacility = m.sendingFacility();
    r.version = m.version();
    r.patientId = m.valueAt(m.findSegment("PID"), 3, 1, 1);
    r.unit = m.valueAt(m.findSegment("PV1"), 3, 1, 1);
    d.enhancedMode = m_channel.ackMode == AckMode::Enhanced && m.enhancedAckMode();
    d.acceptAckType = m.acceptAckType();
    d.applicationAckType = m.applicationAckType();
    r.events.append(event(tParsed, QStringLiteral("parse"), QStringLiteral("ok"),
                          r.messageType + u'^' + r.triggerEvent + u" v" + r.version + u", "
                              + QString::number(m.segmentCount()) + u" segments"));

    Hl7Validator::Options options;
    options.acceptedMessageTypes = m_channel.acceptMessageTypes;
    options.requirePatientIdentifier = m_channel.requirePatientIdentifier;
    d.errors = Hl7Validator::validate(m, options);
    QList<Hl7Error> fatal;
    for (const Hl7Error& e : std::as_const(d.errors)) {
        if (e.severity == 'E')
            fatal.append(e);
    }
    const qint64 tValidated = QDateTime::currentMSecsSinceEpoch() * 1000;
    if (!fatal.isEmpty()) {
        r.disposition = IngestRecord::Disposition::Invalid;
        r.deadLetter = true;
        r.deadLetterStage = QStringLiteral("validate");
        r.deadLetterReason = summarize(fatal);
        r.errorClass = QStringLiteral("hl7-%1").arg(int(fatal.first().code));
        r.errorLocation = fatal.first().location.toString();
        const bool header = std::any_of(fatal.cbegin(), fatal.cend(), isHeaderError);
        r.ackCode = m_channel.onInvalid == InvalidMessagePolicy::AckAndDeadLetter
            ? QStringLiteral("AA")
            : (header ? QStringLiteral("AR") : QStringLiteral("AE"));
        r.events.append(event(tValidated, QStringLiteral("validate"), QStringLiteral("failed"), r.deadLetterReason));
        d.message = std::move(parsed.message);
        return d;
    }
    r.events.append(event(tValidated, QStringLiteral("validate"), QStringLiteral("ok"),
                          d.errors.isEmpty() ? QString() : summarize(d.errors)));

    const RouteTable::Match match = m_routes.route(m);
    r.destinations = match.destinations;
    r.events.append(event(QDateTime::currentMSecsSinceEpoch() * 1000, QStringLiteral("route"),
                          match.destinations.isEmpty() ? QStringLiteral("unrouted") : QStringLiteral("ok"),
                          match.destinations.isEmpty()
                              ? QStringLiteral("no routing rule matched")
                              : QStringLiteral("rules %1 -> %2")
                                    .arg(match.ruleNames.join(QStringLiteral(", ")),
                                         match.destinations.join(QStringLiteral(", ")))));
    r.disposition = IngestRecord::Disposition::Accepted;
    r.ackCode = QStringLiteral("AA");
    d.message = std::move(parsed.message);
    return d;
}

QList<QByteArray> IngestProcessor::acknowledgements(const Decision& decision, const IngestOutcome& outcome,
                                                    const QString& ackControlId) const
{
    QList<Hl7Error> errors = decision.errors;
    QString code = outcome.committed ? outcome.ackCode : QStringLiteral("AR");
    QString text;
    if (decision.store && !outcome.committed) {
        Hl7Error e;
        e.code = Hl7ErrorCode::ApplicationInternalError;
        e.message = QStringLiteral("The message could not be stored; resend it later");
        errors = {e};
        text = e.message;
    } else if (outcome.duplicate) {
        text = QStringLiteral("Duplicate of a message already received; not processed again");
        errors.clear();
    } else if (code == QStringLiteral("AA")) {
        errors.clear();
    } else {
        text = QStringLiteral("Message rejected");
    }

    Hl7Ack::Options options;
    options.controlId = ackControlId;
    options.text = text;
    if (!decision.message) {
        QByteArray ack = decision.record.raw.isEmpty()
            ? QByteArray()
            : Hl7Ack::buildFromRawHeader(decision.record.raw, Hl7AckCode::AR, errors, options);
        if (ack.isEmpty())
            ack = bareNak(errors, ackControlId);
        return {ack};
    }

    const Hl7Message& m = *decision.message;
    const auto codeOf = [](const QString& c) {
        if (c == u"AE")
            return Hl7AckCode::AE;
        if (c == u"AR")
            return Hl7AckCode::AR;
        return Hl7AckCode::AA;
    };
    if (!decision.enhancedMode)
        return {Hl7Ack::build(m, codeOf(code), errors, options)};

    // Enhanced mode: the accept ack speaks for safe storage (CA only once committed), the
    // application ack for processing; each is sent only when MSH-15/MSH-16 ask for it.
    QList<QByteArray> frames;
    const bool stored = decision.store && outcome.committed;
    const Hl7AckCode accept = stored ? Hl7AckCode::CA : Hl7AckCode::CR;
    const QString acceptType = decision.acceptAckType.isEmpty() ? QStringLiteral("AL") : decision.acceptAckType;
    if (Hl7Ack::shouldSend(acceptType, stored)) {
        Hl7Ack::Options acceptOptions = options;
        acceptOptions.controlId = ackControlId + QStringLiteral("C");
        frames.append(Hl7Ack::build(m, accept, stored ? QList<Hl7Error>() : errors, acceptOptions));
    }
    if (stored && !decision.applicationAckType.isEmpty()) {
        const bool success = code == u"AA";
        if (Hl7Ack::shouldSend(decision.applicationAckType, success))
            frames.append(Hl7Ack::build(m, codeOf(code), errors, options));
    }
    return frames;
}
