#include "net/ops/StreamClient.h"

#include "net/ops/CertificatePin.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkRequest>
#include <QRandomGenerator>
#include <QSslError>
#include <QUrl>
#include <QWebSocket>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace {

constexpr int CloseUnauthorized = 4401;

} // namespace

StreamClient::StreamClient(const OpsEndpoint& endpoint, QObject* parent)
    : QObject(parent)
    , m_endpoint(endpoint)
    , m_topics{u"stats"_s, u"messages"_s, u"deadLetters"_s, u"alerts"_s, u"audit"_s}
{
    m_retryTimer.setSingleShot(true);
    m_stableTimer.setSingleShot(true);
    m_watchdog.setSingleShot(true);
    connect(&m_retryTimer, &QTimer::timeout, this, &StreamClient::openSocket);
    // A connection that stayed up this long earns a fresh backoff series.
    connect(&m_stableTimer, &QTimer::timeout, this, [this] { m_attempt = 0; });
    connect(&m_watchdog, &QTimer::timeout, this, [this] {
        dropAndRetry(m_state == Connected
                         ? tr("The stream of node %1 went silent; reconnecting.").arg(m_endpoint.displayAddress())
                         : tr("Node %1 did not complete the stream connection in time.").arg(m_endpoint.displayAddress()));
    });
}

StreamClient::~StreamClient()
{
    discardSocket();
}

void StreamClient::setToken(const QString& token)
{
    m_token = token;
    if (m_state == Reconnecting && m_retryTimer.isActive() && !token.isEmpty()) {
        m_retryTimer.stop();
        openSocket();
    }
}

void StreamClient::setTopics(const QStringList& topics)
{
    m_topics = topics;
    if (m_state == Connected)
        subscribe();
}

void StreamClient::setCorrelationIds(const QStringList& correlationIds)
{
    m_correlationIds = correlationIds;
    if (m_state == Connected)
        subscribe();
}

void StreamClient::setBackoff(int initialMs, int maxMs, int stableMs)
{
    m_initialBackoffMs = std::max(1, initialMs);
    m_maxBackoffMs = std::max(m_initialBackoffMs, maxMs);
    m_stableMs = stableMs;
}

void StreamClient::setTimeouts(int connectTimeoutMs, int idleTimeoutMs)
{
    m_connectTimeoutMs = connectTimeoutMs;
    m_idleTimeoutMs = idleTimeoutMs;
}

void StreamClient::start()
{
    if (m_state != Stopped)
        return;
    m_attempt = 0;
    setState(Connecting);
    openSocket();
}

void StreamClient::stop()
{
    m_retryTimer.stop();
    m_stableTimer.stop();
    m_watchdog.stop();
    if (m_socket) {
        QWebSocket* socket = m_socket;
        m_socket = nullptr;
        socket->disconnect(this);
        socket->close(QWebSocketProtocol::CloseCodeNormal, u"client stopped"_s);
        socket->deleteLater();
    }
    setState(Stopped);
}

void StreamClient::reconnect()
{
    if (m_state == Stopped)
        return;
    m_retryTimer.stop();
    m_stableTimer.stop();
    m_watchdog.stop();
    discardSocket();
    setState(Reconnecting);
    openSocket();
}

void StreamClient::resumeFrom(const QString& epoch, qint64 seq)
{
    m_epoch = epoch;
    m_lastSeq = epoch.isEmpty() ? -1 : seq;
}

void StreamClient::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    emit stateChanged(state);
}

void StreamClient::discardSocket()
{
    if (!m_socket)
        return;
    QWebSocket* socket = m_socket;
    m_socket = nullptr;
    socket->disconnect(this);
    socket->abort();
    socket->deleteLater();
}

