#include "node/fhir/OperationOutcome.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace Qt::StringLiterals;

class tst_OperationOutcome : public QObject
{
    Q_OBJECT

private slots:
    void shape();
    void emptyListStillHasAnIssue();
    void httpStatus_data();
    void httpStatus();
    void forStatus_data();
    void forStatus();
};

void tst_OperationOutcome::shape()
{
    const FhirIssues issues {
        { FhirIssue::Severity::Error, u"structure"_s, u"Patient.active"_s, u"must be boolean"_s },
        { FhirIssue::Severity::Warning, u"value"_s, {}, u"odd"_s },
        OperationOutcome::information(u"stored as message 7"_s),
    };
    const QByteArray json = OperationOutcome::toJson(issues);
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(json, &error);
    QCOMPARE(error.error, QJsonParseError::NoError);
    QVERIFY2(!json.contains('\n'), json.constData()); // compact
    const QJsonObject outcome = document.object();
    QCOMPARE(outcome.value(u"resourceType"_s).toString(), u"OperationOutcome"_s);
    QCOMPARE(outcome, OperationOutcome::build(issues));
    const QJsonArray list = outcome.value(u"issue"_s).toArray();
    QCOMPARE(list.size(), 3);

    const QJsonObject first = list.at(0).toObject();
    QCOMPARE(first.value(u"severity"_s).toString(), u"error"_s);
    QCOMPARE(first.value(u"code"_s).toString(), u"structure"_s);
    QCOMPARE(first.value(u"diagnostics"_s).toString(), u"must be boolean"_s);
    // R4: expression is a list of FHIRPath expressions.
    QCOMPARE(first.value(u"expression"_s).toArray(), QJsonArray { u"Patient.active"_s });
    QCOMPARE(first.keys(), (QStringList { u"code"_s, u"diagnostics"_s, u"expression"_s, u"severity"_s }));

    const QJsonObject second = list.at(1).toObject();
    QCOMPARE(second.value(u"severity"_s).toString(), u"warning"_s);
    QVERIFY(!second.contains(u"expression"_s));

    const QJsonObject third = list.at(2).toObject();
    QCOMPARE(third.value(u"severity"_s).toString(), u"information"_s);
    QCOMPARE(third.value(u"code"_s).toString(), u"informational"_s);
    QCOMPARE(third.value(u"diagnostics"_s).toString(), u"stored as message 7"_s);

    QCOMPARE(FhirIssue::severityName(FhirIssue::Severity::Fatal), u"fatal"_s);
}

void tst_OperationOutcome::emptyListStillHasAnIssue()
{
    const QJsonArray list = OperationOutcome::build({}).value(u"issue"_s).toArray();
    QCOMPARE(list.size(), 1);
    QCOMPARE(list.at(0).toObject().value(u"severity"_s).toString(), u"information"_s);
}

void tst_OperationOutcome::httpStatus_data()
{
    QTest::addColumn<QStringList>("codes");
    QTest::addColumn<QList<int>>("severities");
    QTest::addColumn<int>("status");

    const int error = int(FhirIssue::Severity::Error);
    const int fatal = int(FhirIssue::Severity::Fatal);
    const int warning = int(FhirIssue::Severity::Warning);
    QTest::addRow("nothing") << QStringList {} << QList<int> {} << 200;
    QTest::addRow("warnings only") << QStringList { u"structure"_s } << QList<int> { warning } << 200;
    QTest::addRow("syntax") << QStringList { u"structure"_s } << QList<int> { fatal } << 400;
    QTest::addRow("wrong type") << QStringList { u"structure"_s } << QList<int> { error } << 400;
    QTest::addRow("bad value") << QStringList { u"value"_s } << QList<int> { error } << 400;
    QTest::addRow("missing element") << QStringList { u"required"_s } << QList<int> { error } << 400;
    QTest::addRow("bad code") << QStringList { u"code-invalid"_s } << QList<int> { error } << 400;
    QTest::addRow("not ingested here") << QStringList { u"not-supported"_s } << QList<int> { error } << 422;
    QTest::addRow("business rule") << QStringList { u"business-rule"_s } << QList<int> { error } << 422;
    QTest::addRow("basic rules win") << QStringList { u"not-supported"_s, u"structure"_s }
                                     << QList<int> { error, error } << 400;
}

void tst_OperationOutcome::httpStatus()
{
    QFETCH(QStringList, codes);
    QFETCH(QList<int>, severities);
    QFETCH(int, status);
    FhirIssues issues;
    for (qsizetype i = 0; i < codes.size(); ++i)
        issues.append(FhirIssue { FhirIssue::Severity(severities.at(i)), codes.at(i), {}, u"x"_s });
    QCOMPARE(OperationOutcome::httpStatusFor(issues), status);
}

void tst_OperationOutcome::forStatus_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("code");
    QTest::addRow("404") << 404 << u"not-found"_s;
    QTest::addRow("405") << 405 << u"not-supported"_s;
    QTest::addRow("413") << 413 << u"too-long"_s;
    QTest::addRow("415") << 415 << u"not-supported"_s;
    QTest::addRow("500") << 500 << u"exception"_s;
    QTest::addRow("503") << 503 << u"transient"_s;
}

void tst_OperationOutcome::forStatus()
{
    QFETCH(int, status);
    QFETCH(QString, code);
    const FhirIssue issue = OperationOutcome::forStatus(status, u"why"_s);
    QCOMPARE(issue.code, code);
    QCOMPARE(issue.severity, FhirIssue::Severity::Error);
    QCOMPARE(issue.diagnostics, u"why"_s);
}

QTEST_GUILESS_MAIN(tst_OperationOutcome)
#include "tst_operationoutcome.moc"
