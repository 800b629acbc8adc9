// vigil-console: the desktop console (DESIGN.md section 5). A thin main: the application is built
// in libvigil_ui (ui/ConsoleApplication) so tests link it.
#include "ui/ConsoleApplication.h"

#include <QApplication>

#include <cstdio>

int main(int argc, char** argv)
{
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
    return app.exec();
}
