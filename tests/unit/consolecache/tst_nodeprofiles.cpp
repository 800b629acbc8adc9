#include "models/console/NodeProfiles.h"

#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

class tst_NodeProfiles : public QObject
{
    Q_OBJECT

private:
    static NodeProfile profile(const QString& name, const QString& host, quint16 port)
    {
        NodeProfile p = NodeProfile::create();
        p.displayName = name;
        p.host = host;
        p.port = port;
        return p;
    }

private slots:
    void createGivesUniqueIds()
    {
        const NodeProfile a = NodeProfile::create();
        const NodeProfile b = NodeProfile::create();
        QVERIFY(!a.id.isEmpty());
        QVERIFY(!a.id.startsWith(u'{'));
        QCOMPARE_NE(a.id, b.id);
        QVERIFY(a.tls);
    }

    void address()
    {
        QCOMPARE(profile(u"a"_s, u"node1.example"_s, 8443).address(), u"node1.example:8443"_s);
        QCOMPARE(profile(u"a"_s, u"::1"_s, 8443).address(), u"[::1]:8443"_s);
    }

    void roundTripThroughFile()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(u"console.ini"_s);

        NodeProfiles profiles;
        NodeProfile a = profile(u"Lab node"_s, u"lab.example"_s, 8443);
        a.site = u"Main campus"_s;
        a.pinnedFingerprint = u"A9:85:0D:95"_s;
        a.userName = u"nurse1"_s;
        a.roleName = u"nurse"_s;
        a.units = QStringList{u"ICU-3"_s, u"5A"_s};
        NodeProfile b = profile(u"Dev node"_s, u"127.0.0.1"_s, 42339);
        b.tls = false;
        QString error;
        QCOMPARE(profiles.add(a, &error), a.id);
        QCOMPARE(profiles.add(b, &error), b.id);
        QVERIFY2(profiles.save(path, &error), qPrintable(error));

        NodeProfiles loaded;
        QVERIFY2(loaded.load(path, &error), qPrintable(error));
        QCOMPARE(loaded.size(), 2);
        QCOMPARE(loaded.profiles().at(0), a);
        QCOMPARE(loaded.profiles().at(1), b);
        QCOMPARE(loaded.find(b.id)->tls, false);

