#include "models/console/DeadLetterListModel.h"
#include "models/console/PipelineStageNames.h"

#include "models/console/ConsoleJson.h"

#include <QDateTime>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace {

qint64 integerOf(const QJsonValue& value)
{
    return qint64(value.toDouble());
}

/// Pages a head refresh may walk back while every row on them is new.
constexpr int kHeadPages = 10;

} // namespace

DeadLetterListModel::DeadLetterListModel(QObject* parent)
    : QAbstractTableModel(parent)
    , m_clock([] { return QDateTime::currentMSecsSinceEpoch(); })
{
}

DeadLetterListModel::~DeadLetterListModel() = default;

QString DeadLetterListModel::keyOf(const QString& nodeId, qint64 id)
{
    return nodeId + u'/' + QString::number(id);
}

bool DeadLetterListModel::newerThan(const Row& a, const Row& b)
{
    if (a.createdAtMs != b.createdAtMs)
        return a.createdAtMs > b.createdAtMs;
    if (a.nodeId != b.nodeId)
        return a.nodeId < b.nodeId;
    return a.id > b.id;
}

int DeadLetterListModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int DeadLetterListModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString DeadLetterListModel::ageText(qint64 ms)
{
    const qint64 minutes = std::max<qint64>(0, ms) / 60000;
    if (minutes < 1)
        return tr("under 1 min");
    if (minutes < 60)
        return tr("%1 min").arg(minutes);
    const qint64 hours = minutes / 60;
    if (hours < 24)
        return tr("%1 h %2 min").arg(hours).arg(minutes % 60);
    return tr("%1 d %2 h").arg(hours / 24).arg(hours % 24);
}

const DeadLetterListModel::Pending* DeadLetterListModel::pendingFor(const Row& row) const
{
    const Pending* newest = nullptr;
    const QString signature = row.json.value(u"signature").toString();
    for (const Pending& p : m_pending) {
        if (p.nodeId != row.nodeId)
            continue;
        if (p.ids.contains(row.id) || (!p.signature.isEmpty() && p.signature == signature)) {
            if (!newest || p.sinceMs > newest->sinceMs)
                newest = &p;
        }
    }
    return newest;
}

QString DeadLetterListModel::followUpText(const Row& row, QString* phase) const
{
    if (const Pending* p = pendingFor(row)) {
        *phase = u"pending"_s;
        if (p->kind == u"park")
            return tr("park pending: not confirmed by the node yet");
        if (p->kind == u"unpark")
            return tr("unpark pending: not confirmed by the node yet");
        return tr("resubmit pending: not confirmed by the node yet");
    }
    const auto item = m_followUp.item(row.nodeId, row.id);
    if (item) {
        const ResubmitFollowUp::Phase p = ResubmitFollowUp::phaseOf(*item);
        if (p != ResubmitFollowUp::Phase::None) {
            *phase = ResubmitFollowUp::phaseName(p);
            return ResubmitFollowUp::text(*item);
        }
    }
    *phase = QString();
    const qint64 replay = integerOf(row.json.value(u"resubmittedAs"));
    if (replay > 0)
        return tr("resubmitted as message %1").arg(replay);
    return QString();
}

