#include "models/console/Hl7TreeModel.h"
#include "models/console/MessageListModel.h"
#include "models/console/TraceTimelineModel.h"
#include "ui/views/Hl7RawHighlighter.h"
#include "ui/views/MessageDetailPane.h"
#include "ui/views/TraceQuery.h"
#include "ui/views/TraceSearchBar.h"
#include "ui/views/TraceView.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QDateTime>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonObject>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>
#include <QTextBlock>
#include <QTextLayout>
#include <QToolButton>
#include <QTreeView>
#include <QTreeWidget>

using namespace Qt::StringLiterals;

namespace {

const QString kCorrelation = u"01a219e167875cb4e699ee53cf86ddbc"_s;

QJsonObject summary(qint64 id, const QString& receivedAt, const QString& correlationId)
{
    return QJsonObject{{u"id"_s, id},
                       {u"correlationId"_s, correlationId},
                       {u"channel"_s, u"hl7-in"_s},
                       {u"receivedAt"_s, receivedAt},
                       {u"format"_s, u"hl7v2"_s},
                       {u"state"_s, u"accepted"_s},
                       {u"messageType"_s, u"ORU"_s},
                       {u"triggerEvent"_s, u"R01"_s},
                       {u"controlId"_s, u"CTRL-%1"_s.arg(id)},
                       {u"patientId"_s, u"***"_s},
                       {u"routedTo"_s, QJsonArray{u"ehr"_s}},
                       {u"deliveredTo"_s, QJsonArray{}},
                       {u"deadLetteredAt"_s, QJsonArray{}}};
}

QJsonObject detail()
{
    const QString raw = u"MSH|^~\\&|VIGILFEED|SYNTH|VIGIL|NODE|20261126220212+0000||ORU^R01^ORU_R01|CTRL-80|P|2.5.1\r"
                        "PID|1||***^^^***^MR||***^***\r"
                        "OBX|1|NM|718-7^Hemoglobin^LN|1|6.7|g/dL|12.0-17.5|LL|||F\r"_s;
    QJsonObject d = summary(80, u"2026-11-26T22:02:12.231Z"_s, kCorrelation);
    d.insert(u"version"_s, u"2.5.1"_s);
    d.insert(u"ackCode"_s, u"AA"_s);
    d.insert(u"content"_s, QJsonObject{{u"masked"_s, true},
                                       {u"raw"_s, raw},
                                       {u"rawBase64"_s, QString::fromLatin1(raw.toUtf8().toBase64())}});
    const auto event = [](const QString& at, qint64 atUs, const QString& stage, const QString& outcome,
                          const QString& destination = QString()) {
        QJsonObject e{{u"at"_s, at}, {u"atUs"_s, atUs}, {u"messageId"_s, 80}, {u"stage"_s, stage}, {u"outcome"_s, outcome}};
        if (!destination.isEmpty())
            e.insert(u"destination"_s, destination);
        return e;
    };
    d.insert(u"trace"_s,
             QJsonArray{event(u"2026-11-26T22:02:12.231Z"_s, 1795730532231000, u"receive"_s, u"ok"_s),
                        event(u"2026-11-26T22:02:12.232Z"_s, 1795730532232000, u"ack"_s, u"AA"_s),
                        event(u"2026-11-26T22:02:13.000Z"_s, 1795730533000000, u"attempt"_s, u"retry"_s, u"ehr"_s),
                        event(u"2026-11-26T22:02:14.487Z"_s, 1795730534487000, u"deliver"_s, u"ok"_s, u"ehr"_s)});
    d.insert(u"deadLetters"_s, QJsonArray{});
    return d;
}

} // namespace

class tst_TraceView : public QObject
{
    Q_OBJECT

private slots:
    void searchBoxEmitsQuery_data();
    void searchBoxEmitsQuery();
    void recentAndSavedSearches();
    void traceQueryKindAndSettings();
    void selectingResultEmitsMessageOpened();
    void rawViewShowsSegmentsOnSeparateLines();
    void parsedTreeHasFieldNames();
    void timelineAndDeliveriesFromDetail();
    void copyCorrelationIdPutsItOnClipboard();
    void openTraceEmitsTraceRequested();
    void focusSearch();
};

