#pragma once

#include <QByteArray>

/// Correlation IDs in W3C trace-id form (32 lowercase hex, never all zero), minted at ingest.
namespace CorrelationId {

QByteArray mint();
bool isValid(QByteArrayView id);

} // namespace CorrelationId
