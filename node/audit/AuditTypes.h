#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

/// One line of the audit log: who did what to which thing, when, from where, and how it ended.
///
/// NEVER put passwords, bearer tokens, password hashes or patient data (PHI) in any field: the log
/// is append-only, so whatever is written stays forever and is shown to every admin and support
/// user who lists it. Name the thing (`message:123`), never its content.
struct AuditEntry
{
    qint64 seq = 0; ///< set by AuditLog::append (1, 2, 3, ... without gaps)
    qint64 atMs = 0; ///< set by AuditLog::append from its clock (ms since the epoch, UTC)
    QString actor; ///< user name; for a failed sign-in the name that was tried
    QString role; ///< roleName() of the actor; empty when not signed in
    QString remote; ///< peer address of the request
    QString action; ///< e.g. sign-in, sign-in-failed, reveal-phi, resubmit, silence-create, user-add
    QString target; ///< e.g. message:123, dead-letter:7, user:alice; empty when none
    QString outcome; ///< "ok", "denied" or "failed"
    QString reason; ///< free text the user gave (why they revealed PHI, why they resubmitted)
    QJsonObject detail; ///< small structured facts (counts, ids, HTTP status); no PHI, no secrets
    QByteArray prevHash; ///< set by append: hex SHA-256 of the previous entry (64 zeros for the first)
    QByteArray hash; ///< set by append: hex SHA-256 of this entry (AuditLog::entryHash)
};

/// A page request for AuditLog::list. Unset fields do not filter.
struct AuditFilter
{
    QString actor; ///< exact user name
    QString action; ///< exact action
    QString target; ///< exact target
    std::optional<qint64> fromMs; ///< entries at or after this time
    std::optional<qint64> toMs; ///< entries before this time (exclusive)
    qint64 beforeSeq = 0; ///< keyset cursor: only entries older than this seq; 0 = from the newest
    int limit = 100; ///< clamped to 1..AuditLog::MaxPageSize
};

/// One page of entries, newest first.
struct AuditPage
{
    QList<AuditEntry> entries;
    qint64 nextBeforeSeq = 0; ///< pass as AuditFilter::beforeSeq for the next page; 0 = no more
};

/// The outcome of AuditLog::verify.
struct AuditVerifyResult
{
    bool ok = false;
    qint64 entriesChecked = 0; ///< entries that verified (the intact prefix when !ok)
    qint64 firstBadSeq = 0; ///< 0 when ok (or when the log could not be read at all)
    QString reason; ///< why it failed, for people: "hash mismatch at seq 17: ..."
    qint64 headSeq = 0; ///< when ok: seq of the newest entry (0 for an empty log)
    QByteArray headHash; ///< when ok: its hash (hex), to record outside the node
};
