#include "models/console/AlertBoardModel.h"

#include "models/console/ConsoleJson.h"

#include <QDateTime>
#include <QSet>

using ConsoleJson::msOf;
using ConsoleJson::stringsOf;

AlertBoardModel::AlertBoardModel(QObject* parent)
    : QAbstractListModel(parent)
{
}

int AlertBoardModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant AlertBoardModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row& r = m_rows.at(index.row());
    const QJsonObject& a = r.alert;
    switch (role) {
    case Qt::DisplayRole:
    case TitleRole: return a.value(u"title").toString();
    case NodeIdRole: return r.nodeId;
    case NodeNameRole: return m_nodeNames.value(r.nodeId, r.nodeId);
    case AlertIdRole: return r.id;
    case RuleIdRole: return a.value(u"ruleId").toString();
    case CategoryRole: return a.value(u"category").toString();
    case SeverityRole: return a.value(u"severity").toString();
    case SeverityRankRole: return severityRank(a.value(u"severity").toString());
    case StateRole: return a.value(u"state").toString();
    case UnitRole: return a.value(u"unit").toString();
    case TeamRole: return a.value(u"team").toString();
    case SubjectRole: return a.value(u"subject").toString();
    case PatientIdRole: return a.value(u"patientId").toString();
    case EvidenceRole: return a.value(u"evidence").toObject();
    case LevelRole: return a.value(u"level").toInt();
    case RepeatsRole: return a.value(u"repeats").toInt();
    case CountRole: return a.value(u"count").toInt(1);
    case PolicyRole: return a.value(u"policy").toString();
    case CreatedAtMsRole: return msOf(a, u"createdAt");
    case UpdatedAtMsRole: return msOf(a, u"updatedAt");
    case NextEscalationAtMsRole: return msOf(a, u"nextEscalationAt");
    case ReopensAtMsRole: return msOf(a, u"reopensAt");
    case AcknowledgedByRole: return a.value(u"acknowledgedBy").toString();
    case AcknowledgedAtMsRole: return msOf(a, u"acknowledgedAt");
    case AcknowledgeNoteRole: return a.value(u"acknowledgeNote").toString();
    case SuppressedUntilMsRole: return msOf(a, u"suppressedUntil");
    case GroupKeyRole: return a.value(u"groupKey").toString();
    case GroupSizeRole: return a.value(u"groupSize").toInt(0);
    case CorrelationIdsRole: return stringsOf(a.value(u"correlationIds"));
    case AlertJsonRole: return a;
    case CachedRole: return r.cached;
    case PendingActionRole: return r.pendingKind;
    case PendingSinceMsRole: return r.pendingSinceMs;
    default: return {};
    }
}

QHash<int, QByteArray> AlertBoardModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractListModel::roleNames();
    names.insert(NodeIdRole, "nodeId");
    names.insert(AlertIdRole, "alertId");
    names.insert(SeverityRole, "severity");
    names.insert(StateRole, "state");
    names.insert(TitleRole, "title");
    names.insert(UnitRole, "unit");
    names.insert(NextEscalationAtMsRole, "nextEscalationAtMs");
    names.insert(ReopensAtMsRole, "reopensAtMs");
    names.insert(PendingActionRole, "pendingAction");
    return names;
}

void AlertBoardModel::setNodeName(const QString& nodeId, const QString& name)
{
    if (m_nodeNames.value(nodeId) == name)
        return;
    m_nodeNames.insert(nodeId, name);
    for (int i = 0; i < m_rows.size(); ++i) {
        if (m_rows.at(i).nodeId == nodeId)
            emit dataChanged(index(i), index(i), {NodeNameRole});
    }
}

void AlertBoardModel::replaceNode(const QString& nodeId, const QJsonArray& alerts, bool cached)
{
    QSet<qint64> listed;
    for (const QJsonValue& v : alerts) {
        const QJsonObject a = v.toObject();
        const qint64 id = a.value(u"id").toInteger();
        if (id <= 0 || isClosedState(a.value(u"state").toString()))
            continue;
        listed.insert(id);
    }
    for (int i = int(m_rows.size()) - 1; i >= 0; --i) {
        if (m_rows.at(i).nodeId == nodeId && !listed.contains(m_rows.at(i).id))
            removeRow(i);
    }
    for (const QJsonValue& v : alerts) {
        const QJsonObject a = v.toObject();
        const int row = rowOf(nodeId, a.value(u"id").toInteger());
        // A full list is the node's truth now: replace even a newer-looking copy.
        if (row >= 0)
            m_rows[row].alert = QJsonObject();
        upsert(nodeId, a);
    }
    setCached(nodeId, cached);
}

