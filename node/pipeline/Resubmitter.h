#pragma once

#include "node/pipeline/AcceptedMessage.h"
#include "node/store/StoreTypes.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QLatin1String>
#include <QObject>
#include <QSet>
#include <QStringList>

#include <functional>
#include <optional>

class MessageStore;
class RouteTable;
struct ChannelConfig;
struct NodeConfig;

/// Replays dead letters through the message path (issue 3, "Actions"): one, a selection or a whole
/// failure group, optionally with an edited message that is validated first and can be previewed.
///
/// A replay takes the same decisions its channel would take now (IngestProcessor, or FhirIngest for
/// "fhir+json" messages), under the original message's correlation ID so the whole story reads as one
/// trace. The original message and its dead letter are kept; the new message links back to it
/// (replay_of) and the dead letter is marked resubmitted in the same commit. A dead letter from the
/// delivery stage goes to the destination that failed, not to every destination again; one from
/// parse or validate is routed afresh. A parked dead letter (DeadLetterParking) is refused until it
/// is unparked.
///
/// The route handlers above it own roles, idempotency keys and the audit log. Lives on one thread
/// (the one that calls it); the store's completions come back to that thread.
class Resubmitter : public QObject
{
    Q_OBJECT
public:
    using WasDelivered = std::function<bool(const QString& controlId, const QString& app, const QString& facility)>;

    Resubmitter(const NodeConfig& config, const RouteTable& routes, MessageStore& store, WasDelivered wasDelivered,
                QObject* parent = nullptr);
    ~Resubmitter() override;

    /// Time of the replay (received_at of the new message, trace timestamps); tests set a fake clock.
    void setClock(std::function<qint64()> nowMs);

    /// Refusal codes of Preview::code and ItemResult::code.
    static constexpr QLatin1String NotFound{"not-found"};             ///< no such dead letter
    static constexpr QLatin1String NotOpen{"not-open"};               ///< already resubmitted
    static constexpr QLatin1String Parked{"parked"};                  ///< set aside by an admin: unpark it first
    static constexpr QLatin1String InFlight{"in-flight"};             ///< a resubmission of it is being committed
    static constexpr QLatin1String ChannelGone{"channel-gone"};       ///< its channel was removed or changed kind
    static constexpr QLatin1String DestinationGone{"destination-gone"}; ///< delivery stage: its destination was removed
    static constexpr QLatin1String Invalid{"invalid"};                ///< the payload (edited or not) still fails
    static constexpr QLatin1String EditNeedsOne{"edit-needs-one"};    ///< an edit applies to exactly one dead letter
    static constexpr QLatin1String StoreFailed{"store-failed"};       ///< the commit failed; nothing changed

    /// A validation finding: an HL7 error (ERR-like) or a FHIR OperationOutcome issue.
    struct Problem
    {
        QString severity;                            ///< "error", "warning", "information" (FHIR also "fatal")
        QString location;                            ///< "PID(1)-3(1)" or a FHIR expression; empty for the whole message
        QString code;                                ///< HL7 table 0357 code ("101") or FHIR IssueType ("required")
        QString message;                             ///< plain words, never the values of the message
    };

    struct Preview
    {
        bool ok = false;                             ///< the payload passes its channel's checks now
        bool resubmittable = false;                  ///< ok, and the dead letter is open and not in flight
        QString code;                                ///< when !ok: one of the refusal codes
        QString message;                             ///< when !ok: what is wrong, in words
        qint64 deadLetterId = 0;
        qint64 messageId = 0;                        ///< the original message
        QByteArray correlationId;                    ///< the original's: the replay keeps it
        QString channel;
        QString stage;                               ///< the dead letter's stage: parse, validate, deliver
        QString format;                              ///< "hl7v2" or "fhir+json"
        bool edited = false;
        QList<Problem> errors;                       ///< validation findings (warnings included), or the parse error
        /// Hl7Diff::toJson of original → edit ([{path, kind, before, after}]); the same shape, with
        /// JSON paths, for FHIR; empty when not edited.
        QJsonArray diff;
        QStringList warnings;
        QStringList destinations;                    ///< where the replay would be queued
        QString ackCode;                             ///< what the channel would answer (MSA-1, or the HTTP status for FHIR)

