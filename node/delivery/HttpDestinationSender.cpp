#include "node/delivery/HttpDestinationSender.h"

#include <QLocale>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QRandomGenerator>
#include <QTimer>
#include <QTimeZone>

#include <limits>

using namespace Qt::StringLiterals;

namespace {

bool isTraceId(const QByteArray& id)
{
    if (id.size() != 32)
        return false;
    bool allZero = true;
    for (const char c : id) {
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')))
            return false;
        allZero = allZero && c == '0';
    }
    return !allZero;
}

DeliveryOutcome transient(const QString& errorClass, const QString& detail)
{
    DeliveryOutcome outcome;
    outcome.kind = DeliveryOutcome::Kind::Transient;
    outcome.errorClass = errorClass;
    outcome.detail = detail;
    return outcome;
}

DeliveryOutcome classifyStatus(int status)
{
    DeliveryOutcome outcome;
    outcome.ackCode = QString::number(status);
    outcome.detail = u"HTTP "_s + outcome.ackCode;
    if (status >= 200 && status < 300) {
        outcome.kind = DeliveryOutcome::Kind::Delivered;
        outcome.detail.clear();
    } else if (status >= 300 && status < 400) {
        outcome.kind = DeliveryOutcome::Kind::Transient;
        outcome.errorClass = u"http-3xx"_s;
        outcome.detail += u" (redirects are not followed; check the destination URL)"_s;
    } else if (status == 408 || status == 429) {
        outcome.kind = DeliveryOutcome::Kind::Transient;
        outcome.errorClass = u"http-4xx"_s;
    } else if (status >= 400 && status < 500) {
        outcome.kind = DeliveryOutcome::Kind::Permanent;
        outcome.errorClass = u"http-4xx"_s;
    } else if (status >= 500 && status < 600) {
        outcome.kind = DeliveryOutcome::Kind::Transient;
        outcome.errorClass = u"http-5xx"_s;
    } else {
        // 1xx as a final answer or a status outside the standard ranges: the server is broken, not the message.
        outcome.kind = DeliveryOutcome::Kind::Transient;
        outcome.errorClass = u"bad-ack"_s;
    }
    return outcome;
}

DeliveryOutcome classifyNetworkError(QNetworkReply::NetworkError error, const QString& errorString)
{
    switch (error) {
    case QNetworkReply::TimeoutError:
    case QNetworkReply::OperationCanceledError: // what setTransferTimeout() reports
    case QNetworkReply::ProxyTimeoutError:
        return transient(u"timeout"_s, u"no response in time"_s);
    case QNetworkReply::RemoteHostClosedError:
        return transient(u"closed"_s, errorString);
    case QNetworkReply::SslHandshakeFailedError:
        return transient(u"tls"_s, errorString);
    case QNetworkReply::ConnectionRefusedError:
    case QNetworkReply::HostNotFoundError:
    case QNetworkReply::TemporaryNetworkFailureError:
    case QNetworkReply::NetworkSessionFailedError:
    case QNetworkReply::ProxyConnectionRefusedError:
    case QNetworkReply::ProxyConnectionClosedError:
    case QNetworkReply::ProxyNotFoundError:
    case QNetworkReply::UnknownProxyError:
        return transient(u"connect"_s, errorString);
    default:
        // Everything else (protocol errors, unknown network errors, an unsupported scheme) is about the
        // destination or the configuration; nothing in the message would make it pass.
        return transient(u"io"_s, errorString);
    }
}

} // namespace

HttpDestinationSender::HttpDestinationSender(HttpDestinationOptions options, QObject* parent)
    : DestinationSender(parent)
    , m_options(std::move(options))
    , m_manager(new QNetworkAccessManager(this))
{
    m_clock.start();
    m_manager->setTransferTimeout(m_options.requestTimeoutMs);
    m_manager->setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
}

HttpDestinationSender::~HttpDestinationSender()
{
    // Abort without reporting: the owner is going away and will pick the messages up again from the store.
    const auto replies = m_inFlight.keys();
    m_inFlight.clear();
    for (QNetworkReply* reply : replies) {
        reply->disconnect(this);
        reply->abort();
        delete reply;
    }
}