void tst_TraceView::searchBoxEmitsQuery_data()
{
    QTest::addColumn<QString>("typed");
    QTest::addColumn<QString>("type");
    QTest::addColumn<int>("stateIndex");
    QTest::addColumn<int>("timeIndex");
    QTest::addColumn<TraceQuery>("expected");
    QTest::addColumn<int>("kind");

    TraceQuery q;
    q.text = kCorrelation;
    QTest::addRow("correlation id") << u"  "_s + kCorrelation + u" "_s << QString() << 0 << 0 << q
                                    << int(TraceQuery::Kind::CorrelationId);
    q = TraceQuery();
    q.text = u"FWY3LC1A-00000069"_s;
    q.type = u"ORU^R01"_s;
    q.state = u"accepted"_s;
    QTest::addRow("msh-10 with filters") << q.text << q.type << 1 << 0 << q << int(TraceQuery::Kind::Identifier);
    q = TraceQuery();
    q.text = u"MRN22129348"_s;
    q.state = u"duplicate"_s;
    q.lastMs = 3600 * 1000;
    QTest::addRow("patient, last hour") << q.text << QString() << 4 << 1 << q << int(TraceQuery::Kind::Identifier);
    q = TraceQuery();
    q.type = u"ADT"_s;
    q.lastMs = 7 * 24 * 3600 * 1000LL;
    QTest::addRow("filters only") << QString() << q.type << 0 << 3 << q << int(TraceQuery::Kind::Empty);
}

void tst_TraceView::searchBoxEmitsQuery()
{
    QFETCH(QString, typed);
    QFETCH(QString, type);
    QFETCH(int, stateIndex);
    QFETCH(int, timeIndex);
    QFETCH(TraceQuery, expected);
    QFETCH(int, kind);

    TraceView view;
    QSignalSpy spy(&view, &TraceView::searchRequested);
    TraceSearchBar* bar = view.searchBar();
    bar->typeBox()->setCurrentText(type);
    bar->stateBox()->setCurrentIndex(stateIndex);
    bar->timeBox()->setCurrentIndex(timeIndex);
    QTest::keyClicks(bar->searchEdit(), typed);
    const qint64 before = QDateTime::currentMSecsSinceEpoch();
    QTest::keyClick(bar->searchEdit(), Qt::Key_Return);
    const qint64 after = QDateTime::currentMSecsSinceEpoch();

    QCOMPARE(spy.count(), 1);
    const TraceQuery got = spy.at(0).at(0).value<TraceQuery>();
    QCOMPARE(got.text, expected.text);
    QCOMPARE(got.type, expected.type);
    QCOMPARE(got.state, expected.state);
    QCOMPARE(got.lastMs, expected.lastMs);
    QCOMPARE(int(got.kind()), kind);
    if (expected.lastMs > 0) {
        QVERIFY(got.fromMs >= before - expected.lastMs && got.fromMs <= after - expected.lastMs);
        QCOMPARE(got.toMs, 0);
    } else {
        QCOMPARE(got.fromMs, 0);
        QCOMPARE(got.toMs, 0);
    }
}

