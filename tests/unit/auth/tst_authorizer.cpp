// Unit tests of Authorizer: the whole role x permission matrix of Authorizer.h, row by row, and
// who sees PHI without a reveal.
#include "node/auth/Authorizer.h"

#include <QSet>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

constexpr Permission AllPermissions[] = {
    Permission::ReadNodeInfo,       Permission::ReadStats,          Permission::ReadMessages,
    Permission::ReadDeadLetters,    Permission::RevealPhi,          Permission::ExportMessages,
    Permission::Resubmit,           Permission::ReadAudit,          Permission::ManageUsers,
    Permission::ReadAlerts,         Permission::AckClinicalAlert,   Permission::AckOperationalAlert,
    Permission::ResolveAlert,       Permission::EscalateAlert,      Permission::ManageSilences,
};

Principal principal(Role role, QStringList units = {})
{
    Principal p;
    p.userId = 1;
    p.userName = u"someone"_s;
    p.role = role;
    p.units = std::move(units);
    return p;
}

} // namespace

class tst_Authorizer : public QObject
{
    Q_OBJECT

private slots:
    void matrix_data();
    void matrix();
    void seesPhiUnmasked_data();
    void seesPhiUnmasked();
    void permissionNamesAreDistinct();
};

void tst_Authorizer::matrix_data()
{
    QTest::addColumn<Permission>("permission");
    QTest::addColumn<bool>("admin");
    QTest::addColumn<bool>("support");
    QTest::addColumn<bool>("nurse");
    // Transcribed from the table in Authorizer.h (and docs/ops-api.md), not from the code.
    QTest::addRow("ReadNodeInfo") << Permission::ReadNodeInfo << true << true << true;
    QTest::addRow("ReadStats") << Permission::ReadStats << true << true << true;
    QTest::addRow("ReadMessages") << Permission::ReadMessages << true << true << true;
    QTest::addRow("ReadDeadLetters") << Permission::ReadDeadLetters << true << true << false;
    QTest::addRow("RevealPhi") << Permission::RevealPhi << true << true << false;
    QTest::addRow("ExportMessages") << Permission::ExportMessages << true << true << false;
    QTest::addRow("Resubmit") << Permission::Resubmit << true << false << false;
    QTest::addRow("ReadAudit") << Permission::ReadAudit << true << true << false;
    QTest::addRow("ManageUsers") << Permission::ManageUsers << true << false << false;
    QTest::addRow("ReadAlerts") << Permission::ReadAlerts << true << true << true;
    QTest::addRow("AckClinicalAlert") << Permission::AckClinicalAlert << true << false << true;
    QTest::addRow("AckOperationalAlert") << Permission::AckOperationalAlert << true << true << false;
    QTest::addRow("ResolveAlert") << Permission::ResolveAlert << true << true << false;
    QTest::addRow("EscalateAlert") << Permission::EscalateAlert << true << true << false;
    QTest::addRow("ManageSilences") << Permission::ManageSilences << true << true << false;
}

void tst_Authorizer::matrix()
{
    QFETCH(Permission, permission);
    QFETCH(bool, admin);
    QFETCH(bool, support);
    QFETCH(bool, nurse);
    QCOMPARE(Authorizer::allows(principal(Role::Admin), permission), admin);
    QCOMPARE(Authorizer::allows(principal(Role::Support), permission), support);
    QCOMPARE(Authorizer::allows(principal(Role::Nurse, {u"ICU"_s}), permission), nurse);
}

void tst_Authorizer::seesPhiUnmasked_data()
{
    QTest::addColumn<int>("role");
    QTest::addColumn<QStringList>("units");
    QTest::addColumn<QString>("unit");
    QTest::addColumn<bool>("unmasked");
    const QStringList icu{u"ICU"_s, u"4W"_s};
    QTest::addRow("nurse, own unit") << int(Role::Nurse) << icu << u"ICU"_s << true;
    QTest::addRow("nurse, own unit other case") << int(Role::Nurse) << icu << u"icu"_s << true;
    QTest::addRow("nurse, second unit") << int(Role::Nurse) << icu << u"4W"_s << true;
    QTest::addRow("nurse, other unit") << int(Role::Nurse) << icu << u"5E"_s << false;
    QTest::addRow("nurse, no unit") << int(Role::Nurse) << icu << QString() << false;
    QTest::addRow("admin") << int(Role::Admin) << QStringList() << u"ICU"_s << false;
    QTest::addRow("admin with units") << int(Role::Admin) << icu << u"ICU"_s << false;
    QTest::addRow("support") << int(Role::Support) << QStringList() << u"ICU"_s << false;
    QTest::addRow("support with units") << int(Role::Support) << icu << u"ICU"_s << false;
}

void tst_Authorizer::seesPhiUnmasked()
{
    QFETCH(int, role);
    QFETCH(QStringList, units);
    QFETCH(QString, unit);
    QFETCH(bool, unmasked);
    QCOMPARE(Authorizer::seesPhiUnmasked(principal(Role(role), units), unit), unmasked);
}

void tst_Authorizer::permissionNamesAreDistinct()
{
    QSet<QString> names;
    for (Permission permission : AllPermissions) {
        const QString name = Authorizer::permissionName(permission);
        QVERIFY(!name.isEmpty());
        names.insert(name);
    }
    QCOMPARE(names.size(), qsizetype(std::size(AllPermissions)));
    QCOMPARE(Authorizer::permissionName(Permission::AckClinicalAlert), u"ackClinicalAlert"_s);
}

QTEST_GUILESS_MAIN(tst_Authorizer)
#include "tst_authorizer.moc"
