#include "node/api/ParkActions.h"

#include "node/api/ApiContext.h"
#include "node/api/ApiRouter.h"
#include "node/api/DeadLetterSelection.h"
#include "node/pipeline/DeadLetterParking.h"

#include <QJsonArray>

using Method = QHttpServerRequest::Method;

namespace {

bool checkFields(const ApiCallPtr& call)
{
    static const QStringList allowed{QStringLiteral("ids"), QStringLiteral("signature"), QStringLiteral("reason")};
    const QJsonObject body = call->body();
    for (auto it = body.begin(); it != body.end(); ++it) {
        if (!allowed.contains(it.key())) {
            call->fail(400, QStringLiteral("unknown-field"),
                       QStringLiteral("unknown field \"%1\" (accepted: %2)").arg(it.key(), allowed.join(u", ")),
                       it.key());
            return false;
        }
    }
    return true;
}

void act(ApiContext& ctx, const ApiCallPtr& call, bool park)
{
    if (!checkFields(call))
        return;
    const QString verb = park ? QStringLiteral("parked") : QStringLiteral("unparked");
    const QString reason = call->body().value(u"reason").toString().trimmed();
    if (reason.size() < 5 || reason.size() > 500)
        return call->fail(400, QStringLiteral("reason-required"),
                          QStringLiteral("say why these dead letters are %1 (5 to 500 characters); the reason is kept "
                                         "in the audit log")
                              .arg(verb),
                          QStringLiteral("reason"));
    // Parking takes open dead letters, unparking parked ones: a group means its members in that state.
    const auto selection
        = DeadLetterSelection::read(call, ctx.deadLetters, park ? QStringLiteral("open") : QStringLiteral("parked"));
    if (!selection)
        return;
    if (!ctx.parking)
        return call->fail(500, QStringLiteral("internal"), QStringLiteral("parking is not available on this node"));

    // Audit before acting: an action that cannot be recorded does not happen.
    AuditEntry entry{.action = park ? QStringLiteral("dead-letter-park") : QStringLiteral("dead-letter-unpark"),
                     .target = selection->target,
                     .reason = reason};
    entry.detail = QJsonObject{{QStringLiteral("count"), selection->ids.size()}};
    if (!ctx.recordAudit(call.get(), entry))
        return call->fail(503, QStringLiteral("audit-unavailable"),
                          QStringLiteral("the audit log cannot be written, so nothing was %1").arg(verb));
    const auto answer = [call, verb](const QList<DeadLetterParking::ItemResult>& results) {
        QJsonArray items;
        int changed = 0;
        for (const auto& r : results) {
            items.append(r.toJson());
            changed += r.ok ? 1 : 0;
        }
        call->replyJson(QJsonObject{{verb, changed},
                                    {QStringLiteral("refused"), results.size() - changed},
                                    {QStringLiteral("results"), items}});
    };
    const QString actor = call->principal().userName;
    if (park)
        ctx.parking->park(selection->ids, actor, reason, answer);
    else
        ctx.parking->unpark(selection->ids, actor, answer);
}

} // namespace

namespace ParkActions {

void add(ApiRouter& router, ApiContext& ctx)
{
    router.add({.method = Method::Post,
                .pattern = QStringLiteral("/api/v1/dead-letters/park"),
                .permission = Permission::Resubmit,
                .idempotent = true,
                .jsonBody = true,
                .handler = [&ctx](const ApiCallPtr& call) { act(ctx, call, true); }});
    router.add({.method = Method::Post,
                .pattern = QStringLiteral("/api/v1/dead-letters/unpark"),
                .permission = Permission::Resubmit,
                .idempotent = true,
                .jsonBody = true,
                .handler = [&ctx](const ApiCallPtr& call) { act(ctx, call, false); }});
}

} // namespace ParkActions
