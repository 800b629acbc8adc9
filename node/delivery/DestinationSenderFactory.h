#pragma once

#include "node/config/NodeConfig.h"
#include "node/delivery/DestinationSender.h"

#include <memory>

namespace DestinationSenderFactory {

/// The sender for one configured destination, or null with a reason in *error ("destination 'lab':
/// port 0 is not a port"). TLS files are read here, so a missing CA file fails at start-up rather than
/// at the first handshake. For MLLP, tls.enabled selects TLS with tls.caFile/verifyPeer (and a client
/// certificate when certificateFile/privateKeyFile are set); for HTTP the URL scheme does, with the same
/// files when tls.enabled.
/// parent only sets the object tree and thread: destroy the returned pointer before the parent, or
/// release() it to the parent.
std::unique_ptr<DestinationSender> createSender(const DestinationConfig& config, QObject* parent, QString* error);

} // namespace DestinationSenderFactory
