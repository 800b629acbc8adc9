// Benchmark (run on demand): ingest throughput and ACK latency of a real vigil-node with
// commit-before-ACK durability (SQLite WAL, synchronous=FULL, group commit), for 1 and 8
// connections, printed beside this machine's fsync rate — the physical limit of a durable
// one-connection MLLP exchange (one fsync per message when nothing else shares it).
//
// Usage: bench_ingest [--messages N] [--node PATH]   (VIGIL_NODE_BIN is used when set)
#include "tests/support/BlockingMllpClient.h"
#include "tests/support/NodeProcess.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QThread>

#include <algorithm>
#include <cstdio>
#include <fcntl.h>
#include <unistd.h>

namespace {

QByteArray oruMessage(const QString& controlId)
{
    return QStringLiteral("MSH|^~\\&|LAB|HOSP|VIGIL|HOSP|20261126120000||ORU^R01^ORU_R01|%1|P|2.5.1\r"
                          "PID|1||MRN%1^^^HOSP^MR||DOE^JANE^Q||19800101|F|||1 MAIN ST^^SPRINGFIELD^IL^62701\r"
                          "PV1|1|I|4B^12^1||||1234^SMITH^JOHN\r"
                          "ORC|RE|ORD%1|FIL%1\r"
                          "OBR|1|ORD%1|FIL%1|2823-3^Potassium^LN|||20261126113000\r"
                          "OBX|1|NM|2823-3^Potassium [Moles/volume] in Serum or Plasma^LN||4.1|mmol/L|3.5-5.1|N|||F\r"
                          "OBX|2|NM|2951-2^Sodium [Moles/volume] in Serum or Plasma^LN||139|mmol/L|136-145|N|||F\r"
                          "OBX|3|NM|2345-7^Glucose [Mass/volume] in Serum or Plasma^LN||102|mg/dL|70-99|H|||F\r")
        .arg(controlId)
        .toUtf8();
}

// Writes 4 KiB and fdatasync()s it, as often as it can for `seconds`, in the folder of the store.
double fsyncRate(const QString& folder, double seconds)
{
    const QByteArray path = (folder + QStringLiteral("/fsync-probe")).toLocal8Bit();
    const int fd = ::open(path.constData(), O_CREAT | O_WRONLY | O_TRUNC, 0600);
    if (fd < 0)
        return 0;
    const QByteArray block(4096, 'x');
    QElapsedTimer clock;
    clock.start();
    int n = 0;
    while (clock.elapsed() < seconds * 1000) {
        if (::pwrite(fd, block.constData(), size_t(block.size()), 0) < 0 || ::fdatasync(fd) != 0)
            break;
        ++n;
    }
    const double rate = n / (clock.nsecsElapsed() / 1e9);
    ::close(fd);
    ::unlink(path.constData());
    return rate;
}

struct Result
{
    double throughput = 0;
    double p50Ms = 0;
    double p99Ms = 0;
    int acked = 0;
    int failed = 0;
};

Result run(quint16 port, int connections, int total)
{
    const int perConnection = total / connections;
    QList<QList<double>> latencies(connections);
    std::atomic<int> failed{0};
    QList<QThread*> threads;
    for (int c = 0; c < connections; ++c) {
        threads << QThread::create([&, c] {
            BlockingMllpClient client;
            if (!client.connectTo(port)) {
                failed += perConnection;
                return;
            }
            QElapsedTimer t;
            for (int i = 0; i < perConnection; ++i) {
                const QByteArray message = oruMessage(QStringLiteral("B%1-%2-%3").arg(connections).arg(c).arg(i));
                t.start();
                const QByteArray ack = client.exchange(message, 30000);
                const double ms = t.nsecsElapsed() / 1e6;
                if (BlockingMllpClient::ackCode(ack) == u"AA")
                    latencies[c].append(ms);
                else
                    ++failed;
            }
        });
    }
    QElapsedTimer wall;
    wall.start();
    for (QThread* t : threads)
        t->start();
    for (QThread* t : threads) {
        t->wait();
        delete t;
    }
    const double seconds = wall.nsecsElapsed() / 1e9;
    QList<double> all;
    for (const auto& l : latencies)
        all += l;
    std::sort(all.begin(), all.end());
    Result r;
    r.acked = int(all.size());
    r.failed = failed.load();
    r.throughput = r.acked / seconds;
    if (!all.isEmpty()) {
        r.p50Ms = all.at(all.size() / 2);
        r.p99Ms = all.at(std::min<qsizetype>(all.size() - 1, qsizetype(all.size() * 0.99)));
    }
    return r;
}

} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    int messages = 20000;
    const QStringList args = app.arguments();
    for (int i = 1; i + 1 < args.size(); ++i) {
        if (args[i] == u"--messages")
            messages = args[i + 1].toInt();
        else if (args[i] == u"--node")
            qputenv("VIGIL_NODE_BIN", args[i + 1].toLocal8Bit());
    }
    if (NodeProcess::nodeBinary().isEmpty())
        qputenv("VIGIL_NODE_BIN", QByteArray(VIGIL_BINARY_DIR "/app/node/vigil-node"));

    const QJsonObject channel{{QStringLiteral("name"), QStringLiteral("hl7-in")},
                              {QStringLiteral("kind"), QStringLiteral("mllp")},
                              {QStringLiteral("host"), QStringLiteral("127.0.0.1")},
                              {QStringLiteral("port"), 0},
                              {QStringLiteral("maxConnections"), 64}};
    const QJsonObject config{{QStringLiteral("version"), 1},
                             {QStringLiteral("node"), QJsonObject{{QStringLiteral("id"), QStringLiteral("bench")}}},
                             {QStringLiteral("channels"), QJsonArray{channel}},
                             {QStringLiteral("destinations"), QJsonArray{}},
                             {QStringLiteral("routes"), QJsonArray{}}};
    NodeProcess node;
    QString error;
    if (!node.start(config, &error)) {
        std::fprintf(stderr, "bench_ingest: %s\n", qPrintable(error));
        return 1;
    }
    const quint16 port = node.port(QStringLiteral("hl7-in"));
    const double fsyncs = fsyncRate(node.dataDir(), 3.0);
    std::printf("vigil-node ingest benchmark (commit-before-ACK, SQLite WAL synchronous=FULL, group commit)\n");
    std::printf("message: ORU^R01, %lld bytes\n", qlonglong(oruMessage(QStringLiteral("B0-0-0")).size()));
    std::printf("fsync rate of the store's disk: %.0f fsyncs/s (the limit of one durable connection)\n\n", fsyncs);
    std::printf("%-12s %10s %12s %10s %10s %12s\n", "connections", "messages", "msgs/s", "p50 ms", "p99 ms", "vs fsync");
    for (int connections : {1, 8}) {
        const int total = connections == 1 ? std::min(messages, std::max(2000, int(fsyncs * 5))) : messages;
        run(port, connections, std::min(total, 500)); // warm-up
        const Result r = run(port, connections, total);
        std::printf("%-12d %10d %12.0f %10.3f %10.3f %11.0f%%%s\n", connections, r.acked, r.throughput, r.p50Ms,
                    r.p99Ms, fsyncs > 0 ? 100.0 * r.throughput / fsyncs : 0.0,
                    r.failed ? qPrintable(QStringLiteral("  (%1 failed)").arg(r.failed)) : "");
        std::fflush(stdout);
    }
    node.terminate();
    return 0;
}
