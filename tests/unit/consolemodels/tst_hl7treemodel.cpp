#include "models/console/Hl7TreeModel.h"

#include "models/hl7/Hl7Message.h"

#include <QAbstractItemModelTester>
#include <QDir>
#include <QFile>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

QByteArray corpus(const QString& name)
{
    QFile f(QStringLiteral(VIGIL_TEST_DATA_DIR) + u"/hl7/valid/"_s + name);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return f.readAll();
}

/// "path|name|value" of every element below `parent`, depth first.
void dump(const QAbstractItemModel& model, const QModelIndex& parent, QStringList* out)
{
    for (int r = 0; r < model.rowCount(parent); ++r) {
        const QModelIndex i = model.index(r, 0, parent);
        out->append(i.data().toString() + u'|' + i.siblingAtColumn(Hl7TreeModel::NameColumn).data().toString() + u'|'
                    + i.siblingAtColumn(Hl7TreeModel::ValueColumn).data().toString());
        dump(model, i, out);
    }
}

QModelIndex find(const QAbstractItemModel& model, const QModelIndex& parent, const QString& path)
{
    for (int r = 0; r < model.rowCount(parent); ++r) {
        const QModelIndex i = model.index(r, 0, parent);
        if (i.data(Hl7TreeModel::PathRole).toString() == path)
            return i;
        const QModelIndex below = find(model, i, path);
        if (below.isValid())
            return below;
    }
    return {};
}

} // namespace

class tst_Hl7TreeModel : public QObject
{
    Q_OBJECT

private slots:
    void repetitionsAndComponents();
    void headerFields();
    void escapeSequencesUnescaped();
    void repeatedSegmentsAndRoles();
    void parseErrorLeavesModelEmpty();
    void wholeCorpus();
    void displayRaw();
};

void tst_Hl7TreeModel::repetitionsAndComponents()
{
    const QByteArray raw = corpus(u"oru_r01_v2.4_pyhl7-repetitions.hl7"_s);
    QVERIFY(!raw.isEmpty());
    Hl7TreeModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    QVERIFY(model.setMessage(raw));
    QCOMPARE(model.rowCount(), 2);

    const QModelIndex pid = model.index(1, 0);
    QCOMPARE(pid.data().toString(), u"PID"_s);
    QCOMPARE(pid.siblingAtColumn(Hl7TreeModel::NameColumn).data().toString(), u"Patient Identification"_s);
    QStringList tree;
    dump(model, pid, &tree);
    const QStringList expected{
        u"PID-1|Set ID - PID|Field1"_s,
        u"PID-2|Patient ID|Component1^Component2"_s,
        u"PID-2.1||Component1"_s,
        u"PID-2.2||Component2"_s,
        u"PID-3|Patient Identifier List|Component1^Sub-Component1&Sub-Component2^Component3"_s,
        u"PID-3.1||Component1"_s,
        u"PID-3.2||Sub-Component1&Sub-Component2"_s,
        u"PID-3.2.1||Sub-Component1"_s,
        u"PID-3.2.2||Sub-Component2"_s,
        u"PID-3.3||Component3"_s,
        u"PID-4|Alternate Patient ID - PID|Repeat1~Repeat2"_s,
        u"PID-4(1)||Repeat1"_s,
        u"PID-4(2)||Repeat2"_s,
    };
    QCOMPARE(tree, expected);
    QCOMPARE(find(model, pid, u"PID-4(2)"_s).data(Hl7TreeModel::LevelRole).toString(), u"repetition"_s);
    QCOMPARE(find(model, pid, u"PID-3.2.1"_s).data(Hl7TreeModel::LevelRole).toString(), u"subcomponent"_s);
    QCOMPARE(find(model, pid, u"PID-3"_s).data(Hl7TreeModel::FieldRole).toInt(), 3);
    QCOMPARE(find(model, pid, u"PID-3"_s).data(Qt::ToolTipRole).toString(), u"PID-3 Patient Identifier List"_s);
}

void tst_Hl7TreeModel::headerFields()
{
    Hl7TreeModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    QVERIFY(model.setMessage(corpus(u"oru_r01_v2.4_pyhl7-repetitions.hl7"_s)));
    const QModelIndex msh = model.index(0, 0);
    QCOMPARE(find(model, msh, u"MSH-1"_s).siblingAtColumn(Hl7TreeModel::ValueColumn).data().toString(), u"|"_s);
    const QModelIndex msh2 = find(model, msh, u"MSH-2"_s);
    // The encoding characters are shown as they are, never unescaped or split.
    QCOMPARE(msh2.siblingAtColumn(Hl7TreeModel::ValueColumn).data().toString(), u"^~\\&"_s);
    QCOMPARE(model.rowCount(msh2), 0);
    const QModelIndex msh9 = find(model, msh, u"MSH-9"_s);
    QCOMPARE(msh9.siblingAtColumn(Hl7TreeModel::NameColumn).data().toString(), u"Message Type"_s);
    QCOMPARE(model.rowCount(msh9), 2);
    QCOMPARE(find(model, msh, u"MSH-9.2"_s).siblingAtColumn(Hl7TreeModel::ValueColumn).data().toString(), u"R01"_s);
    QCOMPARE(find(model, msh, u"MSH-10"_s).siblingAtColumn(Hl7TreeModel::ValueColumn).data().toString(),
             u"CNTRL-3456"_s);
    QVERIFY(!find(model, msh, u"MSH-8"_s).isValid());          // empty fields are left out
}

