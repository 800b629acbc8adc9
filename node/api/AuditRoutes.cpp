#include "node/api/AuditRoutes.h"

#include "node/api/ApiContext.h"
#include "node/api/ApiJson.h"
#include "node/api/ApiRouter.h"
#include "node/api/QueryReader.h"
#include "node/audit/AuditLog.h"

using Method = QHttpServerRequest::Method;

namespace AuditRoutes {

void add(ApiRouter& router, ApiContext& ctx)
{
    router.add({.method = Method::Get,
                .pattern = QStringLiteral("/api/v1/audit"),
                .permission = Permission::ReadAudit,
                .queryParameters = {QStringLiteral("actor"), QStringLiteral("action"), QStringLiteral("target"),
                                    QStringLiteral("from"), QStringLiteral("to"), QStringLiteral("before"),
                                    QStringLiteral("limit")},
                .handler = [&ctx](const ApiCallPtr& call) {
                    QueryReader q(call->query());
                    AuditFilter filter;
                    filter.actor = q.text(QStringLiteral("actor"), 64);
                    filter.action = q.text(QStringLiteral("action"), 64);
                    filter.target = q.text(QStringLiteral("target"), 128);
                    if (const qint64 from = q.time(QStringLiteral("from")))
                        filter.fromMs = from;
                    if (const qint64 to = q.time(QStringLiteral("to")))
                        filter.toMs = to;
                    filter.beforeSeq = q.integer(QStringLiteral("before"), 1, std::numeric_limits<qint64>::max(), 0);
                    filter.limit = int(q.integer(QStringLiteral("limit"), 1, 500, 100));
                    if (q.rejectIfInvalid(*call))
                        return;
                    QString error;
                    const auto page = ctx.audit.list(filter, &error);
                    if (!page)
                        return call->fail(500, QStringLiteral("internal"),
                                          QStringLiteral("cannot read the audit log: %1").arg(error));
                    QJsonArray items;
                    for (const AuditEntry& e : page->entries)
                        items.append(ApiJson::auditEntry(e));
                    QJsonObject body{{QStringLiteral("items"), items}};
                    if (page->nextBeforeSeq != 0)
                        body.insert(QStringLiteral("nextCursor"), page->nextBeforeSeq);
                    call->replyJson(body);
                }});
    router.add({.method = Method::Get,
                .pattern = QStringLiteral("/api/v1/audit/verify"),
                .permission = Permission::ReadAudit,
                .handler = [&ctx](const ApiCallPtr& call) {
                    const AuditVerifyResult result = ctx.audit.verify();
                    QJsonObject body{{QStringLiteral("intact"), result.ok},
                                     {QStringLiteral("entriesChecked"), result.entriesChecked}};
                    if (result.ok) {
                        body.insert(QStringLiteral("headSeq"), result.headSeq);
                        body.insert(QStringLiteral("headHash"), QString::fromLatin1(result.headHash));
                    } else {
                        body.insert(QStringLiteral("firstBadSeq"), result.firstBadSeq);
                        body.insert(QStringLiteral("reason"), result.reason);
                    }
                    call->replyJson(body);
                }});
}

} // namespace AuditRoutes
