#pragma once

#include <QList>
#include <QString>

#include <optional>

namespace Gatehouse {

// A member of staff's role (CON-11). Each role has every permission of the one before it:
// technician < lead < admin.
enum class StaffRole { Technician, Lead, Admin };

// What a member of staff may do. Which role a permission starts at is kept in one table
// (StaffRole.cpp) that the console and the services both read; docs/staff-roles.md explains it.
enum class StaffPermission {
    WorkOnboardings,    // tick tasks, comment, schedule meetings, hand tasks on
    ReviewDocuments,    // accept or reject what contacts uploaded
    AnswerQuestions,    // reply to contacts' questions
    ViewPortalReadOnly, // "View portal as…" without acting
    EditTemplates,      // create, edit, rename, duplicate, delete templates
    StartOnboardings,   // start an onboarding for a company
    InviteContacts,     // add contacts, invite them, revoke their access
    ManagePortalAccess, // contacts' portal roles and access
    ManageStaff,        // add members, change roles, deactivate, reset TOTP
    ManageSettings,     // branding, pages, sign-in, email settings
    ManageDatabase,     // backup and restore
    ManageVaultAccess,  // grant and revoke colleagues' vault access
    ImpersonateActing,  // "View portal as…" with actions allowed
};

namespace StaffRoles {

// As stored in staff.role: "technician", "lead", "admin".
QString toKey(StaffRole role);
std::optional<StaffRole> fromKey(const QString &key);
// "Technician", "Lead", "Administrator" (translated).
QString displayName(StaffRole role);
QList<StaffRole> all();
QList<StaffPermission> allPermissions();

// The least role that has the permission.
StaffRole minimumRole(StaffPermission permission);
bool allows(StaffRole role, StaffPermission permission);
// A role key that is not known allows nothing.
bool allows(const QString &roleKey, StaffPermission permission);
// "manage staff" (translated), for messages.
QString describe(StaffPermission permission);
// Why a role may not do it: "Only an administrator can manage staff." (translated).
QString refusal(StaffPermission permission);

} // namespace StaffRoles

} // namespace Gatehouse
