#include "node/api/ApiRouter.h"

#include "node/api/ApiReply.h"
#include "node/audit/IdempotencyStore.h"
#include "node/auth/SessionTokens.h"

#include <QHttpServerResponder>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QRegularExpression>

namespace {

QString methodName(QHttpServerRequest::Method method)
{
    switch (method) {
    case QHttpServerRequest::Method::Get:
        return QStringLiteral("GET");
    case QHttpServerRequest::Method::Post:
        return QStringLiteral("POST");
    case QHttpServerRequest::Method::Put:
        return QStringLiteral("PUT");
    case QHttpServerRequest::Method::Delete:
        return QStringLiteral("DELETE");
    case QHttpServerRequest::Method::Patch:
        return QStringLiteral("PATCH");
    case QHttpServerRequest::Method::Head:
        return QStringLiteral("HEAD");
    case QHttpServerRequest::Method::Options:
        return QStringLiteral("OPTIONS");
    default:
        return QStringLiteral("other");
    }
}

} // namespace

ApiRouter::ApiRouter(SessionTokens& tokens, IdempotencyStore& idempotency)
    : m_tokens(tokens)
    , m_idempotency(idempotency)
{
}

void ApiRouter::add(Route route)
{
    m_routes.append(std::move(route));
}

bool ApiRouter::matches(const QString& pattern, const QString& path, QHash<QString, QString>* args)
{
    const QStringList want = pattern.split(u'/', Qt::SkipEmptyParts);
    const QStringList have = path.split(u'/', Qt::SkipEmptyParts);
    if (want.size() != have.size())
        return false;
    QHash<QString, QString> found;
    for (qsizetype i = 0; i < want.size(); ++i) {
        const QString& w = want.at(i);
        if (w.startsWith(u'{') && w.endsWith(u'}')) {
            const QString name = w.mid(1, w.size() - 2);
            // Numeric IDs only, so "/dead-letters/resubmit" is never taken for dead letter "resubmit".
            if (name == u"id" && !QRegularExpression(QStringLiteral("^[0-9]{1,18}$")).match(have.at(i)).hasMatch())
                return false;
            found.insert(name, have.at(i));
        } else if (w != have.at(i)) {
            return false;
        }
    }
    *args = std::move(found);
    return true;
}

std::optional<Principal> ApiRouter::authenticate(const QByteArray& authorization, const QString& remote) const
{
    const QByteArray value = authorization.trimmed();
    // The scheme name is case-insensitive (RFC 9110 11.1).
    if (value.size() < 8 || qstrnicmp(value.constData(), "bearer ", 7) != 0)
        return std::nullopt;
    return m_tokens.validate(QString::fromLatin1(value.mid(7).trimmed()), remote);
}

bool ApiRouter::dispatch(const QHttpServerRequest& request, QHttpServerResponder&& responder)
{
    const QString path = request.url().path();
    if (!path.startsWith(u"/api/"))
        return false;
    auto call = std::make_shared<ApiCall>(request, std::move(responder));
    const Route* found = nullptr;
    QStringList allowed;
    QHash<QString, QString> args;
    for (const Route& route : std::as_const(m_routes)) {
        QHash<QString, QString> routeArgs;
        if (!matches(route.pattern, path, &routeArgs))
            continue;
        if (!allowed.contains(methodName(route.method)))
            allowed << methodName(route.method);
        if (route.method == request.method() && !found) {
            found = &route;
            args = std::move(routeArgs);
        }
    }
    if (!found) {
        if (allowed.isEmpty()) {
            call->fail(404, QStringLiteral("not-found"),
                       QStringLiteral("no such endpoint: %1 %2 (see docs/ops-api.md)")
                           .arg(methodName(request.method()), path));
        } else {
            auto response = ApiReply::error(405, QStringLiteral("method-not-allowed"),
                                            QStringLiteral("%1 is not allowed on %2; use %3")
                                                .arg(methodName(request.method()), path, allowed.join(u", ")));
            response.setHeader(QByteArrayLiteral("Allow"), allowed.join(u", ").toLatin1());
            call->reply(std::move(response));
        }
        return true;
    }
    call->setArgs(std::move(args));
    run(*found, call);
    return true;
}

