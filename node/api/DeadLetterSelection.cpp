#include "node/api/DeadLetterSelection.h"

#include "node/query/DeadLetterQuery.h"

#include <QJsonArray>

std::optional<DeadLetterSelection> DeadLetterSelection::read(const ApiCallPtr& call, DeadLetterQuery& query,
                                                             const QString& groupState)
{
    const QJsonObject body = call->body();
    const bool hasIds = body.contains(u"ids");
    const bool hasSignature = body.contains(u"signature");
    if (hasIds == hasSignature) {
        call->fail(400, QStringLiteral("invalid-field"),
                   QStringLiteral("give either ids (a list of dead-letter ids) or signature (a failure group)"),
                   hasIds ? QStringLiteral("signature") : QStringLiteral("ids"));
        return std::nullopt;
    }
    DeadLetterSelection selection;
    if (hasIds) {
        const QJsonValue value = body.value(u"ids");
        if (!value.isArray() || value.toArray().isEmpty() || value.toArray().size() > MaxPerRequest) {
            call->fail(400, QStringLiteral("invalid-field"),
                       QStringLiteral("ids must be a list of 1 to %1 dead-letter ids").arg(MaxPerRequest),
                       QStringLiteral("ids"));
            return std::nullopt;
        }
        for (const QJsonValue& id : value.toArray()) {
            if (!id.isDouble() || id.toDouble() < 1 || id.toDouble() != double(qint64(id.toDouble()))) {
                call->fail(400, QStringLiteral("invalid-field"), QStringLiteral("ids must be positive whole numbers"),
                           QStringLiteral("ids"));
                return std::nullopt;
            }
            if (!selection.ids.contains(qint64(id.toDouble())))
                selection.ids.append(qint64(id.toDouble()));
        }
        selection.target = selection.ids.size() == 1 ? QStringLiteral("dead-letter:%1").arg(selection.ids.first())
                                                     : QStringLiteral("dead-letters:%1").arg(selection.ids.size());
        return selection;
    }
    if (!body.value(u"signature").isString()) {
        call->fail(400, QStringLiteral("invalid-field"), QStringLiteral("signature must be a string (from the groups)"),
                   QStringLiteral("signature"));
        return std::nullopt;
    }
    const QString signature = body.value(u"signature").toString();
    QString error;
    const auto groupIds = query.idsInState(signature, groupState, &error);
    if (!groupIds) {
        call->fail(400, QStringLiteral("invalid-field"), error, QStringLiteral("signature"));
        return std::nullopt;
    }
    if (groupIds->isEmpty()) {
        call->fail(404, QStringLiteral("not-found"),
                   QStringLiteral("the failure group has no %1 dead letters").arg(groupState));
        return std::nullopt;
    }
    selection.ids = groupIds->mid(0, MaxPerRequest);
    selection.target = QStringLiteral("dead-letter-group:%1").arg(signature.left(64));
    return selection;
}
