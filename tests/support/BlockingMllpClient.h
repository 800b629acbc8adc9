#pragma once

#include <QByteArray>
#include <QString>
#include <QSslSocket>

/// A deliberately simple, blocking MLLP client for integration tests, written apart from net/ so a
/// bug in the product's own framing cannot hide itself. Sends raw bytes, reads framed responses.
class BlockingMllpClient
{
public:
    bool connectTo(quint16 port, int timeoutMs = 5000);
    /// TLS: trusts exactly the certificates in caFile, verifies the peer, waits for the handshake.
    bool connectEncrypted(quint16 port, const QString& caFile, int timeoutMs = 5000);
    QString tlsError() const { return m_tlsError; }
    /// Frames and sends one payload, waits for one framed response; empty on timeout or close.
    QByteArray exchange(const QByteArray& payload, int timeoutMs = 10000);
    /// Sends bytes exactly as given (for framing tests).
    bool sendRaw(const QByteArray& bytes);
    /// Next framed response; empty on timeout or close.
    QByteArray readResponse(int timeoutMs = 10000);
    bool isConnected() const;
    void close();

    /// MSA-1 and MSA-2 of an ACK ("AA", "MSG1"), read with a minimal independent split.
    static QString ackCode(const QByteArray& ack);
    static QString ackControlId(const QByteArray& ack);
    /// MSH-10 of a message, read the same way (for checking MSA-2).
    static QString controlId(const QByteArray& message);

private:
    QSslSocket m_socket;
    QString m_tlsError;
    QByteArray m_buffer;
};
