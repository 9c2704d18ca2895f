#include "PortalAccessService.h"

#include "PortalAuthService.h"
#include "core/Clock.h"
#include "security/AuditLog.h"
#include "security/StaffAccess.h"
#include "storage/AccessRepository.h"
#include "storage/ActivityRepository.h"
#include "storage/DirectoryRepository.h"
#include "storage/Transaction.h"

#include <QCoreApplication>

namespace Gatehouse {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Gatehouse::PortalAccess", text);
}

} // namespace

PortalAccessService::PortalAccessService(const Database &db, const Clock &clock)
    : m_db(db)
    , m_clock(clock)
{}

bool PortalAccessService::setContactAccess(qint64 contactId, bool on, const Actor &actor,
                                           ServiceError *error)
{
    if (!StaffAccess::require(m_db, actor, StaffPermission::ManagePortalAccess, error)) {
        return false;
    }
    DirectoryRepository directory(m_db);
    QString dbError;
    const std::optional<Workspace> workspace = directory.workspace(&dbError);
    const std::optional<Contact> contact = directory.contact(contactId, &dbError);
    if (!dbError.isEmpty() || !workspace) {
        ServiceError::internal(error);
        return false;
    }
    if (!contact) {
        ServiceError::set(error, ServiceError::Kind::NotFound, tr("No such contact."));
        return false;
    }
    if (contact->portalAccess == on) {
        return true;
    }
    const qint64 now = m_clock.nowMs();
    const QString action
        = on ? QStringLiteral("access.enabled") : QStringLiteral("access.disabled");
    ActivityEvent event;
    event.companyId = contact->companyId;
    event.kind = action;
    event.actor = actor.name;
    event.summary = (on ? QStringLiteral("Turned portal access on for %1")
                        : QStringLiteral("Turned portal access off for %1"))
                        .arg(contact->email);
    const AuditEvent audit = AuditEvent::make(
        workspace->id, now, actor, action, AuditEvent::subjectOf("contact", contact->id),
        on ? QStringLiteral("Turned portal access on for %1 <%2>")
                 .arg(contact->name, contact->email)
           : QStringLiteral("Turned portal access off for %1 <%2>: invitations, pending sign-ins "
                            "and sessions ended")
                 .arg(contact->name, contact->email));
    Transaction transaction(m_db);
    const bool ok = transaction.isActive() && directory.setPortalAccess(contactId, on, &dbError)
                    && (on || AccessRepository(m_db).revokeAccess(contactId, now, &dbError))
                    && ActivityRepository(m_db).append(workspace->id, event, now, &dbError)
                    && AuditLog(m_db).append(audit, &dbError) && transaction.commit(&dbError);
    if (!ok) {
        ServiceError::internal(error);
        return false;
    }
    return true;
}

bool PortalAccessService::setNewContactsDefault(bool on, const Actor &actor, ServiceError *error)
{
    if (!StaffAccess::require(m_db, actor, StaffPermission::ManageSettings, error)) {
        return false;
    }
    return changeWorkspace(
        [on](const Workspace &workspace) { return workspace.newContactsPortalAccess != on; },
        [on](DirectoryRepository &directory, qint64 workspaceId, QString *dbError) {
            return directory.setNewContactsPortalAccess(workspaceId, on, dbError);
        },
        actor, QStringLiteral("access.default_changed"),
        on ? QStringLiteral("New contacts get portal access")
           : QStringLiteral("New contacts get no portal access until it is turned on"),
        error);
}

bool PortalAccessService::setRequireContactTotp(bool on, const Actor &actor, ServiceError *error)
{
    if (!StaffAccess::require(m_db, actor, StaffPermission::ManageSettings, error)) {
        return false;
    }
    return changeWorkspace(
        [on](const Workspace &workspace) { return workspace.requireContactTotp != on; },
        [on](DirectoryRepository &directory, qint64 workspaceId, QString *dbError) {
            return directory.setRequireContactTotp(workspaceId, on, dbError);
        },
        actor, QStringLiteral("totp.requirement_changed"),
        on ? QStringLiteral("Contacts must sign in to the portal with an authenticator app")
           : QStringLiteral("Contacts may choose whether to use an authenticator app"),
        error);
}

bool PortalAccessService::setLifetimes(int codeMinutes, int sessionHours, const Actor &actor,
                                       ServiceError *error)
{
    if (!StaffAccess::require(m_db, actor, StaffPermission::ManageSettings, error)) {
        return false;
    }
    if (codeMinutes < PortalAuthService::kMinCodeMinutes
        || codeMinutes > PortalAuthService::kMaxCodeMinutes) {
        ServiceError::set(error, ServiceError::Kind::Invalid,
                          tr("A sign-in code must last between %1 and %2 minutes.")
                              .arg(PortalAuthService::kMinCodeMinutes)
                              .arg(PortalAuthService::kMaxCodeMinutes));
        return false;
    }
    if (sessionHours < PortalAuthService::kMinSessionHours
        || sessionHours > PortalAuthService::kMaxSessionHours) {
        ServiceError::set(error, ServiceError::Kind::Invalid,
                          tr("A portal session must last between %1 and %2 hours.")
                              .arg(PortalAuthService::kMinSessionHours)
                              .arg(PortalAuthService::kMaxSessionHours));
        return false;
    }
    return changeWorkspace(
        [=](const Workspace &workspace) {
            return workspace.codeLifetimeMinutes != codeMinutes
                   || workspace.sessionLifetimeHours != sessionHours;
        },
        [=](DirectoryRepository &directory, qint64 workspaceId, QString *dbError) {
            return directory.setLifetimes(workspaceId, codeMinutes, sessionHours, dbError);
        },
        actor, QStringLiteral("access.lifetimes_changed"),
        QStringLiteral("Sign-in codes last %1 minutes; portal sessions end %2 hours after their "
                       "last use")
            .arg(codeMinutes)
            .arg(sessionHours),
        error);
}

bool PortalAccessService::changeWorkspace(
    const std::function<bool(const Workspace &)> &differs,
    const std::function<bool(DirectoryRepository &, qint64, QString *)> &write, const Actor &actor,
    const QString &kind, const QString &summary, ServiceError *error)
{
    DirectoryRepository directory(m_db);
    QString dbError;
    const std::optional<Workspace> workspace = directory.workspace(&dbError);
    if (!workspace) {
        ServiceError::internal(error);
        return false;
    }
    if (!differs(*workspace)) {
        return true;
    }
    const AuditEvent audit
        = AuditEvent::make(workspace->id, m_clock.nowMs(), actor, kind,
                           AuditEvent::subjectOf("workspace", workspace->id), summary);
    Transaction transaction(m_db);
    if (!transaction.isActive() || !write(directory, workspace->id, &dbError)
        || !AuditLog(m_db).append(audit, &dbError) || !transaction.commit(&dbError)) {
        ServiceError::internal(error);
        return false;
    }
    return true;
}

} // namespace Gatehouse
