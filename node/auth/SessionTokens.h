#pragma once

#include "node/auth/Principal.h"

#include <QString>

#include <functional>
#include <optional>

class SqliteDatabase;

/// Bearer tokens handed out at sign-in (table `sessions` in ops.db). A token is 32 random bytes,
/// base64url without padding (43 characters); only its SHA-256 is stored, so a copy of ops.db
/// lets nobody act as a signed-in user. Tokens expire after a fixed lifetime (no sliding renewal:
/// the console signs in again).
class SessionTokens
{
public:
    /// Needs the `users` table (UserDirectory::ensureSchema calls this one).
    static bool ensureSchema(SqliteDatabase& db, QString* errorString = nullptr);

    /// `nowMs` defaults to the system clock.
    explicit SessionTokens(SqliteDatabase& db, std::function<qint64()> nowMs = {});

    /// Issues a token for `principal.userId`, valid for `ttlMinutes` (at least 1) from now, and
    /// records principal.remote. Returns the clear token, which exists only in this return value;
    /// empty on failure.
    QString issue(const Principal& principal, int ttlMinutes, qint64* expiresAtMs = nullptr,
                  QString* errorString = nullptr);
    /// The principal behind a token, with role and units read from `users` now (a change takes
    /// effect at the next request). nullopt for an unknown, malformed, expired or revoked token and
    /// for a disabled user. The principal's remote is `remote` when given, else the sign-in's.
    std::optional<Principal> validate(const QString& token, const QString& remote = {}) const;
    /// Sign-out. True when the token existed.
    bool revoke(const QString& token);
    /// Ends every session of a user (password change, disable). Returns how many, -1 on a database error.
    int revokeAllFor(qint64 userId);
    /// Deletes expired rows; the node calls it now and then. Returns how many, -1 on a database error.
    int purgeExpired();

private:
    SqliteDatabase& m_db;
    std::function<qint64()> m_nowMs;
};
