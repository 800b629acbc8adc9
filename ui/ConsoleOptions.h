#pragma once

#include <QString>
#include <QStringList>

/// The console's command line:
///   vigil-console [--node https://HOST:PORT [--fingerprint FP] [--user U [--password-stdin]]]
///                 [--settings FILE] [--cache-dir DIR] [--no-keychain]
///                 [--screenshot-dir DIR [--screenshot-delay S]]
/// A password is read from standard input only, never from the arguments (it would show in `ps`).
struct ConsoleOptions
{
    QString nodeUrl;
    QString fingerprint;
    QString user;
    bool passwordStdin = false;
    QString settingsFile;   ///< an INI file for the node list instead of the user's settings
    QString cacheDir;
    bool noKeychain = false;
    QString screenshotDir;  ///< testing mode: save each view as PNG after screenshotDelay s, then exit
    int screenshotDelaySeconds = 8;

    /// False with a message for the user (usage errors); `--help`/`--version` exit inside.
    static bool parse(const QStringList& arguments, ConsoleOptions* options, QString* errorString);
};
