#include "node/config/NodeConfig.h"

#include "models/routing/RoutePatterns.h"
#include "node/config/AlertsConfigLoader.h"
#include "node/config/ConfigChecks.h"
#include "node/config/ConfigReader.h"
#include "node/fhir/FhirResourceTypes.h"

#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QRegularExpression>

#include <algorithm>

using namespace Qt::StringLiterals;
using Presence = ConfigReader::Presence;

namespace {

constexpr qint64 kMaxConfigBytes = 16 * 1024 * 1024;
constexpr qint64 kIntMax = std::numeric_limits<int>::max();

const QStringList kTopKeys{u"version"_s, u"configVersion"_s, u"node"_s,  u"store"_s, u"api"_s,
                           u"channels"_s, u"destinations"_s, u"routes"_s, u"alerts"_s};
const QStringList kNodeKeys{u"id"_s, u"dataDir"_s, u"http"_s};
const QStringList kHttpKeys{u"host"_s, u"port"_s, u"tls"_s};
const QStringList kStoreKeys{u"dedupWindowHours"_s, u"groupCommitMaxBatch"_s};
const QStringList kApiKeys{u"tokenTtlMinutes"_s, u"maxBodyBytes"_s,     u"signIn"_s,
                           u"phiFields"_s,       u"statsHistoryDays"_s, u"streamBufferEvents"_s};
const QStringList kSignInKeys{u"failuresBeforeDelay"_s, u"lockoutSeconds"_s};
const QStringList kChannelCommonKeys{u"name"_s, u"kind"_s, u"requirePatientIdentifier"_s, u"onInvalid"_s};
const QStringList kMllpChannelKeys{u"host"_s,           u"port"_s,           u"tls"_s,
                                   u"maxFrameBytes"_s,  u"idleTimeoutSeconds"_s, u"maxConnections"_s,
                                   u"acceptMessageTypes"_s, u"ackMode"_s};
const QStringList kFhirChannelKeys{u"acceptResourceTypes"_s};
const QStringList kChannelKinds{u"mllp"_s, u"fhir"_s};
const QStringList kDestinationCommonKeys{u"name"_s, u"kind"_s, u"retry"_s, u"breaker"_s};
const QStringList kMllpDestinationKeys{u"host"_s, u"port"_s, u"tls"_s, u"ackTimeoutMs"_s, u"connectTimeoutMs"_s};
const QStringList kHttpDestinationKeys{u"url"_s, u"tls"_s, u"contentType"_s, u"requestTimeoutMs"_s};
const QStringList kFileDestinationKeys{u"directory"_s, u"fileNamePattern"_s};
const QStringList kDestinationKinds{u"mllp"_s, u"http"_s, u"file"_s};
const QStringList kRetryKeys{u"initialDelayMs"_s, u"maxDelayMs"_s, u"maxAttempts"_s};
const QStringList kBreakerKeys{u"failureThreshold"_s, u"openSeconds"_s};
const QStringList kRouteKeys{u"name"_s, u"match"_s, u"destinations"_s, u"stop"_s};
const QStringList kMatchKeys{u"messageType"_s, u"triggerEvent"_s, u"sendingFacility"_s, u"sendingApplication"_s,
                             u"fields"_s};
// What FileDestinationSender substitutes.
const QStringList kFileNamePlaceholders{u"received"_s, u"controlId"_s, u"id"_s, u"correlationId"_s};

enum class TlsRole { Listener, MllpClient, HttpClient };

QString friendlySyntaxError(QJsonParseError::ParseError error, char at)
{
    switch (error) {
    case QJsonParseError::UnterminatedObject:
        if (at == '/' || at == '#')
            return u"comments are not allowed in JSON"_s;
        return u"expected ',' or '}' in the object"_s;
    case QJsonParseError::MissingNameSeparator:
        return u"expected ':' after the key"_s;
    case QJsonParseError::UnterminatedArray:
        return u"expected ',' or ']' in the array"_s;
    case QJsonParseError::MissingValueSeparator:
        return u"expected ',' between array elements"_s;
    case QJsonParseError::IllegalValue:
        return u"invalid value (strings need double quotes; true, false and null are lower case)"_s;
    case QJsonParseError::TerminationByNumber:
        return u"the document ends inside a number"_s;
    case QJsonParseError::IllegalNumber:
        return u"invalid number or value (strings need double quotes)"_s;
    case QJsonParseError::IllegalEscapeSequence:
        return u"invalid escape sequence in a string"_s;
    case QJsonParseError::IllegalUTF8String:
        return u"invalid UTF-8 in a string"_s;
    case QJsonParseError::UnterminatedString:
        return u"unterminated string (missing closing '\"')"_s;
    case QJsonParseError::MissingObject:
        return u"expected a value after ',' (trailing commas are not allowed)"_s;
    case QJsonParseError::DeepNesting:
        return u"nested too deeply"_s;
    case QJsonParseError::DocumentTooLarge:
        return u"document too large"_s;
    case QJsonParseError::GarbageAtEnd:
        return u"unexpected text after the end of the top-level object"_s;
    case QJsonParseError::NoError:
        break;
    }
    return u"syntax error"_s;
}

// QJsonParseError::offset is a byte offset, usually just past the offending character but at it for
// IllegalNumber (the number parser stops in front of what it cannot read). People want the line and the
// column, in characters, of that character.
qsizetype syntaxErrorPosition(const QJsonParseError& error, const QByteArray& data)
{
    const qsizetype pos = error.error == QJsonParseError::IllegalNumber ? error.offset : error.offset - 1;
    return std::clamp<qsizetype>(pos, 0, std::max<qsizetype>(data.size() - 1, 0));
}

QString syntaxErrorLocation(const QByteArray& data, qsizetype pos)
{
    const qsizetype lineStart = pos == 0 ? 0 : data.lastIndexOf('\n', pos - 1) + 1;
    const qsizetype line = data.left(pos).count('\n') + 1;
    qsizetype column = 1;
    for (qsizetype i = lineStart; i < pos; ++i) {
        if ((uchar(data[i]) & 0xC0) != 0x80)
            ++column;
    }
    return QString::number(line) + u':' + QString::number(column);
}

class Loader
{
public:
    explicit Loader(const QString& sourceName)
        : m_reader(sourceName)
    {
        m_config.configDir = QFileInfo(sourceName).absolutePath();
    }

