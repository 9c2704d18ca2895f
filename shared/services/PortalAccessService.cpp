#include "PortalAccessService.h"

#include "core/Clock.h"
#include "security/AuditLog.h"
#include "storage/AccessRepository.h"
#include "storage/ActivityRepository.h"
#include "storage/DirectoryRepository.h"
#include "storage/Transaction.h"

#include <QCoreApplication>

namespace Gatehouse {

PortalAccessService::PortalAccessService(const Database &db, const Clock &clock)
    : m_db(db)
    , m_clock(clock)
{}

bool PortalAccessService::setContactAccess(qint64 contactId, bool on, const Actor &actor,
                                           ServiceError *error)
{
    DirectoryRepository directory(m_db);
    QString dbError;
    const std::optional<Workspace> workspace = directory.workspace(&dbError);
    const std::optional<Contact> contact = directory.contact(contactId, &dbError);
    if (!dbError.isEmpty() || !workspace) {
        ServiceError::internal(error);
        return false;
    }
    if (!contact) {
        ServiceError::set(
            error, ServiceError::Kind::NotFound,
            QCoreApplication::translate("Gatehouse::PortalAccess", "No such contact."));
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
    DirectoryRepository directory(m_db);
    QString dbError;
    const std::optional<Workspace> workspace = directory.workspace(&dbError);
    if (!workspace) {
        ServiceError::internal(error);
        return false;
    }
    if (workspace->newContactsPortalAccess == on) {
        return true;
    }
    const qint64 now = m_clock.nowMs();
    const AuditEvent audit = AuditEvent::make(
        workspace->id, now, actor, QStringLiteral("access.default_changed"),
        AuditEvent::subjectOf("workspace", workspace->id),
        on ? QStringLiteral("New contacts get portal access")
           : QStringLiteral("New contacts get no portal access until it is turned on"));
    Transaction transaction(m_db);
    if (!transaction.isActive()
        || !directory.setNewContactsPortalAccess(workspace->id, on, &dbError)
        || !AuditLog(m_db).append(audit, &dbError) || !transaction.commit(&dbError)) {
        ServiceError::internal(error);
        return false;
    }
    return true;
}

bool PortalAccessService::setRequireContactTotp(bool on, const Actor &actor, ServiceError *error)
{
    DirectoryRepository directory(m_db);
    QString dbError;
    const std::optional<Workspace> workspace = directory.workspace(&dbError);
    if (!workspace) {
        ServiceError::internal(error);
        return false;
    }
    if (workspace->requireContactTotp == on) {
        return true;
    }
    const qint64 now = m_clock.nowMs();
    const AuditEvent audit = AuditEvent::make(
        workspace->id, now, actor, QStringLiteral("totp.requirement_changed"),
        AuditEvent::subjectOf("workspace", workspace->id),
        on ? QStringLiteral("Contacts must sign in to the portal with an authenticator app")
           : QStringLiteral("Contacts may choose whether to use an authenticator app"));
    Transaction transaction(m_db);
    if (!transaction.isActive() || !directory.setRequireContactTotp(workspace->id, on, &dbError)
        || !AuditLog(m_db).append(audit, &dbError) || !transaction.commit(&dbError)) {
        ServiceError::internal(error);
        return false;
    }
    return true;
}

} // namespace Gatehouse
