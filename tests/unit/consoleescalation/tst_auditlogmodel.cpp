// AuditLogModel: keyset pages of one and of several nodes merged newest first without gaps, filters
// in the request, stale answers ignored, a node's refusal, and live entries shown at once as partial
// rows that the re-read head of the log completes.
#include "models/console/AuditLogModel.h"

#include <QAbstractItemModelTester>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace {

constexpr qint64 T0 = 1795737600000; // 2026-11-27T00:00:00Z

QString iso(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs);
}

QJsonObject entry(qint64 seq, qint64 atMs, const QString& actor = u"ada"_s,
                  const QString& action = u"sign-in"_s, const QString& target = QString(),
                  const QString& reason = QString())
{
    QJsonObject e{{u"seq"_s, seq},
                  {u"at"_s, iso(atMs)},
                  {u"actor"_s, actor},
                  {u"role"_s, u"admin"_s},
                  {u"remote"_s, u"127.0.0.1"_s},
                  {u"action"_s, action},
                  {u"outcome"_s, u"ok"_s},
                  {u"hash"_s, u"%1"_s.arg(seq, 64, 16, QChar(u'0'))}};
    if (!target.isEmpty())
        e.insert(u"target"_s, target);
    if (!reason.isEmpty())
        e.insert(u"reason"_s, reason);
    return e;
}

QJsonObject page(const QJsonArray& items, qint64 nextCursor = 0)
{
    QJsonObject p{{u"items"_s, items}};
    if (nextCursor > 0)
        p.insert(u"nextCursor"_s, nextCursor);
    return p;
}

} // namespace

class tst_AuditLogModel : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void pagesOfOneNode();
    void filtersGoIntoTheRequest();
    void severalNodesMergeWithoutGaps();
    void aLateNodeFallsIntoPlace();
    void staleAnswersAreIgnored();
    void refusalIsPerNode();
    void liveEntryIsPartialThenFilled();
    void liveEntryOutsideTheFilterIsNotShown();
    void manyLiveEntriesAreReadDownToWhatWasThere();
    void cachedPageIsMarked();

private:
    QList<qint64> seqs() const;
    QStringList nodesOfRows() const;
    AuditLogModel::Request takeRequest(const QString& nodeId, bool head = false);
    int heads() const;

    std::unique_ptr<AuditLogModel> m_model;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
    QList<AuditLogModel::Request> m_requests;
};

void tst_AuditLogModel::init()
{
    m_requests.clear();
    m_model = std::make_unique<AuditLogModel>();
    m_tester = std::make_unique<QAbstractItemModelTester>(m_model.get(),
                                                          QAbstractItemModelTester::FailureReportingMode::QtTest);
    m_model->setFetcher([this](const AuditLogModel::Request& r) { m_requests.append(r); });
    m_model->setPageSize(3);
}

void tst_AuditLogModel::cleanup()
{
    m_tester.reset();
    m_model.reset();
}

QList<qint64> tst_AuditLogModel::seqs() const
{
    QList<qint64> out;
    for (int row = 0; row < m_model->rowCount(); ++row)
        out.append(m_model->index(row, 0).data(AuditLogModel::SeqRole).toLongLong());
    return out;
}

QStringList tst_AuditLogModel::nodesOfRows() const
{
    QStringList out;
    for (int row = 0; row < m_model->rowCount(); ++row)
        out.append(m_model->index(row, 0).data(AuditLogModel::NodeIdRole).toString());
    return out;
}

AuditLogModel::Request tst_AuditLogModel::takeRequest(const QString& nodeId, bool head)
{
    for (int i = 0; i < m_requests.size(); ++i) {
        if (m_requests.at(i).nodeId == nodeId && m_requests.at(i).head == head)
            return m_requests.takeAt(i);
    }
    return {};
}

int tst_AuditLogModel::heads() const
{
    return int(std::count_if(m_requests.cbegin(), m_requests.cend(),
                             [](const AuditLogModel::Request& r) { return r.head; }));
}

