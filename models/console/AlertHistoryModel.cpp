#include "models/console/AlertHistoryModel.h"

#include "models/console/ConsoleJson.h"

#include <QDateTime>
#include <QJsonArray>
#include <QRegularExpression>

#include <algorithm>
#include <cstdlib>

using namespace Qt::StringLiterals;

namespace {

const QString Transition = u"transition"_s;
const QString Notification = u"notification"_s;

// Which transition actions write a notification of this reason (node/alerts: pageFirstLevel,
// escalateOnce, and the acknowledge/resolve/retract/expire/withdraw paths).
bool belongsTo(const QString& reason, const QString& action)
{
    if (reason == u"raised")
        return action == u"notify" || action == u"raise" || action == u"unsuppress";
    if (reason == u"escalated")
        return action == u"escalate";
    if (reason == u"repeated")
        return action == u"repeat";
    if (reason == u"updated" || reason == u"corrected")
        return action == u"update";
    if (reason == u"acknowledged")
        return action == u"acknowledge";
    if (reason == u"reopened")
        return action == u"reopen";
    if (reason == u"resolved")
        return action == u"resolve";
    if (reason == u"retracted")
        return action == u"retract";
    if (reason == u"expired")
        return action == u"expire";
    if (reason == u"withdrawn")
        return action == u"withdraw";
    return false;
}

// The same step writes both at the same instant; a second of slack covers stores that round.
constexpr qint64 kSameStepMs = 1000;

} // namespace

AlertHistoryModel::AlertHistoryModel(QObject* parent)
    : QAbstractListModel(parent)
{
}

int AlertHistoryModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant AlertHistoryModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row& r = m_rows.at(index.row());
    const QJsonObject& j = r.json;
    const bool transition = r.kind == Transition;
    switch (role) {
    case Qt::DisplayRole:
    case WhatRole: return transition ? j.value(u"action").toString() : u"notify"_s;
    case AtMsRole: return r.atMs;
    case KindRole: return r.kind;
    case ReasonRole: return transition ? QString() : j.value(u"reason").toString();
    case LevelRole: return j.value(u"level").toInt();
    case ActorRole: return j.value(u"actor").toString();
    case ActorKindRole: {
        const QString actor = j.value(u"actor").toString();
        if (actor.isEmpty())
            return QString();
        const qsizetype colon = actor.indexOf(u':');
        return colon < 0 ? actor : actor.left(colon);
    }
    case ActorNameRole: {
        const QString actor = j.value(u"actor").toString();
        const qsizetype colon = actor.indexOf(u':');
        return colon < 0 ? QString() : actor.mid(colon + 1);
    }
    case FromStateRole: return j.value(u"from").toString();
    case ToStateRole: return j.value(u"to").toString();
    case RecipientsRole: return r.recipients;
    case ChannelRole: return j.value(u"channel").toString();
    case DeliveryStateRole: return j.value(u"state").toString();
    case AttemptsRole: return j.value(u"attempts").toInt();
    case LastErrorRole: return j.value(u"lastError").toString();
    case DeliveredAtMsRole: return msOf(j, u"deliveredAt");
    case NextAttemptAtMsRole: return msOf(j, u"nextAttemptAt");
    case NoteRole: return j.value(u"note").toString();
    case CorrelationIdRole: return j.value(u"correlationId").toString();
    case NotificationIdRole: return transition ? qint64(0) : j.value(u"id").toInteger();
    case NotificationCountRole: return r.notifications;
    case UserNoteRole: {
        if (!transition || !j.value(u"actor").toString().startsWith(u"user:"))
            return QString();
        const QString action = j.value(u"action").toString();
        // The alert keeps the current acknowledgement's note verbatim: prefer it to parsing.
        if (action == u"acknowledge" && msOf(m_alert, u"acknowledgedAt") == r.atMs
            && m_alert.contains(u"acknowledgeNote"))
            return m_alert.value(u"acknowledgeNote").toString();
        return userNoteOf(action, j.value(u"note").toString());
    }
    case DispositionRole: {
        if (!transition || j.value(u"action").toString() != u"resolve")
            return QString();
        static const QRegularExpression resolved(u"^resolved as ([a-z_]+)"_s);
        const QRegularExpressionMatch m = resolved.match(j.value(u"note").toString());
        return m.hasMatch() ? m.captured(1) : QString();
    }
    case CauseRole: {
        if (!transition || j.value(u"action").toString() != u"escalate")
            return QString();
        const QString note = j.value(u"note").toString();
        if (note.startsWith(u"escalated by hand") || j.value(u"actor").toString().startsWith(u"user:"))
            return u"by-hand"_s;
        if (note.startsWith(u"not acknowledged"))
            return u"timeout"_s;
        if (note.startsWith(u"notification to level"))
            return u"pages-failed"_s;
        return QString();
    }
    default: return {};
    }
}

