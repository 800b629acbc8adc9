#include "node/fhir/FhirResourceTypes.h"
#include "node/fhir/FhirValidator.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QTest>

using namespace Qt::StringLiterals;
using FhirElements::Type;

namespace {

QString corpusDir()
{
    return QStringLiteral(VIGIL_TEST_DATA_DIR "/fhir");
}

QByteArray readFile(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

QString describe(const FhirIssues& issues)
{
    QStringList lines;
    for (const FhirIssue& issue : issues)
        lines << FhirIssue::severityName(issue.severity) + u' ' + issue.code + u" @" + issue.expression + u": "
                + issue.diagnostics;
    return lines.join(u'\n');
}

const FhirIssue* findIssue(const FhirIssues& issues, const QString& code, const QString& expression)
{
    for (const FhirIssue& issue : issues) {
        if (issue.isError() && issue.code == code && issue.expression == expression)
            return &issue;
    }
    return nullptr;
}

// A valid message Bundle to break in the tests, one element at a time.
const char* kMessage = R"({
  "resourceType": "Bundle", "id": "m1", "type": "message", "timestamp": "2024-01-02T03:04:05Z",
  "entry": [
    {"fullUrl": "urn:uuid:1", "resource": {"resourceType": "MessageHeader", "id": "h1",
      "eventCoding": {"system": "urn:example:events", "code": "admit"},
      "source": {"name": "ADT", "endpoint": "urn:example:adt"}}},
    {"fullUrl": "urn:uuid:2", "resource": {"resourceType": "Patient", "id": "p1",
      "identifier": [{"system": "urn:mrn", "value": "MRN1"}], "active": true}}
  ]})";

} // namespace

class tst_FhirValidator : public QObject
{
    Q_OBJECT

private slots:
    void corpusIsAccepted_data();
    void corpusIsAccepted();
    void syntaxErrorReportsOffset_data();
    void syntaxErrorReportsOffset();
    void rejects_data();
    void rejects();
    void issuesNeverEchoMalformedNames();
    void acceptResourceTypes();
    void nestedResourcesAreCheckedWhereTheyAre();
    void issueCountIsBounded();
    void primitives_data();
    void primitives();
    void resourceTypeTable();
};

void tst_FhirValidator::corpusIsAccepted_data()
{
    QTest::addColumn<QString>("path");
    const QDir dir(corpusDir());
    const QStringList files = dir.entryList({ u"*.json"_s }, QDir::Files, QDir::Name);
    QVERIFY(files.size() >= 18);
    for (const QString& file : files)
        QTest::addRow("%s", qPrintable(file)) << dir.filePath(file);
}

void tst_FhirValidator::corpusIsAccepted()
{
    QFETCH(QString, path);
    const QByteArray body = readFile(path);
    QVERIFY(!body.isEmpty());
    const FhirValidator::Result result = FhirValidator::validate(body);
    QVERIFY(result.parsed());
    QVERIFY2(result.ok(), qPrintable(describe(result.issues)));
    QCOMPARE(result.syntaxErrorOffset, -1);
}

void tst_FhirValidator::syntaxErrorReportsOffset_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<qint64>("offset");
    QTest::addColumn<QString>("position");

    // The offset of the offending character (0-based), its line and column (1-based, in characters).
    QTest::addRow("missing colon") << QByteArray("{\"resourceType\" \"Patient\"}") << qint64(16)
                                   << u"line 1, column 17"_s;
    QTest::addRow("trailing comma") << QByteArray("{\n  \"resourceType\": \"Patient\",\n}") << qint64(31)
                                    << u"line 3, column 1"_s;
    QTest::addRow("truncated: the end") << QByteArray("{\"resourceType\": \"Pat") << qint64(21)
                                        << u"line 1, column 22"_s;
    QTest::addRow("byte order mark counted")
        << QByteArray("\xEF\xBB\xBF{\"a\" 1}") << qint64(8) << u"line 1, column 6"_s;
    QTest::addRow("column counts characters")
        << QByteArray("{\"text\": \"\xC3\xA9\xC3\xA9\" x}") << qint64(16) << u"line 1, column 15"_s;
    QTest::addRow("bad number") << QByteArray("{\"a\": -}") << qint64(7) << u"line 1, column 8"_s;
}

