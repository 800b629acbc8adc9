#pragma once

#include "node/auth/Principal.h"

#include <QHash>
#include <QHttpServerRequest>
#include <QHttpServerResponse>
#include <QJsonObject>
#include <QPointer>
#include <QTcpSocket>
#include <QUrlQuery>

#include <functional>
#include <memory>
#include <optional>

class QHttpServerResponder;

/// One API request in flight: what the router learned about it (path arguments, query, JSON body,
/// the signed-in principal) and the way to answer it, now or later (a handler that waits for the
/// store keeps the shared pointer and replies from the completion). The first reply wins; replying
/// twice is a bug and is ignored with a warning.
class ApiCall
{
public:
    ApiCall(const QHttpServerRequest& request, QHttpServerResponder&& responder);
    ~ApiCall();

    QHttpServerRequest::Method method() const { return m_method; }
    const QString& path() const { return m_path; }
    QString arg(const QString& name) const { return m_args.value(name); }
    const QUrlQuery& query() const { return m_query; }
    const QJsonObject& body() const { return m_body; }
    const QByteArray& rawBody() const { return m_rawBody; }
    QByteArray header(const QByteArray& name) const;
    const Principal& principal() const { return *m_principal; }
    bool signedIn() const { return m_principal.has_value(); }
    const QString& remote() const { return m_remote; }

    void reply(QHttpServerResponse&& response);
    void replyJson(const QJsonValue& body, int status = 200);
    void fail(int status, const QString& code, const QString& message, const QString& field = {});
    bool answered() const { return m_answered; }

    /// Runs just before the reply is written (the router stores idempotent results with it and may
    /// add headers).
    void setOnReplied(std::function<void(QHttpServerResponse&)> hook) { m_onReplied = std::move(hook); }

    // Router's side.
    void setArgs(QHash<QString, QString> args) { m_args = std::move(args); }
    void setBody(QJsonObject body) { m_body = std::move(body); }
    void setPrincipal(Principal principal) { m_principal = std::move(principal); }

private:
    QHttpServerRequest::Method m_method;
    QString m_path;
    QHash<QString, QString> m_args;
    QUrlQuery m_query;
    QList<QPair<QByteArray, QByteArray>> m_headers;
    QByteArray m_rawBody;
    QJsonObject m_body;
    std::optional<Principal> m_principal;
    QString m_remote;
    std::unique_ptr<QHttpServerResponder> m_responder;
    /// Qt 6.4's responder keeps a plain pointer to the socket, which the server deletes when the
    /// client leaves: an answer that comes later (after a store commit) must check first.
    QPointer<QTcpSocket> m_socket;
    std::function<void(QHttpServerResponse&)> m_onReplied;
    bool m_answered = false;
};

using ApiCallPtr = std::shared_ptr<ApiCall>;
