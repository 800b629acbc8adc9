// Benchmark (run on demand): ingest throughput and ACK latency of a real vigil-node with
// commit-before-ACK durability (SQLite WAL, synchronous=FULL, group commit), for 1 and 8
// connections, printed beside this machine's fsync rate — the physical limit of a durable
// one-connection MLLP exchange (one fsync per message when nothing else shares it).
//
// Usage: bench_ingest [--messages N] [--repeat R] [--node PATH]   (VIGIL_NODE_BIN is used when set)
// Each connection count runs R times (default 3) and the median run is printed last: a shared
// virtual machine's figures vary by a third from one run to the next.
#include "tests/support/NodeProcess.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QThread>

#include <algorithm>
#include <arpa/inet.h>
#include <cstdio>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <sched.h>
#include <poll.h>
#include <sys/resource.h>
#include <sys/socket.h>
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

/// The load generator's side of one MLLP connection, on plain blocking sockets: the sender must
/// cost far less CPU than the node it measures, since both share this machine's two cores (a
/// QTcpSocket client spent about as much CPU per message as the node).
class LeanMllpClient
{
public:
    ~LeanMllpClient()
    {
        if (m_fd >= 0)
            ::close(m_fd);
    }

    bool connectTo(quint16 port)
    {
        m_fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        if (m_fd < 0)
            return false;
        const int one = 1;
        ::setsockopt(m_fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_port = htons(port);
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        return ::connect(m_fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) == 0;
    }

    /// Sends one framed message and returns its ACK's MSA-1, or an empty array when the connection failed.
    QByteArray exchange(const QByteArray& message)
    {
        const QByteArray frame = '\x0b' + message + "\x1c\r";
        for (qsizetype sent = 0; sent < frame.size();) {
            const ssize_t n = ::send(m_fd, frame.constData() + sent, size_t(frame.size() - sent), MSG_NOSIGNAL);
            if (n <= 0)
                return {};
            sent += n;
        }
        m_buffer.clear();
        char chunk[4096];
        while (!m_buffer.contains("\x1c\r")) {
            const ssize_t n = ::recv(m_fd, chunk, sizeof chunk, 0);
            if (n <= 0)
                return {};
            m_buffer.append(chunk, n);
        }
        const qsizetype msa = m_buffer.indexOf("\rMSA|");
        return msa < 0 ? QByteArray("?") : m_buffer.mid(msa + 5, 2);
    }

private:
    int m_fd = -1;
    QByteArray m_buffer;
};

/// The median round trip of a message-sized request and an ACK-sized answer between two threads over
/// loopback TCP, each thread on its own core when there are two: what one MLLP exchange costs before
/// the node does anything. On a VM a wake-up on another core can cost as much as an fsync.
double loopbackRoundTripUs(int exchanges)
{
    const int listener = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof address;
    if (listener < 0 || ::bind(listener, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0
        || ::listen(listener, 1) != 0 || ::getsockname(listener, reinterpret_cast<sockaddr*>(&address), &length) != 0)
        return 0;
    const auto pinTo = [](int cpu) {
        cpu_set_t set;
        CPU_ZERO(&set);
        CPU_SET(cpu % std::max(1, QThread::idealThreadCount()), &set);
        ::pthread_setaffinity_np(::pthread_self(), sizeof set, &set);
    };
    QThread* echo = QThread::create([&] {
        pinTo(1);
        const int peer = ::accept(listener, nullptr, nullptr);
        char buffer[4096];
        ssize_t n;
        while ((n = ::recv(peer, buffer, sizeof buffer, 0)) > 0)
            ::send(peer, buffer, std::min<ssize_t>(n, 100), MSG_NOSIGNAL);
        ::close(peer);
    });
    echo->start();
    QList<double> times;
    QThread* client = QThread::create([&] {
        pinTo(0);
        const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        const int one = 1;
        ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        if (::connect(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0)
            return;
        const QByteArray message(560, 'x');
        char buffer[4096];
        QElapsedTimer t;
        for (int i = 0; i < exchanges; ++i) {
            t.start();
            if (::send(fd, message.constData(), size_t(message.size()), MSG_NOSIGNAL) <= 0
                || ::recv(fd, buffer, sizeof buffer, 0) <= 0)
                break;
            times.append(t.nsecsElapsed() / 1e3);
        }
        ::close(fd);
    });
    client->start();
    client->wait();
    echo->wait();
    delete client;
    delete echo;
    ::close(listener);
    if (times.isEmpty())
        return 0;
    std::sort(times.begin(), times.end());
    return times.at(times.size() / 2);
}

// CPU seconds (user + system) a process has used so far, from /proc/<pid>/stat.
double processCpuSeconds(qint64 pid)
{
    if (pid <= 0)
        return 0;
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!stat.open(QIODevice::ReadOnly))
        return 0;
    const QByteArray line = stat.readAll();
    // Fields after the command name (which may hold spaces) start after its closing parenthesis.
    const QList<QByteArray> fields = line.mid(line.lastIndexOf(')') + 2).split(' ');
    if (fields.size() < 13)
        return 0;
    return (fields.at(11).toDouble() + fields.at(12).toDouble()) / double(::sysconf(_SC_CLK_TCK));
}

double ownCpuSeconds()
{
    rusage usage{};
    ::getrusage(RUSAGE_SELF, &usage);
    const auto seconds = [](const timeval& t) { return double(t.tv_sec) + double(t.tv_usec) / 1e6; };
    return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

/// A do-nothing MLLP responder on one thread (poll, read to the end of a frame, write a fixed AA):
/// no parsing, no storage, no fsync. What it reaches over loopback with the same load generator is
/// this machine's ceiling for any single-threaded MLLP server, before the node does any work.
class NullResponder
{
public:
    NullResponder()
    {
        m_listener = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        socklen_t length = sizeof address;
        if (m_listener < 0 || ::bind(m_listener, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0
            || ::listen(m_listener, 64) != 0
            || ::getsockname(m_listener, reinterpret_cast<sockaddr*>(&address), &length) != 0)
            return;
        m_port = ntohs(address.sin_port);
        ::pipe2(m_stop, O_CLOEXEC);
        m_thread = QThread::create([this] { serve(); });
        m_thread->start();
    }
    ~NullResponder()
    {
        if (m_thread) {
            ::write(m_stop[1], "x", 1);
            m_thread->wait();
            delete m_thread;
            ::close(m_stop[0]);
            ::close(m_stop[1]);
        }
        if (m_listener >= 0)
            ::close(m_listener);
    }
    quint16 port() const { return m_port; }

private:
    void serve()
    {
        static const QByteArray ack = "\x0bMSH|^~\\&|VIGIL|HOSP|LAB|HOSP|20261126120000||ACK^R01^ACK|A1|P|2.5.1\r"
                                      "MSA|AA|B\r\x1c\r";
        std::vector<pollfd> fds{{m_stop[0], POLLIN, 0}, {m_listener, POLLIN, 0}};
        std::vector<QByteArray> pending(2);
        char chunk[8192];
        for (;;) {
            if (::poll(fds.data(), nfds_t(fds.size()), -1) < 0)
                return;
            if (fds[0].revents)
                break;
            if (fds[1].revents & POLLIN) {
                const int peer = ::accept4(m_listener, nullptr, nullptr, SOCK_CLOEXEC);
                if (peer >= 0) {
                    const int one = 1;
                    ::setsockopt(peer, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
                    fds.push_back({peer, POLLIN, 0});
                    pending.emplace_back();
                }
            }
            for (std::size_t i = 2; i < fds.size(); ++i) {
                if (!(fds[i].revents & (POLLIN | POLLHUP | POLLERR)))
                    continue;
                const ssize_t n = ::recv(fds[i].fd, chunk, sizeof chunk, 0);
                if (n <= 0) {
                    ::close(fds[i].fd);
                    fds[i].fd = -fds[i].fd - 1;          // ignored by poll from now on
                    continue;
                }
                pending[i].append(chunk, n);
                while (pending[i].contains("\x1c\r")) {
                    pending[i].remove(0, pending[i].indexOf("\x1c\r") + 2);
                    ::send(fds[i].fd, ack.constData(), size_t(ack.size()), MSG_NOSIGNAL);
                }
            }
        }
        for (std::size_t i = 2; i < fds.size(); ++i) {
            if (fds[i].fd >= 0)
                ::close(fds[i].fd);
        }
    }

    int m_listener = -1;
    int m_stop[2] = {-1, -1};
    quint16 m_port = 0;
    QThread* m_thread = nullptr;
};

struct Result
{
    double throughput = 0;
    double p50Ms = 0;
    double p99Ms = 0;
    int acked = 0;
    int failed = 0;
    double nodeCpuUs = 0;                            ///< node CPU (user + system) per acknowledged message
    double senderCpuUs = 0;                          ///< this load generator's CPU per acknowledged message
    double perGroupCommit = 0;                       ///< messages made durable per journal fdatasync
};

/// `node` null: the peer is not a vigil-node (no CPU or commit figures).
Result run(const NodeProcess* node, quint16 port, int connections, int total)
{
    const qint64 nodePid = node ? node->processId() : 0;
    const double commitsBefore = node ? node->metric("vigil_store_commits_total") : 0;
    const int perConnection = total / connections;
    QList<QList<double>> latencies(connections);
    std::atomic<int> failed{0};
    QList<QThread*> threads;
    for (int c = 0; c < connections; ++c) {
        threads << QThread::create([&, c] {
            LeanMllpClient client;
            if (!client.connectTo(port)) {
                failed += perConnection;
                return;
            }
            QElapsedTimer t;
            for (int i = 0; i < perConnection; ++i) {
                const QByteArray message = oruMessage(QStringLiteral("B%1-%2-%3").arg(connections).arg(c).arg(i));
                t.start();
                const QByteArray code = client.exchange(message);
                const double ms = t.nsecsElapsed() / 1e6;
                if (code == "AA")
                    latencies[c].append(ms);
                else
                    ++failed;
            }
        });
    }
    const double nodeCpuBefore = processCpuSeconds(nodePid);
    const double ownCpuBefore = ownCpuSeconds();
    QElapsedTimer wall;
    wall.start();
    for (QThread* t : threads)
        t->start();
    for (QThread* t : threads) {
        t->wait();
        delete t;
    }
    const double seconds = wall.nsecsElapsed() / 1e9;
    const double nodeCpu = processCpuSeconds(nodePid) - nodeCpuBefore;
    const double commits = node ? node->metric("vigil_store_commits_total") - commitsBefore : 0;
    const double ownCpu = ownCpuSeconds() - ownCpuBefore;
    QList<double> all;
    for (const auto& l : latencies)
        all += l;
    std::sort(all.begin(), all.end());
    Result r;
    r.acked = int(all.size());
    r.failed = failed.load();
    r.throughput = r.acked / seconds;
    if (r.acked > 0) {
        r.nodeCpuUs = nodeCpu * 1e6 / r.acked;
        r.senderCpuUs = ownCpu * 1e6 / r.acked;
        r.perGroupCommit = commits > 0 ? r.acked / commits : 0;
    }
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
    int repeat = 3;
    const QStringList args = app.arguments();
    for (int i = 1; i + 1 < args.size(); ++i) {
        if (args[i] == u"--messages")
            messages = args[i + 1].toInt();
        else if (args[i] == u"--repeat")
            repeat = std::max(1, args[i + 1].toInt());
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
    std::printf("fsync rate of the store's disk: %.0f fsyncs/s (the limit of one durable connection)\n", fsyncs);
    const double roundTripUs = loopbackRoundTripUs(5000);
    std::printf("loopback round trip between two cores: %.0f us median; with one fsync each, a sender and a node\n"
                "that took no time at all would reach %.0f msgs/s on one connection (%.0f%% of the fsync rate)\n\n",
                roundTripUs, 1e6 / (1e6 / fsyncs + roundTripUs), 100.0 * (1e6 / (1e6 / fsyncs + roundTripUs)) / fsyncs);
    {
        NullResponder null;
        const Result r = run(nullptr, null.port(), 8, std::min(messages, 20000));
        std::printf("a one-thread MLLP responder that does nothing (no parsing, no storage, no fsync) answers\n"
                    "%.0f msgs/s over 8 connections with this load generator: the machine's ceiling for one\n"
                    "ingest thread (the load generator used %.0f us of CPU per message of it)\n\n",
                    r.throughput, r.senderCpuUs);
    }
    std::printf("%-12s %10s %12s %10s %10s %12s %14s %14s %12s\n", "connections", "messages", "msgs/s", "p50 ms",
                "p99 ms", "vs fsync", "node CPU/msg", "sender CPU/msg", "msgs/fsync");
    for (int connections : {1, 8}) {
        const int total = connections == 1 ? std::min(messages, std::max(2000, int(fsyncs * 5))) : messages;
        run(&node, port, connections, std::min(total, 500)); // warm-up
        QList<Result> results;
        const auto print = [&](const char* label, const Result& r) {
            std::printf("%-12s %10d %12.0f %10.3f %10.3f %11.0f%% %11.0f us %11.0f us %12.1f%s\n", label, r.acked,
                        r.throughput, r.p50Ms, r.p99Ms, fsyncs > 0 ? 100.0 * r.throughput / fsyncs : 0.0,
                        r.nodeCpuUs, r.senderCpuUs, r.perGroupCommit,
                        r.failed ? qPrintable(QStringLiteral("  (%1 failed)").arg(r.failed)) : "");
            std::fflush(stdout);
        };
        const QByteArray label = QByteArray::number(connections);
        for (int i = 0; i < repeat; ++i) {
            results.append(run(&node, port, connections, total));
            print(label.constData(), results.last());
        }
        if (repeat > 1) {
            std::sort(results.begin(), results.end(),
                      [](const Result& a, const Result& b) { return a.throughput < b.throughput; });
            print(QByteArray(label + " median").constData(), results.at(results.size() / 2));
        }
    }
    node.terminate();
    return 0;
}