        // Saving a shorter list leaves no stale entries behind.
        QVERIFY(loaded.remove(a.id));
        QVERIFY(loaded.save(path));
        NodeProfiles again;
        QVERIFY(again.load(path));
        QCOMPARE(again.size(), 1);
        QCOMPARE(again.profiles().first(), b);
    }

    void roundTripThroughSettingsKeepsOtherKeys()
    {
        QTemporaryDir dir;
        QSettings settings(dir.filePath(u"app.ini"_s), QSettings::IniFormat);
        settings.setValue(u"ui/theme"_s, u"dark"_s);
        NodeProfiles profiles;
        const QString id = profiles.add(profile(u"n"_s, u"h"_s, 1));
        QVERIFY(!id.isEmpty());
        QVERIFY(profiles.save(settings));
        QCOMPARE(settings.value(u"ui/theme"_s).toString(), u"dark"_s);
        NodeProfiles loaded;
        QVERIFY(loaded.load(settings));
        QCOMPARE(loaded.profiles(), profiles.profiles());
    }

    void missingFileIsAnEmptyList()
    {
        QTemporaryDir dir;
        NodeProfiles profiles;
        profiles.add(profile(u"n"_s, u"h"_s, 1));
        QString error = u"x"_s;
        QVERIFY(profiles.load(dir.filePath(u"none.ini"_s), &error));
        QCOMPARE(profiles.size(), 0);
        QVERIFY(error.isEmpty());
    }

    void validation_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("host");
        QTest::addColumn<int>("port");
        QTest::addColumn<NodeProfiles::Problem>("problem");

        QTest::addRow("valid") << u"New"_s << u"new.example"_s << 8443 << NodeProfiles::Problem::None;
        QTest::addRow("lowest port") << u"New"_s << u"new.example"_s << 1 << NodeProfiles::Problem::None;
        QTest::addRow("highest port") << u"New"_s << u"new.example"_s << 65535 << NodeProfiles::Problem::None;
        QTest::addRow("no host") << u"New"_s << QString() << 8443 << NodeProfiles::Problem::HostMissing;
        QTest::addRow("blank host") << u"New"_s << u"   "_s << 8443 << NodeProfiles::Problem::HostMissing;
        QTest::addRow("scheme") << u"New"_s << u"https://new.example"_s << 8443 << NodeProfiles::Problem::HostInvalid;
        QTest::addRow("space") << u"New"_s << u"new example"_s << 8443 << NodeProfiles::Problem::HostInvalid;
        QTest::addRow("port 0") << u"New"_s << u"new.example"_s << 0 << NodeProfiles::Problem::PortOutOfRange;
        QTest::addRow("name taken") << u"Lab"_s << u"new.example"_s << 8443 << NodeProfiles::Problem::DisplayNameTaken;
        QTest::addRow("name taken, other case")
            << u" lAB "_s << u"new.example"_s << 8443 << NodeProfiles::Problem::DisplayNameTaken;
        QTest::addRow("default name taken")
            << QString() << u"lab.example"_s << 8443 << NodeProfiles::Problem::DisplayNameTaken;
    }

    void validation()
    {
        QFETCH(QString, name);
        QFETCH(QString, host);
        QFETCH(int, port);
        QFETCH(NodeProfiles::Problem, problem);

        NodeProfiles profiles;
        QVERIFY(!profiles.add(profile(u"Lab"_s, u"lab.example"_s, 8443)).isEmpty());
        // No display name: it defaults to the address, which nobody has yet.
        QVERIFY(!profiles.add(profile(QString(), u"lab.example"_s, 8443)).isEmpty());
        QCOMPARE(profiles.size(), 2);
        QCOMPARE(profiles.profiles().at(1).displayName, u"lab.example:8443"_s);

        const NodeProfile candidate = profile(name, host, quint16(port));
        QString error;
        QCOMPARE(profiles.validate(candidate, &error), problem);
        QCOMPARE(error.isEmpty(), problem == NodeProfiles::Problem::None);

        NodeProfiles::Problem reported = NodeProfiles::Problem::None;
        const QString id = profiles.add(candidate, &error, &reported);
        QCOMPARE(reported, problem);
        QCOMPARE(id.isEmpty(), problem != NodeProfiles::Problem::None);
        QCOMPARE(profiles.size(), problem == NodeProfiles::Problem::None ? 3 : 2);
    }

    void updateAndRemove()
    {
        NodeProfiles profiles;
        const QString labId = profiles.add(profile(u"Lab"_s, u"lab.example"_s, 8443));
        const QString devId = profiles.add(profile(u"Dev"_s, u"dev.example"_s, 8443));
        QVERIFY(!labId.isEmpty() && !devId.isEmpty());

        NodeProfile lab = *profiles.find(labId);
        lab.pinnedFingerprint = u"AA:BB"_s;
        QVERIFY(profiles.update(lab)); // keeping its own name is no clash
        QCOMPARE(profiles.find(labId)->pinnedFingerprint, u"AA:BB"_s);

        lab.displayName = u"dev"_s;
        NodeProfiles::Problem problem = NodeProfiles::Problem::None;
        QString error;
        QVERIFY(!profiles.update(lab, &error, &problem));
        QCOMPARE(problem, NodeProfiles::Problem::DisplayNameTaken);
        QVERIFY(error.contains(u"dev"_s));
        QCOMPARE(profiles.find(labId)->displayName, u"Lab"_s);

        NodeProfile stranger = profile(u"X"_s, u"x"_s, 1);
        QVERIFY(!profiles.update(stranger, &error, &problem));
        QCOMPARE(problem, NodeProfiles::Problem::UnknownId);
        stranger.id.clear();
        QVERIFY(!profiles.update(stranger, &error, &problem));
        QCOMPARE(problem, NodeProfiles::Problem::IdMissing);

        QVERIFY(profiles.add(*profiles.find(devId), &error, &problem).isEmpty());
        QCOMPARE(problem, NodeProfiles::Problem::DuplicateId);

        QVERIFY(profiles.remove(devId));
        QVERIFY(!profiles.find(devId));
        QVERIFY(!profiles.remove(devId, &error));
        QVERIFY(!error.isEmpty());
        QCOMPARE(profiles.size(), 1);
    }

    void addNormalizesAndAssignsId()
    {
        NodeProfiles profiles;
        NodeProfile p;
        p.host = u"  node.example "_s;
        p.port = 9000;
        p.displayName = u"  Node  "_s;
        const QString id = profiles.add(p);
        QVERIFY(!id.isEmpty());
        const NodeProfile stored = *profiles.find(id);
        QCOMPARE(stored.host, u"node.example"_s);
        QCOMPARE(stored.displayName, u"Node"_s);
    }

    void loadSkipsInvalidEntriesAndSaysSo()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"bad.ini"_s);
        {
            QSettings settings(path, QSettings::IniFormat);
            settings.beginWriteArray(u"nodes"_s, 3);
            settings.setArrayIndex(0);
            settings.setValue(u"id"_s, u"1"_s);
            settings.setValue(u"displayName"_s, u"Good"_s);
            settings.setValue(u"host"_s, u"good.example"_s);
            settings.setValue(u"port"_s, 8443);
            settings.setArrayIndex(1);
            settings.setValue(u"id"_s, u"2"_s);
            settings.setValue(u"displayName"_s, u"Bad port"_s);
            settings.setValue(u"host"_s, u"bad.example"_s);
            settings.setValue(u"port"_s, 70000);
            settings.setArrayIndex(2);
            settings.setValue(u"id"_s, u"3"_s);
            settings.setValue(u"displayName"_s, u"good"_s);
            settings.setValue(u"host"_s, u"other.example"_s);
            settings.setValue(u"port"_s, 8443);
            settings.endArray();
        }
        NodeProfiles profiles;
        QString error;
        QVERIFY(!profiles.load(path, &error));
        QCOMPARE(profiles.size(), 1);
        QCOMPARE(profiles.profiles().first().id, u"1"_s);
        QVERIFY(error.contains(u"entry 2"_s));
        QVERIFY(error.contains(u"entry 3"_s));
    }
};

QTEST_GUILESS_MAIN(tst_NodeProfiles)
#include "tst_nodeprofiles.moc"
