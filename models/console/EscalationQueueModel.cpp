#include "models/console/EscalationQueueModel.h"

#include "models/console/AlertBoardModel.h"
#include "models/console/AlertWording.h"

#include <QDateTime>
#include <QJsonObject>
#include <QSet>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace {

QString keyOf(const QString& nodeId, qint64 id)
{
    return nodeId + u'#' + QString::number(id);
}

} // namespace

EscalationQueueModel::EscalationQueueModel(AlertBoardModel* source, QObject* parent)
    : QAbstractTableModel(parent)
    , m_source(source)
    , m_clock([] { return QDateTime::currentMSecsSinceEpoch(); })
{
    if (m_source) {
        // Every structural change of the board is diffed against what is shown, so rows move
        // instead of the whole table resetting (selections and scroll positions survive).
        connect(m_source, &QAbstractItemModel::rowsInserted, this, &EscalationQueueModel::sync);
        connect(m_source, &QAbstractItemModel::rowsRemoved, this, &EscalationQueueModel::sync);
        connect(m_source, &QAbstractItemModel::rowsMoved, this, &EscalationQueueModel::sync);
        connect(m_source, &QAbstractItemModel::modelReset, this, &EscalationQueueModel::sync);
        connect(m_source, &QAbstractItemModel::layoutChanged, this, &EscalationQueueModel::sync);
        connect(m_source, &QAbstractItemModel::dataChanged, this, &EscalationQueueModel::onSourceDataChanged);
    }
    sync();
}

EscalationQueueModel::~EscalationQueueModel() = default;

int EscalationQueueModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

int EscalationQueueModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant EscalationQueueModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Entry& e = m_entries.at(index.row());
    const QModelIndex src = sourceIndex(index.row());
    const qint64 countdown = e.nextAtMs - m_clock();
    switch (role) {
    case CountdownMsRole: return countdown;
    case OverdueRole: return countdown < 0;
    case NextLevelRole:
    case NextRecipientsRole:
    case NextIsRepeatRole:
    case PolicyKnownRole:
    case LevelCountRole:
    case AckTimeoutSecondsRole: {
        if (!src.isValid())
            return {};
        const NextStep next = nextStep(e.nodeId, src.data(AlertBoardModel::PolicyRole).toString(),
                                       src.data(AlertBoardModel::LevelRole).toInt());
        switch (role) {
        case NextLevelRole: return next.level;
        case NextRecipientsRole: return next.recipients;
        case NextIsRepeatRole: return next.repeat;
        case PolicyKnownRole: return next.levels > 0;
        case LevelCountRole: return next.levels;
        default: return next.ackTimeoutSeconds;
        }
    }
    case Qt::DisplayRole:
        switch (index.column()) {
        case WhenColumn: return countdownText(countdown);
        case SeverityColumn: return src.data(AlertBoardModel::SeverityRole);
        case NodeColumn: return src.data(AlertBoardModel::NodeNameRole);
        case UnitColumn: return src.data(AlertBoardModel::UnitRole);
        // The board's plain words ("Critical sodium 112 mmol/L (LL) — ED, bed 3"), not the node's title.
        case AlertColumn: return AlertWording::headline(src.data(AlertBoardModel::AlertJsonRole).toJsonObject(), m_clock());
        case NextColumn: return data(index, NextRecipientsRole).toStringList().join(u", "_s);
        default: return {};
        }
    default:
        if (role >= Qt::UserRole && role < CountdownMsRole && src.isValid())
            return src.data(role);
        return {};
    }
}

QVariant EscalationQueueModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case WhenColumn: return tr("Escalates", "column: time until the next escalation");
    case SeverityColumn: return tr("Severity");
    case NodeColumn: return tr("Node");
    case UnitColumn: return tr("Unit", "care unit");
    case AlertColumn: return tr("Alert");
    case NextColumn: return tr("Pages next", "column: who is notified at the next escalation");
    default: return {};
    }
}

QHash<int, QByteArray> EscalationQueueModel::roleNames() const
{
    QHash<int, QByteArray> names = m_source ? m_source->roleNames() : QAbstractTableModel::roleNames();
    names.insert(CountdownMsRole, "countdownMs");
    names.insert(OverdueRole, "overdue");
    names.insert(NextLevelRole, "nextLevel");
    names.insert(NextRecipientsRole, "nextRecipients");
    names.insert(NextIsRepeatRole, "nextIsRepeat");
    names.insert(PolicyKnownRole, "policyKnown");
    return names;
}

