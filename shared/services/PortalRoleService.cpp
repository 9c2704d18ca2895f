#include "PortalRoleService.h"

#include "core/Clock.h"
#include "security/AuditLog.h"
#include "security/StaffAccess.h"
#include "storage/ActivityRepository.h"
#include "storage/DirectoryRepository.h"
#include "storage/PortalRoleRepository.h"
#include "storage/Transaction.h"

#include <QCoreApplication>

namespace Gatehouse {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Gatehouse::PortalRoleService", text);
}

QString describe(PortalPermissions permissions)
{
    const QStringList keys = PortalRole::keys(permissions);
    return keys.isEmpty() ? QStringLiteral("nothing") : keys.join(QStringLiteral(", "));
}

} // namespace

PortalRoleService::PortalRoleService(const Database &db, const Clock &clock)
    : m_db(db)
    , m_clock(clock)
{}

std::optional<QString> PortalRoleService::validName(const QString &name, qint64 exceptRoleId,
                                                    ServiceError *error) const
{
    const QString trimmed = name.simplified();
    if (trimmed.isEmpty() || trimmed.size() > kMaxNameLength) {
        ServiceError::set(error, ServiceError::Kind::Invalid,
                          tr("Enter the role's name (at most 60 characters)."));
        return std::nullopt;
    }
    QString dbError;
    const QList<PortalRole> roles = PortalRoleRepository(m_db).roles(&dbError);
    if (!dbError.isEmpty()) {
        ServiceError::internal(error);
        return std::nullopt;
    }
    for (const PortalRole &role : roles) {
        if (role.id != exceptRoleId && role.name.compare(trimmed, Qt::CaseInsensitive) == 0) {
            ServiceError::set(error, ServiceError::Kind::Conflict,
                              tr("There is already a role with this name."));
            return std::nullopt;
        }
    }
    return trimmed;
}

bool PortalRoleService::setContactRole(qint64 contactId, qint64 roleId, const Actor &actor,
                                       ServiceError *error)
{
    if (!StaffAccess::require(m_db, actor, StaffPermission::ManagePortalAccess, error)) {
        return false;
    }
    DirectoryRepository directory(m_db);
    PortalRoleRepository roles(m_db);
    QString dbError;
    const std::optional<Workspace> workspace = directory.workspace(&dbError);
    const std::optional<Contact> contact = directory.contact(contactId, &dbError);
    const std::optional<PortalRole> role = roles.role(roleId, &dbError);
    const std::optional<PortalRole> current = roles.roleOfContact(contactId, &dbError);
    if (!dbError.isEmpty() || !workspace) {
        ServiceError::internal(error);
        return false;
    }
    if (!contact || !role) {
        ServiceError::set(error, ServiceError::Kind::NotFound,
                          contact ? tr("No such role.") : tr("No such contact."));
        return false;
    }
    if (current && current->id == role->id) {
        return true;
    }
    const qint64 now = m_clock.nowMs();
    ActivityEvent event;
    event.companyId = contact->companyId;
    event.kind = QStringLiteral("role.changed");
    event.actor = actor.name;
    event.summary = QStringLiteral("Gave %1 the portal role %2").arg(contact->email, role->name);
    const AuditEvent audit
        = AuditEvent::make(workspace->id, now, actor, QStringLiteral("role.contact_changed"),
                           AuditEvent::subjectOf("contact", contact->id),
                           QStringLiteral("Portal role of %1 <%2>: %3 (was %4)")
                               .arg(contact->name, contact->email, role->name,
                                    current ? current->name : QStringLiteral("none")));
    Transaction transaction(m_db);
    if (!transaction.isActive() || !roles.setContactRole(contactId, roleId, &dbError)
        || !ActivityRepository(m_db).append(workspace->id, event, now, &dbError)
        || !AuditLog(m_db).append(audit, &dbError) || !transaction.commit(&dbError)) {
        ServiceError::internal(error);
        return false;
    }
    return true;
}

std::optional<qint64> PortalRoleService::createRole(const QString &name,
                                                    PortalPermissions permissions,
                                                    const Actor &actor, ServiceError *error)
{
    if (!StaffAccess::require(m_db, actor, StaffPermission::ManagePortalAccess, error)) {
        return std::nullopt;
    }
    const std::optional<QString> valid = validName(name, 0, error);
    if (!valid) {
        return std::nullopt;
    }
    QString dbError;
    const std::optional<Workspace> workspace = DirectoryRepository(m_db).workspace(&dbError);
    if (!workspace) {
        ServiceError::internal(error);
        return std::nullopt;
    }
    const qint64 now = m_clock.nowMs();
    Transaction transaction(m_db);
    const qint64 id
        = transaction.isActive()
              ? PortalRoleRepository(m_db).createCustom(*valid, permissions, now, &dbError)
              : 0;
    if (id == 0) {
        if (PortalRoleRepository::isUniqueViolation(dbError)) {
            ServiceError::set(error, ServiceError::Kind::Conflict,
                              tr("There is already a role with this name."));
        } else {
            ServiceError::internal(error);
        }
        return std::nullopt;
    }
    const AuditEvent audit = AuditEvent::make(
        workspace->id, now, actor, QStringLiteral("role.created"),
        AuditEvent::subjectOf("portal_role", id),
        QStringLiteral("Created the portal role %1 with %2").arg(*valid, describe(permissions)));
    if (!AuditLog(m_db).append(audit, &dbError) || !transaction.commit(&dbError)) {
        ServiceError::internal(error);
        return std::nullopt;
    }
    return id;
}