void tst_FhirValidator::syntaxErrorReportsOffset()
{
    QFETCH(QByteArray, body);
    QFETCH(qint64, offset);
    QFETCH(QString, position);

    const FhirValidator::Result result = FhirValidator::validate(body);
    QVERIFY(!result.parsed());
    QVERIFY(!result.ok());
    QCOMPARE(result.syntaxErrorOffset, offset);
    QCOMPARE(result.issues.size(), 1);
    QCOMPARE(result.issues.first().code, u"structure"_s);
    QCOMPARE(result.issues.first().severity, FhirIssue::Severity::Fatal);
    QVERIFY2(result.issues.first().diagnostics.contains(u"byte offset %1"_s.arg(offset)),
        qPrintable(result.issues.first().diagnostics));
    QVERIFY2(result.issues.first().diagnostics.contains(position), qPrintable(result.issues.first().diagnostics));
}

void tst_FhirValidator::rejects_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("expression");
    QTest::addColumn<QString>("diagnostics");

    const auto message = [](const QByteArray& from, const QByteArray& to) {
        QByteArray text(kMessage);
        Q_ASSERT(text.contains(from));
        return text.replace(from, to);
    };

    QTest::addRow("array at the top") << QByteArray("[{\"resourceType\": \"Patient\"}]") << u"structure"_s << QString()
                                      << u"must be a JSON object"_s;
    QTest::addRow("no resourceType") << QByteArray("{\"id\": \"x\"}") << u"required"_s << u"Resource"_s
                                     << u"without \"resourceType\""_s;
    QTest::addRow("resourceType not a string") << QByteArray("{\"resourceType\": 5}") << u"structure"_s
                                               << u"Resource.resourceType"_s << u"must be a string (got a number)"_s;
    QTest::addRow("unknown resourceType") << QByteArray("{\"resourceType\": \"Patinet\"}") << u"invalid"_s
                                          << u"Resource.resourceType"_s << u"(did you mean \"Patient\"?)"_s;
    QTest::addRow("R5 resourceType") << QByteArray("{\"resourceType\": \"ActorDefinition\"}") << u"invalid"_s
                                     << u"Resource.resourceType"_s << u"not a FHIR R4 resource type"_s;
    QTest::addRow("bad id") << QByteArray("{\"resourceType\": \"Patient\", \"id\": \"a b\"}") << u"value"_s
                            << u"Patient.id"_s << u"is not a valid id"_s;
    QTest::addRow("id too long") << (QByteArray("{\"resourceType\": \"Basic\", \"code\": {}, \"id\": \"")
        + QByteArray(65, 'a') + "\"}")
                                 << u"value"_s << u"Basic.id"_s << u"is not a valid id"_s;
    QTest::addRow("meta not an object") << QByteArray("{\"resourceType\": \"Condition\", \"meta\": \"x\"}")
                                        << u"structure"_s << u"Condition.meta"_s << u"must be an object"_s;
    QTest::addRow("meta.lastUpdated") << QByteArray(
        "{\"resourceType\": \"Patient\", \"meta\": {\"lastUpdated\": \"2024-01-01\"}}")
                                      << u"value"_s << u"Patient.meta.lastUpdated"_s << u"is not a valid instant"_s;
    QTest::addRow("unknown element in Patient")
        << QByteArray("{\"resourceType\": \"Patient\", \"birthdate\": \"2000-01-01\"}") << u"structure"_s
        << u"Patient.birthdate"_s << u"unknown element \"birthdate\" in Patient (did you mean \"birthDate\"?)"_s;
    QTest::addRow("invented element in Observation")
        << QByteArray(R"({"resourceType": "Observation", "status": "final", "code": {}, "severity": "high"})")
        << u"structure"_s << u"Observation.severity"_s << u"unknown element \"severity\""_s;
    QTest::addRow("boolean as string") << QByteArray("{\"resourceType\": \"Patient\", \"active\": \"true\"}")
                                       << u"structure"_s << u"Patient.active"_s
                                       << u"must be boolean (true or false) (got a string)"_s;
    QTest::addRow("date as number") << QByteArray("{\"resourceType\": \"Patient\", \"birthDate\": 19741225}")
                                    << u"structure"_s << u"Patient.birthDate"_s << u"(got a number)"_s;
    QTest::addRow("birthDate format") << QByteArray("{\"resourceType\": \"Patient\", \"birthDate\": \"25.12.1974\"}")
                                      << u"value"_s << u"Patient.birthDate"_s << u"is not a valid date"_s;
    QTest::addRow("birthDate not in the calendar")
        << QByteArray("{\"resourceType\": \"Patient\", \"birthDate\": \"2023-02-30\"}") << u"value"_s
        << u"Patient.birthDate"_s << u"is not a valid date"_s;
    QTest::addRow("birthDate on a resource without a table")
        << QByteArray("{\"resourceType\": \"RelatedPerson\", \"patient\": {}, \"birthDate\": \"1974/12/25\"}")
        << u"value"_s << u"RelatedPerson.birthDate"_s << u"is not a valid date"_s;
    QTest::addRow("effectiveDateTime without zone") << QByteArray(
        R"({"resourceType": "Observation", "status": "final", "code": {}, "effectiveDateTime": "2024-01-01T10:00:00"})")
                                                    << u"value"_s << u"Observation.effectiveDateTime"_s
                                                    << u"is not a valid dateTime"_s;
    QTest::addRow("issued is only a date")
        << QByteArray(R"({"resourceType": "Observation", "status": "final", "code": {}, "issued": "2024-01-01"})")
        << u"value"_s << u"Observation.issued"_s << u"is not a valid instant"_s;
    QTest::addRow("issued on a resource without a table")
        << QByteArray(R"({"resourceType": "ImagingStudy", "issued": "yesterday"})") << u"value"_s
        << u"ImagingStudy.issued"_s << u"is not a valid instant"_s;
    QTest::addRow("status code") << QByteArray(R"({"resourceType": "Observation", "status": "done", "code": {}})")
                                 << u"code-invalid"_s << u"Observation.status"_s << u"must be one of registered"_s;
    QTest::addRow("gender code") << QByteArray(R"({"resourceType": "Patient", "gender": "M"})") << u"code-invalid"_s
                                 << u"Patient.gender"_s << u"male, female, other, unknown"_s;
    QTest::addRow("required status") << QByteArray(R"({"resourceType": "Observation", "code": {}})") << u"required"_s
                                     << u"Observation.status"_s << u"the required element \"status\" is missing"_s;
    QTest::addRow("required class") << QByteArray(R"({"resourceType": "Encounter", "status": "finished"})")
                                    << u"required"_s << u"Encounter.class"_s << u"is missing"_s;
    QTest::addRow("repeating element not an array")
        << QByteArray(R"({"resourceType": "Patient", "identifier": {"value": "1"}})") << u"structure"_s
        << u"Patient.identifier"_s << u"must be an array"_s;
    QTest::addRow("single element as array") << QByteArray(R"({"resourceType": "Patient", "gender": ["male"]})")
                                             << u"structure"_s << u"Patient.gender"_s << u"not an array"_s;
    QTest::addRow("empty array") << QByteArray(R"({"resourceType": "Patient", "name": []})") << u"structure"_s
                                 << u"Patient.name"_s << u"must not be an empty array"_s;
    QTest::addRow("empty string") << QByteArray(R"({"resourceType": "Organization", "name": ""})") << u"value"_s
                                  << u"Organization.name"_s << u"is not a valid string"_s;
    QTest::addRow("complex as string") << QByteArray(R"({"resourceType": "Patient", "maritalStatus": "M"})")
                                       << u"structure"_s << u"Patient.maritalStatus"_s << u"must be an object"_s;
    QTest::addRow("array item type") << QByteArray(R"({"resourceType": "Organization", "alias": ["a", 5]})")
                                     << u"structure"_s << u"Organization.alias[1]"_s << u"must be string"_s;
    QTest::addRow("two forms of a choice")
        << QByteArray(R"({"resourceType": "Patient", "deceasedBoolean": false, "deceasedDateTime": "2020"})")
        << u"structure"_s << u"Patient.deceased[x]"_s
        << u"only one form of deceased[x] is allowed (found deceasedBoolean, deceasedDateTime)"_s;
    QTest::addRow("integer choice with a fraction")
        << QByteArray(R"({"resourceType": "Patient", "multipleBirthInteger": 1.5})") << u"value"_s
        << u"Patient.multipleBirthInteger"_s << u"is not a valid integer"_s;
    QTest::addRow("primitive extension of a complex element")
        << QByteArray(R"({"resourceType": "Patient", "_maritalStatus": {}})") << u"structure"_s
        << u"Patient._maritalStatus"_s << u"only allowed for primitive elements"_s;
    QTest::addRow("primitive extension of nothing")
        << QByteArray(R"({"resourceType": "Patient", "_colour": {}})") << u"structure"_s << u"Patient._colour"_s
        << u"not an element here"_s;
    QTest::addRow("invalid element name deep down")
        << QByteArray(R"({"resourceType": "Patient", "name": [{"family-name": "x"}]})") << u"structure"_s
        << u"Patient.name[0]"_s << u"not a FHIR element name"_s;
    QTest::addRow("invalid element name on any resource")
        << QByteArray(R"({"resourceType": "Condition", "subject": {"my ref": "x"}})") << u"structure"_s
        << u"Condition.subject"_s << u"not a FHIR element name"_s;

    // Bundles.
    QTest::addRow("collection bundle") << message("\"type\": \"message\"", "\"type\": \"collection\"")
                                       << u"not-supported"_s << u"Bundle.type"_s
                                       << u"a Bundle of type \"collection\" is not ingested here"_s;
    QTest::addRow("document bundle") << message("\"type\": \"message\"", "\"type\": \"document\"") << u"not-supported"_s
                                     << u"Bundle.type"_s << u"\"document\""_s;
    QTest::addRow("bundle type unknown") << message("\"type\": \"message\"", "\"type\": \"bag\"") << u"code-invalid"_s
                                         << u"Bundle.type"_s << u"must be one of"_s;
    QTest::addRow("bundle without type") << message("\"type\": \"message\",", "") << u"required"_s << u"Bundle.type"_s
                                         << u"is missing"_s;
    QTest::addRow("message not starting with its header")
        << QByteArray(R"({"resourceType": "Bundle", "type": "message", "entry": [
               {"resource": {"resourceType": "Patient"}},
               {"resource": {"resourceType": "MessageHeader", "id": "h", "eventUri": "urn:x", "source": {"endpoint": "urn:y"}}}]})")
        << u"invalid"_s << u"Bundle.entry[0].resource"_s << u"must be its MessageHeader"_s;
    QTest::addRow("message without entries") << QByteArray(R"({"resourceType": "Bundle", "type": "message"})")
                                             << u"required"_s << u"Bundle.entry"_s << u"MessageHeader entry"_s;
    QTest::addRow("message header without event")
        << message("\"eventCoding\": {\"system\": \"urn:example:events\", \"code\": \"admit\"},", "") << u"required"_s
        << u"Bundle.entry[0].resource.event[x]"_s << u"event[x] is missing"_s;
    QTest::addRow("message header without source")
        << message(R"("source": {"name": "ADT", "endpoint": "urn:example:adt"})", R"("sender": {"display": "x"})")
        << u"required"_s << u"Bundle.entry[0].resource.source"_s << u"the required element \"source\" is missing"_s;
    QTest::addRow("message source without endpoint")
        << message(R"(, "endpoint": "urn:example:adt")", "") << u"required"_s
        << u"Bundle.entry[0].resource.source.endpoint"_s << u"needs its endpoint"_s;
    QTest::addRow("message header without id")
        << message(R"("id": "h1",)", "") << u"required"_s << u"Bundle.entry[0].resource.id"_s << u"needs an id"_s;
    QTest::addRow("message entry without resource")
        << message(R"({"fullUrl": "urn:uuid:2", "resource": {"resourceType": "Patient", "id": "p1",
      "identifier": [{"system": "urn:mrn", "value": "MRN1"}], "active": true}})",
               R"({"fullUrl": "urn:uuid:2", "request": {"method": "GET", "url": "Patient/1"}})")
        << u"required"_s << u"Bundle.entry[1].resource"_s << u"every entry of a message carries a resource"_s;
    QTest::addRow("nested resource error") << message("\"active\": true", "\"active\": 1") << u"structure"_s
                                           << u"Bundle.entry[1].resource.active"_s << u"must be boolean"_s;
    QTest::addRow("transaction entry without request")
        << QByteArray(R"({"resourceType": "Bundle", "type": "transaction", "entry": [
               {"resource": {"resourceType": "Patient"}, "request": {"method": "POST", "url": "Patient"}},
               {"resource": {"resourceType": "Patient"}}]})")
        << u"required"_s << u"Bundle.entry[1].request"_s << u"needs a request (method and url)"_s;
    QTest::addRow("batch request without url") << QByteArray(R"({"resourceType": "Bundle", "type": "batch", "entry": [
               {"resource": {"resourceType": "Patient"}, "request": {"method": "POST"}}]})")
                                               << u"required"_s << u"Bundle.entry[0].request.url"_s << u"has no url"_s;
    QTest::addRow("transaction request method")
        << QByteArray(R"({"resourceType": "Bundle", "type": "transaction", "entry": [
               {"resource": {"resourceType": "Patient"}, "request": {"method": "post", "url": "Patient"}}]})")
        << u"code-invalid"_s << u"Bundle.entry[0].request.method"_s << u"GET, HEAD, POST, PUT, DELETE, PATCH"_s;
    QTest::addRow("transaction PUT without resource")
        << QByteArray(R"({"resourceType": "Bundle", "type": "transaction", "entry": [
               {"request": {"method": "PUT", "url": "Patient/1"}}]})")
        << u"required"_s << u"Bundle.entry[0].resource"_s << u"a PUT entry carries the resource"_s;
    QTest::addRow("entry resource without resourceType")
        << QByteArray(R"({"resourceType": "Bundle", "type": "batch", "entry": [
               {"resource": {"id": "1"}, "request": {"method": "POST", "url": "Patient"}}]})")
        << u"required"_s << u"Bundle.entry[0].resource"_s << u"has no \"resourceType\""_s;
    QTest::addRow("empty entry") << QByteArray(
        R"({"resourceType": "Bundle", "type": "batch", "entry": [{"fullUrl": "urn:x"}]})")
                                 << u"required"_s << u"Bundle.entry[0]"_s << u"has no resource"_s;
    QTest::addRow("unknown entry element")
        << QByteArray(R"({"resourceType": "Bundle", "type": "batch", "entry": [
               {"resource": {"resourceType": "Patient"}, "request": {"method": "POST", "url": "Patient"}, "requests": {}}]})")
        << u"structure"_s << u"Bundle.entry[0].requests"_s << u"(did you mean \"request\"?)"_s;
    QTest::addRow("entry resource not an object") << QByteArray(
        R"({"resourceType": "Bundle", "type": "batch", "entry": [{"resource": "Patient/1", "request": {"method": "GET", "url": "x"}}]})")
                                                  << u"structure"_s << u"Bundle.entry[0].resource"_s
                                                  << u"must be an object (got a string)"_s;
    QTest::addRow("response entry without status") << QByteArray(
        R"({"resourceType": "Bundle", "type": "transaction-response", "entry": [{"response": {"location": "Patient/1"}}]})")
                                                   << u"required"_s << u"Bundle.entry[0].response.status"_s
                                                   << u"needs its status"_s;
}

