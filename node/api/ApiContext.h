#pragma once

#include "node/audit/AuditTypes.h"

#include <QElapsedTimer>
#include <QString>

#include <functional>

class AlertService;
class ApiCall;
class AuditLog;
class DeadLetterParking;
class DeadLetterQuery;
class EventHub;
class FhirPhiMasker;
class MessageQuery;
class MessageStore;
class PhiMasker;
class Resubmitter;
class SessionTokens;
class SignInThrottle;
class StatsHistory;
class StatsSampler;
class UserDirectory;
struct NodeConfig;

/// What the ops API's route handlers work with: the node's services, owned by OpsApi. One instance
/// per node, main thread only.
struct ApiContext
{
    const NodeConfig& config;
    MessageStore& store;
    UserDirectory& users;
    SessionTokens& tokens;
    SignInThrottle& throttle;
    AuditLog& audit;
    MessageQuery& messages;
    DeadLetterQuery& deadLetters;
    StatsSampler& stats;
    StatsHistory& statsHistory;
    EventHub& events;
    Resubmitter& resubmitter;
    const PhiMasker& phiMasker;
    const FhirPhiMasker& fhirMasker;
    QElapsedTimer uptime;
    qint64 startedAtMs = 0;
    QString fingerprint;
    AlertService* alerts = nullptr;                  ///< set once the alert service is up
    DeadLetterParking* parking = nullptr;            ///< parks and unparks dead letters (set at start)

    /// Appends to the audit log and announces it on the stream. `call` gives actor, role and
    /// remote (nullptr for node-internal entries). Returns false (and logs) when the log could not
    /// be written: callers of actions treat that as a failure, since an unaudited action is not
    /// allowed to happen.
    bool recordAudit(const ApiCall* call, AuditEntry entry);
};
