#include "models/console/AlertWording.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonValue>
#include <QLocale>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace {

// Tr::tr rather than a free tr() helper: lupdate extracts only calls it can give a context, and a
// function in this anonymous namespace has none (German showed "Befundstatus: final").
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(AlertWording)
};

/// Sentence case for a word that is plainly a capitalised word ("Potassium", "Connection refused"),
/// leaving acronyms and codes alone ("INR", "pH", "HbA1c", "LDL cholesterol").
QString lowerFirstWord(const QString& text)
{
    if (text.size() < 2 || !text.at(0).isUpper())
        return text;
    qsizetype end = 0;
    while (end < text.size() && text.at(end).isLetter())
        ++end;
    for (qsizetype i = 1; i < end; ++i) {
        if (!text.at(i).isLower())
            return text;
    }
    if (end < text.size() && text.at(end).isDigit())
        return text;
    return text.at(0).toLower() + text.mid(1);
}

QString upperFirst(const QString& text)
{
    if (text.isEmpty() || !text.at(0).isLower())
        return text;
    return text.at(0).toUpper() + text.mid(1);
}

qint64 intOf(const QJsonObject& o, QStringView key)
{
    return o.value(key).toInteger();
}

QString latencyText(qint64 ms)
{
    if (ms < 1000)
        return Tr::tr("%1 ms", "milliseconds").arg(ms);
    if (ms % 1000 == 0)
        return Tr::tr("%1 s", "seconds").arg(ms / 1000);
    return Tr::tr("%1 s", "seconds with one decimal").arg(QLocale().toString(double(ms) / 1000.0, 'f', 1));
}

QString flagsOf(const QJsonObject& evidence)
{
    QStringList flags;
    const QJsonArray array = evidence.value(u"flags").toArray();
    for (const QJsonValue& v : array) {
        if (!v.toString().isEmpty())
            flags.append(v.toString());
    }
    return flags.join(u',');
}

/// "3.5-5.1" → "3.5–5.1": an en dash reads as a range, not a minus sign.
QString rangeText(const QString& range)
{
    static const QRegularExpression pattern(uR"(^\s*(-?\d+(?:[.,]\d+)?)\s*-\s*(-?\d+(?:[.,]\d+)?)\s*$)"_s);
    const QRegularExpressionMatch m = pattern.match(range);
    if (!m.hasMatch())
        return range.trimmed();
    return m.captured(1) + u'\u2013' + m.captured(2);
}

/// OBX-11 result status (HL7 table 0085) in words.
QString resultStatusName(const QString& code)
{
    if (code == u"F")
        return Tr::tr("final", "result status");
    if (code == u"P")
        return Tr::tr("preliminary", "result status");
    if (code == u"C")
        return Tr::tr("corrected", "result status");
    if (code == u"A")
        return Tr::tr("amended", "result status");
    if (code == u"R")
        return Tr::tr("not verified", "result status");
    if (code == u"S")
        return Tr::tr("partial", "result status");
    if (code == u"W" || code == u"D")
        return Tr::tr("posted in error", "result status");
    if (code == u"X")
        return Tr::tr("cancelled", "result status");
    return code;
}

bool isClinicalEvidence(const QJsonObject& evidence)
{
    return evidence.contains(u"value") && (evidence.contains(u"flags") || evidence.contains(u"code"));
}

} // namespace

