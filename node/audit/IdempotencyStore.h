#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <functional>

class SqliteDatabase;

/// Idempotency keys of the ops API (table `idempotency_keys` in ops.db): every state-changing
/// request carries a key chosen by the client, and a retry with the same key is answered with the
/// first result instead of acting again. Keys are per user (two users may pick the same key) and
/// live 24 hours (KeyLifetimeMs): after that a key is forgotten and may be used for a new request;
/// purgeOlderThan(KeyLifetimeMs) removes expired rows, and begin() already ignores them.
///
/// The route handler's protocol:
///     switch (auto b = store.begin(user, key, IdempotencyStore::fingerprint(method, path, body)); b.kind)
///     Started    -> act; complete(user, key, status, type, body) with the response it sends
///                   (or abandon(user, key) if it failed before changing anything)
///     Replay     -> send b.status / b.contentType / b.body, do nothing else
///     InProgress -> 409: the first request with this key is still being handled
///     Mismatch   -> 422: the key was already used for a different request
///     Failed     -> 500 (b.error says why; log it)
/// A key left pending by a crash mid-action stays InProgress until it expires: whether the action
/// took effect is unknown, so acting again could apply it twice.
///
/// Stored responses must not contain secrets (a sign-in is not idempotent and takes no key).
/// Main thread only, like the ops database.
class IdempotencyStore
{
public:
    static constexpr qint64 KeyLifetimeMs = 24 * 60 * 60 * 1000;
    static constexpr int MaxKeyLength = 128;

    struct Begin
    {
        enum class Kind {
            Started, ///< new key: go ahead, then complete() or abandon()
            Replay, ///< same key, same request, done: return status/contentType/body, do not act
            InProgress, ///< same key, same request, still pending: answer 409
            Mismatch, ///< same key, different request: answer 422
            Failed, ///< invalid key or database error (error says which)
        };
        Kind kind = Kind::Failed;
        int status = 0;
        QString contentType;
        QByteArray body;
        QString error;
    };

    /// `nowMs` decides expiry (an empty function means the system clock).
    IdempotencyStore(SqliteDatabase& opsDb, std::function<qint64()> nowMs);

    static bool ensureSchema(SqliteDatabase& opsDb, QString* errorString = nullptr);

    /// 1 to 128 characters of A-Z a-z 0-9 _ - : . (a UUID fits).
    static bool isValidKey(const QString& key);

    /// Hex SHA-256 of the method, path (with query) and body, length-prefixed so that no two
    /// different requests share a fingerprint.
    static QByteArray fingerprint(QByteArrayView method, QByteArrayView path, QByteArrayView body);

    /// Claims `key` for `userId` atomically (a second begin() with the key sees InProgress).
    Begin begin(qint64 userId, const QString& key, const QByteArray& fingerprint);

    /// Records the response of a Started request; later begin()s with the key replay it.
    bool complete(qint64 userId, const QString& key, int status, const QString& contentType, const QByteArray& body,
        QString* errorString = nullptr);

    /// Releases a Started key whose action failed before changing anything, so a retry may act.
    bool abandon(qint64 userId, const QString& key, QString* errorString = nullptr);

    /// Deletes keys created more than `ageMs` ago (pending or done); returns how many, -1 on error.
    int purgeOlderThan(qint64 ageMs, QString* errorString = nullptr);

private:
    SqliteDatabase& m_db;
    std::function<qint64()> m_nowMs;
};
