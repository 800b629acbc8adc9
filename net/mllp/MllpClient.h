#pragma once

#include <QObject>
#include <QSslConfiguration>

#include <memory>
#include <optional>

struct MllpClientOptions
{
    QString host;
    quint16 port = 0;
    int connectTimeoutMs = 5000;
    int responseTimeoutMs = 30000;                  ///< no complete response frame by then: failed("timeout")
    qsizetype maxFrameBytes = 16 * 1024 * 1024;
    std::optional<QSslConfiguration> tls;           ///< set: connect with TLS and verify the peer per the config
};

/// An MLLP (release 1) client that sends one message at a time over a persistent connection and
/// waits for the framed response. Connects lazily on the first send and reconnects after errors.
/// Lives in the thread that created it.
class MllpClient : public QObject
{
    Q_OBJECT
public:
    explicit MllpClient(MllpClientOptions options, QObject* parent = nullptr);
    ~MllpClient() override;

    /// Sends one payload (framed here). Exactly one of responseReceived/failed follows.
    /// Calling send() while a request is outstanding is a programming error and fails at once.
    void send(const QByteArray& payload);
    bool isBusy() const;
    void disconnectFromHost();
    const MllpClientOptions& options() const;

signals:
    void responseReceived(const QByteArray& payload);
    /// reason: "connect" (refused/unreachable/connect timeout), "timeout" (no response in time),
    /// "closed" (peer closed before a full response), "tls", "oversize", "busy".
    void failed(const QString& reason, const QString& detail);
    void connectedChanged(bool connected);

private:
    struct Private;
    std::unique_ptr<Private> d;
};
