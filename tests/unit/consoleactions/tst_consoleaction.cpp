// ConsoleAction's state and hold names: they are what the action store keeps on disk and what the
// list model hands to views, so each must survive the round trip, and an unknown name must never
// turn a waiting action into a finished one.
#include "models/console/ConsoleAction.h"

#include <QTest>

Q_DECLARE_METATYPE(ConsoleAction::State)
Q_DECLARE_METATYPE(ConsoleAction::Hold)

using State = ConsoleAction::State;
using Hold = ConsoleAction::Hold;

class tst_ConsoleAction : public QObject
{
    Q_OBJECT

private slots:
    void stateNames_data();
    void stateNames();
    void unknownStateStaysPending_data();
    void unknownStateStaysPending();
    void holdNames_data();
    void holdNames();
    void pendingAndFinished();
};

void tst_ConsoleAction::stateNames_data()
{
    QTest::addColumn<State>("state");
    QTest::addColumn<QString>("name");
    QTest::addRow("pending") << State::Pending << QStringLiteral("pending");
    QTest::addRow("applied") << State::Applied << QStringLiteral("applied");
    QTest::addRow("refused") << State::Refused << QStringLiteral("refused");
    QTest::addRow("discarded") << State::Discarded << QStringLiteral("discarded");
}

void tst_ConsoleAction::stateNames()
{
    QFETCH(State, state);
    QFETCH(QString, name);
    QCOMPARE(ConsoleAction::stateName(state), name);
    QCOMPARE(ConsoleAction::stateFromName(name), state);
}

void tst_ConsoleAction::unknownStateStaysPending_data()
{
    QTest::addColumn<QString>("name");
    QTest::addRow("empty") << QString();
    QTest::addRow("future state") << QStringLiteral("superseded");
    QTest::addRow("wrong case") << QStringLiteral("Applied");
}

void tst_ConsoleAction::unknownStateStaysPending()
{
    QFETCH(QString, name);
    QCOMPARE(ConsoleAction::stateFromName(name), State::Pending);
}

void tst_ConsoleAction::holdNames_data()
{
    QTest::addColumn<Hold>("hold");
    QTest::addColumn<QString>("name");
    QTest::addRow("none") << Hold::None << QString();
    QTest::addRow("other user") << Hold::OtherUser << QStringLiteral("other-user");
    QTest::addRow("key expired") << Hold::KeyExpired << QStringLiteral("key-expired");
}

void tst_ConsoleAction::holdNames()
{
    QFETCH(Hold, hold);
    QFETCH(QString, name);
    QCOMPARE(ConsoleAction::holdName(hold), name);
    QCOMPARE(ConsoleAction::holdFromName(name), hold);
}

void tst_ConsoleAction::pendingAndFinished()
{
    ConsoleAction a;
    QVERIFY(a.isPending());
    QVERIFY(!a.isFinished());
    for (State s : {State::Applied, State::Refused, State::Discarded}) {
        a.state = s;
        QVERIFY2(!a.isPending(), qPrintable(ConsoleAction::stateName(s)));
        QVERIFY(a.isFinished());
    }
}

QTEST_GUILESS_MAIN(tst_ConsoleAction)
#include "tst_consoleaction.moc"
