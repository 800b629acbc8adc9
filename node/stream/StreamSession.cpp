#include "node/stream/StreamSession.h"

#include "node/pipeline/CorrelationId.h"
#include "node/stream/EventHub.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QWebSocket>

#include <cmath>

Q_LOGGING_CATEGORY(lcStream, "vigil.node.stream")

namespace {

constexpr int CloseUnauthorized = 4401;
constexpr int CloseTooSlow = 4408;

// Integers up to 2^53 survive a JSON double exactly; a seq never gets near that.
constexpr double MaxJsonInteger = 9007199254740992.0;

QByteArray bearerToken(const QByteArray& authorization)
{
    const QByteArray value = authorization.trimmed();
    const qsizetype space = value.indexOf(' ');
    if (space < 0 || value.left(space).compare("bearer", Qt::CaseInsensitive) != 0)
        return {};
    return value.mid(space + 1).trimmed();
}

QString isoUtc(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs);
}

QJsonObject eventFrame(const StreamEvent& event)
{
    QJsonObject frame{{QStringLiteral("type"), QStringLiteral("event")},
                      {QStringLiteral("seq"), event.seq},
                      {QStringLiteral("event"), event.type},
                      {QStringLiteral("at"), isoUtc(event.atMs)},
                      {QStringLiteral("data"), event.payload()}};
    if (!event.unit.isEmpty())
        frame.insert(QStringLiteral("unit"), event.unit);
    if (!event.correlationId.isEmpty())
        frame.insert(QStringLiteral("correlationId"), QString::fromLatin1(event.correlationId));
    return frame;
}

// Client-supplied names go back in error messages; keep them short and printable.
QString quoted(const QString& text)
{
    QString shown = text.left(40);
    for (QChar& c : shown) {
        if (!c.isPrint())
            c = u'?';
    }
    return u'"' + shown + (text.size() > 40 ? QStringLiteral("...\"") : QStringLiteral("\""));
}

} // namespace

StreamSession::StreamSession(QWebSocket* socket, EventHub& hub, TokenValidator validator, const QString& nodeId,
                             const StreamSessionOptions& options, QObject* parent)
    : QObject(parent)
    , m_socket(socket)
    , m_hub(hub)
    , m_validator(std::move(validator))
    , m_nodeId(nodeId)
    , m_options(options)
{
    m_socket->setParent(this);
    m_socket->setMaxAllowedIncomingMessageSize(quint64(m_options.maxIncomingMessageBytes));
    m_socket->setMaxAllowedIncomingFrameSize(quint64(m_options.maxIncomingMessageBytes));

    m_authTimer.setSingleShot(true);
    m_authTimer.setInterval(m_options.authTimeoutMs);
    m_heartbeatTimer.setInterval(m_options.heartbeatMs);
    m_tokenTimer.setInterval(m_options.tokenCheckMs);
    m_graceTimer.setSingleShot(true);
    m_graceTimer.setInterval(m_options.closeGraceMs);

    connect(&m_authTimer, &QTimer::timeout, this,
            [this] { closeWith(CloseUnauthorized, QStringLiteral("authentication timed out")); });
    connect(&m_heartbeatTimer, &QTimer::timeout, this, &StreamSession::sendHeartbeat);
    connect(&m_tokenTimer, &QTimer::timeout, this, &StreamSession::checkToken);
    // A peer that neither reads nor answers the close frame would otherwise keep the socket forever.
    connect(&m_graceTimer, &QTimer::timeout, m_socket, &QWebSocket::abort);

    connect(m_socket, &QWebSocket::textMessageReceived, this, &StreamSession::onTextMessage);
    connect(m_socket, &QWebSocket::binaryMessageReceived, this,
            [this] { rejectMessage(QStringLiteral("binary frames are not part of the protocol")); });
    connect(m_socket, &QWebSocket::bytesWritten, this, &StreamSession::pump);
    connect(m_socket, &QWebSocket::disconnected, this, &StreamSession::finish);
    connect(&m_hub, &EventHub::published, this, &StreamSession::pump);
}

StreamSession::~StreamSession()
{
    // The socket is our child; make sure its disconnected() no longer reaches a half-destroyed us.
    m_socket->disconnect(this);
}

void StreamSession::start()
{
    if (m_socket->state() != QAbstractSocket::ConnectedState) {
        finish();
        return;
    }
    const QByteArray authorization = m_socket->request().rawHeader("Authorization");
    if (authorization.isEmpty()) {
        m_authTimer.start();
        return;
    }
    authenticate(bearerToken(authorization));
}

