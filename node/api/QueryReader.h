#pragma once

#include <QString>
#include <QStringList>
#include <QUrlQuery>

#include <optional>

class ApiCall;

/// Reads and checks an API request's query parameters; the first problem is kept and answered as
/// one 400 that names the parameter ("limit must be a whole number from 1 to 500").
class QueryReader
{
public:
    explicit QueryReader(const QUrlQuery& query);

    QString text(const QString& name, int maxLength = 256);
    /// Absent: fallback. Present but invalid: the error is recorded and fallback returned.
    qint64 integer(const QString& name, qint64 min, qint64 max, qint64 fallback);
    /// ISO 8601 ("2026-11-26T08:00:00Z") or milliseconds since the epoch; absent: 0.
    qint64 time(const QString& name);
    QString choice(const QString& name, const QStringList& allowed, const QString& fallback = {});
    /// A comma-separated list whose items are all in `allowed` ("state=notified,escalated"); absent: empty.
    QStringList choices(const QString& name, const QStringList& allowed);

    bool ok() const { return m_error.isEmpty(); }
    /// Fails `call` with the recorded 400 when something was wrong; returns true if it did.
    bool rejectIfInvalid(ApiCall& call) const;

private:
    void problem(const QString& name, const QString& message);

    QUrlQuery m_query;
    QString m_field;
    QString m_error;
};
