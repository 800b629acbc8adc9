#pragma once

#include "models/hl7/Hl7Message.h"

#include <QDateTime>

/// Builds HL7 acknowledgements (SEMANTICS.md 1.3): MSH-1/2/11/12 copied from the inbound message,
/// sender/receiver swapped, MSH-9 = ACK^<trigger>^ACK, MSA-2 = inbound MSH-10, one ERR per error
/// (ERR-2 location, ERR-3 table 0357 code, ERR-4 severity, ERR-8 user message).
namespace Hl7Ack {

struct Options
{
    QString controlId;                               ///< MSH-10 of the ACK (unique, minted by the caller)
    QDateTime timestamp;                             ///< MSH-7; invalid (the default): now, in UTC
    QString text;                                    ///< MSA-3
};

QByteArray build(const Hl7Message& inbound, Hl7AckCode code, const QList<Hl7Error>& errors, const Options& options);

/// An ACK for bytes whose MSH was readable only in part (fields up to MSH-10 or beyond) — e.g. a
/// message whose structure failed to parse. Returns empty when no MSH can be read at all.
QByteArray buildFromRawHeader(const QByteArray& raw, Hl7AckCode code, const QList<Hl7Error>& errors,
                              const Options& options);

/// What an ACK says, for senders (delivery, vigil-feed).
struct Parsed
{
    bool valid = false;                              ///< an MSA segment was found
    QString code;                                    ///< MSA-1
    QString controlId;                               ///< MSA-2
    QString text;                                    ///< MSA-3
    QString errorText;                               ///< ERR-8 / ERR-3 text of the first ERR, if any
};
Parsed parse(const QByteArray& ackPayload);

/// Which ACK to send in enhanced mode given MSH-15/MSH-16 and the outcome (table 0155: AL, NE, ER, SU).
bool shouldSend(const QString& ackType, bool success);

} // namespace Hl7Ack
