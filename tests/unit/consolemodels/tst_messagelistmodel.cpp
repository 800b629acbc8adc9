#include "models/console/MessageListModel.h"

#include <QAbstractItemModelTester>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QSet>
#include <QSignalSpy>
#include <QTest>
#include <QTimer>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace {

constexpr qint64 kBaseMs = 1795730400000;                 // 2026-11-26T22:00:00Z

QJsonObject summary(qint64 id, qint64 receivedMs, const QString& channel = u"hl7-in"_s)
{
    return QJsonObject{
        {u"id"_s, double(id)},
        {u"correlationId"_s, u"%1"_s.arg(id, 32, 16, QChar(u'0'))},
        {u"channel"_s, channel},
        {u"receivedAt"_s, QDateTime::fromMSecsSinceEpoch(receivedMs, Qt::UTC).toString(Qt::ISODateWithMs)},
        {u"format"_s, u"hl7v2"_s},
        {u"state"_s, u"accepted"_s},
        {u"messageType"_s, u"ADT"_s},
        {u"triggerEvent"_s, u"A01"_s},
        {u"controlId"_s, u"CTL-%1"_s.arg(id)},
        {u"patientId"_s, u"***"_s},
        {u"unit"_s, u"4B"_s},
        {u"routedTo"_s, QJsonArray{u"ehr"_s}},
        {u"deliveredTo"_s, QJsonArray()},
        {u"deadLetteredAt"_s, QJsonArray()},
    };
}

/// Two (or more) fake nodes answering keyset pages of their items, newest first, like 4.5.
/// The cursor is the id of the last item of the previous page ("before=N").
class FakeNodes
{
public:
    QHash<QString, QList<QJsonObject>> items;                  ///< per node, newest first
    int pageSize = 3;
    bool overlap = false;                                      ///< repeat the previous page's last item
    bool deferred = false;                                     ///< answer from the event loop
    QList<QPair<QString, QString>> calls;

    MessageListModel::PageFetcher fetcher()
    {
        return [this](const QString& nodeId, const QString& cursor,
                      std::function<void(QJsonArray, QString)> done) {
            calls.append({nodeId, cursor});
            const QList<QJsonObject>& all = items.value(nodeId);
            qsizetype start = 0;
            if (!cursor.isEmpty()) {
                const qint64 before = cursor.toLongLong();
                while (start < all.size() && qint64(all[start].value(u"id"_s).toDouble()) >= before)
                    ++start;
                if (overlap && start > 0)
                    --start;
            }
            QJsonArray page;
            for (qsizetype i = start; i < std::min(all.size(), start + pageSize); ++i)
                page.append(all[i]);
            const qsizetype end = std::min(all.size(), start + pageSize);
            const QString next = end < all.size() ? QString::number(qint64(all[end - 1].value(u"id"_s).toDouble()))
                                                  : QString();
            if (deferred)
                QTimer::singleShot(0, [done, page, next] { done(page, next); });
            else
                done(page, next);
        };
    }
};

struct Key
{
    QString node;
    qint64 id;
    qint64 ms;
};

QList<Key> rowsOf(const MessageListModel& model)
{
    QList<Key> rows;
    for (int r = 0; r < model.rowCount(); ++r) {
        const QModelIndex i = model.index(r, 0);
        rows.append({i.data(MessageListModel::NodeIdRole).toString(), i.data(MessageListModel::MessageIdRole).toLongLong(),
                     i.data(MessageListModel::ReceivedAtMsRole).toLongLong()});
    }
    return rows;
}

} // namespace

class tst_MessageListModel : public QObject
{
    Q_OBJECT

private slots:
    void mergesAcrossNodes_data();
    void mergesAcrossNodes();
    void noDuplicatesFromOverlappingPages();
    void columnsAndRoles();
    void asynchronousPagesAndStaleAnswers();
    void bulkAppendInBatches();
    void textsRoundTrip_data();
    void textsRoundTrip();
    void manyDistinctTextsAndLateDuplicates();
    void clearStartsAfresh();
};

void tst_MessageListModel::mergesAcrossNodes_data()
{
    QTest::addColumn<int>("pageSize");
    QTest::addColumn<bool>("deferred");
    QTest::addRow("page 3, sync") << 3 << false;
    QTest::addRow("page 1, sync") << 1 << false;
    QTest::addRow("page 7, deferred") << 7 << true;
}

