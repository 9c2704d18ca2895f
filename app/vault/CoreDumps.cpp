#include "CoreDumps.h"

#if defined(Q_OS_UNIX)
#include <sys/resource.h>
#endif
#if defined(Q_OS_LINUX)
#include <sys/prctl.h>
#endif

#include <cerrno>
#include <cstring>

namespace Gatehouse::CoreDumps {

bool disable(QString *error)
{
#if defined(Q_OS_UNIX)
    const struct rlimit none = {0, 0};
    if (setrlimit(RLIMIT_CORE, &none) != 0) {
        *error = QStringLiteral("setrlimit(RLIMIT_CORE): %1")
                     .arg(QString::fromLocal8Bit(std::strerror(errno)));
        return false;
    }
#endif
#if defined(Q_OS_LINUX)
    if (prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) != 0) {
        *error = QStringLiteral("prctl(PR_SET_DUMPABLE): %1")
                     .arg(QString::fromLocal8Bit(std::strerror(errno)));
        return false;
    }
#endif
    // Windows writes no dump unless Windows Error Reporting is set up to collect one.
    Q_UNUSED(error)
    return true;
}

} // namespace Gatehouse::CoreDumps
