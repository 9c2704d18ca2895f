#pragma once

#include "domain/Actor.h"
#include "domain/StaffRole.h"

#include <QString>

namespace Gatehouse {
class Database;
} // namespace Gatehouse

namespace Gatehouse::Testing {

// A member of staff of the database's workspace to act as: the services check the actor's role
// in the staff table (StaffAccess), so a bare name is refused. The member is added with the
// role on first use (its email made from the name) and found again after, whatever its role.
// Returns a bare name, which every check refuses, when it cannot be added.
Actor staffActor(const Database &db, StaffRole role, const QString &name = QString());

} // namespace Gatehouse::Testing
