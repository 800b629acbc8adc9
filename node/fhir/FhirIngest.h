#pragma once

#include "models/routing/RouteTable.h"
#include "node/config/NodeConfig.h"
#include "node/fhir/FhirTypes.h"
#include "node/store/StoreTypes.h"

#include <QByteArray>
#include <QJsonObject>

#include <functional>
#include <optional>

/// Everything the FHIR path decides about one POSTed body before it is stored: parse, validate,
/// extract the fields the store indexes, route, and which HTTP status to answer once the store has
/// committed it — the FHIR twin of IngestProcessor (DESIGN.md section 2, steps 1-6). Pure: no I/O,
/// time comes from the injected clock.
class FhirIngest
{
public:
    FhirIngest(const ChannelConfig& channel, const RouteTable& routes, qint64 dedupWindowMs,
        std::function<qint64()> nowMs = {});

    /// How the body is processed and answered.
    enum class Kind {
        Resource, ///< one resource (or a response Bundle relayed as one): 201
        Message, ///< Bundle type message: 200 with a response message
        Transaction, ///< 200 with a transaction-response Bundle
        Batch, ///< 200 with a batch-response Bundle
    };

    /// The fields of a resource that the store indexes and the routes look at.
    struct Fields
    {
        Kind kind = Kind::Resource;
        QString messageType; ///< resourceType ("Bundle" for bundles)
        QString triggerEvent; ///< MessageHeader event code (or URI), else Bundle.type
        QString controlId; ///< Bundle.identifier.value, MessageHeader.id, or the resource id
        QString sendingApplication; ///< MessageHeader.source.name, else .endpoint
        QString sendingFacility; ///< MessageHeader.sender.display, else .reference
        QString patientId; ///< first Patient.identifier value, or subject/patient.identifier
        QString patientIdPath; ///< where patientId was found, or would be looked for
        QString unit; ///< first Encounter's location (identifier value, else display)
    };

    struct Decision
    {
        IngestRecord record; ///< what to store (record.ackCode: the HTTP status if committed)
        FhirIssues issues; ///< validation findings, for the OperationOutcome
        Fields fields;
        std::optional<QJsonObject> resource; ///< the parsed body, when it was a JSON object
        int httpStatus = 0; ///< the answer once committed: 200, 201, 202, 400, 422
    };

    Decision process(const QByteArray& body, const QByteArray& correlationId, qint64 receivedAtMs) const;

    static Fields extract(const QJsonObject& resource);
    /// SHA-256 of the compact re-serialized JSON, so that whitespace and key order do not make a resend
    /// look new; of the raw bytes when they are not a JSON object.
    static QByteArray contentHash(const QByteArray& body, const std::optional<QJsonObject>& parsed);
    /// RouteTable's rules applied to a FHIR message: messageType patterns see the resource type and the
    /// trigger, sendingApplication/sendingFacility the MessageHeader's, and an HL7 field path reads "".
    static RouteTable::Match route(const RouteTable& routes, const Fields& fields);
    static QString summarize(const FhirIssues& issues);

private:
    const ChannelConfig& m_channel;
    const RouteTable& m_routes;
    qint64 m_dedupWindowMs;
    std::function<qint64()> m_nowMs;
};
