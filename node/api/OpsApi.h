#pragma once

#include "node/pipeline/AcceptedMessage.h"
#include "node/pipeline/MessageStateChange.h"
#include "node/stats/StatsSampler.h"
#include "node/store/StoreTypes.h"

#include <QObject>

#include <cstdio>
#include <memory>

class MessageStore;
class MetricsRegistry;
class RouteTable;
class EventHub;
class AlertService;
class ApiServer;
struct NodeConfig;

/// The operations side of a node (DESIGN.md section 4, docs/ops-api.md): the ops database (users,
/// sessions, audit, idempotency, stats history), the searches, the live event hub and stream,
/// dead-letter resubmission, FHIR channels and the HTTPS server that serves them all. NodeService
/// owns one, after the store and the message path are up.
class OpsApi : public QObject
{
    Q_OBJECT
public:
    OpsApi(const NodeConfig& config, const RouteTable& routes, MessageStore& store, MetricsRegistry& metrics,
           QObject* parent = nullptr);
    ~OpsApi() override;

    /// Opens ops.db, builds the services and routes, and listens. `statsProvider` gives the raw
    /// counters of channels and destinations once a second.
    bool start(StatsSampler::Provider statsProvider, QString* errorString);
    /// Prints the certificate fingerprint and the listening line.
    void announce(FILE* out) const;
    /// Creates one user per role with a generated password and prints them (the demo).
    bool createDemoUsers(const QStringList& nurseUnits, FILE* out, QString* errorString);

    void stopListening();
    /// Work still waiting for the store (FHIR requests, resubmissions), for the drain.
    int pendingCommits() const;
    void shutdown();

    /// Announces a message's progress on the live stream ("message.state", and "deadLetter.added"
    /// when it was dead-lettered).
    void publish(const MessageStateChange& change);

    /// A committed, accepted message, for the clinical alert rules.
    void onMessageAccepted(const AcceptedMessage& message);

    /// The FHIR channels' figures, for the stats sampler.
    QList<ChannelStats> fhirChannelStats() const;

    EventHub& events();
    AlertService& alerts();
    ApiServer& server();

signals:
    /// Committed queue entries of FHIR messages and resubmissions, for the destination queues.
    void enqueued(const QList<QueuedItem>& items);

private:
    struct Private;
    std::unique_ptr<Private> d;
};
