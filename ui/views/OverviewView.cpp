#include "ui/views/OverviewView.h"

#include "models/console/MetricWindow.h"
#include "models/console/OverviewModel.h"
#include "ui/delegates/AttentionDelegate.h"
#include "ui/views/OverviewFilterProxy.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateTime>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QSplitter>
#include <QStyle>
#include <QTimer>
#include <QToolButton>
#include <QTreeView>
#include <QVBoxLayout>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace {

QString asOfText(qint64 ms)
{
    const QDateTime at = QDateTime::fromMSecsSinceEpoch(ms);
    // "14:02" today; older data says which day, so nobody mistakes it for this afternoon's.
    if (at.date() == QDate::currentDate())
        return at.toString(u"HH:mm"_s);
    return at.toString(u"yyyy-MM-dd HH:mm"_s);
}

} // namespace

OverviewView::OverviewView(QWidget* parent)
    : QWidget(parent)
{
    m_proxy = new OverviewFilterProxy(this);
    m_delegate = new AttentionDelegate(this);

    // Filter bar.
    m_nameFilter = new QLineEdit(this);
    m_nameFilter->setPlaceholderText(tr("Filter by name"));
    m_nameFilter->setClearButtonEnabled(true);
    m_nameFilter->setAccessibleName(tr("Filter by name"));
    connect(m_nameFilter, &QLineEdit::textChanged, m_proxy, &OverviewFilterProxy::setNameFilter);
    m_nodeBox = new QComboBox(this);
    m_nodeBox->addItem(tr("All nodes"), QString());
    m_nodeBox->setAccessibleName(tr("Node"));
    m_nodeBox->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    connect(m_nodeBox, &QComboBox::currentIndexChanged, this,
            [this](int index) { m_proxy->setNodeFilter(m_nodeBox->itemData(index).toString()); });
    m_attentionBox = new QCheckBox(tr("Needs &attention only"), this);
    connect(m_attentionBox, &QCheckBox::toggled, m_proxy, &OverviewFilterProxy::setAttentionOnly);
    auto* nodeLabel = new QLabel(tr("&Node:"), this);
    nodeLabel->setBuddy(m_nodeBox);
    auto* filterBar = new QHBoxLayout;
    filterBar->addWidget(m_nameFilter, 2);
    filterBar->addWidget(nodeLabel);
    filterBar->addWidget(m_nodeBox, 1);
    filterBar->addWidget(m_attentionBox);

    // "Cached — as of" banner: said in words, with an icon, not only by greying out.
    m_banner = new QWidget(this);
    m_banner->setObjectName(u"cachedBanner"_s);
    m_banner->setAutoFillBackground(true);
    {
        QPalette pal = m_banner->palette();
        pal.setColor(QPalette::Window, pal.color(QPalette::ToolTipBase));
        pal.setColor(QPalette::WindowText, pal.color(QPalette::ToolTipText));
        m_banner->setPalette(pal);
    }
    auto* bannerIcon = new QLabel(m_banner);
    const int iconSide = fontMetrics().height();
    bannerIcon->setPixmap(style()->standardIcon(QStyle::SP_MessageBoxInformation).pixmap(iconSide, iconSide));
    m_bannerText = new QLabel(m_banner);
    m_bannerText->setWordWrap(true);
    auto* bannerLayout = new QHBoxLayout(m_banner);
    bannerLayout->setContentsMargins(6, 3, 6, 3);
    bannerLayout->addWidget(bannerIcon);
    bannerLayout->addWidget(m_bannerText, 1);
    m_banner->hide();
    m_bannerTimer = new QTimer(this);
    m_bannerTimer->setSingleShot(true);
    m_bannerTimer->setInterval(0);
    connect(m_bannerTimer, &QTimer::timeout, this, &OverviewView::updateBanner);

    // The tree: a flat-looking table of nodes and their interfaces.
    m_tree = new QTreeView(this);
    m_tree->setModel(m_proxy);
    m_tree->setItemDelegate(m_delegate);
    m_tree->setUniformRowHeights(true);
    m_tree->setAllColumnsShowFocus(true);
    m_tree->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_tree->setSelectionMode(QAbstractItemView::SingleSelection);
    m_tree->setAlternatingRowColors(true);
    m_tree->setAccessibleName(tr("Nodes, channels and destinations"));
    // No sort column at first: nodes in the order they reported, channels before destinations.
    m_tree->header()->setSortIndicator(-1, Qt::AscendingOrder);
    m_tree->setSortingEnabled(true);
    m_tree->header()->setSectionResizeMode(QHeaderView::Interactive);
    m_tree->header()->setStretchLastSection(false);
    connect(m_tree->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex& current) { onCurrentChanged(current); });
    connect(m_proxy, &QAbstractItemModel::rowsInserted, this, &OverviewView::onRowsInserted);
    connect(m_proxy, &QAbstractItemModel::modelReset, m_tree, &QTreeView::expandAll);

    // Charts of the selected row, driven by one control bar.
    m_queueChart = new MetricChart(tr("Queue depth"), this);
    m_queueChart->setIntegerValues(true);
    m_throughputChart = new MetricChart(tr("Messages/s"), this);
    m_queueChart->setControlsVisible(false);
    m_throughputChart->setControlsVisible(false);
    // Both charts ask for the same key and range; one request answers both (setHistory()).
    connect(m_queueChart, &MetricChart::historyRequested, this, &OverviewView::historyRequested);
    // Zooming one chart pauses it; pause both so they keep showing the same moment.
    connect(m_queueChart, &MetricChart::pausedChanged, this, &OverviewView::setPaused);
    connect(m_throughputChart, &MetricChart::pausedChanged, this, &OverviewView::setPaused);

    m_chartTitle = new QLabel(tr("Select a row to chart it"), this);
    m_pauseButton = new QToolButton(this);
    m_pauseButton->setText(tr("Pause"));
    m_pauseButton->setCheckable(true);
    m_pauseButton->setToolTip(tr("Freeze the charts; data keeps arriving"));
    connect(m_pauseButton, &QToolButton::toggled, this, &OverviewView::setPaused);
    auto* resetZoomButton = new QToolButton(this);
    resetZoomButton->setText(tr("Reset zoom"));
    resetZoomButton->setToolTip(tr("Back to the live range (drag over a chart to zoom in)"));
    connect(resetZoomButton, &QToolButton::clicked, this, &OverviewView::resetZoom);
    m_rangeBox = new QComboBox(this);
    m_rangeBox->addItem(tr("5 min"), int(MetricChart::Range::FiveMinutes));
    m_rangeBox->addItem(tr("1 h"), int(MetricChart::Range::OneHour));
    m_rangeBox->addItem(tr("24 h"), int(MetricChart::Range::OneDay));
    m_rangeBox->addItem(tr("7 d"), int(MetricChart::Range::SevenDays));
    connect(m_rangeBox, &QComboBox::activated, this,
            [this](int index) { setRange(MetricChart::Range(m_rangeBox->itemData(index).toInt())); });
    auto* rangeLabel = new QLabel(tr("&Range:"), this);
    rangeLabel->setBuddy(m_rangeBox);
    auto* chartBar = new QHBoxLayout;
    chartBar->addWidget(m_chartTitle, 1);
    chartBar->addWidget(m_pauseButton);
    chartBar->addWidget(resetZoomButton);
    chartBar->addWidget(rangeLabel);
    chartBar->addWidget(m_rangeBox);

    auto* chartPanel = new QWidget(this);
    auto* chartLayout = new QVBoxLayout(chartPanel);
    chartLayout->setContentsMargins(0, 0, 0, 0);
    chartLayout->addLayout(chartBar);
    auto* charts = new QHBoxLayout;
    charts->addWidget(m_queueChart);
    charts->addWidget(m_throughputChart);
    chartLayout->addLayout(charts, 1);

    auto* splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_tree);
    splitter->addWidget(chartPanel);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(filterBar);
    layout->addWidget(m_banner);
    layout->addWidget(splitter, 1);
}

