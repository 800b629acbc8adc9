#pragma once

#include <QByteArray>
#include <QString>

#include <variant>
#include <vector>

class SqliteStatement;

/// The values of a statement that is assembled from filter terms: each add() returns the numbered
/// placeholder to write into the SQL, so one value can appear in several places (UNION ALL arms).
class QueryParams
{
public:
    QByteArray add(qint64 value);
    QByteArray add(const QString& value); ///< a null QString binds NULL
    QByteArray addText(const QByteArray& utf8);
    void bindTo(SqliteStatement& statement) const;

private:
    QByteArray next();

    std::vector<std::variant<std::monostate, qint64, QByteArray>> m_values;
};
