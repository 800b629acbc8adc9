#include "node/api/AlertRoutes.h"

#include "node/alerts/AlertService.h"
#include "node/api/AlertView.h"
#include "node/api/ApiContext.h"
#include "node/api/ApiJson.h"
#include "node/api/ApiRouter.h"
#include "node/api/QueryReader.h"
#include "node/query/UnitScope.h"

#include <QDateTime>

using Method = QHttpServerRequest::Method;

namespace {

constexpr int MaxNoteLength = 2000;
constexpr int MaxPageSize = 500;

/// Nurses see clinical alerts of their own units only; everyone else with ReadAlerts sees all.
bool visibleTo(const Principal& principal, const Alert& alert)
{
    if (principal.role != Role::Nurse)
        return true;
    return alert.category == AlertCategory::Clinical && principal.maySee(alert.unit);
}

/// Acting on an alert is its owner's business: a nurse acknowledges, resolves and escalates the
/// clinical alerts of her units; support handles operational alerts and may resolve or escalate
/// (not acknowledge) clinical ones; admins may do everything (Authorizer's matrix).
bool mayAct(const Principal& principal, const Alert& alert, Permission permission)
{
    if (alert.category == AlertCategory::Clinical) {
        if (principal.role == Role::Nurse)
            return principal.maySee(alert.unit);
        if (permission == Permission::AckOperationalAlert)
            return Authorizer::allows(principal, Permission::AckClinicalAlert);
    }
    return Authorizer::allows(principal, permission);
}

bool maskFor(const Principal& principal, const Alert& alert)
{
    return !Authorizer::seesPhiUnmasked(principal, alert.unit);
}

std::optional<QString> readNote(const ApiCallPtr& call, const char* key = "note")
{
    const QJsonValue value = call->body().value(QLatin1StringView(key));
    if (value.isUndefined() || value.isNull())
        return QString();
    if (!value.isString() || value.toString().size() > MaxNoteLength) {
        call->fail(400, QStringLiteral("invalid-field"),
                   QStringLiteral("%1 must be a string of at most %2 characters").arg(QLatin1StringView(key)).arg(MaxNoteLength),
                   QLatin1StringView(key));
        return std::nullopt;
    }
    return value.toString().trimmed();
}

void listAlerts(ApiContext& ctx, const ApiCallPtr& call)
{
    QueryReader q(call->query());
    AlertFilter filter;
    static const QStringList states{QStringLiteral("active"),    QStringLiteral("open"),         QStringLiteral("notified"),
                                    QStringLiteral("escalated"), QStringLiteral("acknowledged"), QStringLiteral("resolved"),
                                    QStringLiteral("retracted"), QStringLiteral("expired"),      QStringLiteral("suppressed")};
    static const QStringList severities{QStringLiteral("critical"), QStringLiteral("high"), QStringLiteral("medium"),
                                        QStringLiteral("low")};
    for (const QString& state : q.choices(QStringLiteral("state"), states)) {
        // "active" is the board's usual question: everything not closed.
        if (state == u"active") {
            filter.states += {AlertState::Open, AlertState::Notified, AlertState::Escalated, AlertState::Acknowledged,
                              AlertState::Suppressed};
        } else {
            filter.states.append(*AlertNames::stateFrom(state));
        }
    }
    for (const QString& severity : q.choices(QStringLiteral("severity"), severities))
        filter.severities.append(*AlertNames::severityFrom(severity));
    const QString category = q.choice(QStringLiteral("category"), {QStringLiteral("clinical"), QStringLiteral("operational")});
    if (!category.isEmpty())
        filter.category = AlertNames::categoryFrom(category);
    const QString unit = q.text(QStringLiteral("unit"), 64);
    if (!unit.isEmpty())
        filter.units = {unit};
    filter.ruleId = q.text(QStringLiteral("rule"), 128);
    filter.groupKey = q.text(QStringLiteral("group"), 128).toLatin1();
    filter.correlationId = q.text(QStringLiteral("correlationId"), 64).toLatin1();
    filter.fromMs = q.time(QStringLiteral("from"));
    filter.toMs = q.time(QStringLiteral("to"));
    filter.beforeId = q.integer(QStringLiteral("before"), 1, std::numeric_limits<qint64>::max(), 0);
    filter.limit = int(q.integer(QStringLiteral("limit"), 1, MaxPageSize, 100));
    if (q.rejectIfInvalid(*call))
        return;

    const Principal& principal = call->principal();
    if (principal.role == Role::Nurse) {
        const QStringList own = UnitScope::of(principal).value_or(QStringList{});
        if (!unit.isEmpty() && !UnitScope::contains(own, unit))
            return call->replyJson(QJsonObject{{QStringLiteral("items"), QJsonArray{}}});
        if (unit.isEmpty())
            filter.units = own;
        filter.unitsOnly = true;
        if (filter.category == AlertCategory::Operational)
            return call->replyJson(QJsonObject{{QStringLiteral("items"), QJsonArray{}}});
        filter.category = AlertCategory::Clinical;
        if (filter.units.isEmpty())
            return call->replyJson(QJsonObject{{QStringLiteral("items"), QJsonArray{}}});
    }
    const QList<Alert> alerts = ctx.alerts->store().list(filter);
    QJsonArray items;
    for (const Alert& alert : alerts) {
        if (!visibleTo(principal, alert))
            continue;
        QJsonObject item = AlertView::summary(alert, maskFor(principal, alert));
        if (!alert.groupKey.isEmpty())
            item.insert(QStringLiteral("groupSize"), ctx.alerts->store().groupSize(alert.groupKey));
        items.append(item);
    }
    QJsonObject body{{QStringLiteral("items"), items}};
    if (alerts.size() == filter.limit)
        body.insert(QStringLiteral("nextCursor"), alerts.constLast().id);
    call->replyJson(body);
}

/// The alert of the path, if the caller may see it (404 otherwise: an alert of another unit is
/// not there for a nurse).
std::optional<Alert> visibleAlert(ApiContext& ctx, const ApiCallPtr& call)
{
    const qint64 id = call->arg(QStringLiteral("id")).toLongLong();
    std::optional<Alert> alert = ctx.alerts->store().byId(id, true);
    if (!alert || !visibleTo(call->principal(), *alert)) {
        call->fail(404, QStringLiteral("not-found"), QStringLiteral("no alert %1").arg(id));
        return std::nullopt;
    }
    return alert;
}

/// The service's refusals in the API's terms (section 2.5): its 422 is a bad field value here.
void failWith(const ApiCallPtr& call, const AlertService::Result& result)
{
    if (result.status == 422)
        return call->fail(400, QStringLiteral("invalid-field"), result.message);
    call->fail(result.status, result.code, result.message);
}

void answerAction(ApiContext& ctx, const ApiCallPtr& call, const AlertService::Result& result)
{
    if (result.status == 422)
        return failWith(call, result);
    if (!result.ok()) {
        QJsonObject error{{QStringLiteral("status"), result.status},
                          {QStringLiteral("code"), result.code},
                          {QStringLiteral("message"), result.message}};
        QJsonObject body{{QStringLiteral("error"), error}};
        if (result.alert)
            body.insert(QStringLiteral("alert"),
                        AlertView::summary(*result.alert, maskFor(call->principal(), *result.alert)));
        return call->replyJson(body, result.status);
    }
    const Alert& alert = *result.alert;
    call->replyJson(AlertView::detail(alert, ctx.alerts->store().notificationsOf(alert.id),
                                      maskFor(call->principal(), alert)));
}

/// Acknowledge, resolve, escalate: the same checks, then the service with the audit entry in its
/// transaction.
void act(ApiContext& ctx, const ApiCallPtr& call, const QString& action, Permission operationalPermission,
         const std::function<AlertService::Result(const Alert&, const QString& note, const AlertService::InTransaction&)>& run)
{
    const std::optional<Alert> alert = visibleAlert(ctx, call);
    if (!alert)
        return;
    if (!mayAct(call->principal(), *alert, operationalPermission)) {
        ctx.recordAudit(call.get(), AuditEntry{.action = action,
                                               .target = QStringLiteral("alert:%1").arg(alert->id),
                                               .outcome = QStringLiteral("denied")});
        return call->fail(403, QStringLiteral("forbidden"),
                          alert->category == AlertCategory::Clinical
                              ? QStringLiteral("clinical alerts are handled by the nurses of their unit")
                              : QStringLiteral("operational alerts are handled by support"));
    }
    const std::optional<QString> note = readNote(call);
    if (!note)
        return;
    const QString target = QStringLiteral("alert:%1").arg(alert->id);
    const AlertService::Result result = run(*alert, *note, [&ctx, &call, &action, &target, &note] {
        return ctx.recordAudit(call.get(), AuditEntry{.action = action, .target = target, .reason = *note});
    });
    answerAction(ctx, call, result);
}

QString actorOf(const ApiCallPtr& call)
{
    return call->principal().userName;
}

std::optional<Silence> readSilence(ApiContext& ctx, const ApiCallPtr& call)
{
    const QJsonObject body = call->body();
    static const QStringList known{QStringLiteral("ruleId"),   QStringLiteral("unit"),      QStringLiteral("subject"),
                                   QStringLiteral("severity"), QStringLiteral("category"),  QStringLiteral("startsAt"),
                                   QStringLiteral("endsAt"),   QStringLiteral("durationMinutes"), QStringLiteral("reason")};
    for (auto it = body.begin(); it != body.end(); ++it) {
        if (!known.contains(it.key())) {
            call->fail(400, QStringLiteral("unknown-field"),
                       QStringLiteral("unknown field \"%1\" (allowed: %2)").arg(it.key(), known.join(u", ")), it.key());
            return std::nullopt;
        }
    }
    const auto text = [&](const char* key, int max, QString* out) {
        const QJsonValue v = body.value(QLatin1StringView(key));
        if (v.isUndefined() || v.isNull())
            return true;
        if (!v.isString() || v.toString().size() > max) {
            call->fail(400, QStringLiteral("invalid-field"),
                       QStringLiteral("%1 must be a string of at most %2 characters").arg(QLatin1StringView(key)).arg(max),
                       QLatin1StringView(key));
            return false;
        }
        *out = v.toString().trimmed();
        return true;
    };
    Silence s;
    QString severity, category, startsAt, endsAt;
    if (!text("ruleId", 128, &s.ruleId) || !text("unit", 64, &s.unit) || !text("subject", 256, &s.subject)
        || !text("severity", 16, &severity) || !text("category", 16, &category) || !text("startsAt", 64, &startsAt)
        || !text("endsAt", 64, &endsAt) || !text("reason", MaxNoteLength, &s.reason))
        return std::nullopt;
    if (!severity.isEmpty() && !(s.severity = AlertNames::severityFrom(severity))) {
        call->fail(400, QStringLiteral("invalid-field"), QStringLiteral("severity must be critical, high, medium or low"),
                   QStringLiteral("severity"));
        return std::nullopt;
    }
    if (!category.isEmpty() && !(s.category = AlertNames::categoryFrom(category))) {
        call->fail(400, QStringLiteral("invalid-field"), QStringLiteral("category must be clinical or operational"),
                   QStringLiteral("category"));
        return std::nullopt;
    }
    if (!startsAt.isEmpty()) {
        const auto t = ApiJson::parseTime(startsAt);
        if (!t) {
            call->fail(400, QStringLiteral("invalid-field"), QStringLiteral("startsAt must be an ISO 8601 time"),
                       QStringLiteral("startsAt"));
            return std::nullopt;
        }
        s.startsAtMs = *t;
    }
    const QJsonValue duration = body.value(u"durationMinutes");
    if (!endsAt.isEmpty() && !duration.isUndefined()) {
        call->fail(400, QStringLiteral("invalid-field"), QStringLiteral("give endsAt or durationMinutes, not both"),
                   QStringLiteral("durationMinutes"));
        return std::nullopt;
    }
    if (!endsAt.isEmpty()) {
        const auto t = ApiJson::parseTime(endsAt);
        if (!t) {
            call->fail(400, QStringLiteral("invalid-field"), QStringLiteral("endsAt must be an ISO 8601 time"),
                       QStringLiteral("endsAt"));
            return std::nullopt;
        }
        s.endsAtMs = *t;
    } else if (duration.isDouble() && duration.toDouble() >= 1 && duration.toDouble() <= 7 * 24 * 60) {
        const qint64 start = s.startsAtMs ? s.startsAtMs : QDateTime::currentMSecsSinceEpoch();
        s.endsAtMs = start + qint64(duration.toDouble() * 60000);
    } else {
        call->fail(400, QStringLiteral("invalid-field"),
                   QStringLiteral("a silence needs endsAt or durationMinutes (1 to 10080)"), QStringLiteral("endsAt"));
        return std::nullopt;
    }
    Q_UNUSED(ctx);
    return s;
}

bool silenceVisibleTo(const Principal& principal, const Silence& s)
{
    return principal.role != Role::Nurse || (!s.unit.isEmpty() && principal.maySee(s.unit));
}

} // namespace