QVariant DeadLetterListModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const Row& r = m_rows.at(index.row());
    const QJsonObject& j = r.json;
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case IdColumn: return r.id;
        case NodeColumn: return m_nodeNames.value(r.nodeId, r.nodeId);
        case AgeColumn: return ageText(m_clock() - r.createdAtMs);
        case StageColumn: return PipelineStageNames::display(j.value(u"stage").toString());
        case ReasonColumn: return j.value(u"reason").toString();
        case StateColumn: {
            const QString state = j.value(u"state").toString();
            QString text = state;
            if (state == u"open")
                text = tr("open", "dead-letter state");
            else if (state == u"resubmitted")
                text = tr("resubmitted", "dead-letter state");
            else if (state == u"parked")
                text = tr("parked", "dead-letter state");
            if (const Pending* p = pendingFor(r)) {
                if (p->kind == u"park")
                    return tr("%1, park pending", "dead-letter state").arg(text);
                if (p->kind == u"unpark")
                    return tr("%1, unpark pending", "dead-letter state").arg(text);
                return tr("%1, resubmit pending", "dead-letter state").arg(text);
            }
            return text;
        }
        case FollowUpColumn: {
            QString phase;
            return followUpText(r, &phase);
        }
        case ErrorClassColumn: return j.value(u"errorClass").toString();
        case ChannelColumn: return j.value(u"channel").toString();
        case DestinationColumn: return j.value(u"destination").toString();
        case TypeColumn: {
            const QString type = j.value(u"messageType").toString();
            const QString trigger = j.value(u"triggerEvent").toString();
            return trigger.isEmpty() ? type : type + u'^' + trigger;
        }
        case ControlIdColumn: return j.value(u"controlId").toString();
        case UnitColumn: return j.value(u"unit").toString();
        }
        return {};
    case Qt::ToolTipRole:
        if (index.column() == ReasonColumn) {
            const QString location = j.value(u"errorLocation").toString();
            return location.isEmpty() ? j.value(u"reason").toString()
                                      : tr("%1 (at %2)").arg(j.value(u"reason").toString(), location);
        }
        if (index.column() == FollowUpColumn) {
            const auto item = m_followUp.item(r.nodeId, r.id);
            QString phase;
            QString text = followUpText(r, &phase);
            if (item && !item->warnings.isEmpty())
                text += u"\n"_s + item->warnings.join(u"\n"_s);
            return text;
        }
        if (index.column() == AgeColumn)
            return QDateTime::fromMSecsSinceEpoch(r.createdAtMs).toString(u"yyyy-MM-dd HH:mm:ss"_s);
        if (index.column() == StateColumn && j.value(u"state").toString() == u"parked") {
            const QString by = j.value(u"parkedBy").toString();
            const QString why = j.value(u"parkReason").toString();
            if (by.isEmpty())
                return tr("parked");
            return why.isEmpty() ? tr("parked by %1").arg(by) : tr("parked by %1: %2").arg(by, why);
        }
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == IdColumn)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case NodeIdRole: return r.nodeId;
    case DeadLetterIdRole: return r.id;
    case MessageIdRole: return integerOf(j.value(u"messageId"));
    case CorrelationIdRole: return j.value(u"correlationId").toString();
    case StageRole: return j.value(u"stage").toString();
    case StateRole: return j.value(u"state").toString();
    case ReasonRole: return j.value(u"reason").toString();
    case ErrorClassRole: return j.value(u"errorClass").toString();
    case ErrorLocationRole: return j.value(u"errorLocation").toString();
    case ChannelRole: return j.value(u"channel").toString();
    case DestinationRole: return j.value(u"destination").toString();
    case SignatureRole: return j.value(u"signature").toString();
    case CreatedAtMsRole: return r.createdAtMs;
    case ResubmittedAsRole: return integerOf(j.value(u"resubmittedAs"));
    case FollowUpRole: {
        QString phase;
        return followUpText(r, &phase);
    }
    case FollowUpPhaseRole: {
        QString phase;
        followUpText(r, &phase);
        return phase;
    }
    case FollowUpWarningsRole: {
        const auto item = m_followUp.item(r.nodeId, r.id);
        return item ? item->warnings : QStringList();
    }
    case PendingActionRole: {
        const Pending* p = pendingFor(r);
        return p ? p->kind : QString();
    }
    case PendingSinceMsRole: {
        const Pending* p = pendingFor(r);
        return p ? p->sinceMs : qint64(0);
    }
    case CachedRole: return r.cached;
    case NeedsAttentionRole: {
        QString phase;
        followUpText(r, &phase);
        return phase == u"failed" || phase == u"refused";
    }
    case AttentionReasonRole: {
        QString phase;
        const QString text = followUpText(r, &phase);
        return phase == u"failed" || phase == u"refused" ? text : QString();
    }
    case DeadLetterJsonRole: return j;
    case SortRole:
        switch (index.column()) {
        case IdColumn: return r.id;
        case AgeColumn: return -r.createdAtMs;
        default: return data(index, Qt::DisplayRole);
        }
    }
    return {};
}

