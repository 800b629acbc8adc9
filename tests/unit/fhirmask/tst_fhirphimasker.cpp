// FhirPhiMasker: patient-identifying data masked in FHIR R4 JSON (tests/data/fhir, the official
// R4 examples), everything else kept.
#include "models/fhir/FhirPhiMasker.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

QString fhirDir()
{
    return QStringLiteral(VIGIL_TEST_DATA_DIR) + u"/fhir"_s;
}

QJsonObject readResource(const QString& name)
{
    QFile file(fhirDir() + u'/' + name);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(file.readAll()).object();
}

QString compact(const QJsonValue& value)
{
    const QJsonDocument document = value.isArray() ? QJsonDocument(value.toArray()) : QJsonDocument(value.toObject());
    return QString::fromUtf8(document.toJson(QJsonDocument::Compact));
}

void collectStrings(const QJsonValue& value, QStringList& out)
{
    if (value.isString()) {
        out << value.toString();
    } else if (value.isArray()) {
        for (const QJsonValue& item : value.toArray())
            collectStrings(item, out);
    } else if (value.isObject()) {
        const QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it)
            collectStrings(it.value(), out);
    }
}

// The identifying values of every person resource anywhere in `value` (entries, contained), read
// independently of the masker.
void collectPhi(const QJsonValue& value, QStringList& out)
{
    if (value.isArray()) {
        for (const QJsonValue& item : value.toArray())
            collectPhi(item, out);
        return;
    }
    if (!value.isObject())
        return;
    const QJsonObject object = value.toObject();
    const QString type = object.value(u"resourceType").toString();
    if (type == u"Patient" || type == u"RelatedPerson" || type == u"Person" || type == u"Practitioner") {
        for (const QJsonValue& name : object.value(u"name").toArray()) {
            for (const QString& key : { u"family"_s, u"text"_s })
                collectStrings(name.toObject().value(key), out);
            collectStrings(name.toObject().value(u"given"), out);
        }
        collectStrings(object.value(u"birthDate"), out);
        for (const QJsonValue& identifier : object.value(u"identifier").toArray())
            collectStrings(identifier.toObject().value(u"value"), out);
        for (const QJsonValue& telecom : object.value(u"telecom").toArray())
            collectStrings(telecom.toObject().value(u"value"), out);
        for (const QJsonValue& address : object.value(u"address").toArray()) {
            for (const QString& key : { u"line"_s, u"city"_s, u"postalCode"_s, u"text"_s })
                collectStrings(address.toObject().value(key), out);
        }
    }
    for (auto it = object.begin(); it != object.end(); ++it)
        collectPhi(it.value(), out);
}

} // namespace

class tst_FhirPhiMasker : public QObject
{
    Q_OBJECT

private slots:
    void examples_data();
    void examples();
    void patient();
    void observationSubject();
    void transactionBundle();
    void containedAndReferences();
    void nonPersonDataKept();
};

void tst_FhirPhiMasker::examples_data()
{
    QTest::addColumn<QString>("file");
    const QStringList files = QDir(fhirDir()).entryList({ u"*.json"_s }, QDir::Files, QDir::Name);
    QVERIFY(files.size() >= 15);
    for (const QString& file : files)
        QTest::addRow("%s", qPrintable(file)) << file;
}

void tst_FhirPhiMasker::examples()
{
    QFETCH(QString, file);
    const QJsonObject original = readResource(file);
    QVERIFY(!original.isEmpty());
    const QJsonObject masked = FhirPhiMasker().mask(original);
    QCOMPARE(masked.value(u"resourceType"), original.value(u"resourceType"));
    QCOMPARE(masked.value(u"id"), original.value(u"id"));
    QCOMPARE(masked.value(u"entry").toArray().size(), original.value(u"entry").toArray().size());
    QCOMPARE(masked.keys(), original.keys());

    QStringList phi;
    collectPhi(original, phi);
    if (file.startsWith(u"Patient"))
        QVERIFY(phi.size() >= 2);
    const QString text = compact(masked);
    for (const QString& value : std::as_const(phi)) {
        // One- and two-letter values ("D", a middle initial) occur everywhere in any JSON text.
        if (value.size() >= 3)
            QVERIFY2(!text.contains(value), qPrintable(file + u": a person value survived"_s));
    }
    // Masking is idempotent.
    QCOMPARE(FhirPhiMasker().mask(masked), masked);
}

