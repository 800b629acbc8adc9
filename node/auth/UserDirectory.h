#pragma once

#include "node/auth/PasswordHasher.h"
#include "node/auth/Principal.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <functional>
#include <optional>

class SqliteDatabase;

/// The node's users (table `users` in ops.db): name, role, care units, password hash, disabled
/// flag. Names are unique regardless of case. Changing a password or disabling a user revokes all
/// of that user's session tokens in the same transaction (savepoint, so it also nests inside a
/// caller's transaction, e.g. one that appends the audit record).
class UserDirectory
{
public:
    struct User
    {
        qint64 id = 0;
        QString name;
        Role role = Role::Support;
        QStringList units;
        bool disabled = false;
        qint64 createdAtMs = 0;
        qint64 passwordChangedAtMs = 0;
    };

    /// Why a sign-in failed. The API answers the same 401 to all of them; the audit log records
    /// which one it was.
    enum class Failure {
        None,
        UnknownUser,
        Disabled,                                    ///< reported whether or not the password was right
        WrongPassword,
    };

    struct AuthResult
    {
        std::optional<Principal> principal;          ///< set only when reason is None
        Failure reason = Failure::UnknownUser;
    };

    static constexpr int MinPasswordLength = 12;
    static constexpr int MaxPasswordLength = 1024;   ///< bounds the KDF input a request can make us hash

    /// Creates `users` and the session table that belongs to it (SessionTokens::ensureSchema).
    static bool ensureSchema(SqliteDatabase& db, QString* errorString = nullptr);
    /// Whether `password` is acceptable for `name`: at least MinPasswordLength characters (Unicode
    /// code points), at most MaxPasswordLength, and not the user name.
    static bool checkPasswordPolicy(const QString& name, const QString& password, QString* errorString = nullptr);
    /// Names are 1 to 64 characters of ASCII letters, digits and `. _ - @`, starting with a letter or digit.
    static bool checkName(const QString& name, QString* errorString = nullptr);
    /// Short text for logs and the audit log ("unknown-user", "disabled", "wrong-password").
    static QString failureName(Failure failure);

    /// `nowMs` defaults to the system clock; `hasher` to PasswordHasher's default parameters.
    explicit UserDirectory(SqliteDatabase& db, std::function<qint64()> nowMs = {},
                           const PasswordHasher& hasher = PasswordHasher());

    /// Adds a user and returns its id. Nurses need at least one unit; units are trimmed and
    /// de-duplicated (case-insensitively). Other roles may carry units; they have no effect.
    std::optional<qint64> addUser(const QString& name, Role role, const QStringList& units, const QString& password,
                                  QString* errorString = nullptr);
    /// Applies the password policy, stores a fresh hash and revokes all the user's sessions.
    bool setPassword(const QString& name, const QString& password, QString* errorString = nullptr);
    /// Disabling revokes all the user's sessions; enabling does not bring them back.
    bool setDisabled(const QString& name, bool disabled, QString* errorString = nullptr);
    /// Sessions see the new units at their next request (SessionTokens reloads them).
    bool setUnits(const QString& name, const QStringList& units, QString* errorString = nullptr);
    /// Sessions see the new role at their next request. Making someone a nurse needs units.
    bool setRole(const QString& name, Role role, QString* errorString = nullptr);

    std::optional<User> find(const QString& name) const;
    std::optional<User> findById(qint64 id) const;
    /// All users by name.
    QList<User> list() const;

    /// Checks a sign-in. Takes the time of one password verification whatever the outcome, so the
    /// response time tells nothing about which names exist. A successful sign-in with a hash made
    /// under older KDF parameters is re-hashed with the current ones. `remote` is copied into the
    /// principal.
    AuthResult authenticate(const QString& name, const QString& password, const QString& remote = {});

private:
    struct Row;
    std::optional<Row> findRow(const QString& name) const;
    bool revokeSessions(qint64 userId, QString* errorString);

    SqliteDatabase& m_db;
    std::function<qint64()> m_nowMs;
    PasswordHasher m_hasher;
};
