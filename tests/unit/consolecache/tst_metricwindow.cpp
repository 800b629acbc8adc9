#include "models/console/MetricWindow.h"

#include <QTest>

#include <algorithm>
#include <cmath>
#include <limits>

class tst_MetricWindow : public QObject
{
    Q_OBJECT

private:
    static QList<qint64> times(const QList<QPointF>& points)
    {
        QList<qint64> result;
        for (const QPointF& p : points)
            result.append(qint64(p.x()));
        return result;
    }

private slots:
    void appendAndWindowAll()
    {
        MetricWindow w(100);
        QVERIFY(w.isEmpty());
        for (int i = 0; i < 10; ++i)
            w.append(1000 + i * 1000, i * 1.5);
        QCOMPARE(w.size(), 10);
        QCOMPARE(w.firstTimeMs(), 1000);
        QCOMPARE(w.lastTimeMs(), 10000);
        const QList<QPointF> points = w.window(0, 1'000'000, 0);
        QCOMPARE(points.size(), 10);
        for (int i = 0; i < 10; ++i) {
            QCOMPARE(points.at(i).x(), double(1000 + i * 1000));
            QCOMPARE(points.at(i).y(), i * 1.5);
        }
    }

    void windowBounds_data()
    {
        QTest::addColumn<qint64>("from");
        QTest::addColumn<qint64>("to");
        QTest::addColumn<QList<qint64>>("expected");
        // Samples at 10, 20, ..., 100.
        QTest::addRow("inclusive both ends") << qint64(20) << qint64(40) << QList<qint64>{20, 30, 40};
        QTest::addRow("between samples") << qint64(21) << qint64(49) << QList<qint64>{30, 40};
        QTest::addRow("before all") << qint64(0) << qint64(9) << QList<qint64>{};
        QTest::addRow("after all") << qint64(101) << qint64(500) << QList<qint64>{};
        QTest::addRow("one point") << qint64(100) << qint64(100) << QList<qint64>{100};
        QTest::addRow("reversed range") << qint64(50) << qint64(20) << QList<qint64>{};
        QTest::addRow("everything") << std::numeric_limits<qint64>::min() / 2 << std::numeric_limits<qint64>::max() / 2
                                    << QList<qint64>{10, 20, 30, 40, 50, 60, 70, 80, 90, 100};
    }

    void windowBounds()
    {
        QFETCH(qint64, from);
        QFETCH(qint64, to);
        QFETCH(QList<qint64>, expected);
        MetricWindow w(8); // wrapped: -10 to 20 are dropped
        for (qint64 t = -10; t <= 100; t += 10)
            w.append(t, double(t));
        QCOMPARE(w.size(), 8);
        // the ring wrapped, so the first two of the expected list may be gone
        expected.removeIf([](qint64 t) { return t < 30; });
        QCOMPARE(times(w.window(from, to, 0)), expected);
    }

    void capacityDropsOldest()
    {
        MetricWindow w(5);
        for (int i = 1; i <= 8; ++i)
            w.append(i, i);
        QCOMPARE(w.size(), 5);
        QCOMPARE(w.capacity(), 5);
        QCOMPARE(times(w.window(0, 100, 0)), (QList<qint64>{4, 5, 6, 7, 8}));

        w.setCapacity(3);
        QCOMPARE(times(w.window(0, 100, 0)), (QList<qint64>{6, 7, 8}));

        w.setCapacity(6);
        for (int i = 9; i <= 13; ++i)
            w.append(i, i);
        QCOMPARE(w.size(), 6);
        QCOMPARE(times(w.window(0, 100, 0)), (QList<qint64>{8, 9, 10, 11, 12, 13}));

        w.setCapacity(0); // clamped to 1
        QCOMPARE(w.capacity(), 1);
        QCOMPARE(times(w.window(0, 100, 0)), (QList<qint64>{13}));

        w.clear();
        QVERIFY(w.isEmpty());
        QVERIFY(w.window(0, 100, 0).isEmpty());
        w.append(5, 1);
        QCOMPARE(w.size(), 1);
    }

