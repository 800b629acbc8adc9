// Hl7JsonView: the console's segment/field tree as JSON, and what it shows of a masked message.
#include "models/hl7/Hl7Charset.h"
#include "models/hl7/Hl7JsonView.h"
#include "models/hl7/Hl7Message.h"
#include "models/hl7/Hl7Split.h"
#include "models/hl7/PhiMasker.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

QByteArray segments(std::initializer_list<const char*> lines)
{
    QByteArray out;
    for (const char* line : lines)
        out += QByteArray(line) + '\r';
    return out;
}

QByteArray readFile(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll();
}

QJsonObject view(const QByteArray& raw)
{
    const auto parsed = Hl7Message::parse(raw);
    return parsed.ok() ? Hl7JsonView::toJson(*parsed.message) : QJsonObject();
}

QJsonObject fieldAt(const QJsonObject& segment, int position)
{
    for (const QJsonValue& field : segment.value(u"fields").toArray()) {
        if (field.toObject().value(u"position").toInt() == position)
            return field.toObject();
    }
    return {};
}

void collectLeaves(const QJsonValue& value, QStringList& out)
{
    if (value.isArray()) {
        for (const QJsonValue& item : value.toArray())
            collectLeaves(item, out);
    } else if (value.isString()) {
        out << value.toString();
    }
}

QString compact(const QJsonObject& object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

} // namespace

class tst_Hl7JsonView : public QObject
{
    Q_OBJECT

private slots:
    void header();
    void segmentsAndOccurrences();
    void fieldShapes();
    void escapes();
    void latin1();
    void maskedThenViewed();
    void corpus_data();
    void corpus();
};

void tst_Hl7JsonView::header()
{
    const QJsonObject json = view(segments({ R"(MSH|^~\&|LAB|H|EHR|H|20240101||ORU^R01^ORU_R01|CTRL-9|P|2.5.1)" }));
    QCOMPARE(json.value(u"version").toString(), u"2.5.1"_s);
    QCOMPARE(json.value(u"messageType").toString(), u"ORU"_s);
    QCOMPARE(json.value(u"triggerEvent").toString(), u"R01"_s);
    QCOMPARE(json.value(u"messageStructure").toString(), u"ORU_R01"_s);
    QCOMPARE(json.value(u"controlId").toString(), u"CTRL-9"_s);
    QCOMPARE(json.value(u"delimiters").toString(), uR"(|^~\&)"_s);

    const QJsonObject msh = json.value(u"segments").toArray().at(0).toObject();
    QCOMPARE(msh.value(u"id").toString(), u"MSH"_s);
    // MSH-1 and MSH-2 are the delimiters, shown as they are and never split.
    QCOMPARE(fieldAt(msh, 1), (QJsonObject { { u"position"_s, 1 }, { u"value"_s, u"|"_s } }));
    QCOMPARE(fieldAt(msh, 2), (QJsonObject { { u"position"_s, 2 }, { u"value"_s, uR"(^~\&)"_s } }));
    QCOMPARE(fieldAt(msh, 9).value(u"repetitions").toArray(),
        (QJsonArray { QJsonArray { u"ORU"_s, u"R01"_s, u"ORU_R01"_s } }));
    QCOMPARE(fieldAt(msh, 10).value(u"value").toString(), u"CTRL-9"_s);

    const QJsonObject noStructure = view(segments({ R"(MSH|^~\&|LAB|H|EHR|H|20240101||ORU^R01|C|P|2.5)" }));
    QVERIFY(!noStructure.contains(u"messageStructure"));
}

void tst_Hl7JsonView::segmentsAndOccurrences()
{
    const QJsonObject json = view(segments({
        R"(MSH|^~\&|LAB|H|EHR|H|20240101||ORU^R01|C|P|2.5)",
        "PID|1||123",
        "OBX|1|NM|A||1",
        "NTE|1||note",
        "OBX|2|NM|B||2",
    }));
    const QJsonArray list = json.value(u"segments").toArray();
    QCOMPARE(list.size(), 5);
    QStringList ids;
    QList<int> indexes;
    for (const QJsonValue& segment : list) {
        ids << segment.toObject().value(u"id").toString();
        indexes << segment.toObject().value(u"index").toInt();
    }
    QCOMPARE(ids, (QStringList { u"MSH"_s, u"PID"_s, u"OBX"_s, u"NTE"_s, u"OBX"_s }));
    QCOMPARE(indexes, (QList<int> { 1, 1, 1, 1, 2 }));
    // Empty fields are left out; positions keep the numbering.
    const QJsonArray pidFields = list.at(1).toObject().value(u"fields").toArray();
    QCOMPARE(pidFields.size(), 2);
    QCOMPARE(pidFields.at(1).toObject().value(u"position").toInt(), 3);
    QCOMPARE(fieldAt(list.at(4).toObject(), 5).value(u"value").toString(), u"2"_s);
}

