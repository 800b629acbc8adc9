// Hl7Diff: what an admin's edit of a dead letter changes, field by field and segment by segment.
#include "models/hl7/Hl7Diff.h"
#include "models/hl7/Hl7Message.h"

#include <QDir>
#include <QFile>
#include <QJsonObject>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

QByteArray segments(const QList<QByteArray>& lines, const char* terminator = "\r")
{
    QByteArray out;
    for (const QByteArray& line : lines)
        out += line + terminator;
    return out;
}

const QList<QByteArray> base {
    R"(MSH|^~\&|LAB|H|EHR|H|20240101||ORU^R01^ORU_R01|C1|P|2.5.1)",
    "PID|1||12345^^^H^MR||DOE^JOHN||19700101|M",
    "OBR|1|PL|FL|GLU",
    "OBX|1|NM|GLU||182|mg/dl|||||F",
    "OBX|2|NM|NA||140|mmol/l|||||F",
    "OBX|3|NM|K||4.1|mmol/l|||||F",
};

Hl7Message message(const QByteArray& raw)
{
    auto parsed = Hl7Message::parse(raw);
    return parsed.ok() ? std::move(*parsed.message) : Hl7Message();
}

QList<Hl7Diff::FieldChange> diff(const QList<QByteArray>& before, const QList<QByteArray>& after)
{
    return Hl7Diff::diff(message(segments(before)), message(segments(after)));
}

QString describe(const QList<Hl7Diff::FieldChange>& changes)
{
    QStringList out;
    for (const Hl7Diff::FieldChange& c : changes)
        out << Hl7Diff::kindName(c.kind) + u' ' + c.path + u": "_s + c.before + u" -> "_s + c.after;
    return out.join(u"; "_s);
}

} // namespace

class tst_Hl7Diff : public QObject
{
    Q_OBJECT

private slots:
    void identical();
    void identicalCorpus_data();
    void identicalCorpus();
    void changes_data();
    void changes();
    void fieldDetails();
    void headerFields();
    void editWithSetValue();
    void json();
};

void tst_Hl7Diff::identical()
{
    QVERIFY(diff(base, base).isEmpty());
    // Terminators are transport, not content.
    const Hl7Message crlf = message(segments(base, "\r\n"));
    QVERIFY(Hl7Diff::diff(message(segments(base)), crlf).isEmpty());
}

void tst_Hl7Diff::identicalCorpus_data()
{
    QTest::addColumn<QString>("path");
    const QDir dir(QStringLiteral(VIGIL_TEST_DATA_DIR) + u"/hl7/valid"_s);
    for (const QString& file : dir.entryList({ u"*.hl7"_s }, QDir::Files, QDir::Name))
        QTest::addRow("%s", qPrintable(file)) << dir.filePath(file);
}

void tst_Hl7Diff::identicalCorpus()
{
    QFETCH(QString, path);
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const Hl7Message original = message(file.readAll());
    QVERIFY(original.segmentCount() > 0);
    QVERIFY(Hl7Diff::diff(original, original).isEmpty());
    // Dropping the last segment is exactly one removal.
    if (original.segmentCount() < 2)
        return;
    QByteArray shorter;
    for (int i = 0; i + 1 < original.segmentCount(); ++i)
        shorter += original.segmentView(i).toByteArray() + '\r';
    const QList<Hl7Diff::FieldChange> changes = Hl7Diff::diff(original, message(shorter));
    QCOMPARE(changes.size(), 1);
    QCOMPARE(changes[0].kind, Hl7Diff::Kind::Removed);
    QCOMPARE(changes[0].field, 0);
    QCOMPARE(changes[0].segment, original.segmentName(original.segmentCount() - 1));
}