OverviewView::~OverviewView() = default;

void OverviewView::setModel(OverviewModel* model)
{
    if (m_model == model)
        return;
    if (m_model)
        disconnect(m_model, nullptr, this, nullptr);
    m_model = model;
    m_proxy->setSourceModel(model);
    if (model) {
        // Only node rows (top level) carry the cached flag the banner reads.
        connect(model, &QAbstractItemModel::dataChanged, this, [this](const QModelIndex& topLeft) {
            if (!topLeft.parent().isValid())
                scheduleBannerUpdate();
        });
        connect(model, &QAbstractItemModel::rowsInserted, this, [this](const QModelIndex& parent) {
            if (!parent.isValid()) {
                scheduleBannerUpdate();
                updateNodeFilterBox();
            }
        });
        connect(model, &QAbstractItemModel::rowsRemoved, this, [this](const QModelIndex& parent) {
            if (!parent.isValid()) {
                scheduleBannerUpdate();
                updateNodeFilterBox();
            }
        });
        connect(model, &QAbstractItemModel::modelReset, this, [this] {
            scheduleBannerUpdate();
            updateNodeFilterBox();
        });
        // Wide enough for the state and the attention reason the delegate writes after it.
        const int charWidth = fontMetrics().horizontalAdvance(u"0"_s);
        m_tree->setColumnWidth(OverviewModel::NameColumn, charWidth * 24);
        // The longest kind the model writes, in the current language, must not be elided.
        const QString widestKind = OverviewModel::tr("destination (%1)").arg(u"mllp"_s);
        m_tree->setColumnWidth(OverviewModel::KindColumn,
                               qMax(charWidth * 18, fontMetrics().horizontalAdvance(widestKind) + charWidth * 3));
        // State and attention reason get room, but not so much that errors and dead letters scroll
        // out of sight on a laptop screen (the full reason is in the row's tooltip).
        m_tree->setColumnWidth(OverviewModel::StateColumn, charWidth * 28);
        for (int column = OverviewModel::QueueDepthColumn; column <= OverviewModel::LastSentColumn; ++column) {
            const int title = fontMetrics().horizontalAdvance(model->headerData(column, Qt::Horizontal).toString());
            m_tree->setColumnWidth(column, qMax(charWidth * 8, title + charWidth * 3));
        }
        const QString notDraining = OverviewModel::tr("not draining");
        m_tree->setColumnWidth(OverviewModel::DrainsInColumn,
                               qMax(charWidth * 12, fontMetrics().horizontalAdvance(notDraining) + charWidth * 3));
    }
    m_tree->expandAll();
    updateNodeFilterBox();
    updateBanner();
}

