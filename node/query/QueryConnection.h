#pragma once

#include "node/store/Sqlite.h"

#include <QByteArray>
#include <QString>

#include <functional>
#include <memory>
#include <unordered_map>

class QueryParams;

/// A read-only connection to the node's store for the ops API's searches. WAL lets it read beside
/// the writer without blocking it; statements are prepared once per distinct SQL text. One thread
/// at a time.
class QueryConnection
{
public:
    bool open(const QString& storePath, QString* errorString);
    void close();
    bool isOpen() const { return m_db.handle() != nullptr; }

    /// Runs `sql` with `params`, calling onRow for every row. False (and errorString) on an error.
    bool run(const QByteArray& sql, const QueryParams& params, const std::function<void(const SqliteStatement&)>& onRow,
        QString* errorString);
    /// The query plan of `sql`, one line per step ("SEARCH messages USING INDEX ..."), for tests.
    QStringList explain(const QByteArray& sql, const QueryParams& params, QString* errorString = nullptr);

    /// Keeps one snapshot of the store across several statements (e.g. a page and its delivery
    /// summary), so they agree with each other.
    class Snapshot
    {
    public:
        explicit Snapshot(QueryConnection& connection);
        ~Snapshot();
        Snapshot(const Snapshot&) = delete;
        Snapshot& operator=(const Snapshot&) = delete;

    private:
        QueryConnection& m_connection;
        bool m_open = false;
    };

private:
    SqliteStatement* statement(const QByteArray& sql, QString* errorString);

    static constexpr std::size_t MaxCachedStatements = 64;

    SqliteDatabase m_db;
    std::unordered_map<std::string, std::unique_ptr<SqliteStatement>> m_statements;
};