void HttpDestinationSender::send(const OutboundMessage& message)
{
    QNetworkRequest request(m_options.url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, m_options.contentType);
    const QByteArray traceparent = traceparentFor(message.correlationId);
    if (!traceparent.isEmpty())
        request.setRawHeader("traceparent"_ba, traceparent);
    request.setRawHeader("X-Vigil-Message-Id"_ba, QByteArray::number(message.messageId));
    request.setTransferTimeout(m_options.requestTimeoutMs);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    if (m_options.tls)
        request.setSslConfiguration(*m_options.tls);

    QNetworkReply* reply = m_manager->post(request, message.payload);
    m_inFlight.insert(reply, InFlight { message.queueId, m_clock.elapsed(), false });

    // The response body is never used; drain it so a large answer is not buffered.
    connect(reply, &QNetworkReply::readyRead, this, [reply] { reply->skip(reply->bytesAvailable()); });
    connect(reply, &QNetworkReply::finished, this, [this, reply] { onReplyFinished(reply); });

    // The transfer timeout only catches silence; a peer trickling bytes would hold the queue forever.
    if (m_options.requestTimeoutMs > 0) {
        auto* deadline = new QTimer(reply);
        deadline->setSingleShot(true);
        connect(deadline, &QTimer::timeout, this, [this, reply] {
            auto it = m_inFlight.find(reply);
            if (it == m_inFlight.end())
                return;
            it->timedOut = true;
            reply->abort();
        });
        deadline->start(m_options.requestTimeoutMs);
    }
}

QString HttpDestinationSender::describe() const
{
    return u"http "_s + m_options.url.toDisplayString(QUrl::RemoveUserInfo | QUrl::RemoveQuery | QUrl::RemoveFragment);
}

void HttpDestinationSender::onReplyFinished(QNetworkReply* reply)
{
    const auto it = m_inFlight.constFind(reply);
    if (it == m_inFlight.constEnd())
        return;
    const InFlight inFlight = *it;
    m_inFlight.erase(it);
    reply->deleteLater();

    const QVariant statusAttribute = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    const int status = statusAttribute.isValid() ? statusAttribute.toInt() : 0;

    DeliveryOutcome outcome;
    if (inFlight.timedOut) {
        outcome = transient(u"timeout"_s, u"no complete response within %1 ms"_s.arg(m_options.requestTimeoutMs));
    } else if (status > 0) {
        outcome = classifyStatus(status);
        if (outcome.kind == DeliveryOutcome::Kind::Transient)
            outcome.retryAfterMs = parseRetryAfter(reply->rawHeader("Retry-After"_ba), QDateTime::currentDateTimeUtc());
    } else {
        outcome = classifyNetworkError(reply->error(), reply->errorString());
    }
    outcome.durationMs = m_clock.elapsed() - inFlight.startedAtMs;
    emit finished(inFlight.queueId, outcome);
}

QByteArray HttpDestinationSender::traceparentFor(const QByteArray& correlationId)
{
    if (!isTraceId(correlationId))
        return {};
    quint64 spanId = 0;
    while (spanId == 0) // an all-zero parent-id is invalid
        spanId = QRandomGenerator::global()->generate64();
    return "00-"_ba + correlationId + '-' + QByteArray::number(spanId, 16).rightJustified(16, '0') + "-01"_ba;
}

int HttpDestinationSender::parseRetryAfter(const QByteArray& value, const QDateTime& now)
{
    const QByteArray trimmed = value.trimmed();
    if (trimmed.isEmpty())
        return -1;
    bool isNumber = false;
    const qlonglong seconds = trimmed.toLongLong(&isNumber);
    if (isNumber) {
        if (seconds < 0)
            return -1;
        return int(std::min<qlonglong>(seconds, std::numeric_limits<int>::max() / 1000) * 1000);
    }
    const QString text = QString::fromLatin1(trimmed);
    QDateTime when = QDateTime::fromString(text, Qt::RFC2822Date);
    if (!when.isValid()) {
        // IMF-fixdate, the form RFC 9110 requires: "Sun, 06 Nov 1994 08:49:37 GMT".
        when = QLocale::c().toDateTime(text, u"ddd, dd MMM yyyy HH:mm:ss 'GMT'"_s);
        when.setTimeZone(QTimeZone::utc());
    }
    if (!when.isValid())
        return -1;
    const qint64 ms = now.msecsTo(when);
    return int(std::clamp<qint64>(ms, 0, std::numeric_limits<int>::max()));
}
