#include "models/console/ResubmitFollowUp.h"

using namespace Qt::StringLiterals;

namespace {

qint64 integerOf(const QJsonValue& value)
{
    return qint64(value.toDouble());
}

QStringList stringsOf(const QJsonValue& value)
{
    QStringList list;
    const QJsonArray array = value.toArray();
    for (const QJsonValue& v : array) {
        if (!v.toString().isEmpty())
            list << v.toString();
    }
    return list;
}

bool addOnce(QStringList& list, const QString& value)
{
    if (value.isEmpty() || list.contains(value))
        return false;
    list << value;
    return true;
}

} // namespace

QString ResubmitFollowUp::keyOf(const QString& nodeId, qint64 id)
{
    return nodeId + u'/' + QString::number(id);
}

ResubmitFollowUp::Item& ResubmitFollowUp::entry(const QString& nodeId, qint64 deadLetterId)
{
    Item& item = m_items[keyOf(nodeId, deadLetterId)];
    item.deadLetterId = deadLetterId;
    return item;
}

bool ResubmitFollowUp::noteResubmitted(const QString& nodeId, qint64 deadLetterId, qint64 replayMessageId,
                                       const QString& deliveryDestination)
{
    if (deadLetterId <= 0 || replayMessageId <= 0)
        return false;
    Item& item = entry(nodeId, deadLetterId);
    bool changed = false;
    if (item.replayMessageId != replayMessageId) {
        // A later resubmission of the same dead letter (it was reopened) starts a fresh follow-up.
        if (item.replayMessageId != 0)
            m_byReplay.remove(keyOf(nodeId, item.replayMessageId));
        const QStringList warnings = item.warnings;
        item = Item();
        item.deadLetterId = deadLetterId;
        item.replayMessageId = replayMessageId;
        item.warnings = warnings;
        m_byReplay.insert(keyOf(nodeId, replayMessageId), deadLetterId);
        changed = true;
    }
    // A delivery-stage replay goes only to the destination that failed (4.13).
    if (item.expected.isEmpty() && !deliveryDestination.isEmpty()) {
        item.expected = QStringList{deliveryDestination};
        changed = true;
    }
    return changed;
}

QList<qint64> ResubmitFollowUp::noteResults(const QString& nodeId, const QJsonArray& results)
{
    QList<qint64> changed;
    for (const QJsonValue& v : results) {
        const QJsonObject r = v.toObject();
        const qint64 id = integerOf(r.value(u"deadLetterId"));
        if (id <= 0)
            continue;
        if (r.value(u"ok").toBool()) {
            noteResubmitted(nodeId, id, integerOf(r.value(u"messageId")));
            Item& item = entry(nodeId, id);
            // The answer names where the replay was queued: more exact than anything an event says.
            const QStringList destinations = stringsOf(r.value(u"destinations"));
            if (!destinations.isEmpty())
                item.expected = destinations;
            item.warnings = stringsOf(r.value(u"warnings"));
            item.refusedCode.clear();
            item.refusedMessage.clear();
        } else {
            Item& item = entry(nodeId, id);
            item.refusedCode = r.value(u"code").toString();
            item.refusedMessage = r.value(u"message").toString();
            item.warnings = stringsOf(r.value(u"warnings"));
        }
        changed << id;
    }
    return changed;
}

bool ResubmitFollowUp::applyMessageState(Item& item, const QJsonObject& data)
{
    const QString state = data.value(u"state").toString();
    const QString destination = data.value(u"destination").toString();
    if (state == u"delivered")
        return addOnce(item.delivered, destination);
    if (state == u"dead-lettered")
        return addOnce(item.failed, destination);
    if ((state == u"invalid" || state == u"unparseable") && item.ingestFailure != state) {
        item.ingestFailure = state;
        return true;
    }
    return false;
}

QList<qint64> ResubmitFollowUp::noteEvent(const QString& nodeId, const QJsonObject& frame)
{
    const QString event = frame.value(u"event").toString();
    const QJsonObject data = frame.value(u"data").toObject();
    if (event == u"deadLetter.resubmitted") {
        const qint64 id = integerOf(data.value(u"deadLetterId"));
        if (noteResubmitted(nodeId, id, integerOf(data.value(u"messageId"))))
            return {id};
        return {};
    }
    if (event != u"message.state" && event != u"deadLetter.added")
        return {};
    const qint64 original = originalOf(nodeId, integerOf(data.value(u"messageId")));
    if (original == 0)
        return {};
    Item& item = entry(nodeId, original);
    return applyMessageState(item, data) ? QList<qint64>{original} : QList<qint64>{};
}

qint64 ResubmitFollowUp::noteDeadLetterRow(const QString& nodeId, const QJsonObject& deadLetter)
{
    const qint64 original = originalOf(nodeId, integerOf(deadLetter.value(u"messageId")));
    const qint64 id = integerOf(deadLetter.value(u"id"));
    if (original == 0 || id <= 0 || original == id)
        return 0;
    Item& item = entry(nodeId, original);
    bool changed = false;
    if (!item.newDeadLetters.contains(id)) {
        item.newDeadLetters << id;
        changed = true;
    }
    // The row also says where it failed, in case the console missed the event.
    if (deadLetter.value(u"stage").toString() == u"deliver")
        changed = addOnce(item.failed, deadLetter.value(u"destination").toString()) || changed;
    else if (item.ingestFailure.isEmpty()) {
        item.ingestFailure = deadLetter.value(u"stage").toString() == u"parse" ? u"unparseable"_s : u"invalid"_s;
        changed = true;
    }
    return changed ? original : 0;
}

