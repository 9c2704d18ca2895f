#pragma once

#include <QString>

namespace Gatehouse {

class Database;

// Forward-only numbered schema migrations. The same SQL serves SQLite and PostgreSQL; the few
// words that differ are written as {{pk}} and {{blob}} and filled in per engine.
class Migrations
{
public:
    [[nodiscard]] static bool run(const Database &db, QString *error);
    static int currentVersion(const Database &db);
    static int latestVersion();
};

} // namespace Gatehouse
