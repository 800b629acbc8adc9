#pragma once

#include <QJsonObject>
#include <QString>

/// The bodies a FHIR channel answers bundles with once they are stored (http://hl7.org/fhir/R4/http.html
/// "transaction" and "batch", http://hl7.org/fhir/R4/messaging.html). The node stores and forwards a
/// bundle as one message; it does not execute its entries, and the response says no more than that.
namespace FhirResponse {

/// A transaction-response or batch-response Bundle: one entry per request entry, in order, "201 Created"
/// for an entry that carries a resource (it is stored and goes on with the bundle) and "202 Accepted"
/// for one that does not (a DELETE or a read: passed on, not executed here). Bundle.id is the message ID.
QJsonObject transactionResponse(const QJsonObject& request, qint64 messageId);

/// A response message (Bundle type message) whose MessageHeader answers the request's: the same event,
/// response.identifier = the request MessageHeader's id, response.code "ok"; source is this channel,
/// destination the request's source. Bundle.id is the message ID.
QJsonObject messageResponse(const QJsonObject& request, const QString& channel, qint64 messageId, qint64 nowMs);

} // namespace FhirResponse
