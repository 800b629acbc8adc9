#include "node/api/OpsApi.h"

#include "models/fhir/FhirPhiMasker.h"
#include "models/hl7/PhiMasker.h"
#include "node/alerts/AcceptedMessageReader.h"
#include "node/alerts/AlertService.h"
#include "node/alerts/AlertStore.h"
#include "node/alerts/OperationalInputs.h"
#include "node/api/AlertRoutes.h"
#include "node/api/AlertView.h"
#include "node/api/ApiContext.h"
#include "node/api/ApiRouter.h"
#include "node/api/ApiServer.h"
#include "node/api/AuditRoutes.h"
#include "node/api/DeadLetterRoutes.h"
#include "node/api/MessageRoutes.h"
#include "node/api/NodeRoutes.h"
#include "node/api/SessionRoutes.h"
#include "node/audit/AuditLog.h"
#include "node/audit/IdempotencyStore.h"
#include "node/auth/PasswordGenerator.h"
#include "node/auth/SessionTokens.h"
#include "node/auth/SignInThrottle.h"
#include "node/auth/UserDirectory.h"
#include "node/config/NodeConfig.h"
#include "node/fhir/FhirEndpoint.h"
#include "node/metrics/MetricsRegistry.h"
#include "node/ops/OpsDatabase.h"
#include "node/pipeline/DeadLetterParking.h"
#include "node/pipeline/Resubmitter.h"
#include "node/query/DeadLetterQuery.h"
#include "node/query/MessageQuery.h"
#include "node/stats/StatsCollect.h"
#include "node/stats/StatsHistory.h"
#include "node/store/MessageStore.h"
#include "node/stream/EventHub.h"
#include "node/stream/StreamServer.h"

#include <QDateTime>
#include <QDir>
#include <QHttpServerResponder>
#include <QJsonArray>
#include <QLoggingCategory>
#include <QTimer>

Q_LOGGING_CATEGORY(lcOps, "vigil.node.api")

namespace {

qint64 wallClock()
{
    return QDateTime::currentMSecsSinceEpoch();
}

} // namespace

struct OpsApi::Private
{
    Private(const NodeConfig& config, const RouteTable& routes, MessageStore& store, MetricsRegistry& metrics)
        : config(config)
        , routes(routes)
        , store(store)
        , metrics(metrics)
        , users(ops.db(), wallClock)
        , tokens(ops.db(), wallClock)
        , throttle(wallClock, config.api.signInFailuresBeforeDelay, config.api.signInLockoutSeconds)
        , audit(ops.db(), wallClock)
        , idempotency(ops.db(), wallClock)
        , statsHistory(ops.db(), wallClock, config.api.statsHistoryDays)
        , alertStore(ops.db())
        , hub(config.api.streamBufferEvents, wallClock)
        , phiMasker(config.api.phiFields)
        , router(tokens, idempotency)
    {
    }

    const NodeConfig& config;
    const RouteTable& routes;
    MessageStore& store;
    MetricsRegistry& metrics;
    OpsDatabase ops;
    UserDirectory users;
    SessionTokens tokens;
    SignInThrottle throttle;
    AuditLog audit;
    IdempotencyStore idempotency;
    StatsHistory statsHistory;
    AlertStore alertStore;
    AcceptedMessageReader acceptedReader;
    std::unique_ptr<AlertService> alerts;
    MessageQuery messages;
    DeadLetterQuery deadLetters;
    EventHub hub;
    PhiMasker phiMasker;
    FhirPhiMasker fhirMasker;
    ApiRouter router;
    std::unique_ptr<StatsSampler> sampler;
    std::unique_ptr<Resubmitter> resubmitter;
    std::unique_ptr<DeadLetterParking> parking;
    std::unique_ptr<ApiContext> context;
    std::unique_ptr<StreamServer> stream;
    std::unique_ptr<ApiServer> server;
    std::vector<std::unique_ptr<FhirEndpoint>> fhir;
    QTimer housekeeping;
};