bool StreamSession::authenticate(const QByteArray& token)
{
    std::optional<Principal> principal = token.isEmpty() ? std::nullopt : m_validator(token);
    if (!principal) {
        closeWith(CloseUnauthorized, QStringLiteral("invalid token"));
        return false;
    }
    if (principal->remote.isEmpty())
        principal->remote = m_socket->peerAddress().toString();
    m_token = token;
    m_filter.setPrincipal(*principal);
    m_state = State::Open;
    m_authTimer.stop();
    m_tokenTimer.start();
    qCInfo(lcStream).noquote() << "stream client authenticated as" << principal->userName << "from"
                               << principal->remote;
    send({{QStringLiteral("type"), QStringLiteral("hello")},
          {QStringLiteral("nodeId"), m_nodeId},
          {QStringLiteral("epoch"), QString::fromLatin1(m_hub.epoch())},
          {QStringLiteral("seq"), m_hub.latestSeq()}});
    return true;
}

void StreamSession::onTextMessage(const QString& message)
{
    if (m_state == State::Closing || m_state == State::Finished)
        return;
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(message.toUtf8(), &parseError);
    const QJsonObject object = document.object();
    const QString type = object.value(QStringLiteral("type")).toString();

    if (m_state == State::AwaitingAuth) {
        if (type != u"auth") {
            closeWith(CloseUnauthorized, QStringLiteral("authentication required"));
            return;
        }
        onAuthMessage(object);
        return;
    }

    if (parseError.error != QJsonParseError::NoError) {
        rejectMessage(QStringLiteral("not JSON: %1 at offset %2").arg(parseError.errorString()).arg(parseError.offset));
        return;
    }
    if (!document.isObject()) {
        rejectMessage(QStringLiteral("a message must be a JSON object"));
        return;
    }
    if (type == u"subscribe")
        onSubscribe(object);
    else if (type == u"auth")
        rejectMessage(QStringLiteral("already authenticated"));
    else if (!object.contains(QStringLiteral("type")) || !object.value(QStringLiteral("type")).isString())
        rejectMessage(QStringLiteral("\"type\" (a string) is required"));
    else
        rejectMessage(QStringLiteral("unknown message type %1").arg(quoted(type)));
}

void StreamSession::onAuthMessage(const QJsonObject& message)
{
    const QJsonValue token = message.value(QStringLiteral("token"));
    if (!token.isString() || message.size() != 2) {
        closeWith(CloseUnauthorized, QStringLiteral("auth needs exactly \"type\" and \"token\" (a string)"));
        return;
    }
    authenticate(token.toString().toUtf8());
}

void StreamSession::onSubscribe(const QJsonObject& message)
{
    static const QStringList known{QStringLiteral("type"), QStringLiteral("topics"), QStringLiteral("since"),
                                   QStringLiteral("epoch"), QStringLiteral("correlationIds")};
    for (auto it = message.begin(); it != message.end(); ++it) {
        if (!known.contains(it.key())) {
            rejectMessage(QStringLiteral("subscribe: unknown field %1").arg(quoted(it.key())));
            return;
        }
    }

    const QJsonValue topicsValue = message.value(QStringLiteral("topics"));
    if (!topicsValue.isArray() || topicsValue.toArray().isEmpty()) {
        rejectMessage(QStringLiteral("subscribe: \"topics\" must be a non-empty array of topic names"));
        return;
    }
    QSet<QString> requested;
    for (const QJsonValue& topic : topicsValue.toArray()) {
        if (!topic.isString() || !StreamTopic::isKnown(topic.toString())) {
            rejectMessage(QStringLiteral("subscribe: unknown topic %1; topics are %2")
                              .arg(quoted(topic.toVariant().toString()), StreamTopic::all().join(u", ")));
            return;
        }
        requested.insert(topic.toString());
    }

    const bool hasSince = message.contains(QStringLiteral("since"));
    const bool hasEpoch = message.contains(QStringLiteral("epoch"));
    if (hasSince != hasEpoch) {
        rejectMessage(QStringLiteral("subscribe: \"since\" and \"epoch\" go together"));
        return;
    }
    qint64 since = 0;
    QByteArray epoch;
    if (hasSince) {
        const QJsonValue sinceValue = message.value(QStringLiteral("since"));
        const double d = sinceValue.toDouble(-1);
        if (!sinceValue.isDouble() || d < 0 || d > MaxJsonInteger || std::floor(d) != d) {
            rejectMessage(QStringLiteral("subscribe: \"since\" must be a whole number >= 0"));
            return;
        }
        since = qint64(d);
        const QJsonValue epochValue = message.value(QStringLiteral("epoch"));
        if (!epochValue.isString()) {
            rejectMessage(QStringLiteral("subscribe: \"epoch\" must be a string"));
            return;
        }
        epoch = epochValue.toString().toLatin1();
    }

    QSet<QByteArray> correlationIds;
    if (message.contains(QStringLiteral("correlationIds"))) {
        const QJsonValue idsValue = message.value(QStringLiteral("correlationIds"));
        if (!idsValue.isArray() || idsValue.toArray().size() > m_options.maxCorrelationIds) {
            rejectMessage(QStringLiteral("subscribe: \"correlationIds\" must be an array of at most %1 IDs")
                              .arg(m_options.maxCorrelationIds));
            return;
        }
        for (const QJsonValue& id : idsValue.toArray()) {
            const QByteArray bytes = id.toString().toLatin1();
            if (!id.isString() || !CorrelationId::isValid(bytes)) {
                rejectMessage(QStringLiteral("subscribe: correlation IDs are 32 lowercase hex characters"));
                return;
            }
            correlationIds.insert(bytes);
        }
    }

    QJsonArray granted;
    QJsonArray denied;
    QSet<QString> topics;
    for (const QString& topic : StreamTopic::all()) {
        if (!requested.contains(topic))
            continue;
        if (StreamFilter::topicAllowed(m_filter.principal().role, topic)) {
            granted.append(topic);
            topics.insert(topic);
        } else {
            denied.append(topic);
        }
    }
    m_filter = StreamFilter(m_filter.principal(), topics, correlationIds);
    send({{QStringLiteral("type"), QStringLiteral("subscribed")},
          {QStringLiteral("topics"), granted},
          {QStringLiteral("denied"), denied}});

    m_nextSeq = m_hub.latestSeq() + 1;
    if (hasSince) {
        if (const std::optional<QString> reason = m_hub.resyncReason(epoch, since)) {
            send({{QStringLiteral("type"), QStringLiteral("resync")},
                  {QStringLiteral("reason"), *reason},
                  {QStringLiteral("epoch"), QString::fromLatin1(m_hub.epoch())},
                  {QStringLiteral("seq"), m_hub.latestSeq()}});
        } else {
            m_nextSeq = since + 1;
        }
    }
    m_subscribed = true;
    if (!m_heartbeatTimer.isActive())
        m_heartbeatTimer.start();
    pump();
}

