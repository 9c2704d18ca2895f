#include "OnboardingService.h"

#include "core/Clock.h"
#include "domain/MeetingSchedule.h"
#include "domain/TrainingSpec.h"
#include "security/AuditLog.h"
#include "security/StaffAccess.h"
#include "storage/ActivityRepository.h"
#include "storage/DirectoryRepository.h"
#include "storage/OnboardingRepository.h"
#include "storage/SqlQuery.h"
#include "storage/TemplateRepository.h"
#include "storage/Transaction.h"

#include <QCoreApplication>

namespace Gatehouse {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Gatehouse::OnboardingService", text);
}

// Which tasks a contact completes with a plain "Mark complete": standard tasks, meetings once
// scheduled, and video trainings. In-person trainings are confirmed by staff; the other kinds
// are completed by providing what they ask for.
bool mayCompleteDirectly(const Task &task, ServiceError *error)
{
    switch (task.evidenceType) {
    case EvidenceType::Standard:
        return true;
    case EvidenceType::Meeting:
        if (!MeetingSchedule::isScheduled(task.config)) {
            ServiceError::set(error, ServiceError::Kind::Conflict,
                              tr("This meeting has not been scheduled yet."));
            return false;
        }
        return true;
    case EvidenceType::Training:
        if (TrainingSpec::isInPerson(task.config)) {
            ServiceError::set(error, ServiceError::Kind::Conflict,
                              tr("This training takes place in person: your provider marks it "
                                 "done once you have attended."));
            return false;
        }
        if (!TrainingSpec::fromConfig(task.config, nullptr)) {
            ServiceError::set(error, ServiceError::Kind::Conflict,
                              tr("This training has not been set up yet."));
            return false;
        }
        return true;
    case EvidenceType::Upload:
    case EvidenceType::Signature:
    case EvidenceType::Credential:
    case EvidenceType::FileDrop:
    case EvidenceType::Form:
    case EvidenceType::Checklist:
    case EvidenceType::Approval:
        break;
    }
    ServiceError::set(error, ServiceError::Kind::Invalid,
                      tr("This task is completed by providing what it asks for."));
    return false;
}

} // namespace

OnboardingService::OnboardingService(const Database &db, const Clock &clock)
    : m_db(db)
    , m_clock(clock)
{}

qint64 OnboardingService::createFromTemplate(qint64 companyId, qint64 templateId,
                                             const QString &name, const QDate &startDate,
                                             const Actor &actor, ServiceError *error)
{
    if (!StaffAccess::require(m_db, actor, StaffPermission::StartOnboardings, error)) {
        return 0;
    }
    QString dbError;
    DirectoryRepository directory(m_db);
    const std::optional<Workspace> workspace = directory.workspace(&dbError);
    const std::optional<Company> company = directory.company(companyId, &dbError);
    const std::optional<OnboardingTemplate> tmpl
        = TemplateRepository(m_db).get(templateId, &dbError);
    if (!workspace || !company || !tmpl) {
        ServiceError::set(error, ServiceError::Kind::NotFound,
                          !company ? tr("Choose a company.") : tr("Choose a template."));
        return 0;
    }
    const QString title
        = name.trimmed().isEmpty() ? tr("Onboarding %1").arg(company->name) : name.trimmed();
    if (title.size() > 200) {
        ServiceError::set(error, ServiceError::Kind::Invalid,
                          tr("The name can be at most 200 characters long."));
        return 0;
    }
    if (!startDate.isValid()) {
        ServiceError::set(error, ServiceError::Kind::Invalid, tr("Choose a start date."));
        return 0;
    }
    // Whoever starts an onboarding answers for it until they hand it on.
    const qint64 owner = actor.kind == Actor::Kind::Staff
                             ? directory.staffIdByEmail(workspace->id, actor.id, &dbError)
                             : 0;
    const qint64 now = m_clock.nowMs();
    Transaction transaction(m_db);
    const qint64 id = transaction.isActive() ? OnboardingRepository(m_db).create(
                          companyId, *tmpl, title, startDate, owner, now, &dbError)
                                             : 0;
    ActivityEvent event;
    event.companyId = companyId;
    event.onboardingId = id;
    event.kind = QStringLiteral("onboarding.created");
    event.actor = actor.name;
    event.summary
        = QStringLiteral("Created onboarding \"%1\" from template \"%2\"").arg(title, tmpl->name);
    const AuditEvent audit
        = AuditEvent::make(workspace->id, now, actor, QStringLiteral("onboarding.created"),
                           AuditEvent::subjectOf("onboarding", id),
                           QStringLiteral("Created onboarding \"%1\" for %2 from template \"%3\"")
                               .arg(title, company->name, tmpl->name));
    if (id == 0 || !ActivityRepository(m_db).append(workspace->id, event, now, &dbError)
        || !AuditLog(m_db).append(audit, &dbError) || !transaction.commit(&dbError)) {
        ServiceError::internal(error);
        return 0;
    }
    return id;
}