void tst_FhirPhiMasker::patient()
{
    const QJsonObject masked = FhirPhiMasker().mask(readResource(u"Patient-example.json"_s));
    const QJsonObject official = masked.value(u"name").toArray().at(0).toObject();
    QCOMPARE(official.value(u"use").toString(), u"official"_s);
    QCOMPARE(official.value(u"family").toString(), u"***"_s);
    QCOMPARE(official.value(u"given").toArray(), (QJsonArray { u"***"_s, u"***"_s }));
    QCOMPARE(masked.value(u"birthDate").toString(), u"***"_s);
    // The birth time rides on "_birthDate": masked too, its extension URL kept.
    const QJsonObject birthTime = masked.value(u"_birthDate").toObject().value(u"extension").toArray().at(0).toObject();
    QCOMPARE(birthTime.value(u"valueDateTime").toString(), u"***"_s);
    QCOMPARE(birthTime.value(u"url").toString(), u"http://hl7.org/fhir/StructureDefinition/patient-birthTime"_s);

    const QJsonObject identifier = masked.value(u"identifier").toArray().at(0).toObject();
    QCOMPARE(identifier.value(u"value").toString(), u"***"_s);
    QCOMPARE(identifier.value(u"system").toString(), u"urn:oid:1.2.36.146.595.217.0.1"_s);
    const QJsonObject phone = masked.value(u"telecom").toArray().at(1).toObject();
    QCOMPARE(phone.value(u"value").toString(), u"***"_s);
    QCOMPARE(phone.value(u"system").toString(), u"phone"_s);
    QCOMPARE(phone.value(u"rank").toInt(), 1);
    const QJsonObject address = masked.value(u"address").toArray().at(0).toObject();
    QCOMPARE(address.value(u"use").toString(), u"home"_s);
    QCOMPARE(address.value(u"city").toString(), u"***"_s);
    QCOMPARE(address.value(u"line").toArray(), QJsonArray { u"***"_s });
    QCOMPARE(address.value(u"period").toObject().value(u"start").toString(), u"***"_s);

    const QJsonObject contact = masked.value(u"contact").toArray().at(0).toObject();
    QCOMPARE(contact.value(u"name").toObject().value(u"family").toString(), u"***"_s);
    QCOMPARE(contact.value(u"telecom").toArray().at(0).toObject().value(u"value").toString(), u"***"_s);
    QCOMPARE(contact.value(u"gender").toString(), u"female"_s);
    QCOMPARE(contact.value(u"relationship")
                 .toArray()
                 .at(0)
                 .toObject()
                 .value(u"coding")
                 .toArray()
                 .at(0)
                 .toObject()
                 .value(u"code")
                 .toString(),
        u"N"_s);

    QCOMPARE(masked.value(u"text").toObject().value(u"div").toString(), u"***"_s);
    QCOMPARE(masked.value(u"text").toObject().value(u"status").toString(), u"generated"_s);
    QCOMPARE(masked.value(u"gender").toString(), u"male"_s);
    QCOMPARE(masked.value(u"active").toBool(), true);
    QCOMPARE(masked.value(u"managingOrganization").toObject().value(u"reference").toString(), u"Organization/1"_s);
}

void tst_FhirPhiMasker::observationSubject()
{
    const QJsonObject original = readResource(u"Observation-f001.json"_s);
    const QJsonObject masked = FhirPhiMasker().mask(original);
    const QJsonObject subject = masked.value(u"subject").toObject();
    QCOMPARE(subject.value(u"display").toString(), u"***"_s);
    QCOMPARE(subject.value(u"reference").toString(), u"Patient/f001"_s);
    QVERIFY(!compact(masked).contains(u"van de Heuvel"_s));
    QCOMPARE(masked.value(u"identifier").toArray().at(0).toObject().value(u"value").toString(), u"***"_s);
    // The result itself is not PHI.
    QCOMPARE(masked.value(u"valueQuantity"), original.value(u"valueQuantity"));
    QCOMPARE(masked.value(u"code"), original.value(u"code"));
    QCOMPARE(masked.value(u"interpretation"), original.value(u"interpretation"));
    QCOMPARE(masked.value(u"status"), original.value(u"status"));
    // A practitioner's name on a result is staff, not patient, data.
    QCOMPARE(masked.value(u"performer"), original.value(u"performer"));
}

