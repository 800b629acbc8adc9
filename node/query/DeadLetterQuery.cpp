#include "node/query/DeadLetterQuery.h"

#include "node/store/StoreRows.h"

#include "node/query/UnitScope.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>

#include <algorithm>

namespace {

constexpr const char* SummaryColumns = "d.id, d.message_id, d.correlation_id, d.channel, d.destination, d.stage, "
                                       "d.reason, d.error_class, d.error_location, d.attempts, d.created_at, d.state, "
                                       "d.resubmitted_as, d.resubmitted_at, m.unit, m.msg_type, m.trigger_event, "
                                       "m.control_id, d.parked_at, d.parked_by, d.park_reason";

const QString AllStates = QStringLiteral("all");

// Keeps NULL apart from the empty string: they are different failure groups.
QString nullableText(const SqliteStatement& s, int column)
{
    if (s.isNull(column))
        return {};
    const QString text = s.text(column);
    return text.isNull() ? QStringLiteral("") : text;
}

QByteArray joined(const QList<QByteArray>& terms)
{
    QByteArray out;
    for (const QByteArray& term : terms) {
        if (!out.isEmpty())
            out += " AND ";
        out += term;
    }
    return out;
}

QByteArray signatureTerms(QueryParams& params, const DeadLetterQuery::Signature& s)
{
    return "d.stage = " + params.add(s.stage) + " AND d.error_class IS " + params.add(s.errorClass)
        + " AND d.error_location IS " + params.add(s.errorLocation);
}

} // namespace