QVariant DeadLetterListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case IdColumn: return tr("ID", "dead-letter ID");
    case NodeColumn: return tr("Node");
    case AgeColumn: return tr("Age");
    case StageColumn: return tr("Stage", "pipeline stage");
    case ReasonColumn: return tr("Reason");
    case StateColumn: return tr("State");
    case FollowUpColumn: return tr("Follow-up", "what became of a resubmission");
    case ErrorClassColumn: return tr("Error class");
    case ChannelColumn: return tr("Channel");
    case DestinationColumn: return tr("Destination");
    case TypeColumn: return tr("Type", "HL7 message type");
    case ControlIdColumn: return tr("Control ID", "MSH-10");
    case UnitColumn: return tr("Unit", "care unit");
    }
    return {};
}

QHash<int, QByteArray> DeadLetterListModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractTableModel::roleNames();
    names.insert(NodeIdRole, "nodeId");
    names.insert(DeadLetterIdRole, "deadLetterId");
    names.insert(MessageIdRole, "messageId");
    names.insert(CorrelationIdRole, "correlationId");
    names.insert(StageRole, "stage");
    names.insert(StateRole, "state");
    names.insert(ReasonRole, "reason");
    names.insert(ErrorClassRole, "errorClass");
    names.insert(ErrorLocationRole, "errorLocation");
    names.insert(ChannelRole, "channel");
    names.insert(DestinationRole, "destination");
    names.insert(SignatureRole, "signature");
    names.insert(CreatedAtMsRole, "createdAtMs");
    names.insert(ResubmittedAsRole, "resubmittedAs");
    names.insert(FollowUpRole, "followUp");
    names.insert(FollowUpPhaseRole, "followUpPhase");
    names.insert(FollowUpWarningsRole, "followUpWarnings");
    names.insert(PendingActionRole, "pendingAction");
    names.insert(PendingSinceMsRole, "pendingSinceMs");
    names.insert(CachedRole, "cached");
    names.insert(NeedsAttentionRole, "needsAttention");
    names.insert(AttentionReasonRole, "attentionReason");
    names.insert(DeadLetterJsonRole, "deadLetter");
    names.insert(SortRole, "sort");
    return names;
}

bool DeadLetterListModel::canFetchMore(const QModelIndex& parent) const
{
    if (parent.isValid() || !m_fetcher)
        return false;
    return std::any_of(m_sources.cbegin(), m_sources.cend(),
                       [](const Source& s) { return s.hasMore && !s.pending; });
}

void DeadLetterListModel::fetchMore(const QModelIndex& parent)
{
    if (parent.isValid())
        return;
    QStringList nodes;
    for (const Source& s : std::as_const(m_sources)) {
        if (s.hasMore && !s.pending)
            nodes << s.nodeId;
    }
    // By node id: a synchronous fetcher may change m_sources while we go.
    for (const QString& node : std::as_const(nodes)) {
        const int i = sourceIndex(node);
        if (i >= 0)
            fetchPage(i);
    }
}

void DeadLetterListModel::setPageFetcher(PageFetcher fetcher)
{
    m_fetcher = std::move(fetcher);
}

void DeadLetterListModel::setClock(Clock clock)
{
    m_clock = std::move(clock);
}

