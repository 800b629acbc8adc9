#pragma once

#include "net/mllp/MllpClient.h"
#include "node/delivery/DestinationSender.h"

#include <QElapsedTimer>

#include <optional>

/// Sends each message over MLLP and judges the HL7 ACK (SEMANTICS.md 1.3 and 5.1):
/// AA/CA Delivered; AR/CR, connect and I/O errors, timeouts and a closed connection Transient;
/// AE/CE, an MSA-2 that is not the message's MSH-10, and a response without MSA (or with an unknown
/// MSA-1, or over the frame limit) Permanent — resending the same bytes would get the same answer.
///
/// One message at a time over one persistent connection (MllpClient). A send() while one is
/// outstanding finishes at once as Transient "busy" and leaves the outstanding one alone.
/// The ACK's free text (MSA-3, ERR) is not copied into the outcome: receivers echo field values there.
class MllpDestinationSender : public DestinationSender
{
    Q_OBJECT
public:
    explicit MllpDestinationSender(MllpClientOptions options, QObject* parent = nullptr);
    ~MllpDestinationSender() override;

    void send(const OutboundMessage& message) override;
    QString describe() const override;

private:
    void onResponse(const QByteArray& payload);
    void onFailed(const QString& reason, const QString& detail);
    DeliveryOutcome judgeAck(const QByteArray& payload) const;
    void finish(DeliveryOutcome outcome);
    void finishLater(qint64 queueId, DeliveryOutcome outcome);

    struct Pending
    {
        qint64 queueId = 0;
        QString controlId;
        QElapsedTimer timer;
    };

    MllpClient* m_client;
    std::optional<Pending> m_pending;
};
