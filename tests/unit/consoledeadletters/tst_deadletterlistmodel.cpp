#include "models/console/DeadLetterListModel.h"

#include <QAbstractItemModelTester>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QPersistentModelIndex>
#include <QSignalSpy>
#include <QTest>
#include <QTimer>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace {

constexpr qint64 kBaseMs = 1795730400000; // 2026-11-26T22:00:00Z

QString iso(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs);
}

/// A DeadLetterSummary (4.1) as the node lists it.
QJsonObject deadLetter(qint64 id, qint64 createdMs, qint64 messageId = 0, const QString& stage = u"deliver"_s)
{
    QJsonObject o{{u"id"_s, double(id)},
                  {u"messageId"_s, double(messageId > 0 ? messageId : id + 100)},
                  {u"correlationId"_s, u"%1"_s.arg(id, 32, 16, QChar(u'0'))},
                  {u"channel"_s, u"hl7-in"_s},
                  {u"stage"_s, stage},
                  {u"reason"_s, u"gave up after 1 attempts: Connection refused"_s},
                  {u"attempts"_s, 1},
                  {u"createdAt"_s, iso(createdMs)},
                  {u"state"_s, u"open"_s},
                  {u"signature"_s, stage == u"deliver" ? u"SIG-DELIVER"_s : u"SIG-VALIDATE"_s},
                  {u"messageType"_s, u"ADT"_s},
                  {u"triggerEvent"_s, u"A08"_s},
                  {u"controlId"_s, u"CTL-%1"_s.arg(id)},
                  {u"unit"_s, u"ICU-3"_s}};
    if (stage == u"deliver") {
        o.insert(u"destination"_s, u"lab-down"_s);
        o.insert(u"errorClass"_s, u"connect"_s);
    } else {
        o.insert(u"errorClass"_s, u"hl7-101"_s);
        o.insert(u"errorLocation"_s, u"PID(1)-3"_s);
    }
    return o;
}

QJsonObject frame(const QString& event, const QJsonObject& data)
{
    return QJsonObject{{u"type"_s, u"event"_s}, {u"seq"_s, 7}, {u"event"_s, event}, {u"at"_s, iso(kBaseMs)}, {u"data"_s, data}};
}

/// Nodes answering keyset pages of their dead letters, newest first, like 4.10.
class FakeNodes
{
public:
    QHash<QString, QList<QJsonObject>> items; ///< per node, newest (highest id) first
    int pageSize = 3;
    bool deferred = false;
    bool cached = false;
    QList<QPair<QString, QString>> calls;

    DeadLetterListModel::PageFetcher fetcher()
    {
        return [this](const QString& nodeId, const QString& cursor,
                      std::function<void(QJsonArray, QString, bool)> done) {
            calls.append({nodeId, cursor});
            const QList<QJsonObject>& all = items[nodeId];
            qsizetype start = 0;
            if (!cursor.isEmpty()) {
                while (start < all.size() && qint64(all[start].value(u"id"_s).toDouble()) >= cursor.toLongLong())
                    ++start;
            }
            QJsonArray page;
            const qsizetype end = std::min(all.size(), start + pageSize);
            for (qsizetype i = start; i < end; ++i)
                page.append(all[i]);
            const QString next = end < all.size() ? QString::number(qint64(all[end - 1].value(u"id"_s).toDouble()))
                                                  : QString();
            const bool fromCache = cached;
            if (deferred)
                QTimer::singleShot(0, [done, page, next, fromCache] { done(page, next, fromCache); });
            else
                done(page, next, fromCache);
        };
    }
};

} // namespace

class tst_DeadLetterListModel : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void pagesOfSeveralNodesMergeNewestFirst();
    void headRefreshInsertsNewAndUpdatesKnown();
    void headRefreshWalksBackWhenAWholePageIsNew();
    void staleAnswersAreIgnored();
    void resubmissionFollowedLiveToAFailure();
    void editedResubmissionFollowedToDelivery();
    void refusedResubmissionNeedsAttention();
    void pendingActionsMarkRows();
    void parkedStateAndCachedRows();
    void replaysToLearnAreHandedOutOnce();
    void removeNodeDropsItsRows();
    void ageText_data();
    void ageText();
    void columnsShowTheRow();

