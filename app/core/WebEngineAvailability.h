#pragma once

#include <QString>
#include <QStringList>

namespace Gatehouse {

// Whether Qt WebEngine can start here, asked before a view is made: Chromium ends the whole
// program (not just the page) when it is run as root with its sandbox on, so the console
// checks first and says why instead of starting it.
class WebEngineAvailability
{
public:
    // Empty when it can start; otherwise why not, in a sentence for staff.
    static QString problem();
    // The rule itself, for the given facts.
    static QString problemFor(bool runsAsRoot, bool sandboxDisabled, bool helperFound);

    // For tests: problem() answers this instead (an empty string: the real answer again).
    static void setProblemForTesting(const QString &problem);
};

} // namespace Gatehouse
