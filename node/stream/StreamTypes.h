#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <functional>

/// One event of the node's live stream (DESIGN.md section 4, "Live"), as published to EventHub.
struct StreamEvent
{
    qint64 seq = 0;                                  ///< per node and epoch, from 1, no gaps
    QString type;                                    ///< "<prefix>.<what>", e.g. "message.state"; the prefix picks the topic
    qint64 atMs = 0;                                 ///< when it was published (ms since the epoch, UTC)
    QJsonObject data;                                ///< the payload; never raw message content or PHI
    /// Or the payload built only when a client needs it: on a busy node most events are buffered and
    /// never sent, and building a JSON object per message cost the ingest thread about 7 % of its time.
    std::function<QJsonObject()> buildData;

    QJsonObject payload() const { return buildData ? buildData() : data; }
    QString unit;                                    ///< care unit it belongs to; empty = not unit-bound
    QByteArray correlationId;                        ///< the message it concerns, if any
    bool clinical = false;                           ///< alerts: a clinical alert (nurses see only those)
};

/// The subscription topics and which event types belong to them.
namespace StreamTopic {

inline constexpr QLatin1StringView Stats{"stats"};
inline constexpr QLatin1StringView Messages{"messages"};
inline constexpr QLatin1StringView DeadLetters{"deadLetters"};
inline constexpr QLatin1StringView Alerts{"alerts"};
inline constexpr QLatin1StringView Audit{"audit"};

/// All topics, in the order the protocol documents them.
QStringList all();
bool isKnown(const QString& topic);
/// The topic of an event type, from its prefix before the first '.': "stats" → stats,
/// "message" → messages, "deadLetter" → deadLetters, "alert" → alerts, "audit" → audit.
/// Empty for any other prefix (such events are delivered to nobody).
QString ofType(const QString& type);

} // namespace StreamTopic

/// Event types the node publishes (the suffixes are documented in StreamSession.h).
namespace StreamEventType {

inline constexpr QLatin1StringView StatsTick{"stats.tick"};
inline constexpr QLatin1StringView MessageState{"message.state"};
inline constexpr QLatin1StringView DeadLetterAdded{"deadLetter.added"};
inline constexpr QLatin1StringView DeadLetterResubmitted{"deadLetter.resubmitted"};
inline constexpr QLatin1StringView DeadLetterParked{"deadLetter.parked"};
inline constexpr QLatin1StringView DeadLetterUnparked{"deadLetter.unparked"};
inline constexpr QLatin1StringView AlertChanged{"alert.changed"};
inline constexpr QLatin1StringView AuditAppended{"audit.appended"};

} // namespace StreamEventType
