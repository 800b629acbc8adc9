#include "models/console/TraceTimelineModel.h"

#include <QDateTime>
#include <QJsonObject>

#include <algorithm>

using namespace Qt::StringLiterals;

TraceTimelineModel::TraceTimelineModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

int TraceTimelineModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_events.size());
}

int TraceTimelineModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant TraceTimelineModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Event& e = m_events.at(index.row());
    const qint64 sincePrevious = index.row() > 0 ? e.atUs - m_events.at(index.row() - 1).atUs : 0;
    const qint64 sinceFirst = e.atUs - m_events.constFirst().atUs;
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case TimeColumn:
            return QDateTime::fromMSecsSinceEpoch(e.atUs / 1000).toLocalTime().toString(u"HH:mm:ss.zzz"_s);
        case NodeColumn: return m_nodeNames.value(e.nodeId, e.nodeId);
        case StageColumn: return e.stage;
        case OutcomeColumn: return e.outcome;
        case DestinationColumn: return e.destination;
        case DetailColumn: return e.detail;
        case SincePreviousColumn: return index.row() > 0 ? formatDelta(sincePrevious) : QString();
        case SinceFirstColumn: return formatDelta(sinceFirst);
        }
        return {};
    case SortRole:
        switch (index.column()) {
        case TimeColumn: return e.atUs;
        case NodeColumn: return m_nodeNames.value(e.nodeId, e.nodeId);
        case StageColumn: return e.stage;
        case OutcomeColumn: return e.outcome;
        case DestinationColumn: return e.destination;
        case DetailColumn: return e.detail;
        case SincePreviousColumn: return sincePrevious;
        case SinceFirstColumn: return sinceFirst;
        }
        return {};
    case Qt::TextAlignmentRole:
        return index.column() >= SincePreviousColumn ? QVariant(int(Qt::AlignRight | Qt::AlignVCenter)) : QVariant();
    case AtUsRole: return e.atUs;
    case NodeIdRole: return e.nodeId;
    case MessageIdRole: return e.messageId;
    case StageRole: return e.stage;
    case OutcomeRole: return e.outcome;
    case SincePreviousUsRole: return sincePrevious;
    case SinceFirstUsRole: return sinceFirst;
    case FailedRole: return isFailure(e.stage, e.outcome);
    }
    return {};
}

QVariant TraceTimelineModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case TimeColumn: return tr("Time");
    case NodeColumn: return tr("Node");
    case StageColumn: return tr("Stage");
    case OutcomeColumn: return tr("Outcome");
    case DestinationColumn: return tr("Destination");
    case DetailColumn: return tr("Detail");
    case SincePreviousColumn: return tr("+Previous", "time since the previous event");
    case SinceFirstColumn: return tr("+First", "time since the first event");
    }
    return {};
}

QHash<int, QByteArray> TraceTimelineModel::roleNames() const
{
    auto names = QAbstractTableModel::roleNames();
    names.insert(AtUsRole, "atUs");
    names.insert(NodeIdRole, "nodeId");
    names.insert(MessageIdRole, "messageId");
    names.insert(StageRole, "stage");
    names.insert(OutcomeRole, "outcome");
    names.insert(SincePreviousUsRole, "sincePreviousUs");
    names.insert(SinceFirstUsRole, "sinceFirstUs");
    names.insert(FailedRole, "failed");
    names.insert(SortRole, "sortValue");
    return names;
}

void TraceTimelineModel::setCorrelationId(const QString& correlationId)
{
    const QString id = correlationId.toLower();
    if (id == m_correlationId)
        return;
    beginResetModel();
    m_correlationId = id;
    m_events.clear();
    m_nodeOrder.clear();
    endResetModel();
}

QString TraceTimelineModel::correlationId() const
{
    return m_correlationId;
}

void TraceTimelineModel::setTrace(const QString& nodeId, const QJsonArray& events)
{
    QList<Event> merged;
    merged.reserve(m_events.size() + events.size());
    for (const Event& e : std::as_const(m_events)) {
        if (e.nodeId != nodeId)
            merged.append(e);
    }
    int order = int(m_nodeOrder.indexOf(nodeId));
    if (order < 0) {
        order = int(m_nodeOrder.size());
        m_nodeOrder.append(nodeId);
    }
    int seq = 0;
    for (const QJsonValue& v : events) {
        const QJsonObject o = v.toObject();
        Event e;
        const QJsonValue atUs = o.value("atUs"_L1);
        if (atUs.isDouble()) {
            e.atUs = qint64(atUs.toDouble());
        } else {
            const QDateTime at = QDateTime::fromString(o.value("at"_L1).toString(), Qt::ISODateWithMs);
            e.atUs = at.isValid() ? at.toMSecsSinceEpoch() * 1000 : 0;
        }
        e.messageId = qint64(o.value("messageId"_L1).toDouble());
        e.nodeOrder = order;
        e.seq = seq++;
        e.nodeId = nodeId;
        e.stage = o.value("stage"_L1).toString();
        e.outcome = o.value("outcome"_L1).toString();
        e.destination = o.value("destination"_L1).toString();
        e.detail = o.value("detail"_L1).toString();
        merged.append(e);
    }
    // Within one node the node's own order is kept for equal times: it lists events as they
    // happened, and several share one microsecond.
    std::stable_sort(merged.begin(), merged.end(), [](const Event& a, const Event& b) {
        if (a.atUs != b.atUs)
            return a.atUs < b.atUs;
        if (a.nodeOrder != b.nodeOrder)
            return a.nodeOrder < b.nodeOrder;
        return a.seq < b.seq;
    });
    beginResetModel();
    m_events = std::move(merged);
    endResetModel();
}

void TraceTimelineModel::setNodeDisplayName(const QString& nodeId, const QString& displayName)
{
    m_nodeNames.insert(nodeId, displayName);
    if (!m_events.isEmpty())
        emit dataChanged(index(0, NodeColumn), index(rowCount() - 1, NodeColumn), {Qt::DisplayRole});
}

void TraceTimelineModel::clear()
{
    beginResetModel();
    m_events.clear();
    m_nodeOrder.clear();
    m_correlationId.clear();
    endResetModel();
}

bool TraceTimelineModel::isFailure(const QString& stage, const QString& outcome)
{
    if (stage == "dead-letter"_L1)
        return true;
    if (outcome == "failed"_L1 || outcome == "retry"_L1)
        return true;
    if (outcome == "AE"_L1 || outcome == "AR"_L1 || outcome == "CE"_L1 || outcome == "CR"_L1)
        return true;
    bool isNumber = false;
    const int status = outcome.toInt(&isNumber);
    return stage == "ack"_L1 && isNumber && status >= 400;
}

QString TraceTimelineModel::formatDelta(qint64 us)
{
    const QString sign = us < 0 ? u"−"_s : u"+"_s;
    const qint64 a = us < 0 ? -us : us;
    if (a < 1000)
        return sign + tr("%1 µs").arg(a);
    if (a < 1000000)
        return sign + tr("%1 ms").arg(a / 1000);
    if (a < 60000000)
        return sign + tr("%1 s").arg(QString::number(double(a) / 1e6, 'f', 3));
    const qint64 s = a / 1000000;
    if (s < 3600)
        return sign + tr("%1 min %2 s").arg(s / 60).arg(s % 60);
    return sign + tr("%1 h %2 min").arg(s / 3600).arg((s / 60) % 60);
}