void tst_AuditLogModel::pagesOfOneNode()
{
    m_model->setNodes({{u"n1"_s, u"North"_s}});
    QCOMPARE(m_requests.size(), 1);
    QCOMPARE(m_model->nodeState(u"n1"_s), AuditLogModel::NodeState::Loading);
    QVERIFY(m_model->isLoading());
    const AuditLogModel::Request first = takeRequest(u"n1"_s);
    QCOMPARE(first.pathAndQuery, u"/api/v1/audit?limit=3"_s);
    QVERIFY(first.firstPage);
    QVERIFY(!first.head);

    m_model->pageArrived(first.ticket, page({entry(5, T0 + 5000, u"ada"_s, u"resubmit"_s, u"dead-letter:13"_s,
                                                   u"retry after fix"_s),
                                             entry(4, T0 + 4000), entry(3, T0 + 3000)},
                                            3));
    QCOMPARE(m_model->nodeState(u"n1"_s), AuditLogModel::NodeState::Ready);
    QCOMPARE(seqs(), (QList<qint64>{5, 4, 3}));
    QCOMPARE(m_model->index(0, AuditLogModel::ActionColumn).data().toString(), u"resubmit"_s);
    QCOMPARE(m_model->index(0, AuditLogModel::TargetColumn).data().toString(), u"dead-letter:13"_s);
    QCOMPARE(m_model->index(0, AuditLogModel::ReasonColumn).data().toString(), u"retry after fix"_s);
    QCOMPARE(m_model->index(0, AuditLogModel::NodeColumn).data().toString(), u"North"_s);
    QCOMPARE(m_model->index(0, 0).data(AuditLogModel::ActorRoleRole).toString(), u"admin"_s);
    QVERIFY(m_model->hasMore());

    // QAbstractItemModelTester (like a view) may already have asked for more: either way, one request.
    QVERIFY(m_model->canFetchMore(QModelIndex()) || m_requests.size() == 1);
    m_model->fetchMore(QModelIndex());
    QCOMPARE(m_requests.size(), 1);
    const AuditLogModel::Request second = takeRequest(u"n1"_s);
    QCOMPARE(second.pathAndQuery, u"/api/v1/audit?limit=3&before=3"_s);
    QVERIFY(!second.firstPage);
    // While a page is on its way, nothing more is asked.
    QVERIFY(!m_model->canFetchMore(QModelIndex()));

    QSignalSpy inserted(m_model.get(), &QAbstractItemModel::rowsInserted);
    m_model->pageArrived(second.ticket, page({entry(2, T0 + 2000), entry(1, T0 + 1000)}));
    QCOMPARE(seqs(), (QList<qint64>{5, 4, 3, 2, 1}));
    QCOMPARE(inserted.size(), 1);
    QCOMPARE(inserted.first().at(1).toInt(), 3);
    QVERIFY(!m_model->canFetchMore(QModelIndex()));
    QVERIFY(!m_model->hasMore());
    QVERIFY(!m_model->isLoading());
}

void tst_AuditLogModel::filtersGoIntoTheRequest()
{
    AuditLogModel::Filter filter;
    filter.actor = u"nina"_s;
    filter.action = u"alert-acknowledge"_s;
    filter.target = u"alert:3"_s;
    filter.fromMs = T0;
    filter.toMs = T0 + 3600000;
    m_model->setNodes({{u"n1"_s, u"North"_s}});
    m_requests.clear();
    m_model->setFilter(filter);
    QCOMPARE(m_requests.size(), 1);
    QCOMPARE(m_requests.first().pathAndQuery,
             u"/api/v1/audit?limit=3&actor=nina&action=alert-acknowledge&target=alert%3A3&from=%1&to=%2"_s.arg(
                 T0).arg(T0 + 3600000));
    // The same filter again asks nothing.
    m_model->setFilter(filter);
    QCOMPARE(m_requests.size(), 1);

    QVERIFY(filter.matches(u"nina"_s, u"alert-acknowledge"_s, u"alert:3"_s, T0));
    QVERIFY(!filter.matches(u"nina"_s, u"alert-acknowledge"_s, u"alert:3"_s, T0 + 3600000)); // `to` is exclusive
    QVERIFY(!filter.matches(u"olaf"_s, u"alert-acknowledge"_s, u"alert:3"_s, T0));
    QVERIFY(!filter.matches(u"nina"_s, u"alert-resolve"_s, u"alert:3"_s, T0));
}