void tst_TraceView::recentAndSavedSearches()
{
    TraceView view;
    QSignalSpy recent(&view, &TraceView::recentSearchesChanged);
    QSignalSpy saved(&view, &TraceView::savedSearchesChanged);
    QSignalSpy searched(&view, &TraceView::searchRequested);
    view.searchFor(u"A1"_s);
    view.searchFor(u"B2"_s);
    view.searchFor(u"A1"_s);
    QCOMPARE(searched.count(), 3);
    QCOMPARE(recent.count(), 3);
    QCOMPARE(view.recentSearches().size(), 2); // no duplicates, newest first
    QCOMPARE(view.recentSearches().at(0).text, u"A1"_s);
    QCOMPARE(view.recentSearches().at(1).text, u"B2"_s);

    for (int i = 0; i < TraceSearchBar::kMaxRecent + 5; ++i)
        view.searchFor(u"X%1"_s.arg(i));
    QCOMPARE(view.recentSearches().size(), TraceSearchBar::kMaxRecent);

    // Saving keeps a relative range relative.
    view.searchBar()->searchEdit()->setText(u"C3"_s);
    view.searchBar()->timeBox()->setCurrentIndex(2); // last 24 hours
    view.searchBar()->saveCurrentSearch();
    QCOMPARE(saved.count(), 1);
    QCOMPARE(view.savedSearches().size(), 1);
    QCOMPARE(view.savedSearches().at(0).text, u"C3"_s);
    QCOMPARE(view.savedSearches().at(0).lastMs, 24 * 3600 * 1000LL);
    QCOMPARE(view.savedSearches().at(0).fromMs, 0);
    view.searchBar()->saveCurrentSearch(); // the same again: not twice
    QCOMPARE(view.savedSearches().size(), 1);

    // Running a saved search puts it into the widgets and resolves the range now.
    view.searchBar()->searchEdit()->clear();
    view.searchBar()->timeBox()->setCurrentIndex(0);
    searched.clear();
    view.searchBar()->runQuery(view.savedSearches().at(0));
    QCOMPARE(searched.count(), 1);
    const TraceQuery run = searched.at(0).at(0).value<TraceQuery>();
    QCOMPARE(run.text, u"C3"_s);
    QVERIFY(run.fromMs > QDateTime::currentMSecsSinceEpoch() - 24 * 3600 * 1000LL - 5000);

    // The shell restores both lists from settings.
    TraceView restored;
    restored.setSavedSearches(TraceQuery::fromVariantList(TraceQuery::toVariantList(view.savedSearches())));
    restored.setRecentSearches(TraceQuery::fromVariantList(TraceQuery::toVariantList(view.recentSearches())));
    QCOMPARE(restored.savedSearches(), view.savedSearches());
    QCOMPARE(restored.recentSearches(), view.recentSearches());
}

void tst_TraceView::traceQueryKindAndSettings()
{
    QCOMPARE(TraceQuery::kindOf(kCorrelation), TraceQuery::Kind::CorrelationId);
    QCOMPARE(TraceQuery::kindOf(kCorrelation.toUpper()), TraceQuery::Kind::CorrelationId);
    QCOMPARE(TraceQuery::kindOf(kCorrelation.left(31) + u'g'), TraceQuery::Kind::Identifier);
    QCOMPARE(TraceQuery::kindOf(QString()), TraceQuery::Kind::Empty);
    TraceQuery q;
    q.text = u"X"_s;
    q.type = u"ADT^A01"_s;
    q.state = u"invalid"_s;
    q.fromMs = 1000;
    q.toMs = 2000;
    QCOMPARE(TraceQuery::fromVariantMap(q.toVariantMap()), q);
    QVERIFY(q.label().contains(u"ADT^A01"_s));
}

void tst_TraceView::selectingResultEmitsMessageOpened()
{
    MessageListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    TraceView view;
    view.setResultsModel(&model);
    QCOMPARE(model.appendBatch(u"node-a"_s, QJsonArray{summary(12, u"2026-11-26T22:02:12.000Z"_s, kCorrelation),
                                                       summary(11, u"2026-11-26T22:01:12.000Z"_s,
                                                               u"ffffffffffffffffffffffffffffffff"_s)}),
             2);
    QSignalSpy opened(&view, &TraceView::messageOpened);
    view.resultsView()->setCurrentIndex(model.index(1, MessageListModel::TypeColumn));
    QCOMPARE(opened.count(), 1);
    QCOMPARE(opened.at(0).at(0).toString(), u"node-a"_s);
    QCOMPARE(opened.at(0).at(1).toLongLong(), 11);
    QCOMPARE(opened.at(0).at(2).toString(), u"ffffffffffffffffffffffffffffffff"_s);
    // Another column of the same row is not another message.
    view.resultsView()->setCurrentIndex(model.index(1, MessageListModel::StateColumn));
    QCOMPARE(opened.count(), 1);
    view.resultsView()->setCurrentIndex(model.index(0, MessageListModel::TypeColumn));
    QCOMPARE(opened.count(), 2);
    QCOMPARE(opened.at(1).at(1).toLongLong(), 12);
    // Big lists stay cheap: fixed row heights.
    QCOMPARE(view.resultsView()->verticalHeader()->sectionResizeMode(0), QHeaderView::Fixed);
}

