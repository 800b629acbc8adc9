// NodeDialog: what it refuses before contacting anything, and the fingerprint it pins.
#include "models/console/NodeProfiles.h"
#include "ui/dialogs/FingerprintText.h"
#include "ui/dialogs/NodeDialog.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTest>

namespace {
const QString Fp = QStringLiteral(
    "A9:85:0D:95:FF:E5:34:A5:88:56:AE:DF:6E:B0:F0:8E:0D:AE:2D:CD:E9:C0:87:7A:B2:13:60:F1:05:23:C9:3E");
}

class tst_NodeDialog : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void refusesInvalidInput_data();
    void refusesInvalidInput();
    void acceptsAndPinsTheGivenFingerprint();
    void editKeepsPinWhenAddressIsUnchanged();
    void fingerprintIsGroupedForComparison();
    void fingerprintNormalizes_data();
    void fingerprintNormalizes();

private:
    void fill(NodeDialog& dialog, const QString& name, const QString& host, int port);
    NodeProfiles m_profiles;
    QString m_existingId;
};

void tst_NodeDialog::init()
{
    m_profiles = NodeProfiles();
    NodeProfile existing = NodeProfile::create();
    existing.displayName = QStringLiteral("Lab");
    existing.host = QStringLiteral("lab.example.org");
    existing.port = 8443;
    existing.pinnedFingerprint = Fp;
    m_existingId = m_profiles.add(existing);
    QVERIFY(!m_existingId.isEmpty());
}

void tst_NodeDialog::fill(NodeDialog& dialog, const QString& name, const QString& host, int port)
{
    dialog.findChild<QLineEdit*>(QStringLiteral("displayName"))->setText(name);
    dialog.findChild<QLineEdit*>(QStringLiteral("host"))->setText(host);
    dialog.findChild<QSpinBox*>(QStringLiteral("port"))->setValue(port);
}

void tst_NodeDialog::refusesInvalidInput_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("host");
    QTest::addColumn<int>("port");
    QTest::addColumn<QString>("errorPart");
    QTest::addRow("no host") << QStringLiteral("New") << QString() << 8443 << QString();
    QTest::addRow("blank host") << QStringLiteral("New") << QStringLiteral("   ") << 8443 << QString();
    QTest::addRow("scheme in host") << QStringLiteral("New") << QStringLiteral("https://x.example.org") << 8443 << QString();
    QTest::addRow("space in host") << QStringLiteral("New") << QStringLiteral("x example") << 8443 << QString();
    QTest::addRow("name taken") << QStringLiteral("lab") << QStringLiteral("other.example.org") << 8443 << QString();
    QTest::addRow("address taken") << QStringLiteral("Other") << QStringLiteral("lab.example.org") << 8443
                                   << QStringLiteral("already in the list");
}

void tst_NodeDialog::refusesInvalidInput()
{
    QFETCH(QString, name);
    QFETCH(QString, host);
    QFETCH(int, port);
    QFETCH(QString, errorPart);
    NodeDialog dialog(m_profiles, NodeProfile());
    dialog.setExpectedFingerprint(Fp); // never probe in this test
    dialog.show();
    fill(dialog, name, host, port);
    auto* buttons = dialog.findChild<QDialogButtonBox*>(QStringLiteral("formButtons"));
    QVERIFY(buttons);
    buttons->button(QDialogButtonBox::Save)->click();
    QVERIFY2(dialog.isVisible(), "an invalid node must not be saved");
    QCOMPARE(dialog.result(), int(QDialog::Rejected));
    const QString error = dialog.findChild<QLabel*>(QStringLiteral("error"))->text();
    QVERIFY2(!error.isEmpty(), "the dialog must say what is wrong");
    if (!errorPart.isEmpty())
        QVERIFY2(error.contains(errorPart), qPrintable(error));
    QString direct;
    QVERIFY(!dialog.validateForm(&direct));
    QCOMPARE(direct, error);
}

void tst_NodeDialog::acceptsAndPinsTheGivenFingerprint()
{
    NodeDialog dialog(m_profiles, NodeProfile());
    dialog.setExpectedFingerprint(QStringLiteral("a9850d95ffe534a58856aedf6eb0f08e0dae2dcde9c0877ab21360f10523c93e"));
    dialog.show();
    fill(dialog, QStringLiteral("  Ward node "), QStringLiteral("ward.example.org"), 9443);
    dialog.findChild<QDialogButtonBox*>(QStringLiteral("formButtons"))->button(QDialogButtonBox::Save)->click();
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    const NodeProfile p = dialog.profile();
    QCOMPARE(p.displayName, QStringLiteral("Ward node"));
    QCOMPARE(p.host, QStringLiteral("ward.example.org"));
    QCOMPARE(p.port, quint16(9443));
    QCOMPARE(p.pinnedFingerprint, Fp);
    QVERIFY(p.tls);
}

void tst_NodeDialog::editKeepsPinWhenAddressIsUnchanged()
{
    const NodeProfile existing = *m_profiles.find(m_existingId);
    NodeDialog dialog(m_profiles, existing);
    dialog.show();
    dialog.findChild<QLineEdit*>(QStringLiteral("site"))->setText(QStringLiteral("Main campus"));
    // No probe and no expected fingerprint: a rename must not touch the pin or the network.
    dialog.findChild<QDialogButtonBox*>(QStringLiteral("formButtons"))->button(QDialogButtonBox::Save)->click();
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    QCOMPARE(dialog.profile().pinnedFingerprint, Fp);
    QCOMPARE(dialog.profile().site, QStringLiteral("Main campus"));
    QCOMPARE(dialog.profile().id, m_existingId);
}

void tst_NodeDialog::fingerprintIsGroupedForComparison()
{
    const QString grouped = FingerprintText::grouped(Fp);
    const QStringList lines = grouped.split(u'\n');
    QCOMPARE(lines.size(), 4);
    QCOMPARE(lines.first(), QStringLiteral("A9:85:0D:95  FF:E5:34:A5"));
    QCOMPARE(QString(grouped).remove(u'\n').remove(u' ').remove(u':'), QString(Fp).remove(u':'));
}

void tst_NodeDialog::fingerprintNormalizes_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("expected");
    QTest::addRow("as printed") << Fp << Fp;
    QTest::addRow("lower, no colons") << QString(Fp).remove(u':').toLower() << Fp;
    QTest::addRow("spaces") << QString(Fp).replace(u':', u' ') << Fp;
    QTest::addRow("too short") << QStringLiteral("A9:85") << QString();
    QTest::addRow("not hex") << QString(Fp).replace(QStringLiteral("A9"), QStringLiteral("ZZ")) << QString();
}

void tst_NodeDialog::fingerprintNormalizes()
{
    QFETCH(QString, input);
    QFETCH(QString, expected);
    QCOMPARE(FingerprintText::normalized(input), expected);
}

QTEST_MAIN(tst_NodeDialog)
#include "tst_nodedialog.moc"
