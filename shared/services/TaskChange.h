#pragma once

#include "domain/Actor.h"
#include "domain/Onboarding.h"

#include <QString>

#include <optional>

namespace Gatehouse {

class Database;

// What the task kinds' services (forms, checklists) share.
namespace TaskChange {

// A task of any company, for staff; *companyId gets its company.
std::optional<Task> taskForStaff(const Database &db, qint64 taskId, qint64 *companyId,
                                 QString *error);

// Writes the activity row and the audit event of a change to a task. Call inside the
// transaction of the change, so that all three are committed together.
[[nodiscard]] bool record(const Database &db, qint64 workspaceId, qint64 companyId,
                          const Task &task, const Actor &actor, const QString &kind,
                          const QString &summary, qint64 nowMs, QString *error);

} // namespace TaskChange

} // namespace Gatehouse
