#pragma once

#include "ui/charts/MetricChart.h"

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QPointF>
#include <QString>
#include <QWidget>

#include <memory>

class AttentionDelegate;
class MetricWindow;
class OverviewFilterProxy;
class OverviewModel;
class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QTimer;
class QToolButton;
class QTreeView;

/// The console's overview (DESIGN.md 5): every node, channel and destination of an OverviewModel in
/// a sortable, filterable tree, rows that need attention marked by icon, reason text and tint, a
/// "cached — as of 14:02" banner while any node's figures come from the cache, and two live charts
/// (queue depth, throughput) of the selected row.
///
/// Wiring (the shell; the view does no network or disk I/O):
///  - setModel() once; keep calling OverviewModel::applyStats() as stats arrive.
///  - Feed the charts with appendStats(nodeId, stats) for every stats object (ops API 4.3), or with
///    appendSample() per endpoint. Only the selected row and a few recently selected ones keep live
///    samples (kTrackedKeys), so a fleet of 1000 endpoints costs no chart memory.
///  - Answer historyRequested(key, fromMs, toMs) with setHistory(key, queueDepth, throughput): the
///    node's stats history (4.4; queueDepth and drainRatePerSec or arrivalRatePerSec) for the last
///    hour, the cache beyond. Keys come from metricKey(); splitMetricKey() takes them apart.
class OverviewView : public QWidget
{
    Q_OBJECT

public:
    /// How many endpoints keep live samples for their charts (the selected one and the ones selected
    /// just before it).
    static constexpr int kTrackedKeys = 8;

    explicit OverviewView(QWidget* parent = nullptr);
    ~OverviewView() override;

    /// The model shown (not owned). Nodes are expanded as they appear.
    void setModel(OverviewModel* model);
    OverviewModel* model() const { return m_model; }

    /// "nodeId/kind/name": kind is "node" (name empty: the node's aggregates), "channel" or
    /// "destination".
    static QString metricKey(const QString& nodeId, const QString& kind, const QString& name);
    static bool splitMetricKey(const QString& key, QString* nodeId, QString* kind, QString* name);

    /// One sample for the charts of `key`. Throughput is arrivals per second for channels,
    /// deliveries per second for destinations, arrivals for a node. Ignored unless `key` is tracked.
    void appendSample(const QString& key, qint64 atMs, double queueDepth, double throughputPerSec);
    /// Every endpoint's sample out of one stats object (ops API 4.3), plus the node's aggregate
    /// (queued = sum of destination queues, throughput = sum of channel arrivals).
    void appendStats(const QString& nodeId, const QJsonObject& stats);
    /// Older points for the charts of `key` (x = ms since the epoch), answering historyRequested().
    void setHistory(const QString& key, const QList<QPointF>& queueDepth, const QList<QPointF>& throughput);

    /// The key of the row the charts show; empty when nothing is selected.
    QString currentKey() const { return m_currentKey; }
    /// Selects (and shows in the charts) a row of the model; false when it is not there / filtered out.
    bool selectRow(const QString& nodeId, const QString& kind, const QString& name);

    void setNodeFilter(const QString& nodeId);
    void setNameFilter(const QString& text);
    void setAttentionOnly(bool attentionOnly);

    /// The banner's text; empty when no node's figures are cached.
    QString cachedBannerText() const;

    QTreeView* treeView() const { return m_tree; }
    OverviewFilterProxy* proxyModel() const { return m_proxy; }
    MetricChart* queueChart() const { return m_queueChart; }
    MetricChart* throughputChart() const { return m_throughputChart; }

public slots:
    /// Keyboard: puts the cursor into the name filter.
    void focusFilter();
    void setRange(MetricChart::Range range);
    void setPaused(bool paused);
    void resetZoom();

signals:
    /// Chart points of `key` between fromMs and toMs are needed: answer with setHistory().
    void historyRequested(const QString& key, qint64 fromMs, qint64 toMs);
    /// The selected row changed (key empty: none).
    void currentKeyChanged(const QString& key);

private:
    struct Track
    {
        std::shared_ptr<MetricWindow> queueDepth; // shared: QHash values must be copyable
        std::shared_ptr<MetricWindow> throughput;
        quint64 lastUsed = 0;
    };

    void onCurrentChanged(const QModelIndex& current);
    void showKey(const QString& key);
    Track* track(const QString& key, bool create);
    void scheduleBannerUpdate();
    void updateBanner();
    void updateNodeFilterBox();
    void onRowsInserted(const QModelIndex& parent, int first, int last);

    OverviewModel* m_model = nullptr;
    OverviewFilterProxy* m_proxy = nullptr;
    AttentionDelegate* m_delegate = nullptr;
    QTreeView* m_tree = nullptr;
    QLineEdit* m_nameFilter = nullptr;
    QComboBox* m_nodeBox = nullptr;
    QCheckBox* m_attentionBox = nullptr;
    QWidget* m_banner = nullptr;
    QLabel* m_bannerText = nullptr;
    QLabel* m_chartTitle = nullptr;
    QToolButton* m_pauseButton = nullptr;
    QComboBox* m_rangeBox = nullptr;
    MetricChart* m_queueChart = nullptr;
    MetricChart* m_throughputChart = nullptr;
    QTimer* m_bannerTimer = nullptr;

    QHash<QString, Track> m_tracks;
    quint64 m_useCounter = 0;
    QString m_currentKey;
    QString m_bannerCache;
};
