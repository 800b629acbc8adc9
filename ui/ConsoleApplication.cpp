#include "ui/ConsoleApplication.h"

#include "models/console/OverviewModel.h"
#include "ui/MainWindow.h"
#include "ui/dialogs/FingerprintText.h"
#include "ui/dialogs/SignInDialog.h"
#include "ui/session/NodeFleet.h"
#include "ui/session/TokenVault.h"
#include "ui/shell/TraceController.h"
#include "ui/style/Theme.h"
#include "ui/views/OverviewView.h"

#include <QApplication>
#include <QDir>
#include <QFile>
#include <QLibraryInfo>
#include <QLocale>
#include <QTextStream>
#include <QTimer>
#include <QTranslator>
#include <QTreeView>
#include <QUrl>

#include <cstdio>

ConsoleApplication::ConsoleApplication(QApplication& app)
    : m_app(app)
{
}

ConsoleApplication::~ConsoleApplication()
{
    // The window uses the fleet; the fleet uses the vault.
    m_window.reset();
    m_fleet.reset();
    m_vault.reset();
}

void ConsoleApplication::setIdentity(const QString& version)
{
    QCoreApplication::setOrganizationName(QStringLiteral("Vigil"));
    QCoreApplication::setOrganizationDomain(QStringLiteral("vigil.invalid"));
    QCoreApplication::setApplicationName(QStringLiteral("vigil-console"));
    QCoreApplication::setApplicationVersion(version);
    QGuiApplication::setApplicationDisplayName(QStringLiteral("Vigil console"));
}