    std::optional<NodeConfig> load(const QJsonObject& root, QString* errorString)
    {
        readTop(root);
        checkUniqueNames();
        checkRouteTargets();
        checkListenAddresses();
        resolveDataPaths();
        if (m_reader.hasErrors()) {
            if (errorString)
                *errorString = m_reader.errors().join(u'\n');
            return std::nullopt;
        }
        return m_config;
    }

private:
    void readTop(const QJsonObject& root)
    {
        m_reader.checkKeys(root, {}, kTopKeys);
        if (auto version = m_reader.integer(root, {}, u"version"_s, kIntMin, kIntMax, Presence::Required)) {
            if (*version != 1)
                m_reader.addError(u"version"_s,
                                  u"unsupported schema version %1 (this vigil-node reads version 1)"_s.arg(*version));
        }
        if (auto configVersion = m_reader.string(root, {}, u"configVersion"_s))
            m_config.configVersion = *configVersion;
        if (auto node = m_reader.object(root, {}, u"node"_s))
            readNode(*node, u"node"_s);
        if (auto store = m_reader.object(root, {}, u"store"_s))
            readStore(*store, u"store"_s);
        if (auto api = m_reader.object(root, {}, u"api"_s))
            readApi(*api, u"api"_s);
        if (auto channels = m_reader.array(root, {}, u"channels"_s)) {
            for (qsizetype i = 0; i < channels->size(); ++i) {
                const QString path = ConfigReader::element(u"channels"_s, i);
                if (auto object = asObject(channels->at(i), path))
                    m_config.channels.append(readChannel(*object, path));
            }
        }
        if (auto destinations = m_reader.array(root, {}, u"destinations"_s)) {
            for (qsizetype i = 0; i < destinations->size(); ++i) {
                const QString path = ConfigReader::element(u"destinations"_s, i);
                if (auto object = asObject(destinations->at(i), path))
                    m_config.destinations.append(readDestination(*object, path));
            }
        }
        if (auto routes = m_reader.array(root, {}, u"routes"_s)) {
            for (qsizetype i = 0; i < routes->size(); ++i) {
                const QString path = ConfigReader::element(u"routes"_s, i);
                if (auto object = asObject(routes->at(i), path))
                    m_config.routes.append(readRoute(*object, path));
            }
        }
        // Last: rule targets name channels and destinations.
        if (auto alerts = m_reader.object(root, {}, u"alerts"_s))
            m_config.alerts = AlertsConfigLoader(m_reader, m_config).read(*alerts, u"alerts"_s);
    }

    std::optional<QJsonObject> asObject(const QJsonValue& value, const QString& path)
    {
        if (value.isObject())
            return value.toObject();
        m_reader.addError(path, u"must be an object (got %1)"_s.arg(ConfigReader::typeName(value)));
        return std::nullopt;
    }

    std::optional<QString> name(const QJsonObject& object, const QString& path, Presence presence)
    {
        auto text = m_reader.nonEmptyString(object, path, u"name"_s, presence);
        if (text && !ConfigChecks::isValidName(*text)) {
            m_reader.addError(ConfigReader::child(path, u"name"_s), ConfigChecks::nameRule() + u" (got \"%1\")"_s.arg(*text));
            return std::nullopt;
        }
        return text;
    }

    // Listeners bind to an address, never to a name that would need a lookup at start-up.
    void listenHost(const QJsonObject& object, const QString& path, QString& host)
    {
        auto text = m_reader.string(object, path, u"host"_s);
        if (!text)
            return;
        QString why;
        if (!ConfigChecks::isValidListenHost(*text, &why)) {
            m_reader.addError(ConfigReader::child(path, u"host"_s), why);
            return;
        }
        host = *text;
    }

