#include "node/delivery/MllpDestinationSender.h"

#include "models/hl7/Hl7Ack.h"

using namespace Qt::StringLiterals;

namespace {

DeliveryOutcome outcomeOf(
    DeliveryOutcome::Kind kind, const QString& errorClass, const QString& detail, const QString& ackCode = {})
{
    DeliveryOutcome outcome;
    outcome.kind = kind;
    outcome.errorClass = errorClass;
    outcome.detail = detail;
    outcome.ackCode = ackCode;
    return outcome;
}

} // namespace

MllpDestinationSender::MllpDestinationSender(MllpClientOptions options, QObject* parent)
    : DestinationSender(parent)
    , m_client(new MllpClient(std::move(options), this))
{
    connect(m_client, &MllpClient::responseReceived, this, &MllpDestinationSender::onResponse);
    connect(m_client, &MllpClient::failed, this, &MllpDestinationSender::onFailed);
}

MllpDestinationSender::~MllpDestinationSender()
{
    // Nothing is reported for an attempt cut short by shutdown; the queue still holds the message.
    m_client->disconnect(this);
}

void MllpDestinationSender::send(const OutboundMessage& message)
{
    if (m_pending) {
        finishLater(message.queueId,
            outcomeOf(DeliveryOutcome::Kind::Transient, u"busy"_s,
                u"a delivery to this destination is already outstanding"_s));
        return;
    }
    m_pending.emplace();
    m_pending->queueId = message.queueId;
    m_pending->controlId = message.controlId;
    m_pending->timer.start();
    m_client->send(message.payload);
}

QString MllpDestinationSender::describe() const
{
    const MllpClientOptions& options = m_client->options();
    return u"mllp "_s + options.host + u':' + QString::number(options.port) + (options.tls ? u" (tls)"_s : QString());
}

void MllpDestinationSender::onResponse(const QByteArray& payload)
{
    if (!m_pending)
        return;
    DeliveryOutcome outcome = judgeAck(payload);
    // After an answer that does not belong to this message the stream may be out of step (a late ACK of an
    // earlier message, a confused peer): the next message starts on a fresh connection.
    if (outcome.errorClass == u"msa2-mismatch"_s || outcome.errorClass == u"bad-ack"_s)
        m_client->disconnectFromHost();
    finish(std::move(outcome));
}

void MllpDestinationSender::onFailed(const QString& reason, const QString& detail)
{
    if (!m_pending)
        return;
    if (reason == u"oversize"_s) {
        finish(outcomeOf(DeliveryOutcome::Kind::Permanent, u"bad-ack"_s, u"response frame too large: "_s + detail));
        return;
    }
    QString errorClass = reason;
    if (reason != u"connect"_s && reason != u"timeout"_s && reason != u"closed"_s && reason != u"tls"_s)
        errorClass = u"io"_s; // "busy" and anything new: not the message's fault
    finish(outcomeOf(DeliveryOutcome::Kind::Transient, errorClass, detail));
}

DeliveryOutcome MllpDestinationSender::judgeAck(const QByteArray& payload) const
{
    const Hl7Ack::Parsed ack = Hl7Ack::parse(payload);
    if (!ack.valid)
        return outcomeOf(DeliveryOutcome::Kind::Permanent, u"bad-ack"_s, u"response has no MSA segment"_s);
    // The control ID is not PHI, but it is enough to find the message; the detail says only that it differs.
    if (ack.controlId != m_pending->controlId)
        return outcomeOf(DeliveryOutcome::Kind::Permanent, u"msa2-mismatch"_s,
            u"MSA-2 does not match the message's MSH-10"_s, ack.code);

    const QString code = ack.code.trimmed().toUpper();
    if (code == u"AA"_s || code == u"CA"_s)
        return outcomeOf(DeliveryOutcome::Kind::Delivered, {}, {}, code);
    if (code == u"AR"_s || code == u"CR"_s)
        return outcomeOf(DeliveryOutcome::Kind::Transient, u"nak-"_s + code,
            u"receiver rejected (MSA-1 "_s + code + u"), to be resent later"_s, code);
    if (code == u"AE"_s || code == u"CE"_s)
        return outcomeOf(DeliveryOutcome::Kind::Permanent, u"nak-"_s + code,
            u"receiver reported an error in the message (MSA-1 "_s + code + u')', code);
    return outcomeOf(DeliveryOutcome::Kind::Permanent, u"bad-ack"_s, u"unknown MSA-1 acknowledgement code"_s);
}

void MllpDestinationSender::finish(DeliveryOutcome outcome)
{
    const Pending pending = *std::exchange(m_pending, std::nullopt);
    outcome.durationMs = pending.timer.elapsed();
    finishLater(pending.queueId, std::move(outcome));
}

void MllpDestinationSender::finishLater(qint64 queueId, DeliveryOutcome outcome)
{
    // Always from the event loop: MllpClient may report synchronously from inside send().
    QMetaObject::invokeMethod(
        this, [this, queueId, outcome = std::move(outcome)] { emit finished(queueId, outcome); }, Qt::QueuedConnection);
}
