#include "node/auth/SessionTokens.h"

#include "node/auth/UserDirectory.h"
#include "node/store/Sqlite.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QLoggingCategory>

#include <openssl/crypto.h>
#include <openssl/rand.h>

Q_LOGGING_CATEGORY(lcSessionTokens, "vigil.node.auth.sessions")

namespace {

constexpr int TokenBytes = 32;
constexpr auto TokenEncoding = QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals;

/// The stored form of a token, or an empty array for something that cannot be one of ours.
QByteArray tokenHash(const QString& token)
{
    // 32 bytes are 43 base64url characters; checking first keeps junk headers cheap.
    if (token.size() != 43)
        return {};
    const auto decoded = QByteArray::fromBase64Encoding(token.toLatin1(),
                                                        TokenEncoding | QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded || decoded.decoded.size() != TokenBytes)
        return {};
    // The last character carries two unused bits: only the canonical spelling of a token is it.
    if (decoded.decoded.toBase64(TokenEncoding) != token.toLatin1())
        return {};
    return QCryptographicHash::hash(decoded.decoded, QCryptographicHash::Sha256);
}

} // namespace

bool SessionTokens::ensureSchema(SqliteDatabase& db, QString* errorString)
{
    return db.exec("CREATE TABLE IF NOT EXISTS sessions ("
                   " token_hash BLOB PRIMARY KEY,"
                   " user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,"
                   " issued_at INTEGER NOT NULL,"
                   " expires_at INTEGER NOT NULL,"
                   " remote TEXT"
                   ") WITHOUT ROWID;"
                   "CREATE INDEX IF NOT EXISTS sessions_user ON sessions(user_id);"
                   "CREATE INDEX IF NOT EXISTS sessions_expiry ON sessions(expires_at);",
                   errorString);
}

SessionTokens::SessionTokens(SqliteDatabase& db, std::function<qint64()> nowMs)
    : m_db(db)
    , m_nowMs(nowMs ? std::move(nowMs) : [] { return QDateTime::currentMSecsSinceEpoch(); })
{
}

QString SessionTokens::issue(const Principal& principal, int ttlMinutes, qint64* expiresAtMs, QString* errorString)
{
    QByteArray raw(TokenBytes, Qt::Uninitialized);
    if (RAND_bytes(reinterpret_cast<unsigned char*>(raw.data()), TokenBytes) != 1) {
        if (errorString)
            *errorString = QStringLiteral("no random bytes for a session token");
        return {};
    }
    const QString token = QString::fromLatin1(raw.toBase64(TokenEncoding));
    const QByteArray hash = QCryptographicHash::hash(raw, QCryptographicHash::Sha256);
    OPENSSL_cleanse(raw.data(), size_t(raw.size()));

    const qint64 now = m_nowMs();
    const qint64 expires = now + qint64(std::max(1, ttlMinutes)) * 60 * 1000;
    SqliteStatement insert = m_db.prepare(
        "INSERT INTO sessions(token_hash, user_id, issued_at, expires_at, remote) VALUES(?, ?, ?, ?, ?)");
    insert.bindBlob(1, hash).bind(2, principal.userId).bind(3, now).bind(4, expires).bind(5, principal.remote);
    if (!insert.run()) {
        if (errorString)
            *errorString = QStringLiteral("cannot store the session: %1").arg(m_db.lastError());
        return {};
    }
    if (expiresAtMs)
        *expiresAtMs = expires;
    return token;
}

std::optional<Principal> SessionTokens::validate(const QString& token, const QString& remote) const
{
    const QByteArray hash = tokenHash(token);
    if (hash.isEmpty())
        return std::nullopt;
    SqliteStatement select = m_db.prepare("SELECT user_id, expires_at, remote FROM sessions WHERE token_hash = ?");
    select.bindBlob(1, hash);
    if (!select.next())
        return std::nullopt;
    if (select.int64(1) <= m_nowMs())
        return std::nullopt;
    const qint64 userId = select.int64(0);
    const QString signInRemote = select.text(2);

    // The user row, not the session, is the truth for role, units and the disabled flag: an
    // admin's change must not wait for tokens to expire.
    const std::optional<UserDirectory::User> user = UserDirectory(m_db, m_nowMs).findById(userId);
    if (!user || user->disabled)
        return std::nullopt;

    Principal principal;
    principal.userId = user->id;
    principal.userName = user->name;
    principal.role = user->role;
    principal.units = user->units;
    principal.remote = remote.isEmpty() ? signInRemote : remote;
    return principal;
}

bool SessionTokens::revoke(const QString& token)
{
    const QByteArray hash = tokenHash(token);
    if (hash.isEmpty())
        return false;
    SqliteStatement remove = m_db.prepare("DELETE FROM sessions WHERE token_hash = ?");
    remove.bindBlob(1, hash);
    return remove.run() && m_db.changes() > 0;
}

int SessionTokens::revokeAllFor(qint64 userId)
{
    SqliteStatement remove = m_db.prepare("DELETE FROM sessions WHERE user_id = ?");
    remove.bind(1, userId);
    if (!remove.run()) {
        qCWarning(lcSessionTokens) << "cannot revoke the sessions of user" << userId;
        return -1;
    }
    return m_db.changes();
}

int SessionTokens::purgeExpired()
{
    SqliteStatement remove = m_db.prepare("DELETE FROM sessions WHERE expires_at <= ?");
    remove.bind(1, m_nowMs());
    if (!remove.run())
        return -1;
    return m_db.changes();
}
