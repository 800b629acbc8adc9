#pragma once

#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QPair>
#include <QPointer>
#include <QString>

#include <functional>

class AlertBoardModel;
class QSystemTrayIcon;
class QTimer;

/// Tells the user when a critical or high alert arrives (issue 6: "a critical alert arriving raises a
/// desktop notification and can sound"), and when one on the board pages again (escalated, repeated,
/// or acknowledged and left unresolved): a tray message where the desktop has a tray, else a
/// banner the main window shows without blocking anything; and, unless muted, a beep.
///
/// Only alerts raised in the last two minutes count: loading a node's list (or the cache) at start
/// or after a reconnect must not ring for alerts everybody has seen. Arrivals within a short moment
/// are told as one ("3 new alerts"), so a burst does not flood the desktop. The text never names a
/// patient: it is the card's headline (what and where) and the node.
class AlertNotifier : public QObject
{
    Q_OBJECT

public:
    /// Alerts raised longer ago than this are not news.
    static constexpr qint64 kRecentMs = 2 * 60 * 1000;
    /// Arrivals within this window are told together.
    static constexpr int kCoalesceMs = 300;

    explicit AlertNotifier(AlertBoardModel* model, QObject* parent = nullptr);
    ~AlertNotifier() override;

    /// No sound (the notification still shows).
    void setMuted(bool muted);
    bool isMuted() const { return m_muted; }
    /// No notifications at all.
    void setEnabled(bool enabled) { m_enabled = enabled; }
    bool isEnabled() const { return m_enabled; }
    /// The tray icon to show messages on (not owned; the shell's, if it has one). Without one, the
    /// notifier makes its own when the desktop has a tray.
    void setTrayIcon(QSystemTrayIcon* tray);
    /// The wall clock (tests).
    void setClock(std::function<qint64()> clock);

    /// Title and text for these arrivals (node id, alert), as notify() would show them.
    static QPair<QString, QString> wording(const QList<QPair<QString, QJsonObject>>& arrivals,
        const std::function<QString(const QString&)>& nodeName, qint64 nowMs);
    /// The same for alerts that page again (escalated, repeated, acknowledgement lapsed).
    static QPair<QString, QString> repageWording(const QList<QPair<QString, QJsonObject>>& repages,
        const std::function<QString(const QString&)>& nodeName, qint64 nowMs);

signals:
    /// A notification went out (tray or banner); for the status bar and tests.
    void notified(const QString& title, const QString& text);
    /// No tray: the window should show this as a non-modal banner (with the alert to open).
    void bannerRequested(const QString& title, const QString& text, const QString& nodeId, qint64 alertId);
    /// The beep sounded.
    void soundPlayed();

private:
    void onArrived(const QString& nodeId, const QJsonObject& alert);
    void onRepaged(const QString& nodeId, const QJsonObject& alert);
    /// Keeps the alert for the next notification if it is loud and happened within kRecentMs.
    void queue(QList<QPair<QString, QJsonObject>>& list, const QString& nodeId, const QJsonObject& alert,
               qint64 happenedAtMs);
    void show(const QString& title, const QString& text, const QList<QPair<QString, QJsonObject>>& alerts);
    void flush();
    QSystemTrayIcon* tray();

    QPointer<AlertBoardModel> m_model;
    QPointer<QSystemTrayIcon> m_tray;
    QSystemTrayIcon* m_ownTray = nullptr;
    QTimer* m_coalesce = nullptr;
    QList<QPair<QString, QJsonObject>> m_waiting;
    QList<QPair<QString, QJsonObject>> m_repaged;
    std::function<qint64()> m_clock;
    bool m_muted = false;
    bool m_enabled = true;
};
