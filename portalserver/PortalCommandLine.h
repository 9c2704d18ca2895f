#pragma once

#include <QStringList>

namespace Gatehouse {

// gatehouse-portal [--data-dir DIR] [--database URL] [--public-url URL] COMMAND
//   serve [--listen ADDR:PORT] | migrate | demo | invite EMAIL | backup FILE | restore FILE
// Returns the process exit code; errors are one clear line on stderr.
class PortalCommandLine
{
public:
    static int run(const QStringList &arguments);
};

} // namespace Gatehouse
