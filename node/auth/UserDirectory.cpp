#include "node/auth/UserDirectory.h"

#include "node/auth/SessionTokens.h"
#include "node/store/Sqlite.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QRegularExpression>

Q_LOGGING_CATEGORY(lcUserDirectory, "vigil.node.auth.users")

namespace {

constexpr int MaxUnitLength = 64;

// userFrom() reads the columns in this order.
constexpr const char SelectById[] = "SELECT id, name, role, units, password_hash, disabled, created_at,"
                                    " password_changed_at FROM users WHERE id = ?";
constexpr const char SelectByName[] = "SELECT id, name, role, units, password_hash, disabled, created_at,"
                                      " password_changed_at FROM users WHERE name = ?";
constexpr const char SelectAll[] = "SELECT id, name, role, units, password_hash, disabled, created_at,"
                                   " password_changed_at FROM users ORDER BY name";

/// Nests inside a caller's transaction (a plain BEGIN would fail there) and rolls back unless
/// committed.
class Savepoint
{
public:
    explicit Savepoint(SqliteDatabase& db, QString* errorString)
        : m_db(db)
    {
        m_active = m_db.exec("SAVEPOINT user_directory", errorString);
    }
    ~Savepoint()
    {
        if (m_active)
            m_db.exec("ROLLBACK TO user_directory; RELEASE user_directory");
    }
    bool isActive() const { return m_active; }
    bool commit(QString* errorString)
    {
        m_active = false;
        if (m_db.exec("RELEASE user_directory", errorString))
            return true;
        m_db.exec("ROLLBACK TO user_directory; RELEASE user_directory");
        return false;
    }

private:
    SqliteDatabase& m_db;
    bool m_active = false;
};

bool fail(QString* errorString, const QString& message)
{
    if (errorString)
        *errorString = message;
    return false;
}

QByteArray encodeUnits(const QStringList& units)
{
    return QJsonDocument(QJsonArray::fromStringList(units)).toJson(QJsonDocument::Compact);
}

QStringList decodeUnits(const QByteArray& json)
{
    QStringList units;
    const QJsonArray array = QJsonDocument::fromJson(json).array();
    for (const QJsonValue& value : array) {
        if (value.isString())
            units.append(value.toString());
    }
    return units;
}

std::optional<QStringList> normalizeUnits(const QStringList& units, QString* errorString)
{
    QStringList result;
    for (const QString& unit : units) {
        const QString trimmed = unit.trimmed();
        if (trimmed.isEmpty()) {
            fail(errorString, QStringLiteral("a unit name must not be empty"));
            return std::nullopt;
        }
        if (trimmed.size() > MaxUnitLength) {
            fail(errorString, QStringLiteral("a unit name has at most %1 characters").arg(MaxUnitLength));
            return std::nullopt;
        }
        for (QChar c : trimmed) {
            if (c.category() == QChar::Other_Control) {
                fail(errorString, QStringLiteral("a unit name must not contain control characters"));
                return std::nullopt;
            }
        }
        if (!result.contains(trimmed, Qt::CaseInsensitive))
            result.append(trimmed);
    }
    return result;
}

QString noSuchUser(const QString& name)
{
    return QStringLiteral("no user named '%1'").arg(name);
}

} // namespace

struct UserDirectory::Row
{
    User user;
    QString passwordHash;
};

namespace {

std::optional<UserDirectory::User> userFrom(const SqliteStatement& s, QString* passwordHash)
{
    const std::optional<Role> role = roleFromName(s.text(2));
    if (!role) {
        // Only reachable by editing ops.db by hand; the CHECK constraint keeps the node honest.
        qCWarning(lcUserDirectory) << "user" << s.int64(0) << "has an unknown role; treated as absent";
        return std::nullopt;
    }
    UserDirectory::User user;
    user.id = s.int64(0);
    user.name = s.text(1);
    user.role = *role;
    user.units = decodeUnits(s.textUtf8(3));
    if (passwordHash)
        *passwordHash = s.text(4);
    user.disabled = s.int64(5) != 0;
    user.createdAtMs = s.int64(6);
    user.passwordChangedAtMs = s.int64(7);
    return user;
}

} // namespace

bool UserDirectory::ensureSchema(SqliteDatabase& db, QString* errorString)
{
    const bool users = db.exec("CREATE TABLE IF NOT EXISTS users ("
                               " id INTEGER PRIMARY KEY,"
                               " name TEXT NOT NULL UNIQUE COLLATE NOCASE,"
                               " role TEXT NOT NULL CHECK (role IN ('support', 'nurse', 'admin')),"
                               " units TEXT NOT NULL DEFAULT '[]',"
                               " password_hash TEXT NOT NULL,"
                               " disabled INTEGER NOT NULL DEFAULT 0,"
                               " created_at INTEGER NOT NULL,"
                               " password_changed_at INTEGER NOT NULL"
                               ")",
                               errorString);
    return users && SessionTokens::ensureSchema(db, errorString);
}

