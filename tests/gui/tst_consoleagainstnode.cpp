// The console's client code against a REAL vigil-node (tests/support/NodeProcess): a node added
// with its fingerprint, a sign-in, the chip turning online and the overview filling from stats
// ticks; a message found on the Traces page opens with its detail and trace; the node killed →
// offline since a time, with cached data (the opened message's detail from the cache); restarted →
// online again.
#include "tests/integration/IntegrationHelpers.h"
#include "tests/integration/OpsApiHelpers.h"

#include "models/console/NodeListModel.h"
#include "models/console/OverviewModel.h"
#include "models/console/MessageListModel.h"
#include "models/console/TraceTimelineModel.h"
#include "tests/support/BlockingMllpClient.h"
#include "tests/support/NodeProcess.h"
#include "ui/MainWindow.h"
#include "ui/session/NodeFleet.h"
#include "ui/session/NodeSession.h"
#include "ui/session/TokenVault.h"
#include "ui/shell/NodeChip.h"
#include "ui/shell/NodeStrip.h"
#include "ui/shell/TraceController.h"
#include "ui/views/MessageDetailPane.h"
#include "ui/views/TraceView.h"

#include <QAbstractItemModelTester>
#include <QDir>
#include <QFile>
#include <QPlainTextEdit>
#include <QSignalSpy>
#include <QTableView>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace OpsApiHelpers;

namespace {
const QString Support = QStringLiteral("support");
constexpr int LiveMs = 20000;
} // namespace

class tst_ConsoleAgainstNode : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void wrongPinIsRefused();
    void signsInAndGoesLive();
    void openingAResultFillsTheDetail();
    void killedNodeShowsOfflineWithCachedData();
    void openedMessageComesFromTheCacheOffline();
    void restartedNodeComesBackOnline();
    void cachedDataShownAtStartWithoutNode();

private:
    QString chipState() const;
    quint16 port() const { return m_node.port(QStringLiteral("http")); }

    QTemporaryDir m_tmp;
    IntegrationHelpers::Sink m_sink;
    NodeProcess m_node;
    std::unique_ptr<TokenVault> m_vault;
    std::unique_ptr<NodeFleet> m_fleet;
    std::unique_ptr<MainWindow> m_window;
    std::unique_ptr<QAbstractItemModelTester> m_nodeTester;
    std::unique_ptr<QAbstractItemModelTester> m_overviewTester;
    QString m_id;
    qint64 m_messageId = 0;
    QString m_correlationId;
};

