#include "node/api/QueryReader.h"

#include "node/api/ApiCall.h"
#include "node/api/ApiJson.h"

QueryReader::QueryReader(const QUrlQuery& query)
    : m_query(query)
{
}

void QueryReader::problem(const QString& name, const QString& message)
{
    if (m_error.isEmpty()) {
        m_field = name;
        m_error = message;
    }
}

QString QueryReader::text(const QString& name, int maxLength)
{
    const QString value = m_query.queryItemValue(name, QUrl::FullyDecoded);
    if (value.size() > maxLength) {
        problem(name, QStringLiteral("%1 is longer than %2 characters").arg(name).arg(maxLength));
        return {};
    }
    return value;
}

qint64 QueryReader::integer(const QString& name, qint64 min, qint64 max, qint64 fallback)
{
    if (!m_query.hasQueryItem(name))
        return fallback;
    bool ok = false;
    const qint64 value = m_query.queryItemValue(name).toLongLong(&ok);
    if (!ok || value < min || value > max) {
        problem(name, QStringLiteral("%1 must be a whole number from %2 to %3").arg(name).arg(min).arg(max));
        return fallback;
    }
    return value;
}

qint64 QueryReader::time(const QString& name)
{
    if (!m_query.hasQueryItem(name))
        return 0;
    const auto ms = ApiJson::parseTime(m_query.queryItemValue(name, QUrl::FullyDecoded));
    if (!ms || *ms <= 0) {
        problem(name, QStringLiteral("%1 must be an ISO 8601 time (2026-11-26T08:00:00Z) or milliseconds since "
                                     "the epoch")
                          .arg(name));
        return 0;
    }
    return *ms;
}

QString QueryReader::choice(const QString& name, const QStringList& allowed, const QString& fallback)
{
    if (!m_query.hasQueryItem(name))
        return fallback;
    const QString value = m_query.queryItemValue(name, QUrl::FullyDecoded);
    if (!allowed.contains(value)) {
        problem(name, QStringLiteral("%1 must be one of: %2").arg(name, allowed.join(QStringLiteral(", "))));
        return fallback;
    }
    return value;
}

bool QueryReader::rejectIfInvalid(ApiCall& call) const
{
    if (m_error.isEmpty())
        return false;
    call.fail(400, QStringLiteral("invalid-parameter"), m_error, m_field);
    return true;
}

QStringList QueryReader::choices(const QString& name, const QStringList& allowed)
{
    const QString value = text(name, 1024);
    QStringList items;
    for (const QString& part : value.split(u',', Qt::SkipEmptyParts)) {
        const QString item = part.trimmed();
        if (!allowed.contains(item)) {
            problem(name, QStringLiteral("%1 takes a comma-separated list of: %2").arg(name, allowed.join(u", ")));
            return {};
        }
        if (!items.contains(item))
            items.append(item);
    }
    return items;
}
