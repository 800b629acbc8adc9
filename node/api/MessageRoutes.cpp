#include "node/api/MessageRoutes.h"

#include "node/api/ApiContext.h"
#include "node/api/ApiJson.h"
#include "node/api/ApiRouter.h"
#include "node/api/MessageView.h"
#include "node/api/QueryReader.h"
#include "node/query/MessageQuery.h"
#include "node/query/UnitScope.h"

#include <QJsonDocument>

using Method = QHttpServerRequest::Method;

namespace {

const QStringList FilterParameters{QStringLiteral("correlationId"), QStringLiteral("controlId"),
                                   QStringLiteral("patientId"),     QStringLiteral("type"),
                                   QStringLiteral("state"),         QStringLiteral("channel"),
                                   QStringLiteral("format"),        QStringLiteral("from"),
                                   QStringLiteral("to"),            QStringLiteral("before"),
                                   QStringLiteral("limit")};

/// Reads the filter; false when the call was answered with a 400.
bool readFilter(const ApiCallPtr& call, MessageFilter& filter, int maxLimit)
{
    QueryReader q(call->query());
    filter.correlationId = q.text(QStringLiteral("correlationId"), 64).toLatin1();
    filter.controlId = q.text(QStringLiteral("controlId"), 199);
    filter.patientId = q.text(QStringLiteral("patientId"), 250);
    filter.messageType = q.text(QStringLiteral("type"), 16);
    filter.state = q.choice(QStringLiteral("state"), {QStringLiteral("accepted"), QStringLiteral("invalid"),
                                                      QStringLiteral("unparseable"), QStringLiteral("duplicate")});
    filter.channel = q.text(QStringLiteral("channel"), 128);
    filter.format = q.choice(QStringLiteral("format"), {QStringLiteral("hl7v2"), QStringLiteral("fhir+json")});
    filter.fromMs = q.time(QStringLiteral("from"));
    filter.toMs = q.time(QStringLiteral("to"));
    filter.beforeId = q.integer(QStringLiteral("before"), 1, std::numeric_limits<qint64>::max(), 0);
    filter.limit = int(q.integer(QStringLiteral("limit"), 1, maxLimit, MessageFilter::DefaultLimit));
    filter.units = UnitScope::of(call->principal());
    if (q.rejectIfInvalid(*call))
        return false;
    QString error;
    if (!MessageQuery::validate(filter, &error)) {
        call->fail(400, QStringLiteral("invalid-parameter"), error);
        return false;
    }
    return true;
}

void auditPatientSearch(ApiContext& ctx, const ApiCallPtr& call, const MessageFilter& filter, const QString& action)
{
    // Looking a patient up is itself worth knowing about; the identifier stays out of the log.
    if (!filter.patientId.isEmpty())
        ctx.recordAudit(call.get(), AuditEntry{.action = action,
                                               .detail = QJsonObject{{QStringLiteral("by"), QStringLiteral("patientId")}}});
}

void listMessages(ApiContext& ctx, const ApiCallPtr& call)
{
    MessageFilter filter;
    if (!readFilter(call, filter, MessageFilter::MaxLimit))
        return;
    QString error;
    const auto page = ctx.messages.find(filter, &error);
    if (!page)
        return call->fail(500, QStringLiteral("internal"), QStringLiteral("the search failed: %1").arg(error));
    auditPatientSearch(ctx, call, filter, QStringLiteral("search-patient"));
    QJsonArray items;
    for (const MessageSummary& m : page->items)
        items.append(ApiJson::messageSummary(m, !Authorizer::seesPhiUnmasked(call->principal(), m.unit)));
    QJsonObject body{{QStringLiteral("items"), items}};
    if (page->nextCursor != 0)
        body.insert(QStringLiteral("nextCursor"), page->nextCursor);
    call->replyJson(body);
}

std::optional<qint64> messageId(const ApiCallPtr& call)
{
    bool ok = false;
    const qint64 id = call->arg(QStringLiteral("id")).toLongLong(&ok);
    if (!ok || id <= 0) {
        call->fail(400, QStringLiteral("invalid-parameter"), QStringLiteral("the message id must be a positive number"),
                   QStringLiteral("id"));
        return std::nullopt;
    }
    return id;
}

std::optional<MessageDetail> loadMessage(ApiContext& ctx, const ApiCallPtr& call, qint64 id)
{
    QString error;
    auto detail = ctx.messages.message(id, UnitScope::of(call->principal()), &error);
    if (!detail) {
        if (error.isEmpty())
            call->fail(404, QStringLiteral("not-found"), QStringLiteral("no message %1").arg(id));
        else
            call->fail(500, QStringLiteral("internal"), QStringLiteral("cannot read message %1: %2").arg(id).arg(error));
    }
    return detail;
}

void showMessage(ApiContext& ctx, const ApiCallPtr& call)
{
    const auto id = messageId(call);
    if (!id)
        return;
    const auto detail = loadMessage(ctx, call, *id);
    if (!detail)
        return;
    const bool unmasked = Authorizer::seesPhiUnmasked(call->principal(), detail->message.unit);
    call->replyJson(MessageView::detail(*detail, unmasked, ctx.phiMasker, ctx.fhirMasker));
}

void revealMessage(ApiContext& ctx, const ApiCallPtr& call)
{
    const auto id = messageId(call);
    if (!id)
        return;
    const QJsonObject body = call->body();
    for (auto it = body.begin(); it != body.end(); ++it) {
        if (it.key() != u"reason")
            return call->fail(400, QStringLiteral("unknown-field"),
                              QStringLiteral("unknown field \"%1\" (send reason)").arg(it.key()), it.key());
    }
    const QString reason = body.value(u"reason").toString().trimmed();
    if (reason.size() < 5 || reason.size() > 500)
        return call->fail(400, QStringLiteral("reason-required"),
                          QStringLiteral("say why you need to see this patient's data (5 to 500 characters); the "
                                         "reason is kept in the audit log"),
                          QStringLiteral("reason"));
    const auto detail = loadMessage(ctx, call, *id);
    if (!detail)
        return;
    // Audit first: a reveal that cannot be recorded does not happen.
    if (!ctx.recordAudit(call.get(), AuditEntry{.action = QStringLiteral("reveal-phi"),
                                                .target = QStringLiteral("message:%1").arg(*id),
                                                .reason = reason}))
        return call->fail(503, QStringLiteral("audit-unavailable"),
                          QStringLiteral("the audit log cannot be written, so nothing is revealed"));
    QJsonObject o{{QStringLiteral("id"), *id}};
    if (!detail->message.patientId.isEmpty())
        o.insert(QStringLiteral("patientId"), detail->message.patientId);
    o.insert(QStringLiteral("content"), MessageView::content(detail->message, true, ctx.phiMasker, ctx.fhirMasker));
    call->replyJson(o);
}

void exportMessages(ApiContext& ctx, const ApiCallPtr& call)
{
    MessageFilter filter;
    if (!readFilter(call, filter, MessageFilter::MaxLimit))
        return;
    QString error;
    const auto page = ctx.messages.find(filter, &error);
    if (!page)
        return call->fail(500, QStringLiteral("internal"), QStringLiteral("the export failed: %1").arg(error));
    // One JSON object per line with the masked content: exports leave the node and get mailed,
    // attached to tickets and forgotten, so they never carry patient identifiers.
    QByteArray lines;
    for (const MessageSummary& m : page->items) {
        QJsonObject line = ApiJson::messageSummary(m, true);
        if (const auto detail = ctx.messages.message(m.id, filter.units))
            line.insert(QStringLiteral("content"),
                        MessageView::content(detail->message, false, ctx.phiMasker, ctx.fhirMasker));
        lines += QJsonDocument(line).toJson(QJsonDocument::Compact) + '\n';
    }
    ctx.recordAudit(call.get(), AuditEntry{.action = QStringLiteral("export-messages"),
                                           .detail = QJsonObject{{QStringLiteral("count"), page->items.size()},
                                                                 {QStringLiteral("masked"), true}}});
    QHttpServerResponse response(QByteArrayLiteral("application/x-ndjson"), lines);
    if (page->nextCursor != 0)
        response.setHeader(QByteArrayLiteral("X-Next-Cursor"), QByteArray::number(page->nextCursor));
    response.setHeader(QByteArrayLiteral("Content-Disposition"), QByteArrayLiteral("attachment; filename=\"messages.ndjson\""));
    call->reply(std::move(response));
}

void showTrace(ApiContext& ctx, const ApiCallPtr& call)
{
    const QByteArray correlationId = call->arg(QStringLiteral("correlationId")).toLatin1().toLower();
    if (correlationId.size() != 32 || correlationId.contains(' '))
        return call->fail(400, QStringLiteral("invalid-parameter"),
                          QStringLiteral("a correlation ID is 32 hexadecimal characters"), QStringLiteral("correlationId"));
    QString error;
    const auto messages = ctx.messages.byCorrelation(correlationId, UnitScope::of(call->principal()), &error);
    if (!messages)
        return call->fail(500, QStringLiteral("internal"), QStringLiteral("cannot read the trace: %1").arg(error));
    if (messages->isEmpty())
        return call->fail(404, QStringLiteral("not-found"), QStringLiteral("no message has this correlation ID"));
    QJsonArray items;
    for (const MessageSummary& m : *messages)
        items.append(ApiJson::messageSummary(m, !Authorizer::seesPhiUnmasked(call->principal(), m.unit)));
    // The events of every message of the correlation, in time order (the first message's detail
    // already merges them).
    QJsonArray events;
    if (const auto detail = ctx.messages.message(messages->first().id, UnitScope::of(call->principal())))
        events = ApiJson::trace(detail->trace);
    call->replyJson(QJsonObject{{QStringLiteral("correlationId"), QString::fromLatin1(correlationId)},
                                {QStringLiteral("messages"), items},
                                {QStringLiteral("events"), events}});
}

} // namespace

