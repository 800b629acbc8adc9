// Unit tests of the Prometheus text exposition (format 0.0.4).
#include "node/metrics/MetricsRegistry.h"

#include <QTest>

class tst_MetricsRegistry : public QObject
{
    Q_OBJECT

private slots:
    void countersAndGauges();
    void histogramBucketsAreCumulative();
    void labelValuesAreEscaped();
    void collectorsRunAtRender();
    void seriesKeysCountTheSameSeries();
};

void tst_MetricsRegistry::countersAndGauges()
{
    MetricsRegistry r;
    r.declareCounter("vigil_x_total", "Things.");
    r.declareGauge("vigil_depth", "Depth.");
    r.add("vigil_x_total", {{"channel", QStringLiteral("a")}});
    r.add("vigil_x_total", {{"channel", QStringLiteral("a")}}, 2);
    r.set("vigil_depth", {}, 7);
    const QByteArray text = r.render();
    QVERIFY(text.contains("# HELP vigil_x_total Things.\n# TYPE vigil_x_total counter\nvigil_x_total{channel=\"a\"} 3\n"));
    QVERIFY(text.contains("# TYPE vigil_depth gauge\nvigil_depth 7\n"));
    QCOMPARE(r.value("vigil_x_total", {{"channel", QStringLiteral("a")}}), 3.0);
}

void tst_MetricsRegistry::histogramBucketsAreCumulative()
{
    MetricsRegistry r;
    r.declareHistogram("vigil_latency_seconds", "Latency.", {0.01, 0.1, 1});
    for (double v : {0.005, 0.05, 0.5, 5.0})
        r.observe("vigil_latency_seconds", {}, v);
    const QByteArray text = r.render();
    QVERIFY2(text.contains("vigil_latency_seconds_bucket{le=\"0.01\"} 1\n"), text.constData());
    QVERIFY(text.contains("vigil_latency_seconds_bucket{le=\"0.1\"} 2\n"));
    QVERIFY(text.contains("vigil_latency_seconds_bucket{le=\"1\"} 3\n"));
    QVERIFY(text.contains("vigil_latency_seconds_bucket{le=\"+Inf\"} 4\n"));
    QVERIFY(text.contains("vigil_latency_seconds_sum 5.555\n"));
    QVERIFY(text.contains("vigil_latency_seconds_count 4\n"));
    QCOMPARE(r.histogramCount("vigil_latency_seconds", {}), 4u);
}

void tst_MetricsRegistry::labelValuesAreEscaped()
{
    MetricsRegistry r;
    r.declareCounter("vigil_e_total", "Help with \\ and\nnewline.");
    r.add("vigil_e_total", {{"reason", QStringLiteral("a\"b\\c\nd")}});
    const QByteArray text = r.render();
    QVERIFY2(text.contains("vigil_e_total{reason=\"a\\\"b\\\\c\\nd\"} 1\n"), text.constData());
    QVERIFY(text.contains("# HELP vigil_e_total Help with \\\\ and\\nnewline.\n"));
}

void tst_MetricsRegistry::collectorsRunAtRender()
{
    MetricsRegistry r;
    r.declareGauge("vigil_live", "Live.");
    int calls = 0;
    r.addCollector([&calls](MetricsRegistry& reg) { reg.set("vigil_live", {}, ++calls); });
    QVERIFY(r.render().contains("vigil_live 1\n"));
    QVERIFY(r.render().contains("vigil_live 2\n"));
}

void tst_MetricsRegistry::seriesKeysCountTheSameSeries()
{
    MetricsRegistry r;
    r.declareCounter("vigil_k_total", "Keyed.");
    r.declareHistogram("vigil_k_seconds", "Keyed latency.", {0.5});
    const MetricLabels labels{{"channel", QStringLiteral("a\"b")}, {"code", QStringLiteral("AA")}};
    r.add("vigil_k_total", labels);
    r.add(MetricsRegistry::series("vigil_k_total", labels), 2);
    QCOMPARE(r.value("vigil_k_total", labels), 3.0);
    r.observe(MetricsRegistry::series("vigil_k_seconds", labels), 0.25);
    r.observe("vigil_k_seconds", labels, 0.75);
    QCOMPARE(r.histogramCount("vigil_k_seconds", labels), 2u);
    QVERIFY(r.render().contains("vigil_k_seconds_bucket{channel=\"a\\\"b\",code=\"AA\",le=\"0.5\"} 1"));
}

QTEST_GUILESS_MAIN(tst_MetricsRegistry)
#include "tst_metricsregistry.moc"
