#pragma once

#include "models/alerts/AlertRuleConfig.h"
#include "models/hl7/PhiMasker.h"
#include "models/routing/RouteTable.h"

#include <QString>
#include <QStringList>
#include <QUrl>

#include <optional>

/// TLS material for a listener or an outbound connection (PEM files).
struct TlsFiles
{
    bool enabled = false;
    QString certificateFile;
    QString privateKeyFile;
    QString caFile;                                  ///< outbound: trust these instead of the system store
    bool verifyPeer = true;                          ///< outbound only
};

/// What a channel does with a message that fails validation (never drops it).
enum class InvalidMessagePolicy {
    Nak,                                             ///< answer AE/AR (CE/CR) with ERR; store it dead-lettered
    AckAndDeadLetter,                                ///< answer AA (CA), store it dead-lettered for review
};

/// How a channel acknowledges (SEMANTICS.md 1.3).
enum class AckMode {
    Original,                                        ///< always one AA/AE/AR per message, MSH-15/16 ignored (Mirth's default)
    Enhanced,                                        ///< honour MSH-15/16: accept ack CA/CE/CR, then application ack
};

/// An inbound interface: an MLLP listener, or a FHIR R4 endpoint on the API server
/// (kind "fhir": POST https://host:port/fhir/<name>/[<ResourceType>]; host/port/tls/framing unused).
struct ChannelConfig
{
    QString name;
    QString kind = QStringLiteral("mllp");
    QString host = QStringLiteral("127.0.0.1");
    int port = 0;                                    ///< 0 picks a free port
    TlsFiles tls;
    qsizetype maxFrameBytes = 16 * 1024 * 1024;
    int idleTimeoutSeconds = 300;
    int maxConnections = 256;
    QStringList acceptMessageTypes{QStringLiteral("*")}; ///< "TYPE^TRIGGER" with "*" wildcards
    QStringList acceptResourceTypes{QStringLiteral("*")}; ///< fhir: R4 resource types (top level) or "*"
    bool requirePatientIdentifier = true;            ///< the loader makes it false for fhir channels unless set
    InvalidMessagePolicy onInvalid = InvalidMessagePolicy::Nak;
    AckMode ackMode = AckMode::Original;             ///< config key "ackMode": "original" | "enhanced"
};

struct RetryPolicy
{
    int initialDelayMs = 1000;                       ///< base of exponential backoff with full jitter
    int maxDelayMs = 60000;                          ///< cap
    int maxAttempts = 0;                             ///< 0 = retry transient failures forever (store-and-forward)
};

struct BreakerPolicy
{
    int failureThreshold = 5;                        ///< consecutive failures that open the breaker
    int openSeconds = 30;                            ///< open this long, then one half-open probe
};

/// An outbound interface.
struct DestinationConfig
{
    enum class Kind { Mllp, Http, File };
    QString name;
    Kind kind = Kind::Mllp;
    // mllp
    QString host;
    int port = 0;
    TlsFiles tls;
    int ackTimeoutMs = 30000;
    int connectTimeoutMs = 5000;
    // http
    QUrl url;
    QString contentType = QStringLiteral("application/hl7-v2");
    int requestTimeoutMs = 30000;
    // file
    QString directory;                               ///< absolute, resolved by the loader
    QString directorySetting;                        ///< as written; a relative one follows dataDir
    QString fileNamePattern = QStringLiteral("{received}_{controlId}_{id}.hl7");
    // all
    RetryPolicy retry;
    BreakerPolicy breaker;
};

/// The ops API (docs/ops-api.md) and FHIR ingest share one HTTPS server on node.http.
struct ApiConfig
{
    /// TLS is on unless --insecure-dev. Without certificate/privateKey the node creates a
    /// self-signed pair in dataDir on first start and keeps it (config key "node.http.tls").
    TlsFiles tls{true, {}, {}, {}, true};
    bool insecureDev = false;                        ///< command line only: plain HTTP, said loudly
    int tokenTtlMinutes = 15;                        ///< "api.tokenTtlMinutes"
    qint64 maxBodyBytes = 16LL * 1024 * 1024;        ///< "api.maxBodyBytes": larger requests get 413 unread
    int signInFailuresBeforeDelay = 3;               ///< "api.signIn.failuresBeforeDelay"
    int signInLockoutSeconds = 300;                  ///< "api.signIn.lockoutSeconds" cap of the growing delay
    /// Fields masked in every response unless the role may see PHI ("api.phiFields").
    QStringList phiFields = PhiMasker::defaultFields();
    int statsHistoryDays = 7;                        ///< "api.statsHistoryDays": 1 s for the last hour, 1 min beyond
    int streamBufferEvents = 10000;                  ///< "api.streamBufferEvents": replayable on reconnect
};

/// The whole node configuration (docs/config.md is the reference).
struct NodeConfig
{
    int version = 1;                                 ///< config schema version
    QString configDir;                               ///< folder of the config file (relative paths resolve here)
    QString configVersion;                           ///< free text the operator bumps ("2026-11-26.1")
    QString nodeId = QStringLiteral("vigil-node");
    QString dataDir;                                 ///< store and generated files live here
    QString httpHost = QStringLiteral("127.0.0.1");
    int httpPort = 0;                                ///< /metrics (and later the ops API)
    int dedupWindowHours = 168;                      ///< 7 days (SEMANTICS.md 1.5)
    int groupCommitMaxBatch = 512;
    ApiConfig api;
    QList<ChannelConfig> channels;                   ///< kind "mllp" (a listener) or "fhir" (on the API server)
    QList<DestinationConfig> destinations;
    QList<RouteRule> routes;
    /// Alert rules, escalation policies and webhooks ("alerts"); the built-in set when the file has none.
    AlertsConfig alerts = AlertsConfig::defaults();

    const ChannelConfig* channel(const QString& name) const;
    const DestinationConfig* destination(const QString& name) const;
};

/// Reads and checks a config file. Errors name the place ("node.json:12:7" for syntax,
/// "channels[1].port" for a value) and the reason, one per line, all of them at once.
namespace NodeConfigLoader {

std::optional<NodeConfig> fromFile(const QString& path, QString* errorString);
/// As fromFile(); relative paths resolve against the folder of `sourceName` (e.g. ":/demo/node.json").
std::optional<NodeConfig> fromJson(const QByteArray& json, const QString& sourceName, QString* errorString);

/// Command-line overrides: "NAME=PORT" or "NAME=HOST:PORT" for a channel listener or "http";
/// for an MLLP/HTTP destination "NAME=HOST:PORT" retargets it, and "NAME=URL" replaces an HTTP
/// destination's URL. Returns false with a reason.
bool applyListenOverride(NodeConfig& config, const QString& spec, QString* errorString);
bool applyTargetOverride(NodeConfig& config, const QString& spec, QString* errorString);
/// "--data-dir DIR" (relative to the working directory): sets dataDir and moves relative file
/// destination directories under it.
bool applyDataDirOverride(NodeConfig& config, const QString& dir, QString* errorString);

} // namespace NodeConfigLoader
