#include "models/alerts/CriticalResultRule.h"

#include "models/hl7/Hl7Message.h"

#include <QCryptographicHash>
#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace {

// Unit separator: never part of an HL7 value we hash (HL7 text is printable), so joined key parts
// cannot be shifted into each other ("AB" + "C" vs "A" + "BC").
constexpr QChar KeySeparator(0x1f);

QByteArray hashKey(const QStringList& parts)
{
    return QCryptographicHash::hash(parts.join(KeySeparator).toUtf8(), QCryptographicHash::Sha256).toHex();
}

bool matchesPart(QStringView pattern, QStringView value)
{
    return pattern.isEmpty() || pattern == u"*" || pattern.compare(value, Qt::CaseInsensitive) == 0;
}

/// The fields of one segment (by index, -1 = none), trimmed, by number: the rules read a few fields
/// of every OBX of every result on the ingest thread, so no path is built or parsed.
class SegmentReader
{
public:
    SegmentReader(const Hl7Message& message, int segmentIndex)
        : m_message(message)
        , m_index(segmentIndex)
    {
    }

    /// Field (first repetition), or one of its components.
    QString value(int field, int component = 0) const { return repetition(field, 1, component); }
    QString repetition(int field, int n, int component = 0) const
    {
        return m_index < 0 ? QString() : m_message.valueAt(m_index, field, n, component).trimmed();
    }
    int repetitionCount(int field) const { return m_index < 0 ? 0 : m_message.repetitionCountAt(m_index, field); }

private:
    const Hl7Message& m_message;
    int m_index;
};

/// A readable OBX-5 (first repetition): coded values show their text, structured numerics are
/// put back together ("<10", "1:128"), anything else as sent.
QString displayValue(const SegmentReader& obx, const QString& valueType)
{
    if (valueType == u"CE" || valueType == u"CWE" || valueType == u"CNE" || valueType == u"CF") {
        for (const int component : {2, 9, 1}) {
            const QString text = obx.value(5, component);
            if (!text.isEmpty())
                return text;
        }
        return {};
    }
    if (valueType == u"SN") {
        return obx.value(5, 1) + obx.value(5, 2) + obx.value(5, 3) + obx.value(5, 4);
    }
    return obx.value(5);
}

QString joinNonEmpty(const QStringList& parts, QChar separator = u' ')
{
    QStringList kept;
    for (const QString& part : parts) {
        if (!part.isEmpty())
            kept.append(part);
    }
    return kept.join(separator);
}

/// Where the patient is, for the card ("bed ICU-3 301-A"): PV1-3 point of care, then room-bed.
/// A location names a place, never a person, so it may go where patient identifiers may not.
QString locationOf(const SegmentReader& pv1)
{
    return joinNonEmpty({pv1.value(3, 1), joinNonEmpty({pv1.value(3, 2), pv1.value(3, 3)}, u'-')});
}

} // namespace

CriticalResultRule::StatusClass CriticalResultRule::classify(const QString& status)
{
    if (status.isEmpty() || status == u"F" || status == u"P")
        return StatusClass::Result;
    if (status == u"C" || status == u"A")
        return StatusClass::Correction;
    if (status == u"W" || status == u"D")
        return StatusClass::Wrong;
    if (status == u"X")
        return StatusClass::Cancelled;
    if (status == u"U")
        return StatusClass::StatusChange;
    // R, I, S, N, O and newer codes (B, V) carry nothing an alert can act on.
    return StatusClass::Ignored;
}


CriticalResultRule::CriticalResultRule(CriticalResultRuleConfig config)
    : m_config(std::move(config))
{
}

bool CriticalResultRule::appliesTo(const QString& messageType, const QString& triggerEvent) const
{
    for (const QString& entry : m_config.messageTypes) {
        const QString pattern = entry.trimmed();
        if (pattern == u"*")
            return true;
        const qsizetype caret = pattern.indexOf(u'^');
        // "ORU" alone means every trigger of that type.
        const QStringView type = caret < 0 ? QStringView(pattern) : QStringView(pattern).left(caret);
        const QStringView trigger = caret < 0 ? QStringView() : QStringView(pattern).mid(caret + 1);
        if (!type.isEmpty() && matchesPart(type, messageType) && matchesPart(trigger, triggerEvent))
            return true;
    }
    return false;
}

namespace {

/// The PID, PV1 and OBR an OBX belongs to, read only when one of its OBX makes a signal: most
/// results make none, and reading identifiers costs more than reading flags.
class ResultContext
{
public:
    explicit ResultContext(const Hl7Message& message)
        : m_message(message)
    {
    }

