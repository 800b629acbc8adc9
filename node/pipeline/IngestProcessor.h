#pragma once

#include "models/hl7/Hl7Message.h"
#include "models/routing/RouteTable.h"
#include "node/config/NodeConfig.h"
#include "node/store/StoreTypes.h"

#include <QByteArray>

#include <optional>

/// Everything the message path decides about one received frame before it is stored: parse,
/// validate, route, and which acknowledgement to send once the store has committed it
/// (DESIGN.md section 2, steps 1-6). Pure: no I/O, so it is unit-tested without sockets.
class IngestProcessor
{
public:
    IngestProcessor(const ChannelConfig& channel, const RouteTable& routes, qint64 dedupWindowMs);

    struct Decision
    {
        IngestRecord record;                         ///< what to store (record.ackCode: the code if committed)
        std::optional<Hl7Message> message;           ///< parsed, when the MSH was usable
        QList<Hl7Error> errors;                      ///< for the ERR segments of a negative ACK
        bool enhancedMode = false;                   ///< answer with an accept ack (CA/CE/CR) first
        QString acceptAckType;                       ///< MSH-15, enhanced mode
        QString applicationAckType;                  ///< MSH-16, enhanced mode
        bool store = true;                           ///< false for empty frames (nothing to keep)
    };

    Decision process(const QByteArray& payload, const QByteArray& correlationId, qint64 receivedAtMs) const;

    /// The ACK bytes for a decision once the store answered. `committed` false: the store failed, so
    /// the sender must resend (AR/CR with ERR 207). Returns the frames to send, in order (enhanced
    /// mode can send an accept ack and then an application ack; none when MSH-15/16 say never).
    QList<QByteArray> acknowledgements(const Decision& decision, const IngestOutcome& outcome, const QString& ackControlId) const;

    static QByteArray contentHash(const QByteArray& payload);

private:
    const ChannelConfig& m_channel;
    const RouteTable& m_routes;
    qint64 m_dedupWindowMs;
};
