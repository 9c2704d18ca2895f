#include "Logging.h"

Q_LOGGING_CATEGORY(lcStorage, "gatehouse.storage")
Q_LOGGING_CATEGORY(lcMail, "gatehouse.mail")
Q_LOGGING_CATEGORY(lcSecurity, "gatehouse.security")
Q_LOGGING_CATEGORY(lcServices, "gatehouse.services")
Q_LOGGING_CATEGORY(lcVault, "gatehouse.vault")
