#pragma once

#include "ui/ConsoleOptions.h"
#include "ui/ConsoleSettings.h"

#include <QObject>
#include <QString>

#include <memory>

class MainWindow;
class NodeFleet;
class QApplication;
class QLocale;
class QTranslator;
class TokenVault;

/// Bootstraps the console after QApplication exists: identity for QSettings, translations (the
/// language setting or the system locale), theme, the token vault, the node fleet (cached data first,
/// so it starts without any node reachable), the main window, and the demo/testing options.
class ConsoleApplication : public QObject
{
    Q_OBJECT

public:
    explicit ConsoleApplication(QApplication& app);
    ~ConsoleApplication() override;

    /// Sets organisation and application names (QSettings paths). Call before anything reads settings.
    static void setIdentity(const QString& version);

    /// Builds everything and shows the window. False with a message for the user.
    bool start(const ConsoleOptions& options, QString* errorString);

    MainWindow* mainWindow() const { return m_window.get(); }
    NodeFleet* fleet() const { return m_fleet.get(); }

    /// Loads vigil_<lang>.qm from :/i18n and Qt's own translations; language empty: system locale.
    void installTranslations(const QString& language);
    /// Loads vigil_<lang>.qm from `directory` for the first of the locale's languages that has one,
    /// else the English one: the English plural forms ("1 alert", "4 alerts") live in vigil_en, not
    /// in the source texts ("%n alert(s)"), so a French desktop or a service account's C locale
    /// still reads properly. False only when not even English is there.
    static bool loadConsoleTranslation(QTranslator& translator, const QLocale& locale, const QString& directory);

private:
    bool applyCommandLineNode(const ConsoleOptions& options, QString* errorString);
    void startScreenshots(const QString& dir, int delaySeconds);

    QApplication& m_app;
    ConsoleSettings m_settings;
    std::unique_ptr<QTranslator> m_translator;
    std::unique_ptr<QTranslator> m_qtTranslator;
    std::unique_ptr<TokenVault> m_vault;
    std::unique_ptr<NodeFleet> m_fleet;
    std::unique_ptr<MainWindow> m_window;
};
