#pragma once

#include "node/pipeline/AcceptedMessage.h"
#include "node/pipeline/MessageStateChange.h"
#include "node/stats/StatsTypes.h"

#include "node/config/NodeConfig.h"
#include "node/fhir/FhirIngest.h"

#include <QByteArray>
#include <QList>
#include <QObject>

#include <utility>

class MessageStore;
class MetricsRegistry;
class QHttpServerRequest;
class QHttpServerResponder;
struct QueuedItem;

/// One inbound FHIR channel (kind "fhir"): POSTed resources and bundles in, validated, committed to
/// the store, and only then answered — 201/200 with an OperationOutcome or a response Bundle, or an
/// OperationOutcome saying what was wrong (commit-then-acknowledge, DESIGN.md section 2). Served by
/// the node's HTTP server, whose routes call handle() on the main thread.
class FhirEndpoint : public QObject
{
    Q_OBJECT
public:
    FhirEndpoint(const ChannelConfig& config, const RouteTable& routes, qint64 dedupWindowMs, MessageStore& store,
        MetricsRegistry& metrics, QObject* parent = nullptr);
    ~FhirEndpoint() override;

    /// Handles "POST /fhir/<channel>" (resourceTypeInPath empty) or "POST /fhir/<channel>/<Type>". The
    /// body must already be within the server's size limit. The responder is kept until the store has
    /// committed (or refused) the message; a client that left meanwhile gets nothing, the message stays.
    void handle(const QHttpServerRequest& request, const QString& resourceTypeInPath, QHttpServerResponder&& responder);

    const QString& name() const { return m_config.name; }
    int pendingCommits() const { return m_pendingCommits; }
    /// Running totals for the stats (received = requests, rejected = 4xx/5xx answers).
    const ChannelCounters& counters() const { return m_counters; }

    /// An OperationOutcome answer for requests that never reach a channel (404 unknown channel, 413
    /// too large, ...), in the same form as the channel's own.
    static void answerError(QHttpServerResponder&& responder, int status, const QString& diagnostics);

signals:
    /// A committed message's queue entries, for the destination queues.
    void enqueued(const QList<QueuedItem>& items);
    /// A message was committed (for the live stream).
    void stateChanged(const MessageStateChange& change);
    /// A resource was committed as accepted (for the alert rules).
    void accepted(const AcceptedMessage& message);

private:
    using Headers = QList<std::pair<QByteArray, QByteArray>>;
    struct Reply
    {
        int status = 500;
        QByteArray body;
        Headers headers;
    };

    void answer(QHttpServerResponder& responder, const Reply& reply, qint64 startedNs);
    Reply replyFor(const FhirIngest::Decision& decision, const IngestOutcome& outcome) const;
    Reply refusal(int status, const QString& diagnostics, const Headers& extra = {}) const;
    QByteArray locationOf(const QString& type, qint64 messageId) const;

    ChannelConfig m_config;
    FhirIngest m_ingest;
    MessageStore& m_store;
    MetricsRegistry& m_metrics;
    int m_pendingCommits = 0;
    ChannelCounters m_counters;
};
