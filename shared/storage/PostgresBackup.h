#pragma once

#include "BackupControl.h"

#include <QString>

namespace Gatehouse {

class Database;

// pg_dump and pg_restore as Gatehouse uses them (see PostgresTools for how they are found
// and run).
class PostgresBackup
{
public:
    // pg_dump's custom format, written next to `file` and renamed into place when complete;
    // progress counts the tables dumped.
    [[nodiscard]] static bool backup(const Database &db, const QString &file, const QString &binDir,
                                     const BackupControl &control, QString *error);

    // Checks the dump first (pg_restore can read it, it holds a Gatehouse schema no newer than
    // ours and an audit trail that verifies), then replaces every table in one transaction:
    // the tables there now are dropped and the dump's restored (pg_restore --clean --if-exists
    // --no-owner, run by psql --single-transaction), so a failure or a cancel changes nothing,
    // and tables a newer schema added do not linger to trip the migrations that follow.
    [[nodiscard]] static bool restore(const Database &db, const QString &file,
                                      const QString &binDir, const BackupControl &control,
                                      QString *error);
};

} // namespace Gatehouse