OpsApi::OpsApi(const NodeConfig& config, const RouteTable& routes, MessageStore& store, MetricsRegistry& metrics,
               QObject* parent)
    : QObject(parent)
    , d(std::make_unique<Private>(config, routes, store, metrics))
{
}

OpsApi::~OpsApi()
{
    shutdown();
}

AlertService& OpsApi::alerts()
{
    return *d->alerts;
}

EventHub& OpsApi::events()
{
    return d->hub;
}

ApiServer& OpsApi::server()
{
    return *d->server;
}

bool OpsApi::start(StatsSampler::Provider statsProvider, QString* errorString)
{
    const NodeConfig& config = d->config;
    const QDir dataDir(config.dataDir.isEmpty() ? QDir::currentPath() : config.dataDir);
    QString error;
    const bool schemas = d->ops.open(dataDir.filePath(QStringLiteral("ops.db")), &error)
        && UserDirectory::ensureSchema(d->ops.db(), &error) && AuditLog::ensureSchema(d->ops.db(), &error)
        && IdempotencyStore::ensureSchema(d->ops.db(), &error) && StatsHistory::ensureSchema(d->ops.db(), &error)
        && AlertStore::ensureSchema(d->ops.db(), &error);
    if (!schemas || !d->messages.open(d->store.path(), &error) || !d->deadLetters.open(d->store.path(), &error)) {
        if (errorString)
            *errorString = QStringLiteral("ops database: %1").arg(error);
        return false;
    }

    d->sampler = std::make_unique<StatsSampler>(std::move(statsProvider), &d->statsHistory, wallClock);
    MessageQuery* messages = &d->messages;
    d->resubmitter = std::make_unique<Resubmitter>(
        config, d->routes, d->store,
        [messages](const QString& controlId, const QString& app, const QString& facility) {
            return messages->wasDelivered(controlId, app, facility).value_or(false);
        });
    connect(d->resubmitter.get(), &Resubmitter::enqueued, this, &OpsApi::enqueued);
    connect(d->resubmitter.get(), &Resubmitter::resubmitted, this,
            [this](qint64 deadLetterId, qint64 newMessageId, const QByteArray& correlationId) {
                d->hub.publish(QStringLiteral("deadLetter.resubmitted"),
                               QJsonObject{{QStringLiteral("deadLetterId"), deadLetterId},
                                           {QStringLiteral("messageId"), newMessageId},
                                           {QStringLiteral("correlationId"), QString::fromLatin1(correlationId)}},
                               {}, correlationId);
            });

    d->parking = std::make_unique<DeadLetterParking>(d->store, *d->resubmitter);
    for (const bool park : {true, false}) {
        const auto signal = park ? &DeadLetterParking::parked : &DeadLetterParking::unparked;
        connect(d->parking.get(), signal, this, [this, park](const QList<qint64>& deadLetterIds) {
            QJsonArray ids;
            for (qint64 id : deadLetterIds)
                ids.append(id);
            d->hub.publish(QString(park ? StreamEventType::DeadLetterParked : StreamEventType::DeadLetterUnparked),
                           QJsonObject{{QStringLiteral("deadLetterIds"), ids},
                                       {QStringLiteral("count"), deadLetterIds.size()}});
        });
    }

    d->context.reset(new ApiContext{config, d->store, d->users, d->tokens, d->throttle, d->audit, d->messages,
                                    d->deadLetters, *d->sampler, d->statsHistory, d->hub, *d->resubmitter,
                                    d->phiMasker, d->fhirMasker});
    d->alerts = std::make_unique<AlertService>(config.alerts, d->alertStore, &d->metrics, wallClock);
    connect(d->alerts.get(), &AlertService::alertChanged, this,
            [this](const Alert& alert, const QList<AlertNotification>& notifications) {
                d->hub.publish(QStringLiteral("alert.changed"), AlertView::event(alert, notifications), alert.unit,
                               alert.correlationIds.value(0), alert.category == AlertCategory::Clinical);
            });
    connect(d->resubmitter.get(), &Resubmitter::accepted, this, &OpsApi::onMessageAccepted);
    if (!d->acceptedReader.open(d->store.path(), &error)) {
        if (errorString)
            *errorString = QStringLiteral("alerts: %1").arg(error);
        return false;
    }
    AcceptedMessageReader* reader = &d->acceptedReader;
    d->alerts->setRecoverySource([reader](qint64 afterId, int limit) { return reader->after(afterId, limit); },
                                 d->store.lastMessageId());
    d->context->alerts = d->alerts.get();
    d->context->parking = d->parking.get();
    d->context->uptime.start();
    d->context->startedAtMs = wallClock();

    SessionRoutes::add(d->router, *d->context);
    NodeRoutes::add(d->router, *d->context);
    MessageRoutes::add(d->router, *d->context);
    DeadLetterRoutes::add(d->router, *d->context);
    AuditRoutes::add(d->router, *d->context);
    AlertRoutes::add(d->router, *d->context);

    SessionTokens* tokens = &d->tokens;
    d->stream = std::make_unique<StreamServer>(
        d->hub, [tokens](const QByteArray& token) { return tokens->validate(QString::fromLatin1(token)); },
        config.nodeId);
    connect(d->sampler.get(), &StatsSampler::sampled, this, [this](const StatsSnapshot& snapshot) {
        d->hub.publish(QStringLiteral("stats.tick"), snapshot.toJson());
        d->alerts->onSample(OperationalInputs::fromStats(snapshot));
    });

    d->server = std::make_unique<ApiServer>(config, d->router);
    StreamServer* stream = d->stream.get();
    d->server->setStreamHandler([stream](QWebSocket* socket) { stream->accept(socket); });
    const qint64 dedupWindowMs = qint64(config.dedupWindowHours) * 3600 * 1000;
    for (const ChannelConfig& channel : config.channels) {
        if (channel.kind != u"fhir")
            continue;
        auto endpoint = std::make_unique<FhirEndpoint>(channel, d->routes, dedupWindowMs, d->store, d->metrics);
        connect(endpoint.get(), &FhirEndpoint::enqueued, this, &OpsApi::enqueued);
        connect(endpoint.get(), &FhirEndpoint::stateChanged, this, &OpsApi::publish);
        connect(endpoint.get(), &FhirEndpoint::accepted, this, &OpsApi::onMessageAccepted);
        d->fhir.push_back(std::move(endpoint));
    }
    d->server->setFhirHandler([this](const QHttpServerRequest& request, QHttpServerResponder&& responder) {
        // /fhir/<channel>[/<ResourceType>]
        const QStringList parts = request.url().path().split(u'/', Qt::SkipEmptyParts);
        const QString channel = parts.value(1);
        for (auto& endpoint : d->fhir) {
            if (endpoint->name() == channel && parts.size() <= 3) {
                endpoint->handle(request, parts.value(2), std::move(responder));
                return;
            }
        }
        FhirEndpoint::answerError(std::move(responder), 404,
                                  parts.size() > 3 ? QStringLiteral("use POST /fhir/<channel>[/<ResourceType>]")
                                                   : QStringLiteral("no FHIR channel named \"%1\"").arg(channel));
    });
    MetricsRegistry* metrics = &d->metrics;
    d->server->addMonitoringRoute(QStringLiteral("/metrics"), [metrics] {
        return QHttpServerResponse(MetricsRegistry::contentType(), metrics->render());
    });
    d->server->addMonitoringRoute(QStringLiteral("/healthz"),
                                  [] { return QHttpServerResponse(QByteArrayLiteral("text/plain"), "ok\n"); });
    if (!d->server->listen(errorString))
        return false;
    d->context->fingerprint = d->server->fingerprint();

    if (!d->alerts->start(errorString))
        return false;
    d->sampler->start(1000);
    // Expired sessions and idempotency keys are forgotten now and then.
    d->housekeeping.setInterval(10 * 60 * 1000);
    connect(&d->housekeeping, &QTimer::timeout, this, [this] {
        d->tokens.purgeExpired();
        d->idempotency.purgeOlderThan(IdempotencyStore::KeyLifetimeMs);
    });
    d->housekeeping.start();
    return true;
}