QString DeadLetterQuery::encodeSignature(const Signature& signature)
{
    QJsonArray parts;
    for (const QString* part : { &signature.stage, &signature.errorClass, &signature.errorLocation })
        parts.append(part->isNull() ? QJsonValue(QJsonValue::Null) : QJsonValue(*part));
    return QString::fromLatin1(QJsonDocument(parts)
                                   .toJson(QJsonDocument::Compact)
                                   .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

std::optional<DeadLetterQuery::Signature> DeadLetterQuery::decodeSignature(const QString& text)
{
    const auto decoded = QByteArray::fromBase64Encoding(
        text.toLatin1(), QByteArray::Base64UrlEncoding | QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded || text.isEmpty())
        return std::nullopt;
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(*decoded, &error);
    if (error.error != QJsonParseError::NoError || !document.isArray() || document.array().size() != 3)
        return std::nullopt;
    const QJsonArray parts = document.array();
    QString values[3];
    for (int i = 0; i < 3; ++i) {
        if (parts[i].isNull())
            continue;
        if (!parts[i].isString())
            return std::nullopt;
        values[i] = parts[i].toString();
        if (values[i].isNull())
            values[i] = QStringLiteral("");
    }
    if (values[0].isNull())
        return std::nullopt;
    return Signature { values[0], values[1], values[2] };
}

bool DeadLetterQuery::open(const QString& storePath, QString* errorString)
{
    std::lock_guard lock(m_mutex);
    return m_connection.open(storePath, errorString);
}

void DeadLetterQuery::close()
{
    std::lock_guard lock(m_mutex);
    m_connection.close();
}

bool DeadLetterQuery::isOpen() const
{
    return m_connection.isOpen();
}

bool DeadLetterQuery::validate(const DeadLetterFilter& filter, QString* errorString)
{
    QString error;
    if (filter.limit < 1 || filter.limit > MessageFilter::MaxLimit)
        error = QStringLiteral("limit must be between 1 and %1").arg(MessageFilter::MaxLimit);
    else if (filter.beforeId < 0)
        error = QStringLiteral("the cursor must not be negative");
    else if (!filter.signature.isEmpty() && !decodeSignature(filter.signature))
        error = QStringLiteral("the signature is not one this node gave out");
    if (error.isEmpty())
        return true;
    if (errorString)
        *errorString = error;
    return false;
}

void DeadLetterQuery::planSelection(
    const DeadLetterFilter& f, Purpose purpose, QueryParams& p, QByteArray& from, QByteArray& where) const
{
    std::optional<QStringList> units;
    if (f.units) {
        units = UnitScope::normalized(*f.units);
        if (units->isEmpty())
            return;
    }
    // A page walks the most selective index in id order; the other filters check the rows it
    // yields. Groups read dead_letters_groups alone (it holds every column they count), from the
    // state's range when there is a state.
    QByteArray index = purpose == Purpose::Groups ? QByteArray("dead_letters_groups") : QByteArray();
    QList<QByteArray> terms;
    const auto term = [&](const char* indexName, const QByteArray& sql) {
        if (indexName && index.isEmpty()) {
            index = indexName;
            terms.prepend(sql);
        } else {
            terms.append(sql);
        }
    };
    if (!f.signature.isEmpty())
        term("dead_letters_signature", signatureTerms(p, *decodeSignature(f.signature)));
    if (!f.destination.isEmpty())
        term("dead_letters_destination", "d.destination = " + p.add(f.destination));
    if (!f.state.isEmpty() && f.state != AllStates)
        term("dead_letters_state", "d.state = " + p.add(f.state));
    if (!f.stage.isEmpty())
        term(nullptr, "d.stage = " + p.add(f.stage));
    if (!f.errorClass.isEmpty())
        term(nullptr, "d.error_class = " + p.add(f.errorClass));
    if (!f.channel.isEmpty())
        term(nullptr, "d.channel = " + p.add(f.channel));
    if (units) {
        QByteArray list;
        for (const QString& unit : std::as_const(*units))
            list += (list.isEmpty() ? "" : ", ") + p.add(unit);
        terms.append("m.unit COLLATE NOCASE IN (" + list + ")");
    }
    if (purpose == Purpose::Page && f.beforeId > 0)
        terms.append("d.id < " + p.add(f.beforeId));
    from = "dead_letters AS d " + (index.isEmpty() ? QByteArray("NOT INDEXED") : "INDEXED BY " + index);
    // The message gives the unit (and a page's header fields). With a unit scope the join must stay
    // behind the dead letters (CROSS JOIN fixes the order), or SQLite could start from messages_unit
    // and visit every message.
    if (units)
        from += " CROSS JOIN messages AS m ON m.id = d.message_id";
    else if (purpose == Purpose::Page)
        from += " LEFT JOIN messages AS m ON m.id = d.message_id";
    where = joined(terms);
}

void DeadLetterQuery::planPage(const DeadLetterFilter& filter, QueryParams& params, QByteArray& sql) const
{
    QByteArray from, where;
    planSelection(filter, Purpose::Page, params, from, where);
    if (from.isEmpty())
        return;
    sql = QByteArray("SELECT ") + SummaryColumns + " FROM " + from
        + (where.isEmpty() ? QByteArray() : QByteArray(" WHERE " + where)) + " ORDER BY d.id DESC LIMIT "
        + params.add(qint64(filter.limit) + 1);
}

void DeadLetterQuery::planGroups(const DeadLetterFilter& filter, QueryParams& params, QByteArray& sql) const
{
    QByteArray from, where;
    planSelection(filter, Purpose::Groups, params, from, where);
    if (from.isEmpty())
        return;
    // Grouped by destination and channel too, so SQLite counts and the destinations and channels of
    // a group come along (dead_letters_groups holds both: still no row reads).
    sql = "SELECT d.stage, d.error_class, d.error_location, d.destination, COUNT(*), MIN(d.created_at), "
          "MAX(d.created_at), MAX(d.id), d.channel FROM "
        + from + (where.isEmpty() ? QByteArray() : QByteArray(" WHERE " + where))
        + " GROUP BY d.stage, d.error_class, d.error_location, d.destination, d.channel";
}

std::optional<DeadLetterPage> DeadLetterQuery::find(const DeadLetterFilter& filter, QString* errorString)
{
    if (!validate(filter, errorString))
        return std::nullopt;
    std::lock_guard lock(m_mutex);
    QueryParams params;
    QByteArray sql;
    planPage(filter, params, sql);
    DeadLetterPage page;
    if (sql.isEmpty())
        return page;
    const bool ok = m_connection.run(
        sql, params,
        [&](const SqliteStatement& s) {
            DeadLetterSummary d;
            d.id = s.int64(0);
            d.messageId = s.int64(1);
            d.correlationId = s.textUtf8(2);
            d.channel = s.text(3);
            d.destination = s.text(4);
            d.stage = s.text(5);
            d.reason = s.text(6);
            d.errorClass = nullableText(s, 7);
            d.errorLocation = nullableText(s, 8);
            d.attempts = int(s.int64(9));
            d.createdAtMs = s.int64(10);
            d.state = s.text(11);
            d.resubmittedAs = s.int64(12);
            d.resubmittedAtMs = s.int64(13);
            d.unit = s.text(14);
            d.messageType = s.text(15);
            d.triggerEvent = s.text(16);
            d.controlId = s.text(17);
            d.parkedAtMs = s.int64(18);
            d.parkedBy = s.text(19);
            d.parkReason = s.text(20);
            d.signature = encodeSignature({ d.stage, d.errorClass, d.errorLocation });
            page.items.append(d);
        },
        errorString);
    if (!ok)
        return std::nullopt;
    if (page.items.size() > filter.limit) {
        page.items.resize(filter.limit);
        page.nextCursor = page.items.last().id;
    }
    return page;
}

std::optional<QList<DeadLetterGroup>> DeadLetterQuery::groups(const DeadLetterFilter& filter, QString* errorString)
{
    if (!validate(filter, errorString))
        return std::nullopt;
    std::lock_guard lock(m_mutex);
    QueryConnection::Snapshot snapshot(m_connection);
    QueryParams params;
    QByteArray sql;
    planGroups(filter, params, sql);
    QList<DeadLetterGroup> groups;
    if (sql.isEmpty())
        return groups;
    QHash<QString, qsizetype> groupOf;
    QList<qint64> latestIds;
    const bool ok = m_connection.run(
        sql, params,
        [&](const SqliteStatement& s) {
            const Signature signature { nullableText(s, 0), nullableText(s, 1), nullableText(s, 2) };
            const QString key = encodeSignature(signature);
            auto it = groupOf.constFind(key);
            if (it == groupOf.cend()) {
                DeadLetterGroup g;
                g.signature = key;
                g.stage = signature.stage;
                g.errorClass = signature.errorClass;
                g.errorLocation = signature.errorLocation;
                g.firstAtMs = s.int64(5);
                it = groupOf.insert(key, groups.size());
                groups.append(g);
                latestIds.append(0);
            }
            DeadLetterGroup& g = groups[*it];
            g.count += s.int64(4);
            g.firstAtMs = std::min(g.firstAtMs, s.int64(5));
            g.lastAtMs = std::max(g.lastAtMs, s.int64(6));
            latestIds[*it] = std::max(latestIds[*it], s.int64(7));
            const QString destination = s.text(3);
            if (!destination.isEmpty() && !g.destinations.contains(destination))
                g.destinations.append(destination);
            const QString channel = s.text(8);
            if (!channel.isEmpty() && !g.channels.contains(channel))
                g.channels.append(channel);
        },
        errorString);
    if (!ok)
        return std::nullopt;
    for (qsizetype i = 0; i < groups.size(); ++i) {
        QueryParams byId;
        if (!m_connection.run(
                "SELECT reason FROM dead_letters WHERE id = " + byId.add(latestIds[i]), byId,
                [&](const SqliteStatement& s) { groups[i].latestReason = s.text(0); }, errorString))
            return std::nullopt;
        groups[i].destinations.sort();
        groups[i].channels.sort();
    }
    std::sort(groups.begin(), groups.end(), [](const DeadLetterGroup& a, const DeadLetterGroup& b) {
        if (a.count != b.count)
            return a.count > b.count;
        if (a.lastAtMs != b.lastAtMs)
            return a.lastAtMs > b.lastAtMs;
        return a.signature < b.signature;
    });
    return groups;
}

std::optional<QList<qint64>> DeadLetterQuery::ids(const QString& signature, bool openOnly, QString* errorString)
{
    return idsInState(signature, openOnly ? QStringLiteral("open") : QString(), errorString);
}

std::optional<QList<qint64>> DeadLetterQuery::idsInState(const QString& signature, const QString& state,
                                                         QString* errorString)
{
    const auto parts = decodeSignature(signature);
    if (!parts) {
        if (errorString)
            *errorString = QStringLiteral("the signature is not one this node gave out");
        return std::nullopt;
    }
    std::lock_guard lock(m_mutex);
    QueryParams params;
    QByteArray sql = "SELECT d.id FROM dead_letters AS d INDEXED BY dead_letters_signature WHERE "
        + signatureTerms(params, *parts);
    if (!state.isEmpty())
        sql += " AND d.state = " + params.add(state);
    sql += " ORDER BY d.id";
    QList<qint64> result;
    if (!m_connection.run(
            sql, params, [&](const SqliteStatement& s) { result.append(s.int64(0)); }, errorString))
        return std::nullopt;
    return result;
}

std::optional<DeadLetter> DeadLetterQuery::deadLetter(
    qint64 id, const std::optional<QStringList>& units, QString* errorString)
{
    std::lock_guard lock(m_mutex);
    QueryParams params;
    // The dead letter's columns in StoreRows order (raw included), then its message's unit.
    const QByteArray sql = "SELECT d.id, d.message_id, d.correlation_id, d.channel, d.destination, d.stage, d.reason, "
                           "d.error_class, d.error_location, d.attempts, d.created_at, d.state, d.resubmitted_as, "
                           "d.parked_at, d.parked_by, d.park_reason, d.raw, m.unit FROM dead_letters AS d "
                           "LEFT JOIN messages AS m ON m.id = d.message_id WHERE d.id = "
        + params.add(id);
    std::optional<DeadLetter> result;
    QString unit;
    const bool ok = m_connection.run(
        sql, params,
        [&](const SqliteStatement& s) {
            result = StoreRows::readDeadLetter(s, true);
            unit = s.text(17);
        },
        errorString);
    if (!ok || (units && !UnitScope::contains(*units, unit)))
        return std::nullopt;
    return result;
}

QStringList DeadLetterQuery::explain(const DeadLetterFilter& filter, bool groups, QString* errorString)
{
    if (!validate(filter, errorString))
        return {};
    std::lock_guard lock(m_mutex);
    QueryParams params;
    QByteArray sql;
    if (groups)
        planGroups(filter, params, sql);
    else
        planPage(filter, params, sql);
    if (sql.isEmpty())
        return {};
    return m_connection.explain(sql, params, errorString);
}
