// Unit tests of UserDirectory: adding users under the password and unit policies, changing them,
// and sign-in outcomes with their audit reasons. Real ops.db in a temporary folder, fake clock.
#include "node/auth/UserDirectory.h"
#include "node/ops/OpsDatabase.h"

#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;

namespace {

const PasswordHasher::Parameters Cheap{4, 8, 1};
const QString GoodPassword = u"twelve chars"_s;

} // namespace

class tst_UserDirectory : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void addAndFind();
    void namesAreCaseInsensitive();
    void duplicateIsRefused();
    void passwordPolicy_data();
    void passwordPolicy();
    void invalidNames_data();
    void invalidNames();
    void nurseNeedsUnit();
    void unitsAreValidated();
    void listIsSortedByName();
    void authenticate_data();
    void authenticate();
    void principalCarriesRoleUnitsAndRemote();
    void setPasswordReplacesTheOldOne();
    void disableAndEnable();
    void unknownUserChangesFail();
    void olderHashIsUpgradedAtSignIn();
    void changesNestInACallerTransaction();

private:
    QString storedHash(const QString& name);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<OpsDatabase> m_ops;
    std::unique_ptr<UserDirectory> m_users;
    qint64 m_now = 1'700'000'000'000;
};

void tst_UserDirectory::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_ops = std::make_unique<OpsDatabase>();
    QString error;
    QVERIFY2(m_ops->open(m_dir->filePath(u"ops.db"_s), &error), qPrintable(error));
    QVERIFY2(UserDirectory::ensureSchema(m_ops->db(), &error), qPrintable(error));
    QVERIFY2(UserDirectory::ensureSchema(m_ops->db(), &error), qPrintable(error)); // idempotent
    m_users = std::make_unique<UserDirectory>(m_ops->db(), [this] { return m_now; }, PasswordHasher(Cheap));
}

void tst_UserDirectory::cleanup()
{
    m_users.reset();
    m_ops.reset();
    m_dir.reset();
}

QString tst_UserDirectory::storedHash(const QString& name)
{
    SqliteStatement select = m_ops->db().prepare("SELECT password_hash FROM users WHERE name = ?");
    select.bind(1, name);
    return select.next() ? select.text(0) : QString();
}

void tst_UserDirectory::addAndFind()
{
    QString error;
    const std::optional<qint64> id = m_users->addUser(u"alice"_s, Role::Nurse, {u" ICU "_s, u"icu"_s, u"4W"_s},
                                                      GoodPassword, &error);
    QVERIFY2(id, qPrintable(error));
    const std::optional<UserDirectory::User> user = m_users->find(u"alice"_s);
    QVERIFY(user);
    QCOMPARE(user->id, *id);
    QCOMPARE(user->name, u"alice"_s);
    QCOMPARE(user->role, Role::Nurse);
    QCOMPARE(user->units, (QStringList{u"ICU"_s, u"4W"_s}));
    QVERIFY(!user->disabled);
    QCOMPARE(user->createdAtMs, m_now);
    QCOMPARE(user->passwordChangedAtMs, m_now);
    QCOMPARE(m_users->findById(*id)->name, u"alice"_s);
    QVERIFY(!m_users->find(u"bob"_s));
    QVERIFY(storedHash(u"alice"_s).startsWith(u"scrypt$"_s));
}

void tst_UserDirectory::namesAreCaseInsensitive()
{
    QVERIFY(m_users->addUser(u"Alice"_s, Role::Admin, {}, GoodPassword));
    QCOMPARE(m_users->find(u"ALICE"_s)->name, u"Alice"_s);
    QCOMPARE(m_users->authenticate(u"alice"_s, GoodPassword).reason, UserDirectory::Failure::None);
}

void tst_UserDirectory::duplicateIsRefused()
{
    QVERIFY(m_users->addUser(u"alice"_s, Role::Admin, {}, GoodPassword));
    QString error;
    QVERIFY(!m_users->addUser(u"ALICE"_s, Role::Support, {}, u"another password"_s, &error));
    QVERIFY2(error.contains(u"already exists"_s), qPrintable(error));
    QCOMPARE(m_users->list().size(), 1);
    QCOMPARE(m_users->find(u"alice"_s)->role, Role::Admin);
}

