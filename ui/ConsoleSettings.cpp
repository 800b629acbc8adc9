#include "ui/ConsoleSettings.h"

#include <QSettings>

#include <algorithm>

namespace {
const QString LanguageKey = QStringLiteral("ui/language");
const QString ThemeKey = QStringLiteral("ui/theme");
const QString CacheKey = QStringLiteral("cache/limitMb");
const QString AlertSoundKey = QStringLiteral("alerts/sound");
} // namespace

ConsoleSettings ConsoleSettings::load(QSettings& settings)
{
    ConsoleSettings s;
    s.language = settings.value(LanguageKey).toString();
    s.theme = themeFromName(settings.value(ThemeKey, themeName(Theme::Dark)).toString());
    s.cacheLimitMb = std::clamp(settings.value(CacheKey, 1024).toInt(), kMinCacheMb, kMaxCacheMb);
    s.alertSound = settings.value(AlertSoundKey, true).toBool();
    return s;
}

void ConsoleSettings::save(QSettings& settings) const
{
    settings.setValue(LanguageKey, language);
    settings.setValue(ThemeKey, themeName(theme));
    settings.setValue(CacheKey, cacheLimitMb);
    settings.setValue(AlertSoundKey, alertSound);
    settings.sync();
}

ConsoleSettings ConsoleSettings::load()
{
    QSettings settings;
    return load(settings);
}

void ConsoleSettings::save() const
{
    QSettings settings;
    save(settings);
}

QString ConsoleSettings::themeName(Theme theme)
{
    return theme == Theme::Light ? QStringLiteral("light") : QStringLiteral("dark");
}

ConsoleSettings::Theme ConsoleSettings::themeFromName(const QString& name)
{
    return name == u"light" ? Theme::Light : Theme::Dark;
}
