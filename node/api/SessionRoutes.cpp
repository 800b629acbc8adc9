#include "node/api/SessionRoutes.h"

#include "node/api/ApiContext.h"
#include "node/api/ApiJson.h"
#include "node/api/ApiReply.h"
#include "node/api/ApiRouter.h"
#include "node/auth/SessionTokens.h"
#include "node/auth/SignInThrottle.h"
#include "node/auth/UserDirectory.h"
#include "node/config/NodeConfig.h"

#include <QDateTime>

using Method = QHttpServerRequest::Method;

namespace {

void signIn(ApiContext& ctx, const ApiCallPtr& call)
{
    const QJsonObject body = call->body();
    for (auto it = body.begin(); it != body.end(); ++it) {
        if (it.key() != u"user" && it.key() != u"password")
            return call->fail(400, QStringLiteral("unknown-field"),
                              QStringLiteral("unknown field \"%1\" (send user and password)").arg(it.key()), it.key());
    }
    if (!body.value(u"user").isString() || !body.value(u"password").isString())
        return call->fail(400, QStringLiteral("invalid-field"), QStringLiteral("user and password must be strings"),
                          body.value(u"user").isString() ? QStringLiteral("password") : QStringLiteral("user"));
    const QString user = body.value(u"user").toString().trimmed();
    const QString password = body.value(u"password").toString();
    if (user.isEmpty() || user.size() > 64)
        return call->fail(400, QStringLiteral("invalid-field"), QStringLiteral("user must be 1 to 64 characters"),
                          QStringLiteral("user"));

    if (const auto wait = ctx.throttle.retryAfterSeconds(user, call->remote())) {
        auto response = ApiReply::error(429, QStringLiteral("too-many-attempts"),
                                        QStringLiteral("too many failed sign-ins; try again in %1 s").arg(*wait));
        response.setHeader(QByteArrayLiteral("Retry-After"), QByteArray::number(*wait));
        // Not audited: the failures that led here were, and a flood of refused attempts must not
        // turn into a flood of durable audit writes.
        return call->reply(std::move(response));
    }

    const auto result = ctx.users.authenticate(user, password, call->remote());
    if (!result.principal) {
        ctx.throttle.recordFailure(user, call->remote());
        // An unknown "user name" is often a password typed into the wrong field: it stays out of
        // the log.
        const QString actor = result.reason == UserDirectory::Failure::UnknownUser ? QStringLiteral("(unknown user)") : user;
        ctx.recordAudit(call.get(),
                        AuditEntry{.actor = actor, .action = QStringLiteral("sign-in-failed"),
                                   .outcome = QStringLiteral("denied"),
                                   .detail = QJsonObject{{QStringLiteral("why"), UserDirectory::failureName(result.reason)}}});
        // The same answer for every reason: a caller learns nothing about which user names exist.
        return call->fail(401, QStringLiteral("sign-in-failed"), QStringLiteral("wrong user name or password"));
    }
    ctx.throttle.recordSuccess(user, call->remote());
    Principal principal = *result.principal;
    principal.remote = call->remote();
    qint64 expiresAtMs = 0;
    QString error;
    const QString token = ctx.tokens.issue(principal, ctx.config.api.tokenTtlMinutes, &expiresAtMs, &error);
    if (token.isEmpty())
        return call->fail(500, QStringLiteral("internal"), QStringLiteral("cannot issue a token: %1").arg(error));
    AuditEntry entry{.action = QStringLiteral("sign-in")};
    entry.actor = principal.userName;
    entry.role = roleName(principal.role);
    if (!ctx.recordAudit(call.get(), entry)) {
        ctx.tokens.revoke(token);
        return call->fail(503, QStringLiteral("audit-unavailable"),
                          QStringLiteral("the audit log cannot be written; sign-in refused"));
    }
    call->replyJson(QJsonObject{{QStringLiteral("token"), token},
                                {QStringLiteral("tokenType"), QStringLiteral("Bearer")},
                                {QStringLiteral("expiresAt"), ApiJson::time(expiresAtMs)},
                                {QStringLiteral("user"), ApiJson::principal(principal)}});
}

} // namespace

namespace SessionRoutes {

void add(ApiRouter& router, ApiContext& ctx)
{
    router.add({.method = Method::Post,
                .pattern = QStringLiteral("/api/v1/session"),
                .access = ApiRouter::Access::Public,
                .jsonBody = true,
                .handler = [&ctx](const ApiCallPtr& call) { signIn(ctx, call); }});
    router.add({.method = Method::Get,
                .pattern = QStringLiteral("/api/v1/session"),
                .access = ApiRouter::Access::SignedIn,
                .handler = [](const ApiCallPtr& call) {
                    call->replyJson(QJsonObject{{QStringLiteral("user"), ApiJson::principal(call->principal())}});
                }});
    router.add({.method = Method::Delete,
                .pattern = QStringLiteral("/api/v1/session"),
                .access = ApiRouter::Access::SignedIn,
                .handler = [&ctx](const ApiCallPtr& call) {
                    const QByteArray authorization = call->header("authorization").trimmed();
                    ctx.tokens.revoke(QString::fromLatin1(authorization.mid(7).trimmed()));
                    ctx.recordAudit(call.get(), AuditEntry{.action = QStringLiteral("sign-out")});
                    call->reply(ApiReply::noContent());
                }});
}

} // namespace SessionRoutes