void tst_UserDirectory::passwordPolicy_data()
{
    QTest::addColumn<QString>("password");
    QTest::addColumn<bool>("accepted");
    QTest::addColumn<QString>("errorMentions");
    QTest::addRow("11 characters") << u"elevenchars"_s << false << u"at least 12 characters"_s;
    QTest::addRow("12 characters") << u"twelvechars!"_s << true << QString();
    QTest::addRow("empty") << QString() << false << u"at least 12"_s;
    QTest::addRow("the user name") << u"Margaret.Lee"_s << false << u"user name"_s;
    // 11 emoji are 22 UTF-16 units but only 11 characters.
    QTest::addRow("11 emoji") << QString(u"\U0001F600"_s).repeated(11) << false << u"at least 12"_s;
    QTest::addRow("12 emoji") << QString(u"\U0001F600"_s).repeated(12) << true << QString();
    QTest::addRow("too long") << QString(1025, u'x') << false << u"at most 1024"_s;
}

void tst_UserDirectory::passwordPolicy()
{
    QFETCH(QString, password);
    QFETCH(bool, accepted);
    QFETCH(QString, errorMentions);
    QString error;
    QCOMPARE(bool(m_users->addUser(u"margaret.lee"_s, Role::Support, {}, password, &error)), accepted);
    QCOMPARE(bool(m_users->find(u"margaret.lee"_s)), accepted);
    if (!accepted)
        QVERIFY2(error.contains(errorMentions), qPrintable(error));
    else
        QCOMPARE(m_users->authenticate(u"margaret.lee"_s, password).reason, UserDirectory::Failure::None);

    if (accepted) {
        QVERIFY(!m_users->setPassword(u"margaret.lee"_s, u"short"_s, &error));
        QVERIFY2(error.contains(u"at least 12 characters"_s), qPrintable(error));
    }
}

void tst_UserDirectory::invalidNames_data()
{
    QTest::addColumn<QString>("name");
    QTest::addRow("empty") << QString();
    QTest::addRow("space") << u"alice smith"_s;
    QTest::addRow("leading dash") << u"-alice"_s;
    QTest::addRow("non-ascii") << u"j\u00fcrgen"_s;
    QTest::addRow("65 characters") << QString(65, u'a');
    QTest::addRow("control") << u"alice\n"_s;
}

void tst_UserDirectory::invalidNames()
{
    QFETCH(QString, name);
    QString error;
    QVERIFY(!m_users->addUser(name, Role::Support, {}, GoodPassword, &error));
    QVERIFY2(error.contains(u"user name"_s), qPrintable(error));
    QVERIFY(m_users->list().isEmpty());
}

void tst_UserDirectory::nurseNeedsUnit()
{
    QString error;
    QVERIFY(!m_users->addUser(u"nina"_s, Role::Nurse, {}, GoodPassword, &error));
    QVERIFY2(error.contains(u"unit"_s), qPrintable(error));
    QVERIFY(!m_users->find(u"nina"_s));

    QVERIFY(m_users->addUser(u"nina"_s, Role::Nurse, {u"ICU"_s}, GoodPassword));
    QVERIFY(!m_users->setUnits(u"nina"_s, {}, &error));
    QVERIFY2(error.contains(u"unit"_s), qPrintable(error));
    QCOMPARE(m_users->find(u"nina"_s)->units, QStringList{u"ICU"_s});
    QVERIFY(m_users->setUnits(u"nina"_s, {u"4W"_s, u"5E"_s}, &error));
    QCOMPARE(m_users->find(u"nina"_s)->units, (QStringList{u"4W"_s, u"5E"_s}));

    // Support and admin need no units; turning one into a nurse does.
    QVERIFY(m_users->addUser(u"sam"_s, Role::Support, {}, GoodPassword));
    QVERIFY(!m_users->setRole(u"sam"_s, Role::Nurse, &error));
    QVERIFY2(error.contains(u"unit"_s), qPrintable(error));
    QCOMPARE(m_users->find(u"sam"_s)->role, Role::Support);
    QVERIFY(m_users->setUnits(u"sam"_s, {u"ICU"_s}));
    QVERIFY2(m_users->setRole(u"sam"_s, Role::Nurse, &error), qPrintable(error));
    QCOMPARE(m_users->find(u"sam"_s)->role, Role::Nurse);
}

