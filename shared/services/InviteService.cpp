#include "InviteService.h"

#include "core/Clock.h"
#include "mail/MailComposer.h"
#include "mail/OutboxRepository.h"
#include "security/AuditLog.h"
#include "security/Tokens.h"
#include "storage/AccessRepository.h"
#include "storage/ActivityRepository.h"
#include "storage/DirectoryRepository.h"
#include "storage/Transaction.h"

#include <QCoreApplication>

namespace Gatehouse {

InviteService::InviteService(const Database &db, const Clock &clock, const QString &publicUrl)
    : m_db(db)
    , m_clock(clock)
    , m_publicUrl(publicUrl)
{
    while (m_publicUrl.endsWith(QLatin1Char('/'))) {
        m_publicUrl.chop(1);
    }
}

std::optional<QString> InviteService::invite(qint64 contactId, const Actor &actor, bool sendMail,
                                             ServiceError *error)
{
    DirectoryRepository directory(m_db);
    QString dbError;
    const std::optional<Workspace> workspace = directory.workspace(&dbError);
    const std::optional<Contact> contact = directory.contact(contactId, &dbError);
    if (!dbError.isEmpty() || !workspace) {
        ServiceError::internal(error);
        return std::nullopt;
    }
    if (!contact) {
        ServiceError::set(error, ServiceError::Kind::NotFound,
                          QCoreApplication::translate("Gatehouse::Invite", "No such contact."));
        return std::nullopt;
    }
    if (!contact->portalAccess) {
        ServiceError::set(
            error, ServiceError::Kind::Conflict,
            QCoreApplication::translate("Gatehouse::Invite", "Portal access is turned off for %1.")
                .arg(contact->name));
        return std::nullopt;
    }
    const QString token = Tokens::generate();
    const QString link = m_publicUrl + QStringLiteral("/i/") + token;
    const qint64 now = m_clock.nowMs();

    Transaction transaction(m_db);
    AccessRepository access(m_db);
    bool ok = transaction.isActive() && access.revokeInvites(contactId, now, &dbError)
              && access.createInvite(contactId, Tokens::hash(token), now, now + kInviteLifetimeMs,
                                     &dbError);
    if (ok && sendMail) {
        ok = OutboxRepository(m_db).enqueue(MailComposer::invitation(*workspace, *contact, link),
                                            now, &dbError)
             != 0;
    }
    ActivityEvent event;
    event.companyId = contact->companyId;
    event.kind = QStringLiteral("invite.sent");
    event.actor = actor.name;
    event.summary
        = QStringLiteral("Invited %1 <%2> to the portal").arg(contact->name, contact->email);
    const AuditEvent audit = AuditEvent::make(
        workspace->id, now, actor, QStringLiteral("invite.sent"),
        AuditEvent::subjectOf("contact", contact->id),
        (sendMail ? QStringLiteral("Invited %1 <%2> to the portal by email")
                  : QStringLiteral("Made an invitation link for %1 <%2> (no email sent)"))
            .arg(contact->name, contact->email));
    ok = ok && ActivityRepository(m_db).append(workspace->id, event, now, &dbError)
         && AuditLog(m_db).append(audit, &dbError) && transaction.commit(&dbError);
    if (!ok) {
        ServiceError::internal(error);
        return std::nullopt;
    }
    return link;
}

bool InviteService::revoke(qint64 contactId, const Actor &actor, ServiceError *error)
{
    DirectoryRepository directory(m_db);
    QString dbError;
    const std::optional<Workspace> workspace = directory.workspace(&dbError);
    const std::optional<Contact> contact = directory.contact(contactId, &dbError);
    if (!workspace || !contact) {
        ServiceError::set(error, ServiceError::Kind::NotFound,
                          QCoreApplication::translate("Gatehouse::Invite", "No such contact."));
        return false;
    }
    const qint64 now = m_clock.nowMs();
    Transaction transaction(m_db);
    ActivityEvent event;
    event.companyId = contact->companyId;
    event.kind = QStringLiteral("access.revoked");
    event.actor = actor.name;
    event.summary = QStringLiteral("Revoked portal access of %1").arg(contact->email);
    const AuditEvent audit = AuditEvent::make(
        workspace->id, now, actor, QStringLiteral("access.revoked"),
        AuditEvent::subjectOf("contact", contact->id),
        QStringLiteral("Revoked the portal access of %1 <%2>: invitations, pending sign-ins and "
                       "sessions ended")
            .arg(contact->name, contact->email));
    if (!transaction.isActive() || !AccessRepository(m_db).revokeAccess(contactId, now, &dbError)
        || !ActivityRepository(m_db).append(workspace->id, event, now, &dbError)
        || !AuditLog(m_db).append(audit, &dbError) || !transaction.commit(&dbError)) {
        ServiceError::internal(error);
        return false;
    }
    return true;
}

} // namespace Gatehouse
