#pragma once

#include "node/delivery/DeliveryTypes.h"

#include <QObject>

/// Delivers messages to one destination. The queue worker owns one per destination, sends one message
/// at a time and decides from the outcome whether to retry, dead-letter or move on.
class DestinationSender : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;

    /// Starts one delivery attempt. Exactly one finished() follows for every call, always later from the
    /// event loop (never from inside send()), so callers may send again from their finished() handler.
    virtual void send(const OutboundMessage& message) = 0;
    /// Where messages go, for logs and the console ("mllp 127.0.0.1:2576"); never contains credentials.
    virtual QString describe() const = 0;

signals:
    /// The attempt for queueId is over; outcome says whether it was delivered, and if not whose fault it was.
    void finished(qint64 queueId, const DeliveryOutcome& outcome);
};
