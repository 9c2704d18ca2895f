#pragma once

#include "core/ServiceError.h"
#include "domain/Actor.h"
#include "domain/Onboarding.h"

#include <QJsonObject>
#include <QString>

#include <functional>

namespace Gatehouse {

class Clock;
class Database;

// What happened to a task, written to the activity feed (which the console follows) and the
// audit trail. Call it inside the transaction of the change, so both appear with it or not at
// all. detail: the audit trail's sentence; empty means the same as summary.
[[nodiscard]] bool recordTaskEvent(const Database &db, qint64 workspaceId, qint64 companyId,
                                   const Task &task, const QString &kind, const Actor &actor,
                                   const QString &summary, const QString &detail, qint64 nowMs,
                                   QString *error);

// Staff save a kind's settings on a task (a form's questions, a checklist's items): the task
// must exist (NotFound) and be of `kind` (Invalid, with `wrongKind` as the message); `settings`
// are merged into its config and the change recorded, all in one transaction. summary(task)
// is the feed's sentence.
[[nodiscard]] bool saveTaskSettings(const Database &db, const Clock &clock, qint64 taskId,
                                    EvidenceType kind, const QString &wrongKind,
                                    const QJsonObject &settings, const Actor &actor,
                                    const QString &eventKind,
                                    const std::function<QString(const Task &)> &summary,
                                    ServiceError *error);

} // namespace Gatehouse