    void readNode(const QJsonObject& node, const QString& path)
    {
        m_reader.checkKeys(node, path, kNodeKeys);
        if (auto id = m_reader.nonEmptyString(node, path, u"id"_s)) {
            if (ConfigChecks::isValidName(*id))
                m_config.nodeId = *id;
            else
                m_reader.addError(ConfigReader::child(path, u"id"_s), ConfigChecks::nameRule() + u" (got \"%1\")"_s.arg(*id));
        }
        if (auto dataDir = m_reader.nonEmptyString(node, path, u"dataDir"_s))
            m_config.dataDir = ConfigChecks::resolvePath(m_config.configDir, *dataDir);
        if (auto http = m_reader.object(node, path, u"http"_s)) {
            const QString httpPath = ConfigReader::child(path, u"http"_s);
            m_reader.checkKeys(*http, httpPath, kHttpKeys);
            listenHost(*http, httpPath, m_config.httpHost);
            if (auto port = m_reader.integer(*http, httpPath, u"port"_s, 0, 65535))
                m_config.httpPort = int(*port);
            readApiTls(*http, httpPath);
        }
    }

    // The API server always speaks TLS (plain HTTP only with --insecure-dev on the command line): the
    // file gives its certificate and key, or neither, and then the node makes a self-signed pair.
    void readApiTls(const QJsonObject& http, const QString& httpPath)
    {
        auto object = m_reader.object(http, httpPath, u"tls"_s);
        if (!object)
            return;
        const QString path = ConfigReader::child(httpPath, u"tls"_s);
        const QStringList allowed{u"certificate"_s, u"privateKey"_s};
        for (auto it = object->begin(); it != object->end(); ++it) {
            const QString where = ConfigReader::child(path, it.key());
            if (allowed.contains(it.key()))
                continue;
            if (it.key() == u"enabled"_s)
                m_reader.addError(where, u"the API server always uses TLS (plain HTTP only with --insecure-dev on the "
                                         "command line); leave certificate and privateKey out for a self-signed "
                                         "certificate"_s);
            else if (it.key() == u"ca"_s || it.key() == u"verifyPeer"_s)
                m_reader.addError(where, u"not used: the API server presents its certificate and does not verify "
                                         "clients"_s);
            else
                m_reader.addError(where, u"unknown key"_s + ConfigReader::didYouMean(it.key(), allowed));
        }
        TlsFiles& tls = m_config.api.tls;
        const auto file = [&](const QString& key, QString& target) {
            if (auto text = m_reader.nonEmptyString(*object, path, key)) {
                target = ConfigChecks::resolvePath(m_config.configDir, *text);
                if (!QFileInfo(target).isReadable())
                    m_reader.addError(ConfigReader::child(path, key), u"cannot read \"%1\""_s.arg(target));
            }
        };
        file(u"certificate"_s, tls.certificateFile);
        file(u"privateKey"_s, tls.privateKeyFile);
        const bool hasCert = object->contains(u"certificate"_s);
        const bool hasKey = object->contains(u"privateKey"_s);
        if (hasCert != hasKey) {
            m_reader.addError(path, u"%1 is missing: give both certificate and privateKey, or neither (then the node "
                                    "creates a self-signed certificate in its data folder)"_s
                                        .arg(hasCert ? u"privateKey"_s : u"certificate"_s));
        }
    }

    void readApi(const QJsonObject& api, const QString& path)
    {
        ApiConfig& config = m_config.api;
        m_reader.checkKeys(api, path, kApiKeys);
        if (auto minutes = m_reader.integer(api, path, u"tokenTtlMinutes"_s, 1, 24 * 60))
            config.tokenTtlMinutes = int(*minutes);
        if (auto bytes = m_reader.integer(api, path, u"maxBodyBytes"_s, 1024, 1024 * 1024 * 1024))
            config.maxBodyBytes = *bytes;
        if (auto signIn = m_reader.object(api, path, u"signIn"_s)) {
            const QString signInPath = ConfigReader::child(path, u"signIn"_s);
            m_reader.checkKeys(*signIn, signInPath, kSignInKeys);
            if (auto failures = m_reader.integer(*signIn, signInPath, u"failuresBeforeDelay"_s, 1, 1000))
                config.signInFailuresBeforeDelay = int(*failures);
            if (auto seconds = m_reader.integer(*signIn, signInPath, u"lockoutSeconds"_s, 1, 24 * 3600))
                config.signInLockoutSeconds = int(*seconds);
        }
        if (auto fields = m_reader.stringList(api, path, u"phiFields"_s)) {
            const QString fieldsPath = ConfigReader::child(path, u"phiFields"_s);
            const bool isArray = api.value(u"phiFields"_s).isArray();
            bool ok = true;
            if (fields->isEmpty()) {
                m_reader.addError(fieldsPath, u"must not be empty: patient data would be shown to every role"_s);
                ok = false;
            }
            for (qsizetype i = 0; i < fields->size(); ++i) {
                QString why;
                if (!ConfigChecks::isValidPhiField(fields->at(i), &why)) {
                    m_reader.addError(isArray ? ConfigReader::element(fieldsPath, i) : fieldsPath, why);
                    ok = false;
                }
            }
            if (ok) {
                fields->removeDuplicates();
                config.phiFields = *fields;
            }
        }
        if (auto days = m_reader.integer(api, path, u"statsHistoryDays"_s, 1, 3650))
            config.statsHistoryDays = int(*days);
        if (auto events = m_reader.integer(api, path, u"streamBufferEvents"_s, 1, 10000000))
            config.streamBufferEvents = int(*events);
    }