void tst_Hl7TreeModel::escapeSequencesUnescaped()
{
    Hl7TreeModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    QVERIFY(model.setMessage(corpus(u"oru_r01_v2.4_derived-escape-sequences.hl7"_s)));
    const QModelIndex nte3 = find(model, QModelIndex(), u"NTE-3"_s);
    QVERIFY(nte3.isValid());
    QCOMPARE(model.rowCount(nte3), 0);                        // escaped delimiters are not structure
    QCOMPARE(nte3.siblingAtColumn(Hl7TreeModel::NameColumn).data().toString(), u"Comment"_s);
    QCOMPARE(nte3.siblingAtColumn(Hl7TreeModel::ValueColumn).data().toString(),
             u"Na&K panel; ratio Na^K 30|1; path C:\\lab\\res; repeat sign ~ kept as text"_s);
    QCOMPARE(nte3.data(Hl7TreeModel::RawRole).toString(),
             u"Na\\T\\K panel; ratio Na\\S\\K 30\\F\\1; path C:\\E\\lab\\E\\res; repeat sign \\R\\ kept as text"_s);

    const QModelIndex formatted = find(model, QModelIndex(), u"OBX(3)-5"_s);
    QVERIFY(formatted.isValid());
    QVERIFY(formatted.siblingAtColumn(Hl7TreeModel::ValueColumn).data().toString().startsWith(u"Line one\nLine two"_s));
}

void tst_Hl7TreeModel::repeatedSegmentsAndRoles()
{
    Hl7TreeModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    QVERIFY(model.setMessage(corpus(u"oru_r01_v2.4_derived-escape-sequences.hl7"_s)));
    QStringList segments;
    for (int r = 0; r < model.rowCount(); ++r)
        segments.append(model.index(r, 0).data().toString());
    QCOMPARE(segments, QStringList({u"MSH"_s, u"PID"_s, u"OBR"_s, u"OBX"_s, u"OBX(2)"_s, u"NTE"_s, u"OBX(3)"_s,
                                    u"OBX(4)"_s}));
    const QModelIndex obx2value = find(model, model.index(4, 0), u"OBX(2)-5.2"_s);
    QCOMPARE(obx2value.siblingAtColumn(Hl7TreeModel::ValueColumn).data().toString(), u"182"_s);
    QCOMPARE(obx2value.data(Hl7TreeModel::SegmentRole).toString(), u"OBX"_s);
    QCOMPARE(obx2value.data(Hl7TreeModel::LevelRole).toString(), u"component"_s);
    QCOMPARE(model.index(4, 0).data(Hl7TreeModel::LevelRole).toString(), u"segment"_s);
}

void tst_Hl7TreeModel::parseErrorLeavesModelEmpty()
{
    Hl7TreeModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    QVERIFY(model.setMessage(corpus(u"oru_r01_v2.4_pyhl7-repetitions.hl7"_s)));
    QString error;
    QVERIFY(!model.setMessage("PID|1||123\r"_ba, &error));
    QVERIFY(!error.isEmpty());
    QCOMPARE(model.rowCount(), 0);
}

void tst_Hl7TreeModel::wholeCorpus()
{
    Hl7TreeModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    const QDir dir(QStringLiteral(VIGIL_TEST_DATA_DIR) + u"/hl7/valid"_s);
    const QStringList files = dir.entryList({u"*.hl7"_s}, QDir::Files);
    QVERIFY(files.size() > 50);
    for (const QString& name : files) {
        const QByteArray raw = corpus(name);
        const auto parsed = Hl7Message::parse(raw);
        QVERIFY2(parsed.ok(), qPrintable(name));
        QVERIFY2(model.setMessage(raw), qPrintable(name));
        QCOMPARE(model.rowCount(), parsed.message->segmentCount());
        // Every leaf's path reads back through the codec as the same value.
        QStringList leaves;
        const QModelIndex pid = find(model, QModelIndex(), u"PID"_s);
        if (!pid.isValid())
            continue;
        for (int r = 0; r < model.rowCount(pid); ++r) {
            const QModelIndex field = model.index(r, 0, pid);
            if (model.rowCount(field) > 0)
                continue;
            const QString path = field.data(Hl7TreeModel::PathRole).toString();
            QCOMPARE(field.siblingAtColumn(Hl7TreeModel::ValueColumn).data().toString(), parsed.message->value(path));
        }
    }
}

void tst_Hl7TreeModel::displayRaw()
{
    const QByteArray crlf = corpus(u"oru_r01_v2.5.1_ti-CA-003-crlf-utf8.hl7"_s);
    QVERIFY(crlf.contains("\r\n"));
    const QString text = Hl7TreeModel::displayRaw(crlf);
    QVERIFY(!text.contains(u'\r'));
    QCOMPARE(text.split(u'\n').size(), Hl7Message::parse(crlf).message->segmentCount());
    QVERIFY(text.startsWith(u"MSH|^~\\&|"_s));

    const QString escaped = Hl7TreeModel::displayRaw(corpus(u"oru_r01_v2.4_derived-escape-sequences.hl7"_s));
    QCOMPARE(escaped.split(u'\n').size(), 8);
    QVERIFY(escaped.contains(u"Na\\T\\K"_s));                  // the raw view keeps escapes as sent

    // Unparseable bytes still show, with control characters made visible.
    QCOMPARE(Hl7TreeModel::displayRaw("ABC\x0b\r\nDEF\n\nGHI\x1c"_ba), u"ABC\u240b\nDEF\nGHI\u241c"_s);
}

QTEST_GUILESS_MAIN(tst_Hl7TreeModel)
#include "tst_hl7treemodel.moc"