    void onPid(int segmentIndex)
    {
        m_pid = segmentIndex;
        m_pv1 = -1;
        m_obr = -1;
        m_read = false;
    }
    void onPv1(int segmentIndex)
    {
        m_pv1 = segmentIndex;
        m_read = false;
    }
    void onObr(int segmentIndex)
    {
        m_obr = segmentIndex;
        m_read = false;
    }

    const QString& patientId() { return read().m_patientId; }
    const QString& assigningAuthority() { return read().m_assigningAuthority; }
    const QString& unit() { return read().m_unit; }
    const QString& location() { return read().m_location; }
    const QString& orderId() { return read().m_orderId; }

private:
    ResultContext& read()
    {
        if (m_read)
            return *this;
        m_read = true;
        const SegmentReader pid(m_message, m_pid);
        m_patientId = pid.value(3, 1);
        m_assigningAuthority = pid.value(3, 4);
        const SegmentReader pv1(m_message, m_pv1);
        m_unit = pv1.value(3, 1);
        m_location = m_pv1 >= 0 ? locationOf(pv1) : QString();
        // The filler's number identifies the specimen's results; the placer's is the fallback.
        const SegmentReader obr(m_message, m_obr);
        m_orderId = obr.value(3, 1);
        if (m_orderId.isEmpty())
            m_orderId = obr.value(2, 1);
        return *this;
    }

    const Hl7Message& m_message;
    int m_pid = -1, m_pv1 = -1, m_obr = -1;          ///< the current segments' indexes; -1 = none yet
    bool m_read = false;
    QString m_patientId, m_assigningAuthority, m_unit, m_location, m_orderId;
};

} // namespace

QList<AlertSignal> CriticalResultRule::evaluate(const Hl7Message& message, const Source& source,
                                                const OpenAlertIndex* openAlerts) const
{
    QList<AlertSignal> signalList;
    if (!appliesTo(message.messageType(), message.triggerEvent()))
        return signalList;

    const AlertRuleCommon& common = m_config.common;
    // Only a rule with an open alert can be cleared by a normal result.
    const bool clearsMatter = !openAlerts || openAlerts->anyOpen(common.id);

    // An ORU^R01 may carry several patients (PATIENT_RESULT repeats) and several orders each:
    // every OBX belongs to the PID, PV1 and OBR before it.
    ResultContext context(message);
    for (int index = 0; index < message.segmentCount(); ++index) {
        const QByteArrayView segment = message.segmentView(index);
        const QByteArrayView name = segment.first(std::min<qsizetype>(3, segment.size()));
        if (name == "PID") {
            context.onPid(index);
            continue;
        }
        if (name == "PV1") {
            context.onPv1(index);
            continue;
        }
        if (name == "OBR") {
            context.onObr(index);
            continue;
        }
        if (name != "OBX")
            continue;

        const SegmentReader obx(message, index);
        const QString status = obx.value(11);
        const StatusClass statusClass = classify(status);
        if (statusClass == StatusClass::Ignored)
            continue;

        QStringList flags;
        const int flagCount = obx.repetitionCount(8);
        for (int r = 1; r <= flagCount; ++r) {
            const QString flag = obx.repetition(8, r);
            if (!flag.isEmpty())
                flags.append(flag);
        }
        const QStringList critical = criticalOf(flags);
        std::optional<AlertSignal> signal = signalKind(statusClass, status, !critical.isEmpty(), clearsMatter);
        if (!signal)
            continue;

        Observed o;
        o.status = status;
        o.flags = flags;
        o.criticalFlags = critical;
        o.code = obx.value(3, 1);
        o.text = obx.value(3, 2);
        o.codeSystem = obx.value(3, 3);
        o.valueType = obx.value(2);
        o.value = displayValue(obx, o.valueType);
        o.units = obx.value(6, 1);
        if (o.units.isEmpty())
            o.units = obx.value(6, 2);
        o.referenceRange = obx.value(7);
        o.observedAt = obx.value(14, 1);
        o.controlId = message.controlId();
        o.sendingFacility = message.sendingFacility();
        o.patientId = context.patientId();
        o.assigningAuthority = context.assigningAuthority();
        o.groupId = context.orderId();
        // The tags ("obx21", "order") keep an instance identifier from ever equalling an order-based key.
        const QString instanceId = obx.value(21);
        if (!instanceId.isEmpty())
            o.instanceKey = QStringList{QStringLiteral("obx21"), instanceId};
        else
            o.instanceKey = QStringList{QStringLiteral("order"), o.groupId, o.code, obx.value(4)};
        o.unit = source.unit.isEmpty() ? context.unit() : source.unit;
        o.location = context.location();
        if (finishSignal(*signal, o, source, openAlerts))
            signalList.append(*signal);
    }
    return signalList;
}

