// vigil-console: the desktop console (DESIGN.md section 5). A thin main: the application is built
// in libvigil_ui so tests link it.
#include <QApplication>
#include <QLabel>

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("vigil-console"));
    QApplication::setOrganizationName(QStringLiteral("Vigil"));
    QApplication::setApplicationVersion(QStringLiteral(VIGIL_VERSION));
    QLabel placeholder(QStringLiteral("Vigil"));
    placeholder.show();
    return app.exec();
}
