#include "ContactService.h"

#include "core/Clock.h"
#include "security/AuditLog.h"
#include "security/StaffAccess.h"
#include "storage/ActivityRepository.h"
#include "storage/DirectoryRepository.h"
#include "storage/Transaction.h"

#include <QCoreApplication>

namespace Gatehouse {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Gatehouse::ContactService", text);
}

} // namespace

ContactService::ContactService(const Database &db, const Clock &clock)
    : m_db(db)
    , m_clock(clock)
{}

qint64 ContactService::addCompany(const QString &name, const Actor &actor, ServiceError *error)
{
    if (!StaffAccess::require(m_db, actor, StaffPermission::InviteContacts, error)) {
        return 0;
    }
    DirectoryRepository directory(m_db);
    QString dbError;
    const std::optional<Workspace> workspace = directory.workspace(&dbError);
    Transaction transaction(m_db);
    if (!workspace || !transaction.isActive()) {
        ServiceError::internal(error);
        return 0;
    }
    const qint64 now = m_clock.nowMs();
    QString refusal;
    const qint64 id = directory.createCompany(workspace->id, name, now, &refusal);
    if (id == 0) {
        // The repository's sentence names what is wrong with the name.
        ServiceError::set(error, ServiceError::Kind::Invalid,
                          refusal.isEmpty() ? tr("The company could not be added.") : refusal);
        return 0;
    }
    ActivityEvent event;
    event.companyId = id;
    event.kind = QStringLiteral("company.created");
    event.actor = actor.name;
    event.summary = QStringLiteral("Added the company %1").arg(name.trimmed());
    const AuditEvent audit
        = AuditEvent::make(workspace->id, now, actor, QStringLiteral("company.created"),
                           AuditEvent::subjectOf("company", id), event.summary);
    if (!ActivityRepository(m_db).append(workspace->id, event, now, &dbError)
        || !AuditLog(m_db).append(audit, &dbError) || !transaction.commit(&dbError)) {
        ServiceError::internal(error);
        return 0;
    }
    return id;
}

qint64 ContactService::addContact(qint64 companyId, const QString &name, const QString &email,
                                  const Actor &actor, ServiceError *error)
{
    if (!StaffAccess::require(m_db, actor, StaffPermission::InviteContacts, error)) {
        return 0;
    }
    DirectoryRepository directory(m_db);
    QString dbError;
    const std::optional<Workspace> workspace = directory.workspace(&dbError);
    const std::optional<Company> company = directory.company(companyId, &dbError);
    if (!workspace || !dbError.isEmpty()) {
        ServiceError::internal(error);
        return 0;
    }
    if (!company || company->workspaceId != workspace->id) {
        ServiceError::set(error, ServiceError::Kind::NotFound, tr("There is no such company."));
        return 0;
    }
    Transaction transaction(m_db);
    if (!transaction.isActive()) {
        ServiceError::internal(error);
        return 0;
    }
    const qint64 now = m_clock.nowMs();
    QString refusal;
    const qint64 id = directory.createContact(companyId, name, email, now, &refusal);
    if (id == 0) {
        ServiceError::set(error, ServiceError::Kind::Invalid,
                          refusal.isEmpty() ? tr("The contact could not be added.") : refusal);
        return 0;
    }
    const QString address = DirectoryRepository::normalisedEmail(email);
    ActivityEvent event;
    event.companyId = companyId;
    event.kind = QStringLiteral("contact.created");
    event.actor = actor.name;
    event.summary = QStringLiteral("Added the contact %1 <%2>").arg(name.trimmed(), address);
    const AuditEvent audit
        = AuditEvent::make(workspace->id, now, actor, QStringLiteral("contact.created"),
                           AuditEvent::subjectOf("contact", id),
                           QStringLiteral("Added the contact %1 <%2> to %3")
                               .arg(name.trimmed(), address, company->name));
    if (!ActivityRepository(m_db).append(workspace->id, event, now, &dbError)
        || !AuditLog(m_db).append(audit, &dbError) || !transaction.commit(&dbError)) {
        ServiceError::internal(error);
        return 0;
    }
    return id;
}

} // namespace Gatehouse
