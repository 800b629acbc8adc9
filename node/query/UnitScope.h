#pragma once

#include "node/auth/Principal.h"

#include <QString>
#include <QStringList>

#include <optional>

/// The care-unit scope of a search (nurses see their units only). Units compare case-insensitively
/// in ASCII, as the store's messages_unit index (COLLATE NOCASE) and Principal::maySee do for the
/// unit codes of PV1-3.1.
namespace UnitScope {

/// The `units` to pass to the queries for `principal`: a nurse's units (an empty list: nothing),
/// nullopt (every unit) for everyone else.
std::optional<QStringList> of(const Principal& principal);
/// The units without empty entries and without entries that differ only in case.
QStringList normalized(const QStringList& units);
/// Whether a message of `unit` is in scope; never one without a unit.
bool contains(const QStringList& units, const QString& unit);

} // namespace UnitScope
