#pragma once

#include "node/delivery/DestinationSender.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QHash>
#include <QSslConfiguration>
#include <QUrl>

#include <optional>

class QNetworkAccessManager;
class QNetworkReply;

struct HttpDestinationOptions
{
    QUrl url;
    QString contentType = QStringLiteral("application/hl7-v2");
    int requestTimeoutMs = 30000; ///< whole request, connect to last byte
    std::optional<QSslConfiguration> tls; ///< https: trust/verify settings; unset = system defaults
};

/// POSTs each message to an HTTP endpoint, with the correlation ID as a W3C `traceparent` header and
/// the message ID as `X-Vigil-Message-Id` (so the receiver can deduplicate redeliveries).
///
/// Classification (SEMANTICS.md 5.1): 2xx Delivered; 408, 429, 5xx, network errors and timeouts
/// Transient, with Retry-After (seconds or HTTP date) in retryAfterMs; other 4xx Permanent. Redirects
/// are not followed (a 301/302 would turn the POST into a GET and lose the message): a 3xx is a
/// misconfigured URL, not the message's fault, so it is Transient ("http-3xx") and the breaker shows it.
class HttpDestinationSender : public DestinationSender
{
    Q_OBJECT
public:
    explicit HttpDestinationSender(HttpDestinationOptions options, QObject* parent = nullptr);
    ~HttpDestinationSender() override;

    void send(const OutboundMessage& message) override;
    QString describe() const override;

    /// "00-<trace-id>-<random 16 hex span id>-01", or empty when correlationId is not a valid trace-id
    /// (a malformed header would make the receiver start a new trace anyway, W3C Trace Context).
    static QByteArray traceparentFor(const QByteArray& correlationId);
    /// Retry-After as ms from now: delta-seconds or an HTTP date; -1 when absent or unreadable.
    static int parseRetryAfter(const QByteArray& value, const QDateTime& now);

private:
    void onReplyFinished(QNetworkReply* reply);

    struct InFlight
    {
        qint64 queueId = 0;
        qint64 startedAtMs = 0; ///< QElapsedTimer ms
        bool timedOut = false;
    };

    QElapsedTimer m_clock;
    HttpDestinationOptions m_options;
    QNetworkAccessManager* m_manager;
    QHash<QNetworkReply*, InFlight> m_inFlight;
};
