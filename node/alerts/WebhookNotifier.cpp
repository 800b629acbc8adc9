#include "node/alerts/WebhookNotifier.h"

#include "node/delivery/Backoff.h"
#include "node/delivery/HttpDestinationSender.h"

#include <QDateTime>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QTimeZone>

#include <algorithm>
#include <limits>

Q_LOGGING_CATEGORY(lcWebhook, "vigil.node.alerts.webhook")

using namespace Qt::StringLiterals;

namespace {

// Even with nothing due soon the outbox is looked at again after this long, so a wall clock that
// jumps (the clock is wall time, the timer is not) delays a retry by at most this much.
constexpr int MaxSleepMs = 60 * 1000;

enum class Outcome { Delivered, Retry, Failed };

Outcome classify(int status)
{
    if (status >= 200 && status < 300)
        return Outcome::Delivered;
    if (status == 408 || status == 429)
        return Outcome::Retry;
    if (status >= 400 && status < 500)
        return Outcome::Failed; // the receiver refuses this request; sending it again will not help
    return Outcome::Retry;      // 5xx, and 1xx/3xx as final answers: the receiver or its address is broken
}

// Our own words, never QNetworkReply::errorString(): some of those embed the request URL, which may
// carry credentials.
QString describe(QNetworkReply::NetworkError error)
{
    switch (error) {
    case QNetworkReply::ConnectionRefusedError:
        return u"connection refused"_s;
    case QNetworkReply::RemoteHostClosedError:
        return u"connection closed by the receiver"_s;
    case QNetworkReply::HostNotFoundError:
        return u"host not found"_s;
    case QNetworkReply::TimeoutError:
    case QNetworkReply::OperationCanceledError: // what setTransferTimeout() reports
        return u"timeout"_s;
    case QNetworkReply::SslHandshakeFailedError:
        return u"TLS handshake failed"_s;
    case QNetworkReply::TemporaryNetworkFailureError:
    case QNetworkReply::NetworkSessionFailedError:
        return u"network unavailable"_s;
    case QNetworkReply::ProxyConnectionRefusedError:
    case QNetworkReply::ProxyConnectionClosedError:
    case QNetworkReply::ProxyNotFoundError:
    case QNetworkReply::ProxyTimeoutError:
    case QNetworkReply::ProxyAuthenticationRequiredError:
    case QNetworkReply::UnknownProxyError:
        return u"proxy error"_s;
    default:
        return u"network error %1"_s.arg(int(error));
    }
}

} // namespace

struct WebhookNotifier::Hook
{
    AlertWebhookConfig config;
    QString channel;
    Backoff backoff;
    std::optional<QSslConfiguration> tls;
    QNetworkReply* reply = nullptr;
    NotificationRecord current;
    bool timedOut = false;
};

WebhookNotifier::WebhookNotifier(QList<AlertWebhookConfig> webhooks, AlertStore& store, AlertClock clock,
                                 QObject* parent)
    : QObject(parent)
    , m_store(store)
    , m_clock(clock ? std::move(clock) : AlertClock(&QDateTime::currentMSecsSinceEpoch))
    , m_network(std::make_unique<QNetworkAccessManager>())
{
    // A paging system that redirects is misconfigured; following it would carry the bearer token
    // to wherever the redirect points.
    m_network->setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
    for (AlertWebhookConfig& config : webhooks) {
        auto hook = std::make_unique<Hook>(Hook{config, u"webhook:"_s + config.name,
                                                Backoff(config.initialDelayMs, config.maxDelayMs), {}, nullptr, {}, false});
        if (!config.caFile.isEmpty()) {
            // An unreadable CA file leaves the trust list empty, so TLS fails (visibly, as failed
            // notifications) instead of quietly falling back to the system store.
            const QList<QSslCertificate> certificates = QSslCertificate::fromPath(config.caFile, QSsl::Pem);
            if (certificates.isEmpty())
                qCWarning(lcWebhook) << "webhook" << config.name << ": no CA certificate could be read from its caFile";
            QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
            tls.setCaCertificates(certificates);
            hook->tls = tls;
        }
        m_hooks.push_back(std::move(hook));
    }
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &WebhookNotifier::schedule);
}

WebhookNotifier::~WebhookNotifier()
{
    stop();
}

QStringList WebhookNotifier::channelsFor(const Alert& alert, const QString& reason) const
{
    QStringList channels;
    for (const auto& hook : m_hooks) {
        const AlertWebhookConfig& config = hook->config;
        if (!config.severities.isEmpty() && !config.severities.contains(alert.severity))
            continue;
        if (!config.categories.isEmpty() && !config.categories.contains(alert.category))
            continue;
        if (!config.reasons.isEmpty() && !config.reasons.contains(reason))
            continue;
        channels.append(hook->channel);
    }
    return channels;
}

void WebhookNotifier::poke()
{
    if (m_stopped)
        return;
    // Through the event loop: a burst of pokes (one per saved alert) becomes one look.
    m_timer.start(0);
}

void WebhookNotifier::stop()
{
    m_stopped = true;
    m_timer.stop();
    for (const auto& hook : m_hooks) {
        if (QNetworkReply* reply = std::exchange(hook->reply, nullptr)) {
            // Not recorded as an attempt: the notification stays pending and is sent again after a restart.
            reply->disconnect(this);
            reply->abort();
            reply->deleteLater();
        }
    }
}

