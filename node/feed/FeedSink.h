#pragma once

#include <QFile>
#include <QHostAddress>
#include <QObject>
#include <QRandomGenerator>
#include <QSet>
#include <QTimer>

class MllpServer;

struct FeedSinkOptions
{
    QHostAddress address = QHostAddress(QHostAddress::LocalHost);
    quint16 port = 0; ///< 0: any free port (see FeedSink::port())
    double aeShare = 0.0; ///< share of messages answered AE
    double arShare = 0.0; ///< share of messages answered AR
    int stallMs = 0; ///< delay before every answer
    int dropEvery = 0; ///< close the connection instead of answering every Nth message
    /// With downForMs > 0: after this many messages the sink goes down (stops listening and closes
    /// every connection) for downForMs, triggered by the next message, which is not answered.
    /// 0: down at start. -1: never.
    int downAfter = -1;
    int downForMs = 0;
    QString recordPath; ///< appends each received MSH-10, one per line
    QString recordAcceptedPath; ///< appends the MSH-10 of each message answered AA
    QString payloadDir; ///< writes each received payload to <dir>/<seq>.hl7
    quint32 seed = 1; ///< drives the AE/AR draws
};

/// A simulated downstream system: an MLLP listener that answers every message with an HL7 ACK —
/// AA normally, AE or AR for configured shares — and can stall, drop connections or go down, so
/// that delivery, retry and circuit-breaking paths can be exercised. Records what it received so
/// tests can check order and exactly-once delivery.
class FeedSink : public QObject
{
    Q_OBJECT
public:
    struct Counts
    {
        qint64 received = 0;
        qint64 aa = 0;
        qint64 ae = 0;
        qint64 ar = 0;
        qint64 dropped = 0; ///< connection closed instead of answering
        qint64 unanswerable = 0; ///< no MSH to answer to
        qint64 lostWhileStalled = 0; ///< the connection closed before the stalled answer
    };

    explicit FeedSink(FeedSinkOptions options, QObject* parent = nullptr);
    ~FeedSink() override;

    /// Binds the port and starts listening (or, with downAfter == 0, reserves the port and goes down).
    bool start(QString* errorString = nullptr);
    void stop();
    quint16 port() const { return m_port; }
    QHostAddress address() const { return m_options.address; }
    bool isListening() const { return m_listening; }
    const Counts& counts() const { return m_counts; }
    QString summary() const;

signals:
    /// Accepting connections (at start, and again after a down period).
    void listening(const QHostAddress& address, quint16 port);
    /// Stopped listening and dropped every connection for forMs.
    void wentDown(int forMs);
    void messageReceived(const QString& controlId);
    /// An ACK with `code` ("AA", "AE", "AR") was written for the message.
    void answered(const QString& controlId, const QString& code);
    /// A connection was closed instead of answering (drop-every).
    void dropped(const QString& controlId);

private:
    void onFrame(quint64 connectionId, const QByteArray& payload);
    void respond(quint64 connectionId, const QByteArray& ack, const QString& controlId, const QString& code);
    void goDown();
    void comeBack();
    void closeAll();
    bool listenNow(QString* errorString);
    static bool appendLine(QFile& file, const QString& line);

    FeedSinkOptions m_options;
    MllpServer* m_server = nullptr;
    QRandomGenerator m_random;
    Counts m_counts;
    QSet<quint64> m_open;
    QFile m_record;
    QFile m_recordAccepted;
    quint16 m_port = 0;
    quint64 m_ackCounter = 0;
    bool m_listening = false;
    bool m_wentDown = false;
    bool m_stopped = false;
};
