#include "ChecklistService.h"

#include "TaskEvents.h"
#include "core/Clock.h"
#include "security/StaffAccess.h"
#include "storage/ChecklistRepository.h"
#include "storage/DirectoryRepository.h"
#include "storage/OnboardingRepository.h"
#include "storage/Transaction.h"

#include <QCoreApplication>
#include <QHash>

namespace Gatehouse {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Gatehouse::ChecklistService", text);
}

bool isChecklist(const Task &task, ServiceError *error)
{
    if (task.evidenceType != EvidenceType::Checklist) {
        ServiceError::set(error, ServiceError::Kind::Invalid, tr("This task is not a checklist."));
        return false;
    }
    return true;
}

} // namespace

int ChecklistState::tickedCount() const
{
    return int(std::count_if(items.begin(), items.end(),
                             [](const ChecklistItemState &item) { return item.ticked; }));
}

ChecklistService::ChecklistService(const Database &db, const Clock &clock)
    : m_db(db)
    , m_clock(clock)
{}

std::optional<ChecklistState> ChecklistService::state(const Task &task, ServiceError *error) const
{
    if (!isChecklist(task, error)) {
        return std::nullopt;
    }
    QString why;
    const std::optional<ChecklistDefinition> definition
        = ChecklistDefinition::fromConfig(task.config, &why);
    if (!definition) {
        ServiceError::set(error, ServiceError::Kind::Conflict,
                          tr("This checklist cannot be used yet: %1").arg(why));
        return std::nullopt;
    }
    QString dbError;
    QHash<QString, ChecklistTick> ticks;
    for (const ChecklistTick &tick : ChecklistRepository(m_db).current(task.id, &dbError)) {
        ticks.insert(tick.itemId, tick);
    }
    if (!dbError.isEmpty()) {
        ServiceError::internal(error);
        return std::nullopt;
    }
    ChecklistState state;
    state.task = task;
    for (const ChecklistItem &item : definition->items) {
        ChecklistItemState itemState;
        itemState.item = item;
        if (const auto found = ticks.constFind(item.id); found != ticks.constEnd()) {
            itemState.ticked = found->ticked;
            itemState.byKind = found->actorKind;
            itemState.byName = found->actorName;
            itemState.atMs = found->atMs;
        }
        state.items.append(itemState);
    }
    return state;
}

bool ChecklistService::setItems(qint64 taskId, const ChecklistDefinition &definition,
                                const Actor &actor, ServiceError *error)
{
    QString why;
    if (!definition.check(&why)) {
        ServiceError::set(error, ServiceError::Kind::Invalid, why);
        return false;
    }
    // Activity and audit text is stored, so it stays in English like the rest of the feed.
    return saveTaskSettings(
        m_db, m_clock, taskId, EvidenceType::Checklist, tr("This task is not a checklist."),
        definition.toConfig(), actor, QStringLiteral("checklist.defined"),
        [&](const Task &task) {
            return QStringLiteral("%1 set the items of \"%2\" (%3 items)")
                .arg(actor.name, task.title)
                .arg(definition.items.size());
        },
        error);
}

std::optional<ChecklistState> ChecklistService::stateForStaff(qint64 taskId,
                                                              ServiceError *error) const
{
    QString dbError;
    qint64 companyId = 0;
    const std::optional<Task> task
        = OnboardingRepository(m_db).taskForStaff(taskId, &companyId, &dbError);
    if (!task) {
        if (dbError.isEmpty()) {
            ServiceError::set(error, ServiceError::Kind::NotFound, tr("There is no such task."));
        } else {
            ServiceError::internal(error);
        }
        return std::nullopt;
    }
    return state(*task, error);
}

std::optional<ChecklistState> ChecklistService::stateForContact(qint64 taskId, qint64 companyId,
                                                                ServiceError *error) const
{
    QString dbError;
    const std::optional<Task> task
        = OnboardingRepository(m_db).taskForCompany(taskId, companyId, &dbError);
    if (!dbError.isEmpty()) {
        ServiceError::internal(error);
        return std::nullopt;
    }
    if (!task) {
        ServiceError::set(error, ServiceError::Kind::NotFound, tr("There is no such task."));
        return std::nullopt;
    }
    return state(*task, error);
}

