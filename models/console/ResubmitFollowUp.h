#pragma once

#include <QCoreApplication>
#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

/// What became of resubmitted dead letters, followed from what the node tells the console: the
/// resubmit answer (docs/ops-api.md 4.14), the stream's `deadLetter.resubmitted`, `message.state`
/// and `deadLetter.added` events (5.3), and dead-letter rows that hold a replay (a replay that
/// failed again). Per node, keyed by the original dead letter's ID; a replay is found by its
/// message ID. No I/O, no clock: feed it and ask.
///
/// The node commits a resubmission (and publishes `deadLetter.resubmitted`) before it delivers the
/// replay, so the replay's message ID is known before its delivery events arrive; the resubmit
/// answer may come before or after them and only adds what the events lack (destinations, refusals).
class ResubmitFollowUp
{
    Q_DECLARE_TR_FUNCTIONS(ResubmitFollowUp)

public:
    enum class Phase {
        None,      ///< nothing known about a resubmission of it
        Refused,   ///< the node refused to resubmit it (code and message say why)
        Queued,    ///< resubmitted; the replay has not reached every destination yet
        Delivered, ///< the replay reached every destination it was queued for (as far as known)
        Failed,    ///< the replay failed again: invalid at ingest, or dead-lettered at a destination
    };

    struct Item
    {
        qint64 deadLetterId = 0;
        qint64 replayMessageId = 0;     ///< 0 until resubmitted
        QStringList expected;           ///< destinations the replay was queued for; empty: not known
        QStringList delivered;          ///< destinations that accepted the replay
        QStringList failed;             ///< destinations that gave up on it
        QString ingestFailure;          ///< "invalid" | "unparseable" when the replay failed at ingest
        QList<qint64> newDeadLetters;   ///< dead letters holding the replay (known once their rows are seen)
        QString refusedCode;            ///< 4.14 refusal code ("not-open", "invalid", …)
        QString refusedMessage;         ///< the node's words for it
        QStringList warnings;           ///< from the resubmit answer (e.g. MSH-10 already delivered)
    };

    /// A resubmission was committed: dead letter `deadLetterId` replays as message `replayMessageId`.
    /// `deliveryDestination`: for a delivery-stage dead letter, the one destination the replay goes to.
    /// Returns false when this was already known.
    bool noteResubmitted(const QString& nodeId, qint64 deadLetterId, qint64 replayMessageId,
                         const QString& deliveryDestination = QString());
    /// The `results` array of a resubmit answer (4.14). Returns the dead-letter IDs whose follow-up changed.
    QList<qint64> noteResults(const QString& nodeId, const QJsonArray& results);
    /// A stream event frame (5.3): `deadLetter.resubmitted`, `message.state` or `deadLetter.added`
    /// of a replay. Returns the (original) dead-letter IDs whose follow-up changed; other events change nothing.
    QList<qint64> noteEvent(const QString& nodeId, const QJsonObject& frame);
    /// A dead-letter row (DeadLetterSummary) was seen: when it holds a replay, the original's replay
    /// failed again and this is its new dead letter. Returns the original's ID, or 0.
    qint64 noteDeadLetterRow(const QString& nodeId, const QJsonObject& deadLetter);
    /// The replay's MessageSummary (4.1: routedTo, deliveredTo, deadLetteredAt, state), for a
    /// resubmission that happened before the console watched. Returns whether anything changed.
    bool noteReplaySummary(const QString& nodeId, qint64 deadLetterId, const QJsonObject& summary);

    std::optional<Item> item(const QString& nodeId, qint64 deadLetterId) const;
    bool isReplay(const QString& nodeId, qint64 messageId) const;
    /// The original dead letter a replay belongs to, or 0.
    qint64 originalOf(const QString& nodeId, qint64 replayMessageId) const;
    /// Whether anything is known of how the replay of this dead letter fared (a delivery or failure).
    bool knowsFate(const QString& nodeId, qint64 deadLetterId) const;
    void removeNode(const QString& nodeId);
    void clear();

    static Phase phaseOf(const Item& item);
    /// "resubmitted as message 110" (where it went is not known yet), "queued for lab-down (message 110)",
    /// "delivered to ehr, archive (message 110)", "failed again at lab-down: dead letter 31 (message 110)",
    /// "delivered to archive; failed again at lab-down: dead letter 31 (message 110)",
    /// "refused: dead letter 13 was already resubmitted as message 109". Empty for Phase::None.
    static QString text(const Item& item);
    /// "queued" | "delivered" | "failed" | "refused" | "" (Phase::None)
    static QString phaseName(Phase phase);

private:
    static QString keyOf(const QString& nodeId, qint64 id);
    Item& entry(const QString& nodeId, qint64 deadLetterId);
    bool applyMessageState(Item& item, const QJsonObject& data);

    QHash<QString, Item> m_items;           ///< keyOf(node, dead letter) → item
    QHash<QString, qint64> m_byReplay;      ///< keyOf(node, replay message) → dead letter
};
