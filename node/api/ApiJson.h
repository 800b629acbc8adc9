#pragma once

#include "node/audit/AuditTypes.h"
#include "node/auth/Principal.h"
#include "node/query/QueryTypes.h"
#include "node/store/StoreTypes.h"

#include <QJsonArray>
#include <QJsonObject>

/// The ops API's JSON shapes (docs/ops-api.md "Objects"). Times are ISO 8601 UTC with milliseconds
/// ("2026-11-26T20:41:38.123Z"); absent values are left out rather than sent as empty strings.
/// PHI: these functions never unmask — callers pass `maskPhi` true unless the principal may see
/// the item's patient fields (Authorizer::seesPhiUnmasked or an audited reveal).
namespace ApiJson {

QString time(qint64 ms);
QString timeUs(qint64 us);
/// Parses an ISO 8601 time or milliseconds since the epoch; nullopt when neither.
std::optional<qint64> parseTime(const QString& text);

QJsonObject principal(const Principal& principal);
QJsonObject messageSummary(const MessageSummary& message, bool maskPhi);
QJsonObject traceEvent(const TraceEvent& event);
QJsonArray trace(const QList<TraceEvent>& events);
QJsonObject deadLetterSummary(const DeadLetterSummary& letter);
QJsonObject deadLetterGroup(const DeadLetterGroup& group);
QJsonObject auditEntry(const AuditEntry& entry);

} // namespace ApiJson
