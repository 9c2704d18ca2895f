#pragma once

#include "core/ServiceError.h"
#include "domain/Actor.h"
#include "domain/Directory.h"

#include <functional>

namespace Gatehouse {

class Clock;
class Database;
class DirectoryRepository;

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
    // ACC-5/ACC-6: how long an emailed code lasts, and how long a portal session lasts since it
    // was last used. Out-of-range values change nothing. Sessions already open keep their
    // expiry until they next slide.
    [[nodiscard]] bool setLifetimes(int codeMinutes, int sessionHours, const Actor &actor,
                                    ServiceError *error);

private:
    // A workspace-wide setting: nothing when it is already so, else the write and its audit
    // event in one transaction.
    [[nodiscard]] bool
    changeWorkspace(const std::function<bool(const Workspace &)> &differs,
                    const std::function<bool(DirectoryRepository &, qint64, QString *)> &write,
                    const Actor &actor, const QString &kind, const QString &summary,
                    ServiceError *error);

    const Database &m_db;
    const Clock &m_clock;
};

} // namespace Gatehouse
