#pragma once

#include "core/Clock.h"
#include "domain/Actor.h"
#include "domain/Directory.h"
#include "domain/StaffRole.h"

#include <QString>

namespace Gatehouse {

class Database;
class VaultSession;

// What every view of a signed-in console needs: the database, who is acting, and where the
// portal and its mail live.
struct ConsoleContext
{
    const Database *db = nullptr;
    const Clock *clock = &Clock::system();
    Workspace workspace;
    StaffMember staff;
    QString publicUrl;   // links in mail are built from it
    QString mailboxPath; // where mail goes without SMTP
    QString smtpUrl;     // empty: the local mailbox
    // The --smtp-url the console was started with; it wins over the mail settings.
    QString smtpFromCommandLine;

    // The console's one credential vault, shared by every view; MainWindow makes it.
    VaultSession *vault = nullptr;

    // Who every change made from this console is recorded as: the name in the activity feed,
    // the email address in the audit trail.
    Actor actor() const { return Actor::staff(staff); }
    // What the signed-in member's role allows (StaffRoles' table); the services check again.
    bool can(StaffPermission permission) const
    {
        return StaffRoles::allows(staff.role, permission);
    }
};

} // namespace Gatehouse
