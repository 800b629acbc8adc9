#include "models/console/AlertWording.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QSet>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

/// Local times, so "since 02:10" reads the same in any time zone the test runs in.
qint64 local(int hour, int minute, int day = 27)
{
    return QDateTime(QDate(2026, 11, day), QTime(hour, minute), Qt::LocalTime).toMSecsSinceEpoch();
}

const qint64 Now = local(2, 40);

QJsonObject potassium(const QJsonValue& location = QJsonValue(), const QString& status = u"F"_s)
{
    QJsonObject e { { u"code"_s, u"2823-3"_s }, { u"codeSystem"_s, u"LN"_s },
        { u"text"_s, u"Potassium [Moles/volume] in Serum or Plasma"_s }, { u"value"_s, u"6.9"_s },
        { u"units"_s, u"mmol/L"_s }, { u"referenceRange"_s, u"3.5-5.1"_s }, { u"flags"_s, QJsonArray { u"HH"_s } },
        { u"resultStatus"_s, status }, { u"observedAt"_s, u"20261127093000"_s }, { u"valueType"_s, u"NM"_s },
        { u"controlId"_s, u"K-0001"_s }, { u"sendingFacility"_s, u"LAB"_s } };
    if (!location.isUndefined() && !location.isNull())
        e.insert(u"location"_s, location);
    return e;
}

QJsonObject clinicalAlert(const QJsonObject& evidence, const QString& unit = u"ICU-3"_s)
{
    return QJsonObject { { u"id"_s, 3 }, { u"category"_s, u"clinical"_s }, { u"unit"_s, unit },
        { u"title"_s, u"Critical result Potassium 6.9 mmol/L (HH)"_s }, { u"evidence"_s, evidence },
        { u"resultStatus"_s, evidence.value(u"resultStatus") }, { u"patientId"_s, u"12345"_s } };
}

QJsonObject operationalAlert(const QJsonObject& evidence, const QString& title = u"node title"_s)
{
    return QJsonObject { { u"id"_s, 8 }, { u"category"_s, u"operational"_s }, { u"title"_s, title },
        { u"evidence"_s, evidence } };
}

} // namespace

class tst_AlertWording : public QObject
{
    Q_OBJECT

private slots:
    void headline_data();
    void headline();
    void headlineNeverNamesThePatient();
    void testName_data();
    void testName();
    void whereText_data();
    void whereText();
    void evidenceLine_data();
    void evidenceLine();
    void evidenceDetailsOfAResult();
    void ageText_data();
    void ageText();
    void durationText_data();
    void durationText();
    void countdownText_data();
    void countdownText();
    void escalationText_data();
    void escalationText();
    void clockText();
    void codesBecomeWords_data();
    void codesBecomeWords();
    void dispositionsAreTheApisList();
    void nodeWords_data();
    void nodeWords();
};

