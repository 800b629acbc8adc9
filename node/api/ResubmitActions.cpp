#include "node/api/ResubmitActions.h"

#include "models/hl7/PhiMasker.h"
#include "node/api/ApiContext.h"
#include "node/api/ApiRouter.h"
#include "node/api/DeadLetterSelection.h"
#include "node/pipeline/Resubmitter.h"

#include <QRegularExpression>

using Method = QHttpServerRequest::Method;

namespace {

constexpr int MaxDryRunPreviews = 100;

/// Hides the values of diff entries that may hold PHI: HL7 fields in the PHI list (the preview
/// shows that PID-5 changed, not the names), and anything that is not an HL7 field path — a
/// whole-message entry (an unparseable original) or a FHIR element — since its value cannot be
/// vetted field by field.
QJsonArray maskDiff(const QJsonArray& diff, const QStringList& phiFields)
{
    static const QRegularExpression pathPattern(QStringLiteral("^([A-Z][A-Z0-9]{2})(?:\\(\\d+\\))?(?:-(\\d+))?(?:[.(]|$)"));
    QJsonArray masked;
    for (const QJsonValue& value : diff) {
        QJsonObject change = value.toObject();
        const auto match = pathPattern.match(change.value(u"path").toString());
        bool phi = !match.hasMatch();
        if (match.hasMatch()) {
            const QString segment = match.captured(1);
            const QString field = match.captured(2);
            for (const QString& f : phiFields) {
                // A whole segment (no field number) is PHI when any of its fields is.
                if (field.isEmpty() ? f.startsWith(segment + u'-')
                                    : (f == segment + u'-' + field || f.startsWith(segment + u'-' + field + u'.')))
                    phi = true;
            }
        }
        if (phi) {
            for (const char* key : {"before", "after"}) {
                const QJsonValue v = change.value(QLatin1StringView(key));
                if (!v.isUndefined() && !v.isNull() && !(v.isString() && v.toString().isEmpty()))
                    change.insert(QLatin1StringView(key), QString::fromLatin1(PhiMasker::maskText));
            }
            change.insert(QStringLiteral("masked"), true);
        }
        masked.append(change);
    }
    return masked;
}

QJsonObject previewJson(const Resubmitter::Preview& preview, const ApiContext& ctx)
{
    QJsonObject o = preview.toJson();
    o.insert(QStringLiteral("diff"), maskDiff(preview.diff, ctx.phiMasker.fields()));
    return o;
}

std::optional<QByteArray> editedMessage(const ApiCallPtr& call)
{
    const QJsonValue value = call->body().value(u"message");
    if (value.isUndefined() || value.isNull())
        return std::nullopt;
    // HL7 segments end with CR; a message typed or pasted with LF line ends is read the same way.
    QByteArray bytes = value.toString().toUtf8();
    bytes.replace("\r\n", "\r");
    bytes.replace('\n', '\r');
    return bytes;
}

bool checkFields(const ApiCallPtr& call, const QStringList& allowed)
{
    const QJsonObject body = call->body();
    for (auto it = body.begin(); it != body.end(); ++it) {
        if (!allowed.contains(it.key())) {
            call->fail(400, QStringLiteral("unknown-field"),
                       QStringLiteral("unknown field \"%1\" (accepted: %2)").arg(it.key(), allowed.join(u", ")), it.key());
            return false;
        }
    }
    if (body.contains(u"message") && !body.value(u"message").isString()) {
        call->fail(400, QStringLiteral("invalid-field"), QStringLiteral("message must be a string (the whole HL7 message "
                                                                        "or FHIR JSON)"),
                   QStringLiteral("message"));
        return false;
    }
    return true;
}

void preview(ApiContext& ctx, const ApiCallPtr& call)
{
    if (!checkFields(call, {QStringLiteral("message")}))
        return;
    bool ok = false;
    const qint64 id = call->arg(QStringLiteral("id")).toLongLong(&ok);
    if (!ok || id <= 0)
        return call->fail(400, QStringLiteral("invalid-parameter"), QStringLiteral("the id must be a positive number"),
                          QStringLiteral("id"));
    const auto result = ctx.resubmitter.preview(id, editedMessage(call));
    if (result.code == Resubmitter::NotFound)
        return call->fail(404, QStringLiteral("not-found"), result.message);
    call->replyJson(previewJson(result, ctx));
}

void resubmit(ApiContext& ctx, const ApiCallPtr& call)
{
    if (!checkFields(call, {QStringLiteral("ids"), QStringLiteral("signature"), QStringLiteral("message"),
                            QStringLiteral("reason"), QStringLiteral("dryRun")}))
        return;
    const QJsonObject body = call->body();
    const QString reason = body.value(u"reason").toString().trimmed();
    if (reason.size() < 5 || reason.size() > 500)
        return call->fail(400, QStringLiteral("reason-required"),
                          QStringLiteral("say why these messages are resubmitted (5 to 500 characters); the reason "
                                         "is kept in the audit log"),
                          QStringLiteral("reason"));
    if (body.contains(u"dryRun") && !body.value(u"dryRun").isBool())
        return call->fail(400, QStringLiteral("invalid-field"), QStringLiteral("dryRun must be true or false"),
                          QStringLiteral("dryRun"));
    const bool dryRun = body.value(u"dryRun").toBool(false);

    const auto selection = DeadLetterSelection::read(call, ctx.deadLetters, QStringLiteral("open"));
    if (!selection)
        return;
    const QList<qint64>& ids = selection->ids;
    const auto edit = editedMessage(call);
    if (edit && ids.size() != 1)
        return call->fail(400, QStringLiteral("invalid-field"),
                          QStringLiteral("an edited message applies to exactly one dead letter"), QStringLiteral("message"));

    if (dryRun) {
        QJsonArray previews;
        for (qint64 id : ids.mid(0, MaxDryRunPreviews))
            previews.append(previewJson(ctx.resubmitter.preview(id, edit), ctx));
        return call->replyJson(QJsonObject{{QStringLiteral("dryRun"), true},
                                           {QStringLiteral("count"), ids.size()},
                                           {QStringLiteral("previews"), previews}});
    }

    // Audit before acting: an action that cannot be recorded does not happen.
    AuditEntry entry{.action = QStringLiteral("resubmit"), .target = selection->target, .reason = reason};
    entry.detail = QJsonObject{{QStringLiteral("count"), ids.size()}, {QStringLiteral("edited"), edit.has_value()}};
    if (!ctx.recordAudit(call.get(), entry))
        return call->fail(503, QStringLiteral("audit-unavailable"),
                          QStringLiteral("the audit log cannot be written, so nothing was resubmitted"));
    ctx.resubmitter.resubmit(ids, edit, call->principal().userName, reason,
                             [call](const QList<Resubmitter::ItemResult>& results) {
                                 QJsonArray items;
                                 int resubmitted = 0;
                                 for (const auto& r : results) {
                                     items.append(r.toJson());
                                     resubmitted += r.ok ? 1 : 0;
                                 }
                                 call->replyJson(QJsonObject{{QStringLiteral("resubmitted"), resubmitted},
                                                             {QStringLiteral("refused"), results.size() - resubmitted},
                                                             {QStringLiteral("results"), items}});
                             });
}

} // namespace

namespace ResubmitActions {

void add(ApiRouter& router, ApiContext& ctx)
{
    router.add({.method = Method::Post,
                .pattern = QStringLiteral("/api/v1/dead-letters/{id}/preview"),
                .permission = Permission::Resubmit,
                .jsonBody = true,
                .handler = [&ctx](const ApiCallPtr& call) { preview(ctx, call); }});
    router.add({.method = Method::Post,
                .pattern = QStringLiteral("/api/v1/dead-letters/resubmit"),
                .permission = Permission::Resubmit,
                .idempotent = true,
                .jsonBody = true,
                .handler = [&ctx](const ApiCallPtr& call) { resubmit(ctx, call); }});
}

} // namespace ResubmitActions