namespace AlertRoutes {

void add(ApiRouter& router, ApiContext& ctx)
{
    router.add({.method = Method::Get,
                .pattern = QStringLiteral("/api/v1/alerts"),
                .permission = Permission::ReadAlerts,
                .queryParameters = {QStringLiteral("state"), QStringLiteral("severity"), QStringLiteral("category"),
                                    QStringLiteral("unit"), QStringLiteral("rule"), QStringLiteral("group"),
                                    QStringLiteral("correlationId"), QStringLiteral("from"), QStringLiteral("to"),
                                    QStringLiteral("before"), QStringLiteral("limit")},
                .handler = [&ctx](const ApiCallPtr& call) { listAlerts(ctx, call); }});
    router.add({.method = Method::Get,
                .pattern = QStringLiteral("/api/v1/alerts/{id}"),
                .permission = Permission::ReadAlerts,
                .handler = [&ctx](const ApiCallPtr& call) {
                    if (const auto alert = visibleAlert(ctx, call)) {
                        call->replyJson(AlertView::detail(*alert, ctx.alerts->store().notificationsOf(alert->id),
                                                          maskFor(call->principal(), *alert)));
                    }
                }});
    router.add({.method = Method::Post,
                .pattern = QStringLiteral("/api/v1/alerts/{id}/acknowledge"),
                .permission = Permission::ReadAlerts,
                .idempotent = true,
                .jsonBody = true,
                .handler = [&ctx](const ApiCallPtr& call) {
                    act(ctx, call, QStringLiteral("alert-acknowledge"), Permission::AckOperationalAlert,
                        [&](const Alert& a, const QString& note, const AlertService::InTransaction& audit) {
                            return ctx.alerts->acknowledge(a.id, actorOf(call), note, audit);
                        });
                }});
    router.add({.method = Method::Post,
                .pattern = QStringLiteral("/api/v1/alerts/{id}/resolve"),
                .permission = Permission::ReadAlerts,
                .idempotent = true,
                .jsonBody = true,
                .handler = [&ctx](const ApiCallPtr& call) {
                    const QJsonValue disposition = call->body().value(u"disposition");
                    if (!disposition.isString() || !AlertNames::dispositions().contains(disposition.toString())) {
                        return call->fail(400, QStringLiteral("invalid-field"),
                                          QStringLiteral("disposition must be one of: %1")
                                              .arg(AlertNames::dispositions().join(u", ")),
                                          QStringLiteral("disposition"));
                    }
                    act(ctx, call, QStringLiteral("alert-resolve"), Permission::ResolveAlert,
                        [&](const Alert& a, const QString& note, const AlertService::InTransaction& audit) {
                            return ctx.alerts->resolve(a.id, actorOf(call), disposition.toString(), note, audit);
                        });
                }});
    router.add({.method = Method::Post,
                .pattern = QStringLiteral("/api/v1/alerts/{id}/escalate"),
                .permission = Permission::ReadAlerts,
                .idempotent = true,
                .jsonBody = true,
                .handler = [&ctx](const ApiCallPtr& call) {
                    act(ctx, call, QStringLiteral("alert-escalate"), Permission::EscalateAlert,
                        [&](const Alert& a, const QString& note, const AlertService::InTransaction& audit) {
                            return ctx.alerts->escalate(a.id, actorOf(call), note, audit);
                        });
                }});
    router.add({.method = Method::Get,
                .pattern = QStringLiteral("/api/v1/alert-metrics"),
                .permission = Permission::ReadAlerts,
                .handler = [&ctx](const ApiCallPtr& call) {
                    if (call->principal().role == Role::Nurse)
                        return call->fail(403, QStringLiteral("forbidden"),
                                          QStringLiteral("alert figures cover every unit: support or admin only"));
                    call->replyJson(AlertView::figures(ctx.alerts->store().figures()));
                }});
    router.add({.method = Method::Get,
                .pattern = QStringLiteral("/api/v1/alert-rules"),
                .permission = Permission::ReadAlerts,
                .handler = [&ctx](const ApiCallPtr& call) { call->replyJson(AlertView::rules(ctx.alerts->config())); }});

    router.add({.method = Method::Get,
                .pattern = QStringLiteral("/api/v1/silences"),
                .permission = Permission::ReadAlerts,
                .queryParameters = {QStringLiteral("active")},
                .handler = [&ctx](const ApiCallPtr& call) {
                    QueryReader q(call->query());
                    const QString active = q.choice(QStringLiteral("active"), {QStringLiteral("true"), QStringLiteral("false")});
                    if (q.rejectIfInvalid(*call))
                        return;
                    const qint64 now = QDateTime::currentMSecsSinceEpoch();
                    QJsonArray items;
                    for (const Silence& s : ctx.alerts->store().silences(active == u"true" ? now : 0)) {
                        if (silenceVisibleTo(call->principal(), s))
                            items.append(AlertView::silence(s, now));
                    }
                    call->replyJson(QJsonObject{{QStringLiteral("items"), items}});
                }});
    router.add({.method = Method::Get,
                .pattern = QStringLiteral("/api/v1/silences/{id}"),
                .permission = Permission::ReadAlerts,
                .handler = [&ctx](const ApiCallPtr& call) {
                    const qint64 id = call->arg(QStringLiteral("id")).toLongLong();
                    const auto s = ctx.alerts->store().silence(id);
                    if (!s || !silenceVisibleTo(call->principal(), *s))
                        return call->fail(404, QStringLiteral("not-found"), QStringLiteral("no silence %1").arg(id));
                    call->replyJson(AlertView::silence(*s, QDateTime::currentMSecsSinceEpoch()));
                }});
    router.add({.method = Method::Post,
                .pattern = QStringLiteral("/api/v1/silences"),
                .permission = Permission::ManageSilences,
                .idempotent = true,
                .jsonBody = true,
                .handler = [&ctx](const ApiCallPtr& call) {
                    std::optional<Silence> silence = readSilence(ctx, call);
                    if (!silence)
                        return;
                    qint64 createdId = 0;
                    const auto result = ctx.alerts->createSilence(*silence, actorOf(call), [&] {
                        return ctx.recordAudit(call.get(), AuditEntry{.action = QStringLiteral("silence-create"),
                                                                      .reason = silence->reason,
                                                                      .detail = AlertView::silence(*silence, 0)
                                                                                    .value(u"matchers").toObject()});
                    });
                    Q_UNUSED(createdId);
                    if (!result.ok())
                        return failWith(call, result);
                    call->replyJson(AlertView::silence(*result.silence, QDateTime::currentMSecsSinceEpoch()), 201);
                }});
    router.add({.method = Method::Patch,
                .pattern = QStringLiteral("/api/v1/silences/{id}"),
                .permission = Permission::ManageSilences,
                .idempotent = true,
                .jsonBody = true,
                .handler = [&ctx](const ApiCallPtr& call) {
                    const qint64 id = call->arg(QStringLiteral("id")).toLongLong();
                    const QJsonObject body = call->body();
                    std::optional<qint64> endsAt;
                    std::optional<QString> reason;
                    for (auto it = body.begin(); it != body.end(); ++it) {
                        if (it.key() == u"endsAt") {
                            endsAt = it.value().isString() ? ApiJson::parseTime(it.value().toString()) : std::nullopt;
                            if (!endsAt)
                                return call->fail(400, QStringLiteral("invalid-field"),
                                                  QStringLiteral("endsAt must be an ISO 8601 time"), it.key());
                        } else if (it.key() == u"reason") {
                            if (!it.value().isString() || it.value().toString().size() > MaxNoteLength)
                                return call->fail(400, QStringLiteral("invalid-field"),
                                                  QStringLiteral("reason must be a string"), it.key());
                            reason = it.value().toString().trimmed();
                        } else {
                            return call->fail(400, QStringLiteral("unknown-field"),
                                              QStringLiteral("only endsAt and reason can be changed"), it.key());
                        }
                    }
                    if (!endsAt && !reason)
                        return call->fail(400, QStringLiteral("invalid-field"),
                                          QStringLiteral("give endsAt, reason or both"));
                    const auto result = ctx.alerts->updateSilence(id, endsAt, reason, actorOf(call), [&] {
                        return ctx.recordAudit(call.get(), AuditEntry{.action = QStringLiteral("silence-update"),
                                                                      .target = QStringLiteral("silence:%1").arg(id),
                                                                      .reason = reason.value_or(QString())});
                    });
                    if (!result.ok())
                        return failWith(call, result);
                    call->replyJson(AlertView::silence(*result.silence, QDateTime::currentMSecsSinceEpoch()));
                }});
    router.add({.method = Method::Delete,
                .pattern = QStringLiteral("/api/v1/silences/{id}"),
                .permission = Permission::ManageSilences,
                .idempotent = true,
                .handler = [&ctx](const ApiCallPtr& call) {
                    const qint64 id = call->arg(QStringLiteral("id")).toLongLong();
                    const auto result = ctx.alerts->expireSilence(id, actorOf(call), [&] {
                        return ctx.recordAudit(call.get(), AuditEntry{.action = QStringLiteral("silence-expire"),
                                                                      .target = QStringLiteral("silence:%1").arg(id)});
                    });
                    if (!result.ok())
                        return failWith(call, result);
                    call->replyJson(AlertView::silence(*result.silence, QDateTime::currentMSecsSinceEpoch()));
                }});
}

} // namespace AlertRoutes