void tst_UserDirectory::unitsAreValidated()
{
    QString error;
    QVERIFY(!m_users->addUser(u"nina"_s, Role::Nurse, {u"ICU"_s, u"  "_s}, GoodPassword, &error));
    QVERIFY2(error.contains(u"must not be empty"_s), qPrintable(error));
    QVERIFY(!m_users->addUser(u"nina"_s, Role::Nurse, {QString(65, u'U')}, GoodPassword, &error));
    QVERIFY2(error.contains(u"at most 64"_s), qPrintable(error));
    QVERIFY(!m_users->find(u"nina"_s));
}

void tst_UserDirectory::listIsSortedByName()
{
    QVERIFY(m_users->addUser(u"carol"_s, Role::Admin, {}, GoodPassword));
    QVERIFY(m_users->addUser(u"Alice"_s, Role::Support, {}, GoodPassword));
    QVERIFY(m_users->addUser(u"bob"_s, Role::Nurse, {u"ICU"_s}, GoodPassword));
    const QList<UserDirectory::User> users = m_users->list();
    QCOMPARE(users.size(), 3);
    QCOMPARE(users.at(0).name, u"Alice"_s);
    QCOMPARE(users.at(1).name, u"bob"_s);
    QCOMPARE(users.at(1).units, QStringList{u"ICU"_s});
    QCOMPARE(users.at(2).name, u"carol"_s);
    QCOMPARE(users.at(2).role, Role::Admin);
}

void tst_UserDirectory::authenticate_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("password");
    QTest::addColumn<int>("reason");
    const auto reason = [](UserDirectory::Failure f) { return int(f); };
    QTest::addRow("right") << u"alice"_s << GoodPassword << reason(UserDirectory::Failure::None);
    QTest::addRow("name in other case") << u"ALICE"_s << GoodPassword << reason(UserDirectory::Failure::None);
    QTest::addRow("wrong password") << u"alice"_s << u"twelve charz"_s << reason(UserDirectory::Failure::WrongPassword);
    QTest::addRow("empty password") << u"alice"_s << QString() << reason(UserDirectory::Failure::WrongPassword);
    QTest::addRow("huge password") << u"alice"_s << QString(100000, u'x')
                                   << reason(UserDirectory::Failure::WrongPassword);
    QTest::addRow("unknown user") << u"mallory"_s << GoodPassword << reason(UserDirectory::Failure::UnknownUser);
    QTest::addRow("empty name") << QString() << GoodPassword << reason(UserDirectory::Failure::UnknownUser);
    QTest::addRow("disabled, right password") << u"dave"_s << GoodPassword << reason(UserDirectory::Failure::Disabled);
    QTest::addRow("disabled, wrong password") << u"dave"_s << u"nope nope nope"_s
                                              << reason(UserDirectory::Failure::Disabled);
}

void tst_UserDirectory::authenticate()
{
    QFETCH(QString, name);
    QFETCH(QString, password);
    QFETCH(int, reason);
    QVERIFY(m_users->addUser(u"alice"_s, Role::Support, {}, GoodPassword));
    QVERIFY(m_users->addUser(u"dave"_s, Role::Admin, {}, GoodPassword));
    QVERIFY(m_users->setDisabled(u"dave"_s, true));

    const UserDirectory::AuthResult result = m_users->authenticate(name, password);
    QCOMPARE(int(result.reason), reason);
    QCOMPARE(result.principal.has_value(), result.reason == UserDirectory::Failure::None);
    QVERIFY(!UserDirectory::failureName(result.reason).isEmpty());
}

void tst_UserDirectory::principalCarriesRoleUnitsAndRemote()
{
    const std::optional<qint64> id = m_users->addUser(u"nina"_s, Role::Nurse, {u"ICU"_s, u"4W"_s}, GoodPassword);
    QVERIFY(id);
    const UserDirectory::AuthResult result = m_users->authenticate(u"NINA"_s, GoodPassword, u"10.1.2.3"_s);
    QVERIFY(result.principal);
    QCOMPARE(result.principal->userId, *id);
    QCOMPARE(result.principal->userName, u"nina"_s);
    QCOMPARE(result.principal->role, Role::Nurse);
    QCOMPARE(result.principal->units, (QStringList{u"ICU"_s, u"4W"_s}));
    QCOMPARE(result.principal->remote, u"10.1.2.3"_s);
}

