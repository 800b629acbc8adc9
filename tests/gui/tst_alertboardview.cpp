// The alert board fed by a model (no node): cards say what is wrong, where, for whom and what is
// pending; filters and the empty state; buttons follow the signed-in role; keys and buttons hand
// actions to the node's ActionQueue (here one without a network, so they stay pending) and the
// panel says what came back.
#include "models/console/AlertBoardModel.h"
#include "models/console/AlertFilterProxy.h"
#include "ui/delegates/AlertCardDelegate.h"
#include "ui/dialogs/AcknowledgeDialog.h"
#include "ui/dialogs/ResolveDialog.h"
#include "ui/dialogs/SilenceDialog.h"
#include "ui/session/ActionQueue.h"
#include "ui/style/SeverityLook.h"
#include "ui/views/AlertBoardView.h"

#include <QAbstractItemModelTester>
#include <QCheckBox>
#include <QComboBox>
#include <QDateTime>
#include <QImage>
#include <QJsonArray>
#include <QJsonObject>
#include <QLineEdit>
#include <QListView>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>
#include <QToolButton>

using namespace Qt::StringLiterals;

namespace {

const qint64 Now = QDateTime(QDate(2026, 11, 27), QTime(3, 0), Qt::LocalTime).toMSecsSinceEpoch();

QString iso(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms).toUTC().toString(Qt::ISODateWithMs);
}

