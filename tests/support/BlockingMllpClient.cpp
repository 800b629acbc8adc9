#include "tests/support/BlockingMllpClient.h"

#include <QElapsedTimer>
#include <QSslCertificate>
#include <QSslConfiguration>

namespace {

QList<QByteArray> segments(const QByteArray& message)
{
    QByteArray normalized = message;
    normalized.replace("\r\n", "\r");
    normalized.replace('\n', '\r');
    return normalized.split('\r');
}

QByteArray field(const QByteArray& segment, int index)
{
    if (segment.size() < 4)
        return {};
    const char separator = segment.at(3);
    const QList<QByteArray> fields = segment.split(separator);
    // MSH counts its field separator as MSH-1; other segments count from the name.
    const int offset = segment.startsWith("MSH") ? 1 : 0;
    const int i = index - offset;
    return i >= 0 && i < fields.size() ? fields.at(i) : QByteArray();
}

} // namespace

bool BlockingMllpClient::connectTo(quint16 port, int timeoutMs)
{
    m_buffer.clear();
    m_socket.connectToHost(QStringLiteral("127.0.0.1"), port);
    return m_socket.waitForConnected(timeoutMs);
}

bool BlockingMllpClient::connectEncrypted(quint16 port, const QString& caFile, int timeoutMs)
{
    m_buffer.clear();
    QSslConfiguration config = QSslConfiguration::defaultConfiguration();
    config.setCaCertificates(QSslCertificate::fromPath(caFile));
    config.setPeerVerifyMode(QSslSocket::VerifyPeer);
    m_socket.setSslConfiguration(config);
    QObject::connect(&m_socket, &QSslSocket::sslErrors, &m_socket, [this](const QList<QSslError>& errors) {
        for (const QSslError& e : errors)
            m_tlsError += e.errorString() + u'\n';
    });
    m_socket.connectToHostEncrypted(QStringLiteral("127.0.0.1"), port);
    return m_socket.waitForEncrypted(timeoutMs);
}

QByteArray BlockingMllpClient::exchange(const QByteArray& payload, int timeoutMs)
{
    if (!sendRaw('\x0b' + payload + "\x1c\r"))
        return {};
    return readResponse(timeoutMs);
}

bool BlockingMllpClient::sendRaw(const QByteArray& bytes)
{
    if (m_socket.state() != QAbstractSocket::ConnectedState)
        return false;
    m_socket.write(bytes);
    return m_socket.waitForBytesWritten(5000) || m_socket.bytesToWrite() == 0;
}

QByteArray BlockingMllpClient::readResponse(int timeoutMs)
{
    QElapsedTimer clock;
    clock.start();
    for (;;) {
        const qsizetype start = m_buffer.indexOf('\x0b');
        if (start >= 0) {
            const qsizetype end = m_buffer.indexOf("\x1c\r", start);
            if (end >= 0) {
                const QByteArray payload = m_buffer.mid(start + 1, end - start - 1);
                m_buffer.remove(0, end + 2);
                return payload;
            }
        }
        const int left = int(timeoutMs - clock.elapsed());
        if (left <= 0 || m_socket.state() != QAbstractSocket::ConnectedState)
            return {};
        if (m_socket.waitForReadyRead(left))
            m_buffer += m_socket.readAll();
        else if (m_socket.state() != QAbstractSocket::ConnectedState)
            return {};
    }
}

bool BlockingMllpClient::isConnected() const
{
    return m_socket.state() == QAbstractSocket::ConnectedState;
}

void BlockingMllpClient::close()
{
    m_socket.abort();
}

QString BlockingMllpClient::ackCode(const QByteArray& ack)
{
    for (const QByteArray& s : segments(ack)) {
        if (s.startsWith("MSA"))
            return QString::fromLatin1(field(s, 1));
    }
    return {};
}

QString BlockingMllpClient::ackControlId(const QByteArray& ack)
{
    for (const QByteArray& s : segments(ack)) {
        if (s.startsWith("MSA"))
            return QString::fromLatin1(field(s, 2));
    }
    return {};
}

QString BlockingMllpClient::controlId(const QByteArray& message)
{
    const QList<QByteArray> all = segments(message);
    for (const QByteArray& s : all) {
        if (s.startsWith("MSH"))
            return QString::fromLatin1(field(s, 10));
    }
    return {};
}
