#pragma once

#include <QString>
#include <QStringList>

namespace Gatehouse {

// The console from start to finish: command line, database, first run, sign-in, the embedded
// portal and the main window. Returns the process exit code.
class ConsoleLauncher
{
public:
    // The whole program: creates the application object (a plain one for --help and
    // --version, which must work on a terminal without a display) and runs it.
    static int main(int &argc, char **argv, const QString &version);
    static int run(const QStringList &arguments);
};

} // namespace Gatehouse