void ConsoleApplication::installTranslations(const QString& language)
{
    const QLocale locale = language.isEmpty() ? QLocale() : QLocale(language);
    QLocale::setDefault(locale);
    if (m_translator)
        QCoreApplication::removeTranslator(m_translator.get());
    if (m_qtTranslator)
        QCoreApplication::removeTranslator(m_qtTranslator.get());
    m_translator = std::make_unique<QTranslator>();
    if (loadConsoleTranslation(*m_translator, locale, QStringLiteral(":/i18n")))
        QCoreApplication::installTranslator(m_translator.get());
    m_qtTranslator = std::make_unique<QTranslator>();
    if (m_qtTranslator->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                             QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(m_qtTranslator.get());
}

bool ConsoleApplication::loadConsoleTranslation(QTranslator& translator, const QLocale& locale,
                                                const QString& directory)
{
    return translator.load(locale, QStringLiteral("vigil"), QStringLiteral("_"), directory)
        || translator.load(QStringLiteral("vigil_en"), directory);
}

bool ConsoleApplication::start(const ConsoleOptions& options, QString* errorString)
{
    m_settings = ConsoleSettings::load();
    installTranslations(m_settings.language);
    Theme::apply(m_app, m_settings.theme);

    m_vault = std::make_unique<TokenVault>();
    if (options.noKeychain)
        m_vault->forceMemoryOnly(QStringLiteral("--no-keychain"));
    m_fleet = std::make_unique<NodeFleet>(m_vault.get(), options.settingsFile, options.cacheDir);
    m_fleet->setCacheMaxBytes(m_settings.cacheLimitBytes());

    // The window first, so the fleet's first states and warnings have somewhere to go.
    m_window = std::make_unique<MainWindow>(m_fleet.get());
    QObject::connect(m_window.get(), &MainWindow::settingsChanged, this, [this](const ConsoleSettings& settings) {
        m_settings = settings;
        Theme::apply(m_app, settings.theme);
    });
    QString loadError;
    if (!m_fleet->load(&loadError))
        m_window->showStatus(loadError, 0);
    if (!options.nodeUrl.isEmpty() && !applyCommandLineNode(options, errorString))
        return false;
    m_window->show();
    if (!options.screenshotDir.isEmpty())
        startScreenshots(options.screenshotDir, options.screenshotDelaySeconds);
    return true;
}

bool ConsoleApplication::applyCommandLineNode(const ConsoleOptions& options, QString* errorString)
{
    const QUrl url(options.nodeUrl);
    const bool tls = url.scheme() == u"https";
    const QString fingerprint = FingerprintText::normalized(options.fingerprint);
    if (tls && fingerprint.isEmpty()) {
        *errorString = tr("--node https://… needs --fingerprint with the SHA-256 the node printed at its start "
                          "(api-certificate sha256 …).");
        return false;
    }
    QString password;
    if (options.passwordStdin) {
        QTextStream in(stdin);
        password = in.readLine();
    }

    NodeSession* session = m_fleet->sessionAt(url.host(), quint16(url.port()));
    QString error;
    if (!session) {
        NodeProfile profile = NodeProfile::create();
        profile.host = url.host();
        profile.port = quint16(url.port());
        profile.tls = tls;
        profile.displayName = profile.address();
        profile.pinnedFingerprint = fingerprint;
        profile.userName = options.user;
        const QString id = m_fleet->addNode(profile, &error);
        if (id.isEmpty()) {
            *errorString = error;
            return false;
        }
        session = m_fleet->session(id);
    } else if (tls && session->profile().pinnedFingerprint != fingerprint) {
        // The fingerprint given on the command line is the user's explicit statement of trust.
        NodeProfile profile = session->profile();
        std::fprintf(stderr, "vigil-console: re-pinning %s to the fingerprint given on the command line\n",
                     qPrintable(profile.address()));
        profile.pinnedFingerprint = fingerprint;
        if (!m_fleet->updateNode(profile, &error)) {
            *errorString = error;
            return false;
        }
    }
    if (!options.user.isEmpty() && options.passwordStdin) {
        MainWindow* window = m_window.get();
        session->signIn(options.user, password, window, [window, session](const OpsReply& reply) {
            if (reply.ok()) {
                window->showStatus(tr("Signed in to %1 as %2.").arg(session->profile().displayName,
                                                                     session->userName()));
                return;
            }
            const QString text = SignInDialog::describe(reply);
            window->showStatus(text, 0);
            std::fprintf(stderr, "vigil-console: sign-in failed: %s\n", qPrintable(text));
        });
    }
    return true;
}

void ConsoleApplication::startScreenshots(const QString& dir, int delaySeconds)
{
    QDir().mkpath(dir);
    MainWindow* window = m_window.get();
    QTimer::singleShot(delaySeconds * 1000, window, [window, dir] {
        // Show a row in the overview charts: the first destination of the first node, else the node.
        OverviewView* overview = window->overviewView();
        if (OverviewModel* model = overview->model(); model && model->rowCount() > 0) {
            const QModelIndex node = model->index(0, 0);
            const QString nodeId = node.data(OverviewModel::NodeIdRole).toString();
            bool selected = false;
            for (int row = 0; row < model->rowCount(node) && !selected; ++row) {
                const QModelIndex child = model->index(row, 0, node);
                if (child.data(OverviewModel::RowKindRole).toString() == u"destination")
                    selected = overview->selectRow(nodeId, QStringLiteral("destination"),
                                                   child.data(OverviewModel::NameRole).toString());
            }
            if (!selected)
                overview->selectRow(nodeId, QStringLiteral("node"), QString());
        }
        // An empty search lists the newest messages of every node.
        window->traces()->search(TraceQuery());
        QTimer::singleShot(2500, window, [window, dir] {
            int saved = 0;
            for (int i = 0; i < MainWindow::ViewCount; ++i) {
                window->showView(MainWindow::View(i));
                QCoreApplication::processEvents();
                static const char* const names[] = {"overview", "traces", "alerts", "escalations", "dead-letters", "audit"};
                const QString name = QString::fromLatin1(names[i]);
                const QString file = QDir(dir).filePath(QStringLiteral("%1-%2.png").arg(i + 1, 2, 10, QLatin1Char('0')).arg(name));
                if (window->grab().save(file))
                    ++saved;
                else
                    std::fprintf(stderr, "vigil-console: could not write %s\n", qPrintable(file));
            }
            std::fprintf(stdout, "screenshots %d %s\n", saved, qPrintable(dir));
            std::fflush(stdout);
            QCoreApplication::exit(saved == MainWindow::ViewCount ? 0 : 1);
        });
    });
}
