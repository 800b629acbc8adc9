#include "ui/shell/AlertNotifier.h"

#include "models/console/AlertBoardModel.h"
#include "models/console/AlertWording.h"
#include "ui/style/SeverityLook.h"

#include <QApplication>
#include <QDateTime>
#include <QSystemTrayIcon>
#include <QTimer>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace {

qint64 timeMs(const QJsonObject& alert, QStringView key)
{
    const QDateTime at = QDateTime::fromString(alert.value(key).toString(), Qt::ISODateWithMs);
    return at.isValid() ? at.toMSecsSinceEpoch() : 0;
}

bool isLoud(const QJsonObject& alert)
{
    const QString severity = alert.value(u"severity").toString();
    // A silenced alert pages nobody on the node; the console must not page around the silence.
    return (severity == u"critical" || severity == u"high") && alert.value(u"state").toString() != u"suppressed";
}

/// What a notification about these alerts leads with: the most severe first, so a burst's
/// notification names what matters most. The headline says what and where, never who: the
/// patient stays on the board.
struct Lead
{
    QJsonObject alert;
    QString node;
    QString severity;
    QString headline;
    qsizetype count = 0;

    QString moreText() const
    {
        return QCoreApplication::translate(
                   "AlertNotifier", "%1 alert on %2: %3\nand %4 more on the alert board", "severity, node, headline, count")
            .arg(severity, node, headline)
            .arg(count - 1);
    }
};

Lead leadOf(const QList<QPair<QString, QJsonObject>>& alerts, const std::function<QString(const QString&)>& nodeName,
            qint64 nowMs)
{
    QList<QPair<QString, QJsonObject>> sorted = alerts;
    std::stable_sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) {
        return AlertBoardModel::severityRank(a.second.value(u"severity").toString())
            < AlertBoardModel::severityRank(b.second.value(u"severity").toString());
    });
    Lead lead;
    lead.alert = sorted.constFirst().second;
    lead.node = nodeName ? nodeName(sorted.constFirst().first) : sorted.constFirst().first;
    lead.severity = AlertWording::severityName(lead.alert.value(u"severity").toString());
    lead.headline = AlertWording::headline(lead.alert, nowMs);
    lead.count = sorted.size();
    return lead;
}

} // namespace

AlertNotifier::AlertNotifier(AlertBoardModel* model, QObject* parent)
    : QObject(parent)
    , m_model(model)
    , m_clock([] { return QDateTime::currentMSecsSinceEpoch(); })
{
    m_coalesce = new QTimer(this);
    m_coalesce->setSingleShot(true);
    m_coalesce->setInterval(kCoalesceMs);
    connect(m_coalesce, &QTimer::timeout, this, &AlertNotifier::flush);
    if (model) {
        connect(model, &AlertBoardModel::alertArrived, this, &AlertNotifier::onArrived);
        connect(model, &AlertBoardModel::alertRepaged, this, &AlertNotifier::onRepaged);
    }
}

AlertNotifier::~AlertNotifier() = default;

void AlertNotifier::setMuted(bool muted)
{
    m_muted = muted;
}

void AlertNotifier::setTrayIcon(QSystemTrayIcon* tray)
{
    m_tray = tray;
}

void AlertNotifier::setClock(std::function<qint64()> clock)
{
    m_clock = clock ? std::move(clock) : [] { return QDateTime::currentMSecsSinceEpoch(); };
}

void AlertNotifier::onArrived(const QString& nodeId, const QJsonObject& alert)
{
    // A list loaded at start, after a reconnect or from the cache brings old alerts "in": only what
    // was raised just now is news.
    queue(m_waiting, nodeId, alert, timeMs(alert, u"createdAt"));
}

void AlertNotifier::onRepaged(const QString& nodeId, const QJsonObject& alert)
{
    // A list reloaded after a long absence may show a level reached long ago: only a fresh page is news.
    queue(m_repaged, nodeId, alert, timeMs(alert, u"updatedAt"));
}

void AlertNotifier::queue(QList<QPair<QString, QJsonObject>>& list, const QString& nodeId, const QJsonObject& alert,
                          qint64 happenedAtMs)
{
    if (!m_enabled || !isLoud(alert) || happenedAtMs <= 0 || m_clock() - happenedAtMs > kRecentMs)
        return;
    list.append({ nodeId, alert });
    if (!m_coalesce->isActive())
        m_coalesce->start();
}

