#pragma once

#include "models/alerts/AlertClock.h"
#include "models/alerts/AlertRuleConfig.h"
#include "node/alerts/AlertStore.h"

#include <QObject>
#include <QTimer>

#include <memory>

class QNetworkAccessManager;
class QNetworkReply;

/// Sends the webhook notifications of the outbox (AlertStore, channel "webhook:<name>") to paging
/// systems by HTTP POST (JSON body = the record's payload, Content-Type application/json, header
/// "Idempotency-Key: vigil-notification-<id>" so a receiver can drop a retry it already got), one
/// request at a time per webhook, oldest first. 2xx → delivered; 408/429/5xx/network errors → retry
/// with exponential backoff with jitter (node/delivery/Backoff, Retry-After honoured), up to
/// maxAttempts; any other 4xx, or attempts exhausted → failed. Every outcome is written to the store
/// before the next request, so a restart resumes where it stopped (at-least-once).
class WebhookNotifier : public QObject
{
    Q_OBJECT
public:
    WebhookNotifier(QList<AlertWebhookConfig> webhooks, AlertStore& store, AlertClock clock,
                    QObject* parent = nullptr);
    ~WebhookNotifier() override;

    /// The channel names ("webhook:<name>") that get a notification for this alert and reason.
    QStringList channelsFor(const Alert& alert, const QString& reason) const;
    /// Looks at the outbox now (call after new notifications were committed, and at start).
    void poke();
    /// Stops sending (requests in flight are aborted and retried after a restart).
    void stop();

signals:
    void delivered(qint64 notificationId, qint64 alertId);
    /// Attempts exhausted or refused: the notification is failed (visible in the alert's notifications).
    void failed(qint64 notificationId, qint64 alertId, int level, const QString& error);

private:
    struct Hook;
    void sendNext(Hook& hook);
    void onFinished(Hook& hook, QNetworkReply* reply);
    void schedule();

    AlertStore& m_store;
    AlertClock m_clock;
    std::unique_ptr<QNetworkAccessManager> m_network;
    std::vector<std::unique_ptr<Hook>> m_hooks;
    QTimer m_timer;
    bool m_stopped = false;
};
