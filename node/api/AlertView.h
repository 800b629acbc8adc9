#pragma once

#include "models/alerts/AlertRuleConfig.h"
#include "models/alerts/AlertTypes.h"
#include "node/alerts/AlertStore.h"

#include <QJsonArray>
#include <QJsonObject>

/// The JSON shapes of alerts, silences and alert figures (docs/ops-api.md "Alerts"). Times are
/// ISO 8601 UTC with milliseconds, absent values left out, like ApiJson. The patient identifier is
/// masked unless `maskPhi` is false; the stream's shape never carries it at all.
namespace AlertView {

QJsonObject summary(const Alert& alert, bool maskPhi);
/// summary() plus history and notifications (with their delivery state).
QJsonObject detail(const Alert& alert, const QList<NotificationRecord>& notifications, bool maskPhi);
/// The "alert.changed" event's data: summary without patientId, plus the notifications asked for.
QJsonObject event(const Alert& alert, const QList<AlertNotification>& notifications);
QJsonObject transition(const AlertTransition& transition);
QJsonObject notification(const NotificationRecord& record);
QJsonObject silence(const Silence& silence, qint64 nowMs);
QJsonObject figures(const AlertFigures& figures);
/// The alert rules, policies and webhooks in force (webhook URLs without user info or query).
QJsonObject rules(const AlertsConfig& config);
QJsonArray recipients(const QList<Recipient>& recipients);

} // namespace AlertView
