#pragma once

#include <QSqlDatabase>

struct sqlite3;

namespace Gatehouse {

// The sqlite3 handle behind a QSQLITE connection, or null for any other (or a closed one). It is
// the very library Qt's plugin uses, as long as both link the system's libsqlite3 (Debian's
// libqt6sql6-sqlite does).
sqlite3 *sqliteHandle(const QSqlDatabase &db);

} // namespace Gatehouse
