#pragma once

#include "models/synthetic/SyntheticMessageFactory.h"
#include "node/feed/FeedReport.h"

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

#include <functional>
#include <optional>
#include <vector>

class MllpClient;

struct FeedSenderOptions
{
    QString host = QStringLiteral("127.0.0.1");
    quint16 port = 0;
    int connections = 1;
    /// Target total rate over all connections, messages per second. 0: as fast as each connection
    /// goes, send-wait-send (one message in flight per connection, as MLLP requires).
    double rate = 0.0;
    qint64 count = -1; ///< stop after this many messages; -1: no limit
    qint64 durationMs = -1; ///< stop sending after this long; -1: no limit
    int connectTimeoutMs = 5000;
    int responseTimeoutMs = 10000;
    /// After a failed connect a connection waits this long before its next message, so a receiver
    /// that is down is not hammered and the count is not burnt in a few milliseconds.
    int reconnectDelayMs = 500;
    int progressIntervalMs = 1000;
};

/// Sends a stream of HL7 messages over N MLLP connections at a target rate, checks every ACK
/// (MSA-1 code, MSA-2 against the sent MSH-10) and measures send-to-ACK latency. Runs in the event
/// loop of the thread that created it. One run per sender: start() once, finished() follows once.
class FeedSender : public QObject
{
    Q_OBJECT
public:
    /// Supplies the next message; nothing means the source is exhausted and sending stops.
    using Source = std::function<std::optional<SyntheticMessageFactory::Generated>()>;

    FeedSender(FeedSenderOptions options, Source source, QObject* parent = nullptr);
    ~FeedSender() override;

    void start();
    /// Sends no more messages; finished() follows once the messages in flight are answered or time out.
    void stop();
    /// Finishes at once; messages in flight are reported as abandoned.
    void abort();
    bool isRunning() const { return m_running; }
    FeedReport report() const;

signals:
    /// Emitted every progressIntervalMs while running.
    void progress(const FeedReport& snapshot);
    void finished(const FeedReport& report);

private:
    struct Connection
    {
        MllpClient* client = nullptr;
        bool busy = false;
        bool waitingToReconnect = false;
        bool ackExpected = true;
        QString controlId;
        qint64 sentAtNs = 0;
    };

    void pump();
    void schedulePump();
    bool sendingAllowed() const;
    void sendOn(int index, const SyntheticMessageFactory::Generated& message);
    void onResponse(int index, const QByteArray& payload);
    void onFailed(int index, const QString& reason);
    void checkFinished();
    void finish();
    qint64 inFlight() const;

    FeedSenderOptions m_options;
    Source m_source;
    std::vector<Connection> m_connections;
    std::vector<qint64> m_latenciesNs;
    FeedReport m_counts; ///< the counters; latency and timing are filled in by report()
    QElapsedTimer m_clock;
    QTimer m_rateTimer;
    QTimer m_progressTimer;
    QTimer m_durationTimer;
    int m_nextConnection = 0;
    bool m_started = false;
    bool m_running = false;
    bool m_stopping = false;
    bool m_sendingClosed = false; ///< duration elapsed
    bool m_sourceExhausted = false;
    bool m_pumpScheduled = false;
    qint64 m_finishedElapsedMs = -1;
};