void tst_Hl7Diff::changes_data()
{
    QTest::addColumn<QList<QByteArray>>("before");
    QTest::addColumn<QList<QByteArray>>("after");
    QTest::addColumn<QStringList>("expected");

    QList<QByteArray> after = base;
    after[1] = "PID|1||12345^^^H^MR||DOE^JANE||19700101|M";
    QTest::addRow("changed field") << base << after << QStringList { u"changed PID-5: DOE^JOHN -> DOE^JANE"_s };

    after = base;
    after[4] = "OBX|2|NM|NA||141|mmol/l|||||F";
    QTest::addRow("changed field of a later occurrence")
        << base << after << QStringList { u"changed OBX(2)-5: 140 -> 141"_s };

    after = base;
    after[1] = "PID|1||12345^^^H^MR||DOE^JOHN||19700101|M|||1 MAIN ST";
    QTest::addRow("added field") << base << after << QStringList { u"added PID-11:  -> 1 MAIN ST"_s };

    after = base;
    after[1] = "PID|1||12345^^^H^MR||DOE^JOHN||19700101";
    QTest::addRow("removed field") << base << after << QStringList { u"removed PID-8: M -> "_s };

    after = base;
    after.insert(4, "NTE|1||checked");
    QTest::addRow("added segment") << base << after << QStringList { u"added NTE:  -> NTE|1||checked"_s };

    after = base;
    after.removeAt(4);
    QTest::addRow("removed middle segment")
        << base << after << QStringList { u"removed OBX(2): OBX|2|NM|NA||140|mmol/l|||||F -> "_s };

    after = base;
    after.append("OBX|4|NM|CL||101|mmol/l|||||F");
    QTest::addRow("appended segment") << base << after
                                      << QStringList { u"added OBX(4):  -> OBX|4|NM|CL||101|mmol/l|||||F"_s };

    after = base;
    after[5] = "OBX|3|NM|K||4.2|mmol/l|||||C";
    after.insert(2, "ZPI|1");
    QTest::addRow("added segment and changed fields")
        << base << after
        << QStringList { u"added ZPI:  -> ZPI|1"_s, u"changed OBX(3)-5: 4.1 -> 4.2"_s, u"changed OBX(3)-11: F -> C"_s };

    after = base;
    after[1] = "PID|1||12345^^^H^MR~999^^^SSA^SS||DOE^JOHN||19700101|M";
    QTest::addRow("added repetition") << base << after << QStringList { u"added PID-3(2):  -> 999^^^SSA^SS"_s };

    QList<QByteArray> before = base;
    before[1] = "PID|1||A~B~C||DOE^JOHN||19700101|M";
    after = base;
    after[1] = "PID|1||A~X||DOE^JOHN||19700101|M";
    QTest::addRow("changed and removed repetitions")
        << before << after << QStringList { u"changed PID-3(2): B -> X"_s, u"removed PID-3(3): C -> "_s };

    before = base;
    before.insert(2, "JOHN^Q|1970");
    after = base;
    after.insert(2, "JOHN^R|1970");
    QTest::addRow("line that is no segment")
        << before << after << QStringList { u"removed JOH: JOHN^Q|1970 -> "_s, u"added JOH:  -> JOHN^R|1970"_s };

    after = base;
    after[1] = "PID|1||~12345^^^H^MR||DOE^JOHN||19700101|M";
    QTest::addRow("repetition shifted") << base << after
                                        << QStringList { u"removed PID-3(1): 12345^^^H^MR -> "_s,
                                               u"added PID-3(2):  -> 12345^^^H^MR"_s };
}

void tst_Hl7Diff::changes()
{
    QFETCH(QList<QByteArray>, before);
    QFETCH(QList<QByteArray>, after);
    QFETCH(QStringList, expected);
    const QList<Hl7Diff::FieldChange> changes = diff(before, after);
    QStringList actual;
    for (const Hl7Diff::FieldChange& c : changes)
        actual << Hl7Diff::kindName(c.kind) + u' ' + c.path + u": "_s + c.before + u" -> "_s + c.after;
    QCOMPARE(actual, expected);
}

