// Benchmark (run on demand): lookups in a node's store at scale. Loads N synthetic messages
// (default 1,000,000) straight into a fresh store file with the node's schema — realistic field
// values and bodies from SyntheticMessageFactory, ~50k patients, 20 message types, 8 care units,
// ~1% dead letters, the trace rows delivery leaves — then prints p50/p99/max latency of the ops
// API's searches through MessageQuery/DeadLetterQuery: by correlation ID, MSH-10 and patient
// identifier, and the time to the first page of filtered lists. Each is measured cold-ish (the
// store file evicted from the page cache, a fresh connection) and warm (the same keys again).
// Figures are printed, never asserted (DESIGN.md section 7).
//
// Usage: bench_store_lookup [--count N] [--dir PATH] [--reuse] [--lookups N] [--seed S]
//                           [--without-query-indexes]
//   --dir keeps the store there (default: a temporary folder, removed at the end); --reuse measures
//   an existing store in --dir instead of loading a new one; --without-query-indexes only loads, into
//   a store without the indexes node/query added, to show what those cost the writer.
#include "models/synthetic/SyntheticMessageFactory.h"
#include "node/query/DeadLetterQuery.h"
#include "node/query/MessageQuery.h"
#include "node/store/AppliedRecord.h"
#include "node/store/Sqlite.h"
#include "node/store/StoreRows.h"
#include "node/store/StoreSchema.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QStorageInfo>
#include <QTemporaryDir>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <fcntl.h>
#include <functional>
#include <unistd.h>

