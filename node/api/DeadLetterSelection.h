#pragma once

#include "node/api/ApiCall.h"

#include <QList>
#include <QString>

#include <optional>

class DeadLetterQuery;

/// The dead letters a bulk action names — {"ids":[…]} or {"signature":"…"} — read the same way by
/// resubmit, park and unpark (docs/ops-api.md 4.14, 4.14a), with the audit target that names them.
struct DeadLetterSelection
{
    static constexpr int MaxPerRequest = 5000;

    QList<qint64> ids;                               ///< without duplicates, in request order (a group: oldest first)
    /// Audit target: dead-letter:<id>, dead-letters:<n>, or dead-letter-group:<signature>.
    QString target;

    /// Reads `ids` (1..MaxPerRequest positive integers) or `signature` (a failure group: its dead
    /// letters in `groupState`, oldest first, at most MaxPerRequest) from the call's body. When the
    /// selection is not valid (400 invalid-field) or the group has none in that state (404
    /// not-found, saying `groupState`), answers the call and returns nullopt.
    static std::optional<DeadLetterSelection> read(const ApiCallPtr& call, DeadLetterQuery& query,
                                                   const QString& groupState);
};
