// vigil-node: the integration node daemon (DESIGN.md section 2). Argument parsing and wiring only.
#include "node/config/NodeConfig.h"
#include "node/service/NodeService.h"
#include "node/service/SignalWatcher.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QTemporaryDir>

#include <cstdio>

namespace {

int fail(const QString& message)
{
    std::fprintf(stderr, "vigil-node: %s\n", qUtf8Printable(message));
    return 2;
}

} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("vigil-node"));
    QCoreApplication::setApplicationVersion(QStringLiteral(VIGIL_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Vigil integration node: HL7 v2 over MLLP in, durable, "
                                                    "acknowledged, routed, delivered or dead-lettered."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption configOption(QStringLiteral("config"), QStringLiteral("Node configuration file (JSON, see docs/config.md)."),
                                          QStringLiteral("FILE"));
    const QCommandLineOption demoOption(QStringLiteral("demo"),
                                        QStringLiteral("Run the built-in demo configuration on loopback."));
    const QCommandLineOption dataDirOption(QStringLiteral("data-dir"),
                                           QStringLiteral("Folder of the store (default: the config's node.dataDir; "
                                                          "--demo: a new temporary folder)."),
                                           QStringLiteral("DIR"));
    const QCommandLineOption listenOption(QStringLiteral("listen"),
                                          QStringLiteral("Override a listener: NAME=[HOST:]PORT (NAME: a channel, or "
                                                         "'http'). Port 0 picks a free port. Repeatable."),
                                          QStringLiteral("SPEC"));
    const QCommandLineOption targetOption(QStringLiteral("target"),
                                          QStringLiteral("Retarget a destination: NAME=HOST:PORT (mllp) or NAME=URL "
                                                         "(http). Repeatable."),
                                          QStringLiteral("SPEC"));
    parser.addOptions({configOption, demoOption, dataDirOption, listenOption, targetOption});
    parser.process(app);

    if (parser.isSet(configOption) == parser.isSet(demoOption))
        return fail(QStringLiteral("give exactly one of --config FILE or --demo (see --help)"));

    QString error;
    std::optional<NodeConfig> config = parser.isSet(demoOption)
        ? NodeConfigLoader::fromFile(QStringLiteral(":/demo/node.json"), &error)
        : NodeConfigLoader::fromFile(parser.value(configOption), &error);
    if (!config)
        return fail(QStringLiteral("configuration error:\n%1").arg(error));

    std::unique_ptr<QTemporaryDir> demoDir;
    QString dataDir;
    if (parser.isSet(dataDirOption)) {
        dataDir = QDir(parser.value(dataDirOption)).absolutePath();
    } else if (parser.isSet(demoOption)) {
        demoDir = std::make_unique<QTemporaryDir>(QDir::tempPath() + QStringLiteral("/vigil-demo-XXXXXX"));
        demoDir->setAutoRemove(false); // the demo's store is kept for a look afterwards
        dataDir = demoDir->path();
    }
    // Also moves relative file-destination folders under the data folder (docs/config.md).
    if (!dataDir.isEmpty() && !NodeConfigLoader::applyDataDirOverride(*config, dataDir, &error))
        return fail(error);
    if (config->dataDir.isEmpty())
        return fail(QStringLiteral("no data folder: set node.dataDir in the config or pass --data-dir"));
    for (const QString& spec : parser.values(listenOption)) {
        if (!NodeConfigLoader::applyListenOverride(*config, spec, &error))
            return fail(error);
    }
    for (const QString& spec : parser.values(targetOption)) {
        if (!NodeConfigLoader::applyTargetOverride(*config, spec, &error))
            return fail(error);
    }

    NodeService node(*config);
    SignalWatcher signalWatcher;
    QObject::connect(&signalWatcher, &SignalWatcher::terminationRequested, &node, [&node](int) { node.shutdown(); });
    QObject::connect(&node, &NodeService::stopped, &app, [] { QCoreApplication::exit(0); });
    if (!node.start(&error, stdout))
        return fail(error);
    std::fprintf(stdout, "data %s\n", qUtf8Printable(config->dataDir));
    std::fflush(stdout);
    return app.exec();
}