bool UserDirectory::checkPasswordPolicy(const QString& name, const QString& password, QString* errorString)
{
    const qsizetype length = password.toUcs4().size();
    if (length < MinPasswordLength)
        return fail(errorString,
                    QStringLiteral("the password must have at least %1 characters").arg(MinPasswordLength));
    if (length > MaxPasswordLength)
        return fail(errorString, QStringLiteral("the password must have at most %1 characters").arg(MaxPasswordLength));
    if (password.compare(name, Qt::CaseInsensitive) == 0)
        return fail(errorString, QStringLiteral("the password must not be the user name"));
    return true;
}

bool UserDirectory::checkName(const QString& name, QString* errorString)
{
    // ASCII only, so SQLite's NOCASE (which folds ASCII only) really makes names case-insensitive.
    static const QRegularExpression pattern(QStringLiteral("\\A[A-Za-z0-9][A-Za-z0-9._@-]{0,63}\\z"));
    if (!pattern.match(name).hasMatch())
        return fail(errorString, QStringLiteral("a user name has 1 to 64 characters: ASCII letters, digits and "
                                                ". _ - @, starting with a letter or digit"));
    return true;
}

QString UserDirectory::failureName(Failure failure)
{
    switch (failure) {
    case Failure::None:
        return QStringLiteral("none");
    case Failure::UnknownUser:
        return QStringLiteral("unknown-user");
    case Failure::Disabled:
        return QStringLiteral("disabled");
    case Failure::WrongPassword:
        return QStringLiteral("wrong-password");
    }
    return {};
}

UserDirectory::UserDirectory(SqliteDatabase& db, std::function<qint64()> nowMs, const PasswordHasher& hasher)
    : m_db(db)
    , m_nowMs(nowMs ? std::move(nowMs) : [] { return QDateTime::currentMSecsSinceEpoch(); })
    , m_hasher(hasher)
{
}

std::optional<qint64> UserDirectory::addUser(const QString& name, Role role, const QStringList& units,
                                             const QString& password, QString* errorString)
{
    if (!checkName(name, errorString) || !checkPasswordPolicy(name, password, errorString))
        return std::nullopt;
    const std::optional<QStringList> cleanUnits = normalizeUnits(units, errorString);
    if (!cleanUnits)
        return std::nullopt;
    if (role == Role::Nurse && cleanUnits->isEmpty()) {
        fail(errorString, QStringLiteral("a nurse needs at least one unit"));
        return std::nullopt;
    }
    if (findRow(name)) {
        fail(errorString, QStringLiteral("a user named '%1' already exists").arg(name));
        return std::nullopt;
    }
    const QString hash = m_hasher.hash(password);
    if (hash.isEmpty()) {
        fail(errorString, QStringLiteral("cannot hash the password"));
        return std::nullopt;
    }

    const qint64 now = m_nowMs();
    SqliteStatement insert = m_db.prepare("INSERT INTO users(name, role, units, password_hash, disabled, created_at,"
                                          " password_changed_at) VALUES(?, ?, ?, ?, 0, ?, ?)");
    insert.bind(1, name).bind(2, roleName(role)).bindText(3, encodeUnits(*cleanUnits)).bind(4, hash);
    insert.bind(5, now).bind(6, now);
    if (!insert.run()) {
        // A concurrent `vigil-node user add` may have won the race for the name.
        fail(errorString, findRow(name) ? QStringLiteral("a user named '%1' already exists").arg(name)
                                        : QStringLiteral("cannot add the user: %1").arg(m_db.lastError()));
        return std::nullopt;
    }
    return m_db.lastInsertId();
}

bool UserDirectory::setPassword(const QString& name, const QString& password, QString* errorString)
{
    const std::optional<Row> row = findRow(name);
    if (!row)
        return fail(errorString, noSuchUser(name));
    if (!checkPasswordPolicy(row->user.name, password, errorString))
        return false;
    const QString hash = m_hasher.hash(password);
    if (hash.isEmpty())
        return fail(errorString, QStringLiteral("cannot hash the password"));

    Savepoint savepoint(m_db, errorString);
    if (!savepoint.isActive())
        return false;
    SqliteStatement update = m_db.prepare("UPDATE users SET password_hash = ?, password_changed_at = ? WHERE id = ?");
    update.bind(1, hash).bind(2, m_nowMs()).bind(3, row->user.id);
    if (!update.run())
        return fail(errorString, QStringLiteral("cannot change the password: %1").arg(m_db.lastError()));
    if (!revokeSessions(row->user.id, errorString))
        return false;
    return savepoint.commit(errorString);
}

