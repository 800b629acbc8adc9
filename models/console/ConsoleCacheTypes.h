#pragma once

#include <QJsonValue>
#include <QString>

#include <limits>

/// What to look for in the cached message summaries (ConsoleCache::messagePage). Every set filter
/// must match, like the ops API's /messages (docs/ops-api.md 4.5).
struct CacheSearch
{
    /// Which identifier `text` is matched against.
    enum class Key {
        Any,           ///< correlationId, controlId, patientId or accession: the console's one search box
        CorrelationId,
        ControlId,     ///< MSH-10
        PatientId,     ///< PID-3.1 as received; masked values ("***") are never matched
        Accession,     ///< accession / filler or placer order number, when the summary carries one
    };

    QString text;         ///< empty: no identifier filter
    Key key = Key::Any;
    bool prefix = false;  ///< false: exact match; true: identifiers starting with `text` (case-sensitive)
    QString messageType;  ///< "TYPE" or "TYPE^TRIGGER" ("ADT", "ADT^A01"); empty: any
    QString state;        ///< accepted | invalid | unparseable | duplicate; empty: any
    QString channel;      ///< empty: any
    qint64 fromMs = std::numeric_limits<qint64>::min(); ///< receivedAt >= fromMs (inclusive)
    qint64 toMs = std::numeric_limits<qint64>::max();   ///< receivedAt <= toMs (inclusive)
};

/// One cached JSON item with the time the console stored it (for "data as of 14:02").
struct CachedItem
{
    QJsonValue value;
    qint64 cachedAtMs = 0;
};