void tst_AuditLogModel::severalNodesMergeWithoutGaps()
{
    m_model->setNodes({{u"a"_s, u"North"_s}, {u"b"_s, u"South"_s}});
    QCOMPARE(m_requests.size(), 2);
    const AuditLogModel::Request a1 = takeRequest(u"a"_s);
    const AuditLogModel::Request b1 = takeRequest(u"b"_s);
    // North: 10:05, 10:03 and more; South: 10:04, 10:01, 10:00 and nothing more.
    m_model->pageArrived(a1.ticket, page({entry(22, T0 + 5 * 60000), entry(21, T0 + 3 * 60000)}, 21));
    m_model->pageArrived(b1.ticket, page({entry(13, T0 + 4 * 60000), entry(12, T0 + 1 * 60000),
                                          entry(11, T0 + 0 * 60000)}));
    // South's 10:01 and 10:00 wait: North's next page may hold entries between 10:03 and 10:01.
    QCOMPARE(seqs(), (QList<qint64>{22, 13, 21}));
    QCOMPARE(nodesOfRows(), (QStringList{u"a"_s, u"b"_s, u"a"_s}));
    QVERIFY(m_model->hasMore());
    QVERIFY(m_model->canFetchMore(QModelIndex()) || m_requests.size() == 1);

    m_model->fetchMore(QModelIndex());
    QCOMPARE(m_requests.size(), 1);
    const AuditLogModel::Request a2 = takeRequest(u"a"_s);
    QCOMPARE(a2.pathAndQuery, u"/api/v1/audit?limit=3&before=21"_s);

    QSignalSpy inserted(m_model.get(), &QAbstractItemModel::rowsInserted);
    m_model->pageArrived(a2.ticket, page({entry(20, T0 + 2 * 60000)}));
    QCOMPARE(seqs(), (QList<qint64>{22, 13, 21, 20, 12, 11}));
    QCOMPARE(nodesOfRows(), (QStringList{u"a"_s, u"b"_s, u"a"_s, u"a"_s, u"b"_s, u"b"_s}));
    // Paging only ever appends.
    QCOMPARE(inserted.size(), 1);
    QCOMPARE(inserted.first().at(1).toInt(), 3);
    QVERIFY(!m_model->hasMore());
}

void tst_AuditLogModel::aLateNodeFallsIntoPlace()
{
    m_model->setNodes({{u"a"_s, u"North"_s}, {u"b"_s, u"South"_s}});
    const AuditLogModel::Request a1 = takeRequest(u"a"_s);
    const AuditLogModel::Request b1 = takeRequest(u"b"_s);
    m_model->pageArrived(a1.ticket, page({entry(3, T0 + 30000), entry(2, T0 + 10000)}));
    QCOMPARE(seqs(), (QList<qint64>{3, 2}));
    // South answers late (it was slow): its entry goes between North's.
    m_model->pageArrived(b1.ticket, page({entry(9, T0 + 20000)}));
    QCOMPARE(seqs(), (QList<qint64>{3, 9, 2}));
    QCOMPARE(m_model->index(1, AuditLogModel::NodeColumn).data().toString(), u"South"_s);
}

void tst_AuditLogModel::staleAnswersAreIgnored()
{
    m_model->setNodes({{u"n1"_s, u"North"_s}});
    const AuditLogModel::Request old = takeRequest(u"n1"_s);
    AuditLogModel::Filter filter;
    filter.actor = u"nina"_s;
    m_model->setFilter(filter);
    const AuditLogModel::Request current = takeRequest(u"n1"_s);
    m_model->pageArrived(old.ticket, page({entry(5, T0 + 5000)}));
    QCOMPARE(m_model->rowCount(), 0);
    QCOMPARE(m_model->nodeState(u"n1"_s), AuditLogModel::NodeState::Loading);
    m_model->pageArrived(current.ticket, page({entry(4, T0 + 4000, u"nina"_s)}));
    QCOMPARE(seqs(), (QList<qint64>{4}));
}

