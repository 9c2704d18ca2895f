#pragma once

#include "domain/Onboarding.h"
#include "domain/Template.h"

#include <QList>
#include <QString>

#include <optional>

namespace Gatehouse {

class Database;

// Onboardings with their phases and tasks. Every read a portal makes goes through a
// company-scoped method, so one client can never reach another's rows. Every change made here
// is accompanied, in the same transaction, by a row in the activity table (the services see to
// it): the portal relies on that to know when a cached home page is out of date
// (portalserver/api/HomeCache.h).
class OnboardingRepository
{
public:
    explicit OnboardingRepository(const Database &db)
        : m_db(db)
    {}

    // Copies the template's phases and tasks; call inside a transaction. ownerStaffId 0: none.
    qint64 create(qint64 companyId, const OnboardingTemplate &tmpl, const QString &name,
                  const QDate &startDate, qint64 ownerStaffId, qint64 nowMs, QString *error);

    // Summaries (no phases) with progress, newest first.
    QList<Onboarding> list(qint64 workspaceId, QString *error) const;
    std::optional<Onboarding> get(qint64 id, QString *error) const;
    QList<Onboarding> forCompany(qint64 companyId, QString *error) const;

    // The company a task belongs to; 0 when there is no such task.
    qint64 companyOfTask(qint64 taskId, QString *error) const;
    std::optional<Task> taskForCompany(qint64 taskId, qint64 companyId, QString *error) const;
    // Any task of the workspace, for staff, with the company it belongs to.
    std::optional<Task> taskForStaff(qint64 taskId, qint64 *companyId, QString *error) const;
    // Replaces a task's settings (staff only). Returns the rows changed (0 or 1), -1 on error.
    int setTaskConfig(qint64 taskId, const QJsonObject &config, qint64 nowMs, QString *error);
    // Each kind owns a few keys of the config: this sets those keys and leaves the others
    // alone. Same return as setTaskConfig; call inside a transaction.
    int mergeTaskConfig(qint64 taskId, const QJsonObject &keys, qint64 nowMs, QString *error);
    // The member of staff who answers for a task, or for a whole onboarding; 0 clears it.
    // Return the rows changed (0 or 1), -1 on error.
    int setTaskOwner(qint64 taskId, qint64 staffId, qint64 nowMs, QString *error);
    int setOnboardingOwner(qint64 onboardingId, qint64 staffId, QString *error);
    // Sets a task's status if it belongs to the company and is not already in that status.
    // Returns the number of rows changed (0 or 1), or -1 on a database error.
    int setTaskStatus(qint64 taskId, qint64 companyId, TaskStatus status, const QString &actor,
                      const QString &note, qint64 nowMs, QString *error);

private:
    [[nodiscard]] bool fillPhases(Onboarding &onboarding, QString *error) const;

    const Database &m_db;
};

} // namespace Gatehouse
