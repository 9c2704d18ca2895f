#include "StaffOwnerService.h"

#include "core/Clock.h"
#include "security/AuditLog.h"
#include "security/StaffAccess.h"
#include "storage/ActivityRepository.h"
#include "storage/DirectoryRepository.h"
#include "storage/OnboardingRepository.h"
#include "storage/SqlQuery.h"
#include "storage/Transaction.h"

#include <QCoreApplication>

namespace Gatehouse {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Gatehouse::StaffOwnerService", text);
}

} // namespace

StaffOwnerService::StaffOwnerService(const Database &db, const Clock &clock)
    : m_db(db)
    , m_clock(clock)
{}

bool StaffOwnerService::assignTask(qint64 taskId, qint64 staffId, const Actor &actor,
                                   ServiceError *error)
{
    if (!StaffAccess::require(m_db, actor, StaffPermission::WorkOnboardings, error)) {
        return false;
    }
    QString dbError;
    qint64 companyId = 0;
    OnboardingRepository onboardings(m_db);
    DirectoryRepository directory(m_db);
    const std::optional<Task> task = onboardings.taskForStaff(taskId, &companyId, &dbError);
    const std::optional<Workspace> workspace = directory.workspace(&dbError);
    const std::optional<StaffMember> owner
        = staffId == 0 ? std::nullopt : directory.staff(staffId, &dbError);
    if (!dbError.isEmpty() || !workspace) {
        ServiceError::internal(error);
        return false;
    }
    if (!task) {
        ServiceError::set(error, ServiceError::Kind::NotFound, tr("There is no such task."));
        return false;
    }
    if (staffId != 0 && (!owner || owner->workspaceId != workspace->id)) {
        ServiceError::set(error, ServiceError::Kind::NotFound,
                          tr("There is no such member of staff."));
        return false;
    }
    if (task->staffOwnerId == staffId) {
        return true; // nothing to change, nothing to record
    }
    const qint64 now = m_clock.nowMs();
    const QString summary = owner
                                ? QStringLiteral("%1 made %2 the owner of \"%3\"")
                                      .arg(actor.name, owner->name, task->title)
                                : QStringLiteral("%1 handed \"%2\" back to the onboarding's owner")
                                      .arg(actor.name, task->title);
    ActivityEvent event;
    event.companyId = companyId;
    event.onboardingId = task->onboardingId;
    event.taskId = taskId;
    event.kind = QStringLiteral("task.assigned");
    event.actor = actor.name;
    event.summary = summary;
    const AuditEvent audit
        = AuditEvent::make(workspace->id, now, actor, QStringLiteral("task.assigned"),
                           AuditEvent::subjectOf("task", taskId), summary);
    Transaction transaction(m_db);
    if (!transaction.isActive() || onboardings.setTaskOwner(taskId, staffId, now, &dbError) != 1
        || !ActivityRepository(m_db).append(workspace->id, event, now, &dbError)
        || !AuditLog(m_db).append(audit, &dbError) || !transaction.commit(&dbError)) {
        ServiceError::internal(error);
        return false;
    }
    return true;
}

bool StaffOwnerService::assignOnboarding(qint64 onboardingId, qint64 staffId, const Actor &actor,
                                         ServiceError *error)
{
    if (!StaffAccess::require(m_db, actor, StaffPermission::WorkOnboardings, error)) {
        return false;
    }
    QString dbError;
    OnboardingRepository onboardings(m_db);
    DirectoryRepository directory(m_db);
    const std::optional<Onboarding> onboarding = onboardings.get(onboardingId, &dbError);
    const std::optional<Workspace> workspace = directory.workspace(&dbError);
    const std::optional<StaffMember> owner = directory.staff(staffId, &dbError);
    if (!workspace || (!dbError.isEmpty() && onboarding)) {
        ServiceError::internal(error);
        return false;
    }
    if (!onboarding) {
        ServiceError::set(error, ServiceError::Kind::NotFound, tr("There is no such onboarding."));
        return false;
    }
    if (!owner || owner->workspaceId != workspace->id) {
        ServiceError::set(error, ServiceError::Kind::Invalid, tr("Choose a member of staff."));
        return false;
    }
    if (onboarding->ownerStaffId == staffId) {
        return true;
    }
    const qint64 now = m_clock.nowMs();
    const QString summary = QStringLiteral("%1 made %2 the owner of onboarding \"%3\"")
                                .arg(actor.name, owner->name, onboarding->name);
    ActivityEvent event;
    event.companyId = onboarding->companyId;
    event.onboardingId = onboardingId;
    event.kind = QStringLiteral("onboarding.assigned");
    event.actor = actor.name;
    event.summary = summary;
    const AuditEvent audit
        = AuditEvent::make(workspace->id, now, actor, QStringLiteral("onboarding.assigned"),
                           AuditEvent::subjectOf("onboarding", onboardingId), summary);
    Transaction transaction(m_db);
    if (!transaction.isActive()
        || onboardings.setOnboardingOwner(onboardingId, staffId, &dbError) != 1
        || !ActivityRepository(m_db).append(workspace->id, event, now, &dbError)
        || !AuditLog(m_db).append(audit, &dbError) || !transaction.commit(&dbError)) {
        ServiceError::internal(error);
        return false;
    }
    return true;
}

QList<StaffMember> StaffOwnerService::forTask(qint64 taskId, QString *error) const
{
    return orEveryone(staffWhere(QStringLiteral("s.id = (SELECT COALESCE(t.owner_staff_id, "
                                                "o.owner_staff_id) FROM task t JOIN onboarding o "
                                                "ON o.id = t.onboarding_id WHERE t.id = ?)"),
                                 {taskId}, error),
                      error);
}

QList<StaffMember> StaffOwnerService::forOnboarding(qint64 onboardingId, qint64 companyId,
                                                    QString *error) const
{
    if (onboardingId == 0) {
        return orEveryone(staffWhere(QStringLiteral("s.id IN (SELECT owner_staff_id FROM "
                                                    "onboarding WHERE company_id = ?)"),
                                     {companyId}, error),
                          error);
    }
    return orEveryone(
        staffWhere(QStringLiteral("s.id IN (SELECT owner_staff_id FROM onboarding WHERE id = ?) "
                                  "OR s.id IN (SELECT owner_staff_id FROM task "
                                  "WHERE onboarding_id = ?)"),
                   {onboardingId, onboardingId}, error),
        error);
}

QList<StaffMember> StaffOwnerService::staffWhere(const QString &condition,
                                                 const QVariantList &values, QString *error) const
{
    SqlQuery query(m_db, QStringLiteral("SELECT s.id, s.workspace_id, s.email, s.name, s.role "
                                        "FROM staff s WHERE ")
                             + condition + QStringLiteral(" ORDER BY s.name, s.id"));
    for (const QVariant &value : values) {
        query << value;
    }
    QList<StaffMember> staff;
    if (!query.exec(error)) {
        return staff;
    }
    while (query.next()) {
        staff.append(StaffMember{query.int64(0), query.int64(1), query.text(2), query.text(3),
                                 query.text(4)});
    }
    return staff;
}

QList<StaffMember> StaffOwnerService::orEveryone(QList<StaffMember> owners, QString *error) const
{
    if (!owners.isEmpty() || (error && !error->isEmpty())) {
        return owners;
    }
    return staffWhere(QStringLiteral("1 = 1"), {}, error);
}

} // namespace Gatehouse