void tst_FhirValidator::rejects()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, code);
    QFETCH(QString, expression);
    QFETCH(QString, diagnostics);

    const FhirValidator::Result result = FhirValidator::validate(body);
    QVERIFY(!result.ok());
    bool found = false;
    for (const FhirIssue& issue : result.issues) {
        if (issue.isError() && issue.code == code && issue.expression == expression
            && issue.diagnostics.contains(diagnostics)) {
            found = true;
        }
    }
    QVERIFY2(found,
        qPrintable(u"expected %1 @%2 \"%3\" in:\n%4"_s.arg(code, expression, diagnostics, describe(result.issues))));
}

void tst_FhirValidator::issuesNeverEchoMalformedNames()
{
    // A malformed property name may carry anything; it must not reach traces or dead letters.
    const QByteArray body = R"({"resourceType": "Patient", "name": [{"Smith, John 1974-12-25": true}]})";
    const FhirValidator::Result result = FhirValidator::validate(body);
    QVERIFY(!result.ok());
    for (const FhirIssue& issue : result.issues) {
        QVERIFY2(!issue.diagnostics.contains(u"Smith"_s) && !issue.expression.contains(u"Smith"_s),
            qPrintable(describe(result.issues)));
    }
    QVERIFY(findIssue(result.issues, u"structure"_s, u"Patient.name[0]"_s));
}

