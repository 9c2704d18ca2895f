#include "ChecklistRepository.h"

#include "SqlQuery.h"

namespace Gatehouse {

namespace {

QList<ChecklistTick> readTicks(SqlQuery &query)
{
    QList<ChecklistTick> ticks;
    while (query.next()) {
        ticks.append(
            {query.text(0), query.int64(1) != 0, query.text(2), query.text(3), query.int64(4)});
    }
    return ticks;
}

} // namespace

QList<ChecklistTick> ChecklistRepository::current(qint64 taskId, QString *error) const
{
    SqlQuery query(m_db, QStringLiteral("SELECT item_id, ticked, actor_kind, actor_name, "
                                        "created_at FROM checklist_tick c WHERE task_id = ? "
                                        "AND id = (SELECT MAX(id) FROM checklist_tick "
                                        "WHERE task_id = c.task_id AND item_id = c.item_id)"));
    query << taskId;
    if (!query.exec(error)) {
        return {};
    }
    return readTicks(query);
}

QList<ChecklistTick> ChecklistRepository::history(qint64 taskId, QString *error) const
{
    SqlQuery query(m_db, QStringLiteral("SELECT item_id, ticked, actor_kind, actor_name, "
                                        "created_at FROM checklist_tick WHERE task_id = ? "
                                        "ORDER BY id"));
    query << taskId;
    if (!query.exec(error)) {
        return {};
    }
    return readTicks(query);
}

bool ChecklistRepository::append(qint64 taskId, const ChecklistTick &tick, QString *error)
{
    SqlQuery query(m_db, QStringLiteral("INSERT INTO checklist_tick (task_id, item_id, ticked, "
                                        "actor_kind, actor_name, created_at) "
                                        "VALUES (?, ?, ?, ?, ?, ?)"));
    query << taskId << tick.itemId << (tick.ticked ? 1 : 0) << tick.actorKind << tick.actorName
          << tick.atMs;
    return query.exec(error);
}

} // namespace Gatehouse