bool UserDirectory::setDisabled(const QString& name, bool disabled, QString* errorString)
{
    const std::optional<Row> row = findRow(name);
    if (!row)
        return fail(errorString, noSuchUser(name));

    Savepoint savepoint(m_db, errorString);
    if (!savepoint.isActive())
        return false;
    SqliteStatement update = m_db.prepare("UPDATE users SET disabled = ? WHERE id = ?");
    update.bind(1, disabled ? 1 : 0).bind(2, row->user.id);
    if (!update.run())
        return fail(errorString, QStringLiteral("cannot update the user: %1").arg(m_db.lastError()));
    if (disabled && !revokeSessions(row->user.id, errorString))
        return false;
    return savepoint.commit(errorString);
}

bool UserDirectory::setUnits(const QString& name, const QStringList& units, QString* errorString)
{
    const std::optional<Row> row = findRow(name);
    if (!row)
        return fail(errorString, noSuchUser(name));
    const std::optional<QStringList> cleanUnits = normalizeUnits(units, errorString);
    if (!cleanUnits)
        return false;
    if (row->user.role == Role::Nurse && cleanUnits->isEmpty())
        return fail(errorString, QStringLiteral("a nurse needs at least one unit"));
    SqliteStatement update = m_db.prepare("UPDATE users SET units = ? WHERE id = ?");
    update.bindText(1, encodeUnits(*cleanUnits)).bind(2, row->user.id);
    if (!update.run())
        return fail(errorString, QStringLiteral("cannot update the user: %1").arg(m_db.lastError()));
    return true;
}

bool UserDirectory::setRole(const QString& name, Role role, QString* errorString)
{
    const std::optional<Row> row = findRow(name);
    if (!row)
        return fail(errorString, noSuchUser(name));
    if (role == Role::Nurse && row->user.units.isEmpty())
        return fail(errorString, QStringLiteral("a nurse needs at least one unit: set the units first"));
    SqliteStatement update = m_db.prepare("UPDATE users SET role = ? WHERE id = ?");
    update.bind(1, roleName(role)).bind(2, row->user.id);
    if (!update.run())
        return fail(errorString, QStringLiteral("cannot update the user: %1").arg(m_db.lastError()));
    return true;
}

std::optional<UserDirectory::User> UserDirectory::find(const QString& name) const
{
    const std::optional<Row> row = findRow(name);
    return row ? std::optional<User>(row->user) : std::nullopt;
}

std::optional<UserDirectory::User> UserDirectory::findById(qint64 id) const
{
    SqliteStatement select = m_db.prepare(SelectById);
    select.bind(1, id);
    if (!select.next())
        return std::nullopt;
    return userFrom(select, nullptr);
}

QList<UserDirectory::User> UserDirectory::list() const
{
    QList<User> users;
    SqliteStatement select = m_db.prepare(SelectAll);
    while (select.next()) {
        if (std::optional<User> user = userFrom(select, nullptr))
            users.append(std::move(*user));
    }
    return users;
}

UserDirectory::AuthResult UserDirectory::authenticate(const QString& name, const QString& password,
                                                      const QString& remote)
{
    const std::optional<Row> row = findRow(name);
    if (!row) {
        m_hasher.dummyVerify();
        return {std::nullopt, Failure::UnknownUser};
    }
    // An over-long password cannot satisfy the policy; do not feed megabytes into the KDF for it.
    const bool plausible = password.size() <= MaxPasswordLength * 2;
    bool match = false;
    if (plausible)
        match = m_hasher.verify(password, row->passwordHash);
    else
        m_hasher.dummyVerify();
    if (row->user.disabled)
        return {std::nullopt, Failure::Disabled};
    if (!match)
        return {std::nullopt, Failure::WrongPassword};

    if (m_hasher.needsRehash(row->passwordHash)) {
        const QString upgraded = m_hasher.hash(password);
        SqliteStatement update = m_db.prepare("UPDATE users SET password_hash = ? WHERE id = ? AND password_hash = ?");
        update.bind(1, upgraded).bind(2, row->user.id).bind(3, row->passwordHash);
        if (upgraded.isEmpty() || !update.run())
            qCWarning(lcUserDirectory) << "cannot upgrade the password hash of user" << row->user.id;
    }

    Principal principal;
    principal.userId = row->user.id;
    principal.userName = row->user.name;
    principal.role = row->user.role;
    principal.units = row->user.units;
    principal.remote = remote;
    return {principal, Failure::None};
}

std::optional<UserDirectory::Row> UserDirectory::findRow(const QString& name) const
{
    if (name.isEmpty())
        return std::nullopt;
    SqliteStatement select = m_db.prepare(SelectByName);
    select.bind(1, name);
    if (!select.next())
        return std::nullopt;
    Row row;
    std::optional<User> user = userFrom(select, &row.passwordHash);
    if (!user)
        return std::nullopt;
    row.user = std::move(*user);
    return row;
}

bool UserDirectory::revokeSessions(qint64 userId, QString* errorString)
{
    if (SessionTokens(m_db, m_nowMs).revokeAllFor(userId) < 0)
        return fail(errorString, QStringLiteral("cannot revoke the user's sessions: %1").arg(m_db.lastError()));
    return true;
}