    void readStore(const QJsonObject& store, const QString& path)
    {
        m_reader.checkKeys(store, path, kStoreKeys);
        // Ten years: far beyond any sender's resend horizon, and small enough for timestamp arithmetic.
        if (auto hours = m_reader.integer(store, path, u"dedupWindowHours"_s, 1, 24 * 366 * 10))
            m_config.dedupWindowHours = int(*hours);
        if (auto batch = m_reader.integer(store, path, u"groupCommitMaxBatch"_s, 1, 100000))
            m_config.groupCommitMaxBatch = int(*batch);
    }

    void readTls(const QJsonObject& parent, const QString& parentPath, TlsRole role, TlsFiles& tls)
    {
        auto object = m_reader.object(parent, parentPath, u"tls"_s);
        if (!object)
            return;
        const QString path = ConfigReader::child(parentPath, u"tls"_s);
        switch (role) {
        case TlsRole::Listener:
            m_reader.checkKeys(*object, path, {u"enabled"_s, u"certificate"_s, u"privateKey"_s},
                               {u"ca"_s, u"verifyPeer"_s},
                               u"only destinations verify their peer; a channel presents its certificate"_s);
            break;
        case TlsRole::MllpClient:
            m_reader.checkKeys(*object, path,
                               {u"enabled"_s, u"certificate"_s, u"privateKey"_s, u"ca"_s, u"verifyPeer"_s});
            break;
        case TlsRole::HttpClient:
            m_reader.checkKeys(*object, path, {u"certificate"_s, u"privateKey"_s, u"ca"_s, u"verifyPeer"_s},
                               {u"enabled"_s}, u"http destinations use TLS when the url is https://"_s);
            break;
        }
        if (role != TlsRole::HttpClient)
            tls.enabled = m_reader.boolean(*object, path, u"enabled"_s).value_or(true);
        const auto file = [&](const QString& key, QString& target) {
            if (auto text = m_reader.nonEmptyString(*object, path, key))
                target = ConfigChecks::resolvePath(m_config.configDir, *text);
        };
        file(u"certificate"_s, tls.certificateFile);
        file(u"privateKey"_s, tls.privateKeyFile);
        if (role != TlsRole::Listener) {
            file(u"ca"_s, tls.caFile);
            if (auto verify = m_reader.boolean(*object, path, u"verifyPeer"_s))
                tls.verifyPeer = *verify;
        }
        const bool hasCert = object->contains(u"certificate"_s);
        const bool hasKey = object->contains(u"privateKey"_s);
        if (role == TlsRole::Listener && tls.enabled && !(hasCert && hasKey)) {
            m_reader.addError(path, u"TLS is enabled but %1 missing (a listener needs both certificate and "
                                    "privateKey)"_s
                                        .arg(!hasCert && !hasKey ? u"certificate and privateKey are"_s
                                             : !hasCert          ? u"certificate is"_s
                                                                 : u"privateKey is"_s));
        } else if (role != TlsRole::Listener && hasCert != hasKey) {
            m_reader.addError(path, u"a client certificate needs both certificate and privateKey"_s);
        }
        if (!tls.enabled && role != TlsRole::HttpClient)
            return;
        const auto readable = [&](const QString& key, const QString& file) {
            if (!file.isEmpty() && !QFileInfo(file).isReadable())
                m_reader.addError(ConfigReader::child(path, key), u"cannot read \"%1\""_s.arg(file));
        };
        readable(u"certificate"_s, tls.certificateFile);
        readable(u"privateKey"_s, tls.privateKeyFile);
        readable(u"ca"_s, tls.caFile);
    }

    ChannelConfig readChannel(const QJsonObject& object, const QString& path)
    {
        ChannelConfig channel;
        const auto kind = m_reader.string(object, path, u"kind"_s);
        if (kind && !kChannelKinds.contains(*kind)) {
            m_reader.addError(ConfigReader::child(path, u"kind"_s),
                              u"unknown channel kind \"%1\" (channels are \"mllp\" listeners or \"fhir\" "
                              "endpoints)%2"_s.arg(*kind, ConfigReader::didYouMean(*kind, kChannelKinds)));
        }
        if (kind == u"fhir"_s) {
            channel.kind = u"fhir"_s;
            channel.requirePatientIdentifier = false;
            m_reader.checkKeys(object, path, kChannelCommonKeys + kFhirChannelKeys, kMllpChannelKeys,
                               u"not used by fhir channels: FHIR channels are served on node.http "
                               "(POST /fhir/<name>), which has the address and TLS settings"_s);
        } else if (!kind || *kind == u"mllp"_s) {
            m_reader.checkKeys(object, path, kChannelCommonKeys + kMllpChannelKeys, kFhirChannelKeys,
                               u"not used by mllp channels (acceptMessageTypes lists HL7 message types)"_s);
        } else {
            m_reader.checkKeys(object, path, kChannelCommonKeys + kMllpChannelKeys + kFhirChannelKeys);
        }
        if (auto name = this->name(object, path, Presence::Required))
            channel.name = *name;
        if (channel.kind == u"fhir"_s)
            readFhirChannel(object, path, channel);
        else
            readMllpChannel(object, path, channel);
        if (auto require = m_reader.boolean(object, path, u"requirePatientIdentifier"_s))
            channel.requirePatientIdentifier = *require;
        m_channelPaths.append(path);
        return channel;
    }

