#include "node/pipeline/DeadLetterParking.h"

#include "node/pipeline/Resubmitter.h"
#include "node/store/MessageStore.h"

#include <QDateTime>
#include <QLoggingCategory>

#include <memory>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcParking, "vigil.node.parking")

DeadLetterParking::DeadLetterParking(MessageStore& store, Resubmitter& resubmitter, QObject* parent)
    : QObject(parent)
    , m_store(store)
    , m_resubmitter(resubmitter)
    , m_nowMs([] { return QDateTime::currentMSecsSinceEpoch(); })
{
}

void DeadLetterParking::setClock(std::function<qint64()> nowMs)
{
    m_nowMs = std::move(nowMs);
}

QJsonObject DeadLetterParking::ItemResult::toJson() const
{
    QJsonObject o{{u"deadLetterId"_s, deadLetterId}, {u"ok"_s, ok}};
    if (!ok) {
        o.insert(u"code"_s, code);
        o.insert(u"message"_s, message);
    }
    return o;
}

void DeadLetterParking::park(QList<qint64> deadLetterIds, QString actor, QString reason, Done done)
{
    change(true, deadLetterIds, actor, reason, std::move(done));
}

void DeadLetterParking::unpark(QList<qint64> deadLetterIds, QString actor, Done done)
{
    change(false, deadLetterIds, actor, {}, std::move(done));
}

void DeadLetterParking::change(bool park, const QList<qint64>& deadLetterIds, const QString& actor,
                               const QString& reason, Done done)
{
    auto results = std::make_shared<QList<ItemResult>>(deadLetterIds.size());
    ParkChange change;
    change.park = park;
    change.atMs = m_nowMs();
    change.by = actor;
    change.reason = reason;
    QList<qsizetype> positions;                      // of change.deadLetterIds in the results
    for (qsizetype i = 0; i < deadLetterIds.size(); ++i) {
        ItemResult& item = (*results)[i];
        item.deadLetterId = deadLetterIds.at(i);
        // Also the same ID twice in one request: the first one acts.
        if (!m_resubmitter.claim(item.deadLetterId)) {
            item.code = InFlight;
            item.message = u"a resubmission or park of dead letter %1 is being committed"_s.arg(item.deadLetterId);
            continue;
        }
        change.deadLetterIds.append(item.deadLetterId);
        positions.append(i);
    }

    const auto finish = [this, park, actor, results, done = std::move(done)] {
        QList<qint64> changed;
        for (const ItemResult& item : std::as_const(*results)) {
            if (item.ok)
                changed.append(item.deadLetterId);
        }
        qCInfo(lcParking).noquote() << (park ? "parked by" : "unparked by") << actor << ":" << changed.size() << "of"
                                    << results->size() << "dead letters";
        if (!changed.isEmpty()) {
            if (park)
                emit parked(changed);
            else
                emit unparked(changed);
        }
        done(*results);
    };

    if (change.deadLetterIds.isEmpty()) {
        // Nothing to commit: still answer from the event loop, as when something was.
        QMetaObject::invokeMethod(this, finish, Qt::QueuedConnection);
        return;
    }
    const QList<qint64> claimed = change.deadLetterIds;
    const auto committed = [this, park, claimed, positions, results, finish](const ParkOutcome& outcome) {
        for (qsizetype k = 0; k < claimed.size(); ++k) {
            const qint64 id = claimed.at(k);
            m_resubmitter.release(id);
            ItemResult& item = (*results)[positions.at(k)];
            const ParkOutcome::Item state = outcome.items.value(k);
            if (!outcome.committed) {
                item.code = StoreFailed;
                item.message = u"the change could not be stored: %1"_s.arg(outcome.error);
            } else if (state.changed) {
                item.ok = true;
            } else if (state.stateBefore.isEmpty()) {
                item.code = NotFound;
                item.message = u"dead letter %1 does not exist"_s.arg(id);
            } else if (park && state.stateBefore == u"parked") {
                item.code = AlreadyParked;
                item.message = u"dead letter %1 is parked already"_s.arg(id);
            } else if (park) {
                item.code = NotOpen;
                item.message = state.resubmittedAs != 0
                    ? u"dead letter %1 was already resubmitted as message %2"_s.arg(id).arg(state.resubmittedAs)
                    : u"dead letter %1 is %2, not open"_s.arg(id).arg(state.stateBefore);
            } else {
                item.code = NotParked;
                item.message = u"dead letter %1 is %2, not parked"_s.arg(id).arg(state.stateBefore);
            }
        }
        if (!outcome.committed)
            qCWarning(lcParking) << "dead letters could not be" << (park ? "parked:" : "unparked:") << outcome.error;
        finish();
    };
    m_store.setParked(std::move(change), this, committed);
}
