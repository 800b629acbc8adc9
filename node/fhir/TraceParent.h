#pragma once

#include <QByteArray>
#include <QByteArrayView>

#include <optional>

/// The W3C Trace Context `traceparent` header (https://www.w3.org/TR/trace-context/):
/// "00-<32 hex trace-id>-<16 hex parent-id>-<2 hex flags>". An incoming one gives the message its
/// correlation ID (the trace-id); one that does not parse is ignored, as the specification says, and
/// the node mints a fresh ID instead.
namespace TraceParent {

struct Parsed
{
    QByteArray traceId; ///< 32 lowercase hex, not all zero
    QByteArray parentId; ///< 16 lowercase hex, not all zero
    quint8 flags = 0; ///< bit 0: sampled
};

/// Parses a header value. Version 00 must be exactly four fields; a higher version (not ff) is read
/// by its first four fields, as the specification asks of version-00 parsers. Lowercase hex only.
std::optional<Parsed> parse(QByteArrayView header);
/// "00-<correlationId>-<spanId>-01"; empty when correlationId is not a trace-id. A random non-zero
/// span ID is made when spanId is empty.
QByteArray format(const QByteArray& correlationId, const QByteArray& spanId = {});
/// 16 lowercase hex, never all zero.
QByteArray mintSpanId();

} // namespace TraceParent
