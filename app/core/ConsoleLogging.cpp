#include "ConsoleLogging.h"

Q_LOGGING_CATEGORY(lcConsole, "gatehouse.console")
