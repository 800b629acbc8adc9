#include "models/console/AlertBoardModel.h"
#include "models/console/AlertFilterProxy.h"

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

struct Spec
{
    qint64 id;
    QString severity;
    QString state;
    qint64 createdMinutesAgo;
    QString unit = u"ICU-3"_s;
    QString team = u"nursing"_s;
    QString category = u"clinical"_s;
};

/// Now is T0 + 60 min; an alert created `createdMinutesAgo` before that.
QJsonObject alert(const Spec& s, qint64 updatedOffsetMs = 0)
{
    const qint64 created = T0 + 60 * 60'000 - s.createdMinutesAgo * 60'000;
    return QJsonObject { { u"id"_s, s.id }, { u"severity"_s, s.severity }, { u"state"_s, s.state },
        { u"unit"_s, s.unit }, { u"team"_s, s.team }, { u"category"_s, s.category },
        { u"title"_s, u"alert %1"_s.arg(s.id) }, { u"createdAt"_s, iso(created) },
        { u"updatedAt"_s, iso(created + updatedOffsetMs) } };
}

} // namespace

class tst_AlertFilterProxy : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void sortsBySeverityThenWaitingLongest();
    void newAlertTakesItsPlaceInTheOrder();
    void noFilterShowsEverything();
    void severityFilter();
    void stateFilter_data();
    void stateFilter();
    void stateChangeMovesAnAlertOutOfNeedsAction();
    void unitFilterIgnoresCase();
    void teamNodeAndCategory();
    void createdWithinFollowsTheClock();
    void filtersCombine();
    void settersIgnoreNoChange();
    void accessibleTextSaysItInWords();

private:
    QStringList shownIds() const;
    void fill();

    std::unique_ptr<AlertBoardModel> m_model;
    std::unique_ptr<AlertFilterProxy> m_proxy;
    std::unique_ptr<QAbstractItemModelTester> m_sourceTester;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
    qint64 m_now = T0 + 60 * 60'000;
};