void tst_AuditLogModel::refusalIsPerNode()
{
    m_model->setNodes({{u"a"_s, u"North"_s}, {u"b"_s, u"South"_s}});
    const AuditLogModel::Request a1 = takeRequest(u"a"_s);
    const AuditLogModel::Request b1 = takeRequest(u"b"_s);
    QSignalSpy stateChanged(m_model.get(), &AuditLogModel::nodeStateChanged);
    m_model->pageFailed(a1.ticket, u"the role lacks the permission"_s, true);
    QCOMPARE(m_model->nodeState(u"a"_s), AuditLogModel::NodeState::Forbidden);
    QCOMPARE(m_model->nodeError(u"a"_s), u"the role lacks the permission"_s);
    QVERIFY(stateChanged.contains(QVariantList{u"a"_s}));
    m_model->pageArrived(b1.ticket, page({entry(1, T0)}));
    QCOMPARE(nodesOfRows(), (QStringList{u"b"_s}));
    // A refused node takes no live entries either.
    m_model->appendLive(u"a"_s, QJsonObject{{u"seq"_s, 7}, {u"actor"_s, u"x"_s}, {u"action"_s, u"sign-in"_s},
                                            {u"outcome"_s, u"ok"_s}},
                        T0 + 1000);
    QCOMPARE(m_model->rowCount(), 1);
    QCOMPARE(heads(), 0);

    // No answer at all on the first page: Failed, with the reason.
    m_model->setNodes({{u"c"_s, u"East"_s}});
    m_model->pageFailed(takeRequest(u"c"_s).ticket, u"connection refused"_s, false);
    QCOMPARE(m_model->nodeState(u"c"_s), AuditLogModel::NodeState::Failed);
    QCOMPARE(m_model->nodeError(u"c"_s), u"connection refused"_s);
}

void tst_AuditLogModel::liveEntryIsPartialThenFilled()
{
    m_model->setNodes({{u"n1"_s, u"North"_s}});
    m_model->pageArrived(takeRequest(u"n1"_s).ticket,
                         page({entry(5, T0 + 5000), entry(4, T0 + 4000), entry(3, T0 + 3000)}, 3));
    QSignalSpy inserted(m_model.get(), &QAbstractItemModel::rowsInserted);
    QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
    m_model->appendLive(u"n1"_s,
                        QJsonObject{{u"seq"_s, 6}, {u"actor"_s, u"nina"_s}, {u"action"_s, u"alert-acknowledge"_s},
                                    {u"outcome"_s, u"ok"_s}, {u"target"_s, u"alert:3"_s}},
                        T0 + 6000);
    QCOMPARE(seqs(), (QList<qint64>{6, 5, 4, 3}));
    QCOMPARE(inserted.size(), 1);
    QCOMPARE(inserted.first().at(1).toInt(), 0);
    QModelIndex top = m_model->index(0, 0);
    QVERIFY(top.data(AuditLogModel::PartialRole).toBool());
    QCOMPARE(top.data(AuditLogModel::ActorRole).toString(), u"nina"_s);
    QCOMPARE(top.data(AuditLogModel::TargetRole).toString(), u"alert:3"_s);
    QCOMPARE(top.data(AuditLogModel::AtMsRole).toLongLong(), T0 + 6000);
    QVERIFY(top.data(AuditLogModel::ReasonRole).toString().isEmpty());

    // The head of the log is read again.
    QCOMPARE(heads(), 1);
    const AuditLogModel::Request head = takeRequest(u"n1"_s, true);
    QVERIFY(head.head);
    QCOMPARE(head.pathAndQuery, u"/api/v1/audit?limit=3"_s);
    // A second event while it is on its way asks again afterwards, not twice at once.
    m_model->appendLive(u"n1"_s,
                        QJsonObject{{u"seq"_s, 7}, {u"actor"_s, u"ada"_s}, {u"action"_s, u"sign-out"_s},
                                    {u"outcome"_s, u"ok"_s}},
                        T0 + 7000);
    QCOMPARE(heads(), 0);

    m_model->pageArrived(head.ticket,
                         page({entry(6, T0 + 6001, u"nina"_s, u"alert-acknowledge"_s, u"alert:3"_s, u"called Dr Lee"_s),
                               entry(5, T0 + 5000), entry(4, T0 + 4000)},
                              4));
    QCOMPARE(seqs(), (QList<qint64>{7, 6, 5, 4, 3}));
    const int row6 = m_model->rowOf(u"n1"_s, 6);
    QVERIFY(!m_model->index(row6, 0).data(AuditLogModel::PartialRole).toBool());
    QCOMPARE(m_model->index(row6, 0).data(AuditLogModel::ReasonRole).toString(), u"called Dr Lee"_s);
    QCOMPARE(m_model->index(row6, 0).data(AuditLogModel::ActorRoleRole).toString(), u"admin"_s);
    QCOMPARE(m_model->index(row6, 0).data(AuditLogModel::AtMsRole).toLongLong(), T0 + 6001);
    QVERIFY(!changed.isEmpty());

    QCOMPARE(heads(), 1);
    const AuditLogModel::Request again = takeRequest(u"n1"_s, true);
    QVERIFY(again.head);
    m_model->pageArrived(again.ticket, page({entry(7, T0 + 7000, u"ada"_s, u"sign-out"_s), entry(6, T0 + 6001)}, 6));
    QVERIFY(!m_model->index(0, 0).data(AuditLogModel::PartialRole).toBool());
    QCOMPARE(seqs(), (QList<qint64>{7, 6, 5, 4, 3}));
    QCOMPARE(heads(), 0);
}

