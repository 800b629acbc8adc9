#pragma once

#include "node/auth/Principal.h"
#include "node/stream/StreamFilter.h"

#include <QObject>
#include <QTimer>

#include <functional>
#include <optional>

class EventHub;
class QWebSocket;

/// Checks a bearer token; nullopt when it is unknown, expired or its user is disabled.
using TokenValidator = std::function<std::optional<Principal>(const QByteArray& token)>;

/// Limits and timings of a stream session; the defaults are the production values, tests shorten them.
struct StreamSessionOptions
{
    int authTimeoutMs = 10'000;                      ///< time to authenticate after the upgrade
    int heartbeatMs = 15'000;                        ///< heartbeat interval once subscribed
    int tokenCheckMs = 60'000;                       ///< how often the token is validated again
    qint64 maxPendingBytes = 8LL * 1024 * 1024;      ///< socket bytes not yet written before sending pauses
    int maxBadMessages = 20;                         ///< one more malformed client message closes with 1008
    int maxCorrelationIds = 1000;                    ///< per subscribe
    qint64 maxIncomingMessageBytes = 64 * 1024;      ///< larger client messages close the connection (1009)
    int closeGraceMs = 5'000;                        ///< after a close frame, abort a peer that does not answer
};

/*!
    One client of the live stream: authenticates it, filters the hub's events by its subscription and
    role, paces the writes, and closes it when it must.

    PROTOCOL (WebSocket, JSON text frames, one object per frame; `/api/v1/stream`)

    1. Authentication, one of:
       - the upgrade request carries `Authorization: Bearer <token>`; or
       - the client's first message is `{"type":"auth","token":"<token>"}`, within 10 s of the upgrade.
       A missing, invalid or expired token, a first message that is not `auth`, or no auth within 10 s
       closes the connection with code 4401 and a reason ("invalid token", "authentication timed out",
       "authentication required"). An `auth` message after a successful authentication is an error.

    2. Server, once authenticated:
         {"type":"hello","nodeId":"<id>","epoch":"<32 hex>","seq":<latest seq>}
       `epoch` changes whenever the node restarts; `seq` is the newest event's number (0 if none yet).

    3. Client subscribes (and may subscribe again at any time; each subscribe replaces the last):
         {"type":"subscribe","topics":["stats","messages","deadLetters","alerts","audit"],
          "since":<seq>, "epoch":"<epoch>", "correlationIds":["<32 hex>", ...]}
       - `topics` (required, non-empty, known names): what to receive.
       - `since` + `epoch` (optional, both or neither): the last seq the client saw (or was told by a
         heartbeat) in that epoch; the server first replays every missed event after it, then goes on
         live. Without them the stream starts with the next new event.
       - `correlationIds` (optional, at most 1000): message events only for these messages.
       - Unknown fields are errors.
       Server answers
         {"type":"subscribed","topics":[<granted>],"denied":[<topics this role may not read>]}
       then, if the missed events cannot be replayed,
         {"type":"resync","reason":"<why>","epoch":"<current epoch>","seq":<latest seq>}
       (the node restarted, or the events after `since` are no longer buffered, or `since` is ahead):
       the client reloads its state through the query endpoints and continues from that seq; the
       stream goes on live after it.

    4. Events, in seq order, never repeated:
         {"type":"event","seq":<n>,"event":"<type>","at":"<ISO 8601 UTC, ms>","data":{...},
          "unit":"<care unit, when unit-bound>","correlationId":"<32 hex, when about one message>"}
       Types: `stats.tick` (topic stats), `message.state` (messages), `deadLetter.added`,
       `deadLetter.resubmitted`, `deadLetter.parked`, `deadLetter.unparked` (deadLetters),
       `alert.changed` (alerts), `audit.appended` (audit).

    5. Filtering by role. Not sent: events outside the subscribed topics; events of a unit the user may
       not see; deadLetters and audit to nurses (reported in `denied`); message and alert events
       without a unit, and non-clinical alerts, to nurses. Filtered events still consume seq numbers,
       so GAPS IN `seq` ARE NORMAL and mean nothing: a client learns that it lost events only from a
       `resync`. To keep a client's resume point current when everything is filtered, the server
       sends, every 15 s once subscribed,
         {"type":"heartbeat","seq":<n>}
       meaning "everything up to n has been sent or filtered"; resume with `since` = the larger of
       the last event's and the last heartbeat's seq.

    6. Errors. A malformed client message (not JSON, not an object, unknown type, wrong field) gets
         {"type":"error","message":"<what was wrong>"}
       and the connection stays; after 20 of them the server closes with 1008. Binary frames count as
       malformed. Client messages over 64 KiB close the connection (1009).

    7. Closing codes: 4401 authentication failed or token expired (the token is re-checked every
       60 s); 4408 "too slow; resume with since" (see below); 1008 too many malformed messages; 1001
       node shutting down. After any of them the client reconnects and resubscribes with `since`.

    Backpressure: the server writes only while less than 8 MiB wait unsent on the socket; further
    events stay in the node's replay buffer (api.streamBufferEvents, default 10000) and are sent as
    the client reads. A client so slow that its next event leaves that buffer is closed with 4408.
*/
class StreamSession : public QObject
{
    Q_OBJECT
public:
    /// Takes ownership of `socket`, an accepted, open WebSocket.
    StreamSession(QWebSocket* socket, EventHub& hub, TokenValidator validator, const QString& nodeId,
                  const StreamSessionOptions& options, QObject* parent = nullptr);
    ~StreamSession() override;

    /// Checks the upgrade request's token, or waits for an auth message. Call once, after connecting
    /// to finished().
    void start();
    /// Closes with `code` and `reason` (at most 123 bytes of UTF-8); finished() follows.
    void closeWith(int code, const QString& reason);

    bool isAuthenticated() const { return m_state == State::Open; }
    const Principal& principal() const { return m_filter.principal(); }

signals:
    /// The server closes the connection, with this code and reason.
    void closing(int code, const QString& reason);
    /// The connection is gone; the session may be deleted.
    void finished();

private:
    enum class State { AwaitingAuth, Open, Closing, Finished };

    void onTextMessage(const QString& message);
    void onAuthMessage(const QJsonObject& message);
    void onSubscribe(const QJsonObject& message);
    bool authenticate(const QByteArray& token);
    void checkToken();
    void sendHeartbeat();
    void pump();
    void rejectMessage(const QString& error);
    void send(const QJsonObject& frame);
    void finish();

    QWebSocket* m_socket;
    EventHub& m_hub;
    TokenValidator m_validator;
    QString m_nodeId;
    StreamSessionOptions m_options;
    State m_state = State::AwaitingAuth;
    QByteArray m_token;
    StreamFilter m_filter;
    bool m_subscribed = false;
    qint64 m_nextSeq = 0;                            ///< the next hub event to consider sending
    int m_badMessages = 0;
    QTimer m_authTimer;
    QTimer m_heartbeatTimer;
    QTimer m_tokenTimer;
    QTimer m_graceTimer;
};