QString OverviewView::metricKey(const QString& nodeId, const QString& kind, const QString& name)
{
    return nodeId + u'/' + kind + u'/' + name;
}

bool OverviewView::splitMetricKey(const QString& key, QString* nodeId, QString* kind, QString* name)
{
    // Node ids are UUIDs and kinds are words; endpoint names may contain anything, so they go last.
    const qsizetype first = key.indexOf(u'/');
    const qsizetype second = first < 0 ? -1 : key.indexOf(u'/', first + 1);
    if (second < 0)
        return false;
    if (nodeId)
        *nodeId = key.left(first);
    if (kind)
        *kind = key.mid(first + 1, second - first - 1);
    if (name)
        *name = key.mid(second + 1);
    return true;
}

OverviewView::Track* OverviewView::track(const QString& key, bool create)
{
    auto it = m_tracks.find(key);
    if (it == m_tracks.end()) {
        if (!create)
            return nullptr;
        if (m_tracks.size() >= kTrackedKeys) {
            // Forget the least recently shown key (never the one on screen).
            auto oldest = m_tracks.end();
            for (auto t = m_tracks.begin(); t != m_tracks.end(); ++t) {
                if (t.key() != m_currentKey && (oldest == m_tracks.end() || t->lastUsed < oldest->lastUsed))
                    oldest = t;
            }
            if (oldest != m_tracks.end())
                m_tracks.erase(oldest);
        }
        Track t;
        t.queueDepth = std::make_shared<MetricWindow>();
        t.throughput = std::make_shared<MetricWindow>();
        it = m_tracks.insert(key, std::move(t));
    }
    it->lastUsed = ++m_useCounter;
    return &*it;
}