namespace {

constexpr qint64 StartMs = 1'735'689'600'000; // 2025-01-01T00:00:00Z
constexpr qint64 MeanGapMs = 50; // 20 messages a second, ~1.7 million a day
constexpr int Patients = 50'000;
// Bytes per message the load needs, measured at 1M (row, indexes, trace rows, b-tree slack), with
// a margin; plus room for the WAL of one load transaction.
constexpr qint64 BytesPerMessage = 2'400;
constexpr qint64 FixedBytes = 1'024LL * 1024 * 1024;
constexpr int RowsPerTransaction = 50'000;

quint64 mix(quint64 x)
{
    // splitmix64: a stateless hash, so every field of row i can be recomputed from i alone (the
    // lookups draw their keys that way, without keeping them).
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

quint64 draw(quint64 seed, qint64 row, quint64 field)
{
    return mix(seed ^ mix(quint64(row) * 0x100 + field));
}

QByteArray correlationOf(quint64 seed, qint64 row)
{
    return QByteArray::number(draw(seed, row, 1) | (1ULL << 63), 16).right(16)
        + QByteArray::number(draw(seed, row, 2) | (1ULL << 63), 16).right(16);
}

QString controlOf(qint64 row)
{
    return QStringLiteral("VFBENCH-%1").arg(row);
}

QString patientOf(quint64 seed, qint64 row)
{
    return QStringLiteral("MRN%1").arg(draw(seed, row, 3) % Patients + 100'000, 7, 10, QLatin1Char('0'));
}

struct MessageKind
{
    const char* type;
    const char* trigger;
    int weight; // per mille
    const char* channel;
};

// 20 message types, weighted roughly like a hospital's feed (results and updates dominate).
const MessageKind Kinds[] = {
    { "ORU", "R01", 300, "lab-in" },
    { "ADT", "A08", 140, "adt-in" },
    { "ORM", "O01", 120, "orders-in" },
    { "ADT", "A01", 60, "adt-in" },
    { "ADT", "A03", 55, "adt-in" },
    { "ADT", "A04", 50, "adt-in" },
    { "ADT", "A02", 40, "adt-in" },
    { "SIU", "S12", 35, "sched-in" },
    { "RDE", "O11", 30, "orders-in" },
    { "MDM", "T02", 25, "docs-in" },
    { "ADT", "A11", 20, "adt-in" },
    { "ADT", "A13", 15, "adt-in" },
    { "SIU", "S14", 15, "sched-in" },
    { "SIU", "S15", 15, "sched-in" },
    { "DFT", "P03", 20, "billing-in" },
    { "ADT", "A31", 20, "adt-in" },
    { "VXU", "V04", 10, "lab-in" },
    { "ORU", "R30", 15, "lab-in" },
    { "ADT", "A40", 5, "adt-in" },
    { "MFN", "M02", 10, "misc-in" },
};
const char* const Units[] = { "ICU", "CCU", "4B", "5A", "ER", "NICU", "ONC", "SURG" };
const char* const Destinations[] = { "ehr", "archive", "billing" };

const MessageKind& kindOf(quint64 seed, qint64 row)
{
    int pick = int(draw(seed, row, 4) % 1000);
    for (const MessageKind& k : Kinds) {
        if (pick < k.weight)
            return k;
        pick -= k.weight;
    }
    return Kinds[0];
}

qint64 receivedAtOf(quint64 seed, qint64 row)
{
    // In arrival order, up to 0.5 s of disorder between the clocks of different senders.
    return StartMs + row * MeanGapMs + qint64(draw(seed, row, 5) % 500);
}

struct Stats
{
    double p50 = 0, p99 = 0, max = 0;
};

Stats summarise(QList<double> ms)
{
    Stats s;
    if (ms.isEmpty())
        return s;
    std::sort(ms.begin(), ms.end());
    s.p50 = ms[ms.size() / 2];
    s.p99 = ms[std::max<qsizetype>(0, qsizetype(std::ceil(ms.size() * 0.99)) - 1)];
    s.max = ms.last();
    return s;
}

// CPU time of this thread: on a machine shared with other work, wall-clock tails include the time
// the scheduler gave to others; this shows what the query itself cost.
double threadCpuMs()
{
    timespec ts {};
    ::clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

// Drops the store's pages from the OS page cache, so the next reads come from the disk (as far as
// the virtual disk below lets us know).
void evict(const QString& path)
{
    for (const QString& file : { path, QString(path + QStringLiteral("-wal")) }) {
        const int fd = ::open(QFile::encodeName(file).constData(), O_RDONLY);
        if (fd < 0)
            continue;
        ::fdatasync(fd);
        ::posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED);
        ::close(fd);
    }
}

qint64 fileSize(const QString& path)
{
    return QFileInfo(path).size() + QFileInfo(path + QStringLiteral("-wal")).size();
}

class Loader
{
public:
    Loader(SqliteDatabase& db, quint64 seed)
        : m_db(db)
        , m_seed(seed)
    {
        m_insertMessage = db.prepare(
            "INSERT INTO messages(id, correlation_id, channel, received_at, msg_type, trigger_event, control_id, "
            "sending_app, sending_facility, hl7_version, patient_id, content_hash, state, ack_code, duplicate_of, raw, "
            "ingest_trace, unit, format, replay_of, routed_to) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, "
            "?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, 0, ?20)");
        m_insertTrace = db.prepare(StoreRows::InsertTraceEventSql);
        m_insertDeadLetter = db.prepare(
            "INSERT INTO dead_letters(message_id, correlation_id, channel, destination, stage, reason, error_class, "
            "error_location, attempts, created_at, state, raw, resubmitted_as, resubmitted_at) "
            "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)");

        for (int i = 0; i < 6; ++i)
            m_senders << QStringLiteral("SENDER%1").arg(i);
        // Bodies: real-looking messages from the synthetic feed, 300 to 700 bytes, reused with the
        // header patched (MSH-9, MSH-10) for each row.
        SyntheticMessageFactory factory(quint32(seed), FeedMix {});
        while (m_bodies.size() < 4096) {
            const auto g = factory.next();
            if (!g.malformed && g.payload.size() >= 300 && g.payload.size() <= 700)
                m_bodies.append(g.payload);
        }
    }

    bool load(qint64 count)
    {
        QElapsedTimer clock;
        clock.start();
        for (qint64 row = 1; row <= count; ++row) {
            if ((row - 1) % RowsPerTransaction == 0 && !m_db.exec("BEGIN"))
                return false;
            if (!insert(row))
                return false;
            if (row % RowsPerTransaction == 0 || row == count) {
                if (!m_db.exec("COMMIT"))
                    return false;
            }
            if (row % 1'000'000 == 0)
                std::printf("  %lld messages, %.0f/s\n", row, row / (clock.nsecsElapsed() / 1e9));
            std::fflush(stdout);
        }
        return true;
    }

private:
    QByteArray body(qint64 row, const MessageKind& kind) const
    {
        QByteArray raw = m_bodies[int(draw(m_seed, row, 6) % quint64(m_bodies.size()))];
        const qsizetype end = raw.indexOf('\r');
        QList<QByteArray> fields = raw.left(end).split('|');
        if (fields.size() > 9) {
            fields[8] = QByteArray(kind.type) + '^' + kind.trigger;
            fields[9] = controlOf(row).toLatin1();
        }
        return fields.join('|') + raw.mid(end);
    }

    bool trace(const QByteArray& correlation, qint64 id, qint64 atUs, const char* stage, const char* outcome,
        const char* destination, const QString& detail)
    {
        return m_insertTrace.bindText(1, correlation)
            .bind(2, id)
            .bind(3, atUs)
            .bindText(4, stage)
            .bindText(5, outcome)
            .bindText(6, destination ? QByteArray(destination) : QByteArray())
            .bind(7, detail)
            .run();
    }

    bool insert(qint64 row)
    {
        const MessageKind& kind = kindOf(m_seed, row);
        const quint64 fate = draw(m_seed, row, 7) % 10'000;
        // 0.6% invalid and 0.1% unparseable (dead-lettered at ingest), 0.8% resends, 0.3% that a
        // destination gives up on: ~1% of messages end in the dead-letter queue.
        const bool invalid = fate < 60;
        const bool unparseable = fate >= 60 && fate < 70;
        const bool duplicate = fate >= 70 && fate < 150 && row > 1000;
        const bool deliveryFails = fate >= 150 && fate < 180;
        const bool fhir = draw(m_seed, row, 8) % 100 < 2;
        const qint64 original = duplicate ? row - 1 - qint64(draw(m_seed, row, 9) % 1000) : 0;

        const QByteArray correlation = correlationOf(m_seed, duplicate ? original : row);
        const qint64 at = receivedAtOf(m_seed, row);
        const QByteArray raw = body(row, kind);
        const QString unit
            = draw(m_seed, row, 10) % 20 == 0 ? QString() : QString::fromLatin1(Units[draw(m_seed, row, 11) % 8]);
        QByteArray hash(32, Qt::Uninitialized);
        for (int i = 0; i < 4; ++i) {
            const quint64 part = draw(m_seed, row, 20 + i);
            std::memcpy(hash.data() + i * 8, &part, 8);
        }
        QStringList destinations;
        if (!invalid && !unparseable && !duplicate) {
            destinations << QStringLiteral("ehr");
            if (std::strcmp(kind.type, "ORU") == 0 || std::strcmp(kind.type, "MDM") == 0)
                destinations << QStringLiteral("archive");
            if (std::strcmp(kind.type, "DFT") == 0 || std::strcmp(kind.trigger, "A03") == 0)
                destinations << QStringLiteral("billing");
        }

        // The ingest steps, packed in the row like the store does.
        const qint64 atUs = at * 1000;
        QList<TraceEvent> events;
        const auto event = [&](const char* stage, const char* outcome, const QString& destination, qint64 offsetUs) {
            events.append(TraceEvent {
                {}, row, atUs + offsetUs, QString::fromLatin1(stage), QString::fromLatin1(outcome), destination, {} });
        };
        event("receive", "ok", {}, 0);
        event("parse", unparseable ? "failed" : "ok", {}, 40);
        if (!unparseable)
            event("validate", invalid ? "failed" : "ok", {}, 70);
        if (duplicate)
            event("dedup", "duplicate", {}, 90);
        for (const QString& d : std::as_const(destinations)) {
            event("route", "ok", d, 100);
            event("enqueue", "ok", d, 110);
        }
        if (invalid || unparseable)
            event("dead-letter", "stored", {}, 110);
        event("persist", "ok", {}, 900);

        const QString channel = fhir ? QStringLiteral("fhir-in") : QString::fromLatin1(kind.channel);
        m_insertMessage.bind(1, row)
            .bindText(2, correlation)
            .bind(3, channel)
            .bind(4, at)
            .bind(5, unparseable ? QString() : QString::fromLatin1(kind.type))
            .bind(6, unparseable ? QString() : QString::fromLatin1(kind.trigger))
            .bind(7, unparseable ? QString() : controlOf(duplicate ? original : row))
            .bind(8, m_senders[int(draw(m_seed, row, 12) % 6)])
            .bind(9, QStringLiteral("SYNTH_GENERAL"))
            .bind(10, QStringLiteral("2.5.1"))
            .bind(11, unparseable ? QString() : patientOf(m_seed, duplicate ? original : row))
            .bindBlob(12, hash)
            .bind(13,
                duplicate         ? QStringLiteral("duplicate")
                    : invalid     ? QStringLiteral("invalid")
                    : unparseable ? QStringLiteral("unparseable")
                                  : QStringLiteral("accepted"))
            .bind(14,
                invalid           ? QStringLiteral("AE")
                    : unparseable ? QStringLiteral("AR")
                                  : QStringLiteral("AA"))
            .bind(15, original)
            .bindBlob(16, raw)
            .bindBlob(17, AppliedRecord::packEvents(events))
            .bind(18, unparseable ? QString() : unit)
            .bind(19, fhir ? QStringLiteral("fhir+json") : QStringLiteral("hl7v2"))
            .bind(20, AppliedRecord::routedTo(events));
        if (!m_insertMessage.run())
            return false;

        // What happens after the commit: the ACK, then one delivery per destination.
        if (!trace(correlation, row, atUs + 1000, "ack", invalid ? "AE" : unparseable ? "AR" : "AA", nullptr, {}))
            return false;
        for (qsizetype i = 0; i < destinations.size(); ++i) {
            const QByteArray destination = destinations[i].toLatin1();
            const bool fails = deliveryFails && i == destinations.size() - 1;
            if (!trace(correlation, row, atUs + 20'000 + i * 1000, fails ? "dead-letter" : "deliver",
                    fails ? "nak-AE" : "ok", destination.constData(), {}))
                return false;
            if (fails
                && !deadLetter(row, correlation, channel, destinations[i], QStringLiteral("deliver"),
                    QStringLiteral("%1 rejected the message (AE)").arg(destinations[i]), QStringLiteral("nak-AE"),
                    QString(), at + 20, raw))
                return false;
        }
        if (invalid
            && !deadLetter(row, correlation, channel, {}, QStringLiteral("validate"),
                QStringLiteral("required field missing"), QStringLiteral("hl7-101"),
                draw(m_seed, row, 13) % 2 ? QStringLiteral("PID-3") : QStringLiteral("PV1-3"), at, raw))
            return false;
        if (unparseable
            && !deadLetter(row, correlation, channel, {}, QStringLiteral("parse"), QStringLiteral("no MSH segment"),
                QStringLiteral("hl7-100"), QString(), at, raw))
            return false;
        return true;
    }

    bool deadLetter(qint64 row, const QByteArray& correlation, const QString& channel, const QString& destination,
        const QString& stage, const QString& reason, const QString& errorClass, const QString& location, qint64 at,
        const QByteArray& raw)
    {
        // Older ones have mostly been dealt with: a fifth of them are still open.
        const bool open = draw(m_seed, row, 14) % 5 == 0;
        return m_insertDeadLetter.bind(1, row)
            .bindText(2, correlation)
            .bind(3, channel)
            .bind(4, destination.isEmpty() ? QString() : destination)
            .bind(5, stage)
            .bind(6, reason)
            .bind(7, errorClass)
            .bind(8, location)
            .bind(9, stage == u"deliver" ? 5 : 0)
            .bind(10, at)
            .bind(11, open ? QStringLiteral("open") : QStringLiteral("resubmitted"))
            .bindBlob(12, raw)
            .bind(13, open ? 0 : row + 1)
            .bind(14, open ? 0 : at + 3'600'000)
            .run();
    }

    SqliteDatabase& m_db;
    quint64 m_seed;
    QList<QByteArray> m_bodies;
    QStringList m_senders;
    SqliteStatement m_insertMessage;
    SqliteStatement m_insertTrace;
    SqliteStatement m_insertDeadLetter;
};

struct Bench
{
    QString path;
    quint64 seed = 1;
    qint64 count = 0;
    int lookups = 1000;

    /// Runs probe(0..runs-1) cold (the store evicted from the page cache, new connections) and warm
    /// (the same keys again after one untimed pass), and prints both. probe returns the rows it got,
    /// or -1 on an error.
    void measure(const char* name, int runs, const std::function<int(MessageQuery&, DeadLetterQuery&, int)>& probe)
    {
        for (const bool cold : { true, false }) {
            if (cold)
                evict(path);
            MessageQuery messages;
            DeadLetterQuery deadLetters;
            QString error;
            if (!messages.open(path, &error) || !deadLetters.open(path, &error)) {
                std::printf("cannot open the store: %s\n", qPrintable(error));
                return;
            }
            if (!cold) {
                for (int i = 0; i < runs; ++i)
                    probe(messages, deadLetters, i);
            }
            QList<double> wall, cpu;
            double rows = 0;
            for (int i = 0; i < runs; ++i) {
                QElapsedTimer t;
                const double cpuStart = threadCpuMs();
                t.start();
                const int n = probe(messages, deadLetters, i);
                wall << t.nsecsElapsed() / 1e6;
                cpu << threadCpuMs() - cpuStart;
                if (n < 0) {
                    std::printf("  %s: the query failed\n", name);
                    return;
                }
                rows += n;
            }
            const Stats s = summarise(wall);
            const Stats c = summarise(cpu);
            std::printf("  %-44s %-4s p50 %7.3f  p99 %7.3f  max %8.3f ms | cpu p50 %6.3f  p99 %6.3f ms | %.1f rows\n",
                name, cold ? "cold" : "warm", s.p50, s.p99, s.max, c.p50, c.p99, rows / runs);
            std::fflush(stdout);
        }
    }

    qint64 randomRow(int i, quint64 salt) const
    {
        return qint64(mix(seed * 7919 + salt * 1'000'003 + quint64(i)) % quint64(count)) + 1;
    }
};

} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Loads synthetic messages into a store and times the ops API's lookups."));
    parser.addHelpOption();
    const QCommandLineOption countOption(
        QStringLiteral("count"), QStringLiteral("Messages to load."), QStringLiteral("N"), QStringLiteral("1000000"));
    const QCommandLineOption dirOption(
        QStringLiteral("dir"), QStringLiteral("Keep the store in this folder."), QStringLiteral("PATH"));
    const QCommandLineOption reuseOption(
        QStringLiteral("reuse"), QStringLiteral("Measure the store already in --dir."));
    const QCommandLineOption lookupsOption(QStringLiteral("lookups"), QStringLiteral("Lookups per measurement."),
        QStringLiteral("N"), QStringLiteral("1000"));
    const QCommandLineOption bareOption(QStringLiteral("without-query-indexes"),
        QStringLiteral("Load without the ops API's indexes (what they cost the writer); "
                       "no lookups."));
    const QCommandLineOption seedOption(
        QStringLiteral("seed"), QStringLiteral("Random seed."), QStringLiteral("S"), QStringLiteral("1"));
    parser.addOptions({ countOption, dirOption, reuseOption, lookupsOption, bareOption, seedOption });
    parser.process(app);

    Bench bench;
    bench.count = parser.value(countOption).toLongLong();
    bench.lookups = parser.value(lookupsOption).toInt();
    bench.seed = parser.value(seedOption).toULongLong();
    if (bench.count < 1000 || bench.lookups < 1) {
        std::fprintf(stderr, "--count must be at least 1000 and --lookups at least 1\n");
        return 2;
    }
    std::unique_ptr<QTemporaryDir> temporary;
    QString folder = parser.value(dirOption);
    if (folder.isEmpty()) {
        if (parser.isSet(reuseOption)) {
            std::fprintf(stderr, "--reuse needs --dir\n");
            return 2;
        }
        temporary = std::make_unique<QTemporaryDir>();
        folder = temporary->path();
    }
    QDir().mkpath(folder);
    bench.path = QDir(folder).filePath(QStringLiteral("vigil-node.db"));
    const bool reuse = parser.isSet(reuseOption);

    SqliteDatabase db;
    QString error;
    if (reuse) {
        if (!QFileInfo::exists(bench.path) || !db.open(bench.path, false, &error)) {
            std::fprintf(stderr, "no store to reuse at %s %s\n", qPrintable(bench.path), qPrintable(error));
            return 1;
        }
        auto count = db.prepare("SELECT MAX(id) FROM messages");
        bench.count = count.next() ? count.int64(0) : 0;
        std::printf(
            "reusing %s: %lld messages, %.2f GB\n", qPrintable(bench.path), bench.count, fileSize(bench.path) / 1e9);
    } else {
        const QStorageInfo disk(folder);
        const qint64 needed = bench.count * BytesPerMessage + FixedBytes;
        std::printf("store: %s\nfree: %.1f GB, needed: about %.1f GB\n", qPrintable(bench.path),
            disk.bytesAvailable() / 1e9, needed / 1e9);
        if (disk.bytesAvailable() < needed) {
            std::fprintf(stderr,
                "not enough free disk space in %s for %lld messages: %.1f GB free, about %.1f GB needed. "
                "Choose a smaller --count or another --dir.\n",
                qPrintable(folder), bench.count, disk.bytesAvailable() / 1e9, needed / 1e9);
            return 1;
        }
        QFile::remove(bench.path);
        QFile::remove(bench.path + QStringLiteral("-wal"));
        QFile::remove(bench.path + QStringLiteral("-shm"));
        // The node's file format (WAL, schema); durability is not the point of a bulk load.
        if (!db.open(bench.path, false, &error) || !db.exec("PRAGMA journal_mode=WAL", &error)
            || !db.exec("PRAGMA synchronous=OFF", &error) || !db.exec("PRAGMA cache_size=-1000000", &error)
            || !StoreSchema::migrate(db, &error)) {
            std::fprintf(stderr, "cannot create the store: %s\n", qPrintable(error));
            return 1;
        }
        if (parser.isSet(bareOption)) {
            for (const char* index : { "messages_type", "messages_unit", "messages_channel", "messages_state",
                     "messages_format", "dead_letters_state", "dead_letters_signature", "dead_letters_destination",
                     "dead_letters_groups", "trace_delivery" }) {
                if (!db.exec(QByteArray(QByteArray("DROP INDEX ") + index).constData(), &error)) {
                    std::fprintf(stderr, "cannot drop %s: %s\n", index, qPrintable(error));
                    return 1;
                }
            }
            std::printf("without the ops API's indexes\n");
        }
        std::printf(
            "loading %lld messages (%d patients, 20 types, 8 units, ~1%% dead letters)...\n", bench.count, Patients);
        std::fflush(stdout);
        QElapsedTimer clock;
        clock.start();
        Loader loader(db, bench.seed);
        if (!loader.load(bench.count)) {
            std::fprintf(stderr, "load failed: %s\n", qPrintable(db.lastError()));
            return 1;
        }
        db.exec("PRAGMA wal_checkpoint(TRUNCATE)");
        const double seconds = clock.nsecsElapsed() / 1e9;
        db.exec("PRAGMA cache_size=-2000");
        db.exec("PRAGMA shrink_memory");
        auto counts = db.prepare("SELECT (SELECT COUNT(*) FROM trace_events), (SELECT COUNT(*) FROM dead_letters), "
                                 "(SELECT COUNT(*) FROM dead_letters WHERE state = 'open')");
        counts.next();
        std::printf("loaded in %.1f s (%.0f messages/s); %lld trace rows, %lld dead letters (%lld open); "
                    "store %.2f GB (%.0f bytes per message)\n",
            seconds, bench.count / seconds, counts.int64(0), counts.int64(1), counts.int64(2),
            fileSize(bench.path) / 1e9, double(fileSize(bench.path)) / bench.count);
    }
    if (parser.isSet(bareOption))
        return 0;
    // The writer connection stays open, as the node's would: readers share its WAL index.

    const int n = bench.lookups;
    const qint64 spanMs = bench.count * MeanGapMs;
    std::printf("\nlookups (%d each; cold = store evicted from the page cache and a new connection; "
                "wall-clock ms, then this thread's CPU ms):\n",
        n);
    bench.measure("by correlation ID", n, [&](MessageQuery& q, DeadLetterQuery&, int i) {
        MessageFilter f;
        f.correlationId = correlationOf(bench.seed, bench.randomRow(i, 1));
        const auto page = q.find(f);
        return page ? int(page->items.size()) : -1;
    });
    bench.measure("by MSH-10", n, [&](MessageQuery& q, DeadLetterQuery&, int i) {
        MessageFilter f;
        f.controlId = controlOf(bench.randomRow(i, 2));
        const auto page = q.find(f);
        return page ? int(page->items.size()) : -1;
    });
    bench.measure("by patient identifier (first page of 50)", n, [&](MessageQuery& q, DeadLetterQuery&, int i) {
        MessageFilter f;
        f.patientId = patientOf(bench.seed, bench.randomRow(i, 3));
        const auto page = q.find(f);
        return page ? int(page->items.size()) : -1;
    });
    bench.measure("message detail (raw, trace, lineage)", n, [&](MessageQuery& q, DeadLetterQuery&, int i) {
        const auto detail = q.message(bench.randomRow(i, 4));
        return detail ? 1 : -1;
    });

    std::printf("\nfirst page of a filtered list (50 rows, newest first):\n");
    const auto windowStart = [&](int i, qint64 windowMs) {
        return StartMs + qint64(mix(bench.seed + 77 + quint64(i)) % quint64(std::max<qint64>(1, spanMs - windowMs)));
    };
    bench.measure("type^trigger + 1 h time range", n, [&](MessageQuery& q, DeadLetterQuery&, int i) {
        MessageFilter f;
        const MessageKind& k = Kinds[mix(bench.seed + quint64(i)) % 20];
        f.messageType = QStringLiteral("%1^%2").arg(QLatin1String(k.type), QLatin1String(k.trigger));
        f.fromMs = windowStart(i, 3'600'000);
        f.toMs = f.fromMs + 3'600'000;
        const auto page = q.find(f);
        return page ? int(page->items.size()) : -1;
    });
    bench.measure("type (all triggers) + 1 h time range", n, [&](MessageQuery& q, DeadLetterQuery&, int i) {
        MessageFilter f;
        f.messageType = QString::fromLatin1(Kinds[mix(bench.seed + quint64(i)) % 20].type);
        f.fromMs = windowStart(i, 3'600'000);
        f.toMs = f.fromMs + 3'600'000;
        const auto page = q.find(f);
        return page ? int(page->items.size()) : -1;
    });
    bench.measure("state = invalid", n, [&](MessageQuery& q, DeadLetterQuery&, int i) {
        MessageFilter f;
        f.state = QStringLiteral("invalid");
        f.beforeId = i % 2 ? bench.randomRow(i, 5) : 0; // the newest, or a page deep in history
        const auto page = q.find(f);
        return page ? int(page->items.size()) : -1;
    });
    bench.measure("unit", n, [&](MessageQuery& q, DeadLetterQuery&, int i) {
        MessageFilter f;
        f.units = QStringList { QString::fromLatin1(Units[mix(bench.seed + quint64(i)) % 8]) };
        f.beforeId = i % 2 ? bench.randomRow(i, 6) : 0;
        const auto page = q.find(f);
        return page ? int(page->items.size()) : -1;
    });
    bench.measure("nurse scope (2 units) + ORU^R01 + 8 h range", n, [&](MessageQuery& q, DeadLetterQuery&, int i) {
        MessageFilter f;
        f.units = QStringList { QString::fromLatin1(Units[i % 8]), QString::fromLatin1(Units[(i + 3) % 8]) };
        f.messageType = QStringLiteral("ORU^R01");
        f.fromMs = windowStart(i, 8 * 3'600'000);
        f.toMs = f.fromMs + 8 * 3'600'000;
        const auto page = q.find(f);
        return page ? int(page->items.size()) : -1;
    });
    bench.measure("no filter (newest)", n, [&](MessageQuery& q, DeadLetterQuery&, int) {
        const auto page = q.find(MessageFilter());
        return page ? int(page->items.size()) : -1;
    });
    bench.measure("dead letters, open", n, [&](MessageQuery&, DeadLetterQuery& d, int i) {
        DeadLetterFilter f;
        f.beforeId = i % 2 ? qint64(mix(quint64(i)) % quint64(bench.count / 100 + 1)) + 1 : 0;
        const auto page = d.find(f);
        return page ? int(page->items.size()) : -1;
    });
    bench.measure("dead-letter groups (open)", std::min(n, 50), [&](MessageQuery&, DeadLetterQuery& d, int) {
        const auto groups = d.groups(DeadLetterFilter());
        return groups ? int(groups->size()) : -1;
    });
    return 0;
}
