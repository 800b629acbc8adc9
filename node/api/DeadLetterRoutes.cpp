#include "node/api/DeadLetterRoutes.h"

#include "node/api/ApiContext.h"
#include "node/api/ApiJson.h"
#include "node/api/ApiRouter.h"
#include "node/api/MessageView.h"
#include "node/api/ParkActions.h"
#include "node/api/QueryReader.h"
#include "node/api/ResubmitActions.h"
#include "node/query/DeadLetterQuery.h"
#include "node/query/MessageQuery.h"
#include "node/store/MessageStore.h"

using Method = QHttpServerRequest::Method;

namespace {

const QStringList FilterParameters{QStringLiteral("state"),     QStringLiteral("stage"),
                                   QStringLiteral("errorClass"), QStringLiteral("channel"),
                                   QStringLiteral("destination"), QStringLiteral("signature"),
                                   QStringLiteral("before"),    QStringLiteral("limit")};

bool readFilter(const ApiCallPtr& call, DeadLetterFilter& filter)
{
    QueryReader q(call->query());
    filter.state = q.choice(QStringLiteral("state"),
                            {QStringLiteral("open"), QStringLiteral("resubmitted"), QStringLiteral("parked"),
                             QStringLiteral("all")},
                            QStringLiteral("open"));
    filter.stage = q.choice(QStringLiteral("stage"),
                            {QStringLiteral("parse"), QStringLiteral("validate"), QStringLiteral("deliver")});
    filter.errorClass = q.text(QStringLiteral("errorClass"), 64);
    filter.channel = q.text(QStringLiteral("channel"), 128);
    filter.destination = q.text(QStringLiteral("destination"), 128);
    filter.signature = q.text(QStringLiteral("signature"), 1024);
    filter.beforeId = q.integer(QStringLiteral("before"), 1, std::numeric_limits<qint64>::max(), 0);
    filter.limit = int(q.integer(QStringLiteral("limit"), 1, MessageFilter::MaxLimit, MessageFilter::DefaultLimit));
    return !q.rejectIfInvalid(*call);
}

void listDeadLetters(ApiContext& ctx, const ApiCallPtr& call)
{
    DeadLetterFilter filter;
    if (!readFilter(call, filter))
        return;
    QString error;
    const auto page = ctx.deadLetters.find(filter, &error);
    if (!page)
        return call->fail(400, QStringLiteral("invalid-parameter"), error);
    QJsonArray items;
    for (const DeadLetterSummary& d : page->items)
        items.append(ApiJson::deadLetterSummary(d));
    QJsonObject body{{QStringLiteral("items"), items}};
    if (page->nextCursor != 0)
        body.insert(QStringLiteral("nextCursor"), page->nextCursor);
    call->replyJson(body);
}

void listGroups(ApiContext& ctx, const ApiCallPtr& call)
{
    DeadLetterFilter filter;
    if (!readFilter(call, filter))
        return;
    QString error;
    const auto groups = ctx.deadLetters.groups(filter, &error);
    if (!groups)
        return call->fail(400, QStringLiteral("invalid-parameter"), error);
    QJsonArray items;
    for (const DeadLetterGroup& g : *groups)
        items.append(ApiJson::deadLetterGroup(g));
    call->replyJson(QJsonObject{{QStringLiteral("items"), items}});
}

void showDeadLetter(ApiContext& ctx, const ApiCallPtr& call)
{
    bool ok = false;
    const qint64 id = call->arg(QStringLiteral("id")).toLongLong(&ok);
    if (!ok || id <= 0)
        return call->fail(400, QStringLiteral("invalid-parameter"), QStringLiteral("the id must be a positive number"),
                          QStringLiteral("id"));
    const auto letter = ctx.store.deadLetter(id);
    if (!letter)
        return call->fail(404, QStringLiteral("not-found"), QStringLiteral("no dead letter %1").arg(id));
    QJsonObject body{{QStringLiteral("id"), letter->id},
                     {QStringLiteral("messageId"), letter->messageId},
                     {QStringLiteral("correlationId"), QString::fromLatin1(letter->correlationId)},
                     {QStringLiteral("stage"), letter->stage},
                     {QStringLiteral("reason"), letter->reason},
                     {QStringLiteral("attempts"), letter->attempts},
                     {QStringLiteral("createdAt"), ApiJson::time(letter->createdAtMs)},
                     {QStringLiteral("state"), letter->state}};
    for (const auto& [key, value] : {std::pair{"channel", letter->channel}, std::pair{"destination", letter->destination},
                                     std::pair{"errorClass", letter->errorClass},
                                     std::pair{"errorLocation", letter->errorLocation}}) {
        if (!value.isEmpty())
            body.insert(QLatin1StringView(key), value);
    }
    if (letter->resubmittedAs != 0)
        body.insert(QStringLiteral("resubmittedAs"), letter->resubmittedAs);
    if (letter->parkedAtMs != 0) {
        body.insert(QStringLiteral("parkedAt"), ApiJson::time(letter->parkedAtMs));
        body.insert(QStringLiteral("parkedBy"), letter->parkedBy);
        body.insert(QStringLiteral("parkReason"), letter->parkReason);
    }
    if (const auto message = ctx.store.message(letter->messageId)) {
        const bool unmasked = Authorizer::seesPhiUnmasked(call->principal(), message->unit);
        body.insert(QStringLiteral("content"), MessageView::content(*message, unmasked, ctx.phiMasker, ctx.fhirMasker));
    }
    call->replyJson(body);
}

} // namespace

namespace DeadLetterRoutes {

void add(ApiRouter& router, ApiContext& ctx)
{
    router.add({.method = Method::Get,
                .pattern = QStringLiteral("/api/v1/dead-letters"),
                .permission = Permission::ReadDeadLetters,
                .queryParameters = FilterParameters,
                .handler = [&ctx](const ApiCallPtr& call) { listDeadLetters(ctx, call); }});
    router.add({.method = Method::Get,
                .pattern = QStringLiteral("/api/v1/dead-letters/groups"),
                .permission = Permission::ReadDeadLetters,
                .queryParameters = FilterParameters,
                .handler = [&ctx](const ApiCallPtr& call) { listGroups(ctx, call); }});
    router.add({.method = Method::Get,
                .pattern = QStringLiteral("/api/v1/dead-letters/{id}"),
                .permission = Permission::ReadDeadLetters,
                .handler = [&ctx](const ApiCallPtr& call) { showDeadLetter(ctx, call); }});
    ResubmitActions::add(router, ctx);
    ParkActions::add(router, ctx);
}

} // namespace DeadLetterRoutes