void tst_ConsoleAgainstNode::initTestCase()
{
    qputenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/vigil-test-bus");
    QVERIFY2(m_sink.start(0, m_tmp.filePath(QStringLiteral("sink.txt"))), m_sink.log().constData());
    // A fixed API port, so the restarted node answers where the console's profile points.
    QJsonObject config = opsNodeConfig(m_sink.port(), {QStringLiteral("hl7-in"), QStringLiteral("lab-in")});
    QJsonObject node = config.value(u"node").toObject();
    QJsonObject http = node.value(u"http").toObject();
    http.insert(QStringLiteral("port"), int(IntegrationHelpers::freePort()));
    node.insert(QStringLiteral("http"), http);
    config.insert(QStringLiteral("node"), node);
    QString error;
    QVERIFY2(m_node.start(config, &error), qPrintable(error));
    QVERIFY(m_node.isSecure());
    QVERIFY2(m_node.addUser(Support, QStringLiteral("support"), {}, password(Support), &error), qPrintable(error));

    m_vault = std::make_unique<TokenVault>(QStringLiteral("vigil-console-test"));
    m_fleet = std::make_unique<NodeFleet>(m_vault.get(), m_tmp.filePath(QStringLiteral("nodes.ini")),
                                          m_tmp.filePath(QStringLiteral("cache")));
    m_fleet->setPollIntervals(1000, 500);
    m_nodeTester = std::make_unique<QAbstractItemModelTester>(m_fleet->nodeList(),
                                                              QAbstractItemModelTester::FailureReportingMode::QtTest);
    m_overviewTester = std::make_unique<QAbstractItemModelTester>(
        m_fleet->overview(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(m_fleet->load());
    m_window = std::make_unique<MainWindow>(m_fleet.get());
    m_window->show();
}

void tst_ConsoleAgainstNode::cleanupTestCase()
{
    m_window.reset();
    m_overviewTester.reset();
    m_nodeTester.reset();
    m_fleet.reset();
    if (m_node.isRunning())
        m_node.terminate();
    m_sink.stop();
}

QString tst_ConsoleAgainstNode::chipState() const
{
    NodeChip* chip = m_window->nodeStrip()->chip(m_id);
    return chip ? chip->state() : QString();
}

void tst_ConsoleAgainstNode::wrongPinIsRefused()
{
    NodeProfile profile = NodeProfile::create();
    profile.displayName = QStringLiteral("Impostor check");
    profile.host = QStringLiteral("127.0.0.1");
    profile.port = port();
    profile.pinnedFingerprint = QString(m_node.fingerprint()).replace(0, 2, m_node.fingerprint().startsWith(u'A')
                                                                                ? QStringLiteral("BB")
                                                                                : QStringLiteral("AA"));
    QString error;
    const QString id = m_fleet->addNode(profile, &error);
    QVERIFY2(!id.isEmpty(), qPrintable(error));
    NodeSession* session = m_fleet->session(id);
    QSignalSpy changed(m_fleet.get(), &NodeFleet::certificateChanged);
    OpsReply reply;
    bool answered = false;
    session->signIn(Support, password(Support), this, [&](const OpsReply& r) {
        reply = r;
        answered = true;
    });
    QTRY_VERIFY_WITH_TIMEOUT(answered, LiveMs);
    QVERIFY(reply.certificateMismatch);
    QCOMPARE(reply.presentedFingerprint, m_node.fingerprint());
    QTRY_COMPARE_WITH_TIMEOUT(changed.size(), 1, LiveMs);
    QCOMPARE(changed.first().at(2).toString(), m_node.fingerprint());
    QVERIFY(session->certificateRefused());
    QCOMPARE(session->state(), QStringLiteral("offline"));
    QVERIFY(!session->hasToken());
    // Close the non-modal warning and forget the impostor profile.
    for (QWidget* w : QApplication::topLevelWidgets())
        if (w->objectName() == u"certificateWarning")
            w->close();
    QVERIFY(m_fleet->removeNode(id, &error));
}

void tst_ConsoleAgainstNode::signsInAndGoesLive()
{
    NodeProfile profile = NodeProfile::create();
    profile.displayName = QStringLiteral("Test node");
    profile.host = QStringLiteral("127.0.0.1");
    profile.port = port();
    profile.pinnedFingerprint = m_node.fingerprint();
    QString error;
    m_id = m_fleet->addNode(profile, &error);
    QVERIFY2(!m_id.isEmpty(), qPrintable(error));
    NodeSession* session = m_fleet->session(m_id);
    session->stream()->setBackoff(200, 1000, 5000);
    QTRY_COMPARE(chipState(), QStringLiteral("signed-out"));

    OpsReply reply;
    bool answered = false;
    session->signIn(Support, password(Support), this, [&](const OpsReply& r) {
        reply = r;
        answered = true;
    });
    QTRY_VERIFY_WITH_TIMEOUT(answered, LiveMs);
    QVERIFY2(reply.ok(), qPrintable(reply.error));
    QCOMPARE(session->roleName(), QStringLiteral("support"));
    QTRY_COMPARE_WITH_TIMEOUT(chipState(), QStringLiteral("online"), LiveMs);
    QCOMPARE(m_window->nodeStrip()->chip(m_id)->stateText(), QStringLiteral("Online"));
    // The chip says the state once, not again as its detail line.
    QVERIFY2(m_window->nodeStrip()->chip(m_id)->detailText().compare(QStringLiteral("online"), Qt::CaseInsensitive) != 0,
             qPrintable(m_window->nodeStrip()->chip(m_id)->detailText()));

    // Stats ticks fill the overview with the node's channels and destination.
    OverviewModel* overview = m_fleet->overview();
    QTRY_VERIFY_WITH_TIMEOUT(overview->endpointIndex(m_id, QStringLiteral("channel"), QStringLiteral("hl7-in")).isValid(),
                             LiveMs);
    QVERIFY(overview->endpointIndex(m_id, QStringLiteral("channel"), QStringLiteral("lab-in")).isValid());
    QVERIFY(overview->endpointIndex(m_id, QStringLiteral("destination"), QStringLiteral("ehr")).isValid());
    const QModelIndex nodeRow = overview->nodeIndex(m_id);
    QVERIFY(!nodeRow.data(OverviewModel::CachedRole).toBool());
    // A tick arrives every second: the sample shown moves on.
    const qint64 first = nodeRow.data(OverviewModel::AsOfRole).toLongLong();
    QTRY_VERIFY_WITH_TIMEOUT(overview->nodeIndex(m_id).data(OverviewModel::AsOfRole).toLongLong() > first, 5000);
    // The vault holds the token for this run (memory under CI; the keychain on a desktop).
    QString stored;
    m_vault->readToken(m_id, this, [&stored](const QString& token) { stored = token; });
    QTRY_VERIFY_WITH_TIMEOUT(!stored.isEmpty(), 30000);
}

void tst_ConsoleAgainstNode::openingAResultFillsTheDetail()
{
    QVERIFY(!m_id.isEmpty());
    const QString controlId = QStringLiteral("CONSOLE-TRACE-1");
    BlockingMllpClient mllp;
    QVERIFY(mllp.connectTo(m_node.port(QStringLiteral("hl7-in"))));
    const QByteArray ack = mllp.exchange(adt(controlId, QStringLiteral("MRN0042"), QStringLiteral("DOE"),
                                             QStringLiteral("ICU"), QStringLiteral("A01")), 20000);
    QCOMPARE(BlockingMllpClient::ackCode(ack), QStringLiteral("AA"));

    m_window->showView(MainWindow::TracesPage);
    TraceController* traces = m_window->traces();
    QCOMPARE(m_window->viewWidget(MainWindow::TracesPage), static_cast<QWidget*>(traces->view()));
    TraceView* view = traces->view();
    MessageListModel* results = traces->results();
    // The node stores what it acknowledged a moment later (batched): search again until it is there.
    QTRY_VERIFY_WITH_TIMEOUT(([&] {
                                 if (results->rowCount() == 0 && !results->isFetching())
                                     view->searchFor(controlId);
                                 return results->rowCount() == 1;
                             }()),
                             LiveMs);
    const QModelIndex row = results->index(0, 0);
    QCOMPARE(row.data(MessageListModel::NodeIdRole).toString(), m_id);
    m_messageId = row.data(MessageListModel::MessageIdRole).toLongLong();
    m_correlationId = row.data(MessageListModel::CorrelationIdRole).toString();
    QVERIFY(m_messageId > 0);
    QVERIFY(!m_correlationId.isEmpty());

    // Selecting the result: GET /messages/{id} fills the pane, GET /traces/{id} the timeline.
    view->resultsView()->setCurrentIndex(row);
    MessageDetailPane* pane = view->detailPane();
    QTRY_COMPARE_WITH_TIMEOUT(pane->messageId(), m_messageId, LiveMs);
    QCOMPARE(pane->nodeId(), m_id);
    QCOMPARE(pane->correlationId(), m_correlationId);
    QVERIFY2(pane->rawView()->toPlainText().contains(controlId), "the raw tab shows the message");
    TraceTimelineModel* timeline = traces->timeline();
    QCOMPARE(view->timelineModel(), timeline);
    QTRY_VERIFY_WITH_TIMEOUT(timeline->rowCount() > 0, LiveMs);
    QCOMPARE(timeline->correlationId(), m_correlationId);
}

void tst_ConsoleAgainstNode::killedNodeShowsOfflineWithCachedData()
{
    QVERIFY(!m_id.isEmpty());
    NodeSession* session = m_fleet->session(m_id);
    const qint64 lastSample = session->statsAsOfMs();
    QVERIFY(lastSample > 0);
    m_node.kill();
    QTRY_COMPARE_WITH_TIMEOUT(chipState(), QStringLiteral("offline"), LiveMs);
    NodeChip* chip = m_window->nodeStrip()->chip(m_id);
    QCOMPARE(chip->stateText(), QStringLiteral("Offline"));
    QVERIFY2(chip->detailText().startsWith(QStringLiteral("offline since ")), qPrintable(chip->detailText()));
    QVERIFY2(chip->detailText().contains(QStringLiteral("showing data cached at ")), qPrintable(chip->detailText()));
    // The overview keeps the figures, marked cached.
    const QModelIndex nodeRow = m_fleet->overview()->nodeIndex(m_id);
    QVERIFY(nodeRow.isValid());
    QTRY_VERIFY(nodeRow.data(OverviewModel::CachedRole).toBool());
    QVERIFY(m_fleet->overview()->endpointIndex(m_id, QStringLiteral("channel"), QStringLiteral("hl7-in")).isValid());
}

void tst_ConsoleAgainstNode::openedMessageComesFromTheCacheOffline()
{
    QVERIFY(m_messageId > 0);
    NodeSession* session = m_fleet->session(m_id);
    QVERIFY(!session->isLive());
    QJsonObject detail;
    qint64 cachedAt = -1;
    session->fetchMessageDetail(m_messageId, this, [&](const QJsonObject& d, qint64 at) {
        detail = d;
        cachedAt = at;
    });
    QTRY_VERIFY_WITH_TIMEOUT(cachedAt >= 0, 10000);
    QVERIFY2(cachedAt > 0, "offline, the detail comes from the cache, with when it was cached");
    QCOMPARE(detail.value(u"id").toInteger(), m_messageId);

    // The Traces page shows it the same way.
    TraceView* view = m_window->traces()->view();
    view->clearDetail();
    m_window->traces()->timeline()->clear();
    QCOMPARE(view->detailPane()->messageId(), qint64(0));
    m_window->traces()->openMessage(m_id, m_messageId, m_correlationId);
    QTRY_COMPARE_WITH_TIMEOUT(view->detailPane()->messageId(), m_messageId, 10000);
    QTRY_VERIFY_WITH_TIMEOUT(m_window->traces()->timeline()->rowCount() > 0, 10000);
}

void tst_ConsoleAgainstNode::restartedNodeComesBackOnline()
{
    QVERIFY(!m_id.isEmpty());
    QString error;
    QVERIFY2(m_node.restart(&error), qPrintable(error));
    QCOMPARE(m_node.port(QStringLiteral("http")), m_fleet->session(m_id)->profile().port);
    QTRY_COMPARE_WITH_TIMEOUT(chipState(), QStringLiteral("online"), 40000);
    const QModelIndex nodeRow = m_fleet->overview()->nodeIndex(m_id);
    QTRY_VERIFY_WITH_TIMEOUT(!m_fleet->overview()->nodeIndex(m_id).data(OverviewModel::CachedRole).toBool(), LiveMs);
    QVERIFY(nodeRow.isValid());
}

void tst_ConsoleAgainstNode::cachedDataShownAtStartWithoutNode()
{
    // A second console over the same settings and cache, with the node gone: it starts, shows the
    // node offline (or signed out: no keychain here keeps the token across runs), and the overview
    // has the cached figures marked as cached.
    QVERIFY(!m_id.isEmpty());
    QTest::qWait(1500); // one cache flush
    m_node.kill();
    TokenVault vault(QStringLiteral("vigil-console-test"));
    vault.forceMemoryOnly(QStringLiteral("test"));
    NodeFleet fleet(&vault, m_tmp.filePath(QStringLiteral("nodes.ini")), m_tmp.filePath(QStringLiteral("cache-copy")));
    // The first console still holds its cache open; give the second one a copy of the file.
    QDir().mkpath(m_tmp.filePath(QStringLiteral("cache-copy")));
    m_window.reset();
    m_fleet.reset(); // closes and checkpoints the cache
    QVERIFY(QFile::copy(m_tmp.filePath(QStringLiteral("cache/")) + m_id + u".sqlite",
                        m_tmp.filePath(QStringLiteral("cache-copy/")) + m_id + u".sqlite"));
    QAbstractItemModelTester tester(fleet.overview(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(fleet.load());
    QTRY_VERIFY_WITH_TIMEOUT(fleet.overview()->nodeIndex(m_id).isValid(), 10000);
    const QModelIndex row = fleet.overview()->nodeIndex(m_id);
    QVERIFY(row.data(OverviewModel::CachedRole).toBool());
    QVERIFY(row.data(OverviewModel::AsOfRole).toLongLong() > 0);
    QVERIFY(fleet.overview()->endpointIndex(m_id, QStringLiteral("channel"), QStringLiteral("hl7-in")).isValid());
    const int nodeRow = fleet.nodeList()->rowOf(m_id);
    QVERIFY(nodeRow >= 0);
    const QString detail = fleet.nodeList()->index(nodeRow).data(NodeListModel::DetailRole).toString();
    QVERIFY2(detail.contains(QStringLiteral("showing data cached at ")), qPrintable(detail));
}

QTEST_MAIN(tst_ConsoleAgainstNode)
#include "tst_consoleagainstnode.moc"
