#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QString>

/// The outcome of one ops API request, as OpsClient hands it to its callback.
struct OpsReply
{
    /// The HTTP status; 0 when no HTTP answer arrived (network or TLS problem, timeout).
    int status = 0;
    /// The body parsed as a JSON object (empty for 204, NDJSON or non-JSON bodies).
    QJsonObject json;
    QByteArray body;
    /// Plain words for people: a network/TLS problem, or the API's error.message. Empty when ok.
    QString error;
    /// The API's stable error.code ("unauthenticated", "forbidden", ...); empty for network problems.
    QString errorCode;
    /// The node presented a certificate other than the pinned one: nothing was sent. The UI must
    /// warn about the risk (docs/ops-api.md 1.2) and must not offer a one-click "continue".
    bool certificateMismatch = false;
    /// The fingerprint the node presented (set whenever a TLS handshake got that far).
    QString presentedFingerprint;
    /// The answer came from the node's idempotency store (header Idempotent-Replayed: true).
    bool replayed = false;
    /// Seconds from a Retry-After header (429 too-many-attempts), else 0.
    int retryAfterSeconds = 0;

    /// A 2xx answer.
    bool ok() const { return status >= 200 && status < 300 && error.isEmpty(); }
};