namespace AlertWording {

QString testName(const QString& text, const QString& code)
{
    QString name = text.trimmed();
    // LOINC long names qualify the test in brackets and "in Serum or Plasma": the nurse needs the
    // analyte, the rest is on the evidence line of the detail panel.
    const qsizetype bracket = name.indexOf(u'[');
    if (bracket > 0)
        name = name.left(bracket).trimmed();
    const qsizetype in = name.indexOf(u" in "_s);
    if (in > 0)
        name = name.left(in).trimmed();
    if (name.isEmpty())
        return code;
    // The translation decides whether a test name is lowered inside a sentence (German keeps nouns
    // capitalised).
    if (Tr::tr("lower", "Inside a sentence, write a capitalised test name in lower case? Answer 'lower' or 'keep'")
        == u"lower")
        return lowerFirstWord(name);
    return name;
}

QString whereText(const QString& unit, const QJsonValue& location)
{
    QString bed;
    QString place = unit;
    if (location.isObject()) {
        const QJsonObject o = location.toObject();
        const QString pointOfCare = o.value(u"pointOfCare").toString(o.value(u"unit").toString());
        if (!pointOfCare.isEmpty())
            place = pointOfCare;
        const QString room = o.value(u"room").toString();
        const QString b = o.value(u"bed").toString();
        bed = room.isEmpty() ? b : (b.isEmpty() ? room : room + u'-' + b);
    } else {
        const QString text = location.toString().trimmed();
        if (!unit.isEmpty() && text.startsWith(unit, Qt::CaseInsensitive))
            bed = text.mid(unit.size()).trimmed();
        else if (!text.isEmpty() && text.compare(unit, Qt::CaseInsensitive) != 0)
            bed = text;
        while (bed.startsWith(u',') || bed.startsWith(u'^') || bed.startsWith(u'-') || bed.startsWith(u' '))
            bed.remove(0, 1);
    }
    if (bed.isEmpty())
        return place;
    if (place.isEmpty())
        return Tr::tr("bed %1").arg(bed);
    return Tr::tr("%1, bed %2", "unit, bed").arg(place, bed);
}

QString clinicalHeadline(const QJsonObject& evidence, const QString& unit, const QString& resultStatus)
{
    const QString name = testName(evidence.value(u"text").toString(), evidence.value(u"code").toString());
    QString value = evidence.value(u"value").toString();
    const QString units = evidence.value(u"units").toString();
    if (!units.isEmpty())
        value = Tr::tr("%1 %2", "value units").arg(value, units);
    const QString flags = flagsOf(evidence);
    const QString status = resultStatus.isEmpty() ? evidence.value(u"resultStatus").toString() : resultStatus;
    // Amended (A) is HL7's other correction (OBX-11; FHIR "amended"): the nurse reads the same word.
    QString what = status == u"C" || status == u"A" ? Tr::tr("Corrected critical %1 %2", "test name, value with units").arg(name, value)
                                  : Tr::tr("Critical %1 %2", "test name, value with units").arg(name, value);
    if (!flags.isEmpty())
        what = Tr::tr("%1 (%2)", "headline (abnormal flags)").arg(what, flags);
    if (status == u"P")
        what = Tr::tr("%1, preliminary", "a result not yet final").arg(what);
    const QString where = whereText(unit, evidence.value(u"location"));
    if (where.isEmpty())
        return what;
    return Tr::tr("%1 \u2014 %2", "what \u2014 where").arg(what, where);
}

QString operationalHeadline(const QJsonObject& evidence, qint64 nowMs)
{
    const QString destination = evidence.value(u"destination").toString();
    const QString channel = evidence.value(u"channel").toString();
    if (evidence.contains(u"silentForMs")) {
        const qint64 usual = intOf(evidence, u"usualGapMs");
        if (usual > 0)
            return Tr::tr("%1 silent for %2 (usually every %3)", "channel")
                .arg(channel, durationText(intOf(evidence, u"silentForMs")), durationText(usual));
        return Tr::tr("%1 silent for %2", "channel").arg(channel, durationText(intOf(evidence, u"silentForMs")));
    }
    if (evidence.contains(u"meanAckLatencyMs")) {
        return Tr::tr("%1 slow to acknowledge: %2 on average (limit %3)", "channel")
            .arg(channel, latencyText(intOf(evidence, u"meanAckLatencyMs")),
                latencyText(intOf(evidence, u"thresholdMs")));
    }
    if (evidence.contains(u"newDeadLetters")) {
        const qint64 windowMs = intOf(evidence, u"windowSeconds") * 1000;
        return Tr::tr("Dead letters growing: %1 new in %2")
            .arg(intOf(evidence, u"newDeadLetters"))
            .arg(durationText(windowMs));
    }
    if (!destination.isEmpty() && (evidence.contains(u"lastErrorAtMs") || evidence.contains(u"lastError"))
        && !evidence.contains(u"threshold")) {
        const qint64 since = intOf(evidence, u"holdingSinceMs");
        // "connect: Connection refused" → "connection refused": the cause, the full text is on the
        // evidence line.
        QString error = evidence.value(u"lastError").toString().trimmed();
        const qsizetype colon = error.lastIndexOf(u": "_s);
        if (colon >= 0)
            error = error.mid(colon + 2).trimmed();
        error = lowerFirstWord(error);
        if (since > 0 && !error.isEmpty())
            return Tr::tr("Destination %1 down since %2 (%3)").arg(destination, clockText(since, nowMs), error);
        if (since > 0)
            return Tr::tr("Destination %1 down since %2").arg(destination, clockText(since, nowMs));
        if (!error.isEmpty())
            return Tr::tr("Destination %1 down (%2)").arg(destination, error);
        return Tr::tr("Destination %1 down").arg(destination);
    }
    if (!destination.isEmpty() && evidence.contains(u"queueDepth")) {
        const qint64 waiting = intOf(evidence, u"queueDepth");
        const qint64 oldest = intOf(evidence, u"oldestQueuedAgeMs");
        if (oldest > 0)
            return Tr::tr("Messages to %1 delayed %2, %3 waiting").arg(destination, durationText(oldest)).arg(waiting);
        return Tr::tr("Messages to %1 backing up: %2 waiting (limit %3)")
            .arg(destination)
            .arg(waiting)
            .arg(intOf(evidence, u"threshold"));
    }
    return QString();
}

QString headline(const QJsonObject& alert, qint64 nowMs)
{
    const QJsonObject evidence = alert.value(u"evidence").toObject();
    QString text;
    if (alert.value(u"category").toString() == u"clinical" || isClinicalEvidence(evidence)) {
        if (isClinicalEvidence(evidence))
            text = clinicalHeadline(evidence, alert.value(u"unit").toString(), alert.value(u"resultStatus").toString());
    } else {
        text = operationalHeadline(evidence, nowMs);
    }
    if (!text.isEmpty())
        return text;
    const QString title = alert.value(u"title").toString();
    const QString unit = alert.value(u"unit").toString();
    if (!title.isEmpty() && !unit.isEmpty())
        return Tr::tr("%1 \u2014 %2", "what \u2014 where").arg(title, unit);
    return title.isEmpty() ? Tr::tr("Alert %1").arg(alert.value(u"id").toInteger()) : title;
}

QString evidenceLine(const QJsonObject& evidence)
{
    QStringList parts;
    if (isClinicalEvidence(evidence)) {
        QString value = evidence.value(u"value").toString();
        const QString units = evidence.value(u"units").toString();
        if (!units.isEmpty())
            value = Tr::tr("%1 %2", "value units").arg(value, units);
        parts << value;
        const QString range = evidence.value(u"referenceRange").toString();
        if (!range.isEmpty())
            parts << Tr::tr("ref %1", "reference range").arg(rangeText(range));
        const QString flags = flagsOf(evidence);
        if (!flags.isEmpty())
            parts << flags;
        const QString status = evidence.value(u"resultStatus").toString();
        if (!status.isEmpty())
            parts << resultStatusName(status);
        // The trend: earlier values of the same result (corrections, repeats), oldest first.
        const QJsonArray previous = evidence.value(u"previousValues").toArray();
        if (!previous.isEmpty()) {
            QStringList values;
            for (qsizetype i = previous.size() - 1; i >= 0; --i)
                values << previous.at(i).toObject().value(u"value").toString();
            values << evidence.value(u"value").toString();
            parts << Tr::tr("trend %1", "earlier values of the same result, oldest first")
                         .arg(values.join(u" \u2192 "_s));
        }
        return parts.join(u" \u00b7 "_s);
    }
    if (evidence.contains(u"queueDepth"))
        parts << Tr::tr("%1 waiting", "queued messages").arg(intOf(evidence, u"queueDepth"));
    if (intOf(evidence, u"oldestQueuedAgeMs") > 0)
        parts << Tr::tr("oldest %1", "age of the oldest queued message")
                     .arg(durationText(intOf(evidence, u"oldestQueuedAgeMs")));
    if (evidence.contains(u"threshold") && !evidence.contains(u"newDeadLetters"))
        parts << Tr::tr("limit %1").arg(intOf(evidence, u"threshold"));
    const QString breaker = evidence.value(u"breakerState").toString();
    if (breaker == u"open")
        parts << Tr::tr("circuit breaker open");
    else if (breaker == u"half-open" || breaker == u"halfOpen")
        parts << Tr::tr("circuit breaker testing");
    const QString error = evidence.value(u"lastError").toString().trimmed();
    if (!error.isEmpty())
        parts << Tr::tr("last error: %1").arg(lowerFirstWord(error));
    if (evidence.contains(u"silentForMs")) {
        parts << Tr::tr("silent %1").arg(durationText(intOf(evidence, u"silentForMs")));
        if (intOf(evidence, u"usualGapMs") > 0)
            parts << Tr::tr("usually every %1").arg(durationText(intOf(evidence, u"usualGapMs")));
    }
    if (evidence.contains(u"meanAckLatencyMs")) {
        parts << Tr::tr("mean ACK time %1").arg(latencyText(intOf(evidence, u"meanAckLatencyMs")));
        parts << Tr::tr("limit %1").arg(latencyText(intOf(evidence, u"thresholdMs")));
    }
    if (evidence.contains(u"newDeadLetters")) {
        parts << Tr::tr("%1 new", "dead letters").arg(intOf(evidence, u"newDeadLetters"));
        parts << Tr::tr("limit %1").arg(intOf(evidence, u"threshold"));
        if (evidence.contains(u"deadLettersTotal"))
            parts << Tr::tr("%1 in total", "dead letters").arg(intOf(evidence, u"deadLettersTotal"));
    }
    return parts.join(u" \u00b7 "_s);
}

namespace {

/// A FHIR code system URI as the short name HL7 v2 uses for it (table 0396), so a FHIR result reads
/// like an HL7 one; anything else as sent.
QString codeSystemName(const QString& system)
{
    if (system == u"http://loinc.org")
        return u"LN"_s;
    if (system == u"http://snomed.info/sct")
        return u"SCT"_s;
    if (system == u"http://unitsofmeasure.org")
        return u"UCUM"_s;
    return system;
}

/// When a result was observed, for reading: HL7 (OBX-14, local time, "202611270930") or FHIR
/// (effectiveDateTime, ISO 8601 with its zone, shown in local time); else as sent.
QString observedText(const QString& observed)
{
    QDateTime at = QDateTime::fromString(observed.left(12), u"yyyyMMddHHmm"_s);
    if (!at.isValid() && observed.contains(u'T'))
        at = QDateTime::fromString(observed, Qt::ISODateWithMs).toLocalTime();
    return at.isValid() ? at.toString(u"yyyy-MM-dd HH:mm"_s) : observed;
}

} // namespace

QStringList evidenceDetails(const QJsonObject& evidence)
{
    QStringList lines;
    auto add = [&lines](const QString& label, const QString& value) {
        if (!value.isEmpty())
            lines << Tr::tr("%1: %2", "label: value").arg(label, value);
    };
    if (isClinicalEvidence(evidence)) {
        add(Tr::tr("Test"), evidence.value(u"text").toString());
        const QString code = evidence.value(u"code").toString();
        const QString system = codeSystemName(evidence.value(u"codeSystem").toString());
        add(Tr::tr("Code"), system.isEmpty() ? code : Tr::tr("%1 (%2)", "code (code system)").arg(code, system));
        QString value = evidence.value(u"value").toString();
        if (!evidence.value(u"units").toString().isEmpty())
            value = Tr::tr("%1 %2", "value units").arg(value, evidence.value(u"units").toString());
        add(Tr::tr("Value"), value);
        add(Tr::tr("Reference range"), rangeText(evidence.value(u"referenceRange").toString()));
        add(Tr::tr("Flags"), flagsOf(evidence));
        add(Tr::tr("Result status"), resultStatusName(evidence.value(u"resultStatus").toString()));
        add(Tr::tr("Observed"), observedText(evidence.value(u"observedAt").toString()));
        const QJsonValue location = evidence.value(u"location");
        add(Tr::tr("Where"), location.isObject() ? whereText(QString(), location) : location.toString());
        add(Tr::tr("Message control ID"), evidence.value(u"controlId").toString());
        add(Tr::tr("Sending facility"), evidence.value(u"sendingFacility").toString());
        return lines;
    }
    add(Tr::tr("Destination"), evidence.value(u"destination").toString());
    add(Tr::tr("Channel"), evidence.value(u"channel").toString());
    const QString line = evidenceLine(evidence);
    if (!line.isEmpty())
        lines << line;
    return lines;
}

QString ageText(qint64 createdAtMs, qint64 nowMs)
{
    if (createdAtMs <= 0)
        return QString();
    const qint64 ms = nowMs - createdAtMs;
    if (ms < 60'000)
        return Tr::tr("just now");
    return Tr::tr("%1 ago", "age").arg(durationText(ms));
}

QString durationText(qint64 ms)
{
    ms = std::max<qint64>(ms, 0);
    if (ms < 60'000)
        return Tr::tr("%1 s", "seconds").arg(ms / 1000);
    const qint64 minutes = ms / 60'000;
    if (minutes < 60)
        return Tr::tr("%1 min", "minutes").arg(minutes);
    const qint64 hours = minutes / 60;
    if (hours < 24) {
        if (minutes % 60 == 0)
            return Tr::tr("%1 h", "hours").arg(hours);
        return Tr::tr("%1 h %2 min", "hours minutes").arg(hours).arg(minutes % 60);
    }
    const qint64 days = hours / 24;
    if (hours % 24 == 0)
        return Tr::tr("%1 d", "days").arg(days);
    return Tr::tr("%1 d %2 h", "days hours").arg(days).arg(hours % 24);
}

QString countdownText(qint64 ms)
{
    const qint64 seconds = std::max<qint64>(ms, 0) / 1000;
    const qint64 h = seconds / 3600;
    const qint64 m = (seconds / 60) % 60;
    const qint64 s = seconds % 60;
    if (h > 0)
        return u"%1:%2:%3"_s.arg(h).arg(m, 2, 10, QLatin1Char('0')).arg(s, 2, 10, QLatin1Char('0'));
    return u"%1:%2"_s.arg(m).arg(s, 2, 10, QLatin1Char('0'));
}

QString escalationText(int level, int levelCount, qint64 nextEscalationAtMs, qint64 nowMs)
{
    const int shown = std::max(level, 0) + 1;
    const QString levelText = levelCount > 0 ? Tr::tr("level %1 of %2", "escalation level").arg(shown).arg(levelCount)
                                             : Tr::tr("level %1", "escalation level").arg(shown);
    if (nextEscalationAtMs <= 0)
        return levelText;
    if (nextEscalationAtMs <= nowMs)
        return Tr::tr("%1, escalating now", "escalation level").arg(levelText);
    // Past the last level the node repeats it: the countdown is to the next page, not a new level.
    if (levelCount > 0 && shown >= levelCount)
        return Tr::tr("%1, paged again in %2", "escalation level, countdown")
            .arg(levelText, countdownText(nextEscalationAtMs - nowMs));
    return Tr::tr("%1, next in %2", "escalation level, countdown")
        .arg(levelText, countdownText(nextEscalationAtMs - nowMs));
}

QString clockText(qint64 atMs, qint64 nowMs)
{
    const QDateTime at = QDateTime::fromMSecsSinceEpoch(atMs);
    if (at.date() == QDateTime::fromMSecsSinceEpoch(nowMs).date())
        return at.toString(u"HH:mm"_s);
    return at.toString(u"yyyy-MM-dd HH:mm"_s);
}

QString severityName(const QString& code)
{
    if (code == u"critical")
        return Tr::tr("Critical", "alert severity");
    if (code == u"high")
        return Tr::tr("High", "alert severity");
    if (code == u"medium")
        return Tr::tr("Medium", "alert severity");
    if (code == u"low")
        return Tr::tr("Low", "alert severity");
    return code.isEmpty() ? Tr::tr("Unknown", "alert severity") : code;
}

QString stateName(const QString& code)
{
    if (code == u"open")
        return Tr::tr("Open", "alert state: raised, nobody paged yet");
    if (code == u"notified")
        return Tr::tr("Paged", "alert state: the first level was notified");
    if (code == u"escalated")
        return Tr::tr("Escalated", "alert state");
    if (code == u"acknowledged")
        return Tr::tr("Acknowledged", "alert state");
    if (code == u"suppressed")
        return Tr::tr("Silenced", "alert state: suppressed by a silence or cooldown, nobody paged");
    if (code == u"resolved")
        return Tr::tr("Resolved", "alert state");
    if (code == u"retracted")
        return Tr::tr("Retracted", "alert state: the result was posted in error");
    if (code == u"expired")
        return Tr::tr("Expired", "alert state");
    return code;
}

QString categoryName(const QString& code)
{
    if (code == u"clinical")
        return Tr::tr("Clinical", "alert category");
    if (code == u"operational")
        return Tr::tr("Operational", "alert category");
    return code;
}

QStringList dispositions()
{
    return { u"treated"_s, u"informed_provider"_s, u"false_alarm"_s, u"duplicate"_s, u"source_cleared"_s,
        u"corrected"_s, u"cancelled"_s };
}

QString dispositionName(const QString& code)
{
    if (code == u"treated")
        return Tr::tr("Treated", "alert disposition");
    if (code == u"informed_provider")
        return Tr::tr("Provider informed", "alert disposition");
    if (code == u"false_alarm")
        return Tr::tr("False alarm", "alert disposition");
    if (code == u"duplicate")
        return Tr::tr("Duplicate of another alert", "alert disposition");
    if (code == u"source_cleared")
        return Tr::tr("Problem cleared at the source", "alert disposition");
    if (code == u"corrected")
        return Tr::tr("Result corrected", "alert disposition");
    if (code == u"cancelled")
        return Tr::tr("Cancelled", "alert disposition");
    return code;
}

QString actionName(const QString& kind)
{
    if (kind == u"alert-acknowledge")
        return Tr::tr("Acknowledge", "alert action");
    if (kind == u"alert-resolve")
        return Tr::tr("Resolve", "alert action");
    if (kind == u"alert-escalate")
        return Tr::tr("Escalate", "alert action");
    if (kind == u"silence-create")
        return Tr::tr("Silence", "alert action: create a silence");
    return kind;
}

QString actionNoun(const QString& kind)
{
    if (kind == u"alert-acknowledge")
        return Tr::tr("acknowledgement", "pending alert action");
    if (kind == u"alert-resolve")
        return Tr::tr("resolution", "pending alert action");
    if (kind == u"alert-escalate")
        return Tr::tr("escalation", "pending alert action");
    if (kind == u"silence-create")
        return Tr::tr("silence", "pending alert action");
    return Tr::tr("action", "pending alert action");
}

QString nodeWords(const QString& message, qint64 nowMs)
{
    static const QRegularExpression iso(uR"(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2}))"_s);
    QString text = message.trimmed();
    QRegularExpressionMatchIterator it = iso.globalMatch(text);
    QList<QRegularExpressionMatch> matches;
    while (it.hasNext())
        matches.append(it.next());
    for (auto m = matches.crbegin(); m != matches.crend(); ++m) {
        const QDateTime at = QDateTime::fromString(m->captured(), Qt::ISODateWithMs);
        if (at.isValid())
            text.replace(m->capturedStart(), m->capturedLength(), clockText(at.toMSecsSinceEpoch(), nowMs));
    }
    return upperFirst(text);
}

} // namespace AlertWording
