// Benchmark (run on demand) of the console's cold start (issue 5; target: first painted window
// under 1 s with a cache of 1,000,000 messages). Prints, never asserts (DESIGN.md section 7).
//
// Fills the offline cache of one node profile with 1,000,000 message summaries (and an hour of
// 1 Hz stats samples, so the overview has cached figures to show), then starts the real
// vigil-console on the offscreen platform with that cache and settings folder, no keychain and no
// reachable node, several times. Each run measures, from QProcess::start to the console's
// `first-paint` line (VIGIL_CONSOLE_REPORT_FIRST_PAINT=1, app/console/main.cpp), the time to the
// first painted main window, and the console's resident memory at that point. With --drop-caches
// (as root) the page cache is dropped before every run, so the binary, Qt and the cache file come
// from disk.
//
// Usage: bench_console_start [--messages N] [--runs R] [--dir DIR] [--drop-caches]
//   --dir keeps the filled cache in DIR and reuses it on the next run with the same N.
#include "models/console/ConsoleCache.h"
#include "models/console/NodeProfiles.h"
#include "tests/bench/ConsoleBenchData.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QProcess>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace {

constexpr int kBatch = 10'000;

QJsonObject statsSample(qint64 atMs, int tick)
{
    QJsonArray channels;
    for (const QString& name : { u"hl7-in"_s, u"lab-in"_s, u"fhir-in"_s }) {
        channels.append(QJsonObject { { u"name"_s, name }, { u"kind"_s, u"mllp"_s }, { u"receivedTotal"_s, tick * 3 },
            { u"acceptedTotal"_s, tick * 3 }, { u"rejectedTotal"_s, 0 }, { u"duplicatesTotal"_s, 0 },
            { u"deadLetteredTotal"_s, 0 }, { u"errorsTotal"_s, 0 }, { u"connections"_s, 1 },
            { u"lastReceivedAtMs"_s, atMs - 300 }, { u"arrivalRatePerSec"_s, 3.3 } });
    }
    QJsonArray destinations;
    for (const QString& name : { u"ehr"_s, u"lab-results"_s, u"archive"_s }) {
        destinations.append(QJsonObject { { u"name"_s, name }, { u"kind"_s, u"mllp"_s }, { u"queueDepth"_s, tick % 7 },
            { u"oldestQueuedAgeMs"_s, (tick % 7) * 1000 }, { u"inFlight"_s, 1 }, { u"enqueuedTotal"_s, tick * 3 },
            { u"deliveredTotal"_s, tick * 3 - tick % 7 }, { u"failedAttemptsTotal"_s, 0 },
            { u"deadLetteredTotal"_s, 0 }, { u"breakerState"_s, u"closed"_s }, { u"lastSentAtMs"_s, atMs - 500 },
            { u"arrivalRatePerSec"_s, 3.3 }, { u"drainRatePerSec"_s, 3.3 } });
    }
    return QJsonObject { { u"atMs"_s, atMs },
        { u"node"_s,
            QJsonObject { { u"deadLetterDepth"_s, 2 }, { u"messagesStored"_s, tick * 9 }, { u"uptimeSec"_s, tick } } },
        { u"channels"_s, channels }, { u"destinations"_s, destinations } };
}

/// The cache file of the profile: N summaries, the last hour of stats, the last contact.
bool fillCache(const QString& path, qint64 count, QString* error)
{
    ConsoleCache::removeFiles(path);
    ConsoleCache cache;
    if (!cache.open(path, ConsoleCache::OpenMode::ReadWrite, error))
        return false;
    cache.setMaxBytes(0);
    QElapsedTimer timer;
    timer.start();
    for (qint64 first = 1; first <= count; first += kBatch) {
        QJsonArray batch;
        for (qint64 id = first; id < std::min(first + kBatch, count + 1); ++id)
            batch.append(ConsoleBenchData::summary(id));
        if (!cache.putMessages(batch, QDateTime::currentMSecsSinceEpoch(), error))
            return false;
    }
    const qint64 lastMs = ConsoleBenchData::kBaseMs + count * 300;
    QList<QPair<qint64, QJsonObject>> samples;
    for (int tick = 0; tick < 3600; ++tick) {
        const qint64 at = lastMs - (3600 - tick) * 1000;
        samples.append({ at, statsSample(at, tick) });
    }
    if (!cache.putStatsSamples(samples, error) || !cache.setLastContact(lastMs))
        return false;
    cache.close();
    std::printf("filled the cache: %lld summaries + 3600 stats samples in %.1f s, file %.1f MiB\n",
        static_cast<long long>(count), timer.elapsed() / 1000.0, QFileInfo(path).size() / 1048576.0);
    return true;
}

bool dropPageCache()
{
    ::sync();
    QFile drop(u"/proc/sys/vm/drop_caches"_s);
    return drop.open(QIODevice::WriteOnly) && drop.write("3\n") == 2;
}

struct Run
{
    qint64 benchMs = -1; ///< QProcess::start → the line read
    qint64 appMs = -1; ///< as the console reported it: since its main() began
    double rssMb = -1;
};