void tst_AlertFilterProxy::init()
{
    m_model = std::make_unique<AlertBoardModel>();
    m_proxy = std::make_unique<AlertFilterProxy>();
    m_proxy->setClock([this] { return m_now; });
    m_proxy->setSourceModel(m_model.get());
    m_sourceTester = std::make_unique<QAbstractItemModelTester>(
        m_model.get(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    m_tester = std::make_unique<QAbstractItemModelTester>(
        m_proxy.get(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    m_now = T0 + 60 * 60'000;
}

void tst_AlertFilterProxy::cleanup()
{
    m_tester.reset();
    m_sourceTester.reset();
    m_proxy.reset();
    m_model.reset();
}

QStringList tst_AlertFilterProxy::shownIds() const
{
    QStringList out;
    for (int row = 0; row < m_proxy->rowCount(); ++row) {
        const QModelIndex i = m_proxy->index(row, 0);
        out << i.data(AlertBoardModel::NodeIdRole).toString() + u'#'
                + QString::number(i.data(AlertBoardModel::AlertIdRole).toLongLong());
    }
    return out;
}

void tst_AlertFilterProxy::fill()
{
    m_model->replaceNode(u"a"_s,
        QJsonArray {
            alert({ 1, u"high"_s, u"notified"_s, 10 }),
            alert({ 2, u"critical"_s, u"acknowledged"_s, 5 }),
            alert({ 3, u"critical"_s, u"escalated"_s, 30 }),
            alert({ 4, u"low"_s, u"open"_s, 50, u"5A"_s }),
            alert({ 5, u"medium"_s, u"suppressed"_s, 2, QString(), u"support"_s, u"operational"_s }),
        });
    m_model->replaceNode(u"b"_s,
        QJsonArray {
            alert({ 1, u"critical"_s, u"notified"_s, 30, u"icu-3"_s }),
            alert({ 2, u"high"_s, u"open"_s, 90, QString(), u"support"_s, u"operational"_s }),
        });
}

void tst_AlertFilterProxy::sortsBySeverityThenWaitingLongest()
{
    fill();
    // Critical first; within a severity the one raised earliest; a tie goes by node, then id.
    QCOMPARE(shownIds(), (QStringList { u"a#3"_s, u"b#1"_s, u"a#2"_s, u"b#2"_s, u"a#1"_s, u"a#5"_s, u"a#4"_s }));
}

void tst_AlertFilterProxy::newAlertTakesItsPlaceInTheOrder()
{
    fill();
    m_model->upsert(u"b"_s, alert({ 9, u"critical"_s, u"notified"_s, 60 }));
    QCOMPARE(shownIds().first(), u"b#9"_s);
    m_model->upsert(u"b"_s, alert({ 10, u"low"_s, u"notified"_s, 0 }));
    QCOMPARE(shownIds().last(), u"b#10"_s);
    // A severity raised by the node moves the card up.
    m_model->upsert(u"a"_s, alert({ 4, u"critical"_s, u"open"_s, 50, u"5A"_s }, 1000));
    QCOMPARE(shownIds().mid(0, 2), (QStringList { u"b#9"_s, u"a#4"_s }));
}

void tst_AlertFilterProxy::noFilterShowsEverything()
{
    fill();
    QVERIFY(!m_proxy->isFiltering());
    QCOMPARE(m_proxy->rowCount(), m_model->rowCount());
}

void tst_AlertFilterProxy::severityFilter()
{
    fill();
    m_proxy->setSeverities({ u"critical"_s });
    QCOMPARE(shownIds(), (QStringList { u"a#3"_s, u"b#1"_s, u"a#2"_s }));
    QVERIFY(m_proxy->isFiltering());
    m_proxy->setSeverities({ u"high"_s, u"low"_s });
    QCOMPARE(shownIds(), (QStringList { u"b#2"_s, u"a#1"_s, u"a#4"_s }));
    QCOMPARE(m_proxy->severities(), (QStringList { u"high"_s, u"low"_s }));
    m_proxy->setSeverities({});
    QCOMPARE(m_proxy->rowCount(), 7);
}

void tst_AlertFilterProxy::stateFilter_data()
{
    QTest::addColumn<QStringList>("states");
    QTest::addColumn<QStringList>("expected");
    QTest::addRow("needs action: not acknowledged, not silenced")
        << QStringList { AlertFilterProxy::NeedsAction.toString() }
        << QStringList { u"a#3"_s, u"b#1"_s, u"b#2"_s, u"a#1"_s, u"a#4"_s };
    QTest::addRow("acknowledged") << QStringList { u"acknowledged"_s } << QStringList { u"a#2"_s };
    QTest::addRow("silenced") << QStringList { u"suppressed"_s } << QStringList { u"a#5"_s };
    QTest::addRow("open and escalated") << QStringList { u"open"_s, u"escalated"_s }
                                        << QStringList { u"a#3"_s, u"b#2"_s, u"a#4"_s };
    QTest::addRow("needs action or silenced") << QStringList { AlertFilterProxy::NeedsAction.toString(),
        u"suppressed"_s } << QStringList { u"a#3"_s, u"b#1"_s, u"b#2"_s, u"a#1"_s, u"a#5"_s, u"a#4"_s };
}

void tst_AlertFilterProxy::stateFilter()
{
    QFETCH(QStringList, states);
    QFETCH(QStringList, expected);
    fill();
    m_proxy->setStates(states);
    QCOMPARE(shownIds(), expected);
}

void tst_AlertFilterProxy::stateChangeMovesAnAlertOutOfNeedsAction()
{
    fill();
    m_proxy->setStates({ AlertFilterProxy::NeedsAction.toString() });
    QVERIFY(shownIds().contains(u"b#1"_s));
    QSignalSpy removed(m_proxy.get(), &QAbstractItemModel::rowsRemoved);
    QJsonObject acked = alert({ 1, u"critical"_s, u"acknowledged"_s, 30, u"icu-3"_s }, 1000);
    m_model->upsert(u"b"_s, acked);
    QVERIFY(!shownIds().contains(u"b#1"_s));
    QCOMPARE(removed.count(), 1);
    // Escalated again by hand: it needs action again.
    m_model->upsert(u"b"_s, alert({ 1, u"critical"_s, u"escalated"_s, 30, u"icu-3"_s }, 2000));
    QVERIFY(shownIds().contains(u"b#1"_s));
}

void tst_AlertFilterProxy::unitFilterIgnoresCase()
{
    fill();
    m_proxy->setUnit(u"ICU-3"_s);
    QCOMPARE(shownIds(), (QStringList { u"a#3"_s, u"b#1"_s, u"a#2"_s, u"a#1"_s }));
    m_proxy->setUnit(u"5a"_s);
    QCOMPARE(shownIds(), (QStringList { u"a#4"_s }));
    QCOMPARE(m_proxy->unit(), u"5a"_s);
}

void tst_AlertFilterProxy::teamNodeAndCategory()
{
    fill();
    m_proxy->setTeam(u"support"_s);
    QCOMPARE(shownIds(), (QStringList { u"b#2"_s, u"a#5"_s }));
    m_proxy->setTeam(QString());
    m_proxy->setNodeId(u"b"_s);
    QCOMPARE(shownIds(), (QStringList { u"b#1"_s, u"b#2"_s }));
    m_proxy->setNodeId(QString());
    m_proxy->setCategory(u"operational"_s);
    QCOMPARE(shownIds(), (QStringList { u"b#2"_s, u"a#5"_s }));
    m_proxy->setCategory(u"clinical"_s);
    QCOMPARE(m_proxy->rowCount(), 5);
}

void tst_AlertFilterProxy::createdWithinFollowsTheClock()
{
    fill();
    m_proxy->setCreatedWithinMs(15 * 60'000);
    QCOMPARE(m_proxy->createdWithinMs(), 15 * 60'000);
    QCOMPARE(shownIds(), (QStringList { u"a#2"_s, u"a#1"_s, u"a#5"_s }));
    // Time passes: without a refresh nothing moves (no timer in a model) …
    m_now += 6 * 60'000;
    QCOMPARE(m_proxy->rowCount(), 3);
    // … with one, the 10-minute-old alert is now 16 minutes old.
    m_proxy->refreshTimeWindow();
    QCOMPARE(shownIds(), (QStringList { u"a#2"_s, u"a#5"_s }));
    m_proxy->setCreatedWithinMs(0);
    QCOMPARE(m_proxy->rowCount(), 7);
    // An alert without a creation time is not "recent".
    QJsonObject timeless = alert({ 20, u"critical"_s, u"open"_s, 1 });
    timeless.remove(u"createdAt"_s);
    m_model->upsert(u"a"_s, timeless);
    m_proxy->setCreatedWithinMs(60 * 60'000);
    QVERIFY(!shownIds().contains(u"a#20"_s));
}

void tst_AlertFilterProxy::filtersCombine()
{
    fill();
    m_proxy->setSeverities({ u"critical"_s, u"high"_s });
    m_proxy->setStates({ AlertFilterProxy::NeedsAction.toString() });
    m_proxy->setUnit(u"icu-3"_s);
    QCOMPARE(shownIds(), (QStringList { u"a#3"_s, u"b#1"_s, u"a#1"_s }));
    m_proxy->setNodeId(u"a"_s);
    QCOMPARE(shownIds(), (QStringList { u"a#3"_s, u"a#1"_s }));
    m_model->removeNode(u"a"_s);
    QCOMPARE(m_proxy->rowCount(), 0);
}

void tst_AlertFilterProxy::settersIgnoreNoChange()
{
    fill();
    m_proxy->setUnit(u"ICU-3"_s);
    QSignalSpy reset(m_proxy.get(), &QAbstractItemModel::layoutChanged);
    QSignalSpy removed(m_proxy.get(), &QAbstractItemModel::rowsRemoved);
    QSignalSpy inserted(m_proxy.get(), &QAbstractItemModel::rowsInserted);
    m_proxy->setUnit(u"ICU-3"_s);
    m_proxy->setSeverities({});
    m_proxy->setStates({ QString() });
    m_proxy->setCreatedWithinMs(-5);
    m_proxy->refreshTimeWindow();
    QCOMPARE(reset.count() + removed.count() + inserted.count(), 0);
    QVERIFY(m_proxy->states().isEmpty());
}

void tst_AlertFilterProxy::accessibleTextSaysItInWords()
{
    m_model->setNodeName(u"a"_s, u"Ward node"_s);
    QJsonObject a = alert({ 1, u"critical"_s, u"notified"_s, 10 });
    a.insert(u"evidence"_s,
        QJsonObject { { u"text"_s, u"Potassium"_s }, { u"value"_s, u"6.9"_s }, { u"units"_s, u"mmol/L"_s },
            { u"flags"_s, QJsonArray { u"HH"_s } } });
    m_model->upsert(u"a"_s, a);
    const QModelIndex i = m_proxy->index(0, 0);
    QCOMPARE(i.data(Qt::AccessibleTextRole).toString(),
        u"Critical: Critical potassium 6.9 mmol/L (HH) \u2014 ICU-3 (Paged, Ward node)"_s);
    // Other roles pass through.
    QCOMPARE(i.data(Qt::DisplayRole).toString(), u"alert 1"_s);
}

QTEST_GUILESS_MAIN(tst_AlertFilterProxy)
#include "tst_alertfilterproxy.moc"
