#include "node/query/QueryParams.h"

#include "node/store/Sqlite.h"

namespace {

// An empty string is a value, not NULL: they select different rows.
QByteArray nonNull(QByteArray bytes)
{
    return bytes.isNull() ? QByteArray("", 0) : bytes;
}

} // namespace

QByteArray QueryParams::next()
{
    return "?" + QByteArray::number(qsizetype(m_values.size()));
}

QByteArray QueryParams::add(qint64 value)
{
    m_values.emplace_back(value);
    return next();
}

QByteArray QueryParams::add(const QString& value)
{
    if (value.isNull())
        m_values.emplace_back(std::monostate());
    else
        m_values.emplace_back(nonNull(value.toUtf8()));
    return next();
}

QByteArray QueryParams::addText(const QByteArray& utf8)
{
    m_values.emplace_back(utf8);
    return next();
}

void QueryParams::bindTo(SqliteStatement& statement) const
{
    for (std::size_t i = 0; i < m_values.size(); ++i) {
        const int index = int(i) + 1;
        const auto& value = m_values[i];
        if (const auto* number = std::get_if<qint64>(&value))
            statement.bind(index, *number);
        else if (const auto* text = std::get_if<QByteArray>(&value))
            statement.bindText(index, *text);
        else
            statement.bindNull(index);
    }
}