QJsonObject potassium(qint64 id, const QString& unit = u"ICU-3"_s, const QString& patient = u"12345"_s,
    const QString& state = u"notified"_s, qint64 ageMs = 4 * 60'000)
{
    QJsonObject a { { u"id"_s, id }, { u"ruleId"_s, u"critical-result"_s }, { u"category"_s, u"clinical"_s },
        { u"severity"_s, u"critical"_s }, { u"state"_s, state },
        { u"title"_s, u"Critical result Potassium 6.9 mmol/L (HH)"_s }, { u"unit"_s, unit },
        { u"team"_s, u"nursing"_s }, { u"subject"_s, u"2823-3"_s }, { u"level"_s, 1 },
        { u"policy"_s, u"clinical-critical"_s },
        { u"evidence"_s,
            QJsonObject { { u"code"_s, u"2823-3"_s }, { u"text"_s, u"Potassium [Moles/volume] in Serum or Plasma"_s },
                { u"value"_s, u"6.9"_s }, { u"units"_s, u"mmol/L"_s }, { u"referenceRange"_s, u"3.5-5.1"_s },
                { u"flags"_s, QJsonArray { u"HH"_s } }, { u"resultStatus"_s, u"F"_s },
                { u"location"_s, QString(unit + u" 301-A"_s) } } },
        { u"correlationIds"_s,
            QJsonArray { u"01a21a0c8b5e4f2d9d1c3b7a6e5f4d3c"_s, u"01a21a0c8b5e4f2d9d1c3b7a6e5f4d3d"_s } },
        { u"createdAt"_s, iso(Now - ageMs) }, { u"updatedAt"_s, iso(Now - ageMs) },
        { u"nextEscalationAt"_s, iso(Now + 252'000) } };
    if (!patient.isEmpty())
        a.insert(u"patientId"_s, patient);
    if (state == u"acknowledged") {
        a.insert(u"acknowledgedBy"_s, u"nina"_s);
        a.insert(u"acknowledgedAt"_s, iso(Now - 60'000));
        a.remove(u"nextEscalationAt"_s);
    }
    return a;
}

QJsonObject labDown(qint64 id, const QString& severity = u"high"_s)
{
    return QJsonObject { { u"id"_s, id }, { u"ruleId"_s, u"destination-down"_s }, { u"category"_s, u"operational"_s },
        { u"severity"_s, severity }, { u"state"_s, u"notified"_s },
        { u"title"_s, u"Destination lab down for 30 min"_s }, { u"team"_s, u"support"_s },
        { u"subject"_s, u"destination lab"_s }, { u"level"_s, 0 },
        { u"evidence"_s,
            QJsonObject { { u"destination"_s, u"lab"_s }, { u"breakerState"_s, u"open"_s },
                { u"lastError"_s, u"Connection refused"_s }, { u"lastErrorAtMs"_s, Now - 1000 },
                { u"queueDepth"_s, 14 }, { u"holdingSinceMs"_s, Now - 30 * 60'000 } } },
        { u"correlationIds"_s, QJsonArray() }, { u"createdAt"_s, iso(Now - 30 * 60'000) },
        { u"updatedAt"_s, iso(Now - 30 * 60'000) } };
}

} // namespace

class tst_AlertBoardView : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void cardSaysWhatWhereWhoAndWhen();
    void maskedPatientIsSaidPlainly();
    void pendingAndOfflineBadges();
    void cardsArePainted();
    void mostSevereFirst();
    void severityButtonsFilter();
    void stateUnitAndNodeFilters();
    void emptyStates();
    void permissions_data();
    void permissions();
    void buttonsFollowTheRole_data();
    void buttonsFollowTheRole();
    void buttonsFollowTheState();
    void keyAOpensTheDialogAndEnterSends();
    void acknowledgeButtonIsOneAction();
    void keyRResolvesWithADisposition();
    void keyEAsksBeforeEscalating();
    void keysOfAnActionTheRoleCannotTake();
    void silenceDialogPrefilledFromTheAlert();
    void silenceFromTheBoard();
    void outcomeShownInPlainWords();
    void openTrace();

private:
    void show(const QString& role, const QStringList& units);
    void selectFirst();
    ConsoleAction lastSubmitted(QSignalSpy& spy) const;

    std::unique_ptr<AlertBoardModel> m_model;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
    std::unique_ptr<ActionQueue> m_queue;
    std::unique_ptr<AlertBoardView> m_view;
};

void tst_AlertBoardView::init()
{
    m_model = std::make_unique<AlertBoardModel>();
    m_tester = std::make_unique<QAbstractItemModelTester>(
        m_model.get(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    m_model->setNodeName(u"n1"_s, u"Ward node"_s);
    // No client: what is submitted stays pending, as with a node that is away.
    m_queue = std::make_unique<ActionQueue>(u"n1"_s, nullptr);
    m_view = std::make_unique<AlertBoardView>(nullptr);
    m_view->setClock([] { return Now; });
    m_view->setModel(m_model.get());
    m_view->resize(1200, 800);
}

void tst_AlertBoardView::cleanup()
{
    m_view.reset();
    m_queue.reset();
    m_tester.reset();
    m_model.reset();
}

void tst_AlertBoardView::show(const QString& role, const QStringList& units)
{
    const QString user = role == u"nurse" ? u"nina"_s : role == u"support" ? u"sam"_s : u"ada"_s;
    m_view->setNodeAccess(u"n1"_s, user, role, units, m_queue.get());
    m_view->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_view.get()));
}

void tst_AlertBoardView::selectFirst()
{
    m_view->listView()->setFocus();
    m_view->listView()->setCurrentIndex(m_view->proxyModel()->index(0, 0));
}

ConsoleAction tst_AlertBoardView::lastSubmitted(QSignalSpy& spy) const
{
    return spy.isEmpty() ? ConsoleAction() : spy.constLast().at(1).value<ConsoleAction>();
}

void tst_AlertBoardView::cardSaysWhatWhereWhoAndWhen()
{
    m_model->replaceNode(u"n1"_s, QJsonArray { potassium(3) });
    const AlertCardDelegate::Card card = m_view->delegate()->cardFor(m_view->proxyModel()->index(0, 0));
    QCOMPARE(card.severity, u"Critical"_s);
    QCOMPARE(card.state, u"Paged"_s);
    QCOMPARE(card.headline, u"Critical potassium 6.9 mmol/L (HH) \u2014 ICU-3, bed 301-A"_s);
    QCOMPARE(card.patient, u"Patient 12345"_s);
    QCOMPARE(card.evidence, u"6.9 mmol/L \u00b7 ref 3.5\u20135.1 \u00b7 HH \u00b7 final"_s);
    QCOMPARE(card.where, u"ICU-3 \u00b7 nursing"_s);
    QCOMPARE(card.age, u"4 min ago"_s);
    QCOMPARE(card.node, u"Ward node"_s);
    QCOMPARE(card.escalation, u"level 2, next in 4:12"_s);
    QVERIFY(card.badge.isEmpty());
    // With the policy's levels known: "of 3".
    m_view->delegate()->setLevelCountLookup(
        [](const QString&, const QString& policy) { return policy == u"clinical-critical" ? 3 : 0; });
    QCOMPARE(
        m_view->delegate()->cardFor(m_view->proxyModel()->index(0, 0)).escalation, u"level 2 of 3, next in 4:12"_s);
    // Acknowledged: who and when, and the escalation stopped.
    m_model->upsert(u"n1"_s, potassium(3, u"ICU-3"_s, u"12345"_s, u"acknowledged"_s));
    const AlertCardDelegate::Card acked = m_view->delegate()->cardFor(m_view->proxyModel()->index(0, 0));
    QCOMPARE(acked.state, u"Acknowledged by nina at 02:59"_s);
    QCOMPARE(acked.escalation, u"level 2 of 3, escalation stopped"_s);
    // Under a policy that limits ownership, the owner sees how long is left to resolve it.
    QJsonObject owned = potassium(3, u"ICU-3"_s, u"12345"_s, u"acknowledged"_s);
    owned.insert(u"updatedAt"_s, iso(Now));
    owned.insert(u"reopensAt"_s, iso(Now + 29 * 60'000 + 40'000));
    m_model->upsert(u"n1"_s, owned);
    QCOMPARE(m_view->delegate()->cardFor(m_view->proxyModel()->index(0, 0)).escalation,
             u"level 2 of 3, escalation stopped; pages again in 29:40 unless resolved"_s);
}

void tst_AlertBoardView::maskedPatientIsSaidPlainly()
{
    m_model->replaceNode(u"n1"_s, QJsonArray { potassium(3, u"ICU-3"_s, u"***"_s), labDown(4) });
    QCOMPARE(m_view->delegate()->cardFor(m_view->proxyModel()->index(0, 0)).patient, u"patient hidden for your role"_s);
    QVERIFY(!m_view->delegate()->cardFor(m_view->proxyModel()->index(0, 0)).text().contains(u"***"_s));
    // An operational alert has no patient at all.
    QVERIFY(m_view->delegate()->cardFor(m_view->proxyModel()->index(1, 0)).patient.isEmpty());
    QCOMPARE(m_view->delegate()->cardFor(m_view->proxyModel()->index(1, 0)).headline,
        u"Destination lab down since 02:30 (connection refused)"_s);
}

void tst_AlertBoardView::pendingAndOfflineBadges()
{
    m_model->replaceNode(u"n1"_s, QJsonArray { potassium(3) }, true);
    m_model->setPendingAction(u"n1"_s, 3, u"alert-acknowledge"_s, Now);
    AlertCardDelegate::Card card = m_view->delegate()->cardFor(m_view->proxyModel()->index(0, 0));
    QVERIFY(card.pending);
    QVERIFY(card.cached);
    QVERIFY2(card.badge.contains(u"PENDING \u2014 acknowledgement will be sent when Ward node is back"_s),
        qPrintable(card.badge));
    // Never shown as done: the state is still what the node last said.
    QCOMPARE(card.state, u"Paged"_s);
    QVERIFY(card.badge.contains(u"cached (offline)"_s));
    const qint64 lastContact = QDateTime(QDate(2026, 11, 27), QTime(2, 41), Qt::LocalTime).toMSecsSinceEpoch();
    m_view->delegate()->setAsOfLookup([lastContact](const QString&) { return lastContact; });
    card = m_view->delegate()->cardFor(m_view->proxyModel()->index(0, 0));
    QVERIFY2(card.badge.contains(u"as of 02:41 (offline)"_s), qPrintable(card.badge));
    // Live again with the action in flight: still pending, now "being sent".
    m_model->setCached(u"n1"_s, false);
    card = m_view->delegate()->cardFor(m_view->proxyModel()->index(0, 0));
    QCOMPARE(card.badge, u"PENDING \u2014 acknowledgement being sent to Ward node"_s);
    m_model->setPendingAction(u"n1"_s, 3, QString(), 0);
    QVERIFY(m_view->delegate()->cardFor(m_view->proxyModel()->index(0, 0)).badge.isEmpty());
}

void tst_AlertBoardView::cardsArePainted()
{
    m_model->replaceNode(u"n1"_s, QJsonArray { potassium(3), labDown(4) });
    m_model->setPendingAction(u"n1"_s, 3, u"alert-acknowledge"_s, Now);
    show(u"nurse"_s, { u"ICU-3"_s });
    QListView* list = m_view->listView();
    const QRect first = list->visualRect(m_view->proxyModel()->index(0, 0));
    const QRect second = list->visualRect(m_view->proxyModel()->index(1, 0));
    // Same height for every card, tall enough for five lines.
    QCOMPARE(first.height(), second.height());
    QVERIFY(first.height() >= 5 * list->fontMetrics().height());
    const QImage image = list->viewport()->grab().toImage();
    // The critical card's severity bar is drawn in the severity colour at its left edge.
    const QColor bar = image.pixelColor(first.left() + 7, first.center().y());
    const QColor critical = SeverityLook::color(u"critical"_s);
    QVERIFY2(
        qAbs(bar.red() - critical.red()) < 30 && qAbs(bar.green() - critical.green()) < 30, qPrintable(bar.name()));
    const QColor high = image.pixelColor(second.left() + 7, second.center().y());
    QVERIFY(high != bar);
    // Every severity has its own icon shape, not only its colour.
    QImage a = SeverityLook::icon(u"critical"_s)
                   .pixmap(32)
                   .toImage()
                   .convertToFormat(QImage::Format_Grayscale8);
    QImage b
        = SeverityLook::icon(u"high"_s).pixmap(32).toImage().convertToFormat(QImage::Format_Grayscale8);
    QImage c
        = SeverityLook::icon(u"medium"_s).pixmap(32).toImage().convertToFormat(QImage::Format_Grayscale8);
    QVERIFY(a != b && b != c && a != c);
}

void tst_AlertBoardView::mostSevereFirst()
{
    m_model->replaceNode(u"n1"_s, QJsonArray { labDown(4, u"medium"_s), potassium(3), labDown(5, u"high"_s) });
    QCOMPARE(m_view->proxyModel()->index(0, 0).data(AlertBoardModel::AlertIdRole).toLongLong(), 3);
    QCOMPARE(m_view->proxyModel()->index(1, 0).data(AlertBoardModel::AlertIdRole).toLongLong(), 5);
    QCOMPARE(m_view->proxyModel()->index(2, 0).data(AlertBoardModel::AlertIdRole).toLongLong(), 4);
}

void tst_AlertBoardView::severityButtonsFilter()
{
    m_model->replaceNode(u"n1"_s, QJsonArray { potassium(3), labDown(4, u"high"_s) });
    show(u"admin"_s, {});
    QToolButton* critical = nullptr;
    const QList<QToolButton*> buttons = m_view->findChildren<QToolButton*>();
    for (QToolButton* b : buttons) {
        if (b->text() == u"Critical")
            critical = b;
    }
    QVERIFY(critical);
    QVERIFY(critical->isChecked());
    QTest::mouseClick(critical, Qt::LeftButton);
    QVERIFY(!critical->isChecked());
    QCOMPARE(m_view->proxyModel()->rowCount(), 1);
    QCOMPARE(m_view->proxyModel()->index(0, 0).data(AlertBoardModel::AlertIdRole).toLongLong(), 4);
    QVERIFY(m_view->filterSummary().contains(u"High, Medium, Low"_s));
    m_view->setSeverityFilter({ u"critical"_s });
    QCOMPARE(m_view->proxyModel()->rowCount(), 1);
    QCOMPARE(m_view->proxyModel()->index(0, 0).data(AlertBoardModel::AlertIdRole).toLongLong(), 3);
    QVERIFY(critical->isChecked());
}

void tst_AlertBoardView::stateUnitAndNodeFilters()
{
    m_model->setNodeName(u"n2"_s, u"Lab node"_s);
    m_model->replaceNode(u"n1"_s, QJsonArray { potassium(3), potassium(6, u"5A"_s, u"777"_s, u"acknowledged"_s) });
    m_model->replaceNode(u"n2"_s, QJsonArray { labDown(4) });
    show(u"admin"_s, {});
    m_view->setStateFilter(AlertFilterProxy::NeedsAction.toString());
    QCOMPARE(m_view->proxyModel()->rowCount(), 2);
    QVERIFY(m_view->filterSummary().contains(u"needs action"_s));
    m_view->setStateFilter(QString());
    m_view->setUnitFilter(u"5A"_s);
    QCOMPARE(m_view->proxyModel()->rowCount(), 1);
    QCOMPARE(m_view->proxyModel()->index(0, 0).data(AlertBoardModel::AlertIdRole).toLongLong(), 6);
    QVERIFY(m_view->filterSummary().contains(u"unit 5A"_s));
    m_view->setUnitFilter(QString());
    m_view->setNodeFilter(u"n2"_s);
    QCOMPARE(m_view->proxyModel()->rowCount(), 1);
    QVERIFY2(m_view->filterSummary().contains(u"node Lab node"_s), qPrintable(m_view->filterSummary()));
    m_view->setNodeFilter(QString());
    m_view->setCategoryFilter(u"clinical"_s);
    QCOMPARE(m_view->proxyModel()->rowCount(), 2);
    m_view->setCategoryFilter(QString());
    m_view->setTeamFilter(u"support"_s);
    QCOMPARE(m_view->proxyModel()->rowCount(), 1);
    m_view->setTeamFilter(QString());
    m_view->setCreatedWithinMinutes(15);
    QCOMPARE(m_view->proxyModel()->rowCount(), 2); // the 30-minute-old lab alert is out
    QVERIFY(m_view->filterSummary().contains(u"raised in the last 15 min"_s));
    // The unit choices come from the alerts on the board.
    QComboBox* unitBox = nullptr;
    for (QComboBox* box : m_view->findChildren<QComboBox*>()) {
        if (box->accessibleName() == u"Unit")
            unitBox = box;
    }
    QVERIFY(unitBox);
    QTRY_VERIFY(unitBox->findData(u"ICU-3"_s) >= 0 && unitBox->findData(u"5A"_s) >= 0);
}

void tst_AlertBoardView::emptyStates()
{
    show(u"nurse"_s, { u"ICU-3"_s });
    QVERIFY(m_view->isEmptyStateShown());
    QCOMPARE(m_view->emptyStateTitle(), u"No open alerts"_s);
    QVERIFY(m_view->emptyStateText().contains(u"Showing: every severity"_s));
    m_model->upsert(u"n1"_s, potassium(3));
    QVERIFY(!m_view->isEmptyStateShown());
    m_view->setUnitFilter(u"5A"_s);
    QVERIFY(m_view->isEmptyStateShown());
    QCOMPARE(m_view->emptyStateTitle(), u"No open alerts match these filters"_s);
    QVERIFY2(m_view->emptyStateText().startsWith(u"Open alerts hidden by the filters: 1."_s),
        qPrintable(m_view->emptyStateText()));
    QVERIFY(m_view->emptyStateText().contains(u"unit 5A"_s));
    QPushButton* clear = nullptr;
    for (QPushButton* b : m_view->findChildren<QPushButton*>()) {
        if (b->text() == u"&Clear filters")
            clear = b;
    }
    QVERIFY(clear && clear->isVisible());
    QTest::mouseClick(clear, Qt::LeftButton);
    QVERIFY(!m_view->isEmptyStateShown());
    // The alert closes: the board is empty again.
    QJsonObject resolved = potassium(3);
    resolved.insert(u"state"_s, u"resolved"_s);
    resolved.insert(u"updatedAt"_s, iso(Now));
    m_model->upsert(u"n1"_s, resolved);
    QVERIFY(m_view->isEmptyStateShown());
    QCOMPARE(m_view->emptyStateTitle(), u"No open alerts"_s);
}

void tst_AlertBoardView::permissions_data()
{
    QTest::addColumn<QString>("role");
    QTest::addColumn<QStringList>("units");
    QTest::addColumn<QString>("category");
    QTest::addColumn<QString>("unit");
    QTest::addColumn<QString>("expected"); // a r e s
    QTest::addRow("nurse, own unit") << u"nurse"_s << QStringList { u"ICU-3"_s } << u"clinical"_s << u"ICU-3"_s
                                     << u"are-"_s;
    QTest::addRow("nurse, own unit other case")
        << u"nurse"_s << QStringList { u"icu-3"_s } << u"clinical"_s << u"ICU-3"_s << u"are-"_s;
    QTest::addRow("nurse, other unit") << u"nurse"_s << QStringList { u"5A"_s } << u"clinical"_s << u"ICU-3"_s
                                       << u"----"_s;
    QTest::addRow("nurse, operational") << u"nurse"_s << QStringList { u"ICU-3"_s } << u"operational"_s << QString()
                                        << u"----"_s;
    QTest::addRow("support, clinical") << u"support"_s << QStringList() << u"clinical"_s << u"ICU-3"_s << u"-res"_s;
    QTest::addRow("support, operational")
        << u"support"_s << QStringList() << u"operational"_s << QString() << u"ares"_s;
    QTest::addRow("admin, clinical") << u"admin"_s << QStringList() << u"clinical"_s << u"ICU-3"_s << u"ares"_s;
    QTest::addRow("admin, operational") << u"admin"_s << QStringList() << u"operational"_s << QString() << u"ares"_s;
    QTest::addRow("not signed in") << QString() << QStringList() << u"clinical"_s << u"ICU-3"_s << u"----"_s;
}

void tst_AlertBoardView::permissions()
{
    QFETCH(QString, role);
    QFETCH(QStringList, units);
    QFETCH(QString, category);
    QFETCH(QString, unit);
    QFETCH(QString, expected);
    const AlertBoardView::Permissions p = AlertBoardView::permissionsFor(role, units, category, unit);
    const QString got = QString(p.acknowledge ? u'a' : u'-') + (p.resolve ? u'r' : u'-') + (p.escalate ? u'e' : u'-')
        + (p.silence ? u's' : u'-');
    QCOMPARE(got, expected);
}

void tst_AlertBoardView::buttonsFollowTheRole_data()
{
    permissions_data();
}

void tst_AlertBoardView::buttonsFollowTheRole()
{
    QFETCH(QString, role);
    QFETCH(QStringList, units);
    QFETCH(QString, category);
    QFETCH(QString, unit);
    QFETCH(QString, expected);
    QJsonObject alert = category == u"clinical" ? potassium(3, unit) : labDown(3);
    m_model->upsert(u"n1"_s, alert);
    if (role.isEmpty()) {
        m_view->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_view.get()));
    } else {
        show(role, units);
    }
    selectFirst();
    QCOMPARE(m_view->currentAlertId(), 3);
    // Not offered at all, rather than offered and refused.
    QCOMPARE(m_view->acknowledgeButton()->isVisible(), expected.at(0) == u'a');
    QCOMPARE(m_view->noteEdit()->isVisible(), expected.at(0) == u'a');
    QCOMPARE(m_view->resolveButton()->isVisible(), expected.at(1) == u'r');
    QCOMPARE(m_view->escalateButton()->isVisible(), expected.at(2) == u'e');
    QCOMPARE(m_view->silenceButton()->isVisible(), expected.at(3) == u's');
    // Open trace is for everyone who sees the alert.
    QVERIFY(m_view->traceButton()->isVisible());
}

void tst_AlertBoardView::buttonsFollowTheState()
{
    m_model->replaceNode(u"n1"_s, QJsonArray { potassium(3, u"ICU-3"_s, u"1"_s, u"acknowledged"_s) });
    show(u"admin"_s, {});
    selectFirst();
    QVERIFY(m_view->acknowledgeButton()->isVisible());
    QVERIFY(!m_view->acknowledgeButton()->isEnabled());
    QVERIFY(m_view->acknowledgeButton()->toolTip().contains(u"nina"_s));
    QVERIFY(m_view->resolveButton()->isEnabled());
    QVERIFY(m_view->escalateButton()->isEnabled()); // re-opens an acknowledged alert
    QJsonObject suppressed = potassium(3, u"ICU-3"_s, u"1"_s, u"suppressed"_s);
    suppressed.insert(u"updatedAt"_s, iso(Now));
    m_model->upsert(u"n1"_s, suppressed);
    QVERIFY(!m_view->acknowledgeButton()->isEnabled());
    QVERIFY(!m_view->escalateButton()->isEnabled());
    QVERIFY(m_view->resolveButton()->isEnabled());
    // A pending acknowledgement: not offered twice.
    m_model->upsert(u"n1"_s, potassium(4));
    QVERIFY(m_view->selectAlert(u"n1"_s, 4));
    QVERIFY(m_view->acknowledgeButton()->isEnabled());
    m_model->setPendingAction(u"n1"_s, 4, u"alert-acknowledge"_s, Now);
    QVERIFY(!m_view->acknowledgeButton()->isEnabled());
}

void tst_AlertBoardView::keyAOpensTheDialogAndEnterSends()
{
    m_model->replaceNode(u"n1"_s, QJsonArray { potassium(3) });
    show(u"nurse"_s, { u"ICU-3"_s });
    QSignalSpy submitted(m_view.get(), &AlertBoardView::actionSubmitted);
    selectFirst();
    QTest::keyClick(m_view->listView(), Qt::Key_A);
    AcknowledgeDialog* dialog = m_view->findChild<AcknowledgeDialog*>();
    QVERIFY(dialog);
    QTRY_VERIFY(dialog->isVisible());
    QVERIFY(submitted.isEmpty());
    QTest::keyClicks(dialog->noteEdit(), u"called Dr Lee"_s);
    QTest::keyClick(dialog->noteEdit(), Qt::Key_Return);
    QCOMPARE(submitted.count(), 1);
    const ConsoleAction action = lastSubmitted(submitted);
    QCOMPARE(submitted.constLast().at(0).toString(), u"n1"_s);
    QCOMPARE(action.kind, u"alert-acknowledge"_s);
    QCOMPARE(action.method, QByteArray("POST"));
    QCOMPARE(action.path, u"/api/v1/alerts/3/acknowledge"_s);
    QCOMPARE(action.body, (QJsonObject { { u"note"_s, u"called Dr Lee"_s } }));
    QCOMPARE(action.target, u"alert:3"_s);
    QCOMPARE(action.user, u"nina"_s);
    QVERIFY(action.summary.contains(u"Critical potassium"_s));
    QVERIFY(!action.key.isEmpty());
    // In the node's queue, and said to be pending — not done.
    QCOMPARE(m_queue->pending().size(), 1);
    QCOMPARE(m_queue->pending().constFirst().key, action.key);
    QVERIFY2(m_view->outcomeText().startsWith(u"PENDING"_s), qPrintable(m_view->outcomeText()));
    QVERIFY(m_view->outcomeText().contains(u"Ward node is back"_s));
    // Escape instead of Enter sends nothing.
    QTest::keyClick(m_view->listView(), Qt::Key_A);
    QTRY_VERIFY(m_view->findChild<AcknowledgeDialog*>() && m_view->findChild<AcknowledgeDialog*>()->isVisible());
    QTest::keyClick(m_view->findChild<AcknowledgeDialog*>(), Qt::Key_Escape);
    QCOMPARE(submitted.count(), 1);
}

void tst_AlertBoardView::acknowledgeButtonIsOneAction()
{
    m_model->replaceNode(u"n1"_s, QJsonArray { potassium(3) });
    show(u"nurse"_s, { u"ICU-3"_s });
    QSignalSpy submitted(m_view.get(), &AlertBoardView::actionSubmitted);
    selectFirst();
    // Without a note: one click.
    QTest::mouseClick(m_view->acknowledgeButton(), Qt::LeftButton);
    QCOMPARE(submitted.count(), 1);
    QCOMPARE(lastSubmitted(submitted).body, QJsonObject());
    QVERIFY(m_view->findChild<AcknowledgeDialog*>() == nullptr);
    // With a note: type it, Enter.
    m_model->upsert(u"n1"_s, potassium(4));
    QVERIFY(m_view->selectAlert(u"n1"_s, 4));
    QTest::keyClicks(m_view->noteEdit(), u"on my way"_s);
    QTest::keyClick(m_view->noteEdit(), Qt::Key_Return);
    QCOMPARE(submitted.count(), 2);
    QCOMPARE(lastSubmitted(submitted).path, u"/api/v1/alerts/4/acknowledge"_s);
    QCOMPARE(lastSubmitted(submitted).body, (QJsonObject { { u"note"_s, u"on my way"_s } }));
    QVERIFY(m_view->noteEdit()->text().isEmpty());
}

void tst_AlertBoardView::keyRResolvesWithADisposition()
{
    m_model->replaceNode(u"n1"_s, QJsonArray { potassium(3) });
    show(u"support"_s, {});
    QSignalSpy submitted(m_view.get(), &AlertBoardView::actionSubmitted);
    selectFirst();
    QTest::keyClick(m_view->listView(), Qt::Key_R);
    ResolveDialog* dialog = m_view->findChild<ResolveDialog*>();
    QVERIFY(dialog);
    QTRY_VERIFY(dialog->isVisible());
    // No disposition chosen: nothing to send yet.
    QVERIFY(!dialog->resolveButton()->isEnabled());
    QTest::mouseClick(dialog->resolveButton(), Qt::LeftButton);
    QVERIFY(submitted.isEmpty());
    QCOMPARE(dialog->dispositionBox()->count(), 7);
    dialog->setDisposition(u"false_alarm"_s);
    QVERIFY(dialog->resolveButton()->isEnabled());
    QTest::keyClicks(dialog->noteEdit(), u"haemolysed sample"_s);
    QTest::mouseClick(dialog->resolveButton(), Qt::LeftButton);
    QCOMPARE(submitted.count(), 1);
    const ConsoleAction action = lastSubmitted(submitted);
    QCOMPARE(action.kind, u"alert-resolve"_s);
    QCOMPARE(action.path, u"/api/v1/alerts/3/resolve"_s);
    QCOMPARE(
        action.body, (QJsonObject { { u"disposition"_s, u"false_alarm"_s }, { u"note"_s, u"haemolysed sample"_s } }));
    QCOMPARE(action.user, u"sam"_s);
}

void tst_AlertBoardView::keyEAsksBeforeEscalating()
{
    m_model->replaceNode(u"n1"_s, QJsonArray { potassium(3) });
    show(u"admin"_s, {});
    QSignalSpy submitted(m_view.get(), &AlertBoardView::actionSubmitted);
    selectFirst();
    QTest::keyClick(m_view->listView(), Qt::Key_E);
    QMessageBox* box = m_view->findChild<QMessageBox*>();
    QVERIFY(box);
    QTRY_VERIFY(box->isVisible());
    QVERIFY(submitted.isEmpty());
    box->button(QMessageBox::Cancel)->click();
    QVERIFY(submitted.isEmpty());
    QTRY_VERIFY(m_view->findChild<QMessageBox*>() == nullptr);
    QTest::keyClick(m_view->listView(), Qt::Key_E);
    box = m_view->findChild<QMessageBox*>();
    QVERIFY(box);
    QTRY_VERIFY(box->isVisible());
    QVERIFY(box->defaultButton());
    box->defaultButton()->click();
    QCOMPARE(submitted.count(), 1);
    QCOMPARE(lastSubmitted(submitted).kind, u"alert-escalate"_s);
    QCOMPARE(lastSubmitted(submitted).path, u"/api/v1/alerts/3/escalate"_s);
    QCOMPARE(lastSubmitted(submitted).body, QJsonObject());
}

void tst_AlertBoardView::keysOfAnActionTheRoleCannotTake()
{
    m_model->replaceNode(u"n1"_s, QJsonArray { potassium(3) });
    show(u"nurse"_s, { u"5A"_s });
    QSignalSpy submitted(m_view.get(), &AlertBoardView::actionSubmitted);
    selectFirst();
    for (Qt::Key key : { Qt::Key_A, Qt::Key_R, Qt::Key_E })
        QTest::keyClick(m_view->listView(), key);
    QVERIFY(submitted.isEmpty());
    QVERIFY(m_view->findChild<QDialog*>() == nullptr);
    QVERIFY2(m_view->outcomeText().contains(u"Your role cannot"_s), qPrintable(m_view->outcomeText()));
    // Support may not acknowledge a clinical alert: said, not sent.
    show(u"support"_s, {});
    QTest::keyClick(m_view->listView(), Qt::Key_A);
    QVERIFY(submitted.isEmpty());
    QCOMPARE(m_view->outcomeText(), u"Your role cannot acknowledge this alert."_s);
}

void tst_AlertBoardView::silenceDialogPrefilledFromTheAlert()
{
    SilenceDialog dialog(potassium(3), u"Ward node"_s);
    dialog.setClock([] { return Now; });
    // This rule, this unit, this test: checked. Severity and category: offered, not checked.
    QVERIFY(dialog.matcherBox(u"ruleId"_s)->isChecked());
    QVERIFY(dialog.matcherBox(u"unit"_s)->isChecked());
    QVERIFY(dialog.matcherBox(u"subject"_s)->isChecked());
    QVERIFY(!dialog.matcherBox(u"severity"_s)->isChecked());
    QVERIFY(!dialog.matcherBox(u"category"_s)->isChecked());
    QVERIFY(dialog.matcherBox(u"subject"_s)->text().contains(u"potassium (2823-3)"_s));
    // The reason is required.
    QVERIFY(!dialog.createButton()->isEnabled());
    dialog.setReason(u"analyser recalibration"_s);
    QVERIFY(dialog.createButton()->isEnabled());
    QCOMPARE(dialog.body(),
        (QJsonObject { { u"ruleId"_s, u"critical-result"_s }, { u"unit"_s, u"ICU-3"_s }, { u"subject"_s, u"2823-3"_s },
            { u"reason"_s, u"analyser recalibration"_s }, { u"durationMinutes"_s, 60 } }));
    dialog.setDurationMinutes(30);
    QCOMPARE(dialog.body().value(u"durationMinutes"_s).toInt(), 30);
    dialog.setDurationMinutes(240);
    QCOMPARE(dialog.endsAtMs(), Now + 240 * 60'000);
    const qint64 end = Now + 90 * 60'000;
    dialog.setEnd(end);
    QCOMPARE(dialog.body().value(u"endsAt"_s).toString(), iso(end));
    QVERIFY(!dialog.body().contains(u"durationMinutes"_s));
    // An end in the past, or no matcher: nothing to create.
    dialog.setEnd(Now - 60'000);
    QVERIFY(!dialog.createButton()->isEnabled());
    dialog.setDurationMinutes(60);
    for (const QString& key : SilenceDialog::matcherKeys())
        dialog.setMatcher(key, false);
    QVERIFY(!dialog.createButton()->isEnabled());
    dialog.setMatcher(u"severity"_s, true);
    QVERIFY(dialog.createButton()->isEnabled());
    QCOMPARE(dialog.body().value(u"severity"_s).toString(), u"critical"_s);
    // An operational alert has no unit: that matcher is not offered.
    SilenceDialog ops(labDown(4), u"Ward node"_s);
    QVERIFY(!ops.matcherBox(u"unit"_s)->isEnabled());
    QVERIFY(ops.matcherBox(u"subject"_s)->isChecked());
}

void tst_AlertBoardView::silenceFromTheBoard()
{
    m_model->replaceNode(u"n1"_s, QJsonArray { potassium(3) });
    show(u"nurse"_s, { u"ICU-3"_s });
    selectFirst();
    QVERIFY(!m_view->silenceButton()->isVisible());
    show(u"support"_s, {});
    QVERIFY(m_view->silenceButton()->isVisible());
    QSignalSpy submitted(m_view.get(), &AlertBoardView::actionSubmitted);
    QTest::mouseClick(m_view->silenceButton(), Qt::LeftButton);
    SilenceDialog* dialog = m_view->findChild<SilenceDialog*>();
    QVERIFY(dialog);
    QTRY_VERIFY(dialog->isVisible());
    QTest::keyClicks(dialog->reasonEdit(), u"lab recalibrating"_s);
    QTest::mouseClick(dialog->createButton(), Qt::LeftButton);
    QCOMPARE(submitted.count(), 1);
    const ConsoleAction action = lastSubmitted(submitted);
    QCOMPARE(action.kind, u"silence-create"_s);
    QCOMPARE(action.path, u"/api/v1/silences"_s);
    QCOMPARE(action.target, u"silence"_s);
    QCOMPARE(action.body.value(u"reason"_s).toString(), u"lab recalibrating"_s);
    QCOMPARE(action.body.value(u"ruleId"_s).toString(), u"critical-result"_s);
    QVERIFY(m_view->outcomeText().startsWith(u"PENDING"_s));
}

void tst_AlertBoardView::outcomeShownInPlainWords()
{
    m_model->replaceNode(u"n1"_s, QJsonArray { potassium(3), potassium(4) });
    show(u"nurse"_s, { u"ICU-3"_s });
    QSignalSpy submitted(m_view.get(), &AlertBoardView::actionSubmitted);
    selectFirst();
    QTest::mouseClick(m_view->acknowledgeButton(), Qt::LeftButton);
    ConsoleAction answer = lastSubmitted(submitted);
    // What the queue reports when the node refuses (ops API 4.19, 409 refused).
    answer.state = ConsoleAction::State::Refused;
    answer.httpStatus = 409;
    answer.outcome = u"already acknowledged by olaf at "_s
        + iso(QDateTime(QDate(2026, 11, 27), QTime(2, 58), Qt::LocalTime).toMSecsSinceEpoch());
    emit m_queue->actionChanged(answer);
    QVERIFY2(m_view->outcomeText().startsWith(u"Not acknowledged: Already acknowledged by olaf at 02:58"_s),
        qPrintable(m_view->outcomeText()));
    // Applied: said as done, once the node said so.
    QVERIFY(m_view->selectAlert(u"n1"_s, 4));
    QTest::mouseClick(m_view->acknowledgeButton(), Qt::LeftButton);
    answer = lastSubmitted(submitted);
    answer.state = ConsoleAction::State::Applied;
    answer.httpStatus = 200;
    emit m_queue->actionChanged(answer);
    QVERIFY2(m_view->outcomeText().startsWith(u"Acknowledged \u201cCritical potassium"_s),
        qPrintable(m_view->outcomeText()));
    // Someone else's action on the same queue is not this panel's business.
    ConsoleAction other = answer;
    other.key = u"someone-else"_s;
    other.state = ConsoleAction::State::Refused;
    other.outcome = u"nope"_s;
    emit m_queue->actionChanged(other);
    QVERIFY(m_view->outcomeText().startsWith(u"Acknowledged"_s));
}

void tst_AlertBoardView::openTrace()
{
    m_model->replaceNode(u"n1"_s, QJsonArray { potassium(3), labDown(4) });
    show(u"nurse"_s, { u"ICU-3"_s });
    QSignalSpy trace(m_view.get(), &AlertBoardView::traceRequested);
    selectFirst();
    QTest::mouseClick(m_view->traceButton(), Qt::LeftButton);
    QCOMPARE(trace.count(), 1);
    QCOMPARE(trace.at(0).at(0).toString(), u"n1"_s);
    QCOMPARE(trace.at(0).at(1).toString(), u"01a21a0c8b5e4f2d9d1c3b7a6e5f4d3d"_s);
    // An alert without messages behind it has no trace to open.
    QVERIFY(m_view->selectAlert(u"n1"_s, 4));
    QVERIFY(!m_view->traceButton()->isEnabled());
}

QTEST_MAIN(tst_AlertBoardView)
#include "tst_alertboardview.moc"
