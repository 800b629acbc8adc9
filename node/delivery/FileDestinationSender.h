#pragma once

#include "node/delivery/DestinationSender.h"

/// Writes each message as one file into a directory, for partners that pick files up (and for
/// store-and-forward to removable or network storage).
///
/// The name comes from a pattern with {received} (receive time, yyyyMMddTHHmmsszzz UTC), {controlId}
/// (MSH-10 reduced to [A-Za-z0-9._-], at most 64 characters), {id} (message ID) and {correlationId}.
/// The write is atomic (QSaveFile: temporary file, fsync, rename; then the directory is fsynced), so a
/// reader never sees half a message. If the name exists with the same bytes, this is a redelivery and
/// the file is left as it is; with other bytes a suffix _1, _2, ... is added (each candidate gets the
/// same check, so a redelivery after a collision is idempotent too).
///
/// Every failure is Transient ("io"): a full disk, a missing mount or a directory that cannot be
/// created are the destination's state, not the message's fault, and may pass; the breaker opens and
/// the queue holds the messages meanwhile.
class FileDestinationSender : public DestinationSender
{
    Q_OBJECT
public:
    FileDestinationSender(const QString& directory, const QString& fileNamePattern, QObject* parent = nullptr);

    void send(const OutboundMessage& message) override;
    QString describe() const override;

    /// The file name (without suffix resolution) the pattern gives for message.
    QString fileNameFor(const OutboundMessage& message) const;

private:
    DeliveryOutcome write(const OutboundMessage& message) const;

    QString m_directory;
    QString m_pattern;
};
