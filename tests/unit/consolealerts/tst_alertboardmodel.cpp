#include "models/console/AlertBoardModel.h"

#include <QAbstractItemModelTester>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

const qint64 T0 = QDateTime(QDate(2026, 11, 27), QTime(3, 0), Qt::UTC).toMSecsSinceEpoch();

QString iso(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs);
}

/// An alert as GET /api/v1/alerts gives it (ops API 4.17), updated `updatedOffsetMs` after T0.
QJsonObject alert(qint64 id, const QString& state = u"notified"_s, qint64 updatedOffsetMs = 0,
    const QString& severity = u"critical"_s)
{
    return QJsonObject { { u"id"_s, id }, { u"ruleId"_s, u"critical-result"_s }, { u"category"_s, u"clinical"_s },
        { u"severity"_s, severity }, { u"state"_s, state },
        { u"title"_s, u"Critical result Potassium 6.9 mmol/L (HH)"_s }, { u"unit"_s, u"ICU-3"_s },
        { u"team"_s, u"nursing"_s }, { u"subject"_s, u"2823-3"_s }, { u"patientId"_s, u"MRN-%1"_s.arg(id) },
        { u"level"_s, 1 }, { u"repeats"_s, 0 }, { u"count"_s, 2 }, { u"policy"_s, u"clinical-critical"_s },
        { u"groupKey"_s, u"g1"_s }, { u"groupSize"_s, 3 },
        { u"evidence"_s, QJsonObject { { u"value"_s, u"6.9"_s }, { u"units"_s, u"mmol/L"_s } } },
        { u"correlationIds"_s, QJsonArray { u"aa"_s, u"bb"_s } }, { u"createdAt"_s, iso(T0) },
        { u"updatedAt"_s, iso(T0 + updatedOffsetMs) }, { u"nextEscalationAt"_s, iso(T0 + 120'000) } };
}

/// The stream's copy of an alert (5.3): no patientId, no groupSize.
QJsonObject streamCopy(QJsonObject a)
{
    a.remove(u"patientId"_s);
    a.remove(u"groupSize"_s);
    return a;
}

QStringList ids(const AlertBoardModel& model)
{
    QStringList out;
    for (int row = 0; row < model.rowCount(); ++row) {
        const QModelIndex i = model.index(row);
        out << i.data(AlertBoardModel::NodeIdRole).toString() + u'#'
                + QString::number(i.data(AlertBoardModel::AlertIdRole).toLongLong());
    }
    return out;
}

} // namespace

class tst_AlertBoardModel : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void replaceNodeFillsRowsAndSkipsClosed();
    void rolesReadTheAlert();
    void replaceNodeDropsAlertsNoLongerListed();
    void replaceNodeOverridesANewerLookingCopy();
    void upsertInsertsAndAnnouncesArrival();
    void upsertUpdatesInPlaceWithoutArrival();
    void repagesAreAnnounced();
    void upsertKeepsPatientAndGroupSizeFromTheList();
    void closedAlertLeavesAndIndexStaysRight();
    void closedAlertNeverArrives();
    void lateStaleUpdateIsIgnored();
    void sameIdOnTwoNodesIsTwoRows();
    void pendingActionRole();
    void pendingActionSetBeforeTheAlertArrives();
    void cachedRole();
    void removeNodeLeavesOtherNodes();
    void nodeName();
    void invalidIdIsIgnored();
    void severityRank_data();
    void severityRank();
    void isClosedState_data();
    void isClosedState();

private:
    std::unique_ptr<AlertBoardModel> m_model;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
};

void tst_AlertBoardModel::init()
{
    m_model = std::make_unique<AlertBoardModel>();
    // The tester watches every change from the first one.
    m_tester = std::make_unique<QAbstractItemModelTester>(
        m_model.get(), QAbstractItemModelTester::FailureReportingMode::QtTest);
}

void tst_AlertBoardModel::cleanup()
{
    m_tester.reset();
    m_model.reset();
}

void tst_AlertBoardModel::replaceNodeFillsRowsAndSkipsClosed()
{
    QSignalSpy arrived(m_model.get(), &AlertBoardModel::alertArrived);
    m_model->replaceNode(u"n1"_s, QJsonArray { alert(1), alert(2, u"resolved"_s), alert(3, u"acknowledged"_s) });
    QCOMPARE(m_model->rowCount(), 2);
    QCOMPARE(ids(*m_model), (QStringList { u"n1#1"_s, u"n1#3"_s }));
    QCOMPARE(arrived.count(), 2);
    QCOMPARE(arrived.at(0).at(0).toString(), u"n1"_s);
    QCOMPARE(arrived.at(1).at(1).toJsonObject().value(u"id").toInteger(), 3);
    QCOMPARE(m_model->rowOf(u"n1"_s, 3), 1);
    QCOMPARE(m_model->rowOf(u"n1"_s, 2), -1);
}

void tst_AlertBoardModel::rolesReadTheAlert()
{
    m_model->setNodeName(u"n1"_s, u"Ward node"_s);
    m_model->replaceNode(u"n1"_s, QJsonArray { alert(7) });
    const QModelIndex i = m_model->index(0);
    QCOMPARE(i.data(AlertBoardModel::NodeIdRole).toString(), u"n1"_s);
    QCOMPARE(i.data(AlertBoardModel::NodeNameRole).toString(), u"Ward node"_s);
    QCOMPARE(i.data(AlertBoardModel::AlertIdRole).toLongLong(), 7);
    QCOMPARE(i.data(Qt::DisplayRole).toString(), u"Critical result Potassium 6.9 mmol/L (HH)"_s);
    QCOMPARE(i.data(AlertBoardModel::SeverityRole).toString(), u"critical"_s);
    QCOMPARE(i.data(AlertBoardModel::SeverityRankRole).toInt(), 0);
    QCOMPARE(i.data(AlertBoardModel::StateRole).toString(), u"notified"_s);
    QCOMPARE(i.data(AlertBoardModel::CategoryRole).toString(), u"clinical"_s);
    QCOMPARE(i.data(AlertBoardModel::UnitRole).toString(), u"ICU-3"_s);
    QCOMPARE(i.data(AlertBoardModel::TeamRole).toString(), u"nursing"_s);
    QCOMPARE(i.data(AlertBoardModel::PatientIdRole).toString(), u"MRN-7"_s);
    QCOMPARE(i.data(AlertBoardModel::LevelRole).toInt(), 1);
    QCOMPARE(i.data(AlertBoardModel::CountRole).toInt(), 2);
    QCOMPARE(i.data(AlertBoardModel::GroupSizeRole).toInt(), 3);
    QCOMPARE(i.data(AlertBoardModel::CreatedAtMsRole).toLongLong(), T0);
    QCOMPARE(i.data(AlertBoardModel::NextEscalationAtMsRole).toLongLong(), T0 + 120'000);
    QCOMPARE(i.data(AlertBoardModel::AcknowledgedAtMsRole).toLongLong(), 0);
    QCOMPARE(i.data(AlertBoardModel::CorrelationIdsRole).toStringList(), (QStringList { u"aa"_s, u"bb"_s }));
    QCOMPARE(i.data(AlertBoardModel::EvidenceRole).toJsonObject().value(u"value").toString(), u"6.9"_s);
    QCOMPARE(i.data(AlertBoardModel::AlertJsonRole).toJsonObject(), alert(7));
    QCOMPARE(i.data(AlertBoardModel::CachedRole).toBool(), false);
    QVERIFY(i.data(AlertBoardModel::PendingActionRole).toString().isEmpty());
    QCOMPARE(m_model->alert(0), alert(7));
    QCOMPARE(m_model->nodeIdAt(0), u"n1"_s);
    QVERIFY(m_model->alert(5).isEmpty());
    QVERIFY(m_model->nodeIdAt(-1).isEmpty());
    // Without a count the alert was raised once.
    QJsonObject once = alert(8);
    once.remove(u"count"_s);
    m_model->upsert(u"n1"_s, once);
    QCOMPARE(m_model->index(1).data(AlertBoardModel::CountRole).toInt(), 1);
}

void tst_AlertBoardModel::replaceNodeDropsAlertsNoLongerListed()
{
    m_model->replaceNode(u"n1"_s, QJsonArray { alert(1), alert(2), alert(3) });
    m_model->replaceNode(u"n2"_s, QJsonArray { alert(1) });
    QSignalSpy arrived(m_model.get(), &AlertBoardModel::alertArrived);
    m_model->replaceNode(u"n1"_s, QJsonArray { alert(2, u"acknowledged"_s, 1000), alert(4) });
    QCOMPARE(ids(*m_model), (QStringList { u"n1#2"_s, u"n2#1"_s, u"n1#4"_s }));
    QCOMPARE(m_model->index(0).data(AlertBoardModel::StateRole).toString(), u"acknowledged"_s);
    // Only the new alert arrived; the reloaded one did not arrive again.
    QCOMPARE(arrived.count(), 1);
    QCOMPARE(arrived.at(0).at(1).toJsonObject().value(u"id").toInteger(), 4);
    // An empty list clears the node.
    m_model->replaceNode(u"n1"_s, QJsonArray {});
    QCOMPARE(ids(*m_model), (QStringList { u"n2#1"_s }));
}

void tst_AlertBoardModel::replaceNodeOverridesANewerLookingCopy()
{
    m_model->upsert(u"n1"_s, alert(1, u"acknowledged"_s, 5000));
    // A full list is the node's truth, even when its copy looks older.
    m_model->replaceNode(u"n1"_s, QJsonArray { alert(1, u"notified"_s, 0) });
    QCOMPARE(m_model->rowCount(), 1);
    QCOMPARE(m_model->index(0).data(AlertBoardModel::StateRole).toString(), u"notified"_s);
}

void tst_AlertBoardModel::upsertInsertsAndAnnouncesArrival()
{
    QSignalSpy arrived(m_model.get(), &AlertBoardModel::alertArrived);
    QSignalSpy inserted(m_model.get(), &QAbstractItemModel::rowsInserted);
    m_model->upsert(u"n1"_s, streamCopy(alert(5)));
    QCOMPARE(m_model->rowCount(), 1);
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(arrived.count(), 1);
    QCOMPARE(arrived.at(0).at(0).toString(), u"n1"_s);
    QCOMPARE(arrived.at(0).at(1).toJsonObject().value(u"id").toInteger(), 5);
    // Emitted after the insertion: a receiver finds the row.
    QCOMPARE(m_model->rowOf(u"n1"_s, 5), 0);
    QVERIFY(m_model->index(0).data(AlertBoardModel::PatientIdRole).toString().isEmpty());
}

void tst_AlertBoardModel::upsertUpdatesInPlaceWithoutArrival()
{
    m_model->replaceNode(u"n1"_s, QJsonArray { alert(1), alert(2) });
    QSignalSpy arrived(m_model.get(), &AlertBoardModel::alertArrived);
    QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
    QSignalSpy inserted(m_model.get(), &QAbstractItemModel::rowsInserted);
    QJsonObject acked = alert(2, u"acknowledged"_s, 1000);
    acked.insert(u"acknowledgedBy"_s, u"nina"_s);
    acked.insert(u"acknowledgedAt"_s, iso(T0 + 1000));
    acked.insert(u"acknowledgeNote"_s, u"called Dr Lee"_s);
    acked.remove(u"nextEscalationAt"_s);
    m_model->upsert(u"n1"_s, streamCopy(acked));
    QCOMPARE(arrived.count(), 0);
    QCOMPARE(inserted.count(), 0);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed.at(0).at(0).toModelIndex().row(), 1);
    const QModelIndex i = m_model->index(1);
    QCOMPARE(i.data(AlertBoardModel::StateRole).toString(), u"acknowledged"_s);
    QCOMPARE(i.data(AlertBoardModel::AcknowledgedByRole).toString(), u"nina"_s);
    QCOMPARE(i.data(AlertBoardModel::AcknowledgedAtMsRole).toLongLong(), T0 + 1000);
    QCOMPARE(i.data(AlertBoardModel::AcknowledgeNoteRole).toString(), u"called Dr Lee"_s);
    QCOMPARE(i.data(AlertBoardModel::NextEscalationAtMsRole).toLongLong(), 0);
}

void tst_AlertBoardModel::repagesAreAnnounced()
{
    QSignalSpy repaged(m_model.get(), &AlertBoardModel::alertRepaged);
    m_model->upsert(u"n1"_s, alert(1));
    QCOMPARE(repaged.count(), 0); // an arrival, not a re-page
    QJsonObject next = alert(1, u"notified"_s, 1'000);
    next.insert(u"count"_s, 3); // a repeat of the result: updates, pages nobody
    m_model->upsert(u"n1"_s, next);
    QCOMPARE(repaged.count(), 0);
    QJsonObject escalated = alert(1, u"escalated"_s, 2'000);
    escalated.insert(u"level"_s, 2);
    m_model->upsert(u"n1"_s, escalated);
    QCOMPARE(repaged.count(), 1);
    QCOMPARE(repaged.last().at(0).toString(), u"n1"_s);
    QJsonObject repeated = escalated;
    repeated.insert(u"repeats"_s, 1);
    repeated.insert(u"updatedAt"_s, iso(T0 + 3'000));
    m_model->upsert(u"n1"_s, repeated);
    QCOMPARE(repaged.count(), 2);
    QJsonObject acknowledged = repeated;
    acknowledged.insert(u"state"_s, u"acknowledged"_s);
    acknowledged.insert(u"updatedAt"_s, iso(T0 + 4'000));
    m_model->upsert(u"n1"_s, acknowledged);
    QCOMPARE(repaged.count(), 2);
    QJsonObject reopened = repeated;
    reopened.insert(u"updatedAt"_s, iso(T0 + 5'000));
    m_model->upsert(u"n1"_s, reopened);
    QCOMPARE(repaged.count(), 3);
}

void tst_AlertBoardModel::upsertKeepsPatientAndGroupSizeFromTheList()
{
    m_model->replaceNode(u"n1"_s, QJsonArray { alert(1) });
    m_model->upsert(u"n1"_s, streamCopy(alert(1, u"escalated"_s, 2000)));
    const QModelIndex i = m_model->index(0);
    QCOMPARE(i.data(AlertBoardModel::StateRole).toString(), u"escalated"_s);
    QCOMPARE(i.data(AlertBoardModel::PatientIdRole).toString(), u"MRN-1"_s);
    QCOMPARE(i.data(AlertBoardModel::GroupSizeRole).toInt(), 3);
    // A copy that does carry them (a detail answer) wins.
    QJsonObject detail = alert(1, u"escalated"_s, 3000);
    detail.insert(u"patientId"_s, u"***"_s);
    m_model->upsert(u"n1"_s, detail);
    QCOMPARE(m_model->index(0).data(AlertBoardModel::PatientIdRole).toString(), u"***"_s);
}

void tst_AlertBoardModel::closedAlertLeavesAndIndexStaysRight()
{
    m_model->replaceNode(u"n1"_s, QJsonArray { alert(1), alert(2), alert(3), alert(4) });
    QSignalSpy removed(m_model.get(), &QAbstractItemModel::rowsRemoved);
    for (const QString& closed : { u"resolved"_s, u"retracted"_s }) {
        const qint64 id = closed == u"resolved" ? 2 : 3;
        m_model->upsert(u"n1"_s, streamCopy(alert(id, closed, 1000)));
    }
    QCOMPARE(removed.count(), 2);
    QCOMPARE(ids(*m_model), (QStringList { u"n1#1"_s, u"n1#4"_s }));
    // Rows after the removed ones are found at their new place.
    QCOMPARE(m_model->rowOf(u"n1"_s, 4), 1);
    QCOMPARE(m_model->rowOf(u"n1"_s, 2), -1);
    m_model->upsert(u"n1"_s, alert(4, u"expired"_s, 2000));
    QCOMPARE(ids(*m_model), (QStringList { u"n1#1"_s }));
}

void tst_AlertBoardModel::closedAlertNeverArrives()
{
    QSignalSpy arrived(m_model.get(), &AlertBoardModel::alertArrived);
    m_model->upsert(u"n1"_s, alert(9, u"resolved"_s));
    QCOMPARE(m_model->rowCount(), 0);
    QCOMPARE(arrived.count(), 0);
}

void tst_AlertBoardModel::lateStaleUpdateIsIgnored()
{
    m_model->upsert(u"n1"_s, alert(1, u"notified"_s, 0));
    m_model->upsert(u"n1"_s, alert(1, u"acknowledged"_s, 5000));
    QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
    QSignalSpy removed(m_model.get(), &QAbstractItemModel::rowsRemoved);
    // A reply that left the node before the acknowledgement arrives late: it must not undo it.
    m_model->upsert(u"n1"_s, alert(1, u"escalated"_s, 4000));
    QCOMPARE(m_model->index(0).data(AlertBoardModel::StateRole).toString(), u"acknowledged"_s);
    QCOMPARE(changed.count(), 0);
    // Not even a stale "closed" removes it.
    m_model->upsert(u"n1"_s, alert(1, u"resolved"_s, 3000));
    QCOMPARE(m_model->rowCount(), 1);
    QCOMPARE(removed.count(), 0);
    // The same time again is not older: applied.
    m_model->upsert(u"n1"_s, alert(1, u"escalated"_s, 5000));
    QCOMPARE(m_model->index(0).data(AlertBoardModel::StateRole).toString(), u"escalated"_s);
}

void tst_AlertBoardModel::sameIdOnTwoNodesIsTwoRows()
{
    m_model->upsert(u"n1"_s, alert(1));
    m_model->upsert(u"n2"_s, alert(1, u"open"_s));
    QCOMPARE(m_model->rowCount(), 2);
    QCOMPARE(m_model->index(m_model->rowOf(u"n2"_s, 1)).data(AlertBoardModel::StateRole).toString(), u"open"_s);
    m_model->upsert(u"n2"_s, alert(1, u"resolved"_s, 1000));
    QCOMPARE(ids(*m_model), (QStringList { u"n1#1"_s }));
}

void tst_AlertBoardModel::pendingActionRole()
{
    m_model->replaceNode(u"n1"_s, QJsonArray { alert(1), alert(2) });
    QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
    m_model->setPendingAction(u"n1"_s, 2, u"alert-acknowledge"_s, T0 + 10);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed.at(0).at(0).toModelIndex().row(), 1);
    const auto roles = changed.at(0).at(2).value<QList<int>>();
    QVERIFY(roles.contains(AlertBoardModel::PendingActionRole));
    QCOMPARE(m_model->index(1).data(AlertBoardModel::PendingActionRole).toString(), u"alert-acknowledge"_s);
    QCOMPARE(m_model->index(1).data(AlertBoardModel::PendingSinceMsRole).toLongLong(), T0 + 10);
    QVERIFY(m_model->index(0).data(AlertBoardModel::PendingActionRole).toString().isEmpty());
    // An update of the alert keeps the pending mark: the action has not been answered yet.
    m_model->upsert(u"n1"_s, alert(2, u"escalated"_s, 1000));
    QCOMPARE(m_model->index(1).data(AlertBoardModel::PendingActionRole).toString(), u"alert-acknowledge"_s);
    m_model->setPendingAction(u"n1"_s, 2, QString(), 0);
    QVERIFY(m_model->index(1).data(AlertBoardModel::PendingActionRole).toString().isEmpty());
    QCOMPARE(m_model->index(1).data(AlertBoardModel::PendingSinceMsRole).toLongLong(), 0);
}

void tst_AlertBoardModel::pendingActionSetBeforeTheAlertArrives()
{
    // Pending actions are loaded from the queue's store before the cached board is.
    m_model->setPendingAction(u"n1"_s, 3, u"alert-resolve"_s, T0);
    m_model->replaceNode(u"n1"_s, QJsonArray { alert(3) }, true);
    QCOMPARE(m_model->index(0).data(AlertBoardModel::PendingActionRole).toString(), u"alert-resolve"_s);
    QCOMPARE(m_model->index(0).data(AlertBoardModel::PendingSinceMsRole).toLongLong(), T0);
    // Cleared while the alert is away: it comes back without the mark.
    m_model->replaceNode(u"n1"_s, QJsonArray {});
    m_model->setPendingAction(u"n1"_s, 3, QString(), 0);
    m_model->upsert(u"n1"_s, alert(3));
    QVERIFY(m_model->index(0).data(AlertBoardModel::PendingActionRole).toString().isEmpty());
}

void tst_AlertBoardModel::cachedRole()
{
    m_model->replaceNode(u"n1"_s, QJsonArray { alert(1), alert(2) }, true);
    m_model->replaceNode(u"n2"_s, QJsonArray { alert(1) }, false);
    QVERIFY(m_model->index(0).data(AlertBoardModel::CachedRole).toBool());
    QVERIFY(m_model->index(1).data(AlertBoardModel::CachedRole).toBool());
    QVERIFY(!m_model->index(2).data(AlertBoardModel::CachedRole).toBool());
    QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
    m_model->setCached(u"n1"_s, false);
    QCOMPARE(changed.count(), 2);
    QVERIFY(!m_model->index(0).data(AlertBoardModel::CachedRole).toBool());
    m_model->setCached(u"n1"_s, false);
    QCOMPARE(changed.count(), 2); // no change, no signal
    m_model->setCached(u"n2"_s, true);
    QVERIFY(m_model->index(2).data(AlertBoardModel::CachedRole).toBool());
    // A live event about a cached alert: that row is live now.
    m_model->upsert(u"n2"_s, alert(1, u"escalated"_s, 1000));
    QVERIFY(!m_model->index(2).data(AlertBoardModel::CachedRole).toBool());
}

void tst_AlertBoardModel::removeNodeLeavesOtherNodes()
{
    m_model->setNodeName(u"n1"_s, u"One"_s);
    m_model->replaceNode(u"n1"_s, QJsonArray { alert(1), alert(2) });
    m_model->replaceNode(u"n2"_s, QJsonArray { alert(1) });
    m_model->upsert(u"n1"_s, alert(3));
    m_model->removeNode(u"n1"_s);
    QCOMPARE(ids(*m_model), (QStringList { u"n2#1"_s }));
    QCOMPARE(m_model->rowOf(u"n2"_s, 1), 0);
    QCOMPARE(m_model->rowOf(u"n1"_s, 3), -1);
    // The name is forgotten with the node.
    m_model->upsert(u"n1"_s, alert(4));
    QCOMPARE(m_model->index(m_model->rowOf(u"n1"_s, 4)).data(AlertBoardModel::NodeNameRole).toString(), u"n1"_s);
}

void tst_AlertBoardModel::nodeName()
{
    m_model->replaceNode(u"n1"_s, QJsonArray { alert(1) });
    m_model->replaceNode(u"n2"_s, QJsonArray { alert(1) });
    QCOMPARE(m_model->index(0).data(AlertBoardModel::NodeNameRole).toString(), u"n1"_s);
    QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
    m_model->setNodeName(u"n1"_s, u"ICU node"_s);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed.at(0).at(0).toModelIndex().row(), 0);
    QCOMPARE(m_model->index(0).data(AlertBoardModel::NodeNameRole).toString(), u"ICU node"_s);
    QCOMPARE(m_model->index(1).data(AlertBoardModel::NodeNameRole).toString(), u"n2"_s);
    m_model->setNodeName(u"n1"_s, u"ICU node"_s);
    QCOMPARE(changed.count(), 1);
}

void tst_AlertBoardModel::invalidIdIsIgnored()
{
    QJsonObject noId = alert(1);
    noId.remove(u"id"_s);
    m_model->upsert(u"n1"_s, noId);
    m_model->upsert(u"n1"_s, alert(0));
    m_model->replaceNode(u"n1"_s, QJsonArray { noId, alert(-3) });
    QCOMPARE(m_model->rowCount(), 0);
    QVERIFY(!m_model->index(0).isValid());
}

void tst_AlertBoardModel::severityRank_data()
{
    QTest::addColumn<QString>("severity");
    QTest::addColumn<int>("rank");
    QTest::addRow("critical") << u"critical"_s << 0;
    QTest::addRow("high") << u"high"_s << 1;
    QTest::addRow("medium") << u"medium"_s << 2;
    QTest::addRow("low") << u"low"_s << 3;
    QTest::addRow("unknown") << u"urgent"_s << 4;
    QTest::addRow("empty") << QString() << 4;
}

void tst_AlertBoardModel::severityRank()
{
    QFETCH(QString, severity);
    QFETCH(int, rank);
    QCOMPARE(AlertBoardModel::severityRank(severity), rank);
    m_model->upsert(u"n1"_s, alert(1, u"open"_s, 0, severity));
    QCOMPARE(m_model->index(0).data(AlertBoardModel::SeverityRankRole).toInt(), rank);
}

void tst_AlertBoardModel::isClosedState_data()
{
    QTest::addColumn<QString>("state");
    QTest::addColumn<bool>("closed");
    for (const QString& s : { u"open"_s, u"notified"_s, u"escalated"_s, u"acknowledged"_s, u"suppressed"_s })
        QTest::addRow("%s", qPrintable(s)) << s << false;
    for (const QString& s : { u"resolved"_s, u"retracted"_s, u"expired"_s })
        QTest::addRow("%s", qPrintable(s)) << s << true;
}

void tst_AlertBoardModel::isClosedState()
{
    QFETCH(QString, state);
    QFETCH(bool, closed);
    QCOMPARE(AlertBoardModel::isClosedState(state), closed);
    // And the board agrees: closed states never show.
    m_model->upsert(u"n1"_s, alert(1, state));
    QCOMPARE(m_model->rowCount(), closed ? 0 : 1);
}

QTEST_GUILESS_MAIN(tst_AlertBoardModel)
#include "tst_alertboardmodel.moc"
