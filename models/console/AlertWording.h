#pragma once

#include <QJsonObject>
#include <QJsonValue>
#include <QString>
#include <QStringList>

/// Plain clinical and operational words for an alert (docs/ops-api.md 4.18), the same on every card,
/// panel and notification: what is wrong and where ("Critical potassium 6.9 mmol/L (HH) — ICU-3,
/// bed 301-A"), the evidence behind it, how old it is and when it escalates. Pure functions of the
/// alert and a clock reading, so they are tested without a node, a widget or waiting.
///
/// Every word goes through QCoreApplication::translate (context "AlertWording"); codes the ops API
/// sends ("critical", "acknowledged", "false_alarm") are never shown as they are.
namespace AlertWording {

/// The card's first line. Clinical: from the evidence (test, value, units, flags) and where the
/// patient is (evidence `location` when the node gives it, else the unit). Operational: from the
/// figures of the rule that fired. Falls back to the node's title. Never names the patient.
QString headline(const QJsonObject& alert, qint64 nowMs);
/// "Critical potassium 6.9 mmol/L (HH) — ICU-3, bed 301-A" from critical-result evidence.
QString clinicalHeadline(const QJsonObject& evidence, const QString& unit, const QString& resultStatus = QString());
/// "Messages to lab delayed 23 min, 14 waiting", "Destination lab down since 02:10 (connection
/// refused)", "hl7-in silent for 40 min (usually every 2 min)", … Empty when the evidence is not one
/// of the node's operational kinds.
QString operationalHeadline(const QJsonObject& evidence, qint64 nowMs);
/// The test's name for a sentence: "Potassium [Moles/volume] in Serum or Plasma" → "potassium"
/// (English lowers a plain capitalised word; acronyms such as "INR" or "pH" keep their case).
QString testName(const QString& text, const QString& code);
/// "ICU-3, bed 301-A" from the unit and the node's location ("ICU-3 301-A", "301-A", or an object
/// with pointOfCare/room/bed); the unit alone without a location.
QString whereText(const QString& unit, const QJsonValue& location);

/// The evidence in one line: "6.9 mmol/L · ref 3.5–5.1 · HH · final";
/// operational: "14 waiting · oldest 23 min · limit 100".
QString evidenceLine(const QJsonObject& evidence);
/// Every figure of the evidence as "label: value" lines, for the detail panel.
QStringList evidenceDetails(const QJsonObject& evidence);

/// "just now", "4 min ago", "2 h 5 min ago", "3 d ago".
QString ageText(qint64 createdAtMs, qint64 nowMs);
/// "45 s", "23 min", "1 h 5 min", "2 d 3 h".
QString durationText(qint64 ms);
/// A countdown: "4:12", "1:04:12".
QString countdownText(qint64 ms);
/// "level 2 of 3, next in 4:12"; levelCount 0 when unknown ("level 2, next in 4:12"); without a next
/// escalation just the level; a deadline already passed: "escalating now". level is 0-based.
QString escalationText(int level, int levelCount, qint64 nextEscalationAtMs, qint64 nowMs);
/// A time of day for the card ("03:12"), with the date when it is not today.
QString clockText(qint64 atMs, qint64 nowMs);

QString severityName(const QString& code); ///< "critical" → "Critical"
QString stateName(const QString& code); ///< "notified" → "Paged", "acknowledged" → "Acknowledged"
QString categoryName(const QString& code); ///< "clinical" → "Clinical"
/// The resolve dispositions of ops API 4.19, in the order the resolve dialog offers them.
QStringList dispositions();
QString dispositionName(const QString& code); ///< "false_alarm" → "False alarm"
/// "alert-acknowledge" → "Acknowledge", …; for pending badges and outcome lines.
QString actionName(const QString& kind);
/// The noun for a pending badge: "alert-acknowledge" → "acknowledgement".
QString actionNoun(const QString& kind);

/// A node's refusal in plain words for the panel: ISO times become the local time of day and the
/// sentence starts with a capital ("already acknowledged by nina at 2026-11-27T03:12:00.000Z" →
/// "Already acknowledged by nina at 03:12").
QString nodeWords(const QString& message, qint64 nowMs);

} // namespace AlertWording