std::optional<ChecklistState> ChecklistService::tickAsContact(qint64 taskId, const QString &itemId,
                                                              bool ticked, qint64 contactId,
                                                              qint64 companyId, const QString &ip,
                                                              ServiceError *error)
{
    QString dbError;
    DirectoryRepository directory(m_db);
    const std::optional<Workspace> workspace = directory.workspace(&dbError);
    const std::optional<Contact> contact = directory.contact(contactId, &dbError);
    if (!workspace || !contact || contact->companyId != companyId) {
        ServiceError::internal(error);
        return std::nullopt;
    }
    const std::optional<ChecklistState> before = stateForContact(taskId, companyId, error);
    if (!before) {
        return std::nullopt;
    }
    if (before->task.ownerSide != OwnerSide::Client) {
        ServiceError::set(error, ServiceError::Kind::Invalid,
                          tr("This checklist is done by %1, not by you.").arg(workspace->name));
        return std::nullopt;
    }
    if (before->task.status == TaskStatus::Completed) {
        ServiceError::set(error, ServiceError::Kind::Conflict,
                          tr("This checklist is completed and can no longer be changed."));
        return std::nullopt;
    }
    return tick(*before, companyId, workspace->id, itemId, ticked, Actor::contact(*contact, ip),
                error);
}

std::optional<ChecklistState> ChecklistService::tickAsStaff(qint64 taskId, const QString &itemId,
                                                            bool ticked, const Actor &actor,
                                                            ServiceError *error)
{
    if (!StaffAccess::require(m_db, actor, StaffPermission::WorkOnboardings, error)) {
        return std::nullopt;
    }
    QString dbError;
    qint64 companyId = 0;
    const std::optional<Task> task
        = OnboardingRepository(m_db).taskForStaff(taskId, &companyId, &dbError);
    const std::optional<Workspace> workspace = DirectoryRepository(m_db).workspace(&dbError);
    if (!task || !workspace) {
        if (dbError.isEmpty()) {
            ServiceError::set(error, ServiceError::Kind::NotFound, tr("There is no such task."));
        } else {
            ServiceError::internal(error);
        }
        return std::nullopt;
    }
    const std::optional<ChecklistState> before = state(*task, error);
    if (!before) {
        return std::nullopt;
    }
    return tick(*before, companyId, workspace->id, itemId, ticked, actor, error);
}

std::optional<ChecklistState> ChecklistService::tick(const ChecklistState &before, qint64 companyId,
                                                     qint64 workspaceId, const QString &itemId,
                                                     bool ticked, const Actor &actor,
                                                     ServiceError *error)
{
    const auto found = std::find_if(
        before.items.begin(), before.items.end(),
        [&itemId](const ChecklistItemState &item) { return item.item.id == itemId; });
    if (found == before.items.end()) {
        ServiceError::set(error, ServiceError::Kind::NotFound,
                          tr("This checklist has no such item."));
        return std::nullopt;
    }
    if (found->ticked == ticked) {
        return before; // already so: nothing to record
    }
    const int tickedAfter = before.tickedCount() + (ticked ? 1 : -1);
    const bool complete = tickedAfter == before.items.size();
    const TaskStatus status = complete ? TaskStatus::Completed : TaskStatus::InProgress;
    const qint64 now = m_clock.nowMs();
    QString dbError;
    Transaction transaction(m_db);
    ChecklistTick change{itemId, ticked, toKey(actor.kind), actor.name, now};
    const bool appended = transaction.isActive()
                          && ChecklistRepository(m_db).append(before.task.id, change, &dbError);
    // Status only moves with a change, and never from blocked: staff decide about that.
    const int moved
        = !appended || before.task.status == TaskStatus::Blocked
              ? 0
              : OnboardingRepository(m_db).setTaskStatus(before.task.id, companyId, status,
                                                         actor.name, QString(), now, &dbError);
    const QString summary
        = QStringLiteral("%1 %2 \"%3\" in \"%4\" (%5 of %6 done)")
              .arg(actor.name, ticked ? QStringLiteral("ticked") : QStringLiteral("unticked"),
                   found->item.text.left(100), before.task.title)
              .arg(tickedAfter)
              .arg(before.items.size());
    if (!appended || moved < 0
        || !recordTaskEvent(m_db, workspaceId, companyId, before.task,
                            ticked ? QStringLiteral("checklist.ticked")
                                   : QStringLiteral("checklist.unticked"),
                            actor, summary, QString(), now, &dbError)
        || !transaction.commit(&dbError)) {
        ServiceError::internal(error);
        return std::nullopt;
    }
    const std::optional<Task> task
        = OnboardingRepository(m_db).taskForCompany(before.task.id, companyId, &dbError);
    if (!task) {
        ServiceError::internal(error);
        return std::nullopt;
    }
    return state(*task, error);
}

} // namespace Gatehouse