private:
    QString followUpOf(const QString& node, qint64 id) const;

    DeadLetterListModel* m_model = nullptr;
    QAbstractItemModelTester* m_tester = nullptr;
    FakeNodes m_nodes;
};

void tst_DeadLetterListModel::init()
{
    m_nodes = FakeNodes();
    m_model = new DeadLetterListModel(this);
    m_tester = new QAbstractItemModelTester(m_model, QAbstractItemModelTester::FailureReportingMode::QtTest, this);
    // The tests drive paging themselves; a tester fetching inside its own rowsInserted check would
    // nest one insertion in another with the synchronous fake.
    m_tester->setUseFetchMore(false);
    m_model->setPageFetcher(m_nodes.fetcher());
    m_model->setClock([] { return kBaseMs + 3600 * 1000; });
}

void tst_DeadLetterListModel::cleanup()
{
    delete m_tester;
    delete m_model;
}

QString tst_DeadLetterListModel::followUpOf(const QString& node, qint64 id) const
{
    const int row = m_model->rowOf(node, id);
    return row < 0 ? u"<no row>"_s : m_model->index(row, DeadLetterListModel::FollowUpColumn).data().toString();
}

void tst_DeadLetterListModel::pagesOfSeveralNodesMergeNewestFirst()
{
    // Node a: ids 6..1 a minute apart; node b: ids 3..1 interleaved in time.
    for (int id = 6; id >= 1; --id)
        m_nodes.items[u"a"_s].append(deadLetter(id, kBaseMs + id * 60000));
    for (int id = 3; id >= 1; --id)
        m_nodes.items[u"b"_s].append(deadLetter(id, kBaseMs + id * 60000 + 30000));
    m_nodes.deferred = true;
    m_model->setQuery({u"a"_s, u"b"_s});
    QVERIFY(m_model->canFetchMore(QModelIndex()));
    QSignalSpy pages(m_model, &DeadLetterListModel::pageLoaded);
    while (m_model->canFetchMore(QModelIndex()) || m_model->isFetching()) {
        if (m_model->canFetchMore(QModelIndex()))
            m_model->fetchMore(QModelIndex());
        QTRY_VERIFY(!m_model->isFetching());
    }
    QCOMPARE(m_model->rowCount(), 9);
    QCOMPARE(pages.size(), 3); // a: 2 pages, b: 1
    QVERIFY(!m_model->hasMore(u"a"_s));
    // Newest first across nodes, every (node, id) once.
    qint64 previous = std::numeric_limits<qint64>::max();
    QSet<QString> seen;
    for (int row = 0; row < m_model->rowCount(); ++row) {
        const QModelIndex index = m_model->index(row, 0);
        const qint64 created = index.data(DeadLetterListModel::CreatedAtMsRole).toLongLong();
        QVERIFY(created <= previous);
        previous = created;
        seen.insert(index.data(DeadLetterListModel::NodeIdRole).toString() + u'/'
                    + QString::number(index.data(DeadLetterListModel::DeadLetterIdRole).toLongLong()));
    }
    QCOMPARE(seen.size(), 9);
    QCOMPARE(m_model->nodeIdAt(0), u"a"_s);
    QCOMPARE(m_model->deadLetterIdAt(0), qint64(6));
    // a6 a5 a4 b3 a3 b2 a2 b1 a1
    QCOMPARE(m_model->nodeIdAt(3), u"b"_s);
    QCOMPARE(m_model->deadLetterIdAt(3), qint64(3));
    QCOMPARE(m_model->nodeIdAt(4), u"a"_s);
    QCOMPARE(m_model->deadLetterIdAt(4), qint64(3));
}