QStringList CriticalResultRule::criticalOf(const QStringList& flags) const
{
    QStringList critical;
    for (const QString& flag : flags) {
        // HL7 table values are upper case; a lower-case "hh" is not a code we know.
        if (m_config.criticalFlags.contains(flag, Qt::CaseSensitive) && !critical.contains(flag))
            critical.append(flag);
    }
    return critical;
}

std::optional<AlertSignal> CriticalResultRule::signalKind(StatusClass statusClass, const QString& status,
                                                          bool critical, bool clearsMatter) const
{
    AlertSignal signal;
    switch (statusClass) {
    case StatusClass::Result:
        if (critical) {
            if (status == u"P" && !m_config.alertOnPreliminary)
                return std::nullopt;
            signal.kind = AlertSignal::Kind::Raise;
        } else {
            signal.kind = AlertSignal::Kind::Clear;
            signal.disposition = QStringLiteral("corrected");
        }
        break;
    case StatusClass::Correction:
        signal.kind = critical ? AlertSignal::Kind::Raise : AlertSignal::Kind::Clear;
        if (!critical)
            signal.disposition = QStringLiteral("corrected");
        signal.correction = true;
        break;
    case StatusClass::Wrong:
        signal.kind = AlertSignal::Kind::Retract;
        break;
    case StatusClass::Cancelled:
        signal.kind = AlertSignal::Kind::Clear;
        signal.disposition = QStringLiteral("cancelled");
        break;
    case StatusClass::StatusChange:
        if (!critical)
            return std::nullopt;
        signal.kind = AlertSignal::Kind::Raise;
        signal.statusOnly = true;
        break;
    case StatusClass::Ignored:
        return std::nullopt;
    }
    if (signal.kind == AlertSignal::Kind::Clear && !signal.correction && !clearsMatter)
        return std::nullopt;
    return signal;
}

bool CriticalResultRule::finishSignal(AlertSignal& signal, const Observed& o, const Source& source,
                                      const OpenAlertIndex* openAlerts) const
{
    const AlertRuleCommon& common = m_config.common;
    signal.dedupKey = hashKey(QStringList{common.id, o.patientId, o.assigningAuthority} + o.instanceKey);
    if (openAlerts && signal.kind == AlertSignal::Kind::Clear && !signal.correction
        && !openAlerts->isOpen(common.id, signal.dedupKey))
        return false;
    signal.groupKey = hashKey({QStringLiteral("group"), common.id, o.patientId, o.assigningAuthority, o.groupId});

    signal.ruleId = common.id;
    signal.category = AlertCategory::Clinical;
    signal.severity = common.severity;
    signal.policy = common.policy;
    signal.team = common.team;
    signal.cooldownMs = qint64(common.cooldownSeconds) * 1000;
    signal.maxAgeMs = 0; // a critical result never expires unattended
    signal.unit = o.unit;
    signal.patientId = o.patientId;
    signal.subject = o.code;
    signal.correlationId = source.correlationId;
    signal.messageId = source.messageId;
    signal.resultStatus = o.status;

    const QString what = o.text.isEmpty() ? o.code : o.text;
    QString prefix;
    QString suffix;
    switch (signal.kind) {
    case AlertSignal::Kind::Raise:
        prefix = signal.correction ? QStringLiteral("Corrected result") : QStringLiteral("Critical result");
        suffix = u'(' + o.criticalFlags.join(u',') + u')';
        break;
    case AlertSignal::Kind::Clear:
        if (signal.disposition == u"cancelled") {
            prefix = QStringLiteral("Cancelled result");
        } else {
            prefix = signal.correction ? QStringLiteral("Corrected result") : QStringLiteral("Result");
            suffix = QStringLiteral("(no longer critical)");
        }
        break;
    case AlertSignal::Kind::Retract:
        prefix = QStringLiteral("Result posted in error");
        suffix = u'(' + o.status + u')';
        break;
    }
    signal.title = joinNonEmpty({prefix, what, o.value, o.units, suffix});

    QJsonObject evidence;
    evidence.insert(u"code"_s, o.code);
    evidence.insert(u"codeSystem"_s, o.codeSystem);
    evidence.insert(u"text"_s, o.text);
    evidence.insert(u"value"_s, o.value);
    evidence.insert(u"units"_s, o.units);
    evidence.insert(u"referenceRange"_s, o.referenceRange);
    evidence.insert(u"flags"_s, QJsonArray::fromStringList(o.flags));
    evidence.insert(u"resultStatus"_s, o.status);
    evidence.insert(u"observedAt"_s, o.observedAt);
    evidence.insert(u"valueType"_s, o.valueType);
    evidence.insert(u"controlId"_s, o.controlId);
    evidence.insert(u"sendingFacility"_s, o.sendingFacility);
    if (!o.location.isEmpty())
        evidence.insert(u"location"_s, o.location);
    signal.evidence = evidence;
    return true;
}