void tst_FhirValidator::acceptResourceTypes()
{
    FhirValidator::Options options;
    options.acceptResourceTypes = { u"Observation"_s, u"Bundle"_s };
    const QByteArray patient = readFile(corpusDir() + u"/Patient-example.json"_s);
    const FhirValidator::Result refused = FhirValidator::validate(patient, options);
    QVERIFY(!refused.ok());
    const FhirIssue* issue = findIssue(refused.issues, u"not-supported"_s, u"Patient"_s);
    QVERIFY2(issue, qPrintable(describe(refused.issues)));
    QVERIFY(issue->diagnostics.contains(u"does not accept Patient resources (it accepts Observation, Bundle)"_s));

    // The list applies to the top level: a bundle of Patients is a Bundle.
    QVERIFY(FhirValidator::validate(readFile(corpusDir() + u"/Bundle-bundle-transaction.json"_s), options).ok());
    QVERIFY(FhirValidator::validate(readFile(corpusDir() + u"/Observation-f001.json"_s), options).ok());
    options.acceptResourceTypes = { u"*"_s };
    QVERIFY(FhirValidator::validate(patient, options).ok());
}

void tst_FhirValidator::nestedResourcesAreCheckedWhereTheyAre()
{
    const QByteArray body = R"({"resourceType": "Bundle", "type": "batch", "entry": [
        {"resource": {"resourceType": "Patient"}, "request": {"method": "POST", "url": "Patient"}},
        {"resource": {"resourceType": "Patient"}, "request": {"method": "POST", "url": "Patient"}},
        {"resource": {"resourceType": "Observation", "code": {}, "status": "finished",
                      "contained": [{"resourceType": "Patient", "id": "#bad"}]},
         "request": {"method": "POST", "url": "Observation"}}]})";
    const FhirValidator::Result result = FhirValidator::validate(body);
    QVERIFY(!result.ok());
    QVERIFY2(findIssue(result.issues, u"code-invalid"_s, u"Bundle.entry[2].resource.status"_s),
        qPrintable(describe(result.issues)));
    QVERIFY2(findIssue(result.issues, u"value"_s, u"Bundle.entry[2].resource.contained[0].id"_s),
        qPrintable(describe(result.issues)));
    QCOMPARE(result.issues.size(), 2);
}

