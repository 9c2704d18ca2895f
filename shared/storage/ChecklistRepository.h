#pragma once

#include <QList>
#include <QString>

namespace Gatehouse {

class Database;

// One tick or un-tick of a checklist item.
struct ChecklistTick
{
    QString itemId;
    bool ticked = false;
    QString actorKind; // "staff" or "contact"
    QString actorName;
    qint64 atMs = 0;
};

// Checklist ticks (table checklist_tick): every change is appended, an item's state is its
// newest row. Callers check the task's company before they read or write.
class ChecklistRepository
{
public:
    explicit ChecklistRepository(const Database &db)
        : m_db(db)
    {}

    // The newest tick of every item that has one.
    QList<ChecklistTick> current(qint64 taskId, QString *error) const;
    // Every change, oldest first.
    QList<ChecklistTick> history(qint64 taskId, QString *error) const;
    [[nodiscard]] bool append(qint64 taskId, const ChecklistTick &tick, QString *error);

private:
    const Database &m_db;
};

} // namespace Gatehouse