    void readMllpChannel(const QJsonObject& object, const QString& path, ChannelConfig& channel)
    {
        listenHost(object, path, channel.host);
        if (auto port = m_reader.integer(object, path, u"port"_s, 0, 65535))
            channel.port = int(*port);
        readTls(object, path, TlsRole::Listener, channel.tls);
        if (auto bytes = m_reader.integer(object, path, u"maxFrameBytes"_s, 1024, 1024 * 1024 * 1024))
            channel.maxFrameBytes = *bytes;
        if (auto seconds = m_reader.integer(object, path, u"idleTimeoutSeconds"_s, 1, kIntMax))
            channel.idleTimeoutSeconds = int(*seconds);
        if (auto connections = m_reader.integer(object, path, u"maxConnections"_s, 1, 65535))
            channel.maxConnections = int(*connections);
        if (auto types = m_reader.stringList(object, path, u"acceptMessageTypes"_s)) {
            const QString typesPath = ConfigReader::child(path, u"acceptMessageTypes"_s);
            if (types->isEmpty())
                m_reader.addError(typesPath, u"must not be empty (use [\"*\"] to accept every message type)"_s);
            if (checkMessageTypes(*types, typesPath, object.value(u"acceptMessageTypes"_s).isArray()))
                channel.acceptMessageTypes = *types;
        }
        if (auto policy = m_reader.choice(object, path, u"onInvalid"_s, {u"nak"_s, u"ack-and-dead-letter"_s})) {
            channel.onInvalid = *policy == u"nak"_s ? InvalidMessagePolicy::Nak
                                                     : InvalidMessagePolicy::AckAndDeadLetter;
        }
        if (auto mode = m_reader.choice(object, path, u"ackMode"_s, {u"original"_s, u"enhanced"_s}))
            channel.ackMode = *mode == u"original"_s ? AckMode::Original : AckMode::Enhanced;
    }

    void readFhirChannel(const QJsonObject& object, const QString& path, ChannelConfig& channel)
    {
        // Served by the API server: no listener of its own.
        channel.host.clear();
        channel.port = 0;
        if (auto types = m_reader.stringList(object, path, u"acceptResourceTypes"_s)) {
            const QString typesPath = ConfigReader::child(path, u"acceptResourceTypes"_s);
            const bool isArray = object.value(u"acceptResourceTypes"_s).isArray();
            bool ok = true;
            if (types->isEmpty()) {
                m_reader.addError(typesPath, u"must not be empty (use [\"*\"] to accept every resource type)"_s);
                ok = false;
            }
            for (qsizetype i = 0; i < types->size(); ++i) {
                QString why;
                if (types->at(i) != u"*"_s && !ConfigChecks::isValidFhirResourceType(types->at(i), &why)) {
                    m_reader.addError(isArray ? ConfigReader::element(typesPath, i) : typesPath, why);
                    ok = false;
                }
            }
            if (ok)
                channel.acceptResourceTypes = *types;
        }
        if (auto policy = m_reader.choice(object, path, u"onInvalid"_s, {u"reject"_s, u"accept-and-dead-letter"_s})) {
            channel.onInvalid = *policy == u"reject"_s ? InvalidMessagePolicy::Nak
                                                        : InvalidMessagePolicy::AckAndDeadLetter;
        }
    }

    bool checkMessageTypes(const QStringList& patterns, const QString& path, bool isArray)
    {
        bool ok = true;
        for (qsizetype i = 0; i < patterns.size(); ++i) {
            QString why;
            if (!RoutePatterns::isValidMessageTypePattern(patterns.at(i), &why)) {
                m_reader.addError(isArray ? ConfigReader::element(path, i) : path, why);
                ok = false;
            }
        }
        return ok;
    }

