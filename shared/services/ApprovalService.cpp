#include "ApprovalService.h"

#include "TaskEvents.h"
#include "core/Clock.h"
#include "storage/DirectoryRepository.h"
#include "storage/OnboardingRepository.h"
#include "storage/SqlQuery.h"
#include "storage/Transaction.h"

#include <QCoreApplication>

namespace Gatehouse {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Gatehouse::ApprovalService", text);
}

} // namespace

ApprovalService::ApprovalService(const Database &db, const Clock &clock)
    : m_db(db)
    , m_clock(clock)
{}

std::optional<ApprovalDecision>
ApprovalService::decideAsContact(qint64 taskId, qint64 contactId, qint64 companyId, bool approve,
                                 const QString &comment, const QString &ip,
                                 const QString &userAgent, ServiceError *error)
{
    const QString cleanComment = comment.trimmed();
    if (!approve && cleanComment.isEmpty()) {
        ServiceError::set(error, ServiceError::Kind::Invalid,
                          tr("Say what should change, so we can revise it."));
        return std::nullopt;
    }
    if (cleanComment.size() > kMaxCommentLength) {
        ServiceError::set(error, ServiceError::Kind::Invalid,
                          tr("The comment can be at most 2000 characters long."));
        return std::nullopt;
    }
    QString dbError;
    DirectoryRepository directory(m_db);
    const std::optional<Workspace> workspace = directory.workspace(&dbError);
    const std::optional<Contact> contact = directory.contact(contactId, &dbError);
    const std::optional<Task> task
        = OnboardingRepository(m_db).taskForCompany(taskId, companyId, &dbError);
    if (!dbError.isEmpty() || !workspace || !contact) {
        ServiceError::internal(error);
        return std::nullopt;
    }
    if (!task) {
        ServiceError::set(error, ServiceError::Kind::NotFound, tr("There is no such task."));
        return std::nullopt;
    }
    if (task->evidenceType != EvidenceType::Approval || task->ownerSide != OwnerSide::Client) {
        ServiceError::set(error, ServiceError::Kind::Invalid,
                          tr("This task does not ask for your approval."));
        return std::nullopt;
    }
    if (task->status == TaskStatus::Completed || task->status == TaskStatus::Blocked) {
        ServiceError::set(error, ServiceError::Kind::Conflict,
                          task->status == TaskStatus::Completed
                              ? tr("This has been approved already.")
                              : tr("You asked for changes; we will ask again once they are "
                                   "made."));
        return std::nullopt;
    }
    ApprovalDecision decision{
        0, taskId, contact->name, approve, cleanComment, ip, userAgent.left(512), m_clock.nowMs()};
    Transaction transaction(m_db);
    SqlQuery insert(m_db, QStringLiteral("INSERT INTO task_decision (task_id, contact_id, "
                                         "decision, comment, ip, user_agent, created_at) "
                                         "VALUES (?, ?, ?, ?, ?, ?, ?)"));
    insert << taskId << contactId
           << (approve ? QStringLiteral("approved") : QStringLiteral("rejected"))
           << decision.comment << ip << decision.userAgent << decision.createdAtMs;
    const int changed
        = transaction.isActive() && insert.exec(&dbError)
              ? OnboardingRepository(m_db).setTaskStatus(
                  taskId, companyId, approve ? TaskStatus::Completed : TaskStatus::Blocked,
                  contact->name, decision.comment, decision.createdAtMs, &dbError)
              : -1;
    const QString summary = (approve ? QStringLiteral("%1 approved \"%2\"")
                                     : QStringLiteral("%1 asked for changes to \"%2\""))
                                .arg(contact->name, task->title);
    if (changed == 0) {
        ServiceError::set(error, ServiceError::Kind::Conflict,
                          tr("This has been answered already."));
        return std::nullopt;
    }
    if (changed < 0
        || !recordTaskEvent(
            m_db, workspace->id, companyId, *task,
            approve ? QStringLiteral("approval.approved") : QStringLiteral("approval.rejected"),
            Actor::contact(*contact, ip), summary, QString(), decision.createdAtMs, &dbError)
        || !transaction.commit(&dbError)) {
        ServiceError::internal(error);
        return std::nullopt;
    }
    return decision;
}

std::optional<QList<ApprovalDecision>> ApprovalService::decisions(qint64 taskId, qint64 companyId,
                                                                  ServiceError *error) const
{
    QString dbError;
    const qint64 owner = OnboardingRepository(m_db).companyOfTask(taskId, &dbError);
    if (owner == 0 || (companyId != 0 && owner != companyId)) {
        if (dbError.isEmpty()) {
            ServiceError::set(error, ServiceError::Kind::NotFound, tr("There is no such task."));
        } else {
            ServiceError::internal(error);
        }
        return std::nullopt;
    }
    SqlQuery query(m_db, QStringLiteral("SELECT d.id, d.task_id, COALESCE(c.name, ''), "
                                        "d.decision, d.comment, d.ip, d.user_agent, d.created_at "
                                        "FROM task_decision d LEFT JOIN contact c "
                                        "ON c.id = d.contact_id WHERE d.task_id = ? "
                                        "ORDER BY d.created_at DESC, d.id DESC"));
    query << taskId;
    if (!query.exec(&dbError)) {
        ServiceError::internal(error);
        return std::nullopt;
    }
    QList<ApprovalDecision> list;
    while (query.next()) {
        list.append({query.int64(0), query.int64(1), query.text(2),
                     query.text(3) == QLatin1String("approved"), query.text(4), query.text(5),
                     query.text(6), query.int64(7)});
    }
    return list;
}

} // namespace Gatehouse