void DeadLetterListModel::setNodeName(const QString& nodeId, const QString& name)
{
    if (m_nodeNames.value(nodeId) == name)
        return;
    m_nodeNames.insert(nodeId, name);
    for (int i = 0; i < m_rows.size(); ++i) {
        if (m_rows.at(i).nodeId == nodeId)
            emit dataChanged(index(i, NodeColumn), index(i, NodeColumn));
    }
}

void DeadLetterListModel::setQuery(const QStringList& nodeIds)
{
    ++m_generation;
    beginResetModel();
    m_rows.clear();
    m_index.clear();
    m_sources.clear();
    for (const QString& node : nodeIds) {
        if (sourceIndex(node) < 0) {
            Source source;
            source.nodeId = node;
            m_sources.append(source);
        }
    }
    endResetModel();
}

void DeadLetterListModel::clear()
{
    ++m_generation;
    beginResetModel();
    m_rows.clear();
    m_index.clear();
    m_sources.clear();
    endResetModel();
}

int DeadLetterListModel::sourceIndex(const QString& nodeId) const
{
    for (int i = 0; i < m_sources.size(); ++i) {
        if (m_sources.at(i).nodeId == nodeId)
            return i;
    }
    return -1;
}

void DeadLetterListModel::fetchPage(int source)
{
    Source& s = m_sources[source];
    if (s.pending || !s.hasMore || !m_fetcher)
        return;
    s.pending = true;
    const quint64 generation = m_generation;
    const QString node = s.nodeId;
    const QString cursor = s.cursor;
    m_fetcher(node, cursor, [this, generation, node](const QJsonArray& items, const QString& next, bool cached) {
        if (generation != m_generation)
            return;
        const int i = sourceIndex(node);
        if (i < 0)
            return;
        Source& src = m_sources[i];
        src.pending = false;
        src.started = true;
        src.cursor = next;
        src.hasMore = !next.isEmpty();
        upsertItems(node, items, cached);
        emit pageLoaded(node, int(items.size()), cached);
    });
}

void DeadLetterListModel::refreshHead(const QString& nodeId)
{
    fetchHead(nodeId, QString(), kHeadPages);
}

void DeadLetterListModel::fetchHead(const QString& nodeId, const QString& cursor, int pagesLeft)
{
    const int i = sourceIndex(nodeId);
    if (i < 0 || !m_fetcher)
        return;
    Source& s = m_sources[i];
    if (!s.started) {
        // The first page has not come yet: it is the head.
        fetchPage(i);
        return;
    }
    if (cursor.isEmpty()) {
        if (s.headPending) {
            s.headAgain = true;
            return;
        }
        s.headPending = true;
    }
    const quint64 generation = m_generation;
    m_fetcher(nodeId, cursor, [this, generation, nodeId, pagesLeft](const QJsonArray& items, const QString& next,
                                                                   bool cached) {
        if (generation != m_generation)
            return;
        const int added = upsertItems(nodeId, items, cached);
        // A whole page of new rows: more may have arrived than one page holds.
        if (!items.isEmpty() && added == items.size() && !next.isEmpty() && pagesLeft > 1) {
            emit pageLoaded(nodeId, int(items.size()), cached);
            fetchHead(nodeId, next, pagesLeft - 1);
            return;
        }
        // Done before pageLoaded, so that whoever listens sees the model no longer fetching.
        const int i = sourceIndex(nodeId);
        const bool again = i >= 0 && m_sources[i].headAgain;
        if (i >= 0) {
            m_sources[i].headPending = false;
            m_sources[i].headAgain = false;
        }
        emit pageLoaded(nodeId, int(items.size()), cached);
        if (again)
            fetchHead(nodeId, QString(), kHeadPages);
    });
}