    DestinationConfig readDestination(const QJsonObject& object, const QString& path)
    {
        DestinationConfig destination;
        const auto kind = m_reader.choice(object, path, u"kind"_s, kDestinationKinds, Presence::Required);
        const QStringList mllpKeys = kDestinationCommonKeys + kMllpDestinationKeys;
        const QStringList httpKeys = kDestinationCommonKeys + kHttpDestinationKeys;
        const QStringList fileKeys = kDestinationCommonKeys + kFileDestinationKeys;
        const QStringList allKeys = kDestinationCommonKeys + kMllpDestinationKeys + kHttpDestinationKeys
                                    + kFileDestinationKeys;
        const auto checkKindKeys = [&](const QStringList& allowed) {
            QStringList elsewhere;
            for (const QString& key : allKeys) {
                if (!allowed.contains(key))
                    elsewhere.append(key);
            }
            m_reader.checkKeys(object, path, allowed, elsewhere, u"not used by %1 destinations"_s.arg(*kind));
        };
        if (!kind)
            m_reader.checkKeys(object, path, allKeys);
        else if (*kind == u"mllp"_s)
            checkKindKeys(mllpKeys);
        else if (*kind == u"http"_s)
            checkKindKeys(httpKeys);
        else
            checkKindKeys(fileKeys);

        if (auto name = this->name(object, path, Presence::Required))
            destination.name = *name;
        if (kind == u"mllp"_s) {
            destination.kind = DestinationConfig::Kind::Mllp;
            readMllpDestination(object, path, destination);
        } else if (kind == u"http"_s) {
            destination.kind = DestinationConfig::Kind::Http;
            readHttpDestination(object, path, destination);
        } else if (kind == u"file"_s) {
            destination.kind = DestinationConfig::Kind::File;
            readFileDestination(object, path, destination);
        }
        readRetry(object, path, destination.retry);
        readBreaker(object, path, destination.breaker);
        m_destinationPaths.append(path);
        return destination;
    }

    void readMllpDestination(const QJsonObject& object, const QString& path, DestinationConfig& destination)
    {
        if (auto host = m_reader.nonEmptyString(object, path, u"host"_s, Presence::Required)) {
            QString why;
            if (ConfigChecks::isValidTargetHost(*host, &why))
                destination.host = *host;
            else
                m_reader.addError(ConfigReader::child(path, u"host"_s), why);
        }
        if (auto port = m_reader.integer(object, path, u"port"_s, 1, 65535, Presence::Required))
            destination.port = int(*port);
        readTls(object, path, TlsRole::MllpClient, destination.tls);
        if (auto ms = m_reader.integer(object, path, u"ackTimeoutMs"_s, 1, kIntMax))
            destination.ackTimeoutMs = int(*ms);
        if (auto ms = m_reader.integer(object, path, u"connectTimeoutMs"_s, 1, kIntMax))
            destination.connectTimeoutMs = int(*ms);
    }

    void readHttpDestination(const QJsonObject& object, const QString& path, DestinationConfig& destination)
    {
        if (auto text = m_reader.nonEmptyString(object, path, u"url"_s, Presence::Required)) {
            QString why;
            const QUrl url(*text, QUrl::StrictMode);
            if (ConfigChecks::isValidHttpUrl(url, &why))
                destination.url = url;
            else
                m_reader.addError(ConfigReader::child(path, u"url"_s), why + u" (got \"%1\")"_s.arg(*text));
        }
        readTls(object, path, TlsRole::HttpClient, destination.tls);
        destination.tls.enabled = destination.url.scheme() == u"https"_s;
        if (auto type = m_reader.nonEmptyString(object, path, u"contentType"_s))
            destination.contentType = *type;
        if (auto ms = m_reader.integer(object, path, u"requestTimeoutMs"_s, 1, kIntMax))
            destination.requestTimeoutMs = int(*ms);
    }

    void readFileDestination(const QJsonObject& object, const QString& path, DestinationConfig& destination)
    {
        if (auto directory = m_reader.nonEmptyString(object, path, u"directory"_s, Presence::Required))
            destination.directorySetting = *directory;
        if (auto pattern = m_reader.nonEmptyString(object, path, u"fileNamePattern"_s)) {
            if (checkFileNamePattern(*pattern, ConfigReader::child(path, u"fileNamePattern"_s)))
                destination.fileNamePattern = *pattern;
        }
    }

    bool checkFileNamePattern(const QString& pattern, const QString& path)
    {
        if (pattern.contains(u'/') || pattern.contains(u'\\')) {
            m_reader.addError(path, u"must be a file name, not a path (set the folder with \"directory\")"_s);
            return false;
        }
        static const QRegularExpression placeholder(u"\\{([^{}]*)\\}"_s);
        bool ok = true;
        for (auto it = placeholder.globalMatch(pattern); it.hasNext();) {
            const QString name = it.next().captured(1);
            if (!kFileNamePlaceholders.contains(name)) {
                m_reader.addError(path, u"unknown placeholder {%1}%2; known: %3"_s.arg(
                                            name, ConfigReader::didYouMean(name, kFileNamePlaceholders),
                                            u"{"_s + kFileNamePlaceholders.join(u"}, {"_s) + u"}"_s));
                ok = false;
            }
        }
        return ok;
    }

    void readRetry(const QJsonObject& parent, const QString& parentPath, RetryPolicy& retry)
    {
        auto object = m_reader.object(parent, parentPath, u"retry"_s);
        if (!object)
            return;
        const QString path = ConfigReader::child(parentPath, u"retry"_s);
        m_reader.checkKeys(*object, path, kRetryKeys);
        if (auto ms = m_reader.integer(*object, path, u"initialDelayMs"_s, 1, kIntMax))
            retry.initialDelayMs = int(*ms);
        if (auto ms = m_reader.integer(*object, path, u"maxDelayMs"_s, 1, kIntMax)) {
            if (*ms < retry.initialDelayMs) {
                m_reader.addError(ConfigReader::child(path, u"maxDelayMs"_s),
                                  u"must be at least initialDelayMs (%1) (got %2)"_s.arg(retry.initialDelayMs)
                                      .arg(*ms));
            } else {
                retry.maxDelayMs = int(*ms);
            }
        } else if (retry.maxDelayMs < retry.initialDelayMs) {
            retry.maxDelayMs = retry.initialDelayMs;
        }
        if (auto attempts = m_reader.integer(*object, path, u"maxAttempts"_s, 0, kIntMax))
            retry.maxAttempts = int(*attempts);
    }

