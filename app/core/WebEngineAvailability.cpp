#include "WebEngineAvailability.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QLibraryInfo>

#ifdef Q_OS_UNIX
#include <unistd.h>
#endif

namespace Gatehouse {

namespace {

QString s_testProblem;

QString tr(const char *text)
{
    return QCoreApplication::translate("Gatehouse::WebEngineAvailability", text);
}

bool sandboxDisabled()
{
    if (qEnvironmentVariableIntValue("QTWEBENGINE_DISABLE_SANDBOX") != 0
        || qEnvironmentVariable("QTWEBENGINE_CHROMIUM_FLAGS")
               .contains(QLatin1String("--no-sandbox"))) {
        return true;
    }
    return QCoreApplication::arguments().contains(QStringLiteral("--no-sandbox"));
}

bool helperFound()
{
    const QString configured = qEnvironmentVariable("QTWEBENGINEPROCESS_PATH");
    if (!configured.isEmpty()) {
        return QFileInfo(configured).isExecutable();
    }
    const QString installed = QLibraryInfo::path(QLibraryInfo::LibraryExecutablesPath)
                              + QStringLiteral("/QtWebEngineProcess");
    const QString besideProgram
        = QCoreApplication::applicationDirPath() + QStringLiteral("/QtWebEngineProcess");
    return QFileInfo(installed).isExecutable() || QFileInfo(besideProgram).isExecutable()
           || QFileInfo(besideProgram + QStringLiteral(".exe")).isExecutable();
}

} // namespace

QString WebEngineAvailability::problem()
{
    if (!s_testProblem.isEmpty()) {
        return s_testProblem;
    }
#ifdef Q_OS_UNIX
    const bool root = ::geteuid() == 0;
#else
    const bool root = false;
#endif
    return problemFor(root, sandboxDisabled(), helperFound());
}

QString WebEngineAvailability::problemFor(bool runsAsRoot, bool sandboxDisabled, bool helperFound)
{
    if (!helperFound) {
        return tr("Qt WebEngine is not fully installed: its helper program QtWebEngineProcess "
                  "was not found.");
    }
    if (runsAsRoot && !sandboxDisabled) {
        return tr("Qt WebEngine does not start for the root user with its sandbox on. Run the "
                  "console as a regular user (or set QTWEBENGINE_DISABLE_SANDBOX=1).");
    }
    return QString();
}

void WebEngineAvailability::setProblemForTesting(const QString &problem)
{
    s_testProblem = problem;
}

} // namespace Gatehouse
