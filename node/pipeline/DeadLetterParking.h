#pragma once

#include <QJsonObject>
#include <QLatin1String>
#include <QList>
#include <QObject>
#include <QString>

#include <functional>

class MessageStore;
class Resubmitter;

/// Sets dead letters aside and takes them back (issue 6, "retry or park a whole group"): an admin
/// parks dead letters nobody should resubmit — a test message, a known-bad feed — without deleting
/// them; parked ones leave the open list, its groups and the depth gauge, and a resubmission of one
/// is refused until it is unparked.
///
/// Each item's state is decided inside the store's transaction (MessageStore::setParked), so a
/// resubmission committed just before wins and the answer says so. While a park commits, its dead
/// letters are held in the Resubmitter (claim), so a resubmission arriving meanwhile is refused as
/// in-flight instead of racing it. The route handlers above own roles, idempotency keys and the
/// audit log. Main thread only; answers come back on it.
class DeadLetterParking : public QObject
{
    Q_OBJECT
public:
    /// Refusal codes of ItemResult::code.
    static constexpr QLatin1String NotFound{"not-found"};             ///< no such dead letter
    static constexpr QLatin1String NotOpen{"not-open"};               ///< park: already resubmitted
    static constexpr QLatin1String AlreadyParked{"parked"};           ///< park: parked already
    static constexpr QLatin1String NotParked{"not-parked"};           ///< unpark: it is not parked
    static constexpr QLatin1String InFlight{"in-flight"};             ///< a resubmission or park of it is committing
    static constexpr QLatin1String StoreFailed{"store-failed"};       ///< the commit failed; nothing changed

    struct ItemResult
    {
        qint64 deadLetterId = 0;
        bool ok = false;
        QString code;                                ///< when !ok: one of the refusal codes
        QString message;                             ///< when !ok: why, in words

        QJsonObject toJson() const;                  ///< {deadLetterId, ok, code?, message?}
    };
    using Done = std::function<void(QList<ItemResult>)>;

    DeadLetterParking(MessageStore& store, Resubmitter& resubmitter, QObject* parent = nullptr);

    /// parkedAt of what park() sets aside; tests set a fake clock.
    void setClock(std::function<qint64()> nowMs);

    /// Parks the open ones among `deadLetterIds`, refuses the rest. `done` runs once, always
    /// asynchronously, with the results in input order. `reason` is kept on the dead letters
    /// (parkReason) and is never logged.
    void park(QList<qint64> deadLetterIds, QString actor, QString reason, Done done);
    /// Returns the parked ones among `deadLetterIds` to open; refuses the rest.
    void unpark(QList<qint64> deadLetterIds, QString actor, Done done);

signals:
    /// Dead letters that were parked (committed), for live events.
    void parked(const QList<qint64>& deadLetterIds);
    /// Dead letters that went back to open (committed).
    void unparked(const QList<qint64>& deadLetterIds);

private:
    void change(bool park, const QList<qint64>& deadLetterIds, const QString& actor, const QString& reason, Done done);

    MessageStore& m_store;
    Resubmitter& m_resubmitter;
    std::function<qint64()> m_nowMs;
};
