#include "ui/session/ActionQueue.h"

#include "net/ops/OpsClient.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace {

qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

/// Finished actions kept for the list of recent outcomes (pending ones are never dropped).
constexpr int kKeepFinished = 200;

/// A refusal that will not change by sending the same request again.
bool isFinalRefusal(int status)
{
    return status == 400 || status == 403 || status == 404 || status == 409 || status == 422;
}

QString errorMessageOf(const QJsonObject& json, const QString& fallback)
{
    const QString message = json.value(u"error").toObject().value(u"message").toString();
    return message.isEmpty() ? fallback : message;
}

} // namespace

ActionQueue::ActionQueue(const QString& nodeId, OpsClient* client, QObject* parent)
    : QObject(parent)
    , m_nodeId(nodeId)
    , m_client(client)
{
}

ActionQueue::~ActionQueue()
{
    if (!m_storeConnection.isEmpty()) {
        QSqlDatabase::database(m_storeConnection, false).close();
        QSqlDatabase::removeDatabase(m_storeConnection);
    }
}

bool ActionQueue::openStore(const QString& path, QString* errorString)
{
    const QString connection = u"vigil-actions-"_s + QUuid::createUuid().toString(QUuid::WithoutBraces);
    QString problem;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connection);
        db.setDatabaseName(path);
        if (!db.open()) {
            problem = db.lastError().text();
        } else {
            QSqlQuery query(db);
            // WAL with synchronous FULL: an action the user saw as "pending" survives a crash.
            if (!query.exec(QStringLiteral("PRAGMA journal_mode=WAL"))
                || !query.exec(QStringLiteral("PRAGMA synchronous=FULL"))
                || !query.exec(QStringLiteral(
                    "CREATE TABLE IF NOT EXISTS actions (key TEXT PRIMARY KEY, node TEXT NOT NULL, "
                    "created_ms INTEGER NOT NULL, state TEXT NOT NULL, json TEXT NOT NULL)"))
                || !query.exec(QStringLiteral(
                    "SELECT json FROM actions WHERE state = 'pending' ORDER BY created_ms, rowid"))) {
                problem = query.lastError().text();
            } else {
                while (query.next())
                    loadPending(QJsonDocument::fromJson(query.value(0).toByteArray()).object());
            }
        }
        if (!problem.isEmpty())
            db.close();
    }
    if (!problem.isEmpty()) {
        QSqlDatabase::removeDatabase(connection);
        if (errorString)
            *errorString = tr("Cannot keep pending actions in %1: %2").arg(path, problem);
        return false;
    }
    m_storeConnection = connection;
    for (const ConsoleAction& a : std::as_const(m_actions))
        emit actionChanged(a);
    if (m_live)
        sendNext();
    return true;
}

void ActionQueue::loadPending(const QJsonObject& o)
{
    ConsoleAction a;
    a.key = o.value(u"key").toString();
    if (a.key.isEmpty() || indexOf(a.key) >= 0)
        return;
    a.nodeId = m_nodeId;
    a.kind = o.value(u"kind").toString();
    a.method = o.value(u"method").toString(QStringLiteral("POST")).toLatin1();
    a.path = o.value(u"path").toString();
    a.body = o.value(u"body").toObject();
    a.target = o.value(u"target").toString();
    a.summary = o.value(u"summary").toString();
    a.user = o.value(u"user").toString();
    a.createdAtMs = o.value(u"createdAtMs").toInteger();
    a.attempts = o.value(u"attempts").toInt();
    a.state = ConsoleAction::State::Pending;
    m_actions.append(a);
}

QString ActionQueue::submit(ConsoleAction action)
{
    if (action.key.isEmpty())
        action.key = OpsClient::newIdempotencyKey();
    action.nodeId = m_nodeId;
    if (action.createdAtMs == 0)
        action.createdAtMs = nowMs();
    action.state = ConsoleAction::State::Pending;
    action.finishedAtMs = 0;
    m_actions.append(action);
    save(action);
    emit actionChanged(action);
    if (m_live)
        sendNext();
    return action.key;
}

void ActionQueue::setLive(bool live)
{
    if (m_live == live)
        return;
    m_live = live;
    if (m_live)
        sendNext();
}

void ActionQueue::flush()
{
    if (m_live)
        sendNext();
}