void tst_DeadLetterListModel::headRefreshInsertsNewAndUpdatesKnown()
{
    for (int id = 3; id >= 1; --id)
        m_nodes.items[u"a"_s].append(deadLetter(id, kBaseMs + id * 60000));
    m_model->setQuery({u"a"_s});
    m_model->fetchMore(QModelIndex());
    QCOMPARE(m_model->rowCount(), 3);
    QPersistentModelIndex oldest(m_model->index(2, 0));

    // A new dead letter arrives and dead letter 2 was resubmitted elsewhere.
    QJsonObject two = deadLetter(2, kBaseMs + 2 * 60000);
    two.insert(u"state"_s, u"resubmitted"_s);
    two.insert(u"resubmittedAs"_s, 200);
    m_nodes.items[u"a"_s] = {deadLetter(4, kBaseMs + 4 * 60000), deadLetter(3, kBaseMs + 3 * 60000), two,
                             deadLetter(1, kBaseMs + 60000)};
    QSignalSpy inserted(m_model, &QAbstractItemModel::rowsInserted);
    // A view updates its "loading…" when the page is announced: by then the fetch must be over.
    QList<bool> fetchingWhenLoaded;
    connect(m_model, &DeadLetterListModel::pageLoaded, this,
            [&] { fetchingWhenLoaded.append(m_model->isFetching()); });
    m_model->refreshHead(u"a"_s);
    QCOMPARE(fetchingWhenLoaded, QList<bool>{false});
    QCOMPARE(m_model->rowCount(), 4);
    QCOMPARE(inserted.size(), 1);
    QCOMPARE(m_model->deadLetterIdAt(0), qint64(4));
    QCOMPARE(oldest.row(), 3);
    const int row2 = m_model->rowOf(u"a"_s, 2);
    QCOMPARE(m_model->index(row2, 0).data(DeadLetterListModel::StateRole).toString(), u"resubmitted"_s);
    QCOMPARE(m_model->index(row2, 0).data(DeadLetterListModel::ResubmittedAsRole).toLongLong(), qint64(200));
    QCOMPARE(followUpOf(u"a"_s, 2), u"resubmitted as message 200"_s);
    // The head page only: the older page was not asked for again.
    QCOMPARE(m_nodes.calls.last().second, QString());
}

void tst_DeadLetterListModel::headRefreshWalksBackWhenAWholePageIsNew()
{
    m_nodes.items[u"a"_s] = {deadLetter(1, kBaseMs)};
    m_model->setQuery({u"a"_s});
    m_model->fetchMore(QModelIndex());
    QCOMPARE(m_model->rowCount(), 1);
    // Seven new ones: more than two pages of three.
    QList<QJsonObject> all;
    for (int id = 8; id >= 1; --id)
        all.append(deadLetter(id, kBaseMs + id * 1000));
    m_nodes.items[u"a"_s] = all;
    m_nodes.calls.clear();
    m_model->refreshHead(u"a"_s);
    QCOMPARE(m_model->rowCount(), 8);
    QCOMPARE(m_nodes.calls.size(), 3);
    for (int row = 0; row < 8; ++row)
        QCOMPARE(m_model->deadLetterIdAt(row), qint64(8 - row));
}

void tst_DeadLetterListModel::staleAnswersAreIgnored()
{
    m_nodes.items[u"a"_s] = {deadLetter(1, kBaseMs)};
    m_nodes.deferred = true;
    m_model->setQuery({u"a"_s});
    m_model->fetchMore(QModelIndex());
    m_model->setQuery({u"b"_s}); // the user changed the filter before the answer came
    QTest::qWait(20);
    QCOMPARE(m_model->rowCount(), 0);
}

