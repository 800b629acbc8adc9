#pragma once

#include <QHostAddress>
#include <QObject>
#include <QSslConfiguration>

#include <memory>
#include <optional>

/// Limits and transport options of one MLLP listener.
struct MllpServerOptions
{
    qsizetype maxFrameBytes = 16 * 1024 * 1024;     ///< a larger frame is dropped and the connection closed
    int idleTimeoutMs = 5 * 60 * 1000;              ///< no byte for this long: the peer is closed (half-open/slow peers)
    int maxConnections = 1024;                      ///< further connections are refused at accept
    std::optional<QSslConfiguration> tls;           ///< set: every connection is TLS (server mode)
};

/// An MLLP (release 1) listener. Decodes frames per connection and hands each payload up; the owner
/// answers with sendResponse() in the order frames arrived (MLLP is request/response per connection).
/// Lives in the thread that created it; all signals are emitted there.
class MllpServer : public QObject
{
    Q_OBJECT
public:
    explicit MllpServer(MllpServerOptions options, QObject* parent = nullptr);
    ~MllpServer() override;

    bool listen(const QHostAddress& address, quint16 port, QString* errorString = nullptr);
    quint16 serverPort() const;
    QHostAddress serverAddress() const;
    void close();                                   ///< stop accepting; open connections stay until closed

    /// Frames the payload (SB payload EB CR) and writes it to the connection, if it is still open.
    void sendResponse(quint64 connectionId, const QByteArray& payload);
    void closeConnection(quint64 connectionId);
    int connectionCount() const;

    /// The clock of frameReceived's receivedAtNs: std::chrono::steady_clock in ns (CLOCK_MONOTONIC on
    /// Linux, the clock QElapsedTimer uses), so callers can measure latency against the same origin.
    static qint64 monotonicNowNs();

signals:
    /// One complete frame. receivedAtNs: monotonicNowNs() taken when the read holding the end byte arrived.
    void frameReceived(quint64 connectionId, const QByteArray& payload, qint64 receivedAtNs);
    /// A framing problem: reason is one of "junk", "oversize", "corrupt" (SB inside a frame),
    /// "truncated" (peer closed or idle mid-frame), "tls", "refused" (connection limit; connectionId 0,
    /// as a refused peer never gets an id). "oversize" and "tls" are followed by connectionClosed.
    void frameError(quint64 connectionId, const QString& reason);
    /// Emitted at accept (before a TLS handshake completes). peer is "address:port".
    void connectionOpened(quint64 connectionId, const QString& peer);
    /// Emitted once per opened connection, whoever closed it (also from inside closeConnection()).
    void connectionClosed(quint64 connectionId);

private:
    struct Private;
    std::unique_ptr<Private> d;
};
