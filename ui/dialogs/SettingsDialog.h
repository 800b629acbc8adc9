#pragma once

#include "ui/ConsoleSettings.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QSpinBox;

/// Language, theme and the size limit of each node's offline cache. A new language applies at the
/// next start; theme and cache limit at once (the caller applies settings()).
class SettingsDialog : public QDialog
{
    Q_OBJECT

public:
    explicit SettingsDialog(const ConsoleSettings& settings, QWidget* parent = nullptr);
    ConsoleSettings settings() const;

private:
    ConsoleSettings m_settings;
    QComboBox* m_language = nullptr;
    QComboBox* m_theme = nullptr;
    QSpinBox* m_cacheMb = nullptr;
    QCheckBox* m_alertSound = nullptr;
};