void tst_DeadLetterListModel::resubmissionFollowedLiveToAFailure()
{
    m_nodes.items[u"a"_s] = {deadLetter(17, kBaseMs, 8)};
    m_model->setQuery({u"a"_s});
    m_model->fetchMore(QModelIndex());
    QCOMPARE(followUpOf(u"a"_s, 17), QString());

    m_model->applyEvent(u"a"_s, frame(u"deadLetter.resubmitted"_s,
                                      {{u"deadLetterId"_s, 17}, {u"messageId"_s, 110}, {u"correlationId"_s, u"x"_s}}));
    const QModelIndex row = m_model->index(m_model->rowOf(u"a"_s, 17), 0);
    QCOMPARE(row.data(DeadLetterListModel::StateRole).toString(), u"resubmitted"_s);
    QCOMPARE(row.data(DeadLetterListModel::FollowUpPhaseRole).toString(), u"queued"_s);
    QCOMPARE(followUpOf(u"a"_s, 17), u"queued for lab-down (message 110)"_s);

    QSignalSpy changed(m_model, &QAbstractItemModel::dataChanged);
    m_model->applyEvent(u"a"_s, frame(u"message.state"_s, {{u"messageId"_s, 110}, {u"state"_s, u"dead-lettered"_s},
                                                         {u"destination"_s, u"lab-down"_s}}));
    QCOMPARE(changed.size(), 1);
    QCOMPARE(followUpOf(u"a"_s, 17), u"failed again at lab-down (message 110)"_s);
    QVERIFY(row.data(DeadLetterListModel::NeedsAttentionRole).toBool());

    // The head refresh after deadLetter.added brings the replay's own dead letter: it is named.
    m_nodes.items[u"a"_s] = {deadLetter(31, kBaseMs + 5000, 110), deadLetter(17, kBaseMs, 8)};
    m_nodes.items[u"a"_s][1].insert(u"state"_s, u"resubmitted"_s);
    m_nodes.items[u"a"_s][1].insert(u"resubmittedAs"_s, 110);
    m_model->refreshHead(u"a"_s);
    QCOMPARE(m_model->rowCount(), 2);
    QCOMPARE(followUpOf(u"a"_s, 17), u"failed again at lab-down: dead letter 31 (message 110)"_s);
    QCOMPARE(m_model->index(m_model->rowOf(u"a"_s, 17), 0).data(DeadLetterListModel::AttentionReasonRole).toString(),
             followUpOf(u"a"_s, 17));
    QCOMPARE(followUpOf(u"a"_s, 31), QString());
}

void tst_DeadLetterListModel::editedResubmissionFollowedToDelivery()
{
    m_nodes.items[u"a"_s] = {deadLetter(13, kBaseMs, 71, u"validate"_s)};
    m_model->setQuery({u"a"_s});
    m_model->fetchMore(QModelIndex());
    // The answer comes first this time; then the events.
    m_model->applyResubmitResults(u"a"_s, QJsonArray{QJsonObject{{u"deadLetterId"_s, 13}, {u"ok"_s, true},
                                                                  {u"messageId"_s, 109},
                                                                  {u"destinations"_s, QJsonArray{u"archive"_s}},
                                                                  {u"warnings"_s, QJsonArray()}}});
    QCOMPARE(m_model->index(0, 0).data(DeadLetterListModel::StateRole).toString(), u"resubmitted"_s);
    QCOMPARE(followUpOf(u"a"_s, 13), u"queued for archive (message 109)"_s);
    m_model->applyEvent(u"a"_s, frame(u"deadLetter.resubmitted"_s, {{u"deadLetterId"_s, 13}, {u"messageId"_s, 109}}));
    m_model->applyEvent(u"a"_s, frame(u"message.state"_s, {{u"messageId"_s, 109}, {u"state"_s, u"delivered"_s},
                                                         {u"destination"_s, u"archive"_s}}));
    QCOMPARE(followUpOf(u"a"_s, 13), u"delivered to archive (message 109)"_s);
    QCOMPARE(m_model->index(0, 0).data(DeadLetterListModel::FollowUpPhaseRole).toString(), u"delivered"_s);
    QVERIFY(!m_model->index(0, 0).data(DeadLetterListModel::NeedsAttentionRole).toBool());

    // A late head page that still says "open" does not undo what was seen live.
    m_model->refreshHead(u"a"_s);
    QCOMPARE(m_model->index(0, 0).data(DeadLetterListModel::StateRole).toString(), u"resubmitted"_s);
}