bool ResubmitFollowUp::noteReplaySummary(const QString& nodeId, qint64 deadLetterId, const QJsonObject& summary)
{
    const qint64 replay = integerOf(summary.value(u"id"));
    if (deadLetterId <= 0 || replay <= 0)
        return false;
    bool changed = noteResubmitted(nodeId, deadLetterId, replay);
    Item& item = entry(nodeId, deadLetterId);
    const QStringList routed = stringsOf(summary.value(u"routedTo"));
    if (!routed.isEmpty() && item.expected != routed) {
        item.expected = routed;
        changed = true;
    }
    const QStringList delivered = stringsOf(summary.value(u"deliveredTo"));
    for (const QString& d : delivered)
        changed = addOnce(item.delivered, d) || changed;
    const QStringList failed = stringsOf(summary.value(u"deadLetteredAt"));
    for (const QString& d : failed)
        changed = addOnce(item.failed, d) || changed;
    const QString state = summary.value(u"state").toString();
    if ((state == u"invalid" || state == u"unparseable") && item.ingestFailure != state) {
        item.ingestFailure = state;
        changed = true;
    }
    return changed;
}

std::optional<ResubmitFollowUp::Item> ResubmitFollowUp::item(const QString& nodeId, qint64 deadLetterId) const
{
    const auto it = m_items.constFind(keyOf(nodeId, deadLetterId));
    if (it == m_items.cend())
        return std::nullopt;
    return *it;
}

bool ResubmitFollowUp::isReplay(const QString& nodeId, qint64 messageId) const
{
    return m_byReplay.contains(keyOf(nodeId, messageId));
}

qint64 ResubmitFollowUp::originalOf(const QString& nodeId, qint64 replayMessageId) const
{
    return m_byReplay.value(keyOf(nodeId, replayMessageId), 0);
}

bool ResubmitFollowUp::knowsFate(const QString& nodeId, qint64 deadLetterId) const
{
    const auto found = item(nodeId, deadLetterId);
    return found && (!found->delivered.isEmpty() || !found->failed.isEmpty() || !found->ingestFailure.isEmpty()
                     || !found->newDeadLetters.isEmpty());
}

void ResubmitFollowUp::removeNode(const QString& nodeId)
{
    const QString prefix = nodeId + u'/';
    for (auto it = m_items.begin(); it != m_items.end();)
        it = it.key().startsWith(prefix) ? m_items.erase(it) : std::next(it);
    for (auto it = m_byReplay.begin(); it != m_byReplay.end();)
        it = it.key().startsWith(prefix) ? m_byReplay.erase(it) : std::next(it);
}

void ResubmitFollowUp::clear()
{
    m_items.clear();
    m_byReplay.clear();
}

ResubmitFollowUp::Phase ResubmitFollowUp::phaseOf(const Item& item)
{
    if (item.replayMessageId == 0)
        return item.refusedCode.isEmpty() && item.refusedMessage.isEmpty() ? Phase::None : Phase::Refused;
    if (!item.failed.isEmpty() || !item.ingestFailure.isEmpty() || !item.newDeadLetters.isEmpty())
        return Phase::Failed;
    if (item.delivered.isEmpty())
        return Phase::Queued;
    for (const QString& d : item.expected) {
        if (!item.delivered.contains(d))
            return Phase::Queued;
    }
    return Phase::Delivered;
}

QString ResubmitFollowUp::phaseName(Phase phase)
{
    switch (phase) {
    case Phase::None: return QString();
    case Phase::Refused: return u"refused"_s;
    case Phase::Queued: return u"queued"_s;
    case Phase::Delivered: return u"delivered"_s;
    case Phase::Failed: return u"failed"_s;
    }
    return QString();
}

QString ResubmitFollowUp::text(const Item& item)
{
    const Phase phase = phaseOf(item);
    if (phase == Phase::None)
        return QString();
    if (phase == Phase::Refused)
        return tr("refused: %1").arg(item.refusedMessage.isEmpty() ? item.refusedCode : item.refusedMessage);

    QStringList parts;
    if (!item.delivered.isEmpty())
        parts << tr("delivered to %1").arg(item.delivered.join(u", "_s));
    if (phase == Phase::Failed) {
        QStringList ids;
        for (qint64 id : item.newDeadLetters)
            ids << QString::number(id);
        const QString where = item.failed.join(u", "_s);
        if (!where.isEmpty() && !ids.isEmpty())
            parts << tr("failed again at %1: dead letter %2").arg(where, ids.join(u", "_s));
        else if (!where.isEmpty())
            parts << tr("failed again at %1").arg(where);
        else if (!ids.isEmpty())
            parts << tr("failed again: dead letter %1").arg(ids.join(u", "_s));
        else
            parts << tr("failed again: the replay is %1").arg(item.ingestFailure);
    }
    QStringList waiting;
    for (const QString& d : item.expected) {
        if (!item.delivered.contains(d) && !item.failed.contains(d))
            waiting << d;
    }
    if (parts.isEmpty()) {
        if (waiting.isEmpty())
            return tr("resubmitted as message %1").arg(item.replayMessageId);
        return tr("queued for %1 (message %2)").arg(waiting.join(u", "_s)).arg(item.replayMessageId);
    }
    if (!waiting.isEmpty())
        parts << tr("waiting for %1").arg(waiting.join(u", "_s));
    return tr("%1 (message %2)").arg(parts.join(u"; "_s)).arg(item.replayMessageId);
}
