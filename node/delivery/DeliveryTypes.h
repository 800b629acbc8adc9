#pragma once

#include <QByteArray>
#include <QMetaType>
#include <QString>

/// One delivery attempt's input: what the queue worker hands a DestinationSender.
struct OutboundMessage
{
    qint64 queueId = 0;
    qint64 messageId = 0;
    QByteArray payload; ///< HL7 v2 bytes (CR-separated segments)
    QByteArray correlationId; ///< 32 lowercase hex (W3C trace-id)
    QString controlId; ///< MSH-10 of payload, checked against MSA-2
    qint64 receivedAtMs = 0; ///< epoch ms, for file names
    int attempt = 1; ///< 1-based attempt number
};

/// What one delivery attempt came to. The queue worker retries Transient (with Backoff, counted by the
/// CircuitBreaker) and dead-letters Permanent at once.
struct DeliveryOutcome
{
    enum class Kind {
        Delivered,
        Transient, ///< the destination's or the network's fault: retry later
        Permanent, ///< the message's fault: dead-letter now, retrying cannot help
    };
    Kind kind = Kind::Transient;
    QString ackCode; ///< MSA-1 (MLLP) or HTTP status as text, empty if none
    /// Short and stable, for metrics labels and dead-letter reasons: "connect", "timeout", "closed", "tls",
    /// "nak-AE", "nak-AR", "nak-CR", "nak-CE", "msa2-mismatch", "bad-ack", "http-3xx", "http-4xx",
    /// "http-5xx", "io", "busy". Empty when delivered.
    QString errorClass;
    QString detail; ///< human readable; never the payload or field values (PHI)
    qint64 durationMs = 0;
    int retryAfterMs = -1; ///< from HTTP Retry-After when present
};

Q_DECLARE_METATYPE(OutboundMessage)
Q_DECLARE_METATYPE(DeliveryOutcome)