void tst_DeadLetterListModel::refusedResubmissionNeedsAttention()
{
    m_nodes.items[u"a"_s] = {deadLetter(5, kBaseMs, 0, u"validate"_s)};
    m_model->setQuery({u"a"_s});
    m_model->fetchMore(QModelIndex());
    m_model->applyResubmitResults(
        u"a"_s, QJsonArray{QJsonObject{{u"deadLetterId"_s, 5}, {u"ok"_s, false}, {u"code"_s, u"invalid"_s},
                                       {u"message"_s, u"the message is still invalid"_s}}});
    const QModelIndex row = m_model->index(0, 0);
    QCOMPARE(row.data(DeadLetterListModel::FollowUpPhaseRole).toString(), u"refused"_s);
    QCOMPARE(followUpOf(u"a"_s, 5), u"refused: the message is still invalid"_s);
    QVERIFY(row.data(DeadLetterListModel::NeedsAttentionRole).toBool());
    QCOMPARE(row.data(DeadLetterListModel::StateRole).toString(), u"open"_s);
}

void tst_DeadLetterListModel::pendingActionsMarkRows()
{
    m_nodes.items[u"a"_s] = {deadLetter(3, kBaseMs + 3000), deadLetter(2, kBaseMs + 2000, 0, u"validate"_s),
                             deadLetter(1, kBaseMs + 1000)};
    m_model->setQuery({u"a"_s});
    m_model->fetchMore(QModelIndex());
    m_model->setPendingAction(u"a"_s, u"k1"_s, u"resubmit"_s, {2}, QString(), kBaseMs);
    const auto pendingOf = [this](qint64 id) {
        return m_model->index(m_model->rowOf(u"a"_s, id), 0).data(DeadLetterListModel::PendingActionRole).toString();
    };
    QCOMPARE(pendingOf(2), u"resubmit"_s);
    QCOMPARE(pendingOf(3), QString());
    const int row2 = m_model->rowOf(u"a"_s, 2);
    QCOMPARE(m_model->index(row2, DeadLetterListModel::StateColumn).data().toString(), u"open, resubmit pending"_s);
    QCOMPARE(m_model->index(row2, 0).data(DeadLetterListModel::FollowUpPhaseRole).toString(), u"pending"_s);
    QVERIFY(m_model->index(row2, DeadLetterListModel::FollowUpColumn).data().toString().contains(u"not confirmed"_s));

    // A group action marks every row of the group's signature.
    m_model->setPendingAction(u"a"_s, u"k2"_s, u"park"_s, {}, u"SIG-DELIVER"_s, kBaseMs + 1);
    QCOMPARE(pendingOf(3), u"park"_s);
    QCOMPARE(pendingOf(1), u"park"_s);
    QCOMPARE(pendingOf(2), u"resubmit"_s);
    // Another node's pending action marks nothing here.
    m_model->setPendingAction(u"b"_s, u"k3"_s, u"resubmit"_s, {3}, QString(), kBaseMs + 2);
    QCOMPARE(pendingOf(3), u"park"_s);

    m_model->clearPendingAction(u"a"_s, u"k1"_s);
    m_model->clearPendingAction(u"a"_s, u"k2"_s);
    QCOMPARE(pendingOf(2), QString());
    QCOMPARE(pendingOf(3), QString());
    QCOMPARE(m_model->index(row2, DeadLetterListModel::StateColumn).data().toString(), u"open"_s);
}