bool AlertBoardModel::isRepage(const QJsonObject& before, const QJsonObject& after)
{
    if (before.isEmpty())
        return false;
    const QString was = before.value(u"state").toString();
    const QString is = after.value(u"state").toString();
    const bool paging = is == u"notified" || is == u"escalated";
    return paging
        && (after.value(u"level").toInt() > before.value(u"level").toInt()
            || after.value(u"repeats").toInt() > before.value(u"repeats").toInt() || was == u"acknowledged");
}

void AlertBoardModel::upsert(const QString& nodeId, const QJsonObject& alert)
{
    const qint64 id = alert.value(u"id").toInteger();
    if (id <= 0)
        return;
    const bool closed = isClosedState(alert.value(u"state").toString());
    const int row = rowOf(nodeId, id);
    if (row >= 0) {
        Row& r = m_rows[row];
        if (!r.alert.isEmpty() && msOf(alert, u"updatedAt") < msOf(r.alert, u"updatedAt"))
            return;
        if (closed) {
            removeRow(row);
            return;
        }
        QJsonObject merged = alert;
        // The stream never carries patientId, nor groupSize: keep what the list said.
        for (const QStringView key : {u"patientId", u"groupSize"}) {
            if (!merged.contains(key) && r.alert.contains(key))
                merged.insert(key, r.alert.value(key));
        }
        const bool repaged = isRepage(r.alert, merged);
        r.alert = merged;
        r.cached = false;
        emit dataChanged(index(row), index(row));
        if (repaged)
            emit alertRepaged(nodeId, merged);
        return;
    }
    if (closed)
        return;
    Row r;
    r.nodeId = nodeId;
    r.alert = alert;
    r.id = id;
    const auto pending = m_pending.constFind(keyOf(nodeId, id));
    if (pending != m_pending.cend()) {
        r.pendingKind = pending->first;
        r.pendingSinceMs = pending->second;
    }
    const int at = int(m_rows.size());
    beginInsertRows(QModelIndex(), at, at);
    m_rows.append(r);
    m_index.insert(keyOf(nodeId, id), at);
    endInsertRows();
    emit alertArrived(nodeId, alert);
}

void AlertBoardModel::removeNode(const QString& nodeId)
{
    for (int i = int(m_rows.size()) - 1; i >= 0; --i) {
        if (m_rows.at(i).nodeId == nodeId)
            removeRow(i);
    }
    m_nodeNames.remove(nodeId);
}

void AlertBoardModel::setCached(const QString& nodeId, bool cached)
{
    for (int i = 0; i < m_rows.size(); ++i) {
        Row& r = m_rows[i];
        if (r.nodeId == nodeId && r.cached != cached) {
            r.cached = cached;
            emit dataChanged(index(i), index(i), {CachedRole});
        }
    }
}

void AlertBoardModel::setPendingAction(const QString& nodeId, qint64 alertId, const QString& kind, qint64 sinceMs)
{
    const QString key = keyOf(nodeId, alertId);
    if (kind.isEmpty())
        m_pending.remove(key);
    else
        m_pending.insert(key, {kind, sinceMs});
    const int row = rowOf(nodeId, alertId);
    if (row < 0)
        return;
    Row& r = m_rows[row];
    r.pendingKind = kind;
    r.pendingSinceMs = kind.isEmpty() ? 0 : sinceMs;
    emit dataChanged(index(row), index(row), {PendingActionRole, PendingSinceMsRole});
}

int AlertBoardModel::rowOf(const QString& nodeId, qint64 alertId) const
{
    return m_index.value(keyOf(nodeId, alertId), -1);
}

QJsonObject AlertBoardModel::alert(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row).alert : QJsonObject();
}

QString AlertBoardModel::nodeIdAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row).nodeId : QString();
}

bool AlertBoardModel::isClosedState(const QString& state)
{
    return state == u"resolved" || state == u"retracted" || state == u"expired";
}

int AlertBoardModel::severityRank(const QString& severity)
{
    if (severity == u"critical")
        return 0;
    if (severity == u"high")
        return 1;
    if (severity == u"medium")
        return 2;
    if (severity == u"low")
        return 3;
    return 4;
}

QString AlertBoardModel::keyOf(const QString& nodeId, qint64 id)
{
    return nodeId + u'#' + QString::number(id);
}

void AlertBoardModel::removeRow(int row)
{
    beginRemoveRows(QModelIndex(), row, row);
    m_index.remove(keyOf(m_rows.at(row).nodeId, m_rows.at(row).id));
    m_rows.removeAt(row);
    reindexFrom(row);
    endRemoveRows();
}

void AlertBoardModel::reindexFrom(int row)
{
    for (int i = row; i < m_rows.size(); ++i)
        m_index.insert(keyOf(m_rows.at(i).nodeId, m_rows.at(i).id), i);
}
