#pragma once

#include "node/query/QueryConnection.h"
#include "node/query/QueryParams.h"
#include "node/query/QueryTypes.h"

#include <QStringList>

#include <mutex>
#include <optional>

/// The ops API's searches over the node's messages (DESIGN.md section 4): all channels at once,
/// newest first, in keyset pages. Every filter is answered by walking one index in id order (with
/// the id range of the cursor and of the time range in the same seek), so a page costs about the
/// same at ten million messages as at ten. Reads its own read-only connection to the store file and
/// sees what the store has applied (MessageStore::flush). Thread-safe; calls are serialised.
///
/// Unit scope (nurses) is applied here, in the SQL: a message outside the scope is neither listed
/// nor found by id. Role checks are the caller's.
///
/// Errors: a std::nullopt with an empty errorString means "not found"; with one, a failure (a bad
/// filter, see validate(), or the store).
class MessageQuery
{
public:
    bool open(const QString& storePath, QString* errorString = nullptr);
    void close();
    bool isOpen() const;

    /// Whether `filter` is well-formed; the message says what is wrong (a 400, not a 500).
    static bool validate(const MessageFilter& filter, QString* errorString = nullptr);

    std::optional<MessagePage> find(const MessageFilter& filter, QString* errorString = nullptr);
    /// One message with its raw bytes, trace, dead letters, lineage and deliveries.
    std::optional<MessageDetail> message(
        qint64 id, const std::optional<QStringList>& units = std::nullopt, QString* errorString = nullptr);
    /// Every message of a correlation ID (a duplicate shares its original's), oldest first, at most
    /// MaxCorrelated.
    std::optional<QList<MessageSummary>> byCorrelation(const QByteArray& correlationId,
        const std::optional<QStringList>& units = std::nullopt, QString* errorString = nullptr);
    static constexpr int MaxCorrelated = 1000;
    /// Whether a message with this (MSH-10, MSH-3, MSH-4) already reached a destination.
    std::optional<bool> wasDelivered(const QString& controlId, const QString& sendingApplication,
        const QString& sendingFacility, QString* errorString = nullptr);

    /// The SQLite query plan of find(filter)'s page query, one line per step (tests check that
    /// every filter is an index search, never a table scan).
    QStringList explain(const MessageFilter& filter, QString* errorString = nullptr);

    /// The time range is mapped to ids allowing this much disorder between arrival order and clocks
    /// (a message received at most this long "before" one that arrived ahead of it).
    static constexpr qint64 ClockSkewMs = 2000;
    /// A type without trigger, or a unit scope, is searched as one ordered index walk per trigger or
    /// unit, merged; beyond this many, as one walk sorted afterwards.
    static constexpr int MaxMergedWalks = 64;

private:
    struct PagePlan
    {
        QByteArray sql; ///< empty: the page is empty without asking
        QueryParams params;
    };
    bool planPage(const MessageFilter& filter, PagePlan& plan, QString* errorString);
    /// The id of the first message received after atMs, or of the last one received before it.
    bool idBeyond(qint64 atMs, bool after, qint64& id, QString* errorString);
    bool triggersOf(const QString& type, QList<std::optional<QString>>& triggers, QString* errorString);
    /// Where each message of the page was delivered or dead-lettered. `patientId`: the page is that
    /// patient's messages (newest first), whose deliveries trace_patient_delivery holds together.
    bool addDeliveries(QList<MessageSummary>& items, const QString& patientId, QString* errorString);
    /// meta.patient_trace_from: messages from this id on have their patient on their outcome rows.
    qint64 patientTraceFrom();

    QueryConnection m_connection;
    std::optional<qint64> m_patientTraceFrom;        ///< read once per open()
    std::mutex m_mutex;
};
