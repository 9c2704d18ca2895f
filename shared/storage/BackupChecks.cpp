#include "BackupChecks.h"

#include "Migrations.h"

#include <QCoreApplication>

namespace Gatehouse {

QString BackupChecks::tr(const char *text)
{
    return QCoreApplication::translate("Gatehouse::DatabaseBackup", text);
}

bool BackupChecks::schemaVersionAcceptable(int version, QString *error)
{
    if (version <= 0) {
        if (error) {
            *error = tr("The file is not a Gatehouse backup: it has no Gatehouse schema. Nothing "
                        "was changed.");
        }
        return false;
    }
    const int latest = Migrations::latestVersion();
    if (version > latest) {
        if (error) {
            *error = tr("The backup was made by a newer version of Gatehouse (schema %1; this "
                        "version knows up to %2). Update Gatehouse, then restore it. Nothing "
                        "was changed.")
                         .arg(version)
                         .arg(latest);
        }
        return false;
    }
    return true;
}

bool BackupChecks::auditChainIntact(const AuditLog::VerifyResult &result, QString *error)
{
    if (result.ok) {
        return true;
    }
    if (error) {
        *error = result.firstBrokenId > 0
                     ? tr("The backup's audit trail does not verify at event %1 (%2): the file "
                          "was altered after it was made. Nothing was changed.")
                           .arg(result.firstBrokenId)
                           .arg(result.reason)
                     : tr("The backup's audit trail could not be read (%1). Nothing was changed.")
                           .arg(result.reason);
    }
    return false;
}

} // namespace Gatehouse