int DeadLetterListModel::upsertItems(const QString& nodeId, const QJsonArray& items, bool cached)
{
    QList<Row> fresh;
    QSet<qint64> freshIds;
    QList<int> updated;
    for (const QJsonValue& v : items) {
        const QJsonObject o = v.toObject();
        const qint64 id = integerOf(o.value(u"id"));
        if (id <= 0)
            continue;
        const QString key = keyOf(nodeId, id);
        const int at = m_index.value(key, -1);
        if (at >= 0) {
            Row& r = m_rows[at];
            QJsonObject json = o;
            // A page asked for before a resubmission seen live may answer after it: keep the newer state.
            if (json.value(u"state").toString() == u"open" && r.json.value(u"state").toString() != u"open"
                && m_followedLive.contains(key)) {
                json.insert(u"state"_s, r.json.value(u"state"));
                json.insert(u"resubmittedAs"_s, r.json.value(u"resubmittedAs"));
            }
            r.json = json;
            r.cached = cached;
            updated << at;
            continue;
        }
        if (freshIds.contains(id))
            continue;
        freshIds.insert(id);
        fresh.append(Row{nodeId, id, ConsoleJson::msOfIso(o.value(u"createdAt")), o, cached});
    }
    for (int at : std::as_const(updated))
        emitRowChanged(at);

    std::sort(fresh.begin(), fresh.end(), newerThan);
    QList<int> positions;
    positions.reserve(fresh.size());
    for (const Row& r : std::as_const(fresh))
        positions << int(std::lower_bound(m_rows.cbegin(), m_rows.cend(), r, newerThan) - m_rows.cbegin());
    // Insert runs of rows that go to the same place with one beginInsertRows each.
    int offset = 0;
    for (int i = 0; i < fresh.size();) {
        int j = i;
        while (j + 1 < fresh.size() && positions.at(j + 1) == positions.at(i))
            ++j;
        const int at = positions.at(i) + offset;
        beginInsertRows(QModelIndex(), at, at + (j - i));
        for (int k = i; k <= j; ++k)
            m_rows.insert(at + (k - i), fresh.at(k));
        rebuildIndex();
        endInsertRows();
        offset += j - i + 1;
        i = j + 1;
    }
    for (int at : std::as_const(updated))
        noteFollowUpRow(m_rows.at(at));
    for (const Row& r : std::as_const(fresh))
        noteFollowUpRow(r);
    return int(fresh.size());
}

void DeadLetterListModel::noteFollowUpRow(const Row& row)
{
    // A row that holds a replay: its original's replay failed again, and this is where it went.
    const qint64 original = m_followUp.noteDeadLetterRow(row.nodeId, row.json);
    if (original > 0)
        followUpChanged(row.nodeId, {original});
    const qint64 replay = integerOf(row.json.value(u"resubmittedAs"));
    if (replay > 0 && m_followUp.noteResubmitted(row.nodeId, row.id, replay))
        followUpChanged(row.nodeId, {row.id});
}

void DeadLetterListModel::followUpChanged(const QString& nodeId, const QList<qint64>& deadLetterIds)
{
    for (qint64 id : deadLetterIds) {
        const int at = rowOf(nodeId, id);
        if (at >= 0)
            emitRowChanged(at);
    }
}

void DeadLetterListModel::removeNode(const QString& nodeId)
{
    for (int i = int(m_rows.size()) - 1; i >= 0;) {
        if (m_rows.at(i).nodeId != nodeId) {
            --i;
            continue;
        }
        int first = i;
        while (first > 0 && m_rows.at(first - 1).nodeId == nodeId)
            --first;
        beginRemoveRows(QModelIndex(), first, i);
        m_rows.remove(first, i - first + 1);
        rebuildIndex();
        endRemoveRows();
        i = first - 1;
    }
    const int s = sourceIndex(nodeId);
    if (s >= 0)
        m_sources.removeAt(s);
    m_followUp.removeNode(nodeId);
    for (auto it = m_pending.begin(); it != m_pending.end();)
        it = it->nodeId == nodeId ? m_pending.erase(it) : std::next(it);
    const QString prefix = nodeId + u'/';
    for (auto it = m_followedLive.begin(); it != m_followedLive.end();)
        it = it->startsWith(prefix) ? m_followedLive.erase(it) : std::next(it);
    for (auto it = m_learnAsked.begin(); it != m_learnAsked.end();)
        it = it->startsWith(prefix) ? m_learnAsked.erase(it) : std::next(it);
    m_nodeNames.remove(nodeId);
}

