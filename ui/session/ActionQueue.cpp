#include "ui/session/ActionQueue.h"

#include "net/ops/OpsClient.h"

#include <QCryptographicHash>
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

/// The node forgets a key 24 hours after its first use (docs/ops-api.md 2.7). An hour's margin
/// covers clocks that differ between console and node.
constexpr qint64 kKeySafeMs = qint64(23) * 60 * 60 * 1000;

/// A refusal that will not change by sending the same request again. 401 (sign in again), 408,
/// 409 in-progress (the first send is still being handled) and 429 (throttled) will.
bool isFinalRefusal(const OpsReply& reply)
{
    const int status = reply.status;
    if (status < 400 || status >= 500)
        return false;
    if (status == 401 || status == 408 || status == 429)
        return false;
    if (status == 409 && reply.errorCode == u"in-progress")
        return false;
    return true;
}

QByteArray tokenHash(const QString& token)
{
    if (token.isEmpty())
        return QByteArray();
    return QCryptographicHash::hash(token.toUtf8(), QCryptographicHash::Sha256).toHex();
}

} // namespace

ActionQueue::ActionQueue(const QString& nodeId, OpsClient* client, QObject* parent)
    : QObject(parent)
    , m_nodeId(nodeId)
    , m_client(client)
{
    m_retryTimer.setSingleShot(true);
    connect(&m_retryTimer, &QTimer::timeout, this, [this] {
        clearSchedule();
        sendNext();
    });
    m_userWatch.setInterval(1000);
    connect(&m_userWatch, &QTimer::timeout, this, [this] {
        // Only a new token can bring a held action's user back; comparing costs nothing.
        if (m_client && m_client->token() != m_verifiedToken)
            sendNext();
    });
    if (m_client) {
        connect(m_client, &OpsClient::unauthorized, this, [this] {
            m_verifiedToken.clear();
            m_verifiedUser.clear();
        });
    }
}

ActionQueue::~ActionQueue()
{
    if (!m_storeConnection.isEmpty()) {
        QSqlDatabase::database(m_storeConnection, false).close();
        QSqlDatabase::removeDatabase(m_storeConnection);
    }
}

void ActionQueue::setRetryDelays(int initialMs, int maxMs)
{
    m_initialRetryMs = std::max(1, initialMs);
    m_maxRetryMs = std::max(m_initialRetryMs, maxMs);
}

bool ActionQueue::openStore(const QString& path, QString* errorString)
{
    if (!m_storeConnection.isEmpty()) {
        // Opened again (a session stopped and started): what is in memory is written to the new one.
        QSqlDatabase::database(m_storeConnection, false).close();
        QSqlDatabase::removeDatabase(m_storeConnection);
        m_storeConnection.clear();
    }
    const QString connection = u"vigil-actions-"_s + QUuid::createUuid().toString(QUuid::WithoutBraces);
    QString problem;
    QList<ConsoleAction> loaded;
    QHash<QString, QByteArray> hashes;
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
                    "SELECT json, state FROM actions WHERE state = 'pending' OR key IN "
                    "(SELECT key FROM actions WHERE state != 'pending' ORDER BY created_ms DESC LIMIT %1) "
                    "ORDER BY created_ms, rowid").arg(kKeepFinished))) {
                problem = query.lastError().text();
            } else {
                while (query.next()) {
                    const QJsonObject stored = QJsonDocument::fromJson(query.value(0).toByteArray()).object();
                    ConsoleAction a = fromJson(stored, query.value(1).toString());
                    if (a.key.isEmpty() || indexOf(a.key) >= 0)
                        continue;
                    hashes.insert(a.key, stored.value(u"tokenHash").toString().toLatin1());
                    loaded.append(a);
                }
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
    // What was submitted before the store opened goes into it now; loaded ones come first (older).
    const QList<ConsoleAction> earlier = m_actions;
    m_actions = loaded + earlier;
    for (auto it = hashes.cbegin(); it != hashes.cend(); ++it) {
        if (!m_tokenHashes.contains(it.key()))
            m_tokenHashes.insert(it.key(), it.value());
    }
    for (const ConsoleAction& a : earlier)
        save(a);
    emit actionsReloaded();
    // Pending ones as actionChanged too: whoever mirrors them (the alert board) sees them at once.
    for (const ConsoleAction& a : std::as_const(loaded)) {
        if (a.isPending())
            emit actionChanged(a);
    }
    sendNext();
    return true;
}