void tst_MessageListModel::mergesAcrossNodes()
{
    QFETCH(int, pageSize);
    QFETCH(bool, deferred);

    FakeNodes nodes;
    nodes.pageSize = pageSize;
    nodes.deferred = deferred;
    // Node a: a burst of new messages then old ones; node b: evenly spread. Ids rise with time per node.
    QList<qint64> aTimes{100, 99, 98, 97, 50, 49, 10, 9, 8, 7, 6, 5};
    QList<qint64> bTimes{95, 85, 75, 65, 55, 45, 35, 25, 15, 5, 1};
    QList<Key> expected;
    for (int i = 0; i < aTimes.size(); ++i) {
        nodes.items[u"a"_s].append(summary(1000 - i, kBaseMs + aTimes[i] * 1000));
        expected.append({u"a"_s, 1000 - i, kBaseMs + aTimes[i] * 1000});
    }
    for (int i = 0; i < bTimes.size(); ++i) {
        nodes.items[u"b"_s].append(summary(500 - i, kBaseMs + bTimes[i] * 1000, u"lab-in"_s));
        expected.append({u"b"_s, 500 - i, kBaseMs + bTimes[i] * 1000});
    }
    std::stable_sort(expected.begin(), expected.end(), [](const Key& x, const Key& y) {
        if (x.ms != y.ms)
            return x.ms > y.ms;
        return x.node < y.node;
    });

    MessageListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    tester.setUseFetchMore(false);
    model.setPageFetcher(nodes.fetcher());
    QSignalSpy allLoaded(&model, &MessageListModel::allLoaded);
    model.setQuery({u"a"_s, u"b"_s});
    QVERIFY(model.canFetchMore(QModelIndex()));

    int rounds = 0;
    while (allLoaded.isEmpty() && rounds < 200) {
        if (model.canFetchMore(QModelIndex()))
            model.fetchMore(QModelIndex());
        if (deferred)
            QTRY_VERIFY(!model.isFetching());
        ++rounds;
        if (model.rowCount() > 0 && model.canFetchMore(QModelIndex()))
            QVERIFY(!model.canFetchMore(model.index(0, 0)));   // a flat table: only the root pages
        // At every step what is shown is exactly the start of the full merge: never out of order,
        // never a row that a later page would have to go above.
        const QList<Key> shown = rowsOf(model);
        QVERIFY(shown.size() <= expected.size());
        for (int r = 0; r < shown.size(); ++r) {
            QCOMPARE(shown[r].node, expected[r].node);
            QCOMPARE(shown[r].id, expected[r].id);
        }
    }
    QCOMPARE(allLoaded.size(), 1);
    QCOMPARE(model.rowCount(), expected.size());
    QVERIFY(!model.canFetchMore(QModelIndex()));
    // Lazy: the first round fetched only one page from each node.
    QCOMPARE(nodes.calls.at(0).second, QString());
    QCOMPARE(nodes.calls.at(1).second, QString());
    QVERIFY(nodes.calls.size() <= (aTimes.size() + pageSize - 1) / pageSize + (bTimes.size() + pageSize - 1) / pageSize);
}

void tst_MessageListModel::noDuplicatesFromOverlappingPages()
{
    FakeNodes nodes;
    nodes.overlap = true;
    for (int i = 0; i < 10; ++i)
        nodes.items[u"a"_s].append(summary(100 - i, kBaseMs - i * 1000));
    for (int i = 0; i < 10; ++i)
        nodes.items[u"b"_s].append(summary(100 - i, kBaseMs - i * 1000 - 500));  // same ids, other node

    MessageListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    tester.setUseFetchMore(false);
    model.setPageFetcher(nodes.fetcher());
    model.setQuery({u"a"_s, u"b"_s});
    for (int i = 0; i < 50 && model.canFetchMore(QModelIndex()); ++i)
        model.fetchMore(QModelIndex());

    QCOMPARE(model.rowCount(), 20);
    QSet<QString> seen;
    const QList<Key> rows = rowsOf(model);
    for (const Key& k : rows)
        seen.insert(k.node + u'/' + QString::number(k.id));
    QCOMPARE(seen.size(), 20);
    for (int r = 1; r < rows.size(); ++r)
        QVERIFY(rows[r - 1].ms >= rows[r].ms);

    // appendBatch skips what is already there.
    QCOMPARE(model.appendBatch(u"a"_s, QJsonArray{summary(100, kBaseMs), summary(7, kBaseMs - 60000)}), 1);
    QCOMPARE(model.rowCount(), 21);
}