void DeadLetterListModel::setCached(const QString& nodeId, bool cached)
{
    for (int i = 0; i < m_rows.size(); ++i) {
        Row& r = m_rows[i];
        if (r.nodeId != nodeId || r.cached == cached)
            continue;
        r.cached = cached;
        emit dataChanged(index(i, 0), index(i, ColumnCount - 1), {CachedRole});
    }
}

void DeadLetterListModel::applyEvent(const QString& nodeId, const QJsonObject& frame)
{
    const QString event = frame.value(u"event").toString();
    const QJsonObject data = frame.value(u"data").toObject();
    if (event == u"deadLetter.resubmitted") {
        const qint64 id = integerOf(data.value(u"deadLetterId"));
        const qint64 replay = integerOf(data.value(u"messageId"));
        if (id <= 0 || replay <= 0)
            return;
        m_followedLive.insert(keyOf(nodeId, id));
        const int at = rowOf(nodeId, id);
        if (at < 0) {
            m_followUp.noteResubmitted(nodeId, id, replay);
            return;
        }
        Row& r = m_rows[at];
        r.json.insert(u"state"_s, u"resubmitted"_s);
        r.json.insert(u"resubmittedAs"_s, double(replay));
        if (frame.contains(u"at"))
            r.json.insert(u"resubmittedAt"_s, frame.value(u"at"));
        const bool delivery = r.json.value(u"stage").toString() == u"deliver";
        m_followUp.noteResubmitted(nodeId, id, replay, delivery ? r.json.value(u"destination").toString() : QString());
        emitRowChanged(at);
        return;
    }
    if (event == u"deadLetter.parked" || event == u"deadLetter.unparked") {
        const bool parked = event == u"deadLetter.parked";
        const QJsonArray ids = data.value(u"deadLetterIds").toArray();
        for (const QJsonValue& v : ids) {
            const int at = rowOf(nodeId, integerOf(v));
            if (at < 0)
                continue;
            QJsonObject& json = m_rows[at].json;
            json.insert(u"state"_s, parked ? u"parked"_s : u"open"_s);
            if (parked && frame.contains(u"at"))
                json.insert(u"parkedAt"_s, frame.value(u"at"));
            if (!parked) {
                json.remove(u"parkedAt"_s);
                json.remove(u"parkedBy"_s);
                json.remove(u"parkReason"_s);
            }
            emitRowChanged(at);
        }
        return;
    }
    followUpChanged(nodeId, m_followUp.noteEvent(nodeId, frame));
}

void DeadLetterListModel::applyResubmitResults(const QString& nodeId, const QJsonArray& results)
{
    for (const QJsonValue& v : results) {
        const QJsonObject r = v.toObject();
        if (!r.value(u"ok").toBool())
            continue;
        const qint64 id = integerOf(r.value(u"deadLetterId"));
        const qint64 replay = integerOf(r.value(u"messageId"));
        m_followedLive.insert(keyOf(nodeId, id));
        const int at = rowOf(nodeId, id);
        if (at >= 0 && replay > 0) {
            m_rows[at].json.insert(u"state"_s, u"resubmitted"_s);
            m_rows[at].json.insert(u"resubmittedAs"_s, double(replay));
        }
    }
    followUpChanged(nodeId, m_followUp.noteResults(nodeId, results));
}

void DeadLetterListModel::applyReplaySummary(const QString& nodeId, qint64 deadLetterId, const QJsonObject& summary)
{
    if (m_followUp.noteReplaySummary(nodeId, deadLetterId, summary))
        followUpChanged(nodeId, {deadLetterId});
}