Run startOnce(const QString& binary, const QString& dir, const QString& settingsFile, const QString& cacheDir)
{
    QProcess console;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"QT_QPA_PLATFORM"_s, u"offscreen"_s);
    env.insert(u"VIGIL_CONSOLE_REPORT_FIRST_PAINT"_s, u"1"_s);
    // The console's own settings (language, theme, recent searches) from the bench's folder, not
    // the user's; no session bus, so nothing waits for a keychain or accessibility service.
    env.insert(u"XDG_CONFIG_HOME"_s, dir + u"/config"_s);
    env.insert(u"XDG_DATA_HOME"_s, dir + u"/data"_s);
    env.insert(u"XDG_CACHE_HOME"_s, dir + u"/xdg-cache"_s);
    env.insert(u"DBUS_SESSION_BUS_ADDRESS"_s, u"unix:path=/nonexistent/vigil-bench-bus"_s);
    env.insert(u"LANG"_s, u"C.UTF-8"_s);
    console.setProcessEnvironment(env);
    console.setProcessChannelMode(QProcess::SeparateChannels);
    console.setStandardErrorFile(QProcess::nullDevice());

    Run run;
    QElapsedTimer timer;
    timer.start();
    console.start(binary, { u"--settings"_s, settingsFile, u"--cache-dir"_s, cacheDir, u"--no-keychain"_s });
    QByteArray out;
    while (timer.elapsed() < 30'000 && console.state() != QProcess::NotRunning) {
        if (!console.waitForReadyRead(100) && console.bytesAvailable() == 0)
            continue;
        out += console.readAllStandardOutput();
        const qsizetype at = out.indexOf("first-paint ");
        const qsizetype end = at >= 0 ? out.indexOf('\n', at) : -1;
        if (end > at) {
            run.benchMs = timer.elapsed();
            run.rssMb = ConsoleBenchData::residentMb(console.processId());
            run.appMs = out.mid(at + 12, end - at - 12).trimmed().toLongLong();
            break;
        }
    }
    console.terminate();
    if (!console.waitForFinished(5000)) {
        console.kill();
        console.waitForFinished(5000);
    }
    return run;
}

void printRuns(const char* label, QList<Run> runs)
{
    QList<qint64> bench;
    QStringList each;
    for (const Run& r : runs) {
        bench.append(r.benchMs);
        each.append(u"%1 ms (console %2 ms, RSS %3 MB)"_s.arg(r.benchMs).arg(r.appMs).arg(r.rssMb, 0, 'f', 1));
    }
    std::sort(bench.begin(), bench.end());
    std::printf("%s: median %lld ms, min %lld, max %lld\n  %s\n", label,
        static_cast<long long>(bench.at(bench.size() / 2)), static_cast<long long>(bench.first()),
        static_cast<long long>(bench.last()), qPrintable(each.join(u"\n  "_s)));
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOption({ u"messages"_s, u"message summaries in the cache (default 1000000)"_s, u"N"_s, u"1000000"_s });
    parser.addOption({ u"runs"_s, u"console starts per series (default 5)"_s, u"R"_s, u"5"_s });
    parser.addOption({ u"dir"_s, u"keep (and reuse) the cache and settings here"_s, u"DIR"_s });
    parser.addOption({ u"drop-caches"_s, u"also a series with the page cache dropped before each start (root)"_s });
    parser.process(app);

    const qint64 count = parser.value(u"messages"_s).toLongLong();
    const int runs = std::max(1, parser.value(u"runs"_s).toInt());
    QTemporaryDir temporary;
    const QString dir = parser.isSet(u"dir"_s) ? QDir(parser.value(u"dir"_s)).absolutePath() : temporary.path();
    const QString settingsFile = dir + u"/nodes.ini"_s;
    const QString cacheDir = dir + u"/cache"_s;
    const QString binary = QStringLiteral(VIGIL_BINARY_DIR "/app/console/vigil-console");
    QDir().mkpath(cacheDir);

    // One node profile on a loopback port nobody listens on, without a token: offline from the start.
    NodeProfiles profiles;
    QString error;
    profiles.load(settingsFile, &error);
    if (profiles.size() == 0) {
        NodeProfile profile = NodeProfile::create();
        profile.host = u"127.0.0.1"_s;
        profile.port = 9; // discard: closed on loopback
        profile.displayName = u"Bench node"_s;
        if (profiles.add(profile, &error).isEmpty() || !profiles.save(settingsFile, &error)) {
            std::fprintf(stderr, "profile: %s\n", qPrintable(error));
            return 1;
        }
    }
    const QString cachePath = QDir(cacheDir).filePath(profiles.profiles().first().id + u".sqlite"_s);

    std::printf("bench_console_start: %lld cached summaries, %d starts per series, %s\n", static_cast<long long>(count),
        runs, qPrintable(binary));
    qint64 cached = 0;
    {
        ConsoleCache existing;
        if (QFileInfo::exists(cachePath) && existing.open(cachePath, ConsoleCache::OpenMode::ReadOnly))
            cached = existing.messageCount();
    }
    if (cached != count) {
        if (!fillCache(cachePath, count, &error)) {
            std::fprintf(stderr, "cache: %s\n", qPrintable(error));
            return 1;
        }
    } else {
        std::printf("reusing %s (%lld summaries, %.1f MiB)\n", qPrintable(cachePath), static_cast<long long>(cached),
            QFileInfo(cachePath).size() / 1048576.0);
    }

    // The first start also warms the page cache for the warm series.
    const Run first = startOnce(binary, dir, settingsFile, cacheDir);
    if (first.benchMs < 0) {
        std::fprintf(stderr, "the console printed no first-paint line within 30 s\n");
        return 1;
    }
    printRuns("first start (page cache as found)", { first });
    QList<Run> warm;
    for (int i = 0; i < runs; ++i)
        warm.append(startOnce(binary, dir, settingsFile, cacheDir));
    printRuns("warm page cache", warm);

    if (parser.isSet(u"drop-caches"_s)) {
        QList<Run> cold;
        for (int i = 0; i < runs; ++i) {
            if (!dropPageCache()) {
                std::fprintf(stderr, "cannot drop the page cache (needs root)\n");
                return 1;
            }
            cold.append(startOnce(binary, dir, settingsFile, cacheDir));
        }
        printRuns("page cache dropped before each start", cold);
    }
    std::printf("(console ms: from its main() to the line; the rest is exec and loading the libraries)\n");
    return 0;
}
