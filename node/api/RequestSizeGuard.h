#pragma once

#include <QObject>

class QTcpSocket;

/// Caps what one HTTP request may make the node hold in memory, before Qt reads it.
///
/// Qt 6.4's QHttpServer reads a whole request body into memory before any handler runs, with no
/// limit (STYLE.md 2.4: one 300 MB POST grew the process by ~900 MB), and any client can do that
/// before signing in. The guard watches each connection's bytes from a readyRead slot connected
/// before the server's own: it follows request boundaries (headers up to the blank line, then
/// Content-Length bytes of body) and, when a request declares or sends more than the limit, answers
/// 413 itself, discards what arrived and closes the connection (after swallowing at most
/// MaxDrainBytes of the body, so the client reads the answer), so the server never buffers it.
/// Chunked request bodies (no length up front) get 411, headers over 64 KiB get 431, two
/// Content-Length headers get 400, and HEAD gets a bodiless 405. A WebSocket
/// upgrade ends the guard's watch: after it the bytes are frames, bounded by the stream itself.
class RequestSizeGuard : public QObject
{
    Q_OBJECT
public:
    static constexpr qsizetype MaxHeaderBytes = 64 * 1024;

    /// Watches `socket` (and is deleted with it). Call before anyone else connects to readyRead.
    static void attach(QTcpSocket* socket, qint64 maxBodyBytes);

private:
    RequestSizeGuard(QTcpSocket* socket, qint64 maxBodyBytes);
    void onReadyRead();
    void reject(int status, const char* reason, const char* code, const QString& message, qint64 bodyBytes = 0);
    void rejectWithoutBody(int status, const char* reason);
    void finishRejection();
    /// Reads the header block; returns false when it rejected the request.
    bool inspectHeaders(const QByteArray& headers);

    QTcpSocket* m_socket;
    qint64 m_maxBodyBytes;
    enum class State { Headers, Body, Upgraded, Rejected } m_state = State::Headers;
    QByteArray m_headerTail;                          ///< header bytes seen so far (to find the blank line)
    qint64 m_bodyRemaining = 0;
    /// After a rejection: body bytes still to swallow before closing. Closing with unread input
    /// makes the kernel reset the connection, and the reset destroys the answer before the client
    /// reads it, so a bounded part of the body is read and dropped first.
    qint64 m_drainRemaining = 0;
    static constexpr qint64 MaxDrainBytes = 8 * 1024 * 1024;
    static constexpr int MaxDrainMs = 5000;
};
