#pragma once

#include "domain/Actor.h"
#include "domain/Onboarding.h"

#include <QString>

namespace Gatehouse {

class Database;

// What happened to a task, written to the activity feed (which the console follows) and the
// audit trail. Call it inside the transaction of the change, so both appear with it or not at
// all. detail: the audit trail's sentence; empty means the same as summary.
[[nodiscard]] bool recordTaskEvent(const Database &db, qint64 workspaceId, qint64 companyId,
                                   const Task &task, const QString &kind, const Actor &actor,
                                   const QString &summary, const QString &detail, qint64 nowMs,
                                   QString *error);

} // namespace Gatehouse
