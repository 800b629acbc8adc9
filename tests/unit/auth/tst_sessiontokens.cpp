// Unit tests of SessionTokens: bearer tokens stored only as hashes, expiring on a fake clock,
// revoked one by one, per user on password change and disable, and always reflecting the user's
// current role and units.
#include "node/auth/SessionTokens.h"
#include "node/auth/UserDirectory.h"
#include "node/ops/OpsDatabase.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;

namespace {

const QString GoodPassword = u"twelve chars"_s;

} // namespace

class tst_SessionTokens : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void issueAndValidate();
    void databaseNeverHoldsTheClearToken();
    void tokensExpire();
    void purgeExpiredRemovesOnlyExpiredRows();
    void revoke();
    void passwordChangeRevokesAllOfTheUsersTokens();
    void disableRevokesAndDisabledUserIsRefused();
    void roleAndUnitChangesTakeEffectAtOnce();
    void deletedUserTokenIsInvalid();
    void malformedTokens_data();
    void malformedTokens();

private:
    Principal signIn(const QString& name, const QString& remote = u"10.0.0.7"_s);
    int sessionRows();

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<OpsDatabase> m_ops;
    std::unique_ptr<UserDirectory> m_users;
    std::unique_ptr<SessionTokens> m_tokens;
    qint64 m_now = 1'700'000'000'000;
};

void tst_SessionTokens::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_ops = std::make_unique<OpsDatabase>();
    QString error;
    QVERIFY2(m_ops->open(m_dir->filePath(u"ops.db"_s), &error), qPrintable(error));
    QVERIFY2(UserDirectory::ensureSchema(m_ops->db(), &error), qPrintable(error));
    QVERIFY2(SessionTokens::ensureSchema(m_ops->db(), &error), qPrintable(error));
    const auto clock = [this] { return m_now; };
    m_users = std::make_unique<UserDirectory>(m_ops->db(), clock, PasswordHasher({4, 8, 1}));
    m_tokens = std::make_unique<SessionTokens>(m_ops->db(), clock);
    QVERIFY(m_users->addUser(u"alice"_s, Role::Support, {}, GoodPassword));
    QVERIFY(m_users->addUser(u"bob"_s, Role::Admin, {}, GoodPassword));
    QVERIFY(m_users->addUser(u"nina"_s, Role::Nurse, {u"ICU"_s}, GoodPassword));
}

void tst_SessionTokens::cleanup()
{
    m_tokens.reset();
    m_users.reset();
    m_ops.reset();
    m_dir.reset();
}

Principal tst_SessionTokens::signIn(const QString& name, const QString& remote)
{
    const UserDirectory::AuthResult result = m_users->authenticate(name, GoodPassword, remote);
    return result.principal.value_or(Principal{});
}

int tst_SessionTokens::sessionRows()
{
    SqliteStatement count = m_ops->db().prepare("SELECT count(*) FROM sessions");
    return count.next() ? int(count.int64(0)) : -1;
}

void tst_SessionTokens::issueAndValidate()
{
    const Principal alice = signIn(u"alice"_s, u"10.0.0.7"_s);
    QVERIFY(alice.userId > 0);
    qint64 expiresAt = 0;
    QString error;
    const QString token = m_tokens->issue(alice, 15, &expiresAt, &error);
    QVERIFY2(!token.isEmpty(), qPrintable(error));
    QCOMPARE(token.size(), 43);
    QCOMPARE(expiresAt, m_now + 15 * 60 * 1000);
    QVERIFY(token != m_tokens->issue(alice, 15));

    const std::optional<Principal> principal = m_tokens->validate(token);
    QVERIFY(principal);
    QCOMPARE(principal->userId, alice.userId);
    QCOMPARE(principal->userName, u"alice"_s);
    QCOMPARE(principal->role, Role::Support);
    QCOMPARE(principal->remote, u"10.0.0.7"_s);
    QCOMPARE(m_tokens->validate(token, u"10.9.9.9"_s)->remote, u"10.9.9.9"_s);
}

void tst_SessionTokens::databaseNeverHoldsTheClearToken()
{
    const QString token = m_tokens->issue(signIn(u"alice"_s), 15);
    QVERIFY(!token.isEmpty());
    const QByteArray raw = QByteArray::fromBase64(token.toLatin1(), QByteArray::Base64UrlEncoding);
    QCOMPARE(raw.size(), 32);

    SqliteStatement select =
        m_ops->db().prepare("SELECT token_hash, user_id, issued_at, expires_at, remote FROM sessions");
    int rows = 0;
    while (select.next()) {
        ++rows;
        QCOMPARE(select.blob(0), QCryptographicHash::hash(raw, QCryptographicHash::Sha256));
        for (int column = 0; column < 5; ++column) {
            const QByteArray value = select.blob(column);
            QVERIFY(!value.contains(token.toLatin1()));
            QVERIFY(!value.contains(raw));
        }
    }
    QCOMPARE(rows, 1);

    // Nor anywhere in the files (database and WAL).
    const QStringList files = QDir(m_dir->path()).entryList(QDir::Files);
    QVERIFY(files.contains(u"ops.db"_s));
    for (const QString& name : files) {
        QFile file(m_dir->filePath(name));
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray bytes = file.readAll();
        QVERIFY2(!bytes.contains(token.toLatin1()), qPrintable(name));
        QVERIFY2(!bytes.contains(raw), qPrintable(name));
    }
}