void DeadLetterListModel::setStates(const QString& nodeId, const QList<qint64>& ids, const QString& state)
{
    for (qint64 id : ids) {
        const int at = rowOf(nodeId, id);
        if (at < 0 || m_rows.at(at).json.value(u"state").toString() == state)
            continue;
        m_rows[at].json.insert(u"state"_s, state);
        emitRowChanged(at);
    }
}

void DeadLetterListModel::setPendingAction(const QString& nodeId, const QString& actionKey, const QString& kind,
                                           const QList<qint64>& ids, const QString& signature, qint64 sinceMs)
{
    Pending p{nodeId, kind, QSet<qint64>(ids.cbegin(), ids.cend()), signature, sinceMs};
    m_pending.insert(actionKey, p);
    for (int i = 0; i < m_rows.size(); ++i) {
        const Row& r = m_rows.at(i);
        if (r.nodeId == nodeId && (p.ids.contains(r.id) || (!signature.isEmpty() && r.json.value(u"signature").toString() == signature)))
            emitRowChanged(i);
    }
}

void DeadLetterListModel::clearPendingAction(const QString& nodeId, const QString& actionKey)
{
    const auto it = m_pending.constFind(actionKey);
    if (it == m_pending.cend())
        return;
    const Pending p = *it;
    m_pending.erase(it);
    for (int i = 0; i < m_rows.size(); ++i) {
        const Row& r = m_rows.at(i);
        if (r.nodeId == nodeId && (p.ids.contains(r.id) || (!p.signature.isEmpty() && r.json.value(u"signature").toString() == p.signature)))
            emitRowChanged(i);
    }
}

QList<DeadLetterListModel::ReplayToLearn> DeadLetterListModel::takeReplaysToLearn(const QString& nodeId, int max)
{
    QList<ReplayToLearn> result;
    for (const Row& r : std::as_const(m_rows)) {
        if (result.size() >= max)
            break;
        if (r.nodeId != nodeId)
            continue;
        const qint64 replay = integerOf(r.json.value(u"resubmittedAs"));
        const QString key = keyOf(nodeId, r.id);
        if (replay <= 0 || m_followedLive.contains(key) || m_learnAsked.contains(key)
            || m_followUp.knowsFate(nodeId, r.id))
            continue;
        m_learnAsked.insert(key);
        result.append(ReplayToLearn{r.id, replay, r.json.value(u"correlationId").toString()});
    }
    return result;
}

void DeadLetterListModel::refreshAges()
{
    if (m_rows.isEmpty())
        return;
    emit dataChanged(index(0, AgeColumn), index(int(m_rows.size()) - 1, AgeColumn), {Qt::DisplayRole, SortRole});
}

int DeadLetterListModel::rowOf(const QString& nodeId, qint64 deadLetterId) const
{
    return m_index.value(keyOf(nodeId, deadLetterId), -1);
}

QJsonObject DeadLetterListModel::deadLetter(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row).json : QJsonObject();
}

QString DeadLetterListModel::nodeIdAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row).nodeId : QString();
}

qint64 DeadLetterListModel::deadLetterIdAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row).id : 0;
}

bool DeadLetterListModel::isFetching() const
{
    return std::any_of(m_sources.cbegin(), m_sources.cend(),
                       [](const Source& s) { return s.pending || s.headPending; });
}

bool DeadLetterListModel::hasMore(const QString& nodeId) const
{
    const int i = sourceIndex(nodeId);
    return i >= 0 && m_sources.at(i).hasMore;
}

void DeadLetterListModel::rebuildIndex()
{
    m_index.clear();
    m_index.reserve(m_rows.size());
    for (int i = 0; i < m_rows.size(); ++i)
        m_index.insert(keyOf(m_rows.at(i).nodeId, m_rows.at(i).id), i);
}

void DeadLetterListModel::emitRowChanged(int row)
{
    emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
}
