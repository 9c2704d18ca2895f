#include "InviteService.h"

#include "core/Clock.h"
#include "mail/MailComposer.h"
#include "mail/OutboxRepository.h"
#include "security/AuditLog.h"
#include "security/StaffAccess.h"
#include "security/Tokens.h"
#include "storage/AccessRepository.h"
#include "storage/ActivityRepository.h"
#include "storage/DirectoryRepository.h"
#include "storage/SqlQuery.h"
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
    if (!StaffAccess::require(m_db, actor, StaffPermission::InviteContacts, error)) {
        return std::nullopt;
    }
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
    const qint64 now = m_clock.nowMs();
    QString link;
    qint64 mailId = 0;
    Transaction transaction(m_db);
    if (!transaction.isActive()
        || !queueInvite(*workspace, *contact, actor, sendMail, now, &link, &mailId, &dbError)
        || !transaction.commit(&dbError)) {
        ServiceError::internal(error);
        return std::nullopt;
    }
    return link;
}

bool InviteService::queueInvite(const Workspace &workspace, const Contact &contact,
                                const Actor &actor, bool sendMail, qint64 nowMs, QString *link,
                                qint64 *mailId, QString *dbError)
{
    const QString token = Tokens::generate();
    *link = m_publicUrl + QStringLiteral("/i/") + token;
    AccessRepository access(m_db);
    bool ok = access.revokeInvites(contact.id, nowMs, dbError)
              && access.createInvite(contact.id, Tokens::hash(token), nowMs,
                                     nowMs + kInviteLifetimeMs, dbError);
    if (ok && sendMail) {
        *mailId = OutboxRepository(m_db).enqueue(
            MailComposer::invitation(workspace, contact, *link), nowMs, dbError);
        ok = *mailId != 0;
    }
    ActivityEvent event;
    event.companyId = contact.companyId;
    event.kind = QStringLiteral("invite.sent");
    event.actor = actor.name;
    event.summary
        = QStringLiteral("Invited %1 <%2> to the portal").arg(contact.name, contact.email);
    const AuditEvent audit = AuditEvent::make(
        workspace.id, nowMs, actor, QStringLiteral("invite.sent"),
        AuditEvent::subjectOf("contact", contact.id),
        (sendMail ? QStringLiteral("Invited %1 <%2> to the portal by email")
                  : QStringLiteral("Made an invitation link for %1 <%2> (no email sent)"))
            .arg(contact.name, contact.email));
    return ok && ActivityRepository(m_db).append(workspace.id, event, nowMs, dbError)
           && AuditLog(m_db).append(audit, dbError);
}

// "Uninvited": portal access on, no invitation still usable and no session ever (whoever has
// signed in once has access already and needs no invitation mail).
static const char kUninvited[]
    = "k.portal_access = 1 AND NOT EXISTS (SELECT 1 FROM invite i WHERE i.contact_id = k.id "
      "AND i.revoked_at IS NULL AND i.expires_at > ?) AND NOT EXISTS (SELECT 1 FROM "
      "portal_session s WHERE s.contact_id = k.id)";

std::optional<QList<qint64>> InviteService::uninvitedContacts(qint64 companyId,
                                                              ServiceError *error) const
{
    SqlQuery query(m_db, QStringLiteral("SELECT k.id FROM contact k WHERE k.company_id = ? AND ")
                             + QLatin1String(kUninvited) + QStringLiteral(" ORDER BY k.id"));
    query << companyId << m_clock.nowMs();
    QString dbError;
    if (!query.exec(&dbError)) {
        ServiceError::internal(error);
        return std::nullopt;
    }
    QList<qint64> ids;
    while (query.next()) {
        ids.append(query.int64(0));
    }
    return ids;
}

bool InviteService::isUninvited(qint64 contactId, qint64 nowMs, QString *dbError) const
{
    SqlQuery query(m_db, QStringLiteral("SELECT k.id FROM contact k WHERE k.id = ? AND ")
                             + QLatin1String(kUninvited));
    query << contactId << nowMs;
    return query.exec(dbError) && query.next();
}

std::optional<int> InviteService::inviteBatch(const QList<qint64> &contactIds, const Actor &actor,
                                              ServiceError *error, QList<qint64> *outboxIds)
{
    if (!StaffAccess::require(m_db, actor, StaffPermission::InviteContacts, error)) {
        return std::nullopt;
    }
    DirectoryRepository directory(m_db);
    QString dbError;
    const std::optional<Workspace> workspace = directory.workspace(&dbError);
    if (!workspace) {
        ServiceError::internal(error);
        return std::nullopt;
    }
    const qint64 now = m_clock.nowMs();
    Transaction transaction(m_db);
    if (!transaction.isActive()) {
        ServiceError::internal(error);
        return std::nullopt;
    }
    int invited = 0;
    QList<qint64> mailIds;
    for (const qint64 contactId : contactIds) {
        // Checked inside the transaction: someone may have invited them since they were listed.
        const bool uninvited = isUninvited(contactId, now, &dbError);
        if (!dbError.isEmpty()) {
            ServiceError::internal(error);
            return std::nullopt;
        }
        if (!uninvited) {
            continue;
        }
        const std::optional<Contact> contact = directory.contact(contactId, &dbError);
        QString link;
        qint64 mailId = 0;
        if (!contact
            || !queueInvite(*workspace, *contact, actor, true, now, &link, &mailId, &dbError)) {
            ServiceError::internal(error);
            return std::nullopt;
        }
        mailIds.append(mailId);
        ++invited;
    }
    if (!transaction.commit(&dbError)) {
        ServiceError::internal(error);
        return std::nullopt;
    }
    if (outboxIds) {
        outboxIds->append(mailIds);
    }
    return invited;
}

bool InviteService::revoke(qint64 contactId, const Actor &actor, ServiceError *error)
{
    if (!StaffAccess::require(m_db, actor, StaffPermission::InviteContacts, error)) {
        return false;
    }
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