void tst_AuditLogModel::liveEntryOutsideTheFilterIsNotShown()
{
    AuditLogModel::Filter filter;
    filter.actor = u"ada"_s;
    m_model->setFilter(filter);
    m_model->setNodes({{u"n1"_s, u"North"_s}});
    m_model->pageArrived(takeRequest(u"n1"_s).ticket, page({entry(5, T0 + 5000)}));
    m_model->appendLive(u"n1"_s,
                        QJsonObject{{u"seq"_s, 6}, {u"actor"_s, u"nina"_s}, {u"action"_s, u"alert-acknowledge"_s},
                                    {u"outcome"_s, u"ok"_s}},
                        T0 + 6000);
    QCOMPARE(seqs(), (QList<qint64>{5}));
    QCOMPARE(heads(), 0);
    m_model->appendLive(u"n1"_s,
                        QJsonObject{{u"seq"_s, 7}, {u"actor"_s, u"ada"_s}, {u"action"_s, u"sign-out"_s},
                                    {u"outcome"_s, u"ok"_s}},
                        T0 + 7000);
    QCOMPARE(seqs(), (QList<qint64>{7, 5}));
    QCOMPARE(heads(), 1);
    QVERIFY(takeRequest(u"n1"_s, true).pathAndQuery.contains(u"actor=ada"));
}

void tst_AuditLogModel::manyLiveEntriesAreReadDownToWhatWasThere()
{
    m_model->setNodes({{u"n1"_s, u"North"_s}});
    m_model->pageArrived(takeRequest(u"n1"_s).ticket, page({entry(5, T0 + 5000), entry(4, T0 + 4000)}));
    // The stream said only seq 9; 6–8 were written too (say, while events were filtered).
    m_model->appendLive(u"n1"_s,
                        QJsonObject{{u"seq"_s, 9}, {u"actor"_s, u"sam"_s}, {u"action"_s, u"sign-in"_s},
                                    {u"outcome"_s, u"ok"_s}},
                        T0 + 9000);
    const AuditLogModel::Request head = takeRequest(u"n1"_s, true);
    m_model->pageArrived(head.ticket, page({entry(9, T0 + 9000), entry(8, T0 + 8000), entry(7, T0 + 7000)}, 7));
    const AuditLogModel::Request more = takeRequest(u"n1"_s, true);
    QVERIFY(more.head);
    QCOMPARE(more.pathAndQuery, u"/api/v1/audit?limit=3&before=7"_s);
    m_model->pageArrived(more.ticket, page({entry(6, T0 + 6000), entry(5, T0 + 5000), entry(4, T0 + 4000)}, 4));
    QCOMPARE(seqs(), (QList<qint64>{9, 8, 7, 6, 5, 4}));
    QCOMPARE(heads(), 0);
}

void tst_AuditLogModel::cachedPageIsMarked()
{
    m_model->setNodes({{u"n1"_s, u"North"_s}});
    m_model->pageArrived(takeRequest(u"n1"_s).ticket, page({entry(5, T0 + 5000)}), T0 + 60000);
    QCOMPARE(m_model->nodeCachedAtMs(u"n1"_s), T0 + 60000);
    QVERIFY(m_model->index(0, 0).data(AuditLogModel::CachedRole).toBool());
    m_model->setNodeName(u"n1"_s, u"North wing"_s);
    QCOMPARE(m_model->index(0, AuditLogModel::NodeColumn).data().toString(), u"North wing"_s);
}

QTEST_GUILESS_MAIN(tst_AuditLogModel)
#include "tst_auditlogmodel.moc"