void ActionQueue::sendNext()
{
    if (!m_inFlight.isEmpty() || !m_client)
        return;
    const auto next = std::find_if(m_actions.begin(), m_actions.end(),
                                   [](const ConsoleAction& a) { return a.isPending(); });
    if (next == m_actions.end())
        return;
    ++next->attempts;
    m_inFlight = next->key;
    save(*next);
    emit actionChanged(*next);
    const QString key = next->key;
    m_client->send(next->method, next->path, next->body, key, this, [this, key](const OpsReply& reply) {
        finish(key, reply.status, reply.json, reply.error);
    });
}

void ActionQueue::finish(const QString& key, int status, const QJsonObject& json, const QString& error)
{
    if (m_inFlight == key)
        m_inFlight.clear();
    const int i = indexOf(key);
    if (i < 0)
        return;
    ConsoleAction& a = m_actions[i];
    const bool ok = status >= 200 && status < 300 && error.isEmpty();
    if (ok || isFinalRefusal(status)) {
        a.state = ok ? ConsoleAction::State::Applied : ConsoleAction::State::Refused;
        a.httpStatus = status;
        a.finishedAtMs = nowMs();
        a.result = json;
        a.outcome = ok ? QString() : errorMessageOf(json, error);
        save(a);
        emit actionChanged(a);
        // Keep the list bounded: drop the oldest finished actions beyond the limit.
        int finished = 0;
        for (int j = m_actions.size() - 1; j >= 0; --j) {
            if (!m_actions.at(j).isPending() && ++finished > kKeepFinished)
                m_actions.removeAt(j);
        }
        if (m_live)
            sendNext();
        return;
    }
    // No answer, 5xx (audit-unavailable, store trouble), 401 or 429: the node did not act, or its
    // idempotency store will answer the same key with the first result. Keep it pending.
    a.outcome = error;
    emit actionChanged(a);
}

QList<ConsoleAction> ActionQueue::actions() const
{
    QList<ConsoleAction> result = pending();
    for (auto it = m_actions.crbegin(); it != m_actions.crend(); ++it) {
        if (!it->isPending())
            result.append(*it);
    }
    return result;
}

QList<ConsoleAction> ActionQueue::pending() const
{
    QList<ConsoleAction> result;
    for (const ConsoleAction& a : m_actions) {
        if (a.isPending())
            result.append(a);
    }
    return result;
}

std::optional<ConsoleAction> ActionQueue::action(const QString& key) const
{
    const int i = indexOf(key);
    if (i < 0)
        return std::nullopt;
    return m_actions.at(i);
}

std::optional<ConsoleAction> ActionQueue::pendingFor(const QString& target) const
{
    for (auto it = m_actions.crbegin(); it != m_actions.crend(); ++it) {
        if (it->isPending() && it->target == target)
            return *it;
    }
    return std::nullopt;
}

int ActionQueue::indexOf(const QString& key) const
{
    for (int i = 0; i < m_actions.size(); ++i) {
        if (m_actions.at(i).key == key)
            return i;
    }
    return -1;
}

void ActionQueue::save(const ConsoleAction& a)
{
    if (m_storeConnection.isEmpty())
        return;
    QJsonObject o{{u"key"_s, a.key},
                  {u"kind"_s, a.kind},
                  {u"method"_s, QString::fromLatin1(a.method)},
                  {u"path"_s, a.path},
                  {u"body"_s, a.body},
                  {u"target"_s, a.target},
                  {u"summary"_s, a.summary},
                  {u"user"_s, a.user},
                  {u"createdAtMs"_s, a.createdAtMs},
                  {u"attempts"_s, a.attempts},
                  {u"httpStatus"_s, a.httpStatus},
                  {u"outcome"_s, a.outcome}};
    QSqlQuery query(QSqlDatabase::database(m_storeConnection, false));
    query.prepare(QStringLiteral("INSERT OR REPLACE INTO actions (key, node, created_ms, state, json) "
                                 "VALUES (?, ?, ?, ?, ?)"));
    query.addBindValue(a.key);
    query.addBindValue(m_nodeId);
    query.addBindValue(a.createdAtMs);
    query.addBindValue(ConsoleAction::stateName(a.state));
    query.addBindValue(QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact)));
    if (!query.exec())
        qWarning("ActionQueue: cannot record action %s: %s", qPrintable(a.kind), qPrintable(query.lastError().text()));
}
