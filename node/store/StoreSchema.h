#pragma once

#include <QString>

class SqliteDatabase;

/// Creates the store's tables, or migrates an older store forward, in one transaction.
namespace StoreSchema {

constexpr int CurrentVersion = 4;
bool migrate(SqliteDatabase& db, QString* errorString);

} // namespace StoreSchema