void StreamClient::openSocket()
{
    discardSocket();
    if (m_state == Stopped)
        return;
    if (m_endpoint.tls && m_endpoint.pinnedFingerprint.isEmpty()) {
        stop();
        emit errorOccurred(tr("Node %1 has no pinned certificate yet; confirm its fingerprint first.")
                               .arg(m_endpoint.displayAddress()),
                           false);
        return;
    }

    m_authenticated = false;
    m_pinVerified = false;
    m_mismatch = false;
    m_presentedFingerprint.clear();

    m_socket = new QWebSocket(QString(), QWebSocketProtocol::VersionLatest, this);
    if (m_endpoint.tls)
        m_socket->setSslConfiguration(CertificatePin::pinningConfiguration());
    connect(m_socket, &QWebSocket::connected, this, &StreamClient::onConnected);
    connect(m_socket, &QWebSocket::disconnected, this, &StreamClient::onDisconnected);
    connect(m_socket, &QWebSocket::textMessageReceived, this, &StreamClient::onText);
    connect(m_socket, &QWebSocket::sslErrors, this, &StreamClient::onSslErrors);
    // A failed open does not always reach disconnected(); an error in the unconnected state ends the attempt.
    connect(m_socket, qOverload<QAbstractSocket::SocketError>(&QWebSocket::error), this, [this](QAbstractSocket::SocketError) {
        if (m_socket && m_socket->state() == QAbstractSocket::UnconnectedState)
            onDisconnected();
    });

    m_watchdog.start(m_connectTimeoutMs);
    // Nothing secret in the upgrade request: the token is sent only once the certificate was checked.
    m_socket->open(QNetworkRequest(QUrl(m_endpoint.streamUrl())));
}

void StreamClient::onSslErrors(const QList<QSslError>& errors)
{
    if (!m_socket)
        return;
    m_presentedFingerprint = CertificatePin::presentedFingerprint(errors);
    if (m_presentedFingerprint != m_endpoint.pinnedFingerprint) {
        m_mismatch = true;  // not ignored: the handshake fails and onDisconnected reports it
        return;
    }
    if (CertificatePin::acceptable(errors, m_endpoint.pinnedFingerprint)) {
        m_pinVerified = true;
        m_socket->ignoreSslErrors(errors);  // exactly these errors of exactly the pinned certificate
    }
}

void StreamClient::onConnected()
{
    if (!m_socket)
        return;
    if (m_endpoint.tls && !m_pinVerified) {
        // The pinning configuration trusts no CA, so a handshake without errors cannot have been
        // checked against the pin: refuse rather than send a token.
        discardSocket();
        stop();
        emit errorOccurred(tr("The certificate of node %1 could not be checked against the pinned one; "
                              "nothing was sent.")
                               .arg(m_endpoint.displayAddress()),
                           true);
        return;
    }
    if (m_token.isEmpty()) {
        discardSocket();
        emit unauthorized();
        emit errorOccurred(tr("Not signed in to node %1.").arg(m_endpoint.displayAddress()), false);
        scheduleReconnect();
        return;
    }
    sendJson({{u"type"_s, u"auth"_s}, {u"token"_s, m_token}});
}

void StreamClient::onDisconnected()
{
    if (!m_socket)
        return;
    const int code = int(m_socket->closeCode());
    const QString reason = m_socket->closeReason();
    const QString socketError = m_socket->errorString();
    const bool wasAuthenticated = m_authenticated;
    discardSocket();
    m_watchdog.stop();
    m_stableTimer.stop();
    if (m_state == Stopped)
        return;

    const QString address = m_endpoint.displayAddress();
    if (m_mismatch) {
        stop();
        emit errorOccurred(
            CertificatePin::mismatchMessage(address, m_endpoint.pinnedFingerprint, m_presentedFingerprint), true);
        return;
    }
    if (code == CloseUnauthorized) {
        emit unauthorized();
        emit errorOccurred(tr("Node %1 closed the stream: %2; sign in again.")
                               .arg(address, reason.isEmpty() ? tr("the session is no longer valid") : reason),
                           false);
    } else if (wasAuthenticated) {
        emit errorOccurred(tr("The stream of node %1 was interrupted (%2); reconnecting.")
                               .arg(address, reason.isEmpty() ? socketError : reason),
                           false);
    } else {
        emit errorOccurred(tr("Could not open the stream of node %1: %2").arg(address, socketError), false);
    }
    scheduleReconnect();
}