void tst_MessageListModel::columnsAndRoles()
{
    MessageListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    tester.setUseFetchMore(false);
    QJsonObject fhir = summary(5, kBaseMs, u"fhir-in"_s);
    fhir.insert(u"messageType"_s, u"Observation"_s);
    fhir.remove(u"triggerEvent"_s);
    fhir.remove(u"patientId"_s);
    fhir.insert(u"correlationId"_s, u"01a219e167875cb4e699ee53cf86ddbc"_s);
    QCOMPARE(model.appendBatch(u"node-1"_s, QJsonArray{summary(7, kBaseMs + 1000), fhir}), 2);
    model.setNodeDisplayName(u"node-1"_s, u"Lab node"_s);

    QCOMPARE(model.columnCount(), int(MessageListModel::ColumnCount));
    const auto cell = [&](int row, int column) { return model.index(row, column).data().toString(); };
    QCOMPARE(cell(0, MessageListModel::ReceivedColumn), u"2026-11-26 22:00:01"_s);
    QCOMPARE(cell(0, MessageListModel::NodeColumn), u"Lab node"_s);
    QCOMPARE(cell(0, MessageListModel::TypeColumn), u"ADT^A01"_s);
    QCOMPARE(cell(0, MessageListModel::ControlIdColumn), u"CTL-7"_s);
    QCOMPARE(cell(0, MessageListModel::CorrelationIdColumn), u"00000000000000000000000000000007"_s);
    QCOMPARE(cell(0, MessageListModel::PatientColumn), u"***"_s);
    QCOMPARE(cell(0, MessageListModel::UnitColumn), u"4B"_s);
    QCOMPARE(cell(0, MessageListModel::StateColumn), u"accepted"_s);
    QCOMPARE(cell(0, MessageListModel::ChannelColumn), u"hl7-in"_s);
    QCOMPARE(cell(1, MessageListModel::TypeColumn), u"Observation"_s);
    QCOMPARE(cell(1, MessageListModel::PatientColumn), QString());
    QCOMPARE(model.index(1, 0).data(MessageListModel::CorrelationIdRole).toString(), u"01a219e167875cb4e699ee53cf86ddbc"_s);
    QCOMPARE(model.index(1, 3).data(MessageListModel::NodeIdRole).toString(), u"node-1"_s);
    QCOMPARE(model.index(1, 3).data(MessageListModel::MessageIdRole).toLongLong(), 5);
    QCOMPARE(model.index(1, 3).data(MessageListModel::StateRole).toString(), u"accepted"_s);
    QCOMPARE(model.index(0, 0).data(MessageListModel::SortRole).toLongLong(), kBaseMs + 1000);
    QCOMPARE(model.headerData(MessageListModel::CorrelationIdColumn, Qt::Horizontal).toString(), u"Correlation ID"_s);
    QCOMPARE(model.nodeIdAt(1), u"node-1"_s);
    QCOMPARE(model.messageIdAt(0), 7);
}

void tst_MessageListModel::asynchronousPagesAndStaleAnswers()
{
    FakeNodes nodes;
    nodes.deferred = true;
    for (int i = 0; i < 5; ++i) {
        nodes.items[u"a"_s].append(summary(50 - i, kBaseMs - i * 1000));
        nodes.items[u"b"_s].append(summary(80 - i, kBaseMs - i * 1000 - 10));
    }
    MessageListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    tester.setUseFetchMore(false);
    model.setPageFetcher(nodes.fetcher());
    model.setQuery({u"a"_s, u"b"_s});
    model.fetchMore(QModelIndex());
    QVERIFY(model.isFetching());
    QVERIFY(!model.canFetchMore(QModelIndex()));              // both requests outstanding
    // A new query before the answers arrive: the old answers must not land in it.
    model.setQuery({u"b"_s});
    QSignalSpy pages(&model, &MessageListModel::pageLoaded);
    model.fetchMore(QModelIndex());
    QTRY_COMPARE(pages.size(), 1);
    QTest::qWait(20);
    QCOMPARE(pages.size(), 1);
    QCOMPARE(model.rowCount(), 3);
    for (int r = 0; r < model.rowCount(); ++r)
        QCOMPARE(model.index(r, 0).data(MessageListModel::NodeIdRole).toString(), u"b"_s);

    model.clear();
    QCOMPARE(model.rowCount(), 0);
    QVERIFY(!model.canFetchMore(QModelIndex()));
}