    void readBreaker(const QJsonObject& parent, const QString& parentPath, BreakerPolicy& breaker)
    {
        auto object = m_reader.object(parent, parentPath, u"breaker"_s);
        if (!object)
            return;
        const QString path = ConfigReader::child(parentPath, u"breaker"_s);
        m_reader.checkKeys(*object, path, kBreakerKeys);
        if (auto failures = m_reader.integer(*object, path, u"failureThreshold"_s, 1, kIntMax))
            breaker.failureThreshold = int(*failures);
        if (auto seconds = m_reader.integer(*object, path, u"openSeconds"_s, 1, kIntMax))
            breaker.openSeconds = int(*seconds);
    }

    RouteRule readRoute(const QJsonObject& object, const QString& path)
    {
        RouteRule rule;
        m_reader.checkKeys(object, path, kRouteKeys);
        // Unnamed rules are named after their place; '[' cannot clash with a valid name.
        rule.name = this->name(object, path, Presence::Optional).value_or(path);
        if (auto match = m_reader.object(object, path, u"match"_s))
            readMatch(*match, ConfigReader::child(path, u"match"_s), rule);
        if (auto destinations = m_reader.stringList(object, path, u"destinations"_s, Presence::Required))
            rule.destinations = *destinations;
        if (auto stop = m_reader.boolean(object, path, u"stop"_s))
            rule.stop = *stop;
        if (object.contains(u"destinations"_s) && rule.destinations.isEmpty() && !rule.stop) {
            m_reader.addError(ConfigReader::child(path, u"destinations"_s),
                              u"is empty, so the rule does nothing (add destinations, or set \"stop\": true to "
                              "keep matching messages from later rules)"_s);
        }
        m_routePaths.append(path);
        m_routeDestinationsIsArray.append(object.value(u"destinations"_s).isArray());
        return rule;
    }

    void readMatch(const QJsonObject& match, const QString& path, RouteRule& rule)
    {
        m_reader.checkKeys(match, path, kMatchKeys);
        const auto list = [&](const QString& key, const auto& validate) -> QStringList {
            auto values = m_reader.stringList(match, path, key);
            if (!values)
                return {};
            const QString keyPath = ConfigReader::child(path, key);
            if (values->isEmpty()) {
                m_reader.addError(keyPath, u"must not be empty (leave the key out to match anything)"_s);
                return {};
            }
            const bool isArray = match.value(key).isArray();
            for (qsizetype i = 0; i < values->size(); ++i) {
                QString why;
                if (!validate(values->at(i), &why))
                    m_reader.addError(isArray ? ConfigReader::element(keyPath, i) : keyPath, why);
            }
            return *values;
        };
        const auto anyValue = [](const QString&, QString*) { return true; };
        rule.messageTypes = list(u"messageType"_s, [](const QString& v, QString* why) {
            return ConfigChecks::isValidRouteMessageType(v, why);
        });
        // FHIR event codes ("patient-link", "transaction") are not HL7 trigger events: they are allowed
        // when the rule names FHIR resource types only, and HL7's upper-case check stays everywhere else.
        const bool fhirOnly = !rule.messageTypes.isEmpty()
            && std::all_of(rule.messageTypes.cbegin(), rule.messageTypes.cend(), [](const QString& v) {
                   return ConfigChecks::isValidFhirMessageTypePattern(v);
               });
        rule.triggerEvents = list(u"triggerEvent"_s, [fhirOnly](const QString& v, QString* why) {
            return fhirOnly ? ConfigChecks::isValidFhirEventPattern(v, why) : RoutePatterns::isValidTriggerPattern(v, why);
        });
        rule.sendingFacilities = list(u"sendingFacility"_s, anyValue);
        rule.sendingApplications = list(u"sendingApplication"_s, anyValue);
        auto fields = m_reader.object(match, path, u"fields"_s);
        if (!fields)
            return;
        const QString fieldsPath = ConfigReader::child(path, u"fields"_s);
        for (auto it = fields->begin(); it != fields->end(); ++it) {
            const QString fieldPath = ConfigReader::child(fieldsPath, it.key());
            QString why;
            if (!RoutePatterns::isValidFieldPath(it.key(), &why)) {
                m_reader.addError(fieldPath, why);
                continue;
            }
            if (auto values = m_reader.stringList(*fields, fieldsPath, it.key())) {
                if (values->isEmpty())
                    m_reader.addError(fieldPath, u"must not be empty (leave the field out to match anything)"_s);
                else
                    rule.fieldEquals.insert(it.key(), *values);
            }
        }
    }

