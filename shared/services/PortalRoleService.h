#pragma once

#include "core/ServiceError.h"
#include "domain/Actor.h"
#include "domain/PortalRole.h"

#include <optional>

namespace Gatehouse {

class Clock;
class Database;

// Portal roles (ACC-12) as staff manage them: a contact's role, custom roles, and the role new
// contacts start with. Every change is audited in the same transaction; a contact's change
// also goes to the activity feed. The portal reads roles on every request, so a change applies
// to the contact's next request without signing in again.
class PortalRoleService
{
public:
    static constexpr int kMaxNameLength = 60;

    PortalRoleService(const Database &db, const Clock &clock);

    // Setting what is already set changes and records nothing.
    [[nodiscard]] bool setContactRole(qint64 contactId, qint64 roleId, const Actor &actor,
                                      ServiceError *error);
    std::optional<qint64> createRole(const QString &name, PortalPermissions permissions,
                                     const Actor &actor, ServiceError *error);
    // Built-in roles cannot be changed or removed; a role still held by a contact (or the
    // default for new contacts) cannot be removed.
    [[nodiscard]] bool updateRole(qint64 roleId, const QString &name, PortalPermissions permissions,
                                  const Actor &actor, ServiceError *error);
    [[nodiscard]] bool removeRole(qint64 roleId, const Actor &actor, ServiceError *error);
    [[nodiscard]] bool setNewContactsRole(qint64 roleId, const Actor &actor, ServiceError *error);

private:
    // The name, tidied, unless it is empty, too long or another role's (case aside).
    std::optional<QString> validName(const QString &name, qint64 exceptRoleId,
                                     ServiceError *error) const;

    const Database &m_db;
    const Clock &m_clock;
};

} // namespace Gatehouse
