#include "node/api/ApiCall.h"

#include "node/api/ApiReply.h"

#include <QHttpServerResponder>
#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcApiCall, "vigil.api")

ApiCall::ApiCall(const QHttpServerRequest& request, QHttpServerResponder&& responder)
    : m_method(request.method())
    , m_path(request.url().path())
    , m_query(request.query())
    , m_headers(request.headers())
    , m_rawBody(request.body())
    , m_remote(request.remoteAddress().toString())
    , m_responder(std::make_unique<QHttpServerResponder>(std::move(responder)))
    , m_socket(m_responder->socket())
{
}

ApiCall::~ApiCall()
{
    // A handler that dropped the call without answering must not leave the client hanging.
    if (!m_answered)
        reply(ApiReply::error(500, QStringLiteral("internal"), QStringLiteral("the request was not answered")));
}

QByteArray ApiCall::header(const QByteArray& name) const
{
    for (const auto& [key, value] : m_headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

void ApiCall::reply(QHttpServerResponse&& response)
{
    if (m_answered) {
        qCWarning(lcApiCall) << "second reply ignored for" << m_path;
        return;
    }
    m_answered = true;
    // Responses carry patient data and tokens: no cache on the way may keep them.
    response.setHeader(QByteArrayLiteral("Cache-Control"), QByteArrayLiteral("no-store"));
    // The outcome is recorded even when nobody is left to read it: a retry with the same
    // Idempotency-Key then gets this answer instead of acting twice.
    if (m_onReplied)
        m_onReplied(response);
    if (m_socket && m_socket->state() == QAbstractSocket::ConnectedState)
        response.write(std::move(*m_responder));
    else
        qCInfo(lcApiCall) << "client left before its answer to" << m_path;
}

void ApiCall::replyJson(const QJsonValue& body, int status)
{
    reply(ApiReply::json(body, status));
}

void ApiCall::fail(int status, const QString& code, const QString& message, const QString& field)
{
    reply(ApiReply::error(status, code, message, field));
}
