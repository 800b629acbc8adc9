#pragma once

#include "tests/support/ApiClient.h"

#include <QByteArray>
#include <QJsonArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>

/// Shared pieces of the ops API contract tests (tst_opsapi, tst_opsapistream): synthetic ADT
/// messages with a care unit, the node config they run against, and small readers of API replies.
namespace OpsApiHelpers {

/// Password of every test user (the policy wants at least 12 characters).
inline QString password(const QString& user)
{
    return user + QStringLiteral("-Secret-2026!");
}

/// A synthetic ADT message: MSH-10 = controlId, PID-3.1 = mrn (PID-3 left empty when mrn is
/// empty, which fails validation), PID-5 = family^JANE, PV1-3.1 = unit.
QByteArray adt(const QString& controlId, const QString& mrn, const QString& family, const QString& unit,
    const QString& trigger = QStringLiteral("A01"));

/// The contract tests' node: every channel in `channels` (MLLP, onInvalid nak) routes everything to
/// the MLLP destination "ehr" on sinkPort; small request bodies and a short sign-in lockout so the
/// limits can be reached quickly.
QJsonObject opsNodeConfig(quint16 sinkPort, const QStringList& channels);

/// "items" of a list reply.
QJsonArray items(const ApiClient::Reply& reply);
/// The first item of `GET /api/v1/messages?<query>`, or an empty object.
QJsonObject firstMessage(const ApiClient& client, const QString& query);
/// Waits (polling, up to timeoutMs) until `GET /api/v1/messages?<query>` lists a message; returns it.
QJsonObject waitForMessage(const ApiClient& client, const QString& query, int timeoutMs = 15000);
/// How many messages `GET /api/v1/messages?<query>` lists (one page of up to 500).
int countMessages(const ApiClient& client, const QString& query);
/// Signs in, waiting out a sign-in throttle (429) for up to timeoutMs; the last reply.
ApiClient::Reply signInWaiting(ApiClient& client, const QString& user, int timeoutMs = 15000);
/// The fingerprint of a PEM certificate file, in the node's format; empty if unreadable.
QString fingerprintOfPemFile(const QString& path);
/// Sends `head` (request line and headers, up to and including the blank line; no body) over TLS to
/// 127.0.0.1:port, trusting only the certificate with `fingerprint`, and reads the answer until the
/// node closes the connection or a whole response has arrived. For what no HTTP library sends: a
/// request whose announced body never follows. status 0 when there was no HTTP answer.
ApiClient::Reply rawTlsRequest(quint16 port, const QString& fingerprint, const QByteArray& head, int timeoutMs = 10000);
/// Whether `reply` is a JSON error of the documented shape {"error":{"status","code","message"}}.
bool isErrorBody(const ApiClient::Reply& reply, int status, const QString& code);

} // namespace OpsApiHelpers