std::optional<Task> OnboardingService::completeAsContact(qint64 taskId, qint64 contactId,
                                                         qint64 companyId, const QString &note,
                                                         const QString &ip, ServiceError *error)
{
    if (note.size() > kMaxNoteLength) {
        ServiceError::set(error, ServiceError::Kind::Invalid,
                          tr("The note can be at most 2000 characters long."));
        return std::nullopt;
    }
    QString dbError;
    DirectoryRepository directory(m_db);
    OnboardingRepository onboardings(m_db);
    const std::optional<Workspace> workspace = directory.workspace(&dbError);
    const std::optional<Contact> contact = directory.contact(contactId, &dbError);
    const std::optional<Task> task = onboardings.taskForCompany(taskId, companyId, &dbError);
    if (!dbError.isEmpty() || !workspace || !contact) {
        ServiceError::internal(error);
        return std::nullopt;
    }
    if (!task) {
        ServiceError::set(error, ServiceError::Kind::NotFound, tr("There is no such task."));
        return std::nullopt;
    }
    if (task->ownerSide != OwnerSide::Client) {
        ServiceError::set(error, ServiceError::Kind::Invalid,
                          tr("This task is done by %1, not by you.").arg(workspace->name));
        return std::nullopt;
    }
    if (!mayCompleteDirectly(*task, error)) {
        return std::nullopt;
    }
    if (task->status == TaskStatus::Completed) {
        ServiceError::set(error, ServiceError::Kind::Conflict,
                          tr("This task is already completed."));
        return std::nullopt;
    }
    const qint64 now = m_clock.nowMs();
    Transaction transaction(m_db);
    const int changed
        = transaction.isActive()
              ? onboardings.setTaskStatus(taskId, companyId, TaskStatus::Completed, contact->name,
                                          note.trimmed(), now, &dbError)
              : -1;
    if (changed == 0) {
        ServiceError::set(error, ServiceError::Kind::Conflict,
                          tr("This task is already completed."));
        return std::nullopt;
    }
    ActivityEvent event;
    event.companyId = companyId;
    event.onboardingId = task->onboardingId;
    event.taskId = taskId;
    event.kind = QStringLiteral("task.completed");
    event.actor = contact->email;
    event.summary = QStringLiteral("%1 completed \"%2\"").arg(contact->name, task->title);
    const AuditEvent audit = AuditEvent::make(
        workspace->id, now, Actor::contact(*contact, ip), QStringLiteral("task.completed"),
        AuditEvent::subjectOf("task", taskId),
        (note.trimmed().isEmpty() ? QStringLiteral("%1 completed \"%2\"")
                                  : QStringLiteral("%1 completed \"%2\" with a note"))
            .arg(contact->name, task->title));
    if (changed < 0 || !ActivityRepository(m_db).append(workspace->id, event, now, &dbError)
        || !AuditLog(m_db).append(audit, &dbError) || !transaction.commit(&dbError)) {
        ServiceError::internal(error);
        return std::nullopt;
    }
    return onboardings.taskForCompany(taskId, companyId, &dbError);
}

bool OnboardingService::setStatusAsStaff(qint64 taskId, TaskStatus status, const Actor &actor,
                                         ServiceError *error)
{
    if (!StaffAccess::require(m_db, actor, StaffPermission::WorkOnboardings, error)) {
        return false;
    }
    QString dbError;
    SqlQuery owner(m_db, QStringLiteral("SELECT o.company_id, o.id, t.title, t.status FROM task t "
                                        "JOIN onboarding o ON o.id = t.onboarding_id "
                                        "WHERE t.id = ?"));
    owner << taskId;
    if (!owner.exec(&dbError) || !owner.next()) {
        ServiceError::set(error, ServiceError::Kind::NotFound, tr("There is no such task."));
        return false;
    }
    const qint64 companyId = owner.int64(0);
    const std::optional<Workspace> workspace = DirectoryRepository(m_db).workspace(&dbError);
    if (!workspace) {
        ServiceError::internal(error);
        return false;
    }
    const qint64 now = m_clock.nowMs();
    Transaction transaction(m_db);
    const int changed = transaction.isActive() ? OnboardingRepository(m_db).setTaskStatus(
                            taskId, companyId, status, actor.name, QString(), now, &dbError)
                                               : -1;
    if (changed == 0) {
        return true; // already in that status
    }
    ActivityEvent event;
    event.companyId = companyId;
    event.onboardingId = owner.int64(1);
    event.taskId = taskId;
    event.kind = QStringLiteral("task.status");
    event.actor = actor.name;
    event.summary
        = QStringLiteral("%1 set \"%2\" to %3").arg(actor.name, owner.text(2), toKey(status));
    const AuditEvent audit
        = AuditEvent::make(workspace->id, now, actor, QStringLiteral("task.status"),
                           AuditEvent::subjectOf("task", taskId),
                           QStringLiteral("%1 set \"%2\" from %3 to %4")
                               .arg(actor.name, owner.text(2), owner.text(3), toKey(status)));
    if (changed < 0 || !ActivityRepository(m_db).append(workspace->id, event, now, &dbError)
        || !AuditLog(m_db).append(audit, &dbError) || !transaction.commit(&dbError)) {
        ServiceError::internal(error);
        return false;
    }
    return true;
}

} // namespace Gatehouse
