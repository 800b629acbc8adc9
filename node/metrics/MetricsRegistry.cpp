#include "node/metrics/MetricsRegistry.h"

#include <cmath>

namespace {

QByteArray formatNumber(double v)
{
    if (std::isnan(v))
        return QByteArrayLiteral("NaN");
    if (std::isinf(v))
        return v > 0 ? QByteArrayLiteral("+Inf") : QByteArrayLiteral("-Inf");
    if (v == std::floor(v) && std::fabs(v) < 1e15)
        return QByteArray::number(qint64(v));
    return QByteArray::number(v, 'g', 12);
}

QByteArray escapeLabelValue(const QString& value)
{
    QByteArray out;
    for (char c : value.toUtf8()) {
        if (c == '\\')
            out += "\\\\";
        else if (c == '"')
            out += "\\\"";
        else if (c == '\n')
            out += "\\n";
        else
            out += c;
    }
    return out;
}

QByteArray withLabel(const QByteArray& labels, const QByteArray& extra)
{
    if (labels.isEmpty())
        return '{' + extra + '}';
    return labels.left(labels.size() - 1) + ',' + extra + '}';
}

} // namespace

QByteArray MetricsRegistry::labelString(const MetricLabels& labels)
{
    if (labels.isEmpty())
        return {};
    QByteArray out = "{";
    for (qsizetype i = 0; i < labels.size(); ++i) {
        if (i)
            out += ',';
        out += labels[i].first + "=\"" + escapeLabelValue(labels[i].second) + '"';
    }
    return out + '}';
}

void MetricsRegistry::declareCounter(const QByteArray& name, const QByteArray& help)
{
    std::lock_guard lock(m_mutex);
    if (!m_families.contains(name))
        m_order.append(name);
    m_families[name] = Family{help, QByteArrayLiteral("counter"), {}, {}, {}};
}

void MetricsRegistry::declareGauge(const QByteArray& name, const QByteArray& help)
{
    std::lock_guard lock(m_mutex);
    if (!m_families.contains(name))
        m_order.append(name);
    m_families[name] = Family{help, QByteArrayLiteral("gauge"), {}, {}, {}};
}

void MetricsRegistry::declareHistogram(const QByteArray& name, const QByteArray& help, QList<double> upperBounds)
{
    std::lock_guard lock(m_mutex);
    if (!m_families.contains(name))
        m_order.append(name);
    std::sort(upperBounds.begin(), upperBounds.end());
    m_families[name] = Family{help, QByteArrayLiteral("histogram"), upperBounds, {}, {}};
}

void MetricsRegistry::add(const QByteArray& name, const MetricLabels& labels, double delta)
{
    add(series(name, labels), delta);
}

void MetricsRegistry::add(const MetricSeries& series, double delta)
{
    std::lock_guard lock(m_mutex);
    auto it = m_families.find(series.name);
    Q_ASSERT(it != m_families.end());
    if (it != m_families.end())
        it->values[series.renderedLabels] += delta;
}

void MetricsRegistry::set(const QByteArray& name, const MetricLabels& labels, double value)
{
    std::lock_guard lock(m_mutex);
    auto it = m_families.find(name);
    Q_ASSERT(it != m_families.end());
    if (it != m_families.end())
        it->values[labelString(labels)] = value;
}

void MetricsRegistry::observe(const QByteArray& name, const MetricLabels& labels, double value)
{
    observe(series(name, labels), value);
}

void MetricsRegistry::observe(const MetricSeries& series, double value)
{
    std::lock_guard lock(m_mutex);
    auto it = m_families.find(series.name);
    Q_ASSERT(it != m_families.end());
    if (it == m_families.end())
        return;
    Histogram& h = it->histograms[series.renderedLabels];
    if (h.buckets.isEmpty())
        h.buckets.resize(it->bounds.size(), 0);
    for (qsizetype i = 0; i < it->bounds.size(); ++i) {
        if (value <= it->bounds[i])
            ++h.buckets[i];
    }
    h.sum += value;
    ++h.count;
}

void MetricsRegistry::addCollector(std::function<void(MetricsRegistry&)> collector)
{
    std::lock_guard lock(m_mutex);
    m_collectors.append(std::move(collector));
}

double MetricsRegistry::value(const QByteArray& name, const MetricLabels& labels) const
{
    std::lock_guard lock(m_mutex);
    const auto it = m_families.constFind(name);
    return it == m_families.cend() ? 0 : it->values.value(labelString(labels), 0);
}

quint64 MetricsRegistry::histogramCount(const QByteArray& name, const MetricLabels& labels) const
{
    std::lock_guard lock(m_mutex);
    const auto it = m_families.constFind(name);
    return it == m_families.cend() ? 0 : it->histograms.value(labelString(labels)).count;
}

QByteArray MetricsRegistry::render()
{
    std::lock_guard lock(m_mutex);
    for (const auto& collector : std::as_const(m_collectors))
        collector(*this);
    QByteArray out;
    out.reserve(8192);
    for (const QByteArray& name : std::as_const(m_order)) {
        const Family& f = m_families[name];
        QByteArray help = f.help;
        help.replace('\\', "\\\\").replace('\n', "\\n");
        out += "# HELP " + name + ' ' + help + '\n';
        out += "# TYPE " + name + ' ' + f.type + '\n';
        if (f.type == "histogram") {
            for (auto it = f.histograms.cbegin(); it != f.histograms.cend(); ++it) {
                for (qsizetype i = 0; i < f.bounds.size(); ++i) {
                    out += name + "_bucket" + withLabel(it.key(), "le=\"" + formatNumber(f.bounds[i]) + '"') + ' '
                        + QByteArray::number(it->buckets.value(i)) + '\n';
                }
                out += name + "_bucket" + withLabel(it.key(), "le=\"+Inf\"") + ' ' + QByteArray::number(it->count)
                    + '\n';
                out += name + "_sum" + it.key() + ' ' + formatNumber(it->sum) + '\n';
                out += name + "_count" + it.key() + ' ' + QByteArray::number(it->count) + '\n';
            }
        } else {
            for (auto it = f.values.cbegin(); it != f.values.cend(); ++it)
                out += name + it.key() + ' ' + formatNumber(it.value()) + '\n';
        }
    }
    return out;
}
