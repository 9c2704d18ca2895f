#pragma once

#include "security/AuditLog.h"

#include <QString>

namespace Gatehouse {

// What a backup must pass before it replaces anything, the same for both engines.
class BackupChecks
{
public:
    // `version` is the backup's highest schema_version (0: it has none, so it is not ours).
    [[nodiscard]] static bool schemaVersionAcceptable(int version, QString *error);
    // A backup whose audit trail does not verify was altered after it was made.
    [[nodiscard]] static bool auditChainIntact(const AuditLog::VerifyResult &result,
                                               QString *error);
    // The messages of the backup code, in one translation context.
    static QString tr(const char *text);
};

} // namespace Gatehouse
