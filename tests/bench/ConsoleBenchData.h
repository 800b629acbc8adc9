#pragma once

#include <QJsonObject>
#include <QString>

/// What the console benchmarks share: synthetic message summaries (ops API 4.1 MessageSummary) as
/// a node sends them, for filling a console cache (bench_console_cache, bench_console_start) —
/// message `id` (1, 2, …) was received at kBaseMs + id × 300 ms — and reading a process's memory.
namespace ConsoleBenchData {

inline constexpr qint64 kBaseMs = 1'795'730'400'000; ///< 2026-11-26T22:00:00Z

QString correlationIdOf(qint64 id);
QString controlIdOf(qint64 id);
/// ~50,000 patients, ~20 messages each.
QString patientIdOf(qint64 id);
/// One in seven masked ("***"); one in four carries a fillerOrderNumber "ACC<id>".
QJsonObject summary(qint64 id);

/// VmRSS of a process in MB (pid 0: this process); -1 when unreadable.
double residentMb(qint64 pid = 0);

} // namespace ConsoleBenchData