ConsoleAction ActionQueue::fromJson(const QJsonObject& o, const QString& state) const
{
    ConsoleAction a;
    a.key = o.value(u"key").toString();
    a.nodeId = m_nodeId;
    a.kind = o.value(u"kind").toString();
    a.method = o.value(u"method").toString(QStringLiteral("POST")).toLatin1();
    a.path = o.value(u"path").toString();
    a.body = o.value(u"body").toObject();
    a.target = o.value(u"target").toString();
    a.summary = o.value(u"summary").toString();
    a.user = o.value(u"user").toString();
    a.createdAtMs = o.value(u"createdAtMs").toInteger();
    a.finishedAtMs = o.value(u"finishedAtMs").toInteger();
    a.attempts = o.value(u"attempts").toInt();
    a.state = ConsoleAction::stateFromName(state);
    a.httpStatus = o.value(u"httpStatus").toInt();
    a.outcome = o.value(u"outcome").toString();
    a.firstSentAtMs = o.value(u"firstSentAtMs").toInteger();
    a.lastSentAtMs = o.value(u"lastSentAtMs").toInteger();
    a.hold = ConsoleAction::holdFromName(o.value(u"hold").toString());
    a.seen = o.value(u"seen").toBool();
    // A schedule belongs to the run that made it.
    a.nextAttemptAtMs = 0;
    return a;
}

QString ActionQueue::submit(ConsoleAction action)
{
    if (action.key.isEmpty())
        action.key = OpsClient::newIdempotencyKey();
    else if (indexOf(action.key) >= 0)
        return action.key; // already recorded: one key, one action
    action.nodeId = m_nodeId;
    if (action.createdAtMs == 0) {
        // Strictly after the last one recorded: two actions made within one millisecond must still
        // be listed (and sent) in the order they were made, not by their random keys.
        action.createdAtMs = nowMs();
        for (const ConsoleAction& earlier : std::as_const(m_actions))
            action.createdAtMs = std::max(action.createdAtMs, earlier.createdAtMs + 1);
    }
    const QString token = m_client ? m_client->token() : QString();
    if (action.user.isEmpty() && !token.isEmpty() && token == m_verifiedToken)
        action.user = m_verifiedUser;
    action.state = ConsoleAction::State::Pending;
    action.finishedAtMs = 0;
    action.attempts = 0;
    action.firstSentAtMs = 0;
    action.lastSentAtMs = 0;
    action.nextAttemptAtMs = 0;
    action.hold = ConsoleAction::Hold::None;
    action.seen = false;
    action.httpStatus = 0;
    action.outcome.clear();
    action.result = QJsonObject();
    m_tokenHashes.insert(action.key, tokenHash(token));
    m_actions.append(action);
    save(action);
    emit actionChanged(action);
    sendNext();
    return action.key;
}

void ActionQueue::setLive(bool live)
{
    if (m_live == live)
        return;
    m_live = live;
    // A new connection starts a fresh backoff; a lost one has nothing scheduled.
    m_failures = 0;
    clearSchedule();
    sendNext();
    updateUserWatch();
}

void ActionQueue::flush()
{
    m_failures = 0;
    clearSchedule();
    sendNext();
}

void ActionQueue::recheckUser()
{
    m_verifiedToken.clear();
    m_verifiedUser.clear();
    sendNext();
}

void ActionQueue::clearSchedule()
{
    m_retryTimer.stop();
    for (ConsoleAction& a : m_actions) {
        if (a.nextAttemptAtMs != 0) {
            a.nextAttemptAtMs = 0;
            emit actionChanged(a);
        }
    }
}

void ActionQueue::sendNext()
{
    if (!m_live || !m_client || !m_inFlight.isEmpty() || m_verifying || m_retryTimer.isActive())
        return;
    const bool anyPending = std::any_of(m_actions.cbegin(), m_actions.cend(),
                                        [](const ConsoleAction& a) { return a.isPending(); });
    if (!anyPending) {
        updateUserWatch();
        return;
    }
    const QString token = m_client->token();
    if (token.isEmpty())
        return;
    // The stream being up proves the token valid, not whose it is: ask before acting in a name.
    if (token != m_verifiedToken) {
        verifyUser(token);
        return;
    }
    updateHolds();
    updateUserWatch();
    const auto next = std::find_if(m_actions.begin(), m_actions.end(), [](const ConsoleAction& a) {
        return a.isPending() && a.hold == ConsoleAction::Hold::None;
    });
    if (next == m_actions.end())
        return;
    const qint64 now = nowMs();
    ++next->attempts;
    if (next->firstSentAtMs == 0)
        next->firstSentAtMs = now;
    next->lastSentAtMs = now;
    m_inFlight = next->key;
    // Written before it goes out: after a crash the console still knows it may have reached the node.
    save(*next);
    emit actionChanged(*next);
    const QString key = next->key;
    m_client->send(next->method, next->path, next->body, key, this,
                   [this, key](const OpsReply& reply) { finish(key, reply); });
}

