#include "node/stats/StatsHistory.h"

#include <QJsonArray>
#include <QLoggingCategory>

#include <cmath>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcStatsHistory, "vigil.node.stats.history")

namespace {

const QString ChannelKind = u"channel"_s;
const QString DestinationKind = u"destination"_s;

QString endpointKey(const QString& kind, const QString& name)
{
    return kind + u'\n' + name;
}

double rounded(double value)
{
    return std::round(value * 1000.0) / 1000.0;
}

qint64 delta(qint64 previous, qint64 current)
{
    // A total below the last one means its object started again: everything it counted is new.
    return current >= previous ? current - previous : current;
}

qint64 milli(double rate)
{
    return std::llround(qMax(0.0, rate) * 1000.0);
}

qint64 ceilDiv(qint64 a, qint64 b)
{
    return (a + b - 1) / b;
}

qint64 floorTo(qint64 value, qint64 step)
{
    return value - value % step;
}

void setError(QString* errorString, const QString& text)
{
    if (errorString)
        *errorString = text;
}

} // namespace

QJsonObject StatsHistory::Point::toJson() const
{
    return QJsonObject{
        {u"atMs"_s, atMs},
        {u"samples"_s, samples},
        {u"queueDepth"_s, rounded(queueDepth)},
        {u"queueDepthMax"_s, queueDepthMax},
        {u"arrivalRatePerSec"_s, rounded(arrivalRatePerSec)},
        {u"arrivalRateMaxPerSec"_s, rounded(arrivalRateMaxPerSec)},
        {u"drainRatePerSec"_s, rounded(drainRatePerSec)},
        {u"drainRateMaxPerSec"_s, rounded(drainRateMaxPerSec)},
        {u"inFlight"_s, rounded(inFlight)},
        {u"errors"_s, errors},
        {u"deadLetters"_s, deadLetters},
    };
}

QJsonObject StatsHistory::Series::toJson() const
{
    QJsonArray array;
    for (const Point& p : points)
        array.append(p.toJson());
    return QJsonObject{
        {u"endpointKind"_s, endpointKind},
        {u"name"_s, name},
        {u"fromMs"_s, fromMs},
        {u"toMs"_s, toMs},
        {u"resolutionSec"_s, resolutionSec},
        {u"points"_s, array},
    };
}

StatsHistory::StatsHistory(SqliteDatabase& db, std::function<qint64()> nowMs, int retentionDays)
    : m_db(db)
    , m_nowMs(std::move(nowMs))
    , m_retentionDays(qMax(1, retentionDays))
{
}

