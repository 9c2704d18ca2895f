#pragma once

#include "core/ServiceError.h"
#include "domain/Directory.h"

#include <QString>

#include <optional>

namespace Gatehouse {

class Clock;
class Database;

// Staff sign-in. Every attempt, refused or not, is recorded in the audit trail; a sign-in that
// cannot be recorded does not happen.
class StaffAuthService
{
public:
    StaffAuthService(const Database &db, const Clock &clock);

    // ip: where the attempt came from, when known (empty at a console's own keyboard).
    std::optional<StaffMember> signIn(const QString &email, const QString &password,
                                      const QString &ip, ServiceError *error);

private:
    const Database &m_db;
    const Clock &m_clock;
};

} // namespace Gatehouse
