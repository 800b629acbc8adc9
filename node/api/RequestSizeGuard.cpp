#include "node/api/RequestSizeGuard.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpSocket>
#include <QTimer>

void RequestSizeGuard::attach(QTcpSocket* socket, qint64 maxBodyBytes)
{
    new RequestSizeGuard(socket, maxBodyBytes);
}

RequestSizeGuard::RequestSizeGuard(QTcpSocket* socket, qint64 maxBodyBytes)
    : QObject(socket)
    , m_socket(socket)
    , m_maxBodyBytes(maxBodyBytes)
{
    connect(socket, &QIODevice::readyRead, this, &RequestSizeGuard::onReadyRead);
}

void RequestSizeGuard::onReadyRead()
{
    if (m_state == State::Upgraded)
        return;
    if (m_state == State::Rejected) {
        m_drainRemaining -= m_socket->readAll().size();
        if (m_drainRemaining <= 0)
            finishRejection();
        return;
    }
    // The server's slot runs after this one and reads everything buffered, so what is buffered now
    // is exactly what arrived since the last call.
    const QByteArray chunk = m_socket->peek(m_socket->bytesAvailable());
    qsizetype pos = 0;
    while (pos < chunk.size() && m_state != State::Rejected && m_state != State::Upgraded) {
        if (m_state == State::Body) {
            const qint64 take = qMin<qint64>(m_bodyRemaining, chunk.size() - pos);
            m_bodyRemaining -= take;
            pos += take;
            if (m_bodyRemaining == 0)
                m_state = State::Headers;
            continue;
        }
        // Headers: look for the blank line, across chunk boundaries.
        const qsizetype before = m_headerTail.size();
        m_headerTail.append(chunk.constData() + pos, qMin<qsizetype>(chunk.size() - pos, MaxHeaderBytes + 4));
        const qsizetype end = m_headerTail.indexOf("\r\n\r\n");
        if (end < 0) {
            if (m_headerTail.size() > MaxHeaderBytes) {
                reject(431, "Request Header Fields Too Large", "headers-too-large",
                       QStringLiteral("request headers exceed %1 bytes").arg(MaxHeaderBytes));
                return;
            }
            pos = chunk.size();
            break;
        }
        if (end > MaxHeaderBytes) {
            reject(431, "Request Header Fields Too Large", "headers-too-large",
                   QStringLiteral("request headers exceed %1 bytes").arg(MaxHeaderBytes));
            return;
        }
        const QByteArray headers = m_headerTail.left(end);
        pos += end + 4 - before;
        m_headerTail.clear();
        if (!inspectHeaders(headers))
            return;
    }
}

bool RequestSizeGuard::inspectHeaders(const QByteArray& headers)
{
    qint64 contentLength = 0;
    int contentLengths = 0;
    bool upgrade = false;
    const QList<QByteArray> lines = headers.split('\n');
    // A HEAD answer must not carry a body, and nothing here serves HEAD: refuse it before the
    // server writes an error body a kept-alive client would take for the next answer.
    if (lines.value(0).startsWith("HEAD ")) {
        rejectWithoutBody(405, "Method Not Allowed");
        return false;
    }
    for (qsizetype i = 1; i < lines.size(); ++i) {  // line 0 is the request line
        const QByteArray line = lines.at(i).trimmed();
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            continue;
        const QByteArray name = line.left(colon).trimmed().toLower();
        const QByteArray value = line.mid(colon + 1).trimmed();
        if (name == "content-length") {
            // Two lengths are how request smuggling starts; this guard and the parser could each
            // believe a different one (RFC 9112 6.3).
            if (++contentLengths > 1) {
                reject(400, "Bad Request", "bad-content-length",
                       QStringLiteral("the request has more than one Content-Length"));
                return false;
            }
            bool ok = false;
            contentLength = value.toLongLong(&ok);
            if (!ok || contentLength < 0) {
                reject(400, "Bad Request", "bad-content-length", QStringLiteral("Content-Length is not a number"));
                return false;
            }
        } else if (name == "transfer-encoding" && value.toLower() != "identity") {
            reject(411, "Length Required", "length-required",
                   QStringLiteral("send the request body with a Content-Length (chunked bodies are not accepted)"));
            return false;
        } else if (name == "upgrade" && value.toLower() == "websocket") {
            upgrade = true;
        }
    }
    if (contentLength > m_maxBodyBytes) {
        reject(413, "Payload Too Large", "body-too-large",
               QStringLiteral("the request body is %1 bytes; this node accepts at most %2 (api.maxBodyBytes)")
                   .arg(contentLength)
                   .arg(m_maxBodyBytes),
               contentLength);
        return false;
    }
    if (upgrade) {
        m_state = State::Upgraded;
        return true;
    }
    m_bodyRemaining = contentLength;
    m_state = contentLength > 0 ? State::Body : State::Headers;
    return true;
}

void RequestSizeGuard::reject(int status, const char* reason, const char* code, const QString& message,
                              qint64 bodyBytes)
{
    m_state = State::Rejected;
    // What is buffered now is dropped (the server's slot finds nothing to parse); it may already
    // hold part of the body.
    const qint64 buffered = m_socket->readAll().size();
    m_drainRemaining = qMin(bodyBytes, MaxDrainBytes) - buffered;
    const QByteArray body = QJsonDocument(QJsonObject{{QStringLiteral("error"),
                                                       QJsonObject{{QStringLiteral("status"), status},
                                                                   {QStringLiteral("code"), QString::fromLatin1(code)},
                                                                   {QStringLiteral("message"), message}}}})
                                .toJson(QJsonDocument::Compact);
    QByteArray response = "HTTP/1.1 " + QByteArray::number(status) + ' ' + reason
        + "\r\nContent-Type: application/json\r\nConnection: close\r\nContent-Length: " + QByteArray::number(body.size())
        + "\r\n\r\n" + body;
    m_socket->write(response);
    if (m_drainRemaining <= 0) {
        finishRejection();
        return;
    }
    QTimer::singleShot(MaxDrainMs, this, &RequestSizeGuard::finishRejection);
}

void RequestSizeGuard::rejectWithoutBody(int status, const char* reason)
{
    m_state = State::Rejected;
    m_socket->readAll();
    m_drainRemaining = 0;
    m_socket->write("HTTP/1.1 " + QByteArray::number(status) + ' ' + reason
                    + "\r\nAllow: GET, POST, DELETE\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
    finishRejection();
}

void RequestSizeGuard::finishRejection()
{
    m_drainRemaining = 0;
    if (m_socket->state() == QAbstractSocket::ConnectedState)
        m_socket->disconnectFromHost();
}