void tst_AlertWording::headline_data()
{
    QTest::addColumn<QJsonObject>("alert");
    QTest::addColumn<QString>("expected");

    QTest::addRow("critical result, unit only")
        << clinicalAlert(potassium()) << u"Critical potassium 6.9 mmol/L (HH) \u2014 ICU-3"_s;
    QTest::addRow("with bed from evidence.location") << clinicalAlert(potassium(u"ICU-3 301-A"_s))
                                                     << u"Critical potassium 6.9 mmol/L (HH) \u2014 ICU-3, bed 301-A"_s;
    QTest::addRow("location without the unit")
        << clinicalAlert(potassium(u"301-A"_s)) << u"Critical potassium 6.9 mmol/L (HH) \u2014 ICU-3, bed 301-A"_s;
    QTest::addRow("location object") << clinicalAlert(
        potassium(QJsonObject { { u"pointOfCare"_s, u"ICU-3"_s }, { u"room"_s, u"301"_s }, { u"bed"_s, u"A"_s } }))
                                     << u"Critical potassium 6.9 mmol/L (HH) \u2014 ICU-3, bed 301-A"_s;
    QTest::addRow("no unit") << clinicalAlert(potassium(), QString()) << u"Critical potassium 6.9 mmol/L (HH)"_s;
    QTest::addRow("preliminary") << clinicalAlert(potassium(QJsonValue(), u"P"_s))
                                 << u"Critical potassium 6.9 mmol/L (HH), preliminary \u2014 ICU-3"_s;
    QTest::addRow("corrected") << clinicalAlert(potassium(QJsonValue(), u"C"_s))
                               << u"Corrected critical potassium 6.9 mmol/L (HH) \u2014 ICU-3"_s;
    QTest::addRow("amended") << clinicalAlert(potassium(QJsonValue(), u"A"_s))
                             << u"Corrected critical potassium 6.9 mmol/L (HH) \u2014 ICU-3"_s;
    QJsonObject sodium = potassium();
    sodium.insert(u"text"_s, u"Sodium"_s);
    sodium.insert(u"value"_s, u"118"_s);
    sodium.insert(u"flags"_s, QJsonArray { u"LL"_s });
    QTest::addRow("low sodium") << clinicalAlert(sodium, u"5A"_s) << u"Critical sodium 118 mmol/L (LL) \u2014 5A"_s;
    QJsonObject inr { { u"code"_s, u"6301-6"_s }, { u"text"_s, u"INR"_s }, { u"value"_s, u"6.2"_s },
        { u"flags"_s, QJsonArray { u"HH"_s, u"A"_s } } };
    QTest::addRow("acronym, no units, two flags") << clinicalAlert(inr) << u"Critical INR 6.2 (HH,A) \u2014 ICU-3"_s;

    QTest::addRow("queue backlog") << operationalAlert(
        QJsonObject { { u"destination"_s, u"lab"_s }, { u"queueDepth"_s, 14 }, { u"threshold"_s, 10 },
            { u"oldestQueuedAgeMs"_s, 23 * 60'000 }, { u"breakerState"_s, u"closed"_s } })
                                   << u"Messages to lab delayed 23 min, 14 waiting"_s;
    QTest::addRow("queue backlog, age unknown") << operationalAlert(
        QJsonObject { { u"destination"_s, u"lab"_s }, { u"queueDepth"_s, 640 }, { u"threshold"_s, 500 } })
                                                << u"Messages to lab backing up: 640 waiting (limit 500)"_s;
    QTest::addRow("destination down") << operationalAlert(QJsonObject { { u"destination"_s, u"lab"_s },
        { u"breakerState"_s, u"open"_s }, { u"lastError"_s, u"connect: Connection refused"_s },
        { u"lastErrorAtMs"_s, local(2, 39) }, { u"lastSentAtMs"_s, local(2, 5) }, { u"queueDepth"_s, 4 },
        { u"holdingSinceMs"_s, local(2, 10) }, { u"forSeconds"_s, 120 } })
                                      << u"Destination lab down since 02:10 (connection refused)"_s;
    QTest::addRow("destination down, no error") << operationalAlert(
        QJsonObject { { u"destination"_s, u"ehr"_s }, { u"lastErrorAtMs"_s, local(2, 39) }, { u"queueDepth"_s, 4 } })
                                                << u"Destination ehr down"_s;
    QTest::addRow("channel silent") << operationalAlert(QJsonObject { { u"channel"_s, u"hl7-in"_s },
        { u"silentForMs"_s, 40 * 60'000 }, { u"usualGapMs"_s, 2 * 60'000 }, { u"limitMs"_s, 30 * 60'000 } })
                                    << u"hl7-in silent for 40 min (usually every 2 min)"_s;
    QTest::addRow("ack latency") << operationalAlert(QJsonObject {
        { u"channel"_s, u"hl7-in"_s }, { u"meanAckLatencyMs"_s, 3200 }, { u"thresholdMs"_s, 2000 }, { u"acks"_s, 40 } })
                                 << u"hl7-in slow to acknowledge: 3.2 s on average (limit 2 s)"_s;
    QTest::addRow("dead-letter growth") << operationalAlert(QJsonObject { { u"newDeadLetters"_s, 12 },
        { u"threshold"_s, 10 }, { u"windowSeconds"_s, 300 }, { u"deadLettersTotal"_s, 80 } })
                                        << u"Dead letters growing: 12 new in 5 min"_s;
    QTest::addRow("unknown figures: the node's title")
        << operationalAlert(QJsonObject { { u"somethingNew"_s, 1 } }, u"Disk nearly full"_s) << u"Disk nearly full"_s;
    QJsonObject titled = operationalAlert(QJsonObject {}, u"Something odd"_s);
    titled.insert(u"unit"_s, u"4B"_s);
    QTest::addRow("title and unit") << titled << u"Something odd \u2014 4B"_s;
    QTest::addRow("nothing at all") << QJsonObject { { u"id"_s, 7 } } << u"Alert 7"_s;
}

void tst_AlertWording::headline()
{
    QFETCH(QJsonObject, alert);
    QFETCH(QString, expected);
    QCOMPARE(AlertWording::headline(alert, Now), expected);
}

void tst_AlertWording::headlineNeverNamesThePatient()
{
    const QJsonObject alert = clinicalAlert(potassium(u"ICU-3 301-A"_s));
    QVERIFY(!AlertWording::headline(alert, Now).contains(u"12345"_s));
    QVERIFY(!AlertWording::evidenceLine(alert.value(u"evidence").toObject()).contains(u"12345"_s));
}

void tst_AlertWording::testName_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("expected");
    QTest::addRow("LOINC long name") << u"Potassium [Moles/volume] in Serum or Plasma"_s << u"2823-3"_s
                                     << u"potassium"_s;
    QTest::addRow("in blood") << u"Glucose in Blood"_s << QString() << u"glucose"_s;
    QTest::addRow("acronym") << u"INR"_s << QString() << u"INR"_s;
    QTest::addRow("mixed case") << u"pH"_s << QString() << u"pH"_s;
    QTest::addRow("letters and digits") << u"HbA1c"_s << QString() << u"HbA1c"_s;
    QTest::addRow("acronym first") << u"LDL cholesterol"_s << QString() << u"LDL cholesterol"_s;
    QTest::addRow("two words") << u"Troponin I"_s << QString() << u"troponin I"_s;
    QTest::addRow("no text: the code") << QString() << u"2823-3"_s << u"2823-3"_s;
}

void tst_AlertWording::testName()
{
    QFETCH(QString, text);
    QFETCH(QString, code);
    QFETCH(QString, expected);
    QCOMPARE(AlertWording::testName(text, code), expected);
}

void tst_AlertWording::whereText_data()
{
    QTest::addColumn<QString>("unit");
    QTest::addColumn<QJsonValue>("location");
    QTest::addColumn<QString>("expected");
    QTest::addRow("unit only") << u"ICU-3"_s << QJsonValue() << u"ICU-3"_s;
    QTest::addRow("location equals unit") << u"ICU-3"_s << QJsonValue(u"icu-3"_s) << u"ICU-3"_s;
    QTest::addRow("unit and bed") << u"ICU-3"_s << QJsonValue(u"ICU-3 301-A"_s) << u"ICU-3, bed 301-A"_s;
    QTest::addRow("bed only") << u"4B"_s << QJsonValue(u"12"_s) << u"4B, bed 12"_s;
    QTest::addRow("no unit") << QString() << QJsonValue(u"12"_s) << u"bed 12"_s;
    QTest::addRow("object, bed only") << u"4B"_s << QJsonValue(QJsonObject { { u"bed"_s, u"12"_s } })
                                      << u"4B, bed 12"_s;
    QTest::addRow("nothing") << QString() << QJsonValue() << QString();
}

void tst_AlertWording::whereText()
{
    QFETCH(QString, unit);
    QFETCH(QJsonValue, location);
    QFETCH(QString, expected);
    QCOMPARE(AlertWording::whereText(unit, location), expected);
}

void tst_AlertWording::evidenceLine_data()
{
    QTest::addColumn<QJsonObject>("evidence");
    QTest::addColumn<QString>("expected");
    QTest::addRow("critical result") << potassium() << u"6.9 mmol/L \u00b7 ref 3.5\u20135.1 \u00b7 HH \u00b7 final"_s;
    QTest::addRow("preliminary") << potassium(QJsonValue(), u"P"_s)
                                 << u"6.9 mmol/L \u00b7 ref 3.5\u20135.1 \u00b7 HH \u00b7 preliminary"_s;
    QJsonObject corrected = potassium();
    corrected.insert(u"previousValues"_s, QJsonArray { QJsonObject { { u"value"_s, u"6.4"_s } },
                                                       QJsonObject { { u"value"_s, u"5.8"_s } } });
    QTest::addRow("trend, oldest first") << corrected
        << u"6.9 mmol/L \u00b7 ref 3.5\u20135.1 \u00b7 HH \u00b7 final \u00b7 trend 5.8 \u2192 6.4 \u2192 6.9"_s;
    QJsonObject openRange = potassium();
    openRange.insert(u"referenceRange"_s, u"<5"_s);
    openRange.remove(u"resultStatus"_s);
    QTest::addRow("open range, no status") << openRange << u"6.9 mmol/L \u00b7 ref <5 \u00b7 HH"_s;
    QJsonObject negative = potassium();
    negative.insert(u"referenceRange"_s, u"-2 - 2"_s);
    QTest::addRow("negative bound") << negative << u"6.9 mmol/L \u00b7 ref -2\u20132 \u00b7 HH \u00b7 final"_s;
    QTest::addRow("backlog") << QJsonObject { { u"destination"_s, u"lab"_s }, { u"queueDepth"_s, 14 },
        { u"threshold"_s, 10 }, { u"oldestQueuedAgeMs"_s, 23 * 60'000 }, { u"breakerState"_s, u"closed"_s } }
                             << u"14 waiting \u00b7 oldest 23 min \u00b7 limit 10"_s;
    QTest::addRow("down") << QJsonObject { { u"destination"_s, u"lab"_s }, { u"breakerState"_s, u"open"_s },
        { u"lastError"_s, u"Connection refused"_s }, { u"queueDepth"_s, 4 }, { u"lastErrorAtMs"_s, 5 } }
                          << u"4 waiting \u00b7 circuit breaker open \u00b7 last error: connection refused"_s;
    QTest::addRow("silent") << QJsonObject { { u"channel"_s, u"hl7-in"_s }, { u"silentForMs"_s, 40 * 60'000 },
        { u"usualGapMs"_s, 120'000 } }
                            << u"silent 40 min \u00b7 usually every 2 min"_s;
    QTest::addRow("latency") << QJsonObject { { u"channel"_s, u"hl7-in"_s }, { u"meanAckLatencyMs"_s, 850 },
        { u"thresholdMs"_s, 500 } }
                             << u"mean ACK time 850 ms \u00b7 limit 500 ms"_s;
    QTest::addRow("dead letters") << QJsonObject { { u"newDeadLetters"_s, 12 }, { u"threshold"_s, 10 },
        { u"deadLettersTotal"_s, 80 } }
                                  << u"12 new \u00b7 limit 10 \u00b7 80 in total"_s;
    QTest::addRow("empty") << QJsonObject() << QString();
}

void tst_AlertWording::evidenceLine()
{
    QFETCH(QJsonObject, evidence);
    QFETCH(QString, expected);
    QCOMPARE(AlertWording::evidenceLine(evidence), expected);
}

void tst_AlertWording::evidenceDetailsOfAResult()
{
    const QStringList lines = AlertWording::evidenceDetails(potassium(u"ICU-3 301-A"_s));
    QVERIFY(lines.contains(u"Test: Potassium [Moles/volume] in Serum or Plasma"_s));
    QVERIFY(lines.contains(u"Code: 2823-3 (LN)"_s));
    QVERIFY(lines.contains(u"Value: 6.9 mmol/L"_s));
    QVERIFY(lines.contains(u"Reference range: 3.5\u20135.1"_s));
    QVERIFY(lines.contains(u"Result status: final"_s));
    QVERIFY(lines.contains(u"Observed: 2026-11-27 09:30"_s));
    QVERIFY(lines.contains(u"Where: ICU-3 301-A"_s));
    QVERIFY(lines.contains(u"Message control ID: K-0001"_s));
    // A FHIR result reads the same: the code system by its HL7 name, the time in local time.
    QJsonObject fhir = potassium(u"ICU-3 301-A"_s);
    fhir.insert(u"codeSystem"_s, u"http://loinc.org"_s);
    fhir.insert(u"observedAt"_s, u"2026-11-27T09:30:00Z"_s);
    const QStringList fhirLines = AlertWording::evidenceDetails(fhir);
    QVERIFY(fhirLines.contains(u"Code: 2823-3 (LN)"_s));
    const QString local = QDateTime(QDate(2026, 11, 27), QTime(9, 30), Qt::UTC).toLocalTime().toString(u"yyyy-MM-dd HH:mm"_s);
    QVERIFY2(fhirLines.contains(u"Observed: "_s + local), qPrintable(fhirLines.join(u" | "_s)));
    const QStringList ops
        = AlertWording::evidenceDetails(QJsonObject { { u"destination"_s, u"lab"_s }, { u"queueDepth"_s, 3 } });
    QCOMPARE(ops, (QStringList { u"Destination: lab"_s, u"3 waiting"_s }));
}

void tst_AlertWording::ageText_data()
{
    QTest::addColumn<qint64>("ageMs");
    QTest::addColumn<QString>("expected");
    QTest::addRow("seconds") << qint64(30'000) << u"just now"_s;
    QTest::addRow("minutes") << qint64(4 * 60'000 + 5'000) << u"4 min ago"_s;
    QTest::addRow("hour and minutes") << qint64(125 * 60'000) << u"2 h 5 min ago"_s;
    QTest::addRow("whole hours") << qint64(3 * 3600'000) << u"3 h ago"_s;
    QTest::addRow("days") << qint64(3 * 86400'000LL) << u"3 d ago"_s;
    QTest::addRow("clock skew: in the future") << qint64(-5'000) << u"just now"_s;
}

void tst_AlertWording::ageText()
{
    QFETCH(qint64, ageMs);
    QFETCH(QString, expected);
    QCOMPARE(AlertWording::ageText(Now - ageMs, Now), expected);
    QVERIFY(AlertWording::ageText(0, Now).isEmpty());
}

void tst_AlertWording::durationText_data()
{
    QTest::addColumn<qint64>("ms");
    QTest::addColumn<QString>("expected");
    QTest::addRow("seconds") << qint64(45'000) << u"45 s"_s;
    QTest::addRow("negative") << qint64(-1) << u"0 s"_s;
    QTest::addRow("minutes") << qint64(23 * 60'000) << u"23 min"_s;
    QTest::addRow("hours") << qint64(65 * 60'000) << u"1 h 5 min"_s;
    QTest::addRow("days") << qint64(51 * 3600'000LL) << u"2 d 3 h"_s;
    QTest::addRow("whole days") << qint64(48 * 3600'000LL) << u"2 d"_s;
}

void tst_AlertWording::durationText()
{
    QFETCH(qint64, ms);
    QFETCH(QString, expected);
    QCOMPARE(AlertWording::durationText(ms), expected);
}

void tst_AlertWording::countdownText_data()
{
    QTest::addColumn<qint64>("ms");
    QTest::addColumn<QString>("expected");
    QTest::addRow("minutes") << qint64(252'000) << u"4:12"_s;
    QTest::addRow("seconds") << qint64(9'999) << u"0:09"_s;
    QTest::addRow("hours") << qint64(3852'000) << u"1:04:12"_s;
    QTest::addRow("past") << qint64(-3'000) << u"0:00"_s;
}

void tst_AlertWording::countdownText()
{
    QFETCH(qint64, ms);
    QFETCH(QString, expected);
    QCOMPARE(AlertWording::countdownText(ms), expected);
}

void tst_AlertWording::escalationText_data()
{
    QTest::addColumn<int>("level");
    QTest::addColumn<int>("levels");
    QTest::addColumn<qint64>("nextInMs");
    QTest::addColumn<QString>("expected");
    QTest::addRow("counting down") << 1 << 3 << qint64(252'000) << u"level 2 of 3, next in 4:12"_s;
    QTest::addRow("levels unknown") << 1 << 0 << qint64(252'000) << u"level 2, next in 4:12"_s;
    QTest::addRow("no next escalation") << 0 << 3 << qint64(0) << u"level 1 of 3"_s;
    QTest::addRow("deadline passed") << 1 << 3 << qint64(-1'000) << u"level 2 of 3, escalating now"_s;
    QTest::addRow("last level repeats") << 2 << 3 << qint64(60'000) << u"level 3 of 3, paged again in 1:00"_s;
}

void tst_AlertWording::escalationText()
{
    QFETCH(int, level);
    QFETCH(int, levels);
    QFETCH(qint64, nextInMs);
    QFETCH(QString, expected);
    const qint64 next = nextInMs == 0 ? 0 : Now + nextInMs;
    QCOMPARE(AlertWording::escalationText(level, levels, next, Now), expected);
}

void tst_AlertWording::clockText()
{
    QCOMPARE(AlertWording::clockText(local(3, 12), Now), u"03:12"_s);
    QCOMPARE(AlertWording::clockText(local(23, 50, 26), Now), u"2026-11-26 23:50"_s);
}

void tst_AlertWording::codesBecomeWords_data()
{
    QTest::addColumn<QStringList>("codes");
    QTest::addColumn<int>("which"); // 0 severity, 1 state, 2 category, 3 disposition, 4 action
    QTest::addRow("severities") << QStringList { u"critical"_s, u"high"_s, u"medium"_s, u"low"_s } << 0;
    QTest::addRow("states") << QStringList { u"open"_s, u"notified"_s, u"escalated"_s, u"acknowledged"_s,
        u"suppressed"_s, u"resolved"_s, u"retracted"_s, u"expired"_s }
                            << 1;
    QTest::addRow("categories") << QStringList { u"clinical"_s, u"operational"_s } << 2;
    QTest::addRow("dispositions") << AlertWording::dispositions() << 3;
    QTest::addRow("actions") << QStringList { u"alert-acknowledge"_s, u"alert-resolve"_s, u"alert-escalate"_s,
        u"silence-create"_s } << 4;
}

void tst_AlertWording::codesBecomeWords()
{
    QFETCH(QStringList, codes);
    QFETCH(int, which);
    QSet<QString> words;
    for (const QString& code : codes) {
        QString word;
        switch (which) {
        case 0:
            word = AlertWording::severityName(code);
            break;
        case 1:
            word = AlertWording::stateName(code);
            break;
        case 2:
            word = AlertWording::categoryName(code);
            break;
        case 3:
            word = AlertWording::dispositionName(code);
            break;
        default:
            word = AlertWording::actionName(code);
            break;
        }
        // A word for people: not the code, starting with a capital, one per code.
        QVERIFY2(word != code, qPrintable(code));
        QVERIFY2(!word.isEmpty() && word.at(0).isUpper(), qPrintable(word));
        words.insert(word);
        if (which == 4)
            QVERIFY(AlertWording::actionNoun(code) != u"action"_s);
    }
    QCOMPARE(words.size(), codes.size());
    QCOMPARE(AlertWording::severityName(u"weird"_s), u"weird"_s);
}

void tst_AlertWording::dispositionsAreTheApisList()
{
    // ops API 4.19: exactly these, each once.
    QStringList codes = AlertWording::dispositions();
    codes.sort();
    QCOMPARE(codes,
        (QStringList { u"cancelled"_s, u"corrected"_s, u"duplicate"_s, u"false_alarm"_s, u"informed_provider"_s,
            u"source_cleared"_s, u"treated"_s }));
}

void tst_AlertWording::nodeWords_data()
{
    QTest::addColumn<QString>("message");
    QTest::addColumn<QString>("expected");
    const QString at = QDateTime::fromMSecsSinceEpoch(local(3, 12)).toUTC().toString(Qt::ISODateWithMs);
    QTest::addRow("already acknowledged")
        << u"already acknowledged by nina at "_s + at << u"Already acknowledged by nina at 03:12"_s;
    QTest::addRow("closed") << u"alert is resolved"_s << u"Alert is resolved"_s;
    QTest::addRow("yesterday") << u"ended at "_s
            + QDateTime::fromMSecsSinceEpoch(local(23, 50, 26)).toUTC().toString(Qt::ISODateWithMs)
                               << u"Ended at 2026-11-26 23:50"_s;
    QTest::addRow("already a capital") << u"Silence 4 has ended"_s << u"Silence 4 has ended"_s;
}

void tst_AlertWording::nodeWords()
{
    QFETCH(QString, message);
    QFETCH(QString, expected);
    QCOMPARE(AlertWording::nodeWords(message, Now), expected);
}

QTEST_GUILESS_MAIN(tst_AlertWording)
#include "tst_alertwording.moc"