void tst_Hl7JsonView::fieldShapes()
{
    const QJsonObject json = view(segments({
        R"(MSH|^~\&|A|B|C|D|20240101||ADT^A01|C|P|2.5)",
        R"(PID|1||123^^^HOSP&1.2.3&ISO^MR~456^^^SSA||DOE^JOHN~~ROE||19700101|M|||~2 MAIN)",
    }));
    const QJsonObject pid = json.value(u"segments").toArray().at(1).toObject();

    const QJsonObject pid3 = fieldAt(pid, 3);
    QCOMPARE(pid3.value(u"value").toString(), u"123^^^HOSP&1.2.3&ISO^MR~456^^^SSA"_s);
    const QJsonArray expected3 {
        QJsonArray { u"123"_s, u""_s, u""_s, QJsonArray { u"HOSP"_s, u"1.2.3"_s, u"ISO"_s }, u"MR"_s },
        QJsonArray { u"456"_s, u""_s, u""_s, u"SSA"_s },
    };
    QCOMPARE(pid3.value(u"repetitions").toArray(), expected3);

    // An empty repetition stays in place, so repetition numbers read true.
    QCOMPARE(fieldAt(pid, 5).value(u"repetitions").toArray(),
        (QJsonArray { QJsonArray { u"DOE"_s, u"JOHN"_s }, QJsonArray { u""_s }, QJsonArray { u"ROE"_s } }));
    QCOMPARE(fieldAt(pid, 11).value(u"repetitions").toArray(),
        (QJsonArray { QJsonArray { u""_s }, QJsonArray { u"2 MAIN"_s } }));

    // A plain value has neither repetitions nor a decoded copy.
    QCOMPARE(fieldAt(pid, 7), (QJsonObject { { u"position"_s, 7 }, { u"value"_s, u"19700101"_s } }));
}

void tst_Hl7JsonView::escapes()
{
    const QJsonObject json = view(segments({
        R"(MSH|^~\&|A|B|C|D|20240101||ORU^R01|C|P|2.5)",
        R"(OBX|1|TX|NOTE||a\F\b\S\c\T\d\R\e\E\f||x\S\y^z\T\w&v|C:\lab\res)",
    }));
    const QJsonObject obx = json.value(u"segments").toArray().at(1).toObject();
    const QJsonObject obx5 = fieldAt(obx, 5);
    QCOMPARE(obx5.value(u"value").toString(), uR"(a\F\b\S\c\T\d\R\e\E\f)"_s);
    QCOMPARE(obx5.value(u"decoded").toString(), uR"(a|b^c&d~e\f)"_s);
    QVERIFY(!obx5.contains(u"repetitions"));
    // Inside the tree every leaf is decoded.
    QCOMPARE(fieldAt(obx, 7).value(u"repetitions").toArray(),
        (QJsonArray { QJsonArray { u"x^y"_s, QJsonArray { u"z&w"_s, u"v"_s } } }));
    // A stray backslash that is no escape sequence changes nothing, so no "decoded".
    QCOMPARE(fieldAt(obx, 8), (QJsonObject { { u"position"_s, 8 }, { u"value"_s, uR"(C:\lab\res)"_s } }));
}

void tst_Hl7JsonView::latin1()
{
    const QByteArray raw = "MSH|^~\\&|A|B|C|D|20240101||ADT^A08|C|P|2.5|||||||8859/1\rPID|1||1||M\xFCller^Jos\xE9\r"_ba;
    const QJsonObject pid = view(raw).value(u"segments").toArray().at(1).toObject();
    QCOMPARE(fieldAt(pid, 5).value(u"value").toString(), u"Müller^José"_s);
    QCOMPARE(fieldAt(pid, 5).value(u"repetitions").toArray(), (QJsonArray { QJsonArray { u"Müller"_s, u"José"_s } }));
}

