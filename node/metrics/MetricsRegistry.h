#pragma once

#include <QByteArray>
#include <QList>
#include <QMap>
#include <QString>

#include <functional>
#include <mutex>

/// Labels of one series, in a fixed order ({"channel","hl7-in"}, ...). Never IDs, never PHI
/// (SEMANTICS.md 4.3): only channel, destination, code, stage, reason, outcome.
using MetricLabels = QList<std::pair<QByteArray, QString>>;

/// One series (family name and labels rendered once), for hot paths: add() and observe() through
/// it build no label string per event (the MLLP channel counts several series per message).
struct MetricSeries
{
    QByteArray name;
    QByteArray renderedLabels;
};

/// Counters, gauges and histograms rendered in the Prometheus text format 0.0.4. Thread-safe.
/// Families are declared once (name, help, type); series appear as they are touched, and declared
/// series start at 0 so a rate is defined before the first event.
class MetricsRegistry
{
public:
    void declareCounter(const QByteArray& name, const QByteArray& help);
    void declareGauge(const QByteArray& name, const QByteArray& help);
    void declareHistogram(const QByteArray& name, const QByteArray& help, QList<double> upperBounds);

    void add(const QByteArray& name, const MetricLabels& labels, double delta = 1);
    void set(const QByteArray& name, const MetricLabels& labels, double value);
    void observe(const QByteArray& name, const MetricLabels& labels, double value);
    static MetricSeries series(const QByteArray& name, const MetricLabels& labels) { return {name, labelString(labels)}; }
    void add(const MetricSeries& series, double delta = 1);
    void observe(const MetricSeries& series, double value);
    /// Called at render time to refresh gauges that are cheaper to read than to track.
    void addCollector(std::function<void(MetricsRegistry&)> collector);

    double value(const QByteArray& name, const MetricLabels& labels) const;
    quint64 histogramCount(const QByteArray& name, const MetricLabels& labels) const;
    QByteArray render();

    static QByteArray contentType() { return QByteArrayLiteral("text/plain; version=0.0.4; charset=utf-8"); }

private:
    struct Histogram
    {
        QList<quint64> buckets;
        double sum = 0;
        quint64 count = 0;
    };
    struct Family
    {
        QByteArray help;
        QByteArray type;
        QList<double> bounds;
        QMap<QByteArray, double> values;             ///< rendered label string -> value
        QMap<QByteArray, Histogram> histograms;
    };
    static QByteArray labelString(const MetricLabels& labels);

    mutable std::recursive_mutex m_mutex;
    QMap<QByteArray, Family> m_families;
    QList<QByteArray> m_order;
    QList<std::function<void(MetricsRegistry&)>> m_collectors;
};