void ApiRouter::run(const Route& route, const ApiCallPtr& call)
{
    if (route.access != Access::Public) {
        auto principal = authenticate(call->header("authorization"), call->remote());
        if (!principal) {
            auto response = ApiReply::error(401, QStringLiteral("unauthenticated"),
                                            call->header("authorization").isEmpty()
                                                ? QStringLiteral("sign in first: POST /api/v1/session, then send "
                                                                 "\"Authorization: Bearer <token>\"")
                                                : QStringLiteral("the token is invalid or expired; sign in again"));
            response.setHeader(QByteArrayLiteral("WWW-Authenticate"), QByteArrayLiteral("Bearer realm=\"vigil\""));
            call->reply(std::move(response));
            return;
        }
        call->setPrincipal(std::move(*principal));
        if (route.access == Access::Permitted && !Authorizer::allows(call->principal(), route.permission)) {
            call->fail(403, QStringLiteral("forbidden"),
                       QStringLiteral("the %1 role may not do this").arg(roleName(call->principal().role)));
            return;
        }
    }

    const auto items = call->query().queryItems(QUrl::FullyDecoded);
    for (const auto& [name, value] : items) {
        if (!route.queryParameters.contains(name)) {
            call->fail(400, QStringLiteral("unknown-parameter"),
                       route.queryParameters.isEmpty()
                           ? QStringLiteral("this endpoint takes no query parameters (got \"%1\")").arg(name)
                           : QStringLiteral("unknown query parameter \"%1\" (accepted: %2)")
                                 .arg(name, route.queryParameters.join(u", ")),
                       name);
            return;
        }
    }

    if (route.jsonBody) {
        const QByteArray contentType = call->header("content-type").toLower();
        if (!contentType.startsWith("application/json")) {
            call->fail(415, QStringLiteral("unsupported-media-type"),
                       QStringLiteral("send the body as Content-Type: application/json"));
            return;
        }
        QJsonParseError parseError;
        const QJsonDocument document = QJsonDocument::fromJson(call->rawBody(), &parseError);
        if (parseError.error != QJsonParseError::NoError) {
            call->fail(400, QStringLiteral("malformed-json"),
                       QStringLiteral("the body is not valid JSON: %1 at offset %2")
                           .arg(parseError.errorString())
                           .arg(parseError.offset));
            return;
        }
        if (!document.isObject()) {
            call->fail(400, QStringLiteral("malformed-json"), QStringLiteral("the body must be a JSON object"));
            return;
        }
        call->setBody(document.object());
    } else if (!call->rawBody().isEmpty()) {
        call->fail(400, QStringLiteral("unexpected-body"), QStringLiteral("this endpoint takes no request body"));
        return;
    }

    if (route.idempotent) {
        const QString key = QString::fromLatin1(call->header("idempotency-key"));
        if (key.isEmpty() || !IdempotencyStore::isValidKey(key)) {
            call->fail(400, QStringLiteral("idempotency-key-required"),
                       key.isEmpty() ? QStringLiteral("state-changing requests need an Idempotency-Key header "
                                                      "(1-128 characters of A-Z a-z 0-9 _ - : .; a UUID fits)")
                                     : QStringLiteral("the Idempotency-Key must be 1-128 characters of "
                                                      "A-Z a-z 0-9 _ - : ."),
                       QStringLiteral("Idempotency-Key"));
            return;
        }
        const qint64 userId = call->principal().userId;
        const QByteArray target = QByteArray(call->path().toUtf8() + '?' + call->query().toString().toUtf8());
        const QByteArray fingerprint
            = IdempotencyStore::fingerprint(methodName(call->method()).toLatin1(), target, call->rawBody());
        const auto begun = m_idempotency.begin(userId, key, fingerprint);
        switch (begun.kind) {
        case IdempotencyStore::Begin::Kind::Started:
            break;
        case IdempotencyStore::Begin::Kind::Replay: {
            QHttpServerResponse response(begun.contentType.toLatin1(), begun.body,
                                         static_cast<QHttpServerResponse::StatusCode>(begun.status));
            response.setHeader(QByteArrayLiteral("Idempotent-Replayed"), QByteArrayLiteral("true"));
            call->reply(std::move(response));
            return;
        }
        case IdempotencyStore::Begin::Kind::InProgress:
            call->fail(409, QStringLiteral("in-progress"),
                       QStringLiteral("a request with this Idempotency-Key is still being handled"));
            return;
        case IdempotencyStore::Begin::Kind::Mismatch:
            call->fail(422, QStringLiteral("idempotency-key-reused"),
                       QStringLiteral("this Idempotency-Key was already used for a different request"));
            return;
        case IdempotencyStore::Begin::Kind::Failed:
            call->fail(500, QStringLiteral("internal"), QStringLiteral("cannot record the Idempotency-Key: %1")
                                                            .arg(begun.error));
            return;
        }
        IdempotencyStore* store = &m_idempotency;
        call->setOnReplied([store, userId, key](QHttpServerResponse& response) {
            const int status = int(response.statusCode());
            // A server-side failure changed nothing: let a retry act. Everything else, including
            // a 4xx for a bad request, is the answer the same request will always get.
            if (status >= 500)
                store->abandon(userId, key);
            else
                store->complete(userId, key, status, QString::fromLatin1(response.mimeType()), response.data());
        });
    }
    route.handler(call);
}
