#pragma once

#include <QIcon>
#include <QModelIndex>
#include <QString>
#include <QStringList>

/// Plain words (and the few icons that go with them) for the escalation board, the alert history
/// and the audit view: who a recipient is, when something escalates, what happened to an alert,
/// what an audit action means. One place, so the three views say the same thing.
namespace EscalationText {

/// "unit" → "nurses of ICU-3", "unit:5A" → "nurses of 5A", "role:charge-nurse" → "charge nurse",
/// "user:jdoe" → "jdoe", "team:support" → "support team".
QString recipient(const QString& code, const QString& alertUnit);
QString recipients(const QStringList& codes, const QString& alertUnit);
/// "in 1:42", or "OVERDUE 0:12" once the time has passed.
QString countdown(qint64 countdownMs);
/// 0-based level as people count it: "level 1" for 0.
QString level(int level);
/// "stream" → "console stream", "webhook:pager" → "webhook pager".
QString channel(const QString& code);
/// "03:12" today, "26 Nov 03:12" before.
QString time(qint64 ms);
/// One row of an AlertHistoryModel in words (without the time).
QString historyLine(const QModelIndex& row, const QString& alertUnit);
/// Delivery of one notification: "delivered", "failed after 3 attempts: 503", "pending (2 attempts so far)".
QString delivery(const QString& state, int attempts, const QString& lastError, qint64 nextAttemptAtMs);
/// An audit action of ops-api 2.10 in words ("alert-acknowledge" → "Acknowledged an alert").
QString auditAction(const QString& code);
/// Every audit action of ops-api 2.10, in the order a filter lists them.
QStringList auditActions();
/// "ok" → "Done", "denied" → "Refused", "failed" → "Failed".
QString auditOutcome(const QString& code);

QIcon overdueIcon();
QIcon deliveryIcon(const QString& state);
QIcon outcomeIcon(const QString& outcome);

} // namespace EscalationText