        QJsonObject toJson() const;
    };

    struct ItemResult
    {
        qint64 deadLetterId = 0;
        bool ok = false;
        QString code;                                ///< when !ok: one of the refusal codes
        QString message;
        qint64 newMessageId = 0;
        QByteArray correlationId;
        QStringList destinations;
        QStringList warnings;                        ///< as in Preview (e.g. the MSH-10 was delivered before)

        QJsonObject toJson() const;
    };

    /// What resubmitting this dead letter (with `editedMessage` instead of its bytes, if given) would do.
    Preview preview(qint64 deadLetterId, const std::optional<QByteArray>& editedMessage);

    /// Resubmits every dead letter that can be; refuses the rest (ItemResult::code). `editedMessage`
    /// is allowed with exactly one ID. All records go to the store at once, so a large selection is
    /// committed in a few group commits. `done` runs once, always asynchronously, when every item has
    /// an answer, with the results in input order. `reason` is for the caller's audit record: it may
    /// name a patient, so it is never written to traces or logs.
    void resubmit(QList<qint64> deadLetterIds, std::optional<QByteArray> editedMessage, QString actor,
                  QString reason, std::function<void(QList<ItemResult>)> done);

    /// Dead letters whose resubmission is being committed right now.
    int inFlight() const { return int(m_inFlight.size()); }

    /// Another action on a dead letter (parking) holds it while it commits: a resubmission of it
    /// meanwhile is refused as in-flight, like a second resubmission. False when it is held or
    /// being resubmitted already. Main thread, like everything here.
    bool claim(qint64 deadLetterId);
    void release(qint64 deadLetterId);
    /// Being resubmitted, or held by claim().
    bool isBusy(qint64 deadLetterId) const { return m_inFlight.contains(deadLetterId) || m_claimed.contains(deadLetterId); }

signals:
    /// A committed replay's queue entries, for the destination queues (like MllpChannel::enqueued).
    void enqueued(const QList<QueuedItem>& items);
    /// A dead letter was resolved by a replay (for live events).
    void resubmitted(qint64 deadLetterId, qint64 newMessageId, const QByteArray& correlationId);
    /// A replay of a message that never got past parse or validate was accepted: the alert rules see
    /// it for the first time (a delivery-stage replay was accepted before and is not announced again).
    void accepted(const AcceptedMessage& message);

private:
    struct Plan
    {
        Preview preview;
        DeadLetter letter;
        bool open = false;                           ///< open in the store and not resolved in this process
        bool parked = false;                         ///< parked in the store
        IngestRecord record;                         ///< valid when preview.ok
        QString controlId;
        QString sendingApplication;
        QString sendingFacility;
    };
    Plan plan(qint64 deadLetterId, const std::optional<QByteArray>& editedMessage);
    void decideHl7(Plan& p, const ChannelConfig& channel, const QByteArray& original, const QByteArray& payload,
                   qint64 nowMs);
    void decideFhir(Plan& p, const ChannelConfig& channel, const QByteArray& original, const QByteArray& payload,
                    qint64 nowMs);
    qint64 dedupWindowMs() const;

    const NodeConfig& m_config;
    const RouteTable& m_routes;
    MessageStore& m_store;
    WasDelivered m_wasDelivered;
    std::function<qint64()> m_nowMs;
    QSet<qint64> m_inFlight;
    QSet<qint64> m_claimed;                          ///< held by claim()
    /// Resolved by a replay committed here but perhaps not yet visible to reads (the store applies
    /// commits to its tables a little later): dead letter → new message ID, until a flush confirms.
    QHash<qint64, qint64> m_resolved;
};
