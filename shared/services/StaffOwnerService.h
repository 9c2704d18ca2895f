#pragma once

#include "core/ServiceError.h"
#include "domain/Actor.h"
#include "domain/Directory.h"

#include <QList>

namespace Gatehouse {

class Clock;
class Database;

// Who answers for what. An onboarding is owned by the member of staff who started it until
// someone hands it on; a task may have an owner of its own. When a client acts, Gatehouse
// tells the owners rather than every member of staff; where nobody owns the thing (the owner
// has left, or the data predates owners) everyone hears of it, so nothing goes unnoticed.
class StaffOwnerService
{
public:
    StaffOwnerService(const Database &db, const Clock &clock);

    // staffId 0 hands the task back to its onboarding's owner.
    [[nodiscard]] bool assignTask(qint64 taskId, qint64 staffId, const Actor &actor,
                                  ServiceError *error);
    [[nodiscard]] bool assignOnboarding(qint64 onboardingId, qint64 staffId, const Actor &actor,
                                        ServiceError *error);

    // The task's owner, else its onboarding's owner, else every member of staff.
    QList<StaffMember> forTask(qint64 taskId, QString *error) const;
    // The onboarding's owner and its tasks' owners; with onboardingId 0, the owners of all the
    // company's onboardings. Every member of staff when that finds nobody.
    QList<StaffMember> forOnboarding(qint64 onboardingId, qint64 companyId, QString *error) const;

private:
    QList<StaffMember> staffWhere(const QString &condition, const QVariantList &values,
                                  QString *error) const;
    QList<StaffMember> orEveryone(QList<StaffMember> owners, QString *error) const;

    const Database &m_db;
    const Clock &m_clock;
};

} // namespace Gatehouse
