#pragma once

#include <QString>

class QSettings;

/// The console's own settings (beside the node list, which NodeProfiles keeps): language, theme and
/// the cache size limit, read from and written to the application's QSettings.
struct ConsoleSettings
{
    enum class Theme { Dark, Light };

    QString language;                 ///< "" = the system locale, else "en" or "de"
    Theme theme = Theme::Dark;        ///< dark by default: consoles run in dim control rooms
    int cacheLimitMb = 1024;          ///< per node, 16 MB .. 64 GB
    bool alertSound = true;           ///< a sound with the desktop notification of a critical or high alert

    static constexpr int kMinCacheMb = 16;
    static constexpr int kMaxCacheMb = 65536;

    static ConsoleSettings load(QSettings& settings);
    void save(QSettings& settings) const;
    static ConsoleSettings load();     ///< from the default QSettings
    void save() const;

    qint64 cacheLimitBytes() const { return qint64(cacheLimitMb) * 1024 * 1024; }

    static QString themeName(Theme theme);
    static Theme themeFromName(const QString& name);
};