void tst_DeadLetterListModel::parkedStateAndCachedRows()
{
    m_nodes.items[u"a"_s] = {deadLetter(2, kBaseMs + 2000), deadLetter(1, kBaseMs + 1000)};
    m_nodes.cached = true;
    m_model->setQuery({u"a"_s});
    QSignalSpy pages(m_model, &DeadLetterListModel::pageLoaded);
    m_model->fetchMore(QModelIndex());
    QCOMPARE(pages.size(), 1);
    QVERIFY(pages.first().at(2).toBool());
    QVERIFY(m_model->index(0, 0).data(DeadLetterListModel::CachedRole).toBool());
    m_model->setCached(u"a"_s, false);
    QVERIFY(!m_model->index(1, 0).data(DeadLetterListModel::CachedRole).toBool());

    m_model->setStates(u"a"_s, {1, 2}, u"parked"_s);
    QCOMPARE(m_model->index(0, DeadLetterListModel::StateColumn).data().toString(), u"parked"_s);
    QCOMPARE(m_model->index(1, 0).data(DeadLetterListModel::StateRole).toString(), u"parked"_s);

    // The node's events (4.14a, 5.3): unparked goes back to open, parked sets aside.
    m_model->applyEvent(u"a"_s, frame(u"deadLetter.unparked"_s, {{u"deadLetterIds"_s, QJsonArray{1, 2}}, {u"count"_s, 2}}));
    QCOMPARE(m_model->index(0, 0).data(DeadLetterListModel::StateRole).toString(), u"open"_s);
    m_model->applyEvent(u"a"_s, frame(u"deadLetter.parked"_s, {{u"deadLetterIds"_s, QJsonArray{2, 99}}, {u"count"_s, 1}}));
    const int row2 = m_model->rowOf(u"a"_s, 2);
    QCOMPARE(m_model->index(row2, 0).data(DeadLetterListModel::StateRole).toString(), u"parked"_s);
    QCOMPARE(m_model->index(m_model->rowOf(u"a"_s, 1), 0).data(DeadLetterListModel::StateRole).toString(), u"open"_s);
    m_model->setPendingAction(u"a"_s, u"k"_s, u"unpark"_s, {2}, QString(), kBaseMs);
    QCOMPARE(m_model->index(row2, DeadLetterListModel::StateColumn).data().toString(), u"parked, unpark pending"_s);
    // Who parked it and why, as the list gives it.
    QJsonObject parked = deadLetter(2, kBaseMs + 2000);
    parked.insert(u"state"_s, u"parked"_s);
    parked.insert(u"parkedBy"_s, u"ada"_s);
    parked.insert(u"parkReason"_s, u"test messages, INC-1077"_s);
    m_model->upsertItems(u"a"_s, QJsonArray{parked});
    QCOMPARE(m_model->index(row2, DeadLetterListModel::StateColumn).data(Qt::ToolTipRole).toString(),
             u"parked by ada: test messages, INC-1077"_s);
}

void tst_DeadLetterListModel::replaysToLearnAreHandedOutOnce()
{
    QJsonObject old = deadLetter(4, kBaseMs + 4000);
    old.insert(u"state"_s, u"resubmitted"_s);
    old.insert(u"resubmittedAs"_s, 90);
    QJsonObject live = deadLetter(3, kBaseMs + 3000);
    m_nodes.items[u"a"_s] = {old, live};
    m_model->setQuery({u"a"_s});
    m_model->fetchMore(QModelIndex());
    // Dead letter 3 is resubmitted while watched: its fate comes from the stream, not a look-up.
    m_model->applyEvent(u"a"_s, frame(u"deadLetter.resubmitted"_s, {{u"deadLetterId"_s, 3}, {u"messageId"_s, 91}}));

    const auto toLearn = m_model->takeReplaysToLearn(u"a"_s, 10);
    QCOMPARE(toLearn.size(), 1);
    QCOMPARE(toLearn.first().deadLetterId, qint64(4));
    QCOMPARE(toLearn.first().replayMessageId, qint64(90));
    QCOMPARE(toLearn.first().correlationId, old.value(u"correlationId"_s).toString());
    QVERIFY(m_model->takeReplaysToLearn(u"a"_s, 10).isEmpty());

    m_model->applyReplaySummary(u"a"_s, 4, QJsonObject{{u"id"_s, 90}, {u"state"_s, u"accepted"_s},
                                                       {u"routedTo"_s, QJsonArray{u"lab-down"_s}},
                                                       {u"deliveredTo"_s, QJsonArray{u"lab-down"_s}},
                                                       {u"deadLetteredAt"_s, QJsonArray()}});
    QCOMPARE(followUpOf(u"a"_s, 4), u"delivered to lab-down (message 90)"_s);
}

