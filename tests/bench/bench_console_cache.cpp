// Fills a console cache with 1,000,000 synthetic message summaries and times the searches the
// trace view makes (target: a cached search under 200 ms). Prints numbers, asserts nothing.
//   bench_console_cache [count] [cache file]   (default 1000000, a temporary file)

#include "tests/bench/ConsoleBenchData.h"
#include "models/console/ConsoleCache.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonArray>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>
#include <functional>

using namespace Qt::StringLiterals;
using namespace ConsoleBenchData;

namespace {

const int kBatch = 10'000;

// First run (cold for this query) and the median of the next nine.
void timeSearch(const ConsoleCache& cache, const char* name, const CacheSearch& search, int limit = 50)
{
    QElapsedTimer timer;
    timer.start();
    int found = int(cache.messagePage(search, 0, limit).size());
    const double firstMs = timer.nsecsElapsed() / 1e6;
    QList<double> runs;
    for (int i = 0; i < 9; ++i) {
        timer.restart();
        found = int(cache.messagePage(search, 0, limit).size());
        runs.append(timer.nsecsElapsed() / 1e6);
    }
    std::sort(runs.begin(), runs.end());
    std::printf("  %-44s %4d rows  first %8.2f ms  median %8.2f ms\n", name, found, firstMs, runs.at(4));
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    const qint64 count = args.size() > 1 ? args.at(1).toLongLong() : 1'000'000;
    QTemporaryDir dir;
    const QString path = args.size() > 2 ? args.at(2) : dir.filePath(u"bench-node.sqlite"_s);
    ConsoleCache::removeFiles(path);

    QString error;
    {
        ConsoleCache cache;
        if (!cache.open(path, ConsoleCache::OpenMode::ReadWrite, &error)) {
            std::fprintf(stderr, "open failed: %s\n", qPrintable(error));
            return 1;
        }
        cache.setMaxBytes(0); // measure the whole million, unpruned
        std::printf("console cache: %lld summaries in batches of %d\n", count, kBatch);
        QElapsedTimer total;
        total.start();
        qint64 buildNs = 0;
        for (qint64 first = 1; first <= count; first += kBatch) {
            QElapsedTimer build;
            build.start();
            QJsonArray batch;
            for (qint64 id = first; id < std::min(first + kBatch, count + 1); ++id)
                batch.append(summary(id));
            buildNs += build.nsecsElapsed();
            if (!cache.putMessages(batch, QDateTime::currentMSecsSinceEpoch(), &error)) {
                std::fprintf(stderr, "insert failed: %s\n", qPrintable(error));
                return 1;
            }
        }
        const double totalS = total.nsecsElapsed() / 1e9;
        const double insertS = (total.nsecsElapsed() - buildNs) / 1e9;
        std::printf("  insert: %.1f s (%.0f summaries/s), plus %.1f s building the JSON\n", insertS,
                    count / insertS, totalS - insertS);
        QElapsedTimer closing;
        closing.start();
        cache.close(); // PRAGMA optimize + checkpoint
        std::printf("  close (optimize, checkpoint): %.0f ms\n", closing.nsecsElapsed() / 1e6);
    }
    std::printf("  file size: %.1f MiB (%.0f bytes per summary)\n", QFileInfo(path).size() / 1048576.0,
                double(QFileInfo(path).size()) / count);

    QElapsedTimer opening;
    opening.start();
    ConsoleCache cache;
    if (!cache.open(path, ConsoleCache::OpenMode::ReadOnly, &error)) {
        std::fprintf(stderr, "reopen failed: %s\n", qPrintable(error));
        return 1;
    }
    std::printf("  reopen read-only: %.1f ms\n", opening.nsecsElapsed() / 1e6);
    std::printf("searches (first page of 50, newest first):\n");

    const qint64 probe = count / 3;
    CacheSearch s;
    s.key = CacheSearch::Key::CorrelationId;
    s.text = correlationIdOf(probe);
    timeSearch(cache, "correlation ID", s);
    s.key = CacheSearch::Key::ControlId;
    s.text = controlIdOf(probe);
    timeSearch(cache, "control ID (MSH-10)", s);
    s.key = CacheSearch::Key::PatientId;
    s.text = patientIdOf(probe + 1);
    timeSearch(cache, "patient ID (~20 messages)", s);
    s.key = CacheSearch::Key::Accession;
    s.text = u"ACC"_s + QString::number(probe - probe % 4 + 1);
    timeSearch(cache, "accession", s);
    s.key = CacheSearch::Key::Any;
    s.text = controlIdOf(probe);
    timeSearch(cache, "search box: any identifier, exact", s);
    s.text = controlIdOf(probe).left(14); // ~1,000 matches
    s.prefix = true;
    timeSearch(cache, "search box: any identifier, prefix", s);
    s = CacheSearch{};

    const qint64 lastMs = kBaseMs + count * 300;
    CacheSearch range;
    range.fromMs = lastMs - 3'600'000;
    range.toMs = lastMs;
    timeSearch(cache, "time range: the last hour", range);
    range.fromMs = kBaseMs + (count / 10) * 300;
    range.toMs = range.fromMs + 3'600'000;
    timeSearch(cache, "time range: one hour, 90% back", range);
    range.fromMs = kBaseMs;
    range.toMs = lastMs;
    timeSearch(cache, "time range: everything", range);
    range.fromMs = kBaseMs + (count / 2) * 300;
    range.toMs = range.fromMs + 3'600'000;
    range.state = u"invalid"_s;
    range.messageType = u"ORU^R01"_s;
    timeSearch(cache, "time range 50% back + state + type", range);
    CacheSearch state;
    state.state = u"duplicate"_s;
    timeSearch(cache, "state only", state);

    // Paging deep: 20 pages of 500 from the middle of the history.
    QElapsedTimer paging;
    paging.start();
    qint64 before = count / 2;
    int rows = 0;
    for (int page = 0; page < 20; ++page) {
        const QList<QJsonObject> items = cache.messagePage(CacheSearch{}, before, 500);
        rows += int(items.size());
        before = items.last().value(u"id"_s).toInteger();
    }
    std::printf("  %-44s %4d rows  total %8.2f ms\n", "20 keyset pages of 500 (fetchMore)", rows,
                paging.nsecsElapsed() / 1e6);
    return 0;
}