void OverviewView::appendSample(const QString& key, qint64 atMs, double queueDepth, double throughputPerSec)
{
    auto it = m_tracks.find(key);
    if (it == m_tracks.end())
        return;
    it->queueDepth->append(atMs, queueDepth);
    it->throughput->append(atMs, throughputPerSec);
}

void OverviewView::appendStats(const QString& nodeId, const QJsonObject& stats)
{
    if (m_tracks.isEmpty())
        return;
    const qint64 atMs = qint64(stats.value(u"atMs"_s).toDouble());
    if (atMs <= 0)
        return;
    double nodeQueue = 0;
    double nodeArrivals = 0;
    const QJsonArray channels = stats.value(u"channels"_s).toArray();
    for (const QJsonValue& v : channels) {
        const QJsonObject c = v.toObject();
        const double arrivals = c.value(u"arrivalRatePerSec"_s).toDouble();
        nodeArrivals += arrivals;
        appendSample(metricKey(nodeId, u"channel"_s, c.value(u"name"_s).toString()), atMs, 0, arrivals);
    }
    const QJsonArray destinations = stats.value(u"destinations"_s).toArray();
    for (const QJsonValue& v : destinations) {
        const QJsonObject d = v.toObject();
        const double depth = d.value(u"queueDepth"_s).toDouble();
        nodeQueue += depth;
        appendSample(metricKey(nodeId, u"destination"_s, d.value(u"name"_s).toString()), atMs, depth,
                     d.value(u"drainRatePerSec"_s).toDouble());
    }
    appendSample(metricKey(nodeId, u"node"_s, QString()), atMs, nodeQueue, nodeArrivals);
}

void OverviewView::setHistory(const QString& key, const QList<QPointF>& queueDepth, const QList<QPointF>& throughput)
{
    m_queueChart->setHistory(key, queueDepth);
    m_throughputChart->setHistory(key, throughput);
}

void OverviewView::onCurrentChanged(const QModelIndex& current)
{
    if (!current.isValid() || !m_model) {
        showKey(QString());
        return;
    }
    const QModelIndex source = m_proxy->mapToSource(current.siblingAtColumn(OverviewModel::NameColumn));
    const QString kind = source.data(OverviewModel::RowKindRole).toString();
    const QString nodeId = source.data(OverviewModel::NodeIdRole).toString();
    const QString name = kind == u"node"_s ? QString() : source.data(OverviewModel::NameRole).toString();
    showKey(metricKey(nodeId, kind, name));

    const QString label = source.data(Qt::DisplayRole).toString();
    if (kind == u"node"_s)
        m_chartTitle->setText(tr("%1 — all destinations' queues, all channels' arrivals").arg(label));
    else if (kind == u"channel"_s)
        m_chartTitle->setText(tr("Channel %1 — arrivals per second").arg(label));
    else
        m_chartTitle->setText(tr("Destination %1 — queue depth and deliveries per second").arg(label));
}

void OverviewView::showKey(const QString& key)
{
    if (key == m_currentKey)
        return;
    m_currentKey = key;
    if (key.isEmpty()) {
        m_queueChart->setSource(QString(), nullptr);
        m_throughputChart->setSource(QString(), nullptr);
        m_chartTitle->setText(tr("Select a row to chart it"));
    } else {
        Track* t = track(key, true);
        m_throughputChart->setSource(key, t->throughput.get());
        m_queueChart->setSource(key, t->queueDepth.get());
    }
    emit currentKeyChanged(key);
}