void tst_UserDirectory::setPasswordReplacesTheOldOne()
{
    QVERIFY(m_users->addUser(u"alice"_s, Role::Support, {}, GoodPassword));
    const QString before = storedHash(u"alice"_s);
    m_now += 60'000;
    QString error;
    QVERIFY2(m_users->setPassword(u"ALICE"_s, u"a brand new password"_s, &error), qPrintable(error));
    QVERIFY(storedHash(u"alice"_s) != before);
    QCOMPARE(m_users->find(u"alice"_s)->passwordChangedAtMs, m_now);
    QCOMPARE(m_users->find(u"alice"_s)->createdAtMs, m_now - 60'000);
    QCOMPARE(m_users->authenticate(u"alice"_s, GoodPassword).reason, UserDirectory::Failure::WrongPassword);
    QCOMPARE(m_users->authenticate(u"alice"_s, u"a brand new password"_s).reason, UserDirectory::Failure::None);
}

void tst_UserDirectory::disableAndEnable()
{
    QVERIFY(m_users->addUser(u"alice"_s, Role::Support, {}, GoodPassword));
    QVERIFY(m_users->setDisabled(u"alice"_s, true));
    QVERIFY(m_users->find(u"alice"_s)->disabled);
    QCOMPARE(m_users->authenticate(u"alice"_s, GoodPassword).reason, UserDirectory::Failure::Disabled);
    QVERIFY(m_users->setDisabled(u"alice"_s, false));
    QVERIFY(!m_users->find(u"alice"_s)->disabled);
    QCOMPARE(m_users->authenticate(u"alice"_s, GoodPassword).reason, UserDirectory::Failure::None);
}

void tst_UserDirectory::unknownUserChangesFail()
{
    QString error;
    QVERIFY(!m_users->setPassword(u"ghost"_s, GoodPassword, &error));
    QVERIFY2(error.contains(u"no user named"_s), qPrintable(error));
    error.clear();
    QVERIFY(!m_users->setDisabled(u"ghost"_s, true, &error));
    QVERIFY(!error.isEmpty());
    error.clear();
    QVERIFY(!m_users->setUnits(u"ghost"_s, {u"ICU"_s}, &error));
    QVERIFY(!error.isEmpty());
    error.clear();
    QVERIFY(!m_users->setRole(u"ghost"_s, Role::Admin, &error));
    QVERIFY(!error.isEmpty());
}

void tst_UserDirectory::olderHashIsUpgradedAtSignIn()
{
    QVERIFY(m_users->addUser(u"alice"_s, Role::Support, {}, GoodPassword));
    QVERIFY(storedHash(u"alice"_s).startsWith(u"scrypt$ln=4,r=8,p=1$"_s));
    UserDirectory stronger(m_ops->db(), [this] { return m_now; }, PasswordHasher({5, 8, 1}));

    QCOMPARE(stronger.authenticate(u"alice"_s, u"wrong password!"_s).reason, UserDirectory::Failure::WrongPassword);
    QVERIFY(storedHash(u"alice"_s).startsWith(u"scrypt$ln=4,"_s));

    QCOMPARE(stronger.authenticate(u"alice"_s, GoodPassword).reason, UserDirectory::Failure::None);
    QVERIFY2(storedHash(u"alice"_s).startsWith(u"scrypt$ln=5,r=8,p=1$"_s), qPrintable(storedHash(u"alice"_s)));
    QCOMPARE(stronger.authenticate(u"alice"_s, GoodPassword).reason, UserDirectory::Failure::None);
    QCOMPARE(m_users->authenticate(u"alice"_s, GoodPassword).reason, UserDirectory::Failure::None);
}

void tst_UserDirectory::changesNestInACallerTransaction()
{
    QVERIFY(m_users->addUser(u"alice"_s, Role::Support, {}, GoodPassword));
    // The API appends the audit record in the same transaction; a rollback there undoes the change.
    QVERIFY(m_ops->db().exec("BEGIN IMMEDIATE"));
    QString error;
    QVERIFY2(m_users->setPassword(u"alice"_s, u"a brand new password"_s, &error), qPrintable(error));
    QVERIFY2(m_users->setDisabled(u"alice"_s, true, &error), qPrintable(error));
    QVERIFY(m_ops->db().exec("ROLLBACK"));
    QVERIFY(!m_users->find(u"alice"_s)->disabled);
    QCOMPARE(m_users->authenticate(u"alice"_s, GoodPassword).reason, UserDirectory::Failure::None);
}

QTEST_GUILESS_MAIN(tst_UserDirectory)
#include "tst_userdirectory.moc"