void tst_Hl7JsonView::maskedThenViewed()
{
    const QByteArray raw = segments({
        R"(MSH|^~\&|A|B|C|D|20240101||ADT^A01|C|P|2.5)",
        R"(PID|1||PATID1234^5^M11^ADT1&1.2&ISO^MR~123456789^^^USSSA^SS||EVERYMAN^ADAM\T\EVE^A||19610615|M||C|2222 HOME STREET^^GREENSBORO^NC)",
        R"(NK1|1|NUCLEAR^NELDA|SPO)",
    });
    const QJsonObject json = view(PhiMasker().mask(raw));
    const QString text = compact(json);
    for (const QString& secret : { u"PATID1234"_s, u"123456789"_s, u"EVERYMAN"_s, u"ADAM"_s, u"EVE"_s, u"19610615"_s,
             u"HOME STREET"_s, u"GREENSBORO"_s, u"NUCLEAR"_s, u"NELDA"_s })
        QVERIFY2(!text.contains(secret), qPrintable(secret));
    const QJsonArray list = json.value(u"segments").toArray();
    const QJsonObject pid = list.at(1).toObject();
    QCOMPARE(
        fieldAt(pid, 5).value(u"repetitions").toArray(), (QJsonArray { QJsonArray { u"***"_s, u"***"_s, u"***"_s } }));
    QCOMPARE(fieldAt(pid, 7).value(u"value").toString(), u"***"_s);
    QCOMPARE(fieldAt(pid, 8).value(u"value").toString(), u"M"_s);
    QCOMPARE(fieldAt(list.at(2).toObject(), 3).value(u"value").toString(), u"SPO"_s);

    // Where '*' is a delimiter the mask is escaped on the wire, and the view decodes it back.
    const QByteArray starred = segments({ R"(MSH|*~\&|A|B|C|D|20240101||ADT*A01|C|P|2.5)", "PID|1||77*X||DOE*JANE" });
    const QJsonObject starredPid = view(PhiMasker().mask(starred)).value(u"segments").toArray().at(1).toObject();
    QCOMPARE(
        fieldAt(starredPid, 5).value(u"repetitions").toArray(), (QJsonArray { QJsonArray { u"***"_s, u"***"_s } }));
    QVERIFY(!compact(view(PhiMasker().mask(starred))).contains(u"JANE"_s));
}

void tst_Hl7JsonView::corpus_data()
{
    QTest::addColumn<QString>("path");
    const QDir dir(QStringLiteral(VIGIL_TEST_DATA_DIR) + u"/hl7/valid"_s);
    const QStringList files = dir.entryList({ u"*.hl7"_s }, QDir::Files, QDir::Name);
    QVERIFY(files.size() >= 90);
    for (const QString& file : files)
        QTest::addRow("%s", qPrintable(file)) << dir.filePath(file);
}

void tst_Hl7JsonView::corpus()
{
    // Every segment and every non-empty field is in the view, in order, with its wire text; and the
    // masked view holds none of the patient's names.
    QFETCH(QString, path);
    const QByteArray raw = readFile(path);
    const auto parsed = Hl7Message::parse(raw);
    QVERIFY(parsed.ok());
    const Hl7Message& message = *parsed.message;
    const QJsonObject json = Hl7JsonView::toJson(message);
    const QJsonArray list = json.value(u"segments").toArray();
    QCOMPARE(list.size(), message.segmentCount());
    const int mib = Hl7Split::charsetMib(message);
    for (int s = 0; s < message.segmentCount(); ++s) {
        const QJsonObject segment = list.at(s).toObject();
        QCOMPARE(segment.value(u"id").toString(), QString::fromLatin1(message.segmentName(s)));
        int expectedFields = 0;
        for (int f = 1; f <= message.fieldCount(s); ++f) {
            const QByteArray bytes = message.rawField(s, f);
            if (bytes.isEmpty())
                continue;
            ++expectedFields;
            QCOMPARE(fieldAt(segment, f).value(u"value").toString(), Hl7Charset::decode(bytes, mib));
        }
        QCOMPARE(segment.value(u"fields").toArray().size(), expectedFields);
    }

    // Viewing the masked message: every value in the patient's identifiers, name and birth date
    // reads "***" (or stays empty), whatever escapes or delimiters the message uses.
    const auto masked = Hl7Message::parse(PhiMasker().mask(raw));
    QVERIFY(masked.ok());
    const QJsonArray maskedSegments = Hl7JsonView::toJson(*masked.message).value(u"segments").toArray();
    QCOMPARE(maskedSegments.size(), list.size());
    for (const QJsonValue& value : maskedSegments) {
        const QJsonObject segment = value.toObject();
        if (segment.value(u"id").toString() != u"PID")
            continue;
        for (const int position : { 3, 5, 7 }) {
            const QJsonObject field = fieldAt(segment, position);
            QStringList leaves;
            const char16_t* key = field.contains(u"repetitions") ? u"repetitions"
                : field.contains(u"decoded")                     ? u"decoded"
                                                                 : u"value";
            collectLeaves(field.value(QStringView(key)), leaves);
            for (const QString& leaf : std::as_const(leaves))
                QVERIFY2(leaf.isEmpty() || leaf == u"***" || leaf == u"\"\"", qPrintable(QString::number(position)));
        }
    }
}

QTEST_GUILESS_MAIN(tst_Hl7JsonView)
#include "tst_hl7jsonview.moc"