void EscalationQueueModel::setClock(Clock clock)
{
    m_clock = clock ? std::move(clock) : Clock([] { return QDateTime::currentMSecsSinceEpoch(); });
    tick();
}

void EscalationQueueModel::setPolicies(const QString& nodeId, const QJsonArray& policies)
{
    QHash<QString, QList<Level>> parsed;
    for (const QJsonValue& p : policies) {
        const QJsonObject policy = p.toObject();
        QList<Level> levels;
        const QJsonArray levelArray = policy.value(u"levels").toArray();
        for (const QJsonValue& l : levelArray) {
            const QJsonObject level = l.toObject();
            Level out;
            // docs/config.md: notify is a recipient or an array of recipients.
            const QJsonValue notify = level.value(u"notify");
            if (notify.isArray()) {
                const QJsonArray who = notify.toArray();
                for (const QJsonValue& w : who)
                    out.notify.append(w.toString());
            } else if (notify.isString()) {
                out.notify.append(notify.toString());
            }
            out.ackTimeoutSeconds = level.value(u"ackTimeoutSeconds").toInt(300);
            levels.append(out);
        }
        const QString name = policy.value(u"name").toString();
        if (!name.isEmpty() && !levels.isEmpty())
            parsed.insert(name, levels);
    }
    if (parsed.isEmpty())
        m_policies.remove(nodeId);
    else
        m_policies.insert(nodeId, parsed);
    for (int row = 0; row < m_entries.size(); ++row) {
        if (m_entries.at(row).nodeId == nodeId)
            emit dataChanged(index(row, 0), index(row, ColumnCount - 1),
                             {Qt::DisplayRole, NextLevelRole, NextRecipientsRole, NextIsRepeatRole, PolicyKnownRole,
                              LevelCountRole, AckTimeoutSecondsRole});
    }
}

void EscalationQueueModel::tick()
{
    const qint64 now = m_clock();
    int first = -1;
    auto flush = [this, &first](int last) {
        if (first >= 0)
            emit dataChanged(index(first, WhenColumn), index(last, WhenColumn),
                             {CountdownMsRole, OverdueRole, Qt::DisplayRole});
        first = -1;
    };
    for (int row = 0; row < m_entries.size(); ++row) {
        Entry& e = m_entries[row];
        const qint64 shown = shownSecond(e.nextAtMs - now);
        if (shown == e.shownSecond) {
            flush(row - 1);
            continue;
        }
        e.shownSecond = shown;
        if (first < 0)
            first = row;
    }
    flush(int(m_entries.size()) - 1);
}

int EscalationQueueModel::rowOf(const QString& nodeId, qint64 alertId) const
{
    return m_rowOfKey.value(keyOf(nodeId, alertId), -1);
}

QString EscalationQueueModel::nodeIdAt(int row) const
{
    return row >= 0 && row < m_entries.size() ? m_entries.at(row).nodeId : QString();
}

qint64 EscalationQueueModel::alertIdAt(int row) const
{
    return row >= 0 && row < m_entries.size() ? m_entries.at(row).id : 0;
}

qint64 EscalationQueueModel::shownSecond(qint64 countdownMs)
{
    if (countdownMs >= 0)
        return (countdownMs + 999) / 1000;
    return -1 - (-countdownMs) / 1000;
}

QString EscalationQueueModel::countdownText(qint64 countdownMs)
{
    const qint64 key = shownSecond(countdownMs);
    const qint64 seconds = key >= 0 ? key : -1 - key;
    const QString text = QString::number(seconds / 60) + u':' + QString::number(seconds % 60).rightJustified(2, u'0');
    return key >= 0 ? text : u'-' + text;
}