bool StatsHistory::ensureSchema(SqliteDatabase& db, QString* errorString)
{
    // `at` is seconds since the epoch (a minute row: the minute's first second). Rows are keyed by
    // endpoint first, for the per-endpoint range queries; the `at` indexes serve rollup and pruning.
    // Second rows hold rates in thousandths per second as integers: compact, and exact enough.
    return db.exec(R"sql(
CREATE TABLE IF NOT EXISTS stats_endpoints(
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,
    name TEXT NOT NULL,
    UNIQUE(kind, name));
CREATE TABLE IF NOT EXISTS stats_second(
    endpoint INTEGER NOT NULL,
    at INTEGER NOT NULL,
    queue_depth INTEGER NOT NULL,
    arrival_milli INTEGER NOT NULL,
    drain_milli INTEGER NOT NULL,
    in_flight INTEGER NOT NULL,
    errors INTEGER NOT NULL,
    dead_letters INTEGER NOT NULL,
    PRIMARY KEY(endpoint, at)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS stats_second_at ON stats_second(at);
CREATE TABLE IF NOT EXISTS stats_minute(
    endpoint INTEGER NOT NULL,
    at INTEGER NOT NULL,
    samples INTEGER NOT NULL,
    depth_avg REAL NOT NULL,
    depth_max INTEGER NOT NULL,
    arrival_avg REAL NOT NULL,
    arrival_max REAL NOT NULL,
    drain_avg REAL NOT NULL,
    drain_max REAL NOT NULL,
    in_flight_avg REAL NOT NULL,
    errors INTEGER NOT NULL,
    dead_letters INTEGER NOT NULL,
    PRIMARY KEY(endpoint, at)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS stats_minute_at ON stats_minute(at);
)sql",
                   errorString);
}

bool StatsHistory::prepare(QString* errorString)
{
    if (m_prepared)
        return true;
    m_insertEndpoint = m_db.prepare("INSERT OR IGNORE INTO stats_endpoints(kind, name) VALUES(?1, ?2)");
    m_selectEndpoint = m_db.prepare("SELECT id FROM stats_endpoints WHERE kind = ?1 AND name = ?2");
    // Two samples in one second (timer jitter) keep the later gauges and both deltas.
    m_insertSecond = m_db.prepare(
        "INSERT INTO stats_second(endpoint, at, queue_depth, arrival_milli, drain_milli, in_flight, errors, "
        "dead_letters) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) "
        "ON CONFLICT(endpoint, at) DO UPDATE SET queue_depth = excluded.queue_depth, "
        "arrival_milli = excluded.arrival_milli, drain_milli = excluded.drain_milli, "
        "in_flight = excluded.in_flight, errors = errors + excluded.errors, "
        "dead_letters = dead_letters + excluded.dead_letters");
    m_oldestSecond = m_db.prepare("SELECT MIN(at) FROM stats_second");
    // A minute already rolled up (only after the wall clock went back an hour) is merged, not replaced.
    m_rollup = m_db.prepare(
        "INSERT INTO stats_minute(endpoint, at, samples, depth_avg, depth_max, arrival_avg, arrival_max, drain_avg, "
        "drain_max, in_flight_avg, errors, dead_letters) "
        "SELECT endpoint, ?1, COUNT(*), AVG(queue_depth), MAX(queue_depth), AVG(arrival_milli) / 1000.0, "
        "MAX(arrival_milli) / 1000.0, AVG(drain_milli) / 1000.0, MAX(drain_milli) / 1000.0, AVG(in_flight), "
        "SUM(errors), SUM(dead_letters) "
        "FROM stats_second WHERE at >= ?1 AND at < ?1 + 60 GROUP BY endpoint "
        "ON CONFLICT(endpoint, at) DO UPDATE SET "
        "depth_avg = (depth_avg * samples + excluded.depth_avg * excluded.samples) "
        "/ (samples + excluded.samples), "
        "depth_max = MAX(depth_max, excluded.depth_max), "
        "arrival_avg = (arrival_avg * samples + excluded.arrival_avg * excluded.samples) "
        "/ (samples + excluded.samples), "
        "arrival_max = MAX(arrival_max, excluded.arrival_max), "
        "drain_avg = (drain_avg * samples + excluded.drain_avg * excluded.samples) "
        "/ (samples + excluded.samples), "
        "drain_max = MAX(drain_max, excluded.drain_max), "
        "in_flight_avg = (in_flight_avg * samples + excluded.in_flight_avg * excluded.samples) "
        "/ (samples + excluded.samples), "
        "errors = errors + excluded.errors, dead_letters = dead_letters + excluded.dead_letters, "
        "samples = samples + excluded.samples");
    m_deleteSeconds = m_db.prepare("DELETE FROM stats_second WHERE at >= ?1 AND at < ?2");
    m_oldestMinute = m_db.prepare("SELECT MIN(at) FROM stats_minute");
    m_deleteMinutes = m_db.prepare("DELETE FROM stats_minute WHERE at < ?1");
    for (const SqliteStatement* s : {&m_insertEndpoint, &m_selectEndpoint, &m_insertSecond, &m_oldestSecond, &m_rollup,
                                     &m_deleteSeconds, &m_oldestMinute, &m_deleteMinutes}) {
        if (!s->isValid()) {
            setError(errorString, u"stats history: cannot prepare statements (schema missing?): "_s + m_db.lastError());
            return false;
        }
    }
    m_prepared = true;
    return true;
}

std::optional<qint64> StatsHistory::endpointId(const QString& kind, const QString& name, bool create,
                                               QString* errorString)
{
    const QString key = endpointKey(kind, name);
    const auto cached = m_endpointIds.constFind(key);
    if (cached != m_endpointIds.constEnd())
        return *cached;
    if (create) {
        m_insertEndpoint.bind(1, kind).bind(2, name);
        if (!m_insertEndpoint.run()) {
            setError(errorString, u"stats history: "_s + m_insertEndpoint.error());
            return std::nullopt;
        }
    }
    m_selectEndpoint.reset();
    m_selectEndpoint.bind(1, kind).bind(2, name);
    std::optional<qint64> id;
    if (m_selectEndpoint.next())
        id = m_selectEndpoint.int64(0);
    const bool failed = m_selectEndpoint.failed();
    m_selectEndpoint.reset();
    if (failed) {
        setError(errorString, u"stats history: "_s + m_db.lastError());
        return std::nullopt;
    }
    if (id)
        m_endpointIds.insert(key, *id);
    return id;
}

bool StatsHistory::record(const StatsSnapshot& snapshot, QString* errorString)
{
    if (!prepare(errorString))
        return false;
    const qint64 atSec = (snapshot.atMs > 0 ? snapshot.atMs : m_nowMs()) / 1000;

    QString error;
    if (!m_db.exec("BEGIN IMMEDIATE", &error)) {
        setError(errorString, u"stats history: "_s + error);
        return false;
    }
    QHash<QString, Totals> totals;
    bool ok = true;
    auto insert = [&](const QString& kind, const QString& name, qint64 queueDepth, double arrival, double drain,
                      qint64 inFlight, qint64 errorsTotal, qint64 deadLettersTotal) {
        if (!ok)
            return;
        const std::optional<qint64> id = endpointId(kind, name, true, &error);
        if (!id) {
            ok = false;
            return;
        }
        const QString key = endpointKey(kind, name);
        const Totals now{errorsTotal, deadLettersTotal};
        const auto previous = m_previous.constFind(key);
        const Totals before = previous == m_previous.constEnd() ? now : *previous;
        totals.insert(key, now);
        m_insertSecond.bind(1, *id)
            .bind(2, atSec)
            .bind(3, queueDepth)
            .bind(4, milli(arrival))
            .bind(5, milli(drain))
            .bind(6, inFlight)
            .bind(7, delta(before.errors, now.errors))
            .bind(8, delta(before.deadLetters, now.deadLetters));
        if (!m_insertSecond.run()) {
            error = m_insertSecond.error();
            ok = false;
        }
    };
    for (const ChannelStats& c : snapshot.channels)
        insert(ChannelKind, c.name, 0, c.arrivalRatePerSec, 0, 0, c.errorsTotal, c.deadLetteredTotal);
    for (const DestinationStats& d : snapshot.destinations)
        insert(DestinationKind, d.name, d.queueDepth, d.arrivalRatePerSec, d.drainRatePerSec, d.inFlight,
               d.failedAttemptsTotal, d.deadLetteredTotal);
    if (ok)
        ok = maintain(m_nowMs() / 1000, &error);
    if (ok)
        ok = m_db.exec("COMMIT", &error);
    if (!ok) {
        m_db.exec("ROLLBACK");
        // Endpoint ids created in the rolled-back transaction are gone with it.
        m_endpointIds.clear();
        setError(errorString, u"stats history: "_s + error);
        qCWarning(lcStatsHistory) << "could not record a sample:" << error;
        return false;
    }
    m_previous = std::move(totals);
    return true;
}

bool StatsHistory::maintain(qint64 nowSec, QString* errorString)
{
    // Whole minutes strictly older than the fine window are rolled up, oldest first; gaps (the node was
    // down) are skipped by asking for the oldest remaining second each time.
    const qint64 fineCutoff = floorTo(nowSec - FineWindowSec, 60);
    for (int i = 0; i < RollupMinutesPerCall; ++i) {
        m_oldestSecond.reset();
        if (!m_oldestSecond.next() || m_oldestSecond.isNull(0)) {
            const bool failed = m_oldestSecond.failed();
            m_oldestSecond.reset();
            if (failed) {
                setError(errorString, m_db.lastError());
                return false;
            }
            break;
        }
        const qint64 oldest = m_oldestSecond.int64(0);
        m_oldestSecond.reset();
        const qint64 minute = floorTo(oldest, 60);
        if (minute + 60 > fineCutoff)
            break;
        if (!rollupMinute(minute, errorString))
            return false;
    }

    const qint64 coarseCutoff = nowSec - qint64(m_retentionDays) * 86400;
    m_oldestMinute.reset();
    if (m_oldestMinute.next() && !m_oldestMinute.isNull(0)) {
        const qint64 oldest = m_oldestMinute.int64(0);
        m_oldestMinute.reset();
        if (oldest < coarseCutoff) {
            m_deleteMinutes.bind(1, qMin(coarseCutoff, oldest + qint64(PruneMinutesPerCall) * 60));
            if (!m_deleteMinutes.run()) {
                setError(errorString, m_deleteMinutes.error());
                return false;
            }
        }
    }
    m_oldestMinute.reset();
    return true;
}

bool StatsHistory::rollupMinute(qint64 minuteSec, QString* errorString)
{
    m_rollup.bind(1, minuteSec);
    if (!m_rollup.run()) {
        setError(errorString, m_rollup.error());
        return false;
    }
    m_deleteSeconds.bind(1, minuteSec).bind(2, minuteSec + 60);
    if (!m_deleteSeconds.run()) {
        setError(errorString, m_deleteSeconds.error());
        return false;
    }
    return true;
}

std::optional<StatsHistory::Series> StatsHistory::query(const QString& endpointKind, const QString& name, qint64 fromMs,
                                                        qint64 toMs, int maxPoints, QString* errorString)
{
    if (endpointKind != ChannelKind && endpointKind != DestinationKind) {
        setError(errorString,
                 u"unknown endpoint kind \"%1\" (expected \"channel\" or \"destination\")"_s.arg(endpointKind));
        return std::nullopt;
    }
    if (fromMs < 0 || toMs < fromMs) {
        setError(errorString, u"the time range is empty or negative"_s);
        return std::nullopt;
    }
    if (maxPoints < 1 || maxPoints > MaxPoints) {
        setError(errorString, u"maxPoints must be between 1 and %1"_s.arg(MaxPoints));
        return std::nullopt;
    }
    if (!prepare(errorString))
        return std::nullopt;

    Series series;
    series.endpointKind = endpointKind;
    series.name = name;
    series.fromMs = fromMs;
    series.toMs = toMs;

    const qint64 fromSec = fromMs / 1000;
    const qint64 toSec = toMs / 1000;
    const qint64 nowSec = m_nowMs() / 1000;
    const bool fine = fromSec >= nowSec - FineWindowSec && toSec - fromSec + 1 <= maxPoints;

    qint64 bucketSec = 1;
    qint64 firstSec = fromSec;
    if (!fine) {
        // Whole minutes, aligned to multiples of the width since the epoch so that a client polling a
        // sliding range sees stable points. Alignment can cost one more point: widen until it fits.
        const qint64 minutes = ceilDiv(toSec - floorTo(fromSec, 60) + 1, 60);
        if (maxPoints == 1) {
            bucketSec = 60 * minutes;
            firstSec = floorTo(fromSec, 60);
        } else {
            bucketSec = 60 * ceilDiv(minutes, maxPoints);
            while (ceilDiv(toSec - floorTo(fromSec, bucketSec) + 1, bucketSec) > maxPoints)
                bucketSec += 60; // ends by 60 * ceil(minutes / (maxPoints - 1)) at the latest
            firstSec = floorTo(fromSec, bucketSec);
        }
    }
    series.resolutionSec = int(qMin<qint64>(bucketSec, INT_MAX));

    QString error;
    const std::optional<qint64> id = endpointId(endpointKind, name, false, &error);
    if (!id) {
        if (!error.isEmpty()) {
            setError(errorString, error);
            return std::nullopt;
        }
        return series; // never recorded
    }

    if (fine) {
        auto stmt = m_db.prepare("SELECT at, queue_depth, arrival_milli, drain_milli, in_flight, errors, dead_letters "
                                 "FROM stats_second WHERE endpoint = ?1 AND at >= ?2 AND at <= ?3 ORDER BY at");
        stmt.bind(1, *id).bind(2, fromSec).bind(3, toSec);
        while (stmt.next()) {
            Point p;
            p.atMs = stmt.int64(0) * 1000;
            p.samples = 1;
            p.queueDepth = double(stmt.int64(1));
            p.queueDepthMax = stmt.int64(1);
            p.arrivalRatePerSec = p.arrivalRateMaxPerSec = double(stmt.int64(2)) / 1000.0;
            p.drainRatePerSec = p.drainRateMaxPerSec = double(stmt.int64(3)) / 1000.0;
            p.inFlight = double(stmt.int64(4));
            p.errors = stmt.int64(5);
            p.deadLetters = stmt.int64(6);
            series.points.append(p);
        }
        if (stmt.failed()) {
            setError(errorString, stmt.error());
            return std::nullopt;
        }
        return series;
    }

    // Minute rows (older than the fine window) and second rows (recent) never cover the same second,
    // so both are folded into the buckets together, each weighted by its number of samples. Only
    // data inside the range counts; a minute row counts when its minute overlaps the range.
    auto stmt = m_db.prepare(R"sql(
SELECT ?5 + ((at - ?5) / ?6) * ?6 AS bucket, SUM(samples),
       CAST(SUM(depth_sum) AS REAL) / SUM(samples), MAX(depth_max),
       CAST(SUM(arrival_sum) AS REAL) / SUM(samples), MAX(arrival_max),
       CAST(SUM(drain_sum) AS REAL) / SUM(samples), MAX(drain_max),
       CAST(SUM(in_flight_sum) AS REAL) / SUM(samples), SUM(errors), SUM(dead_letters)
FROM (
    SELECT at, samples, depth_avg * samples AS depth_sum, depth_max, arrival_avg * samples AS arrival_sum,
           arrival_max, drain_avg * samples AS drain_sum, drain_max, in_flight_avg * samples AS in_flight_sum,
           errors, dead_letters
    FROM stats_minute WHERE endpoint = ?1 AND at >= ?4 AND at <= ?3
    UNION ALL
    SELECT at, 1, queue_depth, queue_depth, arrival_milli / 1000.0, arrival_milli / 1000.0, drain_milli / 1000.0,
           drain_milli / 1000.0, in_flight, errors, dead_letters
    FROM stats_second WHERE endpoint = ?1 AND at >= ?2 AND at <= ?3)
GROUP BY bucket ORDER BY bucket
)sql");
    stmt.bind(1, *id).bind(2, fromSec).bind(3, toSec).bind(4, floorTo(fromSec, 60));
    stmt.bind(5, firstSec).bind(6, bucketSec);
    while (stmt.next()) {
        Point p;
        p.atMs = stmt.int64(0) * 1000;
        p.samples = int(stmt.int64(1));
        p.queueDepth = stmt.text(2).toDouble();
        p.queueDepthMax = stmt.int64(3);
        p.arrivalRatePerSec = stmt.text(4).toDouble();
        p.arrivalRateMaxPerSec = stmt.text(5).toDouble();
        p.drainRatePerSec = stmt.text(6).toDouble();
        p.drainRateMaxPerSec = stmt.text(7).toDouble();
        p.inFlight = stmt.text(8).toDouble();
        p.errors = stmt.int64(9);
        p.deadLetters = stmt.int64(10);
        series.points.append(p);
    }
    if (stmt.failed()) {
        setError(errorString, stmt.error());
        return std::nullopt;
    }
    return series;
}
