#pragma once

#include "core/ServiceError.h"
#include "domain/Actor.h"
#include "domain/Directory.h"
#include "domain/Onboarding.h"
#include "forms/ChecklistDefinition.h"

#include <QList>

#include <optional>

namespace Gatehouse {

class Clock;
class Database;

struct ChecklistItemState
{
    ChecklistItem item;
    bool ticked = false;
    QString byKind; // who changed it last: "staff" or "contact"; empty when nobody has
    QString byName;
    qint64 atMs = 0;
};

struct ChecklistState
{
    Task task;
    QList<ChecklistItemState> items;

    int tickedCount() const;
};

// Checklist tasks (ONB-4): staff write the items, contacts of the task's company and staff
// tick and untick them, each change recorded with who and when. Ticking the last item completes
// the task, any other change makes it in progress. A completed checklist is closed to contacts;
// staff may still untick an item, which reopens it. Every change writes the activity feed and
// the audit trail in the same transaction.
class ChecklistService
{
public:
    ChecklistService(const Database &db, const Clock &clock);

    [[nodiscard]] bool setItems(qint64 taskId, const ChecklistDefinition &definition,
                                const Actor &actor, ServiceError *error);
    std::optional<ChecklistState> stateForStaff(qint64 taskId, ServiceError *error) const;
    std::optional<ChecklistState> stateForContact(qint64 taskId, qint64 companyId,
                                                  ServiceError *error) const;

    std::optional<ChecklistState> tickAsContact(qint64 taskId, const QString &itemId, bool ticked,
                                                qint64 contactId, qint64 companyId,
                                                const QString &ip, ServiceError *error);
    std::optional<ChecklistState> tickAsStaff(qint64 taskId, const QString &itemId, bool ticked,
                                              const Actor &actor, ServiceError *error);

private:
    std::optional<ChecklistState> state(const Task &task, ServiceError *error) const;
    std::optional<ChecklistState> tick(const ChecklistState &before, qint64 companyId,
                                       qint64 workspaceId, const QString &itemId, bool ticked,
                                       const Actor &actor, ServiceError *error);

    const Database &m_db;
    const Clock &m_clock;
};

} // namespace Gatehouse
