#include "ui/ConsoleOptions.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QUrl>

bool ConsoleOptions::parse(const QStringList& arguments, ConsoleOptions* options, QString* errorString)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate(
        "ConsoleOptions", "Vigil operations console: live queues, message traces and alerts of Vigil nodes."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption node(QStringLiteral("node"),
        QCoreApplication::translate("ConsoleOptions", "Connect to the node at this address (added if new)."),
        QStringLiteral("https://host:port"));
    const QCommandLineOption fingerprint(QStringLiteral("fingerprint"),
        QCoreApplication::translate("ConsoleOptions", "The node's certificate fingerprint, as it printed it "
                                                      "(api-certificate sha256 …)."),
        QStringLiteral("FP"));
    const QCommandLineOption user(QStringLiteral("user"),
        QCoreApplication::translate("ConsoleOptions", "Sign in as this user."), QStringLiteral("U"));
    const QCommandLineOption passwordStdin(QStringLiteral("password-stdin"),
        QCoreApplication::translate("ConsoleOptions", "Read the password from the first line of standard input."));
    const QCommandLineOption settings(QStringLiteral("settings"),
        QCoreApplication::translate("ConsoleOptions", "Keep the node list in this INI file."), QStringLiteral("FILE"));
    const QCommandLineOption cacheDir(QStringLiteral("cache-dir"),
        QCoreApplication::translate("ConsoleOptions", "Keep the offline caches in this folder."), QStringLiteral("DIR"));
    const QCommandLineOption noKeychain(QStringLiteral("no-keychain"),
        QCoreApplication::translate("ConsoleOptions", "Keep sign-ins in memory only, not in the keychain."));
    const QCommandLineOption screenshotDir(QStringLiteral("screenshot-dir"),
        QCoreApplication::translate("ConsoleOptions", "Testing: save a PNG of each view here, then exit."),
        QStringLiteral("DIR"));
    const QCommandLineOption screenshotDelay(QStringLiteral("screenshot-delay"),
        QCoreApplication::translate("ConsoleOptions", "Testing: seconds to wait before the screenshots (default 8)."),
        QStringLiteral("S"), QStringLiteral("8"));
    parser.addOptions({node, fingerprint, user, passwordStdin, settings, cacheDir, noKeychain, screenshotDir,
                       screenshotDelay});
    parser.process(arguments); // exits for --help, --version and unknown options

    options->nodeUrl = parser.value(node);
    options->fingerprint = parser.value(fingerprint);
    options->user = parser.value(user);
    options->passwordStdin = parser.isSet(passwordStdin);
    options->settingsFile = parser.value(settings);
    options->cacheDir = parser.value(cacheDir);
    options->noKeychain = parser.isSet(noKeychain);
    options->screenshotDir = parser.value(screenshotDir);
    bool ok = true;
    options->screenshotDelaySeconds = parser.value(screenshotDelay).toInt(&ok);
    if (!ok || options->screenshotDelaySeconds < 0) {
        *errorString = QCoreApplication::translate("ConsoleOptions", "--screenshot-delay takes a number of seconds.");
        return false;
    }
    if (!options->nodeUrl.isEmpty()) {
        const QUrl url(options->nodeUrl);
        if (!url.isValid() || (url.scheme() != u"https" && url.scheme() != u"http") || url.host().isEmpty()
            || url.port() <= 0) {
            *errorString = QCoreApplication::translate("ConsoleOptions",
                                                       "--node takes https://host:port (http:// only for a node run "
                                                       "with --insecure-dev).");
            return false;
        }
    }
    if ((!options->user.isEmpty() || options->passwordStdin || !options->fingerprint.isEmpty())
        && options->nodeUrl.isEmpty()) {
        *errorString = QCoreApplication::translate("ConsoleOptions", "--fingerprint, --user and --password-stdin "
                                                                     "need --node.");
        return false;
    }
    if (options->passwordStdin && options->user.isEmpty()) {
        *errorString = QCoreApplication::translate("ConsoleOptions", "--password-stdin needs --user.");
        return false;
    }
    return true;
}
