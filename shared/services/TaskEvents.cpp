#include "TaskEvents.h"

#include "security/AuditLog.h"
#include "storage/ActivityRepository.h"

namespace Gatehouse {

bool recordTaskEvent(const Database &db, qint64 workspaceId, qint64 companyId, const Task &task,
                     const QString &kind, const Actor &actor, const QString &summary,
                     const QString &detail, qint64 nowMs, QString *error)
{
    ActivityEvent event;
    event.companyId = companyId;
    event.onboardingId = task.onboardingId;
    event.taskId = task.id;
    event.kind = kind;
    event.actor = actor.kind == Actor::Kind::Contact ? actor.id : actor.name;
    event.summary = summary;
    const AuditEvent audit
        = AuditEvent::make(workspaceId, nowMs, actor, kind, AuditEvent::subjectOf("task", task.id),
                           detail.isEmpty() ? summary : detail);
    return ActivityRepository(db).append(workspaceId, event, nowMs, error)
           && AuditLog(db).append(audit, error);
}

} // namespace Gatehouse
