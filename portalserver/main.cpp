#include "PortalCommandLine.h"

#include <QCoreApplication>
#include <QLocale>
#include <QTranslator>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
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
