#pragma once

#include <QJsonObject>
#include <QString>
#include <QtGlobal>

/// What a vigil-feed send run achieved so far: one outcome per sent message, and the latency from
/// send to ACK. Outcomes are exclusive: every sent message ends in exactly one counter (or is still
/// in flight, or was abandoned when the run was aborted).
struct FeedReport
{
    qint64 sent = 0;
    qint64 aa = 0;
    qint64 ae = 0;
    qint64 ar = 0;
    qint64 ca = 0;
    qint64 ce = 0;
    qint64 cr = 0;
    qint64 msa2Mismatch = 0; ///< an ACK whose MSA-2 is not the sent MSH-10
    qint64 invalidAck = 0; ///< a response without a readable MSA or with an unknown MSA-1
    qint64 timeout = 0; ///< no response in time
    qint64 closed = 0; ///< the peer closed before responding
    qint64 connectFailed = 0; ///< refused, unreachable or connect timeout
    qint64 otherFailure = 0; ///< TLS, oversize response, ...
    /// Of the no-ACK outcomes above, those for messages no receiver can answer (no MSH at all).
    qint64 noAckWhereNoneExpected = 0;
    qint64 inFlight = 0;
    qint64 abandoned = 0; ///< in flight when the run was aborted

    qint64 malformedSent = 0;
    qint64 duplicateSent = 0;
    qint64 criticalSent = 0;

    qint64 elapsedMs = 0;
    qint64 latencySamples = 0; ///< responses timed (every response, whatever its code)
    double p50Ms = 0.0;
    double p90Ms = 0.0;
    double p99Ms = 0.0;
    double maxMs = 0.0;

    qint64 acks() const { return aa + ae + ar + ca + ce + cr; }
    qint64 noAck() const { return timeout + closed + connectFailed + otherFailure; }
    /// Messages that deserved an ACK and got none: the send run's failure criterion.
    qint64 unexpectedNoAck() const { return noAck() - noAckWhereNoneExpected; }
    double sentPerSecond() const;

    QString toText() const;
    QString progressLine() const;
    QJsonObject toJson() const;
};