bool OverviewView::selectRow(const QString& nodeId, const QString& kind, const QString& name)
{
    if (!m_model)
        return false;
    const QModelIndex source = kind == u"node"_s ? m_model->nodeIndex(nodeId) : m_model->endpointIndex(nodeId, kind, name);
    const QModelIndex proxy = m_proxy->mapFromSource(source);
    if (!proxy.isValid())
        return false;
    m_tree->setCurrentIndex(proxy);
    m_tree->scrollTo(proxy);
    return true;
}

void OverviewView::setNodeFilter(const QString& nodeId)
{
    const int index = m_nodeBox->findData(nodeId);
    if (index >= 0)
        m_nodeBox->setCurrentIndex(index);
    m_proxy->setNodeFilter(nodeId);
}

void OverviewView::setNameFilter(const QString& text)
{
    m_nameFilter->setText(text);
}

void OverviewView::setAttentionOnly(bool attentionOnly)
{
    m_attentionBox->setChecked(attentionOnly);
}

void OverviewView::focusFilter()
{
    m_nameFilter->setFocus(Qt::ShortcutFocusReason);
    m_nameFilter->selectAll();
}

void OverviewView::setRange(MetricChart::Range range)
{
    const int index = m_rangeBox->findData(int(range));
    if (index != m_rangeBox->currentIndex())
        m_rangeBox->setCurrentIndex(index);
    m_queueChart->setRange(range);
    m_throughputChart->setRange(range);
}

void OverviewView::setPaused(bool paused)
{
    if (m_pauseButton->isChecked() != paused)
        m_pauseButton->setChecked(paused);
    m_queueChart->setPaused(paused);
    m_throughputChart->setPaused(paused);
}

void OverviewView::resetZoom()
{
    m_queueChart->resetZoom();
    m_throughputChart->resetZoom();
}

void OverviewView::onRowsInserted(const QModelIndex& parent, int first, int last)
{
    if (parent.isValid())
        return;
    for (int row = first; row <= last; ++row)
        m_tree->expand(m_proxy->index(row, 0));
}

void OverviewView::updateNodeFilterBox()
{
    const QString selected = m_nodeBox->currentData().toString();
    QList<QPair<QString, QString>> nodes;
    if (m_model) {
        for (int row = 0; row < m_model->rowCount(); ++row) {
            const QModelIndex index = m_model->index(row, OverviewModel::NameColumn);
            nodes.append({index.data(OverviewModel::NodeIdRole).toString(), index.data(Qt::DisplayRole).toString()});
        }
    }
    const QSignalBlocker blocker(m_nodeBox);
    m_nodeBox->clear();
    m_nodeBox->addItem(tr("All nodes"), QString());
    for (const auto& [id, name] : nodes)
        m_nodeBox->addItem(name.isEmpty() ? id : name, id);
    const int index = m_nodeBox->findData(selected);
    m_nodeBox->setCurrentIndex(std::max(0, index));
    if (index < 0 && !selected.isEmpty())
        m_proxy->setNodeFilter(QString()); // the node went away: show everything again
}

void OverviewView::scheduleBannerUpdate()
{
    if (!m_bannerTimer->isActive())
        m_bannerTimer->start();
}

QString OverviewView::cachedBannerText() const
{
    if (!m_model)
        return QString();
    QStringList parts;
    for (int row = 0; row < m_model->rowCount(); ++row) {
        const QModelIndex index = m_model->index(row, OverviewModel::NameColumn);
        if (!index.data(OverviewModel::CachedRole).toBool())
            continue;
        const qint64 asOf = index.data(OverviewModel::AsOfRole).toLongLong();
        const QString name = index.data(Qt::DisplayRole).toString();
        parts << (asOf > 0 ? tr("%1: cached — as of %2").arg(name, asOfText(asOf)) : tr("%1: cached").arg(name));
    }
    return parts.join(u"; "_s);
}

void OverviewView::updateBanner()
{
    const QString text = cachedBannerText();
    if (text == m_bannerCache)
        return;
    m_bannerCache = text;
    m_bannerText->setText(text);
    m_banner->setVisible(!text.isEmpty());
}