void tst_MessageListModel::bulkAppendInBatches()
{
    constexpr int kRows = 100000;
    // QAbstractItemModelTester re-walks the whole model on every insert, so its cost, not the
    // model's, grows with the batch count: 10 batches keep the test quick.
    constexpr int kBatch = 10000;
    MessageListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    tester.setUseFetchMore(false);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    for (int b = 0; b < kRows / kBatch; ++b) {
        QJsonArray batch;
        for (int i = 0; i < kBatch; ++i) {
            const int n = b * kBatch + i;
            batch.append(summary(kRows - n, kBaseMs - n * 10, n % 2 ? u"hl7-in"_s : u"lab-in"_s));
        }
        QCOMPARE(model.appendBatch(u"bulk"_s, batch), kBatch);
    }
    QCOMPARE(model.rowCount(), kRows);
    QCOMPARE(inserted.size(), kRows / kBatch);
    QCOMPARE(inserted.last().at(1).toInt(), kRows - kBatch);
    QCOMPARE(inserted.last().at(2).toInt(), kRows - 1);
    QCOMPARE(model.index(kRows - 1, MessageListModel::ControlIdColumn).data().toString(), u"CTL-1"_s);
    QCOMPARE(model.index(kRows - 1, MessageListModel::ChannelColumn).data().toString(), u"hl7-in"_s);
}

void tst_MessageListModel::textsRoundTrip_data()
{
    QTest::addColumn<QString>("controlId");
    QTest::addColumn<QString>("patient");
    QTest::addColumn<QString>("correlation");
    QTest::addColumn<QString>("shownCorrelation");
    QTest::addRow("ascii, hex") << u"CTL-1"_s << u"MRN1234"_s << u"0123456789abcdef0123456789abcdef"_s
                                << u"0123456789abcdef0123456789abcdef"_s;
    QTest::addRow("upper-case hex shown lower") << u"A"_s << u"***"_s << u"0123456789ABCDEF0123456789ABCDEF"_s
                                                << u"0123456789abcdef0123456789abcdef"_s;
    QTest::addRow("not hex") << u"CTL-2"_s << QString() << u"legacy-id-42"_s << u"legacy-id-42"_s;
    QTest::addRow("32 characters, not hex") << u"CTL-3"_s << u"x"_s << u"0123456789abcdef0123456789abcdeg"_s
                                            << u"0123456789abcdef0123456789abcdeg"_s;
    QTest::addRow("empty texts") << QString() << QString() << QString() << QString();
    QTest::addRow("non-ASCII") << u"Größe-\u00e9-\u4e2d"_s << u"M\u00fcller^J\u00fcrgen"_s << u"\u00e9t\u00e9"_s
                               << u"\u00e9t\u00e9"_s;
    // Longer than 127 UTF-8 bytes: the length takes more than one byte.
    QTest::addRow("long") << QString(300, u'7') << QString(128, u'\u00fc') << QString(200, u'c') << QString(200, u'c');
}

void tst_MessageListModel::textsRoundTrip()
{
    QFETCH(QString, controlId);
    QFETCH(QString, patient);
    QFETCH(QString, correlation);
    QFETCH(QString, shownCorrelation);

    MessageListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    tester.setUseFetchMore(false);
    QJsonObject item = summary(9, kBaseMs);
    item.insert(u"controlId"_s, controlId);
    item.insert(u"patientId"_s, patient);
    item.insert(u"correlationId"_s, correlation);
    // Neighbours on both sides: each row must find its own texts.
    QCOMPARE(model.appendBatch(u"n"_s, QJsonArray{summary(10, kBaseMs + 1), item, summary(8, kBaseMs - 1)}), 3);
    const auto cell = [&](int row, int column) { return model.index(row, column).data().toString(); };
    QCOMPARE(cell(1, MessageListModel::ControlIdColumn), controlId);
    QCOMPARE(cell(1, MessageListModel::PatientColumn), patient);
    QCOMPARE(cell(1, MessageListModel::CorrelationIdColumn), shownCorrelation);
    QCOMPARE(model.index(1, 0).data(MessageListModel::CorrelationIdRole).toString(), shownCorrelation);
    QCOMPARE(cell(1, MessageListModel::TypeColumn), u"ADT^A01"_s);
    QCOMPARE(cell(1, MessageListModel::ChannelColumn), u"hl7-in"_s);
    QCOMPARE(cell(0, MessageListModel::ControlIdColumn), u"CTL-10"_s);
    QCOMPARE(cell(0, MessageListModel::CorrelationIdColumn), u"%1"_s.arg(10, 32, 16, QChar(u'0')));
    QCOMPARE(cell(2, MessageListModel::ControlIdColumn), u"CTL-8"_s);
    QCOMPARE(cell(2, MessageListModel::PatientColumn), u"***"_s);
}