void tst_FhirPhiMasker::transactionBundle()
{
    const QJsonObject masked = FhirPhiMasker().mask(readResource(u"Bundle-bundle-transaction.json"_s));
    const QJsonArray entries = masked.value(u"entry").toArray();
    auto request = [&](int i) { return entries.at(i).toObject().value(u"request").toObject(); };
    QCOMPARE(request(1).value(u"ifNoneExist").toString(), u"***"_s);
    QCOMPARE(request(3).value(u"url").toString(), u"Patient?***"_s);
    QCOMPARE(request(6).value(u"url").toString(), u"Patient?***"_s);
    QCOMPARE(request(8).value(u"url").toString(), u"Patient?***"_s);
    QCOMPARE(request(2).value(u"url").toString(), u"Patient/123"_s);
    QCOMPARE(request(2).value(u"method").toString(), u"PUT"_s);
    const QJsonObject patient = entries.at(0).toObject().value(u"resource").toObject();
    QCOMPARE(patient.value(u"name").toArray().at(0).toObject().value(u"family").toString(), u"***"_s);
    QCOMPARE(patient.value(u"birthDate").toString(), u"***"_s);
    const QString text = compact(masked);
    for (const QString& secret : { u"234234"_s, u"456456"_s, u"123456"_s, u"peter"_s, u"Chalmers"_s, u"1974-12-25"_s })
        QVERIFY2(!text.contains(secret), qPrintable(secret));
}

void tst_FhirPhiMasker::containedAndReferences()
{
    const QJsonObject observation {
        { u"resourceType"_s, u"Observation"_s },
        { u"contained"_s,
            QJsonArray { QJsonObject {
                { u"resourceType"_s, u"RelatedPerson"_s },
                { u"id"_s, u"mum"_s },
                { u"name"_s, QJsonArray { QJsonObject { { u"family"_s, u"Zyxwvut"_s } } } },
                { u"telecom"_s,
                    QJsonArray { QJsonObject { { u"system"_s, u"email"_s }, { u"value"_s, u"mum@example.org"_s } } } },
            } } },
        { u"subject"_s,
            QJsonObject {
                { u"reference"_s, u"Patient?identifier=urn:mrn|778899"_s }, { u"display"_s, u"Qwerty Asdf"_s } } },
        { u"performer"_s,
            QJsonArray { QJsonObject { { u"reference"_s, u"http://h.example/fhir/RelatedPerson/mum"_s },
                             { u"display"_s, u"Mum Zyxwvut"_s } },
                QJsonObject { { u"reference"_s, u"Practitioner/p1"_s }, { u"display"_s, u"Dr Who"_s } } } },
        { u"focus"_s,
            QJsonArray { QJsonObject {
                { u"identifier"_s, QJsonObject { { u"system"_s, u"urn:mrn"_s }, { u"value"_s, u"665544"_s } } },
                { u"type"_s, u"Patient"_s }, { u"display"_s, u"Someone Else"_s } } } },
        { u"valueString"_s, u"positive"_s },
    };
    const QJsonObject masked = FhirPhiMasker().mask(observation);
    const QString text = compact(masked);
    for (const QString& secret :
        { u"Zyxwvut"_s, u"mum@example.org"_s, u"778899"_s, u"Qwerty"_s, u"665544"_s, u"Someone"_s })
        QVERIFY2(!text.contains(secret), qPrintable(secret));
    QCOMPARE(masked.value(u"subject").toObject().value(u"reference").toString(), u"Patient?***"_s);
    const QJsonArray performers = masked.value(u"performer").toArray();
    QCOMPARE(performers.at(0).toObject().value(u"reference").toString(), u"http://h.example/fhir/RelatedPerson/mum"_s);
    QCOMPARE(performers.at(1).toObject().value(u"display").toString(), u"Dr Who"_s);
    QCOMPARE(masked.value(u"valueString").toString(), u"positive"_s);
    const QJsonObject contained = masked.value(u"contained").toArray().at(0).toObject();
    QCOMPARE(contained.value(u"telecom").toArray().at(0).toObject().value(u"system").toString(), u"email"_s);

    // An array of resources, e.g. a search result page.
    const QJsonValue list = FhirPhiMasker().maskValue(QJsonArray { observation });
    QVERIFY(!compact(list).contains(u"Zyxwvut"_s));
}

void tst_FhirPhiMasker::nonPersonDataKept()
{
    // Nothing in an observation about a herd identifies a person: only its narrative and
    // identifier values go.
    const QJsonObject original = readResource(u"Observation-herd1.json"_s);
    QJsonObject masked = FhirPhiMasker().mask(original);
    QJsonObject expected = original;
    if (expected.contains(u"text"_s)) {
        QJsonObject narrative = expected.value(u"text"_s).toObject();
        narrative[u"div"_s] = u"***"_s;
        expected[u"text"_s] = narrative;
    }
    if (expected.contains(u"identifier"_s)) {
        QJsonArray identifiers;
        for (const QJsonValue& item : expected.value(u"identifier"_s).toArray()) {
            QJsonObject identifier = item.toObject();
            identifier[u"value"_s] = u"***"_s;
            identifiers.append(identifier);
        }
        expected[u"identifier"_s] = identifiers;
    }
    QCOMPARE(masked, expected);
}

QTEST_GUILESS_MAIN(tst_FhirPhiMasker)
#include "tst_fhirphimasker.moc"