void tst_TraceView::rawViewShowsSegmentsOnSeparateLines()
{
    TraceView view;
    view.setDetail(u"node-a"_s, detail());
    const QTextDocument* doc = view.detailPane()->rawView()->document();
    QCOMPARE(doc->blockCount(), 3);
    QVERIFY(doc->findBlockByNumber(0).text().startsWith(u"MSH|^~\\&|VIGILFEED"_s));
    QVERIFY(doc->findBlockByNumber(1).text().startsWith(u"PID|1|"_s));
    QVERIFY(doc->findBlockByNumber(2).text().startsWith(u"OBX|1|NM|"_s));
    QVERIFY(!view.detailPane()->rawView()->toPlainText().contains(u'\r'));

    // Separators are drawn in their own formats: every '|' of the PID line has the field format.
    const QTextBlock pid = doc->findBlockByNumber(1);
    Hl7RawHighlighter reference(static_cast<QTextDocument*>(nullptr));
    const QColor fieldColour = reference.fieldSeparatorFormat().foreground().color();
    const QColor componentColour = reference.componentSeparatorFormat().foreground().color();
    QVERIFY(fieldColour != componentColour);
    const QList<QTextLayout::FormatRange> formats = pid.layout()->formats();
    const auto colourAt = [&formats](int pos) {
        for (const QTextLayout::FormatRange& r : formats) {
            if (pos >= r.start && pos < r.start + r.length)
                return r.format.foreground().color();
        }
        return QColor();
    };
    const QString text = pid.text();
    int pipes = 0;
    for (int i = 0; i < text.size(); ++i) {
        if (text.at(i) == u'|') {
            QCOMPARE(colourAt(i), fieldColour);
            ++pipes;
        } else if (text.at(i) == u'^') {
            QCOMPARE(colourAt(i), componentColour);
        }
    }
    QCOMPARE(pipes, 5);

    // A dark theme: the highlighter follows the view's palette by itself.
    Hl7RawHighlighter darkReference(static_cast<QTextDocument*>(nullptr));
    darkReference.setDarkBackground(true);
    QPalette dark = view.detailPane()->rawView()->palette();
    dark.setColor(QPalette::Base, Qt::black);
    view.detailPane()->rawView()->setPalette(dark);
    const QTextBlock darkPid = doc->findBlockByNumber(1);
    const int pipe = int(darkPid.text().indexOf(u'|'));
    QColor after;
    for (const QTextLayout::FormatRange& r : darkPid.layout()->formats()) {
        if (pipe >= r.start && pipe < r.start + r.length)
            after = r.format.foreground().color();
    }
    QCOMPARE(after, darkReference.fieldSeparatorFormat().foreground().color());
    QVERIFY(after != fieldColour);
}

void tst_TraceView::parsedTreeHasFieldNames()
{
    TraceView view;
    view.setDetail(u"node-a"_s, detail());
    const Hl7TreeModel* tree = view.detailPane()->parsedModel();
    QCOMPARE(view.detailPane()->parsedView()->model(), tree);
    QCOMPARE(tree->rowCount(), 3);
    const QModelIndex pid = tree->index(1, 0);
    QCOMPARE(pid.data(Hl7TreeModel::SegmentRole).toString(), u"PID"_s);
    bool found = false;
    for (int row = 0; row < tree->rowCount(pid); ++row) {
        const QModelIndex field = tree->index(row, Hl7TreeModel::NameColumn, pid);
        if (field.data(Hl7TreeModel::FieldRole).toInt() == 3) {
            QCOMPARE(field.data().toString(), u"Patient Identifier List"_s);
            found = true;
        }
    }
    QVERIFY(found);
}

