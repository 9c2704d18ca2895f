#include "TaskChange.h"

#include "security/AuditLog.h"
#include "storage/ActivityRepository.h"
#include "storage/OnboardingRepository.h"
#include "storage/SqlQuery.h"

namespace Gatehouse::TaskChange {

std::optional<Task> taskForStaff(const Database &db, qint64 taskId, qint64 *companyId,
                                 QString *error)
{
    SqlQuery owner(db,
                   QStringLiteral("SELECT o.company_id FROM task t "
                                  "JOIN onboarding o ON o.id = t.onboarding_id WHERE t.id = ?"));
    owner << taskId;
    if (!owner.exec(error) || !owner.next()) {
        return std::nullopt;
    }
    *companyId = owner.int64(0);
    return OnboardingRepository(db).taskForCompany(taskId, *companyId, error);
}

bool record(const Database &db, qint64 workspaceId, qint64 companyId, const Task &task,
            const Actor &actor, const QString &kind, const QString &summary, qint64 nowMs,
            QString *error)
{
    ActivityEvent event;
    event.companyId = companyId;
    event.onboardingId = task.onboardingId;
    event.taskId = task.id;
    event.kind = kind;
    // As elsewhere in the feed: contacts by their email, staff by name.
    event.actor = actor.kind == Actor::Kind::Contact ? actor.id : actor.name;
    event.summary = summary;
    const AuditEvent audit = AuditEvent::make(workspaceId, nowMs, actor, kind,
                                              AuditEvent::subjectOf("task", task.id), summary);
    return ActivityRepository(db).append(workspaceId, event, nowMs, error)
           && AuditLog(db).append(audit, error);
}

} // namespace Gatehouse::TaskChange