void EscalationQueueModel::sync()
{
    QList<Entry> desired;
    if (m_source) {
        const int rows = m_source->rowCount();
        for (int r = 0; r < rows; ++r) {
            if (std::optional<Entry> e = entryOfSourceRow(r))
                desired.append(*e);
        }
    }
    std::sort(desired.begin(), desired.end(), before);

    QSet<QString> wanted;
    for (const Entry& e : std::as_const(desired))
        wanted.insert(keyOf(e.nodeId, e.id));
    for (int i = int(m_entries.size()) - 1; i >= 0; --i) {
        if (wanted.contains(keyOf(m_entries.at(i).nodeId, m_entries.at(i).id)))
            continue;
        int first = i;
        while (first > 0 && !wanted.contains(keyOf(m_entries.at(first - 1).nodeId, m_entries.at(first - 1).id)))
            --first;
        beginRemoveRows(QModelIndex(), first, i);
        m_entries.remove(first, i - first + 1);
        endRemoveRows();
        i = first;
    }

    // What is left is a subset of `desired`: walk it, moving or inserting each row into place.
    const qint64 now = m_clock();
    for (int i = 0; i < desired.size(); ++i) {
        const Entry& want = desired.at(i);
        int at = -1;
        for (int j = i; j < m_entries.size(); ++j) {
            if (m_entries.at(j).id == want.id && m_entries.at(j).nodeId == want.nodeId) {
                at = j;
                break;
            }
        }
        if (at < 0) {
            Entry fresh = want;
            fresh.shownSecond = shownSecond(fresh.nextAtMs - now);
            beginInsertRows(QModelIndex(), i, i);
            m_entries.insert(i, fresh);
            endInsertRows();
            continue;
        }
        if (at != i) {
            beginMoveRows(QModelIndex(), at, at, QModelIndex(), i);
            m_entries.move(at, i);
            endMoveRows();
        }
        Entry& e = m_entries[i];
        if (e.nextAtMs != want.nextAtMs) {
            e.nextAtMs = want.nextAtMs;
            e.shownSecond = shownSecond(e.nextAtMs - now);
        }
        e.rank = want.rank;
    }
    reindex();
}

void EscalationQueueModel::onSourceDataChanged(const QModelIndex& topLeft, const QModelIndex& bottomRight,
                                               const QList<int>& roles)
{
    Q_UNUSED(roles)
    sync();
    if (!m_source || !topLeft.isValid() || !bottomRight.isValid())
        return;
    for (int r = topLeft.row(); r <= bottomRight.row(); ++r) {
        const int row = rowOf(m_source->nodeIdAt(r), m_source->index(r).data(AlertBoardModel::AlertIdRole).toLongLong());
        if (row >= 0)
            emitRowChanged(row);
    }
}

std::optional<EscalationQueueModel::Entry> EscalationQueueModel::entryOfSourceRow(int sourceRow) const
{
    const QModelIndex src = m_source->index(sourceRow);
    const qint64 nextAt = src.data(AlertBoardModel::NextEscalationAtMsRole).toLongLong();
    const QString state = src.data(AlertBoardModel::StateRole).toString();
    // Acknowledged and suppressed alerts do not escalate (the node leaves nextEscalationAt out for
    // them; the state check keeps a stale copy from showing).
    if (nextAt <= 0 || state == u"acknowledged" || state == u"suppressed" || AlertBoardModel::isClosedState(state))
        return std::nullopt;
    Entry e;
    e.nodeId = m_source->nodeIdAt(sourceRow);
    e.id = src.data(AlertBoardModel::AlertIdRole).toLongLong();
    e.nextAtMs = nextAt;
    e.rank = src.data(AlertBoardModel::SeverityRankRole).toInt();
    return e;
}

bool EscalationQueueModel::before(const Entry& a, const Entry& b)
{
    if (a.nextAtMs != b.nextAtMs)
        return a.nextAtMs < b.nextAtMs;
    if (a.rank != b.rank)
        return a.rank < b.rank;
    if (a.nodeId != b.nodeId)
        return a.nodeId < b.nodeId;
    return a.id < b.id;
}

void EscalationQueueModel::reindex()
{
    m_rowOfKey.clear();
    for (int i = 0; i < m_entries.size(); ++i)
        m_rowOfKey.insert(keyOf(m_entries.at(i).nodeId, m_entries.at(i).id), i);
}

EscalationQueueModel::NextStep EscalationQueueModel::nextStep(const QString& nodeId, const QString& policy,
                                                              int level) const
{
    NextStep next;
    const auto node = m_policies.constFind(nodeId);
    if (node == m_policies.cend())
        return next;
    const auto levels = node->constFind(policy);
    if (levels == node->cend() || levels->isEmpty())
        return next;
    const int last = int(levels->size()) - 1;
    const int current = std::clamp(level, 0, last);
    next.levels = int(levels->size());
    next.repeat = current >= last;
    next.level = next.repeat ? last : current + 1;
    next.recipients = levels->at(next.level).notify;
    next.ackTimeoutSeconds = levels->at(next.level).ackTimeoutSeconds;
    return next;
}

QModelIndex EscalationQueueModel::sourceIndex(int row) const
{
    if (!m_source || row < 0 || row >= m_entries.size())
        return {};
    const int sourceRow = m_source->rowOf(m_entries.at(row).nodeId, m_entries.at(row).id);
    return sourceRow >= 0 ? m_source->index(sourceRow) : QModelIndex();
}

void EscalationQueueModel::emitRowChanged(int row)
{
    emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
}