void tst_DeadLetterListModel::removeNodeDropsItsRows()
{
    m_nodes.items[u"a"_s] = {deadLetter(2, kBaseMs + 2000), deadLetter(1, kBaseMs)};
    m_nodes.items[u"b"_s] = {deadLetter(1, kBaseMs + 1000)};
    m_model->setQuery({u"a"_s, u"b"_s});
    m_model->fetchMore(QModelIndex());
    QCOMPARE(m_model->rowCount(), 3);
    m_model->removeNode(u"a"_s);
    QCOMPARE(m_model->rowCount(), 1);
    QCOMPARE(m_model->nodeIdAt(0), u"b"_s);
    QCOMPARE(m_model->rowOf(u"b"_s, 1), 0);
    QCOMPARE(m_model->rowOf(u"a"_s, 2), -1);
}

void tst_DeadLetterListModel::ageText_data()
{
    QTest::addColumn<qint64>("ms");
    QTest::addColumn<QString>("text");
    QTest::addRow("seconds") << qint64(30000) << u"under 1 min"_s;
    QTest::addRow("minutes") << qint64(5 * 60000) << u"5 min"_s;
    QTest::addRow("hours") << qint64((3 * 60 + 12) * 60000) << u"3 h 12 min"_s;
    QTest::addRow("days") << qint64((2 * 24 + 4) * 3600000LL) << u"2 d 4 h"_s;
    QTest::addRow("clock skew") << qint64(-5000) << u"under 1 min"_s;
}

void tst_DeadLetterListModel::ageText()
{
    QFETCH(qint64, ms);
    QFETCH(QString, text);
    QCOMPARE(DeadLetterListModel::ageText(ms), text);
}

void tst_DeadLetterListModel::columnsShowTheRow()
{
    m_nodes.items[u"a"_s] = {deadLetter(13, kBaseMs - 5 * 60000, 71, u"validate"_s)};
    m_model->setNodeName(u"a"_s, u"Ward node"_s);
    m_model->setQuery({u"a"_s});
    m_model->fetchMore(QModelIndex());
    const auto text = [this](int column) { return m_model->index(0, column).data().toString(); };
    QCOMPARE(text(DeadLetterListModel::IdColumn), u"13"_s);
    QCOMPARE(text(DeadLetterListModel::NodeColumn), u"Ward node"_s);
    QCOMPARE(text(DeadLetterListModel::AgeColumn), u"1 h 5 min"_s);
    QCOMPARE(text(DeadLetterListModel::StageColumn), u"Validation"_s);
    QCOMPARE(text(DeadLetterListModel::StateColumn), u"open"_s);
    QCOMPARE(text(DeadLetterListModel::ErrorClassColumn), u"hl7-101"_s);
    QCOMPARE(text(DeadLetterListModel::ChannelColumn), u"hl7-in"_s);
    QCOMPARE(text(DeadLetterListModel::TypeColumn), u"ADT^A08"_s);
    QCOMPARE(text(DeadLetterListModel::ControlIdColumn), u"CTL-13"_s);
    QCOMPARE(text(DeadLetterListModel::UnitColumn), u"ICU-3"_s);
    QVERIFY(m_model->index(0, DeadLetterListModel::ReasonColumn).data(Qt::ToolTipRole).toString().contains(u"PID(1)-3"_s));
    QCOMPARE(m_model->index(0, 0).data(DeadLetterListModel::ErrorLocationRole).toString(), u"PID(1)-3"_s);
    QCOMPARE(m_model->index(0, 0).data(DeadLetterListModel::MessageIdRole).toLongLong(), qint64(71));
    QCOMPARE(m_model->index(0, 0).data(DeadLetterListModel::SignatureRole).toString(), u"SIG-VALIDATE"_s);
    // The age moves on with the clock, once asked to.
    m_model->setClock([] { return kBaseMs + 2 * 3600 * 1000; });
    QSignalSpy changed(m_model, &QAbstractItemModel::dataChanged);
    m_model->refreshAges();
    QCOMPARE(changed.size(), 1);
    QCOMPARE(text(DeadLetterListModel::AgeColumn), u"2 h 5 min"_s);
}

QTEST_GUILESS_MAIN(tst_DeadLetterListModel)
#include "tst_deadletterlistmodel.moc"
