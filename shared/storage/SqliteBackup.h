#pragma once

#include "BackupControl.h"

#include <QString>

namespace Gatehouse {

class Database;

// SQLite's online backup API, a few hundred pages per step so progress shows and a cancel is
// heard. Both directions run on the calling thread's own connection.
class SqliteBackup
{
public:
    // A consistent copy of the live database (one read snapshot), written next to `file` and
    // renamed into place only when complete. The copy uses a rollback journal: one
    // self-contained file.
    [[nodiscard]] static bool backup(const Database &db, const QString &file,
                                     const BackupControl &control, QString *error);

    // Copies `file` aside, checks it (a SQLite database whose integrity check passes, with a
    // Gatehouse schema no newer than this program's and an intact audit trail), brings the copy's
    // schema up to date and then copies it into the live database in one write transaction:
    // other connections, such as a portal server's, see the old data or the new, never a mix.
    // When another program holds the write lock for long, nothing is changed.
    [[nodiscard]] static bool restore(const Database &db, const QString &file,
                                      const BackupControl &control, QString *error);
};

} // namespace Gatehouse