void OpsApi::publish(const MessageStateChange& change)
{
    // Built when a client asks for it: one state event per message, on the ingest thread.
    const auto stateData = [change](bool withDeadLetter) {
        QJsonObject data{{QStringLiteral("messageId"), change.messageId},
                         {QStringLiteral("correlationId"), QString::fromLatin1(change.correlationId)},
                         {QStringLiteral("state"), change.state}};
        const auto put = [&data](const char* key, const QString& value) {
            if (!value.isEmpty())
                data.insert(QLatin1StringView(key), value);
        };
        put("channel", change.channel);
        put("messageType", change.messageType);
        put("triggerEvent", change.triggerEvent);
        put("unit", change.unit);
        put("ackCode", change.ackCode);
        put("destination", change.destination);
        if (withDeadLetter) {
            put("stage", change.stage);
            put("reason", change.reason);
            put("errorClass", change.errorClass);
        }
        return data;
    };
    d->hub.publishLazy(QStringLiteral("message.state"), [stateData] { return stateData(false); }, change.unit,
                       change.correlationId);
    if (change.kind == MessageStateChange::Kind::DeadLettered)
        d->hub.publishLazy(QStringLiteral("deadLetter.added"), [stateData] { return stateData(true); }, change.unit,
                           change.correlationId);
}