void ActionQueue::verifyUser(const QString& token)
{
    m_verifying = true;
    m_client->get(QStringLiteral("/api/v1/session"), this, [this, token](const OpsReply& reply) {
        m_verifying = false;
        if (reply.ok() && m_client->token() == token) {
            m_verifiedToken = token;
            m_verifiedUser = reply.json.value(u"user").toObject().value(u"name").toString();
            m_failures = 0;
            sendNext();
            return;
        }
        if (reply.ok() || reply.status == 401) {
            // Another sign-in meanwhile (check that token), or this one ended (the session asks for a
            // sign-in and the queue resumes when live again).
            sendNext();
            return;
        }
        scheduleRetry(reply.retryAfterSeconds);
    });
}

void ActionQueue::updateHolds()
{
    const qint64 now = nowMs();
    const QByteArray current = tokenHash(m_verifiedToken);
    for (ConsoleAction& a : m_actions) {
        if (!a.isPending())
            continue;
        bool dirty = false;
        if (a.user.isEmpty() && !current.isEmpty() && m_tokenHashes.value(a.key) == current
            && !m_verifiedUser.isEmpty()) {
            // Made before the console knew the name, under this very token: it is this user's.
            a.user = m_verifiedUser;
            dirty = true;
        }
        ConsoleAction::Hold hold = ConsoleAction::Hold::None;
        if (a.firstSentAtMs > 0 && now - a.firstSentAtMs > kKeySafeMs)
            hold = ConsoleAction::Hold::KeyExpired;
        else if (a.user.isEmpty() || a.user.compare(m_verifiedUser, Qt::CaseInsensitive) != 0)
            hold = ConsoleAction::Hold::OtherUser;
        if (hold != a.hold) {
            a.hold = hold;
            dirty = true;
        }
        if (dirty) {
            save(a);
            emit actionChanged(a);
        }
    }
}

void ActionQueue::updateUserWatch()
{
    const bool waiting = m_live && std::any_of(m_actions.cbegin(), m_actions.cend(), [](const ConsoleAction& a) {
        return a.isPending() && a.hold == ConsoleAction::Hold::OtherUser;
    });
    if (waiting && !m_userWatch.isActive())
        m_userWatch.start();
    else if (!waiting)
        m_userWatch.stop();
}

void ActionQueue::finish(const QString& key, const OpsReply& reply)
{
    if (m_inFlight == key)
        m_inFlight.clear();
    const int i = indexOf(key);
    if (i < 0) {
        sendNext();
        return;
    }
    ConsoleAction& a = m_actions[i];
    const bool ok = reply.ok();
    if (ok || isFinalRefusal(reply)) {
        a.state = ok ? ConsoleAction::State::Applied : ConsoleAction::State::Refused;
        a.httpStatus = reply.status;
        a.finishedAtMs = nowMs();
        a.nextAttemptAtMs = 0;
        a.hold = ConsoleAction::Hold::None;
        a.result = reply.json;
        a.outcome = ok ? QString() : reply.error;
        // Applied is what the user expected; a refusal is news until it has been looked at.
        a.seen = ok;
        m_failures = 0;
        save(a);
        emit actionChanged(a);
        prune();
        sendNext();
        return;
    }
    // Still pending: the node did not act, or its idempotency store will answer this key with the
    // first result. Never a new key.
    if (reply.status == 401) {
        a.outcome = tr("The sign-in ended before the node answered: sign in again to send it.");
        save(a);
        emit actionChanged(a);
        return; // the session asks for a sign-in; going live again resumes the queue
    }
    if (reply.status == 409)
        a.outcome = tr("The node is still working on it, or was interrupted while doing it; asking again.");
    else
        a.outcome = reply.error.isEmpty() ? tr("The node did not answer.") : reply.error;
    save(a);
    emit actionChanged(a);
    scheduleRetry(reply.retryAfterSeconds);
}