void tst_MessageListModel::manyDistinctTextsAndLateDuplicates()
{
    // More distinct unit and channel texts than a 16-bit string table holds: the rest are kept per
    // row and still shown. Enough rows that the deduplication has merged its recent keys.
    constexpr int kRows = 70000;
    MessageListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    tester.setUseFetchMore(false);
    QJsonArray batch;
    for (int i = 0; i < kRows; ++i) {
        QJsonObject item = summary(kRows - i, kBaseMs - i);
        item.insert(u"unit"_s, u"unit-%1"_s.arg(i));
        item.insert(u"channel"_s, u"ch-%1"_s.arg(i % 3));
        item.insert(u"state"_s, i % 2 ? u"accepted"_s : u"invalid"_s);
        batch.append(item);
    }
    QCOMPARE(model.appendBatch(u"n"_s, batch), kRows);
    for (const int row : {0, 1, 30000, 65533, 65534, 65535, 69999}) {
        const QModelIndex index = model.index(row, MessageListModel::UnitColumn);
        QCOMPARE(index.data().toString(), u"unit-%1"_s.arg(row));
        QCOMPARE(index.siblingAtColumn(MessageListModel::ChannelColumn).data().toString(), u"ch-%1"_s.arg(row % 3));
        QCOMPARE(index.data(MessageListModel::StateRole).toString(), row % 2 ? u"accepted"_s : u"invalid"_s);
        QCOMPARE(index.siblingAtColumn(MessageListModel::ControlIdColumn).data().toString(),
                 u"CTL-%1"_s.arg(kRows - row));
        QCOMPARE(index.data(MessageListModel::MessageIdRole).toLongLong(), kRows - row);
    }
    // Ids seen long ago (merged) and just now are both recognised; the same id of another node is not
    // a duplicate.
    QCOMPARE(model.appendBatch(u"n"_s, QJsonArray{summary(1, kBaseMs), summary(kRows, kBaseMs), summary(35000, kBaseMs)}), 0);
    QCOMPARE(model.appendBatch(u"other"_s, QJsonArray{summary(1, kBaseMs - kRows)}), 1);
    QCOMPARE(model.appendBatch(u"n"_s, QJsonArray{summary(kRows + 1, kBaseMs - kRows - 1), summary(kRows + 1, kBaseMs)}), 1);
    QCOMPARE(model.rowCount(), kRows + 2);
}

void tst_MessageListModel::clearStartsAfresh()
{
    MessageListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    tester.setUseFetchMore(false);
    QCOMPARE(model.appendBatch(u"n"_s, QJsonArray{summary(3, kBaseMs, u"a-in"_s), summary(2, kBaseMs - 1)}), 2);
    model.clear();
    // What was seen before the clear is new again, with its own texts.
    QJsonObject again = summary(3, kBaseMs, u"b-in"_s);
    again.insert(u"controlId"_s, u"AGAIN"_s);
    QCOMPARE(model.appendBatch(u"n"_s, QJsonArray{again}), 1);
    QCOMPARE(model.index(0, MessageListModel::ControlIdColumn).data().toString(), u"AGAIN"_s);
    QCOMPARE(model.index(0, MessageListModel::ChannelColumn).data().toString(), u"b-in"_s);
    QCOMPARE(model.index(0, MessageListModel::NodeColumn).data().toString(), u"n"_s);
}

QTEST_GUILESS_MAIN(tst_MessageListModel)
#include "tst_messagelistmodel.moc"