void OpsApi::onMessageAccepted(const AcceptedMessage& message)
{
    if (d->alerts)
        d->alerts->onMessageAccepted(message);
}

QList<ChannelStats> OpsApi::fhirChannelStats() const
{
    QList<ChannelStats> stats;
    for (const auto& endpoint : d->fhir)
        stats.append(StatsCollect::channel(*endpoint));
    return stats;
}

void OpsApi::announce(FILE* out) const
{
    if (!d->server)
        return;
    if (d->server->isSecure())
        std::fprintf(out, "api-certificate sha256 %s\n", qUtf8Printable(d->server->fingerprint()));
    std::fprintf(out, "listening %s http %s:%u\n", d->server->isSecure() ? "https" : "http",
                 qUtf8Printable(d->server->host()), unsigned(d->server->port()));
    std::fflush(out);
}

bool OpsApi::createDemoUsers(const QStringList& nurseUnits, FILE* out, QString* errorString)
{
    const struct
    {
        const char* name;
        Role role;
    } demo[] = {{"admin", Role::Admin}, {"support", Role::Support}, {"nurse", Role::Nurse}};
    for (const auto& user : demo) {
        const QString name = QString::fromLatin1(user.name);
        const QString password = PasswordGenerator::generate();
        QString error;
        const bool ok = d->users.find(name) ? d->users.setPassword(name, password, &error)
                                            : d->users.addUser(name, user.role,
                                                               user.role == Role::Nurse ? nurseUnits : QStringList(),
                                                               password, &error)
                                                  .has_value();
        if (!ok) {
            if (errorString)
                *errorString = QStringLiteral("demo user %1: %2").arg(name, error);
            return false;
        }
        std::fprintf(out, "demo-user %s %s %s\n", user.name, qUtf8Printable(roleName(user.role)), qUtf8Printable(password));
    }
    std::fflush(out);
    return true;
}

void OpsApi::stopListening()
{
    if (d->server)
        d->server->close();
}

int OpsApi::pendingCommits() const
{
    int pending = d->resubmitter ? d->resubmitter->inFlight() : 0;
    for (const auto& endpoint : d->fhir)
        pending += endpoint->pendingCommits();
    return pending;
}

void OpsApi::shutdown()
{
    d->housekeeping.stop();
    if (d->alerts)
        d->alerts->stop();
    if (d->sampler)
        d->sampler->stop();
    if (d->stream)
        d->stream->shutdown();
    stopListening();
}
