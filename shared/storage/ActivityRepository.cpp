#include "ActivityRepository.h"

#include "CommitOrder.h"
#include "Database.h"
#include "SqlQuery.h"

namespace Gatehouse {

bool ActivityRepository::append(qint64 workspaceId, const ActivityEvent &event, qint64 nowMs,
                                QString *error)
{
    if (!CommitOrder::lock(m_db, error)) {
        return false;
    }
    SqlQuery query(m_db,
                   QStringLiteral("INSERT INTO activity (workspace_id, company_id, onboarding_id, "
                                  "task_id, kind, actor, summary, created_at) "
                                  "VALUES (?, ?, ?, ?, ?, ?, ?, ?)"));
    query << workspaceId << nullable(event.companyId) << nullable(event.onboardingId)
          << nullable(event.taskId) << event.kind << event.actor << event.summary << nowMs;
    if (!query.exec(error)) {
        return false;
    }
    if (m_db.engine() != Engine::Postgres) {
        return true;
    }
    // The payload is the new row's id (lastval(): this session's insert just above). PostgreSQL
    // delivers it only when the transaction commits, so a listener never reads uncommitted rows.
    SqlQuery notify(m_db, QStringLiteral("SELECT pg_notify(?, CAST(lastval() AS TEXT))"));
    notify << QString::fromLatin1(kNotifyChannel);
    return notify.exec(error);
}

qint64 ActivityRepository::latestId(QString *error) const
{
    SqlQuery query(m_db, QStringLiteral("SELECT COALESCE(MAX(id), 0) FROM activity"));
    if (!query.exec(error) || !query.next()) {
        return -1;
    }
    return query.int64(0);
}

QList<ActivityEvent> ActivityRepository::since(qint64 afterId, int limit, QString *error) const
{
    QList<ActivityEvent> events;
    SqlQuery query(m_db, QStringLiteral("SELECT id, company_id, onboarding_id, task_id, kind, "
                                        "actor, summary, created_at FROM activity "
                                        "WHERE id > ? ORDER BY id LIMIT ?"));
    query << afterId << limit;
    if (!query.exec(error)) {
        return events;
    }
    while (query.next()) {
        events.append({query.int64(0), query.int64(1), query.int64(2), query.int64(3),
                       query.text(4), query.text(5), query.text(6), query.int64(7)});
    }
    return events;
}

} // namespace Gatehouse
