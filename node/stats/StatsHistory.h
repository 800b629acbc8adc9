#pragma once

#include "node/stats/StatsTypes.h"
#include "node/store/Sqlite.h"

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <functional>
#include <optional>

/// The node's stats history in ops.db (issue 3: "1 s resolution for the last hour and coarser beyond,
/// kept in the store"). One compact row per endpoint (channel or destination) and second; rows older
/// than an hour are rolled up into one row per endpoint and minute (averages and maxima of the gauges,
/// sums of the deltas), kept for ApiConfig::statsHistoryDays days.
///
/// Maintenance is incremental: every record() rolls up at most RollupMinutesPerCall minutes and prunes
/// at most PruneMinutesPerCall minutes of expired rows, in the same transaction as its inserts, so a
/// node that was down for days catches up over a few seconds instead of one long DELETE.
/// Main thread only (it shares ops.db with the other ops components).
class StatsHistory
{
public:
    /// One point of a series. A 1 s point is one sample (the maxima equal the values); a coarser point
    /// aggregates `samples` seconds: gauges averaged (and their maxima), deltas summed.
    struct Point
    {
        qint64 atMs = 0;                             ///< start of the point's interval
        int samples = 0;                             ///< seconds with a sample in the interval
        double queueDepth = 0;
        qint64 queueDepthMax = 0;
        double arrivalRatePerSec = 0;
        double arrivalRateMaxPerSec = 0;
        double drainRatePerSec = 0;
        double drainRateMaxPerSec = 0;
        double inFlight = 0;
        qint64 errors = 0;                           ///< new errors in the interval
        qint64 deadLetters = 0;                      ///< new dead letters in the interval

        QJsonObject toJson() const;
    };
    struct Series
    {
        QString endpointKind;                        ///< "channel" | "destination"
        QString name;
        qint64 fromMs = 0;
        qint64 toMs = 0;
        int resolutionSec = 1;                       ///< width of every point's interval
        QList<Point> points;                         ///< oldest first; intervals without samples are absent

        QJsonObject toJson() const;
    };

    StatsHistory(SqliteDatabase& db, std::function<qint64()> nowMs, int retentionDays = 7);

    static bool ensureSchema(SqliteDatabase& db, QString* errorString = nullptr);

    /// Stores one row per channel and destination of the snapshot (at its atMs, to the second) and does
    /// a bounded amount of rollup and pruning, all in one transaction. Error and dead-letter deltas are
    /// taken against the previous snapshot recorded by this object (the first one records 0).
    bool record(const StatsSnapshot& snapshot, QString* errorString = nullptr);

    /// The history of one endpoint between fromMs and toMs (inclusive), at most maxPoints points: 1 s
    /// points when the range lies within the last hour and fits maxPoints, otherwise points a whole
    /// number of minutes wide. An endpoint without history gives an empty series. nullopt with a
    /// reason for a bad request (unknown kind, toMs < fromMs, maxPoints outside 1..MaxPoints).
    std::optional<Series> query(const QString& endpointKind, const QString& name, qint64 fromMs, qint64 toMs,
                                int maxPoints, QString* errorString = nullptr);

    int retentionDays() const { return m_retentionDays; }
    void setRetentionDays(int days) { m_retentionDays = qMax(1, days); }

    static constexpr qint64 FineWindowSec = 3600;    ///< seconds kept at 1 s resolution
    static constexpr int RollupMinutesPerCall = 2;
    static constexpr int PruneMinutesPerCall = 60;
    static constexpr int MaxPoints = 100000;

private:
    struct Totals
    {
        qint64 errors = 0;
        qint64 deadLetters = 0;
    };
    struct Row
    {
        QString key;
        qint64 endpoint = 0;
        qint64 queueDepth = 0;
        double arrival = 0;
        double drain = 0;
        qint64 inFlight = 0;
        Totals totals;
    };

    bool prepare(QString* errorString);
    std::optional<qint64> endpointId(const QString& kind, const QString& name, bool create, QString* errorString);
    Row row(const QString& kind, const QString& name, qint64 errorsTotal, qint64 deadLettersTotal,
            QString* errorString);
    bool maintain(qint64 nowSec, QString* errorString);
    bool rollupMinute(qint64 minuteSec, QString* errorString);

    SqliteDatabase& m_db;
    std::function<qint64()> m_nowMs;
    int m_retentionDays;
    bool m_prepared = false;
    QHash<QString, qint64> m_endpointIds;            ///< "kind\nname" -> stats_endpoints.id
    QHash<QString, Totals> m_previous;               ///< totals of the last recorded snapshot

    SqliteStatement m_insertEndpoint;
    SqliteStatement m_selectEndpoint;
    SqliteStatement m_insertSecond;
    SqliteStatement m_oldestSecond;
    SqliteStatement m_rollup;
    SqliteStatement m_deleteSeconds;
    SqliteStatement m_oldestMinute;
    SqliteStatement m_deleteMinutes;
};