void tst_SessionTokens::tokensExpire()
{
    const QString token = m_tokens->issue(signIn(u"alice"_s), 15);
    m_now += 15 * 60 * 1000 - 1;
    QVERIFY(m_tokens->validate(token));
    m_now += 1;
    QVERIFY(!m_tokens->validate(token));
    // A zero or negative lifetime still gives a usable (one-minute) token rather than a dead one.
    const QString shortLived = m_tokens->issue(signIn(u"alice"_s), 0);
    QVERIFY(m_tokens->validate(shortLived));
    m_now += 60 * 1000;
    QVERIFY(!m_tokens->validate(shortLived));
}

void tst_SessionTokens::purgeExpiredRemovesOnlyExpiredRows()
{
    const QString shortToken = m_tokens->issue(signIn(u"alice"_s), 5);
    const QString longToken = m_tokens->issue(signIn(u"bob"_s), 60);
    QCOMPARE(sessionRows(), 2);
    m_now += 5 * 60 * 1000;
    QCOMPARE(m_tokens->purgeExpired(), 1);
    QCOMPARE(sessionRows(), 1);
    QVERIFY(m_tokens->validate(longToken));
    QCOMPARE(m_tokens->purgeExpired(), 0);
}

void tst_SessionTokens::revoke()
{
    const Principal alice = signIn(u"alice"_s);
    const QString first = m_tokens->issue(alice, 15);
    const QString second = m_tokens->issue(alice, 15);
    QVERIFY(m_tokens->revoke(first));
    QVERIFY(!m_tokens->validate(first));
    QVERIFY(m_tokens->validate(second));
    QVERIFY(!m_tokens->revoke(first));
    QVERIFY(!m_tokens->revoke(u"not a token"_s));
    QCOMPARE(sessionRows(), 1);
}

void tst_SessionTokens::passwordChangeRevokesAllOfTheUsersTokens()
{
    const QString aliceOne = m_tokens->issue(signIn(u"alice"_s), 15);
    const QString aliceTwo = m_tokens->issue(signIn(u"alice"_s), 15);
    const QString bob = m_tokens->issue(signIn(u"bob"_s), 15);
    QString error;
    QVERIFY2(m_users->setPassword(u"alice"_s, u"another good password"_s, &error), qPrintable(error));
    QVERIFY(!m_tokens->validate(aliceOne));
    QVERIFY(!m_tokens->validate(aliceTwo));
    QVERIFY(m_tokens->validate(bob));
    QCOMPARE(sessionRows(), 1);

    // Direct use, as a sign-out-everywhere would.
    QCOMPARE(m_tokens->revokeAllFor(signIn(u"bob"_s).userId), 1);
    QVERIFY(!m_tokens->validate(bob));
}

void tst_SessionTokens::disableRevokesAndDisabledUserIsRefused()
{
    const QString token = m_tokens->issue(signIn(u"alice"_s), 15);
    QVERIFY(m_users->setDisabled(u"alice"_s, true));
    QVERIFY(!m_tokens->validate(token));
    QVERIFY(m_users->setDisabled(u"alice"_s, false));
    QVERIFY(!m_tokens->validate(token)); // enabling does not revive old sessions

    // Even if a session survived (say the row was written by hand), a disabled user gets nothing.
    const QString fresh = m_tokens->issue(signIn(u"alice"_s), 15);
    QVERIFY(m_tokens->validate(fresh));
    QVERIFY(m_ops->db().exec("UPDATE users SET disabled = 1 WHERE name = 'alice'"));
    QVERIFY(!m_tokens->validate(fresh));
}

void tst_SessionTokens::roleAndUnitChangesTakeEffectAtOnce()
{
    const QString token = m_tokens->issue(signIn(u"nina"_s), 15);
    QCOMPARE(m_tokens->validate(token)->units, QStringList{u"ICU"_s});
    QVERIFY(m_tokens->validate(token)->maySee(u"ICU"_s));
    QVERIFY(!m_tokens->validate(token)->maySee(u"4W"_s));

    QVERIFY(m_users->setUnits(u"nina"_s, {u"4W"_s}));
    QCOMPARE(m_tokens->validate(token)->units, QStringList{u"4W"_s});
    QVERIFY(!m_tokens->validate(token)->maySee(u"ICU"_s));

    QVERIFY(m_users->setRole(u"nina"_s, Role::Support));
    QCOMPARE(m_tokens->validate(token)->role, Role::Support);
}

void tst_SessionTokens::deletedUserTokenIsInvalid()
{
    const QString token = m_tokens->issue(signIn(u"alice"_s), 15);
    QVERIFY(m_ops->db().exec("DELETE FROM users WHERE name = 'alice'"));
    QVERIFY(!m_tokens->validate(token));
    QCOMPARE(sessionRows(), 0); // ON DELETE CASCADE
}

void tst_SessionTokens::malformedTokens_data()
{
    QTest::addColumn<QString>("token");
    QTest::addRow("empty") << QString();
    QTest::addRow("short") << u"abc"_s;
    QTest::addRow("43 bad characters") << QString(43, u'*');
    QTest::addRow("44 characters") << QString(44, u'A');
    QTest::addRow("padded") << (QString(42, u'A') + u'=');
    QTest::addRow("well formed, never issued") << QString(43, u'A');
}

void tst_SessionTokens::malformedTokens()
{
    QFETCH(QString, token);
    QVERIFY(!m_tokens->issue(signIn(u"alice"_s), 15).isEmpty());
    QVERIFY(!m_tokens->validate(token));
    QVERIFY(!m_tokens->revoke(token));
}

QTEST_GUILESS_MAIN(tst_SessionTokens)
#include "tst_sessiontokens.moc"