namespace MessageRoutes {

void add(ApiRouter& router, ApiContext& ctx)
{
    router.add({.method = Method::Get,
                .pattern = QStringLiteral("/api/v1/messages"),
                .permission = Permission::ReadMessages,
                .queryParameters = FilterParameters,
                .handler = [&ctx](const ApiCallPtr& call) { listMessages(ctx, call); }});
    router.add({.method = Method::Get,
                .pattern = QStringLiteral("/api/v1/messages/export"),
                .permission = Permission::ExportMessages,
                .queryParameters = FilterParameters,
                .handler = [&ctx](const ApiCallPtr& call) { exportMessages(ctx, call); }});
    router.add({.method = Method::Get,
                .pattern = QStringLiteral("/api/v1/messages/{id}"),
                .permission = Permission::ReadMessages,
                .handler = [&ctx](const ApiCallPtr& call) { showMessage(ctx, call); }});
    // Not idempotency-keyed on purpose: a stored replay would keep the unmasked content in ops.db.
    // Every reveal is audited instead.
    router.add({.method = Method::Post,
                .pattern = QStringLiteral("/api/v1/messages/{id}/reveal"),
                .permission = Permission::RevealPhi,
                .jsonBody = true,
                .handler = [&ctx](const ApiCallPtr& call) { revealMessage(ctx, call); }});
    router.add({.method = Method::Get,
                .pattern = QStringLiteral("/api/v1/traces/{correlationId}"),
                .permission = Permission::ReadMessages,
                .handler = [&ctx](const ApiCallPtr& call) { showTrace(ctx, call); }});
}

} // namespace MessageRoutes
