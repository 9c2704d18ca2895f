#include "StaffRole.h"

#include <QCoreApplication>

namespace Gatehouse {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Gatehouse::StaffRole", text);
}

struct PermissionRow
{
    StaffPermission permission;
    StaffRole minimum;
    const char *description;
};

// THE table of who may do what. Technicians do the day-to-day work on onboardings; leads also
// shape that work (templates, starting onboardings, contacts and their access); administrators
// also run the workspace (staff, settings, database, vault access, acting as a contact).
constexpr PermissionRow kPermissions[] = {
    {StaffPermission::WorkOnboardings, StaffRole::Technician,
     QT_TRANSLATE_NOOP("Gatehouse::StaffRole", "work on onboardings")},
    {StaffPermission::ReviewDocuments, StaffRole::Technician,
     QT_TRANSLATE_NOOP("Gatehouse::StaffRole", "review documents")},
    {StaffPermission::AnswerQuestions, StaffRole::Technician,
     QT_TRANSLATE_NOOP("Gatehouse::StaffRole", "answer questions")},
    {StaffPermission::ViewPortalReadOnly, StaffRole::Technician,
     QT_TRANSLATE_NOOP("Gatehouse::StaffRole", "view the portal as a contact")},
    {StaffPermission::EditTemplates, StaffRole::Lead,
     QT_TRANSLATE_NOOP("Gatehouse::StaffRole", "change templates")},
    {StaffPermission::StartOnboardings, StaffRole::Lead,
     QT_TRANSLATE_NOOP("Gatehouse::StaffRole", "start onboardings")},
    {StaffPermission::InviteContacts, StaffRole::Lead,
     QT_TRANSLATE_NOOP("Gatehouse::StaffRole", "invite contacts")},
    {StaffPermission::ManagePortalAccess, StaffRole::Lead,
     QT_TRANSLATE_NOOP("Gatehouse::StaffRole", "change portal roles and access")},
    {StaffPermission::ManageStaff, StaffRole::Admin,
     QT_TRANSLATE_NOOP("Gatehouse::StaffRole", "manage staff")},
    {StaffPermission::ManageSettings, StaffRole::Admin,
     QT_TRANSLATE_NOOP("Gatehouse::StaffRole", "change workspace settings")},
    {StaffPermission::ManageDatabase, StaffRole::Admin,
     QT_TRANSLATE_NOOP("Gatehouse::StaffRole", "back up or restore the database")},
    {StaffPermission::ManageVaultAccess, StaffRole::Admin,
     QT_TRANSLATE_NOOP("Gatehouse::StaffRole", "grant vault access")},
    {StaffPermission::ImpersonateActing, StaffRole::Admin,
     QT_TRANSLATE_NOOP("Gatehouse::StaffRole", "act in the portal as a contact")},
};

const PermissionRow &rowOf(StaffPermission permission)
{
    for (const PermissionRow &row : kPermissions) {
        if (row.permission == permission) {
            return row;
        }
    }
    // Every enumerator has a row (tst_staff_roles checks); an unknown value needs the most.
    static const PermissionRow unknown{permission, StaffRole::Admin, ""};
    return unknown;
}

} // namespace

namespace StaffRoles {

QString toKey(StaffRole role)
{
    switch (role) {
    case StaffRole::Technician:
        return QStringLiteral("technician");
    case StaffRole::Lead:
        return QStringLiteral("lead");
    case StaffRole::Admin:
        return QStringLiteral("admin");
    }
    return QString();
}

std::optional<StaffRole> fromKey(const QString &key)
{
    for (const StaffRole role : all()) {
        if (toKey(role) == key) {
            return role;
        }
    }
    return std::nullopt;
}

QString displayName(StaffRole role)
{
    switch (role) {
    case StaffRole::Technician:
        return tr("Technician");
    case StaffRole::Lead:
        return tr("Lead");
    case StaffRole::Admin:
        return tr("Administrator");
    }
    return QString();
}

QList<StaffRole> all()
{
    return {StaffRole::Technician, StaffRole::Lead, StaffRole::Admin};
}

QList<StaffPermission> allPermissions()
{
    QList<StaffPermission> list;
    for (const PermissionRow &row : kPermissions) {
        list.append(row.permission);
    }
    return list;
}

StaffRole minimumRole(StaffPermission permission)
{
    return rowOf(permission).minimum;
}

bool allows(StaffRole role, StaffPermission permission)
{
    return int(role) >= int(minimumRole(permission));
}

bool allows(const QString &roleKey, StaffPermission permission)
{
    const std::optional<StaffRole> role = fromKey(roleKey);
    return role && allows(*role, permission);
}

QString describe(StaffPermission permission)
{
    return tr(rowOf(permission).description);
}

QString refusal(StaffPermission permission)
{
    switch (minimumRole(permission)) {
    case StaffRole::Technician:
        // Every role has it: only someone who is not an active member of staff is refused.
        return tr("Only a member of staff can %1.").arg(describe(permission));
    case StaffRole::Lead:
        return tr("Only a lead or an administrator can %1.").arg(describe(permission));
    case StaffRole::Admin:
        return tr("Only an administrator can %1.").arg(describe(permission));
    }
    return QString();
}

} // namespace StaffRoles

} // namespace Gatehouse
