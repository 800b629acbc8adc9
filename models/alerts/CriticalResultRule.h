#pragma once

#include "models/alerts/AlertRuleConfig.h"
#include "models/alerts/AlertTypes.h"
#include "models/alerts/OpenAlertIndex.h"

class Hl7Message;

/// Turns an ORU^R01's observations into alert signals (SEMANTICS.md 3.2 and 3.3). One signal per OBX
/// that matters; OBX segments are attributed to the OBR before them.
///
/// - Critical iff any OBX-8 repetition is in the rule's criticalFlags, and OBX-11 in P, F, C, A
///   (P only when alertOnPreliminary) → Raise (C/A: correction = true). OBX-11 empty counts as F.
/// - Not critical with OBX-11 P, F, C or A → Clear("corrected") (applies only to an open alert of the
///   key; for C/A also a withdrawal notice to an earlier acknowledger); correction = true for C/A.
/// - OBX-11 W or D → Retract. X → Clear("cancelled"). U → Raise with statusOnly (promotes P to F,
///   no re-page) — only when flags are critical. R, I, S, N, O and anything else → nothing.
/// - dedupKey = SHA-256 hex of rule id, PID-3.1 + PID-3.4 (first repetition), and OBX-21 if present,
///   else (OBR-3.1, else OBR-2.1) + OBX-3.1 + OBX-4. groupKey = SHA-256 hex of rule id, patient and
///   OBR-3.1/OBR-2.1 (one panel's criticals group together). Keys carry no readable PHI.
/// - unit = PV1-3.1; patientId = PID-3.1; subject = OBX-3.1; title like
///   "Critical result K 6.9 mmol/L (HH)" (OBX-3.2, else OBX-3.1); evidence: code, codeSystem, text,
///   value, units, referenceRange, flags (array), resultStatus, observedAt (OBX-14), valueType,
///   controlId (MSH-10), sendingFacility, and location when PV1-3 has one: point of care, then
///   room-bed ("ICU-3 301-A"; empty parts left out). The state machine adds previousValues when a
///   later result of the same key updates the alert (AlertStateMachine::onSignal).
class CriticalResultRule
{
public:
    /// Where the message came from, copied onto every signal.
    struct Source
    {
        qint64 messageId = 0;
        QByteArray correlationId;
        QString unit;                                ///< the node's idea of the unit (PV1-3.1); empty: read it here
    };

    explicit CriticalResultRule(CriticalResultRuleConfig config);
    const CriticalResultRuleConfig& config() const { return m_config; }

    /// Whether the rule looks at this message type/trigger at all (cheap: call before parsing).
    bool appliesTo(const QString& messageType, const QString& triggerEvent) const;
    /// With `openAlerts`, a plain "no longer critical" signal is only built where an alert is open
    /// to clear: most results are normal, and their signals would change nothing.
    QList<AlertSignal> evaluate(const Hl7Message& message, const Source& source,
                                const OpenAlertIndex* openAlerts = nullptr) const;

private:
    CriticalResultRuleConfig m_config;
};
