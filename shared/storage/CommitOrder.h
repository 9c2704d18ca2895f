#pragma once

#include <QString>

namespace Gatehouse {

class Database;

// Activity rows and audit events are read as "everything after id N" (the console's feed, the
// portal's home cache, the audit chain). On PostgreSQL an id is drawn from a sequence when its
// row is inserted, so two transactions could commit in the other order, and a reader that had
// seen N would never see the smaller id committed after it. A transaction takes this lock
// before it writes its first such row and holds it until it ends, so ids are drawn in the order
// their transactions commit. SQLite needs nothing: its writers go one at a time already
// (Transaction begins IMMEDIATE).
namespace CommitOrder {

[[nodiscard]] bool lock(const Database &db, QString *error);

} // namespace CommitOrder

} // namespace Gatehouse
