#pragma once

#include "models/alerts/AlertRuleConfig.h"
#include "models/alerts/AlertTypes.h"
#include "models/alerts/OpenAlertIndex.h"

#include <QJsonObject>

#include <optional>

class Hl7Message;

/// Turns an ORU^R01's observations — or FHIR R4 Observations — into alert signals (SEMANTICS.md 3.2
/// and 3.3). One signal per OBX (Observation) that matters; OBX segments are attributed to the OBR
/// before them.
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
///
/// FHIR (an Observation, or a Bundle's Observations) follows the same rules with: flags =
/// Observation.interpretation codes; status mapped to OBX-11 (preliminary P, final F, corrected C,
/// amended A, entered-in-error W, cancelled X; registered and unknown are ignored) and reported so,
/// one vocabulary for every alert; patient = subject.identifier (value, system), else the identifier
/// of the Bundle's Patient; dedupKey from the Observation's first identifier (system|value), else its
/// id, else code + effective time; groupKey from the first basedOn reference; code, codeSystem and
/// text from code.coding[0] (text: code.text, else display); value and units from valueQuantity
/// (else valueCodeableConcept's text or display, valueString, valueInteger); referenceRange
/// "low-high" (or its text); observedAt = effectiveDateTime (else effectivePeriod.start, issued);
/// controlId = the Observation's id; unit as the node stored the message (Source::unit).
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
    /// Whether the rule looks at a FHIR body of this resource type at all: an Observation or a Bundle,
    /// when fhirObservations is on (cheap: call before parsing).
    bool appliesToFhir(const QString& resourceType) const;
    /// The same for FHIR: an Observation, or a Bundle (its Observation entries). Applies when the
    /// rule's fhirObservations is on; any other resource gives nothing.
    QList<AlertSignal> evaluate(const QJsonObject& resource, const Source& source,
                                const OpenAlertIndex* openAlerts = nullptr) const;

private:
    enum class StatusClass { Result, Correction, Wrong, Cancelled, StatusChange, Ignored };
    /// One observation as the rule needs it, whatever the format it came in.
    struct Observed
    {
        QString status;                              ///< OBX-11 code
        QStringList flags;                           ///< as sent
        QStringList criticalFlags;                   ///< those in the rule's criticalFlags
        QString patientId, assigningAuthority;
        QStringList instanceKey;                     ///< tagged parts that identify this observation
        QString groupId;                             ///< its order (panel)
        QString code, codeSystem, text, value, units, referenceRange, observedAt, valueType;
        QString controlId, sendingFacility, location, unit;
    };
    static StatusClass classify(const QString& status);
    QStringList criticalOf(const QStringList& flags) const;
    /// What the status and the flags call for (kind, disposition, correction), before any identifier
    /// is read: nothing for most normal results.
    std::optional<AlertSignal> signalKind(StatusClass statusClass, const QString& status, bool critical,
                                          bool clearsMatter) const;
    /// Keys, title and evidence. False: a clear with no open alert to clear.
    bool finishSignal(AlertSignal& signal, const Observed& observed, const Source& source,
                      const OpenAlertIndex* openAlerts) const;

    CriticalResultRuleConfig m_config;
};
