#pragma once

#include "core/ServiceError.h"
#include "domain/Actor.h"
#include "domain/Onboarding.h"

#include <QDate>
#include <QString>

#include <optional>

namespace Gatehouse {

class Clock;
class Database;

// Rules about onboardings and their tasks that the console and the portal share. Creating an
// onboarding and every change of a task's status are recorded in the audit trail.
class OnboardingService
{
public:
    OnboardingService(const Database &db, const Clock &clock);

    static constexpr int kMaxNoteLength = 2000;

    qint64 createFromTemplate(qint64 companyId, qint64 templateId, const QString &name,
                              const QDate &startDate, const Actor &actor, ServiceError *error);

    // A contact completes one of their company's client-side standard tasks; ip is the
    // client's address, for the audit trail.
    std::optional<Task> completeAsContact(qint64 taskId, qint64 contactId, qint64 companyId,
                                          const QString &note, const QString &ip,
                                          ServiceError *error);
    std::optional<Task> completeAsContact(qint64 taskId, qint64 contactId, qint64 companyId,
                                          const QString &note, ServiceError *error)
    {
        return completeAsContact(taskId, contactId, companyId, note, QString(), error);
    }
    // Staff set any status on a task of any company in the workspace.
    [[nodiscard]] bool setStatusAsStaff(qint64 taskId, TaskStatus status, const Actor &actor,
                                        ServiceError *error);

private:
    const Database &m_db;
    const Clock &m_clock;
};

} // namespace Gatehouse