void tst_FhirValidator::issueCountIsBounded()
{
    QByteArray body = R"({"resourceType": "Organization", "alias": [)";
    for (int i = 0; i < 500; ++i)
        body += (i ? ", " : "") + QByteArray::number(i);
    body += "]}";
    const FhirValidator::Result result = FhirValidator::validate(body);
    QCOMPARE(result.issues.size(), FhirValidator::MaxIssues + 1);
    QCOMPARE(result.issues.last().severity, FhirIssue::Severity::Information);
    QVERIFY(result.issues.last().diagnostics.contains(u"left out"_s));
}

void tst_FhirValidator::primitives_data()
{
    QTest::addColumn<int>("type");
    QTest::addColumn<QJsonValue>("value");
    QTest::addColumn<bool>("valid");

    const auto row = [](const char* name, Type type, const QJsonValue& value, bool valid) {
        QTest::addRow("%s", name) << int(type) << value << valid;
    };
    row("id", Type::Id, u"abc-1.2"_s, true);
    row("id 64", Type::Id, QString(64, u'a'), true);
    row("id 65", Type::Id, QString(65, u'a'), false);
    row("id underscore", Type::Id, u"a_b"_s, false);
    row("id number", Type::Id, 12, false);
    row("date year", Type::Date, u"1974"_s, true);
    row("date month", Type::Date, u"1974-12"_s, true);
    row("date day", Type::Date, u"1974-12-25"_s, true);
    row("date leap day", Type::Date, u"2024-02-29"_s, true);
    row("date no leap day", Type::Date, u"2023-02-29"_s, false);
    row("date month 13", Type::Date, u"1974-13"_s, false);
    row("date with time", Type::Date, u"1974-12-25T10:00:00Z"_s, false);
    row("dateTime date", Type::DateTime, u"2013-04-02"_s, true);
    row("dateTime offset", Type::DateTime, u"2013-04-02T09:30:10+01:00"_s, true);
    row("dateTime fraction Z", Type::DateTime, u"2013-04-02T09:30:10.123Z"_s, true);
    row("dateTime no zone", Type::DateTime, u"2013-04-02T09:30:10"_s, false);
    row("dateTime no seconds", Type::DateTime, u"2013-04-02T09:30Z"_s, false);
    row("dateTime hour 24", Type::DateTime, u"2013-04-02T24:00:00Z"_s, false);
    row("instant", Type::Instant, u"2017-10-14T23:11:24Z"_s, true);
    row("instant date only", Type::Instant, u"2017-10-14"_s, false);
    row("time", Type::Time, u"23:59:60"_s, true);
    row("time short", Type::Time, u"23:59"_s, false);
    row("boolean", Type::Boolean, true, true);
    row("boolean string", Type::Boolean, u"true"_s, false);
    row("integer", Type::Integer, -5, true);
    row("integer fraction", Type::Integer, 1.5, false);
    row("integer too big", Type::Integer, 3e9, false);
    row("unsignedInt negative", Type::UnsignedInt, -1, false);
    row("decimal", Type::Decimal, 6.3, true);
    row("decimal string", Type::Decimal, u"6.3"_s, false);
    row("code", Type::Code, u"entered-in-error"_s, true);
    row("code leading space", Type::Code, u" final"_s, false);
    row("string empty", Type::String, u""_s, false);
    row("string blank", Type::String, u"  "_s, false);
    row("uri", Type::Uri, u"http://example.org/a"_s, true);
    row("uri with space", Type::Uri, u"http://example.org/a b"_s, false);
}

void tst_FhirValidator::primitives()
{
    QFETCH(int, type);
    QFETCH(QJsonValue, value);
    QFETCH(bool, valid);
    QCOMPARE(FhirValidator::isValidPrimitive(Type(type), value), valid);
}

void tst_FhirValidator::resourceTypeTable()
{
    QCOMPARE(FhirResourceTypes::all().size(), 146);
    QVERIFY(FhirResourceTypes::isKnown(u"MedicinalProductUndesirableEffect"));
    QVERIFY(FhirResourceTypes::isKnown(u"VisionPrescription"));
    QVERIFY(!FhirResourceTypes::isKnown(u"DomainResource"));
    QVERIFY(!FhirResourceTypes::isKnown(u"patient"));
    QCOMPARE(FhirResourceTypes::suggestion(u"Obsrevation"), u"Observation"_s);
    QCOMPARE(FhirResourceTypes::suggestion(u"Xyzzy"), QString());
    QVERIFY(FhirValidator::isIngestableBundleType(u"transaction"_s));
    QVERIFY(!FhirValidator::isIngestableBundleType(u"searchset"_s));
}

QTEST_GUILESS_MAIN(tst_FhirValidator)
#include "tst_fhirvalidator.moc"
