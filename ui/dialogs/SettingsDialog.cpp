#include "ui/dialogs/SettingsDialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QSpinBox>
#include <QVBoxLayout>

SettingsDialog::SettingsDialog(const ConsoleSettings& settings, QWidget* parent)
    : QDialog(parent)
    , m_settings(settings)
{
    setWindowTitle(tr("Settings"));
    auto* form = new QFormLayout;
    m_language = new QComboBox(this);
    m_language->setObjectName(QStringLiteral("language"));
    m_language->addItem(tr("System language"), QString());
    // Language names in their own language, so anyone can find theirs.
    m_language->addItem(QStringLiteral("English"), QStringLiteral("en"));
    m_language->addItem(QStringLiteral("Deutsch"), QStringLiteral("de"));
    m_language->setCurrentIndex(qMax(0, m_language->findData(settings.language)));
    form->addRow(tr("&Language:"), m_language);

    m_theme = new QComboBox(this);
    m_theme->setObjectName(QStringLiteral("theme"));
    m_theme->addItem(tr("Dark"), ConsoleSettings::themeName(ConsoleSettings::Theme::Dark));
    m_theme->addItem(tr("Light"), ConsoleSettings::themeName(ConsoleSettings::Theme::Light));
    m_theme->setCurrentIndex(settings.theme == ConsoleSettings::Theme::Light ? 1 : 0);
    form->addRow(tr("&Theme:"), m_theme);

    m_cacheMb = new QSpinBox(this);
    m_cacheMb->setObjectName(QStringLiteral("cacheLimit"));
    m_cacheMb->setRange(ConsoleSettings::kMinCacheMb, ConsoleSettings::kMaxCacheMb);
    m_cacheMb->setSuffix(tr(" MB", "megabytes"));
    m_cacheMb->setValue(settings.cacheLimitMb);
    form->addRow(tr("Offline &cache per node:"), m_cacheMb);

    m_alertSound = new QCheckBox(tr("Play a &sound when a critical or high alert arrives"), this);
    m_alertSound->setObjectName(QStringLiteral("alertSound"));
    m_alertSound->setChecked(settings.alertSound);
    form->addRow(tr("Alerts:"), m_alertSound);

    auto* note = new QLabel(tr("A new language applies when the console starts again. When a cache reaches its "
                               "limit, the oldest statistics and the messages viewed longest ago are dropped first."),
                            this);
    note->setWordWrap(true);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(note);
    layout->addWidget(buttons);
}

ConsoleSettings SettingsDialog::settings() const
{
    ConsoleSettings s = m_settings;
    s.language = m_language->currentData().toString();
    s.theme = ConsoleSettings::themeFromName(m_theme->currentData().toString());
    s.cacheLimitMb = m_cacheMb->value();
    s.alertSound = m_alertSound->isChecked();
    return s;
}