void tst_Hl7Diff::fieldDetails()
{
    QList<QByteArray> after = base;
    after.removeAt(4);
    after[4] = "OBX|3|NM|K||9.9|mmol/l|||||F"; // was OBX(3), now the second OBX
    const QList<Hl7Diff::FieldChange> changes = diff(base, after);
    QCOMPARE(changes.size(), 2);
    // A removed segment counts its occurrence in the original, a changed one in the edit.
    QCOMPARE(changes[0].path, u"OBX(2)"_s);
    QCOMPARE(changes[0].kind, Hl7Diff::Kind::Removed);
    QCOMPARE(changes[0].occurrence, 2);
    QCOMPARE(changes[0].field, 0);
    QVERIFY2(changes[1].path == u"OBX(2)-5"_s, qPrintable(describe(changes)));
    QCOMPARE(changes[1].segment, "OBX"_ba);
    QCOMPARE(changes[1].field, 5);
    QCOMPARE(changes[1].repetition, 0);
    QCOMPARE(changes[1].before, u"4.1"_s);
    QCOMPARE(changes[1].after, u"9.9"_s);
}

void tst_Hl7Diff::headerFields()
{
    QList<QByteArray> after = base;
    after[0] = R"(MSH|^~\&|LAB|H|EHR|H|20240101||ORU^R01^ORU_R01|C1-R|P|2.5.1)";
    const QList<Hl7Diff::FieldChange> changes = diff(base, after);
    QCOMPARE(changes.size(), 1);
    QCOMPARE(changes[0].path, u"MSH-10"_s); // MSH-1 is the field separator, as in Hl7Path
    QCOMPARE(changes[0].before, u"C1"_s);
    QCOMPARE(changes[0].after, u"C1-R"_s);
}

void tst_Hl7Diff::editWithSetValue()
{
    // What the resubmit dialog does: edit the dead letter with setValue, then show the diff.
    const Hl7Message original = message(segments(base));
    Hl7Message edited = original;
    QVERIFY(edited.setValue(u"OBX(3)-5", u"4.5"_s));
    QVERIFY(edited.setValue(u"PID-3(2).1", u"778"_s));
    QVERIFY(edited.setValue(u"OBX(2)-3", u"NA^Sodium|x"_s)); // delimiters in the text are escaped
    const QList<Hl7Diff::FieldChange> changes = Hl7Diff::diff(original, edited);
    QStringList paths;
    for (const Hl7Diff::FieldChange& c : changes)
        paths << c.path;
    QCOMPARE(paths, (QStringList { u"PID-3(2)"_s, u"OBX(2)-3"_s, u"OBX(3)-5"_s }));
    QCOMPARE(changes[0].kind, Hl7Diff::Kind::Added);
    QCOMPARE(changes[0].after, u"778"_s);
    QCOMPARE(changes[1].after, uR"(NA\S\Sodium\F\x)"_s);
}

void tst_Hl7Diff::json()
{
    QList<QByteArray> after = base;
    after[1] = "PID|1||12345^^^H^MR||DOE^JANE||19700101";
    after.append("NTE|1||x");
    after.removeAt(3);
    const QList<Hl7Diff::FieldChange> changes = diff(base, after);
    const QJsonArray json = Hl7Diff::toJson(changes);
    QCOMPARE(json.size(), changes.size());
    QCOMPARE(json.size(), 4);
    QCOMPARE(json.at(0).toObject(),
        (QJsonObject { { u"path"_s, u"PID-5"_s }, { u"kind"_s, u"changed"_s }, { u"before"_s, u"DOE^JOHN"_s },
            { u"after"_s, u"DOE^JANE"_s } }));
    QCOMPARE(json.at(1).toObject(),
        (QJsonObject { { u"path"_s, u"PID-8"_s }, { u"kind"_s, u"removed"_s }, { u"before"_s, u"M"_s } }));
    QCOMPARE(json.at(2).toObject(),
        (QJsonObject { { u"path"_s, u"OBX"_s }, { u"kind"_s, u"removed"_s },
            { u"before"_s, u"OBX|1|NM|GLU||182|mg/dl|||||F"_s } }));
    QCOMPARE(json.at(3).toObject(),
        (QJsonObject { { u"path"_s, u"NTE"_s }, { u"kind"_s, u"added"_s }, { u"after"_s, u"NTE|1||x"_s } }));
}

QTEST_GUILESS_MAIN(tst_Hl7Diff)
#include "tst_hl7diff.moc"
