#pragma once

#include "core/ServiceError.h"
#include "domain/Actor.h"

namespace Gatehouse {

class Clock;
class Database;

// Who may use the portal (ACC-9): a contact's access, and what new contacts start with. Every
// change is recorded in the activity feed and the audit trail in the same transaction.
class PortalAccessService
{
public:
    PortalAccessService(const Database &db, const Clock &clock);

    // Turning access off also ends the contact's invitations, pending sign-ins and sessions at
    // once, so turning it on again later revives none of them: the contact needs a new invite.
    // Setting what is already set changes and records nothing.
    [[nodiscard]] bool setContactAccess(qint64 contactId, bool on, const Actor &actor,
                                        ServiceError *error);
    [[nodiscard]] bool setNewContactsDefault(bool on, const Actor &actor, ServiceError *error);
    // ACC-10: when on, a contact without TOTP who signs in must set it up before anything else.
    [[nodiscard]] bool setRequireContactTotp(bool on, const Actor &actor, ServiceError *error);

private:
    const Database &m_db;
    const Clock &m_clock;
};

} // namespace Gatehouse
