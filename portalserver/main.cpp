#include "PortalCommandLine.h"

#include <QCoreApplication>
#include <QGuiApplication>
#include <QLocale>
#include <QTranslator>

#include <cstring>
#include <memory>

namespace {

QtMessageHandler s_previousHandler = nullptr;

// Starting a GUI application without a session (a service, a server shell) makes Qt warn that
// it has no XDG runtime folder. Nothing here uses one, and the warning would be the first line
// an administrator reads; every other message passes.
void withoutRuntimeDirWarning(QtMsgType type, const QMessageLogContext &context,
                              const QString &message)
{
    if (message.startsWith(QLatin1String("QStandardPaths: XDG_RUNTIME_DIR not set"))) {
        return;
    }
    s_previousHandler(type, context, message);
}

// Serving signs documents, and their certificates are PDFs drawn with Qt's font database,
// which needs a GUI application (without a window: the offscreen platform). The other
// commands stay plain console programs.
std::unique_ptr<QCoreApplication> makeApplication(int &argc, char **argv)
{
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "serve") == 0) {
            if (!qEnvironmentVariableIsSet("QT_QPA_PLATFORM")) {
                qputenv("QT_QPA_PLATFORM", "offscreen");
            }
            // Qt's own event loop rather than GLib's: nothing in a server needs GLib's, and
            // Qt's costs less per event, about a tenth of the portal's requests per second
            // (tests/bench/portal-load). Each HTTP thread picks it up as it starts.
            if (!qEnvironmentVariableIsSet("QT_NO_GLIB")) {
                qputenv("QT_NO_GLIB", "1");
            }
            s_previousHandler = qInstallMessageHandler(withoutRuntimeDirWarning);
            auto app = std::make_unique<QGuiApplication>(argc, argv);
            qInstallMessageHandler(s_previousHandler);
            return app;
        }
    }
    return std::make_unique<QCoreApplication>(argc, argv);
}

} // namespace

int main(int argc, char *argv[])
{
    const std::unique_ptr<QCoreApplication> app = makeApplication(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("gatehouse-portal"));
    QCoreApplication::setOrganizationName(QStringLiteral("Gatehouse"));
    QCoreApplication::setApplicationVersion(QStringLiteral(GATEHOUSE_VERSION));
    // Mail the server sends follows the server's language until contacts choose their own.
    QTranslator translator;
    if (translator.load(QLocale(), QStringLiteral("gatehouse"), QStringLiteral("_"),
                        QStringLiteral(":/i18n"))) {
        QCoreApplication::installTranslator(&translator);
    }
    return Gatehouse::PortalCommandLine::run(QCoreApplication::arguments());
}
