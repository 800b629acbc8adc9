// vigil-console: the desktop console (DESIGN.md section 5). A thin main: the application is built
// in libvigil_ui (ui/ConsoleApplication) so tests link it.
#include "ui/ConsoleApplication.h"
#include "ui/MainWindow.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QEvent>
#include <QTimer>

#include <cstdio>

namespace {

/// VIGIL_CONSOLE_REPORT_FIRST_PAINT=1 (for tests/bench/bench_console_start): prints one line
/// `first-paint <ms since main() began>` on stdout once the main window has been painted for the
/// first time. The window's own paint event comes before its children's in the same repaint, so the
/// line is written from the next turn of the event loop, after the whole window is drawn.
class FirstPaintReporter : public QObject
{
public:
    FirstPaintReporter(const QElapsedTimer& sinceMain, QObject* parent)
        : QObject(parent)
        , m_sinceMain(sinceMain)
    {
    }

    bool eventFilter(QObject* watched, QEvent* event) override
    {
        if (event->type() == QEvent::Paint && !m_seen) {
            m_seen = true;
            watched->removeEventFilter(this);
            QTimer::singleShot(0, this, [this] {
                std::fprintf(stdout, "first-paint %lld\n", static_cast<long long>(m_sinceMain.elapsed()));
                std::fflush(stdout);
            });
        }
        return false;
    }

private:
    QElapsedTimer m_sinceMain;
    bool m_seen = false;
};

} // namespace

int main(int argc, char** argv)
{
    QElapsedTimer sinceMain;
    sinceMain.start();
    QApplication app(argc, argv);
    ConsoleApplication::setIdentity(QStringLiteral(VIGIL_VERSION));
    ConsoleOptions options;
    QString error;
    if (!ConsoleOptions::parse(QCoreApplication::arguments(), &options, &error)) {
        std::fprintf(stderr, "vigil-console: %s\n", qPrintable(error));
        return 2;
    }
    ConsoleApplication console(app);
    if (!console.start(options, &error)) {
        std::fprintf(stderr, "vigil-console: %s\n", qPrintable(error));
        return 1;
    }
    // start() shows the window but paints nothing: painting happens in the event loop, below.
    if (qEnvironmentVariable("VIGIL_CONSOLE_REPORT_FIRST_PAINT") == u"1")
        console.mainWindow()->installEventFilter(new FirstPaintReporter(sinceMain, &app));
    return app.exec();
}