bool PortalRoleService::updateRole(qint64 roleId, const QString &name,
                                   PortalPermissions permissions, const Actor &actor,
                                   ServiceError *error)
{
    if (!StaffAccess::require(m_db, actor, StaffPermission::ManagePortalAccess, error)) {
        return false;
    }
    PortalRoleRepository roles(m_db);
    QString dbError;
    const std::optional<Workspace> workspace = DirectoryRepository(m_db).workspace(&dbError);
    const std::optional<PortalRole> role = roles.role(roleId, &dbError);
    if (!dbError.isEmpty() || !workspace) {
        ServiceError::internal(error);
        return false;
    }
    if (!role) {
        ServiceError::set(error, ServiceError::Kind::NotFound, tr("No such role."));
        return false;
    }
    if (!role->isCustom()) {
        ServiceError::set(error, ServiceError::Kind::Invalid,
                          tr("Built-in roles cannot be changed; create a role of your own."));
        return false;
    }
    QString newName = role->name;
    if (name.simplified() != role->name) {
        const std::optional<QString> valid = validName(name, roleId, error);
        if (!valid) {
            return false;
        }
        newName = *valid;
    }
    if (newName == role->name && permissions == role->permissions) {
        return true;
    }
    const qint64 now = m_clock.nowMs();
    const AuditEvent audit = AuditEvent::make(
        workspace->id, now, actor, QStringLiteral("role.changed"),
        AuditEvent::subjectOf("portal_role", roleId),
        QStringLiteral("Changed the portal role %1 to %2 with %3 (was %4)")
            .arg(role->name, newName, describe(permissions), describe(role->permissions)));
    Transaction transaction(m_db);
    if (!transaction.isActive() || !roles.updateCustom(roleId, newName, permissions, &dbError)
        || !AuditLog(m_db).append(audit, &dbError) || !transaction.commit(&dbError)) {
        if (PortalRoleRepository::isUniqueViolation(dbError)) {
            ServiceError::set(error, ServiceError::Kind::Conflict,
                              tr("There is already a role with this name."));
        } else {
            ServiceError::internal(error);
        }
        return false;
    }
    return true;
}

bool PortalRoleService::removeRole(qint64 roleId, const Actor &actor, ServiceError *error)
{
    if (!StaffAccess::require(m_db, actor, StaffPermission::ManagePortalAccess, error)) {
        return false;
    }
    PortalRoleRepository roles(m_db);
    QString dbError;
    const std::optional<Workspace> workspace = DirectoryRepository(m_db).workspace(&dbError);
    const std::optional<PortalRole> role = roles.role(roleId, &dbError);
    const int holders = roles.holders(roleId, &dbError);
    if (!dbError.isEmpty() || !workspace) {
        ServiceError::internal(error);
        return false;
    }
    if (!role) {
        ServiceError::set(error, ServiceError::Kind::NotFound, tr("No such role."));
        return false;
    }
    if (!role->isCustom()) {
        ServiceError::set(error, ServiceError::Kind::Invalid,
                          tr("Built-in roles cannot be removed."));
        return false;
    }
    if (holders > 0) {
        ServiceError::set(error, ServiceError::Kind::Conflict,
                          tr("Contacts still have this role, or new contacts get it. Give them "
                             "another role first."));
        return false;
    }
    const qint64 now = m_clock.nowMs();
    const AuditEvent audit
        = AuditEvent::make(workspace->id, now, actor, QStringLiteral("role.removed"),
                           AuditEvent::subjectOf("portal_role", roleId),
                           QStringLiteral("Removed the portal role %1").arg(role->name));
    Transaction transaction(m_db);
    // A contact given the role meanwhile makes the DELETE fail on its reference: nothing lost.
    if (!transaction.isActive() || !roles.removeCustom(roleId, &dbError)
        || !AuditLog(m_db).append(audit, &dbError) || !transaction.commit(&dbError)) {
        ServiceError::internal(error);
        return false;
    }
    return true;
}

bool PortalRoleService::setNewContactsRole(qint64 roleId, const Actor &actor, ServiceError *error)
{
    if (!StaffAccess::require(m_db, actor, StaffPermission::ManagePortalAccess, error)) {
        return false;
    }
    PortalRoleRepository roles(m_db);
    QString dbError;
    const std::optional<Workspace> workspace = DirectoryRepository(m_db).workspace(&dbError);
    const std::optional<PortalRole> role = roles.role(roleId, &dbError);
    const std::optional<PortalRole> current = roles.newContactsRole(&dbError);
    if (!dbError.isEmpty() || !workspace) {
        ServiceError::internal(error);
        return false;
    }
    if (!role) {
        ServiceError::set(error, ServiceError::Kind::NotFound, tr("No such role."));
        return false;
    }
    if (current && current->id == role->id) {
        return true;
    }
    const qint64 now = m_clock.nowMs();
    const AuditEvent audit
        = AuditEvent::make(workspace->id, now, actor, QStringLiteral("role.default_changed"),
                           AuditEvent::subjectOf("workspace", workspace->id),
                           QStringLiteral("New contacts get the portal role %1").arg(role->name));
    Transaction transaction(m_db);
    if (!transaction.isActive() || !roles.setNewContactsRole(workspace->id, roleId, &dbError)
        || !AuditLog(m_db).append(audit, &dbError) || !transaction.commit(&dbError)) {
        ServiceError::internal(error);
        return false;
    }
    return true;
}

} // namespace Gatehouse