    void outOfOrderSamplesAreInsertedInPlace()
    {
        MetricWindow w(4);
        w.append(10, 1);
        w.append(30, 3);
        w.append(20, 2);
        QCOMPARE(times(w.window(0, 100, 0)), (QList<qint64>{10, 20, 30}));
        w.append(40, 4);
        w.append(50, 5); // full, wraps: 10 dropped
        w.append(35, 3.5); // full: inserted, oldest (20) dropped
        QCOMPARE(times(w.window(0, 100, 0)), (QList<qint64>{30, 35, 40, 50}));
        w.append(5, 0); // older than everything in a full buffer: ignored
        QCOMPARE(times(w.window(0, 100, 0)), (QList<qint64>{30, 35, 40, 50}));
        QCOMPARE(w.window(35, 35, 0).first().y(), 3.5);
    }

    void downSamplingKeepsMinAndMax()
    {
        const int n = 100'000;
        MetricWindow w(n);
        double globalMin = std::numeric_limits<double>::max();
        double globalMax = std::numeric_limits<double>::lowest();
        QList<double> values;
        for (int i = 0; i < n; ++i) {
            double v = std::sin(i / 500.0) * 10.0;
            if (i == 12'345)
                v = 1000.0; // a one-sample spike
            if (i == 77'777)
                v = -500.0; // a one-sample dip
            values.append(v);
            globalMin = std::min(globalMin, v);
            globalMax = std::max(globalMax, v);
            w.append(i, v);
        }
        const int maxPoints = 400;
        const QList<QPointF> points = w.window(0, n - 1, maxPoints);
        QVERIFY(points.size() <= maxPoints);
        QVERIFY(points.size() >= maxPoints / 2);
        QVERIFY(std::is_sorted(points.cbegin(), points.cend(),
                               [](const QPointF& a, const QPointF& b) { return a.x() < b.x(); }));

        // Every bucket's own min and max are in the output.
        const int buckets = maxPoints / 2;
        const double width = double(n) / buckets;
        for (int b = 0; b < buckets; ++b) {
            const int first = int(std::ceil(b * width));
            const int end = std::min(n, int(std::ceil((b + 1) * width)));
            const auto [lo, hi] = std::minmax_element(values.cbegin() + first, values.cbegin() + end);
            const auto has = [&](double v) {
                return std::any_of(points.cbegin(), points.cend(), [&](const QPointF& p) {
                    return p.y() == v && p.x() >= first && p.x() < end;
                });
            };
            QVERIFY2(has(*lo), qPrintable(QStringLiteral("bucket %1 lost its minimum").arg(b)));
            QVERIFY2(has(*hi), qPrintable(QStringLiteral("bucket %1 lost its maximum").arg(b)));
        }
        const auto [minIt, maxIt] = std::minmax_element(points.cbegin(), points.cend(),
                                                        [](const QPointF& a, const QPointF& b) { return a.y() < b.y(); });
        QCOMPARE(minIt->y(), globalMin);
        QCOMPARE(minIt->x(), 77'777.0);
        QCOMPARE(maxIt->y(), globalMax);
        QCOMPARE(maxIt->x(), 12'345.0);
    }

    void downSamplingLeavesGapsEmpty()
    {
        MetricWindow w(1000);
        for (int i = 0; i < 100; ++i)
            w.append(i, i);
        for (int i = 900; i < 1000; ++i)
            w.append(i, i);
        const QList<QPointF> points = w.window(0, 999, 20); // 10 buckets of 100 ms
        QCOMPARE(points.size(), 4); // two buckets with data, min and max each
        QCOMPARE(times(points), (QList<qint64>{0, 99, 900, 999}));
    }

    void fewerSamplesThanMaxPointsAreReturnedAsIs()
    {
        MetricWindow w;
        for (int i = 0; i < 50; ++i)
            w.append(i * 1000, i % 7);
        QCOMPARE(w.window(0, 49'000, 100).size(), 50);
        QCOMPARE(w.window(0, 49'000, 50).size(), 50);
        QVERIFY(w.window(0, 49'000, 10).size() <= 10);
    }
};

QTEST_GUILESS_MAIN(tst_MetricWindow)
#include "tst_metricwindow.moc"