QPair<QString, QString> AlertNotifier::wording(const QList<QPair<QString, QJsonObject>>& arrivals,
    const std::function<QString(const QString&)>& nodeName, qint64 nowMs)
{
    if (arrivals.isEmpty())
        return {};
    const Lead lead = leadOf(arrivals, nodeName, nowMs);
    if (lead.count == 1)
        return { QCoreApplication::translate("AlertNotifier", "%1 alert on %2", "severity, node")
                     .arg(lead.severity, lead.node),
            lead.headline };
    return { QCoreApplication::translate("AlertNotifier", "New alerts: %1").arg(lead.count), lead.moreText() };
}

QPair<QString, QString> AlertNotifier::repageWording(const QList<QPair<QString, QJsonObject>>& repages,
    const std::function<QString(const QString&)>& nodeName, qint64 nowMs)
{
    if (repages.isEmpty())
        return {};
    const Lead lead = leadOf(repages, nodeName, nowMs);
    if (lead.count == 1)
        return { QCoreApplication::translate("AlertNotifier", "Paging again: %1 alert on %2", "severity, node")
                     .arg(lead.severity, lead.node),
            QCoreApplication::translate("AlertNotifier", "%1\nStill not resolved: level %2 is paged now.",
                "headline, escalation level (1-based)")
                .arg(lead.headline)
                .arg(lead.alert.value(u"level").toInt() + 1) };
    return { QCoreApplication::translate("AlertNotifier", "Paging again: %1 alerts").arg(lead.count), lead.moreText() };
}

void AlertNotifier::flush()
{
    const QList<QPair<QString, QJsonObject>> arrivals = std::exchange(m_waiting, {});
    QList<QPair<QString, QJsonObject>> repaged = std::exchange(m_repaged, {});
    // An alert both new and re-paged in one moment is told once, as new.
    repaged.removeIf([&arrivals](const auto& r) {
        return std::any_of(arrivals.cbegin(), arrivals.cend(), [&r](const auto& a) {
            return a.first == r.first && a.second.value(u"id") == r.second.value(u"id");
        });
    });
    if (arrivals.isEmpty() && repaged.isEmpty())
        return;
    QPointer<AlertBoardModel> model = m_model;
    const auto nodeName = [model](const QString& nodeId) {
        if (model) {
            for (int row = 0; row < model->rowCount(); ++row) {
                const QModelIndex i = model->index(row);
                if (i.data(AlertBoardModel::NodeIdRole).toString() == nodeId)
                    return i.data(AlertBoardModel::NodeNameRole).toString();
            }
        }
        return nodeId;
    };
    if (!arrivals.isEmpty()) {
        const auto [title, text] = wording(arrivals, nodeName, m_clock());
        show(title, text, arrivals);
    }
    if (!repaged.isEmpty()) {
        const auto [title, text] = repageWording(repaged, nodeName, m_clock());
        show(title, text, repaged);
    }
    if (!m_muted) {
        QApplication::beep();
        emit soundPlayed();
    }
}

void AlertNotifier::show(const QString& title, const QString& text, const QList<QPair<QString, QJsonObject>>& alerts)
{
    const bool critical = std::any_of(alerts.cbegin(), alerts.cend(),
        [](const auto& a) { return a.second.value(u"severity").toString() == u"critical"; });
    if (QSystemTrayIcon* t = tray()) {
        t->showMessage(title, text, critical ? QSystemTrayIcon::Critical : QSystemTrayIcon::Warning);
    } else {
        const auto& first = alerts.constFirst();
        emit bannerRequested(title, text, first.first, first.second.value(u"id").toInteger());
    }
    emit notified(title, text);
}

QSystemTrayIcon* AlertNotifier::tray()
{
    if (m_tray)
        return m_tray;
    if (!QSystemTrayIcon::isSystemTrayAvailable() || !QSystemTrayIcon::supportsMessages())
        return nullptr;
    if (!m_ownTray) {
        m_ownTray = new QSystemTrayIcon(SeverityLook::icon(u"critical"_s), this);
        m_ownTray->setToolTip(tr("Vigil console: alerts"));
        m_ownTray->show();
    }
    return m_ownTray;
}
