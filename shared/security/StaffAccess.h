#pragma once

#include "core/ServiceError.h"
#include "domain/Actor.h"
#include "domain/StaffRole.h"

namespace Gatehouse {

class Database;

// The services' own check of StaffRoles' permission table (CON-11): the console hides what a
// role may not do, but a service never trusts it. The member is read from the database, so a
// demoted or deactivated member is refused at once.
//
// System actors (the command line, scheduled work) are the workspace's operators and pass;
// contacts never do.
class StaffAccess
{
public:
    [[nodiscard]] static bool require(const Database &db, const Actor &actor,
                                      StaffPermission permission, ServiceError *error);
    [[nodiscard]] static bool require(const Database &db, qint64 staffId,
                                      StaffPermission permission, ServiceError *error);
};

} // namespace Gatehouse
