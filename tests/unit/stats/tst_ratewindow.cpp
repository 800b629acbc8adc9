// Unit tests of RateWindow: counter readings to a rate per second over a sliding window.
#include "node/stats/RateWindow.h"

#include <QTest>

class tst_RateWindow : public QObject
{
    Q_OBJECT

private slots:
    void noRateBeforeTwoReadings();
    void steadyRate_data();
    void steadyRate();
    void spansTheWholeWindow();
    void counterResetRestarts();
    void clockGoingBackRestarts();
    void sameInstantReplacesReading();
};

void tst_RateWindow::noRateBeforeTwoReadings()
{
    RateWindow w(10000);
    QCOMPARE(w.rate(), 0.0);
    QCOMPARE(w.add(1000, 50), 0.0);
    QCOMPARE(w.add(2000, 60), 10.0);
}

void tst_RateWindow::steadyRate_data()
{
    QTest::addColumn<qint64>("stepMs");
    QTest::addColumn<qint64>("perStep");
    QTest::addColumn<double>("expected");
    QTest::addRow("5 per second") << qint64(1000) << qint64(5) << 5.0;
    QTest::addRow("1 per 2 s") << qint64(2000) << qint64(1) << 0.5;
    QTest::addRow("300 per 250 ms") << qint64(250) << qint64(300) << 1200.0;
    QTest::addRow("idle") << qint64(1000) << qint64(0) << 0.0;
}

void tst_RateWindow::steadyRate()
{
    QFETCH(qint64, stepMs);
    QFETCH(qint64, perStep);
    QFETCH(double, expected);
    RateWindow w(10000);
    qint64 total = 0;
    double r = -1;
    for (int i = 0; i < 100; ++i) {
        r = w.add(1'700'000'000'000 + i * stepMs, total);
        total += perStep;
    }
    QCOMPARE(r, expected);
}

void tst_RateWindow::spansTheWholeWindow()
{
    // 10 s of 10/s then silence: the rate falls linearly as the busy seconds leave the window.
    RateWindow w(10000);
    qint64 t = 0;
    qint64 total = 0;
    for (int i = 0; i <= 10; ++i, t += 1000, total += 10)
        w.add(t, total);
    total -= 10; // the last increment was not read
    QCOMPARE(w.rate(), 10.0);
    for (int quiet = 1; quiet <= 10; ++quiet, t += 1000) {
        const double r = w.add(t, total);
        QCOMPARE(r, 10.0 * (10 - quiet) / 10.0);
    }
    QCOMPARE(w.add(t, total), 0.0);
}

void tst_RateWindow::counterResetRestarts()
{
    RateWindow w(10000);
    w.add(0, 100);
    QCOMPARE(w.add(1000, 200), 100.0);
    QCOMPARE(w.add(2000, 5), 0.0); // the counter started again: no negative rate
    QCOMPARE(w.add(3000, 15), 10.0);
}

void tst_RateWindow::clockGoingBackRestarts()
{
    RateWindow w(10000);
    w.add(10000, 0);
    QCOMPARE(w.add(11000, 10), 10.0);
    QCOMPARE(w.add(5000, 20), 0.0);
    QCOMPARE(w.add(6000, 22), 2.0);
}

void tst_RateWindow::sameInstantReplacesReading()
{
    RateWindow w(10000);
    w.add(0, 0);
    w.add(1000, 5);
    QCOMPARE(w.add(1000, 8), 8.0);
}

QTEST_GUILESS_MAIN(tst_RateWindow)
#include "tst_ratewindow.moc"