void ActionQueue::scheduleRetry(int retryAfterSeconds)
{
    if (!m_live)
        return; // going live again sends at once
    const int shift = std::min(m_failures, 16);
    const qint64 backoff = std::min<qint64>(qint64(m_initialRetryMs) << shift, m_maxRetryMs);
    const qint64 delay = retryAfterSeconds > 0 ? std::max<qint64>(qint64(retryAfterSeconds) * 1000, backoff) : backoff;
    ++m_failures;
    m_retryTimer.start(int(delay));
    const qint64 at = nowMs() + delay;
    // The head of the queue is what waits; show when it goes again.
    for (ConsoleAction& a : m_actions) {
        if (a.isPending() && a.hold == ConsoleAction::Hold::None) {
            a.nextAttemptAtMs = at;
            emit actionChanged(a);
            break;
        }
    }
}

bool ActionQueue::discard(const QString& key, QString* errorString)
{
    const int i = indexOf(key);
    if (i < 0) {
        if (errorString)
            *errorString = tr("This action is no longer in the list.");
        return false;
    }
    ConsoleAction& a = m_actions[i];
    if (!a.isPending()) {
        if (errorString)
            *errorString = tr("The node has already answered this action.");
        return false;
    }
    if (m_inFlight == key) {
        if (errorString)
            *errorString = tr("It is being sent right now: wait for the node's answer.");
        return false;
    }
    a.state = ConsoleAction::State::Discarded;
    a.finishedAtMs = nowMs();
    a.nextAttemptAtMs = 0;
    a.hold = ConsoleAction::Hold::None;
    a.seen = true;
    save(a);
    emit actionChanged(a);
    prune();
    // Whatever waited behind it may go now.
    m_failures = 0;
    clearSchedule();
    sendNext();
    return true;
}

void ActionQueue::markSeen(const QString& key)
{
    const int i = indexOf(key);
    if (i < 0 || m_actions.at(i).isPending() || m_actions.at(i).seen)
        return;
    m_actions[i].seen = true;
    save(m_actions.at(i));
    emit actionChanged(m_actions.at(i));
}

void ActionQueue::prune()
{
    int finished = 0;
    for (int j = m_actions.size() - 1; j >= 0; --j) {
        if (!m_actions.at(j).isPending() && ++finished > kKeepFinished) {
            m_tokenHashes.remove(m_actions.at(j).key);
            m_actions.removeAt(j);
        }
    }
    if (m_storeConnection.isEmpty() || finished <= kKeepFinished)
        return;
    QSqlQuery query(QSqlDatabase::database(m_storeConnection, false));
    if (!query.exec(QStringLiteral("DELETE FROM actions WHERE state != 'pending' AND key NOT IN "
                                   "(SELECT key FROM actions WHERE state != 'pending' ORDER BY created_ms DESC LIMIT %1)")
                        .arg(kKeepFinished)))
        qWarning("ActionQueue: cannot drop old outcomes: %s", qPrintable(query.lastError().text()));
}

QList<ConsoleAction> ActionQueue::actions() const
{
    QList<ConsoleAction> result = pending();
    QList<ConsoleAction> finished;
    for (const ConsoleAction& a : m_actions) {
        if (!a.isPending())
            finished.append(a);
    }
    std::stable_sort(finished.begin(), finished.end(), [](const ConsoleAction& l, const ConsoleAction& r) {
        return l.finishedAtMs > r.finishedAtMs;
    });
    return result + finished;
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

int ActionQueue::pendingCount() const
{
    return int(std::count_if(m_actions.cbegin(), m_actions.cend(), [](const ConsoleAction& a) { return a.isPending(); }));
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
    if (m_storeConnection.isEmpty() || a.memoryOnly)
        return;
    // The node's answer (result) is not kept: it may carry patient fields, and a stale copy must
    // never be mistaken for the node's current state after a restart.
    QJsonObject o{{u"key"_s, a.key},
                  {u"kind"_s, a.kind},
                  {u"method"_s, QString::fromLatin1(a.method)},
                  {u"path"_s, a.path},
                  {u"body"_s, a.body},
                  {u"target"_s, a.target},
                  {u"summary"_s, a.summary},
                  {u"user"_s, a.user},
                  {u"createdAtMs"_s, a.createdAtMs},
                  {u"finishedAtMs"_s, a.finishedAtMs},
                  {u"attempts"_s, a.attempts},
                  {u"httpStatus"_s, a.httpStatus},
                  {u"outcome"_s, a.outcome},
                  {u"firstSentAtMs"_s, a.firstSentAtMs},
                  {u"lastSentAtMs"_s, a.lastSentAtMs},
                  {u"hold"_s, ConsoleAction::holdName(a.hold)},
                  {u"seen"_s, a.seen},
                  {u"tokenHash"_s, QString::fromLatin1(m_tokenHashes.value(a.key))}};
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
