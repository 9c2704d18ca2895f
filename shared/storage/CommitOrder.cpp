#include "CommitOrder.h"

#include "Database.h"
#include "SqlQuery.h"

namespace Gatehouse::CommitOrder {

namespace {

// Any number, as long as nothing else takes an advisory lock with it.
constexpr qint64 kLockKey = 7262025;

} // namespace

bool lock(const Database &db, QString *error)
{
    if (db.engine() != Engine::Postgres) {
        return true;
    }
    SqlQuery query(db, QStringLiteral("SELECT pg_advisory_xact_lock(%1)").arg(kLockKey));
    return query.exec(error);
}

} // namespace Gatehouse::CommitOrder