void WebhookNotifier::schedule()
{
    if (m_stopped)
        return;
    const qint64 now = m_clock();
    qint64 wake = 0;
    for (const auto& hook : m_hooks) {
        if (hook->reply)
            continue; // its reply schedules the next look
        // The oldest pending notification of the webhook goes first, even while it waits for a
        // retry: a paging system must not see "resolved" before the "raised" it resolves.
        const QList<NotificationRecord> head =
            m_store.dueNotifications(hook->channel, std::numeric_limits<qint64>::max(), 1);
        if (head.isEmpty())
            continue;
        if (head.first().nextAttemptAtMs <= now) {
            hook->current = head.first();
            sendNext(*hook);
        } else if (wake == 0 || head.first().nextAttemptAtMs < wake) {
            wake = head.first().nextAttemptAtMs;
        }
    }
    if (wake != 0)
        m_timer.start(int(std::clamp<qint64>(wake - now, 1, MaxSleepMs)));
}

void WebhookNotifier::sendNext(Hook& hook)
{
    const NotificationRecord& record = hook.current;
    QNetworkRequest request(hook.config.url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, u"application/json"_s);
    request.setRawHeader("Idempotency-Key"_ba, "vigil-notification-"_ba + QByteArray::number(record.id));
    if (!hook.config.bearerTokenEnv.isEmpty()) {
        const QByteArray token = qgetenv(hook.config.bearerTokenEnv.toLocal8Bit().constData());
        if (!token.isEmpty())
            request.setRawHeader("Authorization"_ba, "Bearer "_ba + token);
    }
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    if (hook.config.timeoutMs > 0)
        request.setTransferTimeout(hook.config.timeoutMs);
    if (hook.tls)
        request.setSslConfiguration(*hook.tls);

    hook.timedOut = false;
    QNetworkReply* reply = m_network->post(request, record.payload);
    hook.reply = reply;
    Hook* target = &hook;
    // The body of the answer is never used; drain it so a large one is not buffered.
    connect(reply, &QNetworkReply::readyRead, this, [reply] { reply->skip(reply->bytesAvailable()); });
    connect(reply, &QNetworkReply::finished, this, [this, target, reply] {
        if (target->reply != reply)
            return;
        target->reply = nullptr;
        reply->deleteLater();
        onFinished(*target, reply);
    });
    // The transfer timeout only notices silence; a receiver trickling bytes would hold the webhook forever.
    if (hook.config.timeoutMs > 0) {
        auto* deadline = new QTimer(reply);
        deadline->setSingleShot(true);
        connect(deadline, &QTimer::timeout, this, [target, reply] {
            if (target->reply != reply)
                return;
            target->timedOut = true;
            reply->abort();
        });
        deadline->start(hook.config.timeoutMs);
    }
}

void WebhookNotifier::onFinished(Hook& hook, QNetworkReply* reply)
{
    const NotificationRecord record = hook.current;
    const int attempts = record.attempts + 1;
    const QVariant statusAttribute = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    const int status = statusAttribute.isValid() ? statusAttribute.toInt() : 0;
    const qint64 now = m_clock();

    Outcome outcome = Outcome::Retry;
    QString error;
    int retryAfterMs = -1;
    if (hook.timedOut) {
        error = u"timeout"_s;
    } else if (status > 0) {
        outcome = classify(status);
        error = u"HTTP %1"_s.arg(status);
        if (outcome == Outcome::Retry)
            retryAfterMs = HttpDestinationSender::parseRetryAfter(reply->rawHeader("Retry-After"_ba),
                                                                  QDateTime::fromMSecsSinceEpoch(now, QTimeZone::utc()));
    } else {
        error = describe(reply->error());
    }
    if (outcome == Outcome::Retry && attempts >= hook.config.maxAttempts)
        outcome = Outcome::Failed;

    QString storeError;
    switch (outcome) {
    case Outcome::Delivered:
        qCInfo(lcWebhook) << "webhook" << hook.config.name << "delivered notification" << record.id << "status"
                          << status;
        if (!m_store.markDelivered(record.id, now, attempts, &storeError))
            qCWarning(lcWebhook) << "webhook" << hook.config.name << "cannot record delivery:" << storeError;
        emit delivered(record.id, record.alertId);
        break;
    case Outcome::Retry: {
        const int delay = hook.backoff.delayMs(attempts, retryAfterMs);
        qCInfo(lcWebhook) << "webhook" << hook.config.name << "notification" << record.id << "attempt" << attempts
                          << "failed:" << error << "- retrying in" << delay << "ms";
        if (!m_store.markRetry(record.id, attempts, now + delay, error, &storeError))
            qCWarning(lcWebhook) << "webhook" << hook.config.name << "cannot record retry:" << storeError;
        break;
    }
    case Outcome::Failed:
        qCWarning(lcWebhook) << "webhook" << hook.config.name << "notification" << record.id << "failed after"
                             << attempts << "attempt(s):" << error;
        if (!m_store.markFailed(record.id, attempts, error, &storeError))
            qCWarning(lcWebhook) << "webhook" << hook.config.name << "cannot record failure:" << storeError;
        emit failed(record.id, record.alertId, record.level, error);
        break;
    }
    // A signal handler may have stopped us or queued more; look again once the stack unwinds. If the
    // outcome could not be written, the same notification is still due: pause rather than spin.
    if (!m_stopped)
        m_timer.start(storeError.isEmpty() ? 0 : 1000);
}
