#include "node/api/ApiContext.h"

#include "node/api/ApiCall.h"
#include "node/api/ApiJson.h"
#include "node/audit/AuditLog.h"
#include "node/stream/EventHub.h"

#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcAudit, "vigil.api.audit")

bool ApiContext::recordAudit(const ApiCall* call, AuditEntry entry)
{
    if (call) {
        if (call->signedIn()) {
            entry.actor = call->principal().userName;
            entry.role = roleName(call->principal().role);
        }
        entry.remote = call->remote();
    }
    if (entry.outcome.isEmpty())
        entry.outcome = QStringLiteral("ok");
    QString error;
    const qint64 seq = audit.append(entry, &error);
    if (seq <= 0) {
        qCCritical(lcAudit) << "cannot write the audit log:" << error;
        return false;
    }
    entry.seq = seq;
    QJsonObject data{{QStringLiteral("seq"), seq},
                     {QStringLiteral("actor"), entry.actor},
                     {QStringLiteral("action"), entry.action},
                     {QStringLiteral("outcome"), entry.outcome}};
    if (!entry.target.isEmpty())
        data.insert(QStringLiteral("target"), entry.target);
    events.publish(QStringLiteral("audit.appended"), data);
    return true;
}