void StreamSession::pump()
{
    if (m_state != State::Open || !m_subscribed)
        return;
    while (m_nextSeq <= m_hub.latestSeq()) {
        const StreamEvent* event = m_hub.at(m_nextSeq);
        if (!event) {
            closeWith(CloseTooSlow, QStringLiteral("too slow; resume with since"));
            return;
        }
        // Pause rather than buffer without bound; bytesWritten() resumes from the hub's buffer.
        if (m_socket->bytesToWrite() >= m_options.maxPendingBytes)
            return;
        ++m_nextSeq;
        if (m_filter.accepts(*event))
            send(eventFrame(*event));
    }
}

void StreamSession::sendHeartbeat()
{
    if (m_state != State::Open || !m_subscribed)
        return;
    send({{QStringLiteral("type"), QStringLiteral("heartbeat")}, {QStringLiteral("seq"), m_nextSeq - 1}});
}

void StreamSession::checkToken()
{
    if (m_state != State::Open)
        return;
    std::optional<Principal> principal = m_validator(m_token);
    if (!principal) {
        closeWith(CloseUnauthorized, QStringLiteral("token expired"));
        return;
    }
    if (principal->remote.isEmpty())
        principal->remote = m_filter.principal().remote;
    // The user's role or units may have changed meanwhile; from now on events are filtered by the new ones.
    m_filter.setPrincipal(*principal);
}

void StreamSession::rejectMessage(const QString& error)
{
    if (m_state != State::Open) {
        closeWith(CloseUnauthorized, QStringLiteral("authentication required"));
        return;
    }
    if (++m_badMessages > m_options.maxBadMessages) {
        closeWith(QWebSocketProtocol::CloseCodePolicyViolated, QStringLiteral("too many malformed messages"));
        return;
    }
    send({{QStringLiteral("type"), QStringLiteral("error")}, {QStringLiteral("message"), error}});
}

void StreamSession::send(const QJsonObject& frame)
{
    m_socket->sendTextMessage(QString::fromUtf8(QJsonDocument(frame).toJson(QJsonDocument::Compact)));
}

void StreamSession::closeWith(int code, const QString& reason)
{
    if (m_state == State::Closing || m_state == State::Finished)
        return;
    m_state = State::Closing;
    m_authTimer.stop();
    m_heartbeatTimer.stop();
    m_tokenTimer.stop();
    m_token.clear();
    qCInfo(lcStream).noquote() << "closing stream client" << m_socket->peerAddress().toString() << "with" << code
                               << reason;
    emit closing(code, reason);
    m_graceTimer.start();
    // 4xxx codes are application-defined (RFC 6455 section 7.4.2); Qt's enum lists only the IANA ones.
    m_socket->close(static_cast<QWebSocketProtocol::CloseCode>(code), reason);
}

void StreamSession::finish()
{
    if (m_state == State::Finished)
        return;
    m_state = State::Finished;
    m_authTimer.stop();
    m_heartbeatTimer.stop();
    m_tokenTimer.stop();
    m_graceTimer.stop();
    m_token.clear();
    emit finished();
}