void tst_TraceView::timelineAndDeliveriesFromDetail()
{
    TraceView view;
    TraceTimelineModel shared;
    view.setTimelineModel(&shared);
    view.setDetail(u"node-a"_s, detail());
    QCOMPARE(view.timelineModel(), &shared);
    QCOMPARE(shared.correlationId(), kCorrelation);
    QCOMPARE(shared.rowCount(), 4);
    QCOMPARE(view.detailPane()->timelineView()->model(), &shared);
    // Durations are shown.
    QVERIFY(!shared.index(3, TraceTimelineModel::SinceFirstColumn).data().toString().isEmpty());

    // ACKs and deliveries: the ACK, the attempt (marked failed) and the delivery.
    const QTreeWidget* deliveries = view.detailPane()->deliveriesView();
    QStringList stages;
    bool retryMarked = false;
    for (int i = 0; i < deliveries->topLevelItemCount(); ++i) {
        const QTreeWidgetItem* group = deliveries->topLevelItem(i);
        for (int c = 0; c < group->childCount(); ++c) {
            stages << group->child(c)->text(2);
            if (group->child(c)->text(4) == u"retry"_s)
                retryMarked = !group->child(c)->icon(4).isNull();
        }
    }
    QCOMPARE(stages, (QStringList{u"ack"_s, u"attempt"_s, u"deliver"_s}));
    QVERIFY(retryMarked);
}

void tst_TraceView::copyCorrelationIdPutsItOnClipboard()
{
    TraceView view;
    QGuiApplication::clipboard()->clear();
    view.setDetail(u"node-a"_s, detail());
    const QList<QToolButton*> copy = view.detailPane()->findChildren<QToolButton*>();
    QToolButton* button = nullptr;
    for (QToolButton* b : copy) {
        if (b->text() == u"Copy correlation ID"_s)
            button = b;
    }
    QVERIFY(button);
    QVERIFY(button->isEnabled());
    QTest::mouseClick(button, Qt::LeftButton);
    QCOMPARE(QGuiApplication::clipboard()->text(), kCorrelation);

    // From the results table: the selected row's ID.
    MessageListModel model;
    view.setResultsModel(&model);
    model.appendBatch(u"node-a"_s, QJsonArray{summary(5, u"2026-11-26T22:02:12.000Z"_s, u"abcdefabcdefabcdefabcdefabcdef12"_s)});
    view.resultsView()->setCurrentIndex(model.index(0, 0));
    view.copyCorrelationId();
    QCOMPARE(QGuiApplication::clipboard()->text(), u"abcdefabcdefabcdefabcdefabcdef12"_s);
}

void tst_TraceView::openTraceEmitsTraceRequested()
{
    TraceView view;
    QSignalSpy trace(&view, &TraceView::traceRequested);
    view.setDetail(u"node-a"_s, detail());
    QToolButton* open = nullptr;
    const QList<QToolButton*> buttons = view.detailPane()->findChildren<QToolButton*>();
    for (QToolButton* b : buttons) {
        if (b->text() == u"Open trace"_s)
            open = b;
    }
    QVERIFY(open);
    QTest::mouseClick(open, Qt::LeftButton);
    QCOMPARE(trace.count(), 1);
    QCOMPARE(trace.at(0).at(0).toString(), kCorrelation);
}

void tst_TraceView::focusSearch()
{
    TraceView view;
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    view.activateWindow();
    view.searchBar()->searchEdit()->setText(u"old"_s);
    view.resultsView()->setFocus();
    view.focusSearch();
    QTRY_VERIFY(view.searchBar()->searchEdit()->hasFocus());
    QCOMPARE(view.searchBar()->searchEdit()->selectedText(), u"old"_s);
}

QTEST_MAIN(tst_TraceView)
#include "tst_traceview.moc"