QHash<int, QByteArray> AlertHistoryModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractListModel::roleNames();
    names.insert(AtMsRole, "atMs");
    names.insert(KindRole, "kind");
    names.insert(WhatRole, "what");
    names.insert(LevelRole, "level");
    names.insert(ActorRole, "actor");
    names.insert(RecipientsRole, "recipients");
    names.insert(ChannelRole, "channel");
    names.insert(DeliveryStateRole, "deliveryState");
    names.insert(NoteRole, "note");
    return names;
}

void AlertHistoryModel::setDetail(const QJsonObject& alert)
{
    QList<Row> transitions;
    const QJsonArray history = alert.value(u"history").toArray();
    for (const QJsonValue& v : history) {
        Row r;
        r.json = v.toObject();
        r.kind = Transition;
        r.atMs = msOf(r.json, u"at");
        transitions.append(r);
    }
    // The node sends history oldest first; a stable sort keeps its order for equal times.
    std::stable_sort(transitions.begin(), transitions.end(),
                     [](const Row& a, const Row& b) { return a.atMs < b.atMs; });

    QList<QList<Row>> attached(transitions.size());
    QList<Row> alone;
    const QJsonArray notifications = alert.value(u"notifications").toArray();
    for (const QJsonValue& v : notifications) {
        Row n;
        n.json = v.toObject();
        n.kind = Notification;
        n.atMs = msOf(n.json, u"createdAt");
        n.recipients = ConsoleJson::stringsOf(n.json.value(u"recipients"));
        const QString reason = n.json.value(u"reason").toString();
        const int level = n.json.value(u"level").toInt();
        int owner = -1;
        // The latest matching transition: a later repeat at the same level must not claim an
        // earlier page.
        for (int t = int(transitions.size()) - 1; t >= 0; --t) {
            const Row& tr = transitions.at(t);
            if (std::abs(tr.atMs - n.atMs) <= kSameStepMs && tr.json.value(u"level").toInt() == level
                && belongsTo(reason, tr.json.value(u"action").toString())) {
                owner = t;
                break;
            }
        }
        if (owner < 0) {
            alone.append(n);
            continue;
        }
        Row& tr = transitions[owner];
        ++tr.notifications;
        for (const QString& who : std::as_const(n.recipients)) {
            if (!tr.recipients.contains(who))
                tr.recipients.append(who);
        }
        attached[owner].append(n);
    }
    std::stable_sort(alone.begin(), alone.end(), [](const Row& a, const Row& b) { return a.atMs < b.atMs; });

    QList<Row> rows;
    qsizetype next = 0;
    for (int t = 0; t < transitions.size(); ++t) {
        while (next < alone.size() && alone.at(next).atMs < transitions.at(t).atMs)
            rows.append(alone.at(next++));
        rows.append(transitions.at(t));
        rows.append(attached.at(t));
    }
    while (next < alone.size())
        rows.append(alone.at(next++));

    QJsonObject bare = alert;
    bare.remove(u"history"_s);
    bare.remove(u"notifications"_s);

    beginResetModel();
    m_rows = rows;
    m_alert = bare;
    endResetModel();
}

void AlertHistoryModel::clear()
{
    beginResetModel();
    m_rows.clear();
    m_alert = QJsonObject();
    endResetModel();
}

qint64 AlertHistoryModel::alertId() const
{
    return m_alert.value(u"id").toInteger();
}

int AlertHistoryModel::find(const QString& kind, const QString& what, int from) const
{
    for (int row = std::max(0, from); row < m_rows.size(); ++row) {
        const QModelIndex i = index(row);
        if (i.data(KindRole).toString() == kind && i.data(WhatRole).toString() == what)
            return row;
    }
    return -1;
}

QString AlertHistoryModel::userNoteOf(const QString& action, const QString& nodeNote)
{
    // The node's formats (models/alerts/AlertStateMachine): the user's note follows the node's own
    // account after ": ", and for a hand escalation comes before "; paged level N: …".
    static const QRegularExpression acknowledged(u"^acknowledged at level \\d+(?: after \\d+ s)?: (.*)$"_s,
                                                 QRegularExpression::DotMatchesEverythingOption);
    static const QRegularExpression resolved(u"^resolved as [a-z_]+: (.*)$"_s,
                                             QRegularExpression::DotMatchesEverythingOption);
    static const QRegularExpression escalated(
        u"^escalated by hand(?:, acknowledgement by .+? cleared)?: (.*); paged level \\d+: .*$"_s,
        QRegularExpression::DotMatchesEverythingOption);
    const QRegularExpression* pattern = nullptr;
    if (action == u"acknowledge")
        pattern = &acknowledged;
    else if (action == u"resolve")
        pattern = &resolved;
    else if (action == u"escalate" || action == u"repeat")
        pattern = &escalated;
    if (!pattern)
        return QString();
    const QRegularExpressionMatch m = pattern->match(nodeNote);
    return m.hasMatch() ? m.captured(1) : QString();
}

qint64 AlertHistoryModel::msOf(const QJsonObject& object, QStringView key)
{
    return ConsoleJson::msOf(object, key);
}
