// vigil-node: the integration node daemon (DESIGN.md section 2). Argument parsing and wiring only.
#include "node/audit/AuditCommand.h"
#include "node/audit/AuditLog.h"
#include "node/ops/OpsDatabase.h"
#include "node/auth/UserCommand.h"
#include "node/api/OpsApi.h"
#include "node/config/NodeConfig.h"
#include "node/service/NodeService.h"
#include "node/service/SignalWatcher.h"

#include <QCommandLineParser>
#include <QDateTime>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTextStream>

#include <cstdio>

#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace {

int fail(const QString& message)
{
    std::fprintf(stderr, "vigil-node: %s\n", qUtf8Printable(message));
    return 2;
}

// `vigil-node user ...` and `vigil-node audit ...` work on the ops database of a data folder,
// given by --data-dir or by the node.dataDir of --config.
int runAdminCommand(QStringList args)
{
    QTextStream out(stdout);
    QTextStream err(stderr);
    QTextStream in(stdin);
    const QString command = args.takeFirst();
    QString dataDir;
    QString configFile;
    for (qsizetype i = 0; i + 1 < args.size();) {
        if (args.at(i) == u"--data-dir" || args.at(i) == u"--config") {
            (args.at(i) == u"--data-dir" ? dataDir : configFile) = args.at(i + 1);
            args.remove(i, 2);
        } else {
            ++i;
        }
    }
    if (dataDir.isEmpty() && !configFile.isEmpty()) {
        QString error;
        const auto config = NodeConfigLoader::fromFile(configFile, &error);
        if (!config)
            return fail(QStringLiteral("configuration error:\n%1").arg(error));
        dataDir = config->dataDir;
    }
    if (dataDir.isEmpty()) {
        return fail(QStringLiteral("%1: say which node: --data-dir DIR or --config FILE (e.g. vigil-node %1 %2 "
                                   "--data-dir /var/lib/vigil)")
                        .arg(command, command == u"user" ? QStringLiteral("list") : QStringLiteral("verify")));
    }
    const QString opsDb = QDir(dataDir).filePath(QStringLiteral("ops.db"));
    if (command != u"user")
        return runAuditCommand(args, opsDb, out, err);
    const int result = runUserCommand(args, opsDb, out, err, in);
    // Account changes made from the node's shell are actions too: they go into the same audit log,
    // attributed to the operating-system account that ran them.
    const QString verb = args.value(0) == u"user" ? args.value(1) : args.value(0);
    const QString name = args.value(0) == u"user" ? args.value(2) : args.value(1);
    if (result == 0 && QStringList{u"add"_s, u"passwd"_s, u"disable"_s, u"enable"_s}.contains(verb)) {
        OpsDatabase ops;
        QString error;
        if (ops.open(opsDb, &error) && AuditLog::ensureSchema(ops.db(), &error)) {
            AuditLog audit(ops.db(), [] { return QDateTime::currentMSecsSinceEpoch(); });
            AuditEntry entry;
            const passwd* account = ::getpwuid(::getuid());
            entry.actor = account ? QString::fromLocal8Bit(account->pw_name) : u"uid %1"_s.arg(::getuid());
            entry.role = u"local-admin"_s;
            entry.remote = u"command line"_s;
            entry.action = u"user-"_s + verb;
            entry.target = u"user:"_s + name;
            entry.outcome = u"ok"_s;
            if (audit.append(entry, &error) > 0)
                return 0;
        }
        err << "vigil-node: the change was made but could not be written to the audit log: " << error << Qt::endl;
        return 1;
    }
    return result;
}

} // namespace

int main(int argc, char* argv[])
{
    // Everything the node writes (message store, ops.db with password hashes, journal, keys, file
    // destinations) holds patient data or secrets: readable by the node's own user only.
    ::umask(0077);
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("vigil-node"));
    QCoreApplication::setApplicationVersion(QStringLiteral(VIGIL_VERSION));

    const QStringList arguments = QCoreApplication::arguments().mid(1);
    if (!arguments.isEmpty() && (arguments.first() == u"user" || arguments.first() == u"audit"))
        return runAdminCommand(arguments);

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Vigil integration node: HL7 v2 over MLLP in, durable, "
                                                    "acknowledged, routed, delivered or dead-lettered.\n\n"
                                                    "Administration (works while the node runs):\n"
                                                    "  vigil-node user add|passwd|disable|enable|list ... --data-dir DIR\n"
                                                    "  vigil-node audit verify|list ... --data-dir DIR"));
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
    const QCommandLineOption insecureOption(
        QStringLiteral("insecure-dev"),
        QStringLiteral("DEVELOPMENT ONLY: serve the ops API and FHIR channels over plain HTTP, so passwords, "
                       "tokens and patient data cross the network unencrypted."));
    parser.addOptions({configOption, demoOption, dataDirOption, listenOption, targetOption, insecureOption});
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

    if (parser.isSet(insecureOption)) {
        config->api.insecureDev = true;
        std::fprintf(stderr, "vigil-node: WARNING: --insecure-dev: the ops API and FHIR channels use PLAIN HTTP. "
                             "Passwords, bearer tokens and patient data cross the network unencrypted. Never use "
                             "this with real data or outside a developer's machine.\n");
    }

    NodeService node(*config);
    SignalWatcher signalWatcher;
    QObject::connect(&signalWatcher, &SignalWatcher::terminationRequested, &node, [&node](int) { node.shutdown(); });
    QObject::connect(&node, &NodeService::stopped, &app, [] { QCoreApplication::exit(0); });
    if (!node.start(&error, stdout))
        return fail(error);
    if (parser.isSet(demoOption)) {
        // One user per role, so the console can be tried at once; the nurse looks after two of
        // the synthetic feed's wards.
        if (!node.opsApi()->createDemoUsers({QStringLiteral("4B"), QStringLiteral("ICU")}, stdout, &error))
            return fail(error);
    }
    std::fprintf(stdout, "data %s\n", qUtf8Printable(config->dataDir));
    std::fflush(stdout);
    return app.exec();
}
