#pragma once

#include "node/api/ApiCall.h"
#include "node/auth/Authorizer.h"

#include <QHttpServerRequest>
#include <QString>
#include <QStringList>

#include <functional>
#include <optional>

class IdempotencyStore;
class SessionTokens;
class QHttpServerResponder;

/// Matches /api/v1 requests to their handlers and applies, in one place, what every endpoint owes
/// (docs/ops-api.md "Conventions"): the bearer token (401), the role's permission (403), strict
/// query parameters and JSON bodies (400 naming the field), idempotency keys for state-changing
/// requests (a replay returns the first answer), 404 for unknown paths and 405 for a known path
/// with the wrong method. QHttpServer 6.4's own router answers an unknown method with 404 and
/// has no hook for checks shared by all routes, so it hands us every request it has no route for.
class ApiRouter
{
public:
    enum class Access {
        Public,                                      ///< no token (sign-in, health)
        SignedIn,                                    ///< any valid token
        Permitted,                                   ///< a token whose role has `permission`
    };
    using Handler = std::function<void(const ApiCallPtr&)>;
    struct Route
    {
        QHttpServerRequest::Method method = QHttpServerRequest::Method::Get;
        QString pattern;                             ///< "/api/v1/messages/{id}"
        Access access = Access::Permitted;
        Permission permission = Permission::ReadNodeInfo;
        bool idempotent = false;                     ///< state-changing: requires an Idempotency-Key
        QStringList queryParameters;                 ///< the only ones accepted
        bool jsonBody = false;                       ///< requires a JSON object body
        Handler handler;
    };

    ApiRouter(SessionTokens& tokens, IdempotencyStore& idempotency);

    void add(Route route);
    /// True when it answered (the path is under /api/).
    bool dispatch(const QHttpServerRequest& request, QHttpServerResponder&& responder);
    /// The principal behind an Authorization header value ("Bearer ..."), for the stream.
    std::optional<Principal> authenticate(const QByteArray& authorization, const QString& remote) const;

private:
    struct Match
    {
        const Route* route = nullptr;
        QHash<QString, QString> args;
    };
    static bool matches(const QString& pattern, const QString& path, QHash<QString, QString>* args);
    void run(const Route& route, const ApiCallPtr& call);

    SessionTokens& m_tokens;
    IdempotencyStore& m_idempotency;
    QList<Route> m_routes;
};
