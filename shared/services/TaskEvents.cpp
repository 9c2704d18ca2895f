#include "TaskEvents.h"

#include "core/Clock.h"
#include "security/AuditLog.h"
#include "security/StaffAccess.h"
#include "storage/ActivityRepository.h"
#include "storage/DirectoryRepository.h"
#include "storage/OnboardingRepository.h"
#include "storage/Transaction.h"

#include <QCoreApplication>

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

bool saveTaskSettings(const Database &db, const Clock &clock, qint64 taskId, EvidenceType kind,
                      const QString &wrongKind, const QJsonObject &settings, const Actor &actor,
                      const QString &eventKind, const std::function<QString(const Task &)> &summary,
                      ServiceError *error)
{
    if (!StaffAccess::require(db, actor, StaffPermission::WorkOnboardings, error)) {
        return false;
    }
    QString dbError;
    qint64 companyId = 0;
    const std::optional<Task> task
        = OnboardingRepository(db).taskForStaff(taskId, &companyId, &dbError);
    const std::optional<Workspace> workspace = DirectoryRepository(db).workspace(&dbError);
    if (!task || !workspace) {
        if (dbError.isEmpty()) {
            ServiceError::set(
                error, ServiceError::Kind::NotFound,
                QCoreApplication::translate("Gatehouse::TaskEvents", "There is no such task."));
        } else {
            ServiceError::internal(error);
        }
        return false;
    }
    if (task->evidenceType != kind) {
        ServiceError::set(error, ServiceError::Kind::Invalid, wrongKind);
        return false;
    }
    const qint64 now = clock.nowMs();
    Transaction transaction(db);
    const int changed
        = transaction.isActive()
              ? OnboardingRepository(db).mergeTaskConfig(taskId, settings, now, &dbError)
              : -1;
    if (changed != 1
        || !recordTaskEvent(db, workspace->id, companyId, *task, eventKind, actor, summary(*task),
                            QString(), now, &dbError)
        || !transaction.commit(&dbError)) {
        ServiceError::internal(error);
        return false;
    }
    return true;
}

} // namespace Gatehouse
