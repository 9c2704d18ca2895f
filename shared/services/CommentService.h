#pragma once

#include "core/ServiceError.h"
#include "domain/Actor.h"
#include "domain/TaskComment.h"

#include <QList>
#include <QString>

#include <optional>

namespace Gatehouse {

class Clock;
class Database;

// The thread on each task (ONB-9): contacts and staff write to it; staff may also leave
// internal notes, which only the console ever reads.
class CommentService
{
public:
    CommentService(const Database &db, const Clock &clock);

    static constexpr int kMaxLength = 4000;

    std::optional<TaskComment> addAsContact(qint64 taskId, qint64 contactId, qint64 companyId,
                                            const QString &body, const QString &ip,
                                            ServiceError *error);
    std::optional<TaskComment> addAsStaff(qint64 taskId, const QString &body, bool internal,
                                          const Actor &actor, ServiceError *error);
    // The thread as the task's company sees it: never an internal note. NotFound for a task
    // of another company.
    std::optional<QList<TaskComment>> forCompany(qint64 taskId, qint64 companyId,
                                                 ServiceError *error) const;
    // Everything, internal notes included, for the console.
    QList<TaskComment> forStaff(qint64 taskId, QString *error) const;

private:
    std::optional<TaskComment> add(qint64 taskId, qint64 companyId, TaskComment comment,
                                   const Actor &actor, ServiceError *error);

    const Database &m_db;
    const Clock &m_clock;
};

} // namespace Gatehouse