void StreamClient::dropAndRetry(const QString& why)
{
    discardSocket();
    m_stableTimer.stop();
    if (m_state == Stopped)
        return;
    emit errorOccurred(why, false);
    scheduleReconnect();
}

void StreamClient::scheduleReconnect()
{
    setState(Reconnecting);
    // initial * 2^attempt, capped, then +-20 % jitter so consoles do not reconnect in lockstep
    // after a node restart.
    const int shift = std::min(m_attempt, 20);
    const qint64 base = std::min<qint64>(qint64(m_initialBackoffMs) << shift, m_maxBackoffMs);
    const double factor = 0.8 + 0.4 * QRandomGenerator::global()->generateDouble();
    const int delay = int(std::min<qint64>(qint64(double(base) * factor), m_maxBackoffMs));
    ++m_attempt;
    m_retryTimer.start(delay);
    emit reconnectScheduled(delay);
}

void StreamClient::sendJson(const QJsonObject& frame)
{
    if (m_socket)
        m_socket->sendTextMessage(QString::fromUtf8(QJsonDocument(frame).toJson(QJsonDocument::Compact)));
}

void StreamClient::subscribe()
{
    QJsonObject frame{{u"type"_s, u"subscribe"_s}, {u"topics"_s, QJsonArray::fromStringList(m_topics)}};
    if (!m_epoch.isEmpty() && m_lastSeq >= 0) {
        frame.insert(u"since"_s, m_lastSeq);
        frame.insert(u"epoch"_s, m_epoch);
    }
    if (!m_correlationIds.isEmpty())
        frame.insert(u"correlationIds"_s, QJsonArray::fromStringList(m_correlationIds));
    sendJson(frame);
}

void StreamClient::onText(const QString& text)
{
    if (!m_socket)
        return;
    const QJsonObject frame = QJsonDocument::fromJson(text.toUtf8()).object();
    const QString type = frame.value(u"type"_s).toString();
    if (m_state == Connected)
        m_watchdog.start(m_idleTimeoutMs);

    if (type == u"event") {
        const qint64 seq = frame.value(u"seq"_s).toInteger(-1);
        // The server never repeats an event; this only guards against a misbehaving peer.
        if (seq >= 0 && seq <= m_lastSeq)
            return;
        m_lastSeq = std::max(m_lastSeq, seq);
        emit eventReceived(frame);
    } else if (type == u"heartbeat") {
        m_lastSeq = std::max(m_lastSeq, frame.value(u"seq"_s).toInteger(m_lastSeq));
    } else if (type == u"hello") {
        m_authenticated = true;
        m_nodeId = frame.value(u"nodeId"_s).toString();
        const QString epoch = frame.value(u"epoch"_s).toString();
        const qint64 seq = frame.value(u"seq"_s).toInteger(0);
        emit helloReceived(m_nodeId, epoch, seq);
        if (m_epoch.isEmpty() || m_lastSeq < 0) {
            // First contact: start at the node's newest event, asking for it explicitly so nothing
            // published between hello and subscribed is lost.
            m_epoch = epoch;
            m_lastSeq = seq;
        }
        // Otherwise subscribe with the old position, even in another epoch: the node answers resync.
        subscribe();
    } else if (type == u"subscribed") {
        m_denied.clear();
        for (const QJsonValue& v : frame.value(u"denied"_s).toArray())
            m_denied << v.toString();
        const bool first = m_state != Connected;
        setState(Connected);
        m_watchdog.start(m_idleTimeoutMs);
        if (first)
            m_stableTimer.start(m_stableMs);
    } else if (type == u"resync") {
        m_epoch = frame.value(u"epoch"_s).toString(m_epoch);
        m_lastSeq = frame.value(u"seq"_s).toInteger(m_lastSeq);
        emit resyncRequired(frame.value(u"reason"_s).toString());
    } else if (type == u"error") {
        emit errorOccurred(tr("Node %1 refused a stream request: %2")
                               .arg(m_endpoint.displayAddress(), frame.value(u"message"_s).toString()),
                           false);
    }
    // Unknown types are ignored (docs/ops-api.md 9: additive).
}
