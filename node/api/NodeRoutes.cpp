#include "node/api/NodeRoutes.h"

#include "node/api/ApiContext.h"
#include "node/api/ApiJson.h"
#include "node/api/ApiRouter.h"
#include "node/api/QueryReader.h"
#include "node/config/NodeConfig.h"
#include "node/stats/StatsHistory.h"
#include "node/stats/StatsSampler.h"

#include <QDateTime>

using Method = QHttpServerRequest::Method;

namespace {

QString destinationKind(DestinationConfig::Kind kind)
{
    switch (kind) {
    case DestinationConfig::Kind::Mllp:
        return QStringLiteral("mllp");
    case DestinationConfig::Kind::Http:
        return QStringLiteral("http");
    case DestinationConfig::Kind::File:
        return QStringLiteral("file");
    }
    return {};
}

QJsonObject nodeInfo(const ApiContext& ctx)
{
    const NodeConfig& config = ctx.config;
    QJsonArray channels;
    for (const ChannelConfig& c : config.channels) {
        QJsonObject channel{{QStringLiteral("name"), c.name}, {QStringLiteral("kind"), c.kind}};
        if (c.kind == u"mllp") {
            channel.insert(QStringLiteral("tls"), c.tls.enabled);
            channel.insert(QStringLiteral("ackMode"),
                           c.ackMode == AckMode::Enhanced ? QStringLiteral("enhanced") : QStringLiteral("original"));
            channel.insert(QStringLiteral("acceptMessageTypes"), QJsonArray::fromStringList(c.acceptMessageTypes));
        } else {
            channel.insert(QStringLiteral("path"), QStringLiteral("/fhir/%1").arg(c.name));
            channel.insert(QStringLiteral("acceptResourceTypes"), QJsonArray::fromStringList(c.acceptResourceTypes));
        }
        channels.append(channel);
    }
    QJsonArray destinations;
    for (const DestinationConfig& d : config.destinations) {
        QJsonObject destination{{QStringLiteral("name"), d.name}, {QStringLiteral("kind"), destinationKind(d.kind)}};
        // Where it delivers, without credentials (a URL's user info is dropped).
        if (d.kind == DestinationConfig::Kind::Mllp)
            destination.insert(QStringLiteral("target"), QStringLiteral("%1:%2").arg(d.host).arg(d.port));
        else if (d.kind == DestinationConfig::Kind::Http)
            destination.insert(QStringLiteral("target"), d.url.toString(QUrl::RemoveUserInfo));
        destinations.append(destination);
    }
    QJsonObject tls{{QStringLiteral("enabled"), !config.api.insecureDev}};
    if (!ctx.fingerprint.isEmpty())
        tls.insert(QStringLiteral("sha256"), ctx.fingerprint);
    return QJsonObject{{QStringLiteral("nodeId"), config.nodeId},
                       {QStringLiteral("version"), QStringLiteral(VIGIL_VERSION)},
                       {QStringLiteral("apiVersion"), QStringLiteral("v1")},
                       {QStringLiteral("configVersion"), config.configVersion},
                       {QStringLiteral("alertRulesVersion"), config.alerts.version},
                       {QStringLiteral("startedAt"), ApiJson::time(ctx.startedAtMs)},
                       {QStringLiteral("uptimeSeconds"), ctx.uptime.elapsed() / 1000},
                       {QStringLiteral("time"), ApiJson::time(QDateTime::currentMSecsSinceEpoch())},
                       {QStringLiteral("tls"), tls},
                       {QStringLiteral("channels"), channels},
                       {QStringLiteral("destinations"), destinations}};
}

void statsHistory(ApiContext& ctx, const ApiCallPtr& call)
{
    QueryReader q(call->query());
    const QString kind = q.choice(QStringLiteral("kind"), {QStringLiteral("channel"), QStringLiteral("destination")});
    const QString name = q.text(QStringLiteral("name"), 128);
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    qint64 from = q.time(QStringLiteral("from"));
    qint64 to = q.time(QStringLiteral("to"));
    const int points = int(q.integer(QStringLiteral("points"), 1, 3600, 600));
    if (q.rejectIfInvalid(*call))
        return;
    if (kind.isEmpty() || name.isEmpty())
        return call->fail(400, QStringLiteral("missing-parameter"),
                          QStringLiteral("give kind (channel or destination) and name"),
                          kind.isEmpty() ? QStringLiteral("kind") : QStringLiteral("name"));
    if (to == 0)
        to = now;
    if (from == 0)
        from = to - 15 * 60 * 1000;
    QString error;
    const auto series = ctx.statsHistory.query(kind, name, from, to, points, &error);
    if (!series)
        return call->fail(400, QStringLiteral("invalid-parameter"), error);
    call->replyJson(series->toJson());
}

} // namespace

namespace NodeRoutes {

void add(ApiRouter& router, ApiContext& ctx)
{
    router.add({.method = Method::Get,
                .pattern = QStringLiteral("/api/v1/node"),
                .permission = Permission::ReadNodeInfo,
                .handler = [&ctx](const ApiCallPtr& call) { call->replyJson(nodeInfo(ctx)); }});
    router.add({.method = Method::Get,
                .pattern = QStringLiteral("/api/v1/stats"),
                .permission = Permission::ReadStats,
                .handler = [&ctx](const ApiCallPtr& call) {
                    const StatsSnapshot& latest = ctx.stats.latest();
                    call->replyJson(latest.atMs != 0 ? latest.toJson() : ctx.stats.sampleNow().toJson());
                }});
    router.add({.method = Method::Get,
                .pattern = QStringLiteral("/api/v1/stats/history"),
                .permission = Permission::ReadStats,
                .queryParameters = {QStringLiteral("kind"), QStringLiteral("name"), QStringLiteral("from"),
                                    QStringLiteral("to"), QStringLiteral("points")},
                .handler = [&ctx](const ApiCallPtr& call) { statsHistory(ctx, call); }});
}

} // namespace NodeRoutes