    void checkUniqueNames()
    {
        const auto check = [&](const QStringList& names, const QStringList& paths) {
            QHash<QString, QString> seen;
            for (qsizetype i = 0; i < names.size(); ++i) {
                if (names.at(i).isEmpty())
                    continue;
                if (auto it = seen.constFind(names.at(i)); it != seen.cend()) {
                    m_reader.addError(ConfigReader::child(paths.at(i), u"name"_s),
                                      u"duplicate name \"%1\" (also used by %2)"_s.arg(names.at(i), *it));
                } else {
                    seen.insert(names.at(i), paths.at(i));
                }
            }
        };
        QStringList channelNames, destinationNames, routeNames;
        for (const ChannelConfig& channel : std::as_const(m_config.channels)) {
            channelNames.append(channel.name);
            // "--listen http=PORT" addresses the node's own HTTP listener.
            if (channel.name == u"http"_s) {
                m_reader.addError(ConfigReader::child(m_channelPaths.at(channelNames.size() - 1), u"name"_s),
                                  u"\"http\" is reserved for the node's HTTP listener"_s);
            }
        }
        for (const DestinationConfig& destination : std::as_const(m_config.destinations))
            destinationNames.append(destination.name);
        for (const RouteRule& rule : std::as_const(m_config.routes))
            routeNames.append(rule.name);
        check(channelNames, m_channelPaths);
        check(destinationNames, m_destinationPaths);
        check(routeNames, m_routePaths);
    }

    void checkRouteTargets()
    {
        QStringList known;
        for (const DestinationConfig& destination : std::as_const(m_config.destinations))
            known.append(destination.name);
        for (qsizetype r = 0; r < m_config.routes.size(); ++r) {
            const QStringList& targets = m_config.routes.at(r).destinations;
            const QString path = ConfigReader::child(m_routePaths.at(r), u"destinations"_s);
            for (qsizetype i = 0; i < targets.size(); ++i) {
                if (known.contains(targets.at(i)))
                    continue;
                m_reader.addError(m_routeDestinationsIsArray.at(r) ? ConfigReader::element(path, i) : path,
                                  u"no destination named \"%1\"%2"_s.arg(targets.at(i),
                                                                          ConfigReader::didYouMean(targets.at(i), known)));
            }
        }
    }

    void checkListenAddresses()
    {
        QHash<QString, QString> used;
        if (m_config.httpPort != 0)
            used.insert(m_config.httpHost + u'|' + QString::number(m_config.httpPort), u"node.http"_s);
        for (qsizetype i = 0; i < m_config.channels.size(); ++i) {
            const ChannelConfig& channel = m_config.channels.at(i);
            if (channel.port == 0 || channel.kind == u"fhir"_s)
                continue;
            const QString key = channel.host + u'|' + QString::number(channel.port);
            const QString path = m_channelPaths.at(i);
            if (auto it = used.constFind(key); it != used.cend()) {
                m_reader.addError(ConfigReader::child(path, u"port"_s),
                                  u"%1:%2 is already used by %3"_s.arg(channel.host).arg(channel.port).arg(*it));
            } else {
                used.insert(key, path);
            }
        }
    }

    void resolveDataPaths()
    {
        for (DestinationConfig& destination : m_config.destinations) {
            if (destination.kind == DestinationConfig::Kind::File && !destination.directorySetting.isEmpty())
                destination.directory = ConfigChecks::resolveFileDirectory(m_config, destination.directorySetting);
        }
    }

    static constexpr qint64 kIntMin = std::numeric_limits<int>::min();
    ConfigReader m_reader;
    NodeConfig m_config;
    QStringList m_channelPaths;
    QStringList m_destinationPaths;
    QStringList m_routePaths;
    QList<bool> m_routeDestinationsIsArray;
};

} // namespace

namespace NodeConfigLoader {

std::optional<NodeConfig> fromFile(const QString& path, QString* errorString)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        if (errorString)
            *errorString = path + u": cannot open: "_s + file.errorString();
        return std::nullopt;
    }
    if (file.size() > kMaxConfigBytes) {
        if (errorString)
            *errorString = path + u": too large for a config file (%1 bytes)"_s.arg(file.size());
        return std::nullopt;
    }
    return fromJson(file.readAll(), path, errorString);
}

std::optional<NodeConfig> fromJson(const QByteArray& json, const QString& sourceName, QString* errorString)
{
    // Editors on some systems write a UTF-8 byte order mark, which QJsonDocument rejects.
    const QByteArray data = json.startsWith("\xEF\xBB\xBF") ? json.mid(3) : json;
    if (data.trimmed().isEmpty()) {
        if (errorString)
            *errorString = sourceName + u": the file is empty (expected a JSON object)"_s;
        return std::nullopt;
    }
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(data, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        if (errorString) {
            const qsizetype at = syntaxErrorPosition(parseError, data);
            *errorString = sourceName + u':' + syntaxErrorLocation(data, at) + u": "_s
                           + friendlySyntaxError(parseError.error, data.at(at));
        }
        return std::nullopt;
    }
    if (!document.isObject()) {
        if (errorString)
            *errorString = sourceName + u": the top level must be a JSON object"_s;
        return std::nullopt;
    }
    return Loader(sourceName).load(document.object(), errorString);
}

} // namespace NodeConfigLoader
