// vigil-feed: synthetic HL7 v2 traffic over MLLP (send), or a simulated downstream system (sink).
#include "models/synthetic/FileMessageSource.h"
#include "models/synthetic/SyntheticMessageFactory.h"
#include "node/feed/FeedSender.h"
#include "node/feed/FeedSink.h"
#include "node/service/SignalWatcher.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QRandomGenerator>
#include <QTimer>

#include <cstdio>
#include <cstdlib>
#include <functional>
#include <limits>
#include <memory>

using namespace Qt::StringLiterals;

namespace {

constexpr int ExitUsage = 2;

void printOut(const QString& text)
{
    std::fputs(text.toLocal8Bit().constData(), stdout);
    std::fflush(stdout);
}

void printErr(const QString& text)
{
    std::fputs(text.toLocal8Bit().constData(), stderr);
    std::fflush(stderr);
}

[[noreturn]] void usageError(const QCommandLineParser& parser, const QString& message)
{
    printErr(message % u"\n\n"_s % parser.helpText());
    std::exit(ExitUsage);
}

double shareOption(const QCommandLineParser& parser, const QString& name, double fallback)
{
    if (!parser.isSet(name))
        return fallback;
    bool ok = false;
    const double value = parser.value(name).toDouble(&ok);
    if (!ok || value < 0.0 || value > 1.0)
        usageError(parser, u"--%1 must be a number from 0 to 1"_s.arg(name));
    return value;
}

qint64 integerOption(const QCommandLineParser& parser, const QString& name, qint64 fallback, qint64 min, qint64 max)
{
    if (!parser.isSet(name))
        return fallback;
    bool ok = false;
    const qint64 value = parser.value(name).toLongLong(&ok);
    if (!ok || value < min || value > max)
        usageError(parser, u"--%1 must be an integer from %2 to %3"_s.arg(name).arg(min).arg(max));
    return value;
}

QString hostPort(const QString& host, quint16 port)
{
    return (host.contains(u':') ? u'[' % host % u']' : host) % u':' % QString::number(port);
}

// A run-unique MSH-10 prefix, so two runs never reuse (MSH-3, MSH-4, MSH-10): "F" + 7 base-36 digits.
QString runPrefix()
{
    const qint64 ms = QDateTime::currentMSecsSinceEpoch() % 78364164096LL; // 36^7
    return u'F' % QString::number(ms, 36).toUpper().rightJustified(7, u'0') % u'-';
}

int runSend(QCoreApplication& app, QCommandLineParser& parser)
{
    const QList<QCommandLineOption> options = {
        { u"host"_s, u"Receiver host (default 127.0.0.1)."_s, u"host"_s, u"127.0.0.1"_s },
        { u"port"_s, u"Receiver MLLP port (required)."_s, u"port"_s },
        { u"rate"_s, u"Total messages per second over all connections; 0 = as fast as possible (default)."_s,
            u"msgs/s"_s },
        { u"count"_s, u"Number of messages to send."_s, u"n"_s },
        { u"duration"_s, u"Seconds to send for."_s, u"s"_s },
        { u"connections"_s, u"Concurrent MLLP connections (default 1)."_s, u"n"_s },
        { u"seed"_s, u"Seed of the synthetic generator (default: random, printed)."_s, u"n"_s },
        { u"mix"_s, u"Weights of ADT,ORM,ORU messages (default 50,20,30)."_s, u"adt,orm,oru"_s },
        { u"critical-share"_s, u"Share of lab results with a critical value (default 0.05)."_s, u"x"_s },
        { u"malformed-share"_s, u"Share of malformed messages (default 0)."_s, u"x"_s },
        { u"duplicate-share"_s, u"Share of byte-identical resends of earlier messages (default 0)."_s, u"x"_s },
        { u"control-id-prefix"_s, u"MSH-10 prefix (default: unique per run)."_s, u"prefix"_s },
        { u"file"_s,
            u"Send the messages of this file instead of synthetic ones (repeatable; messages separated by blank "
            "lines). Without --count or --duration each is sent once."_s,
            u"file"_s },
        { u"timeout-ms"_s, u"Time to wait for each ACK (default 10000)."_s, u"ms"_s },
        { u"connect-timeout-ms"_s, u"Connect timeout (default 5000)."_s, u"ms"_s },
        { u"json"_s, u"Print the final report as JSON."_s },
        { u"quiet"_s, u"No progress lines on stderr."_s },
    };
    parser.addOptions(options);
    parser.process(app);

    FeedSenderOptions sendOptions;
    sendOptions.host = parser.value(u"host"_s);
    if (!parser.isSet(u"port"_s))
        usageError(parser, u"send needs --port"_s);
    sendOptions.port = quint16(integerOption(parser, u"port"_s, 0, 1, 65535));
    sendOptions.connections = int(integerOption(parser, u"connections"_s, 1, 1, 1000));
    sendOptions.responseTimeoutMs = int(integerOption(parser, u"timeout-ms"_s, 10000, 1, 3600000));
    sendOptions.connectTimeoutMs = int(integerOption(parser, u"connect-timeout-ms"_s, 5000, 1, 3600000));
    if (parser.isSet(u"rate"_s)) {
        bool ok = false;
        sendOptions.rate = parser.value(u"rate"_s).toDouble(&ok);
        if (!ok || sendOptions.rate < 0.0)
            usageError(parser, u"--rate must be a number >= 0"_s);
    }
    if (parser.isSet(u"count"_s) && parser.isSet(u"duration"_s))
        usageError(parser, u"give --count or --duration, not both"_s);
    sendOptions.count = integerOption(parser, u"count"_s, -1, 0, std::numeric_limits<qint64>::max());
    if (parser.isSet(u"duration"_s)) {
        bool ok = false;
        const double seconds = parser.value(u"duration"_s).toDouble(&ok);
        if (!ok || seconds < 0.0)
            usageError(parser, u"--duration must be a number of seconds >= 0"_s);
        sendOptions.durationMs = qint64(seconds * 1000.0);
    }

    FeedSender::Source source;
    if (parser.isSet(u"file"_s)) {
        auto files = std::make_shared<FileMessageSource>();
        QString error;
        if (!files->load(parser.values(u"file"_s), &error)) {
            printErr(u"vigil-feed: "_s % error % u'\n');
            return 1;
        }
        const bool cycle = sendOptions.count >= 0 || sendOptions.durationMs >= 0;
        source = [files, cycle] { return files->next(cycle); };
    } else {
        FeedMix mix;
        if (parser.isSet(u"mix"_s)) {
            const QStringList parts = parser.value(u"mix"_s).split(u',');
            bool ok = parts.size() == 3;
            int weights[3] = {};
            for (int i = 0; ok && i < 3; ++i)
                weights[i] = parts[i].toInt(&ok);
            if (!ok || weights[0] < 0 || weights[1] < 0 || weights[2] < 0 || weights[0] + weights[1] + weights[2] == 0)
                usageError(parser, u"--mix needs three non-negative weights, e.g. 50,20,30"_s);
            mix.adt = weights[0];
            mix.orm = weights[1];
            mix.oru = weights[2];
        }
        mix.criticalShare = shareOption(parser, u"critical-share"_s, mix.criticalShare);
        mix.malformedShare = shareOption(parser, u"malformed-share"_s, 0.0);
        mix.duplicateShare = shareOption(parser, u"duplicate-share"_s, 0.0);
        const auto seed = quint32(integerOption(
            parser, u"seed"_s, QRandomGenerator::global()->generate(), 0, std::numeric_limits<quint32>::max()));
        if (!parser.isSet(u"seed"_s) && !parser.isSet(u"quiet"_s))
            printErr(u"seed %1\n"_s.arg(seed));
        SyntheticFeedOptions feedOptions;
        feedOptions.controlIdPrefix
            = parser.isSet(u"control-id-prefix"_s) ? parser.value(u"control-id-prefix"_s) : runPrefix();
        feedOptions.clock = [] { return QDateTime::currentDateTime(); };
        auto factory = std::make_shared<SyntheticMessageFactory>(seed, mix, feedOptions);
        source = [factory] { return std::optional(factory->next()); };
    }

    FeedSender sender(sendOptions, source);
    const bool json = parser.isSet(u"json"_s);
    if (!parser.isSet(u"quiet"_s)) {
        QObject::connect(
            &sender, &FeedSender::progress, &app, [](const FeedReport& r) { printErr(r.progressLine() % u'\n'); });
    }
    QObject::connect(&sender, &FeedSender::finished, &app, [json](const FeedReport& r) {
        printOut(json ? QString::fromUtf8(QJsonDocument(r.toJson()).toJson(QJsonDocument::Indented)) : r.toText());
        // Failure means: some message that deserved an ACK got none.
        QCoreApplication::exit(r.unexpectedNoAck() > 0 ? 1 : 0);
    });
    SignalWatcher signalWatcher;
    QObject::connect(&signalWatcher, &SignalWatcher::terminationRequested, &sender, [&sender](int) { sender.abort(); });
    // Started from the event loop, so that a run that ends at once still reaches exit().
    QTimer::singleShot(0, &sender, &FeedSender::start);
    return app.exec();
}

int runSink(QCoreApplication& app, QCommandLineParser& parser)
{
    const QList<QCommandLineOption> options = {
        { u"host"_s, u"Address to listen on (default 127.0.0.1)."_s, u"host"_s, u"127.0.0.1"_s },
        { u"port"_s, u"Port to listen on; 0 = any free port (default), printed."_s, u"port"_s },
        { u"ae-share"_s, u"Share of messages answered AE (default 0)."_s, u"x"_s },
        { u"ar-share"_s, u"Share of messages answered AR (default 0)."_s, u"x"_s },
        { u"stall-ms"_s, u"Delay before every answer (default 0)."_s, u"ms"_s },
        { u"drop-every"_s, u"Close the connection instead of answering every Nth message."_s, u"n"_s },
        { u"down-after"_s, u"With --down-for-ms: go down after N messages (0 = at start)."_s, u"n"_s },
        { u"down-for-ms"_s, u"Stop listening and drop all connections for this long."_s, u"ms"_s },
        { u"record"_s, u"Append each received MSH-10 to this file, one per line ('-' when absent)."_s, u"file"_s },
        { u"record-accepted"_s, u"Append the MSH-10 of each message answered AA to this file."_s, u"file"_s },
        { u"record-payloads"_s, u"Write each received payload to <dir>/<sequence>.hl7."_s, u"dir"_s },
        { u"seed"_s, u"Seed of the AE/AR draws (default 1)."_s, u"n"_s },
    };
    parser.addOptions(options);
    parser.process(app);

    FeedSinkOptions sinkOptions;
    const QString host = parser.value(u"host"_s);
    if (host == u"localhost"_s)
        sinkOptions.address = QHostAddress(QHostAddress::LocalHost);
    else if (host == u"*"_s || host == u"any"_s)
        sinkOptions.address = QHostAddress(QHostAddress::Any);
    else if (!sinkOptions.address.setAddress(host))
        usageError(parser, u"--host must be an IP address, localhost or *"_s);
    sinkOptions.port = quint16(integerOption(parser, u"port"_s, 0, 0, 65535));
    sinkOptions.aeShare = shareOption(parser, u"ae-share"_s, 0.0);
    sinkOptions.arShare = shareOption(parser, u"ar-share"_s, 0.0);
    if (sinkOptions.aeShare + sinkOptions.arShare > 1.0)
        usageError(parser, u"--ae-share and --ar-share add up to more than 1"_s);
    sinkOptions.stallMs = int(integerOption(parser, u"stall-ms"_s, 0, 0, 3600000));
    sinkOptions.dropEvery = int(integerOption(parser, u"drop-every"_s, 0, 0, std::numeric_limits<int>::max()));
    sinkOptions.downAfter = int(integerOption(parser, u"down-after"_s, -1, 0, std::numeric_limits<int>::max()));
    sinkOptions.downForMs = int(integerOption(parser, u"down-for-ms"_s, 0, 0, 3600000));
    if (parser.isSet(u"down-for-ms"_s) && sinkOptions.downAfter < 0)
        sinkOptions.downAfter = 0;
    sinkOptions.recordPath = parser.value(u"record"_s);
    sinkOptions.recordAcceptedPath = parser.value(u"record-accepted"_s);
    sinkOptions.payloadDir = parser.value(u"record-payloads"_s);
    sinkOptions.seed = quint32(integerOption(parser, u"seed"_s, 1, 0, std::numeric_limits<quint32>::max()));

    FeedSink sink(sinkOptions);
    QObject::connect(&sink, &FeedSink::listening, &app, [](const QHostAddress& address, quint16 port) {
        printOut(u"listening mllp sink "_s % hostPort(address.toString(), port) % u'\n');
    });
    QObject::connect(&sink, &FeedSink::wentDown, &app, [&sink](int forMs) {
        printOut(u"down mllp sink "_s % hostPort(sink.address().toString(), sink.port()) % u" for "_s
            % QString::number(forMs) % u" ms\n"_s);
    });
    SignalWatcher signalWatcher;
    QObject::connect(&signalWatcher, &SignalWatcher::terminationRequested, &app, [](int) { QCoreApplication::quit(); });
    QString error;
    if (!sink.start(&error)) {
        printErr(u"vigil-feed: "_s % error % u'\n');
        return 1;
    }
    const int code = app.exec();
    sink.stop();
    printErr(sink.summary() % u'\n');
    return code;
}

} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(u"vigil-feed"_s);
    QCoreApplication::setApplicationVersion(u"0.1.0"_s);
    // The report counts every failure; one log line per refused connect or timeout would bury it.
    // QT_LOGGING_RULES still overrides this.
    QLoggingCategory::setFilterRules(u"vigil.net.mllp.client.info=false"_s);

    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"Synthetic HL7 v2 traffic over MLLP.\n"
        "  send  sends ADT, ORM and ORU messages (some critical, malformed or duplicate) and reports ACKs and "
        "latency; exits 1 when a message got no ACK.\n"
        "  sink  a downstream system that ACKs, NAKs a share, stalls, drops or goes down on demand."_s);
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(u"command"_s, u"send or sink"_s, u"send|sink"_s);
    parser.parse(QCoreApplication::arguments()); // only to find the command; options are checked below

    const QString command = parser.positionalArguments().value(0);
    if (command == u"send"_s) {
        parser.clearPositionalArguments();
        parser.addPositionalArgument(u"send"_s, u"Send traffic to an MLLP receiver."_s, u"send [options]"_s);
        return runSend(app, parser);
    }
    if (command == u"sink"_s) {
        parser.clearPositionalArguments();
        parser.addPositionalArgument(u"sink"_s, u"Act as a downstream MLLP system."_s, u"sink [options]"_s);
        return runSink(app, parser);
    }
    parser.process(app); // handles --help and --version
    if (command.isEmpty())
        usageError(parser, u"vigil-feed: give a command, send or sink"_s);
    usageError(parser, u"vigil-feed: unknown command "_s % command);
}
